"""How many campaign terms come out as one token on People's Daily files the lexicon never saw.

Held-out files: those of ``rmrb-2023-07-08`` whose name's SHA-1 is 0 modulo 10
(``tools/build_lexicon.held_out``); ``tools/build_lexicon.py`` builds the policy lexicon from the
other files only. Campaign terms: every term of the seed campaign lexicon
(``textkit/data/campaign_lexicon.txt``) plus the examples of issue 12 (``ISSUE_TERMS``), found
in the raw text by string matching, and the campaign terms annotated in the 12 articles of
``tests/data/heldout_rmrb.json`` (their occurrences in these other files). An occurrence is
whole when one token of the segmentation has exactly its characters; the share is over all
occurrences, and per term set.

Before: ``Segmenter()`` (campaign lexicon only); after:
``Segmenter(policy_lexicon=POLICY_LEXICON)``.

Usage::

    .venv/bin/python benchmarks/lexicon_wholeness.py --corpus ../shared/corpora/rmrb-2023-07-08
    .venv/bin/python benchmarks/lexicon_wholeness.py --policy old_policy_lexicon.txt   # another file
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from build_lexicon import corpus_files, read_texts  # noqa: E402

from textkit.tokenize import DEFAULT_LEXICON, POLICY_LEXICON, Segmenter, read_lexicon  # noqa: E402

# The terms issue 12 found split on unseen People's Daily articles (a test list, not a lexicon).
ISSUE_TERMS = [
    "调查研究",
    "绿水青山就是金山银山",
    "总体国家安全观",
    "习近平法治思想",
    "长江经济带",
    "共抓大保护",
    "党的创新理论",
    "担当作为",
    "生态文明建设",
    "新时代文明实践中心",
    "党的二十大精神",
    "立行立改",
    "善作善成",
    "民生为大",
    "八项规定",
    "智改数转",
    "最美公务员",
    "一网统管",
]


def wholeness(texts: list[str], terms: list[str], segmenter: Segmenter) -> dict[str, tuple[int, int]]:
    """Per term: (occurrences whole, occurrences) over the texts."""
    pattern = re.compile("|".join(sorted(map(re.escape, terms), key=len, reverse=True)))
    out = {term: [0, 0] for term in terms}
    for text in texts:
        matches = list(pattern.finditer(text))
        if not matches:
            continue
        compact = re.sub(r"\s", "", text)
        spans, start = set(), 0
        for word in segmenter.segment(compact):
            spans.add((start, start + len(word)))
            start += len(word)
        for match in pattern.finditer(compact):
            out[match.group()][1] += 1
            out[match.group()][0] += (match.start(), match.end()) in spans
    return {term: (whole, total) for term, (whole, total) in out.items() if total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    parser.add_argument("--policy", type=Path, default=POLICY_LEXICON, help="policy lexicon file")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    files = corpus_files(args.corpus, build=False)
    texts = read_texts(files)
    seed_terms = [entry.term for entry in read_lexicon(DEFAULT_LEXICON)]
    annotated = json.loads((REPO / "tests" / "data" / "heldout_rmrb.json").read_text("utf-8"))["articles"]
    heldout_terms = sorted({term for item in annotated for term in item["campaign_terms"]})
    sets = {
        "seed campaign lexicon": seed_terms,
        "issue 12 examples": list(ISSUE_TERMS),
        "terms of the annotated 12": heldout_terms,
    }
    print(f"{len(files)} held-out files")
    print("| term set | system | occurrences whole | share | terms seen | terms always whole |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, segmenter in [
        ("before (campaign only)", Segmenter(policy_lexicon=None)),
        ("after (+ policy)", Segmenter(policy_lexicon=args.policy)),
    ]:
        for set_name, terms in [*sets.items(), ("all", sorted(set(seed_terms) | set(ISSUE_TERMS)))]:
            found = wholeness(texts, terms, segmenter)
            whole = sum(w for w, _ in found.values())
            total = sum(t for _, t in found.values())
            always = sum(w == t for w, t in found.values())
            share = whole / total if total else float("nan")
            print(f"| {set_name} | {label} | {whole}/{total} | {share:.3f} | {len(found)} | {always} |")
        split = {t: wt for t, wt in wholeness(texts, list(ISSUE_TERMS), segmenter).items() if wt[0] < wt[1]}
        print(f"issue terms not always whole, {label}: {split or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
