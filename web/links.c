/*
 * links.c - what a personal link may do, and nothing more: a worker's link
 * reads that worker's shifts; a partner's link reads the visits to that
 * partner's venues and sends an alert (a fixed kind and a place: no
 * personal data).
 */
#include "web/web_int.h"
#include "calendars/token.h"
#include "store/plans.h"
#include "store/store.h"
#include "store/web.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *display_name(struct web_req *r, char *out, size_t cap)
{
	static const enum store_keyed keyed[] = {
		[STORE_FEED_WORKER] = STORE_WORKER, [STORE_FEED_PAIR] = STORE_PAIR,
		[STORE_FEED_PARTNER] = STORE_PARTNER, [STORE_FEED_PLACE] = STORE_PLACE,
	};

	out[0] = '\0';
	if (r->link.kind != STORE_FEED_TEAM)
		store_name_of(r->s, keyed[r->link.kind], r->link.subject_id, out, cap, NULL);
	return out;
}

static int place_row(const struct store_place *p, void *ud)
{
	struct web_req *r = ((void **)ud)[0];
	json_t *a = ((void **)ud)[1];

	if (p->partner_id == r->link.subject_id)
		json_array_append_new(a, json_pack("{s:s,s:s,s:f,s:f}", "key", p->key, "name",
						   p->name, "lat", p->lat, "lon", p->lon));
	return 0;
}

enum MHD_Result web__link_me(struct web_req *r)
{
	struct cal_links l;
	char name[STORE_NAME_MAX + 1];
	json_t *o, *venues = json_array();
	void *ud[2] = { r, venues };

	cal_feed_links(r->w->base_url, r->link_token, &l);
	if (r->link.kind == STORE_FEED_PARTNER)
		store_place_each(r->s, place_row, ud, NULL);
	o = json_pack("{s:s,s:s,s:{s:s,s:s,s:s},s:o}", "kind",
		      store_feed_kind_name(r->link.kind), "name",
		      display_name(r, name, sizeof name), "subscribe", "https", l.https,
		      "webcal", l.webcal, "google", l.google, "venues", venues);
	return web__json(r, MHD_HTTP_OK, o);
}

enum MHD_Result web__link_shifts(struct web_req *r)
{
	int64_t today = (int64_t)time(NULL) / 86400;
	const char *f = web__query(r, "from");
	int names = r->link.kind != STORE_FEED_PARTNER && r->link.kind != STORE_FEED_PLACE;
	struct err e = { 0 };

	if (f && tz_parse_date(f, &today, &e))
		return web__field_error(r, MHD_HTTP_BAD_REQUEST, "from", e.msg);
	names = names || r->link.show_names;
	return web__json(r, MHD_HTTP_OK, web__occurrences(r->s, r->link.kind,
							  r->link.subject_id, today,
							  today + 28, names));
}

enum MHD_Result web__link_alert(struct web_req *r)
{
	static const char *const kinds[] = { "needs_worker", "accompany", "other", NULL };
	enum MHD_Result res;
	struct store_alert a = { .created_t = (int64_t)time(NULL) };
	const char *kind, *place;
	struct store_place p;
	struct err e = { 0 };
	json_t *j;
	int ok = 0;

	if (r->link.kind != STORE_FEED_PARTNER)
		return web__error(r, MHD_HTTP_FORBIDDEN, "only a partner's link sends alerts");
	j = web__body_json(r, &res);
	if (!j)
		return res;
	kind = json_string_value(json_object_get(j, "kind"));
	place = json_string_value(json_object_get(j, "place"));
	for (int i = 0; kind && kinds[i]; i++)
		ok |= !strcmp(kind, kinds[i]);
	if (!ok)
		res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "kind",
				       "kind must be needs_worker, accompany or other");
	else if (!place || store_place_get(r->s, place, &p, NULL) ||
		 p.partner_id != r->link.subject_id)
		res = web__field_error(r, MHD_HTTP_BAD_REQUEST, "place",
				       "not one of this partner's venues");
	else {
		a.partner_id = r->link.subject_id;
		a.place_id = p.id;
		snprintf(a.kind, sizeof a.kind, "%s", kind);
		res = store_alert_insert(r->s, &a, &e) ?
			      web__error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "alert") :
			      web__json(r, MHD_HTTP_CREATED, json_pack("{s:I,s:s}", "id",
								      (json_int_t)a.id, "status",
								      "sent"));
	}
	json_decref(j);
	return res;
}
