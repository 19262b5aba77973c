/*
 * import.c - CSV files into the store, one transaction per file.
 * libcsv does the RFC 4180 parsing; the buffer is fed one line at a time
 * so every row knows the line it starts on.
 */
#include "data/data_int.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Columns that would identify a person met. Refused everywhere, so that a
 * spreadsheet with names never reaches the database. */
static const char *const IDENTITY_COLS[] = {
	"name", "first_name", "last_name", "firstname", "lastname", "surname",
	"full_name", "person", "client", "client_name", "birth_date", "birthdate",
	"date_of_birth", "dob", "born", "age", "hetu", "henkilotunnus",
	"personal_id", "personal_identity_code", "ssn", "id_number", "phone",
	"email", "address", "nimi", "syntymaaika", NULL,
};

struct imp {
	const struct data__kind *k;
	struct store *s;
	const char *name;
	int ncols;		/* columns of the kind */
	int map[DATA_COLS_MAX];	/* file column -> kind column */
	int nfile;		/* columns in the header */
	char *field[DATA_COLS_MAX];
	int nfields;
	int line;		/* line being fed to the parser */
	int row_start;		/* line where the parser's current row began */
	int row_line;		/* line of the row in hand, for messages */
	int header_done;
	long rows;
	int rc;
	struct err *e;
};

static int valid_utf8(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 :
			     (c >> 3) == 30 ? 4 : 0;
		unsigned cp;

		if (!len || i + len > n)
			return 0;
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return 0;	/* control characters */
			i++;
			continue;
		}
		cp = c & (0xff >> (len + 1));
		for (size_t j = 1; j < len; j++) {
			if ((p[i + j] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i + j] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

static void fail(struct imp *m, int rc)
{
	if (!m->rc) {
		m->rc = rc;
		err_prefix(m->e, "%s:%d", m->name, m->row_line);
	}
}

/* How a message names field i of the row in hand: "column NAME" as README
 * promises once the header is known, else by its number. */
static const char *column(const struct imp *m, int i, char *buf, size_t cap)
{
	if (!m->header_done)
		snprintf(buf, cap, "column %d of the header", i + 1);
	else if (i < m->nfile)
		snprintf(buf, cap, "column %s", m->k->cols[m->map[i]]);
	else
		snprintf(buf, cap, "column %d (the header has %d)", i + 1, m->nfile);
	return buf;
}

static void on_field(void *data, size_t len, void *ud)
{
	struct imp *m = ud;
	char col[80];

	if (m->rc)
		return;
	if (m->nfields == 0)
		m->row_line = m->row_start;
	if (m->nfields == DATA_COLS_MAX) {
		fail(m, err_set(m->e, ERR_TOOBIG, "more than %d columns", DATA_COLS_MAX));
		return;
	}
	if (len > DATA_FIELD_MAX) {
		fail(m, err_set(m->e, ERR_TOOBIG, "%s: longer than %d bytes",
				column(m, m->nfields, col, sizeof col), DATA_FIELD_MAX));
		return;
	}
	if (!valid_utf8(data, len)) {
		fail(m, err_set(m->e, ERR_PARSE, "%s: not valid UTF-8 text",
				column(m, m->nfields, col, sizeof col)));
		return;
	}
	m->field[m->nfields] = xmalloc(len + 1);
	memcpy(m->field[m->nfields], data, len);
	m->field[m->nfields][len] = '\0';
	m->nfields++;
}

static int is_identity(const char *col)
{
	for (int i = 0; IDENTITY_COLS[i]; i++)
		if (!strcasecmp(col, IDENTITY_COLS[i]))
			return 1;
	return 0;
}

static int header(struct imp *m)
{
	unsigned seen = 0;
	char want[256];
	int rc = 0;

	data_kind_columns((int)(m->k - data__kinds), want, sizeof want);
	m->nfile = m->nfields;
	for (int i = 0; i < m->nfields && !rc; i++) {
		const char *c = m->field[i];
		int j = 0;

		while (m->k->cols[j] && strcmp(m->k->cols[j], c))
			j++;
		if (m->k->cols[j] && (seen & (1u << j)))
			rc = err_set(m->e, ERR_PARSE, "column %s: appears twice", c);
		else if (m->k->cols[j])
			seen |= 1u << j, m->map[i] = j;
		else if (is_identity(c))
			rc = err_set(m->e, ERR_PARSE, "column %s: the people met are "
				     "anonymous; a column that identifies a person is never "
				     "imported", c);
		else
			rc = err_set(m->e, ERR_PARSE, "column %s: unknown column for %s "
				     "(expected %s)", c, m->k->name, want);
	}
	for (int j = 0; !rc && m->k->cols[j]; j++)
		if ((m->k->required & (1u << j)) && !(seen & (1u << j)))
			rc = err_set(m->e, ERR_PARSE, "column %s: missing from the header "
				     "(expected %s)", m->k->cols[j], want);
	return rc;
}

static void free_fields(struct imp *m)
{
	for (int i = 0; i < m->nfields; i++)
		free(m->field[i]);
	m->nfields = 0;
	m->row_line = 0;
}

struct kept {
	int ncols;
	char *v[DATA_COLS_MAX];
};

static int keep_values(void *ud, const char *const *vals)
{
	struct kept *k = ud;

	for (int i = 0; i < k->ncols; i++)
		k->v[i] = xstrdup(vals[i]);
	return 0;
}

/* Columns absent from the file keep the values stored for that key. */
static void fill_absent(struct imp *m, const char **f, struct kept *k)
{
	k->ncols = 0;
	while (m->k->cols[k->ncols])
		k->ncols++;
	if (!m->k->lookup || m->nfile >= k->ncols || !f[0] ||
	    m->k->lookup(m->s, f[0], keep_values, k))
		return;
	for (int i = 0; i < k->ncols; i++)
		if (!f[i])
			f[i] = k->v[i];
}

static void on_row(int term, void *ud)
{
	struct imp *m = ud;
	const char *f[DATA_COLS_MAX] = { 0 };
	int rc;

	(void)term;
	if (!m->rc && !m->header_done) {
		rc = header(m);
		m->header_done = 1;
		if (rc)
			fail(m, rc);
	} else if (!m->rc && m->nfields != m->nfile) {
		fail(m, err_set(m->e, ERR_PARSE, "%d fields where the header has %d",
				m->nfields, m->nfile));
	} else if (!m->rc) {
		struct kept k = { 0 };

		for (int i = 0; i < m->nfields; i++)
			f[m->map[i]] = m->field[i];
		fill_absent(m, f, &k);
		rc = m->k->apply(m->s, f, m->e);
		for (int i = 0; i < k.ncols; i++)
			free(k.v[i]);
		if (rc)
			fail(m, rc);
		m->rows++;
	}
	free_fields(m);
}

static int parse(struct imp *m, const char *buf, size_t len)
{
	struct csv_parser p;
	const char *end = buf + len, *q;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		return err_set(m->e, ERR_NOMEM, "csv parser");
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		buf += 3;	/* UTF-8 byte order mark */
	while (buf < end && !m->rc) {
		q = memchr(buf, '\n', (size_t)(end - buf));
		q = q ? q + 1 : end;
		m->line++;
		/* libcsv's public state: 0 is ROW_NOT_BEGUN, so a row that the
		 * parser has not started yet starts on this line. */
		if (p.pstate == 0)
			m->row_start = m->line;
		if (csv_parse(&p, buf, (size_t)(q - buf), on_field, on_row, m) !=
		    (size_t)(q - buf) && !m->rc) {
			m->row_line = m->line;
			fail(m, err_set(m->e, ERR_PARSE, "malformed CSV: %s (a quote "
					"inside a field must be doubled)",
					csv_strerror(csv_error(&p))));
		}
		buf = q;
	}
	if (!m->rc && csv_fini(&p, on_field, on_row, m) && !m->rc) {
		m->row_line = m->row_start;
		fail(m, err_set(m->e, ERR_PARSE, "malformed CSV: a quoted field is "
				"not closed"));
	}
	if (!m->rc && !m->header_done) {
		char cols[256];

		data_kind_columns((int)(m->k - data__kinds), cols, sizeof cols);
		m->row_line = 1;
		fail(m, err_set(m->e, ERR_PARSE, "empty file: a header row is needed "
				"(%s)", cols));
	}
	free_fields(m);
	csv_free(&p);
	return m->rc;
}

int data_import_buffer(struct store *s, int kind, const char *name, const char *buf,
		       size_t len, int dry_run, struct data_import_stats *st,
		       struct err *e)
{
	struct imp m = { .s = s, .name = name, .e = e };
	int rc;

	if (kind < 0 || kind >= DATA_NKINDS)
		return err_set(e, ERR_USAGE, "unknown kind %d", kind);
	if (len > DATA_FILE_MAX)
		return err_set(e, ERR_TOOBIG, "%s: larger than %u MiB", name,
			       DATA_FILE_MAX >> 20);
	m.k = &data__kinds[kind];
	rc = store_begin(s, e);
	if (rc)
		return rc;
	rc = parse(&m, buf, len);
	if (!rc && !dry_run)
		rc = store_content_bump(s, e);	/* caches of the team's data go stale */
	if (rc || dry_run)
		store_rollback(s);
	else
		rc = store_commit(s, e);
	if (st)
		st->rows = rc ? 0 : m.rows;
	return rc;
}

static int slurp(const char *path, char **out, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t n;

	if (!f)
		return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > DATA_FILE_MAX) {
			fclose(f);
			buf_release(&b);
			return err_set(e, ERR_TOOBIG, "%s: larger than %u MiB", path,
				       DATA_FILE_MAX >> 20);
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		fclose(f);
		buf_release(&b);
		return err_set(e, ERR_IO, "%s: read failed", path);
	}
	fclose(f);
	*len = b.len;
	*out = buf_detach(&b);
	return 0;
}

int data_import_file(struct store *s, int kind, const char *path, int dry_run,
		     struct data_import_stats *st, struct err *e)
{
	char *text = NULL;
	size_t len = 0;
	int rc = slurp(path, &text, &len, e);

	if (!rc)
		rc = data_import_buffer(s, kind, path, text, len, dry_run, st, e);
	free(text);
	return rc;
}

int data_kind_parse(const char *name)
{
	for (int i = 0; i < DATA_NKINDS; i++)
		if (!strcmp(name, data__kinds[i].name))
			return i;
	return -1;
}

const char *data_kind_name(int kind)
{
	return kind >= 0 && kind < DATA_NKINDS ? data__kinds[kind].name : "?";
}

void data_kind_columns(int kind, char *out, size_t cap)
{
	const struct data__kind *k;
	size_t n = 0;

	out[0] = '\0';
	if (kind < 0 || kind >= DATA_NKINDS)
		return;
	k = &data__kinds[kind];
	for (int i = 0; k->cols[i] && n < cap; i++)
		n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? "," : "", k->cols[i]);
}
