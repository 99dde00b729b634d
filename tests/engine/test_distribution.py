"""The whole next-token distribution a probe carries (entropy, target rank, sorted rank bins),
checked against the model's own softmax recomputed from the probe's inputs; and a streamed
sample that stops at <eos>."""
import copy

import numpy as np
import pytest

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus
from rnnviz.engine.distribution import (DIST_BUDGET, EXACT_RANKS, MAX_BINS, bin_probabilities,
                                        rank_bins)
from rnnviz.engine.snapshots import SampleResult, SampleToken
from rnnviz.engine.trainer import Session


def session_of(level: str, bptt: int, cell: str = "lstm") -> Session:
    corpus = load_corpus("tale", level)
    return Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=16, hidden_size=24, cell=cell),
                   TrainConfig(batch_size=4, bptt=bptt, optimizer="adam", lr=0.02, max_steps=100))


def softmax(scores: np.ndarray) -> np.ndarray:
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def probe_and_softmax(session: Session, trained: int = 3):
    """A probe after ``trained`` steps, and the (T, V) float64 softmax of the same row, recomputed
    by a copy of the model from before the step, on the probe's inputs and the row's carried state."""
    for _ in range(trained):
        session.step(probe=False)
    before = copy.deepcopy(session.model)
    probe = session.step(probe=True).probe
    row = probe.row
    before.set_state({k: v[row:row + 1] for k, v in before.get_state().items()})
    before.eval()
    scores = before.predict(probe.input_ids[None, :])[0].astype(np.float64)     # (T, V)
    return probe, softmax(scores)


@pytest.mark.parametrize("cell", ["lstm", "rnn"])
def test_entropy_and_target_rank_against_the_models_softmax(cell):
    probe, P = probe_and_softmax(session_of("word", bptt=12, cell=cell))
    T, V = P.shape
    assert probe.vocab_size == V == 930 and probe.entropy.shape == (T,)
    expected = np.array([-sum(p * np.log(p) for p in row if p > 0) for row in P])    # one step at a time
    np.testing.assert_allclose(probe.entropy, expected, rtol=1e-4)
    # Neither zero nor the uniform log V: an untrained model after a few steps is in between.
    assert np.all(expected > 0.5) and np.all(expected < np.log(V) - 1e-3)
    for t in range(T):
        ordered = np.argsort(-P[t], kind="stable")
        p_target = P[t, probe.target_ids[t]]
        assert probe.target_ranks[t] == 1 + np.sum(P[t] > p_target)
        assert ordered[probe.target_ranks[t] - 1] == probe.target_ids[t] or P[t, ordered[
            probe.target_ranks[t] - 1]] == p_target


def test_binned_sorted_distribution_sums_to_one_and_matches_the_softmax():
    """Word level at T = 12: V = 930 does not fit, so ranks 1..10 are exact and the rest binned."""
    probe, P = probe_and_softmax(session_of("word", bptt=12))
    T, V = P.shape
    starts = probe.dist_starts
    assert starts[0] == 1 and np.all(np.diff(starts) > 0) and starts[-1] <= V
    assert len(starts) <= min(MAX_BINS, DIST_BUDGET // (2 * T)) and len(starts) > 40
    np.testing.assert_array_equal(starts[:EXACT_RANKS], np.arange(1, EXACT_RANKS + 1))
    assert probe.dist_logp.shape == (T, len(starts)) and probe.dist_logp.dtype == np.float16
    for t in range(T):
        first, last, mean = bin_probabilities(starts, probe.dist_logp[t], V)
        widths = last - first + 1
        assert widths.sum() == V
        assert abs((mean * widths).sum() - 1.0) < 2e-3
        ranked = np.sort(P[t])[::-1]
        np.testing.assert_allclose(mean[:EXACT_RANKS], ranked[:EXACT_RANKS], rtol=5e-3)
        # Each bin's mean against the mean of the sorted softmax over the same ranks.
        means = np.array([ranked[int(a) - 1:int(b)].mean() for a, b in zip(first, last)])
        np.testing.assert_allclose(mean, means, rtol=1e-2)
        assert np.all(np.diff(mean) <= 1e-6 * mean[:-1])          # sorted: never rises with rank
        # The probe's top-10 agree with its first ten exact ranks.
        np.testing.assert_allclose(probe.top_probs[t], mean[:EXACT_RANKS], rtol=5e-3)


def test_a_small_vocabulary_keeps_every_probability():
    """Char level (V = 51) at T = 8: every rank is its own bin, the sorted softmax itself."""
    probe, P = probe_and_softmax(session_of("char", bptt=8))
    T, V = P.shape
    np.testing.assert_array_equal(probe.dist_starts, np.arange(1, V + 1))
    for t in range(T):
        _, _, mean = bin_probabilities(probe.dist_starts, probe.dist_logp[t], V)
        np.testing.assert_allclose(mean, np.sort(P[t])[::-1], rtol=5e-3, atol=1e-9)
        assert abs(mean.sum() - 1.0) < 2e-3


def test_rank_bins_cover_every_rank_once_within_the_budget():
    for V, T in [(10_000, 35), (930, 35), (51, 32), (10_000, 5), (3, 35), (100_000, 200)]:
        starts = rank_bins(V, T)
        last = np.append(starts[1:] - 1, V)
        assert starts[0] == 1 and np.all(last >= starts) and last[-1] == V
        assert len(starts) <= min(V, MAX_BINS)
        assert 2 * T * len(starts) <= max(DIST_BUDGET, 2 * T * (EXACT_RANKS + 4))


def test_the_distribution_adds_little_to_a_ptb_sized_probe():
    """V = 10,000 at T = 35 (the book's ch.6): about 2.4 KB, against 350,000 floats in full."""
    session = Session(load_corpus("tale", "word"), ModelConfig(vocab_size=930, embed_size=8, hidden_size=8),
                      TrainConfig(batch_size=2, bptt=35, max_steps=10))
    probe = session.step(probe=True).probe
    extra = sum(a.nbytes for a in (probe.entropy, probe.target_ranks, probe.dist_starts, probe.dist_logp))
    assert extra <= DIST_BUDGET + 4 * 35 * 3
    assert len(rank_bins(10_000, 35)) * 35 * 2 <= DIST_BUDGET


def eos_heavy_session() -> Session:
    """A word model whose decoder bias makes <eos> about a third of its guesses."""
    session = session_of("word", bptt=8)
    eos = session.corpus.vocab.eos_id
    session.model.params["decoder.b"][eos] += 6.0
    return session


def test_a_streamed_sample_stops_at_its_first_eos():
    session = eos_heavy_session()
    items = list(session.iter_sample("the", 60, seed=6, stop_at_eos=True))
    tokens, result = items[:-1], items[-1]
    assert all(isinstance(t, SampleToken) for t in tokens) and isinstance(result, SampleResult)
    assert result.tokens[-1] == "<eos>" and "<eos>" not in result.tokens[:-1]
    assert 1 < len(result.tokens) < 60 and result.stopped_at_eos
    assert result.settings["stop_at_eos"] is True


def test_without_stop_at_eos_the_sample_runs_its_length_through_sentence_ends():
    session = eos_heavy_session()
    result = session.sample("the", 60, seed=6, stop_at_eos=False)
    assert len(result.tokens) == 60 and not result.stopped_at_eos
    assert result.tokens.count("<eos>") > 3
    # The same draws as the stopping run up to its <eos>: the stop cuts, it does not change.
    stopped = session.sample("the", 60, seed=6, stop_at_eos=True)
    assert result.tokens[:len(stopped.tokens)] == stopped.tokens
