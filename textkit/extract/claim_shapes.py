"""Stage 6 — extract, claims: shapes of number that ``textkit.extract.claims``' pattern alone
misreads.

- a half after a unit of time: 17年半 is 17.5 年, 3个半小时 3.5 小时, 4个半月 4.5 月 (``half_at``);
- a word that is a unit in one setting only: 900万字, 456.33分, 4分钱 (``trailing_unit``), and 负
  as a minus sign (负25.5点: ``negative_word``);
- a tally of medals or places written back to back: 1金1银4铜 is 1 金, 1 银 and 4 铜; 2冠2亚 is 2 冠
  and 2 亚 (``tallies``; the letters, in their order, are role ``tally`` of
  ``data/quantity_words.tsv``).

>>> tallies("收获1金1银4铜。")
[(2, 4, '1', '金'), (4, 6, '1', '银'), (6, 8, '4', '铜')]
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from textkit._jieba_dict import dictionary_frequencies
from textkit.datafiles import read_tsv
from textkit.extract._common import _plain_jieba, _unit_at

HALF = "半"


def half_at(text: str, position: int) -> bool:
    """Whether a 半 at ``position``, right after a number's unit of time, adds a half to it: the
    半 is a word of its own in jieba's cut there (17年半，在宁德 → 17.5 年), not the start of a
    longer word (2023年半年度报告, 5年半导体, 10年半数以上).

    >>> half_at("工作17年半，在宁德", 5), half_at("2023年半年度报告", 5), half_at("3年半导体", 2)
    (True, False, False)
    """
    if text[position : position + 1] != HALF:
        return False
    return _plain_jieba().lcut(text[position : position + 4], HMM=False)[0] == HALF


@cache
def _tally_letters() -> dict[str, int]:
    """letter → rank of the letters of role ``tally`` (``data/quantity_words.tsv``): a tally lists
    them in order (金 before 银 before 铜; 冠 before 亚 before 季), ranks of one group 0, 1, 2."""
    letters = [row["word"] for row in read_tsv("quantity_words.tsv") if row["role"] == "tally"]
    return {letter: index % 3 for index, letter in enumerate(letters)}


@cache
def _tally_member() -> re.Pattern:
    letters = "".join(_tally_letters())
    # not a letter that begins a word with the character after it (8金1银2铜牌, 3金奖)
    return re.compile(rf"(?<![0-9.])([0-9]{{1,3}})([{letters}])(?![牌奖杯])")


def tallies(text: str) -> list[tuple[int, int, str, str]]:
    """Members of the tallies in ``text``: ``(start, end, number, letter)``.

    A tally is two or more numbers each followed by a letter of role ``tally`` in
    ``data/quantity_words.tsv`` (金, 银, 铜: medals; 冠, 亚, 季: first, second, third places),
    written back to back or joined by 和, the letters of one group in their order (12金4银3铜,
    3金1铜, 2冠2亚). A number with one such letter alone (1金) is left out: a tally names two
    kinds. On the build files of rmrb-2023-07-08: 42 tallies, 114 claims, all read right
    (tools/extract_precision_h.txt).

    >>> tallies("2冠2亚，")
    [(0, 2, '2', '冠'), (2, 4, '2', '亚')]
    >>> tallies("1金")  # one kind alone
    []
    """
    ranks = _tally_letters()
    found: list[tuple[int, int, str, str]] = []
    run: list[re.Match] = []

    def close() -> None:
        if len(run) >= 2:
            found.extend((m.start(), m.end(), m.group(1), m.group(2)) for m in run)
        run.clear()

    for match in _tally_member().finditer(text):
        if run:
            last = run[-1]
            joined = text[last.end() : match.start()] in ("", "和")
            same_group = (ranks[last.group(2)] < ranks[match.group(2)]) and (
                _group(last.group(2)) == _group(match.group(2))
            )
            if not (joined and same_group):
                close()
        run.append(match)
    close()
    return found


def _group(letter: str) -> int:
    letters = list(_tally_letters())
    return letters.index(letter) // 3


# A time or length written in parts (race results: 3分37秒51, 4小时40分50秒, 12秒76; 18米56, 1米76,
# 1米8): hours (小时, never 时: 10时30分 is a clock time), minutes (分 or 分钟), seconds, then digits of
# a fraction of a second, or metres then the digits of its fraction (two: centimetres; one:
# decimetres, 1米8 is 1.8 米). At least two parts. N分半钟 is N and a half minutes, as 3个半小时 is.
_COMPOUND_TIME = re.compile(
    r"(?=[0-9])(?<![0-9.:：])(?<![0-9]时)(?<![0-9]点)(?:(?P<h>[0-9]{1,3})小时)?(?:(?P<m>[0-9]{1,3})分(?:钟)?)?"
    r"(?:(?P<s>[0-9]{1,3})秒(?P<f>[0-9]{1,3})?)?(?![0-9.])"
)
_COMPOUND_LENGTH = re.compile(r"(?<![0-9.:：])(?P<whole>[0-9]{1,3})米(?P<cm>[0-9]{1,2})(?![0-9.])")
_HALF_MINUTES = re.compile(r"(?<![0-9.:：])(?<![0-9]时)(?<![0-9]点)(?P<m>[0-9]{1,3})分半钟")
# The unit of a compound time's value: its smallest part written (秒; 分钟 for hours and minutes).
_SECONDS, _MINUTES = "秒", "分钟"


def compound_measures(text: str) -> list[tuple[int, int, str, str]]:
    """Times and lengths written in parts, as one value each: ``(start, end, number, unit)``.

    The value is the whole measure in the smallest unit written (set by branch mextract, issue 12;
    no open set annotated one): 3分37秒51 is 217.51 秒, 4小时40分50秒 16850 秒, 12秒76 12.76 秒,
    2小时53分 173 分钟, 18米56 18.56 米, 1米8 1.8 米; 3分半钟 is 3.5 分钟 (branch claims2). A part
    written with a unit after its last digits (12秒3个, 18米20厘米) is not a fraction: those numbers
    are read one by one.

    >>> compound_measures("以3分37秒51的成绩，跑出12秒76，投出18米56，用时2小时53分")
    [(1, 8, '217.51', '秒'), (14, 19, '12.76', '秒'), (22, 27, '18.56', '米'), (30, 36, '173', '分钟')]
    >>> compound_measures("10时30分许，8时25分30秒，30秒内，5小时，每30秒1次，18米20厘米")
    []
    >>> compound_measures("《将进酒》3分半钟片段，身高1米8")
    [(5, 9, '3.5', '分钟'), (14, 17, '1.8', '米')]
    """
    found = []
    for match in _COMPOUND_TIME.finditer(text):
        hours, minutes, seconds, fraction = (match.group(name) for name in ("h", "m", "s", "f"))
        parts = [part for part in (hours, minutes, seconds, fraction) if part is not None]
        if len(parts) < 2 or (fraction and _unit_at(text, match.end())):
            continue
        if seconds is None and minutes is None:
            continue
        total = Decimal(hours or 0) * 60 + Decimal(minutes or 0)
        if seconds is not None:
            total = total * 60 + Decimal(seconds) + (Decimal(f"0.{fraction}") if fraction else 0)
        found.append((match.start(), match.end(), str(total), _SECONDS if seconds is not None else _MINUTES))
    for match in _COMPOUND_LENGTH.finditer(text):
        if not _unit_at(text, match.end()):
            found.append((match.start(), match.end(), f"{match.group('whole')}.{match.group('cm')}", "米"))
    for match in _HALF_MINUTES.finditer(text):
        found.append((match.start(), match.end(), f"{match.group('m')}.5", _MINUTES))
    return sorted(found)


# After 个半 these units make a noun with 半 that the number counts: 10个半天 is ten half-days.
_HALF_NOUNS = ("天", "日", "年")


def duration_after_ge(text: str, position: int, kinds: dict[str, str]) -> tuple[str, int, str] | None:
    """The unit of time a 个 at ``position - 1`` counts: ``(unit, end, approximation)`` or ``None``.

    2个小时 is 2 小时, 3个多月 3 月 (approximate): 个 counts the unit of time after it, 多 or 余
    between them, or 半 (3个半小时: a half more, see ``textkit.extract.claims``). 月, left out of the units
    because of dates (9月), is a duration after 个.

    >>> kinds = {"小时": "time"}
    >>> duration_after_ge("3个多月后", 2, kinds), duration_after_ge("2个小时", 2, kinds)
    (('月', 4, '多'), ('小时', 4, ''))
    >>> duration_after_ge("3个半小时", 2, kinds), duration_after_ge("10个半天", 3, {"天": "time"})
    (('小时', 5, '半'), None)
    """
    approx = text[position] if text[position : position + 1] in ("多", "余", HALF) else ""
    at = position + len(approx)
    after = "月" if text.startswith("月", at) else _unit_at(text, at)
    if approx == HALF and after in _HALF_NOUNS:
        return None  # 10个半天 counts ten half-days (半天, 半年 are nouns), not 10.5 天
    if after == "月" or (after and kinds.get(after) == "time"):
        return after, at + len(after), approx
    return None


# Links that join the two ends of a range, where the first end cannot be the larger one.
RANGE_LINKS = ("至", "到", "～", "~", "—")


def borrowed_units(
    text: str,
    matches: list[re.Match],
    rows: dict[int, dict],
    links: tuple[str, ...],
    multipliers: dict[str, int],
    kinds: dict[str, str],
) -> list[tuple[int, str, str, str]]:
    """Units the ends of a range or list take from the claim after them, where the unit after that
    claim is read by code rather than by the pattern: ``(index, unit, kind, multiplier)``.

    ``matches`` are the claim pattern's matches in ``text`` and ``rows`` the claims made of them,
    by index; ``kinds`` the units. Two cases, each a number right before a ``links`` word and the next number:

    - a number with a multiplier and no unit takes the unit of the claim after it
      (180亿至210亿新加坡元 is 180亿 新加坡元, not a bare multiplier);
    - a bare number takes the unit and the multiplier (5000至5万埃及镑; 20至30亿 is 20亿); after a
      ``RANGE_LINKS`` word not the multiplier that would make it the larger end (5000至5万埃及镑
      is 5000 埃及镑, not 5000万).

    Not after a number and its unit (69米42和67米20: the decimal part written after the unit) nor
    after 第 (第3至5名 are ranks).

    >>> import re
    >>> shape = r"(?P<number>[0-9]+)(?P<multiplier>亿)?(?P<percent>%)?(?P<unit>元)?"
    >>> found = list(re.finditer(shape, "180亿至210亿新加坡元"))
    >>> rows = {0: {"unit": "", "is_percent": False}, 1: {"unit": "新加坡元", "unit_kind": "money",
    ...     "is_percent": False}}
    >>> borrowed_units("180亿至210亿新加坡元", found, rows, ("至",), {"亿": 10**8}, {})
    [(0, '新加坡元', 'money', '亿')]
    """
    borrowed: list[tuple[int, str, str, str]] = []
    for index in range(len(matches) - 2, -1, -1):
        match, following = matches[index], matches[index + 1]
        after = rows.get(index + 1)
        link = text[match.end() : following.start()]
        if after is None or after["is_percent"] or link not in links:
            continue
        ordinal = text[max(0, match.start() - 1) : match.start()] == "第"
        if match.group("unit") or match.group("percent") or ordinal:
            continue
        tail = text[max(0, match.start() - 6) : match.start()]
        if any(tail.endswith(u) and tail[: -len(u)][-1:].isdigit() for u in kinds):
            continue  # 69米42和67米20: a decimal part after a unit
        own = rows.get(index)
        if own is not None:
            if after["unit"] and not own["unit"] and not own["is_percent"] and match.group("multiplier"):
                borrowed.append((index, after["unit"], after["unit_kind"], match.group("multiplier")))
                rows[index] = {**own, "unit": after["unit"], "unit_kind": after["unit_kind"]}
            continue
        multiplier = following.group("multiplier") or ""
        if (
            multiplier
            and link in RANGE_LINKS
            and _value(match, multiplier, multipliers) > _value(following, multiplier, multipliers)
        ):
            multiplier = ""  # 5000至5万埃及镑: 5000, not 5000万
        if not (multiplier or after["unit"]):
            continue  # 5000至5万: no unit, and 5000 is no 5000万
        borrowed.append((index, after["unit"], after["unit_kind"], multiplier))
        rows[index] = {"unit": after["unit"], "unit_kind": after["unit_kind"], "is_percent": False}
    return borrowed


def _value(match: re.Match, multiplier: str, multipliers: dict[str, int]) -> float:
    return float(match.group("number").replace(",", "")) * multipliers.get(multiplier, 1)


# The kinds of the units ``trailing_unit`` reads, by their role in ``data/quantity_words.tsv``.
_TRAILING_KINDS = {
    "after_multiplier": "count",
    "after_decimal": "points",
    "magnitude": "magnitude",
    "whole_points": "points",
    "coin": "money",
    "item": "count",
    "alone": "count",
    "alone_edition": "count",
    "alone_time": "time",
}
# After a unit of role ``coin`` this makes it a sum of money (4分钱, 3毛钱, 1角钱).
_MONEY = "钱"
# 元 after a country's name names a currency only where jieba tags the name a place (新加坡元,
# 新西兰元; 17赵东元 is a list number and a person's name).
_YUAN = "元"


@cache
def _pos_tokenizer():
    """A private jieba part-of-speech tokenizer over ``_plain_jieba`` (claims reads tags through it too)."""
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_plain_jieba())


def country_currency(text: str, end: int) -> str:
    """A currency written with its country right after a number (70约旦第纳尔, 1.189万亿巴西雷亚尔,
    6.6亿新加坡元): the country, one word of 2 to 4 characters in jieba's cut, then a word of role
    ``currency`` of ``data/quantity_words.tsv``; ``""`` when there is none.

    >>> country_currency("最低价70约旦第纳尔（1美元", 5), country_currency("17赵东元", 2)
    ('约旦第纳尔', '')
    >>> country_currency("超过6.6亿新加坡元（1美元", 6)
    '新加坡元'
    """
    currencies = _trailing_words()["currency"]
    for size in (2, 3, 4):
        country = text[end : end + size]
        rest = end + size
        word = next((w for w in (*currencies, _YUAN) if text.startswith(w, rest)), "")
        if not word or not _HAN_WORD.fullmatch(country):
            continue
        cut = _pos_tokenizer().lcut(country, HMM=False)
        if len(cut) != 1 or (word == _YUAN and cut[0].flag != "ns"):
            continue
        return country + word
    return ""


_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")


@cache
def _trailing_words() -> dict[str, tuple[str, ...]]:
    rows = read_tsv("quantity_words.tsv")
    return {
        role: tuple(r["word"] for r in rows if r["role"] == role)
        for role in (*_TRAILING_KINDS, "item_noun", "alone_name", "currency", "scale_before", "scale_after")
    }


def trailing_unit(text: str, end: int, number: str, multiplier: str) -> tuple[str, str]:
    """``(unit, kind)`` of a word after a number that is a unit only in one setting, else ``("", "")``.

    These words are left out of ``data/quantity_units.tsv`` because most numbers before them are
    not quantities, but one setting tells: roles of ``data/quantity_words.tsv``

    - ``after_multiplier``: after 万, 亿 … (900万字 is 9,000,000 字; 12字总要求 is a name);
    - ``after_decimal``: after a number with a decimal part, a score or an index's points
      (456.33分, 负25.5点; a clock time, 10时30分 or 下午4点, is never decimal), and ``magnitude``
      the same for an earthquake's magnitude (9.0级地震; 2级以上 of a grade is no claim);
    - ``whole_points``: 分 after a whole number, points (得到17分, 分差缩小到10分以内), not after an
      hour of a clock (10时30分, 零时9分) or a rate (每斤3分: money) nor before 钟 or 半 (3分半钟);
    - ``coin``: before 钱, a coin of money (4分钱, 3毛钱);
    - ``item``: before a noun of role ``item_noun``, points made (提出3点意见, 4点希望; 下午3点 is a
      clock time): on the build files of rmrb-2023-07-08, 9 claims, all points of a speech or a
      document (tools/claims_audit.txt);
    - a currency with its country (70约旦第纳尔: ``country_currency``);
    - ``alone``: where jieba's cut has it alone (23首音乐作品; 2023首届 and 20首次 start words) and
      does not begin a name of role ``alone_name`` (77国集团, 318国道), and
      ``alone_time`` the same for nights (4天3夜; 夜市 starts a word).

    The word must stand alone in jieba's cut there (3.5分贝 is no score). On the build files of
    rmrb-2023-07-08 these give 13 bare multipliers the unit 字 and add 45 scores and points (分, 点)
    and 16 sums of money (分钱, 毛钱, 角钱): 74 of the 74 unit changes and additions read right but
    one (5分钱硬币大小, a coin's size; tools/extract_precision_j.txt).

    >>> trailing_unit("以456.33分夺得金牌", 7, "456.33", ""), trailing_unit("10时30分", 5, "30", "")
    (('分', 'points'), ('', ''))
    >>> trailing_unit("约65.3万字。", 6, "65.3", "万"), trailing_unit("只需4分钱", 3, "4", "")
    (('字', 'count'), ('分', 'money'))
    >>> trailing_unit("提出了3点意见", 4, "3", ""), trailing_unit("下午3点开会", 3, "3", "")
    (('点', 'count'), ('', ''))
    >>> trailing_unit("演唱了23首音乐作品", 5, "23", ""), trailing_unit("2023首届", 4, "2023", "")
    (('首', 'count'), ('', ''))
    >>> trailing_unit("赶赴6地支援", 3, "6", ""), trailing_unit("奋战了4天3夜；", 6, "3", "")
    (('地', 'count'), ('夜', 'time'))
    >>> trailing_unit("发生9.0级地震", 5, "9.0", ""), trailing_unit("成熟度2级以上", 4, "2", "")
    (('级', 'magnitude'), ('', ''))
    >>> trailing_unit("中心附近最大风力10级。", 10, "10", "")
    ('级', 'magnitude')
    >>> trailing_unit("分差缩小到10分以内", 7, "10", ""), trailing_unit("上午10时30分", 7, "30", "")
    (('分', 'points'), ('', ''))
    """
    currency = country_currency(text, end)
    if currency:
        return currency, "money"
    words = _trailing_words()
    for role, kind in _TRAILING_KINDS.items():
        if role == "after_multiplier" and not multiplier:
            continue
        if role == "after_decimal" and (multiplier or "." not in number):
            continue
        if role == "magnitude" and (
            multiplier or ("." not in number and not scale_reading(text, end, number))
        ):
            continue  # 级 after a whole number is a grade (2级以上) unless wind or quake (风力10级)
        if role == "whole_points" and (multiplier or "." in number or _not_points(text, end, number)):
            continue
        for word in words[role]:
            if not text.startswith(word, end):
                continue
            if role == "coin" and not text.startswith(_MONEY, end + len(word)):
                continue
            if role == "whole_points" and text.startswith(_MINUTE_TAILS, end + len(word)):
                continue  # 3分半钟, 5分钟: minutes
            if role == "item":
                if text.startswith(words["item_noun"], end + len(word)):
                    return word, kind
                continue
            if role != "coin" and not _cut_alone(text, end, word):
                continue
            if role == "alone_edition" and ("." in number or _FOUR_DIGITS.fullmatch(number)):
                continue  # 2020版 a year's edition, 3.0版 a version; 6版标准地图 counts editions
            if role == "alone" and text.startswith(words["alone_name"], end):
                continue  # 77国集团, 318国道: names that begin with the word
            return word, kind
    return "", ""


_FOUR_DIGITS = re.compile(r"[0-9０-９]{4}")
# How far back in its clause a whole number + 级 looks for a word of role scale_before (风力可达13—17级).
_SCALE_SPAN = 12
_SCALE_CLAUSE = re.compile("[，。；：！？、\n]")
_MAGNITUDE = "级"
_ABOVE = "以上"


def scale_reading(text: str, end: int, number: str) -> bool:
    """Whether 级 after the whole number ending by ``end`` is a reading on a scale of wind force or
    of earthquakes (a claim, as 9.0级地震 is), not a grade or class: a word of role ``scale_before``
    of ``data/quantity_words.tsv`` in the number's clause up to ``_SCALE_SPAN`` characters before it
    (风力10级, 阵风15—16级), or one of role ``scale_after`` as the word jieba's cut has right after 级,
    以上 allowed between (6—8级大风, 6级以上大风, 17级台风, 6级地震). A design or hazard class
    (按抗震烈度9级设防, 2级风险: 风险 is the word after 级) is not.

    >>> scale_reading("最大风力10级。", 6, "10"), scale_reading("将有6—8级大风", 5, "8")
    (True, True)
    >>> scale_reading("按抗震烈度9级设防", 6, "9"), scale_reading("属于2级风险", 3, "2")
    (False, False)
    """
    if not text.startswith(_MAGNITUDE, end):
        return False
    start = text.rfind(number, 0, end)
    words = _trailing_words()
    clause = _SCALE_CLAUSE.split(text[max(0, start - _SCALE_SPAN) : max(start, 0)])[-1]
    if any(word in clause for word in words["scale_before"]):
        return True
    after = end + len(_MAGNITUDE)
    if text.startswith(_ABOVE, after):
        after += len(_ABOVE)
    cut = _plain_jieba().lcut(text[after : after + 4], HMM=False)
    return bool(cut) and cut[0] in words["scale_after"]


def _cut_alone(text: str, end: int, word: str) -> bool:
    """Whether jieba's cut of the text after a number has ``word`` at ``end`` as words of its own:
    a word boundary at both its edges (6版|标准, 770点次|， as 点|次; not 2035发展, 10点|次日).

    >>> _cut_alone("隐患点770点次，派出", 7, "点次"), _cut_alone("晚上10点次日凌晨", 4, "点次")
    (True, False)
    """
    edge = 0
    for token in _plain_jieba().lcut(text[end : end + len(word) + 3], HMM=False):
        edge += len(token)
        if edge >= len(word):
            return edge == len(word)
    return False


# After 分: minutes, not points (3分半钟片段).
_MINUTE_TAILS = ("钟", "半")
# An hour of a clock right before the minutes' number (10时30分, 零时9分, 下午3点30分).
_CLOCK_HOURS = ("时", "点")
# 每 shortly before the number makes 分 a rate: money per unit (每斤3分, 每千瓦时降低3分), not points.
_RATE = "每"
_RATE_SPAN = 5


def _not_points(text: str, end: int, number: str) -> bool:
    """Whether 分 after the whole number ending by ``end`` is a clock's minutes (10时30分, 零时9分)
    or a rate's money (每斤3分) rather than points.

    >>> _not_points("7月1日零时9分", 8, "9"), _not_points("每斤3分", 3, "3"), _not_points("得到17分", 4, "17")
    (True, True, False)
    """
    start = text.rfind(number, 0, end)
    if start <= 0:
        return False
    return text[start - 1] in _CLOCK_HOURS or _RATE in text[max(0, start - _RATE_SPAN) : start]


# A minus written as a word: 负25.5点 is -25.5 点 (减负6.17亿元, 背负1万美元: 负 ends a word there).
NEGATIVE = "负"


def negative_word(text: str, start: int) -> bool:
    """Whether 负 right before the number at ``start`` is its sign, not the end of a word of jieba's
    dictionary with the character before it (减负, 背负, 胜负).

    >>> negative_word("指数为负25.5点", 4), negative_word("减负6.17亿元", 2)
    (True, False)
    """
    if text[start - 1 : start] != NEGATIVE:
        return False
    frequencies, _ = dictionary_frequencies()
    return start < 2 or frequencies.get(text[start - 2 : start], 0) == 0
