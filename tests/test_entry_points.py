"""Every ``python -m rnnviz...`` entry point runs, in a subprocess, as a user would start it.

As pyqtgraph does with its examples: each module with a ``__main__`` block is started headless
(``QT_QPA_PLATFORM=offscreen``) with arguments that keep it short, and must end with status 0
and no traceback; a module that opens a window and waits for its user (the lab) must still be
running, without a traceback, after a few seconds. A new entry point fails
:func:`test_every_entry_point_is_listed` until it is added to :data:`ENTRY_POINTS`.
"""
from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "rnnviz"
STAYS_OPEN = "stays open"       # a window that waits for its user: alive after a few seconds

ENTRY_POINTS = {  # module -> arguments that keep the run short (or STAYS_OPEN)
    "rnnviz": ["train", "tale", "--steps", "2", "--out", "{tmp}/run"],
    "rnnviz.engine.sampling": [],
    "rnnviz.engine.trainer": [],
    "rnnviz.runtime.lm": [],
    "rnnviz.runtime.seq2seq": [],
    "rnnviz.runtime.classify": [],
    "rnnviz.runtime.compare": [],
    "rnnviz.runtime.reference_curves": [],
    "rnnviz.gui.app": ["--screenshot", "{tmp}/shot.png", "--screenshot-steps", "3"],
    "rnnviz.gui.measure": ["--graph"],
    "rnnviz.gui.seq2seq_lab": STAYS_OPEN,
    "rnnviz.gui.classify_lab": STAYS_OPEN,
    "rnnviz.gui.compare_lab": STAYS_OPEN,
}


def has_main_block(path: Path) -> bool:
    """Whether the module has a top-level ``if __name__ == "__main__":``."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare):
            names = [n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)]
            consts = [n.value for n in ast.walk(node.test) if isinstance(n, ast.Constant)]
            if names == ["__name__"] and consts == ["__main__"]:
                return True
    return False


def module_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] in ("__init__", "__main__") else parts)


def test_every_entry_point_is_listed():
    found = {module_of(p) for p in PACKAGE.rglob("*.py") if has_main_block(p)}
    assert found == set(ENTRY_POINTS)


@pytest.mark.parametrize("module", sorted(ENTRY_POINTS))
def test_entry_point_runs(module, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RNNVIZ_DATA_DIR=str(tmp_path / "data"),
               RNNVIZ_WORKER="process", PYTHONPATH=str(PACKAGE.parent))
    args = ENTRY_POINTS[module]
    command = [sys.executable, "-m", module]
    if args == STAYS_OPEN:
        proc = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            with pytest.raises(subprocess.TimeoutExpired):
                proc.wait(8)                    # still open, waiting for its user
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=30)
        assert "Traceback" not in err, err[-2000:]
        return
    done = subprocess.run(command + [a.format(tmp=tmp_path) for a in args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and "Traceback" not in done.stderr, (done.stdout[-1000:], done.stderr[-2000:])
