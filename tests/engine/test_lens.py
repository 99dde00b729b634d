"""The text lens in the engine: surprisals that add up to the evaluation's loss, connectivity that
equals central finite differences, two checkpoints compared, and every refused text one line."""
import math

import numpy as np
import pytest

from rnnviz.engine import ModelConfig, TrainConfig
from rnnviz.engine.data import CorpusError, build_vocab, load_corpus
from rnnviz.engine.lens import (MAX_TOKENS, compare, connectivity, encode_text, frozen_copy, reach,
                                read_text)
from rnnviz.engine.models import RNNLM
from rnnviz.engine.trainer import Session, perplexity


@pytest.fixture(scope="module")
def trained():
    """A character LSTM trained 40 steps on the tale (float32, as the window trains)."""
    corpus = load_corpus("tale", "char")
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=16, hidden_size=32),
                      TrainConfig(batch_size=8, bptt=16, optimizer="adam", lr=0.01, clip=1.0, epochs=1))
    for _ in range(40):
        session.step()
    return session


def test_surprisals_sum_to_the_evaluation_loss_times_its_tokens(trained):
    """Session.evaluate with one row counts the first (n - 1) // bptt * bptt predictions; the lens
    reads them with the very same forward calls, and the last, shorter window besides."""
    session, bptt = trained, trained.train_config.bptt
    ids = session.corpus.valid                               # 2,084 characters
    reading = read_text(session.model, session.corpus.vocab, ids, bptt=bptt)
    n = len(ids)
    counted = (n - 1) // bptt * bptt
    assert counted < n - 1                                   # a tail the evaluation drops
    loss = math.log(session.evaluate(batch_size=1).perplexity)
    assert reading.surprisal[1:counted + 1].sum(dtype=np.float64) == pytest.approx(loss * counted, rel=2e-6)
    assert np.isnan(reading.surprisal[0]) and np.isfinite(reading.surprisal[1:]).all()
    # Over the whole text: the lens's own mean, and perplexity() on a text with no tail.
    assert reading.loss == pytest.approx(reading.surprisal[1:].mean(dtype=np.float64), rel=1e-6)
    whole = ids[:1 + 100 * bptt]
    part = read_text(session.model, session.corpus.vocab, whole, bptt=bptt)
    assert part.surprisal[1:].sum(dtype=np.float64) == pytest.approx(
        math.log(perplexity(session.model, whole, 1, bptt)) * 100 * bptt, rel=2e-6)
    assert part.perplexity == pytest.approx(perplexity(session.model, whole, 1, bptt), rel=1e-5)


def test_in_float64_the_identity_is_exact_to_round_off():
    vocab = build_vocab(list("abcdefgh "), "char")
    model = RNNLM(ModelConfig(vocab_size=len(vocab), embed_size=5, hidden_size=7, cell="gru", dtype="float64",
                              seed=3))
    ids = np.random.default_rng(0).integers(0, len(vocab), 1 + 9 * 7)
    reading = read_text(model, vocab, ids, bptt=7)
    expected = math.log(perplexity(model, ids, 1, 7)) * 9 * 7
    assert reading.loss * (len(ids) - 1) == pytest.approx(expected, rel=1e-12)
    # Only round-off depends on the window: the state is carried across.
    other = read_text(model, vocab, ids, bptt=20)
    np.testing.assert_allclose(other.surprisal[1:], reading.surprisal[1:], rtol=1e-6)


def test_running_perplexity_top_guesses_and_probabilities(trained):
    session = trained
    ids = session.corpus.valid[:300]
    r = read_text(session.model, session.corpus.vocab, ids, bptt=16)
    s = r.surprisal[1:].astype(np.float64)
    np.testing.assert_allclose(r.running_perplexity[1:], np.exp(np.cumsum(s) / np.arange(1, 300)), rtol=1e-5)
    assert r.running_perplexity[-1] == pytest.approx(r.perplexity, rel=1e-5)
    np.testing.assert_allclose(r.prob[1:], np.exp(-s), rtol=1e-5)
    probs = r.top_probs[1:].astype(np.float32)
    assert (np.diff(probs, axis=1) <= 0).all() and r.top_ids.shape == (300, 5)
    hits = r.top_ids[1:] == r.ids[1:, None]                 # where the target is among the guesses
    assert hits.any()
    np.testing.assert_allclose(probs[hits], r.prob[1:][hits.any(axis=1)], rtol=2e-3)
    assert r.tokens == tuple(session.corpus.vocab.decode(ids))


def test_reading_leaves_training_as_it_was(trained):
    session = trained
    model = session.model
    state, params = model.get_state(), {k: v.copy() for k, v in model.params.items()}
    read_text(model, session.corpus.vocab, session.corpus.valid[:200], bptt=16)
    assert model.training
    for k, v in model.get_state().items():
        np.testing.assert_array_equal(v, state[k])
    for k, v in model.params.items():
        np.testing.assert_array_equal(v, params[k])


# --- connectivity --------------------------------------------------------------------------------

def log_p(model, x, ids, t):
    """log p(ids[t] | x_0..x_{t-1}) by the layers' plain forwards and the decoder's weights: the oracle."""
    h = x
    for rnn in model.rnns:
        rnn.reset_state()
        h = rnn.forward(h)
    W = model.params["decoder.W"] if "decoder.W" in model.params else model.params["embed.W"].T
    scores = h[0, -1] @ W + model.params["decoder.b"]
    top = scores.max()
    return scores[ids[t]] - top - np.log(np.exp(scores - top).sum())


def finite_difference_norms(model, ids, t, eps=1e-6):
    twin = frozen_copy(model, "float64")
    x = np.array(twin.embed.forward(np.asarray(ids)[None, :t]), np.float64)     # (1, t, D)
    grad = np.empty(x.shape[1:])
    for s in range(x.shape[1]):
        for d in range(x.shape[2]):
            saved = x[0, s, d]
            x[0, s, d] = saved + eps
            plus = log_p(twin, x, ids, t)
            x[0, s, d] = saved - eps
            minus = log_p(twin, x, ids, t)
            x[0, s, d] = saved
            grad[s, d] = (plus - minus) / (2 * eps)
    return np.linalg.norm(grad, axis=1)


@pytest.mark.parametrize("config", [
    dict(cell="lstm", embed_size=6, hidden_size=9),
    dict(cell="gru", embed_size=5, hidden_size=8, num_layers=2),
    dict(cell="rnn", input="onehot", hidden_size=8),
])
def test_connectivity_equals_central_differences_at_three_positions(config):
    vocab = build_vocab(list("abcdefg "), "char")
    model = RNNLM(ModelConfig(vocab_size=len(vocab), seed=5, **config))     # float32, as trained
    ids = np.random.default_rng(1).integers(0, len(vocab), 30)
    for t in (3, 17, 29):
        got = connectivity(model, ids, t, serial=4)
        assert got.t == t and got.serial == 4 and got.norms.shape == (t,)
        expected = finite_difference_norms(model, ids, t)
        np.testing.assert_allclose(got.norms, expected, rtol=1e-5, atol=1e-9 * expected.max())
        np.testing.assert_array_equal(got.by_distance, got.norms[::-1])
    assert model.training and model.params[f"{config['cell']}0.Wh"].dtype == np.float32   # not touched


def test_connectivity_refuses_a_position_without_prediction():
    vocab = build_vocab(list("abc"), "char")
    model = RNNLM(ModelConfig(vocab_size=3, embed_size=2, hidden_size=3))
    with pytest.raises(ValueError, match="position 0 has no prediction"):
        connectivity(model, np.array([0, 1, 2]), 0)
    with pytest.raises(ValueError, match="choose one of 1..2"):
        connectivity(model, np.array([0, 1, 2]), 3)


def test_reach_is_the_distance_from_which_the_norms_stay_below_one_percent():
    # s = 0..5, distance d = 6 - s: 6, 5, 4, 3, 2, 1
    assert reach(np.array([0.001, 0.02, 0.001, 0.5, 1.0, 0.3])) == 6      # d = 5 is 2 %: stays above
    assert reach(np.array([0.001, 0.005, 0.001, 0.5, 1.0, 0.3])) == 4      # below from d = 4 on
    assert reach(np.array([0.5, 0.005, 0.001, 0.5, 1.0, 0.3])) is None      # the first token still counts
    assert reach(np.array([0.0, 0.0, 2.0])) == 2


# --- comparing two checkpoints -------------------------------------------------------------------------

def test_compare_says_which_tokens_got_easier(trained):
    session = trained
    vocab, ids = session.corpus.vocab, session.corpus.valid[:400]
    untrained = RNNLM(session.model_config)
    now = read_text(session.model, vocab, ids, bptt=16, serial=2)
    before = read_text(untrained, vocab, ids, bptt=16)
    c = compare(now, before, label="start.npz", other_iteration=0)
    np.testing.assert_allclose(c.delta[1:], now.surprisal[1:] - before.surprisal[1:], atol=1e-6)
    assert c.serial == 2 and c.easier + c.harder <= 399 and c.easier > c.harder
    assert c.perplexity < c.other_perplexity
    same = compare(now, now)
    assert same.easier == same.harder == 0 and not same.delta[1:].any()
    with pytest.raises(ValueError, match="different texts"):
        compare(now, read_text(untrained, vocab, ids[:300], bptt=16))


# --- texts the lens refuses, and what it does with unknown tokens ------------------------------------

def test_encode_text_refusals_are_one_line():
    vocab = build_vocab(list("abc "), "char")
    for text, message in (("", "the text has 0 tokens; the lens needs at least 2"),
                          ("a", "the text has 1 tokens"),
                          ("abxyzq", "the model's vocabulary, which has no <unk>, lacks 4 of the text's tokens "
                                     "('x', 'y', 'z', 'q')"),
                          ("ab" * (MAX_TOKENS // 2) + "a", "the text has 2,001 tokens; the lens reads at most 2,000")):
        with pytest.raises(CorpusError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
            encode_text(vocab, text)
        assert "\n" not in str(caught.value)
    tokens, ids, unknown, dropped = encode_text(vocab, "abxc", unknown="drop")
    assert tokens == ["a", "b", "c"] and ids.tolist() == [0, 1, 2] and (unknown, dropped) == (0, 1)


def test_a_vocabulary_with_unk_reads_unknown_tokens_as_unk():
    vocab = build_vocab(["the", "cat", "sat"], "word", normalize=True)      # <unk> at id 0
    tokens, ids, unknown, dropped = encode_text(vocab, "The dog sat")
    assert tokens == ["the", "dog", "sat"]                                 # shown as written
    assert ids.tolist() == [1, vocab.unk_id, 3] and (unknown, dropped) == (1, 0)
