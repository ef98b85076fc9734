"""textkit.features: the n-gram keys of the character block = the n-gram strings, and scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from sklearn.preprocessing import normalize

from textkit._svd import _InThisThread, _pool
from textkit.features import (
    TermFeatures,
    _blocks,
    _char_wb_grams,
    _char_wb_keys,
    _joined_on,
    _name_keys,
    _stack_on,
    _weighted_join,
)

# CJK, Latin, a space, an astral character (two UTF-16 units, one code point) and a CJK extension B one
ALPHABET = "政绩观党建一把手工程ab 😀𠀀"


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.text(alphabet=ALPHABET, max_size=5), max_size=10),
    st.sampled_from([(1, 1), (1, 2), (2, 2), (1, 3), (2, 3), (3, 3)]),
)
def test_keys_name_the_same_ngrams_in_the_same_order(words, ngram_range):
    numbers, grams = _char_wb_grams(words, *ngram_range)
    key_numbers, keys, text, begins, sizes = _char_wb_keys(words, *ngram_range)
    assert key_numbers.tolist() == numbers
    assert [text[b : b + n] for b, n in zip(begins.tolist(), sizes.tolist(), strict=True)] == grams
    # one key per distinct string, whichever n produced it, and the names' keys are the same keys
    assert len(set(keys.tolist())) == len(set(grams))
    assert _name_keys(np.asarray(grams, dtype=object)).tolist() == keys.tolist()


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.text(alphabet=ALPHABET + "\x00", max_size=5), max_size=10),
    st.sampled_from([(1, 1), (1, 2), (2, 2), (1, 3), (2, 3), (3, 3)]),
)
def test_names_read_from_the_keys_equal_the_ngrams_sliced_from_the_text(words, ngram_range):
    # NUL characters too (a NumPy string drops them at its end: the names are then sliced)
    from textkit.features import _key_names

    _, keys, text, begins, sizes = _char_wb_keys(words, *ngram_range)
    expected = [text[b : b + n] for b, n in zip(begins.tolist(), sizes.tolist(), strict=True)]
    assert _key_names(keys, text, begins, sizes).tolist() == expected


def _assert_char_block_equals_char_wb(rows: list[list[str]], ngram_range: tuple[int, int] | None) -> None:
    """TermFeatures' character block (``ngram_range`` None: its default) = scikit-learn's char_wb
    TF-IDF on the joined tokens: names, fitted matrix, and transform of the rows in another order."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    given_range = {} if ngram_range is None else {"char_ngram_range": ngram_range}
    ours = TermFeatures(char_weight=1.0, min_df=1, max_df=1.0, **given_range)
    reference = TfidfVectorizer(
        analyzer="char_wb",
        preprocessor=" ".join,
        ngram_range=ngram_range or ours.char_ngram_range,
        sublinear_tf=True,
        lowercase=False,
    )
    try:
        expected = reference.fit_transform(rows)
    except ValueError:
        return  # no n-gram at all: both refuse
    got = ours.fit_transform(rows)
    assert list(ours.get_feature_names_out()) == [f"char:{g}" for g in reference.get_feature_names_out()]
    assert abs(got - expected).max() < 1e-12
    assert abs(ours.transform(rows) - expected).max() < 1e-12
    assert abs(ours.transform(rows[::-1]) - reference.transform(rows[::-1])).max() < 1e-12


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=4), max_size=8),
        min_size=3,
        max_size=12,
    ),
    st.sampled_from([(1, 3), (2, 3), (1, 4)]),
)
def test_character_block_equals_scikit_learns_char_wb_for_other_ranges(rows, ngram_range):
    _assert_char_block_equals_char_wb(rows, ngram_range)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet="政绩观党建一把手工程 ab", min_size=1, max_size=4), max_size=8),
        min_size=3,
        max_size=12,
    )
)
def test_character_ngrams_equal_scikit_learns_char_wb(rows):
    # the default range, with Latin letters; tokens with spaces are not tokens
    rows = [[token for token in row if token.strip() == token and " " not in token] for row in rows]
    _assert_char_block_equals_char_wb(rows, None)


def _same_csr(got, expected) -> bool:
    return all(
        np.array_equal(getattr(got, name), getattr(expected, name))
        and getattr(got, name).dtype == getattr(expected, name).dtype
        for name in ("indptr", "indices", "data")
    ) and got.shape == expected.shape


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=4), max_size=8),
        min_size=3,
        max_size=30,
    ),
    st.sampled_from([0.0, 0.5, 1.0]),
    st.sampled_from([2, 3, 7, -1]),
)
def test_threads_give_the_same_matrix_bit_for_bit(rows, char_weight, n_jobs):
    # row blocks on threads (more threads than rows too, empty rows among them): the same arrays,
    # the same vocabularies, the same transform
    serial = TermFeatures(char_weight=char_weight, min_df=1, max_df=1.0)
    threaded = TermFeatures(char_weight=char_weight, min_df=1, max_df=1.0, n_jobs=n_jobs)
    try:
        expected = serial.fit_transform(rows)
    except ValueError:
        return  # no term at all: both refuse
    got = threaded.fit_transform(rows)
    assert _same_csr(got, expected)
    assert list(threaded.get_feature_names_out()) == list(serial.get_feature_names_out())
    assert threaded.n_word_features_ == serial.n_word_features_
    assert _same_csr(threaded.transform(rows[::-1]), serial.transform(rows[::-1]))


def _random_csr(draw, n_rows: int, n_cols: int) -> sparse.csr_matrix:
    values = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, width=64)
    dense = np.array(
        draw(st.lists(st.lists(st.one_of(st.just(0.0), values), min_size=n_cols, max_size=n_cols),
                      min_size=n_rows, max_size=n_rows)),
        dtype=np.float64,
    ).reshape(n_rows, n_cols)
    matrix = sparse.csr_matrix(dense)
    if draw(st.booleans()) and matrix.nnz:  # entries of a row out of column order, as transforms leave them
        spans = zip(matrix.indptr[:-1], matrix.indptr[1:], strict=True)
        order = np.concatenate([np.arange(lo, hi)[::-1] for lo, hi in spans])
        matrix = sparse.csr_matrix(
            (matrix.data[order], matrix.indices[order], matrix.indptr), shape=matrix.shape
        )
    return matrix


@st.composite
def _row_blocks(draw):
    n_rows, n_cols = draw(st.integers(1, 9)), draw(st.integers(1, 6))
    matrix = _random_csr(draw, n_rows, n_cols)
    cuts = sorted(set(draw(st.lists(st.integers(0, n_rows), max_size=4))) | {0, n_rows})
    return matrix, cuts


@settings(max_examples=60, deadline=None)
@given(_row_blocks(), st.sampled_from([1, 2, 3]))
def test_stacking_on_threads_equals_scipys_vstack(drawn, n_jobs):
    matrix, cuts = drawn
    blocks = _blocks(matrix, cuts)
    with _pool(n_jobs, len(blocks)) as pool:
        got = _stack_on(pool, blocks)
    expected = blocks[0] if len(blocks) == 1 else sparse.vstack(blocks, format="csr")
    assert _same_csr(got, expected)
    assert _same_csr(_stack_on(_InThisThread(), blocks), expected)


@st.composite
def _parts(draw):
    n_rows = draw(st.integers(1, 6))
    parts = [_random_csr(draw, n_rows, draw(st.integers(1, 5))) for _ in range(draw(st.integers(1, 2)))]
    weights = [np.sqrt(draw(st.sampled_from([0.0, 0.3, 0.5, 1.0]))) for _ in parts]
    return parts, weights


@settings(max_examples=60, deadline=None)
@given(_parts())
def test_weighted_join_equals_combining_weighted_copies(drawn):
    parts, weights = drawn
    weighted = [part * weight for part, weight in zip(parts, weights, strict=True)]
    expected = normalize(sparse.hstack(weighted, format="csr"))  # the formula before _weighted_join
    assert _same_csr(_weighted_join([part.copy() for part in parts], weights), expected)


@st.composite
def _row_blocks_of_parts(draw):
    """Two or three parts (column blocks) of the same rows, cut into the same row blocks."""
    n_rows = draw(st.integers(1, 8))
    parts = [_random_csr(draw, n_rows, draw(st.integers(1, 5))) for _ in range(draw(st.integers(1, 3)))]
    cuts = sorted(set(draw(st.lists(st.integers(1, n_rows), max_size=3))) | {0, n_rows})
    weights = [np.sqrt(draw(st.sampled_from([0.0, 0.3, 0.5, 1.0]))) for _ in parts]
    return [tuple(_blocks(part, cuts)) for part in parts], weights


@settings(max_examples=80, deadline=None)
@given(_row_blocks_of_parts(), st.sampled_from([1, 2, 3]))
def test_join_written_in_place_equals_joining_each_row_block_and_stacking(drawn, n_jobs):
    """_joined_on = _stack_on of _weighted_join of each row block (the formula before it): the same
    arrays, index type included, whatever the threads, with rows out of column order too."""
    by_part, weights = drawn
    row_blocks = list(zip(*by_part, strict=True))
    copies = [tuple(part.copy() for part in parts) for parts in row_blocks]
    expected = _stack_on(_InThisThread(), [_weighted_join(parts, weights) for parts in copies])
    with _pool(n_jobs, len(row_blocks)) as pool:
        got = _joined_on(pool, [tuple(part.copy() for part in parts) for parts in row_blocks], weights)
    assert _same_csr(got, expected)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet="政绩观党建一把手工程ab", min_size=1, max_size=3), max_size=8),
        min_size=2,
        max_size=20,
    ),
    st.sampled_from([1, 2, 3]),
)
def test_word_block_on_a_side_thread_fits_the_same_vocabularies(rows, min_df):
    """With threads the word block is fitted beside the character block: the same vocabularies (the
    same items in the same order, scikit-learn's as dictionaries) and the same refusal when no term
    is left."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from textkit.features import _identity

    serial = TermFeatures(min_df=min_df, max_df=1.0)
    threaded = TermFeatures(min_df=min_df, max_df=1.0, n_jobs=2)
    try:
        expected = serial.fit_transform(rows)
    except ValueError as error:
        with pytest.raises(ValueError) as raised:
            threaded.fit_transform(rows)
        assert str(raised.value) == str(error)
        return
    assert _same_csr(threaded.fit_transform(rows), expected)
    for name in ("word_vectorizer_", "char_vectorizer_"):
        got, wanted = getattr(threaded, name).vocabulary_, getattr(serial, name).vocabulary_
        assert list(got.items()) == list(wanted.items())
    reference = TfidfVectorizer(
        analyzer=_identity, min_df=min_df, max_df=1.0, lowercase=False, token_pattern=None
    ).fit(rows)
    assert threaded.word_vectorizer_.vocabulary_ == reference.vocabulary_


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-3, 40), max_size=200), st.integers(1, 64))
def test_first_occurrences_and_a_small_table_give_what_unique_and_factorize_give(values, hint):
    """_first_occurrences = np.unique's return_index on codes numbered by first appearance, and a
    size_hint (_distinct_hint, or any smaller table that must grow) leaves factorize's result as it is."""
    import pandas as pd

    from textkit._counting import _distinct_hint, _first_occurrences

    keys = np.asarray(values, dtype=np.int64)
    codes, uniques = pd.factorize(keys)
    for size in (hint, _distinct_hint(len(keys))):
        small_codes, small_uniques = pd.factorize(keys, size_hint=size)
        assert np.array_equal(small_codes, codes) and np.array_equal(small_uniques, uniques)
    words = np.asarray([f"w{value}" for value in values], dtype=object)
    assert np.array_equal(pd.factorize(words, size_hint=hint)[0], pd.factorize(words)[0])
    assert np.array_equal(_first_occurrences(codes), np.unique(codes, return_index=True)[1])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=4), min_size=1, max_size=8),
        min_size=2,
        max_size=20,
    ),
    st.sampled_from([1, 2, 3, 0.3]),
    st.sampled_from([1.0, 0.5, 0.9, 4]),
    st.lists(st.integers(1, 19), max_size=3),
    st.sampled_from([1, 2, 3]),
)
def test_character_block_pruned_by_row_blocks_equals_pruning_the_whole(rows, min_df, max_df, cuts, n_jobs):
    """The n-gram counts pruned and selected row block by row block (document frequencies summed over
    the blocks) give the arrays and vocabulary of the whole count matrix pruned and selected at once."""
    from sklearn.feature_extraction.text import TfidfTransformer

    from textkit.features import _CharNgramTfidf, _prune, _stack, _word_counts

    word_counts, words = _word_counts(rows)
    bounds = sorted({0, len(rows), *(cut for cut in cuts if cut < len(rows))})
    block = _CharNgramTfidf((1, 2), min_df, max_df, True)
    incidence, names = block._gram_counts(word_counts, words, None)
    counts = (word_counts @ incidence).tocsr()
    try:
        kept = _prune(counts, min_df, max_df)
    except ValueError:
        with pytest.raises(ValueError):
            block.fit_count_blocks(word_counts, words, bounds, n_jobs)
        return
    kept = kept[np.argsort(names[kept].astype(str), kind="stable")]
    expected = TfidfTransformer(sublinear_tf=True).fit(counts[:, kept]).transform(counts[:, kept])
    blocks = block.fit_count_blocks(word_counts, words, bounds, n_jobs)
    # each block's rows in column order (the counts are turned back from n-grams × units, not sorted)
    assert all(part.has_canonical_format for part in blocks)
    got = _stack(blocks)
    assert _same_csr(got, expected)
    assert block.vocabulary_ == dict(zip(names[kept].tolist(), range(len(kept)), strict=True))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET + "\x00", max_size=6), unique=True, max_size=30), st.booleans())
def test_alphabetical_order_is_pythons(words, small_budget):
    """NumPy's sort of fixed-width strings, or Python's (a NUL character, or too wide): the order of
    sorted(), NUL characters and astral ones among the words."""
    import textkit._counting as counting

    words = [*words, *(word + "\x00" for word in words[:2] if word + "\x00" not in words)]  # a NUL at the end
    expected = sorted(range(len(words)), key=words.__getitem__)
    budget = counting._SORT_BYTES
    try:
        counting._SORT_BYTES = 8 if small_budget else budget
        assert counting._alphabetical_order(words).tolist() == expected
    finally:
        counting._SORT_BYTES = budget
