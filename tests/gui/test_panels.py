"""Smoke tests of every panel: real snapshot records in a real History, assertions on item data."""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from rnnviz.engine.snapshots import EvalResult, StepSnapshot
from rnnviz.gui.panels import (PANELS, GradientFlowPanel, GradientsPanel, HiddenStatesPanel, NextTokenPanel,
                               PerplexityPanel, SampleConsolePanel, TextLensPanel, WhSpectrumPanel)
from rnnviz.gui.panels.common import display_token
from rnnviz.gui.panels.sample_console import tint
from rnnviz.runtime.history import History

from .conftest import make_probe, sample_tokens, show_panel, synthetic_history


shown = show_panel


def scene_point(plot: pg.PlotItem, x: float, y: float) -> QPointF:
    """Scene position of view point (x, y), once the view has ranged itself (it does so lazily,
    before painting)."""
    plot.vb.updateAutoRange()
    # ... and its axes have settled their widths, which takes a paint or two: wait until the
    # mapping stops moving (a fixed wait was too short on a busy machine).
    point = None
    for _ in range(40):
        QTest.qWait(30)
        now = plot.vb.mapViewToScene(QPointF(x, y))
        if now == point:
            break
        point = now
    return point


def click_scene(qtbot, view: pg.GraphicsView, point: QPointF) -> None:
    """A real left click (press + release) at a scene point of a pyqtgraph view."""
    pos = view.mapFromScene(point)
    qtbot.mouseMove(view.viewport(), pos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def original(curve: pg.PlotDataItem) -> tuple[np.ndarray, np.ndarray]:
    x, y = curve.getOriginalDataset()
    return (np.zeros(0), np.zeros(0)) if x is None else (x, y)


@pytest.mark.parametrize("cls", PANELS)
def test_every_panel_has_the_interface(qtbot, cls, tmp_path, history_and_vocab):
    history, vocab = history_and_vocab
    panel = shown(qtbot, cls())
    assert panel.TITLE and panel.CAPTION and panel.objectName()
    if hasattr(panel, "set_vocab"):
        panel.set_vocab(vocab)
    panel.refresh(history)
    for suffix in ("png", "svg"):
        path = tmp_path / f"{panel.objectName()}.{suffix}"
        panel.export(str(path))
        data = path.read_bytes()
        assert len(data) > 1000
        assert data.startswith(b"\x89PNG") if suffix == "png" else b"<svg" in data
    with pytest.raises(ValueError, match="png or .svg"):
        panel.export(str(tmp_path / "x.jpg"))
    panel.clear()
    panel.refresh(History())            # an empty history is the empty state, not an error


# The panels fed through their own slots, not from History (their own tests cover their placeholders).
@pytest.mark.parametrize("cls", [c for c in PANELS if c not in (SampleConsolePanel, WhSpectrumPanel, TextLensPanel)])
def test_clear_shows_a_placeholder(qtbot, cls, history_and_vocab):
    panel = shown(qtbot, cls())
    assert panel.showing_placeholder
    panel.refresh(history_and_vocab[0])
    assert not panel.showing_placeholder
    panel.clear()
    assert panel.showing_placeholder and panel.placeholder.text()
    assert panel.placeholder.isVisible()


# -- perplexity ------------------------------------------------------------------------------------

def test_perplexity_curves_and_epoch_marks(qtbot, history_and_vocab):
    history, _ = history_and_vocab          # 600 steps, 200 per epoch, an eval per epoch
    panel = shown(qtbot, PerplexityPanel())
    panel.refresh(history)
    x, y = original(panel.raw_curve)
    np.testing.assert_array_equal(x, history.column("iteration"))
    np.testing.assert_allclose(y, history.column("perplexity"))
    _, smooth = original(panel.smooth_curve)
    np.testing.assert_allclose(smooth, np.exp(history.column("loss_smooth")))
    vx, vy = original(panel.valid_curve)
    np.testing.assert_array_equal(vx, [200, 400, 600])
    np.testing.assert_allclose(vy, history.eval_column("perplexity"))
    assert panel.epoch_mark_positions() == [200.0, 400.0, 600.0]
    assert panel.plot.getAxis("left").logMode


def test_perplexity_downsamples_long_runs(qtbot):
    history, _ = synthetic_history(9000, iters_per_epoch=3000)
    panel = shown(qtbot, PerplexityPanel())
    panel.refresh(history)
    x, _ = original(panel.raw_curve)
    assert len(x) <= 4000 and x[0] == 1


def test_perplexity_hover_readout(qtbot, history_and_vocab):
    history, _ = history_and_vocab
    panel = shown(qtbot, PerplexityPanel())
    panel.refresh(history)
    panel._on_mouse_moved((scene_point(panel.plot, 300.2, 2.0),))
    text = panel.hover_text
    assert "iteration 300" in text and "epoch 1.50" in text
    assert f"{history.column('perplexity')[299]:.1f}" in text
    assert "valid ppl" in text and "at iteration 200" in text
    panel._on_mouse_moved((QPointF(-50, -50),))      # outside the plot: hidden
    assert panel.hover_text == ""


# -- gradients -------------------------------------------------------------------------------------

def test_gradients_data(qtbot, history_and_vocab):
    history, _ = history_and_vocab
    panel = shown(qtbot, GradientsPanel())
    panel.refresh(history)
    x, y = original(panel.global_curve)
    np.testing.assert_allclose(y, history.column("grad_norm"))
    _, clip = original(panel.clip_curve)
    np.testing.assert_allclose(clip, 1.0)
    clipped = history.column("clipped") > 0.5
    assert clipped.any()
    marks_x, marks_y = panel.clip_marks.getData()
    np.testing.assert_array_equal(marks_x, history.column("iteration")[clipped])
    np.testing.assert_allclose(marks_y, np.log10(history.column("grad_norm")[clipped]))
    assert tuple(panel.param_curves) == history.param_names
    px, py = original(panel.param_curves["lstm0.Wh"])
    np.testing.assert_allclose(py, history.param_grad_norms.values[:, history.param_names.index("lstm0.Wh")])


def test_gradients_clip_off_leaves_a_gap(qtbot):
    history = synthetic_history(50, clip=0.0)[0]
    panel = shown(qtbot, GradientsPanel())
    panel.refresh(history)
    assert np.isnan(original(panel.clip_curve)[1]).all()
    assert len(panel.clip_marks.getData()[0]) == 0


def test_gradients_legend_toggles_a_parameter(qtbot, history_and_vocab):
    history, _ = history_and_vocab
    panel = shown(qtbot, GradientsPanel())
    panel.refresh(history)
    curve = panel.param_curves["decoder.W"]
    assert not curve.isVisible()                 # parameters start hidden: one click shows one
    sample = next(s for s, _ in panel.legend.items if s.item is curve)
    click_scene(qtbot, panel.layout_widget, sample.sceneBoundingRect().center())
    assert curve.isVisible()
    panel.refresh(synthetic_history(700, iters_per_epoch=200)[0])
    assert panel.param_curves["decoder.W"].isVisible()    # the choice outlives a redraw
    click_scene(qtbot, panel.layout_widget, sample.sceneBoundingRect().center())
    assert not curve.isVisible()
    global_sample = next(s for s, _ in panel.legend.items if s.item is panel.global_curve)
    click_scene(qtbot, panel.layout_widget, global_sample.sceneBoundingRect().center())
    assert not panel.global_curve.isVisible()


# -- gradient flow ---------------------------------------------------------------------------------

def test_gradient_flow_latest_and_fading(qtbot):
    history, _ = synthetic_history(20, layers=2)
    panel = shown(qtbot, GradientFlowPanel())
    panel.refresh(history)
    iteration, latest = history.flow[-1]
    assert len(panel.latest) == 2
    for k in range(2):
        t, y = original(panel.latest[k])
        np.testing.assert_array_equal(t, np.arange(latest.shape[1]))
        np.testing.assert_allclose(y, latest[k])
    previous = history.flow[-2][1]
    np.testing.assert_allclose(original(panel.faded[1][0])[1], previous[1])
    alphas = [c.opts["pen"].color().alpha() for c in panel.faded[0]]
    assert alphas == sorted(alphas, reverse=True) and alphas[0] < 255
    assert [label.text for _, label in panel.legend.items] == ["layer 0", "layer 1"]
    assert "step 20" in panel.plot.titleLabel.text
    panel.refresh(synthetic_history(5, layers=1)[0])        # a shallower model rebuilds the curves
    assert len(panel.latest) == 1 and len(panel.legend.items) == 1
    assert sum(len(original(c)[0]) > 0 for c in panel.faded[0]) == 4


# -- hidden states ---------------------------------------------------------------------------------

def test_hidden_states_image_and_quantities(qtbot, history_and_vocab):
    history, _ = history_and_vocab
    probe = history.latest_probe
    panel = shown(qtbot, HiddenStatesPanel())
    panel.refresh(history)
    layer = probe.layers[0]
    T, H = layer.hidden.shape
    assert panel.image.image.shape == (H, T)
    np.testing.assert_array_equal(panel.image.image, layer.hidden.T)
    assert panel.colorbar.levels() == (-1.0, 1.0)
    assert [panel.quantity_combo.itemData(i) for i in range(panel.quantity_combo.count())] == \
        ["hidden", "cell", "i", "f", "o", "g"]
    panel.quantity_combo.setCurrentIndex(panel.quantity_combo.findData("f"))
    np.testing.assert_array_equal(panel.image.image, layer.gates["f"].T)
    assert panel.colorbar.levels() == (0.0, 1.0)
    panel.quantity_combo.setCurrentIndex(panel.quantity_combo.findData("cell"))
    low, high = panel.colorbar.levels()
    assert low == -high == -np.abs(layer.cell).max()
    assert panel.token_axis.tokens[:3] == [display_token(t)[:10] for t in probe.input_tokens[:3]]


def test_hidden_states_gru_and_layers(qtbot):
    history, _ = synthetic_history(10, cell="gru", layers=2, hidden_size=8)
    panel = shown(qtbot, HiddenStatesPanel())
    panel.refresh(history)
    assert panel.layer_combo.count() == 2
    assert [panel.quantity_combo.itemData(i) for i in range(panel.quantity_combo.count())] == \
        ["hidden", "r", "z", "n"]
    panel.layer_combo.setCurrentIndex(1)
    np.testing.assert_array_equal(panel.image.image, history.latest_probe.layers[1].hidden.T)


def test_hidden_states_hover_and_click_select(qtbot, history_and_vocab):
    history, _ = history_and_vocab
    probe = history.latest_probe
    panel = shown(qtbot, HiddenStatesPanel())
    panel.refresh(history)
    panel._on_mouse_moved((scene_point(panel.plot, 5.1, 3.2),))
    text = panel.hover_text
    value = probe.layers[0].hidden[5, 3]
    assert "unit 3, t = 5" in text and f"h = {value:+.3f}" in text
    assert display_token(probe.input_tokens[5]) in text
    with qtbot.waitSignal(panel.time_selected, timeout=1000) as signal:
        click_scene(qtbot, panel.layout_widget, scene_point(panel.plot, 7.2, 10.0))
    assert signal.args == [7]
    assert panel.highlight.isVisible() and panel.highlight.rect().center().x() == pytest.approx(7.0)
    panel.set_selected_time(2)                   # set from outside: no signal, highlight moves
    assert panel.highlight.rect().center().x() == pytest.approx(2.0)
    assert f"'{display_token(probe.input_tokens[2])}'" in panel.plot.titleLabel.text


def test_token_axis_labels_every_token_upright_or_thinned(qtbot, history_and_vocab):
    history, _ = history_and_vocab
    panel = shown(qtbot, HiddenStatesPanel())
    panel.refresh(history)
    axis = panel.token_axis
    assert axis.rotated and axis.step == 1       # 35 words in 700 px: upright, all shown
    panel.resize(250, 400)
    qtbot.wait(10)
    assert axis.step > 1                         # too narrow even upright: every k-th token


# -- next token ------------------------------------------------------------------------------------

def test_next_token_bars_target_and_context(qtbot, history_and_vocab):
    history, vocab = history_and_vocab
    probe = history.latest_probe
    panel = shown(qtbot, NextTokenPanel())
    panel.set_vocab(vocab)
    panel.refresh(history)
    T = len(probe.input_tokens)
    t = T - 1                                    # the default: the last step; its target is missing
    assert probe.target_ids[t] not in probe.top_ids[t]
    np.testing.assert_allclose(panel.bar_heights(), np.r_[probe.top_probs[t], probe.target_probs[t]],
                               rtol=1e-6)
    ticks = panel.plot.getAxis("left")._tickLevels[0]
    assert ticks[0][1] == display_token(vocab.tokens[probe.top_ids[t][0]])
    assert ticks[-1][1].startswith(display_token(probe.target_tokens[t]))
    label = panel.target_label.text()
    assert f"p = {probe.target_probs[t]:.3f}" in label and f"−log p = {probe.step_losses[t]:.2f}" in label
    assert "not in the top 10" in label
    assert display_token(probe.input_tokens[t]) in panel.context_label.text()

    panel.set_selected_time(3)                   # rank 3 -> target is the 4th bar, highlighted
    heights = panel.bar_heights()
    assert len(heights) == 10
    brushes = panel.bars.opts["brushes"]
    orange = [i for i, b in enumerate(brushes) if b.color().name() == pg.mkColor("#ff7f0e").name()]
    assert orange == [3]
    assert "rank 4 of the top 10" in panel.target_label.text()


def test_next_token_slider_emits_time_and_ids_without_vocab(qtbot, history_and_vocab):
    history, _ = history_and_vocab
    panel = shown(qtbot, NextTokenPanel())
    panel.refresh(history)
    assert panel.plot.getAxis("left")._tickLevels[0][0][1].startswith("#")
    with qtbot.waitSignal(panel.time_selected, timeout=1000) as signal:
        panel.time_slider.setValue(5)
    assert signal.args == [5] and panel.current_time() == 5
    with qtbot.assertNotEmitted(panel.time_selected):
        panel.set_selected_time(8)
    assert panel.time_slider.value() == 8


def test_char_level_context_keeps_spaces_and_shows_newlines(qtbot):
    from rnnviz.engine.data import load_corpus
    corpus = load_corpus("tale", "char")
    ids = corpus.train[:31]                      # "The Keeper of the Grey Light\n\n" and one more
    history = History()
    stats = synthetic_history(1)[0].latest_stats
    history.add(StepSnapshot(stats, make_probe(corpus.vocab, ids, 1, hidden_size=4)))
    panel = shown(qtbot, NextTokenPanel())
    panel.set_vocab(corpus.vocab)
    panel.refresh(history)
    text = panel.context_label.text()
    assert "of the Grey Light⏎" in text and "␣" not in text


def test_a_click_in_hidden_states_selects_the_next_token_step(qtbot, history_and_vocab):
    """Wired as the window wires them: one click selects the time step in both panels."""
    history, vocab = history_and_vocab
    hidden, nxt = shown(qtbot, HiddenStatesPanel()), shown(qtbot, NextTokenPanel())
    hidden.time_selected.connect(nxt.set_selected_time)
    nxt.time_selected.connect(hidden.set_selected_time)
    nxt.set_vocab(vocab)
    for panel in (hidden, nxt):
        panel.refresh(history)
    click_scene(qtbot, hidden.layout_widget, scene_point(hidden.plot, 9.0, 1.0))
    assert nxt.current_time() == 9 and nxt.time_slider.value() == 9
    nxt.time_slider.setValue(4)
    assert hidden.selected_time == 4


# -- sample console --------------------------------------------------------------------------------

def test_sample_console_requests(qtbot):
    console = shown(qtbot, SampleConsolePanel())
    console.prefix.setText("the sea")
    console.length.setValue(30)
    console.temperature.setValue(0.7)
    console.top_k.setValue(5)
    with qtbot.waitSignal(console.sample_requested, timeout=1000) as signal:
        qtbot.mouseClick(console.generate_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == {"prefix": "the sea", "length": 30, "temperature": 0.7, "top_k": 5,
                              "greedy": False, "seed": None, "stop_at_eos": False}   # no run: no <eos>
    console.seed.setValue(42)
    console.greedy.setChecked(True)
    assert not console.temperature.isEnabled() and not console.top_k.isEnabled()
    with qtbot.waitSignal(console.sample_requested, timeout=1000) as signal:
        qtbot.keyClick(console.prefix, Qt.Key.Key_Return)
    assert signal.args[0]["seed"] == 42 and signal.args[0]["greedy"] is True
    for name in ("prefixEdit", "lengthSpin", "temperatureSpin", "topKSpin", "greedyCheck",
                 "sampleSeed", "sampleButton", "sampleOutput"):
        assert console.findChild(object, name) is not None, name


def test_sample_console_streams_tinted_tokens_with_tooltips(qtbot):
    console = shown(qtbot, SampleConsolePanel())
    words = ["keeper", "climbed", "<eos>", "the", "stairs"]
    tokens, result = sample_tokens(words)
    console.set_vocab(synthetic_history(1)[1])
    console.begin_sample("the")
    assert not console.generate_button.isEnabled() and console.stop_button.isEnabled()
    with qtbot.waitSignal(console.stop_requested, timeout=1000):
        qtbot.mouseClick(console.stop_button, Qt.MouseButton.LeftButton)
    for tok in tokens:
        console.append_token(tok)
    console.finish_sample(result)
    assert console.generate_button.isEnabled() and not console.stop_button.isEnabled()
    assert console.output.toPlainText() == "the keeper climbed⏎\nthe stairs"
    assert "5 tokens" in console.status.text()
    # Each generated token carries its probability tint and its alternatives.
    doc = console.output.document()
    cursor = doc.find("the")                     # the prefix; tokens follow it in order
    assert cursor.charFormat().toolTip() == ""   # the prefix stays plain
    for tok in tokens:
        cursor = doc.find("⏎" if tok.token == "<eos>" else tok.token, cursor.selectionEnd())
        fmt = cursor.charFormat()
        assert fmt.background().color().name() == tint(tok.prob).name()
        assert f"p = {tok.prob:.3f}" in fmt.toolTip()
        assert all(html.escape(display_token(alt)) in fmt.toolTip() for alt in tok.top_tokens)
    # Hover lookup: the middle of "climbed" gives its tooltip.
    cursor = doc.find("climbed")
    cursor.setPosition(cursor.selectionStart() + 3)
    rect = console.output.cursorRect(cursor)
    assert "climbed" in console.output.tooltip_at(rect.center())
    assert tint(0.01).name() != tint(0.99).name()


def test_sample_console_error_and_char_level(qtbot):
    console = shown(qtbot, SampleConsolePanel())
    console.begin_sample("ab")
    tokens, _ = sample_tokens(["c", "\n", "d"])
    for tok in tokens:
        console.append_token(tok)
    console.finish_sample(None, error="prefix has characters the model never saw: 'é'")
    assert console.output.toPlainText() == "abc⏎\nd"           # characters are not spaced
    assert "never saw" in console.status.text()
    assert console.generate_button.isEnabled()
    console.clear()
    assert console.output.toPlainText() == "" and console.output.placeholderText()


# -- speed and a real run --------------------------------------------------------------------------

def test_a_long_run_is_drawn_from_downsampled_series(qtbot):
    """100k steps: the curve panels hand pyqtgraph a few thousand points, spikes kept.

    What this costs in milliseconds is measured by ``python -m rnnviz.gui.measure`` (a
    benchmark), not asserted here: wall-clock limits fail on a busy machine.
    """
    short, _ = synthetic_history(200)
    arrays = short.to_arrays()
    n = 100_000
    long_arrays = {k: np.resize(v, (n,) + v.shape[1:]) for k, v in arrays.items()
                   if k.startswith(("history.step", "history.param_grad", "history.param_norms"))}
    long_arrays["history.step.iteration"] = np.arange(1, n + 1, dtype=np.float64)
    long_arrays["history.step.epoch_fraction"] = np.arange(1, n + 1) / 1000.0
    long_arrays["history.step.grad_norm"][54_321] = 1e4          # one spike in 100k steps
    long_arrays["history.param_names"] = arrays["history.param_names"]
    history = History.from_arrays(long_arrays)
    for i in range(1, 11):
        history.add(EvalResult(iteration=i * 10_000, epoch_fraction=i * 10.0, split="valid",
                               perplexity=100.0, seconds=0.1))
    for cls in (PerplexityPanel, GradientsPanel):
        panel = shown(qtbot, cls())
        panel.refresh(history)
        curves = [item for view in panel.findChildren(pg.GraphicsView) for item in view.scene().items()
                  if isinstance(item, pg.PlotDataItem)]
        sizes = [len(original(curve)[0]) for curve in curves]
        # A min and a max per pixel column of the plot (never wider than its panel), whatever
        # the run's length.
        assert max(sizes) > 100 and max(sizes) <= max(200, 2 * panel.width()), (cls.__name__, sizes)
    grad = panel.global_curve
    assert original(grad)[1].max() == 1e4, "min/max decimation keeps the spike"


def test_panels_show_a_real_training_run(qtbot):
    """A tiny real Session: its snapshots in a History refresh every panel (no mocks)."""
    from rnnviz.engine.config import ModelConfig, TrainConfig
    from rnnviz.engine.data import load_corpus
    from rnnviz.engine.snapshots import SampleResult, SampleToken
    from rnnviz.engine.trainer import Session
    corpus = load_corpus("tale", "char")
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=16,
                                          cell="lstm"),
                      TrainConfig(batch_size=4, bptt=8, optimizer="adam", lr=0.01, epochs=1, eval_every=5))
    session.probe_every = 3
    history = History()
    history.extend(session.run(10))
    assert len(history) == 10 and history.latest_probe is not None
    panels = {cls: shown(qtbot, cls()) for cls in PANELS}
    for panel in panels.values():
        if hasattr(panel, "set_vocab"):
            panel.set_vocab(corpus.vocab)
        panel.refresh(history)
    assert len(original(panels[PerplexityPanel].raw_curve)[0]) == 10
    assert len(original(panels[PerplexityPanel].valid_curve)[0]) == 2
    assert len(panels[GradientsPanel].param_curves) == len(session.model.params)
    assert len(original(panels[GradientFlowPanel].latest[0])[0]) == 8
    assert panels[HiddenStatesPanel].image.image.shape == (16, 8)
    assert len(panels[NextTokenPanel].bar_heights()) >= 10
    console = panels[SampleConsolePanel]
    console.begin_sample("The ")
    for item in session.iter_sample("The ", 12, seed=1):
        if isinstance(item, SampleToken):
            console.append_token(item)
        else:
            assert isinstance(item, SampleResult)
            console.finish_sample(item)
    assert console.output.toPlainText().startswith("The ")
    assert len(console.output.toPlainText()) > len("The ") + 5
