"""The ``.npz`` archives checkpoints are made of, read without trusting them.

An archive is a zip of ``<key>.npy`` members, as :func:`numpy.savez` writes it, one of which,
``meta.json``, holds the UTF-8 bytes of a JSON object (uint8). Every kind of checkpoint uses it
(a language model's, a seq2seq run's, a classifier's); ``meta.json``'s ``format`` tells them apart
(:func:`checkpoint_kind`).

Writing is :mod:`rnnviz.engine.archive_write` (atomic: a crash or a full disk leaves the previous
file intact).

Reading refuses before it inflates. :class:`Archive` counts the members (at most
:data:`MAX_ENTRIES`) before :mod:`zipfile` lists them, reads ``meta.json`` only
up to :data:`META_LIMIT` bytes, and reads any other member's ``.npy`` header (shape and dtype,
a few hundred bytes) on its own, so the caller can compare what each member declares with what
its metadata says it must be before a single array is read. A member's stored size must equal
what its header declares, and only stored or deflated members are read (a bzip2 member could
inflate a few kB into gigabytes before the first check), so no member ever inflates past the
size that was checked.
"""
from __future__ import annotations

import json
import math
import os
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .texts import Text, message_of, translate

META_KEY = "meta.json"
META_LIMIT = 16 * 2 ** 20       # bytes of meta.json read at most (a 10,000-word vocabulary is ~100 kB)
HEADER_LIMIT = 10_000           # bytes of a .npy header (NumPy's own default limit)
CHUNK = 16 * 2 ** 20            # bytes inflated per read of a member
ARRAY_KINDS = "biufcSU"         # booleans, numbers and fixed-width strings: nothing that unpickles
MAX_ENTRIES = 11_000            # params x slots (~100), states, meta.json and at most 10,000 extras

LM_FORMAT = "rnnviz-checkpoint"
SEQ2SEQ_FORMAT = "rnnviz-seq2seq-checkpoint"
CLASSIFY_FORMAT = "rnnviz-classify-checkpoint"
KINDS = {LM_FORMAT: "lm", SEQ2SEQ_FORMAT: "seq2seq", CLASSIFY_FORMAT: "classify"}
# What to say when a file of one kind is opened where another is expected.
_OPEN_IT = {"lm": translate("archive", "{name}: is a language-model checkpoint; open it with "
                            "File > Open checkpoint"),
            "seq2seq": translate("archive", "{name}: is a seq2seq checkpoint; open it in the seq2seq lab"),
            "classify": translate("archive", "{name}: is a classifier checkpoint; open it in the classifier lab")}

_ZIP_MAGIC = b"PK\x03\x04"
_END_MAGIC = b"PK\x05\x06"      # the end-of-central-directory record
_END_SEARCH = 22 + 65_535       # the record, and the longest comment that may follow it


class CheckpointError(ValueError):
    """A checkpoint that cannot be written or read; one line naming the file and the problem."""


def semicolons(parts: list[str]) -> Text:
    """Problems side by side, ``"; "`` between them (each translated on its own when a Text)."""
    names = {f"p{i}": part for i, part in enumerate(parts)}
    return Text("", "; ".join("{%s}" % name for name in names), names)


def short(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters: a forged field may be megabytes long."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def cut(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters (an exception's message can quote a forged value)."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


def listed(keys: list[str], limit: int = 5) -> str:
    """``a, b, c and 4 more``: the first ``limit`` names, each cut to 40 characters."""
    names = ", ".join(cut(k, 40) for k in keys[:limit])
    if len(keys) > limit:
        return translate("archive", "{names} and {count} more").format(names=names, count=len(keys) - limit)
    return names


def json_default(value: Any) -> Any:
    """NumPy scalars and arrays as JSON (MT19937 states hold a key array, for instance)."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def meta_array(meta: dict, where: str) -> np.ndarray:
    """``meta`` as the uint8 array stored under :data:`META_KEY`; strict JSON, at most META_LIMIT."""
    try:
        # allow_nan=False keeps the file strict JSON that other tools can read.
        text = json.dumps(meta, indent=1, ensure_ascii=False, allow_nan=False, default=json_default)
    except (TypeError, ValueError) as exc:
        raise CheckpointError(translate("archive", "{where}: metadata is not JSON-serialisable ({error})")
                              .format(where=where, error=str(exc))) from None
    data = text.encode("utf-8")
    if len(data) > META_LIMIT:
        raise CheckpointError(translate("archive", "{where}: metadata is {size} bytes, more than the "
                                        "{most} a checkpoint may hold")
                              .format(where=where, size=f"{len(data):,}", most=f"{META_LIMIT:,}"))
    return np.frombuffer(data, dtype=np.uint8)


# --- reading ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Header:
    """What a member's ``.npy`` header declares, read without inflating the array."""

    shape: tuple[int, ...]
    dtype: np.dtype
    fortran: bool
    offset: int                     # bytes of magic and header before the data

    @property
    def nbytes(self) -> int:
        return math.prod(self.shape) * self.dtype.itemsize


class Archive:
    """An open checkpoint file: members by key, headers on demand, arrays read within bounds.

    Use as a context manager; every method raises :class:`CheckpointError` naming the file.
    ``keys`` are member names without ``.npy``, as :func:`numpy.load` gives them.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.name = name = os.fspath(path)
        self._headers: dict[str, Header] = {}
        try:
            mode = os.stat(self.path).st_mode
            if stat.S_ISDIR(mode):
                raise CheckpointError(translate("archive", "{name}: is a directory, not a checkpoint")
                                      .format(name=name))
            # Opening a FIFO would wait for a writer forever.
            if not stat.S_ISREG(mode):
                raise CheckpointError(translate("archive", "{name}: is not a regular file (a pipe, socket "
                                                "or device)").format(name=name))
            self._file = open(self.path, "rb")
        except FileNotFoundError:
            raise CheckpointError(translate("archive", "{name}: no such file").format(name=name)) from None
        except OSError as exc:
            raise CheckpointError(translate("archive", "{name}: cannot read ({error})")
                                  .format(name=name, error=str(exc.strerror or exc))) from None
        try:
            with self._reading():
                self._open_zip()
        except BaseException:
            self._file.close()
            raise

    def _open_zip(self) -> None:
        name = self.name
        head = self._file.read(len(_ZIP_MAGIC))
        # Checked first because any other file would otherwise be reported as a bad zip at best.
        if not head:
            raise CheckpointError(translate("archive", "{name}: truncated or corrupt checkpoint (empty file)")
                                  .format(name=name))
        if head != _ZIP_MAGIC:
            raise CheckpointError(translate("archive", "{name}: truncated or corrupt checkpoint (not a .npz "
                                            "archive)").format(name=name))
        # zipfile makes an object of every directory entry: count them before it does.
        entries = _entry_count(self._file)
        if entries is not None and entries > MAX_ENTRIES:
            count = translate("archive", "65,535 or more") if entries == 0xFFFF else f"{entries:,}"
            raise CheckpointError(translate("archive", "{name}: the archive lists {count} entries; a "
                                            "checkpoint has at most {most}")
                                  .format(name=name, count=count, most=f"{MAX_ENTRIES:,}"))
        self._file.seek(0)
        self._zip = zipfile.ZipFile(self._file)
        infos: dict[str, zipfile.ZipInfo] = {}
        for info in self._zip.infolist():
            if not info.filename.endswith(".npy"):
                raise CheckpointError(translate("archive", "{name}: entry {entry} is not a .npy array")
                                      .format(name=name, entry=short(info.filename)))
            key = info.filename[:-4]
            if key in infos:
                raise CheckpointError(translate("archive", "{name}: entry {entry} appears twice")
                                      .format(name=name, entry=short(key)))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise CheckpointError(translate("archive", "{name}: entry {entry} uses zip compression method "
                                                "{method}; only stored and deflated entries are read")
                                      .format(name=name, entry=short(key), method=info.compress_type))
            infos[key] = info
        self._infos = infos

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        zf = getattr(self, "_zip", None)
        if zf is not None:
            zf.close()
        self._file.close()

    @property
    def keys(self) -> list[str]:
        return list(self._infos)

    def stored_size(self, key: str) -> int:
        """Bytes member ``key`` inflates to, as the zip directory declares."""
        return self._infos[key].file_size

    # -- metadata ---------------------------------------------------------------------------
    def meta(self, kind: str | None, version: int = 1) -> dict:
        """``meta.json`` decoded, of format ``kind`` ("lm", "seq2seq", "classify"; None: any) and ``version``.

        Raises
        ------
        CheckpointError
            Missing, too large, not a 1-D uint8 array, not UTF-8, not strict JSON (NaN,
            Infinity and numbers beyond float range included), not an object; another
            format (the other kind is named, with where to open it) or version.
        """
        name = self.name
        if META_KEY not in self._infos:
            raise CheckpointError(translate("archive", "{name}: no meta.json entry (not an rnnviz checkpoint)")
                                  .format(name=name))
        if self.stored_size(META_KEY) > META_LIMIT + HEADER_LIMIT:
            raise CheckpointError(translate("archive", "{name}: meta.json is {size} bytes; at most {most} are "
                                            "read").format(name=name, size=f"{self.stored_size(META_KEY):,}",
                                                           most=f"{META_LIMIT:,}"))
        header = self.header(META_KEY)
        if header.dtype != np.uint8 or len(header.shape) != 1:
            raise CheckpointError(translate("archive", "{name}: meta.json must be a 1-D uint8 array of UTF-8 "
                                            "bytes").format(name=name))
        meta = decode_meta(name, self.read(META_KEY).tobytes())
        found = meta.get("format")
        wanted = [fmt for fmt, k in KINDS.items() if kind is None or k == kind]
        if found not in wanted:
            if isinstance(found, str) and found in KINDS:
                raise CheckpointError(_OPEN_IT[KINDS[found]].format(name=name))
            expected = (repr(wanted[0]) if len(wanted) == 1 else
                        translate("archive", "{first} or {second}").format(
                            first=", ".join(repr(fmt) for fmt in wanted[:-1]), second=repr(wanted[-1])))
            raise CheckpointError(translate("archive", "{name}: not an rnnviz checkpoint (meta.json format is "
                                            "{found}, expected {expected})")
                                  .format(name=name, found=short(found), expected=expected))
        found_version = meta.get("version")
        if type(found_version) is not int:
            raise CheckpointError(translate("archive", "{name}: meta.json 'version' must be an integer, got "
                                            "{value}").format(name=name, value=short(found_version)))
        if found_version != version:
            raise CheckpointError(translate("archive", "{name}: written by format version {found}; this "
                                            "rnnviz reads version {version}")
                                  .format(name=name, found=found_version, version=version))
        return meta

    # -- arrays -----------------------------------------------------------------------------
    def header(self, key: str) -> Header:
        """The shape and dtype member ``key`` declares, checked against its stored size.

        Raises
        ------
        CheckpointError
            An unreadable header, a pickled (object) or other non-plain dtype, or a stored
            size that differs from the declared shape's.
        """
        if key in self._headers:
            return self._headers[key]
        name, info, fmt = self.name, self._infos[key], np.lib.format
        with self._reading(), self._zip.open(info) as fp:
            version = fmt.read_magic(fp)
            if version == (1, 0):
                shape, fortran, dtype = fmt.read_array_header_1_0(fp, max_header_size=HEADER_LIMIT)
            elif version == (2, 0):
                shape, fortran, dtype = fmt.read_array_header_2_0(fp, max_header_size=HEADER_LIMIT)
            else:
                raise CheckpointError(translate("archive", "{name}: entry {entry} is .npy format version "
                                                "{version}, which is not read")
                                      .format(name=name, entry=short(key), version=f"{version[0]}.{version[1]}"))
            offset = fp.tell()
        if dtype.hasobject:
            raise CheckpointError(translate("archive", "{name}: entry {entry} contains pickled objects, refused")
                                  .format(name=name, entry=short(key)))
        if dtype.kind not in ARRAY_KINDS or dtype.fields is not None or dtype.subdtype is not None:
            raise CheckpointError(translate("archive", "{name}: entry {entry} has dtype {dtype}; only "
                                            "booleans, numbers and fixed-width strings are read")
                                  .format(name=name, entry=short(key), dtype=cut(str(dtype), 60)))
        if any(n < 0 for n in shape):
            raise CheckpointError(translate("archive", "{name}: truncated or corrupt checkpoint (entry {entry} "
                                            "declares shape {shape})")
                                  .format(name=name, entry=short(key), shape=str(shape)))
        header = Header(tuple(shape), dtype, bool(fortran), offset)
        if info.file_size != offset + header.nbytes:
            raise CheckpointError(
                translate("archive", "{name}: truncated or corrupt checkpoint (entry {entry} declares shape "
                          "{shape} {dtype}, {size} bytes, but stores {stored})")
                .format(name=name, entry=short(key), shape=str(header.shape), dtype=str(dtype),
                        size=f"{header.nbytes:,}", stored=f"{info.file_size - offset:,}"))
        self._headers[key] = header
        return header

    def read(self, key: str) -> np.ndarray:
        """Member ``key`` as an array, inflated in chunks into an array of its declared shape.

        Call :meth:`header` and check it first: this allocates what the header declares.
        """
        header = self.header(key)
        out = np.empty(header.shape, header.dtype, order="F" if header.fortran else "C")
        flat = out.reshape(-1, order="A").view(np.uint8) if header.nbytes else None   # (nbytes,)
        with self._reading(), self._zip.open(self._infos[key]) as fp:
            fp.read(header.offset)
            done = 0
            while done < header.nbytes:
                data = fp.read(min(CHUNK, header.nbytes - done))
                if not data:
                    raise CheckpointError(translate("archive", "{name}: truncated or corrupt checkpoint "
                                                    "(entry {entry} ends early)")
                                          .format(name=self.name, entry=short(key)))
                flat[done:done + len(data)] = np.frombuffer(data, np.uint8)
                done += len(data)
            fp.read(1)          # at the end: the zip's CRC check runs here
        return out

    def _reading(self):
        return _Reading(self.name)


def _entry_count(file) -> int | None:
    """Entries the end-of-central-directory record declares (0xFFFF: zip64's "more"), or None
    if there is no such record (zipfile then says what is wrong)."""
    size = file.seek(0, os.SEEK_END)
    file.seek(max(size - _END_SEARCH, 0))
    tail = file.read()
    at = tail.rfind(_END_MAGIC)
    if at < 0 or len(tail) - at < 22:
        return None
    return struct.unpack("<H", tail[at + 10:at + 12])[0]


class _Reading:
    """Turn whatever a damaged zip or .npy raises into one CheckpointError line."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None or isinstance(exc, CheckpointError) or not isinstance(exc, Exception):
            return False
        if isinstance(exc, OSError) and exc.errno is not None:     # the disk, not the file's contents
            raise CheckpointError(translate("archive", "{name}: cannot read ({error})")
                                  .format(name=self.name, error=str(exc.strerror or exc))) from None
        if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError, SyntaxError,
                            TypeError, RuntimeError, NotImplementedError, OSError, OverflowError)):
            raise CheckpointError(translate("archive", "{name}: truncated or corrupt checkpoint ({error})")
                                  .format(name=self.name, error=cut(str(exc), 120))) from None
        return False


def decode_meta(name: str, data: bytes) -> dict:
    """Strict JSON: no NaN or Infinity, no number beyond float range, an object at the top."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CheckpointError(translate("archive", "{name}: meta.json is not UTF-8 (invalid byte at offset "
                                        "{offset})").format(name=name, offset=exc.start)) from None
    try:
        meta = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise CheckpointError(translate("archive", "{name}: meta.json is not valid JSON ({error} at line "
                                        "{line} column {column})")
                              .format(name=name, error=exc.msg, line=exc.lineno, column=exc.colno)) from None
    except (ValueError, RecursionError) as exc:     # our hooks, a 5,000-digit number, deep nesting
        reason = (translate("archive", "nested too deeply") if isinstance(exc, RecursionError)
                  else message_of(exc))
        raise CheckpointError(translate("archive", "{name}: meta.json is not strict JSON ({reason})")
                              .format(name=name, reason=cut(reason, 100))) from None
    if not isinstance(meta, dict):
        raise CheckpointError(translate("archive", "{name}: meta.json must hold a JSON object, got {type}")
                              .format(name=name, type=type(meta).__name__))
    return meta


def _no_constant(text: str):
    raise ValueError(translate("archive", "{value} is not a JSON number").format(value=text))


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(translate("archive", "{value} is beyond float range").format(value=short(text)))
    return value


def checkpoint_kind(path: str | os.PathLike) -> str:
    """``"lm"``, ``"seq2seq"`` or ``"classify"``: which kind of checkpoint ``path`` is, from ``meta.json`` alone.

    Raises
    ------
    CheckpointError
        If the file cannot be read, or is no rnnviz checkpoint of a version this rnnviz reads.
    """
    with Archive(path) as archive:
        meta = archive.meta(None)
    return KINDS[meta["format"]]
