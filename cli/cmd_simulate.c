#include "cli/cli.h"
#include "planner/sim/simulate.h"
#include "util/err.h"
#include "util/tz.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char cmd_simulate_usage[] =
	"usage: outreach simulate --scenario NAME --weeks N --seed S --out DIR\n"
	"                [--volume X] [--places N] [--pois FILE] [--start DATE]\n\n"
	"Writes a simulated history that `outreach import` reads (places,\n"
	"partners, workers, pairs, availability, visits, encounters .csv) and its\n"
	"ground truth (truth.csv: place,hour_of_week,month,rate) into DIR.\n"
	"Scenarios (../shared/DOMAIN.md): porvoo (3 workers, 5 h a week each),\n"
	"helsinki (4 pairs by area), food (weekly food distributions), meeting\n"
	"(meeting points with opening hours). Effort is biased: the team visits\n"
	"its habitual places far more. Places are real named places read from\n"
	"--pois (default ../shared/osm/pois.csv; examples/places.csv if missing).\n"
	"--volume scales every true rate (default 1); --start is the first\n"
	"Monday (default: the history ends on 2026-11-23).\n";

static int num(const char *opt, const char *v, double lo, double hi, double *out,
	       struct err *e)
{
	char *end;

	errno = 0;
	*out = strtod(v, &end);
	if (errno || *end || !(*out >= lo && *out <= hi))
		return err_set(e, ERR_USAGE, "--%s: '%s' is not a number in %g..%g", opt, v, lo, hi);
	return 0;
}

int cmd_simulate(struct cli *c, int argc, char **argv, struct err *e)
{
	static const struct option opts[] = {
		{ "scenario", required_argument, NULL, 's' }, { "weeks", required_argument, NULL, 'w' },
		{ "seed", required_argument, NULL, 'r' },     { "out", required_argument, NULL, 'o' },
		{ "volume", required_argument, NULL, 'v' },   { "places", required_argument, NULL, 'p' },
		{ "pois", required_argument, NULL, 'i' },     { "start", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct plan_sim_opts o = { 0 };
	struct plan_sim *s = NULL;
	const char *dir = NULL;
	double x;
	int opt, rc = 0;
	struct stat st;

	(void)c;
	optind = 1;
	opterr = 0;
	o.seed = 1;
	while (!rc && (opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 's': o.scenario = optarg; break;
		case 'o': dir = optarg; break;
		case 'i': o.pois = optarg; break;
		case 'w': rc = num("weeks", optarg, 1, 1040, &x, e); o.weeks = (int)x; break;
		case 'r': rc = num("seed", optarg, 0, 1e18, &x, e); o.seed = (uint64_t)x; break;
		case 'v': rc = num("volume", optarg, 0.01, 100, &o.volume, e); break;
		case 'p': rc = num("places", optarg, 1, 2000, &x, e); o.places = (int)x; break;
		case 'd': rc = tz_parse_date(optarg, &o.start_day, e) ? ERR_USAGE : 0; break;
		default:
			return err_set(e, ERR_USAGE, "unknown option or missing value '%s'",
				       argv[optind - 1]);
		}
	}
	if (rc)
		return rc;
	if (optind < argc)
		return err_set(e, ERR_USAGE, "unexpected argument '%s'", argv[optind]);
	if (!o.scenario || !o.weeks || !dir)
		return err_set(e, ERR_USAGE, "--scenario, --weeks and --out are required");
	if (stat(dir, &st) && mkdir(dir, 0777))
		return err_set(e, ERR_IO, "cannot create directory '%s'", dir);
	rc = plan_sim_new(&o, &s, e);
	if (!rc)
		rc = plan_sim_write(s, dir, e);
	plan_sim_free(s);
	return rc;
}
