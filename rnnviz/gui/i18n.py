"""The window's language: ``translate`` for every visible string, and a switch that needs no restart.

Every string a user reads is written ::

    label = QLabel()
    live(label, lambda: label.setText(translate("perplexity", "Perplexity")))

``translate`` is ``QCoreApplication.translate`` (``pyside6-lupdate`` finds the call and puts the
string in ``rnnviz/translations/rnnviz_ko.ts``); :func:`live` runs the lambda now and again after
every switch of language, for as long as ``label`` exists. Text made at draw time (a status line,
an axis tick) just calls ``translate`` when it draws: a switch posts ``LanguageChange`` to every
widget and :data:`notifier` tells the window to redraw. Placeholders are named and filled
after translation: ``translate("status", "step {n}").format(n=step)``.

The language is, first to last: ``rnnviz --lang``, View > Language (remembered in the
settings), the system's locale (:func:`rnnviz.localize.system_language`).
"""
from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QSettings, QTranslator, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from rnnviz import localize

SETTING = "ui/language"
_LIVE = "_rnnviz_live"
_owners: weakref.WeakSet = weakref.WeakSet()
_installed: list[QTranslator] = []
_override: str | None = None
_applied: tuple | None = None       # (application, language) last installed


def translate(context: str, source: str) -> str:
    """``source`` in the window's language (``QCoreApplication.translate``)."""
    return QCoreApplication.translate(context, source)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:        # noqa: N802 - the name lupdate knows
    """Mark ``source`` for the catalogue where it cannot be translated yet (a class attribute);
    translate it where it is shown: ``translate(context, value)``."""
    return source


class _Notifier(QObject):
    changed = Signal(str)       # the new language code, after every live text is redone


notifier = _Notifier()


def live(owner: QObject, apply: Callable[[], None]) -> None:
    """Run ``apply`` now, and again after each language switch while ``owner`` exists.

    ``apply`` sets some text of ``owner`` (or of its children) from :func:`translate`. The
    callbacks are kept on the owner, so they go when it goes.
    """
    apply()
    # A method of the owner itself is kept weakly: a strong one would make the owner a reference
    # cycle, which only the garbage collector frees, at whatever moment it runs (mid-paint, say).
    if inspect.ismethod(apply) and apply.__self__ is owner:
        apply = weakref.WeakMethod(apply)
    callbacks = owner.__dict__.setdefault(_LIVE, [])
    callbacks.append(apply)
    _owners.add(owner)


def retranslate() -> int:
    """Run every live callback again; returns how many ran (an owner Qt deleted is skipped)."""
    from shiboken6 import isValid
    ran = 0
    for owner in list(_owners):
        if not isValid(owner):
            _owners.discard(owner)
            continue
        for apply in owner.__dict__.get(_LIVE, ()):
            if isinstance(apply, weakref.WeakMethod):
                apply = apply()
            if apply is not None:
                apply()
                ran += 1
    return ran


def choose(settings: QSettings | None = None, override: str | None = None) -> str:
    """The language to start in: ``override`` (``--lang``), the remembered choice, the system's."""
    for candidate in (override, _override, settings.value(SETTING) if settings is not None else None):
        if code := localize.normalize(candidate if isinstance(candidate, str) else None):
            return code
    return localize.system_language()


def set_override(lang: str | None) -> None:
    """``rnnviz --lang``: wins over the remembered choice for this process."""
    global _override
    _override = localize.normalize(lang)


def set_language(lang: str, settings: QSettings | None = None) -> str:
    """Switch the whole application to ``lang`` at once; remember it in ``settings`` if given.

    Installs rnnviz's catalogue and Qt's own (``qtbase_<lang>.qm``: the buttons of standard
    dialogs), sets the default locale, reruns every :func:`live` text and emits
    :data:`notifier`'s ``changed``. Returns the language code in force.
    """
    global _applied
    app = QCoreApplication.instance()
    wanted = localize.normalize(lang) or localize.SOURCE_LANGUAGE
    if app is not None and _applied == (app, wanted) and localize.language() == wanted:
        if settings is not None:
            settings.setValue(SETTING, localize.language())
        return localize.language()      # already so: nothing to redo (a second window, say)
    ours = localize.set_language(lang)
    code = localize.language()
    if app is None:                     # nothing to install into yet: localize() has it
        return code
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if code != localize.SOURCE_LANGUAGE:
        qt = QTranslator()
        if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            _installed.append(qt)
    if ours is not None:
        _installed.append(ours)
    for translator in _installed:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(code))
    _use_fonts(code)
    if settings is not None:
        settings.setValue(SETTING, code)
    _applied = (app, code)
    retranslate()
    notifier.changed.emit(code)
    return code


# Sans-serif faces with Hangul, best first (Debian: fonts-noto-cjk, fonts-nanum; Windows; macOS).
KOREAN_FAMILIES = ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "NanumBarunGothic", "Malgun Gothic",
                   "Apple SD Gothic Neo")
_latin_font: QFont | None = None


def korean_family() -> str | None:
    """The first installed face of :data:`KOREAN_FAMILIES`, None when there is none."""
    installed = set(QFontDatabase.families())
    return next((family for family in KOREAN_FAMILIES if family in installed), None)


def _use_fonts(code: str) -> None:
    """In Korean, Hangul comes from a Korean sans face rather than whatever fontconfig picks
    (on Debian that can be a serif, or nothing: boxes); Latin text keeps the usual face."""
    global _latin_font
    app = QCoreApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    if _latin_font is None:
        _latin_font = QFont(app.font())
    font = QFont(_latin_font)
    family = korean_family() if code == "ko" else None
    if family:
        font.setFamilies([*_latin_font.families(), family])
    if app.font() != font:
        app.setFont(font)


def language() -> str:
    return localize.language()
