"""Change over time: where a series shifts level, two periods compared, themes per period.

>>> check_split_date(pd.DataFrame({"date": ["2023-07-01", "2023-08-01"]}), "2023-07-15")["ok"]
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from textkit.timeline.series import _check_freq, article_periods, date_coverage, parse_dates
from textkit.vocab import keyness

__all__ = ["change_points", "check_split_date", "compare_periods", "themes_over_time"]

CHANGE_COLUMNS = ["term", "period", "before", "after", "change"]


def change_points(series: pd.DataFrame, min_size: int = 3, value: str = "per_10k") -> pd.DataFrame:
    """Where each term's series shifts level, found by PELT (``ruptures``, least squares).

    The penalty is the BIC-style ``2·σ²·ln n``, with σ estimated from the median absolute
    difference of neighbouring periods, so noise alone rarely makes a break. Each segment
    lasts at least ``min_size`` periods; a series shorter than two segments has none.
    Periods without any article are left out of the signal. One row per change:
    ``term, period`` (first period of the new level), ``before`` and ``after`` (mean
    ``value`` of the segments either side) and ``change`` (``"rise"`` or ``"fall"``).
    """
    import ruptures as rpt

    rows = []
    for term, group in series.groupby("term", sort=False):
        group = group[group.period_articles > 0].sort_values("period")
        signal = group[value].to_numpy(dtype=float)
        if len(signal) < 2 * min_size:
            continue
        if np.allclose(signal, signal[0]):
            continue
        sigma = 1.4826 * np.median(np.abs(np.diff(signal))) / np.sqrt(2)
        if not sigma > 0:
            sigma = float(np.std(signal))
        penalty = 2 * sigma**2 * np.log(len(signal))
        breaks = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(signal).predict(pen=penalty)
        bounds = [0, *breaks]
        for left, cut, right in zip(bounds[:-2], bounds[1:-1], bounds[2:], strict=True):
            before, after = float(signal[left:cut].mean()), float(signal[cut:right].mean())
            rows.append(
                {
                    "term": term,
                    "period": group.period.iloc[cut],
                    "before": round(before, 3),
                    "after": round(after, 3),
                    "change": "rise" if after > before else "fall",
                }
            )
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def check_split_date(articles: pd.DataFrame, split_date: str | None) -> dict:
    """Whether ``split_date`` divides the dated articles in two, and into what.

    ``None`` takes the median publication date. Returns ``ok``, ``problem`` (a short key:
    ``"no dates"``, ``"one day"``, ``"unparsable"``, ``"outside"``, ``"one side empty"`` or ``""``), the
    ``split`` Timestamp, ``before``/``after`` article counts (before = published earlier
    than the split date), ``first``/``last`` dates and the ``given`` value.
    """
    coverage = date_coverage(articles)
    dates = parse_dates(articles)
    result = {
        "ok": False,
        "problem": "",
        "given": split_date,
        "split": None,
        "before": 0,
        "after": 0,
        "first": coverage["first"],
        "last": coverage["last"],
    }
    if coverage["dated"] == 0:
        return {**result, "problem": "no dates"}
    if split_date is None:
        split = dates.dropna().sort_values().iloc[coverage["dated"] // 2].normalize()
    else:
        split = pd.to_datetime(str(split_date), errors="coerce")
        if pd.isna(split):
            return {**result, "problem": "unparsable"}
    if coverage["first"] == coverage["last"]:
        return {**result, "problem": "one day"}
    result["split"] = split
    if split <= coverage["first"] or split > coverage["last"]:
        result.update(before=int((dates < split).sum()), after=int((dates >= split).sum()))
        return {**result, "problem": "outside"}
    result.update(before=int((dates < split).sum()), after=int((dates >= split).sum()))
    if result["before"] == 0 or result["after"] == 0:
        return {**result, "problem": "one side empty"}
    return {**result, "ok": True}


def compare_periods(
    articles: pd.DataFrame,
    tokens: Sequence[Sequence[str]],
    split_date: str | None = None,
    min_count: int = 3,
    top_n: int = 15,
) -> pd.DataFrame:
    """Terms that distinguish the articles from ``split_date`` on from those before it.

    Log-likelihood keyness (``textkit.vocab.keyness``) of the later articles against the
    earlier ones; undated articles take part in neither side. Returns the ``top_n`` terms
    of each direction: ``side`` (``"after"`` or ``"before"``), then keyness's columns
    (``target`` = count after, ``reference`` = count before). When the split does not
    divide the corpus the table is empty; ``attrs["split"]`` is ``check_split_date``'s
    answer either way, for ``describe_comparison``.
    """
    check = check_split_date(articles, split_date)
    columns = ["side", "term", "target", "reference", "g2", "log_ratio", "p_value"]
    if not check["ok"]:
        frame = pd.DataFrame(columns=columns)
        frame.attrs["split"] = check
        return frame
    dates = parse_dates(articles).to_numpy()
    dated = ~pd.isna(dates)
    rows = [list(tokens[i]) for i in np.flatnonzero(dated)]
    after = dates[dated] >= np.datetime64(check["split"])
    table = keyness(rows, after, min_count=min_count)
    later = table[table.g2 > 0].head(top_n).assign(side="after")
    earlier = table[table.g2 < 0].sort_values(["g2", "term"], kind="stable").head(top_n).assign(side="before")
    frame = pd.concat([later, earlier], ignore_index=True)[columns]
    frame.attrs["split"] = check
    return frame


def themes_over_time(
    model,
    units: pd.DataFrame,
    articles: pd.DataFrame,
    freq: str = "M",
    keys: Sequence[str] = ("doc_id", "article_no"),
) -> pd.DataFrame:
    """Share of the units of each period in each topic cluster (``textkit.cluster``).

    ``model`` is a fitted ``TopicClusterer`` (or ``None``, which gives an empty table),
    ``units`` the rows it was fitted on (paragraphs or articles, carrying ``keys``), whose
    dates come from ``articles``. One row per period and cluster: ``period, cluster, label,
    units, share`` (of the period's units), and ``stability`` when the model carries a
    per-cluster ``cluster_stability_`` (NaN otherwise). Undated units are left out and
    counted in ``attrs["undated_units"]``.
    """
    _check_freq(freq)
    columns = ["period", "cluster", "label", "units", "share", "stability"]
    if model is None or len(units) == 0:
        frame = pd.DataFrame(columns=columns)
        frame.attrs["undated_units"] = len(units)
        return frame
    keys = list(keys)
    periods = articles[keys].assign(period=article_periods(articles, freq).to_numpy())
    frame = units[keys].reset_index(drop=True).assign(cluster=np.asarray(model.labels_))
    frame = frame.merge(periods.drop_duplicates(keys), on=keys, how="left")
    undated = int(frame.period.isna().sum())
    frame = frame[frame.period.notna()]
    if frame.empty:
        empty = pd.DataFrame(columns=columns)
        empty.attrs["undated_units"] = undated
        return empty
    full = pd.period_range(frame.period.min(), frame.period.max(), freq=freq)
    counts = pd.crosstab(frame.period, frame.cluster).reindex(
        index=full, columns=range(model.k), fill_value=0
    )
    totals = counts.sum(axis=1)
    shares = counts.div(totals.where(totals > 0), axis=0)
    stability = getattr(model, "cluster_stability_", None)
    labels = pd.Series(model.cluster_labels_)
    table = (
        counts.stack()
        .rename("units")
        .to_frame()
        .join(shares.stack().rename("share"))
        .rename_axis(["period", "cluster"])
        .reset_index()
    )
    table["label"] = table.cluster.map(labels)
    table["share"] = table.share.round(3)
    table["stability"] = (
        table.cluster.map(pd.Series(stability)).astype(float).round(3) if stability is not None else np.nan
    )
    table.attrs["undated_units"] = undated
    return table[columns].sort_values(["period", "cluster"], ignore_index=True)
