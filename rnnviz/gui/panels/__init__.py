"""The views of a run, one module each; every panel reads a :class:`rnnviz.runtime.history.History`.

Each panel has ``TITLE``, ``CAPTION``, ``refresh(history)``, ``clear()`` and ``export(path)``;
the ones that show time steps also have ``time_selected`` and ``set_selected_time(t)``.
"""
from .gradient_flow import GradientFlowPanel
from .gradients import GradientsPanel
from .hidden_states import HiddenStatesPanel
from .next_token import NextTokenPanel
from .perplexity import PerplexityPanel
from .sample_console import SampleConsolePanel
from .tbptt_map import TbpttMapPanel
from .unrolled_graph import UnrolledGraphPanel

PANELS = (PerplexityPanel, GradientsPanel, GradientFlowPanel, HiddenStatesPanel, NextTokenPanel,
          SampleConsolePanel, UnrolledGraphPanel, TbpttMapPanel)

__all__ = ["PANELS", "GradientFlowPanel", "GradientsPanel", "HiddenStatesPanel", "NextTokenPanel",
           "PerplexityPanel", "SampleConsolePanel", "TbpttMapPanel", "UnrolledGraphPanel"]
