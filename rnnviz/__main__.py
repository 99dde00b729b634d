"""``rnnviz`` / ``python -m rnnviz``: the entry point; :mod:`rnnviz.cli` parses the arguments.

``rnnviz train | eval | sample | bench`` work headless; with no command (or ``gui``) the window
opens.
"""
from __future__ import annotations

import os
import sys

# One BLAS thread unless the user asks for more: a second BLAS thread fighting the GUI thread
# for the other core slowed training from 14 to under 5 steps/s on two cores
# (docs/architecture.md). Must precede numpy.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def main(argv: list[str] | None = None) -> int:
    from rnnviz import cli
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
