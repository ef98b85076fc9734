"""A class of frequent runs that the gap class's shape test stops on jieba's part-of-speech tags of
their pieces (抓/v 落实/a, 社会/n 治理/vn … as a verb phrase), chosen by a test that reads no tag,
read whole (``tools/build_lexicon.py`` adds only the members kept on reading, ``VERBS_KEEPS``).

Why (``tools/lexicon_misses.py --reasons``, 2026-12): of the 151 split campaign terms of the open
sets, 29 fail ``lexicon_gaps.term_shape`` (the tags of their pieces), 4 of them in >= 20 build
files and stopped by nothing else; the band class (``tools/lexicon_band.py``) leaves the verb-shaped
members of 15-19 files out for the same reason (``noun_cut``, tags again).

Pool (2026-12, committed tokenizer, build files): gap candidates (``lexicon_gaps.gap_candidates``)
in >= 10 build files with stable edges that a tag test stops: ``term_shape`` fails on tags only
(not a name: ``lexicon_gaps.name_shaped``), or 10-19 files and no noun-shaped cut: 3,960 runs
(2,759 and 1,201). Sample: 80 drawn with ``random.Random(13)`` from the pool sorted by term, each
read in a build-file sentence (T = a term, name or set phrase, the gap class's standard; a verb
with its object only when the pair is a fixed formula, 转变发展方式, not a verb before a term,
保障国家粮食安全): 13/80 T (0.16). Signals measured on it before building, T/selected: share of
occurrences next to a 、 >= 0.1: 7/13; the pieces also found in the reverse order (治理社会 of
社会治理; ``order_signals``) >= 2 times: 5/7, >= 1: 7/12; quoted >= 0.05: 3/11; after 的 >= 0.05:
6/18; after 以/把/将/坚持/推进/推动/实现/加强/落实 >= 0.1: 3/8; branching entropy >= 1.5 bits:
13/58; PMI >= 10: 4/19; bounded on both sides >= 0.5: 3/20; a piece owned (>= 0.3 of its
occurrences in the run): 2/6; the first piece ending a clause in >= 0.15 of its occurrences (no
adverb does): 7/30; pieces rarely parted by one or two characters (<= 0.05): 6/36. Kept: list
share >= ``VERBS_MIN_LIST`` or reversed >= ``VERBS_MIN_REVERSED``, with entropy >= ``VERBS_MIN_ENTROPY``:
8/12 (0.67) of the sample, 8 of its 13 terms.

Batch 1, read whole (127 members in >= ``VERBS_MIN_DOCS`` build files with the committed
tokenizer, not counting members an earlier review rejected, read in order of build files): 23 T
(0.18, the pool's rate): the order signal's precision on the sample did not hold on the frequent
runs (adverb + verb such as 加快建设, 持续增强 stand in 、-lists as often as terms do). Build:
21 added (社会治理, 抓落实, 产业振兴, 沉浸式); campaign terms whole, open sets A-H 618 -> 620/764
(产业振兴, 抓落实; none lost), blind set I 78/119 both; SIGHAN pku F1 (the notebooks' tokenizer)
0.811198 -> 0.811151.

A second signal, measured after batch 1 on the sample and on batch 1's 127 readings (a second
set, read for batch 1 and not chosen by it): the share of occurrences where a noun phrase stands
(``argument_shares``: after 的, 、, “ or a light verb of ``LIGHT_VERBS``, or before 、 or ”) >=
``VERBS_MIN_ARGUMENT``: 10/17 T of the sample (0.59, 10 of its 13 terms), 13/27 of batch 1 (0.48,
13 of its 23); >= 0.2: 10/20 and 18/58; a light verb before it in >= 0.05: 6/10 and 11/25; ending
a clause (punctuation after) in >= 0.15: 9/53 and 18/79; the first piece ending a clause in
>= 0.15: 7/26 and 7/42. Batch 2, read whole: the tag-stopped runs in >= ``VERBS_ARG_MIN_DOCS``
build files with the argument signal (below 20 files also the runs the band class leaves out for a
cut that is not noun-shaped), 279 members not read before: 63 T (0.23: free modifier + noun
pairs, 重要抓手, 必然要求, stand where nouns stand too). Build: 47 more added (动荡变革期,
生态产品价值实现机制, 文化自觉, 政策协调) and 脱贫户; 17 kept on reading are left out by the build:
10 hold an entry kept before or a campaign term (防范化解风险 holds 防范化解, 转变发展方式
发展方式, 高质量发展和高水平保护的关系 高质量发展), 7 are no members at the 15-file floor (runs
of tokens in fewer files, 专项治理 in 12 of its 16; or a three-token cut whose two-token runs
are rarer, 大道|之|行). Campaign terms whole A-H
620 -> 622/764 (动荡变革期, 生态产品价值实现机制; none lost), I 78 -> 80/119; pku F1 0.811151 ->
0.811107 (cityu 0.8228 both).

Batch 3, read whole: the same class in 10-14 build files (``VERBS_ARG_MIN_DOCS`` lowered from 15
to 10), 435 members not read before: 73 T (0.17). Build: 75 more added (战略自主, 产学研用, 政策沟通,
精准扶贫; among them 专项治理, 可及性, read in batch 2 and members at the lower floor); 16 kept on
reading in the three batches hold an entry kept before or a campaign term and are left out
(防范化解风险: 防范化解, 自我革命精神: 自我革命, 文化自信自强: 文化自信). Campaign terms whole A-H
622 -> 624/764 (战略自主, 产学研用; none lost), I 80 -> 81/119; pku F1 0.811107 -> 0.811027, cityu
(notebooks' tokenizer) 0.8228 -> 0.8227. The class has 1,067 members on the build's tokenizer:
every one read here or rejected by an earlier review.

Only what reading kept is added: the class is the reading (``VERBS_KEEPS``, rejects with a reason
in ``VERBS_REJECTS``); a member not read is left out and named on stderr; one holding a campaign
term, or hiding an entry kept before (``lexicon_gaps.hides_campaign_term``), is left out, as in the
band class. ``python tools/lexicon_verbs.py`` prints the class for the committed tokenizer.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VERBS_KEEPS = REPO / "tools" / "lexicon_verbs_precision.txt"
VERBS_REJECTS = REPO / "tools" / "lexicon_verbs_rejects.txt"
VERBS_MIN_DOCS = 20
VERBS_MIN_LIST = 0.1
VERBS_MIN_REVERSED = 2
VERBS_MIN_ENTROPY = 1.5
VERBS_ARG_MIN_DOCS = 10
VERBS_MIN_ARGUMENT = 0.3
# verbs that take a noun phrase or a nominalized verb as object (加强社会治理, 实现产业振兴); fixed
# before the signal was measured, from the grammar of the genre
_LIGHT = "加强 推进 推动 实现 促进 开展 深化 完善 强化 健全 坚持 落实 参与 支持 注重 重视 进行 加大 提高"
_LIGHT += " 提升 保障 创新 推行 构建 建立 形成 做好 抓好 搞好"
LIGHT_VERBS = frozenset(_LIGHT.split())


def shape_or_tags(term: str, words: list[str], pmi: float) -> str | None:
    """The gap class's shape of a run (``lexicon_gaps.term_shape``), or ``"tags"`` when that test
    rejects it for its pieces' tags alone (it is no name: ``lexicon_gaps.name_shaped``); ``None``
    for a name: the ``shape_test`` of ``gap_candidates`` for this class.

    >>> shape_or_tags("抓落实", ["抓", "落实"], 6.0), shape_or_tags("制度优势", ["制度", "优势"], 5.1)
    ('tags', 'noun')
    >>> shape_or_tags("海淀区", ["海淀", "区"], 9.0) is None
    True
    """
    import lexicon_gaps as gaps

    shape = gaps.term_shape(term, words, pmi)
    if shape or gaps.name_shaped(term, words):
        return shape
    return "tags"


def argument_shares(terms: list[str], tokenized: list[list[str]]) -> dict[str, float]:
    """For each term, the share of its occurrences in the ``tokenized`` texts that stand where a
    noun phrase stands: after 的, 、 or “, or after a token of ``LIGHT_VERBS`` (加强|社会治理), or
    before 、 or ”. A verb phrase (加快|建设 …) rarely does.

    >>> argument_shares(["社会治理"], [["加强", "社会", "治理", "，"], ["社会", "治理", "难"]])
    {'社会治理': 0.5}
    """
    from collections import defaultdict

    heads = defaultdict(list)
    for term in terms:
        heads[term[:2]].append(term)
    found = dict.fromkeys(terms, 0)
    slots = dict.fromkeys(terms, 0)
    for words in tokenized:
        joined = "".join(words)
        starts, at = {}, 0
        for index, word in enumerate(words):
            starts[at] = index
            at += len(word)
        for at in range(len(joined) - 1):
            for term in heads.get(joined[at : at + 2], ()):
                if not joined.startswith(term, at):
                    continue
                end, index = at + len(term), starts.get(at)
                before = words[index - 1] if index else ""
                found[term] += 1
                slots[term] += (
                    joined[at - 1 : at] in ("的", "、", "“")
                    or before in LIGHT_VERBS
                    or joined[end : end + 1] in ("、", "”")
                )
    return {term: slots[term] / found[term] if found[term] else 0.0 for term in terms}


def order_signals(term: str, words: list[str], joined: str) -> tuple[float, int]:
    """The share of ``term``'s occurrences in ``joined`` with a 、 just before or after it, and how
    often its pieces are written in the reverse order.

    >>> order_signals("社会治理", ["社会", "治理"], "社会治理、基层治理；创新社会治理，治理社会")
    (0.5, 1)
    """
    found = listed = 0
    for match in re.finditer(re.escape(term), joined):
        start, end = match.span()
        found += 1
        listed += joined[start - 1 : start] == "、" or joined[end : end + 1] == "、"
    return (listed / found if found else 0.0), joined.count("".join(reversed(words)))


def verbs_class(texts: list[str], tokenized: list[list[str]]):
    """Every member (see the module's docstring): ``GapStats`` of the runs in ``VERBS_ARG_MIN_DOCS``+
    build files with stable edges that a tag test stops (``shape_or_tags`` gives ``"tags"``, or
    below ``GAP_MIN_DOCS`` files the cut is not noun-shaped: ``lexicon_band.noun_cut``), with the
    order signal (``VERBS_MIN_DOCS``+ files, tag-stopped) or the argument signal."""
    import lexicon_gaps as gaps
    from lexicon_band import noun_cut
    from lexicon_filters import pos_tokenizer

    tags = pos_tokenizer().word_tag_tab
    found = gaps.gap_candidates(texts, tokenized, min_docs=VERBS_ARG_MIN_DOCS, shape_test=shape_or_tags)
    pool = [
        s
        for s in found
        if gaps.stable_edges(s)
        and (s.shape == "tags" or (s.docs < gaps.GAP_MIN_DOCS and not noun_cut(s.cut.split(), tags)))
    ]
    shares = argument_shares([s.term for s in pool], tokenized)
    joined = "\n".join(texts)
    members = []
    for s in pool:
        ordered = False
        if (
            s.shape == "tags"
            and s.docs >= VERBS_MIN_DOCS
            and min(s.left_entropy, s.right_entropy) >= VERBS_MIN_ENTROPY
        ):
            listed, reversed_ = order_signals(s.term, s.cut.split(), joined)
            ordered = listed >= VERBS_MIN_LIST or reversed_ >= VERBS_MIN_REVERSED
        if ordered or shares[s.term] >= VERBS_MIN_ARGUMENT:
            members.append(s)
    return members


def read_keeps(path: Path = VERBS_KEEPS) -> set[str]:
    """The kept terms of the class's precision file (its lines read ``T``)."""
    from lexicon_band import read_keeps as kept

    return kept(path)


def verbs_terms(texts: list[str], rows: dict[str, str], left_out: set[str]) -> dict[str, int]:
    """The members review kept (``VERBS_KEEPS``; not the gap class's and earlier classes' rejects,
    ``left_out`` or rows, nor members holding a campaign term or hiding a row), with their build
    files, for the tokenizer of the campaign lexicon and ``rows``."""
    import lexicon_gaps as gaps
    from lexicon_corpus import reviewed_terms
    from lexicon_parallel import read_rejects

    members = verbs_class(texts, gaps._tokenize(texts, rows))
    keeps, rejects = read_keeps(), read_rejects(VERBS_REJECTS)
    reviewed = set().union(*(read_rejects(path) for path in sorted(REPO.glob("tools/*rejects*.txt"))))
    unread = [s.term for s in members if s.term not in keeps | rejects | reviewed]
    print(f"verbs class: {len(members)} members; unread, left out: {' '.join(unread)}", file=sys.stderr)
    return reviewed_terms(texts, members, keeps, rows, left_out)


def main(argv: list[str] | None = None) -> int:
    """Print the class for the committed tokenizer: term, cut, build files, an occurrence."""
    sys.path.insert(0, str(REPO / "tools"))
    from lexicon_corpus import class_command_line, print_members

    texts, tokens = class_command_line(__doc__.splitlines()[0], argv)
    print_members(verbs_class(texts, tokens), texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
