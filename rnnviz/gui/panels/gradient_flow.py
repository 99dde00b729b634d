"""How much gradient reaches each time step of the BPTT window: ||dL/dh_t|| against t."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from rnnviz.gui.i18n import QT_TRANSLATE_NOOP, live, translate
from rnnviz.runtime.history import FLOW_KEPT, History
from .common import LABEL_STYLE, LogAxis, MUTED, PALETTE, TEXT, Panel, export_item, positive, style_plot
from .gradients import set_legend_label

FADE = 0.6      # each older step is drawn with this fraction of the previous one's opacity


class GradientFlowPanel(Panel):
    """||dL/dh_t|| for t = 0..T-1 of the latest step, one colour per layer, with the previous
    steps (up to ``FLOW_KEPT``) fading behind it."""

    TITLE = QT_TRANSLATE_NOOP("panels", "Gradient flow")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Gradient reaching each time step of the window: a steep fall to the "
                                "left means vanishing gradients (the book's ch. 6 figure). Faded: the previous "
                                "steps.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "No backward pass yet.\nPress Step to see how far the gradient "
                                    "flows back in time.")

    def __init__(self, parent: QWidget | None = None, *, narrow: bool = False):
        self.narrow = narrow        # a column among others (the comparison lab): short title and axis
        super().__init__(parent)
        self.setObjectName("gradFlowPanel")
        self.plot_widget = pg.PlotWidget(axisItems={"left": LogAxis("left")})
        self.plot_widget.setObjectName("gradientFlowPlot")
        self.plot = self.plot_widget.getPlotItem()
        style_plot(self.plot, bottom="", left="")     # axis titles: _retranslate_texts
        self.plot.setLogMode(y=True)
        self.plot.setTitle("", color=MUTED, size="9pt")
        self.legend = self.plot.addLegend(offset=(10, 10), labelTextColor=TEXT,
                                          brush=pg.mkBrush(255, 255, 255, 200))
        self.latest: list[pg.PlotDataItem] = []          # one per layer, legend entries
        self.faded: list[list[pg.PlotDataItem]] = []     # [layer][age - 1], oldest drawn lowest
        self._shown: tuple[int, int] | None = None       # (iteration, older steps) the title names
        self.set_content(self.plot_widget)
        live(self, self._retranslate_texts)

    def _retranslate_texts(self) -> None:
        """Axis titles, layer names and the title in the window's language."""
        self.plot.setLabel("bottom", translate("gradient_flow", "t (0 = oldest)") if self.narrow
                           else translate("gradient_flow", "time step t in the BPTT window (0 = oldest)"), **LABEL_STYLE)
        self.plot.setLabel("left", translate("gradient_flow", "‖∂L/∂hₜ‖ (log)"), **LABEL_STYLE)
        for k, curve in enumerate(self.latest):
            set_legend_label(self.legend, curve, self._layer_name(k))
        if self._shown is not None:
            self._set_title(*self._shown)

    @staticmethod
    def _layer_name(k: int) -> str:
        return translate("gradient_flow", "layer {k}").format(k=k)

    def _set_title(self, iteration: int, older: int) -> None:
        self._shown = (iteration, older)
        if older and not self.narrow:
            title = translate("gradient_flow", "step {step}  (faded: the {older} steps before)").format(
                step=f"{iteration:,}", older=older)
        else:
            title = translate("gradient_flow", "step {step}").format(step=f"{iteration:,}")
        self.plot.setTitle(title, color=MUTED, size="9pt")

    def _build_layers(self, layers: int) -> None:
        """Curves for ``layers`` recurrent layers; rebuilt only when the model's depth changes."""
        for curve in self.latest + [c for row in self.faded for c in row]:
            self.plot.removeItem(curve)
        self.legend.clear()
        self.latest, self.faded = [], []
        for k in range(layers):
            colour = pg.mkColor(PALETTE[k % len(PALETTE)])
            row = []
            for age in range(1, FLOW_KEPT):
                faded = pg.mkColor(colour)
                faded.setAlpha(int(200 * FADE ** age))
                curve = self.plot.plot(pen=pg.mkPen(faded, width=1.2))
                curve.setZValue(-age)
                row.append(curve)
            self.faded.append(row)
            self.latest.append(self.plot.plot(pen=pg.mkPen(colour, width=2.5), symbol="o",
                                              symbolSize=5, symbolBrush=colour, symbolPen=None,
                                              name=self._layer_name(k)))

    def refresh(self, history: History) -> None:
        """Draw the latest ||dL/dh_t|| curves (history.flow holds the last few steps)."""
        if not history.flow:
            self.clear()
            return
        flow = list(history.flow)                        # oldest first
        iteration, latest = flow[-1]
        L, T = latest.shape
        if len(self.latest) != L:
            self._build_layers(L)
        t = np.arange(T, dtype=np.float64)
        for k in range(L):
            self.latest[k].setData(t, positive(latest[k]), connect="finite")
            for age, curve in enumerate(self.faded[k], start=1):
                if age < len(flow) and flow[-1 - age][1].shape == latest.shape:
                    curve.setData(t, positive(flow[-1 - age][1][k]), connect="finite")
                else:
                    curve.setData([], [])
        self._set_title(iteration, len(flow) - 1)
        self.show_content()

    def clear(self) -> None:
        """Forget the run: no curves, the placeholder text."""
        for curve in self.latest + [c for row in self.faded for c in row]:
            curve.setData([], [])
        self._shown = None
        self.plot.setTitle("")
        self.show_placeholder()

    def export(self, path: str) -> None:
        """Save the plot as PNG or SVG (by the file suffix)."""
        export_item(self.plot, path)
