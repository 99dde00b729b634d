"""After a single Step the perplexity and gradient curves hold one point each, which a line
does not draw: they show it as a dot until a second point makes a line."""
from __future__ import annotations

from PySide6.QtGui import QColor

from rnnviz.gui.panels import GradientsPanel, PerplexityPanel
from rnnviz.gui.panels.common import PALETTE
from rnnviz.gui.panels.gradients import PARAM_COLOURS

from .conftest import show_panel, synthetic_history
from .test_panels import click_scene, scene_point
from .test_perplexity_panel import drawn_tick_labels


def coloured_pixels(panel, colour: str) -> int:
    """Pixels of the panel's plot area within a few levels of ``colour`` (a line or a dot)."""
    want = QColor(colour)
    view = panel.plot.vb
    image = view.scene().views()[0].grab(view.sceneBoundingRect().toRect()).toImage()
    return sum(abs(c.red() - want.red()) < 40 and abs(c.green() - want.green()) < 40
               and abs(c.blue() - want.blue()) < 40
               for c in (image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width())))


def test_one_step_of_perplexity_is_a_dot(qtbot):
    panel = show_panel(qtbot, PerplexityPanel(), (600, 300))
    panel.refresh(synthetic_history(1)[0])
    scene_point(panel.plot, 1, 2)
    for curve in (panel.raw_curve, panel.smooth_curve):
        assert len(curve.getOriginalDataset()[0]) == 1
        assert curve.opts["symbol"] is not None and len(curve.scatter.data) == 1
    assert coloured_pixels(panel, PALETTE[0]) > 10          # the smoothed curve's dot, on screen
    # Its y axis spans enough to label: not "937.196" four times over a range of round-off.
    labels = drawn_tick_labels(panel)
    assert len(labels) >= 2 and len(set(labels)) == len(labels), labels
    panel.refresh(synthetic_history(2)[0])
    assert panel.raw_curve.opts["symbol"] is None and panel.smooth_curve.opts["symbol"] is None
    assert panel.valid_curve.opts["symbol"] == "o"          # validation keeps its own markers


def test_one_step_of_gradient_norms_is_a_dot(qtbot):
    panel = show_panel(qtbot, GradientsPanel(), (600, 300))
    history = synthetic_history(1)[0]
    panel.refresh(history)
    scene_point(panel.plot, 1, 0)
    for curve in (panel.global_curve, panel.clip_curve, *panel.param_curves.values()):
        assert len(curve.getOriginalDataset()[0]) == 1
        assert curve.opts["symbol"] is not None and len(curve.scatter.data) == 1
    assert coloured_pixels(panel, "#323232") > 10           # the global norm's dot
    wh = panel.param_curves["lstm0.Wh"]
    sample = next(s for s, _ in panel.legend.items if s.item is wh)
    click_scene(qtbot, panel.layout_widget, sample.sceneBoundingRect().center())
    colour = PARAM_COLOURS[history.param_names.index("lstm0.Wh") % len(PARAM_COLOURS)]
    qtbot.waitUntil(lambda: coloured_pixels(panel, colour) > 10, timeout=2000)
    panel.refresh(synthetic_history(2)[0])
    assert panel.global_curve.opts["symbol"] is None and wh.opts["symbol"] is None
