/*
 * server.c - libmicrohttpd setup, the route table, per-thread stores,
 * one log line per request, clean shutdown.
 */
#include "web/web_int.h"
#include "calendars/token.h"
#include "planner/model/model.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

#include <arpa/inet.h>
#include <sodium.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* SLOW: may take long (a model fit, a plan, the walking graph's first load,
 * the street layer): runs on the slow pool, off the connection's thread. */
#define SLOW 1
#define FAST 0

static const struct route {
	const char *method, *pattern;	/* '*' one segment, '**' the rest */
	enum web_auth auth;
	web_handler fn;
	int slow;
} ROUTES[] = {
	{ "GET", "/feeds/*", WEB_PUBLIC, web__feed_get, FAST },
	{ "GET", "/", WEB_PUBLIC, web__page, FAST },
	{ "GET", "/w/*", WEB_PUBLIC, web__page, FAST },
	{ "GET", "/w/*/shifts/*", WEB_LINK, web__link_gpx, SLOW },
	{ "GET", "/p/*", WEB_PUBLIC, web__page, FAST },
	{ "GET", "/static/**", WEB_PUBLIC, web__page, FAST },
	{ "GET", "/vendor/**", WEB_PUBLIC, web__page, FAST },
	{ "POST", "/api/login", WEB_PUBLIC, web__login, FAST },
	{ "POST", "/api/logout", WEB_LEAD, web__logout, FAST },
	{ "GET", "/api/me", WEB_LEAD, web__me, FAST },
	{ "GET", "/api/session", WEB_PUBLIC, web__session_get, FAST },
	{ "GET", "/favicon.ico", WEB_PUBLIC, web__page, FAST },
	{ "GET", "/sw.js", WEB_PUBLIC, web__page, FAST },
	{ "GET", "/api/data/*", WEB_LEAD, web__api_list, FAST },
	{ "POST", "/api/import/*", WEB_LEAD, web__api_import, FAST },
	{ "GET", "/api/feeds", WEB_LEAD, web__api_feeds, FAST },
	{ "POST", "/api/feeds", WEB_LEAD, web__api_feed_create, FAST },
	{ "POST", "/api/feeds/*/rotate", WEB_LEAD, web__api_feed_rotate, FAST },
	{ "POST", "/api/feeds/*/revoke", WEB_LEAD, web__api_feed_revoke, FAST },
	{ "GET", "/api/alerts", WEB_LEAD, web__api_alerts, FAST },
	{ "POST", "/api/alerts/*/handle", WEB_LEAD, web__api_alert_handle, FAST },
	{ "GET", "/api/shifts", WEB_LEAD, web__api_shifts, FAST },
	{ "GET", "/api/forecast", WEB_LEAD, web__api_forecast, SLOW },
	{ "GET", "/api/forecast/backtest", WEB_LEAD, web__api_backtest, SLOW },
	{ "GET", "/api/places/suggest", WEB_LEAD, web__api_suggest, SLOW },
	{ "GET", "/api/places/choices", WEB_LEAD, web__api_choices, FAST },
	{ "POST", "/api/places/*/*", WEB_LEAD, web__api_place_choice, FAST },
	{ "GET", "/api/streets", WEB_LEAD, web__api_streets, SLOW },
	{ "GET", "/api/field", WEB_LEAD, web__api_field, SLOW },
	{ "GET", "/api/field.csv", WEB_LEAD, web__api_field_csv, SLOW },
	/* the decision makers' report (report/) */
	{ "GET", "/api/report", WEB_LEAD, web__api_report, SLOW },
	{ "POST", "/api/plan", WEB_LEAD, web__api_plan_run, SLOW },
	{ "GET", "/api/plan/*", WEB_LEAD, web__api_plan_get, FAST },
	{ "POST", "/api/plan/*/publish", WEB_LEAD, web__api_plan_publish, FAST },
	{ "POST", "/api/replan", WEB_LEAD, web__api_replan, SLOW },
	{ "GET", "/api/shifts/*/route", WEB_LEAD, web__api_shift_route, SLOW },
	{ "POST", "/api/shifts/*/*", WEB_LEAD, web__api_shift_change, FAST },
	{ "GET", "/api/link/*/me", WEB_LINK, web__link_me, FAST },
	{ "GET", "/api/link/*/shifts", WEB_LINK, web__link_shifts, FAST },
	{ "GET", "/api/link/*/alerts", WEB_LINK, web__link_alerts, FAST },
	{ "GET", "/api/link/*/route/*", WEB_LINK, web__link_route, SLOW },
	{ "GET", "/api/link/*/streets/*", WEB_LINK, web__link_streets, SLOW },
	/* Phones' entries wait for SQLite's one writer: on the slow pool, so
	 * that a burst of them never holds up feeds and pages. */
	{ "POST", "/api/link/*/log", WEB_LINK, web__link_log_put, SLOW },
	{ "GET", "/api/link/*/log", WEB_LINK, web__link_log_get, FAST },
	{ "GET", "/api/link/*/places", WEB_LINK, web__link_places, FAST },
	{ "POST", "/api/link/*/alert", WEB_LINK, web__link_alert, FAST },
};

/* Matches url against pattern, filling r->arg[] with the '*' parts. */
static int match(const char *pattern, const char *url, struct web_req *r)
{
	int n = 0;

	while (*pattern && *url) {
		if (pattern[0] == '*' && pattern[1] == '*') {
			snprintf(r->argbuf[n], sizeof r->argbuf[n], "%s", url);
			r->arg[n] = r->argbuf[n];
			return strlen(url) < sizeof r->argbuf[n];
		}
		if (*pattern == '*') {
			size_t k = strcspn(url, "/");

			if (!k || k >= sizeof r->argbuf[n] || n == 3)
				return 0;
			memcpy(r->argbuf[n], url, k);
			r->argbuf[n][k] = '\0';
			r->arg[n] = r->argbuf[n];
			n++;
			url += k;
			pattern++;
			continue;
		}
		if (*pattern++ != *url++)
			return 0;
	}
	return !*pattern && !*url;
}

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

struct req_state {
	struct timespec t0;
	char method[12];
	char log_path[256];
	struct buf body;
	int too_big;
	struct web__job *job;	/* on the slow pool */
};

/* The log shows paths without secrets: tokens become {token}. */
static void mask_path(const char *url, char *out, size_t cap)
{
	static const char *const secret_prefix[] = { "/feeds/", "/w/", "/p/", "/api/link/" };

	for (size_t i = 0; i < sizeof secret_prefix / sizeof *secret_prefix; i++) {
		size_t n = strlen(secret_prefix[i]);
		const char *rest;

		if (strncmp(url, secret_prefix[i], n))
			continue;
		rest = url + n + strcspn(url + n, "/.");
		snprintf(out, cap, "%s{token}%.120s", secret_prefix[i], rest);
		return;
	}
	snprintf(out, cap, "%.200s", url);
}

static int csrf_ok(struct web_req *r)
{
	const char *h = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "X-CSRF-Token");
	size_t n = strlen(r->sess.csrf);

	return h && strlen(h) == n && !sodium_memcmp(h, r->sess.csrf, n);
}

/* Checks the route's rights; on refusal queues the error into *res. */
static int authorise(struct web_req *r, const struct route *rt, enum MHD_Result *res)
{
	unsigned char hash[32];

	if (rt->auth == WEB_LEAD) {
		if (web__session(r)) {
			*res = web__error(r, MHD_HTTP_UNAUTHORIZED, "log in first");
			return -1;
		}
		if (strcmp(r->method, "GET") && !csrf_ok(r)) {
			*res = web__error(r, MHD_HTTP_FORBIDDEN, "missing or wrong CSRF token");
			return -1;
		}
	} else if (rt->auth == WEB_LINK) {
		r->link_token = r->arg[0];
		if (!cal_token_valid(r->link_token, strlen(r->link_token))) {
			*res = web__error(r, MHD_HTTP_NOT_FOUND, "not found");
			return -1;
		}
		cal_token_hash(r->link_token, strlen(r->link_token), hash);
		if (store_feed_token_find(r->s, hash, &r->link, NULL)) {
			*res = web__error(r, MHD_HTTP_NOT_FOUND, "not found");
			return -1;
		}
		if (r->link.revoked_t) {
			*res = web__error(r, MHD_HTTP_GONE, "revoked");
			return -1;
		}
	}
	return 0;
}

static enum MHD_Result route(struct web_req *r, struct web__job **job)
{
	int path_known = 0;

	for (size_t i = 0; i < sizeof ROUTES / sizeof ROUTES[0]; i++) {
		const struct route *rt = &ROUTES[i];

		memset(r->arg, 0, sizeof r->arg);
		if (!match(rt->pattern, r->url, r))
			continue;
		path_known = 1;
		if (strcmp(r->method, rt->method) &&
		    !(!strcmp(r->method, "HEAD") && !strcmp(rt->method, "GET")))
			continue;
		{
			enum MHD_Result res = MHD_NO;

			if (authorise(r, rt, &res))
				return res;
		}
		if (rt->slow && !web__slow_submit(r, rt->fn, job))
			return MHD_YES;	/* answered when the job is done */
		return rt->fn(r);
	}
	if (path_known)
		return web__queue(r, MHD_HTTP_METHOD_NOT_ALLOWED, r->w->bad_method, 0);
	return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
}

static enum MHD_Result dispatch(void *cls, struct MHD_Connection *c, const char *url,
				const char *method, const char *version,
				const char *upload, size_t *upload_size, void **con_cls)
{
	struct web_server *w = cls;
	struct req_state *st = *con_cls;
	struct web_req r = { .w = w, .c = c, .method = method, .url = url };

	(void)version;
	if (!st) {	/* first call for this request: headers only */
		st = xcalloc(1, sizeof *st);
		clock_gettime(CLOCK_MONOTONIC, &st->t0);
		mask_path(url, st->log_path, sizeof st->log_path);
		snprintf(st->method, sizeof st->method, "%s", method);
		buf_init(&st->body);
		*con_cls = st;
		return MHD_YES;
	}
	if (*upload_size) {	/* a chunk of the body */
		if (st->body.len + *upload_size > WEB_BODY_MAX)
			st->too_big = 1;
		else
			buf_add(&st->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (st->job)	/* resumed: the slow pool has the answer */
		return web__slow_answer(st->job);
	if (st->too_big)
		return web__error(&r, MHD_HTTP_CONTENT_TOO_LARGE, "the upload is larger than "
				  "16 MiB");
	r.body = st->body.p ? st->body.p : "";
	r.body_len = st->body.len;
	r.s = web__store(w);
	if (!r.s)
		return web__error(&r, MHD_HTTP_INTERNAL_SERVER_ERROR, "database");
	return route(&r, &st->job);
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
	web__slow_job_free(st->job);
	buf_release(&st->body);
	free(st);
	*con_cls = NULL;
}

static void build_constants(struct web_server *w)
{
	w->not_found = web__json_response("unknown or mistyped address");
	w->gone = web__json_response("this link has been revoked; ask your team lead for a "
				"new one");
	w->bad_method = web__json_response("method not allowed");
	MHD_add_response_header(w->bad_method, "Allow", "GET, HEAD, POST");
	w->server_error = web__json_response("internal error; see the server log");
}

/* web/static beside the binary (installed or in the build tree), or in the
 * working directory. */
static int find_static(const struct web_opts *o, char *out, size_t cap)
{
	const char *env = getenv("OUTREACH_STATIC");
	char exe[1024], probe[1200];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	const char *rel[] = { "/web/static", "/../web/static", "/../../web/static" };

	if (o->static_dir || (env && *env)) {
		snprintf(out, cap, "%s", o->static_dir ? o->static_dir : env);
		return 0;
	}
	if (n > 0) {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
			snprintf(probe, sizeof probe, "%s%s/index.html", exe, rel[i]);
			if (access(probe, R_OK) == 0) {
				snprintf(out, cap, "%s%s", exe, rel[i]);
				return 0;
			}
		}
	}
	snprintf(out, cap, "web/static");
	return access("web/static/index.html", R_OK);
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
	if (find_static(o, w->static_dir, sizeof w->static_dir))
		fprintf(stderr, "outreach: serve: web/static not found; set OUTREACH_STATIC "
			"(feeds work, pages do not)\n");
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
	{
		char pw[CAL_TOKEN_LEN + 1];
		unsigned char unused[32];

		cal_token_new(pw, unused);
		if (crypto_pwhash_str(w->dummy_hash, pw, strlen(pw),
				      crypto_pwhash_OPSLIMIT_INTERACTIVE,
				      crypto_pwhash_MEMLIMIT_INTERACTIVE))
			w->dummy_hash[0] = '\0';
	}
	w->feeds = web__feed_cache_new();
	w->cache = web__cache_new();
	w->models = web__models_new();
	w->slow = web__slow_new(w, cores > 2 ? (int)cores : 2);
	build_constants(w);
	w->d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
				MHD_ALLOW_SUSPEND_RESUME,
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
	web__slow_stop(w->slow);	/* answers what is queued: none stay suspended */
	if (w->d)
		MHD_stop_daemon(w->d);
	web__slow_free(w->slow);
	web__feed_flush_fetches(w);
	web__feed_cache_free(w->feeds);
	web__cache_free(w->cache);
	web__models_free(w->models);
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
