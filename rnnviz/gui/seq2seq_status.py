"""The seq2seq lab's lines of words: the variant note, the status line, and the sentences the lab
base says for it (:class:`~rnnviz.gui.lab_base.LabWords`), in the window's language and said again
after a language switch.

Mixed into :class:`~rnnviz.gui.seq2seq_lab.Seq2seqLab` (its ``settings``, ``ready``, ``curves``,
``state`` and labels), so that module reads as controls, worker and events.
"""
from __future__ import annotations

import html

from rnnviz.runtime.messages import DIVERGED, PAUSED
from rnnviz.runtime.seq2seq import FINISHED, TRAINING

from .i18n import QT_TRANSLATE_NOOP, translate
from .lab_base import LabWords
from .panels.common import MUTED
from .panels.seq2seq_controls import variant_text

# Shown through translate("seq2seq_lab", ...) when a model is ready.
DECODER_NOTES = {
    "plain": QT_TRANSLATE_NOOP("seq2seq_lab", "Plain: the whole question is squeezed into one vector h, which "
                               "only starts the decoder."),
    "peeky": QT_TRANSLATE_NOOP("seq2seq_lab", "Peeky: h also enters every decoder step, so the decoder keeps "
                               "seeing the question."),
    "attention": QT_TRANSLATE_NOOP("seq2seq_lab", "Attention: every step looks back at all the encoder's states "
                                   "(the map on the right): no one-vector bottleneck."),
}
REVERSE_NOTE = QT_TRANSLATE_NOOP("seq2seq_lab", "Reversed: the question's first characters are read last, just "
                                 "before the answer begins: a shorter path.")
TRY_REVERSE = QT_TRANSLATE_NOOP("seq2seq_lab", "Tick Reverse input for the book's first trick.")


class LabStatus:
    """The lab's variant note, status line and the lab base's sentences."""

    def _words(self) -> LabWords:
        return LabWords(
            discard=translate("seq2seq_lab", "Discard {steps} steps of training?\n\nThe model starts again from "
                              "random weights, and its curves are cleared (File > Save seq2seq run... keeps them)."),
            saved=translate("seq2seq_lab", "Saved the seq2seq run {path} (step {step})"),
            died=translate("seq2seq_lab", "{message} A new one builds the model again."),
            open_title=translate("seq2seq_lab", "Open a seq2seq run?"),
            reset_title=translate("seq2seq_lab", "Reset the model?"))

    def _update_note(self) -> None:
        if self.settings is None:
            return
        self.variant_note.setText(translate("seq2seq_lab", DECODER_NOTES[self.settings.decoder]) + " "
                                  + translate("seq2seq_lab", REVERSE_NOTE if self.settings.reverse else TRY_REVERSE))

    def _update_status(self) -> None:
        if self.ready is None or self.settings is None:
            return
        self._set_status(self._status_line)

    def _status_line(self) -> str:
        """Variant, data, step, epoch, loss, speed, accuracy and state, in the window's language."""
        ready, it, settings = self.ready, self.iteration, self.settings
        if ready is None or settings is None:
            return ""
        seed = (translate("seq2seq_lab", "the book's random stream") if settings.seed is None
                else translate("seq2seq_lab", "seed {seed}").format(seed=settings.seed))
        data = {"addition": translate("seq2seq_lab", "addition"),
                "date": translate("seq2seq_lab", "dates")}.get(ready.task, ready.name)
        parts = [f"<b>{html.escape(variant_text(settings))}</b>, H={settings.hidden}, {html.escape(seed)}",
                 html.escape(translate("seq2seq_lab", "{data}: {pairs} training pairs").format(
                     data=data, pairs=f"{ready.train_pairs:,}")),
                 html.escape(translate("seq2seq_lab", "step {step}").format(step=f"{it:,}")),
                 html.escape(translate("seq2seq_lab", "epoch {epoch} of {epochs}").format(
                     epoch=f"{it / ready.iters_per_epoch:.2f}", epochs=ready.train.epochs))]
        if self.curves.n:
            parts.append(html.escape(translate("seq2seq_lab", "loss {loss}").format(
                loss=f"{self.curves.last_loss:.3f}")))
        rate = self.steps_per_second()
        if self.state == TRAINING and rate == rate:
            parts.append(html.escape(translate("seq2seq_lab", "{rate} steps/s").format(rate=f"{rate:.0f}")))
        if self.curves.latest is not None:
            parts.append(translate("seq2seq_lab", "test accuracy <b>{accuracy} %</b>").format(
                accuracy=f"{100 * self.curves.latest.accuracy:.1f}"))
        state = {TRAINING: translate("seq2seq_lab", "training"),
                 FINISHED: translate("seq2seq_lab", "planned epochs done: Play continues"),
                 PAUSED: translate("seq2seq_lab", "paused"),
                 DIVERGED: translate("seq2seq_lab", "diverged")}.get(self.state, self.state)
        parts.append(f"<span style='color:{MUTED}'>{html.escape(state)}</span>")
        return " · ".join(parts)
