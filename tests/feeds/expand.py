#!/usr/bin/python3
"""Expands an iCalendar feed with python3-icalendar + recurring_ical_events
(an independent parser) and prints one line per occurrence in 2025-2027:
"UTC-START STATUS", sorted. Fails on any parse error the library records,
on floating times and on lines over 75 octets."""
import datetime, sys
import icalendar, recurring_ical_events

raw = open(sys.argv[1], 'rb').read()
cal = icalendar.Calendar.from_ical(raw)
bad = [(c.name, c.errors) for c in cal.walk() if getattr(c, 'errors', None)]
if bad:
    sys.exit(f'parse errors: {bad}')
longest = max(len(l) for l in raw.split(b'\r\n'))
if longest > 75:
    sys.exit(f'a line of {longest} octets (limit 75)')
for ev in cal.walk('VEVENT'):
    for key in ('DTSTART', 'DTEND', 'RECURRENCE-ID'):
        if key in ev and ev[key].dt.tzinfo is None:
            sys.exit(f'floating {key} in {ev["UID"]}')
out = []
for ev in recurring_ical_events.of(cal).between(datetime.date(2025, 1, 1),
                                                  datetime.date(2027, 12, 31)):
    s = ev['DTSTART'].dt.astimezone(datetime.timezone.utc)
    out.append(f'{s:%Y-%m-%dT%H:%M:%SZ} {ev.get("STATUS", "")}')
print('\n'.join(sorted(out)))
