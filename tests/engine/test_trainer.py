import math

import numpy as np
import pytest

from rnnviz.engine import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus
from rnnviz.engine.trainer import DivergenceError, Session, perplexity


def tale_session(**train):
    corpus = load_corpus("tale", "char")
    cfg = dict(batch_size=8, bptt=16, optimizer="adam", lr=0.01, clip=1.0, epochs=1)
    cfg.update(train)
    return Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=16, hidden_size=32),
                   TrainConfig(**cfg))


def test_loss_falls_on_a_small_corpus():
    session = tale_session(max_steps=120)
    first = [session.step().stats.loss for _ in range(10)]
    while not session.finished:
        last = session.step().stats
    assert last.iteration == 120
    assert np.mean(first) > math.log(len(session.corpus.vocab)) - 0.5
    assert last.loss < np.mean(first) - 1.0
    assert session.evaluate().perplexity < math.exp(np.mean(first))


def test_evaluation_does_not_disturb_training():
    a, b = tale_session(max_steps=6), tale_session(max_steps=6)
    for _ in range(3):
        a.step()
        b.step()
    a.evaluate()
    ra, rb = a.step().stats, b.step().stats
    assert ra.loss == rb.loss
    for k in a.model.params:
        np.testing.assert_array_equal(a.model.params[k], b.model.params[k])


def test_huge_learning_rate_is_caught_and_not_applied():
    session = tale_session(optimizer="sgd", lr=1e6, clip=0.0, max_steps=50)
    with pytest.raises(DivergenceError, match="(?i)lower the learning rate"):
        for _ in range(50):
            before = {k: v.copy() for k, v in session.model.params.items()}
            session.step()
    for k, v in session.model.params.items():
        assert np.isfinite(v).all()
        np.testing.assert_array_equal(v, before[k])


def test_perplexity_of_uniform_model_is_vocab_size():
    corpus = load_corpus("tale", "char")
    session = tale_session()
    for p in session.model.params.values():
        p[...] = 0.0
    V = len(corpus.vocab)
    assert perplexity(session.model, corpus.valid) == pytest.approx(V, rel=1e-4)
