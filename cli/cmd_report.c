#include "cli/cli.h"
#include "report/report.h"
#include "util/err.h"
#include "util/tz.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

const char cmd_report_usage[] =
	"usage: outreach [--db PATH] report --from DATE --to DATE --format html|pdf|csv|json\n"
	"                --out FILE [--area KEY] [--partner KEY] [--lang fi|sv|en]\n"
	"                [--team NAME] [--min-cell N]\n\n"
	"Writes the report for decision makers: visits, worker-hours, people met\n"
	"(new, anonymous), guidance by topic, accompanied and contacted; by kind of\n"
	"place, top places and partner venues; people met per worker-hour by month\n"
	"with planned hours; when people are found vs when the team is there and the\n"
	"hours the model expects people but nobody is present; partner commitments\n"
	"kept and shifts cancelled. Each figure beside the previous period of the\n"
	"same length (the previous months when the period is whole months).\n"
	"Safe to publish: counts of people below N (default 5, the setting\n"
	"report_min_cell, never below 3) are shown as \"< N\", with one more cell\n"
	"hidden (\"x\") where a total would give it away; CSV and JSON the same.\n"
	"DATEs are YYYY-MM-DD, both included, at most 5 years. --team defaults to\n"
	"the setting team_name, --lang to the setting language. FILE is written\n"
	"whole or not at all.\n";

static int min_cell(const char *v, int *out, struct err *e)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(v, &end, 10);
	if (errno || *end || x < 1 || x > 1000)
		return err_set(e, ERR_USAGE, "--min-cell: '%s' is not a number", v);
	*out = (int)x;
	return 0;
}

static int parse(int argc, char **argv, struct report_opts *o, int *fmt, const char **out,
		 struct err *e)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },   { "to", required_argument, NULL, 't' },
		{ "area", required_argument, NULL, 'a' },   { "partner", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'F' }, { "lang", required_argument, NULL, 'l' },
		{ "out", required_argument, NULL, 'o' },    { "team", required_argument, NULL, 'T' },
		{ "min-cell", required_argument, NULL, 'm' }, { NULL, 0, NULL, 0 },
	};
	int opt, rc = 0, have_from = 0, have_to = 0;

	optind = 1;
	opterr = 0;
	while (!rc && (opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'f': rc = tz_parse_date(optarg, &o->from_day, e); have_from = 1; break;
		case 't': rc = tz_parse_date(optarg, &o->to_day, e); have_to = 1; break;
		case 'a': o->area = optarg; break;
		case 'p': o->partner = optarg; break;
		case 'l': o->lang = optarg; break;
		case 'T': o->team = optarg; break;
		case 'o': *out = optarg; break;
		case 'm': rc = min_cell(optarg, &o->min_cell, e); break;
		case 'F':
			*fmt = report_format_parse(optarg);
			if (*fmt < 0)
				rc = err_set(e, ERR_USAGE, "--format: '%s' is not html, pdf, csv "
					     "or json", optarg);
			break;
		default:
			return err_set(e, ERR_USAGE, "unknown option or missing value '%s'",
				       argv[optind - 1]);
		}
	}
	if (rc)
		return rc == ERR_PARSE ? ERR_USAGE : rc;
	if (optind < argc)
		return err_set(e, ERR_USAGE, "unexpected argument '%s'", argv[optind]);
	if (!have_from || !have_to || *fmt < 0 || !*out)
		return err_set(e, ERR_USAGE, "--from, --to, --format and --out are required");
	return 0;
}

int cmd_report(struct cli *c, int argc, char **argv, struct err *e)
{
	struct report_opts o = { 0 };
	const char *out = NULL;
	int fmt = -1, rc = parse(argc, argv, &o, &fmt, &out, e);

	if (rc)
		return rc;
	rc = report_save(c->store, &o, (enum report_format)fmt, out, e);
	if (!rc)
		printf("%s\n", out);
	return rc;
}
