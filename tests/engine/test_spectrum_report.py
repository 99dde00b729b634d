"""The W_h spectrum view's record: what it holds at a scale s, measured on a fixed batch of the run's
own data without touching the session; and Session.scale_recurrent, which Rewind undoes exactly."""
import pickle

import numpy as np
import pytest

from rnnviz.engine.spectrum import (BOOK_SCALES, SWEEP_ROWS, SWEEP_SCALES, book_gradient_norms, book_report,
                                    first_window, gradient_growth, gradient_through_time, last_step_only,
                                    model_report, no_model_report, spectra)
from rnnviz.engine.layers import IGNORE

from .test_session import session


def state_of(s):
    """Everything the report must leave as it was: parameters, carried state, stream, step."""
    return ({k: p.copy() for k, p in s.model.params.items()}, s.model.get_state(),
            dict(s.stream.state_dict()), s.iteration, list(s.rewinds.iterations))


def assert_same_state(before, after):
    params, state, stream, iteration, points = before
    params2, state2, stream2, iteration2, points2 = after
    assert params.keys() == params2.keys() and all(np.array_equal(params[k], params2[k]) for k in params)
    assert state.keys() == state2.keys() and all(np.array_equal(state[k], state2[k]) for k in state)
    assert (stream, iteration, points) == (stream2, iteration2, points2)


def test_first_window_is_the_streams_first_batch_without_moving_it():
    s = session(batch_size=6, bptt=8)
    xs, ts = first_window(s.corpus.train, 6, 8, rows=4)
    assert xs.shape == ts.shape == (4, 8) and xs.dtype == np.int64
    fresh = session(batch_size=6, bptt=8)
    x0, t0 = fresh.stream.next_batch()
    np.testing.assert_array_equal(xs, x0[:4])
    np.testing.assert_array_equal(ts, t0[:4])
    assert s.stream.time_idx == 0


@pytest.mark.parametrize("cell, blocks", [("rnn", 2), ("lstm", 8)])
def test_the_report_holds_the_spectra_the_curve_and_the_sweep(cell, blocks):
    s = session(cell=cell, layers=2, batch_size=6, bptt=10)
    for _ in range(5):
        s.step()
    xs, ts = first_window(s.corpus.train, 6, 10)
    before = state_of(s)
    report = model_report(s.model, xs, ts, 1.3, iteration=s.iteration, sweep=True)
    assert_same_state(before, state_of(s))
    assert report.iteration == 5 and report.scale == 1.3 and not report.book and report.has_model
    assert len(report.blocks) == blocks and report.names == (f"{cell}0", f"{cell}1")
    for mine, theirs in zip(report.blocks, spectra(s.model)):
        np.testing.assert_array_equal(mine.singular, theirs.singular)
        np.testing.assert_array_equal(mine.eigen, theirs.eigen)
    assert report.sigma_max == max(b.largest for b in report.blocks)
    assert report.scaled_sigma_max == pytest.approx(1.3 * report.sigma_max)
    np.testing.assert_allclose(report.scaled_eigen(0), 1.3 * report.blocks[0].eigen)
    last = last_step_only(ts)
    assert (last[:, :-1] == IGNORE).all() and np.array_equal(last[:, -1], ts[:, -1])
    np.testing.assert_array_equal(report.norms, gradient_through_time(s.model, xs, last, 1.3))
    assert report.norms.shape == (2, 10) and report.rows == 4
    np.testing.assert_array_equal(report.growth, report.norms[:, 0] / report.norms[:, -1])
    assert report.overflow == (None, None)
    assert report.references.shape == (0, 10) and report.reference_scales == ()
    # The sweep: the same ratio at every scale of the slider's range, on the batch's first rows.
    assert report.sweep_growth.shape == (len(SWEEP_SCALES), 2)
    np.testing.assert_array_equal(report.sweep_sigma, SWEEP_SCALES * report.sigma_max)
    k = 7
    at_k = gradient_through_time(s.model, xs[:SWEEP_ROWS], last[:SWEEP_ROWS], SWEEP_SCALES[k])
    np.testing.assert_allclose(report.sweep_growth[k], at_k[:, 0] / at_k[:, -1], rtol=1e-6)
    assert pickle.loads(pickle.dumps(report)).norms.shape == (2, 10)       # it crosses a pipe


def test_the_sweep_is_only_computed_when_asked_and_grows_with_s():
    s = session(cell="rnn", dtype="float64", batch_size=6, bptt=12)
    xs, ts = first_window(s.corpus.train, 6, 12)
    assert model_report(s.model, xs, ts, 1.0, iteration=0).sweep_growth is None
    swept = gradient_growth(s.model, xs, last_step_only(ts), SWEEP_SCALES)[:, 0]
    assert swept[0] < 1e-3 and swept.max() > 10                    # from vanishing to exploding
    # Rising with s up to 2; further up the tanh saturates and the growth wavers (it may fall).
    assert np.all(np.diff(swept[SWEEP_SCALES <= 2.0]) > 0)


def test_the_books_mode_is_the_books_two_figures_and_s():
    report = book_report(0.8, sweep=True)
    assert report.book and report.iteration is None and report.names == ("book",)
    np.testing.assert_array_equal(report.norms[0], book_gradient_norms(0.8))
    assert report.reference_scales == BOOK_SCALES == (1.0, 0.5)
    np.testing.assert_array_equal(report.references, [book_gradient_norms(1.0), book_gradient_norms(0.5)])
    Wh = np.random.RandomState(3).randn(3, 3)
    np.testing.assert_allclose(report.blocks[0].singular, np.linalg.svd(Wh, compute_uv=False))
    assert report.sigma_max == pytest.approx(np.linalg.norm(Wh, 2))
    g = report.sweep_growth[:, 0]
    assert np.all(np.diff(g) > 0) and g[0] < 1 < g[-1]
    assert report.growth[0] == pytest.approx(report.norms[0, -1] / report.norms[0, 0])


def test_an_overflow_is_reported_where_it_starts_walking_back():
    s = session(cell="rnn", dtype="float32", batch_size=6, bptt=10)
    xs, ts = first_window(s.corpus.train, 6, 10)
    # tanh saturates long before: only a W_h past float32's range (inf) gives a non-finite pass.
    assert model_report(s.model, xs, ts, 1e30, iteration=0).overflow == (None,)
    report = model_report(s.model, xs, ts, 1e39, iteration=0)
    assert not np.isfinite(report.norms).any() and report.overflow == (9,)     # met first going back
    book = book_report(1e20)                       # the book's linear recurrence overflows part way
    finite = np.isfinite(book.norms[0])
    assert finite[0] and not finite[-1] and book.overflow == (int(np.argmin(finite)),)
    assert no_model_report(1.0).has_model is False


def test_scaling_w_h_then_rewinding_restores_the_parameters_bit_for_bit():
    s, twin = session(cell="gru", layers=2, dropout=0.2), session(cell="gru", layers=2, dropout=0.2)
    for _ in range(7):
        s.step()
        twin.step()
    params = {k: p.copy() for k, p in s.model.params.items()}
    state, stream = s.model.get_state(), dict(s.stream.state_dict())
    point = s.scale_recurrent(0.8)
    assert point.iteration == 7 and 7 in s.rewinds.iterations
    for name, p in s.model.params.items():
        expected = params[name] * np.float32(0.8) if name.endswith(".Wh") else params[name]
        np.testing.assert_array_equal(p, expected)
    s.scale_recurrent(0.5)                                          # twice: the first state is the one kept
    s.rewind(7)
    assert s.iteration == 7 and s.stream.state_dict() == stream
    for name, p in s.model.params.items():
        np.testing.assert_array_equal(p, params[name])
    assert all(np.array_equal(v, state[k]) for k, v in s.model.get_state().items())
    assert [s.step().stats.loss for _ in range(3)] == [twin.step().stats.loss for _ in range(3)]


def test_scaling_is_refused_mid_block_and_for_a_bad_scale():
    s = session()
    with pytest.raises(ValueError):
        s.scale_recurrent(0.0)
    with pytest.raises(ValueError):
        s.scale_recurrent(float("inf"))
    s.substep("forward")
    with pytest.raises(ValueError, match="stepped by hand"):
        s.scale_recurrent(0.5)
