"""A class of rarer four-character set phrases: four Han characters that the tokenizer built so far
cuts into two or three tokens, in 5 to 19 build files (below the gap class's floor of 20), very
cohesive and owning their rarest piece, read whole (``tools/build_lexicon.py`` adds every member
not rejected in ``tools/lexicon_setphrase_rejects.txt``).

Why: the reasons table of ``tools/lexicon_misses.py`` (2026-12) puts 45 of the 117 campaign terms
of the open sets A-F that the tokenizer splits in 5-19 build files: every class that reads
cohesive strings asks 20 build files (recall, gap, long n-grams) or a policy head noun (n-gram,
compound); the set-phrase rule of the build asks 10 files, entropy >= 2 bits on both sides and
PMI >= 10 of the suggest_terms table. Four-character set phrases (同向发力, 招才引智, 劝和促谈,
适度超前, 易地搬迁) are the shape of this band whose members can be read whole: lowering the gap
class's floor to 5 files gives 8,969 members of every length (precision about one in three read
on a sample), its four-character members with the criterion below 419.

Criterion (``set_phrase_class``), measured on the build files cut by the tokenizer the build has
made so far (campaign lexicon + every row kept before this class):

- a run of 2 or 3 Han tokens of 4 characters in all, in ``SET4_MIN_DOCS`` to ``SET4_MAX_DOCS``
  build files, a run (not one token) in at least half of its occurrences;
- weakest-cut PMI >= ``SET4_MIN_PMI`` (the gap class's set shape asks 10);
- owning its rarest piece of two characters or more: found in at least ``SET4_OWNS`` of that
  piece's build files (同向发力 owns most of 同向; 深刻揭示 owns little of 揭示);
- stable edges: branching entropy >= ``SET4_MIN_ENTROPY`` bit on both sides, or bounded by a
  non-Han or function character on both sides in at least half of its occurrences;
- the gap class's shape tests (``lexicon_gaps.edge_ok``, ``term_shape``, no clause token inside):
  no function character or stopword at an edge, not a name, a number phrase or a place.

Read whole: a member is kept when a researcher would count it as one unit (a set phrase, slogan
or idiom, the name of a policy, concept, programme or practice, a lexicalized word); rejects with
a reason in ``SET4_REJECTS``.

A second class with the same band and tests (``rare_compound_class``): runs of 2-7 Han tokens of
``RARE_MIN_CHARS``-``RARE_MAX_CHARS`` characters (``lexicon_gaps.token_runs``) with no one-character
function word as a token, weakest-cut PMI >= ``RARE_MIN_PMI``: the policy compounds and
formulations of the band (国际关系民主化, 理论学习中心组, 学懂弄通做实, 基层立法联系点, 和平外交政策);
832 members on the committed tokenizer, 833 in the build's run (835 read), 251 kept; rejects in
``RARE_REJECTS``; a member
holding a campaign term is let in as the gap class lets it (``lexicon_gaps.hides_campaign_term``).

``python tools/lexicon_setphrases.py [--compounds]`` prints a class for the committed tokenizer.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SET4_REJECTS = REPO / "tools" / "lexicon_setphrase_rejects.txt"

SET4_CHARS = 4
SET4_MIN_DOCS = 5
SET4_MAX_DOCS = 19  # the gap class (lexicon_gaps.GAP_MIN_DOCS = 20) reads what is above
SET4_MIN_PMI = 12.0
SET4_OWNS = 0.3
SET4_MIN_ENTROPY = 1.0
SET4_MIN_BOUNDED = 0.5
SET4_MIN_CUT_SHARE = 0.5
# the rare-compound class: the same band and tests for runs of 5-10 characters
RARE_MIN_CHARS = 5
RARE_MAX_CHARS = 10
RARE_MIN_PMI = 10.0
RARE_REJECTS = REPO / "tools" / "lexicon_compound_rejects.txt"

_HAN = re.compile(r"[\u4e00-\u9fd5]+")


def four_char_runs(tokenized: list[list[str]]) -> dict[str, tuple[Counter, set[int]]]:
    """Runs of 2 or 3 consecutive Han tokens of ``SET4_CHARS`` characters in all: string -> (its
    cuts' counts, the texts it is a run in).

    >>> runs = four_char_runs([["同向", "发力", "，"], ["劝", "和", "促谈"], ["一体化"]])
    >>> sorted(runs), runs["劝和促谈"][0]
    (['劝和促谈', '同向发力'], Counter({'劝 和 促谈': 1}))
    """
    found: dict[str, tuple[Counter, set[int]]] = defaultdict(lambda: (Counter(), set()))
    for index, tokens in enumerate(tokenized):
        for start in range(len(tokens) - 1):
            length = 0
            for end in range(start, min(start + 3, len(tokens))):
                token = tokens[end]
                length += len(token)
                if length > SET4_CHARS or not _HAN.fullmatch(token):
                    break
                if length == SET4_CHARS and end > start:
                    cuts, where = found["".join(tokens[start : end + 1])]
                    cuts[" ".join(tokens[start : end + 1])] += 1
                    where.add(index)
    return dict(found)


def set_phrase_class(texts: list[str], tokenized: list[list[str]]) -> list[dict]:
    """Every member of the class (see the module's docstring) with its measures, most files first."""
    runs = {
        term: found for term, found in four_char_runs(tokenized).items() if len(found[1]) >= SET4_MIN_DOCS
    }
    return _rare_members(texts, runs, min_pmi=SET4_MIN_PMI)


def compound_runs(tokenized: list[list[str]]) -> dict[str, tuple[Counter, set[int]]]:
    """Runs of 2-7 Han tokens of ``RARE_MIN_CHARS``-``RARE_MAX_CHARS`` characters in at least
    ``SET4_MIN_DOCS`` texts (``lexicon_gaps.token_runs``), with no one-character function word
    (``lexicon_gaps.EDGE_FUNCTION``) as a token anywhere in them: string -> (cuts, texts)."""
    from lexicon_gaps import EDGE_FUNCTION, token_runs

    return {
        term: (cuts, where)
        for term, (cuts, where, _) in token_runs(tokenized, SET4_MIN_DOCS).items()
        if RARE_MIN_CHARS <= len(term) <= RARE_MAX_CHARS
        and not any(w in EDGE_FUNCTION for w in cuts.most_common(1)[0][0].split())
    }


def rare_compound_class(texts: list[str], tokenized: list[list[str]]) -> list[dict]:
    """Every member of the rare-compound class (``RARE_MIN_PMI``) with its measures."""
    return _rare_members(texts, compound_runs(tokenized), min_pmi=RARE_MIN_PMI)


def _rare_members(
    texts: list[str], runs: dict[str, tuple[Counter, set[int]]], *, min_pmi: float
) -> list[dict]:
    """The runs in ``SET4_MIN_DOCS``-``SET4_MAX_DOCS`` build files that pass the criterion of the
    module's docstring with weakest-cut PMI >= ``min_pmi``, most files first."""
    from lexicon_gaps import CLAUSE_TOKENS, _entropy, edge_counts, edge_ok, term_shape

    from textkit._ngrams import _CharCorpus, string_counts
    from textkit.tokenize import default_stopwords

    corpus = _CharCorpus.from_texts(texts)
    parts = {p for cuts, _ in runs.values() for cut in cuts for p in _parts(cut.split())}
    counts = string_counts(corpus, sorted(set(runs) | {p for p in parts if len(p) > 1}))
    single = Counter(char for text in texts for char in text)
    for part in parts:
        if len(part) == 1:
            counts[part] = (single[part], 0)
    stopwords = default_stopwords()
    shaped = {}
    for term, (cuts, _where) in runs.items():
        n, docs = counts.get(term, (0, 0))
        as_run = sum(cuts.values())
        if not SET4_MIN_DOCS <= docs <= SET4_MAX_DOCS or as_run < SET4_MIN_CUT_SHARE * n:
            continue
        words = cuts.most_common(1)[0][0].split()
        if any(word in CLAUSE_TOKENS for word in words) or not edge_ok(words, counts, stopwords):
            continue
        pmi = min(
            math.log2(n * corpus.n_han / (counts["".join(words[:at])][0] * counts["".join(words[at:])][0]))
            for at in range(1, len(words))
        )
        pieces = [w for w in words if len(w) > 1]
        rarest = min((counts.get(w, (0, 0))[1] for w in pieces), default=0)
        owns = docs / rarest if rarest else 0.0
        if pmi < min_pmi or owns < SET4_OWNS or not term_shape(term, words, pmi):
            continue
        shaped[term] = {"term": term, "cut": " ".join(words), "docs": docs, "pmi": pmi, "owns": owns}
    joined = "\n".join(texts)
    members = []
    for term, row in shaped.items():
        left, right, bounded = edge_counts(term, joined)
        share = bounded / (sum(left.values()) or 1)
        row |= {"left": _entropy(left), "right": _entropy(right), "bounded": share}
        if min(row["left"], row["right"]) >= SET4_MIN_ENTROPY or share >= SET4_MIN_BOUNDED:
            members.append(row)
    return sorted(members, key=lambda r: (-r["docs"], r["term"]))


def _parts(words: list[str]) -> list[str]:
    return [part for at in range(1, len(words)) for part in ("".join(words[:at]), "".join(words[at:]))] + [
        w for w in words if len(w) > 1
    ]


def set_phrase_terms(
    texts: list[str], rows: dict[str, str], dropped: set[str] = frozenset()
) -> dict[str, int]:
    """The members review keeps (all but ``SET4_REJECTS``, the earlier classes' rejects and the
    ``dropped`` candidates of the build's filters), with their build files, for the tokenizer of
    the campaign lexicon and ``rows``; none holding a campaign term."""
    from lexicon_gaps import _earlier_rejects, _tokenize
    from lexicon_parallel import read_rejects

    from textkit.datafiles import read_lines

    members = set_phrase_class(texts, _tokenize(texts, rows))
    names = " ".join(r["term"] for r in members)
    print(f"set-phrase class: {len(members)} members: {names}", file=sys.stderr)
    campaign = {line.split()[0] for line in read_lines("campaign_lexicon.txt")}
    rejects = read_rejects(SET4_REJECTS) | _earlier_rejects() | set(dropped)
    return {
        r["term"]: r["docs"]
        for r in members
        if r["term"] not in rejects and not any(inner in r["term"] for inner in campaign)
    }


def rare_compound_terms(
    texts: list[str], rows: dict[str, str], dropped: set[str] = frozenset()
) -> dict[str, int]:
    """The members of the rare-compound class review keeps (all but ``RARE_REJECTS``, the earlier
    classes' rejects and ``dropped``), with their build files, for the tokenizer of the campaign
    lexicon and ``rows``; one holding a campaign term only as the gap class lets it
    (``lexicon_gaps.hides_campaign_term``: no verb wrapper, a small share of the term's occurrences)."""
    from lexicon_gaps import _earlier_rejects, _tokenize, hides_campaign_term
    from lexicon_parallel import read_rejects

    from textkit.datafiles import read_lines

    members = rare_compound_class(texts, _tokenize(texts, rows))
    names = " ".join(r["term"] for r in members)
    print(f"rare-compound class: {len(members)} members: {names}", file=sys.stderr)
    campaign = {line.split()[0] for line in read_lines("campaign_lexicon.txt")}
    rejects = read_rejects(RARE_REJECTS) | _earlier_rejects() | set(dropped)
    kept = {r["term"]: r["docs"] for r in members if r["term"] not in rejects}
    hiding = set(hides_campaign_term(texts, sorted(kept), campaign))
    return {term: docs for term, docs in kept.items() if term not in hiding}


def main(argv: list[str] | None = None) -> int:
    """Print the class for the committed tokenizer with its measures."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    parser.add_argument("--compounds", action="store_true", help="the rare-compound class")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "tools"))
    import build_lexicon as build
    from lexicon_parallel import read_rejects

    from textkit.tokenize import POLICY_LEXICON, Segmenter

    texts = build.read_texts(build.corpus_files(args.corpus, build=True))
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    tokenized = [segmenter.segment(text) for text in texts]
    rejects = read_rejects(RARE_REJECTS if args.compounds else SET4_REJECTS)
    found = rare_compound_class(texts, tokenized) if args.compounds else set_phrase_class(texts, tokenized)
    for r in found:
        print(r["term"], r["cut"], r["docs"], f"{r['pmi']:.1f}", f"{r['owns']:.2f}", f"{r['left']:.1f}",
              f"{r['right']:.1f}", f"{r['bounded']:.2f}", "rejected" if r["term"] in rejects else "",
              sep="\t")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
