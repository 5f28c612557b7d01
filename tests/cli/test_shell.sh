#!/usr/bin/env bash
# tests/cli/test_shell.sh - one-shot statements, scripts, standard input,
# dot-commands, and where errors are reported.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
H=$ROOT/examples/history
for v in 1 2 3; do
	"$BENCHDB" ingest --id "v$v" --commit "c$v" --branch main \
		--timestamp "2026-11-$((15 + v))T02:00:00Z" "$H/gbench-v$v.json" >/dev/null
done

# One-shot, both spellings.
run "$BENCHDB" -c 'show runs'
check_rc "-c show runs exits 0" 0
check_out "-c lists v3" "v3"
run "$BENCHDB" query 'show runs as csv'
check_rc "query subcommand exits 0" 0
check_out "csv header" "id,timestamp,commit,branch,points"
run "$BENCHDB" --json -c 'show runs'
check_out "--json gives the JSON shape" '"statement": "show runs"'

# Two statements separated by ';' both run.
run "$BENCHDB" -c 'show runs last 1 as csv; show baselines as csv'
check_rc "two statements exit 0" 0
check_out "the first statement ran" "v3,"

# The results of two statements are a blank line apart (not before JSON), as
# the library's bdb_query_exec and so the HTTP API's format= answers have them
# (atk30: two markdown tables back to back were one table on GitHub, the
# second header a row of the first; line's rows ran together).
run "$BENCHDB" --format markdown -c 'show runs last 1; show baselines'
check "two markdown tables are a blank line apart" \
	test "$(sed -n '3,5p' "$OUT" | cut -c1-10)" = "$(printf '| v3  | 20\n\n| baseline')"
run "$BENCHDB" --format line -c 'show runs last 1; show runs last 1'
check "two line results are a blank line apart" test "$(sed -n '7,8p' "$OUT")" = "$(printf '\n       id = v3')"
printf 'show runs last 1 as csv\nshow runs last 1 as json\nshow runs last 1\n' >"$WORK/stdin.bq"
STDIN=$WORK/stdin.bq run "$BENCHDB"
check "no blank line before JSON, one before a table" \
	test "$(sed -n '3p;6,7p' "$OUT" | cut -c1-13)" = "$(printf '{"statement":\n\nid  timestamp')"

# A query error: exit 2, the position, what was expected, a caret.
run "$BENCHDB" -c 'trend real_time of "BM_hash/4096" lsat 3'
check_rc "a syntax error exits 2" 2
check_err "the error has line:col" "<command line>:1:35"
check_err "the statement is shown" 'trend real_time of "BM_hash/4096" lsat 3'
check_err "a caret points at the word" "^^^^"
check_err "did you mean" "last"

run "$BENCHDB" -c 'trend real_tme of "BM_hash/4096"'
check_rc "an unknown metric exits 2" 2
check_err "an unknown metric suggests the nearest" "real_time"

# Statements from standard input (not a terminal): no prompt, no banner.
printf 'show runs last 1 as csv\nshow baselines as csv\n' >"$WORK/in.bq"
STDIN=$WORK/in.bq run "$BENCHDB"
check_rc "statements from stdin exit 0" 0
check "no prompt is printed when reading a pipe" sh -c "! grep -q 'benchdb>' '$OUT'"
check_out "stdin statement output" "v3,"

# A script with an error on line 3: reported as FILE:3:COL; --bail stops there.
printf -- '-- a script\nshow runs last 1 as csv\nshow nonsense\nshow baselines as csv\n' \
	>"$WORK/script.bq"
run "$BENCHDB" -f "$WORK/script.bq"
check_rc "a script with an error exits 2" 2
check_err "the error names the script line" "script.bq:3:"
check_out "without --bail the statements after the error still run" "baseline,run"
run "$BENCHDB" --bail -f "$WORK/script.bq"
check_rc "--bail exits 2" 2
check "--bail stops at the error" sh -c "! grep -q '^baseline,run' '$OUT'"
run "$BENCHDB" -f "$WORK/no-such.bq"
check_rc "a missing script exits 3" 3

# Dot-commands over standard input.
printf '.mode csv\nshow runs last 1\n.mode json\nshow runs last 1\n' >"$WORK/dots.bq"
STDIN=$WORK/dots.bq run "$BENCHDB"
check_rc "dot-commands exit 0" 0
check_out ".mode csv applies" "id,timestamp,commit,branch,points"
check_out ".mode json applies" '"statement": "show runs"'
# .mode line (sqlite3's): one "name = value" line per field, names
# right-aligned, an empty line between rows; .mode alone names the mode.
printf '.mode line\nshow runs last 2\n.mode\n' >"$WORK/line.bq"
STDIN=$WORK/line.bq run "$BENCHDB"
check_rc ".mode line exits 0" 0
check_out_exact ".mode line prints each field on its line" "       id = v3
timestamp = 2026-11-18T02:00:00Z
   commit = c3
   branch = main
   points = 5
  metrics = 15

       id = v2
timestamp = 2026-11-17T02:00:00Z
   commit = c2
   branch = main
   points = 5
  metrics = 15
current output mode: line"
run "$BENCHDB" --format line -c 'show baselines; show runs last 1'
check_rc "--format line exits 0" 0
check_out "--format line applies to every statement" "       id = v3"
run "$BENCHDB" -c 'compare run "v1" with run "v3" metric real_time of "BM_sort/1024" explain as line'
check_rc "as line exits 0" 0
check_out "as line shows explain's wide column on its own line" \
	"explanation = percent: -0.6% within ±5.0% threshold"
# sqlite3 takes `.mode lines` for `.mode line`: so do .mode, `as` and
# --format (it was "unknown mode 'lines'").
printf '.mode lines\nshow runs last 1\n.mode\n' >"$WORK/lines.bq"
STDIN=$WORK/lines.bq run "$BENCHDB"
check_rc ".mode lines exits 0" 0
check_out ".mode lines is .mode line" "       id = v3"
check_out ".mode names it line" "current output mode: line"
run "$BENCHDB" -c 'show runs last 1 as lines'
check_out "as lines is as line" "       id = v3"
run "$BENCHDB" --format lines -c 'show runs last 1'
check_out "--format lines is --format line" "       id = v3"
printf '.mode box\n' >"$WORK/box.bq"
STDIN=$WORK/box.bq run "$BENCHDB"
check_err "an unknown mode names the modes" \
	".mode: unknown mode 'box' (expected table, json, csv, tsv, markdown or line)"
printf '.help\n' >"$WORK/help.bq"
STDIN=$WORK/help.bq run "$BENCHDB"
check_out ".help lists .mode" ".mode"
check_out ".help lists .output" ".output"
# .help listed "... as table | json | csv | markdown | line" only, while
# README's Tour draws a chart with `... as chart`, and its RUN line left out
# `latest on branch B`; summary's line left out its of and where (atk42).
check_out ".help lists the chart formats" "  trend|changes ... as svg | html | chart [log] [runs]"
check_out ".help lists a branch's latest run" "latest[~N] on branch B"
check_out ".help: summary's clauses" "  summary [RUN] [of POINT] [where ...]"
printf ".output $WORK/o.txt\nshow runs last 1 as csv\n.output\n" >"$WORK/out.bq"
STDIN=$WORK/out.bq run "$BENCHDB"
check_rc ".output exits 0" 0
check ".output wrote the file" grep -q "v3," "$WORK/o.txt"
printf '.nosuch\n' >"$WORK/bad-dot.bq"
STDIN=$WORK/bad-dot.bq run "$BENCHDB"
check_rc "an unknown dot-command exits 2" 2
check_err "an unknown dot-command is named" ".nosuch"

# Standard input that is not a terminal: only the results, no banner, no
# prompt, no echo of the statements.
printf 'show baselines as csv\n' >"$WORK/one.bq"
STDIN=$WORK/one.bq run "$BENCHDB"
# (CSV lines end in CRLF; no baseline is set yet, so the result is its header.)
check "stdin mode prints the result and nothing else" \
	test "$(tr -d '\r' <"$OUT")" = "baseline,run,timestamp,commit"

# The other dot-commands: .timer, .once, .read, .open, .stats, .quit.
printf '.timer on\nshow baselines as csv\n.timer off\nshow baselines as csv\n' >"$WORK/timer.bq"
STDIN=$WORK/timer.bq run "$BENCHDB"
check_rc ".timer exits 0" 0
check ".timer on reports one statement's wall and CPU time on stderr" \
	test "$(grep -c '^Run Time: real [0-9.]* user+sys [0-9.]*$' "$ERR")" -eq 1
printf ".once $WORK/once.csv\nshow runs last 1 as csv\nshow baselines as csv\n" >"$WORK/once.bq"
STDIN=$WORK/once.bq run "$BENCHDB"
check_rc ".once exits 0" 0
check ".once sent the next result to the file" \
	test "$(head -1 "$WORK/once.csv" | tr -d '\r')" = "id,timestamp,commit,branch,points,metrics"
check "only that one" sh -c "! grep -q '^baseline,' '$WORK/once.csv'"
check "the result after it is back on stdout" \
	test "$(tr -d '\r' <"$OUT")" = "baseline,run,timestamp,commit"
# A dot-command's output (.stats) is the next output too, as in sqlite3:
# it went to the file, and so did the statement after it.
printf ".once $WORK/once-stats.txt\n.stats\nshow baselines as csv\n" >"$WORK/once-stats.bq"
STDIN=$WORK/once-stats.bq run "$BENCHDB"
check ".once then .stats: the statistics went to the file" grep -q '^runs: ' "$WORK/once-stats.txt"
check ".once then .stats: only they" sh -c "! grep -q '^baseline,' '$WORK/once-stats.txt'"
check ".once then .stats: the next result is on stdout" \
	test "$(tr -d '\r' <"$OUT")" = "baseline,run,timestamp,commit"
# A dot-command in error leaves the output where .output sent it: `.once`
# without FILE was taken as "back to stdout" (exit 0, nothing said), and
# `.output a b` or a FILE that cannot be opened closed the file first.
printf '.output %s\nshow runs last 1 as csv\n.once\nshow runs last 1 as csv\n.output %s\nshow runs last 1 as csv\n.output a b\nshow runs last 1 as csv\n.output\nshow baselines as csv\n' \
	"$WORK/kept.csv" "$WORK/no-such-dir/x.csv" >"$WORK/kept.bq"
STDIN=$WORK/kept.bq run "$BENCHDB"
check_rc ".once without a file is exit 2" 2
check_err ".once says what it expects" ".once: expected one file name"
check_err ".output of a file it cannot open says so" ".output: cannot open '$WORK/no-such-dir/x.csv'"
check_err ".output with two names says so" ".output: expected one file name"
check "the four results all went to the .output file" \
	test "$(grep -c '^v3,' "$WORK/kept.csv")" -eq 4
check "none of them to standard output, where .output alone goes back" \
	test "$(tr -d '\r' <"$OUT")" = "baseline,run,timestamp,commit"
# A dot-command given words it takes none of is an error that shows its
# usage, and does nothing: `.mode json extra` set json and said nothing,
# `.stats x`, `.help trend x` and `.quit now` ran as if the words were not
# there.
printf '.mode json extra\nshow runs last 1\n.stats x\n.help trend x\n.quit now\nshow baselines as csv\n' >"$WORK/extra.bq"
STDIN=$WORK/extra.bq run "$BENCHDB"
check_rc "a dot-command with a word too many is exit 2" 2
check_err ".mode json extra says which word and the usage" \
	"benchdb: error: <stdin>:1:1: .mode: unexpected 'extra' (usage: .mode [MODE])"
check_out ".mode json extra did not change the mode" "id  timestamp"
check_err ".stats x is refused" "benchdb: error: <stdin>:3:1: .stats: unexpected 'x' (usage: .stats)"
check "no statistics written" sh -c "! grep -q '^runs: ' '$OUT'"
check_err ".help trend x is refused" "benchdb: error: <stdin>:4:1: .help: unexpected 'x' (usage: .help [STATEMENT])"
check_err ".quit now is refused" "benchdb: error: <stdin>:5:1: .quit: unexpected 'now' (usage: .quit)"
check_out "and the session went on" "baseline,run,timestamp,commit"
printf 'show runs last 1 as csv\n' >"$WORK/inner.bq"
printf ".read $WORK/inner.bq\n" >"$WORK/read.bq"
STDIN=$WORK/read.bq run "$BENCHDB"
check_rc ".read exits 0" 0
check_out ".read ran the file's statement" "v3,"
# A file that reads itself recursed until the stack overflowed (SIGSEGV,
# exit 139, nothing said); two that read each other likewise. Now .read
# stops 64 files deep with an error; the statement after it still runs.
printf ".read $WORK/self.bq\n" >"$WORK/self.bq"
printf ".read $WORK/self.bq\nshow runs last 1 as csv\n" >"$WORK/self-outer.bq"
STDIN=$WORK/self-outer.bq run "$BENCHDB"
check_rc "a file that reads itself is exit 2, not a crash" 2
check_err "it says how deep" ".read $WORK/self.bq: .read nested 64 deep (a file that reads itself?); it did not run"
check "said once" test "$(grep -c 'nested 64 deep' "$ERR")" -eq 1
check_out "the statement after the .read ran" "v3,"
printf ".read $WORK/pong.bq\n" >"$WORK/ping.bq"
printf ".read $WORK/ping.bq\n" >"$WORK/pong.bq"
STDIN=$WORK/ping.bq run "$BENCHDB"
check_rc "two files that read each other are exit 2" 2
check_err "it names the file at the limit" ".read $WORK/pong.bq: .read nested 64 deep"
"$BENCHDB" --db "$WORK/other" ingest --id o1 --commit d1 --timestamp 2026-11-30T00:00:00Z \
	"$H/gbench-v1.json" >/dev/null
printf ".open $WORK/other\nshow runs as csv\n.stats\n.quit\nshow baselines as csv\n" \
	>"$WORK/open.bq"
STDIN=$WORK/open.bq run "$BENCHDB"
check_rc ".open, .stats and .quit exit 0" 0
check_out ".open switched to the other store" "o1,2026-11-30T00:00:00Z,d1"
check "the first store's runs are not listed" sh -c "! grep -q '^v3,' '$OUT'"
check_out ".stats names the store" "store: $WORK/other"
check_out ".stats counts its one run" "runs: 1"
check ".quit stops before the next statement" sh -c "! grep -q '^baseline,' '$OUT'"
printf ".open $WORK/none\n" >"$WORK/open-bad.bq"
STDIN=$WORK/open-bad.bq run "$BENCHDB"
check_rc ".open of a missing store exits 3" 3
check_err ".open names the missing store" "no store at $WORK/none"

# The store: --db, its synonym --data, $BENCHDB_DIR, else ./benchmark-data.
run "$BENCHDB" --data "$WORK/other" -c 'show runs as csv'
check_out "--data is --db" "o1,"
mkdir -p "$WORK/cwd"
cp -r "$WORK/other" "$WORK/cwd/benchmark-data"
(cd "$WORK/cwd" && unset BENCHDB_DIR && "$BENCHDB" -c 'show runs as csv') >"$OUT" 2>"$ERR"
check_out "without --db or BENCHDB_DIR the store is ./benchmark-data" "o1,"

# Writes through the language.
run "$BENCHDB" -c 'set baseline nightly = latest~1'
check_rc "set baseline exits 0" 0
run "$BENCHDB" -c 'show baselines as csv'
check_out "the baseline points at v2" "nightly"
check_out "the baseline's run is v2" "v2"

# sqlite3 runs a dot-command given as its argument; -c does not, and said
# 'unexpected character "."', which names neither the rule nor the way.
run "$BENCHDB" -c '.mode csv'
check_rc "-c '.mode csv': exit 2" 2
check_err "-c '.mode csv': says -c reads no dot-command, and what to use" \
	"<command line>:1:1: a dot-command (.mode) is not read from -c, only in the REPL, -f scripts and standard input; for the output format: --format FMT, or '... as FMT' in the statement"
run "$BENCHDB" -c 'show baselines; .stats'
check_err "-c with a dot-command after a statement: the same, at its place" "<command line>:1:17: a dot-command (.stats) is not read from -c"

finish
