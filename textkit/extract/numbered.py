"""Stage 6 — extract, numbered formulations (数字提法): what makes a formulation numbered, and the
shapes that delimit a numbered formulation written without quotes (两手抓, 一户一策, 四项基本原则).
``textkit.extract.formulations`` adds them to the quoted phrases.

>>> [("两化融合，坚持四项基本原则")[s:e] for s, e in unquoted_numbered("两化融合，坚持四项基本原则")]
['两化融合', '四项基本原则']
"""

from __future__ import annotations

import re
from functools import cache

from textkit._chars import HAN, HAN_RE
from textkit._jieba_dict import dictionary_path
from textkit.datafiles import read_lines
from textkit.extract._common import _unit_at

_CN_DIGITS = "一二两三四五六七八九十"
# A formulation is numbered when it opens with a numeral: 两个确立, 三会一课, 八八战略, 千项万亿,
# or is a digit sum such as 1+6 (“1+6”实施意见).
_NUMBERED = re.compile(rf"^(?:[{_CN_DIGITS}]|[百千万][{HAN}][{_CN_DIGITS}百千万]|\d{{1,2}}\+\d{{1,2}}(?!\d))")
# Written without quotes, two shapes still delimit themselves: a digit sum (“5+2”就业之家 is
# also written 5+2就业之家) and numeral + 个 + a quoted noun (三个“一号工程”).
_DIGIT_SUM = re.compile(r"(?<![\d.+\-=×÷/A-Za-z])\d{1,2}\+\d{1,2}(?![\d.+\-=×÷/%％A-Za-z])")
# 这两个“一百” (a demonstrative before the numeral) points back at two things just named.
_COUNTED_QUOTE = re.compile(
    rf"(?<![{_CN_DIGITS}第几数这那])[二两三四五六七八九十]+个[“‘]([{HAN}]{{2,8}})[”’](?!的)"
)
# Quoted elsewhere in the corpus, a numbered formulation also counts without quotes only in the
# shapes of the genre: numeral + measure word (两个确立, 八项规定, 六大工程, 三级联动), numeral-letter
# pairs (三会一课, 一岗双责, 一链一策) and digit sums. 五星红旗, 一手资料, 两汉丰韵 and idioms
# such as 十年磨一剑 are left to their quotes.
_LEXICON_SHAPE = re.compile(
    rf"^[{_CN_DIGITS}]+(?:个|项|大|条|种|类|张|级|化|点|支|批|号|句|字|则|件|方面)[{HAN}]{{2,}}"
    rf"|^[{_CN_DIGITS}](?![{_CN_DIGITS}])[{HAN}][{_CN_DIGITS}双](?![{_CN_DIGITS}])[{HAN}]"
    r"|^\d{1,2}\+\d{1,2}$"
)


# Numbered formulations that delimit themselves without quotes, by their shape: numeral + 手抓
# (两手抓), numeral + 化 + a joining verb (两化融合, 四化同步), numeral + 位一体 (五位一体).
_NUMBERED_UNQUOTED = re.compile(
    rf"(?<![第数几{_CN_DIGITS}])[两三四五六七八九十](?:手抓|化(?:融合|协同|互动|联动|同步|并举)|位一体)"
)
# 一X一Y of targeted policy (一户一策, 一村一品, 一人一档, 一楼一院一策): 一 + a unit, repeated, then 一 +
# an instrument: 策 (measures), 品 (product), 档 (file), 案 (plan), 码 (code), 单 (list), 证 (licence).
# In rmrb-2023-07-08 this shape, reduplications (一单一单) and idioms left out, has 39 distinct
# matches (106 mentions), all formulations of that kind but one (一字一码 in a quoted sentence).
# Other second halves are mostly narrative (一步一步, 一金一银, 一南一北, 一举一动).
_TARGETED = re.compile(
    rf"(?<![第数几二三四五六七八九十两])(?:一(?![{_CN_DIGITS}])[{HAN}]){{1,3}}一[策品档案码单证]"
)


@cache
def _category_pattern() -> re.Pattern:
    """Numeral + measure word + a category noun of ``data/formulation_categories.txt``: 三项原则,
    四项基本原则, 两条底线; not after 第, 数, 几, a demonstrative or another numeral (第一百八十四条规定)."""
    nouns = "|".join(map(re.escape, sorted(read_lines("formulation_categories.txt"), key=len, reverse=True)))
    return re.compile(
        rf"(?<![第数几这那各每百千万{_CN_DIGITS}])[二两三四五六七八九十]{{1,3}}[项条个大点]?(?:基本)?(?:{nouns})"
    )



def is_numbered(formulation: str) -> bool:
    """Whether a formulation opens with a numeral (两个确立, 三会一课, 1+6).

    Idioms (成语) that open with a numeral (一心一意, 四面八方, 一马当先: those jieba's dictionary
    tags ``i``) and phrases opening with the article 一个 (“一个风向标”) are not numbered, unless
    the curated list ``data/formulation_numbered.txt`` has them (一个中国原则).

    >>> is_numbered("两个确立"), is_numbered("1+6"), is_numbered("第一议题"), is_numbered("一马当先")
    (True, True, False, False)
    >>> is_numbered("一个中国原则"), is_numbered("一个风向标")
    (True, False)
    """
    if formulation in _curated_lexicon():
        return True  # 一个中国原则: listed, though 一个 opens ordinary phrases
    if not _NUMBERED.match(formulation) or formulation.startswith("一个"):
        return False
    return formulation not in _idioms()


@cache
def _idioms() -> frozenset[str]:
    """Words jieba's dictionary tags as idioms (``i``): 一心一意, 四面八方 …"""
    idioms = set()
    # the file itself: building a jieba tokenizer only to open its dictionary took a second
    with dictionary_path().open("rb") as lines:
        for line in lines:
            parts = line.decode("utf-8").split()
            if len(parts) == 3 and parts[2] == "i":
                idioms.add(parts[0])
    return frozenset(idioms)


def _lexicon_shaped(key: str) -> bool:
    """A quoted numbered formulation that may be counted where it is written without quotes."""
    return len(key) >= 4 and is_numbered(key) and bool(_LEXICON_SHAPE.match(key))


@cache
def _curated_lexicon() -> frozenset[str]:
    return frozenset(read_lines("formulation_numbered.txt"))


def unquoted_numbered(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are numbered formulations by their shape alone, quoted or not.

    A digit sum before a Han character (5+2就业之家), numeral + 个 + a quoted noun (三个“一号工程”),
    numeral + 手抓 / 化融合 … / 位一体 (两手抓, 两化融合, 五位一体), numeral + measure word + a
    category noun of ``data/formulation_categories.txt`` (四项基本原则) and 一X一Y of targeted
    policy (一户一策; not 一单一单 or idioms). In order of the shapes, not of the text.
    """
    spans = [match.span() for match in _COUNTED_QUOTE.finditer(text)]
    for match in _DIGIT_SUM.finditer(text):
        after = text[match.end() : match.end() + 1]
        # 5+2就业之家 is a formulation; 2+4艘邮轮 is a count
        if after and (HAN_RE.match(after) or after in "“”《") and not _unit_at(text, match.end()):
            spans.append(match.span())
    spans.extend(match.span() for match in _NUMBERED_UNQUOTED.finditer(text))
    spans.extend(match.span() for match in _category_pattern().finditer(text))
    for match in _TARGETED.finditer(text):
        units = match.group()[1::2]
        if units[-1] not in units[:-1] and match.group() not in _idioms():  # not 一单一单
            spans.append(match.span())
    return spans
