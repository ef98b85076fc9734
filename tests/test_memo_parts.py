"""textkit.memo.cached_parts: results kept per part of a list equal the whole computation, and a
list with one new item computes one part; the stages that use it combine exactly. And the
reruns' other speed-up: tfidf_keywords ranks each document's terms in one sort, as before."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from call_helpers import count_calls
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import textkit.vocab
from textkit.memo import _part_ends, cached_call, cached_parts
from textkit.pipeline import make_tokenizer, prepare_corpus
from textkit.terms import quoted_phrases
from textkit.vocab import _added_counts, _text_counts, lexicon_frequencies, term_frequencies


@pytest.fixture(scope="module")
def articles(seeds_dir) -> pd.DataFrame:
    return prepare_corpus(seeds_dir).articles


@pytest.fixture(scope="module")
def tokenizer():
    return make_tokenizer()


def _add(parts: list[Counter]) -> Counter:
    return sum(parts, Counter())


def _cuts(items: list, seed: int) -> list[list]:
    """``items`` cut at random places into consecutive parts."""
    rng = random.Random(seed)
    places = sorted(rng.sample(range(1, len(items)), min(len(items) - 1, rng.randint(0, 6))))
    return [items[a:b] for a, b in zip([0, *places], [*places, len(items)], strict=True)]


# --------------------------------------------------------------------------- the parts


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(min_size=8, max_size=8), min_size=0, max_size=300), st.integers(0, 300), st.data())
def test_one_new_item_changes_one_part(digests, where, data):
    """Parts are cut by content: an inserted item falls in one part (or splits it in two when it
    ends a part itself); every other part is the same run of items."""
    where = min(where, len(digests))
    new = data.draw(st.binary(min_size=8, max_size=8))
    after = [*digests[:where], new, *digests[where:]]

    def runs(values):
        ends = _part_ends(values, 4)
        assert ends == sorted(ends) and (not values or ends[-1] == len(values))
        assert all(b - a <= 16 for a, b in zip([0, *ends], ends, strict=False))
        return [tuple(values[a:b]) for a, b in zip([0, *ends], ends, strict=False)]

    before_runs, after_runs = Counter(runs(digests)), Counter(runs(after))
    # without the cap of 4 x average items a part could differ only where the item went;
    # with it, a long run of items without an end moves: allow the parts of that run
    changed = sum((after_runs - before_runs).values())
    assert changed <= 2 or max(map(len, after_runs), default=0) == 16


def test_cached_parts_equal_the_whole_and_a_new_item_computes_one_part(tmp_path, articles, monkeypatch):
    texts = articles.text.tolist()
    whole = quoted_phrases(texts)
    _, calls = count_calls(monkeypatch, textkit.terms, "quoted_phrases")
    from textkit import terms

    first = cached_parts(tmp_path, terms.quoted_phrases, texts[:-1], combine=_add, average=4)
    assert first == quoted_phrases(texts[:-1])
    n_parts = len(calls)
    assert n_parts > 1
    calls.clear()
    again = cached_parts(tmp_path, terms.quoted_phrases, texts, combine=_add, average=4)
    assert again == whole
    assert len(calls) == 1 and len(calls[0][0]) <= 16  # the part with the new text, no other
    calls.clear()
    assert cached_parts(tmp_path, terms.quoted_phrases, texts, combine=_add, average=4) == whole
    assert calls == []
    # another parameter is another key: computed, not read
    assert cached_parts(tmp_path, terms.quoted_phrases, texts, 4, combine=_add, average=4) == quoted_phrases(
        texts, 4
    )
    assert calls


def test_cached_parts_without_a_folder_is_one_part():
    seen = []
    result = cached_parts(None, quoted_phrases, ["“四下基层”"], combine=lambda parts: seen.append(parts) or 1)
    assert result == 1 and seen == [[Counter({"四下基层": 1})]]


def test_an_empty_list_is_combined_from_no_part(tmp_path):
    assert cached_parts(tmp_path, quoted_phrases, [], combine=_add) == Counter()


# --------------------------------------------------------------------------- the stages


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet="政绩观党和民主题教育，“”a", max_size=20), max_size=12),
    st.lists(st.text(alphabet="政绩观党民主题教育a", min_size=1, max_size=4), max_size=8),
    st.data(),
)
def test_added_text_counts_of_any_cut_equal_the_counts_of_all(texts, terms, data):
    hashed = sorted({t for t in terms if len(t) > 1 and "a" not in t})
    plain = sorted(set(terms) - set(hashed))
    parts = _cuts(texts, data.draw(st.integers(0, 10**6))) if len(texts) > 1 else [texts]
    assert _added_counts([_text_counts(part, hashed, plain) for part in parts]) == _text_counts(
        texts, hashed, plain
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lexicon_frequencies_by_parts_equal_the_whole(tmp_path, articles, tokenizer, seed):
    """On the seeds: cached by parts (cold, then with some articles left out and put back) equals
    the table counted over all texts at once."""
    tokens = tokenizer.tokenize_corpus(articles)
    frequencies = term_frequencies(tokens)
    lexicon = tokenizer.segmenter.terms
    whole = lexicon_frequencies(frequencies, articles.text, lexicon)
    rng = random.Random(seed)
    left_out = sorted(rng.sample(range(len(articles)), 3))
    fewer = articles.text.drop(articles.index[left_out])
    lexicon_frequencies(frequencies, fewer, lexicon, cache_dir=tmp_path)
    assert_frame_equal(lexicon_frequencies(frequencies, articles.text, lexicon, cache_dir=tmp_path), whole)
    assert_frame_equal(
        cached_call(tmp_path / "call", lexicon_frequencies, frequencies, articles.text, lexicon), whole
    )


def _tfidf_keywords_by_document(tokens, top_n, doc_ids=None):
    """tfidf_keywords as written before: one sort per document (the reference for the one sort)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    labels = list(range(len(tokens))) if doc_ids is None else list(doc_ids)
    vectorizer = TfidfVectorizer(analyzer=textkit.vocab._identity, lowercase=False, token_pattern=None)
    matrix = vectorizer.fit_transform(tokens).tocsr()
    terms = vectorizer.get_feature_names_out()
    rows = []
    for position, label in enumerate(labels):
        start, end = matrix.indptr[position], matrix.indptr[position + 1]
        weights = np.round(matrix.data[start:end], 4)
        names = terms[matrix.indices[start:end]]
        order = sorted(range(len(names)), key=lambda i: (-weights[i], names[i]))[:top_n]
        for rank, i in enumerate(order, start=1):
            rows.append((label, rank, names[i], float(weights[i])))
    return pd.DataFrame(rows, columns=["doc", "rank", "term", "tfidf"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["党", "民", "主题", "教育", "发展", "a"]), max_size=8),
        min_size=1,
        max_size=8,
    ),
    st.integers(-3, 6),
)
def test_tfidf_keywords_rank_as_one_sort_per_document(tokens, top_n):
    if not any(tokens):
        return
    assert_frame_equal(
        textkit.vocab.tfidf_keywords(tokens, top_n=top_n), _tfidf_keywords_by_document(tokens, top_n)
    )


def test_tfidf_keywords_of_the_seeds_are_unchanged(articles, tokenizer):
    tokens = tokenizer.tokenize_corpus(articles)
    doc_ids = articles.doc_id + " #" + articles.article_no.astype(str)
    assert_frame_equal(
        textkit.vocab.tfidf_keywords(tokens, top_n=5, doc_ids=doc_ids),
        _tfidf_keywords_by_document(tokens, 5, doc_ids),
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.floats(0, 1, allow_nan=False), st.integers(0, 9)),
        max_size=40,
        unique_by=lambda entry: (entry[0], entry[2]),
    ),
    st.sampled_from([10, 2**60]),
)
def test_one_integer_sort_orders_as_the_lexsort(entries, n_columns):
    """Rows, rounded weights (ties included) and columns: the same order as the lexsort, also
    where the key would not fit (the lexsort itself)."""
    row = np.array([r for r, _, _ in entries], dtype=np.int64)
    weights = np.round(np.array([w for _, w, _ in entries], dtype=float), 4)
    weights = np.round(weights * 3, 0) / 3 if len(weights) % 2 else weights  # many ties
    weights = np.round(weights, 4)
    column = np.array([c for _, _, c in entries], dtype=np.int32)
    expected = np.lexsort((column, -weights, row))
    assert np.array_equal(textkit.vocab._by_row_weight_column(row, weights, column, n_columns), expected)
