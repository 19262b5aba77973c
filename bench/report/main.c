/*
 * bench/report: the decision makers' report of a year of a Helsinki-sized
 * team (about 3,000 encounters a month) from the database run.sh builds.
 * Prints the time to build the report (store reads, the model, the
 * tables) and to render each format, best and median of RUNS. Target
 * (issue 16): the PDF, built and rendered, in under 2 s.
 */
#include "report/report.h"
#include "store/store.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 5

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Seconds to build (and, if f >= 0, render in format f) one report. */
static double once(struct store *s, const struct report_opts *o, int f, long *bytes)
{
	struct report *r = NULL;
	struct err e = { 0 };
	char *buf = NULL;
	size_t len = 0;
	double t = now();
	FILE *out;

	if (report_build(s, o, &r, &e)) {
		fprintf(stderr, "bench/report: %s\n", e.msg);
		exit(2);
	}
	if (f >= 0) {
		out = open_memstream(&buf, &len);
		if (!out || report_write(r, (enum report_format)f, out, &e)) {
			fprintf(stderr, "bench/report: %s\n", e.msg);
			exit(2);
		}
		fclose(out);
		*bytes = (long)len;
		free(buf);
	}
	report_free(r);
	return now() - t;
}

int main(int argc, char **argv)
{
	static const char *const names[] = { "html", "pdf", "csv", "json" };
	struct report_opts o = { .lang = "fi" };
	struct store *s = NULL;
	struct err e = { 0 };
	double t[RUNS], pdf_median = 0;
	long bytes = 0;

	if (argc != 4 || store_open(argv[1], &s, &e) || tz_parse_date(argv[2], &o.from_day, &e) ||
	    tz_parse_date(argv[3], &o.to_day, &e)) {
		fprintf(stderr, "usage: bench/report DB FROM TO (%s)\n", e.msg);
		return 2;
	}
	for (int f = -1; f < 4; f++) {
		for (int i = 0; i < RUNS; i++)
			t[i] = once(s, &o, f, &bytes);
		qsort(t, RUNS, sizeof t[0], cmp);
		if (f < 0)
			printf("build only      best %6.0f ms  median %6.0f ms\n", t[0] * 1e3,
			       t[RUNS / 2] * 1e3);
		else
			printf("build + %-6s  best %6.0f ms  median %6.0f ms  (%ld bytes)\n", names[f],
			       t[0] * 1e3, t[RUNS / 2] * 1e3, bytes);
		if (f == REPORT_PDF)
			pdf_median = t[RUNS / 2];
	}
	store_close(s);
	printf("target: the year's PDF in < 2 s: %s (median %.2f s)\n",
	       pdf_median < 2.0 ? "met" : "NOT MET", pdf_median);
	return pdf_median < 2.0 ? 0 : 1;
}
