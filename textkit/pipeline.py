"""Stages 1–3 in one call (corpus → normalize → articles), for notebooks.

>>> corpus = prepare_corpus("seeds")                  # doctest: +SKIP
>>> corpus.articles[["doc_id", "title"]].head()       # doctest: +SKIP

With a cache folder, normalizations (with their audit rows) and segmentations are kept on
disk, so a rerun only does the work for files that are new or changed:

>>> corpus = prepare_corpus("seeds", cache_dir=".cache/textkit")     # doctest: +SKIP
>>> tokenizer = make_tokenizer(".cache/textkit")                     # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial
from typing import NamedTuple

import pandas as pd

from textkit import normalize, tokenize
from textkit.articles import article_report, split_articles
from textkit.cache import ParquetCache
from textkit.corpus import load_corpus
from textkit.normalize import normalize_corpus
from textkit.parallel import warm_up_workers
from textkit.tokenize import POLICY_LEXICON, MemoryTokenCache, Segmenter, Tokenizer

__all__ = ["PreparedCorpus", "make_tokenizer", "prepare_corpus", "warm_worker"]


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
    ``textkit.cache.ParquetCache`` there (``None``: no disk cache); ``n_jobs``
    and ``backend`` parallelize normalization (see ``normalize_corpus``). The
    tables do not depend on any of these three. With ``n_jobs`` > 1 and the
    ``tokenizer`` you will use, the worker processes start, and build that
    tokenizer's dictionary, while the files are read, so that normalization and
    ``tokenizer.tokenize_corpus(corpus.articles, n_jobs)`` start at once: worth it
    on a new corpus, wasted CPU when the cache already holds everything.
    """
    if tokenizer is not None and n_jobs != 1 and backend is None:
        warm_up_workers(n_jobs, partial(warm_worker, tokenizer.segmenter))
    documents, report = load_corpus(path, pattern=pattern, keep_duplicates=keep_duplicates)
    cache = ParquetCache(cache_dir) if cache_dir is not None else None
    documents, audit = normalize_corpus(
        documents, progress=progress, n_jobs=n_jobs, backend=backend, cache=cache
    )
    articles = split_articles(documents, default_source=default_source)
    return PreparedCorpus(documents, report, audit, articles, article_report(documents, articles))


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
    ``Segmenter(policy_lexicon=POLICY_LEXICON)``: the campaign lexicon plus the 2,300-odd policy
    terms of ``textkit/data/policy_lexicon.txt``, so the notebooks count 党的创新理论 or
    生态文明建设 as one term; pass ``Segmenter()`` for the campaign lexicon alone) and
    ``options`` (``stopwords``, ``extra_stopwords``, ``keep``, ``drop_classes``,
    ``min_chars``) are passed to ``Tokenizer``. ``extra_terms`` are kept whole too, e.g. the
    corpus-adaptive terms ``textkit.terms.adaptive_terms(articles)["term"]`` (quoted phrases the
    corpus itself repeats); they are part of the segmenter's fingerprint, so the cache never
    mixes segmentations made with and without them. Default: none (the notebooks' counts do not
    depend on which articles are loaded; see the README).
    """
    cache = MemoryTokenCache() if cache_dir is None else ParquetCache(cache_dir)
    if segmenter is None:
        segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    if isinstance(extra_terms, str):
        raise TypeError("extra_terms is a list of terms: pass [term]")
    extra_terms = list(extra_terms)
    if extra_terms:
        segmenter = segmenter.with_terms(extra_terms)
    return Tokenizer(segmenter, cache=cache, **options)
