"""Property tests: the validator, the Pareto front and the Steffen spline."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from core.data import REQUIRED_COLUMNS, validate
from core.pareto import pareto_front
from core.spline import SteffenSpline

CELLS = st.one_of(
    st.sampled_from(["", "0", "-1", "NaN", "inf", "-inf", "abc", "1e309", " 7 "]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-5, max_value=10**6).map(str),
    st.text(max_size=6),
)
ROWS = st.fixed_dictionaries(
    {
        "model": st.sampled_from(["dsr1", "", "DSR1"]),
        "isl": CELLS,
        "osl": st.just("1024"),
        "hw": st.sampled_from(["gb200-nv_0", "b200", "", "new-gpu"]),
        "precision": st.sampled_from(["fp4", "FP8", ""]),
        "conc": CELLS,
        "tput_per_gpu": CELLS,
        "median_intvty": CELLS,
        "median_tpot": CELLS,
        "disagg": st.sampled_from(["true", "false", "", "maybe"]),
    }
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ROWS, min_size=1, max_size=20))
def test_validator_keeps_only_valid_rows(rows):
    raw = pd.DataFrame(rows, dtype=object)
    dataset = validate(raw, "random.csv")
    frame = dataset.frame

    assert len(frame) + dataset.rejected_rows == len(raw)
    for name in ("isl", "conc", "tput_per_gpu", "median_intvty"):
        values = frame[name].to_numpy(dtype=float)
        assert np.isfinite(values).all(), name
        assert (values > 0).all(), name
    for name in REQUIRED_COLUMNS:
        assert frame[name].notna().all(), name
    tpot = frame["median_tpot"].to_numpy(dtype=float)
    assert (np.isnan(tpot) | (tpot > 0)).all()


POINTS = st.lists(
    st.tuples(
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    ),
    max_size=40,
)


@given(POINTS, st.booleans(), st.booleans())
def test_pareto_front_has_no_dominated_point(points, higher_x, higher_y):
    x = np.array([p[0] for p in points], dtype=float)
    y = np.array([p[1] for p in points], dtype=float)
    front = pareto_front(x, y, higher_x_is_better=higher_x, higher_y_is_better=higher_y)

    assert np.all(np.diff(x[front]) >= 0)
    sign_x = 1 if higher_x else -1
    sign_y = 1 if higher_y else -1
    valid = np.flatnonzero((x != 0) & (y != 0))
    for i in front:
        better_x = sign_x * (x[valid] - x[i])
        better_y = sign_y * (y[valid] - y[i])
        dominated = (
            (better_x >= 0) & (better_y >= 0) & ((better_x > 0) | (better_y > 0))
        )
        assert not dominated.any(), (x[i], y[i])


@given(POINTS)
def test_pareto_front_keeps_every_undominated_point(points):
    x = np.array([p[0] for p in points], dtype=float)
    y = np.array([p[1] for p in points], dtype=float)
    front = set(pareto_front(x, y).tolist())
    for i in np.flatnonzero((x != 0) & (y != 0)):
        others = (x != 0) & (y != 0)
        dominated = (
            others & (x >= x[i]) & (y >= y[i]) & ((x > x[i]) | (y > y[i]))
        ).any()
        duplicate_kept = any(x[j] == x[i] and y[j] == y[i] for j in front)
        if not dominated:
            assert i in front or duplicate_kept


KNOTS = st.lists(
    st.tuples(
        st.floats(min_value=1, max_value=1e4, allow_nan=False),
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda knot: knot[0],
)
TARGETS = st.lists(
    st.floats(min_value=-1e5, max_value=1e5, allow_nan=False), min_size=1, max_size=20
)


@given(KNOTS, TARGETS)
def test_spline_stays_within_knot_range(knots, targets):
    x = np.array([k[0] for k in knots])
    y = np.array([k[1] for k in knots])
    result = SteffenSpline(x, y).evaluate(targets)
    values = result.values  # noqa: PD011 (a field of Interpolated, not pandas)

    assert not np.isnan(values).any()
    assert (values >= y.min()).all()
    assert (values <= y.max()).all()
    assert np.array_equal(result.clamped_low, np.array(targets) < x.min())
    assert np.array_equal(result.clamped_high, np.array(targets) > x.max())


@given(KNOTS)
def test_spline_passes_through_knots(knots):
    x = np.array([k[0] for k in knots])
    y = np.array([k[1] for k in knots])
    values = SteffenSpline(x, y)(x)
    np.testing.assert_allclose(values, y, rtol=1e-9, atol=1e-6)


@given(KNOTS)
def test_spline_monotone_between_knots(knots):
    x = np.array([k[0] for k in knots])
    y = np.array([k[1] for k in knots])
    spline = SteffenSpline(x, y)
    order = np.argsort(x)
    x, y = x[order], y[order]
    for left in range(len(x) - 1):
        grid = np.linspace(x[left], x[left + 1], 25)
        values = spline(grid)
        low, high = sorted((y[left], y[left + 1]))
        tolerance = 1e-9 * max(1.0, abs(low), abs(high))
        assert (values >= low - tolerance).all()
        assert (values <= high + tolerance).all()
