/*
 * simulate_write.c - a simulated history as the CSV files `outreach
 * import` reads, plus truth.csv (place,hour_of_week,month,rate).
 */
#include "planner/sim/sim_int.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <string.h>

static FILE *open_csv(const char *dir, const char *name, const char *header, struct err *e)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s.csv", dir, name);
	f = fopen(path, "w");
	if (!f)
		err_set(e, ERR_IO, "cannot write '%s'", path);
	else
		fprintf(f, "%s\n", header);
	return f;
}

static int close_csv(FILE *f, const char *name, struct err *e)
{
	int bad = ferror(f);

	bad |= fclose(f) != 0;
	return bad ? err_set(e, ERR_WRITE, "writing %s.csv failed", name) : 0;
}

static void quoted(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void write_places(const struct plan_sim *s, FILE *f)
{
	for (int i = 0; i < s->np; i++) {
		const struct sim_place *q = &s->pl[i];

		fprintf(f, "%s,", q->key);
		quoted(f, q->name);
		fprintf(f, ",%s,%.7f,%.7f,", sim__kind_names[q->kind], q->lat, q->lon);
		quoted(f, q->oh);
		fprintf(f, ",%d,%s,%s,\n", q->kind == SIM_FOOD ? 120 : 30,
			q->partner ? q->key : "", q->area);
	}
}

static void write_partners(const struct plan_sim *s, FILE *f)
{
	for (int i = 0; i < s->np; i++)
		if (s->pl[i].partner) {
			fprintf(f, "%s,", s->pl[i].key);
			quoted(f, s->pl[i].name);
			fputs(",\n", f);
		}
}

/* Each worker once, in pair order: 1 if worker k of pair was listed
 * before (by an earlier pair, or as worker a of the same pair). */
static int worker_seen(const struct plan_sim *s, int pair, int k, const char *w)
{
	for (int i = 0; i < pair; i++)
		if (!strcmp(s->pairs[i].a, w) || !strcmp(s->pairs[i].b, w))
			return 1;
	return k == 1 && !strcmp(s->pairs[pair].a, w);
}

static void write_workers(const struct plan_sim *s, FILE *f)
{
	for (int i = 0; i < s->npairs; i++) {
		const char *w[2] = { s->pairs[i].a, s->pairs[i].b };

		for (int k = 0; k < 2; k++)
			if (!worker_seen(s, i, k, w[k]))
				fprintf(f, "%s,%s,%s,%.1f,fi;sv\n", w[k], w[k],
					strncmp(w[k], "hoitaja", 7) ? "social_counsellor" : "nurse",
					s->weekly_hours);
	}
}

static void write_pairs(const struct plan_sim *s, FILE *f)
{
	for (int i = 0; i < s->npairs; i++)
		fprintf(f, "%s,%s,%s,%s\n", s->pairs[i].key, s->pairs[i].a, s->pairs[i].b,
			s->pairs[i].area);
}

static int in_pair(const struct sim_pair *p, const char *w)
{
	return !strcmp(p->a, w) || !strcmp(p->b, w);
}

/* Did an earlier pair of worker w (before pair i, or pair i before shift
 * j) already give that shift's times? */
static int shift_seen(const struct plan_sim *s, const char *w, int i, int j)
{
	const struct sim_shift *x = &s->pairs[i].sh[j];

	for (int q = 0; q <= i; q++)
		for (int k = 0; in_pair(&s->pairs[q], w) && k < (q < i ? s->pairs[q].nsh : j); k++)
			if (s->pairs[q].sh[k].wd == x->wd && s->pairs[q].sh[k].start == x->start &&
			    s->pairs[q].sh[k].end == x->end)
				return 1;
	return 0;
}

/* A worker in several pairs (Porvoo's three: A+B, B+C, C+A) is available
 * in the shifts of each of them, not only the first one's: else two of
 * the three pairs never overlap and 2 of 15 worker-hours get planned. */
static void write_worker_shifts(const struct plan_sim *s, const char *w, FILE *f)
{
	for (int i = 0; i < s->npairs; i++)
		for (int j = 0; in_pair(&s->pairs[i], w) && j < s->pairs[i].nsh; j++) {
			const struct sim_shift *x = &s->pairs[i].sh[j];
			char a[6], b[6];

			if (shift_seen(s, w, i, j))
				continue;
			tz_format_hhmm(x->start, a);
			tz_format_hhmm(x->end, b);
			fprintf(f, "%s,%s,%s,%s\n", w, tz_weekday_name(x->wd), a, b);
		}
}

static void write_availability(const struct plan_sim *s, FILE *f)
{
	int office = !strcmp(s->scenario, "food") || !strcmp(s->scenario, "meeting");

	for (int i = 0; i < s->npairs; i++) {
		const struct sim_pair *p = &s->pairs[i];
		const char *w[2] = { p->a, p->b };

		for (int k = 0; k < 2; k++) {
			if (worker_seen(s, i, k, w[k]))
				continue;
			for (int j = 0; office && j < 5; j++)
				fprintf(f, "%s,%s,08:00,20:00\n", w[k], tz_weekday_name(j));
			if (!office)
				write_worker_shifts(s, w[k], f);
		}
	}
}

static void write_visits(const struct plan_sim *s, FILE *f)
{
	for (int i = 0; i < s->nv; i++) {
		char a[26], b[26];

		tz_format_local(s->v[i].start, a);
		tz_format_local(s->v[i].end, b);
		fprintf(f, "%s,%s,%s,%s\n", s->pairs[s->vpair[i]].key, s->pl[s->v[i].place].key, a,
			b);
	}
}

static void write_encounters(const struct plan_sim *s, FILE *f)
{
	for (int i = 0; i < s->nx; i++) {
		const struct plan_model_encounter *x = &s->x[i];
		char t[26];

		tz_format_local(x->time, t);
		if (x->place >= 0)
			fprintf(f, "%s,%s,,,", t, s->pl[x->place].key);
		else
			fprintf(f, "%s,,%.6f,%.6f,", t, x->lat, x->lon);
		fprintf(f, "%d,%d,%d\n", x->people, s->xnew[i], s->xanon[i]);
	}
}

/* Ordinary-day rates; the opening hours of that weekday applied. */
static void write_truth(const struct plan_sim *s, FILE *f)
{
	int64_t monday = tz_days_from_civil(2025, 1, 13);	/* no holiday that week */

	for (int p = 0; p < s->np; p++)
		for (int how = 0; how < PLAN_HOURS_OF_WEEK; how++) {
			const struct cal_hours *h = &s->pl[p].hours;
			double open = h->always ? 1.0
				      : cal_hours_open_minutes(h, monday + how / 24, how % 24 * 60,
							       60) / 60.0;

			for (int m = 1; m <= 12; m++)
				fprintf(f, "%s,%d,%d,%.4f\n", s->pl[p].key, how, m,
					open * sim__rate_how(s, p, how, m));
		}
}

int plan_sim_write(const struct plan_sim *s, const char *dir, struct err *e)
{
	static const struct {
		const char *name, *header;
		void (*fn)(const struct plan_sim *, FILE *);
	} files[] = {
		{ "places", "key,name,kind,lat,lon,opening_hours,stay_minutes,partner,area,address",
		  write_places },
		{ "partners", "key,name,contact", write_partners },
		{ "workers", "key,name,role,weekly_hours,languages", write_workers },
		{ "pairs", "key,worker_a,worker_b,area", write_pairs },
		{ "availability", "worker,weekday,start,end", write_availability },
		{ "visits", "pair,place,start,end", write_visits },
		{ "encounters", "time,place,lat,lon,people,new_people,anonymous", write_encounters },
		{ "truth", "place,hour_of_week,month,rate", write_truth },
	};

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		FILE *f = open_csv(dir, files[i].name, files[i].header, e);
		int rc;

		if (!f)
			return ERR_IO;
		files[i].fn(s, f);
		rc = close_csv(f, files[i].name, e);
		if (rc)
			return rc;
	}
	return 0;
}
