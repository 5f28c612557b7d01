#!/usr/bin/env bash
# tests/cli/test_check.sh - the CI gate and benchkit's commands, with
# benchkit's exact texts and exit codes.
#
# History: examples/history/gbench-v1..v5.json, real Google Benchmark output
# of examples/src/kernels.cc. Expected numbers are the means of the three
# repetitions of each benchmark, computed independently with Python:
#   json.load → mean(row[m] for iteration rows of run_name)
# v2 → v5: BM_sort/1024 real_time 3896.26 → 32527.07 (+734.8%),
#          cpu_time 3894.89 → 32518.38 (+734.9%),
#          items_per_second 262912311.89 → 31489897.84 (-88.0%);
# everything else moves less than 5% or improves (BM_sort/65536 -62.2%).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
H=$ROOT/examples/history

# No store: the native gate fails (exit 3) and says so; benchkit's form
# (--data) keeps benchkit's line and exit 0 (test_gate.sh covers the rest).
run "$BENCHDB" check
check_rc "check without a store exits 3" 3
check_out_exact "check without a store prints no verdict" ""
check_err "check without a store names it" "check: no store at $DB"
run "$BENCHDB" check --data "$DB"
check_rc "benchkit's form without a store exits 0, as benchkit" 0
check_out_exact "benchkit's form without a store: benchkit's line" \
	"No baseline set. Use 'benchdb baseline --run RUN' to set one."
check "benchkit's form without a store says so on stderr" \
	test "$(cat "$ERR")" = "benchdb: check: no store at $DB"

commits=(3f2a9c1 8b71d04 c4e0a77 19d5be2 e6a3f80)
for v in 1 2 3 4 5; do
	"$BENCHDB" ingest --id "v$v" --commit "${commits[v - 1]}" --branch main \
		--timestamp "2026-11-$((15 + v))T02:00:00Z" "$H/gbench-v$v.json" >/dev/null
done

run "$BENCHDB" check
check_rc "check with runs but no baseline exits 3" 3
check_err "check with runs but no baseline names the one it looked for" \
	"check: no baseline named 'main' in $DB"
run "$BENCHDB" --data "$DB" check
check_out_exact "benchkit's form with runs but no baseline" \
	"No baseline set. Use 'benchdb baseline --run RUN' to set one."
check "benchkit's form names the baseline it looked for" \
	test "$(cat "$ERR")" = "benchdb: check: no baseline named 'main' in $DB"

# benchkit's `baseline --run ID`.
run "$BENCHDB" baseline --run v2
check_rc "baseline --run exits 0" 0
check_out_exact "baseline --run: benchkit's text" "Baseline set to run v2"

# A mistyped baseline: exit 3 natively; benchkit's form keeps benchkit's
# line and exit 0, but stderr names it.
run "$BENCHDB" check --baseline mian
check_rc "check with an unknown baseline exits 3" 3
check_err "check with an unknown baseline names it" "no baseline named 'mian' in $DB"
run "$BENCHDB" check --data "$DB" --baseline mian
check_rc "benchkit's form with an unknown baseline exits 0, as benchkit" 0
check_out_exact "benchkit's form with an unknown baseline: benchkit's text" \
	"No baseline set. Use 'benchdb baseline --run RUN' to set one."
check "benchkit's form with an unknown baseline names it on stderr" \
	test "$(cat "$ERR")" = "benchdb: check: no baseline named 'mian' in $DB"

# A baseline name with a quote and a backslash reaches the statements the
# gate builds quoted (issue 17): same verdict as 'main', which is v2 too.
run "$BENCHDB" baseline set 'a"b\c' v2
check_rc "baseline set with a quote and a backslash exits 0" 0
run "$BENCHDB" check --baseline 'a"b\c'
check_rc "check --baseline 'a\"b\\c' finds the regressions: exit 1" 1
check_out "and names the same three" "FAIL: 3 regression(s) detected (threshold=5%):"
check_out "with the same real_time line" "  ↓ BM_sort/1024 real_time: 3896.26 → 32527.07 (+734.8%)"
run "$BENCHDB" baseline
check_out "baseline lists the name as it was given" 'a"b\c'
run "$BENCHDB" baseline drop 'a"b\c'
check_rc "and drops it" 0

run "$BENCHDB" check
check_rc "check finds the regressions: exit 1" 1
check_out "FAIL header with the count and the threshold" \
	"FAIL: 3 regression(s) detected (threshold=5%):"
# benchdb's own arrow is the verdict's: ↓ is a change for the worse.
check_out "real_time regression line" "  ↓ BM_sort/1024 real_time: 3896.26 → 32527.07 (+734.8%)"
check_out "cpu_time regression line" "  ↓ BM_sort/1024 cpu_time: 3894.89 → 32518.38 (+734.9%)"
check_out "items_per_second regression line" \
	"  ↓ BM_sort/1024 items_per_second: 262912311.89 → 31489897.84 (-88.0%)"
check "the improvement is not a regression" sh -c "! grep -q 'BM_sort/65536' '$OUT'"
# benchkit's form: benchkit's header and arrows (the way the value moved).
run "$BENCHDB" check --data "$DB"
check_rc "benchkit's form finds the regressions: exit 1" 1
check_out "benchkit's FAIL header" "FAIL: 3 regression(s) detected:"
check_out "benchkit's real_time line (lower is better: ↑)" \
	"  ↑ BM_sort/1024 real_time: 3896.26 → 32527.07 (+734.8%)"
check_out "benchkit's items_per_second line (higher is better: ↓)" \
	"  ↓ BM_sort/1024 items_per_second: 262912311.89 → 31489897.84 (-88.0%)"

# --threshold: a percentage or benchkit's fraction; a bare 10 is refused.
run "$BENCHDB" check --threshold 10
check_rc "--threshold 10 without % is a usage error" 2
run "$BENCHDB" check --threshold 10%
check_rc "--threshold 10% fails on +734.8%: exit 1" 1
check_out "FAIL at 10%" "FAIL: 3 regression(s) detected (threshold=10%):"
# benchkit's fraction: 0.9 is 90%.
run "$BENCHDB" check --threshold 0.9
check_rc "--threshold 0.9 (90%) still fails on +734.8%" 1
run "$BENCHDB" check --threshold 800%
check_rc "--threshold 800% passes" 0
check_out_exact "PASS text with 800%, after the runs judged" \
	"Run v5 (commit e6a3f80, branch main) against v2 (commit 8b71d04, branch main).
PASS: No regressions detected (threshold=800%)"
run "$BENCHDB" check --threshold 0.05
check_rc "--threshold 0.05 is 5%" 1
check_out "FAIL at 5%" "FAIL: 3 regression(s) detected (threshold=5%):"

# A history model: v5 against v1..v4 of each series; only BM_sort/1024
# leaves the z-score limits (its v5 is 8 times its history's mean).
run "$BENCHDB" check --using zscore
check_rc "check --using zscore finds the BM_sort/1024 jump: exit 1" 1
check_out "zscore: the same three regressions, and the model" \
	"FAIL: 3 regression(s) detected (zscore window=30 boundary=0.99):"
run "$BENCHDB" check --using "ttest window 3" --format json
check_out "the method's options pass through" '"window": 3'
check_out "JSON explains the verdict" '"explanation": "ttest window 3 boundary 0.99 (n=3)'
# The PASS line and the markdown title name the method a verdict rests on:
# a history model has no threshold to quote.
# (mwu: 3 repetitions a side, and the exact two-sided test of 3 against 3
# cannot go below p = 0.1 > alpha 0.05: the gate passes, but lists the
# comparisons it could not decide; test_gate.sh covers --strict.)
run "$BENCHDB" check --using mwu
check_rc "mwu passes: 3 samples a side are too few for p < 0.05" 0
check_out "PASS names the threshold and the test" \
	"PASS: No regressions detected (threshold=5%, mwu alpha=0.05)"
check_out "and counts the inconclusive comparisons" \
	"Inconclusive: 3 comparison(s) the test could not decide (--strict fails on them):"
run "$BENCHDB" check --using "zscore window 4" --format markdown
check_out "markdown title names the history model" \
	"### :x: benchdb: 3 regression(s) (zscore window=4 boundary=0.99)"
run "$BENCHDB" check --using zscore --threshold 5%
check_rc "--threshold with a history model is an error: exit 2" 2
check_err "the error says why" "a threshold does not apply to using zscore"

# JSON for scripts: the regressions statement's shape.
run "$BENCHDB" check --format json
check_rc "check --format json exits 1 on regressions" 1
check_out "JSON names the statement" '"statement": "regressions"'
check_out "JSON lists the point" '"point": "BM_sort/1024"'

run "$BENCHDB" check --format markdown
check_rc "check --format markdown exits 1" 1
check_out "markdown header" "3 regression(s)"
check_out "markdown table" "| BM_sort/1024 |"
# The line under the title says which run was judged against which: a
# pull-request comment named neither (atk42).
check_out_exact "markdown: the summary line, the runs, the regressions with severity" \
	"$(cat <<'EOF'
### :x: benchdb: 3 regression(s) (threshold=5%)

Run v5 (commit e6a3f80, branch main) against v2 (commit 8b71d04, branch main).

| point        | tags | metric           | direction |      base |  current | unit    | change_pct | severity | p_value | threshold |
|:------------ |:---- |:---------------- |:--------- | ---------:| --------:|:------- | ----------:|:-------- |:------- | ---------:|
| BM_sort/1024 |      | real_time        | lower     |   3896.26 |  32527.1 | ns      |    +734.8% | severe ↓ | -       |      5.0% |
| BM_sort/1024 |      | cpu_time         | lower     |   3894.89 |  32518.4 | ns      |    +734.9% | severe ↓ | -       |      5.0% |
| BM_sort/1024 |      | items_per_second | higher    | 262912312 | 31489898 | items/s |     -88.0% | severe ↓ | -       |      5.0% |

<details><summary>All 15 comparisons</summary>

| point           | tags | metric           |        base |     current | unit    | change_pct | verdict       | p_value | threshold |
|:--------------- |:---- |:---------------- | -----------:| -----------:|:------- | ----------:|:------------- |:------- | ---------:|
| BM_sort/1024    |      | real_time        |     3896.26 |     32527.1 | ns      |    +734.8% | regression ↓  | -       |      5.0% |
| BM_sort/1024    |      | cpu_time         |     3894.89 |     32518.4 | ns      |    +734.9% | regression ↓  | -       |      5.0% |
| BM_sort/1024    |      | items_per_second |   262912312 |    31489898 | items/s |     -88.0% | regression ↓  | -       |      5.0% |
| BM_sort/65536   |      | real_time        |     3689223 |     1394514 | ns      |     -62.2% | improvement ↑ | -       |      5.0% |
| BM_sort/65536   |      | cpu_time         |     3688151 |     1394152 | ns      |     -62.2% | improvement ↑ | -       |      5.0% |
| BM_sort/65536   |      | items_per_second |    17769345 |    47008263 | items/s |    +164.5% | improvement ↑ | -       |      5.0% |
| BM_hash/4096    |      | real_time        |     550.735 |     550.467 | ns      |       0.0% | unchanged     | -       |      5.0% |
| BM_hash/4096    |      | cpu_time         |     550.693 |      550.47 | ns      |       0.0% | unchanged     | -       |      5.0% |
| BM_hash/4096    |      | bytes_per_second |  7437904821 |  7440927683 | B/s     |       0.0% | unchanged     | -       |      5.0% |
| BM_hash/262144  |      | real_time        |     37404.9 |       37342 | ns      |      -0.2% | unchanged     | -       |      5.0% |
| BM_hash/262144  |      | cpu_time         |     37405.9 |     37342.3 | ns      |      -0.2% | unchanged     | -       |      5.0% |
| BM_hash/262144  |      | bytes_per_second |  7008180124 |  7020116304 | B/s     |      +0.2% | unchanged     | -       |      5.0% |
| BM_memcpy/65536 |      | real_time        |     833.097 |     851.934 | ns      |      +2.3% | unchanged     | -       |      5.0% |
| BM_memcpy/65536 |      | cpu_time         |     832.772 |     851.948 | ns      |      +2.3% | unchanged     | -       |      5.0% |
| BM_memcpy/65536 |      | bytes_per_second | 78732906863 | 77009156780 | B/s     |      -2.2% | unchanged     | -       |      5.0% |

</details>
EOF
)"
# The collapsed table judges with the same threshold as the summary: at 800%
# nothing regresses, in either.
run "$BENCHDB" check --threshold 800% --format markdown
check_rc "markdown at 800% passes" 0
check_out "markdown at 800%: the summary line" \
	"### :white_check_mark: benchdb: no regressions (threshold=800%)"
check "markdown at 800%: no regression or improvement among all comparisons" \
	sh -c "! grep -q 'regression ↓\\|improvement ↑' '$OUT'"
check_out "markdown at 800%: the comparisons used 800%" \
	"| BM_sort/1024    |      | real_time        |     3896.26 |     32527.1 | ns      |    +734.8% | unchanged | -       |    800.0% |"

# The baseline moves: v4 → v5 only changes BM_sort.
run "$BENCHDB" baseline set main v5
check_rc "baseline set main v5" 0
run "$BENCHDB" check
check_rc "latest against itself is nothing to judge (exit 3)" 3
check_err "it says so" "check: nothing to judge: run v5 is its own base (baseline 'main' points at it)"
run "$BENCHDB" --data "$BENCHDB_DIR" check
check_out_exact "benchkit's form passes, as benchkit" "PASS: No regressions detected (threshold=5%)"

run "$BENCHDB" baseline set "$(printf 'b\377')" v5
check_rc "a baseline name that is not UTF-8 is a usage error" 2
check_err "and says why" "baseline: NAME: invalid UTF-8 at byte 2"

run "$BENCHDB" baseline list
check_out "baseline list shows main" "main"
check_out "baseline list shows the run" "v5"
run "$BENCHDB" baseline drop main
check_rc "baseline drop" 0
run "$BENCHDB" baseline drop main
check_rc "dropping it again exits 3" 3
check_err "dropping an unknown baseline names it" "main"

# benchkit's summary and trend texts.
run "$BENCHDB" summary --run v3
check_rc "summary exits 0" 0
check_out "summary names the run" "Run: v3"
check_out "summary has the commit" "Commit: c4e0a77"
check_out "summary has the branch" "Branch: main"
check_out "summary has the timestamp" "Timestamp: 2026-11-18T02:00:00"

run "$BENCHDB" trend --metric real_time --point BM_sort/1024
check_rc "trend exits 0" 0
check_out "trend header" "Trend: real_time @ BM_sort/1024"
check_out "trend count" "  5 points"
check_out "trend first value (v1)" "2026-11-16 02:00"
check_out "trend last value (v5)" "32527.07"
run "$BENCHDB" trend --metric real_time --point nosuch
check_out "trend of an unknown point: no data" "no data (0 points)"

# One-shot regressions with --fail: exit 1 like check.
"$BENCHDB" baseline set main v2 >/dev/null
run "$BENCHDB" --fail -c 'regressions vs baseline main'
check_rc "--fail makes found regressions exit 1" 1
run "$BENCHDB" -c 'regressions vs baseline main'
check_rc "without --fail regressions exit 0" 0

# A line names the series: two series of one point differ in their tags,
# which the line left out ("k time" twice); and a value below 1 (seconds)
# keeps four significant digits, where two decimals said 0.00 -> 0.00.
# benchkit's form (--data) keeps benchkit's line. Changes by hand:
# 0.0025 -> 0.003 is +20.0%, 0.001234 -> 0.002468 is +100.0%.
SEC=$WORK/seconds
for r in 1 2; do
	if [ $r = 1 ]; then a=0.0025 b=0.001234; else a=0.003 b=0.002468; fi
	cat >"$WORK/s$r.json" <<EOF
{"id": "s$r", "timestamp": "2026-03-0${r}T00:00:00Z", "commit": "c$r", "branch": "main",
 "metric_defs": {"time": {"unit": "s", "direction": "lower"}},
 "points": [{"name": "k", "tags": {"dtype": "f32"}, "metrics": {"time": {"value": $a}}},
            {"name": "k", "tags": {"dtype": "f16"}, "metrics": {"time": {"value": $b}}}]}
EOF
	"$BENCHDB" --db "$SEC" ingest "$WORK/s$r.json" >/dev/null
done
"$BENCHDB" --db "$SEC" baseline set main s1 >/dev/null
run "$BENCHDB" --db "$SEC" check
check_rc "two series of one point regress: exit 1" 1
check_out "the f32 series by its tags, in four significant digits" \
	"  ↓ k [dtype=f32] time: 0.0025 → 0.003 (+20.0%)"
check_out "the f16 series by its tags" "  ↓ k [dtype=f16] time: 0.001234 → 0.002468 (+100.0%)"
run "$BENCHDB" check --data "$SEC"
check_out "benchkit's form keeps benchkit's line" "  ↑ k time: 0.00 → 0.00 (+20.0%)"

# A pull request's benchmark names itself: a line break and a line a CI
# log reads as a command ("::error::"), or an escape sequence, stay text on
# the series' line ('?' for each control character).
EVIL=$WORK/evil
for r in 1 2; do
	cat >"$WORK/e$r.json" <<EOF
{"id": "e$r", "timestamp": "2026-03-0${r}T00:00:00Z", "commit": "c$r",
 "metric_defs": {"time": {"unit": "ns", "direction": "lower"}},
 "points": [{"name": "k\\n::error::pwned \\u001b[2J", "metrics": {"time": {"value": $((r * 100))}}}]}
EOF
	"$BENCHDB" --db "$EVIL" ingest --no-env "$WORK/e$r.json" >/dev/null
done
"$BENCHDB" --db "$EVIL" baseline set main e1 >/dev/null
run "$BENCHDB" --db "$EVIL" check
check_rc "a name with a line break regresses: exit 1" 1
check_out_exact "its line stays one, '?' for the controls" \
	"Run e2 (commit c2) against e1 (commit c1).
FAIL: 1 regression(s) detected (threshold=5%):
  ↓ k?::error::pwned ?[2J time: 100.00 → 200.00 (+100.0%)"

# A current value of -0 (stored as written, "-0.0") is 0 on the judged line,
# as in the table and JSON: the line said "3.00 → -0.00".
for i in 1 2; do
	v=3
	[ "$i" = 2 ] && v=-0.0
	printf '{"id": "z%s", "timestamp": "2026-01-0%sT00:00:00", "metric_defs": {"t": {"direction": "higher"}}, "points": [{"name": "a", "metrics": {"t": {"value": %s}}}]}' \
		"$i" "$i" "$v" >"$WORK/z$i.json"
	"$BENCHDB" --db "$WORK/negzero" ingest "$WORK/z$i.json" >/dev/null
done
"$BENCHDB" --db "$WORK/negzero" baseline set main z1 >/dev/null
run "$BENCHDB" --db "$WORK/negzero" check
check_rc "check of 3 -> -0 fails" 1
check_out "  the line says 0.00, not -0.00" "a t: 3.00 → 0.00 (-100.0%)"

# A change just beyond its threshold: the text line showed +5.04% (after
# another fix), but the table and Markdown (the step summary) showed
# "+5.0%" against a threshold of "5.0%" with a regression verdict.
NT=$WORK/near
printf '{"id":"n1","timestamp":"2026-01-01T00:00:00Z","metric_defs":{"t":{"unit":"ns","direction":"lower"}},"points":[{"name":"k","metrics":{"t":{"value":100}}}]}' >"$WORK/n1.json"
printf '{"id":"n2","timestamp":"2026-01-02T00:00:00Z","metric_defs":{"t":{"unit":"ns","direction":"lower"}},"points":[{"name":"k","metrics":{"t":{"value":105.04}}}]}' >"$WORK/n2.json"
"$BENCHDB" --db "$NT" ingest "$WORK/n1.json" "$WORK/n2.json" >/dev/null
"$BENCHDB" --db "$NT" baseline set main n1 >/dev/null
run "$BENCHDB" --db "$NT" check --format markdown
check_rc "+5.04% at 5%: exit 1" 1
check_out "markdown shows +5.04%, beyond 5.0%" "| k     |      | t      | lower     |  100 |  105.04 | ns   |     +5.04% |"
run "$BENCHDB" --db "$NT" -c 'compare baseline with latest'
check_out "the table too" "+5.04%"

# The runs line of --format markdown escapes what is free text: a branch
# with markup and a commit with a backtick stay text in the comment.
MDB=$WORK/mdrun
"$BENCHDB" --db "$MDB" ingest --no-env --id 'r<1>' --commit 'a`b' --branch main "$H/gbench-v2.json" >/dev/null
"$BENCHDB" --db "$MDB" ingest --no-env --id r2 --commit c2 --branch 'feat/<i>x</i>' "$H/gbench-v5.json" >/dev/null
run "$BENCHDB" --db "$MDB" check --run r2 --against-branch main --format markdown
check_rc "markdown of a hostile branch: exit 1" 1
check_out "its runs line, escaped" 'Run r2 (commit c2, branch feat/\<i>x\</i>) against r\<1> (commit a\`b, branch main).'

finish
