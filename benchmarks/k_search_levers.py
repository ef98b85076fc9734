"""Cheaper searches over k (issue 14): their CPU and the k they choose, against fit_topics' own search.

fit_topics' search (``search_on="all"``) measures every k of the automatic range on a random
sample of 2,000 units of the embedding of all units: per k, two k-means fits (``n_runs=2``: the
second only for the ``seed_ari`` column), six subsample refits (``n_draws=6``), the silhouette,
labels and coherence. This script reruns exactly that search in this process (one core, one
thread: CPU seconds, steadier than wall time on a shared machine) and variants of it on the same
sample and embedding, for each seed:

- ``base``: fit_topics' search;
- ``runs1``: no second seed fit (choose_k does not read ``seed_ari``: the same k by construction;
  the table's ``seed_ari`` and ``stability`` columns change);
- ``draws4``: four subsample refits instead of six;
- ``dims50``: the first 50 of the 100 LSA dimensions, rows normalized again;
- ``n1000``: a sample of 1,000 units instead of 2,000.

It prints each run's CPU seconds, the chosen k, the most firm themes at any k and the firm count at
the chosen k. A variant that changes the chosen k changes notebook 03's method, to be judged on
issue 8's numbers; one that saves little is not worth it. Measured on rmrb-2023-07-08 plus one
file (``--corpus``: a folder of links to its files and a marked copy of its middle file, as
``benchmarks/report.py`` adds; 4,609 articles; a loaded 2-core machine), seeds 0-2, CPU s in two
runs and k: base 4.6-5.6/4.9-5.5/5.2-5.7 s, k 42/24/29; runs1 4.0-4.5/4.7-5.1/4.2-4.8 s, the same
k; draws4 4.2-4.4/4.1-4.6/3.6-3.8 s, k 42/48/48; dims50 3.1-4.1/3.4-4.4/3.5 s, k 35/42/48; n1000
2.5-3.1/2.6-3.0/2.7 s, k 48/48/48 (the top of the range at every
seed). The search is about 5.5 s of CPU (with a second worker process about 3 s of wall time plus
the worker's start) of the 20-odd s of CPU notebook 03 spends on topics after one file is added
(embedding 3, search 5.5 + the worker's imports about 2.5, final fit 1.5, refit 3.3, NMF 5.2): no
variant was kept.

    nice env PYTHONPATH=. python benchmarks/k_search_levers.py [--corpus FOLDER] [--cache DIR] [--seeds 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.preprocessing import normalize

from textkit.cluster import clustering_units, units_with_words
from textkit.cluster.model import TopicClusterer
from textkit.cluster.select import _scan, _usable, auto_ks, cached_space, choose_k
from textkit.features import count_matrix
from textkit.pipeline import make_tokenizer, prepare_corpus

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("TEXTKIT_CORPORA", REPO.parent / "shared" / "corpora"))
VARIANTS = {
    "base": {},
    "runs1": {"n_runs": 1},
    "draws4": {"n_draws": 4},
    "dims50": {"dims": 50},
    "n1000": {"select_on": 1000},
}


def search(rows, unit, seed, cache, select_on=2000, dims=None, n_draws=6, n_runs=2):
    """CPU seconds, chosen k and table of fit_topics' search (search_on="all") with one change."""
    settings = TopicClusterer(random_state=seed, unit=unit).get_params()
    space = cached_space(rows, settings, seed, cache)
    n = len(rows)
    chosen = np.sort(np.random.default_rng(seed).choice(n, select_on, replace=False))
    counts, words = space.word_counts if space.word_counts is not None else count_matrix(rows)
    counts, embedding = counts[chosen], space.embedding[chosen]
    if dims:
        embedding = normalize(embedding[:, :dims])
    used = np.flatnonzero(counts.getnnz(axis=0))
    counts, words = counts[:, used], words[used]
    counts.sort_indices()
    ks = _usable(auto_ks(n), select_on, 3)
    start = time.process_time()
    table = _scan(embedding, counts, words, ks, settings, seed, n_runs, n_draws, 0.8, 0.75, 1_000, 1)
    return time.process_time() - start, choose_k(table), table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPORA / "rmrb-2023-07-08")
    parser.add_argument("--cache", default="/tmp/kstab/cache", help="textkit cache (tokens, embeddings)")
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    articles = prepare_corpus(args.corpus, default_source="人民日报", cache_dir=args.cache, n_jobs=2).articles
    unit, units = clustering_units(articles, "auto")
    tokens = make_tokenizer(args.cache).tokenize_corpus(units, n_jobs=2)
    units, tokens, _ = units_with_words(units, tokens)
    rows = [list(row) for row in tokens]
    print(f"{len(rows):,} {unit} units; load average {os.getloadavg()[0]:.2f}")
    for seed in range(args.seeds):
        for name, change in VARIANTS.items():
            cpu, k, table = search(rows, unit, seed, args.cache, **change)
            firm = table.set_index("k").n_stable
            print(
                f"seed {seed} {name:7s} CPU {cpu:5.2f} s  k {k:3d}  most firm {int(firm.max()):3d}  "
                f"firm at k {int(firm[k]):3d}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
