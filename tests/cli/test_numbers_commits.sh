#!/usr/bin/env bash
# tests/cli/test_numbers_commits.sh - what the table format shows of commits
# and numbers that a performance engineer reads closely: abbreviated
# hashes that stay distinct, values at the edges of a double.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db

# Two full hashes alike in their first 10 digits read as one commit in the
# table ("aaaaaaaaaa" twice): like git, a hash is lengthened until the
# table's hashes are told apart (11 digits here); one alike in 12 digits
# with a third takes 13 for all.
c1=aaaaaaaaaa1111111111aaaaaaaaaaaaaaaaaaaa
c2=aaaaaaaaaa2222222222aaaaaaaaaaaaaaaaaaaa
c3=bbbbbbbbbbbb3333333333bbbbbbbbbbbbbbbbbb
c4=bbbbbbbbbbbb4444444444bbbbbbbbbbbbbbbbbb
i=0
# ingest_commits C...: a run of point p per commit, a day apart.
ingest_commits() {
	for c in "$@"; do
		i=$((i + 1))
		printf '{"id": "r%d", "timestamp": "2026-01-0%dT00:00:00Z", "commit": "%s", "metric_defs": {"t": {"direction": "lower"}}, "points": [{"name": "p", "metrics": {"t": {"value": %d, "unit": "ns"}}}]}\n' \
			"$i" "$i" "$c" "$((i * 10))" >"$WORK/r$i.json"
		"$BENCHDB" --db "$DB" ingest "$WORK/r$i.json" >/dev/null
	done
}
ingest_commits $c1 $c2
run "$BENCHDB" --db "$DB" -c 'trend t'
check_out "the first hash is told apart" "r1   2026-01-01T00:00:00Z  aaaaaaaaaa1  10 ns"
check_out "the second hash is told apart" "r2   2026-01-02T00:00:00Z  aaaaaaaaaa2  20 ns"
run "$BENCHDB" --db "$DB" -c 'show runs'
check_out "show runs tells them apart" "r1  2026-01-01T00:00:00Z  aaaaaaaaaa1"
ingest_commits $c3 $c4
run "$BENCHDB" --db "$DB" -c 'trend t'
check_out "13 digits for bbbbbbbbbbbb3..." "bbbbbbbbbbbb3  30 ns"
check_out "and for every hash of the table" "aaaaaaaaaa111  10 ns"
run "$BENCHDB" --db "$DB" -c 'show runs last 1'
check_out "a table with one hash shows 10 digits" "r4  2026-01-04T00:00:00Z  bbbbbbbbbb  "
run "$BENCHDB" --db "$DB" -c 'trend t as csv'
check_out "CSV keeps the whole commit" ",$c1,"
# A subnormal holds fewer digits than the table's 6 (or a quantity's 4):
# 5e-324 read "4.94066e-324" (and "4.941e-324 ns"), while CSV and JSON say
# 5e-324. The table shows its shortest text that reads back.
printf '%s\n' '{"id": "s1", "timestamp": "2026-01-01T00:00:00Z", "points": [{"name": "s", "metrics": {"x": {"value": 5e-324}, "t": {"value": 5e-324, "unit": "ns"}, "y": {"value": 1.23456789e-310}}}]}' >"$WORK/s.json"
"$BENCHDB" --db "$WORK/s" ingest "$WORK/s.json" >/dev/null
run "$BENCHDB" --db "$WORK/s" -c 'trend x'
check_out "5e-324 reads 5e-324" "  5e-324"
run "$BENCHDB" --db "$WORK/s" -c 'trend t'
check_out "5e-324 ns reads 5e-324 ns" "  5e-324 ns"
run "$BENCHDB" --db "$WORK/s" -c 'trend y'
check_out "a subnormal with more digits keeps 6" "  1.23457e-310"
run "$BENCHDB" --db "$WORK/s" -c 'trend x as markdown'
check_out "markdown too" "| 5e-324 |"
# check's line "Run R2 (commit C2) against R1 (commit C1)." cut every commit
# to 10 characters: two hashes alike in 10 digits read as one, and so did
# the names release-2026-01-15 and release-2026-01-16 ("release-20"), which
# tables show whole.
DB=$WORK/pair
i=0
ingest_commits $c1 $c2
"$BENCHDB" --db "$DB" baseline set main r1 >/dev/null
run "$BENCHDB" --db "$DB" check
check_out "check tells the hashes apart" "Run r2 (commit aaaaaaaaaa2) against r1 (commit aaaaaaaaaa1)."
DB=$WORK/rel
i=0
ingest_commits release-2026-01-15 release-2026-01-16
"$BENCHDB" --db "$DB" baseline set main r1 >/dev/null
run "$BENCHDB" --db "$DB" check
check_out "check names other commits whole" \
	"Run r2 (commit release-2026-01-16) against r1 (commit release-2026-01-15)."
# A change from a subnormal base is beyond a double: the table said "inf",
# without the sign and "%" every other change has (and the explanation
# "percent: inf > 5.0% threshold").
for i in 1 2; do
	v=$([ "$i" = 1 ] && echo 5e-324 || echo 1e10)
	printf '{"id": "x%s", "timestamp": "2026-01-0%sT00:00:00Z", "metric_defs": {"v": {"direction": "lower"}}, "points": [{"name": "a", "metrics": {"v": {"value": %s}}}]}\n' \
		"$i" "$i" "$v" >"$WORK/x$i.json"
	"$BENCHDB" --db "$WORK/x" ingest "$WORK/x$i.json" >/dev/null
done
run "$BENCHDB" --db "$WORK/x" -c 'compare run "x1" with run "x2" explain'
check_out "an infinite change reads +inf%" "  +inf%  regression"
check_out "  and so in the explanation" "percent: +inf% > 5.0% threshold"
# changes' bisect command cut both commits to 10 digits: a step between
# aaaaaaaaaa10... and aaaaaaaaaa11... read "git log --oneline
# aaaaaaaaaa..aaaaaaaaaa", an empty (or ambiguous) range.
for i in $(seq 1 20); do
	v=$((i <= 10 ? 100 + i % 3 : 150 + i % 3))
	printf '{"id": "b%d", "timestamp": "2026-01-%02dT00:00:00Z", "commit": "aaaaaaaaaa%02d%028d", "metric_defs": {"lat": {"unit": "ms", "direction": "lower"}}, "points": [{"name": "p", "metrics": {"lat": {"value": %d}}}, {"name": "q", "metrics": {"lat": {"value": %d}}}]}\n' \
		"$i" "$i" "$i" 0 "$v" $((2 * v)) >"$WORK/b.json"
	"$BENCHDB" --db "$WORK/b" ingest "$WORK/b.json" >/dev/null
done
run "$BENCHDB" --db "$WORK/b" -c 'changes lat as csv'
check_out "the bisect range tells the commits apart" ",git log --oneline aaaaaaaaaa10..aaaaaaaaaa11,"
# A change from a tiny base is beyond 1e15 %: the table printed it with one
# decimal into 64 bytes, "+99999999999999988595886650569271721532146878831929642021471152"
# (a change of +1e+302% read as +1e+61, without its "%"); check's lines cut
# it to 46 digits, "(+9999999999999998859588665056927172153214687883%)",
# +1e+45%. Expected: Python, (1 - 1e-300) / 1e-300 * 100 =
# 9.999999999999999e+301, f"{c:.6g}" 1e+302 as tables show numbers past 1e15
# (the base 1e-10: +999999999900.0%, under 1e15, as before); benchkit's form
# prints Python's f"{c:+.1f}%", every digit.
for i in 1 2; do
	v=$([ "$i" = 1 ] && echo 1e-300 || echo 1)
	w=$([ "$i" = 1 ] && echo 1e-10 || echo 1)
	printf '{"id": "g%s", "timestamp": "2026-01-0%sT00:00:00Z", "metric_defs": {"t": {"direction": "lower"}}, "points": [{"name": "p", "metrics": {"t": {"value": %s}}}, {"name": "q", "metrics": {"t": {"value": %s}}}]}\n' \
		"$i" "$i" "$v" "$w" >"$WORK/g$i.json"
	"$BENCHDB" --db "$WORK/g" ingest "$WORK/g$i.json" >/dev/null
done
"$BENCHDB" --db "$WORK/g" baseline --run g1 >/dev/null
run "$BENCHDB" --db "$WORK/g" -c 'compare run "g1" with run "g2"'
check_out "a change of 1e302 % reads +1e+302%" "  +1e+302%  regression"
check_out "  one under 1e15 % keeps its decimal" "  +999999999900.0%  regression"
run "$BENCHDB" --db "$WORK/g" -c 'regressions by commit'
check_out "  and so the median and worst change" "  +5e+301%          +1e+302%  p"
run "$BENCHDB" --db "$WORK/g" check
check_out "check's line says +1e+302%" "  ↓ p t: 1e-300 → 1.00 (+1e+302%)"
run "$BENCHDB" check --data "$WORK/g"
check_out "benchkit's check prints every digit, as Python" \
	"  ↑ p t: 0.00 → 1.00 (+99999999999999988595886650569271721532146878831929642021471152965962304374245995240101777311515802698485322026337261211948545873374744892473124468375726771027536211745837771604509610367928220847849105179362427047829119141560667380048679757245757262098417746977035154548906385860807815060374033329553408.0%)"
finish
