"""rnnviz bench runs end to end (figures are for people to read, never asserted here)."""
import json
import shutil

import pytest

from rnnviz import cli, resources


def test_bench_quick_prints_a_table_and_skips_missing_corpora(tmp_path, capsys):
    # A small stand-in for timemachine.txt: the bundled tale, under the name the config expects.
    shutil.copy(resources.bundled_corpora()["tale"], tmp_path / "timemachine.txt")
    out_json = tmp_path / "bench.json"
    code = cli.main(["bench", "--quick", "--corpora", str(tmp_path), "--config", "tm-char-gru",
                     "--config", "ptb-lstm", "--telemetry", "--json", str(out_json)])
    out = capsys.readouterr().out
    assert code == 0
    assert "skipped ptb-lstm: corpus" in out
    assert "tm-char-gru" in out and "tokens/s" in out
    data = json.loads(out_json.read_text())
    (result,) = data["results"]
    assert result["name"] == "tm-char-gru" and result["iterations"] == 10
    assert result["tokens_per_s"] > 0 and result["matmul_ms"] > 0
    assert result["telemetry_off_tokens_per_s"] > 0
    assert result["extra"]["rewind_keep_ms"] > 0 and "rewind ring on tm-char-gru" in out


def test_bench_rejects_unknown_config(capsys):
    assert cli.main(["bench", "--config", "nope"]) == 2
    assert "unknown config nope" in capsys.readouterr().err


@pytest.mark.parametrize("flags,message", [
    (["--iterations", "-5"], "--iterations must be a positive number"),
    (["--corpora", "/nonexistent"], "--corpora /nonexistent: no such folder"),
    (["--json", "/proc/x.json"], "--json /proc/x.json: cannot write into /proc"),
    (["--json", "/"], "is a folder"),
])
def test_bench_options_are_checked_before_timing(capsys, flags, message):
    assert cli.main(["bench", *flags]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith("rnnviz bench: error:")
