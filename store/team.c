/*
 * team.c - areas, partners, places, workers, pairs, availability, absences.
 */
#include "store/store_int.h"
#include "util/err.h"

#include <string.h>

/* ---- key lookups ----------------------------------------------------- */
static const char *const SQL_ID_OF[] = {
	[STORE_AREA] = "SELECT id FROM areas WHERE key = ?1",
	[STORE_PARTNER] = "SELECT id FROM partners WHERE key = ?1",
	[STORE_PLACE] = "SELECT id FROM places WHERE key = ?1",
	[STORE_WORKER] = "SELECT id FROM workers WHERE key = ?1",
	[STORE_PAIR] = "SELECT id FROM pairs WHERE key = ?1",
};

int store_id_of(struct store *s, enum store_keyed t, const char *key, int64_t *id)
{
	sqlite3_stmt *st;
	int rc;

	if (store__stmt(s, SQL_ID_OF[t], &st, NULL))
		return ERR_DB;
	store__bind_text(st, 1, key);
	rc = store__step(s, st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	s->injected = 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? ERR_NOTFOUND : ERR_DB;
}

static const char *const SQL_NAME_OF[] = {
	[STORE_AREA] = "SELECT name FROM areas WHERE id = ?1",
	[STORE_PARTNER] = "SELECT name FROM partners WHERE id = ?1",
	[STORE_PLACE] = "SELECT name FROM places WHERE id = ?1",
	[STORE_WORKER] = "SELECT name FROM workers WHERE id = ?1",
	[STORE_PAIR] = "SELECT key FROM pairs WHERE id = ?1",
};

int store_name_of(struct store *s, enum store_keyed t, int64_t id, char *name,
		  size_t cap, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_NAME_OF[t], &st, e), step;

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	step = store__step(s, st);
	if (step == SQLITE_ROW)
		store__col_text(st, 0, name, cap);
	else
		rc = step == SQLITE_DONE ? err_set(e, ERR_NOTFOUND, "no row %lld",
						   (long long)id) :
					   store__steperr(s, e, "read name");
	sqlite3_reset(st);
	return rc;
}

static const char SQL_AREA_UPSERT[] =
	"INSERT INTO areas(key, name) VALUES (?1, ?2)"
	" ON CONFLICT(key) DO UPDATE SET name = excluded.name"
	" WHERE name IS NOT excluded.name";

int store_area_upsert(struct store *s, const struct store_area *a, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_AREA_UPSERT, &st, e);

	if (rc)
		return rc;
	store__bind_text(st, 1, a->key);
	store__bind_text(st, 2, a->name);
	return store__exec_stmt(s, st, e);
}

static const char SQL_AREA_ENSURE[] =
	"INSERT INTO areas(key, name) VALUES (?1, ?1) ON CONFLICT(key) DO NOTHING";

int store_area_ensure(struct store *s, const char *key, int64_t *id, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_AREA_ENSURE, &st, e);

	if (rc)
		return rc;
	store__bind_text(st, 1, key);
	rc = store__exec_stmt(s, st, e);
	if (!rc && store_id_of(s, STORE_AREA, key, id))
		rc = err_set(e, ERR_DB, "area '%s' vanished", key);
	return rc;
}

static const char SQL_PARTNER_UPSERT[] =
	"INSERT INTO partners(key, name, contact) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(key) DO UPDATE SET name = excluded.name,"
	" contact = excluded.contact"
	" WHERE (name, contact) IS NOT (excluded.name, excluded.contact)";

int store_partner_upsert(struct store *s, const struct store_partner *p, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_PARTNER_UPSERT, &st, e);

	if (rc)
		return rc;
	store__bind_text(st, 1, p->key);
	store__bind_text(st, 2, p->name);
	store__bind_text(st, 3, p->contact);
	return store__exec_stmt(s, st, e);
}

static const char SQL_PLACE_UPSERT[] =
	"INSERT INTO places(key, name, kind, lat, lon, opening_hours, stay_minutes,"
	" partner_id, area_id, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
	" ON CONFLICT(key) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
	" lat = excluded.lat, lon = excluded.lon,"
	" opening_hours = excluded.opening_hours,"
	" stay_minutes = excluded.stay_minutes, partner_id = excluded.partner_id,"
	" area_id = excluded.area_id, address = excluded.address"
	" WHERE (name, kind, lat, lon, opening_hours, stay_minutes, partner_id,"
	" area_id, address) IS NOT (excluded.name, excluded.kind, excluded.lat,"
	" excluded.lon, excluded.opening_hours, excluded.stay_minutes,"
	" excluded.partner_id, excluded.area_id, excluded.address)";

int store_place_upsert(struct store *s, const struct store_place *p, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_PLACE_UPSERT, &st, e);

	if (rc)
		return rc;
	store__bind_text(st, 1, p->key);
	store__bind_text(st, 2, p->name);
	store__bind_text(st, 3, p->kind);
	sqlite3_bind_double(st, 4, p->lat);
	sqlite3_bind_double(st, 5, p->lon);
	store__bind_text(st, 6, p->opening_hours);
	sqlite3_bind_int(st, 7, p->stay_minutes);
	store__bind_id_or_null(st, 8, p->partner_id);
	store__bind_id_or_null(st, 9, p->area_id);
	store__bind_text(st, 10, p->address);
	return store__exec_stmt(s, st, e);
}

static const char SQL_WORKER_UPSERT[] =
	"INSERT INTO workers(key, name, role, weekly_hours, languages)"
	" VALUES (?1, ?2, ?3, ?4, ?5)"
	" ON CONFLICT(key) DO UPDATE SET name = excluded.name, role = excluded.role,"
	" weekly_hours = excluded.weekly_hours, languages = excluded.languages"
	" WHERE (name, role, weekly_hours, languages) IS NOT (excluded.name,"
	" excluded.role, excluded.weekly_hours, excluded.languages)";

int store_worker_upsert(struct store *s, const struct store_worker *w, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_WORKER_UPSERT, &st, e);

	if (rc)
		return rc;
	store__bind_text(st, 1, w->key);
	store__bind_text(st, 2, w->name);
	store__bind_text(st, 3, w->role);
	sqlite3_bind_double(st, 4, w->weekly_hours);
	store__bind_text(st, 5, w->languages);
	return store__exec_stmt(s, st, e);
}

static const char SQL_PAIR_UPSERT[] =
	"INSERT INTO pairs(key, worker_a, worker_b, area_id) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT(key) DO UPDATE SET worker_a = excluded.worker_a,"
	" worker_b = excluded.worker_b, area_id = excluded.area_id"
	" WHERE (worker_a, worker_b, area_id) IS NOT (excluded.worker_a,"
	" excluded.worker_b, excluded.area_id)";

int store_pair_upsert(struct store *s, const struct store_pair *p, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_PAIR_UPSERT, &st, e);

	if (rc)
		return rc;
	store__bind_text(st, 1, p->key);
	sqlite3_bind_int64(st, 2, p->worker_a_id);
	sqlite3_bind_int64(st, 3, p->worker_b_id);
	store__bind_id_or_null(st, 4, p->area_id);
	return store__exec_stmt(s, st, e);
}

static const char SQL_AVAIL_UPSERT[] =
	"INSERT INTO availability(worker_id, weekday, start_min, end_min)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT(worker_id, weekday, start_min)"
	" DO UPDATE SET end_min = excluded.end_min";

int store_availability_upsert(struct store *s, const struct store_availability *a,
			      struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_AVAIL_UPSERT, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, a->worker_id);
	sqlite3_bind_int(st, 2, a->weekday);
	sqlite3_bind_int(st, 3, a->start_min);
	sqlite3_bind_int(st, 4, a->end_min);
	return store__exec_stmt(s, st, e);
}

static const char SQL_ABSENCE_UPSERT[] =
	"INSERT INTO absences(worker_id, from_day, to_day) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(worker_id, from_day) DO UPDATE SET to_day = excluded.to_day";

int store_absence_upsert(struct store *s, const struct store_absence *a, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_ABSENCE_UPSERT, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, a->worker_id);
	sqlite3_bind_int64(st, 2, a->from_day);
	sqlite3_bind_int64(st, 3, a->to_day);
	return store__exec_stmt(s, st, e);
}

/* ---- iteration ------------------------------------------------------- */
int store__each_bound(struct store *s, const char *sql, const int64_t *param, int nparam,
		      const char *what, store__row_fn row, void *fn, void *ud, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e), step;

	if (rc)
		return rc;
	for (int i = 0; i < nparam && i < sqlite3_bind_parameter_count(st); i++)
		sqlite3_bind_int64(st, i + 1, param[i]);
	while ((step = store__step(s, st)) == SQLITE_ROW) {
		rc = row(st, fn, ud);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store__steperr(s, e, what);
	sqlite3_reset(st);
	return rc;
}

int store__each1(struct store *s, const char *sql, int64_t param, store__row_fn row,
		 void *fn, void *ud, struct err *e)
{
	return store__each_bound(s, sql, &param, 1, "read", row, fn, ud, e);
}

int store__each(struct store *s, const char *sql, store__row_fn row, void *fn,
		void *ud, struct err *e)
{
	return store__each1(s, sql, 0, row, fn, ud, e);
}

static int area_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_area a = { .id = sqlite3_column_int64(st, 0) };

	COL_TEXT(a.key, 1);
	COL_TEXT(a.name, 2);
	return ((store_area_fn)fn)(&a, ud);
}

#define AREA_SELECT "SELECT id, key, name FROM areas"

int store_area_each(struct store *s, store_area_fn fn, void *ud, struct err *e)
{
	static const char sql[] = AREA_SELECT " ORDER BY key";

	return store__each(s, sql, area_row, (void *)fn, ud, e);
}

static int partner_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_partner p = { .id = sqlite3_column_int64(st, 0) };

	COL_TEXT(p.key, 1);
	COL_TEXT(p.name, 2);
	COL_TEXT(p.contact, 3);
	return ((store_partner_fn)fn)(&p, ud);
}

#define PARTNER_SELECT "SELECT id, key, name, contact FROM partners"

int store_partner_each(struct store *s, store_partner_fn fn, void *ud, struct err *e)
{
	static const char sql[] = PARTNER_SELECT " ORDER BY key";

	return store__each(s, sql, partner_row, (void *)fn, ud, e);
}

static int place_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_place p = {
		.id = sqlite3_column_int64(st, 0),
		.lat = sqlite3_column_double(st, 4),
		.lon = sqlite3_column_double(st, 5),
		.stay_minutes = sqlite3_column_int(st, 7),
		.partner_id = sqlite3_column_int64(st, 8),
		.area_id = sqlite3_column_int64(st, 10),
	};

	COL_TEXT(p.key, 1);
	COL_TEXT(p.name, 2);
	COL_TEXT(p.kind, 3);
	COL_TEXT(p.opening_hours, 6);
	COL_TEXT(p.partner, 9);
	COL_TEXT(p.area, 11);
	COL_TEXT(p.address, 12);
	return ((store_place_fn)fn)(&p, ud);
}

#define PLACE_SELECT                                                          \
	"SELECT p.id, p.key, p.name, p.kind, p.lat, p.lon, p.opening_hours,"     \
	" p.stay_minutes, p.partner_id, pa.key, p.area_id, a.key, p.address"     \
	" FROM places p LEFT JOIN partners pa ON pa.id = p.partner_id"           \
	" LEFT JOIN areas a ON a.id = p.area_id"

int store_place_each(struct store *s, store_place_fn fn, void *ud, struct err *e)
{
	static const char sql[] = PLACE_SELECT " ORDER BY p.key";

	return store__each(s, sql, place_row, (void *)fn, ud, e);
}

static int worker_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_worker w = {
		.id = sqlite3_column_int64(st, 0),
		.weekly_hours = sqlite3_column_double(st, 4),
	};

	COL_TEXT(w.key, 1);
	COL_TEXT(w.name, 2);
	COL_TEXT(w.role, 3);
	COL_TEXT(w.languages, 5);
	return ((store_worker_fn)fn)(&w, ud);
}

#define WORKER_SELECT \
	"SELECT id, key, name, role, weekly_hours, languages FROM workers"

int store_worker_each(struct store *s, store_worker_fn fn, void *ud, struct err *e)
{
	static const char sql[] = WORKER_SELECT " ORDER BY key";

	return store__each(s, sql, worker_row, (void *)fn, ud, e);
}

static int pair_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_pair p = {
		.id = sqlite3_column_int64(st, 0),
		.worker_a_id = sqlite3_column_int64(st, 2),
		.worker_b_id = sqlite3_column_int64(st, 4),
		.area_id = sqlite3_column_int64(st, 6),
	};

	COL_TEXT(p.key, 1);
	COL_TEXT(p.worker_a, 3);
	COL_TEXT(p.worker_b, 5);
	COL_TEXT(p.area, 7);
	return ((store_pair_fn)fn)(&p, ud);
}

#define PAIR_SELECT                                                            \
	"SELECT p.id, p.key, p.worker_a, wa.key, p.worker_b, wb.key,"             \
	" p.area_id, a.key FROM pairs p JOIN workers wa ON wa.id = p.worker_a"    \
	" JOIN workers wb ON wb.id = p.worker_b"                                  \
	" LEFT JOIN areas a ON a.id = p.area_id"

int store_pair_each(struct store *s, store_pair_fn fn, void *ud, struct err *e)
{
	static const char sql[] = PAIR_SELECT " ORDER BY p.key";

	return store__each(s, sql, pair_row, (void *)fn, ud, e);
}

static int availability_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_availability a = {
		.worker_id = sqlite3_column_int64(st, 0),
		.weekday = sqlite3_column_int(st, 2),
		.start_min = sqlite3_column_int(st, 3),
		.end_min = sqlite3_column_int(st, 4),
	};

	COL_TEXT(a.worker, 1);
	return ((store_availability_fn)fn)(&a, ud);
}

int store_availability_each(struct store *s, store_availability_fn fn, void *ud,
			    struct err *e)
{
	static const char sql[] =
		"SELECT a.worker_id, w.key, a.weekday, a.start_min, a.end_min"
		" FROM availability a JOIN workers w ON w.id = a.worker_id"
		" ORDER BY w.key, a.weekday, a.start_min";

	return store__each(s, sql, availability_row, (void *)fn, ud, e);
}

static int absence_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_absence a = {
		.worker_id = sqlite3_column_int64(st, 0),
		.from_day = sqlite3_column_int64(st, 2),
		.to_day = sqlite3_column_int64(st, 3),
	};

	COL_TEXT(a.worker, 1);
	return ((store_absence_fn)fn)(&a, ud);
}

int store_absence_each(struct store *s, store_absence_fn fn, void *ud, struct err *e)
{
	static const char sql[] =
		"SELECT a.worker_id, w.key, a.from_day, a.to_day"
		" FROM absences a JOIN workers w ON w.id = a.worker_id"
		" ORDER BY w.key, a.from_day";

	return store__each(s, sql, absence_row, (void *)fn, ud, e);
}

/* ---- one row by key ------------------------------------------------- */
struct one {
	void *out;
	size_t size;
};

static int copy_one(const void *row, void *ud)
{
	struct one *o = ud;

	memcpy(o->out, row, o->size);
	return 1;
}

static int get_one(struct store *s, const char *sql, const char *key, store__row_fn row,
		   void *out, size_t size, struct err *e)
{
	struct one o = { out, size };
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e), step;

	if (rc)
		return rc;
	store__bind_text(st, 1, key);
	step = store__step(s, st);
	if (step == SQLITE_ROW)
		rc = row(st, (void *)copy_one, &o) == 1 ? 0 : ERR_INTERNAL;
	else
		rc = step == SQLITE_DONE ? ERR_NOTFOUND : store__steperr(s, e, "read");
	sqlite3_reset(st);
	return rc;
}

int store_area_get(struct store *s, const char *key, struct store_area *out, struct err *e)
{
	static const char sql[] = AREA_SELECT " WHERE key = ?1";

	return get_one(s, sql, key, area_row, out, sizeof *out, e);
}

int store_partner_get(struct store *s, const char *key, struct store_partner *out,
		      struct err *e)
{
	static const char sql[] = PARTNER_SELECT " WHERE key = ?1";

	return get_one(s, sql, key, partner_row, out, sizeof *out, e);
}

int store_place_get(struct store *s, const char *key, struct store_place *out,
		    struct err *e)
{
	static const char sql[] = PLACE_SELECT " WHERE p.key = ?1";

	return get_one(s, sql, key, place_row, out, sizeof *out, e);
}

int store_worker_get(struct store *s, const char *key, struct store_worker *out,
		     struct err *e)
{
	static const char sql[] = WORKER_SELECT " WHERE key = ?1";

	return get_one(s, sql, key, worker_row, out, sizeof *out, e);
}

int store_pair_get(struct store *s, const char *key, struct store_pair *out,
		   struct err *e)
{
	static const char sql[] = PAIR_SELECT " WHERE p.key = ?1";

	return get_one(s, sql, key, pair_row, out, sizeof *out, e);
}

/* ---- counts ---------------------------------------------------------- */
static const char *const COUNTED[] = {
	"areas", "partners", "places", "workers", "pairs", "availability",
	"absences", "visits", "encounters",
};

int store_counts(struct store *s, struct store_count *out, int max, int *n,
		 struct err *e)
{
	/* Table names come from the constant list above, never from input. */
	static const char sql[] =
		"SELECT (SELECT count(*) FROM areas), (SELECT count(*) FROM partners),"
		" (SELECT count(*) FROM places), (SELECT count(*) FROM workers),"
		" (SELECT count(*) FROM pairs), (SELECT count(*) FROM availability),"
		" (SELECT count(*) FROM absences), (SELECT count(*) FROM visits),"
		" (SELECT count(*) FROM encounters)";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e), k = 0;

	if (rc)
		return rc;
	if (store__step(s, st) != SQLITE_ROW) {
		rc = store__steperr(s, e, "count rows");
		sqlite3_reset(st);
		return rc;
	}
	for (; k < (int)(sizeof COUNTED / sizeof *COUNTED) && k < max; k++) {
		out[k].table = COUNTED[k];
		out[k].rows = sqlite3_column_int64(st, k);
	}
	*n = k;
	sqlite3_reset(st);
	return 0;
}
