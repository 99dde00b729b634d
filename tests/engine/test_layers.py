import numpy as np

from rnnviz.engine.gradcheck import check_directions, check_entries
from rnnviz.engine.layers import IGNORE, Affine, Dropout, Embedding, OneHot, SoftmaxCrossEntropy


def test_embedding_gradient_accumulates_repeated_ids():
    rng = np.random.default_rng(0)
    W = rng.normal(size=(6, 3))
    emb = Embedding(W)
    ids = np.array([[1, 2, 1], [5, 1, 0]])
    w = rng.normal(size=(2, 3, 3))

    def loss():
        return float(np.sum(w * emb.forward(ids)))

    loss()
    emb.backward(w)
    assert max(check_entries(loss, emb.params, emb.grads, samples=18).values()) <= 1e-6
    np.testing.assert_allclose(emb.grads["W"][1], w[0, 0] + w[0, 2] + w[1, 1])
    np.testing.assert_array_equal(emb.grads["W"][3], 0.0)


def test_onehot_matches_identity_rows():
    out = OneHot(5, np.float64).forward(np.array([[0, 4], [2, 2]]))
    np.testing.assert_array_equal(out, np.eye(5)[[[0, 4], [2, 2]]])


def test_affine_and_softmax_cross_entropy_gradients():
    rng = np.random.default_rng(1)
    aff = Affine(rng.normal(size=(4, 7)), rng.normal(size=7))
    loss_layer = SoftmaxCrossEntropy()
    x = rng.normal(size=(2, 3, 4))
    ts = rng.integers(0, 7, (2, 3))

    def loss():
        return loss_layer.forward(aff.forward(x), ts)

    loss()
    dx = aff.backward(loss_layer.backward())
    params = dict(aff.params, x=x)
    grads = dict(aff.grads, x=dx)
    assert max(check_directions(loss, params, grads).values()) <= 1e-6
    assert max(check_entries(loss, params, grads).values()) <= 1e-6


def test_ignored_targets_give_no_loss_and_no_gradient():
    rng = np.random.default_rng(2)
    scores = rng.normal(size=(2, 4, 5))
    ts = np.array([[1, 2, IGNORE, IGNORE], [0, IGNORE, 3, 4]])
    layer = SoftmaxCrossEntropy()
    loss = layer.forward(scores.copy(), ts)   # the layer works in place
    d = layer.backward()
    kept = ts != IGNORE
    logp = scores - np.log(np.exp(scores).sum(-1, keepdims=True))
    expected = -np.mean(np.take_along_axis(logp, np.where(kept, ts, 0)[..., None], -1)[..., 0][kept])
    assert np.isclose(loss, expected, rtol=1e-12)
    np.testing.assert_array_equal(d[~kept], 0.0)


def test_loss_is_finite_for_extreme_scores():
    scores = np.array([[[1000.0, -1000.0, 0.0]]])
    loss = SoftmaxCrossEntropy().forward(scores, np.array([[1]]))
    assert np.isfinite(loss) and np.isclose(loss, 2000.0)


def test_dropout_is_inverted_and_off_in_eval():
    rng = np.random.default_rng(3)
    drop = Dropout(0.5, rng)
    x = np.ones((200, 50))
    y = drop.forward(x)
    assert set(np.unique(y)) <= {0.0, 2.0}
    assert abs(y.mean() - 1.0) < 0.05
    np.testing.assert_array_equal(drop.backward(x), y)
    drop.train = False
    assert drop.forward(x) is x
