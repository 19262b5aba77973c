/*
 * data_int.h - shared inside data/ only.
 * A kind is a table of columns plus two functions: apply (one validated CSV
 * row into the store) and export (every stored row as column strings).
 */
#ifndef DATA_DATA_INT_H
#define DATA_DATA_INT_H

#include "data/data.h"

/* Row values by column index; NULL where the column is not in the file. */
typedef int (*data__apply_fn)(struct store *s, const char *const *f, struct err *e);
typedef int (*data__emit_fn)(void *ud, const char *const *vals);
typedef int (*data__export_fn)(struct store *s, data__emit_fn emit, void *ud,
			       struct err *e);

/* The stored row with that key as column strings (emit once), or
 * ERR_NOTFOUND: columns absent from a file keep their stored values. */
typedef int (*data__lookup_fn)(struct store *s, const char *key, data__emit_fn emit,
			       void *ud);

struct data__kind {
	const char *name;
	const char *const *cols;	/* NULL-terminated, export order */
	const char *types;		/* per column: 's' text, 'n' number (JSON) */
	unsigned required;		/* bit i: cols[i] must be in the header */
	data__apply_fn apply;
	data__export_fn export;
	data__lookup_fn lookup;		/* NULL: absent columns take defaults */
};

extern const struct data__kind data__kinds[DATA_NKINDS];

#endif
