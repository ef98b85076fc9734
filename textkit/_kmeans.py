"""scikit-learn's ``KMeans(n_clusters, n_init, random_state).fit`` (Lloyd, dense data) with its
starts on threads: the same centres, labels and inertia, bit for bit.

scikit-learn runs the ``n_init`` starts one after another, each on OpenMP's threads: on a busy
2-core machine OpenMP's threads made a fit of 4,516 articles 7 times slower, so textkit runs
k-means on one thread below 20,000 units (``textkit.features.single_thread_if_small``). The
starts themselves are independent once their initial centres are drawn: here the centres are
drawn in scikit-learn's order from the one random state (a run of Lloyd's algorithm draws
nothing), each run goes to one of ``n_jobs`` threads as soon as its centres are drawn (its Cython
loops release the GIL; the next centres are drawn meanwhile), and the best run
is chosen in scikit-learn's order by scikit-learn's rule. Each run is what scikit-learn computes
with ``n_threads=1``, so the result does not depend on ``n_jobs`` (a test compares it with
``KMeans`` itself).
"""

from __future__ import annotations

import os
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.cluster._k_means_common import _is_same_clustering
from sklearn.cluster._kmeans import _kmeans_single_lloyd
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils.extmath import row_norms
from sklearn.utils.validation import _check_sample_weight, validate_data

__all__ = ["fit_kmeans"]


def _lloyd():
    """scikit-learn's run of Lloyd's algorithm; without its decorator, which limits BLAS to one
    thread around each run, when BLAS already runs on one thread (``single_thread_if_small``, or a
    caller's limit): the limit changes nothing then, and the decorator's first call builds
    scikit-learn's own ``ThreadpoolController`` (a scan of the process's libraries, 5-17 ms of CPU,
    made by each thread that reaches it while none exists: two at once in the first threaded fit).

    >>> from textkit.features import single_thread_if_small
    >>> with single_thread_if_small(10):
    ...     _lloyd() is getattr(_kmeans_single_lloyd, "__wrapped__", _kmeans_single_lloyd)
    True
    """
    from textkit.features import _controller  # textkit.features does not import this module

    plain = getattr(_kmeans_single_lloyd, "__wrapped__", None)
    blas = _controller().select(user_api="blas").info()
    if plain is not None and all(library["num_threads"] == 1 for library in blas):
        return plain
    return _kmeans_single_lloyd


def fit_kmeans(
    X, n_clusters: int, n_init: int = 10, random_state: int = 0, n_jobs: int = 1, *, in_thread: bool = False
) -> KMeans:
    """``KMeans(n_clusters, n_init=n_init, random_state=random_state).fit(X)`` on one OpenMP
    thread per start, ``n_jobs`` starts at a time.

    Sparse data, another algorithm or one job: scikit-learn's own fit (call it under
    ``single_thread_if_small`` for one OpenMP thread, as the threaded starts use).

    With OpenMP's threads scikit-learn's own sums come in another order (the last bits of the
    centres and the inertia differ): the equality holds against one thread.

    ``in_thread=True`` (dense data): the same one-thread fit, its starts run here one after another
    with one OpenMP thread each, for a caller on a thread of its own: there OpenMP's default is all
    cores (``threadpoolctl``'s limits hold for the thread that set them, and setting them in many
    threads at once is not safe). BLAS is the caller's to limit (its setting is process-wide).

    >>> from textkit.features import single_thread_if_small
    >>> points = np.random.default_rng(0).normal(size=(60, 3))
    >>> mine = fit_kmeans(points, 3, n_init=4, random_state=1, n_jobs=2)
    >>> with single_thread_if_small(len(points)):
    ...     theirs = KMeans(3, n_init=4, random_state=1).fit(points)
    >>> bool(np.array_equal(mine.labels_, theirs.labels_)), mine.inertia_ == theirs.inertia_
    (True, True)
    """
    model = KMeans(n_clusters=n_clusters, n_init=n_init, random_state=random_state)
    threads = max(1, (os.cpu_count() or 1) + 1 + n_jobs if n_jobs < 0 else n_jobs)
    if sparse.issparse(X) or (not in_thread and (threads == 1 or n_init == 1)):
        return model.fit(X)
    if in_thread:
        threads = 1
    # KMeans.fit, step for step (scikit-learn 1.9), the runs of Lloyd's algorithm on threads
    X = validate_data(
        model,
        X,
        accept_sparse="csr",
        dtype=[np.float64, np.float32],
        order="C",
        copy=model.copy_x,
        accept_large_sparse=False,
    )
    model._check_params_vs_input(X)
    if model._algorithm != "lloyd":  # pragma: no cover - KMeans' default is Lloyd's
        return model.fit(X)
    random = check_random_state(model.random_state)
    sample_weight = _check_sample_weight(None, X, dtype=X.dtype)
    model._n_threads = 1
    X_mean = X.mean(axis=0)
    X -= X_mean  # a copy (copy_x): subtracting the mean makes the distances more accurate
    x_squared_norms = row_norms(X, squared=True)

    def draw() -> np.ndarray:  # the next start's centres, from the one random state
        return model._init_centroids(
            X,
            x_squared_norms=x_squared_norms,
            init=model.init,
            random_state=random,
            sample_weight=sample_weight,
        )

    lloyd = _lloyd()

    def run(centers_init: np.ndarray) -> tuple:
        return lloyd(
            X,
            sample_weight,
            centers_init,
            max_iter=model.max_iter,
            verbose=False,
            tol=model._tol,
            n_threads=1,
        )

    if threads == 1:
        runs = [run(start) for start in [draw() for _ in range(model._n_init)]]
    else:
        # each start's run begins as soon as its centres are drawn (the draws stay on this thread, in
        # scikit-learn's order): the draws (k-means++, 0.1-0.2 s for 10 starts on People's Daily)
        # overlap the first runs instead of keeping the threads waiting
        with ThreadPoolExecutor(min(threads, model._n_init)) as pool:
            pending = [pool.submit(run, draw()) for _ in range(model._n_init)]
            runs = [future.result() for future in pending]
    best_inertia = best_labels = None
    for labels, inertia, centers, n_iter in runs:  # in start order, as scikit-learn keeps the best
        if best_inertia is None or (
            inertia < best_inertia and not _is_same_clustering(labels, best_labels, model.n_clusters)
        ):
            best_labels, best_centers, best_inertia, best_n_iter = labels, centers, inertia, n_iter
    best_centers += X_mean
    if len(set(best_labels)) < model.n_clusters:
        warnings.warn(
            f"Number of distinct clusters ({len(set(best_labels))}) found smaller than n_clusters "
            f"({model.n_clusters}). Possibly due to duplicate points in X.",
            ConvergenceWarning,
            stacklevel=2,
        )
    model.cluster_centers_ = best_centers
    model._n_features_out = best_centers.shape[0]
    model.labels_ = best_labels
    model.inertia_ = best_inertia
    model.n_iter_ = best_n_iter
    return model
