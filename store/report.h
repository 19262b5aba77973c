/*
 * report.h - what the decision makers' report reads that store.h does not
 * offer: visits and encounters of one period (by instant, in time order),
 * so that a report over a month of a five-year history does not walk the
 * whole history. Everything else the report needs comes through store.h,
 * store/plans.h and store/field.h. Ownership and errors as in store.h.
 */
#ifndef STORE_REPORT_H
#define STORE_REPORT_H

#include "store/store.h"

/* Visits that start in [from_t, to_t), by start. Only id, pair_id,
 * place_id, start and end are filled (no keys). */
int store_visit_each_in(struct store *s, int64_t from_t, int64_t to_t, store_visit_fn fn,
			void *ud, struct err *e);

/* Encounters with time in [from_t, to_t), by time. The place key is not
 * filled (place_id is). */
int store_encounter_each_in(struct store *s, int64_t from_t, int64_t to_t,
			    store_encounter_fn fn, void *ud, struct err *e);

#endif
