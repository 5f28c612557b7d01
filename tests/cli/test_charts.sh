#!/usr/bin/env bash
# Charts: `as svg`, `as html`, `as chart` and `benchdb chart` on a fixed
# store (tests/charts/make-store.sh), byte for byte against the golden files
# in tests/charts/, every SVG and page checked by xmllint, and the XSS name.
# CHARTS_UPDATE=1 rewrites the golden files (review them, and look at them).
source "$(dirname "$0")/lib.sh"
GOLDEN=$ROOT/tests/charts
DB=$WORK/db
"$GOLDEN/make-store.sh" "$WORK/runs"
run "$BENCHDB" --db "$DB" ingest "$WORK"/runs/run-*.json
check_rc "fixed store ingested" 0
run "$BENCHDB" --db "$DB" baseline set main r05
check_rc "baseline main = r05" 0

# golden NAME STATEMENT: the statement's output is tests/charts/NAME.
golden() {
	local name=$1 stmt=$2
	run "$BENCHDB" --db "$DB" -c "$stmt"
	if [ "$RC" -ne 0 ]; then
		fail "$name" "exit code $RC"
		return
	fi
	if [ "${CHARTS_UPDATE:-0}" = 1 ]; then
		cp "$OUT" "$GOLDEN/$name"
	fi
	if cmp -s "$OUT" "$GOLDEN/$name"; then
		pass "$name: byte for byte"
	else
		fail "$name: byte for byte" "differs from tests/charts/$name"
		diff "$GOLDEN/$name" "$OUT" | head -20
	fi
}

# xml_ok NAME FILE [--html]: xmllint finds nothing to say.
xml_ok() {
	local name=$1 file=$2
	shift 2
	if xmllint --noout "$@" "$file" 2>"$WORK/xmllint"; then
		pass "$name"
	else
		fail "$name" "xmllint: $(head -3 "$WORK/xmllint")"
	fi
}

count() { grep -o -- "$1" "$2" | wc -l; }
# lacks REGEX FILE: no line of FILE matches (case-insensitive).
lacks() { ! grep -qiE -- "$1" "$2"; }

# 1. One series: CI band, samples' spread, a change point, the baseline, a gap.
golden trend.svg 'trend time of kernel as svg'
cp "$OUT" "$WORK/trend.svg"
xml_ok "trend.svg is XML" "$WORK/trend.svg"
check "trend.svg: 20 dots, one per run" [ "$(count '<circle class="pt' "$WORK/trend.svg")" = 20 ]
check "trend.svg: the series says 20 runs" grep -q 'data-runs="20" data-drawn="20"' "$WORK/trend.svg"
check "trend.svg: a CI band" grep -q '<path class="band"' "$WORK/trend.svg"
check "trend.svg: the samples' spread" grep -q '<path class="spread"' "$WORK/trend.svg"
check "trend.svg: run 13 is the change point, labelled commit and change" \
	grep -q '>c130a1b +30.1%</text></g>' "$WORK/trend.svg"
check "trend.svg: one baseline ring" [ "$(count '<circle class="base"' "$WORK/trend.svg")" = 1 ]
check "trend.svg: the 8 runs from r13 on are regressed (30% slower than r05)" \
	[ "$(count '<circle class="pt reg"' "$WORK/trend.svg")" = 8 ]
check "trend.svg: a dot's title names run, commit, time and value" \
	grep -qF '<title>run r13, commit c130a1b2c3d4e, 2026-03-23T02:00:00Z: 1.303 µs (CI 1.283 to 1.323 µs) (samples 1.273 to 1.328 µs), regressed, change point +30.1%</title>' "$WORK/trend.svg"
# The 10-day gap after run 8 breaks the line: two pieces (two moves).
check "trend.svg: the gap breaks the line" \
	[ "$(grep -o '<path class="line"[^>]*' "$WORK/trend.svg" | grep -o M | wc -l)" = 2 ]
check "trend.svg: y ticks in µs" grep -q 'time · kernel (µs)' "$WORK/trend.svg"

# 2. A log scale over six decades, in seconds.
golden log.svg 'trend time of spread as svg log'
cp "$OUT" "$WORK/log.svg"
xml_ok "log.svg is XML" "$WORK/log.svg"
check "log.svg: ticks at powers of ten, 1e-06 s to 10 s" \
	[ "$(count 'class="ytick"' "$WORK/log.svg")" = 8 ]
check "log.svg: titled log scale" grep -q '(s), log scale</text>' "$WORK/log.svg"
check "trend.svg: a dot's title in the unit of its own value, as the tables (999 ns on an axis in µs)" \
	grep -qF '2026-03-01T02:00:00Z: 999 ns (CI 979 to 1019 ns) (samples 969 to 1024 ns)</title>' "$WORK/trend.svg"
check "log.svg: a dot's title in the unit of its own value (2 µs on an axis in s)" \
	grep -q '2026-03-01T02:00:00Z: 2 µs</title>' "$WORK/log.svg"
check "log.svg: 524.3 ms, then 1.049 s" grep -q ': 524.3 ms, regressed' "$WORK/log.svg"
check "log.svg: 1.049 s" grep -q ': 1.049 s, regressed</title>' "$WORK/log.svg"

# 3. 50 series: small multiples, one panel each.
golden multiples.svg 'trend rate where point ~ "grid/*" as svg'
cp "$OUT" "$WORK/multiples.svg"
xml_ok "multiples.svg is XML" "$WORK/multiples.svg"
check "multiples.svg: 50 panels" [ "$(count '<g class="panel">' "$WORK/multiples.svg")" = 50 ]
check "multiples.svg: 50 x 20 dots" [ "$(count '<circle class="pt' "$WORK/multiples.svg")" = 1000 ]
check "multiples.svg: SI suffixes on ops/s ticks" grep -q '>50k</text>' "$WORK/multiples.svg"
# grid/08's baseline (r05) is its highest value, its ring at the frame's top
# (y 412.5: its row's 2 x 184, a title of two lines, 36): a label above it
# would lie on the panel's title; it goes below the ring (412.5 + 17).
check "multiples.svg: grid/08's baseline ring at the frame's top" \
	grep -q '<circle class="base" cx="552.8" cy="412.5" r="6"/>' "$WORK/multiples.svg"
check "multiples.svg: a baseline at the frame's top labelled below its ring" \
	grep -q '<text class="mark" x="552.8" y="429.5">baseline</text>' "$WORK/multiples.svg"

# 4. Run order on the x axis; changes drawn with its series.
golden runs.svg 'trend time of kernel as svg runs'
xml_ok "runs.svg is XML" "$OUT"
check "runs.svg: x labels count runs" grep -q '>run 20</text>' "$OUT"
golden changes.svg 'changes time of kernel as svg'
xml_ok "changes.svg is XML" "$OUT"
check "changes.svg: the E-Divisive change point at r13" grep -q '>c130a1b +30.1%<' "$OUT"

# 5. The terminal chart: labelled axes, change point marked.
golden trend.chart.txt 'trend time of kernel as chart'
check_out "chart: min and max" "min 0.995, max 1.305"
check_out "chart: first and last time" "2026-03-01                                        2026-03-30"
check_out "chart: the change point" "change +30.1% at 2026-03-23T02:00:00Z, run r13, commit c130a1b"
# One run is one (before: "1 runs"; and changes said "1 values").
run "$BENCHDB" --db "$DB" -c 'trend time of kernel last 1 as chart'
check "chart of one run: 1 run" grep -q '^time · kernel (µs): 1 run, min ' "$OUT"
run "$BENCHDB" --db "$DB" -c 'changes time of kernel since 2026-03-30T00:00:00Z explain'
check_out "changes of one run: 1 value" "kernel time: no change point: 1 value, a change needs"

# 6. as html: a page with the chart and the table, no URL at all.
run "$BENCHDB" --db "$DB" -c 'trend time of kernel as html'
cp "$OUT" "$WORK/trend.html"
check_rc "as html" 0
xml_ok "as html: the page is well-formed XML" "$WORK/trend.html"
# libxml2's HTML parser knows HTML 4 and calls every inline SVG element an
# invalid tag: any other complaint fails.
xmllint --html --noout "$WORK/trend.html" 2>&1 | grep 'error' | grep -v 'Tag [a-z]* invalid' >"$WORK/html-errors"
check "as html: parses as HTML" [ ! -s "$WORK/html-errors" ]
check "as html: no http:, https: or //" lacks 'https?:|//' "$WORK/trend.html"
check "as html: the chart" grep -q '<svg width="720"' "$WORK/trend.html"
check "as html: the table, 20 rows" [ "$(count '<tr>\|<tr class' "$WORK/trend.html")" = 21 ]

# 7. Names stay text: the XSS point in svg and html.
for f in svg html; do
	run "$BENCHDB" --db "$DB" -c "trend time of \"<script>alert(1)</script>&\\\"x\" as $f"
	check_rc "xss as $f" 0
	cp "$OUT" "$WORK/xss.$f"
	check "xss as $f: no <script" lacks '<script' "$WORK/xss.$f"
	check "xss as $f: the name as text" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;x' "$WORK/xss.$f"
	check "xss as $f: the tag as text" grep -qF 'k&lt;b&gt;=v&amp;&quot;&#39;' "$WORK/xss.$f"
done
xml_ok "xss.svg is XML" "$WORK/xss.svg"
xml_ok "xss.html is XML" "$WORK/xss.html"

# 8. benchdb chart: the same bytes as `as svg`, to a file.
run "$BENCHDB" --db "$DB" chart 'trend time of kernel' -o "$WORK/chart.svg"
check_rc "chart -o" 0
check "chart -o: the bytes of tests/charts/trend.svg" cmp -s "$WORK/chart.svg" "$GOLDEN/trend.svg"
# Without -o, to standard output: benchdb --help showed -o F as required.
run "$BENCHDB" --help
check_out "benchdb --help shows chart's -o as optional" "  chart STATEMENT [-o F] "
run "$BENCHDB" --db "$DB" chart 'trend time of spread' --log --runs --width 400 --height 200
check_rc "chart --log --runs --width --height" 0
check_out "chart: the size asked for" '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"'
check_out "chart --log: a log scale" ', log scale</text>'
check_out "chart --runs: run order" '>run 20</text>'
run "$BENCHDB" --db "$DB" chart 'show runs'
check_rc "chart 'show runs': usage error" 2
check_err "chart 'show runs': says why" "chart: draws trend and changes; 'show runs' gives a table"
# A statement that writes is refused before anything runs (before: "setting
# the baseline: store is read-only", exit 3, of a store that is not).
"$BENCHDB" --db "$DB" -c 'show baselines as csv' >"$WORK/baselines-before.csv"
run "$BENCHDB" --db "$DB" chart 'set baseline drawn = latest'
check_rc "chart 'set baseline ...': usage error" 2
check "chart 'set baseline ...': says why in one line" [ "$(cat "$ERR")" = \
	"benchdb: error: chart: draws trend and changes; this statement writes the store (run it with benchdb -c)" ]
run "$BENCHDB" --db "$DB" -c 'show baselines as csv'
check "chart 'set baseline ...': the baselines are unchanged" cmp -s "$OUT" "$WORK/baselines-before.csv"
run "$BENCHDB" --db "$DB" chart 'trend time of kernel as json'
check_rc "chart of 'as json': usage error" 2
run "$BENCHDB" --db "$DB" chart 'trend time of kernel' --width 5
check_rc "chart --width 5: usage error" 2
# -o FILE.png wrote SVG into a file named .png, which image viewers refuse.
run "$BENCHDB" --db "$DB" chart 'trend time of kernel' -o "$WORK/chart.PNG"
check_rc "chart -o FILE.PNG: usage error" 2
check_err "chart -o FILE.PNG: says a chart is SVG" \
	"chart: -o $WORK/chart.PNG: a chart is SVG, which a PNG file would hold under the wrong name"
check "chart -o FILE.PNG: writes no file" test ! -e "$WORK/chart.PNG"

# 9. benchdb report: one self-contained page, every name escaped.
run "$BENCHDB" --db "$DB" report -o "$WORK/report.html" --title 'Fixed <store> & "title"'
check_rc "report -o" 0
check_err "report: says where it wrote" "report written to $WORK/report.html"
R=$WORK/report.html
xml_ok "report: well-formed XML" "$R"
xmllint --html --noout "$R" 2>&1 | grep 'error' | grep -v 'Tag [a-z]* invalid' >"$WORK/html-errors"
check "report: parses as HTML" [ ! -s "$WORK/html-errors" ]
check "report: no http:, https: or //" lacks 'https?:|//' "$R"
check "report: no <script" lacks '<script' "$R"
check "report: the XSS point as text" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;x' "$R"
check "report: the title escaped" grep -qF '<h1>Fixed &lt;store&gt; &amp; &quot;title&quot;</h1>' "$R"
check "report: header names runs and baseline" \
	grep -qF 'runs: 20 · from 2026-03-01T02:00:00Z to 2026-03-30T02:00:00Z · latest: r20 (commit <code class="commit" title="c200a1b2c3d4e">c200a1b2c3<span class="hash-rest">d4e</span></code>) · baseline main: r05 (commit <code class="commit" title="c050a1b2c3d4e">c050a1b2c3<span class="hash-rest">d4e</span></code>)' "$R"
check "report: 2 regressions of r20 vs r05 (kernel, spread)" grep -qF '<p class="severe">2 regressions.</p>' "$R"
check "report: kernel's regression, moderate" grep -qF '<td>kernel</td><td>time</td><td>lower</td><td class="num">1.004 µs</td><td class="num">1.298 µs</td><td class="num">+29.3%</td><td>moderate ↓</td>' "$R"
check "report: the change point of kernel under its commit" \
	grep -qF '<tr><td><code class="commit" title="c130a1b2c3d4e">c130a1b2c3<span class="hash-rest">d4e</span></code></td><td class="when">2026-03-23T02:00:00Z</td><td><a href="#c' "$R"
check "report: one section of change points" [ "$(count '<h2>Change points' "$R")" = 1 ]
check "report: the charts' change points inside it" \
	grep -qF '</table>'$'\n''<div id="changes">'$'\n''<h3>Marked on the charts</h3>' "$R"
check "report: no second change points section" lacks '<section id="changes"' "$R"
check "report: a grid of 53 series" grep -qF '<h2>Series (53)</h2>' "$R"
check "report: the grid has a noise column" \
	grep -qF '<th>latest</th><th>noise</th><th>vs baseline</th>' "$R"
# noise = MAD / |median| of the newest 30 values (here all 20), by hand:
# kernel median 1003.5, MAD 7 -> 0.7%; spread (2^k us) 1536000, 1533000
# -> 99.8%; grid/07 8144, 76.5 -> 0.9%.
check "report: kernel's noise 0.7%" \
	grep -qF '<td class="num">1.298 µs</td><td class="num">0.7%</td><td class="num">+29.3%</td>' "$R"
check "report: spread's noise 99.8%" \
	grep -qF '<td class="num">1.049 s</td><td class="num">99.8%</td>' "$R"
check "report: grid/07's noise 0.9%" \
	grep -qF '<td class="num">8.08k ops/s</td><td class="num">0.9%</td><td class="num">-2.0%</td>' "$R"
check "report: 53 charts (one per point and metric)" [ "$(count '<section class="chart"' "$R")" = 53 ]
check "report: 53 sparklines" [ "$(count '<svg width="120" height="24"' "$R")" = 53 ]
check "report: every chart has an anchor the grid links to" \
	[ "$(grep -o 'href="#c[0-9]*"' "$R" | sort -u | wc -l)" = 53 ]
# A sparkline is one line through all runs: it draws no dots, so a run
# between two time gaps (intervals over 3 times the median, which break a
# chart's line) drew nothing, a lone "M" in its path: kurkle/color's
# irregular history lost 1757 of its 5807 values in the report's grid.
# Runs on days 1-5, 30 and 60-63: the day-30 run lies between two gaps.
for day in 01 02 03 04 05 30 60 61 62 63; do
	printf '{"lonely": {"latency": {"value": %d}}}\n' $((100 + 10#$day)) >"$WORK/gap$day.json"
	"$BENCHDB" --db "$WORK/gapdb" ingest --format bmf --id "g$day" \
		--timestamp "$(date -u -d "2026-01-01 +$((10#$day - 1)) days" +%Y-%m-%dT02:00:00Z)" \
		"$WORK/gap$day.json" >/dev/null
done
run "$BENCHDB" --db "$WORK/gapdb" report -o "$WORK/gap.html"
sed -n '/<svg width="120" height="24"/,/<\/svg>/p' "$WORK/gap.html" | grep -o 'class="line"[^>]* d="[^"]*"' |
	sed 's/.* d="//; s/"$//' >"$WORK/gap.path"
check "report: a sparkline joins all 10 runs, the one between two gaps too (one M, 9 L)" \
	[ "$(tr -cd 'M' <"$WORK/gap.path" | wc -c) $(tr -cd 'L' <"$WORK/gap.path" | wc -c)" = "1 9" ]
# Under each chart its values as a table: a row per run, the newest 10 of
# each series, a column per series, and the statement that lists them all.
# Every value was 97% of a report of 3,000 series of 2,000 nightly runs: 1.8
# GB of HTML, 5.3 GB of memory (atk59); the newest 30 of each, a row per
# value, took the report of nightly-10y from 13.7 MB to 22.6 MB, past its
# 15 MB target. Two series of one point: "a" with 40 runs (l01-l40), "b"
# with 12 (l25-l36).
mkdir -p "$WORK/long"
for i in $(seq 1 40); do
	printf '{"id": "l%02d", "timestamp": "%s", "commit": "c%02d", "points": [
 {"name": "p", "tags": {"s": "a"}, "metrics": {"time": {"value": %d}}}%s]}\n' "$i" \
		"$(date -u -d "2026-01-01 +$((i - 1)) days" +%Y-%m-%dT02:00:00Z)" "$i" $((1000 + i)) \
		"$([ "$i" -gt 24 ] && [ "$i" -le 36 ] && printf ',\n {"name": "p", "tags": {"s": "b"}, "metrics": {"time": {"value": %d}}}' $((2000 + i)))" \
		>"$WORK/long/run-$(printf %02d "$i").json"
done
run "$BENCHDB" --db "$WORK/longdb" ingest -q "$WORK/long"
run "$BENCHDB" --db "$WORK/longdb" report -o "$WORK/long.html"
check_rc "report of 40 runs: exit 0" 0
xml_ok "report of 40 runs: well-formed XML" "$WORK/long.html"
sed -n '/<details class="values">/,/<\/details>/p' "$WORK/long.html" >"$WORK/long.values"
check "report: the values' fold says it holds the newest 10 runs of each series, 20 of 52 values" \
	grep -qF "<summary>the chart's values as a table (the newest 10 runs of each series: 20 of 52)</summary>" \
	"$WORK/long.values"
check "report: a column per series" \
	grep -qF '<th>run</th><th>time</th><th>commit</th><th class="num">s=a</th><th class="num">s=b</th></tr>' \
	"$WORK/long.values"
# a's newest 10 are l31-l40, b's l27-l36: 14 runs, oldest first.
check "report: a row per run, b's l27 to a's l40 (14)" \
	[ "$(grep -o '^<tr><td>l[0-9]*' "$WORK/long.values" | sed 's/.*>//' | tr '\n' ' ')" = \
		"l27 l28 l29 l30 l31 l32 l33 l34 l35 l36 l37 l38 l39 l40 " ]
check "report: l27 has b's value and none of a (not among a's newest 10)" \
	grep -qF '<tr><td>l27</td><td class="when">2026-01-27T02:00:00Z</td><td>c27</td><td class="num"></td><td class="num">2027</td></tr>' \
	"$WORK/long.values"
check "report: l33 has both" \
	grep -qF '<tr><td>l33</td><td class="when">2026-02-02T02:00:00Z</td><td>c33</td><td class="num">1033</td><td class="num">2033</td></tr>' "$WORK/long.values"
check "report: l40 has a's value only" \
	grep -qF '<tr><td>l40</td><td class="when">2026-02-09T02:00:00Z</td><td>c40</td><td class="num">1040</td><td class="num"></td></tr>' "$WORK/long.values"
check "report: the statement that lists all 52" \
	grep -qF '<p class="muted">All 52 values: <code>trend &quot;time&quot; where point = &quot;p&quot;</code></p>' "$WORK/long.values"
check "report of 10 runs: no statement" [ "$(grep -c '<p class="muted">All ' "$WORK/gap.html")" = 0 ]
check "report of 10 runs: every value" \
	grep -qF "<summary>the chart's values as a table (10)</summary>" "$WORK/gap.html"
# A --baseline the store does not have, when it has others, is a typo: an
# error naming them (before: a page saying "none", exit 0; found by atk29).
run "$BENCHDB" --db "$DB" report --baseline nope -o "$WORK/nope.html"
check_rc "report --baseline nope: exit 3" 3
check_err "report --baseline nope: names the store's" \
	"benchdb: error: report: --baseline: no baseline 'nope' (the store has 'main'; set one with benchdb baseline set NAME RUN)"
check "report --baseline nope: no file" [ ! -e "$WORK/nope.html" ]
# A store with no baseline yet (a first CI run) gets the page, saying so.
"$BENCHDB" --db "$WORK/nobase" ingest "$(ls "$WORK"/runs/run-*.json | head -1)" >/dev/null 2>&1
run "$BENCHDB" --db "$WORK/nobase" report --baseline main
check_rc "report --baseline main, no baseline yet: exit 0" 0
check_out "report: no baseline yet is said" "baseline main: none (set one with benchdb baseline set NAME RUN)"
run "$BENCHDB" --db "$DB" report --baseline main --where 'point = kernel' --since 2026-03-20
check_rc "report --baseline main --where --since" 0
check_out "report: --where keeps one series" "<h2>Series (1)</h2>"
check_out "report: --since keeps runs 10 to 20 (from 2026-03-20)" 'data-runs="11"'
# A window past the newest run (a stale store, a short --since): the grid
# and the charts say why they are empty; they were an empty table and an
# empty section.
run "$BENCHDB" --db "$DB" report --since 2030-01-01
check_rc "report --since past the newest run: exit 0" 0
check_out "report --since past the newest run: no series" "<h2>Series (0)</h2>"
check "report --since past the newest run: the grid and the charts say why" [ "$(grep -cxF \
	'<p class="muted">No series has a run since 2030-01-01 (the latest run is named above; --since widens the window).</p>' \
	"$OUT")" = 2 ]
run "$BENCHDB" --db "$DB" report --where 'point = '
check_rc "report --where with a syntax error: usage error" 2
check_err "report --where: the caret error" "expected a value"
# --where and --since are checked alone before they join the report's own
# statements: the caret points into the user's text, and none of the
# report's statements shows (an unbalanced ")" or a clause of its own was
# pasted into them, with the error's excerpt in them).
report_refused() {
	local name=$1 option=$2 text=$3 error=$4 caret=$5
	run "$BENCHDB" --db "$DB" report "$option" "$text" -o "$WORK/refused.html"
	check_rc "report $name: usage error" 2
	check_err "report $name: the error against $option" "benchdb: error: report: $option: $error"
	check "report $name: the user's text with its caret" \
		[ "$(sed -n 2,3p "$ERR")" = "$(printf '  %s\n  %s' "$text" "$caret")" ]
	check "report $name: none of the report's statements" lacks 'trend|compare|as svg' "$ERR"
	check "report $name: no page written" [ ! -e "$WORK/refused.html" ]
}
report_refused "unbalanced )" --where "point = 'kernel') or (point = 'spread'" \
	'expected "and", "or" or the end of the expression, found ")"' '                ^'
report_refused "unclosed (" --where "(point = 'kernel'" \
	'unclosed "(": expected ")" before the end of input' '^'
report_refused "a clause after the expression" --where "point = kernel as json" \
	'expected "and", "or" or the end of the expression, found "as"' '               ^^'
report_refused "unterminated string" --where "point = 'kernel" \
	'unterminated string' '        ^^^^^^^'
report_refused "a clause after the time" --since "2026-03-20 as json" \
	'expected the end of the time, found "as"' '           ^^'
report_refused "a bad time" --since "yesterdayy" 'expected a time' '^^^^^^^^^^'
# A value no series has is found running the report's statements: said in
# the user's text too (it showed "regressions vs baseline ... where ...").
report_refused "a point no series has" --where "point = kernl" \
	'no series has point = "kernl"; did you mean "kernel"?' '        ^^^^^'
report_refused "a point no series has, after a good one" \
	--where "point = kernel or point = 'grid/99'" \
	'no series has point = "grid/99"' '                          ^^^^^^^^^'
report_refused "a name of wide characters no series has" --where "point = '日本'" \
	'no series has point = "日本"' '        ^^^^^^'

# The report reads one point at a time, by name: a point named like a glob
# ("g[1]", "g*") is charted once, with its own runs only, and "g1" apart.
mkdir -p "$WORK/globs"
for i in 1 2 3; do
	printf '{"id": "g%d", "timestamp": "2026-04-0%dT00:00:00Z", "points": [
 {"name": "g[1]", "metrics": {"time": {"value": %d}}},
 {"name": "g*", "metrics": {"time": {"value": %d}}},
 {"name": "g1", "metrics": {"time": {"value": %d}}}]}\n' "$i" "$i" $((100 + i)) $((200 + i)) $((300 + i)) \
		>"$WORK/globs/run-$i.json"
done
run "$BENCHDB" --db "$WORK/globdb" ingest "$WORK"/globs/run-*.json
run "$BENCHDB" --db "$WORK/globdb" report -o "$WORK/globs.html"
check_rc "report of glob-like points" 0
check "report: 3 charts for g*, g1 and g[1]" \
	[ "$(count '<section class="chart"' "$WORK/globs.html")" = 3 ]
check "report: a grid of 3 series" grep -qF '<h2>Series (3)</h2>' "$WORK/globs.html"
check "report: noise of 3 runs: g* 1/202, g1 1/302, g[1] 1/102 (MAD / median)" \
	[ "$(grep -o '<td class="num">[0-9.]*%</td>' "$WORK/globs.html" | tr -d '\n')" = \
		'<td class="num">0.5%</td><td class="num">0.3%</td><td class="num">1.0%</td>' ]
check "report: every chart has its own 3 runs" \
	[ "$(grep -o 'data-runs="3"' "$WORK/globs.html" | wc -l)" = 3 ]

# check --chart-dir: a chart per regression (kernel and spread of r20 vs
# r05), well-formed, of that series only, linked from the markdown table by
# a relative link (a blank in DIR percent-encoded).
(cd "$WORK" && "$BENCHDB" --db "$DB" check --format markdown --chart-dir "my charts/" \
	>"$WORK/check.md" 2>"$WORK/check.err")
check "check --chart-dir: exit 1 on the 2 regressions" [ $? = 1 ]
C="$WORK/my charts"
check "check --chart-dir: exactly regression-1.svg and regression-2.svg" \
	[ "$(ls "$C" | tr '\n' ' ')" = "regression-1.svg regression-2.svg " ]
xml_ok "check --chart-dir: regression-1.svg is XML" "$C/regression-1.svg"
xml_ok "check --chart-dir: regression-2.svg is XML" "$C/regression-2.svg"
check "check --chart-dir: chart 1 is kernel's time, 20 runs" \
	grep -qF '<title>time · kernel</title>' "$C/regression-1.svg"
check "check --chart-dir: chart 1 has 20 dots, 8 regressed, the baseline ringed" \
	[ "$(count '<circle class="pt' "$C/regression-1.svg") $(count 'pt reg' "$C/regression-1.svg") $(count 'class="base"' "$C/regression-1.svg")" = "20 8 1" ]
check "check --chart-dir: chart 2 is spread's time" \
	grep -qF '<title>time · spread</title>' "$C/regression-2.svg"
check "check --chart-dir: the table's chart column" \
	grep -qF '| threshold | chart                                 |' "$WORK/check.md"
check "check --chart-dir: kernel's row links chart 1" \
	grep -qF '| moderate ↓ | -       |      5.0% | [chart](my%20charts/regression-1.svg) |' "$WORK/check.md"
check "check --chart-dir: spread's row links chart 2" \
	grep -qF '| severe ↓   | -       |      5.0% | [chart](my%20charts/regression-2.svg) |' "$WORK/check.md"
check "check --chart-dir: the comparisons table has no chart column" \
	[ "$(grep -c '| chart ' "$WORK/check.md")" = 1 ]
run "$BENCHDB" --db "$DB" check --chart-dir "$WORK/x"
check_rc "check --chart-dir without --format markdown: usage error" 2
check_err "check --chart-dir without markdown: says why" "--chart-dir: the charts are linked from --format markdown"
check "check --chart-dir without markdown: writes nothing" [ ! -e "$WORK/x" ]

# Change-point labels in a combined chart do not overlap: 4 tag variants of
# one point, each 50% slower from run 11, give 4 rules at the same x whose
# labels take 4 rows (they cycled through 3 rows, the 4th over the 1st).
mkdir -p "$WORK/steps"
for i in $(seq 1 20); do
	{
		printf '{"id": "s%02d", "timestamp": "2026-05-%02dT00:00:00Z", "commit": "d%02d0000000",\n' \
			"$i" "$i" "$i"
		printf ' "metric_defs": {"time": {"unit": "ns", "direction": "lower"}}, "points": [\n'
		for k in 1 2 3 4; do
			v=$((100 * k + (i * 7 + k) % 5))
			[ "$i" -ge 11 ] && v=$((v * 3 / 2))
			printf '  {"name": "steps", "tags": {"v": "%d"}, "metrics": {"time": {"value": %d}}}%s\n' \
				"$k" "$v" "$([ "$k" -lt 4 ] && echo ,)"
		done
		printf ' ]}\n'
	} >"$WORK/steps/run-$(printf %02d "$i").json"
done
run "$BENCHDB" --db "$WORK/stepsdb" ingest "$WORK"/steps/run-*.json
check_rc "steps store ingested" 0
SAVED_DB=$DB
DB=$WORK/stepsdb
golden labels.svg 'trend time of steps as svg'
DB=$SAVED_DB
cp "$OUT" "$WORK/labels.svg"
xml_ok "labels.svg is XML" "$WORK/labels.svg"
check "labels.svg: 4 change rules, all at run 11 (d110000)" \
	[ "$(grep -o '<g class="change">.*</text>' "$WORK/labels.svg" | grep -c '>d110000 +')" = 4 ]
# The time axis starts at the Monday before the first run (05-01), at the
# frame's left edge (before, its first label was 05-04, 100 px in).
check "labels.svg: the time axis labelled from its left edge: 2026-04-27" \
	grep -qF '<text class="xtick" text-anchor="start" x="64.0" y="290.0">2026-04-27</text>' "$WORK/labels.svg"
check "labels.svg: the 4 labels on 4 different rows" \
	[ "$(grep -o '<g class="change">.*</text>' "$WORK/labels.svg" | grep -o ' y="[0-9.]*">' | sort -u | wc -l)" = 4 ]

# 9b. A report -o killed before its rename left FILE.tmp.PID forever. The
# next write of FILE removes those whose process is gone, and only those:
# not a live process's (this shell's), not one a live process holds locked
# (a writer in another PID namespace), not a name that only looks alike.
KILLED=$WORK/killed
mkdir -p "$KILLED"
SHIM=$ROOT/${BENCHDB_BUILD:-build}/tools/libfault.so
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 FAULT_KILL=1 FAULT_AT=1 \
	FAULT_PATH_SUBSTR=report.html.tmp LD_PRELOAD=$SHIM \
	"$BENCHDB" --db "$DB" report -o "$KILLED/report.html" >/dev/null 2>&1 &
wait $! 2>/dev/null
check "report -o killed at its first write (SIGKILL)" [ $? = 137 ]
check "  left its report.html.tmp.PID, nothing else" \
	[ "$(ls "$KILLED" | grep -cxE 'report\.html\.tmp\.[1-9][0-9]*')/$(ls "$KILLED" | wc -l)" = 1/1 ]
left=$(ls "$KILLED")
true &
gone=$!
wait "$gone"
(
	cd "$KILLED" || exit 1
	for name in "report.html.tmp.$gone" "report.html.tmp.$$" "report.html.tmp.${gone}x" \
		"report.html.tmp." "report.html.tmp.+$gone" "report.html.tmp.-$gone" \
		"report.html.tmp.0$gone" "other.html.tmp.$gone" "report.htm.tmp.$gone" \
		"xreport.html.tmp.$gone"; do
		printf 'x' >"$name"
	done
	mkdir "report.html.tmp.1$gone"
	ln -s "report.html.tmp.$$" "report.html.tmp.2$gone"
)
locked=report.html.tmp.3$gone
printf 'x' >"$KILLED/$locked"
if command -v flock >/dev/null; then
	hold_lock "$KILLED/$locked"
	holder=$HOLDER
fi
run "$BENCHDB" --db "$DB" report -o "$KILLED/report.html"
check_rc "report -o beside them" 0
check "  a whole report" grep -q '</html>' "$KILLED/report.html"
check "  the killed report's temporary file is gone ($left)" [ ! -e "$KILLED/$left" ]
check "  and the one of a pid that has exited" [ ! -e "$KILLED/report.html.tmp.$gone" ]
check "  the rest is as it was" [ "$(ls "$KILLED" | LC_ALL=C sort | tr '\n' ' ')" = \
	"$(printf '%s\n' "other.html.tmp.$gone" "report.htm.tmp.$gone" report.html report.html.tmp. \
		"report.html.tmp.+$gone" "report.html.tmp.-$gone" "report.html.tmp.1$gone" \
		"report.html.tmp.2$gone" "report.html.tmp.3$gone" "report.html.tmp.$$" \
		"report.html.tmp.${gone}x" "xreport.html.tmp.$gone" "report.html.tmp.0$gone" | LC_ALL=C sort | tr '\n' ' ')" ]
if [ -n "${holder:-}" ]; then
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
	run "$BENCHDB" --db "$DB" report -o "$KILLED/report.html"
	check "  the locked one goes once its holder has" [ ! -e "$KILLED/$locked" ]
fi

# 10. Other statements refuse the chart formats with a caret.
run "$BENCHDB" --db "$DB" -c 'show runs as svg'
check_rc "show runs as svg: usage error" 2
check_err "show runs as svg: says why" '"svg" draws a chart of trend or changes only; show runs gives a table'
run "$BENCHDB" --db "$DB" --format svg -c 'trend time of kernel'
check_rc "--format svg: refused" 2

# 11. A log scale draws no value of 0 or less: a series of only such values
# was an empty frame with ticks from 1 to 10 and nothing said.
mkdir -p "$WORK/neg"
for i in 1 2; do
	printf '{"id": "n%d", "timestamp": "2026-05-0%dT00:00:00Z", "metric_defs": {"delta": {"unit": "s", "direction": "lower"}}, "points": [{"name": "drift", "metrics": {"delta": {"value": -%d}}}]}\n' \
		"$i" "$i" "$i" >"$WORK/neg/run-$i.json"
done
run "$BENCHDB" --db "$WORK/negdb" ingest "$WORK"/neg/run-*.json
check_rc "2 runs of values below 0 ingested" 0
run "$BENCHDB" --db "$WORK/negdb" chart 'trend delta of drift' --log
check_rc "chart --log of values below 0" 0
check_out "chart --log of values below 0: no dots, and says why" \
	'<text class="mark" x="386.0" y="155.0">no values above 0 (a log scale draws none of 0 or less)</text>'
check "chart --log of values below 0: no dots" lacks '<circle' "$OUT"
run "$BENCHDB" --db "$WORK/negdb" -c 'trend delta of drift as chart log'
check_out "as chart log of values below 0: says why" \
	'drift (s), log scale: 2 runs, no values above 0 (a log scale draws none of 0 or less)'
run "$BENCHDB" --db "$WORK/negdb" chart 'trend delta of drift'
check "chart (linear) of values below 0: its 2 dots, no note" \
	[ "$(count '<circle class="pt' "$OUT")" = 2 ] && lacks 'no values' "$OUT"

# 12. Magnitudes to the ends of the doubles: a range past the largest double
# (-1.7e308 to 1.7e308) drew every coordinate as "-nan" (an SVG no viewer
# reads) and hung on its ticks once those were fixed; a log scale over 632
# decades drew 632 tick labels on top of each other.
mkdir -p "$WORK/ext"
i=0
for v in 1.7e308 -1.7e308 1e-308 0; do
	i=$((i + 1))
	printf '{"id": "e%d", "timestamp": "2026-06-0%dT00:00:00Z", "metric_defs": {"v": {"unit": "", "direction": "lower"}}, "points": [{"name": "far", "metrics": {"v": {"value": %s}}}]}\n' \
		"$i" "$i" "$v" >"$WORK/ext/run-$i.json"
done
run "$BENCHDB" --db "$WORK/extdb" ingest "$WORK"/ext/run-*.json
check_rc "4 runs from -1.7e308 to 1.7e308 ingested" 0
run "$BENCHDB" --db "$WORK/extdb" chart 'trend v of far'
check_rc "chart of -1.7e308 to 1.7e308" 0
check "chart of -1.7e308 to 1.7e308: no nan or inf" lacks 'nan|inf' "$OUT"
cp "$OUT" "$WORK/ext.svg"
xml_ok "chart of -1.7e308 to 1.7e308 is XML" "$WORK/ext.svg"
# The frame runs from y 34 to 276 (242 px) for -2e308..2e308 clamped to
# +-DBL_MAX (1.7976931348623157e308, python3 sys.float_info.max): 1.7e308 at
# 276 - 242 * (1.7e308 + M) / (2 M) = 40.6, 0 and 1e-308 at 155.0, -1.7e308
# at 269.4.
check "chart of -1.7e308 to 1.7e308: the dots at 40.6, 269.4, 155.0, 155.0" \
	[ "$(grep -o '<circle class="pt" cx="[0-9.]*" cy="[0-9.]*"' "$WORK/ext.svg" | sed 's/.*cy="//; s/"//' | tr '\n' ' ')" = "40.6 269.4 155.0 155.0 " ]
check "chart of -1.7e308 to 1.7e308: ticks -1e+308, 0, 1e+308" \
	[ "$(grep -o 'class="ytick"[^>]*>[^<]*' "$WORK/ext.svg" | sed 's/.*>//' | tr '\n' ' ')" = "-1e+308 0 1e+308 " ]
run "$BENCHDB" --db "$WORK/extdb" chart 'trend v of far' --log
check_rc "log chart of 1e-308 to 1.7e308" 0
# 1e-308 to 1e309: 617 decades, at most 12 labelled: every ceil(617 / 12)
# = 52nd, from 1e-308 to 1e+264 (-308 + 11 * 52).
check "log chart over 617 decades: 12 tick labels, not 617" \
	[ "$(count 'class="ytick"' "$OUT")" = 12 ]
check "log chart over 617 decades: 1e-308, 1e-256, ... 1e+264" \
	[ "$(grep -o 'class="ytick"[^>]*>[^<]*' "$OUT" | sed 's/.*>//' | sed -n '1p;2p;12p' | tr '\n' ' ')" = "1e-308 1e-256 1e+264 " ]
run "$BENCHDB" --db "$WORK/extdb" -c 'trend v of far as chart'
check_rc "as chart of -1.7e308 to 1.7e308" 0
check "as chart: the top row starts at the first run (1.7e308)" \
	grep -q '^ 1.7e+308 ┤⠑⢄' "$OUT"

# The time axis on calendar boundaries (query/chart.c pick_time_ticks): the
# finest of seconds, minutes, hours, days, Monday weeks, months and years
# whose labels fit side by side (6.5 px a character and 20 px between them,
# 2 to 8) in the frame's 644 px: 4 of 19 characters, 5 of 16
# (2026-03-01T10:10), 7 of 10, 8 of 7. An end whose nearest tick stands
# more than a label's room (its characters and the gap) inside is widened
# to the tick beyond, both ends or else the left, while the labels fit and
# the runs keep 3/4 of the frame: the axis is labelled from its left edge
# (before, the first label could stand a step in: 2018 for runs from
# 2016-05, 03-09 for runs from 03-03). Each store: runs START + k * STEP
# seconds, k < N; the labels expected by hand from the calendar.
axis_labels() { # NAME START STEP N
	local name=$1 start=$2 step=$3 n=$4 k t
	mkdir -p "$WORK/axis-$name"
	for ((k = 0; k < n; k++)); do
		t=$(date -u -d "@$(($(date -u -d "$start" +%s) + k * step))" +%Y-%m-%dT%H:%M:%SZ)
		printf '{"x": {"latency": {"value": %d}}}\n' $((100 + k % 7)) >"$WORK/axis-$name/r$k.json"
		"$BENCHDB" --db "$WORK/axis-$name/db" ingest --format bmf --id "r$k" --timestamp "$t" \
			"$WORK/axis-$name/r$k.json" >/dev/null || return 1
	done
	"$BENCHDB" --db "$WORK/axis-$name/db" -c 'trend latency as svg' |
		grep -o 'class="xtick"[^>]*>[^<]*' | sed 's/.*>//' | tr '\n' ' '
}
check "time axis over 40 s: every 10 s" \
	[ "$(axis_labels s 2026-03-01T10:07:00Z 1 40)" = "2026-03-01T10:07:00 2026-03-01T10:07:10 2026-03-01T10:07:20 2026-03-01T10:07:30 " ]
# 10:07 to 10:36: 10:10 is 67 px in, less than a label's 124 px room; 10:30
# stands 133 px from the right end, which goes to 10:40.
check "time axis over 29 min: every 10 min, to 10:40" \
	[ "$(axis_labels m 2026-03-01T10:07:00Z 60 30)" = "2026-03-01T10:10 2026-03-01T10:20 2026-03-01T10:30 2026-03-01T10:40 " ]
# 10:07 to 14:57: 11:00 is 118 px in, 14:00 127 px from the right end.
check "time axis over 4.8 h: every hour, to 15:00" \
	[ "$(axis_labels h 2026-03-01T10:07:00Z 600 30)" = "2026-03-01T11:00 2026-03-01T12:00 2026-03-01T13:00 2026-03-01T14:00 2026-03-01T15:00 " ]
check "time axis over 2.9 days: every midnight, from 03-01" \
	[ "$(axis_labels d 2026-03-01T10:07:00Z 8640 30)" = "2026-03-01 2026-03-02 2026-03-03 2026-03-04 " ]
# 03-03 to 03-22: from the Monday before to the Monday after.
check "time axis over 19 days: the Mondays, 03-02 to 03-23" \
	[ "$(axis_labels w 2026-03-03T10:07:00Z 57600 30)" = "2026-03-02 2026-03-09 2026-03-16 2026-03-23 " ]
check "time axis over 2 years: every 3 months (8 labels of 7 characters fit 644 px)" \
	[ "$(axis_labels y2 2025-02-11T00:00:00Z 2592000 25)" = "2025-04 2025-07 2025-10 2026-01 2026-04 2026-07 2026-10 2027-01 " ]
# 2016-05 to 2025-12: 2016 to 2026.
check "time axis over 9.6 years: every 2 years, 2016 to 2026" \
	[ "$(axis_labels y10 2016-05-01T00:00:00Z 12614400 25)" = "2016 2018 2020 2022 2024 2026 " ]

# 13. Labels stay in the frame. A change at the frame's right edge had its
# label start 3 px right of the rule and run out of the picture (seen on
# nebulastream/nautilus: 2537.9% cut to "5308"); it now ends 3 px left of
# the rule. Runs r0..r9 of 100 ns every 36 days from 2026-01-01, r10..r19
# of 200 ns hourly from 2026-12-31: the change at r10 is 1.8 px from the
# right edge (708), which the axis ends at 2027-01.
mkdir -p "$WORK/edge"
for k in $(seq 0 19); do
	if [ "$k" -lt 10 ]; then
		t=$(date -u -d "2026-01-01 +$((k * 36)) days" +%Y-%m-%dT00:00:00Z) v=$((100 + k % 3))
	else
		t=$(date -u -d "2026-12-31 +$((k - 10)) hours" +%Y-%m-%dT%H:00:00Z) v=$((200 + k % 3))
	fi
	printf '{"x": {"latency": {"value": %d}}}\n' "$v" >"$WORK/edge/r$k.json"
	"$BENCHDB" --db "$WORK/edgedb" ingest --format bmf --id "r$k" --commit "$(printf 'e%02d0000000' "$k")" \
		--timestamp "$t" "$WORK/edge/r$k.json" >/dev/null
done
run "$BENCHDB" --db "$WORK/edgedb" chart 'trend latency'
check_rc "chart of a change at the right edge" 0
check_out "a change at the right edge: its label left of its rule, anchored at its end" \
	'<g class="change"><line x1="706.2" y1="34.0" x2="706.2" y2="276.0"/><text text-anchor="end" x="703.2" y="44.0">e100000 +99.0%</text></g>'
# A series at one time (two runs of one commit, as gab imports have): its
# one time label stood with its start under the dots (x 386), the text off
# to the right; it is centred under them.
for k in 1 2; do
	printf '{"once": {"latency": {"value": %d}}}\n' $((100 + k)) >"$WORK/edge/s$k.json"
	"$BENCHDB" --db "$WORK/edgedb" ingest --format bmf --id "s$k" --timestamp 2026-01-01T00:00:00Z \
		"$WORK/edge/s$k.json" >/dev/null
done
run "$BENCHDB" --db "$WORK/edgedb" chart 'trend latency of once'
check_out "one time: its label centred under the dots" \
	'<text class="xtick" text-anchor="middle" x="386.0" y="290.0">2026-01-01T00:00</text>'

# Small multiples of long names: each panel's title is two lines from its
# panel's left (6 px in): its point (13 px bold, about 7.5 px a character,
# (240 - 12) / 7.5 = 30 characters), under it the tags not all panels share
# and the unit (11 px, about 6.2 px a character: 36). At 48 characters they
# ran over the next panel's title and out of the picture (kurkle/color's
# "alpha|@kurkle/color [suite=Comparison] (ops/s)").
# nine_names DB FORMAT: two runs (2026-01-01, -02) of 9 points named
# printf FORMAT of 1 to 9, latency 100 x N + the run's number, into DB.
nine_names() {
	local db=$1 format=$2 k p
	for k in 1 2; do
		{
			printf '{'
			for p in 1 2 3 4 5 6 7 8 9; do
				# shellcheck disable=SC2059 # the names' format is the caller's
				printf "\"$format\": {\"latency\": {\"value\": %d}}%s" \
					"$p" $((100 * p + k)) "$([ "$p" -lt 9 ] && echo ,)"
			done
			printf '}\n'
		} >"$WORK/edge/nine$k.json"
		"$BENCHDB" --db "$db" ingest --format bmf --id "l$k" --timestamp "2026-01-0${k}T00:00:00Z" \
			"$WORK/edge/nine$k.json" >/dev/null
	done
}
nine_names "$WORK/longdb" 'a-long-benchmark-name-%d/with/parts'
run "$BENCHDB" --db "$WORK/longdb" chart 'trend latency'
check "9 long names: 9 small multiples" [ "$(count 'class="title"' "$OUT")" = 9 ]
# Each says what tells it from the others: without the start all 9 points
# share ("a-long-benchmark-name-", to the end of a word), cut in its middle
# if still too long (a third from the start, the rest from the end). Cut at
# the end, all 9 read "a-long-benchmark-nam… (ns)", one as the other. The
# whole label is the title's <title> (a tooltip).
check_out "9 long names: the third panel's title what tells it apart, its name whole in its tooltip" \
	'<text class="title" x="486.0" y="14.0"><title>a-long-benchmark-name-3/with/parts</title>…3/with/parts</text>
<text class="subtitle" x="486.0" y="28.0">(ns)</text>'
check "9 long names: 9 titles, no two alike" \
	[ "$(grep -o '</title>…[0-9]/with/parts</text>' "$OUT" | sort -u | wc -l)" = 9 ]
# A point that is the start all others share ("...-goes-on/", 37 bytes,
# and "...-goes-on/1" to "/9"): its title is itself cut in its middle; it
# was "…", all that remained after the shared start.
nine_names "$WORK/prefixdb" 'a-very-long-family-name-that-goes-on/%d'
for k in 1 2; do
	printf '{"a-very-long-family-name-that-goes-on/": {"latency": {"value": %d}}}\n' $((50 + k)) >"$WORK/edge/prefix$k.json"
	"$BENCHDB" --db "$WORK/prefixdb" ingest --format bmf --id "p$k" --timestamp "2026-01-0${k}T01:00:00Z" \
		"$WORK/edge/prefix$k.json" >/dev/null
done
run "$BENCHDB" --db "$WORK/prefixdb" chart 'trend latency'
check_out "the point all others start with: titled by itself, cut in its middle" \
	'<title>a-very-long-family-name-that-goes-on/</title>a-very-lo…y-name-that-goes-on/</text>'
# The narrowest chart (--width 16): panels 5 px wide, their titles 8
# characters a line (a width under the titles' insets made their length
# negative: a crash).
run "$BENCHDB" --db "$WORK/longdb" chart --width 16 'trend latency'
check_rc "9 long names at --width 16" 0
check "9 long names at --width 16: 9 titles" [ "$(count 'class="title"' "$OUT")" = 9 ]
run "$BENCHDB" --db "$WORK/longdb" chart --width 16 'trend latency of "a-long-benchmark-name-1/with/parts"'
check_rc "one long name at --width 16" 0
# kedro's asv results (tests/realdata): 12 series of 2 points that share 65
# bytes ("benchmark_validation.ContextParamsTimeSuite.time_context_params_",
# then "cached" or "uncached") and 2 tags of 5 (node_count, typed_params_
# per_node differ): their values alone, on the second line. Cut at the end,
# all 12 read "benchmark_validation… (µs)".
"$BENCHDB" --db "$WORK/kedro" import-asv "$ROOT/tests/realdata/asv/kedro-org__kedro-benchmark-results/.asv/results" >/dev/null 2>&1
run "$BENCHDB" --db "$WORK/kedro" chart 'trend time of "benchmark_validation.ContextParamsTimeSuite*"'
check "kedro: 12 small multiples" [ "$(count 'class="panel"' "$OUT")" = 12 ]
# panel_titles: the lines of each title, "top | subtitle".
panel_titles() {
	grep -A1 '<text class="title"' "$1" | sed -n 's|.*</title>\(.*\)</text>|\1|p; s|.*class="subtitle"[^>]*>\(.*\)</text>|\1|p' |
		paste -d'|' - -
}
panel_titles "$OUT" >"$WORK/titles"
check "kedro: 12 titles, no two alike" [ "$(sort -u "$WORK/titles" | wc -l)" = 12 ]
check "kedro: the first panel's title" [ "$(sed -n 1p "$WORK/titles")" = '…cached|10,1 (µs)' ]
check "kedro: the seventh panel's title" [ "$(sed -n 7p "$WORK/titles")" = '…uncached|10,1 (µs)' ]
# moov-io's Go benchmarks as github-action-benchmark kept them (tests/realdata):
# 32 series of "BenchmarkMergeFiles/..." names, each with and without " -
# ns/op", in two suites, "moov-io/ach" and "moov-io/ach Benchmarks". On one
# line 28 titles read alike, "…Files…oov-io/ach] (µs/op)" 14 times and
# "…Files…Benchmarks] (µs/op)" 14 times: the start all share left out,
# then cut in the middle of what was left, the point's end and the tags'
# start with it. Now each says its point without "BenchmarkMergeFiles/"
# (when it is too long to be whole) and under it its suite.
"$BENCHDB" --db "$WORK/moov" import-gab "$ROOT/tests/realdata/gab/moov-io__benchmarks.data.js" >/dev/null 2>&1
run "$BENCHDB" --db "$WORK/moov" chart 'trend time of "BenchmarkMergeFiles*"'
check "moov: 32 small multiples" [ "$(count 'class="panel"' "$OUT")" = 32 ]
panel_titles "$OUT" >"$WORK/titles"
check "moov: 32 titles, no two alike" [ "$(sort -u "$WORK/titles" | wc -l)" = 32 ]
check "moov: the first two panels, one point in two suites" \
	[ "$(sed -n 1,2p "$WORK/titles" | tr '\n' '/')" = 'BenchmarkMergeFiles/MergeDir|suite=moov-io/ach (µs/op)/BenchmarkMergeFiles/MergeDir|suite=moov-io/ach Benchmarks (µs/op)/' ]
check "moov: MergeFiles_100Groups - ns/op without the start all share" \
	[ "$(sed -n 16p "$WORK/titles")" = '…MergeFiles_100Groups - ns/op|suite=moov-io/ach Benchmarks (µs/op)' ]
check "moov: the longest point cut in its middle, its end kept" \
	[ "$(sed -n 31p "$WORK/titles")" = '…MergeFile…alidateOpts - ns/op|suite=moov-io/ach (µs/op)' ]
check_out "moov: the whole label on hover" \
	'<title>BenchmarkMergeFiles/MergeFiles_ValidateOpts - ns/op [suite=moov-io/ach]</title>…MergeFile…alidateOpts - ns/op</text>'
# Names that differ only inside what a middle cut leaves out (a word of 21
# letters after "fam/", then the letter that differs, then 46 alike): cut in
# their middle all 9 read "…averyvery…ngsharedtail_and_end_here"; the titles
# that read alike are shown around where they first differ (byte 25: from
# 15 before it, 28 characters between two "…", 30 in all).
nine_names "$WORK/middledb" 'fam/averyveryverylongword%dvariantfollowedbyalongsharedtail_and_end_here'
run "$BENCHDB" --db "$WORK/middledb" chart 'trend latency'
panel_titles "$OUT" >"$WORK/titles"
check "9 names differing inside their middle: 9 titles, no two alike" [ "$(sort -u "$WORK/titles" | wc -l)" = 9 ]
check "9 names differing inside their middle: the first around its difference" \
	[ "$(sed -n 1p "$WORK/titles")" = '…eryverylongword1variantfollo…|(ns)' ]

# One series of a 100-character name: the title (metric, name, unit) fits
# the 720 px picture: (720 - 64 - 4) / 7.5 = 86 bytes, less "latency · "
# and " (ns)" (16 bytes), 70 bytes of the name (19 of "ünïcødé/测试/", 51
# x) and a "…". The unit was cut off by the picture's edge.
long="ünïcødé/测试/$(printf 'x%.0s' $(seq 1 80))"
printf '{"%s": {"latency": {"value": 5}}}\n' "$long" >"$WORK/edge/long-one.json"
run "$BENCHDB" --db "$WORK/longdb" ingest --format bmf --id l3 --timestamp 2026-01-03T00:00:00Z "$WORK/edge/long-one.json"
run "$BENCHDB" --db "$WORK/longdb" chart "trend latency of \"$long\""
check_out "a long name alone: its title cut at a character, its unit kept" \
	"<text class=\"title\" x=\"64.0\" y=\"18.0\">latency · ünïcødé/测试/$(printf 'x%.0s' $(seq 1 51))… (ns)</text>"

# The y ticks stand inside the frame: values 67.65 to 82.07 made a frame of
# 66 to 84 (steps of 2) that the axis labelled on steps of 5 from 65, a
# tick and grid line under the frame, on the time labels (make demo's
# BM_memcpy/65536). The frame now runs 65 to 85, labelled at its ends.
i=0
for v in 67.65 82.07 75; do
	i=$((i + 1))
	printf '{"mid": {"latency": {"value": %s}}}\n' "$v" >"$WORK/edge/mid$i.json"
	"$BENCHDB" --db "$WORK/middb" ingest --format bmf --id "m$i" --timestamp "2026-01-0${i}T00:00:00Z" \
		"$WORK/edge/mid$i.json" >/dev/null
done
run "$BENCHDB" --db "$WORK/middb" chart 'trend latency'
check "67.65 to 82.07: y ticks 65 to 85, at the frame's bottom (276) to its top (34)" \
	[ "$(grep -o '<text class="ytick" x="60.0" y="[0-9.]*">[^<]*' "$OUT" | sed 's/.*y="//; s/">/:/' | tr '\n' ' ')" \
		= "279.5:65 219.0:70 158.5:75 98.0:80 37.5:85 " ]

# A legend of series of one long point that differ in one tag: each entry
# says what tells it apart, the whole label on hover. Cut at 34 bytes, the
# three read alike ("benchmark_runner.RunnerMemorySuite…", kedro's asv
# results). Two tags of long keys that vary: their values alone.
for i in 1 2; do
	{
		printf '{"id": "k%d", "timestamp": "2026-04-0%dT00:00:00Z",' "$i" "$i"
		printf ' "metric_defs": {"memory": {"unit": "B", "direction": "lower"}}, "points": ['
		sep=""
		for r in ParallelRunner SequentialRunner ThreadRunner; do
			printf '%s{"name": "benchmark_runner.RunnerMemorySuite.mem_runners", "tags": {"env": "py3.11", "runner": "%s"}, "metrics": {"memory": {"value": %d}}}' \
				"$sep" "$r" $((100 + i))
			sep=,
		done
		for nc in 10 100; do
			for tp in 1 5; do
				printf ',{"name": "pipeline", "tags": {"node_count": "%d", "typed_params_per_node": "%d"}, "metrics": {"peak": {"value": %d}}}' \
					"$nc" "$tp" $((nc + tp + i))
			done
		done
		printf ']}\n'
	} >"$WORK/edge/kedro$i.json"
done
run "$BENCHDB" --db "$WORK/legenddb" ingest "$WORK"/edge/kedro1.json "$WORK"/edge/kedro2.json
check_rc "3 runners and 4 pipelines ingested" 0
run "$BENCHDB" --db "$WORK/legenddb" chart 'trend memory'
check "legend: each runner by its tag alone" \
	[ "$(grep -o '</title>[^<]*</text>' "$OUT" | sed 's|</title>||; s|</text>||' | tr '\n' ' ')" \
		= "runner=ParallelRunner runner=SequentialRunner runner=ThreadRunner " ]
check_out "legend: the whole label on hover" \
	'<title>benchmark_runner.RunnerMemorySuite.mem_runners [env=py3.11,runner=ThreadRunner]</title>'
run "$BENCHDB" --db "$WORK/legenddb" chart 'trend peak of pipeline'
check "legend: two tags of long keys, their values alone" \
	[ "$(grep -o '</title>[^<]*</text>' "$OUT" | sed 's|</title>||; s|</text>||' | tr '\n' ' ')" = "10,1 10,5 100,1 100,5 " ]

# 14. A chart of more than 16 series marks the windowed method's change
# points with the robust default's floor, 2 % (`changes METRIC window 50
# floor 2%`): without it a +0.5 % step of a quiet series was a mark (moov's
# `BenchmarkMergeFiles/MergeDir_ValidateOpts - B/op` had a 0.03 % one)
# that `changes METRIC` does not report. 17 series of 40 runs, 1000 or 1001
# each; at run 20 s01 steps to 1005 or 1006 (+0.5 %), s02 to 1200 or 1201
# (+20 %).
mkdir -p "$WORK/floor"
for k in $(seq 0 39); do
	{
		printf '{'
		for s in $(seq 1 17); do
			v=$((1000 + (k + s) % 2))
			[ "$k" -ge 20 ] && [ "$s" = 1 ] && v=$((v + 5))
			[ "$k" -ge 20 ] && [ "$s" = 2 ] && v=$((v + 200))
			printf '"s%02d": {"latency": {"value": %d}}%s' "$s" "$v" "$([ "$s" -lt 17 ] && echo ,)"
		done
		printf '}\n'
	} >"$WORK/floor/r$k.json"
	"$BENCHDB" --db "$WORK/floordb" ingest --format bmf --id "r$k" --commit "$(printf 'f%02d0000000' "$k")" \
		--timestamp "$(date -u -d "2026-01-01 +$k days" +%Y-%m-%dT00:00:00Z)" "$WORK/floor/r$k.json" >/dev/null
done
run "$BENCHDB" --db "$WORK/floordb" --format csv -c 'changes latency window 50 by series'
check "window 50: the +0.5 % and the +20 % steps, both at r20" \
	[ "$(awk -F, 'NR > 1 { printf "%s,%s,%.1f ", $1, $5, $11 }' "$OUT")" = 's01,f200000000,0.5 s02,f200000000,20.0 ' ]
run "$BENCHDB" --db "$WORK/floordb" --json -c 'changes latency window 50 floor 2% by series explain'
check_rc "window 50 floor 2%: runs" 0
check_out "window 50 floor 2%: the +20 % step alone" '"point": "s02"'
check "window 50 floor 2%: not the +0.5 % one" lacks '"point": "s01"' "$OUT"
check_out "window 50 floor 2%: the floor in the answer" '"window": 50, "floor_pct": 2,'
check_out "window 50 floor 2%: the explanation says the floor" \
	'above the floor 2% of the mean before'
run "$BENCHDB" --db "$WORK/floordb" chart 'trend latency'
check_rc "a chart of 17 series" 0
check "17 series: the +20 % step marked" [ "$(count '>f200000 +20.0%<' "$OUT")" = 1 ]
check "17 series: no mark of the +0.5 % step" [ "$(count '>f200000 +0.5%<' "$OUT")" = 0 ]
run "$BENCHDB" --db "$WORK/floordb" -c 'changes latency window 50 effect 2'
check_rc "window 50 effect 2: the windowed method has no effect" 2
check_err "window 50 effect 2: says so" '"window N" selects the windowed method, which takes no "using", "effect", "permutations" or "seed"'

finish
