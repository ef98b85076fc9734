"""Sentences of notebook 05: numbers from the tables, a sentence for every degenerate case."""

from __future__ import annotations

import pandas as pd

from textkit.narrate.timeline import (
    describe_change_points,
    describe_comparison,
    describe_coverage,
    describe_dispersion,
    describe_first_use,
    describe_reprints,
    describe_terms,
    describe_themes,
)
from textkit.timeline import (
    change_points,
    compare_periods,
    date_coverage,
    dispersion,
    first_use,
    near_duplicates,
    reprint_summary,
    term_series,
    themes_over_time,
)

UNDATED = pd.DataFrame({"date": ["", "--03-24"], "text": ["主题教育。", "防汛。"]})
ONE_DAY = pd.DataFrame({"date": ["2025-11-03", ""], "text": ["政绩观，政绩观。", "政绩观。"]})
MONTHS = pd.DataFrame(
    {
        "date": [f"2023-{m:02d}-01" for m in range(1, 9)],
        "text": ["主题教育" * (1 if m < 5 else 6) + "各地认真落实工作部署" * 5 for m in range(1, 9)],
    }
)


def test_coverage_without_dates_one_period_and_small_corpus():
    assert (
        "None of the 2 articles carries a full publication date (1 has a month and day"
        in describe_coverage(date_coverage(UNDATED))
    )
    one = describe_coverage(date_coverage(ONE_DAY), n_periods=1, freq="M")
    assert one.startswith("1 of the 2 articles carries a full publication date, all on 2025-11-03")
    assert "With one month only there is no change to see" in one and "small corpus" in one
    eight = describe_coverage(date_coverage(MONTHS), n_periods=8)
    assert "from 2023-01-01 to 2023-08-01" in eight and "8 months" in eight and "one month only" not in eight
    assert "every article is placed in time" in eight


def test_terms_absent_and_no_dates():
    series = term_series(ONE_DAY, ["政绩观", "防汛"])
    text = describe_terms(series, ["政绩观", "防汛"])
    assert "政绩观 occurs 2 times in 1 article" in text and "never occurs in the dated articles: 防汛" in text
    assert "None of the terms occurs" in describe_terms(term_series(ONE_DAY, ["防汛"]), ["防汛"])
    assert "no article carries a full date" in describe_terms(term_series(UNDATED, ["防汛"]), ["防汛"])
    assert "nothing to count" in describe_terms(term_series(ONE_DAY, []), [])


def test_first_use_and_change_points_sentences():
    series = term_series(MONTHS, ["主题教育"])
    assert "主题教育 first in 2023\\-01, last in 2023\\-08 (8 of 8 periods)" in describe_first_use(
        first_use(series)
    )
    one = term_series(ONE_DAY, ["政绩观"])
    assert "say nothing about adoption" in describe_first_use(first_use(one))
    assert "this corpus has 1, so none is looked for" in describe_change_points(change_points(one), one)
    assert "no article carries a full date" in describe_change_points(
        change_points(term_series(UNDATED, ["防汛"])), term_series(UNDATED, ["防汛"])
    )
    points = change_points(series)
    assert "a rise from" in describe_change_points(points, series) and "2023\\-05" in describe_change_points(
        points, series
    )


def test_comparison_sentences_for_every_problem():
    tokens = [["主题教育"] * 3, ["防汛"]]
    assert "not a date" in describe_comparison(compare_periods(ONE_DAY, tokens, "soon"))
    assert "published on 2025-11-03" in describe_comparison(compare_periods(ONE_DAY, tokens, None))
    assert "no article carries" in describe_comparison(compare_periods(UNDATED, tokens)) or "no article" in (
        describe_comparison(compare_periods(UNDATED, tokens))
    )
    month_tokens = [list(text[:8]) for text in MONTHS.text]
    outside = describe_comparison(compare_periods(MONTHS, month_tokens, "2030-01-01"))
    assert "outside the corpus, which runs from 2023-01-01 to 2023-08-01" in outside
    ok = describe_comparison(compare_periods(MONTHS, month_tokens, "2023-05-01", min_count=1))
    assert ok.startswith("Split at 2023-05-01 (SPLIT_DATE): 4 articles before, 4 from that day on.")


def test_reprints_themes_and_dispersion_sentences():
    none = near_duplicates(MONTHS.iloc[:1])
    assert "every article is its own story" in describe_reprints(reprint_summary(none), 0.5)
    assert "no article to compare" in describe_reprints(
        reprint_summary(near_duplicates(MONTHS.iloc[:0])), 0.5
    )
    twice = pd.concat([MONTHS.iloc[[0]], MONTHS.iloc[[0]]], ignore_index=True)
    assert "1 story was printed more than once" in describe_reprints(
        reprint_summary(near_duplicates(twice)), 0.5
    )
    empty = themes_over_time(None, pd.DataFrame(columns=["doc_id", "article_no"]), MONTHS)
    assert "no themes over time" in describe_themes(empty)
    assert "No term occurs" in describe_dispersion(dispersion(MONTHS, ["防汛"]))
    assert "主题教育" in describe_dispersion(dispersion(MONTHS, ["主题教育"]))


def test_corpus_values_are_escaped():
    series = term_series(pd.DataFrame({"date": ["2023-01-01"], "text": ["<b>x</b>"]}), ["<b>"])
    assert "&lt;b&gt;" in describe_terms(series, ["<b>"]) and "<b>" not in describe_terms(series, ["<b>"])
