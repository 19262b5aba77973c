#!/usr/bin/env bash
# bench/team: long shifts (6-8 h, 60-120 candidate nodes) at the weekly
# planner's solver budget, and the weekly plan of 12 pairs and 400 places
# for 13 weeks (issue 18; see main.c). One process, at nice 10.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${BUILD:-build}
make --no-print-directory -s BUILD="$B" "$B/bench/team" >/dev/null
exec nice -n 10 "$B/bench/team"
