"""textkit._ngrams.string_counts against a plain count (overlapping occurrences, texts holding one);
the hash-based counts of terms and cohesion against the sparse-matrix and sorted-table code they
replaced (same bits)."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from textkit._ngrams import _CharCorpus, branching_entropy, string_counts, texts_per_group
from textkit.cohesion import _position_counts

# a small alphabet so that strings recur, overlap and share prefixes; ，and a Latin letter break runs
TEXTS = st.lists(st.text(alphabet="制度优势的中国，a", max_size=40), min_size=1, max_size=8)
STRINGS = st.lists(st.text(alphabet="制度优势的中国，", min_size=0, max_size=7), max_size=12)


def _plain(texts: list[str], strings: list[str]) -> dict[str, tuple[int, int]]:
    out = {}
    for string in set(strings):
        if len(string) < 2 or not re.fullmatch("[\u4e00-\u9fff]+", string):
            continue
        per_text = [len(re.findall(f"(?={re.escape(string)})", text)) for text in texts]
        if sum(per_text):
            out[string] = (sum(per_text), sum(1 for n in per_text if n))
    return dict(sorted(out.items()))


@settings(max_examples=300, deadline=None)
@given(TEXTS, STRINGS)
def test_string_counts_equal_a_plain_overlapping_count(texts, strings):
    assert string_counts(_CharCorpus.from_texts(texts), strings) == _plain(texts, strings)


def test_long_strings_and_shared_prefixes():
    texts = ["坚持和发展中国特色社会主义，中国特色社会主义道路", "中国特色", "中国"]
    strings = ["中国", "中国特色", "中国特色社会主义", "中国特色社会主义道路", "特色社会", "道路中国"]
    assert string_counts(_CharCorpus.from_texts(texts), strings) == _plain(texts, strings)
    assert string_counts(_CharCorpus.from_texts(texts), strings)["中国"] == (4, 3)


# --- the hash-based counts against the sparse-matrix / sorted-table code they replaced ----------

PAIRS = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 5)), min_size=1, max_size=60)


def _sparse_entropy(group, neighbour, freq):
    """The sparse-matrix branching entropy ``textkit.terms`` and ``textkit.cohesion`` used before."""
    pairs = sparse.csr_matrix(
        (np.ones(len(group), dtype=np.float64), (group, neighbour)),
        shape=(len(freq), int(neighbour.max(initial=0)) + 1),
    )
    pairs.sum_duplicates()
    rows = np.repeat(np.arange(len(freq)), np.diff(pairs.indptr))
    c_log_c = np.where(pairs.indices > 0, pairs.data * np.log2(pairs.data), 0.0)
    return np.log2(freq.astype(float)) - np.bincount(rows, weights=c_log_c, minlength=len(freq)) / freq


@settings(max_examples=300, deadline=None)
@given(PAIRS)
def test_branching_entropy_and_texts_per_group_equal_the_sparse_counts_bit_for_bit(pairs):
    _, group = np.unique([g for g, _ in pairs], return_inverse=True)  # groups 0..G-1, each occurring
    neighbour = np.array([n for _, n in pairs], dtype=np.int64)
    freq = np.bincount(group)
    fast, reference = branching_entropy(group, neighbour, freq), _sparse_entropy(group, neighbour, freq)
    assert fast.tobytes() == reference.tobytes()
    text = neighbour  # any small ids will do as texts
    plain = [len({t for g, t in zip(group, text, strict=True) if g == k}) for k in range(len(freq))]
    assert texts_per_group(group, text, len(freq), 6).tolist() == plain


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=50), st.data())
def test_position_counts_equal_a_sorted_table_lookup(keys, data):
    key = np.array(keys, dtype=np.uint64)
    valid = np.array(data.draw(st.lists(st.booleans(), min_size=len(keys), max_size=len(keys))), dtype=bool)
    found, counts = np.unique(key[valid], return_counts=True)
    expected = [int(counts[np.searchsorted(found, k)]) if ok else 0 for k, ok in zip(key, valid, strict=True)]
    assert _position_counts(key, valid).tolist() == expected
