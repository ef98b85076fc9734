"""The out-of-core topic path (``StreamingTopics``) against the in-memory one, on People's Daily.

Loads ../shared/corpora/rmrb-2023-07-08 through ``prepare_corpus``, takes the units notebook 03
takes (``clustering_units(articles, "auto")``), tokenizes them (cached with ``--cache``), then
fits, at the same k:

- ``TopicClusterer(k, n_draws=0)``: exact vocabulary, LSA and k-means in this process;
- the same with the next seed, as the yardstick: k-means at one k has more than one good answer;
- ``StreamingTopics(n_clusters=k)`` on a ``dask.distributed`` ``LocalCluster`` of ``--workers``
  processes, the units cut into ``--partitions`` partitions of a ``dask.bag``.

Prints seconds, peak memory (this process; the workers' own peak is not included), and the
agreement of the two labelings (NMI and ARI), and the share of each streaming cluster's top-5
terms that are among the top 10 of its best-matching in-memory cluster. Also a plain serial
jieba.lcut loop over the same texts, for scale. Timings on a shared machine are noisy.

    nice python benchmarks/outofcore_topics.py --cache /tmp/textkit-cache --k 30
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from textkit.cluster import TopicClusterer, clustering_units
from textkit.cluster.outofcore import StreamingTopics
from textkit.pipeline import make_tokenizer, prepare_corpus

CORPORA = Path(
    os.environ.get("TEXTKIT_CORPORA", Path(__file__).resolve().parents[1].parent / "shared" / "corpora")
)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def top_term_overlap(streaming, exact: TopicClusterer) -> float:
    """Mean share of a streaming cluster's top 5 terms in the top 10 of its best-matching exact cluster."""
    shares = []
    exact_terms = exact.top_terms_.query("rank <= 10").groupby("cluster").term.apply(set)
    for cluster, terms in streaming.top_terms_.query("rank <= 5").groupby("cluster").term:
        members = exact.labels_[streaming.labels_ == cluster]
        match = np.bincount(members).argmax()
        shares.append(len(set(terms) & exact_terms.get(match, set())) / len(terms))
    return float(np.mean(shares))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPORA / "rmrb-2023-07-08")
    parser.add_argument("--cache", default=None, help="textkit cache folder (normalization, tokens)")
    parser.add_argument("--k", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--random-state", type=int, default=0)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: corpus folder {args.corpus} not found", file=sys.stderr)
        return 2
    import dask.bag
    import distributed
    import jieba

    jieba.setLogLevel(60)
    # The token lists go into the graph (a real run would read partitions from files), and the
    # LSA basis once per pass: dask warns about both.
    warnings.filterwarnings("ignore", message="Sending large graph")
    logging.getLogger("distributed").setLevel(logging.ERROR)
    tokenizer = make_tokenizer(args.cache)
    corpus = prepare_corpus(args.corpus, default_source="人民日报", cache_dir=args.cache, n_jobs=2)
    unit, units = clustering_units(corpus.articles, "auto")
    tokens = [list(row) for row in tokenizer.tokenize_corpus(units, n_jobs=2)]
    print(f"{len(units):,} {unit}s from {len(corpus.articles):,} articles; k = {args.k}")

    jieba.initialize()
    start = time.perf_counter()
    for text in units["text"]:
        jieba.lcut(text)
    print(f"serial jieba.lcut loop over the unit texts: {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    exact = TopicClusterer(k=args.k, unit=unit, random_state=args.random_state, n_draws=0).fit(tokens)
    print(f"TopicClusterer (in memory): {time.perf_counter() - start:.1f} s; peak so far {peak_mb():,.0f} MB")
    # k-means at this k is not unique: the same exact path with another seed is the yardstick
    other = TopicClusterer(k=args.k, unit=unit, random_state=args.random_state + 1, n_draws=0).fit(tokens)
    print(
        f"in memory, seed {args.random_state} against seed {args.random_state + 1}: "
        f"NMI {normalized_mutual_info_score(exact.labels_, other.labels_):.3f}, "
        f"ARI {adjusted_rand_score(exact.labels_, other.labels_):.3f}; "
        f"top-5 terms in the matching cluster's top 10: {top_term_overlap(other, exact):.2f}"
    )

    with (
        distributed.LocalCluster(
            n_workers=args.workers, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster),
    ):
        start = time.perf_counter()
        bag = dask.bag.from_sequence(tokens, npartitions=args.partitions)
        streaming = StreamingTopics(n_clusters=args.k, random_state=args.random_state).fit(bag)
        seconds = time.perf_counter() - start
    print(
        f"StreamingTopics ({args.workers} worker processes, {args.partitions} partitions, "
        f"sample {streaming.sample_rows_:,} rows): {seconds:.1f} s; peak of this process {peak_mb():,.0f} MB"
    )
    print(
        f"agreement: NMI {normalized_mutual_info_score(exact.labels_, streaming.labels_):.3f}, "
        f"ARI {adjusted_rand_score(exact.labels_, streaming.labels_):.3f}; "
        f"top-5 terms in the matching cluster's top 10: {top_term_overlap(streaming, exact):.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
