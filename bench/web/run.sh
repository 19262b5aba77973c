#!/usr/bin/env bash
# bench/web: the web service under wrk on loopback, with a history of
# WEB_ENCOUNTERS (default 200,000) encounters made by make_history.py.
#  - the forecast of one place: the first request (fits the model) and a
#    kept one (median of 20);
#  - API reads (places, the week's plan) at 64 connections: p50/p99 ms;
#    target p99 < 20 ms;
#  - a mixed load for WEB_SOAK_SECONDS (default 600 = 10 minutes): every
#    endpoint below at once, each from its own wrk (WEB_MIX_CONNS
#    connections, default 2), so each has its own p50/p99; target p99 <
#    20 ms for every one and no error; the server's memory sampled every
#    30 s stays flat.
# Short run: WEB_SOAK_SECONDS=20 BENCH_SECONDS=5 WEB_STREETS=0 (no street
# layer: skips the Tampere import and the browser). WEB_PORT: default 18281.
set -euo pipefail
cd "$(dirname "$0")/../.."
O=${OUTREACH:-$PWD/outreach}
SECS=${BENCH_SECONDS:-10}
SOAK=${WEB_SOAK_SECONDS:-600}
PORT=${WEB_PORT:-18281}
URL=http://127.0.0.1:$PORT
T=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null && { wait "$pid" 2>/dev/null || true; }; rm -rf "$T"; }
trap cleanup EXIT
export OUTREACH_DB=$T/bench.db
for k in areas partners places workers pairs availability commitments; do
	"$O" import "$k" "examples/$k.csv" >/dev/null
done
echo "History: $(python3 bench/web/make_history.py "$T" "${WEB_ENCOUNTERS:-200000}")"
"$O" import visits "$T/visits.csv" >/dev/null
"$O" import encounters "$T/encounters.csv" >/dev/null
python3 bench/feeds/make_plan.py | sqlite3 "$OUTREACH_DB"
# A town-sized street layer: the whole Tampere extract.
if [[ ${WEB_STREETS:-1} != 0 ]]; then
	"$O" import osm "${OSM:-../shared/osm/tampere_highways.osm.pbf}" >/dev/null 2>&1
fi
echo 'bench password 123' | "$O" user add lead --password-stdin >/dev/null
feed=$("$O" feed create worker aino | sed -n 's|.*https\?:[^/]*//[^/]*\(/feeds/.*\)|\1|p')
"$O" serve --port "$PORT" --quiet >"$T/serve.out" 2>"$T/serve.err" &
pid=$!
for _ in $(seq 50); do curl -sf -o /dev/null "$URL/api/session" && break; sleep 0.1; done
cookie=$(curl -s -D - -o /dev/null -X POST -H 'Content-Type: application/json' \
	-d '{"login":"lead","password":"bench password 123"}' \
	"$URL/api/login" | tr -d '\r' | sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/p')
[[ -n $cookie ]] || { echo "login failed" >&2; exit 1; }
export COOKIE=$cookie FEED=$feed

# Each place's forecast for the week after the history.
fc=/api/forecast?from=2026-11-30\&place=
forecasts=$(for p in forum oodi rautatieasema kauppahalli hivsaatio senaatintori; do printf '%s ' "$fc$p"; done)
echo "Forecast of one place, ${WEB_ENCOUNTERS:-200000} encounters (target < 20 ms)"
curl -s -o /dev/null -w "%{time_total}\n" -H "Cookie: $cookie" "$URL${fc}forum" >"$T/fc.first"
for _ in $(seq 20); do
	curl -s -o /dev/null -w "%{time_total}\n" -H "Cookie: $cookie" "$URL${fc}oodi"
done | sort -n | sed -n 10p >"$T/fc.kept"
awk -v a="$(cat "$T/fc.first")" -v b="$(cat "$T/fc.kept")" 'BEGIN {
	printf "  first (fits the model) %.0f ms, kept %.1f ms %s\n", a * 1000, b * 1000,
		(b < 0.02 ? "MET" : "NOT MET") }'
echo

if [[ ${WEB_STREETS:-1} != 0 ]]; then
echo "Street layer (${OSM:-Tampere}): the map's first request, uncached, then cached (target < 1 s)"
for i in 1 2; do
	curl -s -o "$T/streets.json" -w "%{time_total} %{size_download}\n" -H "Cookie: $cookie" \
		"$URL/api/streets" >"$T/st.$i"
done
read -r t1 b1 <"$T/st.1"; read -r t2 _ <"$T/st.2"
awk -v a="$t1" -v b="$t2" -v n="$b1" 'BEGIN { printf "  first %.0f ms, cached %.0f ms, %.1f MB %s\n", a * 1000, b * 1000, n / 1e6, (a < 1 ? "MET" : "NOT MET") }'
/usr/bin/python3 bench/web/draw.py "$URL" lead 'bench password 123' || true
echo
fi

echo "API reads: wrk 2 threads, 64 connections, ${SECS}s each (target p99 < 20 ms)"
printf "%-42s %8s %8s %9s %7s %s\n" endpoint p50_ms p99_ms req/s errors verdict
for q in /api/data/places "/api/shifts?from=2026-01-05&days=7"; do
	r=$(PATHQ=$q wrk -t2 -c64 -d"${SECS}s" -s bench/web/cookie.lua "$URL" | grep RESULT)
	p50=${r#*p50=}; p50=${p50%% *}; p99=${r#*p99=}; p99=${p99%% *}
	rps=${r#*rps=}; rps=${rps%% *}; errs=${r#*errors=}
	v=$(awk -v p="$p99" -v e="$errs" 'BEGIN { print (p < 20 && e == 0) ? "MET" : "NOT MET" }')
	printf "%-42s %8s %8s %9s %7s %s\n" "$q" "$p50" "$p99" "$rps" "$errs" "$v"
done

rss() { awk '/VmRSS/ { print $2 }' /proc/$pid/status; }
mix=("/api/data/places" "/api/shifts?from=2026-01-05&days=7" "/api/data/workers"
	"/api/feeds" "/api/alerts" "/" "/static/app.js" "/vendor/leaflet/leaflet.js"
	"/api/data/pairs" "/api/shifts?from=2026-01-12&days=7" "$FEED" "$forecasts")
conns=${WEB_MIX_CONNS:-2}
echo
echo "Mixed load for ${SOAK}s: ${#mix[@]} endpoints at once, $conns connections each" \
	"(target p99 < 20 ms)"
wpids=()
for i in "${!mix[@]}"; do
	PATHS=${mix[$i]} wrk -t1 -c"$conns" -d"${SOAK}s" -s bench/web/cookie.lua "$URL" \
		>"$T/mix.$i" &
	wpids+=($!)
done
samples=()
for ((s = 0; s < SOAK; s += 30)); do
	sleep $((SOAK - s < 30 ? SOAK - s : 30))
	samples+=("$(rss)")
done
wait "${wpids[@]}"
printf "%-42s %8s %8s %9s %7s %s\n" endpoint p50_ms p99_ms req/s errors verdict
total=0 met=0
for i in "${!mix[@]}"; do
	r=$(grep RESULT "$T/mix.$i")
	p50=${r#*p50=}; p50=${p50%% *}; p99=${r#*p99=}; p99=${p99%% *}
	rps=${r#*rps=}; rps=${rps%% *}; errs=${r#*errors=}
	v=$(awk -v p="$p99" -v e="$errs" 'BEGIN { print (p < 20 && e == 0) ? "MET" : "NOT MET" }')
	[[ $v == MET ]] && met=$((met + 1))
	total=$((total + rps))
	name=${mix[$i]}
	[[ $name == /feeds/* ]] && name=/feeds/{token}.ics
	[[ $name == /api/forecast* ]] && name="/api/forecast?place= (6 places)"
	printf "%-42s %8s %8s %9s %7s %s\n" "$name" "$p50" "$p99" "$rps" "$errs" "$v"
done
echo "  all endpoints: $total req/s; $met of ${#mix[@]} MET"
echo "  server RSS every 30 s (kB): ${samples[*]}"
n=${#samples[@]}
if ((n >= 4)); then
	half=$((n / 2))
	awk -v a="${samples[$half]}" -v b="${samples[$((n - 1))]}" 'BEGIN {
		g = (b - a) / a * 100;
		printf "  memory from mid-run to end: %+.1f %% %s\n", g, (g < 5 ? "(flat: MET)" : "(growing: NOT MET)") }'
fi
