"""Gate saturation (Karpathy et al. 2015, Fig. 3) from a probe, checked against a recomputation."""
import pickle

import numpy as np
import pytest

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus
from rnnviz.engine.gate_saturation import gate_saturation
from rnnviz.engine.snapshots import SATURATION_BINS, LayerProbe, Probe, StepSnapshot
from rnnviz.runtime import wire
from rnnviz.engine.trainer import Session


def probe_of(cell: str, trained: int = 0) -> Probe:
    """A probe of a 2-layer ``cell`` model after ``trained`` steps of Adam at a high rate (about
    20 of them take the gates away from 0.5, so saturation is something other than zeros)."""
    corpus = load_corpus("tale", "char")
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=12, cell=cell,
                                          num_layers=2),
                      TrainConfig(batch_size=4, bptt=16, optimizer="adam", lr=0.05, max_steps=100))
    for _ in range(trained):
        session.step(probe=False)
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
        assert np.array_equal(s.units, layer.units)
        counts, _ = np.histogram(a.ravel(), bins=SATURATION_BINS, range=(0, 1))
        np.testing.assert_array_equal(s.counts, counts)
        assert s.counts.sum() == T * U and len(s.edges) == SATURATION_BINS + 1


@pytest.mark.parametrize("cell, gates", [("lstm", ["i", "f", "o"]), ("gru", ["r", "z"])])
def test_a_probe_arrives_with_its_saturation_equal_to_numpy_on_its_own_gate_arrays(cell, gates):
    """What the engine attaches when it takes the probe, against numpy directly, 2 layers."""
    probe = probe_of(cell, trained=20)
    assert [(s.layer, s.gate) for s in probe.saturation] == [(f"{cell}{k}", g) for k in range(2) for g in gates]
    for s in probe.saturation:
        layer = next(layer for layer in probe.layers if layer.name == s.layer)
        a = layer.gates[s.gate].astype(np.float64)                  # (T, U) the probe's float16 numbers
        T, U = a.shape
        assert s.units is layer.units and s.left.shape == s.right.shape == (U,)
        np.testing.assert_array_equal(s.left, np.float32((a < 0.1).sum(axis=0) / T))
        np.testing.assert_array_equal(s.right, np.float32((a > 0.9).sum(axis=0) / T))
        np.testing.assert_array_equal(s.counts, np.histogram(a, bins=20, range=(0.0, 1.0))[0])
    # Trained a little, some gates saturate on each side: the comparison is not of zeros.
    assert any(s.left.any() for s in probe.saturation) and any(s.right.any() for s in probe.saturation)
    assert probe.nbytes < 100_000


def test_a_plain_rnn_probe_has_no_saturation():
    assert probe_of("rnn").saturation == ()


def test_the_saturation_crosses_the_pipe_with_its_probe():
    """Pickled as the child process sends it (packed with the graph), the saturation comes back
    equal, and its units are still the layer's array (sent once)."""
    corpus = load_corpus("tale", "char")
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=12, cell="lstm",
                                          num_layers=2), TrainConfig(batch_size=4, bptt=16, lr=1.0, max_steps=5))
    snapshot = session.step(probe=True)
    assert isinstance(snapshot, StepSnapshot) and snapshot.probe.saturation
    back = wire.unpack(pickle.loads(pickle.dumps(wire.pack(snapshot))))
    for sent, got in zip(snapshot.probe.saturation, back.probe.saturation, strict=True):
        assert (sent.layer, sent.gate, sent.low, sent.high) == (got.layer, got.gate, got.low, got.high)
        for name in ("units", "left", "right", "counts"):
            np.testing.assert_array_equal(getattr(sent, name), getattr(got, name))
        assert got.units is next(layer for layer in back.probe.layers if layer.name == got.layer).units


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
