/*
 * field.c - the field log's SQL: entries from the phones, and the visit
 * and encounter rows each entry owns.
 */
#include "store/field.h"
#include "store/store_int.h"
#include "util/err.h"

#include <string.h>

const char *const store_topic_names[STORE_TOPICS] = {
	"benefits", "debt", "housing", "home", "mental_health", "substance_use",
	"health_services", "social_services", "work_study", "other",
};

#define FIELD_COLS                                                              \
	"f.id, f.pair_id, ifnull(f.feed_id, 0), ifnull(f.shift_id, 0),"         \
	" ifnull(f.place_id, 0), f.client_id, f.rev, f.day, f.stop_seq,"         \
	" f.lat IS NOT NULL, ifnull(f.lat, 0), ifnull(f.lon, 0),"                \
	" ifnull(f.arrive_t, 0), ifnull(f.leave_t, 0), f.skipped, f.outside,"    \
	" f.people, f.new_people, f.anonymous, f.accompanied, f.contacted,"      \
	" f.g_benefits, f.g_debt, f.g_housing, f.g_home, f.g_mental_health,"     \
	" f.g_substance_use, f.g_health_services, f.g_social_services,"          \
	" f.g_work_study, f.g_other, f.deleted, f.created_t, f.updated_t,"       \
	" p.key, ifnull(pl.key, ''), ifnull(pl.name, ''),"                       \
	" ifnull(f.visit_id, 0), ifnull(f.encounter_id, 0)"                      \
	" FROM field_entries f JOIN pairs p ON p.id = f.pair_id"                 \
	" LEFT JOIN places pl ON pl.id = f.place_id"

#define FIELD_SPREAD_S 60

struct owned {
	int64_t visit_id, encounter_id;
};

static void read_row(sqlite3_stmt *st, struct store_field_entry *x, struct owned *o)
{
	int c = 0;

	memset(x, 0, sizeof *x);
	x->id = sqlite3_column_int64(st, c++);
	x->pair_id = sqlite3_column_int64(st, c++);
	x->feed_id = sqlite3_column_int64(st, c++);
	x->shift_id = sqlite3_column_int64(st, c++);
	x->place_id = sqlite3_column_int64(st, c++);
	COL_TEXT(x->client_id, c++);
	x->rev = sqlite3_column_int(st, c++);
	x->day = sqlite3_column_int64(st, c++);
	x->stop_seq = sqlite3_column_int(st, c++);
	x->has_coords = sqlite3_column_int(st, c++);
	x->lat = sqlite3_column_double(st, c++);
	x->lon = sqlite3_column_double(st, c++);
	x->arrive_t = sqlite3_column_int64(st, c++);
	x->leave_t = sqlite3_column_int64(st, c++);
	COL_TEXT(x->skipped, c++);
	COL_TEXT(x->outside, c++);
	x->people = sqlite3_column_int(st, c++);
	x->new_people = sqlite3_column_int(st, c++);
	x->anonymous = sqlite3_column_int(st, c++);
	x->accompanied = sqlite3_column_int(st, c++);
	x->contacted = sqlite3_column_int(st, c++);
	for (int i = 0; i < STORE_TOPICS; i++)
		x->guidance[i] = sqlite3_column_int(st, c++);
	x->deleted = sqlite3_column_int(st, c++);
	x->created_t = sqlite3_column_int64(st, c++);
	x->updated_t = sqlite3_column_int64(st, c++);
	COL_TEXT(x->pair, c++);
	COL_TEXT(x->place, c++);
	COL_TEXT(x->place_name, c++);
	if (o) {
		o->visit_id = sqlite3_column_int64(st, c++);
		o->encounter_id = sqlite3_column_int64(st, c++);
	}
}

static int get_owned(struct store *s, int64_t pair_id, const char *client_id,
		     struct store_field_entry *out, struct owned *o, struct err *e)
{
	static const char sql[] = "SELECT " FIELD_COLS
		" WHERE f.pair_id = ?1 AND f.client_id = ?2";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pair_id);
	store__bind_text(st, 2, client_id);
	rc = store__step(s, st);
	if (rc == SQLITE_ROW)
		read_row(st, out, o);
	rc = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? ERR_NOTFOUND :
	     store__steperr(s, e, "field entry");
	sqlite3_reset(st);
	return rc;
}

int store_field_get(struct store *s, int64_t pair_id, const char *client_id,
		    struct store_field_entry *out, struct err *e)
{
	return get_owned(s, pair_id, client_id, out, NULL, e);
}

static int delete_owned(struct store *s, const struct owned *o, struct err *e)
{
	static const char visit[] = "DELETE FROM visits WHERE id = ?1";
	static const char enc[] = "DELETE FROM encounters WHERE id = ?1";
	sqlite3_stmt *st;
	int rc = 0;

	if (o->visit_id && !(rc = store__stmt(s, visit, &st, e))) {
		sqlite3_bind_int64(st, 1, o->visit_id);
		rc = store__exec_stmt(s, st, e);
	}
	if (!rc && o->encounter_id && !(rc = store__stmt(s, enc, &st, e))) {
		sqlite3_bind_int64(st, 1, o->encounter_id);
		rc = store__exec_stmt(s, st, e);
	}
	return rc;
}

static int insert_visit(struct store *s, const struct store_field_entry *x, int64_t *id,
			struct err *e)
{
	static const char sql[] =
		"INSERT INTO visits(pair_id, place_id, start_t, end_t) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if (x->deleted || x->skipped[0] || !x->place_id || !x->arrive_t ||
	    x->leave_t <= x->arrive_t)
		return 0;
	rc = store__stmt(s, sql, &st, e);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, x->pair_id);
	sqlite3_bind_int64(st, 2, x->place_id);
	sqlite3_bind_int64(st, 3, x->arrive_t);
	sqlite3_bind_int64(st, 4, x->leave_t);
	rc = store__exec_stmt(s, st, e);
	if (rc == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, "the pair's visit to this place at this time "
			       "is recorded already");
	*id = rc ? 0 : sqlite3_last_insert_rowid(s->db);
	return rc;
}

/* The tally's instant: the middle of the stay, else arrival, else leaving,
 * else when it was recorded. */
static int64_t tally_time(const struct store_field_entry *x)
{
	if (x->arrive_t && x->leave_t)
		return x->arrive_t + (x->leave_t - x->arrive_t) / 2;
	return x->arrive_t ? x->arrive_t : x->leave_t ? x->leave_t : x->updated_t;
}

static int insert_encounter(struct store *s, const struct store_field_entry *x, int64_t *id,
			    struct err *e)
{
	static const char sql[] =
		"INSERT INTO encounters(t, place_id, lat, lon, people, new_people, anonymous)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if (x->deleted || x->skipped[0] || x->people < 1)
		return 0;
	/* Two pairs at one venue log the same instant (the middle of the same
	 * stay): the row is kept apart by a second or a few, which no hourly
	 * rate can tell. */
	for (int k = 0; k < FIELD_SPREAD_S; k++) {
		rc = store__stmt(s, sql, &st, e);
		if (rc)
			return rc;
		sqlite3_bind_int64(st, 1, tally_time(x) + k);
		store__bind_id_or_null(st, 2, x->place_id);
		if (x->has_coords && !x->place_id) {
			sqlite3_bind_double(st, 3, x->lat);
			sqlite3_bind_double(st, 4, x->lon);
		}
		sqlite3_bind_int(st, 5, x->people);
		sqlite3_bind_int(st, 6, x->new_people);
		sqlite3_bind_int(st, 7, x->anonymous);
		rc = store__exec_stmt(s, st, e);
		if (rc != ERR_CONFLICT)
			break;
		err_clear(e);
	}
	if (rc == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, "%d encounters at this place within a minute are "
			       "recorded already", FIELD_SPREAD_S);
	*id = rc ? 0 : sqlite3_last_insert_rowid(s->db);
	return rc;
}

static void bind_entry(sqlite3_stmt *st, const struct store_field_entry *x,
		       const struct owned *o)
{
	int c = 1;

	sqlite3_bind_int64(st, c++, x->pair_id);
	store__bind_text(st, c++, x->client_id);
	sqlite3_bind_int(st, c++, x->rev);
	store__bind_id_or_null(st, c++, x->feed_id);
	store__bind_id_or_null(st, c++, x->shift_id);
	sqlite3_bind_int64(st, c++, x->day);
	sqlite3_bind_int(st, c++, x->stop_seq);
	store__bind_id_or_null(st, c++, x->place_id);
	if (x->has_coords) {
		sqlite3_bind_double(st, c, x->lat);
		sqlite3_bind_double(st, c + 1, x->lon);
	}
	c += 2;
	store__bind_id_or_null(st, c++, x->arrive_t);
	store__bind_id_or_null(st, c++, x->leave_t);
	store__bind_text(st, c++, x->skipped);
	store__bind_text(st, c++, x->outside);
	sqlite3_bind_int(st, c++, x->people);
	sqlite3_bind_int(st, c++, x->new_people);
	sqlite3_bind_int(st, c++, x->anonymous);
	sqlite3_bind_int(st, c++, x->accompanied);
	sqlite3_bind_int(st, c++, x->contacted);
	for (int i = 0; i < STORE_TOPICS; i++)
		sqlite3_bind_int(st, c++, x->guidance[i]);
	sqlite3_bind_int(st, c++, x->deleted);
	store__bind_id_or_null(st, c++, o->visit_id);
	store__bind_id_or_null(st, c++, o->encounter_id);
	sqlite3_bind_int64(st, c++, x->created_t);
	sqlite3_bind_int64(st, c++, x->updated_t);
}

static int upsert_entry(struct store *s, const struct store_field_entry *x,
			const struct owned *o, struct err *e)
{
	static const char sql[] =
		"INSERT INTO field_entries(pair_id, client_id, rev, feed_id, shift_id, day,"
		" stop_seq, place_id, lat, lon, arrive_t, leave_t, skipped, outside, people,"
		" new_people, anonymous, accompanied, contacted, g_benefits, g_debt,"
		" g_housing, g_home, g_mental_health, g_substance_use, g_health_services,"
		" g_social_services, g_work_study, g_other, deleted, visit_id, encounter_id,"
		" created_t, updated_t) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		" ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,"
		" ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)"
		" ON CONFLICT (pair_id, client_id) DO UPDATE SET rev = excluded.rev,"
		" feed_id = excluded.feed_id, shift_id = excluded.shift_id, day = excluded.day,"
		" stop_seq = excluded.stop_seq, place_id = excluded.place_id,"
		" lat = excluded.lat, lon = excluded.lon, arrive_t = excluded.arrive_t,"
		" leave_t = excluded.leave_t, skipped = excluded.skipped,"
		" outside = excluded.outside, people = excluded.people,"
		" new_people = excluded.new_people, anonymous = excluded.anonymous,"
		" accompanied = excluded.accompanied, contacted = excluded.contacted,"
		" g_benefits = excluded.g_benefits, g_debt = excluded.g_debt,"
		" g_housing = excluded.g_housing, g_home = excluded.g_home,"
		" g_mental_health = excluded.g_mental_health,"
		" g_substance_use = excluded.g_substance_use,"
		" g_health_services = excluded.g_health_services,"
		" g_social_services = excluded.g_social_services,"
		" g_work_study = excluded.g_work_study, g_other = excluded.g_other,"
		" deleted = excluded.deleted, visit_id = excluded.visit_id,"
		" encounter_id = excluded.encounter_id, updated_t = excluded.updated_t";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	bind_entry(st, x, o);
	return store__exec_stmt(s, st, e);
}

int store_field_put(struct store *s, struct store_field_entry *x, struct err *e)
{
	struct store_field_entry old;
	struct owned was = { 0 }, now = { 0 };
	int rc = get_owned(s, x->pair_id, x->client_id, &old, &was, e);

	if (rc && rc != ERR_NOTFOUND)
		return rc;
	if (!rc)
		x->created_t = old.created_t;
	rc = delete_owned(s, &was, e);
	if (!rc)
		rc = insert_visit(s, x, &now.visit_id, e);
	if (!rc)
		rc = insert_encounter(s, x, &now.encounter_id, e);
	if (!rc)
		rc = upsert_entry(s, x, &now, e);
	if (!rc)
		rc = get_owned(s, x->pair_id, x->client_id, &old, NULL, e);
	if (!rc)
		x->id = old.id;
	return rc;
}

static int field_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_field_entry x;

	read_row(st, &x, NULL);
	return ((store_field_fn)fn)(&x, ud);
}

int store_field_each(struct store *s, int64_t from_day, int64_t to_day, int64_t pair_id,
		     store_field_fn fn, void *ud, struct err *e)
{
	static const char sql[] = "SELECT " FIELD_COLS
		" WHERE f.day >= ?1 AND f.day < ?2 AND (?3 = 0 OR f.pair_id = ?3)"
		" ORDER BY f.day, p.key, ifnull(f.arrive_t, f.updated_t), f.id";
	const int64_t param[] = { from_day, to_day, pair_id };

	return store__each_bound(s, sql, param, 3, "field entries", field_row, (void *)fn, ud, e);
}
