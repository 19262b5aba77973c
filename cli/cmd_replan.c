/*
 * cmd_replan.c - `outreach replan --pair KEY --at DATETIME --add PLACE`:
 * an urgent call from a partner, as a one-off change of that day's route.
 */
#include "cli/cli.h"
#include "planner/rounds/replan.h"
#include "planner/rounds/walk.h"
#include "util/err.h"
#include "util/tz.h"

#include <getopt.h>
#include <string.h>

const char cmd_replan_usage[] =
	"usage: outreach [--db PATH] replan --pair KEY --at DATETIME --add PLACE\n\n"
	"A partner calls (someone at PLACE needs accompanying): the rest of the\n"
	"pair's shift on that day is re-planned from where the pair is at\n"
	"DATETIME (ISO 8601, local Helsinki time if no offset), with PLACE as a\n"
	"must. Only that occurrence changes; feeds show it as a moved or\n"
	"re-planned occurrence.\n";

int cmd_replan(struct cli *c, int argc, char **argv, struct err *e)
{
	static const struct option opts[] = {
		{ "pair", required_argument, NULL, 'p' }, { "at", required_argument, NULL, 't' },
		{ "add", required_argument, NULL, 'a' }, { NULL, 0, NULL, 0 },
	};
	const char *pair = NULL, *place = NULL, *at_text = NULL;
	struct plan_replan_result res = { 0 };
	struct plan_travel_src travel;
	struct plan_walk *w = NULL;
	int64_t at = 0;
	int opt, rc = 0;
	char day[11], t[6];

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'p')
			pair = optarg;
		else if (opt == 't')
			at_text = optarg;
		else if (opt == 'a')
			place = optarg;
		else
			return err_set(e, ERR_USAGE, "unknown option or missing value '%s'",
				       argv[optind - 1]);
	}
	if (!pair || !place || !at_text)
		return err_set(e, ERR_USAGE, "--pair, --at and --add are needed");
	rc = tz_parse_datetime(at_text, &at, e);
	if (!rc)
		rc = plan_walk_open(c->store, 0, &w, e);
	if (!rc) {
		plan_walk_travel(w, &travel);
		rc = plan_replan(c->store, pair, at, place, &travel, &res, e);
	}
	plan_walk_free(w);
	if (rc)
		return rc;
	tz_format_date(res.day, day);
	tz_format_hhmm(res.urgent_arrive, t);
	printf("shift %lld on %s re-planned: at %s by %s, %d stops that day\n",
	       (long long)res.shift_id, day, place, t, res.nstops);
	return 0;
}
