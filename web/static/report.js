// The lead's Report tab: choose the period (a month, a quarter, a year or
// any range), an area or a partner venue and the language; preview the
// headline figures (JSON) and download the PDF, CSV or HTML that
// `outreach report` writes, with the same suppression of small counts.
'use strict';
Object.assign(I18N.fi, { reportTab: 'Raportti', r_kind: 'Jakso', r_month: 'Kuukausi', r_quarter: 'Vuosineljännes', r_year: 'Vuosi', r_custom: 'Vapaa', r_to: 'Päättyen', r_area: 'Alue', r_partner: 'Kumppani', r_all: 'kaikki', r_lang: 'Kieli', r_show: 'Näytä', r_pdf: 'Lataa PDF', r_csv: 'Lataa CSV', r_html: 'Lataa HTML' });
Object.assign(I18N.sv, { reportTab: 'Rapport', r_kind: 'Period', r_month: 'Månad', r_quarter: 'Kvartal', r_year: 'År', r_custom: 'Fri', r_to: 'Till', r_area: 'Område', r_partner: 'Partner', r_all: 'alla', r_lang: 'Språk', r_show: 'Visa', r_pdf: 'Ladda ner PDF', r_csv: 'Ladda ner CSV', r_html: 'Ladda ner HTML' });
Object.assign(I18N.en, { reportTab: 'Report', r_kind: 'Period', r_month: 'Month', r_quarter: 'Quarter', r_year: 'Year', r_custom: 'Any range', r_to: 'To', r_area: 'Area', r_partner: 'Partner', r_all: 'all', r_lang: 'Language', r_show: 'Show', r_pdf: 'Download PDF', r_csv: 'Download CSV', r_html: 'Download HTML' });

(function () {
  const $ = (id) => document.getElementById(id);
  const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

  // The last whole month, quarter or year before today.
  function preset(kind) {
    const n = new Date();
    let a, b;
    if (kind === 'month') { a = new Date(n.getFullYear(), n.getMonth() - 1, 1); b = new Date(n.getFullYear(), n.getMonth(), 0); }
    if (kind === 'quarter') { const q = Math.floor(n.getMonth() / 3) * 3; a = new Date(n.getFullYear(), q - 3, 1); b = new Date(n.getFullYear(), q, 0); }
    if (kind === 'year') { a = new Date(n.getFullYear() - 1, 0, 1); b = new Date(n.getFullYear() - 1, 11, 31); }
    if (a) { $('report-from').value = iso(a); $('report-to').value = iso(b); }
  }

  async function fill(select, kind) {
    if (select.dataset.ready) return;
    const rows = await api('GET', `/api/data/${kind}`).catch(() => []);
    select.replaceChildren(el('option', { value: '' }, t('r_all')), ...rows.map((r) => el('option', { value: r.key }, r.name || r.key)));
    select.dataset.ready = '1';
  }

  function query(format) {
    const q = new URLSearchParams({ from: $('report-from').value, to: $('report-to').value, lang: $('report-lang').value || LANG, format });
    if ($('report-area').value) q.set('area', $('report-area').value);
    if ($('report-partner').value) q.set('partner', $('report-partner').value);
    return `/api/report?${q}`;
  }

  function links() {
    for (const f of ['pdf', 'csv', 'html']) $(`report-${f}`).href = query(f);
  }

  async function preview() {
    links();
    const box = $('report');
    try {
      const r = await api('GET', query('json'));
      const tot = r.tables.find((x) => x.id === 'totals');
      const tb = el('table', {}, el('tr', {}, el('th', {}, ''), el('th', {}, r.from + ' – ' + r.to), el('th', {}, r.previous.from + ' – ' + r.previous.to)));
      for (const c of tot.columns) tb.append(el('tr', {}, el('td', {}, c.name), el('td', {}, tot.rows[0].values[c.id] ?? '–'), el('td', {}, tot.rows[0].previous[c.id] ?? '–')));
      box.replaceChildren(el('h3', {}, `${r.title}: ${r.team}`), el('p', { class: 'address' }, r.suppression.text), tb,
        el('ul', {}, ...r.gaps.items.map((g) => el('li', {}, g.text))));
    } catch (e) { box.replaceChildren(el('p', { class: 'error' }, e.message)); }
  }

  window.loadReport = async function () {
    if (!$('report-from').value) preset('quarter');
    await Promise.all([fill($('report-area'), 'areas'), fill($('report-partner'), 'partners')]);
    preview();
  };
  $('report-kind').addEventListener('change', (ev) => { preset(ev.target.value); links(); });
  $('report-form').addEventListener('submit', (ev) => { ev.preventDefault(); preview(); });
  $('report-form').addEventListener('change', links);
}());
