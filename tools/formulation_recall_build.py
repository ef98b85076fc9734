"""List, for a recall reading by hand, the quoted spans of a seeded sample of build-file articles
that textkit's ``extract_formulations`` does not return (readings: ``tools/formulation_recall_build.txt``).

    python tools/formulation_recall_build.py --articles ARTICLES.parquet --size 100
    python tools/formulation_recall_build.py --articles ARTICLES.parquet --size 8 --texts

ARTICLES is ``tools/extract_sample.py --articles``'s parquet of the prepared build-file articles (no
hash-held-out file). The articles are the first ``--size`` of ``random.Random(SEED)``'s shuffle of
the build articles sorted by (doc_id, article_no), as ``tools/claims_uncovered.py`` draws them, with
its own seed (written here before the draw). ``--texts`` prints the articles whole with textkit's
formulations after each, for reading every formulation by hand; otherwise each quote (“…”, ‘…’,
「…」, 『…』; not 《…》) that no formulation row starts at is printed with 20 characters either side.
Formulations are extracted with the corpus lexicon learnt from all of ARTICLES (as the notebooks
and ``benchmarks/heldout_score.py`` run ``extract_formulations`` on a whole corpus).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SEED = 20261207


def sample_of(articles, size: int, seed: int = SEED):
    keys = sorted(zip(articles["doc_id"].astype(str), articles["article_no"].astype(int), strict=True))
    order = random.Random(seed).sample(keys, len(keys))[:size]
    return articles.set_index(["doc_id", "article_no"]).loc[order].reset_index()


def missed_quotes(articles, size: int, seed: int = SEED) -> tuple[list[str], int, int]:
    """Lines ``doc_id <TAB> context[quote]context`` of the quotes with no formulation row, the
    number of quotes read and of quoted rows found."""
    from textkit import extract as ex
    from textkit.extract.formulations import default_lexicon
    from textkit.extract.quotes import find_quotes

    sample = sample_of(articles, size, seed)
    lexicon = default_lexicon(articles)
    rows = ex.extract_formulations(sample, lexicon=lexicon)
    starts: dict[tuple[str, int], set[int]] = {}
    for row in rows.itertuples():
        if row.quoted:
            starts.setdefault((str(row.doc_id), int(row.article_no)), set()).add(int(row.start))
    lines, read = [], 0
    for article in sample.itertuples():
        text = str(article.text)
        found = starts.get((str(article.doc_id), int(article.article_no)), set())
        for quote in find_quotes(text):
            if quote.mark == "《":
                continue
            read += 1
            if quote.start in found:
                continue
            s, e = quote.start, quote.end
            context = f"{text[max(0, s - 21) : s]}[{text[s:e]}]{text[e : e + 20]}"
            lines.append(f"{article.doc_id}\t{context}".replace("\n", "¶"))
    return lines, read, int(rows["quoted"].sum())


def texts(articles, size: int, seed: int = SEED) -> None:
    from textkit import extract as ex
    from textkit.extract.formulations import default_lexicon

    sample = sample_of(articles, size, seed)
    rows = ex.extract_formulations(sample, lexicon=default_lexicon(articles))
    rows = rows[rows["kind"].isin(["quoted", "numbered"])]
    for article in sample.itertuples():
        print(f"=== {article.doc_id} #{article.article_no}\n{article.text}")
        mine = rows[(rows["doc_id"] == article.doc_id) & (rows["article_no"] == article.article_no)]
        print("--- textkit:", " | ".join(mine["formulation"]))


def main(argv: list[str] | None = None) -> int:
    import pandas as pd

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--texts", action="store_true")
    args = parser.parse_args(argv)
    articles = pd.read_parquet(args.articles)
    if args.texts:
        texts(articles, args.size, args.seed)
        return 0
    lines, read, found = missed_quotes(articles, args.size, args.seed)
    head = f"# {args.size} articles (seed {args.seed}): {read} quotes, {found} quoted rows"
    print(f"{head}, {len(lines)} quotes left out")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
