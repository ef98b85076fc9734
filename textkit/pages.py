"""Pages of several pieces: the notes that sign a piece, and names as People's Daily prints them.

A People's Daily page of short pieces (a digest such as 财经短波 or 资讯速递, deputies' statements
under 代表之声, proposals under 提案提要, profiles under one feature title) prints each piece as a
head (title lines, sometimes a byline) over its text, and closes the piece with a note that names
who wrote it: ``（林丽鹂）``, ``（本报记者 付明丽采访整理）``, ``（文  阳整理）``, ``（徐安童参与采写）``.
``signing_note`` reads such a note; ``textkit.articles`` ends a piece at one when a head and
a paragraph follow it, and moves a note that names contributors out of the text into the
piece's ``author`` (with the role in ``author_role``) wherever the note stands.

A reader's letter (来论, 大家谈, 身边事, 建议) is signed with the writer's place and name,
``北京市朝阳区  林丽鹂``, under its heading or at its end (``reader_byline``: the place must read
as a province and one or two divisions of it in the gazetteer); ``textkit.articles`` takes such a
line as the piece's byline, the place into ``author_note``, and ends a piece at one that a head
follows.

A picture story closes with a credit line, ``姚  峰摄（影像中国）`` or ``庄  贞  韩立俊摄影报道``
(``photo_credit``); a note of clauses may name writers in its last one, ``（案例来源：最高人民法院，
本报记者金歆整理）``.

A note in parentheses that names no one stays text: a section number （一）, a date
（2023年7月4日）, a count （共100个）, a pointer （相关报道见第十二版）, a dateline （本报日内瓦电）.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import NamedTuple, Protocol

from textkit.datafiles import read_lines, read_tsv
from textkit.gazetteer import short_name
from textkit.normalize import normalize_text

__all__ = [
    "PhotoCredit",
    "Piece",
    "SigningNote",
    "add_contributors",
    "caption_credit",
    "compiled_credit",
    "dropped_credit",
    "is_name",
    "is_page",
    "join_names",
    "photo_credit",
    "reader_byline",
    "set_credit",
    "share_page_head",
    "signing_note",
    "split_preface",
    "split_roles",
    "take_closing_credits",
    "take_compiled_credits",
    "take_signing_notes",
]

_HEAD_KINDS = {"heading", "kicker", "subtitle"}
_NOTE = re.compile(r"^[（(][^（）()]{1,30}[）)]$")
# a note of clauses may run longer: （本报记者刘毅、寇江泽、李红梅、董丝雨，本报记者刘洪超、王明峰参与采写）
_LONG_NOTE = re.compile(r"^[（(][^（）()]{1,80}[）)]$")

# Who wrote, before the names: a reporter of the paper or another outlet, an intern (本报记者 付明丽,
# 人民网记者赵芳, 实习生康一帆), the paper's website alone (人民网谈媛参与采写), after 本版文字由
# (本版文字由本报记者陈尚文采访整理).
_PREFIX = r"(?:(?:(?:文字)?由|本文由)?(?:[\u4e00-\u9fff]{0,5}?(?:记者|通讯员)|(?:本报)?实习生|人民网))"
# What they did, after the names (王欣悦参与采写, 文 阳整理, 阚珍亦有贡献, 王骁波对此文亦有贡献).
_ROLES = r"参与采写|采访整理|整理|执笔|参与制作|(?:对(?:此|本)文)?亦有贡献"
_SIGNING = re.compile(
    r"^[（(]\s*(?P<page>本版)?(?:(?P<prefix>" + _PREFIX + r")[：:]?)?\s*"
    r"(?P<names>[\u4e00-\u9fff·、，,\s]{2,40}?)\s*(?P<role>" + _ROLES + r")?\s*[）)]$"
)
# The role before the names: （执笔：汤俊峰）, 统稿：吴燕 (who put the reporters' parts together).
_ROLE_FIRST = re.compile(
    r"^[（(]\s*(?P<role>执笔|整理|统稿)[：:]\s*(?P<names>[\u4e00-\u9fff·、，,\s]{2,40}?)\s*[）)]$"
)
# A name: two to four characters, or a foreign name's parts joined by · (乔治·克里斯托弗鲁).
_NAME = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+)$")
# Words that fill a note's place but name no one: 综合本报…报道, 本报日内瓦电, 新华社电, 相关报道.
_NOT_NAME = re.compile(r"电$|^(?:本报|新华|综合|摘编|相关|根据|据)|报道|材料|资料|化名|结束|待续|未完")


# The closing credit of a report compiled from several reporters' (综合…报道): （综合本报记者郑轶、
# 范佳元和人民网记者杨磊报道）. Each outlet's part starts after 和 or 及 (和人民网记者…, 和新华社报道).
# A clause may follow with who helped (…和新华社报道，吴伟光、李世昭参与采写).
_COMPILED = re.compile(
    r"^[（(]综合(?P<credits>[^（）()]{2,150}?)报道(?:，(?P<helpers>[^（）()，]{2,40}))?[）)]$"
)
_OUTLET_AFTER = re.compile(
    r"(?:和|及)(?=[\u4e00-\u9fff]{0,6}?(?:记者|通讯员)|本报|新华社|中新社|人民网|央视)"
)
_REPORTERS = re.compile(
    r"^[\u4e00-\u9fff]{0,6}?(?:记者|通讯员)\s*(?P<names>[\u4e00-\u9fff·、，,\s]+?)\s*(?P<role>采访整理|整理)?$"
)


# Roles printed after a name in a byline: 王欣悦参与采写, 李四执笔, 张三整理, 王晓泾摄, 冷江涛对本文亦有贡献.
_ROLE = re.compile(
    r"(?P<name>[\u4e00-\u9fff·]{2,6}?)(?P<role>参与采写|采写|执笔|采访整理|整理|统稿|摄影报道|报道|摄影|摄|参与制作|(?:对(?:此|本)文)?亦有贡献)$"
)


def split_roles(author: str) -> tuple[str, str]:
    """Names and roles apart: ``王欣悦参与采写`` → (``王欣悦``, ``参与采写``).

    >>> split_roles("李灿 王欣悦参与采写")
    ('李灿 王欣悦', '王欣悦:参与采写')
    """
    names, roles = [], []
    for token in author.split():
        match = _ROLE.fullmatch(token)
        if match and not author.startswith("中共"):
            names.append(match["name"])
            roles.append(f"{match['name']}:{match['role']}")
        else:
            names.append(token)
    return " ".join(names), " ".join(roles)


def is_name(token: str) -> bool:
    """Whether one token reads as a person's name in a credit: two to four characters, or a
    foreign name joined by ·, and none of the words that fill a note's place (综合, 报道, …).

    >>> is_name("韩立俊"), is_name("尼古拉斯·塞拉亚"), is_name("新华社电"), is_name("散")
    (True, True, False, False)
    """
    return bool(_NAME.match(token)) and not _NOT_NAME.search(token)


# The credit closing a picture story: who took the pictures (王晓泾摄, 姚  峰摄 padded,
# 庄  贞  韩立俊摄影报道, 以上图片均为何超摄, 新华社记者  胡  超摄) and who wrote its text (本报记者  管克江文
# 费萨尔摄, 张佳莹文 under a verse), then the picture column (（影像中国）) or the agency that released
# it: not a column (（新华社发）, （人民视觉）: data/picture_agencies.txt, or any outlet's …社发, …网发).
_CREDIT_LINE = re.compile(
    r"^(?:(?:以上)?图片均为)?(?P<parts>.+?)\s*(?:[（(](?P<column>[\u4e00-\u9fff·]{2,12}?)(?P<agency>社发|网发)?[）)])?$"
)
_CREDIT_ROLE = re.compile(r"(?P<role>摄影报道|摄|文)$")
# who the names work for, before them: 本报记者, 新华社记者, 本报中东中心分社
_CREDIT_PREFIX = re.compile(
    r"^(?:(?:本报|新华社|人民日报)?(?:特约)?(?:记者|通讯员)|本报[\u4e00-\u9fff]{1,8}?分社)\s*"
)


class PhotoCredit(NamedTuple):
    """The (names, role) of each part of a credit line (names space-separated), the picture
    column, and whether the line reads as a credit by itself (a reporter's prefix or a 摄 part:
    a line of names and 文 alone could be a heading)."""

    parts: tuple[tuple[str, str], ...]
    column: str
    certain: bool


def photo_credit(line: str) -> PhotoCredit | None:
    """The credit closing a picture story, or None when the line is not one or its names do not
    read as names.

    >>> photo_credit("姚  峰摄（影像中国）")
    PhotoCredit(parts=(('姚峰', '摄'),), column='影像中国', certain=True)
    >>> photo_credit("本报记者  管克江文  费萨尔摄").parts, photo_credit("庄  贞  韩立俊摄影报道").parts
    ((('管克江', '文'), ('费萨尔', '摄')), (('庄贞 韩立俊', '摄影报道'),))
    >>> photo_credit("尼古拉斯·塞拉亚摄（新华社发）").column, photo_credit("胡江涛摄（人民视觉）").column
    ('', '')
    >>> photo_credit("柳  青文").certain
    False
    >>> photo_credit("散文"), photo_credit("多样性国风设计")
    (None, None)
    """
    if "摄" not in line and "文" not in line:
        return None  # no part can end in a role (_read_credit's pattern reads a paragraph to its end)
    return _read_credit(line)


def _read_credit(line: str) -> PhotoCredit | None:
    """``photo_credit`` of any line, without its quick test."""
    match = _CREDIT_LINE.match(line.strip())
    if not match:
        return None
    parts, pending, prefixed = [], [], False
    for token in match["parts"].split():
        role = _CREDIT_ROLE.search(token)
        # 文 ends a part after a name of three or more characters or a padded one (邹  松文), not
        # after an unpadded two-character one: 郑智文 is a name (郑智文  石天蛟摄影报道)
        if role and role["role"] == "文" and len(token) == 3 and not (pending and len(pending[-1]) == 1):
            role = None
        pending.append(token[: role.start()] if role else token)
        if role is None:
            continue
        raw = " ".join(pending)
        names = join_names(_CREDIT_PREFIX.sub("", raw))
        prefixed = prefixed or names.replace(" ", "") != raw.replace(" ", "")
        if not names or not all(is_name(name) for name in names.split()):
            return None
        parts.append((names, role["role"]))
        pending = []
    if pending or not parts:
        return None
    certain = prefixed or any(role != "文" for _, role in parts)
    column = match["column"] or ""
    released_by_agency = bool(match["agency"]) or column in _picture_agencies()
    return PhotoCredit(tuple(parts), "" if released_by_agency else column, certain)


@cache
def _picture_agencies() -> frozenset[str]:
    return frozenset(read_lines("picture_agencies.txt"))


def set_credit(piece: Piece, credits: Sequence[PhotoCredit]) -> None:
    """The names of credit lines (``textkit.pages.photo_credit``) as the author, each with its
    role apart (文 could end a name: 王志文), and the picture column."""
    parts = [(name, role) for credit in credits for names, role in credit.parts for name in names.split()]
    piece.set("author", " ".join(name for name, _ in parts))
    piece.set("credit_role", " ".join(f"{name}:{role}" for name, role in parts))
    for column in dict.fromkeys(credit.column for credit in credits if credit.column):
        piece.meta["column"] = " ".join(filter(None, [piece.meta.get("column"), column]))


# The caption of a work of art printed alone (名家新作): 中国画《湾区早春》，作者潘鲁生。
_CAPTION_CREDIT = re.compile(
    r"^[^。！？]{0,20}《[^》]{1,30}》[^。！？]{0,20}[，,]\s*作者\s*(?P<name>[\u4e00-\u9fff·]{2,8})。?$"
)


def caption_credit(line: str) -> str | None:
    """The maker named by the caption of a work of art (a painting under 名家新作), the caption
    being the whole text: the picture story's convention (a photographer is its author).

    >>> caption_credit("中国画《湾区早春》，作者潘鲁生。"), caption_credit("他说，作者很用心。")
    ('潘鲁生', None)
    """
    match = _CAPTION_CREDIT.match(line.strip())
    return match["name"] if match and is_name(match["name"]) else None


def last_lines(text: str, count: int) -> list[str]:
    """The last ``count`` non-blank lines of ``text``, stripped, in order: read from the end
    (not by splitting every line of the file).

    >>> last_lines("标题\\n\\n正文。\\n  \\n  王朋摄 \\n", 2), last_lines(" \\n", 2)
    (['正文。', '王朋摄'], [])
    """
    found: list[str] = []
    end = len(text)
    while len(found) < count and end >= 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line:
            found.append(line)
        end = start - 1
    return found[::-1]


def dropped_credit(piece: Piece, raw: str) -> None:
    """The photographer of a picture story whose closing credit normalization drops as page
    furniture (盛  斌摄, 本报记者  陈  斌摄: ``data/boilerplate.tsv``), read from the raw file's last line;
    with the verse writer's credit above it when normalization dropped that too, as the short last
    line of the text (张晓洁文 over 图片均为新华社记者欧东衢摄, the verse 这正是： in the text)."""
    closing = last_lines(raw, 2)
    last = closing[-1] if closing else ""
    credit = photo_credit(last) if len(last) <= 60 else None
    if credit and credit.certain and not piece.meta.get("author") and not normalize_text(last).strip():
        above = photo_credit(closing[0]) if len(closing) == 2 and len(closing[0]) <= 60 else None
        verse = any(line.startswith("这正是") for line in piece.body)
        kept = normalize_text(closing[0]).strip() in piece.body
        set_credit(piece, [above, credit] if above and verse and not kept else [credit])


class SigningNote(NamedTuple):
    """The names of a signing note (space-separated), the role printed after them (or ""), and
    whether the note signs the whole page (本版文字由……采访整理)."""

    names: str
    role: str
    page: bool = False


def join_names(raw: str | None) -> str:
    """``陈 斌 张武军`` → ``陈斌 张武军``: People's Daily pads two-character names with a space.

    Names listed with 、 or ， are separated by spaces too (许立群、周卓斌 → 许立群 周卓斌).

    >>> join_names("王  观 安亦涵"), join_names("许立群、周卓斌")
    ('王观 安亦涵', '许立群 周卓斌')
    """
    if not raw:
        return ""
    tokens = re.sub(r"[、，,；;]", " ", raw).split()
    names: list[str] = []
    index = 0
    while index < len(tokens):
        if len(tokens[index]) == 1 and index + 1 < len(tokens) and len(tokens[index + 1]) == 1:
            names.append(tokens[index] + tokens[index + 1])
            index += 2
        else:
            names.append(tokens[index])
            index += 1
    return " ".join(names)


# A reader's signature: where the writer lives, a space, the name (北京市朝阳区  林丽鹂, 山西壶关县
# 秦先生, 北京市朝阳区  吴  丹, padded as join_names reads it), under the heading of a reader's piece
# (来论, 大家谈) or closing it (身边事, 建议). The address is checked against the gazetteer.
_READER = re.compile(
    r"^(?P<address>[\u4e00-\u9fff]{4,24}) (?P<name>[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff] [\u4e00-\u9fff])$"
)
# A reader named by where the letter came from instead of an address: a website's users (人民网
# “领导留言板”网友  宋先生, the letters of 身边事) or the paper's readers (读  者  姚晓滨).
_SIGNER = re.compile(
    r"^(?P<address>[\u4e00-\u9fff“”]{0,12}网友|读 ?者) "
    r"(?P<name>[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff] [\u4e00-\u9fff])$"
)


@cache
def _divisions() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """Each way a province is written at the head of an address (山西省, 山西, 内蒙古, 广西) → its
    name (``textkit.gazetteer.short_name``), and each province → the full names of the divisions
    below it (``data/gazetteer_cn_admin.tsv``)."""
    provinces: dict[str, str] = {}
    below: dict[str, set[str]] = {}
    for row in read_tsv("gazetteer_cn_admin.tsv"):
        if row["level"] != "province":
            below.setdefault(row["province"], set()).add(row["name"])
            continue
        provinces[row["name"]] = provinces[short_name(row["name"], "province") or row["name"]] = row["name"]
    return provinces, {province: frozenset(names) for province, names in below.items()}


def _address(text: str) -> bool:
    """Whether ``text`` is a province (full or short) followed by one or two divisions of it
    written in full: 北京市朝阳区, 山西壶关县, 内蒙古锡林郭勒盟正蓝旗; not 中介超市."""
    provinces, below = _divisions()
    for end in range(2, min(len(text), 8)):
        province = provinces.get(text[:end])
        if province is None:
            continue
        rest, names = text[end:], below.get(province, frozenset())
        cuts = range(2, len(rest) - 1)
        if rest in names or any(rest[:cut] in names and rest[cut:] in names for cut in cuts):
            return True
    return False


def reader_byline(line: str) -> tuple[str, str] | None:
    """The address and name of a reader's signature line, or None for any other line.

    >>> reader_byline("北京市朝阳区 林丽鹂"), reader_byline("内蒙古锡林郭勒盟正蓝旗 吴 丹")
    (('北京市朝阳区', '林丽鹂'), ('内蒙古锡林郭勒盟正蓝旗', '吴丹'))
    >>> reader_byline("中介超市 助企增效"), reader_byline("协同发力 护航成长")
    (None, None)
    >>> reader_byline("人民网“领导留言板”网友 小 军"), reader_byline("读 者 姚晓滨")
    (('人民网“领导留言板”网友', '小军'), ('读者', '姚晓滨'))
    """
    signer = _SIGNER.match(line.strip())
    if signer is not None:
        return signer["address"].replace(" ", ""), signer["name"].replace(" ", "")
    match = _READER.match(line.strip())
    if match is None or not _address(match["address"]):
        return None
    return match["address"], match["name"].replace(" ", "")


def signing_note(line: str) -> SigningNote | None:
    """The names (and role) of a note that signs a piece, or None for any other line.

    >>> [signing_note(s)[:2] for s in ["（林丽鹂）", "（本报记者  付明丽采访整理）", "（文  阳整理）"]]
    [('林丽鹂', ''), ('付明丽', '采访整理'), ('文阳', '整理')]
    >>> signing_note("（实习生康一帆参与采写）")
    SigningNote(names='康一帆', role='参与采写', page=False)
    >>> signing_note("（本版文字由本报记者白紫微、屈佩采访整理）")
    SigningNote(names='白紫微 屈佩', role='采访整理', page=True)
    >>> [signing_note(s) for s in ["（一）", "（共100个）", "（相关报道见第十二版）", "（本报日内瓦电）"]]
    [None, None, None, None]
    """
    line = line.strip()
    # both patterns open with a bracket (most lines of a text are paragraphs)
    match = line.startswith(("（", "(")) and (_SIGNING.match(line) or _ROLE_FIRST.match(line))
    if not match:
        return None
    names = join_names(match["names"])
    tokens = names.split()
    if not tokens or any(not _NAME.match(token) or _NOT_NAME.search(token) for token in tokens):
        return None
    page = bool(match.re is _SIGNING and match["page"])
    return SigningNote(names, re.sub(r"^对(?:此|本)文", "", match["role"] or ""), page)


def compiled_credit(line: str) -> str | None:
    """The reporters a compiled report's closing credit names (space-separated; ``""`` when it
    credits outlets only), or None for any other line. A part naming an outlet but no reporter
    (和新华社, 及本报, 和新华社记者) adds no one; a part whose names do not read as names makes it None.

    >>> compiled_credit("（综合本报记者郑轶、范佳元和人民网记者杨磊报道）")
    '郑轶 范佳元 杨磊'
    >>> compiled_credit("（综合本报记者刘温馨、侯琳良、王沛和新华社报道）")
    '刘温馨 侯琳良 王沛'
    >>> compiled_credit("（综合本报和新华社记者报道）"), compiled_credit("（本报记者王沛）")
    ('', None)
    >>> compiled_credit("（综合本报记者王浩、倪弋和新华社报道，李世昭、吴伟光参与采写）")
    '王浩 倪弋 李世昭参与采写 吴伟光参与采写'
    """
    match = _COMPILED.match(line.strip())
    if not match:
        return None
    names: list[str] = []
    for part in _OUTLET_AFTER.split(match["credits"]):
        reporters = _REPORTERS.match(part.strip())
        if reporters is None:
            if ("记者" in part or "通讯员" in part) and not part.strip().endswith(("记者", "通讯员")):
                return None  # reporters named in a way not read here: no guess
            continue  # an outlet without names: 本报, 新华社
        tokens = join_names(reporters["names"]).split()
        if not tokens or any(not _NAME.match(token) or _NOT_NAME.search(token) for token in tokens):
            return None
        names += [token + (reporters["role"] or "") for token in tokens]
    helpers = signing_note(f"（{match['helpers']}）") if match["helpers"] else None
    if match["helpers"] and (helpers is None or not helpers.role):
        return None
    return " ".join(names + [name + helpers.role for name in helpers.names.split()] if helpers else names)


class Piece(Protocol):
    """What ``textkit.articles`` keeps of one piece while it splits a file: its head lines
    (kind, line), its text lines, its metadata, whether a signing note ended it with another
    piece after it, and, on the first piece of a page, the page's column names."""

    heads: list[tuple[str, str]]
    body: list[str]
    meta: dict[str, str]
    signed: bool
    page_columns: list[str]

    def set(self, key: str, value: str | None) -> None: ...


def add_contributors(piece: Piece, note: SigningNote) -> None:
    """Add the note's names, each with its role (付明丽采访整理), to the piece's ``author``."""
    names = [name + note.role for name in note.names.split()]
    piece.meta["author"] = " ".join(filter(None, [piece.meta.get("author", ""), *names]))


def _clause_notes(line: str) -> tuple[list[SigningNote], bool] | None:
    """The writers of a note of clauses joined by ，: every clause when each names writers
    (（本报记者肖伟光、李栋、马原，人民网记者谈媛参与采写）: the note is a byline, ``True``), else
    the last clause when it names writers with their role (（案例来源：最高人民法院，本报记者
    金歆整理）: the rest is text, ``False``); None for any other line.

    >>> [tuple(n) for n in _clause_notes("（本报记者肖伟光、李栋、马原，人民网记者谈媛参与采写）")[0]]
    [('肖伟光 李栋 马原', '', False), ('谈媛', '参与采写', False)]
    >>> _clause_notes("（案例来源：最高人民法院，本报记者金歆整理）")
    ([SigningNote(names='金歆', role='整理', page=False)], False)
    >>> _clause_notes("（2023年7月4日，北京）"), _clause_notes("（摘编自《解放日报》，原题为《个性玩法》）")
    (None, None)
    """
    if "，" not in line or not _LONG_NOTE.match(line.strip()):
        return None
    notes = [signing_note(f"（{clause}）") for clause in line.strip()[1:-1].split("，")]
    if all(note is not None and not note.page for note in notes) and any(note.role for note in notes):
        return notes, True
    last, clauses = notes[-1], line.strip()[1:-1].split("，")
    if any("记者" in clause or "通讯员" in clause for clause in clauses[:-1]):
        return None  # a byline read whole elsewhere (…管璇悦、王珏报道，欧歌参与采写: textkit.articles)
    return ([last], False) if last is not None and last.role and not last.page else None


def take_compiled_credits(piece: Piece) -> None:
    """A compiled report's closing credit (（综合本报记者郑轶、范佳元和人民网记者杨磊报道）) out of
    the text, its reporters first in ``author``; it may stand above a box (■延伸阅读) that a
    note of its own signs."""
    credits = [compiled_credit(line) for line in piece.body] if len(piece.body) > 1 else []
    if any(credit is not None for credit in credits):
        names = [credit for credit in credits if credit]
        piece.meta["author"] = " ".join([*names, piece.meta.get("author", "")]).strip()
        piece.body = [line for line, credit in zip(piece.body, credits, strict=True) if credit is None]


def take_closing_credits(piece: Piece) -> None:
    """The credit lines closing a picture story (本报记者  李晓晴  鲜  敢文 / 林  洋摄: ``photo_credit``)
    out of the text, into ``author`` with their roles; or the maker a caption that is the whole
    text names (``caption_credit``: the caption stays the text). Only for a piece with no author."""
    end = len(piece.body)
    while end > 1 and len(piece.body) - end < 2 and photo_credit(piece.body[end - 1]):
        end -= 1
    credits = [credit for line in piece.body[end:] if (credit := photo_credit(line))]
    verse = any(line.startswith("这正是") for line in piece.body)
    if credits and not piece.meta.get("author") and (verse or any(c.certain for c in credits)):
        # X文 alone signs a picture story's verse (这正是：…); elsewhere it may be a heading
        set_credit(piece, credits)
        del piece.body[end:]
    if len(piece.body) == 1 and not piece.meta.get("author"):
        piece.set("author", caption_credit(piece.body[0]))


def _only_notes(lines: list[str], start: int) -> bool:
    """Whether every non-empty line from ``start`` on is a short note in brackets (（相关报道见第四版）).

    >>> _only_notes(["（林丽鹂）", "（相关报道见第四版）"], 1), _only_notes(["（林丽鹂）", "正文。"], 1)
    (True, False)
    """
    return all(_NOTE.match(lines[index]) for index in range(start, len(lines)) if lines[index])


def take_signing_notes(piece: Piece) -> None:
    """Notes naming the writers out of the text, into ``author``: a note with a role
    (（实习生康一帆参与采写）, （文 阳整理）) wherever it stands, a note of names alone
    (（林丽鹂）, （本报记者 李红梅）) when only notes follow it (（相关报道见第四版））.
    A note signing the whole page (（本版文字由本报记者白紫微、屈佩采访整理）) is kept in
    ``meta["page_note"]`` for ``share_page_head``."""
    if len(piece.body) < 2:
        return
    kept = []
    for index, line in enumerate(piece.body):
        note = signing_note(line)
        clauses = _clause_notes(line) if note is None else None
        if clauses is not None:
            # （本报记者肖伟光、李栋、马原，人民网记者谈媛参与采写） leaves the text; in （案例来源：
            # 最高人民法院，本报记者金歆整理） the source stays there and the writer goes to author
            notes, byline = clauses
            if not byline:
                kept.append(line)
            for clause in notes:
                add_contributors(piece, clause)
        elif note is None or not (note.role or _only_notes(piece.body, index + 1)):
            kept.append(line)
        elif note.page:
            piece.meta["page_note"] = line
            add_contributors(piece, note)
        elif note.role:
            add_contributors(piece, note)
        else:
            piece.set("author", note.names)
    piece.body = kept or piece.body


# The speakers of a dialogue, listed under 对话人： before the text (连线评论员: 周珊珊  本报评论员 /
# 王庆峰  南方日报评论员), a name (padded as join_names reads it) and who the speaker is.
_DIALOGUE_LABEL = re.compile(r"^对话人[：:]$")
_SPEAKER = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff] [\u4e00-\u9fff])\s+(?P<note>[\u4e00-\u9fff]{2,20})$"
)


def take_dialogue_speakers(piece: Piece) -> None:
    """The speakers a dialogue lists at the top of its text (对话人： then a name and who the
    speaker is a line each) out of the text: the names in ``author``, who they are in
    ``author_note`` (joined by 、 in the names' order, as （作者分别为…） gives them). Only for a
    piece with no author.

    >>> from types import SimpleNamespace
    >>> body = ["对话人：", "邹 翔 本报评论员", "易博文 湖南日报评论员", "邹翔：前不久……"]
    >>> piece = SimpleNamespace(body=body, meta={})
    >>> take_dialogue_speakers(piece); piece.meta, piece.body
    ({'author': '邹翔 易博文', 'author_note': '本报评论员、湖南日报评论员'}, ['邹翔：前不久……'])
    """
    if piece.meta.get("author") or not piece.body or not _DIALOGUE_LABEL.match(piece.body[0].strip()):
        return
    speakers = []
    for line in piece.body[1:]:
        match = _SPEAKER.match(line.strip())
        if match is None or not is_name(join_names(match["name"])):
            break
        speakers.append((join_names(match["name"]), match["note"]))
    if speakers and len(piece.body) > len(speakers) + 1:
        piece.meta["author"] = " ".join(name for name, _ in speakers)
        if not piece.meta.get("author_note"):
            piece.meta["author_note"] = "、".join(note for _, note in speakers)
        del piece.body[: len(speakers) + 1]


# A writer's name alone on the line under a piece's or a section's title: three characters, or two
# padded with a space as the paper prints two-character names (杨志军, 乔  叶; 东  西 is a pen name);
# a piece of two writers names both on the line, apart (杨明方  李亚楠: ``_NAMES_LINE``).
_ONE_NAME = r"(?:[\u4e00-\u9fff]{3}|[\u4e00-\u9fff] [\u4e00-\u9fff])"
_NAME_LINE = re.compile(rf"^{_ONE_NAME}$")
_NAMES_LINE = re.compile(rf"^{_ONE_NAME}(?: {_ONE_NAME}){{1,3}}$")


def signer_lines(lines: Sequence[str], kinds: Sequence[str]) -> list[int]:
    """The lines that sign the pieces or sections of a page of several writers (茅盾文学奖获奖作家
    五人谈: 为山乡巨变留影 / 杨志军 / text …): a name alone (``_NAME_LINE``) between a head line
    (``kinds``: ``textkit.articles.classify_line``'s, not itself a name nor a box label) and a
    paragraph, when the file holds two such names or more. A lone one is a label (回  信 over a
    letter is followed by its salutation; 茉莉花 under 花笺 is what the box describes). A line of
    two to four names (杨明方  李亚楠, ``_NAMES_LINE``) signs a piece only on a page that signs
    another with a name alone: a page of two-part slogan titles (家园事  大家议, 产业兴  收入增) is none.

    >>> lines = ["五人谈", "为山乡巨变留影", "杨志军", "正文。", "涓涓细流终成江河", "乔 叶", "正文。"]
    >>> kinds = ["heading", "heading", "heading", "body", "heading", "heading", "body"]
    >>> signer_lines(lines, kinds), signer_lines(lines[:4], kinds[:4])
    ([2, 5], [])
    >>> two = ["惟愿一生戍边", "杨明方 李亚楠", "正文。"]
    >>> signer_lines([*lines, *two], [*kinds, "heading", "heading", "body"])
    [2, 5, 8]
    >>> slogans = ["家园事 大家议", "正文。", "山东烟台——", "产业兴 收入增", "正文。"]
    >>> signer_lines(["山东青岛——", *slogans], ["kicker", "heading", "body", "kicker", "heading", "body"])
    []
    """
    found = [
        index
        for index in range(1, len(lines) - 1)
        if (_NAME_LINE.match(lines[index]) or _NAMES_LINE.match(lines[index]))
        and kinds[index] == "heading"
        and kinds[index - 1] in _HEAD_KINDS
        and kinds[index + 1] == "body"
        and not _NAME_LINE.match(lines[index - 1])
        and all(map(is_name, join_names(lines[index]).split()))
    ]
    if not any(_NAME_LINE.match(lines[index]) for index in found):
        return []
    return found if len({lines[index] for index in found}) >= 2 else []


def is_page(pieces: Sequence[Piece], slots: tuple[str, str, str] | None) -> bool:
    """Whether a file is a page of several pieces: more than one, and a piece ended by a note
    naming its writers (（林丽鹂）: a digest, deputies' statements), or heading lines and a
    byline of the first piece after the file's head slots, or of each of two or more pieces
    after the first (several reports or speeches under one title, after a preface)."""
    if len(pieces) < 2:
        return False
    kinds_of = [{kind for kind, _ in piece.heads} for piece in pieces]
    bylined = ["byline" in kinds and bool(kinds & _HEAD_KINDS) for kinds in kinds_of]
    if any(piece.signed for piece in pieces) or (len(pieces) > 2 and all(bylined[1:])):
        return True
    kinds = [kind for kind, _ in pieces[0].heads][sum(bool(slot) for slot in (slots or ())) :]
    return bool(slots) and "byline" in kinds and any(k in _HEAD_KINDS for k in kinds[: kinds.index("byline")])


def split_preface(piece: Piece, classify: Callable[[str], str]) -> list[Piece]:
    """The editor's note over a page of pieces (…——编  者) apart from the first piece, when the
    piece's head lines follow the signature (``classify``: ``textkit.articles.classify_line``)."""
    kinds = [classify(line) for line in piece.body]
    for index, kind in enumerate(kinds):
        end = index + 1
        while kind == "signature" and end < len(kinds) and kinds[end] in _HEAD_KINDS:
            end += 1
        if end > index + 1 and end < len(kinds):
            heads = list(zip(kinds[index + 1 : end], piece.body[index + 1 : end], strict=True))
            first = type(piece)(heads=heads)
            first.body, piece.body = piece.body[end:], piece.body[: index + 1]
            # what the splitting read after the text (a reader's signature, 读  者  陈  明, or an
            # author note closing it) signs the first piece, not the preface
            first.meta, piece.meta = piece.meta, first.meta
            first.signed, piece.signed = piece.signed, False
            return [piece, first]
    return [piece]


def share_page_head(pieces: Sequence[Piece]) -> None:
    """Every piece of a page gets the page's collective title, its column names and the
    contributors of a note signing the whole page."""
    title, columns = pieces[0].meta.get("page_title", ""), pieces[0].page_columns
    page_notes = [note for piece in pieces if (note := signing_note(piece.meta.get("page_note", "")))]
    for piece in pieces:
        if title:
            piece.meta["page_title"] = title
        existing = piece.meta.get("column", "")
        missing = [name for name in dict.fromkeys(columns) if name not in existing.split(" ")]
        piece.meta["column"] = " ".join(filter(None, [*missing, existing]))
        for note in page_notes:
            if not piece.meta.get("page_note"):
                add_contributors(piece, note)
