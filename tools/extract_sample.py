"""Measure a change to the place, claim or formulation extractor on the build files of the People's
Daily sample (readings in ``tools/extract_precision.txt``).

``--save OUT --task T`` extracts task T's rows (``places``, ``claims`` or ``formulations`` of kind
quoted or numbered) from the build files (``tools/build_lexicon.corpus_files(build=True)``: the
files whose name's SHA-1 is not 0 mod 10, without the annotated sets A and B), prepared from a
folder of links to them (``formulation_sample.build_articles``), so no hash-held-out file is read;
``--articles FILE`` keeps the prepared articles there (read when it exists) so that the runs of one
round share them. ``--diff OLD NEW --task T`` compares two saved tables: mentions (doc_id,
article_no, start, end and the task's value) added and removed, with a sample of ``--sample`` of
each drawn with ``random.Random(--seed)`` (``rng.sample`` of the sorted mentions, then sorted),
each with its context, for a reader to mark ``ok`` or ``wrong``.

    python tools/extract_sample.py --corpus ../shared/corpora/rmrb-2023-07-08 --task places \
        --articles /tmp/build_articles.parquet --save new.parquet
    python tools/extract_sample.py --task places --diff old.parquet new.parquet --sample 40
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO / "tools"))

SEED = 12
KEYS = {
    "places": ["doc_id", "article_no", "start", "end", "name"],
    "claims": ["doc_id", "article_no", "start", "end", "value", "unit"],
    "formulations": ["doc_id", "article_no", "start", "end", "formulation"],
}


def articles_of(corpus: Path | None, cache: Path | None):
    """The prepared build-file articles, from ``cache`` when it exists (written there otherwise)."""
    import pandas as pd

    if cache is not None and cache.exists():
        return pd.read_parquet(cache)
    from formulation_sample import build_articles

    articles = build_articles(corpus)
    if cache is not None:
        articles.to_parquet(cache)
    return articles


def save(task: str, corpus: Path | None, out: Path, cache: Path | None) -> None:
    import textkit
    from textkit import extract as ex

    articles = articles_of(corpus, cache)
    if task == "places":
        table = ex.extract_places(articles, context_chars=20)
    elif task == "claims":
        table = ex.extract_claims(articles, context_chars=20)
    else:
        table = ex.extract_formulations(articles, context_chars=25)
        table = table[table["kind"].isin(["quoted", "numbered"])]
    table.to_parquet(out)
    print(f"{len(table)} {task} mentions on {len(articles)} build-file articles ({textkit.__file__})")


def diff(task: str, old: Path, new: Path, sample: int, seed: int) -> None:
    import pandas as pd

    key = KEYS[task]
    before, after = pd.read_parquet(old), pd.read_parquet(new)
    merged = before.merge(after, on=key, how="outer", indicator=True, suffixes=("_old", ""))
    added = merged[merged["_merge"] == "right_only"]
    removed = merged[merged["_merge"] == "left_only"]
    print(f"# {len(before)} -> {len(after)} mentions; added {len(added)}, removed {len(removed)}")
    label = key[4:]
    for name, rows, column in (("added", added, "context"), ("removed", removed, "context_old")):
        values = rows[label].astype(str).agg(" ".join, axis=1)
        distinct = values.value_counts()
        print(f"# {name}: {len(rows)} mentions, {len(distinct)} distinct; most frequent:")
        print("#   " + ", ".join(f"{k} {v}" for k, v in distinct.head(15).items()))
        records = sorted(
            tuple(str(x) for x in rec)
            for rec in rows[[*key, column]].itertuples(index=False, name=None)
        )
        rng = random.Random(seed)
        for record in sorted(rng.sample(records, min(sample, len(records)))):
            context = record[-1].replace("\n", "¶")
            print(f"?\t{name}\t{' '.join(record[4:-1])}\t{record[0]}\t{context}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--task", choices=sorted(KEYS), required=True)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--articles", type=Path, help="prepared build-file articles (parquet), kept")
    parser.add_argument("--save", type=Path)
    parser.add_argument("--diff", type=Path, nargs=2)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.save is not None:
        save(args.task, args.corpus, args.save, args.articles)
    if args.diff is not None:
        diff(args.task, *args.diff, args.sample, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
