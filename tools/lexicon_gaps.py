"""A gap class of policy-lexicon candidates: frequent strings that the tokenizer built so far
still cuts into pieces, read whole (``tools/build_lexicon.py`` adds every member not rejected);
and a precision pass over the assembled entries (``swallowing``).

Why the earlier classes missed them (measured on the build files with the committed tokenizer):
新征程 (365 build files), 常态化, 新业态 have three characters (the n-gram, compound, recall and
long classes start at four); 以习近平同志为核心的党中央 and 全面建设社会主义现代化国家 have 13
characters (the build's table stops at 10, the recall class at 12) and the first starts with the
function character 以 (the recall class's edge test); 全国两会 ends in 会, an organization head of
``build_lexicon.ROLE_HEADS`` (as a string test; here the head must be its own last token, 两会 is
not 会); 中小微企业 starts with 中, a stopword of suggest_terms; 政治判断力 has a right branching
entropy of 0 (always in the list 政治判断力、政治领悟力…); 制度优势 has PMI 5.1 and 19 build files
(the recall class asks 6.5 and 20); 人民群众生命财产安全, 巩固拓展脱贫攻坚成果 were in a class and
rejected on review (reconsidered here: ``GAP_KEEPS``).

Criterion (``gap_class``), all measured on the build files cut by the tokenizer the build has made
so far (campaign lexicon + every row kept before this class):

- a run of ``GAP_MIN_TOKENS`` to ``GAP_MAX_TOKENS`` consecutive Han tokens, ``GAP_MIN_CHARS`` to
  ``GAP_MAX_CHARS`` characters, in at least ``GAP_MIN_DOCS`` build files (7 tokens: 以|习近平|同志|
  为|核心|的|党中央);
- cut: in at least ``GAP_MIN_CUT_SHARE`` of its occurrences in the text it is such a run (its
  edges are token edges and it is not one token);
- cohesive: the PMI of its weakest cut between two of its tokens >= ``GAP_MIN_PMI``; branching
  entropy >= ``GAP_MIN_ENTROPY`` bits on both sides, or bounded by a non-Han or function character
  (``BOUND``) on both sides in at least ``GAP_MIN_BOUNDED`` of its occurrences;
- a term's shape (``term_shape``, ``edge_ok``): no one-character function word (``EDGE_FUNCTION``)
  or stopword as an edge token unless the rest of the string comes with it in at least
  ``GAP_EDGE_OWNED`` of the rest's occurrences (以 of 以习近平同志为核心的党中央), no clause token
  inside (``CLAUSE_TOKENS``); noun-headed with a first word that is not a verb, adverb, function
  word, numeral or measure word, or a set phrase (PMI >= ``GAP_SET_PMI``), or a long formula
  (>= ``GAP_LONG_CHARS`` characters, PMI >= ``GAP_LONG_PMI``); not a name (an office or
  organization head as its own last token, a number or measure first, a place inside).

``GAP_MIN_DOCS`` by measurement on the build files (members at PMI >= 5 and the neighbour test of
entropy >= 1 bit or bounded >= half): 10,498 in >= 5 files, 3,540 in >= 10, 1,046 in >= 20, 482 in
>= 30; 30 is what could be read whole in the first round, 20 in the second (2026-12: 931 members;
the 479 new ones read; lower it and read the new members to go on).
Every member was read in order of build files: rejects with a reason in ``GAP_REJECTS``; members
an earlier review rejected are rejected again unless ``GAP_KEEPS`` lists them.
``python tools/lexicon_gaps.py`` prints the class for the committed tokenizer with its statistics.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GAP_REJECTS = REPO / "tools" / "lexicon_gap_rejects.txt"
GAP_KEEPS = REPO / "tools" / "lexicon_gap_keeps.txt"

GAP_MIN_TOKENS = 2
GAP_MAX_TOKENS = 7
GAP_MIN_CHARS = 3
GAP_MAX_CHARS = 14
GAP_MIN_DOCS = 20
GAP_MIN_CUT_SHARE = 0.5
GAP_MIN_PMI = 5.0
GAP_MIN_BOUNDED = 0.5
GAP_MIN_ENTROPY = 1.0
GAP_EDGE_OWNED = 0.8

_HAN = re.compile(r"[\u4e00-\u9fd5]+")
EDGE_FUNCTION = frozenset(
    "的地得了着过和与及或在是等也而之把被从对向于以其这那此各每有无不没很更都就还又再才已将要并为让使给"
)
BOUND = frozenset("的地得了着过和与及或在是等也而之把被从对向于以其并为将要")
CLAUSE_TOKENS = frozenset(
    [
        "了",
        "着",
        "过",
        "是",
        "把",
        "被",
        "将",
        "也",
        "都",
        "就",
        "还",
        "又",
        "再",
        "才",
        "已",
        "不",
        "没",
        "要",
        "让",
        "使",
    ]
)


@dataclass(frozen=True)
class GapStats:
    """A candidate's measures on the build files."""

    term: str
    cut: str  # its most frequent cut into tokens, space-separated
    docs: int  # build files with the string in the text
    run_docs: int  # build files with it as a run of tokens
    in_text: int  # occurrences of the string in the text
    as_run: int  # occurrences as a run of 2+ tokens
    pmi: float  # of the weakest cut between its tokens
    bounded: float  # share of occurrences bounded on both sides
    left_entropy: float
    right_entropy: float
    shape: str = ""

    @property
    def cut_share(self) -> float:
        return self.as_run / self.in_text if self.in_text else 0.0


def token_runs(
    tokenized: list[list[str]], min_docs: int = GAP_MIN_DOCS
) -> dict[str, tuple[Counter, set[int], int]]:
    """Runs of ``GAP_MIN_TOKENS``-``GAP_MAX_TOKENS`` Han tokens (``GAP_MIN_CHARS``-``GAP_MAX_CHARS``
    characters) found in at least ``min_docs`` texts: string -> (its cuts' counts, its texts, its
    occurrences as a run). Counted level by level: a run of n tokens is counted only when both
    its runs of n - 1 tokens are in ``min_docs`` texts.

    >>> runs = token_runs([["碳", "中", "和", "目标"], ["实现", "碳", "中", "和"]], min_docs=2)
    >>> sorted(runs), runs["碳中和"][2]
    (['碳中和'], 2)
    """
    frequent: set[tuple[str, ...]] = set()
    found: dict[str, tuple[Counter, set[int], int]] = {}
    for size in range(2, GAP_MAX_TOKENS + 1):
        docs: dict[tuple[str, ...], set[int]] = defaultdict(set)
        counts: Counter = Counter()
        for index, tokens in enumerate(tokenized):
            for start in range(len(tokens) - size + 1):
                run = tuple(tokens[start : start + size])
                if size > 2 and (run[:-1] not in frequent or run[1:] not in frequent):
                    continue
                if size == 2 and not (_HAN.fullmatch(run[0]) and _HAN.fullmatch(run[1])):
                    continue
                if sum(len(t) for t in run) > GAP_MAX_CHARS:
                    continue
                docs[run].add(index)
                counts[run] += 1
        frequent = {run for run, where in docs.items() if len(where) >= min_docs}
        for run in frequent:
            term = "".join(run)
            if len(term) < GAP_MIN_CHARS or size < GAP_MIN_TOKENS:
                continue
            cuts, where, n = found.get(term, (Counter(), set(), 0))
            cuts[" ".join(run)] += counts[run]
            found[term] = (cuts, where | docs[run], n + counts[run])
    return found


def _entropy(counts: Counter) -> float:
    total = sum(counts.values())
    return -sum(n / total * math.log2(n / total) for n in counts.values()) if total else 0.0


def _bound(char: str) -> bool:
    return not _HAN.fullmatch(char) or char in BOUND


def edge_counts(term: str, joined: str) -> tuple[Counter, Counter, int]:
    """The characters before and after each occurrence of ``term`` in ``joined`` (texts joined by
    newlines; a text's edge counts as a newline), and how many occurrences are bounded on both sides
    (``_bound``)."""
    left, right, bounded = Counter(), Counter(), 0
    for match in re.finditer(term, joined):
        start, end = match.span()
        before = joined[start - 1] if start else "\n"
        after = joined[end] if end < len(joined) else "\n"
        left[before] += 1
        right[after] += 1
        bounded += _bound(before) and _bound(after)
    return left, right, bounded


def _cut_stats(texts: list[str], runs: dict[str, tuple[Counter, set[int], int]]):
    """For each run: (its cut, its string counts in the text, the PMI of its weakest cut) and the
    counts of every string needed for the edge test (the term without its first or last token)."""
    sys.path.insert(0, str(REPO))
    from textkit._ngrams import _CharCorpus, string_counts

    corpus = _CharCorpus.from_texts(texts)
    parts = set()
    for cuts, _, _ in runs.values():
        words = cuts.most_common(1)[0][0].split()
        for at in range(1, len(words)):
            parts.add("".join(words[:at]))
            parts.add("".join(words[at:]))
    counts = string_counts(corpus, sorted(set(runs) | {p for p in parts if len(p) > 1}))
    single = Counter(char for text in texts for char in text)  # one-character parts
    for part in parts:
        if len(part) == 1:
            counts[part] = (single[part], 0)
    return corpus.n_han, counts


def edge_ok(words: list[str], counts: dict[str, tuple[int, int]], stopwords: frozenset[str]) -> bool:
    """Whether neither edge token is a function character or a stopword, or the rest of the term
    is followed (preceded) by that edge in at least ``GAP_EDGE_OWNED`` of its occurrences (碳中|和:
    碳中 is nearly always 碳中和).

    >>> counts = {"碳中和": (10, 5), "碳中": (10, 5), "发展和": (10, 5), "发展": (900, 50)}
    >>> edge_ok(["碳", "中", "和"], counts, frozenset()), edge_ok(["发展", "和"], counts, frozenset())
    (True, False)
    """
    term = "".join(words)
    own = counts.get(term, (0, 0))[0]
    for edge, rest in ((words[0], term[len(words[0]) :]), (words[-1], term[: -len(words[-1])])):
        bad = edge in EDGE_FUNCTION if len(edge) == 1 else edge in stopwords
        if bad and own < GAP_EDGE_OWNED * counts.get(rest, (own + 1, 0))[0]:
            return False
    return True


NOMINAL_LAST = frozenset({"n", "vn", "nz", "j", "an", "l", "i", "nl", "ng", "ns", "nt", "k"})
GAP_SET_PMI = 10.0
GAP_LONG_CHARS = 8
GAP_LONG_PMI = 8.0


def term_shape(term: str, words: list[str], pmi: float) -> str | None:
    """Which shape a cohesive run has, or ``None``: ``noun`` (plain jieba's last word of it a noun
    and its first word not a verb, adverb, preposition, conjunction, particle, pronoun, numeral or
    measure word: ``lexicon_filters.NOT_FIRST``), ``set`` (any part of speech, weakest-cut PMI >=
    ``GAP_SET_PMI``: 同向发力, 选人用人), ``long`` (``GAP_LONG_CHARS`` characters or more, PMI >=
    ``GAP_LONG_PMI``: 全面建设社会主义现代化国家). A name is no term: an office or organization
    head as its own last token (海淀|区, 党委|书记), a number or measure first, a place inside.

    >>> term_shape("制度优势", ["制度", "优势"], 5.1), term_shape("加快推进", ["加快", "推进"], 6.9)
    ('noun', None)
    """
    from lexicon_filters import NOT_FIRST, pos_tokenizer

    tagged = list(pos_tokenizer().cut(term, HMM=False))
    if name_shaped(term, words):
        return None
    if tagged[-1].flag in NOMINAL_LAST and tagged[0].flag not in NOT_FIRST:
        return "noun"
    if pmi >= GAP_SET_PMI:
        return "set"
    if len(term) >= GAP_LONG_CHARS and pmi >= GAP_LONG_PMI:
        return "long"
    return None


def name_shaped(term: str, words: list[str]) -> bool:
    """Whether a run is a name, not a term (``term_shape``'s first test): a number or measure
    first, an office or organization head as its own last token, a place inside.

    >>> name_shaped("海淀区", ["海淀", "区"]), name_shaped("制度优势", ["制度", "优势"])
    (True, False)
    """
    import build_lexicon as build
    from lexicon_filters import pos_tokenizer

    first = next(iter(pos_tokenizer().cut(term, HMM=False)))
    counted = term[0] in build.BAD_FIRST and (len(first.word) == 1 or first.flag in ("m", "q", "mq"))
    return counted or words[-1] in build.ROLE_HEADS or build.has_place(term)


def gap_class(
    texts: list[str], tokenized: list[list[str]], *, min_docs: int = GAP_MIN_DOCS
) -> list[GapStats]:
    """Every member of the class (see the module's docstring), most build files first."""
    return [s for s in gap_candidates(texts, tokenized, min_docs=min_docs) if stable_edges(s)]


def stable_edges(stats: GapStats) -> bool:
    """The class's neighbour test: branching entropy >= ``GAP_MIN_ENTROPY`` on both sides, or
    bounded on both sides in at least ``GAP_MIN_BOUNDED`` of the occurrences."""
    return min(stats.left_entropy, stats.right_entropy) >= GAP_MIN_ENTROPY or stats.bounded >= GAP_MIN_BOUNDED


def gap_candidates(
    texts: list[str], tokenized: list[list[str]], *, min_docs: int = GAP_MIN_DOCS, shape_test=None
) -> list[GapStats]:
    """The runs that pass every test of the class but the neighbour test (``stable_edges``), with
    their statistics, most build files first; ``shape_test`` (term, words, pmi) -> shape or
    ``None`` replaces ``term_shape`` (``tools/lexicon_verbs.py`` lets the tag-stopped runs in)."""
    from textkit.tokenize import default_stopwords

    runs = token_runs(tokenized, min_docs)
    n_han, counts = _cut_stats(texts, runs)
    stopwords = default_stopwords()
    shaped = {}
    for term, (cuts, where, as_run) in runs.items():
        n, docs = counts.get(term, (0, 0))
        words = cuts.most_common(1)[0][0].split()
        if not n or docs < min_docs or as_run < GAP_MIN_CUT_SHARE * n:
            continue
        if any(word in CLAUSE_TOKENS for word in words[1:-1]) or not edge_ok(words, counts, stopwords):
            continue
        pmi = min(
            math.log2(n * n_han / (counts["".join(words[:at])][0] * counts["".join(words[at:])][0]))
            for at in range(1, len(words))
        )
        if pmi < GAP_MIN_PMI:
            continue
        shape = (shape_test or term_shape)(term, words, pmi)
        if shape:
            shaped[term] = (" ".join(words), docs, len(where), n, as_run, pmi, shape)
    joined = "\n".join(texts)
    members = []
    for term, (cut, docs, run_docs, n, as_run, pmi, shape) in shaped.items():
        left, right, bounded = edge_counts(term, joined)
        total = sum(left.values()) or 1
        edges = (bounded / total, _entropy(left), _entropy(right))
        members.append(GapStats(term, cut, docs, run_docs, n, as_run, pmi, *edges, shape))
    return sorted(members, key=lambda s: (-s.docs, s.term))


def gap_terms(
    texts: list[str],
    rows: dict[str, str],
    *,
    min_docs: int = GAP_MIN_DOCS,
    held: dict[str, int] | None = None,
) -> dict[str, int]:
    """The members of the class that review keeps (all but ``GAP_REJECTS`` and the rejects of the
    earlier classes), with their build files, for the tokenizer of the campaign lexicon and the
    policy rows kept so far (``rows``); a member holding a campaign term only where it takes a
    small share of that term's occurrences (``hides_campaign_term``). The others holding one are
    put in ``held`` when given: ``tools/lexicon_pairs.admit_holders`` admits the ones whose
    campaign term keeps most of its count, measured."""
    from textkit.datafiles import read_lines

    tokenized = _tokenize(texts, rows)
    rejects = set(read_lines(GAP_REJECTS)) | (_earlier_rejects() - set(read_lines(GAP_KEEPS)))
    members = gap_class(texts, tokenized, min_docs=min_docs)
    print(f"gap class: {len(members)} members: {' '.join(s.term for s in members)}", file=sys.stderr)
    campaign = {line.split()[0] for line in read_lines("campaign_lexicon.txt")}
    kept = {s.term: s.docs for s in members if s.term not in rejects}
    hiding = hides_campaign_term(texts, sorted(kept), campaign)
    print(f"gap members left out, a campaign term inside: {' '.join(hiding)}", file=sys.stderr)
    if held is not None:
        held.update((term, kept[term]) for term in hiding)
    return {term: docs for term, docs in kept.items() if term not in hiding}


# A member holding a campaign term T (新时代新征程 holds 新时代) hides T wherever it is one token.
# Until 2026-12 every such member was left out; a fixed formulation that names something of its
# own (新时代新征程, 马克思主义中国化时代化, 乡村振兴战略: 3 of the 117 campaign terms of the open sets
# A-F that the tokenizer split, reasons table of tools/lexicon_misses.py) was lost with the verb
# phrases (深入调查研究). Now it is left out when T is at one end with a verb or adverb as the
# rest (``lexicon_filters.verb_wrapper``), or when its occurrences in the build files are more
# than ``HIDE_SHARE`` of T's (以人民为中心的发展思想 holds half of 以人民为中心's): T's count drops
# by at most that share. The members so let in were read (tools/lexicon_gap_rejects.txt, (g)).
HIDE_SHARE = 0.2


def hides_campaign_term(texts: list[str], terms: list[str], campaign: set[str]) -> list[str]:
    """The ``terms`` that hold a campaign term as a verb's object or take more than ``HIDE_SHARE``
    of its occurrences in ``texts``.

    >>> texts = ["新时代新征程上，新时代的" + "新时代" * 20, "深入调查研究，调查研究" * 3]
    >>> hides_campaign_term(texts, ["新时代新征程", "深入调查研究"], {"新时代", "调查研究"})
    ['深入调查研究']
    """
    from lexicon_filters import verb_wrapper

    joined = "\n".join(texts)
    hiding = []
    for term in terms:
        inner = [other for other in campaign if other != term and other in term]
        if any(verb_wrapper(term, t) or joined.count(term) > HIDE_SHARE * joined.count(t) for t in inner):
            hiding.append(term)
    return hiding


def _earlier_rejects() -> set[str]:
    from textkit.datafiles import read_lines

    return set(read_lines(REPO / "tools" / "lexicon_rejects.txt")) | set(
        read_lines(REPO / "tools" / "lexicon_recall_rejects.txt")
    )


def _tokenize(texts: list[str], rows: dict[str, str]) -> list[list[str]]:
    """``texts`` cut by the campaign lexicon and ``rows`` as the policy lexicon."""
    import tempfile

    from textkit.tokenize import Segmenter

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.txt"
        path.write_text("".join(f"{term}\n" for term in sorted(rows)), encoding="utf-8")
        segmenter = Segmenter(policy_lexicon=path)
        return [segmenter.segment(text) for text in texts]


# Precision pass over the assembled rows (``swallowing``): an entry that is a shorter lexicon entry
# S with a verb phrase before it (协同衔接长江经济带, 如期打赢脱贫攻坚战: the rest's last word a verb,
# or an adverb, modal or preposition in it) or a clause after it (民族复兴的突出位置, 经济发展与
# 环境保护: the rest's first word a particle, conjunction, preposition or 是), where the rest is not
# itself a lexicon entry and S is found in at least ``SWALLOW_RATIO`` times as many build files:
# as one token it swallows the term S in every occurrence, and the rest is not a term.
SWALLOW_RATIO = 5
_GOVERNING = frozenset({"v", "d", "ad", "p"})
_CLAUSE_START = frozenset({"p", "c", "uj", "ul", "u"})
_FRAME_SOURCES = ("repetition frame", "paired frame")


def swallowing(rows: dict[str, str], texts: list[str], keeps: set[str]) -> dict[str, str]:
    """The rows that swallow a shorter entry (see ``SWALLOW_RATIO``), each with the entry it
    swallows, except the reviewed ``keeps`` and the instances of frames (做大做强做优)."""
    from lexicon_filters import doc_frequencies, pos_tokenizer

    from textkit.datafiles import read_lines

    campaign = {line.split()[0] for line in read_lines("campaign_lexicon.txt")}
    terms = set(rows) | campaign
    pairs = []
    for term, source in rows.items():
        if term in keeps or source.startswith(_FRAME_SOURCES):
            continue
        for inner in terms:
            if inner != term and len(inner) >= 3 and (term.startswith(inner) or term.endswith(inner)):
                rest = term[len(inner) :] if term.startswith(inner) else term[: -len(inner)]
                if rest not in terms:
                    pairs.append((term, inner, rest, term.endswith(inner)))
    docs = doc_frequencies(texts, sorted({t for pair in pairs for t in pair[:2]}))
    found = {}
    for term, inner, rest, before in pairs:
        if docs.get(inner, 0) < SWALLOW_RATIO * docs.get(term, 0):
            continue
        words = list(pos_tokenizer().cut(rest, HMM=False))
        if before:
            verb = words[-1].flag == "v" or any(w.flag in _GOVERNING - {"v"} for w in words)
        else:
            verb = words[0].flag in _CLAUSE_START or words[0].word == "是"
        if verb:
            found.setdefault(term, inner)
    return dict(sorted(found.items()))


def main(argv: list[str] | None = None) -> int:
    """Print the class for the committed tokenizer, most build files first, with its statistics."""
    sys.path.insert(0, str(REPO / "tools"))
    from lexicon_corpus import class_command_line

    texts, tokens = class_command_line(__doc__.splitlines()[0], argv)
    for s in gap_class(texts, tokens):
        print(s.term, s.cut, s.docs, f"{s.cut_share:.2f}", f"{s.pmi:.1f}", f"{s.bounded:.2f}",
              f"{s.left_entropy:.1f}", f"{s.right_entropy:.1f}", s.shape, sep="\t")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
