"""Training and validation perplexity against iterations (log scale), with epoch marks."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QWidget

from rnnviz.gui.i18n import QT_TRANSLATE_NOOP, live, translate
from rnnviz.runtime.history import History
from .common import (LABEL_STYLE, LogAxis, MUTED, PALETTE, Panel, dot_lone_points, export_item, make_readout,
                     pixel_points, place_readout, style_plot)

SMOOTH_POINTS = 800
MIN_LINE_PX = 25        # epoch lines closer than this are thinned to every n-th epoch
MIN_LABEL_PX = 80       # and their labels to every n-th line
NICE_STEPS = tuple(m * 10 ** e for e in range(7) for m in (1, 2, 5))


def key_html() -> str:
    """The line of text above the plot that names the curves, in the window's language."""
    smoothed = translate("perplexity", "training, smoothed")
    each = translate("perplexity", "each step")
    valid = translate("perplexity", "validation")
    return (f"<span style='color:{PALETTE[0]}'>━━</span> {smoothed} &nbsp;&nbsp; "
            f"<span style='color:#a9cbe6'>━━</span> {each} &nbsp;&nbsp; "
            f"<span style='color:{PALETTE[1]}'>━●━</span> {valid}")


def format_ppl(value: float) -> str:
    """Perplexity with as many digits as its size deserves."""
    if not np.isfinite(value):
        return "–"
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 100 else f"{value:.2f}"


class PerplexityPanel(Panel):
    """Perplexity per training step (raw and smoothed) and per validation run.

    The y axis is logarithmic because perplexity falls over orders of magnitude, from about the
    vocabulary size down to a few. Vertical lines mark where each epoch ends.
    """

    TITLE = QT_TRANSLATE_NOOP("panels", "Perplexity")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Perplexity = exp(loss): roughly how many tokens the model hesitates "
                                "between. Validation rising while training falls means overfitting.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "No training steps yet.\nPress Play or Step, and perplexity "
                                    "appears here.")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("perplexityPanel")
        self.plot_widget = pg.PlotWidget(axisItems={"left": LogAxis("left")})
        self.plot_widget.setObjectName("perplexityPlot")
        plot = self.plot = self.plot_widget.getPlotItem()
        style_plot(plot, bottom="", left="")      # axis titles: _retranslate_texts
        plot.setLogMode(y=True)
        plot.vb.setLimits(minYRange=LogAxis.MIN_SPAN)
        # The key is a line of text above the plot: a legend box inside covers some curve in
        # every corner, whichever way a run goes (set in _retranslate_texts).
        blue = pg.mkColor(PALETTE[0])
        faint = pg.mkColor(blue)
        faint.setAlpha(70)
        self.raw_curve = plot.plot(pen=pg.mkPen(faint, width=1), name="training (each step)")
        self.smooth_curve = plot.plot(pen=pg.mkPen(blue, width=2.5), name="training (smoothed)")
        self.valid_curve = plot.plot(pen=pg.mkPen(PALETTE[1], width=2), symbol="o", symbolSize=7,
                                     symbolBrush=PALETTE[1], symbolPen="w", name="validation")
        for curve in (self.raw_curve, self.smooth_curve):
            curve.setClipToView(True)
            dot_lone_points(curve)
        self.hover_dot = pg.ScatterPlotItem(size=8, brush=pg.mkBrush(PALETTE[0]), pen=pg.mkPen("w"))
        self.hover_dot.setZValue(900)
        plot.addItem(self.hover_dot, ignoreBounds=True)
        self.readout = make_readout()
        plot.addItem(self.readout, ignoreBounds=True)
        self.epoch_lines: list[pg.InfiniteLine] = []   # a pool: grown as epochs pass, never rebuilt
        # Throttle hover work to the screen rate; the proxy keeps a reference to its slot.
        self._mouse_proxy = pg.SignalProxy(self.plot_widget.scene().sigMouseMoved, rateLimit=30,
                                           slot=self._on_mouse_moved)
        self._history: History | None = None
        self._epoch_marks = (np.zeros(0), np.zeros(0, np.int64))   # (iteration, epoch number)
        self.plot.vb.sigXRangeChanged.connect(self._layout_epoch_marks)
        self.plot.vb.sigResized.connect(self._layout_epoch_marks)
        self.set_content(self.plot_widget)
        live(self, self._retranslate_texts)

    def _retranslate_texts(self) -> None:
        """Axis titles, the key and the epoch labels in the window's language."""
        self.plot.setLabel("bottom", translate("perplexity", "iteration (TBPTT steps)"), **LABEL_STYLE)
        self.plot.setLabel("left", translate("perplexity", "perplexity (log)"), **LABEL_STYLE)
        self.plot.setTitle(key_html(), size="9pt")
        self.readout.setVisible(False)      # its text is in the old language; the next move redoes it
        self._layout_epoch_marks()

    # -- data ----------------------------------------------------------------------------------
    def refresh(self, history: History) -> None:
        """Push the latest curves; cheap for any run length (downsampled series)."""
        if len(history) == 0 and history.evals["iteration"].n == 0:
            self.clear()
            return
        self._history = history
        x, ppl = history.series("perplexity", pixel_points(self.plot))
        self.raw_curve.setData(x, ppl)
        # A smooth curve needs few points, and a thick pen over thousands is slow to stroke.
        self.smooth_curve.setData(*history.series("perplexity_smooth", SMOOTH_POINTS))
        self.valid_curve.setData(history.eval_column("iteration").copy(),
                                 history.eval_column("perplexity").copy())
        self._update_epoch_marks(history)
        self.show_content()

    def _update_epoch_marks(self, history: History) -> None:
        epochs = np.floor(history.column("epoch_fraction") + 1e-9)
        at = np.flatnonzero(np.diff(epochs) > 0) + 1   # first step of each new epoch count
        self._epoch_marks = (history.column("iteration")[at].copy(), epochs[at].astype(np.int64))
        self._layout_epoch_marks()

    def _layout_epoch_marks(self) -> None:
        """Draw every n-th epoch line (n from 1, 2, 5, 10, ...) so lines stay MIN_LINE_PX apart
        and labels MIN_LABEL_PX apart at the current zoom."""
        iterations, numbers = self._epoch_marks
        vb = self.plot.vb
        (x0, x1), _ = vb.viewRange()
        if len(iterations) > 1:
            epoch_px = float(np.median(np.diff(iterations))) * vb.width() / max(x1 - x0, 1e-9)
        else:
            epoch_px = float("inf")
        line_every = next(n for n in NICE_STEPS if n * epoch_px >= MIN_LINE_PX or n == NICE_STEPS[-1])
        label_every = next(n for n in NICE_STEPS if n % line_every == 0 and n * epoch_px >= MIN_LABEL_PX
                           or n == NICE_STEPS[-1])
        keep = numbers % line_every == 0
        iterations, numbers = iterations[keep], numbers[keep]
        while len(self.epoch_lines) < len(iterations):
            line = pg.InfiniteLine(angle=90, movable=False,
                                   pen=pg.mkPen(MUTED, width=1, style=pg.QtCore.Qt.PenStyle.DashLine),
                                   label="", labelOpts={"position": 0.97, "color": MUTED,
                                                        "anchors": [(1, 0), (1, 0)]})
            line.setZValue(-10)
            self.plot.addItem(line, ignoreBounds=True)
            self.epoch_lines.append(line)
        for i, line in enumerate(self.epoch_lines):
            shown = i < len(iterations)
            line.setVisible(shown)
            if shown:
                line.setValue(float(iterations[i]))
                # Left of its line, the label sits inside the epoch it names.
                label = translate("perplexity", "epoch {n}").format(n=numbers[i]) + " "
                line.label.setFormat(label if numbers[i] % label_every == 0 else "")

    def epoch_mark_positions(self) -> list[float]:
        """Iterations of the visible epoch marks (for tests and scripting)."""
        return [line.value() for line in self.epoch_lines if line.isVisible()]

    def clear(self) -> None:
        """Forget the run: empty curves and the placeholder text."""
        self._history = None
        for curve in (self.raw_curve, self.smooth_curve, self.valid_curve):
            curve.setData([], [])
        self._epoch_marks = (np.zeros(0), np.zeros(0, np.int64))
        for line in self.epoch_lines:
            line.setVisible(False)
        self.readout.setVisible(False)
        self.hover_dot.setData([], [])
        self.show_placeholder()

    def export(self, path: str) -> None:
        """Save the plot as PNG or SVG (by the file suffix)."""
        export_item(self.plot, path)

    # -- hover ---------------------------------------------------------------------------------
    def _on_mouse_moved(self, event: tuple[QPointF]) -> None:
        """Readout of the step under the mouse; ``event`` is the SignalProxy tuple (scene pos,)."""
        pos = event[0]
        vb = self.plot.vb
        history = self._history
        if history is None or len(history) == 0 or not vb.sceneBoundingRect().contains(pos):
            self.readout.setVisible(False)
            self.hover_dot.setData([], [])
            return
        point = vb.mapSceneToView(pos)
        iterations = history.column("iteration")
        i = int(np.clip(np.searchsorted(iterations, point.x()), 0, len(iterations) - 1))
        if i > 0 and abs(iterations[i - 1] - point.x()) < abs(iterations[i] - point.x()):
            i -= 1
        smooth = float(history.column("perplexity_smooth")[i])
        lines = [translate("perplexity", "iteration {iteration}   epoch {epoch}").format(
                     iteration=f"{int(iterations[i]):,}", epoch=f"{history.column('epoch_fraction')[i]:.2f}"),
                 translate("perplexity", "train ppl {ppl}   (smoothed {smoothed})").format(
                     ppl=format_ppl(history.column("perplexity")[i]), smoothed=format_ppl(smooth))]
        evals = history.eval_column("iteration")
        j = int(np.searchsorted(evals, iterations[i], side="right")) - 1
        if j >= 0:
            lines.append(translate("perplexity", "valid ppl {ppl}   (at iteration {iteration})").format(
                ppl=format_ppl(history.eval_column("perplexity")[j]), iteration=f"{int(evals[j]):,}"))
        self.hover_dot.setData([iterations[i]], [np.log10(smooth)])
        place_readout(self.readout, vb, point.x(), point.y(), "\n".join(lines))

    @property
    def hover_text(self) -> str:
        """The readout's text, empty when hidden."""
        return self.readout.toPlainText() if self.readout.isVisible() else ""
