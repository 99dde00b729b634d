"""The user's language: which one, its catalogue, and messages said in it (Qt Core only).

Both front ends use this: the window (:mod:`rnnviz.gui.i18n` installs the same catalogue into
the application, for ``tr()`` and Qt's own dialogs) and the command line (which has no
QApplication and asks the catalogue directly). The engine and the runtime never import it;
they write :class:`rnnviz.engine.texts.Text` messages, which :func:`localize` translates.

The catalogue is ``rnnviz/translations/rnnviz_<lang>.qm``, compiled by ``pyside6-lrelease``
from the ``.ts`` source that ``pyside6-lupdate`` keeps in step with the code
(``python -m rnnviz.translations update``). English is the source language and has none.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QTranslator

from rnnviz.engine.texts import Text

LANGUAGES = {"en": "English", "ko": "한국어"}      # each named in itself, for the menu
SOURCE_LANGUAGE = "en"
CATALOGUES = Path(__file__).resolve().parent / "translations"

_current = SOURCE_LANGUAGE
_translator: QTranslator | None = None


def normalize(lang: str | None) -> str | None:
    """``"ko"``, ``"ko_KR.UTF-8"``, ``"ko-KR"`` -> ``"ko"``; None for a language rnnviz lacks."""
    if not lang:
        return None
    code = lang.replace("-", "_").split(".")[0].split("_")[0].lower()
    return code if code in LANGUAGES else None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the system asks for: LANGUAGE, LC_ALL, LC_MESSAGES, LANG, then Qt's locale.

    The environment is read first, in the order gettext does, so ``LANG=ko_KR.UTF-8 rnnviz``
    is Korean on any machine; Qt's locale covers desktops that set none of them.
    """
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in env.get(name, "").split(":"):
            if part and part not in ("C", "POSIX") and not part.startswith("C."):
                return normalize(part) or SOURCE_LANGUAGE
    if environ is None:
        for name in QLocale.system().uiLanguages():
            if code := normalize(name):
                return code
    return SOURCE_LANGUAGE


def catalogue(lang: str) -> QTranslator | None:
    """rnnviz's compiled catalogue for ``lang`` (None for English, or when the file is missing)."""
    if lang == SOURCE_LANGUAGE:
        return None
    translator = QTranslator()
    return translator if translator.load(str(CATALOGUES / f"rnnviz_{lang}.qm")) else None


def set_language(lang: str) -> QTranslator | None:
    """Make ``lang`` the language :func:`localize` and :func:`say` use; returns its catalogue."""
    global _current, _translator
    _current = normalize(lang) or SOURCE_LANGUAGE
    _translator = catalogue(_current)
    return _translator


def language() -> str:
    """The language in use (``"en"`` until :func:`set_language`)."""
    return _current


def say(context: str, source: str) -> str:
    """``source`` in the current language (for code that has no QApplication: the command line)."""
    if _translator is not None and context:
        return _translator.translate(context, source) or source
    return source


def localize(message: Any) -> str:
    """A message in the current language: a :class:`Text` is translated with its arguments,
    anything else is returned as ``str(message)`` (a file name, a number, an OS error)."""
    if not isinstance(message, Text):
        return str(message)
    template = say(message.context, message.source)
    if not message.args:
        return template
    args = {name: localize(value) if isinstance(value, Text) else value
            for name, value in message.args.items()}
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError):
        # A translation that lost a placeholder (a test guards against it) still reads in English.
        return str(message)
