"""Narration of the vocab and terms stages: the sentences of notebook 02.

Each ``describe_*`` function takes the tables of ``textkit.vocab`` / ``textkit.terms`` and
returns one Markdown paragraph; every number is computed here and every corpus value (terms,
the focus term) is escaped (``textkit.notebook.escape_markdown``), so a notebook cell only
calls and displays: ``Markdown(describe_tokens(tokens, lexicon))``.

>>> describe_tokens([["党", "民"], ["党"]], {"主题教育"})
'2 articles, 3 tokens after filtering, 2 distinct terms; the lexicon has 1 entry.'
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from textkit.notebook import escape_markdown, fmt, plural
from textkit.notebook import escape_value as _esc

__all__ = [
    "describe_campaign",
    "describe_candidates",
    "describe_focus_keyness",
    "describe_kwic",
    "describe_tokens",
]


def _times(count: int) -> str:
    return "once" if count == 1 else f"{fmt(count)} times"


def describe_tokens(tokens: Sequence[Sequence[str]], lexicon: Collection[str]) -> str:
    """Articles, tokens and distinct terms after filtering, and the size of the campaign lexicon.

    >>> describe_tokens([], set())
    'There is no article, so there is nothing to count; the lexicon has no entry.'
    """
    n_lexicon = len(lexicon)
    entries = "no entry" if n_lexicon == 0 else plural(n_lexicon, "entry", "entries")
    if not len(tokens):
        return f"There is no article, so there is nothing to count; the lexicon has {entries}."
    n_tokens = sum(map(len, tokens))
    n_types = len({token for row in tokens for token in row})
    return (
        f"{plural(len(tokens), 'article')}, {plural(n_tokens, 'token')} after filtering, "
        f"{plural(n_types, 'distinct term')}; the lexicon has {entries}."
    )


def describe_campaign(campaign: pd.DataFrame, lexicon: Collection[str]) -> str:
    """How many lexicon entries occur, and the most frequent one; with ``in_text`` columns
    (``textkit.vocab.lexicon_frequencies``) also how many occur only in pieces or inside longer
    tokens, and how much of the running text a count by tokens misses.

    ``campaign`` is the rows of ``term_frequencies`` whose term is in the lexicon, most frequent
    first, or ``lexicon_frequencies``.

    >>> campaign = pd.DataFrame({"term": ["主题教育"], "frequency": [44], "docfreq": [4]})
    >>> describe_campaign(campaign, {"主题教育", "政绩观"})[50:]
    'the most frequent is 主题教育 (44 times in 4 articles).'
    """
    n_lexicon = len(lexicon)
    whole = campaign[campaign["frequency"] > 0]
    found = len(whole)
    if n_lexicon == 0:
        return "The campaign lexicon is empty, so no formulation is counted."
    counted = "in_text" in campaign.columns
    in_text, as_token = (_in_text_sentence(campaign, found), " as a token") if counted else ("", "")
    if found == 0:
        if n_lexicon == 1:
            return f"The one lexicon entry does not occur in this corpus{as_token}." + in_text
        return f"None of the {fmt(n_lexicon)} lexicon entries occurs in this corpus{as_token}." + in_text
    first = whole.iloc[0]
    top = (
        f"{escape_markdown(first.term)} ({_times(int(first.frequency))} in "
        f"{plural(int(first.docfreq), 'article')})"
    )
    if n_lexicon == 1:
        return f"The one lexicon entry, {top}, occurs in this corpus." + in_text
    verb = "occurs" if found == 1 else "occur"
    return (
        f"{fmt(found)} of the {fmt(n_lexicon)} lexicon entries {verb} in this corpus; "
        f"the most frequent is {top}." + in_text
    )


def _in_text_sentence(campaign: pd.DataFrame, found: int) -> str:
    pieces = int((campaign["frequency"] == 0).sum())
    total = int(campaign["in_text"].sum())
    missed = int((campaign["in_text"] - campaign["frequency"]).clip(lower=0).sum())
    if total == 0:
        return ""
    only = (
        f" {fmt(pieces)}{' more' if found else ''} {'occurs' if pieces == 1 else 'occur'} only cut into "
        "pieces or inside a "
        "longer token."
        if pieces
        else ""
    )
    return (
        f"{only} Of the {fmt(total)} times the entries' characters occur in the text (`in_text`), a count "
        f"by tokens sees {fmt(total - missed)} ({fmt(100 * (total - missed) / total, 0)} %): the rest are "
        "entries cut into pieces or inside a longer entry or word."
    )


def _focus_mask(texts: Sequence[str] | pd.Series, term: str) -> pd.Series:
    return pd.Series(list(texts), dtype=object).fillna("").astype(str).str.contains(term, regex=False)


def describe_focus_keyness(key: pd.DataFrame, texts: Sequence[str] | pd.Series, term: str) -> str:
    """How many articles mention ``term`` and, when keyness was computed, its most distinctive term.

    ``key`` is ``textkit.vocab.focus_keyness(tokens, texts, term)``: empty when one side is empty.

    >>> key = pd.DataFrame({"term": ["主题教育"], "g2": [17.5], "log_ratio": [3.8]})
    >>> describe_focus_keyness(key, ["政绩观", "政绩观", "发展"], "政绩观")[:52]
    '2 of 3 articles mention 政绩观. Against the other one, '
    """
    mask = _focus_mask(texts, term)
    total, n_focus = len(mask), int(mask.sum())
    rest, name = total - n_focus, escape_markdown(term)
    why = "keyness needs articles on both sides, so it is not computed for this corpus."
    if total == 0:
        return "There is no article, so keyness is not computed."
    if total == 1:
        return f"The one article {'mentions' if n_focus else 'does not mention'} {name}: {why}"
    if n_focus == 0:
        return f"None of the {fmt(total)} articles mentions {name}: {why}"
    if rest == 0:
        return f"All {fmt(total)} articles mention {name}: {why}"
    mention = f"{fmt(n_focus)} of {fmt(total)} articles {'mentions' if n_focus == 1 else 'mention'} {name}"
    if not len(key):
        return (
            f"{mention}, but the articles on one side have no token left after filtering, "
            "so keyness is not computed."
        )
    first = key.iloc[0]
    other = "the other one" if rest == 1 else f"the other {fmt(rest)}"
    return (
        f"{mention}. Against {other}, the most distinctive term is {escape_markdown(first.term)} "
        f"(G² {_esc(float(first.g2))}, log ratio {_esc(float(first.log_ratio))})."
    )


def describe_kwic(lines: pd.DataFrame, term: str) -> str:
    """How often ``term`` occurs (the rows of ``textkit.vocab.kwic``) and in how many articles.

    >>> describe_kwic(pd.DataFrame({"doc_id": ["a", "a"], "article_no": [1, 1]}), "政绩观")
    '政绩观 occurs twice in 1 article.'
    """
    name = escape_markdown(term)
    if not len(lines):
        return f"{name} does not occur in the normalized text."
    keys = [column for column in ("doc_id", "article_no") if column in lines]
    n_articles = len(lines[keys].drop_duplicates())
    times = "twice" if len(lines) == 2 else _times(len(lines))
    return f"{name} occurs {times} in {plural(n_articles, 'article')}."


def describe_candidates(candidates: pd.DataFrame, min_freq: int, shown: int) -> str:
    """How many term candidates there are and how many the table lists.

    >>> describe_candidates(pd.DataFrame({"term": ["新质生产力"] * 28}), min_freq=3, shown=25)
    '28 candidates with at least 3 occurrences; the first 25 by the ranking.'
    """
    n = len(candidates)
    least = f"at least {plural(min_freq, 'occurrence')}"
    if n == 0:
        return f"No candidate with {least}."
    if n <= shown:
        listed = "; the one candidate is listed" if n == 1 else f"; all {fmt(n)} are listed, by the ranking"
        return f"{plural(n, 'candidate')} with {least}{listed}."
    return f"{plural(n, 'candidate')} with {least}; the first {fmt(shown)} by the ranking."


def describe_adaptive_terms(terms: pd.DataFrame, min_articles: int, shown: int) -> str:
    """What the corpus-adaptive terms are, how many there are, and that they are opt-in.

    ``terms`` is the table of ``textkit.terms.adaptive_terms``; with ``unquoted=True`` its
    ``kind`` column marks the cohesive unquoted sequences, counted in a sentence of their own.

    >>> table = pd.DataFrame({"term": ["智改数转", "一网统管"], "articles": [3, 2]})
    >>> describe_adaptive_terms(table, min_articles=2, shown=25)  # doctest: +NORMALIZE_WHITESPACE
    '2 quoted phrases recur in at least 2 articles and are cut by the tokenizer; all 2 are listed,
    with why. Pass them as `make_tokenizer(extra_terms=...)` to count each as one token
    (the counts above do not).'
    >>> describe_adaptive_terms(table.head(0), min_articles=2, shown=25)
    'No quoted phrase recurs in at least 2 articles while the tokenizer cuts it.'
    >>> both = pd.DataFrame({"term": ["智改数转", "全国两会"], "kind": ["quoted", "cohesive"]})
    >>> describe_adaptive_terms(both, min_articles=2, shown=25)  # doctest: +NORMALIZE_WHITESPACE
    '1 quoted phrase recurs in at least 2 articles and is cut by the tokenizer. 1 unquoted
    sequence of tokens is used as a unit: cohesive, in varied contexts, shaped like a term
    (`textkit.cohesion`); found by statistics, some are phrases: read them before counting with
    them. The 2 terms are listed, quoted ones first, with why. Pass them as
    `make_tokenizer(extra_terms=...)` to count each as one token (the counts above do not).'
    """
    kinds = terms["kind"] if "kind" in terms.columns else pd.Series("quoted", index=terms.index)
    n = int((kinds == "quoted").sum())
    n_cohesive = int((kinds == "cohesive").sum())
    least = f"at least {plural(min_articles, 'article')}"
    if n_cohesive:
        noun, verb, be = ("quoted phrase", "recurs", "is") if n == 1 else ("quoted phrases", "recur", "are")
        quoted = f"{fmt(n)} {noun} {verb} in {least} and {be} cut by the tokenizer"
        noun, be = ("unquoted sequence", "is") if n_cohesive == 1 else ("unquoted sequences", "are")
        total = n + n_cohesive
        if total > shown:
            listed = f"The first {fmt(shown)} of the {fmt(total)} terms are listed"
        else:
            listed = "The term is listed" if total == 1 else f"The {fmt(total)} terms are listed"
        return (
            f"{quoted}. {fmt(n_cohesive)} {noun} of tokens {be} used as a unit: cohesive, in varied "
            "contexts, shaped like a term (`textkit.cohesion`); found by statistics, some are "
            f"phrases: read them before counting with them. {listed}, "
            "quoted ones first, with why. Pass them as `make_tokenizer(extra_terms=...)` to count each "
            "as one token (the counts above do not)."
        )
    if n == 0:
        return f"No quoted phrase recurs in {least} while the tokenizer cuts it."
    if n > shown:
        listed = f"the {fmt(shown)} quoted in most articles are listed"
    else:
        listed = "it is listed" if n == 1 else f"all {fmt(n)} are listed"
    noun, verb, be = ("quoted phrase", "recurs", "is") if n == 1 else ("quoted phrases", "recur", "are")
    return (
        f"{fmt(n)} {noun} {verb} in {least} and {be} cut by the tokenizer; {listed}, with why. "
        "Pass them as `make_tokenizer(extra_terms=...)` to count each as one token "
        "(the counts above do not)."
    )
