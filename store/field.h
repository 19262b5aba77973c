/*
 * field.h - the field log in the store: what a pair recorded on the phone
 * at one stop (arrive, leave, skipped, a tally of people met and guidance
 * counts per topic). Counts and fixed codes only, never who was met.
 * Each entry owns the visit row (its exposure) and the encounter row (its
 * tally) it produced: store_field_put replaces them on every edit, so the
 * encounter model and the planner see the phones' records with no step
 * in between. Ownership and errors as in store.h.
 */
#ifndef STORE_FIELD_H
#define STORE_FIELD_H

#include "store/store.h"

/* Guidance topics, in this order everywhere (columns g_NAME). */
#define STORE_TOPICS 10
extern const char *const store_topic_names[STORE_TOPICS];

#define STORE_CLIENT_ID_MAX 64

struct store_field_entry {
	int64_t id, pair_id, feed_id, shift_id, place_id;	/* 0: none */
	char client_id[STORE_CLIENT_ID_MAX + 1];
	int rev;
	int64_t day;		/* the shift's day */
	int stop_seq;		/* the planned stop's seq; 0: an unplanned stop */
	int has_coords;
	double lat, lon;
	int64_t arrive_t, leave_t;	/* UTC seconds; 0: not recorded */
	char skipped[16];	/* "", closed, unsafe, called_away, no_time */
	char outside[16];	/* "", started_early, stayed_longer, called_out */
	int people, new_people, anonymous, accompanied, contacted;
	int guidance[STORE_TOPICS];
	int deleted;
	int64_t created_t, updated_t;
	/* Filled on reads: */
	char pair[STORE_KEY_MAX + 1], place[STORE_KEY_MAX + 1];
	char place_name[STORE_NAME_MAX + 1];
};

/* The entry of a pair by the phone's id: 0, or ERR_NOTFOUND (no message). */
int store_field_get(struct store *s, int64_t pair_id, const char *client_id,
		    struct store_field_entry *out, struct err *e);

/* Inserts or replaces the entry (by pair and client id), and its visit
 * (when it has a place, arrive and leave and is neither skipped nor
 * deleted) and encounter (people >= 1). Sets x->id. The caller holds the
 * transaction and bumps the content version. */
int store_field_put(struct store *s, struct store_field_entry *x, struct err *e);

typedef int (*store_field_fn)(const struct store_field_entry *x, void *ud);
/* Entries of days from..to-1 (pair 0: every pair), deleted ones too, by
 * day, pair and arrival. */
int store_field_each(struct store *s, int64_t from_day, int64_t to_day, int64_t pair_id,
		     store_field_fn fn, void *ud, struct err *e);

#endif
