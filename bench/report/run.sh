#!/usr/bin/env bash
# bench/report: a year of a Helsinki-sized team (simulated: 4 pairs,
# about 3,000 encounters a month, 400 field-log entries, a published
# plan), then the year's report built and rendered in every format.
# Target (issue 16): the PDF in under 2 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${BUILD:-build}
O=${OUTREACH:-$PWD/outreach}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export OUTREACH_DB=$T/bench.db
make --no-print-directory -s BUILD="$B" "$B/bench/report" >/dev/null
"$O" simulate --scenario helsinki --weeks 52 --seed 1 --volume 16 --out "$T/sim" >/dev/null
for k in partners places workers pairs availability visits encounters; do
	"$O" import "$k" "$T/sim/$k.csv" >/dev/null
done
"$O" plan --from 2026-09-07 --weeks 8 --publish >/dev/null 2>&1
python3 tests/report/field_entries.py "$OUTREACH_DB" 2025-11-24 2026-11-22 400 | sqlite3 "$OUTREACH_DB"
n=$(sqlite3 "$OUTREACH_DB" "SELECT count(*) FROM encounters WHERE t >= strftime('%s', '2025-12-01') AND t < strftime('%s', '2026-12-01')")
echo "a year: $n encounters ($((n / 12)) a month), $(sqlite3 "$OUTREACH_DB" 'SELECT count(*) FROM visits') visits, $(sqlite3 "$OUTREACH_DB" 'SELECT count(*) FROM places') places"
"$B/bench/report" "$OUTREACH_DB" 2025-12-01 2026-11-30
