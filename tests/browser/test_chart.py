"""The inference chart's controls, legend, link and CSV export in Chromium."""

import csv
import time
from pathlib import Path

from tests.browser.conftest import GB200_PATH


def _wait(predicate, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def _trace_names(dashboard):
    return dashboard.chart(
        "gd && gd._fullData ? gd._fullData.filter(t => t.showlegend)"
        ".map(t => t.name) : []"
    )


def _click(dashboard, selector):
    element = dashboard.browser.find_element(selector)
    dashboard.driver.execute_script("arguments[0].click()", element)


def test_chart_controls_change_chart(dashboard):
    dashboard.open(GB200_PATH)
    _wait(lambda: len(_trace_names(dashboard)) == 10)
    dashboard.driver.execute_script("window.notReloaded = true")

    dashboard.choose("#y-metric", "Cost per million tokens ($/M tokens)")
    _wait(lambda: "Cost" in dashboard.chart("gd._fullLayout.yaxis.title.text"))

    _click(dashboard, '#toggles input[value="log"]')
    _wait(lambda: dashboard.chart("gd._fullLayout.yaxis.type") == "log")

    _click(dashboard, '#vendors input[value="amd"]')
    _wait(lambda: not any("MI355X" in n for n in _trace_names(dashboard)))

    _click(dashboard, '#spec input[value="off"]')
    _wait(lambda: all("MTP" in n for n in _trace_names(dashboard)))

    # NVIDIA single-node results are all without MTP: nothing is left.
    # Published values carry no aggregation, so they stay.
    _click(dashboard, '#aggregations input[value="disagg"]')
    published = ["GB200 NVL72 · MTP · FP4 (SemiAnalysis published)"]
    _wait(lambda: _trace_names(dashboard) == published)
    dashboard.browser.wait_for_contains_text(
        "#chart-note", "No measured points at 1k / 1k match"
    )

    _click(dashboard, '#spec input[value="mtp"]')
    dashboard.browser.wait_for_contains_text(
        "#chart-note", "Select at least one speculative-decoding setting"
    )

    _click(dashboard, '#spec input[value="mtp"]')
    _click(dashboard, '#aggregations input[value="disagg"]')
    _click(dashboard, '#precisions input[value="fp8"]')
    _wait(lambda: any("FP8" in n for n in _trace_names(dashboard)))

    _click(dashboard, '#toggles input[value="labels"]')
    _wait(lambda: "text" in dashboard.chart("gd._fullData[1].mode"))

    search = dashboard.search()
    for part in ("metric=cost", "log=1", "vendor=nvidia", "spec=mtp", "labels=1"):
        assert part in search
    assert dashboard.driver.execute_script("return window.notReloaded") is True
    assert dashboard.console_errors() == []


def test_hide_non_optimal_shows_more_points(dashboard):
    dashboard.open(GB200_PATH)
    _wait(lambda: len(_trace_names(dashboard)) == 10)
    count = (
        "gd._fullData.filter(t => t.mode && t.mode.includes('markers'))"
        ".reduce((n, t) => n + t._length, 0)"
    )
    front_only = dashboard.chart(count)
    _click(dashboard, '#toggles input[value="optimal"]')
    _wait(lambda: dashboard.chart(count) > front_only)
    assert "optimal=0" in dashboard.search()


def test_x_axis_switch_to_ttft(dashboard):
    dashboard.open(GB200_PATH)
    _wait(lambda: len(_trace_names(dashboard)) == 10)
    dashboard.choose("#x-metric", "Time to first token (s)")
    _wait(lambda: "first token" in dashboard.chart("gd._fullLayout.xaxis.title.text"))
    assert _trace_names(dashboard) == ["B300 · SGLang · Off · FP4"]


def test_shared_link_restores_chart(dashboard):
    dashboard.open(GB200_PATH + "?metric=power&vendor=amd&log=1&precision=fp8")
    _wait(lambda: dashboard.chart("gd && gd._fullLayout.yaxis.type") == "log")
    assert "tok/s/MW" in dashboard.chart("gd._fullLayout.yaxis.title.text")
    names = _trace_names(dashboard)
    assert names and all(n.startswith("MI355X") and n.endswith("FP8") for n in names)
    checked = dashboard.driver.execute_script(
        "return [...document.querySelectorAll('#vendors input')]"
        ".filter(i => i.checked).map(i => i.value)"
    )
    assert checked == ["amd"]


def test_legend_click_isolates_and_restores(dashboard):
    dashboard.open(GB200_PATH)
    _wait(lambda: len(_trace_names(dashboard)) == 10)
    visible = "gd._fullData.filter(t => t.visible === true).length"
    toggles = dashboard.driver.find_elements("css selector", "#chart .legendtoggle")
    dashboard.driver.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));"
        "arguments[0].dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));",
        toggles[0],
    )
    _wait(lambda: dashboard.chart(visible) == 2)
    dashboard.driver.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));"
        "arguments[0].dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));",
        toggles[0],
    )
    _wait(lambda: dashboard.chart(visible) == 18)


def test_csv_download_of_visible_points(dashboard):
    dashboard.open(GB200_PATH + "?vendor=nvidia&spec=mtp")
    _wait(lambda: len(_trace_names(dashboard)) == 4)
    _click(dashboard, "#csv-button")
    folder = Path(dashboard.browser.download_path)
    _wait(lambda: any(folder.glob("*.csv")), timeout=15)
    path = next(folder.glob("*.csv"))
    with path.open() as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    assert {row["spec_decoding"] for row in rows} == {"mtp"}
    assert {row["hw"] for row in rows} == {"b200", "gb200"}
    assert all(row["credit"] == "SemiAnalysis InferenceX" for row in rows)
    gb200 = [row for row in rows if row["hw"] == "gb200"]
    assert len(gb200) == 9


def test_back_button_restores_previous_view(dashboard):
    dashboard.open(GB200_PATH)
    _wait(lambda: len(_trace_names(dashboard)) == 10)
    _click(dashboard, '#toggles input[value="log"]')
    _wait(lambda: "log=1" in dashboard.search())
    _wait(lambda: dashboard.chart("gd._fullLayout.yaxis.type") == "log")
    dashboard.driver.back()
    _wait(lambda: "log=1" not in dashboard.search())
    _wait(lambda: dashboard.chart("gd && gd._fullLayout.yaxis.type") == "linear")
    checked = dashboard.driver.execute_script(
        "return document.querySelector('#toggles input[value=\"log\"]').checked"
    )
    assert checked is False


def test_csv_with_nothing_visible_explains(dashboard):
    dashboard.open(GB200_PATH + "?x=ttft&vendor=amd")
    dashboard.browser.wait_for_contains_text("#chart-note", "No points at 1k / 1k")
    _click(dashboard, "#csv-button")
    dashboard.browser.wait_for_contains_text("#csv-feedback", "nothing to download")
