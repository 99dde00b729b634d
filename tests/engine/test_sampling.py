"""Text generation: greedy / temperature / top-k choice, probabilities, stopping, and the
promise that sampling between training steps leaves training bit-identical."""
from __future__ import annotations

import contextlib

import numpy as np
import pytest

from rnnviz.engine import RNNLM, ModelConfig
from rnnviz.engine.data import EOS, UNK, TBPTTStream, build_vocab, tokenize
from rnnviz.engine import training
from rnnviz.engine.optim import SGD, Adam
from rnnviz.engine.sampling import (
    MAX_LENGTH, Sample, _draw, generate, iter_generate, render_text,
)

from .oracles import softmax

WORDS = "the cat sat on the mat\nthe dog ran to the cat\na bird sang\n"
WORD_VOCAB = build_vocab(tokenize(WORDS, "word"), "word")        # has <eos>, no <unk>
ABC_VOCAB = build_vocab(list("abc"), "char")                     # no <eos>, no <unk>


def random_model(V, cell="lstm", seed=0, scale=1.0, dtype="float64", **kw):
    """A tiny model whose weights are big enough that its distributions are far from uniform."""
    model = RNNLM(ModelConfig(vocab_size=V, embed_size=8, hidden_size=8, cell=cell,
                              dtype=dtype, seed=seed, **kw))
    rng = np.random.default_rng(seed + 100)
    for p in model.params.values():
        p[...] = rng.normal(0.0, scale, p.shape)
    return model


@pytest.fixture(scope="module")
def abc_model():
    """An LSTM trained on "abcabc...", so greedy continues the cycle with high confidence."""
    ids = ABC_VOCAB.encode(list("abc" * 100))
    model = RNNLM(ModelConfig(vocab_size=3, embed_size=8, hidden_size=8, dtype="float64"))
    stream, optim = TBPTTStream(ids, 4, 6), Adam(0.05)
    for _ in range(150):
        model.forward(*stream.next_batch())
        model.backward()
        optim.update(model.params, model.grads)
    model.reset_state()
    return model


def manual_greedy(model, prefix_ids, n, skip=()):
    """The book's RnnlmGen.generate with argmax, one predict per token."""
    model.eval()
    model.reset_state()
    scores = model.predict(np.asarray(prefix_ids)[None, :])[0, -1]
    out = []
    for _ in range(n):
        s = scores.copy()
        s[list(skip)] = -np.inf
        out.append(int(np.argmax(s)))
        scores = model.predict(np.array([[out[-1]]]))[0, -1]
    model.reset_state()
    return out


def one_forward_probs(model, prefix_ids, ids):
    """Distributions at every generated position from ONE forward over prefix + generated."""
    model.reset_state()
    seq = np.concatenate([prefix_ids, ids[:-1]]).astype(np.int64)
    scores = model.predict(seq[None, :])[0, len(prefix_ids) - 1:]   # (L, V)
    model.reset_state()
    return softmax(scores.astype(np.float64))


# --- choosing tokens -------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_greedy_equals_manual_argmax_loop(cell):
    model = random_model(len(WORD_VOCAB), cell)
    prefix = WORD_VOCAB.encode(["the", "cat"])
    sample = generate(model, WORD_VOCAB, "the cat", 30, greedy=True, stop_at_eos=False)
    assert sample.ids.tolist() == manual_greedy(model, prefix, 30)
    assert sample.prefix_ids.tolist() == prefix.tolist()
    assert sample.tokens == tuple(WORD_VOCAB.decode(sample.ids))
    again = generate(model, WORD_VOCAB, prefix.tolist(), 30, greedy=True, stop_at_eos=False, seed=99)
    assert again.ids.tolist() == sample.ids.tolist()


def test_trained_model_continues_the_pattern(abc_model):
    sample = generate(abc_model, ABC_VOCAB, "ab", 12, greedy=True)
    assert sample.text == "ab" + "cab" * 4
    assert "".join(sample.tokens) == "cab" * 4
    assert sample.probs.min() > 0.9
    assert not sample.stopped_at_eos


def test_seeded_sampling_is_reproducible_and_seeds_differ():
    model = random_model(len(WORD_VOCAB), scale=0.5)
    kw = dict(length=60, stop_at_eos=False)
    a = generate(model, WORD_VOCAB, "the", seed=1, **kw)
    b = generate(model, WORD_VOCAB, "the", seed=1, **kw)
    c = generate(model, WORD_VOCAB, "the", seed=2, **kw)
    assert a.ids.tolist() == b.ids.tolist() and a.text == b.text
    assert a.ids.tolist() != c.ids.tolist()
    g1, g2 = np.random.default_rng(1), np.random.default_rng(1)
    assert (generate(model, WORD_VOCAB, "the", seed=g1, **kw).ids.tolist()
            == generate(model, WORD_VOCAB, "the", seed=g2, **kw).ids.tolist())
    # A Generator is used as given, so a second run from it continues the stream.
    assert generate(model, WORD_VOCAB, "the", seed=g1, **kw).ids.tolist() != a.ids.tolist()


def test_sampling_follows_the_distribution():
    # First token only: frequencies over many seeds approach p (and p^(1/T) renormalised).
    model = random_model(len(WORD_VOCAB), scale=0.4)
    p = one_forward_probs(model, WORD_VOCAB.encode(["the"]), np.zeros(1, np.int64))[0]
    counts = np.bincount([generate(model, WORD_VOCAB, "the", 1, seed=s).ids[0] for s in range(3000)],
                         minlength=len(p))
    assert np.abs(counts / 3000 - p).max() < 0.04
    q = p ** 2 / (p ** 2).sum()
    counts = np.bincount([generate(model, WORD_VOCAB, "the", 1, seed=s, temperature=0.5).ids[0]
                          for s in range(3000)], minlength=len(p))
    assert np.abs(counts / 3000 - q).max() < 0.04


@pytest.mark.parametrize("setup", ["trained", "random"])
def test_tiny_temperature_and_top_k_1_equal_greedy(setup, abc_model):
    if setup == "trained":
        model, vocab, prefix = abc_model, ABC_VOCAB, "ab"
    else:
        model, vocab, prefix = random_model(len(WORD_VOCAB), "gru", scale=1.5), WORD_VOCAB, "the dog"
    greedy = generate(model, vocab, prefix, 25, greedy=True, stop_at_eos=False)
    cold = generate(model, vocab, prefix, 25, temperature=1e-4, seed=3, stop_at_eos=False)
    top1 = generate(model, vocab, prefix, 25, top_k=1, seed=4, temperature=3.0, stop_at_eos=False)
    assert cold.ids.tolist() == greedy.ids.tolist()
    assert top1.ids.tolist() == greedy.ids.tolist()
    np.testing.assert_array_equal(cold.probs, greedy.probs)


def test_top_k_keeps_only_the_k_most_likely():
    model = random_model(len(WORD_VOCAB), scale=0.3)
    sample = generate(model, WORD_VOCAB, "the", 200, top_k=3, temperature=5.0, seed=0,
                      stop_at_eos=False)
    # top_ids are the model's own ranking, so the choice must be among its first three.
    assert all(i in row[:3] for i, row in zip(sample.ids, sample.top_ids))
    assert len(set(sample.ids.tolist())) > 3      # and more than three ids overall


def test_skip_ids_never_appear():
    model = random_model(len(WORD_VOCAB), scale=0.5)
    greedy = generate(model, WORD_VOCAB, "the", 40, greedy=True, stop_at_eos=False)
    skip = sorted({int(greedy.ids[0]), WORD_VOCAB.eos_id, WORD_VOCAB.id("cat"), 0})
    for kw in (dict(greedy=True), dict(seed=0, temperature=3.0), dict(seed=1, top_k=2),
               dict(seed=2, temperature=1e-4), dict(seed=3, top_k=12, temperature=0.7)):
        sample = generate(model, WORD_VOCAB, "the", 300, skip_ids=skip, stop_at_eos=False, **kw)
        assert not set(sample.ids.tolist()) & set(skip), kw
    skipped = generate(model, WORD_VOCAB, "the", 40, greedy=True, skip_ids=skip, stop_at_eos=False)
    assert skipped.ids.tolist() == manual_greedy(model, WORD_VOCAB.encode(["the"]), 40, skip)


def test_skip_leaves_one_token_even_when_its_probability_underflows():
    # Huge weights: p of everything but the favourite is 0 in float64 at temperature 1e-4.
    model = random_model(len(WORD_VOCAB), scale=30.0)
    greedy = generate(model, WORD_VOCAB, "the", 5, greedy=True, stop_at_eos=False)
    skip = [i for i in range(len(WORD_VOCAB)) if i != 4]
    sample = generate(model, WORD_VOCAB, "the", 5, temperature=1e-4, skip_ids=skip, seed=0,
                      stop_at_eos=False)
    assert sample.ids.tolist() == [4] * 5
    assert greedy.ids.size == 5


class _FixedRng:
    """Stands in for a Generator whose next random() is chosen by the test."""

    def __init__(self, u):
        self.u = u

    def random(self):
        return self.u


def test_draw_never_picks_a_zero_weight_id():
    cum = np.cumsum([0.0, 0.0, 2.0, 0.0, 1.0, 0.0])
    assert _draw(cum, _FixedRng(0.0)) == 2               # u = 0 lands past the empty ids
    assert _draw(cum, _FixedRng(0.5)) == 2
    assert _draw(cum, _FixedRng(2 / 3)) == 4             # exactly on a boundary: the next id
    assert _draw(cum, _FixedRng(1.0 - 2**-53)) == 4
    assert _draw(cum, _FixedRng(1.0)) == 4               # round-off past the total: last weighted id


# --- what a Sample reports -------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_probs_and_top_match_one_forward(dtype):
    model = random_model(len(WORD_VOCAB), "lstm", scale=0.7, dtype=dtype, num_layers=2)
    sample = generate(model, WORD_VOCAB, "a bird", 40, temperature=0.8, top_k=6, seed=5,
                      stop_at_eos=False)
    L, K = 40, 5
    assert sample.ids.shape == (L,) and sample.ids.dtype == np.int64
    assert sample.probs.shape == (L,) and sample.probs.dtype == np.float64
    assert sample.top_ids.shape == (L, K) and sample.top_ids.dtype == np.int64
    assert sample.top_probs.shape == (L, K) and sample.top_probs.dtype == np.float64
    P = one_forward_probs(model, sample.prefix_ids, sample.ids)          # (L, V)
    rtol = 1e-12 if dtype == "float64" else 1e-5
    np.testing.assert_allclose(sample.probs, P[np.arange(L), sample.ids], rtol=rtol)
    order = np.argsort(-P, axis=1, kind="stable")[:, :K]
    np.testing.assert_array_equal(sample.top_ids, order)
    np.testing.assert_allclose(sample.top_probs, np.take_along_axis(P, order, 1), rtol=rtol)
    assert (np.diff(sample.top_probs, axis=1) <= 0).all()


def test_top_is_the_whole_vocabulary_when_it_is_small(abc_model):
    sample = generate(abc_model, ABC_VOCAB, "a", 4, seed=0)
    assert sample.top_ids.shape == (4, 3)
    assert sorted(sample.top_ids[0].tolist()) == [0, 1, 2]
    np.testing.assert_allclose(sample.top_probs.sum(axis=1), 1.0, rtol=1e-12)


def test_iter_generate_streams_the_same_steps():
    model = random_model(len(WORD_VOCAB), scale=0.5)
    sample = generate(model, WORD_VOCAB, "the", 20, seed=7, stop_at_eos=False)
    steps = list(iter_generate(model, WORD_VOCAB, "the", 20, seed=7, stop_at_eos=False))
    assert [s[0] for s in steps] == sample.ids.tolist()
    assert tuple(s[1] for s in steps) == sample.tokens
    assert [s[2] for s in steps] == sample.probs.tolist()
    np.testing.assert_array_equal(np.array([s[3] for s in steps]), sample.top_ids)
    np.testing.assert_array_equal(np.array([s[4] for s in steps]), sample.top_probs)


def test_length_zero_touches_nothing():
    model = random_model(len(WORD_VOCAB))
    model.predict(np.zeros((2, 3), np.int64))
    state = model.get_state()
    sample = generate(model, WORD_VOCAB, "the", 0)
    assert isinstance(sample, Sample)
    assert sample.ids.shape == (0,) and sample.top_ids.shape == (0, 5) and sample.text == "the"
    assert model.training
    assert all(np.array_equal(state[k], v) for k, v in model.get_state().items())


# --- stopping --------------------------------------------------------------------------------

def test_stop_at_eos():
    model = random_model(len(WORD_VOCAB), scale=0.3)
    eos = WORD_VOCAB.eos_id
    sample = generate(model, WORD_VOCAB, "the", 2000, seed=0)
    assert sample.stopped_at_eos and sample.ids[-1] == eos and eos not in sample.ids[:-1]
    assert sample.text.endswith("\n")
    # Only <eos> allowed: one token with stop_at_eos, all of them without.
    only_eos = [i for i in range(len(WORD_VOCAB)) if i != eos]
    assert generate(model, WORD_VOCAB, "the", 9, greedy=True, skip_ids=only_eos).ids.tolist() == [eos]
    full = generate(model, WORD_VOCAB, "the", 9, greedy=True, skip_ids=only_eos, stop_at_eos=False)
    assert full.ids.tolist() == [eos] * 9 and not full.stopped_at_eos


def test_on_token_sees_each_token_and_can_stop():
    model = random_model(len(WORD_VOCAB), scale=0.5)
    seen = []

    def on_token(i, token, prob):
        seen.append((i, token, prob))
        return len(seen) == 7 or None

    sample = generate(model, WORD_VOCAB, "the", 50, seed=0, stop_at_eos=False, on_token=on_token)
    assert len(sample.ids) == 7 and not sample.stopped_at_eos
    assert seen == list(zip(sample.ids.tolist(), sample.tokens, sample.probs.tolist()))


def test_empty_prefix_starts_a_new_sentence():
    model = random_model(len(WORD_VOCAB), scale=0.5)
    sample = generate(model, WORD_VOCAB, "", 15, seed=0, stop_at_eos=False)
    from_eos = generate(model, WORD_VOCAB, [WORD_VOCAB.eos_id], 15, seed=0, stop_at_eos=False)
    assert sample.prefix_ids.shape == (0,) and sample.prefix_ids.dtype == np.int64
    assert sample.ids.tolist() == from_eos.ids.tolist()
    assert sample.text == render_text(WORD_VOCAB, sample.tokens)
    assert generate(model, WORD_VOCAB, [], 3, greedy=True).prefix_ids.shape == (0,)
    with pytest.raises(ValueError, match="give a prefix of at least one token"):
        generate(random_model(3), ABC_VOCAB, "", 5)


def test_unknown_prefix_tokens():
    with pytest.raises(ValueError, match=r"not in the vocabulary.*'z', 'q'"):
        generate(random_model(3), ABC_VOCAB, "abzqz", 5)
    with pytest.raises(ValueError, match="'zebra'"):
        generate(random_model(len(WORD_VOCAB)), WORD_VOCAB, "the zebra", 5)
    # A vocabulary with <unk> (normalised, d2l style) maps unknowns to it.
    vocab = build_vocab(tokenize("hello world", "char", normalize=True), "char", normalize=True)
    sample = generate(random_model(len(vocab)), vocab, "Hello, Zed!", 3, seed=0)
    assert sample.prefix_ids.tolist() == vocab.encode(list("hello zed")).tolist()
    assert vocab.id(UNK) in sample.prefix_ids


def test_render_text():
    assert render_text(WORD_VOCAB, ["the", "cat", EOS, "a", "bird", EOS]) == "the cat\na bird\n"
    assert render_text(WORD_VOCAB, [EOS, "the"]) == "\nthe"
    assert render_text(ABC_VOCAB, ["a", "b", "c"]) == "abc"
    sample = generate(random_model(len(WORD_VOCAB), scale=0.3), WORD_VOCAB, "the cat", 30, seed=1,
                      stop_at_eos=False)
    assert sample.text == render_text(WORD_VOCAB, ["the", "cat", *sample.tokens])
    assert " \n" not in sample.text and "\n " not in sample.text


# --- the model is handed back untouched ------------------------------------------------------

def _train_steps(model, optim, stream, n):
    losses = []
    for _ in range(n):
        losses.append(model.forward(*stream.next_batch()))
        model.backward()
        norm = float(np.sqrt(training.squared_norms(model.grads).sum()))
        optim.update(model.params, model.grads, scale=training.clip_rate(norm, 0.25)[1])
    return losses


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_sampling_between_steps_leaves_training_bit_identical(cell):
    ids = WORD_VOCAB.encode(tokenize(WORDS * 20, "word"))
    runs = []
    for sample_between in (False, True):
        model = random_model(len(WORD_VOCAB), cell, scale=0.3, dropout=0.3, num_layers=2)
        optim, stream = SGD(1.0), TBPTTStream(ids, 3, 5)
        losses = _train_steps(model, optim, stream, 3)
        if sample_between:
            generate(model, WORD_VOCAB, "the cat", 25, seed=0, stop_at_eos=False)
            assert model.training
        losses += _train_steps(model, optim, stream, 3)
        runs.append((losses, {k: v.copy() for k, v in model.params.items()}, model.get_state(),
                     model.dropout_rng.bit_generator.state))
    (l0, p0, s0, r0), (l1, p1, s1, r1) = runs
    assert l0 == l1
    assert p0.keys() == p1.keys() and all(np.array_equal(p0[k], p1[k]) for k in p0)
    assert s0.keys() == s1.keys() and all(np.array_equal(s0[k], s1[k]) for k in s0)
    assert r0 == r1


def test_eval_mode_and_empty_state_are_restored():
    model = random_model(len(WORD_VOCAB), dropout=0.5).eval()
    generate(model, WORD_VOCAB, "the", 5, seed=0)
    assert not model.training and model.get_state() == {}
    assert all(not d.train for d in model.dropouts)


def test_state_is_restored_on_error_and_on_close():
    model = random_model(len(WORD_VOCAB), dropout=0.2)
    model.forward(*[np.ones((2, 4), np.int64)] * 2)
    state = model.get_state()

    def unchanged():
        now = model.get_state()
        return model.training and now.keys() == state.keys() and all(
            np.array_equal(now[k], state[k]) for k in state)

    def boom(i, token, prob):
        raise RuntimeError("stop the world")

    with pytest.raises(RuntimeError, match="stop the world"):
        generate(model, WORD_VOCAB, "the", 10, on_token=boom)
    assert unchanged()
    steps = iter_generate(model, WORD_VOCAB, "the", 10, seed=0, stop_at_eos=False)
    assert unchanged()                       # nothing happens before the first next()
    with contextlib.closing(steps):
        next(steps)
        assert not model.training            # borrowed while suspended
    assert unchanged()
    model.params["decoder.b"][0] = np.nan    # a diverged model
    with pytest.raises(ValueError, match="not finite"):
        generate(model, WORD_VOCAB, "the", 10)
    assert unchanged()


# --- bad arguments ---------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs,match", [
    (dict(length=-1), "length"),
    (dict(length=MAX_LENGTH + 1), "length"),
    (dict(length=2.5), "length"),
    (dict(length=True), "length"),
    (dict(temperature=0), "temperature"),
    (dict(temperature=-1.0), "temperature"),
    (dict(temperature=float("nan")), "temperature"),
    (dict(temperature=float("inf")), "temperature"),
    (dict(temperature="hot"), "temperature"),
    (dict(top_k=-1), "top_k"),
    (dict(top_k=1.5), "top_k"),
    (dict(skip_ids=[99]), "skip_ids has id 99"),
    (dict(skip_ids=["<eos>"]), "skip_ids must hold integer"),
    (dict(skip_ids=5), "skip_ids must be a sequence"),
    (dict(skip_ids=range(len(WORD_VOCAB))), "nothing is left"),
    (dict(prefix=[0, -1]), "prefix has id -1"),
    (dict(prefix=[0, len(WORD_VOCAB)]), "out of range"),
    (dict(prefix=[0.5]), "prefix must hold integer"),
    (dict(prefix=b"the"), "not bytes"),
    (dict(seed="abc"), "seed"),
    (dict(seed=-3), "seed"),
])
def test_bad_arguments_raise_value_error(kwargs, match):
    model = random_model(len(WORD_VOCAB))
    args = dict(prefix="the", length=5)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        generate(model, WORD_VOCAB, args.pop("prefix"), args.pop("length"), **args)
    # iter_generate checks at call time, before any next()
    args = dict(prefix="the", length=5)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        iter_generate(model, WORD_VOCAB, args.pop("prefix"), args.pop("length"), **args)


def test_vocabulary_must_fit_the_model():
    with pytest.raises(ValueError, match="vocabulary has 3 tokens but the model was built for 4"):
        generate(random_model(4), ABC_VOCAB, "ab", 3)
