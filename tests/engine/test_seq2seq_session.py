"""Seq2seqSession: mini-batch training, test accuracy, typed questions decoded step by step."""
import numpy as np
import pytest

from rnnviz.engine.config import Seq2seqConfig, TrainConfig
from rnnviz.engine.data import CorpusError
from rnnviz.engine.pairs import load_pairs
from rnnviz.engine.seq2seq_session import Seq2seqSession
from rnnviz.engine.snapshots import AccuracyResult, Divergence, StepSnapshot


@pytest.fixture(scope="module")
def addition():
    return load_pairs("addition", n=3000)


def make(data, decoder="plain", reverse=False, H=24, **train):
    cfg = dict(batch_size=64, optimizer="adam", lr=0.01, clip=5.0, epochs=1)
    cfg.update(train)
    return Seq2seqSession(data, Seq2seqConfig(vocab_size=len(data.vocab), hidden_size=H, decoder=decoder,
                                              reverse=reverse), TrainConfig(**cfg))


def test_training_lowers_the_loss_and_evaluates_each_epoch(addition):
    s = make(addition, "peeky", True, epochs=3)
    items = list(s.run())
    steps = [i for i in items if isinstance(i, StepSnapshot)]
    accs = [i for i in items if isinstance(i, AccuracyResult)]
    assert len(steps) == 3 * s.iters_per_epoch and len(accs) == 3
    assert [a.epoch_fraction for a in accs] == [1.0, 2.0, 3.0]
    first, last = np.mean([x.stats.loss for x in steps[:10]]), np.mean([x.stats.loss for x in steps[-10:]])
    assert last < 0.7 * first
    a = accs[-1]
    assert 0.0 <= a.accuracy <= 1.0 and a.per_position.shape == (addition.answer_width - 1,)
    assert len(a.examples) == 12
    ex = a.examples[0]
    assert ex.question == addition.decode(addition.x_test[0], strip=True)
    assert ex.correct == (ex.guess == ex.answer)


def test_accuracy_equals_decoding_each_question_alone(addition):
    s = make(addition, "attention", True)
    for _ in range(30):
        s.step()
    result = s.evaluate()
    data, L = s.data, s.data.answer_width - 1
    right = [np.array_equal(s.model.generate(data.x_test[i:i + 1], data.start_id, L)[0], data.t_test[i, 1:])
             for i in range(len(data.x_test))]
    assert result.accuracy == pytest.approx(np.mean(right))


@pytest.mark.parametrize("decoder", ["plain", "attention"])
def test_a_typed_question_is_decoded_step_by_step(addition, decoder):
    s = make(addition, decoder, reverse=True)
    for _ in range(20):
        s.step()
    trace = s.decode("12+345")
    L = addition.answer_width - 1
    assert trace.question == "12+345" and trace.answer == "" and trace.reversed_input
    assert len(trace.tokens) == L and trace.top_probs.shape == (L, 10) and trace.hidden.shape == (L, 24)
    assert trace.guess == "".join(trace.tokens).strip()
    assert [row[0] for row in trace.top_tokens] == list(trace.tokens)      # greedy: the best each step
    assert trace.input_tokens[:6] == tuple("12+345")
    if decoder == "attention":
        assert trace.attention.shape == (L, addition.question_width)
        np.testing.assert_allclose(trace.attention.sum(axis=1), 1.0, rtol=1e-5)
        # Shown in the order written: the encoder read it reversed, so the raw weights are flipped.
        ids = addition.encode_question("12+345")
        _, raw = s.model.generate(ids[None], addition.start_id, L, trace=True)
        np.testing.assert_allclose(trace.attention, raw["attention"][:, 0, ::-1], rtol=1e-6)
    else:
        assert trace.attention is None
    example = s.decode(3)
    assert example.answer == addition.answer_text(addition.t_test[3])


def test_bad_questions_and_sizes_are_refused(addition):
    s = make(addition)
    with pytest.raises(CorpusError):
        s.decode("12*3")
    with pytest.raises(CorpusError):
        s.decode("1234567+1")
    with pytest.raises(ValueError, match="vocab_size"):
        Seq2seqSession(addition, Seq2seqConfig(vocab_size=99), TrainConfig())
    with pytest.raises(ValueError, match="fewer than one batch"):
        make(addition, batch_size=100_000)


def test_a_blowing_up_run_yields_a_divergence_and_stops(addition):
    s = make(addition, optimizer="sgd", lr=1e5, clip=0.0, epochs=2)
    items = list(s.run())
    assert isinstance(items[-1], Divergence)
    assert "learning rate" in items[-1].message


def test_an_evaluation_can_be_interrupted_between_batches(addition, monkeypatch):
    from rnnviz.engine import seq2seq_session
    from rnnviz.engine.epochs import EvaluationStopped
    monkeypatch.setattr(seq2seq_session, "EVAL_BATCH", 100)       # 300 test questions: 3 batches
    s = make(addition)
    calls = []
    with pytest.raises(EvaluationStopped, match="after 100 of 300"):
        s.evaluate(lambda: calls.append(1) or len(calls) > 1)
    assert 0.0 <= s.evaluate().accuracy <= 1.0


def _book_draws(data, V, D, H):
    """The book's ch.7 script, written out: load_data's np.random.seed + shuffle, then Encoder
    and Decoder draw randn in this order with gates [f, g, i, o], then Trainer.fit permutes."""
    saved = np.random.get_state()
    np.random.seed(data.seed)
    np.random.shuffle(np.arange(len(data.x_train) + len(data.x_test)))
    rn = np.random.randn
    draws = {}
    for side in ("enc", "dec"):
        draws[f"{side}.embed.W"] = (rn(V, D) / 100).astype("f")
        draws[f"{side}.lstm.Wx"] = (rn(D, 4 * H) / np.sqrt(D)).astype("f")
        draws[f"{side}.lstm.Wh"] = (rn(H, 4 * H) / np.sqrt(H)).astype("f")
    draws["dec.affine.W"] = (rn(H, V) / np.sqrt(H)).astype("f")
    first_order = np.random.permutation(np.arange(len(data.x_train)))
    np.random.set_state(saved)
    return draws, first_order


def test_the_book_stream_starts_from_the_books_weights_and_order(addition):
    s = make(addition, H=8)                                   # stream="book" is the default
    V, D, H = len(addition.vocab), 16, 8
    draws, first_order = _book_draws(addition, V, D, H)
    for name, W in draws.items():
        if name.endswith(("Wx", "Wh")):
            f, g, i, o = np.split(W, 4, axis=1)               # the engine keeps [i, f, o, g]
            W = np.concatenate([i, f, o, g], axis=1)
        np.testing.assert_array_equal(s.model.params[name], W, err_msg=name)
    s.step()
    np.testing.assert_array_equal(s._order, first_order)


def test_the_seeded_stream_follows_its_seeds(addition):
    def weights(**kw):
        cfg = Seq2seqConfig(vocab_size=len(addition.vocab), hidden_size=8, stream="seeded", **kw)
        s = Seq2seqSession(addition, cfg, TrainConfig(batch_size=64, optimizer="adam", lr=0.01))
        return s.model.params["enc.lstm.Wx"]
    np.testing.assert_array_equal(weights(seed=3), weights(seed=3))
    assert not np.array_equal(weights(seed=3), weights(seed=4))
    assert not np.array_equal(weights(seed=3), make(addition, H=8).model.params["enc.lstm.Wx"])
