"""Run > Check gradients… in the window, with its real worker: the dialog shows the engine's report
(one row per parameter, pass; a wrong gradient named in red), copies it as text, asks for a model first when there is none, and
follows a language switch."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtGui import QAction, QGuiApplication

from rnnviz.engine.grad_report import check_model, check_session
from rnnviz.gui import i18n
from rnnviz.gui.gradcheck_dialog import FAIL_COLOUR, GradCheckDialog, error_text
from rnnviz.gui.main_window import MainWindow
from rnnviz.runtime.messages import PAUSED

from ..engine.test_grad_report import WrongWh, batch
from ..engine.test_models import randomized_model
from .test_main_window import Dialogs

STEPS = 5


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


def make_window(qtbot, tmp_path, cell="gru"):
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), worker="thread")
    qtbot.addWidget(win)
    form = win.experiment
    form.hidden_spin.setValue(24)
    form.embed_spin.setValue(12)
    form.bptt_spin.setValue(12)
    form.cell_combo.setCurrentIndex(form.cell_combo.findData(cell))
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, tmp_path, dialogs):
    win = make_window(qtbot, tmp_path)
    assert win.start()
    qtbot.waitUntil(lambda: win.info is not None, timeout=10_000)
    win.train_steps(STEPS)
    qtbot.waitUntil(lambda: win.iteration == STEPS and win.state == PAUSED, timeout=20_000)
    yield win
    win.interactive = False
    win.close()


def checked(window, qtbot) -> GradCheckDialog:
    window.findChild(QAction, "actionCheckGradients").trigger()
    dialog = window.findChild(GradCheckDialog, "gradCheckDialog")
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    return dialog


def column(dialog, c: int) -> list[str]:
    return [dialog.table.item(r, c).text() for r in range(dialog.table.rowCount())]


def test_the_action_shows_a_row_per_parameter_and_the_verdict(window, qtbot):
    dialog = checked(window, qtbot)
    report = dialog.report
    shapes = window.info.param_shapes
    assert column(dialog, 0) == list(shapes) and len(shapes) == 7            # a GRU has bhn too
    assert column(dialog, 1) == [" × ".join(map(str, s)) for s in shapes.values()]
    assert column(dialog, 2) == ["5"] * 7 and column(dialog, 3) == ["3"] * 7
    assert column(dialog, 6) == ["✓"] * 7 and report.passed
    # The engine's figures, as the worker measured them: the same check of the same session.
    again = check_session(window.worker.session)
    assert column(dialog, 4) == [error_text(p.max_error) for p in again.params]
    assert all(cell == "0" or "e-" in cell for cell in column(dialog, 4) + column(dialog, 5))
    assert dialog.verdict.text().startswith("✓ Pass")
    assert "step 6" in dialog.header.text() and "GRU" in dialog.header.text()
    method = dialog.method.text()
    assert "ε = 1e-05" in method and "at most 1e-06" in method and "float64 copy" in method
    assert "carries into it" in method and "12 time steps" in method
    # Nothing moved: the run is where it was and trains on.
    assert window.iteration == STEPS and window.state == PAUSED and window.worker.session.iteration == STEPS
    dialog.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert all(name in text for name in shapes) and "✓ Pass" in text and "Max relative error" in text
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_before_any_model_the_action_says_to_build_one(qtbot, tmp_path, dialogs):
    win = make_window(qtbot, tmp_path)
    try:
        win.findChild(QAction, "actionCheckGradients").trigger()
        win._show_pending_dialogs()
        assert dialogs.of("information") == [("information", "Nothing to check",
                                              "Build a model first (Apply), then check its gradients.")]
        assert win.findChild(GradCheckDialog) is None
    finally:
        win.interactive = False
        win.close()


def test_a_failing_parameter_is_named_in_red(qtbot):
    good = randomized_model("lstm", 2, "onehot", False)
    broken = WrongWh(good.config)
    for name, p in good.params.items():
        broken.params[name][...] = p
    dialog = GradCheckDialog()
    qtbot.addWidget(dialog)
    dialog.show_report(check_model(broken, *batch(), iteration=41))
    marks = column(dialog, 6)
    assert marks == ["✓", "✗", "✓", "✓", "✓", "✓", "✓", "✓"] and column(dialog, 0)[1] == "lstm0.Wh"
    assert dialog.table.item(1, 6).foreground().color() == FAIL_COLOUR
    assert dialog.verdict.text() == ("✗ Fail: the central differences disagree with the analytic gradient of "
                                     "lstm0.Wh (1 of 8 parameters).")
    assert float(column(dialog, 5)[1]) > 1e-4 and "step 42" in dialog.header.text()


class Catalogue(QTranslator):
    """A few of the dialog's Korean strings, as the merged catalogue will give them."""

    TABLE = {"Parameter": "매개변수", "Pass": "통과", "Close": "닫기", "Gradient check": "기울기 검사"}

    def translate(self, context, source, disambiguation=None, n=-1):
        return self.TABLE.get(source, "") if context == "gradcheck_dialog" else ""

    def isEmpty(self):
        return False


def test_the_dialog_follows_a_language_switch(window, qtbot):
    dialog = checked(window, qtbot)
    header = dialog.table.horizontalHeaderItem
    assert (header(0).text(), header(6).text(), dialog.close_button.text()) == ("Parameter", "Pass", "Close")
    catalogue = Catalogue()
    QGuiApplication.instance().installTranslator(catalogue)
    try:
        window.findChild(QAction, "actionLanguage_ko").trigger()
        assert i18n.language() == "ko"
        assert (header(0).text(), header(6).text(), dialog.close_button.text()) == ("매개변수", "통과", "닫기")
        assert dialog.windowTitle() == "기울기 검사"
        assert dialog.table.rowCount() == 7 and column(dialog, 6) == ["✓"] * 7       # the report stays
    finally:
        QGuiApplication.instance().removeTranslator(catalogue)
        window.findChild(QAction, "actionLanguage_en").trigger()
    assert (header(0).text(), dialog.windowTitle()) == ("Parameter", "Gradient check")


def test_a_check_that_fails_in_the_worker_says_so_in_the_dialog(window, qtbot, monkeypatch):
    from rnnviz.engine import grad_report

    def broken(*args, **kwargs):
        raise MemoryError()
    monkeypatch.setattr(grad_report, "check_session", broken)      # the thread worker imports it when asked
    window.findChild(QAction, "actionCheckGradients").trigger()
    dialog = window.findChild(GradCheckDialog, "gradCheckDialog")
    qtbot.waitUntil(lambda: not dialog.waiting, timeout=20_000)
    assert "could not run" in dialog.header.text() and "memory" in dialog.header.text()
    assert dialog.table.rowCount() == 0 and not dialog.copy_button.isEnabled()
    assert window.messages[-1][0] == "Could not check the gradients"
