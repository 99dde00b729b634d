"""Every probe a run produced, with its unrolled graph, so the window can go back to any of them.

The window used to keep only the latest probe: a learner who saw something at step 300 could
not go back to it. A :class:`ProbeArchive` keeps each probe (and the graph frame that came with
it) and each step's ‖∂L/∂h_t‖ curve, within a byte budget: when the budget is full, every other
entry of the older part goes, so recent steps stay dense and the past thins out evenly (after
10,000 steps at a probe every 10, the newest steps keep every probe and the oldest one in eight
or so). It goes into the checkpoint through :mod:`rnnviz.runtime.record_codec`, thinned to
:data:`SAVE_BUDGET`.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterator

import numpy as np

from rnnviz.engine.snapshots import GraphFrame, Probe
from rnnviz.engine.texts import translate

from . import record_codec

BUDGET = 64 * 2 ** 20           # bytes the probes and frames may take in memory
SAVE_BUDGET = 24 * 2 ** 20      # ... and in a checkpoint
KEEP_RECENT = 16                # the newest entries are never thinned
PREFIX = "history.archive"


def record_bytes(probe: Probe, graph: GraphFrame | None) -> int:
    return probe.nbytes + (graph.nbytes if graph is not None else 0)


class ProbeArchive:
    """Probes by step, oldest first, within ``budget`` bytes."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self.steps: list[int] = []                                  # ascending
        self._entries: dict[int, tuple[Probe, GraphFrame | None]] = {}
        self._flow_steps: list[int] = []                            # every step's ‖∂L/∂h_t‖, ascending
        self._flows: list[np.ndarray] = []                          # (L, T) float32 each
        self.nbytes = 0

    def __len__(self) -> int:
        return len(self.steps)

    def add(self, probe: Probe, graph: GraphFrame | None) -> None:
        """Keep ``probe`` (of step ``probe.iteration``) and its graph; thin the past if over budget."""
        step = int(probe.iteration)
        if step in self._entries:
            self.nbytes -= record_bytes(*self._entries[step])
        else:
            bisect.insort(self.steps, step)
        self._entries[step] = (probe, graph)
        self.nbytes += record_bytes(probe, graph)
        while self.nbytes > self.budget and len(self.steps) > KEEP_RECENT:
            self.thin()

    def add_flow(self, step: int, dh_norms: np.ndarray) -> None:
        """One step's ‖∂L/∂h_t‖ per layer (the gradient-flow view replays them)."""
        self._flow_steps.append(int(step))
        self._flows.append(np.asarray(dh_norms, np.float32))

    def thin(self) -> None:
        """Drop every other entry of all but the newest :data:`KEEP_RECENT` (the one left, if one)."""
        old = self.steps[:-KEEP_RECENT]
        for step in old[1::2] or old[:1]:
            self.nbytes -= record_bytes(*self._entries.pop(step))
        self.steps = [s for s in self.steps if s in self._entries]

    def at(self, step: int) -> tuple[Probe, GraphFrame | None] | None:
        """The newest entry at or before ``step`` (None: none that early)."""
        i = bisect.bisect_right(self.steps, step)
        return self._entries[self.steps[i - 1]] if i else None

    def flow_before(self, step: int, count: int) -> list[tuple[int, np.ndarray]]:
        """The last ``count`` steps' ‖∂L/∂h_t‖ at or before ``step``, oldest first."""
        i = bisect.bisect_right(self._flow_steps, step)
        return list(zip(self._flow_steps[max(0, i - count):i], self._flows[max(0, i - count):i]))

    def truncated(self, iteration: int) -> "ProbeArchive":
        """What was kept up to step ``iteration`` (a rewind's history)."""
        out = ProbeArchive(self.budget)
        for step in self.steps:
            if step <= iteration:
                out.add(*self._entries[step])
        for step, flow in zip(self._flow_steps, self._flows):
            if step <= iteration:
                out.add_flow(step, flow)
        return out

    def items(self) -> Iterator[tuple[int, Probe, GraphFrame | None]]:
        for step in self.steps:
            yield (step, *self._entries[step])

    # -- in a checkpoint -------------------------------------------------------------------------
    def to_arrays(self, budget: int = SAVE_BUDGET) -> dict[str, np.ndarray]:
        """The archive as plain arrays and one JSON index, thinned to ``budget`` bytes."""
        kept = ProbeArchive(budget)
        for step, probe, graph in self.items():
            kept.add(probe, graph)
        store = record_codec.ArrayStore()
        index = [[step, record_codec.encode(probe, store), record_codec.encode(graph, store)]
                 for step, probe, graph in kept.items()]
        arrays = store.arrays(f"{PREFIX}.data")
        if self._flow_steps:
            arrays[f"{PREFIX}.flow_steps"] = np.array(self._flow_steps, np.int64)
            shapes = {f.shape for f in self._flows}
            if len(shapes) == 1:            # one model's run: one stacked array
                arrays[f"{PREFIX}.flows"] = np.stack(self._flows)
        if index:
            arrays[f"{PREFIX}.index"] = record_codec.dumps(index)
        return arrays

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> "ProbeArchive":
        """Rebuild what :meth:`to_arrays` wrote; ``ValueError`` names what a damaged file breaks."""
        archive = cls()
        own = {k: v for k, v in arrays.items() if k.startswith(PREFIX + ".")}
        if f"{PREFIX}.index" in own:
            index = record_codec.loads(own[f"{PREFIX}.index"])
            if not isinstance(index, list):
                raise ValueError(translate("probe_archive", "the saved probes' index is not a list"))
            for entry in index:
                if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], int)):
                    raise ValueError(translate("probe_archive", "a saved probe's entry is malformed"))
                probe = record_codec.decode(entry[1], own, f"{PREFIX}.data")
                graph = record_codec.decode(entry[2], own, f"{PREFIX}.data")
                if not isinstance(probe, Probe) or not (graph is None or isinstance(graph, GraphFrame)):
                    raise ValueError(translate("probe_archive", "a saved probe's entry is not a probe"))
                check_probe(probe)
                if graph is not None:
                    check_graph(graph)
                archive.add(probe, graph)
        steps, flows = own.get(f"{PREFIX}.flow_steps"), own.get(f"{PREFIX}.flows")
        if steps is not None and flows is not None:
            steps, flows = np.asarray(steps), np.asarray(flows)
            if steps.ndim != 1 or flows.ndim != 3 or len(steps) != len(flows) or steps.dtype.kind not in "iu" \
                    or flows.dtype.kind != "f":
                raise ValueError(translate("probe_archive", "the saved gradient-flow curves do not match their steps"))
            for step, flow in zip(steps, flows):
                archive.add_flow(int(step), flow)
        return archive


def check_probe(probe: Probe) -> None:
    """The shapes the views rely on, so a forged probe fails here, not inside a redraw."""
    T = len(probe.input_ids)
    shapes_ok = (probe.input_ids.ndim == 1 and probe.target_ids.shape == (T,) and len(probe.input_tokens) == T
                 and len(probe.target_tokens) == T and probe.top_ids.ndim == 2 and probe.top_ids.shape[0] == T
                 and probe.top_probs.shape == probe.top_ids.shape and probe.target_probs.shape == (T,)
                 and probe.step_losses.shape == (T,) and probe.dh_norms.ndim == 2 and probe.dh_norms.shape[1] == T)
    for layer in probe.layers:
        U = len(layer.units)
        shapes_ok = shapes_ok and layer.units.ndim == 1 and layer.hidden.shape == (T, U) \
            and (layer.cell is None or layer.cell.shape == (T, U)) \
            and all(np.shape(g) == (T, U) for g in layer.gates.values())
    if not shapes_ok:
        raise ValueError(translate("probe_archive", "the saved probe of step {step} has arrays of the wrong shapes")
                         .format(step=probe.iteration))


def check_graph(frame: GraphFrame) -> None:
    R, T = len(frame.nodes), len(frame.input_tokens)
    if not all(np.shape(a) == (R, T) for a in (frame.values, frame.grads, frame.up_grads, frame.right_grads)):
        raise ValueError(translate("probe_archive", "the saved graph of step {step} has arrays of the wrong shapes")
                         .format(step=frame.iteration))
