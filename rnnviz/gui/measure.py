"""Measure what the window costs training: ``python -m rnnviz.gui.measure [--steps N] [--graph]``.

1. Headless: the default run (preset ``tale-lstm``) trained by the same worker, no window.
2. Windowed: the main window with every panel visible trains the same run while the 30 Hz
   timer drains, redraws and records the interval between its ticks.

Prints tokens/s for both, their ratio, and the tick interval's median and p95. Run it under
a real display (or Xvfb) for the honest figure; offscreen Qt paints too, into memory.

``--graph`` instead times the unrolled-graph panel redrawing engine frames of a two-layer LSTM
over T = 35 (the issue's budget: 5 ms per frame): a new frame taken in and painted, and a
repaint alone.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np


def _data_and_configs():
    from rnnviz.engine.config import ModelConfig, TrainConfig
    from rnnviz.engine.presets import PRESETS
    preset = PRESETS["tale-lstm"]
    data = {"source": preset.corpus, "level": "char", "normalize": False, "limit_tokens": None,
            "valid": None, "test": None, **preset.data}
    return data, ModelConfig(vocab_size=2, **preset.model), TrainConfig(**{**preset.train, "epochs": 10_000})


def headless(steps: int, kind: str) -> float:
    """Tokens/s of ``steps`` steps through a worker with nobody drawing."""
    from rnnviz.engine.snapshots import StepSnapshot
    from rnnviz.gui.worker import RunReady, TrainingWorker
    from rnnviz.gui.worker_process import ProcessWorker
    worker = ProcessWorker() if kind == "process" else TrainingWorker()
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


def windowed(steps: int, kind: str) -> tuple[float, np.ndarray, int]:
    """(tokens/s, tick intervals in s, frames drawn) with the window training."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from rnnviz.gui.app import configure_pyqtgraph
    from rnnviz.gui.main_window import MainWindow
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_pyqtgraph()
    settings = QSettings(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".measure.ini"),
                         QSettings.IniFormat)
    window = MainWindow(settings, interactive=False, restore_layout=False, worker=kind)
    window.resize(1600, 1000)
    window.show()
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
    window.play()
    start_iter, start_time = None, None
    while True:
        app.processEvents()
        time.sleep(0.001)
        if start_iter is None and window.iteration >= 5:
            start_iter, start_time, start_ticks = window.iteration, time.perf_counter(), len(ticks)
            start_frames = window.frames
        if start_iter is not None and window.iteration >= start_iter + steps:
            break
    elapsed = time.perf_counter() - start_time
    done = window.iteration - start_iter
    tokens = done * window.info.tokens_per_step / elapsed
    intervals = np.diff(ticks[start_ticks:])
    frames = window.frames - start_frames
    window.tick_durations = np.array(durations[start_ticks:])
    windowed.tick_durations = window.tick_durations
    window.close()
    try:
        os.remove(settings.fileName())
    except OSError:
        pass
    return tokens, intervals, frames


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
    parser.add_argument("--graph", action="store_true", help="time the unrolled-graph panel's redraw")
    args = parser.parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if args.graph:
        new, again = graph_redraw()
        print(f"unrolled graph, 2-layer LSTM, T = 35, 900 x 480 ({os.environ.get('QT_QPA_PLATFORM', 'default')}):")
        for label, t in (("new frame + paint", new), ("repaint only", again)):
            print(f"  {label:18s} median {1e3 * np.median(t):.2f} ms, p95 {1e3 * np.percentile(t, 95):.2f} ms")
        return 0
    base = headless(args.steps, args.worker)
    with_window, intervals, frames = windowed(args.steps, args.worker)
    print(f"worker: {args.worker}; platform: {os.environ.get('QT_QPA_PLATFORM', 'default')}; "
          f"{args.steps} steps of the default run (tale, char LSTM 1x128)")
    print(f"headless  {base:10,.0f} tokens/s")
    print(f"window    {with_window:10,.0f} tokens/s  ({100 * with_window / base:.0f} % of headless), "
          f"{frames} frames drawn")
    print(f"timer interval: median {1e3 * np.median(intervals):.1f} ms, "
          f"p95 {1e3 * np.percentile(intervals, 95):.1f} ms, max {1e3 * intervals.max():.1f} ms "
          f"over {len(intervals)} ticks (target period 33 ms)")
    d = windowed.tick_durations
    print(f"time inside tick (drain + refresh): median {1e3 * np.median(d):.1f} ms, "
          f"p95 {1e3 * np.percentile(d, 95):.1f} ms; the rest of each interval is painting and idle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
