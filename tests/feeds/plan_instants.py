#!/usr/bin/python3
"""Expands a plan by itself, without any iCalendar code: reads
`outreach plan export --format json` on stdin and prints what a feed must
show, one line per occurrence, "UTC-START STATUS", sorted, as expand.py
and expand.mjs print it.
  plan_instants.py worker KEY   the worker's shifts (skipped dates dropped)
  plan_instants.py place KEY    the visits to a place (skipped dates and
                                replans that drop the place CANCELLED)
Times are Europe/Helsinki wall-clock times turned into UTC by zoneinfo.
A recurrence may carry a rhythm: "every" (weeks, counted from "first"),
"monthly" (weeks of the month, -1 the last: "1;3") or "dates" (a list of
"YYYY-MM-DD"); none of them means weekly."""
import datetime, json, sys
from zoneinfo import ZoneInfo

HKI = ZoneInfo('Europe/Helsinki')
kind, key = sys.argv[1], sys.argv[2]
if kind not in ('worker', 'place'):
    sys.exit(f'unknown kind {kind!r}')


def utc(day, hhmm):
    h, m = map(int, hhmm.split(':'))
    t = datetime.datetime.combine(day, datetime.time(h, m), HKI)
    return t.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def minutes(hhmm):
    h, m = map(int, hhmm.split(':'))
    return h * 60 + m


def hhmm(n):
    return f'{n // 60:02d}:{n % 60:02d}'


def occurrences(sh, day, skip, change):
    if kind == 'worker':
        if not skip:
            yield utc(day, change['start'] if change else sh['start']), 'CONFIRMED'
        return
    for st in sh['stops']:
        if st['place'] != key:
            continue
        if skip:
            yield utc(day, st['arrive']), 'CANCELLED'
        elif change and change['kind'] == 'replan':
            new = [s for s in change['stops'] if s['place'] == key]
            yield (utc(day, new[0]['arrive']), 'CONFIRMED') if new else \
                (utc(day, st['arrive']), 'CANCELLED')
        else:
            delta = minutes(change['start']) - minutes(sh['start']) if change else 0
            yield utc(day, hhmm(minutes(st['arrive']) + delta)), 'CONFIRMED'


def week_of_month(day):
    """1..5, and whether it is the last such weekday of its month."""
    return (day.day - 1) // 7 + 1, (day + datetime.timedelta(days=7)).month != day.month


def days(r):
    if r.get('dates'):
        yield from (datetime.date.fromisoformat(d) for d in sorted(r['dates']))
        return
    first = datetime.date.fromisoformat(r['first'])
    last = datetime.date.fromisoformat(r['last'])
    weeks = {int(k) for k in str(r.get('monthly') or '').split(';') if k}
    step = int(r.get('every') or 1)
    n = 0
    while first + datetime.timedelta(days=7 * n) <= last:
        day = first + datetime.timedelta(days=7 * n)
        n += 1
        if weeks:
            k, is_last = week_of_month(day)
            if k not in weeks and not (is_last and -1 in weeks):
                continue
        elif (n - 1) % step:
            continue
        yield day


out = []
for sh in json.load(sys.stdin)['shifts']:
    if kind == 'worker' and key not in sh['workers']:
        continue
    r = sh['recurrence']
    if r['freq'] not in ('weekly', 'monthly', 'dates'):
        sys.exit(f'shift {sh["id"]}: unknown freq {r["freq"]!r}')
    skipped = {x['date'] for x in r['skipped']}
    changed = {x['date']: x for x in r['changed']}
    for day in days(r):
        iso = day.isoformat()
        out += occurrences(sh, day, iso in skipped, changed.get(iso))
print('\n'.join(sorted(f'{t} {s}' for t, s in out)))
