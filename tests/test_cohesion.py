"""textkit.cohesion.cohesive_terms: unquoted cohesive sequences of tokens, on real People's Daily
lines (build files of rmrb-2023-07-08, none held out) and the seeds."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textkit.cohesion import COHESIVE_COLUMNS, _Sequences, _statistics, cohesive_terms, shape_flaw
from textkit.normalize import to_simplified
from textkit.pipeline import make_tokenizer
from textkit.terms import ADAPTIVE_COLUMNS, adaptive_terms
from textkit.tokenize import POLICY_LEXICON, Segmenter, default_stopwords

# 20230703-08-01, 20230709-02-01, 20230709-05-02, 20230710-01-01 (build files)
LIANGHUI = [
    "党的十八大以来，习近平总书记三次到辽宁考察、两次在全国两会期间参加辽宁代表团审议，为辽宁振兴发展把脉定向",
    "今年全国两会期间，习近平总书记参加江苏代表团审议时，寄语江苏要“着力打造具有全球影响力的产业科技创新中心”。",
    "“像魏巧这样的同志到农村去，很好！”今年3月5日全国两会上，习近平总书记在参加江苏代表团审议时，与80后新农人魏巧面对面",
    "传统与现代、文化与经济的结合，几个月前，总书记在全国两会参加江苏代表团审议时就布置下这么一个题目：",
]
# 20230816-17-01, 20230818-03-02, 20230819-01-02, 20230809-15-06
BRICS = [
    "10年前，金砖国家领导人倡议举办“金砖国家青年政策对话”，揭开金砖国家青年合作的序幕",
    "2012年金砖国家领导人第四次会晤期间，建立一个新型多边开发银行的设想被首次提出",
    "习近平将出席金砖国家领导人第十五次会晤并对南非进行国事访问",
    "南非表示已为举办金砖国家领导人第十五次会晤准备就绪",
]


@pytest.fixture(scope="module")
def segmenter(tmp_path_factory) -> Segmenter:
    """The policy lexicon without 全国两会 (the gap class of tools/lexicon_gaps.py added it): these
    tests follow a cohesive sequence the tokenizer cuts, 全国|两会, through the statistics."""
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("全国两会 ") for line in lines)
    path = tmp_path_factory.mktemp("policy") / "policy_lexicon.txt"
    path.write_text(
        "\n".join(line for line in lines if not line.startswith("全国两会 ")) + "\n", encoding="utf-8"
    )
    return Segmenter(policy_lexicon=path)


@pytest.fixture(scope="module")
def seed_texts(seeds_dir) -> list[str]:
    return [to_simplified(path.read_text(encoding="utf-8")) for path in sorted(seeds_dir.glob("*.txt"))]


def _reference(segmented: list[list[str]], tokens: tuple[str, ...]) -> dict[str, float]:
    """The statistics of one sequence counted plainly, token list by token list."""
    n = len(tokens)
    han = [
        [w if w and all("\u4e00" <= c <= "\u9fff" for c in w) else None for w in words] for words in segmented
    ]
    left, right, docs, freq = Counter(), Counter(), set(), 0
    boundaries = 0
    counts: Counter = Counter()
    for doc, words in enumerate(han):
        for k in range(1, n):
            for i in range(len(words) - k + 1):
                if all(words[i : i + k]):
                    counts[tuple(words[i : i + k])] += 1
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == tokens:
                freq += 1
                docs.add(doc)
                before = words[i - 1] if i > 0 else None
                after = words[i + n] if i + n < len(words) else None
                for side, word in ((left, before), (right, after)):
                    if word is None:
                        boundaries += 1
                        side[("break", boundaries)] += 1
                    else:
                        side[word] += 1

    def entropy(side: Counter) -> float:
        return -sum(c / freq * math.log2(c / freq) for c in side.values())

    bound = min(max(freq / counts[tokens[:k]], freq / counts[tokens[k:]]) for k in range(1, n))
    return {
        "articles": len(docs),
        "freq": freq,
        "bound": bound,
        "left": entropy(left),
        "right": entropy(right),
    }


def test_statistics_equal_a_plain_count(segmenter):
    segmented = [segmenter.segment(line) for line in LIANGHUI + BRICS]
    table = _statistics(
        _Sequences.from_segmented(segmented), max_tokens=3, min_articles=2, min_len=2, max_len=8
    )
    table = table.set_index("term")
    assert {"全国两会", "金砖国家领导人"} <= set(table.index)
    for term in ("全国两会", "金砖国家领导人"):
        row = table.loc[term]
        want = _reference(segmented, row.tokens)
        assert (row.articles, row.freq) == (want["articles"], want["freq"]) == (4, 4)
        assert row.bound == pytest.approx(want["bound"])
        assert row.left_entropy == pytest.approx(want["left"])
        assert row.right_entropy == pytest.approx(want["right"])
    # 两会 occurs only inside 全国两会 here: bound 1
    assert table.loc["全国两会"].bound == 1.0


def test_shape_checks_on_real_sequences(segmenter):
    stop = default_stopwords()
    terms = segmenter.terms
    # 金砖国家 is a policy-lexicon term: 金砖国家|领导人 as one token would hide it
    assert shape_flaw(["金砖国家", "领导人"], stop, lexicon=terms) == "holds the lexicon term 金砖国家"
    assert shape_flaw(["习近平", "总书记"], stop, lexicon=terms) == "a name with a title: 总书记"
    assert shape_flaw(["全国", "两会"], stop, first_bound=0.02, last_bound=0.92, lexicon=terms) is None
    # 数据显示 (20230703-01-03): 显示 is a verb found mostly elsewhere
    assert shape_flaw(["数据", "显示"], stop, first_bound=0.24, last_bound=0.2).startswith("a clause")
    assert shape_flaw(["这支", "队伍"], stop) == "speech 这支"


def test_cohesive_terms_on_seeds_and_real_lines(segmenter, seed_texts):
    texts = seed_texts + LIANGHUI + BRICS
    table = cohesive_terms(texts, segmenter=segmenter)
    assert list(table.columns) == COHESIVE_COLUMNS
    row = table.set_index("term").loc["全国两会"]
    assert (row.articles, row.segmented) == (4, "全国 两会")
    assert row.why.startswith("in 4 articles (4 times) cut as 全国|两会")
    assert "金砖国家领导人" not in set(table["term"])  # the lexicon term inside
    assert not any(term.startswith("习近平") for term in table["term"])
    # deterministic, whatever the order of the texts
    assert table.equals(cohesive_terms(texts[::-1], segmenter=segmenter))
    # fewer than min_articles articles: nothing
    assert "全国两会" not in set(cohesive_terms(seed_texts + LIANGHUI[:2], segmenter=segmenter)["term"])


def test_adaptive_terms_switch_and_fingerprint(segmenter, seed_texts):
    texts = seed_texts + LIANGHUI + BRICS
    quoted = adaptive_terms(texts, segmenter=segmenter)
    both = adaptive_terms(texts, segmenter=segmenter, unquoted=True)
    assert list(quoted.columns) == list(both.columns) == ADAPTIVE_COLUMNS
    assert set(quoted["kind"]) <= {"quoted"}
    assert both[both["kind"] == "quoted"].reset_index(drop=True).equals(quoted)
    cohesive = both[both["kind"] == "cohesive"]
    assert "全国两会" in set(cohesive["term"]) and (cohesive["quoted"] == 0).all()
    plain = make_tokenizer(segmenter=segmenter)
    adapted = make_tokenizer(segmenter=segmenter, extra_terms=both["term"])
    assert plain.segmenter.fingerprint != adapted.segmenter.fingerprint
    assert "全国两会" not in plain.segment(LIANGHUI[1])
    assert "全国两会" in adapted.segment(LIANGHUI[1])


def test_through_the_cache_folder_the_tables_equal_the_uncached_ones(tmp_path, seed_texts, monkeypatch):
    texts = seed_texts + LIANGHUI + BRICS
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)  # make_tokenizer's; counted below
    plain = adaptive_terms(texts, segmenter=segmenter, unquoted=True)
    assert len(plain) and (plain["kind"] == "cohesive").any()
    assert adaptive_terms(texts, segmenter=segmenter, unquoted=True, cache_dir=tmp_path).equals(plain)
    calls = []
    original = segmenter.segment_joined
    monkeypatch.setattr(segmenter, "segment_joined", lambda text: calls.append(text) or original(text))
    # a notebook's tokenizer keeps the same segmentations: read, not segmented again
    assert adaptive_terms(texts, segmenter=segmenter, unquoted=True, cache_dir=tmp_path).equals(plain)
    assert cohesive_terms(texts, segmenter=segmenter, cache_dir=tmp_path).equals(
        cohesive_terms(texts, segmenter=segmenter)
    )
    assert len(calls) == len(texts)  # only the uncached call above segmented
    tokens = make_tokenizer(tmp_path).segment_texts(texts[:3])
    assert tokens == [segmenter.segment(text) for text in texts[:3]]


def test_tags_kept_in_the_cache_folder_give_the_same_table(tmp_path, seed_texts, monkeypatch):
    import textkit.cohesion as cohesion

    texts = seed_texts + LIANGHUI + BRICS
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    monkeypatch.setattr(cohesion, "_TAGS", {})
    plain = cohesive_terms(texts, segmenter=segmenter)
    computed = dict(cohesion._TAGS)
    assert computed  # the shape test asked for tags
    monkeypatch.setattr(cohesion, "_TAGS", {})
    assert cohesive_terms(texts, segmenter=segmenter, cache_dir=tmp_path).equals(plain)
    # the same words were tagged, and kept in the folder, with every possible edge (while built)
    assert computed.items() <= cohesion._TAGS.items()
    # a new process: the tags are read from the folder, jieba's tagger is never built
    monkeypatch.setattr(cohesion, "_TAGS", {})
    monkeypatch.setattr(cohesion, "_tagger", lambda: pytest.fail("the tagger was built"))
    assert cohesive_terms(texts, segmenter=segmenter, cache_dir=tmp_path).equals(plain)
    # another jieba dictionary is another namespace: nothing is read from the old one
    monkeypatch.setattr(cohesion, "_TAGS", {})
    monkeypatch.setattr("textkit.tokenize._jieba_dictionary_digest", lambda: "0123456789abcdef0123")
    with pytest.raises(pytest.fail.Exception):
        cohesive_terms(texts, segmenter=segmenter, cache_dir=tmp_path)


def test_a_copied_article_needs_no_tagger_after_a_cold_run(tmp_path, seed_texts, monkeypatch):
    """A corpus and then the same corpus with a copy of an article (marked, as a rerun with one
    more file): every edge of a new candidate was found twice before, so its tag is in the folder."""
    import textkit.cohesion as cohesion

    texts = seed_texts + LIANGHUI + BRICS
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    monkeypatch.setattr(cohesion, "_TAGS", {})
    cohesion._tagger()  # built, as in a cold run: every possible edge is tagged and kept
    cohesive_terms(texts, segmenter=segmenter, cache_dir=tmp_path)
    longer = [*texts, *(f"{text}\n（副本 1）" for text in texts[:4])]
    expected = cohesive_terms(longer, segmenter=segmenter)
    assert len(expected) > len(cohesive_terms(texts, segmenter=segmenter))  # new candidates
    monkeypatch.setattr(cohesion, "_TAGS", {})
    monkeypatch.setattr(cohesion, "_tagger", lambda: pytest.fail("the tagger was built"))
    assert cohesive_terms(longer, segmenter=segmenter, cache_dir=tmp_path).equals(expected)


def _arrays(seq: _Sequences) -> list:
    return [(array.dtype.str, array.tolist()) for array in (seq.ids, seq.docs, seq.words, seq.lengths)]


_WORD = st.one_of(
    st.sampled_from(["发展", "推动", "高质量", "2023", "的", "党", "ＡＰＰ"]),
    st.text(max_size=3),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_WORD, max_size=6).map(" ".join), max_size=6))
def test_sequences_from_joined_segmentations_equal_those_from_word_lists(joined):
    # words hold no space in a segmentation; a drawn word with one makes more words, as a split would
    words = [[word for word in text.split(" ") if word] for text in joined]
    assert _arrays(_Sequences.from_joined(joined)) == _arrays(_Sequences.from_segmented(words))


def test_sequences_read_through_the_cache_folder_equal_the_segmented_ones(tmp_path, seed_texts):
    from textkit.cohesion import _sequences, segmented

    texts = [*seed_texts[:8], LIANGHUI[0], seed_texts[0], "", *BRICS]  # a repeated and an empty text
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)
    expected = _arrays(_Sequences.from_segmented(segmented(texts, segmenter)))
    assert _arrays(_sequences(texts, segmenter, None)) == expected
    assert _arrays(_sequences(texts, segmenter, tmp_path)) == expected  # segmented and kept
    assert _arrays(_sequences(texts, segmenter, tmp_path)) == expected  # read back
