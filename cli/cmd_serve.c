#include "cli/cli.h"
#include "store/plans.h"
#include "util/err.h"
#include "web/web.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

const char cmd_serve_usage[] =
	"usage: outreach [--db PATH] serve [--port 8080] [--bind 127.0.0.1]\n"
	"                                  [--threads N] [--base-url URL] [--quiet]\n\n"
	"Runs the web service: calendar feeds at /feeds/TOKEN.ics (and the web\n"
	"UI). Logs one line per request on stderr (method, path without secrets,\n"
	"status, milliseconds). Stops cleanly on SIGTERM or Ctrl-C.\n"
	"--base-url is the public address used in links (for example\n"
	"https://outreach.example.org behind a TLS reverse proxy); the default\n"
	"is the setting base_url, else http://BIND:PORT.\n";

static int port_arg(const char *s, int *port, struct err *e)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || v < 0 || v > 65535)
		return err_set(e, ERR_USAGE, "--port: '%s' is not a port number", s);
	*port = (int)v;
	return 0;
}

int cmd_serve(struct cli *c, int argc, char **argv, struct err *e)
{
	static const struct option opts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "bind", required_argument, NULL, 'b' },
		{ "threads", required_argument, NULL, 't' },
		{ "base-url", required_argument, NULL, 'u' },
		{ "quiet", no_argument, NULL, 'q' }, { NULL, 0, NULL, 0 },
	};
	struct web_opts o = { .db_path = c->db_path, .port = 8080 };
	char base[256] = "";
	int opt, rc = 0;

	optind = 1;
	opterr = 0;
	while (!rc && (opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'p')
			rc = port_arg(optarg, &o.port, e);
		else if (opt == 'b')
			o.bind = optarg;
		else if (opt == 't')
			o.threads = atoi(optarg);
		else if (opt == 'u')
			o.base_url = optarg;
		else if (opt == 'q')
			o.quiet = 1;
		else
			rc = err_set(e, ERR_USAGE, "unknown option or missing value '%s'",
				     argv[optind - 1]);
	}
	if (!rc && optind < argc)
		rc = err_set(e, ERR_USAGE, "unexpected argument '%s'", argv[optind]);
	if (!rc && !o.base_url &&
	    !store_setting_get(c->store, "base_url", "", base, sizeof base, NULL) && base[0])
		o.base_url = base;
	if (rc)
		return rc;
	return web_serve(&o, e);
}
