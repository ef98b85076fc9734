"""Why the campaign terms of the open hand-annotated sets (A to M) that the default tokenizer
splits are not whole: one row per split term, with the evidence for its reason.

For each term of ``campaign_terms`` in sets A-M (``benchmarks/heldout_score.ANNOTATIONS``; never
set N, which stays blind: ``OPEN_SETS``) that is not one token of its article's segmentation:

- ``entry``: whether the campaign or policy lexicon has it, and the longer entries holding it;
- ``cut``: the tokens that cover each occurrence in the article (``[...]`` marks a token that
  reaches past the term: the term is nested in it, or a neighbour overlaps it);
- ``docs`` / ``whole``: build files holding it (``build_lexicon.corpus_files``) and the share of
  its build-file occurrences the default tokenizer keeps as one token;
- ``rejected``: the reviewed rejects files that list it, with the reason written there.

``--reasons`` adds, for a term with no entry, the gap-class tests that stop it
(``tools/lexicon_stops.gap_stops``: floor, cut share, edge token, pmi, shape, edges, holder); the
reasons table of a report is read from these rows, not from this column alone. ``--groups`` (with
``--reasons``) ends with that table: each row's group (``reason_group``) counted per set.

Usage::

    python tools/lexicon_misses.py [--sets abcdefghijk] [--reasons [--groups]] > /tmp/misses.tsv
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO / "benchmarks"))

from build_lexicon import corpus_files, read_texts  # noqa: E402
from heldout_score import ANNOTATIONS  # noqa: E402

from textkit.tokenize import DEFAULT_LEXICON, POLICY_LEXICON, Segmenter, read_lexicon  # noqa: E402

# The sets whose articles may be read (set N is blind: its aggregate scores only, HELPERS.md).
OPEN_SETS = "abcdefghijklm"
REJECT_FILES = sorted((REPO / "tools").glob("*rejects*.txt"))


def cover(words: list[str], text: str, term: str) -> list[str]:
    """The tokens covering each occurrence of ``term`` in ``text`` (segmented as ``words``),
    a token reaching past the occurrence in brackets.

    >>> cover(["人类命运共同体", "理念"], "人类命运共同体理念", "命运共同体")
    ['[人类命运共同体]']
    >>> cover(["碳", "中和", "目标"], "碳中和目标", "碳中和")
    ['碳|中和']
    """
    starts, at = [], 0
    for word in words:
        starts.append(at)
        at += len(word)
    found = []
    start = text.find(term)
    while start >= 0:
        end = start + len(term)
        pieces = [
            (w if s >= start and s + len(w) <= end else f"[{w}]")
            for w, s in zip(words, starts, strict=True)
            if s < end and s + len(w) > start
        ]
        found.append("|".join(pieces))
        start = text.find(term, start + 1)
    return found


def check_sets(sets: str) -> str:
    """``sets`` when every set it names is open (``OPEN_SETS``); a blind set stops the run before
    any article is read.

    >>> check_sets("lm")
    'lm'
    """
    if not sets or set(sets) - set(OPEN_SETS):
        raise SystemExit(f"only the open sets {OPEN_SETS[0]}-{OPEN_SETS[-1]} are read here, not {sets!r}")
    return sets


GROUPS = (
    "floor only",
    "floor + tags",
    "floor + edges",
    "floor + pmi",
    "floor + other",
    "in no build file",
    "nested in a longer entry",
    "rejected on review",
    "other",
)


def held(cuts: Sequence[str]) -> bool:
    """Whether some occurrence of a split term lies inside one longer token (``cover``'s cut is one
    bracketed token): the scorer's "no token boundary inside" without "whole".

    >>> held(["[建设文化强国]"]), held(["新时代|中国特色社会主义|思想", "[习近平新时代中国特色社会主义思想]"])
    (True, True)
    >>> held(["智慧|[养老服务]"])
    False
    """
    return any(cut.startswith("[") and cut.endswith("]") and "|" not in cut for cut in cuts)


def reason_group(entry: str, rejected: str, docs: int, stopped: str, cuts: Sequence[str] = ()) -> str:
    """The group of a split term in the reasons table (``GROUPS``), from its row: an entry, or a
    term some occurrence of which lies inside one longer token (``held``; 文化强国 in the entry
    建设文化强国), split only because a longer entry holds it; a reviewed reject; no build file;
    else by the gap-class tests that stop it, the floor first and then the first of jieba's
    tags, edges, PMI.

    >>> reason_group("policy", "", 46, ""), reason_group("-", "", 0, "not a run")
    ('nested in a longer entry', 'in no build file')
    >>> reason_group("-", "", 5, "floor (5 files); edges (entropy 1.0, bounded 2/5)")
    'floor + edges'
    >>> reason_group("-", "", 5, "floor (5 files); edges (entropy 1.0); shape (防/v 返贫/v)")
    'floor + tags'
    >>> reason_group("-", "", 28, "cut share (8/46); pmi (0.8)"), reason_group("-", "", 9, "floor (9 files)")
    ('other', 'floor only')
    >>> reason_group("-", "", 40, "cut share (13/62)", ["[建设文化强国]"])
    'nested in a longer entry'

    """
    if entry != "-" or held(cuts):
        return "nested in a longer entry"
    if rejected:
        return "rejected on review"
    if docs == 0:
        return "in no build file"
    tests = [part.strip().split(" ")[0] for part in stopped.split(";") if part.strip()]
    if not tests or tests[0] != "floor":
        return "other"
    if tests == ["floor"]:
        return "floor only"
    for test, group in (("shape", "floor + tags"), ("edges", "floor + edges"), ("pmi", "floor + pmi")):
        if test in tests:
            return group
    return "floor + other"


def group_table(rows: list[tuple[str, str]], annotated: dict[str, int]) -> list[str]:
    r"""Tab-separated lines: each group of ``GROUPS`` with its rows per set and per 100 annotated
    campaign terms of the sets (``rows``: (set, group); ``annotated``: set -> its terms).

    >>> group_table([("a", "floor only"), ("b", "floor only"), ("b", "other")], {"a": 10, "b": 20})[:2]
    ['group\ta\tb\ta per 100 terms\tb per 100 terms', 'floor only\t1\t1\t10.0\t5.0']
    """
    sets = sorted(annotated)
    counts = Counter(rows)
    lines = ["\t".join(["group", *sets, *(f"{name} per 100 terms" for name in sets)])]
    for group in GROUPS:
        found = [counts[(name, group)] for name in sets]
        if any(found):
            shares = [f"{100 * n / annotated[name]:.1f}" for n, name in zip(found, sets, strict=True)]
            lines.append("\t".join([group, *map(str, found), *shares]))
    return lines


def reject_reasons() -> dict[str, list[str]]:
    """Each term of the reviewed rejects files, with 'file: reason' of every file listing it."""
    found: dict[str, list[str]] = {}
    for path in REJECT_FILES:
        for line in path.read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            term, _, reason = line.partition("#")
            term = term.strip().split()[0] if term.strip() else ""
            if term:
                found.setdefault(term, []).append(f"{path.stem}: {reason.strip()[:60]}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    parser.add_argument("--sets", default=OPEN_SETS)
    parser.add_argument("--reasons", action="store_true", help="add the gap-class tests that stop each term")
    parser.add_argument("--groups", action="store_true", help="with --reasons: end with the groups per set")
    args = parser.parse_args(argv)
    check_sets(args.sets)
    campaign = {e.term for e in read_lexicon(DEFAULT_LEXICON)}
    policy = {e.term for e in read_lexicon(POLICY_LEXICON)}
    entries = campaign | policy
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)  # the notebooks' (make_tokenizer)
    split: list[tuple[str, str, list[str]]] = []
    annotated: Counter = Counter()
    for name in args.sets:
        for item in json.loads(ANNOTATIONS[name].read_text("utf-8"))["articles"]:
            text = (args.corpus / item["file"]).read_text("utf-8-sig", errors="replace")
            words = segmenter.segment(text)
            annotated[name] += len(item["campaign_terms"])
            for term in item["campaign_terms"]:
                if term not in words:
                    split.append((name, term, cover(words, "".join(words), term)))
    terms = sorted({term for _, term, _ in split})
    build = read_texts(corpus_files(args.corpus, build=True))
    docs, alone, total = Counter(), Counter(), Counter()
    tokenized = [segmenter.segment(text) for text in build]
    for text, words in zip(build, tokenized, strict=True):
        present = [t for t in terms if t in text]
        if not present:
            continue
        tokens = Counter(words)
        for term in present:
            docs[term] += 1
            alone[term] += tokens[term]
            total[term] += text.count(term)
    rejects = reject_reasons()
    stops: dict[str, str] = {}
    if args.reasons:
        from lexicon_stops import gap_stops

        stops = gap_stops([t for t in terms if t not in entries and t not in rejects], build, tokenized)
    header = "set\tterm\tentry\tlonger entries\tdocs\twhole\tcut\trejected"
    print(header + ("\tstopped by" if args.reasons else ""))
    groups = []
    for name, term, cuts in split:
        entry = "campaign" if term in campaign else "policy" if term in policy else "-"
        longer = ",".join(sorted(e for e in entries if term in e and e != term)[:4])
        share = f"{alone[term]}/{total[term]}"
        rejected = " || ".join(rejects.get(term, []))
        print(
            f"{name}\t{term}\t{entry}\t{longer}\t{docs[term]}\t{share}\t{' ; '.join(cuts)}\t"
            f"{rejected}" + (f"\t{stops.get(term, '')}" if args.reasons else "")
        )
        groups.append((name, reason_group(entry, rejected, docs[term], stops.get(term, ""), cuts)))
    if args.reasons and args.groups:
        print("\n" + "\n".join(group_table(groups, dict(annotated))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
