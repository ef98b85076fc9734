"""Stage 6 — extract, shared part: the helpers of the three extractors.

Article tables in, tidy tables out (``_as_articles``, ``_iter_texts``, ``_table``), a sentence
context, leftmost-longest matching of a string set, the quantity units of
``data/quantity_units.tsv`` (formulations use them to tell 数十项行动 from a formulation), and the
plain jieba dictionary, reached through the tokenize stage's public ``Segmenter``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

import pandas as pd

from textkit._chars import HAN_RE
from textkit._jieba_dict import dictionary_frequencies
from textkit.datafiles import read_tsv

# Marks that end a clause: a quoted stretch containing one is a quotation, not a formulation.
_CLAUSE_MARKS = frozenset("，。！？；：!?;\n…")
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")


# --------------------------------------------------------------------------- articles in


def _as_articles(articles: pd.DataFrame | str) -> pd.DataFrame:
    """The article table, or a one-row table for a bare text (``doc_id="text"``, ``article_no=1``)."""
    if isinstance(articles, str):
        return pd.DataFrame({"doc_id": ["text"], "article_no": [1], "text": [articles]})
    missing = {"doc_id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(f"articles table lacks column(s) {sorted(missing)}")
    table = articles
    if "article_no" not in table.columns:
        table = table.assign(article_no=1)
    return table


def _iter_texts(articles: pd.DataFrame) -> Iterable[tuple[str, int, str]]:
    for doc_id, article_no, text in zip(
        articles["doc_id"], articles["article_no"], articles["text"], strict=True
    ):
        yield str(doc_id), int(article_no), text if isinstance(text, str) else ""


def _context(text: str, start: int, end: int, width: int) -> str:
    """Up to ``width`` characters either side of ``text[start:end]``, within its sentence."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    before = text[left:start]
    after = text[end:right]
    cut = [m.end() for m in _SENTENCE_END.finditer(before)]
    if cut:
        before = before[cut[-1] :]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[: stop.start() + (1 if after[stop.start()] != "\n" else 0)]
    return before + text[start:end] + after


def _table(rows: list[dict], columns: list[str], ints: Iterable[str] = ()) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("article_no", "start", "end", *ints):
        frame[column] = frame[column].astype("int64")
    return frame.sort_values(["doc_id", "article_no", "start", "end"], ignore_index=True, kind="stable")


def _han_run_before(text: str, end: int) -> int:
    start = end
    while start > 0 and HAN_RE.match(text[start - 1]):
        start -= 1
    return start


def _han_run_after(text: str, start: int) -> int:
    end = start
    while end < len(text) and HAN_RE.match(text[end]):
        end += 1
    return end


class _LongestMatch:
    """Leftmost-longest, non-overlapping matching of a fixed set of strings (two or more characters).

    Candidate positions are found through a two-character prefix index, which keeps matching at a
    few dictionary look-ups per character for a gazetteer of thousands of names.
    """

    def __init__(self, surfaces: Iterable[str]):
        self.surfaces = frozenset(s for s in surfaces if len(s) >= 2)
        lengths: dict[str, set[int]] = {}
        for surface in self.surfaces:
            lengths.setdefault(surface[:2], set()).add(len(surface))
        self.lengths = {prefix: sorted(ls, reverse=True) for prefix, ls in lengths.items()}
        firsts = "".join(sorted({s[0] for s in self.surfaces}))
        self._first = re.compile(f"[{re.escape(firsts)}]") if firsts else None

    def finditer(
        self, text: str, reject: Callable[[int, int, int], bool] | None = None
    ) -> Iterable[tuple[int, int]]:
        """``(start, end)`` of each match. ``reject(start, end, previous_end)``, when given, can
        refuse the longest match at a position (``previous_end``: the end of the match before,
        or -1); matching then goes on from the next character, so a name it hid is found."""
        if self._first is None:
            return
        position = 0
        previous_end = -1
        lengths = self.lengths
        surfaces = self.surfaces
        search = self._first.search
        while True:
            found = search(text, position)
            if found is None:
                return
            start = found.start()
            candidates = lengths.get(text[start : start + 2])
            position = start + 1
            if candidates:
                # at the end of the text a slice is shorter than asked: 南宁 is not 南宁市
                room = len(text) - start
                for length in candidates:
                    if length <= room and text[start : start + length] in surfaces:
                        if reject is None or not reject(start, start + length, previous_end):
                            yield start, start + length
                            position = previous_end = start + length
                        break


@cache
def _units() -> dict[str, str]:
    """Unit → kind, from ``data/quantity_units.tsv``."""
    return {row["unit"]: row["kind"] for row in read_tsv("quantity_units.tsv")}


@cache
def _unit_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(u) for u in sorted(_units(), key=len, reverse=True)))


def _unit_at(text: str, position: int) -> str:
    """The longest unit that starts at ``position``, or ``""``."""
    found = _unit_pattern().match(text, position)
    return found.group() if found else ""


@cache
def _plain_jieba():
    """jieba's default dictionary, without the campaign lexicon, in the tokenize stage's private
    ``jieba.Tokenizer`` (never jieba's global one); built once per process, quietly."""
    from textkit.tokenize import Segmenter

    return Segmenter(lexicon=None, engine="jieba").jieba_tokenizer


# Two-character words of jieba's default dictionary at least this frequent read as words around a
# name or a unit: 重大庆祝 is 重大 + 庆祝, not 大庆 (places); 27支队伍 is 支 + 队伍, not 支队 (claims).
STRADDLE_MIN_FREQ = 100


@cache
def _common_pairs() -> frozenset[str]:
    """Two-character words of jieba's default dictionary with frequency >= ``STRADDLE_MIN_FREQ``."""
    frequencies, _ = dictionary_frequencies()
    return frozenset(word for word, n in frequencies.items() if len(word) == 2 and n >= STRADDLE_MIN_FREQ)
