"""Results of pure textkit functions kept on disk by content: a rerun recomputes only what changed.

``cached_call(cache_dir, function, *args, **kwargs)`` returns ``function(*args, **kwargs)``; with a
folder it stores the result there (pickled, ``ParquetCache.put_blob``) under a key made of

- the namespace ``call-<module>.<name>-<code_version(module)>``: the source of the function's
  module and of every textkit module it imports, the data files they read, and the versions of
  NumPy, pandas, scikit-learn, SciPy, joblib, threadpoolctl, jieba, pyahocorasick and Python;
- the content of every argument, defaults filled in (``fingerprint``): strings, numbers, lists
  of token lists, DataFrames and Series (every value, the index, the names and dtypes), arrays,
  SciPy sparse matrices, fitted models that carry the key they were made under
  (``fit_topics_cached`` sets it), and objects with a ``fingerprint`` string (a ``Segmenter``:
  jieba, dictionary, lexicon, HMM).

An argument whose content cannot be read this way (an arbitrary object) is never guessed at:
the call is computed and not stored. ``n_jobs`` and ``cache_dir`` are left out of the key
(results do not depend on them). A changed text, token, parameter, default or line of code is a
miss; nothing stale is ever returned.

>>> from textkit.vocab import collocations                              # doctest: +SKIP
>>> pairs = cached_call(".cache/textkit", collocations, tokens, min_count=3)  # doctest: +SKIP

``cached_parts(cache_dir, function, items, …, combine=…)`` keeps the results of a function over
parts of a list, for a caller whose whole result is ``combine`` of them (counts that add): a
list with one new item recomputes one part.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from itertools import chain, pairwise
from typing import Any

import numpy as np
import pandas as pd

from textkit.cache import ParquetCache, code_version

__all__ = [
    "KEY_ATTRIBUTE",
    "Unfingerprintable",
    "cached_call",
    "cached_parts",
    "cached_per_article",
    "cached_table",
    "call_key",
    "fingerprint",
]

# Third-party packages whose versions may change a stage's output (all of them, to be safe).
PACKAGES = ("jieba", "joblib", "numpy", "pandas", "pyahocorasick", "scikit-learn", "scipy", "threadpoolctl")
# Parameters that never change a result (tests check parallel = serial, cached = uncached).
NOT_IN_KEY = frozenset({"n_jobs", "cache_dir"})
# A fitted object made by a cached call carries the key it was made under here.
KEY_ATTRIBUTE = "_textkit_key"


class Unfingerprintable(TypeError):
    """An argument whose content ``fingerprint`` cannot read (it would have to guess)."""


def _feed_strings(digest, values, joined: str | None = None) -> None:
    """A sequence of strings, unambiguously: joined by NUL when no string holds one (the count
    of NULs then fixes every boundary), else their lengths and their concatenation. ``joined``:
    ``"\\0".join(values)`` when the caller has it already."""
    values = values if isinstance(values, list) else list(values)
    joined = "\0".join(values) if joined is None else joined
    if joined.count("\0") == max(len(values) - 1, 0):
        digest.update(f"nul-joined:{len(values)}\0".encode())
    else:
        digest.update(np.fromiter(map(len, values), dtype=np.int64, count=len(values)).tobytes())
        joined = "".join(values)
    digest.update(joined.encode("utf-8", "surrogatepass"))


def _feed_token_lists(digest, rows: list[list]) -> bool:
    """Lists of strings (token lists) as one flat run: the length of each list, then the strings
    (``_feed_strings``); False (nothing fed) if any item is not a string."""
    flat = list(chain.from_iterable(rows))
    try:
        # the join _feed_strings needs is the test that every item is a string: one join, not two
        # (the other was a third of the time of a fingerprint of People's Daily's 3 M tokens)
        joined = "\0".join(flat)
    except TypeError:
        return False
    digest.update(b"token-lists\0")
    digest.update(np.fromiter(map(len, rows), dtype=np.int64, count=len(rows)).tobytes())
    _feed_strings(digest, flat, joined)
    return True


def _all_str(values) -> bool:
    return all(type(value) is str for value in values)


def _feed_array(digest, values: np.ndarray) -> None:
    digest.update(f"array:{values.dtype.str}:{values.shape}\0".encode())
    if values.dtype.kind == "O":
        flat = values.ravel().tolist()
        if _all_str(flat):
            _feed_strings(digest, flat)
        else:
            for value in flat:
                _feed(digest, value)
    else:
        digest.update(np.ascontiguousarray(values).tobytes())


def _feed_series(digest, series: pd.Series) -> None:
    digest.update(f"series:{series.name!r}:{series.dtype}\0".encode())
    _feed_index(digest, series.index)
    values = series.to_numpy()
    if values.dtype.kind == "O" or not isinstance(values, np.ndarray):
        values = np.asarray(series.astype(object).to_numpy(), dtype=object)
    _feed_array(digest, values)


def _feed_index(digest, index: pd.Index) -> None:
    digest.update(f"index:{type(index).__name__}:{list(index.names)!r}\0".encode())
    if isinstance(index, pd.RangeIndex):
        digest.update(f"{index.start}:{index.stop}:{index.step}".encode())
    elif isinstance(index, pd.MultiIndex):
        for level in range(index.nlevels):
            _feed_array(digest, np.asarray(index.get_level_values(level).astype(object), dtype=object))
    elif isinstance(index.dtype, np.dtype) and index.dtype.kind in "biuf":
        # numbers (a filtered table's row labels) by their bytes, tagged with the dtype, instead
        # of one tagged repr per label: a table's index is fed again with each of its columns
        _feed_array(digest, index.to_numpy())
    else:
        _feed_array(digest, np.asarray(index.astype(object), dtype=object))


def _is_sparse(value: Any) -> bool:
    sparse = sys.modules.get("scipy.sparse")  # not imported: no value can be one
    return sparse is not None and sparse.issparse(value)


def _feed_sparse(digest, value) -> None:
    """A SciPy sparse matrix by content: shape, dtype and its canonical CSR arrays (so CSR, CSC
    or unsorted indices holding the same values feed the same)."""
    matrix = value.tocsr()
    if not matrix.has_canonical_format:
        matrix = matrix.copy()
        matrix.sum_duplicates()
    digest.update(f"sparse:{matrix.dtype.str}:{matrix.shape}\0".encode())
    digest.update(np.asarray(matrix.indptr, dtype=np.int64).tobytes())
    digest.update(np.asarray(matrix.indices, dtype=np.int64).tobytes())
    digest.update(np.ascontiguousarray(matrix.data).tobytes())


def _feed(digest, value: Any) -> None:
    """Add the content of ``value`` to ``digest``, each kind tagged so no two kinds collide."""
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes, np.generic)):
        digest.update(f"{type(value).__name__}:{value!r}\0".encode("utf-8", "surrogatepass"))
    elif isinstance(value, pd.DataFrame):
        digest.update(f"frame:{value.shape}:{list(map(repr, value.columns))!r}\0".encode())
        _feed_index(digest, value.index)
        for column in value.columns:
            _feed_series(digest, value[column])
        digest.update(f"attrs:{sorted(value.attrs.items(), key=repr)!r}".encode())
    elif isinstance(value, pd.Series):
        _feed_series(digest, value)
    elif isinstance(value, pd.Index):
        _feed_index(digest, value)
    elif isinstance(value, np.ndarray):
        _feed_array(digest, value)
    elif isinstance(value, (list, tuple)):
        digest.update(f"{type(value).__name__}:{len(value)}\0".encode())
        if value and all(type(row) is list for row in value) and _feed_token_lists(digest, value):
            pass
        elif _all_str(value):
            _feed_strings(digest, value)
        else:
            for item in value:
                _feed(digest, item)
    elif isinstance(value, (set, frozenset)):
        digest.update(f"{type(value).__name__}:{len(value)}\0".encode())
        if _all_str(value):
            _feed_strings(digest, sorted(value))
        else:
            for item in sorted(fingerprint(item) for item in value):
                digest.update(item.encode())
    elif isinstance(value, Mapping):
        digest.update(f"mapping:{len(value)}\0".encode())
        for key in sorted(value, key=repr):
            _feed(digest, key)
            _feed(digest, value[key])
    elif _is_sparse(value):
        _feed_sparse(digest, value)
    elif isinstance(getattr(value, KEY_ATTRIBUTE, None), str):
        digest.update(f"keyed:{type(value).__qualname__}:{getattr(value, KEY_ATTRIBUTE)}\0".encode())
    elif isinstance(getattr(value, "fingerprint", None), str):
        # a Segmenter: its fingerprint names everything that changes its output
        digest.update(f"fingerprinted:{type(value).__qualname__}:{value.fingerprint}\0".encode())
    else:
        raise Unfingerprintable(f"cannot fingerprint the content of a {type(value).__qualname__}")


def fingerprint(value: Any) -> str:
    """SHA-256 (hex) of the content of ``value``; equal content, equal fingerprint.

    >>> fingerprint([["政绩观", "主题"]]) == fingerprint([["政绩观", "主题"]])
    True
    >>> fingerprint([["政绩观", "主题"]]) == fingerprint([["政绩观主题"]])
    False
    >>> fingerprint(pd.DataFrame({"a": [1]})) == fingerprint(pd.DataFrame({"a": [1.0]}))
    False
    """
    digest = hashlib.sha256()
    _feed(digest, value)
    return digest.hexdigest()


def _function_name(function: Callable) -> tuple[str, str]:
    module = getattr(function, "__module__", "") or ""
    name = getattr(function, "__qualname__", "")
    if not module.startswith("textkit.") or not name or "<" in name:
        raise ValueError(f"cached_call keeps results of textkit's module-level functions, not {function!r}")
    return module, name


def call_key(function: Callable, *args, **kwargs) -> tuple[str, str]:
    """``(namespace, key)`` under which ``cached_call`` keeps ``function(*args, **kwargs)``.

    >>> from textkit.vocab import collocations
    >>> call_key(collocations, [["a", "b"]], min_count=2) == call_key(collocations, [["a", "b"]], 2)
    True
    >>> call_key(collocations, [["a", "b"]], min_count=2) == call_key(collocations, [["a", "b"]])
    False
    """
    module, name = _function_name(function)
    bound = inspect.signature(function).bind(*args, **kwargs)
    bound.apply_defaults()
    arguments = {k: v for k, v in bound.arguments.items() if k not in NOT_IN_KEY}
    for kind_name, parameter in inspect.signature(function).parameters.items():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD and isinstance(arguments.get(kind_name), dict):
            extra = arguments.pop(kind_name)
            arguments.update({k: v for k, v in extra.items() if k not in NOT_IN_KEY})
    version = code_version(module, packages=PACKAGES)
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    namespace = f"call-{module}.{name}-{version}"[:200]
    digest = hashlib.sha256(f"{module}.{name}\0python {python}\0".encode())
    _feed(digest, arguments)
    return namespace, digest.hexdigest()


def cached_call(cache_dir: str | os.PathLike | None, function: Callable, *args, **kwargs):
    """``function(*args, **kwargs)``, kept in ``cache_dir`` by content (see the module's docstring).

    ``None``: no cache, the same as calling ``function``. The result is returned as computed
    (a miss) or as unpickled from the folder (a hit: equal to what the call would return). A
    returned object with attributes (a fitted model, a view) carries its key, so a later
    cached call that takes it is keyed by it. The folder is trusted: it holds pickles this
    function wrote (use one you own). A ``function`` with a ``cache_dir`` parameter not given in
    ``kwargs`` is passed this folder on a miss.
    """
    return _cached(cache_dir, function, args, kwargs, warn=True)


def cached_table(cache_dir: str | os.PathLike | None, function: Callable, *args, **kwargs):
    """``cached_call`` for the whole table of a per-article extractor (``function`` keeps each
    article's rows with ``cached_per_article`` on a miss): an unchanged corpus is one read,
    not one key, lookup and rebuild per article (04's three extractions on a warm rerun).

    An argument ``fingerprint`` cannot read (a custom matcher) is not an error here: the
    function is computed, and applies its own rules, without a warning.
    """
    return _cached(cache_dir, function, args, kwargs, warn=False)


def _cached(cache_dir, function: Callable, args: tuple, kwargs: dict, warn: bool):
    if cache_dir is None:
        return function(*args, **kwargs)
    try:
        namespace, key = call_key(function, *args, **kwargs)
    except Unfingerprintable as error:
        if warn:
            warnings.warn(f"{error}: {function.__qualname__} is computed, not cached", stacklevel=3)
        elif "cache_dir" in inspect.signature(function).parameters:
            kwargs = {**kwargs, "cache_dir": cache_dir}
        return function(*args, **kwargs)
    cache = ParquetCache(cache_dir)
    found, stored = cache.get_pickle(namespace, key)
    if found:
        return stored
    if "cache_dir" not in kwargs and "cache_dir" in inspect.signature(function).parameters:
        # a function that keeps parts of its work by content (near_duplicates' signatures) keeps
        # them in the same folder; cache_dir is not part of any key (NOT_IN_KEY)
        kwargs = {**kwargs, "cache_dir": cache_dir}
    result = function(*args, **kwargs)
    _mark(result, f"{namespace}/{key}")
    cache.put_pickle(namespace, key, result)
    return result


def _mark(result: Any, key: str) -> None:
    """Let a fitted object remember the key it was made under (DataFrames and tuples need none)."""
    if not isinstance(result, (pd.DataFrame, pd.Series, tuple, list, dict)) and hasattr(result, "__dict__"):
        with suppress(AttributeError):  # a frozen object: then its content is not keyed
            setattr(result, KEY_ATTRIBUTE, key)


# --------------------------------------------------------------------------- per article

_ARTICLE_KEYS = ("doc_id", "article_no")
_DTYPES_KEY = "dtypes"


def _article_row_keys(table: pd.DataFrame, settings: str, dependencies: list[str] | None) -> list[str]:
    """One key per article: every column of its row but ``doc_id``/``article_no``, the settings,
    and what else its rows depend on (``dependencies``)."""
    columns = [c for c in table.columns if c not in _ARTICLE_KEYS]
    # The bytes ``_feed`` gives each column name and value, joined: one update per row hashes
    # the same stream as an update per item did, about three times faster.
    names = [_fed(column) for column in columns]
    fed = [[_fed(value) for value in table[column].tolist()] for column in columns]
    if dependencies is not None:
        names.append(b"")
        fed.append([_fed(value) for value in dependencies])
    start = settings.encode()
    keys = []
    for row in zip(*fed, strict=True) if fed else ((),) * len(table):
        parts = [start]
        for name, value in zip(names, row, strict=True):
            parts += (name, value)
        keys.append(hashlib.sha256(b"".join(parts)).hexdigest())
    return keys


class _Collected:
    """Stands in for a digest: keeps what ``_feed`` would have hashed."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def update(self, data: bytes) -> None:
        self.parts.append(bytes(data))


def _fed(value: Any) -> bytes:
    """The bytes ``_feed(digest, value)`` adds to a digest."""
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes, np.generic)):
        return f"{type(value).__name__}:{value!r}\0".encode("utf-8", "surrogatepass")  # as _feed
    collected = _Collected()
    _feed(collected, value)
    return b"".join(collected.parts)


def cached_per_article(
    cache_dir: str | os.PathLike | None,
    function: Callable,
    articles: pd.DataFrame,
    *,
    dependencies: list[str] | None = None,
    unkeyed: Mapping[str, Any] | None = None,
    **kwargs,
) -> pd.DataFrame:
    """``function(articles, **kwargs)`` for a table-level extractor, each article's rows kept by content.

    For functions such as ``extract_places`` and ``extract_claims``, whose rows for an article
    depend only on that article's own row of ``articles`` (its text, dateline place …) and
    the settings, and that return a table with ``doc_id`` and ``article_no`` on every row,
    sorted by ``doc_id, article_no, start, end``. An article's rows are stored under the
    content of its row (every column but ``doc_id``/``article_no``), ``kwargs``, and the
    function's code (``call_key``'s namespace), so a corpus with one new file runs
    ``function`` on the new articles only, and an edited article is extracted again.
    ``dependencies`` (one string per article) adds what else an article's rows depend on
    (``extract_formulations`` passes the corpus-wide phrases found in each text);
    ``unkeyed`` are arguments passed to ``function`` but left out of the key, for a caller
    whose ``dependencies`` cover their effect on each article. The table returned equals the
    uncached one (values, dtypes, order). An argument ``fingerprint`` cannot read (a custom
    matcher): computed, not stored.
    """
    unkeyed = dict(unkeyed or {})
    if cache_dir is None or isinstance(articles, str) or not set(_ARTICLE_KEYS) <= set(articles.columns):
        return function(articles, **kwargs, **unkeyed)
    try:
        namespace, settings = call_key(function, articles.iloc[:0], **kwargs)
    except Unfingerprintable:
        return function(articles, **kwargs, **unkeyed)
    namespace = "rows" + namespace[len("call") :]
    keys = _article_row_keys(articles, settings, dependencies)
    cache = ParquetCache(cache_dir)
    stored = cache.get_many(namespace, [*dict.fromkeys(keys), _DTYPES_KEY])
    dtypes = stored.pop(_DTYPES_KEY, None)
    missing = [position for position, key in enumerate(keys) if key not in stored]
    if missing:
        computed = function(articles.iloc[missing], **kwargs, **unkeyed)
        columns = [c for c in computed.columns if c not in _ARTICLE_KEYS]
        # the rows as Python values once for the whole table (one interleave, not one per
        # article: 0.7 s of 3,500 small ones on a month of People's Daily), cut by the
        # positions of each article's rows, in their order
        values = computed[columns].values.tolist()
        groups = {
            (str(d), int(a)): positions
            for (d, a), positions in computed.groupby(list(_ARTICLE_KEYS), sort=False).indices.items()
        }
        fresh = {}
        if len(computed) and dtypes is None:  # an empty table's dtypes say nothing of filled ones
            dtypes = fresh[_DTYPES_KEY] = json.dumps({c: str(t) for c, t in computed.dtypes.items()})
        for position in missing:
            article = (str(articles["doc_id"].iat[position]), int(articles["article_no"].iat[position]))
            positions = groups.get(article, ())
            fresh.setdefault(keys[position], json.dumps([values[i] for i in positions]))
        cache.put_many(namespace, fresh)
        stored.update(fresh)
        if len(missing) == len(articles):
            return computed
    rows = []
    for doc_id, article_no, key in zip(articles["doc_id"], articles["article_no"], keys, strict=True):
        rows.extend([str(doc_id), int(article_no), *row] for row in json.loads(stored[key]))
    if not rows:  # the extractor's own empty table (its dtypes when nothing was found)
        return function(articles.iloc[:0], **kwargs, **unkeyed)
    if dtypes is None:  # pragma: no cover - rows without the dtypes written with them
        return function(articles, **kwargs, **unkeyed)
    types = json.loads(dtypes)
    columns = [c for c in types if c not in _ARTICLE_KEYS]
    frame = pd.DataFrame(rows, columns=[*_ARTICLE_KEYS, *columns])
    frame = frame.astype({c: types[c] for c in frame.columns})
    return frame.sort_values(
        [*_ARTICLE_KEYS, "start", "end"], ignore_index=True, kind="stable"
    )


# --------------------------------------------------------------------------- parts of a list

# Items per part on average: a one-item change recomputes about this many items; the parts'
# results are read and combined on every call.
PART_ITEMS = 64


def _part_ends(digests: list[bytes], average: int) -> list[int]:
    """Where the parts of a list end, chosen by content: after an item whose digest is 0 modulo
    ``average`` (and after ``4 * average`` items at most), so inserting, removing or editing one
    item changes the part that holds it and leaves the others as they were.

    >>> _part_ends([bytes([i]) * 32 for i in range(5)], 2)
    [1, 3, 5]
    """
    ends, length = [], 0
    for position, digest in enumerate(digests):
        length += 1
        if int.from_bytes(digest[:8], "big") % average == 0 or length >= 4 * average:
            ends.append(position + 1)
            length = 0
    if length:
        ends.append(len(digests))
    return ends


def cached_parts(
    cache_dir: str | os.PathLike | None,
    function: Callable,
    items: Sequence,
    *args,
    combine: Callable[[list], Any],
    average: int = PART_ITEMS,
    **kwargs,
):
    """``combine([function(part, *args, **kwargs) for part in parts])`` over parts of ``items``
    (a list), each part's result kept in ``cache_dir`` by content: a list with one new, edited or
    removed item computes ``function`` on one part and reads the others.

    For a ``function`` whose result over a list is ``combine`` of its results over consecutive
    parts of it, whatever the cut (counts, document frequencies: they add); the caller's tests
    check that on random cuts. The parts are chosen by the items' content (``_part_ends``), so
    they do not move when an item is added elsewhere. A part's key is the content of its items
    (``fingerprint``), ``args`` and ``kwargs`` (defaults filled in) and the code of ``function``'s
    module (``call_key``): nothing stale is ever combined. Without a folder, or with an argument
    ``fingerprint`` cannot read, ``combine([function(items, *args, **kwargs)])``. A ``function``
    with a ``cache_dir`` parameter is passed this folder (it is in no key).

    >>> from collections import Counter
    >>> from textkit.terms import quoted_phrases
    >>> add = lambda parts: sum(parts, Counter())
    >>> cached_parts(None, quoted_phrases, ["“四下基层”", "用好“四下基层”"], combine=add)
    Counter({'四下基层': 2})
    """
    items = list(items)

    def computed(parts: list[list]) -> list:
        return [function(part, *args, **kwargs) for part in parts]

    if cache_dir is None:
        return combine(computed([items]))
    if "cache_dir" in inspect.signature(function).parameters:
        # a part that keeps work of its own by content (segmentations) keeps it in this folder
        kwargs = {**kwargs, "cache_dir": cache_dir}
    try:
        namespace, settings = call_key(function, [], *args, **kwargs)
        digests = [hashlib.sha256(_fed(item)).digest() for item in items]
    except Unfingerprintable:
        return combine(computed([items]))
    namespace = "parts" + namespace[len("call") :]
    starts, keys = [0], []
    for end in _part_ends(digests, average):
        digest = hashlib.sha256(f"{settings}\0{end - starts[-1]}\0".encode())
        for item_digest in digests[starts[-1] : end]:
            digest.update(item_digest)
        keys.append(digest.hexdigest())
        starts.append(end)
    cache = ParquetCache(cache_dir)
    stored = cache.get_many(namespace, list(dict.fromkeys(keys)))
    bounds = dict(zip(keys, pairwise(starts), strict=True))  # equal parts: computed once
    missing = [key for key in bounds if key not in stored]
    results = dict(zip(missing, computed([items[slice(*bounds[key])] for key in missing]), strict=True))
    cache.put_many(namespace, {key: _pickled(result) for key, result in results.items()})
    return combine([results[key] if key in results else _unpickled(stored[key]) for key in keys])


def _pickled(value: Any) -> str:
    """A value as text for ``ParquetCache`` (its values are strings)."""
    import base64
    import pickle

    return base64.b64encode(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)).decode("ascii")


def _unpickled(text: str) -> Any:
    import base64
    import pickle

    return pickle.loads(base64.b64decode(text))
