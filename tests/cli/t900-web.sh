#!/usr/bin/env bash
# The web service's JSON API: every endpoint, bad input, wrong roles.
. "$(dirname "$0")/lib.sh"
for k in areas partners places workers pairs availability absences visits encounters commitments; do "$O" import "$k" "$ROOT/examples/$k.csv" >/dev/null; done
sqlite3 "$OUTREACH_DB" <"$ROOT/tests/fixtures/feeds/plan.sql"
check "user add" bash -c "echo 'a long enough password' | $O user add lead --password-stdin"
check_exit 1 "short password refused" bash -c "echo short | $O user add lead2 --password-stdin"
"$O" serve --port 0 >"$T/serve.out" 2>"$T/serve.log" &
pid=$!
for i in $(seq 50); do grep -q 'serving' "$T/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*serving \(http[^ ]*\) .*/\1/p' "$T/serve.out")
check "server started" test -n "$base"
/usr/bin/python3 "$ROOT/tests/web/api_check.py" "$base" lead 'a long enough password' 2>&1
check "no secrets in the request log" bash -c "! grep -E '/(w|p|feeds|api/link)/[A-Za-z0-9_-]{43}' $T/serve.log"
check "log lines: method path status ms" grep -qE '^POST /api/login 200 [0-9.]+ms$' "$T/serve.log"
kill -TERM $pid
wait $pid
check "clean exit on SIGTERM" test $? -eq 0
