"""Start the desktop app: QApplication, pyqtgraph options, the main window, and scripted capture.

``main(options)`` is what ``rnnviz`` (no command) and ``rnnviz gui ...`` call. ``options`` is an
``argparse.Namespace`` or a dict with any of: ``corpus`` (path or bundled name), ``preset``,
``checkpoint``, ``screenshot`` (a PNG path: train, capture the window, quit) and
``screenshot_steps`` (steps to train before the capture, default 0; ``steps`` is accepted too).
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rnnviz.engine.texts import translate

# One BLAS thread, before numpy loads: a second one fighting the GUI for the other core slows
# training several-fold (docs/architecture.md). setdefault: the user's choice wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

SCREENSHOT_SIZE = (1600, 1000)
EXIT_ERROR = 2


def configure_pyqtgraph() -> None:
    """Options every panel assumes; must run before the first plot is created."""
    import pyqtgraph as pg
    pg.setConfigOptions(imageAxisOrder="row-major", background="w", foreground="k", antialias=False)


def display_problem(environ: Any = None, platform: str = sys.platform) -> str | None:
    """Why no window can open here, as one line for stderr; None when it can.

    On Linux without a display server Qt aborts with a misleading message about xcb-cursor;
    platforms that draw without one (offscreen, minimal, vnc, eglfs, ...) need no display.
    """
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return None
    wanted = [p.split(":")[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";") if p.strip()]
    if any(not p.startswith(("xcb", "wayland")) for p in wanted):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return translate("app", "rnnviz: no display found (DISPLAY is not set); run it from a desktop session, "
                     "or use `rnnviz train` for the command line (`--screenshot` works with "
                     "QT_QPA_PLATFORM=offscreen)")


def _option(options: Any, name: str, default: Any = None) -> Any:
    if options is None:
        return default
    if isinstance(options, dict):
        value = options.get(name, default)
    else:
        value = getattr(options, name, default)
    return default if value is None else value


def application() -> Any:
    """The QApplication (created once, reused by tests and repeated calls)."""
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("rnnviz")
    app.setOrganizationName("rnnviz")
    return app


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop until ``condition()`` holds or ``timeout`` seconds pass."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            return False
        QApplication.processEvents(QEventLoop.AllEvents, 20)
        time.sleep(0.005)
    return True


def capture(window: Any, path: str | os.PathLike, steps: int = 0, timeout: float = 300.0,
            sample: str | None = None) -> bool:
    """Wait for the run, train ``steps`` steps through the worker, let panels redraw, save a PNG.

    With ``sample``, the sample console then generates 160 tokens from that prefix (seed 1,
    temperature 0.8) and the capture shows them.

    Returns False (with the reason in ``window.messages``) when the run could not be built or
    training stopped early.
    """
    if not wait_until(lambda: window.info is not None or window.messages, 120.0) or window.info is None:
        return False
    target = window.iteration + steps
    if steps > 0:
        # The last one as a single Step, which always probes: the probe panels are not empty.
        if steps > 1:
            window.train_steps(steps - 1)
            if not wait_until(lambda: window.iteration >= target - 1 or window.state != "training", timeout):
                return False
        window.step()
        if not wait_until(lambda: window.iteration >= target or window.state == "diverged", timeout):
            return False
    if sample is not None:
        console = window.panels["samplePanel"]
        console.prefix.setText(sample)
        console.length.setValue(160)
        console.temperature.setValue(0.8)
        console.seed.setValue(1)
        console.request_sample()          # as if Generate were pressed
        if not wait_until(lambda: window.history.latest_sample is not None or window.messages, timeout):
            return False
    # A few redraw periods so every panel has drawn the final history and probe.
    end = time.perf_counter() + 0.3
    wait_until(lambda: time.perf_counter() > end, 1.0)
    window.tick()
    image = window.grab()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return bool(image.save(str(path), "PNG")) and window.iteration >= target


def main(options: Any = None) -> int:
    """Open the window (or capture it, with ``screenshot``) and return the exit status.

    Parameters
    ----------
    options : argparse.Namespace or dict, optional
        ``corpus``, ``preset``, ``checkpoint``, ``screenshot``, ``screenshot_steps`` (see the
        module docstring). Missing or None means the default: the ``tale-lstm`` preset.

    Returns
    -------
    int
        0 on success; 2 when there is no display (see :func:`display_problem`) or a scripted
        capture could not build its run or write the file.
    """
    from rnnviz.localize import localize
    problem = display_problem()
    if problem:
        print(localize(problem), file=sys.stderr)
        return EXIT_ERROR
    screenshot = _option(options, "screenshot")
    steps = int(_option(options, "screenshot_steps", _option(options, "steps", 0)))
    app = application()
    configure_pyqtgraph()
    from . import i18n
    i18n.set_override(_option(options, "lang"))
    from .main_window import MainWindow
    scripted = screenshot is not None
    if scripted:
        # A scripted capture must look the same on every machine: default layout, nothing saved.
        from PySide6.QtCore import QSettings
        from PySide6.QtCore import QSize

        from .layout import screen_class
        settings = QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "rnnviz-capture.ini"),
                             QSettings.IniFormat)
        # The arrangement of the capture's size, not of whatever screen (or none) the script runs on.
        settings.setValue("window/layout", screen_class(QSize(*SCREENSHOT_SIZE)))
        window = MainWindow(settings, interactive=False, restore_layout=False)
        window.resize(*SCREENSHOT_SIZE)
    else:
        window = MainWindow()
        window.place_on_screen()            # inside the screen: maximized on a small one
    window.show()
    started = window.start(corpus=_option(options, "corpus"), preset=_option(options, "preset"),
                           checkpoint=_option(options, "checkpoint"))
    if not scripted:
        from .help_pages import offer_first_tour
        offer_first_tour(window)            # once, at the very first launch
        return int(app.exec())
    ok = started and capture(window, screenshot, steps, sample=_option(options, "sample"))
    window.close()
    if not ok:
        reason = "; ".join(text for _, text in window.messages) or translate("app", "training stopped early")
        print(localize(translate("app", "rnnviz gui: could not capture {path}: {reason}")
                       .format(path=screenshot, reason=reason)), file=sys.stderr)
        return EXIT_ERROR
    print(localize(translate("app", "saved {path} at step {step}").format(path=screenshot, step=window.iteration)))
    return 0


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(prog="python -m rnnviz.gui.app")
    parser.add_argument("--corpus")
    parser.add_argument("--preset")
    parser.add_argument("--checkpoint")
    parser.add_argument("--screenshot")
    parser.add_argument("--screenshot-steps", type=int, default=0)
    parser.add_argument("--sample")
    parser.add_argument("--lang", choices=["en", "ko"])
    sys.exit(main(parser.parse_args()))
