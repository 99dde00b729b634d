"""Gate saturation (Karpathy et al. 2015, Fig. 3) from a probe, checked against a recomputation."""
import numpy as np
import pytest

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus
from rnnviz.engine.gate_saturation import gate_saturation
from rnnviz.engine.snapshots import LayerProbe, Probe
from rnnviz.engine.trainer import Session


def probe_of(cell: str) -> Probe:
    corpus = load_corpus("tale", "char")
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=12, cell=cell,
                                          num_layers=2), TrainConfig(batch_size=4, bptt=16, lr=1.0, max_steps=5))
    snapshot = session.step(probe=True)
    return snapshot.probe


@pytest.mark.parametrize("cell, gates", [("lstm", ["i", "f", "o"]), ("gru", ["r", "z"])])
def test_each_sigmoid_gate_unit_against_a_recomputation_from_the_probe(cell, gates):
    probe = probe_of(cell)
    found = gate_saturation(probe, cell)
    assert [(s.layer, s.gate) for s in found] == [(f"{cell}{k}", g) for k in range(2) for g in gates]
    for s in found:
        layer = next(layer for layer in probe.layers if layer.name == s.layer)
        a = layer.gates[s.gate].astype(np.float64)                  # (T, U)
        T, U = a.shape
        for u in range(U):                                          # one unit at a time, as the paper counts
            assert s.left[u] == sum(a[t, u] < 0.1 for t in range(T)) / T
            assert s.right[u] == sum(a[t, u] > 0.9 for t in range(T)) / T
        assert np.array_equal(s.units, layer.units) and s.values.size == T * U


def test_thresholds_on_a_hand_made_probe():
    gates = {"i": np.array([[0.05, 0.5], [0.95, 0.99], [0.01, 0.2], [0.5, 0.95]], np.float16),
             "f": np.zeros((4, 2), np.float16), "o": np.ones((4, 2), np.float16),
             "g": np.zeros((4, 2), np.float16)}
    layer = LayerProbe("lstm0", np.array([3, 7]), np.zeros((4, 2), np.float16), None, gates)
    probe = Probe(0, 0, np.zeros(4, np.int64), np.zeros(4, np.int64), ("a",) * 4, ("a",) * 4, (layer,),
                  np.zeros((4, 1), np.int64), np.zeros((4, 1), np.float32), np.zeros(4, np.float32),
                  np.zeros(4, np.float32), np.zeros((1, 4), np.float32))
    i, f, o = gate_saturation(probe, "lstm")
    np.testing.assert_array_equal(i.left, [0.5, 0.0])
    np.testing.assert_array_equal(i.right, [0.25, 0.5])
    np.testing.assert_array_equal(f.left, [1.0, 1.0])
    np.testing.assert_array_equal(o.right, [1.0, 1.0])
    assert gate_saturation(probe, "rnn") == ()
