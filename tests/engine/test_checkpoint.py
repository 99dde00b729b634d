import ast
import dataclasses
import errno
import json
import os

import numpy as np
import pytest

import rnnviz.engine.archive as archive
import rnnviz.engine.checkpoint as ckpt
from rnnviz.engine import RNNLM, ModelConfig, TrainConfig
from rnnviz.engine.checkpoint import (FORMAT, FORMAT_VERSION, CheckpointError, load_checkpoint,
                                      read_meta, save_checkpoint)
from rnnviz.engine.data import TBPTTStream, Vocab
from rnnviz.engine.optim import clip_grads, make_optimizer

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
        clip_grads(model.grads, tcfg.clip)
        optimizer.update(model.params, model.grads)


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

    monkeypatch.setattr(archive, "_write_npz", full_disk)
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


def test_no_pickle_import():
    with open(ckpt.__file__, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert not imported & {"pickle", "cPickle", "dill", "cloudpickle", "shelve", "marshal"}
