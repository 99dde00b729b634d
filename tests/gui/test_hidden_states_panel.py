"""The hidden-states heatmap: its hover readout goes with the mouse and with old data, and a
probe that keeps only some of the units says so."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from rnnviz.engine.snapshots import StepSnapshot
from rnnviz.gui.panels import HiddenStatesPanel
from rnnviz.history import History

from .conftest import show_panel, synthetic_history
from .test_panels import scene_point


def hover(qtbot, panel: HiddenStatesPanel, t: float, unit: float) -> None:
    """A real mouse move onto cell (unit, t); the panel's rate-limited proxy delivers it."""
    view = panel.layout_widget
    pos = view.mapFromScene(scene_point(panel.plot, t, unit))
    qtbot.mouseMove(view.viewport(), pos)
    qtbot.waitUntil(lambda: panel.hover_text != "", timeout=2000)


def test_readout_goes_when_the_mouse_leaves_the_plot(qtbot):
    panel = show_panel(qtbot, HiddenStatesPanel(), (600, 300))
    panel.refresh(synthetic_history(20)[0])
    hover(qtbot, panel, 5, 3)
    assert "unit 3, t = 5" in panel.hover_text
    # Onto another window: no mouse move reaches the plot any more, only a Leave event.
    outside = show_panel(qtbot, QLabel("elsewhere"), (200, 100))
    outside.move(panel.geometry().right() + 50, 0)
    qtbot.mouseMove(outside, QPoint(50, 50))
    qtbot.wait(100)                     # longer than the proxy's 1/30 s: no late move brings it back
    assert panel.hover_text == ""


def test_readout_goes_when_a_new_probe_arrives_or_the_run_is_cleared(qtbot):
    panel = show_panel(qtbot, HiddenStatesPanel(), (600, 300))
    panel.refresh(synthetic_history(20)[0])
    hover(qtbot, panel, 5, 3)
    # The next probe has other values under the mouse: the old number must not stay up.
    panel.refresh(synthetic_history(21, seed=1)[0])
    assert panel.hover_text == ""
    hover(qtbot, panel, 6, 4)
    panel.clear()
    assert panel.hover_text == ""
