"""How the window arranges itself, mixed into :class:`~rnnviz.gui.main_window.MainWindow`: its
first layout and its reset, and the two special views: the BPTT stepper (unrolled graph +
truncated-BPTT map) and the seq2seq lab."""
from __future__ import annotations

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea

from .layout import (STATE_VERSION, arrange_default, float_graph_over_lab, float_lab, size_default,
                     size_for_stepper)
from .seq2seq_lab import Seq2seqLab


class ViewModes:
    """``show_stepper`` and ``show_seq2seq`` (View menu), and the lab's dock."""

    def _build_lab_dock(self) -> None:
        # The lab trains its own model on its own thread: a dock of its own, not a panel of
        # the language model's history. Its controls need ~1000 px; in a scroll area it never
        # widens the window's layout when docked as a tab.
        self.seq2seq_lab = Seq2seqLab(start=False)
        holder = QScrollArea()
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.NoFrame)
        holder.setWidget(self.seq2seq_lab)
        self.seq2seq_dock = self._make_dock(holder, "seq2seqPanel", Seq2seqLab.TITLE)
        # Every dock is briefly shown while the window lays itself out; only a tab opened after
        # that starts the lab (showEvent sets _laid_out once the first layout is done).
        self.seq2seq_dock.visibilityChanged.connect(
            lambda visible: visible and self._laid_out and self.seq2seq_lab.start())
        self._laid_out = False
        self.seq2seq_lab.set_graph_available(True)
        self.seq2seq_lab.graph_ready.connect(self.show_seq2seq_graph)

    def show_seq2seq_graph(self, frame) -> None:
        """An example from the lab, unrolled: into the graph panel, brought forward."""
        self.panels["graphPanel"].show_frame(frame)
        dock = self.docks["graphPanel"]
        if self.seq2seq_dock.isFloating() and self.seq2seq_dock.isVisible() and not dock.isFloating():
            float_graph_over_lab(self)          # docked, it would sit under the lab's window
        dock.show()
        dock.raise_()
        (dock if dock.isFloating() else self).activateWindow()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            QTimer.singleShot(0, lambda: setattr(self, "_laid_out", True))
            size_default(self)
            if self.restore_layout:
                state = self.settings.value("window/state")
                if state is not None:
                    self.restoreState(state, STATE_VERSION)

    def reset_layout(self) -> None:
        """Back to the default arrangement (View > Reset layout)."""
        arrange_default(self)
        size_default(self)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(1600, 1000)

    def show_stepper(self) -> None:
        """Bring the unrolled graph and the truncated-BPTT map forward, the graph taller (View menu)."""
        for name in ("graphPanel", "tbpttMapPanel"):
            self.docks[name].show()
            self.docks[name].raise_()
        if not self.docks["graphPanel"].isFloating():
            size_for_stepper(self)

    def show_seq2seq(self) -> None:
        """Open the seq2seq lab in its own window, with room for it (View menu)."""
        self.seq2seq_dock.show()
        self.seq2seq_dock.raise_()
        self.seq2seq_lab.start()
        if not self.seq2seq_dock.isFloating():
            float_lab(self)
