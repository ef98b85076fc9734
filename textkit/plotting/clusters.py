"""Plotting stage, topics: figures of ``textkit.cluster`` results, with Chinese labels.

Call ``textkit.plotting.use_chinese_font()`` first (``setup_notebook`` does). Every
function returns the Axes, or ``None`` without drawing when there is nothing to
draw (no model, no table), so a notebook cell needs no ``if``.

>>> plot_cluster_map(model)                  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import dendrogram

from textkit.cluster import ARTICLE_KEYS, TopicClusterer, article_similarity, map_coordinates, super_themes
from textkit.cluster.model import _shorten
from textkit.cluster.views import _article_keys
from textkit.plotting import drawable

__all__ = ["plot_cluster_map", "plot_select_k", "plot_similarity_heatmap", "plot_super_themes"]


def _plural(unit: str, n: int) -> str:
    return unit if n == 1 or unit.endswith("s") else unit + "s"


def plot_cluster_map(
    model: TopicClusterer | None,
    method: str = "svd",
    max_points: int = 2_000,
    random_state: int = 0,
    ax=None,
    annotate: bool = True,
):
    """Scatter map of units coloured by cluster, with the Chinese cluster labels.

    Call ``textkit.plotting.use_chinese_font()`` first (``setup_notebook``
    does). With more than ``max_points`` units a random sample is drawn and
    the title says "sample of N of M". Returns the Axes (None without a model).
    """
    if model is None:
        return None

    coords = map_coordinates(model, method=method, max_points=max_points, random_state=random_state)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    cmap = plt.get_cmap("tab10" if model.k <= 10 else "tab20")
    for cluster in range(model.k):
        points = coords.loc[coords["cluster"] == cluster]
        ax.scatter(
            points["x"],
            points["y"],
            s=14,
            alpha=0.7,
            color=cmap(cluster % cmap.N),
            label=f"{cluster}  {drawable(model.cluster_labels_[cluster])} ({model.sizes_[cluster]})",
        )
        if annotate and len(points):
            ax.annotate(
                str(cluster),
                (points["x"].median(), points["y"].median()),
                fontsize=12,
                ha="center",
                va="center",
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.8},
            )
    n, total = len(coords), model.n_units_
    shown = f"{total:,} {_plural(model.unit, total)}"
    if n < total:
        shown = f"random sample of {n:,} of {total:,} {_plural(model.unit, total)}"
    how = "SVD axes 1–2" if method == "svd" else "t-SNE"
    ax.set_title(f"{model.k} clusters, {shown} ({how})")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(title="cluster: label (units)", fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    ax.figure.tight_layout()
    return ax


def plot_select_k(table: pd.DataFrame | None, chosen: int | None = None, ax=None):
    """Stability, silhouette and coherence against k (from ``select_k``); marks ``chosen``.

    With the cluster-wise columns, the bars are the number of stable clusters.
    """
    if table is None or not len(table):
        return None

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.2))
    if "stable_share" in table:
        ax.plot(
            table["k"],
            table["stable_share"],
            marker="o",
            color="#2e7d32",
            label="share of units in stable clusters",
        )
        ax.plot(table["k"], table["mean_cluster_stability"], marker="^", label="mean cluster-wise stability")
    ax.plot(table["k"], table["stability"], marker="o", label="stability (mean ARI)")
    ax.plot(table["k"], table["seed_ari"], marker=".", linestyle=":", label="ARI between seeds")
    ax.plot(table["k"], table["subsample_ari"], marker=".", linestyle=":", label="ARI between subsamples")
    ax.set_ylabel("stability (ARI, Jaccard, share)")
    ax.set_xlabel("k (number of clusters)")
    ax.set_ylim(min(0.0, float(table[["stability", "seed_ari", "subsample_ari"]].min().min())), 1.05)
    other = ax.twinx()
    other.plot(table["k"], table["silhouette"], marker="s", color="#b5523b", label="silhouette (right)")
    if "coherence" in table:
        other.plot(
            table["k"], table["coherence"], marker="d", color="#7b1fa2", label="NPMI coherence (right)"
        )
    other.set_ylabel("silhouette (cosine), NPMI")
    if chosen is not None:
        ax.axvline(chosen, color="grey", linestyle="--", linewidth=1)
    handles = ax.get_legend_handles_labels()
    extra = other.get_legend_handles_labels()
    ax.legend(
        handles[0] + extra[0],
        handles[1] + extra[1],
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncol=2,
    )
    ax.set_xticks(list(table["k"]), [str(k) for k in table["k"]], fontsize=8 if len(table) < 15 else 6)
    ax.set_title("Choosing k: stability and separation")
    ax.figure.tight_layout()
    return ax


def plot_similarity_heatmap(
    units: pd.DataFrame | None,
    matrix,
    by: Sequence[str] = ARTICLE_KEYS,
    max_articles: int = 40,
    random_state: int = 0,
    ax=None,
    label_chars: int = 14,
    annotate_below: int = 16,
):
    """Heatmap of cosine similarity between articles (``article_similarity``).

    Articles are labelled by their title (cut to ``label_chars``) when
    ``units`` has one, else by ``doc_id#article_no``. With more than
    ``max_articles`` articles a random sample is shown and the title says so.
    Cells carry their value when at most ``annotate_below`` articles are
    shown. Returns the Axes (None when there is no matrix or fewer than two articles).
    """
    if units is None or matrix is None or units[list(by)].drop_duplicates().shape[0] < 2:
        return None

    similarity = article_similarity(
        units, matrix, by=by, max_articles=max_articles, random_state=random_state
    )
    names = list(similarity.index)
    if "title" in units:
        keys = _article_keys(units.reset_index(drop=True), by)
        titles = dict(zip(keys, units["title"].astype(str), strict=True))
        names = [
            f"{_shorten(titles[key], label_chars)} ({key.split('#')[-1]})" if titles.get(key) else key
            for key in names
        ]
    names = [drawable(name) for name in names]
    size = min(14.0, 4.0 + 0.3 * len(names))
    if ax is None:
        _, ax = plt.subplots(figsize=(size + 2, size))
    values = similarity.to_numpy()
    image = ax.imshow(values, vmin=0, vmax=1, cmap="viridis")
    ax.set_xticks(range(len(names)), names, rotation=90, fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    if len(names) <= annotate_below:
        for (row, column), value in np.ndenumerate(values):
            colour = "black" if value > 0.6 else "white"
            ax.text(column, row, f"{value:.2f}", ha="center", va="center", fontsize=8, color=colour)
    ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="cosine similarity")
    shown, total = similarity.attrs["n_shown"], similarity.attrs["n_articles"]
    what = f"{total:,} articles" if shown == total else f"random sample of {shown:,} of {total:,} articles"
    ax.set_title(f"Article similarity (TF-IDF cosine)\n{what}", fontsize=11)
    ax.figure.tight_layout()
    return ax


def plot_super_themes(
    model: TopicClusterer | None, n_groups: int | None = None, ax=None, label_chars: int = 18
):
    """Dendrogram of the clusters' centroids, leaves labelled "cluster label (units, stability)".

    Leaves are coloured by super-theme (``textkit.cluster.super_themes``); a leaf
    whose stability is below 0.75 is marked with "?". Returns the Axes (None
    without a model, or with fewer than three clusters).
    """
    if model is None or model.k < 3:
        return None
    table = super_themes(model, n_groups=n_groups).set_index("cluster")
    leaf_text = {
        c: f"{c} {drawable(_shorten(row.label, label_chars))} ({row.n_units:,}, {row.stability:.2f}"
        + ("?)" if row.stability < 0.75 else ")")
        for c, row in table.iterrows()
    }
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 1.2 + 0.32 * model.k))
    palette = plt.get_cmap("tab10")
    group_of = table["group"].to_dict()
    tree = dendrogram(
        table.attrs["linkage"],
        orientation="right",
        labels=[leaf_text[c] for c in range(model.k)],
        ax=ax,
        color_threshold=0,
        above_threshold_color="#888888",
        leaf_font_size=9,
    )
    for tick, leaf in zip(ax.get_yticklabels(), tree["leaves"], strict=True):
        tick.set_color(palette(group_of[leaf] % palette.N))
    groups = table.drop_duplicates("group").sort_values("group")
    handles = [
        plt.Line2D(
            [], [], color=palette(g % palette.N), marker="s", linestyle="", label=f"{g}: {drawable(label)}"
        )
        for g, label in zip(groups["group"], groups["group_label"], strict=True)
    ]
    ax.legend(handles=handles, title="super-theme", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_xlabel("cosine distance between centroids (average linkage)")
    ax.set_title(f"{model.k} clusters in {len(groups)} super-themes (units, stability)")
    ax.figure.tight_layout()
    return ax
