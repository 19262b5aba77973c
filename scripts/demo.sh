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
o() { ./outreach --db "$db" "$@"; }
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
monday=$(date -d "next monday" +%F)
echo
o plan --from "$monday" --weeks 8 --publish | head -12
echo "  ... ('./outreach --db $db plan show' prints the whole week)"
pw=$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | cut -c1-16)
echo "$pw" | o user add lead --password-stdin >/dev/null
echo
o status
echo
echo "Personal links (shown only now):"
o feed create worker aino --label "Aino's phone" | sed -n '1p;/https\?:/p'
o feed create partner pelastusarmeija --label "Salvation Army desk" | sed -n '1p;/https\?:/p'
o feed create team --label "lead" | sed -n '1p;/https\?:/p'
echo
echo "Demo database: $db"
echo "Open http://127.0.0.1:$port/ and log in as 'lead' with password: $pw"
echo "Worker and partner pages: replace /feeds/TOKEN.ics with /w/TOKEN or /p/TOKEN."
echo "Map data (c) OpenStreetMap contributors, ODbL."
[[ ${DEMO_SERVE:-1} == 0 ]] && exit 0
exec ./outreach --db "$db" serve --port "$port"
