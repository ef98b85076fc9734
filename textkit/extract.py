"""Stage 6 — extract: formulations (提法), places and quantitative claims from articles.

Input is the articles table of ``split_articles`` (``doc_id, article_no, text`` and, when known,
``source`` and ``date``), with normalized simplified text: one paragraph per line, full-width
``，；：？！（）`` between Han characters, no space between Han characters and digits. Every
function also takes a single text (it becomes article ``("text", 1)``). Out come tidy DataFrames
with ``doc_id`` and ``article_no`` on every row, sorted by position in the corpus.

Three extractors, each with a text-level ``find_*`` and a table-level ``extract_*``:

- **formulations** — quoted phrases (“…”, ‘…’, 「…」, 『…』) and numeral-led formulations
  (两个确立, 三会一课, 1+6); ``《…》`` titles are kept apart (``extract_titles``);
- **places** — provinces, prefectures and counties of ``data/gazetteer_cn_admin.tsv``, each
  mention resolved to its official name, level and province;
- **claims** — an Arabic number with its unit or ``%`` (433.6万名党员 → 4,336,000 名), dates,
  ordinals and identifiers excluded.

Summary helpers (``count_by_article``, ``count_by_source``, ``formulation_counts``,
``formulation_table``, ``place_counts``, ``place_table``, ``claims_by_unit``) turn those tables
into the ones a notebook shows.

>>> claims = extract_claims("排查受理各类矛盾纠纷10.2万起，化解成功率达98.2%")
>>> claims[["match", "value", "unit", "noun"]].values.tolist()
[['10.2万起', 102000.0, '起', '矛盾纠纷'], ['98.2%', 98.2, '%', '成功率']]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

import pandas as pd

from textkit._chars import HAN, HAN_RE
from textkit.datafiles import read_lines, read_tsv

__all__ = [
    "CLAIM_COLUMNS",
    "FORMULATION_COLUMNS",
    "PLACE_COLUMNS",
    "PlaceMatcher",
    "Quote",
    "claims_by_unit",
    "count_by_article",
    "count_by_source",
    "default_lexicon",
    "extract_claims",
    "extract_formulations",
    "extract_places",
    "extract_titles",
    "find_claims",
    "find_formulations",
    "find_places",
    "find_quotes",
    "formulation_counts",
    "formulation_key",
    "formulation_table",
    "is_numbered",
    "load_gazetteer",
    "parse_chinese_number",
    "place_counts",
    "place_table",
    "short_name",
]

FORMULATION_COLUMNS = [
    "doc_id",
    "article_no",
    "start",
    "end",
    "formulation",
    "match",
    "kind",
    "quoted",
    "recovered",
    "context",
]
PLACE_COLUMNS = [
    "doc_id",
    "article_no",
    "start",
    "end",
    "match",
    "name",
    "code",
    "level",
    "province",
    "prefecture",
    "candidates",
    "dateline",
    "context",
]
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

# Marks that end a clause: a quoted stretch containing one is a quotation, not a formulation.
_CLAUSE_MARKS = frozenset("，。！？；：!?;\n…")
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")


# --------------------------------------------------------------------------- articles in


def _as_articles(articles: pd.DataFrame | str) -> pd.DataFrame:
    """The article table, or a one-row table for a bare text (``doc_id="text"``, ``article_no=1``)."""
    if isinstance(articles, str):
        return pd.DataFrame({"doc_id": ["text"], "article_no": [1], "text": [articles]})
    missing = {"doc_id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(f"articles table lacks column(s) {sorted(missing)}")
    table = articles
    if "article_no" not in table.columns:
        table = table.assign(article_no=1)
    return table


def _iter_texts(articles: pd.DataFrame) -> Iterable[tuple[str, int, str]]:
    for doc_id, article_no, text in zip(
        articles["doc_id"], articles["article_no"], articles["text"], strict=True
    ):
        yield str(doc_id), int(article_no), text if isinstance(text, str) else ""


def _context(text: str, start: int, end: int, width: int) -> str:
    """Up to ``width`` characters either side of ``text[start:end]``, within its sentence."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    before = text[left:start]
    after = text[end:right]
    cut = [m.end() for m in _SENTENCE_END.finditer(before)]
    if cut:
        before = before[cut[-1] :]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[: stop.start() + (1 if after[stop.start()] != "\n" else 0)]
    return before + text[start:end] + after


def _table(rows: list[dict], columns: list[str], ints: Iterable[str] = ()) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("article_no", "start", "end", *ints):
        frame[column] = frame[column].astype("int64")
    return frame.sort_values(["doc_id", "article_no", "start", "end"], ignore_index=True, kind="stable")


# --------------------------------------------------------------------------- formulations

_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_TITLE_PAIR = ("《", "》")
_QUOTE_CHARS = re.compile('[“”‘’「」『』"]')
_CN_DIGITS = "一二两三四五六七八九十"
# A formulation is numbered when it opens with a numeral: 两个确立, 三会一课, 八八战略, 千项万亿,
# or is a digit sum such as 1+6 (“1+6”实施意见).
_NUMBERED = re.compile(rf"^(?:[{_CN_DIGITS}]|[百千万][{HAN}][{_CN_DIGITS}百千万]|\d{{1,2}}\+\d{{1,2}}(?!\d))")
# Written without quotes, two shapes still delimit themselves: a digit sum (“5+2”就业之家 is
# also written 5+2就业之家) and numeral + 个 + a quoted noun (三个“一号工程”).
_DIGIT_SUM = re.compile(r"(?<![\d.+\-=×÷/A-Za-z])\d{1,2}\+\d{1,2}(?![\d.+\-=×÷/%％A-Za-z])")
_COUNTED_QUOTE = re.compile(
    rf"(?<![{_CN_DIGITS}第几数])[二两三四五六七八九十]+个[“‘]([{HAN}]{{2,8}})[”’](?!的)"
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


def _han_run_before(text: str, end: int) -> int:
    start = end
    while start > 0 and HAN_RE.match(text[start - 1]):
        start -= 1
    return start


def _han_run_after(text: str, start: int) -> int:
    end = start
    while end < len(text) and HAN_RE.match(text[end]):
        end += 1
    return end


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
    """The counting key of a formulation: inner quote marks and spaces removed.

    >>> formulation_key("三个“一号工程”"), formulation_key("践行嘱托建功‘好地方’")
    ('三个一号工程', '践行嘱托建功好地方')
    """
    return _QUOTE_CHARS.sub("", surface).replace(" ", "").replace("\u3000", "")


def _is_phrase(content: str, max_chars: int) -> bool:
    """A quoted stretch that names something (a phrase) rather than quoting speech."""
    key = formulation_key(content)
    if not 2 <= len(key) <= max_chars:
        return False
    if any(char in _CLAUSE_MARKS for char in content):
        return False
    return bool(HAN_RE.search(key) or _DIGIT_SUM.fullmatch(key))


def is_numbered(formulation: str) -> bool:
    """Whether a formulation opens with a numeral (两个确立, 三会一课, 1+6).

    Idioms (成语) that open with a numeral (一心一意, 四面八方, 一马当先: those jieba's dictionary
    tags ``i``) and phrases opening with the article 一个 (“一个风向标”) are not numbered.

    >>> is_numbered("两个确立"), is_numbered("1+6"), is_numbered("第一议题"), is_numbered("一马当先")
    (True, True, False, False)
    """
    if not _NUMBERED.match(formulation) or formulation.startswith("一个"):
        return False
    return formulation not in _idioms()


@cache
def _idioms() -> frozenset[str]:
    """Words jieba's dictionary tags as idioms (``i``): 一心一意, 四面八方 …"""
    idioms = set()
    with _jieba_tokenizer().get_dict_file() as lines:
        for line in lines:
            parts = line.decode("utf-8").split()
            if len(parts) == 3 and parts[2] == "i":
                idioms.add(parts[0])
    return frozenset(idioms)


def _lexicon_shaped(key: str) -> bool:
    """A quoted numbered formulation that may be counted where it is written without quotes."""
    return len(key) >= 4 and is_numbered(key) and bool(_LEXICON_SHAPE.match(key))


@cache
def _curated_lexicon() -> frozenset[str]:
    return frozenset(read_lines("formulation_numbered.txt"))


def default_lexicon(articles: pd.DataFrame | str | None = None, max_chars: int = 20) -> frozenset[str]:
    """Numbered formulations counted where they appear without quotes.

    The curated list ``data/formulation_numbered.txt`` plus every numbered formulation of at least
    four characters that ``articles`` put in quotes somewhere and that has the shape of the genre:
    numeral + measure word (两个确立, 八项规定, 六大工程), numeral-letter pairs (三会一课, 一链一策)
    or a digit sum. Quoted in one article, 两个确立 is then counted when another writes 践行两个确立.
    Shorter ones (四敢, 一把手) and other numeral-led phrases (五星红旗, 一手资料) count only
    quoted: unquoted, they are too often ordinary words.
    """
    lexicon = set(_curated_lexicon())
    if articles is not None:
        quoted = _quoted_keys(_as_articles(articles), max_chars)
        lexicon.update(k for k in quoted if _lexicon_shaped(k))
    return frozenset(lexicon)


def _quoted_keys(articles: pd.DataFrame, max_chars: int) -> frozenset[str]:
    keys = set()
    for _, _, text in _iter_texts(articles):
        for quote in find_quotes(text):
            content = text[quote.start : quote.end]
            if quote.mark != "《" and _is_phrase(content, max_chars):
                keys.add(formulation_key(content))
    return frozenset(keys)


class _LongestMatch:
    """Leftmost-longest, non-overlapping matching of a fixed set of strings (two or more characters).

    Candidate positions are found through a two-character prefix index, which keeps matching at a
    few dictionary look-ups per character for a gazetteer of thousands of names.
    """

    def __init__(self, surfaces: Iterable[str]):
        self.surfaces = frozenset(s for s in surfaces if len(s) >= 2)
        lengths: dict[str, set[int]] = {}
        for surface in self.surfaces:
            lengths.setdefault(surface[:2], set()).add(len(surface))
        self.lengths = {prefix: sorted(ls, reverse=True) for prefix, ls in lengths.items()}
        firsts = "".join(sorted({s[0] for s in self.surfaces}))
        self._first = re.compile(f"[{re.escape(firsts)}]") if firsts else None

    def finditer(self, text: str) -> Iterable[tuple[int, int]]:
        if self._first is None:
            return
        position = 0
        lengths = self.lengths
        surfaces = self.surfaces
        search = self._first.search
        while True:
            found = search(text, position)
            if found is None:
                return
            start = found.start()
            candidates = lengths.get(text[start : start + 2])
            if candidates:
                for length in candidates:
                    if text[start : start + length] in surfaces:
                        yield start, start + length
                        position = start + length
                        break
                else:
                    position = start + 1
            else:
                position = start + 1


@lru_cache(maxsize=8)
def _lexicon_matcher(lexicon: frozenset[str]) -> _LongestMatch:
    return _LongestMatch(lexicon)


def find_formulations(
    text: str,
    lexicon: Iterable[str] | None = None,
    max_chars: int = 20,
    max_recovered_chars: int = 8,
    context_chars: int = 10,
) -> pd.DataFrame:
    """Formulations in one text: quoted phrases and numbered formulations, quoted or not.

    - a quoted phrase is a quoted stretch of 2 to ``max_chars`` characters (inner marks not
      counted) without clause punctuation (，。！？；：…): “断头路”, “两个确立”, “5+2”; a longer quote
      or one with a comma is speech and is left out;
    - ``kind`` is ``numbered`` when the phrase opens with a numeral (两个确立, 三会一课, 1+6) and
      ``quoted`` otherwise;
    - without quotes, a numbered formulation counts when it is in ``lexicon`` (default: the
      curated list; ``extract_formulations`` adds those quoted anywhere in the corpus, see
      ``default_lexicon``), is a digit sum followed by a Han character (5+2就业之家) or a numeral
      from 两 up + 个 + a quoted noun not followed by 的 (三个“一号工程”; not 一个“风向标”,
      两个“异想天开”的年轻人);
    - quotes lost in scraping at a junction of quoted phrases (搞形象工程”“政绩工程。) are
      recovered and marked ``recovered`` (see ``find_quotes``).

    Dates (3月24日), counts (4个主体班次, 十几个部门) and idioms are never matched: an unquoted
    numeral-led phrase must be one of the three shapes above.

    Returns a DataFrame with ``FORMULATION_COLUMNS`` except the article keys.

    >>> find_formulations("坚决做到“两个维护”，推进“1+6”实施意见")[["formulation", "kind"]].values.tolist()
    [['两个维护', 'numbered'], ['1+6', 'numbered']]
    """
    known = _curated_lexicon() if lexicon is None else frozenset(lexicon)
    rows = _formulation_rows(text, known, known, max_chars, max_recovered_chars, context_chars)
    frame = pd.DataFrame(rows, columns=FORMULATION_COLUMNS[2:])
    return frame.astype({"start": "int64", "end": "int64", "quoted": bool, "recovered": bool})


def _formulation_rows(
    text: str,
    known: frozenset[str],
    recovery: frozenset[str],
    max_chars: int,
    max_recovered_chars: int,
    context_chars: int,
) -> list[dict]:
    """Formulation mentions of one text as dicts; ``recovery`` is the phrase list for lost quotes."""
    rows: dict[tuple[int, int], dict] = {}

    def add(start: int, end: int, quoted: bool, recovered: bool) -> None:
        surface = text[start:end]
        key = formulation_key(surface)
        rows.setdefault(
            (start, end),
            {
                "start": start,
                "end": end,
                "formulation": key,
                "match": surface,
                "kind": "numbered" if is_numbered(key) else "quoted",
                "quoted": quoted,
                "recovered": recovered,
                "context": _context(text, start, end, context_chars),
            },
        )

    quoted_spans = []
    for quote in find_quotes(text, recovery, max_recovered_chars):
        if quote.mark == _TITLE_PAIR[0]:
            continue
        if _is_phrase(text[quote.start : quote.end], max_chars):
            add(quote.start, quote.end, True, quote.recovered)
            quoted_spans.append((quote.start, quote.end))
    for match in _COUNTED_QUOTE.finditer(text):
        add(match.start(), match.end(), False, False)
    for match in _DIGIT_SUM.finditer(text):
        after = text[match.end() : match.end() + 1]
        # 5+2就业之家 is a formulation; 2+4艘邮轮 is a count
        if after and (HAN_RE.match(after) or after in "“”《") and not _unit_at(text, match.end()):
            add(match.start(), match.end(), False, False)
    if known:
        for start, end in _lexicon_matcher(known).finditer(text):
            # 第四种形态 names one of them by rank; 数十项行动, 第二十六条规定, 十四五岁 are numbers
            before_ok = start == 0 or text[start - 1] not in f"第数几{_CN_DIGITS}"
            if before_ok and not _unit_at(text, end):
                add(start, end, False, False)
    # A phrase found both inside quotes and by a shape is one mention, the quoted one.
    for key in [
        key
        for key, row in rows.items()
        if not row["quoted"] and any(s <= key[0] and key[1] <= e for s, e in quoted_spans)
    ]:
        del rows[key]
    return sorted(rows.values(), key=lambda r: (r["start"], r["end"]))


def extract_formulations(
    articles: pd.DataFrame | str,
    lexicon: Iterable[str] | None = None,
    max_chars: int = 20,
    max_recovered_chars: int = 8,
    context_chars: int = 10,
) -> pd.DataFrame:
    """Formulations of every article (see ``find_formulations``), one row per mention.

    ``lexicon`` defaults to ``default_lexicon(articles)``: the curated numbered formulations plus
    those quoted anywhere in ``articles``. Recovering quotes lost in scraping also uses every
    phrase quoted anywhere in ``articles`` (面子工程 quoted in one article repairs 的面子工程”“ in
    another).

    Columns: ``FORMULATION_COLUMNS`` (``doc_id, article_no, start, end, formulation, match, kind,
    quoted, recovered, context``); ``formulation`` is the counting key (inner quote marks removed).
    """
    table = _as_articles(articles)
    quoted = _quoted_keys(table, max_chars)
    known = (
        _curated_lexicon() | {k for k in quoted if _lexicon_shaped(k)}
        if lexicon is None
        else frozenset(lexicon)
    )
    recovery = known | quoted
    rows = []
    for doc_id, article_no, text in _iter_texts(table):
        for row in _formulation_rows(text, known, recovery, max_chars, max_recovered_chars, context_chars):
            rows.append({"doc_id": doc_id, "article_no": article_no, **row})
    return _table(rows, FORMULATION_COLUMNS).astype({"quoted": bool, "recovered": bool})


def extract_titles(
    articles: pd.DataFrame | str, max_chars: int = 40, context_chars: int = 10
) -> pd.DataFrame:
    """Titles in ``《…》`` (documents, books, newspapers, films), one row per mention.

    Same columns as ``extract_formulations``, with ``kind == "title"``.

    >>> extract_titles("制定出台《全面深化零基预算改革工作机制》等制度")["formulation"].tolist()
    ['全面深化零基预算改革工作机制']
    """
    rows = []
    for doc_id, article_no, text in _iter_texts(_as_articles(articles)):
        for quote in find_quotes(text):
            content = text[quote.start : quote.end]
            if quote.mark != _TITLE_PAIR[0] or not 1 <= len(content) <= max_chars or "\n" in content:
                continue
            rows.append(
                {
                    "doc_id": doc_id,
                    "article_no": article_no,
                    "start": quote.start,
                    "end": quote.end,
                    "formulation": formulation_key(content),
                    "match": content,
                    "kind": "title",
                    "quoted": True,
                    "recovered": False,
                    "context": _context(text, quote.start, quote.end, context_chars),
                }
            )
    return _table(rows, FORMULATION_COLUMNS)


# --------------------------------------------------------------------------- places

_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}
_PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")
_PREFECTURE_SUFFIXES = ("自治州", "地区", "盟", "市")
_COUNTY_SUFFIXES = ("自治县", "自治旗", "特区", "林区", "县", "市", "区", "旗")
# A short name followed by one of these is a town, street, river or building (福田镇, 中山路);
# below the province level also a mountain (天山山脉, 小兴安岭), while 浙江山区 is still 浙江.
_NOT_AFTER_SHORT = frozenset("镇乡村路街巷河湖江岛湾桥站寺楼店门")
_NOT_AFTER_LOCAL_SHORT = _NOT_AFTER_SHORT | frozenset("山岭")
# 本报北京7月3日电, 新华社兰州3月24日电: the place a report was filed from, not its subject.
_DATELINE_AFTER = re.compile(r"\s?\d{1,2}月\d{1,2}日电")


def load_gazetteer() -> pd.DataFrame:
    """The administrative divisions of ``data/gazetteer_cn_admin.tsv`` with their short names.

    Columns: ``code, name, level, province, prefecture, short_name`` (``short_name`` is empty
    where the name has none: 忠县, 城区). Short names drop the unit suffix and, for autonomous
    areas, the ethnic groups: 兰州市 → 兰州, 恩施土家族苗族自治州 → 恩施, 内蒙古自治区 → 内蒙古.

    >>> load_gazetteer().set_index("name").loc["兰州市", ["level", "province", "short_name"]].tolist()
    ['prefecture', '甘肃省', '兰州']
    """
    return _gazetteer().copy()


@cache
def _gazetteer() -> pd.DataFrame:
    table = pd.DataFrame(list(read_tsv("gazetteer_cn_admin.tsv")))
    groups = _ethnic_groups()
    table["short_name"] = [
        short_name(n, lv, groups) for n, lv in zip(table["name"], table["level"], strict=True)
    ]
    return table


@cache
def _ethnic_groups() -> tuple[str, ...]:
    names = set()
    for name in read_lines("gazetteer_ethnic_groups.txt"):
        names.add(name)
        names.add(name.removesuffix("族"))
    return tuple(sorted(names, key=len, reverse=True))


def short_name(name: str, level: str, ethnic_groups: Iterable[str] | None = None) -> str:
    """The name without its unit suffix, or ``""`` when fewer than two characters would remain.

    >>> short_name("恩施土家族苗族自治州", "prefecture"), short_name("新疆维吾尔自治区", "province")
    ('恩施', '新疆')
    >>> short_name("忠县", "county"), short_name("鄂温克族自治旗", "county")
    ('', '')
    """
    groups = tuple(ethnic_groups) if ethnic_groups is not None else _ethnic_groups()
    suffixes = {"province": _PROVINCE_SUFFIXES, "prefecture": _PREFECTURE_SUFFIXES}.get(
        level, _COUNTY_SUFFIXES
    )
    stem = name
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            break
    if stem == name:
        return ""
    if stem in groups:
        return ""
    if "自治" in name:
        stripped = True
        while stripped:
            stripped = False
            for group in groups:
                if stem.endswith(group) and len(stem) - len(group) >= 2:
                    stem = stem[: -len(group)]
                    stripped = True
                    break
    return stem if len(stem) >= 2 else ""


@dataclass(frozen=True)
class _Unit:
    code: str
    name: str
    level: str
    province: str
    prefecture: str


def _abbreviations(name: str, short: str) -> list[str]:
    """Written abbreviations of autonomous areas: 恩施州, 石柱县, 莫力达瓦旗."""
    for suffix, abbreviation in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if short and name.endswith(suffix) and short + abbreviation != name:
            return [short + abbreviation]
    return []


class PlaceMatcher:
    """Finds places of a gazetteer in text and resolves each mention to one unit.

    Parameters
    ----------
    gazetteer:
        Table like ``load_gazetteer()`` (``code, name, level, province, prefecture,
        short_name``); default the shipped gazetteer.
    rules:
        Rows like those of ``data/gazetteer_rules.tsv`` (``surface, rule``; rule ``block``,
        ``needs_context``, ``never`` or ``suffix_word``); default that file.

    Names are found as written in full (兰州市), as short names (兰州, 恩施, 内蒙古) and, for
    autonomous areas, as abbreviations (恩施州, 石柱县). How a mention is resolved:

    1. names are matched leftmost-longest (河北区 before 河北); a ``block`` context (长治久安,
       新华社) hides the names inside it; a full name followed by a ``suffix_word`` is read as the
       short name (旅游合作市场 is 合作 + 市场, not 合作市);
    2. a short name followed by 镇/乡/村/路/街/河/湖/江/门 … (below the province level also 山/岭)
       is not a place (福田镇, 中山路, 天山山脉) unless another place name follows (浙江湖州);
    3. the article's context is the name, province and prefecture of each mention that has a
       single candidate needing no context;
    4. a county-level short name (麻城) or two-character county name (忠县) counts only when its
       prefecture is in that context (its province, for a county without a prefecture such as
       仙桃); a ``needs_context`` name (朝阳, 大同) only when its province is;
    5. of the candidates left, the highest level wins (吉林 is 吉林省, not 吉林市; 海南 is 海南省),
       then the one whose prefecture, else province, is in context (城关区 in an article about
       兰州 is 兰州's); a tie is reported with ``code == ""`` and every candidate's code in
       ``candidates`` (城关区 in an article that names neither 兰州 nor 拉萨).

    >>> matcher = PlaceMatcher()
    >>> [(p["name"], p["province"]) for p in matcher.find("兰州市城关区五里铺位于主城区核心地段")]
    [('兰州市', '甘肃省'), ('城关区', '甘肃省')]
    """

    def __init__(self, gazetteer: pd.DataFrame | None = None, rules: Iterable[dict] | None = None):
        table = _gazetteer() if gazetteer is None else gazetteer
        rule_rows = read_tsv("gazetteer_rules.tsv") if rules is None else tuple(rules)
        self.block = frozenset(r["surface"] for r in rule_rows if r["rule"] == "block")
        self.needs_context = frozenset(r["surface"] for r in rule_rows if r["rule"] == "needs_context")
        never = frozenset(r["surface"] for r in rule_rows if r["rule"] == "never")
        self.suffix_words = frozenset(r["surface"] for r in rule_rows if r["rule"] == "suffix_word")
        self.units: dict[str, _Unit] = {}
        # surface → list of (unit code, is_short)
        self.surfaces: dict[str, list[tuple[str, bool]]] = {}
        full_names = set(table["name"])
        short_names = set(table["short_name"])
        for row in table.itertuples(index=False):
            unit = _Unit(row.code, row.name, row.level, row.province, row.prefecture)
            self.units[unit.code] = unit
            forms = [(row.name, False)]
            if row.short_name:
                forms.append((row.short_name, True))
            for abbreviation in _abbreviations(row.name, row.short_name):
                if abbreviation not in full_names and abbreviation not in short_names:
                    forms.append((abbreviation, False))
            for surface, is_short in forms:
                if surface not in never and surface not in self.block:
                    self.surfaces.setdefault(surface, []).append((unit.code, is_short))
        self._matcher = _LongestMatch(set(self.surfaces) | self.block)

    def _requirement(self, surface: str, unit: _Unit, is_short: bool) -> int:
        """Context a candidate needs: 0 none, 1 its province, 2 its prefecture."""
        if unit.level == "county" and (is_short or len(surface) <= 2):
            return 2 if unit.prefecture else 1
        if surface in self.needs_context:
            return 2 if unit.level == "county" and unit.prefecture else 1
        return 0

    @staticmethod
    def _score(unit: _Unit, context: set[str]) -> int:
        """How well the context supports a candidate: 2 its prefecture, 1 its province, 0 neither."""
        if unit.prefecture and unit.prefecture in context:
            return 2
        return 1 if unit.province in context else 0

    def find(self, text: str, context_chars: int = 10) -> list[dict]:
        """Resolved place mentions of one text (dicts with ``PLACE_COLUMNS`` but the article keys)."""
        mentions = []
        for start, end in self._matcher.finditer(text):
            surface = text[start:end]
            if surface in self.block:
                continue
            candidates = self.surfaces[surface]
            if text[end - 1 : end + 1] in self.suffix_words and not any(short for _, short in candidates):
                # 合作市场 is 合作 + 市场: read the name without its suffix
                end -= 1
                surface = text[start:end]
                if surface not in self.surfaces:
                    continue
                candidates = [(code, True) for code, _ in self.surfaces[surface]]
            after = text[end : end + 1]
            if all(short for _, short in candidates) and (
                after in _NOT_AFTER_SHORT
                or (
                    after in _NOT_AFTER_LOCAL_SHORT
                    and all(self.units[c].level != "province" for c, _ in candidates)
                )
            ):
                following = next(iter(self._matcher.finditer(text[end : end + 12])), None)
                if following is None or following[0] != 0:
                    continue
            mentions.append((start, end, surface, candidates))
        context: set[str] = set()
        for _, _, surface, candidates in mentions:
            free = [
                code for code, short in candidates if not self._requirement(surface, self.units[code], short)
            ]
            if len(free) == 1:
                unit = self.units[free[0]]
                context.update(n for n in (unit.name, unit.province, unit.prefecture) if n)
        found = []
        for start, end, surface, candidates in mentions:
            eligible = {}
            for code, short in candidates:
                unit = self.units[code]
                score = self._score(unit, context)
                if score >= self._requirement(surface, unit, short):
                    eligible[code] = (unit, score)
            if not eligible:
                continue
            top = min(_LEVEL_RANK[unit.level] for unit, _ in eligible.values())
            level = [(unit, score) for unit, score in eligible.values() if _LEVEL_RANK[unit.level] == top]
            best_score = max(score for _, score in level)
            best = sorted((unit for unit, score in level if score == best_score), key=lambda u: u.code)
            found.append(self._row(text, start, end, best, context_chars))
        return found

    @staticmethod
    def _row(text: str, start: int, end: int, best: list[_Unit], context_chars: int) -> dict:
        def shared(field: str) -> str:
            values = {getattr(u, field) for u in best}
            return values.pop() if len(values) == 1 else ""

        return {
            "start": start,
            "end": end,
            "match": text[start:end],
            "name": shared("name") or text[start:end],
            "code": best[0].code if len(best) == 1 else "",
            "level": shared("level"),
            "province": shared("province"),
            "prefecture": shared("prefecture"),
            "candidates": "|".join(u.code for u in best),
            "dateline": bool(_DATELINE_AFTER.match(text, end)),
            "context": _context(text, start, end, context_chars),
        }


@cache
def _default_matcher() -> PlaceMatcher:
    return PlaceMatcher()


def find_places(text: str, matcher: PlaceMatcher | None = None, context_chars: int = 10) -> pd.DataFrame:
    """Place mentions of one text, resolved (see ``PlaceMatcher``).

    >>> find_places("甘肃省金昌市结合市政府廉政工作会议精神")[["match", "name", "level"]].values.tolist()
    [['甘肃省', '甘肃省', 'province'], ['金昌市', '金昌市', 'prefecture']]
    """
    rows = (matcher or _default_matcher()).find(text, context_chars)
    return pd.DataFrame(rows, columns=PLACE_COLUMNS[2:]).astype(
        {"start": "int64", "end": "int64", "dateline": bool}
    )


def extract_places(
    articles: pd.DataFrame | str, matcher: PlaceMatcher | None = None, context_chars: int = 10
) -> pd.DataFrame:
    """Place mentions of every article, one row per mention (``PLACE_COLUMNS``).

    ``name, level, province, prefecture`` are those of the gazetteer; ``code`` is the 6-digit
    division code, empty when the mention fits several units equally well (then ``candidates``
    lists their codes, separated by ``|``). ``dateline`` marks the place a report was filed from
    (本报北京7月3日电): the summaries leave those out unless asked.
    """
    matcher = matcher or _default_matcher()
    rows = []
    for doc_id, article_no, text in _iter_texts(_as_articles(articles)):
        for row in matcher.find(text, context_chars):
            rows.append({"doc_id": doc_id, "article_no": article_no, **row})
    return _table(rows, PLACE_COLUMNS).astype({"dateline": bool})


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
def _quantity_words(role: str) -> tuple[str, ...]:
    """Words of ``data/quantity_words.tsv`` with a role (approx_before, approx_after, link, stop)."""
    return tuple(row["word"] for row in read_tsv("quantity_words.tsv") if row["role"] == role)


@cache
def _units() -> dict[str, str]:
    """Unit → kind, from ``data/quantity_units.tsv``."""
    return {row["unit"]: row["kind"] for row in read_tsv("quantity_units.tsv")}


@cache
def _unit_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(u) for u in sorted(_units(), key=len, reverse=True)))


def _unit_at(text: str, position: int) -> str:
    """The longest unit that starts at ``position``, or ``""``."""
    found = _unit_pattern().match(text, position)
    return found.group() if found else ""


@cache
def _claim_pattern() -> re.Pattern:
    kinds = _units()
    units = "|".join(re.escape(u) for u in sorted(kinds, key=len, reverse=True))
    multipliers = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
    return re.compile(
        r"(?<![0-9０-９A-Za-z.+\-#/_:：])"
        r"(?P<number>[0-9０-９]{1,12}(?:,[0-9]{3}){0,4}(?:\.[0-9]{1,8})?)"
        r"(?![0-9０-９]|\.[0-9]|[+\-/:：#A-Za-z])"
        r" ?"
        rf"(?P<multiplier>{multipliers})?"
        r"(?P<approx>多|余)?"
        rf"(?:(?P<percent>[%％])|(?P<unit>{units}))?"
    )


@cache
def _chinese_claim_pattern() -> re.Pattern:
    kinds = _units()
    measures = [u for u, kind in kinds.items() if kind != "count"]
    units = "|".join(re.escape(u) for u in sorted(measures, key=len, reverse=True))
    return re.compile(
        rf"(?<![第{_CN_NUMERALS}几数])(?P<number>[{_CN_NUMERALS}]{{1,12}})(?![几])(?P<approx>多|余)?(?P<unit>{units})"
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


@cache
def _pos_tokenizer():
    """A private jieba part-of-speech tokenizer over ``_jieba_tokenizer``."""
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_jieba_tokenizer())


@cache
def _jieba_tokenizer():
    """The shared private jieba tokenizer (default dictionary, quiet; never jieba's global one)."""
    from textkit._jieba import plain_tokenizer

    return plain_tokenizer()


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
      (98.2% → 98.2, ``is_percent``);
    - ``unit`` is the measure word or unit after the number (名, 起, 元, 公里, 个月, 人次 …, from
      ``data/quantity_units.tsv``) and ``unit_kind`` its kind (count, money, length …); empty for
      a bare multiplier (产值300亿);
    - ``noun`` is the counted noun when it can be recovered: the nouns (jieba parts of speech)
      right after a measure word (433.6万名党员 → 党员), else those right before the number,
      link words such as 达, 同比增长 dropped (化解成功率达98.2% → 成功率); empty when neither
      side has a noun next to the number;
    - ``approx`` marks 多, 余, 约, 近, 超, 左右, 以上 …;
    - excluded: dates (2023年, 9月, 24日, 8时), ordinals (第36期), identifiers and codes
      (B404#, S187#, 5G, PM2.5), digit sums (1+6), numbers without a unit;
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


def _claim_rows(text: str, context_chars: int, chinese_numerals: bool, nouns: bool) -> list[dict]:
    kinds = _units()
    rows = []
    for match in _claim_pattern().finditer(text):
        unit = match.group("unit") or ""
        percent = bool(match.group("percent"))
        multiplier_word = match.group("multiplier") or ""
        if not (unit or percent or multiplier_word):
            continue
        start, end = match.span()
        if text[max(0, start - 1) : start] == "第" or text[max(0, start - 2) : start] == "第 ":
            continue
        if multiplier_word and not percent:
            # 51182359千瓦时 is 千瓦时, not 千 × 瓦时: a unit may begin with a multiplier's character
            unit_start = match.end("multiplier") - 1
            longer = _unit_at(text, unit_start)
            if longer and len(longer) > 1:
                multiplier_word, unit, end = multiplier_word[:-1], longer, unit_start + len(longer)
        number_text = match.group("number").replace(",", "")
        if unit == "年" and (
            text.startswith("代", end)
            or (not multiplier_word and re.fullmatch(r"[0-9０-９]{4}", number_text))
        ):
            continue  # a year, or a decade (30年代)
        rows.append(
            _claim_row(
                text,
                start,
                end,
                number_text,
                multiplier_word,
                unit,
                percent,
                match.group("approx"),
                kinds,
                context_chars,
                nouns,
            )
        )
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
            unit = match.group("unit")
            rows.append(
                _claim_row(
                    text,
                    start,
                    end,
                    str(value),
                    "",
                    unit,
                    False,
                    match.group("approx"),
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


def extract_claims(
    articles: pd.DataFrame | str, context_chars: int = 12, chinese_numerals: bool = False, nouns: bool = True
) -> pd.DataFrame:
    """Quantitative claims of every article (see ``find_claims``), one row per claim (``CLAIM_COLUMNS``)."""
    rows = []
    for doc_id, article_no, text in _iter_texts(_as_articles(articles)):
        for row in _claim_rows(text, context_chars, chinese_numerals, nouns):
            rows.append({"doc_id": doc_id, "article_no": article_no, **row})
    return _table(rows, CLAIM_COLUMNS).astype(_CLAIM_TYPES)


# --------------------------------------------------------------------------- summaries

_KEYS = ["doc_id", "article_no"]
_UNKNOWN_SOURCE = "(unknown)"


def _article_frame(articles: pd.DataFrame | str) -> pd.DataFrame:
    table = _as_articles(articles)
    out = table[[c for c in ["doc_id", "article_no", "source", "date"] if c in table.columns]].copy()
    out["doc_id"] = out["doc_id"].astype(str)
    out["article_no"] = out["article_no"].astype("int64")
    if "source" not in out.columns:
        out["source"] = _UNKNOWN_SOURCE
    out["source"] = out["source"].fillna(_UNKNOWN_SOURCE).replace("", _UNKNOWN_SOURCE).astype(str)
    if "date" not in out.columns:
        out["date"] = pd.NaT
    return out


def _parsed_dates(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    return pd.to_datetime(values.astype("string"), errors="coerce", format="ISO8601")


def _first_order(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles in order of appearance: by date where known (undated last), then doc_id, article_no."""
    frame = articles.assign(_date=_parsed_dates(articles["date"]))
    frame = frame.sort_values(["_date", "doc_id", "article_no"], na_position="last", kind="stable")
    return frame.assign(_order=range(len(frame)))


def _without_datelines(places: pd.DataFrame | None, include_datelines: bool) -> pd.DataFrame | None:
    if places is None or include_datelines or "dateline" not in places.columns:
        return places
    return places[~places["dateline"].astype(bool)]


def count_by_article(
    articles: pd.DataFrame | str,
    formulations: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
    include_datelines: bool = False,
) -> pd.DataFrame:
    """One row per article: mentions and distinct items of each extracted table given.

    Columns ``doc_id, article_no, source`` and, per table given, ``n_formulations,
    n_distinct_formulations``, ``n_places, n_distinct_places``, ``n_claims``. Articles without any
    mention have zeros. Places in datelines (本报北京7月3日电) are not counted unless
    ``include_datelines``.
    """
    out = _article_frame(articles)[["doc_id", "article_no", "source"]].reset_index(drop=True)
    places = _without_datelines(places, include_datelines)
    parts = []
    if formulations is not None:
        parts.append(("formulations", formulations, "formulation"))
    if places is not None:
        parts.append(("places", places, "name"))
    for label, table, item in parts:
        grouped = table.groupby(_KEYS)[item].agg(["size", "nunique"])
        grouped.columns = [f"n_{label}", f"n_distinct_{label}"]
        out = out.merge(grouped.reset_index(), on=_KEYS, how="left")
    if claims is not None:
        grouped = claims.groupby(_KEYS).size().rename("n_claims").reset_index()
        out = out.merge(grouped, on=_KEYS, how="left")
    count_columns = [c for c in out.columns if c.startswith("n_")]
    out[count_columns] = out[count_columns].fillna(0).astype("int64")
    return out.sort_values(_KEYS, ignore_index=True)


def count_by_source(
    articles: pd.DataFrame | str,
    formulations: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
    include_datelines: bool = False,
) -> pd.DataFrame:
    """``count_by_article`` summed by source: ``source, n_articles`` and the mention counts.

    Distinct counts are distinct within the source, not sums. Sorted by ``n_articles`` (most
    first), then source. Articles without a source are under ``"(unknown)"``.
    """
    places = _without_datelines(places, include_datelines)
    per_article = count_by_article(articles, formulations, places, claims, include_datelines=True)
    out = per_article.groupby("source").agg(n_articles=("doc_id", "size"))
    sources = per_article[[*_KEYS, "source"]]
    for label, table, item in (("formulations", formulations, "formulation"), ("places", places, "name")):
        if table is None:
            continue
        joined = table.merge(sources, on=_KEYS, how="inner")
        out[f"n_{label}"] = joined.groupby("source").size()
        out[f"n_distinct_{label}"] = joined.groupby("source")[item].nunique()
    if claims is not None:
        out["n_claims"] = claims.merge(sources, on=_KEYS, how="inner").groupby("source").size()
    out = out.fillna(0).astype("int64").reset_index()
    return out.sort_values(["n_articles", "source"], ascending=[False, True], ignore_index=True)


def _counts(table: pd.DataFrame, articles: pd.DataFrame | str, item: str, by: str) -> pd.DataFrame:
    frame = _article_frame(articles)
    if by == "article":
        keys = _KEYS
    elif by == "source":
        keys = ["source"]
    else:
        raise ValueError(f"by must be 'article' or 'source', not {by!r}")
    joined = table.merge(frame[[*_KEYS, "source"]], on=_KEYS, how="inner")
    out = joined.groupby([*keys, item]).size().rename("n").reset_index()
    out["n"] = out["n"].astype("int64")
    return out.sort_values(
        [*keys, "n", item], ascending=[True] * len(keys) + [False, True], ignore_index=True
    )


def formulation_counts(
    formulations: pd.DataFrame,
    articles: pd.DataFrame | str,
    by: str = "source",
    kinds: Iterable[str] = ("quoted", "numbered"),
) -> pd.DataFrame:
    """How often each formulation occurs per source (``by="source"``) or per article.

    A long table: ``source, formulation, n`` (or ``doc_id, article_no, formulation, n``), sorted by
    the key, then most frequent first.
    """
    return _counts(formulations[formulations["kind"].isin(list(kinds))], articles, "formulation", by)


def place_counts(
    places: pd.DataFrame, articles: pd.DataFrame | str, by: str = "article", include_datelines: bool = False
) -> pd.DataFrame:
    """How often each place (by resolved ``name``) is mentioned per article or per source.

    A long table: ``doc_id, article_no, name, n`` (or ``source, name, n``); datelines left out
    unless ``include_datelines``.
    """
    return _counts(_without_datelines(places, include_datelines), articles, "name", by)


def formulation_table(
    formulations: pd.DataFrame,
    articles: pd.DataFrame | str,
    kinds: Iterable[str] = ("quoted", "numbered"),
    min_articles: int = 1,
    top: int | None = None,
) -> pd.DataFrame:
    """Formulations by frequency, with where each first appears.

    Columns: ``formulation, kind, n_mentions, n_articles, n_sources, first_doc_id,
    first_article_no, first_date, first_source``. The first article is the earliest by date where
    dates are known (undated articles after dated ones), else in ``doc_id, article_no`` order.
    Sorted by ``n_mentions`` (most first), ``n_articles``, then formulation; ``top`` keeps the
    first rows.
    """
    frame = _first_order(_article_frame(articles))
    table = formulations[formulations["kind"].isin(list(kinds))]
    columns = [
        "formulation",
        "kind",
        "n_mentions",
        "n_articles",
        "n_sources",
        "first_doc_id",
        "first_article_no",
        "first_date",
        "first_source",
    ]
    if table.empty:
        return pd.DataFrame(columns=columns)
    joined = table.merge(frame[[*_KEYS, "source", "_date", "_order"]], on=_KEYS, how="left")
    joined["_order"] = joined["_order"].fillna(len(frame)).astype("int64")
    grouped = joined.groupby("formulation")
    out = pd.DataFrame(
        {
            "kind": grouped["kind"].agg(lambda k: "numbered" if (k == "numbered").any() else k.iloc[0]),
            "n_mentions": grouped.size(),
            "n_articles": joined.drop_duplicates(["formulation", *_KEYS]).groupby("formulation").size(),
            "n_sources": grouped["source"].nunique(),
        }
    )
    first = joined.sort_values(["_order", "start"], kind="stable").groupby("formulation").first()
    out["first_doc_id"] = first["doc_id"]
    out["first_article_no"] = first["article_no"].astype("int64")
    out["first_date"] = first["_date"]
    out["first_source"] = first["source"]
    out = out.reset_index()
    out = out[out["n_articles"] >= min_articles]
    out = out.sort_values(
        ["n_mentions", "n_articles", "formulation"], ascending=[False, False, True], ignore_index=True
    )
    return out[columns].head(top) if top is not None else out[columns]


def place_table(places: pd.DataFrame, include_datelines: bool = False) -> pd.DataFrame:
    """Places by frequency: ``name, code, level, province, prefecture, n_mentions, n_articles, forms``.

    ``forms`` lists the surface forms seen (兰州|兰州市). Mentions that stayed ambiguous are one row
    per name with an empty ``code``. Sorted by ``n_mentions`` (most first), then level and code.
    Places in datelines are left out unless ``include_datelines``.
    """
    columns = ["name", "code", "level", "province", "prefecture", "n_mentions", "n_articles", "forms"]
    places = _without_datelines(places, include_datelines)
    if places.empty:
        return pd.DataFrame(columns=columns)
    keys = ["name", "code", "level", "province", "prefecture"]
    grouped = places.groupby(keys, dropna=False)
    out = grouped.agg(
        n_mentions=("match", "size"),
        forms=("match", lambda s: "|".join(sorted(set(s), key=lambda f: (len(f), f)))),
    )
    out["n_articles"] = places.drop_duplicates([*keys, *_KEYS]).groupby(keys, dropna=False).size()
    out = out.reset_index()
    out["_rank"] = out["level"].map(_LEVEL_RANK).fillna(3)
    out = out.sort_values(["n_mentions", "_rank", "code", "name"], ascending=[False, True, True, True])
    return out[columns].reset_index(drop=True)


def claims_by_unit(claims: pd.DataFrame, min_claims: int = 1) -> pd.DataFrame:
    """Claims grouped by unit and sorted by value within each unit (largest first).

    Units are ordered by how many claims use them (most first), then by name; percentages are
    the unit ``%``. ``min_claims`` drops rarer units. Adds ``rank_in_unit`` (1 = largest).
    """
    if claims.empty:
        return claims.assign(n_in_unit=pd.Series(dtype="int64"), rank_in_unit=pd.Series(dtype="int64"))
    sizes = claims.groupby("unit")["unit"].transform("size").astype("int64")
    out = claims.assign(n_in_unit=sizes)
    out = out[out["n_in_unit"] >= min_claims]
    out = out.sort_values(
        ["n_in_unit", "unit", "value", "doc_id", "article_no", "start"],
        ascending=[False, True, False, True, True, True],
        kind="stable",
        ignore_index=True,
    )
    out["rank_in_unit"] = out.groupby("unit").cumcount().astype("int64") + 1
    return out
