"""How often each gate unit is saturated (Karpathy et al. 2015, Fig. 3), from the latest probe.

The engine reads the fractions and the histogram from the probe's gate arrays when it takes the
probe (:mod:`rnnviz.engine.gate_saturation`, ``Probe.saturation``); this panel only draws them.
"""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...engine.snapshots import GateSaturation, Probe
from rnnviz.gui.i18n import QT_TRANSLATE_NOOP, live, translate
from rnnviz.runtime.history import History
from .common import (LABEL_STYLE, MUTED, PALETTE, TEXT, Panel, export_item, make_readout, place_readout, style_plot,
                     tick_font)
from .gradients import set_legend_label
from .hidden_states import gate_name

# One colour per gate name, the same in both plots (and for LSTM and GRU alike).
GATE_COLOURS = {"i": PALETTE[0], "f": PALETTE[1], "o": PALETTE[2], "r": PALETTE[4], "z": PALETTE[3]}
PICK_PX = 8             # a click or hover within this many pixels of a dot is on it
STACK_RATIO = 1.25      # plots side by side when the view is at least this much wider than tall
PAD = 0.04              # view margin around the unit square, so dots on its edges stay whole


class GateSaturationPanel(Panel):
    """Left- against right-saturated fraction of every sigmoid gate unit of one layer, with the
    histogram of the gates' values beside it.

    Hovering a dot reads out its unit and fractions; clicking one emits ``unit_selected(layer,
    unit)`` (the window selects that unit in the hidden-state heatmap).
    """

    TITLE = QT_TRANSLATE_NOOP("panels", "Gate saturation")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Each dot is one unit of one gate: how often, over the probed block, it "
                                "is nearly shut (x, below 0.1) or wide open (y, above 0.9). Units in the corners are "
                                "switches, near the origin graded; a forget gate high up (right-saturated) "
                                "remembers. Click a dot to find its unit in Hidden states.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "No probe yet.\nPress Step (or Play) to see how often the gates "
                                    "saturate.")
    NO_GATES = QT_TRANSLATE_NOOP("panels", "A plain RNN has no gates.\nChoose LSTM or GRU in the Experiment form "
                                 "to see them saturate.")

    unit_selected = Signal(str, int)        # layer name ("lstm0"), hidden unit index

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gateSaturationPanel")
        self.layer_label = QLabel()
        self.layer_label.setStyleSheet(f"color: {MUTED};")
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("saturationLayerCombo")
        self.info_label = QLabel()
        self.info_label.setObjectName("saturationProbeInfo")
        self.info_label.setStyleSheet(f"color: {MUTED};")
        controls = QHBoxLayout()
        controls.setContentsMargins(2, 0, 2, 0)
        controls.addWidget(self.layer_label)
        controls.addWidget(self.layer_combo)
        controls.addStretch(1)
        controls.addWidget(self.info_label)

        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setObjectName("gateSaturationPlot")
        self.scatter_plot = self.layout_widget.addPlot(row=0, col=0)
        self.hist_plot = self.layout_widget.addPlot(row=0, col=1)
        self._side_by_side = True
        for plot in (self.scatter_plot, self.hist_plot):
            style_plot(plot, bottom="", left="")     # axis titles: _retranslate_texts
            plot.setMouseEnabled(x=False, y=False)   # a fixed unit square: a drag would only lose it
            plot.hideButtons()
        self.scatter_plot.setRange(xRange=(-PAD, 1 + PAD), yRange=(-PAD, 1 + PAD), padding=0)
        # Fixed ticks, the quarters labelled when there is room (pyqtgraph's own chose 0.2 steps
        # that stopped short of 1 in a short dock).
        for side in ("left", "bottom"):
            self.scatter_plot.getAxis(side).setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")],
                                                      [(0.25, "0.25"), (0.75, "0.75")]])
        self.scatter_plot.getViewBox().setAspectLocked(False)
        # x + y <= 1 always (a step cannot be below 0.1 and above 0.9 at once): the line is the
        # edge of what is possible, units on it are saturated at every step.
        self.diagonal = pg.PlotCurveItem([0.0, 1.0], [1.0, 0.0],
                                         pen=pg.mkPen(120, 120, 120, 170, width=1, style=Qt.PenStyle.DashLine))
        self.scatter_plot.addItem(self.diagonal)
        # The upper right triangle is empty for the same reason: the legend's place.
        self.legend = self.scatter_plot.addLegend(offset=(-6, 6), labelTextColor=TEXT, labelTextSize="8pt",
                                                  brush=pg.mkBrush(255, 255, 255, 210), verSpacing=-6)
        self.dots: dict[str, pg.ScatterPlotItem] = {}        # gate -> its units' dots
        self.ring = pg.ScatterPlotItem(symbol="o", size=17, brush=None, pen=pg.mkPen(TEXT, width=2))
        self.ring.setZValue(50)
        self.scatter_plot.addItem(self.ring)
        self.readout = make_readout()
        self.scatter_plot.addItem(self.readout, ignoreBounds=True)

        self.hist_plot.setXRange(0.0, 1.0, padding=0.02)
        self.bars: dict[str, pg.PlotDataItem] = {}           # gate -> its histogram's outline
        self.thresholds = [pg.InfiniteLine(angle=90, movable=False,
                                           pen=pg.mkPen("#555555", width=1, style=Qt.PenStyle.DashLine),
                                           label="{value:g}", labelOpts={"position": 0.93, "color": TEXT})
                           for _ in range(2)]
        for line in self.thresholds:
            self.hist_plot.addItem(line, ignoreBounds=True)

        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(controls)
        box.addWidget(self.layout_widget, 1)
        self.set_content(content)

        self.probe: Probe | None = None
        self.shown: tuple[GateSaturation, ...] = ()          # the records of the layer on screen
        self.selected: tuple[str, int] | None = None         # (layer, unit) last clicked
        self._layers: tuple[str, ...] = ()
        self._titles: dict[tuple[int, str], str] = {}      # (plot, side) -> the axis title set
        self._pads: tuple[float, float] | None = None        # the scatter's margins (x, y), view units
        self.layer_combo.currentIndexChanged.connect(self._show_layer)
        scene = self.layout_widget.scene()
        self._mouse_proxy = pg.SignalProxy(scene.sigMouseMoved, rateLimit=30, slot=self._on_mouse_moved)
        self.layout_widget.viewport().installEventFilter(self)      # a Leave hides the readout
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self.layout_widget.sigDeviceRangeChanged.connect(lambda *_: self._arrange_plots())   # resized
        for plot in (self.scatter_plot, self.hist_plot):
            plot.vb.sigResized.connect(self._fit_axis_titles)
        live(self, self._retranslate_texts)

    def _retranslate_texts(self) -> None:
        """Labels, axis titles, the legend and the probe's line in the window's language."""
        self.layer_label.setText(translate("gate_saturation", "layer"))
        self._titles.clear()
        self._fit_axis_titles()
        for gate, dots in self.dots.items():
            set_legend_label(self.legend, dots, gate_name(gate))
        self._set_info()

    def _axis_titles(self) -> dict[tuple[pg.PlotItem, str], tuple[str, ...]]:
        """Each axis title, longest first: the longest that fits its axis is shown."""
        low, high = (self.shown[0].low, self.shown[0].high) if self.shown else (0.1, 0.9)
        low, high = f"{low:g}", f"{high:g}"
        return {
            (self.scatter_plot, "bottom"): (
                translate("gate_saturation", "left-saturated: share of steps < {low}").format(low=low),
                translate("gate_saturation", "left-saturated (< {low})").format(low=low),
                translate("gate_saturation", "shut (< {low})").format(low=low)),
            (self.scatter_plot, "left"): (
                translate("gate_saturation", "right-saturated: share of steps > {high}").format(high=high),
                translate("gate_saturation", "right-saturated (> {high})").format(high=high),
                translate("gate_saturation", "open (> {high})").format(high=high)),
            (self.hist_plot, "bottom"): (translate("gate_saturation", "gate value"),),
            (self.hist_plot, "left"): (translate("gate_saturation", "count (steps × units)"),
                                       translate("gate_saturation", "count")),
        }

    def _fit_axis_titles(self) -> None:
        """Set each axis title to its longest form that fits beside the plot (a laptop's short
        dock leaves the scatter's y axis about 120 px), and frame the unit square."""
        self._frame_square()
        font = QFont()
        font.setPointSizeF(float(LABEL_STYLE["font-size"].removesuffix("pt")))
        metrics = QFontMetricsF(font)
        titles = self._axis_titles()

        def longest_fitting(plot: pg.PlotItem, side: str) -> int:
            room = plot.vb.height() if side == "left" else plot.vb.width()
            texts = titles[(plot, side)]
            return next((k for k, t in enumerate(texts) if metrics.horizontalAdvance(t) <= room), len(texts) - 1)
        # The scatter's two titles in the same form, so x and y read as a pair.
        pair = max(longest_fitting(self.scatter_plot, "bottom"), longest_fitting(self.scatter_plot, "left"))
        for (plot, side), texts in titles.items():
            text = texts[pair] if plot is self.scatter_plot else texts[longest_fitting(plot, side)]
            if self._titles.get((id(plot), side)) != text:
                self._titles[(id(plot), side)] = text
                # Axis titles are rich text: "<" would open a tag.
                plot.setLabel(side, html.escape(text, quote=False), **LABEL_STYLE)
                # pyqtgraph centres a title only when its axis is resized, and a shorter title
                # chosen for a resize that just happened would sit where the longer one began.
                plot.getAxis(side).resizeEvent()

    def _frame_square(self) -> None:
        """The unit square with a margin of at least half a tick label: with the grid on,
        pyqtgraph drops a label that sticks out of its axis, and 0 and 1 are the ones that say
        where the square ends."""
        vb = self.scatter_plot.vb
        half_label = 0.5 * QFontMetricsF(tick_font()).height() + 2          # px
        pad_y = max(PAD, half_label / max(vb.height(), 1.0))
        pad_x = max(PAD, 0.5 * QFontMetricsF(tick_font()).horizontalAdvance("0.75") / max(vb.width(), 1.0))
        if (pad_x, pad_y) != self._pads:
            self._pads = (pad_x, pad_y)
            vb.setRange(xRange=(-pad_x, 1 + pad_x), yRange=(-pad_y, 1 + pad_y), padding=0)

    # -- data ----------------------------------------------------------------------------------
    def refresh(self, history: History) -> None:
        """Show the latest probe's saturation; a no-op while the probe is unchanged."""
        probe = history.latest_probe
        if probe is None:
            self.clear()
            return
        if probe is self.probe:
            return
        self.probe = probe
        if not probe.saturation:
            self._forget_data()
            self.show_placeholder(lambda: translate("panels", self.NO_GATES))
            return
        layers = tuple(dict.fromkeys(s.layer for s in probe.saturation))
        if layers != self._layers:              # a new model: rebuild the choices, keep the index
            self._layers = layers
            index = max(self.layer_combo.currentIndex(), 0)
            self.layer_combo.blockSignals(True)
            self.layer_combo.clear()
            self.layer_combo.addItems([f"{k} ({name})" for k, name in enumerate(layers)])
            self.layer_combo.setCurrentIndex(min(index, len(layers) - 1))
            self.layer_combo.blockSignals(False)
        self._show_layer()
        self.show_content()

    def _show_layer(self) -> None:
        if self.probe is None or not self._layers:
            return
        layer = self._layers[max(self.layer_combo.currentIndex(), 0)]
        self.shown = tuple(s for s in self.probe.saturation if s.layer == layer)
        self.readout.setVisible(False)          # its numbers were the previous probe's
        gates = tuple(s.gate for s in self.shown)
        if gates != tuple(self.dots):
            self._build_gates(gates)
        for s in self.shown:
            self.dots[s.gate].setData(x=s.left, y=s.right, data=np.arange(len(s.units)))
            self.bars[s.gate].setData(s.edges, s.counts, stepMode="center")
        for line, value in zip(self.thresholds, (self.shown[0].low, self.shown[0].high)):
            line.setValue(value)
        # From 0, as a histogram is read; auto-ranged, the bars would hang from the lowest count.
        tallest = max(int(s.counts.max(initial=0)) for s in self.shown)
        self.hist_plot.setYRange(0, max(tallest, 1), padding=0.05)
        self._retranslate_texts()               # thresholds in the axis titles, the probe's line
        self._update_ring()

    def _build_gates(self, gates: tuple[str, ...]) -> None:
        """One dot item and one histogram outline per gate (rebuilt only when the cell changes)."""
        for dots in self.dots.values():
            self.scatter_plot.removeItem(dots)
        for bars in self.bars.values():
            self.hist_plot.removeItem(bars)
        self.legend.clear()
        self.dots, self.bars = {}, {}
        for k, gate in enumerate(gates):
            colour = pg.mkColor(GATE_COLOURS.get(gate, PALETTE[(5 + k) % len(PALETTE)]))
            fill = pg.mkColor(colour)
            fill.setAlpha(150)                  # overlapping units show as darker dots
            dots = pg.ScatterPlotItem(size=8, brush=fill, pen=pg.mkPen(255, 255, 255, 200, width=0.8))
            dots.setZValue(10 + k)
            self.scatter_plot.addItem(dots)
            self.legend.addItem(dots, gate_name(gate))
            self.dots[gate] = dots
            self.bars[gate] = self.hist_plot.plot(pen=pg.mkPen(colour, width=2))

    def _set_info(self) -> None:
        if self.probe is None or not self.shown:
            self.info_label.clear()
            return
        self.info_label.setText(translate("gate_saturation", "probe of step {step}: {units} units × {steps} steps")
                                .format(step=f"{self.probe.iteration:,}", units=len(self.shown[0].units),
                                        steps=len(self.probe.input_tokens)))

    # -- picking -------------------------------------------------------------------------------
    def dot_at(self, scene_pos: QPointF) -> tuple[GateSaturation, int, int] | None:
        """(record, row, other dots as close) of the dot nearest ``scene_pos`` within PICK_PX."""
        vb = self.scatter_plot.vb
        if not self.shown or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = vb.mapSceneToView(scene_pos)
        px, py = vb.viewPixelSize()             # view units per pixel: distances in pixels
        best, near = None, 0
        for s in self.shown:
            d = np.hypot((s.left - point.x()) / px, (s.right - point.y()) / py)
            close = d <= PICK_PX
            near += int(np.count_nonzero(close))
            row = int(np.argmin(d)) if len(d) else -1
            if row >= 0 and close[row] and (best is None or d[row] < best[2]):
                best = (s, row, float(d[row]))
        return None if best is None else (best[0], best[1], near - 1)

    def _on_mouse_moved(self, event: tuple[QPointF]) -> None:
        """Readout of the dot under the mouse; ``event`` is the SignalProxy tuple (scene pos,)."""
        hit = self.dot_at(event[0])
        if hit is None:
            self.readout.setVisible(False)
            return
        s, row, others = hit
        text = translate("gate_saturation", "unit {unit}, {gate}: left {left}, right {right}").format(
            unit=int(s.units[row]), gate=s.gate, left=f"{s.left[row]:.2f}", right=f"{s.right[row]:.2f}")
        if others:
            text += "\n" + translate("gate_saturation", "(+{n} more dots here)").format(n=others)
        place_readout(self.readout, self.scatter_plot.vb, float(s.left[row]), float(s.right[row]), text)

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self.dot_at(event.scenePos())
        if hit is not None:
            s, row, _ = hit
            self.select(s.layer, int(s.units[row]))
            self.unit_selected.emit(s.layer, int(s.units[row]))

    def select(self, layer: str, unit: int) -> None:
        """Ring ``unit``'s dots (every gate of its layer); no signal."""
        self.selected = (layer, int(unit))
        self._update_ring()

    def _update_ring(self) -> None:
        xs, ys = [], []
        if self.selected is not None:
            for s in self.shown:
                rows = np.flatnonzero(s.units == self.selected[1]) if s.layer == self.selected[0] else ()
                xs += [float(s.left[r]) for r in rows]
                ys += [float(s.right[r]) for r in rows]
        self.ring.setData(xs, ys)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Leave:
            self._mouse_proxy.flush()           # a move still queued would bring the box back
            self.readout.setVisible(False)
        return super().eventFilter(watched, event)

    @property
    def hover_text(self) -> str:
        """The readout's text, empty when hidden."""
        return self.readout.toPlainText() if self.readout.isVisible() else ""

    # -- state ---------------------------------------------------------------------------------
    def _arrange_plots(self) -> None:
        """Side by side, or (a tall, narrow dock: floated, or a column of its own) the histogram
        under the scatter, so neither is squeezed to a sliver."""
        size = self.layout_widget.size()
        side = size.width() >= STACK_RATIO * size.height() or size.height() <= 0
        if side != self._side_by_side:
            self._side_by_side = side
            layout = self.layout_widget.ci
            layout.removeItem(self.hist_plot)
            layout.addItem(self.hist_plot, row=0 if side else 1, col=1 if side else 0)

    def _forget_data(self) -> None:
        self.shown = ()
        self._layers = ()
        for dots in self.dots.values():
            dots.setData([], [])
        for bars in self.bars.values():
            bars.setData([], [])
        self.ring.setData([], [])
        self.readout.setVisible(False)
        self.layer_combo.clear()
        self.info_label.clear()

    def clear(self) -> None:
        """Forget the run: no dots, the placeholder text."""
        self.probe = None
        self.selected = None
        self._forget_data()
        self.show_placeholder()

    def export(self, path: str) -> None:
        """Save both plots as PNG or SVG (by the file suffix)."""
        export_item(self.layout_widget.ci, path)
