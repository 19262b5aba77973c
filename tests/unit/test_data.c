/* Unit tests: CSV import (good files, every kind of bad row, transactions,
 * line numbers, privacy) and export (round trip, JSON). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "data/data.h"
#include "store/store.h"
#include "tests/unit/testutil.h"
#include "util/err.h"

static const char *const ORDER[] = {
	"areas", "partners", "places", "workers", "pairs", "availability", "absences",
	"visits", "encounters", "commitments", NULL,
};

struct fx {
	char *path;
	struct store *s;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct err e = { 0 };

	f->path = test_db_path();
	if (store_open(f->path, &f->s, &e))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->s);
	test_db_remove(f->path);
	free(f);
	return 0;
}

static int import_str(struct store *s, const char *kind, const char *csv, struct err *e)
{
	struct data_import_stats st;

	return data_import_buffer(s, data_kind_parse(kind), "t.csv", csv, strlen(csv), 0,
				  &st, e);
}

static void import_examples(struct store *s)
{
	struct err e = { 0 };
	char path[256];

	for (int i = 0; ORDER[i]; i++) {
		snprintf(path, sizeof path, "examples/%s.csv", ORDER[i]);
		if (data_import_file(s, data_kind_parse(ORDER[i]), path, 0, NULL, &e))
			fail_msg("%s: %s", path, e.msg);
	}
}

static void test_import_examples_all_kinds(void **state)
{
	struct fx *f = *state;
	struct store_count c[16];
	int n = 0;
	struct err e = { 0 };

	import_examples(f->s);
	assert_int_equal(store_counts(f->s, c, 16, &n, &e), 0);
	for (int i = 0; i < n; i++)
		if (c[i].rows == 0)
			fail_msg("table %s is empty after importing examples", c[i].table);
}

static void test_import_is_idempotent(void **state)
{
	struct fx *f = *state;
	char *before, *after;

	import_examples(f->s);
	before = test_db_dump(f->path);
	import_examples(f->s);
	after = test_db_dump(f->path);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

struct bad {
	const char *kind, *csv, *want;
};

/* Every kind of bad row: the message must name line and column. */
static const struct bad BAD[] = {
	{ "places", "key,name,kind,lat,lon\nx,X,bogus,60,25\n", "t.csv:2: column kind: 'bogus'" },
	{ "places", "key,name,kind,lat,lon\nx,X,park,95,25\n", "t.csv:2: column lat: '95' is out of range" },
	{ "places", "key,name,kind,lat,lon\nx,X,park,60,abc\n", "t.csv:2: column lon: 'abc' is not a number" },
	{ "places", "key,name,kind,lat,lon\n,X,park,60,25\n", "t.csv:2: column key: must not be empty" },
	{ "places", "key,name,kind,lat,lon\nx y,X,park,60,25\n", "column key: 'x y' is not a key" },
	{ "places", "key,name,kind,lat,lon,opening_hours\nx,X,park,60,25,Jan-Mar 10:00-12:00\n",
	  "t.csv:2: column opening_hours: opening hours rule 'Jan-Mar 10:00-12:00' is not supported" },
	{ "places", "key,name,kind,lat,lon,stay_minutes\nx,X,park,60,25,0\n", "column stay_minutes: '0' is out of range" },
	{ "places", "key,name,kind,lat,lon,partner\nx,X,park,60,25,nobody\n", "t.csv:2: column partner: no partner with key 'nobody'" },
	{ "places", "key,name,kind,lat,lon,colour\n", "t.csv:1: column colour: unknown column for places" },
	{ "places", "key,name,kind,lat\n", "t.csv:1: column lon: missing from the header" },
	{ "places", "key,name,kind,lat,lat,lon\n", "t.csv:1: column lat: appears twice" },
	{ "places", "key,name,kind,lat,lon\nx,X,park,60\n", "t.csv:2: 4 fields where the header has 5" },
	{ "places", "key,name,kind,lat,lon\nx,\"X,park,60,25\n", "t.csv:2: malformed CSV" },
	{ "places", "key,name,kind,lat,lon\nx,X\"y,park,60,25\n", "t.csv:2: malformed CSV" },
	{ "places", "key,name,kind,lat,lon\nx,\xff\xfe,park,60,25\n", "t.csv:2: column name: not valid UTF-8" },
	{ "places", "name,lat,key,kind,lon\nX,60,x,park\xc3,25\n", "t.csv:2: column kind: not valid UTF-8" },
	{ "places", "key,name,kind,lat,lon\nx,X,park,60,25,\xff\n", "t.csv:2: column 6 (the header has 5): not valid UTF-8" },
	{ "places", "key,n\xe4me,kind,lat,lon\n", "t.csv:1: column 2 of the header: not valid UTF-8" },
	{ "places", "", "t.csv:1: empty file" },
	{ "partners", "key,name\np,\n", "column name: must not be empty" },
	{ "workers", "key,name,role,weekly_hours\nw,W,nurse,200\n", "column weekly_hours: '200' is out of range" },
	{ "workers", "key,name,role,weekly_hours,languages\nw,W,nurse,10,finnish\n", "column languages: 'finnish'" },
	{ "pairs", "key,worker_a,worker_b\np,a,b\n", "column worker_a: no worker with key 'a'" },
	{ "availability", "worker,weekday,start,end\nnobody,Mo,08:00,16:00\n", "column worker: no worker" },
	{ "absences", "worker,from,to\nnobody,2024-01-01,2024-01-02\n", "column worker: no worker" },
	{ "visits", "pair,place,start,end\nnobody,x,2024-01-01T10:00,2024-01-01T11:00\n", "column pair: no pair" },
	{ "encounters", "time,place,people\n2024-01-01T10:00,,1\n", "t.csv:2: column place: give a place or lat and lon" },
	{ "encounters", "time,place,people\n2024-13-01T10:00,,1\n", "t.csv:2: column time: '2024-13-01T10:00'" },
	{ "encounters", "time,lat,lon,people\n2024-01-01T10:00,60,25,0\n", "t.csv:2: column people: '0' is out of range" },
	{ "encounters", "time,lat,lon,people,new_people\n2024-01-01T10:00,60,25,2,3\n", "column new_people: '3' is out of range 0..2" },
	{ "encounters", "time,lat,lon,people,anonymous\n2024-01-01T10:00,60,25,2,-1\n", "column anonymous: '-1' is out of range" },
	{ "encounters", "time,lat,people\n2024-01-01T10:00,60,1\n", "column lon: lat and lon come together" },
	{ "encounters", "time,lat,lon,people,name\n", "t.csv:1: column name: the people met are anonymous" },
	{ "encounters", "time,lat,lon,people,hetu\n", "column hetu: the people met are anonymous" },
	{ "encounters", "time,lat,lon,people,birth_date\n", "column birth_date: the people met are anonymous" },
	{ "visits", "pair,place,start,end,client_name\n", "column client_name: the people met are anonymous" },
	{ NULL, NULL, NULL },
};

static void test_import_bad_rows(void **state)
{
	struct fx *f = *state;
	struct err e = { 0 };
	char *before;

	before = test_db_dump(f->path);
	for (int i = 0; BAD[i].kind; i++) {
		int rc = import_str(f->s, BAD[i].kind, BAD[i].csv, &e);

		if (rc == 0)
			fail_msg("case %d (%s) was accepted", i, BAD[i].want);
		if (!strstr(e.msg, BAD[i].want))
			fail_msg("case %d: message '%s' lacks '%s'", i, e.msg, BAD[i].want);
		assert_true(err_is_user(rc));
	}
	{
		char *after = test_db_dump(f->path);

		assert_string_equal(before, after);
		free(after);
	}
	free(before);
}

static void test_import_line_numbers_with_multiline_fields(void **state)
{
	struct fx *f = *state;
	struct err e = { 0 };
	const char *csv = "key,name,contact\r\n"
			  "a,\"Two\nline name\",x\r\n"
			  "\r\n"
			  "b,\"Ok\",\"also\nmultiline\"\r\n"
			  "c,\"\",y\r\n";

	assert_int_equal(import_str(f->s, "partners", csv, &e), ERR_PARSE);
	assert_string_equal(e.msg, "t.csv:7: column name: must not be empty");
}

static void test_import_long_field_names_its_column(void **state)
{
	struct fx *f = *state;
	struct err e = { 0 };
	struct buf csv;

	buf_init(&csv);
	buf_puts(&csv, "key,name\np,");
	for (int i = 0; i <= DATA_FIELD_MAX; i++)
		buf_puts(&csv, "x");
	buf_puts(&csv, "\n");
	assert_int_equal(import_str(f->s, "partners", csv.p, &e), ERR_TOOBIG);
	assert_string_equal(e.msg, "t.csv:2: column name: longer than 4096 bytes");
	buf_release(&csv);
}

static void test_import_ten_thousand_rows_bad_row_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct err e = { 0 };
	struct buf csv;
	char *before, *after;
	int bad_at[] = { 2, 5000, 10001 };

	import_examples(f->s);
	before = test_db_dump(f->path);
	for (size_t k = 0; k < sizeof bad_at / sizeof *bad_at; k++) {
		char want[64];

		buf_init(&csv);
		buf_puts(&csv, "time,place,lat,lon,people,new_people,anonymous\n");
		for (int line = 2; line <= 10001; line++) {
			int day = (line % 28) + 1, min = line % 60, hour = 8 + line % 10;

			if (line == bad_at[k])
				buf_printf(&csv, "2025-02-%02dT%02d:%02d,kaivopiha,,,3,4,0\n", day,
					   hour, min);
			else
				buf_printf(&csv, "2025-02-%02dT%02d:%02d:%02d,kaivopiha,,,3,1,1\n",
					   day, hour, min, line % 60);
		}
		assert_int_equal(import_str(f->s, "encounters", csv.p, &e), ERR_PARSE);
		snprintf(want, sizeof want, "t.csv:%d: column new_people", bad_at[k]);
		if (strncmp(e.msg, want, strlen(want)))
			fail_msg("message '%s' does not start with '%s'", e.msg, want);
		after = test_db_dump(f->path);
		assert_string_equal(before, after);
		free(after);
		buf_release(&csv);
	}
	free(before);
}

static void test_import_dry_run_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct err e = { 0 };
	struct data_import_stats st = { 0 };
	const char *csv = "key,name\np1,P\np2,Q\n";
	char *before = test_db_dump(f->path), *after;

	assert_int_equal(data_import_buffer(f->s, DATA_PARTNERS, "t.csv", csv, strlen(csv),
					    1, &st, &e), 0);
	assert_int_equal(st.rows, 2);
	after = test_db_dump(f->path);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_import_columns_any_order_bom_and_quotes(void **state)
{
	struct fx *f = *state;
	struct err e = { 0 };
	const char *csv = "\xef\xbb\xbf" "lon,lat,kind,name,key,area\n"
			  "24.94,60.17,park,\"Hämeenlinnan \"\"Äänekoski\"\", puisto\",p1,a1\n";
	char *out = NULL;
	size_t len = 0;
	FILE *m;

	assert_int_equal(import_str(f->s, "places", csv, &e), 0);
	m = open_memstream(&out, &len);
	assert_int_equal(data_export(f->s, DATA_PLACES, DATA_CSV, m, &e), 0);
	fclose(m);
	assert_string_equal(out,
		"key,name,kind,lat,lon,opening_hours,stay_minutes,partner,area,address\r\n"
		"p1,\"Hämeenlinnan \"\"Äänekoski\"\", puisto\",park,60.17,24.94,,20,,a1,\r\n");
	free(out);
}

static void test_import_absent_columns_keep_stored_values(void **state)
{
	struct fx *f = *state;
	struct err e = { 0 };
	struct store_place p;

	import_examples(f->s);
	/* A partial file: partner, area, opening hours, address stay. */
	assert_int_equal(import_str(f->s, "places", "key,name,kind,lat,lon\n"
				    "pelastusarmeija,Renamed,food_distribution,60.17,24.94\n",
				    &e), 0);
	assert_int_equal(store_place_get(f->s, "pelastusarmeija", &p, &e), 0);
	assert_string_equal(p.name, "Renamed");
	assert_string_equal(p.partner, "pelastusarmeija");
	assert_string_equal(p.area, "kaisaniemi");
	assert_string_equal(p.opening_hours, "Tu 12:00-13:00; Th 14:00-15:30; PH off");
	assert_int_equal(p.stay_minutes, 60);
	/* A column present but empty does clear it. */
	assert_int_equal(import_str(f->s, "places", "key,name,kind,lat,lon,partner\n"
				    "pelastusarmeija,Renamed,food_distribution,60.17,24.94,\n",
				    &e), 0);
	assert_int_equal(store_place_get(f->s, "pelastusarmeija", &p, &e), 0);
	assert_string_equal(p.partner, "");
	/* A new key takes the defaults. */
	assert_int_equal(import_str(f->s, "places", "key,name,kind,lat,lon\n"
				    "uusi,Uusi,park,60.17,24.94\n", &e), 0);
	assert_int_equal(store_place_get(f->s, "uusi", &p, &e), 0);
	assert_int_equal(p.stay_minutes, 20);
}

static char *export_all(struct store *s, enum data_format fmt)
{
	struct buf b;
	struct err e = { 0 };

	buf_init(&b);
	for (int i = 0; ORDER[i]; i++) {
		char *out = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&out, &len);

		if (data_export(s, data_kind_parse(ORDER[i]), fmt, m, &e))
			fail_msg("export %s: %s", ORDER[i], e.msg);
		fclose(m);
		buf_printf(&b, "== %s\n%s", ORDER[i], out);
		free(out);
	}
	return buf_detach(&b);
}

static void test_export_round_trip(void **state)
{
	struct fx *f = *state;
	struct err e = { 0 };
	char *first, *second, *path2 = test_db_path();
	struct store *s2 = NULL;

	import_examples(f->s);
	first = export_all(f->s, DATA_CSV);
	assert_int_equal(store_open(path2, &s2, &e), 0);
	/* Import the export into a fresh database, export again: equal. */
	for (int i = 0; ORDER[i]; i++) {
		char *out = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&out, &len);

		data_export(f->s, data_kind_parse(ORDER[i]), DATA_CSV, m, &e);
		fclose(m);
		if (data_import_buffer(s2, data_kind_parse(ORDER[i]), ORDER[i], out, len, 0,
				       NULL, &e))
			fail_msg("re-import %s: %s", ORDER[i], e.msg);
		free(out);
	}
	second = export_all(s2, DATA_CSV);
	assert_string_equal(first, second);
	free(first);
	free(second);
	store_close(s2);
	test_db_remove(path2);
}

static void test_export_json_typed(void **state)
{
	struct fx *f = *state;
	struct err e = { 0 };
	json_error_t je;
	json_t *root, *row;
	char *out = NULL;
	size_t len = 0;
	FILE *m;

	import_examples(f->s);
	m = open_memstream(&out, &len);
	assert_int_equal(data_export(f->s, DATA_ENCOUNTERS, DATA_JSON, m, &e), 0);
	fclose(m);
	root = json_loads(out, 0, &je);
	assert_non_null(root);
	assert_true(json_array_size(root) > 100);
	row = json_array_get(root, 0);
	assert_true(json_is_integer(json_object_get(row, "people")));
	assert_true(json_is_string(json_object_get(row, "time")));
	assert_int_equal(json_object_size(row), 7);
	json_decref(root);
	free(out);
}

static void test_import_fault_at_every_step_rolls_back(void **state)
{
	struct fx *f = *state;
	struct err e = { 0 };
	const char *csv = "key,name,kind,lat,lon,area\n"
			  "a,A,park,60,25,z1\nb,B,park,60,25,z2\nc,C,park,60,25,z1\n";
	char *before = test_db_dump(f->path);

	/* Fail the 1st, 2nd, ... statement step: every path rolls back. */
	for (int n = 1; n < 40; n++) {
		char *after;
		int rc;

		store_fail_after(f->s, n);
		rc = import_str(f->s, "places", csv, &e);
		store_fail_after(f->s, 0);
		if (rc == 0)
			break;	/* n is past the last step: the import succeeded */
		after = test_db_dump(f->path);
		assert_string_equal(before, after);
		free(after);
	}
	free(before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_examples_all_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_is_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_bad_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_line_numbers_with_multiline_fields,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_long_field_names_its_column,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_import_ten_thousand_rows_bad_row_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_dry_run_writes_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_import_columns_any_order_bom_and_quotes,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_absent_columns_keep_stored_values,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_json_typed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_fault_at_every_step_rolls_back,
						setup, teardown),
	};

	return cmocka_run_group_tests_name("data", tests, NULL, NULL);
}
