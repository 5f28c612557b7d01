#!/usr/bin/env bash
# tests/cli/test_import_continuity.sh - after import-gab, does a CI job
# that ingests the tool's own output continue the imported series? On the
# real histories of tests/realdata/gab: benchmark.js (kurkle/color) does,
# with --tag suite=SUITE; Catch2 (nautilus) and go (moov-io) do not, as
# docs/migrating.md says (the adapters keep tags the action dropped:
# Catch2's test_case, go's pkg and procs). import-gab says so on stderr
# for the tools whose series will not continue; it said nothing, and a
# migrated gate judged new series with no history behind them.
. "$(dirname "$0")/lib.sh"
GAB=$ROOT/tests/realdata/gab

# series DB POINT: how many tag sets POINT has in DB.
series() {
	"$BENCHDB" --db "$1" -c "show points as csv" | awk -F, -v p="$2" '$1 == p' | wc -l
}

# --- benchmark.js: continues ----------------------------------------------
DB=$WORK/color
run "$BENCHDB" --db "$DB" import-gab --branch main "$GAB/kurkle__color.data.js"
check_rc "color: imports" 0
check "color: no note (benchmark.js series continue)" sh -c "! grep -q 'note:' '$ERR'"
# The last entry's first two results as benchmark.js prints them.
cat >"$WORK/bjs.txt" <<'EOF'
parse #d6F|@kurkle/color x 64,111,337 ops/sec ±1.02% (91 runs sampled)
parse #d6F|chartjs-color x 1,001,792 ops/sec ±0.36% (93 runs sampled)
EOF
GITHUB_SHA=feedbeef GITHUB_REF_NAME=main run "$BENCHDB" --db "$DB" ingest --tag suite=Comparison "$WORK/bjs.txt"
check_rc "color: the new output ingests" 0
run "$BENCHDB" --db "$DB" -c 'trend throughput of "parse #d6F|@kurkle/color" where suite = "Comparison" as csv'
check "color: one series, 133 imported runs and the new one" \
	test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 134
# Bounds 64111337 x (1 -+ 0.0102), benchmark.js's margin of error.
check_out "color: the new run is its last row, in the same unit" \
	',feedbeef,64111337,63457401.3626,64765272.6374,ops/s'
check "color: still one series of that point" test "$(series "$DB" 'parse #d6F|@kurkle/color')" -eq 1
run "$BENCHDB" --db "$DB" check --against-branch main
check_rc "color: the gate judges the new run against the last imported one" 0
check_out "color: and passes (-1.5%)" "PASS: No regressions detected (threshold=5%)"

# The action's alert-threshold (fail-threshold: the same unless set) is a
# ratio, worse over better, default 200%: previous/current for benchmark.js
# (bigger is better), current/previous for cargo. migrating.md gave
# '--threshold 5%' for 'fail-on-alert: true' and said nothing of it: a gate
# twenty times stricter than the workflow it replaced. 200% is --threshold
# 50% for a bigger-is-better tool: 65111337 ops/s (the last entry) to
# 45000000 is a ratio of 1.447, no alert (-30.9%); to 30000000 one of 2.17,
# an alert (-53.9%).
check "color: migrating.md maps the action's default 200% to --threshold 50% for benchmark.js" \
	sh -c 'tr "\n" " " <"$1" | grep -qF -- "\`--threshold 50%\` for \`benchmarkjs\`"' _ "$ROOT/docs/migrating.md"
for v in 45,000,000:0 30,000,000:1; do
	printf 'parse #d6F|@kurkle/color x %s ops/sec \xc2\xb11.02%% (91 runs sampled)\n' "${v%:*}" >"$WORK/bjs2.txt"
	sha=$(echo "${v%:*}" | tr -d ,)
	GITHUB_SHA=$sha GITHUB_REF_NAME=pr run "$BENCHDB" --db "$DB" ingest --tag suite=Comparison "$WORK/bjs2.txt"
	run "$BENCHDB" --db "$DB" check --commit "$sha" --against-branch main --threshold 50%
	check_rc "color: ${v%:*} ops/s against 65111337 at --threshold 50%: exit ${v#*:}, as the action at 200%" "${v#*:}"
done
# ... and --threshold 100% for a smaller-is-better one: 100 to 199 ns/iter
# (ratio 1.99) passes, 100 to 201 (2.01) fails.
cat >"$WORK/cargo.data.js" <<'EOF'
window.BENCHMARK_DATA = {"lastUpdate": 1, "repoUrl": "r", "entries": {"Benchmark": [
 {"commit": {"id": "aaaa", "timestamp": "2024-01-01T00:00:00Z"}, "date": 1704067200000, "tool": "cargo",
  "benches": [{"name": "bench_fib", "value": 100, "range": "\u00b1 1", "unit": "ns/iter"}]}]}}
EOF
run "$BENCHDB" --db "$WORK/cargo" import-gab --branch main "$WORK/cargo.data.js"
check "cargo: migrating.md maps 200% to --threshold 100% for cargo" \
	sh -c 'tr "\n" " " <"$1" | grep -qF -- "\`--threshold 100%\` for \`cargo\`"' _ "$ROOT/docs/migrating.md"
for v in 199:0 201:1; do
	printf 'test bench_fib ... bench:         %s ns/iter (+/- 1)\n' "${v%:*}" >"$WORK/cargo.txt"
	GITHUB_SHA=c${v%:*} GITHUB_REF_NAME=pr run "$BENCHDB" --db "$WORK/cargo" ingest --tag suite=Benchmark "$WORK/cargo.txt"
	run "$BENCHDB" --db "$WORK/cargo" check --commit "c${v%:*}" --against-branch main --threshold 100%
	check_rc "cargo: 100 to ${v%:*} ns/iter at --threshold 100%: exit ${v#*:}, as the action at 200%" "${v#*:}"
done

# --- Catch2: a new series, said at import ----------------------------------
DB=$WORK/nautilus
run "$BENCHDB" --db "$DB" import-gab --branch main "$GAB/nebulastream__nautilus.data.js"
check_rc "nautilus: imports" 0
check_err "nautilus: a note says Catch2's own output makes other series" \
	"nebulastream__nautilus.data.js: the imported series keep the action's names; 'benchdb ingest' of the tool's own output names its series otherwise, so runs ingested from it start new series (catch2: points tagged test_case; docs/migrating.md)"
# trace_add of the last entry (1.31462 us) as Catch2's console prints it.
cat >"$WORK/catch2.txt" <<'EOF'

~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
nautilus-bench is a Catch v2.13.10 host application.
Run with -? for options

-------------------------------------------------------------------------------
Tracing Benchmark
-------------------------------------------------------------------------------
TracingBenchmark.cpp:20
...............................................................................

benchmark name                       samples       iterations    estimated
                                     mean          low mean      high mean
                                     std dev       low std dev   high std dev
-------------------------------------------------------------------------------
trace_add                                      100            22     2.8922 ms 
                                        1.31462 us    1.29683 us    1.33521 us 
                                        93.3421 ns    79.7421 ns    114.322 ns 
                                                                               

===============================================================================
test cases: 1 | 1 passed
assertions: - none -

EOF
GITHUB_SHA=feedbeef GITHUB_REF_NAME=main run "$BENCHDB" --db "$DB" ingest --tag "suite=Tracing Benchmark" "$WORK/catch2.txt"
check_rc "nautilus: the new output ingests" 0
check "nautilus: trace_add is two series now (the new one tagged test_case)" \
	test "$(series "$DB" trace_add)" -eq 2
run "$BENCHDB" --db "$DB" -c 'trend time of trace_add where not test_case ~ "*" as csv'
check "nautilus: the imported series has its 72 runs (trace_add is in 72 of 73 entries), not the new one" \
	test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 72
run "$BENCHDB" --db "$DB" -c 'trend time of trace_add where test_case = "Tracing Benchmark" as csv'
check "nautilus: the new series has the new run alone" test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 1

# --- go: a new series, said at import ---------------------------------------
DB=$WORK/moov
run "$BENCHDB" --db "$DB" import-gab --branch main "$GAB/moov-io__benchmarks.data.js"
check_rc "moov: imports" 0
check_err "moov: a note says go's own output makes other series" \
	'(go: points tagged pkg and procs, with metrics alloc_bytes and allocs for the action'"'"'s "NAME - B/op" and "NAME - allocs/op"; docs/migrating.md)'
printf 'goos: linux\ngoarch: amd64\npkg: github.com/moov-io/ach\nBenchmarkBuildFile-4   \t   95439\t     12494 ns/op\t    9668 B/op\t      99 allocs/op\nPASS\n' >"$WORK/go.txt"
GITHUB_SHA=feedbeef GITHUB_REF_NAME=main run "$BENCHDB" --db "$DB" ingest --tag "suite=moov-io/ach" "$WORK/go.txt"
check_rc "moov: the new output ingests" 0
run "$BENCHDB" --db "$DB" -c 'show points as csv'
check_out "moov: the imported series of suite moov-io/ach" 'BenchmarkBuildFile,suite=moov-io/ach,,time'
check_out "moov: and the new one beside it, tagged pkg and procs" \
	'BenchmarkBuildFile,"pkg=github.com/moov-io/ach,procs=4,suite=moov-io/ach",,"alloc_bytes, allocs, time"'

# --- several tools in one history: each said once ---------------------------
sed -e 's/"tool": "catch2"/"tool": "jmh"/' "$GAB/nebulastream__nautilus.first40.data.js" >"$WORK/jmh.data.js"
run "$BENCHDB" --db "$WORK/jmh" import-gab "$WORK/jmh.data.js"
check_err "jmh: said once, with what its own output names otherwise" \
	"(jmh: the benchmark without its parameters as the point, with mode and parameters as tags; docs/migrating.md)"
check "jmh: one note" test "$(grep -c 'note:' "$ERR")" -eq 1

finish
