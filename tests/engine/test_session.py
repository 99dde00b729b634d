"""The session as the GUI's worker drives it: a generator of snapshots, no Qt anywhere."""
import itertools

import numpy as np
import pytest

from rnnviz.engine import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus
from rnnviz.engine.functions import sigmoid
from rnnviz.engine.snapshots import Divergence, EvalResult, Probe, SampleResult, SampleToken, StepSnapshot
from rnnviz.engine.trainer import Session

from . import oracles


def session(cell="lstm", layers=1, H=16, dtype="float32", dropout=0.0, **train):
    corpus = load_corpus("tale", "char")
    cfg = dict(batch_size=4, bptt=8, optimizer="adam", lr=0.01, clip=1.0, max_steps=400, epochs=0)
    cfg.update(train)
    return Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=H,
                                       cell=cell, num_layers=layers, dtype=dtype, dropout=dropout),
                   TrainConfig(**cfg))


def arrays_of(snapshot):
    """Every ndarray reachable from a snapshot."""
    out = []
    stack = [snapshot]
    while stack:
        obj = stack.pop()
        if isinstance(obj, np.ndarray):
            out.append(obj)
        elif isinstance(obj, (list, tuple)):
            stack.extend(obj)
        elif isinstance(obj, dict):
            stack.extend(obj.values())
        elif hasattr(obj, "__dataclass_fields__"):
            stack.extend(getattr(obj, f) for f in obj.__dataclass_fields__)
    return out


def test_probes_arrive_at_the_configured_cadence_and_loss_falls():
    s = session()
    s.probe_every = 5
    snaps = [x for x in itertools.islice(s.run(), 60) if isinstance(x, StepSnapshot)]
    assert [x.stats.iteration for x in snaps] == list(range(1, 61))
    assert [x.stats.iteration for x in snaps if x.probe is not None] == list(range(5, 61, 5))
    assert all(x.probe.iteration == x.stats.iteration for x in snaps if x.probe)
    assert np.mean([x.stats.loss for x in snaps[-10:]]) < np.mean([x.stats.loss for x in snaps[:10]]) - 0.5
    forced = s.step(probe=True)
    assert isinstance(forced.probe, Probe)
    s.probe_every = 0
    assert all(x.probe is None for x in itertools.islice(s.run(), 12) if isinstance(x, StepSnapshot))


def test_evaluations_are_yielded_at_epoch_ends():
    s = session(max_steps=0, epochs=2)
    snaps = list(s.run())
    evals = [x for x in snaps if isinstance(x, EvalResult)]
    assert [e.iteration for e in evals] == [s.iters_per_epoch, 2 * s.iters_per_epoch]
    assert all(np.isfinite(e.perplexity) and e.split == "valid" for e in evals)


def test_eval_every_changes_while_a_run_plays_and_survives_a_checkpoint(tmp_path):
    from rnnviz.engine.checkpoint import load_checkpoint
    s = session(max_steps=40, eval_every=10)
    run = s.run()
    evals = [x.iteration for x in itertools.islice(run, 22) if isinstance(x, EvalResult)]
    assert evals == [10, 20] and s.iteration == 20
    s.set_eval_every(4)                 # the generator already running picks it up
    evals = [x.iteration for x in run if isinstance(x, EvalResult)]
    assert evals == [24, 28, 32, 36, 40]
    with pytest.raises(ValueError, match="eval_every"):
        s.set_eval_every(-1)
    s.save(tmp_path / "run.npz")
    assert load_checkpoint(tmp_path / "run.npz").train_config.eval_every == 4


def test_evaluation_reports_its_batches():
    s = session()
    calls = []
    result = s.evaluate(progress=lambda split, done, total: calls.append((split, done, total)))
    n_batches = (len(s.corpus.valid) - 1) // (10 * 8)       # evaluate()'s 10 rows x bptt 8
    assert n_batches > 2
    assert calls == [("valid", k, n_batches) for k in range(n_batches + 1)]
    assert s.evaluate().perplexity == result.perplexity      # reporting changes nothing


def test_snapshots_share_no_memory_with_each_other_or_the_model():
    s = session(layers=2)
    a, b = s.step(probe=True), s.step(probe=True)
    live = list(s.model.params.values()) + list(s.model.grads.values())
    for rnn in s.model.rnns:
        live += [rnn.Hs, rnn.A, rnn.dH, getattr(rnn, "Cs", np.zeros(1))]
    live += [s.model.decoder.out, s.model.decoder.dx]
    for x in arrays_of(a):
        assert not any(np.shares_memory(x, y) for y in arrays_of(b) + live)


def test_probe_gates_equal_a_recomputation_from_the_probe_inputs():
    s = session(cell="lstm", dtype="float64", H=12)
    before = {k: v.copy() for k, v in s.model.params.items()}
    p = s.step(probe=True).probe
    layer = p.layers[0]
    H = 12
    x = before["embed.W"][p.input_ids]                                    # (T, D)
    h_prev = np.vstack([np.zeros((1, H)), layer.hidden[:-1].astype(np.float64)])
    a = x @ before["lstm0.Wx"] + h_prev @ before["lstm0.Wh"] + before["lstm0.b"]
    for g, name in enumerate("ifo"):
        np.testing.assert_allclose(layer.gates[name], sigmoid(a[:, g * H:(g + 1) * H]), atol=2e-3)
    np.testing.assert_allclose(layer.gates["g"], np.tanh(a[:, 3 * H:]), atol=2e-3)
    # c_t = f c_{t-1} + i g and h_t = o tanh(c_t), row by row
    c_prev = np.zeros(H)
    for t in range(len(p.input_ids)):
        c_t = sigmoid(a[t, H:2 * H]) * c_prev + sigmoid(a[t, :H]) * np.tanh(a[t, 3 * H:])
        np.testing.assert_allclose(layer.cell[t], c_t, atol=2e-3)
        np.testing.assert_allclose(layer.hidden[t], sigmoid(a[t, 2 * H:3 * H]) * np.tanh(c_t), atol=2e-3)
        c_prev = layer.cell[t].astype(np.float64)
    # next-token table: top-k sorted, and the target's probability matches its loss
    assert (np.diff(p.top_probs, axis=1) <= 0).all()
    np.testing.assert_allclose(-np.log(p.target_probs.astype(np.float64)), p.step_losses, rtol=1e-3)


def test_dh_norms_equal_a_naive_recomputation():
    s = session(cell="gru", dtype="float64", H=10)
    params = {k: v.copy() for k, v in s.model.params.items()}
    time_idx = s.stream.time_idx
    snap = s.step(probe=True)
    # Replay the same batch with the per-step oracle: upstream dL/dh from the decoder, then
    # BPTT cell by cell, recording the total gradient reaching each h_t.
    s.stream.time_idx = time_idx
    xs, ts = (a.copy() for a in s.stream.next_batch())
    N, T = xs.shape
    x = params["embed.W"][xs]
    cells = [oracles.GRUCell(params["gru0.Wx"], params["gru0.Wh"], params["gru0.b"], params["gru0.bhn"])
             for _ in range(T)]
    h = np.zeros((N, 10))
    hs = []
    for t in range(T):
        h = cells[t].forward(x[:, t], h)
        hs.append(h)
    scores = np.stack(hs, 1) @ params["decoder.W"] + params["decoder.b"]
    probs = np.exp(scores - scores.max(-1, keepdims=True))
    probs /= probs.sum(-1, keepdims=True)
    probs[np.arange(N)[:, None], np.arange(T)[None, :], ts] -= 1
    dhs = probs / (N * T) @ params["decoder.W"].T
    total = np.zeros((N, T, 10))
    dh = np.zeros((N, 10))
    for t in reversed(range(T)):
        total[:, t] = dhs[:, t] + dh
        _, _, dh = cells[t].backward(total[:, t])
    np.testing.assert_allclose(snap.stats.dh_norms[0], np.sqrt((total ** 2).sum(axis=(0, 2))), rtol=1e-9)
    row = np.sqrt((total[s.probe_row] ** 2).sum(axis=1))
    np.testing.assert_allclose(snap.probe.dh_norms[0], row, rtol=1e-5)


def test_per_parameter_norms_and_clipping_flags():
    s = session(optimizer="sgd", lr=1.0, clip=0.01)
    st = s.step().stats
    assert st.clipped and st.grad_norm > 0.01
    assert st.grad_norm == pytest.approx(np.sqrt((st.param_grad_norms ** 2).sum()))
    assert st.grad_norm_clipped == pytest.approx(0.01, rel=1e-3)
    assert st.param_names == tuple(s.model.params)
    np.testing.assert_allclose(st.param_norms, [np.linalg.norm(p) for p in s.model.params.values()], rtol=1e-5)
    assert st.dh_norms.shape == (1, 8)


def test_probe_stays_small_for_big_models():
    s = session(layers=2, H=300, batch_size=2, bptt=35)
    p = s.step(probe=True).probe
    assert p.nbytes < 100_000
    assert len(p.layers[0].units) < 300 and p.layers[0].hidden.shape == (35, len(p.layers[0].units))


def test_divergence_is_yielded_and_the_step_not_applied():
    corpus = load_corpus("tale", "word")
    s = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=16, hidden_size=16, cell="rnn"),
                TrainConfig(batch_size=10, bptt=5, optimizer="sgd", lr=1e6, clip=0.0, epochs=5))
    for snap in s.run():
        if isinstance(snap, Divergence):
            break
        good = {k: v.copy() for k, v in s.model.params.items()}
    else:
        pytest.fail("no divergence")
    assert "lower the learning rate" in snap.message.lower() and "clipping" in snap.message
    assert s.iteration == snap.iteration - 1
    for k, v in s.model.params.items():
        np.testing.assert_array_equal(v, good[k])


def test_same_seed_gives_bit_identical_metrics():
    def metrics():
        s = session(layers=2, dropout=0.3)
        return [(x.stats.loss, x.stats.grad_norm, tuple(x.stats.param_grad_norms))
                for x in itertools.islice(s.run(), 30) if isinstance(x, StepSnapshot)]
    assert metrics() == metrics()


def test_streamed_sample_then_training_continues_unchanged():
    a, b = session(), session()
    for _ in range(5):
        a.step()
        b.step()
    items = list(a.iter_sample("the ", 12, seed=1))
    assert all(isinstance(t, SampleToken) for t in items[:-1]) and isinstance(items[-1], SampleResult)
    assert "".join(t.token for t in items[:-1]) == "".join(items[-1].tokens)
    assert items[-1].text.startswith("the ") and len(items[-1].top_tokens) == len(items[-1].tokens)
    assert a.step().stats.loss == b.step().stats.loss


def test_reset_and_live_hyperparameters():
    s = session()
    first = s.step().stats.loss
    s.set_lr(0.5)
    s.set_clip(0.0)
    st = s.step().stats
    assert st.lr == 0.5 and st.clip == 0.0 and not st.clipped
    with pytest.raises(ValueError):
        s.set_lr(-1)
    s.reset()
    assert s.iteration == 0 and s.step().stats.loss == first


def test_live_settings_survive_a_checkpoint(tmp_path):
    from rnnviz.engine.checkpoint import load_checkpoint
    s = session(optimizer="sgd", lr=0.5, clip=1.0)
    s.step()
    s.set_lr(0.25)
    s.set_clip(0.125)
    s.save(tmp_path / "run.npz")
    back = Session.from_checkpoint(load_checkpoint(tmp_path / "run.npz"), s.corpus)
    assert back.optimizer.lr == 0.25 and back.clip == 0.125 and back.iteration == 1
    assert back.step().stats.loss == s.step().stats.loss
