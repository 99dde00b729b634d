"""The many-to-one classifier: float64 gradient checks (full BPTT), the seed's truncated loop
reproduced exactly (k < T), and the padding mask."""
import numpy as np
import pytest

from rnnviz.engine.classifier import PAD_ID, Classifier, class_probabilities
from rnnviz.engine.config import ClassifierConfig, ConfigError
from rnnviz.engine.gradcheck import check_directions, check_entries


def padded_batch(V=9, N=4, T=7, seed=0, classes=2):
    """Ids 1..V-1 with rows padded before their text (lengths T, T-2, 3, 1), and labels."""
    rng = np.random.default_rng(seed)
    ids = rng.integers(1, V, (N, T))
    for row, length in enumerate([T, T - 2, 3, 1][:N]):
        ids[row, :T - length] = PAD_ID
    return ids, rng.integers(0, classes, N)


VARIANTS = [(cell, inp, pool, classes, layers)
            for cell in ("rnn", "lstm", "gru") for inp, pool, classes, layers in
            (("onehot", "last", 2, 1), ("embedding", "mean", 3, 2), ("embedding", "last", 2, 2))]


@pytest.mark.parametrize("cell, inp, pool, classes, layers", VARIANTS)
def test_full_bptt_gradients_match_central_differences_in_float64(cell, inp, pool, classes, layers):
    cfg = ClassifierConfig(vocab_size=9, num_classes=classes, embed_size=5, hidden_size=6, cell=cell,
                           num_layers=layers, input=inp, pool=pool, dtype="float64", seed=4)
    model = Classifier(cfg)
    ids, labels = padded_batch(classes=classes)
    model.forward(ids, labels)
    model.backward()
    grads = {k: g.copy() for k, g in model.grads.items()}
    for name, g in grads.items():
        assert np.abs(g).sum() > 0, f"{name} gets no gradient"

    def loss():
        return model.forward(ids, labels)

    worst = check_directions(loss, model.params, grads, directions=3)
    assert max(worst.values()) < 1e-6, worst
    entries = check_entries(loss, model.params, grads, samples=8, eps=1e-4)
    assert max(entries.values()) < 1e-5, entries


def seed_gradients(x, y, W1x, W1h, b1, w2, b2, k):
    """The seed's RecurrentNetwork.forpass + backprop (『Do it! 딥러닝 입문』 ch.9), one step at a
    time in plain NumPy: walk back over the last k steps only. x is one-hot (N, T, V)."""
    N = len(x)
    h = [np.zeros((N, W1h.shape[0]))]
    seq = np.swapaxes(x, 0, 1)
    for x_t in seq:
        h.append(np.tanh(x_t @ W1x + h[-1] @ W1h + b1))
    z2 = h[-1] @ w2 + b2
    a = 1 / (1 + np.exp(-z2))
    err = -(y.reshape(-1, 1) - a)
    w2_grad = h[-1].T @ err / N
    b2_grad = np.sum(err, axis=0) / N
    w1h_grad = w1x_grad = b1_grad = 0
    err_to_cell = err @ w2.T * (1 - h[-1] ** 2)
    for x_t, h_prev in zip(seq[::-1][:k], h[:-1][::-1][:k]):
        w1h_grad = w1h_grad + h_prev.T @ err_to_cell
        w1x_grad = w1x_grad + x_t.T @ err_to_cell
        b1_grad = b1_grad + np.sum(err_to_cell, axis=0)
        err_to_cell = err_to_cell @ W1h.T * (1 - h_prev ** 2)
    return {"rnn0.Wx": w1x_grad / N, "rnn0.Wh": w1h_grad / N, "rnn0.b": b1_grad / N,
            "affine.W": w2_grad, "affine.b": b2_grad}


@pytest.mark.parametrize("k", [1, 3, 10, 12])
def test_truncated_gradients_equal_the_seeds_per_step_loop(k):
    T, V = 12, 8
    model = Classifier(ClassifierConfig(vocab_size=V, hidden_size=5, truncate=k, dtype="float64", seed=2))
    rng = np.random.default_rng(5)
    ids, labels = rng.integers(1, V, (6, T)), rng.integers(0, 2, 6)     # no padding: the seed has no mask
    model.forward(ids, labels)
    model.backward()
    p = model.params
    expected = seed_gradients(np.eye(V)[ids], labels, p["rnn0.Wx"], p["rnn0.Wh"], p["rnn0.b"],
                              p["affine.W"], p["affine.b"], k)
    for name, g in expected.items():
        np.testing.assert_allclose(model.grads[name], g, rtol=1e-12, atol=1e-15, err_msg=name)
    # the cut: no gradient reaches h_t before the last k steps
    norms = model.dh_norms()[0]
    assert (norms[:T - k] == 0).all() and (norms[T - k:] > 0).all()


def test_truncation_leaves_the_forward_pass_alone():
    ids, labels = padded_batch(T=9)
    full = Classifier(ClassifierConfig(vocab_size=9, cell="lstm", num_layers=2, input="embedding",
                                       embed_size=4, hidden_size=5, dtype="float64"))
    cut = Classifier(ClassifierConfig(vocab_size=9, cell="lstm", num_layers=2, input="embedding",
                                      embed_size=4, hidden_size=5, truncate=3, dtype="float64"))
    assert full.forward(ids, labels) == pytest.approx(cut.forward(ids, labels), rel=1e-14)
    np.testing.assert_allclose(full.hs, cut.hs, rtol=1e-13, atol=1e-15)


def test_truncated_lstm_gradient_is_the_gradient_with_the_cut_state_held_fixed():
    # With k < T the model differentiates L(theta) where the state handed over at the cut is a
    # constant: check that against central differences of exactly that function.
    cfg = ClassifierConfig(vocab_size=9, cell="lstm", hidden_size=5, truncate=4, dtype="float64", seed=1)
    model = Classifier(cfg)
    ids, labels = padded_batch(T=8)
    model.forward(ids, labels)
    model.backward()
    grads = {k: g.copy() for k, g in model.grads.items()}
    frozen = Classifier(cfg)
    frozen.truncate = 0
    frozen.forward(ids[:, :4], labels)                       # the state at the cut, once
    h, c = frozen.rnns[0].h.copy(), frozen.rnns[0].c.copy()
    tail = ids[:, 4:]

    def loss():                                               # L as a function of the last 4 steps only
        model.truncate = 0
        rnn = model.rnns[0]
        rnn.set_state(h, c)
        rnn.mask = np.ascontiguousarray((tail != PAD_ID).T[:, :, None].astype(np.float64))
        z = model.affine.forward(rnn.forward(model.embed.forward(tail))[:, -1])[:, 0].astype(np.float64)
        return float(np.mean(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - labels * z))

    worst = check_directions(loss, model.params, grads, directions=3)
    assert max(worst.values()) < 1e-6, worst


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_padding_is_masked_a_padded_row_reads_as_its_text_alone(cell):
    cfg = ClassifierConfig(vocab_size=9, cell=cell, hidden_size=6, pool="mean", dtype="float64", seed=7)
    model = Classifier(cfg)
    text = np.array([[3, 5, 2, 8]])
    alone = model.predict(text)
    padded = model.predict(np.concatenate([np.zeros((1, 5), np.int64), text], axis=1))
    np.testing.assert_allclose(padded, alone, rtol=1e-13)
    assert (model.hs[0, :5] == 0).all(), "the state stays zero over the padding"


def test_padding_gets_no_gradient():
    model = Classifier(ClassifierConfig(vocab_size=9, input="embedding", embed_size=3, hidden_size=4,
                                        dtype="float64"))
    ids, labels = padded_batch()
    model.forward(ids, labels)
    model.backward()
    assert (model.grads["embed.W"][PAD_ID] == 0).all()
    assert (model.rnns[0].dH[:, 3][:6] == 0).all()          # row 3 holds one token: six padded steps


def test_probabilities_sigmoid_and_softmax():
    p = class_probabilities(np.array([[0.0], [800.0], [-800.0]]))
    np.testing.assert_allclose(p, [[0.5, 0.5], [0.0, 1.0], [1.0, 0.0]])
    q = class_probabilities(np.array([[1.0, 1.0, 1.0]]))
    np.testing.assert_allclose(q, [[1 / 3] * 3])


def test_binary_loss_is_finite_for_extreme_logits():
    model = Classifier(ClassifierConfig(vocab_size=5, hidden_size=3, dtype="float64"))
    model.affine.params["b"][...] = 1e4
    loss = model.forward(np.array([[1, 2, 3]]), np.array([0]))
    assert np.isfinite(loss) and loss > 1e3


def test_config_refuses_nonsense():
    with pytest.raises(ConfigError, match="pool"):
        ClassifierConfig(vocab_size=5, pool="max")
    with pytest.raises(ConfigError, match="truncate"):
        ClassifierConfig(vocab_size=5, truncate=-1)
    with pytest.raises(ConfigError, match="num_classes"):
        ClassifierConfig(vocab_size=5, num_classes=1)


def test_orthogonal_init_is_keras_an_lstm_forget_gate_starts_open():
    from rnnviz.engine.cells import LSTM
    model = Classifier(ClassifierConfig(vocab_size=5, cell="lstm", hidden_size=4, num_layers=2))
    for i in range(2):
        b = model.params[f"lstm{i}.b"]
        f = LSTM.gate_columns("f", 4)
        assert (b[f] == 1).all() and (np.delete(b, np.arange(4, 8)) == 0).all()
    wh = model.params["lstm0.Wh"][:, :4].astype(np.float64)          # gate i's (H, H) block: orthogonal
    np.testing.assert_allclose(wh.T @ wh, np.eye(4), atol=1e-6)
    assert (Classifier(ClassifierConfig(vocab_size=5, cell="lstm", init="book")).params["lstm0.b"] == 0).all()
