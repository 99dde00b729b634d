"""The next-token view's "all V" mode: the whole distribution at one time step, sorted.

One bar per rank (or per bin of ranks, as the probe carries them: see
:mod:`rnnviz.engine.distribution`), probability on a log axis against rank, on a log axis too
once the vocabulary is large (a word model's 10,000 ranks would otherwise be a wall at the
left), the bin holding the target orange with a dashed line at its exact rank, and the
entropy in nats and bits with exp(H) beside it. Everything drawn comes in the probe; this
module only places it.
"""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...engine.distribution import bin_probabilities, entropy_units
from ...engine.snapshots import Probe
from ..i18n import translate
from .common import LABEL_STYLE, PALETTE, TEXT, LogAxis, display_token, style_plot, tick_font

BAR = PALETTE[0]
TARGET = PALETTE[1]         # the next-token view's orange: the token that really came next
LOG_RANKS_FROM = 100        # vocabularies this large get a log rank axis
FLOOR_DECADES = 12          # the lowest probability drawn is 1e-12


class DistributionView(QWidget):
    """Sorted next-token probabilities of one time step of a probe, with its entropy."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(axisItems={"left": LogAxis("left"), "bottom": LogAxis("bottom")})
        self.plot_widget.setObjectName("nextTokenAllPlot")
        self.plot_widget.setMinimumHeight(90)
        self.plot = self.plot_widget.getPlotItem()
        style_plot(self.plot, bottom="", left="")        # titles: retranslate
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.bars = pg.BarGraphItem(x0=[], x1=[], y0=[], y1=[], pen=None)
        self.plot.addItem(self.bars)
        self.marker = pg.InfiniteLine(angle=90, movable=False,
                                      pen=pg.mkPen(TARGET, width=1.5, style=Qt.PenStyle.DashLine))
        self.plot.addItem(self.marker, ignoreBounds=True)
        # On white, since it may sit over the target's own orange bar.
        self.marker_label = pg.TextItem(color=TARGET, anchor=(0, 0), fill=pg.mkBrush(255, 255, 255, 225))
        self.marker_label.setFont(tick_font())
        self.plot.addItem(self.marker_label, ignoreBounds=True)
        self.summary = QLabel()
        self.summary.setObjectName("nextTokenEntropy")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {TEXT}; font-size: 10pt; padding: 2px 4px;")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.plot_widget, 1)
        box.addWidget(self.summary)
        self._log_x: bool | None = None
        self._heights = np.zeros(0)
        self.retranslate()

    def retranslate(self) -> None:
        """Axis titles in the window's language (the summary is redrawn by :meth:`show_step`)."""
        self.plot.setLabel("bottom", translate("next_token_all", "rank (1 = the likeliest)"), **LABEL_STYLE)
        # "p", not "probability": a laptop's dock leaves this plot about 100 px tall.
        self.plot.setLabel("left", translate("next_token_all", "p"), **LABEL_STYLE)

    def show_step(self, probe: Probe, t: int, target_name: str) -> bool:
        """Draw time step ``t`` of ``probe``; False (nothing drawn) if it has no distribution."""
        if probe.dist_logp is None or probe.vocab_size == 0:
            self.bars.setOpts(x0=[], x1=[], y0=[], y1=[], brushes=[])
            self._heights = np.zeros(0)
            self.marker.setVisible(False)
            self.marker_label.setVisible(False)
            self.summary.setText(translate("next_token_all", "This probe has no whole distribution (it was "
                                           "taken by an older version)."))
            return False
        V = probe.vocab_size
        first, last, mean = bin_probabilities(probe.dist_starts, probe.dist_logp[t], V)
        self._set_log_x(V >= LOG_RANKS_FROM)
        finite = mean > 0
        floor = max(np.log10(mean[finite].min()) - 0.4 if finite.any() else -1.0, -FLOOR_DECADES)
        top = np.where(finite, np.log10(np.where(finite, mean, 1.0)), floor)
        rank = int(probe.target_ranks[t])
        hit = int(np.searchsorted(first, rank, side="right") - 1)
        brushes = [pg.mkBrush(BAR)] * len(first)
        brushes[hit] = pg.mkBrush(TARGET)
        # A bin of ranks a..b spans a - 0.5 to b + 0.5, so neighbours touch and widths add to V.
        lo, hi = first - 0.5, last + 0.5
        if self._log_x:
            lo, hi = np.log10(lo), np.log10(hi)
        self.bars.setOpts(x0=lo, x1=hi, y0=np.full(len(first), floor), y1=top, brushes=brushes)
        self._heights = mean
        x_rank = np.log10(rank) if self._log_x else float(rank)
        self.marker.setPos(x_rank)
        self.marker.setVisible(True)
        self.plot.setXRange(float(lo[0]), float(hi[-1]), padding=0.01)
        self.plot.setYRange(floor, max(0.0, float(top.max())) + 0.05, padding=0)
        self.marker_label.setText(translate("next_token_all", "target, rank {rank}").format(rank=f"{rank:,}"))
        # Right of the line near the top, or left of it when the line is in the right third.
        right_side = (x_rank - float(lo[0])) < 0.66 * (float(hi[-1]) - float(lo[0]))
        self.marker_label.setAnchor((0, 0) if right_side else (1, 0))
        self.marker_label.setPos(x_rank, max(0.0, float(top.max())) + 0.05)
        self.marker_label.setVisible(True)
        self.summary.setText(self._summary(probe, t, target_name, rank, V))
        return True

    def _set_log_x(self, log_x: bool) -> None:
        if log_x != self._log_x:
            self._log_x = log_x
            self.plot.setLogMode(x=log_x, y=True)
            self.plot.showGrid(x=True, y=True, alpha=0.18)

    def _summary(self, probe: Probe, t: int, target_name: str, rank: int, V: int) -> str:
        nats, bits, perplexity = entropy_units(float(probe.entropy[t]))
        entropy = translate("next_token_all", "entropy H = {nats} nats = {bits} bits; exp(H) = {ppl}: as unsure "
                            "as a fair pick among {ppl} tokens").format(
            nats=f"{nats:.2f}", bits=f"{bits:.2f}", ppl=_short(perplexity))
        token = f"<b style='color:{TARGET}'>'{html.escape(display_token(target_name))}'</b>"
        target = translate("next_token_all", "target {token}: rank {rank} of {V}, p = {p}").format(
            token=token, rank=f"{rank:,}", V=f"{V:,}", p=f"{float(probe.target_probs[t]):.3g}")
        if len(probe.dist_starts) < V:
            note = translate("next_token_all", "One bar per rank up to rank {k}; past it each bar is the mean "
                             "probability of a bin of ranks, as wide as the bin.").format(
                k=int(probe.dist_starts[np.argmax(np.diff(probe.dist_starts) > 1)]) - 1)
        else:
            note = translate("next_token_all", "One bar per token, the likeliest first.")
        self.plot_widget.setToolTip(note)
        self.summary.setToolTip(note)
        return f"{html.escape(entropy)}<br>{target}"

    # -- what tests read -----------------------------------------------------------------------
    def bar_count(self) -> int:
        """Bars drawn (one per rank when the probe kept every rank)."""
        return len(self._heights)

    def bar_heights(self) -> np.ndarray:
        """The drawn bars' probabilities (bin means), left to right: rank 1 first."""
        return self._heights.copy()


def _short(value: float) -> str:
    """exp(H) as a reader takes it in: 3.2, 41.7, 1,204."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"
