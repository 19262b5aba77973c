/*
 * web_int.h - shared inside web/: the request context, responses and the
 * route table.
 */
#ifndef WEB_WEB_INT_H
#define WEB_WEB_INT_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdint.h>

#include "web/web.h"

struct store;
struct web__feed_cache;

struct web_server {
	struct MHD_Daemon *d;
	struct web_opts o;
	char bind[64], base_url[256], db_path[1024];
	int port;
	pthread_key_t store_key;	/* per-thread SQLite connection */
	struct web__feed_cache *feeds;
	struct MHD_Response *not_found, *gone, *bad_method, *server_error;
};

struct web_req {
	struct web_server *w;
	struct MHD_Connection *c;
	const char *method, *url;
	char log_path[256];	/* the URL with secrets masked, for the log */
};

/* This thread's database connection (opened on first use); NULL on error. */
struct store *web__store(struct web_server *w);

/* Queues a JSON error {"error": msg} with status. */
enum MHD_Result web__error(struct web_req *r, unsigned status, const char *msg);

/* Routes. */
enum MHD_Result web__feed_get(struct web_req *r, const char *rest);

/* Feed cache. */
struct web__feed_cache *web__feed_cache_new(void);
void web__feed_cache_free(struct web__feed_cache *c);
void web__feed_flush_fetches(struct web_server *w);

/* "Sun, 06 Nov 1994 08:49:37 GMT" and back; -1 if unparsable. */
void web__http_date(int64_t t, char out[40]);
int64_t web__parse_http_date(const char *s);

#endif
