"""The cluster stage's fast paths give exactly what the plain code they replaced gave.

Each reference below is the previous implementation, kept here verbatim so the fast one is
checked against it on random inputs (hypothesis), not against numbers copied from a run.
"""

from __future__ import annotations

import itertools
import warnings
from unittest import mock

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from threadpoolctl import threadpool_info

from textkit.cluster._nmf import fit_transform as nmf_fit_transform
from textkit.cluster.model import (
    _counts_of,
    _is_filler,
    _label_strings,
    class_tfidf,
    score_classes,
    topic_coherence,
)
from textkit.cluster.views import _article_keys, _top_candidates
from textkit.features import count_matrix, single_thread_if_small

WORDS = ["发展", "政绩观", "工作", "干部", "群众", "体育", "比赛", "乡村振兴", "推进", "防汛", "党"]


def _old_filler(words, filler) -> np.ndarray:
    filler = frozenset(filler)
    return np.fromiter((str(word) in filler for word in words), dtype=bool, count=len(words))


def _old_coherence(counts, words, top_terms: pd.DataFrame, n_terms: int = 10) -> pd.Series:
    present = sparse.csc_matrix((sparse.csr_matrix(counts) > 0).astype(np.float64))
    n_units = max(present.shape[0], 1)
    position = {str(word): j for j, word in enumerate(words)}
    result = {}
    for cluster, group in top_terms.sort_values(["cluster", "rank"]).groupby("cluster", sort=True):
        columns = [position[t] for t in group["term"].head(n_terms) if t in position]
        if len(columns) < 2:
            result[int(cluster)] = np.nan
            continue
        block = present[:, columns]
        joint = (block.T @ block).toarray() / n_units
        single = np.diag(joint)
        values = []
        for a, b in itertools.combinations(range(len(columns)), 2):
            p_ab = joint[a, b]
            if p_ab <= 0:
                values.append(-1.0)
            elif p_ab >= 1:
                values.append(1.0)
            else:
                values.append(np.log(p_ab / (single[a] * single[b])) / -np.log(p_ab))
        result[int(cluster)] = float(np.mean(values))
    return pd.Series(result, name="coherence", dtype=float).rename_axis("cluster").round(3)


def _old_class_tfidf(tokens, labels, top_n=10, min_df=2, *, weighting="ctfidf", filler=(), filler_weight=0.1):
    counts, words = _counts_of(tokens)
    labels = np.asarray(labels)
    clusters = np.unique(labels)
    position = np.searchsorted(clusters, labels)
    indicator = sparse.csr_matrix(
        (np.ones(len(labels)), (position, np.arange(len(labels)))), shape=(len(clusters), len(labels))
    )
    class_counts = np.asarray((indicator @ counts).todense(), dtype=float)
    class_df = np.asarray((indicator @ (counts > 0).astype(float)).todense())
    sizes = np.asarray(indicator.sum(axis=1)).ravel()
    scoring = {"weighting": weighting, "filler": filler, "filler_weight": filler_weight}
    return _old_score_classes(class_counts, class_df, sizes, clusters, words, top_n, min_df, **scoring)


def _old_score_classes(class_counts, class_df, sizes, clusters, words, top_n=10, min_df=2, *,
                       weighting="ctfidf", filler=(), filler_weight=0.1):
    class_counts = np.asarray(class_counts, dtype=float)
    class_df = np.asarray(class_df)
    sizes = np.asarray(sizes)
    words = np.asarray(words, dtype=object)
    totals = class_counts.sum(axis=1, keepdims=True)
    tf = np.divide(class_counts, totals, out=np.zeros_like(class_counts), where=totals > 0)
    frequency = class_counts.sum(axis=0)
    average = totals.mean()
    idf = np.log1p(np.divide(average, frequency, out=np.zeros_like(frequency), where=frequency > 0))
    if weighting == "ctfidf":
        scores = tf * idf
    elif weighting in ("bm25", "distinctive"):
        bm25 = np.log1p(np.maximum(average - frequency + 0.5, 0) / (frequency + 0.5))
        scores = np.sqrt(tf) * bm25
        if weighting == "distinctive" and len(clusters) > 1:
            rate = tf / np.maximum(tf.sum(axis=0, keepdims=True), 1e-300)
            with np.errstate(divide="ignore", invalid="ignore"):
                entropy = -np.where(rate > 0, rate * np.log(rate), 0.0).sum(axis=0)
            scores = scores * np.clip(1 - entropy / np.log(len(clusters)), 0, 1)
    else:
        raise ValueError(weighting)
    if len(filler):
        scores = scores * np.where(_is_filler(words, filler), filler_weight, 1.0)
    rows = []
    for position, cluster in enumerate(clusters):
        enough = class_df[position] >= min(min_df, sizes[position])
        candidates = np.flatnonzero(enough & (class_counts[position] > 0) & (scores[position] > 0))
        if len(candidates) > top_n:
            edge = np.partition(scores[position, candidates], len(candidates) - top_n)[
                len(candidates) - top_n
            ]
            candidates = candidates[scores[position, candidates] >= edge]
        ranked = sorted(candidates, key=lambda j: (-scores[position, j], words[j]))[:top_n]
        rows.extend(
            (int(cluster), rank, str(words[j]), round(float(scores[position, j]), 4),
             int(class_counts[position, j]), int(class_df[position, j]))
            for rank, j in enumerate(ranked, start=1)
        )
    return pd.DataFrame(rows, columns=["cluster", "rank", "term", "score", "count", "n_units"])


rows_strategy = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), min_size=4, max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "", "x"]), max_size=20), st.sets(st.sampled_from(WORDS)))
def test_filler_lookup_equals_a_set_test_per_word(words, filler):
    array = np.asarray(words, dtype=object)
    assert _is_filler(array, filler).tolist() == _old_filler(array, filler).tolist()


@settings(max_examples=60, deadline=None)
@given(rows=rows_strategy, k=st.integers(2, 4), seed=st.integers(0, 1000), missing=st.booleans())
def test_coherence_equals_the_plain_computation(rows, k, seed, missing):
    counts, words = count_matrix(rows)
    labels = np.random.default_rng(seed).integers(0, k, len(rows))
    top = class_tfidf((counts, words), labels, top_n=10, min_df=1)
    if missing:  # a top term the counts do not have is skipped by both
        top = pd.concat([top, top.head(1).assign(term="不在词表", rank=99)], ignore_index=True)
    pd.testing.assert_series_equal(topic_coherence(counts, words, top), _old_coherence(counts, words, top))


@settings(max_examples=40, deadline=None)
@given(rows_strategy, st.integers(0, 1000), st.sampled_from(["ctfidf", "bm25", "distinctive"]))
def test_class_tfidf_with_filler_equals_the_plain_lookup(rows, seed, weighting):
    counts, words = count_matrix(rows)
    labels = np.random.default_rng(seed).integers(0, 3, len(rows))
    scoring = {"weighting": weighting, "filler": {"发展", "工作", "推进"}, "filler_weight": 0.1}
    fast = class_tfidf((counts, words), labels, **scoring)
    with mock.patch("textkit.cluster.model._is_filler", _old_filler):
        plain = class_tfidf((counts, words), labels, **scoring)
    pd.testing.assert_frame_equal(fast, plain)


def test_single_thread_if_small_limits_every_pool_and_restores_them():
    before = {(pool["internal_api"], pool["filepath"]): pool["num_threads"] for pool in threadpool_info()}
    with single_thread_if_small(10):
        inside = threadpool_info()
        assert inside and all(pool["num_threads"] == 1 for pool in inside)
    with single_thread_if_small(10):  # the kept controller is used again
        assert all(pool["num_threads"] == 1 for pool in threadpool_info())
    after = {(pool["internal_api"], pool["filepath"]): pool["num_threads"] for pool in threadpool_info()}
    assert after == before
    with single_thread_if_small(10**6):  # large: nothing limited
        assert {(p["internal_api"], p["filepath"]): p["num_threads"] for p in threadpool_info()} == before


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["20230701-01-01", "x", ""]), st.integers(0, 12), st.text(max_size=3)),
        min_size=1,
    ),
    st.sampled_from([["doc_id", "article_no"], ["doc_id"], ["article_no", "title", "doc_id"]]),
)
def test_article_keys_equal_a_row_wise_join(rows, by):
    units = pd.DataFrame(rows, columns=["doc_id", "article_no", "title"], index=np.arange(len(rows))[::-1])
    plain = units[by].astype(str).agg("#".join, axis=1)
    keys = _article_keys(units, by)
    assert keys.tolist() == list(plain) and list(keys.index) == list(plain.index)


@settings(max_examples=80, deadline=None)
@given(
    rows=rows_strategy,
    k=st.integers(1, 6),
    seed=st.integers(0, 1000),
    weighting=st.sampled_from(["ctfidf", "bm25", "distinctive"]),
    top_n=st.integers(1, 4),
    min_df=st.integers(1, 3),
    filler=st.sets(st.sampled_from(WORDS), max_size=3),
)
def test_class_tfidf_equals_the_dense_computation(rows, k, seed, weighting, top_n, min_df, filler):
    counts, words = count_matrix(rows)
    labels = np.random.default_rng(seed).integers(0, k, len(rows)) * 3  # gaps: clusters 0, 3, 6 …
    scoring = {"weighting": weighting, "filler": filler, "filler_weight": 0.1}
    scoring.update(top_n=top_n, min_df=min_df)
    pd.testing.assert_frame_equal(
        class_tfidf((counts, words), labels, **scoring), _old_class_tfidf((counts, words), labels, **scoring)
    )
    as_float = counts.astype(np.float64)  # not integers: the sparse products, as before
    pd.testing.assert_frame_equal(
        class_tfidf((as_float, words), labels, **scoring),
        _old_class_tfidf((as_float, words), labels, **scoring),
    )


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.sampled_from([2, 9, 35, 48]),
       weighting=st.sampled_from(["ctfidf", "bm25", "distinctive"]))
def test_class_tfidf_equals_the_dense_computation_at_scale(seed, k, weighting):
    """Thousands of words, tens of clusters (long runs through NumPy's vector loops), scores tied
    at the edge of the top terms by repeated columns, the genre's filler words among the words."""
    rng = np.random.default_rng(seed)
    n_units, n_words = 600, 3_000
    counts = sparse.random(n_units, n_words, density=0.02, format="csr", random_state=seed,
                           data_rvs=lambda size: rng.integers(1, 6, size)).astype(np.int64)
    counts = sparse.hstack([counts, counts[:, :50]], format="csr")  # the same counts twice: ties
    names = [f"词{j:05d}" for j in range(counts.shape[1] - 3)]
    words = np.asarray([*names, "发展", "工作", "推进"], dtype=object)
    labels = rng.integers(0, k, n_units)
    scoring = {"weighting": weighting, "filler": {"发展", "工作"}, "filler_weight": 0.1, "top_n": 10}
    fast = class_tfidf((counts, words), labels, **scoring)
    pd.testing.assert_frame_equal(fast, _old_class_tfidf((counts, words), labels, **scoring))
    old = _old_class_tfidf((counts, words), labels, **scoring)
    pd.testing.assert_series_equal(_label_strings(fast, k, 3), _label_strings(old, k, 3))


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    k=st.integers(1, 5),
    weighting=st.sampled_from(["ctfidf", "bm25", "distinctive"]),
)
def test_score_classes_equals_the_dense_computation_on_summed_counts(seed, k, weighting):
    """Counts summed elsewhere (StreamingTopics): fractional, with empty clusters and empty words."""
    rng = np.random.default_rng(seed)
    class_counts = rng.random((k, 12)) * (rng.random((k, 12)) < 0.5)
    class_counts[rng.integers(0, k)] = 0.0
    class_df = np.ceil(class_counts)
    sizes = rng.integers(0, 4, k)
    words = np.asarray([*WORDS, "x"], dtype=object)
    scoring = {"weighting": weighting, "filler": {"发展"}, "filler_weight": 0.1}
    pd.testing.assert_frame_equal(
        score_classes(class_counts, class_df, sizes, range(k), words, 3, 1, **scoring),
        _old_score_classes(class_counts, class_df, sizes, range(k), words, 3, 1, **scoring),
    )


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_topics=st.integers(1, 6),
    dtype=st.sampled_from([np.float32, np.float64]),
    init=st.sampled_from(["nndsvda", "nndsvd", "random"]),
    n_jobs=st.integers(1, 3),
    tol=st.sampled_from([1e-3, 1e-6, 0.0]),
)
def test_nmf_fit_transform_equals_scikit_learns(seed, n_topics, dtype, init, n_jobs, tol):
    """The gathered products give scikit-learn's factors bit for bit, whatever the threads."""
    X = sparse.random(70, 90, density=0.15, format="csr", random_state=seed, dtype=dtype)
    X.data = np.abs(X.data)
    ours = NMF(n_topics, init=init, random_state=seed, tol=tol, max_iter=60)
    theirs = NMF(n_topics, init=init, random_state=seed, tol=tol, max_iter=60)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        mine = nmf_fit_transform(ours, X, n_jobs=n_jobs)
        reference = theirs.fit_transform(X)
    assert mine.dtype == reference.dtype and np.array_equal(mine, reference)
    assert np.array_equal(ours.components_, theirs.components_)
    assert ours.n_iter_ == theirs.n_iter_ and ours.reconstruction_err_ == theirs.reconstruction_err_


def test_nmf_loop_runs_its_products_on_one_pool_of_threads():
    """The coordinate-descent loop's products share one pool (none started per product)."""
    X = sparse.random(70, 90, density=0.15, format="csr", random_state=0, dtype=np.float32)
    X.data = np.abs(X.data)
    nmf = NMF(4, init="nndsvda", random_state=0, tol=1e-6, max_iter=30)
    with warnings.catch_warnings(), mock.patch("textkit._svd.ThreadPoolExecutor") as per_product:
        warnings.simplefilter("ignore", ConvergenceWarning)
        nmf_fit_transform(nmf, X, n_jobs=2)
    assert nmf.n_iter_ > 1 and per_product.call_count == 0


def test_nmf_fit_transform_leaves_other_cases_to_scikit_learn():
    X = sparse.random(30, 40, density=0.3, format="csr", random_state=1)
    # row 0 holds column 2 twice: not canonical (scikit-learn's products sum such entries in place)
    duplicated = sparse.csr_matrix(
        (np.array([1.0, 0.5, 2.0]), np.array([2, 2, 5]), np.array([0, 2, 3] + [3] * 28)), shape=(30, 40)
    )
    assert not duplicated.has_canonical_format
    for matrix, params in [
        (X.toarray(), {}),
        (X.tocsc(), {}),
        (duplicated, {}),
        (X, {"shuffle": True}),
        (X, {"alpha_W": 0.1}),
        (X, {"solver": "mu"}),
    ]:
        ours, theirs = NMF(3, random_state=0, **params), NMF(3, random_state=0, **params)
        with mock.patch("textkit.cluster._nmf._coordinate_descent") as loop:
            assert np.array_equal(nmf_fit_transform(ours, matrix), theirs.fit_transform(matrix))
        loop.assert_not_called()


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.sampled_from([0.0, 0.0, 0.1, 0.25, 0.25, 0.5, 1e-9, 3.0]), min_size=0, max_size=40),
    top_n=st.integers(0, 12),
    seed=st.integers(0, 2**16),
)
def test_nmf_top_terms_from_candidates_equal_the_full_sort(values, top_n, seed):
    """``_nmf_view`` ranks only ``_top_candidates``: the same terms, in the same order (ties by
    name), as sorting every positive loading did."""
    loadings = np.asarray(values, dtype=np.float32)
    names = np.asarray(np.random.default_rng(seed).permutation(WORDS * 4)[: len(values)], dtype=object)

    def key(j):
        return (-loadings[j], names[j])

    old = sorted(np.flatnonzero(loadings > 0), key=key)[:top_n]
    assert sorted(_top_candidates(loadings, top_n), key=key)[:top_n] == old
