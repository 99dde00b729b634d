"""Render the main window to PNGs for a person to look at (a script, not a test).

    PYTHONPATH=. /tmp/venv/bin/python tests/gui/render_window.py [OUT_DIR]

Offscreen by default (set QT_QPA_PLATFORM=xcb under Xvfb to check a real platform). Writes, in
OUT_DIR (default /tmp/window_renders), at 1600 x 1000:

* ``start.png``   the window as it opens, before any training;
* ``window.png``  after ~60 steps trained through the worker (and a sample generated);
* ``step.png``    after one more Step (which always carries a probe);
* ``stepper_forward.png``, ``stepper_backward.png`` and the graph dock alone
  (``graph_after_forward.png``, ``graph_mid_backward.png``, ``graph_after_update.png``) while a
  block is stepped by hand, and ``tbptt_map.png``;
* ``seq2seq.png``  the seq2seq lab after two epochs of addition (reverse + attention);
* ``seq2seq_graph.png`` (and ``_window``)  its typed question unrolled in the graph panel;
* ``preset.png``  the experiment dock showing the DLFS2 ch.6 preset, with an invalid edit's
  inline error.

It also prints the redraw timer's interval percentiles and the training rate while it ran.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from rnnviz.gui.app import application, configure_pyqtgraph, wait_until  # noqa: E402


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    configure_pyqtgraph()
    from rnnviz.gui.main_window import MainWindow
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "render.ini"), QSettings.IniFormat)
    window = MainWindow(settings, interactive=False, restore_layout=False)
    window.resize(1600, 1000)
    window.show()
    window.start()
    assert wait_until(lambda: window.info is not None, 60), window.messages

    wait_until(lambda: False, 0.3)
    window.grab().save(str(out / "start.png"))

    # Measure the redraw timer while training: the event loop must stay near 30 Hz.
    ticks: list[float] = []
    window.timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    t0 = time.perf_counter()
    window.train_steps(60)
    assert wait_until(lambda: window.iteration >= 60, 120), window.messages
    elapsed = time.perf_counter() - t0
    intervals = np.diff(ticks) * 1000 if len(ticks) > 2 else np.array([0.0])
    print(f"60 steps in {elapsed:.2f} s ({60 * window.info.tokens_per_step / elapsed:,.0f} tokens/s "
          f"with the window); timer interval p50 {np.percentile(intervals, 50):.1f} ms, "
          f"p95 {np.percentile(intervals, 95):.1f} ms over {len(intervals)} ticks")

    console = window.panels["samplePanel"]
    if hasattr(console, "sample_requested"):
        window.request_sample({"prefix": "The keeper ", "length": 120, "temperature": 0.8, "top_k": 0,
                               "greedy": False, "seed": 1})
        wait_until(lambda: window.history.latest_sample is not None, 30)
    wait_until(lambda: False, 0.4)
    window.grab().save(str(out / "window.png"))

    window.step()
    assert wait_until(lambda: window.iteration >= 61, 30), window.messages
    wait_until(lambda: False, 0.3)
    window.grab().save(str(out / "step.png"))

    # The BPTT stepper, one block by hand: after forward, halfway through backward, after update.
    window.show_stepper()
    graph = window.docks["graphPanel"]
    T = window.info.train_config.bptt

    def substeps(*kinds: str, until) -> None:
        for kind in kinds:
            window.substep(kind)
        assert wait_until(lambda: window.history.latest_graph is not None
                          and until(window.history.latest_graph), 30), window.messages
        wait_until(lambda: False, 0.3)

    substeps("forward_all", until=lambda f: f.next_substeps == ("backward",))
    window.grab().save(str(out / "stepper_forward.png"))
    graph.grab().save(str(out / "graph_after_forward.png"))
    substeps(*["backward"] * (T // 2), until=lambda f: f.phase == "backward" and f.cursor[1] == T - T // 2)
    window.grab().save(str(out / "stepper_backward.png"))
    graph.grab().save(str(out / "graph_mid_backward.png"))
    substeps("backward_all", "clip", "update", until=lambda f: f.phase == "updated")
    graph.grab().save(str(out / "graph_after_update.png"))
    window.docks["tbpttMapPanel"].grab().save(str(out / "tbptt_map.png"))

    # The seq2seq lab: addition with reversed input and attention, two epochs, a typed question.
    lab = window.seq2seq_lab
    window.show_seq2seq()
    assert wait_until(lambda: lab.builds == 1, 60), lab.error_text
    lab.controls.reverse_box.click()
    lab.controls.attention_box.click()
    assert wait_until(lambda: lab.builds == 3, 60), lab.error_text
    for epoch in (1, 2):
        lab.step_epoch()
        assert wait_until(lambda: len(lab.curves.accuracy) >= epoch, 120), lab.error_text
    lab.decode("12+34")
    wait_until(lambda: lab.ask.strip.trace is not None, 30)
    wait_until(lambda: False, 0.5)
    window.seq2seq_dock.grab().save(str(out / "seq2seq.png"))
    lab.unroll()                                    # the typed question, unrolled in the graph panel
    panel = window.panels["graphPanel"]
    assert wait_until(lambda: panel.frame is not None and panel.frame.encoder_steps > 0, 30)
    wait_until(lambda: False, 0.5)
    panel.canvas.node_selected.emit(panel.frame.nodes.index("context"), panel.frame.encoder_steps + 1)
    wait_until(lambda: False, 0.3)
    window.grab().save(str(out / "seq2seq_graph_window.png"))
    graph.grab().save(str(out / "seq2seq_graph.png"))

    window.experiment.load_preset("dlfs2-ch6", ask=False)
    window.experiment.tie_check.setChecked(True)
    window.experiment.hidden_spin.setValue(200)     # tie with embed 100 != hidden 200: inline error
    wait_until(lambda: False, 0.2)
    window.grab().save(str(out / "preset.png"))
    window.experiment_dock.grab().save(str(out / "experiment_dock.png"))

    window.close()
    print(f"closing stopped the worker in {window.join_seconds * 1000:.1f} ms; "
          f"messages: {window.messages or 'none'}")
    print("wrote", ", ".join(sorted(p.name for p in out.glob("*.png"))), "to", out)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/window_renders")))
