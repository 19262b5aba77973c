/*
 * world.h - a second, independent generator of outreach histories for
 * bench/forecast (issue 19). It shares no code with planner/sim nor with
 * the model: its own random numbers, shapes, effort and encounter process;
 * only the model's input types (model.h) and util/tz for local time.
 * Unlike planner/sim: day shapes are one or two bumps at hours drawn per
 * world, weekday factors drawn per world, seasons as a smooth curve of the
 * day of the year with a drawn phase (some worlds peak in summer, some in
 * winter, some have a July dip), a trend per place, heavy-tailed group
 * sizes in some worlds, sparse effort in some, a team that changes its
 * rounds halfway in some, one place that closes (nobody met there from a
 * day 8-20 weeks before the end while pairs still visit it) and one new
 * hotspot (a quiet place that becomes busy 10 weeks before the forecast,
 * i.e. 14 weeks before the end).
 *
 * Ownership: bw_new's result belongs to the caller (bw_free; NULL is a
 *            no-op); returned arrays and strings are borrowed until free.
 * Determinism: the same seed gives the same world.
 */
#ifndef BENCH_FORECAST_WORLD_H
#define BENCH_FORECAST_WORLD_H

#include <stdint.h>

#include "planner/model/model.h"

struct bw_world;

#define BW_TEST_WEEKS 4	/* the forecast window at the end */

struct bw_change {
	int place;		/* -1: none */
	int64_t at;		/* instant of the change */
	int up;			/* 1: becomes busy, 0: closes */
};

/* A world of `weeks` weeks (+ BW_TEST_WEEKS) drawn from seed; places is
 * the number of places (<= 0: 32). Returns NULL only for bad arguments. */
struct bw_world *bw_new(uint64_t seed, int weeks, int places);
void bw_free(struct bw_world *w);

int bw_nplaces(const struct bw_world *w);
const struct plan_model_place *bw_places(const struct bw_world *w);
const struct plan_model_visit *bw_visits(const struct bw_world *w, int *n);
const struct plan_model_encounter *bw_encounters(const struct bw_world *w, int *n);
int64_t bw_start(const struct bw_world *w);
int64_t bw_end(const struct bw_world *w);
/* True expected people per hour of presence at place during the hour of t
 * (0 when closed by its opening hours or after it closed for good). */
double bw_truth(const struct bw_world *w, int place, int64_t t);
/* The two changes: [0] the closing place, [1] the new hotspot. */
const struct bw_change *bw_changes(const struct bw_world *w);
/* What was drawn, for the bench's rows ("sparse,heavy,rounds-change"). */
const char *bw_traits(const struct bw_world *w);

#endif
