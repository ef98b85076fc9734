"""Cluster stage, choosing k: a range that scales with the corpus, cluster-wise stability, coherence.

``select_k`` measures every k of a range on one embedding (TF-IDF and SVD fitted
once, reused across k and draws); ``choose_k`` picks the fewest clusters that find,
within one standard error, as many firm themes as any k; ``fit_topics`` does both
and fits the model, or returns ``(None, None)`` with ``topics_problem`` saying why
in one sentence.

>>> auto_ks(4_516)[:5], auto_ks(4_516)[-1]
([2, 3, 4, 5, 6], 48)
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import numpy as np
import pandas as pd
from joblib import effective_n_jobs
from joblib.externals.loky import get_reusable_executor
from scipy import sparse
from sklearn.metrics import adjusted_rand_score, silhouette_score
from threadpoolctl import threadpool_limits

from textkit.cluster._cache import MeasureStore, cached_space, note_space
from textkit.cluster._fit import _embed, _jaccard_draws, _kmeans, _mean_seen, firm_count_error
from textkit.cluster.model import STABLE, TopicClusterer, class_tfidf, filler_words, topic_coherence
from textkit.cluster.model import topic_diversity as _diversity
from textkit.features import Tokens, _as_tokens, count_matrix
from textkit.parallel import release_workers

__all__ = [
    "LARGEST_THEME",
    "auto_ks",
    "choose_k",
    "content_sample",
    "firm_needed",
    "fit_topics",
    "select_k",
    "topics_problem",
]

TABLE_COLUMNS = [
    "k",
    "silhouette",
    "stability",
    "seed_ari",
    "subsample_ari",
    "smallest_cluster",
    "n_stable",
    "n_stable_se",
    "stable_share",
    "mean_cluster_stability",
    "coherence",
    "diversity",
]


# Units below which the search over k runs in this process (see _scan).
PARALLEL_MIN_UNITS = 1_000

# The largest share of the units a firm theme may hold. A cluster with more than half of them
# is larger than all the others together: the corpus's bulk, what is left when the themes are
# taken out, not a theme beside them (at k = 2 it is the complement of the one cluster that
# differs). Its Jaccard is high by size alone: a part of the same size drawn at random scores
# s / (2 - s) against it (0.33 at half the units, 0.61 at 76 %, 0.82 at 90 %).
LARGEST_THEME = 0.5


def auto_ks(n_units: int, min_units_per_cluster: int = 3, cap: int = 60) -> list[int]:
    """Values of k to try on ``n_units`` units: 2 up to about √(n/2), capped at ``cap``.

    Every k from 2 to 10, then steps of about 20 % (12, 14, 17, 20, 24 …) so the grid
    stays short; the top of the range is always included. No k exceeds
    ``n_units // min_units_per_cluster`` (nor ``n_units - 1``); too few units give [].

    >>> auto_ks(144), auto_ks(5), auto_ks(10_000)[-3:]
    ([2, 3, 4, 5, 6, 7, 8], [], [42, 50, 60])
    """
    high = min(
        cap, round(math.sqrt(max(n_units, 0) / 2)), n_units // max(min_units_per_cluster, 1), n_units - 1
    )
    if high < 2:
        return []
    ks, k = [], 2
    while k <= high:
        ks.append(k)
        k = k + 1 if k < 10 else max(k + 1, round(k * 1.2))
    if ks[-1] != high:
        ks.append(high)
    return ks


def _measure(
    embedding,
    counts,
    words,
    k,
    settings,
    random_state,
    n_runs,
    n_draws,
    subsample,
    silhouette_sample,
    in_thread=False,
):
    """What the search measures of one k, before any stability threshold is applied (``_row``).
    ``in_thread``: on a worker thread (``_kmeans``'s), the same values."""
    n = embedding.shape[0]
    # Every fit of the search uses at most 3 k-means starts: it measures whether clusters
    # come back, not which of ten starts is best (the chosen k is refitted with n_init).
    starts, minibatch_above = min(3, settings["n_init"]), settings["minibatch_above"]
    fit = functools.partial(
        _kmeans, embedding, k, starts, minibatch_above=minibatch_above, in_thread=in_thread
    )
    labels = fit(random_state=random_state)[0]
    seeds = [fit(random_state=random_state + run)[0] for run in range(1, n_runs)]
    seed_ari = float(np.mean([adjusted_rand_score(labels, other) for other in seeds])) if seeds else 1.0
    draws, aris = _jaccard_draws(
        embedding, labels, k, n_draws, subsample, random_state, 3, minibatch_above, in_thread=in_thread
    )
    silhouette = silhouette_score(
        embedding, labels, metric="cosine", sample_size=min(silhouette_sample, n), random_state=random_state
    )
    filler = filler_words() if settings["filler_weight"] != 1 else ()
    top = class_tfidf(
        (counts, words),
        labels,
        top_n=10,
        weighting=settings["label_weighting"],
        filler=filler,
        filler_weight=settings["filler_weight"],
    )
    return {
        "k": k,
        "n": n,
        "silhouette": silhouette,
        "seed_ari": seed_ari,
        "subsample_ari": float(np.mean(aris)),
        "draws": draws,
        "sizes": np.bincount(labels, minlength=k),
        "coherence": float(topic_coherence(counts, words, top).mean()),
        "diversity": _diversity(top),
    }


def _row(measured: dict, stable_at: float, largest: float = LARGEST_THEME) -> dict:
    """The search table's row of one k: ``_measure``'s values and the firm themes at ``stable_at``.

    A theme counts when refits find it again and it is neither a crumb (fewer units than half
    an average cluster, ``n / 2k``) nor the bulk (more than ``largest`` of the units).

    >>> draws = np.array([[1.0, 0.5, 0.9, 0.8], [1.0, 0.6, 0.9, 0.8]])
    >>> measured = dict.fromkeys(["silhouette", "seed_ari", "subsample_ari", "coherence", "diversity"], 0.0)
    >>> measured.update(k=4, n=100, draws=draws, sizes=np.array([60, 20, 15, 5]))
    >>> [_row(measured, 0.75, largest)["n_stable"] for largest in (0.5, 1.0)]
    [1, 2]
    """
    k, n, draws, sizes = measured["k"], measured["n"], measured["draws"], measured["sizes"]
    stability = _mean_seen(draws)
    themes = (sizes >= n / (2 * k)) & (sizes <= largest * n)
    stable = (stability >= stable_at) & themes
    return {
        "k": k,
        "silhouette": measured["silhouette"],
        "stability": (measured["seed_ari"] + measured["subsample_ari"]) / 2,
        "seed_ari": measured["seed_ari"],
        "subsample_ari": measured["subsample_ari"],
        "smallest_cluster": int(sizes.min()),
        "n_stable": int(stable.sum()),
        "n_stable_se": firm_count_error(draws, stable_at, themes),
        "stable_share": float(sizes[stable].sum() / n),
        "mean_cluster_stability": float(stability.mean()),
        "coherence": measured["coherence"],
        "diversity": measured["diversity"],
    }


def _share_out(ks: list[int], parts: int) -> list[list[int]]:
    """``ks`` in ``parts`` lists of about equal work (a k-means fit costs about a constant plus k).

    >>> _share_out([2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 17, 20, 24, 29, 35, 42, 48], 2)
    [[48, 29, 24, 14, 10, 9, 7, 4, 3], [42, 35, 20, 17, 12, 8, 6, 5, 2]]
    """
    shares: list[list[int]] = [[] for _ in range(parts)]
    loads = [0.0] * parts
    for k in sorted(ks, reverse=True):
        part = loads.index(min(loads))
        shares[part].append(k)
        loads[part] += 10 + k
    return shares


def _measure_all(embedding, counts, words, ks, args, n_jobs) -> dict[int, dict]:
    """``_measure`` of every k in ``ks``: here, on ``n_jobs`` threads, or shared between this
    process and ``n_jobs - 1`` worker processes (results do not depend on it: every k has its own
    seeds, and every k-means fit runs on one thread whichever way)."""
    workers = effective_n_jobs(n_jobs) - 1
    if workers < 1 or len(ks) < 2 or embedding.shape[0] < PARALLEL_MIN_UNITS:
        with threadpool_limits(limits=1):
            return {k: _measure(embedding, counts, words, k, *args) for k in ks}
    if SEARCH_THREADS and _threads_fit(embedding, args[0]):
        return _measure_on_threads(embedding, counts, words, ks, args, workers + 1)
    # Otherwise (MiniBatchKMeans, 20,000 rows or more: fits on OpenMP's threads, whose count only a
    # limit set in each thread would fix) the values of k spread over worker *processes*: k-means,
    # the silhouette and threadpoolctl's per-call limits running side by side in one process crashed
    # the kernel ("double free or corruption") on a 2-core machine. This process takes one share itself,
    # so n_jobs cores need only n_jobs - 1 workers (each holds some 300 MB of imports). The
    # arguments are pickled whole (no read-only memory maps, on which k-means failed with
    # "WRITEBACKIFCOPY base is read-only").
    here, *away = _share_out(list(ks), workers + 1)
    one_thread = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    # idle workers stop after 300 s, as joblib's do (loky's own default is 10 s)
    executor = get_reusable_executor(max_workers=workers, timeout=300, env=one_thread)
    futures = {
        k: executor.submit(_measure, embedding, counts, words, k, *args) for share in away for k in share
    }
    with threadpool_limits(limits=1):
        found = {k: _measure(embedding, counts, words, k, *args) for k in here}
    found.update({k: future.result() for k, future in futures.items()})
    return found


# Whether the search's values of k go to threads of this process (``_measure_on_threads``) rather
# than to worker processes, where every fit is KMeans on one thread (below 20,000 dense rows).
SEARCH_THREADS = True


def _threads_fit(embedding, settings: dict) -> bool:
    n_rows = embedding.shape[0]
    return not sparse.issparse(embedding) and n_rows < 20_000 and n_rows <= settings["minibatch_above"]


def _measure_on_threads(embedding, counts, words, ks, args, threads: int) -> dict[int, dict]:
    """``_measure`` of every k on ``threads`` threads of this process: no worker to start (a process
    importing scikit-learn, some 2.5 s of CPU and 300 MB) and nothing pickled. BLAS is limited to one
    thread here, once, for the whole search (a process-wide setting: changing it while other threads
    run BLAS is what crashed a search that set limits per fit); each k-means fit runs its starts with
    one OpenMP thread by itself (``fit_kmeans(in_thread=True)``), as a worker process's fits do."""
    with threadpool_limits(limits=1), ThreadPoolExecutor(threads) as pool:
        # the largest k (the longest fits) first, so the threads end about together
        order = sorted(ks, reverse=True)
        futures = {k: pool.submit(_measure, embedding, counts, words, k, *args, True) for k in order}
        return {k: future.result() for k, future in futures.items()}


def _scan(
    embedding,
    counts,
    words,
    ks,
    settings,
    random_state,
    n_runs,
    n_draws,
    subsample,
    stable_at,
    silhouette_sample,
    n_jobs,
    cache_dir=None,
) -> pd.DataFrame:
    args = (settings, random_state, n_runs, n_draws, subsample, silhouette_sample)
    # With a cache folder each k's measurements are kept (MeasureStore): notebook 05's search
    # over 2 … 8 on the same units reads what 03's search over 2 … 48 measured.
    store = (
        MeasureStore(cache_dir, _measure, embedding, counts, words, args) if cache_dir is not None else None
    )
    measured = store.get(ks) if store is not None else {}
    missing = [k for k in ks if k not in measured]
    fresh = _measure_all(embedding, counts, words, missing, args, n_jobs) if missing else {}
    if store is not None:
        store.put(fresh)
    measured.update(fresh)
    rows = [_row(measured[k], stable_at) for k in ks]
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS).sort_values("k", ignore_index=True).round(3)
    table.attrs.update(stable_at=stable_at, n_draws=n_draws, subsample=subsample)
    return table


def select_k(
    tokens: Tokens,
    ks: Iterable[int] | None = None,
    n_runs: int = 3,
    subsample: float = 0.8,
    random_state: int = 0,
    silhouette_sample: int = 5_000,
    *,
    n_draws: int = 6,
    stable_at: float = STABLE,
    n_jobs: int = 2,
    **params,
) -> pd.DataFrame:
    """Separation, stability and coherence of k-means for each k, to choose the number of clusters.

    TF-IDF and the LSA embedding are fitted once (``random_state``) and reused for
    every k and every refit. For each ``k`` (default ``auto_ks(len(tokens))``):

    - ``silhouette`` — mean silhouette (cosine) in the embedding; higher is more separated.
    - ``seed_ari`` — mean ARI between the ``random_state`` fit and ``n_runs - 1``
      k-means refits with other seeds (``fit_topics``: one refit); ``subsample_ari`` — mean ARI between it and
      ``n_draws`` refits on ``subsample`` of the units; ``stability`` is their mean
      (partition-level: it falls as k grows even when most themes are firm).
    - ``n_stable`` — clusters whose Hennig cluster-wise stability
      (``clusterwise_stability``) reaches ``stable_at`` and that hold at least half
      an average cluster (``n / 2k`` units; smaller ones are crumbs that are stable
      by luck) and at most half of the units (``LARGEST_THEME``; a larger one is the
      corpus's bulk, stable by its size); ``stable_share`` — share of units in them;
      ``mean_cluster_stability``.
    - ``coherence`` — mean NPMI of each cluster's top 10 terms (``topic_coherence``);
      ``diversity`` — share of distinct terms among them (``topic_diversity``).
    - ``smallest_cluster`` — size of the smallest cluster.

    Every k-means fit of the search takes at most 3 starts (``n_init`` is for the
    final model). ``params`` are ``TopicClusterer`` parameters. Deterministic given
    ``random_state`` whatever ``n_jobs``. One row per k, sorted, rounded to 3 places.
    """
    rows = _as_tokens(tokens)
    n = len(rows)
    ks = sorted({int(k) for k in (auto_ks(n) if ks is None else ks)})
    if not ks or ks[0] < 2 or ks[-1] >= n:
        raise ValueError(f"every k must be at least 2 and less than the number of units ({n}); got {ks}")
    if n_runs < 1 or n_draws < 2:
        raise ValueError("n_runs must be at least 1 and n_draws at least 2 to measure stability")
    settings = TopicClusterer(random_state=random_state, **params).get_params()
    space = _embed(rows, settings, random_state)
    counts, words = space.word_counts if space.word_counts is not None else count_matrix(rows)
    return _scan(
        space.embedding,
        counts,
        words,
        ks,
        settings,
        random_state,
        n_runs,
        n_draws,
        subsample,
        stable_at,
        silhouette_sample,
        n_jobs,
    )


def choose_k(table: pd.DataFrame, min_stability: float = 0.8, n_se: float = 1.0) -> int:
    """The fewest clusters that find, within one standard error, as many firm themes as any k tried.

    With a table of ``select_k``: ``N`` is the largest number of firm themes
    (``n_stable``: clusters whose cluster-wise stability reaches
    ``table.attrs["stable_at"]`` and that hold at least half an average cluster and
    at most half of the units)
    at any k, and ``se`` the standard error of that count (``n_stable_se``, from
    the draw-to-draw spread of each cluster's Jaccard; ``√N`` if the column is
    missing). The choice is the smallest k with at least ``N - n_se·se`` firm
    themes (the "one standard error" rule of model selection), and at least one
    when any k has one (``firm_needed``); no firm theme at any k gives the smallest k.

    Why not an optimum: on news, every stability signal measured either rewards a
    degenerate split (k = 2, one cluster holding most units, perfectly stable; such a
    cluster is not counted as a theme) or keeps growing with k; the count of firm themes
    grows too, in noisy steps, so the parsimonious reading is the smallest k that is not
    measurably worse than the best.
    A table without ``n_stable`` (an older ``select_k``) is read by the old rule: best
    silhouette among the k at least ``min_stability`` stable, else the most stable k.

    >>> choose_k(pd.DataFrame({"k": [2, 3, 4], "silhouette": [.05, .08, .09], "stability": [.9, .85, .6]}))
    3
    >>> table = pd.DataFrame({"k": [2, 5, 10, 20, 40], "n_stable": [2, 1, 6, 7, 9],
    ...                       "n_stable_se": [0, .5, 1, 1.2, 2]})
    >>> choose_k(table), choose_k(table.assign(n_stable_se=0.0))
    (20, 40)
    >>> choose_k(pd.DataFrame({"k": [2, 3, 8], "n_stable": [0, 0, 1], "n_stable_se": [0, 0, .4]}))
    8
    """
    if len(table) == 0:
        raise ValueError("the table has no k to choose from")
    if "n_stable" not in table:
        stable = table.loc[table["stability"] >= min_stability]
        if len(stable):
            best = stable.sort_values(["silhouette", "k"], ascending=[False, True]).iloc[0]
        else:
            best = table.sort_values(["stability", "k"], ascending=[False, True]).iloc[0]
        return int(best["k"])
    return int(table.loc[table["n_stable"] >= firm_needed(table, n_se), "k"].min())


def firm_needed(table: pd.DataFrame, n_se: float = 1.0) -> float:
    """How many firm themes ``choose_k`` asks of a k: ``N - n_se·se``, at least 1 when ``N`` ≥ 1.

    ``N`` is the most firm themes (``n_stable``) at any k, ``se`` its standard error
    (``n_stable_se`` at the first such row, the smallest k in a sorted table; else ``√N``).

    >>> firm_needed(pd.DataFrame({"n_stable": [2, 9, 4], "n_stable_se": [0, 1.5, 1]}))
    7.5
    >>> firm_needed(pd.DataFrame({"n_stable": [2, 9, 4]})), firm_needed(pd.DataFrame({"n_stable": [0, 0]}))
    (6.0, 0)
    """
    most = int(table["n_stable"].max())
    if not most:
        return 0
    at_most = table.loc[table["n_stable"] == most]
    # select_k's tables are sorted by k: the first row holding N is the smallest such k.
    error = float(at_most["n_stable_se"].iloc[0]) if "n_stable_se" in table else math.sqrt(most)
    return min(most, max(1.0, most - n_se * error))


def topics_problem(
    tokens: Tokens, ks: Iterable[int] | None = None, k: int | None = None, min_units_per_cluster: int = 3
) -> str:
    """Why nothing can be clustered, in one sentence (Markdown), or "" when something can.

    >>> topics_problem([["政绩观"]] * 2)
    'There are only 2 units: at least 6 are needed to form two clusters of 3.'
    """
    rows = _as_tokens(tokens)
    n = len(rows)
    need = 2 * min_units_per_cluster
    if k is not None:
        if int(k) < 2:
            return f"K = {int(k)} asks for fewer than two clusters: nothing to compare."
        if int(k) >= n:
            return f"K = {int(k)} is not less than the number of units ({n:,}): each cluster needs units."
    elif n < need:
        return (
            f"There are only {n:,} unit{'s' if n != 1 else ''}: at least {need} are needed "
            f"to form two clusters of {min_units_per_cluster}."
        )
    elif ks is not None and not _usable(ks, n, min_units_per_cluster):
        listed = sorted({int(value) for value in ks})
        if not listed:
            return "KS is empty: no number of clusters to compare."
        return (
            f"No k in KS ({', '.join(map(str, listed))}) leaves at least {min_units_per_cluster} units "
            f"per cluster among {n:,} units."
        )
    distinct = len({tuple(row) for row in rows if row})
    if distinct < 2:
        return f"Every one of the {n:,} units has the same words (or none): there is nothing to tell apart."
    return ""


def _usable(ks: Iterable[int], n_units: int, min_units_per_cluster: int) -> list[int]:
    return sorted({int(value) for value in ks if 2 <= int(value) <= n_units // min_units_per_cluster})


class _Sample(NamedTuple):
    """Rows of the embedding of all units and their word counts: what the search reads."""

    embedding: np.ndarray
    word_counts: tuple


def content_sample(rows: list[list[str]], size: int, random_state: int = 0) -> np.ndarray:
    """Positions (ascending) of the ``size`` rows whose content hash, salted by ``random_state``,
    is smallest: a sample that depends on each row's tokens, not on how many rows there are.

    Adding a row changes the sample only when the new row's hash is among the ``size``
    smallest (for a corpus of n rows, with probability about size / n); removing a row outside
    the sample leaves it as it was. Rows with the same tokens hash alike: ties go to the earlier.

    >>> rows = [[word] for word in "政绩观 民生 主题教育 党建 工程 防汛 乡村振兴 高质量发展 新增".split()]
    >>> before, after = set(content_sample(rows[:-1], 4)), set(content_sample(rows, 4))
    >>> after - {8} <= before, len(before - after) == (8 in after), len(content_sample(rows, 20))
    (True, True, 9)
    """
    salt = f"{int(random_state)}\0".encode()
    keys = [
        hashlib.blake2b(salt + "\0".join(row).encode("utf-8", "surrogatepass"), digest_size=8).digest()
        + len(row).to_bytes(4, "little")
        for row in rows
    ]
    order = sorted(range(len(rows)), key=lambda i: (keys[i], i))
    return np.sort(np.asarray(order[:size], dtype=np.int64))


def fit_topics(
    tokens: Tokens,
    ks: Iterable[int] | None = None,
    k: int | None = None,
    min_stability: float = STABLE,
    random_state: int = 0,
    min_units_per_cluster: int = 3,
    select_on: int | None = 2000,
    *,
    n_jobs: int = 2,
    n_draws: int = 6,
    cache_dir: str | os.PathLike | None = None,
    search_on: str = "all",
    **params,
) -> tuple[TopicClusterer | None, pd.DataFrame | None]:
    """Choose k (unless given) with ``select_k``/``choose_k`` and fit ``TopicClusterer``.

    ``ks=None`` searches ``auto_ks(len(tokens))``. Values of k leaving fewer than
    ``min_units_per_cluster`` units per cluster (on the searched units) are not
    tried. TF-IDF and the SVD are fitted once on all units; above ``select_on``
    units the search runs on a sample of that many units,
    ``table.attrs["sampled"] = (sample size, number of units)``, and the final model is
    fitted on all units; the silhouette column is measured on 1,000 of the searched units.
    With ``search_on="all"`` (default) the sample is a fixed random draw of rows of the
    embedding of all units. With ``search_on="content"`` it is chosen by content
    (``content_sample``: the units whose hash, salted by ``random_state``, is smallest) and
    embedded on its own (TF-IDF and SVD fitted on the sample), so the search depends on the
    sampled units only: with a ``cache_dir``, a corpus with one more file searches again only
    if that file's unit enters the sample (probability about ``select_on`` / units). Measured
    (issue 14): on THUCNews headlines it chose k = 60 (NMI 0.310) where the default chose
    42 (NMI 0.331), with lower stability at most k; on rmrb-2023-07-08 k = 24, 24, 42 at
    seeds 0-2 against 35, 24, 35 (``benchmarks/k_choice_stability.py --search-on``), so it
    is not the default. A cluster counts as stable from
    ``min_stability`` (Hennig's 0.75). Returns ``(model, table)``; both ``None``
    when nothing can be clustered (``topics_problem`` says why, in a sentence);
    ``table`` is ``None`` when ``k`` was given.

    ``cache_dir`` keeps the embedding and each k's search measurements there
    (``textkit.cluster._cache``), so another search on the same units (other ``ks``, another
    ``min_stability``) or a refit with another ``k`` reuses them; like ``n_jobs`` it does not
    change the result (``textkit.pipeline.fit_topics_cached`` passes its folder).

    >>> fit_topics([["政绩观"]] * 4)
    (None, None)
    """
    rows = _as_tokens(tokens)
    n_units = len(rows)
    if topics_problem(rows, ks, k, min_units_per_cluster):
        return None, None
    settings = TopicClusterer(random_state=random_state, **params).get_params()
    try:
        space = cached_space(rows, settings, random_state, cache_dir, effective_n_jobs(n_jobs))
    except ValueError:  # no term shared by enough units: topics_problem's caller says so
        return None, None
    table = None
    if k is None:
        # Word counts once for all units (kept from the TF-IDF), for the final model's labels.
        if space.word_counts is None:
            space.word_counts = count_matrix(rows)
        if search_on not in ("all", "content"):
            raise ValueError(f"search_on is 'all' or 'content', got {search_on!r}")
        search, n_searched = space, n_units
        if select_on is not None and n_units > select_on and search_on == "all":
            chosen = np.sort(np.random.default_rng(random_state).choice(n_units, select_on, replace=False))
            n_searched = select_on
            counts, words = space.word_counts
            search = _Sample(space.embedding[chosen], (counts[chosen], words))
        elif select_on is not None and n_units > select_on:
            sample = [rows[i] for i in content_sample(rows, select_on, random_state)]
            try:
                search = cached_space(sample, settings, random_state, cache_dir, effective_n_jobs(n_jobs))
            except ValueError:  # the sample shares no term: search on all units
                sample = None
            if sample is not None:
                n_searched = len(sample)
                if search.word_counts is None:
                    search.word_counts = count_matrix(sample)
        usable = _usable(auto_ks(n_units) if ks is None else ks, n_searched, min_units_per_cluster)
        if not usable:
            return None, None
        counts, words = search.word_counts
        used = np.flatnonzero(counts.getnnz(axis=0))
        counts, words = counts[:, used], words[used]
        counts.sort_indices()  # here: workers get read-only memory-mapped copies
        table = _scan(
            search.embedding,
            counts,
            words,
            usable,
            settings,
            random_state,
            2,
            n_draws,
            0.8,
            min_stability,
            1_000,  # silhouette on 1,000 units: a column to read, not part of the rule
            n_jobs,
            cache_dir,
        )
        table.attrs["auto_range"] = ks is None
        if n_searched < n_units:
            table.attrs["sampled"] = (n_searched, n_units)
            if search_on == "content":
                table.attrs["search_on"] = "content"
        k = choose_k(table)
        # The search's idle worker (some 300 MB of imports) would otherwise sit beside the final fit.
        release_workers()
    model = TopicClusterer(k=int(k), random_state=random_state, **params)
    model.fit(rows, n_jobs=effective_n_jobs(n_jobs), _space=space)
    note_space(model, space)  # fit_topics_cached stores the model with references to the space
    return model, table
