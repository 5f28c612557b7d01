#!/usr/bin/env bash
# A real browser opens the report: headless Debian chromium loads a report
# built from the example history (examples/history, the five nightly Google
# Benchmark runs `make demo` ingests), and the test reads its DOM
# (--dump-dom): each chart plots one dot per run of its series, and every
# dot's <title> (what hovering shows) names its run's commit. Screenshots
# go to $BENCHDB_BUILD/report-top.png and $BENCHDB_BUILD/report-chart.png
# for a person to look at (docs/report.md).
source "$(dirname "$0")/lib.sh"
BUILD_DIR=$(cd "${BENCHDB_BUILD:-$ROOT/build}" && pwd)
DB=$WORK/db
commits=(3f2a9c1 8b71d04 c4e0a77 19d5be2 e6a3f80)
for v in 1 2 3 4 5; do
	run "$BENCHDB" --db "$DB" ingest --format gbench --id "nightly-v$v" --commit "${commits[v - 1]}" \
		--branch main --timestamp "2026-11-$((15 + v))T02:00:00Z" \
		"$ROOT/examples/history/gbench-v$v.json"
	check_rc "ingest nightly-v$v" 0
done
run "$BENCHDB" --db "$DB" baseline set main nightly-v2
REPORT=$BUILD_DIR/report.html
run "$BENCHDB" --db "$DB" report -o "$REPORT" --title "benchdb: example history"
check_rc "report" 0

# Each run gets a fresh profile of its own (a profile left by one run would
# change the next one's start).
chromium_run() {
	local profile
	profile=$(mktemp -d "$WORK/chromium.XXXXXX") || return 1
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$profile" "$@" 2>>"$WORK/chromium.log"
}
if ! command -v chromium >/dev/null; then
	fail "chromium installed" "no chromium: make deps installs it"
	finish
fi
chromium_run --dump-dom "file://$REPORT" >"$WORK/dom.html"
check "chromium loaded the report" grep -q '<h2>Charts</h2>' "$WORK/dom.html"

# The DOM as the browser built it: per series group, its runs and its dots,
# and each dot's title.
python3 - "$WORK/dom.html" >"$WORK/dom.txt" <<'PY'
import sys
from html.parser import HTMLParser

class Walk(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.in_charts, self.series, self.title = [], False, None, None
        self.out = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append((tag, a))
        if tag == "section" and a.get("id") == "charts":
            self.in_charts = True
        if not self.in_charts:
            return
        if tag == "g" and a.get("class") == "series":
            self.series = [a["data-runs"], 0]
            self.out.append(self.series)
        if tag == "circle" and a.get("class", "").split()[0] == "pt":
            self.series[1] += 1
        if tag == "title" and len(self.stack) > 1 and self.stack[-2][0] == "circle":
            self.title = ""
    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag == "title" and self.title is not None:
            print("title", self.title)
            self.title = None
    def handle_data(self, data):
        if self.title is not None:
            self.title += data

w = Walk()
w.feed(open(sys.argv[1], encoding="utf-8").read())
for runs, dots in w.out:
    print("series", runs, dots)
PY
n_series=$(grep -c '^series ' "$WORK/dom.txt")
check "DOM: 15 series charted (5 points x 3 metrics)" [ "$n_series" = 15 ]
check "DOM: every series plots as many dots as it has runs" \
	[ "$(awk '$1 == "series" && $2 != $3' "$WORK/dom.txt" | wc -l)" = 0 ]
check "DOM: each series has the 5 runs of the history" \
	[ "$(awk '$1 == "series" && $2 == 5' "$WORK/dom.txt" | wc -l)" = 15 ]
# The store's own count: every observation is one dot.
run "$BENCHDB" --db "$DB" stats --json
obs=$(grep -o '"observations": [0-9]*' "$OUT" | grep -o '[0-9]*$')
check "DOM: dots = the store's $obs observations" \
	[ "$(awk '$1 == "series" { s += $3 } END { print s }' "$WORK/dom.txt")" = "$obs" ]
check "DOM: every dot has a title" [ "$(grep -c '^title ' "$WORK/dom.txt")" = "$obs" ]
for v in 1 2 3 4 5; do
	c=${commits[v - 1]}
	check "DOM: hovering a dot of nightly-v$v shows commit $c" \
		[ "$(grep -c "^title run nightly-v$v, commit $c, 2026-11-$((15 + v))T02:00:00Z: " "$WORK/dom.txt")" = 15 ]
done

# Screenshots for a person: the top of the report, and one chart alone.
rm -f "$BUILD_DIR/report-top.png" "$BUILD_DIR/report-chart.png"
chromium_run --screenshot="$BUILD_DIR/report-top.png" --window-size=1280,2000 "file://$REPORT" >/dev/null
check "screenshot of the report's top" [ -s "$BUILD_DIR/report-top.png" ]
run "$BENCHDB" --db "$DB" chart 'trend real_time of "BM_hash/4096"' -o "$BUILD_DIR/report-chart.svg"
chromium_run --screenshot="$BUILD_DIR/report-chart.png" --window-size=740,320 \
	"file://$BUILD_DIR/report-chart.svg" >/dev/null
check "screenshot of one chart" [ -s "$BUILD_DIR/report-chart.png" ]

# In a narrow window (400 px, a phone) the page is no wider than the
# window: a table wider than the page scrolls in its own box. The series
# grid and the change tables pushed the page past the window's edge, cut
# off with no way to see the rest but scrolling the whole page sideways.
# (WebDriver, for the page's measured widths: chromium-driver and
# python3-selenium, as tests/browser/test_dashboard.py.)
if /usr/bin/python3 -c 'import selenium' 2>/dev/null && [ -x /usr/bin/chromedriver ]; then
	timeout 120 /usr/bin/python3 - "file://$REPORT" >"$WORK/narrow.txt" 2>&1 <<'PYEOF'
import sys
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking"):
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.set_window_size(400, 900)
    driver.get(sys.argv[1])
    print("page %d in %d" % tuple(driver.execute_script(
        "const e = document.documentElement; return [e.scrollWidth, e.clientWidth]")))
finally:
    driver.quit()
PYEOF
	read -r _ pw _ pc < <(grep '^page ' "$WORK/narrow.txt")
	check "a 400 px window: the report no wider than it ($pw in $pc px)" [ "${pw:-1}" -le "${pc:-0}" ]
else
	fail "the narrow window's packages are installed" "chromium-driver, python3-selenium (make deps)"
fi
finish
