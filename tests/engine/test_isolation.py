import json
import subprocess
import sys


def test_engine_imports_no_gui_library():
    code = ("import sys, json, rnnviz.engine, rnnviz.engine.data; "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'pyqtgraph', 'matplotlib') or m.startswith('rnnviz.gui'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
