"""DLFS2 ch.6 made interactive: the singular values and eigenvalues of every recurrent W_h, and what
multiplying W_h by s does to the gradient on its way back through the window.

The panel computes nothing about the model. It asks (``spectrum_requested(scale, book, sweep)``)
and the window's worker answers with a :class:`~rnnviz.engine.spectrum.SpectrumReport`, which
:meth:`WhSpectrumPanel.show_report` draws. It asks when s moves (coalesced), when it is shown,
and while training at most a few times a second when the step changed (:meth:`follow`); never
while hidden. "Apply s to the model…" emits ``apply_requested(scale)``; the window confirms it.
"""
from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QButtonGroup, QComboBox, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rnnviz.engine.spectrum import SpectrumReport
from rnnviz.gui.flow_layout import flow_row
from rnnviz.gui.i18n import QT_TRANSLATE_NOOP, live, translate
from .gradients import set_legend_label
from .scale_slider import ScaleSlider
from .common import LABEL_STYLE, MUTED, PALETTE, TEXT, LogAxis, Panel, export_widget, positive, style_plot

COALESCE_MS = 50            # slider moves within this become one request
FOLLOW_S = 0.4              # while training, a new report at most this often
SWEEP_S = 1.5               # and a new sweep (S passes) at most this often
ANSWER_S = 3.0              # a request unanswered this long (a failed command) is given up
GRID = (640, 440)           # px (width, height) from which the four plots go two by two
ROW = (1000, 220)           # else, from which they go side by side; below both, two at a time
REFERENCE_PENS = ({"color": "#d62728", "width": 1.6, "style": Qt.DashLine},   # the book at 1: explodes
                  {"color": "#1f77b4", "width": 1.6, "style": Qt.DashLine})   # at 0.5: vanishes


class GrowthAxis(LogAxis):
    """A log axis that writes the far decades of a sweep as 1e-9 and 1e12 (not "1e+09k")."""

    def logTickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph name)
        far = [abs(v) >= 4 for v in values]
        plain = super().logTickStrings(values, scale, spacing)
        return [f"1e{round(v)}" if f and spacing is not None else p for v, f, p in zip(values, far, plain)]


def block_label(layer: str, gate: str) -> str:
    """A W_h block's legend entry: "rnn0", "lstm0.f"."""
    return f"{layer}.{gate}" if gate else layer


class WhSpectrumPanel(Panel):
    """Singular values, eigenvalues on the complex plane, ‖∂L/∂h_t‖ at scale s, and the growth
    of the gradient over s·σ_max, for the model or for the book's ch06 experiment."""

    TITLE = QT_TRANSLATE_NOOP("panels", "W_h spectrum")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Move s to multiply every W_h by it: once s·σ_max passes 1, the "
                                "gradient grows on its way back (explodes); well below, it vanishes. Eigenvalues "
                                "outside the unit circle grow at every step back.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "No model yet: choose a corpus and press Apply.\nThe book's "
                                    "experiment (ch06) needs none: choose it above.")

    spectrum_requested = Signal(float, bool, bool)      # scale, the book's experiment, with the sweep
    apply_requested = Signal(float)                     # multiply the model's W_h by this

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("whSpectrumPanel")
        self.report: SpectrumReport | None = None       # the one drawn
        self._sweep: SpectrumReport | None = None       # the newest report with a sweep, this mode
        self._asked_at: float | None = None             # a request on its way since (monotonic s)
        self._last_ask = -math.inf
        self._last_sweep = -math.inf
        self._dirty = False                             # asked while hidden or busy: ask again
        self._want_sweep = False
        self._build_controls()
        self._build_plots()
        self._coalesce = QTimer(self, singleShot=True, interval=COALESCE_MS)
        self._coalesce.timeout.connect(lambda: self.request())
        self.scale_slider.moved.connect(self._scale_moved)
        self.mode_combo.currentIndexChanged.connect(self.clear)
        self.apply_button.clicked.connect(lambda: self.apply_requested.emit(self.scale))
        live(self, self._retranslate_texts)
        self.clear()

    # -- building ----------------------------------------------------------------------------------
    def _build_controls(self) -> None:
        self.mode_combo = QComboBox(objectName="spectrumMode")
        self.mode_combo.addItems(["", ""])              # texts: _retranslate_texts
        self.page_buttons = [QPushButton(objectName=f"spectrumPage{k}", checkable=True) for k in range(2)]
        self.page_buttons[0].setChecked(True)
        pages = QButtonGroup(self)
        for k, button in enumerate(self.page_buttons):
            pages.addButton(button, k)
        pages.idClicked.connect(lambda _: self._arrange(self._layout_kind, force=True))
        self.apply_button = QPushButton(objectName="applyScaleButton")
        self.scale_slider = ScaleSlider()
        self.slider = self.scale_slider.slider
        self.readout = QLabel(objectName="scaleReadout")
        self.readout.setStyleSheet(f"color: {TEXT}; font-weight: 600;")
        self.readout.setMinimumWidth(self.readout.fontMetrics().horizontalAdvance("s = 0.00 · s·σ_max = 00.00") + 12)
        self.status = QLabel(objectName="spectrumStatus")
        self.status.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        self.status.setWordWrap(True)
        controls = QVBoxLayout()
        controls.setContentsMargins(2, 0, 2, 0)
        controls.setSpacing(2)
        controls.addWidget(flow_row(self.mode_combo, self.scale_slider, self.readout, self.apply_button, *self.page_buttons))
        controls.addWidget(self.status)
        self.layout().insertLayout(1, controls)        # above the placeholder: the mode stays reachable

    def _build_plots(self) -> None:
        self.widgets = {name: pg.PlotWidget(axisItems={"left": GrowthAxis("left")} if name in ("norm", "sweep") else None)
                        for name in ("sigma", "eigen", "norm", "sweep")}
        for name, widget in self.widgets.items():
            widget.setObjectName(f"spectrum_{name}Plot")
            widget.setMinimumSize(150, 110)
        self.sigma_plot, self.eigen_plot, self.norm_plot, self.sweep_plot = (
            self.widgets[name].getPlotItem() for name in ("sigma", "eigen", "norm", "sweep"))
        self.grid_widget = QWidget(objectName="spectrumPlots")
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(2)
        self.plots = (self.sigma_plot, self.eigen_plot, self.norm_plot, self.sweep_plot)
        for plot in self.plots:
            style_plot(plot, bottom="", left="")
            plot.setTitle("", color=MUTED, size="9pt")
        self.norm_plot.setLogMode(y=True)
        self.sweep_plot.setLogMode(y=True)
        self.sweep_plot.setLimits(yMin=-12, yMax=12)    # past 1e±12 a float32 pass measures round-off
        self.eigen_plot.setAspectLocked(True)
        self.sigma_legend = self.sigma_plot.addLegend(offset=(-4, 4), labelTextColor=TEXT, verSpacing=-6,
                                                      brush=pg.mkBrush(255, 255, 255, 200))
        self.norm_legend = self.norm_plot.addLegend(offset=(4, 4), labelTextColor=TEXT, verSpacing=-6,
                                                    brush=pg.mkBrush(255, 255, 255, 200))
        self.threshold = pg.InfiniteLine(angle=0, pen=pg.mkPen("#888888", width=1, style=Qt.DashLine))
        self.sigma_plot.addItem(self.threshold)
        theta = np.linspace(0, 2 * np.pi, 241)
        self.eigen_plot.plot(np.cos(theta), np.sin(theta), pen=pg.mkPen("#888888", width=1.2))
        self.eigen_plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#dddddd")))
        self.eigen_plot.addItem(pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen("#dddddd")))
        self.references = [self.norm_plot.plot(pen=pg.mkPen(**pen)) for pen in REFERENCE_PENS]
        self.one_line = pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#888888", width=1, style=Qt.DashLine))
        self.sweep_plot.addItem(self.one_line)               # log axis: 0 is growth 1
        self.now_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#444444", width=1))
        self.sweep_plot.addItem(self.now_line)
        self.sweep_dots = self.sweep_plot.plot(pen=None, symbol="o", symbolSize=10, symbolPen=pg.mkPen("#222222"),
                                               symbolBrush=pg.mkBrush("#ffcc00"))    # where s is now
        self.sweep_dots.setZValue(10)
        self.sigma_curves: list[pg.PlotDataItem] = []       # one per W_h block
        self.eigen_raw: list[pg.ScatterPlotItem] = []       # at scale 1, faint
        self.eigen_scaled: list[pg.ScatterPlotItem] = []    # times s
        self.norm_curves: list[pg.PlotDataItem] = []        # one per layer (the book: one)
        self.sweep_curves: list[pg.PlotDataItem] = []
        self._names: tuple = ()
        self._layout_kind = ""
        self._overflowing = False
        self._arrange("paged")
        self.set_content(self.grid_widget)

    def _arrange(self, kind: str, force: bool = False) -> None:
        """``grid`` (two by two), ``row`` (four side by side) or ``paged`` (two at a time, the page
        buttons choosing the gradient's or the spectrum's), as the view's size allows."""
        if kind == self._layout_kind and not force:
            return
        self._layout_kind = kind
        for widget in self.widgets.values():
            self.grid.removeWidget(widget)
            widget.hide()
        if kind == "paged":
            shown = ("sigma", "eigen") if self.page_buttons[1].isChecked() else ("norm", "sweep")
            places = [(0, 0), (0, 1)]
        else:
            shown = ("norm", "sweep", "sigma", "eigen")
            places = [(0, k) for k in range(4)] if kind == "row" else [divmod(k, 2) for k in range(4)]
        for name, place in zip(shown, places):
            self.grid.addWidget(self.widgets[name], *place)
            self.widgets[name].show()
        for k in range(4):
            self.grid.setColumnStretch(k, 1 if k < (4 if kind == "row" else 2) else 0)
        for button in self.page_buttons:
            button.setVisible(kind == "paged")
        self.status.setVisible(kind != "paged" or self._overflowing)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        width, height = self.width(), self.height() - 60        # about what the controls take
        if width >= GRID[0] and height >= GRID[1]:
            self._arrange("grid")
        elif width >= ROW[0] and height >= ROW[1]:
            self._arrange("row")
        else:
            self._arrange("paged")

    def _retranslate_texts(self) -> None:
        self.mode_combo.setItemText(0, translate("wh_spectrum", "This model"))
        self.mode_combo.setItemText(1, translate("wh_spectrum", "The book's experiment (ch06)"))
        self.apply_button.setText(translate("wh_spectrum", "Apply s to the model…"))
        self.page_buttons[0].setText(translate("wh_spectrum", "Gradient"))
        self.page_buttons[1].setText(translate("wh_spectrum", "Spectrum"))
        self.page_buttons[0].setToolTip(translate("wh_spectrum", "‖∂L_T/∂hₜ‖ over t and its growth against s·σ_max"))
        self.page_buttons[1].setToolTip(translate("wh_spectrum", "singular values and eigenvalues of each W_h"))
        self.apply_button.setToolTip(translate("wh_spectrum", "Multiply every W_h of the training model by s "
                                               "(Run > Rewind undoes it)"))
        self.slider.setToolTip(translate("wh_spectrum", "s multiplies every W_h (log scale, 0.1 to 3; it snaps "
                                         "to 0.5 and 1, the book's two figures)"))
        self.sigma_plot.setLabel("bottom", translate("wh_spectrum", "index"), **LABEL_STYLE)
        self.sigma_plot.setLabel("left", translate("wh_spectrum", "singular value σ"), **LABEL_STYLE)
        self.eigen_plot.setLabel("bottom", translate("wh_spectrum", "real part"), **LABEL_STYLE)
        self.eigen_plot.setLabel("left", translate("wh_spectrum", "imaginary part"), **LABEL_STYLE)
        self.sweep_plot.setLabel("bottom", translate("wh_spectrum", "s·σ_max"), **LABEL_STYLE)
        self.sweep_plot.setLabel("left", translate("wh_spectrum", "growth (log)"), **LABEL_STYLE)
        self.sweep_plot.setTitle(translate("wh_spectrum", "growth going back vs s·σ_max"),
                                 color=MUTED, size="9pt")
        self.eigen_plot.setTitle(translate("wh_spectrum", "eigenvalues (filled: times s)"), color=MUTED, size="9pt")
        self._show_texts()

    # -- s and the mode -----------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        return self.scale_slider.scale

    @property
    def book_mode(self) -> bool:
        return self.mode_combo.currentIndex() == 1

    def set_scale(self, scale: float) -> None:
        """Move the slider to ``scale`` (a request follows, as after a drag)."""
        self.scale_slider.set_scale(scale)

    def _scale_moved(self) -> None:
        self._show_texts()
        self._coalesce.start()

    def scale_applied(self) -> None:
        """The model's W_h were multiplied by s: it is now the model at s = 1."""
        self._sweep = None
        self._last_sweep = -math.inf
        self.set_scale(1.0)
        self.request(sweep=True)

    # -- asking --------------------------------------------------------------------------------------
    def _visible(self) -> bool:
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def request(self, sweep: bool = False) -> None:
        """Ask for a report at the current s, now if nothing is on its way and the panel shows."""
        self._want_sweep |= sweep or self._sweep is None
        now = time.monotonic()
        if not self._visible() or (self._asked_at is not None and now - self._asked_at < ANSWER_S):
            self._dirty = True
            return
        sweep, self._want_sweep, self._dirty = self._want_sweep, False, False
        self._asked_at = self._last_ask = now
        if sweep:
            self._last_sweep = now
        self.spectrum_requested.emit(self.scale, self.book_mode, sweep)

    def follow(self, iteration: int) -> None:
        """The window's model is at ``iteration``: ask again if the drawn report is older (at most
        every :data:`FOLLOW_S`, with a sweep at most every :data:`SWEEP_S`)."""
        if self.book_mode or not self._visible():
            return
        drawn = self.report.iteration if self.report is not None else None
        now = time.monotonic()
        if drawn == iteration or now - self._last_ask < FOLLOW_S:
            return
        stale = self._sweep is None or self._sweep.iteration != iteration
        self.request(sweep=stale and now - self._last_sweep >= SWEEP_S)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._dirty or self.report is None:
            QTimer.singleShot(0, self.request)      # once the dock's region is known

    # -- drawing -------------------------------------------------------------------------------------
    def show_report(self, report: SpectrumReport) -> None:
        """Draw a report from the worker (one for the other mode is dropped; then ask again)."""
        self._asked_at = None
        if report.book != self.book_mode:
            self.request()
            return
        if not report.has_model:
            self.report = self._sweep = None
            self.show_placeholder()
            self._show_texts()
            return
        if report.sweep_growth is not None:
            self._sweep = report
        self.report = report
        self._draw(report)
        self.show_content()
        if self._dirty or not math.isclose(report.scale, self.scale, rel_tol=1e-9):
            self.request()

    def _draw(self, r: SpectrumReport) -> None:
        names = (r.book, tuple(block_label(b.layer, b.gate) for b in r.blocks), r.names)
        if names != self._names:
            self._build_series(r)
            self._names = names
        for k, block in enumerate(r.blocks):
            singular = np.asarray(block.singular, np.float64)
            self.sigma_curves[k].setData(np.arange(1, len(singular) + 1), singular)
            self.eigen_raw[k].setData(block.eigen.real, block.eigen.imag)
            scaled = r.scaled_eigen(k)
            self.eigen_scaled[k].setData(scaled.real, scaled.imag)
        self.threshold.setValue(1.0 / r.scale)
        t = np.arange(r.norms.shape[1], dtype=np.float64)
        for k, curve in enumerate(self.norm_curves):
            curve.setData(t, positive(r.norms[k]), connect="finite")
        for k, curve in enumerate(self.references):
            if k < len(r.references):
                curve.setData(t, positive(r.references[k]), connect="finite")
            else:
                curve.setData([], [])
        sweep = self._sweep
        for k, curve in enumerate(self.sweep_curves):
            if sweep is not None and k < sweep.sweep_growth.shape[1]:
                curve.setData(sweep.sweep_sigma, positive(sweep.sweep_growth[:, k]), connect="finite")
            else:
                curve.setData([], [])
        self.now_line.setValue(r.scaled_sigma_max)
        self.sweep_dots.setData(np.full(len(r.growth), r.scaled_sigma_max), positive(r.growth), connect="finite")
        self._show_texts()

    def _build_series(self, r: SpectrumReport) -> None:
        """Plot items for this report's blocks and layers (rebuilt only when they change)."""
        for plot, items in ((self.sigma_plot, self.sigma_curves), (self.eigen_plot, self.eigen_raw + self.eigen_scaled),
                            (self.norm_plot, self.norm_curves), (self.sweep_plot, self.sweep_curves)):
            for item in items:
                plot.removeItem(item)
        self.sigma_legend.clear()
        self.norm_legend.clear()
        self.sigma_curves, self.eigen_raw, self.eigen_scaled = [], [], []
        for k, block in enumerate(r.blocks):
            colour = pg.mkColor(PALETTE[k % len(PALETTE)])
            self.sigma_curves.append(self.sigma_plot.plot(
                pen=pg.mkPen(colour, width=2), name=self._block_name(block.layer, block.gate)))
            faint = pg.mkColor(colour)
            faint.setAlpha(90)
            raw = pg.ScatterPlotItem(size=6, pen=pg.mkPen(faint), brush=None)
            scaled = pg.ScatterPlotItem(size=6, pen=None, brush=pg.mkBrush(colour))
            self.eigen_plot.addItem(raw)
            self.eigen_plot.addItem(scaled)
            self.eigen_raw.append(raw)
            self.eigen_scaled.append(scaled)
        self.norm_curves, self.sweep_curves = [], []
        for k, name in enumerate(r.names):
            colour = "#222222" if r.book else PALETTE[k % len(PALETTE)]
            self.norm_curves.append(self.norm_plot.plot(
                pen=pg.mkPen(colour, width=2.5), symbol="o", symbolSize=4, symbolBrush=colour, symbolPen=None,
                name=self._layer_name(k, r.book) if r.book or len(r.names) > 1 else None))
            self.sweep_curves.append(self.sweep_plot.plot(pen=pg.mkPen(colour, width=2)))
        for curve, s in zip(self.references, r.reference_scales):
            self.norm_legend.addItem(curve, self._reference_name(s))
        # The model's curves rise to the right, the book's fan out from the left at 1: the legend
        # goes where the curves are not.
        corner = (0, 1) if r.book else (0, 0)
        self.norm_legend.anchor(itemPos=corner, parentPos=corner, offset=(4, -4 if r.book else 4))

    # -- texts ---------------------------------------------------------------------------------------
    @staticmethod
    def _block_name(layer: str, gate: str) -> str:
        return translate("wh_spectrum", "the book's W_h") if layer == "book" else block_label(layer, gate)

    @staticmethod
    def _layer_name(k: int, book: bool) -> str:
        return translate("wh_spectrum", "W_h × s") if book else translate("wh_spectrum", "layer {k}").format(k=k)

    @staticmethod
    def _reference_name(scale: float) -> str:
        return translate("wh_spectrum", "the book, W_h × {s}").format(s=f"{scale:g}")

    def _show_texts(self) -> None:
        """The readout, the status line, the changing titles and legends, in the window's language."""
        r = self.report
        s = f"{self.scale:.2f}"
        if r is not None and math.isclose(r.scale, self.scale, rel_tol=1e-9):
            self.readout.setText(translate("wh_spectrum", "s = {s} · s·σ_max = {value}").format(
                s=s, value=f"{r.scaled_sigma_max:.2f}"))
        else:
            self.readout.setText(translate("wh_spectrum", "s = {s}").format(s=s))
        self.apply_button.setEnabled(not self.book_mode and r is not None and self.scale != 1.0)
        if r is None:
            self.status.setText("")
            self.norm_plot.setTitle("", color=MUTED, size="9pt")
            self.sigma_plot.setTitle("", color=MUTED, size="9pt")
            return
        self.sigma_plot.setTitle(translate("wh_spectrum", "singular values (dashed: σ = 1/s)"), color=MUTED,
                                 size="9pt")
        if r.book:
            self.norm_plot.setTitle(translate("wh_spectrum", "the book's ch06: W_h × {s}")
                                    .format(s=f"{r.scale:.2f}"), color=MUTED, size="9pt")
            self.norm_plot.setLabel("bottom", translate("wh_spectrum", "time step (steps back)"), **LABEL_STYLE)
            self.norm_plot.setLabel("left", translate("wh_spectrum", "norm (log)"), **LABEL_STYLE)
            status = translate("wh_spectrum", "The book's experiment: dh = dh·W_hᵀ repeated T = 20 times, no tanh, "
                               "from dh = ones (N = 2, H = 3), W_h = randn(3, 3) after np.random.seed(3).")
        else:
            self.norm_plot.setTitle(translate("wh_spectrum", "s = {s}, step {step}").format(
                s=f"{r.scale:.2f}", step=f"{r.iteration:,}"), color=MUTED, size="9pt")
            self.norm_plot.setLabel("bottom", translate("wh_spectrum", "time step t in the window"),
                                    **LABEL_STYLE)
            self.norm_plot.setLabel("left", translate("wh_spectrum", "‖∂L_T/∂hₜ‖ (log)"), **LABEL_STYLE)
            status = translate("wh_spectrum", "Measured on a copy of the model, every W_h times s: the loss at the "
                               "last time step of the first training window ({rows} rows) sent back through the "
                               "window, as the book sends dh back.").format(rows=r.rows)
        overflow = [t for t in r.overflow if t is not None]
        self._overflowing = bool(overflow)
        self.status.setVisible(self._layout_kind != "paged" or self._overflowing)
        if overflow:
            status += " " + translate("wh_spectrum", "The gradient overflows past t = {t}: only the finite part "
                                      "is drawn.").format(t=overflow[0])
        self.status.setText(status)
        self.readout.setToolTip(status)
        for k, curve in enumerate(self.sigma_curves):
            set_legend_label(self.sigma_legend, curve, self._block_name(r.blocks[k].layer, r.blocks[k].gate))
        for k, curve in enumerate(self.norm_curves):
            set_legend_label(self.norm_legend, curve, self._layer_name(k, r.book))
        for curve, scale in zip(self.references, r.reference_scales):
            set_legend_label(self.norm_legend, curve, self._reference_name(scale))

    # -- the panel protocol --------------------------------------------------------------------------
    def refresh(self, history) -> None:
        """Nothing to redraw per step: reports arrive through :meth:`show_report`."""

    def clear(self) -> None:
        """A new run or the other mode: nothing drawn, and a fresh report asked for (once shown)."""
        self.report = self._sweep = None
        self._asked_at = None
        self._last_sweep = -math.inf
        for item in (*self.sigma_curves, *self.norm_curves, *self.sweep_curves, *self.references,
                     *self.eigen_raw, *self.eigen_scaled, self.sweep_dots):
            item.setData([], [])
        self._show_texts()
        if not self.book_mode:
            self.show_placeholder()
        self.request(sweep=True)

    def export(self, path: str) -> None:
        """Save the plots shown as PNG or SVG (by the file suffix)."""
        export_widget(self.grid_widget, path)
