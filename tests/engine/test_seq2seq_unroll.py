"""One seq2seq example unrolled for the graph view: layout, values, gradients, weights untouched."""
import numpy as np
import pytest

from rnnviz.engine.config import Seq2seqConfig, TrainConfig
from rnnviz.engine.data import CorpusError
from rnnviz.engine.pairs import load_pairs
from rnnviz.engine.seq2seq_session import Seq2seqSession
from rnnviz.engine.seq2seq_unroll import seq2seq_nodes


@pytest.fixture(scope="module")
def addition():
    return load_pairs("addition", n=600)


def session(data, decoder, cell="lstm", dtype="float32"):
    cfg = Seq2seqConfig(vocab_size=len(data.vocab), hidden_size=12, decoder=decoder, cell=cell, reverse=True,
                        init="orthogonal", dtype=dtype, stream="seeded", seed=2)
    s = Seq2seqSession(data, cfg, TrainConfig(batch_size=32, optimizer="adam", lr=0.01))
    for _ in range(3):
        s.step()
    return s


@pytest.mark.parametrize("decoder", ["plain", "peeky", "attention"])
@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_layout_encoder_then_decoder_and_the_weights_stay(addition, decoder, cell):
    s = session(addition, decoder, cell)
    before = {k: v.copy() for k, v in s.model.params.items()}
    f = s.graph(4)
    for name, value in s.model.params.items():
        np.testing.assert_array_equal(value, before[name], err_msg=name)
    Tq, T = addition.question_width, addition.answer_width - 1
    assert f.nodes == seq2seq_nodes(cell, decoder) and f.values.shape == (len(f.nodes), Tq + T)
    assert (f.encoder_steps, f.decoder) == (Tq, decoder) and f.stream is None and not f.stepping
    q, a = addition.x_test[4], addition.t_test[4]
    assert f.input_tokens[:Tq] == tuple(addition.vocab.tokens[i] for i in q[::-1])      # as fed: reversed
    assert f.input_tokens[Tq:] == tuple(addition.vocab.tokens[i] for i in a[:-1])
    assert f.target_tokens == ("",) * Tq + tuple(addition.vocab.tokens[i] for i in a[1:])
    head = [f.nodes.index(n) for n in f.nodes if n in ("scores", "probs", "loss", "context")]
    assert not f.present[head, :Tq].any() and f.present[:, Tq:].all()
    assert np.isnan(f.values[head, :Tq]).all() and np.isfinite(f.values[head, Tq:]).all()
    h = f.nodes.index("h0")
    assert f.right_present[h, :-1].all() and not f.right_present[h, -1]
    if cell == "lstm":                                       # no cell state crosses to the decoder
        c = f.nodes.index("c0")
        assert not f.right_present[c, Tq - 1] and f.right_present[c, :Tq - 1].all()
    loss = f.values[f.nodes.index("loss"), Tq:]
    assert loss.mean() == pytest.approx(f.loss, rel=1e-5)
    assert np.isfinite(f.grads[1:, :][f.present[1:, :]]).all()
    assert f.top_tokens[:Tq] == ((),) * Tq and len(f.top_tokens[Tq]) > 0
    assert f.top_probs[Tq:, 0].min() > 0 and np.isnan(f.top_probs[:Tq]).all()


@pytest.mark.parametrize("decoder", ["plain", "attention"])
def test_encoder_input_gradients_match_finite_differences(addition, decoder):
    """The embed row's gradient at an encoder column is dL/dx_t; for a character the example
    uses once, that is dL/dW[id], checked by central differences in float64."""
    s = session(addition, decoder, dtype="float64")

    def used_once(i):                                        # encoder columns whose character is unique
        q, a = addition.x_test[i], addition.t_test[i]
        counts = np.bincount(np.concatenate([q, a[:-1]]), minlength=len(addition.vocab))
        return [t for t in range(len(q)) if counts[q[t]] == 1]

    index = next(i for i in range(len(addition.x_test)) if used_once(i))
    once = used_once(index)[0]
    q, a = addition.x_test[index], addition.t_test[index]
    f = s.graph(index)
    Tq, W = len(q), s.model.encoder.embed.params["W"]
    eps, grad = 1e-6, np.zeros(W.shape[1])
    for j in range(W.shape[1]):
        old = W[q[once], j]
        W[q[once], j] = old + eps
        up = s.model.forward(q[None], a[None])
        W[q[once], j] = old - eps
        down = s.model.forward(q[None], a[None])
        W[q[once], j] = old
        grad[j] = (up - down) / (2 * eps)
    column = Tq - 1 - once                                   # reversed: the frame shows the order fed
    assert f.grads[1, column] == pytest.approx(np.linalg.norm(grad), rel=1e-5)


def test_a_typed_pair_is_checked(addition):
    s = session(addition, "plain")
    assert s.graph(("12+34", "46")).caption == "your question: 12+34 → 46"
    with pytest.raises(CorpusError, match="answer"):
        s.graph(("12+34", "4x6"))
    with pytest.raises(CorpusError, match="at most 4"):
        s.graph(("12+34", "12345"))
