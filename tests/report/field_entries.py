#!/usr/bin/env python3
"""SQL for the tests: field-log entries (guidance per topic, accompanied,
contacted) spread over a period, as the phones would have sent them, plus
one deleted entry that no figure may count. Deterministic.
Usage: field_entries.py DB FROM TO N | sqlite3 DB"""
import datetime as dt, random, sqlite3, sys

db, a, b, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
con = sqlite3.connect(db)
pairs = [r[0] for r in con.execute('SELECT id FROM pairs ORDER BY id')]
places = [r[0] for r in con.execute('SELECT id FROM places ORDER BY id')]
rnd = random.Random(16)
d0 = (dt.date.fromisoformat(a) - dt.date(1970, 1, 1)).days
d1 = (dt.date.fromisoformat(b) - dt.date(1970, 1, 1)).days
print('BEGIN;')
for i in range(n + 1):
    g = [rnd.choice([0, 0, 0, 1, 2, 3]) for _ in range(10)]
    print("INSERT INTO field_entries (pair_id, client_id, rev, day, place_id, people, new_people, anonymous,"
          " g_benefits, g_debt, g_housing, g_home, g_mental_health, g_substance_use, g_health_services,"
          " g_social_services, g_work_study, g_other, accompanied, contacted, deleted, created_t, updated_t)"
          f" VALUES ({rnd.choice(pairs)}, 'test-{i:05d}', 1, {rnd.randint(d0, d1)}, {rnd.choice(places)}, 6, 1, 2,"
          f" {', '.join(map(str, g))}, {rnd.choice([0, 0, 1])}, {rnd.choice([0, 1, 2])}, {int(i == n)}, 0, 0);")
print('COMMIT;')
