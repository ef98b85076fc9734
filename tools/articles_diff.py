"""Measure a change to article splitting and headline reading on the build files of the People's
Daily sample (readings in ``tools/heads_precision_k.txt``).

``--save OUT`` prepares the build files (``tools/build_lexicon.corpus_files(build=True)``: the
files whose name's SHA-1 is not 0 mod 10, without the annotated sets) with the textkit on the path
(``extract_sample.articles_of``: a folder of links, so no hash-held-out file is read) and keeps the
articles table. ``--diff OLD NEW`` lists every file whose articles changed: the number of articles
and, article by article, each metadata field that differs (old → new), with counts per field.

    python tools/articles_diff.py --corpus ../shared/corpora/rmrb-2023-07-08 --save new.parquet
    python tools/articles_diff.py --diff old.parquet new.parquet
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO / "tools"))

FIELDS = ["kicker", "title", "subtitle", "author", "author_note", "column", "page_title"]
FIELDS += ["date", "dateline_date", "n_chars"]


def changes(before, after) -> tuple[list[str], Counter]:
    """One line per changed field of each article of each file whose articles differ, and the
    count of changed fields by name (``n_articles`` when a file's article count changed).

    >>> import pandas as pd
    >>> old = pd.DataFrame({"doc_id": ["a", "b"], "article_no": [1, 1], "title": ["x", "y"]})
    >>> new = pd.DataFrame({"doc_id": ["a", "b", "b"], "article_no": [1, 1, 2], "title": ["x", "y", "z"]})
    >>> lines, counts = changes(old, new)
    >>> lines, dict(counts)
    (['b\\tn_articles\\t1 -> 2', 'b#2\\ttitle\\t(none) -> z'], {'n_articles': 1, 'title': 1})
    """
    fields = [name for name in FIELDS if name in before.columns and name in after.columns]
    old = {doc: rows.to_dict("records") for doc, rows in before.groupby("doc_id", sort=True)}
    new = {doc: rows.to_dict("records") for doc, rows in after.groupby("doc_id", sort=True)}
    lines: list[str] = []
    counts: Counter = Counter()
    for doc in sorted(set(old) | set(new)):
        rows_old, rows_new = old.get(doc, []), new.get(doc, [])
        if len(rows_old) != len(rows_new):
            lines.append(f"{doc}\tn_articles\t{len(rows_old)} -> {len(rows_new)}")
            counts["n_articles"] += 1
        for number in range(max(len(rows_old), len(rows_new))):
            a = rows_old[number] if number < len(rows_old) else {}
            b = rows_new[number] if number < len(rows_new) else {}
            for name in fields:
                was, now = a.get(name, "(none)"), b.get(name, "(none)")
                if str(was) != str(now):
                    lines.append(f"{doc}#{number + 1}\t{name}\t{was} -> {now}")
                    counts[name] += 1
    return lines, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--diff", type=Path, nargs=2)
    args = parser.parse_args(argv)
    if args.save is not None:
        from extract_sample import articles_of

        articles = articles_of(args.corpus, None)
        articles.to_parquet(args.save)
        print(f"{len(articles)} build-file articles of {articles['doc_id'].nunique()} files")
    if args.diff is not None:
        import pandas as pd

        lines, counts = changes(*(pd.read_parquet(path) for path in args.diff))
        print("# changed: " + ", ".join(f"{name} {n}" for name, n in counts.most_common()))
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
