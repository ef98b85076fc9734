"""A class of frequent terms that the gap class's neighbour test stops because they are the object
of a few verbs: runs that pass every other test of the gap class, whose edges are stable when a
verb before them counts as a bound and each side is judged on its own; read whole
(``tools/build_lexicon.py`` adds every member not rejected in ``OBJECT_REJECTS``).

Why (``tools/lexicon_misses.py --reasons`` on the open sets A-H, 2026-12): 历史性变革 (72 build
files) and 学思用贯通 (30) pass the gap class's tests except its neighbour test
(``lexicon_gaps.stable_edges``): the character before them is nearly always the same (发生历史性
变革; 推动学思用贯通、知信行统一: left entropy 0.7 and 0.8 bits), and they are bounded on both
sides at once in few occurrences. A fixed verb before a term is no sign that the term is a
fragment: the cut between a verb and its object is a word boundary (the verb is its own token:
发生|历史性|变革); what the test is for, a term that is part of a longer unit, shows as a fixed
neighbour inside a token (世界大学生夏季|运动会: 世界大学生夏季 is always followed by 运).

Criterion (``object_class``), on the build files cut by the tokenizer the build has made so far:

- a candidate of the gap class (``lexicon_gaps.gap_candidates``: in >= ``GAP_MIN_DOCS`` build
  files, cut, cohesive, term-shaped) that its neighbour test rejects;
- stable on each side by itself: branching entropy >= ``GAP_MIN_ENTROPY`` on that side, or that
  side bounded in at least ``GAP_MIN_BOUNDED`` of its occurrences: by a non-Han or function
  character (``lexicon_gaps.BOUND``), or, on the left, by a verb token of two characters or more
  (jieba's dictionary tag v...: ``object_bounds``).

Read whole (``python tools/lexicon_objects.py`` prints the class for the committed tokenizer):
kept when a researcher counts it as one unit (a named formulation, concept or goal); rejects with
a reason in ``OBJECT_REJECTS``; a member holding a campaign term or an entry the build has already
kept is let in as the gap class lets a holder of a campaign term (``lexicon_gaps.hides_campaign_term``:
not when it takes more than ``HIDE_SHARE`` of the inner term's occurrences).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OBJECT_REJECTS = REPO / "tools" / "lexicon_object_rejects.txt"
OBJECT_MIN_VERB = 2  # characters of a verb token that bounds a term's left edge


def object_bounds(terms: list[str], tokenized: list[list[str]], verb_tags: dict[str, str]):
    """For each term: (occurrences, left-bounded, right-bounded) over the ``tokenized`` texts; the
    left is bounded by a non-Han or function character or a verb token of ``OBJECT_MIN_VERB``+
    characters (``verb_tags``: word -> jieba tag), the right by a non-Han or function character;
    a text's edge bounds.

    >>> texts = [["发生", "历史性", "变革", "，"], ["的", "历史性", "变革", "。"], ["大", "历史性", "变革"]]
    >>> object_bounds(["历史性变革"], texts, {"发生": "v"})
    {'历史性变革': (3, 2, 3)}
    """
    from lexicon_gaps import _bound

    found = {term: [0, 0, 0] for term in terms}
    for words in tokenized:
        joined = "".join(words)
        present = [term for term in terms if term in joined]
        if not present:
            continue
        starts, at = {}, 0
        for index, word in enumerate(words):
            starts[at] = index
            at += len(word)
        for term in present:
            at = joined.find(term)
            while at >= 0:
                end, index = at + len(term), starts.get(at)
                before = words[index - 1] if index else ""
                verb = len(before) >= OBJECT_MIN_VERB and verb_tags.get(before, "").startswith("v")
                counts = found[term]
                counts[0] += 1
                counts[1] += at == 0 or _bound(joined[at - 1]) or verb
                counts[2] += end == len(joined) or _bound(joined[end])
                at = joined.find(term, at + 1)
    return {term: tuple(counts) for term, counts in found.items()}


def object_class(texts: list[str], tokenized: list[list[str]]):
    """Every member (see the module's docstring): ``GapStats`` of the gap candidates the neighbour
    test rejects and ``object_bounds`` keeps, most build files first."""
    import lexicon_gaps as gaps
    from lexicon_filters import pos_tokenizer

    stopped = [s for s in gaps.gap_candidates(texts, tokenized) if not gaps.stable_edges(s)]
    bounds = object_bounds([s.term for s in stopped], tokenized, pos_tokenizer().word_tag_tab)
    members = []
    for s in stopped:
        n, left, right = bounds[s.term]
        left_ok = s.left_entropy >= gaps.GAP_MIN_ENTROPY or left >= gaps.GAP_MIN_BOUNDED * n
        right_ok = s.right_entropy >= gaps.GAP_MIN_ENTROPY or right >= gaps.GAP_MIN_BOUNDED * n
        if n and left_ok and right_ok:
            members.append(s)
    return members


def object_terms(texts: list[str], rows: dict[str, str], left_out: set[str]) -> dict[str, int]:
    """The members review keeps (all but ``OBJECT_REJECTS``, the gap class's and earlier classes'
    rejects, ``left_out`` and members hiding a campaign term or a row), with their build files, for
    the tokenizer of the campaign lexicon and ``rows``."""
    import lexicon_gaps as gaps
    from lexicon_parallel import read_rejects

    from textkit.datafiles import read_lines

    members = object_class(texts, gaps._tokenize(texts, rows))
    print(f"object class: {len(members)} members: {' '.join(s.term for s in members)}", file=sys.stderr)
    rejects = (
        read_rejects(OBJECT_REJECTS) | set(read_lines(gaps.GAP_REJECTS)) | gaps._earlier_rejects() | left_out
    )
    kept = {s.term: s.docs for s in members if s.term not in rejects and s.term not in rows}
    # a member must not hide an entry already made either: 山水林田湖草沙一体化保护 holds 0.67 of the
    # occurrences of the kept 山水林田湖草沙 (the gap class checks campaign terms only)
    campaign = {line.split()[0] for line in read_lines("campaign_lexicon.txt")}
    hiding = set(gaps.hides_campaign_term(texts, sorted(kept), campaign | set(rows)))
    return {term: docs for term, docs in kept.items() if term not in hiding}


def main(argv: list[str] | None = None) -> int:
    """Print the class for the committed tokenizer with its statistics."""
    sys.path.insert(0, str(REPO / "tools"))
    from lexicon_corpus import class_command_line

    texts, tokens = class_command_line(__doc__.splitlines()[0], argv)
    for s in object_class(texts, tokens):
        print(
            s.term, s.cut, s.docs, f"{s.pmi:.1f}", f"{s.left_entropy:.1f}", f"{s.right_entropy:.1f}", sep="\t"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
