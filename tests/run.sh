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
# TEST_JOBS=N runs N suites at a time (default: one more than the cores).
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

# Suites run TEST_JOBS at a time (default: one more than the cores: the
# REPL's, the server's and the browser's suites mostly wait, on a pty, a
# socket or a browser; on a fresh clone of 2 cores the suites took 6 min 34 s
# three at a time, where make test took 9 min 0 s with them two at a time,
# 2026-12-07); each writes its log to a file of its own and is reported,
# with its seconds, when it ends.
jobs_max=${TEST_JOBS:-$(($(nproc 2>/dev/null || echo 2) + 1))}
[ "$jobs_max" -ge 1 ] 2>/dev/null || jobs_max=1
tmp=$(mktemp -d) || { echo "run.sh: cannot make a temporary directory" >&2; exit 1; }
trap 'rm -rf "$tmp"' EXIT

names=()
cmds=()
add_suite() { # name, command...
	names+=("$1")
	shift
	local q
	printf -v q '%q ' "$@"
	cmds+=("$q")
}

for dir in "${dirs[@]}"; do
	san=0
	case "$dir" in *asan*) san=1 ;; esac
	# The CLI scripts first: they are the long ones, and a long suite
	# started last would run alone at the end.
	for s in tests/cli/*.sh; do
		[ -f "$s" ] || continue
		case "$(basename "$s")" in lib.sh | *_lib.sh) continue ;; esac
		add_suite "$dir/cli/$(basename "$s" .sh)" env BENCHDB="${BENCHDB_OVERRIDE:-$PWD/$dir/benchdb}" \
			BENCHDB_BUILD="$dir" BENCHDB_SANITIZED=$san bash "$s"
	done
	for t in "$dir"/tests/test_*; do
		[ -x "$t" ] || continue
		[ "${CLI_ONLY:-0}" = 1 ] && continue
		add_suite "$dir/$(basename "$t")" env BENCHDB_BUILD="$dir" BENCHDB_SANITIZED=$san "$t"
	done
done
# Longest first, so that no long suite runs alone at the end: the ones
# that took 12 s or more (a fresh clone, 2026-12-07), then the sanitizer build's (about three times
# slower than the normal build's), then the rest.
slow=" test_changelog test_repl test_serve test_changes_persisted test_chunk test_dashboard test_record test_out_of_memory test_changes_ops test_store_crash test_dashboard_links test_dashboard_people "
order=()
for i in "${!names[@]}"; do
	case "$slow" in *" $(basename "${names[$i]}") "*) order+=("$i") ;; esac
done
for i in "${!names[@]}"; do
	case "$slow" in *" $(basename "${names[$i]}") "*) continue ;; esac
	case "${names[$i]}" in *asan*) order+=("$i") ;; esac
done
for i in "${!names[@]}"; do
	case "$slow" in *" $(basename "${names[$i]}") "*) continue ;; esac
	case "${names[$i]}" in *asan*) ;; *) order+=("$i") ;; esac
done

report() { # index
	local i=$1 log="$tmp/$1.log" rc pass fail
	rc=$(cat "$tmp/$i.rc")
	pass=$(grep -aE '^\[  PASSED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
	fail=$(grep -aE '^\[  FAILED  \] [0-9]+ test' "$log" | awk '{s+=$4} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
		fail=1 # died without reporting a failure: count it
	fi
	if [ "$fail" -ne 0 ] || [ "${VERBOSE:-0}" = 1 ]; then
		cat "$log"
	fi
	printf '%-40s %5d passed, %d failed  (%d s)\n' "${names[$i]}" "$pass" "$fail" \
		"$(($(date +%s) - $(cat "$tmp/$i.start")))"
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	[ "$fail" -ne 0 ] && failed_suites+=("${names[$i]}")
}

running=()
reap() { # reports every finished suite; keeps the others in running
	local still=() i
	for i in "${running[@]}"; do
		if [ -e "$tmp/$i.rc" ]; then report "$i"; else still+=("$i"); fi
	done
	running=("${still[@]}")
}

echo "== tests in ${dirs[*]} ($jobs_max at a time)"
for i in "${order[@]}"; do
	while [ "${#running[@]}" -ge "$jobs_max" ]; do
		wait -n 2>/dev/null || true
		reap
	done
	date +%s >"$tmp/$i.start"
	(
		eval "${cmds[$i]}" >"$tmp/$i.log" 2>&1
		echo $? >"$tmp/$i.rc.part" && mv "$tmp/$i.rc.part" "$tmp/$i.rc"
	) &
	running+=("$i")
done
while [ "${#running[@]}" -gt 0 ]; do
	wait -n 2>/dev/null || sleep 0.2
	reap
done

if [ ${#failed_suites[@]} -ne 0 ]; then
	echo "failing suites: ${failed_suites[*]}"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
