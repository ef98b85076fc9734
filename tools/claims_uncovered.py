"""List the Arabic numbers of a seeded sample of build-file articles that no claim of textkit covers
(years, months, days, clock times and ordinals after 第 left out), for a recall reading by hand.

    python tools/claims_uncovered.py --articles ARTICLES.parquet --size 150

ARTICLES is ``tools/extract_sample.py --articles``'s parquet of the prepared build-file articles (no
hash-held-out file). The articles are the first ``--size`` of ``random.Random(3612)``'s shuffle of
the build articles sorted by (doc_id, article_no), as ``tools/places_build_sample.py`` draws them
(readings: ``tools/claims_recall_build.txt``). ``--seed S --exclude-first N`` draws with another seed
from the articles that are not among the first N of seed 3612's draw (a second, independent pass:
seed 1207, part 4 of the readings).

    python tools/claims_uncovered.py --articles ARTICLES.parquet --size 150 --seed 1207 --exclude-first 150
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

SEED = 3612
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# a year, month, day, clock time or date number: not a claim by the held-out sets' conventions
_DATE_OR_TIME = re.compile(r"\d+(?:\.\d+)?(?:年|月|日|时|[:：]|号|世纪|点)")


def uncovered(articles, size: int, seed: int = SEED, exclude_first: int = 0) -> tuple[list[str], int, int]:
    """Lines ``file <TAB> context[number]context`` of the numbers no claim covers, the number of
    digit runs read and of claims found; the first ``exclude_first`` articles of ``SEED``'s draw
    are left out of the draw."""
    from textkit import extract as ex

    keys = sorted(zip(articles["doc_id"].astype(str), articles["article_no"].astype(int), strict=True))
    skip = set(random.Random(SEED).sample(keys, len(keys))[:exclude_first])
    keys = [key for key in keys if key not in skip]
    order = random.Random(seed).sample(keys, len(keys))[:size]
    sample = articles.set_index(["doc_id", "article_no"]).loc[order].reset_index()
    claims = ex.extract_claims(sample)
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for row in claims.itertuples():
        spans.setdefault((str(row.doc_id), int(row.article_no)), []).append((row.start, row.end))
    lines, runs = [], 0
    for article in sample.itertuples():
        text = str(article.text)
        covered = spans.get((str(article.doc_id), int(article.article_no)), [])
        for match in _NUMBER.finditer(text):
            runs += 1
            start, end = match.span()
            if any(s <= start < e for s, e in covered) or _DATE_OR_TIME.match(text, start):
                continue
            if text[max(0, start - 1) : start] == "第":
                continue
            context = f"{text[max(0, start - 12) : start]}[{match.group()}]{text[end : end + 10]}"
            lines.append(f"{article.doc_id}\t{context}".replace("\n", "¶"))
    return lines, runs, len(claims)


def main(argv: list[str] | None = None) -> int:
    import pandas as pd

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--size", type=int, default=150)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--exclude-first", type=int, default=0)
    args = parser.parse_args(argv)
    articles = pd.read_parquet(args.articles)
    lines, runs, n_claims = uncovered(articles, args.size, args.seed, args.exclude_first)
    print(f"# {args.size} articles, {runs} digit runs, {n_claims} claims, {len(lines)} numbers uncovered")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
