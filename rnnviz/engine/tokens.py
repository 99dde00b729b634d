"""Tokens and their ids: text split into characters or words, whole or streamed in pieces.

:func:`tokenize` splits a string. :func:`encode_pieces` gives the same tokens' ids for a text that
arrives in pieces (:func:`rnnviz.engine.textfile.iter_text`), building the vocabulary as it goes
in order of first appearance, so a corpus of any size is encoded without its text, or a list of
its tokens, ever being in memory whole. Ids are stored in the smallest dtype the vocabulary fits
(:func:`id_dtype`): a character corpus costs one byte per token.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat

import numpy as np

from rnnviz.engine.textfile import CorpusError
from rnnviz.engine.texts import translate

LEVELS = ("char", "word")
EOS = "<eos>"
UNK = "<unk>"
_MAX_CODE_POINT = 0x10FFFF


def check_level(level: str) -> None:
    """Raise :class:`CorpusError` unless ``level`` is ``"char"`` or ``"word"``."""
    if level not in LEVELS:
        raise CorpusError(translate("tokens", "level must be 'char' or 'word', got {level}").format(level=repr(level)))


def normalize_chars(text: str) -> str:
    """Reduce text to lowercase letters and single spaces, as d2l's ``read_time_machine`` does.

    Each line becomes ``re.sub('[^A-Za-z]+', ' ', line).strip().lower()``; d2l keeps lines
    apart, but a language model wants one stream, so non-empty lines are joined with one space.
    """
    lines = (re.sub("[^A-Za-z]+", " ", line).strip().lower() for line in text.split("\n"))
    return " ".join(line for line in lines if line)


def tokenize(text: str, level: str, normalize: bool = False) -> list[str]:
    """Split text into characters (newlines kept as ``"\\n"``) or words.

    Words split on whitespace with ``<eos>`` where each newline was: the same tokens as the book's
    ``read().replace('\\n', '<eos>').strip().split()`` on PTB, without gluing ``word<eos>`` in text
    whose lines lack PTB's padding spaces. ``normalize`` applies :func:`normalize_chars` first,
    which joins the lines, so normalised words have no ``<eos>`` (as in d2l).
    """
    check_level(level)
    if normalize:
        text = normalize_chars(text)
    if level == "char":
        return list(text)
    return text.replace("\n", f" {EOS} ").split()


def unknown_message(token: str, name: str | None = None) -> str:
    """The error for a token a vocabulary without ``<unk>`` does not hold, naming the file if known."""
    if name:
        return translate("tokens", "{name}: token {token} is not in the vocabulary, which has no <unk>").format(
            name=name, token=repr(token))
    return translate("tokens", "token {token} is not in the vocabulary, which has no <unk>").format(
        token=repr(token))


def id_dtype(vocab_size: int) -> np.dtype:
    """The smallest dtype for ids below ``vocab_size``: uint8, uint16 or int32."""
    for dtype in (np.uint8, np.uint16):
        if vocab_size <= np.iinfo(dtype).max + 1:
            return np.dtype(dtype)
    return np.dtype(np.int32)


# --- streaming -------------------------------------------------------------------------------

def encode_pieces(pieces: Iterable[str], level: str, normalize: bool = False, *,
                  vocab_tokens: Sequence[str] | None = None, limit: int | None = None,
                  capacity: int = 0, name: str | None = None) -> tuple[tuple[str, ...], np.ndarray]:
    """Ids of the tokens of ``"".join(pieces)``, reading one piece at a time.

    The result equals tokenising the joined text with :func:`tokenize` and numbering the tokens,
    wherever the pieces are cut: words and normalised lines that a cut splits are carried over to
    the next piece (so a normalised corpus holds one line at a time, and a word corpus one line,
    or one word if a line is longer than a piece).

    Parameters
    ----------
    pieces : iterable of str
    level : {"char", "word"}
    normalize : bool
        As :func:`tokenize`; a new vocabulary then starts with ``<unk>`` at id 0 (as d2l's).
    vocab_tokens : sequence of str, optional
        A fixed vocabulary (``tokens[i]`` has id ``i``); unknown tokens become its ``<unk>``, or
        raise :class:`CorpusError` if it has none. Without it a vocabulary is built, ids in order
        of first appearance.
    limit : int, optional
        Stop after this many tokens; a built vocabulary then holds only theirs.
    capacity : int
        Expected number of tokens (an upper bound such as the file's size in bytes): the id array
        is reserved once at that size, and only the part written ever occupies memory.
    name : str, optional
        The file's name, for messages.

    Returns
    -------
    tokens : tuple of str
        The vocabulary, ``tokens[i]`` for id ``i``.
    ids : ndarray
        ``(n,)`` in :func:`id_dtype` of the vocabulary's size.
    """
    check_level(level)
    grow = vocab_tokens is None
    initial = ([UNK] if normalize else []) if grow else list(vocab_tokens)
    table = _CharTable(initial, grow, name) if level == "char" else _WordTable(initial, grow, name)
    out = _IdBuffer(capacity, len(initial))
    for text in _whole_tokens(pieces, level, normalize):
        remaining = None if limit is None else limit - out.n
        ids = table.ids(text, remaining)
        out.append(ids, len(table))
        if limit is not None and out.n >= limit:
            break
    return table.tokens(), out.result()


def _whole_tokens(pieces: Iterable[str], level: str, normalize: bool) -> Iterator[str]:
    """Re-cut pieces so each can be tokenised alone, normalised if asked.

    A cut must not split a word or, when normalising, a line (normalisation works per line and
    joins the non-empty ones with a space). Cuts go after the last newline of a piece, or for
    words without normalising after its last whitespace; characters can be cut anywhere.
    """
    if level == "char" and not normalize:
        yield from pieces
        return
    held: list[str] = []          # text since the last cut: parts, so a long line is joined once
    started = False               # a normalised line was already given (the next needs a space)
    for piece in pieces:
        cut = piece.rfind("\n") + 1
        if not cut and not normalize:
            cut = _after_last_space(piece)
        if not cut:
            held.append(piece)
            continue
        text = "".join([*held, piece[:cut]])
        held = [piece[cut:]] if cut < len(piece) else []
        if normalize:
            text = normalize_chars(text)
            if started and text:
                text = " " + text
            started = started or bool(text)
        if text:
            yield text
    text = "".join(held)
    if normalize:
        text = normalize_chars(text)
        if started and text:
            text = " " + text
    if text:
        yield text


def _after_last_space(text: str) -> int:
    """Index just after the last whitespace character (as ``str.split`` sees it), or 0."""
    i = len(text)
    while i and not text[i - 1].isspace():
        i -= 1
    return i


class _CharTable:
    """Character -> id through one lookup array over all code points (4.4 MB, vectorised)."""

    def __init__(self, tokens: list[str], grow: bool, name: str | None):
        self._tokens, self._grow, self._name = tokens, grow, name
        self._lut = np.full(_MAX_CODE_POINT + 1, -1, dtype=np.int32)
        for i, token in enumerate(tokens):
            if len(token) == 1:                     # "<unk>" never matches a character
                self._lut[ord(token)] = i
        self._unk = tokens.index(UNK) if UNK in tokens else None

    def __len__(self) -> int:
        return len(self._tokens)

    def tokens(self) -> tuple[str, ...]:
        return tuple(self._tokens)

    def ids(self, text: str, limit: int | None) -> np.ndarray:
        if limit is not None:
            text = text[:limit]
        # surrogatepass: a str from elsewhere than a UTF-8 file may hold a lone surrogate
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        ids = self._lut[points]                     # (n,)
        missing = ids < 0
        if not missing.any():
            return ids
        if self._grow:
            new, first = np.unique(points[missing], return_index=True)
            new = new[np.argsort(first)]            # in order of first appearance
            self._lut[new] = np.arange(len(self._tokens), len(self._tokens) + len(new))
            self._tokens.extend(map(chr, new.tolist()))
            return self._lut[points]
        if self._unk is None:
            raise CorpusError(unknown_message(chr(points[missing][0]), self._name))
        ids[missing] = self._unk
        return ids


class _WordTable:
    """Word -> id through a dict, which keeps insertion order, so its keys are the vocabulary."""

    def __init__(self, tokens: list[str], grow: bool, name: str | None):
        self._index = {token: i for i, token in enumerate(tokens)}
        self._grow, self._name = grow, name
        self._unk = self._index.get(UNK)

    def __len__(self) -> int:
        return len(self._index)

    def tokens(self) -> tuple[str, ...]:
        return tuple(self._index)

    def ids(self, text: str, limit: int | None) -> np.ndarray:
        words = text.replace("\n", f" {EOS} ").split()
        if limit is not None:
            words = words[:limit]
        index = self._index
        if self._grow:
            for word in dict.fromkeys(words):       # unique, in order of first appearance
                if word not in index:
                    index[word] = len(index)
        elif self._unk is not None:
            return np.fromiter(map(index.get, words, repeat(self._unk)), dtype=np.int64, count=len(words))
        else:
            unknown = next((word for word in words if word not in index), None)
            if unknown is not None:
                raise CorpusError(unknown_message(unknown, self._name))
        return np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))


class _IdBuffer:
    """Ids appended piece by piece into one array of the smallest dtype the vocabulary needs.

    The array is reserved at ``capacity`` entries; memory is only committed for the part written,
    so an upper bound costs nothing. It is widened (uint8 -> uint16 -> int32) when the vocabulary
    outgrows its dtype, which happens early in a text, while little is written.
    """

    def __init__(self, capacity: int, vocab_size: int):
        self._array = np.empty(max(int(capacity), 16), dtype=id_dtype(max(vocab_size, 1)))
        self.n = 0

    def append(self, ids: np.ndarray, vocab_size: int) -> None:
        dtype = id_dtype(vocab_size)
        end = self.n + len(ids)
        if dtype != self._array.dtype or end > len(self._array):
            size = len(self._array) if end <= len(self._array) else max(end, 2 * len(self._array))
            wider = np.empty(size, dtype=dtype)
            wider[:self.n] = self._array[:self.n]
            self._array = wider
        self._array[self.n:end] = ids
        self.n = end

    def result(self) -> np.ndarray:
        """The ids written, ``(n,)``; copied to a tight array if most of the reservation is unused."""
        ids = self._array[:self.n]
        return ids.copy() if self.n < len(self._array) // 2 else ids
