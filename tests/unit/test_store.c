/* Unit tests: the SQLite store (open, pragmas, migrations, refusal of a
 * newer file, upserts, fault injection). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/store.h"
#include "store/store_int.h"
#include "tests/unit/testutil.h"
#include "util/err.h"

static int pragma_int(const char *path, const char *pragma)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char sql[128];
	int v = -1;

	sqlite3_open(path, &db);
	snprintf(sql, sizeof sql, "PRAGMA %s", pragma);
	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void test_store_open_creates_latest(void **state)
{
	char *path = test_db_path();
	struct store *s = NULL;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(store_open(path, &s, &e), 0);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	assert_true(store_schema_latest() >= 1);
	store_close(s);
	assert_int_equal(pragma_int(path, "user_version"), store_schema_latest());
	/* WAL is a property of the file. */
	{
		sqlite3 *db;
		sqlite3_stmt *st;

		sqlite3_open(path, &db);
		sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	store_close(NULL);	/* no-op */
	test_db_remove(path);
}

static void test_store_refuses_newer_file(void **state)
{
	char *path = test_db_path();
	struct store *s = NULL;
	struct err e = { 0 };
	sqlite3 *db;
	char sql[64];

	(void)state;
	sqlite3_open(path, &db);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_latest() + 1);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(store_open(path, &s, &e), ERR_VERSION);
	assert_null(s);
	assert_non_null(strstr(e.msg, "newer"));
	test_db_remove(path);
}

static void test_store_upgrades_older_file_in_place(void **state)
{
	char *path = test_db_path();
	struct store *s = NULL;
	struct err e = { 0 };
	int64_t id = 0;
	sqlite3 *db;

	(void)state;
	/* A file as version 1 of the binary left it, with data in it. */
	sqlite3_open(path, &db);
	assert_int_equal(sqlite3_exec(db, store__migrations[0], NULL, NULL, NULL), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA user_version = 1;"
		     "INSERT INTO partners(key, name) VALUES ('p1', 'Partner');", NULL,
		     NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(store_open(path, &s, &e), 0);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	assert_int_equal(store_id_of(s, STORE_PARTNER, "p1", &id), 0);
	assert_true(id > 0);
	store_close(s);
	test_db_remove(path);
}

static void test_store_not_a_database(void **state)
{
	char *path = test_db_path();
	struct store *s = NULL;
	struct err e = { 0 };
	FILE *f = fopen(path, "w");

	(void)state;
	fputs("this is not sqlite, just text that is long enough to have a header...."
	      "................................................................", f);
	fclose(f);
	assert_true(store_open(path, &s, &e) < 0);
	assert_null(s);
	assert_non_null(strstr(e.msg, path));
	test_db_remove(path);
}

static void test_store_upsert_and_foreign_keys(void **state)
{
	char *path = test_db_path();
	struct store *s = NULL;
	struct err e = { 0 };
	struct store_partner p = { .key = "p1", .name = "One", .contact = "" };
	struct store_place pl = { .key = "x", .name = "X", .kind = "park", .lat = 60,
				  .lon = 25, .stay_minutes = 10, .partner_id = 9999 };
	int64_t id1 = 0, id2 = 0;

	(void)state;
	assert_int_equal(store_open(path, &s, &e), 0);
	assert_int_equal(store_partner_upsert(s, &p, &e), 0);
	assert_int_equal(store_id_of(s, STORE_PARTNER, "p1", &id1), 0);
	snprintf(p.name, sizeof p.name, "One renamed");
	assert_int_equal(store_partner_upsert(s, &p, &e), 0);
	assert_int_equal(store_id_of(s, STORE_PARTNER, "p1", &id2), 0);
	assert_int_equal(id1, id2);	/* updated, not duplicated */
	assert_int_equal(store_id_of(s, STORE_PARTNER, "nope", &id2), ERR_NOTFOUND);
	/* A dangling reference is refused by the foreign key. */
	assert_int_equal(store_place_upsert(s, &pl, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "FOREIGN KEY"));
	store_close(s);
	test_db_remove(path);
}

static int count_partner(const struct store_partner *p, void *ud)
{
	(void)p;
	++*(int *)ud;
	return 0;
}

static void test_store_fault_injection_rolls_back(void **state)
{
	char *path = test_db_path();
	struct store *s = NULL;
	struct err e = { 0 };
	struct store_partner p = { .key = "a", .name = "A" };
	int n = 0;

	(void)state;
	assert_int_equal(store_open(path, &s, &e), 0);
	assert_int_equal(store_begin(s, &e), 0);
	assert_int_equal(store_partner_upsert(s, &p, &e), 0);
	store_fail_after(s, 1);
	snprintf(p.key, sizeof p.key, "b");
	assert_int_equal(store_partner_upsert(s, &p, &e), ERR_DB);
	assert_non_null(strstr(e.msg, "injected"));
	store_rollback(s);
	assert_int_equal(store_partner_each(s, count_partner, &n, &e), 0);
	assert_int_equal(n, 0);
	store_close(s);
	test_db_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_open_creates_latest),
		cmocka_unit_test(test_store_refuses_newer_file),
		cmocka_unit_test(test_store_upgrades_older_file_in_place),
		cmocka_unit_test(test_store_not_a_database),
		cmocka_unit_test(test_store_upsert_and_foreign_keys),
		cmocka_unit_test(test_store_fault_injection_rolls_back),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
