import numpy as np
import pytest

from core.spline import SteffenSpline, steffen_tangents


def test_tangents_two_knots():
    tangents = steffen_tangents([0, 10], [0, 100])
    assert tangents[0] == pytest.approx(15)
    assert tangents[1] == pytest.approx(7.5)


def test_tangents_interior_formula():
    # s_left = 1, s_right = 3, p = (1 * 1 + 3 * 1) / 2 = 2: min(1, 3, 1) * 2 = 2
    tangents = steffen_tangents([0, 1, 2], [0, 1, 4])
    assert tangents[1] == pytest.approx(2)
    assert tangents[0] == pytest.approx((3 * 1 - 2) / 2)
    assert tangents[2] == pytest.approx((3 * 3 - 2) / 2)


def test_tangent_zero_at_peak():
    tangents = steffen_tangents([0, 1, 2], [0, 5, 0])
    assert tangents[1] == 0


def test_tangent_zero_slope_counts_positive():
    # s_left = 0 and s_right > 0: (1 + 1) * min(0, ...) = 0
    tangents = steffen_tangents([0, 1, 2], [1, 1, 3])
    assert tangents[1] == 0


def test_passes_through_every_knot():
    x = np.array([17.8, 43.3, 91.0, 164.4, 207.3, 286.4])
    y = np.array([14659.4, 12659.7, 7698.0, 1149.1, 363.3, 60.7])
    spline = SteffenSpline(x, y)
    assert spline(x) == pytest.approx(y)


def test_monotone_between_monotone_knots():
    x = np.array([1.0, 2.0, 2.5, 7.0, 8.0, 20.0])
    y = np.array([100.0, 90.0, 60.0, 59.0, 10.0, 1.0])
    spline = SteffenSpline(x, y)
    samples = spline(np.linspace(1, 20, 2000))
    assert np.all(np.diff(samples) <= 1e-9)


def test_targets_beyond_edges_return_edge_values():
    spline = SteffenSpline([10, 20, 30], [300, 200, 50])
    result = spline.evaluate([5, 35])
    assert result.values.tolist() == [300, 50]
    assert result.clamped_low.tolist() == [True, False]
    assert result.clamped_high.tolist() == [False, True]


def test_values_clamped_into_knot_range():
    # Two knots give end tangents 15 and 7.5, which stay inside [0, 100];
    # a steep non-monotone set would overshoot without the clamp.
    spline = SteffenSpline([0, 1, 2, 3], [0, 100, 100, 0])
    samples = spline(np.linspace(0, 3, 301))
    assert samples.max() <= 100
    assert samples.min() >= 0


def test_one_point_front_returns_its_value():
    spline = SteffenSpline([50], [1234.5])
    result = spline.evaluate([10, 50, 90])
    assert result.values.tolist() == [1234.5, 1234.5, 1234.5]
    assert result.clamped_low.tolist() == [True, False, False]
    assert result.clamped_high.tolist() == [False, False, True]


def test_empty_spline_returns_nan():
    spline = SteffenSpline([], [])
    assert np.isnan(spline([5])).all()


def test_missing_values_dropped_from_knots():
    spline = SteffenSpline([1, 2, 3], [10, np.nan, 30])
    assert spline.x.tolist() == [1, 3]


def test_duplicate_x_rejected():
    with pytest.raises(ValueError, match="distinct"):
        SteffenSpline([1, 1, 2], [3, 4, 5])


def test_inputs_not_mutated():
    x = np.array([3.0, 1.0, 2.0])
    y = np.array([30.0, 10.0, 20.0])
    SteffenSpline(x, y)(np.array([1.5]))
    assert x.tolist() == [3.0, 1.0, 2.0]
    assert y.tolist() == [30.0, 10.0, 20.0]


def test_differs_from_scipy_pchip():
    from scipy.interpolate import PchipInterpolator

    x, y = [0, 1, 3, 4], [0, 2, 3, 7]
    ours = SteffenSpline(x, y)(0.5)
    pchip = PchipInterpolator(x, y)(0.5)
    assert abs(float(ours[0]) - float(pchip)) > 1e-3


def test_sample_contains_knots():
    spline = SteffenSpline([0, 10, 20], [5, 3, 1])
    grid, values = spline.sample(50)
    assert {0, 10, 20} <= set(grid.tolist())
    assert values[np.searchsorted(grid, 10)] == pytest.approx(3)
