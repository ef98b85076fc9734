"""Names of China's administrative divisions (``data/gazetteer_cn_admin.tsv``) without their unit
suffix: shared by the stages that read addresses (``textkit.pages``: readers' signatures) and the
extraction of places (``textkit.extract.places``). Knows no stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from textkit.datafiles import read_lines

__all__ = ["COUNTY_SUFFIXES", "PREFECTURE_SUFFIXES", "PROVINCE_SUFFIXES", "ethnic_groups", "short_name"]

PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")
PREFECTURE_SUFFIXES = ("自治州", "地区", "盟", "市")
COUNTY_SUFFIXES = ("自治县", "自治旗", "特区", "林区", "县", "市", "区", "旗")


@cache
def ethnic_groups() -> tuple[str, ...]:
    """The ethnic groups' names, with and without 族, longest first (``gazetteer_ethnic_groups.txt``).

    >>> "壮族" in ethnic_groups() and "壮" in ethnic_groups()
    True
    """
    names = set()
    for name in read_lines("gazetteer_ethnic_groups.txt"):
        names.add(name)
        names.add(name.removesuffix("族"))
    return tuple(sorted(names, key=len, reverse=True))


def short_name(name: str, level: str, groups: Iterable[str] | None = None) -> str:
    """The name without its unit suffix, or ``""`` when fewer than two characters would remain.

    ``groups``: the ethnic group names an autonomous unit's name drops (default ``ethnic_groups()``).

    >>> short_name("恩施土家族苗族自治州", "prefecture"), short_name("新疆维吾尔自治区", "province")
    ('恩施', '新疆')
    >>> short_name("忠县", "county"), short_name("鄂温克族自治旗", "county")
    ('', '')
    """
    groups = tuple(groups) if groups is not None else ethnic_groups()
    suffixes = {"province": PROVINCE_SUFFIXES, "prefecture": PREFECTURE_SUFFIXES}.get(level, COUNTY_SUFFIXES)
    stem = name
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            break
    if stem == name:
        return ""
    if stem in groups:
        return ""
    if "自治" in name:
        stripped = True
        while stripped:
            stripped = False
            for group in groups:
                if stem.endswith(group) and len(stem) - len(group) >= 2:
                    stem = stem[: -len(group)]
                    stripped = True
                    break
    return stem if len(stem) >= 2 else ""
