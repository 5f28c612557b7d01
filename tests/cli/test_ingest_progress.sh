#!/usr/bin/env bash
# tests/cli/test_ingest_progress.sh - a multi-file ingest on a terminal shows
# progress (files, runs, rate, ETA) on stderr, nothing when piped or with -q;
# --db DIR creates missing parent directories (issue 23, item 13).
. "$(dirname "$0")/lib.sh"

mkdir -p "$WORK/in"
cp "$FIXTURES/gbench_plain.json" "$WORK/in/a.json"
cp "$FIXTURES/hyperfine.json" "$WORK/in/b.json"
cp "$FIXTURES/gotest_bench.txt" "$WORK/in/c.txt"

# Piped: no progress line.
run "$BENCHDB" --db "$WORK/db1" ingest "$WORK/in"
check_rc "piped ingest exits 0" 0
check "piped: no progress on stderr" sh -c "! grep -q 'files/s' '$ERR'"

if command -v script >/dev/null; then
	# stderr a terminal (script(1) makes one), stdout a file.
	script -qec "'$BENCHDB' --db '$WORK/db2' ingest '$WORK/in' >'$WORK/stdout'" /dev/null >"$ERR" 2>&1
	check "terminal: a progress line with files, runs, rate and ETA" \
		grep -q '\[3/3 files\] 3 runs, [0-9.]* files/s, ETA ' "$ERR"
	check "terminal: the result lines still go to stdout" \
		test "$(grep -c '^Ingested run' "$WORK/stdout")" -eq 3
	script -qec "'$BENCHDB' --db '$WORK/db3' ingest -q '$WORK/in' >'$WORK/stdout'" /dev/null >"$ERR" 2>&1
	check "terminal, -q: no progress" sh -c "! grep -q 'files/s' '$ERR'"
	script -qec "'$BENCHDB' --db '$WORK/db4' ingest '$FIXTURES/hyperfine.json' >'$WORK/stdout'" \
		/dev/null >"$ERR" 2>&1
	check "terminal, one file: no progress" sh -c "! grep -q 'files/s' '$ERR'"
	# TERM=dumb: the progress line's "\r\033[K" would show as text, a
	# line per update; no progress there, as with -q.
	TERM=dumb script -qec "'$BENCHDB' --db '$WORK/db6' ingest '$WORK/in' >'$WORK/stdout'" /dev/null >"$ERR" 2>&1
	check "TERM=dumb: no progress" sh -c "! grep -q 'files/s' '$ERR'"
	check "TERM=dumb: the runs are stored" test "$(grep -c '^Ingested run' "$WORK/stdout")" -eq 3
	# A terminal 30 columns wide: the line (about 40) is cut to 29, since a
	# line that wraps leaves a row behind at each update ("\r\033[K" clears
	# only the row the cursor is on).
	script -qec "stty cols 30; exec '$BENCHDB' --db '$WORK/db5' ingest '$WORK/in' >'$WORK/stdout'" \
		/dev/null >"$ERR" 2>&1
	check "terminal of 30 columns: the progress line is there, cut" grep -q '\[3/3 files\] 3 runs' "$ERR"
	check "terminal of 30 columns: no progress text is wider than 29" python3 -c '
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
pieces = [p for p in re.split(r"\r|\x1b\[K|\n", text) if "files]" in p]
assert pieces and max(len(p) for p in pieces) <= 29, pieces' "$ERR"
fi

# --db creates missing parents.
run "$BENCHDB" --db "$WORK/not/yet/there/store" ingest "$FIXTURES/hyperfine.json"
check_rc "--db with missing parents: ingest exits 0" 0
check "the store is made with its parents" test -f "$WORK/not/yet/there/store/data.mdb"
run "$BENCHDB" --db "$WORK/not/yet/there/store" -c 'show runs as csv'
check "and can be queried" test "$(grep -c '^' "$OUT")" -eq 2

finish
