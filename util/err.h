/*
 * err.h - error codes and messages shared by every module.
 * Functions return 0 or a negative ERR_* code and, when the caller passes a
 * struct err, a message in it (lower case, names the thing, quotes the value,
 * no full stop). There is no global error state.
 * Ownership: struct err is owned by the caller, usually on the stack.
 */
#ifndef UTIL_ERR_H
#define UTIL_ERR_H

#include <stddef.h>

enum {
	ERR_OK = 0,
	ERR_USAGE = -1,		/* bad command line or API misuse */
	ERR_PARSE = -2,		/* bad input data: file, field, value */
	ERR_NOTFOUND = -3,	/* a referenced key does not exist */
	ERR_TOOBIG = -4,	/* an input exceeds a documented cap */
	ERR_IO = -5,		/* file or network I/O failed */
	ERR_DB = -6,		/* SQLite failed */
	ERR_NOMEM = -7,
	ERR_VERSION = -8,	/* database written by a newer binary */
	ERR_CONFLICT = -9,	/* state forbids the change (e.g. revoked) */
	ERR_INTERNAL = -10,
	ERR_WRITE = -11,	/* writing output failed (disk full, closed pipe) */
};

struct err {
	int code;
	char msg[512];
};

/* Sets e (if not NULL) and returns code, so callers can write
 * `return err_set(e, ERR_PARSE, "...")`. */
int err_set(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prepends "prefix: " to e->msg (for adding file or field context). */
int err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void err_clear(struct err *e);

/* True for errors caused by the user's input (exit status 1), false for
 * internal ones (exit status 2). */
int err_is_user(int code);

const char *err_name(int code);

#endif
