"""The book's reference curves: which file each preset and lab variant gets, on which axis."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rnnviz.engine.texts import Text
from rnnviz.runtime import reference_curves
from rnnviz.runtime.reference_curves import reference_dir, reference_for_lab, reference_for_preset

SHARED = Path("/work/shared/reference_curves")


def raw(name: str) -> dict:
    return json.loads((reference_dir() / name).read_text(encoding="utf-8"))


def test_ch5_is_the_seed_1_run_at_the_end_of_each_epoch_with_the_seeds_band():
    curve = reference_for_preset("dlfs2-ch5", 19)
    runs = raw("dlfs2_ch5_perplexity.json")["runs_by_seed"]
    assert curve.source == "dlfs2_ch5_perplexity.json"
    np.testing.assert_array_equal(curve.x, 19.0 * np.arange(1, 101))     # epoch k ends at 19 k
    np.testing.assert_array_equal(curve.y, runs["1"])
    seeds = np.array(list(runs.values()))                                 # (S, E)
    assert len(seeds) > 1
    np.testing.assert_array_equal(curve.band_low, seeds.min(axis=0))
    np.testing.assert_array_equal(curve.band_high, seeds.max(axis=0))
    assert np.all(curve.band_low <= curve.y) and np.all(curve.y <= curve.band_high)
    assert curve.x.dtype == np.float64 and not curve.y.flags.writeable
    assert isinstance(curve.label, Text) and curve.label == f"the book's code (seed 1; band: seeds 1–{len(seeds)})"
    assert "book's own code" in curve.provenance


def test_ch5_follows_the_runs_iterations_per_epoch():
    assert reference_for_preset("dlfs2-ch5", 7).x[:3].tolist() == [7.0, 14.0, 21.0]


def test_ch6_is_reported_every_20_iterations():
    curve = reference_for_preset("dlfs2-ch6", 1327)
    ppl = raw("dlfs2_ch6_perplexity.json")["ppl_every_20_iters"]
    np.testing.assert_array_equal(curve.x, 20.0 * np.arange(1, len(ppl) + 1))
    np.testing.assert_array_equal(curve.y, ppl)
    assert curve.band_low is None and curve.band_high is None
    assert curve.source == "dlfs2_ch6_perplexity.json"


@pytest.mark.parametrize("preset", ["tale-lstm", "d2l-9.5", "no-such-preset", ""])
def test_presets_the_book_did_not_run_have_none(preset):
    assert reference_for_preset(preset, 10) is None


@pytest.mark.parametrize("task, decoder, reverse, name, label", [
    ("addition", "plain", False, "dlfs2_ch7_seq2seq_accuracy.json", "the book's code (seed 1)"),
    ("addition", "plain", True, "dlfs2_ch7_seq2seq_reverse_accuracy.json", "the book's code (its own seed)"),
    ("addition", "peeky", True, "dlfs2_ch7_peeky_reverse_accuracy.json", "the book's code (its own seed)"),
    ("date", "attention", True, "dlfs2_ch8_attention_accuracy.json", "the book's code (seed 1)"),
])
def test_each_lab_variant_gets_its_chapters_accuracy_in_percent(task, decoder, reverse, name, label):
    curve = reference_for_lab(decoder, reverse, task)
    accuracy = raw(name)["accuracy_per_epoch"]
    assert curve.source == name and curve.label == label
    np.testing.assert_array_equal(curve.x, np.arange(1, len(accuracy) + 1))
    np.testing.assert_allclose(curve.y, 100 * np.array(accuracy))
    assert curve.band_low is None


@pytest.mark.parametrize("task, decoder, reverse", [
    ("addition", "peeky", False), ("addition", "attention", True), ("date", "plain", True),
    ("date", "attention", False), ("/tmp/pairs.txt", "plain", False)])
def test_variants_the_book_did_not_train_have_none(task, decoder, reverse):
    assert reference_for_lab(decoder, reverse, task) is None


def test_every_bundled_file_keeps_its_provenance():
    files = sorted(reference_dir().glob("*.json"))
    assert len(files) == 6 and (reference_dir() / "README.md").is_file()
    used = {*reference_curves.LAB_FILES.values(), reference_curves.CH5, reference_curves.CH6}
    assert {f.name for f in files} == used
    for f in files:
        assert raw(f.name)["provenance"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared reference curves (/work/shared/reference_curves) "
                                                "are not on this machine")
def test_the_bundled_files_are_the_shared_ones():
    shared = sorted(p.name for p in SHARED.iterdir() if p.is_file())
    assert sorted(p.name for p in reference_dir().iterdir()) == shared
    for name in shared:
        assert (reference_dir() / name).read_bytes() == (SHARED / name).read_bytes(), name
