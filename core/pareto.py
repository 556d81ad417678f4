"""Pareto fronts of benchmark points in two dimensions."""

import numpy as np


def pareto_front(
    x, y, *, higher_x_is_better: bool = True, higher_y_is_better: bool = True
) -> np.ndarray:
    """Return the indices of the points on the Pareto front, sorted by x.

    A point leaves the front only when another point is at least as good on
    both axes and strictly better on one. Exact duplicates keep one index, and
    points with a missing, zero or non-finite x or y are never on the front.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    valid = np.isfinite(x) & np.isfinite(y) & (x != 0) & (y != 0)
    candidates = np.flatnonzero(valid)
    if candidates.size == 0:
        return candidates

    # Scan from the best x to the worst, with the best y first among equal x.
    # A point survives only if its y beats every point seen before it.
    x_key = -x[candidates] if higher_x_is_better else x[candidates]
    y_key = -y[candidates] if higher_y_is_better else y[candidates]
    order = np.lexsort((y_key, x_key))
    kept = []
    best_y_key = np.inf
    for position in order:
        if y_key[position] < best_y_key:
            kept.append(candidates[position])
            best_y_key = y_key[position]

    kept = np.asarray(kept, dtype=int)
    return kept[np.argsort(x[kept], kind="stable")]
