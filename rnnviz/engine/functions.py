"""Numerically stable elementwise functions for the layers.

The softmax lives where it is used, fused with its loss (:class:`~rnnviz.engine.layers.SoftmaxCrossEntropy`)
or with sampling (:mod:`rnnviz.engine.sampling`).
"""
from __future__ import annotations

import numpy as np


def sigmoid(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Logistic function, written as 0.5 * (1 + tanh(x / 2)).

    The tanh form never overflows in ``exp`` for large negative inputs, and it works in place
    (``out=x``) without temporaries.
    """
    out = np.multiply(x, 0.5, out=out)
    np.tanh(out, out=out)
    out += 1.0
    out *= 0.5
    return out
