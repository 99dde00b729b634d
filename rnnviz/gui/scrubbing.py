"""Going back through training, mixed into :class:`~rnnviz.gui.main_window.MainWindow`.

The window's :class:`~rnnviz.runtime.history.History` keeps every probe (its ``archive``). While
the :class:`~rnnviz.gui.timeline.Timeline` shows a past step, the panels are drawn from
``history.view_at(step)``: the curves up to that step and the probe, graph and gradient-flow
curves kept there. Training goes on and the live history keeps growing; the view is built once
per step chosen, not per tick, and Live (or a new run) brings the panels back to the present.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from rnnviz.runtime.history import History

from .i18n import live, translate
from .timeline import Timeline


class Scrubbing:
    """``scrub_to``, ``go_live``, ``shown_history`` and the timeline under the toolbar."""

    def _build_timeline(self) -> None:
        self.scrub_step: int | None = None          # the step the probe views show (None: live)
        self._scrub_view: tuple[History, int, History] | None = None   # (history, step, its view)
        self._timeline_history, self._timeline_version = None, -1
        self.timeline = Timeline()
        bar = QToolBar(self, objectName="timelineBar")
        live(bar, lambda: bar.setWindowTitle(translate("scrubbing", "Timeline")))
        bar.setMovable(False)
        bar.addWidget(self.timeline)
        self.addToolBarBreak(Qt.TopToolBarArea)
        self.addToolBar(Qt.TopToolBarArea, bar)
        self.timeline.scrubbed.connect(self.scrub_to)
        self.timeline.live_requested.connect(self.go_live)

    def scrub_to(self, step: int) -> None:
        """Show the probe views as they were at ``step`` (the kept probe at or before it)."""
        self.scrub_step = int(step)
        self.timeline.show_step(self.scrub_step)
        self._seen.clear()                          # every panel redraws from the view

    def go_live(self) -> None:
        """Follow training again."""
        if self.scrub_step is None:
            return
        self.scrub_step = None
        self._scrub_view = None
        self.timeline.show_live()
        self._seen.clear()

    def shown_history(self) -> History:
        """What the panels draw: the live history, or the view of the step scrubbed to."""
        if self.scrub_step is None:
            return self.history
        cached = self._scrub_view
        if cached is None or cached[0] is not self.history or cached[1] != self.scrub_step:
            self._scrub_view = cached = (self.history, self.scrub_step, self.history.view_at(self.scrub_step))
        return cached[2]

    def _follow_timeline(self) -> None:
        """Each tick: the kept probes and the run's step, for the slider."""
        history = self.history
        if history is not getattr(self, "_timeline_history", None) or history.version != self._timeline_version:
            self._timeline_history, self._timeline_version = history, history.version
            self.timeline.follow(history.archive.steps, int(history.column("iteration")[-1]) if len(history) else 0)
