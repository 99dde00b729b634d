"""Many-to-one: a recurrent classifier that reads a whole text and gives one label (the seed's ch.9).

::

    ids (N, T), pre-padded -> Embedding | one-hot -> L x (RNN | LSTM | GRU) -> hs (N, T, H)
        -> pool: h_T ("last") or the mean of h_t over the text ("mean") -> feat (N, H)
        -> Affine -> one logit and a sigmoid (C = 2) or C scores and a softmax -> cross-entropy

Rows are padded *before* their text (Keras' ``pad_sequences`` default), so every row's last step
is its last token. The recurrent layers get a ``mask``: the state stays zero over the padding,
as if each row started at its first real token, and no gradient crosses it.

**Truncated backpropagation.** The seed's NumPy RNN walks back over the last 10 time steps only
(``zip(seq[::-1][:10], self.h[:-1][::-1][:10])``): whatever the first T - 10 tokens did can never
reach the weights. ``config.truncate`` is that k. The forward runs the first T - k steps through
*head* layers (twins sharing the parameters, with no backward) and hands their last state to the
layers that run the last k steps and are backpropagated, the same cut as a language model's
truncated BPTT. k = 0 (or k >= T) is full BPTT.

Parameters are named ``embed.W``, ``rnn0.Wx``, ``lstm1.Wh``, ..., ``affine.W``, ``affine.b`` and
live in :attr:`Classifier.params` beside their grads (the book's protocol).
"""
from __future__ import annotations

import numpy as np

from . import init
from .cells import cell_type
from .config import ClassifierConfig
from .functions import sigmoid
from .layers import Affine, Embedding, OneHot, SoftmaxCrossEntropy

PAD_ID = 0          # the id of <pad> in every classifier vocabulary (rnnviz.engine.classify_data)


def _twin(layer):
    """A layer of the same cell that shares ``layer``'s parameter arrays (updates reach both)."""
    return type(layer)(**layer.params, stateful=True)


class Classifier:
    """Recurrent layers read a text, a sigmoid or softmax output gives its class.

    Parameters
    ----------
    config : ClassifierConfig
    rng : numpy.random.Generator, optional
        Draws the weights (default ``Generator(config.seed)``).

    Examples
    --------
    >>> model = Classifier(ClassifierConfig(vocab_size=20, hidden_size=8, dtype="float64"))
    >>> ids = np.array([[0, 0, 5, 7], [3, 4, 5, 6]]); labels = np.array([1, 0])
    >>> loss = model.forward(ids, labels); model.backward()
    """

    def __init__(self, config: ClassifierConfig, rng: np.random.Generator | None = None):
        self.config = cfg = config
        dtype = np.dtype(cfg.dtype)
        rng = np.random.default_rng(cfg.seed) if rng is None else rng
        V, H = cfg.vocab_size, cfg.hidden_size
        if cfg.input == "onehot":
            self.embed = OneHot(V, dtype)
        else:
            self.embed = Embedding(init.embedding(rng, V, cfg.embed_size, cfg.init, dtype))
        kind = cell_type(cfg.cell)
        self.rnns = []
        for layer in range(cfg.num_layers):
            D = cfg.input_size if layer == 0 else H
            self.rnns.append(kind.make_layer(rng, D, H, cfg.init, dtype, stateful=True))
        self.heads = [_twin(rnn) for rnn in self.rnns]          # the steps before the cut, no backward
        self.outputs = 1 if cfg.num_classes == 2 else cfg.num_classes
        self.affine = Affine(init.affine(rng, H, self.outputs, cfg.init, dtype), np.zeros(self.outputs, dtype))
        self.softmax = SoftmaxCrossEntropy()
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        layers = [("embed", self.embed)] + [(f"{cfg.cell}{i}", rnn) for i, rnn in enumerate(self.rnns)]
        for prefix, layer in layers + [("affine", self.affine)]:
            for key, value in layer.params.items():
                self.params[f"{prefix}.{key}"] = value
                self.grads[f"{prefix}.{key}"] = layer.grads[key]
        self.truncate = cfg.truncate    # may change between steps (the lab's k)
        self.loss = float("nan")
        self.cut = 0                    # steps run by the heads in the last forward
        self.probs: np.ndarray | None = None    # (N, C) float64 class probabilities of the last forward

    @property
    def layer_names(self) -> tuple[str, ...]:
        return tuple(f"{self.config.cell}{i}" for i in range(len(self.rnns)))

    def cut_at(self, T: int) -> int:
        """Steps of a T-step batch that get no gradient: T - k (0 for full BPTT)."""
        k = self.truncate
        return 0 if k <= 0 or k >= T else T - k

    # -- forward ----------------------------------------------------------------------------
    def hidden(self, ids: np.ndarray) -> np.ndarray:
        """Run the recurrent layers over ``ids`` (N, T); the top layer's h_t (N, T, H), a copy.

        The first :meth:`cut_at` steps run through the heads, the rest through the layers that
        :meth:`backward` goes back through.
        """
        N, T = ids.shape
        cut = self.cut = self.cut_at(T)
        mask = np.ascontiguousarray((ids != PAD_ID).T[:, :, None].astype(self.rnns[0].dtype))   # (T, N, 1)
        hs = np.empty((N, T, self.config.hidden_size), self.rnns[0].dtype)
        for rnn, head in zip(self.rnns, self.heads):
            rnn.reset_state()
            head.reset_state()
        if cut:
            x = self._embed(ids[:, :cut], backward=False)
            for rnn, head in zip(self.rnns, self.heads):
                head.mask = mask[:cut]
                x = head.forward(x)
                rnn.set_state(head.h, head.c)                   # the cut: state carried, no gradient
            hs[:, :cut] = x
        x = self._embed(ids[:, cut:], backward=True)
        for rnn in self.rnns:
            rnn.mask = mask[cut:]
            x = rnn.forward(x)
        hs[:, cut:] = x
        self._mask, self._lengths = mask, np.maximum(mask.sum(axis=0)[:, 0], 1.0)       # (T, N, 1), (N,)
        return hs

    def _embed(self, ids: np.ndarray, backward: bool) -> np.ndarray:
        if backward or isinstance(self.embed, OneHot):
            return self.embed.forward(ids)                      # caches the ids for its backward
        return self.embed.params["W"][ids]                      # the heads' part: a plain lookup

    def _pool(self, hs: np.ndarray) -> np.ndarray:
        """(N, T, H) -> (N, H): the last step's h, or the mean over each row's text."""
        if self.config.pool == "last":
            return hs[:, -1]
        return hs.sum(axis=1) / self._lengths[:, None]          # h is zero over the padding

    def scores(self, ids: np.ndarray) -> np.ndarray:
        """Output scores (N, outputs) for ``ids`` (N, T): one logit, or C class scores."""
        self.hs = self.hidden(ids)
        return self.affine.forward(self._pool(self.hs)).copy()

    def predict(self, ids: np.ndarray) -> np.ndarray:
        """Class probabilities (N, C) float64 for ``ids`` (N, T)."""
        return class_probabilities(self.scores(ids))

    def forward(self, ids: np.ndarray, labels: np.ndarray) -> float:
        """Mean cross-entropy of ``labels`` (N,) given ``ids`` (N, T); keeps what backward needs."""
        z = self.scores(ids)
        labels = np.asarray(labels, np.int64)
        self.labels = labels
        self.probs = class_probabilities(z)
        if self.outputs == 1:
            # -log p(label) for p = sigmoid(z), without overflow: softplus(z) - label * z
            z64 = z[:, 0].astype(np.float64)
            losses = np.maximum(z64, 0.0) + np.log1p(np.exp(-np.abs(z64))) - labels * z64
            self.loss = float(losses.mean())
        else:
            self.loss = self.softmax.forward(z, labels)
        return self.loss

    # -- backward ---------------------------------------------------------------------------
    def backward(self) -> None:
        """Fill :attr:`grads` for the last :meth:`forward`, through its last k steps only."""
        N = len(self.labels)
        dtype = self.rnns[0].dtype
        if self.outputs == 1:
            dz = ((self.probs[:, 1] - self.labels) / N)[:, None].astype(dtype)   # (N, 1)
        else:
            dz = self.softmax.backward()
        dfeat = self.affine.backward(dz)                        # (N, H)
        self.backward_from(dfeat)

    def backward_from(self, dfeat: np.ndarray) -> None:
        """Backpropagate dL/dfeat (N, H) of the pooled features through the kept steps."""
        cut = self.cut
        T = self.hs.shape[1]
        dhs = np.zeros((dfeat.shape[0], T - cut, dfeat.shape[1]), dfeat.dtype)   # (N, k, H)
        if self.config.pool == "last":
            dhs[:, -1] = dfeat
        else:
            dhs += (dfeat / self._lengths[:, None])[:, None, :]   # the mask zeroes the padding's share
        for rnn in reversed(self.rnns):
            dhs = rnn.backward(dhs)
        self.embed.backward(dhs)

    @property
    def grad_rows(self) -> dict[str, np.ndarray]:
        return {}

    def dh_norms(self) -> np.ndarray:
        """(L, T) ||dL/dh_t|| over the batch per layer after a backward; zero before the cut."""
        T = self.hs.shape[1]
        out = np.zeros((len(self.rnns), T), np.float64)
        for i, rnn in enumerate(self.rnns):
            out[i, self.cut:] = rnn.dh_norms
        return out


def class_probabilities(z: np.ndarray) -> np.ndarray:
    """(N, C) float64 probabilities from scores (N, 1) (a sigmoid's logit) or (N, C) (softmax)."""
    z = np.asarray(z, np.float64)
    if z.shape[-1] == 1:
        p = sigmoid(z[..., 0].copy())
        return np.stack([1.0 - p, p], axis=-1)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
