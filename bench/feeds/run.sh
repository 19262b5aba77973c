#!/usr/bin/env bash
# bench/feeds: requests per second for a worker's feed (about 30 KB) from
# `outreach serve` and from Debian's nginx serving the same bytes as a
# static file, both on loopback, measured by wrk in the same run
# (32 connections): plain 200s and conditional 304s.
# Target (issue 8): outreach at least 50 % of nginx's rate for both.
set -euo pipefail
cd "$(dirname "$0")/../.."
O=${OUTREACH:-$PWD/outreach}
SECS=${BENCH_SECONDS:-10}
T=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$T"; }
trap cleanup EXIT
export OUTREACH_DB=$T/bench.db
for k in areas partners places workers pairs; do "$O" import "$k" "examples/$k.csv" >/dev/null; done
python3 bench/feeds/make_plan.py | sqlite3 "$OUTREACH_DB"
tok=$("$O" feed create worker aino | sed -n 's|.*https\?:.*/feeds/\(.*\)\.ics|\1|p')

"$O" serve --port 18181 --bind 127.0.0.1 >"$T/serve.out" 2>/dev/null &
pids+=($!)
for _ in $(seq 50); do curl -sf -o "$T/feed.ics" "http://127.0.0.1:18181/feeds/$tok.ics" && break; sleep 0.1; done
mkdir -p "$T/www/feeds" "$T/nginx"
cp "$T/feed.ics" "$T/www/feeds/$tok.ics"
chmod 755 "$T"; chmod -R a+rX "$T/www"	# nginx workers run as www-data
cat >"$T/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log /dev/null;
  types { text/calendar ics; }
  default_type application/octet-stream;
  sendfile on;
  client_body_temp_path $T/nginx; proxy_temp_path $T/nginx; fastcgi_temp_path $T/nginx;
  uwsgi_temp_path $T/nginx; scgi_temp_path $T/nginx;
  server { listen 127.0.0.1:18182; root $T/www; charset utf-8; }
}
NGINX
nginx -c "$T/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:18182/feeds/$tok.ics" && break; sleep 0.1; done

etag_of() { curl -sI "$1" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p'; }
rps() {	# URL [ETAG] -> requests/s
	local h=()
	[[ -n ${2:-} ]] && h=(-H "If-None-Match: $2")
	wrk -t2 -c32 -d"${SECS}s" "${h[@]}" "$1" | awk '/Requests\/sec/ {print int($2)}'
}
bytes=$(stat -c %s "$T/feed.ics")
ours=http://127.0.0.1:18181/feeds/$tok.ics theirs=http://127.0.0.1:18182/feeds/$tok.ics
curl -s -o "$T/nginx.ics" "$theirs"; cmp "$T/feed.ics" "$T/nginx.ics" || { echo "nginx serves other bytes" >&2; tail -3 $T/nginx/error.log; exit 1; }
o200=$(rps "$ours"); n200=$(rps "$theirs")
o304=$(rps "$ours" "$(etag_of "$ours")"); n304=$(rps "$theirs" "$(etag_of "$theirs")")
check() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%5.1f %%  %s", 100 * a / b, (a >= b / 2 ? "MET" : "NOT MET") }'; }
printf "feed: worker feed, %d bytes, %d events; wrk 2 threads, 32 connections, %ds\n" \
	"$bytes" "$(grep -c '^BEGIN:VEVENT' "$T/feed.ics")" "$SECS"
printf "%-6s %12s %12s %s\n" status outreach nginx "ratio (target >= 50 %)"
printf "%-6s %12d %12d %s\n" 200 "$o200" "$n200" "$(check "$o200" "$n200")"
printf "%-6s %12d %12d %s\n" 304 "$o304" "$n304" "$(check "$o304" "$n304")"
