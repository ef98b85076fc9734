"""Counting tokens for ``textkit.features``: the words of token lists numbered by first appearance
(``pandas.factorize``) and counted per row, as scikit-learn's ``CountVectorizer`` counts them, with
the small steps that keep this fast on a large corpus (a hash table sized for the distinct values,
int32 keys, NumPy's sort of the words).

>>> counts, words = _word_counts([["党", "政绩观", "党"], ["政绩观"]])
>>> list(words), counts.toarray().tolist()
(['党', '政绩观'], [[2, 1], [0, 1]])
"""

from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd
from scipy import sparse


def _word_counts(rows: list[list[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Raw counts (units × words, int64) and the words: what ``CountVectorizer(analyzer=identity)``
    fits, down to the order of each row's entries (which decides the last bit of sums over a row).

    scikit-learn numbers the words by first appearance, sorts each row's entries by that
    number, then renumbers the columns alphabetically without reordering the entries; here
    ``pandas.factorize`` numbers the words by first appearance in one pass at C speed.

    >>> counts, words = _word_counts([["党", "政绩观", "党"], ["政绩观"]])
    >>> list(words), counts.toarray().tolist()
    (['党', '政绩观'], [[2, 1], [0, 1]])
    """
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    n_tokens = int(lengths.sum())
    tokens = np.fromiter(chain.from_iterable(rows), dtype=object, count=n_tokens)
    codes, uniques = pd.factorize(tokens, size_hint=_distinct_hint(n_tokens))
    if not len(uniques):
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    row_type = np.int32 if len(rows) <= np.iinfo(np.int32).max else np.int64
    by_first = _row_code_counts(
        np.repeat(np.arange(len(rows), dtype=row_type), lengths), codes, len(rows), len(uniques)
    )
    order = _alphabetical_order(uniques.tolist())
    rank = np.empty(len(order), dtype=by_first.indices.dtype)
    rank[order] = np.arange(len(order))
    counts = sparse.csr_matrix((by_first.data, rank[by_first.indices], by_first.indptr), shape=by_first.shape)
    return counts, np.asarray(uniques, dtype=object)[order]


_SORT_BYTES = 2**26  # most memory _alphabetical_order gives NumPy's fixed-width strings


def _alphabetical_order(words: list[str]) -> np.ndarray:
    """The positions of ``words`` (distinct strings) in alphabetical order, as ``sorted(range(n),
    key=words.__getitem__)`` gives them: by NumPy's sort of fixed-width strings, which compares code
    point by code point as Python does (People's Daily's 100,529 words: 0.017-0.029 s against
    0.039-0.067 s, and the GIL released while it sorts), unless a word holds a NUL character (which
    a NumPy string drops at its end) or the strings would take more than ``_SORT_BYTES``.

    >>> _alphabetical_order(["政绩观", "党", "a", "政绩"]).tolist()
    [2, 1, 3, 0]
    """
    width = max(map(len, words), default=0)
    if width * len(words) * 4 > _SORT_BYTES or "\0" in "".join(words):
        return np.asarray(sorted(range(len(words)), key=words.__getitem__), dtype=np.intp)
    return np.argsort(np.asarray(words, dtype=f"<U{max(width, 1)}"), kind="stable")


def _distinct_hint(n_items: int) -> int:
    """A size for ``pandas.factorize``'s hash table when ``n_items`` values have far fewer distinct
    ones (words among tokens, n-grams among n-gram occurrences).

    Without it pandas sizes the table for ``n_items`` distinct values: on People's Daily's 1.9 M
    tokens (100,529 words) about 85 MB of pages touched once, 20,000 page faults, 0.03-0.05 s of
    the word count's 0.15 s; a table too small only grows (each growth rehashes the cached hashes).
    The codes and uniques do not depend on it.

    >>> _distinct_hint(1_890_561), _distinct_hint(10)
    (118160, 10)
    """
    return min(n_items, max(1024, n_items // 16))


def _row_code_counts(row_of: np.ndarray, codes: np.ndarray, n_rows: int, n_codes: int) -> sparse.csr_matrix:
    """How often each code occurs in each row (int64 counts), each row's entries by code: the
    matrix ``csr_matrix((ones, (row_of, codes)))`` gives (its duplicates summed, which sorts
    them), from one ``np.unique`` of ``row * n_codes + code`` (half the time on People's Daily;
    a test compares them).

    >>> _row_code_counts(np.array([0, 0, 0, 1]), np.array([1, 0, 1, 1]), 2, 2).toarray().tolist()
    [[1, 2], [0, 1]]
    """
    if n_rows * n_codes >= 2**62:  # pragma: no cover - the key would overflow int64
        return sparse.csr_matrix(
            (np.ones(len(codes), dtype=np.int64), (row_of, codes)), shape=(n_rows, n_codes)
        )
    # int32 keys when they fit (People's Daily: 4,604 rows × 100,529 words): half the memory to sort
    # and no new pages, 0.025 s against 0.035-0.046 s
    key = np.int32 if n_rows * n_codes <= np.iinfo(np.int32).max else np.int64
    pairs, counts = np.unique(
        row_of.astype(key, copy=False) * key(n_codes) + codes.astype(key, copy=False), return_counts=True
    )
    # scipy's choice for the COO matrix's conversion: int32 unless a size or the count needs more
    index = np.int32 if max(n_rows, n_codes, len(codes)) <= np.iinfo(np.int32).max else np.int64
    indptr = np.zeros(n_rows + 1, dtype=index)
    np.cumsum(np.bincount(pairs // n_codes, minlength=n_rows), out=indptr[1:])
    matrix = sparse.csr_matrix(
        (counts.astype(np.int64), (pairs % n_codes).astype(index), indptr), shape=(n_rows, n_codes)
    )
    matrix.has_sorted_indices = True
    return matrix


def _first_occurrences(codes: np.ndarray) -> np.ndarray:
    """Where each code first occurs, for codes numbered by first appearance (``pandas.factorize``'s):
    the places where the running maximum grows, as ``np.unique(codes, return_index=True)[1]`` gives
    them without its sort (one pass).

    >>> _first_occurrences(np.array([0, 1, 0, 2, 1, 3])).tolist()
    [0, 1, 3, 5]
    """
    if not len(codes):
        return np.zeros(0, dtype=np.intp)
    highest = np.maximum.accumulate(codes)
    return np.flatnonzero(np.concatenate(([True], highest[1:] > highest[:-1])))
