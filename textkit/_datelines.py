"""Stage 2b — articles: the patterns of People's Daily and Xinhua datelines (本报北京7月7日电,
（新华社北京7月24日电  记者熊争艳、潘晔）), which ``textkit.articles`` reads an article's place,
filing date and closing reporters from."""

from __future__ import annotations

import re

from textkit.pages import is_name, join_names

# The place of a dateline: Chinese characters, a country's short disambiguator in brackets
# (刚果（金）布卡武) and places joined by a slash (四川成都/陕西汉中).
# Places of one report filed from several joined by 、 (本报东京、首尔、堪培拉、柏林8月2日电).
_PLACE_UNIT = r"(?:[\u4e00-\u9fff]|[（(][\u4e00-\u9fff]{1,3}[）)]|[/、](?=[\u4e00-\u9fff]))"
_DATELINE_PLACE = _PLACE_UNIT + "{2,24}?"
_DATELINE = re.compile(
    r"[（(]?(?P<agency>新华社|中新社|本报)(?P<place>" + _DATELINE_PLACE + r")"
    r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日电[）)]?"
)
# 据新华社巴黎7月3日电: a report the paper took from the agency ("according to Xinhua"); the
# international pages print some without the date (据新华社布鲁塞尔电  （记者康逸）): only after 据
# and an agency, as 本报记者从国家电网… would read as 本报 + a place + 电. The paper's own 本报电 with
# neither place nor date gives its reporters (本报电  （记者朱隽）); without them it stays text (the
# items of a digest page open with it).
_LEAD_DATELINE = re.compile(
    r"^(?:据?(?P<dateline>(?:新华社|中新社|本报)" + _DATELINE_PLACE + r"\d{1,2}月\d{1,2}日电)"
    r"|据(?P<undated>(?:新华社|中新社)" + _DATELINE_PLACE + r"电)|本报电(?=\s*[（(](?:记者|通讯员)))\s*"
    r"(?:[（(](?:记者|通讯员)?\s*(?P<names>[^（）()]{1,30})[）)])?"
)
_UNDATED = re.compile(r"(?P<agency>新华社|中新社|本报)(?P<place>" + _DATELINE_PLACE + r")电")
# A dateline closing the text, with or without the reporters: （新华社北京7月24日电  记者熊争艳、
# 潘晔）, （新华社约翰内斯堡8月26日电  参与记者：谢江、韩梁）, （新华社北京7月31日电）; the
# international pages' reports may close without the date (（本报日内瓦电）: the place, no date).
# A report filed from many capitals closes with all of them (本报北京、开罗、墨西哥城、……、里约热内卢
# 7月19日电: ten places, 44 characters), past a lead dateline's 24.
_MANY_PLACES = re.compile(
    r"(?P<agency>新华社|中新社|本报)(?P<place>" + _PLACE_UNIT + r"{25,80}?)"
    r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日电"
)
# The reporters may follow the date with no 记者 (（新华社北京8月4日电  刘艺、彭冰洁、赵婉姝）): names
# only (``closing_dateline``), as （新华社北京7月1日电  新华社记者） names no one.
_END_DATELINE = re.compile(
    r"[（(](?P<dateline>(?:新华社|中新社|本报)" + _PLACE_UNIT + "{2,80}?" + r"(?:\d{1,2}月\d{1,2}日)?电)"
    r"(?:\s*(?:参与)?(?:记者|通讯员)[：:]?\s*(?P<names>[^（）()：:]{1,60})|\s+(?P<bare>[\u4e00-\u9fff·、，\s]{2,60}?))?"
    r"\s*[）)]$"
)


def closing_dateline(line: str) -> re.Match | None:
    """The dateline closing ``line`` (``_END_DATELINE``), or None; reporters written without
    记者 after the date must all read as names (``textkit.pages.is_name``).

    >>> closing_names(closing_dateline("（新华社北京8月4日电  刘艺、彭冰洁、赵婉姝）"))
    '刘艺 彭冰洁 赵婉姝'
    >>> closing_names(closing_dateline("（新华社北京7月24日电  记者熊争艳、潘晔）"))
    '熊争艳 潘晔'
    >>> closing_dateline("（新华社北京7月1日电  新华社记者）") is None
    True
    """
    match = _END_DATELINE.search(line)
    if match and match["bare"] and not all(map(is_name, join_names(match["bare"]).split())):
        return None
    return match


def closing_names(match: re.Match) -> str:
    """The reporters a closing dateline names, space-separated (``""`` for none)."""
    return join_names(match["names"] or match["bare"])
