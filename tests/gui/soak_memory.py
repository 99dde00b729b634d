"""A soak of the real window, for the closing note (a script, not a test).

    python tests/gui/soak_memory.py [MINUTES] [--size 1280x720]

Opens the window with its default (process) worker offscreen, plays the default run without end,
and every 30 s samples text, every 2 minutes rewinds to the newest kept step, with autosave
every minute; prints the resident memory of the window's process and of the training process
at the start, every minute, and at the end.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("RNNVIZ_AUTOSAVE_SECONDS", "60")
os.environ.setdefault("RNNVIZ_DATA_DIR", tempfile.mkdtemp(prefix="rnnviz-soak-"))


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(minutes: float, size: str) -> int:
    from PySide6.QtCore import QSettings
    from rnnviz.gui.app import application, configure_pyqtgraph, wait_until
    app = application()
    configure_pyqtgraph()
    from rnnviz.gui.main_window import MainWindow
    settings = QSettings(os.path.join(os.environ["RNNVIZ_DATA_DIR"], "soak.ini"), QSettings.IniFormat)
    window = MainWindow(settings, interactive=False, restore_layout=False, worker="process")
    w, h = (int(v) for v in size.split("x"))
    window.resize(w, h)
    window.show()
    window.start()
    assert wait_until(lambda: window.info is not None, 60), window.messages
    window.experiment.epochs_spin.setValue(10_000)
    window.experiment.apply()
    assert wait_until(lambda: window.info.train_config.epochs == 10_000, 60)
    window.play()
    assert wait_until(lambda: window.iteration > 0, 60)
    worker_pid = window.worker.pid
    start = time.monotonic()
    rows = [(0.0, window.iteration, rss_mb(os.getpid()), rss_mb(worker_pid))]
    print(f"{'min':>5s} {'step':>8s} {'window MB':>10s} {'worker MB':>10s}", flush=True)
    print(f"{0:5.1f} {rows[0][1]:8,d} {rows[0][2]:10.0f} {rows[0][3]:10.0f}", flush=True)
    next_sample, next_rewind, next_row = 30.0, 120.0, 60.0
    while (elapsed := time.monotonic() - start) < 60 * minutes:
        wait_until(lambda: False, 0.5)          # the event loop runs: redraws, autosaves
        if elapsed > next_sample:
            next_sample += 30
            window.request_sample({"prefix": "the ", "length": 200, "temperature": 0.8})
        if elapsed > next_rewind:
            next_rewind += 120
            window.worker.rewind(None, None)
            wait_until(lambda: window.state != "training", 10)
            window.play()
        if elapsed > next_row:
            next_row += 60
            rows.append((elapsed / 60, window.iteration, rss_mb(os.getpid()), rss_mb(worker_pid)))
            print(f"{rows[-1][0]:5.1f} {rows[-1][1]:8,d} {rows[-1][2]:10.0f} {rows[-1][3]:10.0f}", flush=True)
    rows.append((minutes, window.iteration, rss_mb(os.getpid()), rss_mb(worker_pid)))
    window.close()
    print(f"soak {minutes:g} min: window {rows[0][2]:.0f} -> {rows[-1][2]:.0f} MB (max "
          f"{max(r[2] for r in rows):.0f}), worker {rows[0][3]:.0f} -> {rows[-1][3]:.0f} MB (max "
          f"{max(r[3] for r in rows):.0f}), {window.frames:,} frames", flush=True)
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    size = "1280x720"
    if "--size" in args:
        i = args.index("--size")
        size = args[i + 1]
        del args[i:i + 2]
    sys.exit(main(float(args[0]) if args else 15.0, size))
