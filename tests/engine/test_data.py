"""Data layer: reading, tokenising, vocabularies, corpora and the book's batch layouts."""
from __future__ import annotations

import json

import numpy as np
import pytest

from rnnviz import resources
from rnnviz.engine.data import (
    Corpus, CorpusError, TBPTTStream, Vocab, build_vocab, check_trainable, eval_batches,
    load_corpus, normalize_chars, read_text, tokenize,
)

SHARED = resources.shared_corpora_dir()
PTB_DIR = SHARED / "ptb" if SHARED is not None else None
TIMEMACHINE = SHARED / "timemachine.txt" if SHARED is not None else None
needs_ptb = pytest.mark.skipif(
    PTB_DIR is None or not (PTB_DIR / "ptb.train.txt").is_file(),
    reason="PTB not found: set RNNVIZ_CORPORA to a folder holding ptb/ptb.train.txt")
needs_timemachine = pytest.mark.skipif(
    TIMEMACHINE is None or not TIMEMACHINE.is_file(),
    reason="timemachine.txt not found: set RNNVIZ_CORPORA to a folder holding it")


# --- the book's loops, ported literally, as oracles ------------------------------------------

def book_get_batch(xs, ts, batch_size, time_size, time_idx):
    """RnnlmTrainer.get_batch from the book's common/trainer.py; returns the new time_idx too."""
    batch_x = np.empty((batch_size, time_size), dtype=np.int64)
    batch_t = np.empty((batch_size, time_size), dtype=np.int64)
    data_size = len(xs)
    jump = data_size // batch_size
    offsets = [i * jump for i in range(batch_size)]
    for time in range(time_size):
        for i, offset in enumerate(offsets):
            batch_x[i, time] = xs[(offset + time_idx) % data_size]
            batch_t[i, time] = ts[(offset + time_idx) % data_size]
        time_idx += 1
    return batch_x, batch_t, time_idx


def book_eval_layout(corpus, batch_size, time_size):
    """The batches eval_perplexity in the book's common/util.py builds."""
    corpus_size = len(corpus)
    max_iters = (corpus_size - 1) // (batch_size * time_size)
    jump = (corpus_size - 1) // batch_size
    out = []
    for iters in range(max_iters):
        xs = np.zeros((batch_size, time_size), dtype=np.int64)
        ts = np.zeros((batch_size, time_size), dtype=np.int64)
        time_offset = iters * time_size
        offsets = [time_offset + (i * jump) for i in range(batch_size)]
        for t in range(time_size):
            for i, offset in enumerate(offsets):
                xs[i, t] = corpus[(offset + t) % corpus_size]
                ts[i, t] = corpus[(offset + t + 1) % corpus_size]
        out.append((xs, ts))
    return out


# --- tokenising and vocabularies -------------------------------------------------------------

def test_char_tokens_keep_newlines():
    assert tokenize("ab\nc", "char") == ["a", "b", "\n", "c"]


def test_word_tokens_match_the_books_ptb_reader_and_do_not_glue_eos():
    ptb_like = " the cat sat \n on the mat \n"
    book = ptb_like.replace("\n", "<eos>").strip().split()
    assert tokenize(ptb_like, "word") == book == ["the", "cat", "sat", "<eos>", "on", "the", "mat", "<eos>"]
    assert tokenize("one two\nthree", "word") == ["one", "two", "<eos>", "three"]


def test_bad_level_is_a_corpus_error():
    with pytest.raises(CorpusError, match="level"):
        tokenize("abc", "byte")


def test_toy_sentence_gives_the_books_ids():
    corpus = load_corpus("toy", "word")
    assert corpus.name == "toy"
    assert corpus.vocab.tokens == ("you", "say", "goodbye", "and", "i", "hello", ".")
    assert corpus.train.tolist() == [0, 1, 2, 3, 4, 1, 5, 6]       # the book's preprocess()
    assert corpus.valid.size == 0                                   # 10% of 8 tokens rounds to 0


def test_vocab_is_in_first_occurrence_order_and_round_trips_through_json():
    vocab = build_vocab(tokenize("b a c a b\nd", "word"), "word")
    assert vocab.tokens == ("b", "a", "c", "<eos>", "d")
    assert vocab.eos_id == 3 and vocab.unk_id is None and len(vocab) == 5
    again = Vocab.from_json(json.loads(json.dumps(vocab.to_json())))
    assert again == vocab and again.id("d") == 4
    ids = vocab.encode(["a", "d", "b"])
    assert ids.dtype == np.int64 and ids.tolist() == [1, 4, 0]
    assert vocab.decode(ids) == ["a", "d", "b"] and vocab.join(vocab.decode(ids)) == "a d b"


def test_unknown_tokens_map_to_unk_or_name_the_token():
    with_unk = Vocab(("<unk>", "a", "b"), "char")
    assert with_unk.id("z") == 0 and with_unk.encode("abz").tolist() == [1, 2, 0]
    without = Vocab(("a", "b"), "char")
    with pytest.raises(CorpusError, match="'z'"):
        without.id("z")
    with pytest.raises(CorpusError, match="'z'"):
        without.encode("abz")
    with pytest.raises(CorpusError, match="out of range"):
        without.decode([2])


@pytest.mark.parametrize("bad", [
    [], {"level": "char"}, {"tokens": ["a"]}, {"level": "char", "tokens": "ab"},
    {"level": "bytes", "tokens": ["a"]}, {"level": "char", "tokens": ["a", "a"]},
])
def test_malformed_vocab_json_is_a_corpus_error(bad):
    with pytest.raises(CorpusError):
        Vocab.from_json(bad)


def test_d2l_normalisation_gives_28_symbols_with_unk():
    text = "The quick brown fox, 1895!\n\nJumps over -- the LAZY dog.\n  \n"
    assert normalize_chars(text) == "the quick brown fox jumps over the lazy dog"
    vocab = build_vocab(tokenize(text, "char", normalize=True), "char", normalize=True)
    assert len(vocab) == 28 and vocab.tokens[0] == "<unk>"
    assert set(vocab.tokens) == set("abcdefghijklmnopqrstuvwxyz ") | {"<unk>"}
    assert vocab.tokenize("Hi, Bob") == list("hi bob")


# --- reading files: every bad input says what and where --------------------------------------

@pytest.mark.parametrize("content, expected", [
    (b"", "bad.txt: empty file; give a UTF-8 text file with some text in it"),
    (b"  \n\t\r\n ", "bad.txt: only whitespace; give a file with some text in it"),
    (b"hello\x00world" + b"x" * 10, "bad.txt: binary file (NUL byte at offset 5); give a UTF-8 text file"),
    (b"caf\xc3\xa9 ok! " * 100 + b"\xff tail",
     "bad.txt: not UTF-8 text (invalid byte 0xff at offset 1000); save it as UTF-8"),
    ("café".encode("utf-8")[:-1] + b" and more",
     "bad.txt: not UTF-8 text (invalid byte 0xc3 at offset 3); save it as UTF-8"),
])
def test_bad_files_name_the_file_and_the_offset(tmp_path, content, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError) as info:
        read_text(path)
    assert str(info.value) == expected
    with pytest.raises(CorpusError, match="bad.txt"):
        load_corpus(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(CorpusError, match=r"^nothere\.txt: no such file$"):
        load_corpus(tmp_path / "nothere.txt")
    names = r"^ghost: no such file or corpus name \(names: .*tale.*python-docs"
    with pytest.raises(CorpusError, match=names):
        load_corpus("ghost")
    (tmp_path / "folder").mkdir()
    with pytest.raises(CorpusError, match=r"^folder: is a directory"):
        read_text(tmp_path / "folder")
    with pytest.raises(CorpusError, match=r"^folder: is a directory without ptb.train.txt"):
        load_corpus(tmp_path / "folder")


def test_crlf_and_bom_are_normalised(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbfab\r\ncd\re")
    assert read_text(path) == "ab\ncd\ne"


def test_too_short_for_one_batch_says_how_many_tokens_are_needed():
    ids = np.arange(120)
    with pytest.raises(CorpusError) as info:
        check_trainable(ids, 20, 35, "tale")
    assert str(info.value) == ("corpus 'tale' has 120 tokens; batch_size=20 x bptt=35 needs at least 701: "
                               "give a longer text or lower batch_size or bptt")
    check_trainable(np.arange(701), 20, 35, "tale")
    with pytest.raises(CorpusError, match="needs at least 701"):
        TBPTTStream(ids, 20, 35, name="tale")
    with pytest.raises(CorpusError, match="needs at least 701"):
        eval_batches(ids, 20, 35)                  # raised at the call, not at the first next()
    with pytest.raises(CorpusError, match="batch_size"):
        TBPTTStream(np.arange(100), 0, 5)


# --- batch layouts ---------------------------------------------------------------------------

@pytest.mark.parametrize("n, batch_size, bptt", [(53, 3, 5), (101, 4, 7), (36, 5, 7), (1000, 10, 35)])
def test_tbptt_stream_equals_the_books_get_batch_across_wrap_around(n, batch_size, bptt):
    corpus = np.random.default_rng(n).integers(0, 50, size=n)
    xs, ts = corpus[:-1], corpus[1:]
    stream = TBPTTStream(corpus, batch_size, bptt)
    assert stream.iters_per_epoch == len(xs) // (batch_size * bptt)
    time_idx = 0
    for _ in range(3 * stream.iters_per_epoch + 2):       # several epochs: rows wrap past the end
        want_x, want_t, time_idx = book_get_batch(xs, ts, batch_size, bptt, time_idx)
        got_x, got_t = stream.next_batch()
        assert got_x.dtype == np.int64 and got_x.shape == (batch_size, bptt)
        np.testing.assert_array_equal(got_x, want_x)
        np.testing.assert_array_equal(got_t, want_t)
        assert stream.time_idx == time_idx


def test_tbptt_stream_reuses_its_buffers_and_restores_its_position():
    corpus = np.arange(200) % 17
    stream = TBPTTStream(corpus, 4, 6)
    first_x, _ = stream.next_batch()
    kept = first_x.copy()
    for _ in range(4):
        x, _ = stream.next_batch()
    assert x is first_x and not np.array_equal(x, kept)
    state = json.loads(json.dumps(stream.state_dict()))
    expected = [tuple(a.copy() for a in stream.next_batch()) for _ in range(3)]
    resumed = TBPTTStream(corpus, 4, 6)
    resumed.load_state_dict(state)
    for want_x, want_t in expected:
        got_x, got_t = resumed.next_batch()
        np.testing.assert_array_equal(got_x, want_x)
        np.testing.assert_array_equal(got_t, want_t)
    with pytest.raises(CorpusError, match="time_idx"):
        resumed.load_state_dict({"time_idx": -1})


@pytest.mark.parametrize("n, batch_size, bptt", [(53, 3, 5), (101, 4, 7), (36, 5, 7), (2000, 10, 35)])
def test_eval_batches_equal_the_books_eval_perplexity_layout(n, batch_size, bptt):
    corpus = np.random.default_rng(n).integers(0, 50, size=n)
    want = book_eval_layout(corpus, batch_size, bptt)
    got = list(eval_batches(corpus, batch_size, bptt))
    assert len(got) == len(want) > 0
    for (gx, gt), (wx, wt) in zip(got, want):
        np.testing.assert_array_equal(gx, wx)
        np.testing.assert_array_equal(gt, wt)
    assert got[0][0] is not got[-1][0] or len(got) == 1


# --- corpora ---------------------------------------------------------------------------------

def test_bundled_corpora_resolve_and_are_ascii():
    bundled = resources.bundled_corpora()
    assert {"toy", "tale"} <= set(bundled)
    assert resources.BUILTIN_NAMES == ("python-docs",)
    tale = bundled["tale"].read_bytes()
    assert 15_000 <= len(tale) <= 30_000 and tale.isascii()
    assert bundled["toy"].read_text() == "you say goodbye and i say hello ."


def test_validation_split_is_the_last_tenth_and_the_vocab_covers_both():
    corpus = load_corpus("tale", "char")
    total = len(tokenize(read_text(resources.bundled_corpora()["tale"]), "char"))
    assert isinstance(corpus, Corpus) and corpus.name == "tale" and corpus.test is None
    assert len(corpus.valid) == int(total * 0.1) and len(corpus.train) + len(corpus.valid) == total
    assert corpus.vocab.unk_id is None and set(corpus.vocab.decode(corpus.valid)) <= set(corpus.vocab.tokens)
    assert not corpus.train.flags.writeable
    half = load_corpus("tale", "word", valid_fraction=0.5)
    assert abs(len(half.train) - len(half.valid)) <= 1
    limited = load_corpus("tale", "char", limit_tokens=500)
    assert len(limited.train) == 500 and limited.valid.size == 0


def test_explicit_valid_file_uses_the_training_vocab(tmp_path):
    (tmp_path / "train.txt").write_text("a b a c\n")
    (tmp_path / "valid.txt").write_text("a z\n")
    with pytest.raises(CorpusError, match=r"^valid.txt: token 'z'"):
        load_corpus(tmp_path / "train.txt", "word", valid_source=tmp_path / "valid.txt")
    corpus = load_corpus(tmp_path / "train.txt", "char", normalize=True, valid_source=tmp_path / "valid.txt",
                         test_source=tmp_path / "train.txt")
    assert corpus.vocab.decode(corpus.valid) == ["a", " ", "<unk>"]
    assert corpus.test.tolist() == corpus.train.tolist()


def test_python_docs_is_a_large_builtin_corpus():
    corpus = load_corpus("python-docs", "char")
    assert corpus.name == "python-docs"
    assert len(corpus.train) + len(corpus.valid) > 100_000


def test_shared_corpora_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("RNNVIZ_CORPORA", str(tmp_path))
    assert resources.shared_corpora_dir() == tmp_path


@pytest.fixture(scope="module")
def ptb():
    return load_corpus(PTB_DIR, "word")


@needs_ptb
def test_ptb_sizes_match_the_book(ptb):
    assert (len(ptb.train), len(ptb.valid), len(ptb.test)) == (929_589, 73_760, 82_430)
    assert len(ptb.vocab) == 10_000
    assert ptb.vocab.tokens[:3] == ("aer", "banknote", "berlitz")           # the book's first ids
    assert ptb.vocab.unk_id is not None and ptb.vocab.eos_id is not None


@needs_ptb
def test_ptb_first_thousand_tokens_give_the_books_chapter_5_vocab():
    corpus = load_corpus(PTB_DIR / "ptb.train.txt", "word", limit_tokens=1000)
    assert len(corpus.train) == 1000 and len(corpus.vocab) == 418
    assert corpus.valid.size == 0 and corpus.test is None
    assert int(corpus.train.max()) + 1 == 418                                # the book's vocab_size


@needs_timemachine
def test_time_machine_normalised_characters_have_28_symbols():
    corpus = load_corpus(TIMEMACHINE, "char", normalize=True)
    assert len(corpus.vocab) == 28


# --- the data dict a run stores ---------------------------------------------------------------

def test_corpus_spec_has_every_key_and_loads_the_same_corpus(tmp_path):
    from rnnviz.engine.data import corpus_spec, load_corpus_from
    valid = tmp_path / "v.txt"
    valid.write_text("the the", encoding="utf-8")
    spec = corpus_spec("tale", "word", limit_tokens=50, valid=valid)
    assert spec == {"source": "tale", "level": "word", "normalize": False, "limit_tokens": 50,
                    "valid": str(valid), "test": None}
    corpus = load_corpus_from(spec)
    direct = load_corpus("tale", "word", limit_tokens=50, valid_source=valid)
    assert corpus.vocab == direct.vocab and np.array_equal(corpus.valid, direct.valid)
    # A form's 0 means no limit; missing keys take the defaults; unknown ones are ignored.
    assert len(load_corpus_from({"source": "tale", "limit_tokens": 0, "note": 1}).train) > 50
    with pytest.raises(CorpusError, match="names no corpus source"):
        load_corpus_from({"level": "char"})


def test_a_presets_spec_is_the_default_spec_with_its_settings():
    from rnnviz.engine.data import corpus_spec
    from rnnviz.engine.presets import PRESETS
    preset = PRESETS["dlfs2-ch5"]
    assert preset.corpus_spec("/x/ptb") == {**corpus_spec("/x/ptb"), "level": "word", "limit_tokens": 1000}
    assert PRESETS["tale-lstm"].corpus_spec()["source"] == "tale"
