"""The command line as a user meets it: files written, output printed, one-line errors."""
import csv
import json
import subprocess
import sys

import numpy as np
import pytest

from rnnviz import cli

SMALL = ["--cell", "lstm", "--embed-size", "8", "--hidden-size", "16", "--batch-size", "4",
         "--bptt", "8", "--optimizer", "adam", "--lr", "0.01"]


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    assert cli.main(["train", "tale", *SMALL, "--steps", "60", "--out", str(out)]) == 0
    return out


def test_train_writes_config_metrics_and_checkpoint(trained):
    config = json.loads((trained / "config.json").read_text())
    assert config["model"]["cell"] == "lstm" and config["train"]["max_steps"] == 60
    with open(trained / "metrics.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [int(r["iteration"]) for r in rows] == list(range(1, 61))
    assert float(rows[-1]["loss"]) < float(rows[0]["loss"])
    assert (trained / "checkpoint.npz").is_file()
    assert "valid_perplexity" in json.loads((trained / "results.json").read_text())


def test_metrics_csv_is_the_windows_export_and_the_checkpoint_carries_the_curves(trained, tmp_path):
    """One history: the checkpoint opens in the window with its curves, and the window's
    export of them is the command line's metrics.csv, byte for byte but the wall times."""
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.runtime.history import History
    history = History.from_arrays(load_checkpoint(trained / "checkpoint.npz").extra)
    assert len(history) == 60 and history.param_names
    history.to_csv(tmp_path / "export.csv")
    assert rows(tmp_path, "export.csv") == rows(trained)
    with open(trained / "metrics.csv", newline="") as f:
        assert next(csv.reader(f)) == history.csv_header()
    history.evals_to_csv(tmp_path / "evals.csv")
    assert (tmp_path / "evals.csv").read_text() == (trained / "evals.csv").read_text()


def test_sample_greedy_is_repeatable_and_seeded_sampling_reproducible(trained, capsys):
    ckpt = trained / "checkpoint.npz"
    _, a, _ = run(capsys, "sample", ckpt, "--prefix", "the ", "--length", 40, "--greedy")
    _, b, _ = run(capsys, "sample", ckpt, "--prefix", "the ", "--length", 40, "--greedy")
    assert a == b and a.startswith("the ") and len(a.rstrip("\n")) == 44
    _, c, _ = run(capsys, "sample", ckpt, "--prefix", "the ", "--length", 40, "--seed", 3)
    _, d, _ = run(capsys, "sample", ckpt, "--prefix", "the ", "--length", 40, "--seed", 3)
    _, e, _ = run(capsys, "sample", ckpt, "--prefix", "the ", "--length", 40, "--seed", 4)
    assert c == d and c != e


def test_eval_prints_perplexity(trained, capsys, tmp_path):
    code, out, _ = run(capsys, "eval", trained / "checkpoint.npz")
    assert code == 0 and out.startswith("perplexity ")
    text = tmp_path / "other.txt"
    text.write_text("the keeper climbed the stairs of the tower and lit the lamp. " * 20)
    code, out, _ = run(capsys, "eval", trained / "checkpoint.npz", "--corpus", text)
    assert code == 0 and "other.txt" in out
    assert 1.0 < float(out.split()[1]) < 60


def rows(folder, name="metrics.csv"):
    """metrics.csv without the wall-time column."""
    with open(folder / name, newline="") as f:
        return [{k: v for k, v in r.items() if k != "seconds"} for r in csv.DictReader(f)]


def test_same_seed_gives_identical_metrics(tmp_path, capsys):
    for name in ("a", "b"):
        assert cli.main(["train", "tale", *SMALL, "--dropout", "0.2", "--layers", "2", "--steps", "50",
                         "--seed", "7", "--out", str(tmp_path / name)]) == 0
    capsys.readouterr()
    assert rows(tmp_path / "a") == rows(tmp_path / "b") and len(rows(tmp_path / "a")) == 50


def test_resumed_run_equals_uninterrupted_run(tmp_path, capsys):
    straight, split = tmp_path / "straight", tmp_path / "split"
    assert cli.main(["train", "tale", *SMALL, "--dropout", "0.2", "--steps", "300", "--out", str(straight)]) == 0
    assert cli.main(["train", "tale", *SMALL, "--dropout", "0.2", "--steps", "150", "--out", str(split)]) == 0
    assert cli.main(["train", "--resume", str(split / "checkpoint.npz"), "--steps", "300"]) == 0
    capsys.readouterr()
    assert len(rows(split)) == 300
    assert rows(split) == rows(straight)
    with np.load(straight / "checkpoint.npz", allow_pickle=False) as a, \
            np.load(split / "checkpoint.npz", allow_pickle=False) as b:
        for key in a.files:
            if key.startswith("param/"):
                np.testing.assert_array_equal(a[key], b[key])


def write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make,words", [
    (lambda d: d / "missing.txt", ["missing.txt", "no such file"]),
    (lambda d: write(d / "empty.txt", b""), ["empty.txt", "empty"]),
    (lambda d: write(d / "bin.txt", b"abc\x00def"), ["bin.txt", "binary", "offset 3"]),
    (lambda d: write(d / "latin.txt", "caf\u00e9 au lait".encode("latin-1")), ["latin.txt", "UTF-8", "offset 3"]),
    (lambda d: write(d / "short.txt", b"just a few words here"), ["short.txt", "needs at least"]),
])
def test_bad_corpus_is_one_line_and_status_2(tmp_path, capsys, make, words):
    code, out, err = run(capsys, "train", make(tmp_path), *SMALL, "--steps", 5, "--out", tmp_path / "o")
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err


@pytest.mark.parametrize("flags,word", [
    (["--hidden-size", "0"], "hidden_size"),
    (["--lr", "-1"], "lr"),
    (["--lr", "nan"], "lr"),
    (["--batch-size", "0"], "batch_size"),
    (["--dropout", "1.5"], "dropout"),
    (["--layers", "9"], "num_layers"),
    (["--clip", "-2"], "clip"),
    (["--tie", "--embed-size", "8", "--hidden-size", "16"], "tie_weights"),
])
def test_nonsensical_sizes_and_rates(tmp_path, capsys, flags, word):
    code, _, err = run(capsys, "train", "tale", *SMALL, "--steps", 5, *flags, "--out", tmp_path / "o")
    assert code == 2 and word in err and err.count("\n") == 1


def test_bad_checkpoints(trained, tmp_path, capsys):
    good = (trained / "checkpoint.npz").read_bytes()
    truncated = write(tmp_path / "trunc.npz", good[: len(good) // 2])
    code, _, err = run(capsys, "sample", truncated, "--prefix", "a")
    assert code == 2 and "truncated or corrupt" in err and err.count("\n") == 1

    with np.load(trained / "checkpoint.npz", allow_pickle=False) as f:
        arrays = dict(f)
    meta = json.loads(arrays["meta.json"].tobytes().decode())
    meta["version"] = 99
    other = dict(arrays, **{"meta.json": np.frombuffer(json.dumps(meta).encode(), np.uint8)})
    np.savez(tmp_path / "v99.npz", **other)
    code, _, err = run(capsys, "eval", tmp_path / "v99.npz")
    assert code == 2 and "version 99" in err

    reshaped = dict(arrays, **{"param/lstm0.Wx": np.zeros((3, 3), np.float32)})
    np.savez(tmp_path / "shape.npz", **reshaped)
    code, _, err = run(capsys, "sample", tmp_path / "shape.npz", "--prefix", "a")
    assert code == 2 and "lstm0.Wx" in err and "shape" in err


def test_divergence_is_reported_and_checkpoint_stays_finite(tmp_path, capsys):
    code, _, err = run(capsys, "train", "tale", "--cell", "rnn", "--optimizer", "sgd", "--lr", "1e6",
                       "--clip", "0", "--steps", "200", "--out", tmp_path)
    assert code == 2 and "diverged" in err and "lower the learning rate" in err
    with np.load(tmp_path / "checkpoint.npz", allow_pickle=False) as arrays:
        assert all(np.isfinite(arrays[k]).all() for k in arrays.files if k.startswith("param/"))


def test_huge_learning_rate_on_the_ch5_config_triggers_the_guard(tmp_path, capsys):
    from rnnviz import resources
    shared = resources.shared_corpora_dir()
    if shared is None or not (shared / "ptb" / "ptb.train.txt").is_file():
        pytest.skip("PTB not found (set RNNVIZ_CORPORA to a folder holding ptb/ptb.train.txt)")
    code, _, err = run(capsys, "train", shared / "ptb", "--preset", "dlfs2-ch5", "--lr", "1e6",
                       "--out", tmp_path)
    assert code == 2 and "diverged" in err and "lower the learning rate (now 1e+06" in err
    with np.load(tmp_path / "checkpoint.npz", allow_pickle=False) as arrays:
        assert all(np.isfinite(arrays[k]).all() for k in arrays.files if k.startswith("param/"))


def test_errors_are_said_in_korean_with_lang_ko(tmp_path, capsys):
    """``rnnviz --lang ko`` prints its errors in Korean, still naming the file (this reads the
    compiled catalogue, rnnviz/translations/rnnviz_ko.qm)."""
    from rnnviz import localize
    taken = tmp_path / "taken.txt"
    taken.write_text("a file where the run folder should go")
    before = localize.language()
    try:
        code, _, err = run(capsys, "--lang", "ko", "train", "tale", *SMALL, "--steps", 5, "--out", taken)
    finally:
        localize.set_language(before)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("rnnviz train: error: ")
    message = err.split("error: ", 1)[1]
    assert str(taken) in message
    assert any("\uac00" <= ch <= "\ud7a3" for ch in message), message       # Hangul syllables


def test_help_and_module_entry_point_work():
    out = subprocess.run([sys.executable, "-m", "rnnviz", "--help"], capture_output=True, text=True,
                         check=True)
    assert "usage: rnnviz" in out.stdout and "train" in out.stdout and "gui" in out.stdout


# -- seq2seq ----------------------------------------------------------------------------------

def test_seq2seq_train_prints_accuracy_per_epoch(tmp_path, capsys):
    from rnnviz.engine.pairs import generate_addition, to_book_lines
    pairs = tmp_path / "pairs.txt"
    pairs.write_text("\n".join(to_book_lines(generate_addition(600, seed=1))) + "\n")
    code, out, err = run(capsys, "train", "--task", "seq2seq", "--corpus", str(pairs), "--reverse",
                         "--decoder", "peeky", "--hidden-size", "16", "--batch-size", "32", "--epochs", "2",
                         "--out", str(tmp_path / "run"))
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.startswith("epoch")]
    assert len(lines) == 2 and "test accuracy" in lines[0] and lines[1].startswith("epoch  2.00")
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    assert results["decoder"] == "peeky" and results["reverse"] and len(results["epochs"]) == 2
    with open(tmp_path / "run" / "accuracy.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["iteration", "epoch", "accuracy"] and len(rows) == 3


def test_seq2seq_train_replays_the_book_stream_unless_given_a_seed(tmp_path, capsys):
    def train(name, *flags):
        code, out, err = run(capsys, "train", "--task", "seq2seq", "--corpus", "addition", "--hidden-size",
                             "8", "--batch-size", "64", "--steps", "30", "--out", str(tmp_path / name), *flags)
        assert code == 0, err
        return out, rows(tmp_path / name)                             # without the seconds

    out, book = train("a")
    assert "the book's random stream (shuffle seed 1984)" in out
    assert train("b")[1] == book                                  # the same run, loss for loss
    out, seeded = train("c", "--seed", "5")
    assert "seeds 5 (weights) and 5 (order)" in out and seeded != book
    assert json.loads((tmp_path / "c" / "results.json").read_text())["seeds"] == [5, 5]


@pytest.mark.parametrize("flags, message", [
    (["--corpus", "missing.txt"], "missing.txt"),
    (["--corpus", "addition", "--cell", "rnn"], "cell"),
    ([], "needs --corpus"),
])
def test_seq2seq_bad_input_is_one_line_and_status_2(tmp_path, capsys, flags, message):
    code, out, err = run(capsys, "train", "--task", "seq2seq", "--out", str(tmp_path / "r"), *flags)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
