#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS; a crash fails and its input is
# kept in $B/fuzz/crash-NAME-*; copy it to tests/fuzz/regress/NAME/ once
# fixed so make test replays it forever.
#   scripts/fuzz.sh SECONDS fuzz_a fuzz_b ...
set -u
B=${BUILD:-build}
secs=$1; shift
rc=0
for t in "$@"; do
	name=${t#fuzz_}
	corpus=$B/fuzz/corpus/$name
	mkdir -p "$corpus"
	seeds=()
	for d in tests/fuzz/seeds/$name tests/fuzz/regress/$name; do [[ -d $d ]] && seeds+=("$d"); done
	echo "== $t for ${secs}s"
	if $B/fuzz/bin/$t -max_total_time="$secs" -artifact_prefix="$B/fuzz/crash-$name-" \
		-print_final_stats=1 "$corpus" "${seeds[@]}" >$B/fuzz/$name.log 2>&1; then
		grep -E 'stat::number_of_executed_units|cov:' $B/fuzz/$name.log | tail -2
		echo "ok   $t: no crash"
	else
		echo "FAIL $t"; tail -40 $B/fuzz/$name.log; rc=1
	fi
done
exit $rc
