#!/usr/bin/env bash
# bench/import: `outreach import encounters` on 100,000 generated rows.
# Target (issue 3): under 2 s. Prints rows/s.
set -euo pipefail
cd "$(dirname "$0")/../.."
O=${OUTREACH:-./outreach}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
db=$T/bench.db
for k in areas partners places workers pairs; do
	"$O" --db "$db" import "$k" "examples/$k.csv" >/dev/null
done
python3 - "$T/enc.csv" <<'PY'
import random, sys
random.seed(1)
places = [l.split(",")[0] for l in open("examples/places.csv", encoding="utf-8")][1:]
with open(sys.argv[1], "w") as f:
    f.write("time,place,lat,lon,people,new_people,anonymous\n")
    for i in range(100000):
        day, sec = divmod(i * 97, 86400)   # distinct times, ~112 days
        y, m, d = 2025, 1 + day // 28 % 12, 1 + day % 28
        h, r = divmod(sec, 3600)
        p = random.randint(1, 6)
        if i % 10 == 0:
            f.write(f"{y}-{m:02d}-{d:02d}T{h:02d}:{r//60:02d}:{r%60:02d}+02:00,,60.17{i%97:02d},24.94{i%89:02d},{p},{p//2},{p//3}\n")
        else:
            f.write(f"{y}-{m:02d}-{d:02d}T{h:02d}:{r//60:02d}:{r%60:02d},{places[i%len(places)]},,,{p},{p//2},{p//3}\n")
PY
rows=$(($(wc -l <"$T/enc.csv") - 1))
best=999999999
for run in 1 2 3; do
	rm -f "$db-enc"; cp "$db" "$db-enc"
	s=$(date +%s%N)
	"$O" --db "$db-enc" import encounters "$T/enc.csv" >/dev/null
	ms=$((($(date +%s%N) - s) / 1000000))
	((ms < best)) && best=$ms
	printf "run %d: %d rows in %d ms (%d rows/s)\n" "$run" "$rows" "$ms" $((rows * 1000 / (ms + 1)))
done
verdict="NOT MET"; ((best < 2000)) && verdict=MET
printf "import encounters: %d rows, best %d ms, %d rows/s (target: < 2000 ms) %s\n" \
	"$rows" "$best" $((rows * 1000 / (best + 1))) "$verdict"
