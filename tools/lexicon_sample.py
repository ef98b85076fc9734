"""Draw the precision sample of ``textkit/data/policy_lexicon.txt`` and show each term in one
build-file sentence, for reading by hand (``tools/lexicon_precision.txt`` holds the readings).

The sample: 100 terms of the whole lexicon, then 40 of each large source (suggest_terms ngram,
both, compound, quote; cedict), drawn with ``random.Random(SEED)`` in that order (another seed:
``--seed``; the 100 only: ``--per-source 0``); each term's sentence is one of its build files'
occurrences, drawn with ``random.Random(0)``.

Usage::

    python tools/lexicon_sample.py --lexicon textkit/data/policy_lexicon.txt > sample.tsv
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from build_lexicon import corpus_files, read_texts  # noqa: E402

SEED = 12
SOURCES = (
    "suggest_terms ngram",
    "suggest_terms both",
    "cedict",
    "suggest_terms compound",
    "suggest_terms quote",
)


def lexicon_rows(path: Path) -> list[tuple[str, str]]:
    """(term, source) of each line of a policy-lexicon file, its source cut before ';'."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            term, source = line.split("#", 1)
            rows.append((term.strip(), source.split(";")[0].strip()))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", type=Path, default=REPO / "textkit" / "data" / "policy_lexicon.txt")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of the draw (default {SEED})")
    parser.add_argument("--per-source", type=int, default=40, help="terms of each large source (0: none)")
    args = parser.parse_args(argv)
    rows = lexicon_rows(args.lexicon)
    rng = random.Random(args.seed)
    sample = [("overall", term) for term, _ in rng.sample(rows, 100)]
    for source in SOURCES if args.per_source else ():
        pool = [row for row in rows if row[1] == source]
        sample += [(source, term) for term, _ in rng.sample(pool, args.per_source)]
    texts = read_texts(corpus_files(args.corpus, build=True))
    pick = random.Random(0)
    for group, term in sample:
        hits = [text for text in texts if term in text]
        text = pick.choice(hits) if hits else ""
        at = text.find(term)
        context = (
            f"{text[max(0, at - 18) : at]}【{term}】{text[at + len(term) : at + len(term) + 18]}"
            if hits
            else "-"
        )
        print(group, term, " ".join(context.split()), sep="\t")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
