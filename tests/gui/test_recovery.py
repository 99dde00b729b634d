"""Nothing trained is lost: autosave, restore after the window died, discarded runs kept."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from rnnviz.engine.checkpoint import load_checkpoint, read_meta
from rnnviz.gui.main_window import MainWindow
from rnnviz.gui.recovery import recovery_folder
from rnnviz.runtime.messages import PAUSED

from .test_main_window import Dialogs, window  # noqa: F401 - the window fixture


@pytest.fixture
def worker():
    """These tests read the session directly: the thread worker (test_main_window.py runs the
    window on both)."""
    return "thread"


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


def trained(window, qtbot, n):
    window.train_steps(n)
    qtbot.waitUntil(lambda: window.iteration == n and window.state == PAUSED, timeout=20_000)


def test_autosave_writes_the_run_and_a_clean_close_removes_it(window, qtbot, dialogs):
    trained(window, qtbot, 5)
    assert window.autosave()
    qtbot.waitUntil(lambda: window.autosave_path.exists(), timeout=10_000)
    ckpt = load_checkpoint(window.autosave_path)
    assert ckpt.step == 5 and len(ckpt.extra["history.step.iteration"]) == 5
    assert not window.autosave()                # nothing new since
    assert window.saved_iteration == 0          # an autosave is not the user's save
    dialogs.calls.clear()
    window.close()                              # the Save / Discard / Cancel question: Discard
    assert [c[0] for c in dialogs.calls] == ["question"]
    assert not window.autosave_path.exists()


def test_a_discarded_run_is_kept_and_listed_in_open_recent(window, qtbot, dialogs):
    trained(window, qtbot, 4)
    window.reset()                              # answered Yes: discard
    qtbot.waitUntil(lambda: window.info.iteration == 0 and len(window.history) == 0, timeout=10_000)
    qtbot.waitUntil(lambda: bool(window.recent_checkpoints()), timeout=10_000)
    kept = window.recent_checkpoints()[0]
    assert os.path.dirname(kept) == str(recovery_folder().resolve()) and load_checkpoint(kept).step == 4
    menu = window.menuBar().findChild(type(window.menuBar().actions()[0].menu()), "menuRecent")
    menu.aboutToShow.emit()
    assert [a.toolTip() for a in menu.actions()] == [kept]
    menu.actions()[0].trigger()                 # reopen it: the discard is undone
    qtbot.waitUntil(lambda: window.info.iteration == 4 and len(window.history) == 4, timeout=10_000)


_WINDOW_THAT_AUTOSAVES = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from rnnviz.gui.app import application, configure_pyqtgraph, wait_until
app = application(); configure_pyqtgraph()
from rnnviz.gui.main_window import MainWindow
window = MainWindow(QSettings(sys.argv[1], QSettings.IniFormat), interactive=False, restore_layout=False,
                    worker="process")
form = window.experiment
form.hidden_spin.setValue(16); form.embed_spin.setValue(8)
window.show()
window.start()
assert wait_until(lambda: window.info is not None, 60), window.messages
window.play()
assert wait_until(lambda: window.autosaved_iteration > 0 and window.autosave_path.exists(), 60)
print(window.autosave_path, flush=True)
wait_until(lambda: False, 120)       # training and autosaving until the test kills this process
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9 (POSIX)")
def test_autosave_kill_relaunch_restore(tmp_path, qtbot, dialogs, monkeypatch):
    env = dict(os.environ, RNNVIZ_AUTOSAVE_SECONDS="0.5")
    with open(tmp_path / "window.log", "w") as err:
        proc = subprocess.Popen([sys.executable, "-c", _WINDOW_THAT_AUTOSAVES, str(tmp_path / "s.ini")],
                                stdout=subprocess.PIPE, stderr=err, text=True, env=env)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 120)      # a hang detector
        assert ready, (tmp_path / "window.log").read_text()[-2000:]
        autosave = proc.stdout.readline().strip()
        time.sleep(1.2)                         # let it train and autosave again
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()
        proc.wait(10)
        proc.stdout.close()
    saved = load_checkpoint(autosave)           # what the dead window last wrote
    assert saved.step > 0

    settings = QSettings(str(tmp_path / "s2.ini"), QSettings.IniFormat)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.start()
    assert dialogs.of("question")[0][1] == "Restore the unsaved run?"
    assert f"step {saved.step:,} unsaved" in dialogs.of("question")[0][2]
    qtbot.waitUntil(lambda: win.info is not None, timeout=20_000)
    assert win.info.iteration == saved.step == win.worker.session.iteration
    for key, p in win.worker.session.model.params.items():
        np.testing.assert_array_equal(p, saved.model.params[key])
    assert len(win.history) == len(saved.extra["history.step.iteration"])
    assert win.unsaved_steps == saved.step      # restored from recovery: closing still asks
    assert not os.path.exists(autosave) and win.autosave_path.exists()
    win.interactive = False
    win.close()


def test_a_declined_restore_is_kept_not_deleted(tmp_path, qtbot, monkeypatch):
    folder = recovery_folder()
    folder.mkdir(parents=True)
    # A run some earlier, dead window autosaved (pid 2**22 + 1 is above Linux's default pid_max).
    source = MainWindow(QSettings(str(tmp_path / "a.ini"), QSettings.IniFormat), worker="thread")
    qtbot.addWidget(source)
    source.experiment.hidden_spin.setValue(8)
    source.start()
    qtbot.waitUntil(lambda: source.info is not None, timeout=10_000)
    trained(source, qtbot, 3)
    orphan = folder / f"autosave-{2**22 + 1}.npz"
    source.worker.save(str(orphan))
    qtbot.waitUntil(orphan.exists, timeout=10_000)
    source.interactive = False
    source.close()

    dialogs = Dialogs(monkeypatch, answer=QMessageBox.No)
    win = MainWindow(QSettings(str(tmp_path / "b.ini"), QSettings.IniFormat))
    qtbot.addWidget(win)
    assert win.start()
    qtbot.waitUntil(lambda: win.info is not None, timeout=10_000)
    assert win.info.iteration == 0 and not orphan.exists()
    kept = win.recent_checkpoints()
    assert len(kept) == 1 and read_meta(kept[0])["step"] == 3
    assert [c[1] for c in dialogs.calls] == ["Restore the unsaved run?"]
    win.interactive = False
    win.close()
