/*
 * server.c - libmicrohttpd setup, the route table, per-thread stores,
 * one log line per request, clean shutdown.
 */
#define _XOPEN_SOURCE 700	/* strptime */
#include "web/web_int.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef enum MHD_Result (*route_fn)(struct web_req *r, const char *rest);

static const struct {
	const char *method, *prefix;
	route_fn fn;
} ROUTES[] = {
	{ "GET", "/feeds/", web__feed_get },
};

static void close_store(void *p)
{
	store_close(p);
}

struct store *web__store(struct web_server *w)
{
	struct store *s = pthread_getspecific(w->store_key);
	struct err e = { 0 };

	if (s)
		return s;
	if (store_open(w->db_path, &s, &e)) {
		fprintf(stderr, "outreach: serve: %s\n", e.msg);
		return NULL;
	}
	pthread_setspecific(w->store_key, s);
	return s;
}

static struct MHD_Response *json_response(const char *msg)
{
	json_t *j = json_pack("{s:s}", "error", msg);
	char *body = json_dumps(j, JSON_COMPACT);
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), body,
								  MHD_RESPMEM_MUST_COPY);

	MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	free(body);
	json_decref(j);
	return r;
}

enum MHD_Result web__error(struct web_req *r, unsigned status, const char *msg)
{
	struct MHD_Response *resp;
	enum MHD_Result rc;

	switch (status) {	/* constant responses, built once */
	case MHD_HTTP_NOT_FOUND:
		return MHD_queue_response(r->c, status, r->w->not_found);
	case MHD_HTTP_GONE:
		return MHD_queue_response(r->c, status, r->w->gone);
	case MHD_HTTP_INTERNAL_SERVER_ERROR:
		return MHD_queue_response(r->c, status, r->w->server_error);
	default:
		break;
	}
	resp = json_response(msg);
	rc = MHD_queue_response(r->c, status, resp);
	MHD_destroy_response(resp);
	return rc;
}

void web__http_date(int64_t t, char out[40])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 40, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

int64_t web__parse_http_date(const char *s)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (!end || *end)
		return -1;
	return (int64_t)timegm(&tm);
}

struct req_state {
	struct timespec t0;
	char method[12];
	char log_path[256];
	unsigned status;
};

/* The log shows paths without secrets: a feed token becomes {token}. */
static void mask_path(const char *url, char *out, size_t cap)
{
	if (!strncmp(url, "/feeds/", 7))
		snprintf(out, cap, "/feeds/{token}.ics");
	else if (!strncmp(url, "/w/", 3) || !strncmp(url, "/p/", 3))
		snprintf(out, cap, "%.3s{token}%s", url, strchr(url + 3, '/') ?
			 strchr(url + 3, '/') : "");
	else
		snprintf(out, cap, "%.200s", url);
}

static enum MHD_Result dispatch(void *cls, struct MHD_Connection *c, const char *url,
				const char *method, const char *version,
				const char *upload, size_t *upload_size, void **con_cls)
{
	struct web_server *w = cls;
	struct req_state *st = *con_cls;
	struct web_req r = { .w = w, .c = c, .method = method, .url = url };
	int known_path = 0;

	(void)version;
	(void)upload;
	if (!st) {	/* first call for this request: headers only */
		st = xcalloc(1, sizeof *st);
		clock_gettime(CLOCK_MONOTONIC, &st->t0);
		mask_path(url, st->log_path, sizeof st->log_path);
		snprintf(st->method, sizeof st->method, "%s", method);
		*con_cls = st;
		return MHD_YES;
	}
	if (*upload_size) {	/* no route takes a body yet */
		*upload_size = 0;
		return MHD_YES;
	}
	for (size_t i = 0; i < sizeof ROUTES / sizeof ROUTES[0]; i++) {
		size_t n = strlen(ROUTES[i].prefix);

		if (strncmp(url, ROUTES[i].prefix, n))
			continue;
		known_path = 1;
		if (!strcmp(method, ROUTES[i].method) ||
		    (!strcmp(method, "HEAD") && !strcmp(ROUTES[i].method, "GET")))
			return ROUTES[i].fn(&r, url + n);
	}
	if (known_path)
		return MHD_queue_response(c, MHD_HTTP_METHOD_NOT_ALLOWED, w->bad_method);
	return web__error(&r, MHD_HTTP_NOT_FOUND, "not found");
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	struct web_server *w = cls;
	struct req_state *st = *con_cls;
	const union MHD_ConnectionInfo *ci;
	struct timespec t1;
	double ms;

	(void)toe;
	if (!st)
		return;
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_HTTP_STATUS);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - st->t0.tv_sec) * 1e3 +
	     (double)(t1.tv_nsec - st->t0.tv_nsec) / 1e6;
	if (!w->o.quiet)	/* one write per line: lines never interleave */
		fprintf(stderr, "%s %s %u %.2fms\n", st->method, st->log_path,
			ci ? ci->http_status : 0, ms);
	free(st);
	*con_cls = NULL;
}

static void build_constants(struct web_server *w)
{
	w->not_found = json_response("unknown or mistyped address");
	w->gone = json_response("this link has been revoked; ask your team lead for a "
				"new one");
	w->bad_method = json_response("method not allowed");
	MHD_add_response_header(w->bad_method, "Allow", "GET, HEAD");
	w->server_error = json_response("internal error; see the server log");
}

int web_start(const struct web_opts *o, struct web_server **out, struct err *e)
{
	struct web_server *w = xcalloc(1, sizeof *w);
	struct store *probe = NULL;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	const union MHD_DaemonInfo *di;
	int rc;

	*out = NULL;
	w->o = *o;
	snprintf(w->bind, sizeof w->bind, "%s", o->bind ? o->bind : "127.0.0.1");
	snprintf(w->db_path, sizeof w->db_path, "%s", o->db_path);
	if (inet_pton(AF_INET, w->bind, &sa.sin_addr) != 1) {
		free(w);
		return err_set(e, ERR_USAGE, "--bind: '%s' is not an IPv4 address", o->bind);
	}
	sa.sin_port = htons((uint16_t)o->port);
	rc = store_open(w->db_path, &probe, e);	/* migrate once, up front */
	store_close(probe);
	if (rc) {
		free(w);
		return rc;
	}
	pthread_key_create(&w->store_key, close_store);
	w->feeds = web__feed_cache_new();
	build_constants(w);
	w->d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG,
				(uint16_t)o->port, NULL, NULL, dispatch, w,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
				MHD_OPTION_THREAD_POOL_SIZE,
				(unsigned)(o->threads > 0 ? o->threads : 2 * (cores > 0 ? cores : 1)),
				MHD_OPTION_NOTIFY_COMPLETED, completed, w,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
				MHD_OPTION_END);
	if (!w->d) {
		web_stop(w);
		return err_set(e, ERR_IO, "cannot listen on %s:%d (in use?)",
			       o->bind ? o->bind : "127.0.0.1", o->port);
	}
	di = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_BIND_PORT);
	w->port = di ? di->port : o->port;
	if (o->base_url)
		snprintf(w->base_url, sizeof w->base_url, "%s", o->base_url);
	else
		snprintf(w->base_url, sizeof w->base_url, "http://%s:%d", w->bind, w->port);
	*out = w;
	return 0;
}

int web_port(const struct web_server *w)
{
	return w->port;
}

const char *web_base_url(const struct web_server *w)
{
	return w->base_url;
}

void web_stop(struct web_server *w)
{
	if (!w)
		return;
	if (w->d)
		MHD_stop_daemon(w->d);
	web__feed_flush_fetches(w);
	web__feed_cache_free(w->feeds);
	MHD_destroy_response(w->not_found);
	MHD_destroy_response(w->gone);
	MHD_destroy_response(w->bad_method);
	MHD_destroy_response(w->server_error);
	pthread_key_delete(w->store_key);
	free(w);
}

int web_serve(const struct web_opts *o, struct err *e)
{
	struct web_server *w;
	sigset_t set;
	int sig, rc;

	/* Pool threads inherit the mask: only sigwait below sees the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	rc = web_start(o, &w, e);
	if (rc)
		return rc;
	printf("outreach: serving %s on %s (database %s)\n"
	       "Map data (c) OpenStreetMap contributors. Stop with Ctrl-C.\n",
	       w->base_url, w->bind, w->db_path);
	fflush(stdout);
	sigwait(&set, &sig);
	fprintf(stderr, "outreach: serve: %s, stopping\n", sig == SIGTERM ? "SIGTERM" :
		"SIGINT");
	web_stop(w);
	return 0;
}
