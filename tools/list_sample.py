"""A rule tried and dropped (2026-12): join the items of a parallel list written in one text at
segmentation time. This tool counts what the rule would join on the lexicon's build files and
draws a seeded random sample to read by hand (``tools/list_precision.txt``, with the verdict).

Why it was tried: 19 of the 183 split campaign terms of sets A-I are items of a parallel list in
their own article (科学立法、民主立法、依法立法; 全国文明城市、国家卫生城市、国家森林城市;
权为民所用、情为民所系、利为民所谋), most of them in no build file or in 1-4, so no corpus
class can learn them (the parallel class, ``tools/lexicon_parallel.py``, needs the list in two
build files); the list itself says each item is one unit.

The rule (``list_items``): the lists of ``textkit.enumerations.parallel_lists`` in one text's
words; an item cut into two tokens or more that passes the shape tests of
``textkit.enumerations.parallel_terms`` with one article enough, and ``phrase_flaw`` judged as if
the list owned none of its fixed part (in one text a list owns most of it: 提高质量、提高效率);
every run of tokens spelling the item as its list cut it is joined.

The build files are ``build_lexicon.corpus_files(build=True)`` of rmrb-2023-07-08 (no file of a
held-out set), cut by the notebooks' segmenter (campaign and policy lexicons, coordinated forms
joined); the sample is drawn over joined runs (an item joined twice in a file counts twice).

Usage::

    python tools/list_sample.py [--sample 40] [--seed 1] [--all]
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
from textkit.tokenize._shapes import join_shapes  # noqa: E402


def list_items(words: list[str]) -> dict[str, tuple[str, ...]]:
    """The items of the parallel lists in ``words`` (one text) that the rule joins, each with the
    tokens its list cut it into.

    >>> words = ["要", "坚持", "科学", "立法", "、", "民主", "立法", "、", "依法", "立法", "。"]
    >>> sorted(list_items(words))
    ['依法立法', '民主立法', '科学立法']
    """
    from textkit.enumerations import parallel_lists, parallel_terms, phrase_flaw

    words = [word for word in words if word]
    if not parallel_lists([words]):
        return {}
    table = parallel_terms([words], min_articles=1)
    return {
        row.term: tuple(row.segmented.split(" "))
        for row in table.itertuples()
        if phrase_flaw(row.segmented.split(" "), row.fixed, 0.0) is None
    }


def joined_runs(texts: list[str], segmenter: Segmenter) -> list[tuple[int, str, str, str, str]]:
    """Every run the rule joins: (file index, item, its cut, 8 characters before, 8 after)."""
    freq = segmenter.jieba_tokenizer.FREQ
    found = []
    for doc, joined in enumerate(segmenter.segment_joined_many(texts)):
        words = join_shapes(joined, lambda word: freq.get(word, 0) > 0).split(" ")
        cuts = {cut: item for item, cut in list_items(words).items()}
        at = 0
        while at < len(words):
            size = next((n for n in range(8, 1, -1) if tuple(words[at : at + n]) in cuts), 0)
            if size:
                before = "".join(words[max(0, at - 6) : at])[-8:]
                after = "".join(words[at + size : at + size + 6])[:8]
                item = cuts[tuple(words[at : at + size])]
                found.append((doc, item, "|".join(words[at : at + size]), before, after))
                at += size
            else:
                at += 1
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--all", action="store_true", help="list every joined item with its count")
    args = parser.parse_args(argv)
    texts = read_texts(corpus_files(args.corpus, build=True))
    found = joined_runs(texts, Segmenter(policy_lexicon=POLICY_LEXICON))
    items = Counter(item for _, item, *_ in found)
    files = len({doc for doc, *_ in found})
    runs = f"{len(found)} runs joined, {len(items)} distinct items"
    print(f"{len(texts)} build files: {runs}, in {files} files")
    if args.all:
        print(" ".join(f"{item}{n}" for item, n in items.most_common()))
    for doc, item, cut, before, after in random.Random(args.seed).sample(found, min(args.sample, len(found))):
        print(f"{item}\t{cut}\t{before}[{item}]{after}\tfile {doc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
