#!/usr/bin/env bash
# tests/cli/test_scripting_edges.sh - what a CI engineer scripting benchdb
# as sqlite3 and jq meets (found by atk51): the sparklines above a trend over
# values near the largest double, a statement continued on the next line of a
# here-document (a pipe), and a name that needs quotes written bare.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB

# Two runs whose values span more than the largest double (-1e308 to 1e308):
# max - min overflowed to inf, and every bar was the lowest, a flat line
# for a series that went from the bottom to the top.
python3 - "$WORK" <<'PY'
import json, sys
for rid, ts, vals in [("z1", "2026-01-01T00:00:00", [1e308, -1e308]),
                      ("z2", "2026-01-02T00:00:00", [-1e308, 1e308])]:
    pts = [{"name": "p%d" % i, "metrics": {"t": {"value": v, "unit": "s"}}}
           for i, v in enumerate(vals)]
    json.dump({"id": rid, "timestamp": ts, "points": pts}, open(sys.argv[1] + "/" + rid + ".json", "w"))
PY
run "$BENCHDB" ingest -q "$WORK/z1.json" "$WORK/z2.json"
check_rc "the runs of huge values are stored" 0
run "$BENCHDB" -c 'trend t as markdown'
check_rc "trend as markdown over huge values exits 0" 0
check_out "p0 falls from the top bar to the bottom one" '- p0 `█▁` min -1e+308 s, max 1e+308 s'
check_out "p1 rises from the bottom bar to the top one" '- p1 `▁█` min -1e+308 s, max 1e+308 s'

# 120 runs make 60 bars, each the mean of two values: 1e308 + 1e308 summed
# past the largest double, a mean of inf, and the bars were cast from NaN.
python3 - "$WORK/many" <<'PY'
import json, os, sys
os.makedirs(sys.argv[1])
for i in range(120):
    json.dump({"id": "m%03d" % i, "timestamp": "2026-02-01T00:%02d:%02d" % (i // 60, i % 60),
               "points": [{"name": "big", "metrics": {"u": {"value": 1e308 if i < 60 else 0.0,
                                                            "unit": "s"}}}]},
              open(os.path.join(sys.argv[1], "m%03d.json" % i), "w"))
PY
run "$BENCHDB" ingest -q "$WORK/many"
check_rc "120 runs are stored" 0
run "$BENCHDB" -c 'trend u as markdown'
check_out "60 bars: 30 at the top, then 30 at the bottom" \
	"- \`$(printf '█%.0s' $(seq 30))$(printf '▁%.0s' $(seq 30))\` min 0 s, max 1e+308 s"

# A here-document is a pipe (bash 5.1 and later, for a small one): each line
# that completes a statement runs it, so a statement written over lines ran
# its first line alone and the next said only `found "of"`. The error now
# says why and what to do.
printf 'trend u\n  of "big"\n  last 2\n' >"$WORK/multi.bq"
run sh -c "cat '$WORK/multi.bq' | '$BENCHDB' --format csv"
check_rc "a statement continued on a pipe's next line is exit 2" 2
check_err "the continued line's error is at its place" '<stdin>:2:3: expected a statement'
check_err "a note says the line above ran alone and what to do" \
	"benchdb: note: <stdin>:2: on a pipe (a here-document too) a line that completes a statement runs it: the line above ran alone; end a line with '\\' to continue it, or read the input whole with -f -"
check "the note is given once" test "$(grep -c 'benchdb: note: <stdin>' "$ERR")" -eq 1
# The same from a file joins the lines: no error, no note.
STDIN=$WORK/multi.bq run "$BENCHDB" --format csv
check_rc "the same statements from a file run as one statement" 0
check "one header and two rows" test "$(wc -l <"$OUT")" -eq 3
# A statement that is wrong on its own line gets no such note.
run sh -c "printf 'show runs last 1\nshow bogus\n' | '$BENCHDB'"
check_rc "an error of a line of its own is exit 2" 2
check "it gets no note about continued lines" test "$(grep -c 'note:' "$ERR")" -eq 0

# -c reads its text by the library's rule, where a newline ends a complete
# statement: `-c` with a statement over lines ran its first line alone
# (every point's trend) and then said only `found "of"`.
run "$BENCHDB" -c "$(printf 'trend u\n  of "big"\n  last 2')"
check_rc "-c with a statement continued on its next line is exit 2" 2
check_err "the error is at its place" '<command line>:2:3: expected a statement'
check_err "a note says the line above ran alone and what to do" \
	"benchdb: note: <command line>:2: in -c a line that completes a statement ends it: the line above ran alone; write the statement on one line, or read it as a script, whose lines join, with -f -"
run "$BENCHDB" -c "$(printf 'show runs last 1\nshow bogus')"
check_rc "-c with a wrong statement on its second line is exit 2" 2
check "it gets no note about continued lines" test "$(grep -c 'note:' "$ERR")" -eq 0

# A dot-command that fails in a script names the script's line: `.read
# inner.bq` (relative to the current directory, not the script's) said only
# "inner.bq: cannot open", in a gate script of many lines.
mkdir -p "$WORK/gate"
printf 'show runs last 1\n.read inner.bq\n' >"$WORK/gate/outer.bq"
printf 'show runs last 1\n' >"$WORK/gate/inner.bq"
run "$BENCHDB" -f "$WORK/gate/outer.bq"
check_rc "a .read of a missing file is exit 3" 3
check_err "its error names the script's line" \
	"benchdb: error: $WORK/gate/outer.bq:2:1: inner.bq: cannot open: No such file or directory"
run sh -c "printf 'show runs last 1\n\n.mode xml\n' | '$BENCHDB'"
check_rc "a bad .mode on standard input is exit 2" 2
check_err "its error names the line of standard input" "benchdb: error: <stdin>:3:1: .mode: "
# The errors of the statements of a .read file keep their own places.
printf '.read %s\n' "$WORK/bad.bq" >"$WORK/outer2.bq"
printf 'show runs last 1\ntrend bogus\n' >"$WORK/bad.bq"
run "$BENCHDB" -f "$WORK/outer2.bq"
check_rc "a statement error in a .read file is exit 2" 2
check_err "it is at its place in that file" "benchdb: error: $WORK/bad.bq:2:7: no metric \"bogus\""

# An empty path (a variable that was not set: -f "$SCRIPT") named no file:
# "benchdb: error: cannot open: No such file or directory", exit 3. -f is a
# usage error as --db "" is; .read and ingest say what is wrong.
run "$BENCHDB" -f ''
check_rc "-f '' is exit 2" 2
check_err "-f '' says the path is empty" "benchdb: error: -f: the script's path is empty"
run sh -c "printf '.read \"\"\n' | '$BENCHDB'"
check_err ".read '' says the path is empty" "benchdb: error: <stdin>:1:1: the path is empty (a variable that was not set?)"
run "$BENCHDB" ingest ''
check_rc "ingest '' is exit 3" 3
check_err "ingest '' says the path is empty" "benchdb: error: the path is empty (a variable that was not set?)"
# .open "" said "--db: the store's path is empty (give --db DIR, ...)",
# an option the script did not give.
run sh -c "printf '.open \"\"\n' | '$BENCHDB'"
check_rc ".open '' is exit 2" 2
check_err ".open '' names .open" "benchdb: error: <stdin>:1:1: .open: expected a store directory"
# chart -o "" and report -o "" said "cannot write : No such file or
# directory", the name left blank.
run "$BENCHDB" chart 'trend u' -o ''
check_rc "chart -o '' is exit 2" 2
check_err "chart -o '' says the path is empty" "benchdb: error: chart: the output path is empty (a variable that was not set?); nothing was written"
run "$BENCHDB" report -o ''
check_rc "report -o '' is exit 2" 2
check_err "report -o '' says the path is empty" "benchdb: error: report: the output path is empty"

# The environment benchdb reads, as --help and the man page list it: --help
# left out BENCHDB_TOKEN and PAGER, and the man page gave BENCHDB_TOKEN to
# push alone, though --server (statements and check) reads it too.
env_help=$("$BENCHDB" --help | sed -n '/^Environment:/,/^See /p')
for v in BENCHDB_DIR BENCHDB_TOKEN BENCHDB_HISTORY NO_COLOR TERM PAGER; do
	check "benchdb --help's Environment names $v" grep -q "$v" <<<"$env_help"
	check "the man page's ENVIRONMENT names $v" \
		sh -c "sed -n '/^\.SH ENVIRONMENT/,/^\.SH FILES/p' '$ROOT/docs/benchdb.1' | grep -q '^\.B $v\$'"
done
check "the man page's BENCHDB_TOKEN is --server's too" \
	sh -c "sed -n '/^\.B BENCHDB_TOKEN/,/^\.TP/p' '$ROOT/docs/benchdb.1' | grep -q 'server'"

finish
