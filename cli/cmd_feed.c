/*
 * cmd_feed.c - `outreach feed create|list|rotate|revoke|render`.
 * A token is printed only when it is created or rotated: the database keeps
 * its hash alone, so nobody who reads the file can subscribe.
 */
#include "cli/cli.h"
#include "calendars/feed.h"
#include "calendars/token.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/err.h"
#include "util/tz.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char cmd_feed_usage[] =
	"usage: outreach [--db PATH] feed create KIND [KEY] [--label TEXT] [--show-names]\n"
	"       outreach [--db PATH] feed list [--format text|json]\n"
	"       outreach [--db PATH] feed rotate ID\n"
	"       outreach [--db PATH] feed revoke ID\n"
	"       outreach [--db PATH] feed render KIND [KEY] [--lang fi|sv|en]\n\n"
	"Calendar feeds that phones subscribe to, one secret link each.\n"
	"KIND is worker KEY, pair KEY, team, partner KEY or place KEY.\n"
	"Partner and place feeds hide worker names unless --show-names.\n\n"
	"  create   makes a feed and prints its links (webcal, http(s), Google);\n"
	"           the secret is shown only now: keep the link\n"
	"  list     every feed with when it was last fetched\n"
	"  rotate   a new secret for a feed (the old link stops working)\n"
	"  revoke   the link answers 410 Gone from now on\n"
	"  render   prints a feed's iCalendar text (no links)\n\n"
	"Links use the setting base_url (see 'outreach config'), by default\n"
	"http://127.0.0.1:8080.\n";

static int parse_kind(const char *s, enum store_feed_kind *k, struct err *e)
{
	int v = store_feed_kind_parse(s);

	if (v < 0)
		return err_set(e, ERR_USAGE, "'%s' is not a feed kind (worker, pair, team, "
			       "partner, place)", s);
	*k = (enum store_feed_kind)v;
	return 0;
}

static void print_links(struct cli *c, const char *token)
{
	char base[256];
	char label[20];
	struct cal_links l;

	store_setting_get(c->store, "base_url", "http://127.0.0.1:8080", base,
			  sizeof base, NULL);
	cal_feed_links(base, token, &l);
	/* "http:" for an http base URL: an "https:" label there misled. */
	snprintf(label, sizeof label, "%s:", l.scheme[0] ? l.scheme : "link");
	printf("  %-8s%s\n  webcal: %s\n  google: %s\n", label, l.url, l.webcal, l.google);
}

static int feed_create(struct cli *c, int argc, char **argv, struct err *e)
{
	static const struct option opts[] = {
		{ "label", required_argument, NULL, 'l' },
		{ "show-names", no_argument, NULL, 'n' }, { NULL, 0, NULL, 0 },
	};
	enum store_feed_kind kind = STORE_FEED_TEAM;
	const char *label = "";
	char token[CAL_TOKEN_LEN + 1];
	int opt, rc, names = 0;
	int64_t id;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'l')
			label = optarg;
		else if (opt == 'n')
			names = 1;
		else
			return err_set(e, ERR_USAGE, "unknown option '%s'", argv[optind - 1]);
	}
	if (argc - optind < 1 || argc - optind > 2)
		return err_set(e, ERR_USAGE, "expected KIND [KEY]");
	rc = parse_kind(argv[optind], &kind, e);
	if (!rc)
		rc = cal_feed_create(c->store, kind, argc - optind == 2 ? argv[optind + 1] : NULL,
				     label, names, token, &id, e);
	if (rc)
		return rc;
	printf("feed %lld: %s %s (the link is shown only now)\n", (long long)id,
	       store_feed_kind_name(kind), argc - optind == 2 ? argv[optind + 1] : "");
	print_links(c, token);
	return 0;
}

static void fmt_time(int64_t t, char out[26])
{
	if (t)
		tz_format_local(t, out);
	else
		snprintf(out, 26, "never");
}

struct list_ctx {
	int json;
	json_t *arr;
};

static int list_row(const struct store_feed_token *t, void *ud)
{
	struct list_ctx *l = ud;
	char created[26], fetched[26], revoked[26];

	fmt_time(t->created_t, created);
	fmt_time(t->last_fetch_t, fetched);
	fmt_time(t->revoked_t, revoked);
	if (l->json) {
		json_array_append_new(l->arr, json_pack(
			"{s:I,s:s,s:s,s:s,s:b,s:s,s:s,s:I,s:s?}", "id", (json_int_t)t->id,
			"kind", store_feed_kind_name(t->kind), "subject", t->subject,
			"label", t->label, "show_names", t->show_names, "created", created,
			"last_fetched", fetched, "fetches", (json_int_t)t->fetches,
			"revoked", t->revoked_t ? revoked : NULL));
		return 0;
	}
	printf("%-4lld %-8s %-20s %-26s %-26s %6lld  %s%s\n", (long long)t->id,
	       store_feed_kind_name(t->kind), t->subject[0] ? t->subject : "-", created,
	       fetched, (long long)t->fetches, t->revoked_t ? "REVOKED " : "", t->label);
	return 0;
}

static int feed_list(struct cli *c, int argc, char **argv, struct err *e)
{
	struct list_ctx l = { 0 };
	int rc;

	if (argc - optind == 2 && !strcmp(argv[optind], "--format"))
		l.json = !strcmp(argv[optind + 1], "json");
	else if (argc - optind != 0)
		return err_set(e, ERR_USAGE, "expected [--format text|json]");
	if (l.json)
		l.arr = json_array();
	else
		printf("%-4s %-8s %-20s %-26s %-26s %6s  %s\n", "id", "kind", "subject",
		       "created", "last fetched", "polls", "label");
	rc = store_feed_token_each(c->store, list_row, &l, e);
	if (l.json) {
		if (!rc)
			json_dumpf(l.arr, stdout, JSON_INDENT(1));
		if (!rc)
			putchar('\n');
		json_decref(l.arr);
	} else if (!rc) {
		puts("Links hold a secret shown only at create or rotate; "
		     "'outreach feed rotate ID' gives a new one.");
	}
	return rc;
}

static int parse_id(int argc, char **argv, int64_t *id, struct err *e)
{
	char *end;

	if (argc - optind != 1)
		return err_set(e, ERR_USAGE, "expected a feed ID");
	*id = strtoll(argv[optind], &end, 10);
	if (*end || *id <= 0)
		return err_set(e, ERR_USAGE, "'%s' is not a feed id", argv[optind]);
	return 0;
}

static int feed_rotate(struct cli *c, int argc, char **argv, struct err *e)
{
	char token[CAL_TOKEN_LEN + 1];
	int64_t id;
	int rc = parse_id(argc, argv, &id, e);

	if (!rc)
		rc = cal_feed_rotate(c->store, id, token, e);
	if (rc)
		return rc;
	printf("feed %lld: new link (the old one no longer works)\n", (long long)id);
	print_links(c, token);
	return 0;
}

static int feed_revoke(struct cli *c, int argc, char **argv, struct err *e)
{
	int64_t id;
	int rc = parse_id(argc, argv, &id, e);

	if (!rc)
		rc = store_feed_token_revoke(c->store, id, (int64_t)time(NULL), e);
	if (!rc)
		printf("feed %lld revoked: its link now answers 410 Gone\n", (long long)id);
	return rc;
}

static int feed_render(struct cli *c, int argc, char **argv, struct err *e)
{
	struct cal_feed_opts o = { .lang = "en" };
	char *ics = NULL;
	size_t len = 0;
	int64_t lm;
	int rc, opt;
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "show-names", no_argument, NULL, 'n' }, { NULL, 0, NULL, 0 },
	};

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'l')
			o.lang = optarg;
		else if (opt == 'n')
			o.show_names = 1;
		else
			return err_set(e, ERR_USAGE, "unknown option '%s'", argv[optind - 1]);
	}
	if (argc - optind < 1 || argc - optind > 2)
		return err_set(e, ERR_USAGE, "expected KIND [KEY]");
	rc = parse_kind(argv[optind], &o.kind, e);
	if (!rc)
		rc = cal_feed_subject(c->store, o.kind, argc - optind == 2 ?
				      argv[optind + 1] : NULL, &o.subject_id, e);
	if (!rc)
		rc = cal_feed_render(c->store, &o, &ics, &len, &lm, e);
	if (!rc)
		fwrite(ics, 1, len, stdout);
	free(ics);
	return rc;
}

int cmd_feed(struct cli *c, int argc, char **argv, struct err *e)
{
	static const struct {
		const char *name;
		cli_fn fn;
	} SUB[] = {
		{ "create", feed_create }, { "list", feed_list }, { "rotate", feed_rotate },
		{ "revoke", feed_revoke }, { "render", feed_render },
	};

	if (argc < 2)
		return err_set(e, ERR_USAGE, "expected create, list, rotate, revoke or render");
	for (size_t i = 0; i < sizeof SUB / sizeof SUB[0]; i++) {
		if (strcmp(argv[1], SUB[i].name))
			continue;
		optind = 1;
		opterr = 0;
		return SUB[i].fn(c, argc - 1, argv + 1, e);
	}
	return err_set(e, ERR_USAGE, "unknown feed command '%s'", argv[1]);
}
