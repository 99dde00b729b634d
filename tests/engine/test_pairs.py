"""Seq2seq pairs (DLFS2 ch. 7): the book's files load as the book loads them, the generators write
what the book's files hold, and bad input gets a one-line CorpusError."""
from __future__ import annotations

import collections
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rnnviz import resources
from rnnviz.engine.data import CorpusError
from rnnviz.engine.dates import DATE_FORMATS, FIRST_DATE, LAST_DATE, MONTHS, WEEKDAYS, parse_date
from rnnviz.engine.pairs import (
    ADDITION_WIDTHS, DATE_WIDTHS, PairData, generate_addition, generate_dates, load_pairs,
    to_book_lines,
)

ROOT = Path(__file__).resolve().parents[2]
SHARED = resources.shared_corpora_dir()
BOOK_SHAPES = {"addition": (7, 5, 13), "date": (29, 11, 59)}    # Tq, Ta, V as the book gets them


def book_file(name: str) -> Path:
    path = SHARED / f"{name}.txt" if SHARED is not None else None
    if path is None or not path.is_file():
        pytest.skip(f"the book's {name}.txt not found: set RNNVIZ_CORPORA to a folder holding it")
    return path


def book_load_data(path: Path, seed: int):
    """The book's dataset/sequence.py load_data, ported literally (global seed and shuffle), as an
    oracle; NumPy's global random state is restored afterwards."""
    char_to_id = {}
    questions, answers = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            idx = line.find("_")
            questions.append(line[:idx])
            answers.append(line[idx:-1])
    for q, a in zip(questions, answers):
        for char in q + a:
            char_to_id.setdefault(char, len(char_to_id))
    x = np.array([[char_to_id[c] for c in q] for q in questions])
    t = np.array([[char_to_id[c] for c in a] for a in answers])
    state = np.random.get_state()
    try:
        indices = np.arange(len(x))
        np.random.seed(seed)
        np.random.shuffle(indices)
    finally:
        np.random.set_state(state)
    x, t = x[indices], t[indices]
    split_at = len(x) - len(x) // 10
    return (x[:split_at], t[:split_at]), (x[split_at:], t[split_at:]), char_to_id


def write(tmp_path: Path, text: str | bytes, name: str = "pairs.txt") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def test_pairs_import_no_gui_library():
    code = ("import sys, rnnviz.engine.pairs; print(sorted(m for m in sys.modules if m.split('.')[0] "
            "in ('PySide6', 'shiboken6', 'pyqtgraph', 'matplotlib') or m.startswith('rnnviz.gui')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "[]"


# --- the book's files ------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["addition", "date"])
def book(request):
    path = book_file(request.param)
    return request.param, path, load_pairs(path)


def test_book_files_have_the_books_shapes_and_vocab(book):
    name, _, data = book
    tq, ta, v = BOOK_SHAPES[name]
    assert data.x_train.shape == (45_000, tq) and data.t_train.shape == (45_000, ta)
    assert data.x_test.shape == (5_000, tq) and data.t_test.shape == (5_000, ta)
    assert (data.question_width, data.answer_width, len(data.vocab)) == (tq, ta, v)
    assert data.vocab.tokens[data.start_id] == "_" and data.vocab.tokens[data.pad_id] == " "
    assert (data.t_train[:, 0] == data.start_id).all() and (data.t_test[:, 0] == data.start_id).all()
    for array in (data.x_train, data.t_train, data.x_test, data.t_test):
        assert array.dtype == np.int64 and not array.flags.writeable


def test_book_files_load_id_for_id_as_the_books_load_data(book):
    _, path, data = book
    (x_train, t_train), (x_test, t_test), char_to_id = book_load_data(path, 1984)
    assert data.vocab.tokens == tuple(char_to_id)
    for ours, theirs in ((data.x_train, x_train), (data.t_train, t_train),
                         (data.x_test, x_test), (data.t_test, t_test)):
        np.testing.assert_array_equal(ours, theirs)


def test_decoding_gives_back_the_padded_lines(book):
    _, path, data = book
    lines = set(path.read_text(encoding="utf-8").split("\n"))
    for x, t in zip(data.x_test[:50], data.t_test[:50]):
        assert data.decode(x) + data.decode(t) in lines
        assert data.decode(x, strip=True) == data.decode(x).rstrip()
        assert data.answer_text(t) == data.decode(t)[1:].rstrip()


def test_shuffle_depends_on_the_seed_only_and_leaves_global_state_alone(book):
    _, path, data = book
    before = np.random.get_state()[1].copy()
    again, other = load_pairs(path), load_pairs(path, seed=7)
    np.testing.assert_array_equal(np.random.get_state()[1], before)
    np.testing.assert_array_equal(again.x_test[0], data.x_test[0])
    assert data.decode(again.x_test[0]) == data.decode(data.x_test[0])
    assert not np.array_equal(other.x_test, data.x_test)
    # a reordering, not other examples
    assert sorted(map(bytes, np.vstack([other.x_train, other.x_test]).astype(np.uint8))) == \
        sorted(map(bytes, np.vstack([data.x_train, data.x_test]).astype(np.uint8)))


def test_book_date_questions_parse_to_their_answers():
    data = load_pairs(book_file("date"))
    for x, t in zip(data.x_test, data.t_test):
        assert parse_date(data.decode(x)).isoformat() == data.answer_text(t)


# --- generators ------------------------------------------------------------------------------

def test_generators_are_deterministic_for_a_seed():
    assert generate_addition(500, 3) == generate_addition(500, 3)
    assert generate_dates(500, 3) == generate_dates(500, 3)
    assert generate_addition(500, 3) != generate_addition(500, 4)
    assert generate_dates(500, 3) != generate_dates(500, 4)
    assert generate_addition(0, 3) == [] and generate_dates(0, 3) == []


def test_addition_answers_are_right_and_operands_mix_like_the_books():
    pairs = generate_addition(50_000, 1984)
    unordered = set()
    for question, answer in pairs:
        assert re.fullmatch(r"\d{1,3}\+\d{1,3}", question)
        a, b = map(int, question.split("+"))
        assert answer == str(a + b)
        unordered.add((min(a, b), max(a, b)))
    assert len(unordered) == len(pairs)                 # no a+b twice, nor b+a after a+b
    # The book's addition.txt: 4,862 / 16,249 / 28,889 first operands of 1 / 2 / 3 digits.
    lengths = collections.Counter(len(q.split("+")[0]) for q, _ in pairs)
    assert abs(lengths[1] - 4_862) < 500 and abs(lengths[2] - 16_249) < 800
    assert abs(lengths[3] - 28_889) < 800


def test_dates_answer_their_questions_in_every_format():
    pairs = generate_dates(5_000, 1984)
    rendered = collections.Counter()
    for question, answer in pairs:
        date = dt.date.fromisoformat(answer)
        assert FIRST_DATE <= date <= LAST_DATE
        assert parse_date(question) == date
        matching = [fmt for fmt in DATE_FORMATS if fmt.render(date) == question]
        assert matching, question
        rendered[matching[0].name] += 1
    assert set(rendered) == {fmt.name for fmt in DATE_FORMATS}
    assert len(DATE_FORMATS) == 10
    # a quarter written m/d/yy, and half of the others in Title case, as in the book's file
    lettered = 5_000 - rendered["{m}/{d}/{yy}"]
    assert 0.2 < 1 - lettered / 5_000 < 0.3
    assert 0.45 < sum(v for k, v in rendered.items() if "(title)" in k) / lettered < 0.55


def test_date_formats_write_the_books_examples():
    by_name = {fmt.name: fmt for fmt in DATE_FORMATS}
    examples = {
        "{month} {d}, {yyyy} (lower)": (dt.date(1994, 9, 27), "september 27, 1994"),
        "{month} {d}, {yyyy} (title)": (dt.date(2003, 8, 19), "August 19, 2003"),
        "{month} {d}, {yyyy} (upper)": (dt.date(1986, 8, 11), "AUGUST 11, 1986"),
        "{m}/{d}/{yy}": (dt.date(1993, 2, 10), "2/10/93"),
        "{weekday}, {month} {d}, {yyyy} (upper)": (dt.date(1984, 9, 25), "TUESDAY, SEPTEMBER 25, 1984"),
        "{weekday}, {month} {d}, {yyyy} (title)": (dt.date(1997, 9, 8), "Monday, September 8, 1997"),
        "{weekday}, {month} {d}, {yyyy} (lower)": (dt.date(2008, 6, 5), "thursday, june 5, 2008"),
        "{mon} {d}, {yyyy} (upper)": (dt.date(2013, 6, 17), "JUN 17, 2013"),
        "{mon} {d}, {yyyy} (title)": (dt.date(1981, 9, 30), "Sep 30, 1981"),
        "{mon} {d}, {yyyy} (lower)": (dt.date(2007, 3, 3), "mar 3, 2007"),
    }
    assert set(examples) == set(by_name)
    for name, (date, text) in examples.items():
        assert by_name[name].render(date) == text
        assert parse_date(text) == date
    assert parse_date("3/27/16") == dt.date(2016, 3, 27) and parse_date("1/1/70") == dt.date(1970, 1, 1)


def test_parse_date_rejects_what_is_not_a_date():
    for text in ("Friday, September 27, 1994", "Septober 2, 1990", "13/1/90", "2/30/90", "1994-09-27"):
        with pytest.raises(ValueError):
            parse_date(text)


def test_names_do_not_follow_the_locale():
    assert MONTHS[8] == "September" and WEEKDAYS[0] == "Monday" and len(MONTHS) == 12


def test_generated_sets_have_the_books_widths_and_shapes():
    assert {len(line) for line in to_book_lines(generate_addition(2_000, 1), *ADDITION_WIDTHS)} == {12}
    assert {len(line) for line in to_book_lines(generate_dates(2_000, 1), *DATE_WIDTHS)} == {40}
    # The widest date question there is, and the widest sum, fill the book's widths exactly.
    dates = generate_dates(50_000, 1984)
    assert len(max((q for q, _ in dates), key=len)) == DATE_WIDTHS[0]
    answers = sorted(a for _, a in dates)
    assert "1970-01-01" <= answers[0] < "1970-02" and "2029-12" < answers[-1] <= "2029-12-31"
    for name in ("addition", "date"):
        data = load_pairs(name)
        tq, ta, v = BOOK_SHAPES[name]
        assert data.x_train.shape == (45_000, tq) and data.t_test.shape == (5_000, ta)
        assert len(data.vocab) == v and data.name == name
        assert data.vocab.tokens[data.start_id] == "_"


def test_a_small_generated_set_still_has_the_books_widths():
    data = load_pairs("addition", n=20, seed=5)
    assert data.x_train.shape == (18, 7) and data.t_test.shape == (2, 5)
    for x, t in zip(data.x_train, data.t_train):
        a, b = map(int, data.decode(x, strip=True).split("+"))
        assert int(data.answer_text(t)) == a + b


def test_to_book_lines_pads_and_defaults_to_the_longest():
    pairs = [("1+1", "2"), ("10+90", "100")]
    assert to_book_lines(pairs) == ["1+1  _2  ", "10+90_100"]
    assert to_book_lines(pairs, 7, 5) == ["1+1    _2   ", "10+90  _100 "]
    with pytest.raises(CorpusError, match="pair 2"):
        to_book_lines(pairs, 4, 5)
    with pytest.raises(CorpusError, match="start symbol"):
        to_book_lines([("a_b", "c")])


def test_generator_counts_are_checked():
    for bad in (-1, 2.5, True):
        with pytest.raises(CorpusError, match="non-negative integer"):
            generate_addition(bad, 0)
    with pytest.raises(CorpusError, match="at most"):
        generate_addition(10**6, 0)
    with pytest.raises(CorpusError, match="seed"):
        load_pairs("date", n=20, seed=-1)


def test_make_pairs_script_writes_files_the_loader_and_the_book_read(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}     # run as a plain file
    out = subprocess.run([sys.executable, "sample_corpora/make_pairs.py", str(tmp_path / "out"),
                          "--n", "200", "--seed", "9"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    for name, (tq, ta, _) in BOOK_SHAPES.items():
        path = tmp_path / "out" / f"{name}.txt"
        assert str(path) in out.stdout
        data = load_pairs(path, seed=9)
        assert data.x_train.shape == (180, tq) and data.t_test.shape == (20, ta)
        assert path.read_text(encoding="utf-8").endswith("\n")
        (x_train, _), _, char_to_id = book_load_data(path, 9)
        np.testing.assert_array_equal(data.x_train, x_train)
        assert data.vocab.tokens == tuple(char_to_id)
    refused = subprocess.run([sys.executable, "sample_corpora/make_pairs.py", "sample_corpora"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "refusing" in refused.stderr
    assert not (ROOT / "sample_corpora" / "addition.txt").exists()


# --- PairData methods ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dates() -> PairData:
    return load_pairs("date", n=2_000, seed=1)


def test_encode_question_pads_and_round_trips(dates):
    ids = dates.encode_question("  June 5, 2008 ")
    assert ids.shape == (29,) and ids.dtype == np.int64
    assert dates.decode(ids) == "June 5, 2008".ljust(29)
    assert (ids[12:] == dates.pad_id).all()
    assert dates.encode_question("Wednesday, September 27, 1994").shape == (29,)


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("   ", "empty"),
    ("Wednesday, September 27, 19944", "30 characters long; date questions have at most 29"),
    ("June 5 2008!", r"'!' \(position 12\)"),
    ("1994-09-27", r"'-' \(position 5\) never appears in a date question"),   # answers only
    ("June_5", r"'_' \(position 5\)"),
])
def test_encode_question_errors(dates, text, message):
    with pytest.raises(CorpusError, match=message) as info:
        dates.encode_question(text)
    assert "\n" not in str(info.value)


def test_answer_text_takes_model_output_with_or_without_the_start_symbol(dates):
    ids = dates.vocab.encode("_2008-06-05")
    assert dates.answer_text(ids) == "2008-06-05" == dates.answer_text(ids[1:])
    assert dates.answer_text(dates.vocab.encode("_91  ")) == "91"
    # only the padding goes: a model's stray leading space stays visible
    assert dates.decode(dates.vocab.encode(" 1/1/91  "), strip=True) == " 1/1/91"


# --- bad files -------------------------------------------------------------------------------

GOOD = [f"{f'{i}+{i}':<7}_{2 * i:<4}" for i in range(12)]    # "0+0    _0   "


@pytest.mark.parametrize("content, message", [
    (None, r"^missing\.txt: no such file$"),
    ("", r"^pairs\.txt: empty file; give a UTF-8 text file with some text in it$"),
    (b"16+75  _91  \n\x00\x01", r"^pairs\.txt: binary file \(NUL byte at offset 13\); give a UTF-8 text file$"),
    (b"16+75  _91  \n\xff\n", r"^pairs\.txt: not UTF-8 text"),
    ("\n".join(GOOD[:5] + ["16+75   91  "] + GOOD[6:]), r"^pairs\.txt: line 6 has no '_'"),
    ("\n".join(GOOD[:7] + ["16+75  _91"] + GOOD[8:]),
     r"^pairs\.txt: line 8 is 10 characters long but line 1 is 12"),
    ("\n".join(GOOD[:3] + ["16+75 _91   "] + GOOD[4:]),
     r"^pairs\.txt: line 4 has its '_' in column 7 but line 1 in column 8$"),
    ("\n".join(GOOD[:9]) + "\n", r"^pairs\.txt: 9 examples; at least 10 are needed"),
    ("\n".join("_" + line.replace("_", " ") for line in GOOD), r"questions are empty"),
    ("\n".join(line.replace("_", " ") + "_" for line in GOOD), r"answers are empty"),
])
def test_bad_files_get_one_line_errors(tmp_path, content, message):
    path = tmp_path / "missing.txt" if content is None else write(tmp_path, content)
    with pytest.raises(CorpusError, match=message) as info:
        load_pairs(path)
    assert "\n" not in str(info.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    from .test_textfile import message
    os.mkfifo(tmp_path / "pairs.txt")
    assert message(lambda: load_pairs(tmp_path / "pairs.txt")) == (
        "pairs.txt: is a FIFO (named pipe), not a regular file; give a UTF-8 text file")


@pytest.mark.parametrize("make, expected", [
    (lambda d: Path("/dev/zero"), "zero: is a character device, not a regular file; give a UTF-8 text file"),
    (lambda d: d, "is a directory, not a regular file; give a UTF-8 text file"),
    (lambda d: write(d, "\n".join(GOOD).encode("utf-16")),
     "pairs.txt: is UTF-16 text (little-endian) with a byte-order mark; save it as UTF-8"),
    (lambda d: write(d, " \n\n  \n"), "pairs.txt: only whitespace; give a file with some text in it"),
])
def test_files_that_are_not_utf8_text_get_one_line_each(tmp_path, make, expected):
    path = make(tmp_path)
    if not path.exists():
        pytest.skip(f"no {path}")
    from .test_textfile import message
    assert message(lambda: load_pairs(path)).endswith(expected)


def test_a_pairs_file_larger_than_the_bound_is_refused_before_reading(tmp_path, monkeypatch):
    import rnnviz.engine.pairs as pairs
    path = write(tmp_path, "\n".join(GOOD) + "\n")
    monkeypatch.setattr(pairs, "MAX_FILE_BYTES", path.stat().st_size - 1)
    monkeypatch.setattr(pairs, "read_text", lambda source: pytest.fail("read a file over the bound"))
    with pytest.raises(CorpusError, match=r"^pairs\.txt: too large for a pairs file \(0\.0 MB, at most 0\.0 MB\); use a file"):
        load_pairs(path)


def test_a_small_file_without_trailing_newline_or_with_crlf_loads(tmp_path):
    for text in ("\n".join(GOOD[:10]), "\r\n".join(GOOD[:10]) + "\r\n\r\n"):
        data = load_pairs(write(tmp_path, text))
        assert data.x_train.shape == (9, 7) and data.t_test.shape == (1, 5)
        assert {data.decode(x) + data.decode(t) for x, t in zip(data.x_train, data.t_train)} < set(GOOD)


def test_lines_that_need_no_padding_still_get_a_pad_id(tmp_path):
    data = load_pairs(write(tmp_path, "\n".join([f"{i}+{i}_{2 * i}" for i in range(1, 5)] * 3)))
    assert data.vocab.tokens[data.pad_id] == " " and data.vocab.tokens[-1] == " "
    assert data.decode(data.encode_question("1+1")) == "1+1"
