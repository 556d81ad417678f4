"""Helpers for the browser tests: the real app under gunicorn, in Chromium."""

import pytest
from selenium.webdriver.common.by import By

from tests.gunicorn_server import serving

GB200_PATH = "/compare-spec-decode/deepseek-r1-gb200-fp4-mtp-vs-none"


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """Serve the real app with the production gunicorn config, once per run."""
    folder = tmp_path_factory.mktemp("gunicorn")
    with serving("app:server", folder, {"GUNICORN_WORKERS": "2"}) as server:
        yield server


@pytest.fixture
def dashboard(dash_br, app_server):
    """Return a page helper for a fresh browser pointed at the served app."""
    dash_br.server_url = app_server.url
    return Page(dash_br, app_server.url)


class Page:
    """Actions and checks a person makes on the dashboard, in test terms."""

    def __init__(self, browser, url: str):
        self.browser = browser
        self.url = url
        self.driver = browser.driver

    def open(self, path: str):
        self.driver.get(self.url + path)
        self.browser.wait_for_element("#page")

    def cell(self, side: str, metric: str, target: int):
        selector = (
            f'[data-side="{side}"][data-metric="{metric}"][data-target="{target}"]'
        )
        return self.browser.wait_for_element(selector)

    def wait_cell(self, side: str, metric: str, target: int, text: str):
        selector = (
            f'[data-side="{side}"][data-metric="{metric}"][data-target="{target}"]'
        )
        self.browser.wait_for_text_to_equal(selector, text, timeout=10)

    def scroll_to(self, element):
        # Bootstrap scrolls smoothly; an instant scroll lets the click land.
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})",
            element,
        )

    def feedback_selector(self, index: int) -> str:
        return f'[id*="target-feedback"][id*=\'"index":{index}\']'

    def target_box(self, index: int):
        return self.driver.find_element(
            By.CSS_SELECTOR, f'input[id*="target-input"][id*=\'"index":{index}\']'
        )

    def type_target(self, index: int, text: str):
        box = self.target_box(index)
        self.scroll_to(box)
        box.clear()
        box.send_keys(text)
        box.send_keys("\n")

    def choose(self, dropdown: str, label: str):
        """Pick the option with this label in a dropdown, failing if it is absent."""
        element = self.browser.find_element(dropdown)
        self.scroll_to(element)
        element.click()
        menu = self.browser.wait_for_element(".dash-dropdown-options")
        options = menu.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
        matches = [option for option in options if option.text == label]
        assert matches, f"no option {label!r} in {[o.text for o in options]}"
        self.driver.execute_script("arguments[0].click()", matches[0])

    def chart(self, expression: str):
        """Evaluate a JavaScript expression on the rendered Plotly graph `gd`."""
        return self.driver.execute_script(
            "const gd = document.querySelector('#chart .js-plotly-plot');"
            f"return {expression};"
        )

    def search(self) -> str:
        return self.driver.execute_script("return window.location.search")

    def console_errors(self):
        return [
            entry
            for entry in self.browser.get_logs() or []
            if entry.get("level") == "SEVERE"
        ]
