"""Telemetry read from the caches the forward and backward passes keep anyway.

Nothing here runs the model again: hidden states, cell states and gate activations are the
recurrent layers' forward caches, next-token probabilities are the loss layer's softmax, and
``||dL/dh_t||`` is the backward pass's ``dH`` buffer. Everything returned is a copy.
"""
from __future__ import annotations

import numpy as np

from .cells import cell_type
from .data import Vocab
from .distribution import distribution_fields
from .gate_saturation import layer_saturation, sigmoid_gates
from .models import RNNLM
from .snapshots import MAX_UNITS, PROBE_BUDGET, TOP_K, LayerProbe, Probe


def shown_units(H: int, T: int, arrays_per_layer: int, layers: int, sigmoid_gates: int = 0) -> np.ndarray:
    """Which hidden units a probe keeps: all of them when they fit, else evenly spaced ones.

    The limit is MAX_UNITS, lowered so that ``T x layers x arrays_per_layer`` float16 values
    per unit, and the two float32 saturation fractions of each of its ``sigmoid_gates`` per
    layer, stay within about 90 % of PROBE_BUDGET (the rest is tokens and top-k lists).
    """
    per_unit = layers * (2 * T * arrays_per_layer + 8 * sigmoid_gates)
    fit = int(0.9 * PROBE_BUDGET) // max(1, per_unit)
    keep = max(8, min(MAX_UNITS, fit))
    if H <= keep:
        return np.arange(H)
    return np.unique(np.linspace(0, H - 1, keep).round().astype(np.int64))


def forward_probe(model: RNNLM, vocab: Vocab, xs: np.ndarray, ts: np.ndarray, row: int,
                  iteration: int) -> dict:
    """The forward half of a probe, read right after ``model.forward``: inputs, internals, top-k.

    Returned as keyword arguments for :class:`Probe` (``dh_norms`` is added after backward by
    :func:`finish_probe`). The gates' saturation is read from the probe's own float16 gate
    arrays, so a view's scatter and the heatmap beside it tell the same story.
    """
    cfg, kind = model.config, cell_type(model.config.cell)
    H, T = cfg.hidden_size, xs.shape[1]
    per_layer = len(kind.states) + len(kind.gates)
    units = shown_units(H, T, per_layer, len(model.rnns), len(sigmoid_gates(cfg.cell)))
    layers = []
    for k, rnn in enumerate(model.rnns):
        states = {name: cache[1:, row][:, units].astype(np.float16)       # (T, U) each
                  for name, cache in rnn.states_over_time().items()}
        gates = {}
        A = rnn.A[:, row]                                                  # (T, G*H) activated
        for g, name in enumerate(kind.gates):
            gates[name] = A[:, g * H + units].astype(np.float16)
        layers.append(LayerProbe(f"{cfg.cell}{k}", units.copy(), states["h"], states.get("c"), gates))

    loss = model.loss_layer
    rows = slice(row * T, (row + 1) * T)                                   # rows are n*T + t
    E, total = loss.exp[rows], loss.total[rows]                            # (T, V) exp(scores), (T,)
    K = min(TOP_K, E.shape[1])
    # Ranking exp(scores) ranks the probabilities; only the K winners get normalised.
    top = np.argpartition(E, E.shape[1] - K, axis=1)[:, -K:]               # (T, K) unordered
    order = np.argsort(-np.take_along_axis(E, top, axis=1), axis=1, kind="stable")
    top_ids = np.take_along_axis(top, order, axis=1).astype(np.int64)
    top_probs = (np.take_along_axis(E, top_ids, axis=1) / total[:, None]).astype(np.float32)
    target_ids = ts[row].astype(np.int64).copy()
    target_probs = (E[np.arange(T), target_ids] / total).astype(np.float32)
    losses = loss.losses.reshape(xs.shape[0], T)[row].astype(np.float32)
    input_ids = xs[row].astype(np.int64).copy()
    # The whole distribution is summarised here, while the row's (T, V) softmax is at hand.
    whole = distribution_fields(E / total[:, None], target_ids)
    return dict(**whole, iteration=iteration, row=row, input_ids=input_ids, target_ids=target_ids,
                input_tokens=tuple(vocab.tokens[i] for i in input_ids),
                target_tokens=tuple(vocab.tokens[i] for i in target_ids),
                layers=tuple(layers), top_ids=top_ids, top_probs=top_probs,
                target_probs=target_probs, step_losses=losses,
                saturation=layer_saturation(layers, cfg.cell))


def finish_probe(model: RNNLM, partial: dict, row: int) -> Probe:
    """Add this row's ``||dL/dh_t||`` (from the backward pass just run) and freeze the probe."""
    dh = np.stack([np.sqrt(np.einsum("th,th->t", rnn.dH[:, row], rnn.dH[:, row]))
                   for rnn in model.rnns]).astype(np.float32)              # (L, T)
    return Probe(dh_norms=dh, **partial)
