/*
 * cmd_plan.c - `outreach plan`: plan the weekly rounds, show them, publish
 * them, export them.
 */
#include "cli/cli.h"
#include "planner/rounds/rounds.h"
#include "planner/rounds/plan_out.h"
#include "planner/rounds/walk.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/err.h"
#include "util/tz.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char cmd_plan_usage[] =
	"usage: outreach [--db PATH] plan --from DATE --weeks N [--explore SHARE]\n"
	"                                 [--stability GAIN] [--shift-hours H]\n"
	"                                 [--walk-cap MIN] [--seed N] [--publish]\n"
	"                                 [--chooser search|greedy] [--search-solves N]\n"
	"                                 [--search-seconds S] [--dry-run]\n"
	"       outreach [--db PATH] plan show [--plan ID] [--pair KEY] [--format text|json]\n"
	"       outreach [--db PATH] plan publish [ID]\n"
	"       outreach [--db PATH] plan export [--plan ID] --format json\n\n"
	"Plans recurring weekly shifts and walking routes for every pair from\n"
	"DATE for N weeks, from the forecast of where and when people are met:\n"
	"partner commitments first, then the best shifts within each worker's\n"
	"availability and weekly hours, no two pairs at one place at one time.\n"
	"  --explore SHARE    share of hours for uncertain place-hours (0.10)\n"
	"  --stability GAIN   a change to last week's template must gain more\n"
	"                     than this share (0.15)\n"
	"  --shift-hours H    length of a shift (4)\n"
	"  --walk-cap MIN     walking minutes per shift at most (120)\n"
	"  --chooser C        search: greedy on upper bounds, then a local search\n"
	"                     (default); greedy: the first planner's choice, kept\n"
	"                     for comparison\n"
	"  --search-solves N  routes the local search may solve (800)\n"
	"  --search-seconds S and a clock limit (none: the plan depends on the\n"
	"                     seed only)\n"
	"  --publish          publish at once (feeds show published plans)\n"
	"Holidays are skipped unless marked worked; absences skip the date.\n"
	"Commitments that no pair can cover are reported, never dropped\n"
	"silently.\n";

static int number(const char *s, double lo, double hi, double *v, const char *what,
		  struct err *e)
{
	char *end;

	*v = strtod(s, &end);
	if (*end || *v < lo || *v > hi)
		return err_set(e, ERR_USAGE, "%s: '%s' is not a number in %g..%g", what, s, lo,
			       hi);
	return 0;
}

static int chooser(const char *s, enum plan_chooser *c, struct err *e)
{
	if (!strcmp(s, "search"))
		*c = PLAN_CHOOSER_SEARCH;
	else if (!strcmp(s, "greedy"))
		*c = PLAN_CHOOSER_GREEDY;
	else
		return err_set(e, ERR_USAGE, "--chooser: '%s' is not search or greedy", s);
	return 0;
}

/* How good the plan is, and where the worker-hours went. */
static void quality(const struct plan_rounds_report *rep)
{
	const struct plan_rounds_quality *q = &rep->q;

	printf("%.1f people a week over the weeks (holidays and absences counted) = %.0f %% "
	       "of the bound %.1f (best place-hours within availability and budgets, one "
	       "pair per place-hour, walking ignored); %ld routes solved\n", q->people,
	       100 * q->share, q->bound, rep->solves);
	if (rep->objective[0] > 0)
		printf("local search: %.1f -> %.1f (people over the weeks with the "
		       "regularity bonuses)\n", rep->objective[0], rep->objective[1]);
	printf("worker-hours a week: %.1f planned of %.1f available; not planned: %.1f no "
	       "overlap in a pair's availability, %.1f nothing worth visiting, %.1f no gain "
	       "from another shift; %.1f idle in shifts at the walking cap\n", q->planned,
	       q->available, q->no_overlap, q->nothing, q->left, q->walk_capped);
}

static int parse_run(int argc, char **argv, struct plan_rounds_opts *o, struct err *e)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' }, { "weeks", required_argument, NULL, 'w' },
		{ "explore", required_argument, NULL, 'x' },
		{ "stability", required_argument, NULL, 's' },
		{ "shift-hours", required_argument, NULL, 'h' },
		{ "walk-cap", required_argument, NULL, 'c' }, { "seed", required_argument, NULL, 'r' },
		{ "publish", no_argument, NULL, 'p' }, { "dry-run", no_argument, NULL, 'n' },
		{ "chooser", required_argument, NULL, 'C' },
		{ "search-solves", required_argument, NULL, 'S' },
		{ "search-seconds", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc = 0, have_from = 0;
	double v;

	optind = 1;
	opterr = 0;
	while (!rc && (opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'f': rc = tz_parse_date(optarg, &o->from_day, e); have_from = 1; break;
		case 'w': rc = number(optarg, 1, 104, &v, "--weeks", e); o->weeks = (int)v; break;
		case 'x': rc = number(optarg, 0, 1, &o->explore, "--explore", e); break;
		case 's': rc = number(optarg, 0, 10, &o->stability, "--stability", e); break;
		case 'h': rc = number(optarg, 1, 12, &v, "--shift-hours", e);
			o->shift_minutes = (int)(v * 60); break;
		case 'c': rc = number(optarg, 10, 600, &o->walk_cap_minutes, "--walk-cap", e); break;
		case 'r': rc = number(optarg, 0, 1e15, &v, "--seed", e); o->seed = (uint64_t)v; break;
		case 'C': rc = chooser(optarg, &o->chooser, e); break;
		case 'S': rc = number(optarg, 0, 1e7, &v, "--search-solves", e);
			o->search_solves = (long)v; break;
		case 'T': rc = number(optarg, 0, 3600, &o->search_seconds, "--search-seconds", e);
			break;
		case 'p': o->publish = 1; break;
		case 'n': o->dry_run = 1; break;
		default:
			rc = err_set(e, ERR_USAGE, "unknown option or missing value '%s'",
				     argv[optind - 1]);
		}
	}
	if (!rc && !have_from)
		rc = err_set(e, ERR_USAGE, "--from DATE is needed");
	if (!rc && optind < argc)
		rc = err_set(e, ERR_USAGE, "unexpected argument '%s'", argv[optind]);
	return rc;
}

static int run(struct cli *c, int argc, char **argv, struct err *e)
{
	struct plan_rounds_opts o;
	struct plan_rounds_report rep;
	struct plan_travel_src travel;
	struct plan_walk *w = NULL;
	int rc;

	plan_rounds_opts_init(&o);
	rc = parse_run(argc, argv, &o, e);
	if (!rc)
		rc = plan_walk_open(c->store, o.speed_kmh, &w, e);
	if (!rc) {
		plan_walk_travel(w, &travel);
		o.travel = &travel;
		if (!plan_walk_streets(w))
			fprintf(stderr, "outreach: plan: no street graph imported: walking times "
				"are straight lines x 1.3 ('outreach import osm FILE' for real "
				"streets)\n");
		rc = plan_rounds_run(c->store, &o, &rep, e);
	}
	plan_walk_free(w);
	if (rc)
		return rc;
	printf("plan %lld%s: %d shifts, %d stops (%d exploring), %.1f hours a week, "
	       "%.1f people expected a week; %.2f s\n", (long long)rep.plan_id,
	       o.dry_run ? " (dry run, nothing stored)" : o.publish ? " published" : " (draft)",
	       rep.shifts, rep.stops, rep.exploration_stops, rep.planned_hours,
	       rep.expected_people, rep.seconds);
	quality(&rep);
	if (rep.prev_stops)
		printf("kept %d of last week's %d stops\n", rep.kept_stops, rep.prev_stops);
	if (rep.unmet && o.dry_run)
		printf("NOT COVERED:\n%s", rep.unmet_text);
	if (!o.dry_run)
		rc = plan_out_text(c->store, rep.plan_id, NULL, stdout, e);
	return rc;
}

static int plan_id_arg(int argc, char **argv, int64_t *id, struct err *e)
{
	char *end;

	*id = 0;
	if (argc - optind > 1)
		return err_set(e, ERR_USAGE, "expected at most one plan ID");
	if (argc - optind == 1) {
		*id = strtoll(argv[optind], &end, 10);
		if (*end || *id <= 0)
			return err_set(e, ERR_USAGE, "'%s' is not a plan id", argv[optind]);
	}
	return 0;
}

static int show(struct cli *c, int argc, char **argv, struct err *e, int export)
{
	static const struct option opts[] = {
		{ "plan", required_argument, NULL, 'i' }, { "pair", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	const char *pair = NULL, *fmt = export ? "" : "text";
	int64_t id = 0;
	int opt;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'i')
			id = atoll(optarg);
		else if (opt == 'p')
			pair = optarg;
		else if (opt == 'f')
			fmt = optarg;
		else
			return err_set(e, ERR_USAGE, "unknown option or missing value '%s'",
				       argv[optind - 1]);
	}
	if (export && strcmp(fmt, "json"))
		return err_set(e, ERR_USAGE, "plan export needs --format json");
	if (strcmp(fmt, "json") && strcmp(fmt, "text"))
		return err_set(e, ERR_USAGE, "--format: '%s' is not text or json", fmt);
	if (!strcmp(fmt, "json")) {
		struct plan_geometry_src geo;
		struct plan_walk *w = NULL;
		int rc = plan_walk_open(c->store, 0, &w, e);

		if (rc)
			return rc;
		plan_walk_geometry(w, &geo);
		rc = plan_out_json(c->store, id, pair, plan_walk_streets(w) ? &geo : NULL, stdout, e);
		plan_walk_free(w);
		return rc;
	}
	return plan_out_text(c->store, id, pair, stdout, e);
}

static int publish(struct cli *c, int argc, char **argv, struct err *e)
{
	struct store_plan p;
	int64_t id;
	int rc;

	optind = 1;
	rc = plan_id_arg(argc, argv, &id, e);
	if (!rc)
		rc = store_plan_get(c->store, id, &p, e);
	if (!rc)
		rc = store_begin(c->store, e);
	if (!rc) {
		rc = store_plan_publish(c->store, p.id, (int64_t)time(NULL), e);
		if (rc)
			store_rollback(c->store);
		else
			rc = store_commit(c->store, e);
	}
	if (!rc)
		printf("plan %lld published: feeds show it from now on\n", (long long)p.id);
	return rc;
}

int cmd_plan(struct cli *c, int argc, char **argv, struct err *e)
{
	if (argc > 1 && !strcmp(argv[1], "show"))
		return show(c, argc - 1, argv + 1, e, 0);
	if (argc > 1 && !strcmp(argv[1], "export"))
		return show(c, argc - 1, argv + 1, e, 1);
	if (argc > 1 && !strcmp(argv[1], "publish"))
		return publish(c, argc - 1, argv + 1, e);
	return run(c, argc, argv, e);
}
