/*
 * html.c - the report as one self-contained HTML page: no scripts, no
 * outside files (styles inline, charts as inline SVG), and a print
 * stylesheet for A4, so that it can be mailed, archived or printed.
 */
#include "report/report_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/tz.h"

#include <math.h>
#include <string.h>

static const char CSS[] =
	"body{font:15px/1.45 'DejaVu Sans',Arial,sans-serif;color:#111;max-width:60em;"
	"margin:1.5em auto;padding:0 1em}"
	"h1{font-size:1.6em;margin:0}h2{font-size:1.2em;margin:1.6em 0 .2em;"
	"border-bottom:2px solid #2a6f97}p.cap{margin:.2em 0 .6em;color:#333}"
	"header p{margin:.2em 0}.note{font-size:.9em;background:#f3f6f8;padding:.5em .8em;"
	"border-left:4px solid #2a6f97}"
	"table{border-collapse:collapse;width:100%;font-size:.92em}"
	"th,td{padding:.25em .5em;border-bottom:1px solid #ccd}th{text-align:left;"
	"background:#eef2f5}td.n,th.n{text-align:right;white-space:nowrap}"
	"tr.total td{font-weight:bold;border-top:2px solid #555}"
	"small.prev{color:#666}svg{max-width:100%;height:auto}"
	".grids{display:flex;gap:1em;flex-wrap:wrap}"
	"@page{size:A4;margin:15mm}"
	"@media print{body{max-width:none;margin:0;font-size:10pt}"
	"h2{break-after:avoid}table,svg,.grids{break-inside:avoid}}";

static void head(const struct report *r, struct buf *b)
{
	char per[64], prev[64], note[256], sup[1024];
	const char *l = r->lang;

	report__period(l, r->from, r->to, per, sizeof per);
	report__period(l, r->pfrom, r->pto, prev, sizeof prev);
	snprintf(note, sizeof note, report__t(l, "prev_note"), prev);
	report__suppression_text(r, sup, sizeof sup);
	buf_printf(b, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		   "<title>", l);
	buf_put_xml(b, report__t(l, "title"));
	buf_puts(b, " – ");
	buf_put_xml(b, r->team);
	buf_printf(b, " – %s</title><style>%s</style></head><body><header><h1>", per, CSS);
	buf_put_xml(b, report__t(l, "title"));
	buf_puts(b, "</h1><p><b>");
	buf_put_xml(b, r->team);
	buf_printf(b, "</b> · %s: %s", report__t(l, "period"), per);
	if (r->area[0]) {
		buf_printf(b, " · %s: ", report__t(l, "area"));
		buf_put_xml(b, r->area_name);
	}
	if (r->partner[0]) {
		buf_printf(b, " · %s: ", report__t(l, "partner"));
		buf_put_xml(b, r->partner_name);
	}
	buf_printf(b, "</p><p>%s.</p><p class=\"note\">", report__t(l, "subtitle"));
	buf_put_xml(b, sup);
	buf_puts(b, " ");
	buf_put_xml(b, note);
	buf_puts(b, "</p></header>\n");
}

static void section(const struct report *r, struct buf *b, const char *title_id,
		    const char *caption_id)
{
	buf_puts(b, "<h2>");
	buf_put_xml(b, report__t(r->lang, title_id));
	buf_puts(b, "</h2><p class=\"cap\">");
	buf_put_xml(b, report__t(r->lang, caption_id));
	buf_puts(b, "</p>\n");
}

static void totals(const struct report *r, struct buf *b)
{
	const struct rpt_table *t = &r->t[T_TOTALS];
	const char *l = r->lang;

	section(r, b, "totals", "totals_caption");
	buf_printf(b, "<table><tr><th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
		   "<th class=\"n\">%s</th></tr>", report__t(l, "figure"),
		   report__t(l, "this_period"), report__t(l, "prev_short"),
		   report__t(l, "change"));
	for (int c = 0; c < t->ncols; c++) {
		char v[32], p[32], d[32];

		report__fmt(r, &t->col[c], &t->rows[0].cur[c], v, sizeof v);
		report__fmt(r, &t->col[c], &t->rows[0].prev[c], p, sizeof p);
		report__change(r, &t->col[c], &t->rows[0].cur[c], &t->rows[0].prev[c], d,
			       sizeof d);
		buf_printf(b, "<tr><td>%s</td><td class=\"n\">", report__t(l, t->col[c].id));
		buf_put_xml(b, v);
		buf_puts(b, "</td><td class=\"n\">");
		buf_put_xml(b, p);
		buf_printf(b, "</td><td class=\"n\">%s</td></tr>", d);
	}
	buf_puts(b, "</table>\n");
}

static void table(const struct report *r, struct buf *b, const struct rpt_table *t)
{
	char cap[64];

	snprintf(cap, sizeof cap, "%s_caption", t->id);
	section(r, b, report__title_id(t->id), cap);
	if (!t->nrows || (t->nrows == 1 && t->rows[0].total)) {
		buf_printf(b, "<p>%s</p>\n", report__t(r->lang, "none"));
		return;
	}
	buf_puts(b, "<table><tr><th></th>");
	for (int c = 0; c < t->ncols; c++)
		buf_printf(b, "<th class=\"n\">%s</th>", report__t(r->lang, t->col[c].id));
	buf_puts(b, "</tr>");
	for (int i = 0; i < t->nrows; i++) {
		const struct rpt_row *row = &t->rows[i];

		buf_printf(b, "<tr%s><td>", row->total ? " class=\"total\"" : "");
		buf_put_xml(b, row->label);
		buf_puts(b, "</td>");
		for (int c = 0; c < t->ncols; c++) {
			char v[32], p[32];

			report__fmt(r, &t->col[c], &row->cur[c], v, sizeof v);
			report__fmt(r, &t->col[c], &row->prev[c], p, sizeof p);
			buf_puts(b, "<td class=\"n\">");
			buf_put_xml(b, v);
			buf_puts(b, " <small class=\"prev\">(");
			buf_put_xml(b, p);
			buf_puts(b, ")</small></td>");
		}
		buf_puts(b, "</tr>");
	}
	buf_puts(b, "</table>\n");
}

/* Bars of people met per worker-hour by month, and planned vs done hours. */
static void month_chart(const struct report *r, struct buf *b)
{
	const struct rpt_table *t = &r->t[T_MONTHS];
	int n = t->nrows - 1, w = 640, h = 170, x0 = 40;
	double max_r = 0, max_h = 0;

	if (n <= 0)
		return;
	for (int i = 0; i < n; i++) {
		if (!t->rows[i].cur[4].sup && !t->rows[i].cur[4].na)
			max_r = fmax(max_r, t->rows[i].cur[4].v);
		max_h = fmax(max_h, fmax(t->rows[i].cur[1].v, t->rows[i].cur[2].na ? 0 :
					 t->rows[i].cur[2].v));
	}
	buf_printf(b, "<svg viewBox=\"0 0 %d %d\" role=\"img\"><g font-size=\"10\">", w, 2 * h + 20);
	for (int i = 0; i < n; i++) {
		const struct rpt_row *row = &t->rows[i];
		double bw = (w - x0) / (double)n, x = x0 + i * bw;
		double rv = row->cur[4].sup || row->cur[4].na || max_r <= 0 ? 0 :
			    row->cur[4].v / max_r * (h - 30);
		double dv = max_h > 0 ? row->cur[1].v / max_h * (h - 30) : 0;
		double pv = max_h > 0 && !row->cur[2].na ? row->cur[2].v / max_h * (h - 30) : 0;
		char v[32];

		report__fmt(r, &t->col[4], &row->cur[4], v, sizeof v);
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			   "fill=\"#2a6f97\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
			   x + bw * .15, h - 15 - rv, bw * .7, rv, x + bw / 2, h - 18 - rv);
		buf_put_xml(b, v);
		buf_printf(b, "</text><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
			   x + bw / 2, h - 3, row->key + 5);
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			   "fill=\"#bbb\"/><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			   "height=\"%.1f\" fill=\"#e07a1f\"/>",
			   x + bw * .15, 2.0 * h - 15 - pv, bw * .35, pv,
			   x + bw * .5, 2.0 * h - 15 - dv, bw * .35, dv);
	}
	buf_printf(b, "<text x=\"%d\" y=\"12\">%s</text><text x=\"%d\" y=\"%d\">"
		   "<tspan fill=\"#888\">■</tspan> %s  <tspan fill=\"#e07a1f\">■</tspan> %s"
		   "</text></g></svg>\n", x0, report__t(r->lang, "per_hour"), x0, h + 14,
		   report__t(r->lang, "planned_hours"), report__t(r->lang, "worker_hours"));
}

static void heat(const struct report *r, struct buf *b, int hours)
{
	double max = 0;
	int cw = 12, ch = 14, x0 = 34, y0 = 16;

	for (int d = 0; d < 7; d++)
		for (int h = 0; h < 24; h++) {
			const struct rpt_val *p = &r->grid.people[d][h];
			double v = hours ? r->grid.hours[d][h] :
				   r->grid.hours[d][h] > 0 && !p->sup ? p->v / r->grid.hours[d][h] : 0;

			max = fmax(max, v);
		}
	buf_printf(b, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" role=\"img\"><g font-size=\"9\">"
		   "<text x=\"0\" y=\"10\">", x0 + 24 * cw + 4, y0 + 7 * ch + 14, x0 + 24 * cw + 4);
	buf_put_xml(b, report__t(r->lang, hours ? "hours_presence" : "met_per_hour"));
	buf_puts(b, "</text>");
	for (int d = 0; d < 7; d++) {
		buf_printf(b, "<text x=\"0\" y=\"%d\">%s</text>", y0 + d * ch + 10,
			   report__t(r->lang, tz_weekday_name(d)));
		for (int h = 0; h < 24; h++) {
			const struct rpt_val *p = &r->grid.people[d][h];
			double hr = r->grid.hours[d][h];
			double v = hours ? hr : hr > 0 && !p->sup ? p->v / hr : 0;
			int shade = max > 0 ? (int)(255 - 200 * v / max) : 255;

			if (hr <= 0)
				shade = 255;
			buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
				   "fill=\"rgb(%d,%d,255)\" stroke=\"#ddd\"/>", x0 + h * cw,
				   y0 + d * ch, cw, ch, shade, shade);
			if (!hours && hr > 0 && p->sup)
				buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"7\">%s</text>",
					   x0 + h * cw + 1, y0 + d * ch + 10, p->sup == 1 ? "<" : "×");
		}
	}
	for (int h = 0; h < 24; h += 3)
		buf_printf(b, "<text x=\"%d\" y=\"%d\">%d</text>", x0 + h * cw, y0 + 7 * ch + 11, h);
	buf_puts(b, "</g></svg>");
}

static void presence(const struct report *r, struct buf *b)
{
	char text[256];

	section(r, b, "presence", "presence_caption");
	buf_puts(b, "<div class=\"grids\">");
	heat(r, b, 0);
	heat(r, b, 1);
	buf_puts(b, "</div>\n");
	section(r, b, "gaps", r->grid.has_model ? "gaps_caption" : "no_model");
	if (r->grid.has_model && !r->ngaps)
		buf_printf(b, "<p>%s</p>\n", report__t(r->lang, "no_gaps"));
	if (r->ngaps)
		buf_puts(b, "<ul>");
	for (int i = 0; i < r->ngaps; i++) {
		report__gap_text(r, &r->gap[i], text, sizeof text);
		buf_puts(b, "<li>");
		buf_put_xml(b, text);
		buf_puts(b, "</li>");
	}
	if (r->ngaps)
		buf_puts(b, "</ul>\n");
}

int report__html(const struct report *r, FILE *out, struct err *e)
{
	struct buf b;
	int rc;

	buf_init(&b);
	head(r, &b);
	totals(r, &b);
	table(r, &b, &r->t[T_GUIDANCE]);
	table(r, &b, &r->t[T_MONTHS]);
	month_chart(r, &b);
	if (!r->has_plans)
		buf_printf(&b, "<p class=\"cap\">%s</p>\n", report__t(r->lang, "no_plan"));
	presence(r, &b);
	table(r, &b, &r->t[T_KINDS]);
	table(r, &b, &r->t[T_PLACES]);
	table(r, &b, &r->t[T_PARTNERS]);
	table(r, &b, &r->t[T_COMMIT]);
	table(r, &b, &r->t[T_CANCEL]);
	buf_puts(&b, "</body></html>\n");
	rc = fwrite(b.p, 1, b.len, out) == b.len ? 0 : err_set(e, ERR_WRITE, "write failed");
	buf_release(&b);
	return rc;
}
