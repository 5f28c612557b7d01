#!/usr/bin/env bash
# tests/cli/test_gate.sh - a CI gate that cannot pass by mistake (issue 23,
# items 1, 2, 3, 5 and 6): a missing store or baseline fails, a test that
# cannot reach significance says "inconclusive", a named run or commit is
# judged against a baseline or a branch, --threshold means one thing, and
# benchdb's own arrows mean one thing.
#
# History: examples/history/gbench-v1..v5.json (real Google Benchmark output,
# 3 repetitions per benchmark, so 3 samples a side). Means computed with
# Python (json.load, mean of the repetitions' real_time):
#   BM_sort/1024 real_time  v2 3896.26, v4 3922.34, v5 32527.07
#   BM_hash/4096 real_time  v2 550.73, v3 4642.85
. "$(dirname "$0")/lib.sh"
DB=$WORK/db

# ---- 1. a missing store or baseline fails the native gate -----------------
run "$BENCHDB" check --db "$WORK/mistyped"
check_rc "check on a missing store exits 3" 3
check_err "and says the store is missing" "check: no store at $WORK/mistyped"
run "$BENCHDB" check --db "$WORK/mistyped" --allow-missing-baseline
check_rc "--allow-missing-baseline does not excuse a missing store" 3
run "$BENCHDB" --data "$WORK/mistyped" check
check_rc "benchkit's form (--data) keeps exit 0" 0
check_out_exact "benchkit's form keeps benchkit's line" \
	"No baseline set. Use 'benchdb baseline --run RUN' to set one."

ingest_history "$DB" main main pr main pr
run "$BENCHDB" --db "$DB" check
check_rc "check without a baseline exits 3" 3
check_err "and names the baseline" "check: no baseline named 'main' in $DB"
check "the hint does not move the baseline blindly" \
	grep -qF "set one with 'benchdb baseline set main RUN'" "$ERR"
run "$BENCHDB" --db "$DB" check --allow-missing-baseline
check_rc "--allow-missing-baseline passes a first run" 0
check_out_exact "and says there was nothing to judge" \
	"PASS: nothing to judge: no baseline named 'main' (--allow-missing-baseline)"
run "$BENCHDB" --db "$DB" -c 'regressions'
check_rc "one-shot regressions without a baseline exits 3" 3
check_err "and names it" 'no baseline "main"'
# A new user's first `regressions` on a history without baselines (an
# import) was told to set one only; `vs RUN` names the base without one
# (atk42).
check_err "and says how to name the base instead" \
	'no baseline "main" (set one with: set baseline main = RUN; or name the base: regressions vs latest~1)'
run "$BENCHDB" --db "$DB" -c 'regressions vs baseline main'
check_err "a baseline given by name gets the first hint only" \
	'no baseline "main" (set one with: set baseline main = RUN)'
run "$BENCHDB" --db "$DB" check --run v9
check_rc "check --run of an unknown run exits 3" 3
check_err "and names the run" "no run 'v9'"

"$BENCHDB" --db "$DB" baseline set main v2 >/dev/null

# ---- 2. inconclusive: 3 vs 3 samples cannot reach alpha 0.05 ---------------
# scipy 1.10.1: scipy.stats.mannwhitneyu([1,2,3], [4,5,6]).pvalue == 0.1,
# the smallest two-sided p of 3 against 3 (2 / C(6, 3)).
reason="3 vs 3 samples: smallest possible p is 0.1 > alpha 0.05"
run "$BENCHDB" --db "$DB" -c 'compare baseline with latest of "BM_sort/1024" metric real_time using mwu as csv'
check_rc "compare using mwu runs" 0
check_out "compare says inconclusive, not unchanged, on +734.8%" \
	"BM_sort/1024,,real_time,3896.2643665253527,32527.073639803624,ns,734.827172387456,inconclusive,0.1,"
run "$BENCHDB" --db "$DB" -c 'compare baseline with latest of "BM_sort/1024" metric real_time using mwu'
check_out "the table gives the reason" "1 comparison(s) inconclusive: $reason"
run "$BENCHDB" --db "$DB" -c 'regressions using mwu as csv'
check_out "regressions lists the inconclusive comparison" \
	"BM_sort/1024,,real_time,lower,3896.2643665253527,32527.073639803624,ns,734.827172387456,,0.1,5,inconclusive,"
run "$BENCHDB" --db "$DB" --fail -c 'regressions using mwu'
check_rc "--fail: inconclusive comparisons are not regressions" 0
run "$BENCHDB" --db "$DB" check --using mwu
check_rc "check --using mwu passes without --strict" 0
check_out "check counts them" \
	"Inconclusive: 3 comparison(s) the test could not decide (--strict fails on them):"
check_out "check prints each with its reason" \
	"  ? BM_sort/1024 real_time: 3896.26 → 32527.07 (+734.8%): $reason"
run "$BENCHDB" --db "$DB" check --using mwu --strict
check_rc "--strict fails the gate on them" 1
check_out "and says why" \
	"FAIL: 3 inconclusive comparison(s) with --strict (threshold=5%, mwu alpha=0.05):"
run "$BENCHDB" --db "$DB" check --using mwu --json
check_out "JSON counts them" '"inconclusive": 3'
run "$BENCHDB" --db "$DB" check --using mwu --format markdown
check_out "markdown counts them" \
	"### :white_check_mark: benchdb: no regressions, 3 inconclusive (threshold=5%, mwu alpha=0.05)"
# With --strict the gate fails (exit 1): the title was the same green check
# mark and "no regressions", in the step summary of a failed job.
run "$BENCHDB" --db "$DB" check --using mwu --strict --format markdown
check_rc "markdown --strict: exit 1" 1
check "the title says it failed, and why" test "$(head -n 1 "$OUT")" = \
	"### :x: benchdb: 3 inconclusive comparison(s) with --strict (threshold=5%, mwu alpha=0.05)"

# ---- 3. judging a named run, against a baseline or a branch ---------------
run "$BENCHDB" --db "$DB" check --run v3
check_rc "check --run v3 judges v3 against the baseline (v2)" 1
check_out "v3's BM_hash jump" "  ↓ BM_hash/4096 real_time: 550.73 → 4642.85 (+743.0%)"
run "$BENCHDB" --db "$DB" check --commit c3 --json
check_out "check --commit judges that commit's run" '"current": "v3"'
check_out "against the baseline" '"base": "v2"'
# The newest run of main at or before the judged run: v4 for v5 (a pr run),
# v2 for v3, and for v4 itself the main run before it, v2.
run "$BENCHDB" --db "$DB" check --against-branch main --json
check_out "--against-branch main judges latest (v5)" '"current": "v5"'
check_out "against v4, main's newest run before it" '"base": "v4"'
run "$BENCHDB" --db "$DB" check --against-branch main
check_out "the text uses v4's value" "  ↓ BM_sort/1024 real_time: 3922.34 → 32527.07 (+729.3%)"
run "$BENCHDB" --db "$DB" check --run v3 --against-branch main --json
check_out "v3 against main: v2" '"base": "v2"'
run "$BENCHDB" --db "$DB" check --run v4 --against-branch main --json
check_out "a main run is judged against the main run before it" '"base": "v2"'
run "$BENCHDB" --db "$DB" check --against-branch nosuch
check_rc "an unknown branch exits 3" 3
check_err "and names it" "no run of branch 'nosuch' at or before run v5"
run "$BENCHDB" --db "$DB" check --run v3 --commit c3
check_rc "--run and --commit together: usage error" 2
# Run references by branch in the query language.
run "$BENCHDB" --db "$DB" -c 'compare latest~1 on branch "main" with latest on branch main as json'
check_rc "latest on branch runs" 0
check_out "latest~1 on branch main is v2" '"base": "v2"'
check_out "latest on branch main is v4" '"current": "v4"'
run "$BENCHDB" --db "$DB" -c 'regressions in latest on branch pr vs latest on branch main as json'
check_out "a PR run against main without a baseline" '"base": "v4", "current": "v5"'
run "$BENCHDB" --db "$DB" -c 'summary latest~2 on branch pr'
check_rc "a branch with too few runs exits 3" 3
check_err "and says how many it has" 'latest~2 on branch "pr" needs 3 runs, it has 2'

# ---- 5. --threshold: 5% or benchkit's 0.05; a bare 5 is refused ------------
run "$BENCHDB" --db "$DB" check --threshold 5%
check_rc "--threshold 5%" 1
check_out "the FAIL line states the threshold" "FAIL: 3 regression(s) detected (threshold=5%):"
run "$BENCHDB" --db "$DB" check --threshold 0.05
check_out "--threshold 0.05 is 5%" "FAIL: 3 regression(s) detected (threshold=5%):"
run "$BENCHDB" --db "$DB" check --threshold 0.9
check_out "--threshold 0.9 is 90%" "FAIL: 2 regression(s) detected (threshold=90%):"
run "$BENCHDB" --db "$DB" check --threshold 1
check_rc "--threshold 1 is refused" 2
check_err "with what to write" "--threshold 1: write 1% for a percentage"
check_err "in one line plus where to look" "try 'benchdb check --help'"
run "$BENCHDB" --db "$DB" check --threshold 1.5
check_rc "--threshold 1.5 is refused" 2
run "$BENCHDB" --db "$DB" check --threshold 1.5%
check_rc "--threshold 1.5% is 1.5%" 1
check_out "and says so" "(threshold=1.5%):"

# ---- 6. one arrow meaning: ↓ worse, ↑ better (benchkit's form: its own) ----
run "$BENCHDB" --db "$DB" check
check_out "check: a slower real_time (+734.8%) is ↓, worse" \
	"  ↓ BM_sort/1024 real_time: 3896.26 → 32527.07 (+734.8%)"
run "$BENCHDB" --db "$DB" -c 'compare baseline with latest of "BM_sort/1024" metric real_time'
check_out "compare: the same change is regression ↓" "regression ↓"
run "$BENCHDB" --db "$DB" -c 'compare baseline with latest of "BM_sort/65536" metric real_time'
check_out "compare: a faster real_time is improvement ↑" "improvement ↑"
run "$BENCHDB" --data "$DB" check
check_out "benchkit's form keeps benchkit's arrow (the value went up)" \
	"  ↑ BM_sort/1024 real_time: 3896.26 → 32527.07 (+734.8%)"

# ---- 7. runs whose shared series have no direction ----
# Two runs of a metric no definition gives a direction (benchkit JSON
# without metric_defs): regressions said "nothing was compared: run n2 and
# its base n1 share no series", which they do (the metric is of direction
# info, never judged), and with 'metric time' showed an empty table and no
# note at all, which reads as a pass.
for i in 1 2; do
	printf '{"id":"n%s","timestamp":"2026-01-0%sT00:00:00Z","points":[{"name":"k","metrics":{"time":{"value":%s,"unit":"ns"}}}]}\n' \
		"$i" "$i" "$((i * 100))" >"$WORK/n$i.json"
done
"$BENCHDB" --db "$WORK/nodir" ingest "$WORK/n1.json" "$WORK/n2.json" >/dev/null
for stmt in 'regressions vs run n1' 'regressions vs run n1 metric time'; do
	run "$BENCHDB" --db "$WORK/nodir" -c "$stmt"
	check_rc "$stmt: exit 0" 0
	check_out "$stmt: says the shared series have direction info" \
		"nothing was judged: the 1 series of both runs are of metrics of direction info"
	check "$stmt: not that they share none" sh -c "! grep -q 'share no series' '$OUT'"
done

finish
