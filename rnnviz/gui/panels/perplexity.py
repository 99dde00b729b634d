"""Training and validation perplexity against iterations (log scale), with epoch marks."""
from __future__ import annotations

import dataclasses
import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from rnnviz.engine.presets import PRESETS
from rnnviz.gui.i18n import QT_TRANSLATE_NOOP, live, translate
from rnnviz.gui.run_configs import PLACEHOLDER_VOCAB, preset_configs, same_run
from rnnviz.localize import localize
from rnnviz.runtime.history import History
from rnnviz.runtime.messages import RunInfo
from rnnviz.runtime.reference_curves import ReferenceCurve, reference_for_preset
from .common import (LABEL_STYLE, LogAxis, MUTED, PALETTE, TEXT, Panel, dot_lone_points, export_item, make_readout,
                     pixel_points, place_readout, style_plot)

SMOOTH_POINTS = 800
MIN_LINE_PX = 25        # epoch lines closer than this are thinned to every n-th epoch
MIN_LABEL_PX = 80       # and their labels to every n-th line
NICE_STEPS = tuple(m * 10 ** e for e in range(7) for m in (1, 2, 5))
# The book's curve: grey and dashed, over the live ones; its seeds' spread a faint grey band behind them.
BOOK_COLOR = "#606060"
BOOK_ALPHA, BAND_ALPHA = 190, 45


def book_pens() -> tuple[pg.QtGui.QPen, pg.QtGui.QBrush]:
    """The pen of the book's curve and the brush of its band (the lab's accuracy plot shares them)."""
    line, band = QColor(BOOK_COLOR), QColor(BOOK_COLOR)
    line.setAlpha(BOOK_ALPHA)
    band.setAlpha(BAND_ALPHA)
    return pg.mkPen(line, width=1.6, style=Qt.PenStyle.DashLine), pg.mkBrush(band)


def book_swatch(label: str) -> str:
    """The key's entry of the book's curve (rich text)."""
    return f"<span style='color:{BOOK_COLOR}'>╌╌</span> {label}"


def key_html() -> str:
    """The line of text above the plot that names the curves, in the window's language."""
    smoothed = translate("perplexity", "training, smoothed")
    each = translate("perplexity", "each step")
    valid = translate("perplexity", "validation")
    return (f"<span style='color:{PALETTE[0]}'>━━</span> {smoothed} &nbsp;&nbsp; "
            f"<span style='color:#a9cbe6'>━━</span> {each} &nbsp;&nbsp; "
            f"<span style='color:{PALETTE[1]}'>━●━</span> {valid}")


def run_preset(info: RunInfo) -> str | None:
    """The preset whose settings a run has (wherever its corpus file is), or None.

    A run counts as a preset's while its data settings, model and training are the preset's;
    how often it is evaluated does not matter (:func:`rnnviz.gui.run_configs.same_run`).
    """
    source = str(info.data.get("source", ""))
    model = dataclasses.replace(info.model_config, vocab_size=PLACEHOLDER_VOCAB)
    for name, preset in PRESETS.items():
        data, preset_model, preset_train = preset_configs(preset, source)
        keys = ("level", *preset.data)
        if same_run(({k: data.get(k) for k in keys}, preset_model, preset_train),
                    ({k: info.data.get(k) for k in keys}, model, info.train_config)):
            return name
    return None


def _run_info(widget: QWidget) -> RunInfo | None:
    """The run the window holding ``widget`` shows (its ``info``), if any. Parents, not
    ``window()``: a floating dock is a window of its own, still the main window's child."""
    while widget is not None:
        info = getattr(widget, "info", None)
        if isinstance(info, RunInfo):
            return info
        widget = widget.parentWidget()
    return None


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
        # The book's curve leaves the axes to the live run (ignoreBounds): a few dozen steps are
        # not squeezed into the book's 1,900.
        pen, brush = book_pens()
        self.book_curve = pg.PlotDataItem(pen=pen)
        clear = pg.mkPen(QColor(0, 0, 0, 0))
        self.book_low, self.book_high = pg.PlotDataItem(pen=clear), pg.PlotDataItem(pen=clear)
        self.book_band = pg.FillBetweenItem(self.book_low, self.book_high, brush=brush)
        # The band behind the live curves; the dashed line over them: a live run that follows the
        # book's closely would otherwise hide it.
        for item, z in ((self.book_band, -6), (self.book_low, -6), (self.book_high, -6), (self.book_curve, 5)):
            item.setZValue(z)
            plot.addItem(item, ignoreBounds=True)
        self.reference: ReferenceCurve | None = None
        # The book's line of the key, beside the box that hides it (the key in the plot's title
        # has no room left in a narrow dock).
        self.book_check = QCheckBox(objectName="perplexityBookCheck", checked=True)
        self.book_check.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        self.book_check.toggled.connect(self._show_reference)
        self.book_key = QLabel(objectName="perplexityBookKey", textFormat=Qt.TextFormat.RichText)
        self.book_key.setStyleSheet(f"color: {TEXT}; font-size: 9pt;")
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
        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        self.book_row = QWidget(objectName="perplexityBookRow")
        row = QHBoxLayout(self.book_row)
        row.setContentsMargins(6, 0, 6, 0)
        row.addWidget(self.book_check)
        row.addWidget(self.book_key, 1)
        box.addWidget(self.book_row)
        box.addWidget(self.plot_widget, 1)
        self.set_content(content)
        self.book_row.setVisible(False)
        live(self, self._retranslate_texts)

    def _retranslate_texts(self) -> None:
        """Axis titles, the key and the epoch labels in the window's language."""
        self.plot.setLabel("bottom", translate("perplexity", "iteration (TBPTT steps)"), **LABEL_STYLE)
        self.plot.setLabel("left", translate("perplexity", "perplexity (log)"), **LABEL_STYLE)
        self.book_check.setText(translate("perplexity", "Book's curve"))
        self.book_check.setToolTip(translate("perplexity", "The same preset trained by the book's own code "
                                             "(Deep Learning from Scratch 2), drawn faint behind this run"))
        self.plot.setTitle(key_html(), size="9pt")
        self._update_key()
        self.readout.setVisible(False)      # its text is in the old language; the next move redoes it
        self._layout_epoch_marks()

    def _update_key(self) -> None:
        """The book's line of the key: its label while drawn, greyed out while hidden."""
        ref = self.reference
        label = html.escape(localize(ref.label), quote=False) if ref is not None else ""
        self.book_key.setText(book_swatch(label))
        self.book_key.setEnabled(self.book_check.isChecked())
        self.book_curve.opts["name"] = label

    # -- the book's curve --------------------------------------------------------------------------
    def set_vocab(self, vocab) -> None:
        """A new run: its preset's book curve, if it has one (the window's ``info`` says which)."""
        info = _run_info(self)
        if info is not None:
            self.set_run(run_preset(info), info.iters_per_epoch)

    def set_run(self, preset: str | None, iters_per_epoch: int) -> None:
        """Draw the book's curve of ``preset`` (None or a preset without one: none) on this run's
        iteration axis. The box's state stays as the user left it."""
        self.reference = reference_for_preset(preset, iters_per_epoch) if preset else None
        ref = self.reference
        self.book_row.setVisible(ref is not None)
        if ref is None:
            for item in (self.book_curve, self.book_low, self.book_high):
                item.setData([], [])
        else:
            self.book_curve.setData(ref.x, ref.y)
            banded = ref.band_low is not None
            self.book_low.setData(ref.x if banded else [], ref.band_low if banded else [])
            self.book_high.setData(ref.x if banded else [], ref.band_high if banded else [])
        self._show_reference()

    def _show_reference(self) -> None:
        shown = self.reference is not None and self.book_check.isChecked()
        for item in (self.book_curve, self.book_band):
            item.setVisible(shown)
        self._update_key()

    @property
    def reference_shown(self) -> bool:
        """Whether the book's curve is drawn now."""
        return self.reference is not None and self.book_curve.isVisible()

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
