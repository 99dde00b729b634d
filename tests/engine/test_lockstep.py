"""Lockstep: models compared fairly, on the same batches in the same order."""
import numpy as np
import pytest

from rnnviz.engine import ModelConfig, TrainConfig
from rnnviz.engine.config import ConfigError
from rnnviz.engine.data import load_corpus
from rnnviz.engine.lockstep import Lockstep, Tagged, Variant, parse_variant, parse_variants
from rnnviz.engine.snapshots import Divergence, EvalResult, StepSnapshot


def lockstep(variants, **train):
    corpus = load_corpus("tale", "char")
    cfg = dict(batch_size=4, bptt=8, optimizer="adam", lr=0.01, clip=1.0, max_steps=40, epochs=0, eval_every=10)
    cfg.update(train)
    model = ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=12, cell="lstm")
    return Lockstep(corpus, model, TrainConfig(**cfg), variants)


def curves(items, index):
    """(losses, grad norms, dh norms, valid perplexities) of one model, from its tagged records."""
    steps = [t.item.stats for t in items if t.index == index and isinstance(t.item, StepSnapshot)]
    evals = [t.item.perplexity for t in items if t.index == index and isinstance(t.item, EvalResult)]
    return (np.array([s.loss for s in steps]), np.array([s.grad_norm for s in steps]),
            np.stack([s.dh_norms for s in steps]), np.array(evals))


def test_parse_variants():
    assert [v.label for v in parse_variants("lstm,gru,rnn")] == ["lstm", "gru", "rnn"]
    v = parse_variant("lstm+clip=0+lr=0.5")
    assert v.model == {"cell": "lstm"} and v.train == {"clip": 0.0, "lr": 0.5}
    assert parse_variant("hidden=64").model == {"hidden_size": 64}
    assert parse_variant("lstm+clip=0").slug == "lstm+clip-0"


@pytest.mark.parametrize("text, words", [
    ("lstm", "2 or 3"), ("rnn,gru,lstm,rnn+lr=1", "2 or 3"), ("lstm,,gru", "empty"),
    ("lstm,cnn", "'cnn'"), ("lstm,bptt=5", "'bptt'"), ("lstm,lr=fast", "'fast'"), ("gru,gru", "twice")])
def test_bad_variants_say_what_is_wrong(text, words):
    with pytest.raises(ConfigError, match=words):
        parse_variants(text)


def test_a_variant_is_checked_by_the_config_classes():
    with pytest.raises(ConfigError):
        lockstep([Variant("a"), Variant("b", {"dropout": 2.0})])


def test_identical_configurations_give_bit_identical_curves():
    run = lockstep([Variant("a"), Variant("b")])
    items = list(run.run())
    assert all(isinstance(t, Tagged) for t in items)
    assert run.finished and [s.iteration for s in run.sessions] == [40, 40]
    a, b = curves(items, 0), curves(items, 1)
    assert len(a[0]) == 40 and len(a[3]) == 4
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)       # bit for bit: same seed, same batches, same order
    for name, p in run.sessions[0].model.params.items():
        np.testing.assert_array_equal(p, run.sessions[1].model.params[name])


def test_rounds_alternate_and_end_on_the_last_model():
    run = lockstep(parse_variants("rnn,lstm,gru"), eval_every=0)
    items = [t for t in run.run(rounds=3) if isinstance(t.item, StepSnapshot)]
    assert [t.index for t in items] == [0, 1, 2] * 3
    assert [t.ends_round for t in items] == [False, False, True] * 3
    assert [t.item.stats.iteration for t in items] == [1, 1, 1, 2, 2, 2, 3, 3, 3]


def test_rnn_lstm_and_gru_read_the_same_batches():
    run = lockstep(parse_variants("rnn,lstm,gru"))
    seen: list[list[tuple[np.ndarray, np.ndarray]]] = [[] for _ in run.sessions]
    for i, session in enumerate(run.sessions):
        original = session.stream.next_batch

        def recording(original=original, log=seen[i]):
            xs, ts = original()
            log.append((xs.copy(), ts.copy()))
            return xs, ts
        session.stream.next_batch = recording
    list(run.run(rounds=25))
    assert [len(s) for s in seen] == [25, 25, 25]
    assert len({id(s.stream) for s in run.sessions}) == 3          # each its own position...
    assert len({id(s.corpus) for s in run.sessions}) == 1          # ...on the one corpus
    for step in range(25):
        for other in (1, 2):
            np.testing.assert_array_equal(seen[0][step][0], seen[other][step][0])
            np.testing.assert_array_equal(seen[0][step][1], seen[other][step][1])
    # Not trivially equal: the batches move through the text.
    assert not np.array_equal(seen[0][0][0], seen[0][1][0])
    # The cells really differ.
    assert [s.model_config.cell for s in run.sessions] == ["rnn", "lstm", "gru"]


def test_a_diverging_model_drops_out_and_the_others_go_on():
    run = lockstep([Variant("calm"), Variant("wild", {"cell": "rnn"}, {"lr": 1e4, "clip": 0.0,
                                                                        "optimizer": "sgd"})])
    items = list(run.run())
    diverged = [t for t in items if isinstance(t.item, Divergence)]
    assert [t.index for t in diverged] == [1]
    assert run.stopped == [False, True]
    assert run.sessions[0].iteration == 40 and run.sessions[1].iteration < 40
    assert run.finished
    run.reset()
    assert run.stopped == [False, False] and run.iteration == 0


def test_variants_must_share_the_batches():
    with pytest.raises(ConfigError, match="batch size"):
        lockstep([Variant("a"), Variant("b", {}, {"batch_size": 8})])


def test_a_model_in_lockstep_trains_exactly_as_it_would_alone():
    from rnnviz.engine.trainer import Session
    run = lockstep(parse_variants("rnn,gru"))
    items = list(run.run())
    alone = Session(run.sessions[0].corpus, run.sessions[0].model_config, run.sessions[0].train_config)
    solo = [s for s in alone.run() if isinstance(s, StepSnapshot)]
    np.testing.assert_array_equal(curves(items, 0)[0], [s.stats.loss for s in solo])
    for name, p in alone.model.params.items():
        np.testing.assert_array_equal(p, run.sessions[0].model.params[name])
