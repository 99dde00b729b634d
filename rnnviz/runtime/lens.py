"""The text lens on the worker: its commands, and the handlers :class:`~rnnviz.runtime.lm.LMTask` takes on.

The window asks for a reading (:meth:`LensCommands.lens`: the validation split, a pasted text or a
file), then for the connectivity of a clicked token and for a comparison with another checkpoint.
Each answer is one frozen record of :mod:`rnnviz.engine.lens` (a :class:`LensReading`, a
:class:`LensConnectivity`, a :class:`LensComparison`), or a :class:`LensFailed` whose message is one
line for the panel; none is kept in the run's History, and a playing run is not paused.

A reading keeps a copy of the weights it was read with, so a click answers for the text as shown
while training goes on; the other checkpoint of a comparison is opened read-only and let go.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rnnviz.engine import lens
from rnnviz.engine.data import CorpusError
from rnnviz.engine.texts import translate

from .messages import user_message

HEAD_BYTES = 256 * 1024     # of a file, read for its first tokens (2,000 words fit many times)


@dataclass(frozen=True)
class LensFailed:
    """A lens command could not be answered; ``message`` is one line (a Text) for the panel."""

    command: str            # "lens", "lens_connectivity" or "lens_compare"
    message: str


class LensCommands:
    """The lens's commands, mixed into :class:`~rnnviz.runtime.lm.LMCommands` (each only enqueues)."""

    def lens(self, source: str = "valid", text: str = "", unknown: str = "error") -> None:
        """Read a text: ``source`` "valid" (the validation split's first
        :data:`~rnnviz.engine.lens.MAX_TOKENS` tokens), "text" (``text`` itself) or "file"
        (``text`` is its path; its first tokens). Tokens the vocabulary lacks: ``unknown``
        "error" or "drop" (a vocabulary with ``<unk>`` reads them as that)."""
        self._put("lens", str(source), str(text), str(unknown))

    def lens_connectivity(self, t: int) -> None:
        """Connectivity of token ``t`` of the last reading."""
        self._put("lens_connectivity", int(t))

    def lens_compare(self, path: str) -> None:
        """The last reading's text read by the checkpoint at ``path`` too, token by token."""
        self._put("lens_compare", str(path))


class LensHandlers:
    """The worker's side: the last reading, the weights it was read with, and the three handlers.

    Parameters
    ----------
    task : LMTask
        Gives the session and posts the answers.
    """

    def __init__(self, task) -> None:
        self.task = task
        self.serial = 0
        self.reading: lens.LensReading | None = None
        self.model = None                   # a frozen copy of the weights the reading used

    def handlers(self) -> dict:
        return {"lens": self.read, "lens_connectivity": self.connectivity, "lens_compare": self.compare}

    def _answer(self, command: str, work) -> None:
        """Post what ``work()`` returns, or a :class:`LensFailed` saying in one line why not."""
        try:
            record = work()
        except Exception as exc:  # noqa: BLE001 - a text the model cannot read is the user's to fix
            self.task.loop.post(LensFailed(command, user_message(exc)))
            return
        self.task.loop.post(record)

    # -- reading -----------------------------------------------------------------------------------
    def read(self, source: str, text: str, unknown: str) -> None:
        self._answer("lens", lambda: self._read(source, text, unknown))

    def _read(self, source: str, text: str, unknown: str) -> lens.LensReading:
        session = self.task._require_session()
        vocab = session.corpus.vocab
        unknowns = dropped = 0
        if source == "valid":
            split = session.corpus.valid
            if split is None or len(split) < 2:
                raise CorpusError(translate("lens", "{name} has no validation split: paste a text or open a "
                                            "file").format(name=session.corpus.name))
            ids, total, name = split[:lens.MAX_TOKENS], len(split), "valid"
            tokens = vocab.decode(ids)
        elif source == "file":
            from rnnviz.engine.textfile import display_name, iter_text
            head = next(iter_text(text, HEAD_BYTES), "")
            every = vocab.tokenize(head)
            tokens, ids, unknowns, dropped = lens.encode_tokens(vocab, every[:lens.MAX_TOKENS], unknown=unknown,
                                                                max_tokens=None)
            total, name = len(every), display_name(text)
        elif source == "text":
            tokens, ids, unknowns, dropped = lens.encode_text(vocab, text, unknown=unknown)
            total, name = len(tokens), "text"
        else:
            raise ValueError(f"unknown lens source {source!r}")
        self.serial += 1
        reading = lens.read_text(session.model, vocab, ids, tokens=tokens, bptt=session.train_config.bptt,
                                 serial=self.serial, source=name, iteration=session.iteration,
                                 total_tokens=total, unknown=unknowns, dropped=dropped)
        self.reading, self.model = reading, lens.frozen_copy(session.model)
        return reading

    # -- a clicked token -----------------------------------------------------------------------------
    def connectivity(self, t: int) -> None:
        self._answer("lens_connectivity", lambda: self._connectivity(t))

    def _connectivity(self, t: int) -> lens.LensConnectivity:
        reading = self._require_reading()
        return lens.connectivity(self.model, reading.ids, t, serial=reading.serial, iteration=reading.iteration)

    # -- another checkpoint ----------------------------------------------------------------------------
    def compare(self, path: str) -> None:
        self._answer("lens_compare", lambda: self._compare(path))

    def _compare(self, path: str) -> lens.LensComparison:
        from rnnviz.engine.checkpoint import load_checkpoint
        reading = self._require_reading()
        vocab = self.task._require_session().corpus.vocab
        other = load_checkpoint(path)
        name = Path(path).name
        if other.vocab.tokens != vocab.tokens:
            raise CorpusError(translate("lens", "{name} was trained on another vocabulary ({other} tokens, this "
                                        "model's has {count}): compare checkpoints of the same corpus").format(
                name=name, other=f"{len(other.vocab):,}", count=f"{len(vocab):,}"))
        theirs = lens.read_text(other.model, vocab, reading.ids, tokens=list(reading.tokens), bptt=reading.bptt)
        return lens.compare(reading, theirs, label=name, other_iteration=other.step)

    def _require_reading(self) -> lens.LensReading:
        if self.reading is None:
            raise ValueError(translate("lens", "read a text first"))
        return self.reading
