#!/usr/bin/python3
"""A real browser (Debian's headless Chromium driven by Selenium) uses the
service as people do: the lead logs in, uploads a CSV, sees the week and
the map, creates links; a worker opens their link; a partner opens theirs
and sends an alert that the lead then sees. Screenshots go to OUT/; any
console error fails the test. Prints TAP-like lines.
usage: browser_check.py BASE LOGIN PASSWORD CSV_FILE OUT_DIR"""
import datetime, os, sys, time
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

base, login, password, csv_file, out = sys.argv[1:6]
os.makedirs(out, exist_ok=True)
failures = 0


def check(name, ok, detail=''):
    global failures
    print(('ok - ' if ok else 'not ok - ') + name + ('' if ok else f'  # {detail}'))
    failures += 0 if ok else 1


opts = webdriver.ChromeOptions()
opts.binary_location = '/usr/bin/chromium'
for a in ('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync',
          '--window-size=1280,900', '--lang=fi'):
    opts.add_argument(a)
opts.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
opts.add_experimental_option('prefs', {'intl.accept_languages': 'fi,en'})
d = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=opts)
wait = WebDriverWait(d, 15)


# The two requests this test makes fail on purpose (a wrong password, a CSV
# with a bad row): the browser logs their status; nothing else may fail.
EXPECTED = ('/api/login - Failed to load resource: the server responded with a status of 401',
            '/api/import/places?name=bad-places.csv - Failed to load resource: the server '
            'responded with a status of 422')


def console_errors():
    return [e for e in d.get_log('browser') if e['level'] == 'SEVERE' and
            not (e['source'] == 'network' and any(x in e['message'] for x in EXPECTED))]


def shot(name):
    d.save_screenshot(os.path.join(out, name + '.png'))


try:
    d.get(base + '/')
    wait.until(EC.visibility_of_element_located((By.ID, 'login-form')))
    check('login page in Finnish from the browser language',
          d.find_element(By.CSS_SELECTOR, '#login-form button').text == 'Kirjaudu')
    check('no map credit on the login page, which has no map',
          'OpenStreetMap' not in d.find_element(By.TAG_NAME, 'body').text)
    d.find_element(By.ID, 'login-user').send_keys(login)
    d.find_element(By.ID, 'login-pw').send_keys('wrong password')
    d.find_element(By.CSS_SELECTOR, '#login-form button').click()
    wait.until(lambda _: d.find_element(By.ID, 'login-error').text)
    check('wrong password shows an error', 'wrong' in d.find_element(By.ID, 'login-error').text)
    shot('01-login')
    pw = d.find_element(By.ID, 'login-pw')
    pw.clear()
    pw.send_keys(password)
    d.find_element(By.CSS_SELECTOR, '#login-form button').click()
    wait.until(EC.visibility_of_element_located((By.ID, 'app')))
    check('logged in', d.find_element(By.ID, 'who').text == login)
    # Switch to English, then look at a week with shifts.
    for b in d.find_elements(By.CSS_SELECTOR, '#lang button'):
        if b.text == 'EN':
            b.click()
    check('language switch to English', d.find_element(By.CSS_SELECTOR, '#tabs button').text == 'Week')
    # Plan the coming weeks, see the proposal, publish it.
    nxt = (datetime.date.today() + datetime.timedelta(days=7 - datetime.date.today().weekday())).isoformat()
    d.execute_script("arguments[0].value = arguments[1]", d.find_element(By.ID, 'plan-from'), nxt)
    d.find_element(By.ID, 'plan-run').click()
    wait.until(lambda _: d.find_elements(By.ID, 'plan-grid') or d.find_elements(By.CSS_SELECTOR, '#plan-result .error'))
    check('the planner proposes a week grid with each stop\'s why',
          'why' in d.find_element(By.ID, 'plan-result').text and
          len(d.find_elements(By.CSS_SELECTOR, '#plan-grid tr')) == 5, d.find_element(By.ID, 'plan-result').text[:300])
    shot('02a-plan')
    d.find_element(By.ID, 'plan-publish').click()
    wait.until(lambda _: d.find_element(By.ID, 'publish-result').text)
    check('publish', 'Published' in d.find_element(By.ID, 'publish-result').text)
    wk = d.find_element(By.ID, 'week-from')
    d.execute_script("arguments[0].value = arguments[1]", wk, nxt)
    d.find_element(By.CSS_SELECTOR, '#week-form button').click()
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#week tr[data-shift]'))
    check('the week grid shows the published shifts', len(d.find_elements(By.CSS_SELECTOR, '#week tr[data-shift]')) > 20)
    shot('02-week')
    d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab=map]').click()
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#map .leaflet-interactive'))
    check('the map draws the places', len(d.find_elements(By.CSS_SELECTOR, '#map .leaflet-interactive')) >= 20)
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#map canvas'))
    check('the map draws our street layer', len(d.find_elements(By.CSS_SELECTOR, '#map canvas')) >= 1)
    wait.until(lambda _: len(d.find_elements(By.CSS_SELECTOR, '#map path.leaflet-interactive')) > 5)
    check("the map draws the pairs' routes", True)
    time.sleep(1)
    shot('03-map')
    d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab=when]').click()
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#heat table.heat td'))
    check('the when-and-where heat map draws 7 x 24 hours',
          len(d.find_elements(By.CSS_SELECTOR, '#heat table.heat td')) == 168)
    shot('03b-when')
    # Upload a CSV with a bad row, then a good one.
    d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab=data]').click()
    Select(d.find_element(By.ID, 'upload-kind')).select_by_visible_text('places')
    bad = os.path.join(out, 'bad-places.csv')
    with open(bad, 'w') as f:
        f.write('key,name,kind,lat,lon\nx,X,park,60.17,24.94\ny,Y,volcano,60.17,24.94\n')
    d.find_element(By.ID, 'upload-file').send_keys(bad)
    d.find_element(By.CSS_SELECTOR, '#upload-form button').click()
    wait.until(lambda _: 'volcano' in d.find_element(By.ID, 'upload-result').text)
    check('the importer error shows file, line and column',
          'bad-places.csv:3: column kind' in d.find_element(By.ID, 'upload-result').text)
    shot('04-upload-error')
    Select(d.find_element(By.ID, 'upload-kind')).select_by_visible_text('partners')
    d.find_element(By.ID, 'upload-file').send_keys(csv_file)
    d.find_element(By.CSS_SELECTOR, '#upload-form button').click()
    wait.until(lambda _: 'imported' in d.find_element(By.ID, 'upload-result').text)
    check('a good CSV uploads', 'row(s) imported' in d.find_element(By.ID, 'upload-result').text)
    wait.until(lambda _: d.find_element(By.ID, 'suggest').text)
    check('suggested places are listed', d.find_element(By.ID, 'suggest').text != '')
    # Links for a worker and a partner.
    d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab=feeds]').click()
    links = {}
    for kind, subject in (('worker', 'aino'), ('partner', 'pelastusarmeija')):
        Select(d.find_element(By.ID, 'feed-kind')).select_by_visible_text(kind)
        s = d.find_element(By.ID, 'feed-subject')
        s.clear()
        s.send_keys(subject)
        d.find_element(By.CSS_SELECTOR, '#feed-form button').click()
        wait.until(lambda _: f'/{kind[0]}/' in d.find_element(By.ID, 'feed-new').text or
                   d.find_elements(By.CSS_SELECTOR, f'#feed-new a[href*="/{kind[0]}/"]'))
        links[kind] = d.find_element(By.CSS_SELECTOR, f'#feed-new a[href*="/{kind[0]}/"]').get_attribute('href')
    check('links created', all(links.values()), links)
    labels = [a.text for a in d.find_elements(By.CSS_SELECTOR, '#feed-new .links a')]
    check('an http link is labelled http, not https', 'http' in labels and 'https' not in labels, labels)
    shot('05-feeds')
    errors = console_errors()
    check('no console errors in the lead app', not errors, errors)
    # The worker's page.
    d.get(links['worker'])
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#content .card'))
    txt = d.find_element(By.ID, 'content').text
    check("worker page shows subscribe links", 'webcal' in txt)
    labels = [a.text for a in d.find_elements(By.CSS_SELECTOR, '#content .links a')]
    check("worker page labels an http link http", 'http' in labels and 'https' not in labels, labels)
    check("worker page shows the coming shifts with GPX", 'GPX' in txt and len(d.find_elements(By.CSS_SELECTOR, '#content .card')) > 3)
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#map path.leaflet-interactive'))
    check("worker page draws the route", True)
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#map canvas'))
    check("worker map draws the streets (the lead's layer, on a canvas)",
          len(d.find_elements(By.CSS_SELECTOR, '#map canvas')) >= 1)
    labels = [e.text for e in d.find_elements(By.CSS_SELECTOR, '#map .leaflet-tooltip.stoplabel')]
    check("worker map labels every stop with its name", labels and all(len(x) > 6 for x in labels), labels)
    shot('06-worker')
    errors = console_errors()
    check('no console errors on the worker page', not errors, errors)
    # The partner's page and an alert.
    d.get(links['partner'])
    wait.until(EC.presence_of_element_located((By.ID, 'alert-form')))
    d.find_element(By.CSS_SELECTOR, '#alert-form button').click()
    wait.until(lambda _: d.find_element(By.ID, 'alert-result').text)
    check('partner sends an alert', d.find_element(By.ID, 'alert-result').get_attribute('class') == 'ok')
    shot('07-partner')
    errors = console_errors()
    check('no console errors on the partner page', not errors, errors)
    # The lead sees the alert.
    d.get(base + '/#alerts')
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, '#alerts .card'))
    check('the lead sees the alert', 'Pelastusarmeija' in d.find_element(By.ID, 'alerts').text)
    Select(d.find_element(By.CSS_SELECTOR, '#alerts .card select')).select_by_visible_text('pari-kaisaniemi')
    d.execute_script("arguments[0].value = arguments[1]",
                     d.find_element(By.CSS_SELECTOR, '#alerts .card input.replan-at'), nxt + 'T10:00')
    d.find_element(By.CSS_SELECTOR, '#alerts .card button.replan').click()
    wait.until(lambda _: d.find_element(By.CSS_SELECTOR, '#alerts .card span.ok, #alerts .card span.error'))
    res = d.find_element(By.CSS_SELECTOR, '#alerts .card span.ok, #alerts .card span.error')
    check('the alert offers the re-plan, and it re-plans the pair\'s day',
          res.get_attribute('class') == 'ok', res.text)
    shot('09-replan')
    shot('08-alerts')
    errors = console_errors()
    check('no console errors at the end', not errors, errors)
except Exception as e:  # a timeout or a missing element: say where
    shot('99-failure')
    check('browser flow', False, repr(e)[:300])
finally:
    d.quit()
sys.exit(1 if failures else 0)
