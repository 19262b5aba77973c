/*
 * report.h - the report a team lead hands to decision makers: what the
 * outreach reached in a period and where the gaps are, every figure next
 * to the previous period of the same length, safe to publish.
 *
 * Build path: report_build(store, opts) reads the store (visits,
 *             encounters, the phones' field log, published plans and their
 *             exceptions, partner commitments) and fits the encounter model
 *             into a struct report whose small counts are already
 *             suppressed (report/README.md, "Safe to publish").
 * Read path:  report_write(report, format, FILE) renders it as HTML (one
 *             self-contained page), PDF (A4, cairo + pango), CSV or JSON.
 *             Every format carries the same figures and the same "< 5".
 * report_save does both into a file through a temporary file and a rename,
 * so a failed report leaves nothing half-written.
 *
 * Ownership: report_build's result belongs to the caller (report_free;
 *            NULL is a no-op). Strings in opts are copied.
 * Threads:   a built report is read-only; render it from any thread.
 * Errors:    0 or a negative ERR_*, text in struct err. Bad input (empty or
 *            reversed period, over 5 years, unknown area or partner, a
 *            threshold below 3, nothing recorded in the period) is
 *            ERR_USAGE or ERR_NOTFOUND; an unwritable output is ERR_IO.
 */
#ifndef REPORT_REPORT_H
#define REPORT_REPORT_H

#include <stdint.h>
#include <stdio.h>

struct err;
struct store;
struct report;

#define REPORT_MIN_CELL 5	/* default: counts of people below it are "< 5" */
#define REPORT_MIN_CELL_FLOOR 3	/* never below this */
#define REPORT_MAX_YEARS 5

enum report_format { REPORT_HTML, REPORT_PDF, REPORT_CSV, REPORT_JSON };

struct report_opts {
	int64_t from_day, to_day;	/* inclusive day numbers */
	const char *area, *partner;	/* keys; NULL or "": every one */
	const char *lang;		/* fi, sv, en; NULL: the team's language */
	const char *team;		/* NULL: the team_name setting */
	int min_cell;			/* 0: the report_min_cell setting, else 5 */
};

/* The format named fi "html", "pdf", "csv", "json"; -1 if unknown. */
int report_format_parse(const char *name);
/* MIME type and file extension of a format. */
const char *report_format_type(enum report_format f);
const char *report_format_ext(enum report_format f);

/* Checks the options against the store and builds the report. On error
 * *out is NULL and nothing was written anywhere. */
int report_build(struct store *s, const struct report_opts *o, struct report **out,
		 struct err *e);
void report_free(struct report *r);

/* Renders r to out. ERR_WRITE when out fails. */
int report_write(const struct report *r, enum report_format f, FILE *out, struct err *e);

/* Builds and writes to path via a temporary file in the same folder and
 * a rename: on any error the file at path is as it was. */
int report_save(struct store *s, const struct report_opts *o, enum report_format f,
		const char *path, struct err *e);

#endif
