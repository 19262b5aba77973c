/*
 * cmd_guest.c - partners' professionals who join rounds:
 * `outreach guest add KIND LABEL [--partner KEY]`, `guest join GUEST SHIFT
 * [DATE] [--meet PLACE]`, `guest cancel JOIN`, `guest list`.
 */
#include "cli/cli.h"
#include "planner/rounds/guests.h"
#include "store/guests.h"
#include "util/err.h"
#include "util/tz.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char cmd_guest_usage[] =
	"usage: outreach [--db PATH] guest add KIND LABEL [--partner KEY]\n"
	"       outreach [--db PATH] guest join GUEST SHIFT [DATE] [--meet PLACE]\n"
	"       outreach [--db PATH] guest cancel JOIN\n"
	"       outreach [--db PATH] guest list\n\n"
	"A guest is a partner's professional who joins a round: KIND is nurse,\n"
	"dental, rescue, parish, social_services or other; LABEL a name or role\n"
	"(never an identity code). A join names a shift (every occurrence from\n"
	"today) or one DATE of it, and where the guest meets the pair (a place\n"
	"of the shift; default its first stop). At most guest_cap guests per\n"
	"occurrence ('outreach config guest_cap N', default 2). The pair's feed\n"
	"and pages show who joins; a cancelled join shows as cancelled.\n";

static int id_arg(const char *s, const char *what, int64_t *id, struct err *e)
{
	char *end;

	*id = strtoll(s, &end, 10);
	if (*end || *id <= 0)
		return err_set(e, ERR_USAGE, "'%s' is not a %s id", s, what);
	return 0;
}

/* The option's value, or NULL; removes it from argv. */
static const char *take_opt(int *argc, char **argv, const char *name)
{
	for (int i = 1; i + 1 < *argc; i++) {
		if (strcmp(argv[i], name))
			continue;
		const char *v = argv[i + 1];

		memmove(argv + i, argv + i + 2, (size_t)(*argc - i - 2) * sizeof *argv);
		*argc -= 2;
		return v;
	}
	return NULL;
}

static int guest_add(struct cli *c, int argc, char **argv, struct err *e)
{
	const char *partner = take_opt(&argc, argv, "--partner");
	int64_t id;
	int rc;

	if (argc != 3)
		return err_set(e, ERR_USAGE, "expected add KIND LABEL [--partner KEY]");
	rc = plan_guest_add(c->store, argv[1], argv[2], partner, (int64_t)time(NULL), &id, e);
	if (!rc)
		printf("guest %lld: %s (%s)\n", (long long)id, argv[2], argv[1]);
	return rc;
}

static int guest_join(struct cli *c, int argc, char **argv, struct err *e)
{
	const char *meet = take_opt(&argc, argv, "--meet");
	int64_t guest, shift, day = 0, id;
	int rc;

	if (argc != 3 && argc != 4)
		return err_set(e, ERR_USAGE, "expected join GUEST SHIFT [DATE] [--meet PLACE]");
	rc = id_arg(argv[1], "guest", &guest, e);
	if (!rc)
		rc = id_arg(argv[2], "shift", &shift, e);
	if (!rc && argc == 4)
		rc = tz_parse_date(argv[3], &day, e);
	if (!rc)
		rc = plan_guest_join(c->store, guest, shift, day, meet, (int64_t)time(NULL),
				     &id, e);
	if (!rc)
		printf("join %lld: guest %lld joins shift %lld%s%s\n", (long long)id,
		       (long long)guest, (long long)shift, argc == 4 ? " on " : "",
		       argc == 4 ? argv[3] : "");
	return rc;
}

static int print_guest(const struct store_guest *g, void *ud)
{
	(void)ud;
	printf("guest %lld  %-16s %s%s%s\n", (long long)g->id, g->kind, g->label,
	       g->partner[0] ? "  partner " : "", g->partner);
	return 0;
}

static int print_join(const struct store_guest_join *j, void *ud)
{
	char d[11] = "every time";

	(void)ud;
	if (j->day)
		tz_format_date(j->day, d);
	printf("join %lld   guest %lld %s, shift %lld, %s, meets at %s: %s\n", (long long)j->id,
	       (long long)j->guest_id, j->guest.label, (long long)j->shift_id, d,
	       j->meet_place[0] ? j->meet_place : "the first stop", j->status);
	return 0;
}

int cmd_guest(struct cli *c, int argc, char **argv, struct err *e)
{
	int64_t id;
	int rc;

	if (argc < 2)
		return err_set(e, ERR_USAGE, "expected add, join, cancel or list");
	if (!strcmp(argv[1], "add"))
		return guest_add(c, argc - 1, argv + 1, e);
	if (!strcmp(argv[1], "join"))
		return guest_join(c, argc - 1, argv + 1, e);
	if (!strcmp(argv[1], "cancel")) {
		if (argc != 3)
			return err_set(e, ERR_USAGE, "expected cancel JOIN");
		rc = id_arg(argv[2], "join", &id, e);
		if (!rc)
			rc = plan_guest_cancel(c->store, id, (int64_t)time(NULL), e);
		if (!rc)
			printf("join %lld cancelled\n", (long long)id);
		return rc;
	}
	if (!strcmp(argv[1], "list") && argc == 2) {
		rc = store_guest_each(c->store, print_guest, NULL, e);
		return rc ? rc : store_guest_join_each(c->store, print_join, NULL, e);
	}
	return err_set(e, ERR_USAGE, "expected add, join, cancel or list");
}
