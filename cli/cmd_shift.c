/*
 * cmd_shift.c - one-off changes to one occurrence of a recurring shift:
 * `outreach shift cancel SHIFT DATE`, `outreach shift move SHIFT DATE
 * --start HH:MM`. The change is an exception of that date only; feeds show
 * it as an EXDATE (workers) or a cancelled/moved override (partners).
 */
#include "cli/cli.h"
#include "store/plans.h"
#include "store/store.h"
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
	struct store_shift sh;
	struct store_exception x;
};

static int occurrence(struct cli *c, char **argv, struct shift_args *a, struct err *e)
{
	char *end;
	int64_t id = strtoll(argv[0], &end, 10);
	char d[11];
	int rc;

	if (*end || id <= 0)
		return err_set(e, ERR_USAGE, "'%s' is not a shift id", argv[0]);
	rc = store_shift_get(c->store, id, &a->sh, e);
	if (!rc)
		rc = tz_parse_date(argv[1], &a->x.day, e);
	if (rc)
		return rc;
	tz_format_date(a->sh.first_day, d);
	if (tz_weekday(a->x.day) != a->sh.weekday || a->x.day < a->sh.first_day ||
	    a->x.day > a->sh.last_day)
		return err_set(e, ERR_USAGE, "shift %lld has no occurrence on %s (it runs "
			       "weekly on %s from %s)", (long long)id, argv[1],
			       tz_weekday_name(a->sh.weekday), d);
	a->x.shift_id = id;
	a->x.start_min = a->x.end_min = -1;
	return 0;
}

static int put(struct cli *c, struct store_exception *x, struct err *e)
{
	int rc = store_begin(c->store, e);

	if (!rc)
		rc = store_exception_put(c->store, x, (int64_t)time(NULL), e);
	if (rc) {
		store_rollback(c->store);
		return rc;
	}
	return store_commit(c->store, e);
}

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
			snprintf(a->x.reason, sizeof a->x.reason, "%s", optarg);
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

int cmd_shift(struct cli *c, int argc, char **argv, struct err *e)
{
	struct shift_args a = { 0 };
	int start = -1, end = -1, rc, cancel;
	char t0[6], t1[6];

	if (argc < 2 || (strcmp(argv[1], "cancel") && strcmp(argv[1], "move")))
		return err_set(e, ERR_USAGE, "expected cancel or move");
	cancel = !strcmp(argv[1], "cancel");
	rc = parse_opts(argc - 1, argv + 1, &a, &start, &end, e);
	if (!rc)
		rc = occurrence(c, argv + 1 + optind, &a, e);
	if (rc)
		return rc;
	if (cancel) {
		snprintf(a.x.kind, sizeof a.x.kind, "cancel");
	} else {
		if (start < 0)
			return err_set(e, ERR_USAGE, "move needs --start HH:MM");
		if (end < 0)
			end = start + a.sh.end_min - a.sh.start_min;
		if (start >= 1440 || end <= start || end > 1440)
			return err_set(e, ERR_USAGE, "the moved shift must start and end on "
				       "its day, end after start");
		snprintf(a.x.kind, sizeof a.x.kind, "move");
		a.x.start_min = start;
		a.x.end_min = end;
	}
	rc = put(c, &a.x, e);
	if (rc)
		return rc;
	tz_format_hhmm(start, t0);
	tz_format_hhmm(end, t1);
	if (cancel)
		printf("shift %lld on %s cancelled\n", (long long)a.x.shift_id, argv[2 + optind]);
	else
		printf("shift %lld on %s moved to %s-%s\n", (long long)a.x.shift_id,
		       argv[2 + optind], t0, t1);
	return 0;
}
