"""Stage 6 — extract, formulations: verse and sayings in quotes, for ``textkit.extract.formulations``.

A quoted couplet of five- or seven-character lines ending in 。 (“少年负壮气，奋烈自有时。”) is a
saying or a song, not speech (``_verse``); in a run of quotes that strings voices together, lines of
verse and four-character couplets (“基础不牢，地动山摇”) stay sayings (``_verse_lines``).

>>> _verse_lines("基础不牢，地动山摇"), _verse_lines("信心满满，干劲十足，底气更足")
(True, False)
"""

from __future__ import annotations

import re

from textkit._chars import HAN

# Lines of classical verse have five or seven characters (五言, 七言).
VERSE_LINE_CHARS = (5, 7)
_SPEECH = frozenset("我你他她们了")
# Modal particles end a clause of talk (谢谢你们啊); inside a sung line 呀 only fills the metre
# (上有呀天堂，下呀有苏杭).
_PARTICLES = frozenset("吗呢吧啊呀")
# A couplet ends in a full stop, or in an ellipsis where the song or poem goes on (城外有水乡……).
_VERSE_ENDS = ("。", "……", "…")
# Modern adverbs and pronouns of talk, not of verse (“字密密麻麻，实在看不清。”, “这么珍贵的补助，…”).
_SPEECH_WORDS = re.compile("实在|居然|反而|说不定|这么|那么|一种|还得")
_HAN_LINE = re.compile(f"[{HAN}]+")


def _verse(content: str) -> str:
    """A quoted verse couplet keeps its lines without the final full stop or ellipsis; anything
    else is returned as it is.

    Two or four lines of five or seven characters, all equally long and separated by ，, ending
    in 。 (“少年负壮气，奋烈自有时。”) or in an ellipsis where a song goes on (“上有呀天堂，下呀有
    苏杭，城里有园林，城外有水乡……”) are a saying or a song, not speech; a sentence someone says
    in parts of that length has a pronoun, a particle ending a line or an adverb of talk (实在,
    居然, 反而, 这么; 我很高兴，谢谢你们。 is four and four anyway). On the build files of
    rmrb-2023-07-08 the ellipsis adds 5 quotes, all songs or verse (tools/extract_precision.txt).

    >>> _verse("百舸争流千帆竞，波涛在后岸在前。"), _verse("我们很高兴，谢谢你们啊。")
    ('百舸争流千帆竞，波涛在后岸在前', '我们很高兴，谢谢你们啊。')
    >>> _verse("字密密麻麻，实在看不清。")  # 实在: a modern adverb of talk
    '字密密麻麻，实在看不清。'
    >>> _verse("上有呀天堂，下呀有苏杭，城里有园林，城外有水乡……"), _verse("没想到，没想到……")
    ('上有呀天堂，下呀有苏杭，城里有园林，城外有水乡', '没想到，没想到……')
    """
    end = next((mark for mark in _VERSE_ENDS if content.endswith(mark)), "")
    if not end:
        return content
    body = content[: -len(end)]
    lines = body.split("，")
    lengths = {len(line) for line in lines}
    verse = len(lines) in (2, 4) and len(lengths) == 1 and lengths <= set(VERSE_LINE_CHARS)
    talk = (
        _SPEECH.intersection(body)
        or any(line[-1:] in _PARTICLES for line in lines)
        or _SPEECH_WORDS.search(body)
    )
    if verse and all(_HAN_LINE.fullmatch(line) for line in lines) and not talk:
        return body
    return content


# Lines of a saying in a run of quotes: four characters (四言: 基础不牢，地动山摇), five or seven.
_SAYING_LINE_CHARS = (4, *VERSE_LINE_CHARS)


def _verse_lines(content: str) -> bool:
    """Whether a quote is lines of verse or a saying without their final mark: two or more lines of
    Han characters, all five or all seven long (茉莉晓迷琼径白，荔枝秋映绮筵红), or two lines of four
    (基础不牢，地动山摇), joined by ，."""
    lines = content.split("，")
    lengths = {len(line) for line in lines}
    return (
        len(lines) >= 2
        and len(lengths) == 1
        and lengths <= set(_SAYING_LINE_CHARS)
        and (len(lines) == 2 or lengths != {4})
        and all(_HAN_LINE.fullmatch(line) for line in lines)
    )
