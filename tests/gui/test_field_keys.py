"""Training keys while a number field has the focus (as in a media player), with the real window and
worker: the field's edit is committed first, text fields keep their keys, Escape hands focus back."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rnnviz.runtime.messages import PAUSED, TRAINING

from .test_main_window import dialogs, window  # noqa: F401 - fixtures


@pytest.fixture
def worker():
    """These tests read the session directly: the thread worker (test_main_window.py runs the
    window on both)."""
    return "thread"


def focus(qtbot, widget):
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2_000)
    return widget


def type_into(qtbot, box, text: str) -> None:
    """Replace a spin box's text by typing, leaving the focus in it (nothing committed yet)."""
    focus(qtbot, box)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    assert box.lineEdit().text() == text


def test_space_in_the_learning_rate_field_commits_it_then_plays(window, qtbot):
    box = window.experiment.lr_spin
    assert box.value() == pytest.approx(0.005)
    type_into(qtbot, box, "0.0123")
    assert box.value() == pytest.approx(0.005)      # typed, not committed: no keyboard tracking
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)
    assert window.state == TRAINING
    qtbot.waitUntil(lambda: window.iteration >= 3, timeout=10_000)
    assert box.value() == pytest.approx(0.0123) and box.hasFocus()
    # The new rate reached the worker before Play did: the very first step used it.
    assert window.history.column("lr")[0] == pytest.approx(0.0123)
    assert window.history.latest_stats.lr == pytest.approx(0.0123)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)
    qtbot.waitUntil(lambda: window.worker.state == PAUSED, timeout=5_000)
    assert window.state == PAUSED and box.lineEdit().text() == "0.0123"


def test_s_and_right_in_a_spin_box_step_once_each(window, qtbot):
    box = window.experiment.clip_spin
    type_into(qtbot, box, "0.5")
    qtbot.keyClick(box, Qt.Key_S)
    qtbot.waitUntil(lambda: window.iteration == 1, timeout=5_000)
    assert window.history.latest_stats.clip == 0.5                # committed before the step
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Right)
    qtbot.waitUntil(lambda: window.iteration == 2, timeout=5_000)
    qtbot.wait(200)
    assert window.iteration == 2 and window.state == PAUSED
    assert box.hasFocus() and box.text() == "0.5"               # no "s" typed into the field


def test_g_in_the_speed_cap_shows_the_stepper(window, qtbot):
    graph = window.docks["graphPanel"]
    graph.hide()
    box = focus(qtbot, window.speed_spin)
    qtbot.keyClick(box, Qt.Key_G)
    qtbot.waitUntil(graph.isVisible, timeout=2_000)
    assert box.value() == 0 and window.iteration == 0


def test_escape_commits_the_field_and_returns_the_focus_to_the_window(window, qtbot):
    box = window.experiment.lr_spin
    type_into(qtbot, box, "0.02")
    qtbot.keyClick(box, Qt.Key_Escape)
    assert not box.hasFocus() and box.value() == pytest.approx(0.02)
    assert window.hasFocus()
    qtbot.keyClick(window, Qt.Key_S)
    qtbot.waitUntil(lambda: window.iteration == 1, timeout=5_000)
    assert window.history.latest_stats.lr == pytest.approx(0.02)


def test_the_prefix_field_keeps_space_s_e_g_and_right(window, qtbot):
    graph = window.docks["graphPanel"]
    graph.hide()
    field = focus(qtbot, window.panels["samplePanel"].prefix)
    qtbot.keyClicks(field, "s e g")
    qtbot.keyClick(field, Qt.Key_Space)
    qtbot.keyClick(field, Qt.Key_Home)
    qtbot.keyClick(field, Qt.Key_Right)
    assert field.text() == "s e g " and field.cursorPosition() == 1 and field.hasFocus()
    qtbot.wait(300)
    assert window.iteration == 0 and window.state == PAUSED and not graph.isVisible()
