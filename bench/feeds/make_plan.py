#!/usr/bin/env python3
"""SQL for a realistic published plan: every pair of the example team works
two shifts a day, every day, for 12 weeks, four stops each, with some holidays,
cancellations and moves. A worker's feed comes to about 30 KB."""
import random
from datetime import date

random.seed(7)
d0 = (date(2026, 1, 5) - date(1970, 1, 1)).days      # a Monday
places = {"pari-kluuvi": ["rautatientori", "rautatieasema", "elielinaukio", "kaivopiha",
                          "metro-rautatientori", "citycenter"],
          "pari-kaisaniemi": ["kaisaniemenpuisto", "varsapuistikko", "hivsaatio",
                              "pelastusarmeija", "paasivuori", "hki-yliopisto-metro"],
          "pari-kamppi": ["forum", "oodi", "avoin-olohuone", "simonpuistikko",
                          "lasipalatsi", "makasiinipuisto"],
          "pari-esplanadi": ["vanha-kirkkopuisto", "esplanadinpuisto", "kauppahalli",
                             "senaatintori", "tuomiokirkko", "kasarmitori"]}
print("INSERT INTO plans(id, created_t, from_day, weeks, status, published_t)"
      f" VALUES (1, 1767225600, {d0}, 12, 'published', 1767225600);")
sid = 0
for pair, pl in places.items():
    for wd in range(7):
        for start in (540, 780):
            sid += 1
            first = d0 + wd
            print("INSERT INTO shifts(id, plan_id, pair_id, weekday, start_min, end_min,"
                  " first_day, last_day, walk_m, sequence, created_t, modified_t)"
                  f" VALUES ({sid}, 1, (SELECT id FROM pairs WHERE key = '{pair}'), {wd},"
                  f" {start}, {start + 240}, {first}, {first + 77}, 2500, 1,"
                  f" 1767225600, {1767225600 + sid});")
            for k, p in enumerate(random.sample(pl, 4)):
                a = start + 15 + k * 55
                print("INSERT INTO stops(shift_id, seq, place_id, arrive_min, leave_min,"
                      " expected, lower, upper, why) VALUES"
                      f" ({sid}, {k + 1}, (SELECT id FROM places WHERE key = '{p}'),"
                      f" {a}, {a + 40}, {random.uniform(0.5, 6):.2f}, 0.3, 7.5, 'forecast');")
            for w in random.sample(range(12), 2):
                kind = random.choice(["cancel", "move"])
                sm = "NULL, NULL" if kind == "cancel" else f"{start + 60}, {start + 300}"
                print("INSERT INTO shift_exceptions(shift_id, day, kind, reason, start_min,"
                      f" end_min, modified_t) VALUES ({sid}, {first + 7 * w}, '{kind}',"
                      f" 'staff meeting', {sm}, 1767225600);")
