"""Seq2seq (DLFS2 ch.7-8): float64 gradient checks, attention, greedy decoding."""
import numpy as np
import pytest

from rnnviz.engine.config import ConfigError, Seq2seqConfig
from rnnviz.engine.gradcheck import check_directions, check_entries
from rnnviz.engine.seq2seq import Seq2seq, TimeAttention

VARIANTS = [(cell, decoder, reverse) for cell in ("lstm", "gru") for decoder in ("plain", "peeky", "attention")
            for reverse in (False, True)]


def batch(V=11, N=3, Tq=6, Ta=5, seed=0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, V, (N, Tq)), rng.integers(0, V, (N, Ta))


@pytest.mark.parametrize("cell, decoder, reverse", VARIANTS)
def test_gradients_match_central_differences_in_float64(cell, decoder, reverse):
    # Orthogonal/Glorot init: the book's randn/100 embeddings leave the encoder's gradients
    # near 1e-4, where the loss's round-off alone gives relative errors of ~1e-6.
    model = Seq2seq(Seq2seqConfig(vocab_size=11, embed_size=5, hidden_size=7, cell=cell, decoder=decoder,
                                  reverse=reverse, init="orthogonal", dtype="float64", seed=3))
    xs, ts = batch()
    model.forward(xs, ts)
    model.backward()
    grads = {k: g.copy() for k, g in model.grads.items()}
    assert all(np.abs(g).sum() > 0 for g in grads.values()), "every parameter gets a gradient"

    def loss():
        return model.forward(xs, ts)

    worst = check_directions(loss, model.params, grads, directions=3)
    assert max(worst.values()) < 1e-6, worst
    # eps 1e-4: single entries of the encoder's weights get gradients near 1e-6, where the
    # round-off of a 1e-5 difference quotient (~1e-11) is already 1e-5 of them.
    entries = check_entries(loss, model.params, grads, samples=8, eps=1e-4)
    assert max(entries.values()) < 1e-5, entries


def test_attention_layer_gradients_and_weights():
    rng = np.random.default_rng(1)
    hs, dec = rng.standard_normal((2, 5, 4)), rng.standard_normal((2, 3, 4))
    att = TimeAttention()
    c = att.forward(hs, dec)
    np.testing.assert_allclose(att.weights.sum(axis=2), 1.0)
    # c_t is the weighted sum of the encoder states
    np.testing.assert_allclose(c[1, 2], (att.weights[1, 2][:, None] * hs[1]).sum(axis=0))
    w = rng.standard_normal(c.shape)
    dhs, ddec = att.backward(w)
    for arr, grad in ((hs, dhs), (dec, ddec)):
        num = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            old = arr[idx]
            arr[idx] = old + 1e-6
            plus = (TimeAttention().forward(hs, dec) * w).sum()
            arr[idx] = old - 1e-6
            minus = (TimeAttention().forward(hs, dec) * w).sum()
            arr[idx] = old
            num[idx] = (plus - minus) / 2e-6
        np.testing.assert_allclose(grad, num, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("decoder", ["plain", "peeky", "attention"])
def test_batched_greedy_decoding_equals_one_at_a_time(decoder):
    model = Seq2seq(Seq2seqConfig(vocab_size=13, embed_size=6, hidden_size=16, decoder=decoder, reverse=True,
                                  seed=2))
    xs, ts = batch(V=13, N=9, Tq=7, Ta=5, seed=4)
    for _ in range(3):          # some training so the answers are not all one token
        model.forward(xs, ts)
        model.backward()
        for k, p in model.params.items():
            p -= 0.5 * model.grads[k]
    together, trace = model.generate(xs, start_id=0, length=6, trace=True)
    for n in range(len(xs)):
        alone = model.generate(xs[n:n + 1], start_id=0, length=6)
        np.testing.assert_array_equal(alone[0], together[n])
    assert trace["probs"].shape == (6, 9, 13) and trace["hidden"].shape == (6, 9, 16)
    np.testing.assert_array_equal(trace["probs"].argmax(axis=2).T, together)
    if decoder == "attention":
        assert trace["attention"].shape == (6, 9, 7)
        np.testing.assert_allclose(trace["attention"].sum(axis=2), 1.0, rtol=1e-5)
    else:
        assert trace["attention"] is None


def test_teacher_forcing_reads_the_shifted_answer():
    """The loss at position t depends on ts[:, :t+1] only (the decoder cannot peek ahead)."""
    model = Seq2seq(Seq2seqConfig(vocab_size=11, embed_size=4, hidden_size=6, decoder="attention",
                                  dtype="float64"))
    xs, ts = batch(N=1)
    model.forward(xs, ts)
    before = model.loss_layer.losses.copy()
    changed = ts.copy()
    changed[0, -1] = (changed[0, -1] + 1) % 11
    model.forward(xs, changed)
    np.testing.assert_array_equal(model.loss_layer.losses[:-1], before[:-1])


def test_config_rejects_nonsense():
    with pytest.raises(ConfigError, match="decoder"):
        Seq2seqConfig(vocab_size=10, decoder="luong")
    with pytest.raises(ConfigError, match="cell"):
        Seq2seqConfig(vocab_size=10, cell="rnn")
