#!/usr/bin/env bash
# tests/cli/test_cli_basics.sh - help, version, usage errors and exit codes.
. "$(dirname "$0")/lib.sh"

run "$BENCHDB" --help
check_rc "--help exits 0" 0
check_out "--help lists exit codes" "3  input or storage error"

run "$BENCHDB" --version
check_rc "--version exits 0" 0
check_out "--version prints the version" "benchdb 0."

for sub in query ingest import-benchkit export check baseline summary trend verify stats backup; do
	run "$BENCHDB" "$sub" --help
	check_rc "$sub --help exits 0" 0
	check_out "$sub --help prints usage" "usage: benchdb"
done

# Every subcommand parses its arguments the same way (cli_parse_args): an
# unknown option is named with the subcommand in one line, followed by where
# to look (not the whole usage: issue 23, item 9), and an option's missing
# value is a usage error.
for sub in query import-benchkit export check baseline summary trend verify stats backup; do
	run "$BENCHDB" "$sub" --bogus
	check_rc "$sub --bogus exits 2" 2
	check_err "$sub names the unknown option" "$sub: unknown option '--bogus'"
	check_err "$sub says where to look" "try 'benchdb $sub --help'"
	check "$sub prints two lines, not its usage" test "$(wc -l <"$ERR")" -eq 2
done
for case in "check --baseline" "export --format" "summary --run" "trend --metric" \
	"baseline --run" "query --format"; do
	set -- $case
	run "$BENCHDB" "$1" "$2"
	check_rc "$case without a value exits 2" 2
	check_err "$case without a value says so" "option $2 needs a value"
done
# A missing argument is such a usage error too: one line and where to look.
for sub in chart import-gab import-asv import-otava import-benchkit backup query; do
	run "$BENCHDB" "$sub"
	check_rc "$sub without its argument exits 2" 2
	check_err "$sub without its argument says where to look" "try 'benchdb $sub --help'"
	check "$sub without its argument prints two lines, not its usage" \
		test "$(wc -l <"$ERR")" -eq 2
done

# --help lists every subcommand of the synopsis in docs/cli.md (record was
# missing), and the statements that are subcommands (annotate was missing).
run "$BENCHDB" --help
for sub in $(sed -n '/^```$/,/^```$/{s/^benchdb \([a-z][a-z|-]*\).*/\1/p}' "$ROOT/docs/cli.md" |
	tr '|' '\n' | sort -u); do
	check "--help lists $sub" grep -qE "^  ([a-z|-]+\|)?$sub[ |]" "$OUT"
done
check "--help names annotate among the statements" \
	grep -qF "trend|compare|rank|regressions|changes|show|annotate" "$OUT"

# A run given both ways: the --run was dropped without a word (export
# --run latest~1 latest wrote the latest).
for cmd in "export --run latest~1 latest" "summary --run latest~1 latest" \
	"baseline set main latest --run latest~1"; do
	set -- $cmd
	run "$BENCHDB" --db "$WORK/none" "$@"
	check_rc "$cmd exits 2" 2
	check_err "$cmd says to give one" "benchdb: error: $1: give RUN or --run RUN, not both"
done

run "$BENCHDB" export latest extra
check_rc "a positional argument too many exits 2" 2
check_err "it is named" "export: unexpected argument 'extra'"
run "$BENCHDB" query 'show runs' 'show points'
check_rc "query with two statement arguments exits 2" 2
check_err "query says to quote them as one" \
	"give the statements as one argument (quote them): benchdb query 'show runs; show points'"
# A statement typed as shell words got "unexpected argument 'last'" (its
# third word); it is told the quoted command (atk42).
run "$BENCHDB" query show runs last 1
check_rc "query with the statement's words unquoted exits 2" 2
check_err "query shows the quoted statement" \
	"query: give the statements as one argument (quote them): benchdb query 'show runs last 1'"
# The statements' --no-pager (docs/cli.md) was an unknown option of query,
# before or after the statement.
"$BENCHDB" --db "$WORK/q" ingest "$ROOT/examples/history/gbench-v1.json" >/dev/null
run "$BENCHDB" --db "$WORK/q" query --no-pager 'show runs last 1 as csv'
check_rc "query --no-pager exits 0" 0
check_out "query --no-pager runs the statement" "gbench-"
run "$BENCHDB" --db "$WORK/q" query 'show runs last 1 as csv' --no-pager
check_rc "query STATEMENT --no-pager exits 0" 0

# Two -c (or -f): the first was dropped without a word and only the last ran.
run "$BENCHDB" --db "$WORK/none" -c 'show baselines' -c 'show runs'
check_rc "-c twice exits 2" 2
check_err "-c twice says how to give several statements" \
	"benchdb: error: -c given twice; give the statements in one -c, separated by ';'"
check "-c twice runs nothing (no store looked for)" test ! -s "$OUT"
run "$BENCHDB" --db "$WORK/none" -f /dev/null -f /dev/null
check_rc "-f twice exits 2" 2
check_err "-f twice says so" "benchdb: error: -f given twice"

run "$BENCHDB" --no-such-option
check_rc "unknown option exits 2" 2
check_err "unknown option is named" "unknown option '--no-such-option'"

# An unknown output format is a usage error, before anything runs.
run "$BENCHDB" --db "$WORK/none" --format xls -c 'show runs'
check_rc "--format xls exits 2" 2
check_err "--format names the formats" "--format: expected table, json, csv, tsv, markdown or line, got 'xls'"
run "$BENCHDB" --db "$WORK/none" query --format bogus 'show runs'
check_rc "query --format bogus exits 2" 2
check_err "query --format names the formats" "got 'bogus'"

run "$BENCHDB" frobnicate
check_rc "unknown subcommand exits 2" 2
check_err "unknown subcommand is named" "unknown subcommand 'frobnicate'"

run "$BENCHDB" --db
check_rc "--db without a value exits 2" 2
check_err "--db without a value says so" "option --db needs a value"

run "$BENCHDB" ingest --format nosuch x.json
check_rc "unknown ingest format exits 2" 2
check_err "unknown format lists the formats" "gbench"

run "$BENCHDB" check --threshold lots
check_rc "bad threshold exits 2" 2
check_err "bad threshold is explained" "expected a percentage"

# Commands that read a store say when there is none, with exit 3.
run "$BENCHDB" --db "$WORK/none" verify
check_rc "verify without a store exits 3" 3
check_err "verify without a store names it" "no store at $WORK/none"
check "no store was created by a reading command" test ! -e "$WORK/none"

# The bash completion `make install` installs offers every subcommand of
# --help and every option of each one's usage (it had a list of its own,
# which lacked 14 subcommands and check's --run, --commit, --against-branch,
# --strict, ...).
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_benchdb
	printf '%s\n' "${COMPREPLY[@]}"
}
BIN_DIR=$(cd "$(dirname "$BENCHDB")" && pwd)
. "$ROOT/repl/benchdb.bash-completion"
missing=""
for sub in $("$BENCHDB" --help | sed -n '/^Subcommands:/,/^$/p' | grep -oE '^  [a-z][a-z|-]*' |
	tr -d ' ' | tr '|' '\n' | sort -u); do
	PATH=$BIN_DIR:$PATH comp benchdb "$sub" | grep -qx -- "$sub" || missing+=" $sub"
done
check "completion offers every subcommand (missing:$missing)" test -z "$missing"
for sub in ingest check push record chart report serve retain import-otava; do
	missing=""
	for o in $("$BENCHDB" "$sub" --help | grep -oE -- '(^|[][ |])--[a-z][a-z-]+' | grep -oE -- '--[a-z-]+' | sort -u); do
		PATH=$BIN_DIR:$PATH comp benchdb "$sub" -- | grep -qx -- "$o" || missing+=" $o"
	done
	check "completion offers every option of $sub (missing:$missing)" test -z "$missing"
done
check "completion: check --format takes text, markdown, json" \
	test "$(PATH=$BIN_DIR:$PATH comp benchdb check --format '' | tr '\n' ' ')" = "text markdown json "
offers_hyperfine() { PATH=$BIN_DIR:$PATH comp benchdb ingest --format hyp | grep -qx hyperfine; }
check "completion: ingest --format takes ingest's formats (hyp -> hyperfine)" offers_hyperfine


# A tag whose value is empty (a gab suite named "", a benchkit tag "") was
# stored and shown as `suite=`, but `where suite = ""` was a parse error
# ("expected a value ..., found an empty string"): such series could not be
# chosen. The empty string is a value now.
cat >"$WORK/empty-tag.json" <<'EOF'
{"id": "e1", "timestamp": "2026-01-01T00:00:00Z", "points": [
 {"name": "p", "tags": {"suite": ""}, "metrics": {"time": {"value": 1.5}}},
 {"name": "p", "tags": {"suite": "a"}, "metrics": {"time": {"value": 2.5}}}]}
EOF
run "$BENCHDB" --db "$WORK/empty-tag" ingest "$WORK/empty-tag.json"
run "$BENCHDB" --db "$WORK/empty-tag" --format csv -c 'trend time where suite = ""'
check_rc "where suite = \"\": exit 0" 0
check "... the series of the empty suite alone" test "$(cut -d, -f2,6 "$OUT" | tail -n +2)" = "suite=,1.5"
run "$BENCHDB" --db "$WORK/empty-tag" --format csv -c 'trend time where suite != ""'
check "where suite != \"\": the other" test "$(cut -d, -f2,6 "$OUT" | tail -n +2)" = "suite=a,2.5"

finish
