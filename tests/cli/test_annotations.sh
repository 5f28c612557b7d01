#!/usr/bin/env bash
# tests/cli/test_annotations.sh - annotate, show annotations, drop annotation:
# the store they write, the changes rows they mark, the errors they give
# (store unchanged), and that a backup keeps them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
# 20 runs of three go benchmarks, one a day; A and B step up by 50 % at run
# 11 (commit c110000aa), C stays flat. Noise: -2..+2 ns, the same each run.
mkdir -p "$WORK/in"
# run, with CSV's CRLF line ends read as LF.
runlf() {
	run "$@"
	tr -d '\r' <"$OUT" >"$OUT.lf" && mv "$OUT.lf" "$OUT"
}
for i in $(seq 1 20); do
	a=$((i <= 10 ? 100 : 150))
	d=$(((i * 7) % 5 - 2))
	printf 'goos: linux\ngoarch: amd64\npkg: example.com/m\nBenchmarkA-8 \t 1000\t %d ns/op\nBenchmarkB-8 \t 1000\t %d ns/op\nBenchmarkC-8 \t 1000\t %d ns/op\nPASS\n' \
		$((a + d)) $((2 * a + d)) $((300 + d)) >"$WORK/in/r$i.txt"
	"$BENCHDB" ingest --no-env -q --id "r$i" --commit "$(printf 'c%02d0000aa' "$i")" \
		--timestamp "2026-01-$(printf %02d "$i")T00:00:00Z" "$WORK/in/r$i.txt" >/dev/null
done

runlf "$BENCHDB" -c 'changes time as csv'
check_rc "changes runs" 0
# One group: 2 series at c110000aa, both +50 % (100 -> 150 ns, 200 -> 300 ns), no annotation.
check_out_exact "changes before annotating: one group, no annotation" \
	"$(printf '%s\n' 'commit,timestamp,kind,series,median_change_pct,worst_change_pct,worst_series,previous_commit,bisect,annotation' \
		'c110000aa,2026-01-11T00:00:00Z,step,2,50,50,"BenchmarkA {pkg=example.com/m, procs=8}",c100000aa,git log --oneline c100000aa..c110000aa,')"

# A prefix of a stored commit is resolved to it, as the run reference does.
runlf "$BENCHDB" -c 'annotate commit "c11" as intended "new allocator" as csv'
check_rc "annotate exits 0" 0
check_out_exact "annotate prints the stored annotation, commit resolved" \
	"$(printf '%s\n' 'commit,annotation,text' 'c110000aa,intended,new allocator')"
runlf "$BENCHDB" -c 'show annotations as csv'
check_out_exact "show annotations lists it" \
	"$(printf '%s\n' 'commit,annotation,text' 'c110000aa,intended,new allocator')"

runlf "$BENCHDB" -c 'changes time as csv'
check_out "the group row carries the annotation" \
	'c100000aa,git log --oneline c100000aa..c110000aa,intended: new allocator'
runlf "$BENCHDB" -c 'changes time by series as csv'
check "both series rows carry it" test "$(grep -c ',intended: new allocator$' "$OUT")" -eq 2
run "$BENCHDB" -c 'changes time of "BenchmarkA" as json'
check_out "JSON rows carry it" '"annotation": "intended: new allocator"'
check_out "JSON names the column" '"detail", "annotation", "previous_commit"'

# Annotating again replaces; ignore is the other kind. As a subcommand, the
# text is quoted for the statement.
run "$BENCHDB" annotate commit c110000aa as ignore '"runner change"'
check_rc "benchdb annotate (subcommand) exits 0" 0
runlf "$BENCHDB" -c 'show annotations as csv'
check_out_exact "annotating again replaces" \
	"$(printf '%s\n' 'commit,annotation,text' 'c110000aa,ignore,runner change')"
runlf "$BENCHDB" -c 'changes time by series as csv'
check "changes show the new kind" test "$(grep -c ',ignore: runner change$' "$OUT")" -eq 2

# Kept out of gates: the two regressions from the base (r10) to the judged
# run (r20) began at r11, whose commit is annotated: check passes and says
# so, and lists the annotated commits between the base and the judged run.
# A: 98 -> 148 ns (+51.0 %), B: 198 -> 298 ns (+50.5 %): noise -2 at r10 and r20.
"$BENCHDB" -c 'set baseline main = run r10' >/dev/null
run "$BENCHDB" check --format markdown
check_rc "check passes: the regressions began at an annotated commit" 0
check_out "check's markdown heading" "### :white_check_mark: benchdb: no regressions (threshold=5%)"
check_out "check's markdown says what it accepted" \
	'Accepted, not counted: 2 regression(s) that began at an annotated commit: BenchmarkA time +51.0% (ignore at c110000aa: runner change); BenchmarkB time +50.5% (ignore at c110000aa: runner change)'
check_out "check's markdown lists the annotation" '- `c110000aa` ignore: runner change'
run "$BENCHDB" -c 'regressions vs baseline main'
check_rc "regressions: exit 0" 0
check_out "regressions: no rows" "(no rows)"
check_out "regressions: a note names them" \
	'2 regression(s) began at an annotated commit and are not counted'
run "$BENCHDB" -c 'regressions vs baseline main as json'
check_out "regressions JSON: accepted 2" '"accepted": 2'
run "$BENCHDB" --fail -c 'regressions vs baseline main'
check_rc "regressions --fail: exit 0" 0
# Dropped, the annotation no longer keeps them out.
"$BENCHDB" -c 'drop annotation commit "c110000aa"' >/dev/null
run "$BENCHDB" check
check_rc "without the annotation check fails" 1
check_out "2 regressions" "FAIL: 2 regression(s) detected (threshold=5%):"
"$BENCHDB" annotate commit c110000aa as ignore '"runner change"' >/dev/null
"$BENCHDB" -c 'set baseline main = run r15' >/dev/null
run "$BENCHDB" check --format markdown
check_rc "check from r15: nothing regressed" 0
check "an annotation before the base is not listed" test "$(grep -c 'runner change' "$OUT")" -eq 0

# The charts of changes mark it: the SVG's label and the dot's title, the
# terminal chart's change line. Before, neither said anything of it.
run "$BENCHDB" -c 'changes time of "BenchmarkA" as svg'
check_rc "changes as svg exits 0" 0
check_out "the SVG's change label names the kind" '>c110000 +50.0% ignore</text>'
check_out "the SVG's dot title has the annotation" \
	'change point +50.0%, ignore: runner change</title>'
run "$BENCHDB" -c 'changes time of "BenchmarkA" as chart'
check_out "the terminal chart's change line has it" \
	'run r11, commit c110000 (ignore: runner change)'
# No control character of the text reaches the terminal (ESC as '?').
"$BENCHDB" -c "annotate commit \"c11\" as ignore \"a$(printf '\033')[31mb\"" >/dev/null
run "$BENCHDB" -c 'changes time of "BenchmarkA" as chart'
check_out "the terminal chart shows a control character as ?" 'commit c110000 (ignore: a?[31mb)'
"$BENCHDB" annotate commit c110000aa as ignore '"runner change"' >/dev/null

# The report's regressions section says the regressions it does not count
# (r10 -> r20, both began at the annotated c110000aa, as check says above):
# it said "No regressions." alone while its grid showed them red.
"$BENCHDB" -c 'set baseline main = run r10' >/dev/null
run "$BENCHDB" report -o "$WORK/report-accepted.html"
check_rc "report with accepted regressions exits 0" 0
check "the report says the 2 regressions it does not count, and why" grep -qF \
	'<p class="muted" id="accepted">2 regressions began at an annotated commit and are not counted: BenchmarkA time +51.0% (ignore at c110000aa: runner change); BenchmarkB time +50.5% (ignore at c110000aa: runner change)</p>' \
	"$WORK/report-accepted.html"
"$BENCHDB" -c 'set baseline main = run r15' >/dev/null

# The report and the dashboard's overview mark the change points' commit.
run "$BENCHDB" report -o "$WORK/report.html"
check_rc "report exits 0" 0
check "the report marks the annotated commit" grep -qF \
	'<tr><td>c110000aa<br/><span class="annotation">ignore: runner change</span></td>' "$WORK/report.html"
# The report's and the overview's groups of `changes` (the robust default)
# carry it too: 2 series +50 %, bisect c100000aa..c110000aa.
check "the report's change groups: the row of changes time" grep -qF \
	'<tr><td>time</td><td>c110000aa</td><td class="when">2026-01-11T00:00:00Z</td><td>step</td><td class="num">2</td><td class="num">+50.0%</td><td class="num">+50.0%</td><td>BenchmarkA {pkg=example.com/m, procs=8}</td><td>git log --oneline c100000aa..c110000aa</td><td>ignore: runner change</td></tr>' \
	"$WORK/report.html"
check "the report names the statement (20 runs: the whole history)" grep -qF \
	'<p class="muted"><code>changes METRIC</code> for each metric' "$WORK/report.html"
start_server "$WORK/serve.log" --read-only
curl -s --max-time 30 -o "$WORK/overview.json" "$URL/api/overview"
check "the overview's change group carries the annotation" grep -qF \
	'"commit": "c110000aa", "run": "r11", "annotation": "ignore: runner change"' "$WORK/overview.json"
check "the overview's robust groups: since the oldest of the newest 30 runs (all 20)" grep -qF \
	'"change_groups_since": null, "change_groups": [' "$WORK/overview.json"
check "the overview's robust group of time" grep -qF \
	'{"metric": "time", "commit": "c110000aa", "timestamp": "2026-01-11T00:00:00Z", "kind": "step", "series": "2", "median_change_pct": "+50.0%", "worst_change_pct": "+50.0%", "worst_series": "BenchmarkA {pkg=example.com/m, procs=8}", "bisect": "git log --oneline c100000aa..c110000aa", "annotation": "ignore: runner change"}' \
	"$WORK/overview.json"
stop_server "$PID"

# A creep of 10 ns a run (1,010 -> 1,200 ns over 20 days, noise -2..+2):
# one drift in the report's groups and the overview's, as changes says.
D2=$WORK/db2
for i in $(seq 1 20); do
	printf 'goos: linux\ngoarch: amd64\npkg: example.com/m\nBenchmarkD-8 \t 1000\t %d ns/op\nPASS\n' \
		$((1000 + 10 * i + (i * 7) % 5 - 2)) >"$WORK/in/d$i.txt"
	"$BENCHDB" --db "$D2" ingest --no-env -q --id "d$i" --commit "$(printf 'd%02d0000aa' "$i")" \
		--timestamp "2026-01-$(printf %02d "$i")T00:00:00Z" "$WORK/in/d$i.txt" >/dev/null
done
runlf "$BENCHDB" --db "$D2" -c 'changes time as csv'
check_out "changes: the creep is one drift, +18.8 %" 'd1,d010000aa,2026-01-01T00:00:00Z,drift,1010,1200,ns,18.81188118811881,'
# The charts mark what changes reports, not the windowed method's step
# along the creep (window 50 puts a +9.5 % step at d11).
run "$BENCHDB" --db "$D2" -c 'changes time window 50 as csv'
check "window 50 reads the creep as a step at d11" grep -q '^d11,d110000aa,' "$OUT"
run "$BENCHDB" --db "$D2" -c 'trend time as chart'
check "the terminal chart of the creep marks no change point" \
	bash -c "grep -q 'time · BenchmarkD' '$OUT' && ! grep -q 'change' '$OUT'"
run "$BENCHDB" --db "$D2" -c 'trend time as svg'
check "the SVG chart of the creep marks no change point" \
	bash -c "grep -q '<circle class=\"pt' '$OUT' && ! grep -q 'change point' '$OUT'"
run "$BENCHDB" --db "$D2" report -o "$WORK/report2.html"
check "the report's groups show the drift" grep -qF \
	'<tr><td>time</td><td>d010000aa</td><td class="when">2026-01-01T00:00:00Z</td><td>drift</td><td class="num">1</td><td class="num">+18.8%</td><td class="num">+18.8%</td>' \
	"$WORK/report2.html"
start_server "$WORK/serve3.log" --read-only --db "$D2"
curl -s --max-time 30 -o "$WORK/overview2.json" "$URL/api/overview"
check "the overview's groups show the drift" grep -qF \
	'{"metric": "time", "commit": "d010000aa", "timestamp": "2026-01-01T00:00:00Z", "kind": "drift", "series": "1", "median_change_pct": "+18.8%"' \
	"$WORK/overview2.json"
stop_server "$PID"

# On a server, annotate and drop annotation are writes: they need the token.
TOKEN=s3cret-annotations
printf '%s\n' "$TOKEN" >"$WORK/token"
start_server "$WORK/serve2.log" --token-file "$WORK/token"
http --data-binary 'annotate commit "c05" as intended "x"' "$URL/api/query"
check_status "annotate without the token: 401" 401
http --data-binary 'drop annotation commit "c11"' "$URL/api/query"
check_status "drop annotation without the token: 401" 401
http -H "Authorization: Bearer $TOKEN" --data-binary 'annotate commit "c05" as intended "x"' \
	"$URL/api/query"
check_status "annotate with the token: 200" 200
http -H "Authorization: Bearer $TOKEN" --data-binary 'drop annotation commit "c05"' \
	"$URL/api/query"
check_status "drop annotation with the token: 200" 200
stop_server "$PID"

# Errors: a caret at the commit or the kind, store unchanged; exit 2, or 3
# for a commit the store has no run or annotation of (as `compare commit zz`:
# the statement is fine, the data is missing).
"$BENCHDB" -c 'show annotations as csv' >"$WORK/before.csv"
for bad in '2|annotate commit "c1" as intended "x"|1:17: commit "c1" is ambiguous: it starts several stored commits' \
	'3|annotate commit "zz" as intended "x"|1:17: no stored run has commit "zz"' \
	'2|annotate commit "c11" as ignored "x"|1:26: expected "intended" or "ignore", found "ignored"; did you mean "ignore"?' \
	'2|annotate commit "c11" as intended|1:34: expected the annotation'"'"'s text (a quoted string), found end of input' \
	'3|drop annotation commit "c05"|1:24: no annotation of commit "c05"'; do
	code=${bad%%|*}
	bad=${bad#*|}
	run "$BENCHDB" -c "${bad%%|*}"
	check_rc "${bad%%|*}: exit $code" "$code"
	check_err "${bad%%|*}: the error" "${bad#*|}"
	"$BENCHDB" -c 'show annotations as csv' >"$WORK/after.csv"
	check "${bad%%|*}: store unchanged" cmp -s "$WORK/before.csv" "$WORK/after.csv"
done

# export --format json carries the annotation of the run's commit; the
# other formats have no place for it.
run "$BENCHDB" export --format json r11
check_rc "export --format json exits 0" 0
check_out "export json: the run's annotation" \
	'"annotation": {"kind": "ignore", "commit": "c110000aa", "text": "runner change"}'
run "$BENCHDB" export --format json r10
check "export json: a run of another commit has none" test "$(grep -c annotation "$OUT")" -eq 0
run "$BENCHDB" export r11
check "export benchkit: no annotation" test "$(grep -c annotation "$OUT")" -eq 0

# A backup keeps the annotations.
run "$BENCHDB" backup "$WORK/copy"
check_rc "backup exits 0" 0
runlf "$BENCHDB" --db "$WORK/copy" -c 'show annotations as csv'
check_out_exact "the backup has the annotation" \
	"$(printf '%s\n' 'commit,annotation,text' 'c110000aa,ignore,runner change')"
run "$BENCHDB" --db "$WORK/copy" verify
check_rc "the backup verifies" 0

runlf "$BENCHDB" -c 'drop annotation commit "c11" as csv'
check_rc "drop annotation exits 0" 0
check_out_exact "drop prints what it dropped" \
	"$(printf '%s\n' 'commit,annotation,text' 'c110000aa,ignore,runner change')"
runlf "$BENCHDB" -c 'show annotations as csv'
check_out_exact "none left" 'commit,annotation,text'
runlf "$BENCHDB" -c 'changes time by series as csv'
check "changes no longer marked" test "$(grep -c 'runner change' "$OUT")" -eq 0

# A whole commit that starts a longer one (a short hash in one run, the
# full one in another) names itself, not an ambiguous prefix: it could not
# be annotated or referred to before. A shorter prefix is still ambiguous.
cp "$WORK/in/r20.txt" "$WORK/in/r21.txt"
"$BENCHDB" ingest --no-env -q --id r21 --commit c110000a --timestamp 2026-01-21T00:00:00Z \
	"$WORK/in/r21.txt" >/dev/null
runlf "$BENCHDB" -c 'annotate commit "c110000a" as ignore "short hash" as csv'
check_rc "annotate a commit that starts another: exit 0" 0
check_out_exact "the whole commit is annotated, not the longer one" \
	"$(printf '%s\n' 'commit,annotation,text' 'c110000a,ignore,short hash')"
# It is c110000a's annotation: the step at c110000aa, a commit it starts,
# does not carry it (it did, as annotations match by prefix).
runlf "$BENCHDB" -c 'changes time as csv'
check "the step at c110000aa is not marked by c110000a's annotation" \
	test "$(grep -c 'short hash' "$OUT")" -eq 0
check_out "the step at c110000aa is still listed" 'c110000aa,2026-01-11T00:00:00Z,step,2,'
run "$BENCHDB" export --format json r11
check "export json of c110000aa's run: no annotation" test "$(grep -c annotation "$OUT")" -eq 0
run "$BENCHDB" export --format json r21
check_out "export json of c110000a's run: its annotation" \
	'"annotation": {"kind": "ignore", "commit": "c110000a", "text": "short hash"}'
runlf "$BENCHDB" -c 'compare commit "c110000a" with latest as csv'
check_rc "commit \"c110000a\" as a run reference: exit 0" 0
runlf "$BENCHDB" -c 'show runs as csv'
check_out "r21 is the run of commit c110000a" 'r21,2026-01-21T00:00:00Z,c110000a,'
run "$BENCHDB" -c 'annotate commit "c11000" as intended "x"'
check_rc "a prefix of both: exit 2" 2
check_err "a prefix of both: ambiguous" 'commit "c11000" is ambiguous: it starts several stored commits'
runlf "$BENCHDB" -c 'drop annotation commit "c110000a" as csv'
check_out_exact "drop takes the whole commit" \
	"$(printf '%s\n' 'commit,annotation,text' 'c110000a,ignore,short hash')"

# A regression after the annotated one still fails the gate: 100 ns up to
# run g3, 130 ns at g4 (annotated intended) and g5, 170 ns at g6. From g2:
# at g5 the +30 % began at g4, accepted; at g6 the value is 30.8 % worse
# than at g4 (170 / 130), more than the 5 % threshold: a regression.
G=$WORK/gate
for i in 1 2 3 4 5 6; do
	v=$((i <= 3 ? 100 : i <= 5 ? 130 : 170))
	printf '{"k": {"latency": {"value": %d}}}\n' "$v" >"$WORK/g$i.json"
	[ "$i" = 6 ] && continue
	"$BENCHDB" --db "$G" ingest --no-env --format bmf --id "g$i" --commit "g${i}0000" --branch main \
		--timestamp "2026-03-0${i}T00:00:00Z" "$WORK/g$i.json" >/dev/null
done
"$BENCHDB" --db "$G" baseline set main g2 >/dev/null
"$BENCHDB" --db "$G" annotate commit g40000 as intended '"new allocator"' >/dev/null
run "$BENCHDB" --db "$G" check
check_rc "the annotated regression alone: pass" 0
check_out "and says which" \
	"Accepted, not counted: 1 regression(s) that began at an annotated commit: k latency +30.0% (intended at g40000: new allocator)"
"$BENCHDB" --db "$G" ingest --no-env --format bmf --id g6 --commit g60000 --branch main \
	--timestamp 2026-03-06T00:00:00Z "$WORK/g6.json" >/dev/null
run "$BENCHDB" --db "$G" check
check_rc "worse again after the annotated commit: fail" 1
check_out "the whole regression is shown" "k latency: 100.00 → 170.00 (+70.0%)"

# --format markdown (the step summary, a PR comment) wrote the accepted line
# raw: an annotation's or a point's HTML, links and code spans rendered.
M=$WORK/mdgate
for i in 1 2 3 4 5; do
	v=$((i <= 3 ? 100 : 130))
	printf '{"<img src=x onerror=alert(1)>": {"latency": {"value": %d}}}\n' "$v" >"$WORK/m$i.json"
	"$BENCHDB" --db "$M" ingest --no-env --format bmf --id "m$i" --commit "m${i}0000" --branch main \
		--timestamp "2026-03-0${i}T00:00:00Z" "$WORK/m$i.json" >/dev/null
done
"$BENCHDB" --db "$M" baseline set main m2 >/dev/null
"$BENCHDB" --db "$M" annotate commit m40000 as intended \
	'"<script>x</script> | [a](javascript:alert(1))"' >/dev/null
run "$BENCHDB" --db "$M" check --format markdown
check_rc "markdown: the annotated regression alone: pass" 0
check_out "markdown: the accepted line escaped, point and annotation" \
	'Accepted, not counted: 1 regression(s) that began at an annotated commit: \<img src=x onerror=alert(1)> latency +30.0% (intended at m40000: \<script>x\</script> \| \[a\](javascript:alert(1)))'
run "$BENCHDB" --db "$M" check
check_out "text: the accepted line as it is" \
	'Accepted, not counted: 1 regression(s) that began at an annotated commit: <img src=x onerror=alert(1)> latency +30.0% (intended at m40000: <script>x</script> | [a](javascript:alert(1)))'

# A commit is free text: one with backticks ended the list's code span
# ('- `b4`x`<i>y</i>` intended', found by atk36); it is escaped text then.
B=$WORK/btgate
for i in 1 2 3 4 5; do
	v=$((i <= 3 ? 100 : 130))
	c="b${i}0000"
	[ "$i" = 4 ] && c='b4`x`<i>y</i>'
	printf '{"k": {"latency": {"value": %d}}}\n' "$v" >"$WORK/b$i.json"
	"$BENCHDB" --db "$B" ingest --no-env --format bmf --id "b$i" --commit "$c" --branch main \
		--timestamp "2026-03-0${i}T00:00:00Z" "$WORK/b$i.json" >/dev/null
done
"$BENCHDB" --db "$B" baseline set main b2 >/dev/null
"$BENCHDB" --db "$B" annotate commit '"b4`x`<i>y</i>"' as intended '"new allocator"' >/dev/null
run "$BENCHDB" --db "$B" check --format markdown
check_rc "markdown, a commit with backticks: pass" 0
check_out "markdown: that commit listed as escaped text, not a broken code span" \
	'- b4\`x\`\<i>y\</i> intended: new allocator'

run "$BENCHDB" annotate --help
check_rc "annotate --help exits 0" 0
check_out "annotate --help gives the usage" "annotate commit COMMIT as intended|ignore TEXT"
# An abbreviated hash and the full one are one commit: an annotation made
# with the full hash did not apply to a run ingested later with the short
# commit (a gate that passes --commit "$(git rev-parse --short HEAD)"), nor
# one made with the short commit to a run with the full hash.
H=$WORK/hashes
full() { printf '%02d%038d' "$1" 0 | tr 0 a; }
for i in 1 2 3 4 5 6; do
	v=$((i <= 2 ? 100 : i <= 4 ? 130 : 170))
	printf '{"fa": {"latency": {"value": %d}}}\n' "$v" >"$WORK/h$i.json"
	"$BENCHDB" --db "$H" ingest --no-env --format bmf --id "h$i" --commit "$(full "$i")" \
		--timestamp "2026-04-0${i}T00:00:00Z" "$WORK/h$i.json" >/dev/null
done
# The annotation is made with the full hash of the third run (the step).
"$BENCHDB" --db "$H" annotate commit "$(full 3)" as intended '"bigger buffers"' >/dev/null
for i in 1 2 3 4 5 6; do
	v=$((i <= 2 ? 200 : 260))
	printf '{"sh": {"latency": {"value": %d}}}\n' "$v" >"$WORK/s$i.json"
	"$BENCHDB" --db "$H" ingest --no-env --format bmf --id "s$i" --commit "$(full "$i" | cut -c1-7)" \
		--timestamp "2026-04-0${i}T12:00:00Z" "$WORK/s$i.json" >/dev/null
done
"$BENCHDB" --db "$H" baseline set main s2 >/dev/null
run "$BENCHDB" --db "$H" -c 'regressions vs baseline main of sh'
check_rc "a short commit under a full-hash annotation: regressions exit 0" 0
check_out "  the regression at the short commit is accepted" \
	'1 regression(s) began at an annotated commit and are not counted'
run "$BENCHDB" --db "$H" check
check_rc "  check passes" 0
# The reverse: annotated with the short commit of the fifth run (a step of fa
# alone), its run with the full hash is that commit.
run "$BENCHDB" --db "$H" annotate commit a5aaaaa as ignore '"runner change"'
check_out "the short commit is annotated" "a5aaaaa  ignore      runner change"
run "$BENCHDB" --db "$H" -c 'regressions vs run h4 in run h6 of fa'
check_rc "a full hash under a short-commit annotation: regressions exit 0" 0
check_out "  the regression at the full hash is accepted" \
	'1 regression(s) began at an annotated commit and are not counted'
finish
