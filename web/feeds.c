/*
 * feeds.c - GET /feeds/TOKEN.ics with a strong ETag, Last-Modified and
 * 304s. Rendered feeds are cached per token and content version as ready
 * MHD responses (200 and 304), so a poll is two indexed reads and no
 * iCalendar work. Fetch times are counted in memory and written at most
 * once a minute per feed (and at shutdown).
 */
#include "web/web_int.h"
#include "calendars/feed.h"
#include "calendars/token.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FETCH_FLUSH_SECONDS 60

struct entry {
	int64_t token_id, version, last_modified;
	struct MHD_Response *ok, *not_modified;
	char etag[48];
	int64_t fetches, last_fetch, flushed_at;
};

struct web__feed_cache {
	pthread_mutex_t mu;
	struct entry *v;
	int n;
};

struct web__feed_cache *web__feed_cache_new(void)
{
	struct web__feed_cache *c = xcalloc(1, sizeof *c);

	pthread_mutex_init(&c->mu, NULL);
	return c;
}

void web__feed_cache_free(struct web__feed_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++) {
		if (c->v[i].ok)
			MHD_destroy_response(c->v[i].ok);
		if (c->v[i].not_modified)
			MHD_destroy_response(c->v[i].not_modified);
	}
	pthread_mutex_destroy(&c->mu);
	free(c->v);
	free(c);
}

/* Caller holds the lock. */
static struct entry *find(struct web__feed_cache *c, int64_t token_id)
{
	for (int i = 0; i < c->n; i++)
		if (c->v[i].token_id == token_id)
			return &c->v[i];
	c->v = xrealloc(c->v, (size_t)(c->n + 1) * sizeof *c->v);
	memset(&c->v[c->n], 0, sizeof c->v[c->n]);
	c->v[c->n].token_id = token_id;
	c->v[c->n].version = -1;
	return &c->v[c->n++];
}

static void headers(struct MHD_Response *r, const struct entry *x)
{
	char lm[40];

	web__http_date(x->last_modified, lm);
	MHD_add_response_header(r, "ETag", x->etag);
	MHD_add_response_header(r, "Last-Modified", lm);
	MHD_add_response_header(r, "Cache-Control", "private, no-cache");
	web__secure(r);
}

/* Builds the cached responses for the entry from the rendered bytes. */
static void fill(struct entry *x, char *ics, size_t len, int64_t version,
		 int64_t last_modified)
{
	unsigned char h[16];
	char hex[33];

	crypto_generichash(h, sizeof h, (unsigned char *)ics, len, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	snprintf(x->etag, sizeof x->etag, "\"%s\"", hex);
	if (x->ok)	/* responses in flight keep their own reference */
		MHD_destroy_response(x->ok);
	if (x->not_modified)
		MHD_destroy_response(x->not_modified);
	x->version = version;
	x->last_modified = last_modified;
	x->ok = MHD_create_response_from_buffer(len, ics, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(x->ok, "Content-Type", "text/calendar; charset=utf-8");
	headers(x->ok, x);
	x->not_modified = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
	headers(x->not_modified, x);
}

static int etag_matches(const char *inm, const char *etag)
{
	const char *p = inm;
	size_t n = strlen(etag);

	if (!strcmp(inm, "*"))
		return 1;
	while ((p = strstr(p, etag + 1)) != NULL) {	/* skip W/ and quotes */
		if (p > inm && p[-1] == '"' && p[n - 2] == '"')
			return 1;
		p++;
	}
	return 0;
}

static int not_modified(struct MHD_Connection *c, const struct entry *x)
{
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						      MHD_HTTP_HEADER_IF_NONE_MATCH);
	const char *ims;
	int64_t t;

	if (inm)	/* If-None-Match wins over If-Modified-Since (RFC 9110) */
		return etag_matches(inm, x->etag);
	ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
					  MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
	if (!ims)
		return 0;
	t = web__parse_http_date(ims);
	return t >= 0 && x->last_modified <= t;
}

static void count_fetch(struct web_server *w, struct store *s, struct entry *x)
{
	int64_t now = (int64_t)time(NULL);

	x->fetches++;
	x->last_fetch = now;
	if (now - x->flushed_at < FETCH_FLUSH_SECONDS)
		return;
	if (!store_feed_token_fetched(s, x->token_id, x->last_fetch, x->fetches, NULL)) {
		x->fetches = 0;
		x->flushed_at = now;
	}
	(void)w;
}

void web__feed_flush_fetches(struct web_server *w)
{
	struct store *s = NULL;
	struct err e = { 0 };

	if (!w->feeds || store_open(w->db_path, &s, &e))
		return;
	pthread_mutex_lock(&w->feeds->mu);
	for (int i = 0; i < w->feeds->n; i++) {
		struct entry *x = &w->feeds->v[i];

		if (x->fetches && !store_feed_token_fetched(s, x->token_id, x->last_fetch,
							   x->fetches, NULL))
			x->fetches = 0;
	}
	pthread_mutex_unlock(&w->feeds->mu);
	store_close(s);
}

static int render(struct web_req *r, struct store *s, const struct store_feed_token *t,
		  const char *token, struct entry *x, int64_t version)
{
	struct cal_feed_opts o = {
		.kind = t->kind, .subject_id = t->subject_id, .show_names = t->show_names,
		.base_url = r->w->base_url, .token = token,
	};
	char lang[8];
	char *ics = NULL;
	size_t len = 0;
	int64_t lm = 0;
	struct err e = { 0 };
	int rc = store_setting_get(s, "language", "fi", lang, sizeof lang, &e);

	o.lang = lang;
	if (!rc)
		rc = cal_feed_render(s, &o, &ics, &len, &lm, &e);
	if (rc) {
		fprintf(stderr, "outreach: serve: feed %lld: %s\n", (long long)t->id, e.msg);
		return rc;
	}
	fill(x, ics, len, version, lm > t->created_t ? lm : t->created_t);
	return 0;
}

enum MHD_Result web__feed_get(struct web_req *r)
{
	const char *rest = r->arg[0];
	size_t n = strlen(rest);
	struct store_feed_token t;
	unsigned char hash[32];
	struct store *s;
	struct entry *x;
	int64_t version = 0;
	enum MHD_Result res;
	int rc;

	if (n < 5 || strcmp(rest + n - 4, ".ics") || !cal_token_valid(rest, n - 4))
		return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
	s = r->s;
	cal_token_hash(rest, n - 4, hash);
	rc = store_feed_token_find(s, hash, &t, NULL);
	if (rc == ERR_NOTFOUND)
		return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
	if (!rc && t.revoked_t)
		return web__error(r, MHD_HTTP_GONE, "revoked");
	if (!rc)
		rc = store_content_version(s, &version, NULL);
	if (rc)
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "database");
	pthread_mutex_lock(&r->w->feeds->mu);
	x = find(r->w->feeds, t.id);
	rc = x->version == version ? 0 : render(r, s, &t, rest, x, version);
	if (rc) {
		pthread_mutex_unlock(&r->w->feeds->mu);
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "feed");
	}
	count_fetch(r->w, s, x);
	if (not_modified(r->c, x))
		res = MHD_queue_response(r->c, MHD_HTTP_NOT_MODIFIED, x->not_modified);
	else
		res = MHD_queue_response(r->c, MHD_HTTP_OK, x->ok);
	pthread_mutex_unlock(&r->w->feeds->mu);
	return res;
}
