"""A pair class of policy-lexicon candidates: coordinated noun pairs of two units side by side
(新时代新征程, 新领域新赛道, 新动能新优势, 好经验好做法), read whole (``tools/build_lexicon.py`` adds
every member not rejected in ``tools/lexicon_pair_rejects.txt``).

Why the earlier classes missed them (measured on the build files, 2026-12):

- 新时代新征程 (135 build files) is a member of the gap class and was accepted on reading (the
  header of ``tools/lexicon_gap_rejects.txt`` names it), but ``lexicon_gaps.gap_terms`` leaves out
  every member with a campaign term inside (新时代), so it never reached the lexicon; the same
  rule holds for every other class (``lexicon_filters.drop_wrappers``, ``_add_variants``,
  ``tests/test_lexicon.py``). A pair of two whole units does not cut the campaign term: it only
  joins it to its coordinate, and the term's count drops by the pair's occurrences. Here that cost
  is measured and bounded (``PAIR_KEEP_SHARE``) instead of forbidden.
- 新领域新赛道 (26), 新动能新优势 (25) are the objects of the verb-object formulas 开辟发展…/
  塑造发展… that ``tools/lexicon_rejects.txt`` rejects whole (a verb phrase is no term); the noun
  pair inside was never proposed on its own, and as a run of three tokens (新|领域|新赛道) it is
  too rare for the gap class (>= 20 build files as the same run and a weakest-cut PMI >= 5).
- The repetition frames (``tools/lexicon_frames.py``) ask three units, or two of three characters
  sharing their last character (中国化时代化); two units sharing their first character were left
  out there because, read from the wrong end, they take fragments (发展新|动能新). Here each unit
  starts where the tokenizer cuts, so that cannot happen.

Criterion (``pair_class``), on the build files cut by the tokenizer the build has made so far
(campaign lexicon + every row kept before this class):

- two units of the same length, ``PAIR_SIZES`` characters, that begin with the same character
  (新时代|新征程), each unit starting where the tokenizer cuts and the second ending where it
  cuts, the two different, the pair not one token; not a longer run of such units (the third
  unit 新战略 of 新理念新思想新战略 makes it a repetition frame, that class's);
- the shared character is a content character: not a function word, determiner, numeral or
  degree adverb (``PAIR_NOT_SHARED``: 各地区各部门, 最艰巨最繁重, 不平衡不充分 are no noun pairs);
- a noun pair: plain jieba's last word of each unit is a noun (``lexicon_gaps.NOMINAL_LAST``),
  neither unit ends in an office or organization head (``build_lexicon.ROLE_HEADS``: 国务院|国资委,
  研究所|研究员) and the pair names no place (``build_lexicon.has_place``: 福建省福州市);
- found so in at least ``PAIR_MIN_DOCS`` build files (and as that string in the raw text of as
  many: a column head 新数据 新看点 is no pair); recurring as a unit, not only inside one longer
  phrase: branching entropy >= ``lexicon_gaps.GAP_MIN_ENTROPY`` bits on both sides (found with
  several words around it), or bounded on both sides in >= ``lexicon_gaps.GAP_MIN_BOUNDED`` of
  its occurrences, bounded meaning punctuation or a function character (``lexicon_gaps.BOUND``)
  or, on the left, the verb phrase of a verb-object formula review rejected whole that ends in
  the pair (开辟发展 of 开辟发展新领域新赛道 in ``tools/lexicon_rejects.txt``: the review read it as
  a verb and its object, so the object's left edge is a phrase edge: ``verb_prefixes``);
- a campaign term as one of the units (新时代 of 新时代新征程) only when the term stays a token of
  its own in at least ``PAIR_KEEP_SHARE`` of the build files where it is one now: the pair may
  not take most of that term's count (碳达峰碳中和 would take 碳中和's).

``python tools/lexicon_pairs.py`` prints the class for the committed tokenizer with its statistics.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAIR_REJECTS = REPO / "tools" / "lexicon_pair_rejects.txt"
PAIR_SIZES = (3, 4)
PAIR_MIN_DOCS = 3
PAIR_KEEP_SHARE = 0.8
PAIR_NOT_SHARED = frozenset(
    "的地得了着过和与及或在是等也而之把被从对向于以其这那此各每有无不没很更都就还又再才已将要并为让使给"
    "最较极太非本该某我你他她它们咱全总一二三四五六七八九十百千万亿两几多第"
)
_HAN = re.compile(r"[\u4e00-\u9fd5]+")


@dataclass(frozen=True)
class PairStats:
    """A candidate's measures on the build files."""

    term: str
    cut: str  # its most frequent cut into tokens, space-separated
    docs: int  # build files with it as a pair of units
    occurrences: int
    left_entropy: float
    right_entropy: float
    bounded: float  # share of occurrences bounded on both sides
    formula: int  # occurrences after the verb phrase of a rejected verb-object formula


def pair_occurrences(tokens: list[str]):
    """The coordinated pairs of one tokenized text (see the module's docstring): (start token index,
    end token index, first unit, second unit) for each.

    >>> list(pair_occurrences(["开辟", "发展", "新", "领域", "新赛道", "，", "新时代", "新征程"]))
    [(2, 5, '新领域', '新赛道'), (6, 8, '新时代', '新征程')]
    >>> list(pair_occurrences(["新", "理念", "新", "思想", "新", "战略"]))  # a frame of three units
    []
    """
    starts, at = {}, 0
    for index, token in enumerate(tokens):
        starts[at] = index
        at += len(token)
    starts[at] = len(tokens)
    joined = "".join(tokens)
    for size in PAIR_SIZES:
        for begin, first in starts.items():
            if first >= len(tokens) or joined[begin] in PAIR_NOT_SHARED:
                continue
            one, two = joined[begin : begin + size], joined[begin + size : begin + 2 * size]
            if len(two) < size or one == two or two[0] != one[0] or not _HAN.fullmatch(one + two):
                continue
            if begin + size not in starts or begin + 2 * size not in starts:
                continue
            if starts[begin + 2 * size] - first < 2:
                continue  # one token already
            before = joined[begin - size : begin] if begin >= size else ""
            after = joined[begin + 2 * size : begin + 3 * size]
            if (before[:1] == one[0] and begin - size in starts) or (
                after[:1] == one[0] and len(after) == size and begin + 3 * size in starts
            ):
                continue  # a run of three or more units: a repetition frame
            yield first, starts[begin + 2 * size], one, two


def noun_pair(one: str, two: str) -> bool:
    """Whether two units make a noun pair, not a name (see the module's docstring).

    >>> noun_pair("新领域", "新赛道"), noun_pair("国务院", "国资委"), noun_pair("新担当", "新作为")
    (True, False, False)
    """
    import build_lexicon as build
    from lexicon_filters import pos_tokenizer
    from lexicon_gaps import NOMINAL_LAST

    for unit in (one, two):
        words = list(pos_tokenizer().cut(unit, HMM=False))
        if words[-1].flag not in NOMINAL_LAST or unit.endswith(build.ROLE_HEADS):
            return False
    return not build.has_place(one + two)


def verb_prefixes(rejects: set[str], terms: set[str]) -> dict[str, set[str]]:
    """For each term, the verb phrases of the rejected strings that are that verb phrase and the
    term (开辟发展 of 开辟发展新领域新赛道): plain jieba's first word of the phrase is a verb.

    >>> verb_prefixes({"开辟发展新领域新赛道", "新领域新赛道建设"}, {"新领域新赛道"})
    {'新领域新赛道': {'开辟发展'}}
    """
    from lexicon_filters import pos_tokenizer

    found: dict[str, set[str]] = defaultdict(set)
    for reject in rejects:
        for term in terms:
            if len(reject) > len(term) and reject.endswith(term):
                prefix = reject[: -len(term)]
                if next(iter(pos_tokenizer().cut(prefix, HMM=False))).flag.startswith("v"):
                    found[term].add(prefix)
    return dict(found)


def pair_class(
    texts: list[str],
    tokenized: list[list[str]],
    rejects: set[str] = frozenset(),
    *,
    min_docs: int = PAIR_MIN_DOCS,
) -> list[PairStats]:
    """Every member of the class (see the module's docstring), most build files first; ``rejects``
    are the reviewed rejects whose verb phrases bound a pair (``verb_prefixes``)."""
    from lexicon_gaps import GAP_MIN_BOUNDED, GAP_MIN_ENTROPY, _bound, _entropy

    docs: dict[str, set[int]] = defaultdict(set)
    for index, tokens in enumerate(tokenized):
        for _, _, one, two in pair_occurrences(tokens):
            docs[one + two].add(index)
    candidates = {
        term: found
        for term, found in docs.items()
        if len(found) >= min_docs
        and sum(term in texts[index] for index in found) >= min_docs
        and noun_pair(term[: len(term) // 2], term[len(term) // 2 :])
    }
    prefixes = verb_prefixes(set(rejects), set(candidates))
    cuts: dict[str, Counter] = defaultdict(Counter)
    left: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    bounded: Counter = Counter()
    formula: Counter = Counter()
    for tokens in tokenized:
        for first, end, one, two in pair_occurrences(tokens):
            term = one + two
            if term not in candidates:
                continue
            cuts[term][" ".join(tokens[first:end])] += 1
            before = tokens[first - 1] if first else "\n"
            after = tokens[end] if end < len(tokens) else "\n"
            left[term][before] += 1
            right[term][after] += 1
            head = "".join(tokens[max(0, first - 6) : first])
            verb = any(head.endswith(prefix) for prefix in prefixes.get(term, ()))
            formula[term] += verb
            bounded[term] += (verb or _bound(before[-1])) and _bound(after[0])
    members = []
    for term, found in candidates.items():
        n = sum(left[term].values())
        stats = PairStats(
            term,
            cuts[term].most_common(1)[0][0],
            len(found),
            n,
            _entropy(left[term]),
            _entropy(right[term]),
            bounded[term] / n,
            formula[term],
        )
        free = (
            min(stats.left_entropy, stats.right_entropy) >= GAP_MIN_ENTROPY
            or stats.bounded >= GAP_MIN_BOUNDED
        )
        if free:
            members.append(stats)
    return sorted(members, key=lambda s: (-s.docs, s.term))


def read_rejects(path: Path = PAIR_REJECTS) -> set[str]:
    """The terms of a rejects file whose lines are ``term  # reason``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}


def campaign_keeps(
    before: list[list[str]], after: list[list[str]], holders: set[str], campaign: frozenset[str]
) -> dict[str, float]:
    """For each campaign term inside one of ``holders``: the share of the texts with it as a token
    in ``before`` that still have it as a token in ``after`` (the tokenizer with the holders).

    >>> campaign_keeps([["新时代", "新征程"], ["新时代"]], [["新时代新征程"], ["新时代"]], {"新时代新征程"},
    ...                frozenset({"新时代"}))
    {'新时代': 0.5}
    """
    inner = sorted({term for term in campaign if any(term != h and term in h for h in holders)})
    shares = {}
    for term in inner:
        had = [index for index, tokens in enumerate(before) if term in tokens]
        shares[term] = sum(term in after[index] for index in had) / len(had) if had else 1.0
    return shares


def admit_holders(
    texts: list[str], rows: dict[str, str], found: dict[str, str], *, tokenized=None
) -> tuple[dict[str, str], dict[str, float]]:
    """Of the ``found`` candidates (term -> source), those with no campaign term inside, and those
    whose campaign terms inside all keep ``PAIR_KEEP_SHARE`` of their token files on the build
    files once every candidate is in the lexicon (``campaign_keeps``); and those shares."""
    from lexicon_gaps import _tokenize

    from textkit.datafiles import read_lines

    campaign = frozenset(line.split()[0] for line in read_lines("campaign_lexicon.txt"))
    holders = {term for term in found if any(inner != term and inner in term for inner in campaign)}
    if not holders:
        return dict(found), {}
    before = tokenized if tokenized is not None else _tokenize(texts, rows)
    after = _tokenize(texts, rows | found)
    shares = campaign_keeps(before, after, holders, campaign)
    low = {term for term, share in shares.items() if share < PAIR_KEEP_SHARE}
    admitted = {
        term: source
        for term, source in found.items()
        if not any(inner != term and inner in term for inner in low)
    }
    return admitted, shares


def pair_members(
    texts: list[str],
    rows: dict[str, str],
    dropped: set[str] = frozenset(),
    held: dict[str, int] | None = None,
) -> dict[str, str]:
    """The members of the pair class review keeps (all but ``PAIR_REJECTS``, the earlier classes'
    rejects and the ``dropped`` candidates of the build's filters) and the ``held`` members of the
    gap class (left out there for a campaign term inside) review keeps, with their sources, for
    the tokenizer of the campaign lexicon and ``rows``; a candidate with a campaign term inside
    only when that term keeps ``PAIR_KEEP_SHARE`` of its count (``admit_holders``)."""
    from lexicon_gaps import _earlier_rejects, _tokenize

    earlier = _earlier_rejects()
    tokenized = _tokenize(texts, rows)
    members = pair_class(texts, tokenized, earlier)
    print(f"pair class: {len(members)} members: {' '.join(s.term for s in members)}", file=sys.stderr)
    rejects = read_rejects() | earlier | set(dropped)
    found = {s.term: f"coordinated pair; {s.docs} build files" for s in members if s.term not in rejects}
    for term, docs in sorted((held or {}).items()):
        if term not in rejects and term not in rows:
            found.setdefault(term, f"campaign-holding gap n-gram; {docs} build files")
    admitted, shares = admit_holders(texts, rows, found, tokenized=tokenized)
    print(
        "campaign terms' token files kept: "
        + " ".join(f"{t} {share:.2f}" for t, share in sorted(shares.items())),
        file=sys.stderr,
    )
    print(
        f"left out, a campaign term's count drops: {' '.join(sorted(set(found) - set(admitted)))}",
        file=sys.stderr,
    )
    return admitted


def main(argv: list[str] | None = None) -> int:
    """Print the class for the committed tokenizer, most build files first, with its statistics."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    parser.add_argument("--min-docs", type=int, default=PAIR_MIN_DOCS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "tools"))
    import build_lexicon as build
    from lexicon_gaps import _earlier_rejects

    from textkit.tokenize import POLICY_LEXICON, Segmenter

    texts = build.read_texts(build.corpus_files(args.corpus, build=True))
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    rejects = read_rejects()
    tokenized = [segmenter.segment(text) for text in texts]
    for s in pair_class(texts, tokenized, _earlier_rejects(), min_docs=args.min_docs):
        print(s.term, s.cut, s.docs, f"{s.left_entropy:.1f}", f"{s.right_entropy:.1f}", f"{s.bounded:.2f}",
              s.formula, "rejected" if s.term in rejects else "", sep="\t")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
