"""The user's language: chosen from --lang, settings or the locale, and said through the catalogue."""
from __future__ import annotations

import pytest

from rnnviz import localize
from rnnviz.engine.texts import translate


@pytest.fixture(autouse=True)
def _english_after():
    yield
    localize.set_language("en")


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "ko_KR.UTF-8"}, "ko"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANGUAGE": "ko:en", "LANG": "en_US.UTF-8"}, "ko"),
    ({"LC_ALL": "ko_KR.UTF-8", "LANG": "C"}, "ko"),
    ({"LANG": "de_DE.UTF-8"}, "en"),             # a language rnnviz lacks: the source language
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
])
def test_the_system_language_follows_the_environment_as_gettext_does(env, expected):
    assert localize.system_language(env) == expected


@pytest.mark.parametrize("given, code", [("ko", "ko"), ("ko-KR", "ko"), ("ko_KR.UTF-8", "ko"), ("EN", "en"),
                                         ("fr", None), ("", None), (None, None)])
def test_normalize(given, code):
    assert localize.normalize(given) == code


def test_a_message_from_the_engine_is_said_in_korean_with_its_arguments():
    reason = translate("textfile", "it is empty")
    message = translate("cli", "{path}: {reason}").format(path="a.txt", reason=reason)
    assert localize.localize(message) == "a.txt: it is empty"          # English: the source
    localize.set_language("ko")
    korean = localize.localize(translate("messages", "There is not enough memory for this: choose a smaller hidden "
                                         "size, batch size or corpus."))
    assert any("\uac00" <= ch <= "\ud7a3" for ch in korean), korean
    assert localize.localize("plain words") == "plain words"            # not a Text: as it is
    assert localize.localize(42) == "42"
