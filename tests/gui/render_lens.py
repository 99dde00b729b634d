"""Render the text lens in the window for a person to look at (a script, not a test).

    PYTHONPATH=. .venv/bin/python tests/gui/render_lens.py [OUT_DIR] [--size 1280x720] [--korean]

Trains the tale preset ("tale-lstm": a character LSTM, H = 128) for 300 steps through the window's
worker, saving a checkpoint at step 100, brings the Text lens dock to the front, lets it read the
validation split, hovers one token and clicks another, and writes ``lens.png`` (the window, the
clicked token's connectivity shown), ``lens_panel.png`` (the dock alone) and, after comparing with
the step-100 checkpoint, ``lens_compare.png`` and ``lens_compare_panel.png``. Offscreen by default.
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from PySide6.QtCore import QEvent, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from rnnviz.gui.app import application, configure_pyqtgraph, wait_until  # noqa: E402

STEPS, SAVED_AT = 300, 100
# In "…the clockwork that had turned the lens of the lighthouse…": the 'g' of the second "lighthouse"
# clicked (its 1 % reach, 19 characters, is among the longest of the paragraph), the 'e' of "lens" hovered.
HOVERED, CLICKED = 350, 363


def mouse(view, kind: QEvent.Type, k: int) -> None:
    """A real mouse event at token ``k`` of the lens's text (moved, or pressed with the left button)."""
    point = QPointF(view.token_rect(k).center())
    button = Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, point, view.viewport().mapToGlobal(point), button, button,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def main(out: Path, size: tuple[int, int], korean: bool) -> int:
    out.mkdir(parents=True, exist_ok=True)
    application()
    configure_pyqtgraph()
    from rnnviz.gui import i18n
    from rnnviz.gui.main_window import MainWindow
    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "render.ini"), QSettings.IniFormat)
    window = MainWindow(settings, interactive=False, restore_layout=False)
    if korean:
        i18n.set_language("ko", settings)
    window.resize(*size)
    window.show()
    window.experiment.load_preset("tale-lstm", ask=False)
    assert window.start(), window.messages
    assert wait_until(lambda: window.info is not None, 60), window.messages
    window.train_steps(SAVED_AT)
    assert wait_until(lambda: window.iteration >= SAVED_AT and window.state == "paused", 300), window.messages
    checkpoint = folder / "step100.npz"
    window.worker.save(str(checkpoint))
    assert wait_until(lambda: checkpoint.exists() and window.saved_iteration == SAVED_AT, 60), window.messages
    window.train_steps(STEPS - SAVED_AT)
    assert wait_until(lambda: window.iteration >= STEPS and window.state == "paused", 300), window.messages
    dock, panel = window.docks["textLensPanel"], window.panels["textLensPanel"]
    dock.show()
    dock.raise_()
    assert wait_until(lambda: panel.reading is not None and panel.reading.iteration == STEPS, 60), \
        (window.messages, panel.status.text())
    view = panel.text_view
    view.show_token(CLICKED)
    wait_until(lambda: False, 0.2)
    mouse(view, QEvent.Type.MouseButtonPress, CLICKED)
    assert wait_until(lambda: panel.links is not None and panel.links.t == CLICKED, 60), panel.status.text()
    mouse(view, QEvent.Type.MouseMove, HOVERED)
    wait_until(lambda: False, 0.3)
    suffix = "" if size == (1280, 720) else f"_{size[0]}"
    window.grab().save(str(out / f"lens{suffix}.png"))
    dock.grab().save(str(out / f"lens_panel{suffix}.png"))
    r, c = panel.reading, panel.links
    print(f"read {len(r.tokens)} of {r.total_tokens} tokens at step {r.iteration}: perplexity {r.perplexity:.3f};",
          f"token {c.t} {r.tokens[c.t]!r}: 1 % reach at distance {c.reach}; readout: {panel.readout.text()[:160]}")
    panel.compare_with(str(checkpoint))
    assert wait_until(lambda: panel.comparison is not None, 60), panel.status.text()
    mouse(view, QEvent.Type.MouseMove, HOVERED)
    wait_until(lambda: False, 0.3)
    window.grab().save(str(out / f"lens_compare{suffix}.png"))
    dock.grab().save(str(out / f"lens_compare_panel{suffix}.png"))
    m = panel.comparison
    print(f"against step {m.other_iteration}: perplexity {m.other_perplexity:.3f} -> {m.perplexity:.3f},",
          f"{m.easier} tokens easier, {m.harder} harder")
    window.interactive = False
    window.close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/lens_renders")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--korean", action="store_true")
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    raise SystemExit(main(Path(args.out), (w, h), args.korean))
