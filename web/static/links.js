// A worker's or partner's page, opened from a personal link /w/TOKEN or
// /p/TOKEN: the link's own shifts or visits, subscribe buttons, and for a
// partner the alert form. The token never leaves this origin (no-referrer).
'use strict';
const TOKEN = location.pathname.split('/')[2];
const BASE = `/api/link/${TOKEN}`;

async function get(path) {
  const r = await fetch(BASE + path, { credentials: 'omit' });
  const j = await r.json();
  if (!r.ok) throw new Error(j.error);
  return j;
}

function subscribe(me) {
  return el('div', { class: 'links card' }, el('strong', {}, t('subscribe') + ': '),
    el('a', { href: me.subscribe.webcal }, 'webcal (iPhone, Outlook)'),
    el('a', { href: me.subscribe.https }, me.subscribe.https.split(':')[0]),
    el('a', { href: me.subscribe.google, target: '_blank', rel: 'noopener' }, t('google')));
}

// Why an occurrence is off, in the page's language. A partner's link
// without names gets only the cause (holiday, staff), never who or why.
function reasonText(o) {
  if (o.cause === 'holiday' && o.holiday) return `${t('causeHoliday')} ${o.holiday[LANG] || o.holiday.en}`;
  if (o.cause === 'staff') return t('causeStaff') + (o.who ? ` (${o.who})` : '');
  return o.reason || '';
}

// A stop: times and name, the address (when known) on a second line.
function stopItem(s) {
  return el('li', {}, `${s.arrive}–${s.leave} ${s.name}`,
    s.address ? el('div', { class: 'address' }, s.address) : '');
}

// Who joins from the network (a partner's nurse, the rescue department...):
// label, kind, where they meet; a cancelled join struck through.
function guestList(o) {
  if (!o.guests || !o.guests.length) return '';
  const ul = el('ul', { class: 'guests' });
  for (const g of o.guests)
    ul.append(el('li', { class: g.status },
      `${t('joining')}: ${g.label} (${t('g_' + g.kind)}${g.partner ? ', ' + g.partner : ''})`,
      g.meet ? ` · ${t('meetsAt')} ${g.meet}` : '', g.status === 'cancelled' ? ` · ${t('cancelled')}` : ''));
  return ul;
}

function occurrence(o, isWorker) {
  const stops = el('ol');
  for (const s of o.stops) stops.append(stopItem(s));
  const why = reasonText(o);
  return el('div', { class: 'card ' + o.status },
    el('strong', {}, `${o.date} ${o.start}–${o.end}`), ` ${t(o.status)}${why ? ': ' + why : ''}`,
    o.workers ? el('div', {}, o.workers.join(' & ')) : '',
    stops, guestList(o),
    isWorker ? el('a', { href: `/w/${TOKEN}/shifts/${o.shift}.gpx` }, t('gpx')) : '');
}

// The shift's route over the same street layer as the lead's map (our own
// OpenStreetMap graph around the stops; no tile server), each stop
// labelled with its number, time and name.
function drawStreets(m, o) {
  get(`/streets/${o.shift}`).then((s) => {
    const lines = s.lines.map((a) => { const ll = []; for (let i = 0; i < a.length; i += 2) ll.push([a[i], a[i + 1]]); return ll; });
    if (lines.length) L.polyline(lines, { renderer: L.canvas({ padding: 0.2 }), color: '#999', weight: 1, interactive: false }).addTo(m).bringToBack();
  }).catch(() => {});
}

function drawRoute(o) {
  if (!o || !o.stops.length) return;
  const m = L.map('map').setView([o.stops[0].lat, o.stops[0].lon], 15);
  m.attributionControl.addAttribution(t('osm'));
  drawStreets(m, o);
  const pts = o.stops.map((s) => [s.lat, s.lon]);
  o.stops.forEach((s, i) => L.marker([s.lat, s.lon], {
    icon: L.divIcon({ className: '', html: `<span class="stopnum">${i + 1}</span>` }),
  }).bindTooltip(`${s.arrive} ${s.name}`, { permanent: true, direction: 'right', offset: [12, 0], className: 'stoplabel' }).addTo(m));
  m.fitBounds(pts, { padding: [30, 30], maxZoom: 16 });
  get(`/route/${o.shift}`).then((g) => L.polyline(g.coordinates.map((c) => [c[1], c[0]]),
    { color: '#1f78b4', weight: 4, opacity: 0.8 }).addTo(m)).catch(() => {});
}

async function alertForm(me) {
  const sel = el('select', { id: 'alert-place' }, ...me.venues.map((v) => el('option', { value: v.key }, v.name)));
  const kind = el('select', { id: 'alert-kind' }, ...['needs_worker', 'accompany', 'other'].map((k) => el('option', { value: k }, t(k))));
  const out = el('p', { id: 'alert-result' });
  const form = el('form', { class: 'inline card', id: 'alert-form' }, el('strong', {}, t('alertTitle')), sel, kind,
    el('button', { type: 'submit' }, t('send')), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await fetch(BASE + '/alert', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ place: sel.value, kind: kind.value }) });
    const j = await r.json();
    out.className = r.ok ? 'ok' : 'error';
    out.textContent = r.ok ? t('sent') : j.error;
  });
  return form;
}

async function render() {
  applyI18n();
  const main = document.getElementById('content');
  try {
    const me = await get('/me');
    const occ = await get('/shifts');
    const isWorker = me.kind === 'worker' || me.kind === 'pair';
    document.getElementById('who').textContent = me.name;
    const parts = [subscribe(me)];
    if (me.kind === 'partner') parts.push(await alertForm(me));
    parts.push(el('h2', {}, t(isWorker ? 'upcoming' : 'visits')));
    if (!occ.length) parts.push(el('p', {}, t('noShifts')));
    for (const o of occ) parts.push(occurrence(o, isWorker));
    main.replaceChildren(...parts);
    const today = new Date().toISOString().slice(0, 10);
    if (isWorker) drawRoute(occ.find((o) => o.date === today && o.status !== 'cancelled') || occ[0]);
  } catch (e) {
    main.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}
// The pair sees partners' calls in its area at once (polled).
async function alerts() {
  const box = document.getElementById('alerts');
  if (!box) return;
  const list = await get('/alerts').catch(() => []);
  box.replaceChildren(...(list.length ? [el('h2', {}, t('callsNow'))] : []),
    ...list.map((a) => el('div', { class: 'card error' }, `${t(a.kind)} — ${a.partner}, ${a.place} (${a.created})`)));
}
if (location.pathname.startsWith('/w/')) { alerts(); setInterval(alerts, 15000); }
window.onLang = () => { render(); if (window.onField) window.onField(); };
render();
