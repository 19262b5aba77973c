#!/usr/bin/env python3
"""Checks a report (JSON, CSV and the PDF's text) against figures computed
here, independently: from `outreach export` CSVs and, for plans, SQL on the
database. Shares no code with report/. Usage:
  check.py DIR REPORT.json REPORT.csv REPORT.txt DB FROM TO [AREA] [PARTNER]
DIR holds visits, encounters, guidance, places, partners, commitments .csv.
Prints "ok - ..." / "not ok - ..." lines (TAP-like)."""
import csv, datetime as dt, json, re, sqlite3, sys
from collections import defaultdict

d, jpath, cpath, tpath, db, FROM, TO = sys.argv[1:8]
AREA = sys.argv[8] if len(sys.argv) > 8 and sys.argv[8] else None
PARTNER = sys.argv[9] if len(sys.argv) > 9 and sys.argv[9] else None
rep = json.load(open(jpath))
K = rep['suppression']['min_cell']
fails = 0

def ok(cond, name, detail=''):
    global fails
    print(('ok - ' if cond else 'not ok - ') + name + ('' if cond else ': ' + str(detail)))
    fails += not cond

def rows(name):
    return list(csv.DictReader(open(f'{d}/{name}.csv', newline='')))

D = dt.date.fromisoformat
f0, t0 = D(FROM), D(TO)
# the previous period: the months before when whole months, else the days before
if f0.day == 1 and (t0 + dt.timedelta(1)).day == 1:
    n = ((t0 + dt.timedelta(1)).year * 12 + (t0 + dt.timedelta(1)).month) - (f0.year * 12 + f0.month)
    k = f0.year * 12 + f0.month - 1 - n
    pf, pt = dt.date(k // 12, k % 12 + 1, 1), f0 - dt.timedelta(1)
else:
    pf, pt = f0 - (t0 - f0) - dt.timedelta(1), f0 - dt.timedelta(1)
ok(rep['previous'] == {'from': str(pf), 'to': str(pt)}, 'previous period', rep['previous'])

places = {p['key']: p for p in rows('places')}
def covered(key):
    if not key:
        return not AREA and not PARTNER
    p = places[key]
    return (not AREA or p['area'] == AREA) and (not PARTNER or p['partner'] == PARTNER)

def local(s):  # "2026-03-02T10:00:00+02:00": the local date and time as written
    return dt.datetime.fromisoformat(s[:19])

def stats(a, b):
    st = {'visits': defaultdict(int), 'hours': defaultdict(float), 'people': defaultdict(int),
          'new': defaultdict(int), 'anon': defaultdict(int), 'mvisits': defaultdict(int),
          'mhours': defaultdict(float), 'mpeople': defaultdict(int),
          'ghours': defaultdict(float), 'gpeople': defaultdict(int), 'vis': [],
          'topic': defaultdict(int), 'acc': defaultdict(int), 'con': defaultdict(int), 'g': defaultdict(int)}
    for v in rows('visits'):
        s, e = local(v['start']), local(v['end'])
        if not (a <= s.date() <= b) or not covered(v['place']):
            continue
        h = (dt.datetime.fromisoformat(v['end']) - dt.datetime.fromisoformat(v['start'])).total_seconds() / 3600
        m = s.strftime('%Y-%m')
        st['visits'][v['place']] += 1; st['hours'][v['place']] += h
        st['mvisits'][m] += 1; st['mhours'][m] += h
        st['vis'].append((v['place'], dt.datetime.fromisoformat(v['start']), dt.datetime.fromisoformat(v['end'])))
        t = s
        while t < e:  # hour by hour
            nxt = min(e, t.replace(minute=0, second=0) + dt.timedelta(hours=1))
            st['ghours'][(t.weekday(), t.hour)] += (nxt - t).total_seconds() / 3600
            t = nxt
    for x in rows('encounters'):
        t = local(x['time'])
        if not (a <= t.date() <= b) or not covered(x['place']):
            continue
        k = x['place']
        st['people'][k] += int(x['people']); st['new'][k] += int(x['new_people'])
        st['anon'][k] += int(x['anonymous'])
        st['mpeople'][t.strftime('%Y-%m')] += int(x['people'])
        st['gpeople'][(t.weekday(), t.hour)] += int(x['people'])
    topics = ['benefits', 'debt', 'housing', 'home', 'mental_health', 'substance_use',
              'health_services', 'social_services', 'work_study', 'other']
    for g in rows('guidance'):
        if not (a <= D(g['date']) <= b) or not covered(g['place']):
            continue
        for tp in topics:
            st['topic'][tp] += int(g[tp]); st['g'][g['place']] += int(g[tp])
        st['acc'][g['place']] += int(g['accompanied']); st['con'][g['place']] += int(g['contacted'])
    st['topics'] = topics
    return st

cur, prv = stats(f0, t0), stats(pf, pt)
tables = {t['id']: t for t in rep['tables']}

def check_value(name, got, want, people=False):
    """got as reported; want computed here. A people count 1..K-1 must be
    '< K'; a '×' must hide a count that is 0 or at least K (a complement)."""
    if people and 0 < want < K:
        return ok(got == f'< {K}', name, f'{got!r}, wanted "< {K}" for {want}')
    if got == '×':
        return ok(not people or want == 0 or want >= K, name + ' (hidden as ×)', want) if people else ok(True, name)
    if got is None:
        return ok(False, name, 'no value')
    return ok(abs(got - want) < 0.0015 + 1e-9 * abs(want), name, f'{got} != {want}')

def sums(st, keys):
    return {f: sum(st[f][k] for k in keys) for f in ('visits', 'hours', 'people', 'new', 'anon', 'g', 'acc', 'con')}

allkeys = set(places) | {''}
for label, st, side in (('this period', cur, 'values'), ('previous period', prv, 'previous')):
    s = sums(st, allkeys)
    v = tables['totals']['rows'][0][side]
    check_value(f'totals {label}: visits', v['visits'], s['visits'])
    check_value(f'totals {label}: worker-hours', v['worker_hours'], 2 * s['hours'])
    for c, f in (('people', 'people'), ('new', 'new'), ('anonymous', 'anon'), ('accompanied', 'acc'), ('contacted', 'con')):
        check_value(f'totals {label}: {c}', v[c], s[f], True)
    check_value(f'totals {label}: guidance', v['guidance'], sum(st['topic'].values()), True)
    if s['people'] >= K and s['anon'] >= K:
        check_value(f'totals {label}: share anonymous', v['share_anonymous'], round(1000 * s['anon'] / s['people']) / 10)
    if s['hours'] and s['people'] >= K:
        check_value(f'totals {label}: per worker-hour', v['per_hour'], s['people'] / (2 * s['hours']))
    g = {r['key']: r[side] for r in tables['guidance']['rows']}
    for tp in st['topics']:
        check_value(f'guidance {label}: {tp}', g[tp]['count'], st['topic'][tp], True)
    # by kind of place
    kinds = defaultdict(set)
    for k, p in places.items():
        kinds[p['kind']].add(k)
    kinds['position'] = {''}
    for r in tables['kinds']['rows']:
        if r['total']:
            continue
        s = sums(st, kinds[r['key']])
        check_value(f'kind {r["key"]} {label}: visits', r[side]['visits'], s['visits'])
        check_value(f'kind {r["key"]} {label}: worker-hours', r[side]['worker_hours'], 2 * s['hours'])
        check_value(f'kind {r["key"]} {label}: people', r[side]['people'], s['people'], True)
        check_value(f'kind {r["key"]} {label}: new', r[side]['new'], s['new'], True)
    # partner venues
    for r in tables['partners']['rows']:
        if r['total']:
            continue
        s = sums(st, {k for k, p in places.items() if p['partner'] == r['key']})
        check_value(f'partner {r["key"]} {label}: visits', r[side]['visits'], s['visits'])
        check_value(f'partner {r["key"]} {label}: people', r[side]['people'], s['people'], True)
        check_value(f'partner {r["key"]} {label}: guidance', r[side]['guidance'], s['g'], True)
        check_value(f'partner {r["key"]} {label}: accompanied', r[side]['accompanied'], s['acc'], True)
    # top places
    for r in tables['places']['rows']:
        if r['total'] or r['key'] == 'other':
            continue
        s = sums(st, {r['key']})
        check_value(f'place {r["key"]} {label}: people', r[side]['people'], s['people'], True)
        check_value(f'place {r["key"]} {label}: worker-hours', r[side]['worker_hours'], 2 * s['hours'])

top = [r['key'] for r in tables['places']['rows'] if not r['total'] and r['key'] != 'other']
rest = [cur['people'][k] for k in places if k not in top and covered(k)]
ok(len(top) <= 10 and all(cur['people'][k] >= max(rest + [0]) for k in top), 'top places are those where most people were met', top)
ok({r['key'] for r in tables['partners']['rows'] if not r['total']} ==
   {p['partner'] for k, p in places.items() if p['partner'] and covered(k)}, 'a row per partner with venues covered')

# months, and planned hours from the published plan (SQL here)
con = sqlite3.connect(db)
def days(a, b):
    x = a
    while x <= b:
        yield x
        x += dt.timedelta(1)
EPOCH = dt.date(1970, 1, 1)
def planned_and_cancelled(a, b):
    planned, months_with_plan, cancelled = defaultdict(float), set(), defaultdict(lambda: [0, 0.0])
    q = ("SELECT sh.id, sh.weekday, sh.start_min, sh.end_min, sh.first_day, sh.last_day FROM shifts sh"
         " JOIN plans p ON p.id = sh.plan_id WHERE p.status = 'published'")
    for sid, wd, s0, s1, fd, ld in con.execute(q).fetchall():
        stops = con.execute("SELECT ifnull(st.exception_id, 0), st.arrive_min, st.leave_min, pl.key FROM stops st"
                            " JOIN places pl ON pl.id = st.place_id WHERE st.shift_id = ?", (sid,)).fetchall()
        if (AREA or PARTNER) and not any(e == 0 and covered(k) for e, _, _, k in stops):
            continue
        exc = {day: (i, kind, reason) for i, day, kind, reason in
               con.execute("SELECT id, day, kind, reason FROM shift_exceptions WHERE shift_id = ?", (sid,))}
        for day in days(max(a, EPOCH + dt.timedelta(fd)), min(b, EPOCH + dt.timedelta(ld))):
            n = (day - EPOCH).days
            if day.weekday() != wd:
                continue
            months_with_plan.add(day.strftime('%Y-%m'))
            i, kind, reason = exc.get(n, (0, '', ''))
            if kind in ('skip', 'cancel'):
                cause = 'holiday' if reason == 'holiday' else 'staff' if reason.startswith('absence') else 'other'
                cancelled[cause][0] += 1
                cancelled[cause][1] += 2 * (s1 - s0) / 60
                continue
            own = i if kind == 'replan' else 0
            planned[day.strftime('%Y-%m')] += sum(2 * (l - r) / 60 for e, r, l, k in stops if e == own and covered(k))
    return planned, months_with_plan, cancelled

pc, pm, cc = planned_and_cancelled(f0, t0)
for r in tables['months']['rows']:
    if r['total']:
        continue
    m = r['key']
    check_value(f'month {m}: visits', r['values']['visits'], cur['mvisits'][m])
    check_value(f'month {m}: worker-hours', r['values']['worker_hours'], 2 * cur['mhours'][m])
    check_value(f'month {m}: people', r['values']['people'], cur['mpeople'][m], True)
    if m in pm:
        check_value(f'month {m}: planned worker-hours', r['values']['planned_hours'], pc[m])
    else:
        ok(r['values']['planned_hours'] is None, f'month {m}: no plan, no planned hours', r['values']['planned_hours'])
    if cur['mhours'][m] and cur['mpeople'][m] >= K and r['values']['per_hour'] != '×':
        check_value(f'month {m}: people per worker-hour', r['values']['per_hour'], cur['mpeople'][m] / (2 * cur['mhours'][m]))
ok(len(tables['months']['rows']) - 1 == (t0.year * 12 + t0.month) - (f0.year * 12 + f0.month) + 1, 'a row per month')
for r in tables['cancelled']['rows']:
    if not r['total']:
        check_value(f'cancelled {r["key"]}: shifts', r['values']['shifts'], cc[r['key']][0])
        check_value(f'cancelled {r["key"]}: worker-hours', r['values']['shift_hours'], cc[r['key']][1])

# commitments: a visit at the place overlapping the promised time that day
def easter(y):
    a, b, c = y % 19, y // 100, y % 100
    d_, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d_ - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    return dt.date(y, (h + l - 7 * m + 114) // 31, (h + l - 7 * m + 114) % 31 + 1)
def holiday(x):
    e = easter(x.year)
    fixed = {(1, 1), (1, 6), (5, 1), (12, 6), (12, 24), (12, 25), (12, 26)}
    if (x.month, x.day) in fixed or x in (e - dt.timedelta(2), e + dt.timedelta(1), e + dt.timedelta(39)):
        return True
    if x.weekday() == 4 and x.month == 6 and 19 <= x.day <= 25:   # Midsummer Eve
        return True
    if x.weekday() == 5 and ((x.month == 6 and 20 <= x.day <= 26) or (x.month == 10 and x.day == 31) or (x.month == 11 and x.day <= 6)):
        return True   # Midsummer Day, All Saints' Day
    return False
WD = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']
for c in rows('commitments'):
    key = f"{c['partner']}/{c['place']}/{c['weekday']}/{c['start']}"
    r = next((x for x in tables['commitments']['rows'] if x['key'] == key), None)
    if not covered(c['place']):
        ok(r is None, f'commitment {key}: not covered, not shown')
        continue
    occ = kept = hol = 0
    for day in days(f0, t0):
        if WD[day.weekday()] != c['weekday']:
            continue
        occ += 1
        a = dt.datetime.combine(day, dt.time.fromisoformat(c['start']))
        b = dt.datetime.combine(day, dt.time.fromisoformat(c['end']))
        hit = any(p == c['place'] and s.date() == day and s.replace(tzinfo=None) < b and e.replace(tzinfo=None) > a
                  for p, s, e in cur['vis'])
        kept += hit
        hol += not hit and holiday(day)
    if occ == 0:
        continue
    ok(r is not None, f'commitment {key} shown')
    if r:
        check_value(f'commitment {key}: promised', r['values']['occurrences'], occ)
        check_value(f'commitment {key}: kept', r['values']['kept'], kept)
        check_value(f'commitment {key}: missed', r['values']['missed'], occ - kept)
        check_value(f'commitment {key}: missed on holidays', r['values']['on_holiday'], hol)

# the 7 x 24 grid
bad = []
for c in rep['presence']['cells']:
    k = (WD.index(c['weekday']), c['hour'])
    if abs(c['hours'] - cur['ghours'][k]) > 0.002:
        bad.append(('hours', k, c['hours'], cur['ghours'][k]))
    want = cur['gpeople'][k]
    if 0 < want < K:
        if c['people'] != f'< {K}':
            bad.append(('people', k, c['people'], want))
    elif c['people'] == '×':
        if 0 < want < K:
            bad.append(('hidden', k, want))
    elif c['people'] != want:
        bad.append(('people', k, c['people'], want))
    if isinstance(c['people'], int) and c['hours'] > 0 and abs(c['met_per_hour'] - want / cur['ghours'][k]) > 0.002:
        bad.append(('rate', k, c['met_per_hour']))
ok(not bad, '7 x 24: hours of presence, people met and people per hour', bad[:5])
hidden = sum(1 for c in rep['presence']['cells'] if isinstance(c['people'], str))
ok(hidden != 1 or not isinstance(tables['totals']['rows'][0]['values']['people'], int), '7 x 24: never one hidden cell beside a shown total', hidden)
for g in rep['gaps']['items']:
    cells = [(dd, h) for dd in range(WD.index(g['from_day']), WD.index(g['to_day']) + 1) for h in range(g['from_hour'], g['to_hour'])]
    ok(all(cur['ghours'][x] == 0 for x in cells) and g['hours_staffed'] == 0, f'gap {g["text"]}: nobody was there')

# complementary suppression: no column with a shown total hides exactly one cell
for t in rep['tables']:
    for col in t['columns']:
        if col['id'] in ('per_hour', 'share_anonymous'):   # ratios: their total is no sum
            continue
        for side in ('values', 'previous'):
            cells = [r[side][col['id']] for r in t['rows'] if not r['total']]
            tot = [r[side][col['id']] for r in t['rows'] if r['total']]
            if tot and not isinstance(tot[0], str):
                n = sum(isinstance(v, str) for v in cells)
                ok(n != 1, f'{t["id"]} {col["id"]} {side}: not one hidden cell beside its total', cells)

# the CSV carries the same figures
seen = 0
for r in csv.DictReader(open(cpath, newline='')):
    t = tables.get(r['table'])
    if not t:
        continue
    row = next(x for x in t['rows'] if x['key'] == r['row'])
    for side, field in (('values', 'value'), ('previous', 'previous')):
        v = row[side][r['column']]
        want = '' if v is None else v if isinstance(v, str) else v
        got = r[field]
        same = got == want if isinstance(want, str) else abs(float(got) - want) < 1e-6
        if not same:
            ok(False, f'csv {r["table"]}/{r["row"]}/{r["column"]}', (got, want))
        seen += 1
ok(seen > 50, 'csv: every table figure as in the JSON', seen)

# the PDF read back: the headline figures, the team and period on every page
text = open(tpath).read()
lines = {}
for l in text.splitlines():
    if '  ' in l:
        lines.setdefault(l.split('  ')[0].strip(), l)
tot = tables['totals']['rows'][0]
for col in tables['totals']['columns']:
    l = lines.get(col['name'])
    v = tot['values'][col['id']]
    if l is None or v is None:
        ok(l is not None, f'pdf: a line for {col["name"]}')
        continue
    nums = re.findall(r'< \d+|×|\d+(?:[.,]\d+)?', l[len(col['name']):])
    want = v if isinstance(v, str) else f'{v:.1f}' if col['id'] == 'worker_hours' else \
        f'{v:.2f}' if col['id'] == 'per_hour' else f'{v:.0f}'
    ok(nums and nums[0].replace(',', '.') == want, f'pdf: {col["name"]} = {want}', nums)
pages = text.count('\f')
ok(pages >= 2 and text.count(rep['team']) >= pages, 'pdf: the team on every page', (pages, text.count(rep['team'])))
ok(f'< {K}' in text or not any(isinstance(v, str) for v in tot['values'].values()), 'pdf: suppression shown')
sys.exit(1 if fails else 0)
