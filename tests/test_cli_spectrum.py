"""``rnnviz spectrum``: the book's experiment, a saved model's W_h spectrum and its gradient through time."""
from __future__ import annotations

import re

import pytest

from rnnviz.cli import main
from rnnviz.engine.spectrum import book_gradient_norms


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("scale", ["1", "0.5"])
def test_the_books_experiment_prints_its_twenty_norms(capsys, scale):
    code, out, _ = run(capsys, "spectrum", "--book", "--scale", scale)
    norms = [float(line.split()[-1]) for line in out.splitlines() if line.strip().startswith("t =")]
    assert code == 0 and len(norms) == 20
    assert norms == pytest.approx(book_gradient_norms(float(scale)).tolist(), rel=1e-5)


@pytest.fixture(scope="module")
def rnn_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    # One step: W_h is still its initialisation, |λ|_max near 1, so the scale alone decides. A model
    # trained on saturates its tanh at large s, and the growth may fall again (the view's sweep shows it).
    assert main(["train", "tale", "--cell", "rnn", "--hidden-size", "24", "--embed-size", "8", "--batch-size", "8",
                 "--bptt", "16", "--steps", "1", "--out", str(out)]) == 0
    return out / "checkpoint.npz"


def test_a_language_models_spectrum_and_its_gradient_growing_with_the_scale(rnn_run, capsys):
    ratios = []
    for scale in (0.5, 1.0, 1.5):
        code, out, err = run(capsys, "spectrum", rnn_run, "--scale", scale)
        assert code == 0, err
        assert re.search(r"rnn0\s+σ_max\s+\d+\.\d+", out) and "T = 16" in out
        ratios.append(float(re.search(r"‖∂L/∂h_T‖ = ([\d.e+-]+)", out).group(1)))
    assert ratios[0] < 1e-3 < ratios[1] < 1 < ratios[2]          # vanishing, shrinking, exploding


def test_a_classifier_checkpoint_is_read_too(tmp_path, capsys):
    assert main(["train", "--task", "classify", "--corpus", "first-token", "--max-len", "12", "--examples", "200",
                 "--cell", "gru", "--hidden-size", "6", "--steps", "3", "--out", str(tmp_path / "c")]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "spectrum", tmp_path / "c" / "checkpoint.npz")
    assert code == 0, err
    assert [g for g in ("gru0.r", "gru0.z", "gru0.n") if g in out] == ["gru0.r", "gru0.z", "gru0.n"]
    assert "T = 12" in out


@pytest.mark.parametrize("argv, words", [
    (("spectrum", "--book", "--scale", "0"), "--scale must be a positive number"),
    (("spectrum",), "give a checkpoint"),
    (("spectrum", "/no/such.npz"), "such.npz"),
])
def test_refusals_are_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1
