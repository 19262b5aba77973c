/* Unit tests: the report's suppression of small counts (report/suppress.c)
 * and its failure paths (nothing half-written, every SQLite failure
 * reported and freed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <sys/stat.h>

#include "report/report_int.h"
#include "store/store.h"
#include "util/err.h"
#include "util/tz.h"
#include "testutil.h"

/* A table of one PEOPLE column with these values and a total row. */
static void people_table(struct rpt_table *t, const double *v, int n)
{
	char key[16];

	report__table_init(t, "kinds");
	report__table_col(t, "people", RK_PEOPLE, 0, 0);
	report__table_col(t, "worker_hours", RK_HOURS, 0, 0);
	report__table_col(t, "per_hour", RK_RATE, 0, 1);
	for (int i = 0; i < n; i++) {
		struct rpt_row *r;

		snprintf(key, sizeof key, "r%d", i);
		r = report__table_row(t, key, key);
		r->cur[0].v = r->prev[0].v = v[i];
		r->cur[1].v = r->prev[1].v = 10;
	}
	report__table_finish(t, 1, "total");
}

static void test_report_small_cells_hidden(void **state)
{
	const double v[] = { 0, 1, 2, 3, 4, 5, 40 };
	struct rpt_table t;

	(void)state;
	people_table(&t, v, 7);
	report__suppress_table(&t, 5);
	assert_int_equal(t.rows[0].cur[0].sup, 0);	/* 0 says nobody: shown */
	for (int i = 1; i <= 4; i++)
		assert_int_equal(t.rows[i].cur[0].sup, 1);
	assert_int_equal(t.rows[5].cur[0].sup, 0);
	assert_int_equal(t.rows[6].cur[0].sup, 0);	/* four hidden: no complement */
	assert_int_equal(t.rows[7].cur[0].sup, 0);	/* the total, 55 */
	for (int i = 1; i <= 4; i++)	/* the rate gives the count back */
		assert_int_equal(t.rows[i].cur[2].sup, 2);
	assert_int_equal(t.rows[1].cur[1].sup, 0);	/* hours are the team's work */
	report__table_release(&t);
}

/* street 20, park 3, station 12: the total 35 would give park's 3 back
 * (35 - 20 - 12), so the smallest other cell, station, is hidden too. */
static void test_report_complementary(void **state)
{
	const double v[] = { 20, 3, 12 };
	struct rpt_table t;

	(void)state;
	people_table(&t, v, 3);
	report__suppress_table(&t, 5);
	assert_int_equal(t.rows[1].cur[0].sup, 1);
	assert_int_equal(t.rows[2].cur[0].sup, 2);
	assert_int_equal(t.rows[0].cur[0].sup, 0);
	assert_int_equal(t.rows[3].cur[0].sup, 0);
	assert_true(t.rows[3].total);
	assert_int_equal((int)t.rows[3].cur[0].v, 35);
	assert_int_equal(t.rows[2].cur[2].sup, 2);	/* station's rate too */
	report__table_release(&t);
}

/* A zero is no cover: the complement is the smallest non-zero cell. */
static void test_report_complement_skips_zero(void **state)
{
	const double v[] = { 0, 2, 9, 30 };
	struct rpt_table t;

	(void)state;
	people_table(&t, v, 4);
	report__suppress_table(&t, 5);
	assert_int_equal(t.rows[0].cur[0].sup, 0);
	assert_int_equal(t.rows[1].cur[0].sup, 1);
	assert_int_equal(t.rows[2].cur[0].sup, 2);
	assert_int_equal(t.rows[3].cur[0].sup, 0);
	report__table_release(&t);
}

/* A hidden total protects its cells: no complement is needed. */
static void test_report_hidden_total(void **state)
{
	const double v[] = { 1, 0, 2 };
	struct rpt_table t;

	(void)state;
	people_table(&t, v, 3);
	report__suppress_table(&t, 5);
	assert_int_equal(t.rows[3].cur[0].sup, 1);	/* total 3 */
	assert_int_equal(t.rows[1].cur[0].sup, 0);
	report__table_release(&t);
}

static void test_report_threshold_three(void **state)
{
	const double v[] = { 2, 3, 4, 50 };
	struct rpt_table t;

	(void)state;
	people_table(&t, v, 4);
	report__suppress_table(&t, 3);
	assert_int_equal(t.rows[0].cur[0].sup, 1);
	assert_int_equal(t.rows[1].cur[0].sup, 2);	/* complement of the 2 */
	assert_int_equal(t.rows[2].cur[0].sup, 0);
	report__table_release(&t);
}

/* The 7 x 24 cells against the people met. */
static void test_report_group(void **state)
{
	struct rpt_val v[5] = { { 30, 0, 0 }, { 4, 0, 0 }, { 0, 0, 0 }, { 8, 0, 0 }, { 6, 0, 0 } };
	struct rpt_val total = { 48, 0, 0 }, *cells[5];

	(void)state;
	for (int i = 0; i < 5; i++)
		cells[i] = &v[i];
	report__suppress_group(cells, 5, &total, 5);
	assert_int_equal(v[1].sup, 1);
	assert_int_equal(v[4].sup, 2);
	assert_int_equal(v[3].sup + v[0].sup + v[2].sup, 0);
}

static int one_visit(struct store *s)
{
	struct store_place pl = { .stay_minutes = 20, .lat = 60.17, .lon = 24.94 };
	struct store_worker w = { .weekly_hours = 30 };
	struct store_pair pr = { 0 };
	struct store_visit v = { 0 };
	struct store_encounter x = { .people = 7, .new_people = 2, .anonymous = 3 };
	int rc = store_begin(s, NULL);

	snprintf(pl.key, sizeof pl.key, "tori");
	snprintf(pl.name, sizeof pl.name, "Tori");
	snprintf(pl.kind, sizeof pl.kind, "street");
	snprintf(w.role, sizeof w.role, "nurse");
	rc = rc ? rc : store_place_upsert(s, &pl, NULL);
	for (int i = 0; !rc && i < 2; i++) {
		snprintf(w.key, sizeof w.key, "w%d", i);
		snprintf(w.name, sizeof w.name, "W %d", i);
		rc = store_worker_upsert(s, &w, NULL);
	}
	snprintf(pr.key, sizeof pr.key, "p");
	rc = rc ? rc : store_id_of(s, STORE_WORKER, "w0", &pr.worker_a_id);
	rc = rc ? rc : store_id_of(s, STORE_WORKER, "w1", &pr.worker_b_id);
	rc = rc ? rc : store_pair_upsert(s, &pr, NULL);
	rc = rc ? rc : store_id_of(s, STORE_PAIR, "p", &v.pair_id);
	rc = rc ? rc : store_id_of(s, STORE_PLACE, "tori", &v.place_id);
	v.start = tz_day_minute(tz_days_from_civil(2026, 3, 3), 600);
	v.end = v.start + 3600;
	x.place_id = v.place_id;
	x.time = v.start + 600;
	rc = rc ? rc : store_visit_upsert(s, &v, NULL);
	rc = rc ? rc : store_encounter_upsert(s, &x, NULL);
	return rc ? rc : store_commit(s, NULL);
}

/* A report that fails leaves the file that was there, and no temporary. */
static void test_report_nothing_half_written(void **state)
{
	char *db = test_db_path(), out[64], buf[16] = "";
	struct report_opts o = { .from_day = tz_days_from_civil(2026, 3, 1),
				 .to_day = tz_days_from_civil(2026, 3, 31), .lang = "en" };
	struct store *s = NULL;
	struct err e = { 0 };
	FILE *f;

	(void)state;
	assert_int_equal(store_open(db, &s, &e), 0);
	assert_int_equal(one_visit(s), 0);
	snprintf(out, sizeof out, "%s.pdf", db);
	f = fopen(out, "w");
	fputs("old", f);
	fclose(f);
	o.area = "nowhere";
	assert_int_equal(report_save(s, &o, REPORT_PDF, out, &e), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "unknown area 'nowhere'"));
	o.area = NULL;
	store_fail_after(s, 3);	/* SQLite fails mid-report */
	assert_int_equal(report_save(s, &o, REPORT_PDF, out, &e), ERR_DB);
	f = fopen(out, "r");
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "old");
	assert_int_equal(report_save(s, &o, REPORT_JSON, out, &e), 0);
	f = fopen(out, "r");
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "{\n");
	unlink(out);
	store_close(s);
	test_db_remove(db);
}

/* Every SQLite step the report makes may fail: each failure is ERR_DB,
 * with everything freed (ASan) and no report. */
static void test_report_every_step_fails(void **state)
{
	char *db = test_db_path();
	struct report_opts o = { .from_day = tz_days_from_civil(2026, 3, 1),
				 .to_day = tz_days_from_civil(2026, 3, 31), .lang = "fi" };
	struct store *s = NULL;
	struct report *r = NULL;
	struct err e = { 0 };
	int n, rc;

	(void)state;
	assert_int_equal(store_open(db, &s, &e), 0);
	assert_int_equal(one_visit(s), 0);
	for (n = 1; n < 200; n++) {
		store_fail_after(s, n);
		rc = report_build(s, &o, &r, &e);
		store_fail_after(s, 0);
		if (!rc)
			break;
		assert_int_equal(rc, ERR_DB);
		assert_null(r);
	}
	assert_true(n > 3 && n < 200);
	assert_non_null(r);
	assert_int_equal((int)r->t[T_TOTALS].rows[0].cur[2].v, 7);
	assert_int_equal(r->t[T_TOTALS].rows[0].cur[3].sup, 1);	/* 2 new */
	report_free(r);
	store_close(s);
	test_db_remove(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_small_cells_hidden),
		cmocka_unit_test(test_report_complementary),
		cmocka_unit_test(test_report_complement_skips_zero),
		cmocka_unit_test(test_report_hidden_total),
		cmocka_unit_test(test_report_threshold_three),
		cmocka_unit_test(test_report_group),
		cmocka_unit_test(test_report_nothing_half_written),
		cmocka_unit_test(test_report_every_step_fails),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
