"""File > Import / Export weights on a real worker: exported between steps, imported as a new run
that trains, samples and saves a checkpoint that opens again; a wrong file is one error line;
through the process pipe too."""
from __future__ import annotations

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

from rnnviz.engine.data import Vocab
from rnnviz.engine.snapshots import SampleResult
from rnnviz.runtime.lm import LMProcessWorker
from rnnviz.runtime.messages import PAUSED, Notice, RunReady, Saved, WorkerError

from .conftest import wait_until
from .test_lm_worker import DATA, TRAIN, Events, built, worker  # noqa: F401 (fixtures)


def exported(worker, events, path):
    worker.export_weights(str(path))
    wait_until(lambda: any("Exported the weights" in str(n.text) for n in events.of(Notice)), timeout=10_000)
    return path


def test_export_then_import_is_the_same_model_and_trains_on(built, tmp_path):
    worker, events = built
    worker.train_steps(4)
    wait_until(lambda: len(events.steps()) == 4 and events.state() == PAUSED, timeout=10_000)
    before = {k: p.copy() for k, p in worker.session.model.params.items()}
    path = exported(worker, events, tmp_path / "w.safetensors")
    assert (tmp_path / "w.vocab.txt").is_file() and "rnn.weight_hh_l0" in load_file(path)

    worker.import_weights(str(path), None, DATA, TRAIN)
    wait_until(lambda: any(r.reason == "import" for r in events.of(RunReady)), timeout=10_000)
    ready = [r for r in events.of(RunReady) if r.reason == "import"][0]
    assert ready.path == str(path) and ready.info.iteration == 0 and ready.info.data["fixed_vocab"]
    session = worker.session
    for key, p in before.items():
        assert np.array_equal(session.model.params[key], p), key
    worker.train_steps(3)
    wait_until(lambda: len(events.steps()) == 7 and events.state() == PAUSED, timeout=10_000)
    worker.sample({"prefix": "The", "length": 5, "seed": 1})
    wait_until(lambda: bool(events.of(SampleResult)), timeout=10_000)
    worker.save(str(tmp_path / "again.npz"))
    wait_until(lambda: bool(events.of(Saved)), timeout=10_000)
    worker.load_checkpoint(str(tmp_path / "again.npz"))
    wait_until(lambda: any(r.reason == "load" for r in events.of(RunReady)), timeout=10_000)
    assert worker.session.iteration == 3 and not events.of(WorkerError)


def test_a_pytorch_vocabulary_in_its_own_order_trains_on_the_chosen_corpus(built, tmp_path):
    """Ids follow the model's rows, not the corpus' order of first appearance."""
    worker, events = built
    path = exported(worker, events, tmp_path / "w.safetensors")
    tokens = worker.session.corpus.vocab.tokens
    sorted_vocab = Vocab(tuple(sorted(tokens)), "char")
    arrays = load_file(path)
    order = [tokens.index(t) for t in sorted_vocab.tokens]          # row i of the new file = token i, sorted
    for key in ("embedding.weight", "decoder.weight", "decoder.bias"):
        arrays[key] = arrays[key][order]
    save_file(arrays, str(tmp_path / "sorted.safetensors"))         # no metadata: PyTorch's own kind of file
    (tmp_path / "vocab.txt").write_text("".join(t.replace("\n", "\\n").replace(" ", "\\s") + "\n"
                                                for t in sorted_vocab.tokens))
    worker.import_weights(str(tmp_path / "sorted.safetensors"), str(tmp_path / "vocab.txt"), DATA, TRAIN)
    wait_until(lambda: any(r.reason == "import" for r in events.of(RunReady)), timeout=10_000)
    corpus = worker.session.corpus
    assert corpus.vocab == sorted_vocab
    assert "".join(sorted_vocab.decode(corpus.train[:50])).startswith("The")
    assert any("No rnnviz metadata" in str(n.text) for n in events.of(Notice))


def test_a_wrong_file_is_one_error_and_the_run_stays(built, tmp_path):
    worker, events = built
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"\x10\0\0\0\0\0\0\0{}")
    worker.import_weights(str(bad), None, DATA, TRAIN)
    wait_until(lambda: bool(events.of(WorkerError)), timeout=10_000)
    error = events.of(WorkerError)[0]
    assert error.command == "import_weights" and "bad.safetensors" in error.message and "\n" not in error.message
    assert worker.session is not None and not any(r.reason == "import" for r in events.of(RunReady))


@pytest.mark.slow
def test_through_the_process_pipe(tmp_path):
    worker = LMProcessWorker()
    worker.start()
    try:
        events = Events(worker)
        from .test_lm_worker import MODEL
        worker.build(DATA, MODEL, TRAIN)
        wait_until(lambda: bool(events.of(RunReady)), timeout=30_000)
        path = exported(worker, events, tmp_path / "w.safetensors")
        worker.import_weights(str(path), None, DATA, TRAIN)
        wait_until(lambda: any(r.reason == "import" for r in events.of(RunReady)), timeout=30_000)
        assert not events.of(WorkerError)
    finally:
        assert worker.shutdown(timeout=10.0)
