"""Ask the seq2seq model a question: a text box, the model's answer (right or wrong when the truth
is known), the decoder's steps with their top-k candidates, and the attention map."""
from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...engine.snapshots import DecodeTrace
from .common import MUTED, TEXT
from .seq2seq_curves import RIGHT, WRONG
from .seq2seq_decode import AttentionView, DecodeStrip

EXAMPLE_QUESTIONS = {"addition": "a sum such as 12+34", "date": "a date such as 9/27/94 or march 4, 1999"}


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
        self.question_edit = QLineEdit(objectName="seq2seqQuestion")
        self.question_edit.setClearButtonEnabled(True)
        self.decode_button = QPushButton("Decode", objectName="seq2seqDecode")
        self.question_edit.returnPressed.connect(self._enter)
        self.decode_button.clicked.connect(self._enter)
        self.unroll_button = QPushButton("Unroll in graph", objectName="seq2seqUnroll")
        self.unroll_button.setToolTip("Show this question and its answer unrolled in the Unrolled graph "
                                      "panel: every node's size and gradient, encoder then decoder")
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

    def _enter(self) -> None:
        self.question_entered.emit(self.question_edit.text())

    def reset(self, task: str, example_question: str, has_attention: bool) -> None:
        """A new model: nothing decoded yet; a new task also gets a new hint and an empty box."""
        if task != self.task:
            self.task = task
            hint = EXAMPLE_QUESTIONS.get(task, f"a question such as {example_question}")
            self.question_edit.setPlaceholderText(f"Type {hint}, then press Enter")
            self.question_edit.clear()
        self.strip.set_trace(None)
        self.attention_view.set_variant(has_attention)
        self.answer_label.clear()
        self.question_error.setVisible(False)

    def show_trace(self, request: str | int, trace: DecodeTrace) -> None:
        """Show a decode of typed text (``request`` a string) or of test example ``request``."""
        if isinstance(request, int):
            truth, where = trace.answer, f"test example {request + 1}: "
        else:
            truth, where = expected_answer(self.task, trace.question), ""
        self.strip.set_trace(trace, truth)
        self.attention_view.set_trace(trace)
        guess = f"<b style='font-size:13pt'>{html.escape(trace.guess) or '(blank)'}</b>"
        if truth is None:
            verdict = f"<span style='color:{MUTED}'>(the true answer is not known for this question)</span>"
        elif truth == trace.guess:
            verdict = f"<span style='color:{RIGHT}'>✓ right</span>"
        else:
            verdict = (f"<span style='color:{WRONG}'>✗ wrong</span> <span style='color:{MUTED}'>true answer</span> "
                       f"<b>{html.escape(truth)}</b>")
        self.answer_label.setText(f"<span style='color:{MUTED}'>{where}</span>{html.escape(trace.question)} "
                                  f"<span style='color:{MUTED}'>→ model:</span> {guess} {verdict}")
        self.answer_label.setVisible(True)
        self.question_error.setVisible(False)

    def show_error(self, message: str) -> None:
        """The engine's one-line reason a question cannot be read, in red where the answer goes."""
        self.question_error.setText(message)
        self.question_error.setVisible(True)
        self.answer_label.setVisible(False)
        self.strip.set_trace(None)
        self.attention_view.set_variant(self.attention_view.has_attention)
