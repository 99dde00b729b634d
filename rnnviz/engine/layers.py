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
        self._touched: np.ndarray | None = None      # rows of dW that are non-zero

    def forward(self, ids: np.ndarray) -> np.ndarray:
        self.ids = ids
        return self.params["W"][ids]                 # (N, T, D)

    def backward(self, dout: np.ndarray) -> None:
        dW = self.grads["W"]
        # Only the rows the last batch touched are non-zero: clearing those is far cheaper
        # than zero-filling all V x D (the book's per-step layers zero 4 MB each on PTB).
        if self._touched is None:
            dW[...] = 0.0
        else:
            dW[self._touched] = 0.0
        ids = self.ids.reshape(-1)
        rows = dout.reshape(-1, dW.shape[1])
        # Repeated ids must accumulate: sort the positions by id and sum each run of equal ids
        # with one reduceat (several times faster than np.add.at).
        order = np.argsort(ids, kind="stable")
        sorted_ids = ids[order]
        starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
        touched = sorted_ids[starts]
        dW[touched] = np.add.reduceat(rows[order], starts, axis=0)
        self._touched = touched
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

    The bias is stored as one more row under ``W`` (``params["W"]`` and ``params["b"]`` are
    views of one (H + 1, V) array) and the input gets a column of ones, so the forward matmul
    adds the bias and the backward matmul yields ``db`` beside ``dW``: two passes over the
    (N*T, V) scores fewer per step. Output and input-gradient buffers are reused between
    calls of the same shape: :meth:`forward`'s result is valid until the next forward.

    ``W`` may instead be a transposed view of the embedding matrix (weight tying); the layer
    then keeps ``b`` apart and never rebinds ``W``, so the view follows in-place updates.
    """

    def __init__(self, W: np.ndarray, b: np.ndarray):
        H, V = W.shape
        self.tied = not W.flags.c_contiguous
        if self.tied:
            self.params = {"W": W, "b": b}
            self.grads = {"W": np.zeros(W.shape, W.dtype), "b": np.zeros_like(b)}
        else:
            Wb = np.empty((H + 1, V), W.dtype)
            Wb[:H], Wb[H] = W, b
            dWb = np.zeros_like(Wb)
            self.Wb, self.dWb = Wb, dWb
            self.params = {"W": Wb[:H], "b": Wb[H]}                 # (H, V), (V,)
            self.grads = {"W": dWb[:H], "b": dWb[H]}
        self._M = -1

    def _buffers(self, M: int, H: int, V: int, dtype) -> None:
        if self._M == M:
            return
        self._M = M
        self.x1 = np.ones((M, H + 1), dtype)          # [x, 1]
        self.out = np.empty((M, V), dtype)
        self.dx = np.empty((M, H), dtype)

    def forward(self, x: np.ndarray) -> np.ndarray:
        lead, H = x.shape[:-1], x.shape[-1]
        W = self.params["W"]
        V = W.shape[1]
        M = int(np.prod(lead))
        self._buffers(M, H, V, W.dtype)
        self.x1[:, :H] = x.reshape(M, H)
        if self.tied:
            np.matmul(self.x1[:, :H], W, out=self.out)
            self.out += self.params["b"]
        else:
            np.matmul(self.x1, self.Wb, out=self.out)
        return self.out.reshape(lead + (V,))           # (N, T, V)

    def scores_of(self, rows: slice) -> np.ndarray:
        """The last forward's output rows again (a copy), from the cached input.

        The loss layer turns :meth:`forward`'s buffer into exp(scores) in place, so views that
        want the raw scores of a few positions recompute just those rows.
        """
        H = self.dx.shape[1]
        if self.tied:
            return self.x1[rows, :H] @ self.params["W"] + self.params["b"]
        return self.x1[rows] @ self.Wb

    def backward(self, dout: np.ndarray) -> np.ndarray:
        lead = dout.shape[:-1]
        V = dout.shape[-1]
        d2 = dout.reshape(-1, V)                        # (N*T, V)
        H = self.dx.shape[1]
        if self.tied:
            np.matmul(self.x1[:, :H].T, d2, out=self.grads["W"])
            np.sum(d2, axis=0, out=self.grads["b"])
        else:
            np.matmul(self.x1.T, d2, out=self.dWb)      # dW and db in one matmul
        np.matmul(d2, self.params["W"].T, out=self.dx)
        return self.dx.reshape(lead + (H,))             # (N, T, H)


class SoftmaxCrossEntropy:
    """Mean cross-entropy of softmax(scores) over positions whose target is not ``IGNORE``.

    Works in place: :meth:`forward` turns the scores it is given into ``exp(scores)`` (kept
    with the row sums, so :meth:`probabilities` can normalise any rows it is asked for), and
    :meth:`backward` turns those into the gradient with one scaling pass. On PTB the (N*T, V)
    table is 28 MB; never copying it saves most of the loss's time.
    """

    def __init__(self, ignore_label: int = IGNORE):
        self.ignore_label = ignore_label
        self.exp: np.ndarray | None = None           # (N*T, V) exp(scores - shift)
        self.total: np.ndarray | None = None         # (N*T,) row sums of exp
        self.ts: np.ndarray | None = None
        self.mask: np.ndarray | None = None
        self.shape: tuple[int, ...] = ()
        self.losses: np.ndarray | None = None        # per-position -log p(target), 0 where ignored
        self.count = 1

    def forward(self, scores: np.ndarray, ts: np.ndarray) -> float:
        self.shape = scores.shape
        V = scores.shape[-1]
        s = scores.reshape(-1, V)                    # a view: overwritten with exp(scores)
        ts = ts.reshape(-1)
        mask = ts != self.ignore_label
        safe_ts = np.where(mask, ts, 0) if not mask.all() else ts
        rows = np.arange(len(ts))
        target = s[rows, safe_ts].astype(np.float64)
        top = s.max(axis=1)
        # exp(s) directly is exact when no score is near float32's exp range (|s| < 60 keeps
        # every sum finite and every row's largest term far above zero); otherwise shift each
        # row by its maximum first, the usual stable softmax.
        if top.max() < 60.0 and top.min() > -60.0:
            shift = np.zeros(len(ts), np.float64)
        else:
            s -= top[:, None]
            shift = top.astype(np.float64)
        np.exp(s, out=s)
        total = s.sum(axis=1).astype(np.float64)     # float32 pairwise sums are accurate here
        # -log softmax(s)[t] = log(sum exp) + shift - s[t], exact and finite.
        losses = (np.log(total) + shift - target) * mask
        self.exp, self.total, self.ts, self.mask, self.losses = s, total, safe_ts, mask, losses
        self.count = max(int(mask.sum()), 1)
        return float(losses.sum() / self.count)

    def probabilities(self, rows: np.ndarray | slice) -> np.ndarray:
        """softmax rows (a float64 copy) of the last forward; valid until :meth:`backward`."""
        return self.exp[rows] / self.total[rows, None]

    def backward(self, dout: float = 1.0) -> np.ndarray:
        dx = self.exp                                # reused in place
        # dL/ds = (softmax - onehot) * dout / count, zero where the target is ignored
        scale = (dout / self.count) / self.total
        if not self.mask.all():
            scale = scale * self.mask
        dx *= scale.astype(dx.dtype)[:, None]
        dx[np.arange(len(self.ts)), self.ts] -= (dout / self.count) * self.mask
        self.exp = None                              # no longer probabilities
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
