"""Render every panel with realistic data to PNGs, to look at them (not a test).

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python tests/gui/render_panels.py [--synthetic] [OUT_DIR]

With a working ``Session.run`` the data come from a short real run (word-level LSTM on the
bundled tale); ``--synthetic`` (or an engine without ``run``) uses tests/gui/conftest.py's
2000-step synthetic history instead. Writes OUT_DIR/<panel>.png (default /tmp/panel_renders).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pyqtgraph as pg  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from rnnviz.gui.panels import PANELS  # noqa: E402
from rnnviz.runtime.history import History  # noqa: E402
from tests.gui.conftest import sample_tokens, synthetic_history  # noqa: E402

SIZE = (700, 400)


def real_history(steps: int = 600):
    """A History of a short real run, a vocabulary, a session (or None if the engine lacks run)."""
    from rnnviz.engine import trainer
    from rnnviz.engine.config import ModelConfig, TrainConfig
    from rnnviz.engine.data import load_corpus
    if not hasattr(trainer.Session, "run"):
        return None
    corpus = load_corpus("tale", "word")
    session = trainer.Session(
        corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=64, hidden_size=64, cell="lstm"),
        TrainConfig(batch_size=10, bptt=35, optimizer="adam", lr=0.005, clip=1.0, epochs=100,
                    eval_every=100),
        data={"source": "tale", "level": "word"})
    session.probe_every = 50
    history = History()
    for snapshot in session.run(steps):
        history.add(snapshot)
    return history, corpus.vocab, session


def main(argv: list[str]) -> None:
    out = Path(next((a for a in argv if not a.startswith("--")), "/tmp/panel_renders"))
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    pg.setConfigOptions(background="w", foreground="k", imageAxisOrder="row-major", antialias=True)
    real = None if "--synthetic" in argv else real_history()
    if real is None:
        history, vocab = synthetic_history(2000)
        session = None
        print("data: synthetic (2000 steps, word-level LSTM probe T=35 H=64)")
    else:
        history, vocab, session = real
        print(f"data: real run, {len(history)} steps, vocab {len(vocab)}")
    for cls in PANELS:
        panel = cls()
        panel.resize(*SIZE)
        if hasattr(panel, "set_vocab"):
            panel.set_vocab(vocab)
        panel.show()
        panel.refresh(history)
        if cls.__name__ == "HiddenStatesPanel" or cls.__name__ == "NextTokenPanel":
            panel.set_selected_time(12)
        if cls.__name__ == "SampleConsolePanel":
            fill_console(panel, session, vocab)
        app.processEvents()
        name = panel.objectName()
        panel.grab().save(str(out / f"{name}.png"))
        panel.export(str(out / f"{name}_export.png"))
        panel.export(str(out / f"{name}_export.svg"))
        print("wrote", out / f"{name}.png")
        if hasattr(panel, "_on_mouse_moved"):
            hover(panel, history)
            panel.grab().save(str(out / f"{name}_hover.png"))
        panel.close()


def hover(panel, history) -> None:
    """Put the mouse readout at a typical spot: mid-run on the curves, a cell of the heatmap."""
    from PySide6.QtCore import QPointF
    plot = panel.plot
    plot.vb.updateAutoRange()
    QApplication.processEvents()
    if panel.objectName() == "hiddenStatePanel":
        point = QPointF(20, 30)
    else:
        (x0, x1), (y0, y1) = plot.vb.viewRange()
        point = QPointF(x0 + 0.6 * (x1 - x0), y0 + 0.5 * (y1 - y0))
    panel._on_mouse_moved((plot.vb.mapViewToScene(point),))
    QApplication.processEvents()


def fill_console(panel, session, vocab) -> None:
    if session is not None:
        panel.prefix.setText("the keeper")
        panel.begin_sample("the keeper")
        result = None
        for item in session.iter_sample("the keeper", 60, temperature=0.8, seed=3):
            if hasattr(item, "index"):
                panel.append_token(item)
            else:
                result = item
        panel.finish_sample(result)
        return
    words = ("keeper climbed the stairs of the lighthouse , and the lamp was lit <eos> "
             "the sea was cold and grey , and the wind came from the north <eos> "
             "he said nothing to the boy").split()
    tokens, result = sample_tokens(words)
    panel.prefix.setText("the")
    panel.begin_sample("the")
    for tok in tokens:
        panel.append_token(tok)
    panel.finish_sample(result)


if __name__ == "__main__":
    main(sys.argv[1:])
