#!/usr/bin/env bash
# The report for decision makers: every figure of a simulated year (and
# of an area, a partner venue and a quarter) against figures computed
# independently from the exported CSVs and SQL (tests/report/check.py),
# the PDF read back with pdftotext, suppression of cells of 1-4 and of a
# cell a total would give away, bad input, the demo's quarterly report in
# three languages and the lead's download.
. "$(dirname "$0")/lib.sh"
R=$ROOT/tests/report
sim=$T/sim
"$O" simulate --scenario helsinki --weeks 52 --seed 3 --out "$sim" >/dev/null
for k in partners places workers pairs availability visits encounters; do
	"$O" import "$k" "$sim/$k.csv" >/dev/null
done
printf 'partner,place,weekday,start,end\navoin-olohuone,avoin-olohuone,Tu,10:00,11:00\nluckan,luckan,Th,13:00,14:00\n' >"$T/commitments.csv"
printf 'worker,from,to\nohjaaja-1,2026-09-14,2026-09-18\n' >"$T/absences.csv"
"$O" import commitments "$T/commitments.csv" >/dev/null
"$O" import absences "$T/absences.csv" >/dev/null
"$O" plan --from 2026-09-07 --weeks 4 --publish >/dev/null 2>&1
shift=$(sqlite3 "$OUTREACH_DB" "SELECT id FROM shifts WHERE weekday = 2 ORDER BY id LIMIT 1")
"$O" shift cancel "$shift" 2026-09-23 --reason "training day" >/dev/null
python3 "$R/field_entries.py" "$OUTREACH_DB" 2025-11-24 2026-11-22 400 | sqlite3 "$OUTREACH_DB"
"$O" config team_name "Helsingin etsivä työ" >/dev/null
for k in visits encounters guidance places partners commitments; do "$O" export "$k" >"$T/$k.csv"; done

# report FROM TO NAME [AREA] [PARTNER]: JSON, CSV and PDF, then the checks
report() {
	local a=() n=$3
	[[ -n ${4:-} ]] && a+=(--area "$4")
	[[ -n ${5:-} ]] && a+=(--partner "$5")
	for f in json csv pdf; do
		"$O" report --from "$1" --to "$2" "${a[@]}" --lang en --format $f --out "$T/$n.$f" >/dev/null || echo "not ok - report $n $f"
	done
	pdftotext -layout "$T/$n.pdf" "$T/$n.txt"
	python3 "$R/check.py" "$T" "$T/$n.json" "$T/$n.csv" "$T/$n.txt" "$OUTREACH_DB" "$1" "$2" "${4:-}" "${5:-}" >"$T/$n.check"
	local rc=$? bad good
	bad=$(grep -c '^not ok' "$T/$n.check")
	good=$(grep -c '^ok' "$T/$n.check")
	if [[ $rc -eq 0 && $bad -eq 0 && $good -gt 100 ]]; then
		echo "ok - report $n: $good figures as computed independently"
	else
		echo "not ok - report $n: $bad of $((good + bad)) figures differ (exit $rc)"
		grep -v '^ok' "$T/$n.check" | head -20 | sed 's/^/# /'
	fi
}
report 2025-12-01 2026-11-30 year
report 2026-07-01 2026-09-30 quarter
report 2025-12-01 2026-11-30 area etela-lansi
report 2026-01-01 2026-06-30 partner "" "" avoin-olohuone
check_grep "the year has planned hours (plan in September)" '"planned_hours": [1-9]' cat "$T/year.json"
check_grep "a shift cancelled for a reason of the team's" '"key": "other"' \
	python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(json.dumps([x for x in r['tables'] if x['id']=='cancelled'][0]['rows'][2]))" "$T/quarter.json"
check_grep "the absence cancelled shifts" 'Staff absences +[1-9]' cat "$T/quarter.txt"
check_grep "pdf: A4" 'Page size: +595.28 x 841.89' pdfinfo "$T/year.pdf"
check_grep "pdf: the period in the header" '2025-12-01 – 2026-11-30' cat "$T/year.txt"
check_grep "pdf: suppression stated on the report" 'counts of people below 5 are shown as "< 5"' cat "$T/year.txt"
check_grep "pdf: the gaps in words" 'people a week expected, 0 hours staffed' cat "$T/year.txt"

# ---- bad input: a clear error, exit 1, nothing written -----------------
echo keep >"$T/old.pdf"
bad() {	# NAME PATTERN ARGS...
	local n=$1 p=$2; shift 2
	check_grep "bad input: $n" "$p" "$O" report --format pdf --out "$T/old.pdf" "$@"
	check_exit 1 "bad input: $n: exit 1" "$O" report --format pdf --out "$T/old.pdf" "$@"
}
bad "empty period" 'the period is empty' --from 2026-03-01 --to 2026-02-28
bad "over 5 years" 'over 5 years' --from 2020-01-01 --to 2025-01-01
bad "unknown area" "unknown area 'atlantis'" --from 2026-01-01 --to 2026-03-31 --area atlantis
bad "unknown partner" "unknown partner 'nobody'" --from 2026-01-01 --to 2026-03-31 --partner nobody
bad "nothing recorded" 'nothing was recorded from 2030-01-01' --from 2030-01-01 --to 2030-03-31
bad "threshold below 3" 'below 3' --from 2026-01-01 --to 2026-03-31 --min-cell 2
bad "unknown language" "--lang: 'de'" --from 2026-01-01 --to 2026-03-31 --lang de
check "bad input: the old file is untouched" grep -qx keep "$T/old.pdf"
check_exit 1 "unwritable output: exit 1" "$O" report --from 2026-01-01 --to 2026-03-31 --format pdf --out "$T/no/such/dir/r.pdf"
check_grep "unwritable output: says where" "cannot write '$T/no/such/dir/r.pdf'" "$O" report --from 2026-01-01 --to 2026-03-31 --format pdf --out "$T/no/such/dir/r.pdf"
check "no temporary file is left behind" bash -c "! ls '$T' | grep -q tmp-"
check_exit 1 "--format is checked" "$O" report --from 2026-01-01 --to 2026-03-31 --format docx --out "$T/x"

# ---- suppression: cells of 1-4, and a cell a total would give away -------
export OUTREACH_DB=$T/small.db
cat >"$T/s-places.csv" <<'CSV'
key,name,kind,lat,lon,area
tori,Kauppatori,street,60.1675,24.9526,keskusta
puisto,Kaivopuisto,park,60.1583,24.9567,keskusta
asema,Rautatieasema,station,60.1710,24.9414,keskusta
CSV
printf 'key,name,role,weekly_hours\na,A,nurse,30\nb,B,counsellor,30\n' >"$T/s-workers.csv"
printf 'key,worker_a,worker_b\npari,a,b\n' >"$T/s-pairs.csv"
printf 'pair,place,start,end\npari,tori,2026-03-03T10:00,2026-03-03T11:00\npari,puisto,2026-03-03T12:00,2026-03-03T13:00\npari,asema,2026-03-04T10:00,2026-03-04T11:00\n' >"$T/s-visits.csv"
# tori 20 people (new 1), puisto 3 (new 2), asema 12 (new 3, 4 anonymous): the
# total 35 would give puisto's 3 back, so asema is hidden too
printf 'time,place,people,new_people,anonymous\n2026-03-03T10:10,tori,20,1,10\n2026-03-03T12:10,puisto,3,2,0\n2026-03-04T10:10,asema,12,3,4\n' >"$T/s-enc.csv"
for k in places:s-places workers:s-workers pairs:s-pairs visits:s-visits encounters:s-enc; do
	"$O" import "${k%%:*}" "$T/${k#*:}.csv" >/dev/null
done
sqlite3 "$OUTREACH_DB" "INSERT INTO field_entries (pair_id, client_id, rev, day, place_id, people, g_benefits, g_debt, g_housing, g_home, g_mental_health, created_t, updated_t) VALUES (1, 'x1', 1, $(( $(date -ud 2026-03-03 +%s) / 86400 )), 1, 20, 1, 2, 3, 4, 12, 0, 0)"
for f in json csv pdf; do "$O" report --from 2026-03-01 --to 2026-03-31 --lang en --format $f --out "$T/s.$f" >/dev/null; done
pdftotext -layout "$T/s.pdf" "$T/s.txt"
kinds() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); t={x['id']:x for x in r['tables']}; print(json.dumps({x['key']:x['values'] for x in t[sys.argv[2]]['rows']}, ensure_ascii=False))" "$@"; }
check_grep "suppression: 3 people at the park is '< 5'" '"park": \{"visits": 1, "worker_hours": 2.0, "people": "< 5"' kinds "$T/s.json" kinds
check_grep "suppression: the station's 12 hidden, else 35 - 20 - 12 = 3" '"station": \{[^}]*"people": "×"' kinds "$T/s.json" kinds
check_grep "suppression: the total is shown" '"total": \{[^}]*"people": 35' kinds "$T/s.json" kinds
check_grep "suppression: the street's 20 is shown" '"street": \{[^}]*"people": 20' kinds "$T/s.json" kinds
check_grep "suppression: a rate of a hidden count is hidden" '"station": \{[^}]*"per_hour": "×"' kinds "$T/s.json" kinds
check_grep "suppression: new 1, 2, 3 all '< 5' (three hidden: no complement)" '"street": \{[^}]*"new": "< 5"' kinds "$T/s.json" kinds
check_grep "suppression: guidance of 1, 2, 3 and 4 hidden" '"benefits": \{"count": "< 5"\}, "debt": \{"count": "< 5"\}, "housing": \{"count": "< 5"\}, "home": \{"count": "< 5"\}, "mental_health": \{"count": 12\}' kinds "$T/s.json" guidance
check_grep "suppression: the 7 x 24 cell of 3 people is hidden" '"weekday": "Tu", "hour": 12, "hours": 1.0, "people": "< 5"' python3 -c "import json,sys; [print(json.dumps(c, ensure_ascii=False)) for c in json.load(open(sys.argv[1]))['presence']['cells']]" "$T/s.json"
check_grep "suppression: the CSV carries the same" '^kinds,station,Station,people,×,' cat "$T/s.csv"
check_grep "suppression: the CSV's '< 5'" '^kinds,park,Park,people,< 5,' cat "$T/s.csv"
check_grep "suppression: the PDF shows '< 5'" 'Park +1 \(0\) +2.0 \(0.0\) +< 5 \(0\)' cat "$T/s.txt"
check_grep "suppression: the PDF shows '×'" 'Station +1 \(0\) +2.0 \(0.0\) +× \(0\)' cat "$T/s.txt"
"$O" report --from 2026-03-01 --to 2026-03-31 --min-cell 3 --format json --out "$T/s3.json" >/dev/null
check_grep "--min-cell 3: 3 people are shown" '"park": \{[^}]*"people": 3' kinds "$T/s3.json" kinds
check_grep "--min-cell 3: 2 new people are not" '"park": \{[^}]*"new": "< 3"' kinds "$T/s3.json" kinds
"$O" config report_min_cell 4 >/dev/null
"$O" report --from 2026-03-01 --to 2026-03-31 --format json --out "$T/s4.json" >/dev/null
check_grep "report_min_cell 4 is the default" '"min_cell": 4' cat "$T/s4.json"
check_exit 1 "report_min_cell below 3 is refused" "$O" config report_min_cell 2

# ---- the demo database: a quarterly report in three languages -------------
export OUTREACH_DB=$T/demo.db
(cd "$ROOT" && DEMO_DB=$T/demo.db DEMO_SERVE=0 OUTREACH=$O scripts/demo.sh >"$T/demo.out" 2>&1)
check_grep "make demo says where the lead finds the report" 'Report tab' cat "$T/demo.out"
for l in fi:'Etsivän työn raportti' sv:'Rapport om uppsökande arbete' en:'Outreach report'; do
	"$O" report --from 2026-10-01 --to 2026-12-31 --lang "${l%%:*}" --format pdf --out "$T/demo-${l%%:*}.pdf" >/dev/null
	check_grep "demo: the quarter in ${l%%:*}" "${l#*:}" pdftotext "$T/demo-${l%%:*}.pdf" -
done
check_grep "demo: Finnish decimal comma" 'Työtunnit paikoilla +[0-9]+,[0-9]' pdftotext -layout "$T/demo-fi.pdf" -
check_grep "demo: Swedish guidance topics" 'Förmåner och inkomst' pdftotext "$T/demo-sv.pdf" -

# ---- the lead's download ---------------------------------------------------------
sqlite3 "$OUTREACH_DB" "DELETE FROM settings WHERE key = 'base_url'"
echo 'a long enough password' | "$O" user add boss --password-stdin >/dev/null
"$O" serve --port 0 >"$T/serve.out" 2>"$T/serve.log" &
pid=$!
for _ in $(seq 50); do grep -q serving "$T/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*serving \(http[^ ]*\) .*/\1/p' "$T/serve.out")
curl -s -c "$T/cj" -H 'Content-Type: application/json' -d '{"login":"boss","password":"a long enough password"}' "$base/api/login" >/dev/null
q="from=2026-10-01&to=2026-12-31"
check_grep "web: the PDF download" '^Content-Type: application/pdf' curl -s -b "$T/cj" -D - -o "$T/web.pdf" "$base/api/report?$q&format=pdf"
check_grep "web: a file name for it" 'attachment; filename="report-2026-10-01-2026-12-31.pdf"' curl -s -b "$T/cj" -D - -o /dev/null "$base/api/report?$q&format=pdf"
check_grep "web: the same PDF as the command line" 'Outreach report|Etsivän työn raportti' pdftotext "$T/web.pdf" -
check_grep "web: the CSV download" '^totals,all,' curl -s -b "$T/cj" "$base/api/report?$q&format=csv&lang=en"
check_grep "web: an unknown partner names the field" '"field":"partner"' curl -s -b "$T/cj" "$base/api/report?$q&partner=nobody"
check_grep "web: a bad date names the field" '"field":"to"' curl -s -b "$T/cj" "$base/api/report?from=2026-10-01&to=2026-13-01"
check_grep "web: only for the lead" '^HTTP/1.1 401' curl -s -D - -o /dev/null "$base/api/report?$q"
check_grep "web: the Report tab" 'id="tab-report"' curl -s "$base/"
kill -TERM $pid; wait $pid
