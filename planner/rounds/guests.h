/*
 * guests.h - the rules of the network's guests joining rounds: a guest is
 * a kind and a label (a name or role, never an identity code, e-mail or
 * phone number); a join names a shift of a published plan and optionally
 * one day of its rhythm that is neither past nor cancelled, and a place of
 * the shift where the guest meets the pair (default: the first stop). No
 * occurrence gets more than the lead's cap of guests (setting guest_cap,
 * default 2). Each call is one transaction; a refusal stores nothing.
 * Errors: 0 or ERR_USAGE / ERR_NOTFOUND / ERR_CONFLICT with a message.
 */
#ifndef PLANNER_GUESTS_H
#define PLANNER_GUESTS_H

#include <stdint.h>

struct err;
struct store;

enum { PLAN_GUEST_CAP_DEFAULT = 2, PLAN_GUEST_CAP_MAX = 20 };

/* partner: a partner's key or NULL. Sets *id. */
int plan_guest_add(struct store *s, const char *kind, const char *label, const char *partner,
		   int64_t now, int64_t *id, struct err *e);

/* day 0: every occurrence from now on; meet: a place key of the shift's
 * stops or NULL. today is the local day of now. Sets *join_id. */
int plan_guest_join(struct store *s, int64_t guest_id, int64_t shift_id, int64_t day,
		    const char *meet, int64_t now, int64_t *join_id, struct err *e);

int plan_guest_cancel(struct store *s, int64_t join_id, int64_t now, struct err *e);

/* The lead's cap of guests per occurrence (guest_cap). */
int plan_guest_cap(struct store *s, int *cap, struct err *e);

#endif
