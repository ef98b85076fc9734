"""A class of meeting names ending in the token 会 (民主|生活|会, 组织生活|会, 院坝|会): runs the gap
class's name test stops because 会 is an organization head there, read whole (``tools/build_lexicon.py``
adds the members kept on reading, ``MEETING_KEEPS``).

Why (``tools/lexicon_misses.py --sets k --reasons``, 2026-12): set K's article on the party's
membership lists the kinds of meeting of party life, 民主生活会 (16 build files) and 组织生活会
(10), both split: below the gap class's floor, and stopped by its shape test for two reasons of
the tags: jieba tags 会 a verb (can, will), and ``lexicon_gaps.name_shaped`` reads a last token 会
as the head of an organization's name (商会, 协会: ``build_lexicon.ROLE_HEADS``), so the band class
(``noun_cut``) and the verbs class (a tag-free signal, but the same name test) never see them.
The organizations' names are one word of jieba's dictionary each (工会, 协会, 学会, 商会, and the
meetings 座谈会, 研讨会), so a 会 the tokenizer cuts off after nouns is mostly the noun "meeting"
heading a kind of meeting; the class is read whole all the same.

Criterion (``meeting_class``), on the build files cut by the tokenizer the build has made so far:
a gap candidate (``lexicon_gaps.gap_candidates``: a run of 2-7 tokens cut in >= half of its
occurrences, no clause token inside, no function word at an edge, weakest-cut PMI >= 5) in
>= ``MEETING_MIN_DOCS`` build files with stable edges (``lexicon_gaps.stable_edges``), whose last
token is 会 and whose other tokens are noun-shaped (``lexicon_band.noun_cut``) and no name
(``lexicon_gaps.name_shaped`` of them: no number first, no place inside, no office or organization
head as the token before 会: 委|会). The floor is the band class's lowest band read whole (5 files).

Read whole (2026-12, the committed tokenizer and the build's at this class: the same five
members): 圆桌会 (19 build files), 民主生活会 (16), 组织生活会 (10), 外长会 (8), 院坝会 (8), all
read as terms (kinds of meeting; the gap class's standard: a term, name or set phrase), kept in
``MEETING_KEEPS``; rejects would go to ``MEETING_REJECTS`` with a reason. A member not read is
left out and named on stderr; one holding a campaign term or hiding an entry kept before is left
out, as in the band class (``lexicon_corpus.reviewed_terms``). ``python tools/lexicon_meetings.py``
prints the class for the committed tokenizer.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MEETING_KEEPS = REPO / "tools" / "lexicon_meeting_precision.txt"
MEETING_REJECTS = REPO / "tools" / "lexicon_meeting_rejects.txt"
MEETING_MIN_DOCS = 5  # the band class's floor (tools/lexicon_band.BAND_MIN_DOCS)
MEETING_HEAD = "会"


def meeting_shape(term: str, words: list[str], tags: dict[str, str]) -> str | None:
    """``"meeting"`` when a run cut into ``words`` is nouns then the token 会 (``tags``: jieba's
    dictionary tags, word -> tag), else ``None``: 会 must be a token of its own after two or more
    characters of noun pieces that are no name (``lexicon_gaps.name_shaped``).

    >>> tags = {"民主": "n", "生活": "vn", "推动": "v"}
    >>> meeting_shape("民主生活会", ["民主", "生活", "会"], tags)
    'meeting'
    >>> meeting_shape("推动会", ["推动", "会"], tags), meeting_shape("生活会议", ["生活", "会议"], tags)
    (None, None)
    """
    import lexicon_gaps as gaps
    from lexicon_band import noun_cut

    if len(words) < 2 or words[-1] != MEETING_HEAD:
        return None
    if not noun_cut(words[:-1], tags) or gaps.name_shaped(term[:-1], words[:-1]):
        return None
    return "meeting"


def meeting_class(texts: list[str], tokenized: list[list[str]]):
    """Every member (see the module's docstring): ``GapStats`` of the runs ending in the token 会
    in >= ``MEETING_MIN_DOCS`` build files with a noun-shaped rest and stable edges."""
    import lexicon_gaps as gaps
    from lexicon_filters import pos_tokenizer

    tags = pos_tokenizer().word_tag_tab

    def shape(term: str, words: list[str], pmi: float) -> str | None:
        return meeting_shape(term, words, tags)

    found = gaps.gap_candidates(texts, tokenized, min_docs=MEETING_MIN_DOCS, shape_test=shape)
    return [s for s in found if gaps.stable_edges(s)]


def meeting_terms(texts: list[str], rows: dict[str, str], left_out: set[str]) -> dict[str, int]:
    """The members review kept (``MEETING_KEEPS``; not the gap class's and earlier classes'
    rejects, ``left_out`` or rows, nor members hiding a campaign term or a row), with their build
    files, for the tokenizer of the campaign lexicon and ``rows``."""
    import lexicon_gaps as gaps
    from lexicon_band import read_keeps
    from lexicon_corpus import reviewed_terms
    from lexicon_parallel import read_rejects

    members = meeting_class(texts, gaps._tokenize(texts, rows))
    keeps, rejects = read_keeps(MEETING_KEEPS), read_rejects(MEETING_REJECTS)
    unread = [s.term for s in members if s.term not in keeps | rejects]
    print(f"meeting class: {len(members)} members; unread, left out: {' '.join(unread)}", file=sys.stderr)
    return reviewed_terms(texts, members, keeps, rows, left_out)


def main(argv: list[str] | None = None) -> int:
    """Print the class for the committed tokenizer: term, cut, build files, an occurrence."""
    sys.path.insert(0, str(REPO / "tools"))
    from lexicon_corpus import class_command_line, print_members

    texts, tokens = class_command_line(__doc__.splitlines()[0], argv)
    print_members(meeting_class(texts, tokens), texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
