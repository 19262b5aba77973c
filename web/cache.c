/*
 * cache.c - ready responses for GET requests of the lead's API, keyed by
 * what the answer depends on (path, query, day) and valid while the
 * database's content_version is the one they were built from. A repeat
 * read costs one indexed query and no JSON work. A request on the slow
 * pool gets a copy: its answer is queued later, when the slot may have
 * been replaced.
 */
#include "web/web_int.h"
#include "util/buf.h"

#include <stdlib.h>
#include <string.h>

#define SLOTS 128

struct slot {
	char key[256];
	int64_t version;
	uint64_t used;
	struct MHD_Response *resp;
	const char *body;	/* resp's bytes, freed with it */
	size_t len;
};

struct web__cache {
	pthread_mutex_t mu;
	struct slot v[SLOTS];
	uint64_t clock;
};

struct web__cache *web__cache_new(void)
{
	struct web__cache *c = xcalloc(1, sizeof *c);

	pthread_mutex_init(&c->mu, NULL);
	return c;
}

void web__cache_free(struct web__cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < SLOTS; i++)
		if (c->v[i].resp)
			MHD_destroy_response(c->v[i].resp);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

static struct MHD_Response *json_response(size_t len, const char *body,
					  enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body, mode);

	MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	web__secure(resp);
	return resp;
}

/* Caller holds the lock. */
static enum MHD_Result queue(struct web_req *r, const struct slot *s)
{
	if (r->job)
		return web__queue(r, MHD_HTTP_OK,
				  json_response(s->len, s->body, MHD_RESPMEM_MUST_COPY), 1);
	return web__queue(r, MHD_HTTP_OK, s->resp, 0);
}

int web__cached(struct web_req *r, const char *key, int64_t version,
		enum MHD_Result *res)
{
	struct web__cache *c = r->w->cache;
	int hit = 0;

	pthread_mutex_lock(&c->mu);
	for (int i = 0; i < SLOTS && !hit; i++) {
		struct slot *s = &c->v[i];

		if (s->resp && s->version == version && !strcmp(s->key, key)) {
			s->used = ++c->clock;
			*res = queue(r, s);
			hit = 1;
		}
	}
	pthread_mutex_unlock(&c->mu);
	return hit;
}

enum MHD_Result web__cache_json(struct web_req *r, const char *key, int64_t version,
				json_t *j)
{
	struct web__cache *c = r->w->cache;
	char *body = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(9));
	struct MHD_Response *resp;
	struct slot *victim = &c->v[0];
	enum MHD_Result rc;

	json_decref(j);
	if (!body)
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "json");
	resp = json_response(strlen(body), body, MHD_RESPMEM_MUST_FREE);
	pthread_mutex_lock(&c->mu);
	for (int i = 0; i < SLOTS; i++) {	/* the same key, else the least used */
		if (!strcmp(c->v[i].key, key) || !c->v[i].resp) {
			victim = &c->v[i];
			break;
		}
		if (c->v[i].used < victim->used)
			victim = &c->v[i];
	}
	if (victim->resp)	/* requests in flight keep their own reference */
		MHD_destroy_response(victim->resp);
	snprintf(victim->key, sizeof victim->key, "%s", key);
	victim->version = version;
	victim->used = ++c->clock;
	victim->resp = resp;
	victim->body = body;
	victim->len = strlen(body);
	rc = queue(r, victim);
	pthread_mutex_unlock(&c->mu);
	return rc;
}
