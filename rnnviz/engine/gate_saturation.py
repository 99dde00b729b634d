"""How often each gate unit is saturated: Karpathy, Johnson and Fei-Fei (2015), "Visualizing and
Understanding Recurrent Networks", Fig. 3, from one probe.

A sigmoid gate near 0 shuts (an LSTM's forget gate near 0 wipes the cell), near 1 lets all
through; the paper plots, per unit, the fraction of time steps it spends below 0.1 ("left
saturated") against above 0.9 ("right saturated"). Units in the corners are switches, units
near the origin are graded. Only the sigmoid gates count (LSTM i, f, o; GRU r, z): the tanh
candidates (g, n) live in [-1, 1] and saturate differently.

:mod:`rnnviz.engine.probe` calls :func:`layer_saturation` when it takes a probe, so every
:class:`~rnnviz.engine.snapshots.Probe` arrives with its ``saturation`` filled in and the views
only draw it. The record itself, :class:`~rnnviz.engine.snapshots.GateSaturation`, lives with
the other snapshot records.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .cells import cell_type
from .snapshots import (SATURATION_BINS, SATURATION_HIGH, SATURATION_LOW, GateSaturation, LayerProbe,
                        Probe)

LOW, HIGH = SATURATION_LOW, SATURATION_HIGH        # the paper's thresholds

__all__ = ["GateSaturation", "HIGH", "LOW", "gate_saturation", "layer_saturation", "sigmoid_gates"]


def sigmoid_gates(cell: str) -> tuple[str, ...]:
    """The gates of ``cell`` that are sigmoids in [0, 1] (none for a plain RNN)."""
    kind = cell_type(cell)
    return tuple(g for g in kind.gates if g not in kind.tanh_gates)


def layer_saturation(layers: Sequence[LayerProbe], cell: str, low: float = LOW, high: float = HIGH,
                     bins: int = SATURATION_BINS) -> tuple[GateSaturation, ...]:
    """Left and right saturation, and a histogram, of every sigmoid gate of ``layers``.

    Parameters
    ----------
    layers : sequence of LayerProbe
        A probe's layers (bottom first), whose ``gates`` are (T, U) arrays.
    cell : str
        The model's cell type ("rnn", "lstm", "gru").
    low, high : float
        A value below ``low`` is left saturated, above ``high`` right saturated.
    bins : int
        Equal-width histogram bins over [0, 1].

    Returns
    -------
    tuple of GateSaturation
        Layer by layer, gate by gate in the cell's order; empty for a plain RNN. Each record's
        ``units`` is its layer's own array (not a copy: the pipe then carries it once).
    """
    out = []
    for layer in layers:
        for gate in sigmoid_gates(cell):
            # The probe's float16 numbers, compared and binned in float64: in float16, 0.1 itself
            # would round to the float16 just below it, and bin edges would shift.
            a = np.asarray(layer.gates[gate], np.float64)               # (T, U)
            T = max(a.shape[0], 1)
            # Counted, then divided in float64: k / T exactly, before the float32 the record keeps.
            left = np.count_nonzero(a < low, axis=0) / T
            right = np.count_nonzero(a > high, axis=0) / T
            finite = a[np.isfinite(a)]                                  # a blown-up step's NaN has no bin
            counts, _ = np.histogram(finite, bins=bins, range=(0.0, 1.0))
            out.append(GateSaturation(layer.name, gate, layer.units, left.astype(np.float32),
                                      right.astype(np.float32), counts.astype(np.int32), low, high))
    return tuple(out)


def gate_saturation(probe: Probe, cell: str, low: float = LOW, high: float = HIGH) -> tuple[GateSaturation, ...]:
    """Left and right saturation of every sigmoid gate unit in ``probe`` (a ``cell`` model's).

    Returns an empty tuple for a plain RNN, which has no gates. A probe taken by the engine
    already holds this as ``probe.saturation``.
    """
    return layer_saturation(probe.layers, cell, low, high)
