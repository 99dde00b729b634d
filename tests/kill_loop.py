"""Kill ``rnnviz train`` with SIGKILL again and again, mostly while it writes its checkpoint, and
check that nothing is ever lost.

Not a pytest module (its name does not start with ``test_``, so it is never collected): it takes
a few minutes. Run it from the repository root::

    .venv/bin/python tests/kill_loop.py              # 50 kills during checkpoint writes + 10 anywhere
    .venv/bin/python tests/kill_loop.py --kills 200 --keep

Each round starts ``rnnviz train`` (a fresh run the first time, ``--resume`` afterwards) with a
checkpoint every 2 steps, lets it write 0 to 5 checkpoints, waits until the child's next
temporary checkpoint file (``.checkpoint.npz.tmp-<pid>``) appears, waits 0-4 ms more, and kills it. A
kill counts as landing *during a write* when the child's temporary file is still there after
it died. After every kill:

* the checkpoint (if any) must load (:func:`rnnviz.engine.checkpoint.load_checkpoint`);
* the temporary files left must all be the dead child's (the next start removes them, which
  the next round checks).

At the end the run is resumed to completion, and its metrics.csv and evals.csv (without wall
times) and final parameters must equal those of a straight run of the same length: kill -9 at
any moment loses at most the steps since the last save, never the run. Exit status 0 when every
check passed, 1 otherwise.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

MODEL = ["tale", "--cell", "lstm", "--embed-size", "32", "--hidden-size", "256", "--batch-size", "16",
         "--bptt", "32", "--eval-every", "25", "--save-every", "2", "--progress", "lines"]
FOREVER = "1000000"        # steps: the run never finishes by itself


def train(*argv: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "rnnviz", "train", *argv],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def temps(folder: Path) -> list[str]:
    try:
        return sorted(n for n in os.listdir(folder) if ".tmp-" in n)
    except FileNotFoundError:
        return []


def wait_for_write(child: subprocess.Popen, folder: Path, present: bool = True, timeout: float = 60.0) -> bool:
    """Poll until the child's temporary checkpoint appears (or, ``present=False``, is gone):
    True, or False if the child exits first."""
    name = f".checkpoint.npz.tmp-{child.pid}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            return False
        try:
            if (name in os.listdir(folder)) == present:
                return True
        except FileNotFoundError:
            pass
        time.sleep(0.0002)
    return False


def wait_for_writes(child: subprocess.Popen, folder: Path, n: int) -> bool:
    """Let ``n - 1`` checkpoint writes finish and return as the ``n``-th begins (so runs progress)."""
    for _ in range(n - 1):
        if not (wait_for_write(child, folder) and wait_for_write(child, folder, present=False)):
            return False
    return wait_for_write(child, folder)


def rows(path: Path) -> list[dict]:
    with open(path, newline="") as f:
        return [{k: v for k, v in r.items() if k != "seconds"} for r in csv.DictReader(f)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50, help="kills during checkpoint writes")
    parser.add_argument("--random-kills", type=int, default=10, help="kills at arbitrary moments")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()

    from rnnviz.engine.checkpoint import CheckpointError, load_checkpoint, read_meta

    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="rnnviz-kill-loop-"))
    run = work / "run"
    ckpt = run / "checkpoint.npz"
    during = anywhere = rounds = corrupt = stale = 0
    problems: list[str] = []
    started = time.monotonic()
    try:
        while during < args.kills or anywhere < args.random_kills:
            rounds += 1
            leftovers = temps(run)
            child = (train("--resume", str(ckpt), "--steps", FOREVER) if ckpt.exists()
                     else train(*MODEL, "--steps", FOREVER, "--out", str(run), "--force"))
            if during < args.kills:
                if not wait_for_writes(child, run, rng.randint(1, 6)):
                    problems.append(f"round {rounds}: the child exited ({child.poll()}): "
                                    f"{child.stderr.read().strip()[-300:]}")
                    break
                # The previous child's leftovers must be gone once this one saves.
                survivors = [n for n in leftovers if n in temps(run)]
                stale += len(survivors)
                time.sleep(rng.uniform(0.0, 0.004))
            else:
                time.sleep(rng.uniform(0.3, 3.0))
            child.send_signal(signal.SIGKILL)
            child.wait()
            child.stderr.close()
            mine = f".checkpoint.npz.tmp-{child.pid}"
            left = temps(run)
            if mine in left:
                during += 1
            elif during >= args.kills:
                anywhere += 1
            foreign = [n for n in left if str(child.pid) not in n]
            if foreign:
                problems.append(f"round {rounds}: temporary files of another process: {foreign}")
            if ckpt.exists():
                try:
                    load_checkpoint(ckpt)
                except CheckpointError as exc:
                    corrupt += 1
                    problems.append(f"round {rounds}: {exc}")
            step = read_meta(ckpt)["step"] if ckpt.exists() else 0
            print(f"round {rounds:3d}: killed at step {step:4d}, "
                  f"{'during a write' if mine in left else 'between writes'}; left {left or 'nothing'}",
                  flush=True)

        # Finish: resume to a fixed length, then compare with a straight run of that length.
        step = read_meta(ckpt)["step"]
        total = str(step + 20)
        done = subprocess.run([sys.executable, "-m", "rnnviz", "train", "--resume", str(ckpt), "--steps", total],
                              capture_output=True, text=True)
        if done.returncode != 0:
            problems.append(f"final resume failed: {done.stderr.strip()}")
        straight = work / "straight"
        subprocess.run([sys.executable, "-m", "rnnviz", "train", *MODEL, "--steps", total, "--out", str(straight)],
                       check=True, capture_output=True)
        metrics = rows(run / "metrics.csv")
        if [int(r["iteration"]) for r in metrics] != list(range(1, int(total) + 1)):
            problems.append("metrics.csv does not hold each step once")
        if metrics != rows(straight / "metrics.csv"):
            problems.append("metrics.csv differs from the straight run's")
        if rows(run / "evals.csv") != rows(straight / "evals.csv"):
            problems.append("evals.csv differs from the straight run's")
        with np.load(ckpt) as a, np.load(straight / "checkpoint.npz") as b:
            if any(not np.array_equal(a[k], b[k]) for k in a.files if k.startswith("param/")):
                problems.append("final parameters differ from the straight run's")
        if temps(run):
            problems.append(f"temporary files remain at the end: {temps(run)}")
        scored = subprocess.run([sys.executable, "-m", "rnnviz", "eval", str(ckpt)], capture_output=True, text=True)
        if scored.returncode != 0:
            problems.append(f"rnnviz eval failed: {scored.stderr.strip()}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    minutes = (time.monotonic() - started) / 60
    print(f"\n{during + anywhere} kills ({during} during a checkpoint write, {anywhere} between writes) "
          f"in {rounds} rounds, {minutes:.1f} min: {corrupt} checkpoints failed to load, {stale} stale "
          f"temporary files survived a restart; final run {total} steps, "
          f"{'equal to a straight run' if not problems else 'see problems'}")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    if args.keep:
        print(f"work folder: {work}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
