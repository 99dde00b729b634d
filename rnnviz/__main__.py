"""Command line: ``rnnviz`` / ``python -m rnnviz``.

``rnnviz train | eval | sample`` work headless; with no subcommand the window opens once it
exists (until then the help is printed). Argument parsing lives here and only here.
"""
from __future__ import annotations

import os
import sys

# One BLAS thread unless the user asks for more: a second BLAS thread fighting the GUI thread
# for the other core slows training several-fold (DESIGN.md section 2). Must precede numpy.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def main(argv: list[str] | None = None) -> int:
    from rnnviz import cli
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
