import json
import subprocess
import sys
from pathlib import Path


def test_engine_imports_no_gui_library():
    # Every engine module, found on disk, so a new one is covered too.
    modules = sorted(f"rnnviz.engine.{f.stem}" for f in
                     (Path(__file__).resolve().parents[2] / "rnnviz" / "engine").glob("*.py")
                     if f.stem != "__init__")
    code = (f"import sys, json, importlib; [importlib.import_module(m) for m in {modules!r}]; "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'pyqtgraph', 'matplotlib') or m.startswith('rnnviz.gui'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
