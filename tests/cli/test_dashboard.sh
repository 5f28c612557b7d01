#!/usr/bin/env bash
# The dashboard of `benchdb serve` (docs/serve.md) in a real browser:
# headless Debian chromium driven through WebDriver (chromium-driver and
# python3-selenium, from make deps) by tests/browser/test_dashboard.py,
# against a real server on a free loopback port over a store built here
# (tests/browser/dashboard_history.py: 12 nightly runs, a 30% step at run 7,
# and a point named <img src=x onerror=alert(1)>). Without chromium,
# chromedriver or selenium the suite fails: CI installs them (DEB_PKGS).
#
# Before the browser, curl checks what the browser cannot see: the page's
# Content-Security-Policy, the assets and their types, /api/overview's JSON.
# Screenshots of each page go to $BENCHDB_BUILD/dashboard-*.png for a
# person to look at (copies in docs/, shown in docs/serve.md).
source "$(dirname "$0")/lib.sh"
BUILD_DIR=$(cd "${BENCHDB_BUILD:-$ROOT/build}" && pwd)
DB=$WORK/db
RUNS=12
PY=/usr/bin/python3 # Debian's python3, which python3-selenium installs into

python3 "$ROOT/tests/browser/dashboard_history.py" "$WORK/history" "$RUNS"
for f in "$WORK"/history/run-*.json; do
	"$BENCHDB" --db "$DB" ingest "$f" >/dev/null || fail "ingest $(basename "$f")" "exit $?"
done
run "$BENCHDB" --db "$DB" baseline set main run-03
check_rc "baseline main = run-03" 0
run "$BENCHDB" --db "$DB" -c 'show runs'
check "the store has $RUNS runs" [ "$(grep -c '^run-' "$OUT")" = "$RUNS" ]

SERVER=
stop() {
	[ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	rm -rf "$WORK"
}
trap stop EXIT
"$BENCHDB" --db "$DB" serve --listen 127.0.0.1:0 2>"$WORK/server.log" &
SERVER=$!
URL=
for _ in $(seq 100); do
	URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/server.log" | head -1)
	[ -n "$URL" ] && break
	sleep 0.1
done
check "the server started on a free loopback port" [ -n "$URL" ]
[ -n "$URL" ] || finish

# ---- over HTTP --------------------------------------------------------------
curl -s -D "$WORK/headers" -o "$WORK/index.html" "$URL/"
check "GET /: 200 text/html" grep -qi '^content-type: text/html; charset=utf-8' "$WORK/headers"
check "GET /: the policy runs only the page's own script, no inline style" \
	grep -qF "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" "$WORK/headers"
check "GET /: no inline script in the page" [ "$(grep -c '<script>' "$WORK/index.html")" = 0 ]
check "GET /: the page loads /assets/dashboard.js" grep -qF '<script src="/assets/dashboard.js" defer></script>' "$WORK/index.html"
curl -s -D "$WORK/headers" -o "$WORK/dashboard.js" "$URL/assets/dashboard.js"
check "GET /assets/dashboard.js: text/javascript, the file compiled in" \
	bash -c "grep -qi '^content-type: text/javascript' '$WORK/headers' && cmp -s '$WORK/dashboard.js' '$ROOT/web/assets/dashboard.js'"
check "the script never writes HTML from data (no innerHTML, no eval)" \
	[ "$(grep -cE 'innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function' "$ROOT/web/assets/dashboard.js")" = 0 ]
curl -s -o "$WORK/dashboard.css" "$URL/assets/dashboard.css"
check "GET /assets/dashboard.css: the style sheet, then the charts' rules" \
	bash -c "head -c \$(stat -c %s '$ROOT/web/assets/dashboard.css') '$WORK/dashboard.css' | cmp -s - '$ROOT/web/assets/dashboard.css' && grep -qF '.pt.reg{fill:#d62728' '$WORK/dashboard.css'"
check "GET /assets/nope.js: 404" [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/assets/nope.js")" = 404 ]
check "GET /assets/..%2Fserve.c: 404 (no path reaches the filesystem)" \
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/assets/..%2Fserve.c")" = 404 ]
check "POST /: 405" [ "$(curl -s -o /dev/null -w '%{http_code}' -d x "$URL/")" = 405 ]
curl -s -o "$WORK/overview.json" "$URL/api/overview"
"$PY" - "$WORK/overview.json" >"$WORK/overview.txt" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
print("runs", d["runs"], d["window"], d["latest"]["id"], d["baseline"]["run"])
print("regressions", [(r["point"], r["tags"]["backend"], r["metric"], r["severity"]) for r in d["regressions"]["rows"]])
print("changes", [(c["commit"], c["run"], [(s["metric"], s["change_pct"]) for s in c["series"]]) for c in d["changes"]])
print("series", len(d["series"]), [(s["point"], s["metric"], s["verdict"], s["change_pct"]) for s in d["series"][:2]])
print("sparklines", sum(1 for s in d["series"] if s["sparkline"].startswith("<svg width=\"120\"")))
PYEOF
check "overview: 12 runs, window 30, latest run-12, baseline run-03" grep -qxF "runs 12 30 run-12 run-03" "$WORK/overview.txt"
check "overview: the regressions statement's two rows" \
	grep -qxF "regressions [('sort/1024', 'cpu', 'time', 'moderate'), ('sort/1024', 'cpu', 'throughput', 'moderate')]" "$WORK/overview.txt"
# The step: 1000 * wobble -> 1300 * wobble from run 7; the windowed test's
# means before/after (runs 1-6, 7-12) give +29.6% and -22.8%, as
# `changes time window 50` prints them (below).
check "overview: one change group, commit c0ffee7, both metrics" \
	grep -qxF "changes [('c0ffee7', 'run-07', [('throughput', '-22.8%'), ('time', '+29.6%')])]" "$WORK/overview.txt"
run "$BENCHDB" --db "$DB" -c 'changes time of "sort/1024" where backend = cpu window 50'
check "overview: the change % is the changes statement's" grep -q 'c0ffee7.*+29.6%' "$OUT"
check "overview: the grid's 8 series, regressions first, worst first" \
	grep -qxF "series 8 [('sort/1024', 'time', 'regression', '+28.1%'), ('sort/1024', 'throughput', 'regression', '-21.9%')]" "$WORK/overview.txt"
check "overview: 8 sparklines" grep -qxF "sparklines 8" "$WORK/overview.txt"
check "overview: ?runs=1 is 400" [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/overview?runs=1")" = 400 ]
curl -s -o "$WORK/nobase.json" "$URL/api/overview?baseline=nope"
check "overview: a missing baseline is said, not an error" \
	grep -qF '"baseline": {"name": "nope", "run": null},' "$WORK/nobase.json"

# ---- in the browser ------------------------------------------------------------
missing=""
command -v chromium >/dev/null || missing="$missing chromium"
[ -x /usr/bin/chromedriver ] || missing="$missing chromium-driver"
"$PY" -c 'import selenium' 2>/dev/null || missing="$missing python3-selenium"
if [ -n "$missing" ]; then
	fail "the browser test's packages are installed" "missing:$missing (make deps installs them)"
	finish
fi
rm -f "$BUILD_DIR"/dashboard-*.png
timeout 600 "$PY" "$ROOT/tests/browser/test_dashboard.py" "$URL" "$BUILD_DIR" "$RUNS" >"$WORK/browser.txt" 2>"$WORK/browser.err"
rc=$?
while IFS= read -r line; do
	case $line in
	"PASS "*) pass "browser: ${line#PASS }" ;;
	"FAIL "*) name=${line#FAIL }; fail "browser: ${name%%: *}" "${name#*: }" ;;
	esac
done <"$WORK/browser.txt"
check "browser: the WebDriver script exited 0 (exit $rc)" [ "$rc" = 0 ]
[ "$rc" = 0 ] || head -c 3000 "$WORK/browser.err"
for page in overview series compare console run; do
	check "screenshot of the $page page" [ -s "$BUILD_DIR/dashboard-$page.png" ]
done
# The server stops cleanly after all that (under ASan: no error, no leak).
kill -TERM "$SERVER"
wait "$SERVER"
rc=$?
SERVER=
check "the server exits 0 on SIGTERM (exit $rc)" [ "$rc" = 0 ]
check "the server's log holds no sanitizer report" [ "$(grep -c 'Sanitizer' "$WORK/server.log")" = 0 ]
finish
