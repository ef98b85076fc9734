"""Fragments among policy-lexicon candidates: a term whose edge is, in most of its build-file
occurrences, part of a word that reaches outside the term (实调研 in 落实调研, 提升质 in 提升质量,
漠化治理 in 石漠化治理, 厅副厅长 in 科技厅副厅长).

Plain jieba (default dictionary, no lexicon, HMM off so that unknown names do not make words)
cuts every build file once; for each occurrence of a candidate we look at the word that covers
its first and its last character. A candidate is a fragment (``is_fragment``) when

- its first character belongs to a word that starts before it (落实|调研 for 实调研), or its last
  character to a word that ends after it (提升|质量 for 提升质), in at least ``EDGE_SHARE`` of its
  occurrences: the term's edge character belongs to the neighbouring word; or
- a word that starts before the term reaches into it (石漠化 of 石漠化治理 for 漠化治理, 心脑血管 of
  心脑血管疾病 for 脑血管疾病) in at least ``LEFT_SHARE`` of its occurrences; or
- it follows a digit in at least ``DIGIT_SHARE`` of its occurrences: it starts with the measure
  word of a number (24小时不间断 gives 小时不间断).

A word reaching out on the right of a term is counted only for the term's last character:
Chinese compounds put their head last, so a term is often followed by a head jieba has a word
for (应急管理|部 as 应急|管理部, 风力发电|机 as 风力|发电机) and stays a term. Reviewed exceptions,
where jieba's own cut is the error (以党|的政治建设 for 党的政治建设), are kept by
``tools/lexicon_keeps.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from textkit.tokenize import Segmenter

EDGE_SHARE = 0.5
LEFT_SHARE = 2 / 3
DIGIT_SHARE = 0.5
_DIGIT = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class EdgeStats:
    """How a term's occurrences sit among plain jieba's words (shares of ``n`` occurrences)."""

    n: int
    first_joined: float  # the term's first character is the end of a word starting outside
    last_joined: float  # the term's last character is the start of a word ending outside
    left_crossed: float  # a word starting outside reaches into the term
    after_digit: float  # the character before the term is a digit


class WordCuts:
    """Plain jieba's word boundaries over ``texts`` (each whitespace-separated chunk cut alone)."""

    def __init__(self, texts: list[str], plain: Segmenter | None = None) -> None:
        plain = plain or Segmenter(lexicon=None, hmm=False)
        chunks = [chunk for text in texts for chunk in text.split()]
        self.text = "\n".join(chunks)
        cuts: list[int] = []
        offset = 0
        for chunk in chunks:
            cuts.append(offset)
            for word in plain.segment(chunk):
                offset += len(word)
                cuts.append(offset)
            offset += 1  # the "\n" between chunks
        self.cuts = np.unique(np.asarray(cuts, dtype=np.int64))
        self._is_cut = np.zeros(len(self.text) + 1, dtype=bool)
        self._is_cut[self.cuts] = True

    def _word_at(self, position: int) -> tuple[int, int]:
        """The (start, end) of the word covering ``position``, which is not a cut."""
        index = int(np.searchsorted(self.cuts, position))
        return int(self.cuts[index - 1]), int(self.cuts[index])

    def stats(self, term: str) -> EdgeStats:
        """``EdgeStats`` of ``term`` over the texts.

        >>> cuts = WordCuts(["要抓好落实调研成果", "落实调研工作", "深入调研"])
        >>> cuts.stats("实调研")
        EdgeStats(n=2, first_joined=1.0, last_joined=0.0, left_crossed=1.0, after_digit=0.0)
        """
        n = first = last = left = digit = 0
        for match in re.finditer(re.escape(term), self.text):
            start, end = match.span()
            n += 1
            if not self._is_cut[start]:
                left += 1
                first += self._word_at(start)[1] == start + 1
            if not self._is_cut[end]:
                last += self._word_at(end)[0] == end - 1
            digit += start > 0 and bool(_DIGIT.match(self.text[start - 1]))
        if not n:
            return EdgeStats(0, 0.0, 0.0, 0.0, 0.0)
        return EdgeStats(n, first / n, last / n, left / n, digit / n)


def is_fragment(stats: EdgeStats) -> bool:
    """Whether a term with these ``EdgeStats`` is a fragment (see the module's docstring).

    >>> is_fragment(EdgeStats(8, 0.62, 0.0, 0.62, 0.0)), is_fragment(EdgeStats(9, 0.0, 0.0, 0.1, 0.0))
    (True, False)
    """
    return stats.n > 0 and (
        max(stats.first_joined, stats.last_joined) >= EDGE_SHARE
        or stats.left_crossed >= LEFT_SHARE
        or stats.after_digit >= DIGIT_SHARE
    )


def fragments(texts: list[str], terms: list[str], plain: Segmenter | None = None) -> dict[str, EdgeStats]:
    """The fragments among ``terms`` in ``texts``, with their ``EdgeStats``.

    >>> texts = ["抓好落实调研成果", "推动落实调研", "开展调查研究", "调查研究是传家宝"]
    >>> sorted(fragments(texts, ["实调研", "调查研究"]))
    ['实调研']
    """
    cuts = WordCuts(texts, plain)
    found = {}
    for term in terms:
        stats = cuts.stats(term)
        if is_fragment(stats):
            found[term] = stats
    return found


def drop_fragments(
    rows: dict[str, str], texts: list[str], keeps: set[str]
) -> tuple[dict[str, str], list[str]]:
    """``rows`` without its fragments in ``texts`` (see ``is_fragment``) except the reviewed
    ``keeps``, and the sorted list of the terms left out."""
    found = fragments(texts, sorted(rows))
    dropped = sorted(term for term in found if term not in keeps)
    return {term: source for term, source in rows.items() if term not in dropped}, dropped
