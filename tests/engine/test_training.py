"""The guard, the clip rule and the step statistics every session shares (rnnviz.engine.training)."""
import math
import subprocess
import sys

import numpy as np
import pytest

from rnnviz.engine import training
from rnnviz.engine.config import Seq2seqConfig, TrainConfig
from rnnviz.engine.pairs import load_pairs
from rnnviz.engine.seq2seq_session import Seq2seqSession
from rnnviz.engine.snapshots import Divergence
from rnnviz.engine.training import DivergenceError


def test_divergence_error_is_still_importable_from_the_trainer():
    from rnnviz.engine.trainer import DivergenceError as FromTrainer
    assert FromTrainer is DivergenceError


def test_the_stepper_does_not_import_the_trainer():
    code = "import sys, rnnviz.engine.stepper; print('rnnviz.engine.trainer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_loss_limit_is_fifty_or_five_uniform_guesses():
    assert training.loss_limit(10) == 50.0
    assert training.loss_limit(100_000) == pytest.approx(5 * math.log(100_000))
    assert training.healthy_loss(100) == pytest.approx(math.log(100) + 1)


@pytest.mark.parametrize("loss, norm, bad", [(1.0, 1.0, False), (49.9, 1e9, False), (50.1, 1.0, True),
                                             (math.nan, 1.0, True), (1.0, math.inf, True)])
def test_diverged(loss, norm, bad):
    assert training.diverged(loss, norm, 50.0) is bad


def test_the_clip_rule_is_the_books():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    sq = training.squared_norms(grads)
    norm = float(np.sqrt(sq.sum()))
    assert norm == 5.0 and sq.tolist() == [9.0, 16.0]
    clipped, rate = training.clip_rate(norm, 1.0)
    assert clipped and rate == 1.0 / (5.0 + 1e-6)
    assert training.clip_rate(0.1, 1.0) == (False, 1.0)
    assert training.clip_rate(30.0, 0.0) == (False, 1.0)           # 0 turns clipping off


def test_squared_norms_reads_only_the_given_rows():
    g = np.zeros((5, 2))
    g[[1, 3]] = 2.0
    assert training.squared_norms({"e": g}, {"e": np.array([1, 3])}).tolist() == [16.0]


def test_guard_raises_with_the_described_record():
    seen = []

    def describe(number, loss, norm):
        seen.append((number, loss, norm))
        return Divergence(iteration=number, loss=loss, grad_norm=norm, parameter=None, message="boom")

    training.guard(3, 2.0, 1.0, 50.0, describe)
    assert seen == []                                               # described only when it diverged
    with pytest.raises(DivergenceError, match="boom") as info:
        training.guard(4, math.inf, 1.0, 50.0, describe)
    assert info.value.record.iteration == 4 and seen == [(4, math.inf, 1.0)]


def test_the_divergence_message_names_the_bad_gradient_and_the_advice():
    grads = {"w": np.ones(2), "v": np.array([1.0, np.nan])}
    record = training.divergence(7, math.nan, math.nan, grads=grads, lr=0.5, clip=0.0, vocab_size=20,
                                 rewind_to=5)
    assert record.parameter == "v" and record.rewind_to == 5 and record.suggested_lr == 0.05
    assert "diverged at step 7" in record.message and "first bad gradient: v" in record.message
    assert "Rewind to step 5 and lower the learning rate (now 0.5, try 0.05)" in record.message
    assert "enable gradient clipping" in record.message
    plain = training.divergence(7, 99.0, 1.0, grads={"w": np.ones(2)}, lr=1.0, clip=2.0, vocab_size=20)
    assert plain.rewind_to is None and "Lower the learning rate" in plain.message
    assert "clipping threshold (now 2)" in plain.message


def test_step_stats_without_telemetry_are_empty():
    stats = training.step_stats(10, 4, 2.0, lr=0.1, norm=3.0, clipped=True, rate=0.5, clip=1.5,
                                seconds=0.01, tokens=64)
    assert stats.epoch == 2 and stats.epoch_fraction == 2.5 and stats.grad_norm_clipped == 1.5
    assert stats.perplexity == pytest.approx(math.exp(2.0))
    assert stats.param_names == () and stats.param_grad_norms.size == 0 and stats.dh_norms.shape == (0, 0)


def test_seq2seq_counts_the_answer_characters_it_predicted():
    data = load_pairs("addition", n=500)
    s = Seq2seqSession(data, Seq2seqConfig(vocab_size=len(data.vocab), hidden_size=8),
                       TrainConfig(batch_size=16, optimizer="adam", lr=0.01, clip=5.0, epochs=1))
    stats = s.step().stats
    assert stats.tokens == 16 * (data.answer_width - 1)
    assert stats.param_names == tuple(s.model.params) and stats.param_norms.shape == (len(s.model.params),)
