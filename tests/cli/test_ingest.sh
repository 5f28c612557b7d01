#!/usr/bin/env bash
# tests/cli/test_ingest.sh - ingest: every real tool output, identical
# re-ingest, replace, and bad input that must leave the store as it was.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB

# The real outputs of each tool (tests/fixtures/*, made by running the tools).
run "$BENCHDB" ingest --id gb --timestamp 2026-01-01 "$FIXTURES/gbench_reps.json"
check_rc "gbench ingests" 0
check_out "gbench reports the run" "Ingested run gb ("
run "$BENCHDB" ingest --id hf --timestamp 2026-01-02 "$FIXTURES/hyperfine.json"
check_rc "hyperfine ingests" 0
run "$BENCHDB" ingest --id py --timestamp 2026-01-03 "$FIXTURES/pytest_benchmark.json"
check_rc "pytest-benchmark ingests" 0
run "$BENCHDB" ingest --id go --timestamp 2026-01-04 "$FIXTURES/gotest_bench.txt"
check_rc "go test -bench ingests" 0
run "$BENCHDB" ingest --id cr --timestamp 2026-01-05 "$FIXTURES/criterion"
check_rc "a criterion directory ingests" 0
STDIN=$FIXTURES/hyperfine_param.json run "$BENCHDB" ingest --id stdin --timestamp 2026-01-06 -
check_rc "standard input ingests" 0

run "$BENCHDB" -c 'show runs as csv'
check_rc "show runs after ingest" 0
check "six runs are listed" test "$(grep -c '^' "$OUT")" -eq 7

# Identical re-ingest: a no-op, and said so.
run "$BENCHDB" ingest --id gb --timestamp 2026-01-01 "$FIXTURES/gbench_reps.json"
check_rc "identical re-ingest exits 0" 0
check_out "identical re-ingest is reported unchanged" "already stored, unchanged"

# A different run under the same id: refused, then replaced on request.
run "$BENCHDB" ingest --id gb --timestamp 2026-01-01 "$FIXTURES/gbench_plain.json"
check_rc "a different run under an existing id exits 3" 3
check_err "the conflict suggests --replace" "--replace"
run "$BENCHDB" ingest --replace --id gb --timestamp 2026-01-01 "$FIXTURES/gbench_plain.json"
check_rc "--replace exits 0" 0
check_out "--replace reports the replacement" "Replaced run gb"

# Bad input: a clear error with a position, exit 3, and the store unchanged.
"$BENCHDB" -c 'show runs as json' >"$WORK/before.json"
cp "$DB/data.mdb" "$WORK/before.mdb"
printf '{"context": {}, "benchmarks": [{"name": "x", "real_time": }]}\n' >"$WORK/bad.json"
run "$BENCHDB" ingest "$WORK/bad.json"
check_rc "malformed JSON exits 3" 3
check_err "malformed JSON says file:line:col" "bad.json:1:"
printf 'not a benchmark at all\n' >"$WORK/junk.txt"
run "$BENCHDB" ingest "$WORK/junk.txt"
check_rc "unrecognised input exits 3" 3
check_err "unrecognised input names the file" "junk.txt"
run "$BENCHDB" ingest "$WORK/missing.json"
check_rc "a missing file exits 3" 3
check_err "a missing file is named" "missing.json"
# One bad file among good ones: the good one is stored, the bad one is not.
run "$BENCHDB" ingest --timestamp 2026-02-01 "$WORK/bad.json" "$FIXTURES/hyperfine_param.json"
check_rc "a bad file among good ones exits 3" 3
check_out "the good file is still ingested" "Ingested run"
run "$BENCHDB" -c 'show runs as csv'
check "seven runs after the mixed ingest" test "$(grep -c '^' "$OUT")" -eq 8
"$BENCHDB" verify >/dev/null
check "verify is clean after failed ingests" test $? -eq 0

# A failed ingest alone leaves data.mdb byte for byte as it was.
DB2=$WORK/db2
"$BENCHDB" --db "$DB2" ingest --id a --timestamp 2026-01-01 "$FIXTURES/gbench_plain.json" >/dev/null
cp "$DB2/data.mdb" "$WORK/db2-before.mdb"
run "$BENCHDB" --db "$DB2" ingest "$WORK/bad.json"
check_rc "bad ingest into db2 exits 3" 3
check "data.mdb is unchanged by a failed ingest" cmp -s "$DB2/data.mdb" "$WORK/db2-before.mdb"

# Many files in one ingest are stored up to 100 runs per transaction
# (bdb_ingest_files); each run stays atomic and each file fails alone.
# mk_run ID DAY VALUE FILE: a one-point benchkit run.
mk_run() {
	printf '{"id": "%s", "timestamp": "2026-03-%02dT10:00:00Z", "points": [{"name": "p", "tags": {"k": "v"}, "metrics": {"time": {"value": %s, "unit": "ns"}, "mem": {"value": 7, "unit": "MiB"}}}]}\n' \
		"$1" "$2" "$3" >"$4"
}
BD=$WORK/batch
mkdir -p "$BD"
for ((i = 1; i <= 250; i++)); do
	mk_run "b-$i" $((i % 28 + 1)) "$i.5" "$(printf '%s/f%03d.json' "$BD" "$i")"
done
# In the first batch: a file that does not parse, and a copy of run b-3.
printf '{"id": "b-bad", "points": [}\n' >"$BD/f050.json"
cp "$BD/f003.json" "$BD/f060.json"
# In the second batch: a different run under b-7's id (refused without
# --replace), and a run whose unit does not convert to its series' unit
# (refused by the store, not by the parser).
mk_run b-7 9 99 "$BD/f150.json"
printf '{"id": "b-unit", "points": [{"name": "p", "tags": {"k": "v"}, "metrics": {"time": {"value": 1, "unit": "MiB"}}}]}\n' \
	>"$BD/f160.json"
DB4=$WORK/db4
run "$BENCHDB" --db "$DB4" ingest "$BD"/f*.json
check_rc "a batched ingest with failing files exits 3" 3
check "every stored run is reported, in file order" \
	test "$(grep -c '^Ingested run b-' "$OUT")" -eq 246
check "the reports keep the order of the files" \
	bash -c "grep -o '^Ingested run b-[0-9]*' '$OUT' | cut -d- -f2 | sort -n -c"
check_out "the copy of b-3 in the same batch is unchanged" "Run b-3 is already stored, unchanged"
check_err "the malformed file is named with its position" "f050.json:1:"
check_err "the conflicting run is refused" 'run "b-7" is already stored'
check_err "the run with a unit that does not convert is refused" 'unit "MiB" cannot be converted'
check "the three failures are reported on stderr" \
	test "$(grep -c '^benchdb: error:' "$ERR")" -eq 3
run "$BENCHDB" --db "$DB4" -c 'show runs as csv'
check "the 246 good runs are stored, and no other" test "$(grep -c '^b-' "$OUT")" -eq 246
check "the runs around the refused ones are stored" \
	bash -c "grep -q '^b-149,' '$OUT' && grep -q '^b-151,' '$OUT' && grep -q '^b-159,' '$OUT' && grep -q '^b-161,' '$OUT'"
check "the refused run under b-7 left the stored b-7 alone" \
	bash -c "'$BENCHDB' --db '$DB4' export --format csv b-7 | grep -q ',time,7.5,'"
run "$BENCHDB" --db "$DB4" -c 'trend time of p'
check "the series holds one observation per stored run" test "$(grep -cE '^p +k=v +b-' "$OUT")" -eq 246
"$BENCHDB" --db "$DB4" verify >/dev/null
check "verify is clean after the batched ingest" test $? -eq 0
# The same files again: every run is already stored; with --replace, the
# conflicting file replaces b-7 within its batch.
run "$BENCHDB" --db "$DB4" ingest "$BD"/f1*.json
check "a second ingest finds the runs unchanged" \
	test "$(grep -c 'is already stored, unchanged' "$OUT")" -eq 98
run "$BENCHDB" --db "$DB4" ingest --replace "$BD"/f1*.json
check_out "--replace replaces within a batch" "Replaced run b-7"
"$BENCHDB" --db "$DB4" verify >/dev/null
check "verify is clean after replacing in a batch" test $? -eq 0

# Export reads back to the same values (benchkit JSON round trip).
run "$BENCHDB" export --format benchkit gb
check_rc "export benchkit exits 0" 0
cp "$OUT" "$WORK/gb.json"
run "$BENCHDB" --db "$WORK/db3" ingest "$WORK/gb.json"
check_rc "exported benchkit JSON ingests" 0
run "$BENCHDB" --db "$WORK/db3" export --format benchkit gb
check "export → ingest → export is identical" cmp -s "$OUT" "$WORK/gb.json"

finish
