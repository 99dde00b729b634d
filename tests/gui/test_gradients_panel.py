"""The gradients panel re-ranges when a legend click shows or hides a curve."""
from __future__ import annotations

import numpy as np

from rnnviz.engine.snapshots import StepSnapshot, StepStats
from rnnviz.gui.panels import GradientsPanel
from rnnviz.runtime.history import History

from .conftest import LSTM_PARAMS, show_panel
from .test_panels import click_scene, scene_point


def tiny_param_history(steps: int = 60) -> History:
    """Global norms near 1 and one parameter (decoder.b) whose norm is a hundred thousand times
    smaller: far below anything the view shows while only the global norm is drawn."""
    rng = np.random.default_rng(3)
    history = History()
    for it in range(1, steps + 1):
        norm = float(rng.lognormal(0.0, 0.2))
        per_param = np.full(len(LSTM_PARAMS), norm / 3)
        per_param[LSTM_PARAMS.index("decoder.b")] = 1e-5 * rng.uniform(0.8, 1.2)
        stats = StepStats(
            iteration=it, epoch=0, epoch_fraction=it / 100, loss=4.0, perplexity=float(np.exp(4.0)),
            lr=0.01, grad_norm=norm, grad_norm_clipped=min(norm, 1.0), clip=1.0, clipped=norm > 1.0,
            param_names=LSTM_PARAMS, param_grad_norms=per_param, param_norms=np.full(len(LSTM_PARAMS), 3.0),
            dh_norms=np.ones((1, 35)), seconds=0.02, tokens=700)
        history.add(StepSnapshot(stats, None, None, None))
    return history


def y_range(panel: GradientsPanel) -> tuple[float, float]:
    """The view's y range (log10 units) as last painted: the view ranges itself lazily, before
    a paint, and only when told that its items changed."""
    panel.layout_widget.grab()
    return tuple(panel.plot.vb.viewRange()[1])


def test_showing_a_parameter_from_the_legend_reranges_while_paused(qtbot):
    panel = show_panel(qtbot, GradientsPanel(), (600, 300))
    panel.refresh(tiny_param_history())          # then no more refreshes: training is paused
    scene_point(panel.plot, 30, 0)                # let the axes settle before clicking
    low, high = y_range(panel)
    assert low > -1.5                             # the global norm's range, around 10^0
    curve = panel.param_curves["decoder.b"]
    sample = next(s for s, _ in panel.legend.items if s.item is curve)
    click_scene(qtbot, panel.layout_widget, sample.sceneBoundingRect().center())
    assert curve.isVisible()
    qtbot.waitUntil(lambda: y_range(panel)[0] < -5.0, timeout=2000)   # 1e-5 is now in view
    assert y_range(panel)[1] > 0.0                                      # and so is the global norm
    # Hiding it again gives the room back to the curves still shown.
    click_scene(qtbot, panel.layout_widget, sample.sceneBoundingRect().center())
    assert not curve.isVisible()
    qtbot.waitUntil(lambda: y_range(panel)[0] > -1.5, timeout=2000)
    # A y range the user chose (which turns auto-range off) gives way too.
    panel.plot.vb.setYRange(0.05, 0.1)
    click_scene(qtbot, panel.layout_widget, sample.sceneBoundingRect().center())
    qtbot.waitUntil(lambda: y_range(panel)[0] < -5.0, timeout=2000)


def test_a_long_legend_takes_columns_in_a_short_dock_and_the_axis_stays_in_view(qtbot):
    """A two-layer LSTM's twelve legend entries in a laptop-sized dock: two columns, and the
    plot's x axis is not pushed out of the bottom."""
    from rnnviz.engine.config import ModelConfig, TrainConfig
    from rnnviz.engine.data import load_corpus
    from rnnviz.engine.trainer import Session
    corpus = load_corpus("tale", "char")
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=16, cell="lstm",
                                          num_layers=2), TrainConfig(batch_size=4, bptt=8, epochs=1))
    history = History()
    history.extend(session.run(6))
    panel = show_panel(qtbot, GradientsPanel(), size=(460, 185))
    panel.caption.hide()                        # folded, as in the compact layout
    panel.refresh(history)
    qtbot.wait(50)
    assert len(panel.legend.items) == 12 and panel.legend.columnCount >= 2
    axis = panel.plot.getAxis("bottom")
    assert axis.sceneBoundingRect().bottom() <= panel.layout_widget.height() + 1
