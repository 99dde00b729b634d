"""Training a classifier: the epoch's batches (the seed's gen_batch), results, divergence, reading
one text token by token, and its unrolled graph."""
import math

import numpy as np
import pytest

from rnnviz.engine.classifier import PAD_ID
from rnnviz.engine.classify_data import ClassDataSpec, load_classes
from rnnviz.engine.classify_session import ClassifySession
from rnnviz.engine.config import ClassifierConfig, TrainConfig
from rnnviz.engine.data import CorpusError
from rnnviz.engine.snapshots import ClassifyResult, Divergence, StepSnapshot


@pytest.fixture(scope="module")
def first_token():
    return load_classes(ClassDataSpec("first-token", max_len=12, n=300, seed=3))


def session_for(data, **model):
    config = ClassifierConfig(vocab_size=len(data.vocab), num_classes=data.num_classes,
                              **{"hidden_size": 8, **model})
    return ClassifySession(data, config, TrainConfig(batch_size=32, optimizer="adam", lr=0.01, epochs=2))


def test_an_epoch_visits_every_training_text_once_with_a_short_last_batch(first_token):
    session = session_for(first_token)
    M = len(first_token.x_train)
    assert session.iters_per_epoch == math.ceil(M / 32)
    seen = []
    for _ in range(session.iters_per_epoch):
        k = session.iteration % session.iters_per_epoch
        snapshot = session.step()
        seen.extend(session._order[k * 32:(k + 1) * 32])
        assert snapshot.stats.dh_norms.shape == (1, first_token.max_len)
    assert sorted(seen) == list(range(M))
    assert session.epoch_sums[2] == M


def test_run_yields_a_result_after_every_epoch(first_token):
    session = session_for(first_token, cell="lstm")
    items = list(session.run())
    results = [i for i in items if isinstance(i, ClassifyResult)]
    assert len(results) == 2 and sum(isinstance(i, StepSnapshot) for i in items) == 2 * session.iters_per_epoch
    last = results[-1]
    assert 0.0 <= last.valid_accuracy <= 1.0 and math.isfinite(last.valid_loss)
    assert 0.0 <= last.train_accuracy <= 1.0
    assert len(last.examples) == min(12, len(first_token.x_valid))
    ex = last.examples[0]
    assert ex.correct == (ex.guess == ex.label) and 0.0 <= ex.prob <= 1.0
    # the validation figures are those of the weights as they are now
    probs = session.model.predict(first_token.x_valid)
    assert last.valid_accuracy == pytest.approx(float((probs.argmax(1) == first_token.y_valid).mean()))


def test_truncation_shows_in_the_steps_gradient_norms(first_token):
    session = session_for(first_token, truncate=4)
    norms = session.step().stats.dh_norms[0]
    assert (norms[:8] == 0).all() and (norms[8:] > 0).all()
    session.set_truncate(0)
    assert (session.step().stats.dh_norms[0] > 0).all()
    with pytest.raises(ValueError, match="truncation"):
        session.set_truncate(-2)


def test_read_gives_a_probability_after_every_token_and_both_gradient_curves(first_token):
    session = session_for(first_token, truncate=3, pool="mean")
    for _ in range(5):
        session.step()
    before = {k: p.copy() for k, p in session.model.params.items()}
    trace = session.read(0)
    n = int((first_token.x_valid[0] != PAD_ID).sum())
    assert len(trace.tokens) == n and trace.probs.shape == (n, 2) and trace.hidden.shape == (n, 8)
    assert trace.label_known and trace.label == first_token.y_valid[0]
    np.testing.assert_allclose(trace.probs.sum(axis=1), 1.0, rtol=1e-6)
    # the last token's verdict is the model's verdict on the whole text
    whole = session.model.predict(first_token.x_valid[:1])[0]
    np.testing.assert_allclose(trace.probs[-1], whole, rtol=1e-5)
    assert trace.cut == n - 3
    assert (trace.dh_norms[0, :n - 3] == 0).all() and (trace.dh_norms[0, n - 3:] > 0).all()
    assert (trace.dh_norms_full[0] > 0).all()
    np.testing.assert_allclose(trace.dh_norms[0, -1], trace.dh_norms_full[0, -1], rtol=1e-5)
    assert session.truncate == 3
    assert all(np.array_equal(before[k], p) for k, p in session.model.params.items()), "weights unchanged"


def test_typed_text_and_unknown_text(first_token):
    session = session_for(first_token)
    trace = session.read("ka lo mi bi da", label=0)
    assert trace.tokens == ("ka", "lo", "mi", "bi", "da") and not trace.label_known and trace.label == 0
    with pytest.raises(CorpusError):
        session.read("")
    with pytest.raises(ValueError, match="does not exist"):
        session.read(10**6)


def test_graph_of_one_text_has_one_loss_at_the_end_and_no_gradient_before_the_cut(first_token):
    session = session_for(first_token, cell="lstm", truncate=4)
    frame = session.graph(0)
    n = len(frame.input_tokens)
    loss = frame.nodes.index("loss")
    assert frame.present[loss].tolist() == [False] * (n - 1) + [True]
    assert frame.cut == n - 4 and frame.pool == "last"
    h = frame.nodes.index("h0")
    assert np.isnan(frame.grads[h, :n - 4]).all() and (frame.grads[h, n - 4:] > 0).all()
    assert np.isfinite(frame.values[h]).all()
    assert frame.values[loss, -1] == pytest.approx(frame.loss)


def test_a_diverging_step_is_refused(first_token):
    session = session_for(first_token)
    session.model.affine.params["b"][...] = np.nan
    items = list(session.run(steps=3))
    assert len(items) == 1 and isinstance(items[0], Divergence) and session.iteration == 0


def test_fewer_texts_than_one_batch_is_one_clear_sentence(first_token):
    config = ClassifierConfig(vocab_size=len(first_token.vocab))
    with pytest.raises(ValueError, match="fewer than one batch"):
        ClassifySession(first_token, config, TrainConfig(batch_size=10_000))
