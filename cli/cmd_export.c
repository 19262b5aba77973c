#include "cli/cli.h"
#include "data/data.h"
#include "field/field.h"
#include "util/err.h"

#include <getopt.h>
#include <stdint.h>
#include <string.h>

const char cmd_export_usage[] =
	"usage: outreach [--db PATH] export KIND [--format csv|json]\n\n"
	"Writes every row of KIND to standard output with the same columns the\n"
	"importer reads (see 'outreach help import' for the kinds).\n"
	"KIND guidance: what the phones logged, one row per stop (people met,\n"
	"new, anonymous, guidance per topic, accompanied, contacted); export only.\n";

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
	if (!strcmp(argv[optind], "guidance"))	/* the phones' field log: export only */
		return fmt == DATA_JSON ? field_entries_json(c->store, stdout, e) :
		       field_entries_csv(c->store, INT64_MIN / 4, INT64_MAX / 4, stdout, e);
	kind = data_kind_parse(argv[optind]);
	if (kind < 0)
		return err_set(e, ERR_USAGE, "unknown kind '%s'", argv[optind]);
	return data_export(c->store, kind, fmt, stdout, e);
}
