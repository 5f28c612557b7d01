#!/usr/bin/env bash
# tests/cli/test_changes_newest.sh - `changes` notes the newest runs of a
# series that lie beyond its threshold when they are too few to be a change
# point yet (found by atk33: `changes real_time of "BM_sort/1024"` on the
# demo store, whose newest run is x8, answered an empty table and nothing
# else).
#
# History: 40 daily rows of an Otava CSV; ta repeats 100 101 99 100.5 99.5
# and its newest rows are replaced. The numbers the notes must give, by
# hand from docs/detection.md's definitions over the 30 runs before:
#   level  = their median = 100 (six each of 99, 99.5, 100, 100.5, 101);
#   noise  = the larger of 1.4826 MAD(run-to-run differences) / sqrt(2)
#            (differences 1 -2 1.5 -1 0.5 ..., median 0.5, MAD 1: 1.048)
#            and 1.4826 MAD around the level (0.5: 0.741): 1.048;
#   threshold = max(2 x 1.048, 2 % of 100) = 2.097;
#   newest 130: +30.0 %; newest 130, 132: their mean 131, +31.0 %;
#   newest 101.5: within the threshold, no note.
. "$(dirname "$0")/lib.sh"

# history FILE TA-TAIL...: the CSV, its newest rows' ta replaced.
history() {
	local out=$1
	shift
	awk -v tail="$*" 'BEGIN {
		split("100 101 99 100.5 99.5", p, " "); n = split(tail, t, " ")
		print "time,commit,ta"
		for (i = 0; i < 40; i++)
			printf "%d,c%04d,%s\n", 1767225600 + i * 86400, i,
			       i < 40 - n ? p[i % 5 + 1] : t[i - (40 - n) + 1]
	}' >"$out"
}

# store NAME TAIL...: a store of that history, test name "s".
store() {
	local name=$1
	shift
	history "$WORK/s.csv" "$@"
	"$BENCHDB" --db "$WORK/$name" import-otava "$WORK/s.csv" >/dev/null 2>&1
	NEWEST=$("$BENCHDB" --db "$WORK/$name" --format csv -c 'show runs last 2' | sed -n 2p | cut -d, -f1)
	SECOND=$("$BENCHDB" --db "$WORK/$name" --format csv -c 'show runs last 2' | sed -n 3p | cut -d, -f1)
}

store one 130
run "$BENCHDB" --db "$WORK/one" -c 'changes ta'
check_rc "one newest run beyond: exit 0" 0
check_out "one newest run beyond: the note names it, with its change" \
	"the newest run of s ta, $NEWEST, is +30.0% from the level of the runs before it, beyond the threshold (2 x noise, 2% of the level): one run on a new level is no change point yet; \`regressions\` judges the newest run"
check_out "one newest run beyond: the table is still empty" "(no rows)"
run "$BENCHDB" --db "$WORK/one" --json -c 'changes ta'
check "one newest run beyond: JSON's rows are empty" grep -q '"rows": \[\]' "$OUT"
# JSON carries the note in "notes" (it had none before atk57: a script saw
# an empty answer without why).
check "one newest run beyond: JSON has the note in \"notes\"" \
	grep -qF '"rows": [], "notes": ["the newest run of s ta, '"$NEWEST"', is +30.0% from the level' "$OUT"
run "$BENCHDB" --db "$WORK/one" -c 'changes ta kind drift'
check "kind drift: no note of the newest run" bash -c "! grep -q 'newest' '$OUT'"
run "$BENCHDB" --db "$WORK/one" -c 'changes ta using edivisive'
check "edivisive: no note of the newest run (the robust default's)" \
	bash -c "! grep -q 'newest' '$OUT'"

store two 130 132
run "$BENCHDB" --db "$WORK/two" -c 'changes ta'
check_out "two newest runs beyond: one note from the first of them" \
	"the newest 2 runs of s ta, from $SECOND, are +31.0% from the level of the runs before them, beyond the threshold (2 x noise, 2% of the level): too few runs on a new level for a change point yet"

store three 130 131 132
run "$BENCHDB" --db "$WORK/three" -c 'changes ta'
check_out "three newest runs beyond: a step, +31.0%" "+31.0%"
check "three newest runs beyond: no note" bash -c "! grep -q 'newest' '$OUT'"

store within 101.5
run "$BENCHDB" --db "$WORK/within" -c 'changes ta'
check "a newest run within the threshold: no note" bash -c "! grep -q 'newest' '$OUT'"

# Two series of ta end beyond (tests s and u in one store): one note counts
# them and names the larger change, u's 40 against 100, -60.0%.
history "$WORK/s.csv" 130
history "$WORK/u.csv" 40
"$BENCHDB" --db "$WORK/both" import-otava --test s "$WORK/s.csv" >/dev/null 2>&1
"$BENCHDB" --db "$WORK/both" import-otava --test u "$WORK/u.csv" >/dev/null 2>&1
U_NEWEST=$("$BENCHDB" --db "$WORK/both" --format csv -c 'trend ta of "u" last 1' | sed -n 2p |
	cut -d, -f3)
run "$BENCHDB" --db "$WORK/both" -c 'changes ta'
check_out "two series beyond: one note, the larger named" \
	"2 series end in 1 or 2 runs beyond their threshold (2 x noise, 2% of the level) from the level of the runs before, too few for a change point yet (the largest: u ta, -60.0% from $U_NEWEST); \`regressions\` judges the newest run"
run "$BENCHDB" --db "$WORK/both" -c 'changes ta by series'
check_out "by series: the same note" "2 series end in 1 or 2 runs beyond"
run "$BENCHDB" --db "$WORK/both" -c 'changes ta of "s"'
check_out "one of them selected: its own note" "the newest run of s ta, "

finish
