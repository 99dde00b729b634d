"""A record's size on the pipe: graph frames packed in the child, unpacked in the window's process.

A child process pickles every record it sends. The heavy ones are the probed steps: a
:class:`StepSnapshot` carries a :class:`Probe` (its float16 arrays already fit the engine's
~100 KB probe budget) *and* the block's :class:`GraphFrame`, whose per-unit vectors and
gradients are float32: 141 KB for the window's default run, 148 KB for the book's ch.6 LSTM,
139 KB for one unrolled date question at H = 256. What the GUI draws of those vectors is one
bar chart per node and time step (:mod:`rnnviz.gui.panels.graph_node_view`), so the pipe
carries them as

* float16 rows scaled by each row's largest finite magnitude (kept as float32): every bar
  within 1/2048 of the row's tallest, which is far below a pixel; scaling first keeps the
  small gradients of a vanishing-gradient lesson from underflowing float16;
* nothing at all for ``h{k}`` and ``c{k}`` when the step's probe already holds the same
  row of the same units (its float16 ``hidden`` and ``cell``): they are rebuilt from it.

That brings the default run's heaviest record to about 87 KB and ch.6's to about 90 KB (the
gates' saturation a probe carries since issue 18 adds about 3 KB to an LSTM's: its ``units`` are
the layers' own arrays, which pickle sends once). The
engine's record is rebuilt by :func:`unpack` before anything else sees it, so nothing above
the pipe changes; a thread worker does not pack at all.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from rnnviz.engine.snapshots import GraphFrame, Probe, StepSnapshot

FRAME_BUDGET = 100_000              # bytes one pickled record should stay under
_STATE = re.compile(r"([hc])(\d+)$")    # graph node h{k} / c{k}: layer k's hidden or cell state


@dataclass(frozen=True)
class Packed:
    """A record whose graph frame travels packed; :func:`unpack` gives the record back."""

    record: Any                                     # the record, its frame's vectors emptied
    field: str | None                               # where the frame is in it (None: it is the frame)
    vectors: dict[str, tuple[np.ndarray, np.ndarray]]       # node -> (float16 rows, float32 scales)
    grad_vectors: dict[str, tuple[np.ndarray, np.ndarray]]
    from_probe: tuple[str, ...]                     # nodes whose vectors are the probe's layers
    nodes: tuple[str, ...]                          # the frame's vector nodes, in their order


def pack(item: Any) -> Any:
    """``item`` as it should cross the pipe: a :class:`Packed` if it holds a graph frame."""
    field = _frame_field(item)
    if field is False:
        return item
    frame = item if field is None else getattr(item, field)
    probe = item.probe if isinstance(item, StepSnapshot) else None
    shared = tuple(node for node in frame.vectors if _probe_has(probe, frame, node))
    vectors = {node: _shrink(v) for node, v in frame.vectors.items() if node not in shared}
    grads = {node: _shrink(v) for node, v in frame.grad_vectors.items()}
    bare = dataclasses.replace(frame, vectors={}, grad_vectors={})
    record = bare if field is None else dataclasses.replace(item, **{field: bare})
    return Packed(record, field, vectors, grads, shared, tuple(frame.vectors))


def unpack(item: Any) -> Any:
    """The engine's record again (anything that was not packed comes back as it is)."""
    if not isinstance(item, Packed):
        return item
    record = item.record
    frame = record if item.field is None else getattr(record, item.field)
    vectors = {node: _grow(*packed) for node, packed in item.vectors.items()}
    for node in item.from_probe:
        vectors[node] = _probe_rows(record.probe, node).astype(np.float32)
    ordered = {node: vectors[node] for node in item.nodes}
    grads = {node: _grow(*packed) for node, packed in item.grad_vectors.items()}
    frame = dataclasses.replace(frame, vectors=ordered, grad_vectors=grads)
    return frame if item.field is None else dataclasses.replace(record, **{item.field: frame})


def _frame_field(item: Any) -> str | None | bool:
    """None if ``item`` is a graph frame, the name of its field holding one, else False."""
    if isinstance(item, GraphFrame):
        return None
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        for field in dataclasses.fields(item):
            if isinstance(getattr(item, field.name), GraphFrame):
                return field.name
    return False


def _shrink(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(T, U) float32 -> float16 rows divided by their largest finite magnitude, and those (T,) scales.

    NaN (a node the pass has not reached) and inf (a run blowing up) stay what they are.
    """
    magnitude = np.where(np.isfinite(rows), np.abs(rows), 0.0)
    scale = magnitude.max(axis=1) if rows.shape[1] else np.zeros(len(rows))
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    with np.errstate(all="ignore"):
        return (rows / scale[:, None]).astype(np.float16), scale


def _grow(rows: np.ndarray, scale: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return rows.astype(np.float32) * scale[:, None]


def _probe_rows(probe: Probe, node: str) -> np.ndarray | None:
    """The probe's float16 (T, U) ``hidden`` or ``cell`` for graph node ``h{k}`` / ``c{k}``."""
    match = _STATE.match(node)
    if match is None or int(match.group(2)) >= len(probe.layers):
        return None
    layer = probe.layers[int(match.group(2))]
    return layer.hidden if match.group(1) == "h" else layer.cell


def _probe_has(probe: Probe | None, frame: GraphFrame, node: str) -> bool:
    """Whether the probe holds ``node``'s vectors: same step, row and units, the same numbers
    to float16's precision (the probe rounds from the model's dtype, the frame from float32)."""
    if probe is None or probe.iteration != frame.iteration or probe.row != frame.row:
        return False
    rows = _probe_rows(probe, node)
    if rows is None or rows.shape != frame.vectors[node].shape:
        return False
    layer = probe.layers[int(_STATE.match(node).group(2))]
    return (np.array_equal(layer.units, frame.units[node])
            and np.allclose(rows, frame.vectors[node], rtol=2e-3, atol=1e-6, equal_nan=True))
