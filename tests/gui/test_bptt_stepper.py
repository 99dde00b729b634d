"""The BPTT stepper in the real window: buttons -> worker -> engine sub-steps -> graph panel."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from rnnviz.engine.snapshots import GraphFrame
from rnnviz.engine.trainer import Session
from rnnviz.runtime.messages import PAUSED, TRAINING

from .test_main_window import dialogs, window  # noqa: F401 - fixtures


@pytest.fixture
def worker():
    """These tests read the session directly: the thread worker (test_main_window.py runs the
    window on both)."""
    return "thread"


def click(win, qtbot, name: str) -> None:
    b = win.findChild(QPushButton, name)
    assert b is not None, name
    assert b.isEnabled(), f"{name} is disabled"
    qtbot.mouseClick(b, Qt.LeftButton)


def wait_frame(win, qtbot, test) -> GraphFrame:
    qtbot.waitUntil(lambda: isinstance(win.history.latest_graph, GraphFrame) and test(win.history.latest_graph),
                    timeout=10_000)
    return win.history.latest_graph


def test_a_block_stepped_with_the_buttons_equals_a_normal_step(window, qtbot):  # noqa: F811
    window.show_stepper()
    session = window.worker.session
    twin = Session(session.corpus, session.model_config, session.train_config)
    T = session.train_config.bptt

    click(window, qtbot, "graphForwardStep")
    frame = wait_frame(window, qtbot, lambda f: f.cursor == (0, 0))
    assert frame.phase == "forward" and np.isnan(frame.loss)
    qtbot.waitUntil(lambda: not window.findChild(QPushButton, "graphBackwardStep").isEnabled())
    click(window, qtbot, "graphForwardAll")
    frame = wait_frame(window, qtbot, lambda f: f.cursor == (0, T - 1))
    assert np.isfinite(frame.loss)
    for _ in range(T // 2):
        click(window, qtbot, "graphBackwardStep")
    frame = wait_frame(window, qtbot, lambda f: f.phase == "backward" and f.cursor == (0, T - T // 2))
    h = frame.nodes.index("h0")
    assert np.isnan(frame.grads[h, :T - T // 2]).all() and np.isfinite(frame.grads[h, T - T // 2:]).all()
    click(window, qtbot, "graphBackwardAll")
    wait_frame(window, qtbot, lambda f: f.next_substeps == ("clip",))
    qtbot.waitUntil(lambda: window.findChild(QPushButton, "graphClip").isEnabled())
    click(window, qtbot, "graphClip")
    wait_frame(window, qtbot, lambda f: f.phase == "clipped")
    qtbot.waitUntil(lambda: window.findChild(QPushButton, "graphUpdate").isEnabled())
    click(window, qtbot, "graphUpdate")
    wait_frame(window, qtbot, lambda f: f.phase == "updated")
    qtbot.waitUntil(lambda: window.iteration == 1)

    twin.step()
    for name, p in session.model.params.items():
        assert np.array_equal(p, twin.model.params[name]), name
    # The panel shows what the history holds, and the curves got the step.
    qtbot.wait(100)
    panel = window.panels["graphPanel"]
    assert panel.frame is window.history.latest_graph
    assert len(window.history) == 1


def test_stepper_buttons_are_disabled_while_training(window, qtbot):  # noqa: F811
    window.show_stepper()
    forward = window.findChild(QPushButton, "graphForwardStep")
    qtbot.waitUntil(forward.isEnabled)
    window.play()
    qtbot.waitUntil(lambda: window.state == TRAINING)
    assert not forward.isEnabled()
    qtbot.waitUntil(lambda: window.iteration >= 12, timeout=10_000)
    window.pause()
    qtbot.waitUntil(lambda: window.state == PAUSED)
    qtbot.waitUntil(forward.isEnabled)
    # While training, the graph shows probed steps as trained (not the stepper's phases).
    graph = window.history.latest_graph
    assert graph is not None and not graph.stepping and graph.phase == "updated"


def test_play_finishes_a_half_stepped_block_first(window, qtbot):  # noqa: F811
    window.show_stepper()
    click(window, qtbot, "graphForwardStep")
    wait_frame(window, qtbot, lambda f: f.cursor == (0, 0))
    window.step()                        # the toolbar's Step completes the block in progress
    qtbot.waitUntil(lambda: window.iteration == 1)
    assert window.worker.session.block is None
    assert window.worker.session.stream.time_idx == window.worker.session.train_config.bptt


@pytest.mark.parametrize("kind", ["process"])
def test_the_stepper_works_through_the_process_worker(qtbot, tmp_path, dialogs, kind):  # noqa: F811
    from PySide6.QtCore import QSettings

    from rnnviz.gui.main_window import MainWindow
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), worker=kind)
    qtbot.addWidget(win)
    win.experiment.hidden_spin.setValue(16)
    win.experiment.bptt_spin.setValue(8)
    win.resize(1400, 900)
    win.show()
    assert win.start()
    qtbot.waitUntil(lambda: win.info is not None, timeout=20_000)
    win.show_stepper()
    for name in ("graphForwardAll", "graphBackwardStep"):
        qtbot.waitUntil(lambda n=name: win.findChild(QPushButton, n).isEnabled(), timeout=10_000)
        click(win, qtbot, name)
    frame = wait_frame(win, qtbot, lambda f: f.phase == "backward")
    assert frame.cursor == (0, 7)
    win.close()
    assert not win.worker.is_alive()


def test_clicks_that_arrive_after_the_block_moved_on_are_ignored_without_a_dialog(window, qtbot, dialogs):  # noqa: F811
    """Forward-to-end clicked three times before the worker answers: the first runs, the rest
    find the block past the forward pass and are ignored, said in the status bar."""
    window.show_stepper()
    T = window.worker.session.train_config.bptt
    for _ in range(3):
        window.substep("forward_all")      # as fast clicks would queue them
    wait_frame(window, qtbot, lambda f: f.cursor == (0, T - 1) and f.next_substeps[0] == "backward")
    qtbot.waitUntil(lambda: "Ignored a click" in window.statusBar().currentMessage(), timeout=10_000)
    assert "next sub-step is backward" in window.statusBar().currentMessage()
    qtbot.wait(100)
    window.tick()
    assert dialogs.of("critical") == [] and window.messages == []
    click(window, qtbot, "graphBackwardStep")                   # and the block goes on as usual
    wait_frame(window, qtbot, lambda f: f.phase == "backward")
