"""A language model's weights as ``.safetensors``, in PyTorch's ``state_dict`` names.

The file holds what ``nn.Embedding`` + ``nn.RNN``/``nn.LSTM``/``nn.GRU`` + ``nn.Linear`` would
(:mod:`rnnviz.engine.torch_layout` maps the names, shapes and gate order), so a PyTorch user
loads it with ``net.load_state_dict(safetensors.torch.load_file(path))`` and rnnviz loads theirs.
safetensors is an 8-byte header length, a JSON header naming each tensor's dtype, shape and byte
range, and the raw little-endian bytes: no pickle, so no code runs on load. The ``safetensors``
package (Hugging Face's reference reader, written in Rust and fuzzed) parses it and refuses a
forged header (too large, offsets outside the file or overlapping, unknown dtypes, a shape
that does not match its bytes) before anything is read; everything this module checks on top
(names, shapes, dtypes, finite values, the vocabulary's size) is checked from the header too,
before the tensors are read. Every problem is one :class:`WeightsError` line naming the file.

``__metadata__`` (strings only) carries the model's shape, so import rebuilds it without
guessing: ``format``, ``cell``, ``num_layers``, ``hidden_size``, ``embed_size``, ``input``,
``tie_weights``, ``vocab_size``, ``level``, ``normalize``, and what the caller adds (the corpus,
the step). A file from PyTorch has none: the model is then inferred from the shapes, and
:attr:`ImportedWeights.notes` says so. Module names other than ``embedding``/``rnn``/``decoder``
are accepted for the common spellings (PyTorch's word_language_model example calls the
embedding ``encoder``; any name for the recurrent module; ``fc``, ``linear``, ``out``, ``head``
for the decoder), and a ``module.`` prefix (DataParallel) is dropped.
"""
from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors import SafetensorError, safe_open
from safetensors.numpy import save as safetensors_bytes

from rnnviz import __version__

from .cells import CELL_TYPES
from .config import ConfigError, ModelConfig, TrainConfig
from .data import CorpusError, Vocab
from .memory import check_fits
from .models import RNNLM
from .texts import message_of, translate
from .torch_layout import DECODER_B, DECODER_W, EMBED, load_torch_layout, to_torch_layout, torch_shapes
from .vocab_file import read_vocab, write_vocab

FORMAT = "rnnviz-lm-weights"
DTYPES = {"F16": np.float16, "F32": np.float32, "F64": np.float64}
CONFIG_KEYS = ("cell", "num_layers", "hidden_size", "embed_size", "input", "tie_weights")
EMBED_MODULES = ("embedding", "encoder", "embed", "embeddings", "emb")
DECODER_MODULES = ("decoder", "fc", "linear", "out", "head", "output", "lm_head")
_RECURRENT = re.compile(r"(?P<module>.+)\.(?P<param>(weight|bias)_(ih|hh|hr)_l\d+(_reverse)?)")
_BLOCKS = {kind.blocks: name for name, kind in CELL_TYPES.items()}        # G -> cell: 1 rnn, 4 lstm, 3 gru


class WeightsError(ValueError):
    """A weights file that cannot be imported or exported; one line naming the file and why."""


@dataclass(frozen=True)
class ImportedWeights:
    """What :func:`import_weights` read: a model's shape, its weights and its vocabulary."""

    model_config: ModelConfig
    params: dict[str, np.ndarray]       # the engine's names (embed.W, lstm0.Wx, ...), model dtype
    vocab: Vocab
    metadata: dict[str, str]            # the file's __metadata__, as stored
    notes: tuple[str, ...]              # what was inferred rather than read (a file without metadata)
    path: Path


def vocab_path_for(path: str | os.PathLike) -> Path:
    """Where the vocabulary of a weights file lives: ``model.safetensors`` -> ``model.vocab.txt``."""
    return Path(path).with_suffix(".vocab.txt")


# --- export ----------------------------------------------------------------------------------

def export_weights(model: RNNLM, vocab: Vocab, path: str | os.PathLike,
                   metadata: dict[str, object] | None = None) -> tuple[Path, Path]:
    """Write the model's weights as ``.safetensors`` and its vocabulary beside them.

    Parameters
    ----------
    model : RNNLM
    vocab : Vocab
        Must have ``model.config.vocab_size`` tokens; written to :func:`vocab_path_for`.
    path : str or os.PathLike
        The weights file, written atomically (a failed write leaves an earlier file whole).
    metadata : dict, optional
        More ``__metadata__`` entries (``corpus``, ``step`` ...), stored as strings.

    Returns
    -------
    (pathlib.Path, pathlib.Path)
        The weights file and the vocabulary file.

    Raises
    ------
    WeightsError
        A vocabulary of the wrong size, weights that are not finite (a diverged run), or a
        file that cannot be written.
    """
    path, cfg = Path(path), model.config
    where = translate("weights_io", "cannot export {path}").format(path=os.fspath(path))
    if len(vocab) != cfg.vocab_size:
        raise WeightsError(translate("weights_io", "{where}: the vocabulary has {count} tokens, the model {size}")
                           .format(where=where, count=len(vocab), size=cfg.vocab_size))
    arrays = to_torch_layout(model)
    _check_finite(where, arrays)
    meta = {"format": FORMAT, "version": "1", "cell": cfg.cell, "num_layers": str(cfg.num_layers),
            "hidden_size": str(cfg.hidden_size), "embed_size": str(cfg.embed_size), "input": cfg.input,
            "tie_weights": str(cfg.tie_weights).lower(), "vocab_size": str(cfg.vocab_size),
            "level": vocab.level, "normalize": str(vocab.normalize).lower(), "rnnviz_version": __version__}
    meta.update({str(k): str(v) for k, v in (metadata or {}).items() if v is not None})
    try:
        _write_atomic(path, safetensors_bytes(arrays, metadata=meta))
        vocab_file = write_vocab(vocab_path_for(path), vocab)
    except OSError as exc:
        raise WeightsError(translate("weights_io", "{where}: {reason}").format(
            where=where, reason=exc.strerror or str(exc))) from None
    return path, vocab_file


# --- import ----------------------------------------------------------------------------------

def import_weights(path: str | os.PathLike, vocab_path: str | os.PathLike | None = None, *,
                   vocab: Vocab | None = None, level: str | None = None) -> ImportedWeights:
    """Read a ``.safetensors`` language model and its vocabulary, checking everything first.

    Parameters
    ----------
    path : str or os.PathLike
        Weights in PyTorch's ``state_dict`` names (see the module docstring).
    vocab_path : str or os.PathLike, optional
        A one-token-per-line vocabulary (:mod:`rnnviz.engine.vocab_file`); by default
        :func:`vocab_path_for`. Ignored when ``vocab`` is given.
    vocab : Vocab, optional
        The vocabulary itself (built from a corpus, say).
    level : {"char", "word"}, optional
        Passed to :func:`~rnnviz.engine.vocab_file.read_vocab`; by default the vocabulary
        file's header, else the file's ``level`` metadata, else a guess.

    Returns
    -------
    ImportedWeights

    Raises
    ------
    WeightsError
        One line naming the file: not a readable safetensors file; a dtype other than F16, F32
        or F64; a missing, unexpected or mis-shaped tensor ("rnn.weight_hh_l0: the file has
        (512, 100), the model needs (400, 100)"); metadata that makes no model; a vocabulary of
        another size than the model's; weights that are not finite; a model too large for memory.
    """
    path = Path(path)
    name = os.fspath(path)
    try:
        with safe_open(name, framework="numpy") as f:
            meta = dict(f.metadata() or {})
            heads = {key: (f.get_slice(key).get_dtype(), tuple(f.get_slice(key).get_shape())) for key in f.keys()}
            names = _canonical(name, list(heads))
            _check_dtypes(name, heads)
            shapes = {names[key]: heads[key][1] for key in heads}
            cfg, notes = _config(name, meta, shapes, {names[key]: heads[key][0] for key in heads})
            _check_shapes(name, cfg, shapes)
            _check_memory(name, cfg)
            arrays = {names[key]: f.get_tensor(key) for key in heads}
    except SafetensorError as exc:
        raise WeightsError(translate("weights_io", "{path}: not a readable safetensors file ({reason})")
                           .format(path=name, reason=message_of(exc))) from None
    except OSError as exc:
        raise WeightsError(translate("weights_io", "{path}: {reason}").format(
            path=name, reason=exc.strerror or str(exc))) from None
    _check_finite(name, arrays)
    if notes and not cfg.tie_weights and _looks_tied(cfg, arrays):
        cfg = dataclasses.replace(cfg, tie_weights=True)
    if notes:
        notes = [_inferred_note(name, cfg)]
    if cfg.tie_weights:
        arrays.setdefault(DECODER_W, arrays[EMBED])     # a tied pair saved once (safetensors' save_model)
    if vocab is None:
        vocab_path = vocab_path_for(path) if vocab_path is None else Path(vocab_path)
        try:
            vocab = read_vocab(vocab_path, level or meta.get("level"))
        except CorpusError as exc:
            raise WeightsError(translate("weights_io", "{path}: its vocabulary: {reason}")
                               .format(path=name, reason=message_of(exc))) from None
    if len(vocab) != cfg.vocab_size:
        raise WeightsError(translate("weights_io", "{path}: the model has {size} tokens' rows, the vocabulary "
                                     "{count} tokens").format(path=name, size=cfg.vocab_size, count=len(vocab)))
    model = RNNLM(cfg)
    try:
        load_torch_layout(model, arrays)
    except ValueError as exc:
        raise WeightsError(translate("weights_io", "{path}: {reason}").format(path=name, reason=message_of(exc))) from None
    return ImportedWeights(model_config=cfg, params={k: p.copy() for k, p in model.params.items()},
                           vocab=vocab, metadata=meta, notes=tuple(notes), path=path)


def build_model(imported: ImportedWeights) -> RNNLM:
    """A model holding the imported weights (written in place: a tied decoder keeps its view)."""
    model = RNNLM(imported.model_config)
    for key, target in model.params.items():
        target[...] = imported.params[key]
    return model


def _canonical(name: str, keys: list[str]) -> dict[str, str]:
    """Each key of the file -> its name in :func:`torch_shapes` (unknown keys keep their own)."""
    stripped = {key: key[len("module."):] if key.startswith("module.") else key for key in keys}
    recurrent = {m.group("module") for m in map(_RECURRENT.fullmatch, stripped.values()) if m}
    if len(recurrent) > 1:
        raise WeightsError(translate("weights_io", "{path}: more than one recurrent module ({modules}); "
                                     "rnnviz runs one stack").format(path=name, modules=", ".join(sorted(recurrent))))
    out = {}
    for key, short in stripped.items():
        module, _, param = short.rpartition(".")
        match = _RECURRENT.fullmatch(short)
        if match:
            out[key] = f"rnn.{match.group('param')}"
        elif module in EMBED_MODULES and param == "weight":
            out[key] = EMBED
        elif module in DECODER_MODULES and param in ("weight", "bias"):
            out[key] = f"decoder.{param}"
        else:
            out[key] = key
    if len(set(out.values())) < len(out):
        raise WeightsError(translate("weights_io", "{path}: two tensors have the same role ({names})")
                           .format(path=name, names=", ".join(sorted(keys))))
    return out


def _check_dtypes(name: str, heads: dict[str, tuple[str, tuple[int, ...]]]) -> None:
    for key, (dtype, _) in heads.items():
        if dtype not in DTYPES:
            raise WeightsError(translate("weights_io", "{path}: {key} is {dtype}; rnnviz reads F16, F32 or F64 "
                                         "(in PyTorch: model.float())").format(path=name, key=key, dtype=dtype))


def _config(name: str, meta: dict[str, str], shapes: dict[str, tuple[int, ...]],
            dtypes: dict[str, str]) -> tuple[ModelConfig, list[str]]:
    """The model the metadata describes, or (without it) the one the shapes imply."""
    dtype = "float64" if dtypes and all(d == "F64" for d in dtypes.values()) else "float32"
    vocab_size = _first_dim(shapes, (DECODER_B, DECODER_W, EMBED))
    try:
        if all(key in meta for key in CONFIG_KEYS):
            values = {key: meta[key] for key in CONFIG_KEYS}
            if values["tie_weights"] not in ("true", "false"):
                raise ConfigError(translate("weights_io", "tie_weights must be true or false, got {value}")
                                  .format(value=repr(values["tie_weights"])))
            return ModelConfig(vocab_size=vocab_size, embed_size=_int(values["embed_size"]),
                               hidden_size=_int(values["hidden_size"]), cell=values["cell"],
                               num_layers=_int(values["num_layers"]), input=values["input"],
                               tie_weights=values["tie_weights"] == "true", dtype=dtype), []
        return _inferred(name, shapes, vocab_size, dtype)
    except ConfigError as exc:
        raise WeightsError(translate("weights_io", "{path}: {reason}").format(path=name, reason=message_of(exc))) from None


def _int(text: str) -> int | str:
    return int(text) if text.isdigit() else text        # a non-number is refused by ModelConfig, by name


def _first_dim(shapes: dict[str, tuple[int, ...]], keys: tuple[str, ...]) -> int:
    for key in keys:
        if key in shapes and shapes[key]:
            return shapes[key][0]
    return 0                                            # ModelConfig refuses it: "vocab_size must be ..."


def _inferred(name: str, shapes: dict[str, tuple[int, ...]], vocab_size: int,
              dtype: str) -> tuple[ModelConfig, list[str]]:
    hh = shapes.get("rnn.weight_hh_l0")
    if hh is None or len(hh) != 2 or hh[1] == 0 or hh[0] % hh[1] or hh[0] // hh[1] not in _BLOCKS:
        raise WeightsError(translate("weights_io", "{path}: no metadata, and no recurrent weight_hh_l0 of shape "
                                     "(G*H, H) with G = 1, 3 or 4 to infer the model from").format(path=name))
    H = hh[1]
    cell = _BLOCKS[hh[0] // H]
    layers = 0
    while f"rnn.weight_hh_l{layers}" in shapes:
        layers += 1
    embedding = shapes.get(EMBED)
    D = embedding[1] if embedding is not None and len(embedding) == 2 else H
    # A tied pair is one Parameter in PyTorch; safetensors' save_model keeps one of its names.
    tied = embedding is not None and DECODER_W not in shapes and D == H
    cfg = ModelConfig(vocab_size=vocab_size, embed_size=D, hidden_size=H, cell=cell, num_layers=layers,
                      input="embedding" if embedding is not None else "onehot", tie_weights=tied, dtype=dtype)
    return cfg, [_inferred_note(name, cfg)]


def _looks_tied(cfg: ModelConfig, arrays: dict[str, np.ndarray]) -> bool:
    """Both names of a tied pair, saved as two equal tensors (``state_dict()`` lists both)."""
    return (EMBED in arrays and DECODER_W in arrays and cfg.embed_size == cfg.hidden_size
            and np.array_equal(arrays[EMBED], arrays[DECODER_W]))


def _inferred_note(name: str, cfg: ModelConfig) -> str:
    inputs = (translate("weights_io", "one-hot input") if cfg.input == "onehot"
              else f"D = {cfg.embed_size}")
    decoder = translate("weights_io", "tied") if cfg.tie_weights else translate("weights_io", "untied")
    # Short enough for the window's status bar at 1280 px.
    return translate("weights_io", "No rnnviz metadata: read from the shapes as {cell}, {layers} layer(s), "
                     "H = {hidden}, {input}, V = {vocab}, {decoder}").format(
        cell=cfg.cell.upper(), layers=cfg.num_layers, hidden=cfg.hidden_size, input=inputs, vocab=cfg.vocab_size,
        decoder=decoder)


def _check_shapes(name: str, cfg: ModelConfig, shapes: dict[str, tuple[int, ...]]) -> None:
    expected = torch_shapes(cfg)
    problems = []
    for key, shape in expected.items():
        if key not in shapes:
            if not (cfg.tie_weights and key == DECODER_W):
                problems.append(translate("weights_io", "{key} is missing").format(key=key))
        elif shapes[key] != shape:
            problems.append(translate("weights_io", "{key}: the file has {found}, the model needs {wanted}")
                            .format(key=key, found=_shape(shapes[key]), wanted=_shape(shape)))
    unexpected = sorted(key for key in shapes if key not in expected)
    if unexpected:
        problems.append(translate("weights_io", "unexpected {names}").format(names=", ".join(unexpected)))
    if problems:
        raise WeightsError(translate("weights_io", "{path}: does not fit a {cell} of {layers} layer(s), H = {hidden}: "
                                     "{problems}").format(path=name, cell=cfg.cell.upper(), layers=cfg.num_layers,
                                                          hidden=cfg.hidden_size, problems="; ".join(problems)))


def _shape(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def _check_memory(name: str, cfg: ModelConfig) -> None:
    try:
        check_fits(cfg, TrainConfig())
    except ConfigError as exc:
        raise WeightsError(translate("weights_io", "{path}: {reason}").format(path=name, reason=message_of(exc))) from None


def _write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: a failed write leaves no half file."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _check_finite(where: str, arrays: dict[str, np.ndarray]) -> None:
    bad = [key for key, a in arrays.items() if not np.isfinite(a).all()]
    if bad:
        raise WeightsError(translate("weights_io", "{where}: {names} hold NaN or infinity")
                           .format(where=where, names=", ".join(bad)))
