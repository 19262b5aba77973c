#include "cli/cli.h"
#include "store/plans.h"
#include "util/err.h"

#include <stdlib.h>
#include <string.h>

const char cmd_config_usage[] =
	"usage: outreach [--db PATH] config [KEY [VALUE]]\n\n"
	"Shows or sets the team's settings:\n"
	"  base_url   public address of the service, used in feed links\n"
	"             (default http://127.0.0.1:8080)\n"
	"  language   fi, sv or en: the language of calendar feeds (default fi)\n"
	"  guest_cap  at most this many network guests per shift (default 2)\n"
	"  team_name  the team's name in the header of reports\n"
	"  report_min_cell  counts of people below it are \"< N\" in reports\n"
	"             (default 5, never below 3)\n";

static const char *const KEYS[][2] = {
	{ "base_url", "http://127.0.0.1:8080" }, { "language", "fi" }, { "guest_cap", "2" },
	{ "team_name", "" }, { "report_min_cell", "5" },
};
#define NKEYS (int)(sizeof KEYS / sizeof KEYS[0])

static int check(const char *key, const char *value, struct err *e)
{
	if (!strcmp(key, "language") && strcmp(value, "fi") && strcmp(value, "sv") &&
	    strcmp(value, "en"))
		return err_set(e, ERR_USAGE, "language: '%s' is not fi, sv or en", value);
	if (!strcmp(key, "base_url") && strncmp(value, "http://", 7) &&
	    strncmp(value, "https://", 8))
		return err_set(e, ERR_USAGE, "base_url: '%s' does not start with http:// "
			       "or https://", value);
	if (!strcmp(key, "report_min_cell") && (strspn(value, "0123456789") != strlen(value) ||
						 !*value || strlen(value) > 3 || atoi(value) < 3))
		return err_set(e, ERR_USAGE, "report_min_cell: '%s' is not a whole number of "
			       "at least 3", value);
	if (!strcmp(key, "base_url") && value[strlen(value) - 1] == '/')
		return err_set(e, ERR_USAGE, "base_url: '%s' must not end with '/'", value);
	if (!strcmp(key, "guest_cap") && (strspn(value, "0123456789") != strlen(value) ||
					  !*value || atoi(value) > 20 || strlen(value) > 2))
		return err_set(e, ERR_USAGE, "guest_cap: '%s' is not a number 0..20", value);
	return 0;
}

int cmd_config(struct cli *c, int argc, char **argv, struct err *e)
{
	char v[512];
	int k = -1, rc;

	for (int i = 0; argc > 1 && i < NKEYS; i++)
		if (!strcmp(argv[1], KEYS[i][0]))
			k = i;
	if (argc > 1 && k < 0)
		return err_set(e, ERR_USAGE, "unknown setting '%s' (base_url, language, "
			       "team_name, report_min_cell)",
			       argv[1]);
	if (argc == 3) {
		rc = check(argv[1], argv[2], e);
		return rc ? rc : store_setting_set(c->store, argv[1], argv[2], e);
	}
	if (argc > 3)
		return err_set(e, ERR_USAGE, "expected [KEY [VALUE]]");
	for (int i = 0; i < NKEYS; i++) {
		if (k >= 0 && i != k)
			continue;
		rc = store_setting_get(c->store, KEYS[i][0], KEYS[i][1], v, sizeof v, e);
		if (rc)
			return rc;
		if (k >= 0)
			printf("%s\n", v);
		else
			printf("%s = %s\n", KEYS[i][0], v);
	}
	return 0;
}
