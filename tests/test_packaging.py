"""pyproject.toml lists its packages by hand (two of them map top-level folders into rnnviz);
a package left off that list is silently missing from `pip install .`."""
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "rnnviz").rglob("__init__.py")}
    assert on_disk - listed == set()
    mapped = {name: ROOT / folder for name, folder in config["package-dir"].items()}
    for name in listed - on_disk:
        assert (mapped[name] / "__init__.py").exists(), name
