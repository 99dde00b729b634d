"""Run > Check gradients on a real worker: the report comes back with its progress, between steps of
a playing run, across the process pipe too, and the run trains on bit-identically to one never checked."""
from __future__ import annotations

import dataclasses

import numpy as np

from rnnviz.engine.grad_report import GradCheckReport
from rnnviz.engine.snapshots import StepSnapshot
from rnnviz.runtime.grad_check import TASK
from rnnviz.runtime.lm import LMProcessWorker, TrainingWorker
from rnnviz.runtime.messages import PAUSED, TRAINING, Progress, RunReady, WorkerError

from .conftest import wait_until
from .test_lm_worker import DATA, MODEL, TRAIN, Events, built, worker  # noqa: F401 (fixtures)

DROPOUT = dataclasses.replace(MODEL, dropout=0.3)     # its masks come from a generator the check must not draw


def test_the_report_comes_with_its_progress_and_is_not_kept(built):
    worker, events = built
    worker.train_steps(5)
    wait_until(lambda: len(events.steps()) == 5 and events.state() == PAUSED, timeout=10_000)
    worker.check_gradients()
    wait_until(lambda: bool(events.of(GradCheckReport)), timeout=20_000)
    (report,) = events.of(GradCheckReport)
    assert report.passed and report.iteration == 5 and report.state == "carried"
    assert [p.name for p in report.params] == list(worker.session.model.params)
    progress = [e for e in events.of(Progress) if e.task == TASK]
    assert progress[0].total is None and progress[-1].finished
    assert [e.done for e in progress if e.total and not e.finished] == list(range(1, len(report.params) + 2))
    assert not worker.task.history.keeps(report)
    assert events.state() == PAUSED and len(events.steps()) == 5


def test_no_model_yet_is_an_error_not_a_crash(worker):
    events = Events(worker)
    worker.check_gradients()
    wait_until(lambda: bool(events.of(WorkerError)), timeout=10_000)
    assert events.of(WorkerError)[0].command == "check_gradients" and not events.of(GradCheckReport)


def trained(worker, steps: int) -> Events:
    events = Events(worker)
    worker.build(DATA, DROPOUT, TRAIN)
    wait_until(lambda: bool(events.of(RunReady)), timeout=10_000)
    worker.train_steps(steps)
    wait_until(lambda: len(events.steps()) == steps and events.state() == PAUSED, timeout=10_000)
    return events


def test_a_checked_run_trains_on_bit_identically_to_one_never_checked():
    checked, plain = TrainingWorker(), TrainingWorker()
    checked.start()
    plain.start()
    try:
        a, b = trained(checked, 6), trained(plain, 6)
        checked.check_gradients()
        wait_until(lambda: bool(a.of(GradCheckReport)), timeout=20_000)
        assert a.of(GradCheckReport)[0].passed and a.of(GradCheckReport)[0].dropout == 0.3
        s, t = checked.session, plain.session
        for name, p in t.model.params.items():
            assert np.array_equal(s.model.params[name], p), name
        slots, slots2 = s.optimizer.state_dict(), t.optimizer.state_dict()
        assert slots.keys() == slots2.keys() and all(np.array_equal(slots[k], slots2[k]) for k in slots)
        state, state2 = s.model.get_state(), t.model.get_state()
        assert state.keys() == state2.keys() == {"lstm0.h", "lstm0.c"}
        assert all(np.array_equal(state[k], state2[k]) for k in state)
        assert s.stream.state_dict() == t.stream.state_dict()
        assert s.model.dropout_rng.bit_generator.state == t.model.dropout_rng.bit_generator.state
        checked.train_steps(3)
        plain.train_steps(3)
        wait_until(lambda: len(a.steps()) == len(b.steps()) == 9, timeout=10_000)
        assert [e.stats.loss for e in a.steps()] == [e.stats.loss for e in b.steps()]
    finally:
        assert checked.shutdown(timeout=5.0) and plain.shutdown(timeout=5.0)


def test_a_playing_run_waits_for_one_check_and_goes_on(built):
    worker, events = built
    worker.play()
    wait_until(lambda: len(events.steps()) >= 3, timeout=10_000)
    worker.check_gradients()
    wait_until(lambda: bool(events.of(GradCheckReport)), timeout=20_000)
    report = events.of(GradCheckReport)[0]
    assert report.passed and report.iteration >= 3
    n = len(events.steps())
    wait_until(lambda: len(events.steps()) > n + 3, timeout=10_000)      # it went on training
    assert events.state() == TRAINING
    # The report sits between the steps it came between: the batch of step iteration + 1.
    order = [e.stats.iteration if isinstance(e, StepSnapshot) else "check" for e in events.all
             if isinstance(e, (StepSnapshot, GradCheckReport))]
    at = order.index("check")
    assert order[at - 1] == report.iteration and order[at + 1] == report.iteration + 1
    worker.pause()


def test_the_report_crosses_the_process_pipe():
    worker = LMProcessWorker()
    worker.start()
    try:
        events = Events(worker)
        worker.build(DATA, MODEL, TRAIN)
        worker.check_gradients()
        wait_until(lambda: bool(events.of(GradCheckReport)), timeout=30_000)
    finally:
        assert worker.shutdown(timeout=5.0)
    (report,) = events.of(GradCheckReport)
    assert report.passed and report.iteration == 0 and report.state == "zero" and report.cell == "lstm"
    assert any(e.task == TASK and e.finished for e in events.of(Progress))
