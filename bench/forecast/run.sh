#!/usr/bin/env bash
# bench/forecast: the encounter model against the simulator's truth on the
# four scenarios, two untuned ones (other seeds, volumes and sizes) and a
# 5-year x 80-place history for the fit time. Targets (issue 6): skill on
# observed place-hours >= 0.6, hotspot >= 0.8, skill on all > 0, 80 %
# intervals covering 70-90 %, fit < 1 s, 4-week forecast < 0.5 s; issue 19:
# coverage after calibration (8-origin backtest, < 5 s). "--worlds
# tuning|heldout" runs the independent generator (world.c) instead.
# The Makefile's bench rule puts main.o under build/rel/bench/forecast/,
# the same path as the binary, so this script links it beside: forecast/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${BUILD:-build}
# Only what the benchmark links (the rest of the tree may be mid-change).
srcs=$(ls util/*.c calendars/holidays.c calendars/hours.c planner/model/model.c planner/model/model_est.c planner/model/model_math.c planner/model/model_drift.c planner/model/backtest.c planner/sim/simulate*.c bench/forecast/world.c)
objs=$(for f in $srcs; do echo "$B/rel/${f%.c}.o"; done)
make --no-print-directory -s BUILD="$B" $objs "$B/rel/bench/forecast/main.o" >/dev/null
cc -o "$B/rel/bench/forecast/run" "$B/rel/bench/forecast/main.o" $objs -lm
exec "$B/rel/bench/forecast/run" --pois "${POIS:-../shared/osm/pois.csv}" "$@"
