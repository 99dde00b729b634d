"""The language-model worker driving a real (tiny) Session: commands in, snapshots and events out.

No Qt: the worker is driven as a script would drive it, polling its mailbox."""
from __future__ import annotations

import time

import numpy as np
import pytest

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import corpus_spec
from rnnviz.engine.snapshots import (Divergence, EvalResult, SampleResult, SampleToken, StepSnapshot,
                                     StepStats)
from rnnviz.runtime.lm import TrainingWorker
from rnnviz.runtime.mailbox import Mailbox
from rnnviz.runtime.messages import (DIVERGED, PAUSED, TRAINING, Progress, RunReady, SampleFailed, Saved,
                                     StateChanged, WorkerError)

from .conftest import wait, wait_until

DATA = corpus_spec("tale")
# 32 x 16 tokens per step on the ~19k-character tale: 36 steps per epoch, a millisecond or two each.
MODEL = ModelConfig(vocab_size=2, embed_size=8, hidden_size=16)
TRAIN = TrainConfig(batch_size=32, bptt=16, optimizer="adam", lr=0.01, clip=1.0, epochs=2)


class Events:
    """Everything the worker posted, drained on demand."""

    def __init__(self, worker: TrainingWorker):
        self.worker = worker
        self.all: list = []

    def pull(self) -> list:
        self.all += self.worker.mailbox.drain()
        return self.all

    def of(self, kind) -> list:
        return [e for e in self.pull() if isinstance(e, kind)]

    def steps(self) -> list[StepSnapshot]:
        return self.of(StepSnapshot)

    def state(self) -> str | None:
        states = self.of(StateChanged)
        return states[-1].state if states else None


@pytest.fixture
def worker():
    w = TrainingWorker()
    w.start()
    yield w
    assert w.shutdown(timeout=5.0)


@pytest.fixture
def built(worker):
    events = Events(worker)
    worker.build(DATA, MODEL, TRAIN)
    wait_until(lambda: bool(events.of(RunReady)), timeout=10_000)
    return worker, events


def test_build_reports_the_run(built):
    worker, events = built
    info = events.of(RunReady)[0].info
    assert info.model_config.vocab_size == len(info.vocab) > 2       # taken from the corpus
    assert info.param_shapes["lstm0.Wh"] == (16, 64)
    assert info.iters_per_epoch == 36 and info.iteration == 0
    assert events.state() == PAUSED


def test_play_then_pause_stops_training(built):
    worker, events = built
    worker.play()
    wait_until(lambda: bool(len(events.steps()) >= 5), timeout=10_000)
    worker.pause()
    wait_until(lambda: bool(events.state() == PAUSED), timeout=5_000)
    stopped_at = worker.session.iteration
    wait(300)
    assert worker.session.iteration == stopped_at
    assert [s.stats.iteration for s in events.steps()] == list(range(1, stopped_at + 1))  # none lost


def test_step_advances_by_one_with_a_probe(built):
    worker, events = built
    worker.step()
    wait_until(lambda: bool(events.steps()), timeout=5_000)
    wait(100)
    (step,) = events.steps()
    assert step.stats.iteration == 1 and worker.session.iteration == 1
    assert step.probe is not None and step.probe.iteration == 1


def test_step_epoch_ends_at_the_epoch_with_an_evaluation(built):
    worker, events = built
    worker.step()
    worker.step_epoch()
    wait_until(lambda: bool(events.of(EvalResult)), timeout=20_000)
    wait_until(lambda: bool(events.state() == PAUSED and events.of(StateChanged)[-2].state == TRAINING),
                    timeout=5_000)
    assert worker.session.iteration == 36
    assert events.of(EvalResult)[0].iteration == 36


def test_train_steps_keeps_every_scalar_and_every_probe(built):
    worker, events = built
    events.pull()
    worker.set_probe_every(1)
    worker.train_steps(20)
    # StateChanged(training), 20 steps, StateChanged(paused), all still in the mailbox
    wait_until(lambda: bool(len(worker.mailbox) >= 22), timeout=10_000)
    steps = events.steps()
    assert [s.stats.iteration for s in steps] == list(range(1, 21))
    # Every probe reaches the window (its timeline goes back to any of them).
    assert [s.stats.iteration for s in steps if s.probe is not None] == list(range(1, 21))


def test_reset_restores_the_initial_weights(built):
    worker, events = built
    initial = {k: v.copy() for k, v in worker.session.model.params.items()}
    worker.train_steps(5)
    wait_until(lambda: bool(len(events.steps()) == 5), timeout=10_000)
    worker.reset()
    wait_until(lambda: bool(len(events.of(RunReady)) == 2), timeout=5_000)
    ready = events.of(RunReady)[-1]
    assert ready.reason == "reset" and ready.info.iteration == 0
    for name, value in worker.session.model.params.items():
        np.testing.assert_array_equal(value, initial[name])


def test_learning_rate_and_clip_change_live(built):
    worker, events = built
    worker.set_lr(0.0123)
    worker.set_clip(0.5)
    worker.step()
    wait_until(lambda: bool(events.steps()), timeout=5_000)
    stats: StepStats = events.steps()[0].stats
    assert stats.lr == pytest.approx(0.0123) and stats.clip == 0.5
    assert worker.session.optimizer.lr == pytest.approx(0.0123)


def test_eval_every_changes_live_while_playing(built):
    worker, events = built
    worker.set_eval_every(5)
    worker.train_steps(12)
    wait_until(lambda: bool(events.state() == PAUSED and len(events.steps()) == 12), timeout=10_000)
    worker.set_eval_every(0)            # back to once per epoch (36 steps)
    worker.train_steps(30)
    wait_until(lambda: bool(len(events.steps()) == 42), timeout=10_000)
    wait_until(lambda: bool(events.state() == PAUSED), timeout=5_000)
    assert [e.iteration for e in events.of(EvalResult)] == [5, 10, 36]
    worker.set_eval_every(-3)
    wait_until(lambda: bool(events.of(WorkerError)), timeout=5_000)
    assert events.of(WorkerError)[0].command == "set_eval_every"
    assert worker.session.train_config.eval_every == 0


def progress_runs(events) -> list[list[Progress]]:
    """The Progress events, cut after each finished one."""
    runs, current = [], []
    for event in events.of(Progress):
        current.append(event)
        if event.finished:
            runs.append(current)
            current = []
    return runs + ([current] if current else [])


def test_build_evaluate_and_save_post_progress(built, tmp_path):
    worker, events = built
    build = progress_runs(events)
    assert [(run[0].task, run[0].text) for run in build] == [("build", "Loading corpus tale"),
                                                              ("build", "Building the model")]
    assert all(len(run) == 2 and run[0].total is None and run[-1].finished for run in build)
    before = len(events.of(Progress))
    worker.evaluate()
    wait_until(lambda: bool(events.of(EvalResult)), timeout=10_000)
    (evaluation,) = progress_runs(events)[len(build):]
    total = evaluation[0].total
    assert total is not None and total > 1 and evaluation[0].done == 0
    assert all(e.task == "evaluate" and e.text == "Evaluating validation" and e.total == total
               for e in evaluation)
    done = [e.done for e in evaluation]
    assert done == sorted(set(done)) and done[-1] == total and evaluation[-1].finished
    assert len(done) == min(total, 100) + 1        # one event per whole percent, at most 101
    assert len(events.of(Progress)) == before + len(evaluation)
    worker.save(str(tmp_path / "run.npz"))
    wait_until(lambda: bool(events.of(Saved)), timeout=10_000)
    save = progress_runs(events)[-1]
    assert [(e.task, e.text, e.finished) for e in save] == [("save", "Saving checkpoint", False),
                                                             ("save", "Saving checkpoint", True)]


def test_a_failed_build_still_finishes_its_progress(built, tmp_path):
    worker, events = built
    events.pull()
    events.all.clear()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    worker.build({**DATA, "source": str(empty)}, MODEL, TRAIN)
    wait_until(lambda: bool(events.of(WorkerError)), timeout=5_000)
    assert [(e.text, e.finished) for e in events.of(Progress)] == [("Loading corpus empty.txt", False),
                                                                   ("Loading corpus empty.txt", True)]


def test_sample_streams_tokens_then_a_result(built):
    worker, events = built
    worker.sample({"prefix": "The ", "length": 30, "temperature": 0.8, "top_k": 0, "greedy": False,
                   "seed": 3})
    wait_until(lambda: bool(events.of(SampleResult)), timeout=10_000)
    tokens = events.of(SampleToken)
    (result,) = events.of(SampleResult)
    assert [t.index for t in tokens] == list(range(30))
    assert result.text.startswith("The ") and result.tokens == tuple(t.token for t in tokens)
    # sampling left training exactly where it was
    assert worker.session.iteration == 0


def test_bad_prefix_is_reported_not_raised(built):
    worker, events = built
    worker.sample({"prefix": "\u20ac\u20ac", "length": 5})
    wait_until(lambda: bool(events.of(SampleFailed)), timeout=5_000)
    assert "not in the vocabulary" in events.of(SampleFailed)[0].message
    worker.step()                                           # and the worker still works
    wait_until(lambda: bool(events.steps()), timeout=5_000)


def test_stop_sample_ends_a_long_sample(built):
    worker, events = built
    worker.sample({"prefix": "a", "length": 100_000})
    wait_until(lambda: bool(len(events.of(SampleToken)) > 10), timeout=10_000)
    worker.stop_sample()
    wait_until(lambda: bool(events.of(SampleFailed)), timeout=5_000)
    assert events.of(SampleFailed)[0].message is None and not events.of(SampleResult)


def test_a_bad_corpus_leaves_the_previous_run(built, tmp_path):
    worker, events = built
    session = worker.session
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    worker.build({**DATA, "source": str(empty)}, MODEL, TRAIN)
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("abcabc")
    worker.build({**DATA, "source": str(tiny)}, MODEL, TRAIN)    # shorter than one batch
    wait_until(lambda: bool(len(events.of(WorkerError)) == 2), timeout=5_000)
    first, second = events.of(WorkerError)
    assert first.command == "build" and "empty file" in first.message
    assert "needs at least" in second.message
    assert worker.session is session and len(events.of(RunReady)) == 1


def test_divergence_pauses_with_the_sessions_message(worker):
    events = Events(worker)
    worker.build(DATA, MODEL, TrainConfig(batch_size=32, bptt=16, optimizer="sgd", lr=1e6, clip=0.0))
    worker.play()
    wait_until(lambda: bool(events.of(Divergence)), timeout=10_000)
    wait_until(lambda: bool(events.state() == DIVERGED), timeout=5_000)
    assert "lower the learning rate" in events.of(Divergence)[0].message
    n = worker.session.iteration
    wait(200)
    assert worker.session.iteration == n


def test_speed_cap_paces_training(built):
    worker, events = built
    worker.set_speed_cap(20)
    start = time.perf_counter()
    worker.play()
    wait(400)
    worker.pause()
    wait_until(lambda: bool(events.state() == PAUSED and len(events.of(StateChanged)) >= 3), timeout=5_000)
    elapsed = time.perf_counter() - start
    assert 1 <= len(events.steps()) <= elapsed * 20 + 2


def test_save_and_load_checkpoint(built, tmp_path):
    worker, events = built
    worker.train_steps(7)
    wait_until(lambda: bool(len(events.steps()) == 7), timeout=10_000)
    path = tmp_path / "run.npz"
    worker.save(str(path))                  # the worker's own history goes into the file
    wait_until(lambda: bool(events.of(Saved)), timeout=5_000)
    saved = {k: v.copy() for k, v in worker.session.model.params.items()}
    worker.train_steps(3)
    worker.load_checkpoint(str(path))
    wait_until(lambda: bool(len(events.of(RunReady)) == 2), timeout=10_000)
    ready = events.of(RunReady)[-1]
    assert ready.reason == "load" and ready.info.iteration == 7
    assert len(ready.history) == 7 and ready.history.column("iteration")[-1] == 7
    for name, value in worker.session.model.params.items():
        np.testing.assert_array_equal(value, saved[name])
    # The worker's history is the one the window would have drawn from the same events.
    from rnnviz.runtime.history import History
    drawn = History()
    drawn.extend(events.steps()[:7])
    np.testing.assert_array_equal(ready.history.column("loss"), drawn.column("loss"))
    assert ready.history is not worker.task.history     # the window's copy is its own


def test_the_worker_keeps_the_history_through_rewind_and_reset(built, tmp_path):
    from rnnviz.runtime.history import History
    worker, events = built
    worker.train_steps(30)
    wait_until(lambda: bool(len(events.steps()) == 30 and events.state() == PAUSED), timeout=10_000)
    drawn = History()
    drawn.extend(events.steps())
    np.testing.assert_array_equal(worker.task.history.column("loss"), drawn.column("loss"))
    assert worker.session.rewinds.iterations == [0, 25]
    worker.rewind(25)
    wait_until(lambda: bool(len(events.of(RunReady)) == 2), timeout=5_000)
    assert len(worker.task.history) == 25 == events.of(RunReady)[-1].info.iteration
    np.testing.assert_array_equal(worker.task.history.column("loss"), drawn.truncated(25).column("loss"))
    worker.reset()
    wait_until(lambda: bool(len(events.of(RunReady)) == 3), timeout=5_000)
    assert len(worker.task.history) == 0


def test_a_corrupt_checkpoint_changes_nothing(built, tmp_path):
    worker, events = built
    session = worker.session
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    worker.load_checkpoint(str(bad))
    wait_until(lambda: bool(events.of(WorkerError)), timeout=5_000)
    assert events.of(WorkerError)[0].command == "load_checkpoint"
    assert worker.session is session


def test_commands_without_a_model_are_errors(worker):
    events = Events(worker)
    worker.play()
    worker.sample({"prefix": "a", "length": 3})
    wait_until(lambda: bool(events.of(WorkerError) and events.of(SampleFailed)), timeout=5_000)
    assert "Apply" in events.of(WorkerError)[0].message


def test_shutdown_while_playing_joins(built):
    worker, events = built
    worker.play()
    wait_until(lambda: bool(len(events.steps()) >= 3), timeout=10_000)
    assert worker.shutdown(timeout=1.0)
    assert not worker.is_alive()


def test_mailbox_keeps_every_event_in_order():
    box = Mailbox()
    probe_a, probe_b = object(), object()

    def snap(i, probe=None):
        stats = StepStats(i, 0, 0.0, 1.0, 2.7, 0.1, 1.0, 1.0, 0.0, False, (), np.zeros(0), np.zeros(0),
                          np.zeros((1, 2)), 0.0, 4)
        return StepSnapshot(stats, probe)

    for i, probe in enumerate([probe_a, None, probe_b, None], start=1):
        box.post(snap(i, probe))
    items = box.drain()
    assert [s.stats.iteration for s in items] == [1, 2, 3, 4]
    assert [s.probe for s in items] == [probe_a, None, probe_b, None]      # the timeline wants them all
    assert box.drain() == [] and len(box) == 0
    lean = Mailbox(newest_probe_only=True)                  # a child's outbox: one probe per send
    for i, probe in enumerate([probe_a, None, probe_b, None], start=1):
        lean.post(snap(i, probe))
    assert [s.probe for s in lean.drain()] == [None, None, probe_b, None] and lean.probes_dropped == 1


@pytest.mark.parametrize("exc, expected", [
    (MemoryError(), "not enough memory"),
    (IndexError("list index out of range"), "Something went wrong inside rnnviz (IndexError)"),
    (PermissionError(13, "Permission denied", "/x/run.npz"), "Could not access /x/run.npz: Permission denied."),
    (ValueError("corpus.txt: empty file"), "corpus.txt: empty file"),
])
def test_failures_read_as_one_sentence_without_raw_exception_text(exc, expected, capsys):
    from rnnviz.runtime.messages import user_message
    text = user_message(exc)
    assert expected in text and "\n" not in text
    assert "MemoryError:" not in text and "list index out of range" not in text
