"""How many coordinated four-character forms ``Segmenter(shapes=True)`` joins on the lexicon's
build files, and a seeded random sample of them to read by hand (``tools/shape_precision.txt``).

The build files are ``build_lexicon.corpus_files(build=True)`` of rmrb-2023-07-08 (the hash
held-out files and the annotated sets A and B left out; sets C-H are hash-held-out files). The
segmenter is the notebooks' (campaign and policy lexicons) without the rule; the spans it would
join are ``textkit.tokenize._shapes.shape_spans`` of its words, so the count is exactly what
the rule changes.

Usage::

    python tools/shape_sample.py [--sample 40] [--seed 3] [--all]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from lexicon_corpus import corpus_files, read_texts  # noqa: E402

from textkit.tokenize import POLICY_LEXICON, Segmenter  # noqa: E402
from textkit.tokenize._shapes import shape_spans  # noqa: E402


def joined_spans(texts: list[str], segmenter: Segmenter) -> list[tuple[int, str, str, str, str]]:
    """Every span the rule joins: (file index, form, its cut, 8 characters before, 8 after)."""
    freq = segmenter.jieba_tokenizer.FREQ
    found = []
    for doc, joined in enumerate(segmenter.segment_joined_many(texts)):
        words = joined.split(" ")
        for first, end in shape_spans(words, lambda word: freq.get(word, 0) > 0).items():
            before = "".join(words[max(0, first - 6) : first])[-8:]
            after = "".join(words[end : end + 6])[:8]
            found.append((doc, "".join(words[first:end]), "|".join(words[first:end]), before, after))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="list every joined form with its count")
    args = parser.parse_args(argv)
    texts = read_texts(corpus_files(args.corpus, build=True))
    found = joined_spans(texts, Segmenter(policy_lexicon=POLICY_LEXICON))
    forms = Counter(form for _, form, *_ in found)
    files = len({doc for doc, *_ in found})
    print(
        f"{len(texts)} build files: {len(found)} spans joined, {len(forms)} distinct forms, in {files} files"
    )
    if args.all:
        print(" ".join(f"{form}{n}" for form, n in forms.most_common()))
    for doc, form, cut, before, after in random.Random(args.seed).sample(found, min(args.sample, len(found))):
        print(f"{form}\t{cut}\t{before}[{form}]{after}\tfile {doc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
