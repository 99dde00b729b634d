import ast
import bz2
import dataclasses
import errno
import io
import json
import os
import struct
import subprocess
import sys
import tracemalloc
import zipfile
import zlib

import numpy as np
import pytest

import rnnviz.engine.archive_write as archive_write
import rnnviz.engine.checkpoint as ckpt
from rnnviz.engine import RNNLM, ModelConfig, TrainConfig
from rnnviz.engine.checkpoint import (FORMAT, FORMAT_VERSION, CheckpointError, load_checkpoint,
                                      read_meta, save_checkpoint)
from rnnviz.engine.data import TBPTTStream, Vocab
from rnnviz.engine import training
from rnnviz.engine.optim import make_optimizer

V = 11
VOCAB = Vocab(tuple("abcdefghij") + ("<unk>",), "char")


def make_run(cell="lstm", optimizer="adam", layers=2, dropout=0.3, tie=False, inp="embedding",
             dtype="float32", seed=0):
    mcfg = ModelConfig(vocab_size=V, embed_size=6, hidden_size=6, cell=cell, num_layers=layers,
                       input=inp, dropout=dropout, tie_weights=tie, dtype=dtype, seed=seed)
    tcfg = TrainConfig(batch_size=3, bptt=5, optimizer=optimizer, lr=0.05, clip=1.0, max_steps=10)
    model = RNNLM(mcfg)
    ids = np.random.default_rng(seed + 7).integers(0, V, 200)
    stream = TBPTTStream(ids, tcfg.batch_size, tcfg.bptt)
    return model, make_optimizer(tcfg), stream, tcfg


def train(model, optimizer, stream, tcfg, steps):
    for _ in range(steps):
        xs, ts = stream.next_batch()
        model.forward(xs, ts)
        model.backward()
        norm = float(np.sqrt(training.squared_norms(model.grads).sum()))
        optimizer.update(model.params, model.grads, scale=training.clip_rate(norm, tcfg.clip)[1])


def save(path, model, optimizer, stream, tcfg, **kw):
    return save_checkpoint(path, model, optimizer, vocab=VOCAB, train_config=tcfg, step=3, epoch=1,
                           streams={"train": stream.state_dict()}, **kw)


@pytest.fixture
def saved(tmp_path):
    model, optimizer, stream, tcfg = make_run()
    train(model, optimizer, stream, tcfg, 2)
    return save(tmp_path / "run.npz", model, optimizer, stream, tcfg)


# --- round trips -----------------------------------------------------------------------------

CASES = [(cell, opt, tie, inp)
         for cell in ("rnn", "lstm", "gru")
         for opt in ("sgd", "momentum", "adam")
         for tie, inp in ((False, "embedding"),)] + [
    ("lstm", "rmsprop", True, "embedding"), ("gru", "adagrad", False, "onehot")]


@pytest.mark.parametrize("cell,opt,tie,inp", CASES)
def test_round_trip_restores_everything(tmp_path, cell, opt, tie, inp):
    model, optimizer, stream, tcfg = make_run(cell, opt, tie=tie, inp=inp)
    train(model, optimizer, stream, tcfg, 2)
    sampler = np.random.default_rng(5)
    sampler.random(3)
    history = np.arange(6.0).reshape(2, 3)
    path = save(tmp_path / "run.npz", model, optimizer, stream, tcfg, rngs={"sample": sampler},
                data={"source": "tale", "level": "char", "limit_tokens": None}, extra={"history": history})

    ck = load_checkpoint(path)
    assert ck.path == path
    assert ck.model_config == model.config and ck.train_config == tcfg and ck.vocab == VOCAB
    assert (ck.step, ck.epoch) == (3, 1)
    assert ck.streams == {"train": {"time_idx": 10}}
    assert ck.data == {"source": "tale", "level": "char", "limit_tokens": None}
    np.testing.assert_array_equal(ck.extra["history"], history)
    assert ck.model.params.keys() == model.params.keys()
    for key, p in model.params.items():
        np.testing.assert_array_equal(ck.model.params[key], p)
        assert ck.model.params[key].dtype == p.dtype
    saved_state, loaded_state = optimizer.state_dict(), ck.optimizer.state_dict()
    assert saved_state.keys() == loaded_state.keys()
    for key in saved_state:
        np.testing.assert_array_equal(loaded_state[key], saved_state[key])
    state = model.get_state()
    assert state.keys() == ck.model.get_state().keys() and state
    for key in state:
        np.testing.assert_array_equal(ck.model.get_state()[key], state[key])
    assert ck.model.dropout_rng.random() == model.dropout_rng.random()
    fresh = np.random.default_rng(0)
    ck.restore_rng("sample", fresh)
    assert fresh.random() == sampler.random()
    if tie:     # the decoder must still read the embedding through a view, not a copy
        assert np.shares_memory(ck.model.decoder.params["W"], ck.model.params["embed.W"])


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_resume_is_bit_identical_to_an_uninterrupted_run(tmp_path, cell):
    model, optimizer, stream, tcfg = make_run(cell, "adam", dropout=0.3)
    train(model, optimizer, stream, tcfg, 6)

    model, optimizer, stream, tcfg = make_run(cell, "adam", dropout=0.3)
    train(model, optimizer, stream, tcfg, 3)
    path = save(tmp_path / "run.npz", model, optimizer, stream, tcfg)
    ids = stream.ids
    del model, optimizer, stream

    ck = load_checkpoint(path)
    resumed_stream = TBPTTStream(ids, ck.train_config.batch_size, ck.train_config.bptt)
    resumed_stream.load_state_dict(ck.streams["train"])
    train(ck.model, ck.optimizer, resumed_stream, ck.train_config, 3)

    reference, _, _, _ = make_run(cell, "adam", dropout=0.3)
    reference_opt = make_optimizer(tcfg)
    ref_stream = TBPTTStream(ids, tcfg.batch_size, tcfg.bptt)
    train(reference, reference_opt, ref_stream, tcfg, 6)
    for key, p in reference.params.items():
        assert np.array_equal(ck.model.params[key], p), key


def test_live_learning_rate_is_restored(tmp_path):
    model, optimizer, stream, tcfg = make_run(optimizer="momentum")
    optimizer.lr = 0.003
    ck = load_checkpoint(save(tmp_path / "run.npz", model, optimizer, stream, tcfg))
    assert ck.optimizer.lr == 0.003 and ck.train_config.lr == 0.05
    assert ck.meta["optimizer_lr"] == 0.003


def test_untrained_model_without_state_or_slots_round_trips(tmp_path):
    model, optimizer, stream, tcfg = make_run(optimizer="adam")
    ck = load_checkpoint(save(tmp_path / "run.npz", model, optimizer, stream, tcfg))
    assert ck.optimizer.iter == 0 and ck.model.get_state() == {}


def test_meta_records_what_was_asked(saved):
    meta = read_meta(saved)
    assert meta["format"] == FORMAT and meta["version"] == FORMAT_VERSION
    assert meta["stream"] == {"train": {"time_idx": 10}}
    assert meta["rng"]["dropout"]["bit_generator"] == "PCG64"
    assert meta["model_config"]["cell"] == "lstm" and meta["train_config"]["optimizer"] == "adam"
    assert meta["vocab"]["tokens"][0] == "a"
    assert meta["created"] and meta["rnnviz_version"]


def test_path_is_used_exactly_as_given(tmp_path):
    model, optimizer, stream, tcfg = make_run()
    path = save(tmp_path / "model.ckpt", model, optimizer, stream, tcfg)
    assert sorted(os.listdir(tmp_path)) == ["model.ckpt"]
    assert load_checkpoint(path).step == 3


# --- writing safely --------------------------------------------------------------------------

def test_full_disk_leaves_old_checkpoint_and_no_temp_file(tmp_path, monkeypatch, saved):
    before = saved.read_bytes()
    model, optimizer, stream, tcfg = make_run(seed=1)

    def full_disk(file, arrays):
        file.write(b"PK\x03\x04 partial")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(archive_write, "_write_npz", full_disk)
    with pytest.raises(CheckpointError, match=r"cannot write .*run\.npz: the disk is full \(No space left on device\)"):
        save(saved, model, optimizer, stream, tcfg)
    assert saved.read_bytes() == before
    assert os.listdir(tmp_path) == ["run.npz"]
    load_checkpoint(saved)


def test_unwritable_location_is_reported(tmp_path):
    model, optimizer, stream, tcfg = make_run()
    with pytest.raises(CheckpointError, match="cannot write .*: No such file or directory"):
        save(tmp_path / "missing" / "run.npz", model, optimizer, stream, tcfg)


def test_save_refuses_what_load_would_refuse(tmp_path):
    model, optimizer, stream, tcfg = make_run()
    with pytest.raises(CheckpointError, match="reserved"):
        save(tmp_path / "a.npz", model, optimizer, stream, tcfg,
             rngs={"dropout": np.random.default_rng()})
    with pytest.raises(CheckpointError, match="object array"):
        save(tmp_path / "a.npz", model, optimizer, stream, tcfg, extra={"x": np.array([None, 1])})
    with pytest.raises(CheckpointError, match="not JSON-serialisable"):
        save(tmp_path / "a.npz", model, optimizer, stream, tcfg, data={"when": object()})
    with pytest.raises(CheckpointError, match="optimizer is adam but train_config.optimizer is sgd"):
        save(tmp_path / "a.npz", model, optimizer, stream, dataclasses.replace(tcfg, optimizer="sgd"))
    model.params["lstm0.Wh"][0, 0] = np.nan
    with pytest.raises(CheckpointError, match="lstm0.Wh hold NaN or inf"):
        save(tmp_path / "a.npz", model, optimizer, stream, tcfg)
    assert os.listdir(tmp_path) == []


# --- refusing bad files ----------------------------------------------------------------------

def entries(path):
    with np.load(path, allow_pickle=False) as npz:
        return {key: npz[key] for key in npz.files}


def rewrite(path, mutate=None, meta=None):
    """Re-save ``path`` after editing its arrays (``mutate``) and/or its metadata (``meta``)."""
    arrays = entries(path)
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
        load_checkpoint(path)
    message = str(info.value)
    assert "\n" not in message and os.fspath(path) in message
    for word in words:
        assert word in message, message
    return message


def test_missing_file(tmp_path):
    refused(tmp_path / "nope.npz", "no such file")


def test_truncated_file(saved):
    data = saved.read_bytes()
    saved.write_bytes(data[:len(data) // 2])
    refused(saved, "truncated or corrupt checkpoint")


def test_random_bytes_and_empty_file(saved):
    saved.write_bytes(np.random.default_rng(0).bytes(500))
    refused(saved, "truncated or corrupt checkpoint", "not a .npz archive")
    saved.write_bytes(b"")
    refused(saved, "truncated or corrupt checkpoint", "empty file")


def test_damaged_member_is_corrupt(saved):
    data = bytearray(saved.read_bytes())
    data[len(data) // 3] ^= 0xFF      # inside some array's bytes: the zip CRC catches it
    saved.write_bytes(bytes(data))
    refused(saved, "truncated or corrupt checkpoint")


def test_pickled_object_array_is_refused(saved):
    rewrite(saved, lambda a: a.__setitem__("extra/evil", np.array([{"a": 1}, None], dtype=object)))
    refused(saved, "extra/evil", "contains pickled objects, refused")


def test_missing_meta(saved):
    rewrite(saved, lambda a: a.pop("meta.json"))
    refused(saved, "no meta.json entry")


def test_meta_that_is_not_json(saved):
    rewrite(saved, lambda a: a.__setitem__("meta.json", np.frombuffer(b'{"format": ', np.uint8)))
    refused(saved, "meta.json is not valid JSON", "line 1")


def test_wrong_version_and_format(saved):
    rewrite(saved, meta=lambda m: m.update(version=7))
    assert "written by format version 7; this rnnviz reads version 1" in refused(saved)
    with pytest.raises(CheckpointError, match="version 7"):
        read_meta(saved)
    rewrite(saved, meta=lambda m: m.update(version=1, format="something-else"))
    refused(saved, "not an rnnviz checkpoint", "something-else")


def test_missing_meta_entry(saved):
    rewrite(saved, meta=lambda m: m.pop("vocab"))
    refused(saved, "no 'vocab' entry")


def test_config_the_config_class_rejects(saved):
    rewrite(saved, meta=lambda m: m["model_config"].update(hidden_size=0))
    refused(saved, "model_config", "hidden_size must be an integer")
    rewrite(saved, meta=lambda m: (m["model_config"].update(hidden_size=6),
                                   m["train_config"].update(bogus=1)))
    refused(saved, "train_config", "no field(s) bogus")


def test_vocabulary_of_the_wrong_size(saved):
    rewrite(saved, meta=lambda m: m["vocab"]["tokens"].pop())
    refused(saved, "vocabulary has 10 tokens but model_config.vocab_size is 11")


def test_shape_mismatch(saved):
    rewrite(saved, lambda a: a.__setitem__("param/lstm0.Wx", np.zeros((10, 40), np.float32)))
    refused(saved, "param lstm0.Wx has shape (10, 40), expected (6, 24)")


def test_dtype_mismatch(saved):
    rewrite(saved, lambda a: a.__setitem__("param/lstm1.b", a["param/lstm1.b"].astype(np.float64)))
    refused(saved, "param lstm1.b has dtype float64, expected float32")


def test_missing_and_unexpected_parameters(saved):
    def edit(a):
        a["param/lstm9.Wx"] = a.pop("param/lstm1.Wx")
    rewrite(saved, edit)
    refused(saved, "missing lstm1.Wx", "unexpected lstm9.Wx")


def test_non_finite_parameters_are_refused(saved):
    def edit(a):
        a["param/decoder.b"] = a["param/decoder.b"].copy()
        a["param/decoder.b"][:2] = [np.nan, np.inf]
    rewrite(saved, edit)
    refused(saved, "param decoder.b holds 2 NaN or inf values")


def test_optimizer_slots_that_do_not_fit(saved):
    rewrite(saved, lambda a: a.__setitem__("optim/adam.m.lstm0.Wh", np.zeros((2, 2), np.float32)))
    refused(saved, "optimizer entry adam.m.lstm0.Wh has shape (2, 2), expected (6, 24)")
    rewrite(saved, lambda a: (a.pop("optim/adam.m.lstm0.Wh"), a.pop("optim/adam.v.embed.W")))
    refused(saved, "adam.m lacks lstm0.Wh", "adam.v lacks embed.W")
    rewrite(saved, lambda a: a.__setitem__("optim/sgd.iter", np.array(1)))
    refused(saved, "sgd.iter do not belong to adam")


def test_stray_entries_and_bad_state(saved):
    rewrite(saved, lambda a: a.__setitem__("state/lstm0.h", np.zeros((3, 4), np.float32)))
    refused(saved, "state lstm0.h has shape (3, 4)")
    rewrite(saved, lambda a: a.__setitem__("weights", np.zeros(3)))
    refused(saved, "unexpected entries", "weights")


def test_rng_states_are_checked(saved):
    rewrite(saved, meta=lambda m: m["rng"]["dropout"].update(bit_generator="Nonsense"))
    refused(saved, "RNG state 'dropout' names no NumPy bit generator")
    rewrite(saved, meta=lambda m: m["rng"]["dropout"].update(bit_generator="PCG64", state={}))
    refused(saved, "RNG state 'dropout' is malformed")


def test_restore_rng_names_what_is_wrong(saved):
    ck = load_checkpoint(saved)
    with pytest.raises(CheckpointError, match="no RNG state named 'data' .saved: dropout."):
        ck.restore_rng("data", np.random.default_rng())
    with pytest.raises(CheckpointError, match="does not fit"):
        ck.restore_rng("dropout", np.random.Generator(np.random.MT19937()))


@pytest.mark.parametrize("module", ["checkpoint", "archive", "meta_fields", "seq2seq_checkpoint"])
def test_no_pickle_import(module):
    import importlib
    with open(importlib.import_module(f"rnnviz.engine.{module}").__file__, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert not imported & {"pickle", "cPickle", "dill", "cloudpickle", "shelve", "marshal"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_instead_of_waited_on(tmp_path):
    fifo = tmp_path / "run.npz"
    os.mkfifo(fifo)
    refused(fifo, "is not a regular file")


def test_an_archive_of_too_many_entries_is_refused_before_zipfile_lists_them(saved):
    arrays = entries(saved)
    arrays.update({f"extra/x{i}": np.zeros(0) for i in range(11_000)})
    write_zip(saved, arrays)
    refused(saved, "the archive lists 11,0", "entries; a checkpoint has at most 11,000")


# --- forged metadata: refused in one line, before any model is built --------------------------

@pytest.fixture
def no_model(monkeypatch):
    """Fail the test if load_checkpoint gets as far as building the model."""
    monkeypatch.setattr(ckpt, "RNNLM", lambda cfg: pytest.fail("the model was built"))


def _set(*path_and_value):
    *path, value = path_and_value

    def edit(meta):
        target = meta
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return edit


FORGED = [
    (_set("model_config", "seed", 1.5), "model_config.seed must be an int"),
    (_set("model_config", "seed", "0"), "model_config.seed must be an int"),
    (_set("model_config", "seed", -1), "seed must be an integer in [0, "),
    (_set("model_config", "tie_weights", "no"), "model_config.tie_weights must be a bool"),
    (_set("model_config", "dropout", "0.1"), "model_config.dropout must be a float"),
    (_set("model_config", "hidden_size", True), "model_config.hidden_size must be an int"),
    (_set("train_config", "lr", "0.1"), "train_config.lr must be a float"),
    (_set("train_config", "seed", [1]), "train_config.seed must be an int"),
    (_set("data", "limit_tokens", "1000"), "data.limit_tokens must be null or a positive integer"),
    (_set("data", "limit_tokens", 0), "data.limit_tokens must be null or a positive integer"),
    (_set("data", "level", "byte"), "data.level must be one of char, word"),
    (_set("data", "normalize", "yes"), "data.normalize must be true or false"),
    (_set("data", "source", 5), "data.source must be a string"),
    (_set("data", "valid", ["a"]), "data.valid must be null or a string"),
    (_set("data", "notes", {"a": 1}), "data.notes must be a string, number, boolean or null"),
    (_set("data", "corpus"), "meta.json 'data' must be an object"),
    (_set("stream", "train", "time_idx", -1), "stream.train.time_idx must be a non-negative integer"),
    (_set("stream", "train", "time_idx", 2.5), "stream.train.time_idx must be a non-negative integer"),
    (_set("stream", "train", []), "meta.json stream.train must be an object"),
    (_set("step", 1.5), "'step' must be an integer"),
    (_set("step", True), "'step' must be an integer"),
    (_set("epoch", -2), "'epoch' must be an integer"),
    (_set("optimizer_lr", "0.01"), "'optimizer_lr' must be a positive number"),
    (_set("optimizer_lr", 0), "'optimizer_lr' must be a positive number"),
    (_set("vocab", "normalize", "yes"), "vocab: 'normalize' must be true or false"),
    (_set("vocab", "tokens", [1, 2]), "vocab: vocabulary JSON 'tokens' must be a list of strings"),
    (_set("created", 20240101), "'created' must be a string"),
    (_set("rng", "dropout", "bit_generator", "BitGenerator"), "names no NumPy bit generator"),
    (_set("rng", "dropout", "bit_generator", "SeedSequence"), "names no NumPy bit generator"),
    (_set("rng", "dropout", "bit_generator", ["PCG64"]), "names no NumPy bit generator"),
    (_set("rng", "dropout", "state", "state", -1), "state.state.state must be an integer in [0, "),
    (_set("rng", "dropout", "state", "state", 2 ** 200), "state.state.state must be an integer in [0, "),
    (_set("rng", "dropout", "state", "state", 1.5), "state.state.state must be an integer"),
    (_set("rng", "dropout", "has_uint32", 5), "state.has_uint32 must be an integer in [0, 1]"),
    (_set("rng", "dropout", "extra_key", 5), "RNG state 'dropout' is malformed"),
    (_set("rng", "dropout", "bit_generator", "MT19937"), "RNG state 'dropout' is malformed"),
    (lambda m: m["rng"].pop("dropout"), "'rng' has no 'dropout' state"),
    (_set("rng", []), "meta.json 'rng' must map names to objects"),
]


@pytest.mark.parametrize("edit,words", FORGED, ids=[w for _, w in FORGED])
def test_forged_metadata_is_refused_before_the_model_is_built(saved, no_model, edit, words):
    rewrite(saved, meta=edit)
    refused(saved, words)
    with pytest.raises(CheckpointError):
        read_meta(saved)


def test_generator_states_that_numpy_would_accept_and_then_read_past_are_refused(tmp_path, no_model):
    model, optimizer, stream, tcfg = make_run()
    rngs = {"mt": np.random.Generator(np.random.MT19937(1)), "philox": np.random.Generator(np.random.Philox(2))}
    path = save(tmp_path / "run.npz", model, optimizer, stream, tcfg, rngs=rngs)
    # NumPy takes both of these (.state = ...) and then reads outside the generator's buffer.
    rewrite(path, meta=_set("rng", "mt", "state", "pos", 9999))
    refused(path, "RNG state 'mt' is malformed", "state.state.pos must be an integer in [0, 624]")
    rewrite(path, meta=lambda m: (m["rng"]["mt"]["state"].update(pos=3),
                                  m["rng"]["philox"].update(buffer_pos=99)))
    refused(path, "RNG state 'philox' is malformed", "buffer_pos must be an integer in [0, 4]")
    rewrite(path, meta=lambda m: (m["rng"]["philox"].update(buffer_pos=4),
                                  m["rng"]["mt"]["state"].update(key=[1] * 623)))
    refused(path, "key must be a list of 624 integers")


def test_a_hidden_size_too_big_for_this_machine_is_refused_before_building(saved, no_model, monkeypatch):
    from rnnviz.engine import memory
    monkeypatch.setattr(memory, "available_memory", lambda: 8 * 2 ** 30)
    rewrite(saved, meta=_set("model_config", "hidden_size", 100_000))
    refused(saved, "a model of hidden size 100000", "needs about", "this machine has 8.0 GiB available")


@pytest.mark.parametrize("text,words", [
    (b'{"format": "rnnviz-checkpoint", "version": NaN}', "NaN is not a JSON number"),
    (b'{"format": "rnnviz-checkpoint", "version": 1e400}', "beyond float range"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"version": 1, "format": "rnnviz-checkpoint", "step": 1' + b"0" * 5000 + b"}", "not strict JSON"),
    (b"\xff\xfe{}", "is not UTF-8"),
])
def test_metadata_that_is_not_strict_json(saved, text, words):
    rewrite(saved, lambda a: a.__setitem__("meta.json", np.frombuffer(text, np.uint8)))
    refused(saved, words)


def test_oversized_metadata_is_not_read(saved):
    big = np.zeros(17 * 2 ** 20, np.uint8)
    rewrite(saved, lambda a: a.__setitem__("meta.json", big))
    refused(saved, "meta.json is 17,825,", "at most 16,777,216 are read")


def test_metadata_of_the_wrong_dtype(saved):
    rewrite(saved, lambda a: a.__setitem__("meta.json", np.zeros(5, np.float32)))
    refused(saved, "meta.json must be a 1-D uint8 array")


def test_exotic_dtypes_are_refused_on_save_and_load(saved, tmp_path):
    record = np.zeros(2, dtype=[("a", "f4"), ("b", "i4")])
    rewrite(saved, lambda a: a.__setitem__("extra/record", record))
    refused(saved, "entry 'extra/record' has dtype", "only booleans, numbers and fixed-width strings")
    model, optimizer, stream, tcfg = make_run()
    with pytest.raises(CheckpointError, match="only booleans, numbers and fixed-width strings can be saved"):
        save(tmp_path / "b.npz", model, optimizer, stream, tcfg, extra={"when": np.array(["2024"], "M8[D]")})


def test_save_refuses_metadata_that_load_would_refuse(tmp_path):
    model, optimizer, stream, tcfg = make_run()
    with pytest.raises(CheckpointError, match="cannot save .*data.limit_tokens must be null or a positive"):
        save(tmp_path / "a.npz", model, optimizer, stream, tcfg, data={"limit_tokens": "5"})
    with pytest.raises(CheckpointError, match="cannot save .*stream.train.time_idx must be"):
        save_checkpoint(tmp_path / "a.npz", model, optimizer, vocab=VOCAB, train_config=tcfg,
                        streams={"train": {"time_idx": -1}})
    assert os.listdir(tmp_path) == []


def test_hidden_state_of_more_rows_than_a_batch(saved):
    rewrite(saved, lambda a: a.__setitem__("state/lstm0.h", np.zeros((4, 6), np.float32)))
    refused(saved, "state lstm0.h has shape (4, 6)", "N <= batch_size (3)")


def test_non_finite_optimizer_slots_are_refused(saved):
    def edit(a):
        a["optim/adam.v.lstm0.b"] = np.full(24, np.inf, np.float32)
    rewrite(saved, edit)
    refused(saved, "optimizer entry adam.v.lstm0.b holds 24 NaN or inf values")


def test_the_other_kind_of_checkpoint_says_where_to_open_it(saved):
    assert ckpt.checkpoint_kind(saved) == "lm"
    rewrite(saved, meta=_set("format", "rnnviz-seq2seq-checkpoint"))
    assert ckpt.checkpoint_kind(saved) == "seq2seq"
    assert refused(saved).endswith("is a seq2seq checkpoint; open it in the seq2seq lab")
    rewrite(saved, meta=_set("format", "other"))
    with pytest.raises(CheckpointError, match="not an rnnviz checkpoint"):
        ckpt.checkpoint_kind(saved)


# --- decompression bounds: members are measured by their headers, never inflated to find out ---

GiB = 2 ** 30
_ZEROS = bytes(16 * 2 ** 20)


def _deflated(prefix: bytes, zeros: int) -> bytes:
    """A raw deflate stream of ``prefix`` then ``zeros`` zero bytes (a multiple of 16 MiB), built
    without compressing them all: after a full flush, every 16 MiB block compresses the same."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(_ZEROS) + c.flush(zlib.Z_FULL_FLUSH)
    return head + block * (zeros // len(_ZEROS)) + c.flush()


def _npy_header(shape, dtype) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, {"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)),
                                                  "fortran_order": False, "shape": shape})
    return buffer.getvalue()


def write_zip(path, arrays, raw=None):
    """A .npz of ``arrays`` (stored) plus ``raw`` members {key: (method, data, size)}, by hand,
    so a member can claim any size. The bomb's CRC is left 0: the reader must refuse it long
    before it would inflate far enough to check one."""
    members = []
    for key, array in arrays.items():
        buffer = io.BytesIO()
        np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
        data = buffer.getvalue()
        members.append((f"{key}.npy", zipfile.ZIP_STORED, data, len(data), zlib.crc32(data)))
    for key, (method, data, size) in (raw or {}).items():
        members.append((f"{key}.npy", method, data, size, 0))
    out, central = io.BytesIO(), []
    for name, method, data, size, crc in members:
        offset, encoded = out.tell(), name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 33, crc, len(data), size,
                              len(encoded), 0) + encoded + data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 33, crc, len(data),
                                   size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    out.write(b"".join(central))
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), out.tell() - start,
                          start, 0))
    path.write_bytes(out.getvalue())


def refused_cheaply(path, *words):
    """Refused, with less than 64 MiB allocated on the way (NumPy reports to tracemalloc)."""
    tracemalloc.start()
    try:
        message = refused(path, *words)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2 ** 20, peak
    return message


def bomb(shape, dtype="float64", stored_bytes=None):
    header = _npy_header(shape, dtype)
    declared = int(np.prod(shape)) * np.dtype(dtype).itemsize
    zeros = stored_bytes if stored_bytes is not None else declared
    return (zipfile.ZIP_DEFLATED, _deflated(header, zeros), len(header) + zeros)


def test_a_3_gib_extra_member_in_a_3_mb_file_is_refused_without_inflating_it(saved):
    arrays = entries(saved)
    write_zip(saved, arrays, {"extra/history": bomb((3 * GiB // 8,))})
    assert saved.stat().st_size < 4 * 2 ** 20
    refused_cheaply(saved, "extra arrays declare more than 512 MiB", "extra/history")


def test_a_parameter_declaring_a_huge_shape_is_refused_by_its_header(saved):
    arrays = entries(saved)
    del arrays["param/lstm0.Wx"]
    write_zip(saved, arrays, {"param/lstm0.Wx": bomb((3 * GiB // 4,), "float32")})
    refused_cheaply(saved, "param lstm0.Wx has shape (805306368,), expected (6, 24)")


def test_a_member_storing_more_than_its_header_declares_is_refused(saved):
    arrays = entries(saved)
    del arrays["param/lstm0.Wx"]
    write_zip(saved, arrays, {"param/lstm0.Wx": bomb((6, 24), "float32", stored_bytes=3 * GiB)})
    refused_cheaply(saved, "truncated or corrupt checkpoint", "entry 'param/lstm0.Wx' declares shape (6, 24)")


def test_a_huge_meta_json_member_is_not_inflated(saved):
    arrays = entries(saved)
    del arrays["meta.json"]
    write_zip(saved, arrays, {"meta.json": bomb((3 * GiB,), "uint8")})
    refused_cheaply(saved, "meta.json is 3,221,225,", "at most 16,777,216 are read")


def test_only_stored_and_deflated_members_are_read(saved):
    arrays = entries(saved)
    data = np.zeros(4)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("x.npy", b"", compress_type=zipfile.ZIP_BZIP2)
    write_zip(saved, arrays, {"extra/x": (zipfile.ZIP_BZIP2, bz2.compress(_npy_header((4,), "f8") + data.tobytes()),
                                          len(_npy_header((4,), "f8")) + 32)})
    refused(saved, "entry 'extra/x' uses zip compression method 12")


def test_a_well_formed_hand_written_archive_still_loads(saved):
    write_zip(saved, entries(saved))
    assert load_checkpoint(saved).step == 3


# --- temporary files left by killed saves -----------------------------------------------------

POSIX = pytest.mark.skipif(os.name != "posix", reason="stale temp files are found with os.kill(pid, 0)")


def _dead_pid():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@POSIX
def test_a_save_removes_temp_files_of_dead_processes_only(tmp_path):
    model, optimizer, stream, tcfg = make_run()
    dead, live = _dead_pid(), os.getppid()
    stale = tmp_path / f".run.npz.tmp-{dead}"
    kept = [tmp_path / f".run.npz.tmp-{live}", tmp_path / ".run.npz.tmp-abc", tmp_path / f".other.npz.tmp-{dead}",
            tmp_path / ".run.npz.tmp-0"]
    for file in [stale, *kept]:
        file.write_bytes(b"PK\x03\x04 half")
    save(tmp_path / "run.npz", model, optimizer, stream, tcfg)
    assert not stale.exists()
    assert all(file.exists() for file in kept)
    assert load_checkpoint(tmp_path / "run.npz").step == 3


KILLED_SAVE = """
import sys, time
import rnnviz.engine.archive_write as archive_write
from tests.engine.test_checkpoint import make_run, save

def hang(file, arrays):
    file.write(b"PK\\x03\\x04 half-written")
    file.flush()
    print("writing", flush=True)
    time.sleep(60)

archive_write._write_npz = hang
save(sys.argv[1], *make_run())
"""


@POSIX
def test_kill_9_during_a_save_leaves_a_temp_file_the_next_save_removes(saved, tmp_path):
    before = saved.read_bytes()
    child = subprocess.Popen([sys.executable, "-c", KILLED_SAVE, str(saved)], stdout=subprocess.PIPE,
                             cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    try:
        assert child.stdout.readline() == b"writing\n"
        temp = tmp_path / f".run.npz.tmp-{child.pid}"
        assert temp.exists()
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert saved.read_bytes() == before and temp.exists()
    save(saved, *make_run())
    assert sorted(os.listdir(tmp_path)) == ["run.npz"]
