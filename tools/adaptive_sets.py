"""Campaign terms whole on the open held-out sets with each kind of corpus-adaptive terms, in one run.

``benchmarks/heldout_score.py --set X --adaptive [--unquoted] [--parallel]`` learns the adaptive
terms from the whole corpus folder again for every set and every option; this learns each kind
once (``textkit.terms.adaptive_terms`` with ``unquoted`` and ``parallel``, the folder's every file
as it is, as the scorer does) and scores A-M's articles with every combination, with the terms
each option gains and loses per set. Set N is blind and refused (``lexicon_misses.check_sets``).

    PYTHONPATH=$PWD .venv/bin/python tools/adaptive_sets.py [--sets abcdefghijklm] > /tmp/adaptive.txt

The terms are learnt from the folder's articles as ``prepare_corpus`` reads them (what a notebook
passes, and what the scorer's ``--adaptive`` uses: ``heldout_score.adaptive_texts``); ``--raw``
learns them from the raw files instead (the scorer before: the folder holds 516 exact duplicate
files, so a phrase quoted in one article printed twice passes the two-article test).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tools"))

from heldout_score import ANNOTATIONS, CORPUS, adaptive_texts  # noqa: E402
from lexicon_misses import OPEN_SETS, check_sets  # noqa: E402

OPTIONS = {
    "none": (),
    "quoted": ("quoted",),
    "quoted+parallel": ("quoted", "parallel"),
    "quoted+unquoted": ("quoted", "cohesive"),
    "all three": ("quoted", "cohesive", "parallel"),
}


def set_articles(name: str, corpus: Path):
    """(gold items, the articles table) of one set, read as the scorer reads them."""
    from textkit.pipeline import prepare_corpus

    gold = json.loads(ANNOTATIONS[name].read_text("utf-8"))["articles"]
    with tempfile.TemporaryDirectory() as tmp:
        for item in gold:
            target = Path(tmp) / item["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(corpus / item["file"], target)
        articles = prepare_corpus(tmp, default_source="人民日报").articles
    return gold, articles


def split_terms(gold, articles, tokenizer) -> list[tuple[str, str]]:
    """(file, term) of every annotated campaign term not one token of its article (the scorer's test)."""
    split = []
    for item in gold:
        doc = item["file"]
        rows = articles[articles["doc_id"].astype(str).str.replace("\\", "/") == doc]
        tokens = set(tokenizer.segment("\n".join(rows["text"]))) if len(rows) else set()
        split.extend((doc, term) for term in item["campaign_terms"] if term not in tokens)
    return split


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sets", default=OPEN_SETS)
    parser.add_argument("--raw", action="store_true", help="learn from the raw files, duplicates included")
    args = parser.parse_args(argv)
    check_sets(args.sets)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    from textkit.pipeline import make_tokenizer
    from textkit.terms import adaptive_terms

    if args.raw:
        texts = [p.read_text("utf-8", errors="replace") for p in sorted(args.corpus.rglob("*.txt"))]
    else:
        texts = adaptive_texts(args.corpus)
    table = adaptive_terms(texts, unquoted=True, parallel=True)
    kinds_found = ("quoted", "cohesive", "parallel")
    by_kind = {kind: table.loc[table["kind"] == kind, "term"].tolist() for kind in kinds_found}
    print("adaptive terms of the folder: " + ", ".join(f"{k} {len(v)}" for k, v in by_kind.items()))
    tokenizers = {
        option: make_tokenizer(extra_terms=[t for kind in kinds for t in by_kind[kind]])
        if kinds
        else make_tokenizer()
        for option, kinds in OPTIONS.items()
    }
    totals = dict.fromkeys(OPTIONS, 0)
    n_terms = 0
    print("set\tterms\t" + "\t".join(OPTIONS))
    changes = []
    for name in args.sets:
        gold, articles = set_articles(name, args.corpus)
        n = sum(len(item["campaign_terms"]) for item in gold)
        n_terms += n
        split = {option: split_terms(gold, articles, tok) for option, tok in tokenizers.items()}
        whole = {option: n - len(found) for option, found in split.items()}
        for option in OPTIONS:
            totals[option] += whole[option]
            if option != "none":
                gained = sorted(set(split["none"]) - set(split[option]))
                lost = sorted(set(split[option]) - set(split["none"]))
                changes += [f"{name}\t{option}\t+\t{doc}\t{term}" for doc, term in gained]
                changes += [f"{name}\t{option}\t-\t{doc}\t{term}" for doc, term in lost]
        print(f"{name}\t{n}\t" + "\t".join(str(whole[o]) for o in OPTIONS))
    print(f"all\t{n_terms}\t" + "\t".join(str(totals[o]) for o in OPTIONS))
    print("\nset\toption\tgained/lost\tfile\tterm")
    print("\n".join(changes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
