import numpy as np

from core.pareto import pareto_front


def test_upper_left_front_drops_dominated():
    x = [10, 20, 30, 15]
    y = [100, 80, 50, 70]  # (15, 70) is beaten by (20, 80)
    assert pareto_front(x, y).tolist() == [0, 1, 2]


def test_front_sorted_by_x():
    x = [30, 10, 20]
    y = [50, 100, 80]
    keep = pareto_front(x, y)
    assert np.asarray(x)[keep].tolist() == [10, 20, 30]


def test_lower_is_better_for_y():
    x = [10, 20, 30, 25]
    y = [1.0, 2.0, 3.0, 3.5]  # cost: (25, 3.5) is beaten by (30, 3.0)
    keep = pareto_front(x, y, higher_y_is_better=False)
    assert keep.tolist() == [0, 1, 2]


def test_cost_front_keeps_cheapest_at_each_interactivity():
    x = [10, 20, 30]
    y = [3.0, 2.0, 1.0]  # cheaper and faster: only the last survives
    assert pareto_front(x, y, higher_y_is_better=False).tolist() == [2]


def test_latency_axis_lower_x_better():
    x = [0.5, 1.0, 2.0]  # latency in seconds
    y = [10, 20, 15]  # (2.0, 15) is beaten by (1.0, 20)
    keep = pareto_front(x, y, higher_x_is_better=False)
    assert keep.tolist() == [0, 1]


def test_duplicates_collapse_to_one_knot():
    keep = pareto_front([10, 10, 20], [100, 100, 50])
    assert len(keep) == 2


def test_tie_on_x_keeps_better_y():
    keep = pareto_front([10, 10, 20], [90, 100, 50])
    assert keep.tolist() == [1, 2]


def test_invalid_points_never_on_front():
    x = [10, np.nan, 0, 20, np.inf, 5]
    y = [100, 500, 500, 50, 500, 0]
    assert pareto_front(x, y).tolist() == [0, 3]


def test_empty_input():
    assert pareto_front([], []).size == 0


def test_latency_axis_lower_y_better():
    x = [0.5, 1.0, 2.0, 1.5]  # TTFT in seconds
    y = [3.0, 2.0, 1.0, 2.5]  # J/token: (1.5, 2.5) is beaten by (1.0, 2.0)
    keep = pareto_front(x, y, higher_x_is_better=False, higher_y_is_better=False)
    assert keep.tolist() == [0, 1, 2]
