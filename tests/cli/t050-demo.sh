#!/usr/bin/env bash
# `make demo` end to end: scripts/demo.sh builds the demo database, prints
# the login and the personal links, then serves. The server must answer,
# the printed password must log in, and the printed links must work.
. "$(dirname "$0")/lib.sh"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
db=$T/demo/outreach.db
(cd "$ROOT" && OUTREACH=$O DEMO_DB=$db PORT=$port exec scripts/demo.sh) >"$T/demo.out" 2>"$T/demo.err" &
pid=$!
up=1
for _ in $(seq 300); do
	curl -sf -o /dev/null "http://127.0.0.1:$port/api/session" && { up=0; break; }
	kill -0 $pid 2>/dev/null || break
	sleep 0.2
done
cp "$T/demo.out" "$T/out"; cat "$T/demo.err" >>"$T/out"
_report $up "demo: the service is up after the script"
check_grep "demo: the plan's first lines are printed" 'plan 1 published: [0-9]+ shifts' cat "$T/demo.out"
check "demo: no error on stderr" bash -c "! grep -v -E -e 'OpenStreetMap' -e '^\$' -e '^(GET|POST) /' '$T/demo.err'"
pw=$(sed -n "s/.*log in as 'lead' with password: \(.*\)$/\1/p" "$T/demo.out")
login() {
	curl -s -o "$T/login.json" -w '%{http_code}' -c "$T/jar" -H 'Content-Type: application/json' \
		-d "{\"login\":\"lead\",\"password\":\"$pw\"}" "http://127.0.0.1:$port/api/login"
}
check "demo: the printed password logs in" test "$(login)" = 200
check_grep "demo: the lead sees the published plan" '"shift"' \
	curl -sf -b "$T/jar" "http://127.0.0.1:$port/api/shifts?from=$(date -d 'next monday' +%F)&days=7"
wpage=$(grep -o "http://127.0.0.1:$port/w/[A-Za-z0-9_-]*" "$T/demo.out" | head -1)
ppage=$(grep -o "http://127.0.0.1:$port/p/[A-Za-z0-9_-]*" "$T/demo.out" | head -1)
wfeed=$(grep -o "http://127.0.0.1:$port/feeds/[A-Za-z0-9_-]*\.ics" "$T/demo.out" | head -1)
check "demo: the worker page link answers" curl -sf -o /dev/null "$wpage"
check_grep "demo: the worker page's shifts" '"stops"' curl -sf "http://127.0.0.1:$port/api/link/${wpage##*/}/shifts"
wtok=${wpage##*/}
sid=$(curl -s "http://127.0.0.1:$port/api/link/$wtok/shifts" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["shift"])')
check "demo: the worker's map has streets around the route" python3 -c "
import json, urllib.request
j = json.load(urllib.request.urlopen('http://127.0.0.1:$port/api/link/$wtok/streets/$sid'))
assert len(j['lines']) > 20, len(j['lines'])"
if grep -q "opens on today's shift" "$T/demo.out"; then
	today=$(TZ=Europe/Helsinki date +%F)
	check "demo: the worker's page has today's shift to log" python3 -c "
import json, urllib.request
occ = json.load(urllib.request.urlopen('http://127.0.0.1:$port/api/link/$wtok/shifts?from=$today'))
assert any(o['date'] == '$today' and o['stops'] for o in occ), occ[:1]"
	check "demo: the worker's page takes an entry" python3 -c "
import json, urllib.request
occ = [o for o in json.load(urllib.request.urlopen('http://127.0.0.1:$port/api/link/$wtok/shifts?from=$today')) if o['date'] == '$today'][0]
rq = urllib.request.Request('http://127.0.0.1:$port/api/link/$wtok/log', json.dumps({'id': 'demo-test-0001', 'shift': occ['shift'],
     'date': '$today', 'stop': occ['stops'][0]['seq'], 'skipped': 'no_time'}).encode(), {'Content-Type': 'application/json'})
assert json.load(urllib.request.urlopen(rq))['status'] == 'stored'"
else
	check_grep "demo: says why there is no shift to log today" 'no shift today' cat "$T/demo.out"
fi
check "demo: the partner page link answers" curl -sf -o /dev/null "$ppage"
check_grep "demo: the worker feed is a calendar with events" 'BEGIN:VEVENT' curl -sf "$wfeed"
kill -TERM $pid 2>/dev/null
wait $pid
check "demo: the server stops cleanly" test $? -eq 0
