/*
 * simulate.h - realistic simulated histories for the encounter model: a
 * ground truth (people per hour of presence by place, local hour of the
 * week, month and public holiday), a team with biased effort (habitual
 * places and shift times) and the visits and encounters it would record.
 * Scenarios follow the four working models of ../shared/DOMAIN.md:
 * "porvoo", "helsinki", "food", "meeting". Places are real named places
 * read at run time from ../shared/osm/pois.csv (never copied into the
 * repository), or examples/places.csv when that file is missing.
 *
 * Ownership: plan_sim_new's result belongs to the caller (plan_sim_free;
 *            NULL is a no-op); returned arrays are borrowed until free.
 * Threads:   a simulation is read-only after plan_sim_new.
 * Errors:    0 or a negative ERR_*, text in the optional err.
 * Determinism: the same options give the same history, byte for byte.
 */
#ifndef PLANNER_SIMULATE_H
#define PLANNER_SIMULATE_H

#include <stdint.h>

#include "planner/model/model.h"

struct err;
struct plan_sim;

struct plan_sim_opts {
	const char *scenario;	/* porvoo, helsinki, food, meeting */
	int weeks;		/* history length, 1..1040 */
	uint64_t seed;
	double volume;		/* multiplies every true rate; <= 0: 1 */
	int places;		/* cap on places; <= 0: the scenario's default */
	const char *pois;	/* NULL: ../shared/osm/pois.csv */
	int64_t start_day;	/* a day number; 0: the Monday `weeks` weeks
				 * before 2026-11-23 */
};

/* Names of the scenarios, NULL-terminated. */
extern const char *const plan_sim_scenarios[];

int plan_sim_new(const struct plan_sim_opts *o, struct plan_sim **out, struct err *e);
void plan_sim_free(struct plan_sim *s);

/* Writes places, partners, workers, pairs, availability, visits,
 * encounters and truth CSVs (importable by `outreach import`) into dir,
 * which must exist. */
int plan_sim_write(const struct plan_sim *s, const char *dir, struct err *e);

/* The history as model input (encounter place -1: coordinates only). */
int plan_sim_nplaces(const struct plan_sim *s);
const struct plan_model_place *plan_sim_places(const struct plan_sim *s);
const struct plan_model_visit *plan_sim_visits(const struct plan_sim *s, int *n);
const struct plan_model_encounter *plan_sim_encounters(const struct plan_sim *s, int *n);
int64_t plan_sim_start(const struct plan_sim *s);	/* first instant */
int64_t plan_sim_end(const struct plan_sim *s);		/* end instant */

/* True people per hour of presence at place during the hour containing t
 * (0 when closed). */
double plan_sim_truth(const struct plan_sim *s, int place, int64_t t);

#endif
