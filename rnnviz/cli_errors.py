"""What every command of the command line shares: its one kind of expected failure and its exit codes."""
from __future__ import annotations

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """An expected, explainable failure: printed as one line, exit status 2."""
