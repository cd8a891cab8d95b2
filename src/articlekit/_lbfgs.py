"""Minimising a smooth function of many variables: limited-memory BFGS (Nocedal and
Wright, *Numerical Optimization*, algorithm 7.4) with a backtracking line search.

A few dozen lines of numpy rather than a dependency: training stays deterministic (the
same steps in the same order give the same floats) and needs nothing the runtime does
not already have.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

__all__ = ["minimise"]

Vector = npt.NDArray[np.float64]
Objective = Callable[[Vector], tuple[float, Vector]]

# the pairs of steps and gradient changes remembered; the least decrease a step must
# make, as a share of what the slope promised (Armijo); the change of the value,
# relative to it, under which the search stops
_HISTORY = 10
_ARMIJO = 1e-4
_TOLERANCE = 1e-7
_SMALLEST_STEP = 1e-10


def minimise(objective: Objective, start: Vector, iterations: int) -> tuple[Vector, float, int]:
    """The point *objective* (which gives its value and gradient at a point) is least
    at, searched from *start* for at most *iterations* steps; with its value there and
    the steps taken.

    >>> import numpy as np
    >>> point, value, steps = minimise(lambda x: (float((x - 3) @ (x - 3)), 2 * (x - 3)), np.zeros(2), 50)
    >>> np.round(point, 6).tolist(), round(value, 9)
    ([3.0, 3.0], 0.0)
    """
    x = start.astype(np.float64, copy=True)
    value, gradient = objective(x)
    steps: deque[tuple[Vector, Vector, float]] = deque(maxlen=_HISTORY)
    taken = 0
    while taken < iterations:
        taken += 1
        direction = _direction(gradient, steps)
        slope = float(gradient @ direction)
        if slope >= 0:
            # the remembered curvature no longer points downhill: start afresh
            steps.clear()
            direction = _direction(gradient, steps)
            slope = float(gradient @ direction)
        step = 1.0
        while True:
            candidate = x + step * direction
            new_value, new_gradient = objective(candidate)
            if new_value <= value + _ARMIJO * step * slope or step < _SMALLEST_STEP:
                break
            step /= 2
        moved, change = candidate - x, new_gradient - gradient
        curvature = float(moved @ change)
        if curvature > 1e-10:
            steps.append((moved, change, 1.0 / curvature))
        done = abs(value - new_value) <= _TOLERANCE * max(abs(value), abs(new_value), 1.0)
        x, value, gradient = candidate, new_value, new_gradient
        if done:
            break
    return x, float(value), taken


def _direction(gradient: Vector, steps: deque[tuple[Vector, Vector, float]]) -> Vector:
    """The quasi-Newton direction from *gradient* and the remembered steps (the
    two-loop recursion); the scaled steepest descent when none is remembered."""
    q = -gradient
    if not steps:
        return q / max(1.0, float(np.sqrt(gradient @ gradient)))
    weights = []
    for moved, change, rho in reversed(steps):
        a = rho * float(moved @ q)
        weights.append(a)
        q = q - a * change
    moved, change, _ = steps[-1]
    q = q * (float(moved @ change) / float(change @ change))
    for (moved, change, rho), a in zip(steps, reversed(weights), strict=True):
        q = q + (a - rho * float(change @ q)) * moved
    return q
