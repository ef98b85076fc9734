"""Every strong-polity goal ``Segmenter(shapes=True)`` joins on the lexicon's build files
(``textkit.tokenize._shapes.join_polity``: 工业|强市 -> 工业强市), each with its sentence, to read by
hand (``tools/polity_goals.txt``), and the spans the rule leaves cut (a 强省/强市/强县/强区/强镇 token
after a word it refuses).

The build files are ``lexicon_corpus.corpus_files(build=True)`` of rmrb-2023-07-08. The segmenter
is the notebooks' (``Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)``) with ``join_polity``
switched off; the rule is the last pass of the shapes (after the coordinated forms and derived
words), so what it changes is exactly ``join_polity`` of that segmentation: every changed token is
listed, no sample.

Usage::

    python tools/polity_goals.py [--corpus FOLDER]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from lexicon_corpus import corpus_files, read_texts  # noqa: E402

from textkit.tokenize import POLICY_LEXICON, Segmenter, _shapes  # noqa: E402

_POLITY_TOKEN = re.compile(r"(?<![^ ])(\S+) (强[省市县区镇])(?![^ ])")


def polity_spans(files: list[Path], texts: list[str]) -> tuple[list[tuple], list[tuple]]:
    """(joined, left): each span as (file name, form, cut, 8 characters before, 8 after)."""
    rule = _shapes.join_polity
    _shapes.join_polity = lambda joined, known: joined  # the segmentation before the rule
    try:
        segmenter = Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)
        before = segmenter.segment_joined_many(texts)
    finally:
        _shapes.join_polity = rule
    freq = segmenter.jieba_tokenizer.FREQ
    joined, left = [], []
    for path, text in zip(files, before, strict=True):
        after = rule(text, lambda word: freq.get(word, 0) > 0)
        made = 0
        for match in _POLITY_TOKEN.finditer(text):
            form = match.group(1) + match.group(2)
            prefix = text[: match.start()].replace(" ", "")[-8:]
            suffix = text[match.end() :].replace(" ", "")[:8]
            row = (
                f"{path.parent.name}/{path.name}",
                form,
                f"{match.group(1)}|{match.group(2)}",
                prefix,
                suffix,
            )
            goal = _shapes.POLITY_GOAL.fullmatch(match.group(0))
            changed = goal is not None and _shapes._polity(goal, lambda word: freq.get(word, 0) > 0) == form
            made += changed
            (joined if changed else left).append(row)
        # the rule changes nothing but the spans listed: the same characters, one cut fewer each
        assert after.replace(" ", "") == text.replace(" ", "") and after.count(" ") == text.count(" ") - made
    return joined, left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    args = parser.parse_args(argv)
    files = corpus_files(args.corpus, build=True)
    joined, left = polity_spans(files, read_texts(files))
    forms = Counter(form for _, form, *_ in joined)
    print(
        f"{len(files)} build files: {len(joined)} spans joined, {len(forms)} distinct forms, "
        f"in {len({row[0] for row in joined})} files; {len(left)} left cut"
    )
    for name, form, cut, before, after in joined:
        print(f"joined\t{form}\t{cut}\t{before}【{form}】{after}\t{name}")
    for name, form, cut, before, after in left:
        print(f"left\t{form}\t{cut}\t{before}【{form}】{after}\t{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
