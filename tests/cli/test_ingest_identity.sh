#!/usr/bin/env bash
# tests/cli/test_ingest_identity.sh - a time taken from the clock or a file's
# modification time is not part of a run: the same results ingested again
# (through a pipe, from a copied Criterion tree) are the stored run,
# unchanged; two runs that really differ are refused naming the first field
# that differs (issue 23, item 12).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB

run "$BENCHDB" ingest "$FIXTURES/hyperfine.json"
check_rc "a file without a time ingests" 0
ID=$(sed -n 's/^Ingested run \([^ ]*\) .*/\1/p' "$OUT")
STDIN=$FIXTURES/hyperfine.json run "$BENCHDB" ingest -
check_rc "the same file piped through stdin exits 0" 0
check_out_exact "it is the stored run, unchanged" "Run $ID is already stored, unchanged (3 points, 9 metrics)"
cp "$FIXTURES/hyperfine.json" "$WORK/h.json" && touch -d '2001-02-03 04:05:06' "$WORK/h.json"
run "$BENCHDB" ingest "$WORK/h.json"
check_out_exact "a copy with another mtime is unchanged" "Run $ID is already stored, unchanged (3 points, 9 metrics)"
run "$BENCHDB" -c 'show runs as csv'
check "one run is stored" test "$(grep -c '^' "$OUT")" -eq 2

# A copied Criterion tree: new modification times, the same results.
run "$BENCHDB" ingest "$FIXTURES/criterion"
check_rc "a Criterion tree ingests" 0
cp -r "$FIXTURES/criterion" "$WORK/crit"
find "$WORK/crit" -type f -exec touch -d '2001-02-03 04:05:06' {} +
run "$BENCHDB" ingest "$WORK/crit"
check_rc "a copied Criterion tree exits 0" 0
check_out "it is the stored run, unchanged" "is already stored, unchanged (3 points, 5 metrics)"

# Real differences are refused, naming the first field that differs.
sed 's/"mean": 0.0121196562/"mean": 0.5/' "$FIXTURES/hyperfine.json" >"$WORK/h2.json"
run "$BENCHDB" ingest --id "$ID" "$WORK/h2.json"
check_rc "a different run under the same id exits 3" 3
check_err "the message names the differing value" \
	'different contents (first difference: point "sleep 0.01": metric "time": value (stored 0.0121196562, new 0.5))'
run "$BENCHDB" ingest --id "$ID" --commit abc "$FIXTURES/hyperfine.json"
check_rc "another commit exits 3" 3
check_err "the message names the commit" 'first difference: commit (stored (none), new "abc")'
run "$BENCHDB" ingest --id g1 --timestamp 2026-01-01 "$FIXTURES/gbench_plain.json"
run "$BENCHDB" ingest --id g1 --timestamp 2026-01-02 "$FIXTURES/gbench_plain.json"
check_rc "a timestamp given that differs exits 3" 3
check_err "the message names the timestamp" \
	'first difference: timestamp (stored 2026-01-01T00:00:00Z, new 2026-01-02T00:00:00Z)'

finish
