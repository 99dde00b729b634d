"""The perplexity panel's log axis labels a narrow range (the d2l char RNN's) with several ticks."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter

from rnnviz.engine.snapshots import StepSnapshot, StepStats
from rnnviz.gui.panels import PerplexityPanel
from rnnviz.runtime.history import History

from .conftest import show_panel
from .test_panels import scene_point


def falling_perplexity(start: float, end: float, steps: int = 300) -> History:
    """A run whose perplexity falls geometrically from ``start`` to ``end``: the d2l 9.5 preset
    (a 28-character vocabulary) starts near 28 and spends its epochs between about 8 and 20."""
    history = History()
    for it in range(1, steps + 1):
        ppl = start * (end / start) ** ((it - 1) / (steps - 1))
        stats = StepStats(
            iteration=it, epoch=(it - 1) // 100, epoch_fraction=it / 100, loss=float(np.log(ppl)),
            perplexity=float(ppl), lr=1.0, grad_norm=0.5, grad_norm_clipped=0.5, clip=1.0, clipped=False,
            param_names=("W_xh", "W_hh", "b_h", "W_hq", "b_q"), param_grad_norms=np.full(5, 0.2),
            param_norms=np.full(5, 3.0), dh_norms=np.ones((1, 35)), seconds=0.01, tokens=32 * 35)
        history.add(StepSnapshot(stats, None, None, None))
    return history


def drawn_tick_labels(panel: PerplexityPanel) -> list[str]:
    """The y axis's tick labels that pyqtgraph actually draws (it drops any that would cross the
    axis ends, and whole levels when they crowd)."""
    axis = panel.plot.getAxis("left")
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _, _, text in texts]


@pytest.mark.parametrize("start, end", [(19.0, 8.0), (20.0, 8.0), (11.0, 9.0), (28.0, 14.0), (30.0, 1.0)])
def test_a_narrow_log_range_gets_several_labels(qtbot, start, end):
    panel = show_panel(qtbot, PerplexityPanel(), (600, 300))
    panel.refresh(falling_perplexity(start, end))
    scene_point(panel.plot, 150, np.log10(end))           # ranged, axes settled
    labels = drawn_tick_labels(panel)
    assert len(labels) >= 2, labels
    assert len(set(labels)) == len(labels), labels           # no number written twice
    values = sorted(float(text) for text in labels)
    (low, high) = 10.0 ** np.array(panel.plot.vb.viewRange()[1])
    assert low <= values[0] and values[-1] <= high           # each label is where it says
