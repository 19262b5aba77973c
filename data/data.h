/*
 * data.h - the team's data in and out: CSV import (libcsv, RFC 4180,
 * UTF-8, header row, columns in any order) and CSV/JSON export.
 * Each import is one transaction: any bad row rejects the whole file with
 * "FILE:LINE: column NAME: why" and leaves the database as it was.
 * Ownership: the caller owns the store and the FILE; nothing is retained.
 * Errors: 0 or a negative ERR_* with text in struct err.
 */
#ifndef DATA_DATA_H
#define DATA_DATA_H

#include <stddef.h>
#include <stdio.h>

struct err;
struct store;

enum data_kind {
	DATA_AREAS, DATA_PARTNERS, DATA_PLACES, DATA_WORKERS, DATA_PAIRS,
	DATA_AVAILABILITY, DATA_ABSENCES, DATA_VISITS, DATA_ENCOUNTERS,
	DATA_COMMITMENTS, DATA_NKINDS
};

enum data_format { DATA_CSV, DATA_JSON };

/* Caps on what comes from outside. */
#define DATA_FILE_MAX (512u << 20)	/* bytes per imported file */
#define DATA_FIELD_MAX 4096		/* bytes per field */
#define DATA_COLS_MAX 32

/* Kind by name ("places", ...); -1 if unknown. */
int data_kind_parse(const char *name);
const char *data_kind_name(int kind);

/* The columns of a kind, comma-separated, in export order, into out. */
void data_kind_columns(int kind, char *out, size_t cap);

struct data_import_stats {
	long rows;	/* data rows read (and written unless dry_run) */
};

/*
 * Imports the CSV text buf (len bytes; name is used in messages) into s.
 * dry_run validates everything in a transaction that is rolled back.
 */
int data_import_buffer(struct store *s, int kind, const char *name, const char *buf,
		       size_t len, int dry_run, struct data_import_stats *st,
		       struct err *e);

/* Reads the file at path and imports it as above. */
int data_import_file(struct store *s, int kind, const char *path, int dry_run,
		     struct data_import_stats *st, struct err *e);

/* Writes every row of a kind to out, with the import's columns. */
int data_export(struct store *s, int kind, enum data_format fmt, FILE *out,
		struct err *e);

#endif
