#!/usr/bin/env bash
# Rhythms of partner commitments in the CSV import: every N weeks, monthly
# by weekday, a list of dates; weekly by default. A bad value names its
# column and line, and the database stays as it was.
. "$(dirname "$0")/lib.sh"
EX=$ROOT/examples
for k in areas partners places workers pairs; do "$O" import "$k" "$EX/$k.csv" >/dev/null; done
check "the examples' commitments (no rhythm columns) import" "$O" import commitments "$EX/commitments.csv"
# (CSV lines end in CRLF: RFC 4180.)
check_grep "they are weekly" "^pelastusarmeija,pelastusarmeija,Tu,12:00,13:00,1,1,,,,,"$'\r'"$" "$O" export commitments

cat >"$T/rhythms.csv" <<'CSV'
partner,place,weekday,start,end,every,monthly,dates,from,until
pelastusarmeija,pelastusarmeija,Tu,12:00,13:00,3,,,2027-01-05,2027-06-29
pelastusarmeija,pelastusarmeija,We,10:00,11:00,,1;3,,,
pelastusarmeija,pelastusarmeija,Fr,16:00,18:00,,-1,,2027-01-01,
pelastusarmeija,pelastusarmeija,Th,12:00,15:00,,,2027-06-17;2027-05-13,,
CSV
check "import the rhythms" "$O" import commitments "$T/rhythms.csv"
"$O" export commitments >"$T/out.crlf"
tr -d '\r' <"$T/out.crlf" >"$T/out.csv"
check_grep "every 3 weeks from 2027-01-05" "^pelastusarmeija,pelastusarmeija,Tu,12:00,13:00,1,3,,,2027-01-05,2027-06-29,$" cat "$T/out.csv"
check_grep "first and third Wednesday" "^pelastusarmeija,pelastusarmeija,We,10:00,11:00,1,1,1;3,,,,$" cat "$T/out.csv"
check_grep "the last Friday" "^pelastusarmeija,pelastusarmeija,Fr,16:00,18:00,1,1,-1,,2027-01-01,,$" cat "$T/out.csv"
check_grep "dates, sorted" "^pelastusarmeija,pelastusarmeija,Th,12:00,15:00,1,1,,2027-05-13;2027-06-17,,,$" cat "$T/out.csv"
check "the export imports again unchanged" bash -c "$O import commitments $T/out.csv >/dev/null && $O export commitments | cmp - $T/out.crlf"
check_grep "json carries the rhythm" '"monthly": "1;3"' "$O" export commitments --format json
check "re-importing without rhythm columns makes it weekly again" bash -c \
	"printf 'partner,place,weekday,start,end\npelastusarmeija,pelastusarmeija,We,10:00,11:00\n' >$T/w.csv && $O import commitments $T/w.csv >/dev/null && $O export commitments | tr -d '\\r' | grep -qx 'pelastusarmeija,pelastusarmeija,We,10:00,11:00,1,1,,,,,'"

"$O" export commitments >"$T/before.csv"
bad() {	# NAME PATTERN ROW: a file whose 3rd line is ROW is refused with PATTERN
	printf 'partner,place,weekday,start,end,every,monthly,dates,from,until\n%s\n%s\n' \
		"pelastusarmeija,pelastusarmeija,Mo,09:00,10:00,,,,," "$3" >"$T/bad.csv"
	check_exit 1 "$1: exit 1" "$O" import commitments "$T/bad.csv"
	check_grep "$1: message" "^outreach: import: $T/bad.csv:3: $2" "$O" import commitments "$T/bad.csv"
}
P=pelastusarmeija,pelastusarmeija
bad "an interval of 0" "column every: '0' is out of range 1..12" "$P,Tu,12:00,13:00,0,,,2027-01-05,"
bad "an interval over 12" "column every: '13' is out of range 1..12" "$P,Tu,12:00,13:00,13,,,2027-01-05,"
bad "every 2 weeks without a first date" "column from: every 2 weeks needs the first date" "$P,Tu,12:00,13:00,2,,,,"
bad "a 5th Tuesday" "column monthly: '5': a 5th weekday is not in every month" "$P,Tu,12:00,13:00,,5,,,"
bad "a week 0 of the month" "column monthly: '0': there is no such week" "$P,Tu,12:00,13:00,,1;0,,,"
bad "monthly and every together" "column monthly: a monthly rhythm cannot also be every 2 weeks" "$P,Tu,12:00,13:00,2,1,,2027-01-05,"
bad "a date on another weekday" "column dates: 2027-05-13 is a Th, not a Tu" "$P,Tu,12:00,13:00,,,2027-05-13,,"
bad "a date that does not exist" "column dates: .*2027-02-30" "$P,Tu,12:00,13:00,,,2027-02-30,,"
bad "dates with a span" "column from: a list of dates needs no from or until" "$P,Tu,12:00,13:00,,,2027-05-11,2027-01-01,"
bad "until before from" "column until: '2027-01-01' is before from '2027-02-02'" "$P,Tu,12:00,13:00,,,,2027-02-02,2027-01-01"
check "refused files changed nothing" bash -c "$O export commitments | cmp - $T/before.csv"
