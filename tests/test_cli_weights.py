"""``rnnviz export-weights`` and ``rnnviz import-weights``: checkpoint -> .safetensors -> checkpoint
gives the same weights and the same perplexity; a PyTorch vocabulary in its own order trains on;
every refusal is one line."""
from __future__ import annotations

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

from rnnviz.cli import main
from rnnviz.engine.checkpoint import load_checkpoint


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    assert main(["train", "tale", "--cell", "gru", "--layers", "2", "--hidden-size", "16", "--embed-size", "16",
                 "--tie", "--steps", "5", "--out", str(out / "run"), "--progress", "lines"]) == 0
    return out / "run" / "checkpoint.npz"


def test_round_trip_through_the_command_line(trained, tmp_path, capsys):
    weights = tmp_path / "w.safetensors"
    code, out, err = run(capsys, "export-weights", trained, weights)
    assert code == 0 and "w.vocab.txt" in out and err == ""
    code, out, err = run(capsys, "import-weights", weights, "--out", tmp_path / "back.npz")
    assert code == 0 and "GRU, 2 layer(s), H = 16" in out and "it trains on tale" in out, out + err
    source, back = load_checkpoint(trained), load_checkpoint(tmp_path / "back.npz")
    assert back.model_config == source.model_config and back.step == 0 and back.vocab == source.vocab
    for key, p in source.model.params.items():
        np.testing.assert_array_equal(back.model.params[key], p, err_msg=key)
    assert back.data["source"] == "tale" and back.data["fixed_vocab"] is True
    _, ppl_source, _ = run(capsys, "eval", trained)
    _, ppl_back, _ = run(capsys, "eval", tmp_path / "back.npz")
    assert ppl_source == ppl_back and "perplexity" in ppl_back
    code, out, err = run(capsys, "import-weights", weights, "--out", tmp_path / "back.npz")
    assert code == 2 and "exists; pass --force" in err and err.count("\n") == 1


def test_a_vocabulary_in_another_order_trains_evaluates_and_resumes(trained, tmp_path, capsys):
    run(capsys, "export-weights", trained, tmp_path / "w.safetensors")
    ckpt = load_checkpoint(trained)
    tokens = ckpt.vocab.tokens
    order = sorted(range(len(tokens)), key=lambda i: tokens[i])
    arrays = load_file(tmp_path / "w.safetensors")
    for key in ("embedding.weight", "decoder.weight", "decoder.bias"):
        arrays[key] = arrays[key][order]
    save_file(arrays, str(tmp_path / "torch.safetensors"))          # no metadata, as from PyTorch
    (tmp_path / "itos.txt").write_text("".join(tokens[i].replace("\n", "\\n").replace(" ", "\\s") + "\n"
                                               for i in order))
    code, out, err = run(capsys, "import-weights", tmp_path / "torch.safetensors", "--vocab", tmp_path / "itos.txt",
                         "--corpus", "tale", "--out", tmp_path / "t.npz")
    assert code == 0 and "No rnnviz metadata" in out and "LSTM" not in out and ", tied" in out, out + err
    _, ppl_source, _ = run(capsys, "eval", trained)
    code, ppl, err = run(capsys, "eval", tmp_path / "t.npz")
    assert code == 0 and ppl.split()[1] == ppl_source.split()[1], ppl + err   # same model, ids renumbered
    code, out, err = run(capsys, "train", "--resume", tmp_path / "t.npz", "--steps", "2", "--progress", "lines")
    assert code == 0, err


def test_without_a_corpus_it_samples_and_says_training_needs_one(tmp_path, capsys):
    from rnnviz.engine import RNNLM, ModelConfig
    from rnnviz.engine.data import Vocab
    from rnnviz.engine.weights_io import export_weights
    vocab = Vocab(tuple("abcdefg"), "char")
    export_weights(RNNLM(ModelConfig(vocab_size=7, embed_size=4, hidden_size=4)), vocab, tmp_path / "m.safetensors")
    code, out, _ = run(capsys, "import-weights", tmp_path / "m.safetensors", "--out", tmp_path / "m.npz")
    assert code == 0 and "it names no corpus" in out
    code, out, _ = run(capsys, "sample", tmp_path / "m.npz", "--prefix", "abc", "--length", "5", "--seed", "1")
    assert code == 0 and out.startswith("abc")
    code, _, err = run(capsys, "train", "--resume", tmp_path / "m.npz", "--steps", "2")
    assert code == 2 and "names no corpus to train on" in err and err.count("\n") == 1


@pytest.mark.parametrize("argv,words", [
    (["import-weights", "{tmp}/none.safetensors", "--vocab", "{tmp}/v.txt", "--out", "{tmp}/o.npz"], "none.safetensors"),
    (["import-weights", "{tmp}/garbage.safetensors", "--vocab", "tale", "--out", "{tmp}/o.npz"],
     "garbage.safetensors: not a readable safetensors file"),
    (["export-weights", "{tmp}/none.npz", "{tmp}/w.safetensors"], "none.npz"),
])
def test_refusals_are_one_line(tmp_path, capsys, argv, words):
    (tmp_path / "garbage.safetensors").write_bytes(b"\xff" * 64)
    code, _, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert code == 2 and words in err and err.count("\n") == 1 and "Traceback" not in err, err
