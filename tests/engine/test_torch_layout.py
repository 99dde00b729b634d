"""The PyTorch-layout mapping, checked against PyTorch's documented equations written in NumPy.

``torch_forward`` below follows the formulas of the nn.RNN / nn.LSTM / nn.GRU docs literally,
one time step at a time, on arrays in PyTorch's names and shapes; it never touches the engine.
The last test repeats the check against real PyTorch when it is installed.
"""
import numpy as np
import pytest

from rnnviz.engine import RNNLM, ModelConfig
from rnnviz.engine.torch_layout import load_torch_layout, to_torch_layout, torch_shapes

V, D, H = 7, 5, 5

CASES = [(cell, layers, inp, tie)
         for cell in ("rnn", "lstm", "gru")
         for layers in (1, 2)
         for inp, tie in (("embedding", False), ("embedding", True), ("onehot", False))]
IDS = [f"{c}-{n}-{'tied' if t else i}" for c, n, i, t in CASES]


def config(cell, layers, inp, tie, dtype="float64", seed=0):
    return ModelConfig(vocab_size=V, embed_size=D, hidden_size=H, cell=cell, num_layers=layers,
                       input=inp, tie_weights=tie, dtype=dtype, seed=seed)


def randomized(cfg, seed=1):
    """A model with every weight and bias drawn at a moderate scale (biases start at 0)."""
    model = RNNLM(cfg)
    rng = np.random.default_rng(seed)
    for p in model.params.values():
        p[...] = rng.normal(0.0, 0.5, p.shape)
    return model.eval()


def random_torch_arrays(cfg, seed=2):
    rng = np.random.default_rng(seed)
    arrays = {k: rng.normal(0.0, 0.5, shape) for k, shape in torch_shapes(RNNLM(cfg)).items()}
    if cfg.tie_weights:
        arrays["decoder.weight"] = arrays["embedding.weight"].copy()
    return arrays


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def torch_forward(a, cfg, ids):
    """Scores (N, T, V) by the nn.* documentation's equations, in PyTorch's layout."""
    x = a["embedding.weight"][ids] if cfg.input == "embedding" else np.eye(V)[ids]
    N, T = ids.shape
    for k in range(cfg.num_layers):
        W_ih, W_hh = a[f"rnn.weight_ih_l{k}"], a[f"rnn.weight_hh_l{k}"]
        b_ih, b_hh = a[f"rnn.bias_ih_l{k}"], a[f"rnn.bias_hh_l{k}"]
        h = np.zeros((N, H))
        c = np.zeros((N, H))
        outputs = []
        for t in range(T):
            xt = x[:, t]
            if cfg.cell == "rnn":
                # h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)
                h = np.tanh(xt @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
            elif cfg.cell == "lstm":
                W_ii, W_if, W_ig, W_io = np.split(W_ih, 4)
                W_hi, W_hf, W_hg, W_ho = np.split(W_hh, 4)
                b_ii, b_if, b_ig, b_io = np.split(b_ih, 4)
                b_hi, b_hf, b_hg, b_ho = np.split(b_hh, 4)
                i = sigmoid(xt @ W_ii.T + b_ii + h @ W_hi.T + b_hi)
                f = sigmoid(xt @ W_if.T + b_if + h @ W_hf.T + b_hf)
                g = np.tanh(xt @ W_ig.T + b_ig + h @ W_hg.T + b_hg)
                o = sigmoid(xt @ W_io.T + b_io + h @ W_ho.T + b_ho)
                c = f * c + i * g
                h = o * np.tanh(c)
            else:
                W_ir, W_iz, W_in = np.split(W_ih, 3)
                W_hr, W_hz, W_hn = np.split(W_hh, 3)
                b_ir, b_iz, b_in = np.split(b_ih, 3)
                b_hr, b_hz, b_hn = np.split(b_hh, 3)
                r = sigmoid(xt @ W_ir.T + b_ir + h @ W_hr.T + b_hr)
                z = sigmoid(xt @ W_iz.T + b_iz + h @ W_hz.T + b_hz)
                n = np.tanh(xt @ W_in.T + b_in + r * (h @ W_hn.T + b_hn))
                h = (1 - z) * n + z * h
            outputs.append(h)
        x = np.stack(outputs, axis=1)                                       # (N, T, H)
    # PyTorch ties by sharing one Parameter, so the decoder reads the embedding itself.
    W_dec = a["embedding.weight"] if cfg.tie_weights else a["decoder.weight"]
    return x @ W_dec.T + a["decoder.bias"]                                  # (N, T, V)


def cross_entropy(scores, ts):
    s = scores.reshape(-1, V)
    s = s - s.max(axis=1, keepdims=True)
    logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    return -logp[np.arange(len(s)), ts.reshape(-1)].mean()


def batch(seed=3):
    rng = np.random.default_rng(seed)
    return rng.integers(0, V, (3, 6)), rng.integers(0, V, (3, 6))


# --- the mapping, against the documented equations -------------------------------------------

@pytest.mark.parametrize("cell,layers,inp,tie", CASES, ids=IDS)
def test_exported_arrays_drive_the_documented_equations(cell, layers, inp, tie):
    cfg = config(cell, layers, inp, tie)
    model = randomized(cfg)
    xs, _ = batch()
    arrays = to_torch_layout(model)
    assert {k: v.shape for k, v in arrays.items()} == torch_shapes(model)
    assert list(arrays) == list(torch_shapes(model))
    model.reset_state()
    np.testing.assert_allclose(model.predict(xs), torch_forward(arrays, cfg, xs), rtol=0, atol=1e-12)


@pytest.mark.parametrize("cell,layers,inp,tie", CASES, ids=IDS)
def test_loaded_torch_arrays_with_both_biases_predict_as_pytorch(cell, layers, inp, tie):
    cfg = config(cell, layers, inp, tie)
    arrays = random_torch_arrays(cfg)
    assert all(np.abs(v).min() > 0 for k, v in arrays.items() if "bias_hh" in k)
    model = RNNLM(cfg).eval()
    load_torch_layout(model, arrays)
    xs, _ = batch()
    np.testing.assert_allclose(model.predict(xs), torch_forward(arrays, cfg, xs), rtol=0, atol=1e-12)
    if tie:
        assert np.shares_memory(model.decoder.params["W"], model.params["embed.W"])


@pytest.mark.parametrize("cell,layers,inp,tie", CASES, ids=IDS)
def test_round_trip_is_identity(cell, layers, inp, tie):
    source = randomized(config(cell, layers, inp, tie))
    arrays = to_torch_layout(source)
    target = RNNLM(config(cell, layers, inp, tie, seed=9))
    load_torch_layout(target, arrays)
    for key, p in source.params.items():
        np.testing.assert_array_equal(target.params[key], p)
    again = to_torch_layout(target)
    assert again.keys() == arrays.keys()
    for key in arrays:
        np.testing.assert_array_equal(again[key], arrays[key])


@pytest.mark.parametrize("cell,layers,inp,tie", [c for c in CASES if c[1] == 2], ids=[
    i for c, i in zip(CASES, IDS) if c[1] == 2])
def test_gradients_match_central_differences_in_torch_layout(cell, layers, inp, tie):
    cfg = config(cell, layers, inp, tie)
    model = randomized(cfg)
    xs, ts = batch()
    model.reset_state()
    model.forward(xs, ts)
    model.backward()
    grads = to_torch_layout(model, grads=True)
    arrays = to_torch_layout(model)
    rng = np.random.default_rng(4)
    eps = 1e-6
    for key, a in arrays.items():
        if tie and key == "decoder.weight":     # the same Parameter as embedding.weight
            np.testing.assert_array_equal(grads[key], grads["embedding.weight"])
            continue
        for flat in rng.choice(a.size, size=min(a.size, 12), replace=False):
            idx = np.unravel_index(flat, a.shape)
            old = a[idx]
            a[idx] = old + eps
            plus = cross_entropy(torch_forward(arrays, cfg, xs), ts)
            a[idx] = old - eps
            minus = cross_entropy(torch_forward(arrays, cfg, xs), ts)
            a[idx] = old
            numeric = (plus - minus) / (2 * eps)
            assert abs(grads[key][idx] - numeric) <= 1e-8 + 1e-6 * abs(numeric), (key, idx)


# --- validation ------------------------------------------------------------------------------

def test_load_converts_to_the_model_dtype():
    cfg = config("lstm", 1, "embedding", False, dtype="float32")
    model = RNNLM(cfg)
    arrays = random_torch_arrays(config("lstm", 1, "embedding", False))    # float64
    load_torch_layout(model, arrays)
    assert all(p.dtype == np.float32 for p in model.params.values())
    np.testing.assert_allclose(to_torch_layout(model)["rnn.weight_hh_l0"], arrays["rnn.weight_hh_l0"],
                               rtol=1e-6)


def test_load_lists_every_problem_and_writes_nothing():
    cfg = config("gru", 2, "embedding", False)
    model = RNNLM(cfg)
    before = {k: p.copy() for k, p in model.params.items()}
    arrays = random_torch_arrays(cfg)
    arrays.pop("rnn.bias_hh_l1")
    arrays["rnn.weight_hh_l0"] = np.zeros((H, 3 * H))
    arrays["decoder.bias"] = arrays["decoder.bias"] + 0j
    arrays["lstm.weight"] = np.zeros(3)
    with pytest.raises(ValueError) as info:
        load_torch_layout(model, arrays)
    message = str(info.value)
    for words in ("missing rnn.bias_hh_l1", "unexpected lstm.weight",
                  "rnn.weight_hh_l0 has shape (5, 15), expected (15, 5)",
                  "decoder.bias has dtype complex128"):
        assert words in message, message
    for key, p in model.params.items():
        np.testing.assert_array_equal(p, before[key])


def test_tied_decoder_must_equal_the_embedding():
    cfg = config("lstm", 1, "embedding", True)
    arrays = random_torch_arrays(cfg)
    arrays["decoder.weight"] = arrays["decoder.weight"] + 1e-3
    with pytest.raises(ValueError, match="decoder.weight differs from embedding.weight"):
        load_torch_layout(RNNLM(cfg), arrays)


def test_onehot_models_have_no_embedding():
    arrays = to_torch_layout(RNNLM(config("rnn", 1, "onehot", False)))
    assert "embedding.weight" not in arrays and arrays["rnn.weight_ih_l0"].shape == (H, V)


# --- against PyTorch itself, when it is installed --------------------------------------------

@pytest.mark.parametrize("cell,layers,inp,tie", CASES, ids=IDS)
def test_against_pytorch(cell, layers, inp, tie):
    torch = pytest.importorskip(
        "torch", reason="PyTorch not installed; the NumPy reference test covers the mapping")
    nn, F = torch.nn, torch.nn.functional
    cfg = config(cell, layers, inp, tie)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            if inp == "embedding":
                self.embedding = nn.Embedding(V, D)
            rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cell]
            self.rnn = rnn(cfg.input_size, H, num_layers=layers, batch_first=True)
            self.decoder = nn.Linear(H, V)
            if tie:
                self.decoder.weight = self.embedding.weight

        def forward(self, ids):
            x = self.embedding(ids) if inp == "embedding" else F.one_hot(ids, V).double()
            return self.decoder(self.rnn(x)[0])

    torch.manual_seed(0)
    net = Net().double()
    xs, ts = batch()
    xs_t, ts_t = torch.from_numpy(xs), torch.from_numpy(ts)

    # engine -> PyTorch: outputs and gradients
    model = randomized(cfg)
    arrays = to_torch_layout(model)
    assert list(net.state_dict()) == list(arrays)
    net.load_state_dict({k: torch.from_numpy(v) for k, v in arrays.items()})
    model.reset_state()
    loss = model.forward(xs, ts)
    probs = model.loss_layer.probabilities(slice(None))   # read before backward reuses the buffer
    model.backward()
    scores = net(xs_t)
    torch_loss = F.cross_entropy(scores.reshape(-1, V), ts_t.reshape(-1))
    torch_loss.backward()
    np.testing.assert_allclose(probs.reshape(3, 6, V),
                               torch.softmax(scores, -1).detach().numpy(), rtol=0, atol=1e-10)
    assert abs(loss - torch_loss.item()) < 1e-10
    grads = to_torch_layout(model, grads=True)
    for key, param in net.named_parameters(remove_duplicate=False):
        np.testing.assert_allclose(grads[key], param.grad.numpy(), rtol=0, atol=1e-10, err_msg=key)

    # PyTorch -> engine: its own initialisation has non-zero bias_hh everywhere
    fresh = Net().double()
    target = RNNLM(config(cell, layers, inp, tie, seed=5)).eval()
    load_torch_layout(target, {k: v.numpy() for k, v in fresh.state_dict().items()})
    with torch.no_grad():
        expected = fresh(xs_t).numpy()
    np.testing.assert_allclose(target.predict(xs), expected, rtol=0, atol=1e-10)
