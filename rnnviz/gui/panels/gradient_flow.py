"""How much gradient reaches each time step of the BPTT window: ||dL/dh_t|| against t."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from rnnviz.runtime.history import FLOW_KEPT, History
from .common import LogAxis, MUTED, PALETTE, TEXT, Panel, export_item, positive, style_plot

FADE = 0.6      # each older step is drawn with this fraction of the previous one's opacity


class GradientFlowPanel(Panel):
    """||dL/dh_t|| for t = 0..T-1 of the latest step, one colour per layer, with the previous
    steps (up to ``FLOW_KEPT``) fading behind it."""

    TITLE = "Gradient flow"
    CAPTION = ("Gradient reaching each time step of the window: a steep fall to the left means "
               "vanishing gradients (the book's ch. 6 figure). Faded: the previous steps.")
    PLACEHOLDER = "No backward pass yet.\nPress Step to see how far the gradient flows back in time."

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gradFlowPanel")
        self.plot_widget = pg.PlotWidget(axisItems={"left": LogAxis("left")})
        self.plot_widget.setObjectName("gradientFlowPlot")
        self.plot = self.plot_widget.getPlotItem()
        style_plot(self.plot, bottom="time step t in the BPTT window (0 = oldest)",
                   left="‖∂L/∂hₜ‖ (log)")
        self.plot.setLogMode(y=True)
        self.plot.setTitle("", color=MUTED, size="9pt")
        self.legend = self.plot.addLegend(offset=(10, 10), labelTextColor=TEXT,
                                          brush=pg.mkBrush(255, 255, 255, 200))
        self.latest: list[pg.PlotDataItem] = []          # one per layer, legend entries
        self.faded: list[list[pg.PlotDataItem]] = []     # [layer][age - 1], oldest drawn lowest
        self.set_content(self.plot_widget)

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
                                              name=f"layer {k}"))

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
        older = len(flow) - 1
        self.plot.setTitle(f"step {iteration:,}" + (f"  (faded: the {older} steps before)" if older else ""),
                           color=MUTED, size="9pt")
        self.show_content()

    def clear(self) -> None:
        """Forget the run: no curves, the placeholder text."""
        for curve in self.latest + [c for row in self.faded for c in row]:
            curve.setData([], [])
        self.plot.setTitle("")
        self.show_placeholder()

    def export(self, path: str) -> None:
        """Save the plot as PNG or SVG (by the file suffix)."""
        export_item(self.plot, path)
