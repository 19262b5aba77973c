/*
 * cmd_shift.c - one-off changes to one occurrence of a recurring shift:
 * `outreach shift cancel SHIFT DATE`, `outreach shift move SHIFT DATE
 * --start HH:MM`. The change is an exception of that date only; feeds show
 * it as an EXDATE (workers) or a cancelled/moved override (partners).
 */
#include "cli/cli.h"
#include "planner/rounds/shifts.h"
#include "util/err.h"
#include "util/tz.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char cmd_shift_usage[] =
	"usage: outreach [--db PATH] shift cancel SHIFT DATE [--reason TEXT]\n"
	"       outreach [--db PATH] shift move SHIFT DATE --start HH:MM [--end HH:MM]\n\n"
	"Changes one occurrence (DATE, YYYY-MM-DD) of shift SHIFT (its id, see\n"
	"'outreach plan show'). A move keeps the shift's length unless --end is\n"
	"given. Workers' feeds drop a cancelled date; partners' feeds keep it,\n"
	"marked cancelled, so they can plan around it.\n";

struct shift_args {
	int64_t id, day;
	char reason[128];
};

static int parse_opts(int argc, char **argv, struct shift_args *a, int *start, int *end,
		      struct err *e)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "start", required_argument, NULL, 's' },
		{ "end", required_argument, NULL, 'e' }, { NULL, 0, NULL, 0 },
	};
	int opt, rc = 0;

	optind = 1;
	opterr = 0;
	while (!rc && (opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'r')
			snprintf(a->reason, sizeof a->reason, "%s", optarg);
		else if (opt == 's')
			rc = tz_parse_hhmm(optarg, start, e);
		else if (opt == 'e')
			rc = tz_parse_hhmm(optarg, end, e);
		else
			rc = err_set(e, ERR_USAGE, "unknown option or missing value '%s'",
				     argv[optind - 1]);
	}
	if (!rc && argc - optind != 2)
		rc = err_set(e, ERR_USAGE, "expected SHIFT DATE");
	return rc;
}

static int parse_target(char **argv, struct shift_args *a, struct err *e)
{
	char *end;

	a->id = strtoll(argv[0], &end, 10);
	if (*end || a->id <= 0)
		return err_set(e, ERR_USAGE, "'%s' is not a shift id", argv[0]);
	return tz_parse_date(argv[1], &a->day, e);
}

int cmd_shift(struct cli *c, int argc, char **argv, struct err *e)
{
	struct shift_args a = { 0 };
	int start = -1, end = -1, rc, cancel;
	char when[11];

	if (argc < 2 || (strcmp(argv[1], "cancel") && strcmp(argv[1], "move")))
		return err_set(e, ERR_USAGE, "expected cancel or move");
	cancel = !strcmp(argv[1], "cancel");
	rc = parse_opts(argc - 1, argv + 1, &a, &start, &end, e);
	if (!rc)
		rc = parse_target(argv + 1 + optind, &a, e);
	if (!rc && !cancel && start < 0)
		rc = err_set(e, ERR_USAGE, "move needs --start HH:MM");
	if (!rc)
		rc = cancel ? plan_shift_cancel(c->store, a.id, a.day, a.reason, e) :
			      plan_shift_move(c->store, a.id, a.day, start, end, e);
	if (rc)
		return rc;
	tz_format_date(a.day, when);
	printf("shift %lld on %s %s\n", (long long)a.id, when, cancel ? "cancelled" : "moved");
	return 0;
}
