"""Figures of the timeline stage, with Chinese labels (``textkit.timeline`` computes the tables).

Each function draws on ``ax`` (or a new figure) and returns the axes. With nothing to draw
(no dated article, one period only) the axes say so in words instead of raising.

>>> ax = plot_term_series(series, change_points=points)     # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from textkit.plotting import drawable

__all__ = ["plot_adoption", "plot_term_series", "plot_themes_over_time"]

_FREQ_NAMES = {"D": "日", "W": "周", "M": "月", "Q": "季度", "Y": "年"}


def _axes(ax, size=(8, 4)):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _empty(ax, message: str):
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _times(periods: pd.Series) -> pd.Series:
    return pd.PeriodIndex(periods).start_time


def plot_term_series(
    series: pd.DataFrame, change_points: pd.DataFrame | None = None, ax=None, title: str = ""
):
    """Occurrences per 10,000 Han characters of each term, with its Poisson band; change
    points are dashed vertical lines in the term's colour."""
    ax = _axes(ax)
    usable = series[series.period_articles > 0] if len(series) else series
    if usable.empty:
        return _empty(ax, "没有带日期的文章，无法绘制时间序列")
    freq = series.attrs.get("freq", "")
    for index, (term, group) in enumerate(usable.groupby("term", sort=False)):
        color = f"C{index % 10}"
        times = _times(group.period)
        ax.plot(times, group.per_10k, marker="o", markersize=3, color=color, label=drawable(term))
        ax.fill_between(times, group.low, group.high, color=color, alpha=0.15, linewidth=0)
        if change_points is not None and len(change_points):
            for period in change_points[change_points.term == term].period:
                ax.axvline(pd.Period(period).start_time, color=color, linestyle="--", linewidth=1)
    # A period that published a few hundred characters has a band reaching far up; the axis
    # follows the periods with at least a tenth of the median period's text.
    substantial = usable[usable.han_chars >= 0.1 * usable.han_chars.median()]
    top = max(float(substantial.high.max()), float(usable.per_10k.max())) if len(substantial) else 0.0
    if top > 0:
        ax.set_ylim(0, 1.05 * top)
    ax.set_title(
        drawable(title)
        or f"提法的使用频率（每{_FREQ_NAMES.get(freq, '期')}，每万汉字；阴影为95%置信带，虚线为变点）"
    )
    ax.set_ylabel("每万汉字出现次数")
    ax.set_xlabel("时间")
    ax.legend(loc="upper left", fontsize=8)
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax


def plot_themes_over_time(themes: pd.DataFrame, ax=None, title: str = "各主题所占比例（按时期）"):
    """Stacked shares of the topic clusters per period, labelled by their top terms."""
    ax = _axes(ax)
    if themes.empty or themes.period.nunique() < 1:
        return _empty(ax, "没有可按时间展示的主题")
    table = themes.pivot(index="period", columns="cluster", values="share").fillna(0).sort_index()
    labels = themes.drop_duplicates("cluster").set_index("cluster").label
    times = _times(pd.Series(table.index))
    ax.stackplot(
        times, table.T.to_numpy(), labels=[f"{c}：{drawable(labels[c])}" for c in table.columns], alpha=0.85
    )
    ax.set_ylim(0, 1)
    ax.set_ylabel("单元比例")
    ax.set_title(drawable(title))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax


def plot_adoption(adoption: pd.DataFrame, ax=None, title: str = "已使用各提法的媒体比例（累计）"):
    """Cumulative share of outlets that have used each term by the end of each period."""
    ax = _axes(ax)
    if adoption.empty:
        return _empty(ax, "没有署名媒体的带日期文章")
    for term, group in adoption.groupby("term", sort=False):
        ax.step(_times(group.period), group.cumulative, where="post", label=drawable(term))
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("媒体比例")
    ax.set_title(drawable(title))
    ax.legend(loc="lower right", fontsize=8)
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax
