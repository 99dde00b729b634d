"""Seq2seq checkpoints: a resumed run is bit-identical to an uninterrupted one; bad files are refused."""
import errno
import json
import os
import tracemalloc

import numpy as np
import pytest

import rnnviz.engine.archive_write as archive_write
import rnnviz.engine.seq2seq_checkpoint as s2c
from rnnviz.engine import memory
from rnnviz.engine.checkpoint import CheckpointError, checkpoint_kind, load_checkpoint
from rnnviz.engine.config import Seq2seqConfig, TrainConfig
from rnnviz.engine.data import CorpusError
from rnnviz.engine.pairs import generate_addition, load_pairs, to_book_lines
from rnnviz.engine.seq2seq_checkpoint import load_seq2seq_checkpoint, read_seq2seq_meta
from rnnviz.engine.seq2seq_session import Seq2seqSession


@pytest.fixture(scope="module")
def addition():
    return load_pairs("addition", n=600)            # 540 training pairs: 16 steps an epoch of 32


def make(data, stream="book", decoder="plain", cell="lstm", dtype="float32", optimizer="adam", source=None):
    config = Seq2seqConfig(vocab_size=len(data.vocab), embed_size=8, hidden_size=16, cell=cell, decoder=decoder,
                           dtype=dtype, stream=stream, seed=3)
    train = TrainConfig(batch_size=32, optimizer=optimizer, lr=0.01, clip=1.0, epochs=3, seed=5)
    return Seq2seqSession(data, config, train, source=source)


def steps(session, n):
    return [(s.stats.loss, s.stats.grad_norm) for s in (session.step() for _ in range(n))]


RUNS = [("book", "plain", "lstm", "float32", "adam"), ("seeded", "attention", "gru", "float64", "momentum"),
        ("book", "peeky", "gru", "float64", "sgd"), ("seeded", "plain", "lstm", "float32", "rmsprop")]


@pytest.mark.parametrize("stream,decoder,cell,dtype,optimizer", RUNS)
def test_resuming_is_bit_identical_to_an_uninterrupted_run(addition, tmp_path, stream, decoder, cell, dtype,
                                                           optimizer):
    kw = dict(stream=stream, decoder=decoder, cell=cell, dtype=dtype, optimizer=optimizer)
    straight = make(addition, **kw)
    expected = steps(straight, 40)                  # across two epoch boundaries (16 and 32)

    first = make(addition, **kw)
    got = steps(first, 23)                          # stopped in mid-epoch
    first.save(tmp_path / "run.npz")
    del first
    resumed = Seq2seqSession.from_checkpoint(tmp_path / "run.npz")
    assert resumed.iteration == 23
    got += steps(resumed, 17)

    assert got == expected                          # every loss and gradient norm, exactly
    for key, p in straight.model.params.items():
        assert np.array_equal(resumed.model.params[key], p) and resumed.model.params[key].dtype == p.dtype, key
    np.testing.assert_array_equal(resumed._order, straight._order)
    assert resumed.optimizer.iter == straight.optimizer.iter == 40


def test_live_learning_rate_and_clip_and_extra_arrays_come_back(addition, tmp_path):
    session = make(addition)
    steps(session, 3)
    session.optimizer.lr, session.clip = 0.003, 0.5
    history = {"accuracy": np.array([0.1, 0.25]), "epochs": np.array([1.0, 2.0])}
    path = session.save(tmp_path / "run.npz", extra=history)
    ck = load_seq2seq_checkpoint(path)
    assert ck.step == 3 and ck.optimizer.lr == 0.003 and ck.train_config.lr == 0.01 and ck.train_config.clip == 0.5
    assert ck.extra.keys() == history.keys()
    np.testing.assert_array_equal(ck.extra["accuracy"], history["accuracy"])
    back = Seq2seqSession.from_checkpoint(ck, addition)
    assert back.clip == 0.5 and back.optimizer.lr == 0.003
    meta = read_seq2seq_meta(path)
    assert meta["format"] == "rnnviz-seq2seq-checkpoint" and meta["rng"]["order"]["kind"] == "RandomState"
    assert meta["data"] == {"source": "addition", "name": "addition", "seed": 1984, "n": 600, "train_size": 540,
                            "test_size": 60, "question_width": 7, "answer_width": 5}


def test_a_session_that_has_not_stepped_round_trips(addition, tmp_path):
    session = make(addition, stream="seeded")
    resumed = Seq2seqSession.from_checkpoint(session.save(tmp_path / "run.npz"), addition)
    assert steps(resumed, 5) == steps(session, 5)


def test_data_from_a_file_is_loaded_again_from_its_source(tmp_path):
    lines = to_book_lines(generate_addition(300, seed=4))
    source = tmp_path / "sums.txt"
    source.write_text("\n".join(lines) + "\n")
    data = load_pairs(source)
    session = make(data, source=source)
    steps(session, 4)
    session.save(tmp_path / "run.npz")
    resumed = Seq2seqSession.from_checkpoint(tmp_path / "run.npz")
    assert resumed.data.name == "sums.txt" and resumed.source == os.fspath(source)
    assert steps(resumed, 3) == steps(session, 3)


def test_other_data_is_refused_with_what_differs(addition, tmp_path):
    path = make(addition).save(tmp_path / "run.npz")
    with pytest.raises(CorpusError, match=r"^date: its vocabulary differs from the checkpoint's \(\d+ characters, "
                                          r"the checkpoint's 13\); resume with the data the run was trained on "
                                          r"\(addition, seed 1984\)$"):
        Seq2seqSession.from_checkpoint(path, load_pairs("date", n=200))
    with pytest.raises(CorpusError, match="the same 13 characters in another order"):
        Seq2seqSession.from_checkpoint(path, load_pairs("addition", n=800))
    # The same characters in the same order, more of them (sums.txt is small.txt and then some).
    lines = to_book_lines(generate_addition(400, seed=4), 7, 5)
    (tmp_path / "small.txt").write_text("\n".join(lines[:300]))
    (tmp_path / "sums.txt").write_text("\n".join(lines))
    small = load_pairs(tmp_path / "small.txt")
    path = make(small).save(tmp_path / "run.npz")
    with pytest.raises(CorpusError, match=r"sums.txt: 360 training and 40 test pairs of widths 7 and 5, but the "
                                          r"checkpoint's run had 270 and 30 of widths 7 and 5"):
        Seq2seqSession.from_checkpoint(path, load_pairs(tmp_path / "sums.txt"))


def test_a_model_without_its_optimizer_and_stream_is_refused(addition):
    session = make(addition)
    with pytest.raises(ValueError, match="together"):
        Seq2seqSession(addition, session.config, session.train_config, model=session.model)


# --- the two kinds of checkpoint -------------------------------------------------------------

def test_each_kind_opened_as_the_other_says_where_to_open_it(addition, tmp_path):
    from tests.engine.test_checkpoint import make_run, save
    s2s = make(addition).save(tmp_path / "s2s.npz")
    lm = save(tmp_path / "lm.npz", *make_run())
    assert checkpoint_kind(s2s) == "seq2seq" and checkpoint_kind(lm) == "lm"
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(s2s)
    assert str(info.value) == f"{s2s}: is a seq2seq checkpoint; open it in the seq2seq lab"
    with pytest.raises(CheckpointError) as info:
        load_seq2seq_checkpoint(lm)
    assert str(info.value) == f"{lm}: is a language-model checkpoint; open it with File > Open checkpoint"


# --- refusing bad files ----------------------------------------------------------------------

@pytest.fixture
def saved(addition, tmp_path):
    session = make(addition)
    steps(session, 3)
    return session.save(tmp_path / "run.npz")


@pytest.fixture
def no_model(monkeypatch):
    monkeypatch.setattr(s2c, "Seq2seq", lambda cfg: pytest.fail("the model was built"))


def rewrite(path, mutate=None, meta=None):
    with np.load(path, allow_pickle=False) as npz:
        arrays = {key: npz[key] for key in npz.files}
    if meta is not None:
        data = json.loads(arrays["meta.json"].tobytes().decode())
        meta(data)
        arrays["meta.json"] = np.frombuffer(json.dumps(data).encode(), np.uint8)
    if mutate is not None:
        mutate(arrays)
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def refused(path, *words):
    with pytest.raises(CheckpointError) as info:
        load_seq2seq_checkpoint(path)
    message = str(info.value)
    assert "\n" not in message and os.fspath(path) in message
    for word in words:
        assert word in message, message
    return message


def _set(*path_and_value):
    *path, value = path_and_value

    def edit(meta):
        target = meta
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return edit


FORGED = [
    (_set("seq2seq_config", "seed", "3"), "seq2seq_config.seed must be an int"),
    (_set("seq2seq_config", "reverse", 1), "seq2seq_config.reverse must be a bool"),
    (_set("seq2seq_config", "decoder", "transformer"), "decoder must be one of plain, peeky, attention"),
    (_set("train_config", "batch_size", 32.0), "train_config.batch_size must be an int"),
    (_set("step", -1), "'step' must be an integer"),
    (_set("data", "seed", -1), "data.seed must be an integer in [0, 4294967295]"),
    (_set("data", "n", 601), "data.n (601) is not train_size + test_size (540 + 60)"),
    (_set("data", "train_size", "540"), "data.train_size must be an integer"),
    (_set("data", "train_size", 10), "data.train_size must be an integer in [32, "),
    (_set("data", "question_width", 0), "data.question_width must be an integer in [1, 10000]"),
    (_set("data", "source", None), "data.source must be a non-empty string"),
    (lambda m: m["data"].pop("n"), "meta.json 'data' must have the keys source, name, seed, n"),
    (_set("rng", "order", "kind", "Generator"), "RNG 'order' must be {\"kind\": \"RandomState\""),
    (_set("rng", "order", "state", "state", "pos", 9999), "state.state.pos must be an integer in [0, 624]"),
    (_set("rng", "order", "state", "has_gauss", 2), "state.has_gauss must be an integer in [0, 1]"),
    (_set("rng", "order", "state", "bit_generator", "PCG64"), "must be a RandomState's (MT19937)"),
    (_set("rng", "other", {}), "'rng' must hold just the 'order' stream"),
    (_set("vocab", "tokens", ["a", "b"]), "vocabulary has 2 tokens but seq2seq_config.vocab_size is"),
    (lambda m: m.pop("optimizer_lr"), "meta.json has no 'optimizer_lr' entry"),
]


@pytest.mark.parametrize("edit,words", FORGED, ids=[w for _, w in FORGED])
def test_forged_metadata_is_refused_before_the_model_is_built(saved, no_model, edit, words):
    rewrite(saved, meta=edit)
    refused(saved, words)


def test_a_model_too_big_for_this_machine_is_refused_before_building(saved, no_model, monkeypatch):
    monkeypatch.setattr(memory, "available_memory", lambda: 8 * 2 ** 30)
    rewrite(saved, meta=_set("seq2seq_config", "hidden_size", 100_000))
    refused(saved, "a model of hidden size 100000", "this machine has 8.0 GiB available")


@pytest.mark.parametrize("order,words", [
    (np.zeros(540, np.int64), "state/order is not a permutation of the 540 training pairs"),
    (np.arange(1, 541), "state/order is not a permutation"),
    (np.arange(539), "state/order has shape (539,) and dtype int64, expected (540,) int64"),
    (np.arange(540, dtype=np.int32), "state/order has shape (540,) and dtype int32"),
])
def test_an_order_that_is_not_a_permutation_of_the_training_pairs(saved, order, words):
    rewrite(saved, lambda a: a.__setitem__("state/order", order))
    refused(saved, words)


@pytest.mark.parametrize("edit,words", [
    (lambda a: a.__setitem__("param/dec.affine.W", np.zeros((16, 3), np.float32)),
     "param dec.affine.W has shape (16, 3), expected (16, 13)"),
    (lambda a: a.__setitem__("param/dec.affine.W", np.full((16, 13), np.nan, np.float32)),
     "param dec.affine.W holds 208 NaN or inf values"),
    (lambda a: a.__setitem__("param/dec.affine.b", np.zeros(13, np.float64)),
     "param dec.affine.b has dtype float64, expected float32 (seq2seq_config.dtype)"),
    (lambda a: a.pop("param/dec.affine.W"), "parameters do not match seq2seq_config: missing dec.affine.W"),
    (lambda a: a.__setitem__("state/h", np.zeros(3)), "state entries must be just 'order', got h, order"),
    (lambda a: a.pop("optim/adam.m.enc.embed.W"), "optimizer slot adam.m lacks enc.embed.W"),
    (lambda a: a.__setitem__("optim/adam.v.dec.affine.b", np.zeros(4, np.float32)),
     "optimizer entry adam.v.dec.affine.b has shape (4,), expected (13,)"),
    (lambda a: a.__setitem__("weights", np.zeros(3)), "unexpected entries weights"),
])
def test_arrays_that_do_not_fit_the_config(saved, edit, words):
    rewrite(saved, edit)
    refused(saved, words)


def test_a_huge_extra_member_is_refused_without_inflating_it(saved):
    from tests.engine.test_checkpoint import bomb, write_zip
    with np.load(saved, allow_pickle=False) as npz:
        arrays = {key: npz[key] for key in npz.files}
    write_zip(saved, arrays, {"extra/accuracy": bomb((3 * 2 ** 30 // 8,))})      # 3 GiB in ~3 MB
    tracemalloc.start()
    try:
        refused(saved, "extra arrays declare more than 512 MiB")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2 ** 20


def test_a_full_disk_keeps_the_previous_checkpoint(addition, saved, monkeypatch):
    before = saved.read_bytes()

    def full_disk(file, arrays):
        file.write(b"PK\x03\x04 partial")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(archive_write, "_write_npz", full_disk)
    with pytest.raises(CheckpointError, match="cannot write .*run.npz: the disk is full"):
        make(addition).save(saved)
    assert saved.read_bytes() == before and os.listdir(saved.parent) == ["run.npz"]


def test_a_diverged_run_is_not_saved(addition, tmp_path):
    session = make(addition)
    session.model.params["enc.embed.W"][0, 0] = np.inf
    with pytest.raises(CheckpointError, match="enc.embed.W hold NaN or inf"):
        session.save(tmp_path / "run.npz")
    assert os.listdir(tmp_path) == []
