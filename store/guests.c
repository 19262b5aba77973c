/*
 * guests.c - guests of the network and their joins (see guests.h).
 */
#include "store/guests.h"
#include "store/store_int.h"
#include "util/err.h"

#include <stdio.h>
#include <string.h>

const char *const store_guest_kinds[] = {
	"nurse", "dental", "rescue", "parish", "social_services", "other", NULL,
};

int store_guest_insert(struct store *s, struct store_guest *g, struct err *e)
{
	static const char sql[] =
		"INSERT INTO guests(partner_id, kind, label, created_t) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	store__bind_id_or_null(st, 1, g->partner_id);
	store__bind_text(st, 2, g->kind);
	store__bind_text(st, 3, g->label);
	sqlite3_bind_int64(st, 4, g->created_t);
	rc = store__exec_stmt(s, st, e);
	if (!rc)
		g->id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

#define GUEST_COLS                                                              \
	"g.id, ifnull(g.partner_id, 0), ifnull(pa.key, ''), g.kind, g.label, g.created_t"

static void guest_cols(sqlite3_stmt *st, int i, struct store_guest *g)
{
	g->id = sqlite3_column_int64(st, i);
	g->partner_id = sqlite3_column_int64(st, i + 1);
	store__col_text(st, i + 2, g->partner, sizeof g->partner);
	store__col_text(st, i + 3, g->kind, sizeof g->kind);
	store__col_text(st, i + 4, g->label, sizeof g->label);
	g->created_t = sqlite3_column_int64(st, i + 5);
}

static int guest_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_guest g;

	guest_cols(st, 0, &g);
	return ((store_guest_fn)fn)(&g, ud);
}

static int copy_guest(const struct store_guest *g, void *ud)
{
	*(struct store_guest *)ud = *g;
	return 1;
}

int store_guest_get(struct store *s, int64_t id, struct store_guest *g, struct err *e)
{
	static const char sql[] = "SELECT " GUEST_COLS " FROM guests g"
		" LEFT JOIN partners pa ON pa.id = g.partner_id WHERE g.id = ?1";
	int rc = store__each1(s, sql, id, guest_row, (void *)copy_guest, g, e);

	if (rc == 1)
		return 0;
	return rc ? rc : err_set(e, ERR_NOTFOUND, "no guest %lld", (long long)id);
}

int store_guest_each(struct store *s, store_guest_fn fn, void *ud, struct err *e)
{
	static const char sql[] = "SELECT " GUEST_COLS " FROM guests g"
		" LEFT JOIN partners pa ON pa.id = g.partner_id ORDER BY g.id";

	return store__each(s, sql, guest_row, (void *)fn, ud, e);
}

int store_guest_join_put(struct store *s, struct store_guest_join *j, struct err *e)
{
	static const char sql[] =
		"INSERT INTO guest_joins(guest_id, shift_id, commitment_id, day,"
		" meet_place_id, status, created_t, changed_t)"
		" VALUES (?1, ?2, ?3, ?4, ?5, 'joined', ?6, ?6)"
		" ON CONFLICT (guest_id, ifnull(shift_id, 0), ifnull(commitment_id, 0),"
		" ifnull(day, -1)) DO UPDATE SET status = 'joined',"
		" meet_place_id = excluded.meet_place_id, changed_t = excluded.changed_t"
		" RETURNING id";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, j->guest_id);
	store__bind_id_or_null(st, 2, j->shift_id);
	store__bind_id_or_null(st, 3, j->commitment_id);
	if (j->day)
		sqlite3_bind_int64(st, 4, j->day);
	else
		sqlite3_bind_null(st, 4);
	store__bind_id_or_null(st, 5, j->meet_place_id);
	sqlite3_bind_int64(st, 6, j->created_t);
	rc = store__step(s, st);
	if (rc == SQLITE_ROW)
		j->id = sqlite3_column_int64(st, 0);
	while (rc == SQLITE_ROW)
		rc = store__step(s, st);
	rc = rc == SQLITE_DONE ? 0 : store__steperr(s, e, "guest join");
	sqlite3_reset(st);
	return rc;
}

#define JOIN_SELECT                                                             \
	"SELECT j.id, j.guest_id, ifnull(j.shift_id, 0), ifnull(j.commitment_id, 0),"  \
	" ifnull(j.day, 0), ifnull(j.meet_place_id, 0), ifnull(pl.key, ''),"          \
	" ifnull(pl.name, ''), j.status, j.created_t, j.changed_t, " GUEST_COLS        \
	" FROM guest_joins j JOIN guests g ON g.id = j.guest_id"                       \
	" LEFT JOIN partners pa ON pa.id = g.partner_id"                               \
	" LEFT JOIN places pl ON pl.id = j.meet_place_id"

static int join_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_guest_join j = {
		.id = sqlite3_column_int64(st, 0),
		.guest_id = sqlite3_column_int64(st, 1),
		.shift_id = sqlite3_column_int64(st, 2),
		.commitment_id = sqlite3_column_int64(st, 3),
		.day = sqlite3_column_int64(st, 4),
		.meet_place_id = sqlite3_column_int64(st, 5),
		.created_t = sqlite3_column_int64(st, 9),
		.changed_t = sqlite3_column_int64(st, 10),
	};

	COL_TEXT(j.meet_place, 6);
	COL_TEXT(j.meet_name, 7);
	COL_TEXT(j.status, 8);
	guest_cols(st, 11, &j.guest);
	return ((store_guest_join_fn)fn)(&j, ud);
}

static int copy_join(const struct store_guest_join *j, void *ud)
{
	*(struct store_guest_join *)ud = *j;
	return 1;
}

int store_guest_join_get(struct store *s, int64_t id, struct store_guest_join *j,
			 struct err *e)
{
	int rc = store__each1(s, JOIN_SELECT " WHERE j.id = ?1", id, join_row,
			      (void *)copy_join, j, e);

	if (rc == 1)
		return 0;
	return rc ? rc : err_set(e, ERR_NOTFOUND, "no guest join %lld", (long long)id);
}

int store_guest_join_cancel(struct store *s, int64_t id, int64_t now, struct err *e)
{
	static const char sql[] = "UPDATE guest_joins SET status = 'cancelled',"
		" changed_t = ?2 WHERE id = ?1 AND status = 'joined'";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	rc = store__exec_stmt(s, st, e);
	if (!rc && sqlite3_changes(s->db) == 0)
		rc = err_set(e, ERR_NOTFOUND, "no joined guest with join id %lld",
			     (long long)id);
	return rc;
}

int store_guest_join_each_of_shift(struct store *s, int64_t shift_id,
				   store_guest_join_fn fn, void *ud, struct err *e)
{
	static const char sql[] = JOIN_SELECT
		" WHERE j.shift_id = ?1 OR j.commitment_id IN (SELECT c.id FROM commitments c"
		" JOIN shifts sh ON sh.id = ?1 AND sh.weekday = c.weekday"
		" JOIN stops st ON st.shift_id = sh.id AND st.exception_id IS NULL"
		" AND st.why = 'commitment' AND st.place_id = c.place_id"
		" AND st.arrive_min < c.end_min AND st.leave_min > c.start_min)"
		" ORDER BY j.id";

	return store__each1(s, sql, shift_id, join_row, (void *)fn, ud, e);
}

int store_guest_join_each(struct store *s, store_guest_join_fn fn, void *ud,
			  struct err *e)
{
	return store__each(s, JOIN_SELECT " ORDER BY j.id", join_row, (void *)fn, ud, e);
}
