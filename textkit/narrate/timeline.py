"""Sentences for notebook 05 (time), generated from the timeline stage's tables.

Each ``describe_*`` returns Markdown; every value that comes from the corpus (terms, labels,
outlet names) is escaped with ``textkit.notebook.escape_markdown``. Every degenerate case —
no dated article, one period, an absent term, a split date outside the corpus — has its own
sentence, so a notebook cell never needs an ``if``.

>>> coverage = {"articles": 3, "dated": 0, "undated": 3, "no_year": 1, "first": None, "last": None}
>>> describe_coverage(coverage).split(", so")[0]
'None of the 3 articles carries a full publication date (1 has a month and day but no year)'
"""

from __future__ import annotations

import math

import pandas as pd

from textkit.cluster import topics_problem
from textkit.narrate.topics import describe_left_out
from textkit.notebook import escape_markdown, fmt, plural

__all__ = [
    "describe_change_points",
    "describe_comparison",
    "describe_coverage",
    "describe_dispersion",
    "describe_first_use",
    "describe_reprints",
    "describe_terms",
    "describe_themes",
]

FREQ_WORDS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
# Below these, a curve is a handful of points: say what the corpus cannot show.
SMALL_ARTICLES = 50
SMALL_PERIODS = 6


def _e(value: object) -> str:
    return escape_markdown(value)


def _day(value) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _period(value) -> str:
    return _e(str(value))


def _terms(terms) -> str:
    return ", ".join(_e(term) for term in terms)


def describe_coverage(coverage: dict, n_periods: int | None = None, freq: str = "M") -> str:
    """Dated and undated articles, the range they span, and what that range can show."""
    total, dated = coverage["articles"], coverage["dated"]
    no_year = coverage.get("no_year", 0)
    year_note = (
        f" ({fmt(no_year)} {'has' if no_year == 1 else 'have'} a month and day but no year)"
        if no_year
        else ""
    )
    if dated == 0:
        return (
            f"None of the {plural(total, 'article')} carries a full publication date{year_note}, so the "
            "time views below are empty: there is no time axis to draw."
        )
    unit = FREQ_WORDS.get(freq, freq)
    span = (
        f"all on {_day(coverage['first'])}"
        if coverage["first"] == coverage["last"]
        else f"from {_day(coverage['first'])} to {_day(coverage['last'])}"
    )
    verb = "carries" if dated == 1 else "carry"
    text = f"{fmt(dated)} of the {plural(total, 'article')} {verb} a full publication date, {span}; " + (
        f"{fmt(coverage['undated'])} without one{year_note} are counted here but stay out of every curve."
        if coverage["undated"]
        else "every article is placed in time."
    )
    if n_periods is not None:
        text += f" Counted by {unit}, that is {plural(n_periods, unit)}."
    if n_periods is not None and n_periods < 2:
        text += (
            f" With one {unit} only there is no change to see: the tables below give levels, not trends, "
            "and no change point or comparison of periods can be computed."
        )
    if dated < SMALL_ARTICLES or (n_periods is not None and n_periods < SMALL_PERIODS):
        text += (
            f" This is a small corpus ({plural(dated, 'dated article')}): it can show when a formulation "
            "occurs in these articles, but not a trend, a peak or an adoption curve — one article more or "
            "less changes every rate, and the confidence bands are wide."
        )
    return text


def describe_terms(series: pd.DataFrame, terms) -> str:
    """Totals of each term, where it peaks, and which terms never occur."""
    terms = list(terms)
    if not terms:
        return "No term was given, and no formulation of the lexicon occurs in the corpus: nothing to count."
    if series.empty:
        return f"The terms ({_terms(terms)}) cannot be followed over time: no article carries a full date."
    totals = series.groupby("term", sort=False)["count"].sum()
    absent = [term for term in terms if totals.get(term, 0) == 0]
    present = [term for term in terms if totals.get(term, 0) > 0]
    parts = []
    for term in present:
        rows = series[(series.term == term) & (series["count"] > 0)]
        peak = rows.sort_values(["per_10k", "period"], ascending=[False, True], kind="stable").iloc[0]
        parts.append(
            f"{_e(term)} occurs {plural(int(totals[term]), 'time')} in "
            f"{plural(int(rows.articles.sum()), 'article')}"
            f", most densely in {_period(peak.period)} ({fmt(float(peak.per_10k))} per 10,000 Han characters)"
        )
    text = "; ".join(parts) + "." if parts else ""
    if absent:
        text += (
            f" {'It' if len(absent) == 1 else 'They'} never occur{'s' if len(absent) == 1 else ''} "
            "in the dated "
            f"articles: {_terms(absent)}."
            if len(absent) < len(terms)
            else f"None of the terms occurs in the dated articles: {_terms(absent)}."
        )
    return text.strip()


def describe_first_use(table: pd.DataFrame) -> str:
    """First and last period of each term used, and how many periods it appears in."""
    used = table[table["count"] > 0]
    if table.empty:
        return "There is no dated article, so no first use can be dated."
    if used.empty:
        return "None of the terms is used in a dated article, so none has a first use."
    parts = [
        f"{_e(r.term)} first in {_period(r.first_period)}, last in {_period(r.last_period)} "
        f"({fmt(int(r.periods_used))} of {fmt(int(r.periods))} periods)"
        for r in used.itertuples()
    ]
    text = "; ".join(parts) + "."
    if int(table.periods.max()) == 1:
        text += (
            " With one period only, first and last use are the same period and say nothing about adoption."
        )
    elif (used.first_period == used.first_period.min()).all() and len(used) > 1:
        text += (
            " All of them are used from the first period on: the corpus starts after these formulations "
            "were coined, so it shows their use, not their first appearance."
        )
    return text


def describe_change_points(points: pd.DataFrame, series: pd.DataFrame, min_size: int = 3) -> str:
    """The dates where a term's level shifts, or why there are none."""
    if series.empty:
        return "No change point can be looked for: no article carries a full date."
    n_periods = int(series[series.period_articles > 0].period.nunique())
    if n_periods < 2 * min_size:
        return (
            f"Change points need at least {fmt(2 * min_size)} periods with articles "
            f"({fmt(min_size)} on each side "
            f"of a change); this corpus has {fmt(n_periods)}, so none is looked for."
        )
    if points.empty:
        return "No term's level shifts by more than the noise between neighbouring periods: no change point."
    parts = []
    for term, group in points.groupby("term", sort=False):
        changes = [
            f"a {r.change} from {fmt(float(r.before))} to {fmt(float(r.after))} per 10,000 "
            f"from {_period(r.period)}"
            for r in group.itertuples()
        ]
        parts.append(f"{_e(term)}: " + "; ".join(changes))
    return "Change points (dashed lines in the figure) — " + ". ".join(parts) + "."


def describe_comparison(table: pd.DataFrame) -> str:
    """What distinguishes the articles after the split date from those before, or why nothing can."""
    check = table.attrs.get("split", {})
    problem = check.get("problem", "")
    given = _e(check.get("given"))
    if problem == "no dates":
        return "Two periods cannot be compared: no article carries a full date."
    if problem == "unparsable":
        return f"SPLIT_DATE {given} is not a date (write it as YYYY-MM-DD), so no two periods are compared."
    span = (
        f"{_day(check['first'])} to {_day(check['last'])}"
        if check.get("first") is not None
        else "no dated range"
    )
    if problem == "one day":
        return (
            f"Every dated article was published on {_day(check['first'])}: "
            "there are not two periods to compare."
        )
    if problem == "outside":
        return (
            f"SPLIT_DATE {_day(check['split'])} lies outside the corpus, which runs from {span}: every dated "
            "article falls on one side, so no two periods are compared. Choose a date inside that range."
        )
    if problem == "one side empty":
        return (
            f"All dated articles fall on one side of {_day(check['split'])} (the corpus runs from {span}), "
            "so there are not two periods to compare."
        )
    if not check:
        return "No comparison of periods was computed."
    chosen = "the median publication date" if check.get("given") is None else "SPLIT_DATE"
    after = table[table.side == "after"].term.head(5)
    before = table[table.side == "before"].term.head(5)
    text = (
        f"Split at {_day(check['split'])} ({chosen}): {plural(check['before'], 'article')} before, "
        f"{fmt(check['after'])} from that day on."
    )
    text += f" Terms most over-represented after it: {_terms(after)}." if len(after) else ""
    text += f" Before it: {_terms(before)}." if len(before) else ""
    if table.empty:
        text += " No term is frequent enough on both sides to be compared."
    elif min(check["before"], check["after"]) < 5:
        text += (
            " With so few articles on one side, these differences are those of single articles, not periods."
        )
    return text


def describe_reprints(summary: dict, threshold: float) -> str:
    """How many articles are reprints of a story already counted."""
    if summary["articles"] == 0:
        return "There is no article to compare for reprints."
    if summary["folded"] == 0:
        return (
            f"No two of the {plural(summary['articles'], 'article')} share at least "
            f"{fmt(threshold)} of their "
            "character shingles: every article is its own story, and counting per story changes nothing."
        )
    return (
        f"{plural(summary['reprinted'], 'story', 'stories')} "
        f"{'was' if summary['reprinted'] == 1 else 'were'} "
        f"printed more than once (shingle Jaccard ≥ {fmt(threshold)}; the largest group has "
        f"{plural(summary['largest'], 'copy', 'copies')}): counted per story, the "
        f"{plural(summary['articles'], 'article')} are {plural(summary['stories'], 'story', 'stories')}, "
        f"{fmt(summary['folded'])} reprints folded."
    )


def describe_themes(
    themes: pd.DataFrame, tokens=None, ks=None, k: int | None = None, left_out: pd.DataFrame | None = None
) -> str:
    """Which theme leads in each period, how stable it is, or why there are no themes over time.

    Given the ``tokens`` clustered and the ``KS``/``K`` parameters, an empty table is
    explained (``textkit.cluster.topics_problem``: too few units, an empty ``KS``, a ``K``
    too large); ``left_out`` (``textkit.cluster.units_with_words``) adds how many units
    had no word.

    >>> describe_themes(pd.DataFrame(), tokens=[["党", "政绩观"], ["交通"]] * 10, ks=[])
    'There are no themes over time: nothing is clustered. KS is empty: no number of clusters to compare.'
    """
    extra = describe_left_out(left_out)
    extra = f" {extra}" if extra else ""
    if themes.empty:
        reason = topics_problem(tokens, ks, k) if tokens is not None else ""
        if reason:
            return f"There are no themes over time: nothing is clustered. {reason}{extra}"
        undated = themes.attrs.get("undated_units", 0)
        return (
            "There are no themes over time: the corpus is too small to cluster, or none of its "
            f"{plural(undated, 'unit')} comes from a dated article.{extra}"
        )
    leaders = themes.sort_values(["period", "share", "cluster"], ascending=[True, False, True], kind="stable")
    leaders = leaders.drop_duplicates("period")
    leaders = leaders[leaders.units > 0]
    parts = [
        f"{_period(r.period)}: {_e(r.label)} ({fmt(float(r.share) * 100, 0)}%)" for r in leaders.itertuples()
    ]
    text = "The leading theme of each period — " + "; ".join(parts) + "."
    by_cluster = themes.drop_duplicates("cluster").set_index("cluster")
    stability, labels = by_cluster.stability, by_cluster.label
    if stability.notna().any():
        weak = stability[stability < 0.8]
        text += (
            f" {plural(len(weak), 'theme')} {'is' if len(weak) == 1 else 'are'} unstable across refits "
            f"(stability below 0.8: {_terms(labels[weak.index])}); "
            "read their curves as tendencies."
            if len(weak)
            else " Every theme is stable across refits (stability at least 0.8)."
        )
    else:
        text += " The model carries no per-theme stability, so each theme's curve is shown without it."
    if themes.period.nunique() == 1:
        text += " With one period only, these are the corpus's themes, not a change over time."
    undated = themes.attrs.get("undated_units", 0)
    if undated:
        text += (
            f" {plural(undated, 'unit')} from undated articles {'is' if undated == 1 else 'are'} left out."
        )
    return text + extra


def describe_dispersion(table: pd.DataFrame) -> str:
    """Which terms are spread evenly over articles and which sit in a few."""
    table = table[table["count"] > 0]
    if table.empty:
        return "No term occurs, so there is no dispersion to measure."
    parts = []
    for r in table.itertuples():
        dp = r.dp_articles
        if math.isnan(dp):
            parts.append(f"{_e(r.term)} (one article only: DP undefined)")
        else:
            spread = (
                "evenly spread" if dp < 0.4 else "moderately concentrated" if dp < 0.7 else "concentrated"
            )
            parts.append(f"{_e(r.term)} {spread} over articles (DP {fmt(float(dp))})")
    return "Gries' DP (0 = in proportion to the text, 1 = all in one small part): " + "; ".join(parts) + "."
