import numpy as np
import pytest

from core.chart import aggregation_of, build_series, select_points, series_label
from core.compare import interpolate_side
from core.metrics import CostSettings

ALL_FILTERS = (
    ["fp4"],
    ["nvidia", "amd"],
    ["single", "multi", "disagg"],
    ["mtp", "off"],
)


def test_series_label():
    label = series_label("gb200", "dynamo-trt", "mtp", "fp4")
    assert label == "GB200 NVL72 · Dynamo TRT · MTP · FP4"


def test_filters_select_points(index):
    frame = index.workload("dsr1", "1k1k", None)
    points = select_points(frame, ["fp4"], ["amd"], ["disagg"], ["mtp"])
    assert set(points["hw"]) == {"mi355x"}
    assert set(points["spec_decoding"]) == {"mtp"}
    assert set(points["kind"]) == {"measured"}


def test_aggregation_classes(index):
    frame = index.workload("dsr1", "1k1k", None)
    measured = frame[frame["kind"] == "measured"]
    assert set(aggregation_of(measured)) == {"single", "disagg"}


def test_curve_passes_through_table_values(index):
    frame = index.workload("dsr1", "1k1k", None)
    points = select_points(frame, *ALL_FILTERS)
    series = {s.key: s for s in build_series(points, "intvty", "tput", CostSettings())}
    gb200 = series["gb200|dynamo-trt|mtp|fp4"]
    mtp, _ = index.sides("dsr1", "1k1k", "gb200", "fp4", None)
    table = interpolate_side(mtp, [57, 97, 136], CostSettings())
    drawn = np.interp([57, 97, 136], gb200.curve_x, gb200.curve_y)
    assert drawn == pytest.approx(table.throughput, rel=2e-3)


def test_cost_curve_is_cost_of_throughput_curve(index):
    frame = index.workload("dsr1", "1k1k", None)
    points = select_points(frame, *ALL_FILTERS)
    tput = {s.key: s for s in build_series(points, "intvty", "tput", CostSettings())}
    cost = {s.key: s for s in build_series(points, "intvty", "cost", CostSettings())}
    key = "gb200|dynamo-trt|mtp|fp4"
    expected = 2.21e6 / 3600 / tput[key].curve_y
    assert cost[key].curve_y == pytest.approx(expected)


def test_front_flags_only_non_dominated(index):
    frame = index.workload("dsr1", "1k1k", None)
    points = select_points(frame, *ALL_FILTERS)
    for item in build_series(points, "intvty", "tput", CostSettings()):
        front = item.points[item.points["on_front"]]
        for _, point in front.iterrows():
            better = item.points[
                (item.points["x"] >= point["x"]) & (item.points["y"] >= point["y"])
            ]
            strictly = better[(better["x"] > point["x"]) | (better["y"] > point["y"])]
            assert strictly.empty, item.label


def test_latency_axis_uses_ttft(index):
    frame = index.workload("dsr1", "1k1k", None)
    points = select_points(frame, *ALL_FILTERS)
    series = build_series(points, "ttft", "tput", CostSettings())
    assert [s.label for s in series] == ["B300 · SGLang · Off · FP4"]


def test_published_references_follow_filters(index):
    from core.chart import published_references

    frame = index.workload("dsr1", "1k1k", None)
    filters = (("fp4",), ("nvidia",), ("mtp", "off"))
    references = published_references(
        frame, filters, "tput", CostSettings(), "consistent"
    )
    assert [r.label for r in references] == [
        "GB200 NVL72 · MTP · FP4 (SemiAnalysis published)",
        "GB200 NVL72 · Off · FP4 (SemiAnalysis published)",
    ]
    assert references[1].y.tolist() == [7172.9, 2953.6, 320.1]
    amd_only = (("fp4",), ("amd",), ("mtp", "off"))
    assert (
        published_references(frame, amd_only, "tput", CostSettings(), "consistent")
        == []
    )


def test_published_reference_cost_follows_cost_mode(index):
    from core.chart import published_references

    frame = index.workload("dsr1", "1k1k", None)
    filters = (("fp4",), ("nvidia",), ("off",))
    printed = published_references(frame, filters, "cost", CostSettings(), "published")
    assert printed[0].y.tolist() == pytest.approx([0.084, 0.200, 2.459])
    consistent = published_references(
        frame, filters, "cost", CostSettings(), "consistent"
    )
    assert consistent[0].y[2] == pytest.approx(2.21e6 / 3600 / 320.1)
