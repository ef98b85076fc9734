"""Coordinated four-character forms and derived -化 words kept whole at segmentation time
(``Segmenter(shapes=True)``).

Official discourse coins paired forms on the fly: a character repeated at the same place of two
two-character halves, ABAC (敢拼敢赢, 立行立改, 抓深抓实) or ABCB (应投尽投, 能早尽早, 引才聚才,
补链强链). jieba knows a few of them; the rest it cuts, and its HMM often joins a character of
each half into a non-word (应|投尽|投, 敢|拼敢|赢). Each new coinage is in too few files for a
lexicon built from a corpus, but the shape itself says it is one unit, so the span is joined
when the dictionary does not explain it otherwise:

- four Han characters, the repeated one at positions 1 and 3 or 2 and 4, the other three
  different, none of them a function word, numeral or other character that makes the shape
  grammar instead of a coinage (``EXCLUDED``: 越来越, 一户一策, 每米每秒, 要按要求, 处副处长);
  not two units of a longer chain (省情市情县情, 即到即检即放: ``_in_chain``);
- the span starts and ends where tokens start and end, and is cut into at least two tokens,
  none longer than two characters (家|国家级 and 老|年|老年人 hold an ordinary word);
- it is not two words of the dictionary side by side (国内|国际, 教育|教学, 依法|立法: a free
  pair of words, left to the lexicon) and no token of the dictionary crosses its middle
  (使|用户|用, 起|非洲|非); a token the HMM made (拼敢, 投尽, 引才) is not a word of the
  dictionary.

Derived words are joined too (``join_derived``): a one-character bound prefix (泛, 逆, 去, 非,
准, 半, 反, 再, 超), a dictionary word of two characters or more and the suffix 化 (泛|安全|化 ->
泛安全化, 逆|全球化 -> 逆全球化): the foreign ministry's stock charges and their kin are coined
faster than any corpus repeats them (泛政治化 is in 4 build files, 泛意识形态化 in 1).

Measured on the lexicon's build files of rmrb-2023-07-08 (``tools/shape_sample.py``, read by
hand in ``tools/shape_precision.txt``; derived words in ``tools/shape_precision2.txt``). The
rules are exact and depend on the words and the dictionary only, so serial, parallel and cached
segmentations agree; they are part of the segmenter's fingerprint (``SHAPES_VERSION``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

SHAPES_VERSION = "3"  # 2: derived -化 words (join_derived); 3: strong-polity goals (join_polity)

_HAN = "[\u4e00-\u9fd5]"
# Four Han characters from a token's start to a token's end in the space-joined words, cuts
# allowed between them, the first or second repeated two places on (ABAC, ABCB); a lookahead,
# so that overlapping windows (乡风乡韵乡愁) are all seen.
ALIGNED = re.compile(
    f"(?<![^ ])(?=((?:({_HAN}) ?{_HAN} ?\\2 ?{_HAN}|{_HAN} ?({_HAN}) ?{_HAN} ?\\3))(?![^ ]))"
)

# Characters that make a repeated shape a grammatical construction or a count rather than a
# coined pair: particles and prepositions (的所想所, 村的村民), 越…越…, 又…又…, 边…边…,
# 不…不…, 一…一…, 每…每…, numerals, 副 (处副处长), 要 (要按要求), pronouns.
EXCLUDED = frozenset(
    "的了着在是和与及或等就也把被对又边越要每一二三四五六七八九十两百千万亿第个这那我你他她它们"
    "之所而以为得地不没有还都很最更副"
)


def shape_spans(words: list[str], known: Callable[[str], bool]) -> dict[int, int]:
    """Word index ranges ``{first: end}`` of the coordinated forms in ``words`` to join
    (see the module's rules); ``known(word)`` says whether a word is in the dictionary.

    >>> shape_spans(["我们", "应", "投尽", "投", "，"], {"我们"}.__contains__)
    {1: 4}
    >>> shape_spans(["国内", "国际", "双循环"], {"国内", "国际", "双循环"}.__contains__)
    {}
    """
    joined = " ".join(words)
    spans = _joined_spans(joined, known)
    if not spans:
        return {}
    first_word, at = {}, 0
    for k, word in enumerate(words):
        first_word[at] = k
        at += len(word) + 1
    return {first_word[start]: first_word[start] + joined.count(" ", start, end) + 1 for start, end in spans}


def _joined_spans(joined: str, known: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Character ranges of ``joined`` (words separated by single spaces) holding the forms to
    join, in order, none overlapping (the first wins)."""
    spans: list[tuple[int, int]] = []
    last_end = -1
    for match in ALIGNED.finditer(joined):
        start, window = match.start(), match.group(1)
        if start < last_end or " " not in window:
            continue  # overlaps the form before, or one token already
        span = window.replace(" ", "")
        if len(set(span)) != 3:
            continue  # three distinct characters: not ABAB or AAAB
        if not EXCLUDED.isdisjoint(span) or _in_chain(_context(joined, start, start + len(window)), 2):
            continue
        inner = window.split(" ")
        if any(len(word) > 2 for word in inner):
            continue  # a word of three characters inside (家|国家级)
        if len(inner) == 2 and len(inner[0]) == 2 and known(inner[0]) and known(inner[1]):
            continue  # two dictionary words side by side
        if _crossing_word(inner, known):
            continue
        spans.append((start, start + len(window)))
        last_end = start + len(window)
    return spans


def _context(joined: str, start: int, end: int) -> str:
    """The form at ``joined[start:end]`` without spaces, with up to two characters of the text on
    each side (spaces skipped; fewer at the text's ends)."""
    before = joined[max(0, start - 4) : start].replace(" ", "")[-2:]
    after = joined[end : end + 4].replace(" ", "")[:2]
    return before.rjust(2, " ") + joined[start:end].replace(" ", "") + after


def _in_chain(text: str, start: int) -> bool:
    """Whether the form at ``start`` is two units of a longer chain sharing the same character
    (省情|市情县情, 即|到即检即|放): joining two of its units would cut the chain wrongly.

    >>> _in_chain("把握省情市情县情", 4), _in_chain("即到即检即放", 1), _in_chain("要立行立改。", 1)
    (True, True, False)
    """
    at = start if text[start] == text[start + 2] else start + 1  # the repeated character's first place
    before = text[at - 2] if at >= 2 else ""
    after = text[at + 4] if at + 4 < len(text) else ""
    return text[at] in (before, after)


def _crossing_word(inner: list[str], known: Callable[[str], bool]) -> bool:
    """Whether a dictionary word of ``inner`` (a four-character span) crosses its middle."""
    at = 0
    for word in inner:
        if at < 2 < at + len(word) and known(word):
            return True
        at += len(word)
    return False


def join_shapes(joined: str, known: Callable[[str], bool]) -> str:
    """``joined`` (words separated by single spaces) with the coordinated forms of
    ``shape_spans`` joined into one word each, then the derived words of ``join_derived``.

    >>> join_shapes("我们 敢 拼敢 赢 ， 立行 立改", {"我们", "立行"}.__contains__)
    '我们 敢拼敢赢 ， 立行立改'
    """
    spans = _joined_spans(joined, known)
    if not spans:
        return join_polity(join_derived(joined, known), known)
    out, at = [], 0
    for start, end in spans:
        out += [joined[at:start], joined[start:end].replace(" ", "")]
        at = end
    out.append(joined[at:])
    return join_polity(join_derived("".join(out), known), known)


# Derived words of a one-character bound prefix, a word and the suffix 化 (pan-, counter-, de-,
# non-, quasi-, semi-, anti-, re-, super- … -isation): 泛|政治化, 泛|安全|化, 逆|全球化, 去|极端化,
# 准|同盟|化. The prefix stands alone as a token, or ends a token the HMM made (搞泛|安全|化: no
# word of the dictionary, as 拼敢 above; a word ending in the character stays whole: 广泛, 过去),
# the stem is a dictionary word of two characters or more (so 去|美化, 逆|转化, 泛|文化 stay: their
# 化 ends a word of two characters), and 化 ends the stem's token or is a token of its own.
DERIVING_PREFIXES = "泛逆去非准半反再超"
DERIVED = re.compile(f"(?<![^ ])({_HAN}*)([{DERIVING_PREFIXES}]) ({_HAN}{{2,}})( ?)化(?![^ ])")


def join_derived(joined: str, known: Callable[[str], bool]) -> str:
    """``joined`` (words separated by single spaces) with each derived word of ``DERIVED`` whose
    stem is a dictionary word (``known``) joined into one word. Measured on the lexicon's build
    files of rmrb-2023-07-08: 16 spans (泛政治化 4, 泛安全化 5, 去极端化 2, 逆全球化 2,
    泛意识形态化, 非标准化, 准同盟化), all derived words (tools/shape_precision2.txt).

    >>> known = {"政治", "安全", "全球", "美"}.__contains__
    >>> join_derived("把 经贸 问题 泛 政治化 、 泛 安全 化 ， 逆 全球化", known)
    '把 经贸 问题 泛政治化 、 泛安全化 ， 逆全球化'
    >>> join_derived("大 搞泛 安全 化", known), join_derived("要 去 美化 环境", known)
    ('大 搞 泛安全化', '要 去 美化 环境')
    """
    if not any(prefix + " " in joined for prefix in DERIVING_PREFIXES):
        return joined
    return DERIVED.sub(lambda match: _derived(match, known), joined)


def _derived(match: re.Match, known: Callable[[str], bool]) -> str:
    head, prefix, stem, _ = match.groups()
    if not known(stem) or (head and known(head + prefix)):
        return match.group(0)  # no word as its stem, or the prefix ends a word (广泛)
    word = prefix + stem + "化"
    return f"{head} {word}" if head else word


# Strong-polity goals: a province's, city's, county's, district's or town's development goal named
# by a field and 强 + the polity (农业|强省, 工业|强市, 知识产权|强省, 农业产业|强镇), the provincial
# and local kin of 制造强国 and 科技强国. jieba's dictionary has 强国 and the lexicon its goals, but
# not 强省, 强市, 强区, 强镇 (the HMM makes them) and 强县 is rare, so every local goal is cut in two;
# each one is in 1-5 build files, below every lexicon class's floor. Joined when 强 + the polity
# is a token of its own (加强|市场, 强|省会 are not) and the word before it is a dictionary word
# of two characters or more that is not a verb taking the polity as its object (作为|强省|之要:
# "taking strengthening the province as the key"; the only such word on the build files, the
# others listed are copulas and verbs of building that can take it as an object the same way).
# 强村 is left out (强村公司, 强村富民: a verb and its object).
NOT_A_FIELD = frozenset(
    ["作为", "成为", "就是", "更是", "也是", "实现", "推进", "推动", "加快", "建设", "打造", "迈向", "走向"]
)
POLITY_GOAL = re.compile(f"(?<![^ ])({_HAN}{{2,}}) (强[省市县区镇])(?![^ ])")


def join_polity(joined: str, known: Callable[[str], bool]) -> str:
    """``joined`` (words separated by single spaces) with each strong-polity goal of
    ``POLITY_GOAL`` joined into one word: a field that is a dictionary word (``known``), not in
    ``NOT_A_FIELD``, and 强省/强市/强县/强区/强镇 as a token of its own.

    >>> known = {"工业", "农业", "作为"}.__contains__
    >>> join_polity("坚持 工业 强市 、 建设 农业 强省", known)
    '坚持 工业强市 、 建设 农业强省'
    >>> join_polity("作为 强省 之要 ， 要 加强 市场", known)
    '作为 强省 之要 ， 要 加强 市场'
    """
    if " 强" not in joined:
        return joined
    return POLITY_GOAL.sub(lambda match: _polity(match, known), joined)


def _polity(match: re.Match, known: Callable[[str], bool]) -> str:
    field, polity = match.groups()
    if field in NOT_A_FIELD or not known(field):
        return match.group(0)
    return field + polity
