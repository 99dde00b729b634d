"""Checks of the fields of a checkpoint's ``meta.json``, shared by both kinds of checkpoint.

Every check takes ``where`` (the file's name, or ``cannot save <file>``) and raises one
:class:`~rnnviz.engine.archive.CheckpointError` line naming it and the field. They run before
any model is built, so a forged file is refused with a message instead of a traceback deep in
NumPy or an allocation of whatever size it asks for.
"""
from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from .archive import CheckpointError, cut, listed, short
from .texts import message_of
from .config import LEVELS, ConfigError, from_dict
from .data import CorpusError, Vocab
from .texts import translate

MAX_COUNT = 10 ** 15            # steps, epochs, stream positions: far beyond any real run
BIT_GENERATORS = ("MT19937", "PCG64", "PCG64DXSM", "Philox", "SFC64")
# Positions into a generator's buffer. NumPy's C code trusts them: MT19937 with pos 9999, or
# Philox with buffer_pos 99, is accepted by ``.state =`` and then reads past its buffer.
_STATE_LIMITS = {"pos": 624, "buffer_pos": 4, "has_uint32": 1, "has_gauss": 1, "uinteger": 2 ** 32 - 1}
_WIDE_LIMIT = 2 ** 128 - 1      # PCG64's 128-bit state and increment
_TYPES = {"int": (int,), "float": (int, float), "str": (str,), "bool": (bool,)}


def require(where: str, meta: dict, keys: tuple[str, ...]) -> None:
    """Raise unless every key is in ``meta``."""
    for key in keys:
        if key not in meta:
            raise CheckpointError(translate("meta_fields", "{where}: meta.json has no {key} entry")
                                  .format(where=where, key=repr(key)))


def count(where: str, key: str, value: Any, most: int = MAX_COUNT) -> int:
    """A non-negative integer (not a bool, not a float) up to ``most``."""
    if type(value) is not int or not 0 <= value <= most:
        raise CheckpointError(translate("meta_fields", "{where}: meta.json {key} must be an integer in "
                                        "[0, {most}], got {value}")
                              .format(where=where, key=repr(key), most=most, value=short(value)))
    return value


def positive_number(where: str, key: str, value: Any) -> float:
    """A finite number above 0 and below 1e12 (a learning rate)."""
    if type(value) not in (int, float) or not 0 < value < 1e12:
        raise CheckpointError(translate("meta_fields", "{where}: meta.json {key} must be a positive number, "
                                        "got {value}").format(where=where, key=repr(key), value=short(value)))
    return float(value)


def optional_strings(where: str, meta: dict, keys: tuple[str, ...]) -> None:
    """Informational entries (``created``, ``rnnviz_version``): strings when present."""
    for key in keys:
        if key in meta and not isinstance(meta[key], str):
            raise CheckpointError(translate("meta_fields", "{where}: meta.json {key} must be a string, got "
                                            "{value}").format(where=where, key=repr(key), value=short(meta[key])))


def build_config(where: str, key: str, cls: type, d: Any):
    """``cls`` from its JSON dict, each field of its annotated type, then the class's own checks.

    The config classes check ranges and choices; the types are checked here first, since a
    seed of ``1.5`` or a ``tie_weights`` of ``"no"`` passes those checks and fails later.
    """
    if not isinstance(d, dict):
        raise CheckpointError(translate("meta_fields", "{where}: meta.json {key} must be an object")
                              .format(where=where, key=repr(key)))
    fields = dataclasses.fields(cls)
    required = [f.name for f in fields
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    missing = [name for name in required if name not in d]
    if missing:
        raise CheckpointError(translate("meta_fields", "{where}: {key}: missing {names}")
                              .format(where=where, key=key, names=", ".join(missing)))
    for f in fields:
        if f.name not in d:
            continue
        type_name = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "")
        allowed, value = _TYPES.get(type_name), d[f.name]
        if allowed is None:
            continue
        if not isinstance(value, allowed) or (isinstance(value, bool) and type_name != "bool"):
            if type_name == "int":
                message = translate("meta_fields", "{where}: {key}.{field} must be an {type}, got {value}")
            else:
                message = translate("meta_fields", "{where}: {key}.{field} must be a {type}, got {value}")
            raise CheckpointError(message.format(where=where, key=key, field=f.name, type=type_name,
                                                 value=short(value)))
    try:
        return from_dict(cls, d)
    except (ConfigError, TypeError, ValueError) as exc:
        raise CheckpointError(translate("meta_fields", "{where}: {key}: {reason}")
                              .format(where=where, key=key, reason=cut(message_of(exc)))) from None


def vocab(where: str, d: Any, size: int,
          label: str = translate("meta_fields", "the model's vocab_size")) -> Vocab:
    """The vocabulary, which must have ``size`` tokens (``label`` names where that size is from)."""
    if isinstance(d, dict) and not isinstance(d.get("normalize", False), bool):
        raise CheckpointError(translate("meta_fields", "{where}: vocab: 'normalize' must be true or false, "
                                        "got {value}").format(where=where, value=short(d["normalize"])))
    try:
        result = Vocab.from_json(d)
    except CorpusError as exc:
        raise CheckpointError(translate("meta_fields", "{where}: vocab: {reason}")
                              .format(where=where, reason=cut(message_of(exc)))) from None
    if len(result) != size:
        raise CheckpointError(translate("meta_fields", "{where}: vocabulary has {count} tokens but {label} "
                                        "is {size}").format(where=where, count=len(result), label=label,
                                                            size=size))
    return result


# --- random generators -----------------------------------------------------------------------

def rng_state(where: str, label: str, state: Any, *, legacy: bool = False) -> None:
    """A bit generator's state (``generator.bit_generator.state``), or with ``legacy`` a
    ``RandomState.get_state(legacy=False)`` dict, that a fresh generator accepts.

    The state must be laid out as a fresh generator's of the kind it names (an allow-list of
    NumPy's bit generators): the same keys, integers in the ranges their C types hold, and
    buffer positions inside their buffers.
    """
    if not isinstance(state, dict):
        raise CheckpointError(translate("meta_fields", "{where}: RNG state {label} must be an object")
                              .format(where=where, label=repr(label)))
    kind = state.get("bit_generator")
    if legacy and kind != "MT19937":
        raise CheckpointError(translate("meta_fields", "{where}: RNG state {label} must be a RandomState's "
                                        "(MT19937), got {kind}")
                              .format(where=where, label=repr(label), kind=short(kind)))
    if kind not in BIT_GENERATORS:
        raise CheckpointError(translate("meta_fields", "{where}: RNG state {label} names no NumPy bit "
                                        "generator ({kind})")
                              .format(where=where, label=repr(label), kind=short(kind)))
    template = (np.random.RandomState(0).get_state(legacy=False) if legacy
                else getattr(np.random, kind)(0).state)
    problem = _layout_problem(template, state, "state")
    if problem:
        raise CheckpointError(translate("meta_fields", "{where}: RNG state {label} is malformed ({problem})")
                              .format(where=where, label=repr(label), problem=problem))
    try:
        make_rng(state, legacy=legacy)
    except Exception as exc:      # anything NumPy still refuses: the message says which value
        raise CheckpointError(translate("meta_fields", "{where}: RNG state {label} is malformed ({problem})")
                              .format(where=where, label=repr(label), problem=cut(str(exc), 100))) from None


def _layout_problem(template: Any, value: Any, path: str) -> str | None:
    if isinstance(template, dict):
        if not isinstance(value, dict) or set(value) != set(template):
            return translate("meta_fields", "{path} must have the keys {keys}").format(
                path=path, keys=", ".join(sorted(template)))
        for key, part in template.items():
            problem = _layout_problem(part, value[key], f"{path}.{key}")
            if problem:
                return problem
        return None
    if isinstance(template, str):
        return None if value == template else translate("meta_fields", "{path} must be {value}").format(
            path=path, value=repr(template))
    if isinstance(template, np.ndarray):
        most = 2 ** (8 * template.dtype.itemsize) - 1
        if (not isinstance(value, list) or len(value) != template.size
                or not all(type(v) is int and 0 <= v <= most for v in value)):
            return translate("meta_fields", "{path} must be a list of {count} integers in [0, {most}]").format(
                path=path, count=template.size, most=most)
        return None
    if isinstance(template, float):
        return None if type(value) in (int, float) else translate("meta_fields", "{path} must be a number"
                                                                  ).format(path=path)
    most = _STATE_LIMITS.get(path.rpartition(".")[2], _WIDE_LIMIT)
    if type(value) is not int or not 0 <= value <= most:
        return translate("meta_fields", "{path} must be an integer in [0, {most}], got {value}").format(
            path=path, most=most, value=short(value))
    return None


def make_rng(state: dict, *, legacy: bool = False) -> np.random.Generator | np.random.RandomState:
    """A generator continuing from a state checked by :func:`rng_state`."""
    if legacy:
        stream = np.random.RandomState(0)
        stream.set_state(state)
        return stream
    bit_generator = getattr(np.random, state["bit_generator"])(0)
    bit_generator.state = state
    return np.random.Generator(bit_generator)


# --- what the data was -----------------------------------------------------------------------

def streams(where: str, table: Any) -> dict[str, dict[str, int]]:
    """Stream positions by name: each an object of non-negative integers (``{"time_idx": 350}``)."""
    if not isinstance(table, dict):
        raise CheckpointError(translate("meta_fields", "{where}: meta.json 'stream' must map names to objects")
                              .format(where=where))
    for label, state in table.items():
        if not isinstance(state, dict):
            raise CheckpointError(translate("meta_fields", "{where}: meta.json stream.{label} must be an object")
                                  .format(where=where, label=listed([label])))
        for key, value in state.items():
            if type(value) is not int or not 0 <= value <= MAX_COUNT:
                raise CheckpointError(translate("meta_fields", "{where}: stream.{label}.{key} must be a "
                                                "non-negative integer, got {value}")
                                      .format(where=where, label=listed([label]), key=listed([key]),
                                              value=short(value)))
    return table


def _optional(kind: type):
    return lambda v: v is None or isinstance(v, kind)


# The keys Session, the CLI and the GUI store; any other key must hold a plain JSON scalar.
_LM_DATA = {
    "source": (lambda v: isinstance(v, str), translate("meta_fields", "a string")),
    "level": (lambda v: v in LEVELS, translate("meta_fields", "one of {choices}").format(choices=", ".join(LEVELS))),
    "normalize": (lambda v: isinstance(v, bool), translate("meta_fields", "true or false")),
    "limit_tokens": (lambda v: v is None or (type(v) is int and 0 < v <= MAX_COUNT),
                     translate("meta_fields", "null or a positive integer")),
    "valid": (_optional(str), translate("meta_fields", "null or a string")),
    "test": (_optional(str), translate("meta_fields", "null or a string")),
}
_SCALAR = translate("meta_fields", "a string, number, boolean or null")


def lm_data(where: str, data: Any) -> dict:
    """A language model's data description (source, level, normalize, limit_tokens, valid, test)."""
    if not isinstance(data, dict):
        raise CheckpointError(translate("meta_fields", "{where}: meta.json 'data' must be an object")
                              .format(where=where))
    for key, value in data.items():
        test, wanted = _LM_DATA.get(key, (_scalar, _SCALAR))
        if not test(value):
            raise CheckpointError(translate("meta_fields", "{where}: data.{key} must be {wanted}, got {value}")
                                  .format(where=where, key=listed([key]), wanted=wanted, value=short(value)))
    return data


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))
