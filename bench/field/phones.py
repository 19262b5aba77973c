#!/usr/bin/python3
"""bench/field: PHONES phones sync a queue of ENTRIES field-log entries each,
all at once, over loopback (one keep-alive connection per phone, entries
sent one after another as the page does). Then every queue is sent again
(a phone that lost the answers): nothing may double. Prints latency
percentiles and checks the store: every entry stored once, none lost.
usage: phones.py BASE DB TOKENS_FILE SHIFTS_FILE DATE ENTRIES"""
import http.client, json, sqlite3, sys, threading, time, urllib.parse

base, db, tokens_file, shifts_file, date, per = sys.argv[1:7]
per = int(per)
tokens = open(tokens_file).read().split()
shifts = [int(x) for x in open(shifts_file).read().split()]
places = [r[0] for r in sqlite3.connect(db).execute('SELECT key FROM places ORDER BY key')]
u = urllib.parse.urlparse(base)


def entries(k):
    out = []
    for i in range(per):
        a = i * 28 + k % 28
        out.append({'id': f'bench-{k:04d}-{i:04d}', 'rev': 1, 'shift': shifts[k], 'date': date, 'stop': 0,
                    'place': places[(k + i) % len(places)], 'arrive': f'{a // 60:02d}:{a % 60:02d}',
                    'leave': f'{(a + 10) // 60:02d}:{(a + 10) % 60:02d}', 'people': 1 + (i % 3),
                    'new': i % 2, 'anonymous': (i // 2) % 2, 'guidance': {'housing': i % 2}})
    return out


def phone(k, lat, status, errors, barrier):
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    body = [json.dumps(e) for e in entries(k)]
    barrier.wait()
    for b in body:
        t0 = time.perf_counter()
        try:
            conn.request('POST', f'/api/link/{tokens[k]}/log', b, {'Content-Type': 'application/json'})
            r = conn.getresponse()
            j = json.loads(r.read())
            lat.append(time.perf_counter() - t0)
            status[j.get('status', str(r.status))] = status.get(j.get('status', str(r.status)), 0) + 1
            if r.status >= 300:
                errors.append((r.status, j))
        except Exception as e:  # counted, never hidden
            errors.append(('exception', repr(e)))
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    conn.close()


def round_(name):
    lat, status, errors = [], {}, []
    barrier = threading.Barrier(len(tokens))
    th = [threading.Thread(target=phone, args=(k, lat, status, errors, barrier)) for k in range(len(tokens))]
    t0 = time.perf_counter()
    for t in th:
        t.start()
    for t in th:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000 if lat else float('nan')
    print(f'{name:<8} {len(tokens):>6} {per:>7} {len(lat):>8} {wall:>7.1f} {len(lat) / wall:>7.0f} '
          f'{pct(50):>7.1f} {pct(99):>7.1f} {lat[-1] * 1000 if lat else 0:>7.1f} {len(errors):>6}  '
          f'{" ".join(f"{k}={v}" for k, v in sorted(status.items()))}')
    for e in errors[:5]:
        print('   error:', e)
    return errors


def stored():
    c = sqlite3.connect(db)
    try:
        return c.execute("SELECT count(*), count(DISTINCT client_id), count(encounter_id), count(visit_id)"
                         " FROM field_entries WHERE client_id LIKE 'bench-%'").fetchone()
    finally:
        c.close()


print(f'{"round":<8} {"phones":>6} {"entries":>7} {"requests":>8} {"wall_s":>7} {"req/s":>7} '
      f'{"p50_ms":>7} {"p99_ms":>7} {"max_ms":>7} {"errors":>6}  statuses')
e1 = round_('first')
n1 = stored()
e2 = round_('resend')
n2 = stored()
want = len(tokens) * per
ok = not e1 and not e2 and n1 == n2 == (want, want, want, want)
print(f'stored: {n1[0]} entries ({n1[1]} distinct ids, {n1[2]} encounters, {n1[3]} visits) after the first round, '
      f'{n2[0]} after the resend; expected {want}: {"MET" if ok else "NOT MET"} (every entry once, none lost)')
sys.exit(0 if ok else 1)
