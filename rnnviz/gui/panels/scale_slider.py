"""The W_h spectrum view's s: a log-scale slider from 0.1 to 3 that snaps to the book's 0.5 and 1."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

S_MIN, S_MAX = 0.1, 3.0     # the slider's range of s (log scale): past 2, a trained tanh RNN explodes too
STEPS = 400                 # slider positions: neighbours 0.75 % apart
MARKS = (0.5, 1.0)          # the book's two figures; the slider snaps to them
SNAP = 4                    # positions within which a drag snaps to a mark


def position_of(scale: float) -> int:
    """The slider position of ``scale`` (clamped to the range)."""
    f = (math.log(scale) - math.log(S_MIN)) / (math.log(S_MAX) - math.log(S_MIN))
    return int(round(min(max(f, 0.0), 1.0) * STEPS))


def scale_at(position: int) -> float:
    """The s a slider position stands for; a mark's own position is the mark exactly."""
    for mark in MARKS:
        if position == position_of(mark):
            return mark
    return float(S_MIN * (S_MAX / S_MIN) ** (position / STEPS))


class ScaleSlider(QWidget):
    """"s", the slider and a button per mark, kept on one line; ``moved`` after every change."""

    moved = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._exact: float | None = None        # s as set_scale gave it (the slider rounds)
        self.slider = QSlider(Qt.Horizontal, objectName="scaleSlider")
        self.slider.setRange(0, STEPS)
        self.slider.setValue(position_of(1.0))
        self.slider.setFixedWidth(170)
        self.mark_buttons = [QPushButton(f"{m:g}", objectName=f"scaleMark{m:g}") for m in MARKS]
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(3)
        row.addWidget(QLabel("s"))
        row.addWidget(self.slider)
        for button, mark in zip(self.mark_buttons, MARKS):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("0.55") + 16)
            button.clicked.connect(lambda _=False, mark=mark: self.set_scale(mark))
            row.addWidget(button)
        self.slider.valueChanged.connect(self._moved)

    @property
    def scale(self) -> float:
        """s: the slider's, or exactly the value :meth:`set_scale` was given while it stays there."""
        if self._exact is not None and self.slider.value() == position_of(self._exact):
            return self._exact
        return scale_at(self.slider.value())

    def set_scale(self, scale: float) -> None:
        """Move to ``scale`` (``moved`` follows, as after a drag, even when it is there already)."""
        self._exact = float(scale)
        if self.slider.value() == position_of(scale):
            self.moved.emit()
        self.slider.setValue(position_of(scale))

    def _moved(self, position: int) -> None:
        for mark in MARKS:
            snap = position_of(mark)
            if position != snap and abs(position - snap) <= SNAP and self.slider.isSliderDown():
                self.slider.setValue(snap)          # comes back here with the mark's position
                return
        self.moved.emit()
