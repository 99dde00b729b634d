"""Checkpoints: one ``.npz`` of named arrays plus a JSON metadata entry, written atomically.

Layout of the archive (every entry a plain array; it is read with ``allow_pickle=False``)::

    param/<name>    model.params            param/embed.W, param/lstm0.Wx, ...
    optim/<key>     optimizer.state_dict()  optim/adam.iter, optim/adam.m.embed.W, ...
    state/<key>     model.get_state()       state/lstm0.h, state/lstm0.c (hidden state carried on)
    extra/<key>     arrays the caller adds  (a metrics history, say)
    meta.json       uint8 array of the UTF-8 bytes of one JSON object:
                    format, version, model_config, train_config, vocab, step, epoch,
                    optimizer_lr, stream, rng, data, created, rnnviz_version

Metadata is JSON rather than pickled Python so a checkpoint from an untrusted source can be
opened safely, and read by any tool. Loading checks everything against a model built from the
stored config before it touches it, and each problem is one :class:`CheckpointError` line that
names the file. Writing goes to a temporary file beside the target and is renamed over it, so
a crash or a full disk leaves the previous checkpoint intact.
"""
from __future__ import annotations

import dataclasses
import json
import math
import os
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from rnnviz import __version__

from .config import ConfigError, ModelConfig, TrainConfig, from_dict
from .data import CorpusError, Vocab
from .models import RNNLM
from .optim import Optimizer, make_optimizer

FORMAT = "rnnviz-checkpoint"
FORMAT_VERSION = 1
META_KEY = "meta.json"
GROUPS = ("param", "optim", "state", "extra")
DROPOUT_RNG = "dropout"     # the model's own generator, always saved under this name

_META_KEYS = ("model_config", "train_config", "vocab", "step", "epoch", "optimizer_lr",
              "stream", "rng", "data")
_ZIP_MAGIC = b"PK\x03\x04"


class CheckpointError(ValueError):
    """A checkpoint that cannot be written or read; one line naming the file and the problem."""


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
            saved = ", ".join(sorted(self.rng_states)) or "none"
            raise CheckpointError(f"{self.path}: no RNG state named {name!r} (saved: {saved})")
        try:
            generator.bit_generator.state = self.rng_states[name]
        except (ValueError, TypeError, KeyError) as exc:
            raise CheckpointError(
                f"{self.path}: RNG state {name!r} does not fit this generator ({exc})") from None


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
        JSON-ready stream positions by name, e.g. ``{"train": stream.state_dict()}``.
    rngs : dict of str to numpy.random.Generator, optional
        Generators whose states to save (data order, sampling ...). The model's dropout
        generator is added as ``"dropout"``, a name callers may not use.
    data : dict, optional
        JSON-ready description of the data (corpus source, level, normalize, limit_tokens ...).
    extra : dict of str to numpy.ndarray, optional
        Further plain (non-object) arrays, returned as :attr:`Checkpoint.extra`.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    CheckpointError
        If the inputs are inconsistent or not serialisable, the model holds NaN or inf (it
        could not be loaded again), or the file cannot be written (the OS reason is given;
        any earlier file at ``path`` is left untouched and no temporary file remains).
    """
    path = Path(path)
    name = os.fspath(path)
    if len(vocab) != model.config.vocab_size:
        raise CheckpointError(f"cannot save {name}: vocabulary has {len(vocab)} tokens but the model's "
                              f"vocab_size is {model.config.vocab_size}")
    if optimizer.name != train_config.optimizer:
        raise CheckpointError(f"cannot save {name}: optimizer is {optimizer.name} but "
                              f"train_config.optimizer is {train_config.optimizer}")
    bad = [key for key, p in model.params.items() if not np.isfinite(p).all()]
    if bad:
        raise CheckpointError(f"cannot save {name}: parameters {', '.join(bad)} hold NaN or inf "
                              "(the run diverged)")
    rngs = dict(rngs or {})
    if DROPOUT_RNG in rngs:
        raise CheckpointError(f"cannot save {name}: RNG name {DROPOUT_RNG!r} is reserved for the "
                              "model's dropout generator")
    wrong = [key for key, gen in rngs.items() if not isinstance(gen, np.random.Generator)]
    if wrong:
        raise CheckpointError(f"cannot save {name}: rngs {', '.join(wrong)} are not numpy Generators")
    streams = dict(streams or {})
    wrong = [key for key, state in streams.items() if not isinstance(state, dict)]
    if wrong:
        raise CheckpointError(f"cannot save {name}: stream states {', '.join(wrong)} are not dicts")
    if data is not None and not isinstance(data, dict):
        raise CheckpointError(f"cannot save {name}: data must be a dict, got {type(data).__name__}")

    arrays: dict[str, np.ndarray] = {}
    for group, table in (("param", model.params), ("optim", optimizer.state_dict()),
                         ("state", model.get_state()), ("extra", extra or {})):
        for key, value in table.items():
            array = np.asarray(value)
            # np.savez would pickle these, and load refuses pickles: fail now, not on load.
            if array.dtype.hasobject:
                raise CheckpointError(f"cannot save {name}: {group} {key!r} is an object array")
            arrays[f"{group}/{key}"] = array

    meta = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "model_config": dataclasses.asdict(model.config),
        "train_config": dataclasses.asdict(train_config),
        "vocab": vocab.to_json(),
        "step": _count(name, "step", step),
        "epoch": _count(name, "epoch", epoch),
        "optimizer_lr": float(optimizer.lr),
        "stream": streams,
        "rng": {DROPOUT_RNG: model.dropout_rng.bit_generator.state,
                **{key: gen.bit_generator.state for key, gen in rngs.items()}},
        "data": dict(data or {}),
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "rnnviz_version": __version__,
    }
    try:
        # allow_nan=False keeps the file strict JSON that other tools can read.
        text = json.dumps(meta, indent=1, ensure_ascii=False, allow_nan=False, default=_json_default)
    except (TypeError, ValueError) as exc:
        raise CheckpointError(f"cannot save {name}: metadata is not JSON-serialisable ({exc})") from None
    arrays[META_KEY] = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    _write_atomic(path, arrays)
    return path


def _count(name: str, label: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise CheckpointError(f"cannot save {name}: {label} must be a non-negative integer, got {value!r}")
    return int(value)


def _json_default(value: Any) -> Any:
    """NumPy scalars and arrays as JSON (MT19937 states hold a key array, for instance)."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def _write_npz(file, arrays: dict[str, np.ndarray]) -> None:
    """The one call that writes the archive (a seam for tests that simulate a full disk)."""
    np.savez(file, **arrays)


def _write_atomic(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write to a temporary file in the same folder, fsync it, then rename it over ``path``.

    The rename is atomic only within one file system, hence the same folder; the leading dot
    keeps the half-written file out of casual listings.
    """
    name = os.fspath(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        # An open file object, not a name: np.savez would append ".npz" to a bare name.
        with open(tmp, "wb") as f:
            _write_npz(f, arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise CheckpointError(f"cannot write {name}: {exc.strerror or exc}") from None
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the OS allows syncing a directory (POSIX)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- loading ---------------------------------------------------------------------------------

def read_meta(path: str | os.PathLike) -> dict:
    """The validated metadata of a checkpoint, without loading its arrays.

    For a GUI or command line to show what a file holds. The configs and vocabulary are
    checked as :func:`load_checkpoint` checks them; the dict is returned as stored.

    Raises
    ------
    CheckpointError
        As :func:`load_checkpoint` does for the file and its metadata.
    """
    path = Path(path)
    name = os.fspath(path)
    arrays = _read_arrays(path, only=META_KEY)
    meta = _parse_meta(name, arrays.get(META_KEY))
    _parse_configs(name, meta)
    return meta


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read a checkpoint written by :func:`save_checkpoint` and rebuild model and optimizer.

    The model is built from the stored ``model_config`` and every saved array is checked
    against it (names, shapes, dtypes, finite values) before being copied into it in place,
    so tied weights keep sharing memory. The optimizer is built from ``train_config``, gets
    its slots and iteration count back, and the learning rate it had when saved.

    Raises
    ------
    CheckpointError
        One line naming the file and what is wrong: missing, truncated or not an archive;
        pickled (object) arrays; missing or malformed ``meta.json``; another format or
        version; configs the config classes reject; a vocabulary of the wrong size; missing,
        unexpected, mis-shaped, mis-typed or non-finite parameters; optimizer or state
        entries that do not fit the model; unusable RNG states.
    """
    path = Path(path)
    name = os.fspath(path)
    arrays = _read_arrays(path)
    meta = _parse_meta(name, arrays.pop(META_KEY, None))
    model_config, train_config, vocab = _parse_configs(name, meta)
    groups = _group(name, arrays)

    model = RNNLM(model_config)
    _load_params(name, model, groups["param"])
    optimizer = _load_optimizer(name, model, train_config, groups["optim"], meta["optimizer_lr"])
    _load_state(name, model, groups["state"])
    rng_states = meta["rng"]
    for key, state in rng_states.items():
        _check_rng_state(name, key, state)
    if DROPOUT_RNG not in rng_states:
        raise CheckpointError(f"{name}: meta.json 'rng' has no {DROPOUT_RNG!r} state")
    try:
        model.dropout_rng.bit_generator.state = rng_states[DROPOUT_RNG]
    except (ValueError, TypeError, KeyError) as exc:
        raise CheckpointError(
            f"{name}: RNG state {DROPOUT_RNG!r} does not fit the model's generator ({exc})") from None

    return Checkpoint(model=model, optimizer=optimizer, vocab=vocab, model_config=model_config,
                      train_config=train_config, step=meta["step"], epoch=meta["epoch"],
                      streams=meta["stream"], rng_states=rng_states, data=meta["data"],
                      extra=groups["extra"], meta=meta, path=path)


def _read_arrays(path: Path, only: str | None = None) -> dict[str, np.ndarray]:
    """Every entry of the archive (or just ``only``), refusing pickles and naming corruption."""
    name = os.fspath(path)
    if path.is_dir():
        raise CheckpointError(f"{name}: is a directory, not a checkpoint")
    try:
        # Our own file object: np.load leaks the handle it opens when the zip turns out broken.
        with open(path, "rb") as f:
            head = f.read(len(_ZIP_MAGIC))
            # Checked first because np.load would take any other file for a pickle and say so.
            if not head:
                raise CheckpointError(f"{name}: truncated or corrupt checkpoint (empty file)")
            if head != _ZIP_MAGIC:
                raise CheckpointError(f"{name}: truncated or corrupt checkpoint (not a .npz archive)")
            f.seek(0)
            with np.load(f, allow_pickle=False) as npz:
                keys = npz.files if only is None else [k for k in npz.files if k == only]
                arrays = {}
                for key in keys:
                    try:
                        arrays[key] = npz[key]
                    except ValueError:
                        if _holds_objects(npz.zip, key):
                            raise CheckpointError(
                                f"{name}: entry {key!r} contains pickled objects, refused") from None
                        raise
                return arrays
    except CheckpointError:
        raise
    except FileNotFoundError:
        raise CheckpointError(f"{name}: no such file") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError) as exc:
        raise CheckpointError(f"{name}: truncated or corrupt checkpoint ({exc})") from None
    except OSError as exc:
        raise CheckpointError(f"{name}: cannot read ({exc.strerror or exc})") from None


def _holds_objects(archive: zipfile.ZipFile, key: str) -> bool:
    """Whether entry ``key`` is a ``.npy`` whose header declares an object dtype."""
    fmt = np.lib.format
    try:
        with archive.open(f"{key}.npy") as fp:
            version = fmt.read_magic(fp)
            if version == (1, 0):
                dtype = fmt.read_array_header_1_0(fp)[2]
            elif version == (2, 0):
                dtype = fmt.read_array_header_2_0(fp)[2]
            else:
                return False
    except Exception:   # any unreadable header is corruption, reported by the caller
        return False
    return dtype.hasobject


def _parse_meta(name: str, raw: Any) -> dict:
    """Decode and check ``meta.json``: format, version and the type of every entry."""
    if raw is None:
        raise CheckpointError(f"{name}: no {META_KEY} entry (not an rnnviz checkpoint)")
    if not isinstance(raw, np.ndarray) or raw.dtype != np.uint8 or raw.ndim != 1:
        raise CheckpointError(f"{name}: {META_KEY} must be a 1-D uint8 array of UTF-8 bytes")
    data = raw.tobytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CheckpointError(
            f"{name}: {META_KEY} is not UTF-8 (invalid byte at offset {exc.start})") from None
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CheckpointError(f"{name}: {META_KEY} is not valid JSON ({exc.msg} at line {exc.lineno} "
                              f"column {exc.colno})") from None
    if not isinstance(meta, dict):
        raise CheckpointError(f"{name}: {META_KEY} must hold a JSON object, got {type(meta).__name__}")
    if meta.get("format") != FORMAT:
        raise CheckpointError(f"{name}: not an rnnviz checkpoint ({META_KEY} format is "
                              f"{meta.get('format')!r}, expected {FORMAT!r})")
    version = meta.get("version")
    if type(version) is not int:
        raise CheckpointError(f"{name}: {META_KEY} 'version' must be an integer, got {version!r}")
    if version != FORMAT_VERSION:
        raise CheckpointError(f"{name}: written by format version {version}; "
                              f"this rnnviz reads version {FORMAT_VERSION}")
    for key in _META_KEYS:
        if key not in meta:
            raise CheckpointError(f"{name}: {META_KEY} has no {key!r} entry")
    for key in ("step", "epoch"):
        if type(meta[key]) is not int or meta[key] < 0:
            raise CheckpointError(
                f"{name}: {META_KEY} {key!r} must be a non-negative integer, got {meta[key]!r}")
    lr = meta["optimizer_lr"]
    if type(lr) not in (int, float) or not (math.isfinite(lr) and lr > 0):
        raise CheckpointError(f"{name}: {META_KEY} 'optimizer_lr' must be a positive number, got {lr!r}")
    for key in ("stream", "rng"):
        table = meta[key]
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            raise CheckpointError(f"{name}: {META_KEY} {key!r} must map names to objects")
    if not isinstance(meta["data"], dict):
        raise CheckpointError(f"{name}: {META_KEY} 'data' must be an object")
    return meta


def _parse_configs(name: str, meta: dict) -> tuple[ModelConfig, TrainConfig, Vocab]:
    model_config = _build_config(name, "model_config", ModelConfig, meta["model_config"])
    train_config = _build_config(name, "train_config", TrainConfig, meta["train_config"])
    try:
        vocab = Vocab.from_json(meta["vocab"])
    except CorpusError as exc:
        raise CheckpointError(f"{name}: vocab: {exc}") from None
    if len(vocab) != model_config.vocab_size:
        raise CheckpointError(f"{name}: vocabulary has {len(vocab)} tokens but model_config.vocab_size "
                              f"is {model_config.vocab_size}")
    return model_config, train_config, vocab


def _build_config(name: str, key: str, cls: type, d: Any):
    if not isinstance(d, dict):
        raise CheckpointError(f"{name}: {META_KEY} {key!r} must be an object")
    required = [f.name for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    missing = [field for field in required if field not in d]
    if missing:
        raise CheckpointError(f"{name}: {key}: missing {', '.join(missing)}")
    try:
        return from_dict(cls, d)
    except (ConfigError, TypeError) as exc:     # TypeError: a value of the wrong type
        raise CheckpointError(f"{name}: {key}: {exc}") from None


def _group(name: str, arrays: dict[str, np.ndarray]) -> dict[str, dict[str, np.ndarray]]:
    """Split ``param/embed.W`` style keys into one dict per group."""
    groups: dict[str, dict[str, np.ndarray]] = {g: {} for g in GROUPS}
    stray = []
    for key, value in arrays.items():
        group, _, rest = key.partition("/")
        if group not in groups or not rest:
            stray.append(key)
        elif not isinstance(value, np.ndarray):     # a non-.npy member comes back as bytes
            raise CheckpointError(f"{name}: entry {key!r} is not a NumPy array")
        else:
            groups[group][rest] = value
    if stray:
        raise CheckpointError(f"{name}: unexpected entries {', '.join(sorted(stray))} "
                              f"(expected {'/, '.join(GROUPS)}/ or {META_KEY})")
    return groups


def _load_params(name: str, model: RNNLM, arrays: dict[str, np.ndarray]) -> None:
    expected = model.params
    missing = sorted(set(expected) - set(arrays))
    unexpected = sorted(set(arrays) - set(expected))
    if missing or unexpected:
        parts = [f"missing {', '.join(missing)}" if missing else "",
                 f"unexpected {', '.join(unexpected)}" if unexpected else ""]
        raise CheckpointError(f"{name}: parameters do not match model_config: "
                              + "; ".join(p for p in parts if p))
    problems = []
    for key, target in expected.items():
        array = arrays[key]
        if array.shape != target.shape:
            problems.append(f"param {key} has shape {array.shape}, expected {target.shape}")
        elif array.dtype != target.dtype:
            problems.append(
                f"param {key} has dtype {array.dtype}, expected {target.dtype} (model_config.dtype)")
        elif not np.isfinite(array).all():
            count = int(array.size - np.isfinite(array).sum())
            problems.append(f"param {key} holds {count} NaN or inf values")
    if problems:
        raise CheckpointError(f"{name}: " + "; ".join(problems))
    for key, target in expected.items():
        target[...] = arrays[key]       # in place: a tied decoder reads embed.W through a view


def _load_optimizer(name: str, model: RNNLM, train_config: TrainConfig,
                    arrays: dict[str, np.ndarray], lr: float) -> Optimizer:
    optimizer = make_optimizer(train_config)
    prefix = f"{optimizer.name}."
    foreign = sorted(k for k in arrays if not k.startswith(prefix))
    if foreign:
        raise CheckpointError(f"{name}: optimizer entries {', '.join(foreign)} do not belong to "
                              f"{optimizer.name} (train_config.optimizer)")
    iter_key = f"{prefix}iter"
    count = arrays.get(iter_key)
    if count is None:
        raise CheckpointError(f"{name}: no optim/{iter_key} entry")
    if count.shape != () or count.dtype.kind not in "iu" or int(count) < 0:
        raise CheckpointError(f"{name}: optim/{iter_key} must be a non-negative integer scalar")
    problems = []
    covered: dict[str, set[str]] = {slot: set() for slot in optimizer.slot_names}
    for key, array in arrays.items():
        if key == iter_key:
            continue
        slot, _, param = key[len(prefix):].partition(".")
        target = model.params.get(param)
        if slot not in covered:
            problems.append(f"optimizer entry {key}: {optimizer.name} has no slot {slot!r}")
        elif target is None:
            problems.append(f"optimizer entry {key} names no parameter of the model")
        elif array.shape != target.shape:
            problems.append(f"optimizer entry {key} has shape {array.shape}, expected {target.shape}")
        elif array.dtype != target.dtype:
            problems.append(f"optimizer entry {key} has dtype {array.dtype}, expected {target.dtype}")
        else:
            covered[slot].add(param)
    # After one update every parameter has every slot; a gap would silently restart it at zero.
    if int(count) > 0:
        for slot, params in covered.items():
            missing = sorted(set(model.params) - params)
            if missing:
                problems.append(f"optimizer slot {prefix}{slot} lacks {', '.join(missing)}")
    if problems:
        raise CheckpointError(f"{name}: " + "; ".join(problems))
    optimizer.load_state_dict(arrays)
    optimizer.lr = float(lr)            # it may have been changed live, away from train_config.lr
    return optimizer


def _load_state(name: str, model: RNNLM, arrays: dict[str, np.ndarray]) -> None:
    cfg = model.config
    expected = {f"{cfg.cell}{k}.{part}"
                for k in range(cfg.num_layers)
                for part in (("h", "c") if cfg.cell == "lstm" else ("h",))}
    unexpected = sorted(set(arrays) - expected)
    if unexpected:
        raise CheckpointError(f"{name}: unexpected hidden-state entries {', '.join(unexpected)}")
    dtype = np.dtype(cfg.dtype)
    for key, array in arrays.items():
        if array.ndim != 2 or array.shape[1] != cfg.hidden_size or array.dtype != dtype:
            raise CheckpointError(f"{name}: state {key} has shape {array.shape} and dtype {array.dtype}, "
                                  f"expected (N, {cfg.hidden_size}) {dtype}")
    model.set_state(arrays)


def _check_rng_state(name: str, key: str, state: dict) -> None:
    """Try the state on a fresh bit generator of its kind, so a bad one fails at load time."""
    kind = state.get("bit_generator")
    cls = getattr(np.random, kind, None) if isinstance(kind, str) else None
    if not (isinstance(cls, type) and issubclass(cls, np.random.BitGenerator)):
        raise CheckpointError(f"{name}: RNG state {key!r} names no NumPy bit generator ({kind!r})")
    try:
        cls().state = state
    except (ValueError, TypeError, KeyError) as exc:
        raise CheckpointError(f"{name}: RNG state {key!r} is malformed ({exc})") from None
