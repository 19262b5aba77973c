/*
 * auth.c - team leads' login (argon2id via libsodium), sessions in an
 * HttpOnly SameSite=Strict cookie, a CSRF token per session, and login
 * throttling: after 5 failures for a login within 15 minutes, further
 * attempts are refused until the window has passed.
 */
#include "web/web_int.h"
#include "calendars/token.h"
#include "store/web.h"
#include "util/err.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define THROTTLE_FAILURES 5
#define THROTTLE_SECONDS (15 * 60)
#define COOKIE "outreach_session"

static int secure_cookie(struct web_req *r)
{
	const char *proto = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND,
							 "X-Forwarded-Proto");

	return !strncmp(r->w->base_url, "https://", 8) || (proto && !strcmp(proto, "https"));
}

static void set_cookie(struct web_req *r, struct MHD_Response *resp, const char *value,
		       int max_age)
{
	char c[256];

	snprintf(c, sizeof c, COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
		 value, max_age, secure_cookie(r) ? "; Secure" : "");
	MHD_add_response_header(resp, "Set-Cookie", c);
}

static enum MHD_Result with_cookie(struct web_req *r, json_t *j, const char *value,
				   int max_age)
{
	char *body = json_dumps(j, JSON_COMPACT);
	struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(body), body,
								     MHD_RESPMEM_MUST_COPY);

	json_decref(j);
	free(body);
	MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	web__secure(resp);
	set_cookie(r, resp, value, max_age);
	return web__queue(r, MHD_HTTP_OK, resp, 1);
}

int web__session(struct web_req *r)
{
	const char *v = MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, COOKIE);
	unsigned char hash[32];

	if (!v || !cal_token_valid(v, strlen(v)))
		return ERR_NOTFOUND;
	cal_token_hash(v, strlen(v), hash);
	return store_session_find(r->s, hash, (int64_t)time(NULL), &r->sess, NULL);
}

static int throttled(struct web_req *r, const char *login, int64_t now)
{
	int64_t n = 0;

	store_login_failures_since(r->s, login, now - THROTTLE_SECONDS, &n, NULL);
	return n >= THROTTLE_FAILURES;
}

static int check_password(struct web_req *r, const char *login, const char *pw,
			  struct store_user *u)
{
	int found = store_user_get(r->s, login, u, NULL) == 0;

	/* Verify even for an unknown login, so timing does not tell which
	 * logins exist. */
	if (!found)
		snprintf(u->pw_hash, sizeof u->pw_hash, "%s", r->w->dummy_hash);
	return crypto_pwhash_str_verify(u->pw_hash, pw, strlen(pw)) == 0 && found;
}

static enum MHD_Result start_session(struct web_req *r, const struct store_user *u,
				     int64_t now)
{
	char token[CAL_TOKEN_LEN + 1], csrf[CAL_TOKEN_LEN + 1];
	unsigned char hash[32], unused[32];
	struct err e = { 0 };

	cal_token_new(token, hash);
	cal_token_new(csrf, unused);
	if (store_session_insert(r->s, hash, u->id, csrf, now, now + WEB_SESSION_SECONDS, &e))
		return web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "session");
	return with_cookie(r, json_pack("{s:s,s:s}", "login", u->login, "csrf", csrf), token,
			   WEB_SESSION_SECONDS);
}

enum MHD_Result web__login(struct web_req *r)
{
	enum MHD_Result res;
	json_t *j = web__body_json(r, &res);
	const char *login, *pw;
	struct store_user u;
	int64_t now = (int64_t)time(NULL);

	if (!j)
		return res;
	login = json_string_value(json_object_get(j, "login"));
	pw = json_string_value(json_object_get(j, "password"));
	if (!login || !*login || strlen(login) > STORE_KEY_MAX)
		res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "login", "give a login");
	else if (!pw || strlen(pw) > 1024)
		res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "password", "give a password");
	else if (throttled(r, login, now))
		res = web__field_error(r, MHD_HTTP_TOO_MANY_REQUESTS, "login",
				       "too many failed attempts; wait 15 minutes");
	else if (!check_password(r, login, pw, &u)) {
		store_login_failure_add(r->s, login, now, NULL);
		res = web__field_error(r, MHD_HTTP_UNAUTHORIZED, "password",
				       "wrong login or password");
	} else {
		store_login_failures_clear(r->s, login, NULL);
		res = start_session(r, &u, now);
	}
	json_decref(j);
	return res;
}

enum MHD_Result web__logout(struct web_req *r)
{
	const char *v = MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, COOKIE);
	unsigned char hash[32];

	cal_token_hash(v, strlen(v), hash);
	store_session_delete(r->s, hash, NULL);
	return with_cookie(r, json_pack("{s:b}", "ok", 1), "", 0);
}

enum MHD_Result web__me(struct web_req *r)
{
	return web__json(r, MHD_HTTP_OK, json_pack("{s:s,s:s}", "login", r->sess.login,
						     "csrf", r->sess.csrf));
}

/* Public: whether this browser is logged in (200 either way, so that the
 * app's first look is not an error). */
enum MHD_Result web__session_get(struct web_req *r)
{
	if (web__session(r))
		return web__json(r, MHD_HTTP_OK, json_pack("{s:n}", "login"));
	return web__me(r);
}
