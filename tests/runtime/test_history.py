import csv
import itertools

import numpy as np
import pytest

from rnnviz.engine import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus
from rnnviz.engine.snapshots import EvalResult, StepSnapshot
from rnnviz.engine.trainer import Session
from rnnviz.runtime.history import FLOW_KEPT, Growable, History, downsample


def short_run(steps=50):
    corpus = load_corpus("tale", "char")
    s = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=16),
                TrainConfig(batch_size=4, bptt=8, optimizer="adam", lr=0.01, eval_every=20, epochs=1))
    s.probe_every = 10
    return list(itertools.islice(s.run(), steps))


def test_growable_doubles_and_keeps_values():
    g = Growable(capacity=2)
    for i in range(37):
        g.append(i)
    np.testing.assert_array_equal(g.values, np.arange(37))
    rows = Growable(width=3, capacity=1)
    for i in range(5):
        rows.append([i, i, i])
    assert rows.values.shape == (5, 3)


def test_history_accumulates_every_kind_of_snapshot():
    snaps = short_run(52)
    h = History()
    h.extend(snaps)
    steps = [s for s in snaps if isinstance(s, StepSnapshot)]
    evals = [s for s in snaps if isinstance(s, EvalResult)]
    assert len(h) == len(steps) and len(evals) == 2
    np.testing.assert_array_equal(h.column("loss"), [s.stats.loss for s in steps])
    np.testing.assert_array_equal(h.eval_column("iteration"), [20, 40])
    assert h.param_grad_norms.values.shape == (len(steps), len(steps[0].stats.param_names))
    assert h.latest_probe.iteration == 50 and len(h.flow) == FLOW_KEPT
    assert h.flow[-1][0] == 50 and h.version == len(snaps)
    np.testing.assert_allclose(h.column("perplexity_smooth"), np.exp(h.column("loss_smooth")))
    smooth = h.column("loss_smooth")
    # The debiased average divides (1 - b) * loss by (1 - b): two roundings, up to 2 ulps apart.
    assert smooth[0] == pytest.approx(h.column("loss")[0], rel=4 * np.finfo(np.float64).eps)
    assert np.std(np.diff(smooth)) < np.std(np.diff(h.column("loss")))


def test_downsample_keeps_extremes():
    x = np.arange(100_000, dtype=float)
    y = np.sin(x / 1000)
    y[54_321] = 50.0
    xs, ys = downsample(x, y, 1000)
    assert len(xs) <= 1000 and ys.max() == 50.0 and ys.min() == y.min()


def test_csv_and_array_round_trip(tmp_path):
    h = History()
    h.extend(short_run(30))
    h.to_csv(tmp_path / "m.csv")
    with open(tmp_path / "m.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(h) and float(rows[-1]["loss"]) == h.column("loss")[-1]
    assert any(k.startswith("grad_norm[") for k in rows[0])
    arrays = h.to_arrays()
    np.savez(tmp_path / "h.npz", **arrays)
    with np.load(tmp_path / "h.npz", allow_pickle=False) as f:
        back = History.from_arrays(dict(f))
    for name in ("loss", "grad_norm", "loss_smooth", "perplexity_smooth", "epoch_fraction"):
        np.testing.assert_array_equal(back.column(name), h.column(name))
    np.testing.assert_array_equal(back.param_grad_norms.values, h.param_grad_norms.values)
    assert back.param_names == h.param_names


def test_seq2seq_curves_keep_loss_its_average_and_accuracy():
    from rnnviz.engine.snapshots import AccuracyResult
    from rnnviz.runtime.seq2seq_curves import Seq2seqCurves
    curves = Seq2seqCurves(iters_per_epoch=4, positions=2)
    for it, loss in enumerate([2.0, 1.0, 1.0, 0.5] * 600, 1):     # past the initial capacity
        curves.add_loss(it, loss)
    assert curves.n == 2400 and curves.epochs[-1] == 600.0 and curves.last_loss == 0.5
    # The shared rule (LossAverage): a debiased average with weight 0.95 on the past.
    assert curves.smoothed[0] == 2.0 and curves.smoothed[1] == pytest.approx((0.95 * 2.0 + 1.0) / 1.95)
    assert 0.5 < curves.smoothed[-1] < 2.0
    curves.add_accuracy(AccuracyResult(iteration=4, epoch_fraction=1.0, accuracy=0.25,
                                       per_position=np.array([0.5, 1.0]), examples=(), seconds=0.1))
    assert curves.accuracy == [25.0] and curves.per_position[0].tolist() == [50.0, 100.0]


def test_both_curves_smooth_the_loss_by_one_rule():
    from rnnviz.runtime.history import LossAverage
    from rnnviz.runtime.seq2seq_curves import Seq2seqCurves
    steps = [s for s in short_run(40) if isinstance(s, StepSnapshot)]
    history, curves = History(), Seq2seqCurves()
    history.extend(steps)
    for s in steps:
        curves.add(s)
    np.testing.assert_array_equal(curves.smoothed, history.column("loss_smooth"))
    average = LossAverage()
    assert [average(v) for v in (1.0, float("nan"), 3.0)][1] == 1.0     # a NaN loss leaves it be


def test_truncated_keeps_what_happened_up_to_the_step():
    corpus = load_corpus("tale", "char")
    s = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=8),
                TrainConfig(batch_size=4, bptt=8, lr=0.01, max_steps=0, epochs=1, eval_every=10))
    h = History()
    for item in s.run(30):
        h.add(item)
    cut = h.truncated(20)
    assert list(cut.column("iteration")) == list(range(1, 21))
    assert list(cut.eval_column("iteration")) == [10, 20]
    np.testing.assert_array_equal(cut.column("loss_smooth"), h.column("loss_smooth")[:20])
    np.testing.assert_array_equal(cut.param_grad_norms.values, h.param_grad_norms.values[:20])
    assert all(it <= 20 for it, _ in cut.flow) and cut.latest_probe is None
    assert len(h) == 30                       # the original is untouched


def test_evals_csv_rows_carry_the_training_perplexity_since_the_last_evaluation(tmp_path):
    h = History()
    snaps = short_run(45)
    h.extend(snaps)
    h.evals_to_csv(tmp_path / "e.csv")
    with open(tmp_path / "e.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["iteration", "epoch_fraction", "train_perplexity", "valid_perplexity"]
    assert [int(r["iteration"]) for r in rows] == [20, 40]
    losses = h.column("loss")
    assert float(rows[1]["train_perplexity"]) == pytest.approx(np.exp(losses[20:40].mean()))
    assert float(rows[1]["valid_perplexity"]) == h.eval_column("perplexity")[1]
    assert np.isnan(h.train_perplexity(45, 45))


def test_csv_rows_are_exact_and_the_header_names_every_parameter():
    from rnnviz.runtime.history import metrics_header
    h = History()
    steps = [s for s in short_run(12) if isinstance(s, StepSnapshot)]
    h.extend(steps)
    assert h.csv_header() == metrics_header(steps[0].stats.param_names)
    row = dict(zip(h.csv_header(), h.csv_row(4)))
    assert row["iteration"] == "5" and float(row["loss"]) == steps[4].stats.loss
    assert row["tokens"] == "32" and row["clipped"] in ("0.0", "1.0")


@pytest.mark.parametrize("damage", ["short_step", "short_eval", "param_width", "param_rows", "missing"])
def test_damaged_arrays_are_refused_not_opened(damage):
    h, _ = _trained_history(12)
    arrays = h.to_arrays()
    if damage == "short_step":
        arrays["history.step.loss"] = arrays["history.step.loss"][:-1]
    elif damage == "short_eval":
        arrays["history.eval.perplexity"] = arrays["history.eval.perplexity"][:-1]
    elif damage == "param_width":
        arrays["history.param_norms"] = arrays["history.param_norms"][:, :-1]
    elif damage == "param_rows":
        arrays["history.param_norms"] = np.vstack([arrays["history.param_norms"]] * 2)
    else:
        del arrays["history.step.grad_norm"]
    with pytest.raises(ValueError, match="history"):
        History.from_arrays(arrays)
    assert len(History.from_arrays(h.to_arrays())) == 12


def _trained_history(n):
    corpus = load_corpus("tale", "char")
    s = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=8),
                TrainConfig(batch_size=4, bptt=8, lr=0.01, max_steps=0, epochs=1, eval_every=5))
    h = History()
    for item in s.run(n):
        h.add(item)
    return h, s


def test_seq2seq_curves_round_trip_through_arrays():
    from rnnviz.engine.snapshots import AccuracyResult
    from rnnviz.runtime.seq2seq_curves import Seq2seqCurves
    curves = Seq2seqCurves(iters_per_epoch=10, positions=3)
    for i in range(1, 21):
        curves.add_loss(i, 2.0 / i)
    for epoch in (1, 2):
        curves.add_accuracy(AccuracyResult(iteration=10 * epoch, epoch_fraction=float(epoch), accuracy=0.1 * epoch,
                                           per_position=np.array([0.5, 0.4, 0.3]) * epoch, examples=(),
                                           seconds=0.1))
    back = Seq2seqCurves.from_arrays(curves.to_arrays())
    np.testing.assert_array_equal(back.losses, curves.losses)
    np.testing.assert_array_equal(back.smoothed, curves.smoothed)
    assert back.accuracy == curves.accuracy and back.acc_epoch == curves.acc_epoch
    np.testing.assert_array_equal(np.array(back.per_position), np.array(curves.per_position))
    broken = curves.to_arrays()
    broken["curves.loss"] = broken["curves.loss"][:-1]
    with pytest.raises(ValueError, match="differ in length"):
        Seq2seqCurves.from_arrays(broken)
    assert Seq2seqCurves.from_arrays({}).n == 0
