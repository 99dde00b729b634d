"""Text corpora as token ids, and the batch layouts the book trains and evaluates with.

Files are read as regular files only, streamed in chunks, and every problem is one line saying
what is wrong (:class:`CorpusError`, from :mod:`rnnviz.engine.textfile`). Tokens are characters
or words (:mod:`rnnviz.engine.tokens`); words follow the book's ``ptb.py`` (a newline becomes
``<eos>``) and ids are given in order of first appearance, so PTB ids equal the book's. Ids are
kept in the smallest dtype the vocabulary fits. The batch layouts, :class:`TBPTTStream` and
:func:`eval_batches`, are :mod:`rnnviz.engine.batches`'s (imported here too).
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rnnviz import resources
# The batch layouts live in batches.py; callers import these names from here.
from rnnviz.engine.batches import TBPTTStream, check_trainable, eval_batches  # noqa: F401
# Reading and tokenising live in textfile.py and tokens.py; callers import these names from here.
from rnnviz.engine.textfile import CHUNK_BYTES, CorpusError, check_regular_file, display_name, iter_text, read_text
from rnnviz.engine.texts import translate
from rnnviz.engine.tokens import (
    EOS, LEVELS, UNK, check_level, encode_pieces, id_dtype, normalize_chars, tokenize, unknown_message,
)

PTB_FILES = ("ptb.train.txt", "ptb.valid.txt", "ptb.test.txt")
# Without a validation file, at most this many tokens from the end are held out (see load_corpus).
MAX_VALID_TOKENS = 1_000_000


# --- vocabulary ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Vocab:
    """The id <-> token mapping of one corpus; ``tokens[i]`` is the token with id ``i``."""

    tokens: tuple[str, ...]
    level: str                      # "char" | "word"
    normalize: bool = False         # text passes through normalize_chars before tokenising

    def __post_init__(self) -> None:
        check_level(self.level)
        tokens = tuple(str(token) for token in self.tokens)
        object.__setattr__(self, "tokens", tokens)
        index = {token: i for i, token in enumerate(tokens)}
        if len(index) != len(tokens):
            duplicate = next(t for i, t in enumerate(tokens) if index[t] != i)
            raise CorpusError(translate("data", "vocabulary lists the token {token} twice")
                              .format(token=repr(duplicate)))
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
            raise CorpusError(unknown_message(token))
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
                raise CorpusError(unknown_message(exc.args[0])) from None
        return np.array(ids, dtype=np.int64)

    def decode(self, ids: Iterable[int]) -> list[str]:
        """Tokens of a sequence of ids (a list or any integer array, flattened)."""
        out = []
        for i in np.asarray(ids, dtype=np.int64).ravel().tolist():
            if not 0 <= i < len(self.tokens):
                raise CorpusError(translate("data", "token id {id} is out of range for a vocabulary of {size}")
                                  .format(id=i, size=len(self)))
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
            raise CorpusError(translate("data", "vocabulary JSON must be an object, got {type}")
                              .format(type=type(d).__name__))
        for key in ("level", "tokens"):
            if key not in d:
                raise CorpusError(translate("data", "vocabulary JSON has no {key} entry").format(key=repr(key)))
        tokens = d["tokens"]
        if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
            raise CorpusError(translate("data", "vocabulary JSON 'tokens' must be a list of strings"))
        return cls(tuple(tokens), d["level"], bool(d.get("normalize", False)))


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
    """A tokenised corpus split into train / valid / test id arrays (read-only).

    The arrays hold ids in the smallest unsigned or 32-bit dtype the vocabulary fits
    (:func:`~rnnviz.engine.tokens.id_dtype`: uint8 for up to 256 tokens), so a large character
    corpus costs one byte per token; :class:`TBPTTStream` and :func:`eval_batches` hand the
    model int64 batches.
    """

    name: str                       # file or built-in name, for messages
    level: str
    vocab: Vocab
    train: np.ndarray               # (n_train,)
    valid: np.ndarray               # (n_valid,); empty when there is no validation data
    test: np.ndarray | None         # (n_test,) or None
    normalize: bool


def load_corpus(source: str | os.PathLike, level: str = "char", *, normalize: bool = False,
                limit_tokens: int | None = None, valid_source: str | os.PathLike | None = None,
                test_source: str | os.PathLike | None = None, valid_fraction: float = 0.1,
                max_valid_tokens: int | None = MAX_VALID_TOKENS, chunk_bytes: int = CHUNK_BYTES) -> Corpus:
    """Load, tokenise and split a corpus, streaming files in chunks.

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
        Reading stops there, so the rest of the file is not checked.
    valid_source, test_source : str or os.PathLike, optional
        Separate files, encoded with the training vocabulary (unknowns -> ``<unk>`` or an error).
    valid_fraction : float
        Without a validation file, the last this-much of the tokens is the validation split;
        the vocabulary then covers the whole text so the split creates no unknown tokens.
    max_valid_tokens : int or None
        Cap on that split (default :data:`MAX_VALID_TOKENS`, one million tokens, taken from the
        end), so a large corpus is not evaluated for minutes and keeps its text for training;
        None for no cap. A validation file is never cut.
    chunk_bytes : int
        Bytes read at a time. Memory holds the vocabulary, one chunk's temporaries and the ids
        (one byte per token up to 256 distinct tokens, two up to 65,536, else four), never the text.

    Raises
    ------
    CorpusError
        One line naming the file: see :func:`~rnnviz.engine.textfile.iter_text` for unreadable
        files, and also a folder without PTB files, no tokens left after normalisation, or only
        one distinct token (a language model needs two).
    """
    check_level(level)
    if limit_tokens is not None and limit_tokens < 1:
        raise CorpusError(translate("data", "limit_tokens must be at least 1, got {value}").format(value=limit_tokens))
    if not 0.0 <= valid_fraction < 1.0:
        raise CorpusError(translate("data", "valid_fraction must be in [0, 1), got {value}")
                          .format(value=valid_fraction))
    if max_valid_tokens is not None and max_valid_tokens < 0:
        raise CorpusError(translate("data", "max_valid_tokens must be at least 0, got {value}")
                          .format(value=max_valid_tokens))
    name, train_path = _resolve_source(source)
    # The book's small-corpus runs (ch. 5, corpus[:1000]) hold nothing out, so a limit without an
    # explicit validation file leaves PTB's own valid / test files unread.
    if train_path is not None and train_path.name == PTB_FILES[0] and limit_tokens is None:
        if valid_source is None:
            valid_source = _existing(train_path.with_name(PTB_FILES[1]))
        if test_source is None:
            test_source = _existing(train_path.with_name(PTB_FILES[2]))

    if train_path is None:
        text = _python_docs_text()
        pieces, capacity = [text], len(text)
    else:
        # a file has at most one token per byte: the id array is reserved once at that size
        pieces, capacity = iter_text(train_path, chunk_bytes), check_regular_file(train_path).st_size
    if limit_tokens is not None:
        capacity = min(capacity, limit_tokens)
    tokens, train = encode_pieces(pieces, level, normalize, limit=limit_tokens, capacity=capacity, name=name)
    _check_tokens(name, tokens, train, level, normalize, limit_tokens)
    vocab = Vocab(tokens, level, normalize)
    if valid_source is not None:
        valid = encode_file(valid_source, vocab, chunk_bytes)
    elif limit_tokens is not None:
        valid = np.zeros(0, dtype=train.dtype)
    else:
        n_valid = int(len(train) * valid_fraction)
        if max_valid_tokens is not None:
            n_valid = min(n_valid, max_valid_tokens)
        train, valid = train[:len(train) - n_valid], train[len(train) - n_valid:]
    test = encode_file(test_source, vocab, chunk_bytes) if test_source is not None else None
    for array in (train, valid, test):
        if array is not None:
            array.flags.writeable = False   # shared by streams and views; nobody edits a corpus
    return Corpus(name, level, vocab, train, valid, test, normalize)


def corpus_spec(source: str | os.PathLike, level: str = "char", *, normalize: bool = False,
                limit_tokens: int | None = None, valid: str | os.PathLike | None = None,
                test: str | os.PathLike | None = None) -> dict[str, Any]:
    """The data dict that describes a language model's corpus, as runs store it.

    A session keeps it (``Session.data``), checkpoints and run folders save it, and
    :func:`load_corpus_from` loads the corpus it describes, so the same dict means the same
    text in the window, ``rnnviz train`` and ``rnnviz bench``. Paths become strings (JSON).

    Parameters
    ----------
    source, level, normalize, limit_tokens
        As for :func:`load_corpus`.
    valid, test : str or os.PathLike, optional
        Separate validation and test files (``valid_source``, ``test_source``).

    Returns
    -------
    dict
        ``{"source", "level", "normalize", "limit_tokens", "valid", "test"}``.
    """
    return {"source": os.fspath(source), "level": level, "normalize": bool(normalize),
            "limit_tokens": limit_tokens, "valid": None if valid is None else os.fspath(valid),
            "test": None if test is None else os.fspath(test)}


def load_corpus_from(spec: dict[str, Any]) -> Corpus:
    """Load the corpus a data dict (:func:`corpus_spec`) describes.

    Missing keys take :func:`corpus_spec`'s defaults and a ``limit_tokens`` of 0 means none
    (a form's "no limit"); keys it does not know are ignored, as checkpoints allow them.

    Raises
    ------
    CorpusError
        A dict without a source, or whatever :func:`load_corpus` refuses.
    """
    if not spec.get("source"):
        raise CorpusError(translate("data", "the data description names no corpus source"))
    return load_corpus(spec["source"], spec.get("level", "char"), normalize=bool(spec.get("normalize")),
                       limit_tokens=spec.get("limit_tokens") or None, valid_source=spec.get("valid"),
                       test_source=spec.get("test"))


def encode_file(source: str | os.PathLike, vocab: Vocab, chunk_bytes: int = CHUNK_BYTES) -> np.ndarray:
    """Ids of a text file in a given vocabulary, streamed; unknown tokens become ``<unk>``.

    Returns
    -------
    ndarray
        ``(n,)`` in the vocabulary's id dtype (uint8, uint16 or int32).

    Raises
    ------
    CorpusError
        As :func:`~rnnviz.engine.textfile.iter_text`, or naming the file and the first token the
        vocabulary lacks if it has no ``<unk>``.
    """
    size = check_regular_file(source).st_size
    _, ids = encode_pieces(iter_text(source, chunk_bytes), vocab.level, vocab.normalize,
                           vocab_tokens=vocab.tokens, capacity=size, name=display_name(source))
    return ids


def _resolve_source(source: str | os.PathLike) -> tuple[str, Path | None]:
    """(display name, training file path or None for python-docs) of a corpus source."""
    path = Path(source)
    # lexists: a symbolic link loop or a dangling link is a file to complain about, not a name
    if not os.path.lexists(path) and isinstance(source, str):
        bundled = resources.bundled_corpora()
        if source in bundled:
            return source, bundled[source]
        if source in resources.BUILTIN_NAMES:
            return source, None
        if os.sep not in source and "/" not in source and "." not in source:
            known = ", ".join([*bundled, *resources.BUILTIN_NAMES])
            raise CorpusError(translate("data", "{source}: no such file or corpus name (names: {names})")
                              .format(source=source, names=known))
    if _is_dir(path):
        if not os.path.lexists(path / PTB_FILES[0]):
            raise CorpusError(translate("data", "{name}: is a directory without {train}; give a text file, or a "
                                        "folder holding the Penn Treebank's {files}")
                              .format(name=display_name(path), train=PTB_FILES[0], files=", ".join(PTB_FILES)))
        path = path / PTB_FILES[0]
    return display_name(path), path


def _is_dir(path: Path) -> bool:
    """Whether ``path`` is a directory; False if it cannot be stat'ed (reading it will say why)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def _existing(path: Path) -> Path | None:
    # lexists, not is_file: a PTB file that is there but unreadable (a FIFO, a broken link) is an
    # error to report, not a reason to fall back to holding out a slice of the training text
    return path if os.path.lexists(path) else None


def _check_tokens(name: str, tokens: tuple[str, ...], ids: np.ndarray, level: str, normalize: bool,
                  limit_tokens: int | None) -> None:
    """Refuse a corpus a language model cannot learn from: no tokens, or a single distinct one."""
    if not len(ids):
        raise CorpusError(translate("data", "{name}: no tokens left after normalisation, which keeps only the "
                                    "letters A-Z and a-z; give a text with some, or turn normalisation off")
                          .format(name=name))
    distinct = [token for token in tokens if not (normalize and token == UNK)]
    if len(distinct) < 2:
        if level == "char" and limit_tokens is None:
            message = translate("data", "{name}: has only one distinct character ({token}); a language model "
                                "needs at least two, so give a longer or more varied text")
        elif level == "char":
            message = translate("data", "{name}: has only one distinct character in its first {limit} tokens "
                                "({token}); a language model needs at least two, so give a longer or more "
                                "varied text")
        elif limit_tokens is None:
            message = translate("data", "{name}: has only one distinct word ({token}); a language model needs "
                                "at least two, so give a longer or more varied text")
        else:
            message = translate("data", "{name}: has only one distinct word in its first {limit} tokens "
                                "({token}); a language model needs at least two, so give a longer or more "
                                "varied text")
        raise CorpusError(message.format(name=name, token=repr(distinct[0]), limit=f"{limit_tokens or 0:,}"))


def _python_docs_text() -> str:
    try:
        from pydoc_data.topics import topics
    except ImportError:
        raise CorpusError(translate("data", "python-docs: this Python has no pydoc_data.topics module")) from None
    return "\n\n".join(topics[key] for key in sorted(topics))
