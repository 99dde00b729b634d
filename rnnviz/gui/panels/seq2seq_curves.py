"""The seq2seq lab's training views: test accuracy per epoch (whole answer and per answer position),
loss per step, and the live list of test examples with the model's current answers."""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QBrush, QColor, QFontDatabase
from PySide6.QtWidgets import QCheckBox, QHeaderView, QTableWidgetItem, QWidget

from ...engine.snapshots import Seq2seqExample
from rnnviz.localize import localize
from rnnviz.runtime.reference_curves import ReferenceCurve, reference_for_lab
from rnnviz.runtime.seq2seq_curves import Seq2seqCurves
from ..i18n import QT_TRANSLATE_NOOP, live, translate
from .common import LABEL_STYLE, MUTED, PALETTE, positive
from .lab_views import CurvesBase, ExamplesBase, curve_key, step_loss_curves
from .perplexity import book_pens, book_swatch

EXACT = PALETTE[0]


def position_colors(n: int) -> list[QColor]:
    """One colour per answer position along plasma, dark purple (first character) to orange (last),
    so neighbours differ in hue and the order still reads."""
    cmap = pg.colormap.get("plasma")
    return [cmap.map(0.05 + 0.8 * i / max(n - 1, 1), mode="qcolor") for i in range(n)]


class AccuracyView(CurvesBase):
    """Exact-match test accuracy after every epoch, faint accuracy per answer position, and the
    training loss per step below on the same epoch axis.

    For the variants the book trained (:func:`rnnviz.runtime.reference_curves.reference_for_lab`),
    the accuracy the book's code reached after each epoch is drawn faint behind, until the
    "Book's curve" box is cleared (:meth:`set_variant` says which variant the model is).
    """

    TITLE = QT_TRANSLATE_NOOP("panels", "Accuracy")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Test accuracy after each epoch: whole answers right (thick) and each "
                                "answer position alone (faint). Plain seq2seq stalls; reverse, peeky and "
                                "attention lift it.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "No epoch finished yet.\nPress Play or Step epoch: accuracy is "
                                    "measured after each epoch.")

    curves: Seq2seqCurves | None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, accuracy_name="seq2seqAccuracyPlot", loss_name="seq2seqLossPlot")
        self.setObjectName("seq2seqAccuracyPanel")
        self.key = curve_key("seq2seqAccuracyKey")
        live(self.acc_widget, lambda: self.plot.setLabel(
            "left", translate("seq2seq_curves", "test accuracy (%)"), **LABEL_STYLE))
        self.exact_curve = self.plot.plot(pen=pg.mkPen(EXACT, width=2.5), symbol="o", symbolSize=7,
                                          symbolBrush=EXACT, symbolPen="w")
        self.exact_curve.setZValue(10)
        self.position_curves: list[pg.PlotDataItem] = []
        pen, _ = book_pens()
        # ignoreBounds: the book's 25 epochs do not widen a run that has trained one.
        self.book_curve = pg.PlotDataItem(pen=pen, symbol="o", symbolSize=5, symbolPen=pen, symbolBrush=None)
        self.book_curve.setZValue(-5)
        self.plot.addItem(self.book_curve, ignoreBounds=True)
        self.reference: ReferenceCurve | None = None
        self.book_check = QCheckBox(objectName="seq2seqBookCheck", checked=True)
        self.book_check.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        self.book_check.setVisible(False)
        self.book_check.toggled.connect(self._show_reference)
        live(self.book_check, lambda: (
            self.book_check.setText(translate("seq2seq_curves", "Book's curve")),
            self.book_check.setToolTip(translate("seq2seq_curves", "The test accuracy the book's own code "
                                                 "(Deep Learning from Scratch 2) reached with this variant, "
                                                 "drawn faint behind this run"))))
        live(self.loss_widget, lambda: (
            self.loss_plot.setLabel("bottom", translate("seq2seq_curves", "epoch"), **LABEL_STYLE),
            self.loss_plot.setLabel("left", translate("seq2seq_curves", "loss"), **LABEL_STYLE)))
        self.loss_curve, self.smooth_curve = step_loss_curves(self.loss_plot, alpha=90)
        # The box under the key, not beside it: the lab's accuracy column is narrow.
        self.book_check.setContentsMargins(4, 0, 0, 0)
        self._lay_out((self.key, 0), (self.book_check, 0), (self.acc_widget, 3), (self.loss_widget, 2))
        self._colors: list[QColor] = []
        self.set_positions(0)
        live(self.key, self._retranslate_key)

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
        book = self.book_label()
        if book:
            self.book_curve.opts["name"] = book
        self.key.setText(f"<span style='color:{EXACT}'>━●━</span> {whole} &nbsp;&nbsp; "
                         f"<span style='color:{MUTED}'>{position}</span> {swatches}"
                         + (" &nbsp;&nbsp; " + book_swatch(html.escape(book, quote=False)) if book else ""))

    # -- the book's curve --------------------------------------------------------------------------
    def set_variant(self, task: str, decoder: str, reverse: bool) -> None:
        """The model's variant: the book's curve for it, if the book trained it, else none."""
        self.reference = reference_for_lab(decoder, reverse, task)
        self.book_check.setVisible(self.reference is not None)
        self._push_reference()
        self._show_reference()

    def _push_reference(self) -> None:
        ref = self.reference
        self.book_curve.setData(*((ref.x, ref.y) if ref is not None else ([], [])))

    def _show_reference(self) -> None:
        self.book_curve.setVisible(self.reference is not None and self.book_check.isChecked())
        self._retranslate_key()

    def book_label(self) -> str:
        """The key's name of the book's curve while it is drawn, else ""."""
        shown = self.reference is not None and self.book_check.isChecked()
        return localize(self.reference.label) if shown else ""

    def clear(self) -> None:
        """No run's data; the book's curve stays with the variant (:meth:`set_variant`)."""
        super().clear()
        self._push_reference()

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

    def _measured_epochs(self) -> list[float]:
        return self.curves.acc_epoch

    def epoch_text(self, i: int) -> str:
        """The readout of evaluation ``i``: whole answers, then each position, five to a line."""
        curves = self.curves
        per = [f"{v:.0f}" for v in curves.per_position[i]]
        rows = ["  ".join(f"{k + 1}: {v}" for k, v in enumerate(per) if k // 5 == r)
                for r in range((len(per) + 4) // 5)]
        first = translate("seq2seq_curves", "epoch {epoch}: whole answer {accuracy} %").format(
            epoch=f"{curves.acc_epoch[i]:.2f}", accuracy=f"{curves.accuracy[i]:.1f}")
        return "\n".join([first, translate("seq2seq_curves", "by position (%):"), *rows])


class ExamplesView(ExamplesBase):
    """The first test questions with the true answer and the model's latest answer, ✓ or ✗.

    Emits :attr:`example_clicked` with the test example's index (row i is test example i).
    """

    TITLE = QT_TRANSLATE_NOOP("panels", "Test examples")
    CAPTION = QT_TRANSLATE_NOOP("panels", "The first test questions and what the model answers now. "
                                "Click one to watch it decoded.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "The model's answers appear here after each epoch.")
    HEADERS = ("", QT_TRANSLATE_NOOP("seq2seq_curves", "question"), QT_TRANSLATE_NOOP("seq2seq_curves", "answer"),
               QT_TRANSLATE_NOOP("seq2seq_curves", "model"))

    examples: tuple[Seq2seqExample, ...]

    def __init__(self, parent: QWidget | None = None):
        mode = QHeaderView.ResizeMode
        super().__init__(parent, name="seq2seqExamplesPanel", table_name="seq2seqExamples",
                         modes=(mode.Fixed, mode.Stretch, mode.ResizeToContents, mode.ResizeToContents))
        table = self.table
        live(table, lambda: table.setHorizontalHeaderLabels(
            [translate("seq2seq_curves", header) if header else "" for header in self.HEADERS]))
        table.setColumnWidth(0, 26)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(9)
        table.setFont(mono)
        table.setStyleSheet("QHeaderView::section { font-size: 9pt; }")
        self.set_content(table)

    def _cells(self, ex: Seq2seqExample, color: QBrush) -> tuple[QTableWidgetItem, ...]:
        """Question, true answer, and the model's answer in the mark's colour."""
        question = QTableWidgetItem(ex.question)
        question.setToolTip(html.escape(ex.question))
        guess = QTableWidgetItem(ex.guess)
        guess.setForeground(color)
        return question, QTableWidgetItem(ex.answer), guess
