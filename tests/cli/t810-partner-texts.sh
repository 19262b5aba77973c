#!/usr/bin/env bash
# Every text a partner's or a place's link can show (page, JSON, feed in
# fi/sv/en) keeps the team's people out: no worker's key or name, no
# absence, none of the lead's free text, unless the link allows names.
# Cancellations read "staff unavailable" or "public holiday <name>".
. "$(dirname "$0")/lib.sh"
import_examples
"$O" plan --from 2026-12-14 --weeks 8 --publish >/dev/null 2>&1
# The lead cancels a visit to a partner venue with a reason that names a worker.
shift=$("$O" plan export --format json --plan 1 | python3 -c '
import json, sys
for s in json.load(sys.stdin)["shifts"]:
    if any(st["place"] == "pelastusarmeija" for st in s["stops"]): print(s["id"], s["weekday"]); break')
read -r sid wd <<<"$shift"
day=$(python3 -c "import datetime as d; w='MoTuWeThFrSaSu'.index('$wd')//2; print(d.date(2027,1,11)+d.timedelta(days=w))")
check "cancel a partner visit with a named reason" "$O" shift cancel "$sid" "$day" --reason "Mikko Korhonen sairaana"
python3 - "$ROOT/examples/workers.csv" >"$T/secrets" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
    print(r['key']); print(r['name'])
print('absence'); print('sairaana')
PY
serve_start
# iCalendar lines are folded at 75 octets: a name could be split by a fold
unfold() { perl -0pe 's/\r?\n[ \t]//g'; }
# texts LINK-TOKEN OUT: everything a link shows, into one file
texts() {
	: >"$2"
	for p in "/p/$1" "/api/link/$1/me" "/api/link/$1/shifts?from=2026-12-14" \
		"/api/link/$1/shifts?from=2027-01-11" "/api/link/$1/alerts" "/feeds/$1.ics"; do
		curl -s "$base$p" | unfold >>"$2"; echo >>"$2"
	done
}
token() { "$O" feed create "$@" | grep -o '/feeds/[A-Za-z0-9_-]*' | head -1 | cut -d/ -f3; }
all="$T/all"; : >"$all"
for partner in pelastusarmeija hivsaatio avoin-olohuone oodi; do
	tok=$(token partner "$partner")
	texts "$tok" "$T/p-$partner"
	cat "$T/p-$partner" >>"$all"
	check "partner $partner: no worker, absence or free text" \
		bash -c "! grep -i -F -f '$T/secrets' '$T/p-$partner'"
done
for lang in fi sv en; do
	for partner in pelastusarmeija hivsaatio avoin-olohuone; do
		"$O" feed render partner "$partner" --lang "$lang" | unfold >>"$T/feeds-$lang"
	done
	"$O" feed render place pelastusarmeija --lang "$lang" | unfold >>"$T/feeds-$lang"
	check "feeds ($lang): no worker, absence or free text" bash -c "! grep -i -F -f '$T/secrets' '$T/feeds-$lang'"
done
ptok=$(token place pelastusarmeija)
texts "$ptok" "$T/place"
check "place link: no worker, absence or free text" bash -c "! grep -i -F -f '$T/secrets' '$T/place'"
# The texts it does show, so the checks above cannot pass on an empty page.
check_grep "absences read 'staff unavailable' (JSON cause)" '"cause": ?"staff"' cat "$all"
check_grep "holidays read with their name (JSON)" '"cause": ?"holiday".*"en": ?"Christmas Day"' cat "$all"
check_grep "feed fi: PERUTTU: työntekijä estynyt" 'PERUTTU: työntekijä estynyt' cat "$T/feeds-fi"
check_grep "feed fi: PERUTTU: juhlapyhä Joulupäivä" 'PERUTTU: juhlapyhä Joulupäivä' cat "$T/feeds-fi"
check_grep "feed sv: INSTÄLLT: personal förhindrad" 'INSTÄLLT: personal förhindrad' cat "$T/feeds-sv"
check_grep "feed en: CANCELLED: staff unavailable" 'CANCELLED: staff unavailable' cat "$T/feeds-en"
check_grep "feed en: CANCELLED: public holiday Christmas Day" 'CANCELLED: public holiday Christmas Day' cat "$T/feeds-en"
check_grep "the lead's cancellation shows as cancelled, its reason withheld" \
	"\"date\": ?\"$day\"[^}]*\"status\": ?\"cancelled\"" cat "$T/p-pelastusarmeija"
# A link made with names allowed shows who is away and the lead's text.
ntok=$("$O" feed create partner pelastusarmeija --show-names | grep -o '/feeds/[A-Za-z0-9_-]*' | head -1 | cut -d/ -f3)
texts "$ntok" "$T/named"
check_grep "with names: the workers are named" 'Aino Virtanen|"workers"' cat "$T/named"
check_grep "with names: the lead's reason" 'Mikko Korhonen sairaana' cat "$T/named"
kill -TERM $pid; wait $pid
