"""Topics for corpora that do not fit in one process: hashed TF-IDF, a sampled LSA, mini-batch k-means.

``fit_topics`` and ``TopicClusterer`` hold the vocabulary, the units × terms TF-IDF matrix and
its embedding in one process. ``StreamingTopics`` works partition by partition, so what meets
in one place is per-partition summaries, never a units × terms matrix:

1. **Features without a vocabulary**: scikit-learn's ``HashingVectorizer`` over words and
   within-word character n-grams (the two blocks of ``TermFeatures``, weighted the same way).
   One pass sums each column's document frequency, for the IDF and the ``min_df``/``max_df``
   cut.
2. **An LSA basis fitted on a sample** of rows chosen by a hash of their content, so the same
   rows are drawn however the corpus is partitioned (``sample_size`` rows, all when fewer).
3. **k-means**: k-means++ with ``n_init`` restarts on the sample's embedding gives the start,
   then Lloyd's iterations run over the partitions' embeddings (each pass sums the rows of each
   cluster partition by partition) until no unit changes cluster or ``max_iter`` passes. The
   sums do not depend on how the corpus is cut, so neither do the clusters.
4. **Labels**: each partition predicts its rows' clusters and counts its words per cluster;
   the sums give each cluster's distinctive terms (``score_classes``, as ``class_tfidf``).
   Hashed columns cannot be turned back into words, so terms are counted from the tokens.

Partitions are a ``dask.bag.Bag`` of token lists (computed wherever dask computes: the current
``dask.distributed`` ``Client``, or dask's local scheduler) or a plain sequence of partitions,
each a list of token lists, computed in this process. The results are the same for both.

What differs from ``TopicClusterer``: no choice of k (choose it on a sample with ``select_k``),
no stability refits, and hashed features (collisions in 2^20 columns are rare but make results
differ slightly from an exact vocabulary). The embedding of each partition is kept in the
calling process for the k-means passes: 100 float32 numbers per unit, 0.4 GB for a million.

>>> parts = [[["体育", "球队"], ["体育", "球员"]], [["政绩观", "群众"], ["政绩观", "作风"]]]
>>> model = StreamingTopics(n_clusters=2, n_components=2, min_df=1, max_df=1.0).fit(parts)
>>> model.labels_.tolist()
[0, 0, 1, 1]
>>> model.top_terms_.query("rank == 1").term.tolist()
['体育', '政绩观']
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from textkit.cluster._fit import _kmeans, _renumber
from textkit.cluster.model import filler_words, score_classes
from textkit.features import _char_wb_grams, lsa_embedding

Partition = Sequence[Sequence[str]]


# ----------------------------------------------------------------------------- partition helpers
def _is_bag(partitions: object) -> bool:
    return type(partitions).__module__.startswith("dask.bag")


def _one_result(partition, function: Callable, *args) -> list:
    """dask's ``map_partitions`` wants an iterable back: one result per partition, in a list."""
    return [function(list(partition), *args)]


def map_partitions(function: Callable, partitions, *args) -> list:
    """``function(partition, *args)`` for each partition, results in partition order.

    ``partitions`` is a ``dask.bag.Bag`` (computed by dask, on the current ``Client`` if there
    is one) or a sequence of partitions computed here.

    >>> map_partitions(len, [[["党"]], [["党"], ["政"]]])
    [1, 2]
    """
    if _is_bag(partitions):
        import dask

        # each argument enters the task graph once, not once per partition
        shared = [dask.delayed(arg, traverse=False) for arg in args]
        pieces = partitions.map_partitions(_one_result, function, *shared).to_delayed()
        return [piece[0] for piece in dask.compute(*pieces)]
    return [function(list(partition), *args) for partition in partitions]


# ----------------------------------------------------------------------------- features
def _words(tokens: Sequence[str]) -> list[str]:
    return [str(token) for token in tokens]


def _char_grams(tokens: Sequence[str], low: int, high: int) -> list[str]:
    """The character n-grams ``TermFeatures`` takes: scikit-learn's ``char_wb`` of each token."""
    return _char_wb_grams([str(token) for token in tokens], low, high)[1]


def _hashers(params: dict) -> list[tuple[HashingVectorizer, float]]:
    """The feature blocks with their weights: words, then character n-grams."""
    blocks = []
    common = {"n_features": params["n_features"], "alternate_sign": False, "norm": None, "lowercase": False}
    if params["char_weight"] < 1.0:
        blocks.append((HashingVectorizer(analyzer=_words, **common), np.sqrt(1.0 - params["char_weight"])))
    if params["char_weight"] > 0.0:
        low, high = params["char_ngram_range"]
        analyzer = partial(_char_grams, low=low, high=high)
        blocks.append((HashingVectorizer(analyzer=analyzer, **common), np.sqrt(params["char_weight"])))
    return blocks


def _document_frequencies(
    partition: Partition, params: dict
) -> tuple[int, list[tuple[np.ndarray, np.ndarray]]]:
    """Rows, and per block the columns that occur with the number of rows they occur in."""
    found = []
    if not partition:
        return 0, [(np.zeros(0, np.int64), np.zeros(0, np.int64)) for _ in _hashers(params)]
    for hasher, _ in _hashers(params):
        counts = hasher.transform(partition)
        columns, rows = np.unique(counts.indices, return_counts=True)
        found.append((columns, rows))
    return len(partition), found


def _tfidf(
    partition: Partition, params: dict, idfs: list[tuple[np.ndarray, np.ndarray]]
) -> sparse.csr_matrix:
    """TF-IDF rows of a partition: each block L2-normalized, weighted, side by side.

    ``idfs``: per block, the hashed columns kept and their IDF. Only kept columns become
    columns of the result, so the LSA basis has as many columns as there are terms, not 2^20.
    """
    blocks = []
    for (hasher, weight), (columns, values) in zip(_hashers(params), idfs, strict=True):
        if not partition:
            blocks.append(sparse.csr_matrix((0, len(columns))))
            continue
        counts = hasher.transform(partition)
        position = np.full(params["n_features"], -1, dtype=np.int64)
        position[columns] = np.arange(len(columns))
        new_columns = position[counts.indices]
        kept = new_columns >= 0
        tf = counts.data[kept]
        if params["sublinear_tf"]:
            tf = 1.0 + np.log(tf)
        rows = np.repeat(np.arange(len(partition)), np.diff(counts.indptr))[kept]
        block = sparse.csr_matrix(
            (tf * values[new_columns[kept]], (rows, new_columns[kept])), shape=(len(partition), len(columns))
        )
        blocks.append(normalize(block) * weight)
    return sparse.hstack(blocks, format="csr")


def _in_sample(tokens: Sequence[str], share: float) -> bool:
    """Whether a row is drawn: a hash of its content, so the draw ignores partitioning."""
    return zlib.crc32("\x1f".join(map(str, tokens)).encode("utf-8")) < share * 2**32


def _sample_rows(partition: Partition, params: dict, idfs: list, share: float):
    chosen = [tokens for tokens in partition if _in_sample(tokens, share)]
    return _tfidf(chosen, params, idfs) if chosen else None


def _embed(partition: Partition, params: dict, idfs: list, svd) -> np.ndarray:
    if not partition:
        return np.zeros((0, svd.components_.shape[0]), dtype=np.float32)
    matrix = _tfidf(partition, params, idfs)
    return normalize(svd.transform(matrix.astype(np.float32))).astype(np.float32)


def _nearest(embedding: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nearest centre of each row and its squared Euclidean distance (k-means' assignment)."""
    if not len(embedding):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    distances = (embedding**2).sum(axis=1)[:, None] - 2 * embedding @ centers.T + (centers**2).sum(axis=1)
    nearest = distances.argmin(axis=1)
    return nearest.astype(np.int64), np.maximum(distances[np.arange(len(nearest)), nearest], 0.0)


def _label_and_count(partition: Partition, params: dict, idfs, svd, centers: np.ndarray):
    """Cluster of each row (nearest centre), and word counts and unit counts per cluster."""
    labels, _ = _nearest(_embed(partition, params, idfs, svd), centers)
    counts: Counter = Counter()
    units: Counter = Counter()
    for tokens, label in zip(partition, labels, strict=True):
        row = Counter(map(str, tokens))
        for word, count in row.items():
            counts[label, word] += count
            units[label, word] += 1
    return labels, counts, units


# ----------------------------------------------------------------------------- the estimator
class StreamingTopics(ClusterMixin, BaseEstimator):
    """Topic clusters of a corpus too large for one process, partition by partition.

    Parameters
    ----------
    n_clusters:
        Number of clusters (choose it on a sample with ``select_k``).
    n_components:
        LSA dimensions; the basis is fitted on the sample.
    char_weight, char_ngram_range, min_df, max_df, sublinear_tf:
        As ``TermFeatures``; ``min_df``/``max_df`` count rows over the whole corpus.
    n_features:
        Hashed columns per block (2^20).
    sample_size:
        Rows drawn (by content hash) for the LSA basis and the k-means start.
    n_init:
        k-means++ restarts on the sample's embedding.
    max_iter:
        Most Lloyd passes over all partitions.
    top_n, min_df_labels:
        Distinctive terms per cluster, and the units of the cluster a term must occur in.
    label_weighting, filler_weight:
        How terms are scored, and the factor for the genre's filler words, as ``TopicClusterer``.
    random_state:
        Seeds the SVD and k-means; same partitions and seed give the same labels.

    Attributes
    ----------
    n_rows_:
        Units clustered.
    idf_:
        Per block (words, characters): the hashed columns kept by ``min_df``/``max_df`` and
        their IDF (scikit-learn's smooth IDF); the other columns weigh nothing.
    sample_rows_:
        Rows in the sample.
    svd_, cluster_centers_:
        The fitted LSA and the k-means centres, numbered as ``labels_``.
    n_iter_, inertia_:
        Lloyd passes run, and the sum of squared distances of units to their centre.
    labels_:
        Cluster of each unit, partitions in order. Cluster 0 is the largest; ties go to the
        cluster whose first member comes first (as ``TopicClusterer``).
    sizes_:
        Series cluster → number of units.
    top_terms_:
        ``cluster, rank, term, score, count, n_units`` (``score_classes``, as ``class_tfidf``).
    """

    def __init__(
        self,
        n_clusters: int = 20,
        n_components: int = 100,
        char_weight: float = 0.5,
        char_ngram_range: tuple[int, int] = (1, 2),
        min_df: int | float = 2,
        max_df: int | float = 0.5,
        sublinear_tf: bool = True,
        n_features: int = 2**20,
        sample_size: int = 20_000,
        n_init: int = 10,
        max_iter: int = 100,
        top_n: int = 10,
        min_df_labels: int = 2,
        label_weighting: str = "distinctive",
        filler_weight: float = 0.1,
        random_state: int = 0,
    ) -> None:
        self.n_clusters = n_clusters
        self.n_components = n_components
        self.char_weight = char_weight
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.n_features = n_features
        self.sample_size = sample_size
        self.n_init = n_init
        self.max_iter = max_iter
        self.top_n = top_n
        self.min_df_labels = min_df_labels
        self.label_weighting = label_weighting
        self.filler_weight = filler_weight
        self.random_state = random_state

    def _params(self) -> dict[str, Any]:
        if not 0.0 <= self.char_weight <= 1.0:
            raise ValueError(f"char_weight must be between 0 and 1, got {self.char_weight}")
        return {
            "n_features": int(self.n_features),
            "char_weight": float(self.char_weight),
            "char_ngram_range": tuple(self.char_ngram_range),
            "sublinear_tf": bool(self.sublinear_tf),
        }

    def _fit_idf(self, partitions, params: dict) -> None:
        results = map_partitions(_document_frequencies, partitions, params)
        self.n_rows_ = sum(rows for rows, _ in results)
        if self.n_rows_ == 0:
            raise ValueError("no units to cluster (every partition is empty)")
        if self.n_clusters > self.n_rows_:
            raise ValueError(f"n_clusters={self.n_clusters} is more than the {self.n_rows_} units")
        low = self.min_df if isinstance(self.min_df, int) else self.min_df * self.n_rows_
        high = self.max_df if isinstance(self.max_df, int) else self.max_df * self.n_rows_
        self.idf_ = []
        for block in range(len(_hashers(params))):
            df = np.zeros(params["n_features"], dtype=np.int64)
            for _, found in results:
                columns, rows = found[block]
                df[columns] += rows
            # scikit-learn's smooth IDF; columns outside [min_df, max_df] weigh nothing
            kept = np.flatnonzero((df > 0) & (df >= low) & (df <= high))
            idf = np.log((1 + self.n_rows_) / (1 + df[kept])) + 1.0
            self.idf_.append((kept, idf))

    def _fit_kmeans(self, partitions, params: dict, sample_embedding: np.ndarray) -> np.ndarray:
        _, centers, _, _ = _kmeans(
            sample_embedding, self.n_clusters, self.n_init, self.random_state, minibatch_above=10**12
        )
        embeddings = map_partitions(_embed, partitions, params, self.idf_, self.svd_)
        centers = centers.astype(np.float64)
        previous = None
        for iteration in range(1, max(1, int(self.max_iter)) + 1):
            self.n_iter_ = iteration
            sums = np.zeros_like(centers)
            members = np.zeros(self.n_clusters)
            labels, self.inertia_ = [], 0.0
            for embedding in embeddings:
                nearest, distances = _nearest(embedding, centers)
                labels.append(nearest)
                self.inertia_ += float(distances.sum())
                np.add.at(sums, nearest, embedding)
                members += np.bincount(nearest, minlength=self.n_clusters)
            labels = np.concatenate(labels)
            if previous is not None and np.array_equal(labels, previous):
                break
            previous = labels
            # an emptied cluster keeps its centre
            filled = members > 0
            centers[filled] = sums[filled] / members[filled, np.newaxis]
        return centers

    def fit(self, partitions, y=None) -> StreamingTopics:
        params = self._params()
        self._fit_idf(partitions, params)
        share = min(1.0, self.sample_size / self.n_rows_)
        sample = [
            rows
            for rows in map_partitions(_sample_rows, partitions, params, self.idf_, share)
            if rows is not None
        ]
        sample_matrix = sparse.vstack(sample, format="csr") if sample else None
        if sample_matrix is None or sample_matrix.shape[0] < max(self.n_clusters, 3):
            raise ValueError(
                f"the sample has {0 if sample_matrix is None else sample_matrix.shape[0]} rows, "
                f"fewer than n_clusters={self.n_clusters}: raise sample_size"
            )
        self.sample_rows_ = sample_matrix.shape[0]
        sample_embedding, self.svd_ = lsa_embedding(sample_matrix, self.n_components, self.random_state)
        if self.svd_ is None:
            raise ValueError("the sample is too small for an LSA basis: raise sample_size")
        centers = self._fit_kmeans(partitions, params, sample_embedding.astype(np.float32))
        self._label(partitions, params, centers)
        return self

    def _label(self, partitions, params: dict, centers: np.ndarray) -> None:
        results = map_partitions(_label_and_count, partitions, params, self.idf_, self.svd_, centers)
        raw = np.concatenate([labels for labels, _, _ in results]) if results else np.zeros(0, int)
        mapping = _renumber(raw, self.n_clusters)
        self.labels_ = mapping[raw]
        self.cluster_centers_ = np.empty_like(centers)
        self.cluster_centers_[mapping] = centers
        self.sizes_ = pd.Series(np.bincount(self.labels_, minlength=self.n_clusters), name="units")
        self.sizes_.index.name = "cluster"
        counts: Counter = Counter()
        units: Counter = Counter()
        for _, partition_counts, partition_units in results:
            counts.update(partition_counts)
            units.update(partition_units)
        sizes = self.sizes_.to_numpy()
        # Words that can rank somewhere (in enough units of some cluster) get a column; the
        # counts of all others go to one column per cluster that never ranks, so each
        # cluster's total (tf's denominator) stays exact without a column per rare word.
        words = sorted(
            {
                word
                for (label, word), n in units.items()
                if n >= min(self.min_df_labels, sizes[mapping[label]])
            }
        )
        column = {word: j for j, word in enumerate(words)}
        class_counts = np.zeros((self.n_clusters, len(words) + 1))
        class_df = np.zeros((self.n_clusters, len(words) + 1))
        for (label, word), count in counts.items():
            j = column.get(word, len(words))
            class_counts[mapping[label], j] += count
            if j < len(words):
                class_df[mapping[label], j] = units[label, word]
        present = np.flatnonzero(sizes)
        scoring = {
            "weighting": self.label_weighting,
            "filler": filler_words() if self.filler_weight != 1 else (),
            "filler_weight": self.filler_weight,
        }
        self.top_terms_ = score_classes(
            class_counts[present],
            class_df[present],
            sizes[present],
            present,
            [*words, ""],
            self.top_n,
            self.min_df_labels,
            **scoring,
        )

    def predict(self, partitions) -> np.ndarray:
        """Cluster of each unit of ``partitions`` (partitions in order), by the nearest centre."""
        params = self._params()
        embeddings = map_partitions(_embed, partitions, params, self.idf_, self.svd_)
        if not embeddings or not sum(len(e) for e in embeddings):
            return np.zeros(0, dtype=np.int64)
        return np.concatenate([_nearest(embedding, self.cluster_centers_)[0] for embedding in embeddings])
