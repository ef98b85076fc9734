"""Stage 6 — extract, quantitative claims: a number with its unit, multiplier or ``%``.

433.6万名党员 → 4,336,000 名 (党员); dates, ordinals and identifiers are excluded.

>>> claims = find_claims("排查受理各类矛盾纠纷10.2万起，化解成功率达98.2%")
>>> claims[["match", "value", "unit", "noun"]].values.tolist()
[['10.2万起', 102000.0, '起', '矛盾纠纷'], ['98.2%', 98.2, '%', '成功率']]
"""

from __future__ import annotations

import os
import re
from decimal import Decimal, InvalidOperation
from functools import cache

import pandas as pd

from textkit.extract._claim_units import (
    _latin,
    _letter_measures,
    _model_number,
    _noun_unit_after_ge,
    _quantity_words,
    _size_class,
    _unit_starts_noun,
    _unit_straddles,
    _year_span,
)
from textkit.extract._common import (
    _as_articles,
    _context,
    _han_run_after,
    _han_run_before,
    _iter_texts,
    _table,
    _unit_at,
    _units,
)
from textkit.extract.claim_shapes import (
    HALF,
    NEGATIVE,
    _pos_tokenizer,
    borrowed_units,
    compound_measures,
    duration_after_ge,
    half_at,
    negative_word,
    tallies,
    trailing_unit,
)
from textkit.extract.formulations import formulation_key

CLAIM_COLUMNS = [
    "doc_id",
    "article_no",
    "start",
    "end",
    "match",
    "number",
    "multiplier",
    "value",
    "unit",
    "unit_kind",
    "is_percent",
    "approx",
    "noun",
    "context",
]

# --------------------------------------------------------------------------- claims

_MULTIPLIERS = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "十亿": 10**9,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "万": 10**4,
    "千": 10**3,
    "百": 10**2,
}
# 零下 ("below zero") before a number makes it negative: 零下30摄氏度 is -30 摄氏度.
_BELOW_ZERO = "零下"
_CN_DIGITS = "一二两三四五六七八九十"
_CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_CN_VALUES = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}


@cache
def _claim_pattern() -> re.Pattern:
    kinds = _units()
    ordered = sorted(kinds, key=len, reverse=True)
    # a unit in Latin letters only where no Latin letter follows it (5GB, not 5G or 3.0T)
    units = "|".join(re.escape(u) + ("(?![A-Za-z])" if _latin(u) else "") for u in ordered)
    latin = "|".join(re.escape(u) + "(?![A-Za-z])" for u in ordered if _latin(u)) or "(?!)"
    multipliers = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
    return re.compile(
        # a minus sign is a sign only where it does not join two numbers (在-0.1%, not 20-30户)
        r"(?:(?<![0-9０-９A-Za-z.+\-#/_:：])(?P<sign>[-－−])|(?<![0-9０-９A-Za-z.+\-#/_:：－−]))"
        r"(?P<number>[0-9０-９]{1,12}(?:,[0-9]{3}){0,4}(?:\.[0-9]{1,8})?)"
        rf"(?![0-9０-９]|\.[0-9]|[+\-/:：#]|(?!{latin})[A-Za-z])"
        r" ?"
        r"(?P<approx_before>多|余)?"  # 4200余万元, 6000多万元: the approximation before the multiplier
        rf"(?P<multiplier>{multipliers})?"
        r"(?P<approx>多|余)?"
        rf"(?:(?P<percent>[%％])|(?P<unit>{units}))?"
    )


@cache
def _chinese_claim_pattern() -> re.Pattern:
    kinds = _units()
    measures = [u for u, kind in kinds.items() if kind != "count" and not _latin(u)]
    units = "|".join(re.escape(u) for u in sorted(measures, key=len, reverse=True))
    times = [u for u, kind in kinds.items() if kind == "time"] + ["月"]
    durations = "|".join(re.escape(u) for u in sorted(times, key=len, reverse=True))
    # 三个月, 两个多小时: 个 (多, 余) before a unit of time counts that unit (see duration_after_ge)
    return re.compile(
        rf"(?<![第{_CN_NUMERALS}几数])(?P<number>[{_CN_NUMERALS}]{{1,12}})(?![几])(?P<approx>多|余)?"
        rf"(?:个(?P<ge_approx>多|余)?(?P<duration>{durations})|(?P<unit>{units}))"
        rf"|百分之(?P<percent>[{_CN_NUMERALS}]{{1,8}}(?:点[零〇一二三四五六七八九]{{1,8}})?)"
    )


def parse_chinese_number(numeral: str) -> int | None:
    """The value of a Chinese numeral, or ``None`` when it is not one.

    >>> parse_chinese_number("一百零二"), parse_chinese_number("两"), parse_chinese_number("三千五百万")
    (102, 2, 35000000)
    >>> parse_chinese_number("二〇二三"), parse_chinese_number("十几"), parse_chinese_number("一两")
    (2023, None, None)
    """
    if not numeral or any(ch not in _CN_NUMERALS for ch in numeral):
        return None
    if all(ch in _CN_VALUES for ch in numeral) and len(numeral) > 1:
        if len(numeral) < 3 or "两" in numeral:
            return None  # 一两, 三四: an approximate range, not a number
        # digit by digit, as years are written (二〇二三)
        return int("".join(str(_CN_VALUES[ch]) for ch in numeral))
    total, section, digit = 0, 0, None
    for ch in numeral:
        if ch in "零〇":
            continue  # a gap: 一百零二
        if ch in _CN_VALUES:
            if digit is not None:
                return None
            digit = _CN_VALUES[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:  # 万, 亿
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * _CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


# Parts of speech (jieba) that can make up a noun phrase: nouns, verbal and adjectival nouns,
# distinguishing words (县处级, 总), abbreviations.
_NOUN_FLAGS = ("n", "vn", "an", "b", "j")


def _tagged(run: str) -> list[tuple[str, str]]:
    return [(w.word, w.flag) for w in _pos_tokenizer().lcut(run, HMM=False) if w.word.strip()]


def _nounish(word: str, flag: str, stops: tuple[str, ...]) -> bool:
    return word not in stops and flag.startswith(_NOUN_FLAGS)


def _noun_after(text: str, position: int, max_chars: int = 6) -> str:
    """The noun a measure word counts: the nouns right after it (433.6万名党员在 → 党员)."""
    if text[position : position + 1] in "“‘":  # 22条“断头路”: the quoted term
        close = re.match(r"[“‘]([^“”‘’\n]{1,10})[”’]", text[position : position + 12])
        return formulation_key(close.group(1)) if close else ""
    end = _han_run_after(text, position)
    stops = _quantity_words("stop")
    noun = ""
    for word, flag in _tagged(text[position : min(end, position + 12)]):
        if not _nounish(word, flag, stops) or len(noun) + len(word) > max_chars:
            break
        noun += word
    return noun


def _noun_before(text: str, position: int, max_chars: int = 6) -> str:
    """What a number measures: the nouns right before it, links dropped (化解成功率达98.2% → 成功率)."""
    if position > 0 and text[position - 1] in "”’":  # “断头路”60条: the quoted term
        open_ = re.search(r"[“‘]([^“”‘’\n]{1,10})[”’]$", text[max(0, position - 12) : position])
        return formulation_key(open_.group(1)) if open_ else ""
    start = _han_run_before(text, position)
    tagged = _tagged(text[max(start, position - 16) : position])
    links, stops = _quantity_words("link"), _quantity_words("stop")
    while tagged and tagged[-1][0] in links:
        tagged.pop()
    noun = ""
    for word, flag in reversed(tagged):
        if not _nounish(word, flag, stops) or len(noun) + len(word) > max_chars:
            break
        noun = word + noun
    return noun


def _approx(text: str, start: int, end: int, marker: str | None) -> bool:
    if marker:
        return True
    before = text[max(0, start - 2) : start]
    return before.endswith(_quantity_words("approx_before")) or text.startswith(
        _quantity_words("approx_after"), end
    )


def find_claims(
    text: str, context_chars: int = 12, chinese_numerals: bool = False, nouns: bool = True
) -> pd.DataFrame:
    """Quantitative claims in one text: a number with a unit, a multiplier (万, 亿) or ``%``.

    - ``value`` is ``number × multiplier`` (433.6万 → 4,336,000.0); a percentage keeps its number
      (98.2% → 98.2, ``is_percent``); a time or length written in parts is one value in its smallest
      unit written (3分37秒51 → 217.51 秒, 18米56 → 18.56 米, 3分半钟 → 3.5 分钟:
      ``claim_shapes.compound_measures``); a reading on the scale of wind force or of an
      earthquake's magnitude is a value in 级 (风力12—14级 → 12 and 14 级, 9.0级地震 → 9.0 级:
      ``claim_shapes.scale_reading``);
    - ``unit`` is the measure word or unit after the number (名, 起, 元, 公里, 月, 人次 …, from
      ``data/quantity_units.tsv``) and ``unit_kind`` its kind (count, money, length …); empty for
      a bare multiplier (产值300亿);
    - ``noun`` is the counted noun when it can be recovered: the nouns (jieba parts of speech)
      right after a measure word (433.6万名党员 → 党员), else those right before the number,
      link words such as 达, 同比增长 dropped (化解成功率达98.2% → 成功率); empty when neither
      side has a noun next to the number;
    - ``approx`` marks 多, 余, 约, 近, 超, 左右, 以上 …;
    - excluded: dates (2023年, 9月, 24日, 8时), ordinals (第36期), identifiers and codes
      (B404#, S187#, 5G, PM2.5), digit sums (1+6), numbers without a unit, classes (30万吨级,
      a voltage before a word: 500千伏变电站);
    - Chinese numerals: by the national rules for numbers in print (GB/T 15835), statistics and
      measurements are written in Arabic figures; Chinese numerals mark fixed expressions
      (两个确立), approximations (十几个部门) and narrative counts (两家医院). They are therefore
      left out unless ``chinese_numerals=True``, which adds those followed by a measurement unit
      (两公里, 一百零二周年, 百分之三十) but never by a bare measure word (两家, 三个).

    >>> claims = find_claims("全省433.6万名党员")
    >>> claims[["number", "multiplier", "value", "unit", "noun"]].values.tolist()
    [[433.6, 10000, 4336000.0, '名', '党员']]
    """
    rows = _claim_rows(text, context_chars, chinese_numerals, nouns)
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS[2:])
    return frame.astype(_CLAIM_TYPES)


_CLAIM_TYPES = {
    "start": "int64",
    "end": "int64",
    "number": "float64",
    "multiplier": "int64",
    "value": "float64",
    "is_percent": bool,
    "approx": bool,
}


# After a four-digit number these units make a year (2023年, the graduating year 2023届), not a count.
_YEAR_UNITS = ("年", "届")
_FOUR_DIGITS = re.compile(r"[0-9０-９]{4}")
# Between two numbers, these let the second one's unit serve both: 0.7、1.3个百分点, 高10.5和37个百分点.
_SHARED_UNIT_LINKS = ("、", "至", "到", "～", "~", "或", "—", "和")  # 5—8吨: a dash joins a range


def _shared_units(
    text: str, matches: list[re.Match], kinds: dict[str, str]
) -> dict[int, tuple[str, str, bool]]:
    """Unit, multiplier and percent sign a bare number takes from the number after it.

    In a list or range the unit is written once, after the last number: ``0.7、1.3个百分点`` is
    0.7 and 1.3 个百分点, ``20至30万户`` 20万 and 30万 户. Chains are followed from the end.
    Returns ``{index of the bare match: (unit, multiplier, percent)}``.
    """
    shared: dict[int, tuple[str, str, bool]] = {}
    for index in range(len(matches) - 2, -1, -1):
        match, following = matches[index], matches[index + 1]
        if match.group("unit") or match.group("percent") or match.group("multiplier"):
            continue
        link = text[match.end() : following.start()]
        # after a number and its unit it is the decimal part written after the unit (69米42和67米20)
        tail = text[max(0, match.start() - 6) : match.start()]
        decimals = any(tail.endswith(u) and tail[: -len(u)][-1:].isdigit() for u in kinds)
        if link not in _SHARED_UNIT_LINKS or decimals:
            continue
        year = following.group("unit") in _YEAR_UNITS and _FOUR_DIGITS.fullmatch(following.group("number"))
        if year:
            continue  # 12、2023年, 2020—2022届: a year lends no unit
        if index + 1 in shared:
            shared[index] = shared[index + 1]
        elif following.group("unit") or following.group("percent"):
            unit = following.group("unit") or ""
            duration = duration_after_ge(text, following.end(), kinds) if unit == "个" else None
            shared[index] = (
                duration[0] if duration else unit,
                following.group("multiplier") or "",
                bool(following.group("percent")),
            )
    return shared


def _claim_rows(text: str, context_chars: int, chinese_numerals: bool, nouns: bool) -> list[dict]:
    kinds = dict(_units())
    kinds.setdefault("月", "time")  # after 个 only (3个月): see duration_after_ge
    row_of: dict[int, dict] = {}
    matches = list(_claim_pattern().finditer(text))
    shared = _shared_units(text, matches, kinds)
    for index, match in enumerate(matches):
        unit = match.group("unit") or ""
        percent = bool(match.group("percent"))
        multiplier_word = match.group("multiplier") or ""
        approx_marker = match.group("approx") or match.group("approx_before")
        start, end = match.span()
        if index in shared:
            unit, multiplier_word, percent = shared[index]
        row_kinds = kinds
        if not (unit or percent or index in shared):  # 900万字, 456.33分, 4分钱: a unit only here
            unit, kind = trailing_unit(text, end, match.group("number"), multiplier_word)
            row_kinds, end = ({**kinds, unit: kind} if unit else kinds), end + len(unit)
        if not (unit or percent or multiplier_word):
            continue
        if text[max(0, start - 1) : start] == "第" or text[max(0, start - 2) : start] == "第 ":
            continue
        if multiplier_word and not percent and index not in shared:
            # 51182359千瓦时 is 千瓦时, not 千 × 瓦时: a unit may begin with a multiplier's character
            unit_start = match.end("multiplier") - 1
            longer = _unit_at(text, unit_start)
            if longer and len(longer) > 1:
                multiplier_word, unit, end = multiplier_word[:-1], longer, unit_start + len(longer)
        if index not in shared and unit and _unit_straddles(text, end - len(unit), end, kinds):
            unit, end = unit[:-1], end - 1  # 27支队伍 is 27 支 (队伍), not 27 支队
        duration = duration_after_ge(text, end, kinds) if index not in shared and unit == "个" else None
        half = bool(duration) and duration[2] == HALF  # 3个半小时 is 3.5 小时
        if duration:  # 2个小时 is 2 小时, 3个多月 3 月: 个 counts the unit of time after it
            unit, end = duration[0], duration[1]
            approx_marker = approx_marker or (duration[2] if not half else None)
        elif index not in shared and unit == "个":
            noun = _noun_unit_after_ge(text, end, kinds)
            if noun:  # 13个方面 is 13 方面, as 9方面 is
                unit, end = noun, end + len(noun)
        if index not in shared and multiplier_word and _unit_starts_noun(text, end - len(unit), unit):
            unit, end = "", end - len(unit)  # 近20亿人民, 14亿多人口: a bare multiplier, as 500万居民
        # 4412户次, 2000场次, 10架次: a measure word + 次 counts occurrences (人次 is listed)
        if (
            index not in shared
            and len(unit) == 1
            and kinds.get(unit) == "count"
            and unit != "个"
            and text.startswith("次", end)
        ):
            kinds.setdefault(unit + "次", "count")
            unit, end = unit + "次", end + 1
        if _size_class(text, end, unit, kinds):
            continue  # 180吨级新能源电驱动系统, 30万吨级巨轮: a class, not a quantity
        if _latin(unit) and (
            _model_number(text, start) or (len(unit) == 1 and not _letter_measures(text, start))
        ):
            continue  # 歼—7GB is an aircraft; 4320P超高清 a resolution; 算力达到200P computing power
        number_text = match.group("number").replace(",", "")
        if match.group("sign"):
            number_text = "-" + number_text
        elif text.endswith(_BELOW_ZERO, 0, start):  # 零下30摄氏度 is -30 摄氏度
            number_text, start = "-" + number_text, start - len(_BELOW_ZERO)
        elif negative_word(text, start):  # 负25.5点 is -25.5 点
            number_text, start = "-" + number_text, start - len(NEGATIVE)
        if unit == "年" and (
            text.startswith("代", end)
            or (
                not multiplier_word
                and re.fullmatch(r"[0-9０-９]{4}", number_text)
                and not _year_span(text, start, approx_marker)
            )
        ):
            continue  # a year, or a decade (30年代)
        if unit == "届" and not multiplier_word and _FOUR_DIGITS.fullmatch(number_text):
            continue  # 2023届毕业生: a graduating year; 举办6届 counts editions
        if not half and index not in shared and kinds.get(unit) == "time" and half_at(text, end):
            half, end = True, end + 1  # 17年半 is 17.5 年
        if half:
            number_text = str(Decimal(number_text.translate(_FULLWIDTH_DIGITS)) + Decimal("0.5"))
        row_of[index] = _claim_row(
            text, start, end, number_text, multiplier_word, unit, percent, approx_marker, row_kinds,
            context_chars, nouns,
        )
    # 180亿至210亿新加坡元, 5000至5万埃及镑: a range's first end takes the unit read after the second
    for index, unit, kind, multiplier_word in borrowed_units(
        text, matches, dict(row_of), _SHARED_UNIT_LINKS, _MULTIPLIERS, kinds
    ):
        match, row_kinds = matches[index], {**kinds, unit: kind}
        number_text = ("-" if match.group("sign") else "") + match.group("number").replace(",", "")
        approx = match.group("approx") or match.group("approx_before")
        row_of[index] = _claim_row(
            text, match.start(), match.end(), number_text, multiplier_word, unit, False, approx,
            row_kinds, context_chars, nouns,
        )
    rows = list(row_of.values())
    for start, end, number_text, unit in compound_measures(text):  # 3分37秒51 is 217.51 秒, one claim
        rows = [row for row in rows if row["end"] <= start or row["start"] >= end]
        args = (number_text, "", unit, False, None, kinds, context_chars, nouns)
        rows.append(_claim_row(text, start, end, *args))
    taken = {row["start"] for row in rows}
    for start, end, number_text, letter in tallies(text):  # 1金1银4铜: 1 金, 1 银, 4 铜
        if start not in taken:
            kinds.setdefault(letter, "count")
            args = (number_text, "", letter, False, None, kinds, context_chars, nouns)
            rows.append(_claim_row(text, start, end, *args))
    if chinese_numerals:
        for match in _chinese_claim_pattern().finditer(text):
            start, end = match.span()
            if match.group("percent"):
                whole, _, fraction = match.group("percent").partition("点")
                value = parse_chinese_number(whole)
                if value is None:
                    continue
                digits = "".join(str(_CN_VALUES.get(ch, "")) for ch in fraction)
                number_text = f"{value}.{digits}" if digits else str(value)
                rows.append(
                    _claim_row(text, start, end, number_text, "", "", True, None, kinds, context_chars, nouns)
                )
                continue
            value = parse_chinese_number(match.group("number"))
            if value is None:
                continue
            if text.endswith(_BELOW_ZERO, 0, start):
                value, start = -value, start - len(_BELOW_ZERO)
            unit = match.group("unit") or match.group("duration")
            rows.append(
                _claim_row(
                    text,
                    start,
                    end,
                    str(value),
                    "",
                    unit,
                    False,
                    match.group("approx") or match.group("ge_approx"),
                    kinds,
                    context_chars,
                    nouns,
                )
            )
    return sorted(rows, key=lambda r: (r["start"], r["end"]))


def _claim_row(
    text: str,
    start: int,
    end: int,
    number_text: str,
    multiplier_word: str,
    unit: str,
    percent: bool,
    approx_marker: str | None,
    kinds: dict[str, str],
    context_chars: int,
    nouns: bool,
) -> dict:
    try:
        number = Decimal(number_text.translate(_FULLWIDTH_DIGITS))
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        number = Decimal(0)
    multiplier = _MULTIPLIERS.get(multiplier_word, 1)
    noun = ""
    if nouns:
        noun = _noun_after(text, end) if unit and kinds.get(unit) == "count" else ""
        if not noun:
            noun = _noun_before(text, start)
    return {
        "start": start,
        "end": end,
        "match": text[start:end],
        "number": float(number),
        "multiplier": multiplier,
        "value": float(number * multiplier),
        "unit": "%" if percent else unit,
        "unit_kind": "percent" if percent else kinds.get(unit, "multiplier" if multiplier_word else ""),
        "is_percent": percent,
        "approx": _approx(text, start, end, approx_marker),
        "noun": noun,
        "context": _context(text, start, end, context_chars),
    }


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _claims_by_article(
    articles: pd.DataFrame | str,
    context_chars: int = 12,
    chinese_numerals: bool = False,
    nouns: bool = True,
    *,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """``extract_claims``'s table with each article's rows kept in ``cache_dir``: what
    ``cached_table`` computes when the whole table is not kept yet (a corpus with a new file)."""
    from textkit.memo import cached_per_article

    return cached_per_article(
        cache_dir, extract_claims, articles, context_chars=context_chars,
        chinese_numerals=chinese_numerals, nouns=nouns,
    )


def extract_claims(
    articles: pd.DataFrame | str,
    context_chars: int = 12,
    chinese_numerals: bool = False,
    nouns: bool = True,
    *,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Quantitative claims of every article (see ``find_claims``), one row per claim (``CLAIM_COLUMNS``).

    ``cache_dir``: each article's rows are kept there by the content of its row
    (``textkit.memo.cached_per_article``), and the whole table (``cached_table``); the table does
    not depend on it.
    """
    if cache_dir is not None:
        from textkit.memo import cached_table

        return cached_table(
            cache_dir, _claims_by_article, articles, context_chars=context_chars,
            chinese_numerals=chinese_numerals, nouns=nouns,
        )
    rows = []
    for doc_id, article_no, text in _iter_texts(_as_articles(articles)):
        for row in _claim_rows(text, context_chars, chinese_numerals, nouns):
            rows.append({"doc_id": doc_id, "article_no": article_no, **row})
    return _table(rows, CLAIM_COLUMNS).astype(_CLAIM_TYPES)
