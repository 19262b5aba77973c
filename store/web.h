/*
 * web.h (store) - logins, sessions, login throttling and partner alerts.
 * Passwords are stored as libsodium argon2id strings; session secrets only
 * as their BLAKE2b hash. Ownership, threads, errors: as store.h.
 */
#ifndef STORE_WEB_H
#define STORE_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct store_user {
	int64_t id;
	char login[STORE_KEY_MAX + 1];
	char pw_hash[192];
	int64_t created_t;
};

/* Upsert by login (a new password replaces the old one). */
int store_user_put(struct store *s, const char *login, const char *pw_hash, int64_t now,
		   struct err *e);
int store_user_get(struct store *s, const char *login, struct store_user *u,
		   struct err *e);	/* ERR_NOTFOUND */
int store_user_count(struct store *s, int64_t *n, struct err *e);

struct store_session {
	int64_t id, user_id, expires_t;
	char login[STORE_KEY_MAX + 1];
	char csrf[64];
};

int store_session_insert(struct store *s, const unsigned char hash[32], int64_t user_id,
			 const char *csrf, int64_t now, int64_t expires, struct err *e);
/* A live session (expires after now) with this hash, or ERR_NOTFOUND. */
int store_session_find(struct store *s, const unsigned char hash[32], int64_t now,
		       struct store_session *out, struct err *e);
int store_session_delete(struct store *s, const unsigned char hash[32], struct err *e);

/* Login failures: record one; count those since a time; forget a login's. */
int store_login_failure_add(struct store *s, const char *login, int64_t now,
			    struct err *e);
int store_login_failures_since(struct store *s, const char *login, int64_t since,
			       int64_t *n, struct err *e);
int store_login_failures_clear(struct store *s, const char *login, struct err *e);

struct store_alert {
	int64_t id, partner_id, place_id, pair_id, created_t, handled_t;
	char partner[STORE_NAME_MAX + 1], place[STORE_KEY_MAX + 1];
	char place_name[STORE_NAME_MAX + 1];
	char kind[16];
};

int store_alert_insert(struct store *s, struct store_alert *a, struct err *e);
int store_alert_handle(struct store *s, int64_t id, int64_t pair_id, int64_t now,
		       struct err *e);
typedef int (*store_alert_fn)(const struct store_alert *, void *ud);
/* Alerts newest first; only open ones if open_only. */
int store_alert_each(struct store *s, int open_only, store_alert_fn fn, void *ud,
		     struct err *e);

#endif
