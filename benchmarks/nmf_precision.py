"""Notebook 03's NMF topics computed in float32 against float64: time, iterations, same terms?

    nice .venv/bin/python benchmarks/nmf_precision.py [--corpus ../shared/corpora/rmrb-2023-07-08]
        [--cache DIR]

Fits the topics as notebook 03 does (``fit_topics_cached``, ``DEFAULT_SOURCE`` 人民日报, the other
parameters at their defaults; with ``--cache`` a fit already there is read), then runs
``nmf_topics(model, random_state=0)`` with ``dtype="float64"`` and ``dtype="float32"``, one
thread each, and prints the seconds, the solver's iterations and reconstruction error, how many
topics have the same top terms in the same order, whether the topic → cluster mapping is equal,
and the largest difference of a rounded term weight and of a unit's topic weight.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as stages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(stages.DEFAULT_CORPUS))
    parser.add_argument("--cache", help="cache folder (default: a new temporary one)")
    args = parser.parse_args()
    from unittest import mock

    from sklearn.decomposition import NMF
    from threadpoolctl import threadpool_limits

    import textkit.cluster.views as views
    from textkit.cluster import clustering_units, nmf_topics, units_with_words
    from textkit.pipeline import fit_topics_cached, make_tokenizer, prepare_corpus

    cache = args.cache or tempfile.mkdtemp(prefix="nmf-precision-")
    articles = prepare_corpus(args.corpus, default_source="人民日报", cache_dir=cache, n_jobs=2).articles
    unit, units = clustering_units(articles, "auto")
    tokens = make_tokenizer(cache).tokenize_corpus(units, n_jobs=2)
    units, tokens, _ = units_with_words(units, tokens)
    model, _ = fit_topics_cached(
        tokens, cache, ks=None, k=None, min_stability=0.75, random_state=0, unit=unit, n_jobs=2
    )
    print(f"{len(units):,} {unit} units, k = {model.k}, word columns {model.features_.n_word_features_:,}")
    views_found = {}
    fitted: list = []

    class Recording(NMF):
        def fit_transform(self, X, y=None, W=None, H=None):
            fitted.append(self)
            return super().fit_transform(X, y, W=W, H=H)

    for dtype in ("float64", "float32"):
        with mock.patch.object(views, "NMF", Recording), threadpool_limits(1):
            start = time.perf_counter()
            view = nmf_topics(model, random_state=0, dtype=dtype)
            seconds = time.perf_counter() - start
        views_found[dtype] = view
        print(
            f"{dtype}: {seconds:.1f} s, {fitted[-1].n_iter_} iterations, "
            f"reconstruction error {fitted[-1].reconstruction_err_:.5f}"
        )
    double, single = views_found["float64"], views_found["float32"]
    same = sum(
        double.terms.loc[double.terms.topic == t, "term"].tolist()
        == single.terms.loc[single.terms.topic == t, "term"].tolist()
        for t in range(model.k)
    )
    print(f"topics with the same top terms in the same order: {same} / {model.k}")
    print(f"same topic → cluster mapping: {double.mapping.equals(single.mapping)}")
    print(f"same contingency table: {double.contingency.equals(single.contingency)}")
    weights = np.abs(double.terms.weight - single.terms.weight).max()
    print(f"largest difference of a rounded term weight: {weights:.4f}")
    print(f"largest difference of a unit's topic weight: {np.abs(double.weights - single.weights).max():.2e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
