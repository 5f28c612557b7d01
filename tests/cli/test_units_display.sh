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
run "$BENCHDB" --db "$DB" -c 'trend alloc_bytes of "BenchmarkACHFileRead - B/op" where suite = "moov-io/ach"'
check_out "56272 B/op as 56.27 KB/op" "601df1d1ff  56.27 KB/op"
run "$BENCHDB" --db "$DB" -c 'trend allocs of "BenchmarkACHFileRead - allocs/op" where suite = "moov-io/ach"'
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
# A unit written with blanks around it ("ms ", hand-made JSON, a tool that
# pads its columns) is the unit: `trend time` showed "10 ms " and the next
# run in "ms" was refused ("unit "ms" cannot be converted to the series'
# unit "ms "").
printf '%s\n' '{"id": "w1", "timestamp": "2026-01-01T00:00:00Z", "points": [{"name": "w", "metrics": {"time": {"value": 10, "unit": "ms "}}}]}' >"$WORK/w1.json"
printf '%s\n' '{"id": "w2", "timestamp": "2026-01-02T00:00:00Z", "points": [{"name": "w", "metrics": {"time": {"value": 12, "unit": "ms"}}}]}' >"$WORK/w2.json"
printf '%s\n' '[{"name": "w", "unit": " ms\t", "value": 11}]' >"$WORK/w3.json"
run "$BENCHDB" --db "$WORK/w" ingest "$WORK/w1.json"
check_rc "a unit with a trailing blank is stored" 0
run "$BENCHDB" --db "$WORK/w" ingest "$WORK/w2.json"
check_rc "the same unit without the blank goes in the same series" 0
run "$BENCHDB" --db "$WORK/w" -c 'trend time of w as csv'
check_out "the first run's unit is ms" ",10,,,ms"
check "no unit keeps its blank" test "$(grep -c 'ms $' "$OUT")" -eq 0
run "$BENCHDB" --db "$WORK/w" -c 'show metrics as csv'
check_out "one metric, one unit, one series" 'time,ms,,,1,'
run "$BENCHDB" --db "$WORK/w" ingest --format gab --id w3 "$WORK/w3.json"
run "$BENCHDB" --db "$WORK/w" -c 'trend value of w as csv'
check_out "gab's \" ms<tab>\" is ms" ",11,,,ms"

# A unit is a short word: a 100,000-byte unit was stored and widened every
# table to its length. Over 64 bytes is refused, exit 3, nothing stored.
long=$(printf 'x%.0s' $(seq 1 65))
printf '{"id": "l1", "timestamp": "2026-01-01T00:00:00Z", "points": [{"name": "l", "metrics": {"t": {"value": 1, "unit": "%s"}}}]}\n' "$long" >"$WORK/long.json"
run "$BENCHDB" --db "$WORK/l" ingest "$WORK/long.json"
check_rc "a 65-byte unit is refused" 3
check_err "the error names the point, metric and limit" \
	'point "l" metric "t": unit "xxxxxxxxxxxxxxxx..." is 65 bytes long; a unit is at most 64 bytes'
run "$BENCHDB" --db "$WORK/l" -c 'show runs as csv'
check "nothing was stored" test "$(grep -c '^l1,' "$OUT")" -eq 0
long=$(printf 'x%.0s' $(seq 1 64))
printf '{"id": "l2", "timestamp": "2026-01-01T00:00:00Z", "points": [{"name": "l", "metrics": {"t": {"value": 1, "unit": "%s"}}}]}\n' "$long" >"$WORK/long.json"
run "$BENCHDB" --db "$WORK/l" ingest "$WORK/long.json"
check_rc "a 64-byte unit is stored" 0

# Beyond the top of a unit's ladder the number takes its exponent: 1e20 B
# read "100000000 TB" and 1e20 ns "100000000000 s".
printf '%s\n' '{"id": "h1", "timestamp": "2026-01-01T00:00:00Z", "points": [{"name": "h", "metrics": {"m": {"value": 1e20, "unit": "B"}, "t": {"value": 1e20, "unit": "ns"}, "r": {"value": 1.7e308, "unit": "MB/s"}, "k": {"value": 99999e12, "unit": "B"}}}]}' >"$WORK/h.json"
"$BENCHDB" --db "$WORK/h" ingest "$WORK/h.json" >/dev/null
run "$BENCHDB" --db "$WORK/h" -c 'trend m'
check_out "1e20 B is 1e+08 TB" "  1e+08 TB"
run "$BENCHDB" --db "$WORK/h" -c 'trend t'
check_out "1e20 ns is 1e+11 s" "  1e+11 s"
run "$BENCHDB" --db "$WORK/h" -c 'trend r'
check_out "1.7e308 MB/s is 1.7e+302 TB/s" "  1.7e+302 TB/s"
run "$BENCHDB" --db "$WORK/h" -c 'trend k'
check_out "99999e12 B stays 99999 TB (5 digits)" "  99999 TB"
# And on a chart: the dot's title and the axis said "100000000 TB".
run "$BENCHDB" --db "$WORK/h" chart 'trend m'
check_out "the chart's dot: 1e+08 TB" "2026-01-01T00:00:00Z: 1e+08 TB"
check "the chart's axis has no 9-digit tick" test "$(grep -c '>100000000<' "$OUT")" -eq 0
finish
