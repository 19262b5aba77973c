#include "cli/cli.h"
#include "geo/geo.h"
#include "store/store.h"
#include "util/err.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

const char cmd_matrix_usage[] =
	"usage: outreach [--db PATH] matrix [--places KEY,KEY,...|all]\n"
	"                [--format csv|json] [--speed KMH]\n\n"
	"Walking times (seconds) and distances (metres) between places along the\n"
	"streets of the imported OpenStreetMap extract. -1: no walking route.\n"
	"CSV rows: from,to,seconds,metres.\n"
	"Map data \xc2\xa9 OpenStreetMap contributors (ODbL).\n";

struct plist {
	char (*key)[STORE_KEY_MAX + 1];
	struct geo_point *pt;
	int n, cap;
};

static int plist_add(struct plist *l, const char *key, double lat, double lon)
{
	if (l->n == l->cap) {
		int nc = l->cap ? l->cap * 2 : 32;
		void *k = realloc(l->key, (size_t)nc * sizeof *l->key);
		if (k)
			l->key = k;
		void *p = realloc(l->pt, (size_t)nc * sizeof *l->pt);
		if (p)
			l->pt = p;
		if (!k || !p)
			return ERR_NOMEM;
		l->cap = nc;
	}
	snprintf(l->key[l->n], sizeof l->key[0], "%s", key);
	l->pt[l->n++] = (struct geo_point){ lat, lon };
	return 0;
}

static int all_cb(const struct store_place *p, void *ud)
{
	return plist_add(ud, p->key, p->lat, p->lon);
}

static int pick(struct store *s, const char *spec, struct plist *l, struct err *e)
{
	char *copy, *tok, *save = NULL;
	int rc = 0;

	if (!strcmp(spec, "all"))
		return store_place_each(s, all_cb, l, e);
	copy = strdup(spec);
	if (!copy)
		return err_set(e, ERR_NOMEM, "out of memory");
	for (tok = strtok_r(copy, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save)) {
		struct store_place pl;
		if (store_place_get(s, tok, &pl, e))
			rc = err_set(e, ERR_NOTFOUND, "unknown place '%s'", tok);
		else
			rc = plist_add(l, pl.key, pl.lat, pl.lon);
	}
	free(copy);
	return rc;
}

static void print_csv(const struct plist *l, const double *sec, const double *m)
{
	printf("from,to,seconds,metres\n");
	for (int i = 0; i < l->n; i++)
		for (int j = 0; j < l->n; j++)
			printf("%s,%s,%.0f,%.0f\n", l->key[i], l->key[j], sec[i * l->n + j],
			       m[i * l->n + j]);
}

static void print_json_matrix(const struct plist *l, const double *v)
{
	printf("[");
	for (int i = 0; i < l->n; i++) {
		printf("%s[", i ? "," : "");
		for (int j = 0; j < l->n; j++)
			printf("%s%.0f", j ? "," : "", v[i * l->n + j]);
		printf("]");
	}
	printf("]");
}

static void print_json(const struct plist *l, const double *sec, const double *m)
{
	printf("{\"places\":[");
	for (int i = 0; i < l->n; i++)
		printf("%s\"%s\"", i ? "," : "", l->key[i]);	/* keys are plain */
	printf("],\"seconds\":");
	print_json_matrix(l, sec);
	printf(",\"metres\":");
	print_json_matrix(l, m);
	printf(",\"credit\":\"%s\"}\n", GEO_CREDIT);
}

int cmd_matrix(struct cli *c, int argc, char **argv, struct err *e)
{
	static const struct option opts[] = {
		{ "places", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'F' },
		{ "speed", required_argument, NULL, 's' }, { NULL, 0, NULL, 0 },
	};
	const char *spec = "all";
	int json = 0, opt, rc = 0;
	double speed = GEO_SPEED_KMH, *sec = NULL, *m = NULL;
	struct plist l = { 0 };
	struct geo_graph *g = NULL;
	char *end;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1 && !rc) {
		if (opt == 'p')
			spec = optarg;
		else if (opt == 'F' && (!strcmp(optarg, "csv") || !strcmp(optarg, "json")))
			json = !strcmp(optarg, "json");
		else if (opt == 'F')
			rc = err_set(e, ERR_USAGE, "unknown format '%s'", optarg);
		else if (opt == 's') {
			speed = strtod(optarg, &end);
			if (*end || end == optarg || !(speed > 0.5 && speed < 30))
				rc = err_set(e, ERR_USAGE, "speed '%s': expected km/h, 0.5 to 30",
					     optarg);
		} else
			rc = err_set(e, ERR_USAGE, "unknown option '%s'", argv[optind - 1]);
	}
	if (!rc && optind != argc)
		rc = err_set(e, ERR_USAGE, "unexpected argument '%s'", argv[optind]);
	if (!rc)
		rc = pick(c->store, spec, &l, e);
	if (!rc && l.n == 0)
		rc = err_set(e, ERR_NOTFOUND, "no places to put in the matrix");
	if (!rc)
		rc = geo_graph_load(c->store, &g, e);
	if (!rc && (!(sec = malloc((size_t)l.n * l.n * sizeof *sec)) ||
		    !(m = malloc((size_t)l.n * l.n * sizeof *m))))
		rc = err_set(e, ERR_NOMEM, "out of memory");
	if (!rc)
		rc = geo_matrix(g, l.pt, l.n, speed, sec, m, e);
	if (!rc && json)
		print_json(&l, sec, m);
	else if (!rc)
		print_csv(&l, sec, m);
	free(sec);
	free(m);
	free(l.key);
	free(l.pt);
	geo_graph_free(g);
	return rc;
}
