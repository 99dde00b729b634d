"""The status bar's busy indicator, fed by the real worker's Progress events through the window."""
from __future__ import annotations

import pytest

from PySide6.QtWidgets import QLabel, QProgressBar

from rnnviz.engine.snapshots import EvalResult
from rnnviz.runtime.messages import Progress, RunReady, Saved

from .test_main_window import dialogs, window  # noqa: F401 - fixtures


@pytest.fixture
def worker():
    """These tests read the session directly: the thread worker (test_main_window.py runs the
    window on both)."""
    return "thread"


def collect_until(window, qtbot, done, timeout=20_000) -> list:
    """With the redraw timer stopped, take the worker's events until ``done(event)`` for one."""
    window.timer.stop()
    events: list = []

    def arrived() -> bool:
        events.extend(window.worker.mailbox.drain())
        return any(done(e) for e in events)

    qtbot.waitUntil(arrived, timeout=timeout)
    return events


def replay(window, events) -> list[tuple[bool, str, int, int, int]]:
    """Dispatch ``events`` one by one as tick() would; the indicator after each Progress:
    (visible, label text, bar minimum, maximum, value)."""
    bar = window.findChild(QProgressBar, "busyIndicator")
    label = window.findChild(QLabel, "busyLabel")
    seen = []
    for event in events:
        window._dispatch(event)
        if isinstance(event, Progress):
            seen.append((bar.isVisible() and label.isVisible(), label.text(), bar.minimum(), bar.maximum(),
                         bar.value()))
    return seen


def test_an_evaluation_shows_its_fraction_then_hides(window, qtbot):
    assert window.statusBar().isVisible()
    assert not window.findChild(QProgressBar, "busyIndicator").isVisible()     # idle: nothing shown
    window.evaluate_action.trigger()
    events = collect_until(window, qtbot, lambda e: isinstance(e, EvalResult))
    seen = replay(window, events)
    total = seen[0][3]
    assert total > 1
    assert seen[0] == (True, "Evaluating validation… 0 %", 0, total, 0)
    middle = seen[len(seen) // 2]
    percent = 100 * middle[4] // total
    assert middle == (True, f"Evaluating validation… {percent} %", 0, total, middle[4]) and 0 < percent < 100
    assert seen[-1][0] is False                                     # finished: hidden again
    assert len(window.history.eval_column("perplexity")) == 1
    assert window.statusBar().isVisible()


def test_building_and_saving_show_a_busy_bar(window, qtbot, tmp_path):
    window.experiment.apply()
    events = collect_until(window, qtbot, lambda e: isinstance(e, RunReady))
    seen = replay(window, events)
    shown = [s for s in seen if s[0]]
    assert [s[1] for s in shown] == ["Loading corpus tale…", "Building the model…"]
    assert all(s[2:4] == (0, 0) for s in shown)                      # busy mode: no total known
    assert seen[-1][0] is False
    window.save_checkpoint(str(tmp_path / "run.npz"))
    events = collect_until(window, qtbot, lambda e: isinstance(e, Saved))
    seen = replay(window, events)
    assert [s[:4] for s in seen] == [(True, "Saving checkpoint…", 0, 0), (False, "Saving checkpoint…", 0, 0)]


def test_a_failed_command_clears_the_indicator(window, qtbot, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    window.open_corpus(str(empty))
    window.timer.stop()
    bar = window.findChild(QProgressBar, "busyIndicator")
    # As if the worker had been cut off mid-evaluation: only its start arrived, then an error.
    window._dispatch(Progress("evaluate", "Evaluating validation", 0, 40))
    assert bar.isVisible()
    events = collect_until(window, qtbot, lambda e: type(e).__name__ == "WorkerError")
    replay(window, events)
    assert not bar.isVisible()
    assert "empty file" in window.messages[-1][1]
