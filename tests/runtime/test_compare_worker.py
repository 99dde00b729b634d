"""The lockstep comparison's worker alone, on a thread and in a child process: no window, no Qt."""
from __future__ import annotations

import numpy as np
import pytest

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import corpus_spec
from rnnviz.engine.lockstep import Tagged
from rnnviz.engine.snapshots import Divergence, EvalResult, SampleResult, StepSnapshot
from rnnviz.runtime.compare import CompareReady, make_worker
from rnnviz.runtime.messages import PAUSED, SampleFailed, StateChanged, WorkerError

from .conftest import wait_until

WAIT = 30_000
MODEL = ModelConfig(vocab_size=2, embed_size=8, hidden_size=12)
TRAIN = TrainConfig(batch_size=4, bptt=8, optimizer="adam", lr=0.01, clip=1.0, max_steps=30, epochs=0,
                    eval_every=10)


def drain_until(worker, events, condition):
    def done():
        events.extend(worker.mailbox.drain())
        return condition(events)
    wait_until(done, timeout=WAIT)


def steps_of(events, index):
    return [e.item for e in events if isinstance(e, Tagged) and e.index == index and isinstance(e.item, StepSnapshot)]


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_three_models_play_step_sample_and_reset_together(kind):
    worker = make_worker(kind)
    worker.start()
    try:
        events: list = []
        worker.step()                                   # before any build: one line, no crash
        worker.build(corpus_spec("tale", level="char"), MODEL, TRAIN, "rnn,lstm,gru")
        worker.play()
        drain_until(worker, events, lambda ev: any(isinstance(e, StateChanged) and e.state == "finished"
                                                   for e in ev))
        errors = [e for e in events if isinstance(e, WorkerError)]
        assert len(errors) == 1 and errors[0].command == "step" and "Build" in errors[0].message
        ready = next(e for e in events if isinstance(e, CompareReady))
        assert ready.labels == ("rnn", "lstm", "gru")
        assert [i.model_config.cell for i in ready.infos] == ["rnn", "lstm", "gru"]
        assert all(m > 0 for m in ready.memory) and ready.memory[1] > ready.memory[0]   # an LSTM has 4 blocks
        for i in range(3):
            assert [s.stats.iteration for s in steps_of(events, i)] == list(range(1, 31))
            assert len([e for e in events if isinstance(e, Tagged) and e.index == i
                        and isinstance(e.item, EvalResult)]) == 3
        # Rotation: RNN, LSTM, GRU, RNN, ...
        order = [e.index for e in events if isinstance(e, Tagged) and isinstance(e.item, StepSnapshot)]
        assert order[:6] == [0, 1, 2, 0, 1, 2]

        events.clear()
        worker.sample({"prefix": "the ", "length": 20, "seed": 7})
        drain_until(worker, events, lambda ev: sum(isinstance(e, Tagged) and isinstance(e.item, SampleResult)
                                                   for e in ev) == 3)
        samples = [e.item for e in events if isinstance(e, Tagged) and isinstance(e.item, SampleResult)]
        assert all(s.prefix == "the " and len(s.tokens) == 20 for s in samples)
        worker.sample({"prefix": "\x00no such token", "length": 5})
        drain_until(worker, events, lambda ev: any(isinstance(e, SampleFailed) for e in ev))

        events.clear()
        worker.reset()
        worker.step()
        drain_until(worker, events, lambda ev: len([e for e in ev if isinstance(e, Tagged)]) >= 3)
        assert next(e for e in events if isinstance(e, CompareReady)).reason == "reset"
        probed = [e.item for e in events if isinstance(e, Tagged)]
        assert [s.stats.iteration for s in probed] == [1, 1, 1]
        assert all(s.probe is not None for s in probed)     # Step always probes, as the main window's does
        assert [e.state for e in events if isinstance(e, StateChanged)][-1] == PAUSED
    finally:
        assert worker.shutdown(5.0)


def test_identical_models_post_identical_curves():
    """Through the worker too: two copies of one configuration are bit-identical step by step."""
    worker = make_worker("thread")
    worker.start()
    try:
        events: list = []
        worker.build(corpus_spec("tale", level="char"), MODEL, TRAIN, "lstm,lr=0.01")   # lr=0.01 is TRAIN's
        worker.train_rounds(20)
        drain_until(worker, events, lambda ev: len(steps_of(ev, 1)) == 20)
        a, b = steps_of(events, 0), steps_of(events, 1)
        assert [s.stats.loss for s in a] == [s.stats.loss for s in b]
        np.testing.assert_array_equal(np.stack([s.stats.dh_norms for s in a]), np.stack([s.stats.dh_norms for s in b]))
    finally:
        assert worker.shutdown(5.0)


def test_a_model_that_diverges_leaves_the_others_training():
    worker = make_worker("thread")
    worker.start()
    try:
        events: list = []
        worker.build(corpus_spec("tale", level="char"), MODEL, TRAIN, "lstm,rnn+lr=1e4+clip=0+optimizer=sgd")
        worker.play()
        drain_until(worker, events, lambda ev: any(isinstance(e, StateChanged) and e.state == "finished"
                                                   for e in ev))
        assert [e.index for e in events if isinstance(e, Tagged) and isinstance(e.item, Divergence)] == [1]
        assert len(steps_of(events, 0)) == 30
    finally:
        assert worker.shutdown(5.0)


def test_a_bad_comparison_is_one_line():
    worker = make_worker("thread")
    worker.start()
    try:
        events: list = []
        worker.build(corpus_spec("tale", level="char"), MODEL, TRAIN, "lstm,cnn")
        drain_until(worker, events, lambda ev: any(isinstance(e, WorkerError) for e in ev))
        error = next(e for e in events if isinstance(e, WorkerError))
        assert "'cnn'" in error.message and "\n" not in error.message
    finally:
        assert worker.shutdown(5.0)


def test_save_writes_one_ordinary_checkpoint_per_model_and_never_overwrites(tmp_path):
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.runtime.history import History
    from rnnviz.runtime.messages import Saved
    worker = make_worker("thread")
    worker.start()
    try:
        events: list = []
        worker.build(corpus_spec("tale", level="char"), MODEL, TRAIN, "rnn,gru")
        worker.train_rounds(12)
        drain_until(worker, events, lambda ev: len(steps_of(ev, 1)) == 12)
        worker.save(str(tmp_path / "run.npz"))
        drain_until(worker, events, lambda ev: any(isinstance(e, Saved) for e in ev))
        for cell in ("rnn", "gru"):
            ckpt = load_checkpoint(tmp_path / f"run-{cell}.npz")
            assert ckpt.step == 12 and ckpt.model_config.cell == cell
            assert len(History.from_arrays(ckpt.extra)) == 12
        before = (tmp_path / "run-gru.npz").read_bytes()
        worker.save(str(tmp_path / "run.npz"))
        drain_until(worker, events, lambda ev: any(isinstance(e, WorkerError) for e in ev))
        error = next(e for e in events if isinstance(e, WorkerError))
        assert "run-rnn.npz exists already" in error.message
        assert (tmp_path / "run-gru.npz").read_bytes() == before
    finally:
        assert worker.shutdown(5.0)
