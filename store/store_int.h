/*
 * store_int.h - shared inside store/ only (double-underscore names).
 * Prepared statements are cached per connection, keyed by the address of
 * their static SQL text; store__stmt hands out a reset statement that stays
 * owned by the cache (never finalise it).
 */
#ifndef STORE_STORE_INT_H
#define STORE_STORE_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include "store/store.h"

#define STORE__CACHE 96

struct store {
	sqlite3 *db;
	char path[1024];
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} cache[STORE__CACHE];
	int ncache;
	int fail_after;		/* fault injection: steps until failure, 0 off */
	int in_tx;
	int injected;		/* the last failed step was injected */
};

/* Migrations: MIGRATIONS[i] takes user_version i to i + 1. */
extern const char *const store__migrations[];
extern const int store__nmigrations;

int store__stmt(struct store *s, const char *sql, sqlite3_stmt **st, struct err *e);

/* Steps a statement that returns no row (or whose rows are ignored) and
 * resets it. Returns 0 or ERR_DB / ERR_CONFLICT (constraint). */
int store__exec_stmt(struct store *s, sqlite3_stmt *st, struct err *e);

/* sqlite3_step with fault injection; returns SQLite's code. */
int store__step(struct store *s, sqlite3_stmt *st);

/* Error for a failed step (injected or SQLite's). */
int store__steperr(struct store *s, struct err *e, const char *what);

/* Runs SQL text with no parameters (schema, pragmas). */
int store__exec(struct store *s, const char *sql, struct err *e);

int store__dberr(struct store *s, struct err *e, const char *what);

/* Binds: text NULL or "" binds NULL when nullable is set. */
void store__bind_text(sqlite3_stmt *st, int i, const char *v);
void store__bind_text_or_null(sqlite3_stmt *st, int i, const char *v);
void store__bind_id_or_null(sqlite3_stmt *st, int i, int64_t id);
void store__col_text(sqlite3_stmt *st, int i, char *dst, size_t cap);

/* Runs a SELECT and calls row(st, fn, ud) for each row; a non-zero return
 * from row stops the walk and is returned. */
typedef int (*store__row_fn)(sqlite3_stmt *st, void *fn, void *ud);
int store__each(struct store *s, const char *sql, store__row_fn row, void *fn,
		void *ud, struct err *e);
/* The same with ?1..?nparam bound to param[] (as many as the statement
 * has); what names the read in a step's error. */
int store__each_bound(struct store *s, const char *sql, const int64_t *param, int nparam,
		      const char *what, store__row_fn row, void *fn, void *ud, struct err *e);
/* The same with ?1 bound to param (if the statement has a parameter). */
int store__each1(struct store *s, const char *sql, int64_t param, store__row_fn row,
		 void *fn, void *ud, struct err *e);

#define COL_TEXT(field, i) store__col_text(st, i, field, sizeof field)

#endif
