"""Precision sample of ``textkit.cohesion.cohesive_terms`` on the build files of the People's Daily
sample (``tools/cohesive_precision.txt``).

The terms are learnt from the build files only (``tools/build_lexicon.corpus_files(build=True)``:
the files whose name's SHA-1 is not 0 mod 10, without the annotated sets A and B), as
``prepare_corpus`` reads them; ``--sample N`` draws N of them with ``random.Random(SEED)``
(``rng.sample`` of the sorted terms, then sorted) and prints each with one build-file context
(25 characters before, 20 after, drawn with the same generator), for a reader to mark ``ok`` (a
term: a name, a fixed formulation or set phrase, a lexicalized compound) or ``free`` (a free
combination, a phrase or a clause).

    python tools/cohesive_sample.py --corpus ../shared/corpora/rmrb-2023-07-08 --sample 100

``--quoted`` samples the quoted adaptive terms instead (``textkit.terms.adaptive_terms``, the
default kind, learnt from the same build files; ``tools/lexicon_reasons_j.txt``).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

SEED = 12


def build_articles(corpus: Path):
    """The articles of the build files of ``corpus`` (``prepare_corpus``, then by file name)."""
    from build_lexicon import corpus_files

    from textkit.pipeline import prepare_corpus

    names = {path.name for path in corpus_files(corpus, build=True)}
    articles = prepare_corpus(corpus, default_source="人民日报").articles
    keep = articles["doc_id"].astype(str).str.replace("\\", "/").str.split("/").str[-1].isin(names)
    return articles[keep].reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--quoted", action="store_true", help="the quoted adaptive terms instead")
    args = parser.parse_args(argv)
    from textkit.cohesion import cohesive_terms
    from textkit.terms import adaptive_terms

    articles = build_articles(args.corpus)
    table = adaptive_terms(articles) if args.quoted else cohesive_terms(articles)
    kind = "quoted adaptive" if args.quoted else "cohesive"
    print(f"# {len(table)} {kind} terms on {len(articles)} build-file articles")
    rng = random.Random(args.seed)
    picked = sorted(rng.sample(sorted(table["term"]), min(args.sample, len(table))))
    texts = articles["text"].tolist()
    segmented = dict(zip(table["term"], table["segmented"], strict=True))
    for term in picked:
        hits = [(i, text.find(term)) for i, text in enumerate(texts) if term in text]
        doc, at = hits[rng.randrange(len(hits))]
        text = texts[doc]
        context = text[max(0, at - 25) : at + len(term) + 20].replace("\n", "¶")
        print(f"?   {term} [{segmented[term].replace(' ', '|')}] | {context}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
