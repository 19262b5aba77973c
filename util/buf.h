/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 * Ownership: struct buf is caller-owned (buf_init/buf_release); buf_detach
 * hands the bytes to the caller, who frees them with free().
 * Errors: allocation failure aborts (the product cannot go on without
 * memory, and every caller would otherwise repeat the same check).
 */
#ifndef UTIL_BUF_H
#define UTIL_BUF_H

#include <stddef.h>

struct buf {
	char *p;
	size_t len, cap;
};

void buf_init(struct buf *b);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* Appends s escaped for XML and HTML text and attributes (< > & "). */
void buf_put_xml(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *buf_detach(struct buf *b);

/* Allocation helpers that abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
