"""The package's layers, enforced: engine <- runtime <- gui, and only the entry points reach the GUI.

* ``rnnviz.engine`` imports neither ``rnnviz.runtime`` nor ``rnnviz.gui``, nor any GUI library;
* ``rnnviz.runtime`` imports no Qt, pyqtgraph or matplotlib, and not ``rnnviz.gui``;
* nothing outside ``rnnviz.gui`` imports it, except the entry points that open the window.

Every module is found on disk (``rglob``), and every import statement in it is read, at the top
or inside a function, so a new module or a lazy import is covered too. Read from the source,
not by importing: a forbidden import on a branch no test runs still counts.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "rnnviz"
GUI_LIBRARIES = ("PySide6", "shiboken6", "pyqtgraph", "matplotlib")
# The command line's `rnnviz gui` and `python -m rnnviz` open the window.
GUI_ENTRY_POINTS = {"rnnviz.cli", "rnnviz.__main__"}

RULES = {  # layer -> what it must not import
    "rnnviz.engine": ("rnnviz.runtime", "rnnviz.gui", *GUI_LIBRARIES),
    "rnnviz.runtime": ("rnnviz.gui", *GUI_LIBRARIES),
}


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, root: Path = PACKAGE) -> list[tuple[int, list[str]]]:
    """(line, the absolute module names it names) for every import statement in ``path``."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.append((node.lineno, [alias.name for alias in node.names]))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from rnnviz import gui` names the subpackage in the alias, not the module.
            found.append((node.lineno, [target, *(f"{target}.{alias.name}" for alias in node.names)]))
    return found


def violations(root: Path = PACKAGE) -> list[str]:
    """Every import statement that breaks a rule, as ``file:line imports name (rules)``."""
    bad = []
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        for line, targets in imports(path, root):
            def hit(prefixes) -> str | None:
                return next((t for t in targets for p in prefixes if t == p or t.startswith(p + ".")), None)
            broken = [(target, f"{layer} must not") for layer, forbidden in RULES.items()
                      if (name == layer or name.startswith(layer + ".")) and (target := hit(forbidden))]
            target = hit(("rnnviz.gui",))
            if target and not name.startswith("rnnviz.gui") and name not in GUI_ENTRY_POINTS:
                broken.append((target, "only the entry points may reach the GUI"))
            if broken:
                bad.append(f"{path.relative_to(root.parent)}:{line} imports {broken[0][0]} ("
                           + "; ".join(rule for _, rule in broken) + ")")
    return bad


def test_the_layers_hold():
    assert violations() == []


@pytest.mark.parametrize("where, line, rule", [
    ("engine/models.py", "from rnnviz.gui.panels import PANELS", "rnnviz.engine must not"),
    ("engine/models.py", "from ..runtime import mailbox", "rnnviz.engine must not"),
    ("engine/models.py", "import matplotlib.pyplot as plt", "rnnviz.engine must not"),
    ("runtime/__init__.py", "from PySide6.QtCore import QTimer", "rnnviz.runtime must not"),
    ("runtime/__init__.py", "from rnnviz import gui", "rnnviz.runtime must not"),
    ("bench.py", "from .gui import measure", "only the entry points"),
])
def test_a_wrong_import_is_caught(tmp_path, where, line, rule):
    """The check itself can fail: a copy of the package with one forbidden import added."""
    import shutil
    root = tmp_path / "rnnviz"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__"))
    target = root / where
    target.parent.mkdir(parents=True, exist_ok=True)
    (target.parent / "__init__.py").touch()
    target.write_text(target.read_text(encoding="utf-8") + f"\n\ndef _late():\n    {line}\n"
                      if target.exists() else f"{line}\n", encoding="utf-8")
    found = violations(root)
    assert len(found) == 1 and where in found[0] and rule in found[0], found
