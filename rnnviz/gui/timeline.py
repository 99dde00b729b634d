"""The training-time scrubber: a slider over every probe the run kept, under the toolbar.

Each position of the slider is one kept probe (:class:`~rnnviz.runtime.probe_archive.ProbeArchive`),
oldest at the left. Dragging it asks the window to show the run as it was at that step
(:attr:`Timeline.scrubbed`); the right end, or **Live**, follows training again
(:attr:`Timeline.live_requested`). The readout says which: "viewing step 300 of 1,200" in orange
while the probe views show the past, "live · step 1,200" while they follow training.
"""
from __future__ import annotations

import bisect

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from .i18n import live, translate
from .panels.common import MUTED, PALETTE


class Timeline(QWidget):
    """A slider over the kept probes' steps, a readout and a Live button."""

    scrubbed = Signal(int)          # the step to show (a kept probe's)
    live_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self.steps: list[int] = []      # the kept probes' steps, as the slider's positions
        self.viewing: int | None = None  # the step shown (None: live)
        self.latest = 0                 # the run's step now
        self.title = QLabel()
        self.title.setStyleSheet(f"color: {MUTED};")
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="timelineSlider")
        self.slider.setRange(0, 0)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # Right and Space stay the window's Step and Play
        self.slider.setTracking(True)
        self.slider.valueChanged.connect(self._moved)
        self.readout = QLabel(objectName="timelineReadout")
        self.readout.setMinimumWidth(190)
        self.live_button = QPushButton(objectName="timelineLive")
        self.live_button.clicked.connect(self.live_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 0)
        row.setSpacing(6)
        row.addWidget(self.title)
        row.addWidget(self.slider, 1)
        row.addWidget(self.readout)
        row.addWidget(self.live_button)
        live(self, self._retranslate)

    def _retranslate(self) -> None:
        self.title.setText(translate("timeline", "Timeline"))
        self.live_button.setText(translate("timeline", "Live"))
        self.live_button.setToolTip(translate("timeline", "Back to the training as it goes"))
        self.slider.setToolTip(translate("timeline", "Drag back to see the probe views (hidden states, next token, "
                                         "gradient flow, unrolled graph, gates) as they were at an earlier step; "
                                         "training goes on meanwhile"))
        self._say()

    def follow(self, steps: list[int], latest: int) -> None:
        """The kept probes now (``steps``, ascending) and the run's step; live, the handle stays right."""
        self.latest = latest
        if steps != self.steps:
            self.steps = list(steps)
            self.slider.blockSignals(True)
            self.slider.setRange(0, max(len(self.steps) - 1, 0))
            if self.viewing is None:
                self.slider.setValue(self.slider.maximum())
            else:           # the past thinned out: the handle goes to the kept step nearest the one shown
                self.slider.setValue(self._position(self.viewing))
            self.slider.blockSignals(False)
        self.slider.setEnabled(len(self.steps) > 1)
        self._say()

    def show_live(self) -> None:
        self.viewing = None
        self.slider.blockSignals(True)
        self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self._say()

    def show_step(self, step: int) -> None:
        self.viewing = step
        if self.slider.value() != self._position(step):     # set from elsewhere than the handle
            self.slider.blockSignals(True)
            self.slider.setValue(self._position(step))
            self.slider.blockSignals(False)
        self._say()

    def _position(self, step: int) -> int:
        """The slider position of the kept step at or before ``step`` (the first, if none)."""
        return max(bisect.bisect_right(self.steps, step) - 1, 0)

    def _moved(self, position: int) -> None:
        if not self.steps:
            return
        if position >= len(self.steps) - 1:
            self.live_requested.emit()          # the right end is now
        else:
            self.scrubbed.emit(self.steps[position])

    def _say(self) -> None:
        if self.viewing is None:
            self.readout.setText(translate("timeline", "live · step {step}").format(step=f"{self.latest:,}"))
            self.readout.setStyleSheet(f"color: {MUTED};")
        else:
            self.readout.setText(translate("timeline", "viewing step {step} of {latest}").format(
                step=f"{self.viewing:,}", latest=f"{self.latest:,}"))
            self.readout.setStyleSheet(f"color: {PALETTE[1]}; font-weight: bold;")
        self.live_button.setEnabled(self.viewing is not None)
