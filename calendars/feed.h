/*
 * feed.h - iCalendar feeds of published shifts, built with libical.
 * A feed is a pure function of the database content (no "now"), so its
 * bytes change only when what it shows changes: stable UIDs from database
 * ids, SEQUENCE/LAST-MODIFIED/DTSTAMP from the shift's last change, a
 * compact Europe/Helsinki VTIMEZONE, one master VEVENT per shift in its
 * rhythm (weekly RRULE, INTERVAL=N, monthly BYDAY=1TU,3TU, or RDATEs for
 * a list of dates) with EXDATEs and RECURRENCE-ID overrides in the same feed.
 * Worker, pair and team feeds show whole shifts; partner and place feeds
 * show the visits at the venue(s), with cancelled occurrences kept visible
 * as STATUS:CANCELLED overrides (partners plan around them), and worker
 * names only when the partner may see them.
 * Ownership: *ics is malloc'd, the caller frees it.
 * Threads: safe; every call builds its own component tree.
 */
#ifndef CALENDARS_FEED_H
#define CALENDARS_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "store/plans.h"

struct err;
struct store;

struct cal_feed_opts {
	enum store_feed_kind kind;
	int64_t subject_id;	/* worker, pair, partner or place id */
	int show_names;		/* partner/place feeds: name the workers */
	const char *base_url;	/* "https://host" for links; NULL: no links */
	const char *token;	/* the feed's token, for the route links */
	const char *lang;	/* "fi", "sv" or "en"; NULL: "fi" */
	int ttl_minutes;	/* REFRESH-INTERVAL / X-PUBLISHED-TTL; 0: 60 */
};

/*
 * Renders the feed into *ics (*len bytes, CRLF lines). *last_modified is
 * the latest change among what the feed shows (0 if it shows nothing).
 * Returns 0 or a negative ERR_*.
 */
int cal_feed_render(struct store *s, const struct cal_feed_opts *o, char **ics,
		    size_t *len, int64_t *last_modified, struct err *e);

/* The compact Europe/Helsinki VTIMEZONE every feed carries (static). */
const char *cal_feed_vtimezone(void);

#endif
