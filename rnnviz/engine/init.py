"""Weight initialisers: the book's, d2l's, and orthogonal-recurrent + Glorot-input.

Each function returns the arrays for one layer in the engine's layouts (gate blocks side by
side in columns), drawn from the one ``Generator`` the model owns, so a seed fixes them all.
"""
from __future__ import annotations

import numpy as np


def embedding(rng: np.random.Generator, V: int, D: int, scheme: str, dtype) -> np.ndarray:
    """(V, D). The book draws randn / 100; d2l normal(0, 0.01); Glorot otherwise."""
    if scheme == "book":
        W = rng.standard_normal((V, D)) / 100
    elif scheme == "d2l":
        W = rng.normal(0.0, 0.01, (V, D))
    else:
        W = _glorot(rng, V, D)
    return W.astype(dtype)


def recurrent(rng: np.random.Generator, D: int, H: int, gates: int, scheme: str, dtype,
              book_order: tuple[int, ...] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Wx (D, gates*H) and Wh (H, gates*H).

    book: randn / sqrt(fan_in), drawn in the book's gate order and moved to the engine's:
    engine block ``j`` is the book's block ``book_order[j]`` (an LSTM's [f, g, i, o] becomes
    [i, f, o, g] with (2, 0, 3, 1); None keeps the drawn order), so the book's random stream
    gives the book's weights; d2l: normal(0, 0.01); orthogonal: each gate's (H, H) recurrent
    block orthogonal (keeps ||h Wh|| from growing or shrinking at the start) and
    Glorot-uniform input weights per gate (an LSTM's forget bias then starts at 1:
    :meth:`CellType.make_layer <rnnviz.engine.cells.CellType.make_layer>`), Keras' defaults.
    """
    if scheme == "book":
        Wx = rng.standard_normal((D, gates * H)) / np.sqrt(D)
        Wh = rng.standard_normal((H, gates * H)) / np.sqrt(H)
        if book_order is not None:
            Wx, Wh = (np.concatenate([blocks[k] for k in book_order], axis=1)
                      for blocks in (np.split(Wx, gates, axis=1), np.split(Wh, gates, axis=1)))
    elif scheme == "d2l":
        Wx = rng.normal(0.0, 0.01, (D, gates * H))
        Wh = rng.normal(0.0, 0.01, (H, gates * H))
    else:
        Wx = np.concatenate([_glorot(rng, D, H) for _ in range(gates)], axis=1)
        Wh = np.concatenate([_orthogonal(rng, H) for _ in range(gates)], axis=1)
    return Wx.astype(dtype), Wh.astype(dtype)


def affine(rng: np.random.Generator, H: int, V: int, scheme: str, dtype) -> np.ndarray:
    """(H, V) decoder weights, same rules as :func:`recurrent`'s input weights."""
    if scheme == "book":
        W = rng.standard_normal((H, V)) / np.sqrt(H)
    elif scheme == "d2l":
        W = rng.normal(0.0, 0.01, (H, V))
    else:
        W = _glorot(rng, H, V)
    return W.astype(dtype)


def _glorot(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out))


def _orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    # Sign fix so the result is uniformly distributed over orthogonal matrices.
    return q * np.sign(np.diag(r))
