#!/usr/bin/env bash
# tests/cli/test_store_cmds.sh - verify, stats, backup, export, and output
# to a pipe (no colour, no escapes) versus NO_COLOR.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
H=$ROOT/examples/history
for v in 1 2; do
	"$BENCHDB" ingest --id "v$v" --commit "c$v" --timestamp "2026-11-1${v}T02:00:00Z" \
		"$H/gbench-v$v.json" >/dev/null
done

run "$BENCHDB" verify
check_rc "verify of a sound store exits 0" 0
# 2 runs x 5 points x 3 metrics (examples/history: BM_sort x2, BM_hash x2, BM_memcpy).
check_out_exact "verify counts what it checked" "ok: 2 runs, 15 series, 30 observations verified"

run "$BENCHDB" stats
check_rc "stats exits 0" 0
check_out "stats counts runs" "runs:                  2"
check_out "stats counts observations" "observations:          30"
check_out "stats counts samples (3 repetitions each)" "samples:               90"
run "$BENCHDB" stats --json
check_out "stats --json" '"observations": 30'
# Of the maintenance commands only stats writes JSON; verify and backup refuse
# --json rather than print text to a caller that asked for JSON.
for sub in verify "backup $WORK/never"; do
	set -- $sub
	run "$BENCHDB" "$@" --json
	check_rc "$1 --json exits 2" 2
	check_err "$1 --json is refused by name" "$1: unknown option '--json'"
done
check "the refused backup made no directory" test ! -e "$WORK/never"

run "$BENCHDB" backup "$WORK/copy"
check_rc "backup exits 0" 0
run "$BENCHDB" --db "$WORK/copy" verify
check_rc "the backup verifies" 0
"$BENCHDB" -c 'show runs as csv' >"$WORK/a.csv"
"$BENCHDB" --db "$WORK/copy" -c 'show runs as csv' >"$WORK/b.csv"
check "the backup holds the same runs" cmp -s "$WORK/a.csv" "$WORK/b.csv"
run "$BENCHDB" backup "$WORK/copy"
check_rc "backup into a non-empty directory exits 3" 3
check_err "and says why" "not empty"
# An empty DEST (a variable that was not set) is a usage error, as --db ""
# is; before: exit 3, "benchdb: error: cannot create the backup directory:
# No such file or directory", naming no path.
run "$BENCHDB" backup ""
check_rc "backup '' exits 2" 2
check_err "  saying the destination is empty" \
	"benchdb: error: backup: the destination's path is empty (give the directory to copy the store into)"
# A directory the user may not write: the copy could not be begun, and
# nothing was removed (before: "backup failed: Permission denied; the
# partial copy was removed").
if [ "${AS_USER[0]:-}" = none ]; then
	pass "backup into a directory not writable: not checked (running as root without setpriv)"
else
	chmod 755 "$WORK"
	mkdir -p "$WORK/ro-dest"
	chmod 555 "$WORK/ro-dest"
	run "${AS_USER[@]}" "$BENCHDB" backup "$WORK/ro-dest"
	check_rc "backup into a directory not writable exits 3" 3
	check_err "  saying which file it could not create" \
		"benchdb: error: $WORK/ro-dest: backup failed: cannot create $WORK/ro-dest/data.mdb.tmp: Permission denied; nothing was written"
fi

# A backup killed at any of its writes leaves no data.mdb in DIR (before, a
# partial one that looked like a backup, and made the next try say "not
# empty"); the same command then makes the whole backup.
SHIM=$ROOT/${BENCHDB_BUILD:-build}/tools/libfault.so
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
rm -f "$WORK/bk-trace"
FAULT_TRACE=$WORK/bk-trace FAULT_PATH_SUBSTR=/bk/ LD_PRELOAD=$SHIM "$BENCHDB" backup "$WORK/bk" \
	>/dev/null 2>&1
writes=$(grep -c '' "$WORK/bk-trace" 2>/dev/null || echo 0)
check "a backup writes into DIR ($writes calls)" test "$writes" -ge 1
bad=0
for ((at = 1; at <= writes; at++)); do
	rm -rf "$WORK/bk"
	FAULT_KILL=1 FAULT_AT=$at FAULT_PATH_SUBSTR=/bk/ LD_PRELOAD=$SHIM \
		"$BENCHDB" backup "$WORK/bk" >/dev/null 2>&1 &
	wait $! 2>/dev/null
	killed=$?
	if [ "$killed" -ne 137 ] || [ -e "$WORK/bk/data.mdb" ]; then
		bad=$((bad + 1))
		echo "# killed at write $at: exit $killed, $(ls "$WORK/bk" 2>&1 | tr '\n' ' ')"
	fi
	"$BENCHDB" backup "$WORK/bk" >/dev/null 2>&1 &&
		"$BENCHDB" --db "$WORK/bk" -c 'show runs as csv' 2>&1 | cmp -s - "$WORK/a.csv" ||
		bad=$((bad + 1))
done
check "backup killed at each of its $writes writes: no data.mdb left, and the retry works ($bad bad)" \
	test "$bad" -eq 0

# One backup into a directory at a time: a backup holds an exclusive flock
# of the directory, and another one meanwhile is refused. Before, two shared
# data.mdb.tmp, the first renamed the second's half-written copy to
# data.mdb and said "Backed up", and the second, killed, left it cut short.
# Here flock(1) holds the directory as a running backup would.
mkdir -p "$WORK/bk2"
rm -f "$WORK/bk2.fifo" "$WORK/bk2.held"
mkfifo "$WORK/bk2.fifo"
flock "$WORK/bk2" -c "touch '$WORK/bk2.held'; cat '$WORK/bk2.fifo' >/dev/null" &
HOLDER=$!
exec 7>"$WORK/bk2.fifo"
for _ in $(seq 600); do
	[ -e "$WORK/bk2.held" ] && break
	sleep 0.1
done
run "$BENCHDB" backup "$WORK/bk2"
check_rc "a backup into a directory another backup is writing exits 3" 3
check_err "  saying so" "bk2: another backup is being written into this directory; it was left alone"
check "  and writes nothing there" test -z "$(ls -A "$WORK/bk2")"
exec 7>&-
wait "$HOLDER"
run "$BENCHDB" backup "$WORK/bk2"
check_rc "once that one is done, the backup exits 0" 0
"$BENCHDB" --db "$WORK/bk2" -c 'show runs as csv' >"$WORK/b2.csv"
check "  and holds the same runs" cmp -s "$WORK/a.csv" "$WORK/b2.csv"

for f in json csv markdown benchkit; do
	run "$BENCHDB" export --format "$f" v1
	check_rc "export --format $f exits 0" 0
done
run "$BENCHDB" export --format csv v1
check "export csv has a header and 15 rows" test "$(grep -c '^' "$OUT")" -eq 16
run "$BENCHDB" export --format yaml v1
check_rc "an unknown export format exits 2" 2
run "$BENCHDB" export nosuch
check_rc "exporting an unknown run exits 3" 3
check_err "the unknown run is named" "nosuch"
run "$BENCHDB" export 'latest~x'
check_rc "a malformed run reference is a usage error: exit 2" 2
check_err "a malformed run reference says what was expected" \
	"bad run reference 'latest~x' (expected latest~N)"

# Run references are the query language's (issue 17), with the command
# line's aliases baseline:NAME and commit:PREFIX kept.
exported_id() { "$BENCHDB" export --format json "$1" | sed -n 's/.*"id": "\([^"]*\)".*/\1/p' | head -1; }
"$BENCHDB" baseline set rel v2 >/dev/null
check "baseline:NAME (the alias) is v2" test "$(exported_id baseline:rel)" = v2
check "baseline NAME (the grammar) is v2" test "$(exported_id 'baseline rel')" = v2
check "commit:PREFIX (the alias) is v2" test "$(exported_id commit:c2)" = v2
check "commit PREFIX (the grammar) is v2" test "$(exported_id 'commit c2')" = v2
check "run ID (the grammar) is v1" test "$(exported_id 'run v1')" = v1
# An id that is no plain word of the language, unquoted by the shell: it was
# "no run 'run nightly-2025-11-30' (expected a run id, ...)", exit 3.
R=$WORK/refs
"$BENCHDB" --db "$R" ingest --id nightly-2025-11-30 "$H/gbench-v1.json" >/dev/null
"$BENCHDB" --db "$R" baseline set release-1 nightly-2025-11-30 >/dev/null
refs_id() { "$BENCHDB" --db "$R" export --format json "$1" | sed -n 's/.*"id": "\([^"]*\)".*/\1/p' | head -1; }
check "run ID whose id is no plain word" test "$(refs_id 'run nightly-2025-11-30')" = nightly-2025-11-30
check "baseline NAME whose name is no plain word" test "$(refs_id 'baseline release-1')" = nightly-2025-11-30
check "run \"ID\" quoted as the language wants" test "$(refs_id 'run "nightly-2025-11-30"')" = nightly-2025-11-30
run "$BENCHDB" --db "$R" summary 'run nosuch-1'
check_rc "an unknown id of run ID exits 3" 3
check_err "  and is named as the id" "no run with id 'nosuch-1'"
check "latest~1 is the one before the newest" test "$(exported_id 'latest~1')" = v1
run "$BENCHDB" export 'baseline nosuch'
check_rc "an unknown baseline exits 3" 3
check_err "and is named" "no baseline named 'nosuch'"
run "$BENCHDB" export 'commit:zzz'
check_err "an unknown commit is named" "no run with commit 'zzz'"
"$BENCHDB" baseline drop rel >/dev/null

# Units: a series that moves from ns to us between runs is converted, never
# compared raw. v2us is gbench-v2.json with time_unit "us" and real_time /
# cpu_time divided by 1000. Means of the 3 repetitions (Python, json.load):
# BM_sort/1024 real_time v1 3915.1024264406346 ns, v2 3896.2643665253527 ns
# (-0.48%); BM_sort/65536 v1 3958454 ns, v2 3689223 ns (-6.8%). Raw, the us
# values would be -99.9%.
U=$WORK/units
mkdir -p "$U"
awk -F': ' '/"(real|cpu)_time": / { v = $2; sub(/,$/, "", v); printf "%s: %.17g,\n", $1, v / 1000; next }
	{ sub(/"time_unit": "ns"/, "\"time_unit\": \"us\""); print }' "$H/gbench-v2.json" >"$U/v2us.json"
"$BENCHDB" --db "$U/db" ingest --id v1 --commit c1 --timestamp 2026-11-11T02:00:00Z \
	"$H/gbench-v1.json" >/dev/null
"$BENCHDB" --db "$U/db" ingest --id v2us --commit c2 --timestamp 2026-11-12T02:00:00Z \
	"$U/v2us.json" >/dev/null
# (CSV: the raw values in the series' unit; tables show them scaled, docs/cli.md.)
run "$BENCHDB" --db "$U/db" -c 'trend real_time of "BM_sort/1024" as csv'
check_out "units: the trend shows the us run in the series' ns" \
	"BM_sort/1024,,v2us,2026-11-12T02:00:00Z,c2,3896.264366525352,,,ns"
run "$BENCHDB" --db "$U/db" -c 'compare run v1 with run v2us metric real_time of "BM_sort/*" as csv'
check_out "units: ns base, us current converted: -0.5% unchanged" \
	"BM_sort/1024,,real_time,3915.1"
check_out "units: -6.8%, an improvement, not -99.9%" \
	"BM_sort/65536,,real_time,3958454"
run "$BENCHDB" --db "$U/db" -c 'compare run v2us with run v1 metric real_time of "BM_sort/1024" as csv'
check_out "units: the other way round the base's unit (us) wins" \
	",us,0.48"
run "$BENCHDB" --db "$U/db" -c 'compare run v2us with run v1 metric real_time of "BM_sort/1024"'
check_out "units: a table shows both in the natural scale" \
	"BM_sort/1024  real_time  3.896 µs  3.915 µs       +0.5%  unchanged"

# Piped output: plain text, no escape sequences, with or without NO_COLOR.
unset NO_COLOR
run "$BENCHDB" -c 'trend real_time of "BM_sort/1024"'
ESC=$(printf '\033') # expanded by bash: sh is dash, which has no $'...'
check "piped output has no escape sequences" sh -c "! grep -q '$ESC' '$OUT'"
check "piped trend has no sparkline" sh -c "! grep -q '▁\\|▂\\|▃\\|▄\\|▅\\|▆\\|▇\\|█' '$OUT'"
export NO_COLOR=1

# On a terminal (a pty from script(1)): colour unless NO_COLOR is set and
# non-empty; the ↓/↑ marks either way. v2 -> v1 makes BM_sort/65536's
# real_time 3689223 -> 3958454 ns, +7.3% (lower is better): a regression.
tty_run() { # NO_COLOR-VALUE|unset STATEMENT: benchdb -c on a pty, CRs removed
	local env_arg="NO_COLOR=$1"
	[ "$1" = unset ] && env_arg="-u NO_COLOR"
	TERM=xterm script -q -e -c "exec env $env_arg \"$BENCHDB\" -c '$2'" /dev/null \
		</dev/null 2>"$ERR" | tr -d '\r' >"$OUT"
}
CMP='compare run v2 with run v1 metric real_time of "BM_sort/65536"'
tty_run unset "$CMP"
check "terminal: the header is bold" grep -q "^${ESC}\[1mpoint " "$OUT"
check "terminal: the regression row is red and marked ↓" \
	grep -q "^${ESC}\[31mBM_sort/65536 .* regression ↓ .*${ESC}\[0m\$" "$OUT"
tty_run "" "$CMP"
check "terminal, NO_COLOR empty: still colour" grep -q "^${ESC}\[31mBM_sort/65536 " "$OUT"
tty_run 1 "$CMP"
check "terminal, NO_COLOR=1: no escape sequences" sh -c "! grep -q '$ESC' '$OUT'"
check "terminal, NO_COLOR=1: the ↓ mark stays" grep -q '^BM_sort/65536 .* regression ↓ ' "$OUT"
tty_run 1 'trend real_time of "BM_sort/1024"'
check "terminal: a trend starts with its sparkline (v1 > v2), its min and max" \
	test "$(head -1 "$OUT")" = "█▁ min 3.896 µs, max 3.915 µs"
unset NO_COLOR
run "$BENCHDB" -c "$CMP"
check "piped: the same comparison has no escape sequences" sh -c "! grep -q '$ESC' '$OUT'"
check "piped: the ↓ mark stays" grep -q '^BM_sort/65536 .* regression ↓ ' "$OUT"
export NO_COLOR=1

# drop-run of several ids is one write transaction: killed at any of its
# writes, the store keeps every run (before, each id was dropped in a
# transaction of its own, and a kill or a full disk after the first left
# some dropped and others not: 'drop-run v1 v2 v3' killed at its 9th of 39
# writes kept v2 and v3 only).
DR=$WORK/dr
for v in 1 2 3; do
	"$BENCHDB" --db "$DR" ingest --id "d$v" --commit "c$v" --timestamp "2026-11-1${v}T02:00:00Z" \
		"$H/gbench-v$v.json" >/dev/null
done
"$BENCHDB" --db "$DR" baseline set main d2 >/dev/null
"$BENCHDB" --db "$DR" -c 'show runs as csv' >"$WORK/dr.runs"
kill_at_each_write "$DR" "$WORK/dr.runs" drop-run d1 d2 d3
check "drop-run d1 d2 d3 killed at each of its $WRITES writes ($KILLED killed): verify clean, every run kept ($BAD bad)" \
	test "$BAD" -eq 0 -a "$KILLED" -eq "$WRITES"
run "$BENCHDB" --db "$DR" drop-run d1 d2 d3 d1
check_out_exact "drop-run d1 d2 d3 d1 drops each once, saying so" \
	"Dropped run d1 (5 points, 15 metrics)
Dropped run d2 (5 points, 15 metrics); dropped with it, the baseline(s) on it: main
Dropped run d3 (5 points, 15 metrics)"
check "  and none is left" test "$("$BENCHDB" --db "$DR" -c 'show runs as csv' | tr -d '\r')" = \
	"id,timestamp,commit,branch,points,metrics"
run "$BENCHDB" --db "$DR" verify
check_rc "  verify is clean" 0
finish
