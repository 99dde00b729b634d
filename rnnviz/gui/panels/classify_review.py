"""Read a review with the classifier: a text box, the class the gradient is taken for, the
verdict line, and the three token-by-token views of :mod:`.classify_trace`."""
from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from rnnviz.engine.classify_generated import CUE_WORDS
from rnnviz.engine.snapshots import ReviewTrace

from ..i18n import live, translate
from .classify_curves import class_name, probability_name
from .lab_views import RIGHT, WRONG
from .classify_trace import TraceViews, shown_class
from .common import MUTED, TEXT


def review_hint(source: str) -> str:
    """The text box's placeholder: what to type for data ``source``, in the window's language."""
    if source == "first-token":
        return translate("classify_review", "Type e.g. “{positive}” (positive) or “{negative}” (negative), "
                         "then press Enter").format(positive=" ".join(CUE_WORDS[1][:3]),
                                                   negative=" ".join(CUE_WORDS[0][:3]))
    if source == "reviews":
        return translate("classify_review", "Type a review such as “the plot was not boring at all”, then "
                         "press Enter")
    if source == "reviews-ko":
        return translate("classify_review", "Type a review in Korean, then press Enter")
    return translate("classify_review", "Type a review, then press Enter")


class ReviewPane(QWidget):
    """The review box above a :class:`~.classify_trace.TraceViews`.

    Emits :attr:`text_entered` with the typed text (Enter or Read) and :attr:`label_chosen`
    with a class id when the gradient's class is changed; the lab reads the text and calls
    :meth:`show_trace` or :meth:`show_error`.
    """

    text_entered = Signal(str)
    label_chosen = Signal(int)
    unroll_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.source = ""
        self.classes: tuple[str, ...] = ()
        self.shown: tuple[str | int, ReviewTrace] | None = None     # what the verdict line tells of
        self.error: Callable[[], str] | None = None                 # the error line's text, while shown
        self.review_edit = QLineEdit(objectName="classifyReview")
        self.review_edit.setClearButtonEnabled(True)
        self.read_button = QPushButton(objectName="classifyRead")
        self.label_text = QLabel()
        self.label_text.setStyleSheet(f"color: {MUTED};")
        self.label_combo = QComboBox(objectName="classifyReviewLabel")
        self.unroll_button = QPushButton(objectName="classifyUnroll")
        self.unroll_button.setVisible(False)        # until the lab sits in a window with a graph panel
        live(self, self._retranslate_texts)
        self.review_edit.returnPressed.connect(self._enter)
        self.read_button.clicked.connect(self._enter)
        self.typed_label = 0                        # the class chosen for typed texts
        self.label_combo.activated.connect(self._on_label_activated)
        self.unroll_button.clicked.connect(self.unroll_requested)
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(4)
        row.addWidget(self.review_edit, 1)
        row.addWidget(self.read_button)
        row.addSpacing(6)
        row.addWidget(self.label_text)
        row.addWidget(self.label_combo)
        row.addWidget(self.unroll_button)
        self.verdict = QLabel(objectName="classifyVerdict")
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setStyleSheet(f"color: {TEXT}; font-size: 10pt; padding: 0 4px;")
        self.verdict.setMinimumWidth(10)            # a long review is elided, never widens the column
        self.verdict.installEventFilter(self)
        self.review_error = QLabel(objectName="classifyReviewError")
        self.review_error.setWordWrap(True)
        self.review_error.setStyleSheet(f"color: {WRONG}; font-size: 10pt; padding: 0 4px;")
        self.review_error.setVisible(False)
        self.views = TraceViews()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.verdict)
        box.addWidget(self.review_error)
        box.addWidget(self.views, 1)

    def _retranslate_texts(self) -> None:
        """Buttons, hints, the verdict and the error line in the window's language."""
        self.read_button.setText(translate("classify_review", "Read"))
        self.read_button.setToolTip(translate("classify_review", "Read the text token by token with the model as "
                                              "it is now (Enter does the same)"))
        self.label_text.setText(translate("classify_review", "gradient for"))
        self.label_combo.setToolTip(translate(
            "classify_review", "The label a typed text is scored against: the gradient view shows the gradient "
            "training would take for it. A validation example uses its own label."))
        self.unroll_button.setText(translate("classify_review", "Unroll in graph"))
        self.unroll_button.setToolTip(translate(
            "classify_review", "Show this text unrolled in the Unrolled graph panel: every node's size and "
            "gradient, up to the one output"))
        self._name_classes()
        if self.source:
            self.review_edit.setPlaceholderText(review_hint(self.source))
            self.review_edit.setToolTip(review_hint(self.source))
        if self.shown is not None:
            self._show_verdict(*self.shown)
        if self.error is not None:
            self.review_error.setText(self.error())

    def _name_classes(self) -> None:
        for index, name in enumerate(self.classes):
            self.label_combo.setItemText(index, class_name(name))

    def _enter(self) -> None:
        self.text_entered.emit(self.review_edit.text())

    def _on_label_activated(self, index: int) -> None:
        self.typed_label = index
        self.label_chosen.emit(index)

    def label(self) -> int:
        """The class chosen for typed texts (default: the last, "positive")."""
        return self.typed_label

    def reset(self, source: str, classes: tuple[str, ...]) -> None:
        """A new model: nothing read yet; new data also gets a new hint, an empty box and its classes."""
        if source != self.source or tuple(classes) != self.classes:
            self.source, self.classes = source, tuple(classes)
            self.review_edit.setPlaceholderText(review_hint(source))
            self.review_edit.setToolTip(review_hint(source))
            self.review_edit.clear()
            self.label_combo.clear()
            self.label_combo.addItems(["" for _ in classes])
            self._name_classes()
            self.typed_label = len(classes) - 1
            self.label_combo.setCurrentIndex(self.typed_label)
            self.label_combo.setEnabled(True)
        self.shown = self.error = None
        self.verdict.clear()
        self.review_error.setVisible(False)
        self.views.clear()

    def show_trace(self, request: str | int, trace: ReviewTrace, hidden_size: int = 0) -> None:
        """Show a reading of typed text (``request`` a string) or of validation example ``request``."""
        self.views.set_trace(trace, hidden_size)
        # The class the gradient shown is taken for: a validation example's own label (not a
        # choice), or the one chosen for typed texts.
        if self.label_combo.count() > trace.label:
            self.label_combo.setCurrentIndex(trace.label)
        self.label_combo.setEnabled(not trace.label_known)
        self._show_verdict(request, trace)
        self.error = None
        self.verdict.setVisible(True)
        self.review_error.setVisible(False)

    def _show_verdict(self, request: str | int, trace: ReviewTrace) -> None:
        """One line: which text, the verdict after its last token, right or wrong when its label is known.
        The text is elided so that the verdict always shows."""
        self.shown = (request, trace)
        shown = shown_class(trace)
        guess = int(trace.probs[-1].argmax())
        where = (translate("classify_review", "validation example {n}").format(n=request + 1) + " · "
                 if isinstance(request, int) else "")
        probability = probability_name(trace.classes, shown)
        value, verdict = f"{trace.probs[-1, shown]:.2f}", class_name(trace.classes[guess])
        tail = f"{html.escape(probability)} = <b>{value}</b> → <b>{html.escape(verdict)}</b>"
        if trace.label_known:
            right = guess == trace.label
            said = translate("classify_review", "label {label}").format(label=class_name(trace.classes[trace.label]))
            mark = "✓" if right else "✗"
            tail += f" <span style='color:{RIGHT if right else WRONG}'>{mark}</span> " \
                    f"<span style='color:{MUTED}'>({html.escape(said)})</span>"
        before = f"<span style='color:{MUTED}'>{html.escape(where)}</span>"
        after = f" &nbsp; {tail}"
        # Measured as the label lays it out (bold parts, symbols), so the verdict always shows.
        document = QTextDocument()
        document.setDefaultFont(self.verdict.font())
        document.setHtml(before + after)
        room = max(self.verdict.contentsRect().width() - document.idealWidth() - 24, 30)
        # Elided inside its quotes, so a cut text still reads as quoted data: “the acting was…”.
        text = self.verdict.fontMetrics().elidedText(' '.join(trace.text.split()), Qt.TextElideMode.ElideRight,
                                                      int(room) - self.verdict.fontMetrics().horizontalAdvance("“”"))
        self.verdict.setText(before + html.escape(f"“{text}”") + after)
        self.verdict.setToolTip(html.escape(trace.text))

    def show_error(self, message: Callable[[], str] | str) -> None:
        """A one-line reason a text cannot be read or unrolled, in red where the verdict goes.

        ``message`` is best a function returning the text in the window's language (it is asked
        again after a language switch); a ``str`` is shown as it is.
        """
        self.error = (lambda: message) if isinstance(message, str) else message
        self.review_error.setText(self.error())
        self.review_error.setVisible(True)

    def clear_reading(self) -> None:
        """Forget the text shown (it could not be read): the views go back to their placeholder."""
        self.shown = None
        self.verdict.clear()
        self.verdict.setVisible(False)
        self.views.clear()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if watched is self.verdict and event.type() == QEvent.Type.Resize and self.shown is not None:
            self._show_verdict(*self.shown)             # elide the text to the line's new width
        return super().eventFilter(watched, event)
