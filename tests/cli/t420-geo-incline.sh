#!/usr/bin/env bash
# Steep paths are walked slower: a 100 m footway at 15 % loses to a flat
# 110 m detour; without the incline tag the straight way wins.
. "$(dirname "$0")/lib.sh"
check "import a steep way" "$O" import osm "$FIX/osm/incline.osm"
check_grep "the route takes the flat detour" '"metres":109\.' \
	"$O" route --from 60.0000,24.0000 --to 60.0009,24.0000 --format json
sed 's/<tag k="incline" v="15%"\/>//' "$FIX/osm/incline.osm" >"$T/flat.osm"
check "import it without the incline" "$O" --db "$T/flat.db" import osm "$T/flat.osm"
check_grep "then the straight way wins" '"metres":100\.' \
	"$O" --db "$T/flat.db" route --from 60.0000,24.0000 --to 60.0009,24.0000 --format json
sed 's/15%/up/' "$FIX/osm/incline.osm" >"$T/up.osm"
check "incline=up is steep too" bash -c "$O --db $T/up.db import osm $T/up.osm >/dev/null && $O --db $T/up.db route --from 60.0000,24.0000 --to 60.0009,24.0000 --format json | grep -q '\"metres\":109\.'"
sed 's/15%/3%/' "$FIX/osm/incline.osm" >"$T/gentle.osm"
check "a gentle slope is not" bash -c "$O --db $T/g.db import osm $T/gentle.osm >/dev/null && $O --db $T/g.db route --from 60.0000,24.0000 --to 60.0009,24.0000 --format json | grep -q '\"metres\":100\.'"
