"""Stages 1–3 in one call (corpus → normalize → articles), and a cached topic fit, for notebooks.

>>> corpus = prepare_corpus("seeds")                  # doctest: +SKIP
>>> corpus.articles[["doc_id", "title"]].head()       # doctest: +SKIP

With a cache folder, normalizations (with their audit rows) and segmentations are kept on
disk, so a rerun only does the work for files that are new or changed:

>>> corpus = prepare_corpus("seeds", cache_dir=".cache/textkit")     # doctest: +SKIP
>>> tokenizer = make_tokenizer(".cache/textkit")                     # doctest: +SKIP

and ``fit_topics_cached`` keeps the fitted topics there, so notebooks 03 and 04 fit them once:

>>> model, table = fit_topics_cached(tokens, ".cache/textkit", random_state=0)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from contextlib import contextmanager, suppress
from functools import partial
from typing import NamedTuple

import pandas as pd

from textkit import normalize, tokenize
from textkit.articles import article_report, split_articles
from textkit.cache import ParquetCache, code_version
from textkit.corpus import corpus_fingerprint, load_corpus
from textkit.memo import KEY_ATTRIBUTE, cached_call, call_key
from textkit.normalize import normalize_corpus
from textkit.parallel import forks, release_workers, warm_up_workers
from textkit.tokenize import POLICY_LEXICON, MemoryTokenCache, Segmenter, Tokenizer

__all__ = [
    "PreparedCorpus",
    "RefitOutcome",
    "cached_call",
    "fit_topics_cached",
    "make_tokenizer",
    "prepare_corpus",
    "prepared_key",
    "refit_outcome",
    "topics_key",
    "warm_worker",
]

# What loading, normalizing and splitting depend on besides textkit's own code (see prepared_key).
_PREPARE_PACKAGES = ("charset-normalizer", "jieba", "numpy", "opencc", "pandas", "pyarrow", "pypinyin")
# What the topic fit depends on besides textkit's own code (see topics_key).
_TOPICS_PACKAGES = ("joblib", "numpy", "pandas", "scikit-learn", "scipy", "threadpoolctl")


class PreparedCorpus(NamedTuple):
    """The tables of the first stages; every input file is in ``report``."""

    documents: pd.DataFrame  # loaded files, with text_norm and script
    report: pd.DataFrame  # one row per file found: loaded or skipped, and why
    audit: pd.DataFrame  # one row per document and normalization step
    articles: pd.DataFrame  # one row per article
    article_report: pd.DataFrame  # one row per document: articles found, or why none


def prepare_corpus(
    path: str | os.PathLike,
    pattern: str = "**/*.txt",
    default_source: str | None = None,
    keep_duplicates: bool = False,
    progress: bool = False,
    cache_dir: str | os.PathLike | None = None,
    *,
    n_jobs: int = 1,
    backend: str | None = None,
    tokenizer: Tokenizer | None = None,
) -> PreparedCorpus:
    """Load, normalize and split a folder of article files.

    Parameters are those of ``load_corpus`` (``pattern``, ``keep_duplicates``)
    and ``split_articles`` (``default_source``); ``progress`` shows a progress
    bar on stderr during normalization (for consoles, not notebooks).
    ``cache_dir`` keeps normalizations (text, script and audit rows) in a
    ``textkit.cache.ParquetCache`` there (``None``: no disk cache), and the five tables
    under ``prepared_key`` (every file's bytes and the parameters): a later call on
    the same files reads them (notebooks 02-05 after 01), and a folder with one new
    file normalizes that file only; ``n_jobs``
    and ``backend`` parallelize normalization and splitting (see ``normalize_corpus``). The
    tables do not depend on any of these three. Each document's articles are kept there too
    (``split_articles``' cache), so the new file is the only one split again. With ``n_jobs`` > 1 and the
    ``tokenizer`` you will use, the worker processes start, and build that
    tokenizer's dictionary, while the files are read, so that normalization and
    ``tokenizer.tokenize_corpus(corpus.articles, n_jobs)`` start at once: worth it
    on a new corpus, wasted CPU when the cache already holds everything. Where workers fork
    (``textkit.parallel.forks``) forked workers read the files (``load_corpus``' ``n_jobs``) while
    this process loads the normalization tables (its ``meanwhile``), and it builds that dictionary
    while the forked workers normalize (``normalize_corpus``' ``meanwhile``): the workers
    normalization and tokenization fork find them built, and no core waits for them.
    """
    cache = ParquetCache(cache_dir) if cache_dir is not None else None
    if cache is not None:
        # The whole result, keyed by every file's bytes: notebooks 02-05 read what 01 prepared.
        namespace, key = prepared_key(path, pattern, default_source, keep_duplicates)
        found, stored = cache.get_pickle(namespace, key)
        if found:
            return PreparedCorpus(*stored)
    reading, meanwhile, load_jobs = None, None, 1
    if n_jobs != 1 and backend is None and forks(n_jobs):
        # forked workers read the files while this process loads the normalization tables, then the
        # forked normalization workers run while it builds the tokenizer's dictionary: what the next
        # stages' forked workers start with, built where a core is free (the workers reading the
        # files are done sooner than the tables; the dictionary fits beside normalization)
        load_jobs, reading = n_jobs, normalize.warm_worker
        if tokenizer is not None:
            meanwhile = partial(tokenize.warm_worker, tokenizer.segmenter)
    elif tokenizer is not None and n_jobs != 1 and backend is None:
        warm_up_workers(n_jobs, partial(warm_worker, tokenizer.segmenter))
    documents, report = load_corpus(
        path, pattern=pattern, keep_duplicates=keep_duplicates, n_jobs=load_jobs, meanwhile=reading
    )
    documents, audit = normalize_corpus(
        documents, progress=progress, n_jobs=n_jobs, backend=backend, cache=cache, meanwhile=meanwhile
    )
    articles = split_articles(
        documents, default_source=default_source, n_jobs=n_jobs, backend=backend, cache=cache
    )
    prepared = PreparedCorpus(documents, report, audit, articles, article_report(documents, articles))
    if cache is not None:
        cache.put_pickle(namespace, key, tuple(prepared))
    return prepared


def prepared_key(
    path: str | os.PathLike, pattern: str, default_source: str | None, keep_duplicates: bool
) -> tuple[str, str]:
    """``(namespace, key)`` under which ``prepare_corpus`` keeps its tables in a cache folder.

    The namespace is ``prepared-<code_version>``: the source of ``textkit.corpus``,
    ``textkit.normalize`` and ``textkit.articles`` and of every textkit module they import,
    the data files they read, and the versions of the packages they use. The key is
    ``corpus_fingerprint(path, pattern)`` (the folder as named, every file's path and bytes,
    the files and folders it skips) and the parameters, so any edited, added, removed or
    renamed file, or another parameter, is a miss.
    """
    version = code_version(
        "textkit.corpus", "textkit.normalize", "textkit.articles", packages=_PREPARE_PACKAGES
    )
    digest = hashlib.sha256(corpus_fingerprint(path, pattern).encode())
    digest.update(f"\0{default_source!r}\0{bool(keep_duplicates)!r}".encode())
    return f"prepared-{version}", digest.hexdigest()


def warm_worker(segmenter: Segmenter) -> None:
    """Get a worker ready for both parallel stages: normalization tables and jieba dictionary."""
    normalize.warm_worker()
    tokenize.warm_worker(segmenter)


def make_tokenizer(
    cache_dir: str | os.PathLike | None = None,
    *,
    segmenter: Segmenter | None = None,
    extra_terms: Iterable[str] = (),
    **options,
) -> Tokenizer:
    """The notebooks' tokenizer: campaign and policy lexicons, default filters, and a token cache.

    With ``cache_dir=None`` the cache lives in memory for this session only; with a folder,
    segmentations are kept there (``textkit.cache.ParquetCache``) across sessions, keyed by
    the text and the segmenter's fingerprint. ``segmenter`` (default
    ``Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)``: the campaign lexicon plus some
    3,600 policy terms of ``textkit/data/policy_lexicon.txt``, so the notebooks count 党的创新理论
    or 生态文明建设 as one term, and coordinated four-character forms the dictionary does not
    explain joined (应投尽投, 敢拼敢赢: ``textkit.tokenize._shapes``); pass ``Segmenter()`` for
    the campaign lexicon alone, ``Segmenter(policy_lexicon=POLICY_LEXICON)`` without the forms) and
    ``options`` (``stopwords``, ``extra_stopwords``, ``keep``, ``drop_classes``,
    ``min_chars``) are passed to ``Tokenizer``. ``extra_terms`` are kept whole too, e.g. the
    corpus-adaptive terms ``textkit.terms.adaptive_terms(articles)["term"]`` (quoted phrases the
    corpus itself repeats); they are part of the segmenter's fingerprint, so the cache never
    mixes segmentations made with and without them. Default: none (the notebooks' counts do not
    depend on which articles are loaded; see the README).
    """
    cache = MemoryTokenCache() if cache_dir is None else ParquetCache(cache_dir)
    if segmenter is None:
        segmenter = Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)
    if isinstance(extra_terms, str):
        raise TypeError("extra_terms is a list of terms: pass [term]")
    extra_terms = list(extra_terms)
    if extra_terms:
        segmenter = segmenter.with_terms(extra_terms)
    return Tokenizer(segmenter, cache=cache, **options)


def topics_key(tokens: Sequence[Sequence[str]], **params) -> tuple[str, str]:
    """``(namespace, key)`` under which ``fit_topics(tokens, **params)`` is cached.

    The namespace is ``topics-<code_version>``: the source of ``textkit.cluster`` and of every
    textkit module it imports (``textkit.features`` …), the data files they read
    (``filler_words.txt``) and the versions of scikit-learn, NumPy, SciPy, pandas, joblib and
    threadpoolctl. The key is ``textkit.memo.call_key``'s: every token of every unit, in order, and
    every parameter of ``fit_topics`` with its defaults filled in (``n_jobs`` aside: the result does
    not depend on it), so a changed token, parameter, default or line of code is a miss.

    >>> topics_key([["政绩观", "主题教育"]], k=2) != topics_key([["政绩观", "主题教育"]], k=3)
    True
    """
    from textkit.cluster import fit_topics  # scikit-learn: imported when topics are fitted

    _, key = call_key(fit_topics, tokens, **params)  # the content key of every cached call
    return "topics-" + code_version("textkit.cluster", packages=_TOPICS_PACKAGES), key


def fit_topics_cached(tokens: Sequence[Sequence[str]], cache_dir: str | os.PathLike | None = None, **params):
    """``textkit.cluster.fit_topics(tokens, **params)``, kept in ``cache_dir`` by content.

    With a folder, the fitted model and the table of the choice of k are stored there
    (pickled, one checked file per fit, ``ParquetCache.put_blob``) under ``topics_key``; a
    later call with the same tokens, parameters and code (notebook 04 after 03, or any rerun)
    loads them instead of fitting again and returns the same labels, table and matrices.
    ``None``: no cache, the same as ``fit_topics``. The folder is trusted: it holds pickles
    this function wrote (use one you own).

    One fit at a time per folder (``_one_fit_at_a_time``): a call that misses while another
    process fits topics with the same folder waits for it and looks again, so notebooks run side
    by side never fit the same topics twice (04 after 03), and a search on the same units with
    other choices (05) finds the embedding and the measurements of k that fit stored.
    """
    from textkit.cluster import fit_topics  # scikit-learn: imported when topics are fitted

    if cache_dir is None:
        return fit_topics(tokens, **params)
    from textkit.cluster._cache import SpaceLoader, SpaceMissing, space_references

    cache = ParquetCache(cache_dir)
    namespace, key = topics_key(tokens, **params)

    def stored() -> tuple[bool, object]:
        # the model's matrix, SVD and embedding are read from the space blob it refers to; without
        # that blob (pruned) the fit is a miss
        try:
            return cache.get_pickle(namespace, key, persistent_load=SpaceLoader(cache_dir))
        except SpaceMissing:
            return False, None

    found, result = stored()
    if not found:
        with _one_fit_at_a_time(cache_dir):
            found, result = stored()  # stored while this one waited?
            if not found:
                # The tokenizer's idle workers hold jieba's dictionary (about 150 MB each): the k
                # search starts lean ones instead, and none stay idle beside the fitted matrices.
                release_workers()
                _give_back_memory()
                # The folder also keeps the embedding and each k's search fits (fit_topics'
                # cache_dir): a search with other ks or another min_stability on the same units
                # reuses them.
                result = fit_topics(tokens, **params, cache_dir=cache_dir)
                release_workers()
                cache.put_pickle(namespace, key, result, persistent_id=space_references(result[0]))
    if result[0] is not None:
        # what it was made from: cached calls that take the model are keyed by it (textkit.memo)
        setattr(result[0], KEY_ATTRIBUTE, f"{namespace}/{key}")
    return result


@contextmanager
def _one_fit_at_a_time(cache_dir: str | os.PathLike):
    """Hold the folder's topics lock (``.topics.lock``, ``flock``), waiting while another process
    holds it; released when the block ends or the process dies. No lock where the OS has no
    ``flock`` or the folder cannot be written (a fit may then be done twice, with the same result)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        os.makedirs(cache_dir, exist_ok=True)
        handle = open(os.path.join(cache_dir, ".topics.lock"), "a+b")  # noqa: SIM115 - closed below
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _give_back_memory() -> None:
    """Collect garbage and hand freed heap pages back to the OS (glibc keeps them otherwise), so a
    kernel that dropped the loading tables does not carry their pages through the fit."""
    import ctypes
    import gc

    gc.collect()
    with suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class RefitOutcome(NamedTuple):
    """What notebook 03 compares of a second fit: its labels and cluster stabilities."""

    labels_: object  # numpy array, one cluster per unit
    cluster_stability_: pd.Series


def refit_outcome(model, tokens: Sequence[Sequence[str]], n_jobs: int = 1) -> RefitOutcome | None:
    """Labels and stabilities of ``textkit.cluster.refit(model, tokens)``, an independent second fit.

    The refitted model itself (its matrices are as large as the model's) is let go at once:
    ``describe_reproducibility`` reads only these two, and they are small enough to cache
    (``cached_call(cache_dir, refit_outcome, model, tokens)``, keyed by the model's own key). ``n_jobs``
    threads share the SVD's products (``refit``); the outcome does not depend on it.
    """
    from textkit.cluster import refit

    again = refit(model, tokens, n_jobs=n_jobs)
    if again is None:
        return None
    return RefitOutcome(again.labels_, again.cluster_stability_)
