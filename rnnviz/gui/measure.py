"""Measure what the window costs: ``python -m rnnviz.gui.measure [--steps N] [--load N] [--size WxH]``.

1. Headless: the default run (preset ``tale-lstm``) trained by the same worker, no window.
2. Windowed: the main window with its default panels trains the same run while the 30 Hz
   timer drains, redraws and records the interval between its ticks, and each panel's refresh
   (its data pushed and painted once) is timed.
3. A long run: the curve panels redrawing a 100,000-step history (the check that a long run
   stays cheap; a benchmark, not a test).

``--load N`` keeps N CPU-burning child processes running through both runs (a student's laptop
with a browser beside rnnviz), so the windowed figure is compared with a headless one under the
same load. ``--size WxH`` sizes the window (default 1600x1000). Prints the timer's p50, p95 and
max, each panel's refresh p95 and max, and training tokens/s against headless.

Targets on a 2-core machine: with ``--load 1`` timer p95 <= 50 ms, max <= 150 ms and training
>= 85 % of headless; quiet, p95 <= 35 ms and >= 95 %. Run it under a real display (or Xvfb)
for the honest figure; offscreen Qt paints too, into memory.

``--lab`` instead trains one epoch of the seq2seq lab's default run with the window open and
prints the epoch's time and both timers' interval percentiles (the lab's own and the window's).

``--graph`` instead times the unrolled-graph panel redrawing engine frames of a two-layer LSTM
over T = 35 (the issue's budget: 5 ms per frame): a new frame taken in and painted, and a
repaint alone.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

import numpy as np


def _data_and_configs():
    from rnnviz.engine.config import ModelConfig, TrainConfig
    from rnnviz.engine.presets import PRESETS
    preset = PRESETS["tale-lstm"]
    return preset.corpus_spec(), ModelConfig(vocab_size=2, **preset.model), TrainConfig(**{**preset.train, "epochs": 10_000})


def headless(steps: int, kind: str) -> float:
    """Tokens/s of ``steps`` steps through a worker with nobody drawing."""
    from rnnviz.engine.snapshots import StepSnapshot
    from rnnviz.runtime.lm import make_worker
    from rnnviz.runtime.messages import RunReady
    worker = make_worker(kind)
    worker.start()
    worker.build(*_data_and_configs())
    times, tokens = [], 0
    worker.train_steps(steps + 5)
    seen = 0
    while seen < steps + 5:
        time.sleep(0.01)
        for event in worker.mailbox.drain():
            if isinstance(event, StepSnapshot):
                seen += 1
                if seen > 5:                 # warm-up
                    times.append(time.perf_counter())
                    tokens = event.stats.tokens
            elif not isinstance(event, RunReady) and type(event).__name__ == "WorkerError":
                raise RuntimeError(event.message)
    worker.shutdown()
    return (len(times) - 1) * tokens / (times[-1] - times[0])


@contextlib.contextmanager
def cpu_load(n: int):
    """``n`` child processes that burn a core each until the block ends."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]
    try:
        yield
    finally:
        for proc in burners:
            proc.kill()
        for proc in burners:
            proc.wait()


def _timed_refresh(panel, timings: list[float]):
    """``panel.refresh`` that also paints at once and records how long both took."""
    refresh = panel.refresh

    def timed(history) -> None:
        start = time.perf_counter()
        refresh(history)
        panel.repaint()
        timings.append(time.perf_counter() - start)
    return timed


def _open_window(kind: str, size: tuple[int, int]):
    """(app, window, settings file) with the window shown at ``size`` (not started)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from rnnviz.gui.app import configure_pyqtgraph
    from rnnviz.gui.main_window import MainWindow
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_pyqtgraph()
    # A throw-away settings file outside the package (which may be read-only, and is no place
    # for a user's files).
    handle, ini = tempfile.mkstemp(prefix="rnnviz-measure-", suffix=".ini")
    os.close(handle)
    settings = QSettings(ini, QSettings.IniFormat)
    # The arrangement a screen of the window's size gets (compact at 1280x720), whatever the
    # screen the benchmark runs on.
    from PySide6.QtCore import QSize

    from rnnviz.gui.layout import screen_class
    settings.setValue("window/layout", screen_class(QSize(*size)))
    window = MainWindow(settings, interactive=False, restore_layout=False, worker=kind)
    window.resize(*size)
    window.show()
    return app, window, ini


def windowed(steps: int, kind: str, size: tuple[int, int] = (1600, 1000)) -> tuple[float, np.ndarray, int]:
    """(tokens/s, tick intervals in s, frames drawn) with the window training.

    Each panel's refresh times land in ``windowed.refresh_times`` (name -> seconds).
    """
    app, window, ini = _open_window(kind, size)
    window.worker.build(*_data_and_configs())
    deadline = time.perf_counter() + 30
    while window.info is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    ticks: list[float] = []
    original = window.tick

    durations: list[float] = []

    def tick() -> None:
        ticks.append(time.perf_counter())
        original()
        durations.append(time.perf_counter() - ticks[-1])

    window.timer.timeout.disconnect()
    window.timer.timeout.connect(tick)
    refresh_times: dict[str, list[float]] = defaultdict(list)
    for name, panel in window.panels.items():
        panel.refresh = _timed_refresh(panel, refresh_times[name])
    window.play()
    start_iter, start_time = None, None
    while True:
        app.processEvents()
        time.sleep(0.001)
        if start_iter is None and window.iteration >= 5:
            start_iter, start_time, start_ticks = window.iteration, time.perf_counter(), len(ticks)
            start_frames = window.frames
            for timings in refresh_times.values():
                timings.clear()
        if start_iter is not None and window.iteration >= start_iter + steps:
            break
    elapsed = time.perf_counter() - start_time
    done = window.iteration - start_iter
    tokens = done * window.info.tokens_per_step / elapsed
    intervals = np.diff(ticks[start_ticks:])
    frames = window.frames - start_frames
    window.tick_durations = np.array(durations[start_ticks:])
    windowed.tick_durations = window.tick_durations
    windowed.refresh_times = {name: np.array(t) for name, t in refresh_times.items() if t}
    windowed.arrangement = window.arrangement.name
    window.close()
    with contextlib.suppress(OSError):
        os.remove(ini)
    return tokens, intervals, frames


def lab_epoch(kind: str, size: tuple[int, int]) -> dict[str, object]:
    """One epoch of the seq2seq lab's default run (addition, 50,000 pairs) with the window open.

    Returns the epoch's wall time (its test evaluation included), the lab's steps per epoch,
    and the intervals between the window's and the lab's timer ticks while it trained.
    """
    app, window, ini = _open_window(kind, size)
    lab = window.seq2seq_lab
    window.show_seq2seq()
    deadline = time.perf_counter() + 120
    while (window.info is None or lab.ready is None) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    ticks: dict[str, list[float]] = {"window": [], "lab": []}
    for name, owner, attr in (("window", window, "tick"), ("lab", lab, "poll")):
        original = getattr(owner, attr)

        def wrapped(original=original, stamps=ticks[name]) -> None:
            stamps.append(time.perf_counter())
            original()
        timer = window.timer if name == "window" else lab.timer
        timer.timeout.disconnect()
        timer.timeout.connect(wrapped)
    start = time.perf_counter()
    lab.step_epoch()
    while not (lab.curves.accuracy and lab.state != "training"):
        app.processEvents()
        time.sleep(0.001)
    seconds = time.perf_counter() - start
    steps = lab.ready.iters_per_epoch
    window.close()
    with contextlib.suppress(OSError):
        os.remove(ini)
    return {"seconds": seconds, "steps": steps, "window": np.diff(ticks["window"]),
            "lab": np.diff(ticks["lab"])}


def long_run_refresh(repeats: int = 20) -> dict[str, np.ndarray]:
    """Seconds per refresh + paint of the curve panels over a 100,000-step history."""
    from rnnviz.engine.snapshots import EvalResult
    from rnnviz.gui.app import application, configure_pyqtgraph
    from rnnviz.gui.panels import GradientsPanel, PerplexityPanel
    from rnnviz.runtime.history import History
    application()
    configure_pyqtgraph()
    n = 100_000
    rng = np.random.default_rng(0)
    loss = 5.0 * np.exp(-np.arange(n) / 20_000) + 1.5 + 0.1 * rng.standard_normal(n)
    names = ("embed.W", "lstm0.Wx", "lstm0.Wh", "lstm0.b", "affine.W", "affine.b")
    history = History.from_arrays({
        "history.step.iteration": np.arange(1, n + 1, dtype=np.float64),
        "history.step.epoch_fraction": np.arange(1, n + 1) / 1000.0,
        "history.step.loss": loss,
        "history.step.perplexity": np.exp(loss),
        "history.step.grad_norm": np.abs(rng.standard_normal(n)) + 0.5,
        "history.step.grad_norm_clipped": np.full(n, 0.5),
        "history.step.clip": np.full(n, 5.0),
        "history.step.clipped": np.zeros(n),
        "history.step.lr": np.full(n, 1e-3),
        "history.step.seconds": np.full(n, 0.05),
        "history.step.tokens": np.full(n, 512.0),
        "history.param_names": np.array(names),
        "history.param_grad_norms": np.abs(rng.standard_normal((n, len(names)))),
        "history.param_norms": np.abs(rng.standard_normal((n, len(names)))) + 10.0,
    })
    for i in range(1, 11):
        history.add(EvalResult(iteration=i * 10_000, epoch_fraction=i * 10.0, split="valid",
                               perplexity=100.0, seconds=0.1))
    out = {}
    for cls in (PerplexityPanel, GradientsPanel):
        panel = cls()
        panel.resize(520, 300)
        panel.show()
        timings = []
        for _ in range(repeats):
            start = time.perf_counter()
            panel.refresh(history)
            panel.repaint()
            timings.append(time.perf_counter() - start)
        panel.close()
        out[cls.__name__] = np.array(timings)
    return out


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x720") from None
    if width < 320 or height < 240:
        raise argparse.ArgumentTypeError(f"{text!r} is smaller than 320x240")
    return width, height


def _ms(values: np.ndarray, q: float) -> str:
    return f"{1e3 * np.percentile(values, q):6.1f}"


def graph_redraw(repeats: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """Seconds per new frame (show_frame + repaint) and per repaint alone, graph panel at 900 x 480."""
    from rnnviz.engine import ModelConfig, TrainConfig
    from rnnviz.engine.data import load_corpus
    from rnnviz.engine.trainer import Session
    from rnnviz.gui.app import application, configure_pyqtgraph
    from rnnviz.gui.panels.unrolled_graph import UnrolledGraphPanel
    app = application()
    configure_pyqtgraph()
    corpus = load_corpus("tale", "word")
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=100, hidden_size=100,
                                          num_layers=2),
                      TrainConfig(batch_size=20, bptt=35, lr=20.0, clip=0.25, epochs=1))
    frames = [session.substep(kind) for kind in ("forward_all", "backward", "backward", "backward_all", "clip")]
    panel = UnrolledGraphPanel()
    panel.resize(900, 480)
    panel.show()
    app.processEvents()
    new, again = np.empty(repeats), np.empty(repeats)
    for i in range(repeats):
        start = time.perf_counter()
        panel.show_frame(frames[i % len(frames)])
        panel.repaint()
        new[i] = time.perf_counter() - start
        start = time.perf_counter()
        panel.repaint()
        again[i] = time.perf_counter() - start
        app.processEvents()
    panel.close()
    return new, again


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rnnviz.gui.measure", description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--worker", choices=["process", "thread"], default="process")
    parser.add_argument("--load", type=int, default=0, metavar="N",
                        help="N CPU-burning processes beside both runs (default 0)")
    parser.add_argument("--size", type=_size, default=(1600, 1000), metavar="WxH",
                        help="window size (default 1600x1000)")
    parser.add_argument("--repeats", type=int, default=3, metavar="R",
                        help="headless and windowed runs, alternated (default 3; rates are medians)")
    parser.add_argument("--graph", action="store_true", help="time the unrolled-graph panel's redraw")
    parser.add_argument("--lab", action="store_true",
                        help="time one epoch of the seq2seq lab's default run with the window open")
    args = parser.parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if args.graph:
        new, again = graph_redraw()
        print(f"unrolled graph, 2-layer LSTM, T = 35, 900 x 480 ({os.environ.get('QT_QPA_PLATFORM', 'default')}):")
        for label, t in (("new frame + paint", new), ("repaint only", again)):
            print(f"  {label:18s} median {1e3 * np.median(t):.2f} ms, p95 {1e3 * np.percentile(t, 95):.2f} ms")
        return 0
    if args.lab:
        with cpu_load(args.load):
            r = lab_epoch(args.worker, args.size)
        print(f"seq2seq lab, addition (50,000 pairs), one epoch of {r['steps']} steps + its test accuracy, "
              f"window {args.size[0]}x{args.size[1]}, load {args.load}:")
        print(f"  epoch {r['seconds']:.1f} s ({r['steps'] / r['seconds']:.1f} steps/s with the evaluation)")
        for name in ("window", "lab"):
            t = r[name]
            print(f"  {name} timer interval: p50 {_ms(t, 50)} ms, p95 {_ms(t, 95)} ms, "
                  f"max {1e3 * t.max():6.1f} ms over {len(t)} ticks")
        return 0
    with cpu_load(args.load):
        # Headless and windowed runs alternate, and each rate is the median of its runs: this
        # machine's throughput drifts by several per cent from one minute to the next.
        bases, windows, ticks, inside, frames = [], [], [], [], 0
        refreshes: dict[str, list[np.ndarray]] = defaultdict(list)
        for _ in range(max(args.repeats, 1)):
            bases.append(headless(args.steps, args.worker))
            rate, run_ticks, run_frames = windowed(args.steps, args.worker, args.size)
            windows.append(rate)
            ticks.append(run_ticks)
            inside.append(windowed.tick_durations)
            frames += run_frames
            for name, t in windowed.refresh_times.items():
                refreshes[name].append(t)
        base, with_window = float(np.median(bases)), float(np.median(windows))
        intervals, d = np.concatenate(ticks), np.concatenate(inside)
        refresh_times = {name: np.concatenate(t) for name, t in refreshes.items()}
        long_run = long_run_refresh()
    width, height = args.size
    print(f"worker: {args.worker}; platform: {os.environ.get('QT_QPA_PLATFORM', 'default')}; window "
          f"{width}x{height} ({windowed.arrangement} layout); load: {args.load} busy process(es); "
          f"{args.repeats} x {args.steps} steps of the default run (tale, char LSTM 1x128)")
    runs = lambda rates: ", ".join(f"{r:,.0f}" for r in rates)  # noqa: E731
    print(f"headless  {base:10,.0f} tokens/s (under the same load; median of {runs(bases)})")
    print(f"window    {with_window:10,.0f} tokens/s  ({100 * with_window / base:.0f} % of headless; median of "
          f"{runs(windows)}), {frames} frames drawn")
    print(f"timer interval: p50 {_ms(intervals, 50)} ms, p95 {_ms(intervals, 95)} ms, "
          f"max {1e3 * intervals.max():6.1f} ms over {len(intervals)} ticks (target period 33 ms)")
    print(f"time inside tick (drain + refresh + paint): p50 {_ms(d, 50)} ms, p95 {_ms(d, 95)} ms, "
          f"max {1e3 * d.max():6.1f} ms")
    print("panel refresh (data pushed and painted once):")
    for name, t in sorted(refresh_times.items()):
        print(f"  {name:18s} p95 {_ms(t, 95)} ms, max {1e3 * t.max():6.1f} ms over {len(t)} refreshes")
    print("a 100,000-step history redrawn (refresh + paint, 520x300):")
    for name, t in long_run.items():
        print(f"  {name:18s} p50 {_ms(t, 50)} ms, max {1e3 * t.max():6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
