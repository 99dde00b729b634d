"""One text as the classifier read it, token by token, in three views over one token axis:
P(positive) after every token, the hidden state h_t (units x tokens), and ‖∂L/∂h_t‖ on a log
axis, as training computes it (solid) and with full BPTT (dashed), the tokens before the
truncation point shaded: no gradient reaches them.

All three read one :class:`~rnnviz.engine.snapshots.ReviewTrace`; the gradient is the one
training would take for the text's label (or the label chosen for a typed text).
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from rnnviz.engine.snapshots import ReviewTrace

from ..i18n import QT_TRANSLATE_NOOP, live, translate
from .classify_curves import CHANCE, keep_inside, probability_name
from .common import (LABEL_STYLE, MUTED, PALETTE, TEXT, LogAxis, Panel, TokenAxis, display_token, export_item,
                     export_widget, make_readout, place_readout, positive, style_plot)
from .hidden_states import DIVERGING

GRADIENT = PALETTE[4]           # purple, as no other curve of the lab
CUT = PALETTE[3]                # the truncation line, red
SHADE = (150, 150, 150, 45)     # the steps no gradient reaches
AXIS_WIDTH = 54                 # every left axis alike, so the three x axes line up


def shown_class(trace: ReviewTrace) -> int:
    """The class whose probability the top view draws: "positive" (the last of two classes), or
    with more classes the one the gradient is taken for."""
    return len(trace.classes) - 1 if len(trace.classes) == 2 else trace.label


class TraceViews(Panel):
    """P(class) after every token, h_t as a heat map, and ‖∂L/∂h_t‖ with the truncation point,
    sharing one token axis (at the bottom); hover a token to read its numbers."""

    TITLE = QT_TRANSLATE_NOOP("panels", "Review, token by token")
    CAPTION = QT_TRANSLATE_NOOP("panels", "After every token: the verdict so far, the hidden state h_t "
                                "(<span style='color:#2151db'>■</span> −1 · white 0 · "
                                "<span style='color:#c00206'>■</span> +1), and the gradient that reaches it "
                                "(solid: as trained, dashed: full BPTT).")
    VIEWS = ("review", "probability", "hidden", "gradient")     # what :meth:`export` writes
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "Type a review above and press Enter, or click a validation "
                                    "example: P(positive) after every word, the hidden state and how far back "
                                    "the gradient reaches.")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("classifyTracePanel")
        self.trace: ReviewTrace | None = None
        self.hidden_size = 0
        self.truncated_norms = np.zeros(0, np.float32)     # the solid curve's values (0 before the cut)
        self.full_norms = np.zeros(0, np.float32)
        self._note = self._short_note = ""                  # what the gradient view's note says
        self._shown_n = 0                                   # tokens the x axis is framed for
        # P(class) on top.
        self.prob_widget = pg.PlotWidget()
        self.prob_widget.setObjectName("classifyProbPlot")
        self.prob_plot = self.prob_widget.getPlotItem()
        style_plot(self.prob_plot, bottom="", left="")
        self.prob_plot.hideAxis("bottom")
        self.prob_plot.setYRange(-0.16, 1.12, padding=0)   # room for the "0" and "1" labels
        self.prob_plot.getAxis("left").setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
        self.half_line = pg.InfiniteLine(pos=0.5, angle=0, movable=False,
                                         pen=pg.mkPen(CHANCE, width=1.5, style=Qt.PenStyle.DotLine))
        self.prob_plot.addItem(self.half_line, ignoreBounds=True)
        self.prob_curve = self.prob_plot.plot(pen=pg.mkPen(PALETTE[0], width=2), symbol="o", symbolSize=6,
                                              symbolPen="w")
        # h_t, units down and tokens across.
        self.hidden_widget = pg.PlotWidget()
        self.hidden_widget.setObjectName("classifyHiddenMap")
        self.hidden_plot = self.hidden_widget.getPlotItem()
        style_plot(self.hidden_plot, bottom="", left="")
        self.hidden_plot.hideAxis("bottom")
        self.hidden_plot.showGrid(x=False, y=False)
        self.hidden_plot.invertY(True)                  # unit 0 on top, as in a matrix
        self.image = pg.ImageItem()
        self.image.setLookupTable(DIVERGING.getLookupTable(nPts=256))
        self.hidden_plot.addItem(self.image)
        # ‖∂L/∂h_t‖ at the bottom, with the token axis.
        self.token_axis = TokenAxis()
        self.grad_widget = pg.PlotWidget(axisItems={"bottom": self.token_axis, "left": LogAxis("left")})
        self.grad_widget.setObjectName("classifyGradientPlot")
        self.grad_plot = self.grad_widget.getPlotItem()
        style_plot(self.grad_plot, bottom="", left="")
        self.grad_plot.setLogMode(y=True)
        self.grad_plot.showGrid(x=False, y=True, alpha=0.18)
        self.shade = pg.LinearRegionItem(values=(0, 0), orientation="vertical", movable=False,
                                         brush=pg.mkBrush(*SHADE), pen=pg.mkPen(None))
        self.shade.setZValue(-10)
        self.grad_plot.addItem(self.shade, ignoreBounds=True)
        faint = QColor(GRADIENT)
        faint.setAlpha(120)
        self.full_curve = self.grad_plot.plot(pen=pg.mkPen(faint, width=1.5, style=Qt.PenStyle.DashLine),
                                              connect="finite")
        self.grad_curve = self.grad_plot.plot(pen=pg.mkPen(GRADIENT, width=2.5), symbol="o", symbolSize=4,
                                              symbolBrush=GRADIENT, symbolPen=None, connect="finite")
        self.cut_note = pg.TextItem(color=TEXT, fill=pg.mkBrush(255, 255, 255, 210), anchor=(0, 0))
        self.cut_note.setZValue(50)
        self.grad_plot.addItem(self.cut_note, ignoreBounds=True)
        self.cut_lines = []
        for plot in (self.prob_plot, self.hidden_plot, self.grad_plot):
            line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(CUT, width=1.5, style=Qt.PenStyle.DashLine))
            line.setVisible(False)
            plot.addItem(line, ignoreBounds=True)
            self.cut_lines.append(line)
            plot.getAxis("left").setWidth(AXIS_WIDTH)
            plot.setMouseEnabled(x=True, y=False)
            # Room above the heat map for its first row's label, which would stick out.
            plot.layout.setContentsMargins(0, 8 if plot is self.hidden_plot else 2, 8, 0)
            if plot is not self.grad_plot:
                plot.setXLink(self.grad_plot)
        self.layer_combo = QComboBox(objectName="classifyLayer")
        self.layer_label = QLabel()
        self.layer_label.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        layer_row = QHBoxLayout()
        layer_row.setContentsMargins(4, 0, 4, 0)
        layer_row.addStretch(1)
        layer_row.addWidget(self.layer_label)
        layer_row.addWidget(self.layer_combo)
        self.layer_holder = QWidget()
        self.layer_holder.setLayout(layer_row)
        self.layer_holder.setVisible(False)             # one layer: nothing to choose
        self.layer_combo.currentIndexChanged.connect(lambda _i: self._show_gradient())
        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.layer_holder)
        for widget, stretch in ((self.prob_widget, 5), (self.hidden_widget, 6), (self.grad_widget, 8)):
            widget.setMinimumHeight(50)
            box.addWidget(widget, stretch)
        self.set_content(content)
        self.readouts = {}
        self._proxies = []
        for plot, widget in ((self.prob_plot, self.prob_widget), (self.hidden_plot, self.hidden_widget),
                             (self.grad_plot, self.grad_widget)):
            readout = make_readout()
            plot.addItem(readout, ignoreBounds=True)
            self.readouts[plot] = readout
            self._proxies.append(pg.SignalProxy(widget.scene().sigMouseMoved, rateLimit=30,
                                                slot=lambda event, plot=plot: self._on_mouse_moved(plot, event)))
        self.grad_plot.vb.sigResized.connect(self.token_axis.update_layout)
        self.grad_plot.vb.sigXRangeChanged.connect(self.token_axis.update_layout)
        for changed in (self.grad_plot.vb.sigYRangeChanged, self.grad_plot.vb.sigXRangeChanged,
                        self.grad_plot.vb.sigResized):
            changed.connect(self._place_cut_note)
        live(self, self._retranslate_texts)

    def _retranslate_texts(self) -> None:
        self.hidden_plot.setLabel("left", translate("classify_trace", "unit"), **LABEL_STYLE)
        self.grad_plot.setLabel("left", "‖∂L/∂hₜ‖", **LABEL_STYLE)
        self.layer_label.setText(translate("classify_trace", "gradient of layer"))
        if self.trace is not None:
            self._show_probability()
            self._show_gradient()

    # -- data ----------------------------------------------------------------------------------
    @property
    def cut(self) -> int:
        """Tokens before the truncation point of the trace shown (0: none, or nothing shown)."""
        return self.trace.cut if self.trace is not None else 0

    def set_trace(self, trace: ReviewTrace, hidden_size: int = 0) -> None:
        """Show ``trace`` (of a model whose top layer has ``hidden_size`` units; 0: as many as it holds)."""
        self.trace, self.hidden_size = trace, hidden_size
        n = len(trace.tokens)
        L = trace.dh_norms.shape[0]
        if self.layer_combo.count() != L:
            self.layer_combo.blockSignals(True)
            self.layer_combo.clear()
            self.layer_combo.addItems([str(k) for k in range(L)])
            self.layer_combo.setCurrentIndex(L - 1)     # the top layer, the one the heat map shows
            self.layer_combo.blockSignals(False)
        self.layer_holder.setVisible(L > 1)
        for readout in self.readouts.values():
            readout.setVisible(False)
        if n != self._shown_n:
            # Reframe only for another length, so a zoom survives the readings after each epoch.
            self._shown_n = n
            for plot in (self.prob_plot, self.hidden_plot, self.grad_plot):
                plot.vb.setLimits(xMin=-0.5, xMax=n - 0.5)
            self.grad_plot.vb.setRange(xRange=(-0.5, n - 0.5), padding=0)
        self._show_probability()
        self._show_hidden()
        self.token_axis.set_tokens(trace.tokens)
        self._show_gradient()
        self.show_content()

    def _show_probability(self) -> None:
        trace = self.trace
        shown = shown_class(trace)
        p = trace.probs[:, shown].astype(np.float64)
        chance = 1.0 / len(trace.classes)
        # Each token's dot in the colour of the verdict so far: a flip shows as a change of colour.
        self.prob_curve.setData(np.arange(len(p)), p,
                                symbolBrush=[pg.mkBrush(PALETTE[0] if v >= chance else PALETTE[3]) for v in p])
        self.half_line.setValue(chance)
        self.prob_plot.getAxis("left").setTicks([[(0.0, "0"), (chance, f"{chance:g}"), (1.0, "1")]])
        self.prob_plot.setLabel("left", probability_name(trace.classes, shown), **LABEL_STYLE)

    def _show_hidden(self) -> None:
        hidden = np.ascontiguousarray(self.trace.hidden.T)        # (U, n): units down, tokens across
        U, n = hidden.shape
        self.image.setImage(hidden, autoLevels=False, levels=(-1.0, 1.0))
        self.image.setRect(QRectF(-0.5, -0.5, n, U))            # pixel centres on integer t and unit
        self.hidden_plot.vb.setLimits(yMin=-0.5, yMax=U - 0.5)
        self.hidden_plot.vb.setYRange(-0.5, U - 0.5, padding=0)
        axis = self.hidden_plot.getAxis("left")
        units = self.units()
        step = max(1, int(math.ceil(U / 4)))
        axis.setTicks([[(float(r), str(int(units[r]))) for r in range(0, U, step)]])

    def units(self) -> np.ndarray:
        """The unit index of each heat-map row: the engine keeps evenly spaced units of a large H."""
        U = self.trace.hidden.shape[1]
        if self.hidden_size <= U:
            return np.arange(U)
        return np.linspace(0, self.hidden_size - 1, U).round().astype(np.int64)

    def layer(self) -> int:
        """The layer whose gradient is drawn (the top one unless another is chosen)."""
        L = self.trace.dh_norms.shape[0] if self.trace is not None else 1
        index = self.layer_combo.currentIndex()
        return index if 0 <= index < L else L - 1

    def _show_gradient(self) -> None:
        trace = self.trace
        if trace is None:
            return
        k = self.layer()
        self.truncated_norms = np.asarray(trace.dh_norms[k], np.float32)
        self.full_norms = np.asarray(trace.dh_norms_full[k], np.float32)
        x = np.arange(len(trace.tokens))
        # Zeros (before the cut) have no place on a log axis: they leave a gap, the shading says why.
        self.grad_curve.setData(x, positive(self.truncated_norms))
        self.full_curve.setData(x, positive(self.full_norms))
        cut, n = trace.cut, len(trace.tokens)
        self.shade.setRegion((-0.5, cut - 0.5))
        self.shade.setVisible(cut > 0)
        for line in self.cut_lines:
            line.setValue(cut - 0.5)
            line.setVisible(cut > 0)
        self._short_note = ""
        if cut > 0:
            note = translate("classify_trace", "no gradient reaches here (k = {k})").format(k=trace.truncate)
            self._short_note = translate("classify_trace", "no gradient (k = {k})").format(k=trace.truncate)
        elif trace.truncate > 0:
            note = translate("classify_trace", "k = {k} ≥ {n} tokens: the gradient reaches all of them").format(
                k=trace.truncate, n=n)
        else:
            note = translate("classify_trace", "full BPTT: the gradient reaches every token")
        self._note = note
        self.cut_note.setColor(CUT if cut > 0 else MUTED)
        self.grad_plot.vb.enableAutoRange(y=True)
        self._place_cut_note()

    def _place_cut_note(self, *_args) -> None:
        """The note at the top: inside the shaded steps, against the cut line, when it fits there;
        else just right of the line, pointing back at them."""
        vb = self.grad_plot.vb
        (x0, x1), (_, y1) = vb.viewRange()
        cut = self.cut
        if cut <= 0:
            self.cut_note.setText(self._note)
            self.cut_note.setAnchor((0, 0))
            self.cut_note.setPos(max(x0, -0.5), y1)
            return
        px = vb.width() / max(x1 - x0, 1e-9)
        left, right = (cut - 0.5 - max(x0, -0.5)) * px, (x1 - (cut - 0.5)) * px
        metrics = QFontMetricsF(self.cut_note.textItem.font())
        arrow = "← "
        for text in (self._note, self._short_note):     # the short one when the long fits nowhere
            width = metrics.horizontalAdvance(text) + 12
            if width < left:
                self.cut_note.setText(text)
                self.cut_note.setAnchor((1, 0))
                break
            if width + metrics.horizontalAdvance(arrow) < right:
                self.cut_note.setText(arrow + text)
                self.cut_note.setAnchor((0, 0))
                break
        else:
            self.cut_note.setText(self._short_note)
            self.cut_note.setAnchor((0, 0))
            self.cut_note.setPos(max(x0, -0.5), y1)
            return
        self.cut_note.setPos(cut - 0.5, y1)

    def clear(self, text=None) -> None:
        """Nothing read (a new model, or a text that could not be read): the placeholder, or ``text``."""
        self.trace, self._shown_n = None, 0
        self.truncated_norms = self.full_norms = np.zeros(0, np.float32)
        for curve in (self.prob_curve, self.grad_curve, self.full_curve):
            curve.setData([], [])
        self.image.clear()
        self.show_placeholder(text)

    # -- hover ---------------------------------------------------------------------------------
    def _on_mouse_moved(self, plot: pg.PlotItem, event: tuple) -> None:
        pos, vb, readout = event[0], plot.vb, self.readouts[plot]
        trace = self.trace
        if trace is None or not vb.sceneBoundingRect().contains(pos):
            readout.setVisible(False)
            return
        point = vb.mapSceneToView(pos)
        t = int(round(point.x()))
        if not 0 <= t < len(trace.tokens):
            readout.setVisible(False)
            return
        unit = int(round(point.y())) if plot is self.hidden_plot else None
        place_readout(readout, vb, t, point.y(), self.token_text(t, unit))
        keep_inside(readout, vb)

    def token_text(self, t: int, unit: int | None = None) -> str:
        """What the views say about token ``t`` (and heat-map row ``unit``)."""
        trace = self.trace
        shown = shown_class(trace)
        token = display_token(trace.tokens[t])
        lines = [translate("classify_trace", "token {t}: '{token}'").format(t=t + 1, token=token),
                 f"{probability_name(trace.classes, shown)} = {trace.probs[t, shown]:.3f}"]
        if unit is not None and 0 <= unit < trace.hidden.shape[1]:
            lines.append(translate("classify_trace", "unit {unit}: h = {value}").format(
                unit=int(self.units()[unit]), value=f"{trace.hidden[t, unit]:+.3f}"))
        lines.append(translate("classify_trace", "‖∂L/∂h‖ {value} (full BPTT {full})").format(
            value=f"{self.truncated_norms[t]:.2e}", full=f"{self.full_norms[t]:.2e}"))
        if t < trace.cut:
            lines.append(translate("classify_trace", "before the cut: no gradient"))
        return "\n".join(lines)

    def export(self, view: str, path: str) -> None:
        """Write one of :data:`VIEWS` to PNG or SVG (by suffix): "review" is all three as on screen,
        one view alone is its plot (PNG at twice its size, SVG as vectors). Hover boxes stay out."""
        shown = [r for r in self.readouts.values() if r.isVisible()]
        for readout in shown:
            readout.hide()
        try:
            if view == "review":
                export_widget(self, path)
            else:
                export_item({"probability": self.prob_plot, "hidden": self.hidden_plot,
                             "gradient": self.grad_plot}[view], path)
        finally:
            for readout in shown:
                readout.show()

    @property
    def hover_texts(self) -> list[str]:
        return [r.toPlainText() for r in self.readouts.values() if r.isVisible()]
