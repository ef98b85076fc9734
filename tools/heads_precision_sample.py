"""Draw of ``tools/heads_precision_build.txt`` (issue 12): 100 build-file articles, at most one per
file, for reading the kicker, title, subtitle, column, author, date and dateline_date textkit gives.

Rows of the prepared build-file articles (``tools/articles_diff.py --save``) sorted by
(doc_id, article_no); ``random.Random(seed).sample`` of all rows gives the order; a row is kept
unless its file already gave one, until ``n`` are kept. Prints for each the raw head, the credit
lines and the end of the raw file (as ``tools/bylines_audit.py`` does) and textkit's fields.

    python tools/heads_precision_sample.py --articles old.parquet --corpus ../shared/corpora/rmrb-2023-07-08
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO / "tools"))

from bylines_audit import CREDIT, HEAD  # noqa: E402

SEED = 20261250
N = 100
FIELDS = ["kicker", "title", "subtitle", "column", "author", "author_role", "date", "dateline_date"]
FIELDS += ["page_title", "source", "place"]


def draw(rows: list[dict], seed: int = SEED, n: int = N) -> list[dict]:
    """``n`` rows, at most one per doc_id, in the order ``random.Random(seed).sample`` gives.

    >>> rows = [{"doc_id": d, "article_no": a} for d in "abc" for a in (1, 2)]
    >>> sorted({r["doc_id"] for r in draw(rows, 0, 3)})
    ['a', 'b', 'c']
    """
    ordered = sorted(rows, key=lambda r: (str(r["doc_id"]), int(r["article_no"])))
    kept: list[dict] = []
    seen: set[str] = set()
    for row in random.Random(seed).sample(ordered, len(ordered)):
        if str(row["doc_id"]) not in seen and len(kept) < n:
            kept.append(row)
            seen.add(str(row["doc_id"]))
    return sorted(kept, key=lambda r: (str(r["doc_id"]), int(r["article_no"])))


def main() -> None:
    import pandas as pd

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    args = parser.parse_args()
    table = pd.read_parquet(args.articles)
    pieces = table.groupby("doc_id")["article_no"].transform("size")
    rows = table.assign(pieces=pieces).to_dict("records")
    for number, row in enumerate(draw(rows), start=1):
        name = str(row["doc_id"]).replace("\\", "/")
        text = (args.corpus / name).read_text("utf-8-sig", errors="replace")
        raw = [line.strip() for line in text.split("\n")]
        raw = [line for line in raw if line]
        print(f"=== {number:3d} {name}#{row['article_no']} of {row['pieces']}  ({len(raw)} lines)")
        for line in raw[:HEAD]:
            print(f"  head| {line[:90]}")
        for index, line in enumerate(raw):
            if index >= HEAD and len(line) <= 80 and CREDIT.search(line):
                print(f"  cred| {index:3d} {line[:90]}")
        for line in raw[max(HEAD, len(raw) - 2) :]:
            print(f"  tail| {line[-90:]}")
        print("  text| " + str(row["text"])[:80].replace("\n", " / "))
        for field in FIELDS:
            print(f"  {field:13s}= {row.get(field, '')!s}")


if __name__ == "__main__":
    main()
