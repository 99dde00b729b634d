"""The text lens: a held-out text as the model reads it, each token tinted by its surprisal.

The panel computes nothing about the model. It asks (``read_requested``, ``connectivity_requested``,
``compare_requested``; the window passes them to the worker, :mod:`rnnviz.gui.lens_link`) and draws
the records of :mod:`rnnviz.engine.lens` the worker sends back: a :class:`LensReading` (surprisal,
running perplexity and top guesses per token), a :class:`LensConnectivity` for a clicked token
and a :class:`LensComparison` with another checkpoint. It reads the validation split by itself
the first time it is shown with a model; Read reads again (the model trains on meanwhile).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QSplitter, QVBoxLayout, QWidget)

from rnnviz.engine.lens import LensComparison, LensConnectivity, LensReading
from rnnviz.localize import localize
from rnnviz.runtime.lens import LensFailed
from rnnviz.gui.flow_layout import flow_row
from rnnviz.gui.i18n import QT_TRANSLATE_NOOP, live, translate
from . import lens_readout
from .common import LABEL_STYLE, MUTED, TEXT, LogAxis, Panel, display_token, export_widget, positive, style_plot
from .lens_view import CHANGE, CONNECTIVITY, SURPRISAL, LensTextView, tint

SURPRISE, LINKS, CHANGES = 0, 1, 2      # what the text is tinted by (the tint combo's rows)
CHANGE_RANGE = 2.0                      # nats of change at the ends of the change tint
DECADES = 3.0                           # connectivity tint: from 10^-3 of the largest to the largest
SHOWN_DECADES = 6                       # the connectivity plot's y range below the largest
BOTH_PLOTS = (330, 520)                 # (height when beside the text, width when under it) for two plots


class TextLensPanel(Panel):
    """Surprisal, running perplexity and guesses over a text; connectivity of a clicked token;
    the change from another checkpoint."""

    TITLE = QT_TRANSLATE_NOOP("panels", "Text lens")
    CAPTION = QT_TRANSLATE_NOOP("panels", "A held-out text as the model reads it, each token tinted by its "
                                "surprisal −log p (warm = surprising). Hover a token for p and the model's "
                                "guesses; click one to see how much each earlier token moves its prediction.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "No model yet: choose a corpus and press Apply.")

    read_requested = Signal(str, str, str)      # source ("valid", "text", "file"), the text or path, unknown
    connectivity_requested = Signal(int)        # token t of the reading shown
    compare_requested = Signal(str)             # a checkpoint's path
    open_file_requested = Signal()              # the window asks which file (it remembers folders)
    compare_file_requested = Signal()           # and which checkpoint

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("textLensPanel")
        self.reading: LensReading | None = None
        self.links: LensConnectivity | None = None
        self.comparison: LensComparison | None = None
        self.vocab = None
        self.iteration = 0                  # the step the model is at now (follow)
        self.chosen = -1                    # the clicked token
        self.hovered = -1
        self.asking = False                 # a reading is on its way
        self.failure = ""                   # the last refusal, in English (said again on a switch)
        self._build_controls()
        self._build_views()
        live(self, self._retranslate_texts)
        self.clear()

    # -- building ----------------------------------------------------------------------------------
    def _build_controls(self) -> None:
        self.source_combo = QComboBox(objectName="lensSource")
        self.source_combo.addItems(["", ""])                 # texts: _retranslate_texts
        self.open_button = QPushButton(objectName="lensOpenFile")
        self.read_button = QPushButton(objectName="lensRead")
        self.skip_box = QCheckBox(objectName="lensSkipUnknown")
        self.compare_button = QPushButton(objectName="lensCompare")
        self.tint_combo = QComboBox(objectName="lensTint")
        self.tint_combo.addItems(["", "", ""])
        self.paste_edit = QPlainTextEdit(objectName="lensPaste")
        self.paste_edit.setMaximumHeight(64)
        self.status = QLabel(objectName="lensStatus")
        self.status.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        self.status.setWordWrap(True)
        self.legend = QLabel(objectName="lensLegend")
        self.legend.setStyleSheet("font-size: 9pt;")
        self.readout = QLabel(objectName="lensReadout")
        self.readout.setStyleSheet(f"color: {TEXT}; font-size: 9pt;")
        self.readout.setWordWrap(True)
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setMinimumHeight(2 * self.readout.fontMetrics().height() + 4)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        controls = QVBoxLayout()
        controls.setContentsMargins(2, 0, 2, 0)
        controls.setSpacing(2)
        controls.addWidget(flow_row(self.source_combo, self.read_button, self.open_button, self.compare_button,
                                    self.tint_combo))
        self.paste_row = QWidget(objectName="lensPasteRow")
        paste = QHBoxLayout(self.paste_row)
        paste.setContentsMargins(0, 0, 0, 0)
        paste.addWidget(self.paste_edit, 1)
        paste.addWidget(self.skip_box, 0, Qt.AlignmentFlag.AlignTop)
        self.paste_row.hide()
        controls.addWidget(self.paste_row)
        line = QHBoxLayout()
        line.addWidget(self.status, 1)
        line.addWidget(self.legend)
        controls.addLayout(line)
        self.layout().insertLayout(1, controls)             # above the placeholder: reachable without a text
        self.source_combo.currentIndexChanged.connect(
            lambda k: self.paste_row.setVisible(k == 1))
        self.read_button.clicked.connect(self.read)
        self.open_button.clicked.connect(self.open_file_requested)
        self.compare_button.clicked.connect(self.compare_file_requested)
        self.tint_combo.currentIndexChanged.connect(lambda _: self._repaint())

    def _build_views(self) -> None:
        self.text_view = LensTextView()
        self.text_view.token_hovered.connect(self.hover)
        self.text_view.token_clicked.connect(self.choose)
        self.ppl_widget = pg.PlotWidget(objectName="lensPerplexityPlot")
        self.link_widget = pg.PlotWidget(objectName="lensConnectivityPlot",
                                         axisItems={"left": LogAxis("left"), "bottom": LogAxis("bottom")})
        for widget in (self.ppl_widget, self.link_widget):
            widget.setMinimumSize(160, 90)
        self.ppl_plot, self.link_plot = self.ppl_widget.getPlotItem(), self.link_widget.getPlotItem()
        for plot in (self.ppl_plot, self.link_plot):
            style_plot(plot, bottom="", left="")
            plot.setTitle("", color=MUTED, size="9pt")
        self.other_curve = self.ppl_plot.plot(pen=pg.mkPen("#999999", width=1.5, style=Qt.DashLine))
        self.ppl_curve = self.ppl_plot.plot(pen=pg.mkPen("#d62728", width=2))
        self.ppl_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#444444", width=1))
        self.ppl_plot.addItem(self.ppl_line)
        self.link_plot.setLogMode(x=True, y=True)          # distances 1..2,000; norms over many decades
        self.link_curve = self.link_plot.plot(pen=pg.mkPen("#1f77b4", width=2), symbol="o", symbolSize=3,
                                              symbolBrush="#1f77b4", symbolPen=None)
        self.percent_line = pg.InfiniteLine(angle=0, pen=pg.mkPen("#888888", width=1, style=Qt.DashLine))
        self.reach_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#d62728", width=1.5),
                                          label="", labelOpts={"position": 0.25, "color": "#d62728"})
        for item in (self.percent_line, self.reach_line):
            self.link_plot.addItem(item)
        self.plots = plots = QWidget(objectName="lensPlots")
        self._split = False
        row = QHBoxLayout(plots)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.ppl_widget)
        row.addWidget(self.link_widget)
        # The readout sits with the plots, beside the text (under it in a tall dock): the text keeps
        # every line the dock's height allows.
        side = QWidget(objectName="lensSide")
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.readout)
        column.addWidget(plots, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="lensSplitter")
        self.splitter.addWidget(self.text_view)
        self.splitter.addWidget(side)
        self.splitter.setChildrenCollapsible(False)
        self.content = self.splitter
        self.set_content(self.splitter)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        # A wide, low dock (a laptop's middle row) puts the plots beside the text, not under it.
        wide = self.width() > 2.0 * max(self.height(), 1)
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation or not self._split:
            self.splitter.setOrientation(orientation)
            self.plots.layout().setDirection(QVBoxLayout.Direction.TopToBottom if wide
                                             else QVBoxLayout.Direction.LeftToRight)
            length = self.width() if wide else self.height()
            self.splitter.setSizes([int(length * 0.62), int(length * 0.38)])     # the text first
            self._split = True
        self._fit_plots()

    def _fit_plots(self) -> None:
        """Both plots when there is room for two, else the one the tint is about: the clicked
        token's connectivity, or the running perplexity (the other checkpoint's dashed beside it)."""
        wide = self.splitter.orientation() == Qt.Orientation.Horizontal
        both = self.height() >= BOTH_PLOTS[0] if wide else self.width() >= BOTH_PLOTS[1]
        links = self.links is not None and self.tint_combo.currentIndex() == LINKS
        self.ppl_widget.setVisible(both or not links)
        self.link_widget.setVisible(both or links)
        roomy = self.height() >= BOTH_PLOTS[0] - 60       # a laptop's dock: the curve gets the axis titles' room
        for plot in (self.ppl_plot, self.link_plot):
            for side in ("left", "bottom"):
                plot.getAxis(side).showLabel(roomy)

    def _retranslate_texts(self) -> None:
        self.source_combo.setItemText(0, translate("text_lens", "Validation split"))
        self.source_combo.setItemText(1, translate("text_lens", "Pasted text"))
        self.source_combo.setToolTip(translate("text_lens", "The text to read: the corpus's held-out split "
                                               "(its first 2,000 tokens), or a text pasted below"))
        self.read_button.setText(translate("text_lens", "Read"))
        self.read_button.setToolTip(translate("text_lens", "Run the model as it is now over the text"))
        self.open_button.setText(translate("text_lens", "Open file…"))
        self.open_button.setToolTip(translate("text_lens", "Read the first 2,000 tokens of a text file"))
        self.skip_box.setText(translate("text_lens", "Skip unknown tokens"))
        self.skip_box.setToolTip(translate("text_lens", "Leave out tokens the model's vocabulary does not have "
                                           "(a vocabulary with <unk> reads them as <unk>)"))
        self.compare_button.setText(translate("text_lens", "Compare with checkpoint…"))
        self.compare_button.setToolTip(translate("text_lens", "Read the same text with a saved checkpoint of "
                                                 "this corpus and tint each token by how much easier it got"))
        self.tint_combo.setItemText(SURPRISE, translate("text_lens", "surprisal"))
        self.tint_combo.setItemText(LINKS, translate("text_lens", "connectivity"))
        self.tint_combo.setItemText(CHANGES, translate("text_lens", "change"))
        self.tint_combo.setToolTip(translate("text_lens", "What the text is tinted by: each token's surprisal, "
                                             "the clicked token's connectivity, or the change from a checkpoint"))
        self.paste_edit.setPlaceholderText(translate("text_lens", "Paste a text here, then press Read"))
        self.ppl_plot.setLabel("bottom", translate("text_lens", "token"), **LABEL_STYLE)
        self.ppl_plot.setLabel("left", translate("text_lens", "perplexity"), **LABEL_STYLE)
        self.link_plot.setLabel("bottom", translate("text_lens", "distance back (tokens)"), **LABEL_STYLE)
        self.link_plot.setLabel("left", translate("text_lens", "‖∂ log p / ∂x‖ (log)"), **LABEL_STYLE)
        self._show_texts()

    # -- asking ------------------------------------------------------------------------------------
    def _unknown(self) -> str:
        return "drop" if self.skip_box.isChecked() else "error"

    def read(self) -> None:
        """Read the chosen source (the validation split, or the pasted text) with the model as it is now."""
        if self.source_combo.currentIndex() == 1:
            self.read_requested.emit("text", self.paste_edit.toPlainText(), self._unknown())
        else:
            self.read_requested.emit("valid", "", self._unknown())
        self._asked()

    def read_file(self, path: str) -> None:
        """Read the first tokens of the text file at ``path``."""
        self.read_requested.emit("file", str(path), self._unknown())
        self._asked()

    def compare_with(self, path: str) -> None:
        """Read the text shown with the checkpoint at ``path`` too."""
        if self.reading is not None:
            self.compare_requested.emit(str(path))

    def _asked(self) -> None:
        self.asking, self.failure = True, ""
        self._show_texts()

    def follow(self, iteration: int) -> None:
        """Once a tick: the model's step; the first time the panel is seen with a model, read the
        validation split."""
        changed = iteration != self.iteration
        self.iteration = iteration
        seen = self.isVisible() and not self.visibleRegion().isEmpty()     # not a tab behind another
        if self.vocab is not None and self.reading is None and not self.asking and not self.failure and seen:
            self.read()
        elif changed and self.reading is not None:
            self._show_texts()

    # -- the worker's answers ----------------------------------------------------------------------
    def show_record(self, record) -> None:
        """Draw a lens record from the worker (an answer about an older reading is dropped)."""
        if isinstance(record, LensReading):
            self.show_reading(record)
        elif isinstance(record, LensFailed):
            self.asking = False
            self.failure = record.message
            self._show_texts()
        elif self.reading is None or record.serial != self.reading.serial:
            return
        elif isinstance(record, LensConnectivity):
            self.links = record
            self._set_tint(LINKS)
        elif isinstance(record, LensComparison):
            self.comparison = record
            self._set_tint(CHANGES)

    def show_reading(self, reading: LensReading) -> None:
        self.reading, self.links, self.comparison = reading, None, None
        self.asking, self.failure, self.chosen, self.hovered = False, "", -1, -1
        level = self.vocab.level if self.vocab is not None else "char"
        self.text_view.set_tokens(reading.tokens, level)
        x = np.arange(len(reading.tokens), dtype=np.float64)
        self.ppl_curve.setData(x, reading.running_perplexity.astype(np.float64), connect="finite")
        self.other_curve.setData([], [])
        self.ppl_line.setValue(0)
        self.show_content()
        self._set_tint(SURPRISE)

    def _set_tint(self, mode: int) -> None:
        if self.tint_combo.currentIndex() == mode:
            self._repaint()
        else:
            self.tint_combo.setCurrentIndex(mode)      # repaints

    # -- the mouse ---------------------------------------------------------------------------------
    def hover(self, k: int) -> None:
        """Token ``k`` under the mouse (-1: none): the readout and the perplexity plot's line."""
        self.hovered = k
        if self.reading is not None and k >= 0:
            self.ppl_line.setValue(k)
        self._show_readout()

    def choose(self, k: int) -> None:
        """Token ``k`` clicked: ask for its connectivity (the first token has no prediction)."""
        if self.reading is None:
            return
        self.chosen = k
        if k >= 1:
            self.connectivity_requested.emit(k)
        self._show_readout()

    # -- drawing -----------------------------------------------------------------------------------
    def _repaint(self) -> None:
        r = self.reading
        if r is None:
            self._show_texts()
            return
        mode = self.tint_combo.currentIndex()
        links = self.links if mode == LINKS else None
        if mode == CHANGES and self.comparison is not None:
            values = 0.5 + self.comparison.delta / (2 * CHANGE_RANGE)
            colours = [tint(CHANGE, v) for v in values]
        elif links is not None:
            with np.errstate(divide="ignore"):
                level = 1.0 + np.log10(links.relative) / DECADES
            colours = [tint(CONNECTIVITY, v) for v in level] + [tint(CONNECTIVITY, np.nan)] * (len(r.tokens) - links.t)
        else:
            colours = [tint(SURPRISAL, s / r.uniform_surprisal) for s in r.surprisal]
        reach = links.t - links.reach if links is not None and links.reach is not None else -1
        self.text_view.paint(colours, chosen=links.t if links is not None else -1,
                             after_grey=links is not None, underline=reach)
        self._draw_links()
        comparison = self.comparison if mode == CHANGES else None
        if comparison is not None:
            x = np.arange(len(r.tokens), dtype=np.float64)
            self.other_curve.setData(x, comparison.other_running_perplexity.astype(np.float64), connect="finite")
        else:
            self.other_curve.setData([], [])
        self._show_texts()

    def _draw_links(self) -> None:
        c = self.links
        if c is None:
            self.link_curve.setData([], [])
            for line in (self.percent_line, self.reach_line):
                line.hide()
            self._fit_plots()
            return
        self.link_curve.setData(np.arange(1, c.t + 1, dtype=np.float64), positive(c.by_distance), connect="finite")
        top = np.log10(c.largest) if c.largest > 0 else 0.0
        self.percent_line.setValue(np.log10(c.threshold) if c.threshold > 0 else 0.0)
        self.percent_line.show()
        self.reach_line.setVisible(c.reach is not None)
        if c.reach is not None:
            self.reach_line.setValue(np.log10(c.reach))
        # Far back the gradient falls to round-off (1e-16): the view keeps the decades that matter.
        self.link_plot.setXRange(0, np.log10(max(c.t, 2)), padding=0.02)
        self.link_plot.setYRange(top - SHOWN_DECADES, top + 0.2, padding=0)
        self._fit_plots()

    def _show_texts(self) -> None:
        """The status line, legend, plot titles and readout, in the window's language."""
        r, c = self.reading, self.links
        self.compare_button.setEnabled(r is not None)
        self.tint_combo.model().item(LINKS).setEnabled(c is not None)
        self.tint_combo.model().item(CHANGES).setEnabled(self.comparison is not None)
        self.status.setStyleSheet(f"color: {'#c0392b' if self.failure else MUTED}; font-size: 9pt;")
        if self.failure:
            self.status.setText(localize(self.failure))
        elif self.asking:
            self.status.setText(translate("text_lens", "Reading…"))
        elif r is not None:
            self.status.setText(lens_readout.summary(
                r, self.iteration, self.comparison if self.tint_combo.currentIndex() == CHANGES else None))
        else:
            self.status.setText("")
        self.legend.setText(self._legend())
        self.ppl_plot.setTitle(translate("text_lens", "running perplexity") if r is not None else "",
                               color=MUTED, size="9pt")
        if c is not None and r is not None:
            title = translate("text_lens", "connectivity of {token} (token {t})").format(
                token=display_token(r.tokens[c.t]), t=f"{c.t:,}")
        else:
            title = translate("text_lens", "click a token for its connectivity") if r is not None else ""
        self.link_plot.setTitle(title, color=MUTED, size="9pt")
        if c is not None:
            self.reach_line.label.setFormat(translate("text_lens", "1 % at {d}").format(d=c.reach))
        self._show_readout()

    def _legend(self) -> str:
        if self.reading is None:
            return ""
        mode = self.tint_combo.currentIndex()
        if mode == CHANGES and self.comparison is not None:
            return lens_readout.legend(CHANGE, translate("text_lens", "easier"), translate("text_lens", "harder"))
        if mode == LINKS and self.links is not None:
            return lens_readout.legend(CONNECTIVITY, "10⁻³", translate("text_lens", "largest"))
        return lens_readout.legend(SURPRISAL, "0", translate("text_lens", "ln V = {value} nats").format(
            value=f"{self.reading.uniform_surprisal:.1f}"))

    def _show_readout(self) -> None:
        r, k = self.reading, self.hovered if self.hovered >= 0 else self.chosen
        if r is None or k < 0 or self.vocab is None:
            self.readout.setText(lens_readout.hint() if r is not None else "")
            return
        mode = self.tint_combo.currentIndex()
        self.readout.setText(lens_readout.readout(
            r, k, self.vocab.tokens, self.links if mode == LINKS else None,
            self.comparison if mode == CHANGES else None))

    # -- the panel protocol --------------------------------------------------------------------------
    def set_vocab(self, vocab) -> None:
        """A new run's vocabulary: there is a model to read with now."""
        self.vocab = vocab
        if self.reading is None:
            self.show_placeholder(lambda: translate("text_lens", "Bring this view to the front or press Read: it "
                                                    "reads the validation split with the model as it is then."))

    def refresh(self, history) -> None:
        """Nothing to redraw per step: readings arrive through :meth:`show_record`."""

    def clear(self) -> None:
        """A new run: nothing read yet (the validation split is read once the panel is seen)."""
        self.reading = self.links = self.comparison = None
        self.asking, self.failure, self.chosen, self.hovered = False, "", -1, -1
        self.text_view.clear()
        self.ppl_curve.setData([], [])
        self.other_curve.setData([], [])
        self._draw_links()
        self.tint_combo.setCurrentIndex(SURPRISE)
        self._show_texts()
        self.show_placeholder()

    def export(self, path: str) -> None:
        """Save the tinted text and the plots as PNG or SVG (by the file suffix)."""
        export_widget(self.content, path)
