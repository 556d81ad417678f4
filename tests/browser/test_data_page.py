"""The page on the user's own data: sources, rejected rows, as-of and costs."""

import shutil

import pytest

from tests.browser.conftest import GB200_PATH, Page
from tests.gunicorn_server import serving

SHIPPED = "data/benchmarks.csv"


@pytest.fixture(scope="module")
def own_data_server(tmp_path_factory):
    """Serve a folder holding the shipped CSV, a bad-row CSV and broken JSON."""
    folder = tmp_path_factory.mktemp("results")
    shutil.copy(SHIPPED, folder / "benchmarks.csv")
    (folder / "extra.csv").write_text(
        "model,isl,osl,hw,precision,spec_decoding,conc,tput_per_gpu,median_intvty\n"
        "dsr1,1024,1024,h999,fp8,none,64,1000,50\n"
        "dsr1,1024,1024,gb200,fp4,mtp,64,abc,50\n",
        encoding="utf-8",
    )
    (folder / "truncated.json").write_text('[{"hw": "b200", "conc": ', encoding="utf-8")
    env = {"GUNICORN_WORKERS": "1", "DATA_PATH": str(folder)}
    with serving("app:server", tmp_path_factory.mktemp("gunicorn-own"), env) as server:
        yield server


@pytest.fixture
def own_page(dash_br, own_data_server):
    dash_br.server_url = own_data_server.url
    return Page(dash_br, own_data_server.url)


def test_sources_panel_reports_rows_and_problems(own_page):
    own_page.open(GB200_PATH)
    own_page.cell("mtp", "throughput", 97)
    panel = own_page.browser.find_element("#data-sources")
    own_page.scroll_to(panel)
    own_page.driver.execute_script(
        "arguments[0].querySelector('details').open = true", panel
    )
    text = panel.text
    assert "504 benchmark points" in text
    assert "benchmarks.csv" in text
    assert "truncated.json" in text
    assert "not a number" in text
    assert "No cost or power basis for h999" in text
    assert own_page.console_errors() == []


def test_default_page_unchanged_by_extra_files(own_page):
    own_page.open(GB200_PATH + "?targets=57,97,136")
    own_page.wait_cell("mtp", "throughput", 97, "7,092.5")
    own_page.wait_cell("off", "throughput", 136, "320.1")


def test_as_of_date_changes_data(dashboard):
    dashboard.open("/compare-spec-decode/deepseek-r1-b200-fp4-mtp-vs-none?seq=8k1k")
    dashboard.browser.wait_for_contains_text("#band", "tok/s/user")
    latest_band = dashboard.browser.find_element("#band").text
    dashboard.open(
        "/compare-spec-decode/deepseek-r1-b200-fp4-mtp-vs-none?seq=8k1k&asof=2026-01-01"
    )
    dashboard.browser.wait_for_contains_text("#band", "tok/s/user")
    assert dashboard.browser.find_element("#band").text != latest_band
    assert (
        dashboard.browser.find_element("#as-of").get_attribute("value") == "2026-01-01"
    )


def test_as_of_before_all_runs_says_so(dashboard):
    dashboard.open(GB200_PATH + "?asof=1999-01-01")
    dashboard.browser.wait_for_contains_text(
        "#comparison-holder", "No measurement is dated on or before 1999-01-01"
    )


def test_custom_cost_applies_and_bad_value_explained(dashboard):
    dashboard.open(GB200_PATH + "?targets=57,97,136")
    dashboard.wait_cell("mtp", "cost", 97, "$0.087")
    box = dashboard.browser.find_element("#custom-cost")
    dashboard.scroll_to(box)
    box.send_keys("4.42\n")
    dashboard.wait_cell("mtp", "cost", 97, "$0.173")
    assert "usd=4.42" in dashboard.search()
    box.clear()
    box.send_keys("1e9\n")
    dashboard.browser.wait_for_contains_text(
        "#cost-feedback", "far above any published"
    )
    box.clear()
    box.send_keys("1,5\n")
    dashboard.browser.wait_for_contains_text("#cost-feedback", "“1,5”")
    dashboard.wait_cell("mtp", "cost", 97, "$0.087")


def test_deviation_from_published_values_shown(dashboard):
    dashboard.open(GB200_PATH)
    dashboard.browser.wait_for_contains_text("#published-deviation", "published values")
    text = dashboard.browser.find_element("#published-deviation").text
    assert "57 tok/s/user: 11,333.0 vs 11,333.4 (-0.003 %)" in text


@pytest.fixture(scope="module")
def no_data_server(tmp_path_factory):
    """Serve the app with DATA_PATH naming a file that does not exist."""
    missing = tmp_path_factory.mktemp("missing") / "results.csv"
    env = {"GUNICORN_WORKERS": "1", "DATA_PATH": str(missing)}
    with serving("app:server", tmp_path_factory.mktemp("gunicorn-none"), env) as server:
        yield server


def test_no_data_page_says_why(dash_br, no_data_server):
    page = Page(dash_br, no_data_server.url)
    dash_br.server_url = no_data_server.url
    page.open("/")
    page.browser.wait_for_contains_text("#page", "No benchmark data")
    text = page.browser.find_element("#page").text
    assert "results.csv" in text
    assert "not found" in text or "does not exist" in text
