#!/usr/bin/env bash
# tests/run.sh - runs every test suite of one or more build directories and
# prints, last, one line "N passed, N failed".
#
#   BUILD=build tests/run.sh            the suites of $BUILD
#   tests/run.sh --summary-of DIR...    the suites of each DIR, one total
#
# CLI_ONLY=1 runs only the CLI scripts; BENCHDB_OVERRIDE=PATH runs them
# against PATH instead of DIR/benchdb (make valgrind passes a wrapper).
#
# A suite is a cmocka binary in DIR/tests/ or a script in tests/cli/*.sh
# (run with BENCHDB=DIR/benchdb). Suites print cmocka's summary lines
# ("[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)"); a suite that dies
# without them counts as one failure.
set -u
cd "$(dirname "$0")/.."

dirs=()
if [ "${1:-}" = "--summary-of" ]; then
	shift
	dirs=("$@")
else
	dirs=("${BUILD:-build}")
fi

total_pass=0
total_fail=0
failed_suites=()

run_suite() { # name, command...
	local name=$1
	shift
	local log
	log=$(mktemp) || { echo "run.sh: cannot make a temporary file" >&2; exit 1; }
	"$@" >"$log" 2>&1
	local rc=$?
	local pass fail
	pass=$(grep -aE '^\[  PASSED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
	fail=$(grep -aE '^\[  FAILED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
		fail=1 # died without reporting a failure: count it
	fi
	if [ "$fail" -ne 0 ] || [ "${VERBOSE:-0}" = 1 ]; then
		cat "$log"
	fi
	printf '%-40s %5d passed, %d failed\n' "$name" "$pass" "$fail"
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	[ "$fail" -ne 0 ] && failed_suites+=("$name")
	rm -f "$log"
}

for dir in "${dirs[@]}"; do
	echo "== tests in $dir"
	san=0
	case "$dir" in *asan*) san=1 ;; esac
	for t in "$dir"/tests/test_*; do
		[ -x "$t" ] || continue
		[ "${CLI_ONLY:-0}" = 1 ] && continue
		run_suite "$dir/$(basename "$t")" env BENCHDB_BUILD="$dir" BENCHDB_SANITIZED=$san "$t"
	done
	for s in tests/cli/*.sh; do
		[ -f "$s" ] || continue
		case "$(basename "$s")" in lib.sh | *_lib.sh) continue ;; esac
		run_suite "$dir/cli/$(basename "$s" .sh)" env BENCHDB="${BENCHDB_OVERRIDE:-$PWD/$dir/benchdb}" \
			BENCHDB_BUILD="$dir" BENCHDB_SANITIZED=$san bash "$s"
	done
done

if [ ${#failed_suites[@]} -ne 0 ]; then
	echo "failing suites: ${failed_suites[*]}"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
