/*
 * web.h - `outreach serve`: the HTTP server (libmicrohttpd, epoll, thread
 * pool). Each pool thread has its own SQLite connection; feeds are cached
 * per feed and content version, so a poll costs no iCalendar work.
 * Ownership: web_start's handle belongs to the caller (web_stop).
 * Errors: 0 or a negative ERR_* with text in struct err.
 */
#ifndef WEB_WEB_H
#define WEB_WEB_H

struct err;
struct web_server;

struct web_opts {
	const char *db_path;
	const char *bind;	/* address to listen on; NULL: 127.0.0.1 */
	int port;		/* 0: any free port (see web_port) */
	int threads;		/* pool size; 0: 2 per core */
	const char *base_url;	/* public URL for links; NULL: http://bind:port */
	int quiet;		/* no request log */
	const char *static_dir;	/* pages and scripts; NULL: found beside the binary */
};

int web_start(const struct web_opts *o, struct web_server **out, struct err *e);
int web_port(const struct web_server *w);
const char *web_base_url(const struct web_server *w);

/* Stops accepting, waits for requests in flight, writes fetch counts. */
void web_stop(struct web_server *w);

/* Starts, prints the URL, runs until SIGINT or SIGTERM, then stops. */
int web_serve(const struct web_opts *o, struct err *e);

#endif
