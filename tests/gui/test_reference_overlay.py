"""The book's curve behind a live run: the perplexity panel for the DLFS2 presets, the seq2seq lab's
accuracy plot for the variants the book trained (data from rnnviz.runtime.reference_curves)."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from PySide6.QtWidgets import QWidget

from rnnviz.engine.presets import PRESETS
from rnnviz.gui.panels import PerplexityPanel
from rnnviz.gui.panels.perplexity import run_preset
from rnnviz.gui.panels.seq2seq_curves import AccuracyView
from rnnviz.gui.run_configs import preset_configs
from rnnviz.runtime.messages import RunInfo
from rnnviz.runtime.reference_curves import reference_for_lab, reference_for_preset

from .conftest import show_panel
from .test_perplexity_panel import falling_perplexity
from .test_seq2seq_lab import Dialogs, WAIT, make_lab, train_epoch


def drawn(item) -> tuple[np.ndarray, np.ndarray]:
    """The data an item was given (before the log axis transforms it)."""
    return (np.asarray(item.xData if item.xData is not None else []),
            np.asarray(item.yData if item.yData is not None else []))


def run_info(preset: str, source: str, iters_per_epoch: int, **train) -> RunInfo:
    """A built run's info with ``preset``'s settings (``train`` overrides some)."""
    data, model, train_config = preset_configs(PRESETS[preset], source)
    data = {**data, "valid": None, "test": None}            # what the worker adds when loading
    model = model.__class__(**{**vars(model), "vocab_size": 418})
    train_config = train_config.__class__(**{**vars(train_config), **train})
    return RunInfo(corpus_name="ptb", level="word", vocab=None, data=data, model_config=model,
                   train_config=train_config, iteration=0, iters_per_epoch=iters_per_epoch, total_steps=1900,
                   tokens_per_step=50, param_shapes={}, num_parameters=0, description={})


def test_the_ch5_preset_draws_the_books_curve_over_the_run_its_band_behind_and_the_box_hides_it(qtbot):
    panel = show_panel(qtbot, PerplexityPanel(), (700, 360))
    panel.set_run("dlfs2-ch5", 19)
    panel.refresh(falling_perplexity(418.0, 150.0, steps=60))
    ref = reference_for_preset("dlfs2-ch5", 19)
    x, y = drawn(panel.book_curve)
    np.testing.assert_array_equal(x, ref.x)
    np.testing.assert_array_equal(y, ref.y)
    np.testing.assert_array_equal(drawn(panel.book_low)[1], ref.band_low)
    np.testing.assert_array_equal(drawn(panel.book_high)[1], ref.band_high)
    assert panel.reference_shown and panel.book_band.isVisible()
    assert panel.book_row.isVisible() and "the book's code (seed 1; band: seeds 1–5)" in panel.book_key.text()
    # The dashed line over the live curves (a run that follows the book would hide it), the band behind.
    assert panel.book_band.zValue() < panel.raw_curve.zValue() < panel.book_curve.zValue()
    assert panel.smooth_curve.zValue() < panel.book_curve.zValue()
    (x0, x1), _ = panel.plot.vb.viewRange()
    assert x1 < 100, "the book's 1,900 iterations must not widen a 60-step run"

    panel.book_check.click()                    # off
    assert not panel.reference_shown and not panel.book_band.isVisible()
    panel.set_run("dlfs2-ch5", 19)              # a new run of the preset: still off
    assert not panel.reference_shown and not panel.book_check.isChecked()
    panel.book_check.click()                    # on again
    assert panel.reference_shown


def test_ch6_is_drawn_every_20_iterations_and_other_presets_draw_nothing(qtbot):
    panel = show_panel(qtbot, PerplexityPanel())
    panel.set_run("dlfs2-ch6", 1327)
    np.testing.assert_array_equal(drawn(panel.book_curve)[0], reference_for_preset("dlfs2-ch6", 1327).x)
    assert drawn(panel.book_low)[0].size == 0           # one run: no band
    panel.set_run("tale-lstm", 50)
    assert panel.reference is None and not panel.reference_shown and not panel.book_row.isVisible()
    assert drawn(panel.book_curve)[0].size == 0
    panel.set_run(None, 50)
    assert not panel.reference_shown


def test_a_run_is_its_presets_while_its_settings_are(qtbot):
    ptb = "/somewhere/ptb"
    assert run_preset(run_info("dlfs2-ch5", ptb, 19)) == "dlfs2-ch5"
    assert run_preset(run_info("dlfs2-ch5", ptb, 19, eval_every=5)) == "dlfs2-ch5"   # looked at more often
    assert run_preset(run_info("dlfs2-ch5", ptb, 19, lr=0.5)) is None
    assert run_preset(run_info("dlfs2-ch6", ptb, 1327)) == "dlfs2-ch6"
    assert run_preset(SimpleNamespace(**{**vars(run_info("dlfs2-ch5", ptb, 19)),
                                         "data": {"source": ptb, "level": "char"}})) is None
    # The window's info reaches the panel through its parents when a run is built.
    window = QWidget()
    qtbot.addWidget(window)
    window.info = run_info("dlfs2-ch5", ptb, 23)
    panel = PerplexityPanel(window)
    panel.set_vocab(None)
    assert panel.reference is not None and drawn(panel.book_curve)[0][0] == 23


def test_the_accuracy_view_draws_the_variants_book_curve(qtbot):
    view = show_panel(qtbot, AccuracyView())
    view.set_positions(4)
    view.set_variant("addition", "peeky", True)
    ref = reference_for_lab("peeky", True, "addition")
    x, y = drawn(view.book_curve)
    np.testing.assert_array_equal(x, ref.x)
    np.testing.assert_array_equal(y, ref.y)
    assert view.book_curve.isVisible() and "the book's code (its own seed)" in view.key.text()
    view.clear()                                # a new run of the same variant keeps it
    np.testing.assert_array_equal(drawn(view.book_curve)[1], ref.y)
    view.book_check.click()
    assert not view.book_curve.isVisible() and "book's code" not in view.key.text()
    view.book_check.click()
    view.set_variant("date", "plain", False)    # the book did not train it
    assert not view.book_curve.isVisible() and drawn(view.book_curve)[0].size == 0
    assert not view.book_check.isVisible()


def test_the_lab_draws_the_book_curve_of_the_variant_it_built(qtbot, monkeypatch):
    lab = make_lab(qtbot)
    try:
        view = lab.accuracy_view
        plain = reference_for_lab("plain", False, "addition")
        np.testing.assert_array_equal(drawn(view.book_curve)[1], plain.y)
        Dialogs(monkeypatch)
        lab.controls.reverse_box.click()
        qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
        train_epoch(qtbot, lab)
        reverse = reference_for_lab("plain", True, "addition")
        np.testing.assert_array_equal(drawn(view.book_curve)[0], reverse.x)
        np.testing.assert_array_equal(drawn(view.book_curve)[1], reverse.y)
        assert view.book_curve.isVisible() and view.book_check.isVisible()
        lab.controls.attention_box.click()
        qtbot.waitUntil(lambda: lab.builds == 3, timeout=WAIT)
        assert not view.book_curve.isVisible()      # addition with attention: the book has no curve
    finally:
        assert lab.shutdown(timeout=5.0)
