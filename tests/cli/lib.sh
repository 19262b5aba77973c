# Shared helpers for CLI tests: source it, then call check/check_fail.
# Each check prints "ok - NAME" or "not ok - NAME" with the output.
set -u
O=${OUTREACH_BIN:?set OUTREACH_BIN}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export OUTREACH_DB=$T/test.db
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FIX=$ROOT/tests/fixtures
SHARED=${SHARED:-$ROOT/../shared}

_report() {	# rc name
	if [[ $1 -eq 0 ]]; then echo "ok - $2"; else
		echo "not ok - $2"; sed 's/^/# /' "$T/out" | head -30
	fi
}
# check NAME CMD...: CMD must exit 0
check() { local n=$1; shift; "$@" >"$T/out" 2>&1; _report $? "$n"; }
# check_exit CODE NAME CMD...: CMD must exit with CODE
check_exit() {
	local c=$1 n=$2; shift 2; "$@" >"$T/out" 2>&1; local rc=$?
	[[ $rc -eq $c ]]; local ok=$?
	[[ $ok -eq 0 ]] || echo "# exit $rc, wanted $c" >>"$T/out"
	_report $ok "$n"
}
# check_grep NAME PATTERN CMD...: CMD's output (stdout+stderr) matches PATTERN
check_grep() {
	local n=$1 p=$2; shift 2; "$@" >"$T/out" 2>&1
	grep -qE -- "$p" "$T/out"; local ok=$?
	[[ $ok -eq 0 ]] || echo "# pattern not found: $p" >>"$T/out"
	_report $ok "$n"
}
# import_examples: the example team (examples/*.csv) into $OUTREACH_DB
import_examples() {
	local k
	for k in areas partners places workers pairs availability absences visits encounters commitments; do
		"$O" import "$k" "$ROOT/examples/$k.csv" >/dev/null || return 1
	done
}
# serve_start: `outreach serve` on a free port; sets pid and base (its URL)
serve_start() {
	"$O" serve --port 0 >"$T/serve.out" 2>"$T/serve.log" &
	pid=$!
	for _ in $(seq 50); do grep -q serving "$T/serve.out" 2>/dev/null && break; sleep 0.1; done
	base=$(sed -n 's/.*serving \(http[^ ]*\) .*/\1/p' "$T/serve.out")
}
