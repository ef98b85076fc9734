"""Reprints: the same story printed on several pages or by several outlets, counted once.

Byte-identical files are already skipped at load (``textkit.corpus``). Edited copies — a
credit line added, a title reworded, a few characters changed — are found here by MinHash
LSH (``datasketch``) on character shingles of the body text, and each candidate pair is
confirmed by its exact shingle Jaccard similarity, so LSH only decides what is compared.

>>> frame = pd.DataFrame({"date": ["2023-07-01"] * 3, "text": [
...     "成都大运会今天开幕，来自一百多个国家和地区的运动员齐聚蓉城。" * 3,
...     "成都大运会今天开幕，来自一百多个国家和地区的运动员齐聚蓉城。" * 3 + "（新华社）",
...     "防汛救灾工作有序推进，受灾群众得到妥善安置，道路正在抢修。" * 3]})
>>> near_duplicates(frame).group.tolist()
[0, 0, 1]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from textkit.timeline.series import parse_dates

__all__ = ["compare_counts", "near_duplicates", "reprint_summary", "stories"]

_NOT_WORD = re.compile(r"[\W_]+")
_MIX = np.uint64(0x9E3779B97F4A7C15)


def shingle_hashes(text: str, k: int = 5) -> np.ndarray:
    """Sorted distinct 32-bit hashes of the ``k``-character shingles of ``text``.

    Punctuation and spaces are removed first, so a changed comma or line break does not
    change the shingles. A text shorter than ``k`` is one shingle.
    """
    cleaned = _NOT_WORD.sub("", str(text))
    if not cleaned:
        return np.zeros(0, dtype=np.uint32)
    codes = np.frombuffer(cleaned.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    width = min(k, len(codes))
    hashes = np.zeros(len(codes) - width + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):
            hashes = hashes * np.uint64(1_000_003) + codes[offset : offset + len(hashes)]
        hashes = (hashes * _MIX) >> np.uint64(32)
    return np.unique(hashes.astype(np.uint32))


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or len(b) == 0:
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def near_duplicates(
    articles: pd.DataFrame,
    threshold: float = 0.5,
    shingle: int = 5,
    num_perm: int = 128,
    text_column: str = "text",
    seed: int = 1,
) -> pd.DataFrame:
    """A ``group`` per article: articles in one group are copies of one story.

    Two articles are copies when the Jaccard similarity of their sets of ``shingle``-
    character shingles (punctuation removed) is at least ``threshold``; groups are the
    connected components of that relation. Returned with the index of ``articles``:
    ``group`` (numbered 0, 1, … in order of each group's first row), ``group_size``,
    ``first`` (True for the story's earliest dated article, ties and undated by row
    order: the one kept when counting per story) and ``similarity`` (Jaccard to that
    first article; 1 for itself). An empty text is a story of its own.
    """
    from datasketch import MinHash, MinHashLSH

    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    texts = articles[text_column].fillna("").astype(str).tolist()
    hashes = [shingle_hashes(text, shingle) for text in texts]
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches: dict[int, MinHash] = {}
    # Every sketch uses the same permutations (drawn from ``seed``): drawn once, not per article.
    template = MinHash(num_perm=num_perm, seed=seed, hashfunc=int)
    for row, values in enumerate(hashes):
        if len(values) == 0:
            continue
        sketch = MinHash(
            num_perm=num_perm,
            seed=seed,
            hashfunc=int,
            permutations=template.permutations,
            scheme=template.scheme,
        )
        sketch.update_batch(values)
        sketches[row] = sketch
        lsh.insert(row, sketch, check_duplication=False)
    parent = list(range(len(texts)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for row, sketch in sketches.items():
        for other in lsh.query(sketch):
            if other > row and find(other) != find(row) and _jaccard(hashes[row], hashes[other]) >= threshold:
                parent[max(find(row), find(other))] = min(find(row), find(other))
    roots = np.array([find(row) for row in range(len(texts))])
    _, group = np.unique(roots, return_inverse=True)
    # np.unique numbers roots in sorted order; roots are each group's smallest row, so
    # the numbering follows each group's first row.
    result = pd.DataFrame({"group": group.astype(np.int64)}, index=articles.index)
    result["group_size"] = result.groupby("group").group.transform("size").astype(np.int64)
    dates = parse_dates(articles).to_numpy()
    order = pd.DataFrame({"group": group, "date": dates, "row": np.arange(len(texts))})
    order = order.sort_values(["group", "date", "row"], na_position="last", kind="stable")
    firsts = order.drop_duplicates("group").set_index("group").row
    first_row = firsts.reindex(group).to_numpy()
    result["first"] = first_row == np.arange(len(texts))
    result["similarity"] = [
        1.0 if row == first else round(_jaccard(hashes[row], hashes[first]), 3)
        for row, first in enumerate(first_row)
    ]
    return result


def reprint_summary(groups: pd.DataFrame) -> dict:
    """``articles, stories, folded`` (articles that are a reprint of an earlier one),
    ``reprinted`` (stories printed more than once) and ``largest`` (size of the largest group).
    """
    sizes = groups.groupby("group").size() if len(groups) else pd.Series(dtype=int)
    return {
        "articles": len(groups),
        "stories": len(sizes),
        "folded": int(len(groups) - len(sizes)),
        "reprinted": int((sizes > 1).sum()),
        "largest": int(sizes.max()) if len(sizes) else 0,
    }


def stories(articles: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """One article per story (each group's ``first``), to count per story rather than per article."""
    return articles[groups["first"].reindex(articles.index).to_numpy(dtype=bool)]


def compare_counts(per_article: pd.DataFrame, per_story: pd.DataFrame) -> pd.DataFrame:
    """Total occurrences of each term counted per article and per story (two ``term_series`` tables).

    Columns ``term, per_article, per_story, folded`` (occurrences that were reprints) and
    ``folded_share``; sorted by ``folded`` then term.
    """
    left = per_article.groupby("term", sort=False)["count"].sum().rename("per_article")
    right = per_story.groupby("term", sort=False)["count"].sum().rename("per_story")
    table = pd.concat([left, right], axis=1).fillna(0).astype(np.int64).rename_axis("term").reset_index()
    table["folded"] = table.per_article - table.per_story
    share = table.folded / table.per_article.where(table.per_article > 0)
    table["folded_share"] = share.round(3)
    return table.sort_values(["folded", "term"], ascending=[False, True], ignore_index=True)
