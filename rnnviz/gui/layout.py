"""Which panels the window docks, how they are found, and where they go by default.

Default arrangement (1600 x 1000): the experiment form on the left; Perplexity, Gradients and
Gradient flow side by side on top; Hidden states large in the middle with Next token beside
it (the Unrolled graph in a tab behind Hidden states: the same T columns); the Sample console
along the bottom with the Truncated BPTT map beside it. View > BPTT stepper brings the graph
forward and gives it more height.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QWidget

STATE_VERSION = 2           # saved dock layouts; bumped when the dock set changes (2: BPTT views, lab)
EXPERIMENT_WIDTH = 345      # px: the form's fields and the run summary fit without clipping


@dataclass(frozen=True)
class PanelSpec:
    module: str             # rnnviz.gui.panels.<module>
    cls: str
    name: str               # the panel's objectName; its dock is "dock_<name>"
    title: str              # the dock's title when the panel has no TITLE
    redraw: str = "steps"   # "steps": on every history change; a History attribute such as
                            # "latest_probe": when that record is replaced; "never": it is fed
                            # through its own slots (the sample console)


PANELS = (
    PanelSpec("perplexity", "PerplexityPanel", "perplexityPanel", "Perplexity"),
    PanelSpec("gradients", "GradientsPanel", "gradientPanel", "Gradients"),
    PanelSpec("gradient_flow", "GradientFlowPanel", "gradFlowPanel", "Gradient flow through time"),
    PanelSpec("hidden_states", "HiddenStatesPanel", "hiddenStatePanel", "Hidden states", "latest_probe"),
    PanelSpec("next_token", "NextTokenPanel", "softmaxPanel", "Next-token distribution", "latest_probe"),
    PanelSpec("sample_console", "SampleConsolePanel", "samplePanel", "Sample console", "never"),
    PanelSpec("unrolled_graph", "UnrolledGraphPanel", "graphPanel", "Unrolled graph", "latest_graph"),
    PanelSpec("tbptt_map", "TbpttMapPanel", "tbpttMapPanel", "Truncated BPTT map", "latest_stream"),
)


def make_panel(spec: PanelSpec) -> QWidget:
    """The panel of ``spec``, imported lazily so that only the window pays for pyqtgraph."""
    cls = getattr(importlib.import_module(f"rnnviz.gui.panels.{spec.module}"), spec.cls)
    panel = cls()
    panel.setObjectName(spec.name)
    return panel


def arrange_default(window: QMainWindow) -> None:
    """Dock every panel where the default layout puts it (shown, not floating)."""
    d = window.docks
    for dock in [window.experiment_dock, *d.values()]:
        dock.setFloating(False)
        dock.show()
    window.addDockWidget(Qt.LeftDockWidgetArea, window.experiment_dock)
    window.addDockWidget(Qt.RightDockWidgetArea, d["perplexityPanel"])
    # Split the sample console off first, so it spans the full width under the two rows.
    window.splitDockWidget(d["perplexityPanel"], d["hiddenStatePanel"], Qt.Vertical)
    window.splitDockWidget(d["hiddenStatePanel"], d["samplePanel"], Qt.Vertical)
    window.splitDockWidget(d["perplexityPanel"], d["gradientPanel"], Qt.Horizontal)
    window.splitDockWidget(d["gradientPanel"], d["gradFlowPanel"], Qt.Horizontal)
    window.splitDockWidget(d["hiddenStatePanel"], d["softmaxPanel"], Qt.Horizontal)
    window.splitDockWidget(d["samplePanel"], d["tbpttMapPanel"], Qt.Horizontal)
    # The unrolled graph shares a tab with the hidden states (the same T columns). One tab
    # group only: with Qt 6.11 a second tabifyDockWidget group leaves a stale, visible copy
    # of its tab bar drawn over a neighbouring panel.
    window.tabifyDockWidget(d["hiddenStatePanel"], d["graphPanel"])
    window.seq2seq_dock.setFloating(False)
    window.seq2seq_dock.show()
    window.tabifyDockWidget(d["graphPanel"], window.seq2seq_dock)
    d["hiddenStatePanel"].raise_()


def size_default(window: QMainWindow) -> None:
    """Proportions of the default layout; needs the window's real size, so it runs at show."""
    d = window.docks
    width, height = max(window.width(), 1200), max(window.height(), 800)
    rest = width - EXPERIMENT_WIDTH
    window.resizeDocks([window.experiment_dock], [EXPERIMENT_WIDTH], Qt.Horizontal)
    window.resizeDocks([d["perplexityPanel"], d["gradientPanel"], d["gradFlowPanel"]],
                       [rest * 36 // 100, rest * 32 // 100, rest * 32 // 100], Qt.Horizontal)
    window.resizeDocks([d["hiddenStatePanel"], d["softmaxPanel"]],
                       [rest * 64 // 100, rest * 36 // 100], Qt.Horizontal)
    window.resizeDocks([d["samplePanel"], d["tbpttMapPanel"]],
                       [rest * 58 // 100, rest * 42 // 100], Qt.Horizontal)
    window.resizeDocks([d["perplexityPanel"], d["hiddenStatePanel"], d["samplePanel"]],
                       [height * 29 // 100, height * 39 // 100, height * 26 // 100], Qt.Vertical)


def size_for_stepper(window: QMainWindow) -> None:
    """Give the middle row (the unrolled graph) more height for stepping through a block."""
    d = window.docks
    height = max(window.height(), 800)
    window.resizeDocks([d["perplexityPanel"], d["hiddenStatePanel"], d["samplePanel"]],
                       [height * 22 // 100, height * 50 // 100, height * 22 // 100], Qt.Vertical)



def float_lab(window: QMainWindow) -> None:
    """Open the seq2seq lab as its own window over the main one (1300 x 680): its controls,
    curves, example list and decoder views need more room than any tab of the main layout has.
    Docking it back (double-click its title, or View > Reset layout) makes it a tab again."""
    dock = window.seq2seq_dock
    dock.setFloating(True)
    geo = window.geometry()
    width, height = min(1300, max(geo.width() - 40, 900)), min(680, max(geo.height() - 80, 560))
    dock.setGeometry(geo.x() + (geo.width() - width) // 2, geo.y() + (geo.height() - height) // 2,
                     width, height)


def float_graph_over_lab(window: QMainWindow) -> None:
    """Float the unrolled graph above the floating seq2seq lab, over its lower left (curves and
    example list), so an example sent from the lab is seen, not hidden under the lab's window;
    the lab's question box and decode steps stay in view. Docking it back works as for the lab."""
    dock, lab = window.docks["graphPanel"], window.seq2seq_dock
    geo = lab.geometry()
    screen = (window.screen() or lab.screen()).availableGeometry()
    width = min(980, max(geo.width() - 120, 700), screen.width())
    height = min(560, max(geo.height() - 60, 440), screen.height())
    x, y = geo.x() - 20, geo.bottom() - height + 40
    x = min(max(x, screen.x()), screen.x() + screen.width() - width)
    y = min(max(y, screen.y()), screen.y() + screen.height() - height)
    dock.setFloating(True)
    dock.setGeometry(x, y, width, height)
