"""A class of three-character dictionary words that jieba's dictionary misjoins: CC-CEDICT
headwords of three Han characters whose plain jieba cut holds a piece of two characters or more
that CC-CEDICT does not list (碳中|和: jieba's dictionary holds 碳中, no word; 大湾|区), found in
build files and still cut by the tokenizer the build has made so far; read whole
(``tools/build_lexicon.py`` adds every member not rejected in ``MISJOINED_REJECTS``).

Why (the reasons table of ``tools/lexicon_misses.py`` on the open sets A-H, 2026-12): 碳中和, in
87 build files and split in three of the open sets (D, F, H), is proposed by no class. The cedict
source starts at four characters; the gap class finds 碳|中|和 (PMI 7.2, edges stable) but its
shape test tags the pieces jieba's dictionary gives it (碳/n 中/f 和/c: the last word a
conjunction, so neither a noun nor, at PMI < 10, a set phrase). The dictionary word is the
evidence the tagger lacks; the wrong piece is what makes the cut wrong rather than a phrase's:
most three-character CC-CEDICT headwords that jieba cuts are phrases it cuts right (发展|中,
不|可能, 副|主任: 133 in >= 10 build files, about one in ten a word), and every piece of those
is a word.

Criterion (``misjoined_class``):

- a simplified CC-CEDICT headword of exactly 3 Han characters with lower-case pinyin only
  (``lexicon_corpus.cedict_common_words``: a common word, not a name);
- plain jieba (no lexicon) cuts it, and a piece of 2+ characters is no CC-CEDICT headword and
  does not start with a numeral, demonstrative or quantifier (``COUNTED``: 一个|人, 下|一步 are
  jieba's number words, not wrong pieces);
- in at least ``MISJOINED_MIN_DOCS`` build files, and cut by the tokenizer built so far.

Read whole (all 19 members at the floor of 5 files; ``python tools/lexicon_misjoined.py``): kept
when a researcher counts it as one word; rejects with a reason in ``MISJOINED_REJECTS``, names
(offices, places) among them. Too few members for a sample: each kept one is read in
``tools/lexicon_misjoined_precision.txt`` in a build-file sentence.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MISJOINED_REJECTS = REPO / "tools" / "lexicon_misjoined_rejects.txt"
MISJOINED_MIN_DOCS = 5
MISJOINED_CHARS = 3
COUNTED = re.compile(r"[〇零一二三四五六七八九十百千万亿两几多每这那各某上下本该此其]")


def wrong_pieces(pieces: list[str], headwords: frozenset[str] | set[str]) -> list[str]:
    """The pieces of a jieba cut, two characters or more, that are no dictionary headword and do
    not start with a number, demonstrative or quantifier.

    >>> wrong_pieces(["碳中", "和"], {"碳", "和", "中和"}), wrong_pieces(["一个", "人"], {"人"})
    (['碳中'], [])
    """
    return [p for p in pieces if len(p) > 1 and p not in headwords and not COUNTED.match(p)]


def misjoined_class(texts: list[str], plain, still_cut) -> dict[str, tuple[int, str]]:
    """Every member (see the module's docstring): term -> (its build files, jieba's wrong piece).
    ``plain`` is a Segmenter without lexicon; ``still_cut(term)`` says whether the tokenizer built
    so far cuts it."""
    from lexicon_corpus import HAN, _cedict_entries, cedict_common_words
    from lexicon_filters import doc_frequencies

    headwords = frozenset(word for word, _ in _cedict_entries())
    common = cedict_common_words()
    found = {}
    for word in sorted(w for w in common if len(w) == MISJOINED_CHARS and HAN.fullmatch(w)):
        pieces = plain.segment(word)
        bad = wrong_pieces(pieces, headwords) if len(pieces) > 1 else []
        if bad:
            found[word] = bad[0]
    docs = doc_frequencies(texts, sorted(found))
    return {
        word: (docs[word], piece)
        for word, piece in found.items()
        if docs.get(word, 0) >= MISJOINED_MIN_DOCS and still_cut(word)
    }


def misjoined_terms(texts: list[str], rows: dict[str, str], left_out: set[str]) -> dict[str, int]:
    """The members review keeps (all but ``MISJOINED_REJECTS`` and ``left_out``: what the build's
    filters dropped), with their build files, for the tokenizer of the campaign lexicon and
    ``rows``."""
    from lexicon_gaps import _tokenize
    from lexicon_parallel import read_rejects

    from textkit.tokenize import Segmenter

    plain = Segmenter(lexicon=None)
    members = misjoined_class(texts, plain, lambda word: True)
    cuts = _tokenize(sorted(members), rows)
    still = {word for word, words in zip(sorted(members), cuts, strict=True) if len(words) > 1}
    print(f"misjoined class: {len(members)} members: {' '.join(sorted(members))}", file=sys.stderr)
    rejects = read_rejects(MISJOINED_REJECTS) | left_out  # lines 'term  # reason'
    return {word: docs for word, (docs, _) in members.items() if word in still and word not in rejects}


def main(argv: list[str] | None = None) -> int:
    """Print the class for the committed tokenizer: term, build files, jieba's wrong piece."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "tools"))
    import build_lexicon as build

    from textkit.tokenize import POLICY_LEXICON, Segmenter

    texts = build.read_texts(build.corpus_files(args.corpus, build=True))
    committed = Segmenter(policy_lexicon=POLICY_LEXICON)
    members = misjoined_class(texts, Segmenter(lexicon=None), lambda w: len(committed.segment(w)) > 1)
    for word, (docs, piece) in sorted(members.items(), key=lambda item: (-item[1][0], item[0])):
        print(word, docs, piece, "|".join(Segmenter(lexicon=None).segment(word)), sep="\t")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
