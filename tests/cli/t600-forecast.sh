#!/usr/bin/env bash
# forecast, simulate and places suggest: a simulated history imports, the
# forecast has one row per place and hour with DST-correct local times.
. "$(dirname "$0")/lib.sh"
S=$T/sim
check "simulate food" "$O" simulate --scenario food --weeks 30 --seed 3 --out "$S"
for k in partners places workers pairs availability visits encounters; do
	check "import simulated $k" "$O" import "$k" "$S/$k.csv"
done
check_grep "truth header" "^place,hour_of_week,month,rate$" head -1 "$S/truth.csv"
check_exit 1 "simulate unknown scenario" "$O" simulate --scenario mars --weeks 2 --out "$S"
check_exit 1 "forecast needs --from" "$O" forecast --weeks 1
check_exit 1 "forecast unknown place" "$O" forecast --from 2026-10-19 --weeks 1 --place nowhere

p=$(sed -n 2p "$S/places.csv" | cut -d, -f1)
"$O" forecast --from 2026-10-19 --weeks 1 --place "$p" >"$T/fc.csv"
check_grep "forecast header" "^place,start,end,expected_people,rate_lower,rate_upper,met_lower,met_upper$" head -1 "$T/fc.csv"
check "one week is 169 rows (25-hour Sunday) + header" test "$(wc -l <"$T/fc.csv")" -eq 170
check "October Sunday has 25 rows" test "$(grep -c "^[^,]*,2026-10-25T" "$T/fc.csv")" -eq 25
check_grep "repeated hour in summer time" ",2026-10-25T03:00:00\+03:00,2026-10-25T03:00:00\+02:00," cat "$T/fc.csv"
check_grep "repeated hour in winter time" ",2026-10-25T03:00:00\+02:00,2026-10-25T04:00:00\+02:00," cat "$T/fc.csv"
"$O" forecast --from 2026-03-29 --weeks 1 --place "$p" >"$T/mar.csv"
check "March Sunday has 23 rows" test "$(grep -c "^[^,]*,2026-03-29T" "$T/mar.csv")" -eq 23
check "March skipped hour absent" bash -c "! grep -q ',2026-03-29T03:' $T/mar.csv"
check "food distribution closed outside its slot" bash -c \
	"awk -F, 'NR>1 && \$4 > 0' $T/fc.csv | wc -l | grep -qx 2"
check "json format" bash -c "$O forecast --from 2026-10-19 --weeks 1 --place $p --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d)==169'"
check "intervals hold the mean" bash -c \
	"awk -F, 'NR>1 && (\$5 > \$4 || \$6 < \$4) {bad=1} END {exit bad}' $T/fc.csv"
check "people met: whole numbers, lower <= upper, around the mean" bash -c \
	"awk -F, 'NR>1 && (\$7 != int(\$7) || \$7 > \$8 || \$7 > \$4 + 1 || \$8 + 1 < \$4) {bad=1} END {exit bad}' $T/fc.csv"
check "a busy hour's people-met range is wider than its rate range" bash -c \
	"awk -F, 'NR>1 && \$4 > 5 && \$8 - \$7 > \$6 - \$5 {ok=1} END {exit !ok}' $T/fc.csv"
"$O" forecast --backtest >"$T/bt.txt"
check_grep "backtest header" "^backtest: 8 origins of 2 weeks" cat "$T/bt.txt"
check_grep "backtest overall row" "^all  *[1-9][0-9]* " cat "$T/bt.txt"
check "backtest json: rows per kind, coverage in 0..1" bash -c "$O forecast --backtest --weeks 1 --origins 4 --format json | python3 -c '
import json, sys
b = json.load(sys.stdin)
assert b[\"origins\"] == 4 and b[\"weeks\"] == 1 and b[\"rows\"][0][\"kind\"] == \"all\"
assert all(0 <= r[\"met_cover_model\"] <= 1 and 0 <= r[\"met_cover_calibrated\"] <= 1 for r in b[\"rows\"])
assert sum(r[\"hours\"] for r in b[\"rows\"][1:]) == b[\"rows\"][0][\"hours\"]'"
check_grep "too short a history: the model's own ranges, said so" "not calibrated: .*the model's own ranges" \
	"$O" forecast --backtest --origins 1
check_exit 1 "backtest with --from" "$O" forecast --backtest --from 2026-10-19
check_exit 1 "backtest with no origins" "$O" forecast --backtest --origins 0
check "--origins 0: the model's own ranges" bash -c \
	"$O forecast --from 2026-10-19 --weeks 1 --place $p --origins 0 | awk -F, 'NR>1 && \$4 > 0' | grep -q ."
check_grep "places suggest header" "^lat,lon,encounters,people,nearest_place,nearest_m$" "$O" places suggest
check_exit 1 "places needs suggest" "$O" places
