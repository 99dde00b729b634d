"""Time-batched feed-forward layers: the book's protocol of ``params`` and ``grads`` side by side.

Every layer here acts on all N x T positions in one call; only the recurrent layers
(:mod:`rnnviz.engine.recurrent`) loop over time. Gradients are written in place into
``grads`` so the dicts a model or optimizer holds stay valid for the whole run.
"""
from __future__ import annotations

import numpy as np

IGNORE = -1  # target id that contributes neither loss nor gradient (padding in seq2seq)


class Embedding:
    """Row lookup ``W[ids]``: (N, T) int -> (N, T, D)."""

    def __init__(self, W: np.ndarray):
        self.params = {"W": W}                       # (V, D)
        self.grads = {"W": np.zeros_like(W)}
        self.ids: np.ndarray | None = None

    def forward(self, ids: np.ndarray) -> np.ndarray:
        self.ids = ids
        return self.params["W"][ids]                 # (N, T, D)

    def backward(self, dout: np.ndarray) -> None:
        dW = self.grads["W"]
        dW[...] = 0.0
        # One scatter-add for all N*T positions: repeated ids must accumulate, which
        # plain fancy-index assignment would not do.
        np.add.at(dW, self.ids.reshape(-1), dout.reshape(-1, dW.shape[1]))
        return None


class OneHot:
    """d2l's input: token ids as one-hot vectors, (N, T) int -> (N, T, V). No parameters."""

    def __init__(self, vocab_size: int, dtype: np.dtype):
        self.V = vocab_size
        self.dtype = np.dtype(dtype)
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    def forward(self, ids: np.ndarray) -> np.ndarray:
        out = np.zeros(ids.shape + (self.V,), dtype=self.dtype)   # (N, T, V)
        np.put_along_axis(out, ids[..., None], 1.0, axis=-1)
        return out

    def backward(self, dout: np.ndarray) -> None:
        return None


class Affine:
    """x @ W + b over all positions: (N, T, H) -> (N, T, V).

    ``W`` may be a transposed view of the embedding matrix (weight tying); the layer never
    rebinds it, so the view follows in-place optimizer updates.
    """

    def __init__(self, W: np.ndarray, b: np.ndarray):
        self.params = {"W": W, "b": b}               # (H, V), (V,)
        self.grads = {"W": np.zeros(W.shape, W.dtype), "b": np.zeros_like(b)}
        self.x2d: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        lead = x.shape[:-1]
        self.x2d = x.reshape(-1, x.shape[-1])        # (N*T, H)
        out = self.x2d @ self.params["W"]
        out += self.params["b"]
        return out.reshape(lead + (out.shape[-1],))  # (N, T, V)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        lead = dout.shape[:-1]
        d2 = dout.reshape(-1, dout.shape[-1])        # (N*T, V)
        np.matmul(self.x2d.T, d2, out=self.grads["W"])
        np.sum(d2, axis=0, out=self.grads["b"])
        dx = d2 @ self.params["W"].T
        return dx.reshape(lead + (dx.shape[-1],))    # (N, T, H)


class SoftmaxCrossEntropy:
    """Mean cross-entropy of softmax(scores) over positions whose target is not ``IGNORE``."""

    def __init__(self, ignore_label: int = IGNORE):
        self.ignore_label = ignore_label
        self.probs: np.ndarray | None = None         # (N*T, V)
        self.ts: np.ndarray | None = None
        self.mask: np.ndarray | None = None
        self.shape: tuple[int, ...] = ()
        self.losses: np.ndarray | None = None        # per-position -log p(target), 0 where ignored

    def forward(self, scores: np.ndarray, ts: np.ndarray) -> float:
        self.shape = scores.shape
        V = scores.shape[-1]
        s = scores.reshape(-1, V)
        ts = ts.reshape(-1)
        mask = ts != self.ignore_label
        safe_ts = np.where(mask, ts, 0)
        # -log softmax(s)[t] = logsumexp(s) - s[t], exact and finite (the book adds 1e-7
        # to p instead, which biases the gradient check by about 1e-7 / p).
        shift = s.max(axis=1, keepdims=True)
        probs = np.exp(s - shift)
        total = probs.sum(axis=1, keepdims=True)
        probs /= total
        rows = np.arange(len(ts))
        losses = (np.log(total[:, 0]) + shift[:, 0] - s[rows, safe_ts]) * mask
        self.probs, self.ts, self.mask, self.losses = probs, safe_ts, mask, losses
        count = max(int(mask.sum()), 1)
        return float(losses.sum() / count)

    def backward(self, dout: float = 1.0) -> np.ndarray:
        dx = self.probs.copy()
        dx[np.arange(len(self.ts)), self.ts] -= 1.0
        count = max(int(self.mask.sum()), 1)
        dx *= (dout / count) * self.mask[:, None]
        return dx.reshape(self.shape)


class Dropout:
    """Inverted dropout: scale kept units by 1/(1-ratio) in training so evaluation is a no-op."""

    def __init__(self, ratio: float, rng: np.random.Generator):
        self.ratio = float(ratio)
        self.rng = rng
        self.train = True
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.mask: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        if not self.train or self.ratio == 0.0:
            self.mask = None
            return x
        keep = self.rng.random(x.shape) >= self.ratio
        self.mask = keep.astype(x.dtype) / (1.0 - self.ratio)
        return x * self.mask

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout if self.mask is None else dout * self.mask
