"""Headlines: the kicker (引题), title, subtitle and column of an article's head lines.

A People's Daily head has up to three lines: a kicker above the main headline, the headline
(typeset large) and a subtitle below it. A line ending in ``——`` is a kicker and one opening
with ``——`` a subtitle (``textkit.articles.classify_line``); a column tag printed at either end
of the headline (（大运聚焦）, 【深度关注】, 《驻京专电》) names a column. What remains is the
untagged head of two plain lines: kicker and title, or title and subtitle. It is read, in this
order, from:

1. **the file's layout**, where the corpus writes every head as three slot lines (kicker, title,
   subtitle), a blank line for an empty slot, before the indented paragraphs (``head_slots``;
   rmrb-2023-07-08 is so written; ``uses_slot_layout`` tells whether a corpus is). Heading lines
   printed after the slots stand in the text (section headings, a box label); a title slot of
   four characters or less followed by a heading is a column (新闻速递) over the real headline;
2. **the lines themselves** otherwise (``kicker_above``): a column tag on the second line only
   makes it the headline, on the first only the first; a first line ending with a speech verb
   introduces the second (习近平……时强调); a second line naming the genre (……综述, 纪实) is a
   subtitle; two lines over a byline are read so too, unless the first is a quoted slogan
   (“我是党员，我在岗位”: a series, kept as column); else a logistic score of a few features of the two
   lines and of the first paragraph (``kicker_features``; weights in
   ``textkit/data/headline_weights.tsv``, fit by ``tools/fit_headline_model.py`` on heads of
   rmrb-2023-07-08 whose reading the file layout gives).

A box label printed under the headline (核心阅读, 内容提要: ``textkit/data/box_labels.txt``) is
never a subtitle: ``textkit.articles`` keeps it in the text, above the box it names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from textkit.datafiles import read_lines, read_tsv

__all__ = [
    "HeadFields",
    "column_tags",
    "head_fields",
    "head_slots",
    "is_box_label",
    "kicker_above",
    "kicker_features",
    "kicker_score",
    "slot_kinds",
    "uses_slot_layout",
]

# A column tag printed at either end of a headline: （国际视点）, 【深度关注】, 《驻京专电》; a series
# numbered with circled numbers past ⑳ (大家谈·一起来想一起来干㉑), named with a comma or 、
# (国际论坛·共享机遇、共谋发展的阳光大道), or with its part in brackets (关注集采落地（下）).
_TAG_CHARS = r"[\u4e00-\u9fff·•\s\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\d“”、，]"
TITLE_TAG_END = re.compile(
    rf"(?:\s*（(?P<p>{_TAG_CHARS}{{2,30}}(?:（{_TAG_CHARS}{{1,6}}）)?)）|\s*【(?P<b>{_TAG_CHARS}{{2,30}})】|\s+《(?P<a>{_TAG_CHARS}{{2,12}})》)$"
)
# 《…》 is a column only set apart by a space or colon: 国务院印发《…规划》 names a document.
TITLE_TAG_START = re.compile(
    rf"^(?:（(?P<p>{_TAG_CHARS}{{2,30}})）|【(?P<b>{_TAG_CHARS}{{2,30}})】|《(?P<a>{_TAG_CHARS}{{2,12}})》(?=\s|：|:))"
    r"\s*[：:]?\s*"
)
# A headline that introduces the main one (引题) ends with a speech verb: 习近平……时强调.
_KICKER_HEADING = re.compile(r"(?:强调|指出|表示|要求|寄语|勉励)$")
# A line naming the genre of the piece is a subtitle: ——……成效综述, ——……考察江苏纪实.
_GENRE = re.compile(r"(?:综述|纪实|侧记|述评|记事)$")
# Features of two plain head lines (see kicker_features).
_SPEECH = re.compile(r"(?:强调|指出|表示|要求|寄语|勉励|提出|显示|宣布|获悉)$")
_EVENT = re.compile(
    r"(?:举行|召开|开幕|闭幕|揭晓|落幕|启动|发布|印发|公布|开工|上线|揭牌|出炉|开通|结束|举办|完成|成立|下线|亮相)$"
)
_DETAIL = re.compile(
    r"^(?:明确|到20|到二〇|预计|同比|其中|已|将|约|为|通过|涉及|签约|提供|建立|新增|覆盖|共|力争|今年以来|截至|目前)"
)
_ATTEND = re.compile(r"出席|讲话|主持|致辞|陪同|会见|作报告|致贺电|致慰问电|宣读")
_PAIR = re.compile(r"[\u4e00-\u9fff”] +[\u4e00-\u9fff“]")
_QUOTED = re.compile(r"“[^“”]+”")
_WORD_CHARS = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]")
# The line kinds each head slot (kicker, title, subtitle) may hold.
_SLOT_KINDS = ({"heading", "kicker"}, {"heading"}, {"heading", "subtitle"})
_HEAD_LINE_KINDS = frozenset({"heading", "kicker", "subtitle"})
KICKER_FEATURES = (
    "first_comma",
    "second_comma",
    "first_speech_verb",
    "first_paired",
    "second_paired",
    "first_digit",
    "second_digit",
    "first_short",
    "second_short",
    "log_length_ratio",
    "second_attendance",
    "first_event",
    "second_detail",
    "lead_overlap_diff",
)


def is_box_label(line: str) -> bool:
    """Whether a line is the label of a box under the headline (核心阅读, 引 子).

    >>> is_box_label("核心阅读"), is_box_label("引 子"), is_box_label("核心阅读的意义")
    (True, True, False)
    """
    return "".join(line.split()) in _box_labels()


@cache
def _box_labels() -> frozenset[str]:
    return frozenset("".join(label.split()) for label in read_lines("box_labels.txt"))


def column_tags(title: str) -> tuple[str, list[str]]:
    """A headline without the column tags printed at its ends, and the tags.

    >>> column_tags("开展督查式调研抓实整改整治（学思想 强党性 重实践 建新功）")
    ('开展督查式调研抓实整改整治', ['学思想 强党性 重实践 建新功'])
    >>> column_tags("国务院印发《河套深港科技创新合作区深圳园区发展规划》")
    ('国务院印发《河套深港科技创新合作区深圳园区发展规划》', [])
    """
    tags = []
    for pattern in (TITLE_TAG_END, TITLE_TAG_START):
        match = pattern.search(title)
        if match and len(title) - len(match.group()) >= 2:
            tags.append(" ".join((match["p"] or match["b"] or match["a"]).split()))
            title = (title[: match.start()] + title[match.end() :]).strip()
    return title, tags


def _bigrams(text: str) -> set[str]:
    text = _WORD_CHARS.sub("", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _overlap(line: str, lead: str) -> float:
    grams = _bigrams(line)
    return len(grams & _bigrams(lead)) / len(grams) if grams else 0.0


def kicker_features(first: str, second: str, lead: str = "") -> dict[str, float]:
    """Features of two plain head lines that tell a kicker + title from a title + subtitle.

    Commas, a speech verb at the end of the first (…时强调), paired phrases set apart by a space
    (加强风险排查 加快灾后恢复: a headline), digits, a short line (≤ 7 characters: 共护长江), the
    log ratio of the lengths, leaders attending (丁薛祥出席: a subtitle), an event verb ending the
    first (…在京举行: a headline followed by its detail), a second line that gives detail
    (明确…, 其中…, 到2025年…), and how much more of the first line's character pairs than of
    the second's the first paragraph ``lead`` repeats (the headline's words recur in the lead).

    >>> f = kicker_features("李强主持召开平台企业座谈会", "丁薛祥出席")
    >>> f["second_attendance"], f["second_short"], f["first_short"]
    (1.0, 1.0, 0.0)
    """
    values = {
        "first_comma": "，" in first,
        "second_comma": "，" in second,
        "first_speech_verb": bool(_SPEECH.search(first)),
        "first_paired": bool(_PAIR.search(first)),
        "second_paired": bool(_PAIR.search(second)),
        "first_digit": bool(re.search(r"\d", first)),
        "second_digit": bool(re.search(r"\d", second)),
        "first_short": len(first) <= 7,
        "second_short": len(second) <= 7,
        "log_length_ratio": math.log(max(len(first), 1) / max(len(second), 1)),
        "second_attendance": bool(_ATTEND.search(second)),
        "first_event": bool(_EVENT.search(first)),
        "second_detail": bool(_DETAIL.search(second)),
        "lead_overlap_diff": _overlap(first, lead) - _overlap(second, lead),
    }
    return {name: float(values[name]) for name in KICKER_FEATURES}


@cache
def _weights() -> dict[str, float]:
    return {row["feature"]: float(row["weight"]) for row in read_tsv("headline_weights.tsv")}


def kicker_score(first: str, second: str, lead: str = "") -> float:
    """Log-odds that the first of two plain head lines is the kicker of the second.

    >>> kicker_score("重庆积极做好防汛救灾工作", "加强风险排查 加快灾后恢复") > 0
    True
    >>> kicker_score("第二届全球媒体创新论坛在上海举行", "李书磊以视频方式出席并发表主旨讲话") > 0
    False
    """
    weights = _weights()
    features = kicker_features(first, second, lead)
    return weights["bias"] + sum(weights[name] * value for name, value in features.items())


def kicker_above(first: str, second: str, lead: str = "") -> bool:
    """Whether the first of two plain headings is the kicker (引题) of the second.

    People's Daily prints a column tag at the end of the main headline, so a tag ending the
    second line, and not the first, marks the second as the headline, and a tag on the first
    only the first; a first line ending with a speech verb introduces the second (习近平……时强调);
    a second line naming the piece's genre (……综述, 纪实, 侧记: People's Daily prints such a line
    as ``——subtitle``) is the subtitle; otherwise ``kicker_score`` decides.

    >>> kicker_above("提升创新能力，激发创新活力", "强化企业科技创新主体地位（加快实现高水平科技自立自强④）")
    True
    >>> kicker_above("我国就业形势总体稳定（人民时评）", "就业是最基本的民生")
    False
    >>> kicker_above("上海口岸对金砖国家外贸增长强劲", "前7月进出口逾4000亿元")
    False
    """
    first_tag, second_tag = bool(TITLE_TAG_END.search(first)), bool(TITLE_TAG_END.search(second))
    if first_tag != second_tag:
        return second_tag
    if _KICKER_HEADING.search(first):
        return True
    if _GENRE.search(second):
        return False
    return kicker_score(first, second, lead) > 0


def _slot_shape(raw: str) -> tuple[list[str], bool] | None:
    # the first four lines and the rest (splitting every line of every file cost more than the test)
    lines = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n", 4)
    if len(lines) < 4:
        return None
    head, fourth = lines[:3], lines[3]
    if any(line[:1].isspace() for line in head) or not head[1].strip():
        return None
    indented = fourth[:1].isspace() and bool(fourth.strip())
    if fourth.strip() and not indented:
        return None
    if head[0].strip() and head[2].strip() and not indented:
        return None
    return head, not head[0].strip() or not head[2].strip()


def head_slots(raw: str) -> tuple[str, str, str] | None:
    """The three head slots (kicker, title, subtitle) of a raw file written in slot layout.

    The layout: the first three lines are the kicker, the title and the subtitle, each blank
    when there is none, and the paragraphs after them are indented (or a blank line follows).

    >>> head_slots("共护长江\\n12家法院签订绿色倡议\\n\\n\\u3000\\u3000本报九江8月27日电")
    ('共护长江', '12家法院签订绿色倡议', '')
    >>> head_slots("\\n第二届论坛在上海举行\\n李书磊出席\\n\\u3000\\u3000新华社上海电")
    ('', '第二届论坛在上海举行', '李书磊出席')
    >>> head_slots("标题\\n\\n正文第一段。") is None
    True
    """
    shape = _slot_shape(raw)
    if shape is None:
        return None
    head, _ = shape
    return head[0].strip(), head[1].strip(), head[2].strip()


def uses_slot_layout(raw_texts: Iterable[str], share: float = 0.25) -> bool:
    """Whether a corpus writes its heads in slot layout (``head_slots``): at least ``share``
    of its documents open with the three slots, one of them blank.

    >>> uses_slot_layout(["\\n标题\\n\\n\\u3000\\u3000正文。", "标题\\n正文。"])
    True
    >>> uses_slot_layout(["标题\\n\\n正文第一段。\\n第二段。"])
    False
    """
    total = hits = 0
    for raw in raw_texts:
        total += 1
        shape = _slot_shape(str(raw))
        hits += bool(shape and shape[1])
    return total > 0 and hits >= share * total


def slot_kinds(
    lines: Sequence[str], slots: tuple[str, str, str] | None, classify: Callable[[str], str]
) -> list[str]:
    """Kinds of the lines that fill the file's head slots (``head_slots``), when the text opens
    with them (``classify``: ``textkit.articles.classify_line``): a slot line is a head line even
    where its shape reads as a paragraph (入伏时间如何确定？, “成都大运会，我们准备好了！”, a title
    over 40 characters, a kicker with a full stop), which would otherwise leave the head without
    its title.

    >>> kinds = {"入伏时间如何确定？": "body"}
    >>> slot_kinds(["入伏时间如何确定？", "正文。"], ("", "入伏时间如何确定？", ""), kinds.get)
    ['heading']
    >>> slot_kinds(["标题", "正文。"], ("引题", "标题", ""), kinds.get)
    []
    """
    filled = [slot for slot in slots or () if slot]
    if not filled or list(lines[: len(filled)]) != filled:
        return []
    kinds = [classify(line) for line in filled]
    for position, (kind, line) in enumerate(zip(kinds, filled, strict=True)):
        if kind == "body":
            dash = "kicker" if line.endswith("——") else "subtitle" if line.startswith("——") else None
            kinds[position] = dash or "heading"
    return kinds


@dataclass
class HeadFields:
    """What a head block gives: the headline fields, column names, and head lines that belong
    to the text (a section heading or box label printed after the head); on a page of several
    pieces, the page's collective title and the columns of every piece on it."""

    kicker: str | None = None
    title: str | None = None
    subtitle: str | None = None
    columns: list[str] = field(default_factory=list)
    to_text: list[str] = field(default_factory=list)
    page_title: str | None = None
    page_columns: list[str] = field(default_factory=list)


def _rubric(kicker: str, title: str, subtitle: str) -> bool:
    """A title slot of four characters or less, alone: the name of a column (新闻速递, 代表之声)."""
    return not kicker and not subtitle and len("".join(title.split())) <= 4


def _page_head(
    kinds: Sequence[str], lines: Sequence[str], slots: tuple[str, str, str], lead: str, tail: list[int]
) -> HeadFields:
    """The first piece's head of a page of several: the slots hold the page's collective title
    (or a column name), the lines after them the piece's own head, when it has one."""
    kicker, title, subtitle = slots
    own_head = any(kinds[i] in _HEAD_LINE_KINDS for i in tail)
    if _rubric(kicker, title, subtitle):
        head = HeadFields()
        if own_head:
            head = _from_lines([kinds[i] for i in tail], [lines[i] for i in tail], lead, False)
        head.page_columns.append(title)
        return head
    collective, columns = column_tags(title)
    if own_head:
        head = _from_lines([kinds[i] for i in tail], [lines[i] for i in tail], lead, False)
    else:  # a preface under the page's title (an editor's note, a lead) has that title
        head = HeadFields(kicker or None, title, subtitle or None, to_text=[lines[i] for i in tail])
    head.page_title = " ".join(filter(None, [kicker, collective, subtitle]))
    head.page_columns = columns
    return head


def _from_slots(
    kinds: Sequence[str], lines: Sequence[str], slots: tuple[str, str, str], lead: str, page: bool = False
) -> HeadFields | None:
    """The head read from the file's slots, or None when the head lines do not start with them.
    ``page``: the file is a page of several pieces (see ``head_fields``)."""
    filled = [position for position, slot in enumerate(slots) if slot]
    if [slots[p] for p in filled] != list(lines[: len(filled)]):
        return None
    if any(kind not in _SLOT_KINDS[p] for p, kind in zip(filled, kinds, strict=False)):
        return None  # a ——subtitle in the kicker slot, a column name as title: not this layout
    kicker, title, subtitle = slots
    if kicker.endswith("——"):
        kicker = kicker[:-2].strip()
    if subtitle.startswith("——"):
        subtitle = subtitle[2:].strip()
    if page:
        return _page_head(kinds, lines, (kicker, title, subtitle), lead, list(range(len(filled), len(kinds))))
    # head lines after the slots go back to the text: headings, and a line ending in —— or opening
    # with it (这是生产一辆新能源汽车的4小时“旅程”——, the lead's first line, is no kicker here)
    rest = [i for i in range(len(filled), len(kinds)) if kinds[i] in _HEAD_LINE_KINDS]
    if _rubric(kicker, title, subtitle) and rest:
        # 新闻速递 over a headline printed in the text's place: a column over the article's head
        inner = _from_lines([kinds[i] for i in rest], [lines[i] for i in rest], lead, False)
        inner.columns.insert(0, title)
        return inner
    return HeadFields(kicker or None, title, subtitle or None, [], [lines[i] for i in rest])


def _from_lines(kinds: Sequence[str], lines: Sequence[str], lead: str, column_known: bool) -> HeadFields:
    plain = [i for i, k in enumerate(kinds) if k == "heading"]
    head = HeadFields()
    if "kicker" in kinds and ("subtitle" not in kinds or kinds.index("kicker") < kinds.index("subtitle")):
        kick = kinds.index("kicker")
        after = [i for i in plain if i > kick]
        head.title = lines[after[0]] if after else None
        head.kicker = lines[kick][:-2].strip()
        head.columns = [lines[i] for i in plain if i < kick]
        if head.title is None:  # a kicker alone heads nothing: keep it as the subtitle, as before
            head.subtitle, head.kicker = head.kicker, None
        elif "subtitle" in kinds and kinds.index("subtitle") > after[0]:
            head.subtitle = lines[kinds.index("subtitle")][2:].strip()
    elif "subtitle" in kinds:
        sub = kinds.index("subtitle")
        before = [i for i in plain if i < sub]
        head.title = lines[before[-1]] if before else None
        head.subtitle = lines[sub][2:].strip()
        head.columns = [lines[i] for i in before[:-1]]
        # short lines after the subtitle open the text: a speech's salutation (尊敬的莫迪总理，)
        head.to_text = [lines[i] for i in plain if i > sub]
        if len(head.columns) == 1 and not column_known and _KICKER_HEADING.search(head.columns[0]):
            head.kicker, head.columns = head.columns[0], []
    elif "byline" in kinds and plain and plain[0] < kinds.index("byline"):
        before = [i for i in plain if i < kinds.index("byline")]
        if len(before) == 2 and not _QUOTED.fullmatch(lines[before[0]]):
            return _two_lines(lines[before[0]], lines[before[1]], lead)
        # a quoted slogan over the headline names a series: “我是党员，我在岗位”
        head.title = lines[before[-1]]
        head.columns = [lines[i] for i in before[:-1]]
    elif len(plain) == 2:
        return _two_lines(lines[plain[0]], lines[plain[1]], lead)
    elif plain:
        first = 1 if len(plain) == 3 else 0
        head.kicker = lines[plain[0]] if first else None
        head.title = lines[plain[first]]
        head.subtitle = " ".join(lines[i] for i in plain[first + 1 :]) or None
    return head


def _two_lines(first: str, second: str, lead: str) -> HeadFields:
    if kicker_above(first, second, lead):
        return HeadFields(kicker=first, title=second)
    return HeadFields(title=first, subtitle=second)


def head_fields(
    kinds: Sequence[str],
    lines: Sequence[str],
    *,
    lead: str = "",
    slots: tuple[str, str, str] | None = None,
    column_known: bool = False,
    page: bool = False,
) -> HeadFields:
    """Kicker, title, subtitle and columns of a head block (``kinds`` and ``lines`` as
    ``textkit.articles.classify_line`` gives them; see the module docstring).

    A kicker is a line ending in ``——`` before the headline, the first of three plain
    headings, or the first of two when ``kicker_above`` says so; a subtitle a line opening
    with ``——`` or the line under the headline. Column tags at either end of the title go to
    ``columns``. ``slots``: the file's head slots (``head_slots``), read first when given;
    ``column_known``: the block names a known column (a single plain line above a ——subtitle
    is then a column, not a kicker ending with a speech verb); ``page``: the file is a page of
    several pieces (``textkit.articles`` tells), so the slots hold the page's collective title
    (``page_title``; a slot of four characters or less is a column, ``page_columns``, as are
    column tags of the collective title) and the head lines after them the first piece's head.

    >>> h = head_fields(["heading", "heading"], ["重庆积极做好防汛救灾工作", "加强风险排查 加快灾后恢复"])
    >>> h.kicker, h.title, h.subtitle
    ('重庆积极做好防汛救灾工作', '加强风险排查 加快灾后恢复', None)
    >>> h = head_fields(["heading", "heading"], ["新闻速递", "核科普知识竞赛参赛人数突破120万"],
    ...                 slots=("", "新闻速递", ""))
    >>> h.title, h.columns
    ('核科普知识竞赛参赛人数突破120万', ['新闻速递'])
    >>> page = "完善科技创新体系，加快实施创新驱动发展战略"
    >>> lines = [page, "持之以恒加强基础研究", "全国政协常委 王志刚"]
    >>> h = head_fields(["heading", "heading", "byline"], lines, slots=("", page, ""), page=True)
    >>> h.page_title, h.title
    ('完善科技创新体系，加快实施创新驱动发展战略', '持之以恒加强基础研究')
    """
    head = _from_slots(kinds, lines, slots, lead, page) if slots else None
    if head is None:
        head = _from_lines(kinds, lines, lead, column_known)
    if head.title is not None:
        head.title, tags = column_tags(head.title)
        head.columns.extend(tags)
    return head
