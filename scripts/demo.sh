#!/usr/bin/env bash
# make demo: a fresh demo database from examples/ (real places of Helsinki
# centre), a team lead's login, personal links, then the web service.
#   DEMO_DB=path     where the database goes (default demo/outreach.db)
#   PORT=8080        the port to serve on
#   DEMO_SERVE=0     build the database and stop (no server)
#   OSM=file.osm.pbf the street network (default: Helsinki centre from
#                    ../shared/osm; use your own town's extract)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${DEMO_DB:-demo/outreach.db}
port=${PORT:-8080}
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
bin=${OUTREACH:-./outreach}
o() { "$bin" --db "$db" "$@"; }
for kind in areas partners places workers pairs availability absences visits encounters commitments; do
	o import "$kind" "examples/$kind.csv"
done
osm=${OSM:-../shared/osm/helsinki_centre.osm.pbf}
if [[ -f $osm ]]; then
	o import osm "$osm"
else
	echo "demo: no OpenStreetMap extract at $osm: routes will be straight lines" >&2
fi
o config base_url "http://127.0.0.1:$port" >/dev/null
# From this week's Monday (Helsinki time), so that today's shifts are in the
# plan and the worker's page opens on today's shift, ready to log.
today=$(TZ=Europe/Helsinki date +%F)
monday=$(date -d "$today -$(($(TZ=Europe/Helsinki date +%u) - 1)) days" +%F)
echo
# The whole plan goes to a file first: piping the planner into head(1)
# would kill it with SIGPIPE and, under pipefail, the whole demo.
o plan --from "$monday" --weeks 8 --publish >"$db.plan.txt"
head -12 "$db.plan.txt"
echo "  ... ('./outreach --db $db plan show' prints the whole week)"
rm -f "$db.plan.txt"
pw=$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | cut -c1-16)
echo "$pw" | o user add lead --password-stdin >/dev/null
echo
o status
echo
echo "Personal links (shown only now):"
# link KIND SUBJECT LABEL PAGE: create a feed, print its calendar and page URLs
link() {
	local url
	url=$(o feed create "$1" $2 --label "$3" | grep -o 'http[s]*://[^ ]*/feeds/[^ ]*\.ics' | head -1)
	[[ -n $url ]] || { echo "demo: no link for $1 $2" >&2; exit 1; }
	printf '  %-36s %s\n' "$3, calendar:" "$url"
	[[ -n $4 ]] && printf '  %-36s %s\n' "$3, page:" "${url%/feeds/*}/$4/$(basename "$url" .ics)"
	return 0
}
link worker aino "Aino (worker)" w
link partner pelastusarmeija "Salvation Army (partner)" p
link team "" "The whole team" ""
aino_today=$(o plan export --format json | python3 -c '
import json, sys
days = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
t, wd = sys.argv[1], days[int(sys.argv[2]) - 1]
print(sum(1 for s in json.load(sys.stdin)["shifts"] if "aino" in s["workers"] and s["weekday"] == wd
          and s["recurrence"]["first"] <= t <= s["recurrence"]["last"]
          and t not in [x["date"] for x in s["recurrence"]["skipped"]]))' "$today" "$(TZ=Europe/Helsinki date +%u)")
if ((aino_today > 0)); then
	echo "  Aino's page opens on today's shift: log arrivals, tallies and skipped stops there."
else
	echo "  Aino has no shift today (a weekend, a holiday or her absence): her page shows the"
	echo "  coming shifts, and the field log opens on her next shift day."
fi
echo
echo "Demo database: $db"
echo "Open http://127.0.0.1:$port/ and log in as 'lead' with password: $pw"
echo "Reports for decision makers: the Report tab, http://127.0.0.1:$port/#report (PDF or CSV; e.g. 1.10.-31.12.2026)"
echo "Map data (c) OpenStreetMap contributors, ODbL."
[[ ${DEMO_SERVE:-1} == 0 ]] && exit 0
exec "$bin" --db "$db" serve --port "$port"
