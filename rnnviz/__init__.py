"""rnnviz: watch a recurrent neural network learn, step by step."""
__version__ = "0.1.0"
