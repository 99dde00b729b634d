"""Render the W_h spectrum view in the window for a person to look at (a script, not a test).

    PYTHONPATH=. .venv/bin/python tests/gui/render_spectrum.py [OUT_DIR] [--size 1280x720] [--korean]

Trains a character RNN (the tale, cell "rnn", H = 128) for 300 steps through the window's worker,
brings the W_h spectrum dock to the front and writes ``spectrum_s050.png``, ``spectrum_s100.png``,
``spectrum_s150.png``, ``spectrum_s250.png`` (the window at s = 0.5, 1, 1.5 and 2.5) and ``spectrum_book.png`` (the book's
experiment at s = 0.8), plus ``spectrum_panel_*.png``: the dock alone. Offscreen by default.
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from PySide6.QtCore import QSettings  # noqa: E402

from rnnviz.gui.app import application, configure_pyqtgraph, wait_until  # noqa: E402

STEPS = 300


def main(out: Path, size: tuple[int, int], korean: bool) -> int:
    out.mkdir(parents=True, exist_ok=True)
    application()
    configure_pyqtgraph()
    from rnnviz.gui import i18n
    from rnnviz.gui.main_window import MainWindow
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "render.ini"), QSettings.IniFormat)
    window = MainWindow(settings, interactive=False, restore_layout=False)
    if korean:
        i18n.set_language("ko", settings)
    window.resize(*size)
    window.show()
    form = window.experiment
    form.load_preset("tale-lstm", ask=False)
    form.cell_combo.setCurrentIndex(form.cell_combo.findData("rnn"))
    assert window.start(), window.messages
    assert wait_until(lambda: window.info is not None, 60), window.messages
    window.train_steps(STEPS)
    assert wait_until(lambda: window.iteration >= STEPS and window.state == "paused", 300), window.messages
    dock, panel = window.docks["whSpectrumPanel"], window.panels["whSpectrumPanel"]
    dock.show()
    dock.raise_()
    suffix = "" if size == (1280, 720) else f"_{size[0]}"

    def settle(scale: float, book: bool = False) -> None:
        panel.mode_combo.setCurrentIndex(1 if book else 0)
        panel.set_scale(scale)
        assert wait_until(lambda: panel.report is not None and panel.report.book == book
                          and abs(panel.report.scale - scale) < 1e-9 and panel._sweep is not None, 30), \
            window.messages
        wait_until(lambda: False, 0.3)

    for scale, name in ((0.5, "s050"), (1.0, "s100"), (1.5, "s150"), (2.5, "s250")):
        settle(scale)
        window.grab().save(str(out / f"spectrum_{name}{suffix}.png"))
        dock.grab().save(str(out / f"spectrum_panel_{name}{suffix}.png"))
        print(name, "s·σ_max =", f"{panel.report.scaled_sigma_max:.3f}", "growth =", panel.report.growth)
    settle(0.8, book=True)
    window.grab().save(str(out / f"spectrum_book{suffix}.png"))
    dock.grab().save(str(out / f"spectrum_panel_book{suffix}.png"))
    window.interactive = False
    window.close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/spectrum_renders")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--korean", action="store_true")
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    raise SystemExit(main(Path(args.out), (w, h), args.korean))
