"""Stage 6 — extract, quotes: every quoted stretch of a text, pairing the marks line by line and
recovering the phrases of a series whose outer marks scraping lost; the counting key of a
quoted formulation. ``textkit.extract.formulations`` decides which quotes are formulations.

>>> text = "推进“智改数转”，坚持“两个毫不动摇”"
>>> [text[q.start : q.end] for q in find_quotes(text)]
['智改数转', '两个毫不动摇']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from textkit.extract._common import _han_run_after, _han_run_before

__all__ = ["Quote", "find_quotes", "formulation_key"]

_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_TITLE_PAIR = ("《", "》")
_QUOTE_CHARS = re.compile('[“”‘’「」『』"]')
_SPACE = re.compile(r"\s")  # spaces, ideographic and no-break spaces (Plus\u00a0Token)


@dataclass(frozen=True)
class Quote:
    """One quoted stretch of a text: ``text[start:end]`` is its content, without the marks."""

    start: int
    end: int
    mark: str
    recovered: bool = False


def _pair_marks(text: str, opener: str, closer: str) -> tuple[list[Quote], list[int], list[int]]:
    """Pair ``opener``/``closer`` line by line; return pairs, unpaired closers and unpaired openers.

    A stack pairs the innermost marks first, so a lost mark costs only the quote it belonged to:
    in ``面子工程”“形象工程”“半拉子工程`` the middle quote still pairs.
    """
    pairs: list[Quote] = []
    lone_closers: list[int] = []
    lone_openers: list[int] = []
    stack: list[int] = []
    for found in re.finditer(f"[{re.escape(opener + closer)}\n]", text):
        index, char = found.start(), found.group()
        if char == opener:
            stack.append(index)
        elif char == closer:
            if stack:
                start = stack.pop()
                pairs.append(Quote(start + 1, index, opener))
            else:
                lone_closers.append(index)
        elif char == "\n":
            lone_openers.extend(stack)
            stack = []
    lone_openers.extend(stack)
    return pairs, lone_closers, lone_openers


def _recover_junctions(
    text: str,
    opener: str,
    closer: str,
    pairs: list[Quote],
    lone_closers: list[int],
    lone_openers: list[int],
    lexicon: frozenset[str],
    max_chars: int,
) -> list[Quote]:
    """Quotes whose outer marks were lost in a series such as ``搞形象工程”“政绩工程。``.

    Scraping sometimes drops the first opening and the last closing mark of a run of quoted
    phrases. Only such junctions (a closer directly followed by an opener) are repaired:

    - after a lone opener, the run of Han characters up to the next mark, if at most
      ``max_chars`` long (``“政绩工程。`` → 政绩工程);
    - before a lone closer, the longest ending of the Han run that is a known phrase
      (``lexicon``), else an ending as long as the phrase across the junction when the two end
      alike, as parallel phrases do (``搞形象工程”“政绩工程`` → 形象工程).

    Anything else is left alone rather than guessed.
    """
    recovered: list[Quote] = []
    neighbours = {q.start - 1: q for q in pairs}  # opener position → pair
    for position in lone_openers:
        if position == 0 or text[position - 1] != closer:
            continue
        end = _han_run_after(text, position + 1)
        length = end - position - 1
        if 2 <= length <= max_chars and (end == len(text) or text[end] != opener):
            recovered.append(Quote(position + 1, end, opener, recovered=True))
    recovered_starts = {q.start - 1: q for q in recovered}
    for position in lone_closers:
        if position + 1 >= len(text) or text[position + 1] != opener:
            continue
        across = neighbours.get(position + 1) or recovered_starts.get(position + 1)
        run_start = _han_run_before(text, position)
        run = text[run_start:position]
        found = ""
        for length in range(min(len(run), max_chars), 1, -1):
            if run[-length:] in lexicon:
                found = run[-length:]
                break
        if not found and across is not None:
            other = text[across.start : across.end]
            if 2 <= len(other) <= len(run) and other[-1] == run[-1]:
                found = run[-len(other) :]
        if found:
            recovered.append(Quote(position - len(found), position, opener, recovered=True))
    return recovered


def find_quotes(
    text: str,
    lexicon: Iterable[str] = (),
    max_recovered_chars: int = 8,
) -> list[Quote]:
    """Every quoted stretch of ``text`` (“…”, ‘…’, 「…」, 『…』 and ``《…》`` titles), in order.

    Quotes pair within a line. Where scraping lost the outer marks of a series of quoted
    phrases, the phrases are recovered (``Quote.recovered``); see ``_recover_junctions``.

    >>> text = "搞形象工程”“政绩工程。"
    >>> [(text[q.start : q.end], q.recovered) for q in find_quotes(text)]
    [('形象工程', True), ('政绩工程', True)]
    """
    known = lexicon if isinstance(lexicon, frozenset) else frozenset(lexicon)
    quotes: list[Quote] = []
    for opener, closer in _QUOTE_PAIRS.items():
        if opener not in text and closer not in text:
            continue
        pairs, lone_closers, lone_openers = _pair_marks(text, opener, closer)
        quotes.extend(pairs)
        quotes.extend(
            _recover_junctions(
                text, opener, closer, pairs, lone_closers, lone_openers, known, max_recovered_chars
            )
        )
    if _TITLE_PAIR[0] in text:
        quotes.extend(_pair_marks(text, *_TITLE_PAIR)[0])
    return sorted(quotes, key=lambda q: (q.start, q.end, q.mark))


def formulation_key(surface: str) -> str:
    """The counting key of a formulation: inner quote marks and spaces (any kind) removed.

    >>> formulation_key("三个“一号工程”"), formulation_key("践行嘱托建功‘好地方’")
    ('三个一号工程', '践行嘱托建功好地方')
    """
    return _SPACE.sub("", _QUOTE_CHARS.sub("", surface))
