#!/usr/bin/env bash
# The field log's API: bad values, idempotency, revisions, who may write,
# a revoked link, the lead's table (tests/web/field_api.py); and the CLI
# export of what came from the phones.
. "$(dirname "$0")/lib.sh"
import_examples
python3 "$ROOT/tests/field/today_plan.py" | sqlite3 "$OUTREACH_DB"
echo 'a long enough password' | "$O" user add lead --password-stdin >/dev/null
token() { "$O" feed create "$@" | grep -o '/feeds/[A-Za-z0-9_-]*' | head -1 | cut -d/ -f3; }
w=$(token worker aino); other=$(token worker sanna); p=$(token partner pelastusarmeija)
fc() { "$O" forecast --from "$(TZ=Europe/Helsinki date +%F)" --weeks 1 --place rautatientori --format csv; }
fc >"$T/fc.before"
serve_start
/usr/bin/python3 "$ROOT/tests/web/field_api.py" "$base" "$OUTREACH_DB" "$w" "$other" "$p" lead \
	'a long enough password' 2>&1
kill -TERM $pid; wait $pid
fc >"$T/fc.after"
check "the forecast learns from the phones' entries at once (no import step)" bash -c "! cmp -s '$T/fc.before' '$T/fc.after'"
check_grep "export guidance: a header with every topic" \
	'^date,pair,shift,stop,place,lat,lon,arrive,leave,skipped,outside,people,new,anonymous,benefits,debt,housing,home,mental_health,substance_use,health_services,social_services,work_study,other,accompanied,contacted$' \
	"$O" export guidance
check "export guidance: what came from the phone" bash -c "$O export guidance | grep -q ',pari-kluuvi,1,1,rautatientori,'"
check "export visits includes the phone's visit" bash -c "[ \$($O export visits | wc -l) -eq 773 ]"
check "export encounters includes the phone's tallies" bash -c "[ \$($O export encounters | wc -l) -eq 399 ]"
check_exit 1 "guidance is not importable" "$O" import guidance /dev/null
