#include "cli/cli.h"
#include "planner/model/backtest.h"
#include "planner/model/model.h"
#include "util/err.h"
#include "util/tz.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

const char cmd_forecast_usage[] =
	"usage: outreach [--db PATH] forecast --from DATE --weeks N [--place KEY]\n"
	"                [--format csv|json] [--half-life DAYS] [--origins K]\n"
	"       outreach [--db PATH] forecast --backtest [--weeks N] [--origins K]\n"
	"                [--format text|json] [--half-life DAYS]\n\n"
	"Fits the encounter model to the visits and encounters in the database,\n"
	"checks it on the team's own history (K rolling origins of 2 weeks before\n"
	"the latest datum, default 8) and calibrates its ranges from that, then\n"
	"prints, for every place and every hour from local midnight of DATE for N\n"
	"weeks, the people expected to be met if a pair is present for the whole\n"
	"hour, the 80 % range of that expected number (the rate) and the 80 %\n"
	"range of the people actually met in such an hour (predictive):\n"
	"  place,start,end,expected_people,rate_lower,rate_upper,met_lower,met_upper\n"
	"start and end are Europe/Helsinki local times with their UTC offset; on\n"
	"the October change the repeated hour appears twice. Closed hours (opening\n"
	"hours) have 0. --origins 0: the model's own ranges, no backtest.\n"
	"--backtest prints the backtest itself: at each origin the model is fitted\n"
	"on the data before it only and forecasts the following N weeks (default\n"
	"2) at the place-hours where visits were logged; skill against a naive\n"
	"forecast, hotspot accuracy and the predictive ranges' coverage before and\n"
	"after calibration, overall and per place kind; and detected changes.\n"
	"Recency half-life default 730 days (planner/README.md).\n";

struct fc_args {
	int64_t from;
	int weeks, json, backtest, origins;
	const char *place;
	double half_life;
};

#define FC_ORIGINS 8
#define FC_BT_WEEKS 2

static int parse_args(int argc, char **argv, struct fc_args *a, struct err *e)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "weeks", required_argument, NULL, 'w' },
		{ "place", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'o' },
		{ "half-life", required_argument, NULL, 'h' },
		{ "backtest", no_argument, NULL, 'b' },
		{ "origins", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, have_from = 0, rc;
	char *end;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			rc = tz_parse_date(optarg, &a->from, e);
			if (rc)
				return err_prefix(e, "--from"), ERR_USAGE;
			have_from = 1;
			break;
		case 'w':
			a->weeks = (int)strtol(optarg, &end, 10);
			if (*end || a->weeks < 1 || a->weeks > 520)
				return err_set(e, ERR_USAGE, "--weeks: '%s' is not 1..520", optarg);
			break;
		case 'p':
			a->place = optarg;
			break;
		case 'b':
			a->backtest = 1;
			break;
		case 'k':
			a->origins = (int)strtol(optarg, &end, 10);
			if (*end || a->origins < 0 || a->origins > 52)
				return err_set(e, ERR_USAGE, "--origins: '%s' is not 0..52", optarg);
			break;
		case 'o':
			if (strcmp(optarg, "csv") && strcmp(optarg, "json") && strcmp(optarg, "text"))
				return err_set(e, ERR_USAGE, "--format: '%s' is not csv, json or text",
					       optarg);
			a->json = !strcmp(optarg, "json");
			break;
		case 'h':
			a->half_life = strtod(optarg, &end);
			if (*end || !(a->half_life > 0))
				return err_set(e, ERR_USAGE, "--half-life: '%s' is not a positive number",
					       optarg);
			break;
		default:
			return err_set(e, ERR_USAGE, "unknown option or missing value '%s'",
				       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return err_set(e, ERR_USAGE, "unexpected argument '%s'", argv[optind]);
	if (a->backtest && (have_from || a->place))
		return err_set(e, ERR_USAGE, "--backtest takes no --from or --place");
	if (a->backtest && a->origins == 0)
		return err_set(e, ERR_USAGE, "--backtest needs --origins 1..52");
	if (!a->backtest && (!have_from || !a->weeks))
		return err_set(e, ERR_USAGE, "--from and --weeks are required");
	return 0;
}

static void print_key(const char *k, int json)
{
	if (json) {
		putchar('"');
		for (; *k; k++) {
			if (*k == '"' || *k == '\\')
				putchar('\\');
			if ((unsigned char)*k >= 0x20)
				putchar(*k);
		}
		putchar('"');
	} else if (strpbrk(k, ",\"\n")) {
		putchar('"');
		for (; *k; k++) {
			if (*k == '"')
				putchar('"');
			putchar(*k);
		}
		putchar('"');
	} else {
		fputs(k, stdout);
	}
}

static void print_row(const char *key, int64_t t, const struct plan_rate *r, int json,
		      int first)
{
	char s[26], en[26];

	tz_format_local(t, s);
	tz_format_local(t + 3600, en);
	if (json) {
		fputs(first ? "[\n{\"place\":" : ",\n{\"place\":", stdout);
		print_key(key, 1);
		printf(",\"start\":\"%s\",\"end\":\"%s\",\"expected_people\":%.3f,"
		       "\"rate_lower\":%.3f,\"rate_upper\":%.3f,\"met_lower\":%.0f,"
		       "\"met_upper\":%.0f}",
		       s, en, r->mean, r->lower, r->upper, r->met_lower, r->met_upper);
		return;
	}
	print_key(key, 0);
	printf(",%s,%s,%.3f,%.3f,%.3f,%.0f,%.0f\n", s, en, r->mean, r->lower, r->upper,
	       r->met_lower, r->met_upper);
}

static int print_json(json_t *j)
{
	int rc = json_dumpf(j, stdout, JSON_INDENT(1) | JSON_REAL_PRECISION(6));

	json_decref(j);
	putchar('\n');
	return rc;
}

int cmd_forecast(struct cli *c, int argc, char **argv, struct err *e)
{
	struct fc_args a = { 0 };
	struct plan_model_opts o = { 0 };
	struct plan_model *m = NULL;
	struct tz_civil day0 = { 0 }, day1 = { 0 };
	int64_t t0, t1;
	int rc, only = -1, n = 0;

	a.origins = -1;
	rc = parse_args(argc, argv, &a, e);
	if (rc)
		return rc;
	o.half_life_days = a.half_life;
	o.backtest_origins = a.origins < 0 ? FC_ORIGINS : a.origins;
	o.backtest_weeks = a.backtest ? a.weeks : FC_BT_WEEKS;
	rc = plan_model_fit_store(c->store, &o, &m, e);
	if (rc)
		return rc;
	if (a.backtest) {
		rc = a.json ? print_json(plan_backtest_json(m)) : plan_backtest_print(m, stdout);
		plan_model_free(m);
		return rc ? err_set(e, ERR_IO, "writing the backtest failed") : 0;
	}
	if (a.place) {
		only = plan_model_place_index(m, a.place);
		if (only < 0) {
			plan_model_free(m);
			return err_set(e, ERR_NOTFOUND, "--place: no place '%s'", a.place);
		}
	}
	tz_civil_from_days(a.from, &day0.year, &day0.month, &day0.day);
	tz_civil_from_days(a.from + 7 * a.weeks, &day1.year, &day1.month, &day1.day);
	t0 = tz_from_local(&day0);
	t1 = tz_from_local(&day1);
	if (!a.json)
		puts("place,start,end,expected_people,rate_lower,rate_upper,met_lower,met_upper");
	for (int p = 0; p < plan_model_nplaces(m); p++) {
		if (only >= 0 && p != only)
			continue;
		for (int64_t t = t0; t < t1; t += 3600) {
			struct plan_rate r;

			plan_model_rate(m, p, t, &r);
			print_row(plan_model_place_key(m, p), t, &r, a.json, n++ == 0);
		}
	}
	if (a.json)
		puts(n ? "\n]" : "[]");
	plan_model_free(m);
	return 0;
}
