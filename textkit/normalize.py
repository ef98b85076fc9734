"""Stage 2 — normalization: from scraped text to clean, simplified paragraphs.

Small pure ``str -> str`` functions, one job each, composed into one pipeline
(textacy's ``preprocessing`` is the model). In pipeline order:

1. ``normalize_unicode``  HTML entities, full-width letters/digits/symbols, odd spaces, zero-width characters
2. ``strip_inline_pinyin`` ``領(lǐng)導(dǎo)`` → ``領導``; damaged annotations flagged
3. ``simplify_script``    traditional → simplified (OpenCC t2s + a table of known misses)
4. ``drop_boilerplate``   web chrome and page furniture, by patterns in ``data/boilerplate.tsv``
5. ``join_broken_lines``  paragraphs split mid-sentence are rejoined; one paragraph per line
6. ``unify_punctuation``  one convention: full-width ，；：？！（） in Chinese, ASCII in numbers/Latin
7. ``normalize_spacing``  ``2020 年11 月`` → ``2020年11月``; no space next to CJK punctuation

The line structure is settled (steps 4–5) before the punctuation convention reads each
mark's neighbours, so no later step can change a mark's context: that is what makes the
pipeline idempotent.

``normalize_text`` runs all seven. ``normalize_corpus`` runs them on a
documents table and returns an audit with one row per document and step:
characters removed and changed, lines joined and dropped, and the dropped text.

>>> normalize_text("習(xí)近平總書記指出,2020 年11 月13 日")
'习近平总书记指出，2020年11月13日'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from math import log

import numpy as np
import opencc
import pandas as pd

from textkit._chars import HAN, HAN_RE
from textkit.datafiles import read_tsv

__all__ = [
    "AUDIT_COLUMNS",
    "STEPS",
    "detect_script",
    "drop_boilerplate",
    "examples_by_step",
    "join_broken_lines",
    "normalize_corpus",
    "normalize_spacing",
    "normalize_text",
    "normalize_unicode",
    "simplify_script",
    "strip_inline_pinyin",
    "to_simplified",
    "traditional_share",
    "unify_punctuation",
    "warm_worker",
]

# Punctuation and symbols that only occur in CJK typesetting (plus the curly quotes,
# ellipsis and dashes Chinese text uses): a neighbour of this class makes a context Chinese.
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u2015\u00b7\ufe30-\ufe4f"
_CJK_RE = re.compile(f"[{HAN}{CJK_PUNCT}]")


# --------------------------------------------------------------------------- audit


@dataclass
class StepRecord:
    """What one step did to one text."""

    chars_removed: int = 0
    chars_changed: int = 0
    lines_joined: int = 0
    lines_dropped: int = 0
    dropped: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


AUDIT_COLUMNS = [
    "doc_id",
    "step",
    "chars_removed",
    "han_removed",
    "chars_changed",
    "lines_joined",
    "lines_dropped",
    "dropped_text",
    "notes",
]


def _count_changed(before: str, after: str) -> int:
    """Positions that differ, for steps that replace characters one for one."""
    if len(before) != len(after):
        return sum(a != b for a, b in zip(before, after, strict=False)) + abs(len(before) - len(after))
    if not before:
        return 0
    return int((_codes(before) != _codes(after)).sum())


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _han_count(text: str) -> int:
    codes = _codes(text)
    return int(
        ((codes >= 0x3400) & (codes <= 0x4DBF)).sum()
        + ((codes >= 0x4E00) & (codes <= 0x9FFF)).sum()
        + ((codes >= 0xF900) & (codes <= 0xFAFF)).sum()
        + ((codes >= 0x20000) & (codes <= 0x323AF)).sum()
    )


# --------------------------------------------------------------------------- 1. unicode

# Full-width forms become ASCII (NFKC), except the punctuation whose form is decided
# by context in step 5. Ideographic, no-break and other spaces become a plain space;
# zero-width characters and soft hyphens go.
_CONTEXT_PUNCT_FULL = "，；：？！（）"
_CONTEXT_PUNCT_ASCII = ",;:?!()"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


@cache
def _unicode_table() -> dict[int, str]:
    """Mappings of the rarer characters; spaces and zero-width ones are replaced directly."""
    table: dict[int, str] = {}
    for code in list(range(0xFF01, 0xFF5F)) + list(range(0xFF61, 0xFF65)):
        char = chr(code)
        if char not in _CONTEXT_PUNCT_FULL:
            table[code] = unicodedata.normalize("NFKC", char)
    for code in range(0xFE50, 0xFE6C):  # small form variants such as ﹔ (U+FE54)
        mapped = unicodedata.normalize("NFKC", chr(code))
        if mapped != chr(code):
            index = _CONTEXT_PUNCT_ASCII.find(mapped)
            table[code] = _CONTEXT_PUNCT_FULL[index] if index >= 0 else mapped
    for code in range(0xF900, 0xFB00):  # CJK compatibility ideographs → unified ideographs
        mapped = unicodedata.normalize("NFKC", chr(code))
        if mapped != chr(code) and len(mapped) == 1:
            table[code] = mapped
    return table


@cache
def _unicode_candidates() -> re.Pattern:
    return re.compile("[" + re.escape("".join(map(chr, _unicode_table()))) + "]")


# HTML character references left by scrapers (&ldquo; &nbsp; &amp; &#8220; &#x201c;).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _decode_entities(text: str) -> tuple[str, int]:
    """HTML character references decoded (``html.unescape`` on each), and how many there were."""
    import html
    import html.entities

    count = 0

    def decode(match: re.Match) -> str:
        nonlocal count
        entity = match.group(0)
        if entity[1] != "#" and entity[1:] not in html.entities.html5:
            return entity  # &notanentity; is text, not &not; followed by "anentity;"
        decoded = html.unescape(entity)
        if decoded != entity:
            count += 1
        return decoded

    return (_ENTITY.sub(decode, text), count) if "&" in text else (text, 0)


def _unicode(text: str) -> tuple[str, StepRecord]:
    decoded, entities = _decode_entities(text)
    out = decoded
    for char in _ZERO_WIDTH:
        if char in out:
            out = out.replace(char, "")
    removed = len(decoded) - len(out)
    without_zero_width = out
    for char in _SPACES + "\t":
        if char in out:
            out = out.replace(char, " ")
    if _unicode_candidates().search(out):
        out = out.translate(_unicode_table())
    changed = 0 if out == without_zero_width else _count_changed(without_zero_width, out)
    record = StepRecord(chars_removed=removed + len(text) - len(decoded), chars_changed=changed + entities)
    if removed:
        record.dropped = [f"{removed} zero-width character(s)"]
    if entities:
        record.flags = [f"{entities} HTML entit{'y' if entities == 1 else 'ies'} decoded"]
    return out, record


def normalize_unicode(text: str) -> str:
    """HTML entities decoded; full-width letters, digits and symbols to ASCII; odd spaces to a
    space; zero-width out.

    Full-width ，；：？！（） are left for ``unify_punctuation``; small-form
    punctuation becomes its full-width form.

    >>> normalize_unicode("ＡＢＣ１２３\\u3000\\u200b﹔（")
    'ABC123 ；（'
    """
    return _unicode(text)[0]


# --------------------------------------------------------------------------- 2. pinyin

_TONE_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿê"
_ANNOTATION = f"[(（][ ]?[{_TONE_LETTERS}]{{1,7}}[1-5]?[ ]?[)）]"
# Searched from the parenthesis (fast), the Han character before it is checked in code.
_ANNOTATIONS = re.compile(f"(?:{_ANNOTATION})+")
_ANNOTATION_START = re.compile(f"[(（](?=[ ]?[{_TONE_LETTERS}])")
_ONE_ANNOTATION = re.compile(_ANNOTATION)
# Encoding damage seen in seed 004: 揚(yáng) came out as ?lián)P — an unbalanced
# annotation with mojibake around it. It is replaced by U+FFFD and flagged, not guessed.
_DAMAGED = re.compile(f"[?？\ufffd][{_TONE_LETTERS}]{{1,7}}[)）][A-Za-z]?(?=[{HAN}])")


def _strip_tones(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.replace("ü", "v").replace("ǖ", "v1"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[0-9]", "", plain).lower()


@lru_cache(maxsize=65536)
def _readings(char: str) -> frozenset[str]:
    """Every reading pypinyin knows for ``char``: tone-marked, numbered and toneless."""
    from pypinyin import Style, pinyin

    marked = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
    numbered = pinyin(char, style=Style.TONE3, heteronym=True, errors="ignore")
    readings = {r.lower() for group in marked + numbered for r in group}
    readings |= {_strip_tones(r) for r in list(readings)}
    readings |= {r.replace("v", "u") for r in list(readings)}
    return frozenset(readings)


def _is_reading(char: str, annotation: str) -> bool:
    syllable = annotation.strip("()（） ").lower()
    return syllable in _readings(char) or _strip_tones(syllable) in _readings(char)


def _pinyin(text: str) -> tuple[str, StepRecord]:
    record = StepRecord()
    pieces: list[str] = []
    position = 0
    for candidate in _ANNOTATION_START.finditer(text):
        start = candidate.start()
        if start < position or start == 0 or not HAN_RE.match(text[start - 1]):
            continue
        match = _ANNOTATIONS.match(text, start)
        if match:
            parts = _ONE_ANNOTATION.findall(match.group(0))
            if all(_is_reading(text[start - 1], part) for part in parts):
                pieces.append(text[position:start])
                position = match.end()
                record.dropped.extend(parts)
                record.chars_removed += len(match.group(0))
    out = "".join(pieces) + text[position:] if pieces else text

    def damaged(match: re.Match) -> str:
        record.flags.append(f"damaged pinyin annotation {match.group(0)!r} replaced by U+FFFD")
        record.dropped.append(match.group(0))
        record.chars_removed += len(match.group(0)) - 1
        record.chars_changed += 1
        return "\ufffd"

    if ")" in out or "）" in out:
        out = _DAMAGED.sub(damaged, out)
    return out, record


def strip_inline_pinyin(text: str) -> str:
    """Remove ``(reading)`` right after a Han character when it is a reading of that character.

    Tone-marked, tone-numbered and toneless readings count (pypinyin, with
    heteronyms); repeated annotations go too. Genuine parentheses stay.

    >>> strip_inline_pinyin("領(lǐng)導(dǎo)小組 中(zhong)(zhong) 黨委(黨組) 縣(市、區(qū))")
    '領導小組 中 黨委(黨組) 縣(市、區)'
    """
    return _pinyin(text)[0]


# --------------------------------------------------------------------------- 3. script


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with one pass of OpenCC ``t2s``.

    ``t2s`` maps a few characters in two hops (薴 → 苧 → 苎): after the one pass, only those
    known second hops are applied (``_two_hop_fixes``). The text is never converted a second
    time: a second pass no longer sees a phrase's traditional context and damages names
    (乾安縣 → 乾安县 → 干安县).

    >>> to_simplified("樹立和踐行正確政績觀"), to_simplified("乾安縣 畢昇 楊聯陞 薴")
    ('树立和践行正确政绩观', '乾安县 毕昇 杨联陞 苎')
    """
    out = _t2s().convert(text)
    fixes = _two_hop_fixes()
    return out.translate(fixes) if fixes and any(char in out for char in map(chr, fixes)) else out


@cache
def _two_hop_fixes() -> dict[int, str]:
    """Characters that ``t2s`` itself outputs for one character and converts again on their own."""
    han = "".join(chr(c) for r in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)) for c in range(*r))
    converter = _t2s()
    once = converter.convert("\n".join(han)).split("\n")
    targets = {out for char, out in zip(han, once, strict=True) if out != char and len(out) == 1}
    fixes = {}
    for target in targets:
        again = converter.convert(target)
        if again != target and len(again) == 1:
            fixes[ord(target)] = again
    return fixes


@cache
def _traditional_chars() -> re.Pattern:
    """Characters that t2s changes on their own (about 2,700 of the BMP's Han characters)."""
    han = "".join(chr(c) for r in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)) for c in range(*r))
    simplified = _t2s().convert(han)
    changed = "".join(a for a, b in zip(han, simplified, strict=True) if a != b)
    return re.compile("[" + changed + "]")


def traditional_share(text: str) -> float:
    """Share of Han characters that ``t2s`` changes on their own (0 for simplified text).

    >>> traditional_share("樹立正确")
    0.25
    """
    han = _han_count(text)
    if not han:
        return 0.0
    return round(len(_traditional_chars().findall(text)) / han, 4)


def detect_script(text: str, traditional_at: float = 0.08, mixed_at: float = 0.002) -> str:
    """``traditional``, ``mixed`` or ``simplified``, from ``traditional_share``.

    Mainland text in traditional script changes in about a third of its Han
    characters; simplified text in none. ``mixed`` is anything between.

    >>> detect_script("树立正确政绩观"), detect_script("樹立正確政績觀")
    ('simplified', 'traditional')
    """
    share = traditional_share(text)
    if share >= traditional_at:
        return "traditional"
    if share >= mixed_at:
        return "mixed"
    return "simplified"


@cache
def _script_fixes() -> tuple[tuple[str, str], ...]:
    rows = [(row["after_t2s"], row["simplified"]) for row in read_tsv("t2s_fixes.tsv")]
    return tuple(sorted(rows, key=lambda pair: -len(pair[0])))


def _apply_script_fixes(text: str) -> str:
    for before, after in _script_fixes():
        text = text.replace(before, after)
    return text


def _document_script(text: str) -> str:
    """``detect_script`` of the text without its boilerplate lines.

    Page chrome is dropped later in the pipeline; deciding the script on the text without it
    means a second run over the output, which has no chrome left, decides the same way.
    """
    return detect_script(_boilerplate(text)[0])


def _script(text: str, script: str | None = None) -> tuple[str, StepRecord]:
    script = script or _document_script(text)
    if script == "simplified":
        return text, StepRecord()
    if script == "mixed":
        # Mostly simplified text with a few characters t2s would change: usually names
        # and rare words (赵孟頫, 蒜薹, 哪吒, 乾隆) that t2s would damage. Listed, not converted.
        found = pd.Series(_traditional_chars().findall(text)).value_counts().sort_index()
        listed = " ".join(f"{char}×{count}" for char, count in found.items())
        return text, StepRecord(flags=[f"script: mixed, not converted ({listed})"])
    out = _apply_script_fixes(to_simplified(text))
    return out, StepRecord(chars_changed=_count_changed(text, out), flags=["script: traditional"])


def simplify_script(text: str, script: str | None = None) -> str:
    """Convert a traditional text to simplified; leave simplified and mixed text unchanged.

    ``script`` overrides ``detect_script``. A *mixed* text is simplified text
    with a few characters that t2s would change; those are mostly names and
    rare words (赵孟頫, 蒜薹, 哪吒) that conversion would damage, so it is left
    as it is and the characters are listed in the audit. After ``t2s``, the known misses in
    ``data/t2s_fixes.tsv`` are corrected (``著眼`` → ``着眼``, ``甚么`` → ``什么`` …).
    ``tw2sp`` is not used: it rewrites vocabulary (文件 → 文档, 线上 → 在线),
    which is wrong for mainland text that was merely printed in traditional script.

    >>> simplify_script("打牢基礎、著眼長遠,一著不讓")
    '打牢基础、着眼长远,一着不让'
    >>> simplify_script("原著")
    '原著'
    """
    return _script(text, script)[0]


# --------------------------------------------------------------------------- 7. spacing

_SPACE_RUN = re.compile(r"[ ]+")
_HAN_OR_DIGIT = re.compile(f"[{HAN}0-9%]")
_CJK_PUNCT_RE = re.compile(f"[{CJK_PUNCT}]")


def _space_replacement(text: str, start: int, end: int) -> str:
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if before == "\n" or after == "\n":
        return ""
    if _CJK_PUNCT_RE.match(before) or _CJK_PUNCT_RE.match(after):
        return ""
    if _HAN_OR_DIGIT.match(before) and _HAN_OR_DIGIT.match(after):
        # Han–digit and digit–Han spaces go; a space between two Han phrases stays.
        if HAN_RE.match(before) and HAN_RE.match(after):
            return " "
        if not HAN_RE.match(before) and not HAN_RE.match(after):
            return " "
        return ""
    return " "


def _spacing(text: str) -> tuple[str, StepRecord]:
    pieces: list[str] = []
    position = 0
    for match in _SPACE_RUN.finditer(text):
        start, end = match.span()
        replacement = _space_replacement(text, start, end)
        if replacement != match.group(0):
            pieces.append(text[position:start])
            pieces.append(replacement)
            position = end
    out = "".join(pieces) + text[position:] if pieces else text
    return out, StepRecord(chars_removed=len(text) - len(out))


def normalize_spacing(text: str) -> str:
    """Remove spaces between Han characters and digits and next to CJK punctuation.

    Runs of spaces shrink to one and lines lose edge spaces. A single space
    between Han phrases is kept: headlines use it as a separator
    (``系统谋划 深学细悟 入脑入心``). Latin text keeps its spaces.

    >>> normalize_spacing("2020 年11 月13 日, 1.59 萬個 all rights  reserved")
    '2020年11月13日, 1.59萬個 all rights reserved'
    """
    return _spacing(text)[0]


# --------------------------------------------------------------------------- 6. punctuation

_TO_FULL = dict(zip(_CONTEXT_PUNCT_ASCII, _CONTEXT_PUNCT_FULL, strict=True))
_TO_ASCII = dict(zip(_CONTEXT_PUNCT_FULL, _CONTEXT_PUNCT_ASCII, strict=True))
_ANY_CONTEXT_PUNCT = re.escape(_CONTEXT_PUNCT_ASCII + _CONTEXT_PUNCT_FULL)
_PAREN_PAIR = re.compile(r"[(（]([^()（）\n]*)[)）]")
_PUNCT_RUN = re.compile(f"[{_ANY_CONTEXT_PUNCT}]+")
_SKIPPED = set(_CONTEXT_PUNCT_ASCII + _CONTEXT_PUNCT_FULL + " ")


def _neighbour(text: str, index: int, step: int) -> str:
    """Nearest character that is neither a space nor context punctuation."""
    while 0 <= index < len(text) and text[index] in _SKIPPED:
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _chinese_context(text: str, start: int, end: int, inside: str = "") -> bool:
    before, after = _neighbour(text, start - 1, -1), _neighbour(text, end, 1)
    inside = "".join(c for c in inside if c not in _SKIPPED)
    return bool(_CJK_RE.match(before) or _CJK_RE.match(after) or _CJK_RE.search(inside))


# Marks that may need to change: every ASCII mark, and full-width marks next to an
# ASCII letter, digit or space (a full-width mark between Han characters is already right).
_ASCII_MARK = re.compile(f"[{re.escape(_CONTEXT_PUNCT_ASCII)}]")
_SKIPPABLE = re.escape(_CONTEXT_PUNCT_ASCII + _CONTEXT_PUNCT_FULL) + " "
# A run of marks and spaces next to an ASCII letter, digit, % or point: the
# full-width marks in it are the ones whose nearest neighbour (see _neighbour) is ASCII.
_RUN_AFTER_ASCII = re.compile(f"(?<=[0-9A-Za-z%.])[{_SKIPPABLE}]+")
_RUN_BEFORE_ASCII = re.compile(f"[{_SKIPPABLE}]+(?=[0-9A-Za-z%.])")


def _punctuation_candidates(text: str) -> list[int]:
    """Marks whose form may have to change: every ASCII mark, and every full-width mark with
    an ASCII neighbour (a full-width mark with Chinese or nothing on both sides stays)."""
    positions = {m.start() for m in _ASCII_MARK.finditer(text)}
    for pattern in (_RUN_AFTER_ASCII, _RUN_BEFORE_ASCII):
        for match in pattern.finditer(text):
            positions.update(i for i in range(match.start(), match.end()) if text[i] in _CONTEXT_PUNCT_FULL)
    return sorted(positions)


def _paren_partners(text: str) -> dict[int, int]:
    """Index of each parenthesis that closes or opens an innermost pair, mapped to its partner."""
    partners: dict[int, int] = {}
    for match in _PAREN_PAIR.finditer(text):
        partners[match.start()] = match.end() - 1
        partners[match.end() - 1] = match.start()
    return partners


def _punctuation(text: str) -> tuple[str, StepRecord]:
    candidates = _punctuation_candidates(text)
    if not candidates:
        return text, StepRecord()
    partners = _paren_partners(text) if any(text[i] in "()（）" for i in candidates) else {}
    edits: dict[int, str] = {}
    for index in candidates:
        if index in partners:
            start, end = sorted((index, partners[index]))
            full = _chinese_context(text, start, end + 1, text[start + 1 : end])
        else:
            full = _chinese_context(text, index, index + 1)
        table = _TO_FULL if full else _TO_ASCII
        for position in (index, partners[index]) if index in partners else (index,):
            target = table.get(text[position], text[position])
            if target != text[position]:
                edits[position] = target
    if not edits:
        return text, StepRecord()
    pieces, position = [], 0
    for index in sorted(edits):
        pieces.append(text[position:index])
        pieces.append(edits[index])
        position = index + 1
    out = "".join(pieces) + text[position:]
    return out, StepRecord(chars_changed=len(edits))


def unify_punctuation(text: str) -> str:
    """One punctuation convention: full-width ，；：？！（） in Chinese, ASCII in numbers and Latin.

    A mark (or a run of marks) is full-width when the nearest character on
    either side is Han or CJK punctuation; a pair of parentheses is decided
    together, also by what it encloses. Seeds use ASCII commas and
    parentheses, People's Daily full-width ones: both end up the same.

    >>> unify_punctuation("党校(行政学院),5+2,1,000 达98.2%;探索 22:22:29 (in English, too)")
    '党校（行政学院），5+2,1,000 达98.2%；探索 22:22:29 (in English, too)'
    """
    return _punctuation(text)[0]


# --------------------------------------------------------------------------- 4. boilerplate


@dataclass(frozen=True)
class BoilerplatePatterns:
    """Compiled patterns of ``data/boilerplate.tsv`` (or of rows you pass)."""

    line: tuple[re.Pattern, ...]
    inline: tuple[re.Pattern, ...]
    trailer: tuple[re.Pattern, ...]

    @property
    def any_line(self) -> re.Pattern:
        """All ``line`` patterns as one alternation (one match per line instead of twenty)."""
        return _alternation(self.line)

    @property
    def any_trailer(self) -> re.Pattern:
        return _alternation(self.trailer)

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
_DATELINE = re.compile(r"[（(]?(新华社|中新社|本报)[^，,。（）()]{0,12}\d{1,2}月\d{1,2}日电")
_BYLINE = re.compile(
    r"^(□\s*|■\s*)?(本报|新华社|人民日报|中新社|光明日报)?(特约)?(记者|通讯员)(?:\s*\S){0,40}\s*$"
)
_AUTHOR_NOTE = re.compile(r"^[（(]?作者(系|为|是)")
_REPEAT_WINDOW = 10


def _is_protected(line: str) -> bool:
    """Lines that carry article metadata and are never page furniture."""
    return bool(_DATELINE.search(line) or _BYLINE.match(line) or _AUTHOR_NOTE.match(line))


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
        if chrome[index] or any_trailer.fullmatch(stripped[index]):
            anchored = True
        elif not _is_short_non_sentence(stripped[index]) or _is_protected(stripped[index]):
            after_text = True
            break
        cut = index
    if anchored and after_text:
        drop[cut:] = [True] * (len(lines) - cut)

    # The page title of a web page is often printed again as the article title.
    seen: set[str] = set()
    visible = [i for i, s in enumerate(stripped) if s and not drop[i]][:_REPEAT_WINDOW]
    for index in visible:
        if stripped[index] in seen and _is_short_non_sentence(stripped[index]):
            drop[index] = True
        seen.add(stripped[index])

    kept = []
    for line, text_line, dropped in zip(lines, stripped, drop, strict=True):
        if dropped:
            if text_line:
                record.dropped.append(text_line)
                record.lines_dropped += 1
            continue
        for pattern in patterns.inline:
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
    notes are never dropped.

    >>> drop_boilerplate("手机扫码接着看\\n正文第一段。\\n浏览16 评论0\\n返回")
    '正文第一段。'
    """
    return _boilerplate(text, patterns)[0]


# --------------------------------------------------------------------------- 5. lines

_OPEN_END = re.compile(f"[{HAN}，,、“‘（(《—]")
_OPENING = "“‘（《「『"
_CLOSING = "”’）》」』"
_FOLD_PARENS = str.maketrans("()", "（）")
_SHORT_FIRST_CLAUSE = re.compile(r"^[^“‘（(《，,。！？!?；;：:…、”]{1,3}(?:。|……|…|”)")


@cache
def _line_break_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/line_breaks.tsv``, by kind."""
    kinds: dict[str, set[str]] = {}
    for row in read_tsv("line_breaks.tsv"):
        kinds.setdefault(row["kind"], set()).add(row["item"])
    return {kind: frozenset(items) for kind, items in kinds.items()}


def _unbalanced(line: str) -> bool:
    line = line.translate(_FOLD_PARENS)
    return any(line.count(o) != line.count(c) for o, c in zip(_OPENING, _CLOSING, strict=True))


def _closes_first(line: str) -> bool:
    """The line closes a quote or bracket before it opens one (it continues a quotation)."""
    line = line.translate(_FOLD_PARENS)
    for opening, closing in zip(_OPENING, _CLOSING, strict=True):
        close_at, open_at = line.find(closing), line.find(opening)
        if close_at != -1 and (open_at == -1 or close_at < open_at):
            return True
    return False


def _is_body_like(line: str) -> bool:
    """Running text rather than a headline, section heading or byline."""
    if _is_protected(line):
        return False
    clauses = sum(line.count(mark) for mark in "，,、；;")
    long_enough = _visible_length(line) >= 40
    return long_enough or bool(_SENTENCE_MARK.search(line)) or clauses >= 2 or _unbalanced(line)


def _ends_mid_sentence(line: str) -> bool:
    return bool(_OPEN_END.match(line[-1])) and not line.endswith("——")


def _continues(previous: str, line: str, document: str) -> bool:
    """Evidence that ``line`` continues the sentence ``previous`` broke off.

    A line without a final full stop is not enough: People's Daily leads and summaries end
    without one. One of these must hold: a word runs across the break (检验培训成|果如何:
    成果); the previous line ends on a demonstrative or preposition (这种, 以); it left a
    quotation open that this line closes; this line starts with a particle that attaches
    backwards (被吹毁, 的); its first clause is a stub ending the sentence (转变。”, 分装……);
    or the previous line ends on a lone character and the string across the break occurs
    elsewhere in the document (评价水|环境质量: 水环境).
    """
    words = _line_break_words()
    left, right = previous[-8:], line[:8]
    position = 0
    for word in _dictionary_words(left + right):
        if position < len(left) < position + len(word):
            return True
        position += len(word)
    last = _dictionary_words(left)[-1]
    if last in words["ends_sentence_never"]:
        return True
    if _unbalanced(previous) and _closes_first(line):
        return True
    if line[0] in words["starts_sentence_never"] or _SHORT_FIRST_CLAUSE.match(line):
        return True
    if len(last) == 1 and last not in words["can_end_phrase"] and HAN_RE.match(last):
        spans = (left[-a:] + right[:b] for a in (1, 2, 3) for b in (1, 2, 3) if a + b >= 3)
        return any(span in document for span in spans)
    return False


@cache
def _word_frequencies() -> tuple[dict[str, int], float]:
    """jieba's default dictionary (``jieba/dict.txt``) read as data: word → frequency.

    Every prefix of a word is present with frequency 0, as jieba keeps them, and the log of
    the total frequency comes with it. Only the file is read: no jieba tokenizer is built.
    """
    from importlib.resources import files

    frequencies: dict[str, int] = {}
    total = 0
    with (files("jieba") / "dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            word, freq = line.split(" ", 2)[:2]
            frequencies[word] = int(freq)
            total += int(freq)
            for end in range(1, len(word)):
                frequencies.setdefault(word[:end], 0)
    return frequencies, log(total)


_WORD_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+)")
_SKIP = re.compile(r"(\r\n|\s)")
_LATIN_CHAR = re.compile("[a-zA-Z0-9]")


def _dictionary_words(text: str) -> list[str]:
    """The most probable split of a short text into words of jieba's dictionary, no HMM.

    The method of jieba's ``cut(HMM=False)`` (every dictionary word at each position, then
    the path of highest summed log frequency; runs of single Latin letters or digits stay
    together), applied to the few characters around a line break; a test checks it gives
    jieba's words.

    >>> _dictionary_words("检验培训成果如何")
    ['检验', '培训', '成果', '如何']
    """
    frequencies, log_total = _word_frequencies()
    out: list[str] = []
    for block in _WORD_BLOCK.split(text):
        if not block:
            continue
        if not _WORD_BLOCK.fullmatch(block):
            for piece in _SKIP.split(block):
                out.extend([piece] if _SKIP.fullmatch(piece) else piece)
            continue
        n = len(block)
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for start in range(n - 1, -1, -1):
            ends, end, fragment = [], start, block[start]
            while end < n and fragment in frequencies:
                if frequencies[fragment]:
                    ends.append(end)
                end += 1
                fragment = block[start : end + 1]
            route[start] = max(
                (log(frequencies.get(block[start : e + 1]) or 1) - log_total + route[e + 1][0], e)
                for e in ends or [start]
            )
        position, latin = 0, ""
        while position < n:
            word = block[position : route[position][1] + 1]
            position += len(word)
            if len(word) == 1 and _LATIN_CHAR.match(word):
                latin += word
                continue
            if latin:
                out.append(latin)
                latin = ""
            out.append(word)
        if latin:
            out.append(latin)
    return [word for word in out if word]


def _lines(text: str) -> tuple[str, StepRecord]:
    record = StepRecord()
    paragraphs: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        previous = paragraphs[-1] if paragraphs else ""
        if (
            previous
            and _ends_mid_sentence(previous)
            and _is_body_like(previous)
            and _is_body_like(line)
            and _continues(previous, line, text)
        ):
            paragraphs[-1] = previous + line
            record.lines_joined += 1
        else:
            paragraphs.append(line)
    out = "\n".join(paragraphs)
    record.chars_removed = len(text) - len(out)
    return out, record


def join_broken_lines(text: str) -> str:
    """Rejoin paragraphs split mid-sentence; drop blank lines; one paragraph per line.

    A line is joined to the next when it is running text (a sentence mark,
    two or more clauses, an unclosed quote, or 40+ characters) that ends
    mid-sentence (on a Han character or an opening mark), the next line is
    running text too, and there is positive evidence that the sentence goes on
    (see ``_continues``: a word across the break, a dangling preposition, an
    open quotation, …) — People's Daily leads end without a full stop and must
    not be glued to the next paragraph. Blank lines in between do not matter,
    so a break across a blank line or a dropped photo caption is repaired.
    Headlines, section headings, bylines and datelines are never glued to body
    text; a paragraph that ends on a digit or ``%`` is not joined.

    >>> join_broken_lines("学习的目的全在于运用。检验培训成\\n\\n果如何，关键还要看抓落实是否到位。")
    '学习的目的全在于运用。检验培训成果如何，关键还要看抓落实是否到位。'
    """
    return _lines(text)[0]


# --------------------------------------------------------------------------- pipeline

Step = Callable[[str], tuple[str, StepRecord]]
STEPS: tuple[tuple[str, Step], ...] = (
    ("unicode", _unicode),
    ("pinyin", _pinyin),
    ("script", _script),
    ("boilerplate", _boilerplate),
    ("lines", _lines),
    ("punctuation", _punctuation),
    ("spacing", _spacing),
)


def normalize_text(text: str) -> str:
    """The whole pipeline on one text: clean simplified paragraphs, one per line.

    >>> normalize_text("領(lǐng)導(dǎo)干部,2400 余條\\n\\n浏览16 评论0")
    '领导干部，2400余条'
    """
    for _, step in STEPS:
        text = step(text)[0]
    return text


def _normalize_with_audit(doc_id: str, text: str) -> tuple[str, str, list[dict]]:
    script = _document_script(text)
    rows = []
    for name, step in STEPS:
        text, record = step(text, script) if name == "script" else step(text)
        dropped_text = "\n".join(record.dropped)
        han_removed = _han_count(dropped_text) if dropped_text else 0
        rows.append(
            {
                "doc_id": doc_id,
                "step": name,
                "chars_removed": record.chars_removed,
                "han_removed": han_removed,
                "chars_changed": record.chars_changed,
                "lines_joined": record.lines_joined,
                "lines_dropped": record.lines_dropped,
                "dropped_text": dropped_text,
                "notes": "; ".join(record.flags),
            }
        )
    return text, script, rows


def normalize_corpus(
    documents: pd.DataFrame,
    progress: bool = False,
    *,
    n_jobs: int = 1,
    backend: str | None = None,
    cache=None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Normalize every document and audit every step.

    Parameters
    ----------
    documents:
        The ``documents`` table of ``textkit.corpus.load_corpus`` (``doc_id``
        and ``text`` are needed).
    progress:
        Show a progress bar on stderr (for consoles, not notebooks).
    n_jobs:
        Worker processes (joblib; -1 for all cores). The result does not depend on it.
        Less than ``textkit.parallel.PARALLEL_MIN_CHARS`` characters to normalize are done
        in this process (starting workers would take longer).
    backend:
        A joblib backend; ``"dask"`` runs on the ``dask.distributed`` cluster of the
        current ``Client`` (see ``textkit.parallel.map_batches``).
    cache:
        Where normalizations are kept between runs, by the SHA-256 of the raw text, e.g.
        ``textkit.cache.ParquetCache(folder)``: the normalized text, the script and the
        audit rows are cached together (namespace ``normalize-<normalizer_version()>``),
        so a cached document gives the same audit as a fresh one.

    Returns
    -------
    documents:
        A copy with ``text_norm`` (the normalized text) and ``script``
        (``simplified``/``traditional``/``mixed``, detected on the raw text).
    audit:
        One row per document and step (``AUDIT_COLUMNS``): characters removed
        (of them Han), characters changed one for one, lines joined, lines
        dropped, the dropped text (one item per line) and flags such as a
        damaged pinyin annotation.
    """
    import hashlib
    import json
    from functools import partial

    from tqdm import tqdm

    from textkit.parallel import apply_each, map_batches, worth_parallel

    raw = documents["text"].tolist()
    keys = [hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() for text in raw]
    pending = dict(zip(keys, raw, strict=True))  # each distinct text is normalized once
    results: dict[str, tuple[str, str, list]] = {}
    namespace = None
    if cache is not None:
        from textkit.cache import normalizer_version

        namespace = f"normalize-{normalizer_version()}"
        for key, value in cache.get_many(namespace, list(pending)).items():
            record = json.loads(value)
            results[key] = (record["text"], record["script"], record["audit"])
            del pending[key]
    if pending:
        work = partial(_normalize_with_audit, "")
        texts = list(pending.values())
        if (n_jobs == 1 and backend is None) or not worth_parallel(texts):
            done = [work(text) for text in tqdm(texts, disable=not progress, desc="normalize")]
        else:
            done = map_batches(
                apply_each, work, texts, n_jobs=n_jobs, backend=backend, progress=progress, desc="normalize"
            )
        computed = {
            key: (normalized, script, [[row[c] for c in AUDIT_COLUMNS[1:]] for row in rows])
            for key, (normalized, script, rows) in zip(pending, done, strict=True)
        }
        del done
        if cache is not None:
            cache.put_many(
                namespace,
                {
                    key: json.dumps(
                        {"text": normalized, "script": script, "audit": rows},
                        ensure_ascii=False,
                        separators=(",", ":"),
                    )
                    for key, (normalized, script, rows) in computed.items()
                },
            )
        results.update(computed)
    out = documents.copy()
    out["text_norm"] = [results[key][0] for key in keys]
    out["script"] = [results[key][1] for key in keys]
    doc_keys = zip(documents["doc_id"], keys, strict=True)
    audit = pd.DataFrame(
        [[doc_id, *row] for doc_id, key in doc_keys for row in results[key][2]], columns=AUDIT_COLUMNS
    )
    return out, audit


def warm_worker() -> None:
    """Load the normalization tables in this (worker) process, for ``parallel.warm_up_workers``."""
    normalize_text("習(xí)近平總書記指出,2020 年")


def _visible(text: str) -> str:
    """Line breaks as ⏎ and invisible or unusual spaces as ⟨U+XXXX⟩, so a change can be seen."""
    out = []
    for char in text:
        if char == "\n":
            out.append("⏎")
        elif char in _ZERO_WIDTH or (char.isspace() and char != " "):
            out.append(f"⟨U+{ord(char):04X}⟩")
        else:
            out.append(char)
    return "".join(out)


def _changed_window(before: str, after: str, context: int = 12, limit: int = 80) -> tuple[str, str]:
    """The stretch of ``before`` and ``after`` around their first difference."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while end_before > start and end_after > start and before[end_before - 1] == after[end_after - 1]:
        end_before -= 1
        end_after -= 1
    left = max(0, start - context)
    show_before = before[left : min(end_before + context, left + limit)]
    show_after = after[left : min(end_after + context, left + limit)]
    return _visible(show_before), _visible(show_after)


def _join_window(before: str, after: str, context: int = 12) -> tuple[str, str] | None:
    """Where a paragraph broken across lines was rejoined, if anywhere."""
    lines = [line.strip() for line in before.split("\n") if line.strip()]
    joined = set(after.split("\n"))
    for index, line in enumerate(lines[:-1]):
        if line not in joined and any(p.startswith(line) for p in joined):
            following = lines[index + 1]
            gap = before[before.index(line) + len(line) : before.index(following, before.index(line))]
            return _visible(line[-context:] + gap + following[:context]), line[-context:] + following[
                :context
            ]
    return None


def examples_by_step(documents: pd.DataFrame, context: int = 12) -> pd.DataFrame:
    """One before/after example per normalization step, taken from the documents themselves.

    For each step, the first document (in ``doc_id`` order) that the step
    changes gives the example: the text around the first change, just before
    and just after the step (for ``lines``, the first rejoined paragraph).
    Line breaks show as ``⏎``, invisible characters as ``⟨U+XXXX⟩``. Steps that
    change nothing in the corpus get no row.
    """
    found: dict[str, dict] = {}
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        script = _document_script(text)
        for name, step in STEPS:
            after = (step(text, script) if name == "script" else step(text))[0]
            if name not in found and after != text:
                window = _join_window(text, after, context) if name == "lines" else None
                if name != "lines" or window:
                    before_window, after_window = window or _changed_window(text, after, context)
                    found[name] = {
                        "step": name,
                        "doc_id": doc_id,
                        "before": before_window,
                        "after": after_window,
                    }
            text = after
        if len(found) == len(STEPS):
            break
    order = [name for name, _ in STEPS]
    rows = sorted(found.values(), key=lambda row: order.index(row["step"]))
    return pd.DataFrame(rows, columns=["step", "doc_id", "before", "after"])
