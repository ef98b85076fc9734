"""A class of noun-shaped terms in 5-19 build files: gap-class members below its 20-file floor
whose pieces are all nouns, read whole (``tools/build_lexicon.py`` adds the members kept on
reading, ``BAND_KEEPS``).

Why (``tools/lexicon_misses.py --sets a,b,c,d,e,f,g,h --reasons``, 2026-12): 48 of the 151 split
campaign terms of the open sets pass every test of the gap class (``tools/lexicon_gaps.py``) but
its floor of ``GAP_MIN_DOCS`` build files (制度优势 in 19). Lowered to 10 files the class has
about 2,000 new members, most of them free phrases (一项重要举措, 方面的优势, 推动经济持续回升向好).

Signal, measured on a sample read by hand (80 members in 10-19 files drawn with
``random.Random(12)``, 2026-12; T = a term, name or set phrase, the gap class's standard): 34/80
T (0.43). Spread over dates (>= 8 publication days) 28/66 (0.42: no signal; a free phrase recurs
across days as often as a term); next to a 、 in >= 0.1 of occurrences 14/26 (0.54); PMI >= 7
21/55 (0.38); a noun-shaped cut (``noun_cut``: every token a noun by jieba's dictionary tag, or
not in jieba's dictionary, none a function word, adverb, numeral, measure, place or time word,
the first no person name, idiom or set phrase) 24/32 (0.75), with 24 of the 34 terms. The
noun-shaped cut is the class's signal; the rest of the band (verb phrases such as 摆脱贫困, 靠前
指挥) is left out: there the sample's terms were few among many clauses.

Criterion (``band_class``), on the build files cut by the tokenizer the build has made so far:
a gap-class member (``lexicon_gaps.gap_candidates`` with ``stable_edges``) in ``BAND_MIN_DOCS``
to ``GAP_MIN_DOCS`` - 1 build files with a noun-shaped cut (``gap_candidates`` asks for
``BAND_MIN_DOCS`` files both holding the string and cutting it as a run of tokens: a member enters
at the floor its run files reach). The floor is lowered in steps, every member down to the new
floor read before the rebuild: 15 in the first round (227 members with the committed tokenizer;
a looser noun test tried first, with verbs inside, had 321 members in 15-19 files and 913 in
10-19), then 14 (83 more members with the build's tokenizer), 12 (bands 13 and 12: 103 and 127
more) and 10 (bands 11 and 10: 142 and 182 more); 245 of the 637 read as terms (0.38, against
0.55 in 15-19). One member read as a term is rejected for its cost on SIGHAN (农业产业化: pku's
gold cuts it in all 40 of its occurrences). Third round, floor 5 (2026-12): 2,531 more members
with the committed tokenizer (bands by run files 9: 236, 8: 285, 7: 417, 6: 663, 5: 929, and one
more whose run files the new floor let in), every one read: 481 read as terms (0.19; by band 0.21,
0.25, 0.19, 0.18, 0.17), and 35 more that only the build's tokenizer makes at floor 5 (4 terms).
``BAND_MIN_DOCS`` is the lowest band read whole.

SIGHAN cost (issue 12: the lexicon may cost at most 0.01 F1 on icwb2 pku and cityu against the
campaign lexicon alone, and had spent 0.0087 on pku): every member read as a term in the third
round was measured with ``tools/lexicon_sighan_cost.py`` (the committed lexicon plus all of them,
each differing region of the test lines charged to the entries standing in it); the 26 that
break any gold word (思想政治工作: 18 pku words; 生态补偿机制: 9 cityu words) are rejected with the
reason ``cost``. A rare term is worth less than the budget it would take from the rest, so a
member of this band is added only at no cost.

Read whole (``python tools/lexicon_band.py`` prints the class for the committed tokenizer): kept
members are listed with their reading in ``BAND_KEEPS``, rejects with a reason in
``BAND_REJECTS``; only a kept member is added (a member the build's tokenizer makes that was not
read is left out and named on stderr), and not when it holds a campaign term (专精特新企业 holds
专精特新) or hides an entry already kept (``lexicon_gaps.hides_campaign_term``, as the object class).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BAND_KEEPS = REPO / "tools" / "lexicon_band_precision.txt"
BAND_REJECTS = REPO / "tools" / "lexicon_band_rejects.txt"
BAND_MIN_DOCS = 5  # the lowest band read whole (see above)

# jieba's dictionary tags that make a token not a noun piece of a term
_NOT_NOUN = frozenset({"uj", "ul", "uz", "u", "c", "p", "d", "ad", "m", "q", "f", "t", "r", "s"})
_NOT_FIRST = frozenset({"nr", "l", "i"})


def noun_cut(words: list[str], tags: dict[str, str]) -> bool:
    """Whether a cut into ``words`` is noun-shaped: each word a noun (tag n..., vn, an, b, j),
    or not in jieba's dictionary (``tags``: word -> tag; a lexicon entry); none a function word,
    adverb, numeral, measure, place or time word; the first not a person name, idiom or set phrase.

    >>> tags = {"制度": "n", "优势": "n", "的": "uj", "方面": "n", "推动": "v", "主要": "b"}
    >>> noun_cut(["制度", "优势"], tags), noun_cut(["方面", "的", "优势"], tags)
    (True, False)
    >>> noun_cut(["推动", "制度"], tags), noun_cut(["新时代", "党的群众路线"], tags)
    (False, True)

    A word jieba's dictionary tags a person's name (``nr``) that CC-CEDICT lists as a common word
    only (``lexicon_corpus.not_a_name``, as ``build_lexicon``'s shape test reads it) is a noun:
    道德 is ``nr`` there, so the honour 道德模范 (set L, stop 36) was never in the class.

    >>> names = {"道德": "nr", "模范": "n", "李白": "nr", "诗歌": "n"}
    >>> noun_cut(["道德", "模范"], names), noun_cut(["李白", "诗歌"], names)
    (True, False)
    """
    from lexicon_corpus import not_a_name

    found = [tags.get(word, "x") for word in words]
    found = ["n" if tag == "nr" and not_a_name(word) else tag for tag, word in zip(found, words, strict=True)]
    if any(tag in _NOT_NOUN for tag in found) or found[0] in _NOT_FIRST:
        return False
    return all(tag.startswith("n") or tag in ("vn", "an", "b", "j", "x", "l", "i") for tag in found)


def band_class(texts: list[str], tokenized: list[list[str]]):
    """Every member (see the module's docstring): ``GapStats`` of the gap-class members in
    ``BAND_MIN_DOCS`` to ``GAP_MIN_DOCS`` - 1 build files with a noun-shaped cut."""
    import lexicon_gaps as gaps
    from lexicon_filters import pos_tokenizer

    tags = pos_tokenizer().word_tag_tab
    return [
        s
        for s in gaps.gap_candidates(texts, tokenized, min_docs=BAND_MIN_DOCS)
        if s.docs < gaps.GAP_MIN_DOCS and gaps.stable_edges(s) and noun_cut(s.cut.split(), tags)
    ]


def read_keeps(path: Path = BAND_KEEPS) -> set[str]:
    """The kept terms of a precision file: its tab-separated lines read ``T``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0] for line in lines if not line.startswith("#") and line.endswith("\tT")}


def band_terms(texts: list[str], rows: dict[str, str], left_out: set[str]) -> dict[str, int]:
    """The members review kept (``BAND_KEEPS``; not the gap class's and earlier classes' rejects,
    ``left_out`` or rows, nor members hiding a campaign term or a row), with their build files,
    for the tokenizer of the campaign lexicon and ``rows``."""
    import lexicon_gaps as gaps
    from lexicon_corpus import reviewed_terms
    from lexicon_parallel import read_rejects

    members = band_class(texts, gaps._tokenize(texts, rows))
    keeps, rejects = read_keeps(), read_rejects(BAND_REJECTS)
    unread = [s.term for s in members if s.term not in keeps | rejects]
    print(f"band class: {len(members)} members; unread, left out: {' '.join(unread)}", file=sys.stderr)
    return reviewed_terms(texts, members, keeps, rows, left_out)


def main(argv: list[str] | None = None) -> int:
    """Print the class for the committed tokenizer: term, cut, build files, an occurrence."""
    sys.path.insert(0, str(REPO / "tools"))
    from lexicon_corpus import class_command_line, print_members

    texts, tokens = class_command_line(__doc__.splitlines()[0], argv)
    print_members(band_class(texts, tokens), texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
