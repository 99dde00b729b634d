"""The comparison lab's views: the models' perplexity curves overlaid, and the rest side by side.

:class:`CurvesOverlay` draws every model's smoothed training perplexity (and its validation
points) in the model's colour on one log axis; a model that diverged ends in a cross.
:class:`SideBySide` puts the main window's own Gradient flow and Hidden states panels, one per
model, next to each other, and the models' samples from one prefix. Each draws from the model's
:class:`~rnnviz.runtime.history.History` in :class:`~rnnviz.runtime.compare_curves.CompareCurves`;
nothing here computes a model quantity.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QTabWidget,
                               QVBoxLayout, QWidget)

from rnnviz.runtime.compare_curves import CompareCurves
from ..i18n import live, translate
from .common import LABEL_STYLE, LogAxis, MUTED, PALETTE, TEXT, pixel_points, style_plot
from .compare_controls import SLOTS
from .gradient_flow import GradientFlowPanel
from .hidden_states import HiddenStatesPanel

SMOOTH_POINTS = 1500


def model_title(curves: CompareCurves, i: int) -> str:
    """"A · lstm": the model's letter and label."""
    return f"{'ABC'[i]} · {curves.labels[i]}" if i < len(curves.labels) else "ABC"[i]


class CurvesOverlay(QWidget):
    """Training perplexity (smoothed) and validation perplexity of every model, overlaid."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(axisItems={"left": LogAxis("left")})
        self.plot_widget.setObjectName("compareCurvesPlot")
        self.plot = self.plot_widget.getPlotItem()
        style_plot(self.plot, bottom="", left="")
        self.plot.setLogMode(y=True)
        self.legend = self.plot.addLegend(offset=(-10, 10), labelTextColor=TEXT, brush=pg.mkBrush(255, 255, 255, 210))
        self.train = [self.plot.plot(pen=pg.mkPen(PALETTE[i], width=2)) for i in range(SLOTS)]
        self.valid = [self.plot.plot(pen=None, symbol="o", symbolSize=6, symbolBrush=PALETTE[i],
                                     symbolPen=pg.mkPen("w")) for i in range(SLOTS)]
        self.crosses = [self.plot.plot(pen=None, symbol="x", symbolSize=14, symbolBrush=PALETTE[i],
                                       symbolPen=pg.mkPen(PALETTE[i], width=2)) for i in range(SLOTS)]
        self._labels: tuple[str, ...] = ()
        self._version = -1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        live(self, self._retranslate)

    def _retranslate(self) -> None:
        self.plot.setLabel("bottom", translate("compare_views", "step (every model, the same batches)"), **LABEL_STYLE)
        self.plot.setLabel("left", translate("compare_views", "perplexity (log)"), **LABEL_STYLE)
        self.plot.setTitle(translate("compare_views", "line: training · dots: validation · ✕: diverged"),
                           color=MUTED, size="9pt")

    def refresh(self, curves: CompareCurves) -> None:
        if curves.version == self._version:
            return
        self._version = curves.version
        if curves.labels != self._labels:
            self._labels = curves.labels
            self.legend.clear()
            for i, label in enumerate(curves.labels):
                self.legend.addItem(self.train[i], model_title(curves, i))
        n = pixel_points(self.plot)
        for i in range(SLOTS):
            history = curves.histories[i] if i < len(curves.histories) else None
            if history is None or len(history) == 0:
                for item in (self.train[i], self.valid[i], self.crosses[i]):
                    item.setData([], [])
                continue
            self.train[i].setData(*history.series("perplexity_smooth", min(n, SMOOTH_POINTS)))
            self.valid[i].setData(history.eval_column("iteration").copy(), history.eval_column("perplexity").copy())
            if curves.diverged[i] is not None:
                x, y = history.series("perplexity_smooth", 2)
                self.crosses[i].setData(x[-1:], y[-1:])
            else:
                self.crosses[i].setData([], [])


class SideBySide(QTabWidget):
    """One column per model: gradient flow, hidden states, and the samples from one prefix.

    :attr:`sample_requested` carries the sampling settings (prefix, length, seed) for all models.
    """

    sample_requested = Signal(dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("compareTabs")
        self.flows = [GradientFlowPanel(narrow=True) for _ in range(SLOTS)]
        self.hiddens = [HiddenStatesPanel() for _ in range(SLOTS)]
        for i in range(SLOTS):      # names of their own: the window finds its panels by theirs
            self.flows[i].setObjectName(f"compareFlow{i}")
            self.hiddens[i].setObjectName(f"compareHidden{i}")
        self.titles: list[list[QLabel]] = [[], [], []]
        self.addTab(self._columns(self.flows, 0), "")
        self.addTab(self._columns(self.hiddens, 1), "")
        self.addTab(self._samples_page(), "")
        self._seen: list[list[object]] = [[None] * SLOTS, [None] * SLOTS]
        self._count = SLOTS
        self._curves: CompareCurves | None = None
        self.currentChanged.connect(lambda _: self._curves is not None and self.refresh(self._curves))
        live(self, self._retranslate)

    def _columns(self, panels: list[QWidget], row: int) -> QWidget:
        # One caption for the row, the panel's own (its columns hide theirs: the same words thrice).
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(2, 2, 2, 2)
        outer.setSpacing(2)
        caption = QLabel(wordWrap=True)
        caption.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        live(caption, lambda: caption.setText(panels[0].caption_text()))
        outer.addWidget(caption)
        layout = QHBoxLayout()
        layout.setSpacing(4)
        outer.addLayout(layout, 1)
        for i, panel in enumerate(panels):
            panel.caption.hide()
            panel.set_margin(1)
            column = QVBoxLayout()
            column.setSpacing(1)
            title = self._title(i)
            self.titles[row].append(title)
            column.addWidget(title)
            column.addWidget(panel, 1)
            layout.addLayout(column, 1)
            panel.setMinimumWidth(120)
        return page

    @staticmethod
    def _title(i: int) -> QLabel:
        label = QLabel("ABC"[i])
        label.setStyleSheet(f"color: {PALETTE[i]}; font-weight: bold;")
        return label

    def _samples_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.prefix = QLineEdit(objectName="comparePrefix")
        self.length = QSpinBox(objectName="compareSampleLength", minimum=1, maximum=2000, value=120)
        self.sample_button = QPushButton(objectName="compareSample")
        self.sample_button.clicked.connect(self._request)
        self.prefix.returnPressed.connect(self._request)
        self.prefix_label = QLabel()
        row.addWidget(self.prefix_label)
        row.addWidget(self.prefix, 1)
        row.addWidget(self.length)
        row.addWidget(self.sample_button)
        layout.addLayout(row)
        columns = QHBoxLayout()
        self.texts = []
        for i in range(SLOTS):
            column = QVBoxLayout()
            title = self._title(i)
            self.titles[2].append(title)
            text = QPlainTextEdit(objectName=f"compareSampleText{i}", readOnly=True)
            text.setStyleSheet(f"border: 2px solid {PALETTE[i]};")
            column.addWidget(title)
            column.addWidget(text, 1)
            columns.addLayout(column, 1)
            self.texts.append(text)
        layout.addLayout(columns, 1)
        return page

    def _retranslate(self) -> None:
        self.setTabText(0, translate("compare_views", "Gradient flow"))
        self.setTabText(1, translate("compare_views", "Hidden states"))
        self.setTabText(2, translate("compare_views", "Samples"))
        self.prefix_label.setText(translate("compare_views", "Prefix"))
        self.prefix.setPlaceholderText(translate("compare_views", "the same prefix for every model"))
        self.length.setSuffix(translate("compare_views", " tokens"))
        self.sample_button.setText(translate("compare_views", "Sample all"))
        self.sample_button.setToolTip(translate("compare_views", "Every model continues the prefix with the same "
                                                "random seed, so only the models differ"))

    def _request(self) -> None:
        for text in self.texts[:self._count]:
            text.setPlainText("…")
        self.sample_requested.emit({"prefix": self.prefix.text(), "length": self.length.value(), "seed": 0})

    def show_models(self, curves: CompareCurves) -> None:
        """Name the columns and show as many as there are models."""
        self._count = len(curves.labels)
        for row in self.titles:
            for i, title in enumerate(row):
                title.setText(model_title(curves, i))
                title.setVisible(i < self._count)
        for i in range(SLOTS):
            shown = i < self._count
            for widget in (self.flows[i], self.hiddens[i], self.texts[i]):
                widget.setVisible(shown)
            self.texts[i].clear()
            self.flows[i].clear()
            self.hiddens[i].clear()
        self._seen = [[None] * SLOTS, [None] * SLOTS]

    def refresh(self, curves: CompareCurves) -> None:
        """Redraw the page in front only (bounded work: the hidden tabs wait until shown)."""
        self._curves = curves
        page = self.currentIndex()
        for i, history in enumerate(curves.histories[:SLOTS]):
            if page == 0 and self._seen[0][i] != history.version:
                self._seen[0][i] = history.version
                self.flows[i].refresh(history)
            elif page == 1 and self._seen[1][i] is not history.latest_probe:
                self._seen[1][i] = history.latest_probe
                self.hiddens[i].refresh(history)
            elif page == 2 and curves.samples[i] is not None:
                text = curves.samples[i].text
                if self.texts[i].toPlainText() != text:
                    self.texts[i].setPlainText(text)

    def sample_failed(self, message: str | None) -> None:
        for text in self.texts[:self._count]:
            if text.toPlainText() == "…":
                text.setPlainText(message or "")
