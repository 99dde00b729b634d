"""The seq2seq lab's training views: test accuracy per epoch (whole answer and per answer position),
loss per step, and the live list of test examples with the model's current answers."""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontDatabase
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ...engine.snapshots import Seq2seqExample
from rnnviz.runtime.seq2seq_curves import Seq2seqCurves
from ..i18n import QT_TRANSLATE_NOOP, live, translate
from .common import (LABEL_STYLE, MUTED, PALETTE, TEXT, LogAxis, Panel, make_readout, place_readout, positive,
                     style_plot)

EXACT = PALETTE[0]
RIGHT = "#1e8449"       # the ✓ green and the ✗ red of the examples list
WRONG = "#c0392b"


def position_colors(n: int) -> list[QColor]:
    """One colour per answer position along plasma, dark purple (first character) to orange (last),
    so neighbours differ in hue and the order still reads."""
    cmap = pg.colormap.get("plasma")
    return [cmap.map(0.05 + 0.8 * i / max(n - 1, 1), mode="qcolor") for i in range(n)]


class AccuracyView(Panel):
    """Exact-match test accuracy after every epoch, faint accuracy per answer position, and the
    training loss per step below on the same epoch axis."""

    TITLE = QT_TRANSLATE_NOOP("panels", "Accuracy")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Test accuracy after each epoch: whole answers right (thick) and each "
                                "answer position alone (faint). Plain seq2seq stalls; reverse, peeky and "
                                "attention lift it.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "No epoch finished yet.\nPress Play or Step epoch: accuracy is "
                                    "measured after each epoch.")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("seq2seqAccuracyPanel")
        self.key = QLabel()
        self.key.setObjectName("seq2seqAccuracyKey")
        self.key.setWordWrap(True)
        self.key.setTextFormat(Qt.TextFormat.RichText)
        self.key.setStyleSheet(f"color: {TEXT}; font-size: 9pt; padding: 0 4px;")
        self.acc_widget = pg.PlotWidget()
        self.acc_widget.setObjectName("seq2seqAccuracyPlot")
        self.plot = self.acc_widget.getPlotItem()
        style_plot(self.plot, bottom="", left="")
        live(self.acc_widget, lambda: self.plot.setLabel(
            "left", translate("seq2seq_curves", "test accuracy (%)"), **LABEL_STYLE))
        self.plot.getAxis("bottom").setStyle(showValues=False)
        self.plot.setYRange(0, 100, padding=0.04)
        self.plot.setLimits(yMin=-5, yMax=105, xMin=0)
        self.plot.vb.enableAutoRange(y=False)
        self.plot.vb.enableAutoRange(x=False)           # the loss plot below sets the epochs shown
        self.exact_curve = self.plot.plot(pen=pg.mkPen(EXACT, width=2.5), symbol="o", symbolSize=7,
                                          symbolBrush=EXACT, symbolPen="w")
        self.exact_curve.setZValue(10)
        self.position_curves: list[pg.PlotDataItem] = []
        self.loss_widget = pg.PlotWidget(axisItems={"left": LogAxis("left")})
        self.loss_widget.setObjectName("seq2seqLossPlot")
        self.loss_plot = self.loss_widget.getPlotItem()
        style_plot(self.loss_plot, bottom="", left="")
        live(self.loss_widget, lambda: (
            self.loss_plot.setLabel("bottom", translate("seq2seq_curves", "epoch"), **LABEL_STYLE),
            self.loss_plot.setLabel("left", translate("seq2seq_curves", "loss"), **LABEL_STYLE)))
        self.loss_plot.setLogMode(y=True)
        self.loss_plot.setLimits(xMin=0)
        self.plot.setXLink(self.loss_plot)
        self.loss_plot.getAxis("left").setWidth(48)
        self.plot.getAxis("left").setWidth(48)         # equal widths keep the two x axes aligned
        faint = QColor(PALETTE[7])
        faint.setAlpha(90)
        self.loss_curve = self.loss_plot.plot(pen=pg.mkPen(faint, width=1), connect="finite")
        self.smooth_curve = self.loss_plot.plot(pen=pg.mkPen(PALETTE[7], width=2), connect="finite")
        for curve in (self.loss_curve, self.smooth_curve):
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.key)
        box.addWidget(self.acc_widget, 3)
        box.addWidget(self.loss_widget, 2)
        self.set_content(content)
        self._colors: list[QColor] = []
        self.set_positions(0)
        live(self.key, self._retranslate_key)
        self.curves: Seq2seqCurves | None = None
        self.readout = make_readout()
        self.plot.addItem(self.readout, ignoreBounds=True)
        self._mouse_proxy = pg.SignalProxy(self.acc_widget.scene().sigMouseMoved, rateLimit=30,
                                           slot=self._on_mouse_moved)

    def set_positions(self, n: int) -> None:
        """One faint curve per answer position (named "position 1" .. "position n")."""
        for curve in self.position_curves[n:]:
            self.plot.removeItem(curve)
        del self.position_curves[n:]
        colors = position_colors(n)
        while len(self.position_curves) < n:
            i = len(self.position_curves)
            color = QColor(colors[i])
            color.setAlpha(150)
            curve = self.plot.plot(pen=pg.mkPen(color, width=1.5), symbol="o", symbolSize=4,
                                   symbolBrush=color, symbolPen=None)
            self.position_curves.append(curve)
        for curve, color in zip(self.position_curves, colors):
            faint = QColor(color)
            faint.setAlpha(150)
            curve.setPen(pg.mkPen(faint, width=1.5))
            curve.setSymbolBrush(faint)
        self._colors = colors
        self._retranslate_key()

    def _retranslate_key(self) -> None:
        """The key above the plot and the curves' names, in the window's language."""
        colors, n = self._colors, len(self._colors)
        # A curve's name is what a legend would show (pyqtgraph keeps it in opts).
        self.exact_curve.opts["name"] = translate("seq2seq_curves", "whole answer right")
        self.loss_curve.opts["name"] = translate("seq2seq_curves", "loss (each step)")
        self.smooth_curve.opts["name"] = translate("seq2seq_curves", "loss (smoothed)")
        for i, curve in enumerate(self.position_curves):
            curve.opts["name"] = translate("seq2seq_curves", "position {n}").format(n=i + 1)
        if n <= 5:
            swatches = " ".join(f"<span style='color:{c.name()}'>━━</span>&nbsp;{i + 1}"
                                for i, c in enumerate(colors))
        else:       # ten swatches would wrap in a narrow column: the light-to-dark ramp says the order
            swatches = (f"<span style='color:{colors[0].name()}'>━━</span>&nbsp;1 … "
                        f"<span style='color:{colors[-1].name()}'>━━</span>&nbsp;{n}")
        whole = html.escape(translate("seq2seq_curves", "whole answer"))
        position = html.escape(translate("seq2seq_curves", "position"))
        self.key.setText(f"<span style='color:{EXACT}'>━●━</span> {whole} &nbsp;&nbsp; "
                         f"<span style='color:{MUTED}'>{position}</span> {swatches}")

    def refresh(self, curves: Seq2seqCurves) -> None:
        """Push the latest curves (cheap: a few points, and a downsampled loss)."""
        if curves.n == 0 and curves.latest is None:
            self.clear()
            return
        self.curves = curves
        if len(self.position_curves) != curves.positions:
            self.set_positions(curves.positions)
        x = np.asarray(curves.acc_epoch)
        self.exact_curve.setData(x, np.asarray(curves.accuracy))
        per = np.vstack(curves.per_position) if len(x) else np.zeros((0, curves.positions))
        for k, curve in enumerate(self.position_curves):
            curve.setData(x, per[:, k])
        self.loss_curve.setData(curves.epochs, positive(curves.losses))
        self.smooth_curve.setData(curves.epochs, positive(curves.smoothed))
        self.show_content()

    def clear(self) -> None:
        self.curves = None
        for curve in (self.exact_curve, self.loss_curve, self.smooth_curve, *self.position_curves):
            curve.setData([], [])
        self.readout.setVisible(False)
        self.show_placeholder()

    def _on_mouse_moved(self, event: tuple) -> None:
        """Readout of the evaluation nearest the mouse; ``event`` is the SignalProxy tuple (scene pos,)."""
        pos, vb = event[0], self.plot.vb
        curves = self.curves
        if curves is None or not curves.acc_epoch or not vb.sceneBoundingRect().contains(pos):
            self.readout.setVisible(False)
            return
        point = vb.mapSceneToView(pos)
        i = int(np.argmin(np.abs(np.asarray(curves.acc_epoch) - point.x())))
        place_readout(self.readout, vb, curves.acc_epoch[i], point.y(), self.accuracy_text(i))

    def accuracy_text(self, i: int) -> str:
        """The readout of evaluation ``i``: whole answers, then each position, five to a line."""
        curves = self.curves
        per = [f"{v:.0f}" for v in curves.per_position[i]]
        rows = ["  ".join(f"{k + 1}: {v}" for k, v in enumerate(per) if k // 5 == r)
                for r in range((len(per) + 4) // 5)]
        first = translate("seq2seq_curves", "epoch {epoch}: whole answer {accuracy} %").format(
            epoch=f"{curves.acc_epoch[i]:.2f}", accuracy=f"{curves.accuracy[i]:.1f}")
        return "\n".join([first, translate("seq2seq_curves", "by position (%):"), *rows])

    @property
    def hover_text(self) -> str:
        """The readout's text, empty when hidden."""
        return self.readout.toPlainText() if self.readout.isVisible() else ""


class ExamplesView(Panel):
    """The first test questions with the true answer and the model's latest answer, ✓ or ✗.

    Emits :attr:`example_clicked` with the test example's index (row i is test example i).
    """

    TITLE = QT_TRANSLATE_NOOP("panels", "Test examples")
    CAPTION = QT_TRANSLATE_NOOP("panels", "The first test questions and what the model answers now. "
                                "Click one to watch it decoded.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "The model's answers appear here after each epoch.")
    HEADERS = ("", QT_TRANSLATE_NOOP("seq2seq_curves", "question"), QT_TRANSLATE_NOOP("seq2seq_curves", "answer"),
               QT_TRANSLATE_NOOP("seq2seq_curves", "model"))

    example_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("seq2seqExamplesPanel")
        self.examples: tuple[Seq2seqExample, ...] = ()
        table = self.table = QTableWidget(0, len(self.HEADERS))
        table.setObjectName("seq2seqExamples")
        live(table, lambda: table.setHorizontalHeaderLabels(
            [translate("seq2seq_curves", header) if header else "" for header in self.HEADERS]))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(21)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.setColumnWidth(0, 26)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(9)
        table.setFont(mono)
        table.setStyleSheet("QHeaderView::section { font-size: 9pt; }")
        table.cellClicked.connect(lambda row, _column: self.example_clicked.emit(row))
        self.set_content(table)

    def refresh(self, examples: tuple[Seq2seqExample, ...]) -> None:
        """Show these examples; the selected row stays selected."""
        self.examples = tuple(examples)
        table = self.table
        selected = table.currentRow()
        table.setRowCount(len(self.examples))
        for row, ex in enumerate(self.examples):
            color = QBrush(QColor(RIGHT if ex.correct else WRONG))
            mark = QTableWidgetItem("✓" if ex.correct else "✗")
            mark.setForeground(color)
            mark.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            guess = QTableWidgetItem(ex.guess)
            guess.setForeground(color)
            question = QTableWidgetItem(ex.question)
            question.setToolTip(html.escape(ex.question))
            for column, item in enumerate((mark, question, QTableWidgetItem(ex.answer), guess)):
                table.setItem(row, column, item)
        if 0 <= selected < len(self.examples):
            table.selectRow(selected)
        if self.examples:
            self.show_content()
        else:
            self.show_placeholder()

    def marks(self) -> list[str]:
        """The ✓ / ✗ column, top to bottom (for tests and scripting)."""
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def clear(self) -> None:
        self.examples = ()
        self.table.setRowCount(0)
        self.show_placeholder()
