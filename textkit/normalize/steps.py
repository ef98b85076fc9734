"""Normalization stage: character-level steps (unicode, pinyin, script, spacing, punctuation)."""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache

import numpy as np
import opencc

from textkit._chars import HAN, HAN_RE, count_chars
from textkit.datafiles import read_tsv
from textkit.normalize._audit import (
    _CJK_RE,
    CJK_PUNCT,
    StepRecord,
    _count_changed,
    _han_count,
)
from textkit.normalize._pinyin_readings import readings
from textkit.normalize._pinyin_readings import strip_tones as _strip_tones
from textkit.normalize.boilerplate import _boilerplate

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


def _line_slices(text: str, size: int = 1 << 20):
    """``text`` in slices of about ``size`` characters, each cut after a line break.

    Conversions that build their output in a wider buffer (``str.translate`` with a table,
    OpenCC's UTF-8 round trip) run a slice at a time, so a 150 MB file is not held several
    times over; no mapping or phrase spans a line break, so the result is the same.

    >>> [len(piece) for piece in _line_slices("ab\\ncd\\nef", size=2)]
    [3, 3, 2]
    """
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size - 1)
        end = len(text) if cut < 0 else cut + 1
        yield text[start:end]
        start = end


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
    out, counts = _unicode_counts(text)
    return out, _unicode_record(*counts)


def _unicode_counts(text: str) -> tuple[str, tuple[int, int, int, int]]:
    """The step's text, and what it did as numbers that add up over slices of a text:
    zero-width characters removed, characters removed by decoding entities, characters
    changed, entities decoded."""
    decoded, entities = _decode_entities(text)
    out = decoded
    for char in _ZERO_WIDTH:
        if char in out:
            out = out.replace(char, "")
    removed = len(decoded) - len(out)
    without_zero_width = out
    changed = 0  # each space replaced is one character changed (none of them is " ")
    for char in _SPACES + "\t":
        if char in out:
            changed += out.count(char)
            out = out.replace(char, " ")
    if _unicode_candidates().search(out):
        table = _unicode_table()
        out = "".join(piece.translate(table) for piece in _line_slices(out))
        changed = 0 if out == without_zero_width else _count_changed(without_zero_width, out)
    return out, (removed, len(text) - len(decoded), changed, entities)


def _unicode_record(removed: int, entity_chars: int, changed: int, entities: int) -> StepRecord:
    record = StepRecord(chars_removed=removed + entity_chars, chars_changed=changed + entities)
    if removed:
        record.dropped = [f"{removed} zero-width character(s)"]
    if entities:
        record.flags = [f"{entities} HTML entit{'y' if entities == 1 else 'ies'} decoded"]
    return record


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


@lru_cache(maxsize=65536)
def _readings(char: str) -> frozenset[str]:
    """Every reading pypinyin knows for ``char``: tone-marked, numbered and toneless (from the
    table kept in the user's cache folder, ``textkit.normalize._pinyin_readings``)."""
    return readings(char)


def _is_reading(char: str, annotation: str) -> bool:
    syllable = annotation.strip("()（） ").lower()
    return syllable in _readings(char) or _strip_tones(syllable) in _readings(char)


def _pinyin(text: str) -> tuple[str, StepRecord]:
    out, annotations, damaged, removed, changed = _pinyin_parts(text)
    return out, _pinyin_record(annotations, damaged, removed, changed)


def _pinyin_record(annotations: list[str], damaged: list[str], removed: int, changed: int) -> StepRecord:
    flags = [f"damaged pinyin annotation {item!r} replaced by U+FFFD" for item in damaged]
    dropped = annotations + damaged
    return StepRecord(chars_removed=removed, chars_changed=changed, dropped=dropped, flags=flags)


def _pinyin_parts(text: str) -> tuple[str, list[str], list[str], int, int]:
    """The step's text, the annotations removed, the damaged ones replaced, characters
    removed and characters changed."""
    record = StepRecord()
    damaged_found: list[str] = []
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
        damaged_found.append(match.group(0))
        record.chars_removed += len(match.group(0)) - 1
        record.chars_changed += 1
        return "\ufffd"

    # a damaged annotation opens with ?, ？ or U+FFFD and closes with a bracket (most texts hold no ?)
    if (")" in out or "）" in out) and ("?" in out or "？" in out or "\ufffd" in out):
        out = _DAMAGED.sub(damaged, out)
    return out, record.dropped, damaged_found, record.chars_removed, record.chars_changed


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
    converter = _t2s()
    out = "".join(converter.convert(piece) for piece in _line_slices(text))
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
    return round(count_chars(_traditional_chars(), text) / han, 4)


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
    Dropping boilerplate only removes characters, so a text without a single character that
    t2s changes is simplified with or without it: most texts are decided without the
    boilerplate pass (a quarter of the normalization time of a People's Daily corpus).
    """
    if not _traditional_chars().search(text):
        return "simplified"
    return detect_script(_boilerplate(text)[0])


def _script(text: str, script: str | None = None) -> tuple[str, StepRecord]:
    script = script or _document_script(text)
    if script == "simplified":
        return text, StepRecord()
    if script == "mixed":
        # Mostly simplified text with a few characters t2s would change: usually names
        # and rare words (赵孟頫, 蒜薹, 哪吒, 乾隆) that t2s would damage. Listed, not converted.
        return text, _mixed_record(_traditional_counts(text))
    out = _apply_script_fixes(to_simplified(text))
    return out, StepRecord(chars_changed=_count_changed(text, out), flags=["script: traditional"])


def _traditional_counts(text: str) -> Counter:
    """How often each character that t2s changes occurs, counted a slice at a time."""
    pattern, counts = _traditional_chars(), Counter()
    for start in range(0, len(text), 1 << 16):
        counts.update(pattern.findall(text, start, start + (1 << 16)))
    return counts


def _mixed_record(counts: Counter) -> StepRecord:
    listed = " ".join(f"{char}×{counts[char]}" for char in sorted(counts))
    return StepRecord(flags=[f"script: mixed, not converted ({listed})"])


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


# A headline's halves are parted by spaces (干部“靠前站”  群众“高兴办”): the break stays where a half
# ends in a closing quote after a word, or the next opens with a quote. Not after 》: a 《…》 set
# apart by a space at the head of a title reads as a column tag (headlines.TITLE_TAG_START), and the
# one such head line of the build files names a book (《新华字典》  走过七十年).
_CLOSING_MARKS = "”’"
_OPENING_QUOTES = "“‘"
_WORD_CHAR = re.compile(f"[{HAN}0-9A-Za-z]")


def _parts_halves(text: str, start: int, before: str, after: str) -> bool:
    if before in _CLOSING_MARKS:
        word_before = start > 1 and bool(_WORD_CHAR.match(text[start - 2]))
        return word_before and (bool(_HAN_OR_DIGIT.match(after)) or after in _OPENING_QUOTES)
    return bool(_HAN_OR_DIGIT.match(before)) and after in _OPENING_QUOTES


def _space_replacement(text: str, start: int, end: int) -> str:
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if before == "\n" or after == "\n":
        return ""
    if _parts_halves(text, start, before, after):
        return " "
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


def _space_runs(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the runs of spaces in ``text`` (``_SPACE_RUN``'s matches): each found by
    ``str.find``, which skips through a text about twenty times faster than the regex engine
    (a People's Daily text, its lines stripped, holds about one run).

    >>> list(_space_runs(" a  b "))
    [(0, 1), (2, 4), (5, 6)]
    """
    start = text.find(" ")
    while start >= 0:
        end = _SPACE_RUN.match(text, start).end()
        yield start, end
        start = text.find(" ", end)


def _spacing(text: str) -> tuple[str, StepRecord]:
    pieces: list[str] = []
    position = 0
    for start, end in _space_runs(text):
        replacement = _space_replacement(text, start, end)
        if replacement != text[start:end]:
            pieces.append(text[position:start])
            pieces.append(replacement)
            position = end
    out = "".join(pieces) + text[position:] if pieces else text
    return out, StepRecord(chars_removed=len(text) - len(out))


def normalize_spacing(text: str) -> str:
    """Remove spaces between Han characters and digits and next to CJK punctuation.

    Runs of spaces shrink to one and lines lose edge spaces. A single space
    between Han phrases is kept: headlines use it as a separator
    (``系统谋划 深学细悟 入脑入心``), and so is one after a closing mark that ends a phrase or
    before an opening quote (``干部“靠前站” 群众“高兴办”``). Latin text keeps its spaces.

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
# An ASCII letter, digit, % or point and the run of marks and spaces after it (group 1): the
# full-width marks in the run are the ones whose nearest neighbour before them (see _neighbour)
# is ASCII. The pattern starts with the ASCII character, so the engine skips ahead to one; the
# runs before an ASCII character are found with it in the reversed text (a lookbehind or a
# lookahead pattern was tried at every position or every mark: 0.10 s of the step's 0.16 s on
# People's Daily, against 0.05 s).
_RUN_AFTER_ASCII = re.compile(f"[0-9A-Za-z%.]([{_SKIPPABLE}]+)")


def _punctuation_candidates(text: str) -> np.ndarray:
    """Marks whose form may have to change: every ASCII mark, and every full-width mark with
    an ASCII neighbour (a full-width mark with Chinese or nothing on both sides stays).

    Positions ascending, each once, as an int64 array (8 bytes a mark: a set of Python ints
    took ten times that, on a file of a million commas).

    >>> _punctuation_candidates("中，2，中。a（b）").tolist()
    [1, 3, 7, 9]
    """
    positions = array("q", (m.start() for m in _ASCII_MARK.finditer(text)))
    for match in _RUN_AFTER_ASCII.finditer(text):
        positions.extend(i for i in range(match.start(1), match.end()) if text[i] in _CONTEXT_PUNCT_FULL)
    last, reversed_text = len(text) - 1, text[::-1]
    for match in _RUN_AFTER_ASCII.finditer(reversed_text):
        run = range(match.start(1), match.end())
        positions.extend(last - i for i in run if reversed_text[i] in _CONTEXT_PUNCT_FULL)
    return np.unique(np.frombuffer(positions, dtype=np.int64)) if positions else np.empty(0, np.int64)


def _paren_partners(text: str) -> dict[int, int]:
    """Index of each parenthesis that closes or opens an innermost pair, mapped to its partner."""
    partners: dict[int, int] = {}
    for match in _PAREN_PAIR.finditer(text):
        partners[match.start()] = match.end() - 1
        partners[match.end() - 1] = match.start()
    return partners


def _splice(text: str, positions: np.ndarray, targets: list[str], batch: int = 4096) -> str:
    """``text`` with the character at each of ``positions`` (ascending, distinct) replaced.

    The slices between edits are joined a batch at a time: two slices per edit held until
    the end took several times the text on a large file.

    >>> _splice("a,b,c", np.array([1, 3]), ["，", "；"])
    'a，b；c'
    """
    chunks, pieces, position = [], [], 0
    for index, target in zip(positions.tolist(), targets, strict=True):
        pieces.append(text[position:index])
        pieces.append(target)
        position = index + 1
        if len(pieces) >= batch:
            chunks.append("".join(pieces))
            pieces.clear()
    chunks.append("".join(pieces))
    chunks.append(text[position:])
    return "".join(chunks)


def _punctuation(text: str) -> tuple[str, StepRecord]:
    candidates = _punctuation_candidates(text)
    if not len(candidates):
        return text, StepRecord()
    partners = _paren_partners(text) if any(text[i] in "()（）" for i in candidates.tolist()) else {}
    # Edits as two flat arrays (position, target), not a dict of Python ints: on a large file
    # the dict held about 130 bytes a mark. A position may be written twice (both marks of a
    # pair are candidates); the pair decides the same way both times.
    positions, targets = array("q"), []
    for index in candidates.tolist():
        if index in partners:
            start, end = sorted((index, partners[index]))
            full = _chinese_context(text, start, end + 1, text[start + 1 : end])
        else:
            full = _chinese_context(text, index, index + 1)
        table = _TO_FULL if full else _TO_ASCII
        for position in (index, partners[index]) if index in partners else (index,):
            target = table.get(text[position], text[position])
            if target != text[position]:
                positions.append(position)
                targets.append(target)
    if not targets:
        return text, StepRecord()
    found = np.frombuffer(positions, dtype=np.int64)
    order = np.argsort(found, kind="stable")
    keep = np.ones(len(order), dtype=bool)
    keep[:-1] = found[order][1:] != found[order][:-1]  # of equal positions, the last write
    order = order[keep]
    out = _splice(text, found[order], [targets[i] for i in order.tolist()])
    return out, StepRecord(chars_changed=len(order))


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
