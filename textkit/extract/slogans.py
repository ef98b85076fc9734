"""Stage 6 — extract, formulations: signs around a quote that tell a slogan or a name from speech,
for ``textkit.extract.formulations``. The words are roles ``banner``, ``not_modal`` and ``exclaim``
of ``data/quote_namers.tsv``.

- a banner or slogan named by the noun before it is a formulation whatever its clauses
  (拉起横幅“驰重庆，扑山火，云南人民有情有义！”: ``banner_slogan``);
- a quote opening with the modal 要 is a directive or a wish someone voiced (强调“要养成俭朴之风”),
  not a name (``directive``);
- a quote, or a run of quotes, that 对 … 作出 makes the topic of a decision or a speech names
  that topic, however long its clauses (对“…，…”作出重要部署: ``topic_quotes``; 2 build quotes,
  both tasks of the report);
- a quote that ends its clause after a verb of exclaiming is what someone exclaimed (感慨“真带劲”。:
  ``exclaimed``); after a verb of saying and its ， or ：, such a quote of more than 8 characters
  is what someone said (表示，“今天是一个重要的里程碑”。: ``said_outright``);
- a clause of 9+ characters with a verb and the perfective 了 inside reports what happened
  (“中国为世界和平发展提供了中国方案”: ``perfective_clause``);
- the name of an event or an exhibition with its subtitle after a dash (“丹青艺事越千年——天津博物馆藏
  宋元明清绘画精品展”) is a name up to 40 characters (``subtitled``).

>>> banner_slogan("拉起横幅“驰重庆，扑山火，云南人民有情有义！”", 5, 21, 40)
'驰重庆，扑山火，云南人民有情有义'
>>> directive("要养成俭朴之风"), directive("要素跟着项目走")
(True, False)
"""

from __future__ import annotations

import re
from functools import cache

from textkit._jieba import plain_tokenizer
from textkit._jieba_dict import dictionary_path
from textkit.datafiles import read_tsv
from textkit.extract._common import _CLAUSE_MARKS
from textkit.extract.numbered import _tagged_words
from textkit.extract.quotes import Quote, formulation_key

# The marks a banner's clauses may be joined by (and its final mark, dropped).
_BANNER_MARKS = frozenset("，、！。!")
_BANNER_ENDS = ("！", "。", "!")


@cache
def _words(role: str) -> tuple[str, ...]:
    return tuple(row["word"] for row in read_tsv("quote_namers.tsv") if row["role"] == role)


def banner_slogan(text: str, start: int, end: int, max_chars: int) -> str:
    """The slogan a quote ``text[start:end]`` (its content, marks excluded) names when a noun of
    role ``banner`` stands right before its opening mark, or ``""``.

    The content may have ， 、 ！ 。 between its clauses but not ： ； ？ (a dialogue), and at most
    ``max_chars`` characters; its final ！ or 。 is dropped, as a couplet's 。 is. On the build
    files of rmrb-2023-07-08 this adds one quote (高喊口号“太平洋是我们的家！拒绝核污染！”), the
    quotes after these nouns otherwise passing as phrases already.

    >>> banner_slogan("他说“驰重庆，扑山火，云南人民有情有义！”", 3, 19, 40)
    ''
    """
    if not (text.endswith(_words("banner"), 0, start - 1) or proverb_quoted(text, start)):
        return ""
    content = text[start:end]
    body = content[:-1] if content.endswith(_BANNER_ENDS) else content
    if not body or not _CLAUSE_MARKS.intersection(body) <= _BANNER_MARKS:
        return ""
    return body if 2 <= len(formulation_key(body)) <= max_chars else ""


def proverb_quoted(text: str, start: int) -> bool:
    """Whether a noun of role ``proverb`` (谚语, 俗话, 古人 …) introduces the quote opening at
    ``start``, maybe with a verb of saying of up to 3 characters and ， or ： between (非洲有句谚语说，
    “独行快，众行远。”; 古人云：“…”): a saying, which ``banner_slogan`` keeps as a name, its final
    。 dropped, however its clauses are shaped, and never as speech. On the build files of
    rmrb-2023-07-08 this adds 2 quotes, both classical maxims (古人云：“治天下者以史为鉴，治郡国者以志为
    鉴。”; tools/extract_precision_j.txt).

    >>> proverb_quoted("非洲有句谚语说，“独行快，众行远。”", 9), proverb_quoted("他说，“独行快。”", 4)
    (True, False)
    """
    return bool(_proverb_pattern().search(text, max(0, start - 12), start - 1))


@cache
def _proverb_pattern() -> re.Pattern:
    nouns = "|".join(map(re.escape, _words("proverb")))
    return re.compile(rf"(?:{nouns})[^，。！？；：“”‘’\n]{{0,3}}[，：]?$")


def directive(key: str) -> bool:
    """Whether a quoted phrase opens with the modal 要: a directive or wish someone voiced (强调“要
    养成俭朴之风”, 指出“要及时科学解答时代新课题”, “要像哥哥一样在赛场上拿冠军”), not a name,
    unless it opens with a word of role ``not_modal`` (要素, 要我: “要我学”为“我要学”) or is a
    slogan of equally long parts (要想富，先修路). On the build files of rmrb-2023-07-08 this
    drops 27 quotes, all speech (tools/extract_precision_h.txt).

    >>> directive("要想富，先修路"), directive("要我创新"), directive("要及时科学解答时代新课题")
    (False, False, True)
    """
    if not key.startswith("要") or key.startswith(_words("not_modal")):
        return False
    parts = re.split("[，、]", key)
    return not (len(parts) > 1 and len({len(part) for part in parts}) == 1)


# The verbs that direct (强调, 要求, 指出, maybe with 要) right before a quote's opening mark.
_DIRECTING = re.compile("(?:强调|要求|指出)要?$")
# A directive quoted after them longer than a scare-quoted word and up to formulations'
# MAX_PART_CHARS (12; longer ones are formulations._attributed's whatever their first word).
MIN_DIRECTED_CHARS = 9
MAX_DIRECTED_CHARS = 12


def directed(text: str, start: int, key: str) -> bool:
    """Whether the quote opening at ``start`` is a directive of 9 to 12 characters right after 强调,
    要求 or 指出 (maybe with 要): its first word (jieba's default dictionary, HMM off) is a verb or an
    adverb there (``v``, ``vd``, ``d``, ``ad``: 会议强调“推动建设生育友好型社会”, 强调要“真正成为政治上
    的明白人”), what a meeting or a speaker directed, not a name; a quote opening with a noun is a
    principle or a label so quoted (强调“村里的事情大家商量着办”) and stays, and so does a slogan of
    equal parts. On the build files of rmrb-2023-07-08 this drops 10 quotes, all directives and
    statements (tools/formulation_precision4.txt).

    >>> directed("会议强调“推动建设生育友好型社会”。", 5, "推动建设生育友好型社会")
    True
    >>> directed("调研时，强调“村里的事情大家商量着办”，", 7, "村里的事情大家商量着办")
    False
    """
    if not MIN_DIRECTED_CHARS <= len(key) <= MAX_DIRECTED_CHARS or equal_parts(key):
        return False
    if not _DIRECTING.search(text, max(0, start - 4), start - 1):
        return False
    return plain_tokenizer().lcut(key, HMM=False)[0] in _verbs_and_adverbs()


@cache
def _verbs_and_adverbs() -> frozenset[str]:
    """Words of one or two characters that jieba's dictionary tags as verbs or adverbs (v, vd, d,
    ad): 推动, 坚持, 切实, 真正 … (about 14,000; the words of other tags are not kept)."""
    found = set()
    with dictionary_path().open("rb") as lines:
        for line in lines:
            parts = line.decode("utf-8").split()
            if len(parts) == 3 and parts[2] in ("v", "vd", "d", "ad") and len(parts[0]) <= 2:
                found.add(parts[0])
    return frozenset(found)


# Sentence-final particles (语气词): a quote ending in one is a voice, not a name, once it is longer
# than a scare-quoted word (“病了”, “子弟兵来了”, “太萌了”).
_FINAL_PARTICLES = ("了", "吗", "呢", "吧", "啊", "呀", "嘛", "啦")
MIN_PARTICLE_SPEECH_CHARS = 7


def particle_ending(key: str) -> bool:
    """Whether a quoted phrase of at least ``MIN_PARTICLE_SPEECH_CHARS`` (7) characters ends in a
    sentence-final particle (了, 吗, 呢, 吧, 啊 …): what someone said (“解决群众矛盾纠纷的办法更多了”,
    “超时了行不行啊”, “原来这就是洛阳铲呀”), not a name; shorter ones are scare-quoted words or
    labels (“病了”, “案结事了”, “狼来了”), and a slogan of equal parts stays (决不把领土守小了，决不把
    主权守丢了). On the build files of rmrb-2023-07-08 this drops 9 quotes, all speech
    (tools/formulation_precision2.txt).

    >>> particle_ending("解决群众矛盾纠纷的办法更多了"), particle_ending("案结事了")
    (True, False)
    >>> particle_ending("决不把领土守小了，决不把主权守丢了")
    False
    """
    return len(key) >= MIN_PARTICLE_SPEECH_CHARS and key.endswith(_FINAL_PARTICLES) and not equal_parts(key)


# A clause longer than a slogan's part (formulations' MAX_FREE_PART_CHARS, 8) in which the
# perfective 了 follows a verb reports what happened: a statement, not a name.
MIN_PERFECTIVE_CLAUSE_CHARS = 9


def perfective_clause(key: str) -> bool:
    """Whether a quoted phrase with no ， holds a clause (a part between 、 marks, or the whole) of
    at least ``MIN_PERFECTIVE_CLAUSE_CHARS`` (9) characters in which jieba's default dictionary
    cuts 了 as a word of its own inside it, not at its end (``particle_ending``'s case): a verb
    with the perfective 了 and its object, what someone said happened (“中国为世界和平发展提供了中国
    方案”, “八〇后、九〇后年轻人已经占到了百分之二十”), not a name; short scare quotes (“站住了脚”,
    “进了城”), lists of short items (“干不了、干不好、干了不划算”) and words holding the character
    (了解, 为了, 案结事了) stay. On the build files of rmrb-2023-07-08 this drops 22 quotes, 19 of
    them speech (tools/formulation_precision3.txt).

    >>> perfective_clause("八〇后、九〇后年轻人已经占到了百分之二十"), perfective_clause("站住了脚")
    (True, False)
    >>> perfective_clause("干不了、干不好、干了不划算"), perfective_clause("为了人民的美好生活而奋斗")
    (False, False)
    """
    if "了" not in key or "，" in key:
        return False
    for part in key.split("、"):
        if len(part) < MIN_PERFECTIVE_CLAUSE_CHARS or "了" not in part:
            continue
        words = plain_tokenizer().lcut(part, HMM=False)
        if any(word == "了" for word in words[1:-1]):
            return True
    return False


# Words of talk that a voice uses and a name rarely does: modal verbs, wishes, adverbs of degree and
# question words (可以, 需要, 希望, 很, 没想到, 什么, 如何, 能不能 …).
_TALK = re.compile(
    "可以|需要|应该|不宜|最好|建议|希望|争取|就能|才能|不能|能否|能不能|有没有|是不是|很|真的|这么|没想到"
    "|什么|如何|多少|怎么"
)
MIN_VOICE_CHARS = 7


def listed_voices(text: str, quotes: list[Quote]) -> set[int]:
    """Starts of the quotes of a run of two or more that ends in …… (“…”“…”……, a string of what
    people said, asked or suggested) that hold a word of talk (``_TALK``) and have at least
    ``MIN_VOICE_CHARS`` (7) characters, unless a slogan of equal parts: “庄稼能不能浇上水”“地里有没有套种
    豆子”……, “同步性还可以做得更好”……; names, lines of verse and slogans in such runs have no such
    word (“兰生深山中，馥馥吐幽香”, “喜乐长安中国年”). On the build files of rmrb-2023-07-08 this
    drops 26 quotes: 24 voices, 2 titles of lectures (“物理学研究什么”; tools/formulation_precision2.txt).

    >>> from textkit.extract.quotes import find_quotes
    >>> text = "“庄稼能不能浇上水”“地里有没有套种豆子”“家里几口人出去打工”……总书记问得很细"
    >>> sorted(listed_voices(text, find_quotes(text)))
    [1, 11]
    """
    starts: set[int] = set()
    for run in quote_runs(text, quotes):
        if len(run) < 2 or not text.startswith("……", run[-1].end + 1):
            continue
        for quote in run:
            key = formulation_key(text[quote.start : quote.end])
            if len(key) >= MIN_VOICE_CHARS and _TALK.search(key) and not equal_parts(key):
                starts.add(quote.start)
    return starts


def quote_runs(text: str, quotes: list[Quote]) -> list[list[Quote]]:
    """Quotes written back to back (“…”“…”“…”) as runs, in order; a quote inside a quote (盯着‘群’)
    neither joins nor breaks a run.

    >>> from textkit.extract.quotes import find_quotes
    >>> text = "强调：“甲乙”“丙丁”。又说“戊己”"
    >>> [[text[q.start : q.end] for q in run] for run in quote_runs(text, find_quotes(text))]
    [['甲乙', '丙丁'], ['戊己']]
    """
    runs: list[list[Quote]] = []
    for quote in quotes:
        if runs and runs[-1][-1].start <= quote.start and quote.end <= runs[-1][-1].end:
            continue
        if runs and runs[-1][-1].end + 2 == quote.start:  # ” then “: back to back
            runs[-1].append(quote)
        else:
            runs.append([quote])
    return runs


def equal_parts(key: str) -> bool:
    """Whether a quote of several parts is a slogan or a list by its shape: parts joined by ， or
    、 all equally long (江山就是人民，人民就是江山), or three or more joined by 、 alone whose lengths
    differ by at most one (一体化大市场、多层次大流通、陆海空大联通、文化大交流).

    >>> equal_parts("基础不牢，地动山摇"), equal_parts("坚持大抓基层的鲜明导向")
    (True, False)
    """
    parts = re.split("[，、]", key)
    lengths = {len(part) for part in parts}
    near_list = "，" not in key and len(parts) >= 3 and max(lengths) - min(lengths) <= 1
    return len(parts) > 1 and (len(lengths) == 1 or near_list)


# 对, then one quote or a run of quotes (inner ‘…’ allowed), then 等 maybe and the verb of a decision
# or a speech: 对“…”作出重要部署, 对“…”“…”作出部署, 对“三项治理”进行深化拓展.
_TOPIC_FRAME = re.compile("对((?:“[^“”\n]{1,60}”)+)等?(?:作出|做出|进行)")
# 作出, then a run of quotes, then 的 and a deployment (maybe 重大, 重要, 战略, 决策 before it): the
# quotes name the tasks deployed (党的二十大作出“推动绿色发展，促进人与自然和谐共生”的重大部署).
_DEPLOYED_FRAME = re.compile("(?:作出|做出)((?:“[^“”\n]{1,60}”)+)等?的(?:重大|重要|战略|决策){0,2}部署")


def topic_quotes(text: str) -> set[int]:
    """Starts of the quotes that 对 … 作出/做出/进行 frames as a topic: a task of a report (对“健全
    共建共治共享的社会治理制度，提升社会治理效能”“建设人人有责、人人尽责、人人享有的社会治理共同体”
    作出重要部署) is named there, not said, whatever the length of its clauses.

    >>> text = "对“推动绿色发展，促进人与自然和谐共生”作出战略部署"
    >>> sorted(topic_quotes(text))
    [2]

    作出“…”的重大部署 frames them the same way (``_DEPLOYED_FRAME``; on the build files of
    rmrb-2023-07-08, 3 quotes of the report's task added, all right; tools/claims_audit.txt):

    >>> sorted(topic_quotes("党的二十大作出“推动绿色发展，促进人与自然和谐共生”的重大部署"))
    [8]
    """
    starts = set()
    for found in (*_TOPIC_FRAME.finditer(text), *_DEPLOYED_FRAME.finditer(text)):
        at = found.start(1)
        for quote in re.finditer("“([^“”\n]*)”", found.group(1)):
            starts.add(at + quote.start(1))
    return starts


# What may follow a quote that ends its clause: a mark ending the clause, the next quote of a run,
# or the end of the line (not a noun or a verb: “一支队伍管执法”改革, “读图时代”的到来).
_CLAUSE_END_AFTER = frozenset("。，；！？“\n")
# More than this many characters, a quote that ends its clause after a verb of saying and its mark
# is speech (“今天是一个重要的里程碑”); up to it, the report's phrases (“加快建设制造强国”) and
# sayings (“独行快，众行远”) so quoted are kept as names.
MAX_SAID_NAME_CHARS = 8


def _ends_clause(text: str, end: int) -> bool:
    """Whether the quote whose content ends at ``end`` (its closing mark there) ends its clause."""
    return text[end + 1 : end + 2] in _CLAUSE_END_AFTER or end + 1 >= len(text)


def exclaimed(text: str, start: int, end: int) -> bool:
    """Whether the quote ``text[start:end]`` is an exclamation: a verb of role ``exclaim`` (感慨,
    感叹, 直呼 …), maybe with 道 and a mark, right before it, and the quote ends its clause. On the
    build files of rmrb-2023-07-08 this drops 2 quotes, both exclaimed (tools/extract_precision_i.txt);
    quotes after these verbs that go on into the sentence are names (感叹“读图时代”的到来).

    >>> exclaimed("参观后都感慨“真带劲”。", 7, 10), exclaimed("出版界感叹“读图时代”的到来", 6, 10)
    (True, False)
    """
    before = re.sub("道?[，：]?$", "", text[max(0, start - 6) : start - 1])
    return before.endswith(_words("exclaim")) and _ends_clause(text, end)


def said_outright(text: str, start: int, end: int, key: str, attribution: re.Pattern) -> bool:
    """Whether a quote of more than ``MAX_SAID_NAME_CHARS`` characters right after a verb of saying
    and its ， or ： (``attribution``: 在声明中表示，“…”) ends its clause: what someone said, unless
    a slogan or list of equal parts. On the build files of rmrb-2023-07-08 (quotes up to 12
    characters: longer ones are ``formulations._attributed``'s) this drops 19 quotes (7 of them in
    a run of quotes ``formulations._said_runs`` drops too), 18 read as speech, 1 a classical saying
    (《周易》中说：“地势坤，君子以厚德载物”; tools/extract_precision_i.txt).

    >>> from textkit.extract.formulations import _ATTRIBUTION
    >>> text = "在声明中表示，“今天是一个重要的里程碑”。"
    >>> said_outright(text, 8, 19, text[8:19], _ATTRIBUTION)
    True
    """
    if len(key) <= MAX_SAID_NAME_CHARS or text[start - 2 : start - 1] not in ("，", "："):
        return False
    if not attribution.search(text, max(0, start - 14), start - 1):
        return False
    return _ends_clause(text, end) and not equal_parts(key)


def said_opening(text: str, start: int, found: re.Match) -> bool:
    """Whether the quote opening at ``start`` follows a verb of saying and its ， or ： right before
    its mark (``found``: ``formulations._ATTRIBUTION``'s match before it: 网友表示：“…”, 报告提出：
    “…”“…”): a run of quotes so introduced is voices
    or a text's provisions, each quote said however short (“点赞这样的球迷文化”“充满正能量”). Not when
    the verb is inside a set phrase of jieba's dictionary (说走就走，“沿着高速看中国”“坐着高铁看中国”
    names two slogans). On the build files of rmrb-2023-07-08 this drops 21 quotes of such runs, all
    statements, directives and provisions (tools/formulation_precision2.txt).

    >>> from textkit.extract.formulations import _ATTRIBUTION
    >>> text = "很多网友表示：“点赞这样的球迷文化”“充满正能量”"
    >>> said_opening(text, 8, _ATTRIBUTION.search(text, 0, 7))
    True
    >>> text = "美好出行说走就走，“沿着高速看中国”“坐着高铁看中国”"
    >>> said_opening(text, 10, _ATTRIBUTION.search(text, 0, 9))
    False
    """
    if text[start - 2 : start - 1] not in ("，", "："):
        return False
    verb = found.start()
    pieces = (text[a:b] for a in range(max(0, verb - 3), verb + 1) for b in range(verb + 2, a + 8))
    return not any(piece in _set_phrases() for piece in pieces)


@cache
def _set_phrases() -> frozenset[str]:
    """Idioms (``i``) and set phrases (``l``) of jieba's dictionary: 说走就走, 说三道四 …"""
    tagged = _tagged_words()
    return tagged.get("i", frozenset()) | tagged.get("l", frozenset())


# A dash between a name and its subtitle (真理之光——马克思主义中国化时代化经典版本展).
_SUBTITLE_DASH = "——"
MAX_TITLE_PART_CHARS = 20


def subtitled(key: str) -> bool:
    """Whether a quote without clause marks is a name and its subtitle joined by one dash, each
    part of 2 to ``MAX_TITLE_PART_CHARS`` (20) characters: the name of an exhibition, a forum or an
    activity (丹青艺事越千年——天津博物馆藏宋元明清绘画精品展), however long in all. On the build files
    of rmrb-2023-07-08 this adds 21 quotes, all names of exhibitions, forums' themes, activities
    and a rally (tools/extract_precision_i.txt).

    >>> subtitled("丹青艺事越千年——天津博物馆藏宋元明清绘画精品展"), subtitled("稍息——立正！")
    (True, False)
    """
    parts = key.split(_SUBTITLE_DASH)
    if len(parts) != 2 or _CLAUSE_MARKS.intersection(key):
        return False
    return all(2 <= len(part) <= MAX_TITLE_PART_CHARS for part in parts)


# Verbs that introduce what someone said, asked for or wrote (习近平总书记强调“…”, 寄望他们“…”).
SPEECH_VERBS = (
    "强调|指出|要求|寄望|期望|希望|鼓励|叮嘱|嘱咐|嘱托|勉励|号召|指示|表示|认为|提出|说道|说"
    "|坦言|直言|感慨|寄语"
)
# Verbs that open a report of what someone said, only before their ， or ： (社论称，…; 警告，…;
# 据媒体报道，…); 称 not as a noun (号称, 简称, 昵称, 俗称, 泛称, 统称, 人称) nor in 堪称
# (tools/formulation_precision4.txt).
REPORTING_VERBS = "(?<![堪号简昵俗人泛统])称|警告|介绍|透露|评价道|回应|呼吁|写道|告诉记者|报道"
# A verb of saying and its ， or ：, opening what the sentence goes on to report (武汉琦说，…); not
# 来说 (就拿…来说，对…来说: "as for", a topic, not a speaker).
_SAID_OPENING = re.compile(rf"(?<!来)(?:{SPEECH_VERBS}|{REPORTING_VERBS})[，：]")
_SENTENCE_MARKS = re.compile("[。！？\n]")


def said_later(text: str, start: int, end: int, key: str) -> bool:
    """Whether a quote of clauses (a ， inside, more than ``MAX_SAID_NAME_CHARS`` characters, not of
    equal parts) closes a sentence that a verb of saying and its ， opened earlier: the speaker's
    words go on from reported to quoted (董事长武汉琦说，需求火热、订单充足，关键设备满负荷运行，“下半年要
    乘势而上，开启新的‘加速跑’”。), so the quote is what was said. On the build files of
    rmrb-2023-07-08 this drops 5 quotes, 4 speech and 1 a classical passage quoted after 认为
    (《黄帝内经》认为，“夏三月”应该“夜卧早起，…”; tools/extract_precision_j.txt).

    A quote of one clause is said the same way when it is a whole clause of the sentence, right
    after its ， (教授认为，考虑到…，“中国已是世界创新发展的重要一极”。); within a clause of the writer's
    (表示，将推进“…”。) it may name what the speaker spoke of (tools/formulation_precision4.txt).

    >>> text = "董事长说，订单充足，“下半年要乘势而上，开启新的加速跑”。"
    >>> said_later(text, 11, 27, text[11:27]), said_later("他说，“独行快，众行远”。", 4, 11, "独行快，众行远")
    (True, False)
    >>> text = "教授认为，考虑到环境，“中国已是世界创新发展的重要一极”。"
    >>> said_later(text, 12, 27, text[12:27])
    True
    >>> said_later("他表示，将建“城市建设者管理者之家”。", 7, 17, "城市建设者管理者之家")
    False
    """
    if len(key) <= MAX_SAID_NAME_CHARS or equal_parts(key):
        return False
    if "，" not in key and text[start - 2 : start - 1] != "，":
        return False  # one clause inside a clause of the writer's (将推进“…”。) may be a name
    if text[end + 1 : end + 2] not in ("。", "！", "？", "\n", ""):
        return False
    opening = [m.end() for m in _SENTENCE_MARKS.finditer(text, 0, start - 1)]
    sentence = text[(opening[-1] if opening else 0) : start - 1]
    return bool(_SAID_OPENING.search(sentence))


# A locative phrase opened by 在 (right before the quote, or in its first characters: 处在, 走在)
# and closed by 上 or 中, with 的 inside: a piece of a sentence quoted, not a name.
_LOCATIVE = re.compile("^.{0,2}在[^，、在]*的[^，、]*[上中]$")


def locative_fragment(text: str, start: int, key: str) -> bool:
    """Whether a quote is a locative piece of a reported statement: 走在“漫长而曲折的道路上”, 令消费者
    情绪“处在很低的总体水平上” (在 … 的 … 上 or 中). Names with 在 and 的 inside end otherwise
    (“确保中国人的饭碗牢牢端在自己手中” has no 的 after 在). On the build files of rmrb-2023-07-08
    this drops 1 quote, the same OECD statement as set J's (tools/extract_precision_j.txt).

    >>> locative_fragment("正走在“漫长而曲折的道路上”。", 4, "漫长而曲折的道路上")
    True
    >>> locative_fragment("在“七下八上”", 2, "七下八上")
    False
    """
    return bool(_LOCATIVE.match(text[start - 2 : start - 1] + key))
