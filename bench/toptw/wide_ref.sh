#!/usr/bin/env bash
# bench/toptw/wide_ref.sh: the reference scores of the wide-window set
# (widen.py, wide.csv) in wide_ref.csv: every instance and m = 1..4 solved
# by `outreach toptw` for REF_SECONDS (default 60) with each seed of
# REF_SEEDS (default "1 2 3"), one process at a time at nice 10; every
# answer is replayed by check.py, and the reference is the best feasible
# score. Columns: name,m,ref,seeds,seconds,scores (per seed),sum_scores
# (the score of visiting every customer: a reference equal to it means
# the cell is easy), solver (the commit that ran). Slow by design (48
# cells x 3 seeds x 60 s = 2.4 h); run once and commit the CSV. The
# committed one: REF_SECONDS=30 REF_SEEDS="2 3" (seeds apart from the
# bench's seed 1), commit 44b5f85, one process at a time on the shared
# 2-core machine (48 minutes).
# OUT (default bench/toptw/wide_ref.csv), BUILD as in run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=${BUILD:-build}
SHARED=${SHARED:-../shared}/toptw
REF_SECONDS=${REF_SECONDS:-60}
REF_SEEDS=${REF_SEEDS:-"1 2 3"}
OUT=${OUT:-bench/toptw/wide_ref.csv}
make --no-print-directory -s BUILD="$B" BIN="$B/outreach" build-rel >/dev/null
WIDE=$B/toptw-wide
rm -rf "$WIDE"
python3 bench/toptw/widen.py "$SHARED" "$WIDE"
RES=$(mktemp -d)
trap 'rm -rf "$RES"' EXIT
for f in "$WIDE"/*.txt; do
	base=$(basename "$f" .txt)
	for m in 1 2 3 4; do
		for seed in $REF_SEEDS; do
			nice -n 10 "$B/outreach" toptw "$f" --paths "$m" \
				--time-limit "$REF_SECONDS" --max-iter 1000000000 \
				--seed "$seed" > "$RES/$base.m$m.s$seed.json" || true
		done
	done
done
python3 - "$RES" "$WIDE" "$REF_SECONDS" "$REF_SEEDS" "$(git rev-parse --short HEAD)" > "$OUT" <<'PY'
import json, os, sys
sys.path.insert(0, 'bench/toptw')
from check import check, read_instance
res, wide, secs, seeds, rev = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(), sys.argv[5]
print('name,m,ref,seeds,seconds,scores,sum_scores,solver')
for fn in sorted(os.listdir(wide)):
    name = fn[:-4]
    nodes = read_instance(os.path.join(wide, fn))
    total = sum(nd[4] for nd in nodes[1:])
    for m in (1, 2, 3, 4):
        scores = []
        for s in seeds:
            try:
                ans = json.load(open(os.path.join(res, '%s.m%d.s%s.json' % (name, m, s))))
                ok, why, sc = check(nodes, ans, m, 2 if name.startswith('pr') else 1)
            except ValueError:
                ok, why, sc = False, 'no JSON answer', 0
            if not ok:
                sys.stderr.write('INFEASIBLE %s m=%d seed %s: %s\n' % (name, m, s, why))
            scores.append(sc if ok else 0)
        print('%s,%d,%g,%s,%s,%s,%g,%s' % (name, m, max(scores), ' '.join(seeds), secs,
                                            ' '.join('%g' % x for x in scores), total, rev))
PY
echo "wide_ref.sh: $OUT from $REF_SECONDS s x seeds $REF_SEEDS, $(git rev-parse --short HEAD)" >&2
