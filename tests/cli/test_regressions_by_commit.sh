#!/usr/bin/env bash
# tests/cli/test_regressions_by_commit.sh - `regressions … by commit`: each
# regressed series located at the first run of its last stretch of runs
# worse than the base by more than the threshold, grouped by that run's
# commit as `changes` groups change points; the gate's rows unchanged.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
# Twelve runs r1..r12 (commit cNN0000, day NN) of five go benchmarks, ns/op
# (lower is better), against base r1 (every series 100 there):
#   A  100 r1-5, 120 r6-12            -> began at r6 (previous r5), +20 %
#   B  100 r1-8, 130 r9-12            -> r9 (previous r8), +30 %
#   C  100 everywhere, 120 at r3      -> not a regression
#   D  100 r1-10, 104 r11, 110 r12    -> r12 alone (r11 is +4 %, within 5 %)
#   E  100 r1-5, 120 r6-7, 100 r8, 125 r9-12 -> the last stretch: r9 (previous r8)
mkdir -p "$WORK/in"
val() { # SERIES RUN
	local s=$1 i=$2
	case $s in
	A) [ "$i" -le 5 ] && echo 100 || echo 120 ;;
	B) [ "$i" -le 8 ] && echo 100 || echo 130 ;;
	C) [ "$i" -eq 3 ] && echo 120 || echo 100 ;;
	D) if [ "$i" -le 10 ]; then echo 100; elif [ "$i" -eq 11 ]; then echo 104; else echo 110; fi ;;
	E) if [ "$i" -le 5 ] || [ "$i" -eq 8 ]; then echo 100; elif [ "$i" -le 7 ]; then echo 120; else echo 125; fi ;;
	esac
}
for i in $(seq 1 12); do
	{
		printf 'goos: linux\ngoarch: amd64\npkg: example.com/m\n'
		for s in A B C D E; do printf 'Benchmark%s-8 \t 1000\t %s ns/op\n' "$s" "$(val $s "$i")"; done
		printf 'PASS\n'
	} >"$WORK/in/r$i.txt"
	"$BENCHDB" ingest --no-env -q --id "r$i" --commit "$(printf 'c%02d0000' "$i")" \
		--timestamp "2026-02-$(printf %02d "$i")T00:00:00Z" "$WORK/in/r$i.txt" >/dev/null
done
"$BENCHDB" -c 'set baseline main = run r1' >/dev/null
runlf() {
	run "$@"
	tr -d '\r' <"$OUT" >"$OUT.lf" && mv "$OUT.lf" "$OUT"
}

runlf "$BENCHDB" -c 'regressions as csv'
check_rc "regressions exits 0" 0
check "the gate's rows: one per regressed series (A, B, D, E)" test "$(grep -c '^Benchmark' "$OUT")" -eq 4

# Groups in time order; B and E share r9 (median of +30 and +25 = +27.5,
# worst B); D began at r12 after r11.
runlf "$BENCHDB" -c 'regressions by commit as csv'
check_rc "regressions by commit exits 0" 0
check_out_exact "one row per commit where regressions began" "$(printf '%s\n' \
	'commit,timestamp,kind,series,median_change_pct,worst_change_pct,worst_series,previous_commit,bisect,annotation' \
	'c060000,2026-02-06T00:00:00Z,regression,1,20,20,"BenchmarkA {pkg=example.com/m, procs=8}",c050000,git log --oneline c050000..c060000,' \
	'c090000,2026-02-09T00:00:00Z,regression,2,27.5,30,"BenchmarkB {pkg=example.com/m, procs=8}",c080000,git log --oneline c080000..c090000,' \
	'c120000,2026-02-12T00:00:00Z,regression,1,10,10,"BenchmarkD {pkg=example.com/m, procs=8}",c110000,git log --oneline c110000..c120000,')"

run "$BENCHDB" -c 'regressions by commit as json'
check_out "JSON: the fields of regressions and the count grouped" \
	'"compared": 5, "not_judged": 0, "inconclusive": 0, "change_points": 4, "columns"'
check_out "JSON: the members of the shared group" \
	'"members": "BenchmarkB {pkg=example.com/m, procs=8} +30.0%; BenchmarkE {pkg=example.com/m, procs=8} +25.0%"'

# A higher threshold moves where D began: at 15 % D is no regression, and A's
# +20 % still begins at r6.
runlf "$BENCHDB" -c 'regressions threshold 15% by commit as csv'
check "threshold 15%: D left out, three series in two groups" \
	test "$(grep -c '^c[0-9]' "$OUT")" -eq 2

# An annotation keeps the regressions that began at its commit out of the
# gate: the group at c090000 (B and E) is no longer a row, a note says so.
"$BENCHDB" -c 'annotate commit "c09" as ignore "runner image"' >/dev/null
runlf "$BENCHDB" -c 'regressions by commit as csv'
check "the annotated group is not a row" test "$(grep -c '^c090000' "$OUT")" -eq 0
check "the others stay" test "$(grep -cE '^(c060000|c120000),' "$OUT")" -eq 2
run "$BENCHDB" -c 'regressions by commit'
check_out "a note names the annotated regressions" \
	'2 regression(s) began at an annotated commit and are not counted'
check_out "with their annotation" 'BenchmarkB time +30.0% (ignore at c090000: runner image)'

# `by` takes only commit here.
run "$BENCHDB" -c 'regressions by series'
check_rc "by series: exit 2" 2
check_err "by series: the error" '1:16: expected "commit" (one row per commit where regressions began), found "series"'
finish
