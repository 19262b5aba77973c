#!/usr/bin/env bash
# The forecast kept per content version: after an import it is refitted,
# and equals the answer of a server that has just started (a fresh fit),
# also when many requests ask for it at once.
. "$(dirname "$0")/lib.sh"
for k in areas partners places workers pairs availability visits encounters; do
	"$O" import "$k" "$ROOT/examples/$k.csv" >/dev/null
done
echo 'a long enough password' | "$O" user add lead --password-stdin >/dev/null

start() {	# name: serves on a free port; sets pid_NAME and base_NAME
	"$O" serve --port 0 --quiet >"$T/$1.out" 2>"$T/$1.log" &
	eval "pid_$1=$!"
	for _ in $(seq 50); do grep -q serving "$T/$1.out" 2>/dev/null && break; sleep 0.1; done
	eval "base_$1=$(sed -n 's/.*serving \(http[^ ]*\) .*/\1/p' "$T/$1.out")"
	curl -s -o /dev/null -c "$T/$1.jar" -H 'Content-Type: application/json' \
		-d '{"login":"lead","password":"a long enough password"}' "$(eval echo "\$base_$1")/api/login"
}
Q='/api/forecast?place=rautatieasema&from=2026-09-07'
get() {	# name file
	curl -s -f -o "$2" -b "$T/$1.jar" "$(eval echo "\$base_$1")$Q"
}
# More encounters at the place: the example's, 30 (then 15) seconds later.
more() {
	awk -F, -v s="$1" 'NR == 1 || $2 == "rautatieasema" { if (NR > 1) sub(/:00\+/, ":" s "+"); print }' \
		"$ROOT/examples/encounters.csv" >"$T/more$1.csv"
	"$O" import encounters "$T/more$1.csv" >/dev/null
}

start a
check "forecast before the import" get a "$T/before.json"
more 30
check "forecast after the import" get a "$T/after.json"
check "the import changed the forecast" bash -c "! cmp -s '$T/before.json' '$T/after.json'"
check "the people met include the new encounters" python3 -c "
import json, sys
b, a = (json.load(open(f))['observed']['people'] for f in sys.argv[1:])
sys.exit(not (sum(a) == 2 * sum(b) > 0))" "$T/before.json" "$T/after.json"
start b
check "fresh server's forecast" get b "$T/fresh.json"
check "refreshed forecast equals a fresh fit" cmp "$T/after.json" "$T/fresh.json"
kill -TERM "$pid_b"; wait "$pid_b"

more 15
for i in $(seq 8); do get a "$T/many.$i.json" & done
wait $(jobs -p | grep -v "^$pid_a\$")
start c
check "fresh server's forecast, again" get c "$T/fresh2.json"
check "eight requests at once all get the new fit" bash -c \
	"for i in \$(seq 8); do cmp '$T/fresh2.json' '$T/many.'\$i'.json' || exit 1; done"
check "and it differs from the one before" bash -c "! cmp -s '$T/after.json' '$T/fresh2.json'"
check "hours carry both ranges, each holding the mean" python3 -c "
import json, sys
h = [x for x in json.load(open(sys.argv[1]))['hours'] if x['open'] > 0]
sys.exit(not h or any(not (x['rate_lower'] <= x['mean'] <= x['rate_upper'] and
                          x['met_lower'] <= x['met_upper']) for x in h))" "$T/fresh2.json"
curl -s -f -o "$T/bt.json" -b "$T/c.jar" "${base_c}/api/forecast/backtest"
check "the backtest for the calibration panel" python3 -c "
import json, sys
b = json.load(open(sys.argv[1]))
sys.exit(not ('calibrated' in b and 'changes' in b and (b['calibrated'] or b['note'])))" "$T/bt.json"
kill -TERM "$pid_c" "$pid_a"
wait "$pid_a"
check "clean exit on SIGTERM" test $? -eq 0
