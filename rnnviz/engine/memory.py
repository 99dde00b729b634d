"""How much memory a model will need, worked out from its config before anything is allocated.

A hidden size of 100,000 asks for hundreds of GiB; building that model would swap the machine
to a halt or be killed by the OS with no message. :func:`check_fits` compares an estimate with
the memory the machine has available and refuses, in one line, what cannot fit.

The estimate has four parts. Parameters, gradients and optimizer slots are exact: they are the
shapes the models allocate (:func:`lm_param_shapes`, :func:`seq2seq_param_shapes`, kept equal to
the models' by a test). Caches are the forward and backward buffers of one training batch
(per recurrent layer, the gate activations and hidden states of every time step; the decoder's
(N, T, V) scores, which the softmax overwrites in place), counted from the layers' own buffers
but not to the byte: temporaries of a single NumPy call are left out.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .cells import cell_type
from .config import ClassifierConfig, ConfigError, ModelConfig, Seq2seqConfig, TrainConfig
from .texts import translate

SLOTS = {"sgd": 0, "momentum": 1, "adagrad": 1, "rmsprop": 1, "adam": 2}
Shapes = dict[str, tuple[int, ...]]


@dataclass(frozen=True)
class MemoryEstimate:
    """Bytes a model needs while it trains, by part."""

    parameters: int
    gradients: int
    optimizer: int                  # the optimizer's slots (Adam's m and v, momentum's v ...)
    caches: int                     # one batch's forward and backward buffers, approximately

    @property
    def total(self) -> int:
        return self.parameters + self.gradients + self.optimizer + self.caches


# --- parameter shapes ------------------------------------------------------------------------

def lm_param_shapes(config: ModelConfig) -> Shapes:
    """Name -> shape of every entry of ``RNNLM(config).params``, without building it."""
    V, D, H = config.vocab_size, config.input_size, config.hidden_size
    shapes: Shapes = {}
    if config.input == "embedding":
        shapes["embed.W"] = (V, D)
    for k in range(config.num_layers):
        shapes.update(cell_type(config.cell).param_shapes(f"{config.cell}{k}", D if k == 0 else H, H))
    if not config.tie_weights:      # tied: the decoder reads embed.W transposed
        shapes["decoder.W"] = (H, V)
    shapes["decoder.b"] = (V,)
    return shapes


def seq2seq_param_shapes(config: Seq2seqConfig) -> Shapes:
    """Name -> shape of every entry of ``Seq2seq(config).params``, without building it."""
    V, D, H, name = config.vocab_size, config.embed_size, config.hidden_size, config.cell
    cell = cell_type(name)
    shapes: Shapes = {"enc.embed.W": (V, D)}
    shapes.update(cell.param_shapes(f"enc.{name}", D, H))
    shapes["dec.embed.W"] = (V, D)
    # A peeky decoder reads the encoder's h beside every input, and its affine sees it too.
    shapes.update(cell.param_shapes(f"dec.{name}", D + H if config.decoder == "peeky" else D, H))
    shapes["dec.affine.W"] = (H if config.decoder == "plain" else 2 * H, V)
    shapes["dec.affine.b"] = (V,)
    return shapes


def classifier_param_shapes(config: ClassifierConfig) -> Shapes:
    """Name -> shape of every entry of ``Classifier(config).params``, without building it."""
    V, D, H = config.vocab_size, config.input_size, config.hidden_size
    shapes: Shapes = {"embed.W": (V, D)} if config.input == "embedding" else {}
    for k in range(config.num_layers):
        shapes.update(cell_type(config.cell).param_shapes(f"{config.cell}{k}", D if k == 0 else H, H))
    outputs = 1 if config.num_classes == 2 else config.num_classes
    shapes.update({"affine.W": (H, outputs), "affine.b": (outputs,)})
    return shapes


# --- estimates -------------------------------------------------------------------------------

def _recurrent_cache(cell: str, N: int, T: int, fan_in: int, H: int) -> int:
    """Elements of one recurrent layer's buffers for a batch (N, T): see recurrent._allocate."""
    kind = cell_type(cell)
    G, M = kind.blocks, N * T
    count = 2 * M * fan_in                          # the time-major input copy, and dxs
    count += (M + N) * H + 2 * M * G * H + M * H    # Hs (T + 1 rows), A, dA, dH
    return count + kind.layer.extra_cache_elements(N, T, H)     # the cell's own buffers


def _affine_cache(M: int, H: int, V: int) -> int:
    """[x, 1], the (M, V) scores (the softmax overwrites them in place) and dx."""
    return M * (H + 1) + M * V + M * H


def _softmax_cache(M: int) -> int:
    """The loss's float64 vectors per position (target, shift, row sums, losses, scale), as elements."""
    return 5 * M * 8


def _estimate(shapes: Shapes, dtype: str, optimizer: str, cache_elements: int,
              float64_bytes: int) -> MemoryEstimate:
    itemsize = np.dtype(dtype).itemsize
    params = sum(math.prod(shape) for shape in shapes.values()) * itemsize
    return MemoryEstimate(parameters=params, gradients=params, optimizer=SLOTS[optimizer] * params,
                          caches=cache_elements * itemsize + float64_bytes)


def estimate_lm(config: ModelConfig, batch_size: int, bptt: int, optimizer: str = "sgd") -> MemoryEstimate:
    """Bytes an :class:`~rnnviz.engine.models.RNNLM` needs to train on (batch_size, bptt) blocks.

    Parameters
    ----------
    config : ModelConfig
    batch_size, bptt : int
        N and T of a training block.
    optimizer : str
        One of :data:`SLOTS`' names; sets how many parameter-sized slots it keeps.

    Returns
    -------
    MemoryEstimate
    """
    N, T, M = batch_size, bptt, batch_size * bptt
    V, D, H = config.vocab_size, config.input_size, config.hidden_size
    shapes = lm_param_shapes(config)
    cache = 2 * M * D                               # the input layer's output and its gradient
    if config.dropout > 0:
        # Each dropout keeps a mask and returns a scaled copy, after the input and every layer.
        cache += 2 * M * D + 2 * M * H * config.num_layers
    for k in range(config.num_layers):
        cache += _recurrent_cache(config.cell, N, T, D if k == 0 else H, H)
    cache += _affine_cache(M, H, V)
    if config.tie_weights:
        cache += H * V          # the decoder's own dW, summed into embed.W's gradient
    if optimizer == "sgd":
        cache += sum(math.prod(shape) for shape in shapes.values())    # SGD's lr * g scratch
    return _estimate(shapes, config.dtype, optimizer, cache, _softmax_cache(M))


def estimate_seq2seq(config: Seq2seqConfig, batch_size: int, question_width: int, answer_width: int,
                     optimizer: str = "sgd") -> MemoryEstimate:
    """Bytes a :class:`~rnnviz.engine.seq2seq.Seq2seq` needs to train on batches of ``batch_size``.

    Parameters
    ----------
    config : Seq2seqConfig
    batch_size : int
    question_width, answer_width : int
        Tq, and Ta counting the start symbol (the decoder runs Ta - 1 steps).
    optimizer : str

    Returns
    -------
    MemoryEstimate
    """
    N, Tq, Ta = batch_size, question_width, max(answer_width - 1, 1)
    V, D, H = config.vocab_size, config.embed_size, config.hidden_size
    shapes = seq2seq_param_shapes(config)
    peeky = config.decoder == "peeky"
    out = H if config.decoder == "plain" else 2 * H
    cache = 2 * N * Tq * D + 2 * N * Ta * D         # embedding outputs and their gradients
    cache += _recurrent_cache(config.cell, N, Tq, D, H)
    cache += _recurrent_cache(config.cell, N, Ta, D + H if peeky else D, H)
    if config.decoder != "plain":
        cache += 2 * N * Ta * out                   # the concatenated [h or c, dec_hs] and its gradient
    if config.decoder == "attention":
        cache += 4 * N * Ta * Tq                    # weights and their gradients through the softmax
    cache += _affine_cache(N * Ta, out, V)
    if optimizer == "sgd":
        cache += sum(math.prod(shape) for shape in shapes.values())
    return _estimate(shapes, config.dtype, optimizer, cache, _softmax_cache(N * Ta))


def estimate_classifier(config: ClassifierConfig, batch_size: int, max_len: int,
                        optimizer: str = "sgd") -> MemoryEstimate:
    """Bytes a :class:`~rnnviz.engine.classifier.Classifier` needs for batches of (batch_size, max_len).

    The heads that run the steps before a truncation cut hold caches of their own: counted as
    a second set of recurrent buffers, the most they can take.
    """
    N, T, M = batch_size, max_len, batch_size * max_len
    D, H = config.input_size, config.hidden_size
    shapes = classifier_param_shapes(config)
    cache = 2 * M * D + 2 * M * H                   # inputs (one-hot or embedded) and the hidden copy
    heads = 2 if config.truncate else 1
    for k in range(config.num_layers):
        cache += heads * _recurrent_cache(config.cell, N, T, D if k == 0 else H, H)
    if optimizer == "sgd":
        cache += sum(math.prod(shape) for shape in shapes.values())
    return _estimate(shapes, config.dtype, optimizer, cache, 0)


# --- what the machine has --------------------------------------------------------------------

def _meminfo_available() -> int | None:
    """Linux's MemAvailable: free memory plus the page cache it can reclaim."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _cgroup_available() -> int | None:
    """Room left under a container's cgroup (v2) limit, which MemAvailable does not see."""
    root = Path("/sys/fs/cgroup")
    try:
        limit = (root / "memory.max").read_text().strip()
        if limit == "max":
            return None
        return max(int(limit) - int((root / "memory.current").read_text().strip()), 0)
    except (OSError, ValueError):
        return None


def _sysconf_available() -> int | None:
    """Free physical pages: lower than MemAvailable (no reclaimable cache), used where it is missing."""
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def available_memory() -> int | None:
    """Bytes this process can still allocate, or None where the OS does not say.

    The smaller of MemAvailable and the room under a cgroup limit; free pages where
    ``/proc/meminfo`` is missing. Tests replace this function to fake a small machine.
    """
    found = [n for n in (_meminfo_available(), _cgroup_available()) if n is not None]
    if found:
        return min(found)
    return _sysconf_available()


def format_bytes(n: int) -> str:
    """``7.6 GiB``, ``298 GiB``, ``12 MiB``: two or three significant figures."""
    for unit, size in (("GiB", 2 ** 30), ("MiB", 2 ** 20), ("KiB", 2 ** 10)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value >= 100 else f"{value:.1f} {unit}"
    return translate("memory", "{n} bytes").format(n=n)


def check_fits(config: ModelConfig | Seq2seqConfig | ClassifierConfig, train: TrainConfig, *,
               widths: tuple[int, int] | None = None, available: int | None = None) -> MemoryEstimate:
    """Refuse a model that would not fit in the memory this machine has available.

    Parameters
    ----------
    config : ModelConfig, Seq2seqConfig or ClassifierConfig
    train : TrainConfig
        Its batch_size, bptt (language models) and optimizer count.
    widths : tuple of int, optional
        A seq2seq data set's (question_width, answer_width); by default the book's date widths,
        the wider of its two sets. A classifier's (max_len,); by default 100.
    available : int, optional
        Bytes available; by default :func:`available_memory` is asked. When neither says, there
        is no check.

    Returns
    -------
    MemoryEstimate
        The estimate, when it fits.

    Raises
    ------
    ConfigError
        One line: the size asked for, the estimate, what is available, and what to shrink.
    """
    if isinstance(config, Seq2seqConfig):
        question_width, answer_width = widths or (29, 11)
        estimate = estimate_seq2seq(config, train.batch_size, question_width, answer_width, train.optimizer)
        batch = translate("memory", "batches of {size}").format(size=train.batch_size)
    elif isinstance(config, ClassifierConfig):
        max_len = (widths or (100,))[0]
        estimate = estimate_classifier(config, train.batch_size, max_len, train.optimizer)
        batch = translate("memory", "batches of {size}x{bptt}").format(size=train.batch_size, bptt=max_len)
    else:
        estimate = estimate_lm(config, train.batch_size, train.bptt, train.optimizer)
        batch = translate("memory", "batches of {size}x{bptt}").format(size=train.batch_size, bptt=train.bptt)
    if available is None:
        available = available_memory()
    if available is not None and estimate.total > available:
        raise ConfigError(translate(
            "memory", "a model of hidden size {hidden} and vocabulary {vocab} needs about {needed} (parameters, "
            "gradients, optimizer state and caches for {batch}); this machine has {available} available: "
            "choose a smaller hidden size (--hidden-size) or batch size (--batch-size)")
            .format(hidden=config.hidden_size, vocab=config.vocab_size, needed=format_bytes(estimate.total),
                    batch=batch, available=format_bytes(available)))
    return estimate
