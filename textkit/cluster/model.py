"""Cluster stage, the model: TF-IDF → LSA → k-means clusters with distinctive labels and stability."""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.preprocessing import normalize

from textkit.cluster._fit import _embed, _kmeans, clusterwise_stability
from textkit.datafiles import read_lines
from textkit.features import Tokens, _as_tokens, count_matrix

__all__ = [
    "STABLE",
    "TopicClusterer",
    "class_tfidf",
    "cluster_keyness",
    "cluster_summary",
    "filler_words",
    "refit",
    "topic_coherence",
    "topic_diversity",
]

LABEL_SEPARATOR = "、"
STABLE = 0.75  # Hennig's threshold: clusters with a mean Jaccard of at least 0.75 are stable


class TopicClusterer(ClusterMixin, BaseEstimator):
    """TF-IDF → LSA → k-means topic clusters with readable labels, reproducibly.

    ``fit(tokens)`` takes a list of token lists, one per unit. The clusterer
    does not choose or build units itself: a unit is whatever the rows of
    ``tokens`` are, decided one stage earlier — ``paragraph_units(articles)``
    for paragraphs (what makes five seed files clusterable), the articles
    table itself for whole articles, or headlines. The issue's ``unit=``
    parameter is kept as the *name* of that choice: it goes into figure titles
    and summaries ("sample of 2,000 of 9,120 paragraphs") so a table never
    hides what was clustered. Keeping tokenization outside also means the
    clusterer is plain scikit-learn and takes any tokenizer's output.

    Parameters
    ----------
    k:
        Number of clusters (see ``select_k`` and ``choose_k``).
    unit:
        What a row of ``tokens`` is: ``"paragraph"``, ``"article"``,
        ``"headline"``…; used in titles only.
    random_state:
        Seeds the SVD and k-means. Same tokens and same ``random_state`` give
        the same labels, numbered the same way.
    char_weight, char_ngram_range, min_df, max_df, sublinear_tf:
        The TF-IDF features (``textkit.features.TermFeatures``).
    n_components:
        LSA dimensions (TruncatedSVD, then L2 normalization); capped at the
        number of units minus one. ``None`` clusters the TF-IDF matrix itself.
    n_init:
        k-means restarts; the best of them (lowest inertia) is kept.
    minibatch_above:
        Above this many units, ``MiniBatchKMeans`` replaces ``KMeans``.
    n_top_terms, n_label_terms, n_representatives:
        How many c-TF-IDF terms to keep per cluster, how many of them form
        the label string, and how many representative rows to list.
    label_weighting, filler_weight:
        How terms are scored for labels (``class_tfidf``'s ``weighting``;
        ``"distinctive"`` down-weights terms spread over every cluster), and the
        factor applied to the genre's filler words (``filler_words()``).
    n_draws, subsample:
        Subsample refits for ``cluster_stability_`` (0 draws: no stability).

    Attributes
    ----------
    labels_:
        Cluster of each unit. Cluster 0 is the largest; ties go to the
        cluster whose first member comes first.
    top_terms_:
        ``cluster, rank, term, score, count, n_units`` — c-TF-IDF terms
        (``class_tfidf``), best first.
    cluster_labels_:
        Series cluster → label string (top c-TF-IDF terms joined by 、).
    representatives_:
        ``cluster, rank, row, similarity`` — members nearest the centroid
        (cosine in the clustering space); ``row`` indexes ``tokens``.
    sizes_:
        Series cluster → number of units.
    cluster_stability_:
        Series cluster → Hennig's cluster-wise stability in [0, 1] (mean best
        Jaccard over ``n_draws`` refits on ``subsample`` of the units; see
        ``clusterwise_stability``). At least 0.75 (``STABLE``): a firm theme.
    coherence_, diversity_:
        Series cluster → NPMI coherence of its top terms (``topic_coherence``),
        and the share of distinct terms among all clusters' top terms.
    matrix_, embedding_, features_, svd_, kmeans_, cluster_centers_:
        The fitted stages, for plots, NMF and similarity tables.

    Example
    -------
    >>> model = TopicClusterer(k=4, unit="paragraph", random_state=0).fit(tokens)  # doctest: +SKIP
    >>> model.cluster_labels_                                                        # doctest: +SKIP
    """

    def __init__(
        self,
        k: int = 5,
        unit: str = "paragraph",
        random_state: int = 0,
        *,
        char_weight: float = 0.5,
        char_ngram_range: tuple[int, int] = (1, 2),
        min_df: int | float = 2,
        max_df: int | float = 0.5,
        sublinear_tf: bool = True,
        n_components: int | None = 100,
        n_init: int = 10,
        minibatch_above: int = 20_000,
        n_top_terms: int = 10,
        n_label_terms: int = 3,
        n_representatives: int = 3,
        label_weighting: str = "distinctive",
        filler_weight: float = 0.1,
        n_draws: int = 6,
        subsample: float = 0.8,
    ) -> None:
        self.k = k
        self.unit = unit
        self.random_state = random_state
        self.char_weight = char_weight
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.n_components = n_components
        self.n_init = n_init
        self.minibatch_above = minibatch_above
        self.n_top_terms = n_top_terms
        self.n_label_terms = n_label_terms
        self.n_representatives = n_representatives
        self.label_weighting = label_weighting
        self.filler_weight = filler_weight
        self.n_draws = n_draws
        self.subsample = subsample

    def fit(self, tokens: Tokens, y=None, *, n_jobs: int = 1, _space=None) -> TopicClusterer:
        """Fit on ``tokens`` (one token list per unit). ``n_jobs`` threads (-1: all cores) share the
        SVD's products and the k-means starts of the fit and of the stability's refits; the result
        does not depend on it (``textkit._kmeans.fit_kmeans``, ``textkit._svd``)."""
        rows = _as_tokens(tokens)
        n_jobs = _threads(n_jobs)
        if not 2 <= self.k < len(rows):
            raise ValueError(
                f"k must be at least 2 and less than the number of units ({len(rows)}), got {self.k}"
            )
        space = _space
        if space is None:
            space = _embed(rows, self.get_params(), self.random_state, n_jobs=n_jobs)
        self.features_, self.matrix_, self.svd_, self.embedding_ = (
            space.features,
            space.matrix,
            space.svd,
            space.embedding,
        )
        self.n_components_ = 0 if self.svd_ is None else self.svd_.n_components
        labels, centers, self.kmeans_, self._mapping = _kmeans(
            self.embedding_, self.k, self.n_init, self.random_state, self.minibatch_above, n_jobs
        )
        self.labels_ = labels
        self.cluster_centers_ = centers
        self.sizes_ = pd.Series(np.bincount(labels, minlength=self.k), name="n_units").rename_axis("cluster")
        self.n_units_ = len(rows)
        counts = getattr(space, "word_counts", None)
        self.word_counts_, self.words_ = counts if counts is not None else count_matrix(rows)
        self.top_terms_ = class_tfidf(
            (self.word_counts_, self.words_),
            labels,
            top_n=self.n_top_terms,
            weighting=self.label_weighting,
            filler=filler_words() if self.filler_weight != 1 else (),
            filler_weight=self.filler_weight,
        )
        self.cluster_labels_ = _label_strings(self.top_terms_, self.k, self.n_label_terms)
        self.representatives_ = self._representatives(self.n_representatives)
        clusters = pd.RangeIndex(self.k, name="cluster")
        if self.n_draws:
            stability, self.stability_ari_ = clusterwise_stability(
                self.embedding_,
                labels,
                self.k,
                n_draws=self.n_draws,
                subsample=self.subsample,
                random_state=self.random_state,
                minibatch_above=self.minibatch_above,
                n_jobs=n_jobs,
            )
        else:
            stability, self.stability_ari_ = np.full(self.k, np.nan), float("nan")
        self.cluster_stability_ = pd.Series(stability.round(3), index=clusters, name="stability")
        self.coherence_ = topic_coherence(self.word_counts_, self.words_, self.top_terms_).reindex(
            clusters, fill_value=np.nan
        )
        self.diversity_ = topic_diversity(self.top_terms_)
        return self

    def transform(self, tokens: Tokens) -> np.ndarray:
        """Rows of new tokens in the clustering space (fitted features and SVD)."""
        matrix = self.features_.transform(tokens)
        if self.svd_ is None:
            return matrix
        return normalize(self.svd_.transform(matrix))

    def predict(self, tokens: Tokens) -> np.ndarray:
        """Nearest cluster (numbered as in ``labels_``) for new token lists."""
        return self._mapping[self.kmeans_.predict(self.transform(tokens))]

    def similarity_to_centroids(self) -> np.ndarray:
        """Cosine similarity of every unit to every cluster centroid (units × k)."""
        centers = normalize(self.cluster_centers_)
        similarity = self.embedding_ @ centers.T
        return np.asarray(similarity)

    def _representatives(self, n: int) -> pd.DataFrame:
        similarity = self.similarity_to_centroids()
        rows = []
        for cluster in range(self.k):
            members = np.flatnonzero(self.labels_ == cluster)
            own = similarity[members, cluster]
            # Stable sort on the negated similarity: ties keep corpus order.
            order = members[np.argsort(-own, kind="stable")][:n]
            rows.extend(
                (cluster, rank, int(row), round(float(similarity[row, cluster]), 3))
                for rank, row in enumerate(order, start=1)
            )
        return pd.DataFrame(rows, columns=["cluster", "rank", "row", "similarity"])


# --------------------------------------------------------------------------- labels


def _counts_of(tokens_or_counts) -> tuple[sparse.csr_matrix, np.ndarray]:
    if isinstance(tokens_or_counts, tuple):
        counts, words = tokens_or_counts
        return sparse.csr_matrix(counts), np.asarray(words, dtype=object)
    return count_matrix(tokens_or_counts)


def _cluster_indicator(labels: Sequence[int]) -> tuple[sparse.csr_matrix, np.ndarray]:
    labels = np.asarray(labels)
    clusters = np.unique(labels)
    position = np.searchsorted(clusters, labels)
    indicator = sparse.csr_matrix(
        (np.ones(len(labels)), (position, np.arange(len(labels)))), shape=(len(clusters), len(labels))
    )
    return indicator, clusters


def _class_sums(counts: sparse.csr_matrix, labels: Sequence[int]):
    """Per cluster: summed counts and units holding each word (clusters × words, float64), units,
    and the clusters (ascending): the products ``indicator @ counts`` and ``indicator @ (counts > 0)``.

    Integer counts are summed by one ``np.bincount`` of (cluster, word) pairs: sums of integers in
    float64 are exact in any order, so they equal the sparse products' (a test compares them), at a
    fifth of their time; other counts take the products.
    """
    indicator, clusters = _cluster_indicator(labels)
    sizes = np.asarray(indicator.sum(axis=1)).ravel()
    n_words = counts.shape[1]
    exact = counts.dtype.kind in "iub" and len(clusters) * n_words < 2**62
    if exact and len(counts.data) and np.abs(counts.data).max() * max(counts.shape[0], 1) >= 2**53:
        exact = False  # pragma: no cover - a sum past float64's integers: the products round alike
    if not exact:
        class_counts = np.asarray((indicator @ counts).todense(), dtype=float)
        class_df = np.asarray((indicator @ (counts > 0).astype(float)).todense())
        return class_counts, class_df, sizes, clusters
    position = np.searchsorted(clusters, np.asarray(labels))
    owner = np.repeat(position.astype(np.int64), np.diff(counts.indptr))
    cells = owner * n_words + counts.indices
    size = len(clusters) * n_words
    class_counts = np.bincount(cells, weights=counts.data.astype(np.float64), minlength=size)
    class_df = np.bincount(cells[counts.data > 0], minlength=size).astype(np.float64)
    shape = (len(clusters), n_words)
    return class_counts.reshape(shape), class_df.reshape(shape), sizes, clusters


def class_tfidf(
    tokens: Tokens | tuple,
    labels: Sequence[int],
    top_n: int = 10,
    min_df: int = 2,
    *,
    weighting: str = "ctfidf",
    filler: Sequence[str] | frozenset = (),
    filler_weight: float = 0.1,
) -> pd.DataFrame:
    """Class-based TF-IDF: the terms that characterise each cluster against the others.

    All units of a cluster are treated as one document (as in BERTopic's
    c-TF-IDF): ``score = tf(t, c) · log(1 + A / f(t))`` with ``tf`` the share
    of the cluster's tokens that are ``t``, ``f(t)`` the frequency of ``t`` in
    the whole corpus and ``A`` the average number of tokens per cluster. A
    term must occur in at least ``min_df`` units of the cluster (or all of
    them, if it is smaller), so one long paragraph cannot label a cluster.

    ``weighting="bm25"`` takes BERTopic's BM25-style idf
    ``log(1 + (A - f + 0.5) / (f + 0.5))`` and the square root of ``tf``, so very
    frequent words weigh less. ``weighting="distinctive"`` multiplies the BM25
    score by ``1 - H / log(k)``, with ``H`` the entropy of the term's rate across
    clusters (its share of each cluster's tokens, normalized to sum to 1): a term
    used at the same rate in every cluster (the genre's 发展, 推动, 工作) scores
    0, a term used by one cluster only keeps its score. Terms in ``filler`` (e.g.
    ``filler_words()``) are multiplied by ``filler_weight``.

    ``tokens`` is a list of token lists, or a ``(counts, words)`` pair from
    ``textkit.features.count_matrix``. Returns ``cluster, rank, term, score,
    count, n_units`` sorted by cluster and rank; scores rounded to 4 places.

    >>> tokens = [["政绩观", "干部"], ["政绩观", "群众"], ["体育", "比赛"], ["体育", "球队"]]
    >>> class_tfidf(tokens, [0, 0, 1, 1], top_n=1).term.tolist()
    ['政绩观', '体育']
    """
    counts, words = _counts_of(tokens)
    class_counts, class_df, sizes, clusters = _class_sums(counts, labels)
    scoring = {"weighting": weighting, "filler": filler, "filler_weight": filler_weight}
    return score_classes(class_counts, class_df, sizes, clusters, words, top_n, min_df, **scoring)


def score_classes(
    class_counts: np.ndarray,
    class_df: np.ndarray,
    sizes: np.ndarray,
    clusters: Sequence[int],
    words: Sequence[str],
    top_n: int = 10,
    min_df: int = 2,
    *,
    weighting: str = "ctfidf",
    filler: Sequence[str] | frozenset = (),
    filler_weight: float = 0.1,
) -> pd.DataFrame:
    """``class_tfidf`` from counts already summed per cluster (clusters × words).

    ``class_counts[c, w]``: occurrences of word ``w`` in cluster ``c``; ``class_df[c, w]``: units of
    ``c`` that contain it; ``sizes[c]``: units in ``c``. For callers that sum counts partition by
    partition and never hold a units × words matrix (``StreamingTopics``).

    >>> score_classes(np.array([[2.0, 0.0], [0.0, 3.0]]), np.array([[2, 0], [0, 2]]),
    ...               np.array([2, 2]), [0, 1], ["体育", "政绩观"], top_n=1).term.tolist()
    ['体育', '政绩观']
    """
    class_counts = np.asarray(class_counts, dtype=float)
    class_df = np.asarray(class_df)
    sizes = np.asarray(sizes)
    words = np.asarray(words, dtype=object)
    if weighting not in ("ctfidf", "bm25", "distinctive"):
        raise ValueError(f"weighting must be 'ctfidf', 'bm25' or 'distinctive', got {weighting!r}")
    totals = class_counts.sum(axis=1, keepdims=True)
    frequency = class_counts.sum(axis=0)
    average = totals.mean()
    # Every score of a zero count is 0 and never ranks: the scores are computed at the non-zero
    # counts only, each with the same operations on the same values as on the whole clusters ×
    # words array, and the sums over clusters are taken over that array with its zeros (in
    # place of the terms of zero counts), so every kept score has the same bits (a test compares
    # them with the dense computation this replaced); a fifth of its time on 35 clusters.
    # row by row, columns ascending (np.nonzero's order; a comparison first is faster than it)
    rows, columns = np.divmod(np.flatnonzero(class_counts.ravel() != 0), max(class_counts.shape[1], 1))
    counted = class_counts[rows, columns]
    row_totals = totals[rows, 0]
    tf = np.divide(counted, row_totals, out=np.zeros_like(counted), where=row_totals > 0)
    if weighting == "ctfidf":
        idf = np.log1p(np.divide(average, frequency, out=np.zeros_like(frequency), where=frequency > 0))
        scores = tf * idf[columns]
    else:
        bm25 = np.log1p(np.maximum(average - frequency + 0.5, 0) / (frequency + 0.5))
        scores = np.sqrt(tf) * bm25[columns]
        if weighting == "distinctive" and len(clusters) > 1:
            spread = np.zeros(class_counts.shape)
            spread[rows, columns] = tf
            rate = tf / np.maximum(spread.sum(axis=0), 1e-300)[columns]
            with np.errstate(divide="ignore", invalid="ignore"):
                spread[rows, columns] = np.where(rate > 0, rate * np.log(rate), 0.0)
            entropy = -spread.sum(axis=0)
            scores = scores * np.clip(1 - entropy / np.log(len(clusters)), 0, 1)[columns]
    if len(filler):
        scores = scores * np.where(_is_filler(words, filler), filler_weight, 1.0)[columns]
    bounds = np.searchsorted(rows, np.arange(len(clusters) + 1))
    result = []
    for position, cluster in enumerate(clusters):
        part = slice(bounds[position], bounds[position + 1])
        where, scored = columns[part], scores[part]
        enough = class_df[position, where] >= min(min_df, sizes[position])
        keep = enough & (counted[part] > 0) & (scored > 0)
        candidates, scored = where[keep], scored[keep]
        # Highest score first; ties broken by the term itself so the order never depends on hashing.
        if len(candidates) > top_n:
            # Only terms scoring at least the top_n-th best can rank; ties at the edge are kept.
            edge = np.partition(scored, len(candidates) - top_n)[len(candidates) - top_n]
            candidates, scored = candidates[scored >= edge], scored[scored >= edge]
        score_of = dict(zip(candidates.tolist(), scored.tolist(), strict=True))
        ranked = sorted(score_of, key=lambda j: (-score_of[j], words[j]))[:top_n]
        result.extend(
            (
                int(cluster),
                rank,
                str(words[j]),
                round(score_of[j], 4),
                int(class_counts[position, j]),
                int(class_df[position, j]),
            )
            for rank, j in enumerate(ranked, start=1)
        )
    return pd.DataFrame(result, columns=["cluster", "rank", "term", "score", "count", "n_units"])


def _is_filler(words: np.ndarray, filler) -> np.ndarray:
    """Which ``words`` (strings) are in ``filler``, by one hash lookup of all of them
    (``pandas.Index.isin``): np.isin would sort the strings, and a Python ``in`` per word took
    some 0.1 s per call on the search's 75,000 words, 22 calls per fit of notebook 03.

    >>> _is_filler(np.asarray(["发展", "政绩观", "工作"], dtype=object), {"发展", "工作"}).tolist()
    [True, False, True]
    """
    names = pd.Index(np.asarray(words, dtype=object), dtype=object)
    return np.asarray(names.isin(list(frozenset(filler))), dtype=bool)


def cluster_keyness(
    tokens: Tokens, labels: Sequence[int], top_n: int = 10, min_count: int = 3
) -> pd.DataFrame:
    """Keyness of each cluster against all other units, with ``textkit.vocab.keyness``.

    The same G² (Dunning's log-likelihood), log ratio and p-value as the
    vocabulary notebook uses, one cluster at a time against the rest; only
    terms over-represented in the cluster and used there at least
    ``min_count`` times are kept. Returns ``cluster, rank, term, target,
    reference, g2, log_ratio, p_value`` (``target`` = count in the cluster,
    ``reference`` = count in the rest), by cluster and descending G².

    It counts the corpus once per cluster, so on a large corpus it is the
    slow step of labelling: it is a separate function, not part of ``fit``.

    >>> tokens = [["政绩观"] * 3, ["政绩观", "干部"], ["体育"] * 3, ["体育", "干部"]]
    >>> cluster_keyness(tokens, [0, 0, 1, 1], min_count=2).term.tolist()
    ['政绩观', '体育']
    """
    from textkit.vocab import keyness

    rows = _as_tokens(tokens)
    labels = np.asarray(labels)
    if len(labels) != len(rows):
        raise ValueError(f"{len(labels)} labels for {len(rows)} units")
    tables = []
    for cluster in np.unique(labels):
        mask = labels == cluster
        if mask.all():
            continue
        table = keyness(rows, mask)
        table = table.loc[(table["g2"] > 0) & (table["target"] >= min_count)].head(top_n)
        tables.append(table.assign(cluster=int(cluster), rank=np.arange(1, len(table) + 1)))
    columns = ["cluster", "rank", "term", "target", "reference", "g2", "log_ratio", "p_value"]
    if not tables:
        return pd.DataFrame(columns=columns)
    return pd.concat(tables, ignore_index=True)[columns]


def _label_strings(top_terms: pd.DataFrame, k: int, n_terms: int) -> pd.Series:
    labels = {}
    for cluster in range(k):
        terms = top_terms.loc[top_terms["cluster"] == cluster].sort_values("rank")["term"].head(n_terms)
        labels[cluster] = LABEL_SEPARATOR.join(terms) if len(terms) else f"cluster {cluster}"
    return pd.Series(labels, name="label").rename_axis("cluster")


@functools.cache
def filler_words() -> frozenset[str]:
    """The genre's filler words (``textkit/data/filler_words.txt``), down-weighted in labels.

    >>> "发展" in filler_words()
    True
    """

    return frozenset(line.split("\t")[0] for line in read_lines("filler_words.txt"))


def topic_coherence(counts, words, top_terms: pd.DataFrame, n_terms: int = 10) -> pd.Series:
    """NPMI coherence of each cluster's top terms over the units (Bouma 2009; Röder et al. 2015).

    For every pair of a cluster's ``n_terms`` best terms, normalized pointwise mutual
    information of their co-occurrence in units, ``log(p(a, b) / p(a) p(b)) / -log p(a, b)``
    (−1 if they never co-occur, 1 if always together); the cluster's coherence is the mean
    over pairs. Returns a Series cluster → NPMI rounded to 3 places.

    >>> counts, words = count_matrix([["政绩观", "干部"], ["政绩观", "干部"], ["体育", "比赛"]])
    >>> top = pd.DataFrame({"cluster": [0, 0], "rank": [1, 2], "term": ["政绩观", "干部"]})
    >>> topic_coherence(counts, words, top).tolist()
    [1.0]
    """
    counts = sparse.csr_matrix(counts)
    n_units = max(counts.shape[0], 1)
    ordered = top_terms.sort_values(["cluster", "rank"])
    # Only the top terms' columns are read: find them once (the last column of a repeated word, as
    # a dict of all words would), and binarize just those columns.
    wanted = pd.unique(ordered["term"].astype(str))
    position = {}
    if len(wanted):
        names = np.asarray(words, dtype=object)
        hits = np.flatnonzero(pd.Index(names, dtype=object).isin(wanted))
        position = {names[j]: int(j) for j in hits}  # ascending j: the last of repeats wins
    used = np.asarray(sorted(set(position.values())), dtype=np.intp)
    local = {int(j): i for i, j in enumerate(used)}
    present = sparse.csc_matrix((counts[:, used] > 0).astype(np.float64))
    result = {}
    for cluster, group in ordered.groupby("cluster", sort=True):
        columns = [local[position[t]] for t in group["term"].head(n_terms) if t in position]
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


def topic_diversity(top_terms: pd.DataFrame, n_terms: int = 10) -> float:
    """Share of distinct terms among all clusters' top ``n_terms`` terms (Dieng et al. 2020).

    1 means no two clusters share a top term; near 0, every cluster has the same words.

    >>> topic_diversity(pd.DataFrame({"cluster": [0, 0, 1, 1], "rank": [1, 2, 1, 2],
    ...     "term": ["政绩观", "干部", "体育", "干部"]}))
    0.75
    """
    top = top_terms.loc[top_terms["rank"] <= n_terms, "term"]
    return round(top.nunique() / len(top), 3) if len(top) else float("nan")


SUMMARY_COLUMNS = ["cluster", "n_units", "share", "label", "stability", "coherence"]


def cluster_summary(
    model: TopicClusterer | None,
    units: pd.DataFrame | None = None,
    n_examples: int = 2,
    max_chars: int = 80,
) -> pd.DataFrame:
    """One row per cluster: size, share of units, label, stability, coherence and example texts.

    ``model=None`` (nothing could be clustered) gives an empty table with the same columns.

    Examples are the representatives (nearest the centroid), taken from the
    ``text`` column of ``units`` (the rows ``model`` was fitted on) and cut to
    ``max_chars`` characters with "…".
    """
    examples = [f"example_{number}" for number in range(1, n_examples + 1)] if units is not None else []
    if model is None:
        return pd.DataFrame(columns=SUMMARY_COLUMNS + examples)
    if units is not None and len(units) != model.n_units_:
        raise ValueError(f"units has {len(units)} rows but the model was fitted on {model.n_units_}")
    table = pd.DataFrame(
        {
            "cluster": np.arange(model.k),
            "n_units": model.sizes_.to_numpy(),
            "share": np.round(model.sizes_.to_numpy() / model.n_units_, 3),
            "label": model.cluster_labels_.to_numpy(),
            "stability": model.cluster_stability_.to_numpy(),
            "coherence": model.coherence_.to_numpy(),
        }
    )
    if units is not None:
        texts = units["text"].astype(str).to_numpy()
        for number in range(1, n_examples + 1):
            picked = model.representatives_.loc[model.representatives_["rank"] == number]
            by_cluster = dict(zip(picked["cluster"], picked["row"], strict=True))
            table[f"example_{number}"] = [
                _shorten(texts[by_cluster[c]], max_chars) if c in by_cluster else "" for c in table["cluster"]
            ]
    return table


def _shorten(text: str, max_chars: int) -> str:
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


def refit(model: TopicClusterer | None, tokens: Tokens, n_jobs: int = 1) -> TopicClusterer | None:
    """A second, independent fit with the same parameters (same ``random_state``), or None.

    Used to show that a rerun reproduces the labels and stabilities exactly. Everything seeded
    is done again: the SVD, k-means and the subsample refits of the stability. The TF-IDF matrix
    and the word counts, which have no seed (a function of the tokens and the settings alone),
    are taken from ``model`` when it was fitted on as many rows as ``tokens`` has: building
    them again (some 9 s on 4,516 articles) would only repeat a deterministic count. The
    result equals ``TopicClusterer(**model.get_params()).fit(tokens)`` (tested). ``n_jobs`` threads
    share the SVD's sparse products and the k-means starts (-1: all cores; the result does not
    depend on it).
    """
    if model is None:
        return None
    again = TopicClusterer(**model.get_params())
    rows = _as_tokens(tokens)
    matrix = getattr(model, "matrix_", None)
    if matrix is None or matrix.shape[0] != len(rows):
        return again.fit(rows, n_jobs=n_jobs)
    threads = _threads(n_jobs)
    space = _embed(rows, again.get_params(), again.random_state, (model.features_, matrix), threads)
    if getattr(model, "word_counts_", None) is not None:
        space.word_counts = (model.word_counts_, model.words_)
    return again.fit(rows, n_jobs=threads, _space=space)


def _threads(n_jobs: int) -> int:
    """Threads for ``n_jobs`` as joblib counts them (-1: all cores, -2: all but one).

    >>> _threads(1), _threads(-1) == (os.cpu_count() or 1)
    (1, True)
    """
    return max(1, (os.cpu_count() or 1) + 1 + n_jobs if n_jobs < 0 else n_jobs)
