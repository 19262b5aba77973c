/*
 * main.c - `outreach [--db PATH] COMMAND [ARGS]`: global options, the
 * command table, exit status.
 */
#include "cli/cli.h"
#include "store/store.h"
#include "util/err.h"

#include <stdlib.h>
#include <string.h>

#define OUTREACH_VERSION "0.1.0"

static const struct cli_cmd COMMANDS[] = {
	{ "help", cmd_help, 0, "show help for outreach or a command", cmd_help_usage },
	{ "status", cmd_status, CLI_NEED_DB, "show what the database holds",
	  cmd_status_usage },
	{ "import", cmd_import, CLI_NEED_DB, "import team data from CSV",
	  cmd_import_usage },
	{ "export", cmd_export, CLI_NEED_DB, "export team data as CSV or JSON",
	  cmd_export_usage },
	{ "feed", cmd_feed, CLI_NEED_DB, "calendar feed links: create, list, rotate, revoke",
	  cmd_feed_usage },
	{ "serve", cmd_serve, CLI_NEED_DB, "run the web service and calendar feeds",
	  cmd_serve_usage },
	{ "plan", cmd_plan, CLI_NEED_DB, "plan, show, publish and export the weekly rounds",
	  cmd_plan_usage },
	{ "replan", cmd_replan, CLI_NEED_DB, "re-plan a pair's day for an urgent call",
	  cmd_replan_usage },
	{ "shift", cmd_shift, CLI_NEED_DB, "cancel or move one occurrence of a shift",
	  cmd_shift_usage },
	{ "guest", cmd_guest, CLI_NEED_DB, "partners' professionals who join rounds",
	  cmd_guest_usage },
	{ "user", cmd_user, CLI_NEED_DB, "add a team lead's login for the web UI",
	  cmd_user_usage },
	{ "config", cmd_config, CLI_NEED_DB, "show or set the team's settings",
	  cmd_config_usage },
	{ "report", cmd_report, CLI_NEED_DB, "the report for decision makers (HTML, PDF, CSV, JSON)",
	  cmd_report_usage },
	{ "forecast", cmd_forecast, CLI_NEED_DB, "expected people per place and hour, with intervals",
	  cmd_forecast_usage },
	{ "simulate", cmd_simulate, 0, "write a simulated history (CSV) and its truth",
	  cmd_simulate_usage },
	{ "places", cmd_places, CLI_NEED_DB, "suggest new places from unattached encounters",
	  cmd_places_usage },
	{ "route", cmd_route, CLI_NEED_DB, "walking route between two places or points",
	  cmd_route_usage },
	{ "matrix", cmd_matrix, CLI_NEED_DB, "walking times and distances between places",
	  cmd_matrix_usage },
	{ "toptw", cmd_toptw, 0, "solve a TOPTW benchmark instance (JSON)", cmd_toptw_usage },
};

#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

const struct cli_cmd *cli_cmd_find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(COMMANDS[i].name, name))
			return &COMMANDS[i];
	return NULL;
}

void cli_usage(FILE *f, const struct cli_cmd *cmd)
{
	fputs(cmd->usage, f);
}

static void main_usage(FILE *f)
{
	fputs("usage: outreach [--db PATH] COMMAND [ARGS]\n\n"
	      "Plans outreach social-work shifts: learns where and when people are\n"
	      "met, plans weekly walking rounds for worker pairs and publishes them\n"
	      "as calendar feeds.\n\n"
	      "Global options:\n"
	      "  --db PATH     database file (default $OUTREACH_DB, else ./outreach.db)\n"
	      "  --version     print the version\n\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-12s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
	fputs("\n'outreach help COMMAND' or 'outreach COMMAND --help' for details.\n"
	      "Map data (c) OpenStreetMap contributors, ODbL.\n", f);
}

const char cmd_help_usage[] =
	"usage: outreach help [COMMAND]\n\n"
	"Shows the list of commands, or one command's options.\n";

int cmd_help(struct cli *c, int argc, char **argv, struct err *e)
{
	const struct cli_cmd *cmd;

	(void)c;
	if (argc < 2) {
		main_usage(stdout);
		return 0;
	}
	cmd = cli_cmd_find(argv[1]);
	if (!cmd)
		return err_set(e, ERR_USAGE, "unknown command '%s' (see 'outreach help')",
			       argv[1]);
	cli_usage(stdout, cmd);
	return 0;
}

static int wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

static int finish(int rc)
{
	/* A full disk or closed pipe on stdout is an error, not silence (git). */
	if (fflush(stdout) || ferror(stdout)) {
		if (rc == 0)
			fputs("outreach: output: write failed\n", stderr);
		return 2;
	}
	return rc;
}

static int run(const struct cli_cmd *cmd, struct cli *c, int argc, char **argv)
{
	struct err e = { 0 };
	int rc = 0;

	if (wants_help(argc, argv)) {
		cli_usage(stdout, cmd);
		return finish(0);
	}
	if (cmd->flags & CLI_NEED_DB)
		rc = store_open(c->db_path, &c->store, &e);
	if (!rc)
		rc = cmd->fn(c, argc, argv, &e);
	store_close(c->store);
	c->store = NULL;
	if (rc) {
		fprintf(stderr, "outreach: %s: %s\n", cmd->name,
			e.msg[0] ? e.msg : err_name(rc));
		if (rc == ERR_USAGE)
			fprintf(stderr, "(see 'outreach help %s')\n", cmd->name);
		return finish(err_is_user(rc) ? 1 : 2);
	}
	return finish(0);
}

int main(int argc, char **argv)
{
	struct cli c = { .db_path = getenv("OUTREACH_DB") };
	const struct cli_cmd *cmd;
	int i = 1;

	if (!c.db_path || !*c.db_path)
		c.db_path = "outreach.db";
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			c.db_path = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			c.db_path = argv[i] + 5;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			main_usage(stdout);
			return finish(0);
		} else if (!strcmp(argv[i], "--version")) {
			printf("outreach %s\n", OUTREACH_VERSION);
			return finish(0);
		} else {
			fprintf(stderr, "outreach: unknown option '%s'\n", argv[i]);
			main_usage(stderr);
			return 1;
		}
	}
	if (i >= argc) {
		main_usage(stderr);
		return 1;
	}
	cmd = cli_cmd_find(argv[i]);
	if (!cmd) {
		fprintf(stderr, "outreach: '%s' is not a command (see 'outreach help')\n",
			argv[i]);
		return 1;
	}
	return run(cmd, &c, argc - i, argv + i);
}
