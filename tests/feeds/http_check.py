#!/usr/bin/python3
"""HTTP checks of a running `outreach serve`: 200/304/404/410, headers, HEAD,
and a concurrent poll. Prints TAP-like lines.
usage: http_check.py BASE_URL LIVE_TOKEN REVOKED_TOKEN"""
import concurrent.futures, sys, urllib.error, urllib.request

base, live, revoked = sys.argv[1:4]
failures = 0

def check(name, ok, detail=''):
    global failures
    print(('ok - ' if ok else 'not ok - ') + name + ('' if ok else f'  # {detail}'))
    failures += 0 if ok else 1

def get(path, headers=None, method='GET'):
    req = urllib.request.Request(base + path, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()

url = f'/feeds/{live}.ics'
st, h, body = get(url)
check('200 for a live feed', st == 200, st)
check('content type', h.get('Content-Type') == 'text/calendar; charset=utf-8', h)
check('strong ETag', h.get('ETag', '').startswith('"'), h.get('ETag'))
check('Last-Modified', 'GMT' in h.get('Last-Modified', ''), h)
check('body is a calendar', body.startswith(b'BEGIN:VCALENDAR\r\n') and len(body) > 500)
etag, lm = h.get('ETag'), h.get('Last-Modified')
st2, _, body2 = get(url)
check('same bytes on the next poll', body2 == body)
st, h, b = get(url, {'If-None-Match': etag})
check('304 on a matching If-None-Match', st == 304 and b == b'', st)
check('304 keeps the ETag', h.get('ETag') == etag, h)
st, _, _ = get(url, {'If-None-Match': '"other"'})
check('200 on another ETag', st == 200, st)
st, _, _ = get(url, {'If-None-Match': 'W/' + etag})
check('304 on a weak form of the ETag', st == 304, st)
st, _, _ = get(url, {'If-Modified-Since': lm})
check('304 on If-Modified-Since', st == 304, st)
st, _, _ = get(url, {'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT'})
check('200 on an old If-Modified-Since', st == 200, st)
st, h, b = get(url, method='HEAD')
check('HEAD answers 200', st == 200, st)
st, h, b = get('/feeds/' + 'A' * 43 + '.ics')
check('404 for an unknown token', st == 404 and b'error' in b, (st, b))
check('404 has a JSON body', h.get('Content-Type', '').startswith('application/json'), h)
st, _, b = get('/feeds/short.ics')
check('404 for a malformed token', st == 404 and len(b) > 0, st)
st, _, b = get(f'/feeds/{revoked}.ics')
check('410 for a revoked token', st == 410 and b'revoked' in b, (st, b))
st, _, _ = get(url, method='POST')
check('405 for POST', st == 405, st)
st, _, _ = get('/nothing/here')
check('404 elsewhere', st == 404, st)

def poll(i):
    h = {'If-None-Match': etag} if i % 2 else {}
    s, _, b = get(url, h)
    return s == (304 if i % 2 else 200) and (i % 2 or b == body)

with concurrent.futures.ThreadPoolExecutor(32) as pool:
    results = list(pool.map(poll, range(1000)))
check('1,000 concurrent polls without an error', all(results),
      f'{results.count(False)} failed')
sys.exit(1 if failures else 0)
