#!/usr/bin/env bash
# bench/forecast/sets.sh tuning|heldout: the evaluation protocol of the
# encounter model. "tuning" are other seeds, volumes and sizes one may look
# at while changing the model (with the default runs of run.sh); "heldout"
# (seeds 900-909) is run only to check a finished change, and its result is
# reported as it is: tuning constants on it would make it one more tuning
# set. Prints one row per run and "SET: N/M ok"; exit 1 when a run misses.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${BUILD:-build}
bash bench/forecast/run.sh --quick --scenario porvoo,1,1,1,0 >/dev/null || true	# builds
tuning="helsinki,90,777,0.8,60 helsinki,104,31337,1.3,0 helsinki,60,8,0.5,40
porvoo,120,2024,1,0 food,80,99,0.7,0 meeting,104,555,1.2,0 meeting,78,4242,0.7,0
porvoo,156,12345,0.8,18 meeting,104,21,1,0 food,130,22,1.4,0 porvoo,78,23,1.2,20
helsinki,130,24,1,80"
heldout="porvoo,156,900,1.3,20 helsinki,104,901,0.7,70 food,78,902,1.5,0
meeting,130,903,0.9,0 porvoo,104,904,0.6,25 helsinki,60,905,1.8,40 food,156,906,0.5,0
meeting,52,907,2.0,0 porvoo,208,908,1.0,12 helsinki,156,909,0.5,80"
case ${1:-} in
tuning) list=$tuning ;;
heldout) list=$heldout ;;
*) echo "usage: $0 tuning|heldout" >&2; exit 2 ;;
esac
ok=0 n=0
for s in $list; do
	row=$("$B/rel/bench/forecast/run" --pois "${POIS:-../shared/osm/pois.csv}" --scenario "$s" | sed -n 2p) || true
	printf '%-26s %s\n' "$s" "${row:19}"
	n=$((n + 1))
	[[ $row == *' ok' ]] && ok=$((ok + 1))
done
echo "$1: $ok/$n ok"
[[ $ok -eq $n ]]
