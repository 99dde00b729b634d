"""Weights as .safetensors: a bit-identical round trip, forged files refused in one line, files
without rnnviz's metadata inferred from their shapes, and (when PyTorch is installed) the same
loss from a torch model loaded from the exported file."""
import json
import struct

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

from rnnviz.engine import RNNLM, ModelConfig
from rnnviz.engine.data import Vocab, build_vocab, load_corpus
from rnnviz.engine.torch_layout import to_torch_layout
from rnnviz.engine.vocab_file import read_vocab
from rnnviz.engine.weights_io import (WeightsError, build_model, export_weights, import_weights,
                                      vocab_path_for)

V, D, H = 7, 5, 5
VOCAB = Vocab(tuple("abcdef\n"), "char")

CASES = [(cell, layers, inp, tie, dtype)
         for cell in ("rnn", "lstm", "gru")
         for layers in (1, 2)
         for inp, tie in (("embedding", False), ("embedding", True), ("onehot", False))
         for dtype in ("float32", "float64")]
IDS = [f"{c}-{n}-{'tied' if t else i}-{d[-2:]}" for c, n, i, t, d in CASES]


def config(cell="lstm", layers=1, inp="embedding", tie=False, dtype="float32", hidden=H):
    return ModelConfig(vocab_size=V, embed_size=hidden, hidden_size=hidden, cell=cell, num_layers=layers,
                       input=inp, tie_weights=tie, dtype=dtype)


def randomized(cfg, seed=1):
    model = RNNLM(cfg)
    rng = np.random.default_rng(seed)
    for p in model.params.values():
        p[...] = rng.normal(0.0, 0.5, p.shape)
    return model.eval()


def batch(seed=3):
    rng = np.random.default_rng(seed)
    return rng.integers(0, V, (3, 6)), rng.integers(0, V, (3, 6))


def loss_of(model):
    xs, ts = batch()
    model.reset_state()
    return model.forward(xs, ts)


@pytest.fixture
def exported(tmp_path):
    path = tmp_path / "model.safetensors"
    export_weights(randomized(config()), VOCAB, path)
    return path


def raw_parts(path):
    data = path.read_bytes()
    n = struct.unpack("<Q", data[:8])[0]
    return json.loads(data[8:8 + n]), data[8 + n:]


def write_raw(path, header, body):
    text = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(text)) + text + body)


def one_line(info):
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# --- the round trip --------------------------------------------------------------------------

@pytest.mark.parametrize("cell,layers,inp,tie,dtype", CASES, ids=IDS)
def test_round_trip_is_bit_identical(tmp_path, cell, layers, inp, tie, dtype):
    cfg = config(cell, layers, inp, tie, dtype)
    source = randomized(cfg)
    path, vocab_file = export_weights(source, VOCAB, tmp_path / "w.safetensors", {"corpus": "tale", "step": 12})
    assert vocab_file == tmp_path / "w.vocab.txt"
    imported = import_weights(path)
    assert imported.model_config == cfg and imported.vocab == VOCAB and imported.notes == ()
    assert imported.metadata["corpus"] == "tale" and imported.metadata["step"] == "12"
    target = build_model(imported).eval()
    assert target.params.keys() == source.params.keys()
    for key, p in source.params.items():
        assert target.params[key].dtype == p.dtype
        np.testing.assert_array_equal(target.params[key], p, err_msg=key)
    assert loss_of(target) == loss_of(source)           # bit for bit, not merely close
    if tie:
        assert np.shares_memory(target.decoder.params["W"], target.params["embed.W"])
    # The file is exactly PyTorch's state_dict: names in order, shapes, the tied pair twice.
    arrays = load_file(path)
    expected = to_torch_layout(source)
    assert list(arrays) == sorted(expected) and all(np.array_equal(arrays[k], v) for k, v in expected.items())


def test_a_file_without_metadata_is_inferred_from_its_shapes(tmp_path):
    """What a PyTorch user's file looks like: state_dict names only, both biases non-zero,
    and the word_language_model example's spelling (encoder / rnn / decoder)."""
    rng = np.random.default_rng(0)
    arrays = {k.replace("embedding.", "encoder."): rng.normal(0, 0.5, v.shape).astype(np.float32)
              for k, v in to_torch_layout(RNNLM(config("gru", 2, hidden=6))).items()}
    path = tmp_path / "torch.safetensors"
    save_file(arrays, str(path))
    vocab_file = tmp_path / "itos.txt"
    vocab_file.write_text("".join(f"{t}\n" for t in ("the", "a", "cat", "sat", "on", "mat", "<unk>")))
    imported = import_weights(path, vocab_file)
    cfg = imported.model_config
    assert (cfg.cell, cfg.num_layers, cfg.hidden_size, cfg.embed_size, cfg.tie_weights) == ("gru", 2, 6, 6, False)
    assert imported.vocab.level == "word" and imported.vocab.tokens[-1] == "<unk>"
    assert len(imported.notes) == 1
    assert imported.notes[0] == "No rnnviz metadata: read from the shapes as GRU, 2 layer(s), H = 6, D = 6, V = 7, untied"
    # both biases were used: the loaded model predicts what the arrays say
    model = build_model(imported)
    again = to_torch_layout(model)
    np.testing.assert_allclose(again["rnn.bias_ih_l0"][:12] + again["rnn.bias_hh_l0"][:12],
                               arrays["rnn.bias_ih_l0"][:12] + arrays["rnn.bias_hh_l0"][:12], rtol=1e-6)


def test_a_tied_pair_saved_once_or_twice_is_tied(tmp_path):
    arrays = to_torch_layout(randomized(config("lstm", 1, tie=True)))
    once = {k: v for k, v in arrays.items() if k != "decoder.weight"}       # safetensors.torch.save_model
    for name, content in (("once", once), ("twice", arrays)):
        save_file(content, str(tmp_path / f"{name}.safetensors"))
        imported = import_weights(tmp_path / f"{name}.safetensors", vocab=VOCAB)
        assert imported.model_config.tie_weights, name
        assert imported.notes[0].endswith(", tied")


def test_vocab_file_format_round_trips_every_awkward_token(tmp_path):
    vocab = Vocab(("a", " ", "\n", "\t", "\\", "\\n", "#", "\r", "한"), "char")
    path = tmp_path / "v.vocab.txt"
    from rnnviz.engine.vocab_file import write_vocab
    write_vocab(path, vocab)
    assert read_vocab(path) == vocab
    word = build_vocab(["<unk>", "hello", "world"], "word", normalize=True)
    write_vocab(path, word)
    assert read_vocab(path) == word


def test_vocab_path_sits_beside_the_weights():
    assert vocab_path_for("runs/tale.safetensors").as_posix() == "runs/tale.vocab.txt"


# --- refused, in one line naming the file ----------------------------------------------------

def test_forged_or_corrupt_files_each_give_one_clear_line(tmp_path, exported):
    header, body = raw_parts(exported)
    forged = tmp_path / "forged.safetensors"
    name = str(forged)

    def refused(match):
        with pytest.raises(WeightsError) as info:
            import_weights(forged, vocab=VOCAB)
        message = one_line(info)
        assert message.startswith(name) and match in message, message
        return message

    forged.write_bytes(exported.read_bytes()[:-5])
    refused("not a readable safetensors file")
    forged.write_bytes(exported.read_bytes()[:5])
    refused("header too small")
    forged.write_bytes(struct.pack("<Q", 10**12) + exported.read_bytes()[8:])
    refused("header too large")
    forged.write_bytes(b"PK\x03\x04" + b"\0" * 100)                       # a checkpoint (.npz), say
    refused("not a readable safetensors file")

    h = json.loads(json.dumps(header))
    h["rnn.weight_hh_l0"]["data_offsets"][1] += 10**6
    write_raw(forged, h, body)
    refused("offset")

    h = json.loads(json.dumps(header))
    h["rnn.weight_hh_l0"]["dtype"] = "I32"
    write_raw(forged, h, body)
    refused("rnn.weight_hh_l0 is I32; rnnviz reads F16, F32 or F64")
    h["rnn.weight_hh_l0"]["dtype"] = "BF16"
    h["rnn.weight_hh_l0"]["shape"] = [20, 10]
    write_raw(forged, h, body)
    refused("rnn.weight_hh_l0 is BF16")

    arrays = load_file(exported)
    for change, match in (
            (lambda a: a.update({"rnn.weight_hh_l0": np.zeros((4 * H + 4, H), np.float32)}),
             "rnn.weight_hh_l0: the file has (24, 5), the model needs (20, 5)"),
            (lambda a: a.pop("rnn.bias_hh_l0"), "rnn.bias_hh_l0 is missing"),
            (lambda a: a.update({"attention.scale": np.ones(3, np.float32)}), "unexpected attention.scale"),
            (lambda a: a.update({"rnn.weight_ih_l0_reverse": a["rnn.weight_ih_l0"]}),
             "unexpected rnn.weight_ih_l0_reverse"),
            (lambda a: a["decoder.bias"].__setitem__(2, np.nan), "decoder.bias hold NaN or infinity")):
        content = dict(arrays)
        content = {k: v.copy() for k, v in content.items()}
        change(content)
        save_file(content, name, metadata=header["__metadata__"])
        refused(match)

    save_file(arrays, name, metadata={**header["__metadata__"], "cell": "transformer"})
    refused("cell must be one of rnn, lstm, gru")
    save_file(arrays, name, metadata={**header["__metadata__"], "hidden_size": "many"})
    refused("hidden_size must be an integer")


def test_vocabulary_problems_name_the_file(tmp_path, exported):
    with pytest.raises(WeightsError) as info:
        import_weights(exported, vocab=Vocab(tuple("abc"), "char"))
    assert "the model has 7 tokens' rows, the vocabulary 3 tokens" in one_line(info)
    vocab_path_for(exported).unlink()
    with pytest.raises(WeightsError) as info:
        import_weights(exported)
    assert "its vocabulary" in one_line(info) and "model.vocab.txt" in str(info.value)
    bad = tmp_path / "bad.txt"
    bad.write_text("a\n\nb\n")
    with pytest.raises(WeightsError, match="line 2 is empty"):
        import_weights(exported, bad)
    bad.write_text("a\nb\na\n")
    with pytest.raises(WeightsError, match="lists the token 'a' twice"):
        import_weights(exported, bad)


def test_missing_file_is_one_line(tmp_path):
    with pytest.raises(WeightsError) as info:
        import_weights(tmp_path / "nothing.safetensors", vocab=VOCAB)
    assert "nothing.safetensors" in one_line(info)


def test_export_refuses_a_diverged_model_and_a_wrong_vocabulary(tmp_path):
    model = randomized(config())
    with pytest.raises(WeightsError, match="vocabulary has 3 tokens, the model 7"):
        export_weights(model, Vocab(tuple("abc"), "char"), tmp_path / "x.safetensors")
    model.params["decoder.b"][0] = np.inf
    with pytest.raises(WeightsError, match="decoder.bias hold NaN"):
        export_weights(model, VOCAB, tmp_path / "x.safetensors")
    assert list(tmp_path.iterdir()) == []


# --- a corpus encoded in the model's vocabulary ----------------------------------------------

def test_a_corpus_is_encoded_in_the_models_vocabulary(tmp_path):
    from rnnviz.engine.data import CorpusError, corpus_spec
    from rnnviz.engine.vocab_file import corpus_in_vocab
    own = load_corpus("tale")
    shuffled = Vocab(tuple(reversed(own.vocab.tokens)) + ("<unk>",), "char")
    data = {**corpus_spec("tale"), "fixed_vocab": True}
    corpus = corpus_in_vocab(data, shuffled)
    assert corpus.vocab == shuffled
    assert shuffled.decode(corpus.train[:200]) == own.vocab.decode(own.train[:200])
    assert len(corpus.valid) == len(own.valid)
    small = Vocab(tuple(own.vocab.tokens[:-1]), "char")
    with pytest.raises(CorpusError, match="which the model's vocabulary lacks"):
        corpus_in_vocab(data, small)
    with pytest.raises(CorpusError, match="names no corpus"):
        corpus_in_vocab({}, shuffled)


# --- against PyTorch itself, when it is installed --------------------------------------------

@pytest.mark.parametrize("cell,tie", [("lstm", False), ("lstm", True), ("gru", False), ("rnn", False)])
def test_torch_loads_the_exported_file_with_the_same_loss(tmp_path, cell, tie):
    torch = pytest.importorskip("torch", reason="PyTorch not installed (it is never a dependency)")
    from safetensors.torch import load_file as torch_load_file
    nn, F = torch.nn, torch.nn.functional
    hidden = 8
    cfg = ModelConfig(vocab_size=V, embed_size=hidden, hidden_size=hidden, cell=cell, num_layers=2,
                      tie_weights=tie, dtype="float32")
    model = randomized(cfg)
    path, _ = export_weights(model, VOCAB, tmp_path / "w.safetensors")

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(V, hidden)
            self.rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cell](hidden, hidden, num_layers=2,
                                                                             batch_first=True)
            self.decoder = nn.Linear(hidden, V)
            if tie:
                self.decoder.weight = self.embedding.weight

        def forward(self, ids):
            return self.decoder(self.rnn(self.embedding(ids))[0])

    net = Net()
    net.load_state_dict(torch_load_file(str(path)))
    xs, ts = batch()
    with torch.no_grad():
        scores = net(torch.from_numpy(xs))
        torch_loss = F.cross_entropy(scores.reshape(-1, V), torch.from_numpy(ts).reshape(-1)).item()
    loss = loss_of(model)
    print(f"{cell}{' tied' if tie else ''}: rnnviz {loss:.9f}, torch {torch_loss:.9f}, "
          f"difference {abs(loss - torch_loss):.2e}")
    assert abs(loss - torch_loss) < 1e-5
