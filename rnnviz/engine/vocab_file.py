"""Vocabularies as plain text, one token per line, and corpora encoded in a given vocabulary.

A PyTorch ``state_dict`` has no vocabulary: row ``i`` of ``embedding.weight`` is "token ``i``"
of whatever list the model was trained with. ``rnnviz export-weights`` writes that list beside
the weights (``FILE.vocab.txt``) and ``rnnviz import-weights`` reads it back. The format::

    #rnnviz vocab level=char normalize=false      <- optional first line, exactly this form
    a                                             <- token 0
    \\s                                            <- token 1: a space
    \\n                                            <- token 2: a newline
    ...

Line ``i`` (after the optional header) is the token with id ``i``. UTF-8. Backslash escapes
keep every token on one line: ``\\n`` newline, ``\\r`` carriage return, ``\\t`` tab, ``\\s``
space, ``\\\\`` a backslash; any other backslash is literal. Without the header the level is
"char" when every token is one character, else "word" (``torchtext``'s ``itos`` written one per
line reads as it is).

A model keeps its own vocabulary, so the text it goes on training on is encoded in that
vocabulary (:func:`corpus_in_vocab`) instead of one built from the text: ids follow the
model's rows, and a token the vocabulary lacks becomes ``<unk>`` or is refused by name.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import numpy as np

from .data import Corpus, CorpusError, Vocab, load_corpus_from
from .textfile import check_regular_file
from .texts import message_of, translate
from .tokens import LEVELS, id_dtype

HEADER = "#rnnviz vocab"
MAX_VOCAB_BYTES = 256 * 2**20           # a 10-million-token word list is well under this
FIXED_VOCAB = "fixed_vocab"             # data key: encode the text in the model's vocabulary

_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "s": " ", "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)")
_HEADER = re.compile(r"#rnnviz vocab level=(\w+) normalize=(true|false)")


def _escape(token: str) -> str:
    return (token.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t").replace(" ", "\\s"))


def _unescape(line: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), line)


def write_vocab(path: str | os.PathLike, vocab: Vocab) -> Path:
    """Write ``vocab`` one token per line with its header (see the module docstring).

    Returns
    -------
    pathlib.Path
        The path written.
    """
    path = Path(path)
    lines = [f"{HEADER} level={vocab.level} normalize={'true' if vocab.normalize else 'false'}"]
    lines += [_escape(token) for token in vocab.tokens]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return path


def read_vocab(path: str | os.PathLike, level: str | None = None) -> Vocab:
    """Read a one-token-per-line vocabulary.

    Parameters
    ----------
    path : str or os.PathLike
    level : {"char", "word"}, optional
        Overrides the header's level (or the guess, without a header).

    Raises
    ------
    CorpusError
        One line naming the file: unreadable, too large, not UTF-8, an empty line, a token
        listed twice, fewer than two tokens, or a malformed header.
    """
    name = os.fspath(path)
    size = check_regular_file(path).st_size        # CorpusError for a missing or special file
    if size > MAX_VOCAB_BYTES:
        raise CorpusError(translate("vocab_file", "{path}: {size} bytes is too large for a vocabulary "
                                    "(at most 256 MiB)").format(path=name, size=f"{size:,}"))
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(translate("vocab_file", "{path}: not UTF-8 text (byte {offset})")
                          .format(path=name, offset=exc.start)) from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()                                 # the last line's own newline
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    normalize, first = False, 0
    if lines and lines[0].startswith(HEADER + " "):
        match = _HEADER.fullmatch(lines[0])
        if match is None:
            raise CorpusError(translate("vocab_file", "{path}: line 1 should read '#rnnviz vocab level=char "
                                        "normalize=false' (or word, true)").format(path=name))
        level = level or match.group(1)
        normalize, first = match.group(2) == "true", 1
    tokens = []
    for number, line in enumerate(lines[first:], first + 1):
        if not line:
            raise CorpusError(translate("vocab_file", "{path}: line {line} is empty (write a space as \\s, a "
                                        "newline as \\n)").format(path=name, line=number))
        tokens.append(_unescape(line))
    if len(tokens) < 2:
        raise CorpusError(translate("vocab_file", "{path}: a vocabulary needs at least two tokens, found {count}")
                          .format(path=name, count=len(tokens)))
    if level is None:
        level = "char" if all(len(token) == 1 for token in tokens) else "word"
    if level not in LEVELS:
        raise CorpusError(translate("vocab_file", "{path}: level must be char or word, got {level}")
                          .format(path=name, level=repr(level)))
    try:
        return Vocab(tuple(tokens), level, normalize)
    except CorpusError as exc:
        raise CorpusError(translate("vocab_file", "{path}: {reason}").format(path=name, reason=message_of(exc))) from None


def corpus_in_vocab(data: dict[str, Any], vocab: Vocab) -> Corpus:
    """The corpus ``data`` describes; with ``data["fixed_vocab"]``, encoded in ``vocab``.

    A run whose model came with its vocabulary (imported weights) stores ``fixed_vocab: true``
    in its data description; any other run builds its vocabulary from the text as before, and
    the caller compares it with the checkpoint's.

    Raises
    ------
    CorpusError
        As :func:`~rnnviz.engine.data.load_corpus_from`; also a level that differs from the
        vocabulary's, or a token of the text that the vocabulary lacks when it has no ``<unk>``.
    """
    if not data.get("source"):
        raise CorpusError(translate("vocab_file", "the run names no corpus to train on (its weights were "
                                    "imported without one): import them in the window with File > Import "
                                    "weights, or again with --corpus"))
    if not data.get(FIXED_VOCAB):
        return load_corpus_from(data)
    if data.get("level", "char") != vocab.level or bool(data.get("normalize")) != vocab.normalize:
        raise CorpusError(translate("vocab_file", "{name}: the model's vocabulary is {level}-level with normalize "
                                    "{normalize}; load the text the same way").format(
            name=str(data["source"]), level=vocab.level, normalize=str(vocab.normalize).lower()))
    own = load_corpus_from(data)
    # Each of the text's own ids -> the model's id for the same token (or <unk>, or refused).
    table = np.empty(len(own.vocab), dtype=np.int64)
    used = np.bincount(np.concatenate([a for a in (own.train, own.valid, own.test) if a is not None]),
                       minlength=len(own.vocab)) > 0
    for i, token in enumerate(own.vocab.tokens):
        if token in vocab:
            table[i] = vocab.id(token)
        elif vocab.unk_id is not None or not used[i]:
            table[i] = vocab.unk_id if vocab.unk_id is not None else 0
        else:
            raise CorpusError(translate("vocab_file", "{name} has the token {token}, which the model's vocabulary "
                                        "lacks (and it has no <unk>)").format(name=own.name, token=repr(token)))
    dtype = id_dtype(len(vocab))

    def remap(ids: np.ndarray | None) -> np.ndarray | None:
        if ids is None:
            return None
        out = table[ids].astype(dtype)
        out.flags.writeable = False
        return out
    return Corpus(own.name, vocab.level, vocab, remap(own.train), remap(own.valid), remap(own.test),
                  vocab.normalize)
