#!/usr/bin/env bash
# make demo: a fresh demo database from examples/ (real places of Helsinki
# centre), then shows what it holds.  DEMO_DB=path overrides the location.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${DEMO_DB:-demo/outreach.db}
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
o() { ./outreach --db "$db" "$@"; }
for kind in areas partners places workers pairs availability absences visits encounters commitments; do
	o import "$kind" "examples/$kind.csv"
done
echo
o status
echo
echo "Places (examples/places.csv):"
o export places | awk -F, '{ printf "  %-22s %-34s %s\n", $1, $2, $3 }'
echo
echo "Demo database: $db   (try: ./outreach --db $db export encounters --format json)"
