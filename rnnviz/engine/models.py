"""Recurrent language models built from the engine's layers.

:class:`RNNLM` is the book's ``SimpleRnnlm`` / ``Rnnlm`` / ``BetterRnnlm`` and d2l's
``RNNModelScratch`` in one class::

    ids (N, T) -> Embedding | OneHot -> [Dropout] -> (TimeRNN|TimeLSTM|TimeGRU -> [Dropout]) x L
        -> Affine -> scores (N, T, V) -> SoftmaxCrossEntropy -> loss

Parameters and gradients are exposed as two dicts with stable names (``embed.W``,
``lstm0.Wx``, ``lstm0.Wh``, ``lstm0.b``, ..., ``decoder.W``, ``decoder.b``) holding the very
arrays the layers use, so an optimizer updating ``params`` in place updates the model.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from . import init
from .cells import cell_type
from .config import ModelConfig
from .layers import Affine, Dropout, Embedding, OneHot, SoftmaxCrossEntropy
from .gru import TimeGRU
from .recurrent import TimeLSTM, TimeRNN


class RNNLM:
    """A (stacked) recurrent language model.

    Parameters
    ----------
    config : ModelConfig
        Sizes, cell, input kind, dropout, tying, initialiser, dtype and seed.

    Examples
    --------
    >>> model = RNNLM(ModelConfig(vocab_size=10, embed_size=8, hidden_size=8, dtype="float64"))
    >>> xs = np.zeros((2, 5), dtype=np.int64)
    >>> loss = model.forward(xs, xs); model.backward()
    """

    def __init__(self, config: ModelConfig):
        self.config = config
        cfg = config
        dtype = np.dtype(cfg.dtype)
        V, D, H = cfg.vocab_size, cfg.input_size, cfg.hidden_size
        rng = np.random.default_rng(cfg.seed)
        # A second stream for dropout masks, so the same seed gives the same weights whether
        # or not dropout is on; its state is saved in checkpoints.
        self.dropout_rng = np.random.default_rng([cfg.seed, 1])
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

        if cfg.input == "onehot":
            self.embed = OneHot(V, dtype)
        else:
            self.embed = Embedding(init.embedding(rng, V, D, cfg.init, dtype))
            self._register("embed", self.embed)

        cell = cell_type(cfg.cell)
        self.rnns: list[TimeRNN | TimeLSTM | TimeGRU] = []
        self.dropouts = [Dropout(cfg.dropout, self.dropout_rng)]
        for layer in range(cfg.num_layers):
            rnn = cell.make_layer(rng, D if layer == 0 else H, H, cfg.init, dtype)
            self.rnns.append(rnn)
            self._register(f"{cfg.cell}{layer}", rnn)
            self.dropouts.append(Dropout(cfg.dropout, self.dropout_rng))

        if cfg.tie_weights:
            # The decoder reads the embedding matrix transposed; its gradient is added to
            # embed.W's in backward, so there is one parameter, not two.
            self.decoder = Affine(self.embed.params["W"].T, np.zeros(V, dtype))
            self.params["decoder.b"] = self.decoder.params["b"]
            self.grads["decoder.b"] = self.decoder.grads["b"]
        else:
            self.decoder = Affine(init.affine(rng, H, V, cfg.init, dtype), np.zeros(V, dtype))
            self._register("decoder", self.decoder)
        self.loss_layer = SoftmaxCrossEntropy()
        self.loss = float("nan")        # mean loss of the last forward
        self.dembed: np.ndarray | None = None   # (N, T, D) gradient reaching the input layer
        self.training = True

    def _register(self, prefix: str, layer) -> None:
        for key, value in layer.params.items():
            self.params[f"{prefix}.{key}"] = value
            self.grads[f"{prefix}.{key}"] = layer.grads[key]

    # -- modes and state -------------------------------------------------------------------
    def train(self) -> "RNNLM":
        """Dropout on (the default)."""
        self.training = True
        for d in self.dropouts:
            d.train = True
        return self

    def eval(self) -> "RNNLM":
        """Dropout off, for evaluation and generation."""
        self.training = False
        for d in self.dropouts:
            d.train = False
        return self

    def reset_state(self) -> None:
        """Forget the hidden state carried between truncated-BPTT blocks."""
        for rnn in self.rnns:
            rnn.reset_state()

    def get_state(self) -> dict[str, np.ndarray]:
        """Copies of the carried hidden (and cell) state, by layer: ``lstm0.h``, ``lstm0.c``."""
        state = {}
        for k, rnn in enumerate(self.rnns):
            name = f"{self.config.cell}{k}"
            if rnn.h is not None:
                state[f"{name}.h"] = rnn.h.copy()
            if rnn.c is not None:
                state[f"{name}.c"] = rnn.c.copy()
        return state

    def set_state(self, state: dict[str, np.ndarray]) -> None:
        """Restore what :meth:`get_state` returned (missing entries mean zeros)."""
        for k, rnn in enumerate(self.rnns):
            name = f"{self.config.cell}{k}"
            rnn.set_state(state.get(f"{name}.h"), state.get(f"{name}.c"))

    # -- computation -----------------------------------------------------------------------
    def predict(self, xs: np.ndarray) -> np.ndarray:
        """Scores (N, T, V) for token ids ``xs`` (N, T), carrying the hidden state on (a copy)."""
        return self._scores(xs).copy()

    def _scores(self, xs: np.ndarray) -> np.ndarray:
        """Like :meth:`predict` but returns the decoder's reused buffer."""
        x = self.dropouts[0].forward(self.embed.forward(xs))        # (N, T, D)
        for rnn, drop in zip(self.rnns, self.dropouts[1:]):
            x = drop.forward(rnn.forward(x))                        # (N, T, H)
        return self.decoder.forward(x)                              # (N, T, V)

    def forward(self, xs: np.ndarray, ts: np.ndarray) -> float:
        """Mean cross-entropy of predicting ``ts`` (N, T) from ``xs`` (N, T)."""
        for _ in self.forward_steps(xs, ts):
            pass
        return self.loss

    def backward(self, dout: float = 1.0) -> None:
        """Fill :attr:`grads` for the last :meth:`forward`."""
        for _ in self.backward_steps(dout):
            pass

    def forward_steps(self, xs: np.ndarray, ts: np.ndarray) -> Iterator[tuple[int, int]]:
        """:meth:`forward` as a generator of sub-steps, for the BPTT stepper.

        Yields ``(layer, t)`` after each recurrent time step, layer by layer as the forward
        runs them (a layer's input projection needs all T outputs of the layer below). The
        embedding runs with the first sub-step; the Time Affine and the loss, which act on all
        T positions at once, run with the last, after which :attr:`loss` holds the mean loss.
        """
        last = (len(self.rnns) - 1, xs.shape[1] - 1)
        x = self.dropouts[0].forward(self.embed.forward(xs))        # (N, T, D)
        for k, (rnn, drop) in enumerate(zip(self.rnns, self.dropouts[1:])):
            for t in rnn.forward_steps(x):
                if (k, t) != last:
                    yield k, t
            x = drop.forward(rnn.Hs[1:].transpose(1, 0, 2))         # (N, T, H)
        self.loss = self.loss_layer.forward(self.decoder.forward(x), ts)
        yield last

    def backward_steps(self, dout: float = 1.0) -> Iterator[tuple[int, int]]:
        """:meth:`backward` as a generator: yields ``(layer, t)``, top layer first, t = T-1 .. 0.

        The loss and Time Affine backward (all T at once) run with the first sub-step, the
        embedding's with the last. A layer's weight gradients and ``dxs`` are computed with the
        sub-step after its ``t = 0`` (they need every t).
        """
        d = self.loss_layer.backward(dout)                          # (N, T, V)
        d = self.decoder.backward(d)                                # (N, T, H)
        for k in range(len(self.rnns) - 1, -1, -1):
            rnn = self.rnns[k]
            for t in rnn.backward_steps(self.dropouts[k + 1].backward(d)):
                if (k, t) != (0, 0):
                    yield k, t
            d = rnn.dxs
        self.dembed = self.dropouts[0].backward(d)                  # (N, T, D) dL/d(embedding output)
        self.embed.backward(self.dembed)
        if self.config.tie_weights:
            self.grads["embed.W"] += self.decoder.grads["W"].T
        yield 0, 0

    @property
    def grad_rows(self) -> dict[str, np.ndarray]:
        """Parameters whose gradient is zero outside a few rows, with those rows.

        An untied embedding's gradient lives only in the rows of the ids just read (700 of
        PTB's 10,000), so SGD can update and measure just those rows.
        """
        if self.config.input != "embedding" or self.config.tie_weights:
            return {}
        return {"embed.W": self.embed._touched}

    # -- introspection ---------------------------------------------------------------------
    @property
    def num_parameters(self) -> int:
        return int(sum(p.size for p in self.params.values()))
