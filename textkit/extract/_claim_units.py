"""Stage 6 — extract, claims: the unit-role helpers of ``textkit.extract.claims``.

Which unit a number found by ``claims``' pattern takes (13个方面 is 13 方面, 27支队伍 27 支, 近20亿人民 a
bare multiplier) and whether a number and its unit make a claim at all (歼—7GB is a model, 2023年 a
year, 180吨级 a class), each read from the roles of ``data/quantity_words.tsv``.
"""

from __future__ import annotations

import re
from functools import cache

from textkit._chars import HAN_RE
from textkit._jieba_dict import dictionary_frequencies
from textkit.datafiles import read_tsv
from textkit.extract._common import _common_pairs, _plain_jieba, _unit_at


@cache
def _quantity_words(role: str) -> tuple[str, ...]:
    """Words of ``data/quantity_words.tsv`` with a role (approx_before, approx_after, link, stop,
    span_before, unit_noun, after_ge)."""
    return tuple(row["word"] for row in read_tsv("quantity_words.tsv") if row["role"] == role)


def _latin(unit: str) -> bool:
    """Whether a unit is written in Latin letters (GB, PFLOPS, P)."""
    return unit.isascii() and unit.isalpha()


def _noun_unit_after_ge(text: str, position: int, kinds: dict[str, str]) -> str:
    """The measure word of role ``after_ge`` in ``data/quantity_words.tsv`` (方面) a 个 at
    ``position - 1`` stands before, or ``""``.

    13个方面 is 13 方面 (set G's convention: 9方面 and 9个方面 alike; the classifier 个 is dropped,
    as before a unit of time). Other measure words after 个 start a noun (20个人, 3个项目, 2个支队:
    个 stays). On the build files of rmrb-2023-07-08 this moves the 77 claims N个方面 from 个 to
    方面 and no other claim (tools/extract_precision_g.txt).

    >>> kinds = {"方面": "count", "人": "count", "支队": "count"}
    >>> _noun_unit_after_ge("13个方面，形成", 3, kinds), _noun_unit_after_ge("2个支队", 2, kinds)
    ('方面', '')
    """
    after = _unit_at(text, position)
    return after if after in _quantity_words("after_ge") and kinds.get(after) == "count" else ""


def _unit_starts_noun(text: str, start: int, unit: str) -> bool:
    """Whether a one-character unit at ``start`` is the first character of a noun of role
    ``unit_noun`` in ``data/quantity_words.tsv`` (人民, 人口): 近20亿人民 counts people by a bare
    multiplier (unit ''), as 近500万居民 does, not by the measure word 人.

    The noun must be the word jieba's dictionary reads there (5万人民币 is money, not 人民).

    >>> _unit_starts_noun("近20亿人民。", 4, "人"), _unit_starts_noun("678万人，同比", 4, "人")
    (True, False)
    >>> _unit_starts_noun("14亿多人口的", 4, "人"), _unit_starts_noun("5万人民币", 2, "人")
    (True, False)
    """
    nouns = _quantity_words("unit_noun")
    if len(unit) != 1 or not text.startswith(nouns, start):
        return False
    return _plain_jieba().lcut(text[start : start + 4], HMM=False)[0] in nouns


def _unit_straddles(text: str, start: int, end: int, kinds: dict[str, str]) -> bool:
    """Whether the last character of a unit of two or more characters starts a word with the
    character after it, so that the unit is the shorter unit before it: 27支队伍 is 27 支 +
    队伍, not 27 支队; 70周年纪念日 stays 周年.

    Three tests, all needed: the shorter unit is a unit; the two characters across the end are a
    common word (``_common_pairs``) more frequent than the unit in jieba's dictionary (队伍 7,420
    against 支队 710; 250万人次之多 keeps 人次: 次之 438 against 人次 575); and jieba's own cut of
    the unit and what follows begins with the shorter unit (周年纪念日 is 周年|纪念日). On
    rmrb-2023-07-08 this fires on the 19 mentions of N支队伍 only.

    >>> kinds = {"支": "count", "支队": "count", "周年": "time", "周": "time"}
    >>> _unit_straddles("18支队伍", 2, 4, kinds), _unit_straddles("70周年纪念日", 2, 4, kinds)
    (True, False)
    """
    unit = text[start:end]
    across = text[end - 1 : end + 1]
    if len(unit) < 2 or unit[:-1] not in kinds or across not in _common_pairs():
        return False
    frequencies, _ = dictionary_frequencies()
    if frequencies.get(across, 0) <= frequencies.get(unit, 0):
        return False
    return _plain_jieba().lcut(text[start : end + 3], HMM=False)[0] == unit[:-1]


def _model_number(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows a dash after a Han character or a letter, as in a
    model's designation (歼—7GB, 运-20): its Latin letters after are part of the name, not a unit.
    A dash between two numbers (1—2TB) joins a range.

    >>> _model_number("歼—7GB和歼—10", 2), _model_number("1—2TB", 2)
    (True, False)
    """
    return text[start - 1 : start] in _DASHES and not text[start - 2 : start - 1].isdigit() and start >= 2


_DASHES = ("—", "-", "－")


def _letter_measures(text: str, start: int) -> bool:
    """Whether the number at ``start`` measures a noun of role ``letter_noun`` in
    ``data/quantity_words.tsv``, the nouns a one-letter Latin unit is the unit of: 算力达到200P is
    200 P (PFLOPS), while 4320P超高清 names a resolution. The noun is looked for in the clause,
    up to ``_LETTER_NOUN_CHARS`` (12) characters before the number (jieba's dictionary cuts 算力).

    >>> _letter_measures("首期算力达到50P。", 6), _letter_measures("支持下，4320P超高清", 4)
    (True, False)
    """
    before = re.split("[，。；：！？、\n]", text[max(0, start - _LETTER_NOUN_CHARS) : start])[-1]
    return any(noun in before for noun in _quantity_words("letter_noun"))


# How far back in its clause a number's one-letter unit looks for the noun it measures (算力总规模达到).
_LETTER_NOUN_CHARS = 12


def _year_span(text: str, start: int, approx_marker: str | None) -> bool:
    """Whether a four-digit number + 年 at ``start`` is a length of time rather than a year: 多 or 余
    after the number (2000多年: a year is never approximate that way), or a word of role
    ``span_before`` in ``data/quantity_words.tsv`` before it, maybe with 已有, 约 or 近 between
    (距今5000年, 距今约5300年, 长达3000年).

    >>> _year_span("距今5000年前后", 2, None), _year_span("在2000多年的历史长河中", 1, "多")
    (True, True)
    >>> _year_span("超过2019年同期", 2, None)
    False
    """
    if approx_marker in ("多", "余"):
        return True
    before = re.sub("(?:已有|已|约|近)$", "", text[max(0, start - 6) : start])
    return before.endswith(_quantity_words("span_before"))


def _size_class(text: str, end: int, unit: str, kinds: dict[str, str]) -> bool:
    """Whether a number with a unit of measure (or a bare multiplier) ending at ``end`` names a
    class by 级 or 级别 after it: 180吨级新能源电驱动系统, 30万吨级巨轮, 80公斤级 (a weight class),
    110千伏级, 10万级无尘车间, 20万元级别的车型 are sizes that classify a thing, not quantities
    (the annotation conventions: a device class such as 3.0T is not a claim); 4年级 is a school
    year, an ordinal. After a measure word (个, 家: kind count) the number counts the levels
    (5个级别, 4个级别的预警) and stays.

    On the build files of rmrb-2023-07-08 (4,193 articles) this drops 38 of 30,563 claims; all
    read in ``tools/extract_precision.txt``.

    >>> kinds = {"吨": "mass", "个": "count", "年": "time"}
    >>> _size_class("180吨级新能源", 4, "吨", kinds), _size_class("5个级别", 2, "个", kinds)
    (True, False)
    >>> _size_class("10万级无尘车间", 3, "", kinds), _size_class("180吨的", 4, "吨", kinds)
    (True, False)

    A voltage before a word (8条10千伏线路, 500千伏变电站, ±800千伏特高压, 110千伏及以上) is the
    rating that classes lines, stations and projects, as 110千伏级 is (set M's convention): all 43
    such build mentions (tools/extract_precision_m.txt); a voltage ending a clause stays.

    >>> kinds["千伏"] = "voltage"
    >>> _size_class("8条10千伏线路", 6, "千伏", kinds), _size_class("电压为220千伏。", 8, "千伏", kinds)
    (True, False)
    """
    if kinds.get(unit) == "voltage" and HAN_RE.match(text[end : end + 1]):
        return True
    return text.startswith("级", end) and kinds.get(unit) != "count"
