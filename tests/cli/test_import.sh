#!/usr/bin/env bash
# tests/cli/test_import.sh - import-gab and import-asv on real histories
# (tests/realdata/, copied byte for byte from public repositories; see its
# README): run counts, a labelled change found by `changes`, idempotent
# re-imports, a grown file adding only its new entries, and bad inputs that
# exit 3 with a position and leave the store unchanged.
. "$(dirname "$0")/lib.sh"
REAL=$ROOT/tests/realdata
GAB=$REAL/gab
ASV=$REAL/asv/kedro-org__kedro-benchmark-results/.asv/results

# runs DB: the number of runs in store DB.
runs() { "$BENCHDB" --db "$1" -c 'show runs as csv' | tail -n +2 | grep -c '^'; }

# --- github-action-benchmark: nautilus (catch2; units change per entry) ---
DB=$WORK/nautilus
run "$BENCHDB" --db "$DB" import-gab "$GAB/nebulastream__nautilus.first40.data.js"
check_rc "nautilus: the first 40 entries import" 0
check_out "nautilus: 40 runs from 40 entries" "Imported 40 run(s) from 40 entries"
run "$BENCHDB" --db "$DB" import-gab "$GAB/nebulastream__nautilus.data.js"
check_rc "nautilus: the grown file imports" 0
check_out "nautilus: the grown file adds only its 33 new entries" \
	"Imported 33 run(s) from 73 entries of $GAB/nebulastream__nautilus.data.js (40 unchanged"
check "nautilus: 73 runs (73 distinct entries; two commits recorded twice)" \
	test "$(runs "$DB")" -eq 73
run "$BENCHDB" --db "$DB" import-gab "$GAB/nebulastream__nautilus.data.js"
check_out "nautilus: re-importing adds 0 runs" "Imported 0 run(s) from 73 entries"
check "nautilus: still 73 runs" test "$(runs "$DB")" -eq 73
# N1: trace_add 3.50 -> 41.6 us at 4654fd60e8 (entry 3), reverted at 92c44dc97e.
run "$BENCHDB" --db "$DB" -c 'changes time of "trace_add" as csv'
check_out "nautilus N1: the regression at 4654fd60e8 is found" \
	",4654fd60e84a68fb29b96bcbe88ca2626550212f,2024-08-29T11:36:44Z,"
check_out "nautilus N1: its revert at 92c44dc97e is found" \
	",92c44dc97e1e778bcd30daf3f5fae41e86124298,"
check_out "nautilus N2: the improvement at faf97b8961 is found" \
	",faf97b89612db3d1eb001488ee70b0e2a6196410,"
# Entry 0: "value": 3.49964, "unit": "us", "range": "± 389.371" (catch2's ns).
run "$BENCHDB" --db "$DB" -c 'trend time of "trace_add" last 73 as csv'
check_out "nautilus: the range in ns becomes bounds in us" \
	"f3b17428bf6954c74ead59cb93779608ffb52263,3.49964,3.1102689999999997,3.889011,us"
# ssa_deeplyNestedIfElse: 974.423 ns in entry 49, 1.02584 us in entry 50: one series in us.
run "$BENCHDB" --db "$DB" -c 'trend time of "ssa_deeplyNestedIfElse" as csv'
check_out "nautilus: 974.423 ns (entry 49) reads 0.974423 us (no false x1000 step)" \
	",811fc7b29c1e28739bf4348af65d5b93885dfa68,0.974423,0.9076075,1.0412385,us"
check_out "nautilus: 1.02584 us (entry 50) stays" ",a072e2fe34e7b3cb0acf0b1fc8aa3405c42ee15d,1.02584,"
check_out "nautilus: the suite is a tag" "suite=Tracing Benchmark"
run "$BENCHDB" --db "$DB" export --format json latest
check_out "nautilus: the commit message is metadata" '"message": "'
check_out "nautilus: the author is metadata" '"author.name": "'
"$BENCHDB" --db "$DB" verify >/dev/null
check "nautilus: verify is clean" test $? -eq 0

# --- jox (jmh, ns/op) ---
DB=$WORK/jox
run "$BENCHDB" --db "$DB" import-gab "$GAB/softwaremill__jox.data.js"
check_out "jox: 47 runs from 47 entries" "Imported 47 run(s) from 47 entries"
run "$BENCHDB" --db "$DB" import-gab "$GAB/softwaremill__jox.data.js"
check_out "jox: re-importing adds 0 runs" "Imported 0 run(s) from 47 entries"
# J1: BufferedBenchmark.channel capacity 16, 184 -> 85.7 ns/op at 9d73fa47bb.
run "$BENCHDB" --db "$DB" -c 'changes time of "com.softwaremill.jox.BufferedBenchmark.channel ( {\"capacity\":\"16\"} )" as csv'
check_out "jox J1: the improvement at 9d73fa47bb is found" \
	",9d73fa47bbe0e89fa92cd469e042f1279c706699,"
run "$BENCHDB" --db "$DB" -c 'show metrics as csv'
check_out "jox: jmh ns/op is time, lower is better" "time,ns/op,lower"

# --- color (benchmarkjs, ops/sec, two suites) ---
DB=$WORK/color
run "$BENCHDB" --db "$DB" ingest "$GAB/kurkle__color.data.js"
check_rc "color: ingest hands a data.js to import-gab" 0
check_out "color: 266 runs from 266 entries (133 per suite)" "Imported 266 run(s) from 266 entries"
check "color: 266 runs" test "$(runs "$DB")" -eq 266
# ingest's options for one run do not apply to a history: they were dropped
# without a word (ingest --branch main data.js stored runs without a branch).
for opt in "--commit abc1234" "--timestamp 2026-01-01" "--tag host=ci" \
	"--id one" "--direction lower"; do
	set -- $opt
	run "$BENCHDB" --db "$WORK/color-opts" ingest "$@" "$GAB/kurkle__color.data.js"
	check_rc "color: ingest $opt data.js exits 2" 2
	check_err "color: it says $1 does not apply to the history" \
		"benchdb: error: ingest: $1 does not apply to $GAB/kurkle__color.data.js: a github-action-benchmark history, one run per entry with its own commit and time"
	check "color: ingest $opt makes no store" test ! -e "$WORK/color-opts"
done
run "$BENCHDB" --db "$WORK/color-opts" ingest --commit abc1234 "$ROOT/examples/history/gbench-v1.json" \
	"$GAB/kurkle__color.data.js"
check_rc "color: also beside another file, which is not stored either" 2
check "color: no store" test ! -e "$WORK/color-opts"
# --branch is a history's too, as import-gab's: every entry on that branch.
# ingest refused it, saying "ingest it without --branch (it is imported as
# 'benchdb import-gab data.js' does)": runs without a branch, on which the
# first 'check --against-branch main' after the migration found no base
# (docs/migrating.md imports with --branch main).
run "$BENCHDB" --db "$WORK/color-branch" ingest --branch main "$GAB/kurkle__color.data.js"
check_rc "color: ingest --branch main data.js imports it" 0
check_out "color: ... all 266 entries" "Imported 266 run(s) from 266 entries"
run "$BENCHDB" --db "$WORK/color-branch" -c 'show runs where branch = "main" as csv'
check "color: ... every run on main" test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 266
run "$BENCHDB" --db "$WORK/color-branch" import-gab --branch main "$GAB/kurkle__color.data.js"
check_out "color: ... the runs import-gab --branch main makes" \
	"Imported 0 run(s) from 266 entries of $GAB/kurkle__color.data.js (266 unchanged, 0 replaced)"
# Piped, a history is refused: the command it named was "benchdb import-gab
# <stdin>", which is no file; then "save it to a file", though import-gab
# reads '-'.
STDIN=$GAB/softwaremill__jox.data.js run "$BENCHDB" --db "$WORK/piped" ingest -
check_rc "jox piped into ingest -: exit 3" 3
check_err "it says how to import it" \
	"<stdin>:1:1: is a github-action-benchmark history of 47 runs, not one run; import it where the store is: benchdb import-gab data.js ('-' reads standard input)"
STDIN=$GAB/softwaremill__jox.data.js run "$BENCHDB" --db "$WORK/piped" import-gab -
check_rc "and import-gab - imports it from standard input" 0
check_out "all 47 runs" "Imported 47 run(s) from 47 entries of -"
run "$BENCHDB" --db "$DB" -c 'changes throughput of "mix|@kurkle/color" as csv'
# The 4-run regression and its revert are one excursion (the robust default).
check_out "color C1: the change at 284322a04b is found" \
	",284322a04b7166b007942f1d8035581331c0e65e,2022-03-29T14:37:09Z,excursion,"
check_out "color C1: it is back at its revert 7f441c91cb after 4 runs" \
	",robust,back after 4 runs at 7f441c91cb"
run "$BENCHDB" --db "$DB" -c 'show metrics as csv'
check_out "color: ops/sec is throughput, higher is better" "throughput,ops/s,higher"
# "±0.73%" of 4127538 ops/s in the first entry.
run "$BENCHDB" --db "$DB" -c 'trend throughput of "parseInt +" where suite = "HEX parsing" as csv'
check_out "color: a percentage range becomes bounds" \
	",feb3b2c2740eafab82ff9cd948a08385338ce17a,4127538,4097406.9726,4157669.0274,ops/s"

# --- moov-io (go; null values and junk units) ---
DB=$WORK/moov
run "$BENCHDB" --db "$DB" import-gab "$GAB/moov-io__benchmarks.data.js"
check_rc "moov: imports despite nulls and junk units" 0
check_out "moov: 65 runs from 65 entries" "Imported 65 run(s) from 65 entries"
check_err "moov: the nulls and junk units are reported" \
	"left out 195 result(s) without a value (null) and 130 whose unit is not a unit"
check_err "moov: the first one left out has a position" "moov-io__benchmarks.data.js:290:11:"
run "$BENCHDB" --db "$DB" -c 'show points as csv'
check "moov: BenchmarkPPDIATWrite (an ACH line as its unit) is left out" \
	test "$(grep -c 'BenchmarkPPDIATWrite' "$OUT")" -eq 0
# M1: BenchmarkAlphaFieldLong - ns/op 13.57 -> 105.9 at f4a0e26fe1 (entry 52).
run "$BENCHDB" --db "$DB" -c 'changes time of "BenchmarkAlphaFieldLong - ns/op" by series as csv'
check_out "moov M1: the regression at f4a0e26fe1 is found" \
	",f4a0e26fe16d1647d89c2f26d430a96c4c3d5ccb,"
run "$BENCHDB" --db "$DB" -c 'trend time of "BenchmarkBuildFile" last 1 as csv'
check_out "moov: a go unit with B/op and allocs/op after a tab is ns/op" ",ns/op"
# go's B/op and allocs/op were under metric "value" (with every custom
# unit): `trend value` mixed bytes and allocation counts, and go's names
# were not there. They are go's names now, as ingest of go's output has them.
run "$BENCHDB" --db "$DB" -c 'trend alloc_bytes of "BenchmarkBuildFile - B/op" last 1 as csv'
check_out "moov: B/op is metric alloc_bytes" ",9668,,,B/op"
run "$BENCHDB" --db "$DB" -c 'trend allocs of "BenchmarkBuildFile - allocs/op" last 1 as csv'
check_out "moov: allocs/op is metric allocs" ",99,,,allocs/op"
run "$BENCHDB" --db "$DB" -c 'show metrics as csv'
check "moov: no metric value" test "$(grep -c '^value,' "$OUT")" -eq 0
# A store that holds them under "value" (imported before) keeps "value" for
# the history, so that its series go on and a grown file imports only its
# new entries.
cat >"$WORK/legacy.json" <<'JSON'
{"id": "old", "timestamp": "2024-01-01T00:00:00Z", "points": [{"name": "b - B/op", "tags": {"suite": "s"}, "metrics": {"value": {"value": 100, "unit": "B/op"}}}]}
JSON
"$BENCHDB" --db "$WORK/legacy" ingest "$WORK/legacy.json" >/dev/null
printf '%s\n' 'window.BENCHMARK_DATA = {"lastUpdate": 1, "repoUrl": "r", "entries": {"s": [{"commit": {"id": "aaaa", "timestamp": "2024-01-02T00:00:00Z"}, "date": 1704153600000, "tool": "go", "benches": [{"name": "b - B/op", "value": 120, "unit": "B/op"}, {"name": "b - allocs/op", "value": 3, "unit": "allocs/op"}]}]}}' >"$WORK/legacy.data.js"
run "$BENCHDB" --db "$WORK/legacy" import-gab "$WORK/legacy.data.js"
check_rc "legacy store: imports" 0
run "$BENCHDB" --db "$WORK/legacy" -c 'trend value of "b - B/op" as csv'
check_out "legacy store: B/op goes on under value" ",120,,,B/op"
run "$BENCHDB" --db "$WORK/legacy" -c 'show metrics as csv'
check "legacy store: no alloc_bytes" test "$(grep -c '^alloc_bytes,' "$OUT")" -eq 0
run "$BENCHDB" --db "$WORK/fresh" import-gab "$WORK/legacy.data.js"
run "$BENCHDB" --db "$WORK/fresh" -c 'trend alloc_bytes of "b - B/op" as csv'
check_out "a new store: alloc_bytes" ",120,,,B/op"
# A result the store refuses (a unit over 64 bytes, as a custom tool may
# write) named the file alone ("long.data.js: cannot store run ..."): it
# is refused at its entry's line and column, as a unit that does not
# convert is.
long=$(printf 'u%.0s' $(seq 1 70))
printf 'window.BENCHMARK_DATA = {"lastUpdate": 1, "repoUrl": "r", "entries": {"s": [\n  {"commit": {"id": "aaaa", "timestamp": "2024-01-02T00:00:00Z"}, "date": 1704153600000, "tool": "customSmallerIsBetter", "benches": [{"name": "b", "value": 120, "unit": "%s"}]}]}}\n' "$long" >"$WORK/long.data.js"
run "$BENCHDB" --db "$WORK/long" import-gab "$WORK/long.data.js"
check_rc "a unit over 64 bytes: exit 3" 3
check_err "  refused at its entry" "long.data.js:2:3: cannot store run"
check_err "  saying why" 'unit "uuuuuuuuuuuuuuuu..." is 70 bytes long; a unit is at most 64 bytes'
# A history with every tool whose own output names other series: the note
# listing them was cut at 512 bytes, in the middle of go's ("... and
# \"NAME - al; docs/migrating.md)"), and benchmarkdotnet's was lost.
{
	printf 'window.BENCHMARK_DATA = {"lastUpdate": 1, "repoUrl": "r", "entries": {'
	sep=
	for tool in go pytest googlecpp catch2 jmh benchmarkdotnet benchmarkluau; do
		printf '%s"%s": [{"commit": {"id": "aaaa", "timestamp": "2024-01-01T00:00:00Z"}, "date": 1704067200000, "tool": "%s", "benches": [{"name": "b", "value": 1, "unit": "ns/op"}]}]' \
			"$sep" "$tool" "$tool"
		sep=', '
	done
	printf '}}\n'
} >"$WORK/alltools.data.js"
run "$BENCHDB" --db "$WORK/alltools" import-gab "$WORK/alltools.data.js"
check_rc "every tool: imports" 0
check_err "every tool: the note names go's metrics whole" \
	'go: points tagged pkg and procs, with metrics alloc_bytes and allocs for the action'"'"'s "NAME - B/op" and "NAME - allocs/op"'
check_err "every tool: ... and the last tool, then the end of the note" \
	"benchmarkluau: points tagged driver; docs/migrating.md)"

# An entry with no result (an empty "benches", or every value null) makes
# no run: the summary said "Imported 1 run(s) from 3 entries (0 unchanged,
# 0 replaced)", counts that do not add up, and the empty one went unsaid.
cat >"$WORK/noresult.data.js" <<'EOF'
window.BENCHMARK_DATA = {"lastUpdate": 1, "repoUrl": "r", "entries": {"S": [
 {"commit": {"id": "a1", "timestamp": "2024-01-01T00:00:00Z"}, "date": 1704067200000, "tool": "cargo", "benches": []},
 {"commit": {"id": "a2", "timestamp": "2024-01-02T00:00:00Z"}, "date": 1704153600000, "tool": "cargo", "benches": [{"name": "b", "value": 2, "unit": "ns/iter"}]},
 {"commit": {"id": "a3", "timestamp": "2024-01-03T00:00:00Z"}, "date": 1704240000000, "tool": "cargo", "benches": [{"name": "b", "value": null, "unit": "ns/iter"}]}]}}
EOF
run "$BENCHDB" --db "$WORK/noresult" import-gab "$WORK/noresult.data.js"
check_rc "entries with no result: imports the others" 0
check_out "  and the summary counts them" \
	"Imported 1 run(s) from 3 entries of $WORK/noresult.data.js (0 unchanged, 0 replaced, 2 with no result left out)"
run "$BENCHDB" --db "$WORK/noresult" import-gab "$WORK/noresult.data.js"
check_out "  again: the same count" "(1 unchanged, 0 replaced, 2 with no result left out)"

# A fork of the action (unicode-org/icu and icu4x keep their histories with
# it) writes "tool": "ndjson" and a "biggerIsBetter" per result: the whole
# history was refused ('"tool" must be one of ...; got "ndjson"').
cat >"$WORK/ndjson.data.js" <<'EOF'
window.BENCHMARK_DATA = {"lastUpdate": 1, "repoUrl": "r", "entries": {"Benchmark": [
 {"commit": {"id": "aaaa", "timestamp": "2022-03-07T12:53:44-08:00"}, "date": 1646687296532, "tool": "ndjson", "benches": [
  {"name": "TestNFC", "value": 8, "unit": "ns/iter", "biggerIsBetter": false},
  {"name": "Throughput", "value": 100, "unit": "MB/s", "biggerIsBetter": true},
  {"name": "Hits", "value": 5, "unit": "hits", "biggerIsBetter": true}]},
 {"commit": {"id": "bbbb", "timestamp": "2022-03-08T23:09:54Z"}, "date": 1646781682207, "tool": "ndjson", "benches": [
  {"name": "TestNFC", "value": 9.6, "unit": "ns/iter", "biggerIsBetter": false},
  {"name": "Throughput", "value": 80, "unit": "MB/s", "biggerIsBetter": true},
  {"name": "Hits", "value": 4, "unit": "hits", "biggerIsBetter": true}]}]}}
EOF
run "$BENCHDB" --db "$WORK/ndjson" import-gab --branch main "$WORK/ndjson.data.js"
check_rc "ndjson (a fork's tool): imports" 0
check_out "ndjson: two runs" "Imported 2 run(s) from 2 entries"
run "$BENCHDB" --db "$WORK/ndjson" -c 'regressions in latest vs latest~1 metric * as csv'
check_out "ndjson: 8 -> 9.6 ns/iter is a time that regressed" \
	"TestNFC,suite=Benchmark,time,lower,8,9.6,ns/iter,"
check_out "ndjson: 100 -> 80 MB/s is a throughput that regressed" \
	"Throughput,suite=Benchmark,throughput,higher,100,80,MB/s,-20,"
check_out "ndjson: biggerIsBetter true gives a count its direction: 5 -> 4 regressed" \
	"Hits,suite=Benchmark,value,higher,5,4,hits,-20,"

# Another fork writes "tool": "criterion" (jasonwilliams/boa, boa-dev/boa
# and homotopy-rs kept their histories with it): boa's whole history was
# refused ('"tool" must be one of cargo, ...; got "criterion"', exit 3).
# Criterion's times ("+/- X" in the value's unit), smaller is better; a unit
# that changes (Hello World (Lexer): 1.0539 us, 1.0516 us, then 901.86 ns)
# converts to the series' us.
run "$BENCHDB" --db "$WORK/boa" import-gab --branch main "$GAB/jasonwilliams__boa.data.js"
check_rc "criterion (a fork's tool): boa's history imports" 0
check_out "criterion: three runs" "Imported 3 run(s) from 3 entries"
check "criterion: no note of new series (criterion's own tree continues them)" \
	test "$(grep -c 'note' "$ERR")" -eq 0
run "$BENCHDB" --db "$WORK/boa" -c 'trend time of "Hello World (Lexer)" as csv'
check_out "criterion: 901.86 ns in the series' us, +/- 17.520 ns its bounds" \
	",eaeb299a9e8f6ca9cad4ba237af74c161b5e5120,0.90186,0.88434,0.91938,us"
run "$BENCHDB" --db "$WORK/boa" -c 'regressions in latest vs latest~1 metric * as csv'
check_out "criterion: Create Realm 414.6 -> 385.58 us is a time that improved, not judged a regression" \
	"point,tags,metric,direction"
check "  (no row)" test "$(tail -n +2 "$OUT" | grep -c 'Create Realm')" -eq 0
run "$BENCHDB" --db "$WORK/boa" -c 'show metrics as csv'
check_out "criterion: time, lower is better" "time,us,lower"

# go's b.ReportMetric adds results in units of the user's choosing; the
# action's own example is "BenchmarkThing-16 1 95258906556 ns/op 64.02
# UnitsForMeasure2", stored as "BenchmarkThing - UnitsForMeasure2". Such a
# unit has no '/', and every such result was left out as "not a unit".
cat >"$WORK/gometric.data.js" <<'EOF'
window.BENCHMARK_DATA = {"lastUpdate": 1, "repoUrl": "r", "entries": {"Go": [
 {"commit": {"id": "aaaa", "timestamp": "2024-01-01T00:00:00Z"}, "date": 1704067200000, "tool": "go", "benches": [
  {"name": "BenchmarkThing", "value": 95258906556, "unit": "ns/op\t        64.02 UnitsForMeasure2\t        31.13 UnitsForMeasure3", "extra": "1 times\n16 procs"},
  {"name": "BenchmarkThing - UnitsForMeasure2", "value": 64.02, "unit": "UnitsForMeasure2", "extra": "1 times\n16 procs"},
  {"name": "BenchmarkThing - UnitsForMeasure3", "value": 31.13, "unit": "UnitsForMeasure3", "extra": "1 times\n16 procs"}]}]}}
EOF
run "$BENCHDB" --db "$WORK/gometric" import-gab "$WORK/gometric.data.js"
check_rc "go: b.ReportMetric results import" 0
check_out "go: all three results are stored" "Imported 1 run(s) from 1 entries"
check "go: none of them is left out" test "$(grep -c 'left out' "$ERR")" -eq 0
run "$BENCHDB" --db "$WORK/gometric" -c 'trend value of "BenchmarkThing - UnitsForMeasure2" as csv'
check_out "go: BenchmarkThing - UnitsForMeasure2 is 64.02 in its unit" ",aaaa,64.02,,,UnitsForMeasure2"

# The entry-by-entry path (gab_history.c's read_fast) against the
# whole-document path, which a byte order mark selects: the same runs, the
# same values, the same warning.
DB2=$WORK/moov-whole
printf '\xef\xbb\xbf' | cat - "$GAB/moov-io__benchmarks.data.js" >"$WORK/bom.data.js"
run "$BENCHDB" --db "$DB2" import-gab "$WORK/bom.data.js"
check_rc "moov with a BOM (the whole-document path) imports" 0
check_err "moov: both paths leave out the same results, the first at the same place" \
	"left out 195 result(s) without a value (null) and 130 whose unit is not a unit; the first: $WORK/bom.data.js:290:11:"
"$BENCHDB" --db "$DB" -c 'show runs as csv' >"$WORK/fast.runs"
"$BENCHDB" --db "$DB2" -c 'show runs as csv' >"$WORK/whole.runs"
check "moov: both paths store the same 65 runs" cmp -s "$WORK/fast.runs" "$WORK/whole.runs"
for q in 'trend time of "BenchmarkAlphaFieldLong - ns/op"' 'rank time in latest'; do
	"$BENCHDB" --db "$DB" -c "$q as csv" >"$WORK/fast.out"
	"$BENCHDB" --db "$DB2" -c "$q as csv" >"$WORK/whole.out"
	check "moov: both paths answer $q alike" cmp -s "$WORK/fast.out" "$WORK/whole.out"
done

# A result with an empty name failed the whole import (the store refuses a
# nameless point): it is left out and counted as a null value is, on both
# paths (the BOM selects the whole-document one).
cat >"$WORK/noname.data.js" <<'EOF'
window.BENCHMARK_DATA = {
  "lastUpdate": 1767225600000,
  "repoUrl": "https://github.com/x/y",
  "entries": {
    "Bench": [
      {"commit": {"id": "c1", "message": "m", "timestamp": "2026-01-01T00:00:00Z"},
       "date": 1767225600000, "tool": "customSmallerIsBetter",
       "benches": [{"name": "a", "unit": "ms", "value": 1},
                   {"name": "", "unit": "ms", "value": 2},
                   {"name": "b", "unit": "ms", "value": null}]}
    ]
  }
}
EOF
printf '\xef\xbb\xbf' | cat - "$WORK/noname.data.js" >"$WORK/noname-bom.data.js"
for f in noname noname-bom; do
	run "$BENCHDB" --db "$WORK/$f.db" import-gab "$WORK/$f.data.js"
	check_rc "$f: a result without a name is left out, the entry imported (exit 0)" 0
	check_out "$f: one run from one entry" "Imported 1 run(s) from 1 entries of $WORK/$f.data.js"
	check_err "$f: it is counted with the null value; the first left out has its position" \
		"left out 1 result(s) without a value (null) and 1 without a name; the first: $WORK/$f.data.js:9:20: the name is empty"
	run "$BENCHDB" --db "$WORK/$f.db" -c 'show points as csv'
	check "$f: point a alone is stored" test "$(tail -n +2 "$OUT" | cut -d, -f1 | tr '\n' ' ')" = "a "
done

# An entry recorded twice (same suite, commit and date) counts once; the
# same entry with other results kept the first in silence (fib 900 ns
# lost, exit 0): it is an error at the second, naming the first's line.
cat >"$WORK/twice.data.js" <<'EOF'
window.BENCHMARK_DATA = {"lastUpdate": 1704067200000, "repoUrl": "https://github.com/x/y", "entries": {"B": [
 {"commit": {"id": "aaaa", "timestamp": "2024-01-01T00:00:00Z"}, "date": 1704067200000, "tool": "cargo", "benches": [{"name": "fib", "value": 100, "unit": "ns/iter"}]},
 {"commit": {"id": "bbbb", "timestamp": "2024-01-02T00:00:00Z"}, "date": 1704153600000, "tool": "cargo", "benches": [{"name": "fib", "value": 100, "unit": "ns/iter"}]},
 {"commit": {"id": "aaaa", "timestamp": "2024-01-01T00:00:00Z"}, "date": 1704067200000, "tool": "cargo", "benches": [{"name": "fib", "value": 900, "unit": "ns/iter"}]}
]}}
EOF
printf '\xef\xbb\xbf' | cat - "$WORK/twice.data.js" >"$WORK/twice-bom.data.js"
for f in twice twice-bom; do
	run "$BENCHDB" --db "$WORK/$f.db" import-gab "$WORK/$f.data.js"
	check_rc "$f: an entry recorded twice with other results exits 3" 3
	check_err "$f: at the second, naming the first's line" \
		"$f.data.js:4:2: this entry has the suite, commit and date of the entry on line 2 but other results (run gab-"
	check "$f: nothing is stored" test ! -e "$WORK/$f.db"
done
sed 's/"value": 900/"value": 100/' "$WORK/twice.data.js" >"$WORK/twice-same.data.js"
run "$BENCHDB" --db "$WORK/twice-same.db" import-gab "$WORK/twice-same.data.js"
check_out "the same entry twice with the same results counts once" \
	"Imported 2 run(s) from 3 entries of $WORK/twice-same.data.js (0 unchanged, 0 replaced, 1 recorded twice counted once)"

# A result with no "value" member at all is left out as a null one is, and
# said as what it is (it read "the value is null").
sed 's/"value": 900, //; 4s/"aaaa"/"cccc"/' "$WORK/twice.data.js" >"$WORK/novalue.data.js"
run "$BENCHDB" --db "$WORK/novalue.db" import-gab "$WORK/novalue.data.js"
check_rc "a result without \"value\" is left out (exit 0)" 0
check_err "and said so at its position" "novalue.data.js:4:118: it has no \"value\""

# --- custom tools: the user's own units (paradedb, dotnet-isolate, IntegratedDynamics) ---
# A customSmallerIsBetter unit is the word the user wrote ("avg cpu",
# "tick time (ms)"): it was taken for a line of program output and left
# out, so paradedb's history imported nothing at all (exit 3).
DB=$WORK/paradedb
run "$BENCHDB" --db "$DB" import-gab "$GAB/paradedb__paradedb.data.js"
check_rc "paradedb: a unit with a blank imports (exit 0)" 0
check_out "paradedb: 1 run from 1 entry" "Imported 1 run(s) from 1 entries"
run "$BENCHDB" --db "$DB" -c 'show points as csv'
check "paradedb: all 8 results are points" test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 8
# "value": 24.989853051558985, "unit": "avg cpu", commit 35abeff494 at 2025-07-09T04:35:02Z.
run "$BENCHDB" --db "$DB" -c 'trend value of "Bulk Update - Primary - cpu" as csv'
check_out "paradedb: value, unit and commit time as in the file" \
	",2025-07-09T04:35:02Z,35abeff494503653aeca1073004f5e0cfd89e115,24.989853051558985,,,avg cpu"
run "$BENCHDB" --db "$DB" export --format json latest
check_out "paradedb: extra is metadata" \
	'"extra:Single Update - Primary - tps": "max tps: 83.60156536738894, count: 57009"'
check_out "paradedb: date (ms) is recorded_at" '"recorded_at": "2025-07-09T05:10:48.185000Z"'
DB=$WORK/isolate
run "$BENCHDB" --db "$DB" import-gab "$GAB/GuckesThonfeldGuckesGbr__dotnet-isolate.data.js"
check_rc "dotnet-isolate: imports" 0
# "timestamp": "2026-08-05T17:38:12+02:00"; 978 "files".
run "$BENCHDB" --db "$DB" -c 'trend value of "OrchardCore.Cms.Web isolate: included files" as csv'
check_out "dotnet-isolate: a +02:00 commit time is UTC, the count keeps its word" \
	",2026-08-05T15:38:12Z,e427439ffa66e73560a3236918e1cd5556a4d745,978,,,files"
DB=$WORK/cyclops
run "$BENCHDB" --db "$DB" import-gab "$GAB/CyclopsMC__IntegratedDynamics.excerpt.data.js"
check_rc "IntegratedDynamics: imports" 0
run "$BENCHDB" --db "$DB" -c 'trend value of "INDEX LOAD: index_lookup_item_single_item_size_5000" as csv'
check_out "IntegratedDynamics: \"operation time (ms)\" is the unit" ",0.366797,,,operation time (ms)"
# hermit-os (an excerpt): one entry repeats a name in another unit ("2
# Threads" 30 ns for the mutex test, 99.90894328185507 % for the Pi
# efficiency). They were averaged into one "64.95 %": the second is now a
# point of its own, tagged unit=%.
DB=$WORK/hermit
run "$BENCHDB" --db "$DB" import-gab "$GAB/CarlWachter__hermit-rs.excerpt.data.js"
check_rc "hermit: imports" 0
run "$BENCHDB" --db "$DB" -c 'trend value of "2 Threads" as csv'
check_out "hermit: 2 Threads in ns keeps its 30 ns" \
	"2 Threads,suite=Benchmark,gab-08a643a27e377448,2024-06-29T10:01:25Z,cbcf65a591eed712c8dd12af24cebd7f73882be1,30,30,30,ns"
check_out "hermit: 2 Threads in % is a point of its own" \
	'2 Threads,"suite=Benchmark,unit=%",gab-08a643a27e377448,2024-06-29T10:01:25Z,cbcf65a591eed712c8dd12af24cebd7f73882be1,99.90894328185507,'
check "hermit: no mean of ns and %" test "$(grep -c '64.95' "$OUT")" -eq 0
# A history whose every result is left out said only "no benchmark results
# found" at 1:1: it says why, and where the first was.
sed 's/"customSmallerIsBetter"/"go"/' "$GAB/paradedb__paradedb.data.js" >"$WORK/allskipped.data.js"
run "$BENCHDB" --db "$WORK/allskipped" import-gab "$WORK/allskipped.data.js"
check_rc "every result left out: exit 3" 3
check_err "it says all were left out, and the first with its position" \
	"all were left out (0 without a value, 8 whose unit is not a unit, 0 without a name); the first: $WORK/allskipped.data.js:26:11: the unit is not a unit"

# --- bad histories: exit 3 with a position, store unchanged ---
DB=$WORK/nautilus
cp "$DB/data.mdb" "$WORK/before.mdb"
head -c 100000 "$GAB/nebulastream__nautilus.data.js" >"$WORK/truncated.data.js"
run "$BENCHDB" --db "$DB" import-gab "$WORK/truncated.data.js"
check_rc "a truncated data.js exits 3" 3
check_err "a truncated data.js is reported with its position" \
	"truncated.data.js:3344:22: invalid JSON: the document is truncated"
sed 's/"value": 3.49964/"value": "3.49964"/' "$GAB/nebulastream__nautilus.data.js" >"$WORK/wrong.data.js"
run "$BENCHDB" --db "$DB" ingest "$WORK/wrong.data.js"
check_rc "a value of the wrong type exits 3" 3
check_err "the wrong type is reported at the value" \
	'wrong.data.js:30:22: "value" must be a number, got string'
printf '{"entries": {}}' >"$WORK/bare.json"
run "$BENCHDB" --db "$DB" import-gab "$WORK/bare.json"
check_rc "an object with entries but not the action's keys exits 3" 3
check_err "and says what the action's JSON holds (it said: a JSON object with \"entries\")" \
	'or the action'"'"'s JSON object ("entries" with "lastUpdate", "repoUrl" or "benches" in its first 4 KiB)'
# A unit that changes to one that does not convert (the last of color's
# 266 entries: "ops/sec" made "MB/s") was found only when that run was
# written: the runs of the batches before it (100 a transaction) stayed
# stored, and the error named no position. Every unit is checked first.
sed '83884s|"ops/sec"|"MB/s"|' "$GAB/kurkle__color.data.js" >"$WORK/unitchange.data.js"
run "$BENCHDB" --db "$WORK/unitchange" import-gab "$WORK/unitchange.data.js"
check_rc "a unit that does not convert to its series' exits 3" 3
check_err "it is reported at its entry, with both units" \
	"unitchange.data.js:83291:7: run \"gab-89e35c31489f016d\": point \"rgbString|chartjs-color\" metric \"throughput\": unit \"MB/s\" cannot be converted to the series' unit \"ops/s\"; nothing was stored"
check "and nothing is stored (no store made)" test ! -e "$WORK/unitchange"
printf '\xef\xbb\xbf' | cat - "$WORK/unitchange.data.js" >"$WORK/unitchange-bom.data.js"
run "$BENCHDB" --db "$DB" import-gab "$WORK/unitchange-bom.data.js"
check_rc "into a store that holds runs, too (exit 3)" 3
check_err "the whole-document path (a BOM) points at the same entry" \
	"unitchange-bom.data.js:83291:7: run \"gab-89e35c31489f016d\""
# A unit that converts, but to a number no double holds (1e300 s in the
# series' ns), was also found only when its run was written, after the
# first 100 runs: entry 150 of 150.
{
	printf 'window.BENCHMARK_DATA = {"lastUpdate": 1, "repoUrl": "https://github.com/x/y", "entries": {"S": [\n'
	for i in $(seq 1 150); do
		[ "$i" = 150 ] && v='1e300, "unit": "s"' || v="$i, \"unit\": \"ns\""
		printf '{"commit": {"id": "c%03d", "timestamp": "2026-01-01T00:00:00Z"}, "date": %d, "tool": "customSmallerIsBetter", "benches": [{"name": "b", "value": %s}]}%s\n' \
			"$i" "$((1767225600000 + i))" "$v" "$([ "$i" = 150 ] || echo ,)"
	done
	printf ']}}\n'
} >"$WORK/beyond.data.js"
run "$BENCHDB" --db "$DB" import-gab "$WORK/beyond.data.js"
check_rc "a number beyond a double in the series' unit exits 3" 3
check_err "it is reported at its entry, before anything is written" \
	"beyond.data.js:151:1: run \"gab-"
check_err "with the store's reason" \
	"point \"b\" metric \"value\": a number in \"s\" is beyond a double in the series' unit \"ns\" (1e+300 s); nothing was stored"
check "a bad history leaves the store unchanged" cmp -s "$DB/data.mdb" "$WORK/before.mdb"
check "still 73 runs after the bad imports" test "$(runs "$DB")" -eq 73

# --- asv: kedro (format version 2, 100 result files) ---
DB=$WORK/asv
run "$BENCHDB" --db "$DB" import-asv "$ASV"
check_rc "asv: the results import" 0
check_out "asv: one run per result file" "Imported 100 run(s) from 100 result files"
check "asv: 100 runs" test "$(runs "$DB")" -eq 100
run "$BENCHDB" --db "$DB" -c 'show points as csv'
check "asv: 83 points (benchmark x parameter combination)" \
	test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 83
run "$BENCHDB" --db "$DB" import-asv "$ASV/github-actions"
check_out "asv: re-importing (one machine's directory) adds 0 runs" \
	"Imported 0 run(s) from 100 result files"
# K1: TimeDataCatalog.time_load 1.58 -> 0.577 s at 0de01c9df2 (run 60).
run "$BENCHDB" --db "$DB" -c 'changes time of "benchmark_datacatalog.TimeDataCatalog.time_load" as csv'
check_out "asv K1: the improvement at 0de01c9df2 is found" \
	",0de01c9df26d4574050ef769f37ca081deee7392,"
# K2: time_context_params_cached (500, 5) regresses at 0498150daa (run 83).
run "$BENCHDB" --db "$DB" -c 'changes time of "benchmark_validation.ContextParamsTimeSuite.time_context_params_cached" where node_count = "500" and typed_params_per_node = "5" as csv'
check_out "asv K2: the regression at 0498150daa is found (parameters are tags)" \
	",0498150daaa9f37f84eddf53113c03dfe4c4f1cb,"
# The latest file (d58a0b14): peakmem_runners('ThreadRunner') = 95719424 bytes.
run "$BENCHDB" --db "$DB" -c "trend peakmemory of \"benchmark_runner.RunnerMemorySuite.peakmem_runners\" where runner = \"ThreadRunner\" last 1 as csv"
check_out "asv: peakmemory in bytes, quotes of the parameter removed" \
	",d58a0b140250ced1917f2c54888b594995594be0,95719424,,,B"
# 0498150d: time_contains 0.0002656320000227197 s, ci_99 [0.00024826, 0.00029707].
run "$BENCHDB" --db "$DB" -c 'trend time of "benchmark_datacatalog.TimeDataCatalog.time_contains" as csv'
check_out "asv: stats_ci_99_a/_b become the bounds" \
	",0498150daaa9f37f84eddf53113c03dfe4c4f1cb,0.0002656320000227197,0.00024826,0.00029707,s"
check_out "asv: the environment name and machine are tags" \
	"env=virtualenv-py3.11-kedro-datasets[pandas],machine=github-actions"

# --- asv: format version 1, a failed benchmark, bad files ---
V1=$WORK/v1/results
mkdir -p "$V1/laptop"
cp "$ROOT/tests/fixtures/asv/v1/benchmarks.json" "$V1/"
cp "$ROOT/tests/fixtures/asv/v1/laptop/"*.json "$V1/laptop/"
run "$BENCHDB" --db "$WORK/v1db" import-asv "$V1"
check_rc "asv v1: imports" 0
check_out "asv v1: two result files" "Imported 2 run(s) from 2 result files"
check_err "asv v1: the failed benchmark is reported, not stored" "left out 1 result(s) without a value (null)"
run "$BENCHDB" --db "$WORK/v1db" -c 'trend time of "bench.TimeSuite.time_sort" where n = "100" as csv'
check_out "asv v1: ci_99 of stats becomes the bounds and samples are kept" ",0.00123,0.0011,0.0014,s"
run "$BENCHDB" --db "$WORK/v1db" -c 'trend time of "bench.TimeSuite.time_sort" where n = "100" as csv'
check "asv v1: the failed combination (null in 0a9b8c7d) is not stored as 0" \
	test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 1
# benchmarks.json says what a benchmark is today: time_sort has a parameter
# n now, but a file from before it had one holds a bare number. That value
# took the tag n=10 (today's first combination) and n=100 was reported as a
# failure; it is the unparameterised benchmark it was.
V1OLD=$WORK/v1old/results
mkdir -p "$V1OLD/laptop"
cp "$ROOT/tests/fixtures/asv/v1/benchmarks.json" "$V1OLD/"
cp "$ROOT/tests/fixtures/asv/v1/laptop/machine.json" "$V1OLD/laptop/"
printf '{"commit_hash": "00000001aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "date": 1500000000000, "env_name": "py3.8", "python": "3.8", "results": {"bench.TimeSuite.time_sort": 0.5}, "version": 1}\n' \
	>"$V1OLD/laptop/00000001-py3.8.json"
run "$BENCHDB" --db "$WORK/v1olddb" import-asv "$V1OLD"
check_rc "asv v1: a bare number for a benchmark parameterised since imports" 0
check "asv v1: and nothing is reported as failed" test "$(grep -c 'left out' "$ERR")" -eq 0
run "$BENCHDB" --db "$WORK/v1olddb" -c 'trend time of "bench.TimeSuite.time_sort" as csv'
check_out "asv v1: it has no parameter tag" \
	'bench.TimeSuite.time_sort,"env=py3.8,machine=laptop",asv-'
# An older version 1 file holds one stats object for a benchmark without
# parameters, not a list (asv's update_to_2 wraps it in one): its interval
# was lost.
V1STATS=$WORK/v1stats/results
mkdir -p "$V1STATS/laptop"
cp "$ROOT/tests/fixtures/asv/v1/benchmarks.json" "$V1STATS/"
cp "$ROOT/tests/fixtures/asv/v1/laptop/machine.json" "$V1STATS/laptop/"
printf '{"commit_hash": "00000003aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "date": 1500000000000, "env_name": "py3.8", "python": "3.8", "version": 1,\n "results": {"bench.MemSuite.mem_list": {"result": 8056, "stats": {"ci_99": [8000, 8100], "number": 1}}}}\n' \
	>"$V1STATS/laptop/00000003-py3.8.json"
run "$BENCHDB" --db "$WORK/v1statsdb" import-asv "$V1STATS"
check_rc "asv v1: one stats object imports" 0
run "$BENCHDB" --db "$WORK/v1statsdb" -c 'trend memory of "bench.MemSuite.mem_list" as csv'
check_out "asv v1: ... and its ci_99 is the bounds" ",00000003aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,8056,8000,8100,B"
# Two values of one parameter that are one tag once unquoted ('10' and
# "10") made one point twice: refused at write time, without a position.
VQ=$WORK/vquote/results
mkdir -p "$VQ/laptop"
cp "$ROOT/tests/fixtures/asv/v1/benchmarks.json" "$VQ/"
cp "$ROOT/tests/fixtures/asv/v1/laptop/machine.json" "$VQ/laptop/"
printf '{"commit_hash": "00000002aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "date": 1500000000000,\n "env_name": "py3.8", "python": "3.8", "version": 1,\n "results": {"bench.TimeSuite.time_sort": {"params": [["'"'"'10'"'"'", "\\"10\\""]], "result": [0.1, 0.2]}}}\n' \
	>"$VQ/laptop/00000002-py3.8.json"
run "$BENCHDB" --db "$WORK/vquotedb" import-asv "$VQ"
check_rc "asv: a parameter value twice once unquoted exits 3" 3
check_err "asv: ... at the second value, both spellings said" \
	"00000002-py3.8.json:3:64: \"bench.TimeSuite.time_sort\": parameter 1 has the value 10 twice ('10' and \"10\")"
check "asv: ... and no store is made" test ! -e "$WORK/vquotedb/data.mdb"
cp "$WORK/v1db/data.mdb" "$WORK/v1before.mdb"
printf '{"commit_hash": "abc", "date": "yesterday", "results": {}, "version": 2}\n' >"$V1/laptop/bad-env.json"
run "$BENCHDB" --db "$WORK/v1db" import-asv "$V1"
check_rc "asv: a date of the wrong type exits 3" 3
check_err "asv: the wrong type is reported at the value" 'bad-env.json:1:32: "date" must be a number, got string'
check "asv: a bad file stores nothing" cmp -s "$WORK/v1db/data.mdb" "$WORK/v1before.mdb"
run "$BENCHDB" --db "$WORK/v1db" import-asv "$WORK"
check_rc "asv: a directory without benchmarks.json exits 3" 3
check_err "asv: says what it expected" "is not an asv results directory"
# A machine directory whose machine.json is missing (lost in a copy) was
# left out without a word: its history vanished from the import.
NOMACHINE=$WORK/nomachine/results
mkdir -p "$NOMACHINE/laptop" "$NOMACHINE/desktop"
cp "$ROOT/tests/fixtures/asv/v1/benchmarks.json" "$NOMACHINE/"
cp "$ROOT/tests/fixtures/asv/v1/laptop/"*.json "$NOMACHINE/laptop/"
cp "$ROOT/tests/fixtures/asv/v1/laptop/"*.json "$NOMACHINE/desktop/"
rm "$NOMACHINE/desktop/machine.json"
run "$BENCHDB" --db "$WORK/nomachinedb" import-asv "$NOMACHINE"
check_rc "asv: a directory without machine.json is left out, the rest imported (exit 0)" 0
check_out "asv: the summary counts it" \
	"Imported 2 run(s) from 2 result files of $NOMACHINE (0 unchanged, 0 replaced, 1 directory without machine.json left out)"
check_err "asv: standard error names it and says why" \
	"benchdb: warning: $NOMACHINE: left out 1 directory without machine.json (no machine's results); the first: $NOMACHINE/desktop"
rm -r "$NOMACHINE/laptop"
run "$BENCHDB" --db "$WORK/nomachinedb2" import-asv "$NOMACHINE"
check_rc "asv: no machine directory left at all exits 3" 3
check_err "asv: and says which directory lacks machine.json" \
	"holds no asv result files: $NOMACHINE/desktop has no machine.json"

# --- asv: real files of other projects (excerpts, tests/realdata/README.md) ---
# asv writes with Python's json: the 99% interval of a benchmark timed once
# is [-Infinity, Infinity], and a skipped benchmark NaN. Such files were
# refused whole ("invalid JSON: NaN and Infinity are not JSON numbers").
MT=$REAL/asv/mariantaragel__asv-format-bench.excerpt/.asv/results
run "$BENCHDB" --db "$WORK/mt" import-asv "$MT"
check_rc "asv-format-bench: a file with Infinity bounds imports" 0
check_out "asv-format-bench: one run" "Imported 1 run(s) from 1 result files"
run "$BENCHDB" --db "$WORK/mt" -c 'show points as csv'
check "asv-format-bench: 42 points (3 benchmarks x 8 combinations + 3 x 6)" \
	test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 42
# Combination 1 of Compression.time_read (HDF5.table, eq, 'lz4', 1): 0.8108367742970586 s,
# no bounds (the interval is infinite); Compression level is the last parameter.
run "$BENCHDB" --db "$WORK/mt" -c 'trend time of "Compression.time_read" where "Data format" = "HDF5.table" and Compression = "lz4" as csv'
check_out "asv-format-bench: value in s, infinite interval gives no bounds" \
	",fd1b2d325258e400649e5fdf6960e745e25fb08b,0.8108367742970586,,,s"
# Image.track_size is type "memory" in benchmarks.json (its name says track_).
run "$BENCHDB" --db "$WORK/mt" -c 'trend memory of "Image.track_size" where "Data format" = "PNG" as csv'
check_out "asv-format-bench: a track_ benchmark of type memory is memory, in B" ",113487210,,,B"
run "$BENCHDB" --db "$WORK/mt" import-asv "$MT"
check_out "asv-format-bench: re-importing adds 0 runs" "Imported 0 run(s) from 1 result files"
# A skipped benchmark (NaN) is left out and counted, as a failed one (null) is.
mkdir -p "$WORK/mtnan/trafficgpu1"
cp "$MT/benchmarks.json" "$WORK/mtnan/"
cp "$MT/trafficgpu1/machine.json" "$WORK/mtnan/trafficgpu1/"
sed 's/0\.6679110429249704/NaN/' "$MT/trafficgpu1/fd1b2d32-env-1f92a6b7d13e771a10b03cfa987759f7.json" \
	>"$WORK/mtnan/trafficgpu1/fd1b2d32-env-1f92a6b7d13e771a10b03cfa987759f7.json"
run "$BENCHDB" --db "$WORK/mtnandb" import-asv "$WORK/mtnan"
check_rc "asv: a NaN result imports" 0
check_err "asv: the NaN is left out and counted" "left out 1 result(s) without a value (null)"
check_err "  as skipped" '" was skipped (NaN result) in combination'
run "$BENCHDB" --db "$WORK/mtnandb" -c 'show points as csv'
check "asv: 41 points (the NaN one left out)" test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 41
# A skipped first combination is a NaN first in its list, with no blank
# beside it (Python's json.dumps([nan, 0.2]) is "[NaN, 0.2]", [[nan]] is
# "[[NaN]]"): the whole file was refused, "invalid JSON: NaN and Infinity
# are not JSON numbers", and the history with it.
mkdir -p "$WORK/mtnan1/trafficgpu1"
cp "$MT/benchmarks.json" "$WORK/mtnan1/"
cp "$MT/trafficgpu1/machine.json" "$WORK/mtnan1/trafficgpu1/"
sed 's/\[\[0\.8108367742970586,/[[NaN,/' "$MT/trafficgpu1/fd1b2d32-env-1f92a6b7d13e771a10b03cfa987759f7.json" \
	>"$WORK/mtnan1/trafficgpu1/fd1b2d32-env-1f92a6b7d13e771a10b03cfa987759f7.json"
run "$BENCHDB" --db "$WORK/mtnan1db" import-asv "$WORK/mtnan1"
check_rc "asv: a NaN first in a list ([[NaN, ...) imports" 0
check "asv: ... and no word of units, which asv results do not have" \
	test "$(grep -c 'whose unit is not a unit' "$ERR")" -eq 0
# A NaN is a benchmark asv skipped, not one that failed: it said "failed
# (null result)" for it, as for a null.
check_err "asv: ... left out and counted, at its result, as skipped" \
	'fd1b2d32-env-1f92a6b7d13e771a10b03cfa987759f7.json:1:1172: "Compression.time_read" was skipped (NaN result) in combination 1'
run "$BENCHDB" --db "$WORK/mtnan1db" -c 'show points as csv'
check "asv: ... 41 points (combination 1 of Compression.time_read left out)" \
	test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 41
run "$BENCHDB" --db "$WORK/mtnan1db" -c 'trend time of "Compression.time_read" where "Data format" = "HDF5.table" and Compression = "zstd" as csv'
check_out "asv: ... and the combination after it (HDF5.table, zstd) keeps result[1]" ",0.8446918809786439,"
run "$BENCHDB" import-asv --help
check_out "import-asv --help says skipped (NaN) benchmarks are left out too" \
	"skipped (NaN) benchmarks and directories without machine.json are left out"
XDR=$REAL/asv/xdslproject__xdsl-bench.excerpt/.asv/results
XDNAN=$WORK/xdnan/github-action
mkdir -p "$XDNAN"
cp "$XDR/benchmarks.json" "$WORK/xdnan/"
cp "$XDR/github-action/machine.json" "$XDNAN/"
sed 's/"components.Lexer.time_add": \[\[4\.897406926447808e-05\]/"components.Lexer.time_add": [[NaN]/' \
	"$XDR/github-action/02535bbc-virtualenv-pypy3.11.json" >"$XDNAN/02535bbc-virtualenv-pypy3.11.json"
run "$BENCHDB" --db "$WORK/xdnandb" import-asv "$WORK/xdnan"
check_rc "asv: a benchmark without parameters skipped ([[NaN]]) imports" 0
check_err "asv: ... and is left out and counted, as skipped" '"components.Lexer.time_add" was skipped (NaN result) in combination 1'
# A malformed file reports file positions after the replaced tokens too:
# the "x" after 56 Infinity and a NaN, in column 4309 of the one-line file.
sed 's/"durations": /"durations": x/' "$WORK/mtnan/trafficgpu1/fd1b2d32-env-1f92a6b7d13e771a10b03cfa987759f7.json" \
	>"$WORK/mtnan/trafficgpu1/bad.json"
run "$BENCHDB" --db "$WORK/mtnandb2" import-asv "$WORK/mtnan"
check_rc "asv: a malformed result file exits 3" 3
check_err "asv: at its position" "bad.json:1:4309: invalid JSON"

# xdsl-bench (an excerpt, format version 2): benchmarks.json no longer
# defines these benchmarks (it is written anew by each asv run), so their
# names give the type. timeraw_ is asv's other time prefix: it was taken for
# a track, unitless and with no direction.
XD=$REAL/asv/xdslproject__xdsl-bench.excerpt/.asv/results
run "$BENCHDB" --db "$WORK/xd" import-asv "$XD"
check_rc "xdsl-bench: imports" 0
run "$BENCHDB" --db "$WORK/xd" -c 'trend time of "microbenchmarks.ImportClasses.timeraw_import_xdsl_opt" as csv'
check_out "xdsl-bench: a timeraw_ benchmark is a time in s, with its interval" \
	",02535bbcd950fad607917492bd067e88953e12b7,0.3175364580000064,0.31403,0.32481,s"
run "$BENCHDB" --db "$WORK/xd" -c 'show metrics as csv'
check_out "xdsl-bench: one metric, time, lower is better" "time,s,lower,,3,"
run "$BENCHDB" --db "$WORK/xd" export --format json latest
check_out "xdsl-bench: the environment has machine.json's ram and the python" '"python": "pypy3.11"'

# sympy_benchmarks (an excerpt, format version 1, 2017): bare numbers beside
# parameterised results without stats, parameters as reprs of tuples and
# lists, and no benchmarks.json entry (names give the types, param1.. the keys).
SY=$REAL/asv/asmeurer__sympy_benchmarks.excerpt/results
run "$BENCHDB" --db "$WORK/sy" import-asv "$SY"
check_rc "sympy: imports" 0
run "$BENCHDB" --db "$WORK/sy" -c 'show points as csv'
check "sympy: 21 points (6 + 1 + 2 + 1 + 8 + 3)" test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 21
run "$BENCHDB" --db "$WORK/sy" -c 'trend time of "solve.TimeMatrixArithmetic.time_dense_add" where param1 = "4" and param2 = "5" as csv'
check_out "sympy: (4, 5) is result[3] of the 4 x 2 product" ",4c15bbb94a1b5f878d355206d080f0a395baa7fd,5.931989999999998e-05,,,s"
run "$BENCHDB" --db "$WORK/sy" -c 'trend peakmemory of "large_exprs.TimeLargeExpressionOperations.peakmem_subs" as csv'
check_out "sympy: a bare peakmem_ number is peakmemory in B" ",44425216,,,B"
run "$BENCHDB" --db "$WORK/sy" -c 'trend time of "solve.TimeMatrixSolve.time_solve" where param1 = "GE" as csv'
check_out "sympy: 'GE' is GE" ",0.827949,,,s"

# fast-histogram (format version 1, 2017): three parameters, 40 combinations,
# dtype values written as reprs ('>i4'); stats[i].ci_99 are the bounds.
FH=$REAL/asv/astrofrog__fast-histogram.excerpt/results
run "$BENCHDB" --db "$WORK/fh" import-asv "$FH"
check_rc "fast-histogram: a version 1 file imports" 0
run "$BENCHDB" --db "$WORK/fh" -c 'show points as csv'
check "fast-histogram: 40 points" test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 40
run "$BENCHDB" --db "$WORK/fh" -c 'trend time of "benchmarks.Histogram1D.time_histogram1d" where fast = "False" and dtype = ">i4" and size = "1000.0" as csv'
check_out "fast-histogram: result[0] with stats[0].ci_99, at the commit's date (ms)" \
	",2017-07-18T16:46:39Z,0bd667e28d26d49558583e2cb3fc6f89355d0472,0.0002855343772845952,0.00028515321671018285,0.00028698649086161864,s"
run "$BENCHDB" --db "$WORK/fh" -c 'trend time of "benchmarks.Histogram1D.time_histogram1d" where fast = "True" and dtype = "<f8" and size = "10000000.0" as csv'
check_out "fast-histogram: the last combination (True, '<f8', 1e7) is result[39]" ",0.06507425450000004,,,s"

# --- ingest --list-formats ---
run "$BENCHDB" ingest --list-formats
check_rc "--list-formats exits 0" 0
# One line for every format of the registry (the enum of ingest.h, AUTO and COUNT aside).
formats=$(grep -cE '^[[:space:]]+BDB_INPUT_[A-Z0-9_]+,' "$ROOT/engine/ingest/ingest.h")
check "--list-formats prints one format a line ($formats)" test "$(grep -c '^' "$OUT")" -eq "$formats"
check "--list-formats lists at least the 14 formats of this branch" test "$formats" -ge 14
check "--list-formats names the tool and what it reads" \
	grep -qE '^gab +github-action-benchmark +custom JSON' "$OUT"
run "$BENCHDB" ingest --list-formats --json
check_out "--list-formats --json gives objects" '{"name": "cargo", "tool": "Rust libtest", "reads": '
# --json before it too (as `benchdb --json ingest --list-formats`): it was
# "ingest: unknown option '--json'", exit 2.
run "$BENCHDB" ingest --json --list-formats
check_rc "ingest --json --list-formats exits 0" 0
check_out "ingest --json --list-formats gives the objects" '{"name": "cargo", "tool": "Rust libtest", "reads": '

# The directory asv runs in (asv.conf.json) is not the results directory: the
# error named only what it lacked; it names the results directory to give.
PROJECT=$REAL/asv/kedro-org__kedro-benchmark-results
run "$BENCHDB" --db "$WORK/project" import-asv "$PROJECT/"
check_rc "asv: the project directory exits 3" 3
check_err "asv: naming its results directory" \
	"$PROJECT/: is an asv project (asv.conf.json), not its results directory: import $PROJECT/.asv/results"
check "asv: and stores nothing" test ! -e "$WORK/project"

# --- --branch: the histories record no branch; --branch B puts every
# imported run on B, so that check --against-branch B has a run to judge
# the first CI job against. A re-import without it is a different run.
DB=$WORK/branch
run "$BENCHDB" --db "$DB" import-gab --branch main "$GAB/nebulastream__nautilus.first40.data.js"
check_rc "--branch main: the history imports" 0
run "$BENCHDB" --db "$DB" -c "show runs where branch = main as csv"
check "--branch main: all 40 runs are on main" test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 40
run "$BENCHDB" --db "$DB" import-gab --branch main "$GAB/nebulastream__nautilus.data.js"
check_out "--branch main: the grown file adds its 33 entries, the 40 unchanged" \
	"Imported 33 run(s) from 73 entries of $GAB/nebulastream__nautilus.data.js (40 unchanged"
# The newest imported entry is 29c739a7fc (2025-12-13T06:53:03Z): a run of
# the same series on a feature branch is judged against it.
printf '{"entries":{"Tracing Benchmark":[{"commit":{"id":"feed000","timestamp":"2025-12-14T00:00:00Z","url":"u"},"date":1765670400000,"tool":"catch2","benches":[{"name":"trace_add","value":9.5,"unit":"us","range":"± 0.1"}]}]},"lastUpdate":1,"repoUrl":"r"}' \
	>"$WORK/next.json"
run "$BENCHDB" --db "$DB" import-gab --branch feature "$WORK/next.json"
check_rc "a feature branch's run imports" 0
run "$BENCHDB" --db "$DB" check --commit feed000 --against-branch main --format json
check_rc "check --against-branch main judges it (a regression: exit 1)" 1
check_out "  against the newest imported run of main (29c739a7fc)" '"base": "gab-da5723c12603296f"'
run "$BENCHDB" --db "$DB" import-gab "$GAB/nebulastream__nautilus.first40.data.js"
check_rc "the same entries without --branch are different runs: exit 3" 3
check_err "  said, with the way to replace them" "already holds a different run"
check_err "  naming the difference: the branch they were imported on" \
	'(first difference: branch (stored "main", new (none))); replace it to import this one'
# ... and the hint said only "--replace replaces the stored runs", which
# would move every imported run off main (check --against-branch main then
# has no base), where the user had forgotten --branch main (atk42).
check_err "  the hint says to give the branch again" \
	"benchdb: hint: the stored runs were imported on branch main (import-gab or import-asv --branch main): import with it again to add what is new; --replace would move them off branch main"
check "  and not only to replace them" sh -c "! grep -qx 'benchdb: hint: --replace replaces the stored runs' '$ERR'"
run "$BENCHDB" --db "$WORK/nobranch" import-gab "$GAB/nebulastream__nautilus.first40.data.js"
run "$BENCHDB" --db "$WORK/nobranch" import-gab --branch main "$GAB/nebulastream__nautilus.first40.data.js"
check_rc "entries imported without --branch, then with it: exit 3" 3
check_err "  the hint says how to add and what --replace does" \
	"benchdb: hint: the stored runs were imported without --branch: import without it again to add what is new; --replace would move them to the new branch"
run "$BENCHDB" --db "$DB" import-gab --branch '' "$GAB/nebulastream__nautilus.data.js"
check_rc "an empty --branch is a usage error" 2
check_err "  said" "import-gab: --branch: expected a branch name, got an empty one"
run "$BENCHDB" --db "$WORK/asvbranch" import-asv --branch main "$ASV"
check_rc "import-asv --branch main imports" 0
run "$BENCHDB" --db "$WORK/asvbranch" -c "show runs where branch != main as csv"
check "import-asv --branch main: no run off main" test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 0

# A cargo history continues: the action's "ns/iter" and cargo's own "ns"
# (benchdb ingest of `cargo bench` output) are one series when the run is
# ingested with the suite tag; before, the ingest failed ("unit \"ns\"
# cannot be converted to the series' unit \"ns/iter\"").
DB=$WORK/cargo
printf 'window.BENCHMARK_DATA = {"lastUpdate":1,"repoUrl":"r","entries":{"Rust Benchmark":[{"commit":{"id":"c0ffee1","timestamp":"2026-01-01T00:00:00Z","url":"u"},"date":1767225600000,"tool":"cargo","benches":[{"name":"tests::bench_parse","value":1000,"range":"± 40","unit":"ns/iter"}]}]}}\n' \
	>"$WORK/cargo.data.js"
run "$BENCHDB" --db "$DB" import-gab --branch main "$WORK/cargo.data.js"
check_rc "cargo: the history imports on main" 0
GITHUB_SHA=abc1234 GITHUB_REF_NAME=feature run "$BENCHDB" --db "$DB" ingest \
	--tag "suite=Rust Benchmark" --timestamp 2026-01-02T00:00:00Z "$ROOT/tests/fixtures/cargo/libtest.txt"
check_rc "cargo: its native output ingests into the same series" 0
run "$BENCHDB" --db "$DB" -c 'trend time of "tests::bench_parse" as csv'
check "cargo: one series of two runs" test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 2
check_out "cargo: 1,234 ns in the series' ns/iter" ",abc1234,1234,1178,1290,ns/iter"
run "$BENCHDB" --db "$DB" check --commit abc1234 --against-branch main
check_rc "cargo: the first job is judged against the imported main (+23.4 %: exit 1)" 1
check_out "  the change" "tests::bench_parse [suite=Rust Benchmark] time: 1000.00 → 1234.00 (+23.4%)"
# benchmark.js: the action's "ops/sec" and benchdb's own reading of the
# same lines are one series too.
DB=$WORK/benchmarkjs
printf 'window.BENCHMARK_DATA = {"lastUpdate":1,"repoUrl":"r","entries":{"Benchmark":[{"commit":{"id":"c0ffee1","timestamp":"2026-01-01T00:00:00Z","url":"u"},"date":1767225600000,"tool":"benchmarkjs","benches":[{"name":"RegExp#test","value":60000000,"range":"±3.00%%","unit":"ops/sec","extra":"90 samples"}]}]}}\n' \
	>"$WORK/bjs.data.js"
run "$BENCHDB" --db "$DB" import-gab --branch main "$WORK/bjs.data.js"
GITHUB_SHA=abc1234 GITHUB_REF_NAME=feature run "$BENCHDB" --db "$DB" ingest \
	--tag suite=Benchmark --timestamp 2026-01-02T00:00:00Z "$ROOT/tests/fixtures/benchmarkjs/suite.txt"
run "$BENCHDB" --db "$DB" check --commit abc1234 --against-branch main
check_rc "benchmark.js: the first job is judged against the imported main (-15.5 %: exit 1)" 1
check_out "  the change" "RegExp#test [suite=Benchmark] throughput: 60000000.00 → 50721161.00 (-15.5%)"

# README's `import-asv .asv/results` run where that folder does not exist
# said ".asv/results: is not a directory" (found by atk29): a missing folder
# is said as such; a file given for a folder is still "not a directory".
run "$BENCHDB" --db "$WORK/none" import-asv .asv/results
check_rc "import-asv of a missing folder exits 3" 3
check_err "and says it does not exist" \
	"benchdb: error: .asv/results: cannot open: No such file or directory"
run "$BENCHDB" --db "$WORK/none" import-benchkit no-such-store
check_err "import-benchkit of a missing folder says so" \
	"benchdb: error: no-such-store: cannot open: No such file or directory"
run "$BENCHDB" --db "$WORK/none" import-asv "$ROOT/README.md"
check_err "a file given for the folder: not a directory" "README.md: is not a directory"
check "and no store is made" test ! -e "$WORK/none"


# An import whose last transaction fails (a disk full from its last write
# on: tests/fault/fault.c, ENOSPC) keeps the runs of the transactions
# before it; it says so, and that the same import again stores the rest.
# Before, it said only "cannot store the 66 runs ... (one transaction): No
# space left on device; none of them was stored", and a user took the
# import for one that stored nothing, though 200 runs were in the store.
SHIM=$ROOT/${BENCHDB_BUILD:-build}/tools/libfault.so
ASAN_SHIM=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
COLOR=$ROOT/tests/realdata/gab/kurkle__color.data.js
P=$WORK/partial
"$BENCHDB" --db "$P" ingest --id first "$FIXTURES/gbench_plain.json" >/dev/null
cp -r "$P" "$WORK/partial-trace"
rm -f "$WORK/import-trace"
ASAN_OPTIONS=$ASAN_SHIM FAULT_TRACE=$WORK/import-trace FAULT_PATH_SUBSTR=data.mdb LD_PRELOAD=$SHIM \
	"$BENCHDB" --db "$WORK/partial-trace" import-gab "$COLOR" >/dev/null 2>&1
last=$(grep -c '' "$WORK/import-trace")
run env ASAN_OPTIONS="$ASAN_SHIM" FAULT_AT="$last" FAULT_ERRNO=ENOSPC FAULT_STICKY=1 \
	FAULT_PATH_SUBSTR=data.mdb LD_PRELOAD="$SHIM" "$BENCHDB" --db "$P" import-gab "$COLOR"
check_rc "import-gab whose last transaction fails exits 3" 3
check_err "  saying that transaction's runs were not stored" \
	"(one transaction): No space left on device; none of them was stored"
check_err "  and that those before it were" \
	"benchdb: note: $COLOR: the transactions before it stored 200 run(s) (0 unchanged, 0 replaced), which stay; the same import again stores the rest"
check "  which are in the store" \
	test "$("$BENCHDB" --db "$P" -c 'show runs as csv' | grep -c '^gab-')" -eq 200
run "$BENCHDB" --db "$P" import-gab "$COLOR"
check_out "  and the same import again stores the rest" \
	"Imported 66 run(s) from 266 entries of $COLOR (200 unchanged, 0 replaced)"

finish
