"""The checks every kind of checkpoint makes on its members (language model, seq2seq, classifier).

Saving: :func:`check_savable` (the optimizer is the config's, no parameter is NaN or inf) and
:func:`plain_arrays` (only booleans, numbers and fixed-width strings, ``extra/`` within its bounds).
Loading: :func:`group_members` sorts the archive's entries into their groups, then each group's
``.npy`` headers are checked against the shapes and dtypes the configs imply
(:func:`check_param_headers`, :func:`check_optim_headers`, :func:`check_extra_headers`) before any
array is read, and the arrays once read must be finite (:func:`check_finite`);
:func:`load_optimizer` puts the slots back. Every problem is one :class:`CheckpointError` line
naming the file.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .archive import ARRAY_KINDS, META_KEY, Archive, CheckpointError, listed, semicolons
from .config import TrainConfig
from .memory import format_bytes
from .optim import Optimizer
from .texts import translate

EXTRA_LIMIT = 512 * 2 ** 20     # bytes of all extra/ arrays together
EXTRA_MEMBERS = 10_000


def check_savable(where: str, model, optimizer: Optimizer, train_config: TrainConfig) -> None:
    """Refuse, before anything is written, what no kind of checkpoint may hold: an optimizer that
    is not the one ``train_config`` names, or parameters a diverged run left NaN or inf.

    Raises
    ------
    CheckpointError
        One line starting with ``where`` ("cannot save PATH").
    """
    if optimizer.name != train_config.optimizer:
        raise CheckpointError(translate("checkpoint_members", "{where}: optimizer is {optimizer} but "
                                        "train_config.optimizer is {configured}")
                              .format(where=where, optimizer=optimizer.name, configured=train_config.optimizer))
    bad = [key for key, p in model.params.items() if not np.isfinite(p).all()]
    if bad:
        raise CheckpointError(translate("checkpoint_members", "{where}: parameters {names} hold NaN or inf (the run "
                                        "diverged)").format(where=where, names=", ".join(bad)))


def plain_arrays(where: str, groups: dict[str, dict[str, Any]]) -> dict[str, np.ndarray]:
    """``{"group/key": array}`` of every table, refusing what loading would refuse.

    Object arrays would be pickled by np.savez; structured, datetime and other exotic dtypes
    are not read back either. ``extra`` is held to its bounds.
    """
    arrays: dict[str, np.ndarray] = {}
    for group, table in groups.items():
        for key, value in table.items():
            array = np.asarray(value)
            if array.dtype.hasobject:
                raise CheckpointError(translate("checkpoint_members", "{where}: {group} {key} is an object array")
                                      .format(where=where, group=group, key=repr(key)))
            if array.dtype.kind not in ARRAY_KINDS or array.dtype.fields is not None:
                raise CheckpointError(translate("checkpoint_members", "{where}: {group} {key} has dtype {dtype}; only "
                                                "booleans, numbers and fixed-width strings can be saved")
                                      .format(where=where, group=group, key=repr(key), dtype=str(array.dtype)))
            arrays[f"{group}/{key}"] = array
    extra = groups.get("extra", {})
    total = sum(arrays[f"extra/{key}"].nbytes for key in extra)
    if len(extra) > EXTRA_MEMBERS or total > EXTRA_LIMIT:
        raise CheckpointError(translate("checkpoint_members", "{where}: {count} extra arrays of {size}; at most "
                                        "{most} of {limit} together are saved")
                              .format(where=where, count=len(extra), size=format_bytes(total),
                                      most=f"{EXTRA_MEMBERS:,}", limit=format_bytes(EXTRA_LIMIT)))
    return arrays


def group_members(name: str, keys: list[str], groups: tuple[str, ...]) -> dict[str, list[str]]:
    """Split ``param/embed.W`` style keys (all but meta.json) into one list per group."""
    found: dict[str, list[str]] = {g: [] for g in groups}
    stray = []
    for key in keys:
        if key == META_KEY:
            continue
        group, _, rest = key.partition("/")
        if group in found and rest:
            found[group].append(rest)
        else:
            stray.append(key)
    if stray:
        raise CheckpointError(translate("checkpoint_members", "{name}: unexpected entries {entries} (expected "
                                        "{groups}/ or meta.json)")
                              .format(name=name, entries=listed(sorted(stray)), groups="/, ".join(groups)))
    return found


def check_param_headers(name: str, archive: Archive, keys: list[str], shapes: dict[str, tuple],
                        dtype: np.dtype, config_key: str) -> None:
    """The parameters are exactly the config's, each of its shape and dtype."""
    missing = sorted(set(shapes) - set(keys))
    unexpected = sorted(set(keys) - set(shapes))
    if missing or unexpected:
        parts = [translate("checkpoint_members", "missing {names}").format(names=", ".join(missing)) if missing else "",
                 translate("checkpoint_members", "unexpected {names}").format(names=listed(unexpected))
                 if unexpected else ""]
        raise CheckpointError(translate("checkpoint_members", "{name}: parameters do not match {config}: {problems}")
                              .format(name=name, config=config_key,
                                      problems=semicolons([p for p in parts if p])))
    problems = []
    for key, shape in shapes.items():
        header = archive.header(f"param/{key}")
        if header.shape != shape:
            problems.append(translate("checkpoint_members", "param {key} has shape {shape}, expected {expected}")
                            .format(key=key, shape=str(header.shape), expected=str(shape)))
        elif header.dtype != dtype:
            problems.append(translate("checkpoint_members", "param {key} has dtype {dtype}, expected {expected} "
                                      "({config}.dtype)")
                            .format(key=key, dtype=str(header.dtype), expected=str(dtype), config=config_key))
    if problems:
        raise CheckpointError(_problems(name, problems))


def check_optim_headers(name: str, archive: Archive, keys: list[str], optimizer: Optimizer,
                        shapes: dict[str, tuple], dtype: np.dtype) -> None:
    """``<opt>.iter`` an integer scalar; every other entry a slot of a parameter, shaped like it."""
    prefix = f"{optimizer.name}."
    foreign = sorted(k for k in keys if not k.startswith(prefix))
    if foreign:
        raise CheckpointError(translate("checkpoint_members", "{name}: optimizer entries {entries} do not belong to "
                                        "{optimizer} (train_config.optimizer)")
                              .format(name=name, entries=listed(foreign), optimizer=optimizer.name))
    iter_key = f"{prefix}iter"
    if iter_key not in keys:
        raise CheckpointError(translate("checkpoint_members", "{name}: no optim/{key} entry").format(name=name, key=iter_key))
    header = archive.header(f"optim/{iter_key}")
    if header.shape != () or header.dtype.kind not in "iu":
        raise CheckpointError(translate("checkpoint_members", "{name}: optim/{key} must be a non-negative integer scalar")
                              .format(name=name, key=iter_key))
    problems = []
    for key in keys:
        if key == iter_key:
            continue
        slot, _, param = key[len(prefix):].partition(".")
        if slot not in optimizer.slot_names:
            problems.append(translate("checkpoint_members", "optimizer entry {key}: {optimizer} has no slot {slot}")
                            .format(key=listed([key]), optimizer=optimizer.name, slot=listed([slot])))
        elif param not in shapes:
            problems.append(translate("checkpoint_members", "optimizer entry {key} names no parameter of the model")
                            .format(key=listed([key])))
        else:
            header = archive.header(f"optim/{key}")
            if header.shape != shapes[param]:
                problems.append(translate("checkpoint_members", "optimizer entry {key} has shape {shape}, expected "
                                          "{expected}")
                                .format(key=key, shape=str(header.shape), expected=str(shapes[param])))
            elif header.dtype != dtype:
                problems.append(translate("checkpoint_members", "optimizer entry {key} has dtype {dtype}, expected "
                                          "{expected}").format(key=key, dtype=str(header.dtype), expected=str(dtype)))
    if problems:
        raise CheckpointError(_problems(name, problems[:5]))


def check_extra_headers(name: str, archive: Archive, keys: list[str]) -> None:
    """At most EXTRA_MEMBERS arrays of EXTRA_LIMIT bytes together, by their headers."""
    if len(keys) > EXTRA_MEMBERS:
        raise CheckpointError(translate("checkpoint_members", "{name}: {count} extra arrays; at most {most} are read")
                              .format(name=name, count=f"{len(keys):,}", most=f"{EXTRA_MEMBERS:,}"))
    total = 0
    for key in keys:
        total += archive.header(f"extra/{key}").nbytes
        if total > EXTRA_LIMIT:
            raise CheckpointError(translate("checkpoint_members", "{name}: extra arrays declare more than {limit} "
                                            "(at extra/{key}); at most that is read")
                                  .format(name=name, limit=format_bytes(EXTRA_LIMIT), key=listed([key])))


def _problems(name: str, problems: list[str]) -> str:
    """``<name>: <problem>; <problem>``, each problem translated on its own."""
    return translate("checkpoint_members", "{name}: {problems}").format(name=name, problems=semicolons(problems))


def check_finite(name: str, label: str, arrays: dict[str, np.ndarray]) -> None:
    """Floating-point arrays hold no NaN or inf (a diverged run, or a forged file).

    ``label`` is ``"param"``, ``"optimizer entry"`` or ``"state"``.
    """
    template = {"param": translate("checkpoint_members", "param {key} holds {count} NaN or inf values"),
                "optimizer entry": translate("checkpoint_members", "optimizer entry {key} holds {count} NaN or inf "
                                             "values"),
                "state": translate("checkpoint_members", "state {key} holds {count} NaN or inf values")}.get(label)
    problems = []
    for key, array in arrays.items():
        if array.dtype.kind in "fc":
            bad = int(array.size - np.count_nonzero(np.isfinite(array)))
            if bad:
                problems.append(template.format(key=key, count=bad) if template is not None
                                else f"{label} {key} holds {bad} NaN or inf values")
    if problems:
        raise CheckpointError(_problems(name, problems[:5]))


def load_optimizer(name: str, optimizer: Optimizer, arrays: dict[str, np.ndarray],
                   params: dict[str, np.ndarray], lr: float) -> None:
    """Put checked slots and the iteration count into ``optimizer``, and the live ``lr``."""
    prefix = f"{optimizer.name}."
    count = arrays[f"{prefix}iter"]
    if int(count) < 0:
        raise CheckpointError(translate("checkpoint_members", "{name}: optim/{key} must be a non-negative integer scalar")
                              .format(name=name, key=f"{prefix}iter"))
    # After one update every parameter has every slot; a gap would silently restart it at zero.
    if int(count) > 0:
        problems = []
        for slot in optimizer.slot_names:
            missing = sorted(p for p in params if f"{prefix}{slot}.{p}" not in arrays)
            if missing:
                problems.append(translate("checkpoint_members", "optimizer slot {slot} lacks {names}")
                                .format(slot=f"{prefix}{slot}", names=listed(missing)))
        if problems:
            raise CheckpointError(_problems(name, problems))
    optimizer.load_state_dict(arrays)
    optimizer.lr = float(lr)            # it may have been changed live, away from train_config.lr
