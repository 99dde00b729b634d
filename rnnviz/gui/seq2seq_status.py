"""The seq2seq lab's lines of words: the variant note, the status line and the error line, in the
window's language and said again after a language switch.

Mixed into :class:`~rnnviz.gui.seq2seq_lab.Seq2seqLab` (its ``settings``, ``ready``, ``curves``,
``state``, labels and speed samples), so that module reads as controls, worker and events.
"""
from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt

from rnnviz.runtime.messages import DIVERGED, PAUSED
from rnnviz.runtime.seq2seq import FINISHED, TRAINING

from .i18n import QT_TRANSLATE_NOOP, translate
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
    """The lab's variant note, status line and error line."""

    def _update_variant_note(self) -> None:
        if self.settings is None:
            return
        self.variant_note.setText(translate("seq2seq_lab", DECODER_NOTES[self.settings.decoder]) + " "
                                  + translate("seq2seq_lab", REVERSE_NOTE if self.settings.reverse else TRY_REVERSE))

    def retranslate(self) -> None:
        """Say the composed lines again in the window's language (after a switch; also at construction)."""
        self._update_variant_note()
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
        self._elide_error()

    def _elide_error(self) -> None:
        width = max(self.error_label.width(), 10)
        metrics = self.error_label.fontMetrics()
        self.error_label.setText(metrics.elidedText(self._error, Qt.TextElideMode.ElideRight, width))
        self.error_label.setToolTip(self._error)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._elide_error()

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
