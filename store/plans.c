/*
 * plans.c - plans, shifts, stops, exceptions, feed tokens, settings.
 */
#include "store/plans.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/err.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const FEED_KINDS[] = { "worker", "pair", "team", "partner", "place" };

const char *store_feed_kind_name(enum store_feed_kind k)
{
	return (unsigned)k < 5 ? FEED_KINDS[k] : "?";
}

int store_feed_kind_parse(const char *s)
{
	for (int i = 0; i < 5; i++)
		if (!strcmp(s, FEED_KINDS[i]))
			return i;
	return -1;
}

/* ---- inserts ---------------------------------------------------------- */
static const char SQL_PLAN_INSERT[] =
	"INSERT INTO plans(created_t, from_day, weeks, explore, stability, status, report,"
	" quality) VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?7)";

int store_plan_insert(struct store *s, struct store_plan *p, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_PLAN_INSERT, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, p->created_t);
	sqlite3_bind_int64(st, 2, p->from_day);
	sqlite3_bind_int(st, 3, p->weeks);
	sqlite3_bind_double(st, 4, p->explore);
	sqlite3_bind_double(st, 5, p->stability);
	store__bind_text(st, 6, p->report);
	store__bind_text(st, 7, p->quality);
	rc = store__exec_stmt(s, st, e);
	if (!rc)
		p->id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

static const char SQL_SHIFT_INSERT[] =
	"INSERT INTO shifts(plan_id, pair_id, weekday, start_min, end_min, first_day,"
	" last_day, walk_m, sequence, created_t, modified_t, every, monthly)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

/* The rows of a list of dates (RDATE) under one owner. */
static int dates_insert(struct store *s, const char *sql, int64_t owner,
			const struct rhythm *r, struct err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	for (int i = 0; !rc && i < r->ndates; i++) {
		rc = store__stmt(s, sql, &st, e);
		if (rc)
			break;
		sqlite3_bind_int64(st, 1, owner);
		sqlite3_bind_int64(st, 2, r->dates[i]);
		rc = store__exec_stmt(s, st, e);
	}
	return rc;
}

/* group_concat of day numbers back into a rhythm's dates, sorted. */
static void dates_from_text(const char *text, struct rhythm *r)
{
	char *end;

	r->ndates = 0;
	while (text && *text && r->ndates < RHYTHM_DATES_MAX) {
		r->dates[r->ndates++] = strtoll(text, &end, 10);
		text = *end ? end + 1 : end;
	}
	for (int i = 1; i < r->ndates; i++)
		for (int k = i; k > 0 && r->dates[k - 1] > r->dates[k]; k--) {
			int64_t t = r->dates[k];

			r->dates[k] = r->dates[k - 1];
			r->dates[k - 1] = t;
		}
}

int store_shift_insert(struct store *s, struct store_shift *sh, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_SHIFT_INSERT, &st, e);

	if (rc)
		return rc;
	if (sh->rhythm.ndates) {
		sh->first_day = sh->rhythm.dates[0];
		sh->last_day = sh->rhythm.dates[sh->rhythm.ndates - 1];
	}
	sqlite3_bind_int64(st, 1, sh->plan_id);
	sqlite3_bind_int64(st, 2, sh->pair_id);
	sqlite3_bind_int(st, 3, sh->weekday);
	sqlite3_bind_int(st, 4, sh->start_min);
	sqlite3_bind_int(st, 5, sh->end_min);
	sqlite3_bind_int64(st, 6, sh->first_day);
	sqlite3_bind_int64(st, 7, sh->last_day);
	sqlite3_bind_double(st, 8, sh->walk_m);
	sqlite3_bind_int(st, 9, sh->sequence);
	sqlite3_bind_int64(st, 10, sh->created_t);
	sqlite3_bind_int64(st, 11, sh->modified_t);
	sqlite3_bind_int(st, 12, rhythm_every(&sh->rhythm));
	sqlite3_bind_int(st, 13, rhythm_kind(&sh->rhythm) == RHYTHM_MONTHLY ?
			 (int)sh->rhythm.monthly : 0);
	rc = store__exec_stmt(s, st, e);
	if (!rc)
		sh->id = sqlite3_last_insert_rowid(s->db);
	if (!rc)
		rc = dates_insert(s, "INSERT INTO shift_dates(shift_id, day) VALUES (?1, ?2)",
				  sh->id, &sh->rhythm, e);
	return rc;
}

static const char SQL_STOP_INSERT[] =
	"INSERT INTO stops(shift_id, exception_id, seq, place_id, arrive_min, leave_min,"
	" expected, lower, upper, why) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

int store_stop_insert(struct store *s, const struct store_stop *x, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_STOP_INSERT, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, x->shift_id);
	store__bind_id_or_null(st, 2, x->exception_id);
	sqlite3_bind_int(st, 3, x->seq);
	sqlite3_bind_int64(st, 4, x->place_id);
	sqlite3_bind_int(st, 5, x->arrive_min);
	sqlite3_bind_int(st, 6, x->leave_min);
	sqlite3_bind_double(st, 7, x->expected);
	sqlite3_bind_double(st, 8, x->lower);
	sqlite3_bind_double(st, 9, x->upper);
	store__bind_text(st, 10, x->why[0] ? x->why : "forecast");
	return store__exec_stmt(s, st, e);
}

static const char SQL_PLAN_SUPERSEDE[] =
	"UPDATE plans SET status = 'superseded' WHERE status = 'published'"
	" AND id <> ?1 AND from_day < (SELECT from_day + 7 * weeks FROM plans WHERE id = ?1)"
	" AND from_day + 7 * weeks > (SELECT from_day FROM plans WHERE id = ?1)";
static const char SQL_PLAN_PUBLISH[] =
	"UPDATE plans SET status = 'published', published_t = ?2 WHERE id = ?1";

int store_plan_publish(struct store *s, int64_t plan_id, int64_t now, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_PLAN_SUPERSEDE, &st, e);

	if (!rc) {
		sqlite3_bind_int64(st, 1, plan_id);
		rc = store__exec_stmt(s, st, e);
	}
	if (!rc)
		rc = store__stmt(s, SQL_PLAN_PUBLISH, &st, e);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, now);
	rc = store__exec_stmt(s, st, e);
	if (!rc && sqlite3_changes(s->db) == 0)
		rc = err_set(e, ERR_NOTFOUND, "no plan %lld", (long long)plan_id);
	return rc;
}

static const char SQL_EXC_PUT[] =
	"INSERT INTO shift_exceptions(shift_id, day, kind, reason, start_min, end_min,"
	" modified_t) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	" ON CONFLICT(shift_id, day) DO UPDATE SET kind = excluded.kind,"
	" reason = excluded.reason, start_min = excluded.start_min,"
	" end_min = excluded.end_min, modified_t = excluded.modified_t";
static const char SQL_EXC_ID[] =
	"SELECT id FROM shift_exceptions WHERE shift_id = ?1 AND day = ?2";
static const char SQL_SHIFT_BUMP[] =
	"UPDATE shifts SET sequence = sequence + 1, modified_t = max(modified_t + 1, ?2)"
	" WHERE id = ?1";

int store_shift_touch(struct store *s, int64_t shift_id, int64_t now, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_SHIFT_BUMP, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, shift_id);
	sqlite3_bind_int64(st, 2, now);
	return store__exec_stmt(s, st, e);
}

static int bind_minutes(sqlite3_stmt *st, int i, int m)
{
	return m >= 0 ? sqlite3_bind_int(st, i, m) : sqlite3_bind_null(st, i);
}

int store_exception_put(struct store *s, struct store_exception *x, int64_t now,
			struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_EXC_PUT, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, x->shift_id);
	sqlite3_bind_int64(st, 2, x->day);
	store__bind_text(st, 3, x->kind);
	store__bind_text(st, 4, x->reason);
	bind_minutes(st, 5, x->start_min);
	bind_minutes(st, 6, x->end_min);
	sqlite3_bind_int64(st, 7, now);
	rc = store__exec_stmt(s, st, e);
	if (!rc)
		rc = store__stmt(s, SQL_EXC_ID, &st, e);
	if (!rc) {
		sqlite3_bind_int64(st, 1, x->shift_id);
		sqlite3_bind_int64(st, 2, x->day);
		if (store__step(s, st) == SQLITE_ROW)
			x->id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		rc = store__stmt(s, SQL_SHIFT_BUMP, &st, e);
	}
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, x->shift_id);
	sqlite3_bind_int64(st, 2, now);
	return store__exec_stmt(s, st, e);
}

int store_exception_stops_clear(struct store *s, int64_t exception_id, struct err *e)
{
	static const char sql[] = "DELETE FROM stops WHERE exception_id = ?1";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, exception_id);
	return store__exec_stmt(s, st, e);
}

/* ---- reading ---------------------------------------------------------- */
#define SHIFT_COLS                                                            \
	"SELECT sh.id, sh.plan_id, sh.pair_id, pr.key, ifnull(a.key, ''), wa.name," \
	" wb.name, sh.weekday, sh.start_min, sh.end_min, sh.first_day, sh.last_day," \
	" sh.walk_m, sh.sequence, sh.created_t, sh.modified_t, sh.every,"          \
	" sh.monthly, (SELECT group_concat(d.day) FROM shift_dates d"              \
	" WHERE d.shift_id = sh.id) FROM shifts sh"                                \
	" JOIN pairs pr ON pr.id = sh.pair_id"                                      \
	" JOIN workers wa ON wa.id = pr.worker_a"                                   \
	" JOIN workers wb ON wb.id = pr.worker_b"                                   \
	" LEFT JOIN areas a ON a.id = pr.area_id"
#define PUBLISHED " JOIN plans p ON p.id = sh.plan_id AND p.status = 'published' WHERE "

static const char *const SQL_FEED_SHIFTS[] = {
	[STORE_FEED_WORKER] = SHIFT_COLS PUBLISHED
	"(pr.worker_a = ?1 OR pr.worker_b = ?1) ORDER BY sh.id",
	[STORE_FEED_PAIR] = SHIFT_COLS PUBLISHED "sh.pair_id = ?1 ORDER BY sh.id",
	[STORE_FEED_TEAM] = SHIFT_COLS PUBLISHED "?1 = ?1 ORDER BY sh.id",
	[STORE_FEED_PARTNER] = SHIFT_COLS PUBLISHED
	"EXISTS (SELECT 1 FROM stops st JOIN places pl ON pl.id = st.place_id"
	" WHERE st.shift_id = sh.id AND pl.partner_id = ?1) ORDER BY sh.id",
	[STORE_FEED_PLACE] = SHIFT_COLS PUBLISHED
	"EXISTS (SELECT 1 FROM stops st WHERE st.shift_id = sh.id"
	" AND st.place_id = ?1) ORDER BY sh.id",
};
static const char SQL_SHIFT_GET[] = SHIFT_COLS " WHERE sh.id = ?1";
static int plan_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_plan *p = ud;

	(void)fn;
	p->id = sqlite3_column_int64(st, 0);
	p->created_t = sqlite3_column_int64(st, 1);
	p->from_day = sqlite3_column_int64(st, 2);
	p->weeks = sqlite3_column_int(st, 3);
	p->explore = sqlite3_column_double(st, 4);
	p->stability = sqlite3_column_double(st, 5);
	COL_TEXT(p->status, 6);
	p->published_t = sqlite3_column_int64(st, 7);
	COL_TEXT(p->report, 8);
	COL_TEXT(p->quality, 9);
	return 1;
}

int store_plan_get(struct store *s, int64_t id, struct store_plan *out, struct err *e)
{
	static const char sql[] =
		"SELECT id, created_t, from_day, weeks, explore, stability, status,"
		" ifnull(published_t, 0), report, quality FROM plans"
		" WHERE (?1 = 0 AND status <> 'superseded')"
		" OR id = ?1 ORDER BY id = ?1 DESC, id DESC LIMIT 1";
	int rc = store__each1(s, sql, id, plan_row, NULL, out, e);

	if (rc == 1)
		return 0;
	if (rc)
		return rc;
	if (id)
		return err_set(e, ERR_NOTFOUND, "no plan %lld", (long long)id);
	return err_set(e, ERR_NOTFOUND, "no plan yet (run 'outreach plan --from DATE')");
}

struct range_ctx {
	int64_t from, to;
	store_shift_fn fn;
	void *ud;
};

static int in_range(const struct store_shift *sh, void *ud)
{
	struct range_ctx *r = ud;

	if (sh->last_day < r->from || sh->first_day >= r->to)
		return 0;
	return r->fn(sh, r->ud);
}

int store_feed_shift_each_in(struct store *s, enum store_feed_kind kind, int64_t subject,
			     int64_t from_day, int64_t to_day, store_shift_fn fn, void *ud,
			     struct err *e)
{
	struct range_ctx r = { from_day, to_day, fn, ud };

	return store_feed_shift_each(s, kind, subject, in_range, &r, e);
}

static int shift_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_shift sh = {
		.id = sqlite3_column_int64(st, 0),
		.plan_id = sqlite3_column_int64(st, 1),
		.pair_id = sqlite3_column_int64(st, 2),
		.weekday = sqlite3_column_int(st, 7),
		.start_min = sqlite3_column_int(st, 8),
		.end_min = sqlite3_column_int(st, 9),
		.first_day = sqlite3_column_int64(st, 10),
		.last_day = sqlite3_column_int64(st, 11),
		.walk_m = sqlite3_column_double(st, 12),
		.sequence = sqlite3_column_int(st, 13),
		.created_t = sqlite3_column_int64(st, 14),
		.modified_t = sqlite3_column_int64(st, 15),
		.rhythm.every = sqlite3_column_int(st, 16),
		.rhythm.monthly = (unsigned)sqlite3_column_int(st, 17),
	};

	dates_from_text((const char *)sqlite3_column_text(st, 18), &sh.rhythm);
	COL_TEXT(sh.pair, 3);
	COL_TEXT(sh.area, 4);
	COL_TEXT(sh.worker_a, 5);
	COL_TEXT(sh.worker_b, 6);
	return ((store_shift_fn)fn)(&sh, ud);
}

static const char SQL_PLAN_SHIFTS[] =
	SHIFT_COLS " WHERE sh.plan_id = ?1 ORDER BY pr.key, sh.weekday, sh.start_min";

int store_plan_shift_each(struct store *s, int64_t plan_id, store_shift_fn fn, void *ud,
			  struct err *e)
{
	return store__each1(s, SQL_PLAN_SHIFTS, plan_id, shift_row, (void *)fn, ud, e);
}

int store_feed_shift_each(struct store *s, enum store_feed_kind kind, int64_t subject,
			  store_shift_fn fn, void *ud, struct err *e)
{
	if ((unsigned)kind > STORE_FEED_PLACE)
		return err_set(e, ERR_USAGE, "unknown feed kind %d", (int)kind);
	return store__each1(s, SQL_FEED_SHIFTS[kind], subject, shift_row, (void *)fn, ud, e);
}

static int copy_shift(const struct store_shift *sh, void *ud)
{
	*(struct store_shift *)ud = *sh;
	return 1;
}

int store_shift_get(struct store *s, int64_t id, struct store_shift *out, struct err *e)
{
	int rc = store__each1(s, SQL_SHIFT_GET, id, shift_row, (void *)copy_shift, out, e);

	if (rc == 1)
		return 0;
	return rc ? rc : err_set(e, ERR_NOTFOUND, "no shift %lld", (long long)id);
}

int64_t store_shift_next(const struct store_shift *sh, int64_t day)
{
	return rhythm_next(&sh->rhythm, sh->weekday, sh->first_day, sh->last_day, day);
}

int store_shift_runs_on(const struct store_shift *sh, int64_t day)
{
	return rhythm_on(&sh->rhythm, sh->weekday, sh->first_day, sh->last_day, day);
}

static int stop_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_stop x = {
		.id = sqlite3_column_int64(st, 0),
		.shift_id = sqlite3_column_int64(st, 1),
		.exception_id = sqlite3_column_int64(st, 2),
		.seq = sqlite3_column_int(st, 3),
		.place_id = sqlite3_column_int64(st, 4),
		.partner_id = sqlite3_column_int64(st, 5),
		.lat = sqlite3_column_double(st, 9),
		.lon = sqlite3_column_double(st, 10),
		.arrive_min = sqlite3_column_int(st, 11),
		.leave_min = sqlite3_column_int(st, 12),
		.expected = sqlite3_column_double(st, 13),
		.lower = sqlite3_column_double(st, 14),
		.upper = sqlite3_column_double(st, 15),
	};

	COL_TEXT(x.place, 6);
	COL_TEXT(x.place_name, 7);
	COL_TEXT(x.address, 8);
	COL_TEXT(x.why, 16);
	return ((store_stop_fn)fn)(&x, ud);
}

int store_stop_each(struct store *s, int64_t shift_id, store_stop_fn fn, void *ud,
		    struct err *e)
{
	static const char sql[] =
		"SELECT st.id, st.shift_id, ifnull(st.exception_id, 0), st.seq,"
		" st.place_id, ifnull(pl.partner_id, 0), pl.key, pl.name, pl.address,"
		" pl.lat, pl.lon, st.arrive_min, st.leave_min, st.expected, st.lower,"
		" st.upper, st.why FROM stops st JOIN places pl ON pl.id = st.place_id"
		" WHERE st.shift_id = ?1 ORDER BY ifnull(st.exception_id, 0), st.seq";

	return store__each1(s, sql, shift_id, stop_row, (void *)fn, ud, e);
}

static int exception_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_exception x = {
		.id = sqlite3_column_int64(st, 0),
		.shift_id = sqlite3_column_int64(st, 1),
		.day = sqlite3_column_int64(st, 2),
		.start_min = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
			     sqlite3_column_int(st, 5),
		.end_min = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 :
			   sqlite3_column_int(st, 6),
		.modified_t = sqlite3_column_int64(st, 7),
	};

	COL_TEXT(x.kind, 3);
	COL_TEXT(x.reason, 4);
	return ((store_exception_fn)fn)(&x, ud);
}

int store_exception_each(struct store *s, int64_t shift_id, store_exception_fn fn,
			 void *ud, struct err *e)
{
	static const char sql[] =
		"SELECT id, shift_id, day, kind, reason, start_min, end_min, modified_t"
		" FROM shift_exceptions WHERE shift_id = ?1 ORDER BY day";

	return store__each1(s, sql, shift_id, exception_row, (void *)fn, ud, e);
}

static int part_stop(const struct store_stop *x, void *ud)
{
	struct store_shift_parts *p = ud;

	p->stops = xrealloc(p->stops, (size_t)(p->nstops + 1) * sizeof *p->stops);
	p->stops[p->nstops++] = *x;
	return 0;
}

static int part_exception(const struct store_exception *x, void *ud)
{
	struct store_shift_parts *p = ud;

	p->exc = xrealloc(p->exc, (size_t)(p->nexc + 1) * sizeof *p->exc);
	p->exc[p->nexc++] = *x;
	return 0;
}

int store_shift_parts_load(struct store *s, int64_t shift_id, struct store_shift_parts *p,
			   struct err *e)
{
	int rc;

	memset(p, 0, sizeof *p);
	rc = store_stop_each(s, shift_id, part_stop, p, e);
	if (!rc)
		rc = store_exception_each(s, shift_id, part_exception, p, e);
	if (rc)
		store_shift_parts_release(p);
	return rc;
}

void store_shift_parts_release(struct store_shift_parts *p)
{
	free(p->stops);
	free(p->exc);
	memset(p, 0, sizeof *p);
}

int store_content_bump(struct store *s, struct err *e)
{
	static const char sql[] = "UPDATE content_version SET v = v + 1";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	return rc ? rc : store__exec_stmt(s, st, e);
}

int store_content_version(struct store *s, int64_t *v, struct err *e)
{
	static const char sql[] = "SELECT v FROM content_version";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	if (store__step(s, st) == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	else
		rc = store__steperr(s, e, "content version");
	sqlite3_reset(st);
	return rc;
}

/* ---- feed tokens ------------------------------------------------------ */
static const char SQL_TOKEN_INSERT[] =
	"INSERT INTO feed_tokens(hash, kind, subject_id, label, show_names, created_t)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int store_feed_token_insert(struct store *s, const unsigned char hash[32],
			    struct store_feed_token *t, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, SQL_TOKEN_INSERT, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	store__bind_text(st, 2, store_feed_kind_name(t->kind));
	sqlite3_bind_int64(st, 3, t->subject_id);
	store__bind_text(st, 4, t->label);
	sqlite3_bind_int(st, 5, t->show_names);
	sqlite3_bind_int64(st, 6, t->created_t);
	rc = store__exec_stmt(s, st, e);
	if (!rc)
		t->id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

#define TOKEN_COLS                                                             \
	"SELECT t.id, t.kind, t.subject_id, t.label, t.show_names, t.created_t,"     \
	" ifnull(t.revoked_t, 0), ifnull(t.last_fetch_t, 0), t.fetches, t.hash,"     \
	" CASE t.kind WHEN 'worker' THEN (SELECT key FROM workers WHERE id = t.subject_id)" \
	" WHEN 'pair' THEN (SELECT key FROM pairs WHERE id = t.subject_id)"           \
	" WHEN 'partner' THEN (SELECT key FROM partners WHERE id = t.subject_id)"     \
	" WHEN 'place' THEN (SELECT key FROM places WHERE id = t.subject_id)"         \
	" ELSE '' END FROM feed_tokens t"

struct token_out {
	struct store_feed_token *t;
	const unsigned char *hash;	/* compare with the stored one */
	store_feed_token_fn fn;
	void *ud;
};

static int token_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct token_out *o = ud;
	struct store_feed_token t = {
		.id = sqlite3_column_int64(st, 0),
		.kind = store_feed_kind_parse((const char *)sqlite3_column_text(st, 1)),
		.subject_id = sqlite3_column_int64(st, 2),
		.show_names = sqlite3_column_int(st, 4),
		.created_t = sqlite3_column_int64(st, 5),
		.revoked_t = sqlite3_column_int64(st, 6),
		.last_fetch_t = sqlite3_column_int64(st, 7),
		.fetches = sqlite3_column_int64(st, 8),
	};

	(void)fn;
	COL_TEXT(t.label, 3);
	COL_TEXT(t.subject, 10);
	if (o->hash) {
		if (sqlite3_column_bytes(st, 9) != 32 ||
		    sodium_memcmp(sqlite3_column_blob(st, 9), o->hash, 32))
			return 0;
	}
	if (o->t) {
		*o->t = t;
		return 1;
	}
	return o->fn(&t, o->ud);
}

int store_feed_token_find(struct store *s, const unsigned char hash[32],
			  struct store_feed_token *t, struct err *e)
{
	static const char sql[] = TOKEN_COLS " WHERE t.hash = ?1";
	struct token_out o = { .t = t, .hash = hash };
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e), step;

	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	while ((step = store__step(s, st)) == SQLITE_ROW && !rc)
		rc = token_row(st, NULL, &o);
	if (!rc && step != SQLITE_DONE)
		rc = store__steperr(s, e, "read token");
	sqlite3_reset(st);
	if (rc == 1)
		return 0;
	return rc ? rc : ERR_NOTFOUND;
}

int store_feed_token_get(struct store *s, int64_t id, struct store_feed_token *t,
			 struct err *e)
{
	static const char sql[] = TOKEN_COLS " WHERE t.id = ?1";
	struct token_out o = { .t = t };
	int rc = store__each1(s, sql, id, token_row, NULL, &o, e);

	if (rc == 1)
		return 0;
	return rc ? rc : err_set(e, ERR_NOTFOUND, "no feed %lld", (long long)id);
}

int store_feed_token_each(struct store *s, store_feed_token_fn fn, void *ud,
			  struct err *e)
{
	static const char sql[] = TOKEN_COLS " ORDER BY t.id";
	struct token_out o = { .fn = fn, .ud = ud };

	return store__each(s, sql, token_row, NULL, &o, e);
}

static int exec_id(struct store *s, const char *sql, int64_t id, int64_t v,
		   const void *blob, struct err *e)
{
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (blob)
		sqlite3_bind_blob(st, 2, blob, 32, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 2, v);
	rc = store__exec_stmt(s, st, e);
	if (!rc && sqlite3_changes(s->db) == 0)
		rc = err_set(e, ERR_NOTFOUND, "no live feed %lld", (long long)id);
	return rc;
}

int store_feed_token_revoke(struct store *s, int64_t id, int64_t now, struct err *e)
{
	static const char sql[] =
		"UPDATE feed_tokens SET revoked_t = ?2 WHERE id = ?1 AND revoked_t IS NULL";

	return exec_id(s, sql, id, now, NULL, e);
}

int store_feed_token_rehash(struct store *s, int64_t id, const unsigned char hash[32],
			    struct err *e)
{
	static const char sql[] =
		"UPDATE feed_tokens SET hash = ?2 WHERE id = ?1 AND revoked_t IS NULL";

	return exec_id(s, sql, id, 0, hash, e);
}

int store_feed_token_fetched(struct store *s, int64_t id, int64_t when, int64_t count,
			     struct err *e)
{
	static const char sql[] =
		"UPDATE feed_tokens SET last_fetch_t = max(ifnull(last_fetch_t, 0), ?2),"
		" fetches = fetches + ?3 WHERE id = ?1";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, when);
	sqlite3_bind_int64(st, 3, count);
	return store__exec_stmt(s, st, e);
}

/* ---- commitments ------------------------------------------------------ */
static void bind_day_or_null(sqlite3_stmt *st, int i, int64_t day)
{
	if (day)
		sqlite3_bind_int64(st, i, day);
	else
		sqlite3_bind_null(st, i);
}

static int commitment_row_id(struct store *s, sqlite3_stmt *st, int64_t *id)
{
	int rc = store__step(s, st);

	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	return rc == SQLITE_DONE && *id ? 0 : rc;
}

int store_commitment_upsert(struct store *s, const struct store_commitment *c,
			    struct err *e)
{
	static const char sql[] =
		"INSERT INTO commitments(partner_id, place_id, weekday, start_min, end_min,"
		" pairs_needed, every, monthly, from_day, until_day, pair_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
		" ON CONFLICT(place_id, weekday, start_min) DO UPDATE SET"
		" partner_id = excluded.partner_id, end_min = excluded.end_min,"
		" pairs_needed = excluded.pairs_needed, every = excluded.every,"
		" monthly = excluded.monthly, from_day = excluded.from_day,"
		" until_day = excluded.until_day, pair_id = excluded.pair_id RETURNING id";
	sqlite3_stmt *st;
	int64_t id;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, c->partner_id);
	sqlite3_bind_int64(st, 2, c->place_id);
	sqlite3_bind_int(st, 3, c->weekday);
	sqlite3_bind_int(st, 4, c->start_min);
	sqlite3_bind_int(st, 5, c->end_min);
	sqlite3_bind_int(st, 6, c->pairs_needed);
	sqlite3_bind_int(st, 7, rhythm_every(&c->rhythm));
	sqlite3_bind_int(st, 8, rhythm_kind(&c->rhythm) == RHYTHM_MONTHLY ?
			 (int)c->rhythm.monthly : 0);
	bind_day_or_null(st, 9, c->from_day);
	bind_day_or_null(st, 10, c->until_day);
	bind_day_or_null(st, 11, c->pair_id);	/* an id: 0 is none as well */
	rc = commitment_row_id(s, st, &id);
	if (rc)
		rc = store__steperr(s, e, "commitment");
	sqlite3_reset(st);
	if (rc)
		return rc;
	rc = store__stmt(s, "DELETE FROM commitment_dates WHERE commitment_id = ?1", &st, e);
	if (!rc) {
		sqlite3_bind_int64(st, 1, id);
		rc = store__exec_stmt(s, st, e);
	}
	return rc ? rc : dates_insert(s, "INSERT INTO commitment_dates(commitment_id, day)"
				      " VALUES (?1, ?2)", id, &c->rhythm, e);
}

static int commitment_row(sqlite3_stmt *st, void *fn, void *ud)
{
	struct store_commitment c = {
		.id = sqlite3_column_int64(st, 0),
		.partner_id = sqlite3_column_int64(st, 1),
		.place_id = sqlite3_column_int64(st, 3),
		.weekday = sqlite3_column_int(st, 5),
		.start_min = sqlite3_column_int(st, 6),
		.end_min = sqlite3_column_int(st, 7),
		.pairs_needed = sqlite3_column_int(st, 8),
		.rhythm.every = sqlite3_column_int(st, 9),
		.rhythm.monthly = (unsigned)sqlite3_column_int(st, 10),
		.from_day = sqlite3_column_int64(st, 11),
		.until_day = sqlite3_column_int64(st, 12),
		.pair_id = sqlite3_column_int64(st, 14),
	};

	dates_from_text((const char *)sqlite3_column_text(st, 13), &c.rhythm);
	COL_TEXT(c.partner, 2);
	COL_TEXT(c.place, 4);
	COL_TEXT(c.pair, 15);
	return ((store_commitment_fn)fn)(&c, ud);
}

int store_commitment_each(struct store *s, store_commitment_fn fn, void *ud,
			  struct err *e)
{
	static const char sql[] =
		"SELECT c.id, c.partner_id, pa.key, c.place_id, pl.key, c.weekday,"
		" c.start_min, c.end_min, c.pairs_needed, c.every, c.monthly,"
		" ifnull(c.from_day, 0), ifnull(c.until_day, 0),"
		" (SELECT group_concat(d.day) FROM commitment_dates d"
		" WHERE d.commitment_id = c.id), ifnull(c.pair_id, 0), ifnull(pr.key, '')"
		" FROM commitments c"
		" JOIN partners pa ON pa.id = c.partner_id"
		" JOIN places pl ON pl.id = c.place_id"
		" LEFT JOIN pairs pr ON pr.id = c.pair_id"
		" ORDER BY pa.key, c.weekday, c.start_min, pl.key";

	return store__each(s, sql, commitment_row, (void *)fn, ud, e);
}

/* ---- worked holidays ---------------------------------------------------- */
int store_worked_holiday_set(struct store *s, int64_t day, int worked, struct err *e)
{
	static const char add[] = "INSERT OR IGNORE INTO worked_holidays(day) VALUES (?1)";
	static const char del[] = "DELETE FROM worked_holidays WHERE day = ?1";
	sqlite3_stmt *st;
	int rc = store__stmt(s, worked ? add : del, &st, e);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, day);
	return store__exec_stmt(s, st, e);
}

int store_worked_holiday_get(struct store *s, int64_t day, struct err *e)
{
	static const char sql[] = "SELECT 1 FROM worked_holidays WHERE day = ?1";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e), step;

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, day);
	step = store__step(s, st);
	rc = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : store__steperr(s, e, "read");
	sqlite3_reset(st);
	return rc;
}

/* ---- settings --------------------------------------------------------- */
int store_setting_get(struct store *s, const char *key, const char *dflt, char *out,
		      size_t cap, struct err *e)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e), step;

	if (rc)
		return rc;
	store__bind_text(st, 1, key);
	step = store__step(s, st);
	if (step == SQLITE_ROW)
		store__col_text(st, 0, out, cap);
	else if (step == SQLITE_DONE)
		snprintf(out, cap, "%s", dflt);
	else
		rc = store__steperr(s, e, "read setting");
	sqlite3_reset(st);
	return rc;
}

int store_setting_set(struct store *s, const char *key, const char *value,
		      struct err *e)
{
	static const char sql[] =
		"INSERT INTO settings(key, value) VALUES (?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st;
	int rc = store__stmt(s, sql, &st, e);

	if (rc)
		return rc;
	store__bind_text(st, 1, key);
	store__bind_text(st, 2, value);
	return store__exec_stmt(s, st, e);
}
