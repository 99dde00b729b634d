"""The seq2seq lab (DLFS2 ch.7-8): train an encoder-decoder on addition or dates and watch it learn.

:class:`Seq2seqLab` is one self-contained widget: task and variant controls, the accuracy and
loss curves, the live test examples, and a decoder you can type questions into, with its top-k
candidates and attention map. Training runs in a worker of its own (:mod:`rnnviz.runtime.seq2seq`),
in a child process like the language model's unless a thread is asked for; a ~30 Hz timer drains
the worker's mailbox and redraws what changed (the worker, its commands, the poll and the lines
are :class:`~rnnviz.gui.lab_base.LabBase`'s, shared with the classifier lab). The window that
hosts the lab calls :meth:`Seq2seqLab.shutdown` when it closes.

Run ``python -m rnnviz.gui.seq2seq_lab`` to open the lab alone in a window.
"""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from rnnviz.engine.config import Seq2seqConfig, TrainConfig
from rnnviz.localize import localize
from rnnviz.engine.snapshots import AccuracyResult
from rnnviz.runtime import seq2seq
from rnnviz.runtime.seq2seq_curves import Seq2seqCurves
from rnnviz.runtime.seq2seq import GENERATED, Decoded, DecodeFailed, Seq2seqReady, Unrolled, WorkerError

from .i18n import QT_TRANSLATE_NOOP, live, translate
from .lab_base import LabBase, run_alone
from .panels.common import MUTED
from .panels.seq2seq_ask import AskPane, expected_answer
from .panels.seq2seq_controls import LabSettings, Seq2seqControls, variant_text
from .panels.seq2seq_curves import AccuracyView, ExamplesView
from .seq2seq_status import LabStatus

# Column widths at the dock's 1250 px: date questions ("TUESDAY, SEPTEMBER 25, 1984") need a wider list.
SPLITS = {"addition": (390, 300, 560), "date": (320, 390, 540)}

class Seq2seqLab(LabStatus, LabBase):
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

    def __init__(self, parent: QWidget | None = None, *, pairs_n: int = 50_000, hidden_size: int | None = None,
                 batch_size: int = 128, epochs: int | None = None, seed: int = 1984,
                 start: bool = True, worker: str | None = None):
        super().__init__(parent, make_worker=seq2seq.make_worker, worker=worker)
        self.setObjectName("seq2seqPanel")
        self.pairs_n, self.batch_size, self.seed = pairs_n, batch_size, seed
        self.settings: LabSettings | None = None    # what the current model was built with
        self.ready: Seq2seqReady | None = None
        self.curves = Seq2seqCurves()
        self.decode_request: str | int | None = None

        self.controls = Seq2seqControls(hidden_size=hidden_size, epochs=epochs)
        status_row = self._make_lines("seq2seqStatus", "seq2seqError")
        self.variant_note = QLabel(objectName="seq2seqVariantNote")
        self.variant_note.setWordWrap(True)
        self.variant_note.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        self.accuracy_view = AccuracyView()
        self.examples_view = ExamplesView()
        self.ask = AskPane()
        self._lay_out(status_row, self.variant_note, ((self.accuracy_view, 4), (self.examples_view, 3), (self.ask, 5)),
                      SPLITS["addition"])
        live(self, self.retranslate)

        self.controls.changed.connect(lambda: self._apply(self.controls.settings()))
        self.controls.play_button.clicked.connect(self.toggle_play)
        self.controls.epoch_button.clicked.connect(self.step_epoch)
        self.controls.reset_button.clicked.connect(self.reset)
        self.examples_view.example_clicked.connect(self.decode)
        self.ask.question_entered.connect(self.decode)
        self.ask.unroll_requested.connect(self.unroll)
        if start:
            self.start()

    def _model_settings(self) -> LabSettings | None:
        return self.settings

    def _forget_model(self) -> None:
        self.settings = None

    def _controls_settings(self) -> LabSettings:
        return self.controls.settings()

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

    def _build(self, settings: LabSettings) -> None:
        seed = settings.seed or 0
        config = Seq2seqConfig(vocab_size=2, hidden_size=settings.hidden, cell=settings.cell,
                               decoder=settings.decoder, reverse=settings.reverse, seed=seed,
                               stream="book" if settings.seed is None else "seeded")
        # The book's ch.7-8 training: Adam 0.001, gradients clipped at norm 5.
        train = TrainConfig(batch_size=self.batch_size, optimizer="adam", lr=1e-3, clip=5.0,
                            epochs=self.controls.task_defaults(settings.task)["epochs"], seed=seed)
        self._begin_build(lambda: translate("seq2seq_lab", "building {variant} …").format(
            variant=variant_text(settings)))
        self.worker.build(settings.task, config, train, n=self.pairs_n, seed=self.seed)

    # -- commands ------------------------------------------------------------------------------
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
        self._export(widget, path, [self.accuracy_view.readout, self.ask.attention_view.readout])

    def decode(self, question: str | int) -> None:
        """Decode typed text, or test example ``question`` (an index: the listed examples are the
        first test pairs, in order). The trace is decoded again after every epoch."""
        self.decode_request = question
        self.worker.decode(question)

    # -- events from the worker ----------------------------------------------------------------
    def _redraw(self) -> None:
        self.accuracy_view.refresh(self.curves)
        self._update_status()

    def _make_event_handlers(self) -> dict:
        return {**super()._make_event_handlers(), AccuracyResult: self._on_accuracy,
                Decoded: lambda event: self.ask.show_trace(event.request, event.trace),
                Unrolled: lambda event: self.graph_ready.emit(event.frame),
                DecodeFailed: self._on_decode_failed, Seq2seqReady: self._on_ready, WorkerError: self._on_error}

    def _on_accuracy(self, event: AccuracyResult) -> None:
        self.examples_view.refresh(event.examples)
        if self.decode_request is not None:     # follow the training: decode it again
            self.worker.decode(self.decode_request)

    def _on_decode_failed(self, event: DecodeFailed) -> None:
        self.decode_request = None
        self.ask.show_error(lambda: localize(event.message))

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
        self.accuracy_view.set_variant(event.task, config.decoder, config.reverse)
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
        self._update_note()


if __name__ == "__main__":
    import sys
    sys.exit(run_alone(Seq2seqLab, "seq2seq_lab", (1250, 560)))
