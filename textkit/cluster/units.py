"""Cluster stage, step 1: the units a corpus is clustered by (paragraphs or whole articles)."""

from __future__ import annotations

import pandas as pd

from textkit.features import Tokens, _as_tokens

__all__ = ["ARTICLE_KEYS", "UNIT_COLUMNS", "clustering_units", "paragraph_units", "units_with_words"]

ARTICLE_KEYS = ["doc_id", "article_no"]
UNIT_COLUMNS = ["doc_id", "article_no", "paragraph_no", "title", "text"]


def paragraph_units(articles: pd.DataFrame, min_chars: int = 30) -> pd.DataFrame:
    """One row per paragraph of each article, for clustering below the article level.

    Paragraphs are the lines of the normalized ``text`` (one paragraph per
    line). Lines shorter than ``min_chars`` non-space characters are headings,
    captions, bylines and datelines, not arguments; they do not become units.
    ``paragraph_no`` counts every non-empty line of the article from 1, so it
    points back into the text even when short lines were skipped.

    Returns the columns ``doc_id, article_no, paragraph_no, title, text``
    (``title`` is empty when ``articles`` has none), sorted.

    >>> articles = pd.DataFrame({"doc_id": ["a.txt"], "article_no": [1], "title": ["标题"],
    ...     "text": ["短标题\\n" + "树立和践行正确政绩观，" * 4]})
    >>> paragraph_units(articles)[["doc_id", "article_no", "paragraph_no"]].values.tolist()
    [['a.txt', 1, 2]]
    """
    missing = {"doc_id", "text"} - set(articles.columns)
    if missing:
        raise KeyError(f"articles needs the columns {sorted(missing)}")
    rows = []
    article_nos = articles["article_no"] if "article_no" in articles else pd.Series(1, index=articles.index)
    titles = articles["title"] if "title" in articles else pd.Series("", index=articles.index)
    for doc_id, article_no, title, text in zip(
        articles["doc_id"], article_nos, titles, articles["text"], strict=True
    ):
        lines = [line.strip() for line in str(text).split("\n")]
        for number, line in enumerate((line for line in lines if line), start=1):
            if sum(not ch.isspace() for ch in line) >= min_chars:
                rows.append((doc_id, int(article_no), number, "" if pd.isna(title) else str(title), line))
    units = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    return units.sort_values(["doc_id", "article_no", "paragraph_no"], ignore_index=True)


def clustering_units(
    articles: pd.DataFrame, unit: str = "auto", paragraphs_below: int = 500, min_chars: int = 30
) -> tuple[str, pd.DataFrame]:
    """``(unit, units)``: paragraphs or whole articles as the rows to cluster.

    ``unit="auto"`` takes paragraphs when there are fewer than
    ``paragraphs_below`` articles (a handful of articles gives too few units
    otherwise) and whole articles above (paragraphs of a large corpus are many
    and short, and articles are what a researcher compares).

    >>> clustering_units(pd.DataFrame({"doc_id": ["a"], "article_no": [1], "text": ["x" * 40]}))[0]
    'paragraph'
    """
    if unit == "auto":
        unit = "paragraph" if len(articles) < paragraphs_below else "article"
    if unit == "paragraph":
        return unit, paragraph_units(articles, min_chars=min_chars)
    if unit == "article":
        return unit, articles
    raise ValueError(f"unit must be 'paragraph', 'article' or 'auto', not {unit!r}")


def units_with_words(
    units: pd.DataFrame, tokens: Tokens
) -> tuple[pd.DataFrame, list[list[str]], pd.DataFrame]:
    """``(units, tokens, left_out)``: the units that kept at least one word, their tokens, and the rest.

    A unit whose text gives no token after segmentation and filtering (an
    English-only article in a Chinese corpus, a line of numbers) has nothing to
    compare: clustered, it would sit at the origin of the embedding, join some
    cluster (or form one) and could be named the article most devoted to it.
    Such units are left out; ``left_out`` holds their rows (same columns as
    ``units``) so that the prose can say how many and which
    (``textkit.narrate.topics.describe_left_out``). Both tables get a fresh
    0-based index, in the order of ``units``.

    >>> units = pd.DataFrame({"doc_id": ["a", "b"], "article_no": [1, 1], "text": ["政绩观", "English only"]})
    >>> kept, tokens, left_out = units_with_words(units, [["政绩观"], []])
    >>> kept.doc_id.tolist(), tokens, left_out.doc_id.tolist()
    (['a'], [['政绩观']], ['b'])
    """
    rows = _as_tokens(tokens)
    if len(rows) != len(units):
        raise ValueError(f"{len(rows)} token lists for {len(units)} units")
    has_words = [bool(row) for row in rows]
    keep = pd.Series(has_words, index=units.index, dtype=bool)
    kept = units.loc[keep].reset_index(drop=True)
    left_out = units.loc[~keep].reset_index(drop=True)
    return kept, [row for row, words in zip(rows, has_words, strict=True) if words], left_out
