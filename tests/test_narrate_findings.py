"""textkit.narrate.findings: sentences of notebook 04, on small and degenerate tables."""

from __future__ import annotations

import doctest

import pandas as pd

import textkit.narrate.findings
from textkit.narrate.findings import (
    describe_campaign,
    describe_claims,
    describe_largest_claim,
    describe_limits,
    describe_outlets,
    describe_places,
    describe_recurring,
    describe_regions,
    describe_themes,
    outlet_terms,
)


def test_empty_tables_give_plain_sentences():
    assert describe_campaign(pd.DataFrame(columns=["term", "share_of_articles"])).startswith("No formulation")
    assert describe_recurring(pd.DataFrame(), 2) == "No formulation occurs in 2 or more articles."
    claims = pd.DataFrame(columns=["doc_id", "article_no", "is_percent", "unit"])
    assert describe_claims(claims) == "0 quantitative claims in 0 articles; 0 of them percentages."
    assert describe_largest_claim(pd.DataFrame(), claims) == ""
    assert describe_places(pd.DataFrame(), pd.DataFrame({"province": []})).startswith("No place")
    assert describe_themes(None) == "There is too little text to cluster into themes."
    assert describe_regions(pd.Series([3, 1], index=["浙江省", "甘肃省"])) == (
        "2 provinces are named in at least one article; 1 in two or more."
    )


def test_one_article_without_dates_or_outlet():
    articles = pd.DataFrame({"doc_id": ["a.txt"], "source": [""], "date": [""], "author": [""]})
    text = describe_limits(articles)
    assert "1 article from 1 file and 0 known outlets (1 of unknown outlet)" in text
    assert "With a full date: 0 articles;" in text
    sources = pd.Series(["(unknown)"])
    table = outlet_terms([["政绩观"]], sources)
    assert table.empty
    assert "none (keyness needs" in describe_outlets(sources, table)


def test_corpus_values_are_escaped():
    campaign = pd.DataFrame({"term": ["<script>x</script>"], "share_of_articles": [0.5]})
    text = describe_campaign(campaign)
    assert "<script>" not in text and "50 %" in text


def test_outlets_are_compared_with_their_terms():
    tokens = [["政绩观", "干部"], ["政绩观", "群众"], ["体育", "比赛"], ["体育", "球队"]]
    sources = pd.Series(["人民日报", "人民日报", "新华社", "新华社"])
    table = outlet_terms(tokens, sources)
    assert table["source"].tolist() == ["人民日报", "新华社"]
    assert table.loc[0, "distinctive terms"].startswith("政绩观")
    assert "Compared against the rest: 人民日报, 新华社." in describe_outlets(sources, table)


def test_doctests():
    assert doctest.testmod(textkit.narrate.findings).failed == 0
