/*
 * report.c - formats and saving: a report goes to a temporary file beside
 * the target and is renamed over it only when complete, so an error (bad
 * input found late, a full disk) never leaves half a report behind.
 */
#include "report/report_int.h"
#include "util/err.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const NAMES[] = { "html", "pdf", "csv", "json" };
static const char *const TYPES[] = {
	"text/html; charset=utf-8", "application/pdf", "text/csv; charset=utf-8",
	"application/json; charset=utf-8",
};

int report_format_parse(const char *name)
{
	for (int i = 0; name && i < 4; i++)
		if (!strcmp(name, NAMES[i]))
			return i;
	return -1;
}

const char *report_format_type(enum report_format f)
{
	return TYPES[f];
}

const char *report_format_ext(enum report_format f)
{
	return NAMES[f];
}

int report_write(const struct report *r, enum report_format f, FILE *out, struct err *e)
{
	int rc;

	switch (f) {
	case REPORT_HTML: rc = report__html(r, out, e); break;
	case REPORT_PDF: rc = report__pdf(r, out, e); break;
	case REPORT_CSV: rc = report__csv(r, out, e); break;
	case REPORT_JSON: rc = report__json(r, out, e); break;
	default: return err_set(e, ERR_USAGE, "unknown report format %d", (int)f);
	}
	if (!rc && (fflush(out) || ferror(out)))
		rc = err_set(e, ERR_WRITE, "write failed");
	return rc;
}

/* A temporary file in the target's folder (rename is atomic only within
 * one file system). */
static FILE *temp_beside(const char *path, char *tmp, size_t cap, struct err *e)
{
	int fd;
	FILE *f;

	if ((size_t)snprintf(tmp, cap, "%s.tmp-XXXXXX", path) >= cap) {
		err_set(e, ERR_USAGE, "--out: path too long");
		return NULL;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		return NULL;
	}
	fchmod(fd, 0644);	/* a report is for publishing, not a secret */
	f = fdopen(fd, "wb");
	if (!f) {
		err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
	}
	return f;
}

int report_save(struct store *s, const struct report_opts *o, enum report_format f,
		const char *path, struct err *e)
{
	struct report *r = NULL;
	char tmp[4096];
	FILE *out;
	int rc = report_build(s, o, &r, e);

	if (rc)
		return rc;
	out = temp_beside(path, tmp, sizeof tmp, e);
	if (!out) {
		report_free(r);
		return e ? e->code : ERR_IO;
	}
	rc = report_write(r, f, out, e);
	report_free(r);
	if (!rc && fsync(fileno(out)))
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if (fclose(out) && !rc)
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if (!rc && rename(tmp, path))
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if (rc == ERR_WRITE)
		rc = err_set(e, ERR_IO, "cannot write '%s': %s", path,
			     errno ? strerror(errno) : "write failed");
	if (rc)
		unlink(tmp);
	return rc;
}
