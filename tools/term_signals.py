"""Which signals inside its own article mark each split campaign term of the open held-out sets.

For every annotated campaign term the notebooks' segmenter splits (the rows of
``lexicon_misses.py``), with its number of build files: is it quoted in its article (“…” or ‘…’,
or an item of a quoted 、-list), an item of a 、-list whose neighbour shares its first or last
character (思想淬炼、政治历练: a shared head), written twice or more in the article, in the
article's headline lines (kicker, title, subtitle as ``prepare_corpus`` reads them), or held by a
longer lexicon entry in its article (世界百年未有之大变局 holds 百年未有之大变局: the nested
convention). Set N is blind and refused.

    PYTHONPATH=$PWD .venv/bin/python tools/term_signals.py [--sets abcdefghijklm] > /tmp/signals.tsv
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO / "benchmarks"))

from adaptive_sets import set_articles  # noqa: E402
from build_lexicon import corpus_files, read_texts  # noqa: E402
from heldout_score import CORPUS  # noqa: E402
from lexicon_misses import OPEN_SETS, check_sets  # noqa: E402

from textkit.terms import quoted_phrases  # noqa: E402

_ITEM_END = re.compile(r"[，。；：！？、“”‘’（）《》\s]")


def list_neighbours(text: str, term: str) -> list[tuple[str, str]]:
    """The 、-list items written right before or after each occurrence of ``term``, as
    ("before" or "after", item); the item before may carry the list's verb.

    >>> list_neighbours("坚持思想淬炼、政治历练、实践锻炼", "政治历练")
    [('before', '坚持思想淬炼'), ('after', '实践锻炼')]
    """
    found = []
    start = text.find(term)
    while start >= 0:
        end = start + len(term)
        if start > 0 and text[start - 1] == "、":
            before = _ITEM_END.split(text[max(0, start - 13) : start - 1])[-1]
            if before:
                found.append(("before", before))
        if end < len(text) and text[end] == "、":
            after = _ITEM_END.split(text[end + 1 : end + 13])[0]
            if after:
                found.append(("after", after))
        start = text.find(term, start + 1)
    return found


def shared_edge(term: str, neighbours: list[tuple[str, str]]) -> bool:
    """Whether a list neighbour shares the term's last character (a shared head: 政治领导力、
    思想引领力), or the item after it its first character (a shared modifier: 数字经济、数字社会).

    >>> shared_edge("政治历练", [("before", "坚持思想淬炼")]), shared_edge("文化软实力", [("after", "经济")])
    (False, False)
    >>> shared_edge("政治领导力", [("after", "思想引领力")])
    True
    """
    return any(
        n[-1] == term[-1] or (side == "after" and n[0] == term[0]) for side, n in neighbours if len(n) >= 2
    )


def signals(term: str, text: str, headline: str, entries: set[str]) -> list[str]:
    """The in-article signals of ``term`` in ``text`` (see the module's docstring)."""
    found = []
    if term in quoted_phrases([text], max_len=40):
        found.append("quoted")
    neighbours = list_neighbours(text, term)
    if neighbours:
        found.append("list+edge" if shared_edge(term, neighbours) else "list")
    if text.count(term) >= 2:
        found.append("repeated")
    if term in headline:
        found.append("headline")
    if any(term in e and e != term and e in text for e in entries):
        found.append("nested")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sets", default=OPEN_SETS)
    args = parser.parse_args(argv)
    check_sets(args.sets)
    from textkit.pipeline import make_tokenizer
    from textkit.tokenize import DEFAULT_LEXICON, POLICY_LEXICON, read_lexicon

    entries = {e.term for e in read_lexicon(DEFAULT_LEXICON)} | {e.term for e in read_lexicon(POLICY_LEXICON)}
    tokenizer = make_tokenizer()
    rows = []
    for name in args.sets:
        gold, articles = set_articles(name, args.corpus)
        for item in gold:
            doc = item["file"]
            part = articles[articles["doc_id"].astype(str).str.replace("\\", "/") == doc]
            text = "\n".join(part["text"])
            heads = " ".join(str(part[c].iloc[0] or "") for c in ("kicker", "title", "subtitle") if len(part))
            tokens = set(tokenizer.segment(text))
            rows += [(name, doc, t, text, heads) for t in item["campaign_terms"] if t not in tokens]
    build = read_texts(corpus_files(args.corpus, build=True))
    terms = {t for _, _, t, _, _ in rows}
    docs = Counter(t for text in build for t in terms if t in text)
    print("set\tfile\tterm\tbuild files\tsignals")
    for name, doc, term, text, heads in rows:
        print(f"{name}\t{doc}\t{term}\t{docs[term]}\t{','.join(signals(term, text, heads, entries)) or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
