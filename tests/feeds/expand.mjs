// Expands an iCalendar feed with ical.js (Thunderbird's parser) and prints
// one line per occurrence: "UTC-START STATUS", sorted.
import fs from 'node:fs';
import ICAL from 'ical.js';

const vcal = new ICAL.Component(ICAL.parse(fs.readFileSync(process.argv[2], 'utf8')));
for (const vtz of vcal.getAllSubcomponents('vtimezone'))
  ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
const byUid = new Map();
for (const ve of vcal.getAllSubcomponents('vevent')) {
  const ev = new ICAL.Event(ve);
  const e = byUid.get(ev.uid) || { master: null, ex: [] };
  if (ev.isRecurrenceException()) e.ex.push(ev); else e.master = ev;
  byUid.set(ev.uid, e);
}
const out = [];
const stop = ICAL.Time.fromJSDate(new Date('2028-01-01T00:00:00Z'), true);
for (const [uid, { master, ex }] of byUid) {
  if (!master) { console.error(`override without master: ${uid}`); process.exit(1); }
  ex.forEach((x) => master.relateException(x));
  const it = master.iterator();
  let n;
  while ((n = it.next()) && n.compare(stop) < 0) {
    const d = master.getOccurrenceDetails(n);
    const iso = d.startDate.toJSDate().toISOString().replace('.000Z', 'Z');
    out.push(`${iso} ${d.item.component.getFirstPropertyValue('status') || ''}`);
  }
}
console.log(out.sort().join('\n'));
