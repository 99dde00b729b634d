"""Render the seq2seq lab on dates for the README (a script, not a test; about 3 minutes).

    PYTHONPATH=. /tmp/venv/bin/python tests/gui/render_seq2seq_dates.py [OUT.png]

Trains the book's dates model (LSTM, attention, reversed input, H = 256, the book's random
stream) for three epochs, decodes a typed date and grabs the lab at 1250 x 560, as in
``assets/docs/seq2seq_dates.png``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from rnnviz.gui.app import application, configure_pyqtgraph, wait_until  # noqa: E402
from rnnviz.gui.panels.seq2seq_controls import LabSettings  # noqa: E402

EPOCHS = 3


def main(out: Path) -> int:
    app = application()
    configure_pyqtgraph()
    from rnnviz.gui.seq2seq_lab import Seq2seqLab
    lab = Seq2seqLab(epochs=10, start=False)
    lab.set_graph_available(True)                   # as in the main window
    lab.resize(1250, 560)
    lab.show()
    lab._apply(LabSettings("date", True, "attention", "lstm", 256))
    assert wait_until(lambda: lab.ready is not None and lab.settings.task == "date", 60), lab._error
    for epoch in range(1, EPOCHS + 1):
        lab.step_epoch()
        assert wait_until(lambda: len(lab.curves.accuracy) >= epoch and lab.state == "paused", 600), lab._error
        print(f"epoch {epoch}: {lab.status.text()}", flush=True)
    lab.ask.question_edit.setText("march 4, 1999")
    lab.decode("march 4, 1999")
    assert wait_until(lambda: lab.ask.strip.trace is not None, 30)
    wait_until(lambda: False, 0.5)
    out.parent.mkdir(parents=True, exist_ok=True)
    lab.grab().save(str(out))
    lab.shutdown()
    app.processEvents()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/window_renders/seq2seq_dates.png")))
