#!/usr/bin/python3
"""Links to the dashboard as a team shares them, in a real browser (headless
Debian chromium through WebDriver, as test_dashboard.py), against a `benchdb
serve` that tests/cli/test_dashboard_links.sh started over a store of runs
with 40-character commits and points named with HTML, quotes, unicode and
the URL's own characters #?%/.

usage: test_dashboard_links.py BASE_URL SHOTS_DIR BENCHDB DB RUN13

BENCHDB --db DB ingests RUN13 (run-13) while pages are open, and drops
baseline main.

Prints "PASS name" or "FAIL name: why" per check; screenshots go to
SHOTS_DIR/links-*.png.
"""
import hashlib
import subprocess
import sys
import traceback
from urllib.parse import quote

from browser_lib import Pages, check, report, start
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

BASE, SHOTS, BENCHDB, DB, RUN13 = sys.argv[1:6]
ODD = 'we"ird <b>x</b> #?%/ \u00e9'
XSS = "<img src=x onerror=alert(1)>"
# The commits of the store: run-NN's is sha1("NN") (test_dashboard_links.sh).
COMMIT7 = hashlib.sha1(b"7").hexdigest()


driver, wait = start()
pages = Pages(driver, wait)
loaded, go, no_alert, open_url = pages.loaded, pages.go, pages.no_alert, pages.open_url


def shot(name):
    pages.shot("%s/links-%s.png" % (SHOTS, name))


def shown_rows():
    """The grid's rows a person sees: the texts of its series cells."""
    return driver.execute_script(
        "return [...document.querySelectorAll('#grid tbody tr')].filter((r) => !r.hidden)"
        ".map((r) => r.cells[0].textContent)")


def selected_by_double_click(elem):
    """What a double click on elem selects, as copying would take it."""
    driver.execute_script("window.getSelection().removeAllRanges()")
    ActionChains(driver).double_click(elem).perform()
    return driver.execute_script("return window.getSelection().toString()")


try:
    # ---- the overview's filter is part of its link ------------------------------
    open_url(BASE + "/", "overview")
    filt = driver.find_element(By.ID, "grid-filter")
    filt.send_keys("sort")
    check("filter: typing it filters the grid to sort/1024", shown_rows() == ['sort/1024backend=c#?%/"<i>'], shown_rows())
    check("filter: the page's link holds it", driver.execute_script("return location.hash") == "#/?filter=sort",
          driver.execute_script("return location.hash"))
    driver.refresh()
    loaded("overview")
    check("filter: a reload keeps it, in the box and the grid",
          driver.find_element(By.ID, "grid-filter").get_attribute("value") == "sort"
          and shown_rows() == ['sort/1024backend=c#?%/"<i>'],
          (driver.find_element(By.ID, "grid-filter").get_attribute("value"), shown_rows()))
    # Off to a series and back: the filtered overview again.
    driver.execute_script("document.body.dataset.ready = ''")
    driver.find_element(By.CSS_SELECTOR, "#grid tbody tr:not([hidden]) a").click()
    loaded("series")
    driver.execute_script("document.body.dataset.ready = ''")
    driver.back()
    loaded("overview")
    check("filter: back from a series, the overview is filtered still",
          driver.find_element(By.ID, "grid-filter").get_attribute("value") == "sort"
          and shown_rows() == ['sort/1024backend=c#?%/"<i>'], shown_rows())
    # A filter of the odd name, quotes, HTML, unicode and #?%/ all, opened
    # from its link by someone else.
    filt = driver.find_element(By.ID, "grid-filter")
    filt.clear()
    filt.send_keys(ODD)
    link = driver.current_url
    open_url(link, "overview")
    check("filter: a link of a filter of %s restores it" % ODD,
          driver.find_element(By.ID, "grid-filter").get_attribute("value") == ODD
          and shown_rows() == [ODD + 'backend=c#?%/"<i>'], (link, shown_rows()))
    no_alert("filter: no alert fired")
    # Emptied, the link has no filter left.
    driver.find_element(By.ID, "grid-filter").send_keys(Keys.CONTROL, "a", Keys.DELETE)
    check("filter: emptied, the link is the overview's",
          driver.execute_script("return location.hash") == "#/" and len(shown_rows()) == 4,
          (driver.execute_script("return location.hash"), shown_rows()))

    # A filter that matches nothing (a link from before a rename) says so;
    # the heading counts what is shown.
    go("#/?filter=" + quote("renamed/x"), "overview")
    none = driver.find_elements(By.ID, "grid-none")
    check("filter: matching nothing, the grid says so",
          len(none) == 1 and none[0].is_displayed()
          and none[0].text == "No series matches \u201crenamed/x\u201d." and shown_rows() == [],
          [n.text for n in none])
    go("#/?filter=sort", "overview")
    check("filter: the heading counts the series shown of all",
          driver.find_element(By.CSS_SELECTOR, "#grid h2").text == "Series (1 of 4)"
          and not driver.find_element(By.ID, "grid-none").is_displayed(),
          driver.find_element(By.CSS_SELECTOR, "#grid h2").text)

    # An overview of another baseline: its series open against that
    # baseline (they opened against main: the grid said "regression" vs
    # one run, the chart ringed another).
    rel = 'rel "1" #?%/ \u00e9'
    go("#/?baseline=" + quote(rel), "overview")
    driver.execute_script("document.body.dataset.ready = ''")
    driver.find_element(By.CSS_SELECTOR, "#grid tbody a").click()
    loaded("series")
    stmt = driver.find_element(By.ID, "series-statement").text
    check("overview of baseline %s: a series opens against it" % rel,
          stmt.endswith(' vs baseline "rel \\"1\\" #?%/ \u00e9"'), stmt)

    # ---- commits in the change tables: short, the whole hash at hand ---------
    open_url(BASE + "/", "overview")
    wait.until(lambda d: d.find_element(By.ID, "change-groups").get_attribute("data-loaded"))
    for card in ("changes", "change-groups"):
        codes = driver.find_elements(By.CSS_SELECTOR, "#%s tbody code.commit" % card)
        # Shown: the text before the rest, which takes no width (below).
        seen = [driver.execute_script("return arguments[0].firstChild.textContent + ' | '"
                                      " + arguments[0].querySelector('.hash-rest').getBoundingClientRect().width", c)
                for c in codes]
        check("%s: the commit shows its 10 first characters, as git log --oneline" % card,
              seen == [COMMIT7[:10] + " | 0"], seen)
        check("%s: hovering the commit shows it whole" % card,
              len(codes) == 1 and codes[0].get_attribute("title") == COMMIT7,
              [c.get_attribute("title") for c in codes])
        check("%s: a double click selects the whole commit, to copy" % card,
              len(codes) == 1 and selected_by_double_click(codes[0]) == COMMIT7,
              codes and selected_by_double_click(codes[0]))
        width = driver.execute_script(
            "const c = arguments[0], r = document.createRange(); r.selectNodeContents(c);"
            " return Math.round(r.getBoundingClientRect().width)", codes[0]) if codes else -1
        ten = driver.execute_script(
            "const s = document.createElement('code'); s.textContent = '0123456789';"
            " document.body.append(s); const w = s.getBoundingClientRect().width; s.remove(); return Math.round(w)")
        check("%s: the commit takes the width of 10 characters (%d px)" % (card, ten),
              abs(width - ten) <= 1, "%d px" % width)
    run_link = driver.find_element(By.CSS_SELECTOR, "#changes tbody a[href^='#/run']")
    driver.execute_script("document.body.dataset.ready = ''")
    run_link.click()
    loaded("run")
    check("changes: the run's link beside the short commit still opens run-07",
          driver.find_element(By.ID, "run-id").text == "run-07", driver.find_element(By.ID, "run-id").text)
    go("#/", "overview")
    shot("overview")

    # ---- `as html` in the console: the page, drawn, sandboxed ------------------
    open_url(BASE + "/#/query?q=" + quote('trend time of "plain" last 3 as html'), "query")
    frames = driver.find_elements(By.CSS_SELECTOR, "#console-result iframe.html-result")
    check("console: `as html` is drawn in an iframe, no page source as text",
          len(frames) == 1 and not any("<!DOCTYPE" in p.text for p in
                                       driver.find_elements(By.CSS_SELECTOR, "#console-result pre")),
          [p.text[:60] for p in driver.find_elements(By.CSS_SELECTOR, "#console-result pre")])
    # Same origin, for the dashboard to read its height; no script.
    check("console: the iframe is sandboxed: no script",
          frames and frames[0].get_attribute("sandbox") == "allow-same-origin",
          frames and frames[0].get_attribute("sandbox"))
    if frames:
        driver.switch_to.frame(frames[0])
        h1 = driver.find_elements(By.CSS_SELECTOR, "h1")
        drawn = (h1[0].text if h1 else None, len(driver.find_elements(By.CSS_SELECTOR, "figure svg")),
                 len(driver.find_elements(By.CSS_SELECTOR, "table.result tbody tr")),
                 driver.execute_script("return getComputedStyle(document.querySelector('p.fields')).color"))
        driver.switch_to.default_content()
        # 3 rows (last 3); p.fields' color #555 of the page's own style sheet.
        check("console: the frame shows the page: its heading, chart, 3 rows, in its style",
              drawn == ("trend time", 1, 3, "rgb(85, 85, 85)"), drawn)
    save = driver.find_elements(By.CSS_SELECTOR, "#console-result a.save-html")
    check("console: the page can be saved as a file",
          len(save) == 1 and save[0].get_attribute("download") == "benchdb-result.html"
          and save[0].get_attribute("href").startswith("data:text/html;charset=utf-8,"),
          [a.get_attribute("href")[:60] for a in save])
    shot("console-html")
    # The point named <img src=x onerror=alert(1)> in an html page: text.
    go("#/query?q=" + quote('trend time of "<img*" last 2 as html'), "query")
    frames = driver.find_elements(By.CSS_SELECTOR, "#console-result iframe.html-result")
    if frames:
        driver.switch_to.frame(frames[0])
        inside = (driver.execute_script("return document.querySelectorAll('img, script').length"),
                  XSS in driver.find_element(By.TAG_NAME, "body").text)
        driver.switch_to.default_content()
    check("console: `as html` of %s: the name is text in the frame" % XSS,
          frames and inside == (0, True), frames and inside)
    no_alert("console: `as html` of %s: no alert fired" % XSS)

    # ---- the keyboard: running keeps the place one typed in ------------------
    # Ctrl+Enter in the console rebuilt the page and left the focus on
    # <body>: the next keys went nowhere, and the way back to the statement
    # was Tab through the header. Now the statement keeps the focus and the
    # caret (after "last 2", not at its end); Enter in the series form keeps it
    # in the point box.
    open_url(BASE + "/#/query", "query")
    area = driver.find_element(By.ID, "console")
    area.send_keys("show runs last 2 as csv", Keys.LEFT * 7)
    driver.execute_script("document.body.dataset.ready = ''")
    area.send_keys(Keys.CONTROL, Keys.ENTER)
    loaded("query")
    focus = driver.execute_script("const e = document.activeElement; return [e.id, e.selectionStart]")
    check("keyboard: after Ctrl+Enter the statement keeps the focus and the caret",
          focus == ["console", len("show runs last 2")], focus)
    driver.switch_to.active_element.send_keys("0")
    check("keyboard: the next key goes into the statement",
          driver.find_element(By.ID, "console").get_attribute("value") == "show runs last 20 as csv",
          driver.find_element(By.ID, "console").get_attribute("value"))
    go("#/series", "series")
    point = driver.find_element(By.CSS_SELECTOR, "#series-form input[name=point]")
    point.send_keys("plain")
    driver.execute_script("document.body.dataset.ready = ''")
    point.send_keys(Keys.ENTER)
    loaded("series")
    focus = driver.execute_script("const e = document.activeElement; return [e.name, e.value]")
    check("keyboard: after Enter in the series form the point box keeps the focus",
          focus == ["point", "plain"], focus)

    # ---- links that name what they show, while the store changes -----------
    # #/compare is baseline main against the latest run: the link shared
    # from it must show the same runs after the next nightly run comes.
    open_url(BASE + "/#/compare", "compare")
    check("compare: the page's link names the runs it compares",
          driver.execute_script("return location.hash") == "#/compare?a=run-03&b=run-12&metric=*",
          driver.execute_script("return location.hash"))
    shared = driver.current_url
    go("#/", "overview")
    ingest = subprocess.run([BENCHDB, "--db", DB, "ingest", "--no-env", RUN13], capture_output=True, text=True)
    check("run-13 ingested while the pages are open", ingest.returncode == 0, ingest.stderr)
    open_url(shared, "compare")
    picked = (driver.find_element(By.ID, "compare-a").get_attribute("value"),
              driver.find_element(By.ID, "compare-b").get_attribute("value"))
    check("compare: its shared link, after run-13 came, compares run-03 with run-12 still",
          picked == ("run-03", "run-12"), picked)
    go("#/compare", "compare")
    check("compare: the Compare page itself takes the new latest, run-13",
          driver.find_element(By.ID, "compare-b").get_attribute("value") == "run-13"
          and driver.execute_script("return location.hash") == "#/compare?a=run-03&b=run-13&metric=*",
          driver.execute_script("return location.hash"))
    # Baseline main dropped under an open overview: its compare link names
    # runs, and works still; a reload says there is none.
    go("#/", "overview")
    drop = subprocess.run([BENCHDB, "--db", DB, "baseline", "drop", "main"], capture_output=True, text=True)
    check("baseline main dropped while the overview is open", drop.returncode == 0, drop.stderr)
    driver.execute_script("document.body.dataset.ready = ''")
    driver.find_element(By.ID, "compare-latest").click()
    loaded("compare")
    check("overview: its compare link, baseline dropped since, compares run-03 with run-12",
          len(driver.find_elements(By.CSS_SELECTOR, "#compare-result tbody tr")) == 4
          and driver.find_element(By.ID, "compare-a").get_attribute("value") == "run-03",
          driver.find_element(By.ID, "app").text[:300])
    go("#/", "overview")
    meta = driver.find_element(By.CSS_SELECTOR, "#overview .meta").text
    check("overview: reloaded, baseline main is none", "baseline main: none" in meta, meta)

    # ---- the browser's console: no CSP violation, no script error ----------------
    pages.console_clean()
except Exception:
    report("the browser test ran to its end", False, traceback.format_exc().replace("\n", " | "))
finally:
    driver.quit()
