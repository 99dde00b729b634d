"""Seq2seq checkpoints: a :class:`~rnnviz.engine.seq2seq_session.Seq2seqSession` saved so that it
continues bit-identically, in the safe archive of :mod:`rnnviz.engine.archive`.

Layout::

    param/<name>    model.params            param/enc.embed.W, param/enc.lstm.Wx, ..., param/dec.affine.b
    optim/<key>     optimizer.state_dict()  optim/adam.iter, optim/adam.m.enc.embed.W, ...
    state/order     int64 (M_train,)        this epoch's order of the training pairs
    extra/<key>     arrays the caller adds  (an accuracy history, say)
    meta.json       format "rnnviz-seq2seq-checkpoint", version, seq2seq_config, train_config
                    (its clip the live one), vocab, step, optimizer_lr, rng, data, created,
                    rnnviz_version

``rng`` is the data-order stream: ``{"kind": "RandomState", "state": ...}`` for the book's
stream (``RandomState.get_state(legacy=False)``, its key a list of 624 ints), or
``{"kind": "Generator", "state": ...}`` (the bit generator's state) for a seeded run. ``data``
says how to rebuild the pairs (``source``, ``seed``, ``n``: what :func:`~rnnviz.engine.pairs.load_pairs`
takes) and what they must turn out to be (``name``, ``train_size``, ``test_size``,
``question_width``, ``answer_width``); the vocabulary is checked against the saved one too.

Loading is as careful as a language model's (:mod:`rnnviz.engine.checkpoint`): every metadata
field, then the memory the model needs, then each member's header, then finite values and an
order that is a permutation, all before the model is built.
"""
from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from rnnviz import __version__

from . import meta_fields as fields
from .archive import (META_KEY, SEQ2SEQ_FORMAT, Archive, CheckpointError, listed, meta_array, short)
from .archive_write import write_atomic
from .checkpoint_members import (check_extra_headers, check_finite, check_optim_headers, check_param_headers,
                                 check_savable, group_members, load_optimizer, plain_arrays)
from .config import ConfigError, Seq2seqConfig, TrainConfig
from .data import CorpusError, Vocab
from .memory import check_fits, seq2seq_param_shapes
from .optim import Optimizer, make_optimizer
from .pairs import PairData, load_pairs
from .seq2seq import Seq2seq
from .texts import message_of, translate

FORMAT = SEQ2SEQ_FORMAT
FORMAT_VERSION = 1
GROUPS = ("param", "optim", "state", "extra")
MAX_PAIRS = 100_000_000         # examples in a data set (the book's largest has 50,000)
MAX_WIDTH = 10_000              # characters in a padded question or answer
# The stream each Seq2seqConfig.stream draws the data order from (see Seq2seqSession).
RNG_KINDS = {"book": "RandomState", "seeded": "Generator"}

_META_KEYS = ("seq2seq_config", "train_config", "vocab", "step", "optimizer_lr", "rng", "data")
_DATA_KEYS = ("source", "name", "seed", "n", "train_size", "test_size", "question_width", "answer_width")

Stream = np.random.RandomState | np.random.Generator


@dataclass
class Seq2seqCheckpoint:
    """A loaded seq2seq checkpoint; :meth:`Seq2seqSession.from_checkpoint` continues it.

    ``model`` and ``optimizer`` hold the saved arrays, ``rng`` continues the saved data-order
    stream and ``order`` is the epoch's order of the training pairs.
    """

    model: Seq2seq
    optimizer: Optimizer
    config: Seq2seqConfig
    train_config: TrainConfig
    vocab: Vocab
    step: int
    order: np.ndarray           # (M_train,) int64
    rng: Stream
    data: dict
    extra: dict[str, np.ndarray]
    meta: dict
    path: Path


# --- saving ----------------------------------------------------------------------------------

def describe_pairs(data: PairData, source: str | os.PathLike | None = None) -> dict[str, Any]:
    """What :func:`load_pairs` needs to rebuild ``data``, and what it must turn out to be.

    ``source`` is what ``data`` was loaded from; by default its name, which is right for the
    generated sets ("addition", "date") and for a file in the working folder.
    """
    return {"source": os.fspath(source) if source is not None else data.name, "name": data.name,
            "seed": int(data.seed), "n": len(data.x_train) + len(data.x_test),
            "train_size": len(data.x_train), "test_size": len(data.x_test),
            "question_width": data.question_width, "answer_width": data.answer_width}


def save_seq2seq_checkpoint(path: str | os.PathLike, model: Seq2seq, optimizer: Optimizer, *,
                            data: PairData, train_config: TrainConfig, step: int, order: np.ndarray,
                            rng: Stream, source: str | os.PathLike | None = None,
                            extra: dict[str, np.ndarray] | None = None) -> Path:
    """Write a seq2seq run to ``path``, atomically.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write, used exactly as given.
    model : Seq2seq
    optimizer : Optimizer
        Its slots, iteration count and live learning rate; the kind ``train_config`` names.
    data : PairData
        The pairs trained on: their vocabulary and description (:func:`describe_pairs`).
    train_config : TrainConfig
        With the live clipping threshold.
    step : int
        Steps taken.
    order : numpy.ndarray
        (M_train,) the current epoch's order of the training pairs.
    rng : numpy.random.RandomState or numpy.random.Generator
        The data-order stream (RandomState for ``stream="book"``, Generator for "seeded").
    source : str or os.PathLike, optional
        What ``data`` was loaded from (see :func:`describe_pairs`).
    extra : dict of str to numpy.ndarray, optional
        Arrays of booleans, numbers or strings to carry along (returned as ``extra``).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    CheckpointError
        Inconsistent inputs, anything loading would refuse, non-finite parameters, or a file
        that cannot be written ("the disk is full" included; an earlier file is left intact).
    """
    path = Path(path)
    where = translate("seq2seq_checkpoint", "cannot save {path}").format(path=os.fspath(path))
    check_savable(where, model, optimizer, train_config)
    if isinstance(rng, np.random.RandomState):
        stream = {"kind": "RandomState", "state": rng.get_state(legacy=False)}
    elif isinstance(rng, np.random.Generator):
        stream = {"kind": "Generator", "state": rng.bit_generator.state}
    else:
        raise CheckpointError(f"{where}: rng must be a RandomState or a Generator, got {type(rng).__name__}")
    arrays = plain_arrays(where, {"param": model.params, "optim": optimizer.state_dict(),
                                  "state": {"order": np.asarray(order, np.int64)}, "extra": extra or {}})
    meta = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "seq2seq_config": dataclasses.asdict(model.config),
        "train_config": dataclasses.asdict(train_config),
        "vocab": data.vocab.to_json(),
        "step": step,
        "optimizer_lr": float(optimizer.lr),
        "rng": {"order": stream},
        "data": describe_pairs(data, source),
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "rnnviz_version": __version__,
    }
    arrays[META_KEY] = meta_array(meta, where)
    # Load's own checks on the JSON as it will be read: what they would refuse is not written.
    _parse_meta(where, json.loads(arrays[META_KEY].tobytes()))
    _check_order(where, arrays["state/order"], len(data.x_train))
    write_atomic(path, arrays)
    return path


# --- loading ---------------------------------------------------------------------------------

def read_seq2seq_meta(path: str | os.PathLike) -> dict:
    """The validated metadata of a seq2seq checkpoint, without loading its arrays.

    Raises
    ------
    CheckpointError
        As :func:`load_seq2seq_checkpoint` does for the file and its metadata.
    """
    with Archive(path) as archive:
        meta = archive.meta("seq2seq", FORMAT_VERSION)
    _parse_meta(os.fspath(path), meta)
    return meta


def load_seq2seq_checkpoint(path: str | os.PathLike) -> Seq2seqCheckpoint:
    """Read a checkpoint written by :func:`save_seq2seq_checkpoint`; rebuild model, optimizer, stream.

    Raises
    ------
    CheckpointError
        One line naming the file: unreadable or not an archive; a language-model checkpoint,
        another format or version; a metadata field of the wrong type or range; a model too
        large for the memory available; missing, unexpected, mis-shaped, mis-typed, oversized
        or non-finite arrays; an order that is no permutation of the training pairs.
    """
    path = Path(path)
    name = os.fspath(path)
    with Archive(path) as archive:
        meta = archive.meta("seq2seq", FORMAT_VERSION)
        config, train_config, vocab = _parse_meta(name, meta)
        data = meta["data"]
        try:
            check_fits(config, train_config, widths=(data["question_width"], data["answer_width"]))
        except ConfigError as exc:
            raise CheckpointError(translate("seq2seq_checkpoint", "{name}: {reason}")
                                  .format(name=name, reason=message_of(exc))) from None
        groups = group_members(name, archive.keys, GROUPS)
        optimizer = make_optimizer(train_config)
        shapes, dtype = seq2seq_param_shapes(config), np.dtype(config.dtype)
        check_param_headers(name, archive, groups["param"], shapes, dtype, "seq2seq_config")
        check_optim_headers(name, archive, groups["optim"], optimizer, shapes, dtype)
        if groups["state"] != ["order"]:
            raise CheckpointError(translate("seq2seq_checkpoint", "{name}: state entries must be just 'order', "
                                            "got {entries}")
                                  .format(name=name, entries=listed(sorted(groups["state"]))
                                          or translate("seq2seq_checkpoint", "none")))
        header = archive.header("state/order")
        if header.shape != (data["train_size"],) or header.dtype != np.int64:
            raise CheckpointError(translate("seq2seq_checkpoint", "{name}: state/order has shape {shape} and "
                                            "dtype {dtype}, expected ({size},) int64 (data.train_size)")
                                  .format(name=name, shape=str(header.shape), dtype=str(header.dtype),
                                          size=data["train_size"]))
        check_extra_headers(name, archive, groups["extra"])
        arrays = {group: {key: archive.read(f"{group}/{key}") for key in keys}
                  for group, keys in groups.items()}

    check_finite(name, "param", arrays["param"])
    check_finite(name, "optimizer entry", arrays["optim"])
    order = arrays["state"]["order"]
    _check_order(name, order, data["train_size"])
    model = Seq2seq(config)
    for key, target in model.params.items():
        target[...] = arrays["param"][key]     # in place: the LSTM's Wh is a view of its storage
    load_optimizer(name, optimizer, arrays["optim"], model.params, meta["optimizer_lr"])
    stream = meta["rng"]["order"]
    rng = fields.make_rng(stream["state"], legacy=stream["kind"] == "RandomState")
    return Seq2seqCheckpoint(model=model, optimizer=optimizer, config=config, train_config=train_config,
                             vocab=vocab, step=meta["step"], order=order, rng=rng, data=data,
                             extra=arrays["extra"], meta=meta, path=path)


def _parse_meta(where: str, meta: dict) -> tuple[Seq2seqConfig, TrainConfig, Vocab]:
    """Check every field of a seq2seq ``meta.json``; return the configs and vocabulary."""
    fields.require(where, meta, _META_KEYS)
    fields.count(where, "step", meta["step"])
    fields.positive_number(where, "optimizer_lr", meta["optimizer_lr"])
    fields.optional_strings(where, meta, ("created", "rnnviz_version"))
    config = fields.build_config(where, "seq2seq_config", Seq2seqConfig, meta["seq2seq_config"])
    train_config = fields.build_config(where, "train_config", TrainConfig, meta["train_config"])
    vocab = fields.vocab(where, meta["vocab"], config.vocab_size, "seq2seq_config.vocab_size")
    _check_data(where, meta["data"], train_config)
    rng = meta["rng"]
    if not isinstance(rng, dict) or set(rng) != {"order"}:
        raise CheckpointError(translate("seq2seq_checkpoint", "{where}: meta.json 'rng' must hold just the "
                                        "'order' stream").format(where=where))
    stream, kind = rng["order"], RNG_KINDS[config.stream]
    if not isinstance(stream, dict) or set(stream) != {"kind", "state"} or stream["kind"] != kind:
        raise CheckpointError(translate("seq2seq_checkpoint", "{where}: RNG 'order' must be "
                                        "{{\"kind\": \"{kind}\", \"state\": ...}} (seq2seq_config.stream is {stream})")
                              .format(where=where, kind=kind, stream=repr(config.stream)))
    fields.rng_state(where, "order", stream["state"], legacy=kind == "RandomState")
    return config, train_config, vocab


def _check_data(where: str, data: Any, train: TrainConfig) -> None:
    if not isinstance(data, dict) or set(data) != set(_DATA_KEYS):
        raise CheckpointError(translate("seq2seq_checkpoint", "{where}: meta.json 'data' must have the keys "
                                        "{keys}").format(where=where, keys=", ".join(_DATA_KEYS)))
    for key in ("source", "name"):
        if not isinstance(data[key], str) or not data[key]:
            raise CheckpointError(translate("seq2seq_checkpoint", "{where}: data.{key} must be a non-empty "
                                            "string, got {value}").format(where=where, key=key, value=short(data[key])))
    limits = {"seed": (0, 2 ** 32 - 1), "n": (0, MAX_PAIRS), "train_size": (train.batch_size, MAX_PAIRS),
              "test_size": (1, MAX_PAIRS), "question_width": (1, MAX_WIDTH), "answer_width": (2, MAX_WIDTH)}
    for key, (lo, hi) in limits.items():
        value = data[key]
        if type(value) is not int or not lo <= value <= hi:
            raise CheckpointError(translate("seq2seq_checkpoint", "{where}: data.{key} must be an integer in "
                                            "[{lo}, {hi}], got {value}")
                                  .format(where=where, key=key, lo=lo, hi=hi, value=short(value)))
    if data["n"] != data["train_size"] + data["test_size"]:
        raise CheckpointError(translate("seq2seq_checkpoint", "{where}: data.n ({n}) is not train_size + "
                                        "test_size ({train} + {test})")
                              .format(where=where, n=data["n"], train=data["train_size"], test=data["test_size"]))


def _check_order(where: str, order: np.ndarray, size: int) -> None:
    """The order must visit each training pair once: anything else indexes out of range or skips."""
    if order.shape != (size,) or not np.array_equal(np.sort(order), np.arange(size)):
        raise CheckpointError(translate("seq2seq_checkpoint", "{where}: state/order is not a permutation of "
                                        "the {size} training pairs").format(where=where, size=size))


# --- the data --------------------------------------------------------------------------------

def pairs_for(checkpoint: Seq2seqCheckpoint) -> PairData:
    """Load the pairs ``checkpoint`` was trained on, from its data description.

    Raises
    ------
    CorpusError
        If they cannot be loaded (a file moved, say: pass the data yourself) or differ from
        the saved run's (see :func:`check_pairs`).
    """
    d = checkpoint.data
    data = load_pairs(d["source"], seed=d["seed"], n=d["n"])
    check_pairs(checkpoint, data)
    return data


def check_pairs(checkpoint: Seq2seqCheckpoint, data: PairData) -> None:
    """Raise :class:`CorpusError` unless ``data`` is the data set the checkpoint was trained on."""
    saved = checkpoint.data
    tokens, wanted = data.vocab.tokens, checkpoint.vocab.tokens
    if tokens != wanted:
        how = (translate("seq2seq_checkpoint", "the same {count} characters in another order")
               .format(count=len(tokens)) if sorted(tokens) == sorted(wanted)
               else translate("seq2seq_checkpoint", "{count} characters, the checkpoint's {saved}")
               .format(count=len(tokens), saved=len(wanted)))
        raise CorpusError(translate("seq2seq_checkpoint", "{name}: its vocabulary differs from the "
                                    "checkpoint's ({how}); resume with the data the run was trained on "
                                    "({source}, seed {seed})")
                          .format(name=data.name, how=how, source=saved["source"], seed=saved["seed"]))
    found = (len(data.x_train), len(data.x_test), data.question_width, data.answer_width)
    wanted = tuple(saved[k] for k in ("train_size", "test_size", "question_width", "answer_width"))
    if found != wanted:
        raise CorpusError(translate("seq2seq_checkpoint", "{name}: {train} training and {test} test pairs of "
                                    "widths {question} and {answer}, but the checkpoint's run had {saved_train} "
                                    "and {saved_test} of widths {saved_question} and {saved_answer}; resume "
                                    "with the data the run was trained on")
                          .format(name=data.name, train=found[0], test=found[1], question=found[2],
                                  answer=found[3], saved_train=wanted[0], saved_test=wanted[1],
                                  saved_question=wanted[2], saved_answer=wanted[3]))
