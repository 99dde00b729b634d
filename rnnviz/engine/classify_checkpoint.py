"""Classifier checkpoints: a :class:`~rnnviz.engine.classify_session.ClassifySession` saved so that
it continues bit-identically, in the safe archive of :mod:`rnnviz.engine.archive`.

Layout::

    param/<name>      model.params            param/embed.W, param/lstm0.Wx, ..., param/affine.b
    optim/<key>       optimizer.state_dict()  optim/adam.iter, optim/adam.m.affine.W, ...
    state/order       int64 (M_train,)        this epoch's order of the training texts
    state/epoch_sums  float64 (3,)            the epoch's summed loss, right answers and texts seen
    extra/<key>       arrays the caller adds  (an accuracy history, say)
    meta.json         format "rnnviz-classify-checkpoint", version, classifier_config (its
                      truncate the live k), train_config (its clip the live one), vocab, step,
                      optimizer_lr, rng, data, created, rnnviz_version

``rng`` is the data-order stream, ``{"order": {"kind": "Generator", "state": ...}}`` (the bit
generator's state). ``data`` is :func:`~rnnviz.engine.classify_data.describe`'s description: the
:class:`~rnnviz.engine.classify_data.ClassDataSpec` that loads the texts again (``spec``), and
what they must turn out to be (``name``, ``train_size``, ``valid_size``, ``classes``); the
vocabulary is checked against the saved one too.

Loading is as careful as the other kinds' (:mod:`rnnviz.engine.checkpoint`): every metadata
field, then the memory the model needs, then each member's header, then finite values, an order
that is a permutation and epoch sums that count texts, all before the model is built.
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
from .archive import CLASSIFY_FORMAT, META_KEY, Archive, CheckpointError, listed, meta_array, short
from .archive_write import write_atomic
from .checkpoint_members import (check_extra_headers, check_finite, check_optim_headers, check_param_headers,
                                 check_savable, group_members, load_optimizer, plain_arrays)
from .classifier import Classifier
from .classify_data import ClassData, ClassDataSpec, describe, load_classes
from .config import ClassifierConfig, ConfigError, TrainConfig, from_dict
from .data import CorpusError, Vocab
from .memory import check_fits, classifier_param_shapes
from .optim import Optimizer, make_optimizer
from .texts import message_of, translate

FORMAT = CLASSIFY_FORMAT
FORMAT_VERSION = 1
GROUPS = ("param", "optim", "state", "extra")
STATES = ("epoch_sums", "order")
MAX_TEXTS = 100_000_000         # texts in a data set (IMDB has 50,000)

_META_KEYS = ("classifier_config", "train_config", "vocab", "step", "optimizer_lr", "rng", "data")
_DATA_KEYS = ("spec", "name", "train_size", "valid_size", "classes")


@dataclass
class ClassifyCheckpoint:
    """A loaded classifier checkpoint; :meth:`ClassifySession.from_checkpoint` continues it.

    ``model`` and ``optimizer`` hold the saved arrays, ``rng`` continues the saved data-order
    stream, ``order`` is the epoch's order of the training texts and ``epoch_sums`` what the
    epoch's batches so far added up to.
    """

    model: Classifier
    optimizer: Optimizer
    config: ClassifierConfig
    train_config: TrainConfig
    vocab: Vocab
    step: int
    order: np.ndarray           # (M_train,) int64
    rng: np.random.Generator
    epoch_sums: np.ndarray      # (3,) float64: summed loss, right answers, texts seen
    truncate: int               # k when saved (config.truncate)
    data: dict
    extra: dict[str, np.ndarray]
    meta: dict
    path: Path


# --- saving ----------------------------------------------------------------------------------

def save_classify_checkpoint(path: str | os.PathLike, model: Classifier, optimizer: Optimizer, *,
                             config: ClassifierConfig, data: ClassData, train_config: TrainConfig, step: int,
                             order: np.ndarray, rng: np.random.Generator, epoch_sums: np.ndarray,
                             extra: dict[str, np.ndarray] | None = None) -> Path:
    """Write a classifier run to ``path``, atomically.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write, used exactly as given.
    model : Classifier
    optimizer : Optimizer
        Its slots, iteration count and live learning rate; the kind ``train_config`` names.
    config : ClassifierConfig
        The model's, with the live truncation k (the model is rebuilt from it on load).
    data : ClassData
        The texts trained on: their vocabulary and description (:func:`describe`).
    train_config : TrainConfig
        With the live clipping threshold.
    step : int
        Steps taken.
    order : numpy.ndarray
        (M_train,) the current epoch's order of the training texts.
    rng : numpy.random.Generator
        The data-order stream.
    epoch_sums : numpy.ndarray
        (3,) the current epoch's summed loss, right answers and texts seen.
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
    where = translate("classify_checkpoint", "cannot save {path}").format(path=os.fspath(path))
    if dataclasses.replace(config, truncate=model.config.truncate) != model.config:
        raise CheckpointError(translate("classify_checkpoint", "{where}: the config given is not the model's "
                                        "(only truncate may differ)").format(where=where))
    check_savable(where, model, optimizer, train_config)
    if not isinstance(rng, np.random.Generator):
        raise CheckpointError(translate("classify_checkpoint", "{where}: rng must be a NumPy Generator, got "
                                        "{type}").format(where=where, type=type(rng).__name__))
    state = {"order": np.asarray(order, np.int64), "epoch_sums": np.asarray(epoch_sums, np.float64)}
    arrays = plain_arrays(where, {"param": model.params, "optim": optimizer.state_dict(), "state": state,
                                  "extra": extra or {}})
    meta = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "classifier_config": dataclasses.asdict(config),
        "train_config": dataclasses.asdict(train_config),
        "vocab": data.vocab.to_json(),
        "step": step,
        "optimizer_lr": float(optimizer.lr),
        "rng": {"order": {"kind": "Generator", "state": rng.bit_generator.state}},
        "data": describe(data),
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "rnnviz_version": __version__,
    }
    arrays[META_KEY] = meta_array(meta, where)
    # Load's own checks on the JSON as it will be read: what they would refuse is not written.
    _parse_meta(where, json.loads(arrays[META_KEY].tobytes()))
    _check_state(where, state["order"], state["epoch_sums"], len(data.x_train))
    write_atomic(path, arrays)
    return path


# --- loading ---------------------------------------------------------------------------------

def read_classify_meta(path: str | os.PathLike) -> dict:
    """The validated metadata of a classifier checkpoint, without loading its arrays.

    Raises
    ------
    CheckpointError
        As :func:`load_classify_checkpoint` does for the file and its metadata.
    """
    with Archive(path) as archive:
        meta = archive.meta("classify", FORMAT_VERSION)
    _parse_meta(os.fspath(path), meta)
    return meta


def load_classify_checkpoint(path: str | os.PathLike) -> ClassifyCheckpoint:
    """Read a checkpoint written by :func:`save_classify_checkpoint`; rebuild model, optimizer, stream.

    Raises
    ------
    CheckpointError
        One line naming the file: unreadable or not an archive; another kind of checkpoint,
        another format or version; a metadata field of the wrong type or range; a model too
        large for the memory available; missing, unexpected, mis-shaped, mis-typed, oversized
        or non-finite arrays; an order that is no permutation of the training texts, or epoch
        sums that count no texts.
    """
    path = Path(path)
    name = os.fspath(path)
    with Archive(path) as archive:
        meta = archive.meta("classify", FORMAT_VERSION)
        config, train_config, vocab = _parse_meta(name, meta)
        data = meta["data"]
        try:
            check_fits(config, train_config, widths=(data["spec"]["max_len"],))
        except ConfigError as exc:
            raise CheckpointError(translate("classify_checkpoint", "{name}: {reason}")
                                  .format(name=name, reason=message_of(exc))) from None
        groups = group_members(name, archive.keys, GROUPS)
        optimizer = make_optimizer(train_config)
        shapes, dtype = classifier_param_shapes(config), np.dtype(config.dtype)
        check_param_headers(name, archive, groups["param"], shapes, dtype, "classifier_config")
        check_optim_headers(name, archive, groups["optim"], optimizer, shapes, dtype)
        if sorted(groups["state"]) != list(STATES):
            raise CheckpointError(translate("classify_checkpoint", "{name}: state entries must be 'epoch_sums' "
                                            "and 'order', got {entries}")
                                  .format(name=name, entries=listed(sorted(groups["state"]))
                                          or translate("classify_checkpoint", "none")))
        header = archive.header("state/order")
        if header.shape != (data["train_size"],) or header.dtype != np.int64:
            raise CheckpointError(translate("classify_checkpoint", "{name}: state/order has shape {shape} and "
                                            "dtype {dtype}, expected ({size},) int64 (data.train_size)")
                                  .format(name=name, shape=str(header.shape), dtype=str(header.dtype),
                                          size=data["train_size"]))
        header = archive.header("state/epoch_sums")
        if header.shape != (3,) or header.dtype != np.float64:
            raise CheckpointError(translate("classify_checkpoint", "{name}: state/epoch_sums has shape {shape} "
                                            "and dtype {dtype}, expected (3,) float64 (loss, right answers, "
                                            "texts seen)")
                                  .format(name=name, shape=str(header.shape), dtype=str(header.dtype)))
        check_extra_headers(name, archive, groups["extra"])
        arrays = {group: {key: archive.read(f"{group}/{key}") for key in keys}
                  for group, keys in groups.items()}

    check_finite(name, "param", arrays["param"])
    check_finite(name, "optimizer entry", arrays["optim"])
    check_finite(name, "state", arrays["state"])
    order, epoch_sums = arrays["state"]["order"], arrays["state"]["epoch_sums"]
    _check_state(name, order, epoch_sums, data["train_size"])
    # The slots are checked against the parameters' names before the model is built.
    load_optimizer(name, optimizer, arrays["optim"], shapes, meta["optimizer_lr"])
    model = Classifier(config)
    for key, target in model.params.items():
        target[...] = arrays["param"][key]     # in place: the LSTM's Wh is a view of its storage
    rng = fields.make_rng(meta["rng"]["order"]["state"])
    return ClassifyCheckpoint(model=model, optimizer=optimizer, config=config, train_config=train_config,
                              vocab=vocab, step=meta["step"], order=order, rng=rng, epoch_sums=epoch_sums,
                              truncate=config.truncate, data=data, extra=arrays["extra"], meta=meta, path=path)


def _parse_meta(where: str, meta: dict) -> tuple[ClassifierConfig, TrainConfig, Vocab]:
    """Check every field of a classifier's ``meta.json``; return the configs and vocabulary."""
    fields.require(where, meta, _META_KEYS)
    fields.count(where, "step", meta["step"])
    fields.positive_number(where, "optimizer_lr", meta["optimizer_lr"])
    fields.optional_strings(where, meta, ("created", "rnnviz_version"))
    config = fields.build_config(where, "classifier_config", ClassifierConfig, meta["classifier_config"])
    train_config = fields.build_config(where, "train_config", TrainConfig, meta["train_config"])
    vocab = fields.vocab(where, meta["vocab"], config.vocab_size, "classifier_config.vocab_size")
    _check_data(where, meta["data"], config, train_config)
    rng = meta["rng"]
    if not isinstance(rng, dict) or set(rng) != {"order"}:
        raise CheckpointError(translate("classify_checkpoint", "{where}: meta.json 'rng' must hold just the "
                                        "'order' stream").format(where=where))
    stream = rng["order"]
    if not isinstance(stream, dict) or set(stream) != {"kind", "state"} or stream["kind"] != "Generator":
        raise CheckpointError(translate("classify_checkpoint", "{where}: RNG 'order' must be "
                                        "{{\"kind\": \"Generator\", \"state\": ...}}").format(where=where))
    fields.rng_state(where, "order", stream["state"])
    return config, train_config, vocab


def _check_data(where: str, data: Any, config: ClassifierConfig, train: TrainConfig) -> None:
    """``describe(data)``: a spec :func:`load_classes` takes, and what it gave."""
    if not isinstance(data, dict) or set(data) != set(_DATA_KEYS):
        raise CheckpointError(translate("classify_checkpoint", "{where}: meta.json 'data' must have the keys "
                                        "{keys}").format(where=where, keys=", ".join(_DATA_KEYS)))
    fields.build_config(where, "data.spec", ClassDataSpec, data["spec"])
    if not isinstance(data["name"], str) or not data["name"]:
        raise CheckpointError(translate("classify_checkpoint", "{where}: data.name must be a non-empty string, "
                                        "got {value}").format(where=where, value=short(data["name"])))
    for key, lo in (("train_size", train.batch_size), ("valid_size", 1)):
        value = data[key]
        if type(value) is not int or not lo <= value <= MAX_TEXTS:
            raise CheckpointError(translate("classify_checkpoint", "{where}: data.{key} must be an integer in "
                                            "[{lo}, {hi}], got {value}")
                                  .format(where=where, key=key, lo=lo, hi=MAX_TEXTS, value=short(value)))
    classes = data["classes"]
    if (not isinstance(classes, list) or len(classes) != config.num_classes
            or not all(isinstance(c, str) for c in classes) or len(set(classes)) != len(classes)):
        raise CheckpointError(translate("classify_checkpoint", "{where}: data.classes must be {count} different "
                                        "names (classifier_config.num_classes), got {value}")
                              .format(where=where, count=config.num_classes, value=short(classes)))


def _check_state(where: str, order: np.ndarray, epoch_sums: np.ndarray, size: int) -> None:
    """The order visits each training text once (anything else indexes out of range or skips), and
    the epoch sums count at most that many texts, some of them right."""
    if order.shape != (size,) or not np.array_equal(np.sort(order), np.arange(size)):
        raise CheckpointError(translate("classify_checkpoint", "{where}: state/order is not a permutation of "
                                        "the {size} training texts").format(where=where, size=size))
    if epoch_sums.shape != (3,) or not np.isfinite(epoch_sums).all():
        raise CheckpointError(translate("classify_checkpoint", "{where}: state/epoch_sums must be 3 finite "
                                        "numbers (loss, right, seen)").format(where=where))
    loss, right, seen = epoch_sums.tolist()
    if not (loss >= 0 and right == int(right) and seen == int(seen) and 0 <= right <= seen <= size):
        raise CheckpointError(translate("classify_checkpoint", "{where}: state/epoch_sums {sums} are not a "
                                        "loss, right answers and texts seen of the {size} training texts")
                              .format(where=where, sums=short(epoch_sums.tolist()), size=size))


# --- the data --------------------------------------------------------------------------------

def data_for(checkpoint: ClassifyCheckpoint, data: ClassData | None = None) -> ClassData:
    """The texts ``checkpoint`` was trained on: ``data`` checked against the saved run's, or, by
    default, loaded again from the saved description.

    Raises
    ------
    CorpusError
        One sentence naming the checkpoint: texts that cannot be loaded again (a file moved,
        say: pass the data yourself), or that differ from the saved run's (vocabulary, classes,
        training or validation size, padded length).
    """
    saved, name = checkpoint.data, os.fspath(checkpoint.path)
    if data is None:
        try:
            data = load_classes(from_dict(ClassDataSpec, saved["spec"]))
        except (CorpusError, ConfigError, OSError) as exc:
            raise CorpusError(translate("classify_checkpoint", "{name}: its texts cannot be loaded again from "
                                        "{source} ({reason}); pass the data the run was trained on")
                              .format(name=name, source=short(saved["spec"]["source"]),
                                      reason=message_of(exc))) from None
    tokens, wanted = data.vocab.tokens, checkpoint.vocab.tokens
    if tokens != wanted:
        how = (translate("classify_checkpoint", "the same {count} tokens in another order").format(count=len(tokens))
               if sorted(tokens) == sorted(wanted)
               else translate("classify_checkpoint", "{count} tokens, the checkpoint's {saved}")
               .format(count=len(tokens), saved=len(wanted)))
        raise CorpusError(translate("classify_checkpoint", "{name}: the vocabulary of {data} differs from the "
                                    "checkpoint's ({how}); resume with the data the run was trained on "
                                    "({source})")
                          .format(name=name, data=data.name, how=how, source=saved["spec"]["source"]))
    if list(data.classes) != saved["classes"]:
        raise CorpusError(translate("classify_checkpoint", "{name}: {data} has the classes {classes}, the "
                                    "checkpoint's run {saved}; resume with the data the run was trained on")
                          .format(name=name, data=data.name, classes=", ".join(data.classes),
                                  saved=", ".join(saved["classes"])))
    found = (len(data.x_train), len(data.x_valid), data.max_len)
    wanted = (saved["train_size"], saved["valid_size"], saved["spec"]["max_len"])
    if found != wanted:
        raise CorpusError(translate("classify_checkpoint", "{name}: {data} has {train} training and {valid} "
                                    "validation texts of {length} tokens, but the checkpoint's run had {saved_train} "
                                    "and {saved_valid} of {saved_length}; resume with the data the run was "
                                    "trained on")
                          .format(name=name, data=data.name, train=found[0], valid=found[1], length=found[2],
                                  saved_train=wanted[0], saved_valid=wanted[1], saved_length=wanted[2]))
    return data
