#!/usr/bin/env bash
# `outreach toptw`: the KU Leuven format (CRLF, header split over two lines,
# trailing blank line), JSON answer, determinism, errors with FILE:LINE.
. "$(dirname "$0")/lib.sh"
F=$FIX/toptw

check "toptw needs no database" bash -c "$O toptw $F/tiny.txt --paths 2 --max-iter 200 >$T/a.json && test ! -e $OUTREACH_DB"
check "JSON fields" python3 -c "
import json; d = json.load(open('$T/a.json'))
assert d['instance'] == 'tiny' and d['paths'] == 2, d
assert len(d['routes']) == 2 and isinstance(d['seconds'], float), d
ids = [i for r in d['routes'] for i in r]
assert len(ids) == len(set(ids)) and all(1 <= i <= 5 for i in ids), d
assert d['score'] == 110, d"
check "split header gives the same answer" bash -c \
	"$O toptw $F/tiny-split.txt --paths 2 --max-iter 200 | grep -q '\"score\":110'"
check "same seed, same routes" bash -c \
	"diff <($O toptw $F/tiny.txt --paths 2 --seed 5 --max-iter 300 | sed 's/\"seconds\".*//') \
	      <($O toptw $F/tiny.txt --paths 2 --seed 5 --max-iter 300 | sed 's/\"seconds\".*//')"
check_grep "one path" '"routes":\[\[[0-9,]+\]\]' "$O" toptw "$F/tiny.txt" --paths 1 --max-iter 100
check_grep "rounding switch" '"score"' "$O" toptw "$F/tiny.txt" --paths 1 --rounding trunc2 --max-iter 50

check_exit 1 "malformed number exits 1" "$O" toptw "$F/bad-number.txt" --paths 1
check_grep "malformed number: FILE:LINE" "bad-number.txt:5: score: '2x0' is not a number" \
	"$O" toptw "$F/bad-number.txt" --paths 1
check_grep "truncated file: FILE:LINE" "truncated.txt:5: vertex number: unexpected end of file" \
	"$O" toptw "$F/truncated.txt" --paths 1
check_grep "vertex out of order" "bad-id.txt:4: vertex number '2', expected 1" \
	"$O" toptw "$F/bad-id.txt" --paths 1
check_exit 1 "missing file exits 1" "$O" toptw "$T/none.txt" --paths 1
check_exit 1 "--paths required" "$O" toptw "$F/tiny.txt"
check_exit 1 "bad --rounding" "$O" toptw "$F/tiny.txt" --paths 1 --rounding up
check_grep "help" "usage: outreach toptw" "$O" help toptw

if [[ -f $SHARED/toptw/solomon_100/c101.txt ]]; then
	check "c101, 1 path, reaches the optimum 320" bash -c \
		"$O toptw $SHARED/toptw/solomon_100/c101.txt --paths 1 --max-iter 300 | grep -q '\"score\":320'"
fi
