"""Text corpora as token ids, and the batch layouts the book trains and evaluates with.

Reading validates the file and says exactly what is wrong (:class:`CorpusError`). Tokens are
characters or words; words follow the book's ``ptb.py`` (a newline becomes ``<eos>``) and ids are
given in order of first appearance, so PTB ids equal the book's. :class:`TBPTTStream` and
:func:`eval_batches` reproduce ``RnnlmTrainer.get_batch`` and ``eval_perplexity`` index for index.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rnnviz import resources

LEVELS = ("char", "word")
EOS = "<eos>"
UNK = "<unk>"
PTB_FILES = ("ptb.train.txt", "ptb.valid.txt", "ptb.test.txt")


class CorpusError(ValueError):
    """Unusable text or too little of it; the message is one line a command line prints verbatim."""


# --- reading and tokenising ------------------------------------------------------------------

def read_text(path: str | os.PathLike) -> str:
    """Read a UTF-8 text file as text with ``\\n`` line ends and no BOM.

    Raises
    ------
    CorpusError
        Naming the file's base name: missing, a directory, unreadable, empty, binary (offset of the
        first NUL byte), not UTF-8 (the first invalid byte and its offset), or only whitespace.
    """
    path = Path(path)
    name = path.name or str(path)
    if path.is_dir():
        raise CorpusError(f"{name}: is a directory, not a text file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{name}: no such file") from None
    except OSError as exc:
        raise CorpusError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if not data:
        raise CorpusError(f"{name}: empty file")
    nul = data.find(b"\x00")
    # UTF-8 text never holds a NUL byte, so this catches binaries (and UTF-16) before decoding.
    if nul >= 0:
        raise CorpusError(f"{name}: binary file (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{name}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CorpusError(f"{name}: only whitespace")
    return text


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
    _check_level(level)
    if normalize:
        text = normalize_chars(text)
    if level == "char":
        return list(text)
    return text.replace("\n", f" {EOS} ").split()


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise CorpusError(f"level must be 'char' or 'word', got {level!r}")


# --- vocabulary ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Vocab:
    """The id <-> token mapping of one corpus; ``tokens[i]`` is the token with id ``i``."""

    tokens: tuple[str, ...]
    level: str                      # "char" | "word"
    normalize: bool = False         # text passes through normalize_chars before tokenising

    def __post_init__(self) -> None:
        _check_level(self.level)
        tokens = tuple(str(token) for token in self.tokens)
        object.__setattr__(self, "tokens", tokens)
        index = {token: i for i, token in enumerate(tokens)}
        if len(index) != len(tokens):
            duplicate = next(t for i, t in enumerate(tokens) if index[t] != i)
            raise CorpusError(f"vocabulary lists the token {duplicate!r} twice")
        # token -> id lookup: an attribute, not a field, so it stays out of eq, repr and asdict.
        object.__setattr__(self, "_index", index)

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: object) -> bool:
        return token in self._index

    @property
    def eos_id(self) -> int | None:
        """Id of ``<eos>``, or None if the vocabulary has none."""
        return self._index.get(EOS)

    @property
    def unk_id(self) -> int | None:
        """Id of ``<unk>``, or None if unknown tokens are an error."""
        return self._index.get(UNK)

    def id(self, token: str) -> int:
        """Id of one token; an unknown token maps to ``<unk>`` or raises :class:`CorpusError`."""
        found = self._index.get(token, self.unk_id)
        if found is None:
            raise CorpusError(_unknown_message(token))
        return found

    def encode(self, tokens: Iterable[str]) -> np.ndarray:
        """Ids of a token sequence as an int64 array ``(n,)``; unknowns as in :meth:`id`."""
        index, unk = self._index, self.unk_id
        if unk is not None:
            ids = [index.get(token, unk) for token in tokens]
        else:
            try:
                ids = [index[token] for token in tokens]
            except KeyError as exc:
                raise CorpusError(_unknown_message(exc.args[0])) from None
        return np.array(ids, dtype=np.int64)

    def decode(self, ids: Iterable[int]) -> list[str]:
        """Tokens of a sequence of ids (a list or any integer array, flattened)."""
        out = []
        for i in np.asarray(ids, dtype=np.int64).ravel().tolist():
            if not 0 <= i < len(self.tokens):
                raise CorpusError(f"token id {i} is out of range for a vocabulary of {len(self)}")
            out.append(self.tokens[i])
        return out

    def join(self, tokens: Sequence[str]) -> str:
        """Tokens back to display text: concatenated for characters, space-separated for words."""
        return ("" if self.level == "char" else " ").join(tokens)

    def tokenize(self, text: str) -> list[str]:
        """Tokenise new text (a sampling prefix) the same way this vocabulary's corpus was."""
        return tokenize(text, self.level, self.normalize)

    def to_json(self) -> dict:
        """A JSON-ready dict; :meth:`from_json` reads it back."""
        return {"level": self.level, "normalize": self.normalize, "tokens": list(self.tokens)}

    @classmethod
    def from_json(cls, d: dict) -> Vocab:
        """Rebuild a vocabulary from :meth:`to_json` output, saying what is wrong if it is malformed."""
        if not isinstance(d, dict):
            raise CorpusError(f"vocabulary JSON must be an object, got {type(d).__name__}")
        for key in ("level", "tokens"):
            if key not in d:
                raise CorpusError(f"vocabulary JSON has no {key!r} entry")
        tokens = d["tokens"]
        if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
            raise CorpusError("vocabulary JSON 'tokens' must be a list of strings")
        return cls(tuple(tokens), d["level"], bool(d.get("normalize", False)))


def _unknown_message(token: str) -> str:
    return f"token {token!r} is not in the vocabulary, which has no {UNK}"


def build_vocab(tokens: Sequence[str], level: str, *, normalize: bool = False) -> Vocab:
    """Vocabulary of a token sequence, ids in order of first appearance (as the book's ``ptb.py``).

    With ``normalize=True`` the vocabulary also gets ``<unk>`` at id 0, as d2l's ``Vocab`` does, so
    time-machine characters give V = 26 letters + space + ``<unk>`` = 28.
    """
    first_seen = dict.fromkeys(([UNK] if normalize else []) + list(tokens))
    return Vocab(tuple(first_seen), level, normalize)


# --- corpora ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Corpus:
    """A tokenised corpus split into train / valid / test id arrays (read-only, int64)."""

    name: str                       # file or built-in name, for messages
    level: str
    vocab: Vocab
    train: np.ndarray               # (n_train,)
    valid: np.ndarray               # (n_valid,); empty when there is no validation data
    test: np.ndarray | None         # (n_test,) or None
    normalize: bool


def load_corpus(source: str | os.PathLike, level: str = "char", *, normalize: bool = False,
                limit_tokens: int | None = None, valid_source: str | os.PathLike | None = None,
                test_source: str | os.PathLike | None = None, valid_fraction: float = 0.1) -> Corpus:
    """Load, tokenise and split a corpus.

    Parameters
    ----------
    source : str or os.PathLike
        A text file; a bundled name (``resources.bundled_corpora()``, e.g. ``"tale"``);
        ``"python-docs"`` (the stdlib's ``pydoc_data.topics``); or PTB: a folder holding
        ``ptb.train.txt`` or that file itself, whose ``ptb.valid.txt`` / ``ptb.test.txt``
        beside it become valid / test. An existing path wins over a name.
    level : {"char", "word"}
    normalize : bool
        Letters and spaces only, lowercase (:func:`normalize_chars`), with ``<unk>`` in the vocab.
    limit_tokens : int, optional
        Keep only the first N training tokens (the book's ch. 5 ``corpus[:1000]``); the vocabulary
        comes from them alone and, unless ``valid_source`` is given, there is no validation data.
    valid_source, test_source : str or os.PathLike, optional
        Separate files, encoded with the training vocabulary (unknowns -> ``<unk>`` or an error).
    valid_fraction : float
        Without a validation file, the last this-much of the tokens is the validation split;
        the vocabulary then covers the whole text so the split creates no unknown tokens.
    """
    _check_level(level)
    if limit_tokens is not None and limit_tokens < 1:
        raise CorpusError(f"limit_tokens must be at least 1, got {limit_tokens}")
    if not 0.0 <= valid_fraction < 1.0:
        raise CorpusError(f"valid_fraction must be in [0, 1), got {valid_fraction}")
    name, text, train_path = _resolve_source(source)
    # The book's small-corpus runs (ch. 5, corpus[:1000]) hold nothing out, so a limit without an
    # explicit validation file leaves PTB's own valid / test files unread.
    if train_path is not None and train_path.name == PTB_FILES[0] and limit_tokens is None:
        if valid_source is None:
            valid_source = _existing(train_path.with_name(PTB_FILES[1]))
        if test_source is None:
            test_source = _existing(train_path.with_name(PTB_FILES[2]))

    tokens = tokenize(text, level, normalize)
    if not tokens:
        raise CorpusError(f"{name}: no tokens left after normalisation")
    if limit_tokens is not None:
        tokens = tokens[:limit_tokens]
    vocab = build_vocab(tokens, level, normalize=normalize)
    train = vocab.encode(tokens)
    if valid_source is not None:
        valid = _encode_file(valid_source, vocab)
    elif limit_tokens is not None:
        valid = np.zeros(0, dtype=np.int64)
    else:
        n_valid = int(len(train) * valid_fraction)
        train, valid = train[:len(train) - n_valid], train[len(train) - n_valid:]
    test = _encode_file(test_source, vocab) if test_source is not None else None
    for array in (train, valid, test):
        if array is not None:
            array.flags.writeable = False   # shared by streams and views; nobody edits a corpus
    return Corpus(name, level, vocab, train, valid, test, normalize)


def _resolve_source(source: str | os.PathLike) -> tuple[str, str, Path | None]:
    """(display name, text, training file path or None for a built-in) of a corpus source."""
    path = Path(source)
    if not path.exists() and isinstance(source, str):
        bundled = resources.bundled_corpora()
        if source in bundled:
            return source, read_text(bundled[source]), bundled[source]
        if source in resources.BUILTIN_NAMES:
            return source, _python_docs_text(), None
        if os.sep not in source and "/" not in source and "." not in source:
            known = ", ".join([*bundled, *resources.BUILTIN_NAMES])
            raise CorpusError(f"{source}: no such file or corpus name (names: {known})")
    if path.is_dir():
        if not (path / PTB_FILES[0]).is_file():
            raise CorpusError(f"{path.name}: is a directory without {PTB_FILES[0]}")
        path = path / PTB_FILES[0]
    return path.name, read_text(path), path


def _existing(path: Path) -> Path | None:
    return path if path.is_file() else None


def _encode_file(source: str | os.PathLike, vocab: Vocab) -> np.ndarray:
    try:
        return vocab.encode(vocab.tokenize(read_text(source)))
    except CorpusError as exc:
        message = str(exc)
        if message.startswith("token "):    # name the file the unknown token came from
            message = f"{Path(source).name}: {message}"
        raise CorpusError(message) from None


def _python_docs_text() -> str:
    try:
        from pydoc_data.topics import topics
    except ImportError:
        raise CorpusError("python-docs: this Python has no pydoc_data.topics module") from None
    return "\n\n".join(topics[key] for key in sorted(topics))


# --- batches ---------------------------------------------------------------------------------

def check_trainable(ids: np.ndarray, batch_size: int, bptt: int, name: str) -> None:
    """Raise :class:`CorpusError` unless ``ids`` fills at least one ``(batch_size, bptt)`` batch.

    Inputs and targets are the ids shifted by one, so one batch needs ``batch_size * bptt + 1``.
    """
    needed = batch_size * bptt + 1
    if len(ids) < needed:
        raise CorpusError(f"corpus {name!r} has {len(ids)} tokens; "
                          f"batch_size={batch_size} x bptt={bptt} needs at least {needed}")


def _check_shape(batch_size: int, bptt: int) -> None:
    for label, value in (("batch_size", batch_size), ("bptt", bptt)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
            raise CorpusError(f"{label} must be a positive integer, got {value!r}")


class TBPTTStream:
    """Truncated-BPTT training batches laid out exactly as the book's ``RnnlmTrainer.get_batch``.

    Row ``i`` reads the stream from offset ``i * jump`` (``jump = (len(ids) - 1) // batch_size``),
    and every batch advances all rows by ``bptt``, wrapping around, so a row's hidden state can be
    carried from one batch to the next. ``time_idx`` is the position and survives epochs, as in the
    book's ``fit``. :meth:`next_batch` returns the same two preallocated arrays every call, refilled:
    copy them to keep a batch.
    """

    def __init__(self, ids: np.ndarray, batch_size: int, bptt: int, *, name: str = "training data"):
        _check_shape(batch_size, bptt)
        self.ids = np.ascontiguousarray(ids, dtype=np.int64).ravel()
        check_trainable(self.ids, batch_size, bptt, name)
        self.batch_size, self.bptt = int(batch_size), int(bptt)
        self.data_size = len(self.ids) - 1              # the book's len(xs), xs = corpus[:-1]
        self.iters_per_epoch = self.data_size // (self.batch_size * self.bptt)
        jump = self.data_size // self.batch_size
        # (N, T) positions at time_idx 0; the book's double loop is base + time_idx, mod data_size
        self._base = np.arange(self.batch_size)[:, None] * jump + np.arange(self.bptt)[None, :]
        self._idx = np.empty((self.batch_size, self.bptt), dtype=np.int64)
        self._x = np.empty((self.batch_size, self.bptt), dtype=np.int64)
        self._t = np.empty((self.batch_size, self.bptt), dtype=np.int64)
        self.time_idx = 0

    def next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(xs, ts)``, both ``(N, T)`` int64 (reused buffers), and advance by ``bptt``."""
        np.add(self._base, self.time_idx % self.data_size, out=self._idx)
        np.remainder(self._idx, self.data_size, out=self._idx)
        np.take(self.ids, self._idx, out=self._x)
        self._idx += 1                                  # ts = corpus[1:], so ts[j] = ids[j + 1]
        np.take(self.ids, self._idx, out=self._t)
        self.time_idx += self.bptt
        return self._x, self._t

    def state_dict(self) -> dict[str, int]:
        """The stream position, for checkpoints."""
        return {"time_idx": int(self.time_idx)}

    def load_state_dict(self, d: dict) -> None:
        """Restore a position saved by :meth:`state_dict`."""
        value = d.get("time_idx") if isinstance(d, dict) else None
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 0:
            raise CorpusError(f"stream state needs a non-negative integer 'time_idx', got {value!r}")
        self.time_idx = int(value)


def eval_batches(ids: np.ndarray, batch_size: int, bptt: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Evaluation batches laid out exactly as the book's ``eval_perplexity`` (common/util.py).

    Batch ``k`` row ``i`` starts at ``k * bptt + i * jump`` with ``jump = (n - 1) // batch_size``;
    there are ``(n - 1) // (batch_size * bptt)`` batches. Each ``(xs, ts)`` pair is a fresh
    ``(N, T)`` int64 array pair. Raises :class:`CorpusError` at once if there is not one batch.
    """
    _check_shape(batch_size, bptt)
    ids = np.ascontiguousarray(ids, dtype=np.int64).ravel()
    n = len(ids)
    max_iters = (n - 1) // (batch_size * bptt) if n else 0
    if max_iters == 0:
        raise CorpusError(f"evaluation data has {n} tokens, too few to evaluate with "
                          f"batch_size={batch_size} x bptt={bptt} (needs at least {batch_size * bptt + 1})")
    jump = (n - 1) // batch_size
    base = np.arange(batch_size)[:, None] * jump + np.arange(bptt)[None, :]    # (N, T)

    def batches() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for k in range(max_iters):
            idx = base + k * bptt
            yield ids[idx % n], ids[(idx + 1) % n]

    return batches()
