"""The BPTT stepper: a block taken apart sub-step by sub-step, and the frames it shows."""
import numpy as np
import pytest

from rnnviz.engine import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus
from rnnviz.engine.snapshots import GraphFrame, StepSnapshot
from rnnviz.engine.trainer import DivergenceError, Session
from rnnviz.engine.unroll import node_names

from .test_session import arrays_of


def make(cell="lstm", layers=1, dropout=0.0, tie=False, input="embedding", optimizer="sgd", **train):
    corpus = load_corpus("tale", "char")
    D = 12 if not tie else 16
    cfg = dict(batch_size=4, bptt=9, optimizer=optimizer, lr=0.5, clip=0.5, max_steps=100, epochs=0)
    cfg.update(train)
    return Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=D, hidden_size=16, cell=cell,
                                       num_layers=layers, dropout=dropout, tie_weights=tie, input=input),
                   TrainConfig(**cfg))


def step_by_hand(session, frames=None):
    """Every sub-step of one block, one click each, keeping every frame; returns the snapshot."""
    while True:
        kind = (session.block.next_substeps if session.block else ("forward",))[0]
        out = session.substep(kind)
        if isinstance(out, StepSnapshot):
            return out
        if frames is not None:
            frames.append(out)


CASES = [("rnn", 1, {}), ("lstm", 1, {}), ("gru", 1, {}), ("lstm", 2, {}), ("gru", 2, {}),
         ("lstm", 2, {"dropout": 0.3}), ("lstm", 1, {"tie": True}), ("rnn", 1, {"input": "onehot"}),
         ("lstm", 2, {"optimizer": "adam", "lr": 0.01})]


@pytest.mark.parametrize("cell, layers, extra", CASES)
def test_stepping_a_block_by_hand_equals_a_normal_step_bitwise(cell, layers, extra):
    by_hand, normal = make(cell, layers, **extra), make(cell, layers, **extra)
    for block in range(3):          # the carried state and the stream must line up too
        frames = []
        a = step_by_hand(by_hand, frames)
        b = normal.step(probe=block == 1)
        assert a.stats.iteration == b.stats.iteration == block + 1
        assert a.stats.loss == b.stats.loss
        assert a.stats.grad_norm == b.stats.grad_norm
        for name, p in by_hand.model.params.items():
            assert np.array_equal(p, normal.model.params[name]), (block, name)
        L, T = layers, by_hand.train_config.bptt
        assert len(frames) == 2 * L * T + 1          # forward and backward clicks, then the clip
    assert by_hand.stream.time_idx == normal.stream.time_idx


def test_step_finishes_a_block_started_by_hand():
    by_hand, normal = make(layers=2), make(layers=2)
    for _ in range(5):
        by_hand.substep("forward")
    by_hand.substep("forward_all")
    by_hand.substep("backward")
    snap = by_hand.step()
    assert by_hand.block is None and snap.stats.iteration == 1
    normal.step()
    for name, p in by_hand.model.params.items():
        assert np.array_equal(p, normal.model.params[name]), name


def test_forward_frames_fill_left_to_right_layer_by_layer():
    s = make("lstm", 2)
    T = s.train_config.bptt
    first = s.substep("forward")
    assert isinstance(first, GraphFrame) and first.phase == "forward" and first.stepping
    assert first.nodes == node_names(s.model.config) == ("x", "embed", "c0", "h0", "c1", "h1",
                                                          "scores", "probs", "loss")
    assert first.cursor == (0, 0) and first.next_substeps == ("forward",)
    r = {n: i for i, n in enumerate(first.nodes)}
    assert np.isfinite(first.values[r["h0"], 0]) and np.isnan(first.values[r["h0"], 1:]).all()
    assert np.isfinite(first.values[r["embed"]]).all()               # looked up for all T at once
    assert np.isnan(first.values[r["h1"]]).all() and np.isnan(first.values[r["loss"]]).all()
    assert np.isnan(first.grads).all() and np.isnan(first.loss)
    for _ in range(T):
        mid = s.substep("forward")
    assert mid.cursor == (1, 0)
    assert np.isfinite(mid.values[r["h0"]]).all() and np.isnan(mid.values[r["h1"], 1:]).all()
    last = s.substep("forward_all")
    assert last.cursor == (1, T - 1) and last.next_substeps == ("backward",)
    assert np.isfinite(last.values).sum() == (len(last.nodes) - 1) * T   # every node but the x row
    assert last.loss == pytest.approx(s.model.loss)
    # The vectors are the caches' own values for the followed row.
    row = last.row
    np.testing.assert_array_equal(last.vectors["h1"], s.model.rnns[1].Hs[1:, row])
    np.testing.assert_array_equal(last.vectors["c0"], s.model.rnns[0].Cs[1:, row])
    assert last.top_probs.shape == (T, 10)
    assert np.all(np.diff(last.top_probs, axis=1) <= 0)
    assert last.top_tokens[0][0] in s.corpus.vocab.tokens


def test_backward_frames_fill_right_to_left_and_match_the_finished_probe():
    s = make("lstm", 2)
    T = s.train_config.bptt
    s.substep("forward_all")
    first = s.substep("backward")
    r = {n: i for i, n in enumerate(first.nodes)}
    assert first.phase == "backward" and first.cursor == (1, T - 1)
    # The loss and Time Affine backward ran for every column at once ...
    assert np.isfinite(first.grads[r["scores"]]).all() and np.isfinite(first.up_grads[r["h1"]]).all()
    # ... and the top layer's recurrence has done only its last column.
    assert np.isfinite(first.grads[r["h1"], T - 1]) and np.isnan(first.grads[r["h1"], :T - 1]).all()
    assert np.isnan(first.grads[r["h0"]]).all() and np.isnan(first.grads[r["embed"]]).all()
    assert np.isnan(first.right_grads[r["h1"], T - 1])                  # nothing crosses the cut
    for _ in range(T + 2):
        mid = s.substep("backward")
    assert mid.cursor == (0, T - 3)
    assert np.isfinite(mid.grads[r["h0"], T - 3:]).all() and np.isnan(mid.grads[r["h0"], :T - 3]).all()
    done = s.substep("backward_all")
    assert done.cursor == (0, 0) and done.next_substeps == ("clip",)
    assert np.isfinite(done.grads[r["embed"]]).all()
    clipped = s.substep("clip")
    assert clipped.phase == "clipped" and clipped.grad_norm > 0
    assert clipped.clip_scale == pytest.approx(min(1.0, 0.5 / (clipped.grad_norm + 1e-6)))
    snap = s.substep("update")
    assert isinstance(snap, StepSnapshot) and snap.graph.phase == "updated"
    assert snap.graph.next_substeps == ("forward",) and set(snap.graph.update_norms) == set(s.model.params)
    assert all(v > 0 for v in snap.graph.update_norms.values())
    # Each row's gradient norms are the ones the probe measured from the same backward.
    for k in range(2):
        np.testing.assert_allclose(done.grads[r[f"h{k}"]], snap.probe.dh_norms[k], rtol=1e-5)
    # No frame shares memory with the model.
    live = list(s.model.params.values()) + [s.model.rnns[0].Hs, s.model.rnns[0].dH]
    for a in arrays_of(snap.graph):
        assert not any(np.shares_memory(a, b) for b in live)


def test_gradient_pieces_add_up():
    """dL/dh_t = from above (up edge of h) + from h_{t+1} (right edge), checked on vectors."""
    s = make("rnn", 1)
    s.substep("forward_all")
    frame = s.substep("backward_all")
    r = frame.nodes.index("h0")
    rnn, row = s.model.rnns[0], frame.row
    above, total = rnn.dhs_in[row], rnn.dH[:, row]
    np.testing.assert_allclose(frame.up_grads[r], np.linalg.norm(above, axis=1), rtol=1e-5)
    np.testing.assert_allclose(frame.right_grads[r, :-1], np.linalg.norm(total - above, axis=1)[:-1],
                               rtol=1e-4, atol=1e-9)
    # The last column's only gradient is from above: the cut passes nothing back.
    assert frame.grads[r, -1] == pytest.approx(frame.up_grads[r, -1], rel=1e-6)


def test_second_block_shows_the_carried_state():
    s = make("lstm", 1)
    first = s.substep("forward")
    r = {n: i for i, n in enumerate(first.nodes)}
    assert first.carry_in[r["h0"]] == 0 and first.carry_in[r["c0"]] == 0
    s.step()
    again = s.substep("forward")
    assert again.carry_in[r["h0"]] > 0 and again.carry_in[r["c0"]] > 0
    assert np.isnan(again.carry_in[r["embed"]])
    assert again.stream.block_start == s.train_config.bptt
    starts = again.stream.starts()
    assert starts[0] == s.train_config.bptt and starts[1] == s.stream.data_size // 4 + s.train_config.bptt


def test_out_of_order_substeps_are_refused():
    s = make()
    with pytest.raises(RuntimeError, match="cannot backward now"):
        s.substep("backward")
    s.substep("forward")
    with pytest.raises(RuntimeError, match="cannot clip now"):
        s.substep("clip")
    with pytest.raises(ValueError, match="unknown sub-step"):
        s.substep("sideways")


def test_a_diverged_block_is_dropped_at_the_clip():
    s = make(lr=1e6, clip=0.0)
    for _ in range(20):
        try:
            s.step()
        except DivergenceError:
            break
    before = {k: p.copy() for k, p in s.model.params.items()}
    s.substep("forward_all")
    s.substep("backward_all")
    with pytest.raises(DivergenceError):
        s.substep("clip")
    assert s.block is None
    for k, p in s.model.params.items():
        assert np.array_equal(p, before[k], equal_nan=True)


def test_normal_steps_carry_a_graph_with_their_probe():
    s = make("gru", 2)
    s.probe_every = 2
    plain, probed = s.step(), s.step()
    assert plain.graph is None and plain.stream.block_start == 0
    g = probed.graph
    assert g.phase == "updated" and not g.stepping and g.iteration == 2
    assert np.isfinite(g.values[1:]).all() and np.isfinite(g.grads[1:]).all()
    assert g.update_norms == {}                   # measured only when stepping by hand
    assert probed.stream.block_start == s.train_config.bptt
