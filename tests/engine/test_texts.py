"""Messages marked for translation in the Qt-free layers: English to everything but localize()."""
from __future__ import annotations

import pickle

import pytest

from rnnviz.engine.texts import Source, Text, join, translate


def test_a_marked_message_reads_as_its_english_sentence():
    message = translate("textfile", "{path} is empty: choose a text file.").format(path="a.txt")
    assert message == "a.txt is empty: choose a text file."
    assert isinstance(message, str) and isinstance(message, Text)
    assert (message.context, message.source, message.args) == ("textfile", "{path} is empty: choose a text file.",
                                                               {"path": "a.txt"})
    assert str(ValueError(message)) == "a.txt is empty: choose a text file."


def test_it_survives_the_workers_pipe():
    inner = translate("memory", "not enough memory")
    message = translate("cli", "{path}: {reason}").format(path="x.npz", reason=inner)
    back = pickle.loads(pickle.dumps(message))
    assert back == message and back.args["reason"].source == "not enough memory"
    source = pickle.loads(pickle.dumps(translate("a", "b {n}")))
    assert isinstance(source, Source) and source.format(n=2) == "b 2"


def test_placeholders_are_named():
    with pytest.raises(TypeError, match="named placeholders"):
        translate("a", "{} files").format(3)


def test_join_keeps_each_sentence_translatable():
    message = join(translate("a", "One."), "plain text")
    assert message == "One. plain text"
    assert message.args["p0"].source == "One."


def test_message_of_keeps_the_text_an_exception_was_raised_with():
    from rnnviz.engine.texts import message_of
    message = translate("textfile", "{path} is empty").format(path="a.txt")
    assert message_of(ValueError(message)) is message
    assert message_of(OSError(2, "No such file")) == "[Errno 2] No such file"
    assert message_of(ValueError()) == ""
