#include "planner/rounds/shifts.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/err.h"
#include "util/tz.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Loads the shift and checks that it runs on day. */
static int occurrence(struct store *s, int64_t shift_id, int64_t day,
		      struct store_shift *sh, struct err *e)
{
	char d[11], first[11], how[32];
	int rc = store_shift_get(s, shift_id, sh, e);

	if (rc)
		return rc;
	tz_format_date(day, d);
	tz_format_date(sh->first_day, first);
	rhythm_describe(&sh->rhythm, how, sizeof how);
	if (!store_shift_runs_on(sh, day))
		return err_set(e, ERR_USAGE, "shift %lld has no occurrence on %s (it runs "
			       "%s on %s from %s)", (long long)shift_id, d, how,
			       tz_weekday_name(sh->weekday), first);
	return 0;
}

static int put(struct store *s, struct store_exception *x, struct err *e)
{
	int rc = store_begin(s, e);

	if (!rc)
		rc = store_exception_put(s, x, (int64_t)time(NULL), e);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, e);
}

int plan_shift_cancel(struct store *s, int64_t shift_id, int64_t day, const char *reason,
		      struct err *e)
{
	struct store_exception x = { .shift_id = shift_id, .day = day, .start_min = -1,
				     .end_min = -1 };
	struct store_shift sh;
	int rc = occurrence(s, shift_id, day, &sh, e);

	if (rc)
		return rc;
	snprintf(x.kind, sizeof x.kind, "cancel");
	snprintf(x.reason, sizeof x.reason, "%s", reason ? reason : "");
	return put(s, &x, e);
}

int plan_shift_move(struct store *s, int64_t shift_id, int64_t day, int start, int end,
		    struct err *e)
{
	struct store_exception x = { .shift_id = shift_id, .day = day };
	struct store_shift sh;
	int rc = occurrence(s, shift_id, day, &sh, e);

	if (rc)
		return rc;
	if (end < 0)
		end = start + sh.end_min - sh.start_min;
	if (start < 0 || start >= 1440 || end <= start || end > 1440)
		return err_set(e, ERR_USAGE, "the moved shift must start and end on its "
			       "day, end after start");
	snprintf(x.kind, sizeof x.kind, "move");
	snprintf(x.reason, sizeof x.reason, "moved");
	x.start_min = start;
	x.end_min = end;
	return put(s, &x, e);
}
