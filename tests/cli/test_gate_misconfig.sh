#!/usr/bin/env bash
# tests/cli/test_gate_misconfig.sh - gates that passed by mistake: a judged
# run that shares no series with its base (another benchmark's results, a
# mistyped --run), a base of 0 in every shared series, and --against-branch
# taking another result file of the judged run's own commit as the base.
#
# Runs are benchkit files written here: one point, metric time (ns, lower is
# better). Values chosen so that the expected verdicts are plain: 100 -> 500
# is +400%, far beyond the default 5%.
. "$(dirname "$0")/lib.sh"

# one ID POINT VALUE TIMESTAMP COMMIT: a run of one point.
one() {
	cat >"$WORK/$1.json" <<EOF
{"id": "$1", "timestamp": "$4", "commit": "$5", "branch": "main",
 "metric_defs": {"time": {"unit": "ns", "direction": "lower"}},
 "points": [{"name": "$2", "metrics": {"time": {"value": $3}}}]}
EOF
	"$BENCHDB" --db "$DB" ingest "$WORK/$1.json" >/dev/null
}

# ---- a run and a base with no series in common ----------------------------
DB=$WORK/disjoint
one base alpha 100 2026-01-01T00:00:00 c1
one other beta 500 2026-01-02T00:00:00 c2
"$BENCHDB" --db "$DB" baseline set main base >/dev/null
run "$BENCHDB" --db "$DB" check
check_rc "check of a run sharing no series with the baseline exits 3" 3
check_err "and says nothing was judged" \
	"check: nothing to judge: run other and its base base have no series in common with a verdict"
check "and prints no PASS" test ! -s "$OUT"
run "$BENCHDB" --db "$DB" check --json
check_rc "also with --json" 3
run "$BENCHDB" --db "$DB" check --allow-missing-baseline
check_rc "--allow-missing-baseline does not excuse it (the baseline exists)" 3
run "$BENCHDB" --db "$DB" --data "$DB" check
check_rc "benchkit's form keeps benchkit's pass" 0
check_out "with benchkit's line" "PASS: No regressions detected"

# ---- the judged run is the base itself -------------------------------------
# The baseline was moved to the latest run, or the step that stores the new
# results did not run: judging a run against itself always passed.
DB=$WORK/self
one s1 alpha 100 2026-01-01T00:00:00 c1
"$BENCHDB" --db "$DB" baseline set main latest >/dev/null
run "$BENCHDB" --db "$DB" check
check_rc "check of the baseline run itself exits 3" 3
check_err "and says why" "check: nothing to judge: run s1 is its own base (baseline 'main' points at it)"
run "$BENCHDB" --db "$DB" check --run s1 --json
check_rc "also --run and --json" 3

# ---- series of the base that the judged run lacks ---------------------------
# A benchmark that crashed part way passes the gate on what it did print;
# the gate says what it did not judge.
DB=$WORK/partial
cat >"$WORK/full.json" <<'EOF2'
{"id": "full", "timestamp": "2026-01-01T00:00:00", "commit": "c1",
 "metric_defs": {"time": {"unit": "ns", "direction": "lower"}},
 "points": [{"name": "p", "metrics": {"time": {"value": 100}}},
            {"name": "q", "metrics": {"time": {"value": 100}}},
            {"name": "r", "metrics": {"time": {"value": 100}}}]}
EOF2
"$BENCHDB" --db "$DB" ingest "$WORK/full.json" >/dev/null
"$BENCHDB" --db "$DB" baseline set main full >/dev/null
one part p 101 2026-01-02T00:00:00 c2
run "$BENCHDB" --db "$DB" check
check_rc "the series the run has pass" 0
check_err "the missing ones are said" \
	"benchdb: note: check: 2 series of the base full are not in run part: not judged"
run "$BENCHDB" --db "$DB" --data "$DB" check
check "benchkit's form says nothing more" test ! -s "$ERR"
# The step summary said only "no regressions": the note went to the log.
run "$BENCHDB" --db "$DB" check --format markdown
check_rc "markdown: the series the run has pass" 0
check_out "markdown says the missing ones too, under the title" \
	"> :warning: 2 series of the base full are not in run part: not judged (a benchmark that crashed part way, or was renamed)"

# ---- n/a comparisons: a base of 0, a direction that changed ---------------
# Point x, metrics a: 0 -> 50 ns (a base of 0); b: 100 -> 5000 ns with the
# current run's definition saying higher is better (judged by it, +4900%
# was an improvement); c: 100 -> 101 ns, judged.
DB=$WORK/na
cat >"$WORK/na1.json" <<'EOF2'
{"id": "na1", "timestamp": "2026-01-01T00:00:00", "commit": "c1",
 "metric_defs": {"a": {"unit": "ns", "direction": "lower"}, "b": {"unit": "ns", "direction": "lower"},
                 "c": {"unit": "ns", "direction": "lower"}},
 "points": [{"name": "x", "metrics": {"a": {"value": 0}, "b": {"value": 100}, "c": {"value": 100}}}]}
EOF2
cat >"$WORK/na2.json" <<'EOF2'
{"id": "na2", "timestamp": "2026-01-02T00:00:00", "commit": "c2",
 "metric_defs": {"a": {"unit": "ns", "direction": "lower"}, "b": {"unit": "ns", "direction": "higher"},
                 "c": {"unit": "ns", "direction": "lower"}},
 "points": [{"name": "x", "metrics": {"a": {"value": 50}, "b": {"value": 5000}, "c": {"value": 101}}}]}
EOF2
"$BENCHDB" --db "$DB" ingest "$WORK/na1.json" "$WORK/na2.json" >/dev/null
"$BENCHDB" --db "$DB" baseline set main na1 >/dev/null
run "$BENCHDB" --db "$DB" -c 'compare baseline with latest explain as csv'
check_out "a changed direction is n/a, not an improvement" \
	'x,,b,100,5000,ns,4900,n/a,,5,"n/a: the direction changed (base lower, current higher)"'
run "$BENCHDB" --db "$DB" check
check_err "check says how many were n/a" "benchdb: note: check: 2 series of both runs were n/a, not judged"
run "$BENCHDB" --db "$DB" check --format markdown
check_out "markdown says it too" \
	"> :warning: 2 series of both runs were n/a, not judged (a base of 0, units that do not convert, a changed direction, too little history)"
run "$BENCHDB" --db "$DB" --json -c 'regressions'
check_out "regressions counts them" '"compared": 1, "not_judged": 2,'

# ---- a mistyped baseline or branch with --allow-missing-baseline ------------
# The flag lets a first CI run pass; with a typo it passed every run.
DB=$WORK/typo
one t1 alpha 100 2026-01-01T00:00:00 c1
one t2 alpha 500 2026-01-02T00:00:00 c2
"$BENCHDB" --db "$DB" baseline set main t1 >/dev/null
run "$BENCHDB" --db "$DB" check --baseline mian --allow-missing-baseline
check_rc "--baseline mian --allow-missing-baseline fails (exit 3)" 3
check_err "and names the baseline meant" \
	"check: no baseline named 'mian' in $DB; did you mean 'main'? (--allow-missing-baseline passes a base that does not exist yet"
# Without the flag the hint must not offer it: it is refused for a typo.
run "$BENCHDB" --db "$DB" check --baseline mian
check_rc "--baseline mian fails (exit 3)" 3
check "and offers only the name meant, not --allow-missing-baseline" \
	test "$(cat "$ERR")" = "benchdb: error: check: no baseline named 'mian' in $DB; did you mean 'main'?"
run "$BENCHDB" --db "$DB" check --against-branch mian --allow-missing-baseline
check_rc "--against-branch mian --allow-missing-baseline fails (exit 3)" 3
check_err "and names the branch meant" "did you mean 'main'?"
run "$BENCHDB" --db "$DB" check --baseline release --allow-missing-baseline
check_rc "a baseline not made yet, named like none: the first run passes" 0
check_out "saying so" "PASS: nothing to judge: no baseline named 'release' (--allow-missing-baseline)"
run "$BENCHDB" --db "$DB" check --baseline mian
check_rc "without the flag: exit 3" 3
check_err "with the suggestion too" "no baseline named 'mian' in $DB; did you mean 'main'?"

# ---- every shared series has a base of 0 (change % undefined: n/a) -------
DB=$WORK/zero
one z0 alpha 0 2026-01-01T00:00:00 c1
one z1 alpha 1000000 2026-01-02T00:00:00 c2
"$BENCHDB" --db "$DB" baseline set main z0 >/dev/null
run "$BENCHDB" --db "$DB" check
check_rc "check where every comparison is n/a exits 3" 3
check_err "and says nothing was judged" "check: nothing to judge: run z1 and its base z0"

# ---- --against-branch: the base is of another commit ----------------------
# Commit c2's CI job wrote two result files (two benchmark programs); both
# are runs of c2 on main. Judging c2's newest run against main must not take
# c2's other run as its base.
DB=$WORK/siblings
one a1 alpha 100 2026-01-01T00:00:00 c1
one b1 beta 100 2026-01-01T00:00:00 c1
one b2 beta 100 2026-01-02T00:00:00 c2
one a2 alpha 500 2026-01-02T00:00:00 c2
run "$BENCHDB" --db "$DB" check --run a2 --against-branch main
check_rc "alpha's +400% at c2 fails against c1 (not against c2's beta run)" 1
check_out "judged against c1's alpha run" "  ↓ alpha time: 100.00 → 500.00 (+400.0%)"
one b3 alpha 100 2026-01-03T00:00:00 c3
one a3 alpha 120 2026-01-03T00:00:00 c3
run "$BENCHDB" --db "$DB" check --run a3 --against-branch main
check_rc "c3's run is judged against c2's (500 -> 120: an improvement)" 0
check_out "not against c3's other run (100 -> 120 would be +20%)" "PASS: No regressions detected"
run "$BENCHDB" --db "$DB" check --run b1 --against-branch main
check_rc "a run with no earlier run of its series on the branch has no base" 3
check_err "and says so" "no run of branch 'main' at or before run b1 (2026-01-01T00:00:00Z): its 4 runs are newer, the first"

# ---- a commit with several runs of different series ------------------------
# check (the latest) and check --commit c2 would judge one of c2's runs and
# pass the other's +400% by; --run names one run.
DB=$WORK/jobfiles
one j1a alpha 100 2026-01-01T00:00:00 c1
one j1b beta 100 2026-01-01T00:00:00 c1
"$BENCHDB" --db "$DB" baseline set main j1a >/dev/null
one j2a alpha 500 2026-01-02T00:00:00 c2
one j2b beta 100 2026-01-02T00:00:00 c2
run "$BENCHDB" --db "$DB" check
check_rc "check of the latest, one of a commit's runs of different series, exits 2" 2
check_err "and names both runs" "check: commit c2 has runs with different series (j2b, j2a)"
check "and prints no PASS" test ! -s "$OUT"
run "$BENCHDB" --db "$DB" check --commit c2 --against-branch main
check_rc "check --commit c2 likewise" 2
# --run latest (latest~N, latest on branch B) picks a run by its place as
# plain check does: it skipped the guard and passed j2a's +400% by.
for ref in latest latest~1 'latest on branch main'; do
	run "$BENCHDB" --db "$DB" check --run "$ref"
	check_rc "check --run '$ref' (one of c2's runs of different series) exits 2 too" 2
	check_err "and says why" "check: commit c2 has runs with different series"
done
run "$BENCHDB" --db "$DB" check --run j2a --against-branch main
check_rc "--run j2a judges that run: its +400% fails" 1
check_out "against c1's alpha run" "  ↓ alpha time: 100.00 → 500.00 (+400.0%)"
run "$BENCHDB" --db "$DB" --data "$DB" check
check_rc "benchkit's form judges the latest (j2b), as benchkit does" 0
# A rerun of the same benchmarks for a commit is no such case.
DB=$WORK/rerun
one r1 alpha 100 2026-01-01T00:00:00 c1
"$BENCHDB" --db "$DB" baseline set main r1 >/dev/null
one r2 alpha 101 2026-01-02T00:00:00 c2
one r2again alpha 500 2026-01-02T01:00:00 c2
run "$BENCHDB" --db "$DB" check --commit c2
check_rc "a commit's rerun: the newest run is judged" 1
check_out "its +400%" "  ↓ alpha time: 100.00 → 500.00 (+400.0%)"

# ---- a misspelt --using, before the store is looked at ----------------------
# It was judged only once the store, its baseline and the run were found:
# without a baseline it said "no baseline" (exit 3) and with
# --allow-missing-baseline a first CI run passed it (exit 0).
DB=$WORK/method
one m1 alpha 100 2026-01-01T00:00:00 c1
one m2 alpha 500 2026-01-02T00:00:00 c2
run "$BENCHDB" --db "$DB" check --using mvu --allow-missing-baseline
check_rc "--using mvu with --allow-missing-baseline exits 2, not a pass" 2
check_err "it names the option and what it expected" \
	'check: --using: expected a method (percent, mwu, zscore, ttest, iqr, deltaiqr, lookback), found "mvu"'
check "with a caret under the option's own text" \
	sh -c "grep -qxF '  mvu' '$ERR' && grep -qxF '  ^^^' '$ERR'"
check "and prints no PASS" test ! -s "$OUT"
run "$BENCHDB" --db "$DB" check --using 'mwu alpha 5'
check_rc "--using 'mwu alpha 5' without a baseline exits 2 (the option, not the baseline)" 2
check_err "its caret is under the 5" 'check: --using: expected a significance level between 0 and 1, found "5"'
check "at column 11 of the option" grep -qxF '            ^' "$ERR"
run "$BENCHDB" --db "$WORK/no-store" check --using zscore --threshold 5%
check_rc "--threshold with a history model exits 2 before the store is looked for" 2
check_err "saying why" "check: --threshold: a threshold does not apply to using zscore"
check "and no store is made" test ! -e "$WORK/no-store"
# A good method still runs: m2 against m1, +400% beyond mwu's threshold.
"$BENCHDB" --db "$DB" baseline set main m1 >/dev/null
run "$BENCHDB" --db "$DB" check --using 'mwu alpha 0.1'
check_rc "--using 'mwu alpha 0.1' runs the gate (no samples: the threshold judges)" 1
check_out "its FAIL line names the method" "FAIL: 1 regression(s) detected (threshold=5%, mwu alpha=0.1):"

# ---- an empty option: a CI variable that is not set ------------------------
# --against-branch "$GITHUB_BASE_REF" on a push (where it is empty) with
# --allow-missing-baseline passed every run: "no run of branch ''".
for opt in --against-branch --baseline --run --commit --using --threshold; do
	run "$BENCHDB" --db "$DB" check "$opt" "" --allow-missing-baseline
	check_rc "check $opt '' exits 2, not a pass" 2
	check_err "check $opt '' says it is empty" "check: $opt is empty (a variable that is not set?)"
	check "check $opt '' prints no PASS" test ! -s "$OUT"
done

# ---- a threshold beyond what a statement takes -------------------------------
# check wrote "threshold 1000000000%" into its statement, which the parser
# refused; reporting that error read --using's length when there was no
# --using: a segmentation fault (exit 139) for --threshold 1e7% and above.
DB=$WORK/self
for t in 1e7% 1e9% 99999999%; do
	run "$BENCHDB" --db "$DB" check --threshold "$t"
	check_rc "check --threshold $t exits 2 (it crashed)" 2
	check_err "check --threshold $t says the limit" \
		"check: --threshold: expected a percentage (5%, at most 1000000%) or a fraction (0.05), got '$t'"
done
run "$BENCHDB" --db "$DB" -c 'regressions threshold 1e9%'
check_rc "the statement's threshold 1e9% exits 2" 2
check_err "saying the range, not 'of 0% or more'" \
	"1:23: expected a threshold from 0% to 1000000%"

# ---- --json with another --format --------------------------------------------
# --json won in silence: a step writing the markdown comment got JSON.
DB=$WORK/self
run "$BENCHDB" --db "$DB" check --format markdown --json
check_rc "check --format markdown --json exits 2" 2
check_err "saying they disagree" "check: --json and --format markdown disagree; give one"
run "$BENCHDB" --db "$DB" --json check --format text
check_rc "also --json before the subcommand" 2
run "$BENCHDB" --db "$DB" check --format json --json
check_rc "--format json --json agree: the gate runs (s1 is its own base: exit 3)" 3

# ---- regressions --fail, the one-shot gate, that judged nothing --------------
# check refuses a run that is its own base and one that shares no series
# with a verdict with its base; `regressions --fail` passed both (exit 0,
# "(no rows)"): a CI step `benchdb -c regressions --fail` whose ingest did
# not run, or whose history model had too little history, passed every run.
DB=$WORK/stmtgate
one g1 alpha 100 2026-01-01T00:00:00 c1
"$BENCHDB" --db "$DB" baseline set main latest >/dev/null
run "$BENCHDB" --db "$DB" -c 'regressions' --fail
check_rc "regressions --fail of the baseline run itself exits 3" 3
check_err "and says why" \
	"regressions --fail: nothing to judge: run g1 is its own base; store the new results first"
check "and prints no table" test ! -s "$OUT"
run "$BENCHDB" --db "$DB" regressions in latest vs latest --fail --json
check_rc "the subcommand, in latest vs latest, --json: exit 3" 3
run "$BENCHDB" --db "$DB" -c 'regressions'
check_rc "without --fail the statement only shows it (exit 0)" 0
check_out "with a note above its empty table (it showed only '(no rows)')" \
	"run g1 is compared with itself: nothing can regress"
one g2 alpha 500 2026-01-02T00:00:00 c2
run "$BENCHDB" --db "$DB" -c 'regressions using zscore' --fail
check_rc "zscore with one run of history judged nothing: exit 3, not a pass" 3
check_err "naming both runs" \
	"regressions --fail: nothing to judge: run g2 and its base g1 have no series in common with a verdict"
run "$BENCHDB" --db "$DB" -c 'regressions using zscore'
check_out "without --fail: a note says nothing was judged" \
	"nothing was judged: the 1 series of both runs were n/a"
run "$BENCHDB" --db "$DB" -c 'regressions' --fail
check_rc "the same runs under the percent rule: +400% is a regression, exit 1" 1
one g3 beta 500 2026-01-03T00:00:00 c3
run "$BENCHDB" --db "$DB" -c 'regressions' --fail
check_rc "a latest run sharing no series with the baseline: exit 3" 3
check_err "naming them" "nothing to judge: run g3 and its base g1 have no series in common"
# compare with --fail: exit 0 whatever the verdicts (only regressions
# counted); now exit 1 on a verdict regression, 3 on nothing judged.
run "$BENCHDB" --db "$DB" -c 'compare run g1 with run g2' --fail
check_rc "compare --fail with a verdict regression (+400%) exits 1 (was 0)" 1
check_out "and prints the table" "regression"
run "$BENCHDB" --db "$DB" -c 'compare run g2 with run g1' --fail
check_rc "compare --fail the other way (an improvement) exits 0" 0
run "$BENCHDB" --db "$DB" -c 'compare run g1 with run g1' --fail
check_rc "compare --fail of a run with itself exits 3" 3
check_err "saying why" "compare --fail: nothing to judge: run g1 is its own base"
run "$BENCHDB" --db "$DB" -c 'compare run g1 with run g3' --fail
check_rc "compare --fail of runs sharing no series (alpha, beta) exits 3" 3
check_err "naming them" "compare --fail: nothing to judge: run g3 and its base g1 have no series in common"

# --fail with statements that have no verdicts could never fail: exit 0
# whatever the store held (a gate written as 'changes time' --fail).
run "$BENCHDB" --db "$DB" -c 'changes time' --fail
check_rc "changes --fail exits 2 (was 0: nothing it runs can fail)" 2
check_err "saying why" "--fail: no regressions or compare statement ran, so nothing could fail"
run "$BENCHDB" --db "$DB" trend time --fail
check_rc "also as a subcommand" 2
run "$BENCHDB" --db "$DB" -c 'show runs; regressions in run g2 vs run g1' --fail
check_rc "a script with a regressions statement among others: its verdict (exit 1)" 1

# --fail inside the statement's quotes was the language's '--' comment:
# dropped, and the gate passed (exit 0) with the +400% regression listed.
run "$BENCHDB" --db "$DB" -c 'regressions in run g2 vs run g1 --fail'
check_rc "-c 'regressions ... --fail' (inside the quotes) exits 2, not 0" 2
check_err "saying it is the program's option, with a caret" \
	"1:33: an option of the benchdb program inside the statement, where '--' starts a comment"
printf 'regressions in run g2 vs run g1 --fail\n' >"$WORK/inside.bq"
run "$BENCHDB" --db "$DB" -f "$WORK/inside.bq"
check_rc "also in a script (exit 2)" 2
STDIN=$WORK/inside.bq run "$BENCHDB" --db "$DB"
check_rc "and on standard input, whose lines drop comments before the statement runs (exit 2)" 2
printf 'regressions in run g2 vs run g1\nregressions\n' >"$WORK/gate.bq"
run "$BENCHDB" --db "$DB" -f "$WORK/gate.bq" --fail
check_rc "a script: the first error's exit code (3), not the regression's" 3

# ---- --against-branch whose runs exist but none can be the base ------------
# The branch has runs, all newer than the judged run (results whose own date
# is older: a clock or a stale file): it said "the first run of the branch?
# pass --allow-missing-baseline", and with it the gate passed, judging
# nothing. Runs before it with none of its series (new or renamed
# benchmarks) are a first run of those series: --allow-missing-baseline
# passes them, and the error says what the branch holds.
DB=$WORK/branchbase
for r in b1:2:old_name:100:main:c1 b2:4:old_name:100:main:c2 p1:3:new_name:500:pr:p1 \
	q1:1:old_name:500:pr:q1; do
	IFS=: read -r id day name v br c <<<"$r"
	printf '{"id":"%s","timestamp":"2026-01-0%sT00:00:00Z","commit":"%s","branch":"%s","metric_defs":{"time":{"unit":"ns","direction":"lower"}},"points":[{"name":"%s","metrics":{"time":{"value":%s}}}]}' \
		"$id" "$day" "$c" "$br" "$name" "$v" >"$WORK/$id.json"
	"$BENCHDB" --db "$DB" ingest "$WORK/$id.json" >/dev/null
done
run "$BENCHDB" --db "$DB" check --commit q1 --against-branch main --allow-missing-baseline
check_rc "a branch whose runs are all newer than the judged run: exit 3 with --allow-missing-baseline" 3
check_err "saying so, with the first one's time" \
	"check: no run of branch 'main' at or before run q1 (2026-01-01T00:00:00Z): its 2 runs are newer, the first b1 at 2026-01-02T00:00:00Z (the judged results' own time is older: a clock, or a stale file?)"
check "and prints no PASS" test ! -s "$OUT"
run "$BENCHDB" --db "$DB" check --commit p1 --against-branch main
check_rc "a branch whose run before holds other series: exit 3" 3
check_err "saying what the branch holds, not 'the first run of the branch?'" \
	"in $DB: its 1 run before it holds other series (new or renamed benchmarks? pass --allow-missing-baseline to let it pass)"
run "$BENCHDB" --db "$DB" check --commit p1 --against-branch main --allow-missing-baseline
check_rc "which --allow-missing-baseline passes (new series: no base yet)" 0
run "$BENCHDB" --db "$DB" check --commit q1 --against-branch release --allow-missing-baseline
check_rc "a branch with no run at all still passes with --allow-missing-baseline" 0

# ---- an option given twice -------------------------------------------------
# check's own options took the last value in silence (--format markdown
# --format text wrote text to the step summary; --baseline main --baseline
# release judged against release), where the program's --format given twice
# is an error.
DB=$WORK/twice
one t1 alpha 100 2026-01-01T00:00:00 c1
one t2 alpha 500 2026-01-02T00:00:00 c2
"$BENCHDB" --db "$DB" baseline set main t1 >/dev/null
run "$BENCHDB" --db "$DB" check --format markdown --format text
check_rc "check --format markdown --format text: exit 2" 2
check_err "saying so" "check: --format given twice ('markdown', then 'text'); give one"
run "$BENCHDB" --db "$DB" check --against-branch main --against-branch release
check_rc "--against-branch twice: exit 2" 2
check_err "saying so" "check: --against-branch given twice ('main', then 'release'); give one"
run "$BENCHDB" --db "$DB" check --threshold 5% --threshold 5%
check_rc "the same value twice is one value: exit 1 (+400%)" 1

# --allow-missing-baseline with --format markdown printed the text line: a
# branch name (git allows '<', '>' and '/') went into the summary as HTML.
run "$BENCHDB" --db "$DB" check --against-branch '<img/src=x/onerror=alert(1)>' --allow-missing-baseline --format markdown
check_rc "markdown, a branch with no runs, --allow-missing-baseline: exit 0" 0
check "a Markdown title" test "$(head -n 1 "$OUT")" = \
	"### :white_check_mark: benchdb: nothing to judge (--allow-missing-baseline)"
check_out "the reason, escaped" "no run of branch '\\<img/src=x/onerror=alert(1)>' at or before run t2"

# A gate that cannot judge wrote nothing to stdout with --format markdown, so
# the step summary was empty and the reason only in the job's log (found by
# atk36): now a title and the reason, escaped; the exit code is unchanged.
run "$BENCHDB" --db "$WORK/no-such-store" check --format markdown
check_rc "markdown, no store: exit 3" 3
check "markdown, no store: a red title" test "$(head -n 1 "$OUT")" = \
	"### :x: benchdb: the gate could not judge (exit 3)"
check_out "markdown, no store: the reason" "check: no store at $WORK/no-such-store"
check_err "markdown, no store: the error on stderr as before" "benchdb: error: check: no store at"
run "$BENCHDB" --db "$WORK/no-such-store" check --format markdown --baseline '<b>x' --against-branch y
check_rc "markdown, options that disagree: exit 2" 2
check_out "markdown, options that disagree: title and reason" \
	"check: give --baseline or --against-branch, not both"
check "markdown, exit 2: a red title" test "$(head -n 1 "$OUT")" = \
	"### :x: benchdb: the gate could not judge (exit 2)"
run "$BENCHDB" --db "$DB" check --format markdown --baseline '<img src=x onerror=alert(1)>'
check_rc "markdown, a baseline no store has: exit 3" 3
check_out "markdown: the reason escaped (a name may hold HTML)" \
	"check: no baseline named '\\<img src=x onerror=alert(1)>'"
run "$BENCHDB" --db "$WORK/no-such-store" check
check "text: nothing on stdout when it cannot judge" test ! -s "$OUT"

finish
