#!/usr/bin/env bash
# tests/cli/test_small_defects.sh - issue 23, item 16: export keeps the JSON
# types of environment values; benchkit's summary prints the time as Python's
# datetime.fromisoformat(s).isoformat(); the README says how to install.
# (A read-only store is queried in test_store_damage.sh, as another user.)
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB

# export: numbers stay numbers, booleans booleans, arrays arrays.
"$BENCHDB" ingest --id g "$FIXTURES/gbench_plain.json" >/dev/null
run "$BENCHDB" export g
check_rc "export exits 0" 0
check_out "a number in the environment stays a number" '"num_cpus": 2,'
check_out "a boolean stays a boolean" '"cpu_scaling_enabled": false,'
check_out "an array stays an array" '"caches": [{'
run "$BENCHDB" export --format json g
check_out "the JSON export keeps the number too" '"num_cpus": 2'
"$BENCHDB" ingest --id p "$FIXTURES/pytest_benchmark.json" >/dev/null
run "$BENCHDB" export p
check_out "pytest's machine_info keeps its nesting" '"cpu": {'
check_out "and its arrays" '"python_build": ["main", "Apr 28 2025 14:11:48"]'
# The export reads back to the same run.
"$BENCHDB" export g >"$WORK/g.json"
run "$BENCHDB" ingest "$WORK/g.json"
check_out "the export ingests back unchanged" "Run g is already stored, unchanged"

# benchkit's summary: Python's isoformat() of the file's time.
stamp() { # TEXT ID: a benchkit run with that timestamp, ingested, then summary's line
	sed "s/\"timestamp\": \"[^\"]*\"/\"timestamp\": \"$1\"/; s/\"id\": \"[^\"]*\"/\"id\": \"$2\"/" \
		"$FIXTURES/benchkit/run_full.json" >"$WORK/$2.json"
	"$BENCHDB" ingest "$WORK/$2.json" >/dev/null
	"$BENCHDB" summary "$2" | sed -n 2p
}
check "a naive time stays naive" test "$(stamp 2026-02-10T09:05:00 t1)" = "Timestamp: 2026-02-10T09:05:00"
check "an offset stays an offset" \
	test "$(stamp 2026-02-10T09:05:00.250000+02:00 t2)" = "Timestamp: 2026-02-10T09:05:00.250000+02:00"
check "Z becomes +00:00" test "$(stamp 2026-02-10T09:05:00Z t3)" = "Timestamp: 2026-02-10T09:05:00+00:00"
check "a compact negative offset gets its colon" \
	test "$(stamp '2026-02-10 09:05:00.5-0530' t4)" = "Timestamp: 2026-02-10T09:05:00.500000-05:30"
check "a date alone is midnight, naive" test "$(stamp 2026-02-10 t5)" = "Timestamp: 2026-02-10T00:00:00"

# README: how to put benchdb on the PATH, and make install does that.
check "README says make install PREFIX=" grep -q 'make install PREFIX=' "$ROOT/README.md"
check "make install PREFIX=DIR installs DIR/bin/benchdb" \
	sh -c "make -n -C '$ROOT' install PREFIX='$WORK/prefix' BUILD='${BENCHDB_BUILD:-build}' | grep -q '$WORK/prefix/bin/benchdb'"

finish
