// The field log on a worker's page (/w/TOKEN): today's shift, one card per
// stop with arrive/leave, skipped with a reason and a tally (people met,
// new, anonymous, guidance per topic, accompanied, contacted), plus
// unplanned stops by a known place nearby or by position. Offline first:
// every entry is kept in IndexedDB with an id made here and a revision,
// and sent when the network is there; the server stores each (id, rev)
// once. Counts and fixed codes only: nothing about who was met.
'use strict';
(() => {
  const TOKEN = location.pathname.split('/')[2];
  const API = `/api/link/${TOKEN}`;
  const TOPICS = ['benefits', 'debt', 'housing', 'home', 'mental_health', 'substance_use',
    'health_services', 'social_services', 'work_study', 'other'];
  const SKIPS = ['closed', 'unsafe', 'called_away', 'no_time'];
  const OUTSIDE = ['started_early', 'stayed_longer', 'called_out'];
  const records = new Map();	// entry id -> {id, key, rev, body, state, error, field}
  let db = null;
  let revoked = false;
  let shifts = [];		// today's occurrences of the link's shifts
  let places = null;

  // ---- time in the team's zone (the phone may be set to another) ----------
  function helsinki(d) {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(d).map((x) => [x.type, x.value]));
    return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
  }
  const today = () => helsinki(new Date()).date;
  const now = () => helsinki(new Date()).time;
  const minutes = (hhmm) => (hhmm ? Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) : null);

  function newId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  }

  // ---- IndexedDB: the phone's copy of every entry ---------------------------
  function openDb() {
    return new Promise((ok, fail) => {
      const rq = indexedDB.open('outreach-field', 1);
      rq.onupgradeneeded = () => rq.result.createObjectStore('entries', { keyPath: 'id' });
      rq.onsuccess = () => ok(rq.result);
      rq.onerror = () => fail(rq.error);
    });
  }
  function store(mode, fn) {
    return new Promise((ok, fail) => {
      const t = db.transaction('entries', mode);
      const rq = fn(t.objectStore('entries'));
      t.oncomplete = () => ok(rq && rq.result);
      t.onerror = () => fail(t.error);
    });
  }
  const saveLocal = (rec) => store('readwrite', (s) => s.put({ ...rec, token: TOKEN }));
  const loadLocal = () => store('readonly', (s) => s.getAll());

  // ---- network ----------------------------------------------------------------
  async function getJson(path) {
    const r = await fetch(API + path, { credentials: 'omit' });
    if (r.status === 410) { revoked = true; throw new Error(t('linkRevoked')); }
    const j = await r.json();
    if (!r.ok) throw new Error(j.error);
    return j;
  }

  let syncing = false;
  async function sync() {
    if (syncing || revoked || !db) return;
    syncing = true;
    try {
      for (const rec of [...records.values()].filter((x) => x.state === 'pending')) {
        const rev = rec.rev;
        let r;
        try {
          r = await fetch(API + '/log', { method: 'POST', credentials: 'omit',
            headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rec.body) });
        } catch (e) { break; }	// no network: the queue waits
        const j = await r.json().catch(() => ({}));
        if (r.status === 410) { revoked = true; break; }
        if (rec.rev !== rev) continue;	// edited while it travelled: send again
        if (r.ok) {
          Object.assign(rec, { state: 'sent', error: '', field: '' });
          if (j.status === 'older') adopt(rec, j.entry);
        } else {
          Object.assign(rec, { state: 'error', error: j.error || r.statusText, field: j.field || '' });
        }
        await saveLocal(rec);
        repaint(rec);
      }
    } finally { syncing = false; }
    if (revoked) markRevoked();
    else if ([...records.values()].some((x) => x.state === 'pending') && navigator.onLine) setTimeout(sync, 2000);
  }

  async function markRevoked() {
    let lost = 0;
    for (const rec of records.values()) {
      if (rec.state !== 'pending') continue;
      rec.state = 'revoked';
      lost++;
      await saveLocal(rec);
      paintState(rec);
    }
    banner(`${t('linkRevoked')} ${lost ? t('notSent').replace('{n}', lost) : ''}`, 'error');
  }

  function banner(text, cls) {
    const b = document.getElementById('net');
    if (!b) return;
    b.textContent = text;
    b.className = `banner ${cls || ''}${text ? '' : ' hidden'}`;
  }
  function netBanner() {
    if (revoked) return;
    const n = [...records.values()].filter((x) => x.state === 'pending').length;
    banner(navigator.onLine ? (n ? t('sending').replace('{n}', n) : '') :
      `${t('offline')}${n ? ' ' + t('waiting').replace('{n}', n) : ''}`, navigator.onLine ? '' : 'offline');
  }

  // ---- entries ------------------------------------------------------------------
  function blank(shift, date, stop, extra) {
    return { id: newId(), rev: 0, key: `${shift}/${date}/${stop || 'u'}`, state: 'new',
      body: { shift, date, stop: stop || 0, people: 0, new: 0, anonymous: 0, guidance: {},
        accompanied: 0, contacted: 0, ...extra } };
  }
  function adopt(rec, e) {	// the server's copy wins (newer, or from the other phone)
    const body = { shift: e.shift, date: e.date, stop: e.stop, people: e.people, new: e.new,
      anonymous: e.anonymous, guidance: e.guidance || {}, accompanied: e.accompanied,
      contacted: e.contacted };
    for (const k of ['arrive', 'leave']) if (e[k]) body[k] = e[k];
    for (const k of ['skipped', 'outside']) if (e[k]) body[k] = e[k];
    if (!e.stop && e.place) body.place = e.place;
    if (!e.stop && e.lat !== undefined) { body.lat = e.lat; body.lon = e.lon; }
    if (e.deleted) body.deleted = true;
    Object.assign(rec, { rev: e.rev, body: { ...body, id: rec.id, rev: e.rev }, place_name: e.place_name });
  }
  async function change(rec, fn) {
    fn(rec.body);
    rec.rev += 1;
    rec.body.id = rec.id;
    rec.body.rev = rec.rev;
    rec.state = 'pending';
    records.set(rec.id, rec);
    await saveLocal(rec);
    const at = document.getElementById(`e-${rec.id}`), args = cardArgs.get(rec.id);
    if (at && args && !rec.body.deleted) at.replaceWith(card(rec, ...args));	// keep the scroll
    else paint();
    sync();
  }

  // ---- one stop's card -----------------------------------------------------------
  function stepper(rec, label, get, set, name) {
    const value = el('span', { class: 'count' }, get());
    const dec = el('button', { type: 'button', class: 'step', 'aria-label': `${label} −` }, '−');
    const inc = el('button', { type: 'button', class: 'step', 'aria-label': `${label} +` }, '+');
    dec.addEventListener('click', () => get() > 0 && change(rec, () => set(get() - 1)));
    inc.addEventListener('click', () => change(rec, () => set(get() + 1)));
    return el('div', { class: 'tally', 'data-field': name }, el('span', { class: 'what' }, label), dec, value, inc);
  }

  function timeRow(rec, which, occ) {
    const input = el('input', { type: 'time', class: 'time', 'data-field': which, value: rec.body[which] || '' });
    input.addEventListener('change', () => change(rec, (b) => { if (input.value) b[which] = input.value; else delete b[which]; }));
    const button = el('button', { type: 'button', class: `big ${which}` }, t(which));
    button.addEventListener('click', () => change(rec, (b) => { b[which] = now(); }));
    const row = el('div', { class: 'row' }, button, input);
    const out = [rec.body.arrive, rec.body.leave].some((x) => x && (minutes(x) < minutes(occ.start) || minutes(x) > minutes(occ.end)));
    if (which === 'leave' && out) row.append(choice(rec, 'outside', OUTSIDE, t('outsideWhy')));
    return row;
  }

  function choice(rec, name, codes, label) {
    const sel = el('select', { class: 'big', 'data-field': name }, el('option', { value: '' }, label),
      ...codes.map((c) => el('option', { value: c }, t(c))));
    sel.value = rec.body[name] || '';
    sel.addEventListener('change', () => change(rec, (b) => {
      if (sel.value) b[name] = sel.value; else delete b[name];
      if (name === 'skipped' && sel.value) {	// a skipped stop has no times and no tally
        delete b.arrive; delete b.leave;
        Object.assign(b, { people: 0, new: 0, anonymous: 0, guidance: {}, accompanied: 0, contacted: 0 });
      }
    }));
    return sel;
  }

  function guidanceBox(rec) {
    const b = rec.body;
    const total = TOPICS.reduce((n, k) => n + (b.guidance[k] || 0), 0);
    const box = el('details', { class: 'guidance' }, el('summary', {}, `${t('guidance')} (${total})`),
      ...TOPICS.map((k) => stepper(rec, t('g_' + k), () => b.guidance[k] || 0,
        (v) => { if (v) b.guidance[k] = v; else delete b.guidance[k]; }, 'guidance.' + k)),
      stepper(rec, t('accompanied'), () => b.accompanied, (v) => { b.accompanied = v; }, 'accompanied'),
      stepper(rec, t('contacted'), () => b.contacted, (v) => { b.contacted = v; }, 'contacted'));
    box.open = rec.openGuidance || false;
    box.addEventListener('toggle', () => { rec.openGuidance = box.open; });
    return box;
  }

  function stateLine(rec) {
    const words = { new: '', pending: t('savedPhone'), sent: t('entrySent'), error: t('notAccepted'), revoked: t('revokedEntry') };
    return el('div', { class: `state ${rec.state}`, 'data-entry': rec.id },
      words[rec.state] || '', rec.error ? `: ${rec.error}` : '');
  }

  const cardArgs = new Map();	// entry id -> the card's occurrence, title, address
  function card(rec, occ, title, address) {
    const b = rec.body;
    cardArgs.set(rec.id, [occ, title, address]);
    const parts = [el('div', { class: 'stop-head' }, el('strong', {}, title), stateLine(rec)),
      address ? el('div', { class: 'address' }, address) : ''];
    if (!b.skipped) {
      parts.push(timeRow(rec, 'arrive', occ), timeRow(rec, 'leave', occ),
        stepper(rec, t('peopleMet'), () => b.people, (v) => { b.people = v; }, 'people'),
        stepper(rec, t('ofNew'), () => b.new, (v) => { b.new = v; }, 'new'),
        stepper(rec, t('ofAnonymous'), () => b.anonymous, (v) => { b.anonymous = v; }, 'anonymous'),
        guidanceBox(rec));
    }
    if (b.stop) parts.push(el('div', { class: 'row' }, choice(rec, 'skipped', SKIPS, t('notSkipped'))));
    else {
      const del = el('button', { type: 'button', class: 'remove' }, t('remove'));
      del.addEventListener('click', () => change(rec, (x) => { x.deleted = true; }));
      parts.push(del);
    }
    const c = el('div', { class: `card stop ${b.skipped ? 'skipped' : ''}`, id: `e-${rec.id}` }, ...parts);
    if (rec.field) {	// the server's reason, beside the field it names
      const at = c.querySelector(`[data-field="${rec.field}"]`);
      if (at) {
        at.classList.add('bad');
        at.after(el('div', { class: 'field-error', role: 'alert' }, rec.error));
      }
    }
    return c;
  }

  function repaint(rec) {	// the whole card when a field is marked or cleared
    const at = document.getElementById(`e-${rec.id}`), args = cardArgs.get(rec.id);
    if (at && args && (rec.field || at.querySelector('.field-error'))) at.replaceWith(card(rec, ...args));
    else paintState(rec);
  }

  function paintState(rec) {
    const old = document.querySelector(`.state[data-entry="${rec.id}"]`);
    if (old) old.replaceWith(stateLine(rec));
    netBanner();
  }

  // ---- the day -----------------------------------------------------------------
  function recordFor(occ, stop) {
    const key = `${occ.shift}/${occ.date}/${stop.seq}`;
    for (const r of records.values()) if (r.key === key) return r;
    const rec = blank(occ.shift, occ.date, stop.seq);
    records.set(rec.id, rec);
    return rec;
  }

  function current() {	// the occurrence now going on, else today's first
    const m = minutes(now());
    return shifts.find((o) => minutes(o.start) <= m && m <= minutes(o.end)) || shifts[0];
  }

  function paint() {
    const box = document.getElementById('today');
    if (!box) return;
    const parts = [el('h2', {}, t('todayShift'))];
    if (!shifts.length) parts.push(el('p', {}, t('noShiftToday')));
    for (const occ of shifts) {
      parts.push(el('h3', {}, `${occ.start}–${occ.end}`));
      for (const s of occ.stops)
        parts.push(card(recordFor(occ, s), occ, `${s.arrive} ${s.name}`, s.address));
      for (const rec of records.values())
        if (rec.body.shift === occ.shift && rec.body.date === occ.date && !rec.body.stop && !rec.body.deleted)
          parts.push(card(rec, occ, `${t('unplanned')}: ${rec.place_name || placeName(rec.body)}`, ''));
    }
    if (shifts.length) parts.push(addStop());
    box.replaceChildren(...parts);
    netBanner();
  }

  function placeName(b) {
    if (b.place && places) { const p = places.find((x) => x.key === b.place); if (p) return p.name; }
    return b.place || `${Number(b.lat).toFixed(5)}, ${Number(b.lon).toFixed(5)}`;
  }

  // ---- an unplanned stop ---------------------------------------------------------
  function metres(a, b) {
    const r = Math.PI / 180, x = (b.lon - a.lon) * r * Math.cos((a.lat + b.lat) * r / 2), y = (b.lat - a.lat) * r;
    return Math.round(6371000 * Math.hypot(x, y));
  }
  function position() {
    return new Promise((ok) => {
      if (!navigator.geolocation) return ok(null);
      navigator.geolocation.getCurrentPosition((p) => ok({ lat: p.coords.latitude, lon: p.coords.longitude }),
        () => ok(null), { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 });
    });
  }
  async function unplanned(extra, name) {
    const occ = current();
    const rec = blank(occ.shift, occ.date, 0, { arrive: now(), ...extra });
    rec.place_name = name;
    await change(rec, () => {});
  }
  function addStop() {
    const list = el('div', { class: 'nearby' });
    const open = el('button', { type: 'button', class: 'big', id: 'add-stop' }, t('addStop'));
    open.addEventListener('click', async () => {
      list.replaceChildren(el('p', {}, t('locating')));
      const here = await position();
      places = places || await getJson('/places').catch(() => []);
      const sorted = places.map((p) => ({ ...p, d: here ? metres(here, p) : null }))
        .sort((a, b) => (here ? a.d - b.d : a.name.localeCompare(b.name))).slice(0, 8);
      const mine = el('button', { type: 'button', class: 'big', id: 'log-position', ...(here ? {} : { disabled: '' }) }, t('logPosition'));
      mine.addEventListener('click', () => unplanned({ lat: Number(here.lat.toFixed(6)), lon: Number(here.lon.toFixed(6)) }, t('position')));
      list.replaceChildren(mine, ...sorted.map((p) => {
        const b = el('button', { type: 'button', class: 'place', 'data-place': p.key }, p.name, p.d !== null ? ` · ${p.d} m` : '');
        b.addEventListener('click', () => unplanned({ place: p.key }, p.name));
        return b;
      }));
    });
    return el('div', { class: 'card add' }, open, list);
  }

  // ---- start -----------------------------------------------------------------------
  function warm() {
    for (const u of [location.pathname, `${API}/me`, `${API}/shifts`, `${API}/shifts?from=${today()}`,
      `${API}/log?date=${today()}`, `${API}/places`, `${API}/alerts`])
      fetch(u, { credentials: 'omit' }).catch(() => {});
    for (const o of shifts) {
      fetch(`${API}/route/${o.shift}`, { credentials: 'omit' }).catch(() => {});
      fetch(`${API}/streets/${o.shift}`, { credentials: 'omit' }).catch(() => {});
    }
  }

  async function start() {
    if (!document.getElementById('today')) return;
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/sw.js', { scope: '/w/' }).catch(() => {});
      // The first visit is not yet under the worker: once it is, fetch the
      // day again so that the cache holds it for a reload offline.
      if (!navigator.serviceWorker.controller)
        navigator.serviceWorker.addEventListener('controllerchange', warm, { once: true });
    }
    db = await openDb();
    for (const rec of await loadLocal()) if (rec.token === TOKEN) records.set(rec.id, rec);
    try {
      const occ = await getJson(`/shifts?from=${today()}`);
      shifts = occ.filter((o) => o.date === today() && o.status !== 'cancelled');
      const server = await getJson(`/log?date=${today()}`);
      for (const e of server) {
        const mine = records.get(e.id) || { id: e.id, key: `${e.shift}/${e.date}/${e.stop || 'u'}`, rev: 0 };
        if (e.rev >= mine.rev && mine.state !== 'pending') { adopt(mine, e); mine.state = 'sent'; records.set(e.id, mine); }
      }
    } catch (e) {
      if (revoked) { paint(); return markRevoked(); }
      banner(e.message, 'error');
    }
    paint();
    sync();
  }
  window.addEventListener('online', () => { netBanner(); sync(); });
  window.addEventListener('offline', netBanner);
  setInterval(sync, 15000);
  window.onField = paint;
  start();
})();
