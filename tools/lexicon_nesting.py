"""How often a lexicon term sits inside a longer lexicon entry (生态文明 in 生态文明建设) on the
hash-held-out People's Daily files, for the nesting convention of issue 12.

A nested pair is a term T of the campaign or policy lexicon and an entry T + W of either lexicon
where W is a word of jieba's dictionary (建设, 体系, 精神 …). The default tokenizer (campaign +
policy lexicon) keeps the longest entry whole, so an occurrence of T + W is one token and T is
not counted there. Printed: the nested pairs by added word, the occurrences of the short terms as
a token and inside a longer entry's token, the pairs most affected, and which terms of the
hand-annotated check (``tests/data/heldout_rmrb.json``) are such a T or T + W.

Usage::

    python tools/lexicon_nesting.py --corpus ../shared/corpora/rmrb-2023-07-08
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from build_lexicon import ANNOTATED, corpus_files, read_texts  # noqa: E402

from textkit._jieba import plain_tokenizer  # noqa: E402
from textkit.tokenize import DEFAULT_LEXICON, POLICY_LEXICON, Segmenter, read_lexicon  # noqa: E402


def nested_pairs(terms: set[str], words: dict[str, int]) -> dict[str, tuple[str, str]]:
    """Each longer entry T + W of ``terms`` mapped to (T, W), W a word of ``words``.

    >>> nested_pairs({"生态文明", "生态文明建设", "长江经济带"}, {"建设": 5})
    {'生态文明建设': ('生态文明', '建设')}
    """
    found = {}
    for entry in sorted(terms):
        for cut in range(2, len(entry) - 1):
            if entry[:cut] in terms and words.get(entry[cut:]):
                found[entry] = (entry[:cut], entry[cut:])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    args = parser.parse_args(argv)
    terms = {e.term for e in read_lexicon(DEFAULT_LEXICON)} | {e.term for e in read_lexicon(POLICY_LEXICON)}
    pairs = nested_pairs(terms, plain_tokenizer().FREQ)
    shorts = {short for short, _ in pairs.values()}
    print(f"nested pairs: {len(pairs)}; added words: {Counter(w for _, w in pairs.values()).most_common(8)}")
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    alone, inside = Counter(), Counter()
    for text in read_texts(corpus_files(args.corpus, build=False)):
        for token in segmenter.segment(text):
            if token in shorts:
                alone[token] += 1
            if token in pairs:
                inside[token] += 1
    hidden = sum(inside.values())
    total = hidden + sum(alone.values())
    print(
        f"hash-held-out files: short terms as a token {sum(alone.values())}, inside a longer entry {hidden}"
    )
    print(f"share of the short terms' occurrences inside a longer entry: {hidden}/{total}")
    print("most affected:", ", ".join(f"{pairs[e][0]} in {e} x{n}" for e, n in inside.most_common(10)))
    annotated = {
        term if isinstance(term, str) else term["term"]
        for path in ANNOTATED  # sets A and B only: set C stays unread by the build's tools
        for item in json.loads(path.read_text("utf-8"))["articles"]
        for term in item["campaign_terms"]
    }
    print("annotated terms that are T + W:", sorted(annotated & set(pairs)))
    print("annotated terms that are a T with a T + W entry:", sorted(annotated & shorts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
