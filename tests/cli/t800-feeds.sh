#!/usr/bin/env bash
# Calendar feeds: content rules, three independent parsers across both DST
# changes and our own expansion of the plan, determinism, SEQUENCE bumps,
# folding, and HTTP serving.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3	# Debian's, with python3-icalendar
LINT=$(dirname "$O")/tools/ical_lint
EXP=$ROOT/tests/expected/feeds
for k in areas partners places workers pairs; do "$O" import "$k" "$ROOT/examples/$k.csv" >/dev/null; done
sqlite3 "$OUTREACH_DB" <"$ROOT/tests/fixtures/feeds/plan.sql"

render() { "$O" feed render "$@"; }
feeds=("worker aino" "worker leena" "pair pari-kluuvi" "team" "partner pelastusarmeija"
	"place pelastusarmeija" "place rautatientori" "partner oodi")
for f in "${feeds[@]}"; do
	n=${f// /-}
	render $f >"$T/$n.ics"
	check "$n: libical finds no error" "$LINT" "$T/$n.ics"
	check "$n: python-icalendar parses it" "$PY" "$ROOT/tests/feeds/expand.py" "$T/$n.ics"
	check "$n: ical.js parses it" node "$ROOT/tests/feeds/expand.mjs" "$T/$n.ics"
	render $f >"$T/$n.2.ics"
	check "$n: byte-identical when rendered again" cmp "$T/$n.ics" "$T/$n.2.ics"
	check "$n: no METHOD" bash -c "! grep -q '^METHOD' $T/$n.ics"
	check "$n: calendar properties before components" bash -c \
		"awk '/^BEGIN:VTIMEZONE/{exit} {print}' $T/$n.ics | grep -c -E '^(VERSION|PRODID|CALSCALE|NAME|X-WR-CALNAME|REFRESH-INTERVAL;VALUE=DURATION|X-PUBLISHED-TTL):' | grep -qx 7"
	check "$n: one STANDARD and one DAYLIGHT" bash -c \
		"[ \$(grep -c '^BEGIN:STANDARD' $T/$n.ics) = 1 ] && [ \$(grep -c '^BEGIN:DAYLIGHT' $T/$n.ics) = 1 ]"
	check "$n: no floating event times" bash -c \
		"! awk '/^BEGIN:VEVENT/{e=1} /^END:VEVENT/{e=0} e' $T/$n.ics | grep -E '^(DTSTART|DTEND|EXDATE|RECURRENCE-ID):'"
	check "$n: UNTIL in UTC" bash -c "! grep '^RRULE' $T/$n.ics | grep UNTIL | grep -v 'UNTIL=[0-9T]*Z'"
done

# The UTC instants equal what the plan says, in all three parsers.
for pair in "worker-aino:worker-aino" "pair-pari-kluuvi:worker-aino" "worker-leena:worker-leena" "team:team" \
	"partner-pelastusarmeija:partner-pelastusarmeija" "place-pelastusarmeija:partner-pelastusarmeija"; do
	n=${pair%%:*} e=${pair##*:}
	check "$n: python instants as planned" bash -c "$PY $ROOT/tests/feeds/expand.py $T/$n.ics | diff - $EXP/$e.txt"
	check "$n: ical.js instants as planned" bash -c "node $ROOT/tests/feeds/expand.mjs $T/$n.ics | diff - $EXP/$e.txt"
done
# Our own expansion of the plan (no iCalendar code) gives those instants too.
"$O" plan export --plan 1 --format json >"$T/plan1.json"
for f in "worker aino:worker-aino" "worker leena:worker-leena" "place pelastusarmeija:partner-pelastusarmeija"; do
	check "${f%%:*}: plan_instants.py as planned" bash -c \
		"$PY $ROOT/tests/feeds/plan_instants.py ${f%%:*} <$T/plan1.json | diff - $EXP/${f##*:}.txt"
done

# A plan across the March change whose last week comes from UNTIL alone (no
# exception on it): recurring_ical_events 2.0.1 lost that week when UNTIL was
# the last start exactly. Both parsers show every week the plan says.
RIE=$("$PY" -c 'import importlib.metadata as m; print(m.version("recurring-ical-events"))')
D=$T/dst.db
for k in areas partners places workers pairs; do "$O" --db "$D" import "$k" "$ROOT/examples/$k.csv" >/dev/null; done
sqlite3 "$D" <"$ROOT/tests/fixtures/feeds/dst-march.sql"
"$O" --db "$D" plan export --plan 1 --format json >"$T/dst.json"
for f in "worker aino" "place rautatientori"; do
	n=dst-${f// /-}
	"$O" --db "$D" feed render $f >"$T/$n.ics"
	"$PY" "$ROOT/tests/feeds/plan_instants.py" $f <"$T/dst.json" >"$T/$n.plan"
	check "$n: the plan has 7 weeks, the last on 2025-04-14" bash -c \
		"[ \$(wc -l <$T/$n.plan) = 7 ] && tail -1 $T/$n.plan | grep -q '^2025-04-14T'"
	check "$n: UNTIL is the end of 2025-04-14 in Helsinki" \
		grep -q '^RRULE:FREQ=WEEKLY;UNTIL=20250414T205959Z' "$T/$n.ics"
	check "$n: recurring_ical_events $RIE shows every week" bash -c \
		"$PY $ROOT/tests/feeds/expand.py $T/$n.ics | diff $T/$n.plan -"
	check "$n: ical.js shows every week" bash -c \
		"node $ROOT/tests/feeds/expand.mjs $T/$n.ics | diff $T/$n.plan -"
done
# Rhythms other than every week, each across a DST change: INTERVAL=3,
# BYDAY=1TU,3TU and BYDAY=-1FR, RDATEs. Three parsers and our own expansion
# of the plan (its rhythm as the export gives it) agree on every instant.
R=$T/rhythm.db
for k in areas partners places workers pairs; do "$O" --db "$R" import "$k" "$ROOT/examples/$k.csv" >/dev/null; done
sqlite3 "$R" <"$ROOT/tests/fixtures/feeds/rhythms.sql"
"$O" --db "$R" plan export --plan 1 --format json >"$T/rhythm.json"
for f in "worker leena:11" "worker aino:6" "place pelastusarmeija:16"; do
	k=${f%%:*} n=rhythm-${k// /-}
	"$O" --db "$R" feed render $k >"$T/$n.ics"
	"$PY" "$ROOT/tests/feeds/plan_instants.py" $k <"$T/rhythm.json" >"$T/$n.plan"
	check "$n: libical finds no error" "$LINT" "$T/$n.ics"
	check "$n: the plan has ${f##*:} occurrences" bash -c "[ \$(wc -l <$T/$n.plan) = ${f##*:} ]"
	check "$n: python-icalendar shows what the plan says" bash -c \
		"$PY $ROOT/tests/feeds/expand.py $T/$n.ics | diff $T/$n.plan -"
	check "$n: ical.js shows what the plan says" bash -c \
		"node $ROOT/tests/feeds/expand.mjs $T/$n.ics | diff $T/$n.plan -"
done
check "every 3 weeks is INTERVAL=3" grep -q '^RRULE:FREQ=WEEKLY;UNTIL=20250429T205959Z;INTERVAL=3' "$T/rhythm-worker-leena.ics"
check "first and third Tuesday is BYDAY=1TU,3TU" grep -q '^RRULE:FREQ=MONTHLY;UNTIL=20251216T215959Z;BYDAY=1TU,3TU' "$T/rhythm-worker-leena.ics"
check "the last Friday is BYDAY=-1FR" grep -q '^RRULE:FREQ=MONTHLY;UNTIL=20251128T215959Z;BYDAY=-1FR' "$T/rhythm-worker-aino.ics"
check "one-off dates are RDATEs" bash -c "grep -c '^RDATE;TZID=Europe/Helsinki:' $T/rhythm-worker-aino.ics | grep -qx 3"
check "every 3 weeks keeps 10:00 across the March change" bash -c \
	"grep -qx '2025-02-25T08:00:00Z CONFIRMED' $T/rhythm-worker-leena.plan && grep -qx '2025-04-08T07:00:00Z CONFIRMED' $T/rhythm-worker-leena.plan"
check "an absence on an every-3-weeks day is an EXDATE" grep -q '^EXDATE;TZID=Europe/Helsinki:20250318T100000' "$T/rhythm-worker-leena.ics"
check "the partner sees the cancelled first Tuesday" grep -qx '2025-11-04T10:00:00Z CANCELLED' "$T/rhythm-place-pelastusarmeija.plan"

# The pages list the same days (web/shifts.c asks the shift's rhythm), and
# a one-off change must name a day the rhythm has.
tok=$("$O" --db "$R" feed create worker leena | sed -n 's|.*https\?:.*/feeds/\(.*\)\.ics|\1|p')
"$O" --db "$R" serve --port 0 --bind 127.0.0.1 >"$T/rserve.out" 2>"$T/rserve.log" &
rpid=$!
for i in $(seq 50); do grep -q 'serving' "$T/rserve.out" 2>/dev/null && break; sleep 0.1; done
rbase=$(sed -n 's/.*serving \(http[^ ]*\) .*/\1/p' "$T/rserve.out")
days() { "$PY" -c "import json, sys, urllib.request as u
print(' '.join(o['date'] + ':' + o['status'] for o in json.load(u.urlopen('$rbase/api/link/$tok/shifts?from=' + sys.argv[1]))))" "$1"; }
check_grep "the worker's page: every 3 weeks in February" '^2025-02-04:confirmed 2025-02-25:confirmed$' days 2025-02-01
check_grep "the worker's page: first and third Tuesdays, the cancelled one shown" \
	'^2025-11-04:cancelled 2025-11-18:confirmed$' days 2025-10-27
kill -TERM $rpid; wait $rpid
check_grep "cancel a week the rhythm skips" "no occurrence on 2025-02-11 \(it runs every 3 weeks on Tu" \
	"$O" --db "$R" shift cancel 1 2025-02-11
check "cancel a day of the rhythm" "$O" --db "$R" shift cancel 1 2025-02-25
check "the cancelled day is an EXDATE" bash -c "$O --db $R feed render worker leena | grep -q '^EXDATE;TZID=Europe/Helsinki:20250225T100000'"

check "the draft plan's shift is in no feed" bash -c "! grep -q 'shift-3-' $T/team.ics"
check "partner feed hides worker names" bash -c "! grep -q 'Aino\\|Leena' $T/partner-pelastusarmeija.ics"
check "partner feed with names shows them" bash -c "$O feed render partner pelastusarmeija --show-names | grep -q 'Aino Virtanen'"
check "partner sees cancellations" bash -c "grep -c '^STATUS:CANCELLED' $T/partner-pelastusarmeija.ics | grep -qx 3"
check "cancelled summary says so" grep -q '^SUMMARY:CANCELLED: ' "$T/partner-pelastusarmeija.ics"
check "holiday named in a cancelled visit" bash -c "$O feed render partner pelastusarmeija --lang fi | perl -0pe 's/\r?\n[ \t]//g' | grep -q 'PERUTTU: juhlapyhä 2. pääsiäispäivä'"
# A stop reads the same everywhere: its name, the address (when known) on
# a line of its own; stops without an address show just the name.
desc() { perl -0pe 's/\r?\n[ \t]//g' "$1" | grep '^DESCRIPTION'; }
desc "$T/worker-aino.ics" >"$T/desc-worker"
desc "$T/partner-pelastusarmeija.ics" >"$T/desc-partner"
check "worker feed: the stop's address on its own line under its name" grep -qF \
	'[commitment]\n  Kaisaniemenkatu 1\, 00100 Helsinki\n' "$T/desc-worker"
check "worker feed: a stop without an address is just its name" grep -qF \
	'Rautatientori (expected 2.4\, 80 %: 1.0–4.0) [forecast]\n10:00' "$T/desc-worker"
check "partner feed: the venue's name, then its address" grep -qF \
	'DESCRIPTION:Pelastusarmeija\nKaisaniemenkatu 1\, 00100 Helsinki' "$T/desc-partner"
check "worker feed drops cancelled dates with EXDATE" grep -q '^EXDATE;TZID=Europe/Helsinki:20250317T090000' "$T/worker-aino.ics"
check "moved date is an override with RECURRENCE-ID" grep -q '^RECURRENCE-ID;TZID=Europe/Helsinki:20250324T090000' "$T/worker-aino.ics"
check "LOCATION escaped" grep -q '^LOCATION:Pelastusarmeija\\, Kaisaniemenkatu 1\\, 00100 Helsinki' "$T/partner-pelastusarmeija.ics"
check "GEO present" grep -q '^GEO:60.172445;24.944976' "$T/partner-pelastusarmeija.ics"
check "empty feed still valid" "$LINT" "$T/partner-oodi.ics"

# A change bumps SEQUENCE and changes the bytes; nothing else does.
seq0=$(grep -m1 '^SEQUENCE' "$T/worker-leena.ics")
check "shift move" "$O" shift move 2 2025-10-09 --start 15:00
render worker leena >"$T/leena2.ics"
seq1=$(grep -m1 '^SEQUENCE' "$T/leena2.ics")
seq0=${seq0%$'\r'} seq1=${seq1%$'\r'}
check "SEQUENCE increases on a change ($seq0 -> $seq1)" test "${seq1#SEQUENCE:}" -gt "${seq0#SEQUENCE:}"
check "LAST-MODIFIED moves on a change" bash -c "! diff <(grep -m1 LAST-MODIFIED $T/worker-leena.ics) <(grep -m1 LAST-MODIFIED $T/leena2.ics) >/dev/null"
check "an override never appears without its master" node "$ROOT/tests/feeds/expand.mjs" "$T/leena2.ics"
check_exit 1 "cancel a date the shift does not run" "$O" shift cancel 2 2025-10-10
check_grep "that error names the weekday" "no occurrence on 2025-10-10 \(it runs weekly on Th" "$O" shift cancel 2 2025-10-10

# Folding at 75 octets never splits UTF-8.
printf 'key,name,kind,lat,lon,address\npelastusarmeija,%s,food_distribution,60.1724452,24.9449756,%s\n' \
	"Hämeenlinnan Äänekoski ja Ääneväen Öljynkeittäjien Yhdistyksen Ruokajakelu" \
	"\"Äänekoskentie 1 ä, 00100 Hämeenlinna\"" >"$T/long.csv"
check "rename a venue with a long UTF-8 name" "$O" import places "$T/long.csv"
render partner pelastusarmeija >"$T/long.ics"
check "folded lines <= 75 octets, each valid UTF-8" "$PY" -c "
import sys
raw = open('$T/long.ics', 'rb').read()
lines = raw.split(b'\r\n')
assert max(len(l) for l in lines) <= 75, max(len(l) for l in lines)
for l in lines: l.decode('utf-8')
assert any(l.startswith(b' ') for l in lines)
"
check "the long name survives unfolding" bash -c "$PY $ROOT/tests/feeds/expand.py $T/long.ics >/dev/null && $PY -c \"import icalendar; c=icalendar.Calendar.from_ical(open('$T/long.ics','rb').read()); assert any('Öljynkeittäjien Yhdistyksen Ruokajakelu' in str(e['SUMMARY']) for e in c.walk('VEVENT'))\""

# HTTP: 200, 304, 404, 410, HEAD, a concurrent poll; clean stop on SIGTERM.
live=$("$O" feed create worker aino --label "Aino's phone" | sed -n 's|.*https\?:.*/feeds/\(.*\)\.ics|\1|p')
gone=$("$O" feed create partner pelastusarmeija | sed -n 's|.*https\?:.*/feeds/\(.*\)\.ics|\1|p')
check "feed create prints a token" test ${#live} -eq 43
check "feed create prints webcal and google links" bash -c "$O feed create team | grep -q 'webcal://127.0.0.1:8080/feeds/' && $O feed create team | grep -q 'calendar.google.com/calendar/r?cid=webcal%3A%2F%2F'"
check "an http link is labelled http:, not https:" bash -c \
	"$O feed create team | grep -E '^  [a-z]+: +http://' | grep -qx '  http:   http://127.0.0.1:8080/feeds/[^ ]*'"
check "set an https base_url (on the other database)" "$O" --db "$D" config base_url https://outreach.example.org
check "an https link is labelled https:" bash -c \
	"$O --db $D feed create team | grep -qx '  https:  https://outreach.example.org/feeds/[^ ]*'"
check "tokens are stored hashed only" bash -c "! sqlite3 $OUTREACH_DB .dump | grep -q $live"
check "revoke" "$O" feed revoke 2
check_exit 1 "revoke twice" "$O" feed revoke 2
"$O" serve --port 0 --bind 127.0.0.1 >"$T/serve.out" 2>"$T/serve.log" &
pid=$!
for i in $(seq 50); do grep -q 'serving' "$T/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*serving \(http[^ ]*\) .*/\1/p' "$T/serve.out")
check "server started ($base)" test -n "$base"
"$PY" "$ROOT/tests/feeds/http_check.py" "$base" "$live" "$gone" >"$T/http.out" 2>&1
cat "$T/http.out"
check "request log has no tokens" bash -c "grep -q 'GET /feeds/{token}.ics 200' $T/serve.log && ! grep -q $live $T/serve.log"
kill -TERM $pid
wait $pid
check "clean exit on SIGTERM" test $? -eq 0
check "feed list shows the fetches" bash -c "$O feed list | grep -E '^1 +worker +aino' | grep -qv never"
check "feed list json" bash -c "$O feed list --format json | $PY -c 'import json,sys; d=json.load(sys.stdin); assert d[0][\"fetches\"] > 1000 and d[1][\"revoked\"]'"
check "rotate gives a new link" bash -c "$O feed rotate 1 | grep -q '^  http: *http://127.0.0.1:8080/feeds/'"
