"""Cluster stage, fitting steps shared by the model and the choice of k: embed, k-means, stability."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import adjusted_rand_score

from textkit._kmeans import fit_kmeans
from textkit.features import TermFeatures, lsa_embedding, single_thread_if_small

# Rows below which k-means runs on one OpenMP thread (``single_thread_if_small``'s default): there
# the starts may go to threads (``fit_kmeans`` equals that one-thread fit bit for bit).
_ONE_THREAD_BELOW = 20_000


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


def _kmeans(
    embedding, k: int, n_init: int, random_state: int, minibatch_above: int, n_jobs: int = 1, in_thread=False
):
    """k-means (MiniBatchKMeans above ``minibatch_above`` rows), clusters renumbered by size.

    ``n_jobs`` threads share KMeans' starts where it runs on one OpenMP thread (below 20,000 dense
    rows): ``textkit._kmeans.fit_kmeans``, the same centres and labels bit for bit.
    ``in_thread=True``: called on a worker thread of a caller that limited BLAS to one thread
    (``fit_kmeans(in_thread=True)``: no thread limits set here; KMeans below 20,000 rows only)."""
    n_rows = embedding.shape[0]
    if in_thread:
        if n_rows > minibatch_above or n_rows >= _ONE_THREAD_BELOW or sparse.issparse(embedding):
            raise ValueError("in_thread is for KMeans on fewer than 20,000 dense rows")
        model = fit_kmeans(embedding, k, n_init=n_init, random_state=random_state, in_thread=True)
        return _renumbered(model, model.labels_, k)
    if n_rows > minibatch_above:
        model = MiniBatchKMeans(
            n_clusters=k, n_init=n_init, random_state=random_state, batch_size=4096, max_no_improvement=20
        )
    else:
        model = KMeans(n_clusters=k, n_init=n_init, random_state=random_state)
    with single_thread_if_small(n_rows, _ONE_THREAD_BELOW):
        if isinstance(model, KMeans) and n_rows < _ONE_THREAD_BELOW and n_jobs != 1:
            model = fit_kmeans(embedding, k, n_init=n_init, random_state=random_state, n_jobs=n_jobs)
            raw = model.labels_
        else:
            raw = model.fit_predict(embedding)
    return _renumbered(model, raw, k)


def _renumbered(model, raw: np.ndarray, k: int):
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
    # Raw word counts of the same rows (``count_matrix``), when the caller already has them.
    word_counts: tuple | None = None
    # Where ``textkit.cluster._cache.cached_space`` stored or read it: (namespace, key, the word
    # counts the stored space holds); set after storing, so never part of a stored space.
    stored_as: tuple | None = None


def _embed(
    rows: list[list[str]], params: dict, random_state: int, fitted: tuple | None = None, n_jobs: int = 1
) -> _Space:
    """Features then LSA; ``fitted=(features, matrix)`` reuses features that do not depend on the seed.
    ``n_jobs`` threads share the TF-IDF's row-wise steps and the SVD's sparse products (the same
    matrix and embedding whatever it is)."""
    if fitted is None:
        features = TermFeatures(
            char_weight=params["char_weight"],
            char_ngram_range=params["char_ngram_range"],
            min_df=params["min_df"],
            max_df=params["max_df"],
            sublinear_tf=params["sublinear_tf"],
            n_jobs=n_jobs,
        )
        matrix = features.fit_transform(rows)
    else:
        features, matrix = fitted
    # The character n-grams are built from raw word counts: keep them for labels (once, not pickled).
    word_counts = getattr(features.char_vectorizer_, "__dict__", {}).pop("word_counts_", None)
    if params["n_components"]:
        embedding, svd = lsa_embedding(matrix, params["n_components"], random_state, n_jobs=n_jobs)
    else:
        embedding, svd = matrix, None
    return _Space(features, matrix, svd, embedding, word_counts)


def _jaccard_table(original: np.ndarray, new: np.ndarray, k: int) -> np.ndarray:
    """k × k Jaccard similarity between the clusters of two labelings of the same rows."""
    both = sparse.coo_matrix((np.ones(len(original)), (original, new)), shape=(k, k)).toarray()
    size_a = np.bincount(original, minlength=k)[:, None]
    size_b = np.bincount(new, minlength=k)[None, :]
    union = size_a + size_b - both
    return np.divide(both, union, out=np.zeros_like(both), where=union > 0)


def clusterwise_stability(
    embedding,
    labels: np.ndarray,
    k: int,
    n_draws: int = 8,
    subsample: float = 0.8,
    random_state: int = 0,
    n_init: int = 3,
    minibatch_above: int = 20_000,
    n_jobs: int = 1,
) -> tuple[np.ndarray, float]:
    """Hennig's cluster-wise stability: mean best Jaccard of each cluster over subsample refits.

    As R's ``fpc::clusterboot`` with the subsetting scheme: ``n_draws`` times,
    k-means is refitted (seed ``random_state + 1 + draw``) on a random
    ``subsample`` of the rows of ``embedding`` (without replacement, so no row is
    counted twice); each original cluster, restricted to those rows, is matched to
    the refitted cluster it overlaps best (Jaccard), and the Jaccard values are
    averaged over draws. The embedding (TF-IDF and SVD) is reused across draws:
    what is measured is whether k-means finds the cluster again when the corpus
    changes, not the SVD's randomness. Returns ``(per-cluster stability in [0, 1],
    mean ARI between the original and refitted labels)``. ``n_jobs`` threads share each refit's
    k-means starts (``_kmeans``; the result does not depend on it).

    >>> rng = np.random.default_rng(0)
    >>> points = np.vstack([rng.normal(c, 0.05, (20, 2)) for c in ((0, 5), (5, 0), (-5, -5))])
    >>> labels = _kmeans(points, 3, 3, 0, 10_000)[0]
    >>> clusterwise_stability(points, labels, 3)[0].round(2).tolist()
    [1.0, 1.0, 1.0]
    """
    scores, aris = _jaccard_draws(
        embedding, labels, k, n_draws, subsample, random_state, n_init, minibatch_above, n_jobs
    )
    return _mean_seen(scores), float(np.mean(aris))


def _jaccard_draws(
    embedding, labels, k, n_draws, subsample, random_state, n_init, minibatch_above, n_jobs=1, in_thread=False
):
    """Best Jaccard of each cluster in each subsample refit (NaN where a cluster has no row), and the ARIs."""
    labels = np.asarray(labels)
    n = len(labels)
    rng = np.random.default_rng(random_state)
    size = min(n, max(k + 1, round(subsample * n)))
    scores = np.full((n_draws, k), np.nan)
    aris = []
    for draw in range(n_draws):
        rows = np.sort(rng.choice(n, size=size, replace=False))
        seed = random_state + 1 + draw
        new = _kmeans(embedding[rows], k, n_init, seed, minibatch_above, n_jobs, in_thread)[0]
        original = labels[rows]
        present = np.bincount(original, minlength=k) > 0
        best = _jaccard_table(original, new, k).max(axis=1)
        scores[draw, present] = best[present]
        aris.append(adjusted_rand_score(original, new))
    return scores, aris


def _mean_seen(scores: np.ndarray) -> np.ndarray:
    seen = ~np.isnan(scores)
    totals = np.where(seen, scores, 0.0).sum(axis=0)
    counts = seen.sum(axis=0)
    stability = np.divide(totals, counts, out=np.zeros(scores.shape[1]), where=counts > 0)
    return np.clip(stability, 0.0, 1.0)


def firm_count_error(scores: np.ndarray, threshold: float, counted: np.ndarray) -> float:
    """Standard error of the number of firm clusters, from the draw-to-draw spread of each cluster's Jaccard.

    A cluster whose mean Jaccard sits ``z`` standard errors (its draws' standard
    deviation / √draws) above ``threshold`` is firm with probability Φ(z); the count of
    firm clusters among ``counted`` then has variance Σ p(1 − p). Clusters found
    again identically in every draw contribute nothing.

    >>> scores = np.array([[1.0, 0.9, 0.5], [1.0, 0.6, 0.5], [1.0, 0.8, 0.5]])
    >>> round(firm_count_error(scores, 0.75, np.array([True, True, True])), 2)
    0.49
    """
    from scipy.stats import norm

    mean = _mean_seen(scores)
    seen = (~np.isnan(scores)).sum(axis=0)
    spread = np.nanstd(scores, axis=0, ddof=1) if len(scores) > 1 else np.zeros(scores.shape[1])
    error = np.divide(spread, np.sqrt(np.maximum(seen, 1)))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(error > 0, (mean - threshold) / error, np.where(mean >= threshold, np.inf, -np.inf))
    p = norm.cdf(z)[counted]
    return float(np.sqrt(np.sum(p * (1 - p))))
