"""The one place that resolves files shipped with rnnviz (sample corpora) and shared data.

An installed rnnviz carries the top-level ``sample_corpora/`` folder as the package
``rnnviz/sample_corpora/`` (see ``[tool.setuptools.package-dir]`` in pyproject.toml); a checkout or
an editable install finds it beside the package instead. Everything here is pure stdlib.
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["BUILTIN_NAMES", "assets_dir", "sample_corpora_dir", "bundled_corpora", "shared_corpora_dir"]

# Corpora built from data every Python already has, resolved by rnnviz.engine.data.load_corpus.
BUILTIN_NAMES: tuple[str, ...] = ("python-docs",)

_PACKAGE_DIR = Path(__file__).resolve().parent


def sample_corpora_dir() -> Path:
    """Return the folder that holds the bundled sample corpora.

    Returns
    -------
    Path
        ``rnnviz/sample_corpora`` inside an installed package if it exists, otherwise the
        ``sample_corpora`` folder of the checkout. The returned folder may be missing in a broken
        install; :func:`bundled_corpora` then reports no corpora.
    """
    installed = _PACKAGE_DIR / "sample_corpora"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "sample_corpora"


def assets_dir() -> Path:
    """The folder of files shipped with the app (tours, images): ``rnnviz/assets`` when installed,
    the checkout's ``assets`` otherwise."""
    installed = _PACKAGE_DIR / "assets"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "assets"


def bundled_corpora() -> dict[str, Path]:
    """Map the short name of each bundled corpus (its file stem, e.g. ``"tale"``) to its path.

    Returns
    -------
    dict[str, Path]
        Sorted by name; empty if the sample folder cannot be found.
    """
    folder = sample_corpora_dir()
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.glob("*.txt")) if path.is_file()}


def shared_corpora_dir() -> Path | None:
    """Return the folder of larger corpora kept outside the repository (PTB, timemachine), if any.

    Returns
    -------
    Path or None
        ``$RNNVIZ_CORPORA`` when that variable is set and non-empty (returned even if it does not
        exist, so a typo shows up as a missing file rather than silently falling back); otherwise
        ``shared/corpora`` beside the repository checkout if it exists; otherwise None.
    """
    configured = os.environ.get("RNNVIZ_CORPORA")
    if configured:
        return Path(configured).expanduser()
    beside_checkout = _PACKAGE_DIR.parents[1] / "shared" / "corpora"
    return beside_checkout if beside_checkout.is_dir() else None
