#!/usr/bin/env bash
# tests/cli/test_cli_habits.sh - what a newcomer from git, sqlite3, jq and
# hyperfine types: options after a statement's word (`benchdb regressions
# --fail`, which the language read as a `--` comment and dropped: a gate that
# passed on a regression), the statement options before `query`, those
# options before a subcommand that takes none of them, `benchdb help WORD`,
# `--` ending a subcommand's options and "did you mean" for a mistyped option.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
H=$ROOT/examples/history
# v1 and v3 of the example history: c4e0a77 (v3) made BM_hash 8x slower, so
# three of its values regress against v1 (README, "Real output").
"$BENCHDB" ingest --id v1 --commit 3f2a9c1 --branch main --timestamp 2026-11-16T02:00:00Z \
	"$H/gbench-v1.json" >/dev/null
"$BENCHDB" ingest --id v3 --commit c4e0a77 --branch main --timestamp 2026-11-18T02:00:00Z \
	"$H/gbench-v3.json" >/dev/null
"$BENCHDB" baseline set main v1 >/dev/null

# Options after a statement's word.
run "$BENCHDB" regressions --fail
check_rc "regressions --fail exits 1 on regressions (was a comment: exit 0)" 1
check_out "and prints the regressions" "BM_hash/4096"
run "$BENCHDB" regressions
check_rc "without --fail the same statement exits 0" 0
run "$BENCHDB" show runs last 1 --json
check_rc "show runs last 1 --json exits 0" 0
check "--json after the words gives JSON" \
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["rows"][0]["id"] == "v3"' "$OUT"
# The value is the mean of v3's three repetitions of BM_hash/4096
# (4644.387216505357, 4650.605821461446, 4633.571078081927 ns: python3's
# statistics.fmean gives 4642.854705349577).
run "$BENCHDB" trend real_time --format csv of BM_hash/4096 last 1
check "--format csv among the words gives CSV (RFC 4180: CRLF)" python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["point", "tags", "run", "timestamp", "commit", "value", "lower", "upper", "unit"], rows
assert rows[1][:5] == ["BM_hash/4096", "", "v3", "2026-11-18T02:00:00Z", "c4e0a77"], rows
assert abs(float(rows[1][5]) - 4642.854705349577) < 1e-9 and rows[1][8] == "ns", rows
assert open(sys.argv[1], "rb").read().endswith(b"\r\n")' "$OUT"
run "$BENCHDB" show runs last 1 --db "$WORK/nowhere"
check_rc "--db after the words names the store (none there: exit 3)" 3
check_err "and says which" "no store at $WORK/nowhere"
run "$BENCHDB" regressions --fial
check_rc "a mistyped option after the words is exit 2" 2
check_err "with the nearest option" "benchdb: error: regressions: unknown option '--fial'; did you mean '--fail'?"
run "$BENCHDB" regressions threshold -5%
check_err "a word such as -5% stays statement text (the language's error, with its caret)" \
	'unexpected character "-": expected a threshold in percent (5%)'
run "$BENCHDB" show runs --server http://127.0.0.1:9
check_rc "--server after the words is exit 2" 2
check_err "it goes before the word" "benchdb: error: show: --server goes before the word: benchdb --server ... show ..."
run "$BENCHDB" show runs --help
check_out "--help after the words is the statement's help" "show runs [last N] [where ...]"
check_out "and the options a statement takes" "Options, before the words or among them: --json, --format FMT, --fail,"
# The bash completion reads them there: `benchdb regressions --f` Tab.
BIN_DIR=$(cd "$(dirname "$BENCHDB")" && pwd)
. "$ROOT/repl/benchdb.bash-completion"
complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	PATH=$BIN_DIR:$PATH _benchdb
	printf '%s ' "${COMPREPLY[@]}"
}
check "completion: benchdb regressions --f offers --fail and --format" \
	test "$(complete_words benchdb regressions --f)" = "--fail --format "
# --format's words were table json csv markdown line: no tsv.
check "completion: benchdb --format ts offers tsv" \
	test "$(complete_words benchdb --format ts)" = "tsv "
run "$BENCHDB" show runs last 1 -- '-- a comment'
check_out "after -- a word is statement text (here a comment): a table" "id  timestamp"
# A program option there was a comment too, which dropped it in silence.
run "$BENCHDB" show runs last 1 -- --json
check_rc "after -- a program option is statement text the language refuses: exit 2" 2
check_err "with a caret under it" "an option of the benchdb program inside the statement"

# The statement options before query, and before other subcommands.
run "$BENCHDB" --fail query regressions
check_rc "--fail before query exits 1 on regressions (was dropped: exit 0)" 1
run "$BENCHDB" --format csv query 'show runs last 1'
check_out_exact "--format csv before query gives CSV (was a table)" \
	"$(printf 'id,timestamp,commit,branch,points,metrics\r\nv3,2026-11-18T02:00:00Z,c4e0a77,main,5,15\r')"
run "$BENCHDB" --format csv stats
check_rc "--format before stats is exit 2 (was dropped)" 2
check_err "and says where it belongs" \
	"benchdb: error: --format goes with statements (-c, -f, query, trend, ...), not 'stats'"
run "$BENCHDB" --fail check
check_rc "--fail before check is exit 2" 2
check_err "naming check" "--fail goes with statements (-c, -f, query, trend, ...), not 'check'"

# benchdb help WORD is benchdb WORD --help.
"$BENCHDB" ingest --help >"$WORK/ingest.help"
run "$BENCHDB" help ingest
check_rc "help ingest exits 0" 0
check_out_exact "help ingest prints ingest --help (was the global usage)" "$(cat "$WORK/ingest.help")"
run "$BENCHDB" help compare
check_out_exact "help compare prints the statement's help" "$("$BENCHDB" compare --help)"
run "$BENCHDB" help query
check_out "help query prints query's usage" "usage: benchdb query"
run "$BENCHDB" help
check_out "help alone prints the usage" "usage: benchdb [--db DIR]"
run "$BENCHDB" help --help
check_out "help --help prints the usage" "usage: benchdb [--db DIR]"
run "$BENCHDB" help tredn
check_rc "help of a mistyped word is exit 2" 2
check_err "with the nearest subcommand" "unknown subcommand 'tredn'; did you mean 'trend'?"

run "$BENCHDB" version
check_rc "benchdb version (git's) is exit 2" 2
check_err "pointing at --version" "unknown subcommand 'version'; did you mean '--version'?"
# benchdb repl (the word other tools use) said only "unknown subcommand".
run "$BENCHDB" repl
check_rc "benchdb repl is exit 2" 2
check_err "pointing at the REPL" "unknown subcommand 'repl': the REPL is 'benchdb' with no subcommand (standard input a terminal)"
# benchdb drop annotation commit C (query-language.md's statement; annotate
# and show are subcommands) said only "unknown subcommand 'drop'".
run "$BENCHDB" drop annotation commit c1
check_rc "benchdb drop annotation is exit 2" 2
check_err "pointing at -c" "unknown subcommand 'drop': 'drop annotation|baseline' is a statement; run it with -c (benchdb -c 'drop annotation commit C ...'); a baseline also with 'benchdb baseline drop NAME'"
# ... and at the baseline subcommand, which sets and drops one without -c
# (it was not named; atk42).
run "$BENCHDB" set baseline x = latest
check_err "benchdb set baseline alike" "unknown subcommand 'set': 'set baseline' is a statement; run it with -c (benchdb -c 'set baseline NAME = ...'); a baseline also with 'benchdb baseline set NAME [RUN]'"

# -- ends benchdb's options and a subcommand's.
run "$BENCHDB" --format csv -- show runs last 1
check_out_exact "benchdb --format csv -- show runs last 1: the word after --" \
	"$(printf 'id,timestamp,commit,branch,points,metrics\r\nv3,2026-11-18T02:00:00Z,c4e0a77,main,5,15\r')"
cp "$H/gbench-v2.json" "$WORK/-v2.json"
cd "$WORK" || exit 1
run "$BENCHDB" ingest --id v2 --commit 8b71d04 --branch main -- -v2.json
cd - >/dev/null || exit 1
check_rc "ingest -- -v2.json exits 0 (was: unknown option '--')" 0
check_out "and stores the file named -v2.json" "Ingested run v2 (5 points, 15 metrics)"
run "$BENCHDB" export --format csv -- v2
check_rc "export -- v2 exits 0" 0
check_out "and exports run v2" "BM_hash/4096"
run "$BENCHDB" push --server http://127.0.0.1:9 --token-file /nonexistent -- -v2.json
check_err "push takes -- too: its error is the token file's, not the option's" "/nonexistent"
run "$BENCHDB" import-otava -- -missing.csv
check_rc "a file after -- that does not exist is exit 3" 3
check_err "named as a file" "-missing.csv"

# "did you mean" for options.
run "$BENCHDB" check --treshold 5%
check_rc "check --treshold is exit 2" 2
check_err "check --treshold: did you mean --threshold" \
	"benchdb: error: check: unknown option '--treshold'; did you mean '--threshold'?"
check_err "and where to look" "try 'benchdb check --help'"
run "$BENCHDB" --jsn -c 'show runs'
check_err "--jsn: did you mean --json" "benchdb: error: unknown option '--jsn'; did you mean '--json'?"
run "$BENCHDB" ingest --replce x.json
check_err "ingest --replce: did you mean --replace" "unknown option '--replce'; did you mean '--replace'?"
run "$BENCHDB" record --warmpu 2 -- true
check_err "record --warmpu: did you mean --warmup" "unknown option '--warmpu'; did you mean '--warmup'?"
run "$BENCHDB" stats --frobnicate
check_rc "an option near none is exit 2" 2
check "and gets no suggestion" test "$(head -1 "$ERR")" = "benchdb: error: stats: unknown option '--frobnicate'"

# sqlite3's habits among the dot-commands (from standard input, as in the REPL).
printf '.mod csv\n.tables\n.frobnicate\n' >"$WORK/dots"
STDIN=$WORK/dots run "$BENCHDB"
check_rc "unknown dot-commands are exit 2" 2
check_err ".mod: did you mean .mode" "benchdb: error: <stdin>:1:1: unknown command '.mod'; did you mean '.mode'? (try .help)"
check_err ".tables names the statements that list names" \
	"unknown command '.tables': the store's names are listed by show points, show metrics, show tags and show runs"
check_err "a dot-command near none gets no suggestion" "benchdb: error: <stdin>:3:1: unknown command '.frobnicate' (try .help)"

# An annotation's text as the shell's quotes made it one argument (last: an
# intended c4e0a77 is no regression any more).
run "$BENCHDB" annotate commit c4e0a77 as intended "new hash" --format csv
check_rc "annotate ... as intended \"new hash\" exits 0 (was: found \"hash\")" 0
check_out_exact "the text is the whole argument" "$(printf 'commit,annotation,text\r\nc4e0a77,intended,new hash\r')"
run "$BENCHDB" annotate commit c4e0a77 as ignore '"runner change"' --format csv
check_out "a text quoted for the language too reads as before" "c4e0a77,ignore,runner change"
run "$BENCHDB" annotate commit c4e0a77 as ignore 'say "hi"' --format csv
check_out "quotes inside the text are kept" 'c4e0a77,ignore,"say ""hi"""'

finish
