"""fit_topics on People's Daily against a plain serial jieba.lcut loop, with the themes it finds.

Loads ../shared/corpora/rmrb-2023-07-08 through textkit.pipeline.prepare_corpus, takes
the units notebook 03 takes (``clustering_units(articles, "auto")``), tokenizes them
(cached with ``--cache``), then times, in the same run:

- a plain serial ``jieba.lcut`` loop over the same unit texts (the reference), and
- ``fit_topics(tokens)`` with its defaults (no ks, no k: automatic range, search on a
  sample of 2,000 units, two threads).

Prints seconds, the ratio, peak memory of the process, then k, the number of clusters
of stability >= 0.75, diversity, coherence, every cluster (label, size, stability) and
the super-themes. Timings on a shared machine are noisy.

    nice python benchmarks/topics_speed.py --cache /tmp/textkit-cache

``--stages TREE [TREE ...]`` times instead, stage by stage, the topic work notebook 03 does when
the corpus changed (its cache folder misses): the embedding (``cached_space``: TF-IDF + LSA), the
search over k and the final fit (``fit_topics`` with that folder), the reproducibility refit
(``refit_outcome``) and NMF (``nmf_topics``), each with ``n_jobs`` as ``make report`` passes it
(-1), then ``fit_topics_cached`` in the same folder (space and measurements found: the final fit
and storing the model, as notebook 03 stores it) and again (reading it, as 04 and 05 do), with the
megabytes of the model and space blobs. Each TREE is a checkout of textkit (e.g. main's and a
branch's): each run is a fresh process importing textkit from it, the trees take turns
``--rounds`` times on the same tokens, and each run prints wall and CPU seconds (this process and
its worker processes) per stage, and a SHA-256 of what the notebooks show or compute from (k, the
table of the choice of k, labels, centres, stabilities, the refit's labels and stabilities, NMF's
factors, iterations and top terms, the model read back): equal digests are the same results bit
for bit.

    nice python benchmarks/topics_speed.py --cache /tmp/textkit-cache --stages ../main . --rounds 2

Measured (issue 14; rmrb-2023-07-08, 4,608 articles, k = 29; load average 3.5-5.1 on the 2 shared
cores, three rounds): CPU seconds of the four stages 14.2 / 14.4 / 15.7 on main before, 12.8 /
12.8 / 12.9 with the k-means starts on threads, NMF's top terms by partition and the search on
threads (search and fit 7.3-8.0 -> 5.9-6.1 s: no worker process to start; NMF 2.6-2.8 -> 2.4-2.6 s);
wall 20.6 / 22.7 / 32.3 s against 20.1 / 23.1 / 31.1 s: on a machine this loaded the second thread
rarely finds a free core. The same digests for every tree and round.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import time
from pathlib import Path

import pandas as pd

from textkit.cluster import STABLE, cluster_summary, clustering_units, fit_topics, super_themes
from textkit.pipeline import make_tokenizer, prepare_corpus

CORPORA = Path(
    os.environ.get("TEXTKIT_CORPORA", Path(__file__).resolve().parents[1].parent / "shared" / "corpora")
)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process, and of its child processes (live ones and those reaped)."""
    import psutil

    own = psutil.Process()
    children = 0.0
    for child in own.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):  # ended between listing and reading
            children += sum(child.cpu_times()[:2])
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), children + reaped.ru_utime + reaped.ru_stime


def _digest(*parts) -> str:
    import hashlib

    import numpy as np

    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, np.ndarray):
            digest.update(str(part.dtype).encode() + str(part.shape).encode() + part.tobytes())
        elif isinstance(part, (pd.DataFrame, pd.Series)):
            digest.update(part.to_csv().encode())
        else:
            digest.update(repr(part).encode())
    return digest.hexdigest()[:16]


def stage_run(tokens_file: str, n_jobs: int, random_state: int) -> dict:
    """Notebook 03's topic work on the pickled ``(unit, tokens)``, stage by stage, in this process."""
    import pickle
    import tempfile

    from textkit.cluster import TopicClusterer, nmf_topics
    from textkit.cluster._cache import cached_space
    from textkit.pipeline import fit_topics_cached, refit_outcome

    with open(tokens_file, "rb") as handle:
        unit, tokens = pickle.load(handle)
    folder = tempfile.mkdtemp(prefix="topics-stages-")
    times, results = {}, {}

    def timed(name, call):
        wall, (own, children) = time.perf_counter(), _cpu_seconds()
        results[name] = call()
        after = _cpu_seconds()
        times[name] = (time.perf_counter() - wall, after[0] - own, after[1] - children)

    settings = TopicClusterer(random_state=random_state, unit=unit).get_params()
    timed("embedding", lambda: cached_space(tokens, settings, random_state, folder, os.cpu_count() or 1))
    timed(
        "search+fit",
        lambda: fit_topics(tokens, random_state=random_state, unit=unit, n_jobs=n_jobs, cache_dir=folder),
    )
    model, table = results["search+fit"]
    timed("refit", lambda: refit_outcome(model, tokens, n_jobs=n_jobs))
    timed("nmf", lambda: nmf_topics(model, random_state=random_state, n_jobs=n_jobs))
    # notebook 03's fit_topics_cached in the same folder: the space and the search's measurements
    # are there (a hit), so this is the final fit and storing the model; then reading it (04, 05)
    timed(
        "cached fit+store",
        lambda: fit_topics_cached(tokens, folder, random_state=random_state, unit=unit, n_jobs=n_jobs),
    )
    timed(
        "cached read",
        lambda: fit_topics_cached(tokens, folder, random_state=random_state, unit=unit, n_jobs=n_jobs),
    )
    read = results["cached read"][0]
    sizes = {
        kind: sum(path.stat().st_size for path in Path(folder).glob(pattern)) / 1e6
        for kind, pattern in (("model", "topics-*/blob-*"), ("space", "call-*._embed-*/blob-*"))
    }
    again, nmf = results["refit"], results["nmf"]
    return {
        "times": times,
        "blob_mb": sizes,
        "read": _digest(read.labels_, read.embedding_, read.matrix_.data, read.svd_.components_),
        "k": model.k,
        "fit": _digest(
            table,
            table.attrs,
            model.labels_,
            model.cluster_centers_,
            model.cluster_stability_,
            model.top_terms_,
            model.representatives_,
            model.coherence_,
        ),
        "refit": _digest(again.labels_, again.cluster_stability_),
        "nmf": _digest(nmf.weights, nmf.terms, nmf.mapping, nmf.contingency, nmf.by_cluster),
    }


def compare_trees(args, unit: str, tokens) -> int:
    """``--stages``: each tree's stage times and result digests, the trees taking turns."""
    import json
    import pickle
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pkl", delete=False) as handle:
        pickle.dump((unit, [list(row) for row in tokens]), handle)
    digests = {}
    for round_no in range(args.rounds):
        for tree in args.stages:
            root = str(Path(tree).resolve())
            command = [
                sys.executable,
                __file__,
                "--stage-run",
                handle.name,
                "--n-jobs",
                str(args.n_jobs),
                "--random-state",
                str(args.random_state),
            ]
            env = {**os.environ, "PYTHONPATH": root}
            load = os.getloadavg()[0]
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            run = json.loads(done.stdout.strip().splitlines()[-1])
            stages = "  ".join(
                f"{name} {wall:5.2f}/{own + children:5.2f}"
                for name, (wall, own, children) in run["times"].items()
            )
            wall = sum(t[0] for t in run["times"].values())
            cpu = sum(t[1] + t[2] for t in run["times"].values())
            print(
                f"round {round_no} {root}: load {load:.1f}; wall/CPU s: {stages}  "
                f"total {wall:5.2f}/{cpu:5.2f}; "
                f"k {run['k']} fit {run['fit']} refit {run['refit']} nmf {run['nmf']} read {run['read']}; "
                f"blobs MB: model {run['blob_mb']['model']:.1f}, space {run['blob_mb']['space']:.1f}",
                flush=True,
            )
            digests.setdefault(root, set()).add((run["k"], run["fit"], run["refit"], run["nmf"], run["read"]))
    distinct = set().union(*digests.values())
    print("results identical across trees and rounds" if len(distinct) == 1 else f"RESULTS DIFFER: {digests}")
    return 0 if len(distinct) == 1 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPORA / "rmrb-2023-07-08")
    parser.add_argument("--cache", default=None, help="textkit cache folder (normalization, tokens)")
    parser.add_argument("--random-state", type=int, default=0)
    parser.add_argument(
        "--n-jobs",
        type=int,
        default=None,
        help="fit_topics' n_jobs (1: all in this process; default 2, with --stages -1)",
    )
    parser.add_argument("--stages", nargs="+", metavar="TREE", help="time notebook 03's stages per tree")
    parser.add_argument("--rounds", type=int, default=2, help="--stages: turns of each tree")
    parser.add_argument("--stage-run", help=argparse.SUPPRESS)  # one tree's run, in a child process
    args = parser.parse_args(argv)
    if args.n_jobs is None:
        args.n_jobs = -1 if (args.stages or args.stage_run) else 2
    if args.stage_run:
        import json

        print(json.dumps(stage_run(args.stage_run, args.n_jobs, args.random_state)))
        return 0
    if not args.corpus.is_dir():
        print(f"error: corpus folder {args.corpus} not found", file=sys.stderr)
        return 2
    import jieba

    jieba.setLogLevel(60)
    tokenizer = make_tokenizer(args.cache)
    corpus = prepare_corpus(args.corpus, default_source="人民日报", cache_dir=args.cache, n_jobs=2)
    unit, units = clustering_units(corpus.articles, "auto")
    tokens = tokenizer.tokenize_corpus(units, n_jobs=2)
    if args.stages:
        from textkit.cluster import units_with_words

        units, tokens, _ = units_with_words(units, tokens)  # as notebook 03
        print(f"{len(units):,} {unit}s; {os.cpu_count()} CPUs, shared with other work: wall time is noisy")
        return compare_trees(args, unit, tokens)
    texts = units["text"].tolist()
    print(
        f"{len(units):,} {unit}s from {len(corpus.articles):,} articles; "
        f"{os.cpu_count()} CPUs (shared: noisy)"
    )

    jieba.initialize()
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        jieba.lcut(text)
    jieba_seconds, jieba_cpu = time.perf_counter() - start, time.process_time() - cpu

    start, cpu = time.perf_counter(), time.process_time()
    model, table = fit_topics(tokens, random_state=args.random_state, unit=unit, n_jobs=args.n_jobs)
    fit_seconds, fit_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"serial jieba.lcut loop: {jieba_seconds:.1f} s; fit_topics (defaults, n_jobs={args.n_jobs}): "
        f"{fit_seconds:.1f} s; ratio fit/jieba {fit_seconds / jieba_seconds:.2f}; "
        f"peak memory {peak_mb():,.0f} MB"
    )
    # CPU seconds of this process: less sensitive to other work on the machine than wall time;
    # with n_jobs > 1 the worker processes' CPU is not included.
    print(
        f"CPU seconds (this process): jieba loop {jieba_cpu:.1f}; fit_topics {fit_cpu:.1f}; "
        f"ratio {fit_cpu / jieba_cpu:.2f}"
    )
    if model is None:
        print("nothing clustered")
        return 1
    sampled = table.attrs.get("sampled")
    where = f"a sample of {sampled[0]:,} of {sampled[1]:,} units" if sampled else "all units"
    print(f"k searched on {where}")
    with pd.option_context("display.width", 200, "display.max_rows", 200, "display.max_columns", 20):
        print(table.to_string(index=False))
        stable = int((model.cluster_stability_ >= STABLE).sum())
        print(
            f"\nk = {model.k}; clusters with stability >= {STABLE}: {stable}; "
            f"diversity {model.diversity_:.3f}; "
            f"mean NPMI coherence {model.coherence_.mean():.3f}"
        )
        summary = cluster_summary(model, units, n_examples=1, max_chars=40)
        print(summary.to_string(index=False))
        themes = super_themes(model)
        print("\nsuper-themes:")
        print(
            themes.groupby(["group", "group_label"]).agg(clusters=("cluster", list), units=("n_units", "sum"))
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
