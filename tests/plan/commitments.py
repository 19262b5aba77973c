#!/usr/bin/env python3
"""Writes commitments.csv for a simulated team: each partner's first venue
(a place with that partner) gets a weekly one-hour commitment inside its
opening hours on a weekday some pair can work. usage: commitments.py DIR"""
import csv, os, re, sys

d = sys.argv[1]
places = list(csv.DictReader(open(os.path.join(d, 'places.csv'), encoding='utf-8')))
avail = list(csv.DictReader(open(os.path.join(d, 'availability.csv'), encoding='utf-8')))
rows, seen = [], set()
for p in places:
    if not p['partner'] or p['partner'] in seen:
        continue
    m = re.search(r'((?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)?\s*(\d\d):(\d\d)-', p['opening_hours'] or '')
    for a in avail:
        wd, start = a['weekday'], int(a['start'][:2]) + 1
        if m and m.group(1) and wd not in ('Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su')[
                ('Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su').index(m.group(1)[:2]):
                ('Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su').index(m.group(1)[-2:]) + 1]:
            continue
        if m:
            start = max(start, int(m.group(2)))
        if start + 1 > int(a['end'][:2]):
            continue
        rows.append([p['partner'], p['key'], wd, f'{start:02d}:00', f'{start + 1:02d}:00', 1])
        seen.add(p['partner'])
        break
with open(os.path.join(d, 'commitments.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['partner', 'place', 'weekday', 'start', 'end', 'pairs_needed'])
    w.writerows(rows)
print(len(rows))
