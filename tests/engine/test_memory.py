"""Memory estimates against the arrays real models allocate, and refusals on a small machine."""
from types import SimpleNamespace

import numpy as np
import pytest

from rnnviz.engine import memory
from rnnviz.engine.checkpoint import CheckpointError, load_checkpoint
from rnnviz.engine.config import ClassifierConfig, ConfigError, ModelConfig, Seq2seqConfig, TrainConfig
from rnnviz.engine.data import Vocab
from rnnviz.engine.models import RNNLM
from rnnviz.engine.optim import make_optimizer
from rnnviz.engine.pairs import load_pairs
from rnnviz.engine.seq2seq import Seq2seq
from rnnviz.engine.seq2seq_session import Seq2seqSession
from rnnviz.engine.trainer import Session

LM_CASES = [dict(cell=cell, num_layers=layers, input=inp, tie_weights=tie, dtype=dtype)
            for cell in ("rnn", "lstm", "gru")
            for layers, inp, tie, dtype in ((1, "embedding", False, "float32"), (2, "onehot", False, "float64"),
                                            (3, "embedding", True, "float32"))]
S2S_CASES = [dict(cell=cell, decoder=decoder, dtype=dtype)
             for cell in ("lstm", "gru") for decoder in ("plain", "peeky", "attention")
             for dtype in ("float32", "float64")]


def lm_config(**kw):
    return ModelConfig(vocab_size=13, embed_size=6, hidden_size=6 if kw.get("tie_weights") else 7, **kw)


def trained_bytes(model, optimizer, xs, ts):
    """nbytes of params, grads and optimizer slots after one real update."""
    model.forward(xs, ts)
    model.backward()
    optimizer.update(model.params, model.grads)
    slots = sum(a.nbytes for table in optimizer.slots.values() for a in table.values())
    return (sum(p.nbytes for p in model.params.values()), sum(g.nbytes for g in model.grads.values()), slots)


@pytest.mark.parametrize("kw", LM_CASES)
def test_lm_shapes_are_the_models(kw):
    cfg = lm_config(**kw)
    assert memory.lm_param_shapes(cfg) == {k: v.shape for k, v in RNNLM(cfg).params.items()}


@pytest.mark.parametrize("kw", S2S_CASES)
def test_seq2seq_shapes_are_the_models(kw):
    cfg = Seq2seqConfig(vocab_size=13, embed_size=5, hidden_size=7, **kw)
    assert memory.seq2seq_param_shapes(cfg) == {k: v.shape for k, v in Seq2seq(cfg).params.items()}


@pytest.mark.parametrize("kw", [{"cell": "rnn"}, {"cell": "lstm", "input": "embedding", "num_layers": 2},
                                {"cell": "gru", "num_classes": 5}])
def test_classifier_shapes_are_the_models(kw):
    from rnnviz.engine.classifier import Classifier
    cfg = ClassifierConfig(vocab_size=13, embed_size=5, hidden_size=7, **kw)
    assert memory.classifier_param_shapes(cfg) == {k: v.shape for k, v in Classifier(cfg).params.items()}


def test_a_classifier_too_large_is_refused_in_one_line():
    cfg = ClassifierConfig(vocab_size=100, hidden_size=50_000)
    with pytest.raises(ConfigError, match="hidden size 50000"):
        memory.check_fits(cfg, TrainConfig(batch_size=32), widths=(100,), available=2**30)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam", "rmsprop"])
@pytest.mark.parametrize("kw", LM_CASES[::2])
def test_lm_estimate_matches_the_arrays_a_step_allocates(kw, optimizer):
    cfg = lm_config(**kw)
    N, T = 3, 5
    xs = np.random.default_rng(0).integers(0, cfg.vocab_size, (N, T))
    model, opt = RNNLM(cfg), make_optimizer(TrainConfig(optimizer=optimizer, lr=0.1))
    params, grads, slots = trained_bytes(model, opt, xs, xs)
    estimate = memory.estimate_lm(cfg, N, T, optimizer)
    assert (estimate.parameters, estimate.gradients, estimate.optimizer) == (params, grads, slots)
    # Caches are approximate, but must cover the recurrent layers' and the decoder's buffers.
    caches = sum(a.nbytes for rnn in model.rnns for a in (rnn.Hs, rnn.A, rnn.dA, rnn.dH))
    caches += model.decoder.out.nbytes + model.decoder.x1.nbytes
    assert caches <= estimate.caches <= 4 * caches


@pytest.mark.parametrize("kw", S2S_CASES[::3])
def test_seq2seq_estimate_matches_the_arrays_a_step_allocates(kw):
    cfg = Seq2seqConfig(vocab_size=13, embed_size=5, hidden_size=7, **kw)
    N, Tq, Ta = 4, 6, 3
    rng = np.random.default_rng(0)
    model, opt = Seq2seq(cfg), make_optimizer(TrainConfig(optimizer="adam", lr=0.01))
    params, grads, slots = trained_bytes(model, opt, rng.integers(0, 13, (N, Tq)), rng.integers(0, 13, (N, Ta)))
    estimate = memory.estimate_seq2seq(cfg, N, Tq, Ta, "adam")
    assert (estimate.parameters, estimate.gradients, estimate.optimizer) == (params, grads, slots)
    assert estimate.caches > model.decoder.affine.out.nbytes
    assert estimate.total == params + grads + slots + estimate.caches


def test_a_huge_hidden_size_is_refused_in_one_line():
    cfg = ModelConfig(vocab_size=50, embed_size=100, hidden_size=100_000)
    with pytest.raises(ConfigError) as info:
        memory.check_fits(cfg, TrainConfig(batch_size=20, bptt=35, optimizer="adam"), available=int(7.6 * 2 ** 30))
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("a model of hidden size 100000 and vocabulary 50 needs about ")
    assert "GiB (parameters, gradients, optimizer state and caches for batches of 20x35)" in message
    assert "this machine has 7.6 GiB available: choose a smaller hidden size (--hidden-size)" in message


def test_what_fits_passes_and_an_unknown_machine_is_not_checked(monkeypatch):
    cfg = ModelConfig(vocab_size=50, embed_size=8, hidden_size=8)
    estimate = memory.check_fits(cfg, TrainConfig(), available=2 ** 30)
    assert 0 < estimate.total < 2 ** 20
    monkeypatch.setattr(memory, "available_memory", lambda: None)
    memory.check_fits(ModelConfig(vocab_size=50, hidden_size=100_000), TrainConfig())


def test_available_memory_is_a_positive_count_or_unknown():
    found = memory.available_memory()
    assert found is None or (isinstance(found, int) and found > 0)
    assert memory.format_bytes(int(7.6 * 2 ** 30)) == "7.6 GiB"
    assert memory.format_bytes(298 * 2 ** 30) == "298 GiB"
    assert memory.format_bytes(12 * 2 ** 20) == "12.0 MiB"


@pytest.fixture
def small_machine(monkeypatch):
    """A machine with 1 MiB free: sessions and checkpoints ask memory.available_memory."""
    monkeypatch.setattr(memory, "available_memory", lambda: 2 ** 20)


def test_a_session_refuses_before_building_the_model(small_machine, monkeypatch):
    built = []
    monkeypatch.setattr("rnnviz.engine.trainer.RNNLM", lambda cfg: built.append(cfg))
    # The check comes first, so a stand-in corpus is never read.
    corpus = SimpleNamespace(name="x", vocab=Vocab(tuple(f"t{i}" for i in range(50)), "char"))
    with pytest.raises(ConfigError, match="needs about .* this machine has 1.0 MiB available"):
        Session(corpus, ModelConfig(vocab_size=50, embed_size=64, hidden_size=512),
                TrainConfig(batch_size=20, bptt=35))
    assert built == []


def test_a_seq2seq_session_refuses_too(small_machine):
    data = load_pairs("addition", n=200)
    with pytest.raises(ConfigError, match="needs about"):
        Seq2seqSession(data, Seq2seqConfig(vocab_size=len(data.vocab), hidden_size=1024),
                       TrainConfig(batch_size=32))


def test_a_checkpoint_too_big_for_this_machine_is_refused_before_building(tmp_path, monkeypatch):
    from tests.engine.test_checkpoint import VOCAB, make_run, save
    model, optimizer, stream, tcfg = make_run()
    path = save(tmp_path / "run.npz", model, optimizer, stream, tcfg)
    monkeypatch.setattr(memory, "available_memory", lambda: 1000)
    monkeypatch.setattr("rnnviz.engine.checkpoint.RNNLM", lambda cfg: pytest.fail("model built"))
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(path)
    assert str(info.value).startswith(f"{path}: a model of hidden size 6 and vocabulary {len(VOCAB)} needs about")
