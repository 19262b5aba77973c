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
		      display_name(r, name, sizeof name), "subscribe", "https", l.url,
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

struct alert_ctx {
	struct web_req *r;
	json_t *out;
	char area[4][STORE_KEY_MAX + 1];
	int narea, anywhere;
};

static int pair_area(const struct store_pair *p, void *ud)
{
	struct alert_ctx *c = ud;
	int mine = (c->r->link.kind == STORE_FEED_PAIR && p->id == c->r->link.subject_id) ||
		   (c->r->link.kind == STORE_FEED_WORKER &&
		    (p->worker_a_id == c->r->link.subject_id ||
		     p->worker_b_id == c->r->link.subject_id));

	if (!mine)
		return 0;
	if (!p->area[0])
		c->anywhere = 1;
	else if (c->narea < 4)
		snprintf(c->area[c->narea++], sizeof c->area[0], "%s", p->area);
	return 0;
}

static int alert_row(const struct store_alert *a, void *ud)
{
	struct alert_ctx *c = ud;
	struct store_place p;
	int ok = c->anywhere;
	char t[26];

	if (!ok && a->place[0] && !store_place_get(c->r->s, a->place, &p, NULL))
		for (int i = 0; i < c->narea; i++)
			ok |= !strcmp(p.area, c->area[i]);
	if (!ok)
		return 0;
	tz_format_local(a->created_t, t);
	json_array_append_new(c->out, json_pack("{s:s,s:s,s:s,s:s}", "kind", a->kind,
						"partner", a->partner, "place", a->place_name,
						"created", t));
	return 0;
}

/* GET /api/link/TOKEN/alerts: open alerts in the areas of the link's
 * pair(s), so the pair sees a partner's call at once. */
enum MHD_Result web__link_alerts(struct web_req *r)
{
	struct alert_ctx c = { .r = r, .out = json_array() };

	if (r->link.kind != STORE_FEED_WORKER && r->link.kind != STORE_FEED_PAIR) {
		json_decref(c.out);
		return web__error(r, MHD_HTTP_FORBIDDEN, "only a worker's or pair's link");
	}
	store_pair_each(r->s, pair_area, &c, NULL);
	store_alert_each(r->s, 1, alert_row, &c, NULL);
	return web__json(r, MHD_HTTP_OK, c.out);
}
