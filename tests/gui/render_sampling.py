"""Render the window with the next-token view in "all V" mode and a sample stopped at <eos>
(issue 19, item 5), for a person to look at (a script, not a test).

    PYTHONPATH=. python tests/gui/render_sampling.py [OUT_DIR] [--korean]

A word-level LSTM on the bundled tale (V = 930) trains 300 steps through the window's worker;
then the next-token dock comes forward in "all" mode and the console generates with "stop at
<eos>" on. Writes OUT_DIR/sampling_1280.png and sampling_1600.png (default /tmp/h), the
next-token and console panels alone beside them (…_next_token.png, …_console.png), and with
--korean the same in Korean (…_ko.png).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402

from rnnviz.engine.config import ModelConfig, TrainConfig  # noqa: E402
from rnnviz.gui.app import application, configure_pyqtgraph, wait_until  # noqa: E402


def render(out: Path, size: tuple[int, int], korean: bool) -> None:
    from rnnviz.gui.main_window import MainWindow
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "render.ini"), QSettings.IniFormat)
    window = MainWindow(settings, interactive=False, restore_layout=False)
    window.resize(*size)
    window.show()
    if korean:
        window.findChild(QAction, "actionLanguage_ko").trigger()
    window.experiment.set_config({"source": "tale", "level": "word"},
                                 ModelConfig(vocab_size=2, embed_size=64, hidden_size=64, cell="lstm"),
                                 TrainConfig(batch_size=10, bptt=35, optimizer="adam", lr=0.005, clip=1.0,
                                             epochs=100))
    window.start()
    assert wait_until(lambda: window.info is not None, 60), window.messages
    window.train_steps(300)
    assert wait_until(lambda: window.iteration >= 300, 300), window.messages
    window.step()                                   # a probe of this very step
    assert wait_until(lambda: window.iteration >= 301, 30)
    dock, panel = window.docks["softmaxPanel"], window.panels["softmaxPanel"]
    dock.show()
    dock.raise_()
    panel.set_mode("all")
    console = window.panels["samplePanel"]
    window.docks["samplePanel"].raise_()
    console.prefix.setText("the keeper")
    console.seed.setValue(3)
    console.temperature.setValue(0.9)
    console.generate_button.click()
    assert wait_until(lambda: window.history.latest_sample is not None and console.generate_button.isEnabled(), 60)
    wait_until(lambda: False, 0.5)
    tag = f"{size[0]}{'_ko' if korean else ''}"
    window.grab().save(str(out / f"sampling_{tag}.png"))
    panel.grab().save(str(out / f"sampling_{tag}_next_token.png"))
    console.grab().save(str(out / f"sampling_{tag}_console.png"))
    sample = window.history.latest_sample
    print(f"{size}: probe V={panel.probe.vocab_size}, bars {panel.all_view.bar_count()}, "
          f"sample {len(sample.tokens)} tokens, stopped at <eos>: {sample.stopped_at_eos}")
    if korean:
        window.findChild(QAction, "actionLanguage_en").trigger()
    window.interactive = False
    window.close()


def main(argv: list[str]) -> int:
    out = Path(next((a for a in argv if not a.startswith("--")), "/tmp/h"))
    out.mkdir(parents=True, exist_ok=True)
    application()
    configure_pyqtgraph()
    korean = "--korean" in argv
    for size in ((1280, 720), (1600, 1000)):
        render(out, size, korean)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
