"""Build textkit/data/filler_words.txt: the genre's filler words, from People's Daily statistics.

A filler word is frequent and says nothing about which theme an article is about:
it is in at least ``--min-share`` of the articles, and its rate is spread evenly
over the topic clusters (normalized entropy of its rate across ``--k`` k-means
clusters at least ``--min-entropy``). The clusters are fitted without any filler
list, so the list does not feed on itself.

    nice python benchmarks/build_filler_words.py --cache /tmp/textkit-cache > textkit/data/filler_words.txt
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from textkit.cluster import TopicClusterer, clustering_units
from textkit.pipeline import make_tokenizer, prepare_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpora/rmrb-2023-07-08"))
    parser.add_argument("--cache", default=None)
    parser.add_argument("--k", type=int, default=30)
    parser.add_argument("--min-share", type=float, default=0.05)
    parser.add_argument("--min-entropy", type=float, default=0.9)
    args = parser.parse_args(argv)
    tokenizer = make_tokenizer(args.cache)
    corpus = prepare_corpus(args.corpus, default_source="人民日报", cache_dir=args.cache, n_jobs=2)
    unit, units = clustering_units(corpus.articles, "auto")
    tokens = tokenizer.tokenize_corpus(units, n_jobs=2)
    model = TopicClusterer(k=args.k, unit=unit, random_state=0, filler_weight=1.0, n_draws=0).fit(tokens)
    counts, words = model.word_counts_, model.words_
    share = np.asarray((counts > 0).sum(axis=0)).ravel() / counts.shape[0]
    rates = np.vstack(
        [
            np.asarray(counts[model.labels_ == c].sum(axis=0)).ravel()
            / max(counts[model.labels_ == c].sum(), 1)
            for c in range(args.k)
        ]
    )
    spread = rates / np.maximum(rates.sum(axis=0, keepdims=True), 1e-300)
    with np.errstate(divide="ignore", invalid="ignore"):
        entropy = -np.where(spread > 0, spread * np.log(spread), 0.0).sum(axis=0) / np.log(args.k)
    kept = np.flatnonzero((share >= args.min_share) & (entropy >= args.min_entropy))
    kept = kept[np.lexsort((words[kept].astype(str), -share[kept]))]
    print(
        "# Filler words of the genre: down-weighted in topic labels by textkit.cluster (filler_words()).\n"
        "#\n"
        f"# Built by benchmarks/build_filler_words.py from {len(units):,} {unit}s of People's Daily,\n"
        "# 2023-07-01 to 2023-08-31 (../shared/corpora/rmrb-2023-07-08,\n"
        "# GitHub slience-me/data_mining_wordcloud,"
        "# People's Daily copyright, study and research use; only these derived word statistics are kept).\n"
        f"# A word is listed when it is in at least {args.min_share:.0%} of the articles and its rate\n"
        "# is spread"
        f"# evenly over {args.k} k-means topic clusters fitted without this list (normalized entropy of its\n"
        f"# rate across clusters >= {args.min_entropy}): frequent everywhere, so it names no theme.\n"
        "# This file: CC0 (facts about word frequencies). Words are jieba tokens of textkit's tokenizer.\n"
        "#\n"
        "# Format: word<TAB>share of articles<TAB>entropy across clusters; sorted by share."
    )
    for j in kept:
        print(f"{words[j]}\t{share[j]:.3f}\t{entropy[j]:.3f}")
    print(f"{len(kept)} filler words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
