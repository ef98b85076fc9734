"""The matrix stage: token lists → TF-IDF rows that clustering can compare.

``TermFeatures`` turns a list of token lists (the output of
``textkit.tokenize.tokenize_corpus``) into one sparse, L2-normalized TF-IDF row
per unit. It combines two views of the same tokens:

- **words** — the tokens themselves, so a formulation such as 政绩观 or
  一把手 is one feature (single-character words such as 党 survive: no
  ``token_pattern``, no lower-casing);
- **characters** — character 1–2-grams taken *inside* each token (what
  scikit-learn's ``char_wb`` analyzer gives on the space-joined tokens, computed
  from the word counts), which lets two short texts match on 政绩 even when one
  says 政绩观 and the other 政绩工程.

Both blocks are L2-normalized and weighted by ``sqrt(1 - char_weight)`` and
``sqrt(char_weight)``, so the cosine similarity of two rows is
``(1 - char_weight) * cosine(words) + char_weight * cosine(characters)``.
On 10,000 THUCNews headlines characters beat words for clustering; on long
articles words do better; equal weight (the default) held up on both in
``benchmarks/thucnews_clustering.py``.

``lsa_embedding`` is the optional next step (TruncatedSVD followed by L2
normalization), on which k-means behaves like spherical k-means.

>>> features = TermFeatures(min_df=1, max_df=1.0)
>>> X = features.fit_transform([["政绩观", "党"], ["政绩", "工程"]])
>>> X.shape[0], features.n_word_features_
(2, 4)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from numbers import Integral, Real

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize
from threadpoolctl import ThreadpoolController

from textkit._counting import _distinct_hint, _first_occurrences, _word_counts
from textkit._row_blocks import _blocks, _joined_on, _stack, _stack_on, _weighted_join
from textkit._svd import RowBlocks, _InThisThread, _pool, fast_truncated_svd

__all__ = ["TermFeatures", "count_matrix", "lsa_embedding", "single_thread_if_small"]

Tokens = Sequence[Sequence[str]]


def _as_tokens(tokens: object) -> list[list[str]]:
    # A bare string would be iterated character by character and "work"; refuse it.
    if isinstance(tokens, str) or not isinstance(tokens, Iterable):
        raise TypeError("tokens must be a list of token lists (one list of str per unit)")
    # lists are taken as they are (nothing here changes them): copying 4,608 lists of People's
    # Daily's 1.9 M tokens took 0.02-0.05 s
    rows = [row if type(row) is list else list(row) if not isinstance(row, str) else row for row in tokens]
    for row in rows:
        if isinstance(row, str):
            raise TypeError("tokens must be a list of token lists, not a list of strings")
    return rows


def _identity(tokens):
    return list(tokens)


def _check_df(name: str, value: object) -> None:
    # scikit-learn's constraint on min_df and max_df: a share in [0, 1] or a count >= 1
    valid = (isinstance(value, Integral) and not isinstance(value, bool) and value >= 1) or (
        isinstance(value, Real) and not isinstance(value, Integral) and 0.0 <= value <= 1.0
    )
    if not valid:
        raise ValueError(f"{name} must be a float in [0.0, 1.0] or an int >= 1, got {value!r}")


def _prune(counts: sparse.csr_matrix, min_df, max_df) -> np.ndarray:
    """Columns kept by ``min_df`` and ``max_df``, as scikit-learn's vectorizers keep them."""
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    return _kept_columns(document_frequency, counts.shape[0], min_df, max_df)


def _kept_columns(document_frequency: np.ndarray, n_units: int, min_df, max_df) -> np.ndarray:
    """``_prune`` from each column's number of units (summed over row blocks by the caller).

    >>> _kept_columns(np.array([1, 2, 3, 4]), 4, 2, 0.75).tolist()
    [1, 2]
    """
    _check_df("min_df", min_df)
    _check_df("max_df", max_df)
    high = max_df if isinstance(max_df, Integral) else max_df * n_units
    low = min_df if isinstance(min_df, Integral) else min_df * n_units
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    kept = np.flatnonzero((document_frequency >= low) & (document_frequency <= high))
    if not len(kept):
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    return kept


def _threads(n_jobs: int) -> int:
    """Threads for ``n_jobs`` (-1: all cores, -2: all but one, as joblib counts)."""
    return max(1, (os.cpu_count() or 1) + 1 + n_jobs if n_jobs < 0 else n_jobs)


class _WordTfidf:
    """``TfidfVectorizer(analyzer=identity, min_df, max_df, sublinear_tf)`` fitted on word counts.

    ``TermFeatures`` counts the words once and gives the counts to both blocks; this fits what
    scikit-learn's vectorizer fits on them (the same pruning, vocabulary order and
    ``TfidfTransformer``), so the matrix is the same (a test checks it).
    """

    def __init__(self, min_df, max_df, sublinear_tf) -> None:
        self.min_df, self.max_df, self.sublinear_tf = min_df, max_df, sublinear_tf

    def fit_counts(self, counts: sparse.csr_matrix, names: np.ndarray) -> sparse.csr_matrix:
        kept = _prune(counts, self.min_df, self.max_df)  # names are sorted: so are the kept ones
        # one dict(zip(...)) of the list: the same dictionary, a third of the time of a comprehension
        # that indexes the NumPy array word by word
        self.vocabulary_ = dict(zip(names[kept].tolist(), range(len(kept)), strict=True))
        self.transformer_ = TfidfTransformer(sublinear_tf=self.sublinear_tf)
        # float64 counts as scikit-learn builds them: not through astype, which would sort each
        # row's entries and so change the order (and the last bit) of the row norms' sums
        as_float = sparse.csr_matrix(
            (counts.data.astype(np.float64), counts.indices.copy(), counts.indptr.copy()), shape=counts.shape
        )
        selected = as_float[:, kept]
        # fit_transform is fit, then transform of a copy: the selection is this call's own, so it
        # is transformed in place (the same values, the entries in the same order; 13 MB of new
        # pages fewer on People's Daily)
        return self.transformer_.fit(selected).transform(selected, copy=False)

    def transform(self, rows: list[list[str]]) -> sparse.csr_matrix:
        counter = CountVectorizer(
            analyzer=_identity, lowercase=False, token_pattern=None, vocabulary=self.vocabulary_
        )
        return self.transformer_.transform(counter.transform(rows))

    def get_feature_names_out(self) -> np.ndarray:
        return np.asarray(sorted(self.vocabulary_, key=self.vocabulary_.__getitem__), dtype=object)


def _char_wb_grams(words: Sequence[str], low: int, high: int) -> tuple[list[int], list[str]]:
    """scikit-learn's ``char_wb`` n-grams of each word (padded with a space on each side), as
    (word number, n-gram) pairs, one per occurrence.

    A padded word no longer than ``n`` gives itself once as its ``n``-gram and no longer grams.

    >>> _char_wb_grams(["政绩观", "党"], 1, 2)[1][:5], _char_wb_grams(["党"], 3, 4)[1]
    ([' ', '政', '绩', '观', ' '], [' 党 '])
    """
    padded = [f" {word} " for word in words]
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    numbers: list[int] = []
    grams: list[str] = []
    for n in range(low, high + 1):
        active = np.arange(len(padded)) if n == low else np.flatnonzero(lengths >= n)
        per_word = np.maximum(lengths[active] - n + 1, 1)
        numbers.extend(np.repeat(active, per_word).tolist())
        if n == low:
            grams += [word[k : k + n] for word in padded for k in range(max(len(word) - n + 1, 1))]
        else:
            grams += [
                padded[i][k : k + n] for i in active.tolist() for k in range(max(len(padded[i]) - n + 1, 1))
            ]
    return numbers, grams


_KEY_CHARS = 3  # n-grams up to this length are numbered by an int64 key of their code points


def _char_wb_keys(words: Sequence[str], low: int, high: int):
    """``_char_wb_grams`` for ``high <= 3`` without a string per n-gram: each n-gram is an int64
    key, its code points + 1 in three 21-bit fields from the left (so a string has one key, whatever
    ``n`` produced it), in the same sequence. Returns the word numbers, the keys, and each n-gram's
    start in ``text`` (the padded words joined) and length, to name the distinct ones.

    >>> numbers, keys, text, begins, sizes = _char_wb_keys(["政绩观", "党"], 1, 2)
    >>> [text[b : b + s] for b, s in zip(begins, sizes)][:6] == _char_wb_grams(["政绩观", "党"], 1, 2)[1][:6]
    True
    """
    text = f" {'  '.join(words)} " if len(words) else ""  # each word between two spaces
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64) + 1
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 2
    starts = np.cumsum(lengths) - lengths
    parts: list[tuple[np.ndarray, ...]] = []
    for n in range(low, high + 1):
        active = np.arange(len(words)) if n == low else np.flatnonzero(lengths >= n)
        per_word = np.maximum(lengths[active] - n + 1, 1)
        owners = np.repeat(active, per_word)
        offsets = np.arange(int(per_word.sum())) - np.repeat(np.cumsum(per_word) - per_word, per_word)
        begins = starts[owners] + offsets
        sizes = np.minimum(lengths[owners], n)
        keys = np.zeros(len(begins), dtype=np.int64)
        for j in range(_KEY_CHARS):
            inside = j < sizes
            field = np.where(inside, points[np.where(inside, begins + j, 0)], 0) if len(points) else keys
            keys = (keys << 21) | field
        parts.append((owners, keys, begins, sizes))
    numbers, keys, begins, sizes = (np.concatenate(column) for column in zip(*parts, strict=True))
    return numbers, keys, text, begins, sizes


def _key_names(keys: np.ndarray, text: str, begins: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The n-grams that ``_char_wb_keys`` numbered as ``keys`` (``text[begin : begin + size]``
    each): the three code points + 1 of each key read as a NumPy string of three characters, whose
    empty places (0) it drops; 1 ms for People's Daily's 115,000 n-grams against 0.03 s for a
    string sliced from the text each (which a NUL character, dropped at the end of a NumPy string,
    still needs).

    >>> numbers, keys, text, begins, sizes = _char_wb_keys(["政绩观", "党"], 1, 2)
    >>> _key_names(keys[:4], text, begins[:4], sizes[:4]).tolist()
    [' ', '政', '绩', '观']
    """
    mask = (1 << 21) - 1
    fields = np.stack([(keys >> (21 * (_KEY_CHARS - 1 - j))) & mask for j in range(_KEY_CHARS)], axis=1)
    if (fields == 1).any():  # a NUL character
        spans = zip(begins.tolist(), sizes.tolist(), strict=True)
        return np.asarray([text[b : b + n] for b, n in spans], dtype=object)
    points = np.where(fields > 0, fields - 1, 0).astype("<u4")
    return points.view(f"<U{_KEY_CHARS}").reshape(len(keys))


def _name_keys(names: np.ndarray) -> np.ndarray:
    """The int64 key of each n-gram name (at most three characters), as ``_char_wb_keys`` makes it."""
    keys = np.zeros(len(names), dtype=np.int64)
    for position, name in enumerate(names):
        key = 0
        for j in range(_KEY_CHARS):
            key = (key << 21) | (ord(name[j]) + 1 if j < len(name) else 0)
        keys[position] = key
    return keys


class _CharNgramTfidf:
    """``TfidfVectorizer(analyzer="char_wb")`` on space-joined tokens, computed from word counts.

    The character n-grams of a text are the sum of those of its tokens, so the count matrix is
    (units × words) · (words × n-grams): the n-grams of each distinct word are generated once
    instead of once per occurrence (and numbered by ``pandas.factorize``). The result equals
    scikit-learn's to floating-point rounding (a test checks it). On the 4,516 People's Daily
    articles the whole ``TermFeatures`` fit (both blocks, the words counted once) takes about
    1.7 s of CPU, against 4.1–4.8 s when each block counted the words with scikit-learn and the
    n-grams were numbered in a Python loop (the same matrix, bit for bit). With n-grams of at
    most three characters they are numbered as int64 keys (``_char_wb_keys``), a string made only
    for each distinct one: the fit took 1.4–1.9 s of CPU instead of 2.0–2.5 s (load average 11),
    the same matrix bit for bit.
    """

    def __init__(self, ngram_range, min_df, max_df, sublinear_tf) -> None:
        self.ngram_range, self.min_df, self.max_df = ngram_range, min_df, max_df
        self.sublinear_tf = sublinear_tf

    def _gram_counts(self, word_counts, words, vocabulary: dict[str, int] | None):
        if self.ngram_range[1] <= _KEY_CHARS:
            # n-grams as int64 keys: the same numbering (order of first appearance), no string each
            numbers_array, keys, text, begins, sizes = _char_wb_keys(words, *self.ngram_range)
            if vocabulary is None:
                codes, _ = pd.factorize(keys, sort=False, size_hint=_distinct_hint(len(keys)))
                first = _first_occurrences(codes)
                names = _key_names(keys[first], text, begins[first], sizes[first])
            else:
                names = np.asarray(sorted(vocabulary, key=vocabulary.__getitem__), dtype=object)
                codes = pd.Index(_name_keys(names)).get_indexer(keys)
        else:
            numbers, grams = _char_wb_grams(words, *self.ngram_range)
            if vocabulary is None:
                codes, names = pd.factorize(np.asarray(grams, dtype=object), sort=False)
                names = np.asarray(names, dtype=object)
            else:
                names = np.asarray(sorted(vocabulary, key=vocabulary.__getitem__), dtype=object)
                codes = pd.Index(names).get_indexer(np.asarray(grams, dtype=object))
            numbers_array = np.asarray(numbers, dtype=np.int64)
        known = codes >= 0
        incidence = sparse.csr_matrix(
            (np.ones(int(known.sum()), dtype=np.int64), (numbers_array[known], codes[known])),
            shape=(len(words), len(names)),
        )  # repeated (word, n-gram) pairs are summed: the n-gram's count in the word
        return incidence, names

    def fit_counts(self, word_counts: sparse.csr_matrix, words: np.ndarray) -> sparse.csr_matrix:
        return _stack(self.fit_count_blocks(word_counts, words, [0, word_counts.shape[0]]))

    def fit_count_blocks(
        self, word_counts: sparse.csr_matrix, words: np.ndarray, bounds: list[int], n_jobs: int = 1
    ) -> list[sparse.csr_matrix]:
        """``fit_counts`` as the row blocks ``bounds`` of its matrix; ``n_jobs`` threads share the
        row-wise steps (the n-gram counts, the TF-IDF weights and norms: scipy's and NumPy's kernels
        release the GIL), each row computed as in one block."""
        incidence, names = self._gram_counts(word_counts, words, None)
        by_gram = incidence.T.tocsr()  # n-grams × words

        def count(block: sparse.csr_matrix) -> tuple[sparse.csr_matrix, np.ndarray]:
            # a row block's n-gram counts transposed (n-grams × units), and how many of its units
            # hold each n-gram: the number of entries of its row (a count is never 0)
            counts = by_gram @ block.T.tocsr()
            return counts, np.diff(counts.indptr)

        def kept_block(number: int) -> sparse.csr_matrix:
            # The kept n-grams' rows (in the kept order), turned back to units × n-grams: the
            # conversion from CSC walks the columns in order, so each row's entries come out in
            # column order, as sort_indices leaves them. It replaced the column selection of the
            # units × n-grams product and two transpositions to order it: one pass and one copy
            # of the counts fewer, the same arrays (a test compares them). Each product is let go
            # once its rows are taken, so the blocks' copies do not add up.
            rows = parts[number][kept]
            parts[number] = None
            return rows.T.tocsr()

        def weighted(block: sparse.csr_matrix) -> sparse.csr_matrix:
            # TfidfTransformer.transform: float64, 1 + log, idf, L2 norm, row by row. Given float64
            # counts that share the block's indices (transform's own copy made new ones) and
            # changed in place: the same values, the entries in the same (sorted) order.
            as_float = sparse.csr_matrix(
                (block.data.astype(np.float64), block.indices, block.indptr), shape=block.shape
            )
            return self.transformer_.transform(as_float, copy=False)

        with _pool(n_jobs, len(bounds) - 1) as pool:
            # Each row block counted, pruned to the kept n-grams and transformed on the threads
            # (the counts, document frequencies and columns of the whole matrix, which scipy's
            # vstack, bincount and column index made in this thread, one after another)
            counted = list(pool.map(count, _blocks(word_counts, bounds)))
            parts, frequencies = [part for part, _ in counted], [units for _, units in counted]
            del counted
            document_frequency = np.sum(frequencies, axis=0, dtype=np.int64)
            kept = _kept_columns(document_frequency, word_counts.shape[0], self.min_df, self.max_df)
            kept = kept[np.argsort(names[kept].astype(str), kind="stable")]  # scikit-learn sorts them
            selected = pool.map(kept_block, range(len(parts)))
            self.vocabulary_ = dict(zip(names[kept].tolist(), range(len(kept)), strict=True))  # meanwhile
            counts = _stack_on(pool, list(selected))
            del selected
            # fitted on the whole matrix (its document frequencies), each row block transformed
            self.transformer_ = TfidfTransformer(sublinear_tf=self.sublinear_tf).fit(counts)
            return list(pool.map(weighted, _blocks(counts, bounds)))

    def transform(self, rows: list[list[str]]) -> sparse.csr_matrix:
        try:
            word_counts, words = _word_counts(rows)
        except ValueError:  # no token in any row
            word_counts, words = (
                sparse.csr_matrix((len(rows), 0), dtype=np.int64),
                np.asarray([], dtype=object),
            )
        incidence, _ = self._gram_counts(word_counts, words, self.vocabulary_)
        return self.transformer_.transform((word_counts @ incidence).tocsr())

    def get_feature_names_out(self) -> np.ndarray:
        return np.asarray(sorted(self.vocabulary_, key=self.vocabulary_.__getitem__), dtype=object)


class TermFeatures(TransformerMixin, BaseEstimator):
    """TF-IDF of words and within-word character n-grams, from token lists.

    Parameters
    ----------
    char_weight:
        Share of the cosine similarity that comes from character n-grams
        (0 = words only, 1 = characters only).
    char_ngram_range:
        Lengths of the character n-grams taken inside tokens.
    min_df:
        A term must occur in at least this many units (int) or this share of
        units (float). The default 2 drops terms that occur once: they cannot
        link two units and only add noise. It works from ~100 paragraphs to
        100,000 articles.
    max_df:
        Terms in more than this share of units are dropped (they separate
        nothing). 0.5 keeps the campaign's own vocabulary on a corpus
        about one campaign unless it is in most units.
    sublinear_tf:
        Use ``1 + log(tf)``, so a word repeated ten times in one paragraph
        does not outweigh the rest of it.
    n_jobs:
        Threads that share ``fit_transform``'s row-wise steps (the character n-gram counts, their
        document frequencies and kept columns, the TF-IDF weights, the two blocks joined and
        normalized), by row blocks of about
        equal size (-1: all cores); with both blocks, the word block is fitted on a thread beside
        the character block. The matrix is the same bit for bit whatever it is (a test
        checks it): each row is computed as in one block.

    Attributes
    ----------
    word_vectorizer_, char_vectorizer_:
        The fitted blocks (``transform``, ``get_feature_names_out``, ``vocabulary_``), each
        what scikit-learn's ``TfidfVectorizer`` would fit (``char_vectorizer_`` is None
        when ``char_weight == 0``; ``word_vectorizer_`` is None when it is 1).
    n_word_features_:
        Number of word columns; they come first in the matrix.
    """

    def __init__(
        self,
        char_weight: float = 0.5,
        char_ngram_range: tuple[int, int] = (1, 2),
        min_df: int | float = 2,
        max_df: int | float = 0.5,
        sublinear_tf: bool = True,
        n_jobs: int = 1,
    ) -> None:
        self.char_weight = char_weight
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.n_jobs = n_jobs

    def fit(self, tokens: Tokens, y=None) -> TermFeatures:
        self.fit_transform(tokens)
        return self

    def fit_transform(self, tokens: Tokens, y=None) -> sparse.csr_matrix:
        if not 0.0 <= self.char_weight <= 1.0:
            raise ValueError(f"char_weight must be between 0 and 1, got {self.char_weight}")
        rows = _as_tokens(tokens)
        if not rows:
            raise ValueError("no units to vectorize (tokens is empty)")
        blocks, weights = [], []  # each block's row blocks, and its weight
        self.word_vectorizer_ = self.char_vectorizer_ = None
        threads = _threads(self.n_jobs)
        try:
            # the words are counted once; both blocks start from the counts
            word_counts, words = _word_counts(rows)
            bounds = sorted(set(RowBlocks(word_counts, threads).bounds))  # about equal non-zeros, none empty
            # With threads and both blocks, the word block is fitted on a side thread while this one
            # fits the character block: each is serial in places (Python, or kernels that hold the
            # GIL), and the other's kernels fill the second core there. The same calls on the same counts.
            both = 0.0 < self.char_weight < 1.0
            with ThreadPoolExecutor(1) if threads > 1 and both else _InThisThread() as aside:
                if self.char_weight < 1.0:
                    self.word_vectorizer_ = _WordTfidf(self.min_df, self.max_df, self.sublinear_tf)
                    word_block = aside.submit(self.word_vectorizer_.fit_counts, word_counts, words)
                if self.char_weight > 0.0:
                    self.char_vectorizer_ = _CharNgramTfidf(
                        self.char_ngram_range, self.min_df, self.max_df, self.sublinear_tf
                    )
                    parts = self.char_vectorizer_.fit_count_blocks(word_counts, words, bounds, threads)
                    # the raw word counts count_matrix would give; textkit.cluster takes them once
                    self.char_vectorizer_.word_counts_ = (word_counts, words)
                if self.char_weight < 1.0:
                    blocks.append(_blocks(word_block.result(), bounds))
                    weights.append(np.sqrt(1.0 - self.char_weight))
                if self.char_weight > 0.0:
                    blocks.append(parts)
                    weights.append(np.sqrt(self.char_weight))
        except ValueError as error:
            raise ValueError(
                f"no term is left after min_df={self.min_df}, max_df={self.max_df} on {len(rows)} units "
                f"({error}); lower min_df or raise max_df for a corpus this small"
            ) from error
        self.n_word_features_ = blocks[0][0].shape[1] if self.word_vectorizer_ is not None else 0

        # each block's rows are this call's own: views of a matrix made for it, or made for this
        # row block
        with _pool(threads, len(bounds) - 1) as pool:
            return _joined_on(pool, list(zip(*blocks, strict=True)), weights)

    def transform(self, tokens: Tokens) -> sparse.csr_matrix:
        rows = _as_tokens(tokens)
        blocks, weights = [], []
        if self.word_vectorizer_ is not None:
            blocks.append(self.word_vectorizer_.transform(rows))
            weights.append(np.sqrt(1.0 - self.char_weight))
        if self.char_vectorizer_ is not None:
            blocks.append(self.char_vectorizer_.transform(rows))
            weights.append(np.sqrt(self.char_weight))
        return _weighted_join(blocks, weights)  # the blocks are made for this call

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Words as they are, then character n-grams prefixed ``char:``."""
        names = []
        if self.word_vectorizer_ is not None:
            names.extend(self.word_vectorizer_.get_feature_names_out())
        if self.char_vectorizer_ is not None:
            names.extend(f"char:{gram}" for gram in self.char_vectorizer_.get_feature_names_out())
        return np.asarray(names, dtype=object)

    @property
    def word_names_(self) -> np.ndarray:
        """Names of the word columns (the first ``n_word_features_`` columns)."""
        if self.word_vectorizer_ is None:
            return np.asarray([], dtype=object)
        return self.word_vectorizer_.get_feature_names_out()


def single_thread_if_small(n_rows: int, below: int = 20_000):
    """Context: one BLAS/OpenMP thread when there are fewer than ``below`` rows.

    On small inputs threads cost more than they save: on a busy 2-core machine
    the SVD of 144 seed paragraphs took 0.85 s with two BLAS threads and 0.1 s
    with one, and k-means was 3× faster on one thread. Results do not change.
    """
    if n_rows < below:
        return _controller().limit(limits=1)
    return nullcontext()


_CONTROLLER: list = [None, -1]  # the controller, and len(sys.modules) when it was made


def _controller() -> ThreadpoolController:
    """One ``ThreadpoolController`` for ``single_thread_if_small``, made again when modules were
    imported since (a new extension may have loaded a BLAS or OpenMP library it must see).

    ``threadpool_limits`` makes a controller each time, scanning the process's ~300 shared
    libraries: 9 ms per k-means fit, 1.4 s of CPU over the 160 fits of notebook 03.

    >>> _controller() is _controller()
    True
    """
    if _CONTROLLER[1] != len(sys.modules):
        _CONTROLLER[0] = ThreadpoolController()
        _CONTROLLER[1] = len(sys.modules)
    return _CONTROLLER[0]


def count_matrix(tokens: Tokens, min_df: int | float = 1) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Raw word counts (units × words) and the word names, for labels and keyness.

    >>> counts, words = count_matrix([["党", "政绩观", "党"], ["政绩观"]])
    >>> list(words), counts.toarray().tolist()
    (['党', '政绩观'], [[2, 1], [0, 1]])
    """
    vectorizer = CountVectorizer(analyzer=_identity, lowercase=False, token_pattern=None, min_df=min_df)
    counts = vectorizer.fit_transform(_as_tokens(tokens)).tocsr()
    return counts, vectorizer.get_feature_names_out()


def _float32(matrix):
    """``matrix`` in float32; a sparse one keeps the order of each row's entries (scipy's ``astype``
    sorts them, 0.05 s on People's Daily: the SVD reads the matrix through its transpose, which is
    sorted whatever the rows' order, and column sums, which add a column's entries row after row).

    >>> X = sparse.csr_matrix((np.array([2.0, 1.0]), np.array([1, 0]), np.array([0, 2])), shape=(1, 2))
    >>> _float32(X).indices.tolist(), X.astype(np.float32).indices.tolist()
    ([1, 0], [0, 1])
    """
    if not sparse.issparse(matrix) or matrix.format != "csr":
        return matrix.astype(np.float32)
    data = matrix.data.astype(np.float32)
    return sparse.csr_matrix((data, matrix.indices, matrix.indptr), shape=matrix.shape)


def lsa_embedding(
    matrix,
    n_components: int = 100,
    random_state: int = 0,
    single_thread_below: int = 20_000,
    n_iter: int = 2,
    n_jobs: int = 1,
) -> tuple[np.ndarray, TruncatedSVD | None]:
    """Latent semantic analysis: TruncatedSVD to ``n_components``, then L2-normalize rows.

    ``n_components`` is capped at ``min(n_units, n_features) - 1`` so the
    default works on a hundred paragraphs. Returns the embedding (float64) and the fitted
    ``TruncatedSVD`` (None when the matrix is too small to reduce, in which
    case the embedding is the normalized matrix itself, dense). Below
    ``single_thread_below`` rows the SVD runs with one BLAS thread.

    The randomized SVD runs in float32 with ``n_iter=2`` power iterations (scikit-learn's
    default is 5, in float64): on the 4,516 People's Daily articles (118,920 features) that
    is 3.9 s of CPU instead of 13.4 s, and k-means NMI on the THUCNews headlines at k = 10
    (seeds 0–4, SVD and k-means seeded alike) is 0.387 ± 0.015 against 0.379 ± 0.022.

    The SVD is ``textkit._svd.fast_truncated_svd``: scikit-learn's randomized ``TruncatedSVD``
    step for step (the same random draws; equal to it to float32 rounding, a test checks it),
    with its sparse products gathered row by row from CSR copies and shared by ``n_jobs``
    threads (the result does not depend on ``n_jobs``; -1 = all cores).
    """
    cap = min(matrix.shape) - 1
    n = min(int(n_components), cap)
    if n < 2:
        dense = matrix.toarray() if sparse.issparse(matrix) else np.asarray(matrix)
        return normalize(dense), None
    threads = max(1, (os.cpu_count() or 1) + 1 + n_jobs if n_jobs < 0 else n_jobs)
    with single_thread_if_small(matrix.shape[0], single_thread_below):
        embedding, svd = fast_truncated_svd(
            _float32(matrix), n, n_iter=n_iter, random_state=random_state, n_jobs=threads
        )
    return normalize(embedding).astype(np.float64), svd
