"""The views of a run, one module each; every panel reads a :class:`rnnviz.runtime.history.History`.

Each panel has ``TITLE``, ``CAPTION``, ``refresh(history)``, ``clear()`` and ``export(path)``;
the ones that show time steps also have ``time_selected`` and ``set_selected_time(t)``.
:data:`REGISTRY` is the one list the window builds its docks from: adding a panel is its module
and one line here (:class:`~rnnviz.gui.panels.registry.PanelSpec`).
"""
from .gate_saturation import GateSaturationPanel
from .gradient_flow import GradientFlowPanel
from .gradients import GradientsPanel
from .hidden_states import HiddenStatesPanel
from .next_token import NextTokenPanel
from .perplexity import PerplexityPanel
from .registry import PanelSpec, latest_graph, latest_probe, latest_stream
from .sample_console import SampleConsolePanel
from .tbptt_map import TbpttMapPanel
from .text_lens import TextLensPanel
from .unrolled_graph import UnrolledGraphPanel
from .wh_spectrum import WhSpectrumPanel

REGISTRY = (
    PanelSpec(PerplexityPanel, "perplexityPanel"),
    PanelSpec(GradientsPanel, "gradientPanel"),
    PanelSpec(GradientFlowPanel, "gradFlowPanel"),
    PanelSpec(HiddenStatesPanel, "hiddenStatePanel", latest_probe),
    PanelSpec(GateSaturationPanel, "gateSaturationPanel", latest_probe),
    PanelSpec(NextTokenPanel, "softmaxPanel", latest_probe),
    PanelSpec(SampleConsolePanel, "samplePanel", None),
    PanelSpec(UnrolledGraphPanel, "graphPanel", latest_graph),
    PanelSpec(TbpttMapPanel, "tbpttMapPanel", latest_stream),
    PanelSpec(WhSpectrumPanel, "whSpectrumPanel", None),
    PanelSpec(TextLensPanel, "textLensPanel", None),
)
PANELS = tuple(spec.cls for spec in REGISTRY)

__all__ = ["REGISTRY", "PANELS", "PanelSpec", "GateSaturationPanel", "GradientFlowPanel", "GradientsPanel",
           "HiddenStatesPanel", "NextTokenPanel", "PerplexityPanel", "SampleConsolePanel", "TbpttMapPanel",
           "TextLensPanel", "UnrolledGraphPanel", "WhSpectrumPanel"]
