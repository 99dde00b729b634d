"""Messages a user reads, marked for translation without Qt (the engine must not import it).

The engine and the runtime write every message a user can see (a corpus it cannot read, a
checkpoint it refuses, a progress line) as::

    raise CorpusError(translate("corpus", "{path} is empty: choose a text file.").format(path=p))

:func:`translate` here does not translate: it returns its English source as a :class:`Source`,
a ``str`` that remembers its context. Its ``format`` gives a :class:`Text`, the English sentence
that also remembers the source and the arguments, so the window or the command line, which
hold the Korean catalogue, can say it again in the user's language
(:func:`rnnviz.localize.localize`). To everything else both are plain strings: logs, tests,
``str(exc)`` and a pickle across the worker's pipe see the English sentence.

The name is the one ``pyside6-lupdate`` looks for, so the same call marks the string for the
catalogue (``python -m rnnviz.translations update``). Placeholders are named (``{path}``), so
a translation may put them in another order; a test checks each translation keeps them.
"""
from __future__ import annotations

from typing import Any


class Text(str):
    """An English message that can be said again in another language.

    ``context`` and ``source`` find the translation, ``args`` fill its placeholders (an
    argument may itself be a :class:`Text`, translated in turn).
    """

    context: str
    source: str
    args: dict[str, Any]

    def __new__(cls, context: str, source: str, args: dict[str, Any] | None = None) -> Text:
        args = dict(args or {})
        self = super().__new__(cls, source.format(**args) if args else source)
        self.context, self.source, self.args = context, source, args
        return self

    def __reduce__(self):
        # str's own pickling would drop the attributes (the worker's pipe pickles its events).
        return Text, (self.context, self.source, self.args)


class Source(Text):
    """A message's English source, not yet formatted: ``format`` fills it in."""

    def format(self, *args: Any, **kwargs: Any) -> Text:          # noqa: A003 - str's name
        if args:
            raise TypeError("translated messages take named placeholders only, e.g. {path}")
        return Text(self.context, self.source, kwargs)

    def __reduce__(self):
        return Source, (self.context, self.source)


def translate(context: str, source: str) -> Source:
    """Mark ``source`` for translation in ``context``; returns it, in English, as a :class:`Source`."""
    return Source(context, source)


def message_of(exc: BaseException) -> str:
    """What an exception says: the :class:`Text` it was raised with (so it can still be said in
    another language, or quoted inside another message), else ``str(exc)``."""
    if exc.args and isinstance(exc.args[0], Text):
        return exc.args[0]
    return str(exc)


def join(*parts: str) -> Text:
    """Sentences side by side (each translated on its own when they are :class:`Text`)."""
    names = {f"p{i}": part for i, part in enumerate(parts)}
    return Text("", " ".join("{%s}" % name for name in names), names)
