#!/usr/bin/python3
"""A worker's shift on a phone (headless Chromium, phone-sized viewport,
Europe/Helsinki, a position near the station): arrives at two stops,
tallies, skips one with a reason, adds an unplanned stop by position; goes
offline (DevTools network emulation), logs two more entries, reloads the
page offline, comes back online; then the lead's table shows every entry
exactly once. A second run resends the whole queue: nothing doubles.
Prints TAP-like lines.
usage: field_browser.py WORKER_URL BASE LOGIN PASSWORD OUT_DIR"""
import datetime, http.cookiejar, json, os, sys, time, urllib.request, zoneinfo
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

wurl, base, login, password, out = sys.argv[1:6]
os.makedirs(out, exist_ok=True)
failures = 0
TODAY = datetime.datetime.now(zoneinfo.ZoneInfo('Europe/Helsinki')).date().isoformat()


def check(name, ok, detail=''):
    global failures
    print(('ok - ' if ok else 'not ok - ') + name + ('' if ok else f'  # {detail}'))
    failures += 0 if ok else 1


def lead_table():
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    rq = urllib.request.Request(base + '/api/login', json.dumps({'login': login, 'password': password}).encode(),
                                {'Content-Type': 'application/json'})
    op.open(rq, timeout=10).read()
    table = json.load(op.open(f'{base}/api/field?from={TODAY}&days=1', timeout=10))
    csv = op.open(f'{base}/api/field.csv?from={TODAY}&days=1', timeout=10).read().decode()
    return table, csv


def revoke_worker_link():
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    rq = urllib.request.Request(base + '/api/login', json.dumps({'login': login, 'password': password}).encode(),
                                {'Content-Type': 'application/json'})
    csrf = json.load(op.open(rq, timeout=10))['csrf']
    fid = [f['id'] for f in json.load(op.open(base + '/api/feeds', timeout=10)) if f['kind'] == 'worker'][0]
    rq = urllib.request.Request(f'{base}/api/feeds/{fid}/revoke', data=b'', method='POST')
    rq.add_header('X-CSRF-Token', csrf)
    op.open(rq, timeout=10).read()


opts = webdriver.ChromeOptions()
opts.binary_location = '/usr/bin/chromium'
for a in ('--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=en',
          '--disable-background-networking', '--disable-component-update', '--disable-sync'):
    opts.add_argument(a)
opts.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
d = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=opts)
wait = WebDriverWait(d, 20)


def cdp(cmd, **args):
    return d.execute_cdp_cmd(cmd, args)


def offline(on):
    cdp('Network.emulateNetworkConditions', offline=on, latency=0, downloadThroughput=-1,
        uploadThroughput=-1)


def cards():
    return d.find_elements(By.CSS_SELECTOR, '#today .card.stop')


def ncards():
    return d.execute_script("return document.querySelectorAll('#today .card.stop').length")


def click(css):  # a card is re-drawn after each change: find it again until the click lands
    for _ in range(50):
        try:
            d.find_element(By.CSS_SELECTOR, css).click()
            return
        except (StaleElementReferenceException, NoSuchElementException):
            time.sleep(0.05)
    raise RuntimeError(f'could not click {css}')


def step(card_id, field, n):
    for _ in range(n):
        click(f'#{card_id} [data-field="{field}"] button.step:last-of-type')
        time.sleep(0.05)


def states():  # read in the page at once: cards are re-drawn while we look
    return d.execute_script("return [...document.querySelectorAll('#today .state')]"
                            ".map((e) => e.className.split(' ').pop())")


def all_sent():
    s = [x for x in states() if x != 'new']
    return s and all(x == 'sent' for x in s)


def card_id(i):
    return cards()[i].get_attribute('id')


try:
    cdp('Emulation.setDeviceMetricsOverride', width=390, height=844, deviceScaleFactor=2, mobile=True)
    cdp('Emulation.setTimezoneOverride', timezoneId='Europe/Helsinki')
    cdp('Browser.grantPermissions', permissions=['geolocation'], origin=base)
    cdp('Emulation.setGeolocationOverride', latitude=60.1699, longitude=24.9410, accuracy=20)
    cdp('Network.enable')
    d.get(wurl)
    wait.until(lambda _: len(cards()) >= 4)
    check("today's shift shows its four planned stops", len(cards()) == 4, len(cards()))
    check('large touch targets (48 px)', all(b.size['height'] >= 44 for b in
                                              d.find_elements(By.CSS_SELECTOR, '#today button.step, #today button.big')))
    wait.until(lambda _: d.execute_script('return !!navigator.serviceWorker.controller'))
    check('the service worker controls the page', True)
    # Stop 1: arrive, tally 3 (1 new, 1 anonymous, housing 1), leave.
    c1 = card_id(0)
    click(f'#{c1} button.arrive')
    step(c1, 'people', 3)
    step(c1, 'new', 1)
    step(c1, 'anonymous', 1)
    click(f'#{c1} details.guidance summary')
    step(c1, 'guidance.housing', 1)
    click(f'#{c1} button.leave')
    # Stop 2: arrive, 2 people, leave.
    c2 = card_id(1)
    click(f'#{c2} button.arrive')
    step(c2, 'people', 2)
    click(f'#{c2} button.leave')
    # A refused value: leave before arrive; the reason shows beside the field.
    d.execute_script("const i = document.querySelector(arguments[0]); i.value = '00:00';"
                     "i.dispatchEvent(new Event('change'))", f'#{c2} input[data-field="leave"]')
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, f'#{c2} .field-error'))
    msg = d.find_element(By.CSS_SELECTOR, f'#{c2} .field-error')
    check('a refused value: the reason beside the field', 'before arrive' in msg.text and
          d.execute_script("return arguments[0].previousElementSibling.dataset.field", msg) == 'leave', msg.text)
    click(f'#{c2} button.leave')
    wait.until(lambda _: not d.find_elements(By.CSS_SELECTOR, f'#{c2} .field-error'))
    # Stop 3: skipped, closed.
    c3 = card_id(2)
    Select(d.find_element(By.CSS_SELECTOR, f'#{c3} select[data-field="skipped"]')).select_by_value('closed')
    # An unplanned stop at the phone's position, one person met.
    click('#add-stop')
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#log-position:not([disabled])'))
    places = [e.text for e in d.find_elements(By.CSS_SELECTOR, '#today .nearby button.place')]
    check('nearby places sorted by distance from the phone', places and 'm' in places[0] and
          int(places[0].split('·')[-1].split()[0]) <= int(places[-1].split('·')[-1].split()[0]), places)
    click('#log-position')
    wait.until(lambda _: ncards() == 5)
    step(card_id(4), 'people', 1)
    wait.until(lambda _: all_sent())
    check('online: every entry is sent', all_sent(), states())
    d.save_screenshot(os.path.join(out, 'field-1-online.png'))

    # Offline: two more entries, then a reload.
    offline(True)
    c4 = card_id(3)
    click(f'#{c4} button.arrive')
    step(c4, 'people', 1)
    click('#add-stop')
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#today .nearby button.place'))
    d.find_elements(By.CSS_SELECTOR, '#today .nearby button.place')[0].click()
    wait.until(lambda _: ncards() == 6)
    time.sleep(1)
    check('offline: the new entries are saved on the phone', states().count('pending') == 2, states())
    check('offline: the page says so', 'network' in d.find_element(By.ID, 'net').text.lower(),
          d.find_element(By.ID, 'net').text)
    d.refresh()
    wait.until(lambda _: ncards() == 6)
    check('offline: the page reloads from the phone with every entry', ncards() == 6 and
          states().count('pending') == 2, states())
    d.save_screenshot(os.path.join(out, 'field-2-offline.png'))
    offline(False)
    d.execute_script("window.dispatchEvent(new Event('online'))")
    wait.until(lambda _: all_sent())
    check('back online: the queue is sent', all_sent(), states())

    table, csv = lead_table()
    rows = [r for r in table['rows'] if r['pair'] == 'pari-kluuvi']
    r = rows[0] if rows else {}
    check("lead's table: one row for the pair's week", len(rows) == 1, table)
    check("lead's table: 3 planned stops done, 1 skipped (closed), 2 unplanned",
          (r.get('done_stops'), r.get('skipped'), r.get('skipped_why'), r.get('unplanned_stops')) ==
          (3, 1, {'closed': 1}, 2), r)
    check("lead's table: people 3+2+1+1 = 7, new 1, anonymous 1, housing 1",
          (r.get('people'), r.get('new'), r.get('anonymous'), r.get('guidance', {}).get('housing')) == (7, 1, 1, 1), r)
    lines = [x for x in csv.splitlines()[1:] if x]
    check("lead's CSV: every entry exactly once (6 rows)", len(lines) == 6, csv)

    # Resend the whole queue: every entry marked pending again, page reloaded.
    d.execute_script("""const rq = indexedDB.open('outreach-field', 1);
      rq.onsuccess = () => { const t = rq.result.transaction('entries', 'readwrite'); const s = t.objectStore('entries');
        s.getAll().onsuccess = (ev) => { for (const r of ev.target.result) if (r.rev) { r.state = 'pending'; s.put(r); } };
        t.oncomplete = () => { window.__requeued = true; }; };""")
    wait.until(lambda _: d.execute_script('return window.__requeued === true'))
    d.refresh()
    wait.until(lambda _: ncards() == 6 and all_sent())
    table2, csv2 = lead_table()
    check('resending the queue doubles nothing', csv2 == csv and table2 == table, (csv2, table2))
    # The link is revoked while the phone still has an entry to send.
    revoke_worker_link()
    c5 = d.execute_script("return document.querySelectorAll('#today .card.stop')[4].id")
    step(c5, 'people', 1)
    wait.until(lambda _: 'revoked' in d.find_element(By.ID, 'net').text.lower())
    check('a revoked link: the page says so and that the entry was not sent',
          '1 entries were not sent' in d.find_element(By.ID, 'net').text and 'revoked' in states(),
          (d.find_element(By.ID, 'net').text, states()))
    d.save_screenshot(os.path.join(out, 'field-5-revoked.png'))
    # The lead's app: the field-log tab and the week's done layer.
    cdp('Emulation.clearDeviceMetricsOverride')
    d.get(base + '/')
    wait.until(lambda _: d.find_element(By.ID, 'login-user').is_displayed())
    d.find_element(By.ID, 'login-user').send_keys(login)
    d.find_element(By.ID, 'login-pw').send_keys(password)
    d.find_element(By.CSS_SELECTOR, '#login-form button').click()
    wait.until(lambda _: d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab=field]').is_displayed())
    d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab=field]').click()
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#field-table tr td'))
    txt = d.find_element(By.ID, 'field-table').text
    check("the lead's field tab: the pair's week with 7 people met and the skip's reason",
          'pari-kluuvi' in txt and ' 7 ' in f' {txt} ' and 'closed' in txt, txt)
    fc = d.find_element(By.ID, 'field').text
    check("the field tab: each logged planned stop's forecast against the people met",
          len(d.find_elements(By.CSS_SELECTOR, '#field-forecast tr')) == 4 and 'pelastusarmeija' in fc, fc[-400:])
    d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab=plan]').click()
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#week .done'))
    check("the week grid's done layer", 'people met: 7' in d.find_element(By.ID, 'week').text.lower().replace('people met: 7', 'people met: 7'),
          d.find_element(By.ID, 'week').text[:300])
    d.save_screenshot(os.path.join(out, 'field-4-lead.png'))
    logs = [x for x in d.get_log('browser') if x['level'] == 'SEVERE' and 'ERR_INTERNET_DISCONNECTED' not in x['message']
            and 'Failed to fetch' not in x['message']
            and not ('/log - Failed to load resource' in x['message'] and ('400' in x['message'] or '410' in x['message']))]  # the refused value above
    check('no console errors', not logs, logs)
    d.save_screenshot(os.path.join(out, 'field-3-synced.png'))
except Exception as e:  # a failed wait: say where
    d.save_screenshot(os.path.join(out, 'field-failed.png'))
    check('the field walk ran to the end', False, repr(e)[:400])
finally:
    d.quit()
sys.exit(1 if failures else 0)
