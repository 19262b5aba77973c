#!/usr/bin/env bash
# bench/web: the web service under wrk on loopback.
#  - API reads (places, the week's plan) at 64 connections: p50/p99 ms;
#    target p99 < 20 ms.
#  - a mixed load for WEB_SOAK_SECONDS (default 600 = 10 minutes): no
#    error, and the server's memory sampled every 30 s stays flat.
set -euo pipefail
cd "$(dirname "$0")/../.."
O=${OUTREACH:-$PWD/outreach}
SECS=${BENCH_SECONDS:-10}
SOAK=${WEB_SOAK_SECONDS:-600}
T=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
export OUTREACH_DB=$T/bench.db
for k in areas partners places workers pairs availability commitments; do
	"$O" import "$k" "examples/$k.csv" >/dev/null
done
"$O" import encounters examples/encounters.csv >/dev/null
python3 bench/feeds/make_plan.py | sqlite3 "$OUTREACH_DB"
# A town-sized street layer: the whole Tampere extract.
"$O" import osm "${OSM:-../shared/osm/tampere_highways.osm.pbf}" >/dev/null 2>&1
echo 'bench password 123' | "$O" user add lead --password-stdin >/dev/null
feed=$("$O" feed create worker aino | sed -n 's|.*https\?:[^/]*//[^/]*\(/feeds/.*\)|\1|p')
"$O" serve --port 18281 --quiet >"$T/serve.out" 2>"$T/serve.err" &
pid=$!
for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:18281/api/session && break; sleep 0.1; done
cookie=$(curl -s -D - -o /dev/null -X POST -d '{"login":"lead","password":"bench password 123"}' \
	http://127.0.0.1:18281/api/login | tr -d '\r' | sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/p')
[[ -n $cookie ]] || { echo "login failed" >&2; exit 1; }
export COOKIE=$cookie FEED=$feed

echo "Street layer (${OSM:-Tampere}): the map's first request, uncached, then cached (target < 1 s)"
for i in 1 2; do
	curl -s -o "$T/streets.json" -w "%{time_total} %{size_download}\n" -H "Cookie: $cookie" \
		http://127.0.0.1:18281/api/streets >"$T/st.$i"
done
read -r t1 b1 <"$T/st.1"; read -r t2 _ <"$T/st.2"
awk -v a="$t1" -v b="$t2" -v n="$b1" 'BEGIN { printf "  first %.0f ms, cached %.0f ms, %.1f MB %s\n", a * 1000, b * 1000, n / 1e6, (a < 1 ? "MET" : "NOT MET") }'
/usr/bin/python3 bench/web/draw.py http://127.0.0.1:18281 lead 'bench password 123' || true
echo

echo "API reads: wrk 2 threads, 64 connections, ${SECS}s each (target p99 < 20 ms)"
printf "%-42s %8s %8s %9s %7s %s\n" endpoint p50_ms p99_ms req/s errors verdict
for q in /api/data/places "/api/shifts?from=2026-01-05&days=7"; do
	r=$(PATHQ=$q wrk -t2 -c64 -d"${SECS}s" -s bench/web/cookie.lua http://127.0.0.1:18281 | grep RESULT)
	p50=${r#*p50=}; p50=${p50%% *}; p99=${r#*p99=}; p99=${p99%% *}
	rps=${r#*rps=}; rps=${rps%% *}; errs=${r#*errors=}
	v=$(awk -v p="$p99" -v e="$errs" 'BEGIN { print (p < 20 && e == 0) ? "MET" : "NOT MET" }')
	printf "%-42s %8s %8s %9s %7s %s\n" "$q" "$p50" "$p99" "$rps" "$errs" "$v"
done

rss() { awk '/VmRSS/ { print $2 }' /proc/$pid/status; }
echo
echo "Mixed load for ${SOAK}s (16 connections); server RSS every 30 s (kB):"
wrk -t2 -c16 -d"${SOAK}s" -s bench/web/mixed.lua http://127.0.0.1:18281 >"$T/mixed.out" &
wpid=$!
samples=()
for ((s = 0; s < SOAK; s += 30)); do
	sleep $((SOAK - s < 30 ? SOAK - s : 30))
	samples+=("$(rss)")
done
wait $wpid
echo "  ${samples[*]}"
grep -E 'Requests/sec|non-2xx|Latency' "$T/mixed.out" | sed 's/^/  /'
n=${#samples[@]}
if ((n >= 4)); then
	half=$((n / 2))
	awk -v a="${samples[$half]}" -v b="${samples[$((n - 1))]}" 'BEGIN {
		g = (b - a) / a * 100;
		printf "  memory from mid-run to end: %+.1f %% %s\n", g, (g < 5 ? "(flat: MET)" : "(growing: NOT MET)") }'
fi
