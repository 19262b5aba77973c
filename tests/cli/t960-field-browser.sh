#!/usr/bin/env bash
# The field log in a real browser: a worker's shift on a phone, offline and
# back (tests/web/field_browser.py). Screenshots in tests/out/field/.
. "$(dirname "$0")/lib.sh"
import_examples
python3 "$ROOT/tests/field/today_plan.py" | sqlite3 "$OUTREACH_DB"
echo 'a long enough password' | "$O" user add lead --password-stdin >/dev/null
serve_start
"$O" config base_url "$base" >/dev/null
page=$("$O" feed create worker aino | grep -o 'http[s]*://[^ ]*/feeds/[^ ]*\.ics' | head -1 | sed 's|/feeds/\(.*\)\.ics|/w/\1|')
rm -rf "$ROOT/tests/out/field"
timeout 240 /usr/bin/python3 "$ROOT/tests/web/field_browser.py" "$page" "$base" lead 'a long enough password' \
	"$ROOT/tests/out/field" 2>&1
check "field browser run finished" test $? -ne 124
n=$(sqlite3 "$OUTREACH_DB" "SELECT count(*) FROM field_entries")
check "the store holds the six entries once each ($n)" test "$n" -eq 6
kill -TERM $pid; wait $pid
