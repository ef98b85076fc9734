"""Notebook 02's sentences (textkit.narrate.vocabulary) and focus_keyness, with the degenerate corpora."""

from __future__ import annotations

import pandas as pd
import pytest

from textkit.narrate.vocabulary import (
    describe_campaign,
    describe_candidates,
    describe_focus_keyness,
    describe_kwic,
    describe_tokens,
)
from textkit.vocab import focus_keyness, keyness, lexicon_frequencies, term_frequencies

COLUMNS = ["term", "target", "reference", "g2", "log_ratio", "p_value"]
TOKENS = [["政绩观", "主题教育", "发展"], ["政绩观", "主题教育"], ["发展", "经济"]]
TEXTS = ["树立正确政绩观，开展主题教育，推动发展", "政绩观与主题教育", "发展经济"]


def test_tokens_counts_and_number_agreement():
    assert describe_tokens(TOKENS, {"政绩观", "主题教育"}) == (
        "3 articles, 7 tokens after filtering, 4 distinct terms; the lexicon has 2 entries."
    )
    assert describe_tokens([["党"]], {"政绩观"}) == (
        "1 article, 1 token after filtering, 1 distinct term; the lexicon has 1 entry."
    )
    assert describe_tokens([], set()).startswith("There is no article")


def test_campaign_most_frequent_entry_is_escaped():
    frequencies = term_frequencies([["*新*", "*新*", "政绩观"], ["*新*"]])
    lexicon = {"*新*", "政绩观", "两个确立"}
    campaign = frequencies[frequencies.term.isin(lexicon)].reset_index(drop=True)
    assert describe_campaign(campaign, lexicon) == (
        "2 of the 3 lexicon entries occur in this corpus; "
        "the most frequent is \\*新\\* (3 times in 2 articles)."
    )
    one = campaign[campaign.term == "政绩观"].reset_index(drop=True)
    assert describe_campaign(one, lexicon).startswith("1 of the 3 lexicon entries occurs in this corpus;")
    assert "(once in 1 article)" in describe_campaign(one, lexicon)


def test_campaign_counts_in_the_text_what_tokens_miss():
    # 政绩观 once as a token and once inside 正确政绩观; 调查研究 only cut as 调查|研究
    tokens = [["树立", "正确政绩观"], ["政绩观", "偏差"], ["调查", "研究"]]
    texts = ["树立正确政绩观", "政绩观偏差", "调查研究"]
    lexicon = {"政绩观", "正确政绩观", "调查研究", "两个确立"}
    campaign = lexicon_frequencies(term_frequencies(tokens), texts, lexicon)
    assert campaign["term"].tolist() == ["政绩观", "正确政绩观", "调查研究"]
    assert describe_campaign(campaign, lexicon) == (
        "2 of the 4 lexicon entries occur in this corpus; the most frequent is 政绩观 (once in 1 article). "
        "1 more occurs only cut into pieces or inside a longer token. Of the 4 times the entries' "
        "characters occur in the text (`in_text`), a count by tokens sees 2 (50 %): the rest are entries "
        "cut into pieces or inside a longer entry or word."
    )
    split_only = campaign[campaign.term == "调查研究"].reset_index(drop=True)
    text = describe_campaign(split_only, lexicon)
    assert text.startswith(
        "None of the 4 lexicon entries occurs in this corpus as a token. 1 occurs only cut"
    )


def test_campaign_degenerate_cases():
    empty = term_frequencies([["发展"]]).iloc[0:0]
    assert (
        describe_campaign(empty, {"政绩观", "两个确立"})
        == "None of the 2 lexicon entries occurs in this corpus."
    )
    assert describe_campaign(empty, {"政绩观"}) == "The one lexicon entry does not occur in this corpus."
    assert describe_campaign(empty, set()) == "The campaign lexicon is empty, so no formulation is counted."


def test_focus_keyness_matches_keyness_on_the_mask():
    key = focus_keyness(TOKENS, TEXTS, "政绩观")
    expected = keyness(TOKENS, [True, True, False])
    pd.testing.assert_frame_equal(key, expected)
    text = describe_focus_keyness(key, TEXTS, "政绩观")
    first = key.iloc[0]
    assert text.startswith(
        "2 of 3 articles mention 政绩观. Against the other one, the most distinctive term is "
    )
    assert f"{first.term} (G² {float(first.g2):.2f}, log ratio {float(first.log_ratio):.2f})." in text


@pytest.mark.parametrize(
    ("tokens", "texts", "sentence"),
    [
        (
            TOKENS,
            [t + "政绩观" for t in TEXTS],
            "All 3 articles mention 政绩观: keyness needs articles on both sides",
        ),
        (TOKENS, ["发展", "经济", "发展经济"], "None of the 3 articles mentions 政绩观: keyness needs"),
        (TOKENS[:1], TEXTS[:1], "The one article mentions 政绩观: keyness needs"),
        (TOKENS[2:], TEXTS[2:], "The one article does not mention 政绩观: keyness needs"),
        ([], [], "There is no article, so keyness is not computed."),
        (
            [["政绩观"], []],
            ["政绩观", "（图片）"],
            "1 of 2 articles mentions 政绩观, but the articles on one side",
        ),
    ],
    ids=[
        "every-article",
        "term-absent",
        "one-article-with",
        "one-article-without",
        "no-article",
        "no-tokens",
    ],
)
def test_focus_keyness_degenerate_cases_give_an_empty_table_and_a_reason(tokens, texts, sentence):
    key = focus_keyness(tokens, texts, "政绩观")
    assert list(key.columns) == COLUMNS and key.empty
    assert describe_focus_keyness(key, texts, "政绩观").startswith(sentence)


def test_focus_keyness_rejects_misaligned_input_and_escapes_the_term():
    with pytest.raises(ValueError, match="2 texts for 3 documents"):
        focus_keyness(TOKENS, TEXTS[:2], "政绩观")
    key = focus_keyness([["a"], ["b"]], ["<b>", "b"], "<b>")
    assert "&lt;b&gt;" in describe_focus_keyness(key, ["<b>", "b"], "<b>")


def test_kwic_counts_occurrences_and_articles():
    lines = pd.DataFrame({"doc_id": ["a", "a", "b"], "article_no": [1, 2, 1]})
    assert describe_kwic(lines, "政绩观") == "政绩观 occurs 3 times in 3 articles."
    assert describe_kwic(lines.iloc[:1], "政绩观") == "政绩观 occurs once in 1 article."
    assert (
        describe_kwic(lines.iloc[:2].drop(columns="article_no"), "政绩观")
        == "政绩观 occurs twice in 1 article."
    )
    assert describe_kwic(lines.iloc[0:0], "_x_") == "\\_x\\_ does not occur in the normalized text."


def test_candidates_listed_shown_and_none():
    many = pd.DataFrame({"term": [f"t{i}" for i in range(28)]})
    assert describe_candidates(many, min_freq=3, shown=25) == (
        "28 candidates with at least 3 occurrences; the first 25 by the ranking."
    )
    assert describe_candidates(many.head(4), min_freq=3, shown=25) == (
        "4 candidates with at least 3 occurrences; all 4 are listed, by the ranking."
    )
    assert describe_candidates(many.head(1), min_freq=1, shown=25) == (
        "1 candidate with at least 1 occurrence; the one candidate is listed."
    )
    assert (
        describe_candidates(many.head(0), min_freq=3, shown=25) == "No candidate with at least 3 occurrences."
    )


def test_describe_adaptive_terms_counts_and_says_they_are_opt_in():
    from textkit.narrate.vocabulary import describe_adaptive_terms

    table = pd.DataFrame({"term": [f"词{i}" for i in range(30)], "articles": [2] * 30})
    text = describe_adaptive_terms(table, min_articles=2, shown=25)
    assert text.startswith("30 quoted phrases recur in at least 2 articles")
    assert "the 25 quoted in most articles are listed" in text and "extra_terms" in text
    one = describe_adaptive_terms(table.head(1), min_articles=3, shown=25)
    assert one.startswith("1 quoted phrase recurs in at least 3 articles and is cut")
    assert "it is listed" in one
    assert describe_adaptive_terms(table.head(0), min_articles=2, shown=25).startswith("No quoted phrase")


def test_describe_adaptive_terms_counts_cohesive_terms_apart():
    from textkit.narrate.vocabulary import describe_adaptive_terms

    kinds = ["quoted"] * 3 + ["cohesive"] * 30
    table = pd.DataFrame({"term": [f"词{i}" for i in range(33)], "kind": kinds, "articles": [3] * 33})
    text = describe_adaptive_terms(table, min_articles=2, shown=25)
    assert text.startswith("3 quoted phrases recur in at least 2 articles and are cut by the tokenizer. ")
    assert "30 unquoted sequences of tokens are used as a unit" in text
    assert "The first 25 of the 33 terms are listed, quoted ones first" in text and "extra_terms" in text
    one = describe_adaptive_terms(table.tail(1), min_articles=2, shown=25)
    assert one.startswith("0 quoted phrases recur") and "1 unquoted sequence of tokens is used" in one
    assert "The term is listed, quoted ones first" in one
    # a table with a kind column but no cohesive row reads as before
    assert describe_adaptive_terms(table.head(3), min_articles=2, shown=25).startswith(
        "3 quoted phrases recur in at least 2 articles and are cut by the tokenizer; all 3 are listed"
    )
