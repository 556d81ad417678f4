"""Metrics shown on the chart and in the table, and how each is derived.

Cost per million tokens = C * 10^6 / (3600 * T) for a GPU costing C $/GPU-hour
at T tok/s/GPU; tok/s/MW = T * 1000 / P and joules per token = P * 1000 / T
for P kW per GPU. Output- and input-token variants divide by output or input
throughput, which for disaggregated runs counts decode or prefill GPUs only.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.gpus import BASES, DEFAULT_BASIS, DEFAULT_TIER


@dataclass(frozen=True)
class Metric:
    """A y or x quantity: its column, label, unit and which way is better."""

    key: str
    label: str
    unit: str
    higher_is_better: bool
    decimals: int
    throughput_column: str = "tput_per_gpu"
    kind: str = "throughput"  # throughput, cost, power, energy, latency


Y_METRICS = {
    metric.key: metric
    for metric in (
        Metric("tput", "Throughput per GPU", "tok/s/GPU", True, 1),
        Metric(
            "tput_output",
            "Output throughput per GPU",
            "tok/s/GPU",
            True,
            1,
            "output_tput_per_gpu",
        ),
        Metric(
            "tput_input",
            "Input throughput per GPU",
            "tok/s/GPU",
            True,
            1,
            "input_tput_per_gpu",
        ),
        Metric("cost", "Cost per million tokens", "$/M tokens", False, 3, kind="cost"),
        Metric(
            "cost_output",
            "Cost per million output tokens",
            "$/M output tokens",
            False,
            3,
            "output_tput_per_gpu",
            "cost",
        ),
        Metric(
            "cost_input",
            "Cost per million input tokens",
            "$/M input tokens",
            False,
            3,
            "input_tput_per_gpu",
            "cost",
        ),
        Metric("power", "Throughput per megawatt", "tok/s/MW", True, 0, kind="power"),
        Metric("energy", "Energy per token", "J/token", False, 3, kind="energy"),
    )
}

X_METRICS = {
    metric.key: metric
    for metric in (
        Metric("intvty", "Interactivity", "tok/s/user", True, 1, "median_intvty", "x"),
        Metric("ttft", "Time to first token", "s", False, 3, "ttft", "latency"),
        Metric("e2el", "End-to-end latency", "s", False, 2, "e2el", "latency"),
    )
}


@dataclass(frozen=True)
class CostSettings:
    """Cost and power settings: a basis and tier, or typed values that win."""

    basis: str = DEFAULT_BASIS
    tier: str = DEFAULT_TIER
    usd_per_gpu_hour: float | None = None
    power_kw: float | None = None

    def cost_for(self, gpus: pd.Series) -> pd.Series:
        """Return $/GPU-hour for each GPU key (NaN where nothing is known)."""
        if self.usd_per_gpu_hour is not None:
            return pd.Series(self.usd_per_gpu_hour, index=gpus.index, dtype=float)
        table = BASES[self.basis].usd_per_gpu_hour.get(self.tier, {})
        return gpus.map(table).astype(float)

    def power_for(self, gpus: pd.Series) -> pd.Series:
        """Return kW per GPU for each GPU key (NaN where nothing is known)."""
        if self.power_kw is not None:
            return pd.Series(self.power_kw, index=gpus.index, dtype=float)
        return gpus.map(BASES[self.basis].power_kw).astype(float)


def usd_per_mtok(usd_per_gpu_hour, tokens_per_second_per_gpu):
    """Return $ per million tokens for a GPU cost and a throughput per GPU."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (
            np.asarray(usd_per_gpu_hour)
            * 1e6
            / (3600 * np.asarray(tokens_per_second_per_gpu, dtype=float))
        )


def tokens_per_megawatt(tokens_per_second_per_gpu, power_kw):
    """Return tok/s/MW for a throughput per GPU and kW per GPU."""
    return np.asarray(tokens_per_second_per_gpu, dtype=float) * 1000 / power_kw


def joules_per_token(tokens_per_second_per_gpu, power_kw):
    """Return joules per token for a throughput per GPU and kW per GPU."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (
            np.asarray(power_kw)
            * 1000
            / np.asarray(tokens_per_second_per_gpu, dtype=float)
        )


def own_costs(frame: pd.DataFrame, costs: CostSettings) -> np.ndarray:
    """Return each point's own $/M tokens, for the as-published cost mode.

    Published rows keep the cost SemiAnalysis printed, which it computed at
    the hyperscaler $/GPU-hour of its page, scaled to the chosen $/GPU-hour.
    """
    usd_per_hour = costs.cost_for(frame["hw"]).to_numpy(dtype=float)
    own = usd_per_mtok(usd_per_hour, frame["tput_per_gpu"].to_numpy(dtype=float))
    page_costs = BASES[DEFAULT_BASIS].usd_per_gpu_hour[DEFAULT_TIER]
    reference = frame["hw"].map(page_costs).to_numpy(dtype=float)
    printed = frame["cost_per_mtok"].to_numpy(dtype=float)
    use_printed = (
        (frame["kind"].to_numpy() == "published")
        & np.isfinite(printed)
        & np.isfinite(reference)
    )
    with np.errstate(invalid="ignore"):
        return np.where(use_printed, printed * usd_per_hour / reference, own)


def x_values(frame: pd.DataFrame, x_key: str) -> pd.Series:
    """Return the x quantity of each point (medians preferred over means)."""
    if x_key == "intvty":
        return frame["median_intvty"]
    median, mean = f"median_{x_key}", f"mean_{x_key}"
    return frame[median].fillna(frame[mean])


def y_values(frame: pd.DataFrame, y_key: str, costs: CostSettings) -> pd.Series:
    """Return the y metric of each point under the given cost settings."""
    metric = Y_METRICS[y_key]
    throughput = frame[metric.throughput_column]
    if metric.kind == "throughput":
        return throughput
    if metric.kind == "cost":
        values = usd_per_mtok(costs.cost_for(frame["hw"]), throughput)
    elif metric.kind == "power":
        values = tokens_per_megawatt(throughput, costs.power_for(frame["hw"]))
    else:
        values = joules_per_token(throughput, costs.power_for(frame["hw"]))
    return pd.Series(values, index=frame.index, dtype=float)


def available_x_metrics(frame: pd.DataFrame) -> list[str]:
    """Return the x metrics that at least one point has a value for."""
    return [key for key in X_METRICS if x_values(frame, key).notna().any()]


def available_y_metrics(frame: pd.DataFrame) -> list[str]:
    """Return the y metrics whose throughput column has any value."""
    return [
        key
        for key, metric in Y_METRICS.items()
        if frame[metric.throughput_column].notna().any()
    ]
