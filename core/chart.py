"""Points and Pareto curves of the inference chart.

A series is one GPU, engine, speculative-decoding setting and precision. Each
series' curve is the Steffen spline through its throughput front, mapped to
the chosen metric, so the drawn line passes through every value the table
interpolates.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.gpus import GPU_VENDORS, gpu_name
from core.metrics import X_METRICS, Y_METRICS, CostSettings, x_values, y_values
from core.pareto import pareto_front
from core.spline import SteffenSpline

FRAMEWORK_NAMES = {
    "dynamo-trt": "Dynamo TRT",
    "dynamo-sglang": "Dynamo SGLang",
    "mori-sglang": "MoRI SGLang",
    "sglang": "SGLang",
    "trt": "TRT-LLM",
    "vllm": "vLLM",
}
SPEC_NAMES = {"mtp": "MTP", "none": "Off"}


def aggregation_of(frame: pd.DataFrame) -> pd.Series:
    """Classify each point as single node, multi-node or disaggregated."""
    disagg = frame["disagg"].fillna(False).astype(bool)
    multinode = frame["is_multinode"].fillna(False).astype(bool)
    return pd.Series(
        np.where(disagg, "disagg", np.where(multinode, "multi", "single")),
        index=frame.index,
    )


SERIES_COLUMNS = ["hw", "framework", "spec_decoding", "precision"]


def series_key(values) -> str:
    """Return the id of the series of (hw, framework, spec_decoding, precision)."""
    return "|".join("" if pd.isna(part) else str(part) for part in values)


def series_label(hw: str, framework, spec: str, precision: str) -> str:
    """Return the legend name of a series, e.g. GB200 NVL72 · Dynamo TRT · MTP · FP4."""
    engine = (
        FRAMEWORK_NAMES.get(framework, framework)
        if isinstance(framework, str)
        else "published"
    )
    return " · ".join(
        [gpu_name(hw), engine, SPEC_NAMES.get(spec, spec), precision.upper()]
    )


def select_points(frame, precisions, vendors, aggregations, spec) -> pd.DataFrame:
    """Return the measured points that pass the chart's filters."""
    spec_values = ["mtp" if s == "mtp" else "none" for s in spec]
    vendor = frame["hw"].map(GPU_VENDORS).fillna("other")
    mask = (
        (frame["kind"] == "measured")
        & frame["precision"].isin(precisions)
        & frame["spec_decoding"].isin(spec_values)
        & (vendor.isin(vendors) | (vendor == "other"))
        & aggregation_of(frame).isin(aggregations)
    )
    return frame[mask]


@dataclass
class Series:
    """One chart series: its points, front and sampled curve."""

    key: str
    label: str
    points: pd.DataFrame  # with columns x, y and on_front
    curve_x: np.ndarray
    curve_y: np.ndarray


def _curve(front: pd.DataFrame, y_key: str, costs: CostSettings, cost_mode: str):
    metric = Y_METRICS[y_key]
    if len(front) < 2:
        return front["x"].to_numpy(), front["y"].to_numpy()
    if metric.kind == "cost" and cost_mode == "published":
        return SteffenSpline(front["x"], front["y"]).sample()
    grid, throughput = SteffenSpline(
        front["x"], front[metric.throughput_column]
    ).sample()
    sampled = front.iloc[[0] * len(grid)].copy()
    sampled[metric.throughput_column] = throughput
    return grid, y_values(sampled, y_key, costs).to_numpy()


def build_series(
    points: pd.DataFrame,
    x_key: str,
    y_key: str,
    costs: CostSettings,
    cost_mode: str = "consistent",
) -> list[Series]:
    """Split points into series and compute each series' front and curve."""
    metric = Y_METRICS[y_key]
    x_metric = X_METRICS[x_key]
    points = points.assign(
        x=x_values(points, x_key).to_numpy(),
        y=y_values(points, y_key, costs).to_numpy(),
    )
    points = points[np.isfinite(points["x"]) & np.isfinite(points["y"])]
    keys = ["hw", "framework", "spec_decoding", "precision"]
    series = []
    for (hw, framework, spec, precision), group in points.groupby(
        keys, dropna=False, sort=True
    ):
        throughput = group[metric.throughput_column].to_numpy(dtype=float)
        keep = pareto_front(
            group["x"].to_numpy(),
            throughput,
            higher_x_is_better=x_metric.higher_is_better,
        )
        on_front = np.zeros(len(group), dtype=bool)
        on_front[keep] = True
        group = group.assign(on_front=on_front)
        front = group.iloc[keep]
        # One point per x: duplicates in x cannot be spline knots.
        front = front.drop_duplicates(subset="x")
        curve_x, curve_y = _curve(front, y_key, costs, cost_mode)
        key = series_key((hw, framework, spec, precision))
        series.append(
            Series(
                key,
                series_label(hw, framework, spec, precision),
                group,
                curve_x,
                curve_y,
            )
        )
    return series
