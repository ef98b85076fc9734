"""textkit.vocab: frequencies, keyness, KWIC, collocations and TF-IDF keywords, each checked
against numbers computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2

from textkit.vocab import collocations, keyness, kwic, term_counts, term_frequencies, tfidf_keywords

# Token lists shaped like tokenize_corpus output (seed 000 and 001 vocabulary).
DOCS = [
    ["政绩观", "为民造福", "党", "政绩观"],
    ["政绩观", "偏差", "党"],
    ["形象工程", "面子工程", "偏差"],
]


def test_term_frequencies_counts_terms_and_documents():
    table = term_frequencies(DOCS)
    assert list(table.columns) == ["term", "frequency", "docfreq", "rank"]
    row = table.set_index("term").loc["政绩观"]
    assert (row.frequency, row.docfreq, row["rank"]) == (3, 2, 1)
    assert table.set_index("term").loc["党"].tolist() == [2, 2, 2]
    # ties: 偏差 and 党 both 2, ordered by term (偏 U+504F before 党 U+515A); ranks share the smallest
    assert table.term.tolist()[:3] == ["政绩观", "偏差", "党"]
    assert table.frequency.is_monotonic_decreasing
    assert table["rank"].tolist() == [1, 2, 2, 4, 4, 4]
    assert table[table.frequency == 1].term.tolist() == sorted(["为民造福", "形象工程", "面子工程"])


def test_term_frequencies_per_group():
    table = term_frequencies(DOCS, groups=["人民日报", "人民日报", "学习时报"])
    assert list(table.columns) == ["group", "term", "frequency", "docfreq", "rank"]
    assert table.group.tolist() == sorted(table.group.tolist())
    people = table[table.group == "人民日报"].set_index("term")
    assert people.loc["政绩观", "frequency"] == 3 and people.loc["政绩观", "docfreq"] == 2
    assert "形象工程" not in people.index
    study = table[table.group == "学习时报"].set_index("term")
    assert study.loc["偏差", ["frequency", "docfreq", "rank"]].tolist() == [1, 1, 1]
    with pytest.raises(ValueError, match="group labels"):
        term_frequencies(DOCS, groups=["a"])


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["党", "民", "政绩观", "主题教育", "走深走实"]), max_size=8), max_size=6
    )
)
def test_term_frequencies_add_up(docs):
    table = term_frequencies(docs)
    assert table.frequency.sum() == sum(len(doc) for doc in docs)
    assert (table.docfreq <= table.frequency).all()
    assert (table.docfreq <= len(docs)).all()


def _g2_by_hand(a: int, b: int, total_a: int, total_b: int) -> float:
    """Dunning's G² from the four cells of the 2×2 table, written out."""
    n = total_a + total_b
    cells = [
        (a, (a + b) * total_a / n),
        (b, (a + b) * total_b / n),
        (total_a - a, (n - a - b) * total_a / n),
        (total_b - b, (n - a - b) * total_b / n),
    ]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def test_keyness_matches_the_2x2_table_by_hand():
    target = [["政绩观"] * 10 + ["发展"] * 90]  # 100 tokens
    reference = [["政绩观"] * 5 + ["发展"] * 195]  # 200 tokens
    table = keyness(target + reference, [True, False]).set_index("term")
    # 政绩观: a=10 of 100, b=5 of 200.
    # E = 15·100/300 = 5 and 10; 285·100/300 = 95 and 190.
    # G² = 2·(10 ln(10/5) + 5 ln(5/10) + 90 ln(90/95) + 195 ln(195/190))
    #    = 2·(6.9315 − 3.4657 − 4.8660 + 5.0652) ≈ 7.330
    expected = 2 * (10 * math.log(2) + 5 * math.log(0.5) + 90 * math.log(90 / 95) + 195 * math.log(195 / 190))
    assert expected == pytest.approx(_g2_by_hand(10, 5, 100, 200))
    row = table.loc["政绩观"]
    assert row.g2 == pytest.approx(round(expected, 4))
    assert row.g2 == pytest.approx(7.3299, abs=2e-4)
    assert row.log_ratio == pytest.approx(round(math.log2((10 / 100) / (5 / 200)), 3))  # log2(4) = 2
    assert row.p_value == pytest.approx(chi2.sf(expected, 1), rel=1e-3)
    assert (row.target, row.reference) == (10, 5)
    # 发展 is relatively rarer in the target: same |G²|, negative sign
    assert table.loc["发展"].g2 == pytest.approx(-round(expected, 4))
    assert table.index.tolist() == ["政绩观", "发展"]


def test_keyness_smooths_zero_counts_and_filters():
    docs = [["政绩观", "政绩观", "发展"], ["发展", "发展", "民生"]]
    table = keyness(docs, pd.Series([True, False])).set_index("term")
    # 政绩观 never in the reference: log2((2/3) / (0.5/3))
    assert table.loc["政绩观"].log_ratio == pytest.approx(round(math.log2((2 / 3) / (0.5 / 3)), 3))
    assert table.loc["政绩观"].g2 == pytest.approx(round(_g2_by_hand(2, 0, 3, 3), 4))
    assert table.g2.is_monotonic_decreasing
    assert "民生" not in keyness(docs, [True, False], min_count=2).term.tolist()
    with pytest.raises(ValueError, match="some documents"):
        keyness(docs, [True, True])
    with pytest.raises(ValueError, match="values"):
        keyness(docs, [True])


ARTICLES = pd.DataFrame(
    {
        "doc_id": ["000", "000", "001"],
        "article_no": [1, 2, 1],
        # seed 000 and seed 001 lines
        "text": [
            "各地扎实开展树立和践行正确政绩观学习教育",
            "发挥各级党校（行政学院）主阵地作用\n推动政绩观教育融入日常",
            "人民是正确政绩观的核心",
        ],
    }
)


def test_kwic_positions_and_windows():
    table = kwic(ARTICLES, "政绩观", window=4)
    assert list(table.columns) == ["doc_id", "article_no", "start", "end", "left", "match", "right"]
    assert len(table) == 3
    for row in table.itertuples():
        text = ARTICLES.set_index(["doc_id", "article_no"]).loc[(row.doc_id, row.article_no), "text"]
        assert text[row.start : row.end] == "政绩观"
        assert row.left == text[max(0, row.start - 4) : row.start].replace("\n", "¶")
    first = table.iloc[0]
    assert (first.start, first.end, first.left, first.right) == (13, 16, "践行正确", "学习教育")
    second = table.iloc[1]
    assert second.left == "用¶推动" and second.right == "教育融入"
    assert table.iloc[2].left == "人民是正确"[-4:]


def test_kwic_exact_and_regex():
    # an exact pattern with regex characters in it
    assert kwic(ARTICLES, "（行政学院）", window=2).match.tolist() == ["（行政学院）"]
    table = kwic(ARTICLES, r"正确\w{3}", regex=True, window=0)
    assert table.match.tolist() == ["正确政绩观", "正确政绩观"]
    assert table.left.tolist() == ["", ""]
    assert kwic(ARTICLES[["doc_id", "text"]], "政绩观").columns[:2].tolist() == ["doc_id", "start"]
    with pytest.raises(ValueError, match="empty string"):
        kwic(ARTICLES, "x*", regex=True)


def test_collocations_pmi_and_t_score_by_hand():
    docs = [["主题", "教育", "开展"], ["主题", "教育"], ["学习", "教育"]]
    table = collocations(docs, min_count=1).set_index(["first", "second"])
    # pairs: (主题,教育)×2, (教育,开展)×1, (学习,教育)×1; N = 4
    # 主题 first in 2 pairs, 教育 second in 3: PMI = log2(2·4 / (2·3)), t = (2 − 2·3/4) / √2
    row = table.loc[("主题", "教育")]
    assert row["count"] == 2
    assert row.pmi == pytest.approx(round(math.log2(8 / 6), 3))
    assert row.t_score == pytest.approx(round((2 - 1.5) / math.sqrt(2), 3))
    assert table.loc[("教育", "开展")].pmi == pytest.approx(round(math.log2(1 * 4 / (1 * 1)), 3))
    # pairs never cross documents: 教育 ends document 2, 学习 starts document 3
    assert ("教育", "学习") not in table.index
    assert collocations(docs, min_count=2).shape[0] == 1
    by_pmi = collocations(docs, min_count=1, sort_by="pmi")
    assert by_pmi.pmi.is_monotonic_decreasing
    assert collocations([["党"]]).empty


def _collocations_by_counter(tokens, min_count):
    """The first implementation (a Counter of word tuples), to check the numpy one against."""
    from collections import Counter
    from itertools import pairwise

    pairs = Counter()
    for doc in tokens:
        pairs.update(pairwise(doc))
    total = sum(pairs.values())
    n1, n2 = Counter(), Counter()
    for (first, second), count in pairs.items():
        n1[first] += count
        n2[second] += count
    rows = [
        (
            a,
            b,
            c,
            round(math.log2(c * total / (n1[a] * n2[b])), 3),
            round((c - n1[a] * n2[b] / total) / math.sqrt(c), 3),
        )
        for (a, b), c in pairs.items()
        if c >= min_count
    ]
    frame = pd.DataFrame(rows, columns=["first", "second", "count", "pmi", "t_score"])
    return frame.sort_values(
        ["t_score", "first", "second"], ascending=[False, True, True], ignore_index=True, kind="stable"
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(["党", "民", "政绩观", "主题", "教育", "a"]), max_size=9), max_size=8),
    st.integers(1, 3),
)
def test_collocations_equal_a_counter_of_word_pairs(tokens, min_count):
    expected = _collocations_by_counter(tokens, min_count)
    found = collocations(tokens, min_count=min_count)
    if expected.empty:
        assert found.empty
    else:
        pd.testing.assert_frame_equal(found, expected)


def test_tfidf_keywords_keep_single_characters_and_match_sklearn_formula():
    docs = [["党", "党", "民"], ["民", "国"]]
    table = tfidf_keywords(docs, top_n=2, doc_ids=["a", "b"])
    assert list(table.columns) == ["doc", "rank", "term", "tfidf"]
    # smooth idf: ln((1+n)/(1+df)) + 1; n = 2
    idf_once, idf_twice = math.log(3 / 2) + 1, 1.0
    norm_a = math.hypot(2 * idf_once, idf_twice)
    a = table[table.doc == "a"]
    assert a.term.tolist() == ["党", "民"]
    assert a.tfidf.tolist() == pytest.approx([round(2 * idf_once / norm_a, 4), round(idf_twice / norm_a, 4)])
    b = table[table.doc == "b"]
    assert b.term.tolist() == ["国", "民"] and b["rank"].tolist() == [1, 2]


def test_tfidf_keywords_breaks_ties_by_term_and_limits_rows():
    docs = [["形象工程", "面子工程", "政绩工程"], ["党"]]
    table = tfidf_keywords(docs, top_n=2)
    first = table[table.doc == 0]
    assert first.term.tolist() == sorted(["形象工程", "面子工程", "政绩工程"])[:2]
    assert len(table) == 3
    assert tfidf_keywords([[], []]).empty


def test_keyness_of_counted_tokens_equals_keyness_of_the_tokens():
    tokens = [
        ["政绩观", "发展", "发展"],
        ["发展", "主题教育"],
        ["政绩观", "政绩观"],
        ["主题教育", "发展", "调研"],
    ]
    counts = term_counts(tokens)
    for mask in ([True, False, False, False], [True, False, True, False], [False, True, True, True]):
        pd.testing.assert_frame_equal(keyness(tokens, mask, counts=counts), keyness(tokens, mask))
    # the counts are read, not changed
    assert counts[0].toarray().tolist() == term_counts(tokens)[0].toarray().tolist()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["党", "民", "政绩观", "", "a", "A", "b\0", "𠀀", "发展", " "]), max_size=8),
        max_size=8,
    )
)
def test_count_matrix_equals_scikit_learns_count_vectorizer(tokens):
    """The hash-table counts are CountVectorizer's: the same terms in the same order, the same
    int64 counts at the same places (empty documents and empty strings too)."""
    from textkit.vocab import _count_matrix_of, _count_matrix_sklearn

    if not any(tokens):
        matrix, terms = _count_matrix_of(tokens)
        assert matrix.shape == (len(tokens), 0) and terms.tolist() == []
        return
    matrix, terms = _count_matrix_of(tokens)
    expected, expected_terms = _count_matrix_sklearn(tokens)
    assert terms.tolist() == expected_terms.tolist()
    assert matrix.dtype == expected.dtype == np.int64 and matrix.shape == expected.shape
    assert matrix.has_canonical_format
    assert (matrix != expected).nnz == 0 and matrix.nnz == expected.nnz


def test_count_matrix_gives_tokens_that_are_not_strings_to_scikit_learn():
    from textkit.vocab import _count_matrix_of

    matrix, terms = _count_matrix_of([[1, 2, 2], [2]])
    assert terms.tolist() == [1, 2] and matrix.toarray().tolist() == [[1, 2], [0, 1]]


def test_importing_vocab_imports_neither_scikit_learn_nor_scipy_stats():
    """A notebook that counts terms or reads cached tables does not pay for their imports."""
    import subprocess
    import sys

    code = "import sys, textkit.vocab; print(sorted({'sklearn', 'scipy.stats'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _old_key_terms(tokens, mask, n, counts=None):
    """What 04's province and outlet tables took before ``key_terms``: the full table's head."""
    key = keyness(tokens, mask, counts=counts)
    return key[key.g2 > 0].head(n).term.tolist()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["党", "民", "政绩观", "发展", "调研", "a"]), max_size=6),
        min_size=2,
        max_size=9,
    ),
    st.lists(st.booleans(), min_size=9, max_size=9),
    st.integers(min_value=0, max_value=7),
)
def test_key_terms_are_the_head_of_the_keyness_table(tokens, flags, n):
    """The same terms in the same order as the table's first n rows with G² > 0 (ties in G²,
    broken by term, included: few terms and short documents make many), and the same errors."""
    from textkit.vocab import key_terms

    mask = flags[: len(tokens)]
    try:
        expected = _old_key_terms(tokens, mask, n)
    except ValueError as error:
        with pytest.raises(ValueError, match=str(error)[:20]):
            key_terms(tokens, mask, n)
        return
    assert key_terms(tokens, mask, n) == expected
    assert key_terms(tokens, mask, n, counts=term_counts(tokens)) == expected


def test_key_terms_on_the_seeds_equal_the_keyness_table(seeds_dir):
    """On the seeds' tokens, every outlet-like mask (each article against the rest, the first
    half against the second) gives the table's head, for 8 and 25 terms."""
    from textkit.pipeline import make_tokenizer, prepare_corpus
    from textkit.vocab import key_terms

    articles = prepare_corpus(seeds_dir).articles
    tokens = make_tokenizer(None).tokenize_corpus(articles)
    counts = term_counts(tokens)
    masks = [np.arange(len(tokens)) == row for row in range(len(tokens))]
    masks.append(np.arange(len(tokens)) < len(tokens) // 2)
    for mask in masks:
        for n in (8, 25):
            assert key_terms(tokens, mask, n, counts=counts) == _old_key_terms(tokens, mask, n, counts)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(["党", "民", "政绩观", ""]),
                st.text(max_size=2),
                st.none(),
                st.integers(-2, 2),
                st.floats(allow_nan=False, allow_infinity=False),
            ),
            max_size=6,
        ),
        max_size=6,
    )
)
def test_codes_in_order_number_the_words_as_a_dictionary_filled_token_by_token(tokens):
    from textkit.vocab import _codes_in_order

    ids: dict = {}
    expected = [ids.setdefault(token, len(ids)) for doc in tokens for token in doc]
    codes, words = _codes_in_order(tokens, len(expected))
    assert codes.dtype == np.int64 and codes.tolist() == expected
    assert words.dtype == object and words.tolist() == list(ids)


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.lists(st.lists(st.sampled_from(["党", "民", "政绩观", "主题", "a", "1"]), max_size=6), max_size=7),
        st.lists(st.lists(st.integers(0, 3), max_size=4), max_size=7),  # terms that are not strings
    ),
    st.lists(st.sampled_from(["人民日报", "新华社", ""]), min_size=7, max_size=7),
)
def test_frequency_rows_equal_the_table_made_from_the_object_array(tokens, labels):
    import textkit.vocab
    from textkit.vocab import _count_matrix_of, _frequency_rows

    matrix, terms = _count_matrix_of(tokens)
    labels = np.array(labels[: len(tokens)], dtype=object)
    group_values = sorted(set(labels.tolist()), key=str)
    taken = textkit.vocab._taken
    for found_labels, values in ((labels, group_values), (None, None)):
        found = _frequency_rows(matrix, terms, found_labels, values)
        try:  # the column as it was made before: the object array itself
            textkit.vocab._taken = lambda terms, at: terms[at] if len(terms) else np.array([], dtype=object)
            expected = _frequency_rows(matrix, terms, found_labels, values)
        finally:
            textkit.vocab._taken = taken
        pd.testing.assert_frame_equal(found, expected, check_dtype=True, check_index_type=True)
