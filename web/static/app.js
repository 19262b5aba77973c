// The team lead's app: log in, see the week, the map, upload data, manage
// feed links, see alerts. All calls go to our own JSON API; every change
// carries the session's CSRF token.
'use strict';
let CSRF = null;
let map = null;
let placeLayer = null;
let routeLayer = null;

async function api(method, path, body, type) {
  const opt = { method, headers: {}, credentials: 'same-origin' };
  if (CSRF && method !== 'GET') opt.headers['X-CSRF-Token'] = CSRF;
  if (body !== undefined) {
    opt.headers['Content-Type'] = type || 'application/json';
    opt.body = type ? body : JSON.stringify(body);
  }
  const r = await fetch(path, opt);
  const j = await r.json().catch(() => ({}));
  if (!r.ok) throw Object.assign(new Error(j.error || r.statusText), { status: r.status, field: j.field });
  return j;
}

function show(id, on) { document.getElementById(id).classList.toggle('hidden', !on); }

async function start() {
  applyI18n();
  const me = await api('GET', '/api/session').catch(() => ({}));
  if (me.login) loggedIn(me); else show('login-box', true);
}

function loggedIn(me) {
  CSRF = me.csrf;
  document.getElementById('who').textContent = me.login;
  show('login-box', false); show('app', true); show('logout', true);
  openTab(location.hash.slice(1) || 'plan');
  refreshAlerts();
  setInterval(refreshAlerts, 15000);
}

document.getElementById('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const err = document.getElementById('login-error');
  err.textContent = '';
  try {
    loggedIn(await api('POST', '/api/login', {
      login: document.getElementById('login-user').value,
      password: document.getElementById('login-pw').value,
    }));
  } catch (e) { err.textContent = e.message; }
});

document.getElementById('logout').addEventListener('click', async () => {
  await api('POST', '/api/logout').catch(() => {});
  location.reload();
});

function openTab(name) {
  if (!document.getElementById('tab-' + name)) name = 'plan';
  location.hash = name;
  document.querySelectorAll('section.tab').forEach((s) => s.classList.toggle('active', s.id === 'tab-' + name));
  document.querySelectorAll('#tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === name));
  ({ plan: loadWeek, field: loadField, report: () => window.loadReport(), map: loadMap, when: loadWhen, data: loadData, feeds: loadFeeds, alerts: refreshAlerts })[name]();
}
document.querySelectorAll('#tabs button').forEach((b) => b.addEventListener('click', () => openTab(b.dataset.tab)));
window.onLang = () => openTab(location.hash.slice(1) || 'plan');

// ---- the week ------------------------------------------------------------
function mondayOf(d) {
  const x = new Date(d); const wd = (x.getDay() + 6) % 7; x.setDate(x.getDate() - wd);
  return x.toISOString().slice(0, 10);
}

// ---- planning ----------------------------------------------------------------
document.getElementById('plan-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const out = document.getElementById('plan-result');
  const btn = document.getElementById('plan-run');
  btn.disabled = true; show('plan-progress', true); out.replaceChildren();
  try {
    const r = await api('POST', '/api/plan', {
      from: document.getElementById('plan-from').value,
      weeks: Number(document.getElementById('plan-weeks').value),
      explore: Number(document.getElementById('plan-explore').value),
      stability: Number(document.getElementById('plan-stability').value),
    });
    const plan = await api('GET', `/api/plan/${r.id}`);
    out.replaceChildren(planSummary(r), planGrid(plan));
  } catch (e) { out.replaceChildren(el('p', { class: 'error' }, e.message)); }
  btn.disabled = false; show('plan-progress', false);
});

function planSummary(r) {
  const pub = el('button', { type: 'button', id: 'plan-publish' }, t('publish'));
  const msg = el('span', { id: 'publish-result' });
  pub.addEventListener('click', async () => {
    try { await api('POST', `/api/plan/${r.id}/publish`); msg.className = 'ok'; msg.textContent = ' ' + t('published'); pub.disabled = true; }
    catch (e) { msg.className = 'error'; msg.textContent = e.message; }
  });
  const box = el('div', { class: 'card' },
    el('strong', {}, `${t('proposal')} #${r.id}: `),
    `${r.shifts} × ${t('plan').toLowerCase()}, ${r.hours.toFixed(1)} ${t('hoursWeek')}, ${r.expected_people.toFixed(1)} ${t('peopleWeek')}`,
    r.previous_stops ? ` · ${r.kept_stops}/${r.previous_stops} ${t('kept')}` : '', ' ', pub, msg);
  if (r.unmet) box.append(el('pre', { class: 'error' }, `${t('notCovered')}:\n${r.unmet}`));
  return box;
}

function planGrid(plan) {
  const days = t('days');
  const tb = el('table', { id: 'plan-grid' }, el('tr', {}, el('th', {}, ''), ...days.map((d) => el('th', {}, d))));
  const pairs = [...new Set(plan.shifts.map((s) => s.pair))];
  for (const p of pairs) {
    const row = el('tr', {}, el('th', {}, p));
    for (const d of ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']) {
      const td = el('td', {});
      for (const s of plan.shifts.filter((x) => x.pair === p && x.weekday === d)) {
        td.append(el('div', {}, el('strong', {}, `${s.start}–${s.end}`), stopList(s.stops)));
      }
      row.append(td);
    }
    tb.append(row);
  }
  return tb;
}

async function loadWeek() {
  const pf = document.getElementById('plan-from');
  if (!pf.value) { const n = new Date(); n.setDate(n.getDate() + 7); pf.value = mondayOf(n); }
  const input = document.getElementById('week-from');
  if (!input.value) input.value = mondayOf(new Date());
  const box = document.getElementById('week');
  box.textContent = '…';
  try {
    const occ = await api('GET', `/api/shifts?from=${input.value}&days=7`);
    box.replaceChildren(weekTable(occ));
  } catch (e) { box.replaceChildren(el('p', { class: 'error' }, e.message)); }
}
document.getElementById('week-form').addEventListener('submit', (ev) => { ev.preventDefault(); loadWeek(); });

function stopList(stops) {
  const ol = el('ol');
  for (const s of stops) {
    const exp = s.expected > 0 ? ` (${t('expected')} ${s.expected.toFixed(1)}, 80 %: ${s.lower.toFixed(1)}–${s.upper.toFixed(1)})` : '';
    const done = s.logged ? (s.logged.skipped ? ` ✗ ${t(s.logged.skipped)}` : ` ✓ ${s.logged.people} ${t('met')}`) : '';
    ol.append(el('li', { class: s.logged ? (s.logged.skipped ? 'logged-skip' : 'logged') : '' },
      `${s.arrive}–${s.leave} ${s.name}${exp} · ${t('why')}: ${s.why}`, done ? el('strong', {}, done) : ''));
  }
  return ol;
}

function weekTable(occ) {
  if (!occ.length) return el('p', {}, t('noShifts'));
  const tb = el('table', {}, el('tr', {}, el('th', {}, t('date')), el('th', {}, ''), el('th', {}, t('workers')), el('th', {}, ''), el('th', {}, '')));
  for (const o of occ) {
    const actions = el('td', {});
    if (o.status !== 'cancelled') {
      actions.append(el('button', { type: 'button', onclick: () => changeShift(o, 'cancel') }, t('cancel')));
      actions.append(el('button', { type: 'button', onclick: () => changeShift(o, 'move') }, t('move')));
    }
    tb.append(el('tr', { class: o.status, 'data-shift': o.shift },
      el('td', {}, `${o.date} ${o.start}–${o.end}`),
      el('td', {}, `${o.pair} ${o.area ? '(' + o.area + ')' : ''}`),
      el('td', {}, (o.workers || []).join(' & ')),
      el('td', {}, t(o.status), o.done ? el('div', { class: 'done' }, doneText(o.done)) : '', stopList(o.stops)), actions));
  }
  return tb;
}

function doneText(d) {
  return `${t('doneStops')}: ${d.stops}, ${t('unplanned')}: ${d.unplanned}, ${t('skippedN')}: ${d.skipped}, ${t('peopleMet')}: ${d.people}`;
}

// ---- the field log: planned vs done per pair and week, forecast vs met ----
async function loadField() {
  const from = document.getElementById('field-from');
  const days = document.getElementById('field-days');
  if (!from.value) { const n = new Date(); n.setDate(n.getDate() - 27); from.value = n.toISOString().slice(0, 10); }
  const q = `from=${from.value}&days=${days.value || 28}`;
  document.getElementById('field-csv').href = `/api/field.csv?${q}`;
  const box = document.getElementById('field');
  try {
    const f = await api('GET', `/api/field?${q}`);
    const topics = ['benefits', 'debt', 'housing', 'home', 'mental_health', 'substance_use', 'health_services', 'social_services', 'work_study', 'other'];
    const head = ['pair', 'week', 'planned_stops', 'done_stops', 'unplanned_stops', 'skipped', 'planned_hours', 'stop_hours', 'people', 'new', 'anonymous', 'accompanied', 'contacted'];
    const tb = el('table', { id: 'field-table' }, el('tr', {}, ...head.map((h) => el('th', {}, t('f_' + h))), el('th', {}, t('guidance'))));
    for (const r of f.rows) {
      const why = Object.entries(r.skipped_why).map(([k, n]) => `${t(k)} ${n}`).join(', ');
      const g = topics.filter((k) => r.guidance[k]).map((k) => `${t('g_' + k)} ${r.guidance[k]}`).join(', ');
      tb.append(el('tr', {}, ...head.map((h) => el('td', {}, typeof r[h] === 'number' && !Number.isInteger(r[h]) ? r[h].toFixed(1) : r[h])), el('td', {}, g)));
      if (why) tb.lastChild.children[5].append(el('div', { class: 'address' }, why));
    }
    const fc = f.forecast;
    const acc = el('p', {}, fc.stops ? `${t('fcCompare')}: ${fc.stops} ${t('f_done_stops').toLowerCase()}, ${t('expected')} ${fc.expected.toFixed(1)}, ${t('met')} ${fc.met}, ${t('inside80')} ${Math.round(fc.inside_share * 100)} %` : t('fcNone'));
    const stops = el('table', { id: 'field-forecast' }, el('tr', {}, ...['f_week', 'f_pair', 'places', 'expected', 'met', 'inside80'].map((h) => el('th', {}, t(h)))));
    for (const x of fc.stops_list)
      stops.append(el('tr', { class: x.inside ? '' : 'outside' }, el('td', {}, x.date), el('td', {}, x.pair), el('td', {}, x.place),
        el('td', {}, `${x.expected.toFixed(1)} (${x.lower.toFixed(1)}–${x.upper.toFixed(1)})`), el('td', {}, x.met), el('td', {}, x.inside ? '✓' : '✗')));
    box.replaceChildren(f.rows.length ? tb : el('p', {}, t('noShifts')), el('h3', {}, t('fcTitle')), acc, fc.stops ? stops : '');
  } catch (e) { box.replaceChildren(el('p', { class: 'error' }, e.message)); }
}
document.getElementById('field-form').addEventListener('submit', (ev) => { ev.preventDefault(); loadField(); });

async function changeShift(o, what) {
  const body = { date: o.date };
  if (what === 'move') {
    const start = prompt(t('start') + ' (HH:MM)', o.start);
    if (!start) return;
    body.start = start;
  }
  try { await api('POST', `/api/shifts/${o.shift}/${what}`, body); loadWeek(); }
  catch (e) { alert(t('error') + ': ' + e.message); }
}

// ---- the map ---------------------------------------------------------------
// No tile server: the streets are our own OpenStreetMap graph, drawn as a
// vector layer on a canvas; places by kind; the week's routes per pair.
const PAIR_COLOURS = ['#1f78b4', '#33a02c', '#e31a1c', '#ff7f00', '#6a3d9a', '#b15928', '#a6cee3', '#b2df8a'];
let streetLayer = null;

async function loadMap() {
  if (!map) {
    map = L.map('map', { attributionControl: true }).setView([60.17, 24.94], 15);
    map.attributionControl.addAttribution(t('osm'));
    streetLayer = L.layerGroup().addTo(map);
    placeLayer = L.layerGroup().addTo(map);
    routeLayer = L.layerGroup().addTo(map);
    const legend = document.getElementById('legend');
    for (const [k, c] of Object.entries(KIND_COLOURS)) {
      const sw = el('span', { class: 'swatch' });
      sw.style.background = c;
      legend.append(el('span', {}, sw, k));
    }
  }
  setTimeout(() => map.invalidateSize(), 50);
  const places = await api('GET', '/api/data/places');
  placeLayer.clearLayers();
  const pts = [];
  for (const p of places) {
    pts.push([p.lat, p.lon]);
    L.circleMarker([p.lat, p.lon], { radius: 7, color: KIND_COLOURS[p.kind] || '#666', fillOpacity: 0.8 })
      .bindTooltip(`${p.name} (${p.kind})`).addTo(placeLayer);
  }
  if (pts.length) map.fitBounds(pts, { padding: [20, 20] });
  drawStreets();
  drawRoutes();
}

async function drawStreets() {
  if (streetLayer.getLayers().length) return;
  const s = await api('GET', '/api/streets');
  const canvas = L.canvas({ padding: 0.2 });
  const lines = s.lines.map((a) => { const ll = []; for (let i = 0; i < a.length; i += 2) ll.push([a[i], a[i + 1]]); return ll; });
  if (lines.length) L.polyline(lines, { renderer: canvas, color: '#999', weight: 1, interactive: false }).addTo(streetLayer);
}

async function drawRoutes() {
  const from = document.getElementById('week-from').value || mondayOf(new Date());
  const occ = await api('GET', `/api/shifts?from=${from}&days=7`);
  routeLayer.clearLayers();
  const pairs = [...new Set(occ.map((o) => o.pair))];
  const seen = new Set();
  for (const o of occ) {
    if (seen.has(o.shift)) continue;
    seen.add(o.shift);
    const colour = PAIR_COLOURS[pairs.indexOf(o.pair) % PAIR_COLOURS.length];
    api('GET', `/api/shifts/${o.shift}/route`).then((g) => {
      L.polyline(g.coordinates.map((c) => [c[1], c[0]]), { color: colour, weight: 3, opacity: 0.7 })
        .bindTooltip(`${o.pair} ${o.date} ${o.start}–${o.end}`).addTo(routeLayer);
    }).catch(() => {});
    o.stops.forEach((s, i) => L.marker([s.lat, s.lon], {
      icon: L.divIcon({ className: '', html: `<span class="stopnum">${i + 1}</span>` }),
    }).bindTooltip(`${o.pair} ${o.date} ${s.arrive} ${s.name} · ${t('why')}: ${s.why}`).addTo(routeLayer));
  }
}

// ---- when and where: the forecast heat map --------------------------------
let whenChart = null;

async function loadWhen() {
  const sel = document.getElementById('when-place');
  if (!sel.options.length) {
    for (const p of await api('GET', '/api/data/places')) sel.append(el('option', { value: p.key }, p.name));
    document.getElementById('when-from').value = mondayOf(new Date());
  }
  const [f, bt] = await Promise.all([
    api('GET', `/api/forecast?place=${encodeURIComponent(sel.value)}&from=${document.getElementById('when-from').value}`),
    api('GET', '/api/forecast/backtest'),
  ]);
  drawCalibration(bt, sel);
  drawHeat(f);
  drawWhenChart(f);
}

// The calibration panel: how the model's own past forecasts did on the
// team's history, and the places where a change was detected (marked in
// the place list too).
function drawCalibration(bt, sel) {
  const all = (bt.rows || []).find((r) => r.kind === 'all');
  const weeks = (bt.origins || 0) * (bt.weeks || 0);
  const lines = [];
  if (bt.calibrated && all) {
    lines.push(el('p', {}, t('calHeld').replace('{weeks}', weeks)
      .replace('{pct}', Math.round(100 * all.met_cover_calibrated))
      .replace('{own}', Math.round(100 * all.met_cover_model)).replace('{n}', all.hours)));
  } else {
    lines.push(el('p', {}, t('calOwn') + (bt.note ? ` (${bt.note})` : '')));
  }
  const changed = {};
  for (const c of bt.changes || []) {
    changed[c.place] = c;
    lines.push(el('p', { class: 'change' }, changeText(c, c.place)));
  }
  for (const o of sel.options) {
    o.textContent = o.textContent.replace(/ ⚠$/, '') + (changed[o.value] ? ' ⚠' : '');
  }
  document.getElementById('when-cal').replaceChildren(...lines);
}

function changeText(c, name) {
  return t(c.direction === 'more' ? 'changeMore' : 'changeFewer').replace('{place}', name).replace('{since}', c.since);
}
document.getElementById('when-form').addEventListener('submit', (ev) => { ev.preventDefault(); loadWhen(); });

function drawHeat(f) {
  const max = Math.max(0.5, ...f.hours.map((h) => h.mean));
  const cell = {};
  for (const h of f.hours) cell[h.how] = h;
  const head = el('tr', {}, el('th', {}, ''));
  for (let hr = 0; hr < 24; hr++) head.append(el('th', {}, String(hr)));
  const tb = el('table', { class: 'heat' }, head);
  for (let d = 0; d < 7; d++) {
    const row = el('tr', {}, el('th', {}, t('days')[d]));
    for (let hr = 0; hr < 24; hr++) {
      const h = cell[d * 24 + hr];
      const seen = f.observed.presence_hours[d * 24 + hr];
      const td = el('td', {}, seen >= 1 ? '○' : '');
      if (!h || h.open === 0) td.classList.add('closed');
      else {
        const a = Math.min(1, h.mean / max);
        td.style.background = `rgba(217, 95, 2, ${a.toFixed(2)})`;
        td.title = `${h.start}: ${h.mean.toFixed(2)}; ${t('rateRange')} ${h.rate_lower.toFixed(2)}–${h.rate_upper.toFixed(2)}; ${t('metRange')} ${h.met_lower}–${h.met_upper}; ${t('presence')} ${seen}, ${t('people')} ${f.observed.people[d * 24 + hr]}`;
      }
      row.append(td);
    }
    tb.append(row);
  }
  const note = f.change ? [el('p', { class: 'change' }, changeText(f.change, f.place))] : [];
  document.getElementById('heat').replaceChildren(tb, ...note);
}

function drawWhenChart(f) {
  if (typeof Chart === 'undefined') return;
  const labels = f.hours.map((h) => t('days')[Math.floor(h.how / 24)] + ' ' + (h.how % 24));
  const data = {
    labels,
    datasets: [
      { label: t('expected'), data: f.hours.map((h) => h.mean), borderColor: '#d95f02', pointRadius: 0 },
      { label: t('rateRange'), data: f.hours.map((h) => h.rate_upper), borderColor: '#fdb863', pointRadius: 0, fill: '+1' },
      { label: '', data: f.hours.map((h) => h.rate_lower), borderColor: '#fdb863', pointRadius: 0 },
      { label: t('metRange'), data: f.hours.map((h) => h.met_upper), borderColor: '#bbbbbb', borderDash: [4, 4], pointRadius: 0, stepped: 'middle' },
      { label: '', data: f.hours.map((h) => h.met_lower), borderColor: '#bbbbbb', borderDash: [4, 4], pointRadius: 0, stepped: 'middle' },
      { label: t('presence'), data: f.hours.map((h) => f.observed.presence_hours[h.how]), borderColor: '#1b9e77', pointRadius: 0, yAxisID: 'y1' },
    ],
  };
  if (whenChart) whenChart.destroy();
  whenChart = new Chart(document.getElementById('when-chart'), {
    type: 'line', data,
    options: { animation: false, scales: { y: { beginAtZero: true }, y1: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } } } },
  });
}

// ---- data ----------------------------------------------------------------
const KINDS = ['areas', 'partners', 'places', 'workers', 'pairs', 'availability', 'absences', 'visits', 'encounters', 'commitments'];

async function loadData() {
  const sel = document.getElementById('upload-kind');
  if (!sel.options.length) for (const k of KINDS) sel.append(el('option', {}, k));
  const places = await api('GET', '/api/data/places');
  const ch = await api('GET', '/api/places/choices');
  const has = (list, k) => list.split(',').includes(k);
  const tb = el('table', {}, el('tr', {}, ...['key', 'name', 'kind', 'opening_hours', 'partner', 'area', ''].map((h) => el('th', {}, h))));
  for (const p of places) {
    const state = has(ch.pinned, p.key) ? 'pin' : has(ch.banned, p.key) ? 'ban' : 'clear';
    const sel = el('select', { 'data-place': p.key }, ...['clear', 'pin', 'ban'].map((v) => el('option', { value: v }, t(v))));
    sel.value = state;
    sel.addEventListener('change', () => api('POST', `/api/places/${p.key}/${sel.value}`).catch((e) => alert(e.message)));
    tb.append(el('tr', {}, ...['key', 'name', 'kind', 'opening_hours', 'partner', 'area'].map((h) => el('td', {}, p[h] || '')), el('td', {}, sel)));
  }
  document.getElementById('places').replaceChildren(tb);
  loadSuggest();
}

async function loadSuggest() {
  const box = document.getElementById('suggest');
  const list = await api('GET', '/api/places/suggest').catch(() => []);
  if (!list.length) { box.replaceChildren(el('p', {}, t('noSuggest'))); return; }
  box.replaceChildren(...list.map((c, i) => {
    const key = el('input', { value: `uusi-${i + 1}`, size: 10 });
    const name = el('input', { value: `${c.lat.toFixed(4)}, ${c.lon.toFixed(4)}` });
    const kind = el('select', {}, ...Object.keys(KIND_COLOURS).map((k) => el('option', {}, k)));
    const out = el('span', {});
    const btn = el('button', { type: 'button' }, t('accept'));
    btn.addEventListener('click', async () => {
      const csv = 'key,name,kind,lat,lon\n' + [key.value, JSON.stringify(name.value), kind.value, c.lat, c.lon].join(',') + '\n';
      try { await api('POST', '/api/import/places?name=suggested', csv, 'text/csv'); out.className = 'ok'; out.textContent = ' ✓'; }
      catch (e) { out.className = 'error'; out.textContent = ' ' + e.message; }
    });
    return el('div', { class: 'card' }, `${c.encounters} × (${c.people}) — ${c.nearest} ${Math.round(c.nearest_m)} m `, key, name, kind, btn, out);
  }));
}

document.getElementById('commit-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const v = (id) => document.getElementById(id).value;
  const out = document.getElementById('commit-result');
  const csv = `partner,place,weekday,start,end\n${v('c-partner')},${v('c-place')},${v('c-weekday')},${v('c-start')},${v('c-end')}\n`;
  try { await api('POST', '/api/import/commitments?name=form', csv, 'text/csv'); out.className = 'ok'; out.textContent = '✓'; }
  catch (e) { out.className = 'error'; out.textContent = e.message; }
});

document.getElementById('upload-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = document.getElementById('upload-file').files[0];
  const kind = document.getElementById('upload-kind').value;
  const dry = document.getElementById('upload-dry').checked;
  const out = document.getElementById('upload-result');
  out.className = ''; out.textContent = '…';
  try {
    const r = await api('POST', `/api/import/${kind}?name=${encodeURIComponent(f.name)}${dry ? '&dry_run=1' : ''}`, await f.text(), 'text/csv');
    out.className = 'ok';
    out.textContent = `${f.name}: ${r.rows} ${t(dry ? 'valid' : 'imported')}`;
    loadData();
  } catch (e) { out.className = 'error'; out.textContent = e.message; }
});

// ---- feeds ---------------------------------------------------------------
// A link labelled by its own scheme: "http" when base_url is http.
const scheme = (url) => url.split(':')[0];

function linkBlock(l) {
  return el('div', { class: 'links' },
    el('a', { href: l.webcal }, 'webcal'), el('a', { href: l.https }, scheme(l.https)),
    el('a', { href: l.google, rel: 'noopener', target: '_blank' }, 'Google'),
    ...(l.page ? [el('a', { href: l.page }, 'page')] : []),
    el('code', {}, l.https));
}

function newLink(l) {
  const box = document.getElementById('feed-new');
  box.replaceChildren(el('p', {}, t('newLink')), linkBlock(l));
  show('feed-new', true);
}

async function loadFeeds() {
  const feeds = await api('GET', '/api/feeds');
  const tb = el('table', {}, el('tr', {}, ...['id', t('kind'), t('subject'), t('label'), t('lastFetch'), ''].map((h) => el('th', {}, h))));
  for (const f of feeds) {
    const acts = el('td', {});
    if (!f.revoked) {
      acts.append(el('button', { type: 'button', onclick: async () => newLink(await api('POST', `/api/feeds/${f.id}/rotate`)) }, t('rotate')));
      acts.append(el('button', { type: 'button', onclick: async () => { await api('POST', `/api/feeds/${f.id}/revoke`); loadFeeds(); } }, t('revoke')));
    } else acts.append(t('revoked'));
    tb.append(el('tr', { class: f.revoked ? 'cancelled' : '' }, el('td', {}, f.id), el('td', {}, f.kind), el('td', {}, f.subject),
      el('td', {}, f.label), el('td', {}, f.last_fetched ? `${f.last_fetched} (${f.fetches})` : t('never')), acts));
  }
  document.getElementById('feeds').replaceChildren(tb);
}

document.getElementById('feed-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    newLink(await api('POST', '/api/feeds', {
      kind: document.getElementById('feed-kind').value,
      subject: document.getElementById('feed-subject').value,
      label: document.getElementById('feed-label').value,
      show_names: document.getElementById('feed-names').checked,
    }));
    loadFeeds();
  } catch (e) { alert(t('error') + ': ' + e.message); }
});

// ---- alerts --------------------------------------------------------------
async function refreshAlerts() {
  const list = await api('GET', '/api/alerts').catch(() => []);
  const btn = document.querySelector('#tabs button[data-tab=alerts]');
  btn.textContent = t('alerts') + (list.length ? ` (${list.length})` : '');
  const box = document.getElementById('alerts');
  if (!list.length) { box.replaceChildren(el('p', {}, t('noAlerts'))); return; }
  const pairs = await api('GET', '/api/data/pairs').catch(() => []);
  box.replaceChildren(...list.map((a) => {
    const sel = el('select', {}, ...pairs.map((p) => el('option', { value: p.key }, p.key)));
    const when = el('input', { type: 'datetime-local', class: 'replan-at' });
    const now = new Date(Date.now() - new Date().getTimezoneOffset() * 60000);
    when.value = now.toISOString().slice(0, 16);
    const out = el('span', {});
    const replan = el('button', { type: 'button', class: 'replan' }, t('replan'));
    replan.addEventListener('click', async () => {
      try {
        const r = await api('POST', '/api/replan', { pair: sel.value, place: a.place, alert: a.id, at: when.value });
        out.className = 'ok';
        out.textContent = ` ${t('replanned')} ${String(Math.floor(r.urgent_arrive / 60)).padStart(2, '0')}:${String(r.urgent_arrive % 60).padStart(2, '0')}`;
      } catch (e) { out.className = 'error'; out.textContent = ' ' + e.message; }
    });
    return el('div', { class: 'card' },
      el('strong', {}, t(a.kind)), ` — ${a.partner}, ${a.place_name} — ${a.created} `,
      sel, when, replan,
      el('button', { type: 'button', onclick: async () => { await api('POST', `/api/alerts/${a.id}/handle`); refreshAlerts(); } }, t('markHandled')), out);
  }));
}

start();
