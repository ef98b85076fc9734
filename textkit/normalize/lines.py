"""Normalization stage: rejoining paragraphs broken mid-sentence (step 5)."""

from __future__ import annotations

import re
from functools import cache
from math import log

from textkit._chars import HAN, HAN_RE
from textkit._jieba_dict import dictionary_frequencies, dictionary_path
from textkit.datafiles import read_tsv
from textkit.normalize._audit import (
    StepRecord,
)
from textkit.normalize.boilerplate import (
    _SENTENCE_MARK,
    _is_protected,
    _visible_length,
)

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


# How far from a break the string across it is looked for (see _continues): far more than
# an article, so ordinary files are searched whole, but bounded, so that one file holding
# thousands of articles is not searched whole at every break (time grew with the square of
# its size: 46 minutes for 143 MB).
NEARBY_CHARS = 50_000


def _continues(previous: str, line: str, document: str, start: int = 0, end: int | None = None) -> bool:
    """Evidence that ``line`` continues the sentence ``previous`` broke off.

    A line without a final full stop is not enough: People's Daily leads and summaries end
    without one. One of these must hold: a word runs across the break (检验培训成|果如何:
    成果); the previous line ends on a demonstrative or preposition (这种, 以); it left a
    quotation open that this line closes; this line starts with a particle that attaches
    backwards (被吹毁, 的); its first clause is a stub ending the sentence (转变。”, 分装……);
    or the previous line ends on a lone character and the string across the break occurs
    elsewhere in ``document[start:end]`` (评价水|环境质量: 水环境).
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
        return any(document.find(span, start, end) >= 0 for span in spans)
    return False


_jieba_dictionary = dictionary_path


@cache
def _word_frequencies() -> tuple[dict[str, int], float]:
    """jieba's default dictionary (``jieba/dict.txt``) read as data: word → frequency.

    Every prefix of a word is present with frequency 0, as jieba keeps them, and the log of
    the total frequency comes with it. Only the file is read: no jieba tokenizer is built,
    and jieba is not even imported (``textkit._jieba_dict``, which the segmenters share).
    """
    frequencies, total = dictionary_frequencies()
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


_NON_EMPTY_LINE = re.compile(r"[^\n]+")


def _lines(text: str) -> tuple[str, StepRecord]:
    record = StepRecord()
    paragraphs: list[str] = []
    # One line at a time (not text.split: a second copy of a large file, line by line).
    for match in _NON_EMPTY_LINE.finditer(text):
        line = match.group().strip()
        if not line:
            continue
        previous = paragraphs[-1] if paragraphs else ""
        if (
            previous
            and _ends_mid_sentence(previous)
            and _is_body_like(previous)
            and _is_body_like(line)
            and _continues(
                previous, line, text, max(0, match.start() - NEARBY_CHARS), match.end() + NEARBY_CHARS
            )
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


