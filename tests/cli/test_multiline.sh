#!/usr/bin/env bash
# tests/cli/test_multiline.sh - statements over several lines in -f scripts
# and on standard input (issue 23, item 7). The rule (docs/query-language.md,
# "Statements over several lines"): a statement ends at ';', at an empty
# line, at the end of the input, or before a line that starts a statement
# (show, trend, compare, ...); any other line continues it.
#
# History: examples/history/gbench-v1..v5.json; BM_sort/1024 real_time means
# (Python: mean of the repetitions) v2 3896.26, v5 32527.07.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
ingest_history "$DB"
"$BENCHDB" baseline set main v2 >/dev/null

# The issue's script: one statement over three lines, ended by ';'.
cat >"$WORK/sql.bq" <<'BQ'
compare baseline with latest
  metric real_time
  of "BM_sort/1024" as csv;
BQ
run "$BENCHDB" -f "$WORK/sql.bq"
check_rc "a statement over three lines runs" 0
check_out_exact "as one statement: one metric of one point" \
	"$(printf 'point,tags,metric,base,current,unit,change_pct,verdict,p_value,threshold\r\nBM_sort/1024,,real_time,3896.2643665253527,32527.073639803624,ns,734.827172387456,regression,,5\r')"
STDIN=$WORK/sql.bq run "$BENCHDB"
check_out "standard input follows the same rule" "BM_sort/1024,,real_time,3896.2643665253527"

# Without ';': an empty line, the end of input or a new statement ends it;
# a comment line between clauses does not.
cat >"$WORK/plain.bq" <<'BQ'
rank real_time
  -- only the sort benchmarks
  of "BM_sort/*"   -- both sizes
  as csv
show runs last 1 as csv

compare latest~1 with latest
  metric real_time of "BM_hash/4096" as csv
BQ
run "$BENCHDB" -f "$WORK/plain.bq"
check_rc "statements without ';' run" 0
check_out "rank over three lines ran whole (of and as applied)" "2,BM_sort/65536,BM_sort/65536"
check "rank did not list other points" sh -c "! grep -q 'BM_hash/262144' '$OUT'"
check_out "a line starting a statement starts a new one" "v5,2026-11-15T02:00:00Z,c5,main,5,15"
check_out "the last statement ran at the end of input" "BM_hash/4096,,real_time,"

# One statement per line still works, and ';' still separates on one line.
printf 'show runs last 1 as csv\nshow baselines as csv; show runs last 2 as csv\n' >"$WORK/lines.bq"
run "$BENCHDB" -f "$WORK/lines.bq"
check_out "one statement per line" "main,v2,"
check_out "two on one line" "v4,2026-11-14T02:00:00Z"

# An error in a continued statement is reported at the line and column of
# the word in the script (bad.bq:2:37, the column in the joined statement,
# before the fix), with the statement joined, and nothing of it ran.
printf 'show runs last 1 as csv\ncompare baseline with latest\n  metric nosuch\n' >"$WORK/bad.bq"
run "$BENCHDB" -f "$WORK/bad.bq"
check_rc "an error in a continued statement exits 2" 2
check_err "it names the word's line and column in the script" "bad.bq:3:10: no metric"
check_err "and shows the statement joined" "compare baseline with latest metric nosuch"
check "the statement before it ran" grep -q "v5," "$OUT"
check "no compare over every metric ran" sh -c "! grep -q 'BM_sort/65536' '$OUT'"
# A second statement on a line: its column on that line (was 1:6).
printf 'show runs last 1 as csv; show nonsense\n' >"$WORK/second.bq"
run "$BENCHDB" -f "$WORK/second.bq"
check_err "the second statement's column on its line" "second.bq:1:31: expected"
run "$BENCHDB" -c 'show runs last 1; show nonsense'
check_err "the same from -c" "<command line>:1:24: expected"

# A stream (a pipe: the next line may not be written yet) runs a line that
# completes a statement at once, as the REPL does; '\' continues a line;
# `-f -` reads the pipe whole and follows the script rule.
cat >"$WORK/cont.bq" <<'BQ'
compare baseline with latest \
  metric real_time of "BM_sort/1024" as csv
BQ
run sh -c "cat '$WORK/cont.bq' | '$BENCHDB'"
check_rc "a line ending with \\ continues on a pipe" 0
check_out "and runs as one statement" "BM_sort/1024,,real_time,3896.2643665253527"
check "only that metric" sh -c "! grep -q cpu_time '$OUT'"
run sh -c "printf 'show runs last 1 as csv\n  show baselines as csv\n' | '$BENCHDB'"
check_out "on a pipe each complete line runs as it comes" "main,v2,"
run sh -c "cat '$WORK/sql.bq' | '$BENCHDB' -f -"
check_out "-f - from a pipe follows the script rule" \
	"BM_sort/1024,,real_time,3896.2643665253527,32527.073639803624,ns,734.827172387456,regression,,5"

# A script saved with a UTF-8 byte order mark (Notepad writes one) and CRLF
# line ends: the mark was read as its first statement's text ('unexpected
# character', exit 2); it is skipped, in -f FILE, on a pipe and by .read.
printf '\357\273\277compare baseline with latest\r\n  metric real_time\r\n  of "BM_sort/1024" as csv;\r\n' >"$WORK/bom.bq"
run "$BENCHDB" -f "$WORK/bom.bq"
check_rc "-f: a script with a byte order mark runs" 0
check_out "-f: its first statement is read whole" "BM_sort/1024,,real_time,3896.2643665253527"
printf '\357\273\277compare baseline with latest metric real_time of "BM_sort/1024" as csv\r\n' >"$WORK/bomline.bq"
run sh -c "cat '$WORK/bomline.bq' | '$BENCHDB'"
check_rc "a pipe: a byte order mark is skipped" 0
check_out "a pipe: the statement ran" "BM_sort/1024,,real_time,3896.2643665253527"
run sh -c "printf '.read %s\n' '$WORK/bom.bq' | '$BENCHDB'"
check_rc ".read: a byte order mark is skipped" 0
check_out ".read: the statement ran" "BM_sort/1024,,real_time,3896.2643665253527"
printf '\357\273\277bogus\n' >"$WORK/bombad.bq"
run "$BENCHDB" -f "$WORK/bombad.bq"
check_rc "an error after the mark is still exit 2" 2
check_err "and its column counts from after the mark" "bombad.bq:1:1: expected a statement"

# '--' inside a string in single quotes is text, not a comment: scripts,
# pipes and the REPL cut `show points of 'BM -- x'` at the '--' (only
# double quotes were followed), which read as an unterminated string
# (<stdin>:1:16); -c gave the store's answer. Likewise a line that goes on
# inside a string opened on the line above.
printf "show points where point = 'BM -- x' as csv\n" >"$WORK/sq.bq"
for how in -f pipe; do
	if [ "$how" = pipe ]; then
		run sh -c "cat '$WORK/sq.bq' | '$BENCHDB'"
	else
		run "$BENCHDB" -f "$WORK/sq.bq"
	fi
	check_rc "$how: '--' in single quotes: exit 2 (no such point)" 2
	check_err "$how: the whole string is the value" 'no series has point = "BM -- x"'
	check "$how: no unterminated string" sh -c "! grep -q unterminated '$ERR'"
done
printf 'show points where point = "BM_sort/1024\n-- x" as csv\n' >"$WORK/sqml.bq"
run "$BENCHDB" -f "$WORK/sqml.bq"
check_err "a string over two lines keeps its '--'" 'no series has point = "BM_sort/1024 -- x"'
printf "show points where point = 'it\\\\'s -- x' as csv\n" >"$WORK/sqesc.bq"
run "$BENCHDB" -f "$WORK/sqesc.bq"
check_err "an escaped quote does not end the string" "no series has point = \"it's -- x\""

# On a pipe (and in the REPL) a comment-only line inside a statement ends
# nothing, as in a script: it ran the unfinished statement above it (an
# error, 'found end of input') and then its rest as a statement of its own.
run sh -c "printf 'compare baseline with\n  -- the newest\n  latest metric real_time of \"BM_sort/1024\" as csv\n' | '$BENCHDB'"
check_rc "a pipe: a comment line inside a statement: exit 0" 0
check_out "a pipe: the statement ran whole" "BM_sort/1024,,real_time,3896.2643665253527"
run sh -c "printf 'compare baseline with\n\nlatest\n' | '$BENCHDB'"
check_err "a pipe: an empty line still gives up on the statement" "<stdin>:1:22: expected a run"

finish
