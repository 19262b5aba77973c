/*
 * report.c - the decision makers' report in the lead's app:
 * GET /api/report?from=&to=[&area=][&partner=][&lang=][&format=pdf|csv|html|json]
 * answers the file report/ renders (a download, except JSON, which the
 * Report tab shows as a preview). Bad input is 400 {"error", "field"}.
 */
#include "web/web_int.h"
#include "report/report.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdlib.h>
#include <string.h>

/* The page is self-contained with inline styles and no scripts: it gets
 * a policy of its own (the app's forbids inline styles). */
#define REPORT_CSP "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " \
		   "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

static const char *field_of(const char *msg)
{
	static const char *const map[][2] = {
		{ "unknown area", "area" }, { "unknown partner", "partner" },
		{ "--lang", "lang" }, { "the period", "to" }, { "nothing was recorded", "from" },
		{ "the suppression", "min_cell" },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strncmp(msg, map[i][0], strlen(map[i][0])))
			return map[i][1];
	return NULL;
}

static int options(struct web_req *r, struct report_opts *o, int *fmt, enum MHD_Result *res)
{
	const char *from = web__query(r, "from"), *to = web__query(r, "to");
	const char *f = web__query(r, "format");
	struct err e = { 0 };

	*fmt = f ? report_format_parse(f) : REPORT_PDF;
	if (*fmt < 0) {
		*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "format",
					"format must be pdf, csv, html or json");
		return -1;
	}
	if (!from || tz_parse_date(from, &o->from_day, &e)) {
		*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "from",
					from ? e.msg : "from (YYYY-MM-DD) is required");
		return -1;
	}
	if (!to || tz_parse_date(to, &o->to_day, &e)) {
		*res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "to",
					to ? e.msg : "to (YYYY-MM-DD) is required");
		return -1;
	}
	o->area = web__query(r, "area");
	o->partner = web__query(r, "partner");
	o->lang = web__query(r, "lang");
	return 0;
}

static enum MHD_Result send_file(struct web_req *r, const struct report_opts *o, int fmt,
			    const char *body, size_t len)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body,
								     MHD_RESPMEM_MUST_COPY);
	char disp[96], a[11], b[11];

	tz_format_date(o->from_day, a);
	tz_format_date(o->to_day, b);
	snprintf(disp, sizeof disp, "attachment; filename=\"report-%s-%s.%s\"", a, b,
		 report_format_ext((enum report_format)fmt));
	MHD_add_response_header(resp, "Content-Type", report_format_type((enum report_format)fmt));
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (fmt != REPORT_JSON)
		MHD_add_response_header(resp, "Content-Disposition", disp);
	if (fmt == REPORT_HTML) {
		MHD_add_response_header(resp, "Content-Security-Policy", REPORT_CSP);
		MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
		MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
		MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	} else {
		web__secure(resp);
	}
	return web__queue(r, MHD_HTTP_OK, resp, 1);	/* on the slow pool: kept for its thread */
}

enum MHD_Result web__api_report(struct web_req *r)
{
	struct report_opts o = { 0 };
	struct report *rep = NULL;
	struct err e = { 0 };
	enum MHD_Result res;
	char *buf = NULL;
	size_t len = 0;
	int fmt, rc;
	FILE *f;

	if (options(r, &o, &fmt, &res))
		return res;
	rc = report_build(r->s, &o, &rep, &e);
	if (rc)
		return err_is_user(rc) ?
			web__field_error(r, MHD_HTTP_BAD_REQUEST, field_of(e.msg), e.msg) :
			web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "report");
	f = open_memstream(&buf, &len);
	rc = f ? report_write(rep, (enum report_format)fmt, f, &e) : ERR_NOMEM;
	if (f)
		fclose(f);
	report_free(rep);
	res = rc ? web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "report") :
		   send_file(r, &o, fmt, buf, len);
	free(buf);
	return res;
}
