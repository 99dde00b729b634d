"""Never lose a run (issue 14): resuming takes the run's settings, divergence can rewind, folders
are never overwritten, Ctrl-C and kill -9 leave a folder that resumes exactly, and every write
failure is one line."""
import csv
import errno
import json
import os
import signal
import subprocess
import sys

import numpy as np
import pytest

from rnnviz import cli, run_folder

SMALL = ["--cell", "lstm", "--embed-size", "8", "--hidden-size", "16", "--batch-size", "4",
         "--bptt", "8", "--optimizer", "adam", "--lr", "0.01"]


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows(folder, name="metrics.csv"):
    """A log's rows without the wall-time column."""
    with open(folder / name, newline="") as f:
        return [{k: v for k, v in r.items() if k != "seconds"} for r in csv.DictReader(f)]


def params(path):
    with np.load(path, allow_pickle=False) as f:
        return {k: f[k] for k in f.files if k.startswith("param/")}


def assert_same_params(a, b):
    pa, pb = params(a), params(b)
    assert pa.keys() == pb.keys()
    for key in pa:
        np.testing.assert_array_equal(pa[key], pb[key])


def step_of(path):
    return run_folder.checkpoint_step(path)


def temps(folder):
    return [p.name for p in folder.iterdir() if ".tmp-" in p.name]


def one_line(err):
    return err.count("\n") == 1 and "Traceback" not in err


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A 40-step run to resume."""
    out = tmp_path_factory.mktemp("base") / "run"
    assert cli.main(["train", "tale", *SMALL, "--steps", "40", "--eval-every", "20", "--out", str(out)]) == 0
    return out


@pytest.fixture
def copy(base, tmp_path):
    """A private copy of the base run's folder."""
    import shutil
    return shutil.copytree(base, tmp_path / "copy")


# -- 1. resume means resume -------------------------------------------------------------------

def test_resume_accepts_flags_equal_to_the_runs(copy, capsys):
    code, _, err = run(capsys, "train", "tale", "--resume", copy / "checkpoint.npz", *SMALL,
                       "--level", "char", "--seed", "0", "--steps", "50")
    assert code == 0, err
    assert step_of(copy / "checkpoint.npz") == 50 and len(rows(copy)) == 50


def test_resume_accepts_its_own_preset(tmp_path, capsys):
    out = tmp_path / "p"
    assert run(capsys, "train", "--preset", "tale-lstm", "--steps", "3", "--out", out)[0] == 0
    code, _, err = run(capsys, "train", "--resume", out / "checkpoint.npz", "--preset", "tale-lstm",
                       "--cell", "lstm", "--hidden-size", "128", "--level", "char", "--steps", "5")
    assert code == 0, err


@pytest.mark.parametrize("flags,message", [
    (["--batch-size", "16"], "--batch-size 16 differs from the run's 4; the batch size cannot change"),
    (["--bptt", "9"], "--bptt 9 differs from the run's 8; bptt cannot change"),
    (["--optimizer", "sgd"], "--optimizer sgd differs from the run's adam; the optimizer cannot change"),
    (["--cell", "gru"], "--cell gru differs from the run's lstm"),
    (["--hidden-size", "32"], "--hidden-size 32 differs from the run's 16"),
    (["--level", "word"], "--level word differs from the run's char"),
    (["--seed", "3"], "--seed 3 differs from the run's 0"),
    (["--tie"], "--tie differs from the run's off"),
    (["--onehot"], "--onehot differs from the run's off"),
    (["--limit-tokens", "3000"], "--limit-tokens 3000 differs from the run's none"),
    (["--preset", "tale-lstm"], "--preset tale-lstm sets the embedding size to 32, the run's is 8"),
    (["toy"], "corpus toy does not have the run's vocabulary"),
])
def test_resume_refuses_what_cannot_change(copy, capsys, flags, message):
    before = (copy / "metrics.csv").read_bytes()
    code, _, err = run(capsys, "train", "--resume", copy / "checkpoint.npz", "--steps", "50", *flags)
    assert code == 2 and one_line(err) and message in err
    assert (copy / "metrics.csv").read_bytes() == before


def test_resume_applies_what_may_change_and_records_it(copy, capsys):
    code, _, err = run(capsys, "train", "--resume", copy / "checkpoint.npz", "--lr", "0.002", "--clip", "0.5",
                       "--epochs", "1", "--steps", "45", "--eval-every", "5", "--on-divergence", "rewind",
                       "--save-every", "5")
    assert code == 0, err
    config = json.loads((copy / "config.json").read_text())
    assert (config["train"]["lr"], config["train"]["clip"], config["train"]["epochs"],
            config["train"]["max_steps"], config["train"]["eval_every"]) == (0.002, 0.5, 1, 45, 5)
    assert config["cli"] == {"on_divergence": "rewind", "save_every": 5}
    lrs = [float(r["lr"]) for r in rows(copy)]
    assert lrs[39] == 0.01 and lrs[40:] == [0.002] * 5
    assert [int(r["iteration"]) for r in rows(copy, "evals.csv")] == [20, 40, 45]


def test_resuming_a_finished_run_says_how_to_extend_it(base, capsys):
    before = (base / "metrics.csv").read_bytes()
    code, _, err = run(capsys, "train", "--resume", base / "checkpoint.npz")
    assert code == 2 and one_line(err)
    assert "the run finished at step 40 (--steps 40); pass --epochs 1 or --steps N" in err
    code, _, err = run(capsys, "train", "--resume", base / "checkpoint.npz", "--steps", "30")
    assert code == 2 and "finished at step 40" in err
    assert (base / "metrics.csv").read_bytes() == before


def test_positional_corpus_and_dash_dash_corpus_are_the_same(tmp_path, capsys):
    text = tmp_path / "lighthouse.txt"
    text.write_text("the keeper climbed the stairs of the tower and lit the lamp at dusk. " * 40)
    a, b = tmp_path / "a", tmp_path / "b"
    assert run(capsys, "train", text, *SMALL, "--steps", "10", "--out", a)[0] == 0
    assert run(capsys, "train", "--corpus", text, *SMALL, "--steps", "10", "--out", b)[0] == 0
    assert rows(a) == rows(b)
    for steps, flags in ((12, [text]), (14, ["--corpus", text])):
        code, _, err = run(capsys, "train", "--resume", a / "checkpoint.npz", *flags, "--steps", steps)
        assert code == 0, err
        code, _, err = run(capsys, "train", "--resume", a / "checkpoint.npz", *flags, "--steps", steps + 1,
                           "--out", b, "--force")
        assert code == 0, err
        assert len(rows(b)) == steps + 1 and rows(b)[:steps] == rows(a)
    code, _, err = run(capsys, "train", text, "--corpus", "tale", "--out", tmp_path / "c")
    assert code == 2 and "give one" in err


# -- 2. --on-divergence rewind ----------------------------------------------------------------

@pytest.mark.parametrize("lr,halved,code", [("100", ("50", "25", "12.5"), 0),
                                             ("1000", ("500", "250", "125"), 2)])
def test_rewind_on_divergence_halves_the_rate_at_most_three_times(tmp_path, capsys, lr, halved, code):
    out = tmp_path / "r"
    status, _, err = run(capsys, "train", "tale", "--optimizer", "sgd", "--lr", lr, "--clip", "0",
                         "--steps", "300", "--on-divergence", "rewind", "--out", out)
    lines = err.strip().splitlines()
    rewound = [line for line in lines if line.startswith("diverged at step")]
    assert len(rewound) == 3
    for k, (line, rate) in enumerate(zip(rewound, halved), 1):
        assert f"; rewound to step 0 and halved the learning rate to {rate} ({k} of 3)" in line
    assert status == code
    if code:        # a fourth divergence: the run stops as without --on-divergence
        assert len(lines) == 4 and "(after 3 rewinds)" in lines[-1] and "Traceback" not in err
    step = step_of(out / "checkpoint.npz")
    assert step == 300 or code
    assert [int(r["iteration"]) for r in rows(out)] == list(range(1, step + 1))
    assert all(int(r["iteration"]) <= step for r in rows(out, "evals.csv"))
    assert not temps(out)


def test_rewind_logs_match_the_rewound_checkpoint(tmp_path, capsys, monkeypatch):
    """After one rewind the run goes on: metrics.csv has no rows from the undone steps."""
    from rnnviz.engine.trainer import DivergenceError, Session
    real = Session.step
    tripped = []

    def step_that_diverges_once(self, probe=None):
        if self.iteration == 60 and not tripped:
            tripped.append(True)
            raise DivergenceError(self._divergence(61, float("nan"), float("nan")))
        return real(self, probe)

    monkeypatch.setattr(Session, "step", step_that_diverges_once)
    out = tmp_path / "r"
    code, _, err = run(capsys, "train", "tale", *SMALL, "--steps", "80", "--on-divergence", "rewind",
                       "--eval-every", "10", "--out", out)
    assert code == 0, err
    assert "diverged at step 61; rewound to step 25 and halved the learning rate to 0.005 (1 of 3)" in err
    its = [int(r["iteration"]) for r in rows(out)]
    assert its == list(range(1, 81))
    lrs = [float(r["lr"]) for r in rows(out)]
    assert lrs[24] == 0.01 and lrs[25] == 0.005
    assert [int(r["iteration"]) for r in rows(out, "evals.csv")] == [10, 20, 30, 40, 50, 60, 70, 80]


# -- 3. never overwritten, never half-written --------------------------------------------------

def test_a_new_run_never_replaces_one_without_force(copy, capsys):
    before = (copy / "metrics.csv").read_bytes()
    code, _, err = run(capsys, "train", "tale", *SMALL, "--steps", "5", "--out", copy)
    assert code == 2 and one_line(err)
    assert f"{copy} already holds a run; pass --force to replace it or --resume" in err
    assert (copy / "metrics.csv").read_bytes() == before
    code, _, err = run(capsys, "train", "tale", *SMALL, "--steps", "5", "--out", copy, "--force")
    assert code == 0, err
    assert len(rows(copy)) == 5 and step_of(copy / "checkpoint.npz") == 5


def test_default_folders_are_numbered(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for _ in range(3):
        assert run(capsys, "train", "tale", *SMALL, "--steps", "2")[0] == 0
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["tale-lstm", "tale-lstm-2", "tale-lstm-3"]


def test_ctrl_c_saves_whole_steps_and_resume_is_bit_identical(tmp_path, capsys):
    split, straight = tmp_path / "split", tmp_path / "straight"
    argv = ["train", "tale", *SMALL, "--dropout", "0.2", "--eval-every", "20", "--progress", "lines"]
    child = subprocess.Popen([sys.executable, "-m", "rnnviz", *argv, "--steps", "100000", "--out", str(split)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert "step 20 " in child.stdout.readline()        # training is under way
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert "interrupted at step" in err and "Traceback" not in err
    stopped = step_of(split / "checkpoint.npz")
    assert 20 <= stopped < 100000 and len(rows(split)) == stopped
    total = stopped + 30
    assert run(capsys, "train", "--resume", split / "checkpoint.npz", "--steps", total)[0] == 0
    assert run(capsys, *argv, "--steps", total, "--out", straight)[0] == 0
    assert rows(split) == rows(straight)
    assert rows(split, "evals.csv") == rows(straight, "evals.csv")
    assert_same_params(split / "checkpoint.npz", straight / "checkpoint.npz")
    assert not temps(split)


def test_resume_after_kill_cuts_the_logs_back_to_the_checkpoint(tmp_path, capsys):
    """What kill -9 leaves (rows after the last save, a partial row, a dead save's temp file)
    is gone after --resume, and the run continues as if it had never stopped."""
    killed, straight = tmp_path / "killed", tmp_path / "straight"
    argv = ["train", "tale", *SMALL, "--eval-every", "10"]
    assert run(capsys, *argv, "--steps", "60", "--out", killed)[0] == 0
    assert run(capsys, *argv, "--steps", "90", "--out", straight)[0] == 0
    with open(straight / "metrics.csv", newline="") as f:
        later = f.read().splitlines(keepends=True)[61:75]
    with open(killed / "metrics.csv", "a", newline="") as f:
        f.write("".join(later) + later[0][:17])                   # 14 rows and a partial one
    (killed / ".checkpoint.npz.tmp-4194000").write_bytes(b"PK\x03\x04half")
    (killed / ".config.json.tmp-4194001-abcd").write_text("{")
    code, _, err = run(capsys, "train", "--resume", killed / "checkpoint.npz", "--steps", "90")
    assert code == 0, err
    assert rows(killed) == rows(straight) and rows(killed, "evals.csv") == rows(straight, "evals.csv")
    assert not temps(killed)


def test_a_failed_save_on_a_full_disk_leaves_logs_matching_the_checkpoint(tmp_path, capsys, monkeypatch):
    from rnnviz.engine import archive_write
    real, saves = archive_write._write_npz, []

    def full_on_second_save(file, arrays):
        saves.append(1)
        if len(saves) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(file, arrays)

    monkeypatch.setattr(archive_write, "_write_npz", full_on_second_save)
    out = tmp_path / "full"
    code, _, err = run(capsys, "train", "tale", *SMALL, "--steps", "100", "--save-every", "36",
                       "--eval-every", "10", "--out", out)
    assert code == 2 and one_line(err) and "the disk is full" in err and "checkpoint.npz" in err
    assert step_of(out / "checkpoint.npz") == 36
    assert len(rows(out)) == 36 and [int(r["iteration"]) for r in rows(out, "evals.csv")] == [10, 20, 30]
    assert not temps(out)


def test_a_full_disk_while_writing_metrics_is_one_line(tmp_path, capsys, monkeypatch):
    real, calls = run_folder._write_all, []

    def full_after_50_rows(fd, data):
        calls.append(1)
        if len(calls) > 50:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(run_folder, "_write_all", full_after_50_rows)
    out = tmp_path / "full"
    code, _, err = run(capsys, "train", "tale", *SMALL, "--steps", "100", "--save-every", "20", "--out", out)
    assert code == 2 and one_line(err)
    assert f"cannot write {out / 'metrics.csv'}: the disk is full" in err
    assert len(rows(out)) == step_of(out / "checkpoint.npz") == 40
    assert not temps(out)


def test_a_full_disk_while_writing_config_json_leaves_no_temp_file(tmp_path, capsys, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "full"
    code, _, err = run(capsys, "train", "tale", *SMALL, "--steps", "5", "--out", out)
    assert code == 2 and one_line(err) and f"cannot write {out / 'config.json'}: the disk is full" in err
    assert not temps(out) and not (out / "config.json").exists()


@pytest.mark.parametrize("out", ["/proc/rnnviz-run", "/proc/self/status/run"])
def test_an_unwritable_out_folder_is_one_line(capsys, out):
    code, _, err = run(capsys, "train", "tale", *SMALL, "--steps", "5", "--out", out)
    assert code == 2 and one_line(err) and out in err


def test_write_atomic_removes_its_temp_file_on_every_path(tmp_path, monkeypatch):
    target = tmp_path / "config.json"
    run_folder.write_json(target, {"a": 1})
    assert json.loads(target.read_text()) == {"a": 1} and not temps(tmp_path)
    monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        run_folder.write_json(target, {"a": 2})
    assert json.loads(target.read_text()) == {"a": 1} and not temps(tmp_path)


def test_truncate_csv_keeps_whole_rows_up_to_a_step(tmp_path):
    log = tmp_path / "m.csv"
    log.write_bytes(b"iteration,loss\r\n1,2.0\r\n2,1.5\r\n3,1.2\r\n4,1.")
    assert run_folder.truncate_csv(log, 2) == 2
    assert log.read_bytes() == b"iteration,loss\r\n1,2.0\r\n2,1.5\r\n"
    log.write_bytes(b"iteration,loss\r\n1,2.0\r\n2\r\n3,1.2\r\n")       # a short row ends the file
    assert run_folder.truncate_csv(log, 9) == 1


# -- 6. validation ------------------------------------------------------------------------------

@pytest.mark.parametrize("flags,word", [
    (["--hidden-size", "0"], "hidden_size"),
    (["--hidden-size", "-3"], "hidden_size"),
    (["--embed-size", "0"], "embed_size"),
    (["--batch-size", "0"], "batch_size"),
    (["--batch-size", "-1"], "batch_size"),
    (["--bptt", "0"], "bptt"),
    (["--batch-size", "5000", "--bptt", "100"], "needs at least"),
    (["--lr", "0"], "lr"),
    (["--lr", "nan"], "lr"),
    (["--lr", "inf"], "lr"),
    (["--clip", "-1"], "clip"),
    (["--epochs", "0"], "epochs"),
    (["--epochs", "-2"], "epochs"),
    (["--steps", "0"], "--steps"),
    (["--layers", "100"], "num_layers"),
    (["--layers", "0"], "num_layers"),
    (["--dropout", "1.0"], "dropout"),
    (["--dropout", "-0.1"], "dropout"),
    (["--eval-every", "-1"], "eval_every"),
    (["--save-every", "-1"], "--save-every"),
    (["--limit-tokens", "0"], "limit_tokens"),
    (["--preset", "nope"], "--preset"),
    (["--cell", "transformer"], "--cell"),
    (["--hidden-size", "ten"], "--hidden-size"),
    (["--threads", "0"], "--threads"),
])
def test_every_bad_train_option_is_one_line(tmp_path, capsys, flags, word):
    argv = ["train", "tale", "--steps", "5", *flags, "--out", tmp_path / "o"]
    if flags[0] == "--threads":
        argv = [*flags, *argv[:-2]]
    elif flags[0] == "--epochs":
        argv.remove("--steps"), argv.remove("5")
    try:
        code = cli.main([str(a) for a in argv])
    except SystemExit as exc:                   # argparse's own checks (choices, types)
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and one_line(err) and word in err, err
    assert not (tmp_path / "o").exists()


def test_a_huge_rate_is_allowed(tmp_path, capsys):
    code, _, err = run(capsys, "train", "tale", *SMALL[:-2], "--lr", "1e6", "--steps", "3", "--out", tmp_path / "o")
    assert code in (0, 2) and "lr must" not in err


@pytest.mark.parametrize("flags,message", [
    (["--bptt", "0"], "--bptt must be at least 1"),
    (["--batch-size", "0"], "--batch-size must be at least 1"),
])
def test_eval_options(base, capsys, flags, message):
    code, _, err = run(capsys, "eval", base / "checkpoint.npz", *flags)
    assert code == 2 and one_line(err) and message in err


def forged(base, tmp_path, source):
    """The base run's checkpoint with data.source replaced, deep enough for ../../.. to climb out."""
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.engine.trainer import Session
    from rnnviz.engine.data import load_corpus
    ckpt = load_checkpoint(base / "checkpoint.npz")
    session = Session.from_checkpoint(ckpt, load_corpus("tale"))
    session.data = dict(ckpt.data, source=source)
    folder = tmp_path / "a" / "b" / "c" / "d"
    folder.mkdir(parents=True)
    return session.save(folder / "forged.npz")


def test_eval_does_not_score_a_forged_source(base, tmp_path, capsys):
    path = forged(base, tmp_path, "../../../../../../../../etc/passwd")
    code, _, err = run(capsys, "eval", path)
    assert code == 2 and one_line(err) and "does not match the run's vocabulary; pass --corpus" in err


def test_eval_does_not_score_another_corpus_of_the_same_name(base, tmp_path, capsys, monkeypatch):
    path = forged(base, tmp_path, "corpus.txt")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.txt").write_text("zebra quagga xylophone vortex " * 100)
    code, _, err = run(capsys, "eval", path)
    assert code == 2 and one_line(err) and "does not match the run's vocabulary" in err


def test_eval_reads_a_relative_source_beside_the_checkpoint(base, tmp_path, capsys, monkeypatch):
    from rnnviz import resources
    path = forged(base, tmp_path, "corpus.txt")
    (path.parent / "corpus.txt").write_bytes(resources.bundled_corpora()["tale"].read_bytes())
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "eval", path)
    assert code == 0, err
    assert out.startswith("perplexity ")


def test_memory_and_os_errors_are_one_line_as_a_last_resort(base, capsys, monkeypatch):
    def no_memory(args):
        raise MemoryError

    monkeypatch.setattr(cli, "cmd_eval", no_memory)
    code, _, err = run(capsys, "eval", base / "checkpoint.npz")
    assert code == 2 and one_line(err) and err.startswith("rnnviz eval: error: out of memory")

    def io_error(args):
        raise OSError(errno.EIO, "Input/output error", "/some/file")

    monkeypatch.setattr(cli, "cmd_sample", io_error)
    code, _, err = run(capsys, "sample", base / "checkpoint.npz")
    assert code == 2 and one_line(err) and "rnnviz sample: error: /some/file: Input/output error" in err


def test_a_checkpoint_with_damaged_curves_resumes_from_the_folders_logs(copy, capsys):
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.engine.data import load_corpus
    from rnnviz.engine.trainer import Session
    ckpt = load_checkpoint(copy / "checkpoint.npz")
    extra = dict(ckpt.extra)
    extra["history.step.loss"] = extra["history.step.loss"][:5]         # columns of unequal length
    Session.from_checkpoint(ckpt, load_corpus("tale")).save(copy / "checkpoint.npz", extra=extra)
    before = rows(copy)
    code, _, err = run(capsys, "train", "--resume", copy / "checkpoint.npz", "--steps", "45")
    assert code == 0 and "curves are unreadable" in err
    assert rows(copy)[:40] == before and len(rows(copy)) == 45


# -- 5. seq2seq ---------------------------------------------------------------------------------

def seq2seq_pairs(tmp_path):
    from rnnviz.engine.pairs import generate_addition, to_book_lines
    pairs = tmp_path / "pairs.txt"
    pairs.write_text("\n".join(to_book_lines(generate_addition(400, seed=3))) + "\n")
    return pairs


S2S = ["--hidden-size", "12", "--embed-size", "8", "--batch-size", "32", "--decoder", "peeky", "--reverse"]


def test_seq2seq_ctrl_c_and_resume_equal_a_straight_run(tmp_path, capsys):
    """A seq2seq run saved each epoch, stopped by Ctrl-C mid-epoch (in a subprocess) and resumed
    twice, equals a straight run: metrics.csv and accuracy.csv but the wall times, and weights."""
    pairs = seq2seq_pairs(tmp_path)
    split, straight = tmp_path / "split", tmp_path / "straight"
    argv = ["train", "--task", "seq2seq", "--corpus", pairs, *S2S, "--seed", "4"]
    child = subprocess.Popen([sys.executable, "-m", "rnnviz", *map(str, argv), "--epochs", "1000",
                              "--out", str(split)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    child.stdout.readline()                             # the data line
    assert child.stdout.readline().startswith("epoch  1.00")
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130 and "interrupted at step" in err, err
    stopped = step_of(split / "checkpoint.npz")
    assert len(rows(split)) == stopped and stopped >= 11
    epochs = stopped // 11 + 2
    code, out, err = run(capsys, "train", "--resume", split / "checkpoint.npz", "--epochs", epochs)
    assert code == 0, err
    code, _, err = run(capsys, *argv, "--epochs", epochs, "--out", straight)
    assert code == 0, err
    drop = {"seconds_since_start"}
    acc = [{k: v for k, v in r.items() if k not in drop} for r in rows(split, "accuracy.csv")]
    assert acc == [{k: v for k, v in r.items() if k not in drop} for r in rows(straight, "accuracy.csv")]
    assert len(acc) == epochs and rows(split) == rows(straight) and len(rows(split)) == 11 * epochs
    assert_same_params(split / "checkpoint.npz", straight / "checkpoint.npz")
    assert json.loads((split / "results.json").read_text())["final_accuracy"] == \
        json.loads((straight / "results.json").read_text())["final_accuracy"]
    assert not temps(split)


def test_seq2seq_follows_the_run_folder_rules(tmp_path, capsys):
    pairs = seq2seq_pairs(tmp_path)
    out = tmp_path / "s"
    argv = ["train", "--task", "seq2seq", "--corpus", pairs, *S2S, "--steps", "5", "--out", out]
    assert run(capsys, *argv)[0] == 0
    assert step_of(out / "checkpoint.npz") == 5
    code, _, err = run(capsys, *argv)
    assert code == 2 and one_line(err) and "already holds a run; pass --force" in err
    assert run(capsys, *argv, "--force")[0] == 0
    code, _, err = run(capsys, "train", "--resume", out / "checkpoint.npz")
    assert code == 2 and "the run finished at step 5 (--steps 5)" in err
    code, _, err = run(capsys, "train", "--resume", out / "checkpoint.npz", "--hidden-size", "16", "--steps", "9")
    assert code == 2 and "--hidden-size 16 differs from the run's 12" in err
    code, _, err = run(capsys, "train", "--resume", out / "checkpoint.npz", "--decoder", "attention", "--steps", "9")
    assert code == 2 and "--decoder attention differs from the run's peeky" in err
    code, _, err = run(capsys, "train", "--resume", out / "checkpoint.npz", "--task", "lm", "--steps", "9")
    assert code == 2 and "is a seq2seq run; drop --task lm" in err
    code, _, err = run(capsys, "train", "--resume", out / "checkpoint.npz", "--hidden-size", "12",
                       "--decoder", "peeky", "--lr", "0.0005", "--steps", "9")
    assert code == 0, err
    lrs = [float(r["lr"]) for r in rows(out)]
    assert len(lrs) == 9 and lrs[4] == 0.001 and lrs[5:] == [0.0005] * 4


@pytest.mark.parametrize("flags,message", [
    (["--bptt", "8"], "--bptt does not apply to --task seq2seq"),
    (["--preset", "tale-lstm", "--layers", "2"], "--preset, --layers do not apply"),
    (["--on-divergence", "rewind"], "--on-divergence rewind does not apply"),
])
def test_seq2seq_refuses_language_model_flags(tmp_path, capsys, flags, message):
    code, _, err = run(capsys, "train", "--task", "seq2seq", "--corpus", "addition", *flags, "--out", tmp_path / "o")
    assert code == 2 and one_line(err) and message in err


def test_language_model_refuses_seq2seq_flags(tmp_path, capsys):
    code, _, err = run(capsys, "train", "tale", "--decoder", "peeky", "--out", tmp_path / "o")
    assert code == 2 and one_line(err) and "--decoder applies to --task seq2seq" in err


def test_a_command_line_seq2seq_run_opens_in_the_lab_with_its_curves(tmp_path, capsys):
    from rnnviz.engine.seq2seq_checkpoint import load_seq2seq_checkpoint
    from rnnviz.runtime.seq2seq_curves import Seq2seqCurves
    out = tmp_path / "s"
    assert run(capsys, "train", "--task", "seq2seq", "--corpus", seq2seq_pairs(tmp_path), *S2S,
               "--epochs", "2", "--out", out)[0] == 0
    curves = Seq2seqCurves.from_arrays(load_seq2seq_checkpoint(out / "checkpoint.npz").extra)
    assert curves.n == 22 and curves.iters_per_epoch == 11 and len(curves.accuracy) == 2
    acc = rows(out, "accuracy.csv")
    assert curves.accuracy[-1] == pytest.approx(100 * float(acc[-1]["accuracy"]))
    assert list(curves.losses) == [float(r["loss"]) for r in rows(out)]
