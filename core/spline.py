"""Steffen's monotone cubic Hermite interpolation, as d3's curveMonotoneX draws.

Interior tangents follow Steffen (1990): the smaller of the two secant slopes
and half the width-weighted mean slope, zero where the secants change sign.
The end tangents are d3's one-sided rule, (3 s - m_neighbour) / 2. This is not
SciPy's PCHIP, whose tangents differ.
"""

from dataclasses import dataclass

import numpy as np


def _sign(values: np.ndarray) -> np.ndarray:
    # d3 counts a zero slope as positive.
    return np.where(values < 0, -1.0, 1.0)


def steffen_tangents(x, y) -> np.ndarray:
    """Return the tangent at each knot; x must be strictly increasing."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = x.size
    tangents = np.zeros(n)
    if n < 2:
        return tangents

    widths = np.diff(x)
    secants = np.diff(y) / widths
    if n > 2:
        s_left, s_right = secants[:-1], secants[1:]
        h_left, h_right = widths[:-1], widths[1:]
        mean_slope = (s_left * h_right + s_right * h_left) / (h_left + h_right)
        tangents[1:-1] = (_sign(s_left) + _sign(s_right)) * np.minimum.reduce(
            [np.abs(s_left), np.abs(s_right), 0.5 * np.abs(mean_slope)]
        )

    # The last tangent uses the updated first one when there are two knots.
    tangents[0] = (3 * secants[0] - tangents[1]) / 2
    tangents[-1] = (3 * secants[-1] - tangents[-2]) / 2
    return tangents


@dataclass(frozen=True)
class Interpolated:
    """Values at the requested targets, with where each target was clamped."""

    targets: np.ndarray
    values: np.ndarray
    clamped_low: np.ndarray
    clamped_high: np.ndarray


class SteffenSpline:
    """A monotone cubic through knots (x, y), evaluated with clamping.

    Targets outside [x_min, x_max] are clamped to the nearest end, and every
    value is clamped into [min(y), max(y)] of the knots. Knots with a missing
    y are dropped; a spline with no knots returns NaN.
    """

    def __init__(self, x, y):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        if x.shape != y.shape:
            raise ValueError(f"x and y differ in shape: {x.shape} vs {y.shape}")
        keep = np.isfinite(x) & np.isfinite(y)
        x, y = x[keep], y[keep]
        order = np.argsort(x, kind="stable")
        x, y = x[order], y[order]
        if x.size > 1 and np.any(np.diff(x) <= 0):
            raise ValueError("knots need distinct x values")
        self.x = x
        self.y = y
        self.tangents = steffen_tangents(x, y)

    @property
    def empty(self) -> bool:
        return self.x.size == 0

    def evaluate(self, targets) -> Interpolated:
        """Interpolate at each target, clamping targets and values."""
        targets = np.atleast_1d(np.asarray(targets, dtype=float))
        if self.empty:
            nan = np.full(targets.shape, np.nan)
            no = np.zeros(targets.shape, dtype=bool)
            return Interpolated(targets, nan, no, no)

        low = targets < self.x[0]
        high = targets > self.x[-1]
        clamped = np.clip(targets, self.x[0], self.x[-1])
        if self.x.size == 1:
            values = np.full(targets.shape, self.y[0])
            return Interpolated(targets, values, low, high)

        segment = np.clip(np.searchsorted(self.x, clamped, side="right") - 1, 0, None)
        segment = np.minimum(segment, self.x.size - 2)
        x0, x1 = self.x[segment], self.x[segment + 1]
        y0, y1 = self.y[segment], self.y[segment + 1]
        m0, m1 = self.tangents[segment], self.tangents[segment + 1]
        h = x1 - x0
        t = (clamped - x0) / h
        t2, t3 = t * t, t * t * t
        values = (
            (2 * t3 - 3 * t2 + 1) * y0
            + (t3 - 2 * t2 + t) * h * m0
            + (-2 * t3 + 3 * t2) * y1
            + (t3 - t2) * h * m1
        )
        values = np.clip(values, self.y.min(), self.y.max())
        return Interpolated(targets, values, low, high)

    def __call__(self, targets) -> np.ndarray:
        return self.evaluate(targets).values

    def sample(self, count: int = 200) -> tuple[np.ndarray, np.ndarray]:
        """Return count evenly spaced points of the curve, knots included."""
        if self.x.size < 2:
            return self.x.copy(), self.y.copy()
        grid = np.union1d(np.linspace(self.x[0], self.x[-1], count), self.x)
        return grid, self(grid)
