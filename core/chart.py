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
from core.metrics import (
    X_METRICS,
    Y_METRICS,
    CostSettings,
    joules_per_token,
    own_costs,
    tokens_per_megawatt,
    usd_per_mtok,
    x_values,
    y_values,
)
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
HOVER_COLUMNS = (
    "hover_date",
    "hover_gpus",
    "hover_parallelism",
    "hover_conc",
    "hover_image",
)
# The columns the chart reads; narrowing the frame to them keeps row
# selection cheap, because pandas copies every column it selects rows of.
CHART_COLUMNS = (
    *SERIES_COLUMNS,
    "kind",
    "disagg",
    "is_multinode",
    "conc",
    "median_intvty",
    "median_ttft",
    "mean_ttft",
    "median_e2el",
    "mean_e2el",
    "tput_per_gpu",
    "output_tput_per_gpu",
    "input_tput_per_gpu",
    "parallelism",
    "image",
    "total_gpus",
    "num_prefill_gpu",
    "num_decode_gpu",
    "date",
)


def _whole(values: pd.Series) -> pd.Series:
    text = values.round().astype("Int64").astype(str)
    return text.where(values.notna(), "?")


def add_hover_columns(points: pd.DataFrame) -> pd.DataFrame:
    """Add the tooltip texts that do not depend on the chart's settings."""
    disagg = points["disagg"].fillna(False).astype(bool)
    total = _whole(points["total_gpus"])
    split = (
        total
        + " ("
        + _whole(points["num_prefill_gpu"])
        + " prefill + "
        + _whole(points["num_decode_gpu"])
        + " decode)"
    )
    return points.assign(
        hover_date=points["date"].fillna("unknown"),
        hover_gpus=split.where(disagg, total),
        hover_parallelism=points["parallelism"].replace("", pd.NA).fillna("unknown"),
        hover_conc=_whole(points["conc"]),
        hover_image=points["image"].fillna("unknown"),
    ).drop(columns=["num_prefill_gpu", "num_decode_gpu", "date"])


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
    precision: str


def metric_of_throughput(y_key: str, throughput, hw: str, costs: CostSettings):
    """Map throughput per GPU of one GPU to the y metric, element by element."""
    metric = Y_METRICS[y_key]
    throughput = np.asarray(throughput, dtype=float)
    if metric.kind == "throughput":
        return throughput
    gpu = pd.Series([hw])
    if metric.kind == "cost":
        return usd_per_mtok(costs.cost_for(gpu).iloc[0], throughput)
    power_kw = costs.power_for(gpu).iloc[0]
    if metric.kind == "power":
        return tokens_per_megawatt(throughput, power_kw)
    return joules_per_token(throughput, power_kw)


def _curve(x, throughput, y, hw, y_key, costs, cost_mode):
    """Sample a series' curve through its front knots, sorted by x."""
    if x.size < 2:
        return x, y
    if Y_METRICS[y_key].kind == "cost" and cost_mode == "published":
        return SteffenSpline(x, y).sample()
    grid, sampled = SteffenSpline(x, throughput).sample()
    return grid, metric_of_throughput(y_key, sampled, hw, costs)


def build_series(
    points: pd.DataFrame,
    x_key: str,
    y_key: str,
    costs: CostSettings,
    cost_mode: str = "consistent",
) -> list[Series]:
    """Split points into series and compute each series' front and curve.

    The front is taken on throughput, which every y metric of one GPU is a
    monotone function of, so all metrics keep the same configurations.
    """
    metric = Y_METRICS[y_key]
    x_metric = X_METRICS[x_key]
    x = x_values(points, x_key).to_numpy(dtype=float)
    y = y_values(points, y_key, costs).to_numpy(dtype=float)
    throughput = points[metric.throughput_column].to_numpy(dtype=float)
    valid = np.isfinite(x) & np.isfinite(y) & np.isfinite(throughput)
    points, x, y, throughput = points[valid], x[valid], y[valid], throughput[valid]

    series = []
    groups = points.groupby(SERIES_COLUMNS, dropna=False, sort=True).indices
    for values, positions in sorted(
        groups.items(), key=lambda item: series_key(item[0])
    ):
        hw, framework, spec, precision = values
        keep = pareto_front(
            x[positions],
            throughput[positions],
            higher_x_is_better=x_metric.higher_is_better,
        )
        on_front = np.zeros(len(positions), dtype=bool)
        on_front[keep] = True
        knots = positions[keep]
        curve_x, curve_y = _curve(
            x[knots], throughput[knots], y[knots], hw, y_key, costs, cost_mode
        )
        group = points.iloc[positions].assign(
            x=x[positions], y=y[positions], on_front=on_front
        )
        series.append(
            Series(
                series_key(values),
                series_label(hw, framework, spec, precision),
                group,
                curve_x,
                curve_y,
                precision,
            )
        )
    return series


@dataclass
class Reference:
    """Published values of one GPU, setting and precision, drawn as markers."""

    label: str
    x: np.ndarray
    y: np.ndarray


def published_references(
    frame: pd.DataFrame,
    settings_filters: tuple,
    y_key: str,
    costs: CostSettings,
    cost_mode: str,
) -> list[Reference]:
    """Return SemiAnalysis' published points that pass the chart's filters.

    settings_filters is (precisions, vendors, spec). Published points exist
    only against interactivity; their y follows the table's cost mode.
    """
    precisions, vendors, spec = settings_filters
    spec_values = ["mtp" if s == "mtp" else "none" for s in spec]
    rows = frame[
        (frame["kind"] == "published")
        & frame["precision"].isin(precisions)
        & frame["spec_decoding"].isin(spec_values)
        & frame["hw"].map(GPU_VENDORS).isin(vendors)
    ]
    references = []
    for (hw, spec_value, precision), group in rows.groupby(
        ["hw", "spec_decoding", "precision"], sort=True
    ):
        if Y_METRICS[y_key].kind == "cost" and cost_mode == "published":
            y = (
                own_costs(group, costs)
                if y_key == "cost"
                else np.full(len(group), np.nan)
            )
        else:
            throughput = group[Y_METRICS[y_key].throughput_column]
            y = metric_of_throughput(y_key, throughput, hw, costs)
        keep = np.isfinite(y)
        if not keep.any():
            continue
        label = (
            f"{gpu_name(hw)} · {SPEC_NAMES.get(spec_value, spec_value)} · "
            f"{precision.upper()} (SemiAnalysis published)"
        )
        references.append(
            Reference(label, group["median_intvty"].to_numpy()[keep], y[keep])
        )
    return references
