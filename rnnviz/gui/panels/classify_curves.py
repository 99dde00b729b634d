"""The classifier lab's training views: accuracy per epoch (training and validation, chance
marked), loss per step with the validation loss per epoch, and the live list of validation
examples with the model's P(positive) for each."""
from __future__ import annotations

import html
import math

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QTableWidgetItem, QWidget

from rnnviz.engine.snapshots import ClassifyExample
from rnnviz.runtime.classify_curves import ClassifyCurves

from ..i18n import QT_TRANSLATE_NOOP, live, translate
from .common import LABEL_STYLE, MUTED, PALETTE, TEXT, dot_lone_points, positive
from .lab_views import CurvesBase, ExamplesBase, curve_key, step_loss_curves

VALID = PALETTE[0]      # validation: blue, solid
TRAIN = PALETTE[1]      # training: orange, dashed
CHANCE = "#999999"
# The two class names the generated sets and most review tables have, translated where shown.
CLASS_NAMES = {"negative": QT_TRANSLATE_NOOP("classify_curves", "negative"),
               "positive": QT_TRANSLATE_NOOP("classify_curves", "positive")}


def keep_inside(readout: pg.TextItem, view: pg.ViewBox) -> None:
    """Shift a placed hover box sideways so none of it leaves ``view`` (a narrow plot's box
    would otherwise stick out past the axis, half unreadable)."""
    box, bounds = readout.sceneBoundingRect(), view.sceneBoundingRect()
    shift = bounds.left() - box.left() if box.left() < bounds.left() else \
        min(bounds.right() - box.right(), 0.0)
    if shift:
        readout.setPos(readout.pos().x() + shift * view.viewPixelSize()[0], readout.pos().y())


def class_name(name: str) -> str:
    """A class as the window says it ("positive" in Korean too); other labels as they are."""
    return translate("classify_curves", CLASS_NAMES[name]) if name in CLASS_NAMES else name


def probability_name(classes: tuple[str, ...], shown: int) -> str:
    """"P(positive)": the probability of class ``shown`` named in the window's language."""
    return "P({name})".format(name=class_name(classes[shown]) if 0 <= shown < len(classes) else "?")


class CurvesView(CurvesBase):
    """Accuracy after every epoch (validation solid, training dashed, chance dotted) above the
    loss of every step (faint, with its moving average and the validation loss per epoch)."""

    TITLE = QT_TRANSLATE_NOOP("panels", "Classifier curves")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Accuracy after each epoch, loss after each step. At the dotted "
                                "line the model guesses.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "Nothing trained yet.\nPress Play, Step or Step epoch: accuracy "
                                    "is measured after each epoch.")

    curves: ClassifyCurves | None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, accuracy_name="classifyAccuracyPlot", loss_name="classifyLossPlot")
        self.setObjectName("classifyCurvesPanel")
        self.acc_key, self.loss_key = curve_key("classifyAccuracyKey"), curve_key("classifyLossKey")
        for plot in (self.plot, self.loss_plot):
            plot.setMouseEnabled(x=True, y=False)
        dashed = pg.mkPen(CHANCE, width=1.5, style=Qt.PenStyle.DotLine)
        self.chance_line = pg.InfiniteLine(pos=50, angle=0, pen=dashed, movable=False, label="",
                                           labelOpts={"position": 0.02, "color": MUTED, "anchors": [(0, 1), (0, 1)]})
        self.plot.addItem(self.chance_line, ignoreBounds=True)
        self.train_curve = self.plot.plot(pen=pg.mkPen(TRAIN, width=2, style=Qt.PenStyle.DashLine), symbol="o",
                                          symbolSize=6, symbolBrush="w", symbolPen=pg.mkPen(TRAIN, width=1.5))
        self.valid_curve = self.plot.plot(pen=pg.mkPen(VALID, width=2.5), symbol="o", symbolSize=7,
                                          symbolBrush=VALID, symbolPen="w")
        self.valid_curve.setZValue(10)
        self.loss_chance = pg.InfiniteLine(pos=math.log10(math.log(2)), angle=0, pen=dashed, movable=False)
        self.loss_plot.addItem(self.loss_chance, ignoreBounds=True)
        self.loss_curve, self.smooth_curve = step_loss_curves(self.loss_plot, alpha=80)
        dot_lone_points(self.smooth_curve)
        self.valid_loss_curve = self.loss_plot.plot(pen=pg.mkPen(VALID, width=2), symbol="o", symbolSize=6,
                                                    symbolBrush=VALID, symbolPen="w", connect="finite")
        self.valid_loss_curve.setZValue(10)
        self._lay_out((self.acc_key, 0), (self.acc_widget, 3), (self.loss_key, 0), (self.loss_widget, 2))
        self.set_classes(2)
        live(self, self._retranslate_texts)

    def set_classes(self, n: int) -> None:
        """Chance for ``n`` classes: 100/n % right, and a loss of ln n."""
        self.chance = 100.0 / max(n, 2)
        self.chance_line.setValue(self.chance)
        self.loss_chance.setValue(math.log10(math.log(max(n, 2))))
        self._retranslate_texts()

    def _retranslate_texts(self) -> None:
        """Axis titles, keys and the curves' names in the window's language."""
        self.plot.setLabel("left", translate("classify_curves", "accuracy (%)"), **LABEL_STYLE)
        self.loss_plot.setLabel("left", translate("classify_curves", "loss"), **LABEL_STYLE)
        self.loss_plot.setLabel("bottom", translate("classify_curves", "epoch"), **LABEL_STYLE)
        self.chance_line.label.setFormat(translate("classify_curves", "chance {percent} %").format(
            percent=f"{self.chance:.0f}"))
        names = {self.valid_curve: translate("classify_curves", "validation"),
                 self.train_curve: translate("classify_curves", "training"),
                 self.loss_curve: translate("classify_curves", "loss (each step)"),
                 self.smooth_curve: translate("classify_curves", "loss (smoothed)"),
                 self.valid_loss_curve: translate("classify_curves", "validation loss")}
        for curve, name in names.items():
            curve.opts["name"] = name       # what a legend would show (pyqtgraph keeps it in opts)
        # The chance lines say what they are on the plots themselves; the keys name the curves.
        self.acc_key.setText(
            f"<span style='color:{VALID}'>━●━</span> {html.escape(names[self.valid_curve])} &nbsp; "
            f"<span style='color:{TRAIN}'>╌○╌</span> {html.escape(names[self.train_curve])}")
        step = html.escape(translate("classify_curves", "each step"))
        smooth = html.escape(translate("classify_curves", "smoothed"))
        self.loss_key.setText(
            f"<span style='color:#c8c8c8'>━</span> {step} &nbsp; <span style='color:{PALETTE[7]}'>━</span> {smooth}"
            f" &nbsp; <span style='color:{VALID}'>●</span> {html.escape(names[self.valid_curve])}")

    def refresh(self, curves: ClassifyCurves) -> None:
        """Push the latest curves (cheap: a few points, and a downsampled loss)."""
        if curves.n == 0 and not curves.columns["epoch"]:
            self.clear()
            return
        self.curves = curves
        x = curves.column("epoch")
        self.valid_curve.setData(x, curves.column("valid_accuracy"))
        self.train_curve.setData(x, curves.column("train_accuracy"))
        self.valid_loss_curve.setData(x, positive(curves.column("valid_loss")))
        self.loss_curve.setData(curves.epochs, positive(curves.losses))
        self.smooth_curve.setData(curves.epochs, positive(curves.smoothed))
        self.show_content()

    def _measured_epochs(self) -> list[float]:
        return self.curves.columns["epoch"]

    def _on_mouse_moved(self, event: tuple) -> None:
        super()._on_mouse_moved(event)
        if self.readout.isVisible():            # a narrow column's plot would cut the box off
            keep_inside(self.readout, self.plot.vb)

    def epoch_text(self, i: int) -> str:
        """The readout of result ``i``: both accuracies and both losses."""
        c = self.curves.columns
        return translate("classify_curves", "epoch {epoch}\nvalidation: {valid} %, loss {valid_loss}\n"
                         "training: {train} %, loss {train_loss}").format(
            epoch=f"{c['epoch'][i]:.2f}", valid=f"{c['valid_accuracy'][i]:.1f}", train=f"{c['train_accuracy'][i]:.1f}",
            valid_loss=f"{c['valid_loss'][i]:.3f}", train_loss=f"{c['train_loss'][i]:.3f}")


class ProbabilityBar(QStyledItemDelegate):
    """A cell's probability (its ``UserRole`` data, 0..1) as a bar behind the number: the model's
    leaning at a glance, the 0.5 mid-point ticked."""

    def paint(self, painter: QPainter, option, index) -> None:
        prob = index.data(Qt.ItemDataRole.UserRole)
        super().paint(painter, option, index)
        if prob is None:
            return
        rect = QRectF(option.rect).adjusted(3, 4, -3, -4)
        color = QColor(PALETTE[0] if prob >= 0.5 else PALETTE[3])
        color.setAlpha(70)
        painter.save()
        painter.fillRect(QRectF(rect.left(), rect.top(), rect.width() * float(prob), rect.height()), color)
        painter.setPen(QColor("#999999"))         # ticks at 0.5, above and below the number
        mid = int(rect.left() + rect.width() / 2)
        painter.drawLine(mid, int(rect.top()) - 2, mid, int(rect.top()) + 1)
        painter.drawLine(mid, int(rect.bottom()) - 1, mid, int(rect.bottom()) + 2)
        painter.setPen(QColor(TEXT))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), f"{prob:.2f}")
        painter.restore()


class ExamplesView(ExamplesBase):
    """The first validation texts with their label and the model's P(positive), ✓ or ✗.

    Emits :attr:`example_clicked` with the clicked example's index in the validation set.
    """

    TITLE = QT_TRANSLATE_NOOP("panels", "Validation examples")
    CAPTION = QT_TRANSLATE_NOOP("panels", "What the model says of the first validation texts. Click one "
                                "to read it.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "The model's verdicts appear here after each epoch.")

    examples: tuple[ClassifyExample, ...]

    def __init__(self, parent: QWidget | None = None):
        mode = QHeaderView.ResizeMode
        super().__init__(parent, name="classifyExamplesPanel", table_name="classifyExamples",
                         modes=(mode.Fixed, mode.ResizeToContents, mode.Fixed, mode.Stretch))
        self.classes: tuple[str, ...] = ("negative", "positive")
        table = self.table
        table.setColumnWidth(0, 24)
        table.setColumnWidth(2, 80)
        table.setItemDelegateForColumn(2, ProbabilityBar(table))
        table.setStyleSheet("QHeaderView::section { font-size: 9pt; } QTableWidget { font-size: 9pt; }")
        live(table, self._name_headers)
        self.set_content(table)

    def set_classes(self, classes: tuple[str, ...]) -> None:
        self.classes = tuple(classes)
        self._name_headers()

    def _name_headers(self) -> None:
        shown = probability_name(self.classes, 1) if len(self.classes) == 2 else \
            translate("classify_curves", "P(guess)")
        self.table.setHorizontalHeaderLabels(["", translate("classify_curves", "label"), shown,
                                              translate("classify_curves", "text")])
        if self.examples:
            self.refresh(self.examples)     # the class names in the rows too

    def example_index(self, row: int) -> int:
        """The index in the validation set of the example in ``row``."""
        return self.examples[row].index

    def _cells(self, ex: ClassifyExample, _color: QBrush) -> tuple[QTableWidgetItem, ...]:
        """The true label, P(positive) as a bar (the model's verdict in its tooltip), the text."""
        classes = self.classes
        label = QTableWidgetItem(class_name(classes[ex.label]) if 0 <= ex.label < len(classes) else str(ex.label))
        prob = QTableWidgetItem()
        prob.setData(Qt.ItemDataRole.UserRole, float(ex.prob))
        guess = class_name(classes[ex.guess]) if 0 <= ex.guess < len(classes) else str(ex.guess)
        prob.setToolTip(translate("classify_curves", "the model says {guess}").format(guess=guess))
        text = QTableWidgetItem(" ".join(ex.text.split()))
        text.setToolTip(html.escape(ex.text))
        return label, prob, text
