"""One seq2seq example unrolled, encoder then decoder, as data for the graph view.

:func:`unroll_example` runs one forward and one backward pass of a
:class:`~rnnviz.engine.seq2seq.Seq2seq` on a single (question, answer) pair, without touching
the weights, and lays it out as a :class:`GraphFrame`: the encoder's ``Tq`` columns, then the
decoder's ``T``. The rows are those of a one-layer language model (x, embed, c0, h0, scores,
probs, loss) plus ``context`` for attention; the head exists only over the decoder. The
encoder's last h is handed to the decoder's first step along the h row; the decoder's cell
state starts at zero, as in the book, so nothing crosses on the c row.
"""
from __future__ import annotations

import numpy as np

from .cells import cell_type
from .seq2seq import Seq2seq
from .snapshots import TOP_K, GraphFrame
from .unroll import VECTOR_UNITS, _kept, _norm, _rms

__all__ = ["seq2seq_nodes", "unroll_example", "VECTOR_UNITS"]


def seq2seq_nodes(cell: str, decoder: str) -> tuple[str, ...]:
    """Node rows bottom to top: x, embed, (c0), h0, (context), scores, probs, loss."""
    names = ["x", "embed"] + [f"{state}0" for state in cell_type(cell).graph_states]
    return tuple(names + (["context"] if decoder == "attention" else []) + ["scores", "probs", "loss"])


def unroll_example(model: Seq2seq, tokens: tuple[str, ...], question: np.ndarray, answer: np.ndarray, *,
                   iteration: int, batch_size: int, lr: float, caption: str) -> GraphFrame:
    """Forward and backward on one pair; the frame of every node's size and gradient.

    Parameters
    ----------
    model : Seq2seq
        Its ``grads`` are overwritten; its ``params`` are not changed.
    tokens : tuple of str
        The vocabulary (id -> character).
    question : np.ndarray
        (Tq,) ids as written (the model reverses them itself when configured to).
    answer : np.ndarray
        (Ta,) ids starting with the start symbol.
    iteration, batch_size, lr : int, int, float
        The model's training step, batch size (N in the formulas) and learning rate, for the banner.
    caption : str
        Which example this is, for the banner.
    """
    cfg = model.config
    enc, dec = model.encoder, model.decoder
    with np.errstate(all="ignore"):            # a diverged model shows its inf and NaN as they are
        loss = model.forward(question[None, :], answer[None, :])
        fed = question[::-1] if cfg.reverse else question           # the encoder's order
        Tq, T = len(question), len(answer) - 1
        layout = _Layout(cfg.cell, cfg.decoder, Tq, T, cfg.embed_size, cfg.hidden_size)
        layout.read_forward(model, fed, answer)
        dscores = model.loss_layer.backward()                       # (1, T, V)
        layout.read_dscores(dscores)
        enc.backward(dec.backward(dscores))
        layout.read_backward(model)
    E = layout
    ids = E.top_ids
    top_tokens = tuple(() if t < Tq else tuple(tokens[i] for i in ids[t - Tq]) for t in range(Tq + T))
    return GraphFrame(
        iteration=iteration, phase="backward", stepping=False, cursor=None, next_substeps=(),
        cell=cfg.cell, sizes={"N": batch_size, "T": T, "Tq": Tq, "D": cfg.embed_size, "H": cfg.hidden_size,
                              "V": cfg.vocab_size, "L": 1},
        row=0, input_tokens=tuple(tokens[i] for i in fed) + tuple(tokens[i] for i in answer[:-1]),
        target_tokens=("",) * Tq + tuple(tokens[i] for i in answer[1:]),
        nodes=E.nodes, values=E.values, grads=E.grads, up_grads=E.up_grads, right_grads=E.right_grads,
        carry_in=np.full(len(E.nodes), np.nan, np.float32), vectors=E.vectors, grad_vectors=E.grad_vectors,
        units=E.units, top_tokens=top_tokens, top_probs=E.top_probs, top_scores=E.top_scores,
        loss=float(loss), grad_norm=float("nan"), clip=0.0, clip_scale=float("nan"), lr=float(lr),
        update_norms={}, stream=None, encoder_steps=Tq, decoder=cfg.decoder, caption=caption,
        present=E.present, right_present=E.right_present)


class _Layout:
    """The frame's arrays for Tq encoder + T decoder columns, filled as the passes run."""

    def __init__(self, cell: str, decoder: str, Tq: int, T: int, D: int, H: int):
        self.nodes = seq2seq_nodes(cell, decoder)
        self.row = {name: r for r, name in enumerate(self.nodes)}
        self.Tq, self.T, self.H, self.cell, self.kind = Tq, T, H, cell_type(cell), decoder
        R, C = len(self.nodes), Tq + T
        self.values, self.grads, self.up_grads, self.right_grads = (
            np.full((R, C), np.nan, np.float32) for _ in range(4))
        self.present = np.ones((R, C), bool)
        self.present[self.row["scores"]:, :Tq] = False                  # the head, and context
        if "context" in self.row:
            self.present[self.row["context"], :Tq] = False
        self.right_present = np.zeros((R, C), bool)
        for name in ("h0", "c0"):
            if name in self.row:
                self.right_present[self.row[name], :C - 1] = True
        if "c0" in self.row:
            self.right_present[self.row["c0"], Tq - 1] = False          # the decoder's c starts at zero
        self.units = {name: _kept(D if name == "embed" else H) for name in self.nodes[1:]
                      if name in ("embed", "c0", "h0", "context")}
        self.vectors = {n: np.full((C, len(u)), np.nan, np.float32) for n, u in self.units.items()}
        self.grad_vectors = {n: np.full((C, len(u)), np.nan, np.float32) for n, u in self.units.items()}

    def _put(self, name: str, cols: slice, vectors: np.ndarray, grads: bool = False) -> None:
        """Sizes (RMS for values, norms for gradients) and kept components of (n, width) rows."""
        r = self.row[name]
        if grads:
            self.grads[r, cols] = _norm(vectors)
            self.grad_vectors[name][cols] = vectors[:, self.units[name]]
        else:
            self.values[r, cols] = _rms(vectors)
            self.vectors[name][cols] = vectors[:, self.units[name]]

    def read_forward(self, model: Seq2seq, fed: np.ndarray, answer: np.ndarray) -> None:
        Tq, T = self.Tq, self.T
        enc_cols, dec_cols = slice(0, Tq), slice(Tq, Tq + T)
        enc, dec = model.encoder, model.decoder
        self._put("embed", enc_cols, enc.embed.params["W"][fed])
        self._put("embed", dec_cols, dec.embed.params["W"][answer[:-1]])
        for cols, rnn in ((enc_cols, enc.rnn), (dec_cols, dec.rnn)):
            for state, cache in rnn.states_over_time().items():
                self._put(f"{state}0", cols, cache[1:, 0])
        if self.kind == "attention":
            self._put("context", dec_cols, (dec.attention.weights @ dec.attention.hs)[0])
        loss = model.loss_layer
        scores = dec.affine.scores_of(slice(0, T))                      # (T, V); the loss made exp of its own
        E, total = loss.exp, loss.total                                 # (T, V), (T,)
        t_idx = np.arange(T)
        self.values[self.row["scores"], dec_cols] = _rms(scores)
        self.probs = E[t_idx, answer[1:]] / total
        self.values[self.row["probs"], dec_cols] = self.probs
        self.values[self.row["loss"], dec_cols] = loss.losses
        self.count = loss.count
        K = min(TOP_K, E.shape[1])
        ids = np.argsort(-E, axis=1, kind="stable")[:, :K]              # (T, K), V is a few dozen
        self.top_ids = ids
        pad = np.full((Tq, K), np.nan, np.float32)
        self.top_probs = np.concatenate([pad, (np.take_along_axis(E, ids, axis=1) / total[:, None])
                                         .astype(np.float32)])
        self.top_scores = np.concatenate([pad, np.take_along_axis(scores, ids, axis=1).astype(np.float32)])

    def read_dscores(self, dscores: np.ndarray) -> None:
        dec_cols, r = slice(self.Tq, self.Tq + self.T), self.row
        # dL/dL_t = 1/count; dL/dy_t[target] = -1/(count * y_t[target]); dL/ds_t as computed.
        self.grads[r["loss"], dec_cols] = 1.0 / self.count
        self.grads[r["probs"], dec_cols] = 1.0 / (self.count * self.probs.astype(np.float64))
        self.up_grads[r["probs"], dec_cols] = self.grads[r["probs"], dec_cols]
        self.grads[r["scores"], dec_cols] = self.up_grads[r["scores"], dec_cols] = _norm(dscores[0])

    def read_backward(self, model: Seq2seq) -> None:
        Tq, T, H, r = self.Tq, self.T, self.H, self.row
        enc, dec = model.encoder, model.decoder
        for start, rnn in ((0, enc.rnn), (Tq, dec.rnn)):
            n = rnn.dH.shape[0]
            cols = slice(start, start + n)
            dH, from_above = rnn.dH[:, 0], rnn.dhs_in[0]                # (n, H) each
            self._put("h0", cols, dH, grads=True)
            self.up_grads[r["h0"], cols] = _norm(from_above)
            # What reached h_t along the edge from h_{t+1}: the total less what came from above.
            self.right_grads[r["h0"], start:start + n - 1] = _norm(dH - from_above)[:-1]
            if "c" in self.cell.states:
                dS = rnn.dS[:, 0]
                self._put("c0", cols, dS, grads=True)
                self.up_grads[r["c0"], cols] = _norm(dH * rnn._K[:, 0])
                f = rnn.A[1:, 0, self.cell.gate_columns("f", H)]        # forget gates at t+1
                self.right_grads[r["c0"], start:start + n - 1] = _norm(rnn.dS[1:, 0] * f)
            dx = rnn.dxs[0]
            if rnn is dec.rnn and self.kind == "peeky":
                dx = dx[:, H:]                                          # the embedding's share
            self._put("embed", cols, dx, grads=True)
            self.up_grads[r["embed"], cols] = self.grads[r["embed"], cols]
        # The hand-over: the decoder's first step sends dL/dh0 back to the encoder's last h.
        self.right_grads[r["h0"], Tq - 1] = _norm(dec.rnn.dh0[0])
        if self.kind == "attention":
            dcontext = dec.dout[0, :, :H]
            self._put("context", slice(Tq, Tq + T), dcontext, grads=True)
            self.up_grads[r["context"], Tq:] = self.grads[r["context"], Tq:]
