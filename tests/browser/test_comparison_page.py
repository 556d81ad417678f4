"""The comparison table as a person reads and edits it, in real Chromium."""

import requests

from tests.browser.conftest import GB200_PATH


def test_default_page_band_and_targets(dashboard):
    dashboard.open("/")
    dashboard.browser.wait_for_text_to_equal("#band", "57–136 tok/s/user")
    values = [dashboard.target_box(i).get_attribute("value") for i in range(3)]
    assert values == ["77", "97", "116"]
    dashboard.wait_cell("mtp", "throughput", 97, "7,092.5")
    dashboard.wait_cell("off", "throughput", 97, "2,953.6")
    dashboard.wait_cell("mtp", "cost", 116, "$0.121")
    dashboard.wait_cell("off", "concurrency", 77, "~1,216")
    assert dashboard.console_errors() == []


def test_shared_link_gives_published_numbers(dashboard):
    dashboard.open(GB200_PATH + "?targets=57,97,136")
    expected = {
        ("mtp", "throughput"): ["11,333.0", "7,092.5", "3,058.9"],
        ("mtp", "concurrency"): ["~3,397", "~2,028", "~686"],
        ("mtp", "cost"): ["$0.054", "$0.087", "$0.201"],
        ("mtp", "power"): ["5,396,675", "3,377,375", "1,456,637"],
        ("off", "throughput"): ["7,172.9", "2,953.6", "320.1"],
        ("off", "concurrency"): ["~2,177", "~512", "~35"],
    }
    for (side, metric), texts in expected.items():
        for target, text in zip((57, 97, 136), texts, strict=True):
            dashboard.wait_cell(side, metric, target, text)
    body = dashboard.browser.find_element("#table-body").text
    assert "Off (published values)" in body
    assert (
        "Cost mode: consistent"
        in dashboard.browser.find_element("#cost-mode-note").text
    )
    assert dashboard.console_errors() == []


def test_as_published_cost_mode_from_link(dashboard):
    dashboard.open(GB200_PATH + "?targets=57,97,136&cost=published")
    for target, text in zip((57, 97, 136), ("$0.054", "$0.089", "$0.260"), strict=True):
        dashboard.wait_cell("mtp", "cost", target, text)
    assert "as published" in dashboard.browser.find_element("#cost-mode-note").text


def test_cost_mode_switch_updates_cost_row(dashboard):
    dashboard.open(GB200_PATH + "?targets=57,97,136")
    dashboard.wait_cell("mtp", "cost", 136, "$0.201")
    radio = dashboard.browser.find_element('#cost-mode input[value="published"]')
    dashboard.driver.execute_script("arguments[0].click()", radio)
    dashboard.wait_cell("mtp", "cost", 136, "$0.260")
    dashboard.wait_cell("mtp", "throughput", 136, "3,058.9")
    assert "cost=published" in dashboard.search()


def test_typing_target_moves_column(dashboard):
    dashboard.open("/")
    dashboard.wait_cell("mtp", "throughput", 77, "9,160.8")
    dashboard.type_target(0, "57")
    dashboard.wait_cell("mtp", "throughput", 57, "11,333.0")
    dashboard.wait_cell("off", "throughput", 57, "7,172.9")
    assert "targets=57,97,116" in dashboard.search()
    summary = dashboard.browser.find_element("#summary").text
    assert "At 57 tok/s/user" in summary


def test_decimal_and_exponent_targets(dashboard):
    dashboard.open("/")
    dashboard.cell("mtp", "throughput", 97)
    dashboard.type_target(1, "96.5")
    dashboard.wait_cell("mtp", "throughput", 97, "7,092.5")
    feedback = dashboard.feedback_selector(1)
    dashboard.browser.wait_for_contains_text(feedback, "96.5 rounded to 97 tok/s/user")
    dashboard.type_target(2, "1e2")
    dashboard.cell("mtp", "throughput", 100)
    assert dashboard.target_box(2).get_attribute("value") == "100"


def test_bad_targets_keep_column_and_explain(dashboard):
    dashboard.open(GB200_PATH + "?targets=57,97,136")
    dashboard.wait_cell("mtp", "throughput", 97, "7,092.5")
    for text, message in (
        ("abc", "not a number"),
        ("-5", "greater than zero"),
        ("0", "greater than zero"),
        ("96,5", "comma"),
        ("", "Type a target"),
    ):
        dashboard.type_target(1, text)
        feedback = dashboard.feedback_selector(1)
        dashboard.browser.wait_for_contains_text(feedback, message, timeout=10)
        assert dashboard.cell("mtp", "throughput", 97).text == "7,092.5"
        assert "Keeping 97" in dashboard.browser.find_element(feedback).text
    assert dashboard.console_errors() == []


def test_target_above_data_is_clamped(dashboard):
    dashboard.open(GB200_PATH + "?targets=57,97,136")
    dashboard.wait_cell("mtp", "throughput", 97, "7,092.5")
    dashboard.type_target(1, "1000")
    dashboard.cell("mtp", "throughput", 286)
    feedback = dashboard.feedback_selector(1)
    dashboard.browser.wait_for_contains_text(feedback, "clamped to 286")
    assert "outside the band" in dashboard.browser.find_element(feedback).text
    assert dashboard.target_box(1).get_attribute("value") == "286"
    # Off has data only up to 136, so it shows its edge value, marked.
    dashboard.wait_cell("off", "throughput", 286, "320.1")
    assert dashboard.console_errors() == []


def test_sequence_change_updates_table(dashboard):
    dashboard.open("/")
    dashboard.wait_cell("mtp", "throughput", 97, "7,092.5")
    dashboard.choose("#sequence", "8k / 1k")
    dashboard.browser.wait_for_contains_text("#comparison h2", "8k / 1k")
    band = dashboard.browser.find_element("#band").text
    assert band != "57–136 tok/s/user"
    text = dashboard.browser.find_element("#comparison").text
    assert "only MTP has points here; Off has none" in text
    assert "seq=8k1k" in dashboard.search()
    off_cells = dashboard.driver.find_elements(
        "css selector", '[data-side="off"][data-metric="throughput"]'
    )
    assert off_cells and all(cell.text == "—" for cell in off_cells)


def test_empty_state_names_workloads_with_data(dashboard):
    dashboard.open("/compare-spec-decode/deepseek-r1-b300-fp4-mtp-vs-none?seq=8k1k")
    dashboard.browser.wait_for_contains_text("#comparison", "No MTP or Off results")
    text = dashboard.browser.find_element("#comparison").text
    assert "1k / 1k: 0 MTP and 12 Off points" in text


def test_invalid_slug_page_and_status(dashboard):
    url = dashboard.url + "/compare-spec-decode/deepseek-r1-h100-fp4-mtp-vs-none"
    assert requests.get(url, timeout=10).status_code == 404
    dashboard.open("/compare-spec-decode/deepseek-r1-h100-fp4-mtp-vs-none")
    dashboard.browser.wait_for_contains_text("#page", "Page not found")
    links = dashboard.driver.find_elements("css selector", "#page li a")
    assert any("GB200 NVL72 FP4" in link.text for link in links)
    errors = dashboard.console_errors()
    # The page's own 404 status is the only console entry.
    assert len(errors) == 1
    assert "404 (NOT FOUND)" in errors[0]["message"]


def test_invalid_parameters_noticed(dashboard):
    dashboard.open("/?seq=9k9k&metric=speed&targets=abc,97&log=maybe")
    dashboard.browser.wait_for_contains_text("#url-notices", "Ignored seq=9k9k")
    notices = dashboard.browser.find_element("#url-notices").text
    assert "metric=speed" in notices
    assert "target “abc”" in notices
    dashboard.cell("mtp", "throughput", 97)
    assert dashboard.console_errors() == []


def test_index_lists_pages(dashboard):
    dashboard.open("/compare-spec-decode")
    dashboard.browser.wait_for_contains_text("#page", "Pages with benchmark points")
    text = dashboard.browser.find_element("#page").text
    assert "GB200 NVL72 FP4: MTP vs Off" in text
    assert "MI355X FP8: MTP vs Off" in text
    assert "B300" not in text
