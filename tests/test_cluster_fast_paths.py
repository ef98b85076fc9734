"""The cluster stage's fast paths give exactly what the plain code they replaced gave.

Each reference below is the previous implementation, kept here verbatim so the fast one is
checked against it on random inputs (hypothesis), not against numbers copied from a run.
"""

from __future__ import annotations

import itertools
from unittest import mock

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from threadpoolctl import threadpool_info

from textkit.cluster.model import _is_filler, class_tfidf, topic_coherence
from textkit.cluster.views import _article_keys
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
