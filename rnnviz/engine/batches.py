"""The batch layouts the book trains and evaluates with, over a corpus's token ids.

:class:`TBPTTStream` and :func:`eval_batches` reproduce ``RnnlmTrainer.get_batch`` and
``eval_perplexity`` of DLFS2 index for index, as int64 batches; :func:`check_trainable` says in
one line when a corpus is too short for one batch.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from rnnviz.engine.textfile import CorpusError
from rnnviz.engine.texts import translate


def check_trainable(ids: np.ndarray, batch_size: int, bptt: int, name: str) -> None:
    """Raise :class:`CorpusError` unless ``ids`` fills at least one ``(batch_size, bptt)`` batch.

    Inputs and targets are the ids shifted by one, so one batch needs ``batch_size * bptt + 1``.
    """
    needed = batch_size * bptt + 1
    if len(ids) < needed:
        raise CorpusError(translate("batches", "corpus {name} has {count} tokens; batch_size={batch_size} x "
                                    "bptt={bptt} needs at least {needed}: give a longer text or lower "
                                    "batch_size or bptt")
                          .format(name=repr(name), count=f"{len(ids):,}", batch_size=batch_size, bptt=bptt,
                                  needed=f"{needed:,}"))


def _check_shape(batch_size: int, bptt: int) -> None:
    for label, value in (("batch_size", batch_size), ("bptt", bptt)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
            raise CorpusError(translate("batches", "{label} must be a positive integer, got {value}")
                              .format(label=label, value=repr(value)))


def _as_ids(ids: np.ndarray) -> np.ndarray:
    """A flat contiguous integer array of ids, in the dtype given (a copy only if it must be one)."""
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu":
        ids = ids.astype(np.int64)
    return np.ascontiguousarray(ids).ravel()


class TBPTTStream:
    """Truncated-BPTT training batches laid out exactly as the book's ``RnnlmTrainer.get_batch``.

    Row ``i`` reads the stream from offset ``i * jump`` (``jump = (len(ids) - 1) // batch_size``),
    and every batch advances all rows by ``bptt``, wrapping around, so a row's hidden state can be
    carried from one batch to the next. ``time_idx`` is the position and survives epochs, as in the
    book's ``fit``. :meth:`next_batch` returns the same two preallocated arrays every call, refilled:
    copy them to keep a batch.
    """

    def __init__(self, ids: np.ndarray, batch_size: int, bptt: int, *, name: str = "training data"):
        _check_shape(batch_size, bptt)
        # Kept in its own (compact) dtype: an int64 copy of a 200 MB character corpus would be 1.6 GB.
        self.ids = _as_ids(ids)
        check_trainable(self.ids, batch_size, bptt, name)
        self.batch_size, self.bptt = int(batch_size), int(bptt)
        self.data_size = len(self.ids) - 1              # the book's len(xs), xs = corpus[:-1]
        self.iters_per_epoch = self.data_size // (self.batch_size * self.bptt)
        jump = self.data_size // self.batch_size
        # (N, T) positions at time_idx 0; the book's double loop is base + time_idx, mod data_size
        self._base = np.arange(self.batch_size)[:, None] * jump + np.arange(self.bptt)[None, :]
        self._idx = np.empty((self.batch_size, self.bptt), dtype=np.int64)
        self._x = np.empty((self.batch_size, self.bptt), dtype=np.int64)
        self._t = np.empty((self.batch_size, self.bptt), dtype=np.int64)
        self.time_idx = 0

    def next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(xs, ts)``, both ``(N, T)`` int64 (reused buffers), and advance by ``bptt``."""
        np.add(self._base, self.time_idx % self.data_size, out=self._idx)
        np.remainder(self._idx, self.data_size, out=self._idx)
        # assignment widens compact ids to int64 (np.take's out= only accepts the ids' own dtype)
        self._x[...] = self.ids[self._idx]
        self._idx += 1                                  # ts = corpus[1:], so ts[j] = ids[j + 1]
        self._t[...] = self.ids[self._idx]
        self.time_idx += self.bptt
        return self._x, self._t

    def state_dict(self) -> dict[str, int]:
        """The stream position, for checkpoints."""
        return {"time_idx": int(self.time_idx)}

    def load_state_dict(self, d: dict) -> None:
        """Restore a position saved by :meth:`state_dict`."""
        value = d.get("time_idx") if isinstance(d, dict) else None
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 0:
            raise CorpusError(translate("batches", "stream state needs a non-negative integer 'time_idx', got "
                                        "{value}").format(value=repr(value)))
        self.time_idx = int(value)


def eval_batches(ids: np.ndarray, batch_size: int, bptt: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Evaluation batches laid out exactly as the book's ``eval_perplexity`` (common/util.py).

    Batch ``k`` row ``i`` starts at ``k * bptt + i * jump`` with ``jump = (n - 1) // batch_size``;
    there are ``(n - 1) // (batch_size * bptt)`` batches. Each ``(xs, ts)`` pair is a fresh
    ``(N, T)`` int64 array pair, whatever the dtype of ``ids``. Raises :class:`CorpusError` at
    once if there is not one batch.
    """
    _check_shape(batch_size, bptt)
    ids = _as_ids(ids)
    n = len(ids)
    max_iters = (n - 1) // (batch_size * bptt) if n else 0
    if max_iters == 0:
        raise CorpusError(translate("batches", "evaluation data has {count} tokens, too few to evaluate with "
                                    "batch_size={batch_size} x bptt={bptt} (needs at least {needed})")
                          .format(count=n, batch_size=batch_size, bptt=bptt, needed=batch_size * bptt + 1))
    jump = (n - 1) // batch_size
    base = np.arange(batch_size)[:, None] * jump + np.arange(bptt)[None, :]    # (N, T)

    def batches() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for k in range(max_iters):
            idx = base + k * bptt
            yield ids[idx % n].astype(np.int64), ids[(idx + 1) % n].astype(np.int64)

    return batches()
