/*
 * http.c - responses (JSON, errors, bytes, files) with the security
 * headers every response carries, request helpers, HTTP dates.
 */
#define _XOPEN_SOURCE 700	/* strptime */
#include "web/web_int.h"
#include "util/buf.h"
#include "util/err.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* No inline scripts or styles anywhere: the pages load their code from
 * /static; map tiles are drawn from our own street layer. */
#define CSP "default-src 'self'; script-src 'self'; style-src 'self'; " \
	    "img-src 'self' data:; connect-src 'self'; object-src 'none'; " \
	    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

void web__secure(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	/* Personal links carry a secret: never leak it in a Referer. */
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
}

static struct MHD_Response *json_bytes(const char *body)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), (void *)body,
								  MHD_RESPMEM_MUST_COPY);

	MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	web__secure(r);
	return r;
}

static struct MHD_Response *error_response(const char *field, const char *msg)
{
	json_t *j = field ? json_pack("{s:s,s:s}", "error", msg, "field", field) :
			    json_pack("{s:s}", "error", msg);
	char *body = json_dumps(j, JSON_COMPACT);
	struct MHD_Response *r = json_bytes(body);

	free(body);
	json_decref(j);
	return r;
}

struct MHD_Response *web__json_response(const char *msg)
{
	return error_response(NULL, msg);
}

static enum MHD_Result queue_once(struct web_req *r, unsigned status,
				  struct MHD_Response *resp)
{
	return web__queue(r, status, resp, 1);
}

enum MHD_Result web__field_error(struct web_req *r, unsigned status, const char *field,
				 const char *msg)
{
	return queue_once(r, status, error_response(field, msg));
}

enum MHD_Result web__error(struct web_req *r, unsigned status, const char *msg)
{
	switch (status) {	/* constant responses, built once */
	case MHD_HTTP_NOT_FOUND:
		return web__queue(r, status, r->w->not_found, 0);
	case MHD_HTTP_GONE:
		return web__queue(r, status, r->w->gone, 0);
	case MHD_HTTP_INTERNAL_SERVER_ERROR:
		return web__queue(r, status, r->w->server_error, 0);
	default:
		return web__field_error(r, status, NULL, msg);
	}
}

enum MHD_Result web__json(struct web_req *r, unsigned status, json_t *j)
{
	char *body = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(9));
	enum MHD_Result rc;

	json_decref(j);
	if (!body)
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "json");
	rc = queue_once(r, status, json_bytes(body));
	free(body);
	return rc;
}

enum MHD_Result web__bytes(struct web_req *r, unsigned status, const char *type,
			   const void *p, size_t n)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(n, (void *)p,
								     MHD_RESPMEM_MUST_COPY);

	MHD_add_response_header(resp, "Content-Type", type);
	web__secure(resp);
	return queue_once(r, status, resp);
}

/* Does the request's Content-Type name this media type (parameters such as
 * "; charset=utf-8" allowed, case-insensitive)? */
static int type_is(struct web_req *r, const char *want)
{
	const char *t = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND,
						    MHD_HTTP_HEADER_CONTENT_TYPE);
	size_t n = strlen(want);

	if (!t)
		return 0;
	while (*t == ' ' || *t == '\t')
		t++;
	return !strncasecmp(t, want, n) && (!t[n] || t[n] == ';' || t[n] == ' ');
}

int web__require_type(struct web_req *r, const char *want, enum MHD_Result *res)
{
	char msg[160];

	if (type_is(r, want))
		return 0;
	/* A cross-site form can post text/plain, form-urlencoded or multipart
	 * bodies without a preflight; other types cannot be sent that way. */
	snprintf(msg, sizeof msg, "the body must be sent as Content-Type: %s", want);
	*res = web__field_error(r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "Content-Type", msg);
	return -1;
}

json_t *web__body_json(struct web_req *r, enum MHD_Result *res)
{
	json_error_t je;
	json_t *j;
	char msg[300];

	if (web__require_type(r, "application/json", res))
		return NULL;
	j = r->body_len ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
	if (json_is_object(j))
		return j;
	json_decref(j);
	snprintf(msg, sizeof msg, "the body must be a JSON object%s%s",
		 r->body_len ? ": " : "", r->body_len ? je.text : "");
	*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "body", msg);
	return NULL;
}

const char *web__query(struct web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->c, MHD_GET_ARGUMENT_KIND, name);
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

/* ---- files ------------------------------------------------------------ */
static const char *mime(const char *path)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" }, { ".css", "text/css; charset=utf-8" },
		{ ".png", "image/png" }, { ".svg", "image/svg+xml" },
		{ ".json", "application/json" }, { ".ico", "image/x-icon" },
	};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (!strcmp(dot, types[i][0]))
			return types[i][1];
	return "application/octet-stream";
}

/* Only plain relative names: letters, digits, '-', '_', '.', '/', no "..". */
static int safe_path(const char *p)
{
	if (!*p || *p == '/' || strstr(p, ".."))
		return 0;
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("-_./", *p)))
			return 0;
	return 1;
}

static enum MHD_Result file(struct web_req *r, const char *dir, const char *name)
{
	char path[1400];
	struct stat sb;
	struct MHD_Response *resp;
	int fd;

	if (!safe_path(name))
		return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
	snprintf(path, sizeof path, "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
	}
	resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);	/* closes fd */
	MHD_add_response_header(resp, "Content-Type", mime(name));
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	web__secure(resp);
	return queue_once(r, MHD_HTTP_OK, resp);
}

enum MHD_Result web__static(struct web_req *r, const char *path)
{
	static const char *const vendor[][2] = {
		{ "leaflet/", "/usr/share/javascript/leaflet" },
		{ "chart.js/", "/usr/share/javascript/chart.js" },
	};

	if (!strncmp(r->url, "/vendor/", 8)) {
		for (size_t i = 0; i < sizeof vendor / sizeof vendor[0]; i++) {
			size_t n = strlen(vendor[i][0]);

			if (!strncmp(path, vendor[i][0], n))
				return file(r, vendor[i][1], path + n);
		}
		return web__error(r, MHD_HTTP_NOT_FOUND, "not found");
	}
	return file(r, r->w->static_dir, path);
}

/* HTML pages: the lead's app, a worker's page, a partner's page. */
enum MHD_Result web__page(struct web_req *r)
{
	if (!strcmp(r->url, "/"))
		return file(r, r->w->static_dir, "index.html");
	if (!strcmp(r->url, "/sw.js"))	/* at the root, so that it may control /w/ */
		return file(r, r->w->static_dir, "sw.js");
	if (!strcmp(r->url, "/favicon.ico"))
		return file(r, r->w->static_dir, "icon.svg");
	if (!strncmp(r->url, "/w/", 3))
		return file(r, r->w->static_dir, "worker.html");
	if (!strncmp(r->url, "/p/", 3))
		return file(r, r->w->static_dir, "partner.html");
	return web__static(r, r->arg[0]);
}
