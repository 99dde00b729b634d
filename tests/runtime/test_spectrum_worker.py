"""The W_h spectrum view's two commands on a real worker: a report between steps of a playing run
(not kept in the history, not pausing it), and W_h scaled on the model with a rewind point."""
from __future__ import annotations

from multiprocessing.reduction import ForkingPickler

import numpy as np

from rnnviz.engine.snapshots import StepSnapshot
from rnnviz.engine.spectrum import SpectrumReport, book_gradient_norms
from rnnviz.runtime import wire
from rnnviz.runtime.lm import LMProcessWorker
from rnnviz.runtime.messages import TRAINING, Notice, RunReady, StateChanged

from .conftest import wait_until
from .test_lm_worker import DATA, MODEL, TRAIN, Events, built, worker  # noqa: F401 (fixtures)


def test_a_report_comes_between_steps_while_training_plays(built):
    worker, events = built
    worker.spectrum(1.0)
    wait_until(lambda: bool(events.of(SpectrumReport)), timeout=10_000)
    (idle,) = events.of(SpectrumReport)
    assert idle.iteration == 0 and idle.norms.shape == (1, TRAIN.bptt) and idle.sweep_growth is None
    worker.play()
    wait_until(lambda: len(events.steps()) >= 3, timeout=10_000)
    worker.spectrum(0.5, False, True)
    wait_until(lambda: len(events.of(SpectrumReport)) == 2, timeout=10_000)
    playing = events.of(SpectrumReport)[-1]
    assert playing.scale == 0.5 and playing.iteration >= 3 and playing.sweep_growth.shape[1] == 1
    n = len(events.steps())
    wait_until(lambda: len(events.steps()) > n + 3, timeout=10_000)       # it went on training
    assert events.state() == TRAINING
    worker.pause()
    assert not worker.task.history.keeps(playing)


def test_the_books_experiment_needs_no_model(worker):
    events = Events(worker)
    worker.spectrum(1.0)                                   # no model yet: an empty report, no error
    worker.spectrum(0.7, True)
    wait_until(lambda: len(events.of(SpectrumReport)) == 2, timeout=10_000)
    empty, book = events.of(SpectrumReport)
    assert not empty.has_model and book.book
    np.testing.assert_array_equal(book.norms[0], book_gradient_norms(0.7))


def test_apply_scale_multiplies_w_h_and_reports_the_rewind_point(built):
    worker, events = built
    worker.train_steps(4)
    wait_until(lambda: len(events.steps()) == 4 and events.state() == "paused", timeout=10_000)
    before = worker.session.model.params["lstm0.Wh"].copy()
    worker.apply_scale(0.8)
    wait_until(lambda: bool(events.of(Notice)), timeout=10_000)
    np.testing.assert_array_equal(worker.session.model.params["lstm0.Wh"], before * np.float32(0.8))
    assert 4 in events.of(StateChanged)[-1].rewind_points
    assert str(events.of(Notice)[-1].text) == "W_h scaled by 0.80 at step 4; Rewind undoes it"
    worker.rewind(4)
    wait_until(lambda: len(events.of(RunReady)) == 2, timeout=10_000)
    np.testing.assert_array_equal(worker.session.model.params["lstm0.Wh"], before)


def test_a_report_crosses_the_process_pipe():
    worker = LMProcessWorker()
    worker.start()
    try:
        events = Events(worker)
        worker.build(DATA, MODEL, TRAIN)
        worker.spectrum(1.5, False, True)
        wait_until(lambda: bool(events.of(SpectrumReport)), timeout=30_000)
    finally:
        assert worker.shutdown(timeout=5.0)
    (report,) = events.of(SpectrumReport)
    assert report.iteration == 0 and len(report.blocks) == 4 and np.isfinite(report.sweep_growth).all()
    assert len(ForkingPickler.dumps(wire.pack(report))) < wire.FRAME_BUDGET
    assert not events.of(StepSnapshot)
