/*
 * report_int.h - shared inside report/ only (double-underscore names).
 * A report is a list of tables of the same shape (rows of cells, each
 * with this period's value and the previous period's), a 7 x 24 grid of
 * presence and people met, and the gaps stated in words. Every renderer
 * reads the same struct, so suppression is decided once, in build.c.
 */
#ifndef REPORT_REPORT_INT_H
#define REPORT_REPORT_INT_H

#include <stdint.h>
#include <stdio.h>

#include "report/report.h"
#include "store/field.h"
#include "store/store.h"

#define RPT_COLS 10
#define RPT_GAPS 8
#define RPT_TOP_PLACES 10
#define RPT_WORKERS_PER_VISIT 2	/* a visit is a pair's presence */
#define RPT_GAP_RATE 0.5	/* people per hour at the best place: "expected" */

/* What a column counts. PEOPLE columns are suppressed below min_cell;
 * COUNT and HOURS are the team's own work (visits, shifts, hours) and are
 * shown as they are; RATE and SHARE are num/den of two other columns and
 * are suppressed with either of them. */
enum rpt_kind { RK_COUNT, RK_HOURS, RK_PEOPLE, RK_RATE, RK_SHARE };

struct rpt_col {
	const char *id;		/* also the text id of its name */
	enum rpt_kind kind;
	int num, den;		/* RATE, SHARE: column indexes */
};

/* sup: 0 shown, 1 below min_cell, 2 suppressed so that a 1 cannot be
 * recovered from the total (complementary). na: no value (no plan). */
struct rpt_val {
	double v;
	int sup, na;
};

struct rpt_row {
	char key[160];
	char label[STORE_NAME_MAX + 32];
	int total;		/* this row is the sum of the others */
	struct rpt_val cur[RPT_COLS], prev[RPT_COLS];
};

enum rpt_table_id {
	T_TOTALS, T_GUIDANCE, T_KINDS, T_PLACES, T_PARTNERS, T_MONTHS, T_COMMIT,
	T_CANCEL, RPT_NTABLES
};

struct rpt_table {
	const char *id;		/* totals, guidance, ...: the text ids */
	int ncols;
	struct rpt_col col[RPT_COLS];
	int nrows, cap;
	struct rpt_row *rows;
};

/* The week as 7 x 24 local hours (0 = Monday 00-01). */
struct rpt_grid {
	double hours[7][24];		/* hours of presence (pairs) */
	struct rpt_val people[7][24];	/* people met in those hours */
	double expected[7][24];		/* model: people per hour at the best place */
	int has_model;
};

struct rpt_gap {
	int d0, d1, h0, h1;	/* weekdays d0..d1, hours h0..h1-1 */
	double per_week;	/* people a week the model expects there */
	double staffed;		/* hours of presence in the period */
};

struct report {
	char team[STORE_NAME_MAX + 1], lang[4];
	char area[STORE_KEY_MAX + 1], area_name[STORE_NAME_MAX + 1];
	char partner[STORE_KEY_MAX + 1], partner_name[STORE_NAME_MAX + 1];
	int64_t from, to, pfrom, pto;	/* inclusive days: this and the previous period */
	int min_cell, has_plans;
	int64_t made_t;
	struct rpt_table t[RPT_NTABLES];
	struct rpt_grid grid;
	struct rpt_gap gap[RPT_GAPS];
	int ngaps;
};

/* ---- suppress.c ------------------------------------------------------ */
/* Suppresses one table (both periods): PEOPLE cells 1..min-1, then, in
 * every PEOPLE column closed by a total row that is shown, one more cell
 * wherever a single one is hidden; then RATE and SHARE cells whose
 * inputs are hidden. */
void report__suppress_table(struct rpt_table *t, int min_cell);
/* The same for n cells whose sum is total (the grid). */
void report__suppress_group(struct rpt_val **cells, int n, const struct rpt_val *total,
			    int min_cell);

/* ---- table.c --------------------------------------------------------- */
void report__table_init(struct rpt_table *t, const char *id);
void report__table_col(struct rpt_table *t, const char *id, enum rpt_kind k, int num,
		       int den);
struct rpt_row *report__table_row(struct rpt_table *t, const char *key, const char *label);
void report__table_release(struct rpt_table *t);
/* Fills a total row (sum of the others) and the RATE/SHARE columns. */
void report__table_finish(struct rpt_table *t, int with_total, const char *total_label);

/* ---- text.c ---------------------------------------------------------- */
/* The text with that id in lang (fi, sv, en); the id itself if unknown. */
const char *report__t(const char *lang, const char *id);
/* A value for people: "< 5", "12"; hours "12,5"; "–" for no value. */
void report__fmt(const struct report *r, const struct rpt_col *c, const struct rpt_val *v,
		 char *buf, size_t cap);
/* "tammikuu 2026", "januari 2026", "January 2026". */
void report__month_label(const char *lang, int y, int m, char *buf, size_t cap);
/* Number with the language's decimal separator. */
void report__num(const char *lang, double v, int decimals, char *buf, size_t cap);
/* "1.1.2026–31.3.2026" (fi, sv) or "2026-01-01 – 2026-03-31" (en). */
void report__period(const char *lang, int64_t from, int64_t to, char *buf, size_t cap);
/* A gap in words: "Evenings Mon–Fri 18–22: about 12 people a week
 * expected, 0 hours staffed". */
void report__gap_text(const struct report *r, const struct rpt_gap *g, char *buf,
		      size_t cap);
/* The suppression statement of the report. */
void report__suppression_text(const struct report *r, char *buf, size_t cap);
/* The change from prev to cur: "+12 %", "−3 %", "–". */
void report__change(const struct report *r, const struct rpt_col *c,
		    const struct rpt_val *cur, const struct rpt_val *prev, char *buf, size_t cap);

/* ---- gaps.c ----------------------------------------------------------- */
/* Fits the encounter model and states the hours where it expects people
 * but nobody was present (r->grid.expected, r->gap). A model that cannot
 * be fitted leaves has_model 0: the report says so, it is no error. */
struct rpt_places;
int report__gaps(struct store *s, struct report *r, const struct rpt_places *ps,
		 struct err *e);

/* The text id of a table's title (json.c). */
const char *report__title_id(const char *table);

/* ---- renderers -------------------------------------------------------- */
int report__json(const struct report *r, FILE *out, struct err *e);
int report__csv(const struct report *r, FILE *out, struct err *e);
int report__html(const struct report *r, FILE *out, struct err *e);
int report__pdf(const struct report *r, FILE *out, struct err *e);

#endif
