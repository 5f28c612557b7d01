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

# --- a creating writer killed mid-way ----------------------------------------
# Before, `ingest` killed (SIGKILL, or SIGINT, whose default is the same) after
# it created a new store but before it stored its run left an empty store that
# the next step took for the real one: `show runs` answered "(no rows)" with
# exit 0. A store whose creation did not finish is no store: like a store that
# was never made, for readers and for writers alike.

# killed_creation SIGNAL DB: `ingest -` into the new store DB, reading a FIFO
# that has half a run; killed with SIGNAL once it has made the store and waits
# for the rest of its input (blocked reading the pipe). KILLED is its exit
# status. (A background job of a script ignores SIGINT: env resets it.)
killed_creation() {
	local sig=$1 db=$2 pid
	rm -f "$WORK/kfifo"
	mkfifo "$WORK/kfifo"
	env --default-signal=INT "$BENCHDB" --db "$db" ingest - <"$WORK/kfifo" >/dev/null 2>&1 &
	pid=$!
	exec 7>"$WORK/kfifo"
	printf '{"id": "half", "points": [{"name": "a", "metrics": ' >&7
	for _ in $(seq 1 600); do
		[ -e "$db/lock.mdb" ] && grep -q pipe_read "/proc/$pid/wchan" 2>/dev/null && break
		sleep 0.05
	done
	kill "-$sig" "$pid"
	wait "$pid" 2>/dev/null
	KILLED=$?
	exec 7>&-
}
for sig in KILL INT; do
	db=$WORK/killed-$sig
	killed_creation "$sig" "$db"
	check "SIG$sig killed the creating ingest" test "$KILLED" -eq $((128 + $(kill -l "$sig")))
	run "$BENCHDB" --db "$db" -c 'show runs'
	check_rc "SIG$sig during a creating ingest: a query then exits 3" 3
	check_err "  saying there is no store" "no store at $db"
	run "$BENCHDB" --db "$db" check --baseline main
	check_rc "  check exits 3" 3
	check_err "  saying there is no store" "no store at $db"
	run "$BENCHDB" --db "$db" ingest "$WORK/cut.json"
	check_rc "  a bad input into it then exits 3" 3
	check "  and removes the unfinished store and its directory" test ! -e "$db"
	killed_creation "$sig" "$db"
	run "$BENCHDB" --db "$db" ingest "$WORK/ok.json"
	check_rc "  a good input into it exits 0" 0
	run "$BENCHDB" --db "$db" -c 'show runs as csv'
	check_out "  and the store has that run" "ok,2026-01-01T00:00:00Z,,,1,1"
	check "  alone" test "$(wc -l <"$OUT")" -eq 2
done

# Killed at each of the disk writes of a creating ingest (tests/fault/fault.c):
# after each, the store is either not there or has the run.
shim=$ROOT/${BENCHDB_BUILD:-build}/tools/libfault.so
asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
rm -rf "$WORK/each"
ASAN_OPTIONS=$asan FAULT_TRACE=$WORK/each-trace LD_PRELOAD=$shim \
	"$BENCHDB" --db "$WORK/each" ingest "$WORK/ok.json" >/dev/null 2>&1
writes=$(wc -l <"$WORK/each-trace")
bad=0
for at in $(seq 1 "$writes"); do
	rm -rf "$WORK/each"
	ASAN_OPTIONS=$asan FAULT_KILL=1 FAULT_AT=$at LD_PRELOAD=$shim \
		"$BENCHDB" --db "$WORK/each" ingest "$WORK/ok.json" >/dev/null 2>&1 &
	wait $! 2>/dev/null
	run "$BENCHDB" --db "$WORK/each" -c 'show runs as csv'
	if [ "$RC" -eq 3 ] && grep -qF "no store at" "$ERR"; then
		continue
	fi
	[ "$RC" -eq 0 ] && grep -qF "ok,2026-01-01T00:00:00Z" "$OUT" || {
		bad=$((bad + 1))
		echo "killed at write $at of $writes: exit $RC, $(head -c 300 "$OUT" "$ERR")"
	}
done
check "killed at each of the $writes writes of a creating ingest: no store, or the run" \
	test "$bad" -eq 0

finish
