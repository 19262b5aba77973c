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

	/* 5: the field log: what a pair records on the phone at a stop of a
	 * shift (planned or not). Counts and fixed codes only: no free text
	 * about the people met, and guidance as counts per topic, never tied
	 * to a person. client_id is made by the phone, so a resent entry is
	 * stored once; rev orders its edits (the highest wins). Each entry
	 * owns the visit (arrive..leave, the model's exposure) and the
	 * encounter (the tally) it produced, replaced on every edit. */
	"CREATE TABLE field_entries ("
	"  id INTEGER PRIMARY KEY,"
	"  pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,"
	"  client_id TEXT NOT NULL,"
	"  rev INTEGER NOT NULL CHECK (rev >= 1),"
	"  feed_id INTEGER REFERENCES feed_tokens(id) ON DELETE SET NULL,"
	"  shift_id INTEGER REFERENCES shifts(id) ON DELETE SET NULL,"
	"  day INTEGER NOT NULL,"
	"  stop_seq INTEGER NOT NULL DEFAULT 0,"
	"  place_id INTEGER REFERENCES places(id) ON DELETE SET NULL,"
	"  lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),"
	"  lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),"
	"  arrive_t INTEGER,"
	"  leave_t INTEGER CHECK (leave_t IS NULL OR arrive_t IS NULL OR leave_t >= arrive_t),"
	"  skipped TEXT NOT NULL DEFAULT ''"
	"    CHECK (skipped IN ('','closed','unsafe','called_away','no_time')),"
	"  outside TEXT NOT NULL DEFAULT ''"
	"    CHECK (outside IN ('','started_early','stayed_longer','called_out')),"
	"  people INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),"
	"  new_people INTEGER NOT NULL DEFAULT 0 CHECK (new_people BETWEEN 0 AND people),"
	"  anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous BETWEEN 0 AND people),"
	"  g_benefits INTEGER NOT NULL DEFAULT 0, g_debt INTEGER NOT NULL DEFAULT 0,"
	"  g_housing INTEGER NOT NULL DEFAULT 0, g_home INTEGER NOT NULL DEFAULT 0,"
	"  g_mental_health INTEGER NOT NULL DEFAULT 0,"
	"  g_substance_use INTEGER NOT NULL DEFAULT 0,"
	"  g_health_services INTEGER NOT NULL DEFAULT 0,"
	"  g_social_services INTEGER NOT NULL DEFAULT 0,"
	"  g_work_study INTEGER NOT NULL DEFAULT 0, g_other INTEGER NOT NULL DEFAULT 0,"
	"  accompanied INTEGER NOT NULL DEFAULT 0 CHECK (accompanied >= 0),"
	"  contacted INTEGER NOT NULL DEFAULT 0 CHECK (contacted >= 0),"
	"  deleted INTEGER NOT NULL DEFAULT 0,"
	"  visit_id INTEGER REFERENCES visits(id) ON DELETE SET NULL,"
	"  encounter_id INTEGER REFERENCES encounters(id) ON DELETE SET NULL,"
	"  created_t INTEGER NOT NULL,"
	"  updated_t INTEGER NOT NULL,"
	"  CHECK (place_id IS NOT NULL OR (lat IS NOT NULL AND lon IS NOT NULL)),"
	"  UNIQUE (pair_id, client_id));"
	"CREATE INDEX field_entries_day ON field_entries(day, pair_id);"
	BUMP_ON("field_entries"),

	/* 6: rhythms other than every week, and the network's guests.
	 * A shift or commitment runs every `every` weeks from its first day,
	 * or (monthly, a bit set) on the k-th weekdays of the month (bit k-1
	 * for k = 1..4, bit 4 the last), or on its dates only (shift_dates,
	 * commitment_dates: RDATE). Weekly stays the default (every 1).
	 * Commitments gain the span they hold (from_day..until_day, NULL: open).
	 * Guests are partners' professionals who join a round: a kind and a
	 * label the team enters (a name or role, never an identity code). A
	 * join attaches one to a shift (day NULL: every occurrence) or to one
	 * occurrence, or to a commitment (whichever shift covers it); a
	 * cancelled join stays, so the pair sees the cancellation. */
	"ALTER TABLE shifts ADD COLUMN every INTEGER NOT NULL DEFAULT 1"
	"  CHECK (every BETWEEN 1 AND 12);"
	"ALTER TABLE shifts ADD COLUMN monthly INTEGER NOT NULL DEFAULT 0"
	"  CHECK (monthly BETWEEN 0 AND 31 AND (monthly = 0 OR every = 1));"
	"CREATE TABLE shift_dates ("
	"  shift_id INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,"
	"  day INTEGER NOT NULL,"
	"  PRIMARY KEY (shift_id, day));"
	"ALTER TABLE commitments ADD COLUMN every INTEGER NOT NULL DEFAULT 1"
	"  CHECK (every BETWEEN 1 AND 12);"
	"ALTER TABLE commitments ADD COLUMN monthly INTEGER NOT NULL DEFAULT 0"
	"  CHECK (monthly BETWEEN 0 AND 31 AND (monthly = 0 OR every = 1));"
	"ALTER TABLE commitments ADD COLUMN from_day INTEGER;"
	"ALTER TABLE commitments ADD COLUMN until_day INTEGER"
	"  CHECK (until_day IS NULL OR from_day IS NULL OR until_day >= from_day);"
	"CREATE TABLE commitment_dates ("
	"  commitment_id INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,"
	"  day INTEGER NOT NULL,"
	"  PRIMARY KEY (commitment_id, day));"
	"CREATE TABLE guests ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER REFERENCES partners(id) ON DELETE SET NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('nurse','dental','rescue','parish',"
	"    'social_services','other')),"
	"  label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 80),"
	"  created_t INTEGER NOT NULL);"
	"CREATE TABLE guest_joins ("
	"  id INTEGER PRIMARY KEY,"
	"  guest_id INTEGER NOT NULL REFERENCES guests(id) ON DELETE CASCADE,"
	"  shift_id INTEGER REFERENCES shifts(id) ON DELETE CASCADE,"
	"  commitment_id INTEGER REFERENCES commitments(id) ON DELETE CASCADE,"
	"  day INTEGER,"
	"  meet_place_id INTEGER REFERENCES places(id) ON DELETE SET NULL,"
	"  status TEXT NOT NULL DEFAULT 'joined' CHECK (status IN ('joined','cancelled')),"
	"  created_t INTEGER NOT NULL,"
	"  changed_t INTEGER NOT NULL,"
	"  CHECK ((shift_id IS NULL) <> (commitment_id IS NULL)));"
	"CREATE UNIQUE INDEX guest_joins_once ON guest_joins"
	"  (guest_id, ifnull(shift_id, 0), ifnull(commitment_id, 0), ifnull(day, -1));"
	"CREATE INDEX guest_joins_shift ON guest_joins(shift_id);"
	BUMP_ON("shift_dates") BUMP_ON("commitment_dates") BUMP_ON("guests")
	BUMP_ON("guest_joins"),

	/* 7: how good a plan is (its share of an upper bound, where the
	 * worker-hours went), a JSON object written by the planner. */
	"ALTER TABLE plans ADD COLUMN quality TEXT NOT NULL DEFAULT '';",

	/* 8: continuity (issue 17): a commitment may ask for the same pair
	 * every time (NULL: any pair of its area). */
	"ALTER TABLE commitments ADD COLUMN pair_id INTEGER"
	"  REFERENCES pairs(id) ON DELETE SET NULL;",
};

const int store__nmigrations = sizeof store__migrations / sizeof store__migrations[0];
