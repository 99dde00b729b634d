"""Labelled texts for a many-to-one classifier, read or generated, as one-hot-ready id rows.

The seed is 『Do it! 딥러닝 입문』 ch. 9: a NumPy RNN reads IMDB reviews as Keras hands them out
(``imdb.load_data(skip_top=20, num_words=100)``), drops the out-of-vocabulary ids, pads every
review to 100 steps with ``pad_sequences`` and feeds one-hot vectors. :func:`load_classes` builds
the same kind of data from what a learner has, with nothing downloaded by rnnviz:

* an ``aclImdb`` folder (Stanford's IMDB archive, extracted): ``train/neg`` and ``train/pos``;
* a table (``.tsv``, ``.csv``, ``.txt``) of texts and labels, such as the Naver movie-review
  corpus (``id<TAB>document<TAB>label``) or Kaggle's ``IMDB Dataset.csv`` (``review,sentiment``);
* a generated set (:mod:`rnnviz.engine.classify_generated`): ``first-token``, a memory test,
  and ``reviews`` / ``reviews-ko``, short reviews whose negations and contrasts need word order.

The vocabulary follows Keras' ``num_words`` / ``skip_top`` on the training texts: ``<pad>`` is 0,
``<unk>`` 1, then the words by frequency, the ``skip_top`` most frequent left out. Rows are padded
and cut as ``pad_sequences`` does by default, both "pre": padding goes before the text and a long
text keeps its *last* ``max_len`` tokens, so the final hidden state has always just read the end.
"""
from __future__ import annotations

import itertools
import os
import re
from array import array
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from rnnviz.engine.classify_files import read_imdb, read_table
from rnnviz.engine.classify_generated import CUE_LENGTH, generate_first_token, generate_reviews
from rnnviz.engine.config import MAX_SEED, ConfigError, _check_choice, _check_int
from rnnviz.engine.data import Vocab
from rnnviz.engine.textfile import CorpusError, display_name
from rnnviz.engine.texts import translate
from rnnviz.engine.tokens import LEVELS, UNK, check_level

PAD = "<pad>"                       # UNK ("<unk>") is tokens.UNK, the name Vocab.unk_id looks for
PAD_ID, UNK_ID = 0, 1
GENERATED = ("first-token", "reviews", "reviews-ko")
SHOWN_CHARS = 300                   # of each validation text kept for the lab's list

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)    # IMDB reviews keep their HTML line breaks
_WORD = re.compile(r"\w+(?:'\w+)*")                 # didn't, director's; quoting apostrophes dropped
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ClassDataSpec:
    """Everything :func:`load_classes` needs to rebuild a data set (saved as JSON in checkpoints)."""

    source: str = "first-token"     # a GENERATED name, or a path: an aclImdb folder or a .tsv/.csv/.txt table
    level: str = "word"             # word | char
    vocab_size: int = 100           # ids in all, <pad> and <unk> included (= the one-hot width)
    max_len: int = 100              # T: rows cut or padded to this many tokens
    skip_top: int = 0               # leave out the words ranked 1..skip_top by frequency (the seed: 20)
    drop_unknown: bool = False      # drop tokens outside the vocabulary (the seed) instead of <unk>
    n: int = 5000                   # examples generated (GENERATED sources only)
    seed: int = 42                  # generation and the train / validation shuffle
    valid_fraction: float = 0.2     # held out for validation (the seed: 5,000 of 25,000)

    def __post_init__(self) -> None:
        if isinstance(self.source, os.PathLike):
            object.__setattr__(self, "source", os.fspath(self.source))
        if not isinstance(self.source, str) or not self.source.strip():
            raise ConfigError(translate("classify_data", "source must be a file, a folder or one of {choices}; "
                                        "got {value}").format(choices=", ".join(GENERATED), value=repr(self.source)))
        _check_choice(self, "level", LEVELS)
        _check_int(self, "vocab_size", 3, 1_000_000)
        _check_int(self, "max_len", 1, 10_000)
        _check_int(self, "skip_top", 0, 1_000_000)
        _check_int(self, "n", 10, 10_000_000)
        _check_int(self, "seed", 0, MAX_SEED)
        if not isinstance(self.drop_unknown, bool):
            raise ConfigError(translate("classify_data", "drop_unknown must be true or false, got {value}")
                              .format(value=repr(self.drop_unknown)))
        fraction = self.valid_fraction
        if isinstance(fraction, bool) or not isinstance(fraction, (int, float)) or not 0.0 < fraction < 1.0:
            raise ConfigError(translate("classify_data", "valid_fraction must be a number between 0 and 1 "
                                        "(exclusive), got {value}").format(value=repr(fraction)))
        if self.source == "first-token" and self.level != "word":
            raise ConfigError(translate("classify_data", "first-token is a sequence of words; use level word"))
        if self.source == "first-token" and self.max_len < CUE_LENGTH:
            raise ConfigError(translate("classify_data", "first-token needs max_len of at least {least}, since "
                                        "its first {least} words decide the label").format(least=CUE_LENGTH))


@dataclass(frozen=True, eq=False)   # eq=False: == on array fields would be ambiguous
class ClassData:
    """A classification data set split into training and validation rows; arrays int64, read-only."""

    spec: ClassDataSpec
    name: str                       # for display: "reviews (English)", or the file's or folder's name
    vocab: Vocab                    # <pad>, <unk>, then by training frequency; at most spec.vocab_size
    classes: tuple[str, ...]        # label names in class id order
    x_train: np.ndarray             # (M, T) ids, padded and cut "pre" as pad_sequences does
    len_train: np.ndarray           # (M,) real tokens in each row, 1..T
    y_train: np.ndarray             # (M,) class ids
    x_valid: np.ndarray             # (Mv, T)
    len_valid: np.ndarray           # (Mv,)
    y_valid: np.ndarray             # (Mv,)
    valid_texts: tuple[str, ...]    # each validation text as read, cut to SHOWN_CHARS characters

    @property
    def max_len(self) -> int:
        """T, the steps of every row."""
        return int(self.x_train.shape[1])

    @property
    def num_classes(self) -> int:
        return len(self.classes)

    def encode(self, text: str) -> tuple[np.ndarray, tuple[str, ...]]:
        """A typed text as the model reads it, unknown tokens handled as in training.

        Returns
        -------
        ids : ndarray
            ``(n,)`` int64, unpadded, the last ``max_len`` tokens at most.
        tokens : tuple of str
            The vocabulary's token for each id, so ``<unk>`` shows where the model sees one.

        Raises
        ------
        CorpusError
            One sentence: the text has no tokens, or none in the vocabulary when unknowns are dropped.
        """
        tokens = tokenize(text, self.vocab.level)
        if not tokens:
            raise CorpusError(translate("classify_data", "the text is empty; type a few words"))
        if self.spec.drop_unknown:
            tokens = [token for token in tokens if token in self.vocab]
            if not tokens:
                raise CorpusError(translate("classify_data", "no word of the text is in the vocabulary of {name}; "
                                            "type words its texts use").format(name=self.name))
        ids = self.vocab.encode(tokens)[-self.max_len:]
        return ids, tuple(self.vocab.tokens[i] for i in ids.tolist())

    def tokens_of(self, ids) -> tuple[str, ...]:
        """The tokens of a row of ids (padding included, as ``<pad>``)."""
        return tuple(self.vocab.decode(ids))


def tokenize(text: str, level: str) -> list[str]:
    """Split a text as the classifier's vocabulary does.

    Both levels drop IMDB's ``<br />`` tags, read a typographic apostrophe as ``'`` and lower-case.
    Words are runs of letters (Hangul included) and digits, joined by apostrophes inside a word
    (``didn't``); punctuation goes. Characters are kept, punctuation included, with every run of
    whitespace one space and none at either end.
    """
    check_level(level)
    if level == "char":
        return list(_char_text(text))
    return _WORD.findall(_BREAK.sub(" ", text).replace("\u2019", "'").lower())


def _char_text(text: str) -> str:
    """The text whose characters are :func:`tokenize`'s character tokens."""
    return _SPACE.sub(" ", _BREAK.sub(" ", text).replace("\u2019", "'").lower()).strip()


# --- loading ---------------------------------------------------------------------------------

def load_classes(spec: ClassDataSpec) -> ClassData:
    """Read or generate the examples of ``spec.source``, split them and encode them as id rows.

    All examples are shuffled with ``np.random.default_rng(spec.seed)`` and the last
    ``round(valid_fraction * M)`` (at least one) are the validation split. The vocabulary comes from
    the training split alone: tokens ranked by frequency (ties: first appearance), ranks
    ``1..skip_top`` left out, the next ``vocab_size - 2`` kept; any other token becomes ``<unk>``,
    or is dropped when ``drop_unknown``. An example left without tokens is dropped from its split.

    Raises
    ------
    CorpusError
        One sentence naming the file, folder or option: see :func:`~rnnviz.engine.textfile.iter_text`
        for unreadable files, and also a folder not in the aclImdb layout, a table without a text
        and a label column, fewer than 2 or more than :data:`MAX_CLASSES` labels, too large an
        input, or a split left empty.
    """
    source = spec.source
    if source == "first-token":
        name, classes = translate("classify_data", "first token"), ("negative", "positive")
        texts, labels = _unzip(generate_first_token(spec.n, spec.max_len, spec.seed))
    elif source in ("reviews", "reviews-ko"):
        english = source == "reviews"
        name = (translate("classify_data", "reviews (English)") if english
                else translate("classify_data", "reviews (Korean)"))
        classes = ("negative", "positive")
        texts, labels = _unzip(generate_reviews(spec.n, spec.seed, "en" if english else "ko"))
    else:
        path = Path(os.path.expanduser(source))
        if path.is_dir():
            name, texts, labels, classes = read_imdb(path)
        elif not os.path.lexists(path):
            raise CorpusError(translate("classify_data", "{name}: no such file or folder; give a table (.tsv, "
                                        ".csv, .txt), an aclImdb folder or one of {choices}")
                              .format(name=display_name(path), choices=", ".join(GENERATED)))
        else:
            name, texts, labels, classes = read_table(path)
    return _build(spec, name, texts, labels, classes)


def describe(data: ClassData) -> dict:
    """What a checkpoint stores to rebuild a data set and check it: JSON-ready.

    ``{"spec": asdict(spec), "name", "train_size", "valid_size", "classes"}``; rebuild with
    ``load_classes(config.from_dict(ClassDataSpec, d["spec"]))``.
    """
    return {"spec": asdict(data.spec), "name": str(data.name), "train_size": int(len(data.y_train)),
            "valid_size": int(len(data.y_valid)), "classes": list(data.classes)}


def _unzip(pairs: list[tuple[str, int]]) -> tuple[list[str], np.ndarray]:
    return [text for text, _ in pairs], np.array([label for _, label in pairs], dtype=np.int64)


# --- encoding --------------------------------------------------------------------------------

def _build(spec: ClassDataSpec, name: str, texts: list[str], labels: np.ndarray,
           classes: tuple[str, ...]) -> ClassData:
    M = len(texts)
    if M < 2:
        raise CorpusError(translate("classify_data", "{name}: only {count} example; at least 2 are needed, one "
                                    "to train on and one to validate").format(name=name, count=M))
    order = np.random.default_rng(spec.seed).permutation(M)
    n_valid = min(max(1, round(spec.valid_fraction * M)), M - 1)
    parts = (order[:M - n_valid], order[M - n_valid:])
    # Tokens get provisional ids that grow with their first appearance (training texts first),
    # so ranking and mapping them below is all NumPy.
    index: dict[str, int] = {}
    counter = itertools.count()
    raw = [_raw_ids([texts[i] for i in rows.tolist()], spec.level, index, counter) for rows in parts]
    counts = np.bincount(raw[0][0])
    seen = np.flatnonzero(counts)                                           # by first appearance
    ranked = seen[np.argsort(-counts[seen], kind="stable")]                 # ties stay in that order
    kept = ranked[spec.skip_top:spec.skip_top + spec.vocab_size - 2]
    lookup = np.full(max(index.values(), default=0) + 1, -1 if spec.drop_unknown else UNK_ID, dtype=np.int32)
    lookup[kept] = np.arange(2, 2 + len(kept))
    spelled = {i: token for token, i in index.items()}
    vocab = Vocab((PAD, UNK, *(spelled[i] for i in kept.tolist())), spec.level)

    splits = []
    for (ids, lengths), rows, which in zip(raw, parts, (translate("classify_data", "training"),
                                                        translate("classify_data", "validation"))):
        ids = lookup[ids]
        if spec.drop_unknown:
            # int32 counts suffice: the size caps keep a corpus far below 2**31 tokens.
            known = np.zeros(len(ids) + 1, dtype=np.int32)                      # (n + 1,) known before
            np.cumsum(ids >= 0, out=known[1:])
            ends = np.cumsum(lengths)
            lengths = known[ends] - known[ends - lengths]
            ids = ids[ids >= 0]
        x, n = _pad(ids, lengths, spec.max_len)
        filled = n > 0
        if not filled.any():
            if spec.drop_unknown:
                raise CorpusError(translate("classify_data", "{name}: nothing is left of the {which} examples once "
                                            "words outside the vocabulary are dropped; raise vocab_size, lower "
                                            "skip_top or turn drop_unknown off").format(name=name, which=which))
            raise CorpusError(translate("classify_data", "{name}: the {which} examples hold no {level} tokens; give "
                                        "texts with words in them").format(name=name, which=which, level=spec.level))
        if not filled.all():            # copying (M, T) rows costs as much as making them
            x, n, rows = x[filled], n[filled], rows[filled]
        splits.append((x, n, labels[rows], rows))
    arrays = [np.ascontiguousarray(array) for split in splits for array in split[:3]]
    for array_ in arrays:
        array_.flags.writeable = False
    valid_texts = tuple(texts[i][:SHOWN_CHARS] for i in splits[1][3].tolist())
    return ClassData(spec, name, vocab, tuple(classes), *arrays, valid_texts=valid_texts)


def _raw_ids(texts: list[str], level: str, index: dict[str, int],
             counter: Iterator[int]) -> tuple[np.ndarray, np.ndarray]:
    """Provisional ids ``(n,)`` of all the texts' tokens, concatenated, and each text's length ``(m,)``.

    A token's id is a number from ``counter`` drawn when it first appears, kept in ``index``; both
    grow across calls. Ids are unique and increase in order of first appearance, which is all the
    ranking needs, and ``map`` / ``dict.fromkeys`` hand them out without a Python loop per token.
    """
    if level == "char":
        chars = [_char_text(text) for text in texts]
        lengths = np.fromiter(map(len, chars), dtype=np.int64, count=len(chars))
        text = "".join(chars)
        for char in dict.fromkeys(text):                                    # the few distinct characters
            index.setdefault(char, next(counter))
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        by_point = np.zeros(max(map(ord, index), default=0) + 1, dtype=np.int32)
        by_point[[ord(char) for char in index]] = list(index.values())
        return by_point[points], lengths
    ids = array("q")
    lengths = np.empty(len(texts), dtype=np.int64)
    for k, text in enumerate(texts):
        words = tokenize(text, "word")
        ids.extend(map(index.setdefault, words, counter))
        lengths[k] = len(words)
    return np.frombuffer(ids, dtype=np.int64) if ids else np.zeros(0, dtype=np.int64), lengths


def _pad(ids: np.ndarray, lengths: np.ndarray, T: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows ``(m, T)`` as Keras' ``pad_sequences(maxlen=T)`` makes them, and their lengths ``(m,)``.

    Padding and truncating are both "pre": a short row is right-aligned behind PAD_ID and a long
    one keeps its last ``T`` tokens. Only the kept tokens are indexed, so a character corpus of
    millions of tokens costs no temporaries larger than the rows.
    """
    m = len(lengths)
    kept = np.minimum(lengths, T)                                               # (m,)
    row = np.repeat(np.arange(m), kept)                                         # (k,), k <= m * T
    offset = np.arange(len(row)) - np.repeat(np.cumsum(kept) - kept, kept)      # 0..kept-1 in each row
    x = np.full((m, T), PAD_ID, dtype=np.int64)                                 # (m, T)
    x[row, np.repeat(T - kept, kept) + offset] = ids[np.repeat(np.cumsum(lengths) - kept, kept) + offset]
    return x, kept
