"""The cell descriptors agree with the layers they describe and with the configs."""
import numpy as np
import pytest

from rnnviz.engine.cells import CELL_TYPES, cell_type
from rnnviz.engine.config import CELLS


def test_every_configurable_cell_has_a_descriptor():
    assert tuple(CELL_TYPES) == CELLS
    with pytest.raises(KeyError, match="no cell type 'tcn'"):
        cell_type("tcn")


@pytest.mark.parametrize("name", CELLS)
def test_a_descriptor_matches_the_layer_it_builds(name):
    kind = cell_type(name)
    D, H, N, T = 3, 5, 2, 4
    rnn = kind.make_layer(np.random.default_rng(0), D, H, "book", np.float64)
    assert isinstance(rnn, kind.layer) and rnn.gates == kind.blocks
    assert {f"p.{k}": v.shape for k, v in rnn.params.items()} == kind.param_shapes("p", D, H)
    rnn.forward(np.ones((N, T, D)))
    assert tuple(rnn.states_over_time()) == kind.states
    assert all(a.shape == (T + 1, N, H) for a in rnn.states_over_time().values())
    assert set(kind.formulas) == set(kind.states) and set(kind.tanh_gates) <= set(kind.gates)
    assert kind.graph_states[-1] == "h"


def test_the_lstm_layout():
    lstm = cell_type("lstm")
    assert lstm.gates == ("i", "f", "o", "g") and lstm.states == ("h", "c") and lstm.blocks == 4
    assert lstm.gate_columns("f", 10) == slice(10, 20)
    assert lstm.block_order(lstm.torch_gates) == (0, 1, 3, 2)
    assert cell_type("rnn").blocks == 1 and cell_type("gru").blocks == 3


def test_the_book_init_draws_an_lstm_in_the_books_gate_order():
    D, H = 3, 2
    rnn = cell_type("lstm").make_layer(np.random.default_rng(5), D, H, "book", np.float64)
    rng = np.random.default_rng(5)
    f, g, i, o = np.split(rng.standard_normal((D, 4 * H)) / np.sqrt(D), 4, axis=1)
    np.testing.assert_array_equal(rnn.params["Wx"], np.concatenate([i, f, o, g], axis=1))


@pytest.mark.parametrize("name", CELLS)
def test_carry_state_starts_the_next_forward_where_the_last_ended(name):
    kind = cell_type(name)
    rnn = kind.make_layer(np.random.default_rng(1), 3, 4, "book", np.float64, stateful=False)
    xs = np.random.default_rng(2).standard_normal((2, 5, 3))
    whole = rnn.forward(xs).copy()
    rnn.reset_state()
    rnn.forward(xs[:, :3])
    rnn.carry_state()
    np.testing.assert_allclose(rnn.forward(xs[:, 3:]), whole[:, 3:], rtol=1e-12)
