/*
 * field_int.h - shared inside field/ only.
 */
#ifndef FIELD_FIELD_INT_H
#define FIELD_FIELD_INT_H

#include "field/field.h"

/* An entry as parsed, before the shift gives it instants and a place. */
struct field_raw {
	struct store_field_entry e;
	char place[STORE_KEY_MAX + 1];	/* "" if not given */
	int arrive_min, leave_min;	/* local minutes; -1 if not given */
};

/* Checks every value of j and fills x (no database). ERR_PARSE with
 * r->field set on a bad or unknown field. */
int field__parse(const json_t *j, struct field_raw *x, struct field_result *r,
		 struct err *e);

/* new, anonymous, guidance ... never more than the people met. */
int field__counts_check(const struct store_field_entry *x, struct field_result *r,
			struct err *e);

#endif
