#!/usr/bin/env bash
# tests/cli/test_readme_flows.sh - the four things README.md promises a new
# user can do from it alone, run as it writes them, in a fresh directory:
#   (a) the GitHub Actions gate (the commands of its workflow, with the
#       environment GitHub sets), which fails on a mistyped store path;
#   (b) judging a named commit with `check --commit`;
#   (c) ingesting a pytest-benchmark storage directory;
#   (d) a multi-line `-f` script written as SQL users write it;
#   (e) the columns of its real-output tables are the program's (the
#       windowed `changes` table lacked `kind`);
#   (f) docs/migrating.md's github-action-benchmark and asv moves, whose CI
#       steps gated against a baseline nobody had set (exit 3 every time);
#   (h) the Tour's `serve --token-file token` without a token file says how to
#       make one;
#   (i) migrating.md's first query on an imported history, and "what changed
#       in the last month" on a history whose last run is older;
#   (j) the workflow's build step installs the build's packages only;
#   (k) its "Real output from make demo" of the nightly runs is what the
#       program prints (check's first line named runs v5 and v2, which the
#       demo calls nightly-v5 and nightly-v2; check --using mwu lacked it),
#       and so is docs/cli.md's check --using mwu.
. "$(dirname "$0")/lib.sh"
H=$ROOT/examples/history
cd "$WORK" || exit 3

# (a) The workflow's steps: ingest results.json (commit and branch from the
# environment), then check this commit against the newest run of main.
# gh_step ENV... -- CMD...: one step, with the variables GitHub sets.
gh_step() {
	local envs=()
	while [ "$1" != "--" ]; do
		envs+=("$1")
		shift
	done
	shift
	run env GITHUB_ACTIONS=true CI=true "${envs[@]}" "$@"
}
# The workflow's check step, on store $1 (more options after it).
CHECK='db=$1; shift; exec "$0" --db "$db" check --commit "$GITHUB_SHA" --against-branch main --threshold 5% "$@"'
PUSH1=(GITHUB_EVENT_NAME=push GITHUB_SHA=1111111aaaa GITHUB_REF_NAME=main)
PUSH2=(GITHUB_EVENT_NAME=push GITHUB_SHA=2222222bbbb GITHUB_REF_NAME=main)
PR=(GITHUB_EVENT_NAME=pull_request GITHUB_SHA=3333333cccc GITHUB_REF_NAME=12/merge
	GITHUB_HEAD_REF=feature GITHUB_BASE_REF=main)

# The first push to main: nothing to judge against, exit 3 saying so;
# --allow-missing-baseline lets that first run pass.
cp "$H/gbench-v1.json" results.json
gh_step "${PUSH1[@]}" -- "$BENCHDB" --db ci-data ingest results.json
check_rc "(a) first run: ingest exits 0" 0
gh_step "${PUSH1[@]}" -- sh -c "$CHECK" "$BENCHDB" ci-data
check_rc "(a) first run: check without a main run before it exits 3" 3
check_err "(a) it says there is no run of main to judge against" \
	"benchdb: error: check: no run of branch 'main' at or before run "
check_err "(a) and how the first run passes (README: run that one with it)" \
	"in ci-data (the first run of the branch? pass --allow-missing-baseline to let it pass)"
gh_step "${PUSH1[@]}" -- sh -c "$CHECK" "$BENCHDB" ci-data --allow-missing-baseline
check_rc "(a) first run with --allow-missing-baseline exits 0" 0
check_out "(a) and says there was nothing to judge" "PASS: nothing to judge: no run of branch 'main'"

# A second push to main, a slight change only: PASS.
cp "$H/gbench-v2.json" results.json
gh_step "${PUSH2[@]}" -- "$BENCHDB" --db ci-data ingest results.json
gh_step "${PUSH2[@]}" -- sh -c "$CHECK" "$BENCHDB" ci-data
check_rc "(a) second push: check exits 0" 0
check_out_exact "(a) second push: the runs judged, PASS" \
	"Run gbench-1971b612fbf1f8b0 (commit 2222222bbb, branch main) against gbench-47e9dc3f76e55444 (commit 1111111aaa, branch main).
PASS: No regressions detected (threshold=5%)"

# A pull request whose BM_sort/1024 is 8x slower: FAIL, exit 1; the run is
# stored on the PR's branch (GITHUB_HEAD_REF), not on "12/merge".
cp "$H/gbench-v5.json" results.json
gh_step "${PR[@]}" -- "$BENCHDB" --db ci-data ingest results.json
check_rc "(a) pull request: ingest exits 0" 0
gh_step "${PR[@]}" -- sh -c "$CHECK" "$BENCHDB" ci-data
check_rc "(a) pull request with a regression: check exits 1" 1
check_out "(a) the FAIL line" "FAIL: 3 regression(s) detected (threshold=5%):"
check_out "(a) the regression against main's newest run (v2)" \
	"  ↓ BM_sort/1024 real_time: 3896.26 → 32527.07 (+734.8%)"
run "$BENCHDB" --db ci-data -c 'show runs as csv'
check_out "(a) the PR run has the PR's commit and branch" ",3333333cccc,feature,5,15"
check_out "(a) the pushes are on main" ",2222222bbbb,main,5,15"

# A mistyped store path fails the gate, and creates nothing.
gh_step "${PR[@]}" -- sh -c "$CHECK" "$BENCHDB" ci-dta
check_rc "(a) a mistyped --db exits 3" 3
check_err "(a) and says so" \
	"benchdb: error: check: no store at ci-dta (a mistyped --db? ingest results first)"
check "(a) and creates no store" test ! -e ci-dta
gh_step "${PR[@]}" -- sh -c "$CHECK" "$BENCHDB" ci-dta --allow-missing-baseline
check_rc "(a) --allow-missing-baseline does not excuse a missing store" 3

# (b) Judge a named commit (a prefix is enough), against a branch or the
# baseline; an unknown commit is an error.
run "$BENCHDB" --db ci-data check --commit 3333333 --against-branch main
check_rc "(b) check --commit PREFIX --against-branch main exits 1" 1
check_out "(b) it judged that commit" "FAIL: 3 regression(s) detected (threshold=5%):"
run "$BENCHDB" --db ci-data check --commit 2222222bbbb --against-branch main
check_rc "(b) a commit without regressions exits 0" 0
run "$BENCHDB" --db ci-data baseline set main commit:1111111
check_rc "(b) baseline set main commit:PREFIX exits 0" 0
run "$BENCHDB" --db ci-data check --commit 3333333cccc
check_rc "(b) check --commit against baseline main exits 1" 1
check_out "(b) against v1" "  ↓ BM_sort/1024 real_time: 3915.10 → 32527.07 (+730.8%)"
run "$BENCHDB" --db ci-data check --commit dead
check_rc "(b) an unknown commit exits 3" 3
check_err "(b) and names it" "benchdb: error: check: no run with commit 'dead'"

# (c) A pytest-benchmark storage directory: .benchmarks/<machine>/NNNN_*.json,
# each file one run, in name order.
M=.benchmarks/Linux-CPython-3.11-64bit
mkdir -p "$M"
cp "$FIXTURES/pytest_benchmark.json" "$M/0001_unversioned_20260210_090500.json"
cp "$FIXTURES/pytest/versioned.json" "$M/0002_5d41402_20261120_091112.json"
run "$BENCHDB" --db py-data ingest .benchmarks
check_rc "(c) ingest .benchmarks exits 0" 0
check_err "(c) it says what it found" "found 2 files in .benchmarks; each is one run"
check "(c) one run per file, in name order" sh -c \
	"grep -c '^Ingested run pytest-' '$OUT' | grep -qx 2 &&
	 head -1 '$OUT' | grep -q '(4 points, 9 metrics)' &&
	 tail -1 '$OUT' | grep -q '(2 points, 4 metrics)'"
run "$BENCHDB" --db py-data -c 'show points as csv'
check_out "(c) the versioned file's points" "tests/test_sort.py::test_sort[radix-1000]"
check_out "(c) the unversioned file's points" "test_bench.py::test_json_dumps"
run "$BENCHDB" --db py-data -c 'show runs as csv'
check_out "(c) the commit and branch from the file" ",5d41402abc4b2a76b9719d911017c592ae7e1d2f,feature/radix,2,4"

# migrating.md's pytest CI step on a pull request: actions/checkout leaves
# HEAD detached, so pytest-benchmark writes the branch "(detached head)".
# That is a placeholder, as "(unknown)" is, so the run takes the PR's
# branch from the CI environment (before, it was stored on branch
# "(detached head)").
sed 's/"branch": "feature\/radix"/"branch": "(detached head)"/' \
	"$FIXTURES/pytest/versioned.json" >bench.json
gh_step "${PR[@]}" -- "$BENCHDB" --db py-data ingest bench.json
check_rc "(c) a pull request's bench.json: ingest exits 0" 0
run "$BENCHDB" --db py-data -c 'show runs where branch = "feature" as csv'
check_out "(c) its run is on the PR's branch" ",5d41402abc4b2a76b9719d911017c592ae7e1d2f,feature,2,4"

# README's Tour piped pytest's standard output into 'ingest -' (pytest
# --benchmark-json=-), but pytest writes its session text there too, around
# the JSON: that stream is no pytest-benchmark file, and ingest refuses it
# (exit 3; found by atk29). The Tour now writes a file and ingests it.
check "(c) README no longer pipes pytest's standard output" \
	sh -c "! grep -q -- '--benchmark-json=-' '$ROOT/README.md'"
{
	printf 'collected 4 items\n\ntest_bench.py ....   [100%%]'
	cat "$FIXTURES/pytest_benchmark.json"
	printf '\n============ 4 passed in 5.12s ============\n'
} >pytest-stdout.txt
run "$BENCHDB" --db pipe-data ingest - <pytest-stdout.txt
check_rc "(c) pytest's standard output with the JSON in it: exit 3" 3
cp "$FIXTURES/pytest_benchmark.json" results.json
run "$BENCHDB" --db pipe-data ingest results.json
check_rc "(c) the Tour's 'benchdb ingest results.json' of pytest's file: exit 0" 0
check_out "(c) stored as one run" "Ingested run pytest-"

# (d) README's script: one statement over three lines, ended by ';'.
cat >gate.bq <<'BQ'
compare baseline with latest
  metric real_time
  of "BM_sort/1024";
BQ
run "$BENCHDB" --db ci-data -f gate.bq
check_rc "(d) the script exits 0" 0
check "(d) one comparison: that point and metric only (header, rule, one row)" \
	test "$(wc -l <"$OUT")" -eq 3
check_out "(d) the row" "BM_sort/1024  real_time  3.915 µs  32.53 µs     +730.8%  regression ↓"
# A mistyped metric on line 2 is reported there, and nothing ran.
sed 's/real_time/real_tme/' gate.bq >typo.bq
run "$BENCHDB" --db ci-data -f typo.bq
check_rc "(d) a mistyped metric exits 2" 2
check_err "(d) at its line and column" 'typo.bq:2:10: no metric "real_tme" in the store; did you mean "real_time"?'
check_out_exact "(d) nothing ran" ""

# (e) README's windowed changes table has the columns changes prints: a
# step of +30 % at run 21 of 30 (values 100-102 ns, then 130-132 ns).
for i in $(seq 1 30); do
	v=$((i <= 20 ? 100 + i % 3 : 130 + i % 3))
	printf '{"id": "r%02d", "commit": "c%02d", "timestamp": "2026-01-%02dT02:00:00Z", "branch": "main", "metric_defs": {"time": {"unit": "ns", "direction": "lower"}}, "points": [{"name": "k", "metrics": {"time": {"value": %d}}}]}\n' \
		"$i" "$i" "$i" "$v" >"step$i.json"
done
"$BENCHDB" --db step-data ingest -q step*.json >/dev/null
run "$BENCHDB" --db step-data -c 'changes time of k window 30'
check_out "(e) the step at r21" "r21"
readme_header=$(grep -m1 -A1 "changes time of \"BM_sort/64\".* window 30'$" "$ROOT/README.md" | tail -1)
check "(e) README's changes columns are those printed ($(head -1 "$OUT" | tr -s ' '))" \
	test "$(echo $readme_header)" = "$(head -1 "$OUT" | tr -s ' ')"

# (f) github-action-benchmark: import the history, then the README's steps.
# The imported entries have no branch: the first job has no run of main to
# judge against (exit 3) unless --allow-missing-baseline; the next one does.
REAL=$ROOT/tests/realdata
run "$BENCHDB" --db gab-data import-gab "$REAL/gab/softwaremill__jox.data.js"
check_out "(f) import-gab stores the history" "Imported 47 run(s) from 47 entries"
# ingest --branch B data.js is import-gab --branch B: the same entries on
# main are other runs than those imported without a branch (exit 3).
run "$BENCHDB" --db gab-data ingest --branch main "$REAL/gab/softwaremill__jox.data.js"
check_rc "(f) ingest --branch main of the data.js imported without a branch: exit 3" 3
check_err "(f) saying how to add what is new" \
	"benchdb: hint: the stored runs were imported without --branch: import without it again to add what is new"
cp "$H/gbench-v1.json" results.json
gh_step "${PUSH1[@]}" -- "$BENCHDB" --db gab-data ingest results.json
gh_step "${PUSH1[@]}" -- sh -c "$CHECK" "$BENCHDB" gab-data
check_rc "(f) the first job after the migration exits 3" 3
check_err "(f) saying there is no run of main" "check: no run of branch 'main' at or before run "
gh_step "${PUSH1[@]}" -- sh -c "$CHECK" "$BENCHDB" gab-data --allow-missing-baseline
check_rc "(f) with --allow-missing-baseline it passes" 0
cp "$H/gbench-v5.json" results.json
gh_step "${PR[@]}" -- "$BENCHDB" --db gab-data ingest results.json
gh_step "${PR[@]}" -- sh -c "$CHECK" "$BENCHDB" gab-data
check_rc "(f) a later pull request is judged against main: exit 1" 1

# migrating.md's custom JSON move: import-gab --branch main, then each job
# ingests the same JSON with the suite's tag and direction: the series
# continue (the PR's run is judged against the newest imported entry). A
# second job of another commit whose output is the same bytes (values that
# do not vary) is another run (it collided with the first one's id: exit 3).
run "$BENCHDB" --db gabc-data import-gab --branch main "$REAL/gab/CarlWachter__hermit-rs.excerpt.data.js"
check_out "(f) import-gab --branch main stores the entry" "Imported 1 run(s) from 1 entries"
cat >custom.json <<'JSON'
[{"name": "Build", "value": 241.69373514, "unit": "s"},
 {"name": "Sleep-Timing", "value": 100, "unit": "ms"}]
JSON
PR2=(GITHUB_EVENT_NAME=pull_request GITHUB_SHA=4444444dddd GITHUB_REF_NAME=13/merge
	GITHUB_HEAD_REF=feature2 GITHUB_BASE_REF=main)
for job in PR PR2; do
	declare -n envs=$job
	gh_step "${envs[@]}" -- "$BENCHDB" --db gabc-data ingest --tag suite=Benchmark --direction lower custom.json
	check_rc "(f) custom JSON, job $job: ingest exits 0" 0
	gh_step "${envs[@]}" -- sh -c "$CHECK" "$BENCHDB" gabc-data
	check_rc "(f) custom JSON, job $job: check exits 0" 0
	check "(f) custom JSON, job $job: the imported series continue" \
		test "$(tail -n 1 "$OUT")" = "PASS: No regressions detected (threshold=5%)"
	check "(f) custom JSON, job $job: judged against main's imported run" \
		grep -q "^Run gab-[0-9a-f]* (commit [0-9a-f]*, branch feature2*) against gab-08a643a27e377448 (commit cbcf65a591, branch main)\.$" "$OUT"
done
run "$BENCHDB" --db gabc-data -c 'trend value of "Build" as csv'
check "(f) custom JSON: Build's series holds the entry and both jobs' runs" \
	test "$(grep -c ',241.69373514' "$OUT")" -eq 3

# migrating.md's go move: go test -bench output makes new series (with pkg
# and procs), which no imported entry of main holds: every job exits 3 until
# a run of main has stored them (a second pull request job too), and the
# first job after it is judged.
"$BENCHDB" --db gabgo-data import-gab --branch main "$REAL/gab/moov-io__benchmarks.data.js" 2>/dev/null >&2
printf '%s\n' 'pkg: github.com/moov-io/ach' \
	'BenchmarkBuildFile-4   	   93493	     12560 ns/op	    9708 B/op	     101 allocs/op' >go.txt
GOJOB=(GITHUB_EVENT_NAME=pull_request GITHUB_REF_NAME=15/merge GITHUB_HEAD_REF=gofeature)
for job in 1 2 main 3; do
	envs=("${GOJOB[@]}" GITHUB_SHA=5555555000$job)
	[ "$job" = main ] && envs=(GITHUB_EVENT_NAME=push GITHUB_REF_NAME=main GITHUB_SHA=5555555000$job)
	gh_step "${envs[@]}" -- "$BENCHDB" --db gabgo-data ingest --tag suite="moov-io/ach Benchmarks" go.txt
	gh_step "${envs[@]}" -- sh -c "$CHECK" "$BENCHDB" gabgo-data
	if [ "$job" = 3 ]; then
		check_rc "(f) go: the job after main's run is judged: exit 0" 0
		check "(f) go: PASS" test "$(tail -n 1 "$OUT")" = "PASS: No regressions detected (threshold=5%)"
		check_out "(f) go: against main's run" ", branch gofeature) against gotest-"
	else
		check_rc "(f) go: job $job, before a run of main with the new series: exit 3" 3
		check_err "(f) go: job $job says so" "check: no run of branch 'main' at or before run "
	fi
done

# (g) asv: import the results, set the baseline once, import again after
# asv run (here: two more result files), then check.
ASV=$REAL/asv/kedro-org__kedro-benchmark-results/.asv/results
mkdir -p asv/github-actions
cp "$ASV/benchmarks.json" asv/
cp "$ASV/github-actions/machine.json" asv/github-actions/
newest=$(cd "$ASV/github-actions" && grep -l '"date"' ./*.json | while read -r f; do
	printf '%s %s\n' "$(grep -o '"date": *[0-9]*' "$f" | grep -o '[0-9]*$')" "$f"
done | sort -n | awk '{print $2}')
for f in $(echo "$newest" | head -n -2); do cp "$ASV/github-actions/$f" asv/github-actions/; done
run "$BENCHDB" --db asv-data import-asv asv
check_out "(g) import-asv stores 98 runs" "Imported 98 run(s) from 98 result files"
run "$BENCHDB" --db asv-data check
check_rc "(g) check without the baseline exits 3" 3
check_err "(g) saying so" "check: no baseline named 'main'"
"$BENCHDB" --db asv-data baseline set main latest >/dev/null
for f in $(echo "$newest" | tail -n 2); do cp "$ASV/github-actions/$f" asv/github-actions/; done
run sh -c '"$0" --db asv-data import-asv asv && "$0" --db asv-data check' "$BENCHDB"
check_rc "(g) import-asv && check: the newest result file judged, exit 1" 1
check_out "(g) 2 new runs" "Imported 2 run(s) from 100 result files of asv (98 unchanged, 0 replaced)"
check_out "(g) kedro's slowdown of the last result file" "FAIL: 74 regression(s) detected (threshold=5%):"

# (g) Two environments per commit (the two newest result files again, as
# py3.12): check alone exits 2 and says so; a py3.12 run judged against
# baseline main (a py3.11 run) shares no series with it (exit 3), and is
# judged against a baseline of its own environment, as migrating.md says.
for f in $(echo "$newest" | tail -n 2); do
	sed 's/virtualenv-py3\.11/virtualenv-py3.12/g' "$ASV/github-actions/$f" \
		>"asv/github-actions/$(echo "$f" | sed 's/py3\.11/py3.12/')"
done
run "$BENCHDB" --db asv-data import-asv asv
check_out "(g) 2 py3.12 runs" "Imported 2 run(s) from 102 result files of asv (100 unchanged, 0 replaced)"
run "$BENCHDB" --db asv-data check
check_rc "(g) two environments: check alone exits 2" 2
check_err "(g) saying why" "a CI job stored several result files; check judges one run, so judge each with --run ID"
py312=$("$BENCHDB" --db asv-data -c 'show runs where env = "virtualenv-py3.12-kedro-datasets[pandas]" as csv' |
	cut -d, -f1 | grep '^asv-')
check "(g) show runs where env = ... lists the 2 py3.12 runs" test "$(echo "$py312" | grep -c '^asv-')" -eq 2
run "$BENCHDB" --db asv-data check --run "$(echo "$py312" | head -1)"
check_rc "(g) a py3.12 run against baseline main (py3.11): exit 3" 3
check_err "(g) nothing to judge" "check: nothing to judge: run "
"$BENCHDB" --db asv-data baseline set main-py312 "$(echo "$py312" | tail -1)" >/dev/null
run "$BENCHDB" --db asv-data check --run "$(echo "$py312" | head -1)" --baseline main-py312
check_rc "(g) against its environment's baseline it is judged: exit 1" 1
check_out "(g) its env's series" "env=virtualenv-py3.12-kedro-datasets[pandas]"

# (h) The Tour's serve line copied as it is, before any token file exists:
# exit 3, naming the file and how to make one (docs/serve.md's command).
run "$BENCHDB" --db ci-data serve --listen 127.0.0.1:0 --token-file token
check_rc "(h) serve --token-file token with no such file exits 3" 3
check_err "(h) and says how to make one" \
	"benchdb: error: serve: --token-file: cannot read token: No such file or directory (make one: head -c 32 /dev/urandom | base64 > token; docs/serve.md)"
head -c 32 /dev/urandom | base64 >token
run "$BENCHDB" --server http://127.0.0.1:1 --token-file nosuch -c 'show runs'
check_rc "(h) a client's missing token file exits 3" 3
check_err "(h) the client is not told to make one" \
	"benchdb: error: --server: --token-file: cannot read nosuch: No such file or directory"

# (i) migrating.md's github-action-benchmark move, as written: import the
# history, then `changes time of "my_bench"`. kurkle/color is benchmark.js,
# whose metric is throughput: the error names the store's metrics (it was
# the bare `no metric "time" in the store`), and a point that is no stored
# one points at `show points`.
run "$BENCHDB" --db kurkle-data import-gab --branch main "$REAL/gab/kurkle__color.data.js"
check_out "(i) import-gab stores kurkle's 266 entries" "Imported 266 run(s) from 266 entries"
run "$BENCHDB" --db kurkle-data -c 'changes time of "my_bench"'
check_rc "(i) changes time: exit 2" 2
check_err "(i) the error names the metric there is" \
	'no metric "time" in the store (the store'"'"'s metrics: throughput)'
run "$BENCHDB" --db kurkle-data -c 'changes throughput of "my_bench"'
check_rc "(i) an unknown point: exit 2" 2
check_err "(i) the error says how to list the points" \
	'no point "my_bench" in the store (the store has 88 points: '"'"'show points'"'"' lists them)'
# "What changed in the last month?": the newest entry is of 2026-01-22, so
# no run is in a month before now (2026-02-22 at the latest for this to
# hold: the note is said whenever now is past 2026-02-21).
run "$BENCHDB" --db kurkle-data -c 'changes throughput since 30d'
check_rc "(i) changes since 30d: exit 0" 0
check_out "(i) says that no run is that recent" \
	"the store's newest run, gab-89e35c31489f016d, is of 2026-01-22T05:11:11Z"

# migrating.md's workflow of several suites (kurkle/color has two): each
# suite's output ingested alone is a run of the same commit, which check
# --commit refuses (exit 2); named with --id, each is judged against its
# own suite's imported entry. (migrating.md had only the one-suite steps.)
printf '%s\n' 'parse #d6F|@kurkle/color x 64,111,337 ops/sec ±1.02% (91 runs sampled)' \
	'alpha|chroma-js x 1,000,000 ops/sec ±1.00% (90 runs sampled)' >comparison.txt
printf '%s\n' 'map x 507,111,337 ops/sec ±1.02% (91 runs sampled)' \
	'parseInt + x 4,000,000 ops/sec ±1.00% (90 runs sampled)' >hex.txt
SUITES=(GITHUB_EVENT_NAME=pull_request GITHUB_SHA=6666666eeee GITHUB_REF_NAME=16/merge
	GITHUB_HEAD_REF=suites)
gh_step "${SUITES[@]}" -- "$BENCHDB" --db kurkle-data ingest --tag suite=Comparison comparison.txt
gh_step "${SUITES[@]}" -- "$BENCHDB" --db kurkle-data ingest --tag "suite=HEX parsing" hex.txt
gh_step "${SUITES[@]}" -- sh -c "$CHECK" "$BENCHDB" kurkle-data
check_rc "(i) two suites of one commit: check --commit exits 2" 2
check_err "(i) saying to judge each" "judge each with --run ID"
SUITES2=(GITHUB_EVENT_NAME=pull_request GITHUB_SHA=7777777ffff GITHUB_REF_NAME=17/merge
	GITHUB_HEAD_REF=suites2)
gh_step "${SUITES2[@]}" -- sh -c '"$0" --db kurkle-data ingest --id "$GITHUB_SHA-comparison" --tag suite=Comparison comparison.txt &&
	"$0" --db kurkle-data ingest --id "$GITHUB_SHA-hex" --tag "suite=HEX parsing" hex.txt' "$BENCHDB"
check_rc "(i) migrating.md's --id steps: ingest exits 0" 0
gh_step "${SUITES2[@]}" -- sh -c '"$0" --db kurkle-data check --run "$GITHUB_SHA-comparison" --against-branch main --threshold 5%' "$BENCHDB"
check_rc "(i) the Comparison run is judged: alpha|chroma-js 71 % slower, exit 1" 1
check_out "(i) against its suite's entry" "alpha|chroma-js [suite=Comparison] throughput: 3489964.00 → 1000000.00 (-71.3%)"
gh_step "${SUITES2[@]}" -- sh -c '"$0" --db kurkle-data check --run "$GITHUB_SHA-hex" --against-branch main --threshold 5%' "$BENCHDB"
check_rc "(i) the HEX parsing run is judged: exit 1" 1
check_out "(i) parseInt + against its suite's entry" "parseInt + [suite=HEX parsing] throughput: 7032906.00 → 4000000.00 (-43.1%)"

# "Which benchmark got slower between two commits?" of an imported history
# with two suites: `commit "C"` is the newest run of C, one suite's; the
# other suite's run was left out without a word (atk42). The answer says so.
run "$BENCHDB" --db kurkle-data -c 'regressions in commit "f50685387d" vs commit "88714d7fe0"'
check_rc "(i) regressions between two commits: exit 0" 0
check_out "(i) the Comparison suite's regression" "parse hsla(240, 100, 60, 0.5)|@kurkle/color"
check_out "(i) the note names the run left out" \
	'commit "f50685387d" is its newest run, gab-89e35c31489f016d, whose commit has runs of other series (gab-dbb1e5a6efe015d2, ...): they were left out; name each with run "ID"'
run "$BENCHDB" --db kurkle-data -c 'compare commit "88714d7fe0" with run "gab-89e35c31489f016d"'
check_out "(i) compare says it of the commit" 'commit "88714d7fe0" is its newest run, gab-658ced04276dbe67'
check "(i) and not of the run named by id" sh -c "! grep -q 'gab-89e35c31489f016d, whose' '$OUT'"

# README's workflow built benchdb with `make -C benchdb deps install`, whose
# deps install the tests' packages too: chromium and chromium-driver, which
# are Debian's packages (Ubuntu, GitHub's runners, ships Chromium as a
# snap), selenium, cmocka, ...: nothing a CI job that runs benchdb uses. Its step now names deps-build, whose
# packages are the build's (and a subset of deps').
step=$(grep -m1 -o 'make -C benchdb [a-z -]* install' "$ROOT/README.md")
check "(j) README's workflow builds with deps-build ($step)" test "$step" = "make -C benchdb deps-build install"
build_pkgs=$(make -s -n -C "$ROOT" deps-build | grep -o 'DEB_PKGS="[^"]*"' | head -1)
check "(j) deps-build installs no test package ($build_pkgs)" \
	sh -c "echo '$build_pkgs' | grep -q liblmdb-dev && ! echo '$build_pkgs' | grep -qE 'chromium|selenium|cmocka'"

# (k) The nightly runs as make demo (examples/demo.sh) stores them, with its
# baseline; README's output of each command below is what it prints, the
# lines after "$ benchdb ..." up to the blank line or the block's end (its comment after the
# command left out).
commits=(3f2a9c1 8b71d04 c4e0a77 19d5be2 e6a3f80)
for v in 1 2 3 4 5; do
	"$BENCHDB" --db demo ingest --format gbench --id "nightly-v$v" --commit "${commits[v - 1]}" \
		--branch main --timestamp "2026-11-$((15 + v))T02:00:00Z" "$H/gbench-v$v.json" >/dev/null
done
"$BENCHDB" --db demo baseline set main nightly-v2 >/dev/null
# readme_output COMMAND: the lines README shows under "$ benchdb COMMAND".
readme_output() {
	awk -v cmd="\$ benchdb $1" '
		found && (/^$/ || /^```/) { exit }
		found { print }
		{ line = $0; sub(/ +#.*$/, "", line) }
		line == cmd { found = 1 }' "$ROOT/README.md"
}
for cmd in "-c 'trend real_time of \"BM_hash/4096\"'" "-c 'compare baseline with latest metric real_time'" \
	"check" "check --using mwu --strict"; do
	expected=$(readme_output "$cmd")
	eval "run \"\$BENCHDB\" --db demo $cmd"
	check "(k) README shows the output of benchdb $cmd" test -n "$expected"
	check_out_exact "(k) and it is what benchdb $cmd prints" "$expected"
done
check_rc "(k) check --using mwu --strict exits 1, as README says" 1
# docs/cli.md's inconclusive example, of the same store: it showed runs v5
# and v2 (of another store) with the demo's commits, and one line of three.
run "$BENCHDB" --db demo check --using mwu
check_rc "(k) check --using mwu passes, exit 0" 0
check_out_exact "(k) docs/cli.md shows what check --using mwu prints" \
	"$(awk '/^\$ benchdb check --using mwu / { at = 1; next } at && /^```/ { exit } at' "$ROOT/docs/cli.md")"

finish
