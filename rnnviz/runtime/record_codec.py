"""Snapshot records as plain arrays and JSON, and back: how probes travel in a checkpoint, no pickle.

A checkpoint is an ``.npz`` read with ``allow_pickle=False`` plus JSON, so a :class:`Probe` (nested
frozen dataclasses of arrays, strings and numbers) cannot go in as it is. :func:`encode` walks a
record, puts its arrays in an :class:`ArrayStore` (one flat array per dtype) and everything else in
a JSON tree that names each array by dtype, offset and shape; :func:`decode` builds the record
again, only from the classes in :data:`RECORDS` and only from slices it has checked: a forged
file can name no other type, and what it names is built only from plain values.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any

import numpy as np

from rnnviz.engine.snapshots import GateSaturation, GraphFrame, LayerProbe, Probe, StreamMap
from rnnviz.engine.texts import translate

RECORDS: dict[str, type] = {cls.__name__: cls for cls in (Probe, LayerProbe, GateSaturation, GraphFrame, StreamMap)}
MAX_DEPTH = 12          # records nest a few levels; a forged tree deeper than this is refused


class ArrayStore:
    """The arrays of many records, one flat array per dtype: a checkpoint of a thousand probes is
    a handful of ``.npz`` members, not fifty thousand."""

    def __init__(self) -> None:
        self._parts: dict[str, list[np.ndarray]] = {}
        self._sizes: dict[str, int] = {}

    def put(self, array: np.ndarray) -> list:
        """Keep ``array``; returns its reference: [dtype, offset, shape]."""
        array = np.ascontiguousarray(array)
        if array.dtype.kind not in "biuf":
            raise TypeError(f"cannot store an array of dtype {array.dtype}")
        key = array.dtype.str.lstrip("<>=|")            # "f4", "i8", "b1", ... (little-endian below)
        offset = self._sizes.get(key, 0)
        self._parts.setdefault(key, []).append(array.astype(array.dtype.newbyteorder("<"), copy=False).ravel())
        self._sizes[key] = offset + array.size
        return [key, offset, list(array.shape)]

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}.{key}": np.concatenate(parts) for key, parts in self._parts.items()}


def encode(record: Any, store: ArrayStore) -> Any:
    """A JSON-able tree for ``record``, its arrays put in ``store``."""
    if record is None or isinstance(record, (bool, int, float, str)):
        return record
    if isinstance(record, np.generic):
        return record.item()
    if isinstance(record, np.ndarray):
        return {"array": store.put(record)}
    if dataclasses.is_dataclass(record) and type(record).__name__ in RECORDS:
        return {"record": type(record).__name__,
                "fields": {f.name: encode(getattr(record, f.name), store) for f in dataclasses.fields(record)}}
    if isinstance(record, (tuple, list)):
        return {"tuple": [encode(item, store) for item in record]}
    if isinstance(record, dict) and all(isinstance(k, str) for k in record):
        return {"dict": {k: encode(v, store) for k, v in record.items()}}
    raise TypeError(f"cannot encode a {type(record).__name__}")


def _array(ref: Any, arrays: dict[str, np.ndarray], prefix: str) -> np.ndarray:
    """The slice of a flat array a reference names, checked before it is taken."""
    ok = isinstance(ref, list) and len(ref) == 3 and isinstance(ref[0], str) and isinstance(ref[1], int) \
        and isinstance(ref[2], list) and all(isinstance(n, int) and n >= 0 for n in ref[2]) and ref[1] >= 0
    flat = arrays.get(f"{prefix}.{ref[0]}") if ok else None
    if flat is None:
        raise ValueError(translate("record_codec", "a saved probe names an array that is missing"))
    flat = np.asarray(flat)
    size = int(np.prod(ref[2], dtype=np.int64))
    if flat.ndim != 1 or flat.dtype.kind not in "biuf" or ref[1] + size > len(flat):
        raise ValueError(translate("record_codec", "a saved probe's array lies outside the saved data"))
    return flat[ref[1]:ref[1] + size].reshape(ref[2]).copy()


def decode(tree: Any, arrays: dict[str, np.ndarray], prefix: str, depth: int = 0) -> Any:
    """The record :func:`encode` described; ``ValueError`` for anything it would not have written."""
    if depth > MAX_DEPTH:
        raise ValueError(translate("record_codec", "a saved probe nests too deeply"))
    if tree is None or isinstance(tree, (bool, int, float, str)):
        return tree
    if not isinstance(tree, dict) or len(tree) not in (1, 2):
        raise ValueError(translate("record_codec", "a saved probe has an entry of an unknown kind"))
    if "array" in tree:
        return _array(tree["array"], arrays, prefix)
    if "tuple" in tree and isinstance(tree["tuple"], list):
        return tuple(decode(item, arrays, prefix, depth + 1) for item in tree["tuple"])
    if "dict" in tree and isinstance(tree["dict"], dict):
        return {str(k): decode(v, arrays, prefix, depth + 1) for k, v in tree["dict"].items()}
    if "record" in tree and isinstance(tree.get("fields"), dict):
        cls = RECORDS.get(tree["record"])
        if cls is None:
            raise ValueError(translate("record_codec", "a saved probe names an unknown record {name}").format(
                name=repr(tree["record"])))
        names = {f.name for f in dataclasses.fields(cls)}
        fields = tree["fields"]
        if not set(fields) <= names:
            raise ValueError(translate("record_codec", "a saved {name} has fields it does not know: {fields}").format(
                name=cls.__name__, fields=", ".join(sorted(set(fields) - names))))
        try:
            return cls(**{k: decode(v, arrays, prefix, depth + 1) for k, v in fields.items()})
        except TypeError:       # a field without a default is missing
            raise ValueError(translate("record_codec", "a saved {name} lacks some of its fields").format(
                name=cls.__name__)) from None
    raise ValueError(translate("record_codec", "a saved probe has an entry of an unknown kind"))


def dumps(tree: Any) -> np.ndarray:
    """A JSON tree as a 0-d string array (what an ``.npz`` keeps without pickle)."""
    return np.array(json.dumps(tree, separators=(",", ":")), dtype=np.str_)


def loads(array: np.ndarray) -> Any:
    """The tree :func:`dumps` wrote; ``ValueError`` when it is not JSON."""
    try:
        return json.loads(str(np.asarray(array)[()]))
    except (json.JSONDecodeError, TypeError):
        raise ValueError(translate("record_codec", "the saved probes' index is not valid JSON")) from None
