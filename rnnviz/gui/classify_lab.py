"""The classifier lab (『Do it! 딥러닝 입문』 ch.9): a many-to-one RNN reads a review and says
P(positive), and its backward pass may walk back over the last k steps only.

:class:`ClassifyLab` is one self-contained widget, a sibling of the seq2seq lab: data and model
controls with the k toggle, the accuracy and loss curves, the live validation examples, and a
review box whose text is read token by token: P(positive) after every token, the hidden state,
and ‖∂L/∂h_t‖ with the truncation point marked, so that a gradient which never reaches a
review's beginning is *seen*. Training runs in a worker of its own
(:mod:`rnnviz.runtime.classify`), in a child process unless a thread is asked for; a ~30 Hz timer
drains the worker's mailbox and redraws what changed (the worker, its commands, the poll and the
lines are :class:`~rnnviz.gui.lab_base.LabBase`'s, shared with the seq2seq lab). The window that
hosts the lab calls :meth:`ClassifyLab.shutdown` when it closes.

Changing the data or the model rebuilds it; changing k does not: the running model takes the new
k from its next step, and the text shown is read again at once.

Run ``python -m rnnviz.gui.classify_lab`` to open the lab alone in a window.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from rnnviz.engine.snapshots import ClassifyResult
from rnnviz.localize import localize
from rnnviz.runtime import classify
from rnnviz.runtime.classify import ClassifyReady, Read, ReadFailed, Unrolled, WorkerError
from rnnviz.runtime.classify_curves import ClassifyCurves
from rnnviz.runtime.messages import Progress

from .classify_status import LabStatus
from .i18n import QT_TRANSLATE_NOOP, live, translate
from .lab_base import LabBase, run_alone
from .panels.classify_controls import Choice, ClassifyControls
from .panels.classify_curves import CurvesView, ExamplesView
from .panels.classify_recipes import Recipe, configs, lab_recipe, recipe_of, seed_choice, seed_recipe
from .panels.classify_review import ReviewPane
from .panels.classify_trace import TraceViews
from .panels.common import MUTED

SPLIT = (330, 290, 630)         # curves, examples, review at the dock's 1250 px


class ClassifyLab(LabStatus, LabBase):
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
    # Bounded work per tick: only the newest examples and the newest reading are drawn.
    NEWEST_ONLY = (ClassifyResult, Read)
    HIDE_EMPTY_ERROR = True

    def __init__(self, parent: QWidget | None = None, *, examples: int = 5000, hidden_size: int = 32,
                 batch_size: int = 32, epochs: int = 10, start: bool = True, worker: str | None = None):
        super().__init__(parent, make_worker=classify.make_worker, worker=worker)
        self.setObjectName("classifyPanel")
        self.examples_n, self.batch_size, self.epochs = examples, batch_size, epochs
        self.choice: Choice | None = None           # what the current model was built with
        self.recipe = self.lab_recipe("first-token")
        self._pending_recipe: Recipe | None = None  # the recipe of the build under way
        self.ready: ClassifyReady | None = None
        self.curves = ClassifyCurves()
        self.truncate = 0                           # k in force in the worker (0: full BPTT)
        self.k_at_start = 0                         # k the current run began with
        self.read_request: str | int | None = None  # the text shown: typed, or a validation index

        self.controls = ClassifyControls(hidden_size=hidden_size)
        status_row = self._make_lines("classifyStatus", "classifyError")
        self.note = QLabel(objectName="classifyNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        self.curves_view = CurvesView()
        self.examples_view = ExamplesView()
        self.review = ReviewPane()
        self.trace_views = self.review.views
        self._lay_out(status_row, self.note, ((self.curves_view, 4), (self.examples_view, 3), (self.review, 7)), SPLIT)
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
        if start:
            self.start()

    def _model_settings(self) -> Choice | None:
        return self.choice

    def _forget_model(self) -> None:
        self.choice, self.ready = None, None

    def _controls_settings(self) -> Choice:
        return self.controls.choice()

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

    def _build(self, choice: Choice, recipe: Recipe | None = None) -> None:
        """Build ``choice`` trained as ``recipe`` says (None: the recipe in force)."""
        recipe = self.recipe if recipe is None else recipe
        try:
            spec, config, train = configs(choice, recipe, self.controls.k())
        except ValueError as exc:           # a setting the engine refuses: say why, keep the model
            self.controls.revert()
            message = exc.args[0] if exc.args else str(exc)
            self._set_error(lambda: translate("classify_lab", "Could not build the model: {message}").format(
                message=localize(message)))
            return
        self._pending_recipe = recipe
        self._begin_build(lambda: translate("classify_lab", "building {model} …").format(
            model=f"{choice.cell.upper()}, H={choice.hidden}"))
        self.worker.build(spec, config, train)

    # -- commands ------------------------------------------------------------------------------
    def step(self) -> None:
        """Train one mini-batch, then pause."""
        self._set_error("")
        self.worker.step()

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
        self._export(widget, path, [self.curves_view.readout, *self.trace_views.readouts.values()])

    # -- events from the worker ----------------------------------------------------------------
    def _redraw(self) -> None:
        self.curves_view.refresh(self.curves)
        if self._pending_recipe is None:        # while building, the status says so
            self._update_status()
            self._update_note()

    def _make_event_handlers(self) -> dict:
        return {**super()._make_event_handlers(), ClassifyResult: self._on_result, Read: self._on_read,
                Unrolled: lambda event: self.graph_ready.emit(event.frame), ReadFailed: self._on_read_failed,
                ClassifyReady: self._on_ready, Progress: self._on_progress, WorkerError: self._on_error}

    def _on_result(self, event: ClassifyResult) -> None:
        self.examples_view.refresh(event.examples)
        self._reread()                      # follow the training: read the text again

    def _on_read(self, event: Read) -> None:
        if event.request != self.read_request:
            return                          # an older request, overtaken by a newer one
        self.review.show_trace(event.request, event.trace, self.ready.config.hidden_size if self.ready else 0)

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
    sys.exit(run_alone(ClassifyLab, "classify_lab", (1250, 600)))
