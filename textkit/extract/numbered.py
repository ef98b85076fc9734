"""Stage 6 — extract, numbered formulations (数字提法): what makes a formulation numbered, and the
shapes that delimit a numbered formulation written without quotes (两手抓, 一户一策, 四项基本原则).
``textkit.extract.formulations`` adds them to the quoted phrases.

>>> [("两化融合，坚持四项基本原则")[s:e] for s, e in unquoted_numbered("两化融合，坚持四项基本原则")]
['两化融合', '四项基本原则']
"""

from __future__ import annotations

import re
from functools import cache

from textkit._chars import HAN, HAN_RE
from textkit._jieba_dict import dictionary_frequencies, dictionary_path
from textkit.datafiles import read_lines
from textkit.extract._common import _common_pairs, _unit_at
from textkit.extract.claim_shapes import _tally_letters

_CN_DIGITS = "一二两三四五六七八九十"
# A formulation is numbered when it opens with a numeral: 两个确立, 三会一课, 八八战略, 千项万亿,
# or is a digit sum such as 1+6 (“1+6”实施意见).
_NUMBERED = re.compile(rf"^(?:[{_CN_DIGITS}]|[百千万][{HAN}][{_CN_DIGITS}百千万]|\d{{1,2}}\+\d{{1,2}}(?!\d))")
# Written without quotes, two shapes still delimit themselves: a digit sum (“5+2”就业之家 is
# also written 5+2就业之家) and numeral + 个 + a quoted noun (三个“一号工程”).
_DIGIT_SUM = re.compile(r"(?<![\d.+\-=×÷/A-Za-z])\d{1,2}\+\d{1,2}(?![\d.+\-=×÷/%％A-Za-z])")
# 这两个“一百” (a demonstrative before the numeral) points back at two things just named.
_COUNTED_QUOTE = re.compile(
    rf"(?<![{_CN_DIGITS}第几数这那])[二两三四五六七八九十]+个[“‘]([{HAN}]{{2,8}})[”’](?!的)"
)
# Quoted elsewhere in the corpus, a numbered formulation also counts without quotes only in the
# shapes of the genre: numeral + measure word (两个确立, 八项规定, 六大工程, 三级联动), numeral-letter
# pairs (三会一课, 一岗双责, 一链一策) and digit sums. 五星红旗, 一手资料, 两汉丰韵 and idioms
# such as 十年磨一剑 are left to their quotes.
_LEXICON_SHAPE = re.compile(
    rf"^[{_CN_DIGITS}]+(?:个|项|大|条|种|类|张|级|化|点|支|批|号|句|字|则|件|方面)[{HAN}]{{2,}}"
    rf"|^[{_CN_DIGITS}](?![{_CN_DIGITS}])[{HAN}][{_CN_DIGITS}双](?![{_CN_DIGITS}])[{HAN}]"
    r"|^\d{1,2}\+\d{1,2}$"
)


# Numbered formulations that delimit themselves without quotes, by their shape: numeral + 手抓
# (两手抓), numeral + 化 + a joining verb (两化融合, 四化同步), numeral + 位一体 (五位一体).
_NUMBERED_UNQUOTED = re.compile(
    rf"(?<![第数几{_CN_DIGITS}])[两三四五六七八九十](?:手抓|化(?:融合|协同|互动|联动|同步|并举)|位一体)"
)
# The sum of a list just given (产业链、创新链、人才链、教育链四链融合; 医疗、医保、医药“三医联动”):
# numeral N + a letter + a joining verb, right after N listed items (、, or 和 与 及 before the last)
# that each hold the letter. In the build files of rmrb-2023-07-08 the shape occurs 7 times, each
# quoted (五链融合, 五良融合 ×2, 三生融合 ×2, 三医联动, 三所联动): the writers mark it a formulation.
_LISTED_SUM = re.compile(
    rf"(?<![第数几{_CN_DIGITS}百千万])([二两三四五六七八九十])([{HAN}])(?:融合|联动|协同|互动|同步|并举|合一|共治)"
)
_CLAUSE_BREAK = re.compile(r"[，。；：！？“”‘’（）()\n]")
_LIST_SEPARATOR = re.compile("[、和与及]")
# A listed item is at most this long (律师事务所 of 派出所、司法所、律师事务所“三所联动”).
MAX_LISTED_ITEM_CHARS = 8
# 一X一Y of targeted policy (一户一策, 一村一品, 一人一档, 一楼一院一策): 一 + a unit, repeated, then 一 +
# an instrument: 策 (measures), 品 (product), 档 (file), 案 (plan), 码 (code), 单 (list), 证 (licence).
# In rmrb-2023-07-08 this shape, reduplications (一单一单) and idioms left out, has 39 distinct
# matches (106 mentions), all formulations of that kind but one (一字一码 in a quoted sentence).
# Other second halves are mostly narrative (一步一步, 一金一银, 一南一北, 一举一动).
_TARGETED = re.compile(
    rf"(?<![第数几二三四五六七八九十两])(?:一(?![{_CN_DIGITS}])[{HAN}]){{1,3}}一[策品档案码单证]"
)


# numeral X numeral Y with the second numeral the larger, the shape of numbered names of structures
# and sets written without quotes (四纵六横, 三省六部, 三公九卿, 三坊七巷, 四梁八柱, 三区四带). Both
# numerals from 二 to 十: with 百, 千, 万 the shape is hyperbole (千行百业, 千难万险); with the larger
# numeral first or the two equal it is mostly narrative (两金一铜, 五针一束, 两国两军, 五步一停),
# and such formulations (三会一课, 两学一做, 三严三实) are quoted or on the curated list.
_NUMERALS = "一二两三四五六七八九十百千万亿零"
_PAIRED = re.compile(
    rf"(?<![{_NUMERALS}第数几])([二两三四五六七八九十])(?![{_NUMERALS}])[{HAN}]"
    rf"([三四五六七八九十])(?![{_NUMERALS}])[{HAN}](?![{_NUMERALS}])"
)
_NUMERAL_VALUES = {char: value for value, char in enumerate("零一二三四五六七八九十")} | {"两": 2}
# Complementary tenths (一分部署、九分落实, 三分种、七分管, 三分建，七分管): numeral + 分 + a part,
# then 、 or ， and numeral + 分 + a part as long, the numerals adding up to ten. In rmrb-2023-07-08
# the shape is a saying each time it occurs (tools/extract_precision_h.txt); 一分耕耘，一分收获
# (one and one) is a proverb of another shape and is not matched.
_TENTHS = re.compile(
    rf"(?<![{_NUMERALS}第数几百千万])([一二三四五六七八九])分([{HAN}]{{1,3}})[、，]([一二三四五六七八九])分([{HAN}]{{1,3}})"
)
# Letters after the numerals that make a range, an enumeration, a date or a clause (三到四成,
# 三是一些, 八月九日, 两地三家的, 十几万元, 九届六次), not a name.
_NOT_PAIRED_LETTERS = frozenset("到至是的地得了和与或及为在有也就都又月日号时点几多余来届")
# Both letters divisions (沿线三省四县, 四乡八村): places counted; one (三省六部, 三区四带) may name a set.
_DIVISION_LETTERS = frozenset("省市县区乡镇村")
# 四川九洲, 四海一家: the numeral and its letter are one common word (jieba frequency at least this).
PAIRED_WORD_MIN_FREQ = 1000
# 三点一线, 两委一直, 百色一号: 一 and the last letter are one common word.
PAIRED_YI_WORD_MIN_FREQ = 500


@cache
def _numeral_idioms() -> frozenset[str]:
    """Set phrases with two numerals: ``data/numeral_idioms.txt`` (CC-CEDICT) and jieba's idioms."""
    return frozenset(read_lines("numeral_idioms.txt")) | _idioms()


def _paired(text: str, start: int) -> bool:
    """Whether the numeral-X-numeral-Y shape at ``start`` (``_PAIRED``) names a numbered set.

    Not when the shape or either half is a place name of jieba's dictionary (tag ``ns``: 三坊七巷,
    三江 of 三江六岸, 两汉 of 两汉三国: a place named, or places counted), when it repeats itself
    (一项一项), the first letter is a measure word or unit (三天两夜,
    一家三口: ``quantity_units.tsv``) or a function word, date or range letter, when a set
    phrase of ``data/numeral_idioms.txt`` or a jieba idiom or a jieba word of five or more
    characters overlaps it (五湖四海, 接二连三, 九牛二虎之力, 七叶一枝花), when a common word runs
    across either edge (长三角一体化, 三通一规范, 珠三角九市), when numeral + letter is a common word
    (四川), or after 等 (…雷山县等三省五县 counts a list).

    >>> _paired("从三公九卿到三省六部", 1), _paired("从三公九卿到三省六部", 6), _paired("四纵六横", 0)
    (True, True, True)
    >>> _paired("来自五湖四海", 2), _paired("他们走了三天两夜", 4), _paired("接二连三的好效益", 1)
    (False, False, False)
    >>> _paired("福州三坊七巷历史文化街区", 2), _paired("三江六岸的岸线更美了", 0)
    (False, False)
    >>> _paired("沿线三省四县援建", 2), _paired("共获得两金三铜", 3)
    (False, False)
    """
    end = start + 4
    shape = text[start:end]
    if text[start - 1 : start] == "等":
        return False  # 沿河县、雷山县等三省五县: the count of a list just given
    if {shape, shape[:2], shape[2:]} & _place_words():
        return False  # 三坊七巷, 三江六岸, 两汉三国: a place's name, or places counted
    if shape[:2] == shape[2:] or shape[1] in _NOT_PAIRED_LETTERS or shape[3] in _NOT_PAIRED_LETTERS:
        return False
    if {shape[1], shape[3]} <= _DIVISION_LETTERS or {shape[1], shape[3]} <= _tally_letters().keys():
        return False  # 三省四县 counts divisions, 两金三铜 medals (a tally, claim_shapes.tallies)
    if _unit_at(text, start + 1):  # 三天两夜 counts days; 三省六部 is not a count of 部
        return False
    frequencies, _ = dictionary_frequencies()
    if frequencies.get(shape[:2], 0) >= PAIRED_WORD_MIN_FREQ:
        return False
    if shape[2] == "一" and frequencies.get(shape[2:], 0) >= PAIRED_YI_WORD_MIN_FREQ:
        return False
    idioms, pairs = _numeral_idioms(), _common_pairs()
    for left in range(max(0, start - 6), end):
        for right in range(max(left + 2, start + 1), min(len(text), left + 7) + 1):
            if right <= start:
                continue
            piece = text[left:right]
            inside = start <= left and right <= end
            if piece in idioms or (len(piece) >= 5 and frequencies.get(piece, 0) > 0):
                return False
            if not inside and (piece in pairs or (len(piece) == 3 and frequencies.get(piece, 0) > 0)):
                return False  # 长三角, 珠三角, 建三江, 规范: a word across an edge
    return True


@cache
def _category_pattern() -> re.Pattern:
    """Numeral + measure word + a category noun of ``data/formulation_categories.txt``: 三项原则,
    四项基本原则, 两条底线; not after 第, 数, 几, a demonstrative or another numeral (第一百八十四条规定).
    A noun listed with 大 (行动, 工程) counts after one numeral + 大, with up to
    ``MAX_CATEGORY_MODIFIER_CHARS`` characters between (八大行动, 五大公共卫生行动, 十大民生实事工程).

    >>> [m.group() for m in _category_pattern().finditer("实施八大行动和五大公共卫生行动，党的二十大精神")]
    ['八大行动', '五大公共卫生行动']
    """
    rows = [line.split("\t") for line in read_lines("formulation_categories.txt")]
    by_length = sorted(rows, key=lambda row: len(row[0]), reverse=True)
    nouns = "|".join(re.escape(row[0]) for row in by_length if len(row) == 1)
    after_da = "|".join(re.escape(row[0]) for row in by_length if row[1:] == ["大"]) or "(?!)"
    return re.compile(
        rf"(?<![第数几这那各每百千万{_CN_DIGITS}])(?:[二两三四五六七八九十]{{1,3}}[项条个大点]?(?:基本)?(?:{nouns})"
        rf"|[二两三四五六七八九十]大[{HAN}]{{0,{MAX_CATEGORY_MODIFIER_CHARS}}}?(?:{after_da}))"
    )


# 五大公共卫生行动: at most this many characters between 大 and a noun listed with 大.
MAX_CATEGORY_MODIFIER_CHARS = 6


def is_numbered(formulation: str) -> bool:
    """Whether a formulation opens with a numeral (两个确立, 三会一课, 1+6).

    Idioms (成语) that open with a numeral (一心一意, 四面八方, 一马当先: those jieba's dictionary
    tags ``i``) and phrases opening with the article 一个 (“一个风向标”, 一个中国原则: "one China",
    not one listed item) are not numbered, unless the curated list
    ``data/formulation_numbered.txt`` has them.

    >>> is_numbered("两个确立"), is_numbered("1+6"), is_numbered("第一议题"), is_numbered("一马当先")
    (True, True, False, False)
    >>> is_numbered("一个中国原则"), is_numbered("一个风向标")
    (False, False)
    """
    if formulation in _curated_lexicon():
        return True  # listed, though it may open like an ordinary phrase
    if not _NUMBERED.match(formulation) or formulation.startswith("一个"):
        return False
    return formulation not in _idioms()


@cache
def _tagged_words() -> dict[str, frozenset[str]]:
    """Words of jieba's dictionary with the tags read here (``i`` idioms, ``l`` set phrases, ``ns``
    place names); the other tags' 300,000 words are not kept (about 35 MB in each process)."""
    tagged: dict[str, set[str]] = {tag: set() for tag in ("i", "l", "ns")}
    # the file itself: building a jieba tokenizer only to open its dictionary took a second
    with dictionary_path().open("rb") as lines:
        for line in lines:
            parts = line.decode("utf-8").split()
            if len(parts) == 3 and parts[2] in tagged:
                tagged[parts[2]].add(parts[0])
    return {tag: frozenset(words) for tag, words in tagged.items()}


def _idioms() -> frozenset[str]:
    """Words jieba's dictionary tags as idioms (``i``): 一心一意, 四面八方 …"""
    return _tagged_words().get("i", frozenset())


def _place_words() -> frozenset[str]:
    """Words jieba's dictionary tags as place names (``ns``): 三坊七巷, 三江, 两汉 …"""
    return _tagged_words().get("ns", frozenset())


def _lexicon_shaped(key: str) -> bool:
    """A quoted numbered formulation that may be counted where it is written without quotes; not a
    set phrase of ``data/numeral_idioms.txt`` (“三位一体” quoted once is still the idiom elsewhere).

    >>> _lexicon_shaped("三会一课"), _lexicon_shaped("三位一体")
    (True, False)
    """
    if len(key) < 4 or not is_numbered(key) or key in _numeral_idioms():
        return False
    return bool(_LEXICON_SHAPE.match(key))


@cache
def _curated_lexicon() -> frozenset[str]:
    return frozenset(read_lines("formulation_numbered.txt"))


def unquoted_numbered(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are numbered formulations by their shape alone, quoted or not.

    A digit sum before a Han character (5+2就业之家), numeral + 个 + a quoted noun (三个“一号工程”),
    numeral + 手抓 / 化融合 … / 位一体 (两手抓, 两化融合, 四位一体; not the set phrase 三位一体),
    numeral + measure word + a category noun of ``data/formulation_categories.txt`` (四项基本原则),
    一X一Y of targeted policy (一户一策; not 一单一单 or idioms), numeral-X-numeral-Y names
    (四纵六横), complementary tenths (一分部署、九分落实) and the sum of a list just given
    (产业链、创新链、人才链、教育链四链融合). In order of the shapes, not of the text.
    """
    spans = [match.span() for match in _COUNTED_QUOTE.finditer(text)]
    for match in _DIGIT_SUM.finditer(text):
        after = text[match.end() : match.end() + 1]
        # 5+2就业之家 is a formulation; 2+4艘邮轮 is a count
        if after and (HAN_RE.match(after) or after in "“”《") and not _unit_at(text, match.end()):
            spans.append(match.span())
    # 三位一体 is a set phrase (data/numeral_idioms.txt), not a numbered formulation; 五位一体 is listed
    shaped = _NUMBERED_UNQUOTED.finditer(text)
    spans.extend(match.span() for match in shaped if match.group() not in _numeral_idioms())
    spans.extend(match.span() for match in _category_pattern().finditer(text))
    for match in _TARGETED.finditer(text):
        units = match.group()[1::2]
        if units[-1] not in units[:-1] and match.group() not in _idioms():  # not 一单一单
            spans.append(match.span())
    for match in _PAIRED.finditer(text):
        if _NUMERAL_VALUES[match.group(1)] < _NUMERAL_VALUES[match.group(2)] and _paired(text, match.start()):
            spans.append(match.span())
    spans.extend(_tenths(text))
    spans.extend(_listed_sums(text))
    return spans


def _listed_sums(text: str) -> list[tuple[int, int]]:
    """Spans of the sum of a list just given (``_LISTED_SUM``): the numeral counts the items of the
    list right before it, and each item holds the letter after the numeral.

    >>> text = "促进产业链、创新链、人才链、教育链四链融合。推进三产融合，川渝两地协同"
    >>> [text[s:e] for s, e in _listed_sums(text)]
    ['四链融合']
    """
    spans = []
    for match in _LISTED_SUM.finditer(text):
        count, letter = _NUMERAL_VALUES[match.group(1)], match.group(2)
        before = text[max(0, match.start() - (MAX_LISTED_ITEM_CHARS + 1) * count) : match.start()]
        items = _LIST_SEPARATOR.split(_CLAUSE_BREAK.split(before)[-1])
        listed = items[-count:]
        fit = all(0 < len(item) <= MAX_LISTED_ITEM_CHARS and letter in item for item in listed)
        if len(items) >= count and fit:
            spans.append(match.span())
    return spans


def _tenths(text: str) -> list[tuple[int, int]]:
    """Spans of complementary tenths (``_TENTHS``): 一分部署、九分落实; the second part as long as
    the first (三分种、七分管理 is 三分种、七分管).

    >>> text = "坚持一分部署、九分落实，三分种、七分管理，一分耕耘，一分收获"
    >>> [text[s:e] for s, e in _tenths(text)]
    ['一分部署、九分落实', '三分种、七分管']
    """
    spans = []
    for match in _TENTHS.finditer(text):
        tenths = _NUMERAL_VALUES[match.group(1)] + _NUMERAL_VALUES[match.group(3)]
        if tenths != 10 or len(match.group(4)) < len(match.group(2)):
            continue
        spans.append((match.start(), match.start(4) + len(match.group(2))))
    return spans
