"""The classifier lab's words: the note under the controls (what the data and k mean for this
run), the status line, the error line, the question before trained steps are thrown away, and
the worker's events that only say something (saved, busy, failed). All in the window's language,
and said again after a language switch.

Mixed into :class:`~rnnviz.gui.classify_lab.ClassifyLab` (its ``choice``, ``ready``, ``curves``,
``state``, ``truncate``, controls, review pane and speed samples), so that module reads as
controls, worker and events.
"""
from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox

from rnnviz.engine.classify_generated import CUE_LENGTH
from rnnviz.localize import localize
from rnnviz.runtime.classify import make_worker
from rnnviz.runtime.messages import DIVERGED, FINISHED, PAUSED, TRAINING, Progress, Saved, WorkerDied, WorkerError

from .i18n import translate
from .panels.classify_controls import choice_text
from .panels.classify_curves import WRONG
from .panels.common import MUTED, TEXT


class LabStatus:
    """The lab's note, status line and error line, its question, and its worker's words."""

    def _make_lines(self) -> QHBoxLayout:
        """The status line and the error line beside it (returned as a row), and the note."""
        self.status = QLabel(objectName="classifyStatus")
        self.status.setStyleSheet(f"color: {TEXT}; font-size: 9pt;")
        self.status.setWordWrap(True)       # a long status line wraps, not widens a docked lab
        self.error_label = QLabel(objectName="classifyError")
        self.error_label.setStyleSheet(f"color: {WRONG}; font-size: 9pt;")
        self.error_label.setMinimumWidth(10)
        self.error_label.installEventFilter(self)
        self.note = QLabel(objectName="classifyNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        row = QHBoxLayout()
        row.addWidget(self.status, 3)
        row.addWidget(self.error_label, 1)
        return row

    @property
    def unsaved_steps(self) -> int:
        return max(0, self.iteration - self.saved_iteration)

    def confirm_discard(self, title: str) -> bool:
        """Ask before throwing away unsaved trained steps; True when there is nothing to lose."""
        if self.unsaved_steps == 0:
            return True
        text = translate("classify_status", "Discard {steps} steps of training?\n\nThe model starts again from "
                         "random weights, and its curves are cleared (File > Save classifier run... keeps them).")
        answer = QMessageBox.question(
            self, title, text.format(steps=f"{self.unsaved_steps:,}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # -- the worker's words --------------------------------------------------------------------
    def _on_saved(self, event: Saved) -> None:
        self.saved_iteration = event.iteration
        self.file_used.emit(event.path)
        self.status_message.emit(translate("classify_status", "Saved the classifier run {path} (step {step})")
                                 .format(path=event.path, step=f"{event.iteration:,}"))

    def _on_progress(self, event: Progress) -> None:
        if not event.finished:              # loading a large data set: say what it reads
            self._set_status(lambda: localize(event.text))

    def _reading_failed(self, message: str) -> None:
        """A text that cannot be read: one line in the review pane, and nothing to read again."""
        self.read_request = None
        self.review.clear_reading()
        self.review.show_error(lambda: localize(message))

    def _on_read_failed(self, event) -> None:
        if event.request == self.read_request:
            self._reading_failed(event.message)

    def _on_error(self, event: WorkerError) -> None:
        if event.command in ("build", "load"):
            if self.choice is not None:       # the previous model is still there
                self.controls.revert()
                self.controls.show_k(self.truncate)
                if event.command == "build":
                    self.iteration = self._steps_before_build
            self._pending_recipe = None
            building = event.command == "build"
            self._set_error(lambda: (translate("classify_status", "Could not build the model: {message}") if building
                                     else translate("classify_status", "Could not open the run: {message}"))
                            .format(message=localize(event.message)))
            self._update_status()
        elif event.command == "read":
            self._reading_failed(event.message)
        elif event.command == "graph":          # the reading shown stays, and keeps updating
            self.review.show_error(lambda: localize(event.message))
        else:
            self._set_error(lambda: localize(event.message))

    def _update_note(self) -> None:
        """What this run shows: the data's point, what k does to it, and a k changed mid-run."""
        choice, ready = self.choice, self.ready
        if choice is None or ready is None:
            return
        T, k = ready.max_len, self.truncate
        parts = []
        if choice.source == "first-token":
            parts.append(translate("classify_status", "First token: only the first {cue} of {T} words decide the "
                                   "label, and the loss comes after the last, so its gradient must travel back "
                                   "all {T} steps.").format(cue=CUE_LENGTH, T=T))
        elif choice.source in ("reviews", "reviews-ko"):
            parts.append(translate("classify_status", "Negations and 'but' flip a review's verdict: type one "
                                   "and watch P(positive) after every word."))
        if 0 < k < T:
            if choice.source == "first-token":
                parts.append(translate("classify_status", "With k = {k} it never gets there: expect accuracy "
                                       "near chance.").format(k=k))
            else:
                parts.append(translate("classify_status", "With k = {k} nothing before a text's last {k} tokens "
                                       "can change the weights.").format(k=k))
        elif choice.source == "first-token":
            parts.append(translate("classify_status", "With full BPTT it gets there: watch validation accuracy "
                                   "leave chance after a few epochs."))
        else:
            parts.append(translate("classify_status", "Full BPTT: the gradient reaches every token."))
        if self.truncate != self.k_at_start and self.iteration > 0:
            parts.append("<b>" + html.escape(translate(
                "classify_status", "{k} applies from the next step (this run began with {before}): Reset to "
                "start over with it.").format(k=_k_text(k), before=_k_text(self.k_at_start))) + "</b>")
        self.note.setText(" ".join(part if part.startswith("<b>") else html.escape(part, quote=False)
                                   for part in parts))

    def _worker_died(self, event: WorkerDied) -> None:
        """The lab's process ended unasked: say why, and build the same model in a new one."""
        self.state = "paused"
        self.controls.set_training(False)
        self._worker_started = False
        self.worker.shutdown(timeout=0.5)
        self.worker = make_worker(self.worker_kind)
        choice, self.choice, self.ready = self.choice, None, None
        self._set_error(lambda: translate("classify_status", "{message} A new one builds the model again.").format(
            message=localize(event.message)))
        if choice is not None:
            error = self._error_text
            self._build(choice, self.recipe)
            self._set_error(error)

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
        self.error_label.setVisible(bool(self._error))     # no error: the status line has the row
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

    def _update_status(self) -> None:
        if self.ready is None or self.choice is None:
            return
        self._set_status(self._status_line)
        self.status.setToolTip(f"{choice_text(self.choice)}, {_k_text(self.truncate)}")

    def _status_line(self) -> str:
        """Model, data, step, epoch, loss, speed, accuracy and state, in the window's language."""
        ready, it, choice = self.ready, self.iteration, self.choice
        if ready is None or choice is None:
            return ""
        train = ready.train
        # The model itself is in the controls just above; the line says what they do not.
        parts = [html.escape(translate("classify_status", "{data}: {train} training / {valid} validation texts").format(
                     data=self.data_name(), train=f"{ready.train_texts:,}", valid=f"{ready.valid_texts:,}")),
                 html.escape(translate("classify_status", "{count} weights").format(count=f"{ready.num_parameters:,}")),
                 html.escape(f"{train.optimizer.upper() if train.optimizer == 'sgd' else train.optimizer.capitalize()}"
                             f" {train.lr:g}"),
                 html.escape(translate("classify_status", "step {step}").format(step=f"{it:,}")),
                 html.escape(translate("classify_status", "epoch {epoch} of {epochs}").format(
                     epoch=f"{it / ready.iters_per_epoch:.2f}", epochs=train.epochs))]
        if self.curves.n:
            parts.append(html.escape(translate("classify_status", "loss {loss}").format(
                loss=f"{self.curves.last_loss:.3f}")))
        rate = self.steps_per_second()
        if self.state == TRAINING and rate == rate:
            parts.append(html.escape(translate("classify_status", "{rate} steps/s").format(rate=f"{rate:.0f}")))
        accuracy = self.curves.columns["valid_accuracy"]
        if accuracy:
            parts.append(translate("classify_status", "validation accuracy <b>{accuracy} %</b>").format(
                accuracy=f"{accuracy[-1]:.1f}"))
        state = {TRAINING: translate("classify_status", "training"),
                 FINISHED: translate("classify_status", "planned epochs done: Play continues"),
                 PAUSED: translate("classify_status", "paused"),
                 DIVERGED: translate("classify_status", "diverged")}.get(self.state, self.state)
        parts.append(f"<span style='color:{MUTED}'>{html.escape(state)}</span>")
        return " · ".join(parts)

    def data_name(self) -> str:
        """The data set's name in the window's language ("first token", "aclImdb")."""
        from rnnviz.localize import localize
        return localize(self.ready.name) if self.ready is not None else ""


def _k_text(k: int) -> str:
    """"k = 10", or "full BPTT" for 0."""
    return f"k = {k}" if k > 0 else translate("classify_status", "full BPTT")
