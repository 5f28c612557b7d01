#!/usr/bin/env bash
# tests/cli/test_units_display.sh - units as a Go or Rust developer reads
# them. A time or size per operation (go's ns/op and B/op, JMH's us/op,
# libtest's ns/iter, as github-action-benchmark keeps them) is shown in the
# scale of its value, as a plain ns or B is: moov-io's 297072 ns/op read
# "297.1k ns/op" in tables and on the charts' axes, now "297.1 µs/op"
# (297072 / 1000 = 297.072, 4 significant digits); 56272 B/op reads
# "56.27 KB/op" (decimal steps, as B). The stored value and unit do not
# change: JSON and CSV keep 297072 and "ns/op".
. "$(dirname "$0")/lib.sh"

DB=$WORK/moov
"$BENCHDB" --db "$DB" import-gab "$ROOT/tests/realdata/gab/moov-io__benchmarks.data.js" >/dev/null 2>&1
Q='of "BenchmarkACHFileRead - ns/op" where suite = "moov-io/ach"'
run "$BENCHDB" --db "$DB" -c "trend time $Q"
check_rc "trend of moov's ns/op" 0
check_out "  297072 ns/op in the table as 297.1 µs/op" "601df1d1ff  297.1 µs/op"
run "$BENCHDB" --db "$DB" -c "trend time $Q as json"
check_out "  JSON keeps the stored number and unit" '"value": 297072, "lower": null, "upper": null, "unit": "ns/op"'
run "$BENCHDB" --db "$DB" -c "trend time $Q as csv"
check_out "  CSV keeps them too" ',297072,,,ns/op'
run "$BENCHDB" --db "$DB" -c 'trend value of "BenchmarkACHFileRead - B/op" where suite = "moov-io/ach"'
check_out "56272 B/op as 56.27 KB/op" "601df1d1ff  56.27 KB/op"
run "$BENCHDB" --db "$DB" -c 'trend value of "BenchmarkACHFileRead - allocs/op" where suite = "moov-io/ach"'
check_out "a count per op keeps its unit" "601df1d1ff  743 allocs/op"
run "$BENCHDB" --db "$DB" chart 'trend time of "BenchmarkACHFileRead - ns/op" where suite = "moov-io/ach Benchmarks"'
check_rc "chart of moov's ns/op" 0
check_out "  the axis in µs/op" '(µs/op)'
check "  no tick in k ns/op" [ "$(grep -c 'k ns/op' "$OUT")" = 0 ]

# cargo's ns/iter through the action, and other words per count.
cat >"$WORK/gab.json" <<'JSON'
[{"name": "sort", "unit": "ns/iter", "value": 1500},
 {"name": "parse", "unit": "ms/op", "value": 0.25},
 {"name": "big", "unit": "KiB/op", "value": 4096},
 {"name": "call", "unit": "ns/call", "value": 1500}]
JSON
"$BENCHDB" --db "$WORK/g" ingest --format gab --id g1 "$WORK/gab.json" >/dev/null
run "$BENCHDB" --db "$WORK/g" -c 'rank value of sort'
check_out "1500 ns/iter as 1.5 µs/iter" "1.5 µs/iter"
run "$BENCHDB" --db "$WORK/g" -c 'rank value of parse'
check_out "0.25 ms/op as 250 µs/op" "250 µs/op"
run "$BENCHDB" --db "$WORK/g" -c 'rank value of big'
check_out "4096 KiB/op as 4 MiB/op (binary steps)" "4 MiB/op"
run "$BENCHDB" --db "$WORK/g" -c 'rank value of call'
check_out "ns/call keeps SI prefixes" "1.5k ns/call"

# A value that rounds up to the next step reads in it: 999.9999 ns is
# "1000 ns" to 4 significant digits, which is 1 µs; the table and a dot's
# title on a chart both said "1000 ns".
printf '%s\n' '{"id": "e1", "timestamp": "2026-01-01T00:00:00Z", "points": [{"name": "e", "metrics": {"t": {"value": 999.9999, "unit": "ns"}, "u": {"value": 999.9999, "unit": "ns/op"}}}]}' >"$WORK/e.json"
"$BENCHDB" --db "$WORK/e" ingest "$WORK/e.json" >/dev/null
run "$BENCHDB" --db "$WORK/e" -c 'trend t'
check_out "999.9999 ns reads 1 µs in the table" "  1 µs"
run "$BENCHDB" --db "$WORK/e" -c 'trend u'
check_out "999.9999 ns/op reads 1 µs/op in the table" "  1 µs/op"
run "$BENCHDB" --db "$WORK/e" chart 'trend t'
check_out "  and in the dot's title" "2026-01-01T00:00:00Z: 1 µs"
finish
