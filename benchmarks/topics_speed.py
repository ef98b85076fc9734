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
"""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPORA / "rmrb-2023-07-08")
    parser.add_argument("--cache", default=None, help="textkit cache folder (normalization, tokens)")
    parser.add_argument("--random-state", type=int, default=0)
    parser.add_argument("--n-jobs", type=int, default=2, help="fit_topics' n_jobs (1: all in this process)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: corpus folder {args.corpus} not found", file=sys.stderr)
        return 2
    import jieba

    jieba.setLogLevel(60)
    tokenizer = make_tokenizer(args.cache)
    corpus = prepare_corpus(args.corpus, default_source="人民日报", cache_dir=args.cache, n_jobs=2)
    unit, units = clustering_units(corpus.articles, "auto")
    tokens = tokenizer.tokenize_corpus(units, n_jobs=2)
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
