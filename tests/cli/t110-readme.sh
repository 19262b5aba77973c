#!/usr/bin/env bash
# README's examples on the demo database run as written, and the output it
# quotes is what they print. The database is what scripts/demo.sh builds:
# examples/ and the Helsinki-centre streets, at demo/outreach.db.
. "$(dirname "$0")/lib.sh"
README=$ROOT/README.md
mkdir -p "$T/demo"
ln -s "$O" "$T/outreach"	# so that "./outreach ..." runs the binary under test
export OUTREACH_DB=$T/demo/outreach.db
for k in areas partners places workers pairs availability absences visits encounters commitments; do
	"$O" import "$k" "$ROOT/examples/$k.csv" >/dev/null
done
"$O" import osm "$SHARED/osm/helsinki_centre.osm.pbf" >/dev/null

# The sh block that starts with the export, up to its closing fence.
env_line=$(grep -m1 '^export OUTREACH_DB=demo/outreach.db$' "$README")
check "README sets the demo database" test -n "$env_line"
mapfile -t cmds < <(awk '/^export OUTREACH_DB=demo\/outreach.db$/{on=1; next}
	on && /^```/{exit} on' "$README")
check "README shows plan, forecast and route" bash -c \
	"printf '%s\n' \"\${@}\" | grep -q '^./outreach plan ' && printf '%s\n' \"\${@}\" | grep -q '^./outreach forecast ' && printf '%s\n' \"\${@}\" | grep -q '^./outreach route '" _ "${cmds[@]}"
for c in "${cmds[@]}"; do
	name=${c%%#*}
	check "README runs: ${name%"${name##*[! ]}"}" bash -c "cd '$T' && $env_line && $c >/dev/null"
done

# The text block after it: "$ COMMAND" lines, each followed by its output.
awk '/^export OUTREACH_DB=demo\/outreach.db$/{on=1} on && /^```text$/{t=1; next}
	t && /^```/{exit} t' "$README" >"$T/quoted"
check "README quotes some output" grep -q '^\$ ./outreach ' "$T/quoted"
n=0
while IFS= read -r line; do
	[[ $line == '$ '* ]] || continue
	n=$((n + 1))
	awk -v k=$n '/^\$ /{i++; next} i == k' "$T/quoted" >"$T/want.$n"
	check "README output as quoted: ${line#\$ }" bash -c \
		"cd '$T' && $env_line && ${line#\$ } | diff '$T/want.$n' -"
done <"$T/quoted"
