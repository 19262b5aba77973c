#include "cli/cli.h"
#include "data/data.h"
#include "geo/geo.h"
#include "util/err.h"

#include <getopt.h>
#include <string.h>
#include <unistd.h>

const char cmd_import_usage[] =
	"usage: outreach [--db PATH] import [--dry-run] KIND FILE.csv\n\n"
	"Imports a CSV file (RFC 4180, UTF-8, header row, columns in any order)\n"
	"in one transaction: any bad row rejects the whole file and the database\n"
	"stays as it was. A row whose key exists updates it.\n\n"
	"  --dry-run   validate only; write nothing\n\n"
	"Kinds and their columns:\n"
	"  areas         key,name\n"
	"  partners      key,name,contact\n"
	"  places        key,name,kind,lat,lon,opening_hours,stay_minutes,partner,area,\n"
	"                address\n"
	"  workers       key,name,role,weekly_hours,languages\n"
	"  pairs         key,worker_a,worker_b,area\n"
	"  availability  worker,weekday,start,end      (Mo..Su, HH:MM)\n"
	"  absences      worker,from,to                (YYYY-MM-DD)\n"
	"  visits        pair,place,start,end          (ISO 8601)\n"
	"  encounters    time,place,lat,lon,people,new_people,anonymous\n"
	"  commitments   partner,place,weekday,start,end,pairs_needed\n"
	"  osm           FILE.osm or FILE.osm.pbf: the walking graph (replaces the\n"
	"                previous one; map data \xc2\xa9 OpenStreetMap contributors)\n\n"
	"Import in that order: rows refer to keys imported before.\n"
	"The people met are anonymous: identity columns are refused.\n";

/* outreach import osm FILE: the walking graph (geo/). */
static int import_osm(struct cli *c, const char *path, int dry, struct err *e)
{
	struct geo_import_stats st;
	int rc;

	if (dry)
		return err_set(e, ERR_USAGE, "--dry-run is not supported for osm");
	rc = geo_osm_import(c->store, path, isatty(2) ? stderr : NULL, stderr, &st, e);
	if (rc)
		return rc;
	printf("%s: %ld nodes and %ld edges (%.1f km of walkable ways) in %.1f s;"
	       " dropped %ld small unconnected parts (%ld edges, %.1f km);"
	       " %ld references to nodes missing from the extract\n"
	       "map data \xc2\xa9 OpenStreetMap contributors\n", path, st.nodes, st.edges,
	       st.kept_km, st.seconds, st.dropped_components, st.dropped_edges,
	       st.dropped_km, st.missing_refs);
	return 0;
}

int cmd_import(struct cli *c, int argc, char **argv, struct err *e)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' }, { NULL, 0, NULL, 0 },
	};
	struct data_import_stats st = { 0 };
	int dry = 0, opt, kind, rc;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "n", opts, NULL)) != -1) {
		if (opt != 'n')
			return err_set(e, ERR_USAGE, "unknown option '%s'", argv[optind - 1]);
		dry = 1;
	}
	if (argc - optind != 2)
		return err_set(e, ERR_USAGE, "expected KIND FILE");
	if (!strcmp(argv[optind], "osm"))
		return import_osm(c, argv[optind + 1], dry, e);
	kind = data_kind_parse(argv[optind]);
	if (kind < 0)
		return err_set(e, ERR_USAGE, "unknown kind '%s'", argv[optind]);
	rc = data_import_file(c->store, kind, argv[optind + 1], dry, &st, e);
	if (rc)
		return rc;
	printf("%s: %ld %s rows %s\n", argv[optind + 1], st.rows, data_kind_name(kind),
	       dry ? "valid (dry run: nothing written)" : "imported");
	return 0;
}
