/*
 * web_int.h - shared inside web/: the request, responses, routes.
 * A route says who may call it: anyone (PUBLIC), a logged-in team lead
 * (LEAD: session cookie, and a CSRF header on every change), or the holder
 * of a personal link (LINK: a worker's or partner's token in the path,
 * with only that link's rights).
 */
#ifndef WEB_WEB_INT_H
#define WEB_WEB_INT_H

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdint.h>

#include "planner/model/model.h"
#include "store/plans.h"
#include "store/web.h"
#include "web/web.h"

struct err;
struct store;
struct web__feed_cache;
struct web__cache;
struct web__models;
struct web__slow;
struct web__job;

#define WEB_BODY_MAX (16u << 20)	/* uploads: CSV files up to 16 MiB */
#define WEB_SESSION_SECONDS (12 * 3600)

struct web_server {
	struct MHD_Daemon *d;
	struct web_opts o;
	char bind[64], base_url[256], db_path[1024], static_dir[1024];
	int port;
	pthread_key_t store_key;	/* per-thread SQLite connection */
	struct web__feed_cache *feeds;
	struct web__cache *cache;	/* GET answers of the lead's API */
	struct web__models *models;	/* the fitted model, per content version */
	struct web__slow *slow;		/* threads for the slow routes */
	struct MHD_Response *not_found, *gone, *bad_method, *server_error;
	char dummy_hash[192];	/* verified for unknown logins: equal timing */
};

enum web_auth { WEB_PUBLIC, WEB_LEAD, WEB_LINK };

struct web_req {
	struct web_server *w;
	struct MHD_Connection *c;
	const char *method, *url;
	const char *body;		/* NUL-terminated upload, "" if none */
	size_t body_len;
	const char *arg[4];		/* '*' segments of the route pattern */
	char argbuf[4][256];
	struct store *s;
	struct store_session sess;	/* LEAD routes */
	struct store_feed_token link;	/* LINK routes */
	const char *link_token;
	struct web__job *job;		/* on the slow pool: the answer is kept */
};

typedef enum MHD_Result (*web_handler)(struct web_req *r);

/* This thread's database connection (opened on first use); NULL on error. */
struct store *web__store(struct web_server *w);

/* A JSON error response {"error": msg} with the secure headers. */
struct MHD_Response *web__json_response(const char *msg);

/* Adds the headers every response carries (CSP, nosniff, referrer...). */
void web__secure(struct MHD_Response *resp);

/* Queues a JSON error {"error": msg[, "field": field]} with status. */
enum MHD_Result web__error(struct web_req *r, unsigned status, const char *msg);
enum MHD_Result web__field_error(struct web_req *r, unsigned status, const char *field,
				 const char *msg);

/* Queues j (a reference is taken over) as JSON with status. */
enum MHD_Result web__json(struct web_req *r, unsigned status, json_t *j);

/* Queues resp with status on r's connection; own: resp was made for this
 * answer and is released here, else it lives as long as the server or a
 * lock the caller holds. On the slow pool the answer is kept in the job,
 * and queued by the connection's thread (slow.c). Every answer of a route
 * that may run there goes through here. */
enum MHD_Result web__queue(struct web_req *r, unsigned status, struct MHD_Response *resp,
			   int own);

/* Queues bytes with a content type (copied). */
enum MHD_Result web__bytes(struct web_req *r, unsigned status, const char *type,
			   const void *p, size_t n);

/* 0 if the request's Content-Type is `want` (e.g. "application/json");
 * else -1 after queueing a 415 with a JSON error naming the header. */
int web__require_type(struct web_req *r, const char *want, enum MHD_Result *res);

/* The request body as a JSON object sent as application/json, or NULL
 * after queueing a 415 (other Content-Type) or a 400 (not an object). */
json_t *web__body_json(struct web_req *r, enum MHD_Result *res);

/* A query argument or NULL. */
const char *web__query(struct web_req *r, const char *name);

/* Static files from the static folder or Debian's javascript packages. */
enum MHD_Result web__static(struct web_req *r, const char *path);

/* Route handlers, by file. */
enum MHD_Result web__feed_get(struct web_req *r);			/* feeds.c */
enum MHD_Result web__login(struct web_req *r);				/* auth.c */
enum MHD_Result web__logout(struct web_req *r);
enum MHD_Result web__me(struct web_req *r);
enum MHD_Result web__session_get(struct web_req *r);
int web__session(struct web_req *r);	/* 0: r->sess set; else no session */
enum MHD_Result web__api_list(struct web_req *r);			/* api.c */
enum MHD_Result web__api_import(struct web_req *r);
enum MHD_Result web__api_feeds(struct web_req *r);
enum MHD_Result web__api_feed_create(struct web_req *r);
enum MHD_Result web__api_feed_rotate(struct web_req *r);
enum MHD_Result web__api_feed_revoke(struct web_req *r);
enum MHD_Result web__api_alerts(struct web_req *r);
enum MHD_Result web__api_alert_handle(struct web_req *r);
enum MHD_Result web__api_shifts(struct web_req *r);
enum MHD_Result web__api_shift_change(struct web_req *r);
enum MHD_Result web__api_forecast(struct web_req *r);			/* forecast.c */
enum MHD_Result web__api_backtest(struct web_req *r);
enum MHD_Result web__api_suggest(struct web_req *r);
enum MHD_Result web__link_alerts(struct web_req *r);			/* links.c */
enum MHD_Result web__api_streets(struct web_req *r);			/* routes.c */
enum MHD_Result web__link_streets(struct web_req *r);			/* routes.c */
enum MHD_Result web__link_log_put(struct web_req *r);			/* field.c */
enum MHD_Result web__link_log_get(struct web_req *r);			/* field.c */
enum MHD_Result web__link_places(struct web_req *r);			/* field.c */
enum MHD_Result web__api_field(struct web_req *r);			/* field.c */
enum MHD_Result web__api_field_csv(struct web_req *r);			/* field.c */
enum MHD_Result web__api_report(struct web_req *r);			/* report.c */
enum MHD_Result web__api_plan_run(struct web_req *r);			/* plan.c */
enum MHD_Result web__api_plan_get(struct web_req *r);
enum MHD_Result web__api_plan_publish(struct web_req *r);
enum MHD_Result web__api_replan(struct web_req *r);
enum MHD_Result web__api_choices(struct web_req *r);
enum MHD_Result web__api_place_choice(struct web_req *r);
enum MHD_Result web__api_shift_route(struct web_req *r);
enum MHD_Result web__link_route(struct web_req *r);
enum MHD_Result web__link_gpx(struct web_req *r);
enum MHD_Result web__link_me(struct web_req *r);			/* links.c */
enum MHD_Result web__link_shifts(struct web_req *r);
enum MHD_Result web__link_alert(struct web_req *r);
enum MHD_Result web__page(struct web_req *r);				/* server.c */

/* Response cache (cache.c): web__cached queues the answer for key into
 * *res and returns 1 if one built at this content version is cached;
 * web__cache_json queues j (taken over) and keeps it. */
struct web__cache *web__cache_new(void);
void web__cache_free(struct web__cache *c);
int web__cached(struct web_req *r, const char *key, int64_t version,
		enum MHD_Result *res);
enum MHD_Result web__cache_json(struct web_req *r, const char *key, int64_t version,
				json_t *j);

/* The fitted model (model.c): the encounter model and each of its places'
 * observed history (index: plan_model_place_index), from one snapshot of
 * the data at content version `version`. Read-only once built.
 * web__model_get: the model for the current content version, fitting it
 * if the data changed (one thread fits, the others wait); 0 and *out is a
 * reference the caller gives back with web__model_put, else an ERR_* and
 * *out is NULL. */
struct web__history {
	double presence[PLAN_HOURS_OF_WEEK];	/* hours of presence */
	double people[PLAN_HOURS_OF_WEEK];	/* people met */
};
struct web__model {
	int64_t version;
	struct plan_model *m;
	struct web__history *history;
	int refs;	/* guarded by the holder's lock */
};
struct web__models *web__models_new(void);
void web__models_free(struct web__models *h);	/* after the last put */
int web__model_get(struct web_server *w, struct store *s, const struct web__model **out,
		   struct err *e);
void web__model_put(struct web_server *w, const struct web__model *m);
int web__hour_of_week(int64_t t);	/* local Europe/Helsinki, 0..167 */

/* The slow pool (slow.c): web__slow_new starts threads (0: none, every
 * route runs on the libmicrohttpd threads); web__slow_stop runs what is
 * queued, resumes those connections and joins (submit fails from then
 * on); web__slow_free stops and frees. web__slow_submit suspends
 * r's connection and queues fn(r) on a copy of r; 0 and *out is the job
 * (the caller's to free with web__slow_job_free once the request is
 * completed), -1 if the pool is stopped or empty (run it in place).
 * web__slow_answer queues the job's answer on the resumed connection. */
struct web__slow *web__slow_new(struct web_server *w, int threads);
void web__slow_stop(struct web__slow *p);
void web__slow_free(struct web__slow *p);	/* NULL is a no-op */
int web__slow_submit(struct web_req *r, web_handler fn, struct web__job **out);
enum MHD_Result web__slow_answer(struct web__job *j);
void web__slow_job_free(struct web__job *j);	/* NULL is a no-op */

/* Feed cache. */
struct web__feed_cache *web__feed_cache_new(void);
void web__feed_cache_free(struct web__feed_cache *c);
void web__feed_flush_fetches(struct web_server *w);

/* Occurrences of stored shifts in [from_day, to_day) as JSON (shifts.c). */
json_t *web__occurrences(struct store *s, enum store_feed_kind kind, int64_t subject,
			 int64_t from_day, int64_t to_day, int with_names);

/* "Sun, 06 Nov 1994 08:49:37 GMT" and back; -1 if unparsable. */
void web__http_date(int64_t t, char out[40]);
int64_t web__parse_http_date(const char *s);

#endif
