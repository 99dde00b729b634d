"""Run > Check gradients' engine: a float64 check of the model on a copy, passing on every cell
and model shape, failing on a deliberately wrong gradient for that parameter alone, and never
moving the session it reads."""
import pickle

import numpy as np
import pytest

from rnnviz.engine import RNNLM
from rnnviz.engine.grad_report import (TOLERANCE, check_model, check_session, float64_copy, peek_batch,
                                       rows_within)

from .test_models import V, randomized_model
from .test_session import session

SHAPES = [(cell, layers, inp, tie)
          for cell in ("rnn", "lstm", "gru")
          for layers, inp, tie in ((1, "embedding", False), (2, "onehot", False), (2, "embedding", True))]


def batch(seed=1, N=3, T=6):
    rng = np.random.default_rng(seed)
    return rng.integers(0, V, (N, T)), rng.integers(0, V, (N, T))


@pytest.mark.parametrize("cell,layers,inp,tie", SHAPES)
def test_every_parameter_passes_on_a_correct_model(cell, layers, inp, tie):
    model = randomized_model(cell, layers, inp, tie)
    xs, ts = batch()
    report = check_model(model, xs, ts, iteration=7)
    assert report.passed and report.tolerance == TOLERANCE == 1e-6
    assert [p.name for p in report.params] == list(model.params)
    for p in report.params:
        assert p.shape == model.params[p.name].shape and p.entries == 5 and p.directions == 3
        assert p.passed and p.beyond_roundoff <= TOLERANCE and p.grad_norm > 0
    # Measured, not vacuous: the raw error is a float64 one, far from float32's 1e-3.
    assert 0 < report.max_error < 1e-4
    assert (report.cell, report.num_layers, report.input, report.tie_weights) == (cell, layers, inp, tie)
    assert (report.iteration, report.rows, report.batch_rows, report.bptt, report.state) == (7, 3, 3, 6, "zero")
    assert report.evaluations == 1 + 2 * 8 * len(model.params) and report.seconds > 0
    pickle.loads(pickle.dumps(report))      # it crosses the worker's pipe


class WrongWh(RNNLM):
    """An RNNLM whose backward gets the first layer's W_h gradient 0.1 % too large."""

    def backward(self, dout=1.0):
        super().backward(dout)
        self.grads[f"{self.config.cell}0.Wh"] *= 1.001


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_a_wrong_gradient_fails_for_that_parameter_only(cell):
    good = randomized_model(cell, 2, "embedding", False)
    broken = WrongWh(good.config)
    for name, p in good.params.items():
        broken.params[name][...] = p
    report = check_model(broken, *batch())
    verdicts = {p.name: p.passed for p in report.params}
    assert verdicts.pop(f"{cell}0.Wh") is False and all(verdicts.values()) and not report.passed
    (bad,) = [p for p in report.params if not p.passed]
    assert bad.beyond_roundoff > 1e-4 and bad.max_error > 1e-4      # 0.1 %: about 5e-4 relative


def test_a_float32_model_is_checked_on_a_float64_copy_and_left_alone():
    s = session(cell="gru", layers=2, dropout=0.3)
    for _ in range(3):
        s.step()
    model = s.model
    twin = float64_copy(model)
    assert type(twin) is RNNLM and twin.config.dtype == "float64" and not twin.training
    assert all(np.array_equal(twin.params[k], p) for k, p in model.params.items())
    grads = {k: g.copy() for k, g in model.grads.items()}
    report = check_session(s)
    assert report.passed and report.dropout == 0.3 and report.state == "carried"
    assert model.training and model.config.dtype == "float32"
    assert all(np.array_equal(grads[k], g) for k, g in model.grads.items())


def test_peek_batch_is_the_next_batch_and_does_not_move_the_stream():
    s = session(batch_size=5, bptt=7)
    s.stream.time_idx = s.stream.data_size - 3          # about to wrap around
    xs, ts = peek_batch(s.stream)
    assert s.stream.time_idx == s.stream.data_size - 3
    x, t = s.stream.next_batch()
    np.testing.assert_array_equal(xs, x)
    np.testing.assert_array_equal(ts, t)


def test_the_check_reads_the_batch_and_state_the_next_step_trains_on():
    s = session(cell="lstm", H=24)
    for _ in range(4):
        s.step()
    report = check_session(s)
    assert report.iteration == 4 and report.state == "carried" and report.rows == report.batch_rows == 4
    # The float64 copy's loss is the next step's float32 loss, to float32's precision.
    assert s.step().stats.loss == pytest.approx(report.loss, rel=1e-5)


def assert_undisturbed(checked, plain):
    """Two sessions built alike: parameters, optimizer slots, carried state, stream, dropout
    generator and step all bit-identical."""
    for k, p in plain.model.params.items():
        assert np.array_equal(checked.model.params[k], p), k
    a, b = checked.optimizer.state_dict(), plain.optimizer.state_dict()
    assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)
    a, b = checked.model.get_state(), plain.model.get_state()
    assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)
    assert checked.stream.state_dict() == plain.stream.state_dict()
    assert checked.iteration == plain.iteration
    assert checked.model.dropout_rng.bit_generator.state == plain.model.dropout_rng.bit_generator.state


def test_a_checked_session_trains_on_bit_identically():
    checked, plain = session(cell="rnn", dropout=0.2), session(cell="rnn", dropout=0.2)
    for _ in range(3):
        checked.step()
        plain.step()
    assert check_session(checked).passed
    assert_undisturbed(checked, plain)
    assert checked.step().stats.loss == plain.step().stats.loss
    assert_undisturbed(checked, plain)


def test_a_block_stepped_by_hand_is_checked_on_its_batch_from_zero():
    s = session()
    s.step()
    s.substep("forward")
    report = check_session(s)
    assert report.passed and report.state == "zero" and report.iteration == 1
    assert s.block is not None and s.block.phase == "forward"


def test_stop_ends_the_check_and_progress_counts_the_parameters():
    model = randomized_model("lstm", 1, "embedding", False)
    seen = []
    report = check_model(model, *batch(), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(k, 7) for k in range(1, 8)] and report is not None
    assert check_model(model, *batch(), stop=lambda: True) is None


def test_a_big_model_is_checked_on_fewer_rows():
    from rnnviz.engine import ModelConfig
    ptb = ModelConfig(vocab_size=10_000, embed_size=650, hidden_size=650, cell="lstm", num_layers=2)
    tale = ModelConfig(vocab_size=51, embed_size=32, hidden_size=128, cell="lstm")
    assert rows_within(ptb, 20, 35) == 1
    assert rows_within(tale, 16, 32) == 16
