"""Cluster stage, views of a fitted model: NMF topics, article tables, map coordinates, super-themes."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.decomposition import NMF, PCA, TruncatedSVD
from sklearn.preprocessing import normalize

from textkit.cluster._nmf import fit_transform
from textkit.cluster.model import LABEL_SEPARATOR, TopicClusterer, class_tfidf, filler_words
from textkit.cluster.units import ARTICLE_KEYS
from textkit.features import single_thread_if_small

__all__ = [
    "NmfView",
    "article_cluster_shares",
    "article_similarity",
    "article_theme_table",
    "map_coordinates",
    "nmf_topics",
    "super_themes",
    "term_grid",
]


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
    model: TopicClusterer | None,
    n_topics: int | None = None,
    top_n: int = 8,
    random_state: int | None = None,
    max_iter: int = 1000,
    tol: float = 1e-3,
    dtype: str = "float32",
    init: str = "nndsvda",
    *,
    n_jobs: int = 1,
) -> NmfView:
    """NMF topics on the word columns of the clusterer's TF-IDF matrix, mapped to its clusters.

    NMF runs on the same TF-IDF rows k-means saw, restricted to word
    columns so topics read as words (the character n-gram columns help
    matching, not reading). The start (``init``) is deterministic;
    ``random_state`` defaults to the clusterer's; ``n_topics`` to its ``k``.
    ``model=None`` (nothing clustered) gives None. ``tol`` is looser than scikit-learn's 1e-4:
    on 4,516 People's Daily articles with 48 topics the coordinate-descent solver needed 572
    iterations (204 s) at 1e-4 and 122 (29 s) at 1e-3, for a reconstruction error 0.004 % higher.
    ``dtype`` is the precision NMF computes in: ``float32`` (default) took 23 s where ``float64``
    took 66 s on 4,517 People's Daily articles with 35 topics (the sparse products are
    memory-bound; a loaded machine), with the same 91 iterations, the same top 8 terms of every
    topic, the same mapping and contingency table (``benchmarks/nmf_precision.py``); the
    weights are returned as float64 either way.

    ``init="nndsvda"`` (default since issue 14) starts from NNDSVD with its zeros filled by the
    matrix's mean; from ``"nndsvd"`` (zeros kept; the default before) the coordinate-descent
    solver spent up to three times the iterations moving the zeros. On rmrb-2023-07-08
    (random_state 0-2: 29, 48, 35 topics) and the same plus one file (48 topics): 137, 67, 53
    and 71 instead of 169, 165, 158 and 146 iterations, 18-62 % less CPU (48 topics: 25-27 s
    -> 13-14 s); reconstruction error within 0.03 % (two random starts differ by 0.04 %); mean
    NPMI of the topics' top 10 terms -0.006 to +0.013; on THUCNews (42 and 50 topics) the same
    NMI between a headline's strongest topic and its class (0.267). Another start reaches
    another local optimum of the same quality: 20 of 29, 36 of 48, 19 of 35 and 33 of 48
    topics keep their top 8 terms (two random starts: 13 and 18 of 35;
    ``benchmarks/nmf_init.py``).

    ``n_jobs`` threads share the solver's sparse products (-1: all cores); the result does not
    depend on it (``textkit.cluster._nmf``: scikit-learn's fit, the transpose's product gathered
    from a CSR copy; on 4,607 People's Daily articles with 35 topics 8.6 s of CPU instead of 11.6 s,
    the same factors bit for bit).
    """
    if model is None:
        return None
    matrix, names, n_topics, random_state = _nmf_input(model, n_topics, random_state)
    factors = _factorize(matrix, n_topics, random_state, init, max_iter, tol, dtype, n_jobs)
    return _nmf_view(model, names, n_topics, top_n, *factors)


def _nmf_input(model: TopicClusterer, n_topics: int | None, random_state: int | None):
    """The word columns of the model's TF-IDF matrix, their names, the number of topics and the seed."""
    n_topics = model.k if n_topics is None else int(n_topics)
    random_state = model.random_state if random_state is None else random_state
    n_words = model.features_.n_word_features_
    if n_words:
        return model.matrix_[:, :n_words], model.features_.word_names_, n_topics, random_state
    return model.matrix_, model.features_.get_feature_names_out(), n_topics, random_state


def _factorize(
    matrix, n_topics: int, random_state, init: str, max_iter: int, tol: float, dtype: str, n_jobs: int = 1
):
    """scikit-learn's NMF of ``matrix`` in ``dtype``: the units' weights (float64), the topics' loadings.

    Fitted by ``textkit.cluster._nmf.fit_transform``: scikit-learn's steps with the transpose's
    product gathered from a CSR copy, the same factors bit for bit.
    """
    nmf = NMF(n_components=n_topics, init=init, random_state=random_state, max_iter=max_iter, tol=tol)
    with single_thread_if_small(matrix.shape[0]):
        threads = max(1, (os.cpu_count() or 1) + 1 + n_jobs if n_jobs < 0 else n_jobs)
        weights = fit_transform(nmf, matrix.astype(np.dtype(dtype), copy=False), threads).astype(np.float64)
    return weights, nmf.components_


def _top_candidates(loadings: np.ndarray, top_n: int) -> np.ndarray:
    """Columns with a positive loading at least the ``top_n``-th largest (ascending): every column
    that can be among the ``top_n`` best whatever breaks ties, without sorting all of them (a key
    per positive loading, some 12,000 per topic on People's Daily, took 1.1 s over 29 topics).

    >>> _top_candidates(np.array([0.0, 0.5, 0.2, 0.5, 0.1]), 2).tolist()
    [1, 3]
    >>> _top_candidates(np.array([0.3, 0.2, 0.2, 0.1]), 2).tolist(), _top_candidates(np.zeros(3), 2).tolist()
    ([0, 1, 2], [])
    """
    positive = np.flatnonzero(loadings > 0)
    if len(positive) > top_n > 0:
        values = loadings[positive]
        edge = np.partition(values, len(values) - top_n)[len(values) - top_n]
        positive = positive[values >= edge]
    return positive


def _nmf_view(model: TopicClusterer, names, n_topics: int, top_n: int, weights, components) -> NmfView:
    term_rows = []
    for topic, loadings in enumerate(components):
        ranked = sorted(_top_candidates(loadings, top_n), key=lambda j: (-loadings[j], names[j]))[:top_n]
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
    """``doc_id#article_no`` of each row: the ``by`` columns as strings joined by ``#`` (what
    ``units[by].astype(str).agg("#".join, axis=1)`` gives, column by column instead of row by row:
    that took 1.5 s on 4,492 articles).

    >>> units = pd.DataFrame({"doc_id": ["a", "b"], "article_no": [1, 2]})
    >>> _article_keys(units, ["doc_id", "article_no"]).tolist()
    ['a#1', 'b#2']
    """
    if not len(units) or not len(by):
        return units[list(by)].astype(str).agg("#".join, axis=1)
    columns = [units[column].astype(str).astype(object) for column in by]
    keys = columns[0]
    for column in columns[1:]:
        keys = keys + "#" + column
    return keys.rename(None)


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


def super_themes(
    model: TopicClusterer | None, n_groups: int | None = None, n_label_terms: int = 3
) -> pd.DataFrame:
    """Clusters grouped into a few super-themes by agglomerative clustering of their centroids.

    As BERTopic's ``hierarchical_topics``: Ward linkage of the unit-length centroids
    (Euclidean distance between unit vectors orders pairs as cosine distance does).
    Ward joins the pair that adds least within-group spread, so groups stay of
    comparable breadth; average linkage chained 24 of 29 People's Daily clusters into
    one group and left the rest as singletons. ``n_groups`` defaults to
    about √k (between 2 and 8; 1 below 4 clusters). Each group is labelled by its
    distinctive terms (``class_tfidf`` on the units grouped that way). Returns one
    row per cluster — ``group, group_label, cluster, label, n_units, stability`` —
    sorted by group (largest first) then cluster; ``attrs["linkage"]`` holds the
    linkage matrix (for a dendrogram, leaves numbered by cluster).

    >>> super_themes(model)[["group", "cluster"]]              # doctest: +SKIP

    ``model=None`` (nothing clustered) gives None.
    """
    if model is None:
        return None
    k = model.k
    if n_groups is None:
        n_groups = 1 if k < 4 else int(min(8, max(2, round(np.sqrt(k)))))
    n_groups = int(min(max(n_groups, 1), k))
    centers = normalize(np.asarray(model.cluster_centers_, dtype=float))
    tree = linkage(centers, method="ward", metric="euclidean", optimal_ordering=True)
    raw = fcluster(tree, t=n_groups, criterion="maxclust") - 1 if n_groups > 1 else np.zeros(k, dtype=int)
    # Number groups by size (units), largest first; ties by smallest cluster number.
    sizes = model.sizes_.to_numpy()
    groups = sorted(set(raw), key=lambda g: (-sizes[raw == g].sum(), np.flatnonzero(raw == g)[0]))
    number = {g: i for i, g in enumerate(groups)}
    group_of = np.asarray([number[g] for g in raw])
    unit_groups = group_of[model.labels_]
    filler = filler_words() if model.filler_weight != 1 else ()
    terms = class_tfidf(
        (model.word_counts_, model.words_),
        unit_groups,
        top_n=n_label_terms,
        weighting="distinctive" if len(groups) > 1 else "bm25",
        filler=filler,
        filler_weight=model.filler_weight,
    )
    group_labels = {
        g: LABEL_SEPARATOR.join(terms.loc[terms["cluster"] == g, "term"]) or f"group {g}"
        for g in range(len(groups))
    }
    table = pd.DataFrame(
        {
            "group": group_of,
            "group_label": [group_labels[g] for g in group_of],
            "cluster": np.arange(k),
            "label": model.cluster_labels_.to_numpy(),
            "n_units": sizes,
            "stability": model.cluster_stability_.to_numpy(),
        }
    ).sort_values(["group", "cluster"], ignore_index=True)
    table.attrs["linkage"] = tree
    return table


def term_grid(fitted: TopicClusterer | NmfView | None, max_rank: int = 8) -> pd.DataFrame:
    """Top terms as a grid: one row per rank, one column per cluster (or NMF topic).

    Empty when ``fitted`` is None (nothing clustered).

    >>> term_grid(None).shape
    (0, 0)
    """
    if fitted is None:
        return pd.DataFrame()
    if isinstance(fitted, NmfView):
        terms, column = fitted.terms, "topic"
    else:
        terms, column = fitted.top_terms_, "cluster"
    return terms[terms["rank"] <= max_rank].pivot(index="rank", columns=column, values="term")


def article_theme_table(model: TopicClusterer | None, units: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Which articles carry which themes: outlets × clusters (articles as units), else per-article shares.

    With ``unit="article"``: number of articles of each outlet (``source``) in each
    cluster, columns named "cluster: label". Otherwise ``article_cluster_shares``
    sorted by number of units (most first). Empty when ``model`` is None.
    """
    if model is None:
        return pd.DataFrame()
    if unit == "article":
        sources = units["source"] if "source" in units else pd.Series("", index=units.index)
        table = pd.crosstab(sources.replace("", "(unknown)").rename("source").to_numpy(), model.labels_)
        table.index.name = "source"
        table.columns = [f"{c}: {model.cluster_labels_[c]}" for c in table.columns]
        return table
    shares = article_cluster_shares(units, model.labels_)
    return shares.sort_values(
        ["n_units", "doc_id", "article_no"], ascending=[False, True, True], ignore_index=True
    )
