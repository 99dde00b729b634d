"""The unrolled-graph panel: frames at each point of the BPTT stepper, node clicks, the stepper."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QTextDocumentFragment, QWheelEvent
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton

from rnnviz.gui.panels.graph_style import LUT_SIZE, fill_indices, grad_indices, grad_range
from rnnviz.gui.panels.unrolled_graph import STEPPER, UnrolledGraphPanel
from rnnviz.runtime.history import History

from .conftest import show_panel
from .graph_frames import synthetic_frame

T = 35
T_LONG = 100        # columns that never fit a dock: the view scrolls


def shown(qtbot, size=(1100, 560)) -> UnrolledGraphPanel:
    return show_panel(qtbot, UnrolledGraphPanel(), size)


def canvas_image(panel):
    return panel.canvas.grab().toImage()


def colour_at(panel, node: str, t: int, ring: bool = False) -> QColor:
    """The canvas pixel at a node's centre, or on its ring (up and right, away from the edges)."""
    centre = panel.node_center(node, t)
    d = round(panel.canvas.radius * 0.707) if ring else 0
    return canvas_image(panel).pixelColor(centre.x() + d, centre.y() - d)


def is_white(c: QColor) -> bool:
    return min(c.red(), c.green(), c.blue()) > 245


def is_blue(c: QColor) -> bool:          # the forward-size colour map
    return c.blue() > c.red() + 30


def is_red(c: QColor) -> bool:           # the gradient colour map
    return c.red() > c.blue() + 60


def plain(label) -> str:
    return QTextDocumentFragment.fromHtml(label.text()).toPlainText()


def enabled(panel) -> set[str]:
    return {name for name, (button, _) in panel.buttons.items() if button.isEnabled()}


FORWARD = {"graphForwardStep", "graphForwardAll"}
BACKWARD = {"graphBackwardStep", "graphBackwardAll"}


def test_after_forward_fills_what_forward_reached(qtbot):
    panel = shown(qtbot)
    panel.show_frame(synthetic_frame(phase="forward", forward_cols=12, layer=0))
    assert not panel.showing_placeholder
    assert "After forward — layer 1, t = 12 of 35" in panel.headline.text()
    assert "not computed" in panel.headline.text()
    assert is_blue(colour_at(panel, "h0", 11))          # computed: filled
    assert is_white(colour_at(panel, "h0", 12))         # not yet: hollow
    assert is_white(colour_at(panel, "h1", 0))
    assert is_white(colour_at(panel, "loss", 0))
    assert is_blue(colour_at(panel, "embed", T - 1))    # the embedding runs for all T at once
    assert not is_red(colour_at(panel, "h0", 11, ring=True))   # no gradients yet
    assert panel.canvas.grad_lo_hi is None
    image = canvas_image(panel)
    coloured = sum(not is_white(image.pixelColor(x, y))
                   for x in range(0, image.width(), 4) for y in range(0, image.height(), 4))
    assert coloured > 0.05 * (image.width() // 4) * (image.height() // 4)


def test_mid_backward_rings_fill_right_to_left(qtbot):
    panel = shown(qtbot)
    panel.show_frame(synthetic_frame(phase="backward", backward_cols=15))
    assert panel.headline.text().startswith("Backward — layer 2, t = 21 of 35")
    assert is_red(colour_at(panel, "h1", T - 1, ring=True))      # reached by backward
    assert is_red(colour_at(panel, "loss", 0, ring=True))        # the head: all T at once
    assert not is_red(colour_at(panel, "h1", 5, ring=True))      # not yet
    assert not is_red(colour_at(panel, "h0", T - 1, ring=True))  # the lower layer comes later
    assert is_blue(colour_at(panel, "h1", 5))               # forward values are all there
    lo, hi = panel.canvas.grad_lo_hi
    assert 0 < lo < hi
    assert f"{hi:.2g}" in panel.legend._items()[1][2]


def test_after_update_and_whole_step_banners(qtbot):
    panel = shown(qtbot)
    frame = synthetic_frame(phase="updated")
    panel.show_frame(frame)
    assert "After the update (step 12)" in panel.headline.text()
    assert "largest ‖Δθ‖" in panel.detail.text()
    assert all(is_red(colour_at(panel, node, t, ring=True)) for node in ("embed", "h0", "c1") for t in (0, T - 1))
    clipped = synthetic_frame(phase="clipped", clip=0.25)
    panel.show_frame(clipped)
    assert panel.headline.text() == (f"After clip — global norm {clipped.grad_norm:.3g} > 0.25, "
                                     f"gradients × {clipped.clip_scale:.3g}")
    panel.show_frame(synthetic_frame(stepping=False, iteration=120))
    assert panel.headline.text().startswith("Step 120 as trained")
    assert panel.badge.text() == "TRAINED STEP"


def test_clicking_a_node_shows_its_formula_and_survives_new_frames(qtbot):
    panel = shown(qtbot)
    panel.show_frame(synthetic_frame(phase="backward", backward_cols=None, N=20, H=100))
    assert panel.node_view.isHidden()
    qtbot.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, pos=panel.node_center("c0", 5))
    assert panel.node_view.isVisible()
    assert "t = 6" in plain(panel.node_view.title)
    formula = plain(panel.node_view.formula)
    assert "⊙" in formula and "(N, H) = (20, 100)" in formula
    assert "not computed" not in plain(panel.node_view.numbers)
    assert panel.node_view.plots[0][0].isVisible() and panel.node_view.plots[1][0].isVisible()
    bars = panel.node_view.plots[0][2]
    assert len(bars.opts["height"]) == len(panel.frame.units["c0"])
    # A new frame keeps the node and the time step; its gradient is not there yet.
    panel.show_frame(synthetic_frame(phase="forward", forward_cols=None, seed=3))
    assert panel.canvas.selected == (panel.frame.nodes.index("c0"), 5)
    assert "not computed yet (run backward)" in plain(panel.node_view.numbers)
    assert panel.node_view.plots[1][0].isHidden()
    # Keys: arrows move the selection, Escape closes the side view.
    qtbot.keyClick(panel.canvas, Qt.Key.Key_Right)
    assert "t = 7" in plain(panel.node_view.title)
    qtbot.keyClick(panel.canvas, Qt.Key.Key_Escape)
    assert panel.node_view.isHidden() and panel.canvas.selected is None


def test_head_nodes_show_the_top_k_with_the_target(qtbot):
    panel = shown(qtbot)
    frame = synthetic_frame(phase="updated")
    panel.show_frame(frame)
    t = next(t for t in range(T) if frame.target_tokens[t] in frame.top_tokens[t])
    qtbot.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, pos=panel.node_center("probs", t))
    assert "softmax" in plain(panel.node_view.formula)
    top = plain(panel.node_view.top_k)
    assert panel.node_view.top_k.isVisible() and "← target" in top
    assert frame.top_tokens[t][0] in top
    assert panel.node_view.plots[0][0].isHidden()


@pytest.mark.parametrize("cell, text", [("rnn", "tanh("), ("gru", "(1 − z")])
def test_one_layer_rnn_and_gru_render(qtbot, cell, text):
    panel = shown(qtbot)
    frame = synthetic_frame(cell=cell, layers=1, phase="backward", backward_cols=10)
    panel.show_frame(frame)
    assert frame.nodes == ("x", "embed", "h0", "scores", "probs", "loss")
    assert is_blue(colour_at(panel, "h0", 3))
    assert is_red(colour_at(panel, "h0", T - 1, ring=True))
    qtbot.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, pos=panel.node_center("h0", 3))
    assert text in plain(panel.node_view.formula)


def test_buttons_follow_next_substeps_and_training(qtbot):
    panel = shown(qtbot)
    assert enabled(panel) == FORWARD                            # no frame: only forward
    cases = [(synthetic_frame(phase="forward", forward_cols=3), FORWARD),
             (synthetic_frame(phase="forward"), BACKWARD),
             (synthetic_frame(phase="backward", backward_cols=4), BACKWARD),
             (synthetic_frame(phase="backward"), {"graphClip"}),
             (synthetic_frame(phase="clipped"), {"graphUpdate"}),
             (synthetic_frame(phase="updated"), FORWARD)]
    for frame, expected in cases:
        panel.show_frame(frame)
        assert enabled(panel) == expected, frame.next_substeps
    panel.set_training(True)
    assert enabled(panel) == set()
    panel.show_frame(synthetic_frame(phase="backward"))        # frames still arrive while training
    assert enabled(panel) == set()
    panel.set_training(False)
    assert enabled(panel) == {"graphClip"}


def test_stepper_buttons_emit_substeps(qtbot):
    panel = shown(qtbot)
    forward = panel.findChild(QPushButton, "graphForwardStep")
    with qtbot.waitSignal(panel.substep_requested, timeout=1000) as blocker:
        qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    assert blocker.args == ["forward"]
    seen = []
    panel.substep_requested.connect(seen.append)
    for name, _, payload, _, tooltip in STEPPER:
        button = panel.buttons[name][0]
        button.setEnabled(True)
        button.click()
        assert seen[-1] == payload and tooltip == button.toolTip() and len(tooltip) > 30
    assert seen == ["forward", "forward_all", "backward", "backward_all", "clip", "update"]


def test_long_windows_scroll_and_zoom(qtbot):
    panel = shown(qtbot)
    panel.show_frame(synthetic_frame(cell="rnn", layers=1, T=100, phase="updated"))
    viewport = panel.view.viewport()
    assert panel.canvas.width() > viewport.width()
    bar = panel.view.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())                    # the end of the window paints too
    qtbot.wait(20)
    image = viewport.grab().toImage()
    assert any(is_blue(image.pixelColor(x, y)) for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3))
    # Zoom: "+" leaves fit mode and widens the columns; "Fit" returns to the fitted pitch.
    fitted = panel.canvas.col_w
    qtbot.mouseClick(panel.findChild(QToolButton, "graphZoomIn"),
                     Qt.MouseButton.LeftButton)
    assert panel.canvas.col_w > fitted and not panel.view.fitting
    qtbot.mouseClick(panel.findChild(QToolButton, "graphZoomFit"),
                     Qt.MouseButton.LeftButton)
    assert panel.canvas.col_w == pytest.approx(fitted) and panel.view.fitting
    # Ctrl+wheel over the graph zooms too. (A real wheel event reaches the viewport when the
    # canvas ignores it; Qt does not pass a synthetic one on, so it goes to the viewport here.)
    at = QPointF(viewport.width() / 2, viewport.height() / 2)
    wheel = QWheelEvent(at, viewport.mapToGlobal(at), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    under = panel.canvas.node_at(at - QPointF(panel.canvas.pos()))
    QApplication.sendEvent(viewport, wheel)
    assert panel.canvas.col_w == pytest.approx(fitted * 1.25) and not panel.view.fitting
    assert panel.canvas.node_at(at - QPointF(panel.canvas.pos())) == under     # zoomed about the pointer


def test_default_size_fits_two_lstm_layers_without_scrolling(qtbot):
    panel = shown(qtbot, size=(900, 480))
    panel.show_frame(synthetic_frame(cell="lstm", layers=2, T=35))
    qtbot.wait(20)
    viewport = panel.view.viewport()
    assert panel.canvas.width() <= viewport.width() and panel.canvas.height() <= viewport.height()
    assert panel.canvas.radius >= 6                  # nodes still big enough to read a colour


def test_refresh_draws_only_a_new_frame(qtbot, monkeypatch, tmp_path):
    panel = shown(qtbot)
    history = History()
    panel.refresh(history)
    assert panel.showing_placeholder
    frame = synthetic_frame(phase="forward")
    history.add(frame)
    calls = []
    original = panel.canvas.set_frame
    monkeypatch.setattr(panel.canvas, "set_frame", lambda f, **kw: (calls.append(f), original(f, **kw)))
    panel.refresh(history)
    panel.refresh(history)
    assert calls == [frame] and panel.frame is frame
    for suffix in ("png", "svg"):
        path = tmp_path / f"graph.{suffix}"
        panel.export(str(path))
        assert path.stat().st_size > 1000
    panel.clear()
    assert panel.showing_placeholder and enabled(panel) == FORWARD


def test_colour_scales():
    frame = synthetic_frame(phase="backward", backward_cols=5)
    fill, carry = fill_indices(frame)
    values = frame.values
    assert np.array_equal(fill < 0, np.isnan(values))
    for r in range(1, len(frame.nodes)):                 # each row spans the whole map
        row = np.append(fill[r], carry[r])
        if (row >= 0).sum() > 1:
            assert row[row >= 0].min() == 0 and row.max() == LUT_SIZE - 1
    single = synthetic_frame(phase="forward", forward_cols=1, layer=0)
    fill, _ = fill_indices(single)
    assert fill[single.nodes.index("h0"), 0] >= 0 and (fill[single.nodes.index("h0"), 1:] < 0).all()
    lo, hi = grad_range(frame)
    g = np.array([lo, np.sqrt(lo * hi), hi, np.nan])
    low, middle, high, missing = grad_indices(g, (lo, hi)).tolist()
    assert (low, high, missing) == (0, LUT_SIZE - 1, -1) and abs(middle - (LUT_SIZE - 1) / 2) <= 0.5
    assert grad_range(synthetic_frame(phase="forward")) is None


def seq2seq_frame(decoder: str):
    """A real seq2seq example unrolled by the engine (a small untrained model: sizes, not skill)."""
    from rnnviz.engine.config import Seq2seqConfig, TrainConfig
    from rnnviz.engine.pairs import load_pairs
    from rnnviz.engine.seq2seq_session import Seq2seqSession
    data = load_pairs("addition", n=200)
    cfg = Seq2seqConfig(vocab_size=len(data.vocab), hidden_size=8, decoder=decoder, reverse=True,
                        stream="seeded", seed=1)
    return Seq2seqSession(data, cfg, TrainConfig(batch_size=16)).graph(("12+34", "46"))


def test_a_seq2seq_example_shows_encoder_then_decoder(qtbot):
    panel = shown(qtbot)
    frame = seq2seq_frame("attention")
    panel.show_frame(frame)
    Tq = frame.encoder_steps
    assert Tq == 7 and panel.legend.seq2seq
    assert "encoder → decoder" in " ".join(text for _, _, text in panel.legend._items())
    # The encoder has no head: nothing is drawn or clickable there, but its LSTM h is.
    loss = frame.nodes.index("loss")
    assert panel.canvas.node_at(QPointF(panel.canvas.node_center(loss, 2))) is None
    centre = panel.node_center("loss", 2)
    background = canvas_image(panel).pixelColor(centre.x() + round(panel.canvas.col_w / 2), centre.y())
    assert colour_at(panel, "loss", 2) == background == colour_at(panel, "loss", 2, ring=True)
    assert colour_at(panel, "loss", Tq + 1) != background                 # the decoder's loss is drawn
    qtbot.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, pos=panel.node_center("context", Tq + 1))
    assert panel.node_view.isVisible() and "decoder, t = 2" in plain(panel.node_view.title)
    assert "softmax" in plain(panel.node_view.formula) and "(N, H) = (16, 8)" in plain(panel.node_view.formula)
    qtbot.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, pos=panel.node_center("h0", 0))
    assert "encoder, t = 1" in plain(panel.node_view.title)
    # Keys skip the missing nodes: up from the encoder's top row stays in the encoder column.
    for _ in range(len(frame.nodes)):
        qtbot.keyClick(panel.canvas, Qt.Key.Key_Up)
    r, t = panel.canvas.selected
    assert t == 0 and panel.canvas.present(r, t)
    # A language-model frame afterwards has its cut and stubs back.
    panel.show_frame(synthetic_frame(phase="forward", forward_cols=None))
    assert not panel.legend.seq2seq and "BPTT cut" in " ".join(text for _, _, text in panel.legend._items())


def blue_rows(image, x: int) -> int:
    """How many pixels of column ``x`` of ``image`` carry the forward-size (blue) fill."""
    return sum(is_blue(image.pixelColor(x, y)) for y in range(image.height())) if 0 <= x < image.width() else 0


def test_export_writes_the_whole_graph_whatever_the_scroll_and_zoom(qtbot, tmp_path):
    from PySide6.QtGui import QImage
    panel = shown(qtbot, size=(700, 420))
    frame = synthetic_frame(cell="rnn", layers=1, T=T_LONG, phase="updated")
    panel.show_frame(frame)
    panel.view.zoom(1.6)
    qtbot.wait(20)
    canvas, viewport = panel.canvas, panel.view.viewport()
    assert canvas.width() > 2 * viewport.width() and canvas.height() > viewport.height()
    bar = panel.view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)                 # looking at the middle columns only
    panel.view.verticalScrollBar().setValue(panel.view.verticalScrollBar().maximum())
    qtbot.wait(20)
    # Clicking a node opens the side view, which is exported beside the graph.
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=panel.node_center("h0", 50))
    assert panel.node_view.isVisible()
    path = tmp_path / "graph.png"
    panel.export(str(path))
    image = QImage(str(path))
    scale = image.width() / panel.export_size().width()          # PNGs may be written at 2x
    assert image.width() >= canvas.width() * scale and image.height() >= (canvas.height()
                                                                         + panel.banner.height()) * scale
    # The first and the last column are both in the file, and so is the side view's width.
    for t in (0, T_LONG - 1):
        assert blue_rows(image, round(panel.node_center("h0", t).x() * scale)) >= 3, t
    assert image.width() >= (canvas.width() + panel.node_view.width()) * scale
    # The SVG too: every node of every column (one image each), not only those scrolled into view.
    svg = tmp_path / "graph.svg"
    panel.export(str(svg))
    text = svg.read_text()
    R = len(frame.nodes)
    assert text.count("<image") >= R * T_LONG
    size = panel.export_size()
    assert f'viewBox="0 0 {size.width()} {size.height()}"' in text


def test_row_labels_stay_in_view_when_the_graph_is_scrolled(qtbot):
    """Scrolled to the end of a long window, the rows are still named at the left edge."""
    panel = shown(qtbot)
    panel.show_frame(synthetic_frame(cell="lstm", layers=1, T=100, phase="updated"))
    bar = panel.view.horizontalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.wait(20)
    canvas = panel.canvas
    image = panel.view.viewport().grab().toImage()
    rows = range(int(canvas.y_rows) + 2, int(canvas.y_rows + len(canvas._ys) * canvas.row_h) - 2, 2)
    band = [image.pixelColor(x, y) for x in range(2, int(canvas.label_w) - 8, 2) for y in rows]
    assert not any(is_blue(c) or is_red(c) for c in band), "nodes show through where the labels belong"
    assert sum(c.lightness() < 100 for c in band) > 10, "the labels' text is drawn"
