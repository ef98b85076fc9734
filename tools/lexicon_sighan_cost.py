"""What each policy-lexicon entry costs on SIGHAN 2005 (icwb2 pku and cityu test gold).

The issue's rule: the notebooks' tokenizer (campaign + policy lexicon + shapes) may not score more
than 0.01 F1 below the campaign-only tokenizer on pku or cityu. This tool says which entries
spend that budget, without a segmenter per entry (4,000 builds): every test line is segmented
once with the policy lexicon and once without it (both with the campaign lexicon and shapes),
the lines are cut into regions between the word boundaries both agree on, and each region where
they differ is charged to the policy-lexicon entries that stand as words in it (a region with
two entries is charged to both, flagged ``shared``; a region with none, ``(no entry)``, comes
from the lexicon's other effects: jieba's total frequency grows with every entry added, which
shifts every path's score a little).

Per entry: the gold words the region broke (gold spans the campaign-only cut had and the policy
cut lost) and made (the reverse), the predicted words added, and the F1 the entry's regions
take: F1 of the policy cut minus F1 with that entry's regions put back to the campaign-only cut.
The per-region changes add up exactly to the whole difference of the two cuts (printed).

cityu is traditional: lines go through ``to_simplified`` (length-preserving, as
``benchmarks/segmentation_eval.py``) and the spans are scored on the original characters.

Usage::

    PYTHONPATH=$PWD .venv/bin/python tools/lexicon_sighan_cost.py [--lexicon FILE] [--out FILE]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO.parent / "shared" / "corpora"


def boundaries(words: Sequence[str]) -> list[int]:
    """Word end offsets of a cut.

    >>> boundaries(["共同", "创造", "美好"])
    [2, 4, 6]
    """
    out, at = [], 0
    for word in words:
        at += len(word)
        out.append(at)
    return out


def regions(left: Sequence[str], right: Sequence[str]) -> list[tuple[int, int]]:
    """The spans between boundaries both cuts share where the cuts differ.

    >>> regions(["农业", "产业化", "是"], ["农业产业化", "是"])
    [(0, 5)]
    >>> regions(["a", "b"], ["a", "b"])
    []
    """
    ends_left, ends_right = set(boundaries(left)), set(boundaries(right))
    shared = sorted(ends_left & ends_right)
    out, start = [], 0
    for end in shared:
        if {b for b in ends_left if start < b <= end} != {b for b in ends_right if start < b <= end}:
            out.append((start, end))
        start = end
    return out


def spans_in(words: Sequence[str], start: int, end: int) -> list[tuple[int, int, str]]:
    """The words of a cut inside ``[start, end)``, with their spans."""
    out, at = [], 0
    for word in words:
        if at >= start and at + len(word) <= end:
            out.append((at, at + len(word), word))
        at += len(word)
    return out


def f1(correct: int, gold: int, predicted: int) -> float:
    return 2 * correct / (gold + predicted) if gold + predicted else 0.0


def charge(gold_lines, base_lines, policy_lines, entry_of):
    """Per entry (``entry_of(word)``: the policy entry a word is, or None): [broke, made,
    predicted added, regions, shared]; and the whole cut's totals."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    totals = {"gold": 0, "policy_correct": 0, "policy_predicted": 0, "base_correct": 0, "base_predicted": 0}
    for gold, base, policy in zip(gold_lines, base_lines, policy_lines, strict=True):
        gold_spans = {(s, e) for s, e, _ in spans_in(gold, 0, 10**9)}
        totals["gold"] += len(gold_spans)
        for name, cut in (("base", base), ("policy", policy)):
            spans = spans_in(cut, 0, 10**9)
            totals[f"{name}_predicted"] += len(spans)
            totals[f"{name}_correct"] += sum((s, e) in gold_spans for s, e, _ in spans)
        for start, end in regions(base, policy):
            old = {(s, e) for s, e, _ in spans_in(base, start, end)}
            new_words = spans_in(policy, start, end)
            new = {(s, e) for s, e, _ in new_words}
            broke, made = len((old - new) & gold_spans), len((new - old) & gold_spans)
            entries = sorted({entry_of(w) for _, _, w in new_words} - {None}) or ["(no entry)"]
            for entry in entries:
                row = table[entry]
                row[0] += broke
                row[1] += made
                row[2] += len(new) - len(old)
                row[3] += 1
                row[4] += len(entries) > 1
    return table, totals


def entry_f1_cost(row: list[int], totals: dict[str, int]) -> float:
    """F1 the entry's regions take from the policy cut (positive: the entry costs)."""
    correct, predicted = totals["policy_correct"], totals["policy_predicted"]
    without = f1(correct + row[0] - row[1], totals["gold"], predicted - row[2])
    return without - f1(correct, totals["gold"], predicted)


def cut_all(segmenter, lines: Sequence[str], traditional: bool) -> list[list[str]]:
    """Each line's words, as strings of the line's own characters (cityu: cut after t2s)."""
    if not traditional:
        return [segmenter.segment(line) for line in lines]
    from textkit.normalize import to_simplified

    sys.path.insert(0, str(REPO / "benchmarks"))
    from segmentation_eval import convert_lines, map_back

    converted = convert_lines(lines, to_simplified).lines
    return [map_back(segmenter.segment(new), new, old) for new, old in zip(converted, lines, strict=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", type=Path, help="policy lexicon (default: the committed one)")
    parser.add_argument("--out", type=Path, default=None, help="write the table here (default: stdout)")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    from segmentation_eval import read_gold, read_lines

    from textkit.normalize import to_simplified
    from textkit.tokenize import POLICY_LEXICON, Segmenter
    from textkit.tokenize._base import read_lexicon

    lexicon = args.lexicon or POLICY_LEXICON
    campaign = {e.term for e in read_lexicon(Segmenter().lexicon)}
    policy_terms = {e.term for e in read_lexicon(lexicon)} - campaign
    base = Segmenter(shapes=True)
    policy = Segmenter(policy_lexicon=lexicon, shapes=True)
    out = [
        "# Per-entry SIGHAN cost of the policy lexicon (tools/lexicon_sighan_cost.py): each test line cut",
        "# with campaign lexicon + shapes (base) and with campaign + policy lexicon + shapes (the",
        "# notebooks' tokenizer); each differing region charged to the policy entries standing in it.",
        "# broke / made: gold words the entry's regions lost / gained; pred: predicted words added;",
        "# dF1: F1 the entry's regions take (F1 without them minus F1 with them; > 0 costs);",
        "# shared: regions that held more than one entry (charged to each).",
    ]
    summary = []
    for corpus, traditional in (("pku", False), ("cityu", True)):
        folder = args.corpora / "icwb2"
        lines = read_lines(folder / f"{corpus}_test.utf8")
        gold = read_gold(folder / f"{corpus}_test_gold.utf8")
        base_cut = cut_all(base, lines, traditional)
        policy_cut = cut_all(policy, lines, traditional)
        # cityu's words are traditional: the entry is the simplified form of the word
        convert = to_simplified if traditional else str
        words = {word for line in policy_cut for word in line}
        entries = {word: convert(word) for word in words if convert(word) in policy_terms}
        table, totals = charge(gold, base_cut, policy_cut, entries.get)
        f1_base = f1(totals["base_correct"], totals["gold"], totals["base_predicted"])
        f1_policy = f1(totals["policy_correct"], totals["gold"], totals["policy_predicted"])
        summary.append(
            f"# {corpus}: F1 base {f1_base:.5f}, with policy {f1_policy:.5f} ({f1_policy - f1_base:+.5f}); "
            f"entries with a region: {sum(k != '(no entry)' for k in table)}"
        )
        out_rows = []
        for entry, row in table.items():
            out_rows.append((entry_f1_cost(row, totals), corpus, entry, row))
        out_rows.sort(key=lambda r: (-r[0], r[2]))
        costs = [r[0] for r in out_rows if r[2] != "(no entry)" and r[0] > 0]
        total_cost = f1_base - f1_policy
        for top in (5, 10, 20, 50):
            summary.append(
                f"#   {corpus}: the {top} costliest entries take {sum(costs[:top]):.5f} F1 "
                f"(of {len(costs)} entries with a positive cost, together {sum(costs):.5f}; "
                f"whole cost {total_cost:.5f})"
            )
        out.append("")
        out.append("corpus\tentry\tdF1\tbroke\tmade\tpred\tregions\tshared")
        for cost, corpus_name, name, row in out_rows:
            out.append(f"{corpus_name}\t{name}\t{cost:.6f}\t{row[0]}\t{row[1]}\t{row[2]}\t{row[3]}\t{row[4]}")
    text = "\n".join(out[:6] + summary + out[6:]) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print("\n".join(summary))
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
