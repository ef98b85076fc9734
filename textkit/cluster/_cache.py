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

A model fitted on a stored space holds that space's features, TF-IDF matrix, SVD, embedding and
word counts (some 126 MB on People's Daily): ``note_space`` records which of its attributes are
the stored objects themselves, and ``fit_topics_cached`` pickles the model with references to the
space's blob in their place (``space_references``, read back by ``SpaceLoader``), instead of a
second and third copy (notebooks 03 and 05 store one model each). A model whose space blob is
gone (pruned) is a miss.
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
        stored.stored_as = (namespace, key, stored.word_counts)
        return stored
    space = _embed(rows, settings, random_state, n_jobs=n_jobs)
    cache.put_pickle(namespace, key, space)
    space.stored_as = (namespace, key, space.word_counts)
    return space


# A model's attributes that a fit on a space takes from it (``TopicClusterer.fit(_space=…)``), and
# how each is read from the stored space.
_FROM_SPACE = {
    "features_": lambda space: space.features,
    "matrix_": lambda space: space.matrix,
    "svd_": lambda space: space.svd,
    "embedding_": lambda space: space.embedding,
    "word_counts_": lambda space: space.word_counts[0],
    "words_": lambda space: space.word_counts[1],
}
_REFERENCE = "textkit-space"


def note_space(model, space: _Space) -> None:
    """Record on ``model`` (``stored_space_``) the stored space it was fitted on and which of its
    attributes are that space's own objects (identity, not equality: only what was stored)."""
    if space.stored_as is None:
        return
    namespace, key, word_counts = space.stored_as
    stored = _Space(space.features, space.matrix, space.svd, space.embedding, word_counts)
    names = []
    for name, read in _FROM_SPACE.items():
        if name.startswith("word") and word_counts is None:
            continue
        value = read(stored)
        if value is not None and getattr(model, name, None) is value:
            names.append(name)
    model.stored_space_ = (namespace, key, tuple(names))


def space_references(model) -> Callable[[object], tuple | None]:
    """A pickler's ``persistent_id`` that stores ``note_space``'s attributes of ``model`` as
    references to the space's blob (None for every object when there is none)."""
    namespace, key, names = getattr(model, "stored_space_", None) or ("", "", ())
    # the objects are held here while pickling, so no other object can have their ids
    held = {
        id(getattr(model, name)): (getattr(model, name), (_REFERENCE, namespace, key, name)) for name in names
    }

    def persistent_id(value: object) -> tuple | None:
        entry = held.get(id(value))
        return entry[1] if entry is not None and entry[0] is value else None

    return persistent_id


class SpaceMissing(LookupError):
    """A stored model refers to a space blob that is no longer there (or is damaged)."""


class SpaceLoader:
    """A pickler's ``persistent_load`` for ``space_references``: each space blob read once."""

    def __init__(self, cache_dir: str | os.PathLike) -> None:
        self.cache, self.spaces = ParquetCache(cache_dir), {}

    def __call__(self, reference: tuple) -> object:
        kind, namespace, key, name = reference
        if kind != _REFERENCE or name not in _FROM_SPACE:
            raise SpaceMissing(f"unknown reference {reference!r}")
        if (namespace, key) not in self.spaces:
            found, space = self.cache.get_pickle(namespace, key)
            if not found:
                raise SpaceMissing(f"the space {namespace}/{key} is not in the cache")
            self.spaces[namespace, key] = space
        return _FROM_SPACE[name](self.spaces[namespace, key])


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
