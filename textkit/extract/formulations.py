"""Stage 6 — extract, formulations (提法): quoted phrases and numbered formulations.

Quoted phrases (“…”, ‘…’, 「…」, 『…』) and numeral-led formulations (两个确立, 三会一课, 1+6);
``《…》`` titles are kept apart (``extract_titles``).

>>> find_formulations("坚决做到“两个维护”，推进“1+6”实施意见")["formulation"].tolist()
['两个维护', '1+6']
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from textkit._chars import text_sha256
from textkit.extract._common import (
    _CLAUSE_MARKS,
    _as_articles,
    _context,
    _iter_texts,
    _LongestMatch,
    _table,
    _unit_at,
)
from textkit.extract.numbered import (
    _CN_DIGITS,
    _curated_lexicon,
    _lexicon_shaped,
    is_numbered,
    unquoted_numbered,
)
from textkit.extract.phrases import MAX_PART_CHARS, _is_phrase, _lexicon_terms
from textkit.extract.quotes import _TITLE_PAIR, Quote, find_quotes, formulation_key
from textkit.extract.slogans import SPEECH_VERBS as _SPEECH_VERBS
from textkit.extract.slogans import (
    banner_slogan,
    directed,
    directive,
    equal_parts,
    exclaimed,
    listed_voices,
    locative_fragment,
    particle_ending,
    perfective_clause,
    quote_runs,
    said_later,
    said_opening,
    said_outright,
    topic_quotes,
)
from textkit.extract.verse import _verse, _verse_lines

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

# --------------------------------------------------------------------------- formulations


# A quote standing alone on its line is a heading; a heading longer than this quotes what someone
# said (“创新的灵感就是一瞬间的事”, “她总能形象生动地讲透道理”), unless it is a lexicon term.
MAX_HEADING_CHARS = 8


def _quoted_heading(text: str, quote: Quote, key: str) -> bool:
    r"""Whether ``quote`` is a whole line (a final 。 aside) longer than ``MAX_HEADING_CHARS``.

    On the build files of rmrb-2023-07-08, 179 quotes that pass as phrases stand alone on their
    line; read in a seeded sample of 80, all but three (领导多下去，群众就少上来 …) quote speech.

    >>> text = "引言。\n“创新的灵感就是一瞬间的事”\n正文"
    >>> _quoted_heading(text, Quote(5, 17, "“"), "创新的灵感就是一瞬间的事")
    True
    """
    if len(key) <= MAX_HEADING_CHARS or key in _lexicon_terms():
        return False
    opens_line = quote.start == 1 or text[quote.start - 2] == "\n"
    after = text[quote.end + 1 : quote.end + 3]
    return opens_line and (after[:1] in ("", "\n") or (after[:1] == "。" and after[1:] in ("", "\n")))


# The verb, then at most 4 characters of its object (他们, 各地, 党的干部), then ， or ： or nothing;
# not through 是 nor 的 after the verb or before the quote: 提出的“…”, 认为是“…” name a label.
_ATTRIBUTION = re.compile(rf"(?:{_SPEECH_VERBS})(?!的)[^，。！？；：、“”‘’是\n]{{0,4}}(?<!的)[，：]?$")


def _attributed(text: str, quote: Quote, key: str) -> bool:
    """Whether a quote longer than ``MAX_PART_CHARS`` (12) follows a verb of saying: a directive
    or statement someone made (总书记寄望他们“在推进中国式现代化建设中走在前列”, 强调“改进调研方式，
    力戒形式主义、官僚主义”), not a name; short quotes after such verbs (强调“两个确立”) stay.
    So do slogans of equally long parts (提出“江山就是人民，人民就是江山”), lists of near-equal
    items (“一体化大市场、多层次大流通、陆海空大联通、文化大交流”四大目标) and a quote named as a
    concept by the noun after it (提出“山水林田湖是一个生命共同体”理念) or as a theme, an event, a goal
    or a resolution (``_EVENT_AFTER``: 中国提出“…”决议); verse is left to ``_verse``. A quote of 9
    to 12 characters right after 强调, 要求 or 指出 that opens with a verb or an adverb is a
    directive too (``slogans.directed``: 会议强调“推动建设生育友好型社会”).

    >>> text = "总书记寄望他们“在推进中国式现代化建设中走在前列”，以“共建面向新时代的中阿命运共同体”为主题"
    >>> [_attributed(text, q, text[q.start : q.end]) for q in find_quotes(text)]
    [True, False]
    """
    if len(key) <= MAX_PART_CHARS:
        # a short directive (会议强调“推动建设生育友好型社会”) unless a term or a numbered formulation
        if not directed(text, quote.start, key) or key in _lexicon_terms() or is_numbered(key):
            return False
    elif not _ATTRIBUTION.search(text, max(0, quote.start - 13), quote.start - 1):
        return False
    if equal_parts(key):
        return False  # a slogan or a list
    return not (_CONCEPT_AFTER.match(text, quote.end + 1) or _EVENT_AFTER.match(text, quote.end + 1))


# A noun after the closing mark that names the quote as a concept (“…”理念, “…”的社会治理要求).
_CONCEPT_AFTER = re.compile("的?(?:理念|倡议|要求|论断|重要论述|精神|思想|原则|目标|理论|战略|方针)")


# A noun after the closing mark that names the quote as a policy, rule, model, slogan or idea
# (取消“…”的政策规定, “…”战略目标), maybe qualified after 的 by up to 4 Han characters (“…”的组织管理模式:
# 4 build quotes added, all right, tools/claims_audit.txt), or a theme (围绕“…”的会议主题, 以“…”为主题).
_NAMING_NOUNS = "政策|规定|模式|做法|口号|提法|理念|精神|思想|论断|原则|方针|战略|倡议|愿景"
_NAMED_AFTER = re.compile(
    f"的?(?:{_NAMING_NOUNS}|(?:会议|大会|论坛|活动)?主题)|的[\u4e00-\u9fff]{{1,4}}?(?:{_NAMING_NOUNS})|为主题"
)


def _named_by_noun(
    text: str, quote: Quote, content: str, key: str, max_chars: int, framed: bool = False
) -> bool:
    """Whether a quote too long or too uneven for ``_is_phrase`` is named by the noun after it.

    取消“参保人员未办理异地备案，在统筹地区外自治区内住院治疗降低报销比例”的政策规定 quotes the
    rule it names: up to ``max_chars`` (40) characters with no mark but ， and 、 (no sentence),
    followed by 的 and a noun of ``_NAMED_AFTER`` (政策, 规定, 模式, 精神 …), it is a name, as a
    quote named as a concept after a verb of saying is (``_attributed``). On the build files of
    rmrb-2023-07-08 this adds 6 quotes, all names of a policy, model, strategy or motto
    (tools/extract_precision.txt).

    >>> text = "取消“参保人员未办理异地备案，在统筹地区外自治区内住院治疗降低报销比例”的政策规定"
    >>> [_named_by_noun(text, q, text[q.start : q.end], text[q.start : q.end], 40) for q in find_quotes(text)]
    [True]
    """
    if not 2 <= len(key) <= max_chars:
        return False
    marks = _CLAUSE_MARKS.intersection(content)
    event = bool(_EVENT_AFTER.match(text, quote.end + 1))
    if marks <= {"，", "、"}:
        return framed or event or bool(_NAMED_AFTER.match(text, quote.end + 1))
    return marks <= {"，", "、", "："} and _subtitle_colon(key) and event


# A noun after the closing mark that names the quote as the theme or title of an event, an
# exhibition, an activity or a project (围绕“…”这一主题, “…”主题边会, 举办“…”展, 开展“…”专题讨论,
# 实施的“…”项目, 中国提出“…”决议, 围绕“…”目标); not 展开, 活动中 or 项目负责人 (a quote said
# before the speaker is named: “…。”项目负责人说). Such names may be long, hold a pronoun
# (“学习贯彻党的二十大精神我们怎么做”专题讨论) or a subtitle after ： (“中国芳香：中国古代的香文化”展);
# tools/formulation_recall_build.txt.
_EVENT_AFTER = re.compile(
    "(?:这一|这个)?主题|专题(?:讨论|研讨|党课|学习)|研讨会|座谈会|论坛|峰会|决议|(?:这一|的)?目标"
    "|展(?![\u4e00-\u9fff])|展(?=在|于)|(?:活动|项目)(?![\u4e00-\u9fff])"
)
# The title before a subtitle's ： (中国芳香：中国古代的香文化), at most this long.
MAX_TITLE_CHARS = 20


def _subtitle_colon(key: str) -> bool:
    """Whether ``key`` is a title and its subtitle joined by one ：, each part at least 2 characters,
    the title at most ``MAX_TITLE_CHARS`` and without ，.

    >>> _subtitle_colon("中国芳香：中国古代的香文化"), _subtitle_colon("他说：好")
    (True, False)
    """
    parts = key.split("：")
    if len(parts) != 2 or "，" in parts[0]:
        return False
    return 2 <= len(parts[0]) <= MAX_TITLE_CHARS and len(parts[1]) >= 2


def default_lexicon(articles: pd.DataFrame | str | None = None, max_chars: int = 40) -> frozenset[str]:
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


def _quoted_keys(
    articles: pd.DataFrame, max_chars: int, cache_dir: str | os.PathLike | None = None
) -> frozenset[str]:
    """The keys of the phrases quoted anywhere in ``articles``: the union of each text's.

    ``cache_dir``: each text's keys are kept there (namespace ``quoted-<code_version>``, key: the
    text and ``max_chars``), so a corpus with one new file finds the quotes of that file only."""
    texts = [text for _, _, text in _iter_texts(articles)]
    if cache_dir is None:
        return frozenset().union(*map(_text_quoted_keys, texts, [max_chars] * len(texts)))
    from textkit.cache import ParquetCache, code_version

    namespace = "quoted-" + code_version("textkit.extract.formulations")
    keys = [f"{max_chars}-{text_sha256(text, 'surrogatepass')}" for text in texts]
    cache = ParquetCache(cache_dir)
    stored = cache.get_many(namespace, list(dict.fromkeys(keys)))
    fresh = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in stored and key not in fresh:
            fresh[key] = json.dumps(sorted(_text_quoted_keys(text, max_chars)), ensure_ascii=False)
    cache.put_many(namespace, fresh)
    stored.update(fresh)
    return frozenset().union(*(json.loads(value) for value in stored.values()))


def _text_quoted_keys(text: str, max_chars: int) -> set[str]:
    keys = set()
    for quote in find_quotes(text):
        content = _verse(text[quote.start : quote.end])
        if quote.mark != "《" and _is_phrase(content, max_chars):
            keys.add(formulation_key(content))
    return keys


@lru_cache(maxsize=8)
def _lexicon_matcher(lexicon: frozenset[str]) -> _LongestMatch:
    return _LongestMatch(lexicon)


def find_formulations(
    text: str,
    lexicon: Iterable[str] | None = None,
    max_chars: int = 40,
    max_recovered_chars: int = 8,
    context_chars: int = 10,
) -> pd.DataFrame:
    """Formulations in one text: quoted phrases and numbered formulations, quoted or not.

    - a quoted phrase is a quoted stretch of 2 to 20 characters (inner marks not counted)
      without clause punctuation (，。！？；：…): “断头路”, “两个确立”, “5+2”; or a quoted list or
      slogan of up to ``max_chars`` (40) characters whose parts, separated by 、 or ，, are each
      at most 8 long, or 12 when equally long (“发扬斗争精神，敢于担当作为”); a longer quote, or
      one with 。！？；：, is speech and is left out;
    - ``kind`` is ``numbered`` when the phrase opens with a numeral (两个确立, 三会一课, 1+6) and
      ``quoted`` otherwise;
    - without quotes, a numbered formulation counts when it is in ``lexicon`` (default: the
      curated list; ``extract_formulations`` adds those quoted anywhere in the corpus, see
      ``default_lexicon``), is a digit sum followed by a Han character (5+2就业之家) or a numeral
      from 两 up + 个 + a quoted noun not followed by 的 (三个“一号工程”; not 一个“风向标”,
      两个“异想天开”的年轻人), or has one of the shapes that delimit themselves: numeral + 手抓,
      化融合 … or 位一体 (两手抓, 两化融合, 五位一体; not 三位一体), and 一X一Y of targeted policy ending in
      策, 品, 档, 案, 码, 单 or 证 (一户一策, 一村一品, 一楼一院一策; not 一单一单 or idioms), and
      numeral-letter-numeral-letter with the larger numeral second (四纵六横, 三省六部, 三公九卿;
      not idioms, counts or pieces of words: see ``textkit.extract.numbered``);
    - also a name in Latin letters or figures (“MBI”, “1·29”), and a chain of three or more links
      joined by dashes up to 12 a link, however long (“光照/紫外线—视网膜多巴胺分泌增加—眼轴生长减缓”);
      not speech: a quote with a pronoun unless short or parallel (``_reported_speech``), a quote
      over 8 characters alone on its line (``_quoted_heading``), a quote over 12 characters right
      after a verb of saying (``_attributed``: 寄望他们“在推进中国式现代化建设中走在前列”), a
      couplet with an adverb of talk (“字密密麻麻，实在看不清。”); unquoted, numeral + measure word
      + a category noun of ``data/formulation_categories.txt`` (三项原则, 四项基本原则, 两条底线;
      after 大 with modifiers for 行动 and 工程: 五大公共卫生行动);
    - quotes lost in scraping at a junction of quoted phrases (搞形象工程”“政绩工程。) are
      recovered and marked ``recovered`` (see ``find_quotes``).

    Dates (3月24日), counts (4个主体班次, 十几个部门) and idioms are never matched: an unquoted
    numeral-led phrase must be one of the shapes above.

    Returns a DataFrame with ``FORMULATION_COLUMNS`` except the article keys.

    >>> find_formulations("坚决做到“两个维护”，推进“1+6”实施意见")[["formulation", "kind"]].values.tolist()
    [['两个维护', 'numbered'], ['1+6', 'numbered']]
    """
    known = _curated_lexicon() if lexicon is None else frozenset(lexicon)
    rows = _formulation_rows(text, known, known, max_chars, max_recovered_chars, context_chars)
    frame = pd.DataFrame(rows, columns=FORMULATION_COLUMNS[2:])
    return frame.astype({"start": "int64", "end": "int64", "quoted": bool, "recovered": bool})


def _voiced(text: str, quotes: list[Quote], max_chars: int) -> set[int]:
    """Starts of the quotes in a run of quotes written back to back (“…”“…”“…”……) of which one is
    a sentence someone says (not a phrase: “手机里安装了20余个工作软件，各种打卡、报材料”): such a
    run strings voices together, so its clauses joined by ， are said too (“从早到晚，手机信息响个
    不停”), however slogan-like their length; quotes without ， (names, labels) keep their own test,
    and so do lines of verse (“茉莉晓迷琼径白，荔枝秋映绮筵红”“团团末利丛，繁香暑中拆”“倩得…。”)
    and four-character couplets (“基础不牢，地动山摇”, “四海之内，皆兄弟也”). On the build files of
    rmrb-2023-07-08 this dropped 26 quotes, all read: 21 said, 5 sayings (“没有调查，没有发言权”;
    tools/extract_precision_g.txt); the couplets brought back 3 of them, 2 sayings and 1 said
    (“信心更强，底气更足”, tools/extract_precision_i.txt).

    >>> text = "“从早到晚，手机信息响个不停”“手机里安装了20余个工作软件，各种打卡、报材料”……"
    >>> sorted(_voiced(text, find_quotes(text), 40))
    [1, 16]
    """
    voiced: set[int] = set()
    for run in quote_runs(text, quotes):
        said = any(
            not _is_phrase(text[q.start : q.end], max_chars)
            and _CLAUSE_MARKS.intersection(text[q.start : q.end])
            for q in run
        )
        if len(run) > 1 and said:
            voiced.update(q.start for q in run if not _verse_lines(text[q.start : q.end]))
    return voiced


def _said_runs(text: str, quotes: list[Quote], max_chars: int) -> set[int]:
    """Starts of the quotes of a run that a verb of saying introduces (``_ATTRIBUTION`` before its
    first quote: 强调：“…”“…”“…”) and that holds a sentence (a quote that is not a phrase, by its
    length or its marks) or opens right after the verb's ， or ： (``said_opening``): the run quotes
    a speech, so its short clauses are said too (“坚持大抓基层的鲜明导向”“推进以党建引领基层治理”), except
    slogans and lists of equal parts (``equal_parts``), numbered formulations and lexicon terms; the
    run ends at a quote ending in 。, ！ or ？ (the next quote opens the writer's sentence). Build files:
    37 dropped, all speech, 3 arguable (tools/extract_precision_i.txt; formulation_precision2.txt).

    >>> text = "强调：“坚持大抓基层的鲜明导向”“把基层党组织建设成为有效实现党的领导的坚强战斗堡垒”"
    >>> sorted(_said_runs(text, find_quotes(text), 40))
    [4, 17]
    """
    said: set[int] = set()
    for run in quote_runs(text, quotes):
        contents = [text[q.start : q.end] for q in run]
        found = _ATTRIBUTION.search(text, max(0, run[0].start - 14), run[0].start - 1)
        if len(run) < 2 or not found:
            continue
        if all(_is_phrase(c, max_chars) for c in contents) and not said_opening(text, run[0].start, found):
            continue
        for quote, content in zip(run, contents, strict=True):
            key = formulation_key(content)
            if not (equal_parts(key) or is_numbered(key) or key in _lexicon_terms()):
                said.add(quote.start)
            if content.endswith(_SENTENCE_ENDS):
                break  # the next quote opens the writer's own sentence (“…。”“天下一家”是…)
    return said


# A quote ending in one of these closes the sentence the verb of saying opened.
_SENTENCE_ENDS = ("。", "！", "？", "…")


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
    quotes = [q for q in find_quotes(text, recovery, max_recovered_chars) if q.mark != _TITLE_PAIR[0]]
    voiced = _voiced(text, quotes, max_chars)
    said_runs, topics = _said_runs(text, quotes, max_chars) | listed_voices(text, quotes), topic_quotes(text)
    for quote in quotes:
        # a slogan a banner names (拉起横幅“…！”), or a verse couplet: its final mark dropped
        banner = banner_slogan(text, quote.start, quote.end, max_chars)
        content = banner or _verse(text[quote.start : quote.end])
        key = formulation_key(content)
        # a quote alone on its line is a heading; a verse couplet (content shortened) may stand alone
        heading = content == text[quote.start : quote.end] and _quoted_heading(text, quote, key)
        topical = quote.start in topics and _named_by_noun(text, quote, content, key, max_chars, framed=True)
        # 对“…”作出部署 names a topic; otherwise quotes a verb of saying or exclaiming introduces
        speech = (
            content == text[quote.start : quote.end]
            and not topical
            and (
                _attributed(text, quote, key)
                or (quote.start in voiced and "，" in content)
                or directive(key) or particle_ending(key) or perfective_clause(key)
                or quote.start in said_runs
                or said_outright(text, quote.start, quote.end, key, _ATTRIBUTION)
                or exclaimed(text, quote.start, quote.end)
                or said_later(text, quote.start, quote.end, key)
                or locative_fragment(text, quote.start, key)
            )
            and not banner
        )
        named = bool(banner) or topical or _named_by_noun(text, quote, content, key, max_chars)
        if (_is_phrase(content, max_chars) or named) and not heading and not speech:
            add(quote.start, quote.start + len(content), True, quote.recovered)
            quoted_spans.append((quote.start, quote.start + len(content)))
    for start, end in unquoted_numbered(text):
        add(start, end, False, False)
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
    max_chars: int = 40,
    max_recovered_chars: int = 8,
    context_chars: int = 10,
    *,
    recovery: Iterable[str] | None = None,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Formulations of every article (see ``find_formulations``), one row per mention.

    ``lexicon`` defaults to ``default_lexicon(articles)``: the curated numbered formulations plus
    those quoted anywhere in ``articles``. Recovering quotes lost in scraping uses ``recovery``,
    by default the lexicon and every phrase quoted anywhere in ``articles`` (面子工程 quoted in
    one article repairs 的面子工程”“ in another).

    ``cache_dir``: each article's rows are kept there (``textkit.memo.cached_per_article``)
    under the content of its row and the lexicon and recovery phrases that occur in its text
    (the only ones that can change its rows), so a corpus with one new file extracts the new
    articles, and the others again only when a phrase first quoted in the new file occurs in
    them; the whole table is kept too (``cached_table``). The table does not depend on it.

    Columns: ``FORMULATION_COLUMNS`` (``doc_id, article_no, start, end, formulation, match, kind,
    quoted, recovered, context``); ``formulation`` is the counting key (inner quote marks removed).
    """
    if cache_dir is not None:
        from textkit.memo import cached_table

        return cached_table(
            cache_dir, _formulations_by_article, articles, lexicon, max_chars, max_recovered_chars,
            context_chars, recovery=recovery,
        )
    return _formulations(articles, lexicon, max_chars, max_recovered_chars, context_chars, recovery, None)


def _formulations_by_article(
    articles: pd.DataFrame | str,
    lexicon: Iterable[str] | None = None,
    max_chars: int = 40,
    max_recovered_chars: int = 8,
    context_chars: int = 10,
    *,
    recovery: Iterable[str] | None = None,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """``extract_formulations``'s table with each article's rows kept in ``cache_dir``: what
    ``cached_table`` computes when the whole table is not kept yet (a corpus with a new file)."""
    options = (max_chars, max_recovered_chars, context_chars)
    return _formulations(articles, lexicon, *options, recovery, cache_dir)


def _formulations(articles, lexicon, max_chars, max_recovered_chars, context_chars, recovery, cache_dir):
    table = _as_articles(articles)
    if lexicon is None or recovery is None:
        quoted = _quoted_keys(table, max_chars, cache_dir)
        known = (
            _curated_lexicon() | {k for k in quoted if _lexicon_shaped(k)}
            if lexicon is None
            else frozenset(lexicon)
        )
        recovery = known | quoted if recovery is None else frozenset(recovery)
    else:
        known, recovery = frozenset(lexicon), frozenset(recovery)
    if cache_dir is not None:
        from textkit.memo import cached_per_article

        return cached_per_article(
            cache_dir,
            extract_formulations,
            table,
            dependencies=_phrases_in(table, known, recovery, cache_dir),
            unkeyed={"lexicon": known, "recovery": recovery},
            max_chars=max_chars,
            max_recovered_chars=max_recovered_chars,
            context_chars=context_chars,
        )
    rows = []
    for doc_id, article_no, text in _iter_texts(table):
        for row in _formulation_rows(text, known, recovery, max_chars, max_recovered_chars, context_chars):
            rows.append({"doc_id": doc_id, "article_no": article_no, **row})
    return _table(rows, FORMULATION_COLUMNS).astype({"quoted": bool, "recovered": bool})


def _phrases_in(
    table: pd.DataFrame,
    known: frozenset[str],
    recovery: frozenset[str],
    cache_dir: str | os.PathLike | None = None,
) -> list[str]:
    """Per article, the phrases of ``recovery`` (a superset of ``known``) that occur in its text,
    each marked as in ``known`` or not: all an article's formulation rows depend on besides its text.

    ``cache_dir``: each article's answer is kept there by its text and the digest of the marked
    phrase set (namespace ``phrases-<code_version>``), so a rerun with the same phrases scans no
    text (the scan took over 2 s on 4,500 articles); a new phrase anywhere is a new set: all
    texts are scanned again."""
    phrases = sorted(recovery | known)
    texts = [text for _, _, text in _iter_texts(table)]
    if not phrases:
        return [""] * len(texts)
    cache = namespace = None
    stored: dict[str, str] = {}
    keys = [""] * len(texts)
    if cache_dir is not None:
        from textkit.cache import ParquetCache, code_version

        digest = hashlib.sha256()
        for phrase in phrases:
            mark = "k" if phrase in known else "r"
            digest.update(f"{mark}{phrase}\0".encode("utf-8", "surrogatepass"))
        marked = digest.hexdigest()[:32]
        keys = [f"{marked}-{text_sha256(text, 'surrogatepass')}" for text in texts]
        cache = ParquetCache(cache_dir)
        namespace = "phrases-" + code_version("textkit.extract.formulations", packages=("pyahocorasick",))
        stored = cache.get_many(namespace, list(dict.fromkeys(keys)))
    automaton = None
    found, fresh = [], {}
    for key, text in zip(keys, texts, strict=True):
        if key in stored:
            found.append(stored[key])
            continue
        if automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for phrase in phrases:
                automaton.add_word(phrase, phrase)
            automaton.make_automaton()
        present = sorted({phrase for _, phrase in automaton.iter(text)})
        found.append("\x1f".join(("k" if p in known else "r") + p for p in present))
        fresh[key] = found[-1]
    if cache is not None:
        cache.put_many(namespace, fresh)
    return found


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
