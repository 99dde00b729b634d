"""The hidden-states heatmap: its hover readout goes with the mouse and with old data, and a
probe that keeps only some of the units says so."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from rnnviz.engine.snapshots import StepSnapshot
from rnnviz.gui.panels import HiddenStatesPanel
from rnnviz.runtime.history import History

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


def two_layer_lstm_probe() -> History:
    """One real training step of the tale-lstm preset with two layers (H = 128, T = 32): the
    probe budget keeps 110 evenly spaced units of each layer's 128."""
    from rnnviz.engine.config import ModelConfig, TrainConfig
    from rnnviz.engine.data import load_corpus
    from rnnviz.engine.trainer import Session
    corpus = load_corpus("tale", "char")
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=32, hidden_size=128,
                                          cell="lstm", num_layers=2),
                      TrainConfig(batch_size=2, bptt=32, optimizer="adam", lr=0.005, epochs=1))
    history = History()
    history.add(session.step(probe=True))
    return history


def test_a_probe_of_some_units_says_how_many_of_how_many(qtbot):
    panel = show_panel(qtbot, HiddenStatesPanel(), (600, 300))
    history = two_layer_lstm_probe()
    units = history.latest_probe.layers[0].units
    assert 100 < len(units) < 128 and units[-1] == 127
    panel.refresh(history)
    assert panel.image.image.shape == (len(units), 32)
    assert panel.units_label.isVisible() and panel.units_label.text() == f"{len(units)} of 128 units shown"
    assert "evenly spaced" in panel.units_label.toolTip()
    # Said beside the controls, the plot keeps its colour bar in a 600 px dock.
    qtbot.wait(20)
    bar = panel.colorbar.sceneBoundingRect()
    assert bar.width() > 10 and bar.right() <= panel.layout_widget.viewport().width()
    # Every unit kept: nothing to say.
    panel.refresh(synthetic_history(20)[0])
    assert panel.units_label.text() == ""
