"""Two-sided comparisons at matched interactivity.

A side pools every point that matches its filters (for the speculative-decoding
view: every MTP point, or every point without speculative decoding, of one
model, sequence, GPU and precision, across engines and deployments). Each side
is reduced to its throughput Pareto front against interactivity, and every
metric is read off Steffen splines through that front's knots.
"""

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from core.metrics import CostSettings, own_costs, tokens_per_megawatt, usd_per_mtok
from core.pareto import pareto_front
from core.spline import SteffenSpline

COST_MODES = {
    "consistent": "consistent: $/GPU-hour ÷ interpolated throughput",
    "published": "as published: each point's cost splined on its own",
}
DEFAULT_COST_MODE = "consistent"

TABLE_ROWS = ("throughput", "cost", "power", "concurrency")
ROW_LABELS = {
    "throughput": "Throughput (tok/s/GPU)",
    "cost": "Cost ($/M tokens)",
    "power": "tok/s/MW",
    "concurrency": "Concurrency",
}
# Direction of each row: throughput, tok/s/MW and concurrency capacity are
# better higher, and cost is better lower.
HIGHER_IS_BETTER = {
    "throughput": True,
    "cost": False,
    "power": True,
    "concurrency": True,
}
TIE_TOLERANCE = 0.01  # relative difference under which two sides count as tied


@dataclass(frozen=True)
class SideSpec:
    """One half of a comparison: a key for ids, a label and column filters."""

    key: str
    label: str
    filters: tuple[tuple[str, str], ...]


@dataclass
class Side:
    """The points of one side and the splines through its throughput front."""

    spec: SideSpec
    points: pd.DataFrame
    published: pd.DataFrame
    published_only: bool
    splines: dict[str, SteffenSpline] = field(default_factory=dict, repr=False)

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def label(self) -> str:
        if self.published_only:
            return f"{self.spec.label} (published values)"
        return self.spec.label

    @property
    def empty(self) -> bool:
        return self.points.empty

    @cached_property
    def interactivity_range(self) -> tuple[float, float] | None:
        if self.empty:
            return None
        values = self.points["median_intvty"]
        return float(values.min()), float(values.max())

    @cached_property
    def front(self) -> pd.DataFrame:
        """Return the throughput-vs-interactivity front, sorted by interactivity."""
        keep = pareto_front(
            self.points["median_intvty"].to_numpy(),
            self.points["tput_per_gpu"].to_numpy(),
        )
        return self.points.iloc[keep]

    def spline(self, column: str) -> SteffenSpline:
        """Return the spline of one column of the front against interactivity."""
        if column not in self.splines:
            front = self.front
            self.splines[column] = SteffenSpline(
                front["median_intvty"].to_numpy(), front[column].to_numpy(dtype=float)
            )
        return self.splines[column]

    @property
    def gpu(self) -> str | None:
        gpus = self.points["hw"].dropna().unique()
        return str(gpus[0]) if len(gpus) else None


@dataclass(frozen=True)
class Band:
    """The interactivity range in which both sides are compared."""

    low: float
    high: float
    kind: str  # "overlap", "union" (no overlap) or "single" (one side only)

    @property
    def low_shown(self) -> int:
        return math.ceil(self.low - 1e-9)

    @property
    def high_shown(self) -> int:
        return math.floor(self.high + 1e-9)

    @property
    def text(self) -> str:
        return f"{self.low_shown}–{self.high_shown} tok/s/user"

    def describe(self, sides) -> str:
        """Say in a few words where the band comes from."""
        names = [side.spec.label for side in sides]
        if self.kind == "overlap":
            return "the interactivity both sides reach"
        if self.kind == "union":
            return "the two sides' ranges do not overlap, so this spans both"
        present = [side.spec.label for side in sides if not side.empty]
        missing = [name for name in names if name not in present]
        return f"only {present[0]} has points here; {missing[0]} has none"

    def position(self, target: float) -> str:
        """Describe where a target sits in the band, in a few words."""
        if target < self.low or target > self.high:
            return "outside the band"
        if self.high == self.low:
            return "at the band"
        fraction = (target - self.low) / (self.high - self.low)
        if fraction < 1 / 3:
            return "near the low end of the band"
        if fraction <= 2 / 3:
            return "around the middle of the band"
        return "toward the upper edge of the band"


def round_half_up(value: float) -> int:
    """Round to the nearest integer with halves going up (96.5 -> 97)."""
    return math.floor(value + 0.5)


def _matches(frame: pd.DataFrame, filters) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in filters:
        mask &= frame[column] == value
    return mask


def build_side(frame: pd.DataFrame, spec: SideSpec) -> Side:
    """Collect a side's points: measured ones, or its published ones if none."""
    rows = frame[_matches(frame, spec.filters)]
    measured = rows[rows["kind"] == "measured"]
    published = rows[rows["kind"] == "published"]
    if not measured.empty:
        return Side(spec, measured, published, published_only=False)
    return Side(spec, published, published, published_only=not published.empty)


def spec_decode_specs(hw: str, precision: str) -> tuple[SideSpec, SideSpec]:
    """Return the MTP and Off sides for one GPU and precision."""
    common = (("hw", hw), ("precision", precision))
    return (
        SideSpec("mtp", "MTP", (*common, ("spec_decoding", "mtp"))),
        SideSpec("off", "Off", (*common, ("spec_decoding", "none"))),
    )


def compute_band(sides: list[Side]) -> Band | None:
    """Return the overlap of the sides' interactivity ranges, or a fallback.

    Without an overlap the band is the union; with one side, its range.
    """
    ranges = [side.interactivity_range for side in sides if not side.empty]
    if not ranges:
        return None
    if len(ranges) == 1:
        return Band(*ranges[0], kind="single")
    low = max(r[0] for r in ranges)
    high = min(r[1] for r in ranges)
    if low <= high:
        return Band(low, high, kind="overlap")
    return Band(min(r[0] for r in ranges), max(r[1] for r in ranges), kind="union")


def data_range(sides: list[Side]) -> tuple[float, float] | None:
    """Return the union of the sides' interactivity ranges."""
    ranges = [side.interactivity_range for side in sides if not side.empty]
    if not ranges:
        return None
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


def default_targets(band: Band) -> list[int]:
    """Return targets 25 %, 50 % and 75 % across the band, rounded half up."""
    if band.high == band.low:
        return [round_half_up(band.low)]
    width = band.high - band.low
    targets = [round_half_up(band.low + share * width) for share in (0.25, 0.5, 0.75)]
    return list(dict.fromkeys(targets))


@dataclass(frozen=True)
class TargetInput:
    """The outcome of reading a typed target: a value to use, or why not.

    error means the text was not used; notice flags a value that was clamped
    or lies outside the band; info reports a rounding.
    """

    value: int | None
    error: str | None = None
    notice: str | None = None
    info: str | None = None


def _shown(raw: str) -> str:
    """Return typed text short enough to quote in a message."""
    return raw if len(raw) <= 24 else raw[:24] + "…"


def parse_target(text, band: Band | None, limits: tuple[float, float] | None):
    """Read a typed target: a positive number, rounded and clamped into the data.

    Targets are whole tok/s/user, as the band and the published tables are.
    Text with a comma is rejected instead of guessed at, because "96,5" and
    "1,000" mean different things in different locales.
    """
    raw = "" if text is None else str(text).strip()
    quoted = f"“{_shown(raw)}”"
    if raw == "":
        return TargetInput(None, "Type a target in tok/s/user, for example 97.")
    if "," in raw:
        return TargetInput(
            None,
            f"{quoted} has a comma; type a plain number such as 97 or 1000.",
        )
    try:
        number = float(raw)
    except ValueError:
        return TargetInput(None, f"{quoted} is not a number; type tok/s/user.")
    if not math.isfinite(number):
        return TargetInput(None, f"{quoted} is not a finite number.")
    if number <= 0:
        return TargetInput(None, f"{quoted} must be greater than zero.")
    if limits is None:
        return TargetInput(None, "There is no data to compare for this workload.")

    value = round_half_up(number)
    info = None
    if value != number:
        info = f"{_shown(raw)} rounded to {value} tok/s/user."
    low, high = math.ceil(limits[0] - 1e-9), math.floor(limits[1] + 1e-9)
    notice = None
    if value > high:
        notice = f"{_shown(raw)} is above the data; clamped to {high} tok/s/user."
        value = high
    elif value < low:
        notice = f"{_shown(raw)} is below the data; clamped to {low} tok/s/user."
        value = low
    if band is not None and not band.low_shown <= value <= band.high_shown:
        outside = (
            f"{value} is outside the band {band.text} where both sides have "
            "data; a side beyond its range shows its edge value."
        )
        notice = f"{notice} {outside}" if notice else outside
    return TargetInput(value, None, notice, None if notice else info)


@dataclass
class SideValues:
    """Interpolated metrics of one side at each target."""

    throughput: np.ndarray
    cost: np.ndarray
    power: np.ndarray
    concurrency: np.ndarray
    clamped_low: np.ndarray
    clamped_high: np.ndarray

    def row(self, name: str) -> np.ndarray:
        return getattr(self, name)


def interpolate_side(
    side: Side, targets, costs: CostSettings, cost_mode: str = DEFAULT_COST_MODE
) -> SideValues:
    """Read every table metric of a side at the targets, on the same knots."""
    targets = np.asarray(targets, dtype=float)
    if side.empty:
        nan = np.full(targets.shape, np.nan)
        no = np.zeros(targets.shape, dtype=bool)
        return SideValues(nan, nan, nan, nan, no, no)

    throughput = side.spline("tput_per_gpu").evaluate(targets)
    gpus = pd.Series([side.gpu] * len(targets))
    usd_per_hour = costs.cost_for(gpus).to_numpy()
    if cost_mode == "published":
        front = side.front
        spline = SteffenSpline(
            front["median_intvty"].to_numpy(), own_costs(front, costs)
        )
        cost = spline(targets)
    else:
        cost = usd_per_mtok(usd_per_hour, throughput.values)
    power = tokens_per_megawatt(throughput.values, costs.power_for(gpus).to_numpy())
    concurrency = side.spline("conc")(targets)
    concurrency = np.array(
        [round_half_up(c) if np.isfinite(c) else np.nan for c in concurrency]
    )
    return SideValues(
        throughput.values,
        np.asarray(cost, dtype=float),
        np.asarray(power, dtype=float),
        concurrency,
        throughput.clamped_low,
        throughput.clamped_high,
    )


@dataclass(frozen=True)
class Cell:
    """One side's value for one row and target."""

    side: str
    value: float
    text: str
    better: bool
    beyond_data: bool  # the target is outside this side's data; edge value


@dataclass
class TargetColumn:
    """The table column of one target."""

    target: int
    cells: dict[str, dict[str, Cell]] = field(default_factory=dict)


def format_value(row: str, value: float) -> str:
    """Format a table value at the row's stated precision."""
    if not np.isfinite(value):
        return "—"
    if row == "throughput":
        return f"{value:,.1f}"
    if row == "cost":
        return f"${value:,.3f}"
    if row == "power":
        return f"{value:,.0f}"
    return f"~{int(value):,}"


def _better_flags(row: str, values: list[float]) -> list[bool]:
    finite = [v for v in values if np.isfinite(v)]
    if len(finite) < 2:
        return [False] * len(values)
    best = max(finite) if HIGHER_IS_BETTER[row] else min(finite)
    worst = min(finite) if HIGHER_IS_BETTER[row] else max(finite)
    if abs(best - worst) <= TIE_TOLERANCE * abs(worst):
        return [False] * len(values)
    return [np.isfinite(v) and v == best for v in values]


def comparison_table(
    sides: list[Side],
    targets: list[int],
    costs: CostSettings,
    cost_mode: str = DEFAULT_COST_MODE,
) -> list[TargetColumn]:
    """Return one column per target with each side's cell in each row."""
    values = {
        side.key: interpolate_side(side, targets, costs, cost_mode) for side in sides
    }
    columns = []
    for index, target in enumerate(targets):
        column = TargetColumn(target)
        beyond = [
            bool(values[side.key].clamped_low[index])
            or bool(values[side.key].clamped_high[index])
            for side in sides
        ]
        for row in TABLE_ROWS:
            numbers = [float(values[side.key].row(row)[index]) for side in sides]
            # An edge value replaces data a side does not have, so it cannot
            # win or lose a row.
            flags = [False] * len(sides) if any(beyond) else _better_flags(row, numbers)
            column.cells[row] = {
                side.key: Cell(
                    side.key, number, format_value(row, number), better, outside
                )
                for side, number, better, outside in zip(
                    sides, numbers, flags, beyond, strict=True
                )
            }
        columns.append(column)
    return columns


def _times(ratio: float) -> str:
    return f"{ratio:.2f}×"


def summary_sentence(column: TargetColumn, sides: list[Side], band: Band | None) -> str:
    """Say which side is cheaper and faster at one target, from the table."""
    first, second = sides
    names = {side.key: side.spec.label for side in sides}
    where = f" ({band.position(column.target)})" if band else ""
    opening = f"At {column.target} tok/s/user{where}, "
    beyond = [
        side
        for side in sides
        if column.cells["throughput"][side.key].beyond_data and not side.empty
    ]
    if beyond:
        reaches = "; ".join(
            f"{names[side.key]} has points from {side.interactivity_range[0]:.0f} to "
            f"{side.interactivity_range[1]:.0f} tok/s/user"
            for side in beyond
        )
        return (
            f"{opening}there is no like-for-like comparison: {reaches}. The "
            "table holds that side at the edge of its data and marks no winner."
        )

    cost = {key: cell.value for key, cell in column.cells["cost"].items()}
    throughput = {key: cell.value for key, cell in column.cells["throughput"].items()}
    missing = [names[side.key] for side in sides if not np.isfinite(cost[side.key])]
    if len(missing) == 2:
        return opening + "neither side has data."
    if missing:
        present = first if np.isfinite(cost[first.key]) else second
        return opening + f"only {names[present.key]} has data; {missing[0]} has none."

    cheap, dear = sorted(sides, key=lambda side: cost[side.key])
    saving = 1 - cost[cheap.key] / cost[dear.key]
    if saving < TIE_TOLERANCE:
        cost_text = (
            f"{names[first.key]} and {names[second.key]} cost the same per token "
            "within 1 %"
        )
    else:
        ratio = cost[dear.key] / cost[cheap.key]
        # A saving that rounds to 100 % would read as "free".
        percent = f"{saving * 100:.0f}" if saving < 0.995 else "over 99"
        cost_text = (
            f"{names[cheap.key]} is {percent} % cheaper per token "
            f"({names[dear.key]} costs {_times(ratio)} as much)"
        )

    fast, slow = sorted(sides, key=lambda side: -throughput[side.key])
    ratio = throughput[fast.key] / throughput[slow.key]
    if ratio - 1 < TIE_TOLERANCE:
        speed_text = "they deliver the same throughput per GPU within 1 %"
    else:
        speed_text = (
            f"{names[fast.key]} delivers {_times(ratio)} the throughput per GPU "
            f"of {names[slow.key]}"
        )

    return f"{opening}{cost_text}, and {speed_text}."


@dataclass(frozen=True)
class Deviation:
    """Our interpolated throughput against one published value."""

    interactivity: float
    published: float
    interpolated: float

    @property
    def percent(self) -> float:
        return (self.interpolated - self.published) / self.published * 100


def published_deviations(side: Side) -> list[Deviation]:
    """Compare a measured side's spline with its published values, if any."""
    if side.published_only or side.empty or side.published.empty:
        return []
    published = side.published.sort_values("median_intvty")
    x = published["median_intvty"].to_numpy(dtype=float)
    ours = side.spline("tput_per_gpu")(x)
    return [
        Deviation(float(at), float(value), float(mine))
        for at, value, mine in zip(
            x, published["tput_per_gpu"].to_numpy(dtype=float), ours, strict=True
        )
    ]
