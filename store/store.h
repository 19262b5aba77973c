/*
 * store.h - the team's data in one SQLite file (WAL, foreign keys on).
 * Every SQL statement of the product lives in store/; other modules call
 * these typed functions.
 * Ownership: store_open's handle belongs to the caller (store_close).
 *            Structs passed to callbacks are borrowed for the call only.
 * Threads:   one struct store per thread (SQLite connection rules).
 * Errors:    0 or a negative ERR_* (util/err.h), text in struct err.
 * Times:     instants are int64 UTC seconds; dates are day numbers since
 *            1970-01-01; times of day are minutes since local midnight.
 */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

struct err;
struct store;

/* Caps on text fields (bytes): longer input is ERR_TOOBIG at import. */
#define STORE_KEY_MAX 64
#define STORE_NAME_MAX 256
#define STORE_TEXT_MAX 512

/* Schema version this binary writes (PRAGMA user_version). */
int store_schema_latest(void);

/*
 * Opens (creating if needed) the database at path and migrates it to the
 * latest schema. A file written by a newer binary is refused with
 * ERR_VERSION. On error *out is NULL.
 */
int store_open(const char *path, struct store **out, struct err *e);
void store_close(struct store *s);	/* NULL is a no-op */
int store_schema_version(struct store *s);

/* One transaction per user action. rollback after a failed step is safe. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);
/* A read transaction: every read until store_rollback (or store_commit)
 * sees the same snapshot of the database (WAL), so what is read together
 * agrees with the content version read with it. */
int store_begin_read(struct store *s, struct err *e);

/* ---- the team ------------------------------------------------------- */
struct store_area {
	int64_t id;
	char key[STORE_KEY_MAX + 1], name[STORE_NAME_MAX + 1];
};

struct store_partner {
	int64_t id;
	char key[STORE_KEY_MAX + 1], name[STORE_NAME_MAX + 1];
	char contact[STORE_NAME_MAX + 1];
};

struct store_place {
	int64_t id, partner_id, area_id;	/* 0: none */
	char key[STORE_KEY_MAX + 1], name[STORE_NAME_MAX + 1];
	char kind[32];
	double lat, lon;
	char opening_hours[STORE_TEXT_MAX + 1];	/* "" = always accessible */
	int stay_minutes;
	char partner[STORE_KEY_MAX + 1], area[STORE_KEY_MAX + 1];	/* keys */
	char address[STORE_NAME_MAX + 1];	/* street address, "" if unknown */
};

struct store_worker {
	int64_t id;
	char key[STORE_KEY_MAX + 1], name[STORE_NAME_MAX + 1];
	char role[32];
	double weekly_hours;
	char languages[64];	/* "fi;sv;en" */
};

struct store_pair {
	int64_t id, worker_a_id, worker_b_id, area_id;	/* area 0: anywhere */
	char key[STORE_KEY_MAX + 1];
	char worker_a[STORE_KEY_MAX + 1], worker_b[STORE_KEY_MAX + 1];
	char area[STORE_KEY_MAX + 1];
};

struct store_availability {
	int64_t worker_id;
	char worker[STORE_KEY_MAX + 1];
	int weekday;		/* 0 = Monday ... 6 = Sunday */
	int start_min, end_min;	/* local minutes, start < end <= 1440 */
};

struct store_absence {
	int64_t worker_id;
	char worker[STORE_KEY_MAX + 1];
	int64_t from_day, to_day;	/* inclusive */
};

/* A pair's presence at a place: the effort behind the encounters. */
struct store_visit {
	int64_t id, pair_id, place_id;
	char pair[STORE_KEY_MAX + 1], place[STORE_KEY_MAX + 1];
	int64_t start, end;
};

/* Anonymous counts only: never who was met. */
struct store_encounter {
	int64_t id, place_id;	/* place 0: given by coordinates only */
	char place[STORE_KEY_MAX + 1];
	int64_t time;
	int has_coords;
	double lat, lon;
	int people, new_people, anonymous;
};

/*
 * Upserts: a row whose natural key exists is updated, otherwise inserted
 * (areas/partners/places/workers/pairs by key; availability by worker,
 * weekday and start; absences by worker and first day; visits by pair,
 * place and start; encounters by time, place and coordinates). References
 * are given by *_id fields; resolve keys with store_id_of first.
 * The caller holds the transaction.
 */
int store_area_upsert(struct store *s, const struct store_area *a, struct err *e);
int store_partner_upsert(struct store *s, const struct store_partner *p, struct err *e);
int store_place_upsert(struct store *s, const struct store_place *p, struct err *e);
int store_worker_upsert(struct store *s, const struct store_worker *w, struct err *e);
int store_pair_upsert(struct store *s, const struct store_pair *p, struct err *e);
int store_availability_upsert(struct store *s, const struct store_availability *a,
			      struct err *e);
int store_absence_upsert(struct store *s, const struct store_absence *a, struct err *e);
int store_visit_upsert(struct store *s, const struct store_visit *v, struct err *e);
int store_encounter_upsert(struct store *s, const struct store_encounter *x,
			   struct err *e);

/* Tables with a key column, for store_id_of. */
enum store_keyed { STORE_AREA, STORE_PARTNER, STORE_PLACE, STORE_WORKER, STORE_PAIR };

/* Id of the row with that key: 0 and *id set, or ERR_NOTFOUND (no message
 * is set: the caller knows the context to report). */
int store_id_of(struct store *s, enum store_keyed t, const char *key, int64_t *id);

/* Display name of the row with that id into name (places, workers,
 * partners: their name; pairs and areas: their key or name). */
int store_name_of(struct store *s, enum store_keyed t, int64_t id, char *name,
		  size_t cap, struct err *e);

/* Creates the area if it does not exist and returns its id. */
int store_area_ensure(struct store *s, const char *key, int64_t *id, struct err *e);

/*
 * Iteration in key (or time) order. The callback returns 0 to go on or a
 * non-zero value that stops the walk and is returned.
 */
typedef int (*store_area_fn)(const struct store_area *, void *ud);
typedef int (*store_partner_fn)(const struct store_partner *, void *ud);
typedef int (*store_place_fn)(const struct store_place *, void *ud);
typedef int (*store_worker_fn)(const struct store_worker *, void *ud);
typedef int (*store_pair_fn)(const struct store_pair *, void *ud);
typedef int (*store_availability_fn)(const struct store_availability *, void *ud);
typedef int (*store_absence_fn)(const struct store_absence *, void *ud);
typedef int (*store_visit_fn)(const struct store_visit *, void *ud);
typedef int (*store_encounter_fn)(const struct store_encounter *, void *ud);

int store_area_each(struct store *s, store_area_fn fn, void *ud, struct err *e);
int store_partner_each(struct store *s, store_partner_fn fn, void *ud, struct err *e);
int store_place_each(struct store *s, store_place_fn fn, void *ud, struct err *e);
int store_worker_each(struct store *s, store_worker_fn fn, void *ud, struct err *e);
int store_pair_each(struct store *s, store_pair_fn fn, void *ud, struct err *e);
int store_availability_each(struct store *s, store_availability_fn fn, void *ud,
			    struct err *e);
int store_absence_each(struct store *s, store_absence_fn fn, void *ud, struct err *e);
int store_visit_each(struct store *s, store_visit_fn fn, void *ud, struct err *e);
int store_encounter_each(struct store *s, store_encounter_fn fn, void *ud,
			 struct err *e);

/* One row by key: 0, or ERR_NOTFOUND (no message set). */
int store_area_get(struct store *s, const char *key, struct store_area *out, struct err *e);
int store_partner_get(struct store *s, const char *key, struct store_partner *out,
		      struct err *e);
int store_place_get(struct store *s, const char *key, struct store_place *out,
		    struct err *e);
int store_worker_get(struct store *s, const char *key, struct store_worker *out,
		     struct err *e);
int store_pair_get(struct store *s, const char *key, struct store_pair *out,
		   struct err *e);

/* Row counts per table, for `outreach status`. names[i] is static. */
struct store_count {
	const char *table;
	int64_t rows;
};
int store_counts(struct store *s, struct store_count *out, int max, int *n,
		 struct err *e);

/*
 * Fault injection for tests (SQLite's and curl's torture idea): the Nth
 * statement step from now fails with ERR_DB; 0 disables.
 */
void store_fail_after(struct store *s, int nth_step);

#endif
