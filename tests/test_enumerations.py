"""Parallel enumerations (textkit.enumerations) and their corpus-adaptive use (adaptive_terms)."""

from __future__ import annotations

from textkit.enumerations import (
    ParallelList,
    mirrored,
    parallel_lists,
    parallel_terms,
    phrase_flaw,
    recurring_items,
)
from textkit.terms import adaptive_terms
from textkit.tokenize import Segmenter


def _cut(text: str) -> list[str]:
    return Segmenter(lexicon=None).segment(text)


def test_a_list_with_a_fixed_part_and_its_edge_items():
    tokens = _cut("要做到学史明理、学史增信、学史崇德、学史力行，教育引导全党同志")
    found = parallel_lists([tokens])
    assert [(item.items, item.fixed) for item in found] == [
        (("学史明理", "学史增信", "学史崇德", "学史力行"), "学史__")
    ]


def test_one_shared_character_or_two_items_make_no_list():
    assert parallel_lists([_cut("增强系统性、整体性、协同性。")]) == []  # a suffix, not a fixed part
    assert parallel_lists([_cut("科学立法、民主立法。")]) == []  # two items
    assert parallel_lists([_cut("科学立法、严格执法、公正司法。")]) == []  # one character shared


def test_a_mirrored_pair_is_a_list_of_two():
    found = parallel_lists([_cut("实现产业生态化和生态产业化的主线")])
    assert [item.items for item in found] == [("产业生态化", "生态产业化")]
    assert not mirrored("产业生态化", "产业数字化") and not mirrored("生态化", "化生态")  # units of 2+
    assert parallel_lists([_cut("产业生态化、产业数字化")]) == []
    texts = [_cut("推进产业生态化、生态产业化。"), _cut("产业生态化和生态产业化协同发展")]
    table = parallel_terms(texts, stopwords=frozenset(), lexicon=frozenset())
    assert set(table["term"]) == {"产业生态化", "生态产业化"}
    assert parallel_terms(texts[:1], stopwords=frozenset(), lexicon=frozenset()).empty  # once only


def test_an_item_must_recur_with_the_same_siblings():
    def listed(doc, *items):
        return ParallelList(doc, items, tuple(" ".join(item) for item in items), "__立法")

    a = listed(0, "科学立法", "民主立法", "依法立法")
    b = listed(1, "科学立法", "民主立法", "依法立法", "增强立法")
    c = listed(2, "科学立法", "甲乙立法", "丙丁立法")
    assert sorted(recurring_items([a, b])) == ["依法立法", "民主立法", "科学立法"]
    assert recurring_items([a, c]) == {}  # 科学立法 twice, but with other siblings
    assert recurring_items([a, b], min_articles=3) == {}


def test_free_phrases_and_clauses_are_not_terms():
    assert phrase_flaw(["提高", "质量"], "提高__", 0.01) == "a free 提高 (v) before varied words"
    assert phrase_flaw(["收集", "数据"], "__数据", 0.01) == "verbs (收集) on a shared 数据"
    assert phrase_flaw(["绝对", "忠诚"], "绝对__", 0.24) is None  # the list owns 0.24 of 绝对
    assert phrase_flaw(["科学", "立法"], "__立法", 0.05) is None
    assert phrase_flaw(["对", "共产党", "执政"], "对___", 1.0) == "a phrase: 对 (p) first"


def test_parallel_terms_keep_recurring_items_and_guard_the_lexicon():
    texts = [
        _cut("要坚持科学立法、民主立法、依法立法，以良法促进发展。"),
        _cut("推进科学立法、民主立法和依法立法。"),
        _cut("维护国土不可分、国家不可乱、民族不可散、文明不可断的共同信念。"),
        _cut("国土不可分、国家不可乱、民族不可散、文明不可断。"),
        _cut("提高质量、提高效率、提高水平。"),
        _cut("提高质量、提高效率、提高水平。"),
    ] + [_cut("提高收入，提高能力。")] * 20  # 提高 is mostly found outside the list
    table = parallel_terms(texts, stopwords=frozenset({"分"}), lexicon=frozenset())
    terms = set(table["term"])
    assert {"科学立法", "民主立法", "依法立法"} <= terms
    assert {"国土不可分", "文明不可断"} <= terms  # 分 is a stopword, but 国土不可 is always 国土不可分
    assert not {"提高质量", "提高效率", "提高水平"} & terms  # a free verb before varied objects
    owned = set(parallel_terms(texts[:6], stopwords=frozenset({"分"}), lexicon=frozenset())["term"])
    assert "提高水平" in owned  # where the list holds most of 提高's occurrences, it is a formula
    assert "in 2 articles" in table.set_index("term").loc["科学立法", "why"]
    guarded = parallel_terms(texts, stopwords=frozenset({"分"}), lexicon=frozenset({"立法"}))
    assert "科学立法" not in set(guarded["term"])  # 立法 is a lexicon term: its count must not drop
    assert parallel_terms(texts[:1] + texts[2:3], stopwords=frozenset()).empty  # each list once


def test_adaptive_terms_learn_parallel_items_only_when_asked():
    texts = ["要坚持科学立法、民主立法、依法立法，以良法促进发展。", "推进科学立法、民主立法、依法立法。"]
    segmenter = Segmenter(policy_lexicon=None)
    plain = adaptive_terms(texts, segmenter=segmenter)
    assert plain.empty
    table = adaptive_terms(texts, segmenter=segmenter, parallel=True)
    assert set(table["kind"]) == {"parallel"}
    assert {"科学立法", "民主立法", "依法立法"} <= set(table["term"])
    adapted = segmenter.with_terms(table["term"].tolist())
    assert "科学立法" in adapted.segment("推进科学立法")
    assert adapted.fingerprint != segmenter.fingerprint  # cached cuts without them are not reused
