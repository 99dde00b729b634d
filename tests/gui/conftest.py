"""Fixtures and builders of realistic synthetic runs for the panel tests (and render_panels.py).

Every record is a real :mod:`rnnviz.engine.snapshots` dataclass fed into a real
:class:`rnnviz.runtime.history.History`; nothing here mocks the engine.
"""
from __future__ import annotations

import contextlib
import gc
import os

import numpy as np
import pyqtgraph as pg
import pytest

from rnnviz.engine.data import Vocab, load_corpus
from rnnviz.engine.gate_saturation import layer_saturation
from rnnviz.engine.snapshots import (TOP_K, EvalResult, LayerProbe, Probe, SampleResult, SampleToken,
                                     StepSnapshot, StepStats)
from rnnviz.runtime.history import History

from .graph_frames import synthetic_frame

# Some window tests read the session directly, which only the in-process (thread) worker allows;
# test_main_window.py runs each of its tests on both workers (its ``worker`` fixture), and
# test_process_worker.py and the lab's child-process test cover the default worker too
# (tests/runtime/ tests both transports without a window).
os.environ.setdefault("RNNVIZ_WORKER", "thread")

LSTM_PARAMS = ("embed.W", "lstm0.Wx", "lstm0.Wh", "lstm0.b", "decoder.W", "decoder.b")
GATES = {"lstm": ("i", "f", "o", "g"), "gru": ("r", "z", "n"), "rnn": ()}


def show_panel(qtbot, panel, size=(700, 400)):
    """Add, size and expose a panel so view <-> scene mapping is real."""
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture(autouse=True)
def _no_modal_dialog_blocks(monkeypatch):
    """A message box no test answered would wait forever for a click offscreen (and hold CI
    for its whole time limit): it fails the test instead. Tests that expect dialogs patch
    QMessageBox themselves (the ``dialogs`` fixtures), which overrides this."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(kind):
        def show(parent, title, text, *args, **kwargs):
            raise AssertionError(f"unexpected {kind} dialog: {title}: {text}")
        return staticmethod(show)
    for kind in ("question", "critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, unexpected(kind))
    from rnnviz.gui.rewind_dialog import RewindDialog
    monkeypatch.setattr(RewindDialog, "ask", unexpected("rewind"))


@pytest.fixture(autouse=True)
def _previous_tests_widgets_gone(qapp):
    """The widgets an earlier test closed are deleted now, between tests, not whenever the
    garbage collector next runs: a Python-owned window in a reference cycle would otherwise be
    deleted at a random moment of a later test (inside a paint event, say)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    yield


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path, monkeypatch):
    """Autosaves go to the test's folder: never the user's, never another test's."""
    monkeypatch.setenv("RNNVIZ_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def _pyqtgraph_options():
    """The options gui/app.py sets at start-up."""
    pg.setConfigOptions(imageAxisOrder="row-major", background="w", foreground="k")
    yield


def word_corpus():
    return load_corpus("tale", "word")


def make_probe(vocab: Vocab, ids: np.ndarray, iteration: int, *, hidden_size: int = 64,
               cell: str = "lstm", layers: int = 1, seed: int = 0) -> Probe:
    """A probe of one row reading ``ids[:-1]`` and predicting ``ids[1:]`` (T = len(ids) - 1)."""
    rng = np.random.default_rng(seed)
    T, H, V = len(ids) - 1, hidden_size, len(vocab)
    inputs, targets = ids[:-1].astype(np.int64), ids[1:].astype(np.int64)
    layer_probes = []
    for k in range(layers):
        drift = np.cumsum(rng.normal(0, 0.5, (T, H)), axis=0)
        c = (drift * rng.uniform(0.3, 1.5, H)).astype(np.float32)                # (T, H)
        gates = {g: (1 / (1 + np.exp(-rng.normal(0, 1.5, (T, H))))).astype(np.float32)
                 for g in GATES[cell]}
        if "g" in gates:
            gates["g"] = np.tanh(rng.normal(0, 1.2, (T, H))).astype(np.float32)
        if "n" in gates:
            gates["n"] = np.tanh(rng.normal(0, 1.2, (T, H))).astype(np.float32)
        layer_probes.append(LayerProbe(
            name=f"{cell}{k}", units=np.arange(H, dtype=np.int64),
            hidden=np.tanh(c * 0.8).astype(np.float32),
            cell=c if cell == "lstm" else None, gates=gates))
    # The target is the favourite most of the time, somewhere lower often, and missing sometimes.
    top_ids = np.empty((T, TOP_K), np.int64)
    top_probs = np.empty((T, TOP_K), np.float32)
    target_probs = np.empty(T, np.float32)
    for t in range(T):
        probs = np.sort(rng.dirichlet(np.full(TOP_K + 5, 0.6)))[::-1][:TOP_K] * 0.9
        others = rng.choice(np.setdiff1d(np.arange(V), [targets[t]]), TOP_K, replace=False)
        rank = t % 12   # 10 and 11: the target is outside the top k
        if rank < TOP_K:
            others[rank] = targets[t]
            target_probs[t] = probs[rank]
        else:
            target_probs[t] = probs[-1] * 0.3
        top_ids[t], top_probs[t] = others, probs
    dh = np.array([[0.9 ** (T - 1 - t) * (1 + 0.1 * k) for t in range(T)] for k in range(layers)])
    # The saturation the engine attaches to every probe, read from these gates by engine code.
    return Probe(iteration=iteration, row=0, input_ids=inputs, target_ids=targets,
                 input_tokens=tuple(vocab.decode(inputs)), target_tokens=tuple(vocab.decode(targets)),
                 layers=tuple(layer_probes), top_ids=top_ids, top_probs=top_probs,
                 target_probs=target_probs, step_losses=-np.log(target_probs),
                 dh_norms=dh.astype(np.float32), saturation=layer_saturation(layer_probes, cell))


def synthetic_history(steps: int = 2000, *, iters_per_epoch: int = 500, T: int = 35,
                      hidden_size: int = 64, layers: int = 1, cell: str = "lstm", clip: float = 1.0,
                      seed: int = 0) -> tuple[History, Vocab]:
    """A History of ``steps`` steps of a word-level LSTM: decaying noisy perplexity, an eval per
    epoch, occasional gradient spikes that clipping catches, and a probe at the end."""
    corpus = word_corpus()
    vocab = corpus.vocab
    rng = np.random.default_rng(seed)
    names = tuple(n.replace("lstm0", f"{cell}{k}") for k in range(layers) for n in LSTM_PARAMS
                  if not (k and n.startswith(("embed", "decoder"))))
    history = History()
    start, floor = np.log(len(vocab)), np.log(70.0)
    for it in range(1, steps + 1):
        loss = floor + (start - floor) * np.exp(-it / 350) + rng.normal(0, 0.12)
        norm = rng.lognormal(np.log(0.6), 0.35) * (4 if rng.random() < 0.01 else 1)
        per_param = norm * rng.dirichlet(np.ones(len(names)) * 3) ** 0.5
        flow_rate = 0.8 + 0.15 * min(it / steps, 1)   # gradients reach further back as it learns
        dh = np.array([[norm * 0.05 * flow_rate ** (T - 1 - t) * (1 + 0.2 * k) * rng.uniform(0.9, 1.1)
                        for t in range(T)] for k in range(layers)])
        stats = StepStats(
            iteration=it, epoch=(it - 1) // iters_per_epoch, epoch_fraction=it / iters_per_epoch,
            loss=float(loss), perplexity=float(np.exp(loss)), lr=0.01, grad_norm=float(norm),
            grad_norm_clipped=float(min(norm, clip) if clip else norm), clip=clip,
            clipped=bool(clip and norm > clip), param_names=names, param_grad_norms=per_param,
            param_norms=np.full(len(names), 3.0), dh_norms=dh, seconds=0.02, tokens=20 * T)
        probe = graph = None
        if it == steps:
            ids = corpus.train[100:100 + T + 1]
            probe = make_probe(vocab, ids, it, hidden_size=hidden_size, cell=cell, layers=layers,
                               seed=seed)
            graph = synthetic_frame(cell, layers, T, stepping=False, H=hidden_size, V=len(vocab),
                                    iteration=it, seed=seed)
        history.add(StepSnapshot(stats, probe, graph, graph.stream if graph else None))
        if it % iters_per_epoch == 0:
            history.add(EvalResult(iteration=it, epoch_fraction=it / iters_per_epoch, split="valid",
                                   perplexity=float(np.exp(floor + 0.25 + (start - floor)
                                                           * np.exp(-it / 300))), seconds=0.5))
    return history, vocab


def sample_tokens(words: list[str], seed: int = 0) -> tuple[list[SampleToken], SampleResult]:
    """A streamed sample of ``words`` with made-up but consistent probabilities."""
    rng = np.random.default_rng(seed)
    alternatives = ["the", "a", "of", "and", "to", "in", "was", "he", "<eos>"]
    tokens, probs, tops, top_probs = [], [], [], []
    for i, word in enumerate(words):
        p = float(rng.uniform(0.02, 0.95))
        others = [a for a in alternatives if a != word][:4]
        pairs = sorted(zip([word, *others], [p, *(rng.uniform(0, 1 - p, 4) * 0.5)]),
                       key=lambda pair: -pair[1])
        tokens.append(SampleToken(index=i, token=word, prob=p, top_tokens=tuple(a for a, _ in pairs),
                                  top_probs=np.array([q for _, q in pairs], np.float64)))
        probs.append(p)
        tops.append(tuple(a for a, _ in pairs))
        top_probs.append([q for _, q in pairs])
    result = SampleResult(iteration=10, prefix="the", text="the " + " ".join(words), tokens=tuple(words),
                          probs=np.array(probs), top_ids=np.zeros((len(words), 5), np.int64),
                          top_tokens=tuple(tops), top_probs=np.array(top_probs),
                          settings={"temperature": 1.0, "top_k": 0, "greedy": False, "seed": 1,
                                    "length": len(words)})
    return tokens, result


@pytest.fixture
def history_and_vocab():
    return synthetic_history(600, iters_per_epoch=200)


@contextlib.contextmanager
def small_window(qtbot, tmp_path, *, size=(1280, 720), cell: str | None = None, layers: int | None = None,
                 hidden: int = 16, embed: int = 8, bptt: int = 12, train: int = 0):
    """A real window on a thread worker with a small model built (and ``train`` steps trained);
    closed without questions afterwards. The tests of one feature each use it as their fixture."""
    from PySide6.QtCore import QSettings

    from rnnviz.gui.main_window import MainWindow
    from rnnviz.runtime.messages import PAUSED
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), worker="thread")
    form = win.experiment
    form.hidden_spin.setValue(hidden)
    form.embed_spin.setValue(embed)
    form.bptt_spin.setValue(bptt)
    if layers is not None:
        form.layers_spin.setValue(layers)
    if cell is not None:
        form.cell_combo.setCurrentIndex(form.cell_combo.findData(cell))
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    assert win.start()
    qtbot.waitUntil(lambda: win.info is not None, timeout=10_000)
    if train:
        win.train_steps(train)
        qtbot.waitUntil(lambda: win.iteration == train and win.state == PAUSED, timeout=20_000)
    try:
        yield win
    finally:
        win.interactive = False
        win.close()
        win.deleteLater()
