"""Reading user-named text files safely: regular files only, streamed, every refusal one line.

A path is checked with ``os.stat`` before it is opened, so a FIFO, a device (``/dev/zero``), a
socket, a directory or a symbolic link loop is refused instead of hanging or filling memory; the
file is opened non-blocking and checked again, so swapping the path for a FIFO in between cannot
hang either. :func:`iter_text` then yields the text in pieces of about ``chunk_bytes`` bytes, with
``\\n`` line ends, no BOM and UTF-8 sequences never cut, so a corpus of any size is read in bounded
memory. Every problem a user can cause is a :class:`CorpusError` whose message names the file and
says what to do.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from rnnviz.engine.texts import translate

CHUNK_BYTES = 4 * 2 ** 20           # bytes read at a time: ~100 MB of temporaries at word level
SNIFF_BYTES = 4096                  # the head of a file that is checked for UTF-16 / UTF-32

# (stat test, what the file is) for everything that is not a regular file
_KINDS = (
    (stat.S_ISDIR, translate("textfile", "a directory")),
    (stat.S_ISFIFO, translate("textfile", "a FIFO (named pipe)")),
    (stat.S_ISCHR, translate("textfile", "a character device")),
    (stat.S_ISBLK, translate("textfile", "a block device")),
    (stat.S_ISSOCK, translate("textfile", "a socket")),
)
# Byte-order marks of the encodings people save "text" in by mistake; UTF-32's start like UTF-16's,
# so they are tested first.
_BOMS = (
    (b"\xff\xfe\x00\x00", translate("textfile", "UTF-32 text (little-endian)")),
    (b"\x00\x00\xfe\xff", translate("textfile", "UTF-32 text (big-endian)")),
    (b"\xff\xfe", translate("textfile", "UTF-16 text (little-endian)")),
    (b"\xfe\xff", translate("textfile", "UTF-16 text (big-endian)")),
)


class CorpusError(ValueError):
    """Unusable text or too little of it; the message is one line a command line prints verbatim."""


def display_name(path: str | os.PathLike) -> str:
    """The name messages use for a file: its base name (the whole path if it has none)."""
    return Path(path).name or str(path)


def check_regular_file(path: str | os.PathLike) -> os.stat_result:
    """``os.stat`` of ``path`` (symbolic links followed), or :class:`CorpusError` if it cannot be read as a file.

    Raises
    ------
    CorpusError
        Missing; a symbolic link loop or a link to nothing; not searchable (permission denied);
        or a directory, FIFO, character or block device or socket, saying which.
    """
    name = display_name(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _open_error(name, path, exc) from None
    _check_kind(name, st)
    return st


def open_regular_file(path: str | os.PathLike) -> tuple[BinaryIO, os.stat_result]:
    """Open a regular file for binary reading after :func:`check_regular_file`, without ever blocking.

    ``O_NONBLOCK`` makes opening a FIFO return at once instead of waiting for a writer, and the
    opened descriptor is checked again, so a path swapped between the check and the open is refused.
    The caller closes the returned file.
    """
    name = display_name(path)
    check_regular_file(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _open_error(name, path, exc) from None
    try:
        st = os.fstat(fd)
        _check_kind(name, st)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb", buffering=0), st


def _check_kind(name: str, st: os.stat_result) -> None:
    if stat.S_ISREG(st.st_mode):
        return
    what = next((kind for test, kind in _KINDS if test(st.st_mode)), translate("textfile", "not a regular file"))
    raise CorpusError(translate("textfile", "{name}: is {what}, not a regular file; give a UTF-8 text file")
                      .format(name=name, what=what))


def _open_error(name: str, path: str | os.PathLike, exc: OSError) -> CorpusError:
    if exc.errno == errno.ELOOP:
        return CorpusError(translate("textfile", "{name}: is a symbolic link loop; point it at a text file")
                           .format(name=name))
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        if os.path.islink(path):
            return CorpusError(translate("textfile", "{name}: is a symbolic link to a missing file ({target})")
                               .format(name=name, target=os.readlink(path)))
        return CorpusError(translate("textfile", "{name}: no such file").format(name=name))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return CorpusError(translate("textfile", "{name}: cannot read (permission denied); check the file's "
                                     "permissions").format(name=name))
    return CorpusError(translate("textfile", "{name}: cannot read ({error})")
                       .format(name=name, error=str(exc.strerror or exc)))


# --- decoding --------------------------------------------------------------------------------

def iter_text(path: str | os.PathLike, chunk_bytes: int = CHUNK_BYTES) -> Iterator[str]:
    """Yield a UTF-8 text file's text in pieces of about ``chunk_bytes`` bytes.

    The pieces joined are the file's text with ``\\r\\n`` and ``\\r`` turned into ``\\n`` and a
    leading BOM dropped; no piece is empty and none ends inside a ``\\r\\n``. Checks run as the
    file is read, so a problem late in a large file is raised after earlier pieces were yielded.

    Raises
    ------
    CorpusError
        Naming the file's base name: everything :func:`check_regular_file` refuses; unreadable;
        empty; UTF-16 or UTF-32 text; binary (offset of the first NUL byte); not UTF-8 (the first
        invalid byte and its offset); or only whitespace (raised once the whole file is read).
    """
    if chunk_bytes < 1:
        raise ValueError(f"chunk_bytes must be at least 1, got {chunk_bytes}")
    name = display_name(path)
    file, _ = open_regular_file(path)
    with file:
        pending = b""           # the start of a UTF-8 sequence the last block cut
        offset = 0              # file offset of pending[0]
        at_start, held_cr, has_text = True, False, False
        for block in _blocks(name, file, chunk_bytes):
            nul = block.find(b"\x00")
            # UTF-8 text never holds a NUL byte, so this is a binary file (UTF-16 was sniffed before).
            if nul >= 0:
                raise CorpusError(translate("textfile", "{name}: binary file (NUL byte at offset {offset}); give "
                                            "a UTF-8 text file").format(name=name, offset=offset + len(pending) + nul))
            data = pending + block
            cut = _utf8_boundary(data)
            text = _decode(name, data[:cut], offset)
            pending, offset = data[cut:], offset + cut
            if at_start and text:
                text, at_start = text.removeprefix("\ufeff"), False
            if held_cr:
                text = "\r" + text
            # A "\r" at the end may be the first half of a "\r\n" the next block completes.
            held_cr = text.endswith("\r")
            text = text[:-1] if held_cr else text
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            if text:
                has_text = has_text or not text.isspace()
                yield text
        if pending:
            _decode(name, pending, offset)      # a sequence the end of the file cut: always raises
        if held_cr:
            yield "\n"
    if not has_text:
        raise CorpusError(translate("textfile", "{name}: only whitespace; give a file with some text in it")
                          .format(name=name))


def read_text(path: str | os.PathLike) -> str:
    """Read a whole UTF-8 text file as text with ``\\n`` line ends and no BOM.

    For small files (a sampling prompt, a pairs file); corpora stream through :func:`iter_text`.

    Raises
    ------
    CorpusError
        As :func:`iter_text`.
    """
    return "".join(iter_text(path))


def _blocks(name: str, file: BinaryIO, chunk_bytes: int) -> Iterator[bytes]:
    """The file's bytes in blocks of at most ``chunk_bytes``, after sniffing its head for UTF-16."""
    head = _read(name, file, max(chunk_bytes, SNIFF_BYTES))
    if not head:
        raise CorpusError(translate("textfile", "{name}: empty file; give a UTF-8 text file with some text in it")
                          .format(name=name))
    _check_not_utf16(name, head)
    for start in range(0, len(head), chunk_bytes):
        yield head[start:start + chunk_bytes]
    while block := _read(name, file, chunk_bytes):
        yield block


def _read(name: str, file: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes; fewer only at the end of the file."""
    parts, got = [], 0
    while got < size:
        try:
            part = file.read(size - got)
        except OSError as exc:      # EIO on a failing disk, EISDIR on odd file systems
            raise CorpusError(translate("textfile", "{name}: cannot read ({error})")
                              .format(name=name, error=str(exc.strerror or exc))) from None
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _check_not_utf16(name: str, head: bytes) -> None:
    """Refuse UTF-16 / UTF-32 by their BOM, or UTF-16 without one by its NUL bytes.

    Text in the Latin range saved as UTF-16 has a NUL in every other byte, at odd offsets if
    little-endian, even if big-endian; a binary file's NUL bytes fall on both.
    """
    for bom, what in _BOMS:
        if head.startswith(bom):
            raise CorpusError(translate("textfile", "{name}: is {what} with a byte-order mark; save it as UTF-8")
                              .format(name=name, what=what))
    even, odd = head[0::2], head[1::2]
    if len(odd) < 8:
        return
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    little = translate("textfile", "{name}: is UTF-16 text (little-endian, no byte-order mark); save it as UTF-8")
    big = translate("textfile", "{name}: is UTF-16 text (big-endian, no byte-order mark); save it as UTF-8")
    for nul, other, message in ((odd_nul, even_nul, little), (even_nul, odd_nul, big)):
        if nul >= 0.3 and other <= 0.05:
            raise CorpusError(message.format(name=name))


def _utf8_boundary(data: bytes) -> int:
    """Length of the longest prefix of ``data`` that does not end inside a UTF-8 sequence.

    Only the last three bytes can start an unfinished sequence; an invalid byte is left in the
    prefix, so decoding the prefix reports it.
    """
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:                 # not a continuation byte: a sequence starts here
            need = 2 if byte >> 5 == 0b110 else 3 if byte >> 4 == 0b1110 else 4 if byte >> 3 == 0b11110 else 1
            return len(data) - back if need > back else len(data)
    return len(data)


def _decode(name: str, data: bytes, offset: int) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(translate("textfile", "{name}: not UTF-8 text (invalid byte {byte} at offset "
                                    "{offset}); save it as UTF-8")
                          .format(name=name, byte=f"0x{data[exc.start]:02x}", offset=offset + exc.start)) from None
