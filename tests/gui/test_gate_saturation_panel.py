"""The gate saturation panel in the window with its real worker: the scatter is the probe's own
saturation (checked against numpy on the probe's gate arrays), a clicked dot finds its unit in the
hidden-state heatmap, a plain RNN says it has no gates, and the texts follow the language."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from rnnviz.gui import i18n
from rnnviz.gui.main_window import MainWindow
from rnnviz.gui.panels import GateSaturationPanel
from rnnviz.gui.panels.hidden_states import gate_name
from rnnviz.runtime.messages import PAUSED

from .conftest import show_panel, synthetic_history
from .test_main_window import PATIENCE, dialogs  # noqa: F401 - fixture
from .test_panels import click_scene, scene_point

GATES = {"lstm": ("i", "f", "o"), "gru": ("r", "z")}


def make_window(qtbot, tmp_path, cell: str = "lstm", layers: int = 2) -> MainWindow:
    """A window whose form builds a small ``cell`` model of ``layers`` layers, trained with
    Adam at a high rate so the gates leave 0.5 within a few dozen steps."""
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat), worker="thread")
    qtbot.addWidget(win)
    form = win.experiment
    form.cell_combo.setCurrentIndex(form.cell_combo.findData(cell))
    form.layers_spin.setValue(layers)
    form.hidden_spin.setValue(24)
    form.embed_spin.setValue(16)
    form.batch_spin.setValue(8)
    form.bptt_spin.setValue(16)
    form.lr_spin.setValue(0.05)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    assert win.start()
    qtbot.waitUntil(lambda: win.info is not None, timeout=PATIENCE)
    assert win.info.model_config.cell == cell and win.info.model_config.num_layers == layers
    return win


def probed(win: MainWindow, qtbot, steps: int) -> None:
    """Train ``steps`` steps, then one Step (which always probes), and bring the panel forward."""
    win.train_steps(steps)
    qtbot.waitUntil(lambda: win.iteration >= steps and win.state == PAUSED, timeout=PATIENCE)
    win.step()
    qtbot.waitUntil(lambda: win.iteration >= steps + 1 and win.history.latest_probe is not None
                    and win.history.latest_probe.iteration == steps + 1, timeout=PATIENCE)
    win.docks["gateSaturationPanel"].raise_()
    qtbot.waitUntil(lambda: (win.tick(), win.panels["gateSaturationPanel"].probe)[1]
                    is win.history.latest_probe, timeout=PATIENCE)


@pytest.fixture
def lstm_window(qtbot, tmp_path, dialogs):  # noqa: F811 - the fixture imported above
    win = make_window(qtbot, tmp_path)
    probed(win, qtbot, 30)
    yield win
    win.interactive = False
    win.close()


def test_after_a_probe_the_scatter_is_the_probes_saturation(lstm_window):
    win = lstm_window
    panel = win.panels["gateSaturationPanel"]
    probe = win.history.latest_probe
    assert not panel.showing_placeholder and panel.layer_combo.count() == 2
    seen_left = seen_right = False
    for k in range(2):
        panel.layer_combo.setCurrentIndex(k)
        layer = probe.layers[k]
        assert tuple(panel.dots) == GATES["lstm"]
        for gate, dots in panel.dots.items():
            a = layer.gates[gate].astype(np.float64)                # (T, U) the probe's own array
            T, U = a.shape
            x, y = dots.getData()
            assert len(x) == U == len(layer.units)
            np.testing.assert_allclose(x, (a < 0.1).sum(axis=0) / T, rtol=1e-6)
            np.testing.assert_allclose(y, (a > 0.9).sum(axis=0) / T, rtol=1e-6)
            seen_left |= bool(x.any())
            seen_right |= bool(y.any())
            edges, counts = panel.bars[gate].getOriginalDataset()
            np.testing.assert_array_equal(counts, np.histogram(a, bins=20, range=(0, 1))[0])
            np.testing.assert_allclose(edges, np.linspace(0, 1, 21))
    assert seen_left and seen_right                 # trained: not a plot of zeros
    assert [line.value() for line in panel.thresholds] == pytest.approx([0.1, 0.9])
    low, high = panel.hist_plot.vb.viewRange()[1]         # bars stand on 0, the tallest in view
    assert low <= 0 and high >= max(int(s.counts.max()) for s in panel.shown)
    assert f"step {probe.iteration:,}" in panel.info_label.text()


def test_a_clicked_dot_selects_its_unit_in_the_hidden_state_view(lstm_window, qtbot):
    win = lstm_window
    panel, hidden = win.panels["gateSaturationPanel"], win.panels["hiddenStatePanel"]
    hidden_dock = win.docks["hiddenStatePanel"]
    assert hidden_dock in win.tabifiedDockWidgets(win.docks["gateSaturationPanel"])
    panel.layer_combo.setCurrentIndex(1)                # the top layer; Hidden states shows layer 0
    hidden.layer_combo.setCurrentIndex(0)
    # A dot of lstm1 that stands alone, so the click is on it and no other.
    xy = np.stack([np.concatenate([s.left for s in panel.shown]),
                   np.concatenate([s.right for s in panel.shown])], axis=1)
    record, row = next((s, r) for s in panel.shown for r in range(len(s.units))
                       if np.sum(np.hypot(*(xy - [s.left[r], s.right[r]]).T) < 0.04) == 1)
    unit = int(record.units[row])
    selected = []
    panel.unit_selected.connect(lambda layer, u: selected.append((layer, u)))
    point = scene_point(panel.scatter_plot, float(record.left[row]), float(record.right[row]))
    qtbot.mouseMove(panel.layout_widget.viewport(), panel.layout_widget.mapFromScene(point))
    qtbot.waitUntil(lambda: panel.hover_text != "", timeout=2000)
    assert panel.hover_text.startswith(f"unit {unit}, {record.gate}: left {record.left[row]:.2f}, "
                                       f"right {record.right[row]:.2f}")
    click_scene(qtbot, panel.layout_widget, point)
    assert selected == [("lstm1", unit)]
    # The hidden-state dock came forward, on the clicked unit's layer, its row outlined.
    qtbot.waitUntil(lambda: not hidden.visibleRegion().isEmpty(), timeout=2000)
    assert hidden.selected_unit == ("lstm1", unit) and hidden.layer_combo.currentIndex() == 1
    hidden_row = int(np.flatnonzero(hidden._layer().units == unit)[0])
    rect = hidden.unit_mark.rect()
    assert hidden.unit_mark.isVisible() and rect.top() == hidden_row - 0.5 and rect.height() == 1.0
    assert hidden.hover_text.startswith(f"unit {unit} (lstm1)")
    # The dot is ringed in the scatter too.
    np.testing.assert_allclose(panel.ring.getData()[0], [s.left[row] for s in panel.shown])
    # Another layer in Hidden states: the outline goes; the next probe keeps the selection.
    hidden.layer_combo.setCurrentIndex(0)
    assert not hidden.unit_mark.isVisible()
    hidden.layer_combo.setCurrentIndex(1)
    assert hidden.unit_mark.isVisible()


def test_a_plain_rnn_says_it_has_no_gates(qtbot, tmp_path, dialogs):  # noqa: F811
    win = make_window(qtbot, tmp_path, cell="rnn", layers=1)
    try:
        panel = win.panels["gateSaturationPanel"]
        assert panel.showing_placeholder and "No probe yet" in panel.placeholder.text()
        probed(win, qtbot, 2)
        assert win.history.latest_probe.saturation == ()
        assert panel.showing_placeholder and panel.placeholder.text().startswith("A plain RNN has no gates")
        assert "LSTM or GRU" in panel.placeholder.text()
    finally:
        win.interactive = False
        win.close()


def test_a_two_layer_gru_probe_and_the_language_switch(qtbot):
    history, _ = synthetic_history(20, cell="gru", layers=2, hidden_size=16)
    panel = show_panel(qtbot, GateSaturationPanel(), (760, 360))
    panel.refresh(history)
    assert [panel.layer_combo.itemText(k) for k in range(2)] == ["0 (gru0)", "1 (gru1)"]
    panel.layer_combo.setCurrentIndex(1)
    assert tuple(panel.dots) == GATES["gru"] and {s.layer for s in panel.shown} == {"gru1"}
    gates = history.latest_probe.layers[1].gates
    np.testing.assert_allclose(panel.dots["z"].getData()[1], (gates["z"] > 0.9).mean(axis=0))

    def legend() -> list[str]:
        return [label.text for _, label in panel.legend.items]
    assert legend() == ["reset gate r", "update gate z"]
    try:
        i18n.set_language("ko")
        # The gate names are in the catalogue already: the legend changes at once.
        assert legend() == [gate_name("r"), gate_name("z")] and legend() != ["reset gate r", "update gate z"]
    finally:
        i18n.set_language("en")
    assert legend() == ["reset gate r", "update gate z"]
    panel.clear()
    assert panel.showing_placeholder and panel.layer_combo.count() == 0 and panel.dots["z"].getData()[0].size == 0


def test_narrow_and_tall_the_histogram_goes_under_the_scatter(qtbot):
    panel = show_panel(qtbot, GateSaturationPanel(), (760, 320))
    panel.refresh(synthetic_history(20)[0])
    qtbot.wait(50)
    assert panel._side_by_side
    scatter, hist = panel.scatter_plot.sceneBoundingRect(), panel.hist_plot.sceneBoundingRect()
    assert hist.left() >= scatter.right() - 1
    panel.resize(380, 700)
    qtbot.waitUntil(lambda: not panel._side_by_side, timeout=2000)
    qtbot.wait(50)
    scatter, hist = panel.scatter_plot.sceneBoundingRect(), panel.hist_plot.sceneBoundingRect()
    assert hist.top() >= scatter.bottom() - 1 and hist.height() > 150 and scatter.height() > 150


# The panel at 1280 x 720 (its caption folded into the dock's title bar) and at 1600 x 1000.
@pytest.mark.parametrize("size, caption", [((622, 207), False), ((800, 332), True)])
def test_axis_titles_and_the_squares_ends_fit_the_dock(qtbot, size, caption):
    panel = show_panel(qtbot, GateSaturationPanel(), size)
    panel.caption.setVisible(caption)
    panel.refresh(synthetic_history(20)[0])
    qtbot.wait(100)
    for plot in (panel.scatter_plot, panel.hist_plot):
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            room = plot.vb.height() if side == "left" else plot.vb.width()
            text = axis.label.boundingRect().width() - 2 * axis.label.document().documentMargin()
            assert text <= room, (side, axis.label.toPlainText(), text, room)
    # "<" is shown, not taken for a tag; x and y titles in the same form.
    x, y = (panel.scatter_plot.getAxis(side).label.toPlainText().strip() for side in ("bottom", "left"))
    assert "< 0.1" in x and "> 0.9" in y
    assert (x, y) in [("left-saturated: share of steps < 0.1", "right-saturated: share of steps > 0.9"),
                      ("left-saturated (< 0.1)", "right-saturated (> 0.9)"), ("shut (< 0.1)", "open (> 0.9)")]
    # The labels 0 and 1 at both ends of both axes are drawn (inside the axis, grid or not).
    from PySide6.QtGui import QImage, QPainter
    image = QImage(panel.layout_widget.size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        for side in ("left", "bottom"):
            texts = [text for _, _, text in panel.scatter_plot.getAxis(side).generateDrawSpecs(painter)[2]]
            assert "0" in texts and "1" in texts, (side, texts)
    finally:
        painter.end()
