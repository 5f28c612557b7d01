#!/usr/bin/env bash
# The dashboard of `benchdb serve` (docs/serve.md) in a real browser:
# headless Debian chromium driven through WebDriver (chromium-driver and
# python3-selenium, from make deps) by tests/browser/test_dashboard.py,
# against a real server on a free loopback port over a store built here
# (tests/browser/dashboard_history.py: 12 nightly runs, a 30% step at run 7,
# a bandwidth in B/s, a run without a commit and a point named
# <img src=x onerror=alert(1)>). Without chromium,
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
	"$BENCHDB" --db "$DB" ingest --no-env "$f" >/dev/null || fail "ingest $(basename "$f")" "exit $?"
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
# server_url LOG: the address a server writes to LOG, once it has (up to 10 s).
server_url() {
	local url=
	for _ in $(seq 100); do
		url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$1" | head -1)
		[ -n "$url" ] && break
		sleep 0.1
	done
	echo "$url"
}
"$BENCHDB" --db "$DB" serve --listen 127.0.0.1:0 2>"$WORK/server.log" &
SERVER=$!
URL=$(server_url "$WORK/server.log")
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
print("latest", sorted((s["point"], s["tags"]["backend"], s["metric"], s["latest"], s["unit"]) for s in d["series"] if s["point"] != "<img src=x onerror=alert(1)>"))
print("regressions shown", [(r["display"]["base"], r["display"]["current"], r["display"]["change_pct"], r["base"]) for r in d["regressions"]["rows"]])
print("sparklines", sum(1 for s in d["series"] if s["sparkline"].startswith("<svg width=\"120\"")))
PYEOF
check "overview: 12 runs, window 30, latest run-12, baseline run-03" grep -qxF "runs 12 30 run-12 run-03" "$WORK/overview.txt"
check "overview: the regressions statement's two rows" \
	grep -qxF "regressions [('sort/1024', 'cpu', 'time', 'moderate'), ('sort/1024', 'cpu', 'throughput', 'moderate')]" "$WORK/overview.txt"
# The step: 1000 * wobble -> 1300 * wobble from run 7; the robust default's
# medians before/after (runs 1-6, 7-12) give +29.4% and -22.7%, as
# `changes time` prints them (below; the windowed means gave +29.6%, -22.8%).
check "overview: one change group, commit c0ffee7, both metrics" \
	grep -qxF "changes [('c0ffee7', 'run-07', [('throughput', '-22.7%'), ('time', '+29.4%')])]" "$WORK/overview.txt"
run "$BENCHDB" --db "$DB" -c 'changes time of "sort/1024" where backend = cpu'
check "overview: the change % is the changes statement's" grep -q 'c0ffee7.*+29.4%' "$OUT"
check "overview: the grid's 9 series, regressions first, worst first" \
	grep -qxF "series 9 [('sort/1024', 'time', 'regression', '+28.1%'), ('sort/1024', 'throughput', 'regression', '-21.9%')]" "$WORK/overview.txt"
check "overview: 9 sparklines" grep -qxF "sparklines 9" "$WORK/overview.txt"
# Values as the CLI's table shows them (`compare baseline main with latest
# metric *` prints the same texts): 1000 * 0.99 * 1.3 = 1287 ns = 1.287 µs,
# 1e9 / 1287 = 777000.8 items/s = 777k (SI prefixes for a unit without a
# scale of its own, as the charts' ticks), 250 * 0.995 = 248.75 ns, the bandwidth
# 7020116304 B/s = 7.020 GB/s; the regressions' rows carry the table's text
# in display and keep their numbers (base 1005 ns = 1000 * 1.005, 1e9 /
# 1005 = 995024.876 items/s).
check "overview: latest values in their unit's scale, the stored unit beside them" \
	grep -qxF "latest [('hash/4096', 'cpu', 'bandwidth', '7.02 GB/s', 'B/s'), ('hash/4096', 'cpu', 'throughput', '4.02M items/s', 'items/s'), ('hash/4096', 'cpu', 'time', '248.8 ns', 'ns'), ('sort/1024', 'cpu', 'throughput', '777k items/s', 'items/s'), ('sort/1024', 'cpu', 'time', '1.287 µs', 'ns'), ('sort/1024', 'gpu', 'throughput', '2.488M items/s', 'items/s'), ('sort/1024', 'gpu', 'time', '402 ns', 'ns')]" "$WORK/overview.txt"
check "overview: the regressions' display texts beside their numbers" \
	grep -qxF "regressions shown [('1.005 µs', '1.287 µs', '+28.1%', 1005), ('995k items/s', '777k items/s', '-21.9%', 995024.876)]" "$WORK/overview.txt"
check "overview: no raw 7-digit-or-longer number where the page shows a value" \
	[ "$(grep -cE "'[0-9]{7,}(\.[0-9]+)? (B/s|ns|items/s)'" "$WORK/overview.txt")" = 0 ]
run "$BENCHDB" --db "$DB" -c 'compare baseline main with latest metric *'
check "overview: the CLI's table prints the same texts" \
	bash -c "grep -q 'bandwidth  *7.055 GB/s  *7.02 GB/s' '$OUT' && grep -q 'time  *1.005 µs  *1.287 µs' '$OUT'"

# /api/query?display=1: each row's cells as the table format's text too.
q_display() { # STATEMENT [display value]: GET /api/query into $WORK/q.json
	curl -s -o "$WORK/q.json" -w '%{http_code}' -G --data-urlencode "q=$1" \
		${2:+--data-urlencode "display=$2"} "$URL/api/query"
}
check "display=1: 200" [ "$(q_display 'compare baseline main with latest metric bandwidth' 1)" = 200 ]
check "display=1: the bandwidth row's numbers, and the table's text in display" \
	bash -c "grep -qF '\"metric\": \"bandwidth\", \"base\": 7055393270, \"current\": 7020116304, \"unit\": \"B/s\", \"change_pct\": -0.49999999503925596,' '$WORK/q.json' &&
		grep -qF '\"display\": {\"point\": \"hash/4096\", \"tags\": \"backend=cpu\", \"metric\": \"bandwidth\", \"base\": \"7.055 GB/s\", \"current\": \"7.02 GB/s\", \"unit\": \"B/s\", \"change_pct\": \"-0.5%\", \"verdict\": \"unchanged\", \"p_value\": \"-\", \"threshold\": \"5.0%\",' '$WORK/q.json'"
q_display 'summary run "run-07"' 1 >/dev/null
"$PY" - "$WORK/q.json" >"$WORK/q.txt" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["rows"]:
    if r["point"] == "sort/1024" and r["tags"]["backend"] == "cpu":
        print(r["metric"], r["value"], r["display"]["value"], r["display"]["lower"], r["display"]["upper"])
PYEOF
check "display=1: summary run-07's sort/1024 cpu time 1.287 µs (1.261 to 1.313), throughput 777k items/s" \
	bash -c "[ \"\$(cat '$WORK/q.txt')\" = \"\$(printf 'time 1287 1.287 µs 1.261 µs 1.313 µs\nthroughput 777000.777 777k items/s - -')\" ]"
q_display 'show runs' 1 >/dev/null
check "display=1: a run without a commit shows '-' (its commit stays null)" \
	grep -qF '"commit": null, "branch": "main", "points": 4, "metrics": 9, "display": {"id": "run-02", "timestamp": "2026-10-02T02:00:00Z", "commit": "-",' "$WORK/q.json"
q_display 'show runs' >/dev/null
run "$BENCHDB" --db "$DB" --json -c 'show runs'
check "no display: the bytes of benchdb --json, without display members" \
	bash -c "cmp -s '$OUT' '$WORK/q.json' && ! grep -q display '$WORK/q.json'"
q_display 'show runs' 0 >/dev/null
check "display=0: the same bytes" cmp -s "$OUT" "$WORK/q.json"
check "display=yes: 400" [ "$(q_display 'show runs' yes)" = 400 ]
check "display=yes: the error says what display takes" grep -qF '"error": "display: expected 1 or 0"' "$WORK/q.json"
check "POST /api/query?display=1: display members too" \
	[ "$(curl -s --data-binary 'trend bandwidth last 1' "$URL/api/query?display=1" | grep -c '"value": "7.02 GB/s"')" = 1 ]

check "overview: ?runs=1 is 400" [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/overview?runs=1")" = 400 ]
curl -s -o "$WORK/nobase.json" "$URL/api/overview?baseline=nope"
check "overview: a missing baseline is said, not an error" \
	grep -qF '"baseline": {"name": "nope", "run": null},' "$WORK/nobase.json"
# part=page: all but the change groups (the costly part); part=groups:
# those alone, the same as in the whole overview.
curl -s -o "$WORK/page.json" "$URL/api/overview?part=page"
curl -s -o "$WORK/groups.json" "$URL/api/overview?part=groups"
check "overview ?part=page: no change groups, the rest as the whole" "$PY" -c '
import json, sys
whole, page = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
del whole["change_groups"], whole["change_groups_since"], whole["change_groups_notes"]
sys.exit(whole != page)' "$WORK/overview.json" "$WORK/page.json"
check "overview ?part=groups: the whole overview's groups, alone" "$PY" -c '
import json, sys
whole, g = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
sys.exit(not (g["change_groups"] == whole["change_groups"] and len(whole["change_groups"]) > 0
              and g["change_groups_since"] == whole["change_groups_since"]
              and g["change_groups_notes"] == whole["change_groups_notes"]
              and set(g) == {"part", "change_groups", "change_groups_since", "change_groups_notes"}))' \
	"$WORK/overview.json" "$WORK/groups.json"
check "overview ?part=nope: 400" [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/overview?part=nope")" = 400 ]

# ---- in the browser ------------------------------------------------------------
# The report and the overview read the same newest runs for their change
# groups: over 40 runs, the step at run 7 is older than the newest 30 in
# both (the report read the newest 50 and listed it; the overview did not).
python3 "$ROOT/tests/browser/dashboard_history.py" "$WORK/history40" 40
for f in "$WORK"/history40/run-*.json; do
	"$BENCHDB" --db "$WORK/db40" ingest --no-env "$f" >/dev/null || fail "ingest 40: $(basename "$f")" "exit $?"
done
run "$BENCHDB" --db "$WORK/db40" report -o "$WORK/report40.html"
check_rc "report over 40 runs: exit 0" 0
"$PY" - "$WORK/report40.html" >"$WORK/report40.txt" <<'PYEOF'
import re, sys
s = open(sys.argv[1]).read()
i = s.index('id="change-groups"')
section = s[i:s.index("Marked on the charts", i)]
print("since", re.search(r"Since ([0-9-]+T[0-9:]+Z)", section).group(1))
print("groups", sorted(set(re.findall(r"<td>(c0ffe[0-9a-f]+)</td>", section))))
PYEOF
check "report over 40 runs: change groups since run-11, the 30th newest" grep -qxF "since 2026-10-11T02:00:00Z" "$WORK/report40.txt"
check "report over 40 runs: no group (run 7's step is older)" grep -qxF "groups []" "$WORK/report40.txt"
"$BENCHDB" --db "$WORK/db40" serve --listen 127.0.0.1:0 2>"$WORK/server40.log" &
SERVER40=$!
URL40=$(server_url "$WORK/server40.log")
curl -s -o "$WORK/groups40.json" "$URL40/api/overview?part=groups"
curl -s -o "$WORK/page40.json" "$URL40/api/overview?part=page"
kill -TERM "$SERVER40" && wait "$SERVER40"
"$PY" - "$WORK/page40.json" "$WORK/groups40.json" >"$WORK/overview40.txt" <<'PYEOF'
import json, sys
page, groups = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print("window", page["window"], groups["change_groups_since"])
print("groups", sorted(set(g["commit"] for g in groups["change_groups"])))
PYEOF
check "overview over 40 runs: the same window, since run-11" grep -qxF "window 30 2026-10-11T02:00:00Z" "$WORK/overview40.txt"
check "overview over 40 runs: the same groups as the report (none)" grep -qxF "groups []" "$WORK/overview40.txt"

# Runs without a commit (bmf results ingested without --commit): the
# change point at s06 (100 ns, then 150) showed the run's id as its commit,
# in the overview's JSON ("commit": "s06", beside "run": "s06") and the
# report's table. The commit is "-" (as the latest run's); the report says
# whose run it is.
for k in 01 02 03 04 05 06 07 08 09 10; do
	printf '{"step": {"latency": {"value": %d}}}\n' $((10#$k < 6 ? 100 : 150)) >"$WORK/nc$k.json"
	"$BENCHDB" --db "$WORK/nocommit" ingest --format bmf --id "s$k" --timestamp "2026-10-${k}T02:00:00Z" \
		"$WORK/nc$k.json" >/dev/null
done
"$BENCHDB" --db "$WORK/nocommit" serve --listen 127.0.0.1:0 --read-only 2>"$WORK/nc-server.log" &
NC=$!
NC_URL=$(server_url "$WORK/nc-server.log")
curl -s -o "$WORK/nc.json" "$NC_URL/api/overview?part=page"
kill -TERM "$NC"
wait "$NC"
check "no commit: the overview's change point has commit \"-\", not the run's id" \
	"$PY" -c 'import json, sys; c = json.load(open(sys.argv[1]))["changes"]
sys.exit(not (len(c) == 1 and c[0]["commit"] == "-" and c[0]["run"] == "s06"))' "$WORK/nc.json"
run "$BENCHDB" --db "$WORK/nocommit" report -o "$WORK/nc.html"
check "no commit: the report's change point says - (run s06)" grep -qF '<tr><td>- (run s06)</td>' "$WORK/nc.html"

browser_packages
# browser_page URL READY_JS TEXT_JS [WIDTH]: opens URL in headless chromium
# (a window WIDTH px wide, 1280 unless given), waits (60 s at most) until
# READY_JS is true, prints what TEXT_JS returns.
browser_page() {
	timeout 120 "$PY" - "$@" 2>&1 <<'PYEOF'
import sys
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=%s,1400" % (sys.argv[4] if len(sys.argv) > 4 else 1280),
            "--no-first-run", "--disable-background-networking"):
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.get(sys.argv[1])
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return " + sys.argv[2]))
    print(driver.execute_script("return " + sys.argv[3]))
finally:
    driver.quit()
PYEOF
}
rm -f "$BUILD_DIR"/dashboard-*.png
timeout 600 "$PY" "$ROOT/tests/browser/test_dashboard.py" "$URL" "$BUILD_DIR" "$RUNS" >"$WORK/browser.txt" 2>"$WORK/browser.txt.err"
browser_results "$WORK/browser.txt" $?
for page in overview series compare console run; do
	check "screenshot of the $page page" [ -s "$BUILD_DIR/dashboard-$page.png" ]
done
# Real long names: kedro-org/kedro's asv results (tests/realdata), whose
# change points name series of a 60-character point and 100 characters of
# comma-joined tags. Their table ran 400 px past its card in a 1280 px
# window; tags and linked names now break anywhere and the table fits.
run "$BENCHDB" --db "$WORK/kedro" import-asv "$ROOT/tests/realdata/asv/kedro-org__kedro-benchmark-results/.asv/results"
check_rc "kedro's 100 asv results imported" 0
"$BENCHDB" --db "$WORK/kedro" serve --listen 127.0.0.1:0 --read-only 2>"$WORK/kedro-server.log" &
KEDRO=$!
KEDRO_URL=$(server_url "$WORK/kedro-server.log")
browser_page "$KEDRO_URL/" "!!document.body.dataset.ready && !!document.querySelector('#changes tbody tr')" \
	"(() => { const c = document.getElementById('changes');
		return 'rows ' + document.querySelectorAll('#changes tbody tr').length
			+ '\\nchanges ' + c.scrollWidth + ' in ' + c.clientWidth; })()" >"$WORK/kedro.txt"
kill -TERM "$KEDRO"
wait "$KEDRO"
check "kedro: the overview lists its change points" grep -q '^rows [1-9]' "$WORK/kedro.txt"
read -r _ kw _ kc < <(grep '^changes ' "$WORK/kedro.txt")
check "kedro: the change points' table fits its card at 1280 px ($kw in $kc px)" [ "${kw:-1}" -le "${kc:-0}" ]

# A run of another suite, older than kedro's, that shares no series with them.
printf 'goos: linux\ngoarch: amd64\npkg: example.com/m\nBenchmarkOther-8 \t 1000\t 100 ns/op\nPASS\n' >"$WORK/other.txt"
"$BENCHDB" --db "$WORK/kedro" ingest --no-env -q --id other-go --timestamp 2000-01-01T00:00:00Z "$WORK/other.txt" >/dev/null
# In a phone's window (390 px) the cells of series names keep 15em (210 px
# at 14 px): the change points' cell of kedro's names was 99 px wide (10
# characters a line), the grid's 63 px; their tables scroll in the card.
"$BENCHDB" --db "$WORK/kedro" serve --listen 127.0.0.1:0 --read-only 2>"$WORK/kedro-server.log" &
KEDRO=$!
KEDRO_URL=$(server_url "$WORK/kedro-server.log")
browser_page "$KEDRO_URL/" "!!document.body.dataset.ready && !!document.querySelector('#changes tbody tr')" \
	"['changes', 'grid'].map((id) => id + ' ' + Math.min(...[...document.querySelectorAll('#' + id + ' td')]
		.filter((td) => td.querySelector('.point')).map((td) => td.getBoundingClientRect().width))).join('\\n')" \
	390 >"$WORK/phone.txt"
# ... and a value keeps its unit on its line: the compare page's numbers of
# kedro's newest two runs broke as "210.6" over "ms" beside the long names.
browser_page "$KEDRO_URL/#/compare" "document.body.dataset.page === 'compare' && !!document.body.dataset.ready
		&& !!document.querySelector('#compare-result td.num')" \
	"'lines ' + Math.max(...[...document.querySelectorAll('#compare-result td.num')].map((td) => {
		const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length; }))" \
	390 >>"$WORK/phone.txt"
# The compare page's bars of kedro's newest two runs (80 series): each label
# says what tells its series apart in 46 characters. Cut at their end, 26
# labels were distinct (12 read "benchmark_validation.ContextParamsTimeSuite.t…");
# now 76: the 4 pairs left differ only inside their middle
# ("…runner.RunnerT…und_runner ThreadRunner · time": compute_ or io_bound).
browser_page "$KEDRO_URL/#/compare" "document.body.dataset.page === 'compare' && !!document.body.dataset.ready
		&& !!document.querySelector('#compare-chart svg')" \
	"(() => { const t = [...document.querySelectorAll('#compare-chart svg text[text-anchor=end]')]
		.filter((e) => !/%$/.test(e.textContent)).map((e) => e.textContent);
		return 'bars ' + t.length + ' labels ' + new Set(t).size; })()" >"$WORK/bars.txt"
# Two runs of no series in common: no empty chart of bars (there was an
# axis alone under its heading).
KEDRO_FIRST=$("$BENCHDB" --db "$WORK/kedro" -c 'show runs' | tail -2 | head -1 | cut -d' ' -f1)
browser_page "$KEDRO_URL/#/compare?a=other-go&b=$KEDRO_FIRST" "document.body.dataset.page === 'compare' && !!document.body.dataset.ready
		&& !!document.querySelector('#compare-result table')" \
	"'bar charts ' + document.querySelectorAll('#compare-chart').length" >>"$WORK/bars.txt"
kill -TERM "$KEDRO"
wait "$KEDRO"
read -r _ nb _ nl < <(grep '^bars ' "$WORK/bars.txt")
check "kedro compare: a bar per compared series ($nb)" [ "${nb:-0}" = 80 ]
check "kedro compare: 76 distinct bar labels of 80 ($nl)" [ "${nl:-0}" = 76 ]
check "compare without a change %: no chart of bars" grep -qxF 'bar charts 0' "$WORK/bars.txt"
read -r _ cw < <(grep '^changes ' "$WORK/phone.txt")
read -r _ gw < <(grep '^grid ' "$WORK/phone.txt")
check "phone: the change points' series cells are 210 px wide or more ($cw)" [ "${cw%.*}" -ge 210 ]
check "phone: the grid's series cells are 210 px wide or more ($gw)" [ "${gw%.*}" -ge 210 ]
check "phone: the compare page's values each on one line" grep -qxF 'lines 1' "$WORK/phone.txt"

# A chart of several series (small multiples cut their titles): hovering a
# dot names its series before its run (run-01 of sort/1024 on gpu; the dots
# of cpu come first), as the series' data-label.
browser_page "$URL/#/query?q=trend%20time%20of%20%22sort%2F1024%22" \
	"document.body.dataset.page === 'query' && !!document.body.dataset.ready" \
	"(() => { const dots = document.querySelectorAll('#console-chart svg g.series circle.pt');
		dots[12].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
		return document.querySelector('#console-result .hover').textContent; })()" >"$WORK/hover.txt"
check "console: hovering a dot of one of 2 series names the series" \
	grep -q '^sort/1024 \[backend=gpu\]: run run-01, commit c0ffee1, 2026-10-01T02:00:00Z: ' "$WORK/hover.txt"

# An empty store (a new server's, writes allowed): the overview's grid was a
# header row alone; it says how runs come.
head -c 32 /dev/urandom | base64 >"$WORK/token"
chmod 600 "$WORK/token"
"$BENCHDB" --db "$WORK/empty" serve --listen 127.0.0.1:0 --token-file "$WORK/token" 2>"$WORK/empty-server.log" &
EMPTY=$!
EMPTY_URL=$(server_url "$WORK/empty-server.log")
browser_page "$EMPTY_URL/" "!!document.body.dataset.ready" \
	"document.getElementById('grid').innerText" >"$WORK/empty.txt"
kill -TERM "$EMPTY"
wait "$EMPTY"
check "empty store: the overview's grid says how runs come, not a bare table" \
	grep -qxF "No series yet: runs come with benchdb push --server $EMPTY_URL FILE (or benchdb ingest on this store)." "$WORK/empty.txt"

# A result of more rows than a page holds: 105 series of 20 runs, `trend
# latency` 2,100 rows; the console shows the first 2,000 and says so (a
# trend of 60,000 rows held the tab for most of a minute).
for r in $(seq -w 1 20); do
	"$PY" -c 'import json, sys; json.dump({"p%03d" % i: {"latency": {"value": 100 + i}} for i in range(105)}, sys.stdout)' \
		>"$WORK/many$r.json"
	"$BENCHDB" --db "$WORK/many" ingest --format bmf --id "m$r" --timestamp "2026-10-${r}T02:00:00Z" \
		"$WORK/many$r.json" >/dev/null
done
"$BENCHDB" --db "$WORK/many" serve --listen 127.0.0.1:0 --read-only 2>"$WORK/many-server.log" &
MANY=$!
MANY_URL=$(server_url "$WORK/many-server.log")
browser_page "$MANY_URL/#/query?q=trend%20latency" \
	"document.body.dataset.page === 'query' && !!document.body.dataset.ready" \
	"document.querySelectorAll('#console-result tbody tr').length + ' ' + document.getElementById('console-rows-cut').textContent" \
	>"$WORK/many.txt"
# ... and 210 series (105 more under a second name): the series page draws
# no chart of them (it drew every one: a store of 2,000 series made a 10 MB
# picture 122,736 px tall), says why and lists them.
for r in 01 02; do
	"$PY" -c 'import json, sys; json.dump({"q%03d" % i: {"latency": {"value": 100 + i}} for i in range(105)}, sys.stdout)' \
		>"$WORK/more$r.json"
	"$BENCHDB" --db "$WORK/many" ingest --format bmf --id "n$r" --timestamp "2026-11-${r}T02:00:00Z" \
		"$WORK/more$r.json" >/dev/null
done
browser_page "$MANY_URL/#/series" "document.body.dataset.page === 'series' && !!document.body.dataset.ready" \
	"document.querySelectorAll('#series-chart').length + ' ' + document.querySelectorAll('#series-matches a.open-series').length
		+ ' ' + document.getElementById('series-too-many').textContent" >>"$WORK/many.txt"
browser_page "$MANY_URL/#/series?point=q*&metric=latency" "document.body.dataset.page === 'series' && !!document.body.dataset.ready" \
	"document.querySelectorAll('#series-chart svg g.panel').length + ' panels'" >>"$WORK/many.txt"
kill -TERM "$MANY"
wait "$MANY"
check "series: 210 series, no chart, the list and why" grep -qxF \
	"0 210 210 series match: the chart draws at most 200. Narrow it by point (a glob such as BM_sort/*) or tag, or open one below." \
	"$WORK/many.txt"
check "series: 105 of them, narrowed by a glob, charted" grep -qxF "105 panels" "$WORK/many.txt"
check "console: 2,000 rows of 2,100 shown, and said" grep -qxF \
	"2000 The first 2000 rows of 2100 (narrow the statement with of, where or last; benchdb -c or /api/query give them all)." \
	"$WORK/many.txt"

# Regressions that began at an annotated commit: `regressions` counts none
# and says which it left out; the overview showed "2 regressions" in its
# badge and "No regressions (threshold 5%)." under it, and never why. The
# step at run-07 (commit c0ffee7) gives sort/1024 cpu +28.1% and -21.9%
# against run-03, as the checks above; the note is the statement's.
"$BENCHDB" --db "$DB" annotate commit c0ffee7 as intended '"new sort"' >/dev/null
browser_page "$URL/" "!!document.body.dataset.ready" \
	"document.getElementById('latest-vs-baseline').innerText" >"$WORK/accepted.txt"
"$BENCHDB" --db "$DB" -c 'drop annotation commit "c0ffee7"' >/dev/null
check "overview: no regression counted against the annotated commit" grep -qxF 'No regressions (threshold 5%).' "$WORK/accepted.txt"
check "overview: the 2 regressions it does not count, and why" grep -qxF \
	'2 regressions began at an annotated commit and are not counted: sort/1024 time +28.1% (intended at c0ffee7: new sort); sort/1024 throughput -21.9% (intended at c0ffee7: new sort)' \
	"$WORK/accepted.txt"

# The server stops cleanly after all that (under ASan: no error, no leak).
kill -TERM "$SERVER"
wait "$SERVER"
rc=$?
SERVER=
check "the server exits 0 on SIGTERM (exit $rc)" [ "$rc" = 0 ]
check "the server's log holds no sanitizer report" [ "$(grep -c 'Sanitizer' "$WORK/server.log")" = 0 ]
finish
