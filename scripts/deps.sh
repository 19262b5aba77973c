#!/usr/bin/env bash
# Installs the Debian 12 packages a group of make targets needs.
#   scripts/deps.sh GROUP...   groups: build test fuzz bench demo
# As root it runs apt-get; otherwise it prints the exact sudo line and fails.
set -euo pipefail

declare -A PK
PK[build]="build-essential pkg-config libsqlite3-dev libgeos-dev libical-dev
  libjs-leaflet libjs-chart.js
  libmicrohttpd-dev libreadosm-dev libexpat1-dev libjansson-dev libsodium-dev libcsv-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core"
PK[test]="libcmocka-dev sqlite3 python3 python3-icalendar python3-selenium
  chromium chromium-driver
  python3-recurring-ical-events curl poppler-utils"
PK[fuzz]="clang libclang-rt-14-dev"
PK[bench]="libroutino-dev routino hyperfine nginx-light wrk curl"
PK[demo]=""

want=()
for g in "$@"; do
	[[ -v PK[$g] ]] || { echo "deps.sh: unknown group '$g'" >&2; exit 2; }
	for p in ${PK[$g]}; do want+=("$p"); done
done
# Node.js and npm for ical.js in the feed tests: Debian's, unless the
# machine already has a node.
if [[ " $* " == *" test "* ]] && ! command -v node >/dev/null; then
	want+=(nodejs npm)
fi
missing=()
for p in "${want[@]}"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[[ $st == "install ok installed" ]] || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

if [[ $(id -u) -ne 0 ]]; then
	echo "outreach: missing Debian packages; run:" >&2
	echo "  sudo apt-get install -y ${missing[*]}" >&2
	exit 1
fi
echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
