#include "cli/cli.h"
#include "planner/model/model.h"
#include "util/buf.h"
#include "util/err.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

const char cmd_places_usage[] =
	"usage: outreach [--db PATH] places suggest [--min N]\n\n"
	"Lists clusters of encounters that were given by coordinates and lie\n"
	"farther than 250 m from every known place: candidates for new places.\n"
	"One row per cluster (150 m radius), largest first, with at least N\n"
	"encounters (default 2):\n"
	"  lat,lon,encounters,people,nearest_place,nearest_m\n";

int cmd_places(struct cli *c, int argc, char **argv, struct err *e)
{
	static const struct option opts[] = {
		{ "min", required_argument, NULL, 'm' }, { NULL, 0, NULL, 0 },
	};
	struct plan_model *m = NULL;
	struct plan_cluster *cl;
	int opt, rc, n, min = 2;
	char *end;

	optind = 1;
	opterr = 0;
	if (argc < 2 || strcmp(argv[1], "suggest"))
		return err_set(e, ERR_USAGE, "expected 'suggest'");
	argc--;
	argv++;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'm')
			return err_set(e, ERR_USAGE, "unknown option or missing value '%s'",
				       argv[optind - 1]);
		min = (int)strtol(optarg, &end, 10);
		if (*end || min < 1)
			return err_set(e, ERR_USAGE, "--min: '%s' is not a positive number", optarg);
	}
	if (optind < argc)
		return err_set(e, ERR_USAGE, "unexpected argument '%s'", argv[optind]);
	rc = plan_model_fit_store(c->store, NULL, &m, e);
	if (rc)
		return rc;
	n = plan_model_clusters(m, NULL, 0);
	cl = xcalloc((size_t)(n ? n : 1), sizeof *cl);
	plan_model_clusters(m, cl, n);
	puts("lat,lon,encounters,people,nearest_place,nearest_m");
	for (int i = 0; i < n && cl[i].encounters >= min; i++) {
		const char *k = plan_model_place_key(m, cl[i].nearest);

		printf("%.6f,%.6f,%d,%d,%s,%.0f\n", cl[i].lat, cl[i].lon, cl[i].encounters,
		       cl[i].people, k ? k : "", k ? cl[i].nearest_m : 0.0);
	}
	free(cl);
	plan_model_free(m);
	return 0;
}
