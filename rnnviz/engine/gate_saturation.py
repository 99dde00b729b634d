"""How often each gate unit is saturated: Karpathy, Johnson and Fei-Fei (2015), "Visualizing and
Understanding Recurrent Networks", Fig. 3, from one probe.

A sigmoid gate near 0 shuts (an LSTM's forget gate near 0 wipes the cell), near 1 lets all
through; the paper plots, per unit, the fraction of time steps it spends below 0.1 ("left
saturated") against above 0.9 ("right saturated"). Units in the corners are switches, units
near the origin are graded. Only the sigmoid gates count (LSTM i, f, o; GRU r, z): the tanh
candidates (g, n) live in [-1, 1] and saturate differently.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .cells import cell_type
from .snapshots import Probe

LOW, HIGH = 0.1, 0.9        # the paper's thresholds


@dataclass(frozen=True)
class GateSaturation:
    """One sigmoid gate of one layer over a probed block."""

    layer: str                      # "lstm0", ...
    gate: str                       # "i", "f", "o" (LSTM) or "r", "z" (GRU)
    units: np.ndarray               # (U,) int64 which hidden units (the probe's)
    left: np.ndarray                # (U,) float64 fraction of time steps below LOW
    right: np.ndarray               # (U,) float64 fraction of time steps above HIGH
    values: np.ndarray              # (T*U,) float32 every activation, for the histogram


def gate_saturation(probe: Probe, cell: str, low: float = LOW, high: float = HIGH) -> tuple[GateSaturation, ...]:
    """Left and right saturation of every sigmoid gate unit in ``probe`` (a ``cell`` model's).

    Returns an empty tuple for a plain RNN, which has no gates.
    """
    kind = cell_type(cell)
    sigmoid_gates = [g for g in kind.gates if g not in kind.tanh_gates]
    out = []
    for layer in probe.layers:
        for gate in sigmoid_gates:
            a = np.asarray(layer.gates[gate], np.float32)          # (T, U)
            out.append(GateSaturation(layer.name, gate, layer.units.copy(),
                                      (a < low).mean(axis=0, dtype=np.float64),
                                      (a > high).mean(axis=0, dtype=np.float64), a.ravel().copy()))
    return tuple(out)
