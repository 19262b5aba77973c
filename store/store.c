#include "store/store_int.h"
#include "util/buf.h"
#include "util/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_schema_latest(void)
{
	return store__nmigrations;
}

int store__dberr(struct store *s, struct err *e, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);
	int rc = (code & 0xff) == SQLITE_CONSTRAINT ? ERR_CONFLICT : ERR_DB;

	return err_set(e, rc, "%s: %s", what, sqlite3_errmsg(s->db));
}

int store__exec(struct store *s, const char *sql, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, ERR_DB, "%s", msg ? msg : "sqlite error");
		sqlite3_free(msg);
		return ERR_DB;
	}
	return 0;
}

int store__stmt(struct store *s, const char *sql, sqlite3_stmt **st, struct err *e)
{
	for (int i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			*st = s->cache[i].st;
			sqlite3_reset(*st);
			sqlite3_clear_bindings(*st);
			return 0;
		}
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) !=
	    SQLITE_OK) {
		*st = NULL;
		return store__dberr(s, e, "prepare");
	}
	if (s->ncache < STORE__CACHE) {
		s->cache[s->ncache].sql = sql;
		s->cache[s->ncache].st = *st;
		s->ncache++;
		return 0;
	}
	sqlite3_finalize(*st);	/* cache full: a design error, caught in tests */
	*st = NULL;
	return err_set(e, ERR_INTERNAL, "statement cache full");
}

int store__step(struct store *s, sqlite3_stmt *st)
{
	if (s->fail_after > 0 && --s->fail_after == 0) {
		s->injected = 1;
		return SQLITE_IOERR;
	}
	return sqlite3_step(st);
}

int store__steperr(struct store *s, struct err *e, const char *what)
{
	if (s->injected) {
		s->injected = 0;
		return err_set(e, ERR_DB, "%s: injected fault", what);
	}
	return store__dberr(s, e, what);
}

int store__exec_stmt(struct store *s, sqlite3_stmt *st, struct err *e)
{
	int rc = store__step(s, st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = store__steperr(s, e, "write");
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return 0;
}

void store_fail_after(struct store *s, int nth_step)
{
	s->fail_after = nth_step;
}

void store__bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

void store__bind_text_or_null(sqlite3_stmt *st, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void store__bind_id_or_null(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

void store__col_text(sqlite3_stmt *st, int i, char *dst, size_t cap)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

static int read_version(struct store *s, int *v, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return store__dberr(s, e, "read schema version");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store__dberr(s, e, "read schema version");
	return 0;
}

static int migrate(struct store *s, struct err *e)
{
	int v = 0, rc;
	char sql[64];

	rc = read_version(s, &v, e);
	if (rc)
		return rc;
	if (v > store__nmigrations)
		return err_set(e, ERR_VERSION,
			       "%s: schema version %d is newer than this binary's %d; "
			       "use a newer outreach", s->path, v, store__nmigrations);
	for (; v < store__nmigrations; v++) {
		rc = store__exec(s, "BEGIN IMMEDIATE", e);
		if (rc)
			return err_prefix(e, "migrate");
		rc = store__exec(s, store__migrations[v], e);
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if (!rc)
			rc = store__exec(s, sql, e);
		if (!rc)
			rc = store__exec(s, "COMMIT", e);
		if (rc) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return err_prefix(e, "%s: migrate to schema %d", s->path, v + 1);
		}
	}
	return 0;
}

int store_open(const char *path, struct store **out, struct err *e)
{
	struct store *s = xcalloc(1, sizeof *s);
	int rc;

	*out = NULL;
	snprintf(s->path, sizeof s->path, "%s", path);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = err_set(e, ERR_IO, "%s: cannot open database: %s", path,
			     s->db ? sqlite3_errmsg(s->db) : "out of memory");
		store_close(s);
		return rc;
	}
	sqlite3_busy_timeout(s->db, 5000);
	rc = store__exec(s, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;"
			 "PRAGMA synchronous = NORMAL;", e);
	if (rc) {
		err_prefix(e, "%s", path);
		if (strstr(e ? e->msg : "", "not a database"))
			rc = ERR_IO;
	}
	if (!rc)
		rc = migrate(s, e);
	if (rc) {
		store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	sqlite3_close(s->db);
	free(s);
}

int store_schema_version(struct store *s)
{
	int v = -1;

	read_version(s, &v, NULL);
	return v;
}

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_BEGIN_READ[] = "BEGIN DEFERRED";

int store_begin(struct store *s, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_BEGIN, &st, e);

	if (!rc)
		rc = store__exec_stmt(s, st, e);
	if (!rc)
		s->in_tx = 1;
	return rc ? err_prefix(e, "begin transaction") : 0;
}

int store_begin_read(struct store *s, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_BEGIN_READ, &st, e);

	if (!rc)
		rc = store__exec_stmt(s, st, e);
	if (!rc)
		s->in_tx = 1;
	return rc ? err_prefix(e, "begin read transaction") : 0;
}

int store_commit(struct store *s, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_COMMIT, &st, e);

	if (!rc)
		rc = store__exec_stmt(s, st, e);
	if (rc) {
		store_rollback(s);
		return err_prefix(e, "commit");
	}
	s->in_tx = 0;
	return 0;
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
}
