#!/usr/bin/python3
"""SQL for a published plan on the example team with a shift TODAY (Helsinki
date) for pari-kluuvi, 00:00-24:00, four stops, and one for pari-kamppi:
the field-log tests log a real day whenever they run.
usage: today_plan.py | sqlite3 DB"""
import datetime, time, zoneinfo

day = datetime.datetime.now(zoneinfo.ZoneInfo('Europe/Helsinki')).date()
n = (day - datetime.date(1970, 1, 1)).days
wd = day.weekday()
t = int(time.time())
print(f"""INSERT INTO plans(id, created_t, from_day, weeks, status, published_t)
  VALUES (1, {t}, {n - wd}, 2, 'published', {t});
INSERT INTO shifts(id, plan_id, pair_id, weekday, start_min, end_min, first_day, last_day,
  walk_m, created_t, modified_t) VALUES
  (1, 1, (SELECT id FROM pairs WHERE key = 'pari-kluuvi'), {wd}, 0, 1440, {n - 7}, {n + 7}, 2000, {t}, {t}),
  (2, 1, (SELECT id FROM pairs WHERE key = 'pari-kamppi'), {wd}, 0, 1440, {n - 7}, {n + 7}, 2000, {t}, {t});
INSERT INTO stops(shift_id, seq, place_id, arrive_min, leave_min, expected, lower, upper, why) VALUES
  (1, 1, (SELECT id FROM places WHERE key = 'rautatientori'), 540, 570, 2.4, 1, 4, 'forecast'),
  (1, 2, (SELECT id FROM places WHERE key = 'pelastusarmeija'), 600, 660, 6.1, 3, 9, 'commitment'),
  (1, 3, (SELECT id FROM places WHERE key = 'kaivopiha'), 675, 705, 1.2, 0, 3, 'forecast'),
  (1, 4, (SELECT id FROM places WHERE key = 'forum'), 720, 750, 1.5, 0, 3, 'forecast'),
  (2, 1, (SELECT id FROM places WHERE key = 'lasipalatsi'), 540, 600, 1.0, 0, 3, 'forecast');
""")
