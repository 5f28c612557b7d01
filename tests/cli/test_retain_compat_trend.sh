#!/usr/bin/env bash
# tests/cli/test_retain_compat_trend.sh - benchkit's `trend --metric M
# --point P` over a store with rollups (docs/cli.md, benchkit's forms): a
# rollup's lower and upper are its runs' minimum and maximum, not a
# confidence interval, so its line says what it is, as a chart's title does
# (docs/query-language.md, trend); other runs' lines are benchkit's.
# Expected numbers: the rollups' value, lower, upper and count columns of
# `trend cpu_time of "BM_sort/1024" as csv` (test_retain_month.sh checks
# those against Python's statistics), to two decimals as benchkit prints.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
ingest_january "$DB" # r1..r18 over January 2025 (lib.sh)
"$BENCHDB" --db "$DB" retain --set 'rollup week after 10d' >/dev/null
"$BENCHDB" --db "$DB" retain --now 2025-02-10 >/dev/null

run "$BENCHDB" --db "$DB" trend --metric cpu_time --point BM_sort/1024
check_rc "benchkit's trend over rollups exits 0" 0
check_out_exact "a rollup's line says median, count, min and max; no CI" \
	"Trend: cpu_time @ BM_sort/1024
  8 points

  2025-01-06 00:00  3904.84  week rollup: median of 4 runs, min 3894.89, max 3914.80
  2025-01-06 00:00  3891.60  week rollup: median of 2 runs, min 3891.60, max 3891.60
  2025-01-13 00:00  3904.84  week rollup: median of 4 runs, min 3894.89, max 3914.80
  2025-01-13 00:00  3891.60  week rollup: median of 1 runs, min 3891.60, max 3891.60
  2025-01-20 00:00  3891.60  week rollup: median of 2 runs, min 3891.60, max 3891.60
  2025-01-20 00:00  3914.80  week rollup: median of 3 runs, min 3894.89, max 3914.80
  2025-01-27 02:00  3894.89  [c17]
  2025-01-28 02:00  3891.60  [c18]"

# benchkit's summary of a rollup printed it as a run (its medians alone, not
# a word of rollup). It says what it is now, and each value's min and max
# (the rollup's lower and upper: cpu_time as in the trend above).
run "$BENCHDB" --db "$DB" summary rollup:week:2025-01-06:main
check_rc "summary of a rollup exits 0" 0
check "  says it is a rollup, of which week and how many runs, after Points:" test \
	"$(sed -n 4,5p "$OUT")" = "Points: 5
Rollup: week 2025-01-06 to 2025-01-12, median of 4 runs, min and max in brackets"
check_out "  each value with its min and max" \
	"    BM_sort/1024: real_time=3905.68 [3896.26, 3915.10], cpu_time=3904.84 [3894.89, 3914.80], "
run "$BENCHDB" --db "$DB" summary r17
check "  a run's summary has no rollup line" test -z "$(grep -e Rollup -e '\[' "$OUT")"
finish
