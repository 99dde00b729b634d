"""The books' runs that are small enough to be tests."""
import math

import pytest

from rnnviz import resources
from rnnviz.engine import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus
from rnnviz.engine.presets import PRESETS
from rnnviz.engine.trainer import Session


def ptb_dir():
    shared = resources.shared_corpora_dir()
    if shared is None or not (shared / "ptb" / "ptb.train.txt").is_file():
        pytest.skip("PTB not found (set RNNVIZ_CORPORA to a folder holding ptb/ptb.train.txt)")
    return shared / "ptb"


def test_dlfs2_ch5_simple_rnnlm_perplexity_falls_below_7():
    """First 1000 PTB words, RNN, N=10, D=H=100, T=5, SGD 0.1, 100 epochs (the book: 5.3-6.3)."""
    preset = PRESETS["dlfs2-ch5"]
    corpus = load_corpus(ptb_dir(), **preset.data)
    assert len(corpus.vocab) == 418
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), **preset.model),
                      TrainConfig(**preset.train))
    epoch_ppl, losses = [], []
    while not session.finished:
        losses.append(session.step().stats.loss)
        if len(losses) == session.iters_per_epoch:
            epoch_ppl.append(math.exp(sum(losses) / len(losses)))
            losses = []
    assert len(epoch_ppl) == 100
    assert 300 < epoch_ppl[0] < 500
    assert epoch_ppl[-1] < 7.0
