"""The classifier lab's worker alone, on a thread and in a child process: no window, no Qt."""
from __future__ import annotations

import pytest

from rnnviz.engine.classify_data import ClassDataSpec
from rnnviz.engine.config import ClassifierConfig, TrainConfig
from rnnviz.engine.snapshots import ClassifyResult
from rnnviz.runtime.classify import ClassifyReady, Read, ReadFailed, Unrolled, WorkerError, make_worker

from .conftest import wait_until

WAIT = 20_000


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_worker_alone_trains_reads_and_reports_bad_commands(kind, tmp_path):
    worker = make_worker(kind)
    worker.start()
    try:
        events: list = []
        worker.read(0)                                          # before any build
        worker.build(ClassDataSpec("first-token", max_len=20, n=400), ClassifierConfig(vocab_size=2, hidden_size=8),
                     TrainConfig(batch_size=32, optimizer="adam", lr=1e-2, epochs=2))
        worker.step_epoch()

        def drained(kind):
            events.extend(worker.mailbox.drain())
            return any(isinstance(e, kind) for e in events)
        wait_until(lambda: drained(ClassifyResult), timeout=WAIT)     # commands queued now run first
        worker.set_truncate(5)
        worker.read("ka lo mi")
        worker.read("")
        worker.graph(1)
        worker.save(str(tmp_path / "run.npz"))

        def settled() -> bool:
            events.extend(worker.mailbox.drain())
            return any(isinstance(e, Unrolled) for e in events) and any(
                getattr(e, "path", None) == str(tmp_path / "run.npz") for e in events)
        wait_until(settled, timeout=WAIT)
        errors = [e for e in events if isinstance(e, WorkerError)]
        assert [e.command for e in errors] == ["read"] and "no model yet" in errors[0].message
        (ready,) = [e for e in events if isinstance(e, ClassifyReady)]
        assert ready.config.vocab_size == ready.vocab_size and ready.classes == ("negative", "positive")
        results = [e for e in events if isinstance(e, ClassifyResult)]
        assert len(results) == 1 and results[0].iteration == ready.iters_per_epoch
        (read,) = [e for e in events if isinstance(e, Read)]
        assert read.trace.tokens == ("ka", "lo", "mi") and read.trace.truncate == 5
        assert [e.request for e in events if isinstance(e, ReadFailed)] == [""]
        worker.load(str(tmp_path / "run.npz"))
        wait_until(lambda: events.extend(worker.mailbox.drain()) or
                   sum(isinstance(e, ClassifyReady) for e in events) == 2, timeout=WAIT)
        reopened = [e for e in events if isinstance(e, ClassifyReady)][-1]
        assert reopened.iteration == ready.iters_per_epoch and reopened.config.truncate == 5
        assert reopened.curves.n == ready.iters_per_epoch and len(reopened.curves.columns["epoch"]) == 1
    finally:
        assert worker.shutdown(timeout=5.0)
    assert not worker.is_alive()
