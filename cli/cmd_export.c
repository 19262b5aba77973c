#include "cli/cli.h"
#include "data/data.h"
#include "util/err.h"

#include <getopt.h>
#include <string.h>

const char cmd_export_usage[] =
	"usage: outreach [--db PATH] export KIND [--format csv|json]\n\n"
	"Writes every row of KIND to standard output with the same columns the\n"
	"importer reads (see 'outreach help import' for the kinds).\n";

int cmd_export(struct cli *c, int argc, char **argv, struct err *e)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	enum data_format fmt = DATA_CSV;
	int opt, kind;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "f:", opts, NULL)) != -1) {
		if (opt != 'f')
			return err_set(e, ERR_USAGE, "unknown option or missing value '%s'",
				       argv[optind - 1]);
		if (!strcmp(optarg, "json"))
			fmt = DATA_JSON;
		else if (strcmp(optarg, "csv"))
			return err_set(e, ERR_USAGE, "--format: '%s' is not csv or json", optarg);
	}
	if (argc - optind != 1)
		return err_set(e, ERR_USAGE, "expected KIND");
	kind = data_kind_parse(argv[optind]);
	if (kind < 0)
		return err_set(e, ERR_USAGE, "unknown kind '%s'", argv[optind]);
	return data_export(c->store, kind, fmt, stdout, e);
}
