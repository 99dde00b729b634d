"""Central-difference gradient checks (used by the tests, and handy in a notebook).

Two checks, both against the analytic gradient already in ``grads``:

* :func:`check_directions` - the main one. For a random unit direction ``u`` over a whole
  parameter, compares ``<grad, u>`` with ``(L(p + eps u) - L(p - eps u)) / 2 eps``. The
  directional derivative has the size of the gradient's norm, so its relative error measures
  the derivation and not float64 round-off (JAX's ``check_grads`` works the same way).
* :func:`check_entries` - ~20 single entries nudged one at a time, the book's
  ``numerical_gradient``. An entry whose true gradient happens to be ~1e-8 drowns in the
  loss's round-off (~1e-11 absolute here), so entries are compared with an absolute floor.

Both subtract what round-off alone can explain before they compare. ``L(p + eps u)`` and
``L(p - eps u)`` are each off by a few ulps of ``L`` (a log-softmax per position, then a
pairwise sum over N*T positions: about log2(N*T) + 2 ulps), so their difference quotient is off
by up to ``ROUNDOFF_ULPS * ulp(L) / (2 eps)``, whatever the CPU's BLAS kernel does with the
summation order. A derivative near 1e-5 with a 1e-5 step is otherwise judged by round-off
(seen: 6.6e-7 with one OpenBLAS kernel, 1.4e-6 with another, on the same model).
"""
from __future__ import annotations

from typing import Callable

import numpy as np


ROUNDOFF_ULPS = 8.0     # ulps of L each loss evaluation may carry (see the module docstring)


def roundoff(plus: float, minus: float, eps: float) -> float:
    """The largest error round-off can give ``(plus - minus) / 2 eps`` (float64 losses)."""
    return ROUNDOFF_ULPS * float(np.finfo(np.float64).eps) * max(abs(plus), abs(minus)) / (2 * eps)


def relative_error(analytic, numeric, floor: float = 1e-12) -> np.ndarray:
    """|a - n| / max(|a| + |n|, floor), elementwise."""
    a, n = np.asarray(analytic, np.float64), np.asarray(numeric, np.float64)
    return np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), floor)


def losses_around(loss_fn: Callable[[], float], param: np.ndarray, index, step) -> tuple[float, float]:
    """(L(p + step), L(p - step)) with ``param[index]`` nudged, restored afterwards; ``step``
    is a number or an array shaped like ``param[index]`` (a direction)."""
    old = param[index].copy()
    param[index] = old + step
    plus = loss_fn()
    param[index] = old - step
    minus = loss_fn()
    param[index] = old
    return plus, minus


def numerical_gradient(loss_fn: Callable[[], float], param: np.ndarray, index: tuple,
                       eps: float = 1e-5) -> float:
    """(L(p + eps) - L(p - eps)) / 2 eps for one entry of ``param``, restored afterwards."""
    plus, minus = losses_around(loss_fn, param, index, eps)
    return (plus - minus) / (2 * eps)


def check_directions(loss_fn: Callable[[], float], params: dict[str, np.ndarray],
                     grads: dict[str, np.ndarray], directions: int = 3, eps: float = 1e-5,
                     seed: int = 0) -> dict[str, float]:
    """Worst relative error of directional derivatives, per parameter.

    ``loss_fn`` must be deterministic (reset recurrent state, replay dropout masks) and
    ``grads`` must hold the analytic gradient at the current ``params``.
    """
    rng = np.random.default_rng(seed)
    worst = {}
    for name, p in params.items():
        errs = []
        for _ in range(directions):
            u = rng.standard_normal(p.shape)
            u /= np.linalg.norm(u)
            plus, minus = losses_around(loss_fn, p, ..., eps * u)
            numeric = (plus - minus) / (2 * eps)
            analytic = float(np.vdot(grads[name], u))
            unexplained = max(abs(analytic - numeric) - roundoff(plus, minus, eps), 0.0)
            errs.append(unexplained / max(abs(analytic) + abs(numeric), 1e-12))
        worst[name] = max(errs)
    return worst


def check_entries(loss_fn: Callable[[], float], params: dict[str, np.ndarray],
                  grads: dict[str, np.ndarray], samples: int = 20, eps: float = 1e-5,
                  atol: float = 1e-9, seed: int = 0) -> dict[str, float]:
    """Worst ``(|a - n| - round-off) / (atol + |n|)`` over ``samples`` random entries, per parameter."""
    rng = np.random.default_rng(seed)
    worst = {}
    for name, p in params.items():
        picks = rng.choice(p.size, size=min(samples, p.size), replace=False)
        errs = []
        for k in picks:
            idx = np.unravel_index(k, p.shape)
            plus, minus = losses_around(loss_fn, p, idx, eps)
            num = (plus - minus) / (2 * eps)
            unexplained = max(abs(float(grads[name][idx]) - num) - roundoff(plus, minus, eps), 0.0)
            errs.append(unexplained / (atol + abs(num)))
        worst[name] = max(errs)
    return worst
