"""What a child process sends: probes coalesced before pickling, graph frames packed, every
record of the window's default run under the ~100 KB budget, and the engine's records rebuilt."""
from __future__ import annotations

import dataclasses
import threading
from multiprocessing.reduction import ForkingPickler

import numpy as np
import pytest

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import corpus_spec, load_corpus_from
from rnnviz.engine.presets import PRESETS
from rnnviz.engine.snapshots import (EvalResult, GraphFrame, SampleResult, SampleToken, StepSnapshot,
                                     StepStats)
from rnnviz.engine.trainer import Session
from rnnviz.runtime import wire
from rnnviz.runtime.lm import TrainingWorker
from rnnviz.runtime.messages import PAUSED, RunReady, Saved, StateChanged
from rnnviz.runtime.process import Outbox

from .conftest import wait_until


class Pipe:
    """Stands in for the child's events queue: pickles each record as multiprocessing does, and
    keeps its size and what the window's side would unpack."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.sizes: list[tuple[int, str]] = []
        self.received: list = []

    def put(self, item) -> None:
        data = bytes(ForkingPickler.dumps(item))
        with self._lock:
            self.sizes.append((len(data), type(item).__name__))
            self.received.append(wire.unpack(ForkingPickler.loads(data)))

    def of(self, kind) -> list:
        with self._lock:
            return [e for e in self.received if isinstance(e, kind)]


def test_every_record_of_the_default_run_stays_under_the_budget(tmp_path):
    """Everything the language model's child sends while the window's default run (the tale-lstm
    preset) trains with a probe at every step, steps, sub-steps, samples, saves and rewinds."""
    preset = PRESETS["tale-lstm"]
    pipe = Pipe()
    worker = TrainingWorker(Outbox(pipe))       # the child's task and outbox, on a thread
    worker.start()
    try:
        worker.set_probe_every(1)
        worker.build(preset.corpus_spec(), ModelConfig(vocab_size=2, **preset.model), TrainConfig(**preset.train))
        worker.play()
        wait_until(lambda: len(pipe.of(StepSnapshot)) >= 30, timeout=30_000)
        worker.pause()
        worker.step()
        for kind in ("forward", "forward_all", "backward", "backward_all", "clip", "update"):
            worker.substep(kind)
        worker.evaluate()
        worker.sample({"prefix": "The ", "length": 40, "seed": 1})
        worker.save(str(tmp_path / "run.npz"))
        worker.rewind(0)
        worker.load_checkpoint(str(tmp_path / "run.npz"))
        wait_until(lambda: len(pipe.of(RunReady)) == 3, timeout=30_000)
    finally:
        assert worker.shutdown(timeout=5.0)
    worker.mailbox.close()
    # An opened run's history goes up once, as long as the run is: it is measured on its own.
    streamed = [(size, name) for (size, name), item in zip(pipe.sizes, pipe.received)
                if not (isinstance(item, RunReady) and item.history is not None)]
    biggest = max(streamed)
    assert biggest[0] < wire.FRAME_BUDGET, f"{biggest[1]} of {biggest[0]:,} bytes"
    ((opened, _),) = [(size, name) for (size, name), item in zip(pipe.sizes, pipe.received)
                      if isinstance(item, RunReady) and item.history is not None]
    arrays = pipe.of(RunReady)[-1].history.to_arrays()
    assert opened < sum(a.nbytes for a in arrays.values()) + 10_000      # no spare capacity sent
    assert pipe.of(GraphFrame) and "Packed" in {name for _, name in pipe.sizes}
    probed = [s for s in pipe.of(StepSnapshot) if s.probe is not None]
    assert probed and all(s.graph is not None for s in probed)
    assert pipe.of(EvalResult) and pipe.of(SampleResult) and pipe.of(SampleToken) and pipe.of(Saved)
    assert pipe.of(RunReady)[-1].history is not None and len(pipe.of(RunReady)[-1].history) > 30


def test_the_outbox_pickles_only_the_newest_probe_of_an_interval():
    pipe = Pipe()
    outbox = Outbox(pipe, interval=0.3)
    probes = [object() for _ in range(10)]

    def snap(i, probe):
        stats = StepStats(i, 0, 0.0, 1.0, 2.7, 0.1, 1.0, 1.0, 0.0, False, (), np.zeros(0), np.zeros(0),
                          np.zeros((1, 2)), 0.0, 4)
        return StepSnapshot(stats, probe)

    for i, probe in enumerate(probes, start=1):
        outbox.post(snap(i, probe))
    outbox.post(StateChanged(PAUSED, 10))
    wait_until(lambda: len(pipe.received) == 11, timeout=5_000)
    steps = pipe.of(StepSnapshot)
    assert [s.stats.iteration for s in steps] == list(range(1, 11))     # every scalar still sent
    assert [s.stats.iteration for s in steps if s.probe is not None] == [10]
    assert isinstance(pipe.received[-1], StateChanged)
    outbox.close()
    assert len(pipe.received) == 11


@pytest.fixture(scope="module")
def probed_step():
    corpus = load_corpus_from(corpus_spec("tale"))
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=16, hidden_size=32),
                      TrainConfig(batch_size=8, bptt=12, optimizer="adam", lr=0.01))
    session.step(probe=True)
    return session.step(probe=True), session.substep("forward")


def assert_close_rows(sent: np.ndarray, got: np.ndarray) -> None:
    """Every value within 1/2048 of its row's largest magnitude; NaN and inf where they were."""
    assert got.dtype == sent.dtype and got.shape == sent.shape
    np.testing.assert_array_equal(np.isnan(got), np.isnan(sent))
    np.testing.assert_array_equal(np.isinf(got), np.isinf(sent))
    finite = np.isfinite(sent)
    scale = np.max(np.where(finite, np.abs(sent), 0), axis=1, keepdims=True)
    error = np.abs(np.where(finite, got, 0) - np.where(finite, sent, 0))
    assert np.all(error <= scale / 2048)


def test_a_probed_step_comes_back_as_it_left(probed_step):
    step, _ = probed_step
    packed = wire.pack(step)
    assert isinstance(packed, wire.Packed) and set(packed.from_probe) == {"h0", "c0"}
    back = wire.unpack(ForkingPickler.loads(ForkingPickler.dumps(packed)))
    assert type(back) is StepSnapshot and back.stats.loss == step.stats.loss and back.probe is not None
    np.testing.assert_array_equal(back.probe.layers[0].hidden, step.probe.layers[0].hidden)
    assert list(back.graph.vectors) == list(step.graph.vectors)
    for source, target in ((step.graph.vectors, back.graph.vectors), (step.graph.grad_vectors, back.graph.grad_vectors)):
        for node in source:
            assert_close_rows(source[node], target[node])
    rest = [f.name for f in dataclasses.fields(GraphFrame) if f.name not in ("vectors", "grad_vectors")]
    for name in rest:
        a, b = getattr(step.graph, name), getattr(back.graph, name)
        if isinstance(a, dict):
            assert list(a) == list(b), name
            for key in a:
                np.testing.assert_array_equal(a[key], b[key])
        elif isinstance(a, np.ndarray):
            np.testing.assert_array_equal(a, b)
        else:
            assert a == b or (a != a and b != b), name          # NaN until computed


def test_a_stepper_frame_keeps_its_gaps_and_tiny_gradients(probed_step):
    _, frame = probed_step                      # forward one step: most nodes not reached (NaN)
    grads = dict(frame.grad_vectors)
    node = next(iter(grads))
    tiny = np.full_like(grads[node], np.nan)
    tiny[0] = np.linspace(-3e-9, 3e-9, tiny.shape[1])     # far below float16's smallest normal
    tiny[1, 0] = np.inf
    frame = dataclasses.replace(frame, grad_vectors={**grads, node: tiny})
    back = wire.unpack(ForkingPickler.loads(ForkingPickler.dumps(wire.pack(frame))))
    assert type(back) is GraphFrame
    for source, target in ((frame.vectors, back.vectors), (frame.grad_vectors, back.grad_vectors)):
        for name in source:
            assert_close_rows(source[name], target[name])
    assert np.count_nonzero(back.grad_vectors[node][0]) == tiny.shape[1] - (tiny.shape[1] % 2)


def test_records_without_a_frame_pass_unchanged():
    ready = StateChanged(PAUSED, 3)
    assert wire.pack(ready) is ready and wire.unpack(ready) is ready
