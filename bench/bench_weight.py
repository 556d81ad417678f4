"""Measure the bytes of a first page load and of the default chart's JSON.

Serves the dashboard with gunicorn.conf.py and opens it in headless Chromium
(Debian's chromium and chromium-driver) with an empty cache. Once the chart is
drawn and the network is quiet, it sums the transferSize of the document and
every resource from the browser's Resource Timing entries. That is the
compressed bytes on the wire, headers included. It also
prints the browser console's warnings and errors, which should be none.

The chart JSON size comes from the headless client: the body of the initial
chart callback response, uncompressed and as sent with br.

Usage: python bench/bench_weight.py
"""

import argparse
import json
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_latency import emit  # noqa: E402
from dashclient import DashClient  # noqa: E402
from servers import Gunicorn  # noqa: E402

OUT = BENCH / "out"
QUIET_S = 1.5
PAGE_TIMEOUT_S = 60

RESOURCES_JS = """
const navigation = performance.getEntriesByType('navigation');
const resources = performance.getEntriesByType('resource');
return navigation.concat(resources).map(entry => ({
    name: entry.name,
    transfer: entry.transferSize,
    encoded: entry.encodedBodySize,
    decoded: entry.decodedBodySize,
}));
"""


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("--label", default="weight", help="name of the JSON output")
    return parser.parse_args(argv)


def start_browser(args: argparse.Namespace) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(args.chromedriver), options=options)


def wait_until_quiet(driver: webdriver.Chrome) -> list[dict]:
    """Return the timing entries once no new resource came for QUIET_S."""
    deadline = time.monotonic() + PAGE_TIMEOUT_S
    entries = driver.execute_script(RESOURCES_JS)
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.25)
        current = driver.execute_script(RESOURCES_JS)
        if len(current) != len(entries):
            entries, quiet_since = current, time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_S:
            return current
    raise TimeoutError(f"the page kept loading for {PAGE_TIMEOUT_S} s")


def browser_load(url: str, args: argparse.Namespace) -> dict:
    driver = start_browser(args)
    try:
        driver.get(url + "/")
        WebDriverWait(driver, PAGE_TIMEOUT_S).until(
            expected_conditions.presence_of_element_located(
                (By.CSS_SELECTOR, ".js-plotly-plot .main-svg")
            )
        )
        entries = wait_until_quiet(driver)
        console = [
            entry
            for entry in driver.get_log("browser")
            if entry["level"] in ("WARNING", "SEVERE")
        ]
    finally:
        driver.quit()

    entries.sort(key=lambda entry: entry["transfer"], reverse=True)
    return {
        "requests": len(entries),
        "transferred_bytes": sum(entry["transfer"] for entry in entries),
        "decoded_bytes": sum(entry["decoded"] for entry in entries),
        "largest": [
            {
                "name": entry["name"].replace(url, ""),
                "transfer": entry["transfer"],
                "decoded": entry["decoded"],
            }
            for entry in entries[:8]
        ],
        "console": console,
    }


def chart_json(url: str) -> dict:
    action = DashClient(url).load_page("/")
    charts = [r for r in action.requests if ".figure" in r.label]
    if not charts:
        raise RuntimeError("the initial callbacks returned no chart figure")
    return {"bytes": charts[0].body_bytes, "br_bytes": charts[0].wire_bytes}


def main(argv=None) -> None:
    args = parse_args(argv)
    OUT.mkdir(exist_ok=True)
    env = {"GUNICORN_WORKERS": "2"}
    with Gunicorn("app:server", OUT / args.label, env) as app:
        results = {"first_load": browser_load(app.url, args)}
        results["chart_json"] = chart_json(app.url)

    path = OUT / f"{args.label}.json"
    path.write_text(json.dumps(results, indent=2))
    first = results["first_load"]
    emit(
        f"first load: {first['requests']} requests, "
        f"{first['transferred_bytes'] / 1e6:.2f} MB transferred, "
        f"{first['decoded_bytes'] / 1e6:.2f} MB decoded"
    )
    for entry in first["largest"]:
        emit(f"  {entry['transfer']:>9} B  {entry['name']}")
    emit(
        f"default chart JSON: {results['chart_json']['bytes']} B, "
        f"{results['chart_json']['br_bytes']} B with br"
    )
    emit(f"console warnings and errors: {len(first['console'])}")
    for entry in first["console"]:
        emit(f"  {entry['level']}: {entry['message'][:200]}")
    emit(f"written to {path}")


if __name__ == "__main__":
    main()
