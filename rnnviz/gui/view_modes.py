"""How the window arranges itself, mixed into :class:`~rnnviz.gui.main_window.MainWindow`: its
place on the screen, its first layout (wide or compact, :mod:`rnnviz.gui.layout`) and its reset,
and the special views: the BPTT stepper (unrolled graph + truncated-BPTT map) and the three labs
(seq2seq, the many-to-one classifier, and models compared in lockstep), each training in its own
worker."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QTabBar

from rnnviz.localize import localize

from .i18n import translate
from .layout import (ARRANGEMENTS, DEFAULT_SIZE, Arrangement, arrange, float_graph_over_lab, float_lab,
                     screen_class, size_docks, state_version)

LAYOUT_CHOICES = ("auto", "wide", "compact")
FRAME_ROOM = (16, 40)       # px a window manager's border and title bar may add around the window
from .classify_lab import ClassifyLab
from .compare_lab import CompareLab
from .panels.common import Panel
from .seq2seq_lab import Seq2seqLab


class ViewModes:
    """``show_stepper``, ``show_seq2seq``, ``show_classify`` and ``show_compare`` (View menu), and the
    labs' docks."""

    def _build_lab_dock(self) -> None:
        self._laid_out = False
        self.seq2seq_lab = Seq2seqLab(start=False, worker=self.worker_kind)
        self.seq2seq_dock = self._make_lab_dock(self.seq2seq_lab, "seq2seqPanel",
                                                lambda: translate("seq2seq_lab", Seq2seqLab.TITLE))
        self.classify_lab = ClassifyLab(start=False, worker=self.worker_kind)
        self.classify_dock = self._make_lab_dock(self.classify_lab, "classifyPanel",
                                                 lambda: translate("classify_lab", ClassifyLab.TITLE))
        # The models compared share the Experiment form's corpus, sizes and batches, read when built.
        self.compare_lab = CompareLab(start=False, worker=self.worker_kind, base=lambda: self.experiment.config())
        self.compare_dock = self._make_lab_dock(self.compare_lab, "comparePanel",
                                                lambda: translate("compare_lab", CompareLab.TITLE))

    def _make_lab_dock(self, lab, name: str, title):
        # A lab trains its own model in its own worker: a dock of its own, not a panel of the
        # language model's history. Its controls need ~1000 px; in a scroll area it never widens
        # the window's layout when docked as a tab.
        holder = QScrollArea()
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.NoFrame)
        holder.setWidget(lab)
        dock = self._make_dock(holder, name, title)
        # Every dock is briefly shown while the window lays itself out; only a tab opened after
        # that starts the lab (showEvent sets _laid_out once the first layout is done).
        dock.visibilityChanged.connect(lambda visible: self._lab_visibility(lab, dock, visible))
        lab.set_graph_available(True)
        lab.graph_ready.connect(lambda frame: self.show_lab_graph(frame, dock))
        lab.status_message.connect(lambda text: self.statusBar().showMessage(localize(text), 8000))
        lab.file_used.connect(self.add_recent_checkpoint)
        return dock

    def _lab_visibility(self, lab, dock, visible: bool) -> None:
        """A lab's tab came to the front: start it, and in a short (compact) layout give its
        row the height the stepper gets, so its curves and views are not a sliver."""
        if not (visible and self._laid_out):
            return
        lab.start()
        if not dock.isFloating() and self.arrangement.name == "compact":
            size_docks(self, self.arrangement, self.arrangement.stepper_heights)

    def show_seq2seq_graph(self, frame) -> None:
        """An example from the seq2seq lab, unrolled: into the graph panel, brought forward."""
        self.show_lab_graph(frame, self.seq2seq_dock)

    def show_lab_graph(self, frame, lab_dock) -> None:
        """An example from a lab, unrolled: into the graph panel, brought forward."""
        self.panels["graphPanel"].show_frame(frame)
        dock = self.docks["graphPanel"]
        if lab_dock.isFloating() and lab_dock.isVisible() and not dock.isFloating():
            float_graph_over_lab(self, lab_dock)        # docked, it would sit under the lab's window
        dock.show()
        dock.raise_()
        (dock if dock.isFloating() else self).activateWindow()

    # -- screen and arrangement -------------------------------------------------------------
    def available_geometry(self) -> QRect:
        """The available area of the screen the window is on (or will open on)."""
        from PySide6.QtGui import QGuiApplication
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    @property
    def layout_choice(self) -> str:
        """"auto", "wide" or "compact", as View > Layout last set it."""
        choice = str(self.settings.value("window/layout", "auto"))
        return choice if choice in LAYOUT_CHOICES else "auto"

    @property
    def arrangement(self) -> Arrangement:
        """The arrangement in force: the chosen one, or the screen's class for "auto"."""
        choice = self.layout_choice
        if choice == "auto":
            choice = screen_class(self.available_geometry().size())
        return ARRANGEMENTS[choice]

    def place_on_screen(self) -> None:
        """Open inside the screen's available area: 1600 x 1000 centred where that fits with a
        title bar, else maximized (a 13-inch laptop). A saved geometry that still fits wins."""
        area = self.available_geometry()
        saved = self.settings.value("window/geometry") if self.restore_layout else None
        if saved is not None and self.restoreGeometry(saved) and area.contains(self.geometry()):
            return
        width, height = DEFAULT_SIZE
        if area.width() >= width + FRAME_ROOM[0] and area.height() >= height + FRAME_ROOM[1]:
            self.setGeometry(area.x() + (area.width() - width) // 2,
                             area.y() + (area.height() - height) // 2, width, height)
            return
        # Without a window manager "maximized" means nothing: the geometry says it too.
        self.setGeometry(area)
        self.setWindowState(self.windowState() | Qt.WindowMaximized)

    def apply_arrangement(self, heights: tuple[int, ...] | None = None) -> None:
        """Dock, size and style every panel for the arrangement in force."""
        arrangement = self.arrangement
        arrange(self, arrangement)
        size_docks(self, arrangement, heights)
        for dock in [*self.docks.values(), self.seq2seq_dock, self.classify_dock, self.compare_dock,
                     self.experiment_dock]:
            dock.titleBarWidget().show_caption(not arrangement.captions_folded)
        for panel in self.panels.values():
            panel.set_margin(arrangement.margin)
        self._whole_tab_titles()
        self._lab_tooltips()
        for name, action in getattr(self, "layout_actions", {}).items():
            action.setChecked(name == self.layout_choice)

    def _whole_tab_titles(self) -> None:
        """Dock tabs keep their whole titles and scroll: a laptop's middle group holds nine, and
        elided they read "Hid…", "Gat…", "W_h…"."""
        for bar in self.findChildren(QTabBar):
            if bar.parent() is self:            # the window's dock tabs, not a lab's own tabs
                bar.setElideMode(Qt.TextElideMode.ElideNone)
                bar.setUsesScrollButtons(True)

    def _lab_tooltips(self) -> None:
        """The lab's own views have no title bar to hold a toggle: folded, a caption becomes the
        view's tooltip (said again after a language switch)."""
        folded = self.arrangement.captions_folded
        # (The comparison lab's columns share one caption per row, their own always folded.)
        for view in [*self.seq2seq_lab.findChildren(Panel), *self.classify_lab.findChildren(Panel)]:
            view.caption.setVisible(not folded)
            view.setToolTip(view.caption.text() if folded else "")

    def set_layout_choice(self, choice: str) -> None:
        """View > Layout: "auto", "wide" or "compact", applied at once and remembered."""
        self.settings.setValue("window/layout", choice)
        self.apply_arrangement()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            QTimer.singleShot(0, lambda: setattr(self, "_laid_out", True))
            self.apply_arrangement()
            if self.restore_layout:
                state = self.settings.value("window/state")
                if state is not None and self.settings.value("window/arrangement") == self.arrangement.name:
                    self.restoreState(state, state_version())

    def reset_layout(self) -> None:
        """Back to the arrangement's default (View > Reset layout)."""
        self.apply_arrangement()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(*DEFAULT_SIZE)

    def show_stepper(self) -> None:
        """Bring the unrolled graph and the truncated-BPTT map forward, the graph taller (View menu)."""
        # The graph last: in the compact layout both share a tab group, and the graph is the stepper.
        for name in ("tbpttMapPanel", "graphPanel"):
            self.docks[name].show()
            self.docks[name].raise_()
        if not self.docks["graphPanel"].isFloating():
            size_docks(self, self.arrangement, self.arrangement.stepper_heights)

    def show_seq2seq(self) -> None:
        """Open the seq2seq lab in its own window, with room for it (View menu)."""
        self._show_lab(self.seq2seq_lab, self.seq2seq_dock)

    def show_classify(self) -> None:
        """Open the classifier lab in its own window, with room for it (View menu)."""
        self._show_lab(self.classify_lab, self.classify_dock)

    def show_compare(self) -> None:
        """Open the comparison lab in its own window, with room for it (View menu)."""
        self._show_lab(self.compare_lab, self.compare_dock)

    def _show_lab(self, lab, dock) -> None:
        dock.show()
        dock.raise_()
        lab.start()
        if not dock.isFloating():
            float_lab(self, dock)
