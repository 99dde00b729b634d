"""The model's top-k next-token probabilities at one time step of the probed row."""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QStackedWidget, QVBoxLayout, QWidget

from ...engine.data import Vocab
from ...engine.snapshots import TOP_K, Probe
from rnnviz.gui.i18n import QT_TRANSLATE_NOOP, live, translate
from rnnviz.runtime.history import History
from .common import LABEL_STYLE, MUTED, PALETTE, TEXT, Panel, display_token, export_widget, style_plot, tick_font
from .next_token_all import DistributionView

CONTEXT_TOKENS = 20     # input tokens shown before the prediction
BAR = PALETTE[0]
TARGET = PALETTE[1]     # the same orange as "validation": the truth the model is scored on
BAR_PX = 16             # px per bar: a 9 pt token label and its gap
MIN_BARS = 3


class NextTokenPanel(Panel):
    """Horizontal bars of the most likely next tokens at the selected time step (default: the
    last), with the true next token highlighted and its probability and loss spelled out."""

    TITLE = QT_TRANSLATE_NOOP("panels", "Next token")
    CAPTION = QT_TRANSLATE_NOOP("panels", "The model's best guesses for the next token; orange is the token that "
                                "really came next, and its -log p is this step's loss.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "No probe yet.\nPress Step (or Play) to see the model's next-token "
                                    "guesses.")

    time_selected = Signal(int)
    LINKS_TIME = True

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("softmaxPanel")
        self.vocab: Vocab | None = None
        self.probe: Probe | None = None
        self.selected_time: int | None = None      # None: follow the last time step
        self.context_label = QLabel()
        self.context_label.setObjectName("nextTokenContext")
        self.context_label.setWordWrap(True)
        self.context_label.setTextFormat(Qt.TextFormat.RichText)
        self.context_label.setStyleSheet(f"color: {TEXT}; font-size: 10pt; padding: 2px 4px;")
        self.time_slider = QSlider(Qt.Orientation.Horizontal)
        self.time_slider.setObjectName("nextTokenTime")
        self.time_label = QLabel()
        self.time_label.setStyleSheet(f"color: {MUTED};")
        self.time_label.setMinimumWidth(80)
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        self.step_label = step_label = QLabel()
        step_label.setStyleSheet(f"color: {MUTED};")
        row.addWidget(step_label)
        row.addWidget(self.time_slider, 1)
        row.addWidget(self.time_label)
        # The top 10 as labelled bars, or every token's probability sorted (the probe's bins).
        self.mode = QComboBox()
        self.mode.setObjectName("nextTokenMode")
        self.mode.addItem("", "top")
        self.mode.addItem("", "all")
        row.addWidget(self.mode)
        self.plot_widget = pg.PlotWidget()
        self.plot_widget.setObjectName("nextTokenPlot")
        self.plot_widget.setMinimumHeight(90)   # ten bars still read at 9 px each on a laptop
        self.plot = self.plot_widget.getPlotItem()
        style_plot(self.plot, bottom="", left="")     # the x axis title: _retranslate_texts
        self.plot.showGrid(x=True, y=False, alpha=0.18)
        self.plot.invertY(True)                       # best guess on top
        self.plot.setMouseEnabled(x=False, y=False)   # a categorical chart: nothing to pan
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.72, width=[], pen=None)
        self.plot.addItem(self.bars)
        self.values: list[pg.TextItem] = []           # probability written at each bar's end
        self.target_label = QLabel()
        self.target_label.setObjectName("nextTokenTarget")
        self.target_label.setStyleSheet(f"color: {TEXT}; font-size: 10pt; padding: 2px 4px;")
        self.target_label.setTextFormat(Qt.TextFormat.RichText)
        self.target_label.setWordWrap(True)     # a long target line wraps, not widens the dock
        self.content = QWidget()
        box = QVBoxLayout(self.content)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.context_label)
        box.addLayout(row)
        top = QWidget()
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        top_box.setSpacing(2)
        top_box.addWidget(self.plot_widget, 1)
        top_box.addWidget(self.target_label)
        self.all_view = DistributionView()
        self.views = QStackedWidget()
        self.views.addWidget(top)
        self.views.addWidget(self.all_view)
        box.addWidget(self.views, 1)
        self.set_content(self.content)
        self.time_slider.valueChanged.connect(self._on_slider)
        self.mode.currentIndexChanged.connect(self._on_mode)
        live(self, self._retranslate_texts)

    def _retranslate_texts(self) -> None:
        """Labels and the drawn probe's texts in the window's language."""
        self.step_label.setText(translate("next_token", "time step"))
        self.plot.setLabel("bottom", translate("next_token", "probability"), **LABEL_STYLE)
        self.mode.setItemText(0, translate("next_token", "top {k}").format(k=TOP_K))
        self._name_all_mode()
        self.mode.setToolTip(translate("next_token", "the {k} likeliest tokens by name, or every token's "
                                       "probability sorted, with the entropy").format(k=TOP_K))
        self.all_view.retranslate()
        if self.probe is not None:
            self._draw()

    def set_vocab(self, vocab: Vocab | None) -> None:
        """The run's vocabulary, to name the candidate ids (ids are shown without it)."""
        self.vocab = vocab
        self._name_all_mode()
        if self.probe is not None:
            self._draw()

    def _name_all_mode(self) -> None:
        V = self.probe.vocab_size if self.probe is not None and self.probe.vocab_size else (
            len(self.vocab) if self.vocab is not None else 0)
        self.mode.setItemText(1, translate("next_token", "all {V}").format(V=f"{V:,}") if V
                              else translate("next_token", "all"))

    def set_mode(self, mode: str) -> None:
        """``"top"`` (the top 10 by name) or ``"all"`` (every probability, sorted)."""
        self.mode.setCurrentIndex(self.mode.findData(mode))

    def _on_mode(self, _index: int) -> None:
        self.views.setCurrentIndex(self.mode.currentIndex())
        if self.probe is not None:
            self._draw()

    # -- data ----------------------------------------------------------------------------------
    def refresh(self, history: History) -> None:
        """Show the latest probe at the selected time step."""
        probe = history.latest_probe
        if probe is None:
            self.clear()
            return
        if probe is self.probe:
            return
        self.probe = probe
        self._name_all_mode()
        self.time_slider.blockSignals(True)
        self.time_slider.setRange(0, len(probe.input_tokens) - 1)
        self.time_slider.blockSignals(False)
        self._draw()
        self.show_content()

    def set_selected_time(self, t: int) -> None:
        """Show time step ``t`` (no signal: the window calls this to sync panels)."""
        self.selected_time = int(t)
        if self.probe is not None:
            self._draw()

    def _on_slider(self, t: int) -> None:
        self.set_selected_time(t)
        self.time_selected.emit(int(t))

    def current_time(self) -> int:
        """The time step shown: the selected one, clamped, or the last."""
        T = len(self.probe.input_tokens)
        return T - 1 if self.selected_time is None else min(max(self.selected_time, 0), T - 1)

    def _name(self, token_id: int) -> str:
        if self.vocab is not None and 0 <= token_id < len(self.vocab):
            return self.vocab.tokens[token_id]
        return f"#{token_id}"

    def _draw(self) -> None:
        probe, t = self.probe, self.current_time()
        T = len(probe.input_tokens)
        self.time_slider.blockSignals(True)
        self.time_slider.setValue(t)
        self.time_slider.blockSignals(False)
        if t == T - 1:
            self.time_label.setText(translate("next_token", "t = {t} of 0–{last}  (last)").format(t=t, last=T - 1))
        else:
            self.time_label.setText(translate("next_token", "t = {t} of 0–{last}").format(t=t, last=T - 1))
        self.context_label.setText(self._context_html(t))
        if self.mode.currentData() == "all":
            self.all_view.show_step(probe, t, probe.target_tokens[t])
            return
        ids, probs = probe.top_ids[t], probe.top_probs[t].astype(np.float64)
        # As many bars as the plot's height shows legibly (a laptop's short dock: fewer than 10).
        fits = max(MIN_BARS, int(self.plot_widget.height() - 40) // BAR_PX)
        ids, probs = ids[:fits], probs[:fits]
        target_id, target = int(probe.target_ids[t]), probe.target_tokens[t]
        names = [display_token(self._name(int(i))) for i in ids]
        hit = np.flatnonzero(ids == target_id)
        y = np.arange(len(ids), dtype=np.float64)
        brushes = [pg.mkBrush(TARGET if i == target_id else BAR) for i in ids]
        p_target = float(probe.target_probs[t])
        if len(hit) == 0:
            # The truth is not among the top k: an extra bar after a gap, so its size still shows.
            y = np.append(y, len(ids) + 0.4)
            probs = np.append(probs, p_target)
            names.append(translate("next_token", "{token}  (rank > {k})").format(token=display_token(target),
                                                                                 k=len(ids)))
            brushes.append(pg.mkBrush(TARGET))
        self.bars.setOpts(x0=np.zeros_like(probs), y=y, width=probs, height=0.72, brushes=brushes)
        axis = self.plot.getAxis("left")
        axis.setTicks([[(float(v), n) for v, n in zip(y, names)]])
        # A fixed width from the labels themselves: pyqtgraph widens the axis one frame late
        # and drops the labels that do not fit meanwhile.
        axis.setWidth(int(max(QFontMetricsF(tick_font()).horizontalAdvance(n) for n in names)) + 14)
        self._set_value_labels(y, probs)
        top = max(float(probs.max()), 1e-3)
        self.plot.setXRange(0, min(1.0, top * 1.25) if top < 0.8 else 1.12, padding=0)
        self.plot.setYRange(-0.6, float(y[-1]) + 0.6, padding=0)
        if len(hit):
            rank = translate("next_token", "rank {rank} of the top {k}").format(rank=hit[0] + 1, k=len(ids))
        else:
            rank = translate("next_token", "not in the top {k}").format(k=len(ids))
        token = f"<b style='color:{TARGET}'>'{html.escape(display_token(target))}'</b>"
        line = translate("next_token", "target {token}: p = {p}, −log p = {loss}").format(
            token=token, p=f"{p_target:.3f}", loss=f"{float(probe.step_losses[t]):.2f}")
        self.target_label.setText(f"{line}  <span style='color:{MUTED}'>({html.escape(rank)})</span>")

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.probe is not None and not self.showing_placeholder:
            self._draw()            # the number of bars that fit has changed

    def _set_value_labels(self, y: np.ndarray, probs: np.ndarray) -> None:
        while len(self.values) < len(y):
            item = pg.TextItem(color=TEXT, anchor=(0, 0.5))
            item.setFont(tick_font())
            self.plot.addItem(item, ignoreBounds=True)
            self.values.append(item)
        for i, item in enumerate(self.values):
            item.setVisible(i < len(y))
            if i < len(y):
                item.setText(f" {probs[i]:.3f}")
                item.setPos(float(probs[i]), float(y[i]))

    def _context_html(self, t: int) -> str:
        tokens = self.probe.input_tokens[max(0, t - CONTEXT_TOKENS + 1):t + 1]
        char_level = (self.vocab.level == "char") if self.vocab is not None else all(
            len(tok) == 1 for tok in self.probe.input_tokens)
        if char_level:
            shown = ["⏎" if tok == "\n" else tok for tok in tokens]
            before, last = "".join(shown[:-1]), display_token(tokens[-1])
        else:
            shown = [display_token(tok) for tok in tokens]
            before, last = " ".join(shown[:-1]) + " ", shown[-1]
        more = "…" if t >= CONTEXT_TOKENS else ""
        context = f"{more}{html.escape(before)}<b>{html.escape(last)}</b>"
        return translate("next_token", "<span style='color:{muted}'>after</span> “{context}” "
                         "<span style='color:{muted}'>the model predicts:</span>").format(muted=MUTED, context=context)

    def bar_heights(self) -> np.ndarray:
        """Lengths of the drawn bars (probabilities), top to bottom."""
        return np.asarray(self.bars.opts["width"], np.float64)

    # -- state ---------------------------------------------------------------------------------
    def clear(self) -> None:
        """Forget the run: no bars, the placeholder text."""
        self.probe = None
        self.selected_time = None
        self.bars.setOpts(x0=[], y=[], width=[], brushes=[])
        for item in self.values:
            item.setVisible(False)
        self.context_label.clear()
        self.target_label.clear()
        self.show_placeholder()

    def export(self, path: str) -> None:
        """Save the context, bars and target line as PNG or SVG (by the file suffix)."""
        export_widget(self.content, path)
