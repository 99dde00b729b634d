"""The text lens's commands on a real worker: a reading of the validation split, a clicked token's
connectivity answered for the weights the text was read with while training goes on, a comparison
with a saved checkpoint, and every text it cannot read refused in one line."""
from __future__ import annotations

from multiprocessing.reduction import ForkingPickler

import numpy as np
import pytest

from rnnviz.engine import lens
from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus
from rnnviz.engine.models import RNNLM
from rnnviz.engine.trainer import Session
from rnnviz.runtime import wire
from rnnviz.runtime.lens import LensFailed
from rnnviz.runtime.lm import LMProcessWorker
from rnnviz.runtime.messages import PAUSED, Saved

from .conftest import wait_until
from .test_lm_worker import DATA, MODEL, TRAIN, Events, built, worker  # noqa: F401 (fixtures)

ANSWERS = (lens.LensReading, lens.LensConnectivity, lens.LensComparison, LensFailed)


def answers(events: Events) -> list:
    return [e for e in events.pull() if isinstance(e, ANSWERS)]


def ask(events: Events, command, *args):
    """Send one lens command and return its one answer."""
    before = len(answers(events))
    command(*args)
    wait_until(lambda: len(answers(events)) > before, timeout=10_000)
    (answer,) = answers(events)[before:]
    return answer


def test_the_validation_split_is_read_and_a_click_answers_for_the_weights_it_was_read_with(built):
    worker, events = built
    session = worker.session
    reading = ask(events, worker.lens)                       # "valid" by default
    assert isinstance(reading, lens.LensReading)
    assert reading.source == "valid" and reading.iteration == 0 and reading.serial == 1
    assert len(reading.tokens) == lens.MAX_TOKENS and reading.total_tokens == len(session.corpus.valid) > 2000
    expected = lens.read_text(session.model, session.corpus.vocab, session.corpus.valid[:2000], bptt=TRAIN.bptt)
    np.testing.assert_array_equal(reading.surprisal, expected.surprisal)
    np.testing.assert_array_equal(reading.top_ids, expected.top_ids)
    assert not worker.task.history.keeps(reading)
    # Training moves the weights on; the click still explains the text as it was read (step 0).
    worker.train_steps(5)
    wait_until(lambda: len(events.steps()) == 5 and events.state() == PAUSED, timeout=10_000)
    answer = ask(events, worker.lens_connectivity, 40)
    assert isinstance(answer, lens.LensConnectivity) and answer.serial == 1 and answer.t == 40
    at_start = RNNLM(session.model_config)                    # the step-0 weights, from the seed
    np.testing.assert_array_equal(answer.norms, lens.connectivity(at_start, reading.ids, 40).norms)
    moved = lens.connectivity(session.model, reading.ids, 40).norms
    assert not np.array_equal(answer.norms, moved)


def test_pasted_text_and_files_are_read(built, tmp_path):
    worker, events = built
    reading = ask(events, worker.lens, "text", "There were fourteen stairs.")
    assert reading.tokens == tuple("There were fourteen stairs.") and reading.source == "text"
    path = tmp_path / "clock.txt"
    path.write_text("The clock" * 300, encoding="utf-8")
    reading = ask(events, worker.lens, "file", str(path))
    assert reading.source == "clock.txt" and len(reading.tokens) == 2000 and reading.total_tokens == 2700
    assert reading.truncated and reading.serial == 2
    dropped = ask(events, worker.lens, "text", "The clock€ struck", "drop")
    assert dropped.dropped == 1 and "".join(dropped.tokens) == "The clock struck"


@pytest.mark.parametrize("args, message", [
    (("text", ""), "the text has 0 tokens; the lens needs at least 2 (the first one is only read)"),
    (("text", "The clock€ struck ½"), "the model's vocabulary, which has no <unk>, lacks 2 of the text's tokens "
                                       "('€', '½'): remove them, or choose to skip them"),
    (("text", "a" * 2001), "the text has 2,001 tokens; the lens reads at most 2,000: shorten it"),
    (("file", "/nonexistent/tale.txt"), "tale.txt"),
])
def test_a_text_the_lens_cannot_read_is_one_line(built, args, message):
    worker, events = built
    failed = ask(events, worker.lens, *args)
    assert isinstance(failed, LensFailed) and failed.command == "lens"
    assert message in str(failed.message) and "\n" not in str(failed.message)


def test_a_click_or_a_comparison_needs_a_reading_and_a_position(built):
    worker, events = built
    failed = ask(events, worker.lens_connectivity, 3)
    assert (failed.command, str(failed.message)) == ("lens_connectivity", "read a text first")
    ask(events, worker.lens, "text", "The keeper")
    failed = ask(events, worker.lens_connectivity, 0)
    assert str(failed.message) == "position 0 has no prediction to explain: choose one of 1..9"


def test_a_checkpoint_is_compared_on_the_same_text(built, tmp_path):
    worker, events = built
    path = tmp_path / "start.npz"
    worker.save(str(path))
    wait_until(lambda: bool(events.of(Saved)), timeout=10_000)
    worker.train_steps(30)
    wait_until(lambda: len(events.steps()) == 30 and events.state() == PAUSED, timeout=20_000)
    reading = ask(events, worker.lens)
    comparison = ask(events, worker.lens_compare, str(path))
    assert isinstance(comparison, lens.LensComparison)
    assert comparison.serial == reading.serial and comparison.label == "start.npz" and comparison.other_iteration == 0
    start = lens.read_text(RNNLM(worker.session.model_config), worker.session.corpus.vocab, reading.ids, bptt=TRAIN.bptt)
    np.testing.assert_allclose(comparison.other_surprisal[1:], start.surprisal[1:], rtol=1e-6)
    assert comparison.easier > comparison.harder                # 30 steps of training help
    # A checkpoint of another corpus is refused, naming both vocabularies' sizes.
    words = load_corpus("tale", "word")
    other = Session(words, ModelConfig(vocab_size=len(words.vocab), embed_size=4, hidden_size=4), TRAIN)
    other.save(tmp_path / "words.npz")
    failed = ask(events, worker.lens_compare, str(tmp_path / "words.npz"))
    assert str(failed.message).startswith("words.npz was trained on another vocabulary (930 tokens, this model's "
                                          "has 51)")


def test_a_reading_crosses_the_process_pipe_within_the_budget():
    worker = LMProcessWorker()
    worker.start()
    try:
        events = Events(worker)
        worker.build(DATA, MODEL, TRAIN)
        worker.lens()
        wait_until(lambda: bool(answers(events)), timeout=30_000)
        worker.lens_connectivity(1999)
        wait_until(lambda: len(answers(events)) == 2, timeout=30_000)
    finally:
        assert worker.shutdown(timeout=5.0)
    reading, click = answers(events)
    assert len(reading.tokens) == 2000 and click.norms.shape == (1999,)
    assert len(ForkingPickler.dumps(wire.pack(reading))) < wire.FRAME_BUDGET
    assert len(ForkingPickler.dumps(wire.pack(click))) < wire.FRAME_BUDGET


def test_a_word_level_reading_stays_small():
    """2,000 words of PTB's size of vocabulary (10,000 ids, uint16) with their guesses."""
    vocab_tokens = [f"w{k}" for k in range(10_000)]
    from rnnviz.engine.data import Vocab
    vocab = Vocab(tuple(vocab_tokens), "word")
    model = RNNLM(ModelConfig(vocab_size=10_000, embed_size=8, hidden_size=8))
    ids = np.random.default_rng(0).integers(0, 10_000, 2000)
    reading = lens.read_text(model, vocab, ids, bptt=35)
    assert len(ForkingPickler.dumps(reading)) < wire.FRAME_BUDGET
