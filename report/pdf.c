/*
 * pdf.c - the report as an A4 PDF drawn with cairo (vector graphics) and
 * pango (text layout, so Finnish and Swedish letters and line breaks come
 * out right). The page flows top to bottom; a table that does not fit
 * goes on with its header repeated on the next page. Two passes: the
 * first only measures, so that the footer can say "page 2 of 5".
 */
#include "report/report_int.h"
#include "util/err.h"
#include "util/tz.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 42.0
#define TOP 66.0
#define BOTTOM (PAGE_H - 48.0)
#define WIDTH (PAGE_W - 2 * MARGIN)
#define FONT "DejaVu Sans"

struct pdf {
	const struct report *r;
	cairo_t *cr;
	int dry;		/* measure only */
	int page, pages;
	double y;
	char period[64];
};

/* ---- text ---------------------------------------------------------------- */
static PangoLayout *layout(struct pdf *p, const char *text, double size, int bold,
			   double width)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(l, text, -1);
	return l;
}

static double text_h(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Draws text at x, y (top left), wrapped to width; align 1 right-aligns
 * it in width, 2 right-aligns it on one line (figures). Returns its height. */
static double text(struct pdf *p, const char *s, double x, double y, double size, int bold,
		   double width, int align)
{
	PangoLayout *l = layout(p, s, size, bold, align == 2 ? 0 : width);
	double h = text_h(l);
	int w, lh;

	if (align == 1)
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	if (align == 2) {
		pango_layout_get_size(l, &w, &lh);
		x += width - (double)w / PANGO_SCALE;
	}
	if (!p->dry) {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, l);
	}
	g_object_unref(l);
	return h;
}

static double measure(struct pdf *p, const char *s, double size, int bold, double width)
{
	PangoLayout *l = layout(p, s, size, bold, width);
	double h = text_h(l);

	g_object_unref(l);
	return h;
}

/* ---- pages ----------------------------------------------------------------- */
static void page_frame(struct pdf *p)
{
	char foot[64];
	const struct report *r = p->r;

	cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
	text(p, r->team, MARGIN, 26, 10, 1, WIDTH / 2, 0);
	text(p, p->period, MARGIN + WIDTH / 2, 26, 10, 0, WIDTH / 2, 1);
	if (!p->dry) {
		cairo_set_source_rgb(p->cr, 0.16, 0.44, 0.59);
		cairo_set_line_width(p->cr, 1);
		cairo_move_to(p->cr, MARGIN, 44);
		cairo_line_to(p->cr, MARGIN + WIDTH, 44);
		cairo_stroke(p->cr);
		cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
	}
	snprintf(foot, sizeof foot, report__t(r->lang, "page"), p->page, p->pages);
	text(p, report__t(r->lang, "title"), MARGIN, PAGE_H - 34, 7.5, 0, WIDTH / 2, 0);
	text(p, foot, MARGIN + WIDTH / 2, PAGE_H - 34, 7.5, 0, WIDTH / 2, 1);
	if (!p->dry)
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y = TOP;
}

static void new_page(struct pdf *p)
{
	if (!p->dry)
		cairo_show_page(p->cr);
	p->page++;
	page_frame(p);
}

/* Starts a new page unless h points fit below. */
static void need(struct pdf *p, double h)
{
	if (p->y + h > BOTTOM && p->y > TOP)
		new_page(p);
}

static void para(struct pdf *p, const char *s, double size, int bold, double gap)
{
	need(p, measure(p, s, size, bold, WIDTH));
	p->y += text(p, s, MARGIN, p->y, size, bold, WIDTH, 0) + gap;
}

static void section(struct pdf *p, const char *title_id, const char *caption_id,
		    double keep)
{
	const char *l = p->r->lang;
	double h = measure(p, report__t(l, title_id), 12, 1, WIDTH) +
		   measure(p, report__t(l, caption_id), 8.5, 0, WIDTH) + keep + 14;

	need(p, h);
	p->y += 8;
	if (!p->dry)
		cairo_set_source_rgb(p->cr, 0.16, 0.44, 0.59);
	p->y += text(p, report__t(l, title_id), MARGIN, p->y, 12, 1, WIDTH, 0) + 2;
	if (!p->dry)
		cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
	p->y += text(p, report__t(l, caption_id), MARGIN, p->y, 8.5, 0, WIDTH, 0) + 5;
	if (!p->dry)
		cairo_set_source_rgb(p->cr, 0, 0, 0);
}

/* ---- tables ------------------------------------------------------------------ */
struct grid_row {
	const char *cell[RPT_COLS + 2];
	int n, bold, head;	/* head: column names, wrapped */
};

static void hline(struct pdf *p, double y, double w)
{
	if (p->dry)
		return;
	cairo_set_source_rgb(p->cr, 0.75, 0.75, 0.8);
	cairo_set_line_width(p->cr, w);
	cairo_move_to(p->cr, MARGIN, y);
	cairo_line_to(p->cr, MARGIN + WIDTH, y);
	cairo_stroke(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static double row_h(struct pdf *p, const struct grid_row *g, const double *cw, double size)
{
	double h = 0;

	for (int i = 0; i < g->n; i++)
		h = fmax(h, measure(p, g->cell[i], size, g->bold, i && !g->head ? 0 : cw[i] - 3));
	return h + 4;
}

static void draw_row(struct pdf *p, const struct grid_row *g, const double *cw, double size)
{
	double x = MARGIN, h = row_h(p, g, cw, size);

	for (int i = 0; i < g->n; i++) {
		text(p, g->cell[i], x + 1.5, p->y + 2, size, g->bold, cw[i] - 3,
		     i == 0 ? 0 : g->head ? 1 : 2);
		x += cw[i];
	}
	p->y += h;
	hline(p, p->y, g->bold ? 0.8 : 0.3);
}

static void grid_table(struct pdf *p, const struct grid_row *head, const struct grid_row *rows,
		       int n, const double *cw)
{
	need(p, row_h(p, head, cw, 7) + (n ? row_h(p, &rows[0], cw, 7.5) : 0));
	draw_row(p, head, cw, 7);
	for (int i = 0; i < n; i++) {
		if (p->y + row_h(p, &rows[i], cw, 7.5) > BOTTOM) {
			new_page(p);
			draw_row(p, head, cw, 7);
		}
		draw_row(p, &rows[i], cw, 7.5);
	}
	p->y += 4;
}

static void totals(struct pdf *p)
{
	const struct report *r = p->r;
	const struct rpt_table *t = &r->t[T_TOTALS];
	const char *l = r->lang;
	char v[RPT_COLS][3][32];
	struct grid_row head = { { report__t(l, "figure"), report__t(l, "this_period"),
				   report__t(l, "prev_short"), report__t(l, "change") }, 4, 1, 1 };
	struct grid_row rows[RPT_COLS];
	double cw[4] = { WIDTH * 0.46, WIDTH * 0.18, WIDTH * 0.18, WIDTH * 0.18 };

	section(p, "totals", "totals_caption", 60);
	for (int c = 0; c < t->ncols; c++) {
		report__fmt(r, &t->col[c], &t->rows[0].cur[c], v[c][0], sizeof v[c][0]);
		report__fmt(r, &t->col[c], &t->rows[0].prev[c], v[c][1], sizeof v[c][1]);
		report__change(r, &t->col[c], &t->rows[0].cur[c], &t->rows[0].prev[c], v[c][2],
			       sizeof v[c][2]);
		rows[c] = (struct grid_row){ { report__t(l, t->col[c].id), v[c][0], v[c][1],
					       v[c][2] }, 4, 0, 0 };
	}
	grid_table(p, &head, rows, t->ncols, cw);
}

static void table(struct pdf *p, const struct rpt_table *t)
{
	const struct report *r = p->r;
	char cap[64], (*vals)[RPT_COLS][56];
	struct grid_row head = { { "" }, t->ncols + 1, 1, 1 }, *rows;
	double cw[RPT_COLS + 1];

	snprintf(cap, sizeof cap, "%s_caption", t->id);
	section(p, report__title_id(t->id), cap, 40);
	if (!t->nrows || (t->nrows == 1 && t->rows[0].total)) {
		para(p, report__t(r->lang, "none"), 8.5, 0, 4);
		return;
	}
	cw[0] = WIDTH * (t->ncols > 5 ? 0.22 : t->ncols > 2 ? 0.3 : 0.5);
	for (int c = 0; c < t->ncols; c++) {
		head.cell[c + 1] = report__t(r->lang, t->col[c].id);
		cw[c + 1] = (WIDTH - cw[0]) / t->ncols;
	}
	vals = calloc((size_t)t->nrows, sizeof *vals);
	rows = calloc((size_t)t->nrows, sizeof *rows);
	for (int i = 0; vals && rows && i < t->nrows; i++) {
		const struct rpt_row *row = &t->rows[i];

		rows[i].n = t->ncols + 1;
		rows[i].bold = row->total;
		rows[i].cell[0] = row->label;
		for (int c = 0; c < t->ncols; c++) {
			char a[24], b[24];

			report__fmt(r, &t->col[c], &row->cur[c], a, sizeof a);
			report__fmt(r, &t->col[c], &row->prev[c], b, sizeof b);
			snprintf(vals[i][c], sizeof vals[i][c], "%s (%s)", a, b);
			rows[i].cell[c + 1] = vals[i][c];
		}
	}
	if (vals && rows)
		grid_table(p, &head, rows, t->nrows, cw);
	free(vals);
	free(rows);
}

/* ---- charts -------------------------------------------------------------------- */
static void rect(struct pdf *p, double x, double y, double w, double h, double r_,
		 double g, double b)
{
	if (p->dry || w <= 0 || h <= 0)
		return;
	cairo_set_source_rgb(p->cr, r_, g, b);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void month_chart(struct pdf *p)
{
	const struct report *r = p->r;
	const struct rpt_table *t = &r->t[T_MONTHS];
	int n = t->nrows - 1;
	double h = 90, max_r = 0, max_h = 0, bw, y0;

	if (n <= 0)
		return;
	need(p, 2 * h + 40);
	for (int i = 0; i < n; i++) {
		const struct rpt_row *row = &t->rows[i];

		if (!row->cur[4].sup && !row->cur[4].na)
			max_r = fmax(max_r, row->cur[4].v);
		max_h = fmax(max_h, fmax(row->cur[1].v, row->cur[2].na ? 0 : row->cur[2].v));
	}
	bw = WIDTH / n;
	text(p, report__t(r->lang, "per_hour"), MARGIN, p->y, 8, 1, WIDTH, 0);
	y0 = p->y + 12 + h;
	for (int i = 0; i < n; i++) {
		const struct rpt_row *row = &t->rows[i];
		double x = MARGIN + i * bw;
		double rv = row->cur[4].sup || row->cur[4].na || max_r <= 0 ? 0 :
			    row->cur[4].v / max_r * (h - 14);
		double dv = max_h > 0 ? row->cur[1].v / max_h * (h - 14) : 0;
		double pv = max_h > 0 && !row->cur[2].na ? row->cur[2].v / max_h * (h - 14) : 0;
		char v[32];

		rect(p, x + bw * .15, y0 - rv, bw * .7, rv, 0.16, 0.44, 0.59);
		report__fmt(r, &t->col[4], &row->cur[4], v, sizeof v);
		text(p, v, x, y0 - rv - 10, 6.5, 0, bw, 0);
		text(p, row->key + 5, x + bw * .3, y0 + 1, 6.5, 0, bw, 0);
		rect(p, x + bw * .15, y0 + 24 + h - 14 - pv, bw * .35, pv, 0.7, 0.7, 0.7);
		rect(p, x + bw * .5, y0 + 24 + h - 14 - dv, bw * .35, dv, 0.88, 0.48, 0.12);
	}
	rect(p, MARGIN, y0 + 14, 8, 6, 0.7, 0.7, 0.7);
	text(p, report__t(r->lang, "planned_hours"), MARGIN + 12, y0 + 12, 7, 0, WIDTH / 2, 0);
	rect(p, MARGIN + WIDTH / 2, y0 + 14, 8, 6, 0.88, 0.48, 0.12);
	text(p, report__t(r->lang, "worker_hours"), MARGIN + WIDTH / 2 + 12, y0 + 12, 7, 0,
	     WIDTH / 2, 0);
	p->y = y0 + 24 + h + 6;
}

static void heat(struct pdf *p, double x0, double y0, int hours)
{
	const struct report *r = p->r;
	double cw = 9.4, ch = 11, max = 0;

	for (int d = 0; d < 7; d++)
		for (int h = 0; h < 24; h++) {
			double hr = r->grid.hours[d][h];
			const struct rpt_val *pp = &r->grid.people[d][h];

			max = fmax(max, hours ? hr : hr > 0 && !pp->sup ? pp->v / hr : 0);
		}
	text(p, report__t(r->lang, hours ? "hours_presence" : "met_per_hour"), x0, y0, 7.5, 1,
	     24 * cw + 20, 0);
	y0 += 12;
	for (int d = 0; d < 7; d++) {
		text(p, report__t(r->lang, tz_weekday_name(d)), x0, y0 + d * ch + 1, 6.5, 0, 20, 0);
		for (int h = 0; h < 24; h++) {
			const struct rpt_val *pp = &r->grid.people[d][h];
			double hr = r->grid.hours[d][h];
			double v = hours ? hr : hr > 0 && !pp->sup ? pp->v / hr : 0;
			double s = max > 0 && hr > 0 ? 1 - 0.8 * v / max : 1;
			double x = x0 + 20 + h * cw, y = y0 + d * ch;

			if (!p->dry) {
				cairo_set_source_rgb(p->cr, s, s, 1);
				cairo_rectangle(p->cr, x, y, cw, ch);
				cairo_fill_preserve(p->cr);
				cairo_set_source_rgb(p->cr, 0.85, 0.85, 0.85);
				cairo_set_line_width(p->cr, 0.3);
				cairo_stroke(p->cr);
				cairo_set_source_rgb(p->cr, 0, 0, 0);
			}
			if (!hours && hr > 0 && pp->sup)
				text(p, pp->sup == 1 ? "<" : "×", x + 2, y + 1, 6, 0, cw, 0);
		}
	}
	for (int h = 0; h < 24; h += 3) {
		char n[16];

		snprintf(n, sizeof n, "%d", h);
		text(p, n, x0 + 20 + h * cw, y0 + 7 * ch + 1, 6, 0, 20, 0);
	}
}

static void presence(struct pdf *p)
{
	const struct report *r = p->r;
	char s[256];

	section(p, "presence", "presence_caption", 110);
	heat(p, MARGIN, p->y, 0);
	heat(p, MARGIN + WIDTH / 2 + 4, p->y, 1);
	p->y += 12 + 7 * 11 + 14;
	section(p, "gaps", r->grid.has_model ? "gaps_caption" : "no_model", 14);
	if (r->grid.has_model && !r->ngaps)
		para(p, report__t(r->lang, "no_gaps"), 9, 0, 3);
	for (int i = 0; i < r->ngaps; i++) {
		char line[300];

		report__gap_text(r, &r->gap[i], s, sizeof s);
		snprintf(line, sizeof line, "• %s", s);
		para(p, line, 9, 0, 2);
	}
}

/* ---- the document ---------------------------------------------------------------- */
static void front(struct pdf *p)
{
	const struct report *r = p->r;
	const char *l = r->lang;
	char line[1024], prev[64], note[256], sup[1024];

	p->y += text(p, report__t(l, "title"), MARGIN, p->y, 18, 1, WIDTH, 0) + 2;
	p->y += text(p, report__t(l, "subtitle"), MARGIN, p->y, 10, 0, WIDTH, 0) + 6;
	snprintf(line, sizeof line, "%s: %s · %s: %s%s%s%s%s", report__t(l, "team"), r->team,
		 report__t(l, "period"), p->period, r->area[0] ? " · " : "",
		 r->area[0] ? r->area_name : "", r->partner[0] ? " · " : "",
		 r->partner[0] ? r->partner_name : "");
	para(p, line, 9, 0, 4);
	report__period(l, r->pfrom, r->pto, prev, sizeof prev);
	snprintf(note, sizeof note, report__t(l, "prev_note"), prev);
	report__suppression_text(r, sup, sizeof sup);
	para(p, sup, 8, 0, 2);
	para(p, note, 8, 0, 4);
}

static void document(struct pdf *p)
{
	const struct report *r = p->r;

	p->page = 1;
	page_frame(p);
	front(p);
	totals(p);
	table(p, &r->t[T_GUIDANCE]);
	table(p, &r->t[T_MONTHS]);
	month_chart(p);
	if (!r->has_plans)
		para(p, report__t(r->lang, "no_plan"), 8, 0, 4);
	presence(p);
	table(p, &r->t[T_KINDS]);
	table(p, &r->t[T_PLACES]);
	table(p, &r->t[T_PARTNERS]);
	table(p, &r->t[T_COMMIT]);
	table(p, &r->t[T_CANCEL]);
}

static cairo_status_t write_fn(void *closure, const unsigned char *data, unsigned int n)
{
	return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS :
						  CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t discard_fn(void *closure, const unsigned char *data, unsigned int n)
{
	(void)closure;
	(void)data;
	(void)n;
	return CAIRO_STATUS_SUCCESS;
}

static int pass(struct pdf *p, FILE *out)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(out ? write_fn : discard_fn,
								 out, PAGE_W, PAGE_H);
	cairo_status_t st;

	if (out)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
					       report__t(p->r->lang, "title"));
	p->cr = cairo_create(s);
	p->dry = !out;
	document(p);
	if (!p->dry)
		cairo_show_page(p->cr);
	cairo_destroy(p->cr);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

int report__pdf(const struct report *r, FILE *out, struct err *e)
{
	struct pdf p = { .r = r };

	report__period(r->lang, r->from, r->to, p.period, sizeof p.period);
	if (pass(&p, NULL))
		return err_set(e, ERR_INTERNAL, "pdf: cairo failed");
	p.pages = p.page;
	if (pass(&p, out))
		return err_set(e, ERR_WRITE, "pdf: write failed");
	return 0;
}
