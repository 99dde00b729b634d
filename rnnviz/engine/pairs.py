"""Question -> answer pairs for seq2seq (DLFS2 ch. 7): addition and date normalisation.

A data set is a text file in the book's format: one example per line, the question padded with
spaces to a fixed width, then ``_`` (the decoder's start symbol) and the answer padded likewise
(``16+75  _91  ``). :func:`load_pairs` reads it as the book's ``dataset/sequence.py`` does, so the
vocabulary, the shuffle and the train / test split match the book's id for id. It can also build the
two sets itself (:func:`generate_addition`, :func:`generate_dates`), so nothing has to be downloaded.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from rnnviz.engine.data import Vocab
from rnnviz.engine.textfile import CorpusError, check_regular_file, display_name, read_text
from rnnviz.engine.dates import DATE_FORMATS, FIRST_DATE, LAST_DATE
from rnnviz.engine.texts import translate

START = "_"
PAD = " "
# The book's files: "999+999" / "_1998" and "Wednesday, September 27, 1994" / "_1994-09-27".
ADDITION_WIDTHS = (7, 5)
DATE_WIDTHS = (29, 11)
MIN_EXAMPLES = 10                   # the last 10 % (len // 10) must hold at least one test example
MAX_ADDITION_PAIRS = 250_000        # half of the 500,500 unordered pairs of 0..999
# A pairs file is read whole and costs ~20x its size at its peak (text, code points, int64 ids);
# the book's date.txt is 2 MB.
MAX_FILE_BYTES = 64 * 2 ** 20


@dataclass(frozen=True, eq=False)   # eq=False: == on array fields would be ambiguous
class PairData:
    """A seq2seq data set split as the book splits it; all arrays int64 and read-only."""

    name: str                       # "addition", "date" or the file's name, for messages
    vocab: Vocab                    # characters, ids in order of first appearance
    x_train: np.ndarray             # (M_train, Tq) questions
    t_train: np.ndarray             # (M_train, Ta) answers, column 0 is the start symbol
    x_test: np.ndarray              # (M_test, Tq)
    t_test: np.ndarray              # (M_test, Ta)
    start_id: int                   # id of "_"
    pad_id: int                     # id of " "
    question_width: int             # Tq
    answer_width: int               # Ta, counting the "_"
    seed: int = 1984                # the shuffle's seed

    def book_stream(self) -> np.random.RandomState:
        """NumPy's global random state as the book's scripts find it right after
        ``load_data(file, seed)``: seeded, then one shuffle of all the examples drawn.

        The book's ch.7-8 scripts draw the weights and then every epoch's order from this one
        stream, so a model and a session that do the same replay the book's run.
        """
        stream = np.random.RandomState(self.seed)
        stream.permutation(len(self.x_train) + len(self.x_test))
        return stream

    def __post_init__(self) -> None:
        # A character that only answers use ("-" in dates) is no valid input to the encoder.
        seen = np.zeros(len(self.vocab), dtype=bool)
        seen[self.x_train] = True
        seen[self.x_test] = True
        object.__setattr__(self, "_question_chars", frozenset(np.flatnonzero(seen).tolist()))

    def decode(self, ids: Iterable[int], *, strip: bool = False) -> str:
        """Text of one row of ids; ``strip=True`` drops the trailing padding."""
        text = self.vocab.join(self.vocab.decode(ids))
        return text.rstrip(PAD) if strip else text

    def answer_text(self, ids: Iterable[int]) -> str:
        """An answer row (or a model's output, with or without the start symbol) as plain text."""
        return self.decode(ids).removeprefix(START).rstrip(PAD)

    def encode_question(self, text: str) -> np.ndarray:
        """Ids ``(Tq,)`` of one typed question, padded as the training questions are.

        Surrounding spaces are dropped, since every training question starts in column 1.

        Raises
        ------
        CorpusError
            One line: empty text, text longer than ``question_width``, or a character that no
            question of this data set uses (named, with its position).
        """
        text = text.strip()
        if not text:
            raise CorpusError(translate("pairs", "the question is empty"))
        if len(text) > self.question_width:
            raise CorpusError(translate("pairs", "the question is {length} characters long; {name} questions "
                                        "have at most {most}")
                              .format(length=len(text), name=self.name, most=self.question_width))
        for position, char in enumerate(text, 1):
            if char not in self.vocab or self.vocab.id(char) not in self._question_chars:
                if self.name[:1].lower() in "aeiou":
                    message = translate("pairs", "character {char} (position {position}) never appears in an "
                                        "{name} question")
                else:
                    message = translate("pairs", "character {char} (position {position}) never appears in a "
                                        "{name} question")
                raise CorpusError(message.format(char=repr(char), position=position, name=self.name))
        return self.vocab.encode(text.ljust(self.question_width, PAD))

    def encode_answer(self, text: str) -> np.ndarray:
        """Ids ``(Ta,)`` of a typed answer: the start symbol, the text, padding.

        Raises
        ------
        CorpusError
            Empty text, text longer than ``answer_width - 1``, or a character no answer uses.
        """
        text = text.strip()
        if not text:
            raise CorpusError(translate("pairs", "the answer is empty"))
        if len(text) > self.answer_width - 1:
            raise CorpusError(translate("pairs", "the answer is {length} characters long; {name} answers have "
                                        "at most {most}")
                              .format(length=len(text), name=self.name, most=self.answer_width - 1))
        for position, char in enumerate(text, 1):
            if char not in self.vocab or char == START:
                raise CorpusError(translate("pairs", "character {char} (position {position}) never appears in "
                                            "an answer").format(char=repr(char), position=position))
        return self.vocab.encode(START + text.ljust(self.answer_width - 1, PAD))


# --- generators ------------------------------------------------------------------------------

def _check_count(n: int, most: int | None = None) -> None:
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 0:
        raise CorpusError(translate("pairs", "the number of examples must be a non-negative integer, got {value}")
                          .format(value=repr(n)))
    if most is not None and n > most:
        raise CorpusError(translate("pairs", "at most {most} examples can be generated, got {count}")
                          .format(most=f"{most:,}", count=f"{n:,}"))


def generate_addition(n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` distinct sums ``a+b`` of 0..999, drawn the way the book's ``addition.txt`` was.

    Each operand gets 1, 2 or 3 random digits (equally likely, leading zeros allowed, so ``007`` is
    7) and a pair is skipped if it or its mirror ``b+a`` is already there. The skipping exhausts the
    few small pairs early, so, as in the book's file, about 10 % of first operands have one digit,
    32 % two and 58 % three; uniform operands would be 90 % three-digit.

    Returns
    -------
    list of (question, answer)
        ``("16+75", "91")``.
    """
    _check_count(n, MAX_ADDITION_PAIRS)
    rng = np.random.default_rng(seed)
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[str, str]] = []
    while len(pairs) < n:
        digits = rng.integers(1, 4, size=(2 * (n - len(pairs)) + 16, 2))
        for a, b in rng.integers(0, 10 ** digits).tolist():
            key = (a, b) if a <= b else (b, a)
            if key in seen:
                continue
            seen.add(key)
            pairs.append((f"{a}+{b}", str(a + b)))
            if len(pairs) == n:
                break
    return pairs


def generate_dates(n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` random days of 1970-01-01..2029-12-31, each written in one of the book's formats.

    Days are uniform; formats are drawn with the weights of :data:`rnnviz.engine.dates.DATE_FORMATS`.

    Returns
    -------
    list of (question, answer)
        ``("september 27, 1994", "1994-09-27")``.
    """
    _check_count(n)
    rng = np.random.default_rng(seed)
    offsets = rng.integers(0, (LAST_DATE - FIRST_DATE).days + 1, size=n)
    weights = np.array([fmt.weight for fmt in DATE_FORMATS])
    formats = rng.choice(len(DATE_FORMATS), size=n, p=weights / weights.sum())
    pairs = []
    for offset, k in zip(offsets.tolist(), formats.tolist()):
        date = FIRST_DATE + dt.timedelta(days=offset)
        pairs.append((DATE_FORMATS[k].render(date), date.isoformat()))
    return pairs


GENERATORS: dict[str, tuple[Callable[[int, int], list[tuple[str, str]]], tuple[int, int]]] = {
    "addition": (generate_addition, ADDITION_WIDTHS),
    "date": (generate_dates, DATE_WIDTHS),
}


def to_book_lines(pairs: Sequence[tuple[str, str]], question_width: int | None = None,
                  answer_width: int | None = None) -> list[str]:
    """Lay pairs out as the lines of a book-format file (no line ends).

    Parameters
    ----------
    pairs : sequence of (question, answer)
    question_width, answer_width : int, optional
        Padded widths; the answer's counts the ``_``. By default the longest question and the
        longest answer + 1, so a small set may be narrower than the book's files (pass
        :data:`ADDITION_WIDTHS` or :data:`DATE_WIDTHS` to match them).

    Raises
    ------
    CorpusError
        A question holding ``_`` (the loader splits at the first one), a line break, or a question
        or answer wider than the width given.
    """
    if question_width is None:
        question_width = max((len(q) for q, _ in pairs), default=0)
    if answer_width is None:
        answer_width = max((len(a) for _, a in pairs), default=0) + 1
    lines = []
    for i, (question, answer) in enumerate(pairs, 1):
        if START in question:
            raise CorpusError(translate("pairs", "pair {index}: the question {question} holds {start}, the start "
                                        "symbol").format(index=i, question=repr(question), start=repr(START)))
        if "\n" in question + answer:
            raise CorpusError(translate("pairs", "pair {index}: a question or answer holds a line break")
                              .format(index=i))
        if len(question) > question_width or len(answer) + 1 > answer_width:
            raise CorpusError(translate("pairs", "pair {index}: {question} -> {answer} is wider than "
                                        "question_width={question_width}, answer_width={answer_width} "
                                        "(counting {start})")
                              .format(index=i, question=repr(question), answer=repr(answer),
                                      question_width=question_width, answer_width=answer_width,
                                      start=repr(START)))
        lines.append(question.ljust(question_width, PAD) + START + answer.ljust(answer_width - 1, PAD))
    return lines


# --- loading ---------------------------------------------------------------------------------

def load_pairs(source: str | os.PathLike, *, seed: int = 1984, n: int = 50_000) -> PairData:
    """Load a seq2seq data set as the book's ``load_data(file, seed)`` does.

    Parameters
    ----------
    source : str or os.PathLike
        ``"addition"`` or ``"date"`` (generated with ``n`` and ``seed``, padded to the book's
        widths), or a file in the book's format. These two strings always mean the generated
        sets; pass a :class:`~pathlib.Path` to read a file of that name.
    seed : int
        Seeds the shuffle, as ``np.random.seed(seed); np.random.shuffle(indices)`` does in the
        book, without touching NumPy's global random state.
    n : int
        Number of examples to generate; ignored for a file.

    Returns
    -------
    PairData
        The last 10 % of the shuffled examples (``len // 10``) are the test set.

    Raises
    ------
    CorpusError
        One line naming the file: not a regular file (a FIFO, a device, a directory ...), larger
        than :data:`MAX_FILE_BYTES`, unreadable, empty, UTF-16, binary or not UTF-8 (see
        :func:`~rnnviz.engine.textfile.iter_text`), a line without ``_``, nothing before or after
        the ``_``, a line whose length or ``_`` column differs from line 1's (naming the line), or
        fewer than 10 examples.
    """
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or not 0 <= seed < 2 ** 32:
        raise CorpusError(translate("pairs", "seed must be an integer in [0, 2**32), got {value}")
                          .format(value=repr(seed)))
    if isinstance(source, str) and source in GENERATORS:
        generate, (question_width, answer_width) = GENERATORS[source]
        return _from_lines(source, to_book_lines(generate(n, seed), question_width, answer_width), seed)
    name = display_name(source)
    size = check_regular_file(source).st_size
    if size > MAX_FILE_BYTES:
        raise CorpusError(translate("pairs", "{name}: too large for a pairs file ({size} MB, at most {most} MB); "
                                    "use a file of fewer examples")
                          .format(name=name, size=f"{size / 2 ** 20:,.1f}", most=f"{MAX_FILE_BYTES / 2 ** 20:,.1f}"))
    lines = read_text(source).split("\n")
    while lines and not lines[-1]:      # the final line end, and any blank lines after it
        lines.pop()
    return _from_lines(name, lines, seed)


def _check_lines(name: str, lines: list[str]) -> int:
    """Raise unless every line has the layout of line 1; return the ``_`` column."""
    if not lines:
        raise CorpusError(translate("pairs", "{name}: no examples").format(name=name))
    split, width = lines[0].find(START), len(lines[0])
    start = repr(START)
    for i, line in enumerate(lines, 1):
        column = line.find(START)
        if column < 0:
            raise CorpusError(translate("pairs", "{name}: line {line} has no {start} between question and answer")
                              .format(name=name, line=i, start=start))
        if len(line) != width:
            raise CorpusError(translate("pairs", "{name}: line {line} is {length} characters long but line 1 is "
                                        "{width}; every line must be padded to the same width")
                              .format(name=name, line=i, length=len(line), width=width))
        if column != split:
            raise CorpusError(translate("pairs", "{name}: line {line} has its {start} in column {column} but "
                                        "line 1 in column {first}")
                              .format(name=name, line=i, start=start, column=column + 1, first=split + 1))
    if split == 0:
        raise CorpusError(translate("pairs", "{name}: the questions are empty (line 1 starts with {start})")
                          .format(name=name, start=start))
    if split == width - 1:
        raise CorpusError(translate("pairs", "{name}: the answers are empty (line 1 ends with {start})")
                          .format(name=name, start=start))
    if len(lines) < MIN_EXAMPLES:
        raise CorpusError(translate("pairs", "{name}: {count} examples; at least {most} are needed so the last "
                                    "10 % can be a test set").format(name=name, count=len(lines), most=MIN_EXAMPLES))
    return split


def _from_lines(name: str, lines: list[str], seed: int) -> PairData:
    split = _check_lines(name, lines)
    text = "".join(lines)
    # Each line is its question then its answer, so first appearance over the joined lines is the
    # book's order (_update_vocab(q), _update_vocab(a), line by line).
    chars = list(dict.fromkeys(text))
    if PAD not in chars:                # lines that need no padding: still give typed text a pad
        chars.append(PAD)
    vocab = Vocab(tuple(chars), level="char")
    # Map code points to ids in one vectorised lookup instead of a Python loop over ~2M characters.
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    table = np.array([ord(c) for c in chars], dtype=np.uint32)
    order = np.argsort(table)
    ids = order[np.searchsorted(table[order], points)].astype(np.int64).reshape(len(lines), -1)
    # RandomState(seed).permutation is np.random.seed(seed) + shuffle(arange), the book's shuffle
    # (PairData.book_stream draws it again to continue the book's random stream after it).
    ids = ids[np.random.RandomState(seed).permutation(len(ids))]
    n_train = len(ids) - len(ids) // 10
    x, t = ids[:, :split], ids[:, split:]                      # (M, Tq), (M, Ta)
    arrays = [np.ascontiguousarray(a) for a in (x[:n_train], t[:n_train], x[n_train:], t[n_train:])]
    for array in arrays:
        array.flags.writeable = False
    return PairData(name, vocab, *arrays, start_id=vocab.id(START), pad_id=vocab.id(PAD),
                    question_width=split, answer_width=ids.shape[1] - split, seed=int(seed))
