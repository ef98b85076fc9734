"""Stage 6 — extract, places: administrative divisions named in articles.

Provinces, prefectures and counties of ``data/gazetteer_cn_admin.tsv``, each mention resolved to
its official name, division code, level and province (see ``PlaceMatcher``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, partial

import pandas as pd

from textkit.datafiles import read_tsv
from textkit.extract._common import (
    _as_articles,
    _common_pairs,
    _context,
    _iter_texts,
    _LongestMatch,
    _table,
)
from textkit.extract._place_context import (
    _DATELINE_AFTER,
    _FEATURE_AFTER,
    _FEATURE_CHARS,
    _GREAT_SMALL,
    _HAN_CHAR,
    _MOUNTAIN_AFTER,
    _MOUNTAIN_NAME,
    _NEIGHBOURHOOD_AFTER,
    _NOT_AFTER_LOCAL_SHORT,
    _NOT_AFTER_SHORT,
    _NOT_SURNAME,
    _RIVER_AFTER,
    _RIVER_AFTER_LOCAL,
    _RIVER_BEFORE_LOCAL,
    _RIVER_NAME,
    _ROLE_BEFORE,
    _SAYING_AFTER,
    _SUFFIX_NOUNS,
    _TRANSLITERATED_BEFORE,
    _WORD_BEFORE,
    _long_words,
)
from textkit.extract._place_mentions import (
    addressed,
    drop_counties_in_counties,
    drop_other_provinces,
    listed,
)
from textkit.gazetteer import ethnic_groups, short_name

PLACE_COLUMNS = [
    "doc_id",
    "article_no",
    "start",
    "end",
    "match",
    "name",
    "code",
    "level",
    "province",
    "prefecture",
    "candidates",
    "dateline",
    "context",
]

# --------------------------------------------------------------------------- places

_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}

def load_gazetteer() -> pd.DataFrame:
    """The administrative divisions of ``data/gazetteer_cn_admin.tsv`` with their short names.

    Columns: ``code, name, level, province, prefecture, short_name`` (``short_name`` is empty
    where the name has none: 忠县, 城区). Short names drop the unit suffix and, for autonomous
    areas, the ethnic groups: 兰州市 → 兰州, 恩施土家族苗族自治州 → 恩施, 内蒙古自治区 → 内蒙古.

    >>> load_gazetteer().set_index("name").loc["兰州市", ["level", "province", "short_name"]].tolist()
    ['prefecture', '甘肃省', '兰州']
    """
    return _gazetteer().copy()


@cache
def _gazetteer() -> pd.DataFrame:
    table = pd.DataFrame(list(read_tsv("gazetteer_cn_admin.tsv")))
    groups = ethnic_groups()
    table["short_name"] = [
        short_name(n, lv, groups) for n, lv in zip(table["name"], table["level"], strict=True)
    ]
    return table


@dataclass(frozen=True)
class _Unit:
    code: str
    name: str
    level: str
    province: str
    prefecture: str


def _abbreviations(name: str, short: str) -> list[str]:
    """Written abbreviations of autonomous areas: 恩施州, 石柱县, 莫力达瓦旗."""
    for suffix, abbreviation in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if short and name.endswith(suffix) and short + abbreviation != name:
            return [short + abbreviation]
    return []


class PlaceMatcher:
    """Finds places of a gazetteer in text and resolves each mention to one unit.

    Parameters
    ----------
    gazetteer:
        Table like ``load_gazetteer()`` (``code, name, level, province, prefecture,
        short_name``); default the shipped gazetteer.
    rules:
        Rows like those of ``data/gazetteer_rules.tsv`` (``surface, rule``; rule ``block``,
        ``needs_context``, ``never`` or ``suffix_word``); default that file.

    Names are found as written in full (兰州市), as short names (兰州, 恩施, 内蒙古) and, for
    autonomous areas, as abbreviations (恩施州, 石柱县). How a mention is resolved:

    1. names are matched leftmost-longest (河北区 before 河北); a ``block`` context (长治久安,
       新华社) hides the names inside it; a full name followed by a ``suffix_word`` is read as the
       short name (旅游合作市场 is 合作 + 市场, not 合作市);
    2. a short name followed by 镇/乡/村/路/街/河/湖/江/门 … (below the province level also 山/岭)
       is not a place (福田镇, 中山路, 天山山脉) unless another place name follows (浙江湖州);
    3. the article's context is the name, province and prefecture of each mention that has a
       single candidate needing no context;
    4. a county-level short name (麻城) or two-character county name (忠县) counts only when its
       prefecture is in that context (its province, for a county without a prefecture such as
       仙桃); a ``needs_context`` name (朝阳, 大同) only when its province is;
    5. of the candidates left, the highest level wins (吉林 is 吉林省, not 吉林市; 海南 is 海南省),
       then the one whose prefecture, else province, is in context (城关区 in an article about
       兰州 is 兰州's); a tie is reported with ``code == ""`` and every candidate's code in
       ``candidates`` (城关区 in an article that names neither 兰州 nor 拉萨).

    >>> matcher = PlaceMatcher()
    >>> [(p["name"], p["province"]) for p in matcher.find("兰州市城关区五里铺位于主城区核心地段")]
    [('兰州市', '甘肃省'), ('城关区', '甘肃省')]
    """

    def __init__(self, gazetteer: pd.DataFrame | None = None, rules: Iterable[dict] | None = None):
        table = _gazetteer() if gazetteer is None else gazetteer
        rule_rows = read_tsv("gazetteer_rules.tsv") if rules is None else tuple(rules)
        self.block = frozenset(r["surface"] for r in rule_rows if r["rule"] == "block")
        self.needs_context = frozenset(r["surface"] for r in rule_rows if r["rule"] == "needs_context")
        never = frozenset(r["surface"] for r in rule_rows if r["rule"] == "never")
        self.suffix_words = frozenset(r["surface"] for r in rule_rows if r["rule"] == "suffix_word")
        self.units: dict[str, _Unit] = {}
        # surface → list of (unit code, is_short)
        self.surfaces: dict[str, list[tuple[str, bool]]] = {}
        full_names = set(table["name"])
        short_names = set(table["short_name"])
        for row in table.itertuples(index=False):
            unit = _Unit(row.code, row.name, row.level, row.province, row.prefecture)
            self.units[unit.code] = unit
            forms = [(row.name, False)]
            if row.short_name:
                forms.append((row.short_name, True))
            for abbreviation in _abbreviations(row.name, row.short_name):
                if abbreviation not in full_names and abbreviation not in short_names:
                    forms.append((abbreviation, False))
            for surface, is_short in forms:
                if surface not in never and surface not in self.block:
                    self.surfaces.setdefault(surface, []).append((unit.code, is_short))
        self._matcher = _LongestMatch(set(self.surfaces) | self.block)

    def _requirement(self, surface: str, unit: _Unit, is_short: bool) -> int:
        """Context a candidate needs: 0 none, 1 its province, 2 its prefecture."""
        if unit.level == "county" and (is_short or len(surface) <= 2):
            return 2 if unit.prefecture else 1
        if surface in self.needs_context:
            return 2 if unit.level == "county" and unit.prefecture else 1
        return 0

    @staticmethod
    def _score(unit: _Unit, context: set[str]) -> int:
        """How well the context supports a candidate: 2 its prefecture, 1 its province, 0 neither."""
        if unit.prefecture and unit.prefecture in context:
            return 2
        return 1 if unit.province in context else 0

    def _straddles(self, text: str, start: int, end: int, previous_end: int) -> bool:
        """Whether a two-character name is read across two words: its first character ends a
        word with the character before it and its second starts one with the character after it
        (重大庆祝: 重大 + 庆祝, not 大庆; 医保定点: 医保 + 定点, not 保定; 看中山东: 看中 + 山东),
        by the two-character words of jieba's default dictionary (``_common_pairs``). Not after
        another place name (海南海口中铁, 陕西汉中考察: an address).

        A name so read is not matched, and matching goes on at its second character, so a name it
        hid is found (希望江苏: 望江 hid 江苏; 中国铁路南宁局: 路南 hid 南宁). On rmrb-2023-07-08
        (4,516 articles, 34,063 mentions) this drops 54 mentions, all wrong when read one by one
        (重大庆祝, 医保定点, 均衡水平, 珠江西岸), and finds 40 hidden ones, all right; 幸福安康 is
        blocked in ``gazetteer_rules.tsv`` since 福安 no longer hides 安康 there.

        So is a three-character full name ending in 城市, 城区 or 山区 (``_SUFFIX_NOUNS``) whose
        first character closes a word with the character before: 滨海城市 is a coastal city, not
        海城市 (set M). On the 4,199 build articles this drops 16 of 31,979 mentions (沿海/滨海/
        地中海城市, 北京奥运城市, 适应城市, 振兴山区, 放宽城区), all wrong when read, and with them the
        context they gave (向阳区 ×2 of 向阳而立, in 兴山区's 鹤岗) (places_precision_build.txt, part 12).

        >>> m = PlaceMatcher()
        >>> [p["name"] for p in m.find("隆重庆祝中国共产党成立，看中山东的产业优势")]
        ['山东省']
        """
        if self._after_feature_word(text, start):
            return True
        if end - start == 3 and text[start + 1 : end] in _SUFFIX_NOUNS and 0 < start != previous_end:
            # 滨海城市 is 滨海 + 城市 (a coastal city), not 海城市 (see ``_SUFFIX_NOUNS``)
            return text[start - 1 : start + 1] in _common_pairs()
        if end - start != 2 or start == 0 or end >= len(text) or previous_end == start:
            return False
        if text[start:end] in self.block:
            return False
        pairs = _common_pairs()
        right = text[start + 1 : end + 1]
        # 长江湖北段, 山西段村: a name + 段 is a stretch of a river or road in that place
        return text[start - 1 : start + 1] in pairs and right in pairs and not right.endswith("段")

    def _names_feature(self, text: str, start: int, end: int, candidates: list[tuple[str, bool]]) -> bool:
        """Whether a county-level short name is the start of a feature's name (庐山西海, a lake).

        On the 5,146 People's Daily files not held out this drops 2 of 40,043 mentions, both
        wrongly (青海格尔木南山口, a pass named after the city).

        >>> m = PlaceMatcher()
        >>> m._names_feature("九江庐山西海", 2, 4, m.surfaces["庐山"])
        True
        """
        if not _FEATURE_AFTER.match(text, end):
            return False
        return all(short and self.units[code].level == "county" for code, short in candidates)

    def _province_before_jiang(self, surface: str, after: str, candidates: list[tuple[str, bool]]) -> bool:
        """Whether a province's short name stands before 江 that starts no river of it: no river is
        named a province's short name + 江, so 安徽江淮汽车 is a firm of Anhui and 重庆江湖菜 a
        cuisine of Chongqing; a province whose name ends in 江 keeps the river reading (黑龙江江面上).

        On the 4,199 build articles of rmrb-2023-07-08 this adds 3 mentions to 31,996 (安徽江淮
        汽车 ×2, 重庆江湖菜), all right when read (tools/places_precision_build.txt, part 8).

        >>> m = PlaceMatcher()
        >>> [p["name"] for p in m.find("组织安徽江淮汽车、江铃汽车等")]
        ['安徽省']
        """
        return (
            after == "江"
            and not surface.endswith("江")
            and all(self.units[code].level == "province" for code, _ in candidates)
        )

    def _names_other(self, text: str, start: int, end: int, candidates: list[tuple[str, bool]]) -> bool:
        """Whether a county-level short name is part of another name: a neighbourhood's
        (``_NEIGHBOURHOOD_AFTER``) or one made with 大 or 小 before it (``_GREAT_SMALL``).

        On the 4,199 build articles of rmrb-2023-07-08 this drops 9 of 32,013 mentions (东湖新城
        社区, 龙湾小区, 新建小区, 大海阳社区, 小凌河, 小雁塔, 大雁塔 ×3): 6 wrong, 3 arguable (大雁塔
        stands in 雁塔区) when read (tools/places_precision_build.txt, part 7).

        >>> m = PlaceMatcher()
        >>> m._names_other("台州天台县龙湾小区", 5, 7, m.surfaces["龙湾"])
        True
        >>> m._names_other("持续扩大金乡大蒜影响力", 4, 6, m.surfaces["金乡"])
        False
        """
        if not all(short and self.units[code].level == "county" for code, short in candidates):
            return False
        if _NEIGHBOURHOOD_AFTER.match(text, end):
            return True
        if start == 0 or text[start - 1] not in _GREAT_SMALL:
            return False
        return start < 2 or text[start - 2 : start] not in _common_pairs()

    def _names_feature_word(self, surface: str, after: str) -> bool:
        """Whether a short name and the character after it make a mountain's, lake's or river's
        name of jieba's dictionary (``_FEATURE_CHARS``): 贺兰山东麓 is the mountain's eastern foot,
        not 贺兰县 and 山东; 青海湖南岸 the lake's south shore, not 湖南; 钱塘江南岸 the river's.
        Such a name is not kept by the place name that starts with that character.

        With ``_after_feature_word``, on the 4,199 build articles of rmrb-2023-07-08: 31,987 ->
        31,979 mentions, 9 removed (贺兰山东麓 ×2, 青海湖南岸 ×2, 钱塘江南岸, 祁连山西段,
        永定河南岸, 永定河北京段, 澜沧江源头), 8 wrong and 1 arguable (青海 of 青海湖, the lake in
        the province), and 1 added, right (北京 of 永定河北京段) (tools/places_precision_build.txt,
        part 11).

        >>> m = PlaceMatcher()
        >>> m._names_feature_word("贺兰", "山"), m._names_feature_word("浙江", "湖")
        (True, False)
        """
        word = surface + after
        return after in _FEATURE_CHARS and word in _long_words() and word not in self.surfaces

    def _after_feature_word(self, text: str, start: int) -> bool:
        """Whether a name here starts with the last character of a feature's name made of a short
        name and 山湖江河 (``_names_feature_word``): 山东 in 贺兰山东麓, 湖南 in 青海湖南岸, 河北 in
        永定河北京段 (matching goes on at the name's second character, so 北京 is found).

        >>> m = PlaceMatcher()
        >>> m._after_feature_word("祁连山西段", 2), m._after_feature_word("浙江湖州", 2)
        (True, False)
        """
        for length in (2, 3):
            surface = text[max(0, start - length) : start]
            is_short = any(short for _, short in self.surfaces.get(surface, ()))
            after = text[start : start + 1]
            if len(surface) == length and is_short and self._names_feature_word(surface, after):
                return True
        return False

    def _ends_word(
        self, text: str, start: int, end: int, candidates: list[tuple[str, bool]], previous_end: int
    ) -> bool:
        """Whether a county-level short name closes a longer word of jieba's dictionary that is no
        place name: 长江源 (the source of the Yangtze, not 江源区), 黄河口, 夜未央, 蓝天白云, 坚如磐石,
        渡赤水. The word may start up to ``_WORD_BEFORE`` characters before the name, not inside the
        place name before it (辽宁海城 is 辽宁 + 海城, though 宁海城 is a word).

        On the 4,199 build articles of rmrb-2023-07-08 this drops 10 of 31,997 mentions (长江源 ×3,
        夜未央, 四渡赤水, 子牙新河, 南太湖, 黄河口, 蓝天白云, 坚如磐石), all wrong when read
        (tools/places_precision_build.txt, part 10).

        >>> m = PlaceMatcher()
        >>> m._ends_word("黄河口大闸蟹", 1, 3, m.surfaces["河口"], 0)
        True
        >>> m._ends_word("生于辽宁海城", 4, 6, m.surfaces["海城"], 4)
        False
        """
        if not all(short and self.units[code].level == "county" for code, short in candidates):
            return False
        words = _long_words()
        for first in range(max(0, previous_end, start - _WORD_BEFORE), start):
            word = text[first:end]
            if word in words and word not in self.surfaces:
                return True
        return False

    def _names_river(self, text: str, start: int, end: int, candidates: list[tuple[str, bool]]) -> bool:
        """Whether a short name that is also a river's or a mountain's names the river or mountain
        here (see ``_RIVER_AFTER``, ``_MOUNTAIN_AFTER``).

        On the 4,199 build articles of rmrb-2023-07-08 this drops 17 of 32,096 mentions (牡丹江 ×4,
        黑龙江 ×4, 怒江 ×3, 綦江 ×2, 小凌河 ×2, 太子河, 子牙新河), 16 wrong and 1 arguable
        when read, and its mountain words 12 more (武夷山国家公园 ×5, 黄山峰 ×5, 黄山脚下, 泰山巍然),
        all wrong (tools/places_precision_build.txt); its numbered floods 2 more (綦江2023年第1号
        洪水), both wrong (part 9). Below the province level also waterway words, a list of rivers
        and a boat crossing or branch before (``_RIVER_AFTER_LOCAL``, ``_RIVER_BEFORE_LOCAL``): 4 more
        of 31,921 (右江千吨级黄金水道, 唐河、沙河等河道, 泛舟锦江, 南支沙河), all wrong (part 16).

        >>> m = PlaceMatcher()
        >>> m._names_river("牡丹江水位快速上涨", 0, 3, m.surfaces["牡丹江"])
        True
        >>> m._names_river("浙江两岸融合发展", 0, 2, m.surfaces["浙江"])
        False
        >>> m._names_river("泰山巍然矗立", 0, 2, m.surfaces["泰山"])
        True
        """
        river = _RIVER_NAME.search(text, start, end) and (
            _RIVER_AFTER.match(text, end)
            or (
                all(self.units[code].level != "province" for code, _ in candidates)
                and (
                    _RIVER_AFTER_LOCAL.match(text, end)
                    or _RIVER_BEFORE_LOCAL.search(text, max(0, start - 2), start)
                )
            )
        )
        mountain = _MOUNTAIN_NAME.search(text, start, end) and _MOUNTAIN_AFTER.match(text, end)
        if not river and not mountain:
            return False
        return all(short for _, short in candidates)

    @staticmethod
    def _names_person(text: str, start: int, end: int) -> bool:
        """Whether a place name here is part of a person's name (see ``_ROLE_BEFORE``,
        ``_TRANSLITERATED_BEFORE``).

        On the 4,196 build articles of rmrb-2023-07-08 this drops 6 of 32,105 mentions, all
        rightly (旗委书记兴安介绍, 外长沙伦赛表示, 副部长沙拉比表示, 秘书长沙希德·萨塔尔,
        ·普拉萨德认为, ·坎西安近日); with a surname between role and name 7 more of 32,013, all
        rightly (站长黄江南介绍, 主任陈金山介绍, 部长周广东说).

        >>> m = PlaceMatcher()
        >>> m._names_person("监委主任沈阳红认为", 4, 6), m._names_person("杭州市长表示", 0, 2)
        (True, False)
        >>> m._names_person("站长黄江南介绍", 3, 5), m._names_person("局长在通州表示", 3, 5)
        (True, False)
        """
        role = (
            _ROLE_BEFORE.search(text, max(0, start - 4), start)
            or _ROLE_BEFORE.search(text, max(0, start - 3), start + 1)
            or (
                _HAN_CHAR.match(text, start - 1) is not None
                and text[start - 1] not in _NOT_SURNAME
                and _ROLE_BEFORE.search(text, max(0, start - 5), start - 1) is not None
            )
        )
        if role and _SAYING_AFTER.match(text, end):
            return True
        return bool(_TRANSLITERATED_BEFORE.search(text, max(0, start - 3), start)) and bool(
            _HAN_CHAR.match(text, end)
        )

    def find(self, text: str, context_chars: int = 10) -> list[dict]:
        """Resolved place mentions of one text (dicts with ``PLACE_COLUMNS`` but the article keys)."""
        mentions = []
        for start, end in self._matcher.finditer(text, partial(self._straddles, text)):
            surface = text[start:end]
            if surface in self.block:
                continue
            candidates = self.surfaces[surface]
            if text[end - 1 : end + 1] in self.suffix_words and not any(short for _, short in candidates):
                # 合作市场 is 合作 + 市场: read the name without its suffix
                end -= 1
                surface = text[start:end]
                if surface not in self.surfaces:
                    continue
                candidates = [(code, True) for code, _ in self.surfaces[surface]]
            after = text[end : end + 1]
            if all(short for _, short in candidates) and (
                (after in _NOT_AFTER_SHORT and not self._province_before_jiang(surface, after, candidates))
                or (
                    after in _NOT_AFTER_LOCAL_SHORT
                    and all(self.units[c].level != "province" for c, _ in candidates)
                )
            ):
                following = next(iter(self._matcher.finditer(text[end : end + 12])), None)
                if following is None or following[0] != 0:
                    continue
                if self._names_feature_word(surface, after):
                    continue
            if (
                self._names_feature(text, start, end, candidates)
                or self._names_other(text, start, end, candidates)
                or self._names_river(text, start, end, candidates)
                or self._names_person(text, start, end)
                or self._ends_word(text, start, end, candidates, mentions[-1][1] if mentions else 0)
            ):
                continue
            mentions.append((start, end, surface, candidates))
        mentions = drop_counties_in_counties(self.units, drop_other_provinces(self.units, mentions))
        in_list = listed(text, mentions)
        in_address = addressed(self.units, mentions)
        context: set[str] = set()
        for _, _, surface, candidates in mentions:
            free = [
                code for code, short in candidates if not self._requirement(surface, self.units[code], short)
            ]
            if len(free) == 1:
                unit = self.units[free[0]]
                context.update(n for n in (unit.name, unit.province, unit.prefecture) if n)
        found = []
        for start, end, surface, candidates in mentions:
            eligible = {}
            for code, short in candidates:
                unit = self.units[code]
                score = self._score(unit, context)
                needed = self._requirement(surface, unit, short)
                if start in in_list and len(candidates) == 1:
                    needed = 0
                elif unit.province in in_address.get(start, ()):
                    needed = min(needed, 1)
                if score >= needed:
                    eligible[code] = (unit, score)
            if not eligible:
                continue
            top = min(_LEVEL_RANK[unit.level] for unit, _ in eligible.values())
            level = [(unit, score) for unit, score in eligible.values() if _LEVEL_RANK[unit.level] == top]
            best_score = max(score for _, score in level)
            best = sorted((unit for unit, score in level if score == best_score), key=lambda u: u.code)
            found.append(self._row(text, start, end, best, context_chars))
        return found

    @staticmethod
    def _row(text: str, start: int, end: int, best: list[_Unit], context_chars: int) -> dict:
        def shared(field: str) -> str:
            values = {getattr(u, field) for u in best}
            return values.pop() if len(values) == 1 else ""

        return {
            "start": start,
            "end": end,
            "match": text[start:end],
            "name": shared("name") or text[start:end],
            "code": best[0].code if len(best) == 1 else "",
            "level": shared("level"),
            "province": shared("province"),
            "prefecture": shared("prefecture"),
            "candidates": "|".join(u.code for u in best),
            "dateline": bool(_DATELINE_AFTER.match(text, end)),
            "context": _context(text, start, end, context_chars),
        }


@cache
def _default_matcher() -> PlaceMatcher:
    return PlaceMatcher()


def find_places(text: str, matcher: PlaceMatcher | None = None, context_chars: int = 10) -> pd.DataFrame:
    """Place mentions of one text, resolved (see ``PlaceMatcher``).

    >>> find_places("甘肃省金昌市结合市政府廉政工作会议精神")[["match", "name", "level"]].values.tolist()
    [['甘肃省', '甘肃省', 'province'], ['金昌市', '金昌市', 'prefecture']]
    """
    rows = (matcher or _default_matcher()).find(text, context_chars)
    return pd.DataFrame(rows, columns=PLACE_COLUMNS[2:]).astype(
        {"start": "int64", "end": "int64", "dateline": bool}
    )


def _places_by_article(
    articles: pd.DataFrame | str,
    matcher: PlaceMatcher | None = None,
    context_chars: int = 10,
    *,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """``extract_places``'s table with each article's rows kept in ``cache_dir``: what
    ``cached_table`` computes when the whole table is not kept yet (a corpus with a new file)."""
    from textkit.memo import cached_per_article

    return cached_per_article(
        cache_dir, extract_places, articles, matcher=matcher, context_chars=context_chars
    )


def extract_places(
    articles: pd.DataFrame | str,
    matcher: PlaceMatcher | None = None,
    context_chars: int = 10,
    *,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Place mentions of every article, one row per mention (``PLACE_COLUMNS``).

    ``name, level, province, prefecture`` are those of the gazetteer; ``code`` is the 6-digit
    division code, empty when the mention fits several units equally well (then ``candidates``
    lists their codes, separated by ``|``). ``dateline`` marks the place a report was filed from
    (本报北京7月3日电): the summaries leave those out unless asked. ``split_articles`` takes the
    dateline out of the text into the ``place`` column; that place, when in the gazetteer, is a
    row too, with ``dateline`` true and ``start == end == -1`` (it has no position in the text).
    So are the places of the author's note that ``split_articles`` takes out into ``author_note``
    (作者为浙江省台州市人民检察院党组书记: the author's institution, counted as the names inside
    institution names are; 北京市朝阳区, the place a reader signs a letter with), with ``dateline``
    false and the note as ``context``.

    >>> table = pd.DataFrame({"doc_id": ["a"], "article_no": [1], "text": ["正文。"], "place": ["南宁"],
    ...                       "author_note": ["浙江省台州市人民检察院党组书记"]})
    >>> extract_places(table)[["name", "dateline", "start"]].values.tolist()
    [['浙江省', False, -1], ['台州市', False, -1], ['南宁市', True, -1]]

    ``cache_dir``: each article's rows are kept there by the content of its row, so a rerun
    on a corpus with one new file finds the places of the new articles only
    (``textkit.memo.cached_per_article``; a custom ``matcher`` is not cached), and the whole table
    (``cached_table``): an unchanged corpus is one read. The table does not depend on it.
    """
    if cache_dir is not None:
        from textkit.memo import cached_table

        return cached_table(
            cache_dir, _places_by_article, articles, matcher=matcher, context_chars=context_chars
        )
    matcher = matcher or _default_matcher()
    table = _as_articles(articles)
    rows = []
    datelines = table["place"].tolist() if "place" in table.columns else [""] * len(table)
    notes = table["author_note"].tolist() if "author_note" in table.columns else [""] * len(table)
    for (doc_id, article_no, text), place, note in zip(_iter_texts(table), datelines, notes, strict=True):
        if isinstance(note, str) and note:
            for row in matcher.find(note, context_chars):
                rows.append({"doc_id": doc_id, "article_no": article_no, **row, "start": -1, "end": -1})
        found = matcher.find(text, context_chars)
        # a report filed from several places names each (本报北京、约翰内斯堡8月22日电, 四川成都/陕西汉中)
        parts = re.split("[、/]", place) if isinstance(place, str) and place else []
        for part in parts if not any(row["dateline"] for row in found) else []:
            for row in matcher.find(part, context_chars):
                if row["start"] == 0 and row["end"] == len(part):
                    rows.append(
                        {
                            "doc_id": doc_id,
                            "article_no": article_no,
                            **row,
                            "start": -1,
                            "end": -1,
                            "dateline": True,
                        }
                    )
        for row in found:
            rows.append({"doc_id": doc_id, "article_no": article_no, **row})
    return _table(rows, PLACE_COLUMNS).astype({"dateline": bool})
