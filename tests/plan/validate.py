#!/usr/bin/env python3
"""Independent plan validator: reads a plan export (`outreach plan export
--format json`) and the team's data straight from the SQLite file, and
checks every rule the weekly planner must keep. Shares no code with the
planner (its own holiday calendar, opening-hours parser and distances).
Prints one line per violation and exits 1 if there is any.
usage: validate.py DB PLAN.json [--walk-cap MIN]"""
import datetime as dt, json, math, re, sqlite3, sys

db, plan_file = sys.argv[1], sys.argv[2]
walk_cap = float(sys.argv[sys.argv.index('--walk-cap') + 1]) if '--walk-cap' in sys.argv else 120
plan = json.load(open(plan_file))
con = sqlite3.connect(db)
q = lambda sql, *a: con.execute(sql, a).fetchall()
WD = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']
bad = []


def fail(msg):
    bad.append(msg)


def minutes(hhmm):
    h, m = hhmm.split(':')
    return int(h) * 60 + int(m)


def day_of(d):
    return dt.date.fromisoformat(d)


def easter(y):  # Butcher's algorithm
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    mo = (h + l - 7 * m + 114) // 31
    return dt.date(y, mo, (h + l - 7 * m + 114) % 31 + 1)


def first_weekday_on_or_after(d, wd):
    return d + dt.timedelta((wd - d.weekday()) % 7)


def holidays(y):
    e = easter(y)
    days = [dt.date(y, 1, 1), dt.date(y, 1, 6), e - dt.timedelta(2), e, e + dt.timedelta(1),
            dt.date(y, 5, 1), e + dt.timedelta(39), e + dt.timedelta(49),
            first_weekday_on_or_after(dt.date(y, 6, 19), 4),
            first_weekday_on_or_after(dt.date(y, 6, 20), 5),
            first_weekday_on_or_after(dt.date(y, 10, 31), 5),
            dt.date(y, 12, 6), dt.date(y, 12, 24), dt.date(y, 12, 25), dt.date(y, 12, 26)]
    return set(days)


def open_spans(rule_text, wd):
    """Open minutes [a, b) of weekday wd in a normal week (no holiday)."""
    if not rule_text or rule_text.strip() == '24/7':
        return [(0, 1440)]
    days = {w: [] for w in range(7)}
    carry = []
    for part in re.split(r';', rule_text):
        for k, rule in enumerate(re.split(r',\s*(?=(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)\b)', part)):
            rule = rule.strip()
            if not rule:
                continue
            m = re.match(r'^((?:(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?,?)+)?\s*(.*)$', rule)
            sel, rest = m.group(1), m.group(2).strip()
            chosen = set()
            if sel:
                for item in sel.rstrip(',').split(','):
                    if item == 'PH':
                        continue
                    if '-' in item:
                        a, b = WD.index(item[:2]), WD.index(item[3:])
                        x = a
                        while True:
                            chosen.add(x)
                            if x == b:
                                break
                            x = (x + 1) % 7
                    else:
                        chosen.add(WD.index(item))
            elif rest:
                chosen = set(range(7))
            spans = []
            if rest in ('off', 'closed'):
                spans = []
            elif rest in ('', 'open'):
                spans = [(0, 1440)]
            else:
                for a, b in re.findall(r'(\d\d:\d\d)-(\d\d:\d\d)', rest):
                    x, y = minutes(a), minutes(b)
                    if y <= x:
                        y += 1440
                    spans.append((x, y))
            for w in chosen:
                if k == 0:  # a ';' rule replaces the day
                    days[w] = []
                days[w].extend(spans)
    out = []
    for a, b in days[wd]:
        out.append((a, min(b, 1440)))
    for a, b in days[(wd - 1) % 7]:
        if b > 1440:
            out.append((0, b - 1440))
    return out


def haversine(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


places = {k: dict(zip(('area', 'hours', 'lat', 'lon'), r[1:])) for r in
          q("SELECT p.key, ifnull(a.key, ''), p.opening_hours, p.lat, p.lon FROM places p"
            " LEFT JOIN areas a ON a.id = p.area_id") for k in [r[0]]}
pairs = {r[0]: (r[1], r[2], r[3]) for r in
         q("SELECT pr.key, wa.key, wb.key, ifnull(a.key, '') FROM pairs pr JOIN workers wa ON"
           " wa.id = pr.worker_a JOIN workers wb ON wb.id = pr.worker_b LEFT JOIN areas a ON"
           " a.id = pr.area_id")}
hours = {r[0]: r[1] for r in q("SELECT key, weekly_hours FROM workers")}
avail = {}
for w, wd, s, e in q("SELECT w.key, a.weekday, a.start_min, a.end_min FROM availability a"
                     " JOIN workers w ON w.id = a.worker_id"):
    avail.setdefault((w, wd), []).append((s, e))
absent = {}
for w, f, t in q("SELECT w.key, a.from_day, a.to_day FROM absences a JOIN workers w ON"
                 " w.id = a.worker_id"):
    absent.setdefault(w, []).append((dt.date(1970, 1, 1) + dt.timedelta(f),
                                     dt.date(1970, 1, 1) + dt.timedelta(t)))
worked = {dt.date(1970, 1, 1) + dt.timedelta(r[0]) for r in q("SELECT day FROM worked_holidays")}
commitments = q("SELECT pa.key, pl.key, c.weekday, c.start_min, c.end_min, c.pairs_needed,"
                " c.id, c.every, c.monthly, ifnull(c.from_day, 0), ifnull(pr.key, '')"
                " FROM commitments c JOIN partners pa ON pa.id = c.partner_id"
                " JOIN places pl ON pl.id = c.place_id LEFT JOIN pairs pr ON pr.id = c.pair_id")
commitment_dates = {}
for cid, d in q("SELECT commitment_id, day FROM commitment_dates"):
    commitment_dates.setdefault(cid, set()).add(dt.date(1970, 1, 1) + dt.timedelta(d))


def week_of_month(d):
    return (d.day - 1) // 7 + 1, (d + dt.timedelta(7)).month != d.month


def run_days(r):
    """The days a recurrence runs on, by its rhythm (every N weeks from
    first, the k-th weekdays of the month, or a list of dates)."""
    if r.get('dates'):
        return sorted(day_of(x) for x in r['dates'])
    d, last = day_of(r['first']), day_of(r['last'])
    ks = {int(k) for k in str(r.get('monthly') or '').split(';') if k}
    out = []
    while d <= last:
        k, is_last = week_of_month(d)
        if not ks or k in ks or (is_last and -1 in ks):
            out.append(d)
        d += dt.timedelta(7 if ks else 7 * int(r.get('every') or 1))
    return out


def commitment_on(cid, wd, every, monthly, from_day, d):
    """Does the commitment run on day d (its own rhythm, from the DB)?"""
    if cid in commitment_dates:
        return d in commitment_dates[cid]
    if d.weekday() != wd:
        return False
    if monthly:
        k, is_last = week_of_month(d)
        return bool(monthly >> (k - 1) & 1 if k <= 4 else 0) or (is_last and bool(monthly & 16))
    start = dt.date(1970, 1, 1) + dt.timedelta(from_day)
    start += dt.timedelta((wd - start.weekday()) % 7)
    return (d - start).days // 7 % every == 0


def away(pair, d):
    return [w for w in pairs[pair][:2] if any(a <= d <= b for a, b in absent.get(w, []))]

week_minutes = {}
occupied = []  # (place, weekday, a, b, pair)
for sh in plan['shifts']:
    name = f"shift {sh['id']} ({sh['pair']} {sh['weekday']} {sh['start']}-{sh['end']})"
    if sh['pair'] not in pairs:
        fail(f'{name}: unknown pair')
        continue
    wa, wb, area = pairs[sh['pair']]
    wd = WD.index(sh['weekday'])
    s, e = minutes(sh['start']), minutes(sh['end'])
    if sorted(sh['workers']) != sorted([wa, wb]):
        fail(f'{name}: workers {sh["workers"]} are not the pair {wa}, {wb} (a pair is never split)')
    for w in (wa, wb):
        if not any(a <= s and e <= b for a, b in avail.get((w, wd), [])):
            fail(f'{name}: outside the availability of {w}')
        week_minutes[w] = week_minutes.get(w, 0) + (e - s)
    # Occurrences: holidays and absences must be skipped.
    skipped = {x['date'] for x in sh['recurrence']['skipped']}
    d, last = day_of(sh['recurrence']['first']), day_of(sh['recurrence']['last'])
    if d.weekday() != wd:
        fail(f'{name}: first date {d} is not a {sh["weekday"]}')
    days = run_days(sh['recurrence'])
    if any(x.weekday() != wd for x in days):
        fail(f'{name}: runs on a day that is not a {sh["weekday"]}')
    sh['_days'] = frozenset(x for x in days if x.isoformat() not in skipped)
    for d in days:
        if d in holidays(d.year) and d not in worked and d.isoformat() not in skipped:
            fail(f'{name}: works on the public holiday {d}')
        for w in (wa, wb):
            if any(a <= d <= b for a, b in absent.get(w, [])) and d.isoformat() not in skipped:
                fail(f'{name}: {w} is absent on {d}')
    # Stops: in the shift, in order, reachable, open, in the pair's area.
    prev = None
    gaps = []
    t = s
    for st in sh['stops']:
        a, b = minutes(st['arrive']), minutes(st['leave'])
        p = places.get(st['place'])
        if p is None:
            fail(f'{name}: unknown place {st["place"]}')
            continue
        if a < s or b > e or b < a:
            fail(f'{name}: stop {st["place"]} {st["arrive"]}-{st["leave"]} outside the shift')
        if area and p['area'] != area:
            fail(f'{name}: {st["place"]} is outside the pair\'s area {area}')
        if not any(x <= a and b <= y for x, y in open_spans(p['hours'], wd)):
            fail(f'{name}: {st["place"]} is closed at {st["arrive"]}-{st["leave"]} ({p["hours"]})')
        if prev:
            walk = haversine((prev['lat'], prev['lon']), (p['lat'], p['lon'])) / (4.5 / 3.6) / 60
            pb = minutes(prev_stop['leave'])
            if a + 0.5 < pb + walk * 0.99:
                fail(f'{name}: {st["place"]} at {st["arrive"]} cannot be reached from '
                     f'{prev_stop["place"]} (left {prev_stop["leave"]}, {walk:.1f} min walk)')
        gaps.append(a - t)
        t = b
        prev, prev_stop = p, st
        occupied.append((st['place'], wd, a, b, sh['pair'], sh['id'], sh['_days']))
    gaps.append(e - t)
    if e - s > 240 and max(gaps + [0]) < 30:
        fail(f'{name}: longer than 4 hours without a 30-minute break')
    if sh['walk_m'] / (4.5 / 3.6) / 60 > walk_cap + 0.5:
        fail(f'{name}: {sh["walk_m"]:.0f} m of walking is over the {walk_cap:.0f}-minute cap')

for w, m in week_minutes.items():
    if m > hours[w] * 60 + 0.5:
        fail(f'{w}: {m / 60:.1f} hours a week, over the budget of {hours[w]}')
occupied.sort()
for i in range(len(occupied)):
    for j in range(i + 1, len(occupied)):
        a, b = occupied[i], occupied[j]
        if b[0] != a[0] or b[1] != a[1]:
            break
        if b[2] < a[3] and a[2] < b[3] and a[4] != b[4] and a[6] & b[6]:
            fail(f'{a[0]} on {WD[a[1]]}: pairs {a[4]} and {b[4]} there at the same time')
unmet = ' '.join(plan.get('unmet', []))
standins = ' '.join(plan.get('standins', []))
for partner, place, wd, s, e, need, cid, every, monthly, from_day, own in commitments:
    name = f'commitment {partner} {WD[wd]} at {place}'
    covering = [sh for sh in plan['shifts'] if '_days' in sh and WD.index(sh['weekday']) == wd
                and any(st['place'] == place and minutes(st['arrive']) <= s and
                        minutes(st['leave']) >= e for st in sh['stops'])]
    n = sum(1 for sh in covering if sh['recurrence'].get('freq') != 'dates' or not own)
    if n < need and f'{partner} {WD[wd]}' not in unmet:
        fail(f'{name}: {n} of {need} pairs, and not reported')
    for sh in covering:  # rhythm: only on the commitment's days
        off = sorted(d for d in sh['_days']
                     if not commitment_on(cid, wd, every, monthly, from_day, d))
        if off and any(x.get('why') == 'commitment' and x['place'] == place for x in sh['stops']):
            fail(f'{name}: shift {sh["id"]} covers it on {off[0]}, not a day of its rhythm')
    if not own:
        continue
    for sh in covering:  # continuity: its own pair, or a named stand-in
        if sh['pair'] == own:
            for d in sorted(day_of(x['date']) for x in sh['recurrence']['skipped']):
                if away(own, d) and not (d in holidays(d.year) and d not in worked) and \
                        f'{partner} {WD[wd]} {d}' not in standins:
                    fail(f'{name}: {own} away on {d} and no stand-in named')
            continue
        if sh['recurrence'].get('freq') != 'dates':
            fail(f'{name}: shift {sh["id"]} of {sh["pair"]} every time, not its pair {own}')
        for d in sh['_days']:
            if not away(own, d) or f'{partner} {WD[wd]} {d}' not in standins or \
                    f'{sh["pair"]} stands in' not in standins:
                fail(f'{name}: {sh["pair"]} on {d} but {own} is not away or it is not named')
for b in bad:
    print('VIOLATION', b)
print(f"{len(plan['shifts'])} shifts checked, {len(bad)} violations")
sys.exit(1 if bad else 0)
