"""rnnviz's pure-NumPy engine: layers, recurrent language models, optimizers, data, training.

Nothing here imports Qt, pyqtgraph or matplotlib (a test checks it), so the engine runs
headless, in a worker thread, or in another process.
"""
from .config import ConfigError, ModelConfig, TrainConfig
from .models import RNNLM
from .torch_layout import load_torch_layout, to_torch_layout

__all__ = ["ConfigError", "ModelConfig", "TrainConfig", "RNNLM",
           "to_torch_layout", "load_torch_layout"]
