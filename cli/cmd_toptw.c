/*
 * cmd_toptw.c - `outreach toptw FILE --paths M`: solves a TOPTW benchmark
 * instance in the KU Leuven format and prints the answer as JSON.
 */
#include "cli/cli.h"
#include "planner/toptw/toptw.h"
#include "util/buf.h"
#include "util/err.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_toptw_usage[] =
	"usage: outreach toptw FILE --paths M [--time-limit SEC] [--seed N]\n"
	"                [--max-iter N] [--rounding trunc1|trunc2|auto]\n\n"
	"Solves a team orienteering instance with time windows in the KU Leuven\n"
	"format (Solomon, Cordeau pr sets) with M paths and prints JSON:\n"
	"{\"instance\",\"paths\",\"score\",\"routes\":[[id,...],...],\"seconds\"}.\n"
	"Travel time is the Euclidean distance truncated to 1 decimal (trunc1,\n"
	"Solomon) or 2 (trunc2, Cordeau); auto picks trunc2 for files named pr*.\n"
	"The search stops after --max-iter iterations (default 30000; the same\n"
	"seed gives the same answer) or --time-limit seconds (default 10).\n";

enum { KUL_MAX_BYTES = 64 << 20, KUL_MAX_N = 20000 };

struct kul {
	const char *path;
	char *text;
	char *p;
	int line, tokline;
	int n;				/* records, depot included */
	double *x, *y, *d, *s, *o, *c;
	int *id;
};

/* Next whitespace-separated token; NULL at the end. */
static char *tok(struct kul *k)
{
	char *t;

	while (*k->p && isspace((unsigned char)*k->p))
		if (*k->p++ == '\n')
			k->line++;
	if (!*k->p)
		return NULL;
	t = k->p;
	k->tokline = k->line;
	while (*k->p && !isspace((unsigned char)*k->p))
		k->p++;
	if (*k->p) {
		if (*k->p == '\n')
			k->line++;
		*k->p++ = 0;
	}
	return t;
}

static int num(struct kul *k, const char *what, double *out, struct err *e)
{
	char *t = tok(k), *end;

	if (!t)
		return err_set(e, ERR_PARSE, "%s:%d: %s: unexpected end of file",
			       k->path, k->line, what);
	errno = 0;
	*out = strtod(t, &end);
	if (errno || *end || !isfinite(*out))
		return err_set(e, ERR_PARSE, "%s:%d: %s: '%s' is not a number",
			       k->path, k->tokline, what, t);
	return 0;
}

static int count(struct kul *k, const char *what, double lo, double hi,
		 int *out, struct err *e)
{
	double v;
	int rc = num(k, what, &v, e);

	if (rc)
		return rc;
	if (v != floor(v) || v < lo || v > hi)
		return err_set(e, ERR_PARSE, "%s:%d: %s: '%g' is not an integer in %g..%g",
			       k->path, k->tokline, what, v, lo, hi);
	*out = (int)v;
	return 0;
}

static int skip(struct kul *k, int cnt, const char *what, struct err *e)
{
	double v;
	int rc = 0;

	for (int i = 0; !rc && i < cnt; i++)
		rc = num(k, what, &v, e);
	return rc;
}

static int record(struct kul *k, int r, struct err *e)
{
	int rc, a, line;

	rc = count(k, "vertex number", 0, KUL_MAX_N, &k->id[r], e);
	line = k->tokline;
	if (!rc && k->id[r] != r)
		return err_set(e, ERR_PARSE, "%s:%d: vertex number '%d', expected %d",
			       k->path, line, k->id[r], r);
	if (!rc) rc = num(k, "x", &k->x[r], e);
	if (!rc) rc = num(k, "y", &k->y[r], e);
	if (!rc) rc = num(k, "service time", &k->d[r], e);
	if (!rc) rc = num(k, "score", &k->s[r], e);
	if (!rc) rc = skip(k, 1, "f", e);
	if (!rc) rc = count(k, "a", 0, 1000, &a, e);
	if (!rc) rc = skip(k, a, "list", e);
	if (!rc) rc = num(k, "opening time", &k->o[r], e);
	if (!rc) rc = num(k, "closing time", &k->c[r], e);
	if (!rc && (k->d[r] < 0 || k->s[r] < 0 || k->o[r] > k->c[r]))
		return err_set(e, ERR_PARSE,
			       "%s:%d: vertex %d: negative time or score, or window closes before it opens",
			       k->path, k->tokline, r);
	return rc;
}

static int parse(struct kul *k, struct err *e)
{
	int rc, nv;

	k->p = k->text;
	k->line = 1;
	rc = skip(k, 2, "header", e);
	if (!rc)
		rc = count(k, "number of vertices N", 1, KUL_MAX_N, &nv, e);
	if (!rc)
		rc = skip(k, 3, "header", e);
	if (rc)
		return rc;
	k->n = nv + 1;
	k->x = xcalloc(k->n, sizeof *k->x);
	k->y = xcalloc(k->n, sizeof *k->y);
	k->d = xcalloc(k->n, sizeof *k->d);
	k->s = xcalloc(k->n, sizeof *k->s);
	k->o = xcalloc(k->n, sizeof *k->o);
	k->c = xcalloc(k->n, sizeof *k->c);
	k->id = xcalloc(k->n, sizeof *k->id);
	for (int r = 0; !rc && r < k->n; r++)
		rc = record(k, r, e);
	if (!rc && tok(k))
		return err_set(e, ERR_PARSE, "%s:%d: unexpected data after vertex %d",
			       k->path, k->tokline, k->n - 1);
	return rc;
}

static int slurp(struct kul *k, struct err *e)
{
	FILE *f = fopen(k->path, "rb");
	struct buf b;
	char chunk[65536];
	size_t got;

	if (!f)
		return err_set(e, ERR_IO, "cannot open '%s': %s", k->path, strerror(errno));
	buf_init(&b);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= KUL_MAX_BYTES)
		buf_add(&b, chunk, got);
	fclose(f);
	if (b.len > KUL_MAX_BYTES) {
		buf_release(&b);
		return err_set(e, ERR_TOOBIG, "%s: larger than %d bytes", k->path,
			       KUL_MAX_BYTES);
	}
	k->text = buf_detach(&b);
	return 0;
}

static void kul_release(struct kul *k)
{
	free(k->text);
	free(k->x);
	free(k->y);
	free(k->d);
	free(k->s);
	free(k->o);
	free(k->c);
	free(k->id);
}

static double travel(const struct kul *k, int i, int j, double scale)
{
	double dx = k->x[i] - k->x[j], dy = k->y[i] - k->y[j];

	/* Truncate; the tiny nudge keeps 2.9999999 (really 3) from becoming 2.9. */
	return floor(sqrt(dx * dx + dy * dy) * scale + 1e-9) / scale;
}

static struct plan_toptw *build(const struct kul *k, int m, double scale,
				struct err *e)
{
	struct plan_toptw *p = plan_toptw_new(k->n, m, e);
	int rc = 0;

	if (!p)
		return NULL;
	for (int i = 0; !rc && i < k->n; i++)
		for (int j = 0; !rc && j < k->n; j++)
			rc = plan_toptw_set_travel(p, i, j, i == j ? 0 : travel(k, i, j, scale), e);
	for (int i = 1; !rc && i < k->n; i++) {
		rc = plan_toptw_set_node(p, i, k->d[i], k->s[i], e);
		if (!rc)
			rc = plan_toptw_add_window(p, i, k->o[i], k->c[i], e);
	}
	for (int q = 0; !rc && q < m; q++)
		rc = plan_toptw_set_path(p, q, 0, 0, k->o[0], k->c[0], e);
	if (rc) {
		plan_toptw_free(p);
		return NULL;
	}
	return p;
}

static char *instance_name(const char *path)
{
	const char *b = strrchr(path, '/');
	char *name = xstrdup(b ? b + 1 : path), *dot = strrchr(name, '.');

	if (dot && dot != name)
		*dot = 0;
	return name;
}

static int print_json(const char *path, int m, const struct kul *k,
		      const struct plan_toptw_result *res, struct err *e)
{
	json_t *o = json_object(), *routes = json_array();
	char *name = instance_name(path);
	int rc = 0;

	json_object_set_new(o, "instance", json_string(name));
	json_object_set_new(o, "paths", json_integer(m));
	json_object_set_new(o, "score", json_real(res->score));
	for (int q = 0; q < res->m; q++) {
		json_t *r = json_array();

		for (int i = 0; i < res->route[q].n; i++)
			json_array_append_new(r, json_integer(k->id[res->route[q].node[i]]));
		json_array_append_new(routes, r);
	}
	json_object_set_new(o, "routes", routes);
	json_object_set_new(o, "seconds", json_real(round(res->seconds * 1000) / 1000));
	json_object_set_new(o, "iterations", json_integer(res->iterations));
	if (json_dumpf(o, stdout, JSON_COMPACT | JSON_REAL_PRECISION(10)) || putchar('\n') == EOF)
		rc = err_set(e, ERR_WRITE, "output: write failed");
	json_decref(o);
	free(name);
	return rc;
}

static int choose_scale(const char *rounding, const char *path, double *scale,
			struct err *e)
{
	char *name = instance_name(path);

	if (!strcmp(rounding, "trunc1"))
		*scale = 10;
	else if (!strcmp(rounding, "trunc2"))
		*scale = 100;
	else if (!strcmp(rounding, "auto"))
		*scale = !strncmp(name, "pr", 2) ? 100 : 10;
	else {
		free(name);
		return err_set(e, ERR_USAGE, "--rounding: '%s' is not trunc1, trunc2 or auto",
			       rounding);
	}
	free(name);
	return 0;
}

static int opt_num(const char *opt, const char *v, double lo, double hi,
		   double *out, struct err *e)
{
	char *end;

	errno = 0;
	*out = strtod(v, &end);
	if (errno || *end || end == v || !(*out >= lo && *out <= hi))
		return err_set(e, ERR_USAGE, "--%s: '%s' is not a number in %g..%g",
			       opt, v, lo, hi);
	return 0;
}

static int solve(const char *path, int m, const char *rounding,
		 const struct plan_toptw_params *pp, struct err *e)
{
	struct kul k = { .path = path };
	struct plan_toptw_result res = { 0 };
	struct plan_toptw *p = NULL;
	double scale = 10;
	int rc = choose_scale(rounding, path, &scale, e);

	if (!rc)
		rc = slurp(&k, e);
	if (!rc)
		rc = parse(&k, e);
	if (!rc && !(p = build(&k, m, scale, e)))
		rc = e && e->code ? e->code : ERR_INTERNAL;
	if (!rc)
		rc = plan_toptw_solve(p, pp, &res, e);
	if (!rc)
		rc = print_json(path, m, &k, &res, e);
	plan_toptw_result_release(&res);
	plan_toptw_free(p);
	kul_release(&k);
	return rc;
}

int cmd_toptw(struct cli *c, int argc, char **argv, struct err *e)
{
	static const struct option opts[] = {
		{ "paths", required_argument, NULL, 'm' },
		{ "time-limit", required_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 's' },
		{ "max-iter", required_argument, NULL, 'i' },
		{ "rounding", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct plan_toptw_params pp;
	const char *rounding = "auto";
	double x, m = 0;
	int opt, rc = 0;

	(void)c;
	plan_toptw_params_init(&pp);
	optind = 1;
	opterr = 0;
	while (!rc && (opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'm': rc = opt_num("paths", optarg, 1, 100, &m, e); break;
		case 't': rc = opt_num("time-limit", optarg, 0, 1e6, &pp.time_limit, e); break;
		case 's': rc = opt_num("seed", optarg, 0, 1e18, &x, e); pp.seed = (uint64_t)x; break;
		case 'i': rc = opt_num("max-iter", optarg, 0, 1e12, &x, e); pp.max_iter = (long)x; break;
		case 'r': rounding = optarg; break;
		default:
			return err_set(e, ERR_USAGE, "unknown option or missing value '%s'",
				       argv[optind - 1]);
		}
	}
	if (rc)
		return rc;
	if (optind != argc - 1)
		return err_set(e, ERR_USAGE, "one instance FILE is required");
	if (m != floor(m) || m < 1)
		return err_set(e, ERR_USAGE, "--paths M (an integer >= 1) is required");
	return solve(argv[optind], (int)m, rounding, &pp, e);
}
