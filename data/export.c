/*
 * export.c - every row of a kind, with the import's columns, as RFC 4180
 * CSV (quoted by libcsv) or as a JSON array of objects (jansson).
 */
#include "data/data_int.h"
#include "util/err.h"

#include <csv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct out {
	const struct data__kind *k;
	FILE *f;
	json_t *rows;
};

static int csv_line(struct out *o, const char *const *vals)
{
	for (int i = 0; o->k->cols[i]; i++) {
		if (i)
			fputc(',', o->f);
		/* Quote only where RFC 4180 needs it; libcsv does the quoting. */
		if (strpbrk(vals[i], ",\"\r\n") || vals[i][0] == ' ' ||
		    (vals[i][0] && vals[i][strlen(vals[i]) - 1] == ' ')) {
			if (csv_fwrite(o->f, vals[i], strlen(vals[i])))
				return -1;
		} else {
			fputs(vals[i], o->f);
		}
	}
	fputs("\r\n", o->f);	/* RFC 4180 line ending */
	return ferror(o->f) ? -1 : 0;
}

static int emit_csv(void *ud, const char *const *vals)
{
	return csv_line(ud, vals) ? ERR_WRITE : 0;
}

static json_t *typed(char type, const char *v)
{
	char *end;
	double d;

	if (!*v)
		return json_null();
	if (type == 'n') {
		d = strtod(v, &end);
		if (!*end)
			return strchr(v, '.') ? json_real(d) : json_integer(strtoll(v, NULL, 10));
	}
	return json_string(v);
}

static int emit_json(void *ud, const char *const *vals)
{
	struct out *o = ud;
	json_t *row = json_object();

	for (int i = 0; o->k->cols[i]; i++)
		json_object_set_new(row, o->k->cols[i], typed(o->k->types[i], vals[i]));
	json_array_append_new(o->rows, row);
	return 0;
}

int data_export(struct store *s, int kind, enum data_format fmt, FILE *f, struct err *e)
{
	struct out o = { .f = f };
	int rc;

	if (kind < 0 || kind >= DATA_NKINDS)
		return err_set(e, ERR_USAGE, "unknown kind %d", kind);
	o.k = &data__kinds[kind];
	if (fmt == DATA_CSV) {
		if (csv_line(&o, o.k->cols))
			return err_set(e, ERR_WRITE, "write failed");
		rc = o.k->export(s, emit_csv, &o, e);
		if (rc == ERR_WRITE)
			err_set(e, ERR_WRITE, "write failed");
		return rc;
	}
	o.rows = json_array();
	rc = o.k->export(s, emit_json, &o, e);
	if (!rc && json_dumpf(o.rows, f, JSON_INDENT(1) | JSON_REAL_PRECISION(10)))
		rc = err_set(e, ERR_WRITE, "write failed");
	if (!rc)
		fputc('\n', f);
	json_decref(o.rows);
	return rc;
}
