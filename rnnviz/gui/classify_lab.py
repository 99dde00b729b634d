"""The classifier lab (『Do it! 딥러닝 입문』 ch.9): a many-to-one RNN reads a review and says
P(positive), and its backward pass may walk back over the last k steps only.

:class:`ClassifyLab` is one self-contained widget, a sibling of the seq2seq lab: data and model
controls with the k toggle, the accuracy and loss curves, the live validation examples, and a
review box whose text is read token by token: P(positive) after every token, the hidden state,
and ‖∂L/∂h_t‖ with the truncation point marked, so that a gradient which never reaches a
review's beginning is *seen*. Training runs in a worker of its own
(:mod:`rnnviz.runtime.classify`), in a child process unless a thread is asked for; a ~30 Hz timer
drains the worker's mailbox and redraws what changed. The window that hosts the lab calls
:meth:`ClassifyLab.shutdown` when it closes.

Changing the data or the model rebuilds it; changing k does not: the running model takes the new
k from its next step, and the text shown is read again at once.

Run ``python -m rnnviz.gui.classify_lab`` to open the lab alone in a window.
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QSplitter, QWidget

from rnnviz.engine.snapshots import ClassifyResult, Divergence, StepSnapshot
from rnnviz.localize import localize
from rnnviz.runtime import classify
from rnnviz.runtime.classify import (TRAINING, ClassifyReady, Read, ReadFailed, Saved, StateChanged, Unrolled,
                                     WorkerError)
from rnnviz.runtime.classify_curves import ClassifyCurves
from rnnviz.runtime.loop import worker_kind
from rnnviz.runtime.messages import Progress, WorkerDied

from .classify_status import LabStatus
from .dock_scroll import FillLayout
from .i18n import QT_TRANSLATE_NOOP, live, translate
from .panels.classify_controls import Choice, ClassifyControls
from .panels.classify_curves import CurvesView, ExamplesView
from .panels.classify_recipes import Recipe, configs, lab_recipe, recipe_of, seed_choice, seed_recipe
from .panels.classify_review import ReviewPane
from .panels.classify_trace import TraceViews
from .panels.common import export_widget

POLL_MS = 33
SPLIT = (330, 290, 630)         # curves, examples, review at the dock's 1250 px


class ClassifyLab(LabStatus, QWidget):
    """Train a many-to-one classifier, read reviews with it, and watch how far back its gradient goes.

    Parameters
    ----------
    parent : QWidget, optional
    examples : int
        Texts generated for "first token" and the reviews (train and validation together).
    hidden_size : int
        H of the first model.
    batch_size : int
        Training batch of the lab's settings (the seed's settings bring their own, 32).
    epochs : int
        Planned epochs of the lab's settings; Play goes on past them.
    start : bool
        Build the first model ("first token", RNN, k = 10) at once, or only when :meth:`start` is called.
    worker : str, optional
        "process" or "thread" (tests that read the session); default ``$RNNVIZ_WORKER``, else
        "process". The worker starts with the first model, so an unopened lab costs no process.
    """

    # English; shown through translate("classify_lab", ...) (the dock's title, File > Export).
    TITLE = QT_TRANSLATE_NOOP("classify_lab", "Classifier lab")
    EXPORTS = {"lab": QT_TRANSLATE_NOOP("classify_lab", "Whole lab"),
               "curves": QT_TRANSLATE_NOOP("classify_lab", "Accuracy and loss curves"),
               "examples": QT_TRANSLATE_NOOP("classify_lab", "Validation examples"),
               "review": QT_TRANSLATE_NOOP("classify_lab", "Review, token by token (all three views)"),
               "probability": QT_TRANSLATE_NOOP("classify_lab", "P(positive) after every token"),
               "hidden": QT_TRANSLATE_NOOP("classify_lab", "Hidden state over the tokens"),
               "gradient": QT_TRANSLATE_NOOP("classify_lab", "Gradient over the tokens")}
    graph_ready = Signal(object)        # a GraphFrame of one text, for the unrolled-graph panel
    status_message = Signal(str)        # "Saved ...", "Opened ...": for the window's status bar
    file_used = Signal(str)             # a run file saved or opened (the window's Open recent)

    def __init__(self, parent: QWidget | None = None, *, examples: int = 5000, hidden_size: int = 32,
                 batch_size: int = 32, epochs: int = 10, start: bool = True, worker: str | None = None):
        super().__init__(parent)
        self.setObjectName("classifyPanel")
        self.examples_n, self.batch_size, self.epochs = examples, batch_size, epochs
        self.choice: Choice | None = None           # what the current model was built with
        self.recipe = self.lab_recipe("first-token")
        self._pending_recipe: Recipe | None = None  # the recipe of the build under way
        self.ready: ClassifyReady | None = None
        self.curves = ClassifyCurves()
        self.iteration = 0                          # steps the current model has trained
        self.saved_iteration = 0                    # the step it was last saved or opened at
        self.state = "paused"
        self.builds = 0                             # models built so far (tests count rebuilds)
        self.truncate = 0                           # k in force in the worker (0: full BPTT)
        self.k_at_start = 0                         # k the current run began with
        self.read_request: str | int | None = None  # the text shown: typed, or a validation index
        self._rate: deque[tuple[float, int]] = deque(maxlen=90)
        self._dirty = False
        self._error = ""
        self._error_text: Callable[[], str] = str       # the error line, said in the window's language
        self._status_text: Callable[[], str] | None = None  # the status line, likewise
        self._steps_before_build = 0

        self.controls = ClassifyControls(hidden_size=hidden_size)
        status_row = self._make_lines()
        self.curves_view = CurvesView()
        self.examples_view = ExamplesView()
        self.review = ReviewPane()
        self.trace_views = self.review.views
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        for i, (widget, stretch) in enumerate(((self.curves_view, 4), (self.examples_view, 3), (self.review, 7))):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(i, stretch)
        self.splitter.setSizes(list(SPLIT))
        layout = FillLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addWidget(self.controls)
        layout.addLayout(status_row)
        layout.addWidget(self.note)
        layout.addWidget(self.splitter, 1)
        live(self, self.retranslate)

        self.controls.changed.connect(lambda: self._apply(self.controls.choice()))
        self.controls.truncate_changed.connect(self.set_truncate)
        self.controls.preset_requested.connect(self.apply_seed_settings)
        self.controls.play_button.clicked.connect(self.toggle_play)
        self.controls.step_button.clicked.connect(self.step)
        self.controls.epoch_button.clicked.connect(self.step_epoch)
        self.controls.reset_button.clicked.connect(self.reset)
        self.examples_view.example_clicked.connect(self.read)
        self.review.text_entered.connect(self.read)
        self.review.label_chosen.connect(self._on_label_chosen)
        self.review.unroll_requested.connect(self.unroll)

        self._event_handlers = self._make_event_handlers()
        self.worker_kind = worker_kind(worker)
        self.worker = classify.make_worker(self.worker_kind)
        self._worker_started = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self._started = bool(start)
        if start:
            self._build(self.controls.choice(), self.recipe)

    def start(self) -> None:
        """Build the first model if none was asked for yet (the window's tab, when first opened:
        a learner who never opens the lab pays nothing)."""
        if not self._started:
            self._started = True
            self._build(self.controls.choice(), self.recipe)

    def lab_recipe(self, source: str) -> Recipe:
        return lab_recipe(source, examples=self.examples_n, batch_size=self.batch_size, epochs=self.epochs)

    # -- rebuilds ------------------------------------------------------------------------------
    def open_data(self, path: str) -> None:
        """Train on a table or an aclImdb folder (asks first when training would be discarded)."""
        self.controls.choose_source(path)

    def _apply(self, choice: Choice) -> None:
        """Rebuild for ``choice``, after asking when trained steps would be lost; else revert.
        New data brings the lab's settings for it; a model change keeps the recipe in force."""
        if choice == self.choice:
            return
        recipe = self.recipe if self.choice is not None and choice.source == self.choice.source \
            else self.lab_recipe(choice.source)
        if not self.confirm_discard(translate("classify_lab", "Rebuild the model?")):
            self.controls.revert()
            return
        self._build(choice, recipe)

    def apply_seed_settings(self) -> None:
        """The seed's data, model, k and training (asks first when trained steps would be lost)."""
        choice, k = seed_choice(self.choice)
        recipe = seed_recipe(choice.source, examples=self.examples_n)
        if choice == self.choice and recipe == self.recipe and k == self.truncate:
            return
        if not self.confirm_discard(translate("classify_lab", "Use the settings of Do it! ch.9?")):
            return
        self.controls.show_choice(choice)
        self.controls.show_k(k)
        self._build(choice, recipe)

    def _build(self, choice: Choice, recipe: Recipe) -> None:
        try:
            spec, config, train = configs(choice, recipe, self.controls.k())
        except ValueError as exc:           # a setting the engine refuses: say why, keep the model
            self.controls.revert()
            message = exc.args[0] if exc.args else str(exc)
            self._set_error(lambda: translate("classify_lab", "Could not build the model: {message}").format(
                message=localize(message)))
            return
        self._start_worker()
        self._pending_recipe = recipe
        self._steps_before_build = self.iteration
        self.iteration = 0                 # the old steps are as good as gone (unless the build fails)
        self._set_error("")
        self._set_status(lambda: translate("classify_lab", "building {model} …").format(
            model=f"{choice.cell.upper()}, H={choice.hidden}"))
        self.worker.build(spec, config, train)

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

    def step(self) -> None:
        """Train one mini-batch, then pause."""
        self._set_error("")
        self.worker.step()

    def step_epoch(self) -> None:
        """Train to the end of the current epoch (its validation included), then pause."""
        self._set_error("")
        self.worker.step_epoch()

    def reset(self) -> None:
        """Start again from step 0 with the same model and the k shown (asks first when steps would be lost)."""
        if self.choice is not None and self.confirm_discard(translate("classify_lab", "Reset the model?")):
            self.iteration = 0
            self.worker.reset()

    def set_truncate(self, k: int) -> None:
        """Backpropagate through the last ``k`` steps (0: all) from the next step on, without a
        rebuild; the text shown is read again at once, so the gradient view follows."""
        self.truncate = max(0, int(k))
        self.controls.show_k(self.truncate)
        if self.ready is None:
            return                          # the build under way takes k from the controls
        self.worker.set_truncate(self.truncate)
        self._reread()
        self._update_note()
        self._dirty = True

    def read(self, text: str | int) -> None:
        """Read typed text, or validation example ``text`` (an index), token by token. The text is
        read again after every epoch and every change of k."""
        self.read_request = text
        self._reread()

    def _reread(self) -> None:
        if self.read_request is not None:
            label = None if isinstance(self.read_request, int) else self.review.label()
            self.worker.read(self.read_request, label)

    def _on_label_chosen(self, _label: int) -> None:
        if isinstance(self.read_request, str):
            self._reread()

    def set_graph_available(self, available: bool) -> None:
        """Offer "Unroll in graph" (the main window has an unrolled-graph panel for :attr:`graph_ready`)."""
        self.review.unroll_button.setVisible(available)

    def unroll(self) -> None:
        """Unroll the text shown (the first validation example when none is) for the graph panel."""
        request = 0 if self.read_request is None else self.read_request
        self.worker.graph(request, None if isinstance(request, int) else self.review.label())

    def export(self, view: str, path: str) -> None:
        """Write one of :attr:`EXPORTS` (the whole lab, or one of its views) as PNG or SVG (by suffix)."""
        if view in TraceViews.VIEWS:
            self.trace_views.export(view, path)
            return
        widget = {"lab": self, "curves": self.curves_view, "examples": self.examples_view}[view]
        readouts = [r for r in (self.curves_view.readout, *self.trace_views.readouts.values()) if r.isVisible()]
        for readout in readouts:            # a hover label left over from the mouse is not part of the figure
            readout.hide()
        try:
            export_widget(widget, path)
        finally:
            for readout in readouts:
                readout.show()

    def save_run(self, path: str) -> bool:
        """Write the run with its curves (the worker pauses first and confirms with ``Saved``)."""
        if self.choice is None:
            return False
        self.worker.save(str(path))
        return True

    def open_run(self, path: str) -> None:
        """Continue a saved classifier run (asks first when unsaved steps would be lost)."""
        if self.confirm_discard(translate("classify_lab", "Open a classifier run?")):
            self._started = True
            self._start_worker()
            self.worker.load(str(path))

    def _start_worker(self) -> None:
        """Start the worker with the first model (a thread or a process is only paid for when used)."""
        if not self._worker_started:
            self._worker_started = True
            self.worker.start()

    def shutdown(self, timeout: float = 1.0) -> bool:
        """Stop the timer and the worker; True if it ended within ``timeout``.

        The worker stops between two steps (a thread finishes a validation batch first); a process
        still busy after ``timeout`` is terminated, since it holds nothing a user would lose.
        """
        self.timer.stop()
        return self.worker.shutdown(timeout)

    # -- events from the worker ----------------------------------------------------------------
    def poll(self) -> None:
        """Drain the worker's mailbox and redraw what changed (the ~30 Hz timer calls this).

        Bounded work per tick however much arrived: every loss goes into the curves, but only the
        newest reading and the newest examples are drawn, and the curves once."""
        newest: dict[type, object] = {}
        for event in self.worker.mailbox.drain():
            self._dirty = True
            self.curves.add(event)
            if isinstance(event, (Read, ClassifyResult)):
                newest[type(event)] = event
                continue
            handler = self._event_handlers.get(type(event))
            if handler is not None:
                handler(event)
        if ClassifyResult in newest:
            self.examples_view.refresh(newest[ClassifyResult].examples)
            self._reread()                  # follow the training: read the text again
        if Read in newest:
            self._on_read(newest[Read])
        if self._dirty:
            self._dirty = False
            self.curves_view.refresh(self.curves)
            if self._pending_recipe is None:        # while building, the status says so
                self._update_status()
                self._update_note()

    def _make_event_handlers(self) -> dict:
        return {StepSnapshot: self._on_step, Unrolled: lambda event: self.graph_ready.emit(event.frame),
                ReadFailed: self._on_read_failed, StateChanged: self._on_state, ClassifyReady: self._on_ready,
                Saved: self._on_saved, Progress: self._on_progress,
                Divergence: lambda event: self._set_error(lambda: localize(event.message)),
                WorkerDied: self._worker_died, WorkerError: self._on_error}

    def _on_step(self, event: StepSnapshot) -> None:
        self.iteration = event.stats.iteration
        self._rate.append((time.perf_counter(), self.iteration))

    def _on_read(self, event: Read) -> None:
        if event.request != self.read_request:
            return                          # an older request, overtaken by a newer one
        self.review.show_trace(event.request, event.trace, self.ready.config.hidden_size if self.ready else 0)

    def _on_state(self, event: StateChanged) -> None:
        self.state = event.state
        self.controls.set_training(self.state == TRAINING)
        self._rate.clear()

    def _on_ready(self, event: ClassifyReady) -> None:
        self.ready, self.builds = event, self.builds + 1
        config, spec = event.config, event.spec
        self.choice = Choice(spec.source, config.cell, config.input, config.hidden_size, config.pool)
        if event.path is not None:
            known = (self.lab_recipe(spec.source), seed_recipe(spec.source, examples=self.examples_n))
            self.recipe = recipe_of(spec, config, event.train, known)
        elif self._pending_recipe is not None:
            self.recipe = self._pending_recipe
        self._pending_recipe = None
        self.controls.show_choice(self.choice)
        self.truncate = self.k_at_start = config.truncate
        self.controls.show_k(self.truncate)
        self.iteration = self.saved_iteration = event.iteration
        self.curves = event.curves or ClassifyCurves(event.iters_per_epoch)
        self.curves_view.clear()
        self.curves_view.set_classes(len(event.classes))
        self.curves_view.refresh(self.curves)
        self.examples_view.clear()
        self.examples_view.set_classes(event.classes)
        same_data = self.review.source == spec.source and tuple(event.classes) == self.review.classes
        self.review.reset(spec.source, event.classes)
        if event.path is not None:
            self.file_used.emit(event.path)
            self.status_message.emit(translate("classify_lab", "Opened the classifier run {path} at step {step}")
                                     .format(path=event.path, step=f"{event.iteration:,}"))
        # Something to look at from the start: the text shown before a model change, else the
        # first validation text, read by the untrained model.
        self.read(self.read_request if same_data and self.read_request is not None else 0)
        self._update_note()
        self._update_status()


if __name__ == "__main__":
    import sys

    from PySide6.QtCore import QSettings

    from rnnviz.gui.app import application, configure_pyqtgraph
    from rnnviz.gui.i18n import choose, set_language
    configure_pyqtgraph()
    app = application()
    set_language(choose(QSettings()))       # the window's language: the remembered one, else the system's
    lab = ClassifyLab()
    lab.resize(1250, 600)
    live(lab, lambda: lab.setWindowTitle(translate("classify_lab", ClassifyLab.TITLE)))
    lab.show()
    app.aboutToQuit.connect(lab.shutdown)
    sys.exit(app.exec())
