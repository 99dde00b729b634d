"""How the seq2seq decoder wrote one answer: the character chosen at each step with its top-k
candidates (:class:`DecodeStrip`), and where attention looked while writing it
(:class:`AttentionView`). Both read one :class:`~rnnviz.engine.snapshots.DecodeTrace`."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QSizePolicy, QToolTip, QWidget

from ...engine.snapshots import DecodeTrace
from ..i18n import QT_TRANSLATE_NOOP, live, translate
from .common import (LABEL_STYLE, MUTED, PALETTE, TEXT, Panel, TokenAxis, display_token, make_readout,
                     place_readout, style_plot, tick_font)
from .lab_views import RIGHT, WRONG

SHOWN_K = 5             # candidates drawn per step (the trace keeps TOP_K)
TARGET = PALETTE[1]     # the true character when it is not the one chosen (as in "Next token")
# White for "ignored" to dark blue for "all eyes here": rows sum to 1, so most cells are pale.
ATTENTION_MAP = pg.ColorMap([0.0, 0.35, 1.0], ["#ffffff", "#6baed6", "#08306b"])


class DecodeStrip(QWidget):
    """One column per decoder step: the character written (large), its top candidates as bars,
    and with attention the question character that step looked at most ("→ x").

    The chosen character is green when it matches the true answer, red when not, black when the
    answer is unknown. Hovering a column emits :attr:`step_hovered` (-1 on leaving).
    """

    MIN_COL, MAX_COL = 50, 140
    HEADER, CHOSEN, ROW, FOOTER = 15, 28, 14, 18
    EMPTY = QT_TRANSLATE_NOOP("seq2seq_decode", "Type a question above, or click a test example: the decoder "
                              "writes its answer one character per step, feeding each back in. The bars are its "
                              "top candidates at each step.")

    step_hovered = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("seq2seqSteps")
        self.trace: DecodeTrace | None = None
        self.truth = ""                     # the true answer padded to L, or "" when unknown
        self.hovered = -1
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self._height())
        self.mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        live(self, self.update)         # painted texts: paint again in the new language

    def _height(self) -> int:
        return self.HEADER + self.CHOSEN + SHOWN_K * self.ROW + self.FOOTER + 8

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        steps = len(self.trace.tokens) if self.trace is not None else 4
        return QSize(steps * 80, self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        steps = len(self.trace.tokens) if self.trace is not None else 0
        return QSize(steps * self.MIN_COL, self._height())

    # -- data ----------------------------------------------------------------------------------
    def set_trace(self, trace: DecodeTrace | None, truth: str | None = None) -> None:
        """Show ``trace``; ``truth`` (the right answer, if known) colours each chosen character."""
        self.trace = trace
        L = len(trace.tokens) if trace is not None else 0
        self.truth = truth.ljust(L)[:L] if truth else ""
        self.hovered = -1
        self.setMinimumWidth(L * self.MIN_COL)
        self.updateGeometry()
        self.update()

    @property
    def steps(self) -> int:
        return len(self.trace.tokens) if self.trace is not None else 0

    def column_width(self) -> float:
        return min(self.MAX_COL, self.width() / max(self.steps, 1))

    def looked_at(self, step: int) -> int | None:
        """Column of the question character step ``step`` gave the most attention, if any."""
        if self.trace is None or self.trace.attention is None:
            return None
        return int(np.argmax(self.trace.attention[step]))

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if self.trace is None:
            p.setPen(QColor(MUTED))
            p.setFont(self._font(10))
            p.drawText(self.rect().adjusted(8, 0, -8, 0),
                       int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                       translate("seq2seq_decode", self.EMPTY))
            p.end()
            return
        w = self.column_width()
        for step in range(self.steps):
            self._paint_step(p, step, step * w, w)
        p.end()

    def _font(self, size: float, bold: bool = False, mono: bool = False) -> QFont:
        font = QFont(self.mono) if mono else QFont()
        font.setPointSizeF(size)
        font.setBold(bold)
        return font

    def _paint_step(self, p: QPainter, step: int, x: float, w: float) -> None:
        trace = self.trace
        token = trace.tokens[step]
        if step == self.hovered:
            p.fillRect(QRectF(x, 0, w, self.height()), QColor("#eef3f8"))
        if step:
            p.setPen(QPen(QColor("#dddddd")))
            p.drawLine(QPointF(x, 4), QPointF(x, self.height() - 4))
        p.setPen(QColor(MUTED))
        p.setFont(self._font(8))
        p.drawText(QRectF(x, 0, w, self.HEADER), int(Qt.AlignmentFlag.AlignCenter),
                   translate("seq2seq_decode", "step {n}").format(n=step + 1))
        color = QColor(TEXT)
        if self.truth:
            right = token == self.truth[step]
            color = QColor(RIGHT if right else WRONG)
            tint = QColor(color)
            tint.setAlpha(28)
            p.fillRect(QRectF(x + 6, self.HEADER, w - 12, self.CHOSEN - 3), tint)
        p.setPen(color)
        p.setFont(self._font(16, bold=True, mono=True))
        p.drawText(QRectF(x, self.HEADER, w, self.CHOSEN - 3), int(Qt.AlignmentFlag.AlignCenter),
                   display_token(token))
        self._paint_candidates(p, step, x, w)
        column = self.looked_at(step)
        if column is not None:
            y = self.HEADER + self.CHOSEN + SHOWN_K * self.ROW + 4
            p.setPen(QColor(MUTED))
            p.setFont(self._font(8.5))
            text = f"→ {display_token(trace.input_tokens[column])}"
            p.drawText(QRectF(x, y, w, self.FOOTER), int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_candidates(self, p: QPainter, step: int, x: float, w: float) -> None:
        trace = self.trace
        label_w = 16
        bar_x, bar_w = x + 6 + label_w, max(w - 14 - label_w, 8)
        for k in range(min(SHOWN_K, len(trace.top_tokens[step]))):
            y = self.HEADER + self.CHOSEN + k * self.ROW
            candidate, prob = trace.top_tokens[step][k], float(trace.top_probs[step, k])
            is_truth = bool(self.truth) and candidate == self.truth[step]
            p.setPen(QColor(TEXT if k == 0 else MUTED))
            p.setFont(self._font(9, bold=k == 0, mono=True))
            p.drawText(QRectF(x + 4, y, label_w, self.ROW), int(Qt.AlignmentFlag.AlignCenter),
                       display_token(candidate))
            fill = QColor(TARGET if is_truth and k else PALETTE[0] if k == 0 else "#9ecae1")
            p.fillRect(QRectF(bar_x, y + 3, max(prob * bar_w, 1.0), self.ROW - 6), fill)
            if k == 0:      # the winner's share in words, where it fits; every share on hover
                self._paint_share(p, prob, bar_x, bar_w, y)

    def _paint_share(self, p: QPainter, prob: float, bar_x: float, bar_w: float, y: float) -> None:
        p.setFont(self._font(7.5))
        text = f"{prob:.0%}"
        needed = p.fontMetrics().horizontalAdvance(text) + 4
        length = prob * bar_w
        if length >= needed:                       # inside the bar's end, white on blue
            p.setPen(QColor("white"))
            p.drawText(QRectF(bar_x, y, length - 2, self.ROW),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
        elif bar_w - length >= needed:             # after a short bar
            p.setPen(QColor(TEXT))
            p.drawText(QRectF(bar_x + length + 2, y, needed, self.ROW),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)

    # -- hover ---------------------------------------------------------------------------------
    def _step_at(self, x: float) -> int:
        if self.trace is None:
            return -1
        step = int(x // self.column_width())
        return step if 0 <= step < self.steps else -1

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt name)
        step = self._step_at(event.position().x())
        if step != self.hovered:
            self.hovered = step
            self.update()
            self.step_hovered.emit(step)
        if step >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), self.step_text(step), self)

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.hovered != -1:
            self.hovered = -1
            self.update()
            self.step_hovered.emit(-1)

    def step_text(self, step: int) -> str:
        """The tooltip of one step: its candidates with probabilities."""
        trace = self.trace
        lines = [translate("seq2seq_decode", "step {n} wrote '{token}'").format(
            n=step + 1, token=display_token(trace.tokens[step]))]
        lines += [f"  '{display_token(tok)}'  {prob:6.1%}"
                  for tok, prob in zip(trace.top_tokens[step], trace.top_probs[step])]
        return "\n".join(lines)


class AttentionView(Panel):
    """The (L, Tq) attention weights of one decode: a row per character written, a column per
    question character as written (flipped back when the encoder read it reversed)."""

    TITLE = QT_TRANSLATE_NOOP("panels", "Attention")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Dark cells: the question characters the decoder looked at while "
                                "writing each row's character (each row sums to 1).")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "Decode a question (type one, or click a test example) to see "
                                    "where the decoder looks.")
    NO_ATTENTION = QT_TRANSLATE_NOOP("panels", "This variant has no attention: its decoder only sees the question "
                                     "through one vector h.\nTick Attention to rebuild with it.")
    REVERSED_NOTE = QT_TRANSLATE_NOOP("panels", "The encoder read it reversed; the columns are flipped back to "
                                      "the order written.")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("seq2seqAttentionMap")
        self.has_attention = False
        self.trace: DecodeTrace | None = None
        self.widget = pg.GraphicsLayoutWidget()
        self.widget.setObjectName("seq2seqAttentionPlot")
        self.token_axis = TokenAxis()
        self.plot = self.widget.addPlot(row=0, col=0, axisItems={"bottom": self.token_axis})
        style_plot(self.plot, bottom="", left="")
        live(self.widget, lambda: (
            self.plot.setLabel("bottom", translate("seq2seq_decode", "question character (as written)"),
                               **LABEL_STYLE),
            self.plot.setLabel("left", translate("seq2seq_decode", "output"), **LABEL_STYLE)))
        self.plot.showGrid(x=False, y=False)
        self.plot.invertY(True)                 # step 1 on top, in writing order
        self.plot.setMouseEnabled(x=False, y=False)
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=ATTENTION_MAP, interactive=False,
                                        width=14, pen="#888888", colorMapMenu=False)
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        self.colorbar.axis.setTickFont(tick_font())
        self.colorbar.axis.setTextPen(TEXT)
        self.highlight = QGraphicsRectItem()
        self.highlight.setPen(pg.mkPen(TARGET, width=2.5, cosmetic=True))
        self.highlight.setZValue(20)
        self.highlight.setVisible(False)
        self.plot.addItem(self.highlight, ignoreBounds=True)
        self.readout = make_readout()
        self.plot.addItem(self.readout, ignoreBounds=True)
        self.set_content(self.widget)
        self._mouse_proxy = pg.SignalProxy(self.widget.scene().sigMouseMoved, rateLimit=30,
                                           slot=self._on_mouse_moved)
        self.plot.vb.sigResized.connect(self.token_axis.update_layout)
        self.set_variant(False)

    @property
    def weights(self) -> np.ndarray | None:
        """The (L, Tq) weights shown, or None."""
        return None if self.showing_placeholder or self.image.image is None else self.image.image

    def set_variant(self, has_attention: bool) -> None:
        """Say whether the model being trained has attention (before any decode arrives)."""
        self.has_attention = has_attention
        self.trace = None
        self.image.clear()
        self.highlight.setVisible(False)
        self.update_caption()
        self.show_placeholder(None if has_attention else lambda: translate("panels", self.NO_ATTENTION))

    def caption_text(self) -> str:
        """The caption, with a note when the decode shown read its question reversed."""
        text = super().caption_text()
        trace = getattr(self, "trace", None)        # None while Panel.__init__ sets the caption first
        if trace is not None and trace.reversed_input:
            text += " " + translate("panels", self.REVERSED_NOTE)
        return text

    def set_trace(self, trace: DecodeTrace) -> None:
        if trace.attention is None:
            self.set_variant(False)
            return
        self.has_attention, self.trace = True, trace
        weights = np.asarray(trace.attention, np.float32)          # (L, Tq)
        L, Tq = weights.shape
        self.image.setImage(weights, autoLevels=False, levels=(0.0, 1.0))
        self.image.setRect(QRectF(-0.5, -0.5, Tq, L))             # pixel centres on integers
        self.plot.vb.setLimits(xMin=-0.5, xMax=Tq - 0.5, yMin=-0.5, yMax=L - 0.5)
        self.plot.vb.setRange(xRange=(-0.5, Tq - 0.5), yRange=(-0.5, L - 0.5), padding=0)
        self.token_axis.set_tokens(trace.input_tokens)
        labels = [(float(r), display_token(tok)) for r, tok in enumerate(trace.tokens)]
        left = self.plot.getAxis("left")
        left.setTicks([labels, []])
        left.setWidth(40)
        self.update_caption()
        self.highlight.setVisible(False)
        self.show_content()

    def highlight_step(self, step: int) -> None:
        """Outline row ``step`` (-1: none), as the strip's hovered step."""
        if self.trace is None or not 0 <= step < len(self.trace.tokens):
            self.highlight.setVisible(False)
            return
        self.highlight.setRect(QRectF(-0.5, step - 0.5, len(self.trace.input_tokens), 1.0))
        self.highlight.setVisible(True)

    def _on_mouse_moved(self, event: tuple[QPointF]) -> None:
        pos, vb = event[0], self.plot.vb
        if self.trace is None or not vb.sceneBoundingRect().contains(pos):
            self.readout.setVisible(False)
            return
        point = vb.mapSceneToView(pos)
        row, column = int(round(point.y())), int(round(point.x()))
        L, Tq = self.trace.attention.shape
        if not (0 <= row < L and 0 <= column < Tq):
            self.readout.setVisible(False)
            return
        text = translate("seq2seq_decode", "step {n} wrote '{token}'\nlooking at '{question}' (column {column}): "
                         "{weight}").format(n=row + 1, token=display_token(self.trace.tokens[row]),
                                            question=display_token(self.trace.input_tokens[column]),
                                            column=column + 1, weight=f"{self.trace.attention[row, column]:.2f}")
        place_readout(self.readout, vb, column, row, text)

    def clear(self) -> None:
        self.set_variant(self.has_attention)
