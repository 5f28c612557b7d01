#!/usr/bin/env bash
# tests/cli/test_threshold_edges.sh - verdicts at exactly the threshold, in
# every path that judges one (compare, regressions, check, trend vs), and
# how thresholds, changes and p-values read at that edge.
#
# Expected changes are benchkit's formula in Python, (c - b) / abs(b) * 100:
#   100 -> 107                 7.000000000000001  (exactly +7 %)
#   1 ms -> 1050000 ns         5.000000000000004  (exactly +5 %, after the
#                              conversion 1050000 * 1e-6 = 1.05)
#   1000000 ns -> 1.05 ms      5.0
#   100 -> 150.00000000000003  50.000000000000036 (50 % to 1 ulp)
#   100 -> 105.00001           5.000010000000003  (beyond 5 %)
#   100 -> 100.3               0.3                (beyond 0.25 %)
# and scipy 1.10 mannwhitneyu([4, 2, 1], [9, 2, 11, 7, 7, 10, 9, 12, 5, 2])
# p = 0.049986862753685364 (normal approximation, ties).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB

run_json() { # ID DAY POINTS-JSON
	printf '{"id": "%s", "timestamp": "2026-01-%02dT00:00:00Z", "commit": "%s0000", "branch": "main",
  "metric_defs": {"t": {"unit": "ns", "direction": "lower"}, "u": {"unit": "ms", "direction": "lower"},
                  "w": {"unit": "ns", "direction": "lower"}},
  "points": %s}\n' "$1" "$2" "$1" "$3"
}
run_json r1 1 '[{"name": "seven", "metrics": {"t": {"value": 100}}},
  {"name": "ms_ns", "metrics": {"u": {"value": 1}}},
  {"name": "ns_ms", "metrics": {"w": {"value": 1000000}}},
  {"name": "fifty", "metrics": {"t": {"value": 100}}},
  {"name": "beyond", "metrics": {"t": {"value": 100}}},
  {"name": "small", "metrics": {"t": {"value": 100}}},
  {"name": "ranks", "metrics": {"t": {"value": 2.3333333333333335, "samples": [4, 2, 1]}}}]' >"$WORK/r1.json"
run_json r2 2 '[{"name": "seven", "metrics": {"t": {"value": 107}}},
  {"name": "ms_ns", "metrics": {"u": {"value": 1050000, "unit": "ns"}}},
  {"name": "ns_ms", "metrics": {"w": {"value": 1.05, "unit": "ms"}}},
  {"name": "fifty", "metrics": {"t": {"value": 150.00000000000003}}},
  {"name": "beyond", "metrics": {"t": {"value": 105.00001}}},
  {"name": "small", "metrics": {"t": {"value": 100.3}}},
  {"name": "ranks", "metrics": {"t": {"value": 7.4, "samples": [9, 2, 11, 7, 7, 10, 9, 12, 5, 2]}}}]' >"$WORK/r2.json"
"$BENCHDB" ingest "$WORK/r1.json" >/dev/null
"$BENCHDB" ingest "$WORK/r2.json" >/dev/null
"$BENCHDB" baseline set main r1 >/dev/null

# Exactly +7 % at threshold 7 % is no regression, in the query as in check
# (it was: 'regressions threshold 7%' listed it, check --threshold 7% did
# not, and check's JSON said threshold 7.000000000000001).
run "$BENCHDB" -c 'compare run r1 with run r2 of seven threshold 7% explain as csv'
check_out "exactly +7% at 7% is unchanged" "seven,,t,100,107,ns,7.000000000000001,unchanged,,7,percent: +7.0% within ±7.0% threshold"
run "$BENCHDB" --fail -c 'regressions of seven threshold 7%'
check_rc "regressions --fail passes exactly +7% at 7%" 0
run "$BENCHDB" check --threshold 7% --format json
check_out "check --threshold 7% keeps 7" '"threshold": 7,'
run "$BENCHDB" check --threshold 0.07 --format json
check_out "check --threshold 0.07 is 7" '"threshold": 7,'

# A boundary across units judges as within one unit: 1 ms -> 1050000 ns is
# +5 % as 1000000 ns -> 1.05 ms is (the first was a regression).
run "$BENCHDB" -c 'compare run r1 with run r2 of "ns_*" explain as csv'
check_out "1000000 ns -> 1.05 ms is exactly +5%" "ns_ms,,w,1000000,1050000,ns,5,unchanged"
run "$BENCHDB" -c 'compare run r1 with run r2 of ms_ns explain as csv'
check_out "1 ms -> 1050000 ns is exactly +5%" "ms_ns,,u,1,1.05,ms,5.000000000000004,unchanged"

# Severity: 50 % to the last bit is moderate, (20 %, 50 %].
run "$BENCHDB" -c 'regressions of fifty as csv'
check_out "50% to one ulp is moderate" ",50.000000000000036,moderate,"

# A change just beyond the threshold says so in digits that show it.
run "$BENCHDB" -c 'regressions of beyond explain as csv'
check_out "a change just beyond reads beyond" "percent: +5.00001% > 5.0% threshold"

# The gate's lines too (benchkit's form keeps benchkit's one decimal).
run "$BENCHDB" check
check_rc "check fails on the regressions" 1
check_out "check's line shows the change beyond 5%" "  ↓ beyond t: 100.00 → 105.00 (+5.00001%)"
check_out "check's other lines keep one decimal" "  ↓ seven t: 100.00 → 107.00 (+7.0%)"
run "$BENCHDB" --data "$DB" check
check_out "benchkit's form: one decimal" "  ↑ beyond t: 100.00 → 105.00 (+5.0%)"

# The threshold as typed, not rounded to one decimal (0.25% read 0.2%).
run "$BENCHDB" -c 'regressions of small threshold 0.25% explain'
check_out "threshold 0.25% shows as 0.25%" "percent: +0.3% > 0.25% threshold"
check_out "the threshold column shows 0.25%" "  0.25%  "
run "$BENCHDB" -c 'regressions of small threshold 0.04%'
check_out "threshold 0.04% shows as 0.04%" "  0.04%"

# trend vs: the same rule marks the regressed runs.
run "$BENCHDB" -c 'trend t of seven vs run r1 threshold 7% as csv'
check_out "trend vs does not mark exactly +7%" "seven,,r2,2026-01-02T00:00:00Z,r20000,107,,,ns,,,,,"

# A p below alpha never reads as alpha: p = 0.04998686 is 0.04999 to 4
# digits, which at alpha 0.04999 read "p = 0.04999 < alpha 0.04999".
run "$BENCHDB" -c 'compare run r1 with run r2 of ranks using mwu alpha 0.04999 explain as csv'
check_out "mwu p below alpha reads below" "p = 0.049987 < alpha 0.04999"
check_out "mwu p is scipy's to 15 digits" ",0.049986862753685"
check_out "mwu at alpha 0.04999: a regression" ",regression,"

finish
