/*
 * report.c - period reads for the decision makers' report (report/).
 */
#include "store/report.h"
#include "store/store_int.h"
#include "util/err.h"

static int each_in(struct store *s, const char *sql, int64_t from_t, int64_t to_t,
		   store__row_fn row, void *fn, void *ud, struct err *e)
{
	const int64_t param[] = { from_t, to_t };

	return store__each_bound(s, sql, param, 2, "report", row, fn, ud, e);
}

static int visit_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_visit v = {
		.id = sqlite3_column_int64(st, 0),
		.pair_id = sqlite3_column_int64(st, 1),
		.place_id = sqlite3_column_int64(st, 2),
		.start = sqlite3_column_int64(st, 3),
		.end = sqlite3_column_int64(st, 4),
	};

	return ((store_visit_fn)fn)(&v, ud);
}

int store_visit_each_in(struct store *s, int64_t from_t, int64_t to_t, store_visit_fn fn,
			void *ud, struct err *e)
{
	static const char sql[] =
		"SELECT id, pair_id, place_id, start_t, end_t FROM visits"
		" WHERE start_t >= ?1 AND start_t < ?2 ORDER BY start_t, id";

	return each_in(s, sql, from_t, to_t, visit_row, (void *)fn, ud, e);
}

static int encounter_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_encounter x = {
		.id = sqlite3_column_int64(st, 0),
		.time = sqlite3_column_int64(st, 1),
		.place_id = sqlite3_column_int64(st, 2),
		.has_coords = sqlite3_column_type(st, 3) != SQLITE_NULL,
		.lat = sqlite3_column_double(st, 3),
		.lon = sqlite3_column_double(st, 4),
		.people = sqlite3_column_int(st, 5),
		.new_people = sqlite3_column_int(st, 6),
		.anonymous = sqlite3_column_int(st, 7),
	};

	return ((store_encounter_fn)fn)(&x, ud);
}

int store_encounter_each_in(struct store *s, int64_t from_t, int64_t to_t,
			    store_encounter_fn fn, void *ud, struct err *e)
{
	static const char sql[] =
		"SELECT id, t, ifnull(place_id, 0), lat, lon, people, new_people, anonymous"
		" FROM encounters WHERE t >= ?1 AND t < ?2 ORDER BY t, id";

	return each_in(s, sql, from_t, to_t, encounter_row, (void *)fn, ud, e);
}
