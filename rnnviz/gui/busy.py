"""The status bar's busy indicator: what the worker is doing that takes a while.

Loading a corpus, building a model, evaluating and saving a checkpoint each post
:class:`~rnnviz.runtime.messages.Progress` events; the window hands them to :meth:`BusyIndicator.report`
as it drains the mailbox. A task of unknown length shows a busy bar, a counted one (an evaluation's
batches) its fraction: "Evaluating validation… 37 %".
"""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QWidget

from rnnviz.localize import localize
from rnnviz.runtime.messages import Progress

from .i18n import translate


class BusyIndicator(QWidget):
    """A label and a progress bar (``busyLabel``, ``busyIndicator``), hidden while nothing runs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("busyStatus")
        self.label = QLabel(objectName="busyLabel")
        self.bar = QProgressBar(objectName="busyIndicator")
        self.bar.setRange(0, 0)                 # busy mode until a total is known
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(110, 14)
        # Room for the usual texts, so a percentage ticking 9 -> 10 does not shift the counters.
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance("Evaluating validation… 100 %"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        # The status bar would give a growing widget all its free width, far from the text.
        self.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Preferred)
        self._tasks: dict[str, Progress] = {}   # running tasks, the latest news last
        self.hide()

    def report(self, event: Progress) -> None:
        """Show ``event`` (the newest task wins the label); hide once every task has finished."""
        self._tasks.pop(event.task, None)
        if not event.finished:
            self._tasks[event.task] = event
        self._show()

    def retranslate(self) -> None:
        """Say the running task again in the window's language (after a switch)."""
        self._show()

    def clear(self) -> None:
        """A command failed: whatever it was doing has stopped."""
        self._tasks.clear()
        self._show()

    def _show(self) -> None:
        if not self._tasks:
            self.hide()
            return
        event = next(reversed(self._tasks.values()))
        text = localize(event.text)             # the worker's message, in the window's language
        if event.total:
            self.bar.setRange(0, event.total)
            self.bar.setValue(min(event.done, event.total))
            self.label.setText(translate("busy", "{task}… {percent} %")
                               .format(task=text, percent=100 * event.done // event.total))
        else:
            self.bar.setRange(0, 0)
            self.label.setText(translate("busy", "{task}…").format(task=text))
        self.show()
