#!/usr/bin/env bash
# bench/field: the field log under load. PHONES (default 200) phones, each
# a worker's link with a shift yesterday, sync a queue of ENTRIES (default
# 50) entries at once over loopback; then resend them all. Prints p50/p99
# per request and checks that every entry is stored exactly once.
set -euo pipefail
cd "$(dirname "$0")/../.."
O=${OUTREACH:-$PWD/outreach}
PHONES=${PHONES:-200}
ENTRIES=${ENTRIES:-50}
T=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null && { wait "$pid" 2>/dev/null || true; }; rm -rf "$T"; }
trap cleanup EXIT
export OUTREACH_DB=$T/bench.db
for k in areas partners places; do "$O" import "$k" "examples/$k.csv" >/dev/null; done
day=$(TZ=Europe/Helsinki date -d yesterday +%F)
python3 - "$PHONES" "$day" >"$T/team.sql" <<'PY'
import datetime, sys, time
n, day = int(sys.argv[1]), datetime.date.fromisoformat(sys.argv[2])
d = (day - datetime.date(1970, 1, 1)).days
t = int(time.time())
print("BEGIN;")
for k in range(n):
    print(f"INSERT INTO workers(key, name, role, weekly_hours) VALUES ('w{k:04d}', 'Worker {k}', 'social_counsellor', 37.5);")
print(f"INSERT INTO plans(id, created_t, from_day, weeks, status, published_t) VALUES (1, {t}, {d - 7}, 3, 'published', {t});")
for k in range(n):
    print(f"INSERT INTO pairs(key, worker_a, worker_b) VALUES ('p{k:04d}', (SELECT id FROM workers WHERE key = 'w{k:04d}'),"
          f" (SELECT id FROM workers WHERE key = 'w{(k + 1) % n:04d}'));")
    print(f"INSERT INTO shifts(plan_id, pair_id, weekday, start_min, end_min, first_day, last_day, created_t, modified_t)"
          f" VALUES (1, (SELECT id FROM pairs WHERE key = 'p{k:04d}'), {day.weekday()}, 0, 1440, {d - 7}, {d + 7}, {t}, {t});")
print("COMMIT;")
PY
sqlite3 "$OUTREACH_DB" <"$T/team.sql"
sqlite3 "$OUTREACH_DB" "SELECT s.id FROM shifts s JOIN pairs p ON p.id = s.pair_id ORDER BY p.key" >"$T/shifts"
for ((k = 0; k < PHONES; k++)); do
	"$O" feed create worker "$(printf 'w%04d' "$k")" | grep -o '/feeds/[A-Za-z0-9_-]*' | head -1 | cut -d/ -f3
done >"$T/tokens"
"$O" serve --port "${PORT:-18293}" --quiet >"$T/serve.out" 2>"$T/serve.err" &
pid=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:${PORT:-18293}/api/session" && break; sleep 0.1; done
echo "Field log: $PHONES phones x $ENTRIES entries each, all at once over loopback, then the same queues again"
python3 bench/field/phones.py "http://127.0.0.1:${PORT:-18293}" "$OUTREACH_DB" "$T/tokens" "$T/shifts" "$day" "$ENTRIES"
