"""The soak loop both window tests share: train without end and paint frames as fast as they go."""
from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication


def train_and_paint(window, qtbot, frames: int = 300, timeout: float = 60.0) -> int:
    """Start an endless run in ``window`` and tick until ``frames`` frames were drawn.

    Ticks as fast as the frames paint instead of waiting for the 30 Hz timer (the same code
    path). Returns the number of frames drawn, which may fall short if ``timeout`` ran out.
    """
    window.experiment.epochs_spin.setValue(10_000)     # never finishes during the test
    window.experiment.apply()
    qtbot.waitUntil(lambda: window.info.train_config.epochs == 10_000, timeout=20_000)
    window.play()
    qtbot.waitUntil(lambda: window.iteration > 0, timeout=20_000)
    start = window.frames
    deadline = time.perf_counter() + timeout
    while window.frames - start < frames and time.perf_counter() < deadline:
        window.tick()
        QApplication.processEvents()
    return window.frames - start
