"""The sample console's footer and prefix hint say what the engine really does."""
from __future__ import annotations

import pytest

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus
from rnnviz.engine.snapshots import SampleResult, SampleToken
from rnnviz.engine.trainer import Session
from rnnviz.gui.panels import SampleConsolePanel

from .conftest import show_panel


def tiny_session(level: str) -> Session:
    corpus = load_corpus("tale", level)
    return Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=8, hidden_size=8, cell="rnn"),
                   TrainConfig(batch_size=2, bptt=4, optimizer="sgd", lr=0.1, epochs=1))


def generate(console: SampleConsolePanel, session: Session) -> SampleResult:
    """What the window does on Generate: the console's settings to the session, tokens back."""
    settings = console.settings()
    console.begin_sample(settings["prefix"])
    result = None
    for item in session.iter_sample(settings["prefix"], settings["length"], temperature=settings["temperature"],
                                    top_k=settings["top_k"], greedy=settings["greedy"], seed=settings["seed"]):
        if isinstance(item, SampleToken):
            console.append_token(item)
        else:
            result = item
    console.finish_sample(result)
    return result


def test_footer_names_a_random_seed_as_random(qtbot):
    console = show_panel(qtbot, SampleConsolePanel())
    session = tiny_session("word")
    console.set_vocab(session.corpus.vocab)
    console.prefix.setText("the")
    console.length.setValue(5)
    assert console.seed.text() == "random"
    narrowest = console.minimumSizeHint().width()
    generate(console, session)
    status = console.status.text()
    assert "random seed" in status and "None" not in status
    console.layout().activate()                                 # the layout takes in the footer now
    assert console.minimumSizeHint().width() <= narrowest       # which wraps: the dock keeps its width
    console.seed.setValue(7)
    generate(console, session)
    assert "seed 7" in console.status.text() and "random" not in console.status.text()


def test_empty_prefix_hint_follows_the_vocabulary(qtbot):
    console = show_panel(qtbot, SampleConsolePanel())
    # Words end sentences with <eos>: an empty prefix starts a new one after it.
    words = tiny_session("word")
    console.set_vocab(words.corpus.vocab)
    hint = console.prefix.placeholderText()
    assert "<eos>" in hint and "empty" in hint
    assert generate(console, words).tokens                 # and the engine does just that
    # Characters of the tale have no <eos>: the engine refuses an empty prefix, and so the hint
    # asks for one instead of promising a start.
    chars = tiny_session("char")
    console.set_vocab(chars.corpus.vocab)
    hint = console.prefix.placeholderText()
    assert "<eos>" in hint and "type" in hint.lower() and "empty:" not in hint
    with pytest.raises(ValueError, match="give a prefix"):
        chars.sample("", 5)
    console.set_vocab(None)                                # no run yet: no promise either way
    assert "<eos>" not in console.prefix.placeholderText()
