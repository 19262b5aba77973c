/* Helpers shared by unit tests: temporary databases and a content dump. */
#ifndef TESTS_UNIT_TESTUTIL_H
#define TESTS_UNIT_TESTUTIL_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"

/* A fresh path for a temporary database; caller frees with test_db_remove. */
static inline char *test_db_path(void)
{
	char *p = xstrdup("/tmp/outreach-test-XXXXXX");
	int fd = mkstemp(p);

	if (fd >= 0)
		close(fd);
	unlink(p);
	return p;
}

static inline void test_db_remove(char *p)
{
	char side[512];

	unlink(p);
	snprintf(side, sizeof side, "%s-wal", p);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", p);
	unlink(side);
	free(p);
}

/* Every row of every user table, in a stable order: "byte-for-byte in
 * content" comparisons (content_version, a cache-validation counter, is
 * left out). Caller frees. */
static inline char *test_db_dump(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *tables, *rows;
	struct buf b;

	buf_init(&b);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return buf_detach(&b);
	sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'"
			   " AND name NOT LIKE 'sqlite_%' AND name <> 'content_version'"
			   " ORDER BY name", -1, &tables, NULL);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		char sql[256];
		const char *t = (const char *)sqlite3_column_text(tables, 0);

		buf_printf(&b, "== %s\n", t);
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY 1", t);
		sqlite3_prepare_v2(db, sql, -1, &rows, NULL);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(rows); i++) {
				const unsigned char *v = sqlite3_column_text(rows, i);

				buf_printf(&b, "%s|", v ? (const char *)v : "NULL");
			}
			buf_putc(&b, '\n');
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	return buf_detach(&b);
}

#endif
