"""Time and effect of the corpus-adaptive cohesive terms (``textkit.cohesion.cohesive_terms``) on
the People's Daily sample, against a plain serial ``jieba.lcut`` loop over the same texts in the
same run.

Prints: the seconds of the ``jieba.lcut`` loop (the reference), of ``cohesive_terms`` on the
whole corpus (segmentation included), and of segmenting the corpus again with the terms added
(``Segmenter.with_terms``); then how many tokens of the notebooks' segmentation change: tokens
whose character span is no token any more (merged into a term, or cut otherwise), and the
occurrences of the added terms as tokens.

    .venv/bin/python benchmarks/cohesive_speed.py --corpus ../shared/corpora/rmrb-2023-07-08

The machine's cores may be shared: compare the ratios printed in the same run.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08"


def spans(words: list[str]) -> set[tuple[int, int]]:
    """The (start, end) character span of every word."""
    out, at = set(), 0
    for word in words:
        out.add((at, at + len(word)))
        at += len(word)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}")
        return 1
    sys.path.insert(0, str(REPO))
    import jieba

    from textkit.cohesion import cohesive_terms
    from textkit.pipeline import prepare_corpus
    from textkit.tokenize import POLICY_LEXICON, Segmenter

    logging.getLogger("jieba").setLevel(logging.WARNING)
    texts = prepare_corpus(args.corpus, default_source="人民日报").articles["text"].tolist()
    jieba.lcut("预热")
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    reference = time.perf_counter() - start
    base = Segmenter(policy_lexicon=POLICY_LEXICON)
    start = time.perf_counter()
    table = cohesive_terms(texts, segmenter=base)
    learn = time.perf_counter() - start
    adapted = base.with_terms(table["term"])
    adapted.segment("预热")
    before = [base.segment(text) for text in texts]
    start = time.perf_counter()
    after = [adapted.segment(text) for text in texts]
    again = time.perf_counter() - start
    n_tokens = sum(map(len, before))
    changed = sum(len(spans(old) - spans(new)) for old, new in zip(before, after, strict=True))
    terms = set(table["term"])
    as_tokens = Counter(word for words in after for word in words if word in terms)
    print(f"{len(texts)} articles, {n_tokens} tokens; {len(table)} cohesive terms")
    print("| step | seconds | × jieba.lcut loop |")
    print("| --- | --- | --- |")
    print(f"| jieba.lcut, serial (reference) | {reference:.1f} | 1.00 |")
    print(f"| cohesive_terms (segmentation included) | {learn:.1f} | {learn / reference:.2f} |")
    print(f"| segment again with the terms | {again:.1f} | {again / reference:.2f} |")
    print(
        f"tokens whose span is no token any more: {changed} ({changed / n_tokens:.2%}); "
        f"added terms as tokens: {sum(as_tokens.values())} occurrences of {len(as_tokens)} terms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
