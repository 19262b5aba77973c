/*
 * cli.h - the command table and what every subcommand gets.
 * A command returns 0 or a negative ERR_* with text in e; main() prints
 * "outreach: CMD: MSG" and exits 1 for input/usage errors, 2 for internal.
 * Ownership: struct cli and its store belong to main(); commands borrow.
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdio.h>

struct err;
struct store;

struct cli {
	const char *db_path;
	struct store *store;	/* open when the command has CLI_NEED_DB */
};

typedef int (*cli_fn)(struct cli *c, int argc, char **argv, struct err *e);

enum { CLI_NEED_DB = 1 };

struct cli_cmd {
	const char *name;
	cli_fn fn;
	unsigned flags;
	const char *summary;
	const char *usage;	/* full help text */
};

/* Looks a command up by name; NULL if unknown. */
const struct cli_cmd *cli_cmd_find(const char *name);

/* Prints a command's help to f. */
void cli_usage(FILE *f, const struct cli_cmd *cmd);

/* Subcommands (one file each). */
int cmd_help(struct cli *c, int argc, char **argv, struct err *e);
int cmd_status(struct cli *c, int argc, char **argv, struct err *e);
int cmd_import(struct cli *c, int argc, char **argv, struct err *e);
int cmd_export(struct cli *c, int argc, char **argv, struct err *e);
int cmd_feed(struct cli *c, int argc, char **argv, struct err *e);
int cmd_serve(struct cli *c, int argc, char **argv, struct err *e);
int cmd_config(struct cli *c, int argc, char **argv, struct err *e);
int cmd_shift(struct cli *c, int argc, char **argv, struct err *e);
int cmd_guest(struct cli *c, int argc, char **argv, struct err *e);
extern const char cmd_guest_usage[];
int cmd_forecast(struct cli *c, int argc, char **argv, struct err *e);
int cmd_simulate(struct cli *c, int argc, char **argv, struct err *e);
int cmd_places(struct cli *c, int argc, char **argv, struct err *e);
extern const char cmd_forecast_usage[], cmd_simulate_usage[], cmd_places_usage[];
int cmd_user(struct cli *c, int argc, char **argv, struct err *e);
int cmd_plan(struct cli *c, int argc, char **argv, struct err *e);
int cmd_replan(struct cli *c, int argc, char **argv, struct err *e);
int cmd_route(struct cli *c, int argc, char **argv, struct err *e);
int cmd_matrix(struct cli *c, int argc, char **argv, struct err *e);
extern const char cmd_route_usage[], cmd_matrix_usage[];
int cmd_toptw(struct cli *c, int argc, char **argv, struct err *e);
int cmd_report(struct cli *c, int argc, char **argv, struct err *e);
extern const char cmd_report_usage[];
extern const char cmd_toptw_usage[];

extern const char cmd_help_usage[], cmd_status_usage[], cmd_import_usage[],
	cmd_export_usage[], cmd_feed_usage[], cmd_serve_usage[], cmd_config_usage[],
	cmd_shift_usage[], cmd_user_usage[], cmd_plan_usage[], cmd_replan_usage[];

#endif
