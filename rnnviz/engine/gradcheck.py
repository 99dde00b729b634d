"""Central-difference gradient checks (used by the tests, and handy in a notebook).

Two checks, both against the analytic gradient already in ``grads``:

* :func:`check_directions` - the main one. For a random unit direction ``u`` over a whole
  parameter, compares ``<grad, u>`` with ``(L(p + eps u) - L(p - eps u)) / 2 eps``. The
  directional derivative has the size of the gradient's norm, so its relative error measures
  the derivation and not float64 round-off (JAX's ``check_grads`` works the same way).
* :func:`check_entries` - ~20 single entries nudged one at a time, the book's
  ``numerical_gradient``. An entry whose true gradient happens to be ~1e-8 drowns in the
  loss's round-off (~1e-11 absolute here), so entries are compared with an absolute floor.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def relative_error(analytic, numeric, floor: float = 1e-12) -> np.ndarray:
    """|a - n| / max(|a| + |n|, floor), elementwise."""
    a, n = np.asarray(analytic, np.float64), np.asarray(numeric, np.float64)
    return np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), floor)


def numerical_gradient(loss_fn: Callable[[], float], param: np.ndarray, index: tuple,
                       eps: float = 1e-5) -> float:
    """(L(p + eps) - L(p - eps)) / 2 eps for one entry of ``param``, restored afterwards."""
    old = param[index].copy()
    param[index] = old + eps
    plus = loss_fn()
    param[index] = old - eps
    minus = loss_fn()
    param[index] = old
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
        old = p.copy()
        errs = []
        for _ in range(directions):
            u = rng.standard_normal(p.shape)
            u /= np.linalg.norm(u)
            p[...] = old + eps * u
            plus = loss_fn()
            p[...] = old - eps * u
            minus = loss_fn()
            p[...] = old
            numeric = (plus - minus) / (2 * eps)
            errs.append(float(relative_error(np.vdot(grads[name], u), numeric)))
        worst[name] = max(errs)
    return worst


def check_entries(loss_fn: Callable[[], float], params: dict[str, np.ndarray],
                  grads: dict[str, np.ndarray], samples: int = 20, eps: float = 1e-5,
                  atol: float = 1e-9, seed: int = 0) -> dict[str, float]:
    """Worst ``|a - n| / (atol + |n|)`` over ``samples`` random entries, per parameter."""
    rng = np.random.default_rng(seed)
    worst = {}
    for name, p in params.items():
        picks = rng.choice(p.size, size=min(samples, p.size), replace=False)
        errs = []
        for k in picks:
            idx = np.unravel_index(k, p.shape)
            num = numerical_gradient(loss_fn, p, idx, eps)
            errs.append(abs(float(grads[name][idx]) - num) / (atol + abs(num)))
        worst[name] = max(errs)
    return worst
