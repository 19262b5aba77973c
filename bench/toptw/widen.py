#!/usr/bin/env python3
"""The wide-window TOPTW set of bench/toptw (issue 18), made from the
shipped Solomon and Cordeau instances in ../shared/toptw.

usage: widen.py SHARED_TOPTW_DIR OUT_DIR [MANIFEST]

Public data stays in ../shared: this writes the derived instances into
OUT_DIR (a build folder), never into the repository. The same manifest
gives the same files, byte for byte (no randomness).

MANIFEST (default wide.csv beside this script) has one row per instance:
  name,set,source,mode,param,horizon,part
For a source with depot window [O0, C0] and horizon H = C0 - O0:
  - the depot closes at C0' = O0 + horizon x H (a longer day);
  - each customer's window [o, c] keeps its centre, scaled with the day:
    mid = O0 + horizon x ((o + c) / 2 - O0), and gets the half-width
      mode k:  param x horizon x (c - o) / 2   (param x the original width)
      mode s:  param x (C0' - O0) / 2          (a share param of the day)
    clipped to [O0, C0'] and rounded outwards to whole time units.
Everything else (coordinates, service times, scores, the travel-time
rounding by file name: pr* two decimals, else one) is the source's.
part is "tune" (used while tuning the solver) or "held" (held out: not
looked at until the solver was final).
"""
import csv
import math
import os
import sys


def tokens(path):
    return open(path, 'rb').read().decode().split()


def parse(toks):
    """Header tokens and the records as token lists (depot first)."""
    head = toks[:6]
    n = int(toks[2])
    pos, recs = 6, []
    for _ in range(n + 1):
        a = int(toks[pos + 6])
        ln = 7 + a + 2
        recs.append(toks[pos:pos + ln])
        pos += ln
    return head, recs


def widen(recs, mode, param, horizon):
    o0, c0 = float(recs[0][-2]), float(recs[0][-1])
    end = o0 + horizon * (c0 - o0)
    out = [recs[0][:-1] + ['%d' % round(end)]]
    for r in recs[1:]:
        o, c = float(r[-2]), float(r[-1])
        mid = o0 + horizon * ((o + c) / 2 - o0)
        if mode == 'k':
            hw = param * horizon * (c - o) / 2
        elif mode == 's':
            hw = param * (end - o0) / 2
        else:
            raise ValueError('mode %r: expected k or s' % mode)
        lo = max(o0, math.floor(mid - hw + 1e-9))
        hi = min(end, math.ceil(mid + hw - 1e-9))
        out.append(r[:-2] + ['%d' % lo, '%d' % hi])
    return out


def write(path, head, recs):
    with open(path, 'w') as f:
        f.write(' '.join(head[:4]) + '\n' + ' '.join(head[4:]) + '\n')
        for r in recs:
            f.write(' '.join(r) + '\n')


def main():
    shared, out = sys.argv[1], sys.argv[2]
    man = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'wide.csv')
    os.makedirs(out, exist_ok=True)
    with open(man) as f:
        rows = [r for r in csv.DictReader(f)]
    for r in rows:
        head, recs = parse(tokens(os.path.join(shared, r['set'],
                                               r['source'] + '.txt')))
        recs = widen(recs, r['mode'], float(r['param']), float(r['horizon']))
        write(os.path.join(out, r['name'] + '.txt'), head, recs)
    return 0


if __name__ == '__main__':
    sys.exit(main())
