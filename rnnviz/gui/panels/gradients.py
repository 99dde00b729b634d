"""Gradient norms against iterations: the global norm, the clip threshold, clip events and
per-parameter norms the user toggles from the legend."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QWidget

from rnnviz.gui.i18n import QT_TRANSLATE_NOOP, live, translate
from rnnviz.runtime.history import History, downsample
from .common import (LABEL_STYLE, LogAxis, PALETTE, TEXT, Panel, dot_lone_points, export_item, pixel_points,
                     positive, style_plot)

MAX_CLIP_MARKS = 1500      # clip events drawn; more are thinned evenly
PARAM_COLOURS = tuple(c for c in PALETTE if c != PALETTE[3])   # red means clipping here


LEGEND_ROW_PX = 15          # one 8 pt legend entry, at the least
LEGEND_MARGIN_PX = 16       # the legend's own margins and the view's


class ToggleSample(pg.ItemSample):
    """A legend sample that stays a coloured line when its curve is hidden, only faint.

    pyqtgraph draws a crossed-out eye for hidden items, which at legend size reads as a black
    blob and hides which colour a parameter would get.
    """

    def paint(self, p, *args):
        if self.item.isVisible():
            return super().paint(p, *args)
        pen = pg.mkPen(self.item.opts["pen"])
        color = pen.color()
        color.setAlpha(90)
        pen.setColor(color)
        pen.setWidth(3)
        pen.setStyle(Qt.PenStyle.DotLine)
        p.setPen(pen)
        p.drawLine(0, 11, 20, 11)


def set_legend_label(legend: pg.LegendItem, item: pg.GraphicsObject, text: str) -> None:
    """Rename ``item``'s entry in ``legend`` (after a language switch), keeping its style."""
    for sample, label in legend.items:
        if sample.item is item and label.text != text:
            label.setText(text)
            legend.updateSize()


class GradientsPanel(Panel):
    """Global gradient norm before clipping, the clip threshold and which steps were clipped,
    plus one curve per parameter. Click a legend entry to hide or show its curve."""

    TITLE = QT_TRANSLATE_NOOP("panels", "Gradient norms")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Gradient size per step; spikes above the dashed clip threshold are "
                                "scaled down (red marks). Click a legend entry to show or hide a parameter.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "No gradients yet.\nPress Play or Step to train.")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gradientPanel")
        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setObjectName("gradientsPlot")
        self.plot = self.layout_widget.addPlot(row=0, col=0, axisItems={"left": LogAxis("left")})
        style_plot(self.plot, bottom="", left="")     # axis titles: _retranslate_texts
        self.plot.setLogMode(y=True)
        # The legend sits in its own column so a dozen parameters never cover the curves.
        self.legend = pg.LegendItem(labelTextColor=TEXT, labelTextSize="8pt", verSpacing=-6,
                                    sampleType=ToggleSample)
        self.layout_widget.addItem(self.legend, row=0, col=1)
        self.layout_widget.ci.layout.setColumnStretchFactor(0, 1)
        # Fixed height at the top of its column: stretched, the entries drift apart.
        self.legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.layout_widget.ci.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop)
        self.global_curve = self.plot.plot(pen=pg.mkPen(50, 50, 50, 220, width=1), name="global")
        self.clip_curve = self.plot.plot(
            pen=pg.mkPen(PALETTE[3], width=2, style=Qt.PenStyle.DashLine), name="clip threshold")
        self.clip_curve.setZValue(20)       # above the noisy global norm, or it disappears
        self.clip_marks = pg.ScatterPlotItem(symbol="t", size=7, pen=None,
                                             brush=pg.mkBrush(PALETTE[3]), name="clipped step")
        self.clip_marks.setZValue(30)
        self.plot.addItem(self.clip_marks)
        # Short names keep the legend column narrow in a small dock (named in _retranslate_texts).
        for item in (self.global_curve, self.clip_curve, self.clip_marks):
            self.legend.addItem(item, "")
        self.global_curve.setClipToView(True)
        self.global_curve.setZValue(10)
        for curve in (self.global_curve, self.clip_curve):
            dot_lone_points(curve)
        self.param_curves: dict[str, pg.PlotDataItem] = {}
        # Per-parameter curves start hidden (all at once are a tangle); the user's choice
        # survives a rebuilt model with the same parameter names.
        self._shown_params: set[str] = set()
        self.legend.sigSampleClicked.connect(self._remember_visibility)
        self.layout_widget.sigDeviceRangeChanged.connect(lambda *_: self._fit_legend())   # resized
        # Hiding or showing a curve changes no data, so nothing else would re-range the view
        # while training is paused; y then fits what is visible of the x range the user chose.
        self.plot.vb.setAutoVisible(y=True)
        self.legend.sigSampleClicked.connect(self._fit_shown_curves)
        self.set_content(self.layout_widget)
        live(self, self._retranslate_texts)

    def _retranslate_texts(self) -> None:
        """Axis titles and the legend's own entries in the window's language (parameter names
        are code names and stay)."""
        self.plot.setLabel("bottom", translate("gradients", "iteration (TBPTT steps)"), **LABEL_STYLE)
        self.plot.setLabel("left", translate("gradients", "gradient norm (log)"), **LABEL_STYLE)
        set_legend_label(self.legend, self.global_curve, translate("gradients", "global"))
        set_legend_label(self.legend, self.clip_curve, translate("gradients", "clip"))
        set_legend_label(self.legend, self.clip_marks, translate("gradients", "clipped"))
        self._fit_legend()

    # -- data ----------------------------------------------------------------------------------
    def refresh(self, history: History) -> None:
        """Push the latest norms (downsampled) and clip events."""
        if len(history) == 0:
            self.clear()
            return
        x, norm = history.series("grad_norm", points := pixel_points(self.plot))
        self.global_curve.setData(x, positive(norm), connect="finite")
        xc, clip = history.series("clip", points)
        self.clip_curve.setData(xc, positive(clip), connect="finite")   # 0 = clipping off
        clipped = np.flatnonzero(history.column("clipped") > 0.5)
        if len(clipped) > MAX_CLIP_MARKS:
            clipped = clipped[np.linspace(0, len(clipped) - 1, MAX_CLIP_MARKS).astype(np.int64)]
        # The scatter item is not told about log mode, so it takes log10 view coordinates.
        self.clip_marks.setData(history.column("iteration")[clipped],
                                np.log10(positive(history.column("grad_norm")[clipped])))
        self._refresh_params(history)
        self.show_content()

    def _refresh_params(self, history: History) -> None:
        names = history.param_names
        if tuple(self.param_curves) != names:
            self._rebuild_param_curves(names)
        if history.param_grad_norms is None:
            return
        iterations = history.param_iterations()
        values = history.param_grad_norms.values            # (n, P)
        points = pixel_points(self.plot)
        for p, curve in enumerate(self.param_curves.values()):
            x, y = downsample(iterations, values[:, p], points)
            curve.setData(x, positive(y), connect="finite")

    def _rebuild_param_curves(self, names: tuple[str, ...]) -> None:
        for name, curve in self.param_curves.items():
            self.legend.removeItem(curve)
            self.plot.removeItem(curve)
        self.param_curves = {}
        for p, name in enumerate(names):
            colour = pg.mkColor(PARAM_COLOURS[p % len(PARAM_COLOURS)])
            colour.setAlpha(200)
            curve = pg.PlotDataItem(pen=pg.mkPen(colour, width=1))
            curve.setClipToView(True)
            dot_lone_points(curve)
            self.plot.addItem(curve)
            self.legend.addItem(curve, name)
            curve.setVisible(name in self._shown_params)
            self.param_curves[name] = curve
        self._fit_legend()

    def _fit_legend(self) -> None:
        """As many legend columns as the entries need to fit the plot's height: a two-layer
        LSTM's eleven entries in a laptop's short dock would otherwise run off its bottom."""
        rows = len(self.legend.items)
        # An entry's height as drawn (font and DPI vary), from the legend as it stands.
        drawn = (self.legend.boundingRect().height() - LEGEND_MARGIN_PX) / max(self.legend.rowCount, 1)
        row_px = max(LEGEND_ROW_PX, drawn)
        fits = max(1, int((self.layout_widget.height() - LEGEND_MARGIN_PX) // row_px))
        columns = -(-rows // fits)                      # ceil
        if rows and columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)
            # The layout was sized with the old, taller legend as its minimum: size it again to
            # the view, as the view's own resizeEvent does.
            view = self.layout_widget
            view.setRange(view.range, padding=0, disableAutoPixel=False)

    def _remember_visibility(self, item: pg.GraphicsObject) -> None:
        for name, curve in self.param_curves.items():
            if curve is item:
                (self._shown_params.add if curve.isVisible() else self._shown_params.discard)(name)

    def _fit_shown_curves(self, _item: pg.GraphicsObject) -> None:
        vb = self.plot.vb
        vb.enableAutoRange(axis=pg.ViewBox.YAxis)   # a no-op when it is on already, hence:
        vb.queueUpdateAutoRange()

    def clear(self) -> None:
        """Forget the run: empty curves and the placeholder text."""
        for curve in (self.global_curve, self.clip_curve, *self.param_curves.values()):
            curve.setData([], [])
        self.clip_marks.setData([], [])
        self.show_placeholder()

    def export(self, path: str) -> None:
        """Save the plot and its legend as PNG or SVG (by the file suffix)."""
        export_item(self.layout_widget.ci, path)
