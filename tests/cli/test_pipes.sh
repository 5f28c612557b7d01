#!/usr/bin/env bash
# tests/cli/test_pipes.sh - inputs that are not regular files (process
# substitution, /dev/stdin from a pipe, a FIFO) are read to their end, for
# ingest and for -f scripts; a NUL byte in a script is an error at its line
# and column, and nothing of the script runs.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
F=$ROOT/examples/history/gbench-v1.json

# Process substitution (/dev/fd/N, a pipe) was read as empty.
run "$BENCHDB" ingest --id sub <(cat "$F")
check_rc "ingest <(cat FILE) exits 0" 0
check_out_exact "ingest <(cat FILE) stores the run" "Ingested run sub (5 points, 15 metrics)"

# /dev/stdin from a pipe.
cat "$F" >"$WORK/in.json"
run sh -c "cat '$WORK/in.json' | '$BENCHDB' ingest --id piped /dev/stdin"
check_rc "ingest /dev/stdin from a pipe exits 0" 0
check_out_exact "ingest /dev/stdin stores the run" "Ingested run piped (5 points, 15 metrics)"

# A FIFO, written by another process.
mkfifo "$WORK/fifo"
cat "$F" >"$WORK/fifo" &
run "$BENCHDB" ingest --id fifo "$WORK/fifo"
wait
check_rc "ingest FIFO exits 0" 0
check_out_exact "ingest FIFO stores the run" "Ingested run fifo (5 points, 15 metrics)"

# The three runs are the same data as the file.
run "$BENCHDB" -c 'compare run sub with run fifo as csv'
check_rc "the FIFO run compares with the piped one" 0
check "and nothing changed" sh -c "! grep -Eq 'regression|improvement' '$OUT'"

# An empty pipe is still "the input is empty".
run "$BENCHDB" ingest <(true)
check_rc "an empty pipe exits 3" 3
check_err "an empty pipe says so" "the input is empty; expected benchmark results"

# A -f script from process substitution.
run "$BENCHDB" -f <(printf 'show runs as csv\n')
check_rc "-f <(...) exits 0" 0
check_out "-f <(...) runs the script" "piped,"

# A NUL byte in a -f script: an error at its line and column; nothing of
# the script runs (it is checked whole first), the statements before the
# NUL included. Before, the rest of the line was dropped without a word.
printf 'show runs as csv\nset baseline x = latest\nshow bas\0elines\nshow baselines as csv\n' \
	>"$WORK/nul.bq"
run "$BENCHDB" -f "$WORK/nul.bq"
check_rc "a NUL in a script exits 2" 2
check_err "the NUL is placed" \
	"nul.bq:3:9: a NUL byte: statements are text; nothing of the script ran"
check_out_exact "nothing of the script ran" ""
run "$BENCHDB" baseline list
check_out_exact "the baseline before the NUL was not set" ""
STDIN=$WORK/nul.bq run "$BENCHDB" -f -
check_rc "-f - with a NUL exits 2" 2
check_err "-f - names <stdin>" "<stdin>:3:9: a NUL byte"
check_out_exact "-f - ran nothing" ""
printf '.read %s\nshow runs last 1 as csv\n' "$WORK/nul.bq" >"$WORK/read.bq"
run "$BENCHDB" -f "$WORK/read.bq"
check_rc ".read of a script with a NUL exits 2" 2
check_err ".read places the NUL" "nul.bq:3:9: a NUL byte"
check_out "the statement after .read still runs" "fifo,"

# Statements streamed on standard input: those before the NUL have run,
# nothing from it on does.
STDIN=$WORK/nul.bq run "$BENCHDB"
check_rc "a NUL on standard input exits 2" 2
check_err "the NUL is placed on standard input" \
	"<stdin>:3:9: a NUL byte: statements are text; nothing from here on ran"
check_out "the statement before it ran" "fifo,"
check "the statement after it did not" sh -c "! grep -q '^baseline,run' '$OUT'"

# gate_store N: the store $WORK/gateN (made once): N points of
# Google Benchmark, runs b1..b3 at 100 ns (baseline main = b3) and run new
# at 200 ns, so that each point regresses.
gate_store() {
	[ -d "$WORK/gate$1" ] && return
	python3 - "$WORK/gate" "$1" <<'PY'
import json, os, sys
d, n = sys.argv[1], int(sys.argv[2])
os.makedirs(d, exist_ok=True)
for day, t in ((1, 100), (2, 100), (3, 100), (4, 200)):
    bs = [{"name": "BM_%d" % i, "run_type": "iteration", "iterations": 10,
           "real_time": t, "cpu_time": t, "time_unit": "ns"} for i in range(n)]
    json.dump({"context": {"date": "2026-01-0%dT00:00:00Z" % day}, "benchmarks": bs},
              open("%s/r%d.json" % (d, day), "w"))
PY
	local g=$WORK/gate$1 day
	for day in 1 2 3; do
		"$BENCHDB" --db "$g" ingest --id "b$day" "$WORK/gate/r$day.json" >/dev/null
	done
	"$BENCHDB" --db "$g" baseline set main b3 >/dev/null
	"$BENCHDB" --db "$g" ingest --id new "$WORK/gate/r4.json" >/dev/null
}

# A full standard output (/dev/full: ENOSPC) is said as what it is, exit 3:
# a small result sat in stdio's buffer and failed only at exit, silently
# (exit 0); a large one read "input/output error".
if [ -w /dev/full ]; then
	for stmt in 'show runs' 'show runs as json' 'show runs as csv'; do
		"$BENCHDB" -c "$stmt" >/dev/full 2>"$ERR"
		RC=$?
		check_rc "-c '$stmt' >/dev/full: exit 3" 3
		check "-c '$stmt' >/dev/full: says no space left" \
			[ "$(cat "$ERR")" = "benchdb: error: cannot write the result: No space left on device" ]
	done
	# Subcommands that print: what stdio still holds is written before
	# exit, and a failure is said (they exited 0).
	for cmd in '--version' 'stats' 'baseline list' 'export sub'; do
		# shellcheck disable=SC2086 # the words of cmd are its arguments
		"$BENCHDB" $cmd >/dev/full 2>"$ERR"
		RC=$?
		check_rc "$cmd >/dev/full: exit 3" 3
		check "$cmd >/dev/full: one line, says no space left" \
			[ "$(grep -c 'cannot write standard output: No space left on device$' "$ERR")" = 1 ]
	done
	# ingest, an import or record whose output is lost has still stored
	# its runs: exit 3 said only "cannot write standard output", and
	# users ingested again or feared a lost run (atk46). It says so now.
	"$BENCHDB" --db "$WORK/full-out" ingest "$FIXTURES/gbench_plain.json" >/dev/full 2>"$ERR"
	RC=$?
	check_rc "ingest >/dev/full: exit 3" 3
	check "... says the store holds the run" grep -qF 'cannot write standard output: No space left on device; the store holds what the command stored before (the same command again says it is stored, unchanged)' "$ERR"
	run "$BENCHDB" --db "$WORK/full-out" ingest "$FIXTURES/gbench_plain.json"
	check_out "... which it does" "is already stored, unchanged"
	"$BENCHDB" --db "$WORK/full-out" -c 'show runs' >/dev/full 2>"$ERR"
	check "a query's lost output says nothing of storing" [ "$(grep -c 'the store holds' "$ERR")" = 0 ]
	# check with regressions: exit 1 said "regressions found" of a
	# report nobody got; the lost output wins, exit 3. The same for a
	# report too large for stdio's buffer (1,000 rows), written on the way.
	for n in 1 1000; do
		gate_store "$n"
		G=$WORK/gate$n
		for fmt in text json; do
			"$BENCHDB" --db "$G" check --baseline main --run new --format $fmt >"$OUT"
			RC=$?
			check_rc "check of $n point(s) with regressions ($fmt): exit 1" 1
			"$BENCHDB" --db "$G" check --baseline main --run new --format $fmt \
				>/dev/full 2>"$ERR"
			RC=$?
			check_rc "the same >/dev/full: exit 3" 3
			check "  says no space left, once" \
				[ "$(grep -c 'cannot write standard output: No space left on device$' "$ERR")" = 1 ]
		done
	done
	printf 'show runs\nshow points\n' >"$WORK/two.bdb"
	"$BENCHDB" -f "$WORK/two.bdb" >/dev/full 2>"$ERR"
	RC=$?
	check_rc "-f SCRIPT >/dev/full: exit 3" 3
	check "-f SCRIPT >/dev/full: each statement says no space left" \
		[ "$(grep -c '^benchdb: error: cannot write the result: No space left on device$' "$ERR")" = 2 ]
fi

# A reader that leaves early (| head): benchdb stopped by SIGPIPE exited 141
# whenever its output outgrew the pipe (here 1,000 regressions, about 100
# KB), 0 or 1 when it did not, so a gate's exit code depended on the size of
# its report. The output a reader left is not an error: nothing is said and
# the exit code is the statements' (1: regressions found).
gate_store 1000
# head_run WANT ARGS...: benchdb ARGS on the store, its output read by
# head -c 1; WANT is the exit code it must give.
head_run() {
	local want=$1
	shift
	"$BENCHDB" --db "$WORK/gate1000" "$@" 2>"$ERR" | head -c 1 >/dev/null
	RC=${PIPESTATUS[0]}
	check_rc "$* | head -c 1: exit $want, not 141" "$want"
	check "$* | head -c 1: nothing on stderr" test ! -s "$ERR"
}
head_run 1 -c 'regressions' --fail
head_run 1 -c 'regressions as csv; show runs' --fail
head_run 1 check --baseline main --run new
head_run 0 --format csv -c 'trend real_time'
head_run 0 export --format csv new

finish
