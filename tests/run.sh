#!/usr/bin/env bash
# Runs every test against one build (default build/asan) and ends with the
# line "N passed, N failed" that CI reads.
#   unit tests  build/V/tests/test_*   (cmocka; its summary lines are counted)
#   fuzz replay build/V/fuzz/fuzz_*    (each kept input in tests/fuzz/regress/NAME/)
#   CLI tests   tests/cli/t*.sh        (TAP-like "ok"/"not ok" lines)
set -u
B=${1:-build/asan}
[[ $B == /* ]] || B=$PWD/$B
export OUTREACH_BIN=${OUTREACH_BIN:-$B/outreach}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "$0")" && pwd)/lsan.supp:print_suppressions=0}
export CMOCKA_MESSAGE_OUTPUT=stdout
pass=0 fail=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

count_cmocka() {	# file -> adds to pass/fail
	local p f
	p=$(grep -E '^\[  PASSED  \] [0-9]+ test' "$1" | grep -oE '[0-9]+' | head -1)
	f=$(grep -E '^\[  FAILED  \] [0-9]+ test' "$1" | grep -oE '[0-9]+' | head -1)
	pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
}

for t in "$B"/tests/test_*; do
	[[ -x $t ]] || continue
	name=$(basename "$t")
	if "$t" >"$log/$name" 2>&1; then rc=0; else rc=$?; fi
	if [[ $rc -ne 0 ]] && ! grep -q '^\[  FAILED  \]' "$log/$name"; then
		fail=$((fail + 1))	# crashed or sanitizer abort before the summary
		echo "FAIL $name (exit $rc)"; tail -40 "$log/$name"
	else
		count_cmocka "$log/$name"
		[[ $rc -eq 0 ]] && echo "ok   $name" || { echo "FAIL $name"; grep -E 'FAILED|ERROR|Failure|error' "$log/$name" | head -40; }
	fi
done

for f in "$B"/fuzz/fuzz_*; do
	[[ -x $f ]] || continue
	name=$(basename "$f")
	inputs=(tests/fuzz/regress/${name#fuzz_}/* tests/fuzz/seeds/${name#fuzz_}/*)
	inputs=($(ls -d "${inputs[@]}" 2>/dev/null))
	((${#inputs[@]})) || continue
	if "$f" "${inputs[@]}" >"$log/$name" 2>&1; then
		pass=$((pass + 1)); echo "ok   $name replay (${#inputs[@]} inputs)"
	else
		fail=$((fail + 1)); echo "FAIL $name replay"; tail -30 "$log/$name"
	fi
done

for s in tests/cli/t*.sh; do
	[[ -f $s ]] || continue
	name=$(basename "$s" .sh)
	bash "$s" >"$log/$name" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log/$name"); f=$(grep -c '^not ok ' "$log/$name")
	if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; echo "not ok $name exited $rc" >>"$log/$name"; fi
	pass=$((pass + p)); fail=$((fail + f))
	if [[ $f -eq 0 ]]; then echo "ok   $name ($p checks)"; else echo "FAIL $name"; grep -B2 -A12 '^not ok' "$log/$name" | head -80; fi
done

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
