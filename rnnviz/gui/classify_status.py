"""The classifier lab's words: the note under the controls (what the data and k mean for this
run), the status line, the sentences the lab base says for it (the question before trained steps
are thrown away, saved, a worker that died: :class:`~rnnviz.gui.lab_base.LabWords`), and the
worker's events that only say something (busy, failed). All in the window's language, and said
again after a language switch.

Mixed into :class:`~rnnviz.gui.classify_lab.ClassifyLab` (its ``choice``, ``ready``, ``curves``,
``state``, ``truncate``, controls and review pane), so that module reads as controls, worker and
events.
"""
from __future__ import annotations

import html

from rnnviz.engine.classify_generated import CUE_LENGTH
from rnnviz.localize import localize
from rnnviz.runtime.messages import DIVERGED, FINISHED, PAUSED, TRAINING, Progress, WorkerError

from .i18n import translate
from .lab_base import LabWords
from .panels.classify_controls import choice_text
from .panels.common import MUTED


class LabStatus:
    """The lab's note, status line, the lab base's sentences, and its worker's words."""

    def _words(self) -> LabWords:
        return LabWords(
            discard=translate("classify_status", "Discard {steps} steps of training?\n\nThe model starts again "
                              "from random weights, and its curves are cleared (File > Save classifier run... keeps "
                              "them)."),
            saved=translate("classify_status", "Saved the classifier run {path} (step {step})"),
            died=translate("classify_status", "{message} A new one builds the model again."),
            open_title=translate("classify_lab", "Open a classifier run?"),
            reset_title=translate("classify_lab", "Reset the model?"))

    # -- the worker's words --------------------------------------------------------------------
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
