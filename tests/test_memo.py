"""textkit.memo: cached = uncached for every new cache, and a key misses when anything it covers changes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from call_helpers import count_calls
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import textkit.memo
import textkit.vocab
from textkit.cache import ParquetCache
from textkit.extract import extract_claims, extract_formulations, extract_places
from textkit.memo import Unfingerprintable, cached_call, call_key, fingerprint
from textkit.pipeline import fit_topics_cached, make_tokenizer, prepare_corpus, refit_outcome
from textkit.vocab import collocations, term_frequencies


@pytest.fixture(scope="module")
def articles(seeds_dir) -> pd.DataFrame:
    return prepare_corpus(seeds_dir).articles


@pytest.fixture(scope="module")
def tokens(articles) -> list[list[str]]:
    return make_tokenizer().tokenize_corpus(articles)


# --------------------------------------------------------------------------- fingerprint


def test_fingerprint_reads_content_not_identity():
    frame = pd.DataFrame({"doc_id": ["a", "b"], "n": [1, 2]})
    assert fingerprint(frame) == fingerprint(frame.copy())
    assert fingerprint([["主题", "教育"]]) == fingerprint([["主题", "教育"]])
    changed = [
        frame.assign(n=[1, 3]),
        frame.assign(n=[1.0, 2.0]),  # dtype
        frame.rename(columns={"n": "m"}),
        frame.set_axis([5, 6]),  # index
        frame.iloc[::-1],
        frame.assign(doc_id=["a", "c"]),
    ]
    assert len({fingerprint(frame), *map(fingerprint, changed)}) == len(changed) + 1
    # token lists: where the words split matters, not only their characters
    assert fingerprint([["主题教育"]]) != fingerprint([["主题", "教育"]])
    assert fingerprint([["a"], ["b"]]) != fingerprint([["a", "b"]])
    assert fingerprint([["a\0b"]]) != fingerprint([["a", "b"]])  # a NUL inside a token
    assert fingerprint(["a\0", "b"]) != fingerprint(["a", "\0b"])
    assert fingerprint(frozenset({"x", "y"})) == fingerprint(frozenset({"y", "x"}))
    assert fingerprint(None) != fingerprint("None") != fingerprint(0)


def test_a_numeric_index_is_read_by_its_values_and_dtype():
    """A filtered table's row labels (fed by their bytes, not one by one): equal labels give
    equal fingerprints, another label, order or dtype another."""
    frame = pd.DataFrame({"a": ["x", "y", "z"], "n": [1, 2, 3]}).iloc[[0, 2]]
    assert fingerprint(frame) == fingerprint(frame.copy())
    changed = [
        frame.set_axis([0, 3]),
        frame.set_axis([2, 0]),
        frame.set_axis(pd.Index([0.0, 2.0])),
        frame.set_axis(pd.Index([0, 2], dtype="int32")),
        frame.set_axis(pd.Index(["0", "2"])),
        frame.set_axis(pd.Index([0, 2], name="row")),
    ]
    assert len({fingerprint(frame), *map(fingerprint, changed)}) == len(changed) + 1
    missing = pd.Series([1.0], index=[float("nan")])
    assert fingerprint(missing) == fingerprint(missing.copy())


def test_an_object_of_unknown_content_is_refused_and_computed(tmp_path, tokens):
    with pytest.raises(Unfingerprintable):
        fingerprint(object())
    with pytest.warns(UserWarning, match="computed, not cached"):
        result = cached_call(tmp_path, term_frequencies, tokens, groups=[object()] * len(tokens))
    assert len(result)
    assert not list(tmp_path.glob("*/blob-*.bin"))


# --------------------------------------------------------------------------- cached_call


def test_cached_call_equals_the_call_and_a_hit_does_not_compute(tmp_path, tokens, monkeypatch):
    expected = collocations(tokens, min_count=3)
    counted, calls = count_calls(monkeypatch, textkit.vocab, "collocations")
    first = cached_call(tmp_path, counted, tokens, min_count=3)
    second = cached_call(tmp_path, counted, tokens, min_count=3)
    assert_frame_equal(first, expected)
    assert_frame_equal(second, expected)
    assert len(calls) == 1
    assert cached_call(None, counted, tokens, min_count=3) is not None and len(calls) == 2


def test_the_key_misses_when_a_token_parameter_default_or_code_changes(tokens, monkeypatch):
    base = call_key(collocations, tokens, min_count=3)
    assert call_key(collocations, tokens, 3) == base  # the same call, written differently
    edited = [list(row) for row in tokens]
    edited[-1] = [*edited[-1], "新词"]
    assert call_key(collocations, edited, min_count=3) != base
    assert call_key(collocations, tokens, min_count=4) != base
    assert call_key(collocations, tokens, min_count=3, sort_by="pmi") != base
    assert call_key(term_frequencies, tokens) != call_key(term_frequencies, tokens, groups=None)[::-1]
    monkeypatch.setattr(textkit.memo, "code_version", lambda *a, **k: "another-version")
    assert call_key(collocations, tokens, min_count=3)[0] != base[0]


def test_only_textkit_functions_are_cached(tmp_path):
    with pytest.raises(ValueError, match="textkit"):
        cached_call(tmp_path, sorted, [3, 1])


def test_calls_on_a_cached_model_are_keyed_by_the_fit(tmp_path, seed_documents):
    from textkit.cluster import nmf_topics, paragraph_units, refit

    articles = prepare_corpus_from(seed_documents)
    units = paragraph_units(articles)
    unit_tokens = make_tokenizer().tokenize_corpus(units)
    params = {"k": 4, "random_state": 0, "unit": "paragraph"}
    model, _ = fit_topics_cached(unit_tokens, tmp_path, **params)
    again, _ = fit_topics_cached(unit_tokens, tmp_path, **params)
    other, _ = fit_topics_cached(unit_tokens, tmp_path, **{**params, "k": 5})
    assert fingerprint(model) == fingerprint(again) != fingerprint(other)
    view = cached_call(tmp_path, nmf_topics, model, random_state=0)
    assert_frame_equal(view.terms, nmf_topics(again, random_state=0).terms)
    assert_frame_equal(cached_call(tmp_path, nmf_topics, again, random_state=0).mapping, view.mapping)
    refitted = cached_call(tmp_path, refit_outcome, model, unit_tokens)
    assert np.array_equal(refitted.labels_, refit(model, unit_tokens).labels_)
    assert refitted.cluster_stability_.equals(refit(model, unit_tokens).cluster_stability_)
    assert np.array_equal(cached_call(tmp_path, refit_outcome, again, unit_tokens).labels_, refitted.labels_)
    assert len(list(tmp_path.glob("call-textkit.pipeline.refit_outcome-*/blob-*.bin"))) == 1


def prepare_corpus_from(documents) -> pd.DataFrame:
    from textkit.articles import split_articles
    from textkit.normalize import normalize_corpus

    return split_articles(normalize_corpus(documents)[0])


# --------------------------------------------------------------------------- per article


@pytest.mark.parametrize("extract", [extract_places, extract_claims, extract_formulations])
def test_per_article_cache_equals_the_extractor_and_extracts_only_new_articles(
    tmp_path, articles, extract, monkeypatch
):
    expected = extract(articles)
    cold = extract(articles, cache_dir=tmp_path)
    warm = extract(articles, cache_dir=tmp_path)
    assert_frame_equal(cold, expected)
    assert_frame_equal(warm, expected)
    # one new article (an edited copy of the first), and a reordered table
    new = articles.iloc[:1].assign(doc_id="added", text=articles.text.iat[0] + "\n新增一段：增长12.5%。")
    grown = pd.concat([articles.iloc[::-1], new], ignore_index=True)
    computed = []
    original = textkit.memo.ParquetCache.put_many

    def spy(self, namespace, items):
        if namespace.startswith("rows-"):  # the articles' rows (not their phrase dependencies)
            computed.extend(k for k in items if k != "dtypes")
        return original(self, namespace, items)

    monkeypatch.setattr(textkit.memo.ParquetCache, "put_many", spy)
    assert_frame_equal(extract(grown, cache_dir=tmp_path), extract(grown))
    assert len(computed) == 1


@pytest.mark.parametrize("extract", [extract_places, extract_claims, extract_formulations])
def test_an_unchanged_corpus_reads_the_whole_table_and_looks_up_no_article(
    tmp_path, articles, extract, monkeypatch
):
    """The whole table is kept by the corpus's content: the same articles again are one read
    (no per-article keys, no phrase scan), equal to the uncached table; one edited text is not
    the same corpus (the per-article cache answers it, and the whole table is kept anew)."""
    expected = extract(articles)
    assert_frame_equal(extract(articles, cache_dir=tmp_path), expected)
    looked_up = []
    original = textkit.memo.ParquetCache.get_many

    def spy(self, namespace, keys):
        looked_up.append(namespace)
        return original(self, namespace, keys)

    monkeypatch.setattr(textkit.memo.ParquetCache, "get_many", spy)
    assert_frame_equal(extract(articles, cache_dir=tmp_path), expected)
    assert looked_up == []
    edited = articles.copy()
    edited.loc[edited.index[0], "text"] = edited.text.iat[0] + "\n投资增长到300亿元，“七个聚焦”在上海。"
    assert_frame_equal(extract(edited, cache_dir=tmp_path), extract(edited))
    assert any(namespace.startswith("rows-") for namespace in looked_up)
    looked_up.clear()
    assert_frame_equal(extract(edited, cache_dir=tmp_path), extract(edited))
    assert looked_up == []


def test_a_custom_matcher_is_computed_without_a_warning(tmp_path, articles):
    import warnings

    from textkit.extract.places import _default_matcher

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = extract_places(articles, matcher=_default_matcher(), cache_dir=tmp_path)
    assert_frame_equal(table, extract_places(articles))
    assert not ParquetCache(tmp_path).namespaces()


def test_a_new_quoted_phrase_reaches_the_articles_that_use_it(tmp_path):
    base = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "article_no": [1, 1],
            "text": ["坚持七个聚焦，推进工作。", "今年完成目标。"],
        }
    )
    assert_frame_equal(extract_formulations(base, cache_dir=tmp_path), extract_formulations(base))
    assert not len(extract_formulations(base))  # unquoted and not in the curated list: not counted
    grown = pd.concat(
        [base, pd.DataFrame({"doc_id": ["c"], "article_no": [1], "text": ["深刻领悟“七个聚焦”。"]})],
        ignore_index=True,
    )
    expected = extract_formulations(grown)
    assert (expected.doc_id == "a").any()  # the unquoted mention now counts: article a changed
    assert_frame_equal(extract_formulations(grown, cache_dir=tmp_path), expected)


def test_an_edited_article_is_extracted_again(tmp_path, articles):
    extract_claims(articles, cache_dir=tmp_path)
    edited = articles.copy()
    edited.loc[edited.index[0], "text"] = edited.text.iat[0] + "\n投资增长到300亿元。"
    result = extract_claims(edited, cache_dir=tmp_path)
    assert_frame_equal(result, extract_claims(edited))
    assert (result.match == "300亿元").any()
    # one namespace of article rows (the edit left no second one), one of whole tables
    assert len([n for n in ParquetCache(tmp_path).namespaces() if n.startswith("rows-")]) == 1


def test_an_article_without_rows_first_does_not_fix_the_dtypes(tmp_path, articles):
    empty = pd.DataFrame({"doc_id": ["e"], "article_no": [1], "text": ["没有数字的一段话。"]})
    assert_frame_equal(extract_claims(empty, cache_dir=tmp_path), extract_claims(empty))
    grown = pd.concat([empty, articles], ignore_index=True)
    assert_frame_equal(extract_claims(grown, cache_dir=tmp_path), extract_claims(grown))
    assert_frame_equal(extract_claims(grown, cache_dir=tmp_path), extract_claims(grown))


def test_counts_kept_by_content_follow_a_change_of_the_tokens():
    from textkit.vocab import keyness

    tokens = [["政绩观", "发展"], ["发展"], ["民生"]]
    first = keyness(tokens, [True, False, False])
    assert_frame_equal(keyness(tokens, [True, False, False]), first)
    tokens[1].append("政绩观")  # changed in place: the kept counts must not be used
    changed = keyness(tokens, [True, False, False])
    assert changed.set_index("term").loc["政绩观", "reference"] == 1
    assert_frame_equal(changed, keyness([list(row) for row in tokens], [True, False, False]))


def test_sparse_matrices_are_fingerprinted_by_content():
    from scipy import sparse

    dense = np.array([[0, 1.5, 0], [2, 0, 0]])
    csr = sparse.csr_matrix(dense)
    assert fingerprint(csr) == fingerprint(sparse.csc_matrix(dense)) == fingerprint(csr.copy())
    unsorted = sparse.csr_matrix((np.array([1.0, 2.0]), np.array([2, 0]), np.array([0, 2])), shape=(1, 3))
    assert fingerprint(unsorted) == fingerprint(sparse.csr_matrix(np.array([[2.0, 0, 1.0]])))
    changed = csr.copy()
    changed.data[0] = 1.25
    assert fingerprint(changed) != fingerprint(csr)
    wide, tall = sparse.csr_matrix(np.zeros((2, 3))), sparse.csr_matrix(np.zeros((3, 2)))
    assert fingerprint(wide) != fingerprint(tall)
    assert fingerprint(csr) != fingerprint(csr.astype(np.float32))
    assert fingerprint(csr) != fingerprint(dense)


def _row_keys_item_by_item(table: pd.DataFrame, settings: str, dependencies) -> list[str]:
    """The per-article keys as they were computed before: one digest update per item."""
    import hashlib

    from textkit.memo import _ARTICLE_KEYS, _feed

    columns = [c for c in table.columns if c not in _ARTICLE_KEYS]
    keys = []
    values = zip(*(table[c].tolist() for c in columns), strict=True) if columns else ((),) * len(table)
    for position, row in enumerate(values):
        digest = hashlib.sha256(settings.encode())
        for column, value in zip(columns, row, strict=True):
            _feed(digest, column)
            _feed(digest, value)
        if dependencies is not None:
            _feed(digest, dependencies[position])
        keys.append(digest.hexdigest())
    return keys


_CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=5),
    st.lists(st.text(max_size=3), max_size=3),
)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(_CELLS, _CELLS, st.text(max_size=6)), max_size=6),
    with_dependencies=st.booleans(),
)
def test_article_row_keys_hash_what_the_item_by_item_keys_hashed(rows, with_dependencies):
    from textkit.memo import _article_row_keys

    table = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(rows))],
            "article_no": range(len(rows)),
            "a": pd.Series([row[0] for row in rows], dtype=object),
            "b": pd.Series([row[1] for row in rows], dtype=object),
            "text": [row[2] for row in rows],
        }
    )
    dependencies = [f"dep{i}" for i in range(len(rows))] if with_dependencies else None
    expected = _row_keys_item_by_item(table, "settings", dependencies)
    assert _article_row_keys(table, "settings", dependencies) == expected
    typed = table.astype({"text": "string"}).assign(n=range(len(rows)))
    assert _article_row_keys(typed, "s", None) == _row_keys_item_by_item(typed, "s", None)


def _token_lists_fed_with_two_joins(rows) -> bytes | None:
    """What ``_feed_token_lists`` fed before it joined once: a join to test the items, then
    ``_feed_strings``' own join (None: not fed, an item is not a string)."""
    from itertools import chain

    from textkit.memo import _Collected, _feed_strings

    flat = list(chain.from_iterable(rows))
    try:
        "".join(flat)[:0]
    except TypeError:
        return None
    collected = _Collected()
    collected.update(b"token-lists\0")
    collected.update(np.fromiter(map(len, rows), dtype=np.int64, count=len(rows)).tobytes())
    _feed_strings(collected, flat)
    return b"".join(collected.parts)


_TOKEN = st.one_of(st.text(alphabet="党政\0a ", max_size=3), st.text(max_size=2))


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.lists(st.one_of(_TOKEN, _TOKEN, st.integers(), st.none()), max_size=4), max_size=5))
def test_token_lists_are_fed_as_before_they_were_joined_once(rows):
    from textkit.memo import _Collected, _feed_token_lists

    collected = _Collected()
    fed = _feed_token_lists(collected, rows)
    expected = _token_lists_fed_with_two_joins(rows)
    assert fed == (expected is not None)
    assert (b"".join(collected.parts) if fed else None) == expected
    if fed:  # a NUL inside a token changes how the strings are fed: both ways are drawn
        assert fingerprint(rows) == fingerprint([list(row) for row in rows])
