"""Why annotated campaign terms come out in pieces (issue 12): each split term of the open held-out
sets, with the first cause that applies, counted by cause.

The held-out scorer (``benchmarks/heldout_score.py``) counts a campaign term *whole* when one
token of its article's segmentation (``make_tokenizer()``, the notebooks' tokenizer) has exactly
its characters. For each term that is not whole, this script asks, in order, and reports the
first cause that applies:

1. ``not in the body``: its characters are not in the article's text (the tokenizer reads the
   text, not the headline lines, and the term is in a headline).
2. ``nested``: it is inside one longer token of its article (生态文明 in 生态文明建设): no boundary
   inside it, so a count of the longer token holds it.
3. ``rare``: its characters are in fewer than ``RARE`` articles of the whole corpus: no
   statistic of the corpus can learn it; only a list from outside can.
4. ``whole elsewhere``: the corpus usually keeps it as one token, but its article's context cuts
   it (a neighbouring word takes a character).
5. ``holds a lexicon term``: the corpus usually cuts it with a lexicon term as one of its tokens
   (大兴|调查研究): one token for it would take that term's count.
6. ``free combination``: at its weakest cut into two parts, neither part has ``FREE_BOUND`` of
   its occurrences inside the term (科技|现代化: both parts are mostly used apart).
7. ``phrase shape``: ``textkit.cohesion.shape_flaw`` finds the shape of a phrase or a clause
   (a verb first, a clause word, a numeral, a stopword).
8. ``cut in many ways``: the corpus cuts its characters the usual way in fewer than
   ``ALIGNED`` of the places they occur.
9. ``long``: more than 3 tokens or more than 8 characters (beyond ``cohesive_terms``'s range).
10. ``other``: none of these (the cohesion thresholds: PMI, branching entropy, the 的 test).

The corpus is ``prepare_corpus`` of the whole folder (as ``heldout_score.py --adaptive`` reads
it), cut by the same tokenizer's segmenter. Set N is blind and is refused.

    .venv/bin/python tools/term_split_causes.py                  # sets A to M, counts by cause
    .venv/bin/python tools/term_split_causes.py --sets k --list  # each split term of set K
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(1, str(REPO / "benchmarks"))
sys.path.insert(2, str(REPO / "tools"))

from lexicon_misses import OPEN_SETS  # noqa: E402

RARE = 3
FREE_BOUND = 0.3
ALIGNED = 0.8
CAUSES = [
    "not in the body",
    "nested",
    "rare",
    "whole elsewhere",
    "holds a lexicon term",
    "free combination",
    "phrase shape",
    "cut in many ways",
    "long",
    "other",
]


def boundaries(words: list[str]) -> list[int]:
    """Offsets of the token boundaries of ``words`` joined, 0 and the end included.

    >>> boundaries(["科技", "现代化"])
    [0, 2, 5]
    """
    cuts, at = [0], 0
    for word in words:
        at += len(word)
        cuts.append(at)
    return cuts


def cut_of(words: list[str], cuts: list[int], start: int, end: int) -> tuple[str, ...] | None:
    """The tokens that make up exactly ``joined[start:end]``, or ``None`` when a token straddles
    either edge.

    >>> words = ["推动", "科技", "现代化", "建设"]
    >>> cut_of(words, boundaries(words), 2, 7)
    ('科技', '现代化')
    >>> cut_of(words, boundaries(words), 3, 7) is None
    True
    """
    from bisect import bisect_left

    first = bisect_left(cuts, start)
    if first >= len(cuts) or cuts[first] != start:
        return None
    last = bisect_left(cuts, end)
    if last >= len(cuts) or cuts[last] != end:
        return None
    return tuple(words[first:last])


def weakest_bound(tokens: tuple[str, ...], freq: int, token_counts: Counter, seq_counts: Counter) -> float:
    """At the weakest cut of ``tokens`` into two parts, the larger share of a part's occurrences
    that are inside the sequence (``textkit.cohesion``'s ``bound``).

    >>> weakest_bound(("科技", "现代化"), 2, Counter({"科技": 100, "现代化": 40}), Counter())
    0.05
    """
    best = float("inf")
    for k in range(1, len(tokens)):
        left, right = tokens[:k], tokens[k:]
        left_n = token_counts[left[0]] if len(left) == 1 else seq_counts[left]
        right_n = token_counts[right[0]] if len(right) == 1 else seq_counts[right]
        best = min(best, max(freq / max(left_n, 1), freq / max(right_n, 1)))
    return best


def main(argv: list[str] | None = None) -> int:
    import logging

    logging.getLogger("jieba").setLevel(logging.WARNING)
    from heldout_score import ANNOTATIONS, CORPUS, _boundaries, _unbroken, adaptive_texts

    from textkit.cohesion import shape_flaw
    from textkit.pipeline import make_tokenizer, prepare_corpus
    from textkit.tokenize import default_stopwords

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sets", default=",".join(OPEN_SETS), help="comma-separated open sets")
    parser.add_argument("--list", action="store_true", help="each split term with its cause")
    args = parser.parse_args(argv)
    sets = [name.strip() for name in args.sets.split(",") if name.strip()]
    if not sets or set(sets) - set(OPEN_SETS):
        open_sets = f"{OPEN_SETS[0]}-{OPEN_SETS[-1]}"
        parser.error(f"only the open sets {open_sets} are analysed (set N is blind), not {args.sets!r}")

    tokenizer = make_tokenizer()
    split: list[tuple[str, str, str]] = []  # (set, file, term)
    nested: set[tuple[str, str, str]] = set()
    absent: set[tuple[str, str, str]] = set()  # not in the text the tokenizer reads (a headline)
    total = 0
    for name in sets:
        gold = json.loads(ANNOTATIONS[name].read_text("utf-8"))["articles"]
        with tempfile.TemporaryDirectory() as tmp:
            for item in gold:
                target = Path(tmp) / item["file"]
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(args.corpus / item["file"], target)
            articles = prepare_corpus(tmp, default_source="人民日报").articles
        for item in gold:
            rows = articles[articles["doc_id"].astype(str).str.replace("\\", "/") == item["file"]]
            words = tokenizer.segment("\n".join(rows["text"])) if len(rows) else []
            tokens, joined, cuts = set(words), "".join(words), _boundaries(words)
            for term in item["campaign_terms"]:
                total += 1
                if term in tokens:
                    continue
                split.append((name, item["file"], term))
                if term not in joined:
                    absent.add((name, item["file"], term))
                elif _unbroken(joined, term, cuts):
                    nested.add((name, item["file"], term))

    terms = sorted({term for _, _, term in split})
    texts = adaptive_texts(args.corpus)
    segmenter = tokenizer.segmenter
    lexicon = segmenter.terms
    stopwords = default_stopwords()
    token_counts: Counter = Counter()
    seq_counts: Counter = Counter()
    cut_counts: dict[str, Counter] = defaultdict(Counter)
    occurrences: Counter = Counter()
    articles_with: Counter = Counter()
    wanted_seqs: set[tuple[str, ...]] = set()
    segmentations = [segmenter.segment(text) for text in texts]
    for words in segmentations:
        token_counts.update(words)
        joined, cuts = "".join(words), boundaries(words)
        for term in terms:
            start = joined.find(term)
            if start < 0:
                continue
            articles_with[term] += 1
            while start >= 0:
                occurrences[term] += 1
                cut_counts[term][cut_of(words, cuts, start, start + len(term))] += 1
                start = joined.find(term, start + 1)
    modal: dict[str, tuple[tuple[str, ...] | None, int]] = {}
    for term in terms:
        cuts_seen = [(cut, n) for cut, n in cut_counts[term].items() if cut is not None]
        modal[term] = max(cuts_seen, key=lambda pair: (pair[1], pair[0])) if cuts_seen else (None, 0)
        tokens = modal[term][0]
        if tokens:
            for k in range(2, len(tokens)):
                wanted_seqs.add(tokens[:k])
                wanted_seqs.add(tokens[-k:])
    lengths = {len(seq) for seq in wanted_seqs}
    for words in segmentations:
        for n in lengths:
            for i in range(len(words) - n + 1):
                seq = tuple(words[i : i + n])
                if seq in wanted_seqs:
                    seq_counts[seq] += 1

    def cause(key: tuple[str, str, str]) -> str:
        term = key[2]
        if key in absent:
            return "not in the body"
        if key in nested:
            return "nested"
        if articles_with[term] < RARE:
            return "rare"
        tokens, freq = modal[term]
        if tokens is None:
            return "cut in many ways"
        if tokens == (term,):
            return "whole elsewhere"
        if any(token in lexicon for token in tokens):
            return "holds a lexicon term"
        if weakest_bound(tokens, freq, token_counts, seq_counts) < FREE_BOUND:
            return "free combination"
        first_bound = freq / max(token_counts[tokens[0]], 1)
        last_bound = freq / max(token_counts[tokens[-1]], 1)
        rest = tokens[1:] if tokens[0] in stopwords else tokens[:-1]
        rest_n = token_counts[rest[0]] if len(rest) == 1 else seq_counts[rest]
        flaw = shape_flaw(
            list(tokens),
            stopwords,
            first_bound=first_bound,
            last_bound=last_bound,
            rest_bound=freq / max(rest_n, 1),
            lexicon=frozenset(lexicon),
        )
        if flaw is not None:
            return "phrase shape"
        if freq < ALIGNED * occurrences[term]:
            return "cut in many ways"
        if len(tokens) > 3 or len(term) > 8:
            return "long"
        return "other"

    found = [(key, cause(key)) for key in split]
    by_cause = Counter(c for _, c in found)
    named = ", ".join(s.upper() for s in sets)
    print(f"sets {named}: {total} annotated campaign terms, {len(split)} not whole")
    print("| cause | terms | share of the split |")
    print("| --- | ---: | ---: |")
    for name in CAUSES:
        print(f"| {name} | {by_cause[name]} | {by_cause[name] / max(len(split), 1):.0%} |")
    if args.list:
        for (name, file, term), why in sorted(found, key=lambda pair: (CAUSES.index(pair[1]), pair[0])):
            tokens = modal[term][0]
            shown = "|".join(tokens) if tokens else "-"
            print(f"{why}\t{name}\t{file}\t{term}\t{shown}\tarticles {articles_with[term]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
