#!/usr/bin/env python3
"""Independent TOPTW answer checker and table printer for bench/toptw.

Shares no code with the solver: reads the KU Leuven instance itself,
replays every route (leave the depot at O_0, wait for opening times,
service must START by C_i, back at the depot by C_0, each customer at
most once) and recomputes the score.

usage: check.py RESULTS_DIR SHARED_TOPTW_DIR LABEL
       check.py --wide RESULTS_DIR WIDE_DIR WIDE_CSV REF_CSV LABEL TARGET_PCT
RESULTS_DIR holds SET/INSTANCE.mM.json (one JSON answer each).
--wide: the wide-window set of widen.py (instances in WIDE_DIR, parts in
its manifest WIDE_CSV, references in REF_CSV: name,m,ref,...), one row
per part (tune, held, all) and m: mean/max gap to the reference, cells at
or above it, and whether the mean gap of every m is <= TARGET_PCT.
Columns: gap = (best - score) / best against bks.csv, else the "best" of
reference_results.csv (vs says which); at best: cells reaching it; at opt:
cells reaching a bks.csv score whose source says it is a proven optimum;
<ref: cells below the reference heuristic's best."""
import csv, json, math, os, sys

EPS = 1e-6


def read_instance(path):
    toks = open(path, 'rb').read().decode().split()
    pos = 0

    def take():
        nonlocal pos
        pos += 1
        return toks[pos - 1]
    take(); take(); n = int(take()); take()
    take(); take()
    nodes = []
    for _ in range(n + 1):
        i = int(take()); x = float(take()); y = float(take())
        d = float(take()); s = float(take()); take()
        a = int(take())
        for _ in range(a):
            take()
        o = float(take()); c = float(take())
        nodes.append((i, x, y, d, s, o, c))
    return nodes


def dist(a, b, decimals):
    f = 10 ** decimals
    return math.floor(math.hypot(a[1] - b[1], a[2] - b[2]) * f + 1e-9) / f


def check(nodes, ans, m, decimals):
    """Returns (ok, why, score)."""
    routes = ans['routes']
    if len(routes) > m:
        return False, 'more routes than paths', 0
    seen = set()
    score = 0.0
    depot = nodes[0]
    for r in routes:
        t = depot[5]
        prev = depot
        for cid in r:
            if not (1 <= cid < len(nodes)) or cid in seen:
                return False, 'bad or repeated customer %r' % cid, 0
            seen.add(cid)
            nd = nodes[cid]
            t = max(t + dist(prev, nd, decimals), nd[5])
            if t > nd[6] + EPS:
                return False, 'customer %d starts at %.3f after %.3f' % (cid, t, nd[6]), 0
            t += nd[3]
            score += nd[4]
            prev = nd
        t += dist(prev, depot, decimals)
        if t > depot[6] + EPS:
            return False, 'route back at %.3f after %.3f' % (t, depot[6]), 0
    if abs(score - ans['score']) > 1e-6:
        return False, 'reported score %g, replayed %g' % (ans['score'], score), score
    return True, '', score


def load_csv(path, key):
    out = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            out[(row['set'], row['instance'], int(row['m']))] = row
    return out


def main():
    res_dir, shared, label = sys.argv[1], sys.argv[2], sys.argv[3]
    bks = load_csv(os.path.join(shared, 'bks/bks.csv'), 'bks_score')
    ref = load_csv(os.path.join(shared, 'bks/reference_results.csv'), 'best')
    bad = 0
    print('budget: %s' % label)
    print('%-20s %2s %5s %7s %9s %7s %9s %9s %8s %8s %5s' % (
        'set', 'm', 'cells', 'vs', 'mean gap', 'max gap', 'at best',
        'at opt', 'mean s', 'max s', '<ref'))
    for st in sorted(os.listdir(res_dir)):
        for m in (1, 2, 3, 4):
            gaps, secs, at, below, kinds = [], [], 0, 0, set()
            proven, at_proven = 0, 0
            for fn in sorted(os.listdir(os.path.join(res_dir, st))):
                if not fn.endswith('.m%d.json' % m):
                    continue
                inst = fn[:-len('.m%d.json' % m)]
                dec = 2 if inst.startswith('pr') else 1
                nodes = read_instance(os.path.join(shared, st, inst + '.txt'))
                try:
                    ans = json.load(open(os.path.join(res_dir, st, fn)))
                except ValueError:
                    print('INFEASIBLE %s %s m=%d: no JSON answer' % (st, inst, m))
                    bad += 1
                    continue
                ok, why, score = check(nodes, ans, m, dec)
                if not ok:
                    print('INFEASIBLE %s %s m=%d: %s' % (st, inst, m, why))
                    bad += 1
                    continue
                k = (st, inst, m)
                if k in bks:
                    best = float(bks[k]['bks_score']); kinds.add('bks')
                    if 'proven' in bks[k]['source']:
                        proven += 1
                        at_proven += score >= best - EPS
                elif k in ref:
                    best = float(ref[k]['best']); kinds.add('ref')
                else:
                    continue
                if k in ref and score < float(ref[k]['best']) - EPS:
                    below += 1
                gaps.append((best - score) / best if best > 0 else 0.0)
                at += score >= best - EPS
                secs.append(ans['seconds'])
            if not gaps:
                continue
            print('%-20s %2d %5d %7s %8.2f%% %6.2f%% %4d/%-4d %4d/%-4d %8.2f %8.2f %5d' % (
                st, m, len(gaps), '+'.join(sorted(kinds)),
                100 * sum(gaps) / len(gaps), 100 * max(gaps), at, len(gaps),
                at_proven, proven, sum(secs) / len(secs), max(secs), below))
    print('infeasible answers: %d' % bad)
    return 1 if bad else 0


def wide_cells(res_dir, inst_dir, refs, m):
    """(name, gap, seconds) of every answer for m; bad: infeasible ones."""
    out, bad = [], 0
    for fn in sorted(os.listdir(res_dir)):
        if not fn.endswith('.m%d.json' % m):
            continue
        name = fn[:-len('.m%d.json' % m)]
        dec = 2 if name.startswith('pr') else 1
        nodes = read_instance(os.path.join(inst_dir, name + '.txt'))
        try:
            ans = json.load(open(os.path.join(res_dir, fn)))
        except ValueError:
            ans = None
        ok, why, score = (check(nodes, ans, m, dec) if ans else
                          (False, 'no JSON answer', 0))
        if not ok:
            print('INFEASIBLE wide %s m=%d: %s' % (name, m, why))
            bad += 1
            continue
        ref = refs.get((name, m))
        if ref is None:
            print('no reference for wide %s m=%d' % (name, m))
            continue
        out.append((name, (ref - score) / ref if ref > 0 else 0.0,
                    ans['seconds']))
    return out, bad


def wide_main(argv):
    res_dir, inst_dir, man, ref_csv, label, target = argv
    part = {r['name']: r['part'] for r in csv.DictReader(open(man))}
    refs = {(r['name'], int(r['m'])): float(r['ref'])
            for r in csv.DictReader(open(ref_csv))}
    print('wide windows (widen.py), budget: %s' % label)
    print('%-6s %2s %5s %9s %8s %9s %6s %8s %8s' % (
        'part', 'm', 'cells', 'mean gap', 'max gap', 'at ref', '>ref',
        'mean s', 'max s'))
    bad, met = 0, True
    for p in ('tune', 'held', 'all'):
        for m in (1, 2, 3, 4):
            cells, b = wide_cells(res_dir, inst_dir, refs, m)
            if p == 'all':
                bad += b
            cells = [c for c in cells if p == 'all' or part.get(c[0]) == p]
            if not cells:
                continue
            gaps = [c[1] for c in cells]
            mean = 100 * sum(gaps) / len(gaps)
            if p == 'all' and target != '-':
                met &= mean <= float(target) + 1e-9
            print('%-6s %2d %5d %8.2f%% %7.2f%% %4d/%-4d %6d %8.2f %8.2f' % (
                p, m, len(cells), mean, 100 * max(gaps),
                sum(g <= 1e-9 for g in gaps), len(gaps),
                sum(g < -1e-9 for g in gaps),
                sum(c[2] for c in cells) / len(cells),
                max(c[2] for c in cells)))
    print('infeasible answers: %d' % bad)
    if target == '-':
        return 1 if bad else 0
    print('target: mean gap <= %s %% for every m (all), every answer '
          'feasible: %s' % (target, 'MET' if met and not bad else 'NOT MET'))
    return 1 if bad else 0


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--wide':
        sys.exit(wide_main(sys.argv[2:]))
    sys.exit(main())
