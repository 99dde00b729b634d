"""The training-time scrubber in the window, with its real worker: drag back, see the past, go live."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionSlider

from rnnviz.runtime.messages import PAUSED

from .conftest import small_window
from .test_main_window import Dialogs

WAIT = 30_000


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    Dialogs(monkeypatch)
    with small_window(qtbot, tmp_path, hidden=24, embed=12) as win:
        yield win


def train(window, qtbot, steps: int) -> None:
    """``steps`` more steps, then paused."""
    target = window.iteration + steps
    window.train_steps(steps)
    qtbot.waitUntil(lambda: window.iteration >= target and window.state == PAUSED, timeout=WAIT)
    window.tick()


def handle_centre(slider) -> QPoint:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    rect = slider.style().subControlRect(QStyle.CC_Slider, option, QStyle.SC_SliderHandle, slider)
    return rect.center()


def drag(qtbot, slider, to_x: int) -> None:
    """Press on the handle, move to ``to_x`` in steps as a hand would, release."""
    start = handle_centre(slider)
    qtbot.mousePress(slider, Qt.LeftButton, pos=start)
    for x in np.linspace(start.x(), to_x, 8).astype(int):
        qtbot.mouseMove(slider, QPoint(int(x), start.y()))
    qtbot.mouseRelease(slider, Qt.LeftButton, pos=QPoint(to_x, start.y()))


def shown_hidden(window) -> np.ndarray:
    panel = window.panels["hiddenStatePanel"]
    return panel.image.image


def test_drag_back_to_step_10_shows_its_probe_while_training_goes_on(window, qtbot):
    train(window, qtbot, 50)
    archive = window.history.archive
    assert archive.steps == [10, 20, 30, 40, 50]
    timeline = window.timeline
    assert timeline.viewing is None and "live · step 50" in timeline.readout.text()
    assert not timeline.live_button.isEnabled()
    window.docks["hiddenStatePanel"].raise_()
    drag(qtbot, timeline.slider, 0)                                    # all the way back
    window.tick()
    assert window.scrub_step == 10 and timeline.viewing == 10
    assert "viewing step 10 of 50" in timeline.readout.text() and timeline.live_button.isEnabled()
    probe10 = archive.at(10)[0]
    np.testing.assert_array_equal(shown_hidden(window), probe10.layers[0].hidden.T)
    assert window.panels["perplexityPanel"].smooth_curve.getData()[0][-1] == 10   # the curves end there too
    # Training goes on while one looks at the past; the view stays put.
    train(window, qtbot, 20)
    assert window.history.archive.steps[-1] == 70 and window.scrub_step == 10
    np.testing.assert_array_equal(shown_hidden(window), probe10.layers[0].hidden.T)
    assert "viewing step 10 of 70" in timeline.readout.text()
    # Live brings the present back.
    qtbot.mouseClick(timeline.live_button, Qt.LeftButton)
    window.tick()
    assert window.scrub_step is None and timeline.slider.value() == timeline.slider.maximum()
    np.testing.assert_array_equal(shown_hidden(window), window.history.latest_probe.layers[0].hidden.T)
    assert window.history.latest_probe.iteration == 70


def test_the_timeline_is_saved_with_the_checkpoint(window, qtbot, tmp_path):
    train(window, qtbot, 30)
    path = tmp_path / "run.npz"
    window.worker.save(str(path))
    qtbot.waitUntil(lambda: window.saved_iteration == 30, timeout=WAIT)
    window.worker.load_checkpoint(str(path))
    qtbot.waitUntil(lambda: window.history.archive.steps == [10, 20, 30] and window.info.iteration == 30,
                    timeout=WAIT)
    window.tick()
    window.scrub_to(20)
    window.tick()
    assert window.shown_history().latest_probe.iteration == 20


def test_a_new_run_goes_live(window, qtbot):
    train(window, qtbot, 20)
    window.scrub_to(10)
    window.worker.reset()
    qtbot.waitUntil(lambda: window.info.iteration == 0 and len(window.history) == 0, timeout=WAIT)
    assert window.scrub_step is None and window.timeline.viewing is None
