"""Stage 2b — articles: one row per article, with its metadata.

A scraped file can hold several articles (a Xinhua digest, a newspaper page)
and wraps each in headlines, bylines and datelines. ``split_articles`` reads
the normalized lines of each document, classifies them, and cuts articles at:

- **datelines and bylines that close an article** — Xinhua pieces printed in a
  newspaper end with ``新华社记者 王朋（新华社兰州3月24日电）``;
- **head blocks** — a run of non-body lines (column name, kicker ending in
  ``——``, title, ``——subtitle``, byline ``本报记者 X``, source line
  ``《学习时报》（20251103日第03版）``) that contains a byline, a column name or
  a source line, or is followed by a paragraph opening with a dateline
  (``本报北京7月7日电``); a kicker and heading alone are a section heading;
- **commentary columns** whose title and author come after the body: an
  article opened by a column name alone (``金台潮声``) takes the first heading
  after its body as its title and a following name-like line as its author,
  as People's Daily prints them.

Kicker, title, subtitle and column are told apart by ``textkit.headlines`` (file head
slots where the corpus writes them, else the lines themselves); a box label under the
headline (核心阅读) stays in the text. A page of several pieces (``textkit.pages``) is cut
also at a note naming a piece's writers (（林丽鹂）) and at a speaker's byline (全国政协常委
王志刚); such notes leave the text for ``author`` wherever they stand, as does a picture story's
closing credit (姚  峰摄（影像中国）, 柳  青文 under a 这正是： verse; ``textkit.pages.photo_credit``).
A lone short heading between paragraphs is a section heading and stays in the text. Layouts
this cannot recover, so that a researcher knows to check:

- a file that runs two articles together with no byline, dateline, column or
  source line between them comes out as one article;
- a title printed *after* the body is only recognised for articles opened by a
  column name (other layouts keep such a line in the text);
- ``本报`` (this paper) is resolved to a paper only through the same file (a
  column of that paper, a domain in a copyright line) or ``default_source``;
- datelines give month and day only; the year comes from a ``YYYYMMDD`` in the
  file name when there is one, otherwise the date is written ``--MM-DD``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, partial

import pandas as pd

from textkit._datelines import (
    _DATELINE,
    _LEAD_DATELINE,
    _MANY_PLACES,
    _UNDATED,
    closing_dateline,
    closing_names,
)
from textkit._dates import resolve_date
from textkit._regex import may_match, required_strings
from textkit._text_column import TextColumn
from textkit.datafiles import read_tsv
from textkit.headlines import column_tags, head_fields, head_slots, is_box_label, slot_kinds, uses_slot_layout
from textkit.normalize import normalize_text
from textkit.pages import (
    add_contributors,
    dropped_credit,
    is_name,
    is_page,
    join_names,
    photo_credit,
    reader_byline,
    share_page_head,
    signer_lines,
    signing_note,
    split_preface,
    split_roles,
    take_closing_credits,
    take_compiled_credits,
    take_dialogue_speakers,
    take_signing_notes,
)
from textkit.parallel import apply_each, imap_batches, worth_parallel

__all__ = ["ARTICLE_COLUMNS", "article_report", "classify_line", "split_articles"]

ARTICLE_COLUMNS = [
    *("doc_id", "article_no", "kicker", "title", "subtitle", "author", "author_role", "author_note"),
    *("source", "place", "date", "dateline_date", "column", "page_title", "n_chars", "text"),
]

_NAME = r"[\u4e00-\u9fff·]{2,6}"
# A byline after □ or ■ names an organisation (□ 中共扬州市委主题教育领导小组). People's Daily prints
# the same marks before summary bullets and box labels (■记者手记, ■创业心得): text, see classify_line.
_ORG_HEAD = r"(?:小组|委员会|委|办公室|办|部|局|厅|院|所|中心|会|社|队|站|处|室|校|党组|支部|集团|公司|政府)"
_BULLET = re.compile(r"^[□■]")
# Titles that end a speaker's role before the name (……总理  索加瓦雷, 全国政协常委  黄润秋).
_TITLE_WORD = (
    r"(?:常委|委员长|委员|主席|主任|秘书长|代表|总理|总统|首相|署长|部长|外长|大使|院长|校长|校（院）长|理事长|会长|总编辑|编委|"
    r"董事长|总经理|行长|省长|市长|州长|议长|局长|厅长|所长|社长|书记|教授|研究员|院士)"
)
_BYLINE = re.compile(
    r"^(?:[□■]\s*(?P<org>.+" + _ORG_HEAD + r")"
    # a speaker or proposer over a page's piece: a role ending in a title, a space, the names
    # (全国政协常委  王志刚  黄  卫（代表…）, 所罗门群岛总理  索加瓦雷), 提案人：民进中央
    r"|[\u4e00-\u9fff、，“”\d（）]{3,40}?"
    + _TITLE_WORD
    + r"\s+(?P<speakers>[\u4e00-\u9fff·]{1,8}(?:\s+[\u4e00-\u9fff·]{1,6})*)"
    r"\s*(?:[（(]代表[^（）()]{1,20}[）)])?|提案人[：:]\s*(?:全国政协(?:常委|委员))?\s*(?P<proposer>[^，。；：:]{2,30})"
    # the reporters' names a character at a time: names of 1-6 characters read the same lines but
    # tried every cut of a long run into names first (记者, 30 characters and a dash: minutes)
    r"|(?P<agency>本报|新华社|人民日报|中新社|光明日报|经济日报)?(?:特约)?"
    r"(?:记者|通讯员)(?P<names>(?:\s*[\u4e00-\u9fff·])*)\s*(?P<rest>[（(].*)?)$"
)
_END_BYLINE = re.compile(
    r"[（(](?P<agency>本报|新华社)?(?:特约)?(?:记者|通讯员)\s*(?P<names>[^（）()]{1,100})[）)]$"
)
# Who the author is: （作者为…）, （作者系…）, （作者单位：…）, （作者分别为…） for two authors; the note
# may hold a bracketed name (中央党校（国家行政学院）教授).
_AUTHOR_NOTE = re.compile(
    r"^(?P<name>" + _NAME + r")?[（(]作者(?:分别)?(?:系|为|是|单位[：:为])"
    r"(?P<note>(?:[^（）()]|[（(][^（）()]*[）)])+)[）)]$"
)
_SOURCE_LINE = re.compile(
    r"^《(?P<source>[^》]{2,12})》\s*[（(]?(?P<date>\d{4}[-年.]?\d{1,2}[-月.]?\d{1,2})日?(?:第?\d+版)?[）)]?$"
)
_SIGNATURE = re.compile(r"^——\s*(编\s*者|本报评论员|本刊编辑部)$")
_NOTE = re.compile(r"^[（(][^（）()]{1,30}[）)]$")
_SENTENCE_MARK = re.compile("[。！？!?；]")
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_HEAD_KINDS = {"heading", "kicker", "subtitle"}


@cache
def _columns() -> tuple[tuple[re.Pattern, str], ...]:
    rows = read_tsv("sources.tsv")
    return tuple((re.compile(r["pattern"]), r["source"]) for r in rows if r["kind"] == "column")


@cache
def _domains() -> tuple[tuple[re.Pattern, tuple[str, ...] | None, str], ...]:
    # with what each pattern's matches hold: a file without it is not searched (0.05 s on rmrb)
    rows = [row for row in read_tsv("sources.tsv") if row["kind"] == "domain"]
    return tuple((p := re.compile(row["pattern"]), required_strings(p), row["source"]) for row in rows)


def _column_source(line: str) -> str | None:
    for pattern, source in _columns():
        if pattern.fullmatch(line):
            return source
    return None


@cache
def _any_column() -> re.Pattern:
    """The column patterns as one alternation: a whole line matches it iff it matches one of them."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _columns()))


# What every _BYLINE match holds: □, ■ or 提案人 first, 记者 or 通讯员, or a space after a title.
_BYLINE_HINT = re.compile(r"^(?:[□■]|提案人)|记者|通讯员|\s")


def classify_line(line: str) -> str:
    """Kind of one normalized line: ``dateline``, ``byline``, ``author_note``, ``source_line``,
    ``column``, ``signature`` (``——编者``), ``note`` (a line in parentheses, such as
    ``（实习生X参与采写）``), ``box`` (the label of a box of text under the headline, such as
    ``核心阅读``: part of the text), ``kicker``, ``subtitle``, ``heading`` or ``body``.

    >>> [classify_line(s) for s in ["新华社记者 王朋（新华社兰州3月24日电）", "本报记者 李林蔚",
    ...  "金台潮声", "——各地扎实开展学习教育", "办好群众身边事", "春风浩荡，奋进当时。", "核心阅读"]]
    ['dateline', 'byline', 'column', 'subtitle', 'heading', 'body', 'box']
    """
    # Cheap necessary conditions first (most lines are paragraphs): the same kinds as each pattern
    # in turn on every line of rmrb-2023-07-08 (tests/test_articles.py), about 5 times faster.
    marked = _SENTENCE_MARK.search(line) is not None
    short = len(line) <= 60
    if short and not marked and "日电" in line and _DATELINE.search(line):
        return "dateline"
    if short and not marked and _BYLINE_HINT.search(line) and (_BYLINE.match(line) or reader_byline(line)):
        # a sidebar's label is its column, though 记者手记 reads as 记者 and a name (手记)
        return "column" if _any_column().fullmatch(line) else "byline"
    if "作者" in line and _AUTHOR_NOTE.match(line):
        return "author_note"
    if _SOURCE_LINE.match(line):
        return "source_line"
    if _any_column().fullmatch(line):
        return "column"
    if _SIGNATURE.match(line):
        return "signature"
    if not marked and _NOTE.match(line):
        return "note"
    if _BULLET.match(line) or is_box_label(line):
        return "box"  # ■ before anything but an organisation: a bullet or a box label, in the text
    # a column tag at the end of a headline is not counted: （深入学习贯彻习近平新时代中国特色社会主义思想）
    # alone is 24 characters, and the headline it tags is still a heading (column_tags never
    # lengthens a line)
    if marked or (len(line) > 40 and len(column_tags(line)[0]) > 40):
        return "body"
    if line.startswith("——"):
        return "subtitle"
    if line.endswith("——"):
        return "kicker"
    return "heading"


@dataclass
class _Article:
    heads: list[tuple[str, str]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    signed: bool = False  # ended by a note naming its writers, with another piece after it
    page_columns: list[str] = field(default_factory=list)

    def set(self, key: str, value: str | None) -> None:
        if value and not self.meta.get(key):
            self.meta[key] = value


def _apply_dateline(article: _Article, line: str) -> None:
    match = _DATELINE.search(line) or _MANY_PLACES.fullmatch(line)
    if not match:
        undated = _UNDATED.fullmatch(line)  # 新华社布鲁塞尔电, 本报日内瓦电: the agency and place, no date
        if undated:
            article.set("agency", undated["agency"])
            article.set("place", undated["place"])
        return
    article.set("agency", match["agency"])
    article.set("place", match["place"])
    article.set("dateline", f"--{int(match['month']):02d}-{int(match['day']):02d}")


def _apply_byline(article: _Article, line: str) -> None:
    match = _BYLINE.match(line)
    names = join_names(line)
    # a name alone, or the names of a piece's two writers (杨明方  李亚楠), not a reader's place
    # and name (北京市朝阳区  林丽鹂): pages.signer_lines
    several = " " in names and reader_byline(line) is None and all(map(is_name, names.split()))
    if not match and (is_name(names) or several):
        article.set("author", names)
        return
    if not match:
        # 北京市朝阳区  林丽鹂: a reader, whose place is kept as a note on the author
        for key, value in zip(("author_note", "author"), reader_byline(line) or (), strict=False):
            article.set(key, value)
        return
    if match["org"] or match["proposer"]:
        article.set("author", (match["org"] or match["proposer"]).strip())
        return
    if match["speakers"]:
        article.set("author", join_names(match["speakers"]))
        return
    article.set("agency", match["agency"])
    article.set("author", join_names(match["names"]))
    if match["rest"]:
        _apply_dateline(article, match["rest"])


def _apply_head(article: _Article, kind: str, line: str) -> None:
    if kind == "dateline":
        _apply_byline(article, line)
        _apply_dateline(article, line)
        closing = closing_dateline(line)  # （新华社北京7月24日电  记者熊争艳、潘晔） on its own line
        if closing:
            article.set("author", closing_names(closing))
    elif kind == "byline":
        _apply_byline(article, line)
    elif kind == "author_note":
        match = _AUTHOR_NOTE.match(line)
        article.set("author", match["name"])
        # （作者为…主任，本报记者付明丽采访整理）: the note's last clause may name who wrote it up,
        # an author with the role; the rest says who the author is
        who, _, last = match["note"].strip().rpartition("，")
        note = signing_note(f"（{last}）") if who else None
        if note is not None and note.role:
            add_contributors(article, note)
        # （作者为浙江省台州市人民检察院党组书记、检察长）: who the author is, kept (places, roles)
        article.set("author_note", who if note is not None and note.role else match["note"].strip())
    elif kind == "source_line":
        match = _SOURCE_LINE.match(line)
        article.set("source", match["source"])
        digits = re.sub(r"\D", "", match["date"])
        if len(digits) == 8:
            article.set("date", f"{digits[:4]}-{digits[4:6]}-{digits[6:]}")
    elif kind == "column":
        article.set("column", line)
        article.set("column_source", _column_source(line))


def _titles(article: _Article, slots: tuple[str, str, str] | None = None, page: bool = False) -> None:
    """Kicker, title, subtitle and column from the head block (``textkit.headlines.head_fields``).

    Head lines that belong to the text (printed after the file's head slots) go back to the
    top of the body, when there is one. ``page``: the first piece of a page of several, whose
    head opens with the page's (its collective title, its column names: ``page_columns``).
    """
    kinds = [kind for kind, _ in article.heads]
    lines = [line for _, line in article.heads]
    if not any(k in {"heading", "kicker", "subtitle"} for k in kinds):
        return
    lead = next((line for line in article.body if not is_box_label(line)), "")[:200]
    head = head_fields(
        kinds, lines, lead=lead, slots=slots, column_known=bool(article.meta.get("column")), page=page
    )
    if page:
        article.set("page_title", head.page_title)
        article.page_columns = head.page_columns + [line for kind, line in article.heads if kind == "column"]
    article.set("title", head.title)
    article.set("kicker", head.kicker)
    article.set("subtitle", head.subtitle)
    if slots and slots[2] and not head.subtitle and not page and article.body and article.body[0] == slots[2]:
        # a subtitle slot too long for a heading line (over 40 characters, or with a ；) opened the
        # text: 收入自2020年10月……共74篇，约65.3万字
        article.set("subtitle", slots[2].removeprefix("——"))
        article.body.pop(0)
    if head.columns:
        existing = article.meta.get("column")
        article.meta["column"] = " ".join(([existing] if existing else []) + head.columns)
    if article.body:  # a page of heading lines only (editor credits, an advert) stays without text
        article.body[:0] = head.to_text


def _opens_article(kinds: list[str], next_body: str | None) -> bool:
    """A head block between paragraphs opens a new article only with a byline, a column
    name or a source line, or when the paragraph after it starts with a dateline. A kicker
    and heading alone are a section of the same article (People's Daily features use
    ``机遇路——`` / ``运输繁忙，产业发展增动能`` that way)."""
    if any(k in {"byline", "column", "source_line"} for k in kinds):
        return True
    return bool(next_body and _LEAD_DATELINE.match(next_body))


def _split_document(lines: list[str], head_kinds: Sequence[str] = ()) -> list[_Article]:
    """The articles of a document's lines; ``head_kinds``: the kinds of its first lines, when
    known (the head slots, ``textkit.headlines.slot_kinds``), instead of ``classify_line``'s."""
    blocks: list[tuple[str, list[tuple[str, str]]]] = []
    for number, line in enumerate(lines):
        kind = head_kinds[number] if number < len(head_kinds) else classify_line(line)
        group = "body" if kind in {"body", "box"} else "head"
        if blocks and blocks[-1][0] == group:
            blocks[-1][1].append((kind, line))
        else:
            blocks.append((group, [(kind, line)]))

    articles = [_Article()]
    for position, (group, items) in enumerate(blocks):
        current = articles[-1]
        if group == "body":
            current.body.extend(line for _, line in items)
            continue
        if position == 0:
            current.heads.extend(items)
            continue
        items = list(items)
        closed = False
        # Lines that finish the article above: notes and signatures stay in its text; its
        # dateline or author note close it; a column piece opened without a title takes
        # the title and author printed after it.
        signed = False
        while items and items[0][0] in {"note", "signature"}:
            line = items.pop(0)[1]
            current.body.append(line)
            signed = signed or (items[:1] != [] and signing_note(line) is not None)
        while items and items[0][0] in {"dateline", "author_note"}:
            _apply_head(current, *items.pop(0))
            closed = True
        if len(items) > 1 and items[1][0] in _HEAD_KINDS and reader_byline(items[0][1]):
            # a reader's signature closing the piece above, the next piece's head after it
            _apply_byline(current, items.pop(0)[1])
            current.signed = closed = True
        opened_by_column_only = current.heads and all(k == "column" for k, _ in current.heads)
        if not closed and opened_by_column_only and items and items[0][0] == "heading":
            current.meta["title"] = items.pop(0)[1]
            if items and items[0][0] == "heading" and _PERSON.match(items[0][1]):
                current.meta["author"] = items.pop(0)[1]
            closed = True
        next_body = blocks[position + 1][1][0][1] if position + 1 < len(blocks) else None
        if not closed and signed and items and items[0][0] in _HEAD_KINDS and next_body is not None:
            # a note naming who wrote it (（林丽鹂）, （文 阳整理）) ends a piece of a page of
            # several when a head and a paragraph follow: textkit.pages
            current.signed = closed = True
        if not items:
            continue
        if next_body is None and all(photo_credit(line) for _, line in items):
            current.body.extend(line for _, line in items)  # the credits closing a picture story
            continue
        kinds = [k for k, _ in items]
        photo = any("摄" in line for _, line in items)
        if not closed and next_body is None and "byline" in kinds and not photo:
            # a signature closing the file (中华人民共和国主席  习近平 / 2023年7月25日): its author
            for kind, line in items:
                _apply_byline(current, line) if kind == "byline" else current.body.append(line)
            continue
        if closed or _opens_article(kinds, next_body):
            articles.append(_Article(heads=items))
        else:
            # A section heading (or a caption the patterns missed) inside the article.
            current.body.extend(line for _, line in items)
    return articles


_BULLETS = ("■", "□", "●")


def _take_later_datelines(article: _Article, start: int) -> None:
    """The reporters of every filing of a report of several: a paragraph from ``start`` on that
    opens with a dateline and reporters (本报北京7月15日电  （记者李红梅）…, after the lead's
    （记者刘温馨）) adds them to ``author``; its dateline is the article's when it has none (the
    lead was an editor's note). The paragraph keeps its text."""
    for line in article.body[start:]:
        match = _LEAD_DATELINE.match(line) if "电" in line[:40] else None
        names = join_names(match["names"]) if match else ""
        if names and all(map(is_name, names.split())):
            _apply_dateline(article, match["dateline"] or match["undated"] or "")
            article.meta["author"] = " ".join(filter(None, [article.meta.get("author", ""), names]))


def _strip_inline_metadata(article: _Article) -> None:
    """Move a leading dateline and a trailing byline out of the body text."""
    if article.body:
        # the lead is the first paragraph after a box of summary bullets (■设立雄安新区…, the
        # points of a Politburo meeting printed above 新华社北京6月30日电)
        lead = next((i for i, line in enumerate(article.body) if not line.startswith(_BULLETS)), 0)
        match = _LEAD_DATELINE.match(article.body[lead])
        if match:
            _apply_dateline(article, match["dateline"] or match["undated"] or "")
            article.set("author", join_names(match["names"]))
            article.body[lead] = article.body[lead][match.end() :].lstrip()
        _take_later_datelines(article, lead + 1)
        take_dialogue_speakers(article)
        take_signing_notes(article)
        match = _END_BYLINE.search(article.body[-1])
        if match and (len(match["names"]) <= 30 or all(map(is_name, join_names(match["names"]).split()))):
            # past 30 characters, names only (（本报记者郑轶、王明峰、……、王亮）: 14 reporters)
            article.set("agency", match["agency"])
            article.set("author", join_names(match["names"]))
            article.body[-1] = article.body[-1][: match.start()].rstrip()
        match = closing_dateline(article.body[-1])
        if match:
            _apply_dateline(article, match["dateline"])
            article.set("author", closing_names(match))
            article.body[-1] = article.body[-1][: match.start()].rstrip()
            if not article.body[-1] and len(article.body) > 1:
                article.body.pop()
        take_compiled_credits(article)
        take_closing_credits(article)
    article.body = [line for line in article.body if line]


def _resolve_source(meta: dict[str, str], doc_source: str | None, default_source: str | None) -> str:
    if meta.get("source"):
        return meta["source"]
    if meta.get("column_source"):
        return meta["column_source"]
    agency = meta.get("agency")
    if agency and agency != "本报":
        return agency
    return doc_source or default_source or ""


def _document_articles(default_source: str | None, slot_layout: bool, item: tuple) -> list[tuple[dict, str]]:
    """The articles of one document ``(doc_id, text, raw text)``: a row (without its text) and
    the text of each, numbered from 1; what ``split_articles`` does per document. With
    ``slot_layout`` the first article's head is read from the raw file's head slots."""
    doc_id, text, raw = item
    raw = str(raw)
    lines = [line for line in str(text).split("\n") if line.strip()]
    doc_source = next((s for p, needs, s in _domains() if may_match(needs, raw) and p.search(raw)), None)
    slots = head_slots(raw) if slot_layout else None
    if slots:
        # the slots as the normalized text gives them, to be found among its head lines
        slots = tuple(normalize_text(slot).strip() if slot else "" for slot in slots)
    kinds = slot_kinds(lines, slots, classify_line)
    kinds += [classify_line(line) for line in lines[len(kinds) :]]
    for index in signer_lines(lines, kinds):
        kinds[index] = "byline"  # a writer's name under a piece's title on a page of several writers
    articles = _split_document(lines, kinds)
    # The articles hold the lines now; each article lets go of its lines once its text is
    # joined, so a large file is not held twice over (as lines and as article texts).
    del lines
    page = is_page(articles, slots)
    if page:
        articles[:1] = split_preface(articles[0], classify_line)
    for number, article in enumerate(articles):
        for kind, line in article.heads:
            _apply_head(article, kind, line)
        _titles(article, slots if number == 0 else None, page and number == 0)
        _strip_inline_metadata(article)
    dropped_credit(articles[-1], raw)
    if page:
        share_page_head(articles)
    if doc_source is None:
        # 本报 on a page that carries a column of a known paper is that paper.
        doc_source = next((a.meta["column_source"] for a in articles if a.meta.get("column_source")), None)
    found, number = [], 0
    for article in articles:
        body = "\n".join(article.body)
        article.body = []
        if not body:
            continue
        number += 1
        meta = article.meta
        # a name once, whatever notes name it (贺勇 of a compiled report who wrote up its box too)
        author, roles = split_roles(meta.get("author", ""))
        author = " ".join(dict.fromkeys(author.split()))
        roles = " ".join(filter(None, [roles, meta.get("credit_role", "")]))
        date, dateline_date = resolve_date(meta, doc_id)
        row = {
            "doc_id": doc_id,
            "article_no": number,
            "kicker": meta.get("kicker", ""),
            "title": meta.get("title", ""),
            "subtitle": meta.get("subtitle", ""),
            "author": author,
            "author_role": roles,
            "author_note": meta.get("author_note", ""),
            "source": _resolve_source(meta, doc_source, default_source),
            "place": meta.get("place", ""),
            "date": date,
            "dateline_date": dateline_date,
            "column": meta.get("column", ""),
            "page_title": meta.get("page_title", ""),
            "n_chars": len(body),
        }
        found.append((row, body))
    return found


def split_articles(
    documents: pd.DataFrame,
    text_column: str = "text_norm",
    default_source: str | None = None,
    *,
    n_jobs: int = 1,
    backend: str | None = None,
    head_layout: str = "auto",
    cache=None,
) -> pd.DataFrame:
    """One row per article: ``doc_id, article_no, kicker, title, subtitle, author, author_role,
    author_note, source, place, date, dateline_date, column, page_title, n_chars, text``.

    ``author_note`` is what a note such as （作者为浙江省台州市人民检察院党组书记、检察长） says
    of the author (作者为 dropped, and a last clause naming who wrote it up, 本报记者付明丽采访整理,
    which ``author`` and ``author_role`` hold; empty without one), or the place a reader signs with
    (北京市朝阳区  林丽鹂: ``textkit.pages.reader_byline``): it leaves the text like a byline.

    A page of several pieces (``textkit.pages``: a digest, deputies' statements, speeches or
    reports under one headline) gives one row per piece with its own head; every piece carries
    the page's collective title in ``page_title`` (empty for a file of one article) and the
    page's column names in ``column``.

    Parameters
    ----------
    documents:
        Normalized documents (``textkit.normalize.normalize_corpus``); the raw
        ``text`` column, when present, is searched for domains that name the
        paper (``people.com.cn``).
    text_column:
        Column with one paragraph per line.
    default_source:
        Source for articles whose text names none (e.g. ``"人民日报"`` for a
        People's Daily corpus signed only 本报).
    n_jobs, backend:
        Split the documents in worker processes (see ``textkit.parallel.map_batches``; less
        than ``PARALLEL_MIN_CHARS`` characters are split here). The table does not depend on
        them.
    head_layout:
        How an untagged two-line head (kicker + title, or title + subtitle) is read:
        ``"slots"`` from the raw files' head slots where a file has them (kicker, title and
        subtitle as its first three lines, blank when empty: ``textkit.headlines.head_slots``),
        ``"lines"`` from the head lines alone (``textkit.headlines.kicker_above``), ``"auto"``
        (default) slots when a quarter of the documents are so written (``uses_slot_layout``).
    cache:
        Where each document's articles are kept between runs (``textkit.cache.ParquetCache``),
        by its ``doc_id``, text and raw text, ``default_source``, the head layout used and the
        code (namespace ``articles-<code_version>``): a folder with one new file splits that
        file only. The table does not depend on it.

    Articles with no body text (a page of editor credits, a lone headline) are
    left out; ``article_report`` lists every document with its article count
    and, for those with none, the reason. Missing metadata is an empty string.
    ``date`` is ISO ``YYYY-MM-DD``, or ``--MM-DD`` when the year is unknown.

    >>> docs = pd.DataFrame({"doc_id": ["a.txt"], "text_norm": ["标题\\n本报记者 王朋\\n正文第一段。"]})
    >>> split_articles(docs)[["title", "author", "text"]].to_dict("records")
    [{'title': '标题', 'author': '王朋', 'text': '正文第一段。'}]
    """
    rows = []
    texts = TextColumn()
    raw_texts = documents["text"] if "text" in documents else [""] * len(documents)
    items = list(zip(documents["doc_id"], documents[text_column], raw_texts, strict=True))
    if head_layout not in {"auto", "slots", "lines"}:
        raise ValueError(f"head_layout must be 'auto', 'slots' or 'lines', not {head_layout!r}")
    slot_layout = head_layout == "slots" or (head_layout == "auto" and uses_slot_layout(raw_texts))
    work = partial(_document_articles, default_source, slot_layout)
    if cache is not None:
        settings = json.dumps([default_source, slot_layout])
        found = _cached_document_articles(items, work, settings, n_jobs, backend, cache)
    elif (n_jobs == 1 and backend is None) or not worth_parallel([str(text) for _, text, _ in items]):
        found = map(work, items)
    else:
        found = imap_batches(apply_each, work, items, n_jobs=n_jobs, backend=backend)
    del items
    for articles in found:
        for row, body in articles:
            rows.append(row)
            texts.append(body)
    if rows:
        articles_table = pd.DataFrame(rows, columns=ARTICLE_COLUMNS[:-1])
        articles_table["text"] = texts.column(articles_table.index)
    else:
        articles_table = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    articles_table["article_no"] = articles_table["article_no"].astype("int64")
    articles_table["n_chars"] = articles_table["n_chars"].astype("int64")
    return articles_table


# What splitting depends on besides textkit's own code (the namespace of its cache).
_SPLIT_PACKAGES = ("jieba", "opencc", "pandas", "pypinyin")


def _cached_document_articles(items: list[tuple], work, settings: str, n_jobs: int, backend, cache):
    """``work(item)`` for every document, in order: read from ``cache`` where a document with the
    same ``doc_id``, text and raw text was split with the same ``settings`` and code; the others
    are split (in workers if worth it) and stored."""
    from textkit.cache import code_version

    namespace = "articles-" + code_version("textkit.articles", packages=_SPLIT_PACKAGES)
    keys = []
    for item in items:
        digest = hashlib.sha256(settings.encode())
        for part in item:
            data = str(part).encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little") + data)
        keys.append(digest.hexdigest())
    stored = cache.get_many(namespace, list(dict.fromkeys(keys)))
    missing = [position for position, key in enumerate(keys) if key not in stored]
    computed: dict[str, list] = {}
    if missing:
        todo = [items[position] for position in missing]
        if (n_jobs == 1 and backend is None) or not worth_parallel([str(text) for _, text, _ in todo]):
            results = map(work, todo)
        else:
            results = imap_batches(apply_each, work, todo, n_jobs=n_jobs, backend=backend)
        computed = {keys[position]: articles for position, articles in zip(missing, results, strict=True)}
        compact = {"ensure_ascii": False, "separators": (",", ":")}
        cache.put_many(namespace, {key: json.dumps(value, **compact) for key, value in computed.items()})
    for key in keys:
        if key in computed:
            yield computed[key]
        else:
            yield [(row, body) for row, body in json.loads(stored[key])]


def article_report(
    documents: pd.DataFrame, articles: pd.DataFrame, text_column: str = "text_norm"
) -> pd.DataFrame:
    """One row per document: how many articles it gave and, for none, why.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text_norm": ["标题\\n正文。", ""]})
    >>> article_report(docs, split_articles(docs)).to_dict("records")[1]
    {'doc_id': 'b', 'n_articles': 0, 'reason': 'no text left after normalization (page furniture only)'}
    """
    counts = articles.groupby("doc_id").size()
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents[text_column], strict=True):
        n = int(counts.get(doc_id, 0))
        reason = ""
        if n == 0:
            reason = (
                "no text left after normalization (page furniture only)"
                if not str(text).strip()
                else "headings only, no body text: " + " / ".join(str(text).split("\n"))[:80]
            )
        rows.append({"doc_id": doc_id, "n_articles": n, "reason": reason})
    return pd.DataFrame(rows, columns=["doc_id", "n_articles", "reason"])
