"""Cluster stage, on-disk reuse inside ``fit_topics``: the embedding and each k's search fits.

Two notebooks that cluster the same units with other choices of k (03 searches 2 … 48 with
firm at 0.75, 05 searches 2 … 8 with firm at 0.8) share the expensive parts of the fit:

- the TF-IDF features and the LSA embedding (``cached_space``), which depend only on the
  tokens, the feature settings and the seed, not on k or the stability threshold;
- each k's search measurements (``MeasureStore``): the k-means fits, the subsample refits'
  Jaccard table, the silhouette, coherence and diversity of the searched sample, which do not
  depend on the stability threshold either (``select._row`` applies it).

Keys are ``textkit.memo.call_key``'s (every token or array value, every setting, the source of
the cluster modules and the package versions), so a changed input is a miss; the stored
objects are pickles written by this module in a folder the caller owns.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable

from textkit.cache import ParquetCache
from textkit.cluster._fit import _embed, _Space
from textkit.memo import call_key

# The settings of TopicClusterer that change the features or the embedding (see _fit._embed).
SPACE_SETTINGS = ("char_weight", "char_ngram_range", "min_df", "max_df", "sublinear_tf", "n_components")


def cached_space(
    rows: list[list[str]],
    settings: dict,
    random_state: int,
    cache_dir: str | os.PathLike | None,
    n_jobs: int = 1,
) -> _Space:
    """``_embed(rows, settings, random_state)``, kept in ``cache_dir`` (``None``: computed); ``n_jobs``
    threads share the SVD's products (not in the key: the embedding does not depend on it)."""
    if cache_dir is None:
        return _embed(rows, settings, random_state, n_jobs=n_jobs)
    used = {name: settings[name] for name in SPACE_SETTINGS}
    namespace, key = call_key(_embed, rows, used, random_state)
    cache = ParquetCache(cache_dir)
    found, stored = cache.get_pickle(namespace, key)
    if found:
        return stored
    space = _embed(rows, settings, random_state, n_jobs=n_jobs)
    cache.put_pickle(namespace, key, space)
    return space


class MeasureStore:
    """Per-k results of ``measure(embedding, counts, words, k, *args)`` in ``cache_dir``.

    The inputs are hashed once (``call_key`` with ``k=None``); each k's key adds k to that.
    """

    def __init__(
        self, cache_dir: str | os.PathLike, measure: Callable, embedding, counts, words, args: tuple
    ):
        self.cache = ParquetCache(cache_dir)
        self.namespace, self._base = call_key(measure, embedding, counts, words, None, *args)

    def _key(self, k: int) -> str:
        return hashlib.sha256(f"{self._base}\0k={int(k)}".encode()).hexdigest()

    def get(self, ks: Iterable[int]) -> dict[int, dict]:
        found = {}
        for k in ks:
            hit, stored = self.cache.get_pickle(self.namespace, self._key(k))
            if hit:
                found[k] = stored
        return found

    def put(self, measured: dict[int, dict]) -> None:
        for k, result in measured.items():
            self.cache.put_pickle(self.namespace, self._key(k), result)
