/*
 * history.c - visits (effort: when a pair was present at a place) and
 * encounters (anonymous counts of people met).
 */
#include "store/store_int.h"
#include "util/err.h"

static const char SQL_VISIT_UPSERT[] =
	"INSERT INTO visits(pair_id, place_id, start_t, end_t) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT(pair_id, place_id, start_t) DO UPDATE SET end_t = excluded.end_t";

int store_visit_upsert(struct store *s, const struct store_visit *v, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_VISIT_UPSERT, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, v->pair_id);
	sqlite3_bind_int64(st, 2, v->place_id);
	sqlite3_bind_int64(st, 3, v->start);
	sqlite3_bind_int64(st, 4, v->end);
	return store__exec_stmt(s, st, e);
}

/* The conflict target repeats encounters_natural's expressions exactly. */
static const char SQL_ENCOUNTER_UPSERT[] =
	"INSERT INTO encounters(t, place_id, lat, lon, people, new_people, anonymous)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	" ON CONFLICT(t, ifnull(place_id, 0), ifnull(lat, 999), ifnull(lon, 999))"
	" DO UPDATE SET people = excluded.people, new_people = excluded.new_people,"
	" anonymous = excluded.anonymous";

int store_encounter_upsert(struct store *s, const struct store_encounter *x,
			   struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_ENCOUNTER_UPSERT, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, x->time);
	store__bind_id_or_null(st, 2, x->place_id);
	if (x->has_coords) {
		sqlite3_bind_double(st, 3, x->lat);
		sqlite3_bind_double(st, 4, x->lon);
	}
	sqlite3_bind_int(st, 5, x->people);
	sqlite3_bind_int(st, 6, x->new_people);
	sqlite3_bind_int(st, 7, x->anonymous);
	return store__exec_stmt(s, st, e);
}

static int visit_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_visit v = {
		.id = sqlite3_column_int64(st, 0),
		.pair_id = sqlite3_column_int64(st, 1),
		.place_id = sqlite3_column_int64(st, 3),
		.start = sqlite3_column_int64(st, 5),
		.end = sqlite3_column_int64(st, 6),
	};

	COL_TEXT(v.pair, 2);
	COL_TEXT(v.place, 4);
	return ((store_visit_fn)fn)(&v, ud);
}

int store_visit_each(struct store *s, store_visit_fn fn, void *ud, struct err *e)
{
	static const char sql[] =
		"SELECT v.id, v.pair_id, pr.key, v.place_id, pl.key, v.start_t, v.end_t"
		" FROM visits v JOIN pairs pr ON pr.id = v.pair_id"
		" JOIN places pl ON pl.id = v.place_id ORDER BY v.start_t, v.id";

	return store__each(s, sql, visit_row, (void *)fn, ud, e);
}

static int encounter_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_encounter x = {
		.id = sqlite3_column_int64(st, 0),
		.time = sqlite3_column_int64(st, 1),
		.place_id = sqlite3_column_int64(st, 2),
		.has_coords = sqlite3_column_type(st, 4) != SQLITE_NULL,
		.lat = sqlite3_column_double(st, 4),
		.lon = sqlite3_column_double(st, 5),
		.people = sqlite3_column_int(st, 6),
		.new_people = sqlite3_column_int(st, 7),
		.anonymous = sqlite3_column_int(st, 8),
	};

	COL_TEXT(x.place, 3);
	return ((store_encounter_fn)fn)(&x, ud);
}

int store_encounter_each(struct store *s, store_encounter_fn fn, void *ud,
			 struct err *e)
{
	static const char sql[] =
		"SELECT x.id, x.t, x.place_id, p.key, x.lat, x.lon, x.people,"
		" x.new_people, x.anonymous FROM encounters x"
		" LEFT JOIN places p ON p.id = x.place_id ORDER BY x.t, x.id";

	return store__each(s, sql, encounter_row, (void *)fn, ud, e);
}
