#!/usr/bin/env bash
# The binary: help, global --db, exit codes, error format, import/export.
. "$(dirname "$0")/lib.sh"
EX=$ROOT/examples

check "help lists commands" bash -c "$O help | grep -q import"
check "help CMD" bash -c "$O help import | grep -q 'usage: outreach'"
check "CMD --help" bash -c "$O export --help | grep -q 'usage: outreach'"
check_exit 1 "unknown command exits 1" "$O" frobnicate
check_grep "unknown command message" "^outreach: 'frobnicate' is not a command" "$O" frobnicate
check_exit 1 "usage error exits 1" "$O" import places
check_exit 1 "no command exits 1" "$O"
check "version" "$O" --version

check "--db before the command" "$O" --db "$T/other.db" import areas "$EX/areas.csv"
check "--db file created" test -f "$T/other.db"
check "OUTREACH_DB default" "$O" import areas "$EX/areas.csv"
check "OUTREACH_DB file created" test -f "$OUTREACH_DB"
check "./outreach.db default" bash -c "cd $T && env -u OUTREACH_DB $O import areas $EX/areas.csv && test -f $T/outreach.db"

for k in partners places workers pairs availability absences visits encounters; do
	check "import $k" "$O" import "$k" "$EX/$k.csv"
done
check_grep "status counts" "^encounters +[1-9]" "$O" status

# A bad file: exit 1, FILE:LINE: column NAME, database unchanged.
"$O" export encounters >"$T/before.csv"
cp "$EX/encounters.csv" "$T/bad.csv"
echo "2026-11-20T12:00,kaivopiha,,,0,0,0" >>"$T/bad.csv"
n=$(wc -l <"$T/bad.csv")
check_exit 1 "bad row exits 1" "$O" import encounters "$T/bad.csv"
check_grep "bad row message" "^outreach: import: $T/bad.csv:$n: column people: '0' is out of range" \
	"$O" import encounters "$T/bad.csv"
"$O" export encounters >"$T/after.csv"
check "bad file changes nothing" cmp "$T/before.csv" "$T/after.csv"
check_grep "dry run" "valid \(dry run" "$O" import --dry-run places "$EX/places.csv"
check_exit 1 "missing file exits 1" "$O" import places "$T/nope.csv"
check_grep "missing file message" "nope.csv: No such file" "$O" import places "$T/nope.csv"

# Round trip through the CLI, CSV and JSON.
"$O" export places >"$T/p1.csv"
"$O" export partners >"$T/pa.csv"
check "export re-imports" bash -c "$O --db $T/rt.db import partners $T/pa.csv && $O --db $T/rt.db import places $T/p1.csv"
"$O" --db "$T/rt.db" export places >"$T/p2.csv"
check "round trip identical" cmp "$T/p1.csv" "$T/p2.csv"
check "export json parses" bash -c "$O export places --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d)==24 and d[0][\"key\"]'"
check_exit 1 "bad format" "$O" export places --format xml

# A newer database is refused with a clear message (exit 1).
python3 -c "import sqlite3; c=sqlite3.connect('$T/new.db'); c.execute('PRAGMA user_version=999'); c.commit()"
check_exit 1 "newer schema refused" "$O" --db "$T/new.db" status
check_grep "newer schema message" "newer than this binary" "$O" --db "$T/new.db" status

# stdout to a full device is an error, not silence.
if [[ -w /dev/full ]]; then
	check_exit 2 "write error on full disk" bash -c "$O export encounters >/dev/full"
fi
