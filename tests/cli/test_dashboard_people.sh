#!/usr/bin/env bash
# The dashboard (docs/serve.md) as a team lead uses it, in a real browser
# (tests/browser/test_dashboard_people.py, headless chromium through
# WebDriver as test_dashboard.sh): the charts from the keyboard and to a
# screen reader, a narrow window, links pasted into chat and opened again,
# and an overview left open while runs come. The store: dashboard_history.py's
# 12 runs (a 30% step of sort/1024 on cpu at run-07, run-02 without a
# commit) and a 13th whose id is 112 characters long; a 14th (its id 64 hex
# digits) comes while the overview is open; the report (`benchdb report`) of the 13 runs opened as a
# file. Screenshots: $BENCHDB_BUILD/people-*.png.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BUILD_DIR=$(cd "${BENCHDB_BUILD:-$ROOT/build}" && pwd)
DB=$WORK/db
PY=/usr/bin/python3
LONG=nightly-2026-10-13-main-build-0123456789abcdef0123456789abcdef-linux-x86_64-gcc13-O3-a-very-long-run-identifier

"$PY" "$ROOT/tests/browser/dashboard_history.py" "$WORK/history" 14
# run-13 under the long id; run-14 comes while the overview is open, with a
# metric "allocs" (of hash/4096) that sorts before the others, its id 64 hex
# digits.
"$PY" - "$WORK/history" "$LONG" <<'PYEOF'
import json, sys
run = json.load(open(sys.argv[1] + "/run-13.json"))
run["id"] = sys.argv[2]
json.dump(run, open(sys.argv[1] + "/run-13.json", "w"))
run = json.load(open(sys.argv[1] + "/run-14.json"))
run["id"] = "%064x" % 0xc0ffee14  # a SHA-256's 64 hex digits, a run id with no place to break
run["metric_defs"]["allocs"] = {"name": "allocs", "unit": "count", "direction": "lower"}
run["points"][2]["metrics"]["allocs"] = {"value": 12, "unit": "count"}
json.dump(run, open(sys.argv[1] + "/run-14.json", "w"))
PYEOF
mv "$WORK/history/run-14.json" "$WORK/run-14.json"
for f in "$WORK"/history/run-*.json; do
	"$BENCHDB" --db "$DB" ingest --no-env "$f" >/dev/null || fail "ingest $(basename "$f")" "exit $?"
done
run "$BENCHDB" --db "$DB" baseline set main run-03
check_rc "baseline main = run-03" 0

run "$BENCHDB" --db "$DB" report -o "$WORK/report.html"
check_rc "report" 0

browser_packages
start_server "$WORK/server.log" --db "$DB"
rm -f "$BUILD_DIR"/people-*.png
timeout 600 "$PY" "$ROOT/tests/browser/test_dashboard_people.py" "$URL" "$BUILD_DIR" "$BENCHDB" "$DB" \
	"$WORK/run-14.json" "$LONG" "$WORK/report.html" >"$WORK/browser.txt" 2>"$WORK/browser.txt.err"
browser_results "$WORK/browser.txt" $?
stop_server "$PID"
check "the server exits 0 on SIGTERM (exit $RC)" [ "$RC" = 0 ]
finish
