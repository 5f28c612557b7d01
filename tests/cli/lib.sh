# tests/cli/lib.sh - a tiny harness for CLI tests that run the real binary.
#
# Source it from a tests/cli/*.sh script, call the check functions, then
# `finish`. It prints cmocka's summary lines so tests/run.sh counts the cases:
#   [  PASSED  ] N test(s).
#   [  FAILED  ] N test(s), listed below:
#
# BENCHDB is the binary under test (set by tests/run.sh).

set -u
: "${BENCHDB:?BENCHDB must point at the benchdb binary}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FIXTURES=$ROOT/tests/fixtures
WORK=$(mktemp -d "${TMPDIR:-/tmp}/benchdb-cli.XXXXXX") ||
	{ echo "cannot make a work directory under ${TMPDIR:-/tmp}" >&2; exit 1; }
trap 'rm -rf "$WORK"' EXIT
export NO_COLOR=1
unset BENCHDB_DIR
# The CI environment a test may run in must not give runs a commit or branch.
unset GITHUB_SHA GITHUB_HEAD_REF GITHUB_REF_NAME GITHUB_BASE_REF GITHUB_EVENT_PATH GITHUB_REPOSITORY \
	CI_COMMIT_SHA CI_COMMIT_REF_NAME CI_MERGE_REQUEST_SOURCE_PROJECT_PATH CI_MERGE_REQUEST_PROJECT_PATH \
	BUILDKITE_COMMIT BUILDKITE_BRANCH CIRCLE_SHA1 CIRCLE_BRANCH GIT_COMMIT GIT_BRANCH
export HOME=$WORK/home
mkdir -p "$HOME"

# AS_USER: the prefix that runs a command as a user whom file permissions
# bind. Root ignores them, so as root it is nobody through setpriv; without
# setpriv it is (none): a read-only case cannot be made.
AS_USER=()
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null; then
		AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	else
		AS_USER=(none)
	fi
fi

_pass=0
_fail=0
_failed=()
OUT=$WORK/out
ERR=$WORK/err
RC=0

# run CMD...: runs it with stdin from /dev/null, keeping stdout in $OUT,
# stderr in $ERR and the exit code in $RC.
run() {
	"$@" <"${STDIN:-/dev/null}" >"$OUT" 2>"$ERR"
	RC=$?
}

pass() { _pass=$((_pass + 1)); echo "[       OK ] $1"; }
fail() {
	_fail=$((_fail + 1))
	_failed+=("$1")
	echo "[  FAILED  ] $1: $2"
	echo "--- stdout:"; head -c 2000 "$OUT"; echo "--- stderr:"; head -c 2000 "$ERR"
}

# browser_packages: the script ends here, failed, unless chromium,
# chromium-driver and python3-selenium (make deps) are installed.
browser_packages() {
	local missing=""
	command -v chromium >/dev/null || missing="$missing chromium"
	[ -x /usr/bin/chromedriver ] || missing="$missing chromium-driver"
	/usr/bin/python3 -c 'import selenium' 2>/dev/null || missing="$missing python3-selenium"
	if [ -n "$missing" ]; then
		fail "the browser test's packages are installed" "missing:$missing (make deps installs them)"
		finish
	fi
}

# browser_results FILE RC: the checks a WebDriver script of tests/browser
# printed to FILE ("PASS name" / "FAIL name :: why", browser_lib.py), each
# counted as "browser: name", and its exit code RC (0 expected; else the
# head of its stderr, FILE.err).
browser_results() {
	local line name
	while IFS= read -r line; do
		case $line in
		"PASS "*) pass "browser: ${line#PASS }" ;;
		"FAIL "*) name=${line#FAIL }; fail "browser: ${name%% :: *}" "${name#* :: }" ;;
		esac
	done <"$1"
	check "browser: the WebDriver script exited 0 (exit $2)" [ "$2" = 0 ]
	[ "$2" = 0 ] || head -c 3000 "$1.err"
}

# check_rc NAME EXPECTED: the last run's exit code.
check_rc() {
	if [ "$RC" -eq "$2" ]; then pass "$1"; else fail "$1" "exit code $RC, expected $2"; fi
}

# check_out NAME TEXT: stdout contains TEXT (fixed string).
check_out() {
	if grep -qF -- "$2" "$OUT"; then pass "$1"; else fail "$1" "stdout lacks: $2"; fi
}

# check_err NAME TEXT: stderr contains TEXT.
check_err() {
	if grep -qF -- "$2" "$ERR"; then pass "$1"; else fail "$1" "stderr lacks: $2"; fi
}

# check_out_exact NAME FILE-OR-STRING: stdout is exactly the expected text.
check_out_exact() {
	if [ "$(cat "$OUT")" = "$2" ]; then
		pass "$1"
	else
		fail "$1" "stdout differs"
		diff <(printf '%s\n' "$2") "$OUT" | head -40
	fi
}

# check NAME COMMAND...: a shell condition.
check() {
	local name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "condition failed: $*"; fi
}

# ingest_history DB [BRANCH...]: stores examples/history/gbench-v1..v5.json
# in DB as runs v1..v5 (commit c1..c5, 2026-11-1N 02:00 UTC), on the given
# branches in turn (default main).
ingest_history() {
	local db=$1 v
	shift
	local branches=("${@:-main}")
	for v in 1 2 3 4 5; do
		"$BENCHDB" --db "$db" ingest --id "v$v" --commit "c$v" \
			--branch "${branches[(v - 1) % ${#branches[@]}]}" \
			--timestamp "2026-11-1${v}T02:00:00Z" "$ROOT/examples/history/gbench-v$v.json" \
			>/dev/null
	done
}

# ingest_january DB: the history of the retention tests: examples/history's
# gbench-v1..v3 as 18 nightly runs r1..r18 (commit c1..c18) over January
# 2025, two on main and one on feature every four days from the 6th, 02:00 UTC.
ingest_january() {
	local db=$1 i=0 w v br
	for w in 0 1 2 3 4 5; do
		for v in 1 2 3; do
			i=$((i + 1))
			br=main
			[ "$v" = 3 ] && br=feature
			"$BENCHDB" --db "$db" ingest --id "r$i" --commit "c$i" --branch "$br" \
				--timestamp "2025-01-$(printf %02d $((6 + w * 4 + v - 1)))T02:00:00Z" \
				"$ROOT/examples/history/gbench-v$v.json" >/dev/null
		done
	done
}

# kill_at_each_write FROM RUNS ARGS...: `benchdb --db COPY ARGS...` on a fresh
# copy of store FROM, killed at each of its disk writes in turn
# (tests/fault/fault.c, FAULT_KILL; the commit's last write is the last one
# counted, so every kill must leave the store as it was); after each, verify
# must pass and `show runs as csv` must be the bytes of file RUNS. Sets
# WRITES (the writes of a whole run), KILLED (the runs that died of SIGKILL)
# and BAD (the failed checks); the last copy stays in $WORK/kill-copy.
kill_at_each_write() {
	local from=$1 runs=$2 at copy=$WORK/kill-copy
	shift 2
	local shim=$ROOT/${BENCHDB_BUILD:-build}/tools/libfault.so
	# A sanitized benchdb takes the shim after its own runtime (as test_faults.sh).
	local asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
	rm -rf "$copy" "$WORK/kill-trace"
	cp -r "$from" "$copy"
	ASAN_OPTIONS=$asan FAULT_TRACE=$WORK/kill-trace LD_PRELOAD=$shim \
		"$BENCHDB" --db "$copy" "$@" >/dev/null 2>&1
	WRITES=$(wc -l <"$WORK/kill-trace")
	KILLED=0
	BAD=0
	for at in $(seq 1 "$WRITES"); do
		rm -rf "$copy"
		cp -r "$from" "$copy"
		ASAN_OPTIONS=$asan FAULT_KILL=1 FAULT_AT=$at LD_PRELOAD=$shim \
			"$BENCHDB" --db "$copy" "$@" >/dev/null 2>&1 &
		wait $! 2>/dev/null # (the shell's "Killed" note to /dev/null)
		[ $? -eq 137 ] && KILLED=$((KILLED + 1))
		"$BENCHDB" --db "$copy" verify >/dev/null 2>&1 || BAD=$((BAD + 1))
		"$BENCHDB" --db "$copy" -c 'show runs as csv' 2>&1 | cmp -s - "$runs" ||
			BAD=$((BAD + 1))
	done
}

# runs_snapshot DB: the runs list of store DB and the JSON export of every
# run, what a user reads back: equal before and after means nothing was lost.
runs_snapshot() {
	"$BENCHDB" --db "$1" -c 'show runs as csv'
	local id
	for id in $("$BENCHDB" --db "$1" -c 'show runs as csv' | tail -n +2 | cut -d, -f1); do
		echo "== $id"
		"$BENCHDB" --db "$1" export --format json "$id"
	done
}

# hold_lock PATH: a process that holds flock(PATH) until killed (the lock
# on fd 9 of a sleep that replaced its shell, so that killing that one
# process releases it); its pid in HOLDER, returned once the lock is held.
hold_lock() {
	local i
	bash -c 'exec 9<"$1" && flock 9 && exec sleep 30' _ "$1" &
	HOLDER=$!
	for i in $(seq 50); do
		flock -n "$1" true || break
		sleep 0.1
	done
}

finish() {
	echo "[==========] $((_pass + _fail)) test(s) run."
	echo "[  PASSED  ] $_pass test(s)."
	if [ "$_fail" -ne 0 ]; then
		echo "[  FAILED  ] $_fail test(s), listed below:"
		for f in "${_failed[@]}"; do echo "[  FAILED  ] $f"; done
		exit 1
	fi
	exit 0
}
