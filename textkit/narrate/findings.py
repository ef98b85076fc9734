"""Narration of notebook 04: Markdown sentences about formulations, themes, outlets, claims and places.

Each ``describe_*`` takes the tables the notebook computed and returns one
paragraph of Markdown, every corpus value escaped; empty tables give a plain
sentence, never an error. ``outlet_terms`` and ``province_terms`` build the two
keyness tables the sentences are about.

>>> describe_campaign(pd.DataFrame(columns=["term", "share_of_articles"]))
'No formulation of the campaign lexicon occurs in this corpus.'
"""

from __future__ import annotations

import pandas as pd

from textkit.cluster import STABLE, TopicClusterer, topics_problem
from textkit.narrate.topics import describe_left_out
from textkit.notebook import escape_markdown, fmt, plural
from textkit.notebook import escape_value as _esc
from textkit.vocab import key_terms, term_counts

__all__ = [
    "describe_campaign",
    "describe_claims",
    "describe_largest_claim",
    "describe_limits",
    "describe_outlets",
    "describe_places",
    "describe_recurring",
    "describe_regions",
    "describe_themes",
    "outlet_terms",
    "province_terms",
]

TERM_COLUMNS = ["articles", "distinctive terms"]


def _pct(share: float) -> str:
    return f"{fmt(float(share) * 100, 0)} %"


def describe_campaign(campaign: pd.DataFrame) -> str:
    """The most widespread lexicon formulations (``term``, ``share_of_articles``)."""
    if not len(campaign):
        return "No formulation of the campaign lexicon occurs in this corpus."
    leaders = "; ".join(
        f"{escape_markdown(r.term)} (in {_pct(r.share_of_articles)} of articles)"
        for r in campaign.head(3).itertuples()
    )
    n = int((campaign.share_of_articles >= 0.5).sum())
    return (
        f"The most widespread formulations are {leaders}. {fmt(n)} lexicon formulations occur in at "
        "least half of the articles."
    )


def describe_themes(
    model: TopicClusterer | None,
    threshold: float = STABLE,
    tokens=None,
    ks=None,
    k: int | None = None,
    left_out: pd.DataFrame | None = None,
) -> str:
    """Themes of notebook 03 in one sentence: how many, the largest, how many are firm.

    Given the ``tokens`` clustered and the ``KS``/``K`` parameters, a missing model is
    explained (``textkit.cluster.topics_problem``: too few units, an empty ``KS``, a ``K``
    too large); ``left_out`` (``textkit.cluster.units_with_words``) adds how many units
    had no word.

    >>> describe_themes(None)
    'There is too little text to cluster into themes.'
    >>> describe_themes(None, tokens=[["党", "政绩观"], ["交通"]] * 10, ks=[])
    'No themes: KS is empty: no number of clusters to compare.'
    """
    extra = describe_left_out(left_out)
    extra = f" {extra}" if extra else ""
    if model is None:
        reason = topics_problem(tokens, ks, k) if tokens is not None else ""
        if reason:
            return f"No themes: {reason}{extra}"
        return "There is too little text to cluster into themes." + extra
    share = model.sizes_.iloc[0] / model.sizes_.sum()
    firm = model.cluster_stability_ >= threshold
    labels = "; ".join(escape_markdown(model.cluster_labels_[c]) for c in firm.index[firm][:8])
    text = (
        f"The {escape_markdown(model.unit)} units fall into {fmt(model.k)} clusters; the largest "
        f"({escape_markdown(model.cluster_labels_[0])}) holds {_pct(share)} of them. "
    )
    if not firm.any():
        return (
            text
            + "No cluster is stable across refits on subsamples: these themes are tendencies, "
            + "not firm divisions."
            + extra
        )
    n_firm = int(firm.sum())
    verb = "is" if n_firm == 1 else "are"
    return text + f"{fmt(n_firm)} of them {verb} firm (stability ≥ {fmt(threshold)}): {labels}.{extra}"


def outlet_terms(tokens, sources: pd.Series, min_articles: int = 2, n_terms: int = 8) -> pd.DataFrame:
    """For each known outlet with at least ``min_articles`` articles, its most over-represented terms."""
    outlets = sources.value_counts()
    compared = sorted(outlets[(outlets >= min_articles) & (outlets.index != "(unknown)")].index)
    rows = []
    for source in compared if len(outlets) > 1 else []:
        key = key_terms(tokens, (sources == source).to_numpy(), n_terms)
        rows.append(
            {
                "source": source,
                "articles": int(outlets[source]),
                "distinctive terms": "、".join(key),
            }
        )
    return pd.DataFrame(rows, columns=["source", *TERM_COLUMNS])


def describe_outlets(sources: pd.Series, table: pd.DataFrame) -> str:
    """Outlets and their article counts, and which were compared (``outlet_terms``)."""
    outlets = sources.value_counts()
    counts = ", ".join(f"{escape_markdown(s)} ({fmt(int(c))})" for s, c in outlets.sort_index().items())
    compared = (
        ", ".join(escape_markdown(s) for s in table.source)
        if len(table)
        else "none (keyness needs an outlet with two articles and others)"
    )
    return f"{plural(len(outlets), 'outlet')}: {counts}. Compared against the rest: {compared}."


def province_terms(tokens, articles: pd.DataFrame, named: pd.DataFrame, top_n: int = 15, n_terms: int = 8):
    """``(by_province, table)``: articles naming each province, and the most named ones' terms."""
    by_province = (
        named.drop_duplicates(["doc_id", "article_no", "province"])
        .groupby("province")
        .size()
        .sort_values(ascending=False, kind="stable")
        .rename("articles")
    )
    keys = articles.set_index(["doc_id", "article_no"]).index
    rows = []
    counts = None  # the tokens are counted once for every province
    for province, count in by_province.head(top_n).items():
        if count < 2 or count == len(articles):
            continue
        mask = keys.isin(named[named.province == province].set_index(["doc_id", "article_no"]).index.unique())
        counts = term_counts(tokens) if counts is None else counts
        key = key_terms(tokens, mask, n_terms, counts=counts)
        rows.append(
            {
                "province": province,
                "articles": int(count),
                "distinctive terms": "、".join(key),
            }
        )
    return by_province, pd.DataFrame(rows, columns=["province", *TERM_COLUMNS]).head(top_n)


def describe_regions(by_province: pd.Series) -> str:
    """How many provinces are named, and how many in two or more articles.

    >>> describe_regions(pd.Series(dtype=int))
    '0 provinces are named in at least one article; 0 in two or more.'
    """
    return (
        f"{plural(len(by_province), 'province is', 'provinces are')} named in at least one article; "
        f"{fmt(int((by_province >= 2).sum()))} in two or more."
    )


def describe_recurring(recurring: pd.DataFrame, min_articles: int) -> str:
    """Recurring formulations (``textkit.extract.formulation_table``) and the most frequent one."""
    if not len(recurring):
        return f"No formulation occurs in {fmt(min_articles)} or more articles."
    first = recurring.iloc[0]
    return (
        f"{fmt(len(recurring))} formulations occur in {fmt(min_articles)} or more articles. "
        "The most frequent is "
        f"{_esc(first.formulation)} ({fmt(int(first.n_mentions))} mentions in "
        f"{plural(int(first.n_articles), 'article')} and {plural(int(first.n_sources), 'outlet')}), first in "
        f"{_esc(first.first_doc_id)} \\#{fmt(int(first.first_article_no))} "
        f"({_esc(first.first_source or 'unknown outlet')})."
    )


def describe_claims(claims: pd.DataFrame) -> str:
    """How many quantitative claims, in how many articles, how many percentages."""
    articles = claims[["doc_id", "article_no"]].drop_duplicates().shape[0]
    return (
        f"{plural(len(claims), 'quantitative claim')} in {plural(articles, 'article')}; "
        f"{fmt(int(claims.is_percent.sum()))} of them percentages."
    )


def describe_largest_claim(ranked: pd.DataFrame, claims: pd.DataFrame) -> str:
    """The most used unit and its largest claim (``claims_by_unit``); "" without claims."""
    if not len(ranked):
        return ""
    largest = ranked.iloc[0]
    return (
        f"The most used unit is {_esc(largest.unit)} "
        f"({plural(int((claims.unit == largest.unit).sum()), 'claim')}); the largest of them is "
        f"{_esc(largest.match)} (value {_esc(float(largest.value))}) in {_esc(largest.doc_id)} "
        f"\\#{fmt(int(largest.article_no))}: “{_esc(largest.context)}”."
    )


def describe_places(place_summary: pd.DataFrame, named: pd.DataFrame) -> str:
    """Distinct places, provinces, and the most mentioned place."""
    if not len(place_summary):
        return "No place of the national list of divisions is named outside datelines."
    first = place_summary.iloc[0]
    return (
        f"{fmt(len(place_summary))} distinct places in {plural(named.province.nunique(), 'province')}; "
        "the most "
        f"mentioned is {_esc(first['name'])} ({plural(int(first.n_mentions), 'mention')} in "
        f"{plural(int(first.n_articles), 'article')})."
    )


def describe_limits(articles: pd.DataFrame) -> str:
    """What the findings rest on: articles, files, outlets, dates, authors."""
    dated = articles.date[articles.date.str.match(r"^\d{4}-\d{2}-\d{2}$")]
    span = ""
    if dated.nunique() > 1:
        span = f" ({dated.min()} to {dated.max()})"
    elif len(dated):
        span = f" ({dated.min()})"
    return (
        f"These findings rest on {plural(len(articles), 'article')} from "
        f"{plural(articles.doc_id.nunique(), 'file')} and "
        f"{plural(articles.source[articles.source != ''].nunique(), 'known outlet')} "
        f"({fmt(int((articles.source == '').sum()))} of unknown outlet). With a full date: "
        f"{plural(len(dated), 'article')}{escape_markdown(span)}; with only a month and day: "
        f"{fmt(int(articles.date.str.startswith('--').sum()))}. Authors are named for "
        f"{plural(int((articles.author != '').sum()), 'article')}. Counts describe this collection, not the "
        "discourse as a whole: which articles were collected decides what is frequent."
    )
