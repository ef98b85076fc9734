"""Term counts over time: one pass over the text with one automaton for all terms.

>>> articles = pd.DataFrame({"date": ["2023-07-01", "2023-08-02", ""],
...                          "text": ["主题教育，主题教育。", "防汛救灾", "主题教育"]})
>>> term_series(articles, ["主题教育"], freq="M")[["period", "term", "count", "articles"]]
    period  term  count  articles
0  2023-07  主题教育      2         1
1  2023-08  主题教育      0         0
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Sequence

import ahocorasick
import numpy as np
import pandas as pd
from scipy.stats import chi2

from textkit._chars import HAN

__all__ = [
    "FREQS",
    "adoption",
    "article_periods",
    "date_coverage",
    "default_terms",
    "dispersion",
    "first_use",
    "parse_dates",
    "term_matrix",
    "term_series",
    "term_totals",
]

# pandas period aliases a researcher can pass as ``freq``, with their names in prose.
FREQS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
SERIES_COLUMNS = [
    "period",
    "term",
    "count",
    "articles",
    "per_10k",
    "low",
    "high",
    "period_articles",
    "han_chars",
]


def _check_freq(freq: str) -> str:
    if freq not in FREQS:
        raise ValueError(
            f"freq must be one of {', '.join(FREQS)} (day, week, month, quarter, year), not {freq!r}"
        )
    return freq


def parse_dates(articles: pd.DataFrame, column: str = "date") -> pd.Series:
    """Publication dates as ``datetime64``; ``NaT`` where the date is missing or has no year.

    ``textkit.articles`` writes ``YYYY-MM-DD``, ``--MM-DD`` (year unknown) or an empty string.

    >>> parse_dates(pd.DataFrame({"date": ["2023-07-01", "--03-24", ""]})).isna().tolist()
    [False, True, True]
    """
    if column not in articles:
        return pd.Series(pd.NaT, index=articles.index, dtype="datetime64[ns]")
    values = articles[column].fillna("").astype(str).str.strip()
    return pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")


def date_coverage(articles: pd.DataFrame, column: str = "date") -> dict:
    """How many articles carry a usable date, and the range they span.

    Returns ``articles, dated, undated, no_year`` (dated by month and day only) and
    ``first, last`` (``Timestamp`` or ``None``).

    >>> date_coverage(pd.DataFrame({"date": ["2023-07-01", "--03-24", ""]}))["undated"]
    2
    """
    dates = parse_dates(articles, column)
    raw = (
        articles[column].fillna("").astype(str) if column in articles else pd.Series("", index=articles.index)
    )
    dated = dates.dropna()
    return {
        "articles": len(articles),
        "dated": len(dated),
        "undated": int(dates.isna().sum()),
        "no_year": int((dates.isna() & raw.str.startswith("--")).sum()),
        "first": dated.min() if len(dated) else None,
        "last": dated.max() if len(dated) else None,
    }


def article_periods(articles: pd.DataFrame, freq: str = "M", column: str = "date") -> pd.Series:
    """The period (``pandas.Period``) of each article; missing where it has no full date."""
    return parse_dates(articles, column).dt.to_period(_check_freq(freq))


def _automaton(terms: Sequence[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for index, term in enumerate(terms):
        automaton.add_word(term, index)
    automaton.make_automaton()
    return automaton


def _clean_terms(terms: Sequence[str]) -> list[str]:
    if isinstance(terms, str):
        terms = [terms]
    cleaned = list(dict.fromkeys(str(term).strip() for term in terms))
    if "" in cleaned:
        raise ValueError("an empty term cannot be counted")
    return cleaned


def term_matrix(texts: Sequence[str], terms: Sequence[str]) -> np.ndarray:
    """Occurrences of each term in each text (texts × terms), in one pass per text.

    All terms go into one Aho-Corasick automaton (``pyahocorasick``), so the cost is one
    scan of the text whatever the number of terms. Every occurrence counts, overlapping
    ones included: 正确政绩观 counts once for itself and once for 政绩观.

    >>> term_matrix(["政绩观，正确政绩观"], ["政绩观", "正确政绩观"]).tolist()
    [[2, 1]]
    """
    terms = _clean_terms(terms)
    counts = np.zeros((len(texts), len(terms)), dtype=np.int64)
    if not terms:
        return counts
    automaton = _automaton(terms)
    for row, text in enumerate(texts):
        if not isinstance(text, str) or not text:
            continue
        hits = [index for _, index in automaton.iter(text)]
        if hits:
            counts[row] = np.bincount(hits, minlength=len(terms))
    return counts


def term_totals(
    texts: Sequence[str], terms: Sequence[str], *, cache_dir: str | os.PathLike | None = None
) -> np.ndarray:
    """``term_matrix(texts, terms).sum(axis=0)``: occurrences of each term in all the texts.

    With ``cache_dir`` each distinct text's counts are kept there (namespace
    ``termcounts-<code_version>``, key: the terms in order and the text), so a corpus with one
    new file scans that file's texts only; counts are sums of integers, so the totals equal the
    uncached ones exactly.

    >>> term_totals(["政绩观，正确政绩观", "政绩观"], ["政绩观", "正确政绩观"]).tolist()
    [3, 1]
    """
    terms = _clean_terms(terms)
    if cache_dir is None:
        return term_matrix(texts, terms).sum(axis=0)
    from textkit._chars import text_sha256
    from textkit.cache import ParquetCache, code_version

    listed = hashlib.sha256("\0".join(terms).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    keys = [f"{listed}-{text_sha256(text, 'surrogatepass')}" for text in texts]
    namespace = "termcounts-" + code_version("textkit.timeline.series", packages=("pyahocorasick",))
    cache = ParquetCache(cache_dir)
    stored = cache.get_many(namespace, list(dict.fromkeys(keys)))
    pending = {key: text for key, text in zip(keys, texts, strict=True) if key not in stored}
    if pending:
        counts = term_matrix(list(pending.values()), terms)
        fresh = {}
        for key, row in zip(pending, counts, strict=True):
            (present,) = np.nonzero(row)  # the columns of the terms found, then their counts
            pairs = np.concatenate([present, row[present]]).astype("<i8")
            fresh[key] = base64.b64encode(pairs.tobytes()).decode()
        cache.put_many(namespace, fresh)
        stored.update(fresh)
    totals = np.zeros(len(terms), dtype=np.int64)
    for key in keys:
        pairs = np.frombuffer(base64.b64decode(stored[key]), dtype="<i8")
        half = len(pairs) // 2
        np.add.at(totals, pairs[:half], pairs[half:])
    return totals


# The code point ranges of ``HAN_RE`` (``textkit._chars.HAN``: "a-b" triples), for numpy.
_HAN_RANGES = tuple((ord(HAN[i]), ord(HAN[i + 2])) for i in range(0, len(HAN), 3))


def _han_chars(texts: Sequence[str], chunk_chars: int = 1 << 22) -> np.ndarray:
    """Han characters (``HAN_RE`` matches) of each text; 0 for a non-string. Counted on the code
    points with numpy, a few million characters at a time (``HAN_RE.subn`` per text built a copy
    of every text and took a second on 4,500 articles).

    >>> _han_chars(["政绩观 2023", "", None, "𠀀a"], chunk_chars=3).tolist()
    [3, 0, 0, 1]
    """
    counts = np.zeros(len(texts), dtype=np.int64)
    start = 0
    while start < len(texts):
        stop, size = start, 0
        while stop < len(texts) and (size < chunk_chars or stop == start):
            size += len(texts[stop]) if isinstance(texts[stop], str) else 0
            stop += 1
        batch = [t if isinstance(t, str) else "" for t in texts[start:stop]]
        codes = np.frombuffer("".join(batch).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        han = np.zeros(len(codes), dtype=bool)
        for low, high in _HAN_RANGES:
            han |= (codes >= low) & (codes <= high)
        ends = np.cumsum([len(t) for t in batch])
        running = np.concatenate([[0], np.cumsum(han, dtype=np.int64)])
        counts[start:stop] = running[ends] - running[ends - [len(t) for t in batch]]
        start = stop
    return counts


def term_series(
    articles: pd.DataFrame,
    terms: Sequence[str],
    freq: str = "M",
    text_column: str = "text",
    level: float = 0.95,
) -> pd.DataFrame:
    """Occurrences of each term per period, and per 10,000 Han characters published then.

    One row per period and term, every period from the first dated article to the last
    (a period with no article has ``period_articles`` 0 and ``per_10k`` NaN): ``period``
    (``pandas.Period``), ``term``, ``count`` (occurrences), ``articles`` (articles that use
    the term), ``per_10k``, ``low``/``high`` (exact Poisson confidence band of ``per_10k``
    at ``level``), ``period_articles`` and ``han_chars`` (what the period published).
    Articles without a full date are left out of the rows and counted in
    ``attrs["undated"]``; ``attrs["coverage"]`` is ``date_coverage(articles)``.
    """
    terms = _clean_terms(terms)
    periods = article_periods(articles, freq)
    coverage = date_coverage(articles)
    dated = periods.notna().to_numpy()
    texts = articles[text_column].fillna("").astype(str).to_numpy()[dated]
    frame = pd.DataFrame(columns=SERIES_COLUMNS)
    frame.attrs.update(undated=coverage["undated"], coverage=coverage, freq=freq)
    if not dated.any() or not terms:
        return frame
    counts = term_matrix(list(texts), terms)
    han = _han_chars(texts)
    keys = periods[dated].to_numpy()
    full = pd.period_range(min(keys), max(keys), freq=freq)
    by_period = pd.DataFrame(counts, columns=terms).groupby(keys).sum().reindex(full, fill_value=0)
    used = pd.DataFrame(counts > 0, columns=terms).groupby(keys).sum().reindex(full, fill_value=0)
    han_by = pd.Series(han).groupby(keys).sum().reindex(full, fill_value=0)
    n_by = pd.Series(1, index=range(len(keys))).groupby(keys).sum().reindex(full, fill_value=0)
    rows = []
    alpha = 1 - level
    for term in terms:
        count = by_period[term].to_numpy()
        scale = np.where(han_by.to_numpy() > 0, 10_000 / np.maximum(han_by.to_numpy(), 1), np.nan)
        low = np.where(count > 0, chi2.ppf(alpha / 2, 2 * count) / 2, 0.0)
        high = chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
        rows.append(
            pd.DataFrame(
                {
                    "period": full,
                    "term": term,
                    "count": count,
                    "articles": used[term].to_numpy(),
                    "per_10k": np.round(count * scale, 3),
                    "low": np.round(low * scale, 3),
                    "high": np.round(high * scale, 3),
                    "period_articles": n_by.to_numpy(),
                    "han_chars": han_by.to_numpy(),
                }
            )
        )
    result = pd.concat(rows, ignore_index=True)[SERIES_COLUMNS]
    result.attrs.update(frame.attrs)
    return result


def default_terms(
    articles: pd.DataFrame,
    lexicon: Sequence[str],
    n: int = 6,
    text_column: str = "text",
    *,
    cache_dir: str | os.PathLike | None = None,
):
    """The ``n`` lexicon terms with most occurrences in the corpus (ties by term), most first.

    Terms that do not occur are never chosen, so the list can be shorter than ``n``. With
    ``cache_dir`` each text's counts are kept there (``term_totals``): a corpus with one new
    file scans that file's texts only. The list does not depend on it.
    """
    lexicon = sorted(_clean_terms(lexicon))
    totals = term_totals(list(articles[text_column].fillna("").astype(str)), lexicon, cache_dir=cache_dir)
    table = pd.DataFrame({"term": lexicon, "count": totals})
    table = table[table["count"] > 0].sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return table.term.head(n).tolist()


def first_use(series: pd.DataFrame) -> pd.DataFrame:
    """For each term of a ``term_series`` table: first, last and peak period, periods used.

    Columns ``term, count, first_period, last_period, peak_period, peak_per_10k,
    periods_used, periods``; a term never used has empty periods and ``count`` 0.
    """
    rows = []
    for term, group in series.groupby("term", sort=False):
        used = group[group["count"] > 0]
        peak = used.sort_values(["per_10k", "period"], ascending=[False, True]).head(1)
        rows.append(
            {
                "term": term,
                "count": int(group["count"].sum()),
                "first_period": used.period.min() if len(used) else None,
                "last_period": used.period.max() if len(used) else None,
                "peak_period": peak.period.iloc[0] if len(peak) else None,
                "peak_per_10k": float(peak.per_10k.iloc[0]) if len(peak) else None,
                "periods_used": len(used),
                "periods": len(group),
            }
        )
    columns = ["term", "count", "first_period", "last_period", "peak_period", "peak_per_10k"]
    return pd.DataFrame(rows, columns=[*columns, "periods_used", "periods"])


def adoption(
    articles: pd.DataFrame,
    terms: Sequence[str],
    freq: str = "M",
    by: str = "source",
    text_column: str = "text",
) -> pd.DataFrame:
    """Share of outlets (or of any other grouping column, e.g. ``place``) using each term.

    One row per period and term: ``publishing`` (distinct known values of ``by`` with a
    dated article in the period), ``using`` (those among them with an article that uses the
    term), ``share`` and ``cumulative`` (share of all the corpus's outlets that have used
    the term by the end of the period). Empty values of ``by`` are not an outlet.
    """
    terms = _clean_terms(terms)
    periods = article_periods(articles, freq)
    groups = articles[by].fillna("").astype(str) if by in articles else pd.Series("", index=articles.index)
    keep = (periods.notna() & (groups != "")).to_numpy()
    columns = ["period", "term", "publishing", "using", "share", "cumulative"]
    if not keep.any() or not terms:
        return pd.DataFrame(columns=columns)
    counts = term_matrix(list(articles[text_column].fillna("").astype(str).to_numpy()[keep]), terms)
    keys, names = periods[keep].to_numpy(), groups[keep].to_numpy()
    full = pd.period_range(min(keys), max(keys), freq=freq)
    publishing = pd.Series(names).groupby(keys).nunique().reindex(full, fill_value=0)
    n_outlets = len(set(names))
    rows = []
    for column, term in enumerate(terms):
        mask = counts[:, column] > 0
        using = pd.Series(names[mask]).groupby(keys[mask]).nunique().reindex(full, fill_value=0)
        seen: set[str] = set()
        cumulative = []
        for period in full:
            seen |= set(names[mask & (keys == period)])
            cumulative.append(round(len(seen) / n_outlets, 3))
        share = np.where(publishing > 0, using / np.maximum(publishing, 1), np.nan)
        rows.append(
            pd.DataFrame(
                {
                    "period": full,
                    "term": term,
                    "publishing": publishing.to_numpy(),
                    "using": using.to_numpy(),
                    "share": np.round(share, 3),
                    "cumulative": cumulative,
                }
            )
        )
    return pd.concat(rows, ignore_index=True)[columns]


def _gries_dp(counts: np.ndarray, sizes: np.ndarray) -> tuple[float, float]:
    """Gries' DP and its normalized form DP_norm (Lijffijt & Gries 2012) of one term."""
    total = counts.sum()
    if total == 0 or sizes.sum() == 0 or len(sizes) < 2:
        return float("nan"), float("nan")
    expected = sizes / sizes.sum()
    dp = 0.5 * float(np.abs(counts / total - expected).sum())
    return dp, dp / (1 - float(expected.min()))


def dispersion(
    articles: pd.DataFrame, terms: Sequence[str], freq: str = "M", text_column: str = "text"
) -> pd.DataFrame:
    """How evenly each term spreads over articles and over periods (Gries' DP).

    DP is half the summed difference between each part's share of the term and its share of
    the corpus (parts weighted by their Han characters): 0 when the term is spread exactly
    in proportion to the text, near 1 when it sits in one small part. ``dp_articles``
    uses every article as a part, ``dp_periods`` the periods of the dated articles (NaN
    with fewer than two periods); both are DP_norm, DP divided by its maximum
    1 − (smallest part's share). Columns ``term, count, articles, dp_articles, dp_periods``.

    >>> frame = pd.DataFrame({"date": ["2023-07-01", "2023-08-01"], "text": ["发展发展", "发展发展"]})
    >>> float(dispersion(frame, ["发展"]).dp_articles.iloc[0])
    0.0
    """
    terms = _clean_terms(terms)
    texts = list(articles[text_column].fillna("").astype(str))
    counts = term_matrix(texts, terms)
    han = _han_chars(texts)
    periods = article_periods(articles, freq)
    dated = periods.notna().to_numpy()
    keys = periods[dated].to_numpy()
    rows = []
    for column, term in enumerate(terms):
        by_article = _gries_dp(counts[:, column], han)[1]
        by_period = float("nan")
        if dated.any() and len(set(keys)) > 1:
            grouped = pd.DataFrame({"c": counts[dated, column], "h": han[dated]}).groupby(keys).sum()
            by_period = _gries_dp(grouped.c.to_numpy(), grouped.h.to_numpy())[1]
        rows.append(
            {
                "term": term,
                "count": int(counts[:, column].sum()),
                "articles": int((counts[:, column] > 0).sum()),
                "dp_articles": round(by_article, 3),
                "dp_periods": round(by_period, 3),
            }
        )
    return pd.DataFrame(rows, columns=["term", "count", "articles", "dp_articles", "dp_periods"])
