"""``rnnviz train --task classify``: the run folder, the seed's preset, resuming, refusals."""
from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from rnnviz.cli import main
from rnnviz.engine.classify_checkpoint import load_classify_checkpoint

SMALL = ("--task", "classify", "--corpus", "first-token", "--max-len", "16", "--examples", "320",
         "--hidden-size", "8", "--batch-size", "32")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_train_prints_each_epoch_and_writes_the_run_folder(tmp_path, capsys):
    code, out, err = run(capsys, "train", *SMALL, "--epochs", 2, "--truncate", 4, "--out", tmp_path / "r")
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.startswith("epoch")]
    assert len(lines) == 2 and "validation loss" in lines[0] and "accuracy" in lines[0]
    assert "backprop through the last 4 steps" in out
    folder = tmp_path / "r"
    with open(folder / "epochs.csv") as f:
        rows = list(csv.DictReader(f))
    assert [int(r["iteration"]) for r in rows] == [8, 16]
    assert 0 <= float(rows[-1]["valid_accuracy"]) <= 1
    results = json.loads((folder / "results.json").read_text())
    assert results["truncate"] == 4 and results["final_valid_accuracy"] == pytest.approx(
        float(rows[-1]["valid_accuracy"]), abs=1e-6)
    config = json.loads((folder / "config.json").read_text())
    assert config["task"] == "classify" and config["data"]["source"] == "first-token"
    ckpt = load_classify_checkpoint(folder / "checkpoint.npz")
    assert ckpt.step == 16 and ckpt.config.truncate == 4
    with open(folder / "metrics.csv") as f:
        assert sum(1 for _ in f) == 17


def test_resume_continues_bit_identically(tmp_path, capsys):
    assert run(capsys, "train", *SMALL, "--epochs", 2, "--out", tmp_path / "whole")[0] == 0
    assert run(capsys, "train", *SMALL, "--epochs", 1, "--out", tmp_path / "half")[0] == 0
    code, out, err = run(capsys, "train", "--resume", tmp_path / "half" / "checkpoint.npz", "--epochs", 2)
    assert code == 0, err
    whole = load_classify_checkpoint(tmp_path / "whole" / "checkpoint.npz")
    half = load_classify_checkpoint(tmp_path / "half" / "checkpoint.npz")
    assert half.step == whole.step == 16
    for name, p in whole.model.params.items():
        assert np.array_equal(p, half.model.params[name]), name
    assert (tmp_path / "half" / "epochs.csv").read_text().splitlines()[1:] and len(
        (tmp_path / "half" / "epochs.csv").read_text().splitlines()) == 3


def test_the_seeds_preset_is_the_seeds_configuration(tmp_path, capsys):
    code, out, err = run(capsys, "train", "--preset", "doit-ch9", "--examples", "200", "--steps", "3",
                         "--out", tmp_path / "seed")
    assert code == 0, err
    ckpt = load_classify_checkpoint(tmp_path / "seed" / "checkpoint.npz")
    cfg, train = ckpt.config, ckpt.train_config
    assert (cfg.cell, cfg.hidden_size, cfg.input, cfg.truncate, cfg.init, cfg.vocab_size) == (
        "rnn", 32, "onehot", 10, "orthogonal", 100)
    assert (train.optimizer, train.lr, train.batch_size, train.clip) == ("sgd", 0.01, 32, 0.0)
    spec = ckpt.data["spec"]
    assert spec["skip_top"] == 20 and spec["drop_unknown"] and spec["max_len"] == 100


@pytest.mark.parametrize("argv, words", [
    (("train", "--task", "classify", "--corpus", "/no/such/folder"), "folder: no such file"),
    (("train", "--task", "classify", "--corpus", "first-token", "--bptt", "5"), "--bptt"),
    (("train", "--corpus", "tale", "--truncate", "5"), "--truncate applies to --task classify"),
    (("train", "--task", "classify", "--corpus", "first-token", "--vocab", "1"), "vocab"),
])
def test_refusals_are_one_line_with_status_2(tmp_path, capsys, argv, words):
    code, out, err = run(capsys, *argv, "--out", tmp_path / "x")
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
