"""Ask the seq2seq model a question: a text box, the model's answer (right or wrong when the truth
is known), the decoder's steps with their top-k candidates, and the attention map."""
from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...engine.snapshots import DecodeTrace
from ..i18n import live, translate
from .common import MUTED, TEXT
from .lab_views import RIGHT, WRONG
from .seq2seq_decode import AttentionView, DecodeStrip


def question_hint(task: str, example_question: str) -> str:
    """The question box's placeholder: what to type for ``task``, in the window's language."""
    if task == "addition":
        return translate("seq2seq_ask", "Type a sum such as 12+34, then press Enter")
    if task == "date":
        return translate("seq2seq_ask", "Type a date such as 9/27/94 or march 4, 1999, then press Enter")
    return translate("seq2seq_ask", "Type a question such as {example}, then press Enter").format(
        example=example_question)


def expected_answer(task: str, question: str) -> str | None:
    """The right answer to a typed question of a generated task, when it can be worked out."""
    text = question.strip()
    if task == "addition":
        match = re.fullmatch(r"(\d+)\+(\d+)", text)
        return str(int(match[1]) + int(match[2])) if match else None
    if task == "date":
        from rnnviz.engine.dates import parse_date
        try:
            return parse_date(text).isoformat()
        except ValueError:
            return None
    return None


class AskPane(QWidget):
    """The question box above a :class:`DecodeStrip` and an :class:`AttentionView`.

    Emits :attr:`question_entered` with the typed text (Enter or the Decode button); the lab
    decodes it and calls :meth:`show_trace` or :meth:`show_error`.
    """

    question_entered = Signal(str)
    unroll_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.task = ""
        self.example_question = ""
        self.shown: tuple[str | int, DecodeTrace] | None = None     # the decode the answer line tells of
        self.error: Callable[[], str] | None = None                 # the error line's text, while shown
        self.question_edit = QLineEdit(objectName="seq2seqQuestion")
        self.question_edit.setClearButtonEnabled(True)
        self.decode_button = QPushButton(objectName="seq2seqDecode")
        live(self.decode_button, lambda: self.decode_button.setText(translate("seq2seq_ask", "Decode")))
        self.question_edit.returnPressed.connect(self._enter)
        self.decode_button.clicked.connect(self._enter)
        self.unroll_button = QPushButton(objectName="seq2seqUnroll")
        live(self.unroll_button, lambda: (
            self.unroll_button.setText(translate("seq2seq_ask", "Unroll in graph")),
            self.unroll_button.setToolTip(translate(
                "seq2seq_ask", "Show this question and its answer unrolled in the Unrolled graph panel: every "
                "node's size and gradient, encoder then decoder"))))
        self.unroll_button.setVisible(False)        # until the lab sits in a window with that panel
        self.unroll_button.clicked.connect(self.unroll_requested)
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.question_edit, 1)
        row.addWidget(self.decode_button)
        row.addWidget(self.unroll_button)
        self.answer_label = QLabel(objectName="seq2seqAnswer")
        self.answer_label.setTextFormat(Qt.TextFormat.RichText)
        self.answer_label.setWordWrap(True)     # a long date question must not widen the column
        self.answer_label.setStyleSheet(f"color: {TEXT}; font-size: 10pt; padding: 0 4px;")
        self.question_error = QLabel(objectName="seq2seqQuestionError")
        self.question_error.setWordWrap(True)
        self.question_error.setStyleSheet(f"color: {WRONG}; font-size: 10pt; padding: 0 4px;")
        self.question_error.setVisible(False)
        self.strip = DecodeStrip()
        scroll = QScrollArea(objectName="seq2seqStepsScroll")
        scroll.setWidget(self.strip)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedHeight(self.strip.minimumHeight() + 14)      # room for a horizontal scroll bar
        self.attention_view = AttentionView()
        self.strip.step_hovered.connect(self.attention_view.highlight_step)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.answer_label)
        box.addWidget(self.question_error)
        box.addWidget(scroll)
        box.addWidget(self.attention_view, 1)
        live(self, self.retranslate)

    def retranslate(self) -> None:
        """Say the hint, the answer line and the error line again (after a language switch)."""
        if self.task:
            self.question_edit.setPlaceholderText(question_hint(self.task, self.example_question))
        if self.shown is not None:
            self._show_answer(*self.shown)
        if self.error is not None:
            self.question_error.setText(self.error())

    def _enter(self) -> None:
        self.question_entered.emit(self.question_edit.text())

    def reset(self, task: str, example_question: str, has_attention: bool) -> None:
        """A new model: nothing decoded yet; a new task also gets a new hint and an empty box."""
        if task != self.task:
            self.task, self.example_question = task, example_question
            self.question_edit.setPlaceholderText(question_hint(task, example_question))
            self.question_edit.clear()
        self.strip.set_trace(None)
        self.attention_view.set_variant(has_attention)
        self.shown = self.error = None
        self.answer_label.clear()
        self.question_error.setVisible(False)

    def show_trace(self, request: str | int, trace: DecodeTrace) -> None:
        """Show a decode of typed text (``request`` a string) or of test example ``request``."""
        truth = self._truth(request, trace)
        self.strip.set_trace(trace, truth)
        self.attention_view.set_trace(trace)
        self._show_answer(request, trace)
        self.error = None
        self.answer_label.setVisible(True)
        self.question_error.setVisible(False)

    def _truth(self, request: str | int, trace: DecodeTrace) -> str | None:
        return trace.answer if isinstance(request, int) else expected_answer(self.task, trace.question)

    def _show_answer(self, request: str | int, trace: DecodeTrace) -> None:
        """The answer line: the question, the model's answer, and right or wrong when the truth is known."""
        self.shown = (request, trace)
        truth = self._truth(request, trace)
        where = html.escape(translate("seq2seq_ask", "test example {n}:").format(n=request + 1) + " "
                            if isinstance(request, int) else "")
        guess = html.escape(trace.guess) or html.escape(translate("seq2seq_ask", "(blank)"))
        guess = f"<b style='font-size:13pt'>{guess}</b>"
        if truth is None:
            unknown = html.escape(translate("seq2seq_ask", "(the true answer is not known for this question)"))
            verdict = f"<span style='color:{MUTED}'>{unknown}</span>"
        elif truth == trace.guess:
            right = html.escape(translate("seq2seq_ask", "right"))
            verdict = f"<span style='color:{RIGHT}'>✓ {right}</span>"
        else:
            wrong = html.escape(translate("seq2seq_ask", "wrong"))
            true_answer = html.escape(translate("seq2seq_ask", "true answer"))
            verdict = (f"<span style='color:{WRONG}'>✗ {wrong}</span> <span style='color:{MUTED}'>{true_answer}</span> "
                       f"<b>{html.escape(truth)}</b>")
        model = html.escape(translate("seq2seq_ask", "→ model:"))
        self.answer_label.setText(f"<span style='color:{MUTED}'>{where}</span>{html.escape(trace.question)} "
                                  f"<span style='color:{MUTED}'>{model}</span> {guess} {verdict}")

    def show_error(self, message: Callable[[], str] | str) -> None:
        """A one-line reason a question cannot be read or unrolled, in red where the answer goes.

        ``message`` is best a function returning the text in the window's language (it is asked
        again after a language switch); a ``str`` is shown as it is.
        """
        self.error = (lambda: message) if isinstance(message, str) else message
        self.shown = None
        self.question_error.setText(self.error())
        self.question_error.setVisible(True)
        self.answer_label.setVisible(False)
        self.strip.set_trace(None)
        self.attention_view.set_variant(self.attention_view.has_attention)
