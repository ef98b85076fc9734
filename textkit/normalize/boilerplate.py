"""Normalization stage: page furniture (step 4), by the patterns of ``data/boilerplate.tsv``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import islice

from textkit._regex import may_match, required_strings
from textkit.datafiles import read_tsv
from textkit.normalize._audit import StepRecord

# --------------------------------------------------------------------------- 4. boilerplate


@dataclass(frozen=True)
class BoilerplatePatterns:
    """Compiled patterns of ``data/boilerplate.tsv`` (or of rows you pass)."""

    line: tuple[re.Pattern, ...]
    inline: tuple[re.Pattern, ...]
    trailer: tuple[re.Pattern, ...]

    @cached_property
    def any_line(self) -> re.Pattern:
        """All ``line`` patterns as one alternation (one match per line instead of twenty)."""
        return _alternation(self.line)

    @cached_property
    def any_trailer(self) -> re.Pattern:
        return _alternation(self.trailer)

    @cached_property
    def inline_needs(self) -> tuple[tuple[str, ...] | None, ...]:
        """For each ``inline`` pattern, strings of which every match holds one (None: not known;
        ``textkit._regex.required_strings``), so that a text without any of them is not searched
        line by line (``\\s*字数…`` is tried at every position of every line: a third of the
        step's time on People's Daily)."""
        return tuple(map(required_strings, self.inline))

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, str]]) -> BoilerplatePatterns:
        kinds: dict[str, list[re.Pattern]] = {"line": [], "inline": [], "trailer": []}
        for row in rows:
            if row["kind"] not in kinds:
                raise ValueError(f"unknown boilerplate kind {row['kind']!r}")
            kinds[row["kind"]].append(re.compile(row["pattern"]))
        return cls(tuple(kinds["line"]), tuple(kinds["inline"]), tuple(kinds["trailer"]))


@lru_cache(maxsize=32)
def _alternation(patterns: tuple[re.Pattern, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)")


@cache
def default_boilerplate() -> BoilerplatePatterns:
    return BoilerplatePatterns.from_rows(read_tsv("boilerplate.tsv"))


# Marks are matched in both forms: boilerplate and line joining run before the punctuation
# convention, and must decide the same way on a text that has already been through it.
_SENTENCE_MARK = re.compile("[。！？!?；;]")
# A dateline's place may hold a bracketed disambiguator (本报刚果（金）布卡武7月25日电).
_DATELINE = re.compile(
    r"[（(]?(新华社|中新社|本报)(?:[^，,。（）()]|[（(][\u4e00-\u9fff]{1,3}[）)]){0,14}\d{1,2}月\d{1,2}日电"
)
# a byline, or a note of the reporters closing a text (（本报记者  管克江）) above a photo credit
_BYLINE = re.compile(
    r"^(□\s*|■\s*|[（(])?(本报|新华社|人民日报|中新社|光明日报)?(特约)?(记者|通讯员)(?:\s*\S){0,40}\s*$"
)
_AUTHOR_NOTE = re.compile(r"^[（(]?作者(?:分别)?(系|为|是|单位)")
# a note naming who helped write the text, closing it above the layout credit (（曾译萱参与采写）
# over 版式设计：沈亦伶): the roles of textkit.pages' signing notes, the names before them
_SIGNING_NOTE = re.compile(r"^[（(][^（）()]{2,60}?(参与采写|采访整理|整理|执笔|参与制作|亦有贡献)[）)]$")
_REPEAT_WINDOW = 10


def _is_protected(line: str) -> bool:
    """Lines that carry article metadata and are never page furniture.

    >>> _is_protected("（曾译萱参与采写）"), _is_protected("（作者单位：国家广播电视总局发展研究中心）")
    (True, True)
    >>> _is_protected("版式设计：沈亦伶"), _is_protected("（数据来源：国家统计局）")
    (False, False)
    """
    notes = _AUTHOR_NOTE.match(line) or _SIGNING_NOTE.match(line)
    return bool(_DATELINE.search(line) or _BYLINE.match(line) or notes)


def _visible_length(line: str) -> int:
    """Length without spaces: the spacing step runs later and must not change a decision."""
    return len(line) - line.count(" ")


def _is_short_non_sentence(line: str) -> bool:
    return _visible_length(line) <= 40 and not _SENTENCE_MARK.search(line)


def _boilerplate(text: str, patterns: BoilerplatePatterns | None = None) -> tuple[str, StepRecord]:
    patterns = patterns or default_boilerplate()
    record = StepRecord()
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    any_line, any_trailer = patterns.any_line, patterns.any_trailer
    chrome = [bool(s) and any_line.fullmatch(s) is not None for s in stripped]
    drop = list(chrome)

    # Furniture after the last paragraph: the longest run at the end of the file of
    # chrome, trailer and short non-sentence lines that contains a chrome or trailer line.
    # A file that is nothing but short lines has no "last paragraph": only its chrome goes.
    cut, anchored, after_text = len(lines), False, False
    for index in range(len(lines) - 1, -1, -1):
        if not stripped[index]:
            continue
        # a footer is short and no sentence: a closing paragraph that names a newspaper office
        # (本届比赛由人民日报社、中国围棋协会主办…) is text, however the trailer pattern reads it
        if chrome[index] or (
            any_trailer.fullmatch(stripped[index]) and _is_short_non_sentence(stripped[index])
        ):
            anchored = True
        elif not _is_short_non_sentence(stripped[index]) or _is_protected(stripped[index]):
            after_text = True
            break
        cut = index
    if anchored and after_text:
        drop[cut:] = [True] * (len(lines) - cut)

    # The page title of a web page is often printed again as the article title.
    seen: set[str] = set()
    visible = islice((i for i, s in enumerate(stripped) if s and not drop[i]), _REPEAT_WINDOW)
    for index in visible:
        if stripped[index] in seen and _is_short_non_sentence(stripped[index]):
            drop[index] = True
        seen.add(stripped[index])

    # no line holds a match of an inline pattern when the text lacks what each match holds
    needs = patterns.inline_needs
    inline = patterns.inline if any(may_match(need, text) for need in needs) else ()
    kept = []
    for line, text_line, dropped in zip(lines, stripped, drop, strict=True):
        if dropped:
            if text_line:
                record.dropped.append(text_line)
                record.lines_dropped += 1
            continue
        for pattern in inline:
            if pattern.search(line):
                record.dropped.extend(m.group(0).strip() for m in pattern.finditer(line))
                line = pattern.sub("", line)
        kept.append(line)
    out = "\n".join(kept)
    record.chars_removed = len(text) - len(out)
    return out, record


def drop_boilerplate(text: str, patterns: BoilerplatePatterns | None = None) -> str:
    """Drop web chrome and page furniture listed in ``data/boilerplate.tsv``.

    Whole lines (scan prompts, counters, navigation, share buttons, photo
    captions and credits, copyright lines), spans inside lines (word counts),
    a page title repeated in the first lines, and the furniture after the last
    paragraph of a file (a newspaper footer) go. Datelines, bylines and author
    notes, and notes naming who helped write the text (（曾译萱参与采写）), are never dropped.

    >>> drop_boilerplate("手机扫码接着看\\n正文第一段。\\n浏览16 评论0\\n返回")
    '正文第一段。'
    """
    return _boilerplate(text, patterns)[0]
