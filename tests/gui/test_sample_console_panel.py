"""The sample console's footer and prefix hint say what the engine really does."""
from __future__ import annotations

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
    generate(console, session)
    status = console.status.text()
    assert "random seed" in status and "None" not in status
    console.seed.setValue(7)
    generate(console, session)
    assert "seed 7" in console.status.text() and "random" not in console.status.text()
