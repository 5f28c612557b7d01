#!/usr/bin/env bash
# tests/cli/test_subcommands.sh - first use without surprises (issue 23,
# items 4, 8 and 9): a bare `baseline` lists, statements are subcommands,
# a mistyped subcommand gets "did you mean", usage errors are one line, and
# --json is honoured or refused, never ignored.
#
# History: examples/history/gbench-v1..v5.json; BM_sort/1024 real_time means
# (Python: mean of the repetitions) v4 3922.34, v5 32527.07.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
ingest_history "$DB"
cd "$WORK" # an old binary given --json backup x writes x here

# ---- 4. a bare `baseline` lists; it never moves one ------------------------
# With none yet it printed nothing at all (found by atk29): stdout stays
# empty, stderr says how to set one.
run "$BENCHDB" baseline
check_rc "bare baseline with no baselines exits 0" 0
check_out_exact "and prints nothing on stdout" ""
check_err "but says how to set one" \
	"benchdb: note: no baselines yet; set one with 'benchdb baseline set main RUN'"
"$BENCHDB" baseline set main v2 >/dev/null
run "$BENCHDB" baseline
check_rc "bare baseline exits 0" 0
check_out_exact "bare baseline lists the baselines" "$(printf 'main\tv2')"
run "$BENCHDB" -c 'show baselines as csv'
check_out "and main still points at v2" "main,v2,"
run "$BENCHDB" baseline --json
check_out "baseline --json lists them as JSON" '"baseline": "main", "run": "v2"'
run "$BENCHDB" --data "$DB" baseline --run v3
check_out_exact "benchkit's baseline --run still sets main" "Baseline set to run v3"
run "$BENCHDB" baseline list
check_out_exact "baseline list shows the move" "$(printf 'main\tv3')"
# RUN is any run reference (docs/cli.md); --help listed a few of them only.
run "$BENCHDB" baseline set onmain 'latest~1 on branch main'
check_out_exact "baseline set NAME 'latest~1 on branch main'" "Baseline onmain set to run v4"
run "$BENCHDB" baseline --help
check_out "baseline --help names the branch form" "'latest on branch B'"
"$BENCHDB" baseline drop onmain >/dev/null

# ---- 8. statements as subcommands ------------------------------------------
run "$BENCHDB" trend real_time of BM_sort/1024 last 2
check_rc "benchdb trend STATEMENT exits 0" 0
check_out "it runs the trend statement" "32.53 µs"
run "$BENCHDB" trend real_time of BM_sort/1024 last 1 as csv
check_out "the same bytes as -c" "$("$BENCHDB" -c 'trend real_time of "BM_sort/1024" last 1 as csv')"
run "$BENCHDB" compare latest~1 with latest of BM_sort/1024 metric real_time
check_out "benchdb compare runs the statement" "regression ↓"
run "$BENCHDB" rank real_time of "BM_sort/*"
check_out "benchdb rank runs the statement" "BM_sort/65536"
run "$BENCHDB" --fail regressions vs latest~1
check_rc "benchdb regressions with --fail exits 1" 1
check_out "benchdb regressions lists them" "BM_sort/1024"
run "$BENCHDB" changes real_time of BM_sort/1024
check_rc "benchdb changes runs the statement" 0
run "$BENCHDB" show runs last 1
check_out "benchdb show runs" "v5"
run "$BENCHDB" --json show baselines
check_out "--json applies to a statement subcommand" '"statement": "show baselines"'
# A point name with a blank (Criterion's "fib 15", hyperfine's commands),
# quoted for the shell as README's subcommand example is written: the shell
# drops the quotes, and `trend time of fib 15` failed at "15" (exit 2;
# found by atk29). A name after `of` (a tag value after `=`) is one name.
H=$ROOT/tests/fixtures/criterion
"$BENCHDB" --db "$WORK/crit" ingest -q "$H" >/dev/null
run "$BENCHDB" --db "$WORK/crit" trend time of "fib 15" as csv
check_rc "trend time of \"fib 15\" exits 0" 0
check_out "it is the series of point fib 15" "$("$BENCHDB" --db "$WORK/crit" -c 'trend time of "fib 15" as csv')"
run "$BENCHDB" --db "$WORK/crit" trend 'time of "fib 15"' as csv
check_out "a statement in one argument is still passed as it is" "fib 15,,criterion-"
run "$BENCHDB" --db "$WORK/crit" trend time where scenario = "fib 15" as csv
check_out "a tag value after = too" "fib 15,,criterion-"
# ... and a glob after ~ (it failed at the blank: `point '~' "fib 1*"`
# passed `point ~ fib 1*`; atk42). An unquoted ~ is the shell's home
# directory, which the parse error named as a string: a note says so.
run "$BENCHDB" --db "$WORK/crit" trend time where point '~' "fib 1*" as csv
check_rc "a glob with a blank after '~' exits 0" 0
check_out "it matches fib 15" "fib 15,,criterion-"
HOME=/home/tester run "$BENCHDB" --db "$WORK/crit" trend time where point /home/tester "fib 1*" as csv
check_rc "an unquoted ~ (the shell's \$HOME) is a query error, exit 2" 2
check_err "with a note that says what the shell did" \
	"benchdb: note: trend: argument 4 is your home directory: the shell turns an unquoted ~ into it; quote the where operator, '~'"
run "$BENCHDB" trend nosuchmetric
check_rc "a statement subcommand's query error exits 2" 2
check_err "and reports it as -c does" "<command line>:1:7"
run "$BENCHDB" trend --metric real_time --point BM_sort/1024 --n-runs 1
check_out_exact "benchkit's trend form stays" "$(printf 'Trend: real_time @ BM_sort/1024\n  1 points\n\n  2026-11-15 02:00  32527.07  [c5]')"
run "$BENCHDB" tredn real_time
check_rc "a mistyped subcommand exits 2" 2
check_err "and gets did you mean" "unknown subcommand 'tredn'; did you mean 'trend'?"
run "$BENCHDB" runs
check_rc "benchdb runs exits 2" 2
check_err "and names the statement meant (found by atk29)" \
	"unknown subcommand 'runs'; did you mean 'show runs'?"
run "$BENCHDB" -c 'points'
check_err "-c 'points' too" 'expected a statement, found "points"; did you mean "show points"?'
run "$BENCHDB" baselnie
check_err "did you mean for a plain subcommand" "did you mean 'baseline'?"

# ---- 9. usage errors are one line; --json is honoured or refused -----------
run "$BENCHDB" check --bogus
check_rc "a usage error exits 2" 2
check_out_exact "a usage error prints nothing on stdout" ""
check "a usage error is one line plus where to look" \
	test "$(cat "$ERR")" = "$(printf "benchdb: error: check: unknown option '--bogus'\ntry 'benchdb check --help'")"
run "$BENCHDB" baseline frob
check "baseline's usage error is one line too" test "$(wc -l <"$ERR")" -eq 2
run "$BENCHDB" --json check
check_rc "--json check exits 1 on the regressions" 1
check_out "benchdb --json check prints JSON" '{"statement": "regressions"'
run "$BENCHDB" --json summary
check_out "--json summary prints JSON" '{"statement": "summary", "run": "v5"'
run "$BENCHDB" summary --json --run v4
check_out "summary --json --run" '"run": "v4"'
run "$BENCHDB" --json baseline
check_out "--json baseline" '"statement": "show baselines"'
run "$BENCHDB" --json stats
check_out "--json stats" '{"runs": 5,'
for sub in verify backup ingest import-benchkit export; do
	run "$BENCHDB" --json "$sub" x
	check_rc "--json $sub is refused: exit 2" 2
	check_err "--json $sub is refused in one line" "$sub: --json is not supported"
	check "--json $sub: one line" test "$(wc -l <"$ERR")" -eq 1
done
run "$BENCHDB" --json trend --metric real_time --point BM_sort/1024
check_rc "benchkit's trend refuses --json" 2
check_err "and points at the statement" "use the statement: benchdb trend METRIC of POINT"

# A statement's --help gives its whole grammar (docs/query-language.md);
# changes' named only since, window and pvalue before.
run "$BENCHDB" changes --help
check_rc "changes --help exits 0" 0
check_out "changes --help: every clause" "changes METRIC [of POINT] [where ...] [since TIME] \
[until TIME] [using robust|edivisive | window N] [effect K] [floor P%] \
[kind step|excursion|drift] [by series] [pvalue P] [permutations K] [seed S] [explain]"
run "$BENCHDB" regressions --help
check_out "regressions --help: explain too" "[using METHOD] [by commit] [explain]"

# benchdb trend --help gave only benchkit's form (--metric, --point), where
# every other statement's --help gives the statement: it now gives the
# trend statement, its options, then benchkit's form.
run "$BENCHDB" trend --help
check_rc "trend --help exits 0" 0
check_out "trend --help: the statement's grammar" "trend METRIC [of POINT] [where ...]"
check_out "trend --help: the statement's options" "Options, before the words or among them"
check_out "trend --help: and benchkit's form" "usage: benchdb trend [--db DIR] --metric M --point P"
run "$BENCHDB" help trend
check_out "help trend is trend --help" "trend METRIC [of POINT] [where ...]"
run "$BENCHDB" trend --metric real_time --help
check_out "trend --metric M --help: benchkit's form" "usage: benchdb trend [--db DIR] --metric M --point P"

# --json with another --format, or two --format, said nothing and the last
# won (benchdb --json -c '...' --format csv printed CSV to a JSON reader);
# check already refused it. Exit 2, before and after a statement's word.
run "$BENCHDB" --json -c 'show baselines' --format csv
check_rc "--json with --format csv: exit 2" 2
check_err "--json with --format csv: says they disagree" "--json and --format csv disagree; give one"
run "$BENCHDB" --format csv --json -c 'show baselines'
check_err "--format csv then --json: the same" "--json and --format csv disagree; give one"
run "$BENCHDB" --format csv --format markdown -c 'show baselines'
check_rc "--format twice: exit 2" 2
check_err "--format twice: says so" "--format given twice ('csv', then 'markdown'); give one"
run "$BENCHDB" --json show baselines --format csv
check_rc "--json before the word, --format after it: exit 2" 2
check_err "and says they disagree" "--json and --format csv disagree"
run "$BENCHDB" --json -c 'show baselines' --format json
check_rc "--json with --format json agree: exit 0" 0

# summary takes its run as an argument too (summary latest~1), which its
# --help left out (only --run RUN), as did benchdb --help (--run ID).
run "$BENCHDB" summary --help
check_out "summary --help: RUN or --run RUN" "usage: benchdb summary [--db DIR] [RUN | --run RUN] [--json]"
run "$BENCHDB" --help
check_out "benchdb --help: summary [RUN]" "  summary [RUN]"

finish
