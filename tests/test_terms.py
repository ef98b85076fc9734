"""textkit.terms.suggest_terms: quoted phrases and n-gram statistics, checked by hand and on
the seeds."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textkit.normalize import to_simplified
from textkit.terms import TERM_COLUMNS, quoted_phrases, suggest_terms
from textkit.tokenize import Segmenter, default_tokenizer


@pytest.fixture(scope="module")
def segmenter():
    return default_tokenizer().segmenter


@pytest.fixture(scope="module")
def seed_texts(seeds_dir) -> list[str]:
    """Seeds 000–003 in simplified script (004 has inline pinyin until normalize_text)."""
    return [to_simplified(path.read_text(encoding="utf-8")) for path in sorted(seeds_dir.glob("*.txt"))[:4]]


def test_quoted_phrases_split_enumerations():
    # seed 000
    line = "紧扣“立党为公、为民造福、科学决策、真抓实干”总要求，坚持“学”字当头，打通“断头路”"
    counts = quoted_phrases([line, "“断头路”成因复杂"])
    assert counts == {"立党为公": 1, "为民造福": 1, "科学决策": 1, "真抓实干": 1, "断头路": 2}
    # a quoted sentence is not a phrase; inner quotes ‘…’ count (seed 004: 建功‘好地方’)
    assert quoted_phrases(["“作风问题绝非小事，纪律红线不容触碰。”建功‘好地方’"]) == {"好地方": 1}


def test_ngram_statistics_by_hand(segmenter):
    # 政绩观 three times, each time after a different character and before a different one
    # (the last time before punctuation, a boundary). Han characters: 5 + 5 + 4 = 14.
    texts = ["啊政绩观哦", "嗯政绩观呀", "哈政绩观，"]
    table = suggest_terms(
        texts, min_freq=3, min_pmi=0, min_entropy=0, include_known=True, segmenter=segmenter, top_n=None
    ).set_index("term")
    row = table.loc["政绩观"]
    assert (row.freq, row.docfreq, row.quoted, row.source) == (3, 3, 0, "ngram")
    # three different neighbours on each side: log2(3)
    assert row.left_entropy == pytest.approx(round(math.log2(3), 3))
    assert row.right_entropy == pytest.approx(round(math.log2(3), 3))
    # weakest cut: every part occurs 3 times, so log2(3·14 / (3·3))
    assert row.pmi == pytest.approx(round(math.log2(3 * 14 / 9), 3))
    assert bool(row.in_lexicon) and row.segmented == "政绩观"
    # 政绩 is always followed by 观: right entropy 0, so it fails any entropy threshold
    assert table.loc["政绩"].right_entropy == 0
    assert (
        "政绩" not in suggest_terms(texts, min_freq=3, min_pmi=0, min_entropy=0.5, top_n=None).term.tolist()
    )


def test_quoted_phrase_longer_than_the_ngrams(segmenter):
    texts = ["“习近平新时代中国特色社会主义思想”", "学习习近平新时代中国特色社会主义思想", "“以学促干”"]
    table = suggest_terms(
        texts, min_freq=2, max_len=4, min_quoted=1, segmenter=segmenter, top_n=None
    ).set_index("term")
    row = table.loc["习近平新时代中国特色社会主义思想"]
    assert (row.freq, row.docfreq, row.quoted, row.source) == (2, 2, 1, "quote")
    assert math.isnan(row.left_entropy) and math.isnan(row.right_entropy)
    assert bool(row.in_lexicon)
    assert "以学促干" not in table.index  # quoted but seen once: below min_freq


def test_suggest_terms_on_the_seeds(seed_texts, segmenter):
    articles = pd.DataFrame({"doc_id": ["000", "001", "002", "003"], "text": seed_texts})
    table = suggest_terms(articles, min_freq=3, min_pmi=3, min_entropy=1, segmenter=segmenter, top_n=None)
    assert list(table.columns) == TERM_COLUMNS
    assert table.equals(
        table.sort_values(["freq", "term"], ascending=[False, True], ignore_index=True, kind="stable")
    )
    assert set(table.source) <= {"quote", "ngram", "both"}
    rows = table.set_index("term")
    # seed 000 quotes 断头路 15 times; jieba splits it: a candidate for the lexicon
    road = rows.loc["断头路"]
    assert road.source in {"quote", "both"} and road.quoted == 15 and not road.in_lexicon
    assert road.segmented == "断头 路"
    # nothing jieba already keeps whole is proposed, unless it is a lexicon term
    assert (table.segmented.str.contains(" ") | table.in_lexicon).all()
    # frequencies are true counts of the characters (overlapping), document frequencies too
    for term, row in rows.iterrows():
        counts = [len(re.findall(f"(?={re.escape(term)})", text)) for text in seed_texts]
        assert row.freq == sum(counts), term
        assert row.docfreq == sum(1 for count in counts if count), term
    assert len(suggest_terms(articles, min_freq=3, segmenter=segmenter, top_n=5)) <= 5


def test_suggest_terms_edge_cases(segmenter):
    assert suggest_terms(["ABC 123"], segmenter=segmenter).empty
    with pytest.raises(ValueError):
        suggest_terms(["政绩观"], min_len=1)


# --------------------------------------------------------------------------- adaptive terms

ADAPTIVE_TEXTS = [
    "全面推行“智改数转”，探索“一网统管”。",  # 智改数转: quoted in three articles
    "“智改数转”见效明显，他说“我们来了”。",  # speech: a pronoun and 了
    "该市把“智改数转”作为重点，“降雨会带来肥料流失”。",
    "村民说“降雨会带来肥料流失”，推行“一网统管”与“高质量发展”。",  # a clause; a known term
    "只在一篇文章中的“数据孤岛”。",
]


def test_adaptive_terms_keeps_recurring_quoted_names_and_says_why():
    from textkit.terms import ADAPTIVE_COLUMNS, adaptive_terms

    table = adaptive_terms(ADAPTIVE_TEXTS)
    assert list(table.columns) == ADAPTIVE_COLUMNS
    assert table["term"].tolist() == ["智改数转", "一网统管"]  # by articles quoted in
    row = table.set_index("term").loc["智改数转"]
    assert row["articles"] == 3 and row["quoted"] == 3
    assert "quoted in 3 articles" in row["why"] and "|" in row["why"]
    # speech, a clause, a phrase in one article only and a term the segmenter keeps whole are left out
    assert not {"我们来了", "降雨会带来肥料流失", "数据孤岛", "高质量发展"} & set(table["term"])
    assert adaptive_terms(ADAPTIVE_TEXTS, min_articles=4).empty


def test_a_quoted_phrase_holding_a_lexicon_term_is_not_added():
    # real lines of rmrb-2023-07-08 quote 推动高质量发展; as one token it would hide 高质量发展
    from textkit.terms import adaptive_terms

    texts = [
        "坚持“推动高质量发展”。",
        "各地“推动高质量发展”。",
        "把“智改数转”作为重点，“智改数转”见效。",
        "推行“智改数转”。",
    ]
    table = adaptive_terms(texts)
    assert table["term"].tolist() == ["智改数转"]
    segmenter = Segmenter(lexicon=None)  # without the lexicon, nothing is hidden: it is added
    assert "高质量发展" not in segmenter.terms
    assert "推动高质量发展" in adaptive_terms(texts, segmenter=segmenter)["term"].tolist()


def test_adaptive_filters_come_from_the_data_file():
    from textkit.datafiles import data_path
    from textkit.terms import _adaptive_filters

    filters = _adaptive_filters()
    assert set(filters) == {"speech_char", "clause_word", "role_word"}
    assert {"了", "我", "这"} <= filters["speech_char"] and {"是", "可以"} <= filters["clause_word"]
    assert {"总书记", "主席", "发言人"} & filters["role_word"] == {"主席", "发言人"}  # 总书记 ends with 书记
    assert "书记" in filters["role_word"]
    assert all(len(char) == 1 for char in filters["speech_char"])
    header = data_path("adaptive_filters.tsv").read_text("utf-8").splitlines()
    assert any(line.startswith("# Source:") for line in header) and any("Licence" in line for line in header)


def test_adaptive_terms_become_tokens_and_change_the_fingerprint():
    from textkit.pipeline import make_tokenizer
    from textkit.terms import adaptive_terms

    terms = adaptive_terms(ADAPTIVE_TEXTS)["term"].tolist()
    plain, adaptive = make_tokenizer(), make_tokenizer(extra_terms=terms)
    assert "智改数转" not in plain.segment(ADAPTIVE_TEXTS[0])
    assert {"智改数转", "一网统管"} <= set(adaptive.segment(ADAPTIVE_TEXTS[0]))
    assert plain.segmenter.fingerprint != adaptive.segmenter.fingerprint
    assert make_tokenizer(extra_terms=[]).segmenter.fingerprint == plain.segmenter.fingerprint
    with pytest.raises(TypeError):
        make_tokenizer(extra_terms="智改数转")


def test_suggest_terms_through_a_cache_folder_equal_the_uncached_table(tmp_path, seeds_dir, monkeypatch):
    from textkit.tokenize import Segmenter

    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    segmenter = Segmenter()
    plain = suggest_terms(texts, min_freq=3, segmenter=segmenter)
    assert len(plain)
    assert suggest_terms(texts, min_freq=3, segmenter=segmenter, cache_dir=tmp_path).equals(plain)
    calls = []
    original = segmenter.segment_joined
    monkeypatch.setattr(segmenter, "segment_joined", lambda text: calls.append(text) or original(text))
    assert suggest_terms(texts, min_freq=3, segmenter=segmenter, cache_dir=tmp_path).equals(plain)
    assert not calls  # the candidates' cuts were read back


def _without_cohesion_prefilter(monkeypatch):
    """``suggest_terms`` with ``_count`` describing every frequent n-gram (the entropies of all of
    them, as before the cohesion test moved ahead of them)."""
    import textkit.terms as terms

    full = terms._count

    def count_all(*args, **kwargs):
        return full(*args, **{**kwargs, "min_pmi": -math.inf})

    monkeypatch.setattr(terms, "_count", count_all)


@pytest.mark.parametrize(("min_freq", "min_pmi"), [(2, 5.0), (2, 0.0), (3, 8.0)])
def test_the_cohesion_prefilter_leaves_the_table_as_it_was(
    seed_texts, segmenter, monkeypatch, min_freq, min_pmi
):
    fast = suggest_terms(seed_texts, min_freq=min_freq, min_pmi=min_pmi, segmenter=segmenter, top_n=None)
    with monkeypatch.context() as patch:
        _without_cohesion_prefilter(patch)
        full = suggest_terms(seed_texts, min_freq=min_freq, min_pmi=min_pmi, segmenter=segmenter, top_n=None)
    assert len(fast) > 0
    pd.testing.assert_frame_equal(fast, full, check_exact=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="制度优势的中国“”，发展", max_size=60), min_size=1, max_size=8))
def test_the_cohesion_prefilter_leaves_the_table_as_it_was_on_any_texts(texts):
    segmenter = Segmenter()
    fast = suggest_terms(texts, min_freq=2, min_pmi=1.0, min_entropy=0.5, segmenter=segmenter, top_n=None)
    with pytest.MonkeyPatch.context() as patch:
        _without_cohesion_prefilter(patch)
        full = suggest_terms(texts, min_freq=2, min_pmi=1.0, min_entropy=0.5, segmenter=segmenter, top_n=None)
    pd.testing.assert_frame_equal(fast, full, check_exact=True)
