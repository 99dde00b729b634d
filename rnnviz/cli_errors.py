"""What every command of the command line shares: its one kind of expected failure, its exit
codes, and how a message reaches the terminal in the user's language."""
from __future__ import annotations

from typing import Any

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """An expected, explainable failure: printed as one line, exit status 2."""


def said(message: Any) -> str:
    """``message`` in the user's language (``rnnviz --lang``, else the system's): a
    :class:`~rnnviz.engine.texts.Text` is translated, anything else is ``str(message)``."""
    from rnnviz.localize import localize
    return localize(message)


def error_text(exc: BaseException) -> str:
    """An exception's message in the user's language (:func:`rnnviz.engine.texts.message_of`)."""
    from rnnviz.engine.texts import message_of
    return said(message_of(exc))
