import numpy as np
import pytest

from rnnviz.engine.gradcheck import check_directions
from rnnviz.engine.gru import TimeGRU
from rnnviz.engine.recurrent import TimeLSTM, TimeRNN

from . import oracles

GATES = {"rnn": 1, "lstm": 4, "gru": 3}


def make_layer(kind, D=4, H=5, dtype=np.float64, seed=0, stateful=True):
    rng = np.random.default_rng(seed)
    G = GATES[kind]
    p = {"Wx": rng.normal(0, 0.5, (D, G * H)), "Wh": rng.normal(0, 0.5, (H, G * H)),
         "b": rng.normal(0, 0.5, G * H)}
    if kind == "gru":
        p["bhn"] = rng.normal(0, 0.5, H)
    p = {k: v.astype(dtype) for k, v in p.items()}
    cls = {"rnn": TimeRNN, "lstm": TimeLSTM, "gru": TimeGRU}[kind]
    return cls(**{k: v for k, v in p.items()}, stateful=stateful), p


@pytest.mark.parametrize("kind,H", [("rnn", 5), ("lstm", 5), ("gru", 5), ("lstm", 130)])
def test_equals_naive_per_step_oracle(kind, H):
    """H = 130 takes the LSTM's transposed forward matmul (from H = 128 up)."""
    layer, p = make_layer(kind, H=H)
    rng = np.random.default_rng(1)
    N, T, D = 3, 6, 4
    xs = rng.normal(size=(N, T, D))
    dhs = rng.normal(size=(N, T, H))
    h0 = rng.normal(size=(N, H))
    c0 = rng.normal(size=(N, H)) if kind == "lstm" else None
    layer.set_state(h0, c0)
    hs = layer.forward(xs)
    dxs = layer.backward(dhs)
    ref_hs, ref_grads, ref_dxs, ref_dh0, ref_dc0 = oracles.run(kind, {k: v.copy() for k, v in p.items()},
                                                               xs, dhs, h0, c0)
    np.testing.assert_allclose(hs, ref_hs, rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(dxs, ref_dxs, rtol=1e-11, atol=1e-12)
    np.testing.assert_allclose(layer.dh0, ref_dh0, rtol=1e-11, atol=1e-12)
    if kind == "lstm":
        np.testing.assert_allclose(layer.dc0, ref_dc0, rtol=1e-11, atol=1e-12)
    for name in p:
        np.testing.assert_allclose(layer.grads[name], ref_grads[name], rtol=1e-11, atol=1e-12,
                                   err_msg=name)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_layer_gradients_including_initial_state(kind):
    """Parameters, inputs and the initial state against central differences."""
    layer, _ = make_layer(kind, stateful=False)
    rng = np.random.default_rng(2)
    N, T, D, H = 2, 5, 4, 5
    xs = rng.normal(size=(N, T, D))
    w = rng.normal(size=(N, T, H))        # loss = sum(w * hs): a generic upstream gradient
    h0 = rng.normal(size=(N, H))
    c0 = rng.normal(size=(N, H)) if kind == "lstm" else None

    def loss():
        layer.set_state(h0, c0)
        return float(np.sum(w * layer.forward(xs)))

    loss()
    dxs = layer.backward(w)
    errs = check_directions(loss, layer.params, layer.grads)
    errs.update(check_directions(loss, {"xs": xs, "h0": h0}, {"xs": dxs, "h0": layer.dh0}))
    if kind == "lstm":
        errs.update(check_directions(loss, {"c0": c0}, {"c0": layer.dc0}))
    assert max(errs.values()) <= 1e-6, errs


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_state_is_carried_without_gradient(kind):
    layer, _ = make_layer(kind)
    rng = np.random.default_rng(3)
    xs = rng.normal(size=(2, 8, 4))
    whole = layer.forward(xs).copy()
    layer.reset_state()
    first = layer.forward(xs[:, :5]).copy()
    second = layer.forward(xs[:, 5:]).copy()
    np.testing.assert_allclose(np.concatenate([first, second], axis=1), whole, rtol=1e-12)
    layer.reset_state()
    again = layer.forward(xs[:, :5])
    np.testing.assert_allclose(again, first, rtol=1e-12)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_dh_norms_match_a_naive_recomputation(kind):
    layer, p = make_layer(kind)
    rng = np.random.default_rng(4)
    N, T, D, H = 3, 6, 4, 5
    xs, dhs = rng.normal(size=(N, T, D)), rng.normal(size=(N, T, H))
    layer.forward(xs)
    layer.backward(dhs)
    # dL/dh_t = upstream dhs[:, t] + what flows back from step t + 1, recorded step by step.
    total = np.zeros((N, T, H))
    cls = {"rnn": oracles.RNNCell, "lstm": oracles.LSTMCell, "gru": oracles.GRUCell}[kind]
    cells = [cls(**p) for _ in range(T)]
    h, c = np.zeros((N, H)), np.zeros((N, H))
    for t in range(T):
        if kind == "lstm":
            h, c = cells[t].forward(xs[:, t], h, c)
        else:
            h = cells[t].forward(xs[:, t], h)
    dh, dc = np.zeros((N, H)), np.zeros((N, H))
    for t in reversed(range(T)):
        total[:, t] = dhs[:, t] + dh
        if kind == "lstm":
            _, _, dh, dc = cells[t].backward(total[:, t], dc)
        else:
            _, _, dh = cells[t].backward(total[:, t])
    expected = np.sqrt((total ** 2).sum(axis=(0, 2)))
    np.testing.assert_allclose(layer.dh_norms, expected, rtol=1e-10)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_float32_stays_float32(kind):
    layer, _ = make_layer(kind, dtype=np.float32)
    xs = np.random.default_rng(5).normal(size=(2, 4, 4)).astype(np.float32)
    hs = layer.forward(xs)
    dxs = layer.backward(np.ones_like(hs))
    assert hs.dtype == np.float32 and dxs.dtype == np.float32
    assert all(g.dtype == np.float32 for g in layer.grads.values())
