"""Five classes of policy-lexicon candidates, each taken whole from the build files and reviewed
whole (``tools/build_lexicon.py`` adds every member not listed in ``tools/lexicon_rejects.txt``).

- ``quoted_twice``: phrases the press quotes in exactly two build files (one fewer than the
  ``--min-docs`` of the quoted source) that it also writes, quoted or not, in at least
  ``QUOTED_TWICE_MIN_DOCS`` build files, with the shape ``textkit.terms.adaptive_terms`` asks of
  a corpus-adaptive term (Han only, 3 to 12 characters, no speech character or clause word, no
  stopword at either end, cut by plain jieba);
- ``long_ngrams``: cohesive n-grams of 7 to 10 characters in at least ``LONG_MIN_DOCS`` build
  files (the ``suggest_terms`` table's, three words or more);
- ``coordinate_compounds``, ``coordinate_ngrams``: one-character abbreviations joined by a head such as
  融合 (产教融合), from the ``suggest_terms`` table or straight from the text (two abbreviations);
- ``parallel_clauses``: clauses of 5 or 6 characters of recurring parallel pairs (共抓大保护、不搞大开发);
- ``slogan_items``: three-character items of parallel lists of three-character items
  (稳增长、扩内需、调结构 …), one character then a two-character word as plain jieba cuts them,
  found as such a list item in at least ``SLOGAN_MIN_DOCS`` build files.

The review criterion for each class is written at the head of its section in
``tools/lexicon_rejects.txt``; every member of each class was read.
"""

from __future__ import annotations

import re
from collections import defaultdict

from textkit.terms import adaptive_terms
from textkit.tokenize import Segmenter

QUOTED_TWICE_MIN_DOCS = 5
SLOGAN_MIN_DOCS = 3
_LIST_RUN = re.compile(r"[^\u4e00-\u9fd5、]+")


def quoted_twice(texts: list[str], plain: Segmenter, doc_frequencies) -> dict[str, int]:
    """Phrases quoted in exactly two of ``texts`` and found in at least ``QUOTED_TWICE_MIN_DOCS``
    of them, with the number of texts each is found in (``doc_frequencies(texts, terms)``).

    >>> from textkit.tokenize import Segmenter
    >>> texts = ["推行“智改数转”", "“智改数转”见效", "智改数转", "智改数转", "做好智改数转"]
    >>> quoted_twice(texts, Segmenter(lexicon=None), lambda texts, terms: {"智改数转": 5})
    {'智改数转': 5}
    """
    table = adaptive_terms(texts, min_articles=2, segmenter=plain)
    twice = table.loc[table["articles"] == 2, "term"].tolist()
    docs = doc_frequencies(texts, twice)
    return {term: docs[term] for term in twice if docs.get(term, 0) >= QUOTED_TWICE_MIN_DOCS}


def _cuts(plain: Segmenter, text: str) -> set[int]:
    cuts, at = set(), 0
    for word in plain.segment(text):
        at += len(word)
        cuts.add(at)
    return cuts


def slogan_items(texts: list[str], plain: Segmenter) -> dict[str, int]:
    """Three-character items of lists of three-character items in ``texts`` (see
    ``SLOGAN_MIN_DOCS``) and in how many texts each is found as such an item.

    A list is a run of at least three items joined by 、 whose middle items all have three
    characters; the first item gives its last three characters and the last item its first
    three when plain jieba cuts there (稳物价等 gives 稳物价). An item must be one character then
    a two-character word as plain jieba cuts it (稳|就业; 云计算 is 云|计算).

    >>> from textkit.tokenize import Segmenter
    >>> slogan_items(["要稳增长、扩内需、调结构等", "稳增长、扩内需、调结构"] * 2, Segmenter(lexicon=None))
    {'扩内需': 4, '稳增长': 4, '调结构': 4}
    """
    found: dict[str, set[int]] = defaultdict(set)
    for index, text in enumerate(texts):
        for run in _LIST_RUN.split(text):
            parts = run.split("、")
            middle = parts[1:-1]
            if len(parts) < 3 or not middle or any(len(part) != 3 for part in middle):
                continue
            items = list(middle)
            first, last = parts[0], parts[-1]
            if len(first) == 3 or (len(first) > 3 and len(first) - 3 in _cuts(plain, first)):
                items.append(first[-3:])
            if len(last) == 3 or (len(last) > 3 and 3 in _cuts(plain, last)):
                items.append(last[:3])
            for item in items:
                if [len(word) for word in plain.segment(item)] == [1, 2]:
                    found[item].add(index)
    return {item: len(docs) for item, docs in sorted(found.items()) if len(docs) >= SLOGAN_MIN_DOCS}


# Long cohesive n-grams (``long_ngrams``): 7 to 10 characters, PMI >= 7, free on both sides
# (branching entropy >= 1.5 bits), in at least LONG_MIN_DOCS build files, three or more words as
# plain jieba cuts them; the class is read whole.
LONG_MIN_DOCS = 20
LONG_MIN_PMI = 7.0
LONG_MIN_ENTROPY = 1.5


def long_ngrams(table) -> dict[str, int]:
    """The long cohesive n-grams of a ``suggest_terms`` table (see ``LONG_MIN_DOCS``) and their
    numbers of files."""
    entropy = table[["left_entropy", "right_entropy"]].min(axis=1)
    pool = table[
        (table["source"] != "quote")
        & table["term"].str.len().between(7, 10)
        & (table["pmi"] >= LONG_MIN_PMI)
        & (table["docfreq"] >= LONG_MIN_DOCS)
        & (entropy >= LONG_MIN_ENTROPY)
        & (table["segmented"].str.split().str.len() >= 3)
    ]
    return dict(zip(pool["term"], pool["docfreq"].astype(int), strict=True))


# Coordinate compounds (``coordinate_compounds``): two or three one-character abbreviations then
# a head of joining (产教融合, 医养结合, 农文旅融合, 多措并举): an n-gram of the ``suggest_terms``
# table in at least COORDINATE_MIN_DOCS build files whose head is one of COORDINATE_HEADS and
# whose prefix has no function character and no word of jieba's dictionary (产教 is none; 城乡,
# 深度 are words: 城乡融合, 深度融合 are phrases jieba already cuts well); the class is read whole.
COORDINATE_HEADS = (
    "融合", "结合", "联动", "协同", "互补", "并重", "并举", "共治", "互促", "共建", "共享", "共生",
    "互融", "一体化",
)  # fmt: skip
COORDINATE_MIN_DOCS = 3
_FUNCTION_CHARS = frozenset(
    "的和与了在是等相为将也要及或并而同跟把被从对向于以之其这那此各每有无不没很更最都就还又再才已"
)


def coordinate_compounds(table, dictionary: dict[str, int]) -> dict[str, int]:
    """The coordinate compounds of a ``suggest_terms`` table (see ``COORDINATE_HEADS``) and their
    numbers of files; ``dictionary`` is jieba's word frequencies (``FREQ``).

    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["产教融合", "城乡融合", "的新融合"], "docfreq": [20, 29, 5]})
    >>> coordinate_compounds(table, {"城乡": 100, "融合": 100})
    {'产教融合': 20}
    """
    found = {}
    for term, docs in zip(table["term"], table["docfreq"].astype(int), strict=True):
        head = next((head for head in COORDINATE_HEADS if term.endswith(head)), None)
        prefix = term[: -len(head)] if head else ""
        if not 2 <= len(prefix) <= 3 or docs < COORDINATE_MIN_DOCS or _FUNCTION_CHARS.intersection(prefix):
            continue
        pieces = (prefix[i:j] for i in range(len(prefix)) for j in range(i + 2, len(prefix) + 1))
        if not any(dictionary.get(piece) for piece in pieces):
            found[term] = docs
    return found


# Parallel slogan clauses (``parallel_clauses``): two clauses of PARALLEL_LENGTHS characters, of
# equal length, with the same character in at least one position (共抓大保护、不搞大开发: 大;
# 心往一处想，劲往一处使), joined by 、，or ；with nothing else in the run, written as that pair in
# at least PARALLEL_MIN_DOCS build files, no 的 inside; each clause is a candidate. Four-character
# pairs are left to the set phrases (most are a shared head: 思想方法、工作方法); the class is
# read whole.
PARALLEL_LENGTHS = (5, 6)
PARALLEL_MIN_DOCS = 5
_PAIR = re.compile(
    r"(?<![\u4e00-\u9fd5])([\u4e00-\u9fd5]{5,6})[、，；]([\u4e00-\u9fd5]{5,6})(?![\u4e00-\u9fd5])"
)


def parallel_clauses(texts: list[str], plain: Segmenter) -> dict[str, int]:
    """The clauses of recurring parallel pairs in ``texts`` (see ``PARALLEL_MIN_DOCS``) that plain
    jieba cuts, and in how many texts the pair is found.

    >>> from textkit.tokenize import Segmenter
    >>> texts = ["坚持“共抓大保护、不搞大开发”。"] * 5 + ["研究新情况、推动高质量"] * 5
    >>> parallel_clauses(texts, Segmenter(lexicon=None))
    {'不搞大开发': 5, '共抓大保护': 5}
    """
    found: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, text in enumerate(texts):
        for first, second in _PAIR.findall(text):
            same = len(first) == len(second) and any(a == b for a, b in zip(first, second, strict=True))
            if same and first != second and "的" not in first + second:
                found[(first, second)].add(index)
    out: dict[str, int] = {}
    for pair, docs in found.items():
        if len(docs) >= PARALLEL_MIN_DOCS:
            for clause in pair:
                if len(plain.segment(clause)) > 1:
                    out[clause] = max(out.get(clause, 0), len(docs))
    return dict(sorted(out.items()))


# Coordinate compounds written too rarely or too loosely for the suggest_terms table's cohesion
# cuts (体教融合, 体旅融合, 央地联动): the same shape read straight from the build text, but with a
# prefix of exactly two one-character abbreviations (no jieba word, no function character) and in
# at least COORDINATE_MIN_DOCS build files. Pieces of longer names (津冀协同 of 京津冀协同, 降碳协同
# of 减污降碳协同) are left to the fragment filter, which runs after every source.
_COORDINATE_NGRAM = re.compile(r"(?=([\u4e00-\u9fd5]{2})(" + "|".join(COORDINATE_HEADS) + "))")


def coordinate_ngrams(texts: list[str], dictionary: dict[str, int]) -> dict[str, int]:
    """Two one-character abbreviations and a head of joining, read from ``texts`` (see
    ``COORDINATE_HEADS``), and the number of texts each is in.

    >>> coordinate_ngrams(["推进体教融合", "体教融合发展", "深化体教融合", "城乡融合"] * 1, {"城乡": 9})
    {'体教融合': 3}
    """
    found: dict[str, set[int]] = defaultdict(set)
    for index, text in enumerate(texts):
        for prefix, head in _COORDINATE_NGRAM.findall(text):
            if not _FUNCTION_CHARS.intersection(prefix) and not dictionary.get(prefix):
                found[prefix + head].add(index)
    return {term: len(docs) for term, docs in sorted(found.items()) if len(docs) >= COORDINATE_MIN_DOCS}


# Four-character items of parallel lists sharing a head (``head_list_items``): 质量变革、效率变革、
# 动力变革; 道路自信、理论自信、制度自信. In a run of at least three items joined by 、, the head is
# the two-character word (plain jieba's last word) that most of the four-character middle items end
# in; the middle items of four characters that end in it, the first item's last four characters
# and the last item's first four when jieba cuts there and they end in it, are items; a list gives
# items when it has at least three. Items found so in at least HEAD_LIST_MIN_DOCS build files and
# cut by plain jieba form the class (``list_items`` of tools/build_lexicon.py takes 5-10 characters);
# the class is read whole.
HEAD_LIST_MIN_DOCS = 3


def head_list_items(texts: list[str], plain: Segmenter) -> dict[str, int]:
    """The four-character items of lists sharing a head in ``texts`` (see ``HEAD_LIST_MIN_DOCS``)
    and in how many texts each is found as such an item.

    >>> from textkit.tokenize import Segmenter
    >>> text = "推动质量变革、效率变革、动力变革，坚定道路自信、理论自信、制度自信、文化自信"
    >>> sorted(head_list_items([text] * 3, Segmenter(lexicon=None)))
    ['制度自信', '动力变革', '效率变革', '文化自信', '理论自信', '质量变革', '道路自信']
    """
    from collections import Counter

    found: dict[str, set[int]] = defaultdict(set)
    for index, text in enumerate(texts):
        for run in _LIST_RUN.split(text):
            parts = run.split("、")
            middle = [part for part in parts[1:-1] if len(part) == 4]
            if len(parts) < 3 or not middle:
                continue
            head = Counter(plain.segment(part)[-1] for part in middle).most_common(1)[0][0]
            if len(head) != 2:
                continue
            items = [part for part in middle if part.endswith(head)]
            first, last = parts[0], parts[-1]
            if len(first) >= 4 and first.endswith(head) and (len(first) - 4) in _cuts(plain, first) | {0}:
                items.append(first[-4:])
            if len(last) >= 4 and last[:4].endswith(head) and 4 in _cuts(plain, last):
                items.append(last[:4])
            if len(items) >= 3:
                for item in items:
                    found[item].add(index)
    return {
        item: len(docs)
        for item, docs in sorted(found.items())
        if len(docs) >= HEAD_LIST_MIN_DOCS and len(plain.segment(item)) > 1
    }
