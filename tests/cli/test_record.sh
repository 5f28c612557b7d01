#!/usr/bin/env bash
# tests/cli/test_record.sh - benchdb record: runs a command, measures each run
# (wall, user, sys, max RSS), stores one run; failures, SIGINT, sweeps, the CI
# commit, the environment, --format gbench and --output.
source "$(dirname "$0")/lib.sh"

DB=$WORK/db

# json_get EXPR: evaluates the Python expression EXPR over the JSON on stdin
# (as j) and prints the result.
json_get() {
	python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}

# The latest run as export JSON.
latest_json() { "$BENCHDB" --db "$DB" export --format json latest; }

# 1. 7 runs of sleep 0.01 after 2 warm-ups: 7 wall samples of 10 to 50 ms.
run "$BENCHDB" --db "$DB" record --runs 7 --warmup 2 -- sleep 0.01
check_rc "record sleep exits 0" 0
check_out "it prints hyperfine's mean line" "Time (mean ± σ):"
check_out "it prints hyperfine's range line" "Range (min … max):"
check_out "it prints the number of runs" "7 runs"
check_out "it names the stored run" "Stored run record-"
check "nothing but the statistics when piped: no progress line" \
	test "$(grep -c $'\r' "$ERR")" -eq 0
latest_json >"$WORK/sleep.json"
check "the point is the command line" \
	test "$(json_get '{o["point"] for o in j["observations"]}' <"$WORK/sleep.json")" = "{'sleep 0.01'}"
check "metrics wall, user, sys, max_rss" \
	test "$(json_get 'sorted(o["metric"] for o in j["observations"])' <"$WORK/sleep.json")" = \
	"['max_rss', 'sys', 'user', 'wall']"
walls=$(json_get '[o for o in j["observations"] if o["metric"] == "wall"][0]["samples"]' <"$WORK/sleep.json")
check "7 wall samples (warm-ups discarded)" \
	test "$(json_get 'len([o for o in j["observations"] if o["metric"] == "wall"][0]["samples"])' <"$WORK/sleep.json")" = 7
# A lower bound only: `sleep 0.01` cannot take less than 10 ms, but how much
# longer it takes depends on the machine's load (no timing threshold here).
check "every wall sample is at least the 0.010 s slept: $walls" \
	test "$(json_get 'all(0.010 <= s for s in [o for o in j["observations"] if o["metric"] == "wall"][0]["samples"])' <"$WORK/sleep.json")" = True
check "wall is the mean of its samples, in s, lower is better" \
	test "$(json_get '[(abs(o["value"] - sum(o["samples"]) / 7) < 1e-9, o["unit"], o["direction"]) for o in j["observations"] if o["metric"] == "wall"][0]' <"$WORK/sleep.json")" = "(True, 's', 'lower')"
check "max_rss is in bytes, lower is better" \
	test "$(json_get '[(o["unit"], o["direction"]) for o in j["observations"] if o["metric"] == "max_rss"][0]' <"$WORK/sleep.json")" = "('B', 'lower')"
check "the environment names the cores and the kernel" \
	test "$(json_get 'j["run"]["environment"]["cpu_cores"] == str(__import__("os").cpu_count()) and j["run"]["environment"]["kernel"].startswith("Linux ")' <"$WORK/sleep.json")" = True
check "the environment has the load average before and after" \
	test "$(json_get '"load_before" in j["run"]["environment"] and "load_after" in j["run"]["environment"]' <"$WORK/sleep.json")" = True
check "the run has no commit outside CI" \
	test "$(json_get 'j["run"]["commit"]' <"$WORK/sleep.json")" = None

# 1b. One run has no standard deviation (n - 1 = 0) and no range: it printed
# "± 0.0 ms" and a range of one value. hyperfine's one-run line instead.
run "$BENCHDB" --db "$DB" record --runs 1 --id one-run -- sleep 0.01
check_rc "record --runs 1 exits 0" 0
check_out "one run: hyperfine's absolute line" "Time (abs ≡):"
check "no ± and no range for one run" sh -c "! grep -q -e '±' -e 'Range' '$OUT'"
check_out "it counts the one run" "]    1 run"
check "the stored wall is its one sample" \
	test "$(latest_json | json_get '[(len(o["samples"]), o["value"] == o["samples"][0]) for o in j["observations"] if o["metric"] == "wall"][0]')" = "(1, True)"

# 2. A program that allocates and touches 60 MiB: max_rss >= 60 MiB.
run "$BENCHDB" --db "$DB" record --runs 2 --name alloc60 -- \
	python3 -c "b = bytearray(60 * 1024 * 1024)"
check_rc "record of the 60 MiB program exits 0" 0
check "max_rss >= 60 MiB" \
	test "$(latest_json | json_get '[o["value"] >= 60 * 1024 * 1024 and min(o["samples"]) >= 60 * 1024 * 1024 for o in j["observations"] if o["metric"] == "max_rss"][0]')" = True
check "--name names the point" \
	test "$(latest_json | json_get 'j["observations"][0]["point"]')" = alloc60

runs_stored() { "$BENCHDB" --db "$DB" --json -c 'show runs' | json_get 'len(j["rows"])'; }
before=$(runs_stored)

# 3. false stores nothing and exits with its status.
run "$BENCHDB" --db "$DB" record --runs 3 -- false
check_rc "record false exits with false's status" 1
check_err "it says nothing was stored" "'false' exited with status 1 in run 1; nothing stored"
check "false stored no run" test "$(runs_stored)" = "$before"
run "$BENCHDB" --db "$DB" record --runs 3 -- sh -c 'exit 7'
check_rc "a command exiting 7 makes record exit 7" 7
run "$BENCHDB" --db "$DB" record --runs 1 -- ./no-such-program
check_rc "a command that cannot run exits 127" 127
check_err "it says why" "cannot run './no-such-program': No such file or directory"
check "neither stored a run" test "$(runs_stored)" = "$before"
run "$BENCHDB" --db "$DB" record --runs 2 --ignore-failure -- false
check_rc "--ignore-failure keeps going and stores" 0
check_out "it counts the failed runs" "2 runs (2 failed)"
before=$(runs_stored)

# eventually CMD...: runs CMD until it succeeds, 100 times at most, 50 ms
# apart (a process to start, stop or end); its last status.
eventually() {
	for _ in $(seq 100); do
		"$@" && return 0
		sleep 0.05
	done
	"$@"
}
# sleep_child PID: child= the sleep PID started; sleep_grandchild PID:
# grandchild= the sleep of the sh PID started.
# The command is a child of record's helper, the fresh benchdb that runs it
# (so that max_rss is the command's own), a child of record.
helper_of() { local h; h=$(pgrep -P "$1" | head -n 1) && [ -n "$h" ] && echo "$h"; }
sleep_child() { local h; h=$(helper_of "$1") && child=$(pgrep -P "$h" -x sleep); }
sleep_grandchild() {
	local h s
	h=$(helper_of "$1") && s=$(pgrep -P "$h" -x sh) && grandchild=$(pgrep -P "$s" -x sleep)
}

# 4. SIGINT during a run: stop, store nothing, exit 130 (during run 1, so
# not after the three runs: said by the message, with no clock in the test).
"$BENCHDB" --db "$DB" record --runs 3 -- sleep 5 >"$OUT" 2>"$ERR" &
pid=$!
eventually sleep_child "$pid" # the command runs: record's handlers are in place
kill -INT "$pid"
wait "$pid"
RC=$?
check_rc "SIGINT makes record exit 130" 130
check_err "it says it stored nothing" "interrupted during run 1 of 'sleep 5'; nothing stored"
check "SIGINT stored no run" test "$(runs_stored)" = "$before"
check "no sleep is left running" test -z "$(pgrep -f '^sleep 5$' -P "$pid" 2>/dev/null)"

# 4a. A command that dies of SIGINT by itself (a Python program's
# KeyboardInterrupt, `kill -INT $$`: record got no SIGINT, its group is not
# the terminal's) failed as with any other signal: it was said to be
# interrupted, and --ignore-failure stored nothing and exited 130.
run "$BENCHDB" --db "$DB" record --runs 2 -- sh -c 'kill -INT $$'
check_rc "a command dying of SIGINT exits 128 + 2" 130
check_err "it says the command died of signal 2" "sh -c 'kill -INT \$\$' died of signal 2 in run 1; nothing stored"
check "it does not say record was interrupted" sh -c "! grep -q 'interrupted during' '$ERR'"
check "it stored no run" test "$(runs_stored)" = "$before"
run "$BENCHDB" --db "$DB" record --runs 2 --ignore-failure --id sigint-ignored -- sh -c 'kill -INT $$'
check_rc "--ignore-failure measures a command dying of SIGINT" 0
check_out "both runs counted as failed" "2 runs (2 failed)"
check "and stores the run" test "$("$BENCHDB" --db "$DB" --json -c 'show runs' | json_get '[r["id"] for r in j["rows"]].count("sigint-ignored")')" = 1
before=$(runs_stored)

# 4b. SIGTERM and SIGHUP (a CI runner cancelling the job) stop the command
# too: before, record died of them and left the command running.
for sig in TERM HUP; do
	"$BENCHDB" --db "$DB" record --runs 3 -- sleep 31 >"$OUT" 2>"$ERR" &
	pid=$!
	eventually sleep_child "$pid"
	kill -"$sig" "$pid"
	wait "$pid"
	RC=$?
	code=$((128 + $(kill -l "$sig")))
	check_rc "SIG$sig makes record exit $code" "$code"
	check_err "it says it stored nothing" "(SIG$sig) during run 1 of 'sleep 31'; nothing stored"
	check "SIG$sig stored no run" test "$(runs_stored)" = "$before"
	check "SIG$sig ended the command ($child)" test -n "$child" -a ! -d "/proc/$child"
	[ -n "$child" ] && kill "$child" 2>/dev/null
done

# 4c. The command's own children are stopped too: record runs each command in
# its own process group and signals the group (before, only the command got
# the signal and `sleep 37` here outlived record). The background sleep of a
# non-interactive sh ignores SIGINT: SIGKILL ends it after the grace period.
# ended PID: a process was found and is gone or a zombie (an orphan killed
# is one until init reaps it).
ended() { [ -n "$1" ] && { [ ! -r "/proc/$1/stat" ] || grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat"; }; }
for sig in INT TERM HUP; do
	"$BENCHDB" --db "$DB" record --runs 3 -- sh -c 'sleep 37 & wait' >"$OUT" 2>"$ERR" &
	pid=$!
	eventually sleep_grandchild "$pid"
	kill -"$sig" "$pid"
	wait "$pid"
	RC=$?
	check_rc "SIG$sig with a grandchild: record exits $((128 + $(kill -l "$sig")))" \
		$((128 + $(kill -l "$sig")))
	check "SIG$sig ended the command's child too ($grandchild)" \
		ended "$grandchild"
	[ -n "$grandchild" ] && kill -KILL "$grandchild" 2>/dev/null
done
check "the signalled records stored no run" test "$(runs_stored)" = "$before"

# 4d. The command's group is not the terminal's: reading a terminal would stop
# it (SIGTTIN) and record would wait for ever. Under a pseudo-terminal
# (script), a command reading standard input reads /dev/null instead.
if command -v script >/dev/null; then
	run timeout 60 script -qec "'$BENCHDB' --db '$DB' record --runs 1 --name tty-read -- sh -c 'read line; echo \"read [\$line]\" >&2'" /dev/null
	check_rc "a command reading the terminal's standard input ends" 0
	check_out "it read nothing: its standard input is /dev/null" "read []"
	# Reading /dev/tty, or writing to the terminal under stty tostop, stopped
	# the command's background group (SIGTTIN, SIGTTOU): record waited for
	# ever (timeout ended it, 124). The read fails, the write is written.
	before=$(runs_stored)
	run timeout 60 script -qec "'$BENCHDB' --db '$DB' record --runs 1 -- sh -c 'read line </dev/tty'" /dev/null
	check_rc "a command reading /dev/tty fails (EIO) instead of stopping" 1
	check_out "record says how it ended" "sh -c 'read line </dev/tty' exited with status 1 in run 1; nothing stored"
	check "it stored no run" test "$(runs_stored)" = "$before"
	run timeout 60 script -qec "stty tostop; '$BENCHDB' --db '$DB' record --runs 1 --name tostop -- sh -c 'echo to-the-terminal >&2'" /dev/null
	check_rc "a command writing to the terminal under stty tostop ends" 0
	check_out "what it wrote reaches the terminal" "to-the-terminal"
	# The progress line on a terminal 20 columns wide ("run 2/3, 1.2 ms ±
	# 0.1 ms, ETA 0s" is about 35) is cut to 19: a line that wraps leaves a
	# row behind at each update.
	run timeout 60 script -qec "stty cols 20; exec '$BENCHDB' --db '$DB' record --runs 3 --name narrow -- sleep 0.05" /dev/null
	check_rc "record on a 20-column terminal exits 0" 0
	check "its progress lines are there and no wider than 19" python3 -c '
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
pieces = [p for p in re.split(r"\r|\x1b\[K|\n", text) if p.startswith("run ")]
assert len(pieces) >= 2 and max(len(p) for p in pieces) <= 19, pieces' "$OUT"
fi

# 4d2. Ctrl-Z (SIGTSTP) reaches record alone (the command's group is not the
# terminal's): the command is stopped with record and continued with it;
# before, it ran on while record was stopped.
state() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1; }
before=$(runs_stored)
"$BENCHDB" --db "$DB" record --runs 1 --name tstp -- sleep 5 >"$OUT" 2>"$ERR" &
pid=$!
eventually sleep_child "$pid"
kill -TSTP "$pid"
stopped() { [ "$(state "$1")" = T ]; }
eventually stopped "$child"
check "SIGTSTP stops record" test "$(state "$pid")" = T
check "and the command ($child)" test -n "$child" -a "$(state "$child")" = T
kill -CONT "$pid"
eventually eval '! stopped "$child"'
check "SIGCONT to record continues the command" test "$(state "$child")" != T
wait "$pid"
RC=$?
check_rc "record then ends as usual" 0
check "and stores its run" test "$(runs_stored)" = $((before + 1))

# 4e. The command line is the point's name unless --name gives one: bytes that
# are not UTF-8 or a newline in it were stored as they are (a name --name
# refuses). It is a usage error that names the byte, and --name is the way.
before=$(runs_stored)
run "$BENCHDB" --db "$DB" record --runs 1 -- printf $'\xff'
check_rc "a command line that is not UTF-8 (no --name) is a usage error" 2
check_err "it names the byte" "record: the command line (the point's name without --name): invalid UTF-8 at byte 8"
check_err "and the way out" "hint: --name NAME names the point"
run "$BENCHDB" --db "$DB" record --runs 1 -- printf $'a\nb'
check_rc "a newline in the command line (no --name) is a usage error" 2
check_err "it names the character" "contains a control character (U+000A) at byte 10"
check "neither stored a run" test "$(runs_stored)" = "$before"
run "$BENCHDB" --db "$DB" record --runs 1 --name 'printf a-newline-b' -- printf $'a\nb'
check_rc "with --name the same command is recorded" 0

# 4f. A blank command: with --shell, sh -c '' was measured and the run then
# refused for its empty point name (exit 3); ' ' stored a point named ' '.
before=$(runs_stored)
for blank in '' ' '; do
	run "$BENCHDB" --db "$DB" record --runs 2 --shell -- "$blank"
	check_rc "record --shell -- '$blank' is a usage error" 2
	check_err "it says the command is blank" "record: expected the command to run after '--', got only blanks"
done
check "a blank command stored no run" test "$(runs_stored)" = "$before"

# 4g. A --db that cannot be made failed only after every run (a benchmark of
# hours measured for nothing): it fails before the command runs. A new store
# is left only when a run is stored.
: >"$WORK/a-file"
run "$BENCHDB" --db "$WORK/a-file/db" record --runs 1 -- touch "$WORK/ran"
check_rc "a --db that cannot be made (under a file) exits 3" 3
check_err "it says why" "$WORK/a-file/db: cannot create the store directory"
check "before running the command" test ! -e "$WORK/ran"
run "$BENCHDB" --db "$WORK/new-db" record --runs 1 -- false
check_rc "a failing command into a new --db exits with its status" 1
check "and leaves no store there" test ! -e "$WORK/new-db"

# An --id that is taken (without --replace) failed likewise after the runs.
"$BENCHDB" --db "$DB" record --runs 1 --id taken -- true >/dev/null
before=$(runs_stored)
run "$BENCHDB" --db "$DB" record --runs 1 --id taken -- touch "$WORK/ran-taken"
check_rc "an --id that is taken exits 3" 3
check_err "it says so and what to do" "record: run taken is already stored; --replace replaces it"
check "before running the command" test ! -e "$WORK/ran-taken"
run "$BENCHDB" --db "$DB" record --runs 1 --id taken --replace -- true
check_rc "--replace replaces it" 0
check_out "and says so" "Replaced run taken"
check "the store has as many runs" test "$(runs_stored)" = "$before"

# 5. Sweeps: one point per value, tagged with it.
run "$BENCHDB" --db "$DB" record --runs 2 -L t 0.01,0.02,0.03 -- sleep '{t}'
check_rc "an -L sweep exits 0" 0
check_out "it stores 3 points" "(3 points, 12 metrics)"
latest_json >"$WORK/sweep.json"
check "one point per value, named with it as hyperfine does, tagged t=value" \
	test "$(json_get 'sorted({(o["point"], o["tags"]["t"]) for o in j["observations"]})' <"$WORK/sweep.json")" = \
	"[('sleep 0.01', '0.01'), ('sleep 0.02', '0.02'), ('sleep 0.03', '0.03')]"
check "the value was substituted: t=0.03 waits at least 30 ms" \
	test "$(json_get '[min(o["samples"]) >= 0.030 for o in j["observations"] if o["metric"] == "wall" and o["tags"]["t"] == "0.03"][0]' <"$WORK/sweep.json")" = True
run "$BENCHDB" --db "$DB" record --runs 1 --tag host=ci -P n 1 3 --name count -- sh -c 'exit 0' '{n}'
check_rc "a -P sweep exits 0" 0
check "-P gives one point per integer, with --tag too" \
	test "$(latest_json | json_get 'sorted({(o["point"], o["tags"]["n"], o["tags"]["host"]) for o in j["observations"]})')" = \
	"[('count', '1', 'ci'), ('count', '2', 'ci'), ('count', '3', 'ci')]"
run "$BENCHDB" --db "$DB" record -P n 3 1 -- true
check_rc "-P with LO > HI is a usage error" 2
# A value listed twice would be one point twice: every value was measured,
# then the run could not be stored (exit 3). Refused before any run.
runs_before_dup=$(runs_stored)
run "$BENCHDB" --db "$DB" record --runs 1 -L n a,b,a -- sh -c 'echo {n} >>"$1"' sh "$WORK/dup-ran"
check_rc "-L with a value twice is a usage error" 2
check_err "it names the value" "-L n: the value 'a' appears twice in 'a,b,a'"
check "the command never ran" test ! -e "$WORK/dup-ran"
check "nothing stored" test "$(runs_stored)" = "$runs_before_dup"

# 6. The commit comes from the CI environment, --commit overrides it.
GITHUB_SHA=1234abcd GITHUB_REF_NAME=main run "$BENCHDB" --db "$DB" record --runs 1 -- true
check_rc "record in GitHub Actions exits 0" 0
check "GITHUB_SHA is the commit, GITHUB_REF_NAME the branch" \
	test "$(latest_json | json_get 'j["run"]["commit"] + "," + j["run"]["branch"]')" = "1234abcd,main"
GITHUB_SHA=1234abcd run "$BENCHDB" --db "$DB" record --runs 1 --commit feed01 --id rec-c -- true
check "--commit overrides GITHUB_SHA; --id names the run" \
	test "$("$BENCHDB" --db "$DB" export --format json rec-c | json_get 'j["run"]["commit"] + "," + j["run"]["id"]')" = "feed01,rec-c"
GITHUB_SHA=1234abcd run "$BENCHDB" --db "$DB" record --runs 1 --no-env -- true
check "--no-env ignores GITHUB_SHA" test "$(latest_json | json_get 'j["run"]["commit"]')" = None
GITHUB_SHA=$'bad\nsha' run "$BENCHDB" --db "$DB" record --runs 1 -- true
check_rc "a GITHUB_SHA that is not one line is a usage error" 2
check_err "record names the variable" 'record: $GITHUB_SHA: contains a control character'

# A first run far slower than the rest (a cache it fills): suggest --warmup.
# The first sleeps 3 s, the rest 0.2 s: a loaded machine (CI) spreads the
# quick runs over tens of ms, and the warning needs 14 robust sd and half
# again the median; runs of a few ms (no sleep) gave it to the first
# measured run after --warmup 1 under load, and a 1 s first run missed it
# once at a load of 8 (atk16).
printf '#!/bin/sh\nif [ ! -e "$1" ]; then touch "$1"; sleep 3; else sleep 0.2; fi\n' >"$WORK/slow-first.sh"
chmod +x "$WORK/slow-first.sh"
run "$BENCHDB" --db "$DB" record --runs 6 -- "$WORK/slow-first.sh" "$WORK/filled"
check_rc "a slow first run is stored as any other" 0
check_err "record suggests --warmup 1" "the first 1 run was much slower than the rest (caches filled by it?): consider --warmup 1"
rm -f "$WORK/filled"
run "$BENCHDB" --db "$DB" record --runs 6 --warmup 1 -- "$WORK/slow-first.sh" "$WORK/filled"
check "with --warmup 1 it does not" test "$(grep -c 'consider --warmup' "$ERR")" -eq 0
# With --warmup 1 and the first measured run (the second run) slow, it
# said "consider --warmup 1", the count given: it names one more, 2.
printf '#!/bin/sh\necho x >>"$1"\nif [ "$(wc -l <"$1")" -eq 2 ]; then sleep 3; else sleep 0.2; fi\n' >"$WORK/slow-second.sh"
chmod +x "$WORK/slow-second.sh"
run "$BENCHDB" --db "$DB" record --runs 6 --warmup 1 -- "$WORK/slow-second.sh" "$WORK/count"
check_err "with --warmup 1 it suggests --warmup 2" \
	"the first 1 run was much slower than the rest (caches filled by it?): consider --warmup 2"

# --timestamp sets the run's time; --replace a rerun under the same --id.
run "$BENCHDB" --db "$DB" record --runs 1 --id rec-t --timestamp 2026-01-02T03:04:05Z -- true
check "--timestamp is the run's time" \
	test "$("$BENCHDB" --db "$DB" export --format json rec-t | json_get 'j["run"]["timestamp"]')" = 2026-01-02T03:04:05Z
run "$BENCHDB" --db "$DB" record --runs 1 --id rec-t --timestamp 2026-01-02T03:04:05Z -- true
check_rc "the same --id again, timings differing, is refused" 3
run "$BENCHDB" --db "$DB" record --runs 1 --id rec-t --timestamp 2026-01-02T03:04:05Z --replace -- true
check_rc "--replace replaces it" 0
check_out "and says so" "Replaced run rec-t"

# The verdict against baseline main, when it has the point. The baseline
# is ingested, not measured: a recorded `sleep 0.01` took a median of 155.5
# ms in the ASan build of a fresh clone at a load of 10, and `sleep 0.2`
# was then not slower in every run (mwu p 0.095, unchanged).
VDB=$WORK/verdict-db
printf '{"id": "nap-base", "timestamp": "2026-01-01T00:00:00Z", "points": [
 {"name": "nap", "metrics": {"wall": {"value": 0.001, "unit": "s", "samples": [0.001, 0.001, 0.001, 0.001, 0.001]}}}]}\n' \
	>"$WORK/nap-base.json"
"$BENCHDB" --db "$VDB" ingest "$WORK/nap-base.json" >/dev/null
run "$BENCHDB" --db "$VDB" record --name nap --runs 5 -- sleep 0.2
check "no baseline main: no verdict" test "$(grep -c 'Against baseline' "$OUT")" -eq 0
"$BENCHDB" --db "$VDB" baseline set main nap-base >/dev/null
run "$BENCHDB" --db "$VDB" record --name nap --runs 5 -- sleep 0.2
check_out "5 samples: judged with mwu against baseline main" "Against baseline main (mwu):"
check "sleeping 0.2 s (every run slower than the baseline's 1 ms) is a regression of wall" \
	test "$(grep -c '^nap  *wall .* regression' "$OUT")" -eq 1
run "$BENCHDB" --db "$VDB" record --name nap --runs 3 -- sleep 0.01
check_out "fewer samples: judged by percent" "Against baseline main (percent):"
run "$BENCHDB" --db "$VDB" record --name other --runs 5 -- sleep 0.01
check "a point the baseline does not have: no verdict" test "$(grep -c 'Against baseline' "$OUT")" -eq 0
run "$BENCHDB" --db "$VDB" record --runs 1 --baseline nope -- true
check_err "a missing --baseline is said" "no baseline 'nope': no verdict"

# 7. --shell and option errors.
run "$BENCHDB" --db "$DB" record --runs 1 --shell -- 'true && exit 0'
check_rc "--shell runs the command with /bin/sh -c" 0
run "$BENCHDB" --db "$DB" record --runs 2 --min-time 1 -- true
check_rc "--runs and --min-time exclude each other" 2
run "$BENCHDB" --db "$DB" record --runs 0 -- true
check_rc "--runs 0 is a usage error" 2
check_err "it says what is expected" "--runs: expected a whole number from 1 to 1000000, got '0'"
run "$BENCHDB" --db "$DB" record --runs 2
check_rc "no command is a usage error" 2
run "$BENCHDB" --db "$DB" --json record -- true
check_rc "--json is refused" 2
# An empty --id was found out when the run was stored, after every run
# (exit 3): refused before the command runs.
run "$BENCHDB" --db "$DB" record --runs 2 --id '' -- touch "$WORK/empty-id-ran"
check_rc "an empty --id is a usage error" 2
check_err "it says so" "record: --id: expected a run id, got an empty one"
check "the command never ran" test ! -e "$WORK/empty-id-ran"
run "$BENCHDB" --db "$DB" ingest --id '' "$ROOT/examples/history/gbench-v1.json"
check_rc "ingest's empty --id likewise (it was exit 3)" 2
run "$BENCHDB" --db "$DB" record --min-time 0.05 -- true
check_rc "--min-time measures until the time is spent" 0
check "--min-time makes at least 3 runs" test "$(latest_json | json_get 'len(j["observations"][0]["samples"]) >= 3')" = True

# 8. --output FILE with {out}: the command's results, read by their adapter.
run "$BENCHDB" --db "$DB" record --runs 2 --id rec-out --output "$WORK/gb.json" -- \
	cp "$FIXTURES/gbench_plain.json" '{out}'
check_rc "--output reads the file the command wrote" 0
check_out "it stores the file's points (9, aggregates merged) and the timing point" "Stored run rec-out (10 points, 31 metrics)"
"$BENCHDB" --db "$DB" export --format json rec-out >"$WORK/out.json"
check "the file's points are stored beside the timing point" \
	test "$(json_get 'len({o["point"] for o in j["observations"]}) > 1 and any(o["point"].startswith("cp ") and o["metric"] == "wall" for o in j["observations"])' <"$WORK/out.json")" = True
check "with record's environment" \
	test "$(json_get '"cpu_cores" in j["run"]["environment"]' <"$WORK/out.json")" = True
run "$BENCHDB" --db "$DB" record --runs 1 --output "$WORK/gb.json" -- \
	cp "$FIXTURES/gbench_plain.json" '{out}'
check_rc "recording the same results again stores another run" 0
check_out "under record's own id (not the adapter's hash of the file)" "Stored run record-"
# FILE left from before that no run wrote (CMD does not use {out}, or did not
# write it and exited 0): its results were stored as this record's.
before=$(runs_stored)
run "$BENCHDB" --db "$DB" record --runs 1 --output "$WORK/gb.json" -- true
check_rc "an --output FILE no run wrote is an input error" 3
check_err "it says so" "record: --output $WORK/gb.json: no run wrote it (it is as it was before the runs; does CMD write {out}?); nothing stored"
check "it stored nothing" test "$(runs_stored)" = "$before"
# A directory as --output FILE was measured, then said to be "no run wrote
# it" (exit 3): refused before the command runs.
mkdir -p "$WORK/outdir"
run "$BENCHDB" --db "$DB" record --runs 1 --output "$WORK/outdir" -- touch "$WORK/outdir-ran"
check_rc "an --output that is a directory is a usage error" 2
check_err "it says it is a directory" "record: --output $WORK/outdir: is a directory (expected the file CMD writes)"
check "the command never ran" test ! -e "$WORK/outdir-ran"

# 9. --format gbench: a real Google Benchmark program's standard output.
if ! [ -e /usr/include/benchmark/benchmark.h ]; then
	fail "Google Benchmark is installed" "no /usr/include/benchmark/benchmark.h (make deps installs libbenchmark-dev)"
elif command -v g++ >/dev/null; then
	cat >"$WORK/bm.cc" <<'EOF'
#include <benchmark/benchmark.h>
static void BM_sum(benchmark::State &state)
{
	for (auto _ : state) {
		long s = 0;
		for (long i = 0; i < state.range(0); i++)
			benchmark::DoNotOptimize(s += i);
	}
}
BENCHMARK(BM_sum)->Arg(64)->Arg(512);
BENCHMARK_MAIN();
EOF
	if g++ -O1 "$WORK/bm.cc" -o "$WORK/bm" -lbenchmark -lpthread 2>"$ERR"; then
		run "$BENCHDB" --db "$DB" record --format gbench --tag suite=sum -- \
			"$WORK/bm" --benchmark_format=json --benchmark_min_time=0.01
		check_rc "--format gbench stores the program's results" 0
		latest_json >"$WORK/gb-run.json"
		check "the run is record's: its id and the latest time" \
			test "$(json_get 'j["run"]["id"].startswith("record-")' <"$WORK/gb-run.json")" = True
		check "its points BM_sum/64 and BM_sum/512, with --tag" \
			test "$(json_get 'sorted({o["point"] for o in j["observations"] if o["point"].startswith("BM_sum") and o["tags"].get("suite") == "sum"})' <"$WORK/gb-run.json")" = \
			"['BM_sum/512', 'BM_sum/64']"
		check "and record's timing point of the program" \
			test "$(json_get 'any(o["metric"] == "wall" and o["point"].endswith("--benchmark_min_time=0.01") for o in j["observations"])' <"$WORK/gb-run.json")" = True
		check "and record's environment" \
			test "$(json_get '"cpu_model" in j["run"]["environment"] and "load_after" in j["run"]["environment"]' <"$WORK/gb-run.json")" = True
	else
		fail "the Google Benchmark program builds" "g++ failed"
	fi
fi
run "$BENCHDB" --db "$DB" record --format gbench -- echo 'not json'
check_rc "output the adapter cannot read is an input error" 3

# A command that leaves a process behind (a daemon) holding its standard
# output: record read the pipe to its end and waited as long as the daemon
# lived (timeout ended it: exit 124). The command's output is read once it
# exits; the daemon is left alone.
GB='{"benchmarks": [{"name": "BM_x", "run_type": "iteration", "iterations": 1, "real_time": 5, "cpu_time": 5, "time_unit": "ns"}]}'
run timeout 20 "$BENCHDB" --db "$DB" record --format gbench --name daemon -- \
	sh -c "echo '$GB'; sleep 41 & echo \$! >'$WORK/daemon.pid'"
check_rc "a command that leaves a daemon holding its output is measured and stored" 0
check_out "its output before it exited is read" "Stored run record-"
check "BM_x is stored" test "$(latest_json | json_get 'sorted({o["point"] for o in j["observations"]})')" = "['BM_x', 'daemon']"
check "the daemon was left running" kill -0 "$(cat "$WORK/daemon.pid")"
kill "$(cat "$WORK/daemon.pid")" 2>/dev/null
# Output a command writes after closing its standard output early: none is
# lost, and record waits for the command itself.
run "$BENCHDB" --db "$DB" record --format gbench --name closes -- \
	sh -c "echo '$GB'; exec >&-; sleep 0.2"
check_rc "a command that closes its standard output early is stored" 0
check "its results are read" test "$(latest_json | json_get 'sorted({o["point"] for o in j["observations"]})')" = "['BM_x', 'closes']"

# The exit codes docs/cli.md lists for a run that fails: 126 for a file that
# is not executable, 128 + N for a command killed by signal N.
printf 'echo hi\n' >"$WORK/not-executable"
chmod 644 "$WORK/not-executable"
run "$BENCHDB" --db "$DB" record --runs 1 -- "$WORK/not-executable"
check_rc "a command that is not executable exits 126" 126
check_err "it says why" "Permission denied"
run "$BENCHDB" --db "$DB" record --runs 1 -- sh -c 'kill -9 $$'
check_rc "a command killed by SIGKILL (9) exits 137" 137
check_err "it says which signal" "died of signal 9 in run 1; nothing stored"

# hyperfine's short options: -w, -r, -n, -i.
run "$BENCHDB" --db "$DB" record -w 1 -r 3 -n short-opts -i -- sh -c 'exit 1'
check_rc "record -w 1 -r 3 -n NAME -i exits 0 (was: unknown option '-w')" 0
check_out "-r 3 measured 3 runs, -i kept the failing ones" "3 runs (3 failed)"
check_out "-n named the point" "Benchmark: short-opts"

# hyperfine's habit: the command line as one argument.
run "$BENCHDB" --db "$DB" record --runs 1 'sleep 0.01'
check_rc "record 'sleep 0.01' exits 127 (no such program)" 127
check_err "and says how to give the command" \
	"(a command line in one argument names no program: give its words apart, after --, or add --shell)"
run "$BENCHDB" --db "$DB" record --runs 1 ./no-such-program
check "a missing program without blanks gets no such hint" \
	sh -c "! grep -q 'one argument' '$ERR'"

finish
