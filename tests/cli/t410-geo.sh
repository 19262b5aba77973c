#!/usr/bin/env bash
# Walking graph: import osm, route (json, geojson, gpx parsed back), matrix,
# bad input keeping the previous graph. Fixture: tests/fixtures/osm/small.osm.
. "$(dirname "$0")/lib.sh"
OSM=$FIX/osm/small.osm
HEL=$SHARED/osm/helsinki_centre.osm.pbf
cat >"$T/places.csv" <<'CSV'
key,name,kind,lat,lon,stay_minutes
a,Corner A,street,60.0,25.0,10
c,Corner C,street,60.0,25.004,10
n12,Square,street,60.003,25.002,10
CSV
check "import places" "$O" import places "$T/places.csv"
check_grep "import osm reports and credits" "© OpenStreetMap contributors" "$O" import osm "$OSM"
check_grep "import osm reports what was dropped" "dropped 2 small unconnected parts" "$O" import osm "$OSM"
check_grep "route json" '"metres":222\.4' "$O" route --from 60,25 --to 60,25.004
check_grep "route by place keys" '"metres":222\.4' "$O" route --from c --to a
check_grep "route speed" '"seconds":107,' "$O" route --from a --to c --speed 7.5

"$O" route --from a --to n12 --format geojson >"$T/r.geojson" 2>&1
check "geojson parses, lon/lat order" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["type"] == "Feature" and d["geometry"]["type"] == "LineString"
c = d["geometry"]["coordinates"]
assert c[0] == [25.0, 60.0], c[0]
assert all(24 < x < 26 and 59 < y < 61 for x, y in c)
assert "OpenStreetMap" in d["properties"]["credit"]' "$T/r.geojson"

"$O" route --from a --to n12 --format gpx >"$T/r.gpx" 2>&1
check "gpx 1.1 parses" python3 -c '
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://www.topografix.com/GPX/1/1"}
r = ET.parse(sys.argv[1]).getroot()
assert r.get("version") == "1.1"
pts = r.findall("g:trk/g:trkseg/g:trkpt", ns)
assert len(pts) >= 3, len(pts)
assert (float(pts[0].get("lat")), float(pts[0].get("lon"))) == (60.0, 25.0)
assert r.find("g:metadata/g:copyright", ns).get("author") == "OpenStreetMap contributors"' "$T/r.gpx"

check_grep "matrix csv" '^a,c,178,222$' "$O" matrix --places a,c
check "matrix json parses" bash -c "$O matrix --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d[\"places\"] == [\"a\", \"c\", \"n12\"]
assert d[\"seconds\"][0][0] == 0 and d[\"metres\"][0][1] == 222'"

check_exit 1 "unknown place key exits 1" "$O" route --from a --to nowhere
check_grep "unknown place key message" "unknown place 'nowhere'" "$O" route --from a --to nowhere
check_grep "matrix unknown key" "unknown place 'zz'" "$O" matrix --places a,zz
check_exit 1 "outside the area exits 1" "$O" route --from a --to 61,25
check_grep "outside the area message" "outside the imported area" "$O" route --from a --to 61,25
check_exit 1 "bad format" "$O" route --from a --to c --format kml
check_exit 1 "missing --to" "$O" route --from a

before=$("$O" route --from a --to c)
check_exit 1 "truncated osm exits 1" "$O" import osm "$FIX/osm/truncated.osm"
check_grep "truncated osm message" "truncated or corrupt" "$O" import osm "$FIX/osm/truncated.osm"
check_exit 1 "corrupt osm exits 1" "$O" import osm "$FIX/osm/corrupt.osm"
head -c 2000 "$HEL" >"$T/cut.osm.pbf" 2>/dev/null
check_exit 1 "truncated pbf exits 1" "$O" import osm "$T/cut.osm.pbf"
check_exit 1 "wrong suffix exits 1" "$O" import osm "$T/places.csv"
check "graph kept after bad imports" bash -c "[[ \$($O route --from a --to c) == '$before' ]]"

if [[ -r $HEL ]]; then
	check "import helsinki" "$O" import osm "$HEL"
	check "station to Senaatintori along the streets" bash -c "$O route \
		--from 60.1713198,24.9414566 --to 60.1695101,24.9522738 --format geojson | python3 -c '
import json, sys, math
d = json.load(sys.stdin)
m = d[\"properties\"][\"metres\"]
c = d[\"geometry\"][\"coordinates\"]
assert 300 < m < 1200 and len(c) > 10, (m, len(c))'"
fi
