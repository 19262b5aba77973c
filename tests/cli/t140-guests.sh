#!/usr/bin/env bash
# The network's guests: a partner's professional joins a round (every time
# or one day); the pair's feed and page show who joins and where they
# meet; a cancellation shows at once; bad joins store nothing.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
for k in areas partners places workers pairs commitments; do "$O" import "$k" "$ROOT/examples/$k.csv" >/dev/null; done
sqlite3 "$OUTREACH_DB" <"$FIX/guests.sql"
check_grep "add a nurse of the partner" "^guest 1: Mari, psychiatric nurse \(nurse\)$" \
	"$O" guest add nurse "Mari, psychiatric nurse" --partner pelastusarmeija
check_grep "add a fire-safety adviser" "^guest 2: " "$O" guest add rescue "Fire-safety adviser"
check_grep "add a parish worker" "^guest 3: " "$O" guest add parish "Deacon"
check_exit 1 "an unknown kind" "$O" guest add doctor "Dr Who"
check_grep "an identity code is refused" "looks like an identity code" "$O" guest add nurse "Mari 010190-123A"
check_grep "an e-mail is refused" "looks like an identity code, e-mail" "$O" guest add nurse "mari@example.org"
check_grep "an unknown partner" "no partner with key 'nope'" "$O" guest add nurse "Mari" --partner nope
check "only three guests stored" bash -c "[ \$(sqlite3 $OUTREACH_DB 'SELECT count(*) FROM guests') = 3 ]"

seq0=$(sqlite3 "$OUTREACH_DB" 'SELECT sequence FROM shifts WHERE id = 1')
check_grep "the nurse joins every time, meeting at the food distribution" "^join 1: guest 1 joins shift 1$" \
	"$O" guest join 1 1 --meet pelastusarmeija
check "a join moves the shift's SEQUENCE" bash -c "[ \$(sqlite3 $OUTREACH_DB 'SELECT sequence FROM shifts WHERE id = 1') -gt $seq0 ]"
check_grep "the adviser joins one day" "^join 2: guest 2 joins shift 1 on 2030-02-19$" "$O" guest join 2 1 2030-02-19
check_grep "a day the rhythm skips" "shift 1 has no occurrence on 2030-02-12" "$O" guest join 3 1 2030-02-12
check_grep "a cancelled occurrence" "shift 1 on 2030-01-29 is cancelled" "$O" guest join 3 1 2030-01-29
sqlite3 "$OUTREACH_DB" "INSERT INTO shifts(id, plan_id, pair_id, weekday, start_min, end_min, first_day,
  last_day, created_t, modified_t) SELECT 3, 1, pair_id, 1, 600, 840, 20123, 20207, 0, 0 FROM shifts WHERE id = 1"
check_grep "a past occurrence" "^outreach: guest: shift 3 on 2025-02-04 is past$" "$O" guest join 3 3 2025-02-04
check_grep "a shift with no occurrence left" "shift 3 has no occurrence left" "$O" guest join 3 3
check_grep "a draft plan's shift" "shift 2 is not in the published plan" "$O" guest join 3 2
check_grep "a place the shift does not visit" "shift 1 does not stop at 'oodi'" "$O" guest join 3 1 --meet oodi
check_grep "the cap (2) is reached on 2030-02-19" "shift 1 already has 2 guests \(the cap is 2" "$O" guest join 3 1 2030-02-19
check_exit 1 "the cap: exit 1" "$O" guest join 3 1 2030-02-19
check "refused joins stored nothing" bash -c "[ \$(sqlite3 $OUTREACH_DB 'SELECT count(*) FROM guest_joins') = 2 ]"
check "a guest cap of 3" "$O" config guest_cap 3
check_exit 1 "a guest cap that is not a number" "$O" config guest_cap many
check_grep "now the deacon joins that day" "^join 3: " "$O" guest join 3 1 2030-02-19

"$O" feed render pair pari-kluuvi --lang en | perl -0pe 's/\r?\n[ \t]//g' >"$T/pair.ics"
check "the pair's feed names who joins and where they meet" grep -q \
	'Mari\\, psychiatric nurse (nurse\\, pelastusarmeija)\\, every time\\, meets at Pelastusarmeija' "$T/pair.ics"
check "the pair's feed with guests is valid iCalendar" "$(dirname "$O")/tools/ical_lint" "$T/pair.ics"
check "the pair's feed names the day's guest" grep -q 'Fire-safety adviser (rescue)\\, 2030-02-19' "$T/pair.ics"
check "no guest in the partner's feed" bash -c "! $O feed render partner pelastusarmeija | grep -q 'Mari'"

tok=$("$O" feed create pair pari-kluuvi | sed -n 's|.*https\?:.*/feeds/\(.*\)\.ics|\1|p')
serve_start
guests() { "$PY" -c "import json, sys, urllib.request as u
d = json.load(u.urlopen('$base/api/link/$tok/shifts?from=' + sys.argv[1]))
print(' '.join(g['label'].split(',')[0] + ':' + g['status'] for o in d if o['date'] == sys.argv[2] for g in o['guests']))" "$1" "$2"; }
check_grep "the pair's page shows the three guests of 2030-02-19" '^Mari:joined Fire-safety adviser:joined Deacon:joined$' guests 2030-02-01 2030-02-19
check_grep "and only the nurse on 2030-03-12" '^Mari:joined$' guests 2030-03-01 2030-03-12
check_grep "the adviser cancels" "^join 2 cancelled$" "$O" guest cancel 2
check_grep "the page shows the cancellation at once" '^Mari:joined Fire-safety adviser:cancelled Deacon:joined$' guests 2030-02-01 2030-02-19
check_exit 1 "cancel twice" "$O" guest cancel 2
kill -TERM $pid; wait $pid
check "the cancelled guest leaves the feed" bash -c "! $O feed render pair pari-kluuvi | grep -q 'Fire-safety'"
check_grep "guest list" "^join 2 +guest 2 Fire-safety adviser, shift 1, 2030-02-19, meets at rautatientori: cancelled$" "$O" guest list
