#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return code;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
	char pre[256], old[sizeof e->msg];
	va_list ap;

	if (!e)
		return 0;
	va_start(ap, fmt);
	vsnprintf(pre, sizeof pre, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	{
		size_t n = strlen(pre);

		if (n > sizeof e->msg - 3)
			n = sizeof e->msg - 3;
		memcpy(e->msg, pre, n);
		memcpy(e->msg + n, ": ", 2);
		n += 2;
		/* keep the tail of the old message that fits */
		snprintf(e->msg + n, sizeof e->msg - n, "%.*s", (int)(sizeof e->msg - n - 1),
			 old);
	}
	return e->code;
}

void err_clear(struct err *e)
{
	if (e) {
		e->code = 0;
		e->msg[0] = '\0';
	}
}

int err_is_user(int code)
{
	switch (code) {
	case ERR_USAGE:
	case ERR_PARSE:
	case ERR_NOTFOUND:
	case ERR_TOOBIG:
	case ERR_VERSION:
	case ERR_CONFLICT:
	case ERR_IO:
		return 1;
	default:
		return 0;
	}
}

const char *err_name(int code)
{
	switch (code) {
	case ERR_OK: return "ok";
	case ERR_USAGE: return "usage";
	case ERR_PARSE: return "parse";
	case ERR_NOTFOUND: return "not found";
	case ERR_TOOBIG: return "too big";
	case ERR_IO: return "i/o";
	case ERR_DB: return "database";
	case ERR_NOMEM: return "out of memory";
	case ERR_VERSION: return "version";
	case ERR_CONFLICT: return "conflict";
	case ERR_WRITE: return "write failed";
	default: return "internal";
	}
}
