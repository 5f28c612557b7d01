#!/usr/bin/env bash
# tests/cli/test_failed_new_store.sh - a writer whose input fails leaves the
# directory as it found it: before, `ingest` and every importer created an
# empty store at --db DIR even when they stored nothing (so a mistyped --db
# of a failed CI step made a store that later steps took for the real one).
. "$(dirname "$0")/lib.sh"

printf '{"points": [{"name": "a", "metrics": {"t": {"value": 1' >"$WORK/cut.json"
printf 'window.BENCHMARK_DATA = {"entries": {"S": [' >"$WORK/cut.js"
cat >"$WORK/ok.json" <<'EOF'
{"id": "ok", "timestamp": "2026-01-01T00:00:00", "points": [{"name": "a", "metrics": {"t": {"value": 1}}}]}
EOF
mkdir -p "$WORK/asv/m" "$WORK/bk/runs"
echo '{"version": 2}' >"$WORK/asv/benchmarks.json"
echo '{"machine": "m", "version": 1}' >"$WORK/asv/m/machine.json"
echo '{"commit_hash": "aaaa", "results": ' >"$WORK/asv/m/aaaa-env.json"
cp "$WORK/cut.json" "$WORK/bk/runs/r1.json"
printf 'time,commit,x\nnot-a-time,c1,1\n' >"$WORK/bad.csv"

# Each of them into a directory that does not exist: exit 3, no directory.
n=0
for cmd in "ingest $WORK/cut.json" "ingest $WORK/cut.js" "import-gab $WORK/cut.js" \
	"import-asv $WORK/asv" "import-benchkit $WORK/bk" "import-otava $WORK/bad.csv"; do
	n=$((n + 1))
	# shellcheck disable=SC2086
	run "$BENCHDB" --db "$WORK/new$n" $cmd
	check_rc "${cmd%% *} of a bad input exits 3" 3
	check "${cmd%% *} of a bad input leaves no store at a new --db" test ! -e "$WORK/new$n"
done

# A directory that was there (empty) stays, without store files.
mkdir "$WORK/empty"
run "$BENCHDB" --db "$WORK/empty" ingest "$WORK/cut.json"
check_rc "ingest into an empty directory of a bad input exits 3" 3
check "the directory stays, empty" test -d "$WORK/empty" -a -z "$(ls -A "$WORK/empty")"

# One good file among bad ones: the store holds it and stays.
run "$BENCHDB" --db "$WORK/mixed" ingest "$WORK/ok.json" "$WORK/cut.json"
check_rc "a good and a bad file: exit 3" 3
check "the store with the good run stays" test -f "$WORK/mixed/data.mdb"
run "$BENCHDB" --db "$WORK/mixed" -c 'show runs as csv'
check_out "and holds it" "ok,2026-01-01T00:00:00Z"

# A store that was there is never removed by a failing writer.
"$BENCHDB" --db "$WORK/kept" ingest "$WORK/ok.json" >/dev/null
run "$BENCHDB" --db "$WORK/kept" ingest "$WORK/cut.json"
check_rc "a bad input into an existing store exits 3" 3
check "the existing store stays" test -f "$WORK/kept/data.mdb"

finish
