/*
 * web.c (store) - users, sessions, login failures, alerts.
 */
#include "store/web.h"
#include "store/store_int.h"
#include "util/err.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

int store_user_put(struct store *s, const char *login, const char *pw_hash, int64_t now,
		   struct err *e)
{
	static const char sql[] =
		"INSERT INTO users(login, pw_hash, created_t) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(login) DO UPDATE SET pw_hash = excluded.pw_hash";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	store__bind_text(st, 1, login);
	store__bind_text(st, 2, pw_hash);
	sqlite3_bind_int64(st, 3, now);
	return store__exec_stmt(s, st, e);
}

int store_user_get(struct store *s, const char *login, struct store_user *u,
		   struct err *e)
{
	static const char sql[] =
		"SELECT id, login, pw_hash, created_t FROM users WHERE login = ?1";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e), step;

	if (rc)
		return rc;
	store__bind_text(st, 1, login);
	step = store__step(s, st);
	if (step == SQLITE_ROW) {
		u->id = sqlite3_column_int64(st, 0);
		COL_TEXT(u->login, 1);
		COL_TEXT(u->pw_hash, 2);
		u->created_t = sqlite3_column_int64(st, 3);
	}
	rc = step == SQLITE_ROW ? 0 : step == SQLITE_DONE ? ERR_NOTFOUND :
		store__steperr(s, e, "read user");
	sqlite3_reset(st);
	return rc;
}

static int scalar(struct store *s, const char *sql, const char *text, int64_t a,
		  int64_t *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	if (text)
		store__bind_text(st, 1, text);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, a);
	if (store__step(s, st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = store__steperr(s, e, "read");
	sqlite3_reset(st);
	return rc;
}

int store_user_count(struct store *s, int64_t *n, struct err *e)
{
	return scalar(s, "SELECT count(*) FROM users", NULL, 0, n, e);
}

int store_session_insert(struct store *s, const unsigned char hash[32], int64_t user_id,
			 const char *csrf, int64_t now, int64_t expires, struct err *e)
{
	static const char sql[] =
		"INSERT INTO sessions(hash, user_id, csrf, created_t, expires_t)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	static const char gc[] = "DELETE FROM sessions WHERE expires_t < ?1";
	sqlite3_stmt *st;
	int rc = store__stmt(s, gc, &st, e);

	if (!rc) {
		sqlite3_bind_int64(st, 1, now);
		rc = store__exec_stmt(s, st, e);
	}
	if (!rc)
		rc = store__stmt(s, sql, &st, e);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, user_id);
	store__bind_text(st, 3, csrf);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, expires);
	return store__exec_stmt(s, st, e);
}

int store_session_find(struct store *s, const unsigned char hash[32], int64_t now,
		       struct store_session *out, struct err *e)
{
	static const char sql[] =
		"SELECT se.id, se.user_id, se.expires_t, u.login, se.csrf, se.hash"
		" FROM sessions se JOIN users u ON u.id = se.user_id"
		" WHERE se.hash = ?1 AND se.expires_t > ?2";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e), step;

	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	step = store__step(s, st);
	if (step == SQLITE_ROW && sqlite3_column_bytes(st, 5) == 32 &&
	    !sodium_memcmp(sqlite3_column_blob(st, 5), hash, 32)) {
		out->id = sqlite3_column_int64(st, 0);
		out->user_id = sqlite3_column_int64(st, 1);
		out->expires_t = sqlite3_column_int64(st, 2);
		COL_TEXT(out->login, 3);
		COL_TEXT(out->csrf, 4);
		rc = 0;
	} else {
		rc = step == SQLITE_ROW || step == SQLITE_DONE ? ERR_NOTFOUND :
			store__steperr(s, e, "read session");
	}
	sqlite3_reset(st);
	return rc;
}

int store_session_delete(struct store *s, const unsigned char hash[32], struct err *e)
{
	static const char sql[] = "DELETE FROM sessions WHERE hash = ?1";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	return store__exec_stmt(s, st, e);
}

int store_login_failure_add(struct store *s, const char *login, int64_t now,
			    struct err *e)
{
	static const char sql[] = "INSERT INTO login_failures(login, t) VALUES (?1, ?2)";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	store__bind_text(st, 1, login);
	sqlite3_bind_int64(st, 2, now);
	return store__exec_stmt(s, st, e);
}

int store_login_failures_since(struct store *s, const char *login, int64_t since,
			       int64_t *n, struct err *e)
{
	return scalar(s, "SELECT count(*) FROM login_failures WHERE login = ?1 AND t >= ?2",
		      login, since, n, e);
}

int store_login_failures_clear(struct store *s, const char *login, struct err *e)
{
	static const char sql[] = "DELETE FROM login_failures WHERE login = ?1";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	store__bind_text(st, 1, login);
	return store__exec_stmt(s, st, e);
}

int store_alert_insert(struct store *s, struct store_alert *a, struct err *e)
{
	static const char sql[] =
		"INSERT INTO alerts(partner_id, place_id, kind, created_t) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, a->partner_id);
	store__bind_id_or_null(st, 2, a->place_id);
	store__bind_text(st, 3, a->kind);
	sqlite3_bind_int64(st, 4, a->created_t);
	rc = store__exec_stmt(s, st, e);
	if (!rc)
		a->id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_alert_handle(struct store *s, int64_t id, int64_t pair_id, int64_t now,
		       struct err *e)
{
	static const char sql[] =
		"UPDATE alerts SET handled_t = ?3, pair_id = ?2 WHERE id = ?1"
		" AND handled_t IS NULL";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	store__bind_id_or_null(st, 2, pair_id);
	sqlite3_bind_int64(st, 3, now);
	rc = store__exec_stmt(s, st, e);
	if (!rc && sqlite3_changes(s->db) == 0)
		rc = err_set(e, ERR_NOTFOUND, "no open alert %lld", (long long)id);
	return rc;
}

static int alert_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_alert a = {
		.id = sqlite3_column_int64(st, 0),
		.partner_id = sqlite3_column_int64(st, 1),
		.place_id = sqlite3_column_int64(st, 3),
		.created_t = sqlite3_column_int64(st, 7),
		.handled_t = sqlite3_column_int64(st, 8),
		.pair_id = sqlite3_column_int64(st, 9),
	};

	COL_TEXT(a.partner, 2);
	COL_TEXT(a.place, 4);
	COL_TEXT(a.place_name, 5);
	COL_TEXT(a.kind, 6);
	return ((store_alert_fn)fn)(&a, ud);
}

int store_alert_each(struct store *s, int open_only, store_alert_fn fn, void *ud,
		     struct err *e)
{
	static const char sql[] =
		"SELECT a.id, a.partner_id, pa.name, ifnull(a.place_id, 0), ifnull(pl.key, ''),"
		" ifnull(pl.name, ''), a.kind, a.created_t, ifnull(a.handled_t, 0),"
		" ifnull(a.pair_id, 0) FROM alerts a JOIN partners pa ON pa.id = a.partner_id"
		" LEFT JOIN places pl ON pl.id = a.place_id"
		" WHERE ?1 = 0 OR a.handled_t IS NULL ORDER BY a.created_t DESC, a.id DESC";

	return store__each1(s, sql, open_only, alert_row, (void *)fn, ud, e);
}
