"""DLFS2 ch.6's W_h experiment: the book's script reproduced, spectra of every recurrent block, and
the gradient through a window growing with the scale of W_h, measured on a copy of a model."""
import numpy as np
import pytest

from rnnviz.engine.classifier import Classifier
from rnnviz.engine.config import ClassifierConfig, ModelConfig
from rnnviz.engine.models import RNNLM
from rnnviz.engine.spectrum import book_gradient_norms, gradient_through_time, scaled_copy, spectra


def the_books_script(scale):
    """ch06/rnn_gradient_graph.py as the book writes it (global seed; restored afterwards)."""
    saved = np.random.get_state()
    try:
        N, H, T = 2, 3, 20
        dh = np.ones((N, H))
        np.random.seed(3)
        Wh = np.random.randn(H, H) * scale
        norm_list = []
        for t in range(T):
            dh = np.dot(dh, Wh.T)
            norm = np.sqrt(np.sum(dh ** 2)) / N
            norm_list.append(norm)
        return np.array(norm_list)
    finally:
        np.random.set_state(saved)


@pytest.mark.parametrize("scale", [1.0, 0.5, 0.8])
def test_the_books_experiment_is_reproduced_exactly(scale):
    np.testing.assert_array_equal(book_gradient_norms(scale), the_books_script(scale))


def test_the_books_two_figures_explode_and_vanish():
    up, down = book_gradient_norms(1.0), book_gradient_norms(0.5)
    assert up[-1] / up[0] > 50 and down[-1] / down[0] < 1e-3
    ratios = [book_gradient_norms(s)[-1] / book_gradient_norms(s)[0] for s in np.linspace(0.3, 2.0, 18)]
    assert np.all(np.diff(ratios) > 0)


@pytest.mark.parametrize("cell, gates", [("rnn", [""]), ("lstm", ["i", "f", "o", "g"]), ("gru", ["r", "z", "n"])])
def test_spectra_are_each_gates_block(cell, gates):
    model = RNNLM(ModelConfig(vocab_size=9, embed_size=4, hidden_size=5, cell=cell, num_layers=2, seed=2))
    blocks = spectra(model)
    assert [(b.layer, b.gate) for b in blocks] == [(f"{cell}{k}", g) for k in range(2) for g in gates]
    b = blocks[-1]
    Wh = model.params[f"{cell}1.Wh"].astype(np.float64)
    block = Wh[:, -5:]
    np.testing.assert_allclose(b.singular, np.linalg.svd(block, compute_uv=False), rtol=1e-12)
    assert b.largest == pytest.approx(np.linalg.norm(block, 2), rel=1e-12)
    assert b.radius == pytest.approx(max(abs(np.linalg.eigvals(block))), rel=1e-12)


def test_an_orthogonal_w_h_stretches_nothing():
    model = RNNLM(ModelConfig(vocab_size=9, embed_size=4, hidden_size=6, cell="rnn", init="orthogonal"))
    (block,) = spectra(model)
    np.testing.assert_allclose(block.singular, 1.0, rtol=1e-5)


def batch(V=20, N=4, T=30):
    rng = np.random.default_rng(0)
    return rng.integers(0, V, (N, T)), rng.integers(0, V, (N, T))


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_the_gradient_through_the_window_grows_with_the_scale_of_w_h(cell):
    # One fixed model (the book's init): dL/dh_0 relative to dL/dh_T rises with s across 0.5..1.3.
    model = RNNLM(ModelConfig(vocab_size=20, embed_size=8, hidden_size=16, cell=cell, dtype="float64", seed=1))
    xs, ts = batch()
    ratios = []
    for s in np.linspace(0.5, 1.3, 9):
        norms = gradient_through_time(model, xs, ts, s)
        assert norms.shape == (1, 30)
        ratios.append(norms[0, 0] / norms[0, -1])
    assert np.all(np.diff(ratios) > 0), ratios


def test_the_model_is_not_touched():
    model = RNNLM(ModelConfig(vocab_size=20, embed_size=8, hidden_size=16, cell="lstm", dropout=0.3, seed=1))
    xs, ts = batch()
    model.forward(xs, ts)
    model.backward()
    params = {k: p.copy() for k, p in model.params.items()}
    grads = {k: g.copy() for k, g in model.grads.items()}
    state = model.get_state()
    gradient_through_time(model, xs, ts, 1.5)
    assert all(np.array_equal(params[k], p) for k, p in model.params.items())
    assert all(np.array_equal(grads[k], g) for k, g in model.grads.items())
    after = model.get_state()
    assert after.keys() == state.keys() and all(np.array_equal(state[k], after[k]) for k in state)
    twin = scaled_copy(model, 2.0)
    np.testing.assert_array_equal(twin.params["lstm0.Wh"], 2.0 * model.params["lstm0.Wh"])
    np.testing.assert_array_equal(twin.params["decoder.W"], model.params["decoder.W"])


def test_a_classifier_is_measured_with_full_bptt():
    model = Classifier(ClassifierConfig(vocab_size=9, hidden_size=6, truncate=3, dtype="float64"))
    ids = np.random.default_rng(1).integers(1, 9, (3, 12))
    norms = gradient_through_time(model, ids, np.array([0, 1, 1]), 1.0)
    assert norms.shape == (1, 12) and (norms > 0).all() and model.truncate == 3
