"""textkit.features: the n-gram keys of the character block = the n-gram strings, and scikit-learn."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from textkit.features import TermFeatures, _char_wb_grams, _char_wb_keys, _name_keys

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
