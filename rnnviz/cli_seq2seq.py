"""``rnnviz train --task seq2seq``: the book's ch.7-8 addition and date runs from the shell.

The defaults are the book's (D = 16, H = 128, batch 128, Adam lr 0.001, clip 5, 25 epochs);
the flags the language-model trainer has for these change them. Without --seed or --model-seed
the weights and the data order come from the book's random stream, so the run replays the
book's script on the same file; a seed gives a run of its own. Prints the test accuracy
after every epoch and writes ``accuracy.csv``, ``metrics.csv`` and ``results.json`` to --out.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

BOOK = {"embed_size": 16, "hidden_size": 128, "batch_size": 128, "optimizer": "adam", "lr": 0.001,
        "clip": 5.0, "epochs": 25, "cell": "lstm", "init": "book", "dtype": "float32"}


def add_arguments(train: argparse.ArgumentParser) -> None:
    """The seq2seq flags of ``rnnviz train`` (the rest are shared with the language model)."""
    group = train.add_argument_group("seq2seq (with --task seq2seq)")
    group.add_argument("--task", choices=["lm", "seq2seq"], default="lm",
                       help="lm: a language model (default); seq2seq: question -> answer pairs")
    group.add_argument("--corpus", dest="pairs", default=None, metavar="FILE|addition|date",
                       help="pairs in the book's 'question_answer' line format, or a generated set")
    group.add_argument("--reverse", action="store_true", help="feed each question reversed")
    group.add_argument("--decoder", choices=["plain", "peeky", "attention"], default="plain")


def cmd_train_seq2seq(args: argparse.Namespace) -> int:
    from rnnviz.engine.config import Seq2seqConfig, TrainConfig
    from rnnviz.engine.pairs import load_pairs
    from rnnviz.engine.seq2seq_session import Seq2seqSession
    from rnnviz.engine.snapshots import AccuracyResult, Divergence

    source = args.pairs or args.corpus
    if not source:
        raise ValueError("--task seq2seq needs --corpus FILE, addition or date")
    data = load_pairs(source)

    def pick(name: str):
        value = getattr(args, name, None)
        return BOOK[name] if value is None else value

    seeded = args.seed is not None or args.model_seed is not None
    weight_seed = args.model_seed if args.model_seed is not None else (args.seed or 0)
    config = Seq2seqConfig(vocab_size=len(data.vocab), embed_size=pick("embed_size"),
                           hidden_size=pick("hidden_size"), cell=pick("cell"), decoder=args.decoder,
                           reverse=args.reverse, init=pick("init"), dtype=pick("dtype"),
                           seed=weight_seed, stream="seeded" if seeded else "book")
    train = TrainConfig(batch_size=pick("batch_size"), optimizer=pick("optimizer"), lr=pick("lr"),
                        clip=pick("clip"), epochs=pick("epochs"), max_steps=args.steps or 0,
                        seed=args.seed or 0)
    session = Seq2seqSession(data, config, train)
    out = Path(args.out or f"runs/{data.name}-{args.decoder}{'-reverse' if args.reverse else ''}")
    out.mkdir(parents=True, exist_ok=True)
    print(f"{data.name}: {len(data.x_train):,} training and {len(data.x_test):,} test pairs, "
          f"{len(data.vocab)} characters; {config.cell.upper()} {config.decoder} decoder"
          f"{', reversed input' if config.reverse else ''}, H = {config.hidden_size}, "
          f"{session.iters_per_epoch} steps per epoch; "
          + (f"seeds {weight_seed} (weights) and {args.seed or 0} (order)" if seeded
             else f"the book's random stream (shuffle seed {data.seed})"))
    started, losses, best = time.perf_counter(), [], 0.0
    history = []
    with open(out / "metrics.csv", "w", newline="") as mf, open(out / "accuracy.csv", "w", newline="") as af:
        metrics, accuracy = csv.writer(mf), csv.writer(af)
        metrics.writerow(["iteration", "loss", "grad_norm", "seconds"])
        accuracy.writerow(["iteration", "epoch", "accuracy", "per_position", "seconds_since_start"])
        for item in session.run():
            if isinstance(item, Divergence):
                print(f"rnnviz train: error: {item.message}", file=sys.stderr)
                return 2
            if isinstance(item, AccuracyResult):
                elapsed = time.perf_counter() - started
                best = max(best, item.accuracy)
                positions = " ".join(f"{p:.3f}" for p in item.per_position)
                history.append({"epoch": round(item.epoch_fraction, 3), "accuracy": item.accuracy,
                                "seconds": round(elapsed, 2)})
                accuracy.writerow([item.iteration, round(item.epoch_fraction, 3), repr(item.accuracy),
                                   positions, f"{elapsed:.2f}"])
                af.flush()
                mean_loss = sum(losses) / max(len(losses), 1)
                losses.clear()
                ex = item.examples[0] if item.examples else None
                shown = f"; e.g. {ex.question!r} -> {ex.guess!r} ({'right' if ex.correct else 'wrong'})" if ex else ""
                print(f"epoch {item.epoch_fraction:5.2f}: loss {mean_loss:.4f}, test accuracy "
                      f"{100 * item.accuracy:6.2f} % (by position: {positions}), {elapsed:6.1f} s{shown}",
                      flush=True)
                continue
            r = item.stats
            losses.append(r.loss)
            metrics.writerow([r.iteration, repr(r.loss), repr(r.grad_norm), f"{r.seconds:.6f}"])
    results = {"task": data.name, "decoder": config.decoder, "reverse": config.reverse,
               "hidden_size": config.hidden_size, "stream": config.stream,
               "seeds": [config.seed, train.seed] if seeded else None, "steps": session.iteration,
               "final_accuracy": history[-1]["accuracy"] if history else None,
               "best_accuracy": best if history else None,
               "seconds": round(time.perf_counter() - started, 2), "epochs": history}
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    if history:
        print(f"final test accuracy {100 * results['final_accuracy']:.2f} % (best {100 * best:.2f} %) "
              f"in {results['seconds']:.1f} s; wrote {out}")
    else:
        print(f"{session.iteration} steps, less than one epoch ({session.iters_per_epoch} steps): no test "
              f"accuracy yet; wrote {out}")
    return 0
