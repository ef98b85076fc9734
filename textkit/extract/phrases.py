"""Stage 6 — extract, formulations: whether a quoted stretch names something (a phrase, a list,
a slogan, a chain, a name in figures) or quotes what someone said, by its own characters alone;
for ``textkit.extract.formulations``, which adds the tests that read the text around a quote.

>>> _is_phrase("断头路", 40), _is_phrase("要以最大的决心，坚决打赢关中地区大气污染治理攻坚战", 40)
(True, False)
"""

from __future__ import annotations

import re
from functools import cache

from textkit._chars import HAN_RE
from textkit.datafiles import read_lines
from textkit.extract._common import _CLAUSE_MARKS
from textkit.extract.numbered import _DIGIT_SUM, _idioms
from textkit.extract.quotes import formulation_key
from textkit.extract.slogans import subtitled

# An unbroken quoted stretch longer than this is speech; lists and slogans may be longer.
MAX_UNBROKEN_CHARS = 20
# Parts of a quoted list or slogan (学习研讨、查摆问题…; 发扬斗争精神，敢于担当作为): each at most
# this long, or up to MAX_PART_CHARS when all parts are equally long (对仗: 该废止的废止，该修订的修订).
# On a sample of People's Daily, longer unequal parts were mostly speech (希望村里的文娱设施更多些，…).
MAX_FREE_PART_CHARS = 8
MAX_PART_CHARS = 12
_PART_MARKS = re.compile("[，、]")


# A name in Latin letters or figures (“MBI”, “Plus Token”, “618”, the case name “1·29”, the
# policy system “1+N”, the mechanism “1+1+3”, the synergy formula “1+1>2”).
_LATIN_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9·.\-+>]|[ \u00a0](?=[A-Za-z0-9]))*[A-Za-z0-9]")
MAX_LATIN_CHARS = 20
# A name in figures or letters open at one end with +, of the 互联网+ family (“5G+”, “+X” of 2+X).
_PLUS_NAME = re.compile(r"\+[A-Za-z0-9]{1,8}|[A-Za-z0-9]{1,8}\+")


def _is_phrase(content: str, max_chars: int) -> bool:
    """A quoted stretch that names something (a phrase) rather than quoting speech.

    Up to ``MAX_UNBROKEN_CHARS`` (20) characters without clause punctuation: “断头路”; or, up
    to ``max_chars``, parallel parts separated by 、 or ， and nothing else, each of 2 to 8
    characters, or to 12 when all are equally long (a list: 学习研讨、查摆问题、整改整治、
    建章立制、开门教育; a slogan: 发扬斗争精神，敢于担当作为). A sentence a person says
    (ending in 。, with ：, ；, ！, or clauses longer than a slogan's) is speech.

    >>> _is_phrase("该废止的废止，该修订的修订", 40)
    True
    >>> _is_phrase("要以最大的决心，坚决打赢关中地区大气污染治理攻坚战", 40)
    False

    Three or more parts joined by 、 whose lengths differ by at most one character are a list
    (排比) up to 12 a part (新发展格局的战略支点、高质量发展的示范地、中国式现代化的引领地); a name in
    Latin letters or figures (MBI, Plus Token, 1·29) is a phrase too.

    >>> _is_phrase("新发展格局的战略支点、高质量发展的示范地、中国式现代化的引领地", 40)
    True
    >>> _is_phrase("1·29", 40), _is_phrase("MBI", 40), _is_phrase("5G+", 40), _is_phrase("X", 40)
    (True, True, True, False)
    """
    key = formulation_key(content)
    if _LATIN_NAME.fullmatch(content) or _PLUS_NAME.fullmatch(content):
        return len(content) <= MAX_LATIN_CHARS
    if not 2 <= len(key) <= max_chars or not (HAN_RE.search(key) or _DIGIT_SUM.fullmatch(key)):
        return False
    if _reported_speech(key):
        return False
    marks = {char for char in content if char in _CLAUSE_MARKS}
    if not marks:  # the list mark 、 is not counted in the unbroken limit
        unbroken = len(key.replace("、", "")) <= MAX_UNBROKEN_CHARS
        return unbroken or ("、" in content and _parallel(key)) or _chain(key) or subtitled(key)
    return marks == {"，"} and _parallel(key)


# Personal pronouns (not 其他, 自我, 忘我, 无我, 利他, 敌我, 小我, 大我).
_PRONOUN = re.compile("(?<![其自忘无利敌小大])[我你他她您咱]")
# A dash or a middle dot marks the name of an event (世遗就在咱厝边——2023古建音乐季).
_TITLE_MARKS = re.compile("——|·")
# A slogan with a pronoun is short: one part of at most 8 characters (我为群众办实事, 医路有我), or
# parallel parts of equal length up to 5 (请党放心，强国有我; 人无我有，人有我优).
MAX_PRONOUN_PART_CHARS = 8
MAX_PRONOUN_PARALLEL_CHARS = 5


def _reported_speech(key: str) -> bool:
    """Whether a quote with a personal pronoun is what someone said rather than a slogan.

    On rmrb-2023-07-08 build files, quotes with 我, 你, 他, 她, 您 or 咱 of one part over 8
    characters, or of unequal parts, or of parts over 5, are nearly all speech (她给了我们很大的
    鼓励和支持; 作为党员，我必须挺身而出), while slogans are short or parallel. A quote holding a
    term of textkit's lexicons or a jieba idiom with the pronoun (强国有我, 功成不必在我, 你追我赶)
    is a slogan whatever its length, and so is the name of an event (a dash or a middle dot inside).

    >>> _reported_speech("她给了我们很大的鼓励和支持"), _reported_speech("作为党员，我必须挺身而出")
    (True, True)
    >>> _reported_speech("我为群众办实事"), _reported_speech("请党放心，强国有我")
    (False, False)
    >>> _reported_speech("我为十四五规划献一策")  # a pledge opening with 我为, as the campaigns word it
    False
    """
    if not _PRONOUN.search(key) or _pronoun_terms().search(key) or _TITLE_MARKS.search(key):
        return False
    parts = _PART_MARKS.split(key)
    lengths = {len(part) for part in parts}
    if len(parts) == 1 and key.startswith("我为"):
        return False  # a pledge, the campaigns' shape: 我为群众办实事, 我为‘十四五’规划献一策
    if len(parts) == 1 or "，" not in key:  # one clause, or a list (参与大运我光荣、大运成果我共享)
        return max(lengths) > MAX_PRONOUN_PART_CHARS
    return len(lengths) > 1 or max(lengths) > MAX_PRONOUN_PARALLEL_CHARS


@cache
def _lexicon_terms() -> frozenset[str]:
    """Terms of the lexicons ``data/campaign_lexicon.txt`` and ``data/policy_lexicon.txt``."""
    # literal calls: textkit.cache.code_version finds the data files a module reads by them
    lines = read_lines("campaign_lexicon.txt") + read_lines("policy_lexicon.txt")
    return frozenset(line.split("#")[0].split()[0] for line in lines)


@cache
def _pronoun_terms() -> re.Pattern:
    """Terms of the campaign and policy lexicons and jieba idioms that hold a personal pronoun."""
    found = sorted((t for t in _lexicon_terms() | _idioms() if _PRONOUN.search(t)), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, found)) or "(?!)")


# The links of a chain (a cause chain 光照/紫外线—视网膜多巴胺分泌增加—眼轴生长减缓, a process
# 二氧化碳—生物质资源—糖): dashes or arrows between at least three links.
_CHAIN_MARKS = re.compile("—+|→")
MIN_CHAIN_LINKS = 3


def _chain(key: str) -> bool:
    """Whether a quote without clause marks is a chain of at least three links joined by dashes or
    arrows, each at most ``MAX_PART_CHARS`` (12) long: a named sequence, however long in all.

    >>> _chain("光照/紫外线—视网膜多巴胺分泌增加—眼轴生长减缓"), _chain("党建引领——基层治理")
    (True, False)
    """
    links = _CHAIN_MARKS.split(key)
    return len(links) >= MIN_CHAIN_LINKS and all(1 <= len(link) <= MAX_PART_CHARS for link in links)


def _parallel(key: str) -> bool:
    parts = _PART_MARKS.split(key)
    if len(parts) < 2 or any(len(part) < 2 for part in parts):
        return False
    lengths = {len(part) for part in parts}
    # three or more list items of near-equal length (±1) are a list; two such clauses are often speech
    near = len(parts) >= 3 and "，" not in key and max(lengths) - min(lengths) <= 1
    return max(lengths) <= (MAX_PART_CHARS if len(lengths) == 1 or near else MAX_FREE_PART_CHARS)
