"""The window with its default worker: the training loop in a child process.

Everything is observed the way a user would, through the window and the events the child
sends back (the session itself lives in the other process).
"""
from __future__ import annotations

import os
import signal

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QProgressBar

from rnnviz.engine.checkpoint import load_checkpoint
from rnnviz.engine.snapshots import EvalResult
from rnnviz.gui.main_window import MainWindow
from rnnviz.runtime.messages import PAUSED, TRAINING, Progress

from .soak import train_and_paint


@pytest.fixture
def dialogs(monkeypatch):
    """Records (kind, title, text) of every message box instead of opening it."""
    calls = []
    for kind in ("critical", "warning", "information", "question"):
        answer = QMessageBox.Yes if kind == "question" else QMessageBox.Ok

        def record(parent, title, text, *args, _kind=kind, _answer=answer, **kwargs):
            calls.append((_kind, title, text))
            return _answer
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record))
    return calls


@pytest.fixture
def window(qtbot, tmp_path, dialogs):
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), worker="process")
    qtbot.addWidget(win)
    form = win.experiment
    form.hidden_spin.setValue(32)
    form.embed_spin.setValue(16)
    form.batch_spin.setValue(32)
    form.bptt_spin.setValue(16)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    assert win.start()
    qtbot.waitUntil(lambda: win.info is not None, timeout=20_000)
    yield win
    if win.worker.is_alive():
        win.interactive = False         # teardown: nothing to ask, whatever a test patched
        win.close()


def wait_paused(window, qtbot):
    qtbot.waitUntil(lambda: window.state == PAUSED, timeout=10_000)
    qtbot.wait(150)          # events already in the pipe arrive


def test_play_pause_step_in_a_child_process(window, qtbot):
    assert window.worker_kind == "process" and window.worker.session is None
    qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: window.iteration >= 5, timeout=20_000)
    assert window.state == TRAINING
    qtbot.keyClick(window, Qt.Key_Space)
    wait_paused(window, qtbot)
    stopped = window.iteration
    qtbot.wait(500)
    assert window.iteration == stopped
    qtbot.keyClick(window, Qt.Key_S)
    qtbot.waitUntil(lambda: window.iteration == stopped + 1, timeout=10_000)
    qtbot.wait(300)
    assert window.iteration == stopped + 1
    assert window.history.latest_probe.iteration == stopped + 1


def test_learning_rate_reaches_the_child(window, qtbot):
    window.experiment.lr_spin.setValue(0.0123)
    window.step()
    qtbot.waitUntil(lambda: window.iteration == 1, timeout=10_000)
    assert window.history.latest_stats.lr == pytest.approx(0.0123)


def test_evaluation_progress_crosses_from_the_child(window, qtbot):
    window.timer.stop()                 # take the events as they come, before tick() would
    window.worker.evaluate()
    events: list = []
    qtbot.waitUntil(lambda: events.extend(window.worker.mailbox.drain())
                    or any(isinstance(e, EvalResult) for e in events), timeout=20_000)
    progress = [e for e in events if isinstance(e, Progress)]
    total = progress[0].total
    assert progress[0] == Progress("evaluate", "Evaluating validation", 0, total) and total > 1
    assert progress[-1] == Progress("evaluate", "Evaluating validation", total, total, finished=True)
    busy = window.findChild(QProgressBar, "busyIndicator")
    window._dispatch(progress[len(progress) // 2])
    assert busy.isVisible() and busy.maximum() == total
    for event in events:
        window._dispatch(event)
    assert not busy.isVisible() and len(window.history.eval_column("perplexity")) == 1


def test_sample_starts_with_the_prefix(window, qtbot):
    window.train_steps(5)
    qtbot.waitUntil(lambda: window.iteration == 5, timeout=10_000)
    window.request_sample({"prefix": "The keeper ", "length": 30, "temperature": 1.0, "top_k": 0,
                           "greedy": False, "seed": 3})
    qtbot.waitUntil(lambda: window.history.latest_sample is not None, timeout=10_000)
    assert window.history.latest_sample.text.startswith("The keeper ")


def test_save_then_open_restores_iteration_and_parameters(window, qtbot, tmp_path):
    window.train_steps(6)
    qtbot.waitUntil(lambda: window.iteration == 6, timeout=10_000)
    wait_paused(window, qtbot)
    first = tmp_path / "a.npz"
    window.save_checkpoint(str(first))
    qtbot.waitUntil(first.exists, timeout=10_000)
    window.train_steps(4)
    qtbot.waitUntil(lambda: window.iteration == 10, timeout=10_000)
    wait_paused(window, qtbot)
    window.open_checkpoint(str(first))
    qtbot.waitUntil(lambda: window.iteration == 6, timeout=10_000)
    assert len(window.history) == 6
    second = tmp_path / "b.npz"
    window.save_checkpoint(str(second))
    qtbot.waitUntil(second.exists, timeout=10_000)
    a, b = load_checkpoint(first), load_checkpoint(second)
    assert a.step == b.step == 6
    for name in a.model.params:
        np.testing.assert_array_equal(a.model.params[name], b.model.params[name])


def test_closing_while_training_ends_the_child(window, qtbot):
    window.play()
    qtbot.waitUntil(lambda: window.iteration >= 3, timeout=20_000)
    window.close()
    # No wall-clock limit (a busy CI core may take longer); the child must be gone.
    assert not window.worker.is_alive() and window.join_seconds is not None


def test_hostile_input_reaches_the_child_and_comes_back_as_dialogs(window, qtbot, dialogs, tmp_path):
    window.train_steps(3)
    qtbot.waitUntil(lambda: window.iteration == 3, timeout=10_000)
    wait_paused(window, qtbot)
    info = window.info
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"")
    bad = tmp_path / "corrupt.npz"
    bad.write_bytes(b"PK\x03\x04" + bytes(100))
    window.open_corpus(str(tmp_path / "binary.txt"))
    window.open_corpus(str(tmp_path / "empty.txt"))
    window.open_checkpoint(str(bad))
    qtbot.waitUntil(lambda: len([c for c in dialogs if c[0] == "critical"]) == 3, timeout=10_000)
    texts = " | ".join(c[2] for c in dialogs)
    assert "binary" in texts and "empty file" in texts and "corrupt" in texts
    assert window.info is info and window.iteration == 3
    window.step()                                   # the run survived and still trains
    qtbot.waitUntil(lambda: window.iteration == 4, timeout=10_000)


def test_step_spam_and_closing_during_a_long_sample(window, qtbot):
    for _ in range(15):
        qtbot.keyClick(window, Qt.Key_S)
    qtbot.waitUntil(lambda: window.iteration == 15, timeout=20_000)
    qtbot.wait(300)
    assert window.iteration == 15
    window.request_sample({"prefix": "a", "length": 100_000, "temperature": 1.0, "top_k": 0,
                           "greedy": False, "seed": None})
    qtbot.waitUntil(lambda: window.panels["samplePanel"]._count > 20, timeout=10_000)
    window.close()
    assert not window.worker.is_alive() and window.join_seconds is not None


@pytest.mark.slow
def test_soak_hundreds_of_frames_while_the_child_trains(window, qtbot, monkeypatch):
    from rnnviz.gui import redraw
    monkeypatch.setattr(redraw, "GUI_BUDGET", {"thread": 1.0, "process": 1.0})   # every tick paints
    assert train_and_paint(window, qtbot) >= 300
    assert window.worker.is_alive()
    window.pause()
    wait_paused(window, qtbot)


def test_a_killed_worker_is_reported_and_a_new_one_resumes_the_autosave(window, qtbot, dialogs):
    window.train_steps(6)
    qtbot.waitUntil(lambda: window.iteration == 6 and window.state == PAUSED, timeout=20_000)
    assert window.autosave()
    qtbot.waitUntil(window.autosave_path.exists, timeout=10_000)
    old = window.worker.pid
    os.kill(old, signal.SIGKILL)                # as the kernel's out-of-memory killer would
    qtbot.waitUntil(lambda: any(c[1] == "Training stopped" for c in dialogs), timeout=10_000)
    title, text = next((c[1], c[2]) for c in dialogs if c[1] == "Training stopped")
    assert "SIGKILL" in text and "out of memory" in text and "step 6" in text
    # Answered Yes: a new process, the autosaved run in it, and training goes on.
    qtbot.waitUntil(lambda: window.info is not None and window.worker.pid != old, timeout=20_000)
    assert window.info.iteration == 6 and len(window.history) == 6
    window.train_steps(3)
    qtbot.waitUntil(lambda: window.iteration == 9 and window.state == PAUSED, timeout=20_000)
