"""Measure a change to the formulation extractor on the build files of the People's Daily sample
(``tools/formulation_precision.txt`` holds the readings).

``--save OUT`` extracts the formulations of the build files (``tools/build_lexicon.corpus_files(
build=True)``: the files whose name's SHA-1 is not 0 mod 10, without the annotated sets A and B)
with the textkit first on ``sys.path`` (this checkout unless ``PYTHONPATH`` puts another first):
the build files only are prepared (from a folder of links to them), so no held-out file is read and
the corpus-wide lexicon of quoted numbered formulations is learnt from the build files alone.
``--diff OLD NEW`` compares two saved tables: mentions (doc_id, article_no, start, end,
formulation) added and removed, distinct formulations, and a sample of ``--sample`` of each drawn
with ``random.Random(--seed)`` (``rng.sample`` of the sorted mentions, then sorted), each with 25
characters of context either side, for a reader to mark ``ok`` or ``wrong``. ``--draw TABLE``
prints a sample of ``--sample`` mentions of one saved table, drawn the same way (with the kind), to
measure the precision of the whole extractor (``tools/formulation_precision2.txt``).

    python tools/formulation_sample.py --corpus ../shared/corpora/rmrb-2023-07-08 --save new.parquet
    python tools/formulation_sample.py --diff old.parquet new.parquet --sample 40
    python tools/formulation_sample.py --draw new.parquet --sample 100 --seed 20261207
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO / "tools"))

SEED = 12
KEY = ["doc_id", "article_no", "start", "end", "formulation"]


def build_articles(corpus: Path):
    """The articles of the build files of ``corpus``, prepared from a folder of links to them."""
    from build_lexicon import corpus_files

    from textkit.pipeline import prepare_corpus

    with tempfile.TemporaryDirectory() as folder:
        for path in corpus_files(corpus, build=True):
            link = Path(folder) / path.relative_to(corpus)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(path.resolve(), link)
        return prepare_corpus(folder, default_source="人民日报").articles


def save(corpus: Path, out: Path) -> None:
    import textkit
    from textkit.extract import extract_formulations

    articles = build_articles(corpus)
    table = extract_formulations(articles, context_chars=25)
    table = table[table["kind"].isin(["quoted", "numbered"])]
    table.to_parquet(out)
    print(f"{len(table)} mentions on {len(articles)} build-file articles ({textkit.__file__})")


def diff(old: Path, new: Path, sample: int, seed: int) -> None:
    import pandas as pd

    before, after = pd.read_parquet(old), pd.read_parquet(new)
    merged = before.merge(after, on=KEY, how="outer", indicator=True, suffixes=("_old", ""))
    added = merged[merged["_merge"] == "right_only"]
    removed = merged[merged["_merge"] == "left_only"]
    print(f"# {len(before)} -> {len(after)} mentions; added {len(added)}, removed {len(removed)}")
    for name, rows, column in (("added", added, "context"), ("removed", removed, "context_old")):
        distinct = rows["formulation"].value_counts()
        print(f"# {name}: {len(rows)} mentions, {len(distinct)} distinct; most frequent:")
        print("#   " + ", ".join(f"{k} {v}" for k, v in distinct.head(15).items()))
        records = sorted(rows[[*KEY, column]].itertuples(index=False, name=None))
        rng = random.Random(seed)
        for record in sorted(rng.sample(records, min(sample, len(records)))):
            context = str(record[-1]).replace("\n", "¶")
            print(f"?\t{name}\t{record[4]}\t{record[0]}\t{context}")


def draw(table: Path, sample: int, seed: int) -> None:
    import pandas as pd

    rows = pd.read_parquet(table)
    print(f"# {len(rows)} mentions ({rows['kind'].value_counts().to_dict()}); {sample} drawn, seed {seed}")
    records = sorted(rows[[*KEY, "kind", "context"]].itertuples(index=False, name=None))
    rng = random.Random(seed)
    for record in sorted(rng.sample(records, min(sample, len(records)))):
        context = str(record[-1]).replace("\n", "¶")
        print(f"?\t{record[5]}\t{record[4]}\t{record[0]}\t{context}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--diff", type=Path, nargs=2)
    parser.add_argument("--draw", type=Path)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.save is not None:
        save(args.corpus, args.save)
    if args.diff is not None:
        diff(*args.diff, args.sample, args.seed)
    if args.draw is not None:
        draw(args.draw, args.sample, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
