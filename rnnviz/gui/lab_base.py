"""What the seq2seq lab and the classifier lab share: a worker polled at ~30 Hz, and the lines
that say what it does.

:class:`LabBase` is the widget both labs are: it owns the worker (made at once, started with the
first model, replaced and asked to build the same model again when its process dies, shut down
by the window), the commands every lab has (play, pause, an epoch, reset, save, open), the poll
that drains the worker's mailbox within bounded work, the question before trained steps are
thrown away, the status and error lines said again after a language switch, the training
speed, and the lab's shape (controls, lines, note, and its views side by side). Each lab keeps its own controls, views, events and words: the base never holds a
translatable string, so every string stays in its lab's translation context; a lab hands its
sentences over as :class:`LabWords`.
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QSplitter, QWidget

from rnnviz.engine.snapshots import Divergence, StepSnapshot
from rnnviz.localize import localize
from rnnviz.runtime.loop import worker_kind
from rnnviz.runtime.messages import TRAINING, Saved, StateChanged, WorkerDied

from .dock_scroll import FillLayout
from .i18n import live, translate
from .panels.common import TEXT, export_widget
from .panels.lab_views import WRONG

POLL_MS = 33


@dataclass(frozen=True)
class LabWords:
    """A lab's sentences that the base says, already in the window's language."""

    discard: str        # the question before unsaved steps are thrown away ({steps})
    saved: str          # the window's status bar after a save ({path}, {step})
    died: str           # the error line when the worker's process ended unasked ({message})
    open_title: str     # the question's title before a run is opened
    reset_title: str    # the question's title before a reset


class LabBase(QWidget):
    """A lab's worker, commands, poll loop and lines; a lab widget derives from it.

    A lab provides ``controls`` (with ``set_training`` and ``revert``), ``curves`` (``add`` takes
    every event), and these methods:

    - ``_words()``: its :class:`LabWords`;
    - ``_model_settings()``: what the current model was built with (None before the first build),
      ``_forget_model()`` to drop it, ``_controls_settings()``: what the controls show now, and
      ``_build(settings)``, which sends a build to the worker after :meth:`_begin_build`;
    - ``_make_event_handlers()``: the base's table (:meth:`_make_event_handlers`) with its own
      events added, and ``_redraw()``: the views after a poll that brought events;
    - ``_update_note()``: the note under the controls, which :meth:`retranslate` says again.

    Parameters
    ----------
    parent : QWidget, optional
    make_worker : callable
        The lab's ``make_worker(kind)`` (:mod:`rnnviz.runtime.seq2seq`, :mod:`rnnviz.runtime.classify`).
    worker : str, optional
        "process" or "thread"; default ``$RNNVIZ_WORKER``, else "process".
    """

    NEWEST_ONLY: tuple[type, ...] = ()  # event types a poll hands on only the newest of, in this order
    HIDE_EMPTY_ERROR = False            # True: without an error the status line has the whole row

    graph_ready = Signal(object)        # a GraphFrame of one example, for the unrolled-graph panel
    status_message = Signal(str)        # "Saved ...", "Opened ...": for the window's status bar
    file_used = Signal(str)             # a run file saved or opened (the window's Open recent)

    def __init__(self, parent: QWidget | None = None, *, make_worker: Callable, worker: str | None = None):
        super().__init__(parent)
        self.ready = None                           # the worker's "ready" event of the current model
        self.iteration = 0                          # steps the current model has trained
        self.saved_iteration = 0                    # the step it was last saved or opened at
        self.state = "paused"
        self.builds = 0                             # models built so far (tests count rebuilds)
        self._rate: deque[tuple[float, int]] = deque(maxlen=90)
        self._dirty = False
        self._error = ""
        self._error_text: Callable[[], str] = str       # the error line, said in the window's language
        self._status_text: Callable[[], str] | None = None  # the status line, likewise
        self._steps_before_build = 0

        self._event_handlers = self._make_event_handlers()
        self._make_worker = make_worker
        self.worker_kind = worker_kind(worker)
        self.worker = make_worker(self.worker_kind)
        self._worker_started = False
        self._started = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def start(self) -> None:
        """Build the first model if none was asked for yet (the window's tab, when first opened:
        a learner who never opens the lab pays nothing)."""
        if not self._started:
            self._started = True
            self._build(self._controls_settings())

    def _make_lines(self, status_name: str, error_name: str) -> QHBoxLayout:
        """The status line and the error line beside it, returned as a row."""
        self.status = QLabel(objectName=status_name)
        self.status.setStyleSheet(f"color: {TEXT}; font-size: 9pt;")
        self.status.setWordWrap(True)       # a long status line wraps, not widens a docked lab
        self.error_label = QLabel(objectName=error_name)
        self.error_label.setStyleSheet(f"color: {WRONG}; font-size: 9pt;")
        self.error_label.setMinimumWidth(10)
        self.error_label.installEventFilter(self)
        row = QHBoxLayout()
        row.addWidget(self.status, 3)
        row.addWidget(self.error_label, 1)
        return row

    def _lay_out(self, status_row: QHBoxLayout, note: QLabel, views: tuple[tuple[QWidget, int], ...],
                 sizes: tuple[int, ...]) -> None:
        """The lab's shape: its controls, the status row, the note, and ``views`` side by side in
        :attr:`splitter` (each with its stretch; ``sizes`` in pixels at the dock's 1250 px)."""
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        for i, (widget, stretch) in enumerate(views):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(i, stretch)
        self.splitter.setSizes(list(sizes))
        layout = FillLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addWidget(self.controls)
        layout.addLayout(status_row)
        layout.addWidget(note)
        layout.addWidget(self.splitter, 1)

    # -- the worker ----------------------------------------------------------------------------
    def _start_worker(self) -> None:
        """Start the worker with the first model (a thread or a process is only paid for when used)."""
        if not self._worker_started:
            self._worker_started = True
            self.worker.start()

    def _begin_build(self, status: Callable[[], str]) -> None:
        """What every build does before the lab sends it: the worker started, the old steps put
        aside, and ``status()`` as the status line."""
        self._start_worker()
        self._steps_before_build = self.iteration
        self.iteration = 0                 # the old steps are as good as gone (unless the build fails)
        self._set_error("")
        self._set_status(status)

    def shutdown(self, timeout: float = 1.0) -> bool:
        """Stop the timer and the worker; True if it ended within ``timeout``.

        The worker stops between two steps. A thread finishes the evaluation batch under way
        first (within about 0.1 s); a process still busy after ``timeout`` is terminated, since
        it holds nothing a user would lose.
        """
        self.timer.stop()
        return self.worker.shutdown(timeout)

    def _worker_died(self, event: WorkerDied) -> None:
        """The lab's process ended unasked: say why, and build the same model in a new one."""
        self.state = "paused"
        self.controls.set_training(False)
        self._worker_started = False
        self.worker.shutdown(timeout=0.5)
        self.worker = self._make_worker(self.worker_kind)
        settings = self._model_settings()
        self._forget_model()
        self._set_error(lambda: self._words().died.format(message=localize(event.message)))
        if settings is not None:
            error = self._error_text
            self._build(settings)
            self._set_error(error)

    # -- commands ------------------------------------------------------------------------------
    def toggle_play(self) -> None:
        """Play, or pause when training."""
        self._set_error("")
        if self.state == TRAINING:
            self.worker.pause()
        else:
            self.worker.play()

    def play(self) -> None:
        self.worker.play()

    def pause(self) -> None:
        self.worker.pause()

    def step_epoch(self) -> None:
        """Train to the end of the current epoch (its evaluation included), then pause."""
        self._set_error("")
        self.worker.step_epoch()

    def reset(self) -> None:
        """Start the same model again from step 0 (asks first when steps would be lost)."""
        if self._model_settings() is not None and self.confirm_discard(self._words().reset_title):
            self.iteration = 0
            self.worker.reset()

    @property
    def unsaved_steps(self) -> int:
        return max(0, self.iteration - self.saved_iteration)

    def confirm_discard(self, title: str) -> bool:
        """Ask before throwing away unsaved trained steps; True when there is nothing to lose."""
        if self.unsaved_steps == 0:
            return True
        answer = QMessageBox.question(
            self, title, self._words().discard.format(steps=f"{self.unsaved_steps:,}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def save_run(self, path: str) -> bool:
        """Write the run with its curves (the worker, which keeps them too, pauses first and
        confirms with ``Saved``)."""
        if self._model_settings() is None:
            return False
        self.worker.save(str(path))
        return True

    def open_run(self, path: str) -> None:
        """Continue a saved run of this lab (asks first when unsaved steps would be lost)."""
        if self.confirm_discard(self._words().open_title):
            self._started = True
            self._start_worker()
            self.worker.load(str(path))

    def _export(self, widget: QWidget, path: str, readouts: list[QWidget]) -> None:
        """Write ``widget`` as PNG or SVG (by suffix), without the hover labels among ``readouts``."""
        shown = [readout for readout in readouts if readout.isVisible()]
        for readout in shown:               # a hover label left over from the mouse is not part of the figure
            readout.hide()
        try:
            export_widget(widget, path)
        finally:
            for readout in shown:
                readout.show()

    # -- events from the worker ----------------------------------------------------------------
    def poll(self) -> None:
        """Drain the worker's mailbox and redraw what changed (the ~30 Hz timer calls this).

        Bounded work per tick however much arrived: every event goes into the curves, each type
        of :attr:`NEWEST_ONLY` is handled once (its newest event), and the views are redrawn once."""
        newest: dict[type, object] = {}
        for event in self.worker.mailbox.drain():
            self._dirty = True
            self.curves.add(event)
            if type(event) in self.NEWEST_ONLY:
                newest[type(event)] = event
                continue
            handler = self._event_handlers.get(type(event))
            if handler is not None:
                handler(event)
        for kind in self.NEWEST_ONLY:
            if kind in newest:
                self._event_handlers[kind](newest[kind])
        if self._dirty:
            self._dirty = False
            self._redraw()

    def _make_event_handlers(self) -> dict:
        """The events every lab handles alike; a lab adds its own (one table)."""
        return {StepSnapshot: self._on_step, StateChanged: self._on_state, Saved: self._on_saved,
                Divergence: lambda event: self._set_error(lambda: localize(event.message)),
                WorkerDied: self._worker_died}

    def _on_step(self, event: StepSnapshot) -> None:
        self.iteration = event.stats.iteration
        self._rate.append((time.perf_counter(), self.iteration))

    def _on_state(self, event: StateChanged) -> None:
        self.state = event.state
        self.controls.set_training(self.state == TRAINING)
        self._rate.clear()

    def _on_saved(self, event: Saved) -> None:
        self.saved_iteration = event.iteration
        self.file_used.emit(event.path)
        self.status_message.emit(self._words().saved.format(path=event.path, step=f"{event.iteration:,}"))

    # -- the lines -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Say the composed lines again in the window's language (after a switch; also at construction)."""
        self._update_note()
        if self._status_text is not None:
            self.status.setText(self._status_text())
        self._set_error(self._error_text)

    def _set_status(self, text: Callable[[], str]) -> None:
        """Show ``text()`` as the status line, and again after a language switch."""
        self._status_text = text
        self.status.setText(text())

    def _set_error(self, text: Callable[[], str] | str) -> None:
        """Show the error line: best a function returning it, so a language switch says it again."""
        self._error_text = (lambda: text) if isinstance(text, str) else text
        self._error = " ".join(self._error_text().split())
        if self.HIDE_EMPTY_ERROR:
            self.error_label.setVisible(bool(self._error))
        self._elide_error()

    def _elide_error(self) -> None:
        width = max(self.error_label.width(), 10)
        metrics = self.error_label.fontMetrics()
        self.error_label.setText(metrics.elidedText(self._error, Qt.TextElideMode.ElideRight, width))
        self.error_label.setToolTip(self._error)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._elide_error()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        # The error line gets its width only once shown and laid out: elide it then.
        if watched is self.error_label and event.type() == QEvent.Type.Resize:
            self._elide_error()
        return super().eventFilter(watched, event)

    @property
    def error_text(self) -> str:
        """The full text of the error line ("" when there is none)."""
        return self._error

    def steps_per_second(self) -> float:
        """Training speed over the last few seconds (NaN until two steps arrived)."""
        if len(self._rate) < 2:
            return float("nan")
        (t0, i0), (t1, i1) = self._rate[0], self._rate[-1]
        return (i1 - i0) / (t1 - t0) if t1 > t0 else float("nan")


def run_alone(make_lab: Callable[[], LabBase], context: str, size: tuple[int, int]) -> int:
    """Open one lab alone in a window (``python -m rnnviz.gui.seq2seq_lab``); the exit code.

    ``context`` is the one the lab's ``TITLE`` is translated in.
    """
    from PySide6.QtCore import QSettings

    from rnnviz.gui.app import application, configure_pyqtgraph
    from rnnviz.gui.i18n import choose, set_language
    configure_pyqtgraph()
    app = application()
    set_language(choose(QSettings()))       # the window's language: the remembered one, else the system's
    lab = make_lab()
    lab.resize(*size)
    live(lab, lambda: lab.setWindowTitle(translate(context, lab.TITLE)))
    lab.show()
    app.aboutToQuit.connect(lab.shutdown)
    return app.exec()
