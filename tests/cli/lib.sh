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
unset GITHUB_SHA GITHUB_HEAD_REF GITHUB_REF_NAME CI_COMMIT_SHA CI_COMMIT_REF_NAME \
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
