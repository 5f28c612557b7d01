#!/usr/bin/env bash
# Links to the dashboard (docs/serve.md) as a team shares them, in a real
# browser (tests/browser/test_dashboard_links.py, headless chromium through
# WebDriver as test_dashboard.sh): the overview's filter in its link, commits
# of 40 characters shown as git log --oneline shows them, `as html` in the
# console, links that name what they show while the store changes under
# them. The store: 12 runs (a 13th added during the test), commit sha1("N") each, a 30% step of
# sort/1024 at run-07, points named with HTML, quotes, unicode and #?%/ and
# <img src=x onerror=alert(1)>. Screenshots: $BENCHDB_BUILD/links-*.png.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BUILD_DIR=$(cd "${BENCHDB_BUILD:-$ROOT/build}" && pwd)
DB=$WORK/db
PY=/usr/bin/python3

"$PY" - "$WORK/history" <<'PYEOF'
import hashlib, json, os, sys
out = sys.argv[1]
os.makedirs(out)
names = ["sort/1024", 'we"ird <b>x</b> #?%/ \u00e9', "plain", "<img src=x onerror=alert(1)>"]
for i in range(1, 14):
    points = []
    for k, name in enumerate(names):
        t = 100.0 * (1 + 0.01 * ((i + k) % 3))
        if k == 0 and i >= 7:
            t *= 1.3
        points.append({"name": name, "tags": {"backend": 'c#?%/"<i>'},
                       "metrics": {"time": {"value": t, "unit": "ns"}}})
    run = {"id": "run-%02d" % i, "timestamp": "2026-10-%02dT02:00:00Z" % i,
           "commit": hashlib.sha1(str(i).encode()).hexdigest(), "branch": "main",
           "metric_defs": {"time": {"name": "time", "unit": "ns", "direction": "lower"}},
           "points": points}
    with open(os.path.join(out, "run-%02d.json" % i), "w") as f:
        json.dump(run, f)
PYEOF
# Run 13 comes while the browser has the pages open.
mv "$WORK/history/run-13.json" "$WORK/run-13.json"
for f in "$WORK"/history/run-*.json; do
	"$BENCHDB" --db "$DB" ingest --no-env "$f" >/dev/null || fail "ingest $(basename "$f")" "exit $?"
done
run "$BENCHDB" --db "$DB" baseline set main run-03
check_rc "baseline main = run-03" 0
run "$BENCHDB" --db "$DB" baseline set 'rel "1" #?%/ é' run-05
check_rc "baseline 'rel \"1\" #?%/ é' = run-05" 0
c7=$("$PY" -c 'import hashlib; print(hashlib.sha1(b"7").hexdigest())')
c6=$("$PY" -c 'import hashlib; print(hashlib.sha1(b"6").hexdigest())')

# The report's change tables: the commit's first 10 characters shown, the
# rest in the text (a double click selects it all) but not shown, the whole
# hash as its title. They showed all 40.
run "$BENCHDB" --db "$DB" report -o "$WORK/report.html"
check_rc "report" 0
short="<code class=\"commit\" title=\"$c7\">${c7:0:10}<span class=\"hash-rest\">${c7:10}</span></code>"
check "report: the change points' commit is short, the whole hash its title" \
	grep -qF "<tr><td>$short</td><td class=\"when\">2026-10-07T02:00:00Z</td>" "$WORK/report.html"
check "report: the change groups' commit is short too" \
	grep -qF "<tr><td>time</td><td>$short</td>" "$WORK/report.html"
check "report: the change groups' bisect names the 10 characters' commits" \
	grep -qF "git log --oneline ${c6:0:10}..${c7:0:10}" "$WORK/report.html"
check "report: its style sheet hides the rest of a hash" grep -qF '.hash-rest{font-size:0}' "$WORK/report.html"
check "report: no 40-character commit shown as text of a cell" \
	[ "$(grep -cE '<td>[0-9a-f]{40}' "$WORK/report.html")" = 0 ]

browser_packages
start_server "$WORK/server.log" --db "$DB"
rm -f "$BUILD_DIR"/links-*.png
timeout 600 "$PY" "$ROOT/tests/browser/test_dashboard_links.py" "$URL" "$BUILD_DIR" "$BENCHDB" "$DB" "$WORK/run-13.json" >"$WORK/browser.txt" 2>"$WORK/browser.txt.err"
browser_results "$WORK/browser.txt" $?
stop_server "$PID"
check "the server exits 0 on SIGTERM (exit $RC)" [ "$RC" = 0 ]
finish
