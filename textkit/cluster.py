"""The cluster stage: which themes a corpus covers, and which articles share them.

Data flow (one way; each step returns a table or matrix the next one takes)::

    articles ──paragraph_units──▶ units ──tokenize_corpus──▶ tokens
    tokens ──TermFeatures (textkit.features)──▶ TF-IDF matrix ──LSA──▶ embedding
    embedding ──KMeans──▶ labels ──class_tfidf / cluster_keyness──▶ labelled clusters

``TopicClusterer`` runs the whole chain in scikit-learn style; the steps are also
public functions, so each can be inspected or replaced. ``select_k`` measures
how well and how reproducibly each number of clusters splits the corpus;
``nmf_topics`` gives a second, soft view of the same matrix; the ``plot_*``
functions and share/similarity tables are the views a notebook shows.

>>> units = paragraph_units(articles)                        # doctest: +SKIP
>>> tokens = tokenize_corpus(units)                          # doctest: +SKIP
>>> table = select_k(tokens, ks=range(2, 9))                 # doctest: +SKIP
>>> model = TopicClusterer(k=choose_k(table)).fit(tokens)    # doctest: +SKIP
>>> model.cluster_labels_                                    # doctest: +SKIP
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import NMF, PCA, TruncatedSVD
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import normalize

from textkit.features import (
    TermFeatures,
    Tokens,
    _as_tokens,
    count_matrix,
    lsa_embedding,
    single_thread_if_small,
)

__all__ = [
    "ARTICLE_KEYS",
    "NmfView",
    "TopicClusterer",
    "article_cluster_shares",
    "article_similarity",
    "choose_k",
    "class_tfidf",
    "cluster_keyness",
    "cluster_summary",
    "clustering_units",
    "fit_topics",
    "map_coordinates",
    "nmf_topics",
    "paragraph_units",
    "plot_cluster_map",
    "plot_select_k",
    "plot_similarity_heatmap",
    "select_k",
]

ARTICLE_KEYS = ["doc_id", "article_no"]
UNIT_COLUMNS = ["doc_id", "article_no", "paragraph_no", "title", "text"]
LABEL_SEPARATOR = "、"


# --------------------------------------------------------------------------- units


def paragraph_units(articles: pd.DataFrame, min_chars: int = 30) -> pd.DataFrame:
    """One row per paragraph of each article, for clustering below the article level.

    Paragraphs are the lines of the normalized ``text`` (one paragraph per
    line). Lines shorter than ``min_chars`` non-space characters are headings,
    captions, bylines and datelines, not arguments; they do not become units.
    ``paragraph_no`` counts every non-empty line of the article from 1, so it
    points back into the text even when short lines were skipped.

    Returns the columns ``doc_id, article_no, paragraph_no, title, text``
    (``title`` is empty when ``articles`` has none), sorted.

    >>> articles = pd.DataFrame({"doc_id": ["a.txt"], "article_no": [1], "title": ["标题"],
    ...     "text": ["短标题\\n" + "树立和践行正确政绩观，" * 4]})
    >>> paragraph_units(articles)[["doc_id", "article_no", "paragraph_no"]].values.tolist()
    [['a.txt', 1, 2]]
    """
    missing = {"doc_id", "text"} - set(articles.columns)
    if missing:
        raise KeyError(f"articles needs the columns {sorted(missing)}")
    rows = []
    article_nos = articles["article_no"] if "article_no" in articles else pd.Series(1, index=articles.index)
    titles = articles["title"] if "title" in articles else pd.Series("", index=articles.index)
    for doc_id, article_no, title, text in zip(
        articles["doc_id"], article_nos, titles, articles["text"], strict=True
    ):
        lines = [line.strip() for line in str(text).split("\n")]
        for number, line in enumerate((line for line in lines if line), start=1):
            if sum(not ch.isspace() for ch in line) >= min_chars:
                rows.append((doc_id, int(article_no), number, "" if pd.isna(title) else str(title), line))
    units = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    return units.sort_values(["doc_id", "article_no", "paragraph_no"], ignore_index=True)


# --------------------------------------------------------------------------- fitting steps


def _renumber(labels: np.ndarray, k: int) -> np.ndarray:
    """Old cluster number → new: largest cluster first, ties by earliest member."""
    sizes = np.bincount(labels, minlength=k)
    first = np.full(k, len(labels))
    for row in range(len(labels) - 1, -1, -1):
        first[labels[row]] = row
    order = sorted(range(k), key=lambda c: (-sizes[c], first[c]))
    mapping = np.empty(k, dtype=int)
    mapping[order] = np.arange(k)
    return mapping


def _kmeans(embedding, k: int, n_init: int, random_state: int, minibatch_above: int):
    if embedding.shape[0] > minibatch_above:
        model = MiniBatchKMeans(
            n_clusters=k, n_init=n_init, random_state=random_state, batch_size=4096, max_no_improvement=20
        )
    else:
        model = KMeans(n_clusters=k, n_init=n_init, random_state=random_state)
    with single_thread_if_small(embedding.shape[0]):
        raw = model.fit_predict(embedding)
    mapping = _renumber(raw, k)
    centers = np.empty_like(model.cluster_centers_)
    centers[mapping] = model.cluster_centers_
    return mapping[raw], centers, model, mapping


@dataclass
class _Space:
    features: TermFeatures
    matrix: sparse.csr_matrix
    svd: TruncatedSVD | None
    embedding: np.ndarray | sparse.csr_matrix


def _embed(rows: list[list[str]], params: dict, random_state: int, fitted: tuple | None = None) -> _Space:
    """Features then LSA; ``fitted=(features, matrix)`` reuses features that do not depend on the seed."""
    if fitted is None:
        features = TermFeatures(
            char_weight=params["char_weight"],
            char_ngram_range=params["char_ngram_range"],
            min_df=params["min_df"],
            max_df=params["max_df"],
            sublinear_tf=params["sublinear_tf"],
        )
        matrix = features.fit_transform(rows)
    else:
        features, matrix = fitted
    if params["n_components"]:
        embedding, svd = lsa_embedding(matrix, params["n_components"], random_state)
    else:
        embedding, svd = matrix, None
    return _Space(features, matrix, svd, embedding)


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

    def fit(self, tokens: Tokens, y=None) -> TopicClusterer:
        rows = _as_tokens(tokens)
        if not 2 <= self.k < len(rows):
            raise ValueError(
                f"k must be at least 2 and less than the number of units ({len(rows)}), got {self.k}"
            )
        space = _embed(rows, self.get_params(), self.random_state)
        self.features_, self.matrix_, self.svd_, self.embedding_ = (
            space.features,
            space.matrix,
            space.svd,
            space.embedding,
        )
        self.n_components_ = 0 if self.svd_ is None else self.svd_.n_components
        labels, centers, self.kmeans_, self._mapping = _kmeans(
            self.embedding_, self.k, self.n_init, self.random_state, self.minibatch_above
        )
        self.labels_ = labels
        self.cluster_centers_ = centers
        self.sizes_ = pd.Series(np.bincount(labels, minlength=self.k), name="n_units").rename_axis("cluster")
        self.n_units_ = len(rows)
        self.word_counts_, self.words_ = count_matrix(rows)
        self.top_terms_ = class_tfidf((self.word_counts_, self.words_), labels, top_n=self.n_top_terms)
        self.cluster_labels_ = _label_strings(self.top_terms_, self.k, self.n_label_terms)
        self.representatives_ = self._representatives(self.n_representatives)
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


def class_tfidf(
    tokens: Tokens | tuple, labels: Sequence[int], top_n: int = 10, min_df: int = 2
) -> pd.DataFrame:
    """Class-based TF-IDF: the terms that characterise each cluster against the others.

    All units of a cluster are treated as one document (as in BERTopic's
    c-TF-IDF): ``score = tf(t, c) · log(1 + A / f(t))`` with ``tf`` the share
    of the cluster's tokens that are ``t``, ``f(t)`` the frequency of ``t`` in
    the whole corpus and ``A`` the average number of tokens per cluster. A
    term must occur in at least ``min_df`` units of the cluster (or all of
    them, if it is smaller), so one long paragraph cannot label a cluster.

    ``tokens`` is a list of token lists, or a ``(counts, words)`` pair from
    ``textkit.features.count_matrix``. Returns ``cluster, rank, term, score,
    count, n_units`` sorted by cluster and rank; scores rounded to 4 places.

    >>> tokens = [["政绩观", "干部"], ["政绩观", "群众"], ["体育", "比赛"], ["体育", "球队"]]
    >>> class_tfidf(tokens, [0, 0, 1, 1], top_n=1).term.tolist()
    ['政绩观', '体育']
    """
    counts, words = _counts_of(tokens)
    indicator, clusters = _cluster_indicator(labels)
    class_counts = np.asarray((indicator @ counts).todense(), dtype=float)
    class_df = np.asarray((indicator @ (counts > 0).astype(float)).todense())
    sizes = np.asarray(indicator.sum(axis=1)).ravel()
    totals = class_counts.sum(axis=1, keepdims=True)
    tf = np.divide(class_counts, totals, out=np.zeros_like(class_counts), where=totals > 0)
    frequency = class_counts.sum(axis=0)
    average = totals.mean()
    idf = np.log1p(np.divide(average, frequency, out=np.zeros_like(frequency), where=frequency > 0))
    scores = tf * idf
    rows = []
    for position, cluster in enumerate(clusters):
        enough = class_df[position] >= min(min_df, sizes[position])
        candidates = np.flatnonzero(enough & (class_counts[position] > 0))
        # Highest score first; ties broken by the term itself so the order never depends on hashing.
        ranked = sorted(candidates, key=lambda j: (-scores[position, j], words[j]))[:top_n]
        rows.extend(
            (
                int(cluster),
                rank,
                str(words[j]),
                round(float(scores[position, j]), 4),
                int(class_counts[position, j]),
                int(class_df[position, j]),
            )
            for rank, j in enumerate(ranked, start=1)
        )
    return pd.DataFrame(rows, columns=["cluster", "rank", "term", "score", "count", "n_units"])


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


def cluster_summary(
    model: TopicClusterer, units: pd.DataFrame | None = None, n_examples: int = 2, max_chars: int = 80
) -> pd.DataFrame:
    """One row per cluster: size, share of units, label and example texts.

    Examples are the representatives (nearest the centroid), taken from the
    ``text`` column of ``units`` (the rows ``model`` was fitted on) and cut to
    ``max_chars`` characters with "…".
    """
    if units is not None and len(units) != model.n_units_:
        raise ValueError(f"units has {len(units)} rows but the model was fitted on {model.n_units_}")
    table = pd.DataFrame(
        {
            "cluster": np.arange(model.k),
            "n_units": model.sizes_.to_numpy(),
            "share": np.round(model.sizes_.to_numpy() / model.n_units_, 3),
            "label": model.cluster_labels_.to_numpy(),
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


# --------------------------------------------------------------------------- choosing k


def _pairwise_ari(runs: list[tuple[np.ndarray, np.ndarray]]) -> float:
    """Mean ARI over pairs of runs, each compared on the rows both runs contain."""
    scores = []
    for (rows_a, labels_a), (rows_b, labels_b) in itertools.combinations(runs, 2):
        shared, in_a, in_b = np.intersect1d(rows_a, rows_b, assume_unique=True, return_indices=True)
        if len(shared) >= 2:
            scores.append(adjusted_rand_score(labels_a[in_a], labels_b[in_b]))
    return float(np.mean(scores)) if scores else float("nan")


def select_k(
    tokens: Tokens,
    ks: Iterable[int] = range(2, 9),
    n_runs: int = 4,
    subsample: float = 0.8,
    random_state: int = 0,
    silhouette_sample: int = 5_000,
    **params,
) -> pd.DataFrame:
    """Silhouette and stability of k-means for each k, to choose the number of clusters.

    For each ``k``:

    - ``silhouette`` — mean silhouette (cosine) of the ``random_state`` run
      in the space it was clustered in (the LSA embedding by default); higher
      means clusters are more separated. Computed on a sample of
      ``silhouette_sample`` units for large corpora.
    - ``seed_ari`` — mean adjusted Rand index between ``n_runs`` fits of the
      whole pipeline (SVD and k-means) with seeds ``random_state``,
      ``random_state + 1``, …: does the answer depend on the seed?
    - ``subsample_ari`` — ``n_runs`` fits on random subsamples of
      ``subsample`` of the units (without replacement, so a unit is never
      counted twice), features refitted each time, compared pairwise on the
      units both contain: does the answer depend on which units are there?
    - ``stability`` — the mean of the two; ``smallest_cluster`` — size of the
      smallest cluster in the ``random_state`` run.

    ``params`` are ``TopicClusterer`` parameters (``n_components``,
    ``char_weight``…). Deterministic given ``random_state``. Returns one row
    per k, sorted by k, floats rounded to 3 places.
    """
    rows = _as_tokens(tokens)
    n = len(rows)
    ks = sorted({int(k) for k in ks})
    if not ks or ks[0] < 2 or ks[-1] >= n:
        raise ValueError(f"every k must be at least 2 and less than the number of units ({n}); got {ks}")
    if n_runs < 2:
        raise ValueError("n_runs must be at least 2 to measure stability")
    settings = TopicClusterer(random_state=random_state, **params).get_params()
    seeds = [random_state + run for run in range(n_runs)]
    # TF-IDF does not depend on the seed: fit it once, vary only the SVD and k-means.
    first = _embed(rows, settings, seeds[0])
    full_spaces = [first.embedding] + [
        _embed(rows, settings, seed, fitted=(first.features, first.matrix)).embedding for seed in seeds[1:]
    ]
    rng = np.random.default_rng(random_state)
    size = max(ks[-1] + 1, round(subsample * n))
    subsets = [np.sort(rng.choice(n, size=size, replace=False)) for _ in seeds]
    sub_spaces = [
        _embed([rows[i] for i in subset], settings, seed).embedding
        for subset, seed in zip(subsets, seeds, strict=True)
    ]
    everyone = np.arange(n)
    fit = {key: settings[key] for key in ("n_init", "minibatch_above")}
    table = []
    for k in ks:
        full = [
            _kmeans(space, k, random_state=seed, **fit)[0]
            for space, seed in zip(full_spaces, seeds, strict=True)
        ]
        partial = [
            (subset, _kmeans(space, k, random_state=seed, **fit)[0])
            for subset, space, seed in zip(subsets, sub_spaces, seeds, strict=True)
        ]
        with single_thread_if_small(n):
            silhouette = silhouette_score(
                full_spaces[0],
                full[0],
                metric="cosine",
                sample_size=min(silhouette_sample, n),
                random_state=random_state,
            )
        seed_ari = _pairwise_ari([(everyone, labels) for labels in full])
        subsample_ari = _pairwise_ari(partial)
        table.append(
            {
                "k": k,
                "silhouette": silhouette,
                "stability": (seed_ari + subsample_ari) / 2,
                "seed_ari": seed_ari,
                "subsample_ari": subsample_ari,
                "smallest_cluster": int(np.bincount(full[0], minlength=k).min()),
            }
        )
    return pd.DataFrame(table).round(3)


def choose_k(table: pd.DataFrame, min_stability: float = 0.8) -> int:
    """The k with the best silhouette among those at least ``min_stability`` stable.

    If no k is that stable, the most stable k (the smaller k on ties). The
    rule is deliberately simple so a notebook can state it in one sentence.

    >>> choose_k(pd.DataFrame({"k": [2, 3, 4], "silhouette": [.05, .08, .09], "stability": [.9, .85, .6]}))
    3
    """
    stable = table.loc[table["stability"] >= min_stability]
    if len(stable):
        best = stable.sort_values(["silhouette", "k"], ascending=[False, True]).iloc[0]
    else:
        best = table.sort_values(["stability", "k"], ascending=[False, True]).iloc[0]
    return int(best["k"])


def clustering_units(
    articles: pd.DataFrame, unit: str = "auto", paragraphs_below: int = 500, min_chars: int = 30
) -> tuple[str, pd.DataFrame]:
    """``(unit, units)``: paragraphs or whole articles as the rows to cluster.

    ``unit="auto"`` takes paragraphs when there are fewer than
    ``paragraphs_below`` articles (a handful of articles gives too few units
    otherwise) and whole articles above (paragraphs of a large corpus are many
    and short, and articles are what a researcher compares).

    >>> clustering_units(pd.DataFrame({"doc_id": ["a"], "article_no": [1], "text": ["x" * 40]}))[0]
    'paragraph'
    """
    if unit == "auto":
        unit = "paragraph" if len(articles) < paragraphs_below else "article"
    if unit == "paragraph":
        return unit, paragraph_units(articles, min_chars=min_chars)
    if unit == "article":
        return unit, articles
    raise ValueError(f"unit must be 'paragraph', 'article' or 'auto', not {unit!r}")


def fit_topics(
    tokens: Tokens,
    ks: Iterable[int] = range(2, 9),
    k: int | None = None,
    min_stability: float = 0.8,
    random_state: int = 0,
    min_units_per_cluster: int = 3,
    select_on: int | None = 2000,
    **params,
) -> tuple[TopicClusterer | None, pd.DataFrame | None]:
    """Choose k (unless given) with ``select_k``/``choose_k`` and fit ``TopicClusterer``.

    Values of k that would leave fewer than ``min_units_per_cluster`` units
    per cluster on average are not tried. Above ``select_on`` units, k is
    chosen on a fixed random sample of that many units (``select_k`` refits
    the pipeline eight times) and the final model is fitted on all of them;
    ``table.attrs["sampled"]`` is then ``(sample size, number of units)``.
    Returns ``(model, table)``; both are ``None`` when no k can be tried (too
    little text), ``table`` is ``None`` when ``k`` was given.
    """
    rows = _as_tokens(tokens)
    n_units = len(rows)
    if k is None:
        usable = [value for value in ks if 2 <= value <= n_units // min_units_per_cluster]
        if not usable:
            return None, None
        sample = rows
        if select_on is not None and n_units > select_on:
            chosen = np.sort(np.random.default_rng(random_state).choice(n_units, select_on, replace=False))
            sample = [rows[i] for i in chosen]
        table = select_k(sample, ks=usable, random_state=random_state, **params)
        if len(sample) < n_units:
            table.attrs["sampled"] = (len(sample), n_units)
        k = choose_k(table, min_stability=min_stability)
    else:
        table = None
    model = TopicClusterer(k=k, random_state=random_state, **params).fit(rows)
    return model, table


# --------------------------------------------------------------------------- NMF view


@dataclass
class NmfView:
    """Soft topics from NMF, and how they line up with the k-means clusters.

    terms:
        ``topic, rank, term, weight`` — top words per topic.
    topic_labels:
        Series topic → label string (top terms joined by 、).
    weights:
        Units × topics weight array (rows of the matrix the model was fitted on).
    by_cluster:
        Clusters × topics: each cluster's total topic weight split into
        shares (rows sum to 1), rounded.
    contingency:
        Clusters × topics: number of units whose strongest topic is that topic.
    mapping:
        ``topic, label, cluster, cluster_label, overlap`` — for each topic,
        the cluster holding most of the units whose strongest topic it is, and
        that share (``overlap``).
    """

    terms: pd.DataFrame
    topic_labels: pd.Series
    weights: np.ndarray
    by_cluster: pd.DataFrame
    contingency: pd.DataFrame
    mapping: pd.DataFrame


def nmf_topics(
    model: TopicClusterer,
    n_topics: int | None = None,
    top_n: int = 8,
    random_state: int | None = None,
    max_iter: int = 1000,
) -> NmfView:
    """NMF topics on the word columns of the clusterer's TF-IDF matrix, mapped to its clusters.

    NMF runs on the same TF-IDF rows k-means saw, restricted to word
    columns so topics read as words (the character n-gram columns help
    matching, not reading). ``init="nndsvd"`` makes it deterministic;
    ``random_state`` defaults to the clusterer's; ``n_topics`` to its ``k``.
    """
    n_topics = model.k if n_topics is None else int(n_topics)
    random_state = model.random_state if random_state is None else random_state
    n_words = model.features_.n_word_features_
    if n_words:
        matrix, names = model.matrix_[:, :n_words], model.features_.word_names_
    else:
        matrix, names = model.matrix_, model.features_.get_feature_names_out()
    nmf = NMF(n_components=n_topics, init="nndsvd", random_state=random_state, max_iter=max_iter)
    with single_thread_if_small(matrix.shape[0]):
        weights = nmf.fit_transform(matrix)
    term_rows = []
    for topic, loadings in enumerate(nmf.components_):
        ranked = sorted(np.flatnonzero(loadings > 0), key=lambda j: (-loadings[j], names[j]))[:top_n]
        term_rows.extend(
            (topic, rank, str(names[j]), round(float(loadings[j]), 4))
            for rank, j in enumerate(ranked, start=1)
        )
    terms = pd.DataFrame(term_rows, columns=["topic", "rank", "term", "weight"])
    topic_labels = pd.Series(
        {
            topic: LABEL_SEPARATOR.join(terms.loc[terms["topic"] == topic, "term"].head(3))
            or f"topic {topic}"
            for topic in range(n_topics)
        },
        name="label",
    ).rename_axis("topic")

    clusters = pd.Index(range(model.k), name="cluster")
    topics = pd.Index(range(n_topics), name="topic")
    totals = (
        pd.DataFrame(weights, columns=topics).groupby(model.labels_).sum().reindex(clusters, fill_value=0)
    )
    row_sums = totals.sum(axis=1).replace(0, 1)
    by_cluster = totals.div(row_sums, axis=0).round(3)
    strongest = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)
    has_topic = strongest >= 0
    contingency = (
        pd.crosstab(
            pd.Series(model.labels_[has_topic], name="cluster"), pd.Series(strongest[has_topic], name="topic")
        )
        .reindex(index=clusters, columns=topics, fill_value=0)
        .astype(int)
    )
    mapping_rows = []
    for topic in range(n_topics):
        column = contingency[topic]
        total = int(column.sum())
        cluster = int(column.idxmax()) if total else -1
        mapping_rows.append(
            {
                "topic": topic,
                "label": topic_labels[topic],
                "cluster": cluster,
                "cluster_label": model.cluster_labels_.get(cluster, ""),
                "overlap": round(column.max() / total, 3) if total else 0.0,
            }
        )
    return NmfView(terms, topic_labels, weights, by_cluster, contingency, pd.DataFrame(mapping_rows))


# --------------------------------------------------------------------------- tables of articles


def _article_keys(units: pd.DataFrame, by: Sequence[str]) -> pd.Series:
    return units[list(by)].astype(str).agg("#".join, axis=1)


def article_cluster_shares(
    units: pd.DataFrame, labels: Sequence[int], by: Sequence[str] = ARTICLE_KEYS
) -> pd.DataFrame:
    """Which themes each article carries: the share of its units in each cluster.

    One row per article (``by`` columns, then ``n_units``), one column per
    cluster number; each row's shares sum to 1. Sorted by the ``by`` columns,
    rounded to 3 places.
    """
    labels = np.asarray(labels)
    if len(labels) != len(units):
        raise ValueError(f"{len(labels)} labels for {len(units)} units")
    keys = units[list(by)].reset_index(drop=True)
    counts = pd.crosstab([keys[column] for column in by], pd.Series(labels, name="cluster"))
    counts = counts.reindex(columns=range(labels.max() + 1), fill_value=0)
    n_units = counts.sum(axis=1)
    shares = counts.div(n_units, axis=0).round(3)
    shares.insert(0, "n_units", n_units)
    return shares.sort_index().reset_index()


def _sample_rows(n: int, max_rows: int | None, random_state: int) -> np.ndarray:
    if max_rows is None or n <= max_rows:
        return np.arange(n)
    return np.sort(np.random.default_rng(random_state).choice(n, size=max_rows, replace=False))


def article_similarity(
    units: pd.DataFrame,
    matrix,
    by: Sequence[str] = ARTICLE_KEYS,
    max_articles: int | None = None,
    random_state: int = 0,
) -> pd.DataFrame:
    """Cosine similarity between articles, from the TF-IDF rows of their units.

    An article's vector is the L2-normalized sum of its units' rows of
    ``matrix`` (e.g. ``model.matrix_``). Index and columns are the article
    keys ``doc_id#article_no``, sorted. With more than ``max_articles``
    articles, a random sample of that many (``random_state``) is returned;
    ``result.attrs`` holds ``n_articles`` (all) and ``n_shown``.
    """
    if matrix.shape[0] != len(units):
        raise ValueError(f"matrix has {matrix.shape[0]} rows for {len(units)} units")
    keys = _article_keys(units.reset_index(drop=True), by)
    names, position = np.unique(keys.to_numpy(), return_inverse=True)
    chosen = _sample_rows(len(names), max_articles, random_state)
    membership = sparse.csr_matrix(
        (np.ones(len(keys)), (position, np.arange(len(keys)))), shape=(len(names), len(keys))
    )[chosen]
    vectors = normalize(sparse.csr_matrix(membership @ matrix))
    similarity = np.asarray((vectors @ vectors.T).todense())
    table = pd.DataFrame(np.round(similarity, 3), index=names[chosen], columns=names[chosen])
    table.index.name = "article"
    table.attrs.update(n_articles=len(names), n_shown=len(chosen))
    return table


# --------------------------------------------------------------------------- figures


def map_coordinates(
    model: TopicClusterer, method: str = "svd", max_points: int | None = None, random_state: int = 0
) -> pd.DataFrame:
    """2-D coordinates of units for a map: ``row, x, y, cluster`` (rounded).

    ``method="svd"``: the first two principal axes of the clustering space
    (fast, deterministic, all units). ``method="tsne"``: t-SNE with
    ``init="pca"`` and ``random_state`` (slower; local neighbourhoods only).
    With more than ``max_points`` units a random sample is placed.
    """
    rows = _sample_rows(model.n_units_, max_points, random_state)
    data = model.embedding_[rows]
    if method == "svd":
        if sparse.issparse(data):
            # Without LSA the space is the sparse TF-IDF matrix: centring it would make it dense.
            coords = TruncatedSVD(n_components=2, random_state=random_state).fit_transform(data)
        else:
            with single_thread_if_small(len(rows)):
                coords = PCA(n_components=2, svd_solver="full").fit_transform(data)
        # The sign of a singular vector is arbitrary: fix it so maps do not flip between versions.
        coords *= np.where(coords[np.abs(coords).argmax(axis=0), [0, 1]] < 0, -1, 1)
    elif method == "tsne":
        from sklearn.manifold import TSNE

        dense = data.toarray() if sparse.issparse(data) else data
        perplexity = float(min(30, max(2, (len(rows) - 1) // 3)))
        tsne = TSNE(n_components=2, init="pca", random_state=random_state, perplexity=perplexity)
        with single_thread_if_small(len(rows)):
            coords = tsne.fit_transform(dense)
    else:
        raise ValueError(f"method must be 'svd' or 'tsne', got {method!r}")
    return pd.DataFrame(
        {
            "row": rows,
            "x": np.round(coords[:, 0], 4),
            "y": np.round(coords[:, 1], 4),
            "cluster": model.labels_[rows],
        }
    )


def _plural(unit: str, n: int) -> str:
    return unit if n == 1 or unit.endswith("s") else unit + "s"


def plot_cluster_map(
    model: TopicClusterer,
    method: str = "svd",
    max_points: int = 2_000,
    random_state: int = 0,
    ax=None,
    annotate: bool = True,
):
    """Scatter map of units coloured by cluster, with the Chinese cluster labels.

    Call ``textkit.plotting.use_chinese_font()`` first (``setup_notebook``
    does). With more than ``max_points`` units a random sample is drawn and
    the title says "sample of N of M". Returns the Axes.
    """
    import matplotlib.pyplot as plt

    coords = map_coordinates(model, method=method, max_points=max_points, random_state=random_state)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    cmap = plt.get_cmap("tab10" if model.k <= 10 else "tab20")
    for cluster in range(model.k):
        points = coords.loc[coords["cluster"] == cluster]
        ax.scatter(
            points["x"],
            points["y"],
            s=14,
            alpha=0.7,
            color=cmap(cluster % cmap.N),
            label=f"{cluster}  {model.cluster_labels_[cluster]} ({model.sizes_[cluster]})",
        )
        if annotate and len(points):
            ax.annotate(
                str(cluster),
                (points["x"].median(), points["y"].median()),
                fontsize=12,
                ha="center",
                va="center",
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.8},
            )
    n, total = len(coords), model.n_units_
    shown = f"{total:,} {_plural(model.unit, total)}"
    if n < total:
        shown = f"random sample of {n:,} of {total:,} {_plural(model.unit, total)}"
    how = "SVD axes 1–2" if method == "svd" else "t-SNE"
    ax.set_title(f"{model.k} clusters, {shown} ({how})")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(title="cluster: label (units)", fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    ax.figure.tight_layout()
    return ax


def plot_select_k(table: pd.DataFrame, chosen: int | None = None, ax=None):
    """Silhouette and stability against k (from ``select_k``); marks ``chosen``."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.2))
    ax.plot(table["k"], table["stability"], marker="o", label="stability (mean ARI)")
    ax.plot(table["k"], table["seed_ari"], marker=".", linestyle=":", label="ARI between seeds")
    ax.plot(table["k"], table["subsample_ari"], marker=".", linestyle=":", label="ARI between subsamples")
    ax.set_ylabel("adjusted Rand index")
    ax.set_xlabel("k (number of clusters)")
    ax.set_ylim(min(0.0, float(table[["stability", "seed_ari", "subsample_ari"]].min().min())), 1.05)
    other = ax.twinx()
    other.plot(table["k"], table["silhouette"], marker="s", color="#b5523b", label="silhouette (right)")
    other.set_ylabel("silhouette (cosine)")
    if chosen is not None:
        ax.axvline(chosen, color="grey", linestyle="--", linewidth=1)
    handles = ax.get_legend_handles_labels()
    extra = other.get_legend_handles_labels()
    ax.legend(
        handles[0] + extra[0],
        handles[1] + extra[1],
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncol=2,
    )
    ax.set_xticks(list(table["k"]))
    ax.set_title("Choosing k: stability and separation")
    ax.figure.tight_layout()
    return ax


def plot_similarity_heatmap(
    units: pd.DataFrame,
    matrix,
    by: Sequence[str] = ARTICLE_KEYS,
    max_articles: int = 40,
    random_state: int = 0,
    ax=None,
    label_chars: int = 14,
    annotate_below: int = 16,
):
    """Heatmap of cosine similarity between articles (``article_similarity``).

    Articles are labelled by their title (cut to ``label_chars``) when
    ``units`` has one, else by ``doc_id#article_no``. With more than
    ``max_articles`` articles a random sample is shown and the title says so.
    Cells carry their value when at most ``annotate_below`` articles are
    shown. Returns the Axes.
    """
    import matplotlib.pyplot as plt

    similarity = article_similarity(
        units, matrix, by=by, max_articles=max_articles, random_state=random_state
    )
    names = list(similarity.index)
    if "title" in units:
        keys = _article_keys(units.reset_index(drop=True), by)
        titles = dict(zip(keys, units["title"].astype(str), strict=True))
        names = [
            f"{_shorten(titles[key], label_chars)} ({key.split('#')[-1]})" if titles.get(key) else key
            for key in names
        ]
    size = min(14.0, 4.0 + 0.3 * len(names))
    if ax is None:
        _, ax = plt.subplots(figsize=(size + 2, size))
    values = similarity.to_numpy()
    image = ax.imshow(values, vmin=0, vmax=1, cmap="viridis")
    ax.set_xticks(range(len(names)), names, rotation=90, fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    if len(names) <= annotate_below:
        for (row, column), value in np.ndenumerate(values):
            colour = "black" if value > 0.6 else "white"
            ax.text(column, row, f"{value:.2f}", ha="center", va="center", fontsize=8, color=colour)
    ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="cosine similarity")
    shown, total = similarity.attrs["n_shown"], similarity.attrs["n_articles"]
    what = f"{total:,} articles" if shown == total else f"random sample of {shown:,} of {total:,} articles"
    ax.set_title(f"Article similarity (TF-IDF cosine)\n{what}", fontsize=11)
    ax.figure.tight_layout()
    return ax
