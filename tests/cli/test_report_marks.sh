#!/usr/bin/env bash
# tests/cli/test_report_marks.sh - the report's chart marks agree with its
# "Change points, by commit" table (`changes METRIC since T` over the
# newest 30 runs, or --since) on the runs that table covers
# (docs/report.md "Marked on the charts").
#
# The histories are real (tests/realdata/gab, github-action-benchmark
# data.js). Each chart marked what its own detection over its whole
# history found, one series at a time, while `changes` over the window
# finds its change points over the window's runs and places a step that
# several series share at one run for all of them (docs/detection.md
# "Joint placement"). So moov-io's chart of BenchmarkBuildFile marked a
# +2.4% step at c5db064fa7, a run of the window, where the table (and
# `changes time since T by series`) has none; and kurkle/color's step at
# 982a6e71ea, which the table has in 7 series, was marked on 2 charts.
# The expected marks are `changes`' answers over the window: its steps and
# excursions with a change in percent (a step from 0 has none; a drift is
# no change at one run).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
REAL=$ROOT/tests/realdata

# marked FILE: the report's "Marked on the charts" table, a line per
# change: "COMMIT<TAB>SERIES" (SERIES as the page labels it, "point
# [tags] metric").
marked() {
	python3 - "$1" <<'PY'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.find('<div id="changes">')
t = s[i:s.find("</table>", i)] if i >= 0 else ""
for row in re.findall(r"<tr><td>(.*?)</tr>", t, re.S):
    cells = re.findall(r"(?:^|<td[^>]*>)(.*?)</td>", row, re.S)
    commit = re.search(r'title="([0-9a-f]+)"', cells[0])
    commit = commit.group(1)[:10] if commit else html.unescape(re.sub("<[^>]+>", "", cells[0]))
    for a in re.findall(r"<bdi[^>]*>(.*?)</bdi>", cells[-1], re.S):
        print(commit + "\t" + html.unescape(a))
PY
}

# expected DB METRIC SINCE: `changes METRIC since SINCE by series`' steps
# and excursions as "COMMIT<TAB>point [tags] metric" (what a chart marks:
# a drift is no change at one run).
expected() {
	"$BENCHDB" --db "$1" -c "changes $2 since $3 by series as csv" 2>/dev/null | python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    if r["kind"] in ("step", "excursion") and r["change_pct"]:
        tags = " [" + r["tags"] + "]" if r["tags"] not in ("", "-") else ""
        print(r["commit"][:10] + "\t" + r["point"] + tags + " " + r["metric"])
'
}

# window DB: the report's window, the time of the oldest of the newest 30 runs.
window() {
	"$BENCHDB" --db "$1" -c "show runs last 30 as csv" | tail -n 1 | python3 -c '
import csv, sys
print(list(csv.reader(sys.stdin))[0][1])'
}

MOOV=$WORK/moov
"$BENCHDB" --db "$MOOV" import-gab "$REAL/gab/moov-io__benchmarks.data.js" >/dev/null 2>&1
run "$BENCHDB" --db "$MOOV" report -o "$WORK/moov.html"
check_rc "report of moov-io" 0
grep -q 'Since 2024-11-03T12:20:34Z: <code>changes METRIC since 2024-11-03T12:20:34Z</code>' \
	"$WORK/moov.html" && pass "moov-io: the window starts at the oldest of the newest 30 runs" ||
	fail "moov-io: the window" "no 'Since 2024-11-03T12:20:34Z' in the page"
marked "$WORK/moov.html" >"$WORK/moov.marked"
check "moov-io: BenchmarkBuildFile's chart marks no step at c5db064fa7, as the table" \
	bash -c "! grep -qF $'c5db064fa7\tBenchmarkBuildFile [' '$WORK/moov.marked'"
check "moov-io: BenchmarkAlphaFieldLong's +681% step is marked at f4a0e26fe1, as the table" \
	grep -qxF $'f4a0e26fe1\tBenchmarkAlphaFieldLong [suite=moov-io/ach Benchmarks] time' "$WORK/moov.marked"

COLOR=$WORK/color
"$BENCHDB" --db "$COLOR" import-gab "$REAL/gab/kurkle__color.data.js" >/dev/null 2>&1
run "$BENCHDB" --db "$COLOR" report -o "$WORK/color.html"
check_rc "report of kurkle/color" 0
marked "$WORK/color.html" >"$WORK/color.marked"
check "color: map's +965% step is marked at 982a6e71ea, as the table" \
	grep -qxF $'982a6e71ea\tmap [suite=HEX parsing] throughput' "$WORK/color.marked"
check "color: 982a6e71ea marks the 7 series of the table's step there, no other" \
	test "$(grep -c '^982a6e71ea' "$WORK/color.marked")" = 7

# Every mark at a run of the window is a change point of `changes` there,
# and every step or excursion of `changes` there is marked (the Marked
# table lists the newest 20 commits: the window's, in these histories).
for db in "$MOOV" "$COLOR"; do
	since=$(window "$db")
	: >"$WORK/want"
	for m in $("$BENCHDB" --db "$db" -c "show metrics as csv" | tail -n +2 | cut -d, -f1); do
		expected "$db" "$m" "$since" >>"$WORK/want"
	done
	sort -u "$WORK/want" >"$WORK/want.sorted"
	commits=$("$BENCHDB" --db "$db" -c "show runs last 30 as csv" | tail -n +2 | cut -d, -f3 |
		cut -c1-10 | sort -u)
	marked "$WORK/$(basename "$db").html" | grep -F "$commits" | sort -u >"$WORK/got.sorted"
	if diff "$WORK/want.sorted" "$WORK/got.sorted" >"$WORK/diff"; then
		pass "$(basename "$db"): the window's marks are changes' ($(wc -l <"$WORK/want.sorted") change points)"
	else
		fail "$(basename "$db"): the window's marks are changes'" "$(head -20 "$WORK/diff")"
	fi
done

# The notes of the table's `changes` (a series whose newest runs step too
# late for a change point yet, said by `changes` in the terminal) are on
# the page under the table: before, the page dropped them, and a triager
# reading it saw no sign of a step at the newest run that the CLI names.
"$BENCHDB" --db "$COLOR" -c "changes throughput since $(window "$COLOR")" >"$WORK/cli" 2>&1
note=$(grep -m1 'too few for a change point yet' "$WORK/cli")
check "color: changes over the window says 2 series end beyond their threshold" \
	test "${note:0:59}" = "2 series end in 1 or 2 runs beyond their threshold (2 x noi"
check "color: the report says it with the change points' table" \
	grep -qF "<p class=\"muted\">throughput: 2 series end in 1 or 2 runs beyond their threshold" \
	"$WORK/color.html"

# With --since the charts draw the window's runs alone: every mark is one
# of the table's.
run "$BENCHDB" --db "$COLOR" report --since 2025-12-01 -o "$WORK/since.html"
check_rc "report --since of kurkle/color" 0
marked "$WORK/since.html" | sort -u >"$WORK/got.sorted"
: >"$WORK/want"
expected "$COLOR" throughput 2025-12-01 | sort -u >"$WORK/want.sorted"
if diff "$WORK/want.sorted" "$WORK/got.sorted" >"$WORK/diff"; then
	pass "color --since 2025-12-01: the marks are changes' ($(wc -l <"$WORK/want.sorted") change points)"
else
	fail "color --since: the marks are changes'" "$(cat "$WORK/diff")"
fi

# The dashboard's overview (benchdb serve, /api/overview) reads the same
# window: its "changes" (the change points its sparklines mark) on the
# runs from change_groups_since are those of its change_groups' `changes
# METRIC since T`. Before, they were each sparkline's own detection: at
# 982a6e71ea 2 of color's 7 series (docs/serve.md).
for db in "$MOOV" "$COLOR"; do
	name=$(basename "$db")
	start_server "$WORK/$name.log" --db "$db"
	http "$URL/api/overview"
	kill "$PID"
	if [ "$name" = color ]; then
		notes=$(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1])).get("change_groups_notes", [])))' "$OUT")
		check "color: the overview's change_groups_notes carry the groups' note" \
			test "${notes:0:71}" = "throughput: 2 series end in 1 or 2 runs beyond their threshold (2 x noi"
	fi
	since=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["change_groups_since"])' "$OUT")
	python3 - "$OUT" "$since" >"$WORK/got.sorted" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = set()
for c in d["changes"]:
    if c["timestamp"] >= sys.argv[2]:
        for s in c["series"]:
            tags = ",".join(k + "=" + v for k, v in sorted(s["tags"].items()))
            rows.add(c["commit"][:10] + "\t" + s["point"] + (" [" + tags + "]" if tags else "") + " " + s["metric"])
print("\n".join(sorted(rows)))
PY
	: >"$WORK/want"
	for m in $("$BENCHDB" --db "$db" -c "show metrics as csv" | tail -n +2 | cut -d, -f1); do
		expected "$db" "$m" "$since" >>"$WORK/want"
	done
	sort -u "$WORK/want" >"$WORK/want.sorted"
	if [ "$since" = 2025-05-30T08:05:17Z ] || [ "$since" = 2024-11-03T12:20:34Z ]; then
		pass "$name: the overview's window is the report's ($since)"
	else
		fail "$name: the overview's window" "change_groups_since $since"
	fi
	if diff "$WORK/want.sorted" "$WORK/got.sorted" >"$WORK/diff"; then
		pass "$name: the overview marks changes' change points ($(wc -l <"$WORK/want.sorted"))"
	else
		fail "$name: the overview marks changes' change points" "$(head -20 "$WORK/diff")"
	fi
done

finish
