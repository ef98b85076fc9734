"""textkit._kmeans.fit_kmeans = scikit-learn's KMeans (one OpenMP thread), its starts on threads."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import KMeans

from textkit._kmeans import fit_kmeans
from textkit.features import single_thread_if_small


def _themes(n: int = 400, dims: int = 20, seed: int = 0, dtype=np.float64) -> np.ndarray:
    """Unit rows around a few directions, as an LSA embedding is (overlapping: starts disagree)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(6, dims))
    rows = centres[rng.integers(6, size=n)] + rng.normal(scale=1.5, size=(n, dims))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(dtype)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(("k", "n_init", "seed"), [(5, 10, 0), (8, 3, 1), (2, 4, 2)])
def test_equal_to_kmeans_bit_for_bit(dtype, k, n_init, seed):
    X = _themes(seed=seed, dtype=dtype)
    with single_thread_if_small(len(X)):
        expected = KMeans(k, n_init=n_init, random_state=seed).fit(X)
        for n_jobs in (2, 3, -1):
            got = fit_kmeans(X, k, n_init=n_init, random_state=seed, n_jobs=n_jobs)
            assert np.array_equal(got.labels_, expected.labels_)
            assert np.array_equal(got.cluster_centers_, expected.cluster_centers_)
            assert got.cluster_centers_.dtype == expected.cluster_centers_.dtype
            assert got.inertia_ == expected.inertia_ and got.n_iter_ == expected.n_iter_
            np.testing.assert_array_equal(got.predict(X[:9]), expected.predict(X[:9]))
    assert np.array_equal(X, _themes(seed=seed, dtype=dtype))  # the caller's rows are not centred


def test_the_best_start_is_chosen_as_kmeans_chooses_it():
    # many starts on overlapping themes end in different local optima: the chosen one is KMeans'
    X = _themes(n=300, dims=5, seed=3)
    with single_thread_if_small(len(X)):
        inertias = {KMeans(7, n_init=1, random_state=s).fit(X).inertia_ for s in range(10)}
        assert len(inertias) > 1
        expected = KMeans(7, n_init=10, random_state=4).fit(X)
        got = fit_kmeans(X, 7, n_init=10, random_state=4, n_jobs=2)
    assert np.array_equal(got.labels_, expected.labels_) and got.inertia_ == expected.inertia_


def test_in_thread_fit_on_a_thread_of_its_own_equals_one_thread_kmeans():
    """``in_thread=True`` on a fresh thread (where OpenMP's default is every core): one OpenMP
    thread per start all the same, the fit of KMeans on one thread bit for bit."""
    from concurrent.futures import ThreadPoolExecutor

    from threadpoolctl import threadpool_limits

    X = _themes(n=300, dims=5, seed=3)
    with single_thread_if_small(len(X)):
        expected = KMeans(7, n_init=3, random_state=4).fit(X)
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda _: fit_kmeans(X, 7, n_init=3, random_state=4, in_thread=True), range(4)))
    for got in runs:
        assert np.array_equal(got.labels_, expected.labels_) and got.inertia_ == expected.inertia_
        assert np.array_equal(got.cluster_centers_, expected.cluster_centers_)


def test_runs_start_while_later_starts_are_drawn(monkeypatch):
    """With threads a start's run of Lloyd's algorithm begins once its centres are drawn, while the
    next ones are drawn (in scikit-learn's order, from the one random state): the first run has
    begun before the last draw, and the fit is still KMeans' bit for bit."""
    import threading
    import time

    import sklearn.cluster._kmeans as sk_kmeans

    import textkit._kmeans

    events: list[str] = []
    draw, lloyd = KMeans._init_centroids, sk_kmeans._kmeans_single_lloyd

    def slow_draw(self, *args, **kwargs):
        centres = draw(self, *args, **kwargs)
        time.sleep(0.05)  # a draw long enough that a waiting thread takes its run meanwhile
        events.append("draw")
        return centres

    def logged_lloyd(*args, **kwargs):
        events.append(f"run on {threading.current_thread().name}")
        return lloyd(*args, **kwargs)

    X = _themes(seed=4)
    with single_thread_if_small(len(X)):
        expected = KMeans(5, n_init=6, random_state=4).fit(X)
        monkeypatch.setattr(KMeans, "_init_centroids", slow_draw)
        monkeypatch.setattr(textkit._kmeans, "_kmeans_single_lloyd", logged_lloyd)
        got = fit_kmeans(X, 5, n_init=6, random_state=4, n_jobs=2)
    assert events.count("draw") == 6 and len(events) == 12
    first_run = next(i for i, event in enumerate(events) if event.startswith("run"))
    last_draw = max(i for i, event in enumerate(events) if event == "draw")
    assert first_run < last_draw
    assert np.array_equal(got.labels_, expected.labels_)
    assert np.array_equal(got.cluster_centers_, expected.cluster_centers_)
    assert got.inertia_ == expected.inertia_



def test_runs_skip_scikit_learns_blas_limit_only_when_blas_runs_on_one_thread(monkeypatch):
    """Under one BLAS thread the runs call Lloyd's algorithm without scikit-learn's decorator, whose
    first call builds a ThreadpoolController of scikit-learn's own (none is built: fails on the
    decorated runs); with more BLAS threads they keep it. The fit still equals KMeans on one thread."""
    import sklearn.utils.parallel
    from sklearn.cluster._kmeans import _kmeans_single_lloyd
    from threadpoolctl import threadpool_limits

    from textkit._kmeans import _lloyd

    with threadpool_limits(limits=2, user_api="blas"):
        assert _lloyd() is _kmeans_single_lloyd
    X = _themes()
    with single_thread_if_small(len(X)):
        assert _lloyd() is _kmeans_single_lloyd.__wrapped__
        expected = KMeans(5, n_init=4, random_state=0).fit(X)
        monkeypatch.setattr(sklearn.utils.parallel, "_threadpool_controller", None, raising=False)
        got = fit_kmeans(X, 5, n_init=4, random_state=0, n_jobs=2)
        assert sklearn.utils.parallel._threadpool_controller is None
    assert np.array_equal(got.labels_, expected.labels_) and got.inertia_ == expected.inertia_
