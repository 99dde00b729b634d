"""``rnnviz bench``: training and generation speed of the book's configurations.

Each iteration is one :meth:`Session.step` (batch + forward + backward + clip + update), timed
after a warm-up; the table gives the median, p10 and p90, tokens per second, and the share of
the time that is matrix multiplication, measured in the same run by timing the same matmul
shapes bare. With PyTorch importable, the same model is timed in PyTorch too (one thread).
Corpora come from ``--corpora``, ``$RNNVIZ_CORPORA`` or ``shared/corpora`` beside a checkout;
a configuration whose corpus is missing is skipped with a line saying so.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class BenchConfig:
    """One benchmarked run: the corpus, how to read it, the model and the batches."""

    name: str
    corpus: str                     # path relative to the corpora folder
    level: str
    model: dict[str, Any]
    train: dict[str, Any]
    normalize: bool = False
    target: float | None = None     # tokens/s the issue asks for
    notes: str = ""


CONFIGS = {c.name: c for c in [
    BenchConfig("ptb-lstm", "ptb", "word", {"cell": "lstm", "embed_size": 100, "hidden_size": 100},
                {"batch_size": 20, "bptt": 35, "optimizer": "sgd", "lr": 20.0, "clip": 0.25}, target=12_000),
    BenchConfig("ptb-rnn", "ptb", "word", {"cell": "rnn", "embed_size": 100, "hidden_size": 100},
                {"batch_size": 20, "bptt": 35, "optimizer": "sgd", "lr": 0.1, "clip": 0.25}),
    BenchConfig("tm-char-lstm", "timemachine.txt", "char",
                {"cell": "lstm", "embed_size": 32, "hidden_size": 256},
                {"batch_size": 32, "bptt": 35, "optimizer": "sgd", "lr": 1.0, "clip": 1.0},
                normalize=True, target=45_000),
    BenchConfig("tm-char-gru", "timemachine.txt", "char",
                {"cell": "gru", "embed_size": 32, "hidden_size": 256},
                {"batch_size": 32, "bptt": 35, "optimizer": "sgd", "lr": 1.0, "clip": 1.0}, normalize=True),
]}
GENERATION = "ptb-generate"     # word-level sampling with V = 10000 (target 2,000 tokens/s)


@dataclass
class Result:
    name: str
    iterations: int
    ms_median: float
    ms_p10: float
    ms_p90: float
    tokens_per_s: float
    matmul_ms: float | None = None
    torch_ms: float | None = None
    telemetry_off_tokens_per_s: float | None = None
    target: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def corpora_dir(given: str | None) -> Path | None:
    from rnnviz import resources
    if given:
        return Path(given)
    return resources.shared_corpora_dir()


def _session(cfg: BenchConfig, folder: Path, telemetry: bool = True):
    from rnnviz.engine import ModelConfig, TrainConfig
    from rnnviz.engine.data import corpus_spec, load_corpus_from
    from rnnviz.engine.trainer import Session
    corpus = load_corpus_from(corpus_spec(folder / cfg.corpus, cfg.level, normalize=cfg.normalize))
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), **cfg.model),
                      TrainConfig(epochs=1, **cfg.train))
    session.telemetry = telemetry
    session.probe_every = 10 if telemetry else 0
    return session


def time_steps(session, iterations: int, warmup: int = 5) -> np.ndarray:
    """Seconds of each of ``iterations`` steps after ``warmup`` untimed ones."""
    for _ in range(warmup):
        session.step()
    times = np.empty(iterations)
    for k in range(iterations):
        start = time.perf_counter()
        session.step()
        times[k] = time.perf_counter() - start
    return times


def matmul_shapes(model_cfg: dict[str, Any], V: int, N: int, T: int) -> list[tuple[tuple, tuple, int]]:
    """(a shape, b shape, repeats) of every matmul one training step does."""
    G = {"rnn": 1, "lstm": 4, "gru": 3}[model_cfg["cell"]]
    D, H = model_cfg.get("embed_size", 100), model_cfg["hidden_size"]
    M = N * T
    shapes = []
    for layer in range(model_cfg.get("num_layers", 1)):
        d_in = D if layer == 0 else H
        shapes += [((M, d_in), (d_in, G * H), 1),        # input projection
                   ((N, H), (H, G * H), T),              # forward recurrence
                   ((N, G * H), (G * H, H), T),          # backward recurrence
                   ((d_in, M), (M, G * H), 1),           # dWx
                   ((H, M), (M, G * H), 1),              # dWh
                   ((M, G * H), (G * H, d_in), 1)]       # dx
    shapes += [((M, H + 1), (H + 1, V), 1), ((H + 1, M), (M, V), 1), ((M, V), (V, H), 1)]
    return shapes


def time_matmuls(shapes, dtype=np.float32, reps: int = 5) -> float:
    """Median seconds for doing every listed matmul once, bare, into preallocated outputs."""
    rng = np.random.default_rng(0)
    work = []
    for a, b, n in shapes:
        A = rng.standard_normal(a).astype(dtype)
        B = rng.standard_normal(b).astype(dtype)
        work.append((A, B, np.empty((a[0], b[1]), dtype), n))
    times = []
    for _ in range(reps + 1):
        start = time.perf_counter()
        for A, B, out, n in work:
            for _ in range(n):
                np.matmul(A, B, out=out)
        times.append(time.perf_counter() - start)
    return float(np.median(times[1:]))


def torch_step_seconds(cfg: BenchConfig, V: int, iterations: int) -> float | None:
    """Median seconds of the same model in PyTorch (1 thread), or None without PyTorch."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    m, t = cfg.model, cfg.train
    rnn_cls = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[m["cell"]]
    emb = torch.nn.Embedding(V, m["embed_size"])
    rnn = rnn_cls(m["embed_size"], m["hidden_size"], batch_first=True)
    dec = torch.nn.Linear(m["hidden_size"], V)
    params = [*emb.parameters(), *rnn.parameters(), *dec.parameters()]
    opt = torch.optim.SGD(params, lr=t["lr"])
    N, T = t["batch_size"], t["bptt"]
    x = torch.randint(0, V, (N, T))
    y = torch.randint(0, V, (N, T))
    times = []
    for k in range(iterations + 5):
        start = time.perf_counter()
        opt.zero_grad()
        out, _ = rnn(emb(x))
        loss = torch.nn.functional.cross_entropy(dec(out).reshape(-1, V), y.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, t["clip"])
        opt.step()
        if k >= 5:
            times.append(time.perf_counter() - start)
    return float(np.median(times))


def time_interleaved(a, b, iterations: int, warmup: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Step two sessions alternately, so drift in the machine's speed hits both alike.

    The order flips every iteration: whichever session runs first after the other measured
    1-2 % slower here even with identical settings.
    """
    for _ in range(warmup):
        a.step()
        b.step()
    ta, tb = np.empty(iterations), np.empty(iterations)
    for k in range(iterations):
        for session, out in ((a, ta), (b, tb)) if k % 2 == 0 else ((b, tb), (a, ta)):
            start = time.perf_counter()
            session.step()
            out[k] = time.perf_counter() - start
    return ta, tb


def bench_config(cfg: BenchConfig, folder: Path, iterations: int, compare_telemetry: bool) -> Result:
    session = _session(cfg, folder)
    if compare_telemetry:
        off = _session(cfg, folder, telemetry=False)
        times, off_times = time_interleaved(session, off, iterations)
    else:
        times = time_steps(session, iterations)
    tokens = session.tokens_per_step
    med = float(np.median(times))
    V = len(session.corpus.vocab)
    result = Result(cfg.name, iterations, 1e3 * med, 1e3 * float(np.percentile(times, 10)),
                    1e3 * float(np.percentile(times, 90)), tokens / med, target=cfg.target)
    shapes = matmul_shapes(cfg.model, V, cfg.train["batch_size"], cfg.train["bptt"])
    result.matmul_ms = 1e3 * time_matmuls(shapes)
    if compare_telemetry:
        # Means, not medians: a probe every 10 steps is part of the cost being measured.
        result.telemetry_off_tokens_per_s = tokens / float(np.mean(off_times))
        result.extra["telemetry_on_mean_tokens_per_s"] = tokens / float(np.mean(times))
        result.extra["telemetry_cost_percent"] = 100 * (np.mean(times) / np.mean(off_times) - 1)
    torch_s = torch_step_seconds(cfg, V, iterations)
    result.torch_ms = None if torch_s is None else 1e3 * torch_s
    result.extra.update(rewind_cost(session, med))
    return result


def rewind_cost(session, step_seconds: float, reps: int = 7) -> dict[str, float]:
    """What keeping a rewind point costs, spread over the steps between two points.

    Keeping copies the parameters, optimizer slots and carried state once every
    ``session.rewinds.every`` steps; timed directly (median of ``reps``), since a share under
    1 % drowns in the steps' own jitter when two runs are compared.
    """
    ring = session.rewinds
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        ring.keep(session)
        times.append(time.perf_counter() - start)
    keep = float(np.median(times))
    return {"rewind_keep_ms": 1e3 * keep,
            "rewind_cost_percent": 100 * keep / (ring.every * step_seconds)}


def bench_generation(folder: Path, tokens: int) -> Result | None:
    """Sampling speed of a word-level LSTM over PTB's 10,000-word vocabulary."""
    from rnnviz.engine.sampling import generate
    session = _session(CONFIGS["ptb-lstm"], folder)
    session.step()
    generate(session.model, session.corpus.vocab, "the", 50, seed=0)           # warm-up
    start = time.perf_counter()
    sample = generate(session.model, session.corpus.vocab, "the", tokens, seed=1)
    seconds = time.perf_counter() - start
    n = len(sample.ids)
    return Result(GENERATION, n, 1e3 * seconds / n, 0.0, 0.0, n / seconds, target=2_000)


def print_table(results: list[Result]) -> None:
    head = (f"{'config':14s} {'ms/iter':>8s} {'p10':>7s} {'p90':>7s} {'tokens/s':>10s} {'target':>8s} "
            f"{'matmul':>7s} {'no-telem':>9s} {'torch':>8s}")
    print(head)
    print("-" * len(head))
    for r in results:
        share = f"{100 * r.matmul_ms / r.ms_median:5.0f}%" if r.matmul_ms else "     -"
        target = f"{r.target:8,.0f}" if r.target else "       -"
        off = f"{r.telemetry_off_tokens_per_s:9,.0f}" if r.telemetry_off_tokens_per_s else "        -"
        torch_ratio = f"{r.torch_ms / r.ms_median:7.2f}x" if r.torch_ms else "       -"
        print(f"{r.name:14s} {r.ms_median:8.2f} {r.ms_p10:7.2f} {r.ms_p90:7.2f} {r.tokens_per_s:10,.0f} "
              f"{target} {share:>7s} {off} {torch_ratio}")
    print("matmul: share of the iteration spent in the same matmuls timed bare; no-telem: tokens/s "
          "with telemetry off (mean, stepped alternately with the telemetry-on run); torch: PyTorch "
          "time / rnnviz time (> 1 means rnnviz is faster)")
    for r in results:
        if "rewind_keep_ms" in r.extra:
            print(f"rewind ring on {r.name}: keeping a point takes {r.extra['rewind_keep_ms']:.2f} ms, "
                  f"{r.extra['rewind_cost_percent']:.2f} % of the steps between two points")
        if "telemetry_cost_percent" in r.extra:
            print(f"telemetry cost on {r.name}: {r.extra['telemetry_cost_percent']:+.1f} % of step time "
                  f"(means: {r.extra['telemetry_on_mean_tokens_per_s']:,.0f} vs "
                  f"{r.telemetry_off_tokens_per_s:,.0f} tokens/s)")


def check_options(args) -> str | None:
    """What is wrong with the options, as one line, before anything is timed (None: nothing)."""
    names = args.config or [*CONFIGS, GENERATION]
    unknown = [n for n in names if n not in CONFIGS and n != GENERATION]
    if unknown:
        return f"unknown config {', '.join(unknown)} (known: {', '.join([*CONFIGS, GENERATION])})"
    if args.iterations < 1:
        return f"--iterations must be a positive number (at least 30 are timed), got {args.iterations}"
    if args.corpora is not None and not Path(args.corpora).is_dir():
        return f"--corpora {args.corpora}: no such folder"
    if args.json:
        from rnnviz.run_folder import RunFolderError, check_writable
        target = Path(args.json)
        if target.is_dir():
            return f"--json {args.json}: is a folder; give a file name"
        try:
            check_writable(target.parent)       # now, not after minutes of timing
        except RunFolderError as exc:
            return f"--json {args.json}: {exc}"
    return None


def main(args) -> int:
    problem = check_options(args)
    if problem:
        print(f"rnnviz bench: error: {problem}", file=sys.stderr)
        return 2
    folder = corpora_dir(args.corpora)
    names = args.config or [*CONFIGS, GENERATION]
    iterations = 10 if args.quick else max(30, args.iterations)
    results = []
    for name in names:
        cfg = CONFIGS.get(name, CONFIGS["ptb-lstm"])
        if folder is None or not (folder / cfg.corpus).exists():
            where = folder / cfg.corpus if folder else "(no corpora folder: use --corpora or RNNVIZ_CORPORA)"
            print(f"skipped {name}: corpus {where} not found", flush=True)
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        if name == GENERATION:
            results.append(bench_generation(folder, 300 if args.quick else 3000))
        else:
            results.append(bench_config(cfg, folder, iterations, args.telemetry))
    if results:
        print_table(results)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {peak:.0f} MB; threads: "
          f"OPENBLAS_NUM_THREADS={__import__('os').environ.get('OPENBLAS_NUM_THREADS')}")
    if args.json:
        from rnnviz.run_folder import write_atomic
        write_atomic(Path(args.json), json.dumps({"results": [asdict(r) for r in results],
                                                  "peak_rss_mb": peak}, indent=2) + "\n")
    return 0
