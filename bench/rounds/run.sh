#!/usr/bin/env bash
# bench/rounds: the weekly planner against a fixed-tour baseline and an
# oracle on the four simulated working models, the scarce-hours table of
# issue 20 against the first greedy chooser (see main.c), and the time of
# a 13-week plan of the demo database (examples/, streets if the extract
# is there; built as scripts/demo.sh builds it).
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${BUILD:-build}
make --no-print-directory -s BUILD="$B" "$B/bench/rounds" "${BIN:-outreach}" >/dev/null
"$B/bench/rounds"
db=$(mktemp -d)/demo.db
trap 'rm -rf "$(dirname "$db")"' EXIT
for kind in areas partners places workers pairs availability absences visits encounters commitments; do
	./outreach --db "$db" import "$kind" "examples/$kind.csv" >/dev/null
done
osm=../shared/osm/helsinki_centre.osm.pbf
[[ -f $osm ]] && ./outreach --db "$db" import osm "$osm" >/dev/null
line=$(./outreach --db "$db" plan --from 2026-11-30 --weeks 13 --dry-run 2>/dev/null | head -n 2 | tr '\n' ' ' || true)
s=$(sed -n 's/.*; \([0-9.]*\) s .*/\1/p' <<<"$line")
echo "demo database, 13 weeks: $line"
awk -v s="$s" 'BEGIN { printf "demo plan time %.2f s (target <= 2 s): %s\n", s, s <= 2 ? "MET" : "NOT MET" }'
