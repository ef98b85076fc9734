"""Narration of stages 1–3 (corpus, normalize, articles): the sentences of notebook 01.

Each ``describe_*`` function takes the tables of ``textkit.pipeline.prepare_corpus`` and returns
one Markdown paragraph; every number is computed here and every corpus value is escaped
(``textkit.notebook.escape_markdown``), so a notebook cell only calls and displays.

>>> import pandas as pd
>>> report = pd.DataFrame({"status": ["loaded"]})
>>> describe_load(report, pd.DataFrame({"encoding": ["utf-8"]}))[:52]
'1 file was found; 1 was loaded and none was skipped.'
"""

from __future__ import annotations

import pandas as pd

from textkit.notebook import escape_markdown, fmt, plural

__all__ = ["describe_articles", "describe_lengths", "describe_load", "describe_normalization"]


def _count(count: int, none: str = "none") -> str:
    return none if count == 0 else fmt(count)


def describe_load(report: pd.DataFrame, documents: pd.DataFrame) -> str:
    """Files found, loaded and skipped, and the encodings of the loaded ones.

    >>> report = pd.DataFrame({"status": ["loaded", "skipped"]})
    >>> describe_load(report, pd.DataFrame({"encoding": ["gb18030"]}))[:52]
    '2 files were found; 1 was loaded and 1 was skipped. '
    """
    found, loaded = len(report), len(documents)
    skipped = found - loaded
    verb = "was" if found == 1 else "were"
    encodings = documents["encoding"].value_counts().sort_index() if loaded else pd.Series(dtype=int)
    listed = ", ".join(f"{escape_markdown(name)} ({fmt(int(n))})" for name, n in encodings.items())
    sentence = (
        f"{plural(found, 'file')} {verb} found; {_count(loaded)} {'was' if loaded <= 1 else 'were'} loaded "
        f"and {_count(skipped)} {'was' if skipped <= 1 else 'were'} skipped."
    )
    return sentence + (f" Encodings of the loaded files: {listed}." if loaded else "")


def describe_lengths(lengths: pd.Series, shown: int) -> str:
    """The range and median of document lengths, and how many the figure shows.

    >>> describe_lengths(pd.Series([10, 30, 20]), shown=2)
    'The figure shows the 2 longest of 3 documents; lengths range from 10 to 30 characters (median 20).'
    >>> describe_lengths(pd.Series([7]), shown=30)
    'The figure shows the one document, of 7 characters.'
    """
    total = len(lengths)
    if total == 0:
        return "No document was loaded, so there are no lengths to show."
    if total == 1:
        return f"The figure shows the one document, of {plural(int(lengths.iloc[0]), 'character')}."
    shown = min(shown, total)
    which = f"the {fmt(shown)} longest of {fmt(total)} documents"
    if shown == total:
        which = f"all {fmt(total)} documents"
    return (
        f"The figure shows {which}; lengths range from {fmt(int(lengths.min()))} to "
        f"{fmt(int(lengths.max()))} characters (median {fmt(int(lengths.median()))})."
    )


def describe_normalization(documents: pd.DataFrame, audit: pd.DataFrame) -> str:
    """What normalization removed, changed, rejoined and dropped, from the audit.

    >>> docs = pd.DataFrame({"n_chars": [100]})
    >>> audit = pd.DataFrame({"step": ["lines"], "chars_removed": [0], "han_removed": [0],
    ...     "chars_changed": [0], "lines_joined": [0], "lines_dropped": [0]})
    >>> describe_normalization(docs, audit)[:50]
    'Normalization removed none of 100 characters (0%).'
    """
    raw = int(documents["n_chars"].sum()) if len(documents) else 0
    removed, han = int(audit["chars_removed"].sum()), int(audit["han_removed"].sum())
    changed, dropped = int(audit["chars_changed"].sum()), int(audit["lines_dropped"].sum())
    joined = int(audit["lines_joined"].sum())
    joined_docs = int((audit[audit["step"] == "lines"]["lines_joined"] > 0).sum())
    share = fmt(round(100 * removed / raw, 2)) if raw else "0"
    text = f"Normalization removed {_count(removed)} of {plural(raw, 'character')} ({share}%)"
    if removed:
        text += (
            f"; {_count(han)} of them {'was a Han character' if han == 1 else 'were Han characters'}, "
            "all in dropped lines or spans listed below"
        )
    rejoined = (
        f"rejoined {plural(joined, 'broken line')} in {plural(joined_docs, 'document')}"
        if joined
        else "rejoined no broken line"
    )
    lines = f"dropped {plural(dropped, 'line')}" if dropped else "dropped no line"
    changes = f"changed {plural(changed, 'character')} one for one" if changed else "changed no character"
    return f"{text}. It {changes}, {rejoined} and {lines}."


def describe_articles(articles: pd.DataFrame, article_report: pd.DataFrame) -> str:
    """Articles found, documents without one, and how many have a source, an author, a date.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "source": [""], "author": ["李"], "date": [""]})
    >>> describe_articles(arts, pd.DataFrame({"n_articles": [1]}))[:66]
    '1 article came from 1 document; every document gave at least one. '
    """
    n_articles, n_docs = len(articles), articles["doc_id"].nunique()
    none = int((article_report["n_articles"] == 0).sum())
    gave = "every document gave at least one" if none == 0 else f"{plural(none, 'document')} gave no article"
    came = "came" if n_articles else "were found"
    counts = [_count(int((articles[column] != "").sum())) for column in ("source", "author", "date")]
    return (
        f"{plural(n_articles, 'article')} {came} from {plural(n_docs, 'document')}; {gave}. "
        f"With a known source: {counts[0]}; with an author: {counts[1]}; with a date: {counts[2]}."
    )
