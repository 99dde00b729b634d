"""The seq2seq lab's worker alone, on a thread and in a child process: no window, no Qt."""
from __future__ import annotations

import pytest

from rnnviz.engine.config import Seq2seqConfig, TrainConfig
from rnnviz.engine.snapshots import AccuracyResult
from rnnviz.runtime.seq2seq import Seq2seqReady, WorkerError, make_worker

from .conftest import wait_until

N = 2000
BATCH = 64
WAIT = 20_000       # ms; a build or an epoch takes well under a second (a process adds its start)


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_worker_alone_trains_and_reports_bad_commands(kind):
    worker = make_worker(kind)
    worker.start()
    try:
        events: list = []
        worker.decode(0)                                       # before any build
        worker.build("addition", Seq2seqConfig(vocab_size=2, hidden_size=16, decoder="attention"),
                     TrainConfig(batch_size=BATCH, optimizer="adam", lr=1e-2, clip=5.0, epochs=3), n=N)
        worker.step_epoch()
        worker.decode(10**6)

        def settled() -> bool:
            events.extend(worker.mailbox.drain())
            return any(isinstance(e, AccuracyResult) for e in events)
        wait_until(settled, timeout=WAIT)
        errors = [e for e in events if isinstance(e, WorkerError)]
        assert [e.command for e in errors] == ["decode", "decode"]
        assert "no model yet" in errors[0].message and "does not exist" in errors[1].message
        results = [e for e in events if isinstance(e, AccuracyResult)]
        (ready,) = [e for e in events if isinstance(e, Seq2seqReady)]
        assert len(results) == 1 and results[0].iteration == ready.iters_per_epoch
        if kind == "thread":
            assert ready.iters_per_epoch == worker.session.iters_per_epoch
    finally:
        assert worker.shutdown(timeout=5.0)
    assert not worker.is_alive()
