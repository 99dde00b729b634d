"""The probes kept for the timeline: every one within a budget, through a checkpoint, safely back."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from rnnviz.engine import ModelConfig, TrainConfig
from rnnviz.engine.checkpoint import load_checkpoint
from rnnviz.engine.data import load_corpus
from rnnviz.engine.snapshots import StepSnapshot
from rnnviz.engine.trainer import Session
from rnnviz.runtime import record_codec
from rnnviz.runtime.history import History
from rnnviz.runtime.probe_archive import KEEP_RECENT, PREFIX, ProbeArchive, record_bytes


def session(cell="lstm"):
    corpus = load_corpus("tale", "char")
    return Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=12, cell=cell,
                                       num_layers=2),
                   TrainConfig(batch_size=4, bptt=8, optimizer="adam", lr=0.01, max_steps=400, epochs=0))


@pytest.fixture(scope="module")
def trained():
    """A history of 60 steps with a probe (and its graph) every 5."""
    s = session()
    s.probe_every = 5
    history = History()
    for item in s.run(steps=60):
        history.add(item)
    return s, history


def assert_same(a, b):
    """Two records equal field by field, arrays bit for bit."""
    assert type(a) is type(b)
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            assert_same(getattr(a, f.name), getattr(b, f.name))
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_array_equal(a, b)
    elif isinstance(a, (tuple, list)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            assert_same(x, y)
    elif isinstance(a, dict):
        assert a.keys() == b.keys()
        for k in a:
            assert_same(a[k], b[k])
    elif isinstance(a, float) and np.isnan(a):
        assert np.isnan(b)
    else:
        assert a == b


def test_every_probe_is_kept_with_its_graph(trained):
    _, history = trained
    assert history.archive.steps == list(range(5, 61, 5))
    probe, graph = history.archive.at(33)
    assert probe.iteration == 30 and graph.iteration == 30
    assert history.archive.at(4) is None


def test_a_probe_and_its_graph_survive_the_codec_bit_for_bit(trained):
    _, history = trained
    probe, graph = history.archive.at(60)
    store = record_codec.ArrayStore()
    trees = [record_codec.encode(probe, store), record_codec.encode(graph, store)]
    arrays = store.arrays("x")
    assert len(arrays) <= 6                         # one flat array per dtype, not one per field
    tree = record_codec.loads(record_codec.dumps(trees))
    assert_same(record_codec.decode(tree[0], arrays, "x"), probe)
    assert_same(record_codec.decode(tree[1], arrays, "x"), graph)


def test_over_budget_the_past_thins_and_the_recent_stays(trained):
    _, history = trained
    entries = list(history.archive.items())
    per = max(record_bytes(p, g) for _, p, g in entries)
    small = ProbeArchive(budget=per * 40)
    for step in range(1, 301):
        probe, graph = entries[step % len(entries)][1:]
        small.add(dataclasses.replace(probe, iteration=step), graph)
    assert small.nbytes <= small.budget and len(small) < 60
    assert small.steps[-KEEP_RECENT:] == list(range(301 - KEEP_RECENT, 301))   # the newest all there
    assert small.steps[0] < 30                                                  # the past, thinned, not gone
    gaps = np.diff(small.steps)
    assert gaps[0] > gaps[-1] == 1                                              # sparser the further back
    tiny = ProbeArchive(budget=1)                                               # never stuck, never empty
    for step in range(1, 40):
        tiny.add(dataclasses.replace(entries[0][1], iteration=step), None)
    assert len(tiny) == KEEP_RECENT


def test_view_at_shows_the_run_as_it_was(trained):
    _, history = trained
    view = history.view_at(20)
    assert len(view) == 20 and view.column("iteration")[-1] == 20
    assert view.latest_probe.iteration == 20 and view.latest_graph.iteration == 20
    assert [it for it, _ in view.flow] == list(range(13, 21))
    assert len(history) == 60 and history.latest_probe.iteration == 60      # the live one untouched


def test_the_archive_goes_into_a_checkpoint_and_comes_back(trained, tmp_path):
    s, history = trained
    path = s.save(tmp_path / "run.npz", extra=history.to_arrays())
    back = History.from_arrays(load_checkpoint(path).extra)
    assert back.archive_error is None and back.archive.steps == history.archive.steps
    for (_, p, g), (_, q, h) in zip(history.archive.items(), back.archive.items()):
        assert_same(q, p)
        assert_same(h, g)
    assert [it for it, _ in back.view_at(60).flow] == [it for it, _ in history.view_at(60).flow]


@pytest.mark.parametrize("damage", ["record", "offset", "shape", "json", "field"])
def test_damaged_saved_probes_are_dropped_with_a_reason_and_the_curves_kept(trained, damage):
    _, history = trained
    arrays = history.to_arrays()
    index = record_codec.loads(arrays[f"{PREFIX}.index"])
    probe_tree = index[0][1]
    if damage == "record":
        probe_tree["record"] = "Popen"
    elif damage == "offset":
        probe_tree["fields"]["input_ids"]["array"][1] = 10 ** 9
    elif damage == "shape":                         # consistent bytes, wrong shape for the views
        ref = probe_tree["fields"]["target_ids"]["array"]
        ref[2] = [ref[2][0] - 1]
    elif damage == "field":
        probe_tree["fields"]["__class__"] = None
    arrays[f"{PREFIX}.index"] = np.array("{not json", np.str_) if damage == "json" else record_codec.dumps(index)
    back = History.from_arrays(arrays)
    assert back.archive_error and "\n" not in back.archive_error
    assert len(back.archive) == 0 and len(back) == 60          # the curves are kept
