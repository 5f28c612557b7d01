#!/usr/bin/python3
"""The dashboard as a team lead uses it, in a real browser (headless Debian
chromium through WebDriver, as test_dashboard.py), against a `benchdb serve`
that tests/cli/test_dashboard_people.sh started over dashboard_history.py's
store, its 13th run named LONG.

usage: test_dashboard_people.py BASE_URL SHOTS_DIR BENCHDB DB RUN14 LONG REPORT

BENCHDB --db DB ingests RUN14 (run-14) while the overview is open. REPORT
is the store's `benchdb report` (of its 13 runs), opened as a file.

Prints "PASS name" or "FAIL name :: why" per check; screenshots go to
SHOTS_DIR/people-*.png.
"""
import json
import subprocess
import sys
import traceback
from urllib.parse import unquote

from browser_lib import Pages, check, report, start
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

BASE, SHOTS, BENCHDB, DB, RUN14, LONG, REPORT = sys.argv[1:8]
RUN14_ID = json.load(open(RUN14))["id"]

driver, wait = start()
pages = Pages(driver, wait)
loaded, go, open_url = pages.loaded, pages.go, pages.open_url


def shot(name):
    pages.shot("%s/people-%s.png" % (SHOTS, name))


def js(script, *args):
    return driver.execute_script(script, *args)


# The lines an element's text takes.
LINES = ("const r = document.createRange(); r.selectNodeContents(arguments[0]);"
         " return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size")


def readout():
    return driver.find_element(By.ID, "hover").text


try:
    # ---- a chart from the keyboard, and to a screen reader ----------------------
    # The dots' run, commit and value showed on a mouse's hover only: the
    # chart took no focus, and its points were not text a screen reader
    # reads (the SVG is one image). Now the chart is a stop of Tab, the
    # arrows step through its runs, the readout says each (a live region),
    # Enter opens the run.
    open_url(BASE + "/#/series?point=sort/1024&metric=time&exact=1&tag.backend=cpu", "series")
    box = driver.find_element(By.ID, "series-chart")
    check("keyboard: the chart is a stop of Tab, and says how to use it",
          box.get_attribute("tabindex") == "0" and "arrow" in (box.get_attribute("aria-label") or ""),
          (box.get_attribute("tabindex"), box.get_attribute("aria-label")))
    # A div's aria-label is not read, and in browse mode a screen reader
    # keeps the arrows: the chart is an application (its keys its own).
    check("screen reader: the chart is an application its keys reach, named",
          box.get_attribute("role") == "application" and box.get_attribute("aria-roledescription") == "chart"
          and box.accessible_name.startswith("chart: the arrow keys"),
          (box.get_attribute("role"), box.accessible_name))
    check("screen reader: the readout is a polite live region",
          driver.find_element(By.ID, "hover").get_attribute("aria-live") == "polite")
    link = driver.find_element(By.CSS_SELECTOR, "#series a[href^='#/query']")
    link.send_keys(Keys.TAB)
    check("keyboard: Tab from the statement's link reaches the chart",
          js("return document.activeElement.id") == "series-chart", js("return document.activeElement.outerHTML.slice(0, 80)"))
    # Focused, the newest run (run-13, whose id is LONG) is read out.
    check("keyboard: the focused chart reads out its newest run",
          readout().startswith("run %s, commit c0ffeed, 2026-10-13T02:00:00Z: " % LONG), readout())
    driver.switch_to.active_element.send_keys(Keys.HOME)
    check("keyboard: Home reads out the first run",
          readout().startswith("run run-01, commit c0ffee1, 2026-10-01T02:00:00Z: 1.01 \u00b5s"), readout())
    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    # run-02 has no commit: its dot's title has none (1000 ns * 0.99).
    check("keyboard: \u2192 reads out run-02, which has no commit, with its run's link",
          readout().startswith("run run-02, 2026-10-02T02:00:00Z: 990 ns (CI ")
          and driver.find_elements(By.CSS_SELECTOR, "#hover a[href='#/run?id=run-02']"), readout())
    hot = js("return [...document.querySelectorAll('#series-chart circle.pt')].findIndex((c) => c.classList.contains('hot'))")
    check("keyboard: the dot read out is marked on the chart", hot == 1, hot)
    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    check("keyboard: \u2192 again reads out run-03, the baseline",
          readout().startswith("run run-03, commit c0ffee3, 2026-10-03T02:00:00Z: ") and "baseline" in readout(), readout())
    driver.switch_to.active_element.send_keys(Keys.ARROW_LEFT, Keys.ARROW_LEFT)
    check("keyboard: \u2190 stops at the first run", readout().startswith("run run-01,"), readout())
    driver.switch_to.active_element.send_keys(Keys.END)
    check("keyboard: End reads out the newest run", readout().startswith("run %s," % LONG), readout())
    shot("series-keyboard")
    driver.execute_script("document.body.dataset.ready = ''")
    driver.switch_to.active_element.send_keys(Keys.HOME, Keys.ARROW_RIGHT, Keys.ENTER)
    loaded("run")
    check("keyboard: Enter opens the run read out", driver.find_element(By.ID, "run-id").text == "run-02",
          driver.find_element(By.ID, "run-id").text)
    # A drag from run-02 (no commit) to run-04 zooms to runs 2 to 4: run-02
    # was left out (its dot's title was not read), the zoom began at run-03.
    go("#/series?point=sort/1024&metric=time&exact=1&tag.backend=cpu", "series")
    dots = driver.find_elements(By.CSS_SELECTOR, "#series-chart svg circle.pt")
    driver.execute_script("document.body.dataset.ready = ''")
    ActionChains(driver).move_to_element_with_offset(dots[1], -2, 0).click_and_hold() \
        .move_to_element_with_offset(dots[3], 2, 0).release().perform()
    loaded("series")
    stmt = driver.find_element(By.ID, "series-statement").text
    check("zoom: a drag from run-02, which has no commit, to run-04 keeps runs 2 to 4",
          'since "2026-10-02T02:00:00Z" until "2026-10-04T02:00:00Z"' in stmt
          and len(driver.find_elements(By.CSS_SELECTOR, "#series-chart svg circle.pt")) == 3, stmt)
    # The same zoom from the keyboard: a drag was the only way (the chart's
    # label and the page said nothing else; the since/until fields take
    # timestamps typed). Now Shift with the arrows marks runs from the one
    # read out, the readout saying the window, Enter zooms to it, Escape
    # drops it, "-" shows all runs again.
    ActionChains(driver).move_to_element(driver.find_element(By.CSS_SELECTOR, "#app h1")).perform()
    go("#/series?point=sort/1024&metric=time&exact=1&tag.backend=cpu", "series")
    box = driver.find_element(By.ID, "series-chart")
    check("keyboard zoom: the chart's label says how",
          "Shift" in box.accessible_name and "zoom" in box.accessible_name, box.accessible_name)
    check("keyboard zoom: the readout's hint says how",
          "Shift" in readout(), readout())
    js("arguments[0].focus()", box)
    box.send_keys(Keys.HOME, Keys.ARROW_RIGHT, Keys.SHIFT + Keys.ARROW_RIGHT + Keys.ARROW_RIGHT)
    check("keyboard zoom: Shift+\u2192 twice from run-02 says the window of runs 2 to 4",
          readout() == "runs run-02 to run-04 marked (3 runs, 2026-10-02T02:00:00Z to 2026-10-04T02:00:00Z):"
          " Enter zooms to them, Escape drops the mark", readout())
    check("keyboard zoom: the marked runs are shown on the chart",
          len(driver.find_elements(By.CSS_SELECTOR, "#series-chart .brush")) == 1)
    shot("series-keyboard-zoom")
    # Shift+← twice, back to run-02 where the mark began: one run, said as one.
    driver.switch_to.active_element.send_keys(Keys.SHIFT + Keys.ARROW_LEFT + Keys.ARROW_LEFT)
    check("keyboard zoom: back where the mark began, one run is said as one",
          readout().startswith("runs run-02 to run-02 marked (1 run, 2026-10-02T02:00:00Z to "), readout())
    driver.switch_to.active_element.send_keys(Keys.SHIFT + Keys.ARROW_RIGHT + Keys.ARROW_RIGHT)
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    check("keyboard zoom: Escape drops the mark", not driver.find_elements(By.CSS_SELECTOR, "#series-chart .brush")
          and readout().startswith("run run-04,"), readout())
    driver.switch_to.active_element.send_keys(Keys.SHIFT + Keys.ARROW_LEFT + Keys.ARROW_LEFT)
    driver.execute_script("document.body.dataset.ready = ''")
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    loaded("series")
    stmt = driver.find_element(By.ID, "series-statement").text
    check("keyboard zoom: Enter zooms to the marked runs (runs 2 to 4), as the drag did",
          'since "2026-10-02T02:00:00Z" until "2026-10-04T02:00:00Z"' in stmt
          and len(driver.find_elements(By.CSS_SELECTOR, "#series-chart svg circle.pt")) == 3, stmt)
    check("keyboard zoom: the zoomed chart keeps the focus",
          js("return document.activeElement.id") == "series-chart", js("return document.activeElement.id"))
    driver.execute_script("document.body.dataset.ready = ''")
    driver.switch_to.active_element.send_keys("-")
    loaded("series")
    stmt = driver.find_element(By.ID, "series-statement").text
    check("keyboard zoom: - shows all runs again", "since" not in stmt and "until" not in stmt
          and len(driver.find_elements(By.CSS_SELECTOR, "#series-chart svg circle.pt")) == 13, stmt)
    # The console's chart too.
    go("#/query?q=trend%20time%20of%20%22hash%2F4096%22", "query")
    box = driver.find_element(By.ID, "console-chart")
    box.click()
    box.send_keys(Keys.HOME)
    text = driver.find_element(By.CSS_SELECTOR, "#console-result .hover").text
    check("keyboard: the console's chart reads out its runs too",
          box.get_attribute("tabindex") == "0" and text.startswith("run run-01, commit c0ffee1, "), text)

    # ---- a narrow window: run ids and times stay readable ---------------------------
    # At 400 px the console's `show runs` broke each run id a character or
    # two a line ("ni / g / ht / ly", run-07 as "run / -07" in the overview's
    # change points) and the timestamps at their hyphens; the compare page's
    # lists of runs ran past its form. Now a run id keeps a column of 10em
    # (a long one breaks in it), a time is one line, and a list of runs is
    # no wider than its form.
    driver.set_window_size(400, 900)
    go("#/query?q=show%20runs", "query")
    ids = driver.find_elements(By.CSS_SELECTOR, "#console-result tbody td:first-child a")
    short = [js(LINES, a) for a in ids if a.text != LONG]
    check("narrow window: each short run id in show runs is one line", len(short) == 12 and set(short) == {1}, short)
    long_cell = [a for a in ids if a.text == LONG]
    width = long_cell and long_cell[0].find_element(By.XPATH, "..").size["width"]
    check("narrow window: the long run id's cell is 10em (140 px) wide or more", long_cell and width >= 140, width)
    times = [js(LINES, td) for td in driver.find_elements(By.CSS_SELECTOR, "#console-result tbody td:nth-child(2)")]
    check("narrow window: each run's timestamp is one line", len(times) == 13 and set(times) == {1}, times)
    driver.save_screenshot("%s/people-narrow-runs.png" % SHOTS)  # the window, 400 px
    go("#/", "overview")
    cells = driver.find_elements(By.CSS_SELECTOR, "#changes tbody tr:first-child td")
    lines = [js(LINES, td) for td in cells[1:3]]
    check("narrow window: the change point's run and time are one line each", lines == [1, 1],
          (lines, [c.text for c in cells[1:3]]))
    go("#/compare", "compare")
    # The bars' chart (760 px) was shrunk to the card's 319 px: its labels
    # were 4.6 px tall. Now it keeps its size and scrolls in its box.
    label = js("return document.querySelector('#compare-chart svg text[text-anchor=end]').getBoundingClientRect().height")
    check("narrow window: the compare bars' labels are drawn at their 11 px (10 px tall or more)", label >= 10, label)
    fit = js("const f = document.querySelector('#compare form'); return [f.scrollWidth, f.clientWidth]")
    check("narrow window: the compare page's lists of runs fit their form", fit[0] <= fit[1], fit)
    driver.save_screenshot("%s/people-narrow-compare.png" % SHOTS)
    driver.set_window_size(1280, 1400)

    # ---- `as html` in the console: the whole page, and a file that stays --------------
    # The frame's height was a guess from the page's rows and charts (22 px a
    # row), so a page whose rows wrapped (a narrow window, long names) was
    # cut; and the link to save it was a blob: URL, dead once copied into a
    # chat, opened in another tab or the page left. Now the frame is as tall
    # as its page, measured, and again when the window's width changes; the
    # link is a data: URL of the page's text.
    def frame_fit():
        """[the frame's inner height, its page's height]."""
        frame = driver.find_element(By.CSS_SELECTOR, "#console-result iframe.html-result")
        inner = frame.get_property("clientHeight")
        driver.switch_to.frame(frame)
        page = js("return Math.ceil(document.documentElement.getBoundingClientRect().height)")
        driver.switch_to.default_content()
        return [inner, page]

    def until_fit():
        """Waits (30 s at most) for the frame to be its page's height."""
        try:
            wait.until(lambda d: frame_fit()[0] == frame_fit()[1])
        except TimeoutException:
            pass

    driver.set_window_size(400, 900)
    open_url(BASE + "/#/query?q=" + "trend%20time%20of%20%22sort%2F1024%22%20as%20html", "query")
    until_fit()
    narrow = frame_fit()
    check("as html: in a 400 px window the frame holds its whole page (26 rows, the long id wrapped)",
          narrow[0] == narrow[1] and narrow[1] > 22 * 26 + 140, narrow)
    driver.set_window_size(1280, 1400)
    until_fit()
    wide = frame_fit()
    # (Its charts grow with the width: the page is taller.)
    check("as html: widened, the frame is its page's new height", wide[0] == wide[1] and wide[1] != narrow[1],
          (narrow, wide))
    save = driver.find_element(By.CSS_SELECTOR, "#console-result a.save-html").get_attribute("href")
    check("as html: the link that saves the page is a data: URL of its text, no blob:",
          save.startswith("data:text/html;charset=utf-8,%3C!DOCTYPE%20html%3E")
          and LONG in unquote(save), save[:60])
    sandbox = driver.find_element(By.CSS_SELECTOR, "#console-result iframe.html-result").get_attribute("sandbox")
    check("as html: the frame's sandbox runs no script", "allow-scripts" not in sandbox, sandbox)
    # Each timestamp of its table broke at its hyphens ("2026-10-" over
    # "01T02:00:00Z") beside the long run ids, in a 1280 px window: the
    # report's tables keep a time on one line, the `as html` table did not.
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "#console-result iframe.html-result"))
    times = [js(LINES, td) for td in driver.find_elements(By.CSS_SELECTOR, "table.result tbody td:nth-child(4)")]
    driver.switch_to.default_content()
    check("as html: each timestamp of its table is one line", len(times) == 26 and set(times) == {1},
          (len(times), sorted(set(times))))
    shot("console-html")

    # ---- a bare #/series names what it shows -----------------------------------------
    # #/series (the header's "Series") drew the chart of the metric that sorts
    # first and the baseline main, while the address said neither: the link
    # copied from it showed another chart once a metric sorting earlier came
    # (run-14's "allocs", below). Now the page's link names them, as the
    # compare page's names its runs.
    open_url(BASE + "/", "overview")
    driver.execute_script("document.body.dataset.ready = ''")
    driver.find_element(By.CSS_SELECTOR, "header nav a[data-page=series]").click()
    loaded("series")
    series_link = driver.current_url
    check("#/series: the address names the metric and baseline it charts",
          series_link == BASE + "/#/series?metric=bandwidth&baseline=main", series_link)
    driver.execute_script("document.body.dataset.ready = ''")
    driver.back()
    loaded("overview")
    check("#/series: Back returns to the overview", js("return location.hash") in ("", "#/"), js("return location.hash"))

    # ---- an overview left open shows the runs that come ----------------------------
    # It showed the store as it was when opened until reloaded by hand. Now,
    # when its tab is shown again (and each minute while it is), it asks
    # again and, when the store changed, draws itself again in place: the
    # filter, the focus and caret in it, and the scroll position kept, and a
    # line (a live region) says what came.
    open_url(BASE + "/#/?filter=sort", "overview")
    wait.until(lambda d: d.find_element(By.ID, "change-groups").get_attribute("data-loaded"))
    driver.set_window_size(1280, 600)
    filt = driver.find_element(By.ID, "grid-filter")
    js("arguments[0].scrollIntoView()", filt)
    filt.send_keys(Keys.END, Keys.LEFT)  # the caret before the "t"
    scrolled = js("return window.scrollY")
    js("document.getElementById('overview').dataset.old = 'yes'")
    # Nothing new: asked again, the page is left as it is.
    js("document.dispatchEvent(new Event('visibilitychange'))")
    check("refresh: with nothing new the page is not drawn again",
          js("return document.getElementById('overview').dataset.old") == "yes")
    ingest = subprocess.run([BENCHDB, "--db", DB, "ingest", "--no-env", RUN14], capture_output=True, text=True)
    check("run-14 ingested while the overview is open", ingest.returncode == 0, ingest.stderr)
    js("document.dispatchEvent(new Event('visibilitychange'))")
    try:
        wait.until(lambda d: js("return document.querySelector('#overview .meta').textContent.startsWith('14 runs')"))
    except TimeoutException:
        pass
    meta = driver.find_element(By.CSS_SELECTOR, "#overview .meta").text
    check("refresh: the tab shown again, the overview has run-14", meta.startswith("14 runs") and "latest: " + RUN14_ID in meta, meta)
    news = driver.find_element(By.ID, "overview-updated")
    check("refresh: a live region says what came",
          news.get_attribute("role") == "status" and news.text.endswith(": 1 new run, latest %s." % RUN14_ID), news.text)
    check("refresh: the filter is kept, in the box and the grid",
          driver.find_element(By.ID, "grid-filter").get_attribute("value") == "sort"
          and js("return [...document.querySelectorAll('#grid tbody tr')].filter((r) => !r.hidden).length") == 4,
          driver.find_element(By.CSS_SELECTOR, "#grid h2").text)
    focus = js("const e = document.activeElement; return [e.id, e.selectionStart]")
    check("refresh: the focus and the caret stay in the filter", focus == ["grid-filter", 3], focus)
    check("refresh: the scroll position is kept", js("return window.scrollY") == scrolled,
          (scrolled, js("return window.scrollY")))
    # Typing in the filter while a refresh is drawing the page: the page
    # was built with a new filter box whose text was the address's when the
    # refresh began, and replaced the one typed in, so what was typed
    # meanwhile was lost ("sort" + "/1" typed during the refresh: "sort").
    # Now the box is the same element, never replaced, its text, caret and
    # focus its own. (The refresh forced: the page's data said changed, its
    # requests after the first held until the keys are typed.)
    filt = driver.find_element(By.ID, "grid-filter")
    js("""window.keptFilter = arguments[0]; window.held = []; let passes = 1; const real = window.realFetch = window.fetch;
          window.fetch = (u, o) => !String(u).includes('/api/overview') || passes-- > 0 ? real(u, o)
              : new Promise((ok) => window.held.push(() => ok(real(u, o))));
          document.getElementById('overview').dataset.old = 'yes'; overviewShown.text = 'changed';
          document.dispatchEvent(new Event('visibilitychange'));""", filt)
    wait.until(lambda d: js("return window.held.length") > 0)
    filt.send_keys(Keys.END, "/1")
    js("window.fetch = window.realFetch; window.held.forEach((go) => go())")
    try:
        wait.until(lambda d: js("return !document.getElementById('overview').dataset.old && !!document.body.dataset.ready"))
    except TimeoutException:
        pass
    state = js("const f = document.getElementById('grid-filter'); return [f === window.keptFilter, f.value,"
               " document.activeElement === f, f.selectionStart, !document.getElementById('overview').dataset.old]")
    check("refresh while typing: the page drawn again, the filter box is the one typed in, nothing lost",
          state == [True, "sort/1", True, 6, True], state)
    filt = driver.find_element(By.ID, "grid-filter")
    filt.send_keys("0")
    shown_rows = js("return [...document.querySelectorAll('#grid tbody tr')].filter((r) => !r.hidden).length")
    check("refresh while typing: the kept box filters the new grid and the link",
          filt.get_attribute("value") == "sort/10" and shown_rows == 4
          and unquote(js("return location.hash")).endswith("filter=sort/10"),
          (filt.get_attribute("value"), shown_rows, js("return location.hash")))
    filt.send_keys(Keys.BACKSPACE * 3)
    # A run id without a place to break (run-14's 64 hex digits) in a
    # 400 px window: the overview's line of its latest run and the run's
    # page were 643 and 807 px wide, the whole page scrolled sideways.
    driver.set_window_size(400, 900)
    for fragment, page in (("#/", "overview"), ("#/run?id=" + RUN14_ID, "run")):
        go(fragment, page)
        wide = js("const e = document.documentElement; return [e.scrollWidth, e.clientWidth]")
        check("narrow window: the %s page of a 64-hex run id is no wider than the window" % page,
              wide[0] <= wide[1], wide)
    driver.set_window_size(1280, 1400)
    # The bare #/series link shared before run-14 came: the same chart.
    open_url(series_link, "series")
    stmt = driver.find_element(By.ID, "series-statement").text
    check("#/series: its link, shared before \"allocs\" came, charts bandwidth still",
          stmt == 'trend "bandwidth" vs baseline "main"', stmt)

    # ---- printed (to paper or a PDF for the team) -------------------------------------
    # The overview printed as the screen shows it: each card's table cut at
    # the page's right edge (severity "moderat", the change groups' worst
    # series), their scroll bars printed, a grid taller than 480 px cut to
    # its scroll box, the header's links and status line on paper. Now the
    # print style sheet drops the header's controls, and cards and tables
    # show all they hold within the page's width. (The print media emulated
    # in a window of a Letter page's printed width, 7.5 in at 96 px.)
    driver.set_window_size(720 + 15, 1400)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    open_url(BASE + "/", "overview")
    wait.until(lambda d: d.find_element(By.ID, "change-groups").get_attribute("data-loaded"))
    cut = js("return [...document.querySelectorAll('#overview .card, #overview .scroll')]"
             ".filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)"
             ".map((c) => (c.id || c.className) + ' ' + c.scrollWidth + 'x' + c.scrollHeight + ' in '"
             " + c.clientWidth + 'x' + c.clientHeight)")
    check("print: no card or table of the overview is cut", not cut, cut)
    wide = js("const e = document.documentElement; return [e.scrollWidth, e.clientWidth]")
    check("print: the overview is no wider than the page", wide[0] <= wide[1], wide)
    shown = js("return [...document.querySelectorAll('header.top nav, header.top .status')]"
               ".filter((e) => getComputedStyle(e).display !== 'none').length")
    check("print: the header's links and status line are not printed", shown == 0, shown)
    driver.save_screenshot("%s/people-print-overview.png" % SHOTS)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.set_window_size(1280, 1400)

    # ---- the report, a file opened offline and printed ---------------------------------
    # Opened from file:// it asks nothing of any server. Printed (or in a
    # narrow window), its tables broke a value from its unit ("1.005" over
    # "µs", "4.02M" over "items/s"), as the dashboard's did before f60b6e6.
    driver.get("file://" + REPORT)
    wait.until(lambda d: js("return document.readyState") == "complete")
    asked = js("return performance.getEntriesByType('resource').map((e) => e.name)")
    check("report: opened as a file it asks for nothing", asked == [], asked)
    # Its charts are pictures: a screen reader read a chart's title (the
    # SVG is one image to it), no run's value; the keyboard reached none
    # (no script in a report: the dashboard's arrows are not there). Now
    # under each chart its values as a table, folded (<details>), to open
    # from the keyboard: sort/1024's 2 series of 13 runs, a row per run (the
    # newest 10 of each: run-04 to run-13), a column per series.
    charts = driver.find_elements(By.CSS_SELECTOR, "#charts section.chart")
    sort_time = [c for c in charts if c.find_element(By.TAG_NAME, "h3").text == "sort/1024 \u00b7 time"]
    tables = sort_time and sort_time[0].find_elements(By.CSS_SELECTOR, "details.values table tbody tr")
    rows = [r.get_attribute("textContent") for r in tables or []]
    heads = sort_time and [th.get_attribute("textContent")
                           for th in sort_time[0].find_elements(By.CSS_SELECTOR, "details.values thead th")]
    check("report: each chart's values are a table under it (sort/1024 time: 10 rows)",
          len(charts) == 7 and len(driver.find_elements(By.CSS_SELECTOR, "#charts section.chart details.values")) == 7
          and len(rows) == 10, (len(charts), len(rows)))
    check("report: the values' table has a column per series, named by its tags",
          heads and heads[:4] == ["run", "time", "commit", "backend=cpu"] and len(heads) == 5, heads)
    check("report: a run's row names it, its time, its commit and each series' value as the tables do",
          "run-052026-10-05T02:00:00Zc0ffee51 µs404 ns" in rows, rows[:3])
    summary = driver.find_elements(By.CSS_SELECTOR, "#charts details.values summary")
    check("report: the values' fold says what it holds", summary and summary[0].get_attribute("textContent")
          .startswith("the chart's values as a table"), summary and summary[0].get_attribute("textContent"))
    driver.set_window_size(720 + 15, 1400)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    broken = [td.text.replace("\n", " ") for td in driver.find_elements(By.CSS_SELECTOR, "table.result td.num")
              if js(LINES, td) > 1]
    check("report: printed, each value keeps its unit on its line", not broken, broken)
    # Printed, its tables were cut at the page's right edge with their
    # scroll bars (the regressions' explanation, the change points'
    # annotation), the scroll boxes of a screen. Now each table is whole
    # within the page's width; a chart's heading stays with its chart.
    cut = js("return [...document.querySelectorAll('table.result')].filter((t) => t.scrollWidth > t.clientWidth + 1"
             " || t.getBoundingClientRect().right > document.documentElement.clientWidth)"
             ".map((t) => t.querySelector('th').textContent + ' ' + t.scrollWidth + ' in ' + t.clientWidth)")
    check("report: printed, no table is cut", not cut, cut)
    wide = js("const e = document.documentElement; return [e.scrollWidth, e.clientWidth]")
    check("report: printed, the page is no wider than the paper", wide[0] <= wide[1], wide)
    kept = js("return [...document.querySelectorAll('section.chart h3')].map((h) => getComputedStyle(h).breakAfter)")
    check("report: printed, a chart's heading stays with its chart", kept and set(kept) == {"avoid"}, sorted(set(kept)))
    driver.save_screenshot("%s/people-print-report.png" % SHOTS)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.set_window_size(1280, 1400)

    # ---- following a link: the new page from its top, its heading said ------------------
    # A series followed from the overview's grid opened scrolled as far down
    # as the overview was (345 px of a 700 px window: the chart's top out of
    # sight), the focus on <body> (a screen reader said nothing of the new
    # page), and every page's title was "benchdb" (the tab, the history's
    # list). Now a followed link shows its page from the top, the focus on
    # its heading, the title naming it; Back returns to the place left.
    driver.set_window_size(1280, 700)
    open_url(BASE + "/", "overview")
    wait.until(lambda d: d.find_element(By.ID, "change-groups").get_attribute("data-loaded"))
    check("title: the overview's is its heading's", driver.title == "Overview \u00b7 benchdb", driver.title)
    link = driver.find_elements(By.CSS_SELECTOR, "#grid tbody a")[5]
    js("arguments[0].scrollIntoView({block: 'center'})", link)
    left = js("return window.scrollY")
    driver.execute_script("document.body.dataset.ready = ''")
    link.click()
    loaded("series")
    at = js("return [window.scrollY, document.activeElement.tagName, document.activeElement.textContent]")
    check("follow: the series page opens at its top, the focus on its heading",
          left > 300 and at == [0, "H1", "Series"], (left, at))
    check("title: the series page's names it", driver.title == "Series \u00b7 benchdb", driver.title)
    driver.execute_script("document.body.dataset.ready = ''")
    driver.back()
    loaded("overview")
    check("follow: Back returns to the overview where it was left", js("return window.scrollY") == left,
          (left, js("return window.scrollY")))
    go("#/run?id=run-07", "run")
    check("title: a run's page names the run", driver.title == "Run run-07 \u00b7 benchdb", driver.title)
    driver.set_window_size(1280, 1400)

    # ---- a system set to dark -----------------------------------------------------------
    # The pages ignored prefers-color-scheme: dark (a white page in a dark
    # desktop). Now a dark theme, its text of a contrast of 4.5:1 or more
    # (WCAG AA) on the background it is drawn on; the charts keep a light
    # ground. (The contrast of sRGB colours as WCAG 2 defines it.)
    CONTRAST = """
        const lum = (c) => { const v = c.match(/[\\d.]+/g).slice(0, 3).map((x) => x / 255)
            .map((x) => x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
            return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
        const ground = (e) => { for (; e; e = e.parentElement) { const b = getComputedStyle(e).backgroundColor;
            if (!/rgba\\(.*, 0\\)$/.test(b) && b !== 'transparent') return b; } return 'rgb(255, 255, 255)'; };
        return arguments[0].map((s) => { const e = document.querySelector(s); if (!e) return [s, null];
            const a = lum(getComputedStyle(e).color), b = lum(ground(e));
            return [s, Math.round((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) * 10) / 10]; });"""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    open_url(BASE + "/", "overview")
    wait.until(lambda d: d.find_element(By.ID, "change-groups").get_attribute("data-loaded"))
    ground = js("return getComputedStyle(document.body).backgroundColor")
    check("dark: the page's ground is dark", ground == "rgb(20, 23, 29)", ground)
    pairs = js(CONTRAST, ["h1", "#overview .meta", "#grid tbody a", "#grid th", "#grid .muted", ".card h2",
                          "header.top nav a", "#grid-filter", "#grid tbody tr.regression td"])
    check("dark: the overview's text is of a contrast of 4.5:1 or more",
          all(r is not None and r >= 4.5 for _, r in pairs), pairs)
    shot("dark-overview")
    open_url(BASE + "/#/series?point=nosuch&exact=1&metric=time", "series")
    pairs = js(CONTRAST, ["#series-gone", "#series form label", "#series input[name=point]", "#series button.secondary"])
    check("dark: the series page's error, labels and fields are of a contrast of 4.5:1 or more",
          all(r is not None and r >= 4.5 for _, r in pairs), pairs)
    open_url(BASE + "/#/series?point=sort/1024&metric=time&exact=1&tag.backend=cpu", "series")
    chart = js("return getComputedStyle(document.querySelector('#series-chart svg')).backgroundColor")
    check("dark: a chart keeps its light ground", chart == "rgb(255, 255, 255)", chart)
    pairs = js(CONTRAST, ["#series-statement", "#hover .muted", "#series-matches a"])
    check("dark: the statement, the readout and the list of series are of a contrast of 4.5:1 or more",
          all(r is not None and r >= 4.5 for _, r in pairs), pairs)
    shot("dark-series")
    # The report and the console's `as html` page stayed white, dark grey
    # text on a white page beside the dark dashboard. Now the same dark
    # theme (its base rules shared with the dashboard's style sheet), the
    # charts on their light ground.
    driver.get("file://" + REPORT)
    wait.until(lambda d: js("return document.readyState") == "complete")
    ground = js("return getComputedStyle(document.body).backgroundColor")
    check("dark: the report's ground is the dashboard's", ground == "rgb(20, 23, 29)", ground)
    pairs = js(CONTRAST, ["h1", "p.fields", "h2", "p.severe", "#grid th", "#grid tbody a", "#grid tr.regression td",
                          "#grid td.num", "#changes .muted", "details.values summary", "section.chart h3"])
    check("dark: the report's text is of a contrast of 4.5:1 or more",
          all(r is not None and r >= 4.5 for _, r in pairs), pairs)
    grounds = js("return [...document.querySelectorAll('svg')].map((s) => getComputedStyle(s).backgroundColor)")
    check("dark: the report's charts and sparklines keep their light ground",
          len(grounds) > 7 and set(grounds) == {"rgb(255, 255, 255)"}, sorted(set(grounds)))
    driver.save_screenshot("%s/people-dark-report.png" % SHOTS)
    open_url(BASE + "/#/query?q=" + "trend%20time%20of%20%22sort%2F1024%22%20as%20html", "query")
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "#console-result iframe.html-result"))
    ground = js("return getComputedStyle(document.body).backgroundColor")
    pairs = js(CONTRAST, ["h1", "p.fields", "table.result th", "table.result td.num"])
    chart = js("return getComputedStyle(document.querySelector('svg')).backgroundColor")
    driver.switch_to.default_content()
    check("dark: the console's `as html` page is dark, its text of a contrast of 4.5:1 or more, its chart light",
          ground == "rgb(20, 23, 29)" and all(r is not None and r >= 4.5 for _, r in pairs)
          and chart == "rgb(255, 255, 255)", (ground, pairs, chart))
    shot("dark-console-html")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    # ---- the browser's console: no CSP violation, no script error ----------------
    pages.console_clean()

    # ---- odd links, said once and in words -------------------------------------------
    # #/series?point=%25 (a glob no point matches) said 'no point "%" in the
    # store (...)' twice, under the chart's statement and again in the list
    # of matching series. Now once, in place of the chart.
    open_url(BASE + "/#/series?point=%25&metric=time", "series")
    said = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#series .error")]
    check("series of a point no name matches: the error is said once",
          len(said) == 1 and said[0].startswith('no point "%" in the store'), said)
    shot("odd-links-series")
    # #/compare?a=%00 (a link mangled in a chat) showed the heading
    # "compare" and the server's "the id parameter is not percent-encoded
    # UTF-8 text without NUL bytes". Now the page's form and heading, the
    # run said not found (its NUL shown as \u0000).
    open_url(BASE + "/#/compare?a=%00&b=x", "compare")
    heading = driver.find_element(By.CSS_SELECTOR, "#app h1").text
    missing = driver.find_elements(By.ID, "compare-missing")
    check("compare of a run id with a NUL: its heading, and the runs said not found",
          heading == "Compare two runs" and missing and missing[0].text.startswith(
              'Run \u201c\\u0000\u201d not found; Run \u201cx\u201d not found: the store has no run of that id'),
          (heading, missing and missing[0].text))
    # Its list of base runs showed the id asked for as it is: the NUL drawn
    # as a box glyph. Now as the message says it, \u0000 (the option's
    # value still the id asked for).
    chosen = js("const o = document.querySelector('#compare-a').selectedOptions[0]; return [o.text, o.value]")
    check("compare of a run id with a NUL: the list of runs shows it as \\u0000",
          chosen == ["\\u0000", "\u0000"], chosen)
    shot("odd-links-compare")
    open_url(BASE + "/#/run?id=%00", "run")
    missing = driver.find_elements(By.ID, "run-missing")
    check("a run's page of an id with a NUL: the run said not found",
          missing and missing[0].text.startswith('Run \u201c\\u0000\u201d not found'), missing and missing[0].text)
    shot("odd-links-run")

    # ---- the console's answer, to a screen reader ---------------------------------------
    # After Ctrl+Enter the page was drawn again and nothing was said: a
    # screen reader user did not know the answer had come, nor its size.
    # Now a live region (outside the page, there before the answer) says
    # each statement's rows, or the error.
    open_url(BASE + "/#/query", "query")
    area = driver.find_element(By.ID, "console")
    area.send_keys("show runs")
    driver.execute_script("document.body.dataset.ready = ''")
    area.send_keys(Keys.CONTROL, Keys.ENTER)
    loaded("query")
    live = driver.find_elements(By.CSS_SELECTOR, "body > [role=status]#announce")
    check("console: a live region says the answer's rows after Ctrl+Enter",
          live and live[0].get_attribute("textContent") == "show runs: 14 rows", live and live[0].get_attribute("textContent"))
    area = driver.find_element(By.ID, "console")
    area.send_keys(Keys.CONTROL, "a")
    area.send_keys("trend tme")
    driver.execute_script("document.body.dataset.ready = ''")
    area.send_keys(Keys.CONTROL, Keys.ENTER)
    loaded("query")
    error = driver.find_element(By.ID, "console-error").text.split("\n")[0]
    check("console: the live region says the error",
          live and live[0].get_attribute("textContent") == "error: " + error, (error, live and live[0].get_attribute("textContent")))

    # ---- the report's tables keep a time on one line ------------------------------
    # In a 400 px window each time of a chart's values table, and of the
    # tables of change points, broke at its hyphens ("2026-10-" over
    # "02T02:00:00Z").
    driver.get("file://" + REPORT)
    wait.until(lambda d: js("return document.readyState") == "complete")
    driver.set_window_size(400, 900)
    js("document.querySelectorAll('details.values').forEach((d) => d.open = true)")
    times = [js(LINES, td) for td in driver.find_elements(By.CSS_SELECTOR, "details.values tbody td:nth-child(3)")]
    check("report: narrow, each time of the values tables is one line", len(times) > 26 and set(times) == {1},
          sorted(set(times)))
    # The cells under a "time" header of the other tables (the change
    # points by commit, and those marked on the charts).
    times = js("return [...document.querySelectorAll('table.result:not(details table)')].flatMap((t) => {"
               " const i = [...t.querySelectorAll('thead th')].findIndex((h) => h.textContent === 'time');"
               " return i < 0 ? [] : [...t.querySelectorAll('tbody tr')].map((r) => r.children[i]); })")
    lines = [js(LINES, td) for td in times]
    check("report: narrow, each time of the change points' tables is one line", len(lines) >= 3 and set(lines) == {1},
          (len(lines), sorted(set(lines))))
    driver.save_screenshot("%s/people-report-values-narrow.png" % SHOTS)
    driver.set_window_size(1280, 1400)
    # On a phone (a mobile browser, 360 px): the report had no viewport
    # meta, so the phone laid it out 980 px wide and shrank it (its 12 px
    # tables drawn 4.4 px tall). Now it is laid out at the phone's width,
    # no wider; so is an `as html` page.
    html = subprocess.run([BENCHDB, "--db", DB, "-c", 'trend time of "sort/1024" as html'],
                          capture_output=True, text=True).stdout
    page = REPORT + ".as.html"
    open(page, "w").write(html)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
    for name, path in (("report", REPORT), ("as html page", page)):
        driver.get("file://" + path)
        wait.until(lambda d: js("return document.readyState") == "complete")
        laid = js("const e = document.documentElement; return [window.innerWidth, e.scrollWidth, e.clientWidth]")
        check("phone: the %s is laid out at the phone's 360 px, no wider" % name,
              laid[0] == 360 and laid[1] <= laid[2], laid)
        driver.save_screenshot("%s/people-phone-%s.png" % (SHOTS, name.split()[0]))
    # A point of a C++ template's name (no place to break), a long tag
    # value, a run id of 64 hex digits: each chart's heading ran 1,280 px
    # wide, so the phone shrank the whole report to 1,305 px. Now a heading
    # or a line of text breaks where it must.
    long_db, long_report = REPORT + ".long-db", REPORT + ".long.html"
    name = "BM_Map<std::unordered_map<std::string,std::vector<int>>>" * 3 + "/1048576"
    for i in range(1, 4):
        run = {"id": "%064x" % i, "timestamp": "2026-10-0%dT02:00:00Z" % i, "commit": "%040x" % i,
               "points": [{"name": name, "tags": {"config": "x" * 100},
                           "metrics": {"time": {"value": 100 + i, "unit": "ns"}}},
                          {"name": "rtl\u202eevil", "tags": {"backend": "cpu"},
                           "metrics": {"time": {"value": 100 + i, "unit": "ns"}}}]}
        path = "%s.%d.json" % (long_report, i)
        json.dump(run, open(path, "w"))
        subprocess.run([BENCHDB, "--db", long_db, "ingest", "--no-env", path], capture_output=True, check=True)
    subprocess.run([BENCHDB, "--db", long_db, "report", "-o", long_report], capture_output=True, check=True)
    driver.get("file://" + long_report)
    wait.until(lambda d: js("return document.readyState") == "complete")
    laid = js("const e = document.documentElement; return [window.innerWidth, e.scrollWidth, e.clientWidth]")
    check("phone: a report of a 170-character point name and 64-hex run ids is laid out at 360 px, no wider",
          laid[0] == 360 and laid[1] <= laid[2], laid)
    # The grid's series cell (a link of the name and tags) was 1,200 px
    # wide in its table's scroll box: the values beside it a long swipe
    # away. Now the name breaks in a column of 15em.
    cell = js("return document.querySelector('#grid tbody td').getBoundingClientRect().width")
    check("phone: the grid's cell of a long series name is 15em wide (180 px of the table's 12 px, and padding), its name broken",
          180 <= cell <= 200, cell)
    driver.save_screenshot("%s/people-phone-long-names.png" % SHOTS)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    # A right-to-left override (U+202E) in a point's name turned the text
    # after it around: the report's grid showed "rtl" + "]upc=dnekcab[ live"
    # for rtl\u202eevil [backend=cpu], the dashboard "upc=dnekcab" for its
    # tags. Now the name is isolated: its tags read left to right.
    # (LTR: the "[" / "b" drawn left of the "]" / "u".)
    LTR = """const t = arguments[0].lastChild, r = document.createRange();
        const x = (i) => { r.setStart(t, i); r.setEnd(t, i + 1); return r.getBoundingClientRect().left; };
        return x(arguments[1]) < x(arguments[2]);"""
    link = [a for a in driver.find_elements(By.CSS_SELECTOR, "#grid tbody a") if a.text.startswith("rtl")]
    check("rtl override: the report's grid shows the series' tags left to right",
          link and js("return arguments[0].lastChild.textContent", link[0]) == " [backend=cpu]"
          and js(LTR, link[0], 1, 13),
          link and js("return arguments[0].innerHTML", link[0]))
    open_url(BASE + "/", "overview")
    ltr = js("const a = document.createElement('a'); a.id = 'rtl-label';"
             " a.append(...seriesLabel('rtl\u202eevil', {backend: 'cpu'}).filter((e) => e));"
             " document.getElementById('app').prepend(a); return a.querySelector('.tags')")
    check("rtl override: the dashboard's series label shows its tags left to right", js(LTR, ltr, 0, 10))
    js("document.getElementById('rtl-label').remove()")
    # The series chart on a phone (360 px, mobile): the 720 px chart was
    # shrunk into its 276 px box, its tick labels drawn 4 px tall. Now the
    # dashboard asks for a chart as wide as its box (/api/chart.svg?width=),
    # drawn at that width: its labels at their 11 px.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
    open_url(BASE + "/#/series?point=sort/1024&metric=time&exact=1&tag.backend=cpu", "series")
    label = js("return document.querySelector('#series-chart svg text.ytick').getBoundingClientRect().height")
    fit = js("const b = document.getElementById('series-chart'); return [b.scrollWidth, b.clientWidth]")
    check("phone: the series chart's labels are drawn at their 11 px (10 px tall or more), the chart fits its box",
          label >= 10 and fit[0] <= fit[1], (label, fit))
    shot("phone-series")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # The series' glob and the console's typo were each asked once, their
    # 400 a failed load in the console (the series page asked the chart's
    # statement too, after the list's had failed); nothing else.
    severe = [e["message"][:200] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    asked = "/api/query?display=1 - Failed to load resource: the server responded with a status of 400 (Bad Request)"
    check("the odd links and the console's typo: two 400s asked for, no other error in the browser console",
          len(severe) == 2 and all(m.endswith(asked) for m in severe), severe)
except Exception:
    report("the browser test ran to its end", False, traceback.format_exc().replace("\n", " | "))
finally:
    driver.quit()
