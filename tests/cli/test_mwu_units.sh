#!/usr/bin/env bash
# tests/cli/test_mwu_units.sh - 'compare ... using mwu' when a series' unit
# changed between the runs: the samples meet in one unit without breaking
# ties that the values written have.
#
# Expected values from scipy 1.10 (method='auto', use_continuity=True):
#   mannwhitneyu([0.009, 0.013, 0.018, 0.026, 0.036],
#                [0.009, 0.013, 0.018, 0.026, 0.036]).pvalue = 1.0
#   mannwhitneyu([0.009] * 5, [0.009] * 5).pvalue = 1.0
#   mannwhitneyu([1, 2, 3], [1.5, 2.5, 3.5]).pvalue = 0.7
# Before, 9 us converted as 9 * 0.001 = 0.009000000000000001 ms: the first
# pair gave p = 0.6905 (no ties, exact) and the second p = 0.003977. The
# current value itself, 18 us, was still 18 * 0.001 = 0.018000000000000002
# ms, as the store converted it (the change showed 1.9e-14 %); it is now
# 18 / 1000 = 0.018 ms, the change 0 (test_unit_exact.sh).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB

point() { # NAME VALUE UNIT SAMPLES
	printf '{"name": "%s", "metrics": {"t": {"value": %s, "unit": "%s", "samples": [%s]}}}' "$@"
}
run_json() { # ID DAY UNIT POINTS...
	local id=$1 day=$2 unit=$3
	shift 3
	local IFS=,
	printf '{"id": "%s", "timestamp": "2026-01-%02dT00:00:00Z", "metric_defs": {"t": {"unit": "%s", "direction": "lower"}}, "points": [%s]}\n' \
		"$id" "$day" "$unit" "$*"
}
run_json r1 1 ms "$(point same 0.018 ms 0.009,0.013,0.018,0.026,0.036)" \
	"$(point flat 0.009 ms 0.009,0.009,0.009,0.009,0.009)" \
	"$(point shifted 2 ms 1,2,3)" >"$WORK/r1.json"
run_json r2 2 ms "$(point same 18 us 9,13,18,26,36)" \
	"$(point flat 9 us 9,9,9,9,9)" \
	"$(point shifted 2500 us 1500,2500,3500)" >"$WORK/r2.json"
# r3 in us, r4 in ms: the other direction of conversion.
run_json r3 3 us "$(point same 18 us 9,13,18,26,36)" >"$WORK/r3.json"
run_json r4 4 us "$(point same 0.018 ms 0.009,0.013,0.018,0.026,0.036)" >"$WORK/r4.json"
for r in r1 r2 r3 r4; do "$BENCHDB" ingest "$WORK/$r.json" >/dev/null; done

run "$BENCHDB" -c 'compare run r1 with run r2 using mwu as csv'
check_rc "compare across units runs" 0
check_out "equal samples in ms and us: p = 1" "same,,t,0.018,0.018,ms,0,unchanged,1,5,0,-0.018,0.018"
check_out "one value in ms and us: p = 1, no shift" "flat,,t,0.009,0.009,ms,0,unchanged,1,5,0,0,0"
check_out "a real shift: p 0.7, shift +0.5 ms in [-1.5, +2.5]" "shifted,,t,2,2.5,ms,25,inconclusive,0.7,5,0.5,-1.5,2.5"
run "$BENCHDB" -c 'compare run r3 with run r4 using mwu as csv'
check_out "equal samples in us and ms: p = 1" "same,,t,18,18,us,0,unchanged,1,5,0,-18,18"

finish
