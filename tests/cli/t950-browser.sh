#!/usr/bin/env bash
# A real browser: Debian's headless Chromium driven by python3-selenium.
# Screenshots are kept in tests/out/browser/.
. "$(dirname "$0")/lib.sh"
for k in areas partners places workers pairs availability absences visits encounters commitments; do
	"$O" import "$k" "$ROOT/examples/$k.csv" >/dev/null
done
"$O" import osm "$SHARED/osm/helsinki_centre.osm.pbf" >/dev/null
sqlite3 "$OUTREACH_DB" <"$ROOT/tests/fixtures/feeds/plan.sql"
echo 'a long enough password' | "$O" user add lead --password-stdin >/dev/null
"$O" serve --port 0 >"$T/serve.out" 2>"$T/serve.log" &
pid=$!
for i in $(seq 50); do grep -q 'serving' "$T/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*serving \(http[^ ]*\) .*/\1/p' "$T/serve.out")
printf 'key,name,contact\nkirkko,Seurakunnan ruokajakelu,info@example.org\n' >"$T/partners.csv"
rm -rf "$ROOT/tests/out/browser"
timeout 180 /usr/bin/python3 "$ROOT/tests/web/browser_check.py" "$base" lead 'a long enough password' \
	"$T/partners.csv" "$ROOT/tests/out/browser" 2>&1
check "browser run finished" test $? -ne 124
kill -TERM $pid
wait $pid
