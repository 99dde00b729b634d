"""Hostile corpus files get one clear line each, and streaming gives the ids whole-file reading gives."""
from __future__ import annotations

import os
import socket
import stat
import threading

import numpy as np
import pytest

from rnnviz.engine import textfile
from rnnviz.engine.data import (
    MAX_VALID_TOKENS, CorpusError, TBPTTStream, build_vocab, encode_file, eval_batches, load_corpus, read_text,
    tokenize,
)
from rnnviz.engine.textfile import iter_text, open_regular_file
from rnnviz.engine.tokens import encode_pieces, id_dtype

is_root = hasattr(os, "geteuid") and os.geteuid() == 0
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


def raised_within(call, seconds: float = 5.0) -> BaseException | None:
    """What ``call()`` raised, or fail if it is still running after ``seconds`` (a blocked open).

    The call runs in a daemon thread, so a hang fails this test instead of freezing the suite.
    """
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
    if thread.is_alive():
        pytest.fail(f"still blocked after {seconds} s: reading must refuse the file, not wait on it")
    return outcome[0]


def message(call) -> str:
    exc = raised_within(call)
    assert isinstance(exc, CorpusError), f"expected a CorpusError, got {exc!r}"
    text = str(exc)
    assert "\n" not in text
    return text


# --- what a path is: only regular files are opened --------------------------------------------

@needs_fifo
def test_a_fifo_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "corpus.txt"
    os.mkfifo(fifo)
    expected = "corpus.txt: is a FIFO (named pipe), not a regular file; give a UTF-8 text file"
    assert message(lambda: read_text(fifo)) == expected
    assert message(lambda: load_corpus(fifo)) == expected
    (tmp_path / "train.txt").write_text("some training text\n" * 10)
    assert message(lambda: load_corpus(tmp_path / "train.txt", valid_source=fifo)) == expected
    assert message(lambda: load_corpus(tmp_path / "train.txt", test_source=fifo)) == expected


@needs_fifo
def test_a_fifo_swapped_in_after_the_check_does_not_hang(tmp_path, monkeypatch):
    fifo = tmp_path / "raced.txt"
    os.mkfifo(fifo)
    monkeypatch.setattr(textfile, "check_regular_file", lambda path: None)    # the path passed stat
    assert "raced.txt: is a FIFO (named pipe)" in message(lambda: open_regular_file(fifo))


@needs_fifo
def test_a_ptb_folder_whose_valid_file_is_a_fifo_says_so(tmp_path):
    (tmp_path / "ptb.train.txt").write_text(" the cat sat \n" * 50)
    os.mkfifo(tmp_path / "ptb.valid.txt")
    assert message(lambda: load_corpus(tmp_path, "word")).startswith("ptb.valid.txt: is a FIFO")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_a_character_device():
    expected = "zero: is a character device, not a regular file; give a UTF-8 text file"
    assert message(lambda: load_corpus("/dev/zero")) == expected
    assert message(lambda: read_text("/dev/zero")) == expected


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
    except OSError as exc:                  # a long tmp path can exceed AF_UNIX's 108 bytes
        pytest.skip(f"cannot bind a socket here: {exc}")
    with server:
        assert message(lambda: read_text(path)) == "s.sock: is a socket, not a regular file; give a UTF-8 text file"


def test_a_symbolic_link_loop_and_a_dangling_link(tmp_path):
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    expected = "a.txt: is a symbolic link loop; point it at a text file"
    assert message(lambda: load_corpus(tmp_path / "a.txt")) == expected
    assert message(lambda: load_corpus(str(tmp_path / "a.txt"))) == expected
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    assert message(lambda: read_text(tmp_path / "dangling.txt")).startswith(
        "dangling.txt: is a symbolic link to a missing file")


def test_a_symbolic_link_to_a_text_file_is_followed(tmp_path):
    (tmp_path / "real.txt").write_text("hello there\n")
    os.symlink(tmp_path / "real.txt", tmp_path / "link.txt")
    assert read_text(tmp_path / "link.txt") == "hello there\n"


def test_missing_file_and_directories(tmp_path):
    assert message(lambda: load_corpus(tmp_path / "nothere.txt")) == "nothere.txt: no such file"
    assert message(lambda: read_text(tmp_path)) == (
        f"{tmp_path.name}: is a directory, not a regular file; give a UTF-8 text file")
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a PTB file\n")
    assert message(lambda: load_corpus(folder)) == (
        "texts: is a directory without ptb.train.txt; give a text file, or a folder holding the "
        "Penn Treebank's ptb.train.txt, ptb.valid.txt, ptb.test.txt")


@pytest.mark.skipif(is_root, reason="root reads files whatever their permissions; "
                                    "test_permission_denied_on_open covers the message")
def test_an_unreadable_file_says_permission_denied(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("secret text\n")
    path.chmod(0)
    try:
        assert message(lambda: load_corpus(path)) == (
            "locked.txt: cannot read (permission denied); check the file's permissions")
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_permission_denied_on_open(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("secret text\n")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(textfile.os, "open", denied)
    assert message(lambda: load_corpus(path)) == (
        "locked.txt: cannot read (permission denied); check the file's permissions")


# --- what a file holds ------------------------------------------------------------------------

HOSTILE = [
    (b"", "empty file; give a UTF-8 text file with some text in it"),
    (b" \r\n\t \n" * 50, "only whitespace; give a file with some text in it"),
    (b"\xef\xbb\xbf \n", "only whitespace; give a file with some text in it"),
    (b"text " * 300 + b"\x00\x01\x02", "binary file (NUL byte at offset 1500); give a UTF-8 text file"),
    (bytes(range(256)) * 4, "binary file (NUL byte at offset 0); give a UTF-8 text file"),
    ("Hello, world\n".encode("utf-16"), "is UTF-16 text (little-endian) with a byte-order mark; save it as UTF-8"),
    ("Hello, world\n".encode("utf-16-le"),
     "is UTF-16 text (little-endian, no byte-order mark); save it as UTF-8"),
    (b"\xfe\xff" + "Hello, world\n".encode("utf-16-be"),
     "is UTF-16 text (big-endian) with a byte-order mark; save it as UTF-8"),
    ("Hello, world\n".encode("utf-16-be"), "is UTF-16 text (big-endian, no byte-order mark); save it as UTF-8"),
    ("Hello\n".encode("utf-32"), "is UTF-32 text (little-endian) with a byte-order mark; save it as UTF-8"),
    ("un café au lait\n".encode("latin-1"), "not UTF-8 text (invalid byte 0xe9 at offset 6); save it as UTF-8"),
    ("한국어 ok ".encode() * 100 + "한".encode()[:2],
     "not UTF-8 text (invalid byte 0xed at offset 1300); save it as UTF-8"),
]


@pytest.mark.parametrize("chunk_bytes", [3, 7, 4096])
@pytest.mark.parametrize("content, problem", HOSTILE)
def test_hostile_contents_name_the_file_and_the_fix(tmp_path, content, problem, chunk_bytes):
    path = tmp_path / "corpus.txt"
    path.write_bytes(content)
    expected = f"corpus.txt: {problem}"
    assert message(lambda: "".join(iter_text(path, chunk_bytes))) == expected
    assert message(lambda: load_corpus(path, chunk_bytes=chunk_bytes)) == expected
    assert message(lambda: load_corpus(path, "word", normalize=True, chunk_bytes=chunk_bytes)) == expected


@pytest.mark.parametrize("level, text, token", [
    ("char", "aaaa", "'a'"), ("char", "zzzzzzzzzz", "'z'"), ("word", "hello hello hello", "'hello'"),
])
def test_one_distinct_token_says_a_language_model_needs_two(tmp_path, level, text, token):
    path = tmp_path / "corpus.txt"
    path.write_text(text)
    unit = "character" if level == "char" else "word"
    assert message(lambda: load_corpus(path, level)) == (
        f"corpus.txt: has only one distinct {unit} ({token}); a language model needs at least two, "
        "so give a longer or more varied text")


def test_one_distinct_token_after_normalising_or_limiting(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_text("AAA! aaa? A.")                     # normalised: "aaa aaa a" has 'a' and ' '
    assert len(load_corpus(path, normalize=True).vocab) == 3
    path.write_text("aaaa!!!!")                         # normalised: "aaaa" (and <unk>)
    assert "only one distinct character ('a')" in message(lambda: load_corpus(path, normalize=True))
    path.write_text("aaaa bbbb")
    assert message(lambda: load_corpus(path, limit_tokens=3)).startswith(
        "corpus.txt: has only one distinct character in its first 3 tokens ('a')")
    path.write_text("1984, 2001 -- 42!\n")
    assert message(lambda: load_corpus(path, normalize=True)).startswith(
        "corpus.txt: no tokens left after normalisation")


def test_shorter_than_one_batch_names_the_corpus(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("just a few words here")
    corpus = load_corpus(path, "word")
    assert message(lambda: TBPTTStream(corpus.train, 20, 35, name=corpus.name)) == (
        "corpus 'short.txt' has 5 tokens; batch_size=20 x bptt=35 needs at least 701: "
        "give a longer text or lower batch_size or bptt")


# --- streaming: the same ids as reading the whole file ----------------------------------------

MIXED = ("\ufeff한국어 텍스트와 English text.\r\nSecond line\r\rthird\rline café\r\n\r\n"
         "  spaced   out\twords\x0bhere \u2028 and more 한국어\r\n" * 3 + "last line without end\r")


def whole_file_reference(text: str, level: str, normalize: bool, limit: int | None = None):
    """The pre-streaming load_corpus: tokenise the whole text, vocabulary from the (limited) tokens."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    tokens = tokenize(text, level, normalize)[:limit]
    vocab = build_vocab(tokens, level, normalize=normalize)
    return vocab.tokens, vocab.encode(tokens)


@pytest.mark.parametrize("normalize", [False, True])
@pytest.mark.parametrize("level", ["char", "word"])
def test_streaming_equals_whole_file_reading_at_every_chunk_size(tmp_path, level, normalize):
    path = tmp_path / "mixed.txt"
    path.write_bytes(MIXED.encode("utf-8"))
    want_tokens, want_ids = whole_file_reference(MIXED, level, normalize)
    for chunk_bytes in [*range(1, 12), 64, 4096]:
        corpus = load_corpus(path, level, normalize=normalize, valid_fraction=0.0, chunk_bytes=chunk_bytes)
        assert corpus.vocab.tokens == want_tokens, chunk_bytes
        np.testing.assert_array_equal(corpus.train, want_ids)
        assert corpus.train.dtype == np.uint8


def test_pieces_never_split_crlf_or_a_character(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(MIXED.encode("utf-8"))
    want = MIXED.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for chunk_bytes in range(1, 9):
        pieces = list(iter_text(path, chunk_bytes))
        assert "".join(pieces) == want and all(pieces)
        assert not any(piece.endswith("\r") or "\ufffd" in piece for piece in pieces)


@pytest.mark.parametrize("level, normalize", [("char", False), ("word", False), ("word", True)])
def test_random_cuts_and_limits_give_the_same_tokens(level, normalize):
    rng = np.random.default_rng(14)
    words = ["the", "cat", "한국어", "sat", "on", "mat", "Ünïcode", "\n", " ", "  ", "\t", "x"]
    text = "".join(rng.choice(words, size=3000))
    for seed in range(5):
        cuts = np.sort(np.random.default_rng(seed).integers(0, len(text), size=60))
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
        for limit in (None, 1, 17, 900):
            tokens, ids = encode_pieces(pieces, level, normalize, limit=limit)
            want_tokens, want_ids = whole_file_reference(text, level, normalize, limit)
            assert tokens == want_tokens
            np.testing.assert_array_equal(ids, want_ids)


def test_ids_take_the_smallest_dtype_the_vocabulary_fits():
    assert [id_dtype(v) for v in (2, 256, 257, 65_536, 65_537)] == [
        np.uint8, np.uint8, np.uint16, np.uint16, np.int32]
    words = [f"w{i}" for i in range(70_000)]
    for count, dtype in ((200, np.uint8), (300, np.uint16), (70_000, np.int32)):
        # vocabulary growth in the middle of the stream widens what was already stored
        pieces = [" ".join(words[:count // 2]) + " ", " ".join(words[:count]) + "\n"]
        tokens, ids = encode_pieces(pieces, "word", capacity=10)
        assert ids.dtype == dtype and len(tokens) == count + 1
        np.testing.assert_array_equal(ids[:count // 2], np.arange(count // 2))
        np.testing.assert_array_equal(ids[count // 2:-1], np.arange(count))


def test_compact_ids_give_the_same_int64_batches():
    ids = np.random.default_rng(3).integers(0, 250, size=2000)
    compact = ids.astype(np.uint8)
    wide, small = TBPTTStream(ids, 4, 7), TBPTTStream(compact, 4, 7)
    assert small.ids.dtype == np.uint8                 # no int64 copy of the corpus
    for _ in range(3 * wide.iters_per_epoch):
        for a, b in zip(wide.next_batch(), small.next_batch()):
            assert b.dtype == np.int64
            np.testing.assert_array_equal(a, b)
    for (wx, wt), (sx, st) in zip(eval_batches(ids, 4, 7), eval_batches(compact, 4, 7), strict=True):
        assert sx.dtype == st.dtype == np.int64
        np.testing.assert_array_equal(wx, sx)
        np.testing.assert_array_equal(wt, st)


def test_default_validation_split_is_capped(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_text("abcdefghij" * 100)
    assert MAX_VALID_TOKENS == 1_000_000
    assert len(load_corpus(path).valid) == 100                      # 10 %, under the cap
    capped = load_corpus(path, max_valid_tokens=30)
    assert len(capped.valid) == 30 and len(capped.train) == 970
    assert capped.valid.tolist() == load_corpus(path, valid_fraction=0.03).valid.tolist()   # from the end
    assert len(load_corpus(path, valid_fraction=0.5, max_valid_tokens=None).valid) == 500


def test_validation_file_streams_in_the_training_vocabulary(tmp_path):
    (tmp_path / "train.txt").write_text("한국어 abc\r\n" * 20)
    (tmp_path / "valid.txt").write_bytes("abc 한국어\r\n".encode() * 5)
    corpus = load_corpus(tmp_path / "train.txt", valid_source=tmp_path / "valid.txt", chunk_bytes=2)
    assert corpus.vocab.join(corpus.vocab.decode(corpus.valid)) == "abc 한국어\n" * 5
    (tmp_path / "other.txt").write_text("abc z")
    assert message(lambda: encode_file(tmp_path / "other.txt", corpus.vocab, chunk_bytes=2)) == (
        "other.txt: token 'z' is not in the vocabulary, which has no <unk>")
