"""The timeline stage: when formulations appear, spread and fade, with reprints counted once.

Works on the articles table (``textkit.articles``) and its publication ``date``; articles
without a full date are counted and reported, never silently dropped.

- ``series``: ``term_series`` (counts, per 10,000 Han characters, Poisson bands),
  ``first_use``, ``adoption`` by outlet, ``dispersion`` (Gries' DP);
- ``change``: ``change_points`` (``ruptures``), ``compare_periods`` (keyness before and
  after a date), ``themes_over_time`` (topic shares per period from ``textkit.cluster``);
- ``reprints``: ``near_duplicates`` (MinHash LSH on character shingles, ``datasketch``),
  ``stories`` and ``compare_counts`` to count per story rather than per article.

>>> series = term_series(articles, ["主题教育", "防汛"], freq="W")     # doctest: +SKIP
>>> groups = near_duplicates(articles, threshold=0.5)                  # doctest: +SKIP
"""

from textkit.timeline.change import change_points, check_split_date, compare_periods, themes_over_time
from textkit.timeline.reprints import (
    compare_counts,
    near_duplicates,
    reprint_summary,
    shingle_hashes,
    stories,
)
from textkit.timeline.series import (
    FREQS,
    adoption,
    article_periods,
    date_coverage,
    default_terms,
    dispersion,
    first_use,
    parse_dates,
    term_matrix,
    term_series,
    term_totals,
)

__all__ = [
    "FREQS",
    "adoption",
    "article_periods",
    "change_points",
    "check_split_date",
    "compare_counts",
    "compare_periods",
    "date_coverage",
    "default_terms",
    "dispersion",
    "first_use",
    "near_duplicates",
    "parse_dates",
    "reprint_summary",
    "shingle_hashes",
    "stories",
    "term_matrix",
    "term_series",
    "term_totals",
    "themes_over_time",
]
