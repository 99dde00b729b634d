"""The seq2seq lab (DLFS2 ch.7-8): train an encoder-decoder on addition or dates and watch it learn.

:class:`Seq2seqLab` is one self-contained widget: task and variant controls, the accuracy and
loss curves, the live test examples, and a decoder you can type questions into, with its top-k
candidates and attention map. Training runs in a worker of its own (:mod:`rnnviz.runtime.seq2seq`),
in a child process like the language model's unless a thread is asked for; a ~30 Hz timer drains
the worker's mailbox and redraws what changed. The window that hosts the lab calls
:meth:`Seq2seqLab.shutdown` when it closes.

Run ``python -m rnnviz.gui.seq2seq_lab`` to open the lab alone in a window.
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QSplitter, QWidget

from rnnviz.engine.config import Seq2seqConfig, TrainConfig
from rnnviz.localize import localize
from rnnviz.engine.snapshots import AccuracyResult, Divergence, StepSnapshot
from rnnviz.runtime import seq2seq
from rnnviz.runtime.seq2seq_curves import Seq2seqCurves
from rnnviz.runtime.loop import worker_kind
from rnnviz.runtime.messages import WorkerDied
from rnnviz.runtime.seq2seq import (GENERATED, TRAINING, Decoded, DecodeFailed, Saved, Seq2seqReady,
                                    StateChanged, Unrolled, WorkerError)

from .dock_scroll import FillLayout
from .i18n import QT_TRANSLATE_NOOP, live, translate
from .panels.common import MUTED, TEXT, export_widget
from .panels.seq2seq_ask import AskPane, expected_answer
from .panels.seq2seq_controls import LabSettings, Seq2seqControls, variant_text
from .panels.seq2seq_curves import WRONG, AccuracyView, ExamplesView
from .seq2seq_status import LabStatus

POLL_MS = 33
# Column widths at the dock's 1250 px: date questions ("TUESDAY, SEPTEMBER 25, 1984") need a wider list.
SPLITS = {"addition": (390, 300, 560), "date": (320, 390, 540)}

class Seq2seqLab(LabStatus, QWidget):
    """Train, watch and question a seq2seq model (ch.7: plain, reversed, peeky; ch.8: attention).

    Parameters
    ----------
    parent : QWidget, optional
    pairs_n : int
        Pairs generated for the addition and date tasks (the book's sets hold 50,000).
    hidden_size : int, optional
        H for every task, instead of the book's 128 (addition) and 256 (dates).
    batch_size : int
        Training batch (the book's 128).
    epochs : int, optional
        Planned epochs, instead of 25 (addition, files) or 10 (dates); Play goes on past them.
    seed : int
        Seeds the data generation and shuffle.
    start : bool
        Build the first model (addition, plain LSTM) at once, or only when :meth:`start` is called.
    worker : str, optional
        "process" or "thread" (tests that read the session); default ``$RNNVIZ_WORKER``, else
        "process". The worker starts with the first model, so an unopened lab costs no process.
    """

    # English; shown through translate("seq2seq_lab", ...) (the dock's title, File > Export).
    TITLE = QT_TRANSLATE_NOOP("seq2seq_lab", "Seq2seq lab")
    EXPORTS = {"lab": QT_TRANSLATE_NOOP("seq2seq_lab", "Whole lab"),
               "accuracy": QT_TRANSLATE_NOOP("seq2seq_lab", "Accuracy curves"),
               "decode": QT_TRANSLATE_NOOP("seq2seq_lab", "Decode steps"),
               "attention": QT_TRANSLATE_NOOP("seq2seq_lab", "Attention map")}
    graph_ready = Signal(object)        # a GraphFrame of one example, for the unrolled-graph panel
    status_message = Signal(str)        # "Saved ...", "Opened ...": for the window's status bar
    file_used = Signal(str)             # a run file saved or opened (the window's Open recent)

    def __init__(self, parent: QWidget | None = None, *, pairs_n: int = 50_000, hidden_size: int | None = None,
                 batch_size: int = 128, epochs: int | None = None, seed: int = 1984,
                 start: bool = True, worker: str | None = None):
        super().__init__(parent)
        self.setObjectName("seq2seqPanel")
        self.pairs_n, self.batch_size, self.seed = pairs_n, batch_size, seed
        self.settings: LabSettings | None = None    # what the current model was built with
        self.ready: Seq2seqReady | None = None
        self.curves = Seq2seqCurves()
        self.iteration = 0                          # steps the current model has trained
        self.saved_iteration = 0                    # the step it was last saved or opened at
        self.state = "paused"
        self.builds = 0                             # models built so far (tests count rebuilds)
        self.decode_request: str | int | None = None
        self._rate: deque[tuple[float, int]] = deque(maxlen=90)
        self._dirty = False
        self._error = ""
        self._error_text: Callable[[], str] = str       # the error line, said in the window's language
        self._status_text: Callable[[], str] | None = None  # the status line, likewise
        self._steps_before_build = 0

        self.controls = Seq2seqControls(hidden_size=hidden_size, epochs=epochs)
        self.status = QLabel(objectName="seq2seqStatus")
        self.status.setStyleSheet(f"color: {TEXT}; font-size: 9pt;")
        self.status.setWordWrap(True)       # a long status line wraps, not widens a docked lab
        self.error_label = QLabel(objectName="seq2seqError")
        self.error_label.setStyleSheet(f"color: {WRONG}; font-size: 9pt;")
        self.error_label.setMinimumWidth(10)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 3)
        status_row.addWidget(self.error_label, 1)
        self.variant_note = QLabel(objectName="seq2seqVariantNote")
        self.variant_note.setWordWrap(True)
        self.variant_note.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        self.accuracy_view = AccuracyView()
        self.examples_view = ExamplesView()
        self.ask = AskPane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        for i, (widget, stretch) in enumerate(((self.accuracy_view, 4), (self.examples_view, 3), (self.ask, 5))):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(i, stretch)
        self.splitter.setSizes(list(SPLITS["addition"]))
        layout = FillLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addWidget(self.controls)
        layout.addLayout(status_row)
        layout.addWidget(self.variant_note)
        layout.addWidget(self.splitter, 1)
        live(self, self.retranslate)

        self.controls.changed.connect(lambda: self._apply(self.controls.settings()))
        self.controls.play_button.clicked.connect(self.toggle_play)
        self.controls.epoch_button.clicked.connect(self.step_epoch)
        self.controls.reset_button.clicked.connect(self.reset)
        self.examples_view.example_clicked.connect(self.decode)
        self.ask.question_entered.connect(self.decode)
        self.ask.unroll_requested.connect(self.unroll)

        self._event_handlers = self._make_event_handlers()
        self.worker_kind = worker_kind(worker)
        self.worker = seq2seq.make_worker(self.worker_kind)
        self._worker_started = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self._started = bool(start)
        if start:
            self._build(self.controls.settings())

    def start(self) -> None:
        """Build the first model if none was asked for yet (the window's tab, when first opened:
        a learner who never opens the lab pays nothing)."""
        if not self._started:
            self._started = True
            self._build(self.controls.settings())

    # -- rebuilds ------------------------------------------------------------------------------
    def open_pairs_file(self, path: str) -> None:
        """Train on a file in the book's format (asks first when training would be discarded)."""
        self.controls.choose_task(self.controls.add_file_task(path))

    def _apply(self, settings: LabSettings) -> None:
        """Rebuild for ``settings``, after asking when trained steps would be lost; else revert."""
        if settings == self.settings:
            return
        if not self.confirm_discard(translate("seq2seq_lab", "Rebuild the model?")):
            self.controls.revert()
            return
        self._build(settings)

    @property
    def unsaved_steps(self) -> int:
        return max(0, self.iteration - self.saved_iteration)

    def confirm_discard(self, title: str) -> bool:
        """Ask before throwing away unsaved trained steps; True when there is nothing to lose."""
        if self.unsaved_steps == 0:
            return True
        text = translate("seq2seq_lab", "Discard {steps} steps of training?\n\nThe model starts again from "
                         "random weights, and its curves are cleared (File > Save seq2seq run... keeps them).")
        answer = QMessageBox.question(
            self, title, text.format(steps=f"{self.unsaved_steps:,}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _build(self, settings: LabSettings) -> None:
        self._start_worker()
        seed = settings.seed or 0
        config = Seq2seqConfig(vocab_size=2, hidden_size=settings.hidden, cell=settings.cell,
                               decoder=settings.decoder, reverse=settings.reverse, seed=seed,
                               stream="book" if settings.seed is None else "seeded")
        # The book's ch.7-8 training: Adam 0.001, gradients clipped at norm 5.
        train = TrainConfig(batch_size=self.batch_size, optimizer="adam", lr=1e-3, clip=5.0,
                            epochs=self.controls.task_defaults(settings.task)["epochs"], seed=seed)
        self._steps_before_build = self.iteration
        self.iteration = 0                 # the old steps are as good as gone (unless the build fails)
        self._set_error("")
        self._set_status(lambda: translate("seq2seq_lab", "building {variant} …").format(
            variant=variant_text(settings)))
        self.worker.build(settings.task, config, train, n=self.pairs_n, seed=self.seed)

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
        """Train to the end of the current epoch (its accuracy included), then pause."""
        self._set_error("")
        self.worker.step_epoch()

    def reset(self) -> None:
        """Start the same variant again from step 0 (asks first when steps would be lost)."""
        if self.settings is not None and self.confirm_discard(translate("seq2seq_lab", "Reset the model?")):
            self.iteration = 0
            self.worker.reset()

    def set_graph_available(self, available: bool) -> None:
        """Offer "Unroll in graph" (the main window has an unrolled-graph panel for :attr:`graph_ready`)."""
        self.ask.unroll_button.setVisible(available)

    def unroll(self) -> None:
        """Unroll what the ask pane shows (a test example, or a typed question whose answer can
        be worked out; else the first test example) for the graph panel."""
        request = self.decode_request
        if isinstance(request, str):
            answer = expected_answer(self.settings.task if self.settings else "", request)
            if answer is None:
                self.ask.show_error(lambda: translate(
                    "seq2seq_lab", "Unrolling needs the true answer: pick a test example from the list, or type "
                    "a question whose answer can be worked out"))
                return
            self.worker.graph((request, answer))
        else:
            self.worker.graph(0 if request is None else request)

    def export(self, view: str, path: str) -> None:
        """Write one of :attr:`EXPORTS` (the whole lab, or one of its views) as PNG or SVG (by suffix)."""
        widget = {"lab": self, "accuracy": self.accuracy_view, "decode": self.ask.strip,
                  "attention": self.ask.attention_view}[view]
        readouts = [r for r in (self.accuracy_view.readout, self.ask.attention_view.readout) if r.isVisible()]
        for readout in readouts:            # a hover label left over from the mouse is not part of the figure
            readout.hide()
        try:
            export_widget(widget, path)
        finally:
            for readout in readouts:
                readout.show()

    def save_run(self, path: str) -> bool:
        """Write the run with its curves (the worker, which keeps them too, pauses first and
        confirms with ``Saved``)."""
        if self.settings is None:
            return False
        self.worker.save(str(path))
        return True

    def open_run(self, path: str) -> None:
        """Continue a saved seq2seq run (asks first when unsaved steps would be lost)."""
        if self.confirm_discard(translate("seq2seq_lab", "Open a seq2seq run?")):
            self._started = True
            self._start_worker()
            self.worker.load(str(path))

    def decode(self, question: str | int) -> None:
        """Decode typed text, or test example ``question`` (an index: the listed examples are the
        first test pairs, in order). The trace is decoded again after every epoch."""
        self.decode_request = question
        self.worker.decode(question)

    def _start_worker(self) -> None:
        """Start the worker with the first model (a thread or a process is only paid for when used)."""
        if not self._worker_started:
            self._worker_started = True
            self.worker.start()

    def shutdown(self, timeout: float = 1.0) -> bool:
        """Stop the timer and the worker; True if it ended within ``timeout``.

        The worker stops between two steps. A thread finishes an evaluation of the test set first
        (it stops between two batches, within about 0.1 s); a process still busy after
        ``timeout`` is terminated, since it holds nothing a user would lose.
        """
        self.timer.stop()
        return self.worker.shutdown(timeout)

    # -- events from the worker ----------------------------------------------------------------
    def poll(self) -> None:
        """Drain the worker's mailbox and redraw what changed (the ~30 Hz timer calls this)."""
        for event in self.worker.mailbox.drain():
            self._handle(event)
        if self._dirty:
            self._dirty = False
            self.accuracy_view.refresh(self.curves)
            self._update_status()

    def _handle(self, event) -> None:
        """One event from the worker: a loss or an accuracy into the curves, then whatever else
        its type asks for (one table)."""
        self._dirty = True
        self.curves.add(event)
        handler = self._event_handlers.get(type(event))
        if handler is not None:
            handler(event)

    def _make_event_handlers(self) -> dict:
        return {StepSnapshot: self._on_step, AccuracyResult: self._on_accuracy,
                Decoded: lambda event: self.ask.show_trace(event.request, event.trace),
                Unrolled: lambda event: self.graph_ready.emit(event.frame),
                DecodeFailed: self._on_decode_failed, StateChanged: self._on_state, Seq2seqReady: self._on_ready,
                Saved: self._on_saved, Divergence: lambda event: self._set_error(lambda: localize(event.message)),
                WorkerDied: self._worker_died, WorkerError: self._on_error}

    def _on_step(self, event: StepSnapshot) -> None:
        self.iteration = event.stats.iteration
        self._rate.append((time.perf_counter(), self.iteration))

    def _on_accuracy(self, event: AccuracyResult) -> None:
        self.examples_view.refresh(event.examples)
        if self.decode_request is not None:     # follow the training: decode it again
            self.worker.decode(self.decode_request)

    def _on_decode_failed(self, event: DecodeFailed) -> None:
        self.decode_request = None
        self.ask.show_error(lambda: localize(event.message))

    def _on_state(self, event: StateChanged) -> None:
        self.state = event.state
        self.controls.set_training(self.state == TRAINING)
        self._rate.clear()

    def _on_saved(self, event: Saved) -> None:
        self.saved_iteration = event.iteration
        self.file_used.emit(event.path)
        self.status_message.emit(translate("seq2seq_lab", "Saved the seq2seq run {path} (step {step})").format(
            path=event.path, step=f"{event.iteration:,}"))

    def _on_error(self, event: WorkerError) -> None:
        if event.command == "build":
            if self.settings is not None:       # the previous model is still there
                self.controls.revert()
                self.iteration = self._steps_before_build
            self._set_error(lambda: translate("seq2seq_lab", "Could not build the model: {message}").format(
                message=localize(event.message)))
        elif event.command == "decode":
            self.decode_request = None
            self.ask.show_error(lambda: localize(event.message))
        elif event.command == "graph":          # the decode shown stays, and keeps updating
            self.ask.show_error(lambda: localize(event.message))
        else:
            self._set_error(lambda: localize(event.message))

    def _worker_died(self, event: WorkerDied) -> None:
        """The lab's process ended unasked: say why, and build the same model in a new one."""
        self.state = "paused"
        self.controls.set_training(False)
        self._worker_started = False
        self.worker.shutdown(timeout=0.5)
        self.worker = seq2seq.make_worker(self.worker_kind)
        settings, self.settings = self.settings, None
        self._set_error(lambda: translate("seq2seq_lab", "{message} A new one builds the model again.").format(
            message=localize(event.message)))
        if settings is not None:
            error = self._error_text
            self._build(settings)
            self._set_error(error)

    def _on_ready(self, event: Seq2seqReady) -> None:
        task_changed = self.settings is None or event.task != self.settings.task
        self.ready, self.builds = event, self.builds + 1
        config = event.config
        if event.task not in GENERATED:
            self.controls.add_file_task(event.task)     # an opened run's pairs file is listed too
        self.settings = LabSettings(event.task, config.reverse, config.decoder, config.cell, config.hidden_size,
                                    None if config.stream == "book" else config.seed)
        self.controls.show_settings(self.settings)
        self.iteration = self.saved_iteration = event.iteration
        self.decode_request = None
        self.curves = event.curves or Seq2seqCurves(event.iters_per_epoch, event.answer_width)
        self.accuracy_view.clear()
        self.accuracy_view.set_positions(event.answer_width)
        self.examples_view.clear()
        if event.path is not None:
            self.file_used.emit(event.path)
            self.status_message.emit(translate("seq2seq_lab", "Opened the seq2seq run {path} at step {step}").format(
                path=event.path, step=f"{event.iteration:,}"))
        self.ask.reset(event.task, event.example_question, config.decoder == "attention")
        if task_changed:
            total = sum(self.splitter.sizes())
            split = SPLITS.get(event.task, SPLITS["date"] if event.question_width > 12 else SPLITS["addition"])
            self.splitter.setSizes([round(total * part / sum(split)) for part in split])
        self._update_variant_note()


if __name__ == "__main__":
    import sys

    from PySide6.QtCore import QSettings

    from rnnviz.gui.app import application, configure_pyqtgraph
    from rnnviz.gui.i18n import choose, set_language
    configure_pyqtgraph()
    app = application()
    set_language(choose(QSettings()))       # the window's language: the remembered one, else the system's
    lab = Seq2seqLab()
    lab.resize(1250, 560)
    live(lab, lambda: lab.setWindowTitle(translate("seq2seq_lab", Seq2seqLab.TITLE)))
    lab.show()
    app.aboutToQuit.connect(lab.shutdown)
    sys.exit(app.exec())
