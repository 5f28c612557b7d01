"""What the dashboard's WebDriver scripts share (test_dashboard.py,
test_dashboard_links.py): headless Debian chromium through chromium-driver
and python3-selenium, one line a check ("PASS name" or "FAIL name :: why",
which tests/cli/lib.sh's browser_results counts), waiting for a page, and
screenshots of the whole page."""
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def report(name, ok, why=""):
    print(("PASS %s" % name) if ok else ("FAIL %s :: %s" % (name, why)), flush=True)


def check(name, cond, why=""):
    report(name, bool(cond), why)


def start():
    """A headless chromium, 1280 x 1400, its console's messages kept."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1400", "--disable-background-networking", "--no-first-run",
                "--disable-component-update", "--disable-sync"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(60)
    return driver, WebDriverWait(driver, 30)


class Pages:
    """Waiting for the dashboard's pages of driver."""

    def __init__(self, driver, wait):
        self.driver, self.wait = driver, wait

    def loaded(self, page):
        """Waits until the page named page has rendered (body data-ready set
        after the hash changed), returns its root."""
        self.wait.until(lambda d: d.execute_script(
            "return document.body.dataset.page === arguments[0] && !!document.body.dataset.ready"
            " && document.getElementById('status').textContent.startsWith('loaded')", page))
        return self.driver.find_element(By.ID, "app")

    def open_url(self, url, page):
        """A new page load of url, as a link pasted into a new tab."""
        self.driver.get("about:blank")
        self.driver.get(url)
        return self.loaded(page)

    def go(self, fragment, page):
        self.driver.execute_script("document.body.dataset.ready = ''; location.hash = arguments[0]", fragment)
        return self.loaded(page)

    def no_alert(self, name):
        try:
            text = self.driver.switch_to.alert.text
            report(name, False, "an alert fired: %r" % text)
            self.driver.switch_to.alert.dismiss()
        except NoAlertPresentException:
            report(name, True)

    def console_clean(self):
        """Checks that the browser's console has no error (a script's, a CSP
        violation, a failed request) since the last look."""
        severe = [e for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]
        check("no script error or CSP violation in the browser console", not severe,
              [e["message"][:200] for e in severe])

    def shot(self, path):
        """The whole page, not just the window: the window sized to the document."""
        height = self.driver.execute_script("return Math.min(document.documentElement.scrollHeight, 3000)")
        self.driver.set_window_size(1280, max(800, height))
        self.driver.save_screenshot(path)
        self.driver.set_window_size(1280, 1400)
        return path
