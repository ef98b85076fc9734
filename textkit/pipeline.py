"""The first stages in one call, for notebooks: load → normalize → split into articles.

>>> corpus = prepare_corpus("seeds")                  # doctest: +SKIP
>>> corpus.articles[["doc_id", "title"]].head()       # doctest: +SKIP
"""

from __future__ import annotations

import os
from typing import NamedTuple

import pandas as pd

from textkit.articles import article_report, split_articles
from textkit.corpus import load_corpus
from textkit.normalize import normalize_corpus
from textkit.tokenize import MemoryTokenCache, Tokenizer

__all__ = ["PreparedCorpus", "make_tokenizer", "prepare_corpus"]


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
) -> PreparedCorpus:
    """Load, normalize and split a folder of article files.

    Parameters are those of ``load_corpus`` (``pattern``, ``keep_duplicates``)
    and ``split_articles`` (``default_source``); ``progress`` shows a progress
    bar on stderr during normalization (for consoles, not notebooks);
    ``cache_dir`` is a folder for the on-disk cache (None: no cache).
    """
    if cache_dir is not None:
        raise NotImplementedError("the on-disk cache arrives with issue 7")
    documents, report = load_corpus(path, pattern=pattern, keep_duplicates=keep_duplicates)
    documents, audit = normalize_corpus(documents, progress=progress)
    articles = split_articles(documents, default_source=default_source)
    return PreparedCorpus(documents, report, audit, articles, article_report(documents, articles))


def make_tokenizer(cache_dir: str | os.PathLike | None = None) -> Tokenizer:
    """The notebooks' tokenizer: campaign lexicon, default filters, and a token cache.

    With ``cache_dir=None`` the cache lives in memory for this session only.
    """
    if cache_dir is not None:
        raise NotImplementedError("the on-disk token cache arrives with issue 7")
    return Tokenizer(cache=MemoryTokenCache())
