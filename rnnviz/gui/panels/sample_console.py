"""Generate text from the current model and watch it stream in, each token tinted by how likely
the model found it, with the alternatives it considered on hover."""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QCheckBox, QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QTextBrowser, QToolTip, QVBoxLayout, QWidget)

from ...engine.data import Vocab
from ...engine.snapshots import SampleResult, SampleToken
from ...localize import localize
from ..flow_layout import flow_row
from ..i18n import QT_TRANSLATE_NOOP, live, translate
from .common import MUTED, TEXT, display_token, export_widget

EOS = "<eos>"
# Light tints under dark text: low probability is warm (the model was surprised), high is pale.
TINT = pg.ColorMap([0.0, 0.2, 0.5, 1.0], ["#f46d43", "#fdae61", "#fee8a0", "#eef6e4"])


def tint(prob: float) -> QColor:
    """Background colour of a token the model gave probability ``prob``."""
    return TINT.map(float(np.clip(prob, 0.0, 1.0)), mode="qcolor")


def alternatives_html(token: str, prob: float, top_tokens, top_probs) -> str:
    """Tooltip: the chosen token's probability and the model's top alternatives."""
    rows = "".join(
        f"<tr><td>{'<b>' if alt == token else ''}{html.escape(display_token(alt))}"
        f"{'</b>' if alt == token else ''}</td><td align='right'>&nbsp;{float(p):.3f}</td></tr>"
        for alt, p in zip(top_tokens, top_probs))
    choices = translate("sample_console", "the model's top choices:")
    return (f"<b>{html.escape(display_token(token))}</b>: p = {prob:.3f}"
            f"<br><span style='color:{MUTED}'>{html.escape(choices)}</span><table>{rows}</table>")


class _Output(QTextBrowser):
    """A read-only text view whose tooltip is the hovered token's char-format tooltip."""

    def tooltip_at(self, pos: QPoint) -> str:
        """Tooltip of the character under viewport point ``pos`` ('' between tokens)."""
        offset = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        hit = self.document().documentLayout().hitTest(pos + offset, Qt.HitTestAccuracy.ExactHit)
        if hit < 0:
            return ""
        cursor = QTextCursor(self.document())
        cursor.setPosition(hit + 1)        # charFormat() describes the character left of the cursor
        return cursor.charFormat().toolTip()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


class SampleConsolePanel(QWidget):
    """Sampling settings, a Generate / Stop pair and the streamed, probability-tinted output.

    The panel never samples by itself: Generate emits ``sample_requested`` with the settings,
    and the window feeds the worker's tokens back through :meth:`begin_sample`,
    :meth:`append_token` and :meth:`finish_sample`.
    """

    TITLE = QT_TRANSLATE_NOOP("panels", "Sample")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Text the model writes now, each token tinted by the probability the "
                                "model gave it (warm = surprising); hover a token for its alternatives.")

    sample_requested = Signal(dict)
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("samplePanel")
        self.vocab: Vocab | None = None
        self._level: str | None = None        # "char" / "word"; guessed from tokens without a vocab
        self._count = 0
        self._status_text = None                # () -> the footer, said again after a switch
        caption = QLabel()
        caption.setWordWrap(True)
        caption.setStyleSheet(f"color: {MUTED}; font-size: 9pt; padding: 2px 4px;")
        self.prefix = QLineEdit()
        self.prefix.setObjectName("prefixEdit")
        self.length = _spin(QSpinBox(), "lengthSpin", 1, 10_000, 200)
        self.temperature = _spin(QDoubleSpinBox(), "temperatureSpin", 0.05, 5.0, 1.0)
        self.temperature.setSingleStep(0.1)
        self.top_k = _spin(QSpinBox(), "topKSpin", 0, 100_000, 0)
        self.greedy = QCheckBox()
        self.greedy.setObjectName("greedyCheck")
        # On for a word-level run (its sentences end in <eos>); off and disabled without <eos>.
        self.stop_at_eos = QCheckBox()
        self.stop_at_eos.setObjectName("stopAtEosCheck")
        self.stop_at_eos.setEnabled(False)
        self.seed = _spin(QSpinBox(), "sampleSeed", -1, 2**31 - 1, -1)
        self.generate_button = QPushButton()
        self.generate_button.setObjectName("sampleButton")
        self.generate_button.setDefault(True)
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("sampleStopButton")
        self.stop_button.setEnabled(False)
        self.output = _Output()
        self.output.setObjectName("sampleOutput")
        self.output.setOpenLinks(False)
        # Monospace keeps columns of characters aligned; one family name (not a CSS list)
        # so an SVG export names a real font.
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(11)
        self.output.setFont(mono)
        self.output.setMinimumHeight(44)       # two lines: the rest of a short dock goes to it
        self.output.setStyleSheet(f"QTextBrowser {{ background: white; color: {TEXT}; }}")
        self.status = QLabel()
        self.status.setObjectName("sampleStatus")
        self.status.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)   # always: "<eos>" in a footer is text, escaped       # a long footer takes a second line, not a wider dock

        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        self.prefix_label = QLabel()
        top.addWidget(self.prefix_label)
        top.addWidget(self.prefix, 1)
        top.addWidget(self.generate_button)
        top.addWidget(self.stop_button)
        # The settings wrap onto a second line in a narrow dock instead of widening the window.
        self.length_label, self.temperature_label, self.top_k_label, self.seed_label = (
            QLabel(), QLabel(), QLabel(), QLabel())
        settings = flow_row(*(_labelled(label, widget) for label, widget in (
            (self.length_label, self.length), (self.temperature_label, self.temperature),
            (self.top_k_label, self.top_k), (self.seed_label, self.seed))), self.greedy, self.stop_at_eos)
        settings.setContentsMargins(4, 0, 4, 0)
        legend = QHBoxLayout()
        legend.setContentsMargins(4, 0, 4, 0)
        legend.addWidget(self.status, 1)
        legend.addWidget(QLabel(_legend_html()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.caption = caption
        layout.addWidget(caption)
        layout.addLayout(top)
        layout.addWidget(settings)
        layout.addWidget(self.output, 1)
        layout.addLayout(legend)

        self.generate_button.clicked.connect(self.request_sample)
        self.prefix.returnPressed.connect(self.request_sample)
        self.stop_button.clicked.connect(self.stop_requested)
        self.greedy.toggled.connect(self._on_greedy)
        self.clear()
        live(self, self.retranslate)

    @classmethod
    def title(cls) -> str:
        """The panel's name in the window's language (dock title, Export menu)."""
        return translate("panels", cls.TITLE)

    def caption_text(self) -> str:
        """The caption now, in the window's language."""
        return translate("panels", self.CAPTION)

    def retranslate(self) -> None:
        """Redo the texts set once (after a language switch; also at construction), as a
        :class:`~rnnviz.gui.panels.common.Panel` does."""
        self.caption.setText(self.caption_text())
        self.prefix_label.setText(translate("sample_console", "prefix"))
        self.length_label.setText(translate("sample_console", "length"))
        self.temperature_label.setText(translate("sample_console", "temperature"))
        self.top_k_label.setText(translate("sample_console", "top-k"))
        self.seed_label.setText(translate("sample_console", "seed"))
        self.temperature.setToolTip(translate("sample_console", "below 1: safer, more repetitive; above 1: "
                                              "more surprising"))
        self.top_k.setSpecialValueText(translate("sample_console", "all"))
        self.top_k.setToolTip(translate("sample_console", "draw only from the k likeliest tokens (all: no limit)"))
        self.greedy.setText(translate("sample_console", "greedy"))
        self.greedy.setToolTip(translate("sample_console", "always take the likeliest token (temperature and "
                                         "top-k ignored)"))
        self.seed.setSpecialValueText(translate("sample_console", "random"))
        self.stop_at_eos.setText(translate("sample_console", "stop at <eos>"))
        self._stop_at_eos_tip()
        self.generate_button.setText(translate("sample_console", "Generate"))
        self.stop_button.setText(translate("sample_console", "Stop"))
        self.output.setPlaceholderText(translate(
            "sample_console", "Type a prefix and press Enter or Generate: the model writes from its current "
            "weights, even in the middle of training."))
        self._show_prefix_hint(self.vocab)
        self._set_status(self._status_text)

    def set_margin(self, margin: int) -> None:
        """Content margins in px (tighter in the compact layout)."""
        self.layout().setContentsMargins(margin, margin, margin, margin)

    def set_vocab(self, vocab: Vocab | None) -> None:
        """The run's vocabulary: its level decides whether tokens are joined with spaces, and
        whether a sample stops at ``<eos>`` by default (a new vocabulary resets that choice)."""
        changed = vocab != self.vocab
        self.vocab = vocab
        self._level = vocab.level if vocab is not None else None
        has_eos = vocab is not None and vocab.eos_id is not None
        self.stop_at_eos.setEnabled(has_eos)
        if changed or not has_eos:
            # A word-level corpus ends its sentences in <eos>: one sentence is what a learner
            # wants to read. A char-level one with <eos> (rare) keeps writing past it.
            self.stop_at_eos.setChecked(has_eos and vocab.level == "word")
        self._show_prefix_hint(vocab)
        self._stop_at_eos_tip()

    def _stop_at_eos_tip(self) -> None:
        if self.vocab is not None and self.vocab.eos_id is None:
            tip = translate("sample_console", "This vocabulary has no <eos>: the model never ends a "
                            "sentence, so it writes the whole length.")
        else:
            tip = translate("sample_console", "End the sample when the model writes <eos>, the end of a "
                            "sentence (off: <eos> is a line break and it writes on).")
        self.stop_at_eos.setToolTip(tip)

    def _show_prefix_hint(self, vocab: Vocab | None) -> None:
        # What rnnviz.engine.sampling does with an empty prefix: it reads <eos> (the end of the
        # sentence before) first, and refuses when the vocabulary has no <eos>.
        if vocab is None:
            hint = translate("sample_console", "prefix to start from")
            tip = translate("sample_console", "The model reads this text first, then writes on.")
        elif vocab.eos_id is not None:
            hint = translate("sample_console", "prefix to start from (empty: a new sentence, after <eos>)")
            tip = translate("sample_console", "The model reads this text first, then writes on. Left empty, it "
                            "reads <eos>, the end of a sentence, and starts a new one.")
        else:
            hint = translate("sample_console", "type a prefix (this vocabulary has no <eos> to start after)")
            tip = translate("sample_console", "The model reads this text first, then writes on. It needs at "
                            "least one token: without an <eos> in the vocabulary there is no 'start of a "
                            "text' to read.")
        self.prefix.setPlaceholderText(hint)
        self.prefix.setToolTip(tip)

    def settings(self) -> dict:
        """What Generate sends: prefix, length, temperature, top_k, greedy, seed (None = random),
        stop_at_eos."""
        seed = self.seed.value()
        return {"prefix": self.prefix.text(), "length": self.length.value(),
                "temperature": self.temperature.value(), "top_k": self.top_k.value(),
                "greedy": self.greedy.isChecked(), "seed": None if seed < 0 else seed,
                "stop_at_eos": self.stop_at_eos.isEnabled() and self.stop_at_eos.isChecked()}

    def request_sample(self) -> None:
        """Ask the window (through ``sample_requested``) to generate with the current settings."""
        if self.generate_button.isEnabled():
            self.sample_requested.emit(self.settings())

    def _on_greedy(self, on: bool) -> None:
        self.temperature.setEnabled(not on)
        self.top_k.setEnabled(not on)

    # -- streaming -----------------------------------------------------------------------------
    def begin_sample(self, prefix: str) -> None:
        """Start a new output: the prefix in plain text; Generate is off until it finishes."""
        self.output.clear()
        self._count = 0
        self.generate_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self._set_status(lambda: translate("sample_console", "generating…"))
        cursor = self._end_cursor()
        plain = QTextCharFormat()
        plain.setFontWeight(700)
        cursor.insertText(prefix, plain)

    def append_token(self, tok: SampleToken) -> None:
        """Append one generated token, tinted by its probability, with its alternatives as tooltip."""
        if self._level is None and len(tok.token) > 1 and tok.token != EOS:
            self._level = "word"
        cursor = self._end_cursor()
        plain = QTextCharFormat()
        if self._level == "word" and tok.token != EOS and not self._at_line_start(cursor):
            cursor.insertText(" ", plain)
        fmt = QTextCharFormat()
        fmt.setBackground(tint(tok.prob))
        fmt.setToolTip(alternatives_html(tok.token, tok.prob, tok.top_tokens, tok.top_probs))
        if tok.token in (EOS, "\n"):
            # A line break has no width to tint, so a visible ⏎ carries the colour first.
            cursor.insertText("⏎", fmt)
            cursor.insertText("\n", plain)
        else:
            cursor.insertText(tok.token, fmt)
        self._count += 1
        self.output.ensureCursorVisible()

    def finish_sample(self, result: SampleResult | None, error: str | None = None) -> None:
        """End the stream: re-enable Generate; report the error, or what was generated."""
        self.generate_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        if error:
            self._set_status(lambda: f"<span style='color:#c0392b'>{html.escape(localize(error))}</span>")
        elif result is None:
            count = self._count
            self._set_status(lambda: translate("sample_console", "stopped after {n} tokens").format(n=count))
        else:
            self._set_status(lambda: _footer(result))

    def _set_status(self, text) -> None:
        """Show ``text()`` in the footer, and again in the new language after a switch."""
        self._status_text = text
        self.status.setText(text() if text is not None else "")

    def _end_cursor(self) -> QTextCursor:
        cursor = self.output.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    @staticmethod
    def _at_line_start(cursor: QTextCursor) -> bool:
        return cursor.positionInBlock() == 0 or cursor.block().text().endswith(" ")

    # -- state ---------------------------------------------------------------------------------
    def refresh(self, history) -> None:
        """Nothing to redraw per training step: samples arrive through :meth:`append_token`."""

    def clear(self) -> None:
        """Empty output with a hint (a new run or a new model)."""
        self.output.clear()
        self._set_status(None)
        self._count = 0
        self.generate_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    def export(self, path: str) -> None:
        """Save the console (settings and tinted text) as PNG or SVG (by the file suffix)."""
        export_widget(self, path)


def _footer(result: SampleResult) -> str:
    """What a finished sample was: how many tokens, from which step, drawn how."""
    s = result.settings
    if s.get("greedy"):
        how = translate("sample_console", "greedy")
    else:
        top_k = s.get("top_k") or translate("sample_console", "all")
        how = translate("sample_console", "temperature {temperature}, top-k {k}").format(
            temperature=f"{s.get('temperature', 1.0):g}", k=top_k)
    # No seed: numpy drew one from the OS, and the engine does not report which.
    if s.get("seed") is None:
        seed = translate("sample_console", "random seed")
    else:
        seed = translate("sample_console", "seed {seed}").format(seed=s["seed"])
    footer = translate("sample_console", "{n} tokens from the model at step {step} ({how}, {seed})").format(
        n=len(result.tokens), step=f"{result.iteration:,}", how=how, seed=seed)
    if result.stopped_at_eos:
        stop = translate("sample_console", "stopped at <eos>: token {n} of at most {length}").format(
            n=len(result.tokens), length=s.get("length", len(result.tokens)))
        footer = f"{footer}; {stop}"
    return html.escape(footer)


def _labelled(label: QLabel, widget: QWidget) -> QWidget:
    """``label`` and its field as one piece, so a wrapped line never parts them."""
    pair = QWidget()
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    row.addWidget(label)
    row.addWidget(widget)
    return pair


def _spin(box, name: str, lo, hi, value):
    box.setObjectName(name)
    box.setRange(lo, hi)
    box.setValue(value)
    box.setKeyboardTracking(False)
    return box


def _legend_html() -> str:
    swatches = "".join(f"<span style='background:{tint(p).name()}'>&nbsp;{p:.1f}&nbsp;</span>"
                       for p in (0.0, 0.1, 0.3, 0.6, 1.0))
    return f"<span style='color:{MUTED}; font-size: 9pt'>p&nbsp;</span>{swatches}"
