"""``rnnviz train --compare lstm,gru,rnn``: two or three language models trained in lockstep.

The models share everything the flags and preset say except what each variant changes (see
:mod:`rnnviz.engine.lockstep`), and read the same batches in the same order. Each gets a run
folder of its own under ``--out`` (``runs/<corpus>-compare`` by default), named after its variant:
config.json, metrics.csv, evals.csv, checkpoint.npz and results.json, exactly as a single
``rnnviz train`` writes them, so any one of them can be resumed alone or opened in the window.
``--out`` itself gets results.json with every model's final validation perplexity and seconds.

A model that diverges stops there (its checkpoint keeps the last good state) and the others go
on; Ctrl-C saves every model and says how to continue each.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

from .cli_errors import said
from .cli_train import fresh_configs, interrupted_message, run_options
from .engine.texts import translate


def cmd_train_compare(args: argparse.Namespace) -> int:
    from rnnviz.engine.lockstep import Lockstep, parse_variants
    from rnnviz.engine.snapshots import Divergence
    from rnnviz.run_folder import Interrupts, claim, remove_stale_temps, unique_folder, write_json
    from rnnviz.run_logs import RunLogs
    from rnnviz.runtime.history import History

    variants = parse_variants(args.compare)         # a bad list fails before the corpus is read
    fresh = fresh_configs(args)
    lockstep = Lockstep(fresh.corpus, fresh.model_config, fresh.train_config, variants, data=fresh.data)
    if args.out:
        folder = Path(args.out)
        claim(folder, force=args.force, resume_hint=f"--resume {folder / variants[0].slug / 'checkpoint.npz'}")
    else:
        folder = unique_folder(Path("runs") / f"{Path(fresh.source).stem or 'corpus'}-compare")
    options = {**run_options(args), "compare": args.compare}
    logs: list[RunLogs] = []
    for variant, session in zip(variants, lockstep.sessions):
        session.probe_every = 0                     # nobody looks at probes here
        sub = folder / variant.slug
        claim(sub, force=args.force)
        remove_stale_temps(sub)
        logs.append(RunLogs(session, sub, History(), resumed=False))
        write_json(sub / "config.json", {**session.describe(), "cli": {**options, "variant": variant.label}})

    first = lockstep.sessions[0]
    eval_every = first.train_config.eval_every or first.iters_per_epoch
    save_every = options["save_every"] or first.iters_per_epoch
    has_valid = len(fresh.corpus.valid) > 2
    seconds = [0.0] * len(variants)
    valid = [math.nan] * len(variants)
    start = time.perf_counter()
    labels = [v.label for v in variants]
    print(said(translate("cli_compare", "{count} models in lockstep on {corpus}: {labels}; each round trains "
                         "every model one step, so it takes about {count} times one model's time and memory")
               .format(count=len(variants), corpus=fresh.corpus.name, labels=", ".join(labels))), flush=True)
    try:
        with Interrupts() as interrupts:
            while not lockstep.finished:
                for tagged in lockstep.step_round():
                    i, item = tagged.index, tagged.item
                    if isinstance(item, Divergence):
                        logs[i].save()
                        print(said(translate("cli_compare", "{label} diverged at step {step} and stops there; "
                                             "its last good state is in {path}. The others go on.").format(
                            label=labels[i], step=item.iteration, path=str(logs[i].checkpoint))), file=sys.stderr)
                        continue
                    logs[i].step(item)
                    seconds[i] += item.stats.seconds
                    session = lockstep.sessions[i]
                    if item.stats.iteration % eval_every == 0 or session.finished:
                        if has_valid:
                            result = session.evaluate()
                            valid[i] = result.perplexity
                            logs[i].evaluation(result)
                    if item.stats.iteration % save_every == 0 or session.finished:
                        logs[i].save()
                step = lockstep.iteration
                if step % eval_every == 0 or lockstep.finished:
                    _line(lockstep, labels, logs, valid, step, eval_every, time.perf_counter() - start)
                if interrupts.requested and not lockstep.finished:
                    for i, log in enumerate(logs):
                        if log.saved_at != lockstep.sessions[i].iteration:
                            log.save()
                        print(said(interrupted_message(lockstep.sessions[i].iteration, log.checkpoint)),
                              file=sys.stderr)
                    return interrupts.exit_status
    except BaseException:
        for log in logs:
            log.roll_back()
        raise
    finally:
        for log in logs:
            log.close()
    return _finish(folder, lockstep, labels, logs, seconds, time.perf_counter() - start)


def _line(lockstep, labels, logs, valid, step: int, every: int, elapsed: float) -> None:
    """One progress line for all models: their training (and validation) perplexities side by side."""
    parts = []
    for i, label in enumerate(labels):
        session = lockstep.sessions[i]
        train = logs[i].history.train_perplexity(max(0, step - every), session.iteration)
        if lockstep.stopped[i]:
            part = translate("cli_compare", "{label} diverged").format(label=label)
        elif math.isfinite(valid[i]):
            part = translate("cli_compare", "{label} {train} / {valid}").format(
                label=label, train=f"{train:.2f}", valid=f"{valid[i]:.2f}")
        else:
            part = f"{label} {train:.2f}"
        parts.append(part)
    epoch = step / lockstep.sessions[0].iters_per_epoch
    print(said(translate("cli_compare", "epoch {epoch} | step {step} | train / valid ppl: {models} | {seconds} s")
               .format(epoch=f"{epoch:.2f}", step=step, models=" · ".join(parts), seconds=f"{elapsed:.1f}")),
          flush=True)


def finite(value: float) -> float | None:
    """A perplexity for JSON: None where a wrecked model's is infinite (JSON has no inf)."""
    return value if math.isfinite(value) else None


def _finish(folder: Path, lockstep, labels, logs, seconds, elapsed: float) -> int:
    """Each model's results.json, the comparison's, and a table on the terminal."""
    from rnnviz.run_folder import write_json
    models = {}
    for i, (label, session) in enumerate(zip(labels, lockstep.sessions)):
        result = {"steps": session.iteration, "epochs": session.iteration / session.iters_per_epoch,
                  "seconds": round(seconds[i], 3), "diverged": bool(lockstep.stopped[i])}
        if len(session.corpus.valid) > 2:
            result["valid_perplexity"] = finite(session.evaluate().perplexity)
        if session.corpus.test is not None and len(session.corpus.test) > 2:
            result["test_perplexity"] = finite(session.evaluate("test").perplexity)
        write_json(logs[i].checkpoint.parent / "results.json", result)
        models[label] = {**result, "folder": logs[i].checkpoint.parent.name}
    write_json(folder / "results.json", {"compare": ",".join(labels), "seconds": round(elapsed, 3),
                                         "models": models})
    print(said(translate("cli_compare", "final validation perplexity, training seconds:")))
    for label, result in models.items():
        ppl = result.get("valid_perplexity")
        ppl = math.nan if ppl is None else ppl
        note = translate("cli_compare", " (diverged)") if result["diverged"] else ""
        print(f"  {label:<20} {ppl:10.3f} {result['seconds']:8.1f} s{note}")
    print(said(translate("cli_compare", "saved {count} runs in {path} after {seconds} s").format(
        count=len(labels), path=str(folder), seconds=f"{elapsed:.1f}")))
    return 0
