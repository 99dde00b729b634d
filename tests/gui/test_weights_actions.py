"""File > Export weights and File > Import weights through the menu, with a real worker: the
exported file comes back as a run at step 0 holding the same weights, which probes, samples and
trains; a file the worker refuses is one dialog and the run stays."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from rnnviz.engine.weights_io import import_weights
from rnnviz.gui.main_window import MainWindow
from rnnviz.runtime.messages import PAUSED

from .conftest import small_window
from .test_main_window import Dialogs


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch, answer=QMessageBox.Yes)


@pytest.fixture
def window(qtbot, tmp_path, dialogs):
    with small_window(qtbot, tmp_path, cell="gru", layers=2) as win:
        yield win


def menu_action(window, name):
    action = window.findChild(type(window.menuBar().actions()[0]), name)
    assert action is not None and action.text()
    return action


def choose(monkeypatch, *paths):
    """The file dialogs answer with ``paths`` in turn."""
    answers = [str(p) for p in paths]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (answers.pop(0), "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (answers.pop(0), "")))


def test_export_then_import_through_the_menu(window, qtbot, tmp_path, monkeypatch, dialogs):
    window.train_steps(6)
    qtbot.waitUntil(lambda: window.iteration == 6 and window.state == PAUSED, timeout=20_000)
    trained = {k: p.copy() for k, p in window.worker.session.model.params.items()}
    weights = tmp_path / "gru"                                       # the suffix is added
    choose(monkeypatch, weights)
    menu_action(window, "actionExportWeights").trigger()
    qtbot.waitUntil(lambda: "Exported the weights at step 6" in window.statusBar().currentMessage(), timeout=10_000)
    weights = tmp_path / "gru.safetensors"
    assert weights.is_file() and (tmp_path / "gru.vocab.txt").is_file()

    # The form's corpus is where the imported model trains on (the file says GRU, 2 layers, H = 16).
    window.experiment.cell_combo.setCurrentIndex(window.experiment.cell_combo.findData("lstm"))
    choose(monkeypatch, weights)                                    # the vocabulary beside it is found
    menu_action(window, "actionImportWeights").trigger()
    qtbot.waitUntil(lambda: "Imported gru.safetensors" in window.statusBar().currentMessage(), timeout=10_000)
    assert [c[1] for c in dialogs.of("question")] == ["Import weights"]       # 6 unsaved steps
    info = window.info
    assert info.iteration == 0 and window.iteration == 0 and info.model_config.cell == "gru"
    assert window.experiment.cell_combo.currentData() == "gru" and window.experiment.layers_spin.value() == 2
    session = window.worker.session
    expected = import_weights(weights).params
    for key, p in trained.items():
        np.testing.assert_array_equal(session.model.params[key], p, err_msg=key)
        np.testing.assert_array_equal(expected[key], p, err_msg=key)

    # Ready to probe, sample and train on.
    window.step()
    qtbot.waitUntil(lambda: window.iteration == 1 and window.history.latest_probe is not None, timeout=10_000)
    window.request_sample({"prefix": "The", "length": 8, "seed": 3})
    output = window.panels["samplePanel"].output
    qtbot.waitUntil(lambda: len(output.toPlainText()) >= 8, timeout=10_000)
    window.train_steps(4)
    qtbot.waitUntil(lambda: window.iteration == 5 and window.state == PAUSED, timeout=20_000)
    assert not dialogs.of("critical")


def test_a_refused_file_is_one_dialog_and_the_run_stays(window, qtbot, tmp_path, monkeypatch, dialogs):
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"\x02\0\0\0\0\0\0\0{}")
    vocab = tmp_path / "v.txt"
    vocab.write_text("a\nb\n")
    choose(monkeypatch, bad, vocab)                  # no bad.vocab.txt beside it: the vocabulary is asked for
    before = window.info
    assert window.import_weights()
    qtbot.waitUntil(lambda: bool(dialogs.of("critical")), timeout=10_000)
    (_, title, text), = dialogs.of("critical")
    assert title == "Could not import the weights" and text.startswith(str(bad)) and "\n" not in text
    assert window.info is before


def test_export_without_a_model_says_so(qtbot, tmp_path, dialogs):
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), worker="thread")
    qtbot.addWidget(win)
    try:
        assert not win.export_weights(str(Path(tmp_path) / "x.safetensors"))
        assert [m[0] for m in win.messages] == ["Nothing to export"]       # shown at the next tick
    finally:
        win.interactive = False
        win.close()
