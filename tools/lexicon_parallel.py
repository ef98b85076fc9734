"""A parallel class of policy-lexicon candidates: items of parallel enumerations that recur
(``textkit.enumerations``: 学史明理、学史增信、学史崇德; 科学立法、民主立法、依法立法; 国土不可分、
国家不可乱、民族不可散、文明不可断), read whole (``tools/build_lexicon.py`` adds every member not
rejected in ``tools/lexicon_parallel_rejects.txt``).

Criterion (``parallel_class``), measured on the build files cut by the tokenizer the build has made
so far (campaign lexicon + every row kept before this class, the gap class included):

- a list of at least 3 items of the same length (3-8 Han characters) joined by 、，；和 与 及,
  with at least 2 characters fixed at the same positions in every item (学史__, __不可_);
- an item is a member when it is found with two of the same siblings in at least
  ``PARALLEL_MIN_DOCS`` build files (the press repeats the list: a formula, not an ad hoc list),
  is cut by that tokenizer, has a term's shape (``textkit.cohesion.shape_flaw``: no clause word,
  numeral, title, stopword at an edge unless the rest owns it), names no place, and is not a
  free phrase (``textkit.enumerations.phrase_flaw``: a fixed verb or adverb before varied words,
  verbs on a shared object, an adverb inside, unless the items are >= 0.2 of the fixed part's
  occurrences); a mirrored pair (two units in both orders before a shared suffix: 产业生态化、
  生态产业化) is a list of two, its item a member when found with its mirror in as many files;
- nesting: no lexicon entry (campaign or policy) as a token of its cut, no campaign term inside
  (as one token it would hide that term's count).

``python tools/lexicon_parallel.py`` prints the class for the committed tokenizer.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARALLEL_REJECTS = REPO / "tools" / "lexicon_parallel_rejects.txt"
PARALLEL_MIN_DOCS = 2


def read_rejects(path: Path = PARALLEL_REJECTS) -> set[str]:
    """The terms of a rejects file whose lines are ``term  # reason``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}


def parallel_class(tokenized: list[list[str]], lexicon: frozenset[str]):
    """Every member of the class (see the module's docstring) as a ``parallel_terms`` table."""
    from textkit.enumerations import parallel_terms

    return parallel_terms(tokenized, min_articles=PARALLEL_MIN_DOCS, lexicon=lexicon)


def parallel_members(
    texts: list[str], rows: dict[str, str], dropped: set[str] = frozenset()
) -> dict[str, int]:
    """The members review keeps (all but ``PARALLEL_REJECTS``, the earlier classes' rejects and
    the ``dropped`` candidates of the build's filters), with their build files, for the tokenizer
    of the campaign lexicon and ``rows``."""
    from lexicon_gaps import _earlier_rejects, _tokenize

    from textkit.datafiles import read_lines

    campaign = frozenset(line.split()[0] for line in read_lines("campaign_lexicon.txt"))
    table = parallel_class(_tokenize(texts, rows), campaign | frozenset(rows))
    print(f"parallel class: {len(table)} members: {' '.join(table['term'])}", file=sys.stderr)
    rejects = read_rejects() | _earlier_rejects() | set(dropped)
    return {
        term: int(n) for term, n in zip(table["term"], table["articles"], strict=True) if term not in rejects
    }


def main(argv: list[str] | None = None) -> int:
    """Print the class for the committed tokenizer with each member's list."""
    sys.path.insert(0, str(REPO / "tools"))
    from lexicon_corpus import class_command_line

    _, tokens = class_command_line(__doc__.splitlines()[0], argv)
    from textkit.cohesion import _campaign_terms
    from textkit.tokenize import POLICY_LEXICON, read_lexicon

    known = frozenset(entry.term for entry in read_lexicon(POLICY_LEXICON))
    table = parallel_class(tokens, known | _campaign_terms())
    rejects = read_rejects()
    for row in table.itertuples():
        print(
            row.term, row.articles, row.fixed, row.list, "rejected" if row.term in rejects else "", sep="\t"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
