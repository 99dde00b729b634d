"""Classifier data: the seed's Keras rules (vocabulary, skip_top, pre-padding), the sources a learner
has (aclImdb, Naver's TSV, a Kaggle-style CSV), and one clear CorpusError for each bad input."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import numpy as np
import pytest

from rnnviz.engine.classify_data import (
    GENERATED, PAD, UNK, ClassDataSpec, describe, load_classes, tokenize,
)
from rnnviz.engine.classify_files import MAX_CLASSES
from rnnviz.engine.config import ConfigError, from_dict
from rnnviz.engine.textfile import CorpusError

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def seed_holding_out(M: int, row: int) -> int:
    """A seed whose shuffle (the documented default_rng(seed).permutation) puts ``row`` last, so a
    one-example validation split is that row and the training split is known."""
    return next(s for s in range(1000) if np.random.default_rng(s).permutation(M)[-1] == row)


def keras_pad_sequences(sequences: list[list[int]], maxlen: int) -> np.ndarray:
    """Keras' pad_sequences with its defaults (padding="pre", truncating="pre", value=0), written
    out literally as the oracle."""
    x = np.zeros((len(sequences), maxlen), dtype=np.int64)
    for i, s in enumerate(sequences):
        trunc = s[-maxlen:]
        if len(trunc):
            x[i, -len(trunc):] = trunc
    return x


def rows(x: np.ndarray, lengths: np.ndarray, y: np.ndarray) -> list[tuple]:
    """A split as a sorted list of (row, length, label), to compare it with rows worked out by hand
    without depending on the shuffle's order."""
    return sorted((tuple(r), int(n), int(c)) for r, n, c in zip(x.tolist(), lengths.tolist(), y.tolist()))


def refusal(call, seconds: float = 5.0) -> str:
    """The one-line CorpusError message ``call()`` raises; fails if it hangs (a FIFO being opened)."""
    outcome: list[BaseException | None] = []

    def run():
        try:
            call()
        except BaseException as exc:        # handed to the test thread
            outcome.append(exc)
        else:
            outcome.append(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "still blocked: the loader must refuse the file, not wait on it"
    assert isinstance(outcome[0], CorpusError), f"expected a CorpusError, got {outcome[0]!r}"
    text = str(outcome[0])
    assert "\n" not in text and "Traceback" not in text
    return text


# --- the seed's rules, on tables worked out by hand ------------------------------------------

# Training counts (rows 0-3): the 5, cat 3, sat 2, then once each: on mat dog ran a and bird.
# Row 4 is held out. skip_top=1 drops "the"; vocab_size=4 keeps <pad> <unk> cat=2 sat=3.
HAND = ("text\tlabel\nthe cat sat on the mat\t1\nthe dog sat\t0\nthe cat ran\t1\na cat and the bird\t0\n"
        "cat zebra sat cat\t1\n")


def test_skip_top_and_unknowns_become_unk_with_keras_pre_padding(tmp_path):
    path = write(tmp_path / "hand.tsv", HAND)
    data = load_classes(ClassDataSpec(str(path), vocab_size=4, skip_top=1, max_len=4,
                                      seed=seed_holding_out(5, 4)))
    assert data.vocab.tokens == (PAD, UNK, "cat", "sat")
    # Padding "pre" (rows 1, 2 right-aligned) and truncating "pre" (rows 0, 3 keep their last 4).
    assert rows(data.x_train, data.len_train, data.y_train) == sorted([
        ((3, 1, 1, 1), 4, 1),           # the cat sat | on the mat
        ((0, 1, 1, 3), 3, 0),           # the dog sat
        ((0, 1, 2, 1), 3, 1),           # the cat ran
        ((2, 1, 1, 1), 4, 0),           # a | cat and the bird
    ])
    assert data.x_valid.tolist() == [[2, 1, 3, 2]] and data.len_valid.tolist() == [4]
    assert data.valid_texts == ("cat zebra sat cat",)


def test_drop_unknown_removes_tokens_before_padding(tmp_path):
    path = write(tmp_path / "hand.tsv", HAND)
    data = load_classes(ClassDataSpec(str(path), vocab_size=4, skip_top=1, max_len=3, drop_unknown=True,
                                      seed=seed_holding_out(5, 4)))
    assert rows(data.x_train, data.len_train, data.y_train) == sorted([
        ((0, 2, 3), 2, 1), ((0, 0, 3), 1, 0), ((0, 0, 2), 1, 1), ((0, 0, 2), 1, 0)])
    assert data.x_valid.tolist() == [[2, 3, 2]]         # cat sat cat: zebra dropped, nothing cut
    assert data.x_train.dtype == np.int64 and not data.x_train.flags.writeable


def test_an_example_left_empty_is_dropped_and_an_empty_split_is_an_error(tmp_path):
    path = write(tmp_path / "hand.tsv", HAND.replace("cat zebra sat cat", "zebra"))
    seed = seed_holding_out(5, 4)
    message = refusal(lambda: load_classes(ClassDataSpec(str(path), vocab_size=4, skip_top=1, drop_unknown=True,
                                                         seed=seed)))
    assert "hand.tsv" in message and "vocab_size" in message and "skip_top" in message
    # Kept as <unk> instead, zebra is a one-token example.
    data = load_classes(ClassDataSpec(str(path), vocab_size=4, skip_top=1, seed=seed))
    assert data.x_valid[0, -1] == 1 and data.len_valid.tolist() == [1]


def test_rows_are_pad_sequences_of_the_texts_ids(tmp_path):
    # Reviews of 5..30 words cut to T=8 and padded: compare every row with the literal Keras rule.
    data = load_classes(ClassDataSpec("reviews", n=300, max_len=8, vocab_size=60, valid_fraction=0.5, seed=3))
    ids = [data.vocab.encode(tokenize(text, "word")).tolist() for text in data.valid_texts]
    assert np.array_equal(data.x_valid, keras_pad_sequences(ids, 8))
    assert data.len_valid.tolist() == [min(len(s), 8) for s in ids]
    assert (data.len_train >= 1).all() and (data.len_train <= 8).all()
    # Rows long enough to hold whole reviews show the ranking: <pad>, <unk>, then no rising counts.
    whole = load_classes(ClassDataSpec("reviews", n=300, max_len=40, vocab_size=60, valid_fraction=0.5, seed=3))
    counts = np.bincount(whole.x_train[whole.x_train > 1], minlength=len(whole.vocab))[2:]
    assert len(whole.vocab) == 60 and (np.diff(counts) <= 0).all() and whole.vocab == data.vocab


def test_vocabulary_ties_are_broken_by_first_appearance(tmp_path):
    path = write(tmp_path / "ties.csv", "text,label\nzeta alpha,0\nmid zeta alpha,1\nomega,0\n")
    data = load_classes(ClassDataSpec(str(path), seed=seed_holding_out(3, 2), vocab_size=10))
    # zeta and alpha twice (zeta first, in either training order), mid once.
    assert data.vocab.tokens == (PAD, UNK, "zeta", "alpha", "mid")


# --- sources ---------------------------------------------------------------------------------

NAVER = (
    "id\tdocument\tlabel\n"
    "9976970\t아 더빙.. 진짜 짜증나네요 목소리\t0\n"
    "3819312\t\"흠...포스터보고 초딩영화줄 알았는데 연기가 좋았다\t1\n"        # a stray quote
    "10265843\t너무 재밌었다 그래서 추천한다\t1\n"
    "9045019\t교도소 이야기구먼 솔직히 재미는 없다\t0\n"
    "5403919\t\t0\n"                                                          # an empty review
    "7797314\t원작의 긴장감을 제대로 살려내지 못했다.\t0\n"
    "6483659\t배우들 연기가 돋보였던 영화!\t1\n"
)


def test_naver_movie_reviews_load_as_is(tmp_path):
    data = load_classes(ClassDataSpec(str(write(tmp_path / "ratings_train.txt", NAVER)), valid_fraction=0.5))
    assert data.name == "ratings_train.txt" and data.classes == ("negative", "positive")
    # Six reviews: the empty one skipped, and the stray quote did not swallow the lines after it.
    assert len(data.y_train) + len(data.y_valid) == 6
    assert "연기가" in data.vocab and "9976970" not in data.vocab
    labels = {line.split("\t")[1]: int(line.split("\t")[2]) for line in NAVER.splitlines()[1:]}
    assert [labels[text] for text in data.valid_texts] == data.y_valid.tolist()


def test_csv_with_quoted_commas_and_string_labels(tmp_path):
    table = ('id,review,sentiment\n1,"Great movie, loved it",pos\n2,"Boring, slow, and long",neg\n'
             '3,"Fun, fun, fun",pos\n4,"Not good, not bad... just bad",neg\n5,"I cried, twice",pos\n'
             '6,"Two hours, wasted",neg\n')
    data = load_classes(ClassDataSpec(str(write(tmp_path / "imdb.csv", table)), valid_fraction=0.5))
    assert data.classes == ("negative", "positive")
    assert len(data.y_train) == len(data.y_valid) == 3
    expected = {"Great movie, loved it": 1, "Boring, slow, and long": 0, "Fun, fun, fun": 1,
                "Not good, not bad... just bad": 0, "I cried, twice": 1, "Two hours, wasted": 0}
    assert [expected[text] for text in data.valid_texts] == data.y_valid.tolist()


@pytest.mark.parametrize("labels, classes", [
    (["positive", "negative"], ("negative", "positive")),
    (["긍정", "부정"], ("negative", "positive")),
    (["Pos", "Neg"], ("negative", "positive")),
    (["3", "1", "2"], ("1", "2", "3")),
    (["1", "0"], ("negative", "positive")),
    (["spam", "ham"], ("ham", "spam")),
])
def test_label_names_and_order(tmp_path, labels, classes):
    lines = [f"some text number {i},{label}" for i, label in enumerate(labels * 3)]
    data = load_classes(ClassDataSpec(str(write(tmp_path / "t.csv", "text,label\n" + "\n".join(lines)))))
    assert data.classes == classes and data.num_classes == len(classes)


def test_text_column_is_found_by_length_and_label_column_is_last(tmp_path):
    table = "a\tb\tc\n" + "".join(f"x{i}\tquite a long text about film {i}\t{i % 2}\n" for i in range(10))
    data = load_classes(ClassDataSpec(str(write(tmp_path / "plain.tsv", table))))
    assert "film" in data.vocab and "x1" not in data.vocab and data.classes == ("negative", "positive")


def make_aclimdb(root: Path) -> Path:
    reviews = {"neg": ["An awful film.<br /><br />Truly awful.", "Dull and awful.", "Awful acting, dull plot."],
               "pos": ["A wonderful film.<br />Wonderful!", "Wonderful cast.", "Simply wonderful, moving."]}
    for split in ("train", "test"):
        for part, texts in reviews.items():
            folder = root / "aclImdb" / split / part
            folder.mkdir(parents=True)
            for i, text in enumerate(texts):
                write(folder / f"{i}_{1 if part == 'neg' else 9}.txt", text if split == "train" else "test " * 5)
    write(root / "aclImdb" / "README", "not a review")
    return root / "aclImdb"


def test_aclimdb_folder_its_parent_and_its_train_folder(tmp_path):
    folder = make_aclimdb(tmp_path)
    loaded = [load_classes(ClassDataSpec(str(path), valid_fraction=0.5))
              for path in (folder, tmp_path, folder / "train")]
    data = loaded[0]
    assert data.name == "aclImdb" and data.classes == ("negative", "positive")
    assert len(data.y_train) == len(data.y_valid) == 3
    assert "br" not in data.vocab and "test" not in data.vocab      # <br /> gone, test/ not read
    for text, y in zip(data.valid_texts, data.y_valid.tolist()):
        assert ("wonderful" in text.lower()) == (y == 1)
    for other in loaded[1:]:
        assert np.array_equal(other.x_train, data.x_train) and other.valid_texts == data.valid_texts


# --- bad input: one line naming the file ------------------------------------------------------

@pytest.mark.parametrize("name, content, words", [
    ("empty.tsv", b"", "empty"),
    ("binary.csv", b"text,label\n\x00\x01\x02\x03", "binary"),
    ("oneclass.tsv", "text\tlabel\ngood\t1\nfine\t1\nnice\t1\n", "two classes"),
    ("many.csv", "text,label\n" + "".join(f"t{i},{i}\n" for i in range(MAX_CLASSES + 1)), "label column"),
    ("onecolumn.txt", "text\nsome review\nanother\n", "label column"),
    ("ragged.tsv", "text\tlabel\ngood\t1\nbad\n", "line 3"),
    ("headeronly.tsv", "document\tlabel\n", "no row"),
    ("nolabel.tsv", "document\tlabel\ngood\t1\nbad\t\n", "line 3"),
    ("aclImdb_v1.tar.gz", b"\x1f\x8b\x08\x00", "extract"),
    ("utf16.csv", "text,label\ngood,1\n".encode("utf-16"), "UTF-16"),
])
def test_bad_files_are_one_line_naming_the_file(tmp_path, name, content, words):
    path = write(tmp_path / name, content)
    message = refusal(lambda: load_classes(ClassDataSpec(str(path))))
    assert name in message and words in message


def test_a_folder_in_another_layout_says_what_is_expected(tmp_path):
    (tmp_path / "reviews" / "good").mkdir(parents=True)
    message = refusal(lambda: load_classes(ClassDataSpec(str(tmp_path / "reviews"))))
    assert message.startswith("reviews:") and "train/neg" in message and "train/pos" in message


def test_an_aclimdb_part_without_reviews_or_with_a_bad_review(tmp_path):
    folder = make_aclimdb(tmp_path)
    for file in (folder / "train" / "pos").iterdir():
        file.unlink()
    message = refusal(lambda: load_classes(ClassDataSpec(str(folder))))
    assert "aclImdb" in message and "pos" in message
    write(folder / "train" / "pos" / "0_9.txt", b"")
    message = refusal(lambda: load_classes(ClassDataSpec(str(folder))))
    assert "aclImdb/pos" in message and "0_9.txt" in message and "empty" in message


@needs_fifo
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "reviews.tsv"
    os.mkfifo(fifo)
    message = refusal(lambda: load_classes(ClassDataSpec(str(fifo))))
    assert "reviews.tsv" in message and "FIFO" in message


def test_a_missing_source_names_the_generated_ones(tmp_path):
    message = refusal(lambda: load_classes(ClassDataSpec(str(tmp_path / "review"))))
    assert "review:" in message and all(name in message for name in GENERATED)


@pytest.mark.parametrize("fields", [
    {"vocab_size": 2}, {"max_len": 0}, {"skip_top": -1}, {"n": 5}, {"valid_fraction": 0.0},
    {"valid_fraction": 1.0}, {"level": "byte"}, {"drop_unknown": 1}, {"source": ""},
    {"source": "first-token", "level": "char"}, {"source": "first-token", "max_len": 2},
])
def test_the_spec_refuses_values_that_make_no_sense(fields):
    with pytest.raises(ConfigError) as info:
        ClassDataSpec(**fields)
    assert "\n" not in str(info.value)


# --- use -------------------------------------------------------------------------------------

def test_encode_reads_a_typed_text_as_training_did():
    data = load_classes(ClassDataSpec("reviews", n=400, vocab_size=50, max_len=6))
    ids, tokens = data.encode("The acting was NOT boring at all, qwerty!")
    assert tokens == ("was", "not", "boring", "at", "all", UNK)                 # the last T tokens
    assert tokens == data.tokens_of(ids) and ids.dtype == np.int64 and ids[-1] == 1
    with pytest.raises(CorpusError):
        data.encode("?!  ...")
    dropping = load_classes(ClassDataSpec("reviews", n=400, vocab_size=50, drop_unknown=True))
    assert dropping.encode("qwerty the")[1] == ("the",)
    with pytest.raises(CorpusError, match="vocabulary"):
        dropping.encode("qwerty asdf")


def test_tokenize_words_and_characters():
    text = "Didn’t LOVE it.<br /><br />The director's 2nd film: 'meh'. 연기가 좋았다!"
    assert tokenize(text, "word") == ["didn't", "love", "it", "the", "director's", "2nd", "film", "meh",
                                      "연기가", "좋았다"]
    assert "".join(tokenize("A  b<br />\n\tC ", "char")) == "a b c"


def test_describe_is_json_and_rebuilds_the_same_data():
    data = load_classes(ClassDataSpec("reviews-ko", n=200, vocab_size=80, max_len=12, seed=7))
    saved = json.loads(json.dumps(describe(data)))
    assert saved["name"] == "reviews (Korean)" and saved["classes"] == ["negative", "positive"]
    assert saved["train_size"] + saved["valid_size"] == 200
    again = load_classes(from_dict(ClassDataSpec, saved["spec"]))
    assert describe(again) == saved and np.array_equal(again.x_train, data.x_train)
    assert again.vocab == data.vocab and again.valid_texts == data.valid_texts


def test_first_token_rows_hold_the_whole_sequence():
    data = load_classes(ClassDataSpec("first-token", n=200, max_len=12))
    assert data.max_len == 12 and (data.len_train == 12).all() and len(data.vocab) == 22
    positive = {data.vocab.id(word) for word in ("ka", "lo", "mi", "nu", "pe", "ri", "sa", "tu", "vo", "ze")}
    starts_positive = np.isin(data.x_train[:, :3], list(positive)).all(axis=1)
    assert np.array_equal(starts_positive, data.y_train == 1)
