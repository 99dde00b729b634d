"""Run > Check gradients… through the window on the tale preset, measured and rendered (a script, not a test).

    PYTHONPATH=. .venv/bin/python tests/gui/render_gradcheck.py [OUT_DIR] [--size 1280x720] [--korean]
        [--cells rnn,lstm,gru] [--steps 100] [--worker process] [--catalogue KO.json]

For each cell, builds the ``tale-lstm`` preset with that cell (character level, H = 128) in a window
with its real worker (the child process users get, by default), trains ``--steps`` steps, triggers
Run > Check gradients… and waits for the report. Prints every parameter's worst relative error,
the check's own time and the wall time from the click to the table, and writes
``gradcheck_<cell>.png`` (the window with the dialog over its middle, as a user sees it) and
``gradcheck_<cell>_dialog.png`` (the dialog alone). Offscreen by default. ``--catalogue`` adds
translations not merged into the Korean catalogue yet (``{"context": {"English": "Korean"}}``), to
see how long Korean texts fit before the merge.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import json  # noqa: E402

from PySide6.QtCore import QPoint, QRect, QSettings, QTranslator  # noqa: E402
from PySide6.QtGui import QAction, QColor, QPainter  # noqa: E402

from rnnviz.gui.app import application, configure_pyqtgraph, wait_until  # noqa: E402


def measure(cell: str, out: Path, size: tuple[int, int], korean: bool, steps: int, worker: str) -> None:
    from rnnviz.gui import i18n
    from rnnviz.gui.gradcheck_dialog import GradCheckDialog
    from rnnviz.gui.main_window import MainWindow
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "render.ini"), QSettings.IniFormat)
    window = MainWindow(settings, interactive=False, restore_layout=False, worker=worker)
    if korean:
        i18n.set_language("ko", settings)
    window.resize(*size)
    window.show()
    form = window.experiment
    form.load_preset("tale-lstm", ask=False)
    form.cell_combo.setCurrentIndex(form.cell_combo.findData(cell))
    assert window.start(), window.messages
    assert wait_until(lambda: window.info is not None, 60), window.messages
    window.train_steps(steps)
    assert wait_until(lambda: window.iteration >= steps and window.state == "paused", 600), window.messages
    clicked = time.perf_counter()
    window.findChild(QAction, "actionCheckGradients").trigger()
    dialog = window.findChild(GradCheckDialog, "gradCheckDialog")
    assert wait_until(lambda: dialog.report is not None, 120), window.messages
    wall = time.perf_counter() - clicked
    wait_until(lambda: False, 0.3)
    report = dialog.report
    print(f"{cell}: {'pass' if report.passed else 'FAIL'}, step {report.iteration}, check {report.seconds:.2f} s, "
          f"click to table {wall:.2f} s, loss {report.loss:.4f}, state {report.state}, "
          f"rows {report.rows}/{report.batch_rows}, worst {report.max_error:.1e}")
    for p in report.params:
        print(f"    {p.name:10s} {str(p.shape):12s} max rel. error {p.max_error:.1e}  beyond round-off "
              f"{p.beyond_roundoff:.1e}  |g| {p.grad_norm:.2e}  {'✓' if p.passed else '✗'}")
    suffix = ("_ko" if korean else "") + ("" if size == (1280, 720) else f"_{size[0]}")
    shot = window.grab()
    painter = QPainter(shot)
    face = dialog.grab()
    corner = QPoint((shot.width() - face.width()) // 2, (shot.height() - face.height()) // 2)
    painter.drawPixmap(corner, face)
    painter.setPen(QColor("#777777"))           # offscreen dialogs have no frame: draw its edge
    painter.drawRect(QRect(corner, face.size()).adjusted(-1, -1, 0, 0))
    painter.end()
    shot.save(str(out / f"gradcheck_{cell}{suffix}.png"))
    face.save(str(out / f"gradcheck_{cell}{suffix}_dialog.png"))
    window.interactive = False
    window.close()
    if korean:
        i18n.set_language("en")


class Catalogue(QTranslator):
    """Translations from a JSON file ``{"context": {"English": "Korean"}}``."""

    def __init__(self, path: str):
        super().__init__()
        self.table = json.loads(Path(path).read_text(encoding="utf-8"))

    def translate(self, context, source, disambiguation=None, n=-1):
        return self.table.get(context, {}).get(source, "")

    def isEmpty(self):
        return False


def main(out: Path, size: tuple[int, int], korean: bool, cells: list[str], steps: int, worker: str,
         catalogue: str | None = None) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    configure_pyqtgraph()
    if catalogue:
        extra = Catalogue(catalogue)
        app.installTranslator(extra)        # asked for what rnnviz's catalogue does not have yet
    for cell in cells:
        measure(cell, out, size, korean, steps, worker)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/gradcheck_renders")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--korean", action="store_true")
    parser.add_argument("--cells", default="rnn,lstm,gru")
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--worker", default="process")
    parser.add_argument("--catalogue")
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    raise SystemExit(main(Path(args.out), (w, h), args.korean, args.cells.split(","), args.steps, args.worker,
                          args.catalogue))
