"""The book's own curves, measured by running Deep Learning from Scratch 2's code, for overlaying
on a live run of the same preset (Qt-free).

The files live in ``assets/reference_curves/`` with a README; each says its configuration, axes and
provenance. :func:`reference_for_preset` puts a language-model curve on the perplexity panel's
iteration axis; :func:`reference_for_lab` puts a seq2seq accuracy curve on the lab's epoch axis,
in percent.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from rnnviz.engine.texts import Text, translate
from rnnviz.resources import assets_dir

__all__ = ["ReferenceCurve", "reference_for_preset", "reference_for_lab", "reference_dir"]

CH5, CH6 = "dlfs2_ch5_perplexity.json", "dlfs2_ch6_perplexity.json"
CH6_REPORT_EVERY = 20       # the book's trainer prints perplexity every 20 iterations (eval_interval)
# (task, decoder, reverse) -> file; the variants the book trained, and only those.
LAB_FILES = {("addition", "plain", False): "dlfs2_ch7_seq2seq_accuracy.json",
             ("addition", "plain", True): "dlfs2_ch7_seq2seq_reverse_accuracy.json",
             ("addition", "peeky", True): "dlfs2_ch7_peeky_reverse_accuracy.json",
             ("date", "attention", True): "dlfs2_ch8_attention_accuracy.json"}


@dataclass(frozen=True, eq=False)       # eq=False: arrays do not compare to one bool
class ReferenceCurve:
    """One curve of the book's code on a live run's axis.

    Attributes
    ----------
    x, y : np.ndarray
        float64, read-only, same length: iterations and perplexity, or epochs and accuracy in %.
    band_low, band_high : np.ndarray or None
        The lowest and highest value over every seed measured, where there are several.
    label : Text
        What a key names it ("the book's code (seed 1)"); :func:`rnnviz.localize.localize` says it.
    provenance : str
        How it was measured, from the file (English, as measured).
    source : str
        The file's name in ``assets/reference_curves``.
    """

    x: np.ndarray
    y: np.ndarray
    band_low: np.ndarray | None
    band_high: np.ndarray | None
    label: Text
    provenance: str
    source: str


def reference_dir():
    """The folder of the bundled curves (``rnnviz/assets/reference_curves`` when installed)."""
    return assets_dir() / "reference_curves"


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, Any]:
    return json.loads((reference_dir() / name).read_text(encoding="utf-8"))


def _frozen(values) -> np.ndarray:
    array = np.array(values, dtype=np.float64)
    array.setflags(write=False)
    return array


def _label(seed: Any, seeds: int = 1) -> Text:
    """"the book's code (seed 1)"; the book's own stream (np.random.seed(1984) once) says so;
    with ``seeds`` > 1 runs, the band of them too."""
    if seeds > 1:
        return translate("reference_curves", "the book's code (seed {seed}; band: seeds 1–{seeds})").format(
            seed=seed, seeds=seeds)
    if seed is None:
        return translate("reference_curves", "the book's code").format()
    if isinstance(seed, str) and seed.startswith("book"):
        return translate("reference_curves", "the book's code (its own seed)").format()
    return translate("reference_curves", "the book's code (seed {seed})").format(seed=seed)


def reference_for_preset(name: str, iters_per_epoch: int) -> ReferenceCurve | None:
    """The book's training perplexity for language-model preset ``name``, on the iteration axis.

    Parameters
    ----------
    name : str
        A preset of :data:`rnnviz.engine.presets.PRESETS`; only "dlfs2-ch5" and "dlfs2-ch6" have one.
    iters_per_epoch : int
        The live run's: epoch k of ch.5 (the mean over its iterations) is drawn at its end,
        iteration ``k * iters_per_epoch``.

    Returns
    -------
    ReferenceCurve or None
        ch.5: the seed-1 run, with a band from the lowest to the highest of every seed;
        ch.6: one run, report k at iteration ``20 * k``. None for any other preset.
    """
    if name == "dlfs2-ch5":
        data = _load(CH5)
        runs = data["runs_by_seed"]
        seed = "1" if "1" in runs else min(runs, key=int)
        all_runs = np.array([runs[k] for k in sorted(runs, key=int)], dtype=np.float64)   # (S, E)
        x = np.arange(1, all_runs.shape[1] + 1) * int(iters_per_epoch)
        low, high = (_frozen(all_runs.min(axis=0)), _frozen(all_runs.max(axis=0))) if len(runs) > 1 else (None, None)
        return ReferenceCurve(_frozen(x), _frozen(runs[seed]), low, high, _label(int(seed), len(runs)),
                              data["provenance"], CH5)
    if name == "dlfs2-ch6":
        data = _load(CH6)
        y = data["ppl_every_20_iters"]
        x = np.arange(1, len(y) + 1) * CH6_REPORT_EVERY
        return ReferenceCurve(_frozen(x), _frozen(y), None, None, _label(data.get("seed")), data["provenance"], CH6)
    return None


def reference_for_lab(decoder: str, reverse: bool, task: str) -> ReferenceCurve | None:
    """The book's exact-match test accuracy (%) per epoch for a seq2seq lab variant.

    Addition: plain (reversed or not) and peeky reversed (ch.7); dates: attention, reversed
    (ch.8). Any other variant (or a pairs file) has none.

    Returns
    -------
    ReferenceCurve or None
        x: epochs 1 .. E, y: accuracy in percent, no band (one run each).
    """
    name = LAB_FILES.get((task, decoder, bool(reverse)))
    if name is None:
        return None
    data = _load(name)
    y = 100.0 * np.asarray(data["accuracy_per_epoch"], dtype=np.float64)
    x = np.arange(1, len(y) + 1)
    return ReferenceCurve(_frozen(x), _frozen(y), None, None, _label(data.get("seed")), data["provenance"], name)


if __name__ == "__main__":
    for preset in ("dlfs2-ch5", "dlfs2-ch6"):
        curve = reference_for_preset(preset, 19)
        print(f"{preset}: {curve.source}, {len(curve.x)} points, {curve.label}: {curve.y[0]:.1f} -> {curve.y[-1]:.1f}")
    for variant in LAB_FILES:
        curve = reference_for_lab(variant[1], variant[2], variant[0])
        print(f"{variant}: {curve.source}, {curve.label}: {curve.y[-1]:.1f} % at epoch {curve.x[-1]:.0f}")
