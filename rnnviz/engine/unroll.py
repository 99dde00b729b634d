"""The network unrolled over one truncated-BPTT block, as data for the graph view.

An :class:`Unroller` follows one batch row through one block. After each forward sub-step it
reads what the forward caches hold so far (hidden and cell states, then the scores, softmax
and loss once the Time Affine has run); after each backward sub-step it reads the gradients
the backward buffers hold so far. Nothing is run again except the scores of this one row
(the loss layer turns the score table into exp(scores) in place). :meth:`Unroller.frame`
freezes what it has into a :class:`GraphFrame`; every array in it is a copy.

Which columns are valid is told by the caller as "columns done per layer": the stepper
knows where its cursor is, and a whole step has done them all.
"""
from __future__ import annotations

import numpy as np

from .cells import cell_type
from .config import ModelConfig
from .data import Vocab
from .models import RNNLM
from .snapshots import GraphFrame, StreamMap

VECTOR_UNITS = 128      # components of a node's vector kept for the side view, at most


def node_names(cfg: ModelConfig) -> tuple[str, ...]:
    """Node rows bottom to top: x, embed|onehot, (c{k}), h{k} per layer, scores, probs, loss."""
    names = ["x", "onehot" if cfg.input == "onehot" else "embed"]
    states = cell_type(cfg.cell).graph_states
    for k in range(cfg.num_layers):
        names += [f"{state}{k}" for state in states]
    return tuple(names + ["scores", "probs", "loss"])


def _kept(n: int) -> np.ndarray:
    if n <= VECTOR_UNITS:
        return np.arange(n, dtype=np.int64)
    return np.unique(np.linspace(0, n - 1, VECTOR_UNITS).round().astype(np.int64))


def _norm(v: np.ndarray) -> np.ndarray:
    """L2 norm over the last axis, in float64."""
    v = np.asarray(v, np.float64)
    return np.sqrt(np.einsum("...i,...i->...", v, v))


def _rms(v: np.ndarray) -> np.ndarray:
    return _norm(v) / np.sqrt(max(v.shape[-1], 1))


class Unroller:
    """Collects one block's :class:`GraphFrame` for one batch row as the passes advance.

    Parameters
    ----------
    model : RNNLM
    vocab : Vocab
    xs, ts : np.ndarray
        The block's inputs and targets, (N, T) (kept by reference: pass copies).
    row : int
        Batch row to follow.
    stream : StreamMap
        Where the block lies in the corpus.
    iteration : int
        The step this block is (1-based).
    """

    def __init__(self, model: RNNLM, vocab: Vocab, xs: np.ndarray, ts: np.ndarray, row: int,
                 stream: StreamMap, iteration: int):
        cfg = model.config
        self.model, self.row, self.stream, self.iteration = model, row, stream, iteration
        self.nodes = node_names(cfg)
        self.index = {name: r for r, name in enumerate(self.nodes)}
        N, T = xs.shape
        self.T, self.L = T, cfg.num_layers
        self.sizes = {"N": N, "T": T, "D": cfg.input_size, "H": cfg.hidden_size,
                      "V": cfg.vocab_size, "L": cfg.num_layers}
        self.input_ids, self.target_ids = xs[row].copy(), ts[row].copy()
        self.input_tokens = tuple(vocab.tokens[i] for i in self.input_ids)
        self.target_tokens = tuple(vocab.tokens[i] for i in self.target_ids)
        R = len(self.nodes)
        self.values = np.full((R, T), np.nan, np.float32)
        self.carry_in = np.full(R, np.nan, np.float32)
        self.units = {name: _kept(cfg.input_size if name in ("embed", "onehot") else cfg.hidden_size)
                      for name in self.nodes[1:-3]}
        self.vectors = {name: np.full((T, len(u)), np.nan, np.float32) for name, u in self.units.items()}
        self.top_tokens: tuple[tuple[str, ...], ...] = ()
        self.top_probs = np.zeros((0, 0), np.float32)
        self.top_scores = np.zeros((0, 0), np.float32)
        self.loss = float("nan")
        self._vocab = vocab
        self.clear_backward()

    def clear_backward(self) -> None:
        R, T = len(self.nodes), self.T
        self.grads = np.full((R, T), np.nan, np.float32)
        self.up_grads = np.full((R, T), np.nan, np.float32)
        self.right_grads = np.full((R, T), np.nan, np.float32)
        self.grad_vectors = {name: np.full((T, len(u)), np.nan, np.float32) for name, u in self.units.items()}

    # -- forward ---------------------------------------------------------------------------
    def read_forward(self, done: list[int], top: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """Read the forward caches: ``done[k]`` columns of layer k are computed.

        ``top`` is given once the Time Affine and the loss have run (call before backward
        overwrites them): this row's (T, K) top ids and probabilities, which the probe has
        ranked already; the head's rows are read then.
        """
        # A run that is blowing up shows its inf and NaN as they are; the clip sub-step
        # (the divergence guard) is where that gets reported.
        with np.errstate(all="ignore"):
            self._read_forward(done, top)

    def _read_forward(self, done: list[int], top: tuple[np.ndarray, np.ndarray] | None) -> None:
        row = self.row
        first = self.nodes[1]
        if any(done):
            x = self._input_vectors()                                      # (T, D)
            self.values[1] = _rms(x)
            self.vectors[first][:] = x[:, self.units[first]]
        for k, rnn in enumerate(self.model.rnns):
            n = done[k]
            if n == 0:
                continue
            for state, cache in rnn.states_over_time().items():
                name = f"{state}{k}"
                r = self.index[name]
                self.carry_in[r] = _rms(cache[0, row])
                self.values[r, :n] = _rms(cache[1:n + 1, row])
                self.vectors[name][:n] = cache[1:n + 1, row][:, self.units[name]]
        if top is not None:
            self._read_output(top)

    def _input_vectors(self) -> np.ndarray:
        """What the input layer produced for this row (before dropout), (T, D)."""
        if self.nodes[1] == "onehot":
            return np.eye(self.sizes["V"], dtype=np.float32)[self.input_ids]
        return self.model.embed.params["W"][self.input_ids].astype(np.float32)

    def _read_output(self, top: tuple[np.ndarray, np.ndarray]) -> None:
        model, T = self.model, self.T
        rows = slice(self.row * T, (self.row + 1) * T)                     # positions are n*T + t
        loss = model.loss_layer
        scores = model.decoder.scores_of(rows)                             # (T, V)
        E, total = loss.exp[rows], loss.total[rows]                        # exp(scores), its row sums
        t_idx = np.arange(T)
        self.values[self.index["scores"]] = _rms(scores)
        self.values[self.index["probs"]] = E[t_idx, self.target_ids] / total
        self.values[self.index["loss"]] = loss.losses[rows]
        ids, probs = top
        self.top_tokens = tuple(tuple(self._vocab.tokens[i] for i in r) for r in ids)
        self.top_probs = np.asarray(probs, np.float32).copy()
        self.top_scores = np.take_along_axis(scores, ids, axis=1).astype(np.float32)
        self.loss = float(model.loss)
        self._count = loss.count

    # -- backward --------------------------------------------------------------------------
    def read_backward(self, done: list[int], finished: bool) -> None:
        """Read the backward buffers: ``done[k]`` columns of layer k (from the right) are done;
        ``finished``: the whole backward has run, the input layer's gradient included."""
        with np.errstate(all="ignore"):
            self._read_backward(done, finished)

    def _read_backward(self, done: list[int], finished: bool) -> None:
        model, row, T, idx = self.model, self.row, self.T, self.index
        rows = slice(row * T, (row + 1) * T)
        p_target = self.values[idx["probs"]].astype(np.float64)
        # Softmax-with-loss: L = mean over count positions, so dL/dL_t = 1/count and
        # dL/dy_t is -1/(count * y_t[target]) at the target, zero elsewhere.
        self.grads[idx["loss"]] = 1.0 / self._count
        self.grads[idx["probs"]] = 1.0 / (self._count * p_target)
        self.up_grads[idx["probs"]] = self.grads[idx["probs"]]
        dscores = _norm(model.decoder.out[rows])                           # now dL/ds (loss backward is in place)
        self.grads[idx["scores"]] = dscores
        self.up_grads[idx["scores"]] = dscores
        kind = cell_type(model.config.cell)
        carries_c = "c" in kind.states
        for k, rnn in enumerate(model.rnns):
            n = done[k]
            if n == 0:
                continue
            h = idx[f"h{k}"]
            from_above = _norm(rnn.dhs_in[row])                            # (T,) known for all t at once
            self.up_grads[h] = from_above
            cols = slice(T - n, T)
            dH = rnn.dH[cols, row]                                         # (n, H) total dL/dh_t
            self.grads[h, cols] = _norm(dH)
            self.grad_vectors[f"h{k}"][cols] = dH[:, self.units[f"h{k}"]]
            # The recurrent share of dL/dh_t came along the edge from h_{t+1}.
            recurrent = _norm(rnn.dH[cols, row] - rnn.dhs_in[row, cols])
            self.right_grads[h, cols] = recurrent
            self.right_grads[h, T - 1] = np.nan                            # the cut: nothing crosses it
            if carries_c:
                c, H = idx[f"c{k}"], rnn.H
                dS = rnn.dS[cols, row]                                     # (n, H) total dL/dc_t
                self.grads[c, cols] = _norm(dS)
                self.grad_vectors[f"c{k}"][cols] = dS[:, self.units[f"c{k}"]]
                self.up_grads[c, cols] = _norm(rnn.dH[cols, row] * rnn._K[cols, row])
                # dc_{t} from c_{t+1} is dS_{t+1} * f_{t+1}
                if n > 1:
                    nxt = slice(T - n + 1, T)
                    f = rnn.A[nxt, row, kind.gate_columns("f", H)]
                    self.right_grads[c, T - n:T - 1] = _norm(rnn.dS[nxt, row] * f)
        if finished:
            first = self.nodes[1]
            d_in = model.dembed[row]                                       # (T, D)
            self.grads[1] = _norm(d_in)
            self.up_grads[1] = _norm(model.rnns[0].dxs[row])
            self.grad_vectors[first][:] = d_in[:, self.units[first]]

    # -- freezing --------------------------------------------------------------------------
    def frame(self, phase: str, *, stepping: bool, cursor: tuple[int, int] | None,
              next_substeps: tuple[str, ...], grad_norm: float = float("nan"), clip: float = 0.0,
              clip_scale: float = float("nan"), lr: float = float("nan"),
              update_norms: dict[str, float] | None = None) -> GraphFrame:
        """A frozen copy of everything read so far."""
        return GraphFrame(
            iteration=self.iteration, phase=phase, stepping=stepping, cursor=cursor,
            next_substeps=next_substeps, cell=self.model.config.cell, sizes=dict(self.sizes),
            row=self.row, input_tokens=self.input_tokens, target_tokens=self.target_tokens,
            nodes=self.nodes, values=self.values.copy(), grads=self.grads.copy(),
            up_grads=self.up_grads.copy(), right_grads=self.right_grads.copy(),
            carry_in=self.carry_in.copy(),
            vectors={k: v.copy() for k, v in self.vectors.items()},
            grad_vectors={k: v.copy() for k, v in self.grad_vectors.items()},
            units={k: u.copy() for k, u in self.units.items()},
            top_tokens=self.top_tokens, top_probs=self.top_probs.copy(),
            top_scores=self.top_scores.copy(), loss=self.loss, grad_norm=float(grad_norm),
            clip=float(clip), clip_scale=float(clip_scale), lr=float(lr),
            update_norms=dict(update_norms or {}), stream=self.stream)
