/*
 * schema.c - the database schema as a list of migrations.
 * store__migrations[i] upgrades user_version i to i + 1 inside one
 * transaction. Append only: never edit a migration that has shipped.
 * Conventions: integer ids; natural keys as TEXT UNIQUE; instants as
 * INTEGER UTC seconds; dates as INTEGER day numbers since 1970-01-01;
 * times of day as INTEGER minutes after local midnight (Europe/Helsinki).
 * Privacy: encounters hold counts, places and times, never identities.
 */
#include "store/store_int.h"

/* content_version moves on every change to the team's data and plans (not
 * on feed fetch counts), so a cached feed or API answer is valid while the
 * version it was built from is current. Visits and encounters come in bulk:
 * their importer bumps it once per file (store_content_bump). */
#define BUMP_ON(t)                                                          \
	"CREATE TRIGGER " t "_cv_i AFTER INSERT ON " t                      \
	" BEGIN UPDATE content_version SET v = v + 1; END;"                 \
	"CREATE TRIGGER " t "_cv_u AFTER UPDATE ON " t                      \
	" BEGIN UPDATE content_version SET v = v + 1; END;"                 \
	"CREATE TRIGGER " t "_cv_d AFTER DELETE ON " t                      \
	" BEGIN UPDATE content_version SET v = v + 1; END;"

const char *const store__migrations[] = {
	/* 1: the team and its history */
	"CREATE TABLE areas ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE partners ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  contact TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE places ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('street','park','station',"
	"    'shopping_centre','library','church','day_centre','food_distribution',"
	"    'meeting_point','shelter','other')),"
	"  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),"
	"  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),"
	"  opening_hours TEXT NOT NULL DEFAULT '',"
	"  stay_minutes INTEGER NOT NULL CHECK (stay_minutes BETWEEN 1 AND 1440),"
	"  partner_id INTEGER REFERENCES partners(id) ON DELETE SET NULL,"
	"  area_id INTEGER REFERENCES areas(id) ON DELETE SET NULL);"
	"CREATE INDEX places_area ON places(area_id);"
	"CREATE INDEX places_partner ON places(partner_id);"
	"CREATE TABLE workers ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  role TEXT NOT NULL,"
	"  weekly_hours REAL NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 168),"
	"  languages TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE pairs ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  worker_a INTEGER NOT NULL REFERENCES workers(id),"
	"  worker_b INTEGER NOT NULL REFERENCES workers(id),"
	"  area_id INTEGER REFERENCES areas(id) ON DELETE SET NULL,"
	"  CHECK (worker_a <> worker_b));"
	"CREATE TABLE availability ("
	"  id INTEGER PRIMARY KEY,"
	"  worker_id INTEGER NOT NULL REFERENCES workers(id) ON DELETE CASCADE,"
	"  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),"
	"  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),"
	"  end_min INTEGER NOT NULL CHECK (end_min > start_min AND end_min <= 1440),"
	"  UNIQUE (worker_id, weekday, start_min));"
	"CREATE TABLE absences ("
	"  id INTEGER PRIMARY KEY,"
	"  worker_id INTEGER NOT NULL REFERENCES workers(id) ON DELETE CASCADE,"
	"  from_day INTEGER NOT NULL,"
	"  to_day INTEGER NOT NULL CHECK (to_day >= from_day),"
	"  UNIQUE (worker_id, from_day));"
	"CREATE TABLE visits ("
	"  id INTEGER PRIMARY KEY,"
	"  pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,"
	"  place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,"
	"  start_t INTEGER NOT NULL,"
	"  end_t INTEGER NOT NULL CHECK (end_t > start_t),"
	"  UNIQUE (pair_id, place_id, start_t));"
	"CREATE INDEX visits_place_time ON visits(place_id, start_t);"
	"CREATE TABLE encounters ("
	"  id INTEGER PRIMARY KEY,"
	"  t INTEGER NOT NULL,"
	"  place_id INTEGER REFERENCES places(id) ON DELETE SET NULL,"
	"  lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),"
	"  lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),"
	"  people INTEGER NOT NULL CHECK (people >= 1),"
	"  new_people INTEGER NOT NULL DEFAULT 0"
	"    CHECK (new_people BETWEEN 0 AND people),"
	"  anonymous INTEGER NOT NULL DEFAULT 0"
	"    CHECK (anonymous BETWEEN 0 AND people),"
	"  CHECK (place_id IS NOT NULL OR (lat IS NOT NULL AND lon IS NOT NULL)));"
	/* One row per time, place and point: re-importing a file updates it. */
	"CREATE UNIQUE INDEX encounters_natural ON encounters"
	"  (t, ifnull(place_id, 0), ifnull(lat, 999), ifnull(lon, 999));"
	"CREATE INDEX encounters_place_time ON encounters(place_id, t);"
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);",

	/* 2: plans (weekly templates of shifts with routes), their one-off
	 * exceptions, partner commitments and calendar feed tokens. A shift is
	 * a recurring weekly slot of one pair from first_day to last_day; its
	 * sequence/modified_t move on every change (iCal SEQUENCE and
	 * LAST-MODIFIED). Stops with exception_id NULL belong to the template;
	 * a replanned occurrence has its own stops. */
	"ALTER TABLE places ADD COLUMN address TEXT NOT NULL DEFAULT '';"
	"CREATE TABLE plans ("
	"  id INTEGER PRIMARY KEY,"
	"  created_t INTEGER NOT NULL,"
	"  from_day INTEGER NOT NULL,"
	"  weeks INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 104),"
	"  explore REAL NOT NULL DEFAULT 0.1,"
	"  stability REAL NOT NULL DEFAULT 0,"
	"  status TEXT NOT NULL DEFAULT 'draft'"
	"    CHECK (status IN ('draft','published','superseded')),"
	"  published_t INTEGER,"
	"  report TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE shifts ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
	"  pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,"
	"  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),"
	"  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),"
	"  end_min INTEGER NOT NULL CHECK (end_min > start_min AND end_min <= 1440),"
	"  first_day INTEGER NOT NULL,"
	"  last_day INTEGER NOT NULL CHECK (last_day >= first_day),"
	"  walk_m REAL NOT NULL DEFAULT 0,"
	"  route TEXT NOT NULL DEFAULT '',"
	"  sequence INTEGER NOT NULL DEFAULT 0,"
	"  created_t INTEGER NOT NULL,"
	"  modified_t INTEGER NOT NULL);"
	"CREATE INDEX shifts_plan ON shifts(plan_id);"
	"CREATE INDEX shifts_pair ON shifts(pair_id);"
	"CREATE TABLE shift_exceptions ("
	"  id INTEGER PRIMARY KEY,"
	"  shift_id INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,"
	"  day INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('skip','cancel','move','replan')),"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  start_min INTEGER,"
	"  end_min INTEGER,"
	"  route TEXT NOT NULL DEFAULT '',"
	"  modified_t INTEGER NOT NULL,"
	"  UNIQUE (shift_id, day));"
	"CREATE TABLE stops ("
	"  id INTEGER PRIMARY KEY,"
	"  shift_id INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,"
	"  exception_id INTEGER REFERENCES shift_exceptions(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  place_id INTEGER NOT NULL REFERENCES places(id),"
	"  arrive_min INTEGER NOT NULL,"
	"  leave_min INTEGER NOT NULL CHECK (leave_min >= arrive_min),"
	"  expected REAL NOT NULL DEFAULT 0,"
	"  lower REAL NOT NULL DEFAULT 0,"
	"  upper REAL NOT NULL DEFAULT 0,"
	"  why TEXT NOT NULL DEFAULT 'forecast'"
	"    CHECK (why IN ('forecast','commitment','exploration','pinned','urgent')),"
	"  UNIQUE (shift_id, exception_id, seq));"
	"CREATE INDEX stops_place ON stops(place_id);"
	"CREATE TABLE commitments ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,"
	"  place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,"
	"  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),"
	"  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),"
	"  end_min INTEGER NOT NULL CHECK (end_min > start_min AND end_min <= 1440),"
	"  pairs_needed INTEGER NOT NULL DEFAULT 1 CHECK (pairs_needed >= 1),"
	"  UNIQUE (place_id, weekday, start_min));"
	"CREATE TABLE worked_holidays ("
	"  day INTEGER PRIMARY KEY);"
	/* Tokens are stored only as a hash (BLAKE2b of the secret). */
	"CREATE TABLE feed_tokens ("
	"  id INTEGER PRIMARY KEY,"
	"  hash BLOB NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('worker','pair','team','partner','place')),"
	"  subject_id INTEGER NOT NULL DEFAULT 0,"
	"  label TEXT NOT NULL DEFAULT '',"
	"  show_names INTEGER NOT NULL DEFAULT 0,"
	"  created_t INTEGER NOT NULL,"
	"  revoked_t INTEGER,"
	"  last_fetch_t INTEGER,"
	"  fetches INTEGER NOT NULL DEFAULT 0);"
	/* Makes UIDs of this database's events unique among databases. */
	"INSERT OR IGNORE INTO settings(key, value)"
	"  VALUES ('instance_id', lower(hex(randomblob(8))));"
	"CREATE TABLE content_version (v INTEGER NOT NULL);"
	"INSERT INTO content_version VALUES (0);"
	BUMP_ON("plans") BUMP_ON("shifts") BUMP_ON("shift_exceptions")
	BUMP_ON("stops") BUMP_ON("places") BUMP_ON("pairs") BUMP_ON("workers")
	BUMP_ON("partners") BUMP_ON("areas") BUMP_ON("settings")
	BUMP_ON("availability") BUMP_ON("absences") BUMP_ON("commitments")
	BUMP_ON("worked_holidays"),

	/* 3: the web service: team leads' logins and sessions (secrets only as
	 * hashes), login failures for throttling, partners' alerts ("someone
	 * here needs you now": no personal data, a fixed kind and the place). */
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL UNIQUE,"
	"  pw_hash TEXT NOT NULL,"
	"  created_t INTEGER NOT NULL);"
	"CREATE TABLE sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  hash BLOB NOT NULL UNIQUE,"
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	"  csrf TEXT NOT NULL,"
	"  created_t INTEGER NOT NULL,"
	"  expires_t INTEGER NOT NULL);"
	"CREATE TABLE login_failures ("
	"  login TEXT NOT NULL,"
	"  t INTEGER NOT NULL);"
	"CREATE INDEX login_failures_login ON login_failures(login, t);"
	"CREATE TABLE alerts ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,"
	"  place_id INTEGER REFERENCES places(id) ON DELETE SET NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('needs_worker','accompany','other')),"
	"  created_t INTEGER NOT NULL,"
	"  handled_t INTEGER,"
	"  pair_id INTEGER REFERENCES pairs(id) ON DELETE SET NULL);",

	/* 4: the walking graph built from OpenStreetMap (geo/): nodes are
	 * junctions and way ends, edges carry their length and the points to
	 * draw them (BLOB of float64 lat,lon pairs, both ends included).
	 * kind: 0 way, 1 steps, 2 across a pedestrian area. */
	"CREATE TABLE geo_nodes ("
	"  id INTEGER PRIMARY KEY,"
	"  lat REAL NOT NULL,"
	"  lon REAL NOT NULL);"
	"CREATE TABLE geo_edges ("
	"  id INTEGER PRIMARY KEY,"
	"  a INTEGER NOT NULL,"
	"  b INTEGER NOT NULL,"
	"  metres REAL NOT NULL CHECK (metres >= 0),"
	"  kind INTEGER NOT NULL DEFAULT 0,"
	"  geom BLOB NOT NULL);"
	"CREATE TABLE geo_meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);",

	/* 5: how good a plan is (its share of an upper bound, where the
	 * worker-hours went), a JSON object written by the planner. */
	"ALTER TABLE plans ADD COLUMN quality TEXT NOT NULL DEFAULT '';",
};

const int store__nmigrations = sizeof store__migrations / sizeof store__migrations[0];
