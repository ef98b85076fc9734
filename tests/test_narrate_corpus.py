"""Notebook 01's sentences (textkit.narrate.corpus), including the degenerate corpora."""

from __future__ import annotations

import pandas as pd

from textkit.narrate.corpus import describe_articles, describe_lengths, describe_load, describe_normalization

AUDIT = ["step", "chars_removed", "han_removed", "chars_changed", "lines_joined", "lines_dropped"]


def test_load_counts_and_escapes_encodings():
    report = pd.DataFrame({"status": ["loaded", "loaded", "skipped"]})
    documents = pd.DataFrame({"encoding": ["utf-8", "gb18030"]})
    text = describe_load(report, documents)
    assert text.startswith("3 files were found; 2 were loaded and 1 was skipped.")
    assert "gb18030 (1), utf\\-8 (1)" in text


def test_load_with_nothing_skipped_and_nothing_loaded():
    assert "none was skipped" in describe_load(
        pd.DataFrame({"status": ["loaded"]}), pd.DataFrame({"encoding": ["utf-8"]})
    )
    text = describe_load(pd.DataFrame({"status": ["skipped"]}), pd.DataFrame({"encoding": []}))
    assert text == "1 file was found; none was loaded and 1 was skipped."


def test_lengths_one_none_and_all_shown():
    assert (
        describe_lengths(pd.Series([7], dtype=int), shown=30)
        == "The figure shows the one document, of 7 characters."
    )
    assert describe_lengths(pd.Series([], dtype=int), shown=30).startswith("No document")
    assert describe_lengths(pd.Series([1, 2, 3]), shown=30).startswith("The figure shows all 3 documents;")
    assert "the 2 longest of 3" in describe_lengths(pd.Series([1, 2, 3]), shown=2)


def test_normalization_sums_the_audit():
    audit = pd.DataFrame(
        [["unicode", 5, 0, 3, 0, 0], ["lines", 2, 0, 0, 2, 0], ["boilerplate", 10, 1, 0, 0, 2]], columns=AUDIT
    )
    text = describe_normalization(pd.DataFrame({"n_chars": [1000]}), audit)
    assert text.startswith(
        "Normalization removed 17 of 1,000 characters (1.70%); 1 of them was a Han character"
    )
    assert (
        "changed 3 characters one for one, rejoined 2 broken lines in 1 document and dropped 2 lines." in text
    )


def test_normalization_of_a_clean_or_empty_corpus():
    audit = pd.DataFrame([["lines", 0, 0, 0, 0, 0]], columns=AUDIT)
    text = describe_normalization(pd.DataFrame({"n_chars": [50]}), audit)
    assert (
        "removed none of 50 characters (0%)." in text
        and "changed no character, rejoined no broken line and dropped no line" in text
    )
    empty = describe_normalization(pd.DataFrame({"n_chars": []}), pd.DataFrame(columns=AUDIT))
    assert "of 0 characters (0%)" in empty


def test_articles_one_article_no_dates_and_documents_without_articles():
    one = pd.DataFrame({"doc_id": ["a"], "source": ["人民日报"], "author": [""], "date": [""]})
    text = describe_articles(one, pd.DataFrame({"n_articles": [1]}))
    assert text.startswith("1 article came from 1 document; every document gave at least one.")
    assert text.endswith("With a known source: 1; with an author: none; with a date: none.")
    text = describe_articles(one, pd.DataFrame({"n_articles": [1, 0, 0]}))
    assert "2 documents gave no article" in text
    empty = pd.DataFrame({"doc_id": [], "source": [], "author": [], "date": []})
    assert describe_articles(empty, pd.DataFrame({"n_articles": [0]})).startswith(
        "0 articles were found from 0"
    )
