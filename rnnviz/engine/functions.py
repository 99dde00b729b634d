"""Numerically stable elementwise functions shared by layers, sampling and evaluation."""
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


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along ``axis``; subtracting the max keeps ``exp`` finite."""
    z = x - x.max(axis=axis, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=axis, keepdims=True)
    return z


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """log(softmax(x)) without forming tiny probabilities first."""
    z = x - x.max(axis=axis, keepdims=True)
    z -= np.log(np.exp(z).sum(axis=axis, keepdims=True))
    return z


def cross_entropy(probs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """-log p[target] per row of a (M, V) probability table; 1e-7 guards log(0) as the book does."""
    return -np.log(probs[np.arange(len(targets)), targets] + 1e-7)
