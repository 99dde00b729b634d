"""The W_h spectrum view in the window, with its real worker: s moved, a report drawn, the book's
experiment, W_h scaled on the model after a confirmation, and both languages."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from rnnviz.engine.spectrum import book_gradient_norms, first_window, gradient_through_time, last_step_only
from rnnviz.gui import i18n
from rnnviz.gui.panels.common import positive

from .conftest import small_window
from .test_main_window import Dialogs


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch, answer=QMessageBox.Yes)


@pytest.fixture
def window(qtbot, tmp_path, dialogs):
    with small_window(qtbot, tmp_path, size=(1600, 1000), cell="rnn", train=20) as win:
        win.docks["whSpectrumPanel"].raise_()
        yield win


def drawn(curve) -> np.ndarray:
    return curve.getOriginalDataset()[1]


def test_moving_s_asks_and_the_report_redraws_the_curve(window, qtbot):
    panel = window.panels["whSpectrumPanel"]
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.iteration == 20, timeout=10_000)
    assert not panel.showing_placeholder and panel.apply_button.isEnabled() is False       # s = 1
    with qtbot.waitSignal(panel.spectrum_requested, timeout=2_000) as asked:
        panel.set_scale(0.5)
    assert asked.args[:2] == [0.5, False]
    qtbot.waitUntil(lambda: panel.report.scale == 0.5, timeout=10_000)
    session = window.worker.session
    train = session.train_config
    xs, ts = first_window(session.corpus.train, train.batch_size, train.bptt)
    expected = gradient_through_time(session.model, xs, last_step_only(ts), 0.5)
    np.testing.assert_array_equal(panel.report.norms, expected)
    np.testing.assert_array_equal(drawn(panel.norm_curves[0]), positive(expected[0]))
    assert panel.readout.text() == f"s = 0.50 · s·σ_max = {panel.report.scaled_sigma_max:.2f}"
    assert panel.apply_button.isEnabled()
    # Training goes on and the view follows it: a newer step brings a newer report.
    window.train_steps(5)
    qtbot.waitUntil(lambda: panel.report.iteration == 25, timeout=10_000)


def test_the_books_mode_draws_the_books_curves(window, qtbot):
    panel = window.panels["whSpectrumPanel"]
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10_000)
    panel.mode_combo.setCurrentIndex(1)
    panel.set_scale(0.8)
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.book and panel.report.scale == 0.8, timeout=10_000)
    np.testing.assert_array_equal(drawn(panel.norm_curves[0]), book_gradient_norms(0.8))
    np.testing.assert_array_equal(drawn(panel.references[0]), book_gradient_norms(1.0))
    np.testing.assert_array_equal(drawn(panel.references[1]), book_gradient_norms(0.5))
    assert not panel.apply_button.isEnabled()
    assert panel._sweep is not None and len(drawn(panel.sweep_curves[0])) == len(panel._sweep.sweep_scales)


def test_apply_asks_then_scales_the_model_and_rewind_offers_the_step_before(window, qtbot, dialogs):
    panel = window.panels["whSpectrumPanel"]
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10_000)
    before = window.worker.session.model.params["rnn0.Wh"].copy()
    panel.set_scale(0.8)
    qtbot.waitUntil(lambda: panel.report.scale == 0.8, timeout=10_000)
    panel.apply_button.click()
    assert [c[0] for c in dialogs.calls] == ["question"] and "0.80" in dialogs.calls[0][2]
    qtbot.waitUntil(lambda: 20 in window.rewind_points and window.statusBar().currentMessage().startswith(
        "W_h scaled by 0.80 at step 20"), timeout=10_000)
    np.testing.assert_array_equal(window.worker.session.model.params["rnn0.Wh"], before * np.float32(0.8))
    assert panel.scale == 1.0
    qtbot.waitUntil(lambda: panel.report.scale == 1.0, timeout=10_000)


def test_a_no_answers_leaves_the_model(window, qtbot, monkeypatch):
    Dialogs(monkeypatch, answer=QMessageBox.No)
    panel = window.panels["whSpectrumPanel"]
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10_000)
    before = window.worker.session.model.params["rnn0.Wh"].copy()
    panel.set_scale(1.5)
    qtbot.waitUntil(lambda: panel.report.scale == 1.5, timeout=10_000)
    seen = []
    show = panel.show_report
    monkeypatch.setattr(panel, "show_report", lambda report: (seen.append(report.scale), show(report)))
    panel.apply_button.click()
    window.worker.spectrum(0.25)                 # answered after anything the click sent
    qtbot.waitUntil(lambda: 0.25 in seen, timeout=10_000)
    np.testing.assert_array_equal(window.worker.session.model.params["rnn0.Wh"], before)


def test_language_switch_redoes_the_texts(window, qtbot):
    panel = window.panels["whSpectrumPanel"]
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10_000)
    try:
        i18n.set_language("ko", window.settings)
        assert panel.mode_combo.itemText(1) == i18n.translate("wh_spectrum", "The book's experiment (ch06)")
        assert panel.apply_button.text() == i18n.translate("wh_spectrum", "Apply s to the model…")
    finally:
        i18n.set_language("en", window.settings)
    assert panel.mode_combo.itemText(0) == "This model" and panel.page_buttons[1].text() == "Spectrum"
    assert window.docks["whSpectrumPanel"].windowTitle() == "W_h spectrum"


def test_alone_the_panel_asks_only_when_shown_and_says_when_there_is_no_model(qtbot):
    from rnnviz.engine.spectrum import book_report, no_model_report
    from rnnviz.gui.panels.wh_spectrum import WhSpectrumPanel

    from .conftest import show_panel
    panel = WhSpectrumPanel()
    asked = []
    panel.spectrum_requested.connect(lambda *args: asked.append(args))
    panel.set_scale(0.5)
    qtbot.wait(120)
    assert asked == []                                   # hidden: nothing asked
    show_panel(qtbot, panel, (700, 500))
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=2_000)
    assert asked[0] == (0.5, False, True)
    panel.show_report(no_model_report(0.5))
    assert panel.showing_placeholder and "No model yet" in panel.placeholder.text()
    panel.mode_combo.setCurrentIndex(1)
    assert asked[-1] == (0.5, True, True)
    panel.show_report(book_report(0.5, sweep=True))
    assert not panel.showing_placeholder and panel._layout_kind == "grid"
    np.testing.assert_array_equal(drawn(panel.norm_curves[0]), book_gradient_norms(0.5))
