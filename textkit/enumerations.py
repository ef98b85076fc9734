"""Parallel enumerations: official discourse coins its terms in lists whose items share a fixed
part at the same position (学史明理、学史增信、学史崇德、学史力行; 科学立法、民主立法、依法立法;
国土不可分、国家不可乱、民族不可散、文明不可断). A list that the press writes again in another
article, item for item, is evidence that each item is a term, even where the tokenizer cuts it.

``parallel_lists`` finds the lists in segmented texts: runs of at least ``MIN_ITEMS`` items of
the same length (``MIN_LEN`` to ``MAX_LEN`` Han characters) joined by 、，；和 与 及, every item
with the same characters at the same positions, at least ``MIN_FIXED`` of them (the fixed part:
学史__, __立法, __不可_; one shared character is mostly a suffix: 系统性、整体性、协同性), and
different characters elsewhere. The first item may end a longer clause (做到|学史明理) and the
last may begin one (学史力行|，), cut there by the segmenter. A mirrored pair is a list too: two
units in both orders before a shared suffix (产业生态化和生态产业化; 数字产业化、产业数字化).
``parallel_terms`` keeps the items of the lists that recur: an item with two of the same siblings
(a mirrored item with its mirror) in at least ``min_articles`` articles (the press repeats a
formula, not an ad hoc list), cut by the segmenter, with a term's shape (``shape_flaw`` of
``textkit.cohesion``: no clause word, numeral or lexicon term as a token, no stopword at an edge
unless the rest owns it), naming no place, and not a free phrase (``phrase_flaw``: 提高质量、
提高效率 share a verb; 内生动力持续增强 is a clause).

Measured on the 4,666 build files of People's Daily (``tools/lexicon_parallel.py``): 952 items
recur in 2 or more files, 313 pass the shape tests (4 of them mirrored pairs), and a reading kept
192 of them (rejects with reasons in ``tools/lexicon_parallel_rejects.txt``); 175 of them are new
policy-lexicon entries.

>>> lists = parallel_lists([["做到", "学史", "明理", "、", "学史", "增信", "、", "学史", "崇德", "。"]])
>>> [(item.items, item.fixed) for item in lists]
[(('学史明理', '学史增信', '学史崇德'), '学史__')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

__all__ = ["PARALLEL_COLUMNS", "ParallelList", "parallel_lists", "parallel_terms"]

MIN_ITEMS = 3
MIN_LEN = 3
MAX_LEN = 8
MIN_FIXED = 2
MIRROR_MIN_LEN = 5
JOINERS = frozenset({"、", "，", "；", "和", "与", "及", "以及"})
PARALLEL_COLUMNS = ["term", "articles", "fixed", "segmented", "list", "why"]
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


@dataclass(frozen=True)
class ParallelList:
    """One list found in one text: its items, their cuts (tokens joined by spaces) and the fixed
    part (the shared characters, ``_`` where the items differ)."""

    doc: int
    items: tuple[str, ...]
    cuts: tuple[str, ...]
    fixed: str


def _chains(tokens: Sequence[str]) -> list[list[list[str]]]:
    """The runs of Han segments joined by ``JOINERS`` (each segment a list of tokens)."""
    chains, segments = [], [[]]
    for token in [*tokens, "\n"]:
        if token in JOINERS:
            segments.append([])
        elif _HAN.fullmatch(token):
            segments[-1].append(token)
        else:
            if len([s for s in segments if s]) >= 2:
                chains.append(segments)
            segments = [[]]
    return chains


def _fixed(items: Sequence[str]) -> str:
    return "".join(chars[0] if len(set(chars)) == 1 else "_" for chars in zip(*items, strict=True))


def _tail(segment: list[str], size: int) -> list[str] | None:
    """The last tokens of ``segment`` that make ``size`` characters, if a token boundary is there."""
    at = 0
    for index in range(len(segment) - 1, -1, -1):
        at += len(segment[index])
        if at == size:
            return segment[index:]
        if at > size:
            return None
    return None


def _head(segment: list[str], size: int) -> list[str] | None:
    tail = _tail(segment[::-1], size)
    return None if tail is None else tail[::-1]


def _lists_of_length(chain: list[list[str]], size: int, doc: int) -> list[ParallelList]:
    found = []
    index = 0
    while index < len(chain):
        end = index
        while end < len(chain) and len("".join(chain[end])) == size:
            end += 1
        if end == index:
            index += 1
            continue
        core = chain[index:end]
        first = _tail(chain[index - 1], size) if index > 0 else None
        last = _head(chain[end], size) if end < len(chain) else None
        items = _with_edges(core, first, last)
        if items is not None:
            strings = tuple("".join(item) for item in items)
            found.append(ParallelList(doc, strings, tuple(" ".join(i) for i in items), _fixed(strings)))
        index = end
    return found


def _with_edges(core, first, last) -> list[list[str]] | None:
    """The longest list of ``core`` and the edge items that keep a fixed part, or ``None``."""
    options = [[first, *core, last], [first, *core], [*core, last], core]
    for option in options:
        items = [item for item in option if item is not None]
        if len(items) != len(option) or len(items) < MIN_ITEMS:
            continue
        strings = ["".join(item) for item in items]
        fixed = _fixed(strings)
        shared = len(fixed) - fixed.count("_")
        if "_" in fixed and shared >= MIN_FIXED and len(set(strings)) == len(strings):
            return items
    return None


def mirrored(first: str, second: str) -> bool:
    """Whether two items are one pair of units in both orders before a shared suffix of one or two
    characters, each unit of two characters or more (产业生态化、生态产业化).

    >>> mirrored("产业生态化", "生态产业化"), mirrored("产业生态化", "产业数字化")
    (True, False)
    """
    size = len(first)
    if size != len(second) or first == second:
        return False
    for suffix in (1, 2):
        body = size - suffix
        if first[body:] != second[body:]:
            continue
        if any(second[:body] == first[at:body] + first[:at] for at in range(2, body - 1)):
            return True
    return False


def _mirrors(chain: list[list[str]], doc: int) -> list[ParallelList]:
    """Mirrored pairs (``mirrored``) of neighbouring items of a chain: the first may end a longer
    clause and the second begin one."""
    found = []
    for index in range(len(chain) - 1):
        for size in range(MIRROR_MIN_LEN, MAX_LEN + 1):
            first, second = _tail(chain[index], size), _head(chain[index + 1], size)
            if first and second and mirrored("".join(first), "".join(second)):
                items = ("".join(first), "".join(second))
                found.append(ParallelList(doc, items, (" ".join(first), " ".join(second)), _fixed(items)))
    return found


def parallel_lists(tokenized: Sequence[Sequence[str]]) -> list[ParallelList]:
    """Every parallel list (see the module's docstring) of the segmented texts, in text order, and
    the mirrored pairs (``mirrored``: 数字产业化、产业数字化) as lists of two items."""
    found = []
    for doc, tokens in enumerate(tokenized):
        for chain in _chains(tokens):
            for size in range(MIN_LEN, MAX_LEN + 1):
                found.extend(_lists_of_length(chain, size, doc))
            found.extend(_mirrors(chain, doc))
    return found


def recurring_items(
    lists: Sequence[ParallelList], min_articles: int = 2
) -> dict[str, tuple[int, ParallelList]]:
    """The items found with the same two siblings (the same mirror, for a mirrored pair) in at
    least ``min_articles`` texts: item -> (those texts, the first such list).

    >>> a = ParallelList(0, ("科学立法", "民主立法", "依法立法"), ("科学 立法",) * 3, "__立法")
    >>> b = ParallelList(1, ("科学立法", "民主立法", "依法立法", "增强立法"), ("科学 立法",) * 4, "__立法")
    >>> sorted(recurring_items([a, b]))
    ['依法立法', '民主立法', '科学立法']
    """
    docs: dict[tuple[str, ...], set[int]] = defaultdict(set)
    first: dict[tuple[str, ...], ParallelList] = {}
    for found in lists:
        for item in set(found.items):
            others = sorted(set(found.items) - {item})
            for pair in combinations(others, min(2, len(others))):
                key = (item, *pair)
                docs[key].add(found.doc)
                first.setdefault(key, found)
    out: dict[str, tuple[int, ParallelList]] = {}
    for key, where in docs.items():
        if len(where) >= min_articles and len(where) > out.get(key[0], (0, None))[0]:
            out[key[0]] = (len(where), first[key])
    return out


# A fixed word first that jieba tags as a verb, adverb, preposition … (``cohesion.NOT_FIRST``:
# 坚持__, 更加__, 推动__), or a verb first before a fixed part (收集数据、运用数据; 把握人民愿望、
# 反映人民愿望), makes free phrases (提高质量、提高效率) unless the list's items are at least
# OWN_MIN of the fixed part's occurrences in the texts (绝对忠诚、绝对纯洁、绝对可靠: 0.24 of 绝对;
# 坚持人民至上 …: 0.04 of 坚持).
OWN_MIN = 0.2
_CLAUSE_MIDDLE = frozenset({"d", "ad", "vd", "p", "c"})


def _adverb_verb(cut: Sequence[str]) -> bool:
    from textkit.cohesion import _tag

    return len(cut) == 2 and _tag(cut[0], True) in ("d", "ad") and _tag(cut[1], False) == "v"


def phrase_flaw(cut: Sequence[str], fixed: str, owned: float) -> str | None:
    """Why a list item is a free phrase or a clause, or ``None`` (see ``OWN_MIN``); an adverb and
    a verb (亲自|部署) are judged by the list (``parallel_terms``): 绝对|可靠 stands with 绝对|忠诚.

    >>> phrase_flaw(["提高", "质量"], "提高__", 0.01), phrase_flaw(["绝对", "忠诚"], "绝对__", 0.24)
    ('a free 提高 (v) before varied words', None)
    >>> phrase_flaw(["内生", "动力", "持续", "增强"], "____持续__", 0.0)
    'a clause: 持续 (vd) inside'
    """
    from textkit.cohesion import NOT_FIRST, _tag

    first = _tag(cut[0], True)
    if first in ("p", "c", "u", "r", "m", "q"):
        return f"a phrase: {cut[0]} ({first}) first"
    for token in cut[1:-1]:
        if _tag(token, True) in _CLAUSE_MIDDLE:
            return f"a clause: {token} ({_tag(token, True)}) inside"
    if owned >= OWN_MIN:
        return None
    if not fixed.startswith("_") and first in NOT_FIRST:
        return f"a free {cut[0]} ({first}) before varied words"
    if fixed.startswith("_") and first == "v":
        return f"verbs ({cut[0]}) on a shared {fixed.strip('_')}"
    return None


def _owned(found: ParallelList, text: str) -> float:
    """The list's items' occurrences in ``text`` over those of its fixed part's first block."""
    block = re.search(r"[^_]+", found.fixed).group(0)
    total = text.count(block)
    return sum(text.count(item) for item in found.items) / total if total else 0.0


def parallel_terms(
    tokenized: Sequence[Sequence[str]],
    *,
    min_articles: int = 2,
    stopwords: frozenset[str] | None = None,
    lexicon: frozenset[str] | None = None,
) -> pd.DataFrame:
    """The items of recurring parallel lists that have a term's shape, with ``PARALLEL_COLUMNS``:
    ``term``, ``articles`` (texts with the item and two of the same siblings), ``fixed``,
    ``segmented`` (the cut of its first list), ``list`` (that list, joined by 、) and ``why``;
    most articles first. ``lexicon``: terms that must not be swallowed as a token of the item's
    cut (default: the campaign lexicon's); no campaign term may be inside an item either. Left
    out: items cut as one token, with a flaw of ``textkit.cohesion.shape_flaw`` (clause word,
    stopword, numeral, title …), naming a place, or with a flaw of ``phrase_flaw``.

    >>> text = ["要", "坚持", "科学", "立法", "、", "民主", "立法", "、", "依法", "立法", "。"]
    >>> parallel_terms([text, text], stopwords=frozenset())["term"].tolist()
    ['依法立法', '民主立法', '科学立法']
    """
    from textkit.cohesion import _campaign_terms, _has_place, shape_flaw
    from textkit.tokenize import default_stopwords

    stopwords = default_stopwords() if stopwords is None else stopwords
    campaign = _campaign_terms()
    lexicon = campaign if lexicon is None else lexicon
    joined = "\n".join("".join(tokens) for tokens in tokenized)
    rows = []
    for term, (articles, found) in recurring_items(parallel_lists(tokenized), min_articles).items():
        cut = found.cuts[found.items.index(term)].split()
        if len(cut) < 2 or any(inner in term for inner in campaign if inner != term):
            continue
        edge = cut[0] if cut[0] in stopwords else cut[-1]
        rest = term[len(edge) :] if edge == cut[0] else term[: -len(edge)]
        owns_edge = joined.count(term) / max(joined.count(rest), 1)  # 国土不可|分: 分 a stopword
        flaw = shape_flaw(
            cut, stopwords, first_bound=1.0, last_bound=1.0, lexicon=lexicon, rest_bound=owns_edge
        )
        if flaw and flaw.startswith("an adverb and a verb"):
            cuts = [item.split() for item in found.cuts]
            flaw = flaw if 2 * sum(map(_adverb_verb, cuts)) > len(cuts) else None  # 绝对|可靠 with 绝对|忠诚
        if flaw is None and _has_place(term):
            flaw = "a place"
        if flaw is None:
            flaw = phrase_flaw(cut, found.fixed, _owned(found, joined))
        if flaw is not None:
            continue
        listed = "、".join(found.items)
        why = f"an item of the list {listed} (fixed part {found.fixed}) in {articles} articles; "
        why += f"cut as {'|'.join(cut)}"
        rows.append((term, articles, found.fixed, " ".join(cut), listed, why))
    frame = pd.DataFrame(rows, columns=PARALLEL_COLUMNS)
    return frame.sort_values(["articles", "term"], ascending=[False, True], ignore_index=True)
