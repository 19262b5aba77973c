#!/usr/bin/env bash
# bench/routing: issue 4's targets (see main.c). Builds Routino's database
# of the Tampere extract in a temporary directory (planetsplitter with
# --prune-isolated, without which its router crashes), then runs once.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${BUILD:-build}
SH=${SHARED:-../shared}/osm
make --no-print-directory -s BUILD="$B" "$B/bench/routing" >/dev/null
R=$(mktemp -d)
trap 'rm -rf "$R"' EXIT
planetsplitter --dir="$R" --prune-none --prune-isolated=500 \
	"$SH/tampere_highways.osm.pbf" >/dev/null 2>&1
# The foot profile with equal preferences (see main.c): shortest by distance.
awk '/<profile name="foot"/{f=1} /<\/profile>/{f=0}
	f && /preference highway/ && !/motorway|ferry/ {sub(/percent="[0-9]+"/, "percent=\"100\"")}
	f && /property type/ {sub(/percent="[0-9]+"/, "percent=\"50\"")} {print}' \
	/usr/share/routino/profiles.xml >"$R/profiles.xml"
exec "$B/bench/routing" "$SH/helsinki_centre.osm.pbf" \
	"$SH/tampere_highways.osm.pbf" "$R" "$R/profiles.xml" \
	/usr/share/routino/translations.xml
