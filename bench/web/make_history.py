#!/usr/bin/env python3
"""make_history.py DIR [N]: a long history of the example team for the web
bench, as visits.csv and encounters.csv in DIR for `outreach import`.

Every pair works two shifts a day, four visits of 45 minutes each in its
area, for as many days back from 2026-11-22 as it takes to log N encounters
(default 200000); 3 % of them are logged by coordinates only (for the place
suggestions). Rates depend on the place and the hour, so the model has
something to fit. Seeded: the same N always gives the same files."""
import random
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

out, total = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200000
rng = random.Random(14)
tz = ZoneInfo("Europe/Helsinki")
areas = {"pari-kluuvi": ["rautatientori", "rautatieasema", "elielinaukio", "kaivopiha",
                         "metro-rautatientori", "citycenter"],
         "pari-kaisaniemi": ["kaisaniemenpuisto", "varsapuistikko", "hivsaatio",
                             "pelastusarmeija", "paasivuori", "hki-yliopisto-metro"],
         "pari-kamppi": ["forum", "oodi", "avoin-olohuone", "simonpuistikko",
                         "lasipalatsi", "makasiinipuisto"],
         "pari-esplanadi": ["vanha-kirkkopuisto", "esplanadinpuisto", "kauppahalli",
                            "senaatintori", "tuomiokirkko", "kasarmitori"]}
base = {p: 0.6 + 2.4 * rng.random() for pl in areas.values() for p in pl}


def poisson(lam):
    # Knuth's method: lambda is small here.
    k, p, limit = 0, 1.0, 2.718281828459045 ** -lam
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def iso(t):
    return t.isoformat(timespec="seconds")


visits, encounters = [], []
day = date(2026, 11, 22)
while len(encounters) < total:
    for pair, places in areas.items():
        for start_h in (9, 13):
            t = datetime(day.year, day.month, day.day, start_h, 0, tzinfo=tz)
            for stop in range(4):
                place = rng.choice(places)
                end = t + timedelta(minutes=45)
                visits.append(f"{pair},{place},{iso(t)},{iso(end)}")
                peak = 1.6 if 12 <= t.hour < 15 else 1.0
                minutes = rng.sample(range(45), min(45, poisson(base[place] * peak * 2)))
                for m in sorted(minutes):
                    at, people = t + timedelta(minutes=m), 1 + poisson(0.7)
                    if rng.random() < 0.03:  # logged on the way, by coordinates
                        lat = 60.1650 + rng.random() * 0.002
                        lon = 24.9300 + rng.random() * 0.002
                        encounters.append(f"{iso(at)},,{lat:.6f},{lon:.6f},{people},0,0")
                    else:
                        encounters.append(f"{iso(at)},{place},,,{people},"
                                          f"{rng.randint(0, people)},0")
                t = end + timedelta(minutes=10)
    day -= timedelta(days=1)
del encounters[total:]
with open(f"{out}/visits.csv", "w") as f:
    f.write("pair,place,start,end\n" + "\n".join(visits) + "\n")
with open(f"{out}/encounters.csv", "w") as f:
    f.write("time,place,lat,lon,people,new_people,anonymous\n" + "\n".join(encounters) + "\n")
print(f"{len(visits)} visits, {len(encounters)} encounters from {day + timedelta(days=1)}")
