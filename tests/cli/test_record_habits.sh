#!/usr/bin/env bash
# tests/cli/test_record_habits.sh - benchdb record as a hyperfine user drives
# it (atk35): the verdict's method against a baseline of few samples,
# --min-time after warm-ups, a command reading redirected standard input.
source "$(dirname "$0")/lib.sh"

DB=$WORK/db

json_get() {
	python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}

# The number of wall samples of run ID.
wall_samples() {
	"$BENCHDB" --db "$DB" export --format json "$1" |
		json_get '[len(o["samples"]) for o in j["observations"] if o["metric"] == "wall"][0]'
}

# 1. The verdict against the baseline is mwu only when both runs have 5
# samples or more (cli.md): a baseline of one run (--runs 1) and a current
# run of 6 got mwu, whose smallest p with 1 vs 6 samples is 2/7 = 0.29 (the
# exact null distribution: U = 0 or 6 of C(7,1) = 7 orderings each), so a
# command 30 times slower was 'inconclusive'. percent says regression.
run "$BENCHDB" --db "$DB" record --id base1 --runs 1 --name nap -- sleep 0.01
check_rc "the one-run baseline is recorded" 0
"$BENCHDB" --db "$DB" baseline set main base1 >/dev/null
run "$BENCHDB" --db "$DB" record --id slow6 --runs 6 --name nap -- sleep 0.3
check_rc "the slower run is recorded" 0
check_out "a baseline of 1 sample: the verdict uses percent" "Against baseline main (percent):"
check_out "and says regression" "regression"
check "not inconclusive" sh -c "! grep -q inconclusive '$OUT'"
# Both with 5 samples or more: mwu, as before.
run "$BENCHDB" --db "$DB" record --id base5 --runs 5 --name nap -- sleep 0.01
"$BENCHDB" --db "$DB" baseline set main base5 >/dev/null
run "$BENCHDB" --db "$DB" record --id slow5 --runs 5 --name nap -- sleep 0.3
check_out "5 samples on both sides: mwu" "Against baseline main (mwu):"

# 2. --min-time S measures until S seconds of measured runs: the warm-up
# runs counted too, so warm-ups that took S or more left the minimum of 3
# runs. Here the 2 warm-ups sleep 1 s each and every measured run is quick
# (a few ms): 0.5 s of measured runs is many more than 3.
printf '#!/bin/sh\nn=$(cat "$1" 2>/dev/null || echo 0)\necho $((n + 1)) >"$1"\n[ "$n" -lt 2 ] && sleep 1\nexit 0\n' \
	>"$WORK/slow-warmups.sh"
chmod +x "$WORK/slow-warmups.sh"
run "$BENCHDB" --db "$DB" record --id mintime --warmup 2 --min-time 0.5 -- \
	"$WORK/slow-warmups.sh" "$WORK/calls"
check_rc "record --min-time after slow warm-ups exits 0" 0
n=$(wall_samples mintime)
check "the warm-ups' time is not the measured runs' ($n runs measured)" test "$n" -gt 3

# 3. Standard input redirected from a file: every run reads it from where it
# was when record started. The first run read it all and the others read
# nothing (3000 lines, then 0 and 0: a 'first run much slower, consider
# --warmup 1' to boot), and the shell's next read found the file's end.
seq 3000 >"$WORK/lines"
(
	read -r first
	"$BENCHDB" --db "$DB" record --id stdin3 --runs 3 -- sh -c 'wc -l >>"$1"' sh "$WORK/counts" \
		>/dev/null 2>&1
	echo "rc=$?"
	wc -l
) <"$WORK/lines" >"$WORK/after"
check "record read the redirected file and exited 0" grep -qx 'rc=0' "$WORK/after"
check "each run read the 2999 lines after the shell's read: $(tr '\n' ' ' <"$WORK/counts")" \
	test "$(tr '\n' ' ' <"$WORK/counts")" = "2999 2999 2999 "
check "after record, the input is where it was: $(tail -n 1 "$WORK/after")" \
	test "$(tail -n 1 "$WORK/after")" = 2999

# 4. max_rss is the command's: a forked child's peak RSS starts at its
# parent's, and record's memory (the samples; --format's captured output)
# counted in every later run. Here each run prints a gbench result and 48 MiB
# of blanks: runs 2 and 3 had a max_rss of 49 MiB and more (the first run's
# output, still held), where sh, head and tr take a few MiB; and the max_rss
# of `true` grew with the samples (1.2 to 1.6 MiB over 5000 runs: not
# tested, it takes long). Every sample is now under 16 MiB.
GB='{"benchmarks": [{"name": "BM_x", "run_type": "iteration", "iterations": 1, "real_time": 5, "cpu_time": 5, "time_unit": "ns"}]}'
run "$BENCHDB" --db "$DB" record --id bigout --format gbench --runs 3 --name bigout -- \
	sh -c "echo '$GB'; head -c 50331648 /dev/zero | tr '\\0' ' '"
check_rc "record --format of a command printing 48 MiB exits 0" 0
rss=$("$BENCHDB" --db "$DB" export --format json bigout |
	json_get '[round(x / 1048576, 1) for o in j["observations"] if o["metric"] == "max_rss" for x in o["samples"]]')
check "no run's max_rss holds record's copy of the output (MiB: $rss)" \
	test "$(echo "$rss" | json_get 'len(j) == 3 and max(j) < 16')" = True

# 5. --branch auto, as --commit auto: the branch git has checked out. A
# branch named "auto" was stored (exit 0), which no query for the real
# branch finds. A detached HEAD has no branch: exit 3, nothing stored.
if command -v git >/dev/null; then
	REPO=$WORK/repo
	git init -q -b feat/x "$REPO" && git -C "$REPO" -c user.email=t@t -c user.name=t \
		commit -q --allow-empty -m one
	head=$(git -C "$REPO" rev-parse HEAD)
	(cd "$REPO" && run "$BENCHDB" --db "$DB" record --id git1 --runs 1 --commit auto \
		--branch auto -- true) >/dev/null
	check "--branch auto is git's branch, --commit auto its commit" \
		test "$("$BENCHDB" --db "$DB" export --format json git1 |
			json_get 'j["run"]["branch"] + " " + j["run"]["commit"]')" = "feat/x $head"
	(cd "$REPO" && "$BENCHDB" --db "$DB" ingest --id git2 --branch auto \
		"$ROOT/examples/history/gbench-v1.json" >/dev/null)
	check "ingest --branch auto too" \
		test "$("$BENCHDB" --db "$DB" export --format json git2 | json_get 'j["run"]["branch"]')" = feat/x
	git -C "$REPO" checkout -q --detach
	cd "$REPO" && run "$BENCHDB" --db "$WORK/detached" record --runs 1 --branch auto -- true
	cd - >/dev/null
	check_rc "--branch auto on a detached HEAD is exit 3" 3
	check_err "it says why" "record: --branch auto: 'git symbolic-ref --short HEAD' found no branch here"
	check "and makes no store" test ! -e "$WORK/detached"
else
	fail "git is installed" "no git (make deps installs it)"
fi

# 6. hyperfine's --output WHERE (null, pipe, inherit: where the command's
# output goes) is not record's --output FILE (the results file CMD writes):
# 'record --output null -- true' measured every run, then said 'null: cannot
# read' (exit 3). Now exit 2 before any run, saying so. A FILE that no run
# made is said as record's, with nothing stored.
cd "$WORK" && run "$BENCHDB" --db "$WORK/hf" record --runs 3 --output null -- true
cd - >/dev/null
check_rc "--output null (hyperfine's) is exit 2" 2
check_err "it says what record's --output is" \
	"record: --output null: no such file, and CMD has no {out}: record's --output FILE is the results file CMD writes, not hyperfine's --output"
check "no run was measured" sh -c "! grep -q Benchmark '$OUT'"
check "and no store made" test ! -e "$WORK/hf"
run "$BENCHDB" --db "$WORK/hf" record --runs 2 --output "$WORK/never.json" -- true
check_rc "an --output FILE that no run made is exit 3" 3
check_err "said as record's, nothing stored" \
	"record: --output $WORK/never.json: no run wrote it (there is no such file; does CMD write {out}?); nothing stored"
check "no store left" test ! -e "$WORK/hf"

# 7. The command measured is the run's metadata "command": with --name the
# point is named and the command line was stored nowhere (export showed
# "metadata": {}), where hyperfine's export keeps the command.
run "$BENCHDB" --db "$DB" record --id named --runs 1 --name nap --shell -- 'sleep 0.01;' true
check_rc "record --name --shell exits 0" 0
check "the metadata has the command line, as sh -c got it" \
	test "$("$BENCHDB" --db "$DB" export --format json named | json_get 'j["run"]["metadata"]')" = \
	"{'command': 'sleep 0.01; true'}"

# 8. --baseline NAME that lacks the point: nothing was said (a missing
# baseline is said), so the verdict asked for was silently not there.
run "$BENCHDB" --db "$DB" record --runs 1 --baseline main --name other -- true
check_rc "record --baseline of a baseline without the point exits 0" 0
check_err "it says there is no verdict" "record: baseline 'main' has no point 'other': no verdict"
run "$BENCHDB" --db "$DB" record --runs 1 --name other -- true
check "without --baseline (main by default) it says nothing" sh -c "! grep -q verdict '$ERR'"

# 9. hyperfine's options that record has not: '--prepare' was "unknown
# option '--prepare'; did you mean '--replace'?" (which replaces a stored
# run), -N and --export-json merely unknown. Each says what to do instead.
hyperfine_opt() {
	run "$BENCHDB" --db "$WORK/hfo" record "$1" x -- true
	check_rc "$1 is exit 2" 2
	check_err "$1 says what instead" "record: $1: hyperfine's option: $2"
	check "$1 does not suggest --replace" sh -c "! grep -q -e '--replace' '$ERR'"
}
hyperfine_opt --prepare "record has no command run before each run"
hyperfine_opt -N "record runs CMD without a shell already; --shell runs it with /bin/sh -c"
hyperfine_opt --shell=bash "record's --shell takes no value"
hyperfine_opt --export-json "the run is stored: 'benchdb export --format json RUN' writes it"
hyperfine_opt --min-runs "give --runs N, or --min-time S"
check "none made a store" test ! -e "$WORK/hfo"

finish
