#!/usr/bin/env bash
# tests/cli/test_unit_exact.sh - a value converted into another unit is the
# correctly rounded quotient: 9 ns is 0.009 us. Before, every conversion
# multiplied by the factor (9 * 0.001), one ulp off for many values: a run in
# ns indexed into a series in us stored 0.009000000000000001 (and its bounds
# 0.013000000000000001, 0.018000000000000002), which trend, compare and rank
# printed in JSON and CSV; a github-action-benchmark name repeated in ns after
# us averaged 0.009000000000000001. The expected numbers are Python's
# 9 / 1000, 13 / 1000, 18 / 1000 (repr 0.009, 0.013, 0.018), against
# 9 * 0.001 == 0.009000000000000001.
. "$(dirname "$0")/lib.sh"

DB=$WORK/db
cat >"$WORK/u1.json" <<'JSON'
{"id": "u1", "timestamp": "2026-01-01T00:00:00", "points": [
 {"name": "a", "metrics": {"t": {"value": 1.5, "unit": "us"}}},
 {"name": "b", "metrics": {"t": {"value": 2, "unit": "us"}}}]}
JSON
cat >"$WORK/u2.json" <<'JSON'
{"id": "u2", "timestamp": "2026-01-02T00:00:00", "points": [
 {"name": "a", "metrics": {"t": {"value": 9, "unit": "ns", "lower": 13, "upper": 18}}},
 {"name": "b", "metrics": {"t": {"value": 9, "unit": "ns"}}}]}
JSON
"$BENCHDB" --db "$DB" ingest "$WORK/u1.json" "$WORK/u2.json" >/dev/null

run "$BENCHDB" --db "$DB" -c 'trend t of a as csv'
check_rc "trend of a series in us with a run in ns" 0
check_out "  stores 9 ns as 0.009 us, bounds 0.013 and 0.018" "a,,u2,2026-01-02T00:00:00Z,,0.009,0.013,0.018,us"
run "$BENCHDB" --db "$DB" -c 'compare run "u1" with run "u2" as csv'
check_out "compare converts 9 ns into 0.009 us" "a,,t,1.5,0.009,us,"
cat >"$WORK/k1.json" <<'JSON'
{"id": "k1", "timestamp": "2026-01-01T00:00:00", "points": [
 {"name": "a", "metrics": {"t": {"value": 1.5, "unit": "us"}}},
 {"name": "b", "metrics": {"t": {"value": 9, "unit": "ns"}}}]}
JSON
"$BENCHDB" --db "$WORK/rank" ingest "$WORK/k1.json" >/dev/null
run "$BENCHDB" --db "$WORK/rank" -c 'rank t as json'
check_out "rank gives 9 ns as 0.009 us" '"value": 0.009, "unit": "us"'
run "$BENCHDB" --db "$DB" verify
check_rc "verify passes" 0

# Into the larger unit and back: 1500 ns in us is 1.5, 1.5 us in ns 1500.
cat >"$WORK/u3.json" <<'JSON'
{"id": "u3", "timestamp": "2026-01-03T00:00:00", "points": [
 {"name": "a", "metrics": {"t": {"value": 1500, "unit": "ns"}}}]}
JSON
"$BENCHDB" --db "$DB" ingest "$WORK/u3.json" >/dev/null
run "$BENCHDB" --db "$DB" -c 'trend t of a as csv'
check_out "1500 ns is 1.5 us" "a,,u3,2026-01-03T00:00:00Z,,1.5,,,us"

# github-action-benchmark: a name repeated in another unit is a sample in
# the first one's unit.
printf '[{"name": "x", "unit": "us", "value": 1.5}, {"name": "x", "unit": "ns", "value": 9}]' \
	>"$WORK/gab.json"
"$BENCHDB" --db "$WORK/gab" ingest --id g1 "$WORK/gab.json" >/dev/null
run "$BENCHDB" --db "$WORK/gab" export --format json g1
check_out "a gab result repeated in ns is 0.009 us" '"samples": [1.5, 0.009]'

finish
