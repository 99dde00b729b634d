import numpy as np
import pytest

from rnnviz.engine import RNNLM, ModelConfig
from rnnviz.engine.config import ConfigError
from rnnviz.engine.gradcheck import check_directions, check_entries

V = 7

CASES = [
    (cell, layers, inp, tie)
    for cell in ("rnn", "lstm", "gru")
    for layers in (1, 2)
    for inp, tie in (("embedding", False), ("embedding", True), ("onehot", False))
]


def randomized_model(cell, layers, inp, tie, dropout=0.0, seed=0):
    cfg = ModelConfig(vocab_size=V, embed_size=5, hidden_size=5, cell=cell, num_layers=layers,
                      input=inp, tie_weights=tie, dropout=dropout, dtype="float64", seed=seed)
    model = RNNLM(cfg)
    # Initial weights are tiny by design (embeddings randn/100); a gradient check needs
    # gradients well above float64 round-off, so draw every weight at a moderate scale.
    rng = np.random.default_rng(seed + 100)
    for p in model.params.values():
        p[...] = rng.normal(0.0, 0.5, p.shape)
    return model


@pytest.mark.parametrize("cell,layers,inp,tie", CASES)
def test_rnnlm_gradients(cell, layers, inp, tie):
    model = randomized_model(cell, layers, inp, tie)
    rng = np.random.default_rng(1)
    xs, ts = rng.integers(0, V, (3, 5)), rng.integers(0, V, (3, 5))

    def loss():
        model.reset_state()
        return model.forward(xs, ts)

    loss()
    model.backward()
    directional = check_directions(loss, model.params, model.grads)
    assert max(directional.values()) <= 1e-6, directional
    # Single entries too, as the book checks them. An entry's central difference carries
    # ~2e-11 of float64 round-off from the loss, so this is |a - n| <= 1e-5 |n| + 1e-9
    # (np.allclose's form): relative for real gradients, absolute for ~1e-7 ones.
    entries = check_entries(loss, model.params, model.grads, atol=1e-4)
    assert max(entries.values()) <= 1e-5, entries


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_rnnlm_gradients_with_dropout(cell):
    model = randomized_model(cell, 2, "embedding", False, dropout=0.3)
    rng = np.random.default_rng(2)
    xs, ts = rng.integers(0, V, (3, 5)), rng.integers(0, V, (3, 5))
    start = model.dropout_rng.bit_generator.state

    def loss():
        model.reset_state()
        model.dropout_rng.bit_generator.state = start   # replay the same masks
        return model.forward(xs, ts)

    loss()
    model.backward()
    assert max(check_directions(loss, model.params, model.grads).values()) <= 1e-6


def test_parameter_names_are_stable():
    m = RNNLM(ModelConfig(vocab_size=V, embed_size=4, hidden_size=4, cell="lstm", num_layers=2))
    assert list(m.params) == ["embed.W", "lstm0.Wx", "lstm0.Wh", "lstm0.b", "lstm1.Wx",
                              "lstm1.Wh", "lstm1.b", "decoder.W", "decoder.b"]
    assert list(m.grads) == list(m.params)
    tied = RNNLM(ModelConfig(vocab_size=V, embed_size=4, hidden_size=4, cell="gru", tie_weights=True))
    assert list(tied.params) == ["embed.W", "gru0.Wx", "gru0.Wh", "gru0.b", "gru0.bhn", "decoder.b"]
    onehot = RNNLM(ModelConfig(vocab_size=V, hidden_size=4, cell="rnn", input="onehot"))
    assert onehot.params["rnn0.Wx"].shape == (V, 4)


def test_book_initialisation_scales():
    m = RNNLM(ModelConfig(vocab_size=1000, embed_size=100, hidden_size=100, cell="lstm", init="book"))
    assert m.params["embed.W"].dtype == np.float32
    assert abs(m.params["embed.W"].std() - 0.01) < 0.001
    assert abs(m.params["lstm0.Wx"].std() - 0.1) < 0.01
    assert not m.params["lstm0.b"].any()
    d2l = RNNLM(ModelConfig(vocab_size=28, hidden_size=32, cell="rnn", input="onehot", init="d2l"))
    assert abs(d2l.params["rnn0.Wh"].std() - 0.01) < 0.002
    orth = RNNLM(ModelConfig(vocab_size=50, embed_size=16, hidden_size=16, cell="gru",
                             init="orthogonal", dtype="float64"))
    block = orth.params["gru0.Wh"][:, :16]
    np.testing.assert_allclose(block @ block.T, np.eye(16), atol=1e-12)


def test_same_seed_same_weights_and_state_roundtrip():
    cfg = ModelConfig(vocab_size=V, embed_size=4, hidden_size=4, cell="lstm", seed=3)
    a, b = RNNLM(cfg), RNNLM(cfg)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    xs = np.arange(10).reshape(2, 5) % V
    a.predict(xs)
    state = a.get_state()
    assert set(state) == {"lstm0.h", "lstm0.c"}
    b.set_state(state)
    np.testing.assert_array_equal(a.predict(xs), b.predict(xs))


def test_eval_mode_is_deterministic_with_dropout():
    m = RNNLM(ModelConfig(vocab_size=V, embed_size=4, hidden_size=4, dropout=0.5)).eval()
    xs = np.arange(10).reshape(2, 5) % V
    m.reset_state()
    first = m.predict(xs)
    m.reset_state()
    np.testing.assert_array_equal(first, m.predict(xs))


@pytest.mark.parametrize("kwargs", [
    {"vocab_size": 0}, {"vocab_size": 10, "hidden_size": 0}, {"vocab_size": 10, "num_layers": 5},
    {"vocab_size": 10, "cell": "transformer"}, {"vocab_size": 10, "dropout": 1.0},
    {"vocab_size": 10, "tie_weights": True, "embed_size": 3, "hidden_size": 4},
    {"vocab_size": 10, "dtype": "float16"},
])
def test_nonsensical_configs_are_refused(kwargs):
    with pytest.raises(ConfigError):
        ModelConfig(**kwargs)
