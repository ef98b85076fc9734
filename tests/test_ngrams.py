"""textkit._ngrams.string_counts against a plain count (overlapping occurrences, texts holding one)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from textkit._ngrams import _CharCorpus, string_counts

# a small alphabet so that strings recur, overlap and share prefixes; ，and a Latin letter break runs
TEXTS = st.lists(st.text(alphabet="制度优势的中国，a", max_size=40), min_size=1, max_size=8)
STRINGS = st.lists(st.text(alphabet="制度优势的中国，", min_size=0, max_size=7), max_size=12)


def _plain(texts: list[str], strings: list[str]) -> dict[str, tuple[int, int]]:
    out = {}
    for string in set(strings):
        if len(string) < 2 or not re.fullmatch("[\u4e00-\u9fff]+", string):
            continue
        per_text = [len(re.findall(f"(?={re.escape(string)})", text)) for text in texts]
        if sum(per_text):
            out[string] = (sum(per_text), sum(1 for n in per_text if n))
    return dict(sorted(out.items()))


@settings(max_examples=300, deadline=None)
@given(TEXTS, STRINGS)
def test_string_counts_equal_a_plain_overlapping_count(texts, strings):
    assert string_counts(_CharCorpus.from_texts(texts), strings) == _plain(texts, strings)


def test_long_strings_and_shared_prefixes():
    texts = ["坚持和发展中国特色社会主义，中国特色社会主义道路", "中国特色", "中国"]
    strings = ["中国", "中国特色", "中国特色社会主义", "中国特色社会主义道路", "特色社会", "道路中国"]
    assert string_counts(_CharCorpus.from_texts(texts), strings) == _plain(texts, strings)
    assert string_counts(_CharCorpus.from_texts(texts), strings)["中国"] == (4, 3)
