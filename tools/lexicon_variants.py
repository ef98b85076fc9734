"""Three classes of policy-lexicon candidates derived from terms already known, each read whole
(``tools/build_lexicon.py`` adds every member not rejected in ``tools/lexicon_rejects.txt``).

Why: a fixed formulation is often written with or without a leading modifier (世界百年未有之大变局
and 百年未有之大变局, 习近平新时代中国特色社会主义思想 and 新时代中国特色社会主义思想); a numbered
formulation is one of a family (党的二十大, 党的十八大, 党的十九大); and the short slogans of three
characters (补短板, 强弱项, 稳就业) are too short for the n-gram classes (4 characters or more).

Criteria, all measured on the build files:

- ``affix_variants``: for a known term L that plain jieba (HMM off) cuts into words, L = P + S with
  P its first word, or L = S + T with T its last word; S has at least ``AFFIX_MIN_LEN`` characters
  and is found in at least ``AFFIX_MIN_DOCS`` files where it is its own unit: not preceded by P
  (not followed by T) in that occurrence;
- ``ordinal_variants``: for a known term with a run of Chinese numerals (党的二十大, 十九届三中全会,
  第十四个五年规划), the same term with any other run of numerals in its place, found in at least
  ``ORDINAL_MIN_DOCS`` files;
- ``short_terms``: three Han characters, not a word of jieba's dictionary, whose first character
  is a verb or an adjective there and whose last two are a noun there (补+短板, 强+弱项: jieba
  itself cuts 补短|板), found in at least ``SHORT_MIN_DOCS``
  files, and bounded in at least ``SHORT_MIN_BOUNDED`` of their occurrences on both sides: the
  neighbour character is not Han, or is a function character (``BOUNDARY``).

The free-combination (的) and fragment filters of the build apply to every member afterwards.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

AFFIX_MIN_LEN = 6
AFFIX_MIN_DOCS = 3
ORDINAL_MIN_DOCS = 2
SHORT_MIN_DOCS = 5
SHORT_MIN_BOUNDED = 0.5
NUMERALS = "〇零一二三四五六七八九十百两"
_NUMERAL_RUN = re.compile(f"[{NUMERALS}]+")
_HAN = re.compile(r"[\u4e00-\u9fd5]+")
BOUNDARY = frozenset("的和与及或在是等也而之并要")
EDGE_FUNCTION = frozenset("的地得了着和与及或在是等也而之把被从对向于以其")
SHORT_FIRST_TAGS = frozenset({"v", "a"})
SHORT_NOUN_TAGS = frozenset({"n", "an", "nz", "j"})


def _own_unit_docs(texts: list[str], piece: str, context: str, *, before: bool) -> int:
    """In how many ``texts`` ``piece`` occurs once or more not preceded (``before``) or not
    followed by ``context``."""
    found = 0
    for text in texts:
        at = text.find(piece)
        while at >= 0:
            if before:
                bound = text[max(0, at - len(context)) : at] != context
            else:
                bound = text[at + len(piece) : at + len(piece) + len(context)] != context
            if bound:
                found += 1
                break
            at = text.find(piece, at + 1)
    return found


def affix_variants(terms: list[str], texts: list[str], plain) -> dict[str, tuple[int, str]]:
    """The variants of ``terms`` without their first or last word that ``texts`` use as their own
    unit (see the module's docstring), with their numbers of texts and the term each comes from;
    ``plain`` is a ``Segmenter``.

    >>> from textkit.tokenize import Segmenter
    >>> texts = ["世界百年未有之大变局", "应对百年未有之大变局"] * 3
    >>> affix_variants(["世界百年未有之大变局"], texts, Segmenter(lexicon=None, hmm=False))
    {'百年未有之大变局': (3, '世界百年未有之大变局')}
    """
    known = set(terms)
    pieces: dict[tuple[str, str, bool], str] = {}
    for term in terms:
        words = plain.segment(term)
        if len(words) < 2:
            continue
        head, tail = words[0], words[-1]
        pieces.setdefault((term[len(head) :], head, True), term)
        pieces.setdefault((term[: -len(tail)], tail, False), term)
    found = {}
    for (piece, context, before), term in pieces.items():
        if len(piece) < AFFIX_MIN_LEN or piece in known or piece in found or len(plain.segment(piece)) < 2:
            continue
        if piece[0] in EDGE_FUNCTION or piece[-1] in EDGE_FUNCTION:
            continue
        docs = _own_unit_docs(texts, piece, context, before=before)
        if docs >= AFFIX_MIN_DOCS:
            found[piece] = (docs, term)
    return dict(sorted(found.items()))


def ordinal_variants(terms: list[str], texts: list[str]) -> dict[str, tuple[int, str]]:
    """The other members of the numbered families of ``terms`` found in ``texts``, with their
    numbers of texts and the term whose family each is of.

    >>> texts = ["党的十八大以来", "党的十八大", "党的十九大", "党的二十大"]
    >>> ordinal_variants(["党的二十大"], texts)
    {'党的十八大': (2, '党的二十大')}
    """
    known = set(terms)
    docs: dict[str, set[int]] = defaultdict(set)
    patterns: dict[str, str] = {}
    for term in terms:
        for match in _NUMERAL_RUN.finditer(term):
            before, after = term[: match.start()], term[match.end() :]
            ordinal = len(match.group()) >= 2 or before.endswith("第")  # 二十大, 第三, not 一个
            if ordinal and len(before) + len(after) >= 2:  # a frame around the number: 党的_大
                patterns.setdefault(re.escape(before) + f"[{NUMERALS}]+" + re.escape(after), term)
    parents: dict[str, str] = {}
    for pattern, term in sorted(patterns.items()):
        compiled = re.compile(pattern)
        for index, text in enumerate(texts):
            for variant in compiled.findall(text):
                if variant not in known:
                    docs[variant].add(index)
                    parents.setdefault(variant, term)
    return {
        variant: (len(found), parents[variant])
        for variant, found in sorted(docs.items())
        if len(found) >= ORDINAL_MIN_DOCS
    }


def short_terms(texts: list[str], tagger) -> dict[str, int]:
    """Three-character terms of ``texts`` (see the module's docstring) with their numbers of texts;
    ``tagger`` is a jieba ``POSTokenizer`` (its dictionary's tags, ``word_tag_tab``).

    >>> from lexicon_filters import pos_tokenizer
    >>> texts = ["要补短板，", "补短板、强弱项", "加快补短板。", "在补短板上", "补短板，", "长补短板"]
    >>> short_terms(texts, pos_tokenizer())
    {'补短板': 6}
    """
    docs: dict[str, set[int]] = defaultdict(set)
    bounded: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for index, text in enumerate(texts):
        for match in _HAN.finditer(text):
            run, start = match.group(), match.start()
            for i in range(len(run) - 2):
                gram = run[i : i + 3]
                docs[gram].add(index)
                total[gram] += 1
                left = text[start + i - 1] if start + i > 0 else ""
                right = text[start + i + 3] if start + i + 3 < len(text) else ""
                if _bound(left) and _bound(right):
                    bounded[gram] += 1
    tags = tagger.word_tag_tab
    found = {}
    for gram, where in docs.items():
        if len(where) < SHORT_MIN_DOCS or bounded[gram] < SHORT_MIN_BOUNDED * total[gram]:
            continue
        shaped = tags.get(gram[0]) in SHORT_FIRST_TAGS and tags.get(gram[1:]) in SHORT_NOUN_TAGS
        if shaped and gram not in tags:
            found[gram] = len(where)
    return dict(sorted(found.items()))


def _bound(char: str) -> bool:
    return not char or not _HAN.match(char) or char in BOUNDARY
