"""``rnnviz train --compare``: models in lockstep, one run folder (and metrics file) each."""
import csv
import json

import numpy as np
import pytest

from rnnviz import cli

SMALL = ["--embed-size", "8", "--hidden-size", "16", "--batch-size", "4", "--bptt", "8", "--optimizer", "adam",
         "--lr", "0.01", "--eval-every", "10"]


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_compare_writes_one_run_folder_per_model(tmp_path, capsys):
    out = tmp_path / "cmp"
    code, text, err = run(capsys, "train", "tale", *SMALL, "--steps", 30, "--compare", "rnn,lstm,gru", "--out", out)
    assert code == 0, err
    assert "3 models in lockstep" in text and "step 30" in text
    summary = json.loads((out / "results.json").read_text())
    assert list(summary["models"]) == ["rnn", "lstm", "gru"]
    for name in ("rnn", "lstm", "gru"):
        metrics = rows(out / name / "metrics.csv")
        assert [int(r["iteration"]) for r in metrics] == list(range(1, 31))
        assert [int(r["iteration"]) for r in rows(out / name / "evals.csv")] == [10, 20, 30]
        config = json.loads((out / name / "config.json").read_text())
        assert config["model"]["cell"] == name and config["cli"]["variant"] == name
        result = json.loads((out / name / "results.json").read_text())
        assert result["valid_perplexity"] == summary["models"][name]["valid_perplexity"]
        assert f"{result['valid_perplexity']:.3f}" in text
    # Same batches, different cells: different curves.
    losses = {name: [float(r["loss"]) for r in rows(out / name / "metrics.csv")] for name in ("rnn", "lstm")}
    assert losses["rnn"] != losses["lstm"]
    # Each folder is an ordinary run: it resumes alone.
    code, _, err = run(capsys, "train", "--resume", out / "lstm" / "checkpoint.npz", "--steps", 35)
    assert code == 0, err
    assert len(rows(out / "lstm" / "metrics.csv")) == 35


def test_two_identical_models_write_identical_metrics(tmp_path, capsys):
    out = tmp_path / "same"
    # lr=0.01 is the shared rate: the two configurations are the same.
    code, _, err = run(capsys, "train", "tale", *SMALL, "--cell", "gru", "--steps", 20, "--compare",
                       "gru,lr=0.01", "--out", out)
    assert code == 0, err
    a, b = rows(out / "gru" / "metrics.csv"), rows(out / "lr-0.01" / "metrics.csv")
    for column in ("loss", "grad_norm", "grad_norm[gru0.Wh]"):
        np.testing.assert_array_equal([r[column] for r in a], [r[column] for r in b])


def test_a_diverging_model_stops_and_the_rest_finish(tmp_path, capsys):
    out = tmp_path / "wild"
    code, text, err = run(capsys, "train", "tale", *SMALL, "--steps", 20, "--compare",
                          "lstm,rnn+lr=1e4+clip=0+optimizer=sgd", "--out", out)
    assert code == 0, err
    assert "rnn+lr=1e4+clip=0+optimizer=sgd diverged at step" in err
    summary = json.loads((out / "results.json").read_text())["models"]
    assert summary["lstm"]["steps"] == 20 and not summary["lstm"]["diverged"]
    assert summary["rnn+lr=1e4+clip=0+optimizer=sgd"]["diverged"]
    assert (out / "rnn+lr-1e4+clip-0+optimizer-sgd" / "checkpoint.npz").is_file()


@pytest.mark.parametrize("argv, words", [
    (["--compare", "lstm"], "2 or 3 models"),
    (["--compare", "lstm,cnn"], "'cnn'"),
    (["--compare", "lstm,gru", "--task", "classify"], "drop --task classify"),
    (["--compare", "lstm,gru", "--resume", "x.npz"], "without --compare"),
])
def test_bad_comparisons_are_one_line(tmp_path, capsys, argv, words):
    code, _, err = run(capsys, "train", "tale", "--steps", 2, "--out", tmp_path / "x", *argv)
    assert code == 2
    assert words in err and "Traceback" not in err and err.count("\n") == 1


def test_a_comparison_never_overwrites_a_run(tmp_path, capsys):
    out = tmp_path / "cmp"
    assert run(capsys, "train", "tale", *SMALL, "--steps", 3, "--compare", "rnn,gru", "--out", out)[0] == 0
    before = (out / "rnn" / "metrics.csv").read_bytes()
    code, _, err = run(capsys, "train", "tale", *SMALL, "--steps", 5, "--compare", "rnn,gru", "--out", out)
    assert code == 2 and "already holds a run" in err and "--force" in err
    assert (out / "rnn" / "metrics.csv").read_bytes() == before
