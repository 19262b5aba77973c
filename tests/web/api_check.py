#!/usr/bin/python3
"""API tests of a running `outreach serve` with the feeds fixture plan:
every endpoint, bad input, wrong roles. Prints TAP-like lines.
usage: api_check.py BASE LOGIN PASSWORD"""
import http.cookiejar, json, sys, urllib.error, urllib.request

base, login, password = sys.argv[1:4]
failures = 0


def check(name, ok, detail=''):
    global failures
    print(('ok - ' if ok else 'not ok - ') + name + ('' if ok else f'  # {detail}'))
    failures += 0 if ok else 1


class Client:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = None

    def call(self, method, path, body=None, ctype='application/json', csrf=True, raw=False):
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
        req = urllib.request.Request(base + path, data=data, method=method)
        if data is not None and ctype is not None:
            req.add_header('Content-Type', ctype)
        if csrf and self.csrf and method != 'GET':
            req.add_header('X-CSRF-Token', self.csrf)
        try:
            with self.op.open(req, timeout=20) as r:
                st, h, b = r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            st, h, b = e.code, dict(e.headers), e.read()
        if raw:
            return st, h, b
        try:
            return st, h, json.loads(b or b'null')
        except ValueError:
            return st, h, b


anon = Client()
lead = Client()

# --- pages, static files, headers -----------------------------------------
st, h, b = anon.call('GET', '/', raw=True)
check('GET / serves the app', st == 200 and b'<html' in b, st)
check('CSP without inline scripts', "script-src 'self'" in h.get('Content-Security-Policy', '') and
      'unsafe-inline' not in h.get('Content-Security-Policy', ''), h)
check('nosniff and referrer policy', h.get('X-Content-Type-Options') == 'nosniff' and
      h.get('Referrer-Policy') == 'no-referrer', h)
for path in ('/static/app.js', '/static/i18n.js', '/static/app.css', '/vendor/leaflet/leaflet.js',
             '/vendor/leaflet/leaflet.css', '/vendor/chart.js/chart.min.js'):
    st, h, b = anon.call('GET', path, raw=True)
    check(f'GET {path}', st == 200 and len(b) > 100, st)
for path in ('/static/../../etc/passwd', '/static/%2e%2e/secret', '/static/nope.js', '/vendor/x/y.js'):
    st, _, _ = anon.call('GET', path, raw=True)
    check(f'GET {path} is 404', st == 404, st)

# --- login, sessions, throttling ----------------------------------------
st, _, j = anon.call('GET', '/api/me')
check('API without a session is 401', st == 401 and 'error' in j, (st, j))
# Login CSRF: a cross-site form can post text/plain (or a form encoding)
# without a preflight; a JSON endpoint must refuse anything but JSON.
for ct in ('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', None):
    st, _, j = Client().call('POST', '/api/login', json.dumps({'login': login, 'password': password}).encode(),
                             ctype=ct)
    check(f'login sent as {ct} is 415 naming the header', st == 415 and
          j.get('field') == 'Content-Type' and 'application/json' in j.get('error', ''), (st, j))
st, _, j = Client().call('POST', '/api/login', json.dumps({'login': login, 'password': password}).encode(),
                         ctype='Application/JSON; charset=utf-8')
check('login as application/json with a charset is accepted', st == 200, (st, j))
st, _, j = anon.call('POST', '/api/login', b'not json')
check('login with a bad body is 400 naming the field', st == 400 and j.get('field') == 'body', j)
st, _, j = anon.call('POST', '/api/login', {'login': login})
check('login without password is 400', st == 400 and j.get('field') == 'password', j)
st, _, j = anon.call('POST', '/api/login', {'login': login, 'password': 'wrong-password'})
check('wrong password is 401', st == 401, (st, j))
for i in range(6):
    st, _, j = anon.call('POST', '/api/login', {'login': 'victim', 'password': f'guess-{i}'})
check('login throttled after failures (429)', st == 429, (st, j))
st, h, j = lead.call('POST', '/api/login', {'login': login, 'password': password})
check('login works', st == 200 and j.get('csrf'), (st, j))
cookie = h.get('Set-Cookie', '')
check('session cookie HttpOnly SameSite=Strict', 'HttpOnly' in cookie and 'SameSite=Strict' in cookie, cookie)
check('no token in the JSON but the CSRF one', set(j) == {'login', 'csrf'}, j)
lead.csrf = j['csrf']
st, _, j = lead.call('GET', '/api/me')
check('GET /api/me', st == 200 and j['login'] == login, j)

# --- CSRF -----------------------------------------------------------------
st, _, j = lead.call('POST', '/api/feeds', {'kind': 'team'}, csrf=False)
check('a change without the CSRF token is 403', st == 403, (st, j))

# --- data -----------------------------------------------------------------
for kind in ('areas', 'partners', 'places', 'workers', 'pairs', 'availability', 'absences',
             'visits', 'encounters', 'commitments'):
    st, _, j = lead.call('GET', f'/api/data/{kind}')
    check(f'GET /api/data/{kind}', st == 200 and isinstance(j, list), st)
st, _, j = lead.call('GET', '/api/data/secrets')
check('unknown data kind is 404', st == 404, st)
csv = b'key,name,contact\nnew-partner,New partner,x@example.org\n'
st, _, j = lead.call('POST', '/api/import/partners?dry_run=1', csv, 'text/csv')
check('dry-run upload', st == 200 and j['rows'] == 1 and j['dry_run'], j)
st, _, j = lead.call('GET', '/api/data/partners')
check('dry run saved nothing', all(p['key'] != 'new-partner' for p in j), j)
st, _, j = lead.call('POST', '/api/import/partners?name=partners.csv', csv, 'text/csv')
check('upload', st == 200 and j['rows'] == 1, j)
st, _, j = lead.call('POST', '/api/import/places?name=bad.csv',
                     b'key,name,kind,lat,lon\nx,X,park,60,25\ny,Y,volcano,60,25\n', 'text/csv')
check('bad upload is 422 with file:line: column', st == 422 and
      j.get('error', '').startswith("bad.csv:3: column kind: 'volcano'"), (st, j))
st, _, j = lead.call('POST', '/api/import/encounters', b'time,place,people,name\n', 'text/csv')
check('identity columns refused', st == 422 and 'anonymous' in j.get('error', ''), j)
st, _, j = lead.call('POST', '/api/import/places', b'x' * (17 << 20), 'text/csv')
check('upload over 16 MiB is 413', st == 413, st)
st, _, j = lead.call('POST', '/api/import/nothing', b'a\n', 'text/csv')
check('upload of an unknown kind is 404', st == 404, st)

# --- feeds ----------------------------------------------------------------
st, _, j = lead.call('POST', '/api/feeds', {'kind': 'galaxy'})
check('feed of an unknown kind is 400', st == 400 and j.get('field') == 'kind', j)
st, _, j = lead.call('POST', '/api/feeds', {'kind': 'worker', 'subject': 'nobody'})
check('feed for an unknown worker is 404', st == 404 and j.get('field') == 'subject', (st, j))
st, _, worker = lead.call('POST', '/api/feeds', {'kind': 'worker', 'subject': 'aino', 'label': 'phone'})
check('create a worker link', st == 201 and worker['page'].split('/w/')[1], (st, worker))
st, _, partner = lead.call('POST', '/api/feeds', {'kind': 'partner', 'subject': 'pelastusarmeija'})
check('create a partner link', st == 201 and '/p/' in partner['page'], partner)
st, _, other = lead.call('POST', '/api/feeds', {'kind': 'partner', 'subject': 'hivsaatio'})
wtok = worker['page'].split('/w/')[1]
ptok = partner['page'].split('/p/')[1]
otok = other['page'].split('/p/')[1]
st, _, j = lead.call('GET', '/api/feeds')
check('list feeds', st == 200 and len(j) >= 3 and 'last_fetched' in j[0], j)
st, _, rot = lead.call('POST', f"/api/feeds/{other['id']}/rotate")
check('rotate', st == 200 and rot['https'] != other['https'], rot)
st, _, _ = anon.call('GET', f'/api/link/{otok}/me')
check('old link after rotation is 404', st == 404, st)
otok = rot['page'].split('/p/')[1]
st, _, j = lead.call('POST', '/api/feeds/abc/rotate')
check('rotate with a bad id is 400', st == 400, st)
st, _, j = lead.call('POST', '/api/feeds/99999/revoke')
check('revoke of an unknown feed is 404', st == 404, st)

# --- links: only their own rights -------------------------------------------
st, _, me = anon.call('GET', f'/api/link/{wtok}/me')
check('worker link: me', st == 200 and me['kind'] == 'worker' and me['subscribe']['webcal'].startswith('webcal://'), me)
st, _, occ = anon.call('GET', f'/api/link/{wtok}/shifts?from=2025-03-01')
check('worker link: own shifts only', st == 200 and occ and all(o['pair'] == 'pari-kluuvi' for o in occ), occ)
check('worker sees a cancelled date as cancelled', any(o['status'] == 'cancelled' for o in occ), occ)
st, _, j = anon.call('POST', f'/api/link/{wtok}/alert', {'place': 'pelastusarmeija', 'kind': 'other'})
check('worker link cannot send an alert (403)', st == 403, (st, j))
st, _, j = anon.call('POST', f'/api/feeds', {'kind': 'team'})
check('no lead API without login (a link is no login)', st in (401, 403), st)
st, _, j = anon.call('GET', f'/api/link/{ptok}/shifts?from=2025-03-01')
check('partner link: visits at own venues only', st == 200 and j and
      all(s['place'] == 'pelastusarmeija' for o in j for s in o['stops']), j)
check('partner link hides worker names', all('workers' not in o and o['pair'] == '' for o in j), j[:1])
st, _, j = anon.call('GET', f'/api/link/{otok}/shifts?from=2025-03-01')
check("partner cannot read another partner's visits",
      st == 200 and all(s['place'] != 'pelastusarmeija' for o in j for s in o['stops']), j)
st, _, j = anon.call('POST', f'/api/link/{ptok}/alert', {'place': 'hivsaatio', 'kind': 'needs_worker'})
check("alert for another partner's venue is 400", st == 400 and j.get('field') == 'place', j)
st, _, j = anon.call('POST', f'/api/link/{ptok}/alert', {'place': 'pelastusarmeija', 'kind': 'gossip'})
check('alert of an unknown kind is 400', st == 400 and j.get('field') == 'kind', j)
st, _, j = anon.call('POST', f'/api/link/{ptok}/alert', {'place': 'pelastusarmeija', 'kind': 'needs_worker'})
check('partner sends an alert', st == 201, (st, j))
st, _, leena = lead.call('POST', '/api/feeds', {'kind': 'worker', 'subject': 'leena'})
ltok = leena['page'].split('/w/')[1]
st, _, j = anon.call('GET', f'/api/link/{ltok}/alerts')
check("the pair of the venue's area sees the alert at once",
      st == 200 and [a['place'] for a in j] == ['Pelastusarmeija'], (st, j))
st, _, j = anon.call('GET', f'/api/link/{wtok}/alerts')
check('a pair of another area does not', st == 200 and j == [], (st, j))
st, _, j = anon.call('GET', f'/api/link/{ptok}/alerts')
check('a partner link does not read alerts', st == 403, st)
st, _, alerts = lead.call('GET', '/api/alerts')
check('the lead sees the alert', st == 200 and alerts and alerts[0]['place'] == 'pelastusarmeija', alerts)
st, _, j = lead.call('POST', f"/api/alerts/{alerts[0]['id']}/handle")
check('handle the alert', st == 200, j)
st, _, j = lead.call('POST', f"/api/alerts/{alerts[0]['id']}/handle")
check('handling twice is 404', st == 404, st)

# --- shifts -----------------------------------------------------------------
st, _, j = lead.call('GET', '/api/shifts?from=2025-03-03&days=7')
check('week of shifts', st == 200 and len(j) == 1 and j[0]['workers'], j)
st, _, j = lead.call('GET', '/api/shifts?from=2025-02-30')
check('bad from date is 400', st == 400 and j.get('field') == 'from', j)
st, _, j = lead.call('GET', '/api/shifts?days=999')
check('too many days is 400', st == 400 and j.get('field') == 'days', j)
st, _, j = lead.call('POST', '/api/shifts/1/cancel', {'date': '2025-03-04'})
check('cancel a date the shift does not run is 400', st == 400, (st, j))
st, _, j = lead.call('POST', '/api/shifts/1/move', {'date': '2025-03-10', 'start': '25:00'})
check('move to a bad time is 400', st == 400 and j.get('field') == 'start', j)
st, _, j = lead.call('POST', '/api/shifts/1/move', {'date': '2025-03-10', 'start': '10:30'})
check('move an occurrence', st == 200, (st, j))
st, _, j = lead.call('POST', '/api/shifts/1/cancel', {'date': '2025-03-31', 'reason': 'training'})
check('cancel an occurrence', st == 200, (st, j))
st, _, j = lead.call('GET', '/api/shifts?from=2025-03-10&days=28')
status = {o['date']: o['status'] for o in j}
check('the week shows the changes', status.get('2025-03-10') == 'moved' and
      status.get('2025-03-31') == 'cancelled', status)
st, _, j = lead.call('POST', '/api/shifts/999/cancel', {'date': '2025-03-10'})
check('unknown shift is 404', st == 404, st)

# --- forecast -------------------------------------------------------------
st, _, j = lead.call('GET', '/api/forecast?place=rautatieasema&from=2025-03-05')
check('forecast for a place: the week from Monday, hour by hour', st == 200 and
      j['hours'][0]['start'] == '2025-03-03T00:00:00+02:00' and len(j['hours']) == 168 and
      len(j['observed']['presence_hours']) == 168, (st, str(j)[:200]))
st, _, j = lead.call('GET', '/api/forecast?place=rautatieasema&from=2025-03-24')
check('a week with the spring DST change has 167 hours', st == 200 and len(j['hours']) == 167,
      len(j.get('hours', [])))
st, _, j = lead.call('GET', '/api/forecast?place=nowhere')
check('forecast for an unknown place is 400', st == 400 and j.get('field') == 'place', j)
st, _, j = anon.call('GET', '/api/forecast?place=rautatieasema')
check('forecast needs a login', st == 401, st)

# --- re-plan an urgent call ---------------------------------------------------
st, _, j = lead.call('POST', '/api/replan', {'pair': 'pari-kluuvi'})
check('replan without a place is 400', st == 400 and j.get('field') == 'place', j)
st, _, j = lead.call('POST', '/api/replan', {'pair': 'nobody', 'place': 'kaivopiha', 'at': '2025-03-10T10:00'})
check('replan of an unknown pair is 404', st == 404, (st, j))
st, _, j = lead.call('POST', '/api/replan', {'pair': 'pari-kluuvi', 'place': 'kaivopiha', 'at': 'soon'})
check('replan at a bad time is 400', st == 400 and j.get('field') == 'at', j)
st, _, j = lead.call('POST', '/api/replan', {'pair': 'pari-kluuvi', 'place': 'kaivopiha', 'at': '2025-03-17T10:00'})
check('replan of a day that is not worked is 404', st in (404, 409), (st, j))
st, _, j = lead.call('POST', '/api/replan', {'pair': 'pari-kluuvi', 'place': 'kaivopiha', 'at': '2025-03-10T10:00'})
check('replan', st == 200 and j['urgent_arrive'] >= 600, (st, j))

st, _, j = lead.call('POST', '/api/places/kaivopiha/ban')
check('ban a place', st == 200 and j['banned'] == 'kaivopiha', j)
st, _, j = lead.call('POST', '/api/places/oodi/pin')
check('pin a place', st == 200 and j['pinned'] == 'oodi' and j['banned'] == 'kaivopiha', j)
st, _, j = lead.call('POST', '/api/places/kaivopiha/clear')
check('clear a place', st == 200 and j['banned'] == '', j)
st, _, j = lead.call('POST', '/api/places/nowhere/ban')
check('ban an unknown place is 404', st == 404, st)
st, _, j = lead.call('POST', '/api/places/oodi/adore')
check('an unknown choice is 404', st == 404, st)
st, _, j = lead.call('GET', '/api/places/suggest')
check('suggested places', st == 200 and isinstance(j, list), (st, j))

# --- planning, routes, GPX, the street layer ---------------------------------
st, _, j = anon.call('GET', '/api/session')
check('session probe without login is 200 with no login', st == 200 and j['login'] is None, j)
st, _, j = lead.call('POST', '/api/plan', {'weeks': 1})
check('plan without from is 400', st == 400 and j.get('field') == 'from', j)
st, _, j = lead.call('POST', '/api/plan', {'from': '2025-03-03', 'weeks': 0})
check('plan with 0 weeks is 400', st == 400 and j.get('field') == 'weeks', j)
st, _, j = lead.call('POST', '/api/plan', {'from': '2025-03-03', 'weeks': 1, 'explore': 2})
check('plan with explore > 1 is 400', st == 400 and j.get('field') == 'explore', j)
st, _, run = lead.call('POST', '/api/plan', {'from': '2025-05-05', 'weeks': 2})
check('plan runs and reports', st == 201 and run['shifts'] > 0 and run['hours'] > 0, (st, run))
st, _, j = lead.call('GET', f"/api/plan/{run['id']}")
check('read the proposed plan', st == 200 and j['plan']['status'] == 'draft' and j['shifts'], (st, str(j)[:200]))
sid = j['shifts'][0]['id']
st, _, j = lead.call('GET', '/api/plan/99999')
check('unknown plan is 404', st == 404, st)
st, _, j = lead.call('POST', f"/api/plan/{run['id']}/publish")
check('publish', st == 200 and j['status'] == 'published', j)
st, _, j = lead.call('POST', '/api/plan/99999/publish')
check('publish an unknown plan is 404', st == 404, st)
st, _, j = lead.call('GET', f'/api/shifts/{sid}/route')
check('a shift route is a GeoJSON LineString (lon, lat)', st == 200 and j['type'] == 'LineString' and
      all(24 < c[0] < 25.1 and 60 < c[1] < 60.3 for c in j['coordinates']), (st, str(j)[:200]))
st, _, j = lead.call('GET', '/api/shifts/99999/route')
check('route of an unknown shift is 404', st == 404, st)
st, _, j = lead.call('GET', '/api/streets')
check('street layer (no graph imported here: empty)', st == 200 and j['lines'] == [] and 'OpenStreetMap' in j['credit'], j)
st, _, j = anon.call('GET', '/api/streets')
check('street layer needs a login', st == 401, st)
aino = [x for x in lead.call('GET', f"/api/plan/{run['id']}")[2]['shifts'] if 'aino' in x['workers']][0]
other = [x for x in lead.call('GET', f"/api/plan/{run['id']}")[2]['shifts'] if 'aino' not in x['workers']][0]
st, _, j = anon.call('GET', f"/api/link/{wtok}/route/{aino['id']}")
check("a worker's link reads its own shift's route", st == 200 and j['type'] == 'LineString', (st, j))
st, _, j = anon.call('GET', f"/api/link/{wtok}/streets/{aino['id']}")
check("a worker's map gets the streets around the shift", st == 200 and 'lines' in j and
      'OpenStreetMap' in j.get('credit', ''), (st, j))
st, _, j = anon.call('GET', f"/api/link/{wtok}/streets/{other['id']}")
check("but not around another pair's shift (404)", st == 404, st)
st, _, j = anon.call('GET', f"/api/link/{ptok}/streets/{aino['id']}")
check("nor a partner's link (404)", st == 404, st)
st, _, j = anon.call('GET', f"/api/link/{wtok}/route/{other['id']}")
check("but not another pair's (404)", st == 404, st)
st, h, b = anon.call('GET', f"/w/{wtok}/shifts/{aino['id']}.gpx", raw=True)
import xml.etree.ElementTree as ET
ns = {'g': 'http://www.topografix.com/GPX/1/1'}
try:
    g = ET.fromstring(b)
    ok = (g.get('version') == '1.1' and len(g.findall('g:wpt', ns)) == len(aino['stops']) and
          len(g.findall('.//g:trkpt', ns)) >= 2)
except ET.ParseError as e:
    ok = False
check('GPX 1.1 of a worker\'s shift parses back (track + stops)', st == 200 and
      h.get('Content-Type') == 'application/gpx+xml' and ok, (st, b[:200]))
st, _, _ = anon.call('GET', f"/w/{wtok}/shifts/{other['id']}.gpx", raw=True)
check("no GPX of another pair's shift", st == 404, st)
st, h, b = anon.call('GET', f"/w/{wtok}/shifts/{aino['id']}", raw=True)
check('the route page is the worker page', st == 200 and b'<html' in b, st)
st, _, _ = anon.call('GET', f"/w/{ptok}/shifts/{aino['id']}.gpx", raw=True)
check("a partner's link gets no GPX of shifts", st == 404, st)

# --- every JSON endpoint refuses other content types (415) ---------------
for path, body in (('/api/feeds', {'kind': 'team'}), ('/api/plan', {'weeks': 1}),
                   ('/api/replan', {'pair': 'pari-kluuvi'}),
                   ('/api/shifts/1/cancel', {'date': '2025-03-04'}),
                   (f'/api/link/{ptok}/alert', {'place': 'pelastusarmeija', 'kind': 'other'})):
    who = anon if '/link/' in path else lead
    st, _, j = who.call('POST', path, json.dumps(body).encode(), ctype='text/plain')
    check(f'POST {path} as text/plain is 415', st == 415 and j.get('field') == 'Content-Type', (st, j))
st, _, j = lead.call('POST', '/api/import/partners?dry_run=1', b'key,name\nx,y\n', ctype='text/plain')
check('CSV import as text/plain is 415 (text/csv expected)', st == 415 and 'text/csv' in j.get('error', ''),
      (st, j))

# --- revoke ---------------------------------------------------------------
st, _, j = lead.call('POST', f"/api/feeds/{worker['id']}/revoke")
check('revoke a worker link', st == 200, j)
st, _, j = anon.call('GET', f'/api/link/{wtok}/me')
check('revoked link is 410', st == 410, st)
st, _, j = lead.call('POST', '/api/logout')
check('logout', st == 200, st)
st, _, j = lead.call('GET', '/api/me')
check('after logout the session is gone', st == 401, st)
sys.exit(1 if failures else 0)
