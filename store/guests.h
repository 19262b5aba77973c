/*
 * guests.h - the network's guests: partners' professionals (a nurse, a
 * dental hygienist, the rescue department's fire-safety adviser, the
 * parish...) who join a round. A guest is a kind and a label the team
 * enters (a name or role; never an identity code), optionally of a
 * partner. A join attaches a guest to a shift (day 0: every occurrence),
 * to one occurrence (a day), or to a commitment (every shift that covers
 * it), with where they meet the pair. A cancelled join is kept, so the
 * pair's page shows the cancellation.
 * Rules (cap, past or cancelled occurrences) are the caller's
 * (planner/rounds/guests.h); this file stores and reads.
 * Ownership, threads, errors: as store.h.
 */
#ifndef STORE_GUESTS_H
#define STORE_GUESTS_H

#include <stdint.h>

#include "store/store.h"

enum { STORE_GUEST_LABEL_MAX = 80, STORE_GUEST_KIND_MAX = 16 };

struct store_guest {
	int64_t id, partner_id;			/* partner 0: none */
	char partner[STORE_KEY_MAX + 1];
	char kind[STORE_GUEST_KIND_MAX];	/* nurse, dental, rescue, parish, ... */
	char label[STORE_GUEST_LABEL_MAX + 1];
	int64_t created_t;
};

struct store_guest_join {
	int64_t id, guest_id, shift_id, commitment_id;	/* one of shift, commitment */
	int64_t day;					/* 0: every occurrence */
	int64_t meet_place_id;				/* 0: the first stop */
	char meet_place[STORE_KEY_MAX + 1], meet_name[STORE_NAME_MAX + 1];
	struct store_guest guest;			/* filled when read */
	char status[12];				/* joined, cancelled */
	int64_t created_t, changed_t;
};

/* The kinds a guest may have, NULL-terminated. */
extern const char *const store_guest_kinds[];

/* Inserts g and sets g->id. */
int store_guest_insert(struct store *s, struct store_guest *g, struct err *e);
int store_guest_get(struct store *s, int64_t id, struct store_guest *g, struct err *e);
typedef int (*store_guest_fn)(const struct store_guest *, void *ud);
int store_guest_each(struct store *s, store_guest_fn fn, void *ud, struct err *e);

/* Inserts the join, or joins again a cancelled one of the same guest and
 * target (its meeting place replaced). Sets j->id. */
int store_guest_join_put(struct store *s, struct store_guest_join *j, struct err *e);
int store_guest_join_get(struct store *s, int64_t id, struct store_guest_join *j,
			 struct err *e);
/* Marks a join cancelled at now. ERR_NOTFOUND if there is none. */
int store_guest_join_cancel(struct store *s, int64_t id, int64_t now, struct err *e);

typedef int (*store_guest_join_fn)(const struct store_guest_join *, void *ud);
/* The joins (any status) that concern shift: its own, and those of the
 * commitments it covers (a 'commitment' stop at the commitment's place on
 * its weekday), in id order. */
int store_guest_join_each_of_shift(struct store *s, int64_t shift_id,
				   store_guest_join_fn fn, void *ud, struct err *e);
/* Every join, in id order. */
int store_guest_join_each(struct store *s, store_guest_join_fn fn, void *ud,
			  struct err *e);

#endif
