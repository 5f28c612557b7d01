#!/usr/bin/env bash
# tests/cli/test_repl.sh - the interactive REPL, driven through a
# pseudo-terminal with script(1) (util-linux, on every Debian machine).
#
# Keystrokes are written once the first prompt is on the screen, then one
# line at a time with a pause, as a person types; the checks look at what
# the terminal showed and at the history file. The pauses only pace the
# input: no check depends on how long anything takes.
#
# BENCHDB_TEST_PACE (seconds, default 0.4) is the pause between keystroke
# lines; `make valgrind` raises it, as benchdb under memcheck runs each
# statement many times slower. A session that does not end within
# BENCHDB_TEST_TIMEOUT seconds (default 60) is killed and fails its checks
# instead of hanging the suite.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
H=$ROOT/examples/history
for v in 1 2; do
	"$BENCHDB" --db "$DB" ingest --id "v$v" --commit "c$v" --branch main \
		--timestamp "2026-11-$((15 + v))T02:00:00Z" "$H/gbench-v$v.json" >/dev/null
done
export BENCHDB_HISTORY=$WORK/history
export TERM=xterm

PACE=${BENCHDB_TEST_PACE:-0.4}
TIMEOUT=${BENCHDB_TEST_TIMEOUT:-60}

# wait_prompts N: waits (up to TIMEOUT seconds) until $OUT shows N prompts
# ("benchdb> " or the continuation "...> "). Keys typed before benchdb is
# back at its prompt could be read in the terminal's cooked mode (a Ctrl-D
# taken as end of file by the line discipline, for one).
wait_prompts() {
	local tries=$((TIMEOUT * 10))
	while [ "$tries" -gt 0 ] &&
		[ "$(grep -oF -e 'benchdb> ' -e '...> ' "$OUT" 2>/dev/null | wc -l)" -lt "$1" ]; do
		sleep 0.1
		tries=$((tries - 1))
	done
}

# on_pty NAME STORE COMMAND...: runs the REPL on STORE on a pty, typing what
# COMMAND (a shell function) prints; the screen goes to $OUT (a copy in
# $WORK/screen-NAME), the exit code to $RC. With PTY_COLS set the terminal
# is that many columns wide (stty sets the pty's window size, TIOCSWINSZ),
# else script(1)'s default. script(1) runs the command
# through $SHELL; "exec" replaces that shell, so a Ctrl-C on the terminal
# reaches only benchdb (dash, unlike bash, would otherwise stay in between
# and die of the SIGINT itself).
on_pty() {
	local name=$1 store=$2
	shift 2
	: >"$OUT"
	"$@" | timeout -k 5 "$TIMEOUT" script -q -e \
		-c "${PTY_COLS:+stty cols $PTY_COLS; }exec \"$BENCHDB\" --db \"$store\"" /dev/null \
		>"$OUT" 2>"$ERR"
	RC=$?
	[ "$RC" -eq 124 ] && echo "session $name: killed after ${TIMEOUT}s" >>"$ERR"
	tr -d '\r' <"$OUT" >"$WORK/screen-$name"
	cp "$WORK/screen-$name" "$OUT"
}

# session NAME KEYS...: runs the REPL on $DB and types each KEYS argument
# (printf escapes allowed) once benchdb shows a prompt for every line typed
# so far, after a pause.
session_keys() {
	local lines=0
	for keys in "$@"; do
		wait_prompts $((lines + 1))
		sleep "$PACE"
		printf "$keys"
		case $keys in *'\n') lines=$((lines + 1)) ;; esac
	done
	sleep "$PACE"
	sleep 0.5
}
session() {
	local name=$1
	shift
	on_pty "$name" "$DB" session_keys "$@"
}

# A statement runs; the prompt is shown; Ctrl-D leaves with exit 0.
session basic 'show runs as csv\n' '\004'
check_rc "the REPL exits 0 on Ctrl-D" 0
check_out "the prompt is shown" "benchdb> "
check_out "the statement ran" "v2,"

# A non-ASCII character typed reaches the statement: libedit in the "C"
# locale dropped it (the point "BM_café" ran as "BM_caf").
session utf8 'trend real_time of "BM_caf\303\251"\n' '\004'
check_out "a typed é reaches the parser" 'no point "BM_café" in the store'

# An unfinished statement (a dangling "of") gets the continuation prompt.
session cont 'trend real_time of\n' '"BM_sort/1024" as csv\n' '\004'
check_out "continuation prompt" "...> "
check_out "the continued statement ran" "run,timestamp,commit,value"
# A comment-only line at the continuation prompt ends nothing (it ran the
# unfinished statement: "expected a point name or glob, found end of input").
session contcomment 'trend real_time of\n' '  -- the sort\n' '"BM_sort/1024" as csv\n' '\004'
check "a comment line at the continuation prompt runs nothing" sh -c "! grep -q 'error' '$OUT'"
check_out "the statement ran whole after it" "run,timestamp,commit,value"

# Tab completes a metric name from the store: "items_p<TAB>" becomes
# "items_per_second " (the only metric starting so). The terminal redraws
# only the rest of the word, so the check reads the history file, which
# holds the line as it ran, and the output, which is that metric's.
session tab 'trend items_p\t' 'of "BM_sort/1024" as csv\n' '\004'
# (libedit's history file writes a space as \040.)
check "tab completion finished the metric name" \
	sh -c "sed 's/\\\\040/ /g' '$BENCHDB_HISTORY' | grep -q 'trend items_per_second of \"BM_sort/1024\"'"
check_out "the completed statement ran" "items/s"

# History persists across sessions: Up arrow recalls the last statement.
session history '\033[A\n' '\004'
check_out "Up arrow in a new session recalls and reruns it" "run,timestamp,commit,value"

# Without $BENCHDB_HISTORY the history goes to $XDG_STATE_HOME/benchdb_history,
# and without that to ~/.benchdb_history.
mkdir -p "$WORK/state"
(unset BENCHDB_HISTORY; XDG_STATE_HOME=$WORK/state session xdg 'show baselines as csv\n' '\004')
check "history in \$XDG_STATE_HOME/benchdb_history" \
	sh -c "sed 's/\\\\040/ /g' '$WORK/state/benchdb_history' | grep -q 'show baselines as csv'"
(unset BENCHDB_HISTORY XDG_STATE_HOME; session home 'show runs last 1 as csv\n' '\004')
check "else history in ~/.benchdb_history" \
	sh -c "sed 's/\\\\040/ /g' '$HOME/.benchdb_history' | grep -q 'show runs last 1 as csv'"
# A history file that cannot be written (its directory is missing: an
# $XDG_STATE_HOME not made yet) is said once, as psql says it; the history
# was lost without a word, session after session.
BENCHDB_HISTORY=$WORK/no-such-dir/history session nohistory 'show runs last 1 as csv\n' \
	'show baselines as csv\n' '\004'
check_out "an unwritable history file is said" \
	"benchdb: note: cannot save the history to $WORK/no-such-dir/history: No such file or directory"
check "said once" test "$(grep -c 'cannot save the history' "$OUT")" -eq 1
check_out "the statements ran" "baseline,run,timestamp,commit"

# .mode json changes the output of what follows.
session mode '.mode json\n' 'show runs\n' '\004'
check_out ".mode json gives JSON" '"statement": "show runs"'

# Ctrl-C drops the line being typed and keeps the REPL.
session ctrlc 'show nonsense\003' 'show baselines as csv\n' '.quit\n'
check_rc "the REPL survives Ctrl-C and leaves with .quit" 0
check "the interrupted line did not run" sh -c "! grep -q 'nonsense' '$ERR' && ! grep -q 'error' '$OUT'"
check_out "the REPL kept going after Ctrl-C" "baseline,run"

# Ctrl-C cancels a statement that is running and keeps the REPL. The
# statement: E-Divisive with 100,000 permutations over one series of 400
# runs with a step at run 201, which takes seconds (4.6 s of CPU in the
# normal build on the development machine): the permutation test reads the
# cancel flag before every permutation. Ctrl-C is typed a second after the
# statement (no check depends on that: had it finished first, the checks for
# "cancelled" fail instead); the next statement waits for the prompt.
LONG=$WORK/long
mkdir -p "$LONG"
for i in $(seq 1 400); do
	v=$((i <= 200 ? 100 : 130)).$(((i * 37) % 10))
	printf '{"id":"long%03d","timestamp":"2026-01-01T00:00:00Z","points":[{"name":"long","metrics":{"time":{"value":%s,"unit":"ns"}}}]}\n' \
		"$i" "$v" >"$LONG/r$(printf %03d "$i").json"
done
"$BENCHDB" --db "$WORK/longdb" ingest "$LONG"/r*.json >/dev/null
# cancel_session NAME LINE NEXT: on the long store, types LINE, Ctrl-C a
# second later, NEXT at the prompt after it, then .quit.
cancel_keys() {
	wait_prompts 1
	sleep "$PACE"
	printf '%s\n' "$1"
	sleep 1
	printf '\003'
	wait_prompts 2
	sleep "$PACE"
	printf '%s\n' "$2"
	wait_prompts 3
	sleep "$PACE"
	printf '.quit\n'
	sleep "$PACE"
}
cancel_session() {
	on_pty "$1" "$WORK/longdb" cancel_keys "$2" "$3"
}
cancel_session cancel 'changes time of "long" permutations 100000' 'show runs last 1 as csv'
check_rc "Ctrl-C during a statement: the REPL leaves with .quit, exit 0" 0
check_out "the running statement was cancelled" "benchdb: cancelled"
check "the cancelled statement printed no result" sh -c "! grep -q 'edivisive' '$OUT'"
check_out "the REPL ran the next statement" "long400,"

# Ctrl-C during .read stops the file, not only its running statement: the
# statements after it ran on (here a second long one), so a script could
# only be stopped by a Ctrl-C for each of its statements.
printf 'changes time of "long" permutations 100000\nshow runs last 1 as csv\nchanges time of "long" permutations 100001\n' >"$WORK/long.bq"
cancel_session cancel-read ".read $WORK/long.bq" 'show baselines as csv'
check_rc "Ctrl-C during .read: the REPL leaves with .quit, exit 0" 0
check_out "the running statement was cancelled" "benchdb: cancelled"
check_out "the rest of the file did not run, and says so" \
	".read $WORK/long.bq: interrupted; the rest of it did not run"
check "the statement after the cancelled one did not run" sh -c "! grep -q 'long400,' '$OUT'"
check_out "the REPL ran the next statement typed" "baseline,run,timestamp,commit"

# Type-ahead: what is typed while a statement runs is read after it, as
# sqlite3 and psql do, a Ctrl-D included. The terminal was back in its
# cooked mode while the statement ran, where the line discipline takes a
# Ctrl-D as an end of file it keeps no byte of: libedit then read a NUL
# (set-mark) and the session went on. Here a line and a Ctrl-D are typed a
# second into the long statement; the line must run after it, then the
# session end; a marker statement typed at the prompt after that line (3)
# must not run.
typeahead_keys() {
	wait_prompts 1
	sleep "$PACE"
	printf '%s\n' 'changes time of "long" permutations 100000'
	sleep 1
	printf 'show runs last 1 as csv\n\004'
	wait_prompts 3
	sleep "$PACE"
	printf 'show baselines as csv\n'
	sleep "$PACE"
}
on_pty typeahead "$WORK/longdb" typeahead_keys
check_rc "type-ahead: the REPL exits 0" 0
check_out "type-ahead: the long statement ran" "long201"
check_out "type-ahead: the line typed during it ran after it" "long400,"
check "type-ahead: the Ctrl-D typed during it ended the session" \
	sh -c "! grep -q 'baseline,run' '$OUT'"

# .read - reads a script typed on the terminal up to one Ctrl-D, as
# `cat` does: it took two in a row (a Ctrl-D after a line ended only that
# read, and the next line typed went on into the script). readstdin_keys
# KEY: .read -, a statement, KEY (Ctrl-D or Ctrl-C), then at the prompt
# after it a statement and Ctrl-D.
readstdin_keys() {
	wait_prompts 1
	sleep "$PACE"
	printf '.read -\n'
	sleep "$PACE"
	printf 'show runs last 1 as csv\n'
	sleep "$PACE"
	printf "$1"
	wait_prompts 2
	sleep "$PACE"
	printf 'show baselines as csv\n'
	wait_prompts 3
	sleep "$PACE"
	printf '\004'
	sleep "$PACE"
}
on_pty readstdin "$DB" readstdin_keys '\004'
check_out ".read -: the script typed ran" "v2,2026-11-17T02:00:00Z"
check_out ".read -: one Ctrl-D ended it, the next line is the REPL's" \
	"benchdb> show baselines as csv"

# Ctrl-C while .read - reads the terminal stops the read there: the read
# went on (to the next Ctrl-D, taking the lines typed at what looked like
# the prompt), then said "cannot read: Interrupted system call".
on_pty readstdin-ctrlc "$DB" readstdin_keys '\003'
check_out "Ctrl-C during .read -: said once" ".read -: interrupted; the rest of it did not run"
check "Ctrl-C during .read -: no read error besides" sh -c "! grep -q 'Interrupted system call' '$OUT'"
check "Ctrl-C during .read -: what was typed before it did not run" sh -c "! grep -q '^v2,' '$OUT'"
check_out "Ctrl-C during .read -: the next line is the REPL's" "benchdb> show baselines as csv"

# A table wider than the terminal: its widest text column (explanation,
# 37 columns here) is narrowed and its cells cut with a "…", so that its
# lines fit 100 columns (they wrapped, each over two lines of the screen);
# the CSV of the same statement keeps it whole. (79 columns before the
# explanation, two blanks: 21 columns left for it, 20 of text and "…".)
PTY_COLS=100 session narrow \
	'compare run "v1" with run "v2" metric real_time of "BM_sort/1024" explain\n' \
	'compare run "v1" with run "v2" metric real_time of "BM_sort/1024" explain as csv\n' '\004'
check_out "narrow terminal: the explanation is cut to fit" \
	"BM_sort/1024  real_time  3.915 µs  3.896 µs       -0.5%  unchanged       5.0%  percent: -0.5% withi…"
check "narrow terminal: no table line is wider than 100 columns" \
	sh -c "! grep -v 'benchdb> ' '$OUT' | grep -v '^BM_sort/1024,' | LC_ALL=C.UTF-8 grep -q '.\{101\}'"
check_out "narrow terminal: CSV keeps the explanation whole" \
	"percent: -0.5% within ±5.0% threshold"
PTY_COLS=200 session wide \
	'compare run "v1" with run "v2" metric real_time of "BM_sort/1024" explain\n' '\004'
check_out "a terminal wide enough: the explanation whole" \
	"5.0%  percent: -0.5% within ±5.0% threshold"

# On a terminal a trend starts with a sparkline of its values (v1 > v2 here).
session spark 'trend real_time of "BM_sort/1024"\n' '\004'
check "a trend on a terminal has a sparkline" grep -q '█▁' "$OUT"

# Colour on a terminal: the table's header is bold (SGR 1) without
# NO_COLOR, and no SGR sequence at all is written with NO_COLOR=1.
(unset NO_COLOR; session color 'show runs\n' '\004')
check "the REPL colours a table's header without NO_COLOR" grep -q $'\033\\[1mid ' "$OUT"
NO_COLOR=1 session nocolor 'show runs\n' '\004'
check "the table is there with NO_COLOR" grep -q '^id ' "$OUT"
# (The pattern is expanded by bash: sh is dash, which has no $'...'.)
ESC=$(printf '\033')
check "no colour escapes with NO_COLOR" sh -c "! grep -q '${ESC}\[[0-9;]*m' '$OUT'"
# TERM=dumb (Emacs' shell, an editor's terminal) shows escapes as text:
# no colour there either, NO_COLOR or not, as git and ls do.
(unset NO_COLOR; TERM=dumb session dumb 'show runs\n' '\004')
check "TERM=dumb: the table is there" grep -q '^id ' "$OUT"
check "TERM=dumb: no colour escapes" sh -c "! grep -q '${ESC}\[[0-9;]*m' '$OUT'"

# REPL habits (issue 23, item 14): help, exit, quit and \q; Ctrl-D leaves a
# newline; .help STATEMENT; a banner that says when there is no store, and
# Tab that prints no error into the line then.
session help 'help\n' '\004'
check_out "help lists the dot-commands" ".mode"
session exit 'exit\n'
check_rc "exit leaves with 0" 0
check "exit leaves (one prompt)" test "$(grep -c 'benchdb> ' "$OUT")" -eq 1
session quit 'quit;\n'
check "quit; leaves" test "$(grep -c 'benchdb> ' "$OUT")" -eq 1
session backslash_q '\\q\n'
check "\\q leaves" test "$(grep -c 'benchdb> ' "$OUT")" -eq 1
session eof '\004'
check "Ctrl-D leaves a newline after the prompt" sh -c "tail -c 1 '$OUT' | od -c | grep -q '\\\\n'"
# Ctrl-D at the continuation prompt leaves without running what was typed:
# it ran the unfinished statement, so `drop baseline nightly \` and Ctrl-D
# (meant to leave) dropped the baseline.
"$BENCHDB" --db "$DB" -c 'set baseline nightly = latest' >/dev/null
session eof_pending 'drop baseline nightly \\\n' '\004'
check_rc "Ctrl-D with an unfinished statement exits 0" 0
check_out "it says the statement did not run" "the unfinished statement was not run"
check "the baseline is still there" \
	sh -c "'$BENCHDB' --db '$DB' -c 'show baselines as csv' | grep -q '^nightly,v2,'"
"$BENCHDB" --db "$DB" -c 'drop baseline nightly' >/dev/null
session help_trend '.help trend\n' '\004'
check_out ".help trend shows its forms" "trend METRIC [of POINT]"
check_out ".help trend shows an example" "Example: trend "
# help WORD is .help WORD, as help is .help (it was a query error, "found
# \"help\"").
session help_word 'help rank;\n' '\004'
check_out "help rank shows rank's forms" "rank METRIC [in RUN]"
check "help rank is no query error" sh -c "! grep -q 'expected a statement' '$OUT'"
# Completion follows the context: after "of " only points ("B" gives their
# common start '"BM_'; keywords such as "by" are not offered there), after
# "where " a tag key or field ("po" -> point).
session ctxtab 'trend real_time of B\t' 'sort/1024" as csv\n' '\004'
check "after of: point names" \
	sh -c "sed 's/\\\\040/ /g' '$BENCHDB_HISTORY' | grep -q 'trend real_time of \"BM_sort/1024\"'"
session trendtab 'trend r\t' 'of "BM_hash/4096" as csv\n' '\004'
check "after trend: metric names only (r -> real_time, not rank or run)" \
	sh -c "sed 's/\\\\040/ /g' '$BENCHDB_HISTORY' | grep -q 'trend real_time of \"BM_hash/4096\"'"
session wheretab 'show points where po\t' '= "BM_hash/4096" as csv\n' '\004'
check "after where: fields and tag keys" \
	sh -c "sed 's/\\\\040/ /g' '$BENCHDB_HISTORY' | grep -q 'show points where point = \"BM_hash/4096\"'"
# Names with a blank and with a control character (cargo's text keeps both).
# libedit's word starts after the last blank, the name at its open quote:
# '"sleep a<TAB>' became '"sleep "sleep a' on a second completion (the
# candidate was written after the blank too). A name with a control
# character is not offered: no escape types it and the terminal would act
# on it (an ESC, here, would start a sequence).
# Tab after a dot-command completes its argument: .mode's modes, .timer's
# on and off, file names after .read (a directory with its '/'). It
# offered the statements' keywords and the store's names (`.mode <Tab>`:
# annotation, "BM_hash/4096", ...; `.timer o<Tab>`: of, or).
mkdir -p "$WORK/tabdir"
printf 'show baselines as csv\n' >"$WORK/tabdir/only.bq"
session dottab '.mode \t\t' '\025' '.mode j\t' '\n' 'show runs last 1\n' \
	".read $WORK/tabd\t" 'o\t' '\n' '.timer o\t\t' '\025' '\004'
check_out ".mode Tab Tab lists the modes" "csv       json      line      markdown  table"
check "and no keyword or name" sh -c "! grep -q -e 'annotation' -e 'BM_hash' '$OUT'"
check_out ".mode j Tab is .mode json" '"statement": "show runs"'
check_out ".read DIR Tab goes into it, a file in it Tab, and it ran" "baseline,run,timestamp,commit"
check ".read completed the path whole" \
	sh -c "sed 's/\\\\040/ /g' '$BENCHDB_HISTORY' | grep -qF '.read $WORK/tabdir/only.bq'"
check_out ".timer o Tab Tab lists on and off" "off  on"

SAVED_DB=$DB
DB=$WORK/odd-names
printf 'test sleep a1 ... bench: 10 ns/iter (+/- 1)\ntest sleep a2 ... bench: 20 ns/iter (+/- 1)\ntest sleepy\033[2Jx ... bench: 30 ns/iter (+/- 1)\n' >"$WORK/odd.txt"
"$BENCHDB" --db "$DB" ingest -q "$WORK/odd.txt" >/dev/null
session blanktab 'show points of "sleep\t' '\t' '2" as csv\n' '\004'
check "a name with a blank completes once, not twice" \
	sh -c "sed 's/\\\\040/ /g' '$BENCHDB_HISTORY' | grep -q '^show points of \"sleep a2\" as csv\$'"
check_out "the completed statement ran" "sleep a2,,"
session ctltab 'show points of sl\t\t' '\025' '\004'
check "a name with a control character is not offered" sh -c "! grep -q \"\$(printf '\\033')\\[2J\" '$OUT'"
check_out "the other names are" 'a2"'
DB=$SAVED_DB

SAVED_DB=$DB
DB=$WORK/no-store-here
session nostore 'tre\t' '\025' '\004'
check_out "no store: the banner says so" "no store at $WORK/no-store-here yet"
check_out "no store: and how to make one" "benchdb ingest FILE"
check "no store: Tab prints no error" sh -c "! grep -q 'error' '$OUT'"
# (libedit writes the completion's rest, "nd ", after a cursor move.)
check "no store: Tab completes keywords (tre -> trend)" \
	sh -c "grep -q 'benchdb> tre.*nd ' '$OUT'"
check "no store: nothing was created" test ! -e "$WORK/no-store-here"
DB=$SAVED_DB

# A missing $XDG_STATE_HOME is made, mode 0700, as the XDG spec says (the
# history was lost with "cannot save the history" in a new account).
(unset BENCHDB_HISTORY; XDG_STATE_HOME=$WORK/newstate/deep session xdgnew 'show baselines as csv\n' '\004')
check "a missing \$XDG_STATE_HOME is made for the history" \
	sh -c "sed 's/\\\\040/ /g' '$WORK/newstate/deep/benchdb_history' | grep -q 'show baselines as csv'"
check "  with mode 0700" test "$(stat -c %a "$WORK/newstate/deep")" = 700
check "  and nothing said about it" sh -c "! grep -q 'cannot save the history' '$OUT'"
# A relative $XDG_STATE_HOME is invalid and ignored, as the spec says: it
# would put the history (and now a directory) wherever benchdb started.
rm -f "$HOME/.benchdb_history"
(cd "$WORK" && unset BENCHDB_HISTORY && XDG_STATE_HOME=relstate session xdgrel 'show runs last 1 as csv\n' '\004')
check "a relative \$XDG_STATE_HOME is ignored: nothing made in the directory" test ! -e "$WORK/relstate"
check "  the history goes to ~/.benchdb_history" \
	sh -c "sed 's/\\\\040/ /g' '$HOME/.benchdb_history' | grep -q 'show runs last 1 as csv'"

# With --server the statements run on the server: Tab offered the names of
# a ./benchmark-data that happened to be in the directory (another store's),
# and opened it. Keywords only now (no server answers here: none is asked).
mkdir -p "$WORK/srvcwd"
cp -r "$DB" "$WORK/srvcwd/benchmark-data"
: >"$OUT"
(cd "$WORK/srvcwd" && session_keys 'trend items_p\t\t' '\025' 'tre\t' '\025' '\004' |
	timeout -k 5 "$TIMEOUT" script -q -e -c "exec \"$BENCHDB\" --server http://127.0.0.1:9" /dev/null \
		>"$OUT" 2>"$ERR")
RC=$?
tr -d '\r' <"$OUT" >"$WORK/screen-srvtab" && cp "$WORK/screen-srvtab" "$OUT"
check_rc "the REPL with --server exits 0" 0
check "Tab with --server offers no name of a local store" sh -c "! grep -q 'items_per_second' '$OUT'"
check_out "  but keywords still complete" "trend "

finish
