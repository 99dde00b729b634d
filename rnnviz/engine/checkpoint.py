"""Language-model checkpoints: one ``.npz`` of named arrays plus a JSON metadata entry, written atomically.

Layout of the archive (every entry a plain array; see :mod:`rnnviz.engine.archive`)::

    param/<name>    model.params            param/embed.W, param/lstm0.Wx, ...
    optim/<key>     optimizer.state_dict()  optim/adam.iter, optim/adam.m.embed.W, ...
    state/<key>     model.get_state()       state/lstm0.h, state/lstm0.c (hidden state carried on)
    extra/<key>     arrays the caller adds  (a metrics history, say)
    meta.json       uint8 array of the UTF-8 bytes of one JSON object:
                    format, version, model_config, train_config, vocab, step, epoch,
                    optimizer_lr, stream, rng, data, created, rnnviz_version

Metadata is JSON rather than pickled Python so a checkpoint from an untrusted source can be
opened safely, and read by any tool. Loading trusts nothing, in this order: ``meta.json`` (at
most 16 MiB) and every field in it, type and range; whether the model fits in the memory
available; then each member's ``.npy`` header against the shapes and dtypes the configs imply
(a parameter, an optimizer slot, a hidden state of at most ``batch_size`` rows); and only then
the arrays, which must be finite (the member checks every kind of checkpoint shares are in
:mod:`rnnviz.engine.checkpoint_members`). ``extra/`` holds at most 10,000 arrays of 512 MiB
together (a GUI history of a million steps takes ~100 MiB). Nothing is inflated or allocated before the check that bounds it, and each problem is one
:class:`CheckpointError` line naming the file. Saving runs the same metadata checks, so what
is saved can be loaded.
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
from .archive import LM_FORMAT, META_KEY, Archive, CheckpointError, checkpoint_kind, listed, meta_array
from .archive_write import write_atomic
from .checkpoint_members import (check_extra_headers, check_finite, check_optim_headers, check_param_headers,
                                 check_savable, group_members, load_optimizer, plain_arrays)
from .cells import cell_type
from .config import ConfigError, ModelConfig, TrainConfig
from .data import Vocab
from .memory import check_fits, lm_param_shapes
from .models import RNNLM
from .optim import Optimizer, make_optimizer
from .texts import message_of, translate

__all__ = ["Checkpoint", "CheckpointError", "checkpoint_kind", "load_checkpoint", "read_meta",
           "save_checkpoint"]

FORMAT = LM_FORMAT
FORMAT_VERSION = 1
GROUPS = ("param", "optim", "state", "extra")
DROPOUT_RNG = "dropout"         # the model's own generator, always saved under this name

_META_KEYS = ("model_config", "train_config", "vocab", "step", "epoch", "optimizer_lr",
              "stream", "rng", "data")


@dataclass
class Checkpoint:
    """A loaded checkpoint, ready to continue training.

    ``model`` and ``optimizer`` are fresh objects holding the saved arrays (the carried hidden
    state and the dropout generator included); ``streams`` and ``rng_states`` are the saved
    states for the caller to restore into its own batch streams and generators.
    """

    model: RNNLM
    optimizer: Optimizer
    vocab: Vocab
    model_config: ModelConfig
    train_config: TrainConfig
    step: int
    epoch: int
    streams: dict[str, dict]
    rng_states: dict[str, dict]
    data: dict
    extra: dict[str, np.ndarray]
    meta: dict
    path: Path

    def restore_rng(self, name: str, generator: np.random.Generator) -> None:
        """Put the saved state ``name`` into ``generator`` (which must be of the same kind).

        Raises
        ------
        CheckpointError
            If no state of that name was saved, or it is for another bit generator.
        """
        if name not in self.rng_states:
            saved = ", ".join(sorted(self.rng_states)) or translate("checkpoint", "none")
            raise CheckpointError(translate("checkpoint", "{path}: no RNG state named {label} (saved: {saved})")
                                  .format(path=str(self.path), label=repr(name), saved=saved))
        try:
            generator.bit_generator.state = self.rng_states[name]
        except (ValueError, TypeError, KeyError) as exc:
            raise CheckpointError(
                translate("checkpoint", "{path}: RNG state {label} does not fit this generator ({error})")
                .format(path=str(self.path), label=repr(name), error=str(exc))) from None


# --- saving ----------------------------------------------------------------------------------

def save_checkpoint(path: str | os.PathLike, model: RNNLM, optimizer: Optimizer, *, vocab: Vocab,
                    train_config: TrainConfig, step: int = 0, epoch: int = 0,
                    streams: dict[str, dict] | None = None,
                    rngs: dict[str, np.random.Generator] | None = None,
                    data: dict | None = None, extra: dict[str, np.ndarray] | None = None) -> Path:
    """Write everything needed to resume a run to ``path``, atomically.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write, used exactly as given (no ``.npz`` is appended).
    model : RNNLM
        Its parameters, carried hidden state and dropout generator are saved.
    optimizer : Optimizer
        Its slots, iteration count and current learning rate (which may differ from
        ``train_config.lr`` after a live change); it must be the kind ``train_config`` names.
    vocab : Vocab
        Must have ``model.config.vocab_size`` tokens.
    train_config : TrainConfig
    step, epoch : int
        Training progress, returned as is on load.
    streams : dict of str to dict, optional
        Stream positions by name, each a dict of non-negative ints, e.g.
        ``{"train": stream.state_dict()}``.
    rngs : dict of str to numpy.random.Generator, optional
        Generators whose states to save (data order, sampling ...). The model's dropout
        generator is added as ``"dropout"``, a name callers may not use.
    data : dict, optional
        The data description: source (str), level ("char" or "word"), normalize (bool),
        limit_tokens (None or a positive int), valid and test (None or str); any other key
        must hold a JSON scalar.
    extra : dict of str to numpy.ndarray, optional
        Further arrays of booleans, numbers or fixed-width strings, returned as
        :attr:`Checkpoint.extra`; at most ``EXTRA_MEMBERS`` of ``EXTRA_LIMIT`` bytes
        (:mod:`rnnviz.engine.checkpoint_members`).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    CheckpointError
        If the inputs are inconsistent or not serialisable, anything would be refused on
        load, the model holds NaN or inf (the run diverged), or the file cannot be written
        (the OS reason is given, "the disk is full" included; any earlier file at ``path`` is
        left untouched and no temporary file remains).
    """
    path = Path(path)
    where = translate("checkpoint", "cannot save {path}").format(path=os.fspath(path))
    if len(vocab) != model.config.vocab_size:
        raise CheckpointError(translate("checkpoint", "{where}: vocabulary has {count} tokens but the model's "
                                        "vocab_size is {size}")
                              .format(where=where, count=len(vocab), size=model.config.vocab_size))
    check_savable(where, model, optimizer, train_config)
    rngs = dict(rngs or {})
    if DROPOUT_RNG in rngs:
        raise CheckpointError(f"{where}: RNG name {DROPOUT_RNG!r} is reserved for the "
                              "model's dropout generator")
    wrong = [key for key, gen in rngs.items() if not isinstance(gen, np.random.Generator)]
    if wrong:
        raise CheckpointError(f"{where}: rngs {', '.join(wrong)} are not numpy Generators")
    if data is not None and not isinstance(data, dict):
        raise CheckpointError(f"{where}: data must be a dict, got {type(data).__name__}")

    arrays = plain_arrays(where, {"param": model.params, "optim": optimizer.state_dict(),
                                  "state": model.get_state(), "extra": extra or {}})
    meta = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "model_config": dataclasses.asdict(model.config),
        "train_config": dataclasses.asdict(train_config),
        "vocab": vocab.to_json(),
        "step": _count(where, "step", step),
        "epoch": _count(where, "epoch", epoch),
        "optimizer_lr": float(optimizer.lr),
        "stream": dict(streams or {}),
        "rng": {DROPOUT_RNG: model.dropout_rng.bit_generator.state,
                **{key: gen.bit_generator.state for key, gen in rngs.items()}},
        "data": dict(data or {}),
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "rnnviz_version": __version__,
    }
    arrays[META_KEY] = meta_array(meta, where)
    # Load's own checks on the JSON as it will be read: what they would refuse is not written.
    _parse_meta(where, json.loads(arrays[META_KEY].tobytes()))
    write_atomic(path, arrays)
    return path


def _count(where: str, label: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise CheckpointError(translate("checkpoint", "{where}: {label} must be a non-negative integer, got "
                                        "{value}").format(where=where, label=label, value=repr(value)))
    return int(value)


# --- loading ---------------------------------------------------------------------------------

def read_meta(path: str | os.PathLike) -> dict:
    """The validated metadata of a checkpoint, without loading its arrays.

    For a GUI or command line to show what a file holds. Every field is checked as
    :func:`load_checkpoint` checks it; the dict is returned as stored.

    Raises
    ------
    CheckpointError
        As :func:`load_checkpoint` does for the file and its metadata.
    """
    with Archive(path) as archive:
        meta = archive.meta("lm", FORMAT_VERSION)
    _parse_meta(os.fspath(path), meta)
    return meta


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read a checkpoint written by :func:`save_checkpoint` and rebuild model and optimizer.

    Everything is checked before the model is built (see the module docstring for the order
    and the bounds); the saved arrays are then copied into it in place, so tied weights keep
    sharing memory. The optimizer is built from ``train_config``, gets its slots and
    iteration count back, and the learning rate it had when saved.

    Raises
    ------
    CheckpointError
        One line naming the file and what is wrong: missing, truncated or not an archive;
        pickled (object) or exotic arrays; a missing, oversized or malformed ``meta.json``;
        a seq2seq checkpoint, another format or version; a field of the wrong type or range
        (configs, vocabulary, data, stream and RNG states); a model too large for the memory
        available; missing, unexpected, mis-shaped, mis-typed, oversized or non-finite arrays.
    """
    path = Path(path)
    name = os.fspath(path)
    with Archive(path) as archive:
        meta = archive.meta("lm", FORMAT_VERSION)
        model_config, train_config, vocab = _parse_meta(name, meta)
        try:
            check_fits(model_config, train_config)
        except ConfigError as exc:
            raise CheckpointError(translate("checkpoint", "{name}: {reason}")
                                  .format(name=name, reason=message_of(exc))) from None
        groups = group_members(name, archive.keys, GROUPS)
        optimizer = make_optimizer(train_config)
        shapes, dtype = lm_param_shapes(model_config), np.dtype(model_config.dtype)
        check_param_headers(name, archive, groups["param"], shapes, dtype, "model_config")
        check_optim_headers(name, archive, groups["optim"], optimizer, shapes, dtype)
        _check_state_headers(name, archive, groups["state"], model_config, train_config)
        check_extra_headers(name, archive, groups["extra"])
        arrays = {group: {key: archive.read(f"{group}/{key}") for key in keys}
                  for group, keys in groups.items()}

    check_finite(name, "param", arrays["param"])
    check_finite(name, "optimizer entry", arrays["optim"])
    check_finite(name, "state", arrays["state"])
    model = RNNLM(model_config)
    for key, target in model.params.items():
        target[...] = arrays["param"][key]     # in place: a tied decoder reads embed.W through a view
    load_optimizer(name, optimizer, arrays["optim"], model.params, meta["optimizer_lr"])
    model.set_state(arrays["state"])
    model.dropout_rng.bit_generator.state = meta["rng"][DROPOUT_RNG]
    return Checkpoint(model=model, optimizer=optimizer, vocab=vocab, model_config=model_config,
                      train_config=train_config, step=meta["step"], epoch=meta["epoch"],
                      streams=meta["stream"], rng_states=meta["rng"], data=meta["data"],
                      extra=arrays["extra"], meta=meta, path=path)


def _parse_meta(where: str, meta: dict) -> tuple[ModelConfig, TrainConfig, Vocab]:
    """Check every field of a language model's ``meta.json``; return the configs and vocabulary."""
    fields.require(where, meta, _META_KEYS)
    fields.count(where, "step", meta["step"])
    fields.count(where, "epoch", meta["epoch"])
    fields.positive_number(where, "optimizer_lr", meta["optimizer_lr"])
    fields.optional_strings(where, meta, ("created", "rnnviz_version"))
    fields.streams(where, meta["stream"])
    rng = meta["rng"]
    if not isinstance(rng, dict):
        raise CheckpointError(translate("checkpoint", "{where}: meta.json 'rng' must map names to objects")
                              .format(where=where))
    if DROPOUT_RNG not in rng:
        raise CheckpointError(translate("checkpoint", "{where}: meta.json 'rng' has no 'dropout' state")
                              .format(where=where))
    for key, state in rng.items():
        fields.rng_state(where, key, state)
    if rng[DROPOUT_RNG].get("bit_generator") != "PCG64":
        raise CheckpointError(translate("checkpoint", "{where}: RNG state 'dropout' must be PCG64's, the "
                                        "model's generator").format(where=where))
    fields.lm_data(where, meta["data"])
    model_config = fields.build_config(where, "model_config", ModelConfig, meta["model_config"])
    train_config = fields.build_config(where, "train_config", TrainConfig, meta["train_config"])
    vocab = fields.vocab(where, meta["vocab"], model_config.vocab_size, "model_config.vocab_size")
    return model_config, train_config, vocab


# --- members ----------------------------------------------------------------------------------

def _check_state_headers(name: str, archive: Archive, keys: list[str], cfg: ModelConfig,
                         train: TrainConfig) -> None:
    """Carried hidden states: (N, H) for 1 <= N <= batch_size, of the model's dtype."""
    expected = {f"{cfg.cell}{k}.{part}"
                for k in range(cfg.num_layers)
                for part in cell_type(cfg.cell).states}
    unexpected = sorted(set(keys) - expected)
    if unexpected:
        raise CheckpointError(translate("checkpoint", "{name}: unexpected hidden-state entries {entries}")
                              .format(name=name, entries=listed(unexpected)))
    dtype = np.dtype(cfg.dtype)
    for key in keys:
        header = archive.header(f"state/{key}")
        shape = header.shape
        if (len(shape) != 2 or shape[1] != cfg.hidden_size or not 1 <= shape[0] <= train.batch_size
                or header.dtype != dtype):
            raise CheckpointError(translate("checkpoint", "{name}: state {key} has shape {shape} and dtype "
                                            "{dtype}, expected (N, {hidden}) {expected} with N <= batch_size "
                                            "({batch})")
                                  .format(name=name, key=key, shape=str(shape), dtype=str(header.dtype),
                                          hidden=cfg.hidden_size, expected=str(dtype), batch=train.batch_size))

