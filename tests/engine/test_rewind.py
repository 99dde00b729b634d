"""Rewind: a diverged run goes back to a kept state and replays exactly from there."""
import math

import numpy as np
import pytest

from rnnviz.engine.rewind import RewindRing
from rnnviz.engine.snapshots import Divergence, StepSnapshot

from .test_session import session


def losses(s, n):
    return [s.step().stats.loss for _ in range(n)]


def test_rewind_replays_the_same_steps_bit_for_bit():
    s = session(dropout=0.3)                  # the dropout generator must come back too
    s.rewinds = RewindRing(every=10, depth=4)
    s.rewinds.keep(s)
    losses(s, 20)
    later = losses(s, 15)                     # steps 21..35
    params = {k: p.copy() for k, p in s.model.params.items()}
    assert s.rewinds.iterations == [0, 10, 20, 30]
    point = s.rewind(20)
    assert point.iteration == s.iteration == 20
    assert s.rewinds.iterations == [0, 10, 20]        # the future past step 20 is gone
    assert losses(s, 15) == later
    for key, p in s.model.params.items():
        np.testing.assert_array_equal(p, params[key])


def test_depth_and_byte_budget_bound_the_ring():
    s = session()
    s.rewinds = RewindRing(every=5, depth=3)
    losses(s, 40)
    assert s.rewinds.iterations == [30, 35, 40]
    one = s.rewinds.points[-1].nbytes
    s.rewinds = RewindRing(every=5, depth=8, budget=2 * one)
    losses(s, 40)
    assert len(s.rewinds) == 2
    s.rewinds = RewindRing(every=5, depth=8, budget=1)        # never fewer than one
    losses(s, 10)
    assert len(s.rewinds) == 1


def test_rewind_keeps_the_rate_and_tied_weights_share_memory():
    s = session()
    losses(s, 30)
    s.set_lr(0.001)
    s.rewind(25)
    assert s.optimizer.lr == 0.001
    with pytest.raises(ValueError, match="no rewind point at step 7"):
        s.rewind(7)


def test_divergence_then_rewind_and_a_lower_rate_trains_on():
    # SGD at lr 100 with clipping off blows up within a few dozen steps.
    s = session(optimizer="sgd", lr=100.0, clip=0.0)
    s.rewinds = RewindRing(every=2, depth=8)
    s.rewinds.keep(s)
    record = next(x for x in s.run(200) if isinstance(x, Divergence))
    assert record.rewind_to is not None and record.rewind_to <= record.iteration - 3
    assert record.rewind_to == max(p.iteration for p in s.rewinds.points
                                   if not p.loss > math.log(len(s.corpus.vocab)) + 1)
    assert record.suggested_lr == pytest.approx(10.0)
    assert f"Rewind to step {record.rewind_to}" in record.message and "Reset" in record.message
    s.rewind()
    assert s.iteration == record.rewind_to
    s.set_lr(0.5)
    after = [x.stats.loss for x in s.run(30) if isinstance(x, StepSnapshot)]
    assert len(after) == 30 and all(math.isfinite(v) for v in after)


def test_reset_starts_the_ring_over():
    s = session()
    losses(s, 50)
    s.reset()
    assert s.rewinds.iterations == [0]
