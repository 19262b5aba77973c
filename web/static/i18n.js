// Interface texts in Finnish, Swedish and English. The language comes from
// the browser (navigator.languages) unless the user picked one.
'use strict';
const I18N = {
  fi: {
    title: 'Etsivän työn suunnittelu', login: 'Kirjaudu', logout: 'Kirjaudu ulos',
    user: 'Käyttäjätunnus', password: 'Salasana', map: 'Kartta', when: 'Milloin ja missä',
    plan: 'Viikko', data: 'Aineisto', feeds: 'Kalenterit ja ihmiset', alerts: 'Hälytykset',
    upload: 'Lataa CSV', dryrun: 'Vain tarkistus', kind: 'Laji', imported: 'rivi(ä) tuotu',
    valid: 'rivi(ä) kunnossa (ei tallennettu)', create: 'Luo', rotate: 'Uusi linkki',
    revoke: 'Peru', revoked: 'peruttu', never: 'ei koskaan', lastFetch: 'Viimeksi haettu',
    subject: 'Kenelle', label: 'Nimi', showNames: 'Näytä työntekijöiden nimet',
    cancel: 'Peru käynti', move: 'Siirrä', start: 'Alkaa', date: 'Päivä', from: 'Alkaen',
    noShifts: 'Ei vuoroja tällä aikavälillä.', cancelled: 'peruttu', moved: 'siirretty',
    confirmed: 'vahvistettu', replanned: 'muutettu', expected: 'odotettu', why: 'miksi',
    subscribe: 'Tilaa kalenteri', google: 'Lisää Google-kalenteriin', gpx: 'Reitti GPX',
    upcoming: 'Tulevat vuorot', visits: 'Tulevat käynnit', today: 'Tämän päivän reitti',
    alertTitle: 'Joku tarvitsee teitä nyt', send: 'Lähetä', sent: 'Lähetetty: työntekijät näkevät viestin.',
    needs_worker: 'Joku tarvitsee työntekijää', accompany: 'Joku tarvitsee saattajan', other: 'Muu',
    handled: 'Hoidettu', markHandled: 'Merkitse hoidetuksi', noAlerts: 'Ei avoimia hälytyksiä.',
    places: 'Paikat', newLink: 'Uusi linkki näytetään vain nyt:', osm: '© OpenStreetMap-tekijät',
    heatHelp: 'Odotettu kohdattujen määrä läsnäolotuntia kohden (80 %:n väli); harmaa: suljettu; ○: läsnäolotunnit historiassa.',
    presence: 'läsnäolotunnit', people: 'kohdatut', days: ['ma', 'ti', 'ke', 'to', 'pe', 'la', 'su'],
    error: 'Virhe', week: 'Viikko', workers: 'Työntekijät', noPlan: 'Ei julkaistua suunnitelmaa.',
  },
  sv: {
    title: 'Planering av uppsökande arbete', login: 'Logga in', logout: 'Logga ut',
    user: 'Användarnamn', password: 'Lösenord', map: 'Karta', when: 'När och var',
    plan: 'Veckan', data: 'Data', feeds: 'Kalendrar och personer', alerts: 'Larm',
    upload: 'Ladda upp CSV', dryrun: 'Endast kontroll', kind: 'Typ', imported: 'rad(er) importerade',
    valid: 'rad(er) giltiga (inget sparat)', create: 'Skapa', rotate: 'Ny länk',
    revoke: 'Återkalla', revoked: 'återkallad', never: 'aldrig', lastFetch: 'Senast hämtad',
    subject: 'För', label: 'Namn', showNames: 'Visa arbetarnas namn',
    cancel: 'Ställ in', move: 'Flytta', start: 'Börjar', date: 'Dag', from: 'Från',
    noShifts: 'Inga pass under perioden.', cancelled: 'inställt', moved: 'flyttat',
    confirmed: 'bekräftat', replanned: 'ändrat', expected: 'väntat', why: 'varför',
    subscribe: 'Prenumerera på kalendern', google: 'Lägg till i Google Kalender', gpx: 'Rutt GPX',
    upcoming: 'Kommande pass', visits: 'Kommande besök', today: 'Dagens rutt',
    alertTitle: 'Någon behöver er nu', send: 'Skicka', sent: 'Skickat: arbetarna ser meddelandet.',
    needs_worker: 'Någon behöver en arbetare', accompany: 'Någon behöver följeslagare', other: 'Annat',
    handled: 'Hanterat', markHandled: 'Markera som hanterat', noAlerts: 'Inga öppna larm.',
    places: 'Platser', newLink: 'Den nya länken visas bara nu:', osm: '© OpenStreetMap-bidragsgivare',
    heatHelp: 'Väntat antal mötta per timme närvaro (80 %-intervall); grått: stängt; ○: timmar av närvaro i historiken.',
    presence: 'närvarotimmar', people: 'mötta', days: ['må', 'ti', 'on', 'to', 'fr', 'lö', 'sö'],
    error: 'Fel', week: 'Vecka', workers: 'Arbetare', noPlan: 'Ingen publicerad plan.',
  },
  en: {
    title: 'Outreach planner', login: 'Log in', logout: 'Log out',
    user: 'Login', password: 'Password', map: 'Map', when: 'When and where',
    plan: 'Week', data: 'Data', feeds: 'Feeds and people', alerts: 'Alerts',
    upload: 'Upload CSV', dryrun: 'Check only', kind: 'Kind', imported: 'row(s) imported',
    valid: 'row(s) valid (nothing saved)', create: 'Create', rotate: 'New link',
    revoke: 'Revoke', revoked: 'revoked', never: 'never', lastFetch: 'Last fetched',
    subject: 'For', label: 'Label', showNames: "Show workers' names",
    cancel: 'Cancel', move: 'Move', start: 'Start', date: 'Date', from: 'From',
    noShifts: 'No shifts in this period.', cancelled: 'cancelled', moved: 'moved',
    confirmed: 'confirmed', replanned: 'changed', expected: 'expected', why: 'why',
    subscribe: 'Subscribe to the calendar', google: 'Add to Google Calendar', gpx: 'Route GPX',
    upcoming: 'Upcoming shifts', visits: 'Upcoming visits', today: "Today's route",
    alertTitle: 'Someone here needs you now', send: 'Send', sent: 'Sent: the workers see it now.',
    needs_worker: 'Someone needs a worker', accompany: 'Someone needs accompanying', other: 'Other',
    handled: 'Handled', markHandled: 'Mark handled', noAlerts: 'No open alerts.',
    places: 'Places', newLink: 'The new link is shown only now:', osm: '© OpenStreetMap contributors',
    heatHelp: 'Expected people met per hour of presence (80 % interval); grey: closed; ○: hours of presence in the history.',
    presence: 'hours of presence', people: 'people met', days: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'],
    error: 'Error', week: 'Week', workers: 'Workers', noPlan: 'No published plan.',
  },
};

function pickLang() {
  const saved = localStorage.getItem('lang');
  if (saved && I18N[saved]) return saved;
  for (const l of navigator.languages || [navigator.language || 'en']) {
    const short = l.slice(0, 2).toLowerCase();
    if (I18N[short]) return short;
  }
  return 'en';
}
let LANG = pickLang();
function t(key) { return (I18N[LANG] && I18N[LANG][key]) || I18N.en[key] || key; }
Object.assign(I18N.fi, { weeks: 'Viikkoja', explore: 'Tutkiminen', stability: 'Pysyvyys', runPlan: 'Suunnittele', planning: 'Suunnitellaan…', publish: 'Julkaise', published: 'Julkaistu: kalenterit päivittyvät.', proposal: 'Ehdotus', notCovered: 'Ei katettu', hoursWeek: 'tuntia viikossa', peopleWeek: 'kohdattavaa viikossa', kept: 'pysyi samana' });
Object.assign(I18N.sv, { weeks: 'Veckor', explore: 'Utforskning', stability: 'Stabilitet', runPlan: 'Planera', planning: 'Planerar…', publish: 'Publicera', published: 'Publicerad: kalendrarna uppdateras.', proposal: 'Förslag', notCovered: 'Inte täckt', hoursWeek: 'timmar i veckan', peopleWeek: 'möten i veckan', kept: 'oförändrade' });
Object.assign(I18N.en, { weeks: 'Weeks', explore: 'Exploration', stability: 'Stability', runPlan: 'Plan', planning: 'Planning…', publish: 'Publish', published: 'Published: the calendars follow.', proposal: 'Proposal', notCovered: 'Not covered', hoursWeek: 'hours a week', peopleWeek: 'people expected a week', kept: 'kept' });
Object.assign(I18N.fi, { replan: 'Suunnittele päivä uudelleen', replanned: 'Pari on paikalla klo' });
Object.assign(I18N.sv, { replan: 'Planera om dagen', replanned: 'Paret är där kl.' });
Object.assign(I18N.en, { replan: 'Re-plan the day', replanned: 'The pair will be there at' });
Object.assign(I18N.fi, { addCommitment: 'Lisää kumppanin sitoumus', suggested: 'Ehdotetut uudet paikat', accept: 'Lisää paikaksi', noSuggest: 'Ei ehdotuksia: kaikki kohtaamiset ovat paikkojen lähellä.', callsNow: 'Kutsut nyt' });
Object.assign(I18N.sv, { addCommitment: 'Lägg till ett partneråtagande', suggested: 'Föreslagna nya platser', accept: 'Lägg till som plats', noSuggest: 'Inga förslag: alla möten är nära platser.', callsNow: 'Anrop nu' });
Object.assign(I18N.en, { addCommitment: 'Add a partner commitment', suggested: 'Suggested new places', accept: 'Add as a place', noSuggest: 'No suggestions: every encounter is near a place.', callsNow: 'Calls now' });
Object.assign(I18N.fi, { clear: 'suunnittelija päättää', pin: 'aina kun voi', ban: 'ei koskaan' });
Object.assign(I18N.sv, { clear: 'planeraren avgör', pin: 'alltid när möjligt', ban: 'aldrig' });
Object.assign(I18N.en, { clear: 'planner decides', pin: 'pinned: whenever possible', ban: 'banned: never' });
Object.assign(I18N.fi, { causeHoliday: 'juhlapyhä', causeStaff: 'työntekijä estynyt' });
Object.assign(I18N.sv, { causeHoliday: 'helgdag', causeStaff: 'personal förhindrad' });
Object.assign(I18N.en, { causeHoliday: 'public holiday', causeStaff: 'staff unavailable' });
// The field log (field.js).
Object.assign(I18N.fi, {"todayShift": "Tämän päivän vuoro", "noShiftToday": "Ei vuoroa tänään.", "arrive": "Saavu", "leave": "Lähde", "outsideWhy": "Miksi vuoron ulkopuolella?", "started_early": "aloitettiin aiemmin", "stayed_longer": "jäätiin pidempään", "called_out": "kutsuttiin paikalle", "notSkipped": "Käynti tehtiin", "closed": "ohitettu: suljettu", "unsafe": "ohitettu: ei turvallista", "called_away": "ohitettu: kutsuttiin muualle", "no_time": "ohitettu: ei aikaa", "peopleMet": "Kohdatut ihmiset", "ofNew": "joista uusia", "ofAnonymous": "joista anonyymejä", "guidance": "Ohjaus aiheittain", "g_benefits": "etuudet ja toimeentulo", "g_debt": "velat ja raha-asiat", "g_housing": "asuminen", "g_home": "kotona pärjääminen", "g_mental_health": "mielenterveys", "g_substance_use": "päihteet", "g_health_services": "terveyspalvelut", "g_social_services": "sosiaalipalvelut", "g_work_study": "työ ja opiskelu", "g_other": "muu", "accompanied": "saatettu palveluun", "contacted": "otettu yhdessä yhteyttä palveluun", "savedPhone": "tallennettu puhelimeen", "entrySent": "lähetetty", "notAccepted": "ei hyväksytty", "revokedEntry": "ei lähetetty: linkki on peruttu", "linkRevoked": "Tämä linkki on peruttu: kirjauksia ei enää oteta vastaan.", "notSent": "{n} kirjausta jäi lähettämättä: kerro tiimin vetäjälle.", "sending": "Lähetetään {n} kirjausta…", "offline": "Ei verkkoa: kirjaukset tallentuvat puhelimeen.", "waiting": "{n} odottaa lähetystä.", "unplanned": "Suunnittelematon", "remove": "Poista", "addStop": "Lisää käynti", "locating": "Haetaan sijaintia…", "logPosition": "Kirjaa tämä sijainti", "position": "sijainti"});
Object.assign(I18N.sv, {"todayShift": "Dagens pass", "noShiftToday": "Inget pass i dag.", "arrive": "Anländ", "leave": "Lämna", "outsideWhy": "Varför utanför passet?", "started_early": "började tidigare", "stayed_longer": "stannade längre", "called_out": "kallades dit", "notSkipped": "Besöket gjordes", "closed": "hoppades över: stängt", "unsafe": "hoppades över: inte tryggt", "called_away": "hoppades över: kallades bort", "no_time": "hoppades över: ingen tid", "peopleMet": "Mötta personer", "ofNew": "varav nya", "ofAnonymous": "varav anonyma", "guidance": "Handledning per ämne", "g_benefits": "förmåner och utkomst", "g_debt": "skulder och pengar", "g_housing": "boende", "g_home": "klara sig hemma", "g_mental_health": "psykisk hälsa", "g_substance_use": "rusmedel", "g_health_services": "hälsotjänster", "g_social_services": "socialtjänster", "g_work_study": "arbete och studier", "g_other": "annat", "accompanied": "följd till en tjänst", "contacted": "kontaktade en tjänst tillsammans", "savedPhone": "sparat i telefonen", "entrySent": "skickat", "notAccepted": "inte godkänt", "revokedEntry": "inte skickat: länken är återkallad", "linkRevoked": "Länken är återkallad: inga fler registreringar tas emot.", "notSent": "{n} registreringar skickades inte: säg till teamledaren.", "sending": "Skickar {n} registreringar…", "offline": "Inget nät: registreringarna sparas i telefonen.", "waiting": "{n} väntar på att skickas.", "unplanned": "Oplanerat", "remove": "Ta bort", "addStop": "Lägg till besök", "locating": "Söker position…", "logPosition": "Registrera denna position", "position": "position"});
Object.assign(I18N.en, {"todayShift": "Today's shift", "noShiftToday": "No shift today.", "arrive": "Arrive", "leave": "Leave", "outsideWhy": "Why outside the shift?", "started_early": "started early", "stayed_longer": "stayed longer", "called_out": "called out", "notSkipped": "Visited", "closed": "skipped: closed", "unsafe": "skipped: unsafe", "called_away": "skipped: called away", "no_time": "skipped: no time", "peopleMet": "People met", "ofNew": "of them new", "ofAnonymous": "of them anonymous", "guidance": "Guidance by topic", "g_benefits": "benefits and income", "g_debt": "debt and money", "g_housing": "housing", "g_home": "coping at home", "g_mental_health": "mental health", "g_substance_use": "substance use", "g_health_services": "health services", "g_social_services": "social services", "g_work_study": "work and study", "g_other": "other", "accompanied": "accompanied to a service", "contacted": "contacted a service together", "savedPhone": "saved on the phone", "entrySent": "sent", "notAccepted": "not accepted", "revokedEntry": "not sent: the link was revoked", "linkRevoked": "This link was revoked: no more entries are taken.", "notSent": "{n} entries were not sent: tell your team lead.", "sending": "Sending {n} entries…", "offline": "No network: entries are saved on the phone.", "waiting": "{n} waiting to be sent.", "unplanned": "Unplanned", "remove": "Remove", "addStop": "Add a stop", "locating": "Finding where you are…", "logPosition": "Log this position", "position": "position"});
Object.assign(I18N.fi, {"met": "kohdattu", "doneStops": "käynnit tehty", "skippedN": "ohitettu", "fieldTab": "Kenttäkirjaus", "fieldDays": "Päiviä", "downloadCsv": "Lataa CSV", "f_pair": "Pari", "f_week": "Viikko", "f_planned_stops": "Suunn. käynnit", "f_done_stops": "Tehdyt käynnit", "f_unplanned_stops": "Suunnittelemattomat", "f_skipped": "Ohitetut", "f_planned_hours": "Suunn. tunnit", "f_stop_hours": "Tunnit paikoilla", "f_people": "Kohdatut", "f_new": "Uudet", "f_anonymous": "Anonyymit", "f_accompanied": "Saatettu", "f_contacted": "Yhteys palveluun", "fcTitle": "Ennuste ja kohdatut (suunnitellut käynnit)", "fcCompare": "Kirjatut suunnitellut käynnit", "inside80": "80 %:n välin sisällä", "fcNone": "Ei vielä kirjattuja suunniteltuja käyntejä tällä jaksolla."});
Object.assign(I18N.sv, {"met": "mötta", "doneStops": "besök gjorda", "skippedN": "överhoppade", "fieldTab": "Fältlogg", "fieldDays": "Dagar", "downloadCsv": "Ladda ner CSV", "f_pair": "Par", "f_week": "Vecka", "f_planned_stops": "Planerade besök", "f_done_stops": "Gjorda besök", "f_unplanned_stops": "Oplanerade", "f_skipped": "Överhoppade", "f_planned_hours": "Planerade timmar", "f_stop_hours": "Timmar på plats", "f_people": "Mötta", "f_new": "Nya", "f_anonymous": "Anonyma", "f_accompanied": "Följda", "f_contacted": "Kontakt med tjänst", "fcTitle": "Prognos och mötta (planerade besök)", "fcCompare": "Registrerade planerade besök", "inside80": "inom 80 %-intervallet", "fcNone": "Inga registrerade planerade besök under perioden ännu."});
Object.assign(I18N.en, {"met": "met", "doneStops": "stops done", "skippedN": "skipped", "fieldTab": "Field log", "fieldDays": "Days", "downloadCsv": "Download CSV", "f_pair": "Pair", "f_week": "Week", "f_planned_stops": "Planned stops", "f_done_stops": "Stops done", "f_unplanned_stops": "Unplanned", "f_skipped": "Skipped", "f_planned_hours": "Planned hours", "f_stop_hours": "Hours at stops", "f_people": "People met", "f_new": "New", "f_anonymous": "Anonymous", "f_accompanied": "Accompanied", "f_contacted": "Contacted a service", "fcTitle": "Forecast and people met (planned stops)", "fcCompare": "Planned stops logged", "inside80": "inside the 80 % interval", "fcNone": "No planned stop logged in this period yet."});
I18N.fi.when = 'Milloin ja missä'; I18N.sv.when = 'När och var'; I18N.en.when = 'When and where';

// Fills every element with data-t="key" and builds the language switcher.
function applyI18n() {
  document.documentElement.lang = LANG;
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll('[data-tp]').forEach((el) => { el.placeholder = t(el.dataset.tp); });
  document.title = t('title');
  const sw = document.getElementById('lang');
  if (sw && !sw.dataset.ready) {
    sw.dataset.ready = '1';
    for (const l of ['fi', 'sv', 'en']) {
      const b = document.createElement('button');
      b.textContent = l.toUpperCase();
      b.type = 'button';
      b.addEventListener('click', () => { LANG = l; localStorage.setItem('lang', l); applyI18n(); if (window.onLang) window.onLang(); });
      sw.appendChild(b);
    }
  }
}

// Builds an element: el('td', {class: 'x'}, 'text', child...)
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

const KIND_COLOURS = {
  street: '#d95f02', park: '#1b9e77', station: '#7570b3', shopping_centre: '#e7298a',
  library: '#66a61e', church: '#a6761d', day_centre: '#e6ab02', food_distribution: '#e41a1c',
  meeting_point: '#377eb8', shelter: '#984ea3', other: '#666666',
};
