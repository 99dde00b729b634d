"""Classifier checkpoints: a resumed run is bit-identical to an uninterrupted one; bad files are refused."""
import dataclasses
import errno
import json
import os

import numpy as np
import pytest

import rnnviz.engine.archive_write as archive_write
import rnnviz.engine.classify_checkpoint as cc
from rnnviz.engine import memory
from rnnviz.engine.archive import checkpoint_kind
from rnnviz.engine.checkpoint import CheckpointError, load_checkpoint
from rnnviz.engine.classify_checkpoint import data_for, load_classify_checkpoint, read_classify_meta
from rnnviz.engine.classify_data import ClassDataSpec, describe, load_classes
from rnnviz.engine.classify_session import ClassifySession
from rnnviz.engine.config import ClassifierConfig, Seq2seqConfig, TrainConfig
from rnnviz.engine.data import CorpusError
from rnnviz.engine.seq2seq_checkpoint import load_seq2seq_checkpoint


@pytest.fixture(scope="module")
def texts():
    # 160 training texts of 12 tokens: 5 steps an epoch of 32, the last one full.
    return load_classes(ClassDataSpec(source="first-token", n=200, max_len=12))


def make(data, cell="lstm", input="embedding", truncate=4, dtype="float64", optimizer="adam", pool="last",
         layers=1):
    config = ClassifierConfig(vocab_size=len(data.vocab), num_classes=data.num_classes, embed_size=6,
                              hidden_size=8, cell=cell, num_layers=layers, input=input, pool=pool,
                              truncate=truncate, dtype=dtype, seed=3)
    train = TrainConfig(batch_size=32, optimizer=optimizer, lr=0.01, clip=1.0, epochs=3, seed=5)
    return ClassifySession(data, config, train)


def steps(session, n):
    return [(s.stats.loss, s.stats.grad_norm) for s in (session.step() for _ in range(n))]


RUNS = [("rnn", "onehot", 3, "float64", "adam", "last", 1), ("lstm", "embedding", 5, "float32", "momentum", "mean", 2),
        ("lstm", "onehot", 2, "float64", "rmsprop", "last", 1), ("gru", "embedding", 7, "float32", "sgd", "last", 1)]


@pytest.mark.parametrize("cell,input,truncate,dtype,optimizer,pool,layers", RUNS)
def test_resuming_is_bit_identical_to_continuing(texts, tmp_path, cell, input, truncate, dtype, optimizer, pool,
                                                 layers):
    original = make(texts, cell, input, truncate, dtype, optimizer, pool, layers)
    steps(original, 3)                              # stopped in mid-epoch
    original.set_truncate(truncate - 1)             # the lab's live k is what continues
    original.save(tmp_path / "run.npz")
    resumed = ClassifySession.from_checkpoint(tmp_path / "run.npz")
    assert resumed.iteration == 3 and resumed.truncate == truncate - 1
    np.testing.assert_array_equal(resumed.epoch_sums, original.epoch_sums)

    assert steps(resumed, 2) == steps(original, 2)  # to the epoch's end at 5: every loss and norm, exactly
    a, b = resumed.evaluate(), original.evaluate()  # the epoch's figures span the save
    assert (a.train_loss, a.train_accuracy, a.valid_loss) == (b.train_loss, b.train_accuracy, b.valid_loss)
    assert steps(resumed, 3) == steps(original, 3)  # into the next epoch, in the restored stream's order
    for key, p in original.model.params.items():
        assert np.array_equal(resumed.model.params[key], p) and resumed.model.params[key].dtype == p.dtype, key
    np.testing.assert_array_equal(resumed._order, original._order)
    np.testing.assert_array_equal(resumed.epoch_sums, original.epoch_sums)
    assert resumed.optimizer.iter == original.optimizer.iter == 8
    a, b = resumed.evaluate(), original.evaluate()
    assert (a.train_loss, a.train_accuracy, a.valid_loss) == (b.train_loss, b.train_accuracy, b.valid_loss)


def test_live_learning_rate_clip_and_extra_arrays_come_back(texts, tmp_path):
    session = make(texts)
    steps(session, 2)
    session.optimizer.lr, session.clip = 0.003, 0.5
    history = {"accuracy": np.array([0.1, 0.25]), "epochs": np.array([1.0, 2.0])}
    path = session.save(tmp_path / "run.npz", extra=history)
    ck = load_classify_checkpoint(path)
    assert ck.step == 2 and ck.optimizer.lr == 0.003 and ck.train_config.lr == 0.01 and ck.train_config.clip == 0.5
    assert ck.truncate == ck.config.truncate == 4 and ck.epoch_sums[2] == 64
    assert ck.extra.keys() == history.keys()
    np.testing.assert_array_equal(ck.extra["accuracy"], history["accuracy"])
    back = ClassifySession.from_checkpoint(ck, texts)
    assert back.clip == 0.5 and back.optimizer.lr == 0.003 and back.data is texts
    meta = read_classify_meta(path)
    assert meta["format"] == "rnnviz-classify-checkpoint" and meta["rng"]["order"]["kind"] == "Generator"
    assert meta["data"] == describe(texts) and meta["classifier_config"]["truncate"] == 4
    assert checkpoint_kind(path) == "classify"


def test_a_session_that_has_not_stepped_round_trips(texts, tmp_path):
    session = make(texts, cell="rnn")
    resumed = ClassifySession.from_checkpoint(session.save(tmp_path / "run.npz"), texts)
    assert steps(resumed, 6) == steps(session, 6)


def test_other_data_is_refused_naming_the_checkpoint(texts, tmp_path):
    path = make(texts).save(tmp_path / "run.npz")
    ck = load_classify_checkpoint(path)
    assert data_for(ck, texts) is texts
    fewer = dataclasses.replace(texts, x_valid=texts.x_valid[:30], len_valid=texts.len_valid[:30],
                                y_valid=texts.y_valid[:30], valid_texts=texts.valid_texts[:30])
    with pytest.raises(CorpusError, match=rf"^{path}: first token has 160 training and 30 validation texts of "
                                          r"12 tokens, but the checkpoint's run had 160 and 40 of 12; resume "
                                          r"with the data the run was trained on$"):
        data_for(ck, fewer)
    longer = dataclasses.replace(texts, x_train=np.pad(texts.x_train, ((0, 0), (1, 0))))
    with pytest.raises(CorpusError, match="texts of 13 tokens, but the checkpoint's run had 160 and 40 of 12"):
        data_for(ck, longer)
    renamed = dataclasses.replace(texts, classes=("bad", "good"))
    with pytest.raises(CorpusError, match=rf"^{path}: first token has the classes bad, good, the checkpoint's "
                                          r"run negative, positive; resume with the data"):
        data_for(ck, renamed)
    reordered = load_classes(ClassDataSpec(source="first-token", n=200, max_len=12, seed=7))
    with pytest.raises(CorpusError, match=rf"^{path}: the vocabulary of first token differs from the checkpoint's "
                                          r"\(the same 22 tokens in another order\); resume with the data the run "
                                          r"was trained on \(first-token\)$"):
        data_for(ck, reordered)
    reviews = load_classes(ClassDataSpec(source="reviews", n=200, max_len=12))
    with pytest.raises(CorpusError, match=r"the vocabulary of reviews \(English\) differs from the checkpoint's "
                                          r"\(\d+ tokens, the checkpoint's 22\)"):
        ClassifySession.from_checkpoint(path, reviews)


def test_texts_that_cannot_be_loaded_again_are_named(texts, tmp_path):
    table = tmp_path / "reviews.tsv"
    table.write_text("text\tlabel\n" + "".join(f"{'good' if i % 2 else 'bad'} film {i}\t{i % 2}\n"
                                               for i in range(80)))
    data = load_classes(ClassDataSpec(source=os.fspath(table), max_len=5))     # 64 to train on, 16 to validate
    path = make(data).save(tmp_path / "run.npz")
    assert ClassifySession.from_checkpoint(path).data.name == "reviews.tsv"
    table.unlink()
    with pytest.raises(CorpusError) as info:
        ClassifySession.from_checkpoint(path)
    message = str(info.value)
    assert message.startswith(f"{path}: its texts cannot be loaded again from ") and "no such file" in message
    assert message.endswith("; pass the data the run was trained on") and "\n" not in message
    assert ClassifySession.from_checkpoint(path, data).iteration == 0


def test_a_config_that_is_not_the_models_is_not_saved(texts, tmp_path):
    session = make(texts)
    with pytest.raises(CheckpointError, match="the config given is not the model's"):
        cc.save_classify_checkpoint(tmp_path / "run.npz", session.model, session.optimizer,
                                    config=dataclasses.replace(session.config, hidden_size=9), data=texts,
                                    train_config=session.train_config, step=0, order=session._order,
                                    rng=session.rng, epoch_sums=session.epoch_sums)
    assert os.listdir(tmp_path) == []


# --- the three kinds of checkpoint -----------------------------------------------------------

def test_each_kind_opened_as_another_says_where_to_open_it(texts, tmp_path):
    from rnnviz.engine.pairs import load_pairs
    from rnnviz.engine.seq2seq_session import Seq2seqSession
    from tests.engine.test_checkpoint import make_run, save
    ours = make(texts).save(tmp_path / "classify.npz")
    lm = save(tmp_path / "lm.npz", *make_run())
    pairs = load_pairs("addition", n=60)
    s2s = Seq2seqSession(pairs, Seq2seqConfig(vocab_size=len(pairs.vocab), embed_size=4, hidden_size=4),
                         TrainConfig(batch_size=8, optimizer="adam", lr=0.01)).save(tmp_path / "s2s.npz")
    for opener in (load_checkpoint, load_seq2seq_checkpoint):
        with pytest.raises(CheckpointError) as info:
            opener(ours)
        assert str(info.value) == f"{ours}: is a classifier checkpoint; open it in the classifier lab"
    with pytest.raises(CheckpointError) as info:
        load_classify_checkpoint(s2s)
    assert str(info.value) == f"{s2s}: is a seq2seq checkpoint; open it in the seq2seq lab"
    with pytest.raises(CheckpointError) as info:
        read_classify_meta(lm)
    assert str(info.value) == f"{lm}: is a language-model checkpoint; open it with File > Open checkpoint"


def test_an_unknown_format_lists_the_formats_expected(saved):
    rewrite(saved, meta=_set("format", "other"))
    refused(saved, "meta.json format is 'other', expected 'rnnviz-classify-checkpoint')")
    with pytest.raises(CheckpointError, match=r"expected 'rnnviz-checkpoint', 'rnnviz-seq2seq-checkpoint' or "
                                              r"'rnnviz-classify-checkpoint'\)$"):
        checkpoint_kind(saved)


# --- refusing bad files ----------------------------------------------------------------------

@pytest.fixture
def saved(texts, tmp_path):
    session = make(texts)
    steps(session, 2)
    return session.save(tmp_path / "run.npz")


@pytest.fixture
def no_model(monkeypatch):
    monkeypatch.setattr(cc, "Classifier", lambda cfg: pytest.fail("the model was built"))


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
        load_classify_checkpoint(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{os.fspath(path)}: ")
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
    (_set("classifier_config", "seed", "3"), "classifier_config.seed must be an int"),
    (_set("classifier_config", "truncate", -1), "truncate must be an integer in [0, 1000000], got -1"),
    (_set("classifier_config", "pool", "max"), "pool must be one of last, mean"),
    (_set("classifier_config", "num_classes", 3), "data.classes must be 3 different names"),
    (_set("train_config", "batch_size", 32.0), "train_config.batch_size must be an int"),
    (_set("step", -1), "'step' must be an integer in [0, "),
    (_set("step", True), "'step' must be an integer"),
    (_set("optimizer_lr", "0.01"), "'optimizer_lr' must be a positive number"),
    (_set("data", "spec", "max_len", "12"), "data.spec.max_len must be an int"),
    (_set("data", "spec", "valid_fraction", 1.5), "valid_fraction must be a number between 0 and 1"),
    (_set("data", "spec", "source", ""), "data.spec: source must be a file, a folder or one of"),
    (_set("data", "train_size", "160"), "data.train_size must be an integer in [32, "),
    (_set("data", "train_size", 10), "data.train_size must be an integer in [32, "),
    (_set("data", "valid_size", 0), "data.valid_size must be an integer in [1, "),
    (_set("data", "name", None), "data.name must be a non-empty string"),
    (_set("data", "classes", ["a", "a"]), "data.classes must be 2 different names"),
    (lambda m: m["data"].pop("valid_size"), "meta.json 'data' must have the keys spec, name, train_size"),
    (_set("rng", "order", "kind", "RandomState"), "RNG 'order' must be {\"kind\": \"Generator\""),
    (_set("rng", "order", "state", "state", "state", 2 ** 200), "state.state.state must be an integer in [0, "),
    (_set("rng", "order", "state", "has_uint32", 2), "state.has_uint32 must be an integer in [0, 1]"),
    (_set("rng", "dropout", {}), "'rng' must hold just the 'order' stream"),
    (_set("vocab", "tokens", ["a", "b"]), "vocabulary has 2 tokens but classifier_config.vocab_size is 22"),
    (lambda m: m.pop("classifier_config"), "meta.json has no 'classifier_config' entry"),
    (_set("version", 2), "written by format version 2; this rnnviz reads version 1"),
]


@pytest.mark.parametrize("edit,words", FORGED, ids=[w for _, w in FORGED])
def test_forged_metadata_is_refused_before_the_model_is_built(saved, no_model, edit, words):
    rewrite(saved, meta=edit)
    refused(saved, words)


def test_a_model_too_big_for_this_machine_is_refused_before_building(saved, no_model, monkeypatch):
    monkeypatch.setattr(memory, "available_memory", lambda: 8 * 2 ** 30)
    rewrite(saved, meta=_set("classifier_config", "hidden_size", 100_000))
    refused(saved, "hidden size 100000", "8.0 GiB")


@pytest.mark.parametrize("key,value,words", [
    ("order", np.zeros(160, np.int64), "state/order is not a permutation of the 160 training texts"),
    ("order", np.arange(1, 161), "state/order is not a permutation"),
    ("order", np.arange(159), "state/order has shape (159,) and dtype int64, expected (160,) int64"),
    ("order", np.arange(160, dtype=np.int32), "state/order has shape (160,) and dtype int32"),
    ("epoch_sums", np.zeros(4), "state/epoch_sums has shape (4,) and dtype float64, expected (3,) float64"),
    ("epoch_sums", np.zeros(3, np.float32), "state/epoch_sums has shape (3,) and dtype float32"),
    ("epoch_sums", np.array([1.0, np.nan, 64.0]), "state epoch_sums holds 1 NaN or inf values"),
    ("epoch_sums", np.array([40.0, 70.0, 64.0]), "state/epoch_sums [40.0, 70.0, 64.0] are not a loss, right"),
    ("epoch_sums", np.array([40.0, 10.0, 500.0]), "of the 160 training texts"),
    ("epoch_sums", np.array([-1.0, 10.0, 64.0]), "state/epoch_sums [-1.0, 10.0, 64.0] are not"),
    ("epoch_sums", np.array([40.0, 10.5, 64.0]), "state/epoch_sums [40.0, 10.5, 64.0] are not"),
])
def test_a_state_that_does_not_fit_the_data(saved, no_model, key, value, words):
    rewrite(saved, lambda a: a.__setitem__(f"state/{key}", value))
    refused(saved, words)


@pytest.mark.parametrize("edit,words", [
    (lambda a: a.__setitem__("param/affine.W", np.zeros((8, 2))), "param affine.W has shape (8, 2), expected (8, 1)"),
    (lambda a: a.__setitem__("param/lstm0.Wh", np.full((8, 32), np.nan)), "param lstm0.Wh holds 256 NaN or inf"),
    (lambda a: a.__setitem__("param/affine.b", np.zeros(1, np.float32)),
     "param affine.b has dtype float32, expected float64 (classifier_config.dtype)"),
    (lambda a: a.pop("param/embed.W"), "parameters do not match classifier_config: missing embed.W"),
    (lambda a: a.pop("state/epoch_sums"), "state entries must be 'epoch_sums' and 'order', got order"),
    (lambda a: a.__setitem__("state/h", np.zeros(3)), "state entries must be 'epoch_sums' and 'order', got "
                                                      "epoch_sums, h, order"),
    (lambda a: a.pop("optim/adam.m.embed.W"), "optimizer slot adam.m lacks embed.W"),
    (lambda a: a.__setitem__("optim/adam.v.affine.b", np.zeros(4)),
     "optimizer entry adam.v.affine.b has shape (4,), expected (1,)"),
    (lambda a: a.__setitem__("weights", np.zeros(3)), "unexpected entries weights"),
])
def test_arrays_that_do_not_fit_the_config(saved, no_model, edit, words):
    rewrite(saved, edit)
    refused(saved, words)


def test_truncated_and_corrupt_files(saved):
    data = saved.read_bytes()
    saved.write_bytes(data[:len(data) // 2])
    refused(saved, "truncated or corrupt checkpoint")
    damaged = bytearray(data)
    damaged[len(data) // 3] ^= 0xFF               # inside some array's bytes: the zip CRC catches it
    saved.write_bytes(bytes(damaged))
    refused(saved, "truncated or corrupt checkpoint")
    saved.write_bytes(b"")
    refused(saved, "truncated or corrupt checkpoint (empty file)")


def test_a_full_disk_keeps_the_previous_checkpoint(texts, saved, monkeypatch):
    before = saved.read_bytes()

    def full_disk(file, arrays):
        file.write(b"PK\x03\x04 partial")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(archive_write, "_write_npz", full_disk)
    with pytest.raises(CheckpointError, match="cannot write .*run.npz: the disk is full"):
        make(texts).save(saved)
    assert saved.read_bytes() == before and os.listdir(saved.parent) == ["run.npz"]


def test_a_diverged_run_is_not_saved_over_the_last_good_one(texts, saved):
    before = saved.read_bytes()
    session = make(texts)
    session.model.params["lstm0.Wx"][0, 0] = np.nan
    with pytest.raises(CheckpointError) as info:
        session.save(saved)
    assert str(info.value) == f"cannot save {saved}: parameters lstm0.Wx hold NaN or inf (the run diverged)"
    assert saved.read_bytes() == before and os.listdir(saved.parent) == ["run.npz"]
    assert load_classify_checkpoint(saved).step == 2
