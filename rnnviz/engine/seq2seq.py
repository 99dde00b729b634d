"""Encoder-decoder models of DLFS2 ch.7-8: plain, peeky, and with dot-product attention.

::

    question ids (N, Tq) -> [reversed] -> Embedding -> LSTM|GRU --> hs (N, Tq, H), h = hs[:, -1]
    answer ids (N, Ta)   -> Embedding -> [concat h] -> LSTM|GRU (starts from h) -> dec_hs (N, T, H)
        -> plain:     Affine(dec_hs)
        -> peeky:     Affine([h, dec_hs])          (h also enters every decoder input)
        -> attention: Affine([c, dec_hs]),  c_t = sum_s softmax_s(hs_s . dec_h_t) hs_s

Training is teacher forcing: the decoder reads ``ts[:, :-1]`` (starting with the ``_`` start
symbol) and predicts ``ts[:, 1:]``. :meth:`Seq2seq.generate` decodes greedily, a whole batch
at once, feeding each step's argmax back in. Parameters are named ``enc.embed.W``,
``enc.lstm.Wx``, ..., ``dec.affine.b`` and live in :attr:`Seq2seq.params` beside their grads.
"""
from __future__ import annotations

import numpy as np

from . import init
from .cells import cell_type
from .config import Seq2seqConfig
from .layers import Affine, Embedding, SoftmaxCrossEntropy


def _recurrent(cfg: Seq2seqConfig, rng: np.random.Generator, D: int, dtype):
    return cell_type(cfg.cell).make_layer(rng, D, cfg.hidden_size, cfg.init, dtype, stateful=False)


class TimeAttention:
    """Dot-product attention of every decoder step over every encoder step (book ch.8).

    ``weights`` (N, T, Tq) holds the last forward's attention rows, each summing to 1.
    """

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.weights: np.ndarray | None = None

    def forward(self, hs: np.ndarray, dec_hs: np.ndarray) -> np.ndarray:
        """hs (N, Tq, H), dec_hs (N, T, H) -> contexts (N, T, H)."""
        scores = dec_hs @ hs.transpose(0, 2, 1)                     # (N, T, Tq)
        scores -= scores.max(axis=2, keepdims=True)
        a = np.exp(scores)
        a /= a.sum(axis=2, keepdims=True)
        self.hs, self.dec_hs, self.weights = hs, dec_hs, a
        return a @ hs                                               # (N, T, H)

    def backward(self, dc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """dL/dc (N, T, H) -> (dL/dhs (N, Tq, H), dL/ddec_hs (N, T, H))."""
        a, hs, dec_hs = self.weights, self.hs, self.dec_hs
        da = dc @ hs.transpose(0, 2, 1)                             # (N, T, Tq)
        dhs = a.transpose(0, 2, 1) @ dc                             # through c = a hs
        ds = a * (da - (da * a).sum(axis=2, keepdims=True))         # through the softmax
        dhs += ds.transpose(0, 2, 1) @ dec_hs
        ddec = ds @ hs
        return dhs, ddec


class Encoder:
    """Embedding + recurrent layer from a zero state; returns every hidden state."""

    def __init__(self, cfg: Seq2seqConfig, rng: np.random.Generator, dtype):
        V, D = cfg.vocab_size, cfg.embed_size
        self.embed = Embedding(init.embedding(rng, V, D, cfg.init, dtype))
        self.rnn = _recurrent(cfg, rng, D, dtype)

    def forward(self, xs: np.ndarray) -> np.ndarray:
        self.rnn.reset_state()
        return self.rnn.forward(self.embed.forward(xs))             # (N, Tq, H), a view

    def backward(self, dhs: np.ndarray) -> None:
        self.embed.backward(self.rnn.backward(dhs))


class Decoder:
    """Embedding + recurrent layer started from the encoder's last state + Affine; the
    ``kind`` adds the peeky concatenations or attention."""

    def __init__(self, cfg: Seq2seqConfig, rng: np.random.Generator, dtype):
        V, D, H = cfg.vocab_size, cfg.embed_size, cfg.hidden_size
        self.kind, self.H = cfg.decoder, H
        self.embed = Embedding(init.embedding(rng, V, D, cfg.init, dtype))
        self.rnn = _recurrent(cfg, rng, D + H if self.kind == "peeky" else D, dtype)
        out = H if self.kind == "plain" else 2 * H
        self.affine = Affine(init.affine(rng, out, V, cfg.init, dtype), np.zeros(V, dtype))
        self.attention = TimeAttention() if self.kind == "attention" else None

    def start(self, hs: np.ndarray) -> None:
        """Begin decoding from the encoder's states ``hs`` (N, Tq, H)."""
        self.hs, self.h = hs, hs[:, -1]
        self.rnn.set_state(self.h)                                  # c starts at zero, as in the book

    def forward(self, ids: np.ndarray) -> np.ndarray:
        """Scores (N, T, V) for decoder inputs ``ids`` (N, T), continuing from the current state."""
        N, T = ids.shape
        x = self.embed.forward(ids)                                 # (N, T, D)
        if self.kind == "peeky":
            hr = np.broadcast_to(self.h[:, None, :], (N, T, self.H))
            x = np.concatenate([hr, x], axis=2)                     # (N, T, H + D)
        dec_hs = self.rnn.forward(x)                                # (N, T, H)
        if self.kind == "peeky":
            out = np.concatenate([hr, dec_hs], axis=2)
        elif self.kind == "attention":
            out = np.concatenate([self.attention.forward(self.hs, dec_hs), dec_hs], axis=2)
        else:
            out = dec_hs
        return self.affine.forward(out)

    def backward(self, dscores: np.ndarray) -> np.ndarray:
        """dL/dscores (N, T, V) -> dL/dhs (N, Tq, H) for the encoder."""
        H = self.H
        dout = self.dout = self.affine.backward(dscores)            # (N, T, H or 2H), kept for the graph
        dhs = np.zeros_like(self.hs)
        if self.kind == "plain":
            ddec = dout
        else:
            ddec = dout[:, :, H:]
            if self.kind == "attention":
                dctx_hs, ddec_att = self.attention.backward(dout[:, :, :H])
                dhs += dctx_hs
                ddec = ddec + ddec_att
            else:
                dhs[:, -1] += dout[:, :, :H].sum(axis=1)           # the peeked h, at every t
        dx = self.rnn.backward(ddec)                                # (N, T, D or H + D)
        if self.kind == "peeky":
            dhs[:, -1] += dx[:, :, :H].sum(axis=1)
            dx = dx[:, :, H:]
        self.embed.backward(dx)
        dhs[:, -1] += self.rnn.dh0
        return dhs

    def step_state(self) -> None:
        """Carry the state of the last forward on to the next (greedy decoding, one step at a time)."""
        self.rnn.carry_state()


class Seq2seq:
    """Encoder-decoder for the book's addition and date tasks.

    ``rng`` draws the weights (default: ``Generator(config.seed)``); pass the data's
    :meth:`~rnnviz.engine.pairs.PairData.book_stream` to start from the book's weights.

    Examples
    --------
    >>> model = Seq2seq(Seq2seqConfig(vocab_size=13, hidden_size=8, dtype="float64"))
    >>> xs, ts = np.zeros((2, 7), np.int64), np.zeros((2, 5), np.int64)
    >>> loss = model.forward(xs, ts); model.backward()
    """

    def __init__(self, config: Seq2seqConfig,
                 rng: np.random.Generator | np.random.RandomState | None = None):
        self.config = cfg = config
        dtype = np.dtype(cfg.dtype)
        # Drawn in the book's order: encoder embed, Wx, Wh; decoder embed, Wx, Wh, affine W.
        rng = np.random.default_rng(cfg.seed) if rng is None else rng
        self.encoder = Encoder(cfg, rng, dtype)
        self.decoder = Decoder(cfg, rng, dtype)
        self.loss_layer = SoftmaxCrossEntropy()
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        cell = cfg.cell
        for prefix, layer in (("enc.embed", self.encoder.embed), (f"enc.{cell}", self.encoder.rnn),
                              ("dec.embed", self.decoder.embed), (f"dec.{cell}", self.decoder.rnn),
                              ("dec.affine", self.decoder.affine)):
            for key, value in layer.params.items():
                self.params[f"{prefix}.{key}"] = value
                self.grads[f"{prefix}.{key}"] = layer.grads[key]
        self.loss = float("nan")

    def _encode(self, xs: np.ndarray) -> None:
        if self.config.reverse:
            xs = xs[:, ::-1]
        self.decoder.start(self.encoder.forward(np.ascontiguousarray(xs)))

    def forward(self, xs: np.ndarray, ts: np.ndarray) -> float:
        """Mean cross-entropy of the answers ``ts[:, 1:]`` given questions ``xs`` (N, Tq) and,
        teacher-forced, ``ts[:, :-1]`` (``ts`` starts with the start symbol)."""
        self._encode(xs)
        scores = self.decoder.forward(np.ascontiguousarray(ts[:, :-1]))
        self.loss = self.loss_layer.forward(scores, ts[:, 1:])
        return self.loss

    def backward(self) -> None:
        """Fill :attr:`grads` for the last :meth:`forward`."""
        self.encoder.backward(self.decoder.backward(self.loss_layer.backward()))

    @property
    def grad_rows(self) -> dict[str, np.ndarray]:
        return {}           # embeddings of a few dozen characters: always update them whole

    def generate(self, xs: np.ndarray, start_id: int, length: int, *,
                 trace: bool = False) -> np.ndarray | tuple[np.ndarray, dict]:
        """Greedy answers (N, length) for questions ``xs`` (N, Tq), all rows at once.

        With ``trace``, also returns per step: ``probs`` (length, N, V) float64, ``hidden``
        (length, N, H) and ``attention`` (length, N, Tq) in the encoder's input order, or None.
        """
        self._encode(xs)
        N = xs.shape[0]
        ids = np.full((N, 1), start_id, np.int64)
        out = np.empty((N, length), np.int64)
        probs, hidden, attention = [], [], []
        for k in range(length):
            scores = self.decoder.forward(ids)[:, 0]                # (N, V)
            out[:, k] = ids[:, 0] = scores.argmax(axis=1)
            if trace:
                e = np.exp(scores - scores.max(axis=1, keepdims=True))
                probs.append(e / e.sum(axis=1, keepdims=True))
                hidden.append(self.decoder.rnn.Hs[-1].copy())
                if self.decoder.attention is not None:
                    attention.append(self.decoder.attention.weights[:, 0].copy())
            self.decoder.step_state()
        if not trace:
            return out
        return out, {"probs": np.array(probs, np.float64), "hidden": np.array(hidden),
                     "attention": np.array(attention) if attention else None}
