#!/usr/bin/env bash
# bench/rounds: the weekly planner against a fixed-tour baseline and an
# oracle on the four simulated working models (see main.c).
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${BUILD:-build}
make --no-print-directory -s BUILD="$B" "$B/bench/rounds" >/dev/null
exec "$B/bench/rounds"
