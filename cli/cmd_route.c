#include "cli/cli.h"
#include "geo/geo.h"
#include "store/store.h"
#include "util/err.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

const char cmd_route_usage[] =
	"usage: outreach [--db PATH] route --from LAT,LON|PLACE --to LAT,LON|PLACE\n"
	"                [--format json|geojson|gpx] [--speed KMH]\n\n"
	"Walking route along the streets of the imported OpenStreetMap extract\n"
	"(outreach import osm FILE): distance in metres, walking time (default\n"
	"4.5 km/h, steps slower) and the points of the way.\n"
	"  --format  json (default), geojson (RFC 7946, lon/lat) or gpx (GPX 1.1)\n"
	"Map data \xc2\xa9 OpenStreetMap contributors (ODbL).\n";

/* LAT,LON or a place key. */
int cli__point_parse(struct store *s, const char *arg, struct geo_point *p,
		     char *name, size_t cap, struct err *e);

int cli__point_parse(struct store *s, const char *arg, struct geo_point *p,
		     char *name, size_t cap, struct err *e)
{
	struct store_place pl;
	char *end;
	double lat = strtod(arg, &end);

	if (end != arg && *end == ',') {
		char *end2;
		double lon = strtod(end + 1, &end2);
		if (end2 != end + 1 && !*end2) {
			if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
				return err_set(e, ERR_PARSE, "coordinates '%s' out of range", arg);
			*p = (struct geo_point){ lat, lon };
			snprintf(name, cap, "%.6f,%.6f", lat, lon);
			return 0;
		}
		return err_set(e, ERR_PARSE, "'%s': expected LAT,LON or a place key", arg);
	}
	if (store_place_get(s, arg, &pl, e))
		return err_set(e, ERR_NOTFOUND, "unknown place '%s'", arg);
	*p = (struct geo_point){ pl.lat, pl.lon };
	snprintf(name, cap, "%s", pl.name[0] ? pl.name : pl.key);
	return 0;
}

int cli__format_parse(const char *v, enum geo_format *f, struct err *e);
int cli__format_parse(const char *v, enum geo_format *f, struct err *e)
{
	if (!strcmp(v, "json"))
		*f = GEO_FMT_JSON;
	else if (!strcmp(v, "geojson"))
		*f = GEO_FMT_GEOJSON;
	else if (!strcmp(v, "gpx"))
		*f = GEO_FMT_GPX;
	else
		return err_set(e, ERR_USAGE, "unknown format '%s'", v);
	return 0;
}

int cmd_route(struct cli *c, int argc, char **argv, struct err *e)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' }, { "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ "speed", required_argument, NULL, 's' }, { NULL, 0, NULL, 0 },
	};
	const char *from = NULL, *to = NULL;
	enum geo_format fmt = GEO_FMT_JSON;
	double speed = GEO_SPEED_KMH;
	struct geo_point a, b;
	char na[STORE_NAME_MAX + 32], nb[STORE_NAME_MAX + 32], title[2 * sizeof na + 8];
	struct geo_graph *g = NULL;
	struct geo_route *r = NULL;
	int opt, rc = 0;
	char *end;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1 && !rc) {
		if (opt == 'f')
			from = optarg;
		else if (opt == 't')
			to = optarg;
		else if (opt == 'F')
			rc = cli__format_parse(optarg, &fmt, e);
		else if (opt == 's') {
			speed = strtod(optarg, &end);
			if (*end || end == optarg || !(speed > 0.5 && speed < 30))
				rc = err_set(e, ERR_USAGE, "speed '%s': expected km/h, 0.5 to 30",
					     optarg);
		} else
			rc = err_set(e, ERR_USAGE, "unknown option '%s'", argv[optind - 1]);
	}
	if (!rc && (!from || !to || optind != argc))
		rc = err_set(e, ERR_USAGE, "expected --from and --to");
	if (!rc)
		rc = cli__point_parse(c->store, from, &a, na, sizeof na, e);
	if (!rc)
		rc = cli__point_parse(c->store, to, &b, nb, sizeof nb, e);
	if (!rc)
		rc = geo_graph_load(c->store, &g, e);
	if (!rc)
		rc = geo_route(g, a, b, speed, &r, e);
	snprintf(title, sizeof title, "%s - %s", na, nb);
	if (!rc)
		rc = geo_route_write(r, fmt, title, stdout, e);
	geo_route_free(r);
	geo_graph_free(g);
	return rc;
}
