"""The comparison on the shipped data, pinned to the published GB200 values."""

import numpy as np
import pandas as pd
import pytest

from core.compare import (
    Band,
    SideSpec,
    build_side,
    comparison_table,
    compute_band,
    data_range,
    default_targets,
    interpolate_side,
    parse_target,
    round_half_up,
    summary_sentence,
)
from core.metrics import CostSettings

TARGETS = [57, 97, 136]


@pytest.fixture(scope="module")
def gb200_sides(index):
    return list(index.sides("dsr1", "1k1k", "gb200", "fp4", None))


def test_mtp_side_uses_measured_points(gb200_sides):
    mtp, _ = gb200_sides
    assert len(mtp.points) == 9
    assert set(mtp.points["kind"]) == {"measured"}
    assert not mtp.published_only


def test_off_side_falls_back_to_published(gb200_sides):
    _, off = gb200_sides
    assert off.published_only
    assert len(off.points) == 3
    assert off.label == "Off (published values)"


def test_band_is_overlap(gb200_sides):
    band = compute_band(gb200_sides)
    assert band.kind == "overlap"
    assert band.text == "57–136 tok/s/user"


def test_default_targets(gb200_sides):
    assert default_targets(compute_band(gb200_sides)) == [77, 97, 116]


def test_round_half_up_not_bankers():
    assert round_half_up(96.5) == 97
    assert round_half_up(95.5) == 96
    assert round_half_up(96.49) == 96


def test_mtp_values_match_published(gb200_sides):
    values = interpolate_side(gb200_sides[0], TARGETS, CostSettings())
    assert values.throughput == pytest.approx([11333.0, 7092.5, 3058.9], abs=1)
    assert values.concurrency.tolist() == [3397, 2028, 686]
    assert values.power == pytest.approx([5396670, 3377381, 1456619], abs=500)


def test_tokens_per_megawatt_is_throughput_over_power(gb200_sides):
    values = interpolate_side(gb200_sides[0], TARGETS, CostSettings())
    assert values.power == pytest.approx(values.throughput * 1000 / 2.1)


def test_mtp_cost_consistent_mode(gb200_sides):
    values = interpolate_side(gb200_sides[0], TARGETS, CostSettings(), "consistent")
    assert np.round(values.cost, 3).tolist() == [0.054, 0.087, 0.201]
    assert values.cost * values.throughput * 3600 / 1e6 == pytest.approx(2.21)


def test_mtp_cost_as_published_mode(gb200_sides):
    values = interpolate_side(gb200_sides[0], TARGETS, CostSettings(), "published")
    assert np.round(values.cost, 3).tolist() == [0.054, 0.089, 0.260]


def test_off_values_are_published_values(gb200_sides):
    values = interpolate_side(gb200_sides[1], TARGETS, CostSettings())
    assert values.throughput.tolist() == [7172.9, 2953.6, 320.1]
    assert values.concurrency.tolist() == [2177, 512, 35]


def test_off_as_published_cost_uses_printed_cost(gb200_sides):
    values = interpolate_side(gb200_sides[1], TARGETS, CostSettings(), "published")
    assert np.round(values.cost, 3).tolist() == [0.084, 0.200, 2.459]


def test_custom_cost_scales_published_cost(gb200_sides):
    custom = CostSettings(usd_per_gpu_hour=4.42)
    values = interpolate_side(gb200_sides[1], [136], custom, "published")
    assert values.cost[0] == pytest.approx(2.459 * 2, rel=1e-9)


def test_table_marks_better_side(gb200_sides):
    columns = comparison_table(gb200_sides, TARGETS, CostSettings())
    cells = columns[1].cells
    assert cells["throughput"]["mtp"].text == "7,092.5"
    assert cells["throughput"]["mtp"].better
    assert not cells["throughput"]["off"].better
    assert cells["cost"]["mtp"].text == "$0.087"
    assert cells["cost"]["mtp"].better
    assert cells["concurrency"]["off"].text == "~512"
    assert cells["power"]["mtp"].better


def test_table_flags_target_beyond_side_data(gb200_sides):
    columns = comparison_table(gb200_sides, [200], CostSettings())
    assert columns[0].cells["throughput"]["off"].beyond_data
    assert not columns[0].cells["throughput"]["mtp"].beyond_data


def test_summary_sentence_arithmetic(gb200_sides):
    band = compute_band(gb200_sides)
    columns = comparison_table(gb200_sides, [97], CostSettings())
    sentence = summary_sentence(columns[0], gb200_sides, band)
    assert sentence == (
        "At 97 tok/s/user (around the middle of the band), MTP is 58 % cheaper "
        "per token (Off costs 2.40× as much), and MTP delivers 2.40× the "
        "throughput per GPU of Off."
    )


def test_summary_never_exceeds_hundred_percent(gb200_sides):
    band = compute_band(gb200_sides)
    columns = comparison_table(gb200_sides, [136], CostSettings())
    sentence = summary_sentence(columns[0], gb200_sides, band)
    assert "90 % cheaper" in sentence
    assert "9.56× as much" in sentence


def _side(key, intvty, tput, conc=None, hw="gb200"):
    frame = pd.DataFrame(
        {
            "median_intvty": intvty,
            "tput_per_gpu": tput,
            "conc": conc or [10] * len(tput),
            "hw": hw,
            "kind": "measured",
            "spec_decoding": key,
            "cost_per_mtok": np.nan,
        }
    )
    return build_side(frame, SideSpec(key, key.upper(), (("spec_decoding", key),)))


def test_summary_tie_under_one_percent():
    first = _side("a", [10, 50], [1000, 500])
    second = _side("b", [10, 50], [1005, 502])
    sides = [first, second]
    columns = comparison_table(sides, [30], CostSettings())
    sentence = summary_sentence(columns[0], sides, compute_band(sides))
    assert "cost the same per token within 1 %" in sentence
    assert "same throughput per GPU within 1 %" in sentence
    assert not columns[0].cells["cost"]["a"].better


def test_band_union_when_ranges_do_not_overlap():
    sides = [_side("a", [10, 20], [5, 4]), _side("b", [30, 40], [3, 2])]
    band = compute_band(sides)
    assert (band.low, band.high, band.kind) == (10, 40, "union")


def test_band_single_side():
    sides = [_side("a", [10, 20], [5, 4]), _side("b", [], [])]
    band = compute_band(sides)
    assert band.kind == "single"
    assert band.text == "10–20 tok/s/user"


def test_band_rounds_inward():
    band = Band(18.2, 175.9, "overlap")
    assert band.text == "19–175 tok/s/user"


def test_zero_width_band_one_target():
    assert default_targets(Band(50.0, 50.0, "overlap")) == [50]


def test_no_points_no_band():
    sides = [_side("a", [], []), _side("b", [], [])]
    assert compute_band(sides) is None


def test_side_without_data_shows_dash():
    sides = [_side("a", [10, 20], [5, 4]), _side("b", [], [])]
    columns = comparison_table(sides, [15], CostSettings())
    assert columns[0].cells["throughput"]["b"].text == "—"
    assert not columns[0].cells["throughput"]["a"].better
    sentence = summary_sentence(columns[0], sides, compute_band(sides))
    assert "only A has data" in sentence


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type a target"),
        ("   ", "Type a target"),
        (None, "Type a target"),
        ("abc", "not a number"),
        ("-5", "greater than zero"),
        ("0", "greater than zero"),
        ("96,5", "comma"),
        ("1,000", "comma"),
        ("nan", "not a finite number"),
        ("inf", "not a finite number"),
    ],
)
def test_parse_target_rejects(text, message):
    band = Band(57, 136, "overlap")
    parsed = parse_target(text, band, (17.8, 286.4))
    assert parsed.value is None
    assert message in parsed.error


@pytest.mark.parametrize(
    ("text", "value"),
    [("97", 97), ("96.5", 97), ("1e2", 100), (" 80 ", 80), ("57", 57)],
)
def test_parse_target_accepts(text, value):
    parsed = parse_target(text, Band(57, 136, "overlap"), (17.8, 286.4))
    assert parsed.value == value
    assert parsed.notice is None


def test_parse_target_clamps_above_data():
    parsed = parse_target("1000", Band(57, 136, "overlap"), (17.8, 286.4))
    assert parsed.value == 286
    assert "clamped to 286" in parsed.notice


def test_parse_target_clamps_below_data():
    parsed = parse_target("3", Band(57, 136, "overlap"), (17.8, 286.4))
    assert parsed.value == 18
    assert "clamped to 18" in parsed.notice


def test_parse_target_flags_outside_band():
    parsed = parse_target("200", Band(57, 136, "overlap"), (17.8, 286.4))
    assert parsed.value == 200
    assert "outside the band 57–136" in parsed.notice


def test_data_range_is_union(gb200_sides):
    low, high = data_range(gb200_sides)
    assert low == pytest.approx(17.82)
    assert high == pytest.approx(286.4)


def test_published_deviation_of_mtp_side(gb200_sides):
    from core.compare import published_deviations

    deviations = published_deviations(gb200_sides[0])
    assert [d.interactivity for d in deviations] == [57, 97, 136]
    assert [d.published for d in deviations] == [11333.4, 7092.5, 3058.6]
    # The blog rounded its inputs, so the match is within 0.02 %, not exact.
    assert all(abs(d.percent) < 0.02 for d in deviations)


def test_no_deviation_for_published_only_side(gb200_sides):
    from core.compare import published_deviations

    assert published_deviations(gb200_sides[1]) == []


def test_no_verdict_beyond_side_data(gb200_sides):
    band = compute_band(gb200_sides)
    columns = comparison_table(gb200_sides, [200], CostSettings())
    cells = columns[0].cells
    assert not cells["cost"]["mtp"].better
    assert not cells["cost"]["off"].better
    sentence = summary_sentence(columns[0], gb200_sides, band)
    assert "no like-for-like comparison" in sentence
    assert "Off has points from 57 to 136 tok/s/user" in sentence
    assert "cheaper" not in sentence


def test_band_describes_its_source(gb200_sides):
    assert compute_band(gb200_sides).describe(gb200_sides) == (
        "the interactivity both sides reach"
    )
    single = [_side("a", [10, 20], [5, 4]), _side("b", [], [])]
    assert compute_band(single).describe(single) == "only A has points here; B has none"


def test_parse_target_reports_rounding():
    parsed = parse_target("96.5", Band(57, 136, "overlap"), (17.8, 286.4))
    assert parsed.value == 97
    assert parsed.info == "96.5 rounded to 97 tok/s/user."
    assert parsed.notice is None


def test_parse_target_quotes_long_text_briefly():
    parsed = parse_target("x" * 300, Band(57, 136, "overlap"), (17.8, 286.4))
    assert "x" * 24 + "…" in parsed.error
    assert len(parsed.error) < 80
