"""Which place mentions stand in an address or a list, and which candidates an address rules
out: the steps ``PlaceMatcher.find`` takes over all of a text's mentions at once.

Moved out of ``textkit.extract.places`` (the module had reached the house's 700 lines). A mention
is ``(start, end, surface, candidates)``, candidates ``[(unit code, is_short), ...]``; ``units``
maps a code to its unit (``name, level, province, prefecture``).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

from textkit.extract._place_context import _PLACE_LIST_END


def drop_other_provinces(units: Mapping, mentions: list) -> list:
    """In an address, a name right after a province belongs to that province.

    内蒙古大兴安岭 is the Greater Khingan of Inner Mongolia, not 大兴安岭地区 of Heilongjiang:
    candidates of another province are dropped, and the mention with them when none is left.
    Only after a province or autonomous region and for names below it: a municipality or a
    province name right before another is a list (北京保定两地, 安徽浙江两水利工程).
    """
    kept = []
    previous = None
    for mention in mentions:
        start, end, surface, candidates = mention
        if previous is not None and previous[1] == start:
            provinces = {
                units[code].name
                for code, _ in previous[3]
                if units[code].level == "province" and units[code].name.endswith(("省", "自治区"))
            }
            below = all(units[c].level != "province" for c, _ in candidates)
            if len(provinces) == 1 and len(previous[3]) == 1 and below:
                (province,) = provinces
                own = [(c, sh) for c, sh in candidates if units[c].province == province]
                if not own:
                    previous = mention
                    continue
                candidates = own
        kept.append((start, end, surface, candidates))
        previous = mention
    return kept


def drop_counties_in_counties(units: Mapping, mentions: list) -> list:
    """A county lies in no other county: a name written right after a county's full name is a
    town, street or body of that county, so its county-level candidates of another unit are
    dropped (乌审旗乌兰牧骑 is a troupe of 乌审旗, not 乌兰县 of Qinghai; 五常市沙河子镇 a town of
    五常, not 沙河市), and the mention with them when none is left. The same unit again stays
    (眉山市东坡区东坡城市湿地公园).

    On the 4,199 build articles of rmrb-2023-07-08 this drops 4 of 31,932 mentions (乌审旗乌兰
    牧骑, 五常市沙河子镇 ×2, 港口区白沙万街道), all wrong when read (places_precision_build.txt,
    part 14).

    >>> from textkit.extract.places import PlaceMatcher
    >>> m = PlaceMatcher()
    >>> [p["name"] for p in m.find("内蒙古自治区鄂尔多斯市乌审旗乌兰牧骑队长，青海海西")]
    ['内蒙古自治区', '鄂尔多斯市', '乌审旗', '青海省', '海西蒙古族藏族自治州']
    """
    kept = []
    previous = None
    for mention in mentions:
        start, end, surface, candidates = mention
        if previous is not None and previous[1] == start:
            before = {code for code, _ in previous[3]}
            # a full name only: a short name before may be a word (长寿七星关: long life)
            if all(units[code].level == "county" and not short for code, short in previous[3]):
                candidates = [
                    (code, short)
                    for code, short in candidates
                    if units[code].level != "county" or code in before
                ]
        previous = mention
        if candidates:
            kept.append((start, end, surface, candidates))
    return kept


def listed(text: str, mentions: list) -> set[int]:
    """Starts of the mentions that are items of a place list closed by 等地 or 两地 … (see
    ``_PLACE_LIST_END``): items follow each other with only 、 between them.

    >>> from textkit.extract.places import PlaceMatcher
    >>> m = PlaceMatcher()
    >>> [p["name"] for p in m.find("在厦门、新会等地新建生产线")]
    ['厦门市', '新会区']
    >>> [p["name"] for p in m.find("在新会新建")]
    []
    """
    found: set[int] = set()
    chain: list[int] = []
    previous_end = None
    for start, end, _, _ in mentions:
        if previous_end is None or text[previous_end:start] != "、":
            chain = []
        chain.append(start)
        if _PLACE_LIST_END.match(text, end):
            found.update(chain)
        previous_end = end
    return found


def addressed(units: Mapping, mentions: list) -> dict[int, frozenset[str]]:
    """Starts of the names written right after one province or autonomous region, with it.

    In an address (云南腾冲, 浙江安吉) the province names the county's province, so a county's
    short name there needs its province only, not its prefecture, as context.

    >>> from textkit.extract.places import PlaceMatcher
    >>> m = PlaceMatcher()
    >>> [p["name"] for p in m.find("北起黑龙江黑河，南至云南腾冲")]
    ['黑龙江省', '黑河市', '云南省', '腾冲市']
    >>> [p["name"] for p in m.find("南至腾冲")]
    []
    >>> [p["name"] for p in m.find("我出生在河北安国城南")]  # 河北 is also 天津's 河北区
    ['河北省', '安国市']
    """
    found: dict[int, frozenset[str]] = {}
    for previous, mention in pairwise(mentions):
        if previous[1] != mention[0]:
            continue
        # 河北 is also 天津's 河北区: any province reading of the name before counts
        provinces = frozenset(
            unit.name
            for unit in (units[code] for code, _ in previous[3])
            if unit.level == "province" and unit.name.endswith(("省", "自治区"))
        )
        if provinces:
            found[mention[0]] = provinces
    return found
