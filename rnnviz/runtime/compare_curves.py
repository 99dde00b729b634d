"""What the comparison window draws from: one :class:`History` per model, fed by tagged records.

Qt-free, like the other tasks' curves (:mod:`rnnviz.runtime.classify_curves`): the window's lab
hands every event to :meth:`CompareCurves.add` and draws model ``i`` from ``histories[i]``, with
the very panels (gradient flow, hidden states) the main window draws its one model with.
"""
from __future__ import annotations

from typing import Any

from rnnviz.engine.lockstep import Tagged
from rnnviz.engine.snapshots import Divergence, SampleResult

from .compare import CompareReady
from .history import History


class CompareCurves:
    """The models' histories, their last samples and which of them diverged."""

    def __init__(self) -> None:
        self.ready: CompareReady | None = None
        self.histories: list[History] = []
        self.samples: list[SampleResult | None] = []
        self.diverged: list[Divergence | None] = []
        self.version = 0                    # bumped by every record: the views redraw when it moves

    @property
    def labels(self) -> tuple[str, ...]:
        return self.ready.labels if self.ready is not None else ()

    def add(self, event: Any) -> None:
        """Take one event from the worker (anything else is ignored)."""
        if isinstance(event, CompareReady):
            self.ready = event
            n = len(event.labels)
            self.histories = [History() for _ in range(n)]
            self.samples = [None] * n
            self.diverged = [None] * n
            self.version += 1
        elif isinstance(event, Tagged) and event.index < len(self.histories):
            item = event.item
            if isinstance(item, SampleResult):
                self.samples[event.index] = item
            elif isinstance(item, Divergence):
                self.diverged[event.index] = item
            if History.keeps(item):
                self.histories[event.index].add(item)
            self.version += 1

    def iteration(self, index: int) -> int:
        """Steps model ``index`` has trained (0 before its first)."""
        history = self.histories[index]
        return int(history.column("iteration")[-1]) if len(history) else 0
