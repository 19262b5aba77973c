#!/usr/bin/env python3
"""Writes examples/visits.csv and examples/encounters.csv: twelve weeks of
plausible history for the example team (Helsinki centre), deterministic.
Counts only: the people met are anonymous. Run from the repository root."""
import csv, math, random
from datetime import datetime, timedelta, timezone

random.seed(20261122)
places = list(csv.DictReader(open("examples/places.csv", encoding="utf-8")))
pairs = list(csv.DictReader(open("examples/pairs.csv", encoding="utf-8")))
BASE = {"street": 1.2, "station": 1.8, "park": 0.9, "shopping_centre": 0.8,
        "library": 0.7, "church": 0.3, "day_centre": 2.2,
        "food_distribution": 6.0, "meeting_point": 1.5, "shelter": 2.0, "other": 0.5}

def rate(kind, hour):
    r = BASE[kind]
    if kind == "station": r *= 1.6 if hour >= 16 else 0.8
    if kind == "park": r *= 0.5          # November: people go indoors
    if kind in ("day_centre", "library"): r *= 1.4 if hour < 12 else 0.9
    return r

def poisson(lam):
    l, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= random.random()
        if p <= l: return k
        k += 1

def helsinki(dt):  # naive local -> aware (EET; the history is Sept-Nov)
    off = 3 if dt < datetime(2026, 10, 25, 4) else 2
    return dt.replace(tzinfo=timezone(timedelta(hours=off)))

start = datetime(2026, 8, 31)
visits, enc = [], []
for week in range(12):
    for p in pairs:
        mine = [x for x in places if x["area"] == p["area"]]
        habitual = mine[: max(3, len(mine) // 2)]       # biased effort
        for day in random.sample(range(5), 4):
            t = start + timedelta(weeks=week, days=day, hours=random.choice([9, 10, 13]))
            for _ in range(random.randint(3, 5)):
                pl = random.choice(habitual if random.random() < 0.8 else mine)
                dur = random.choice([30, 45, 60])
                a, b = helsinki(t), helsinki(t + timedelta(minutes=dur))
                visits.append([p["key"], pl["key"], a.isoformat(), b.isoformat()])
                n = poisson(rate(pl["kind"], t.hour) * dur / 60)
                if n:
                    m = helsinki(t + timedelta(minutes=random.randint(0, dur - 1)))
                    new = sum(random.random() < 0.25 for _ in range(n))
                    anon = sum(random.random() < 0.33 for _ in range(n))
                    if random.random() < 0.1:   # logged by coordinates only
                        lat = float(pl["lat"]) + random.uniform(-0.0008, 0.0008)
                        lon = float(pl["lon"]) + random.uniform(-0.0015, 0.0015)
                        enc.append([m.isoformat(), "", f"{lat:.6f}", f"{lon:.6f}", n, new, anon])
                    else:
                        enc.append([m.isoformat(), pl["key"], "", "", n, new, anon])
                t += timedelta(minutes=dur + random.choice([5, 10, 15]))

with open("examples/visits.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["pair", "place", "start", "end"])
    seen = set()
    for v in visits:
        if (v[0], v[1], v[2]) not in seen:
            seen.add((v[0], v[1], v[2])); w.writerow(v)
with open("examples/encounters.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["time", "place", "lat", "lon", "people", "new_people", "anonymous"])
    seen = set()
    for e in enc:
        if tuple(e[:4]) not in seen:
            seen.add(tuple(e[:4])); w.writerow(e)
