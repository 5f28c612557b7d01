#!/usr/bin/env bash
# tests/cli/test_bounds_order.sh - bounds the wrong way round are bad input.
# `benchdb ingest` of {"t": {"value": 1.5, "lower": 2, "upper": 1}} stored
# lower 2 and upper 1, as did a hand-made asv row with stats_ci_99_a 0.6
# and stats_ci_99_b 0.4: every reader (trend's CI, the charts' band,
# compare) took them for an interval. No tool writes such bounds, so they
# are refused like any bad input (docs/formats.md): an error at the upper
# bound's file:line:col naming both values, exit 3, nothing stored. Bounds
# an adapter derives stay in order: ± 10% of -10 is -11 .. -9, and Catch2's
# "999.5 ns 990.2 ns 1.0012 us" (each in a unit of its own) is 990.2 ..
# 1001.2 ns, where 1.0012 was stored as if in ns.
. "$(dirname "$0")/lib.sh"

DB=$WORK/db
cat >"$WORK/good.json" <<'JSON'
{"id": "good", "timestamp": "2026-01-01T00:00:00Z", "points": [{"name": "p", "metrics": {"t": {"value": 1.5, "lower": 1, "upper": 2}}}]}
JSON
"$BENCHDB" --db "$DB" ingest "$WORK/good.json" >/dev/null
cp "$DB/data.mdb" "$WORK/before.mdb"
unchanged() { check "  the store is unchanged" cmp -s "$DB/data.mdb" "$WORK/before.mdb"; }

printf '%s\n' '{"id":"x","points":[{"name":"p","metrics":{"t":{"value":1.5,"lower":2,"upper":1}}}]}' >"$WORK/rev.json"
run "$BENCHDB" --db "$DB" ingest "$WORK/rev.json"
check_rc "benchkit: lower 2 upper 1 exits 3" 3
check_err "  at the upper bound, naming both" \
	'rev.json:1:79: "lower" 2 is above "upper" 1: the bounds are the wrong way round'
unchanged
printf '%s\n' '{"id":"x","points":[{"name":"p","metrics":{"t":{"value":1.5,"ci_lower":0.30000000000000004,"ci_upper":0.3}}}]}' >"$WORK/ci.json"
run "$BENCHDB" --db "$DB" ingest "$WORK/ci.json"
check_rc "benchkit: ci_lower above ci_upper exits 3" 3
check_err "  named as the file names them, each number exactly" \
	'"ci_lower" 0.30000000000000004 is above "ci_upper" 0.3'
unchanged
printf '%s\n' '{"id":"x","points":[{"name":"p","metrics":{"t":{"value":1.5,"lower":1,"upper":1}}}]}' >"$WORK/equal.json"
run "$BENCHDB" --db "$WORK/equal" ingest "$WORK/equal.json"
check_rc "benchkit: lower equal to upper is an interval" 0

printf '%s\n' '{"bench": {"latency": {"value": 5, "lower_value": 6, "upper_value": 4}}}' >"$WORK/bmf.json"
run "$BENCHDB" --db "$DB" ingest "$WORK/bmf.json"
check_rc "bmf: lower_value above upper_value exits 3" 3
check_err "  at upper_value" 'bmf.json:1:69: "lower_value" 6 is above "upper_value" 4'
unchanged

cat >"$WORK/jmh.json" <<'JSON'
[{"benchmark": "a.B.c", "mode": "avgt", "primaryMetric": {"score": 5.0, "scoreUnit": "us/op",
  "scoreConfidence": [6.0, 4.0]}}]
JSON
run "$BENCHDB" --db "$DB" ingest --format jmh "$WORK/jmh.json"
check_rc "jmh: scoreConfidence [6, 4] exits 3" 3
check_err "  at its second number" 'jmh.json:2:28: "scoreConfidence[0]" 6 is above "scoreConfidence[1]" 4'
unchanged

cat >"$WORK/catch.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Catch2TestRun name="b">
  <TestCase name="t">
    <BenchmarkResults name="fib" samples="10" iterations="1">
      <mean value="823.4" lowerBound="857.7" upperBound="814.5" ci="0.95"/>
    </BenchmarkResults>
  </TestCase>
</Catch2TestRun>
XML
run "$BENCHDB" --db "$DB" ingest --format catch2-xml "$WORK/catch.xml"
check_rc "catch2-xml: lowerBound above upperBound exits 3" 3
check_err "  at the element" 'catch.xml:5:'
check_err "  naming both" '"lowerBound" 857.7 is above "upperBound" 814.5'
unchanged

# An adapter that derives bounds from a spread below zero (vitest's rme,
# its relative margin of error, made negative): refused after the adapter,
# naming the point and metric.
sed 's/"rme": 34.773533240879814/"rme": -5/' "$ROOT/tests/fixtures/vitest/bench.json" >"$WORK/vitest.json"
run "$BENCHDB" --db "$DB" ingest --format vitest "$WORK/vitest.json"
check_rc "vitest: a negative rme exits 3" 3
check_err "  naming point, metric and both bounds" \
	'vitest.json: point "JSON round trip" metric "throughput": "lower" 364701.52388490736 is above "upper" 329968.0454196781'
unchanged

# asv: a hand-made version 2 result file of kedro's results directory.
ASV=$WORK/asv/results
KEDRO=$ROOT/tests/realdata/asv/kedro-org__kedro-benchmark-results/.asv/results
mkdir -p "$ASV/m"
cp "$KEDRO/benchmarks.json" "$ASV/"
cp "$KEDRO/github-actions/machine.json" "$ASV/m/"
cat >"$ASV/m/0000000a-py.json" <<'JSON'
{"commit_hash": "0000000aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "env_name": "py", "date": 1779788671000,
 "params": {"machine": "m"}, "python": "3.11",
 "result_columns": ["result", "params", "version", "started_at", "duration", "stats_ci_99_a", "stats_ci_99_b"],
 "results": {"benchmark_datacatalog.TimeDataCatalog.time_contains": [[0.5], [], "v", 1779788900864, 1.2, [0.6], [0.4]]}, "version": 2}
JSON
run "$BENCHDB" --db "$DB" import-asv "$ASV"
check_rc "asv: stats_ci_99_a 0.6 above stats_ci_99_b 0.4 exits 3" 3
check_err "  at the upper bound" '0000000a-py.json:4:114: "stats_ci_99_a" 0.6 is above "stats_ci_99_b" 0.4'
unchanged
sed -i 's/\[0.6\], \[0.4\]/[0.4], [0.6]/' "$ASV/m/0000000a-py.json"
run "$BENCHDB" --db "$DB" import-asv "$ASV"
check_rc "asv: the same file in order imports" 0
run "$BENCHDB" --db "$DB" -c 'trend time as csv'
check_out "  with its bounds" ',0.5,0.4,0.6,s'

# Bounds an adapter derives.
printf '%s\n' '[{"name": "b", "unit": "ns", "value": -10, "range": "± 10%"}]' >"$WORK/gab.json"
run "$BENCHDB" --db "$WORK/gab" ingest --format gab "$WORK/gab.json"
check_rc "gab: ± 10% of a negative value imports" 0
run "$BENCHDB" --db "$WORK/gab" -c 'trend value as csv'
check_out "  as -11 .. -9 (it was -9 .. -11)" ',-10,-11,-9,ns'

cat >"$WORK/catch.txt" <<'TXT'

~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
bench is a Catch v2.13.10 host application.
Run with -? for options

-------------------------------------------------------------------------------
fib
-------------------------------------------------------------------------------
bench.cpp:5
...............................................................................

benchmark name                       samples       iterations    estimated
                                     mean          low mean      high mean
                                     std dev       low std dev   high std dev
-------------------------------------------------------------------------------
fib 10                                         100          1000     1.0 ms
                                        999.5 ns      990.2 ns     1.0012 us
                                        4.1 ns        2.2 ns       6.3 ns

TXT
run "$BENCHDB" --db "$WORK/catch" ingest --format catch2 "$WORK/catch.txt"
check_rc "catch2: a high mean in us after a mean in ns imports" 0
run "$BENCHDB" --db "$WORK/catch" -c 'trend time as csv'
check_out "  the bound in the mean's unit: 1.0012 us is 1001.2 ns" ',999.5,990.2,1001.2,ns'
finish
