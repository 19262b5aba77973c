/*
 * gather.h - inside report/: the raw figures of one period, before they
 * become tables. Hours here are a pair's hours (presence); the tables
 * make worker-hours of them (two workers per visit).
 * Ownership: *_init/_load fill caller-owned structs; *_release frees.
 */
#ifndef REPORT_GATHER_H
#define REPORT_GATHER_H

#include <stdint.h>

#include "store/field.h"
#include "store/plans.h"
#include "store/store.h"

/* Every place, by id, and whether the report covers it. */
struct rpt_places {
	struct store_place *v;
	unsigned char *in;
	int n, cap;
	int64_t area_id, partner_id;	/* 0: every one */
};

struct rpt_place_acc {
	double visits, hours, people, new_people, anonymous;
	double guidance, accompanied, contacted;
};

struct rpt_month_acc {
	double visits, hours, planned, people;
	int has_plan;		/* a published shift had a day in this month */
};

struct rpt_commit_acc {
	double occurrences, kept, missed, holiday;
};

struct rpt_visit {
	int place;
	int64_t start, end;
};

struct rpt_period {
	int64_t from, to;	/* inclusive days */
	int64_t t0, t1;		/* [t0, t1): the instants */
	int month0, nmonths;	/* year * 12 + month - 1 of the first month */
	struct rpt_place_acc *place;	/* [n]: places; [n]: positions only */
	double topic[STORE_TOPICS], accompanied, contacted;
	struct rpt_month_acc *month;
	double ghours[7][24], gpeople[7][24];
	struct rpt_commit_acc *commit;
	double cancel_shifts[3], cancel_hours[3];	/* holiday, staff, other */
	int has_plans;
	long records;		/* visits, encounters and entries seen */
	struct rpt_visit *v;
	int nv, capv;
};

int report__places_load(struct store *s, int64_t area_id, int64_t partner_id,
			struct rpt_places *ps, struct err *e);
void report__places_release(struct rpt_places *ps);
int report__place_index(const struct rpt_places *ps, int64_t id);

void report__period_init(struct rpt_period *p, const struct rpt_places *ps, int64_t from,
			 int64_t to, int ncommit);
void report__period_release(struct rpt_period *p);

/* Reads the period's visits, encounters, field log, published shifts and
 * the commitments cm[0..ncm-1] into p. */
int report__gather(struct store *s, struct rpt_period *p, const struct rpt_places *ps,
		   const struct store_commitment *cm, int ncm, struct err *e);

#endif
