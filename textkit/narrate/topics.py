"""Narration of the cluster stage: Markdown sentences about k, stability, labels and super-themes.

Every function takes the tables and models of ``textkit.cluster`` (``None`` when
nothing could be clustered) and returns one paragraph of Markdown; every value
taken from the corpus is escaped (``textkit.notebook.escape_markdown``). A
notebook shows it with ``Markdown(describe_choice(...))``.

>>> describe_units("paragraph", 144, 5)
'Units: paragraphs — 144 of them, from 5 articles.'
"""

from __future__ import annotations

import pandas as pd

from textkit.cluster import LARGEST_THEME, STABLE, TopicClusterer, firm_needed, topics_problem
from textkit.notebook import escape_markdown, fmt, plural
from textkit.notebook import escape_value as _esc

__all__ = [
    "describe_article_spread",
    "describe_choice",
    "describe_left_out",
    "describe_nmf",
    "describe_quality",
    "describe_reproducibility",
    "describe_stability",
    "describe_super_themes",
    "describe_units",
]


def _is_are(count: int) -> str:
    return "is" if count == 1 else "are"


def _unit_plural(unit: str) -> str:
    return unit if unit.endswith("s") else unit + "s"


def describe_units(unit: str, n_units: int, n_articles: int, left_out: pd.DataFrame | None = None) -> str:
    """What is clustered and how much of it; with ``left_out`` (``units_with_words``), what is not.

    >>> describe_units("article", 1, 1)
    'Units: articles — 1 of them, from 1 article.'
    """
    text = (
        f"Units: {_unit_plural(_esc(unit))} — {fmt(n_units)} of them, from {plural(n_articles, 'article')}."
    )
    extra = describe_left_out(left_out, unit)
    return f"{text} {extra}" if extra else text


def describe_left_out(left_out: pd.DataFrame | None, unit: str | None = None, max_listed: int = 5) -> str:
    """How many units had no word to cluster (``textkit.cluster.units_with_words``), and which.

    ``unit`` ("paragraph"/"article") defaults to paragraphs when ``left_out`` has a
    ``paragraph_no`` column (``paragraph_units``), else articles. "" when none was left out.

    >>> left_out = pd.DataFrame({"doc_id": ["en.txt"], "article_no": [1], "text": ["English only"]})
    >>> describe_left_out(left_out, "article").split(" (")[0]
    '1 article has no word left after segmentation and filtering'
    """
    if left_out is None or not len(left_out):
        return ""
    n = len(left_out)
    unit = _esc(unit or ("paragraph" if "paragraph_no" in left_out else "article"))
    what = plural(n, unit, _unit_plural(unit))
    verb = ("has", "is") if n == 1 else ("have", "are")
    keys = left_out[[c for c in ("doc_id", "article_no") if c in left_out]].drop_duplicates()
    names = [
        escape_markdown(str(row.iloc[0])) + (f" \\#{fmt(int(row.iloc[1]))}" if len(row) > 1 else "")
        for _, row in keys.head(max_listed).iterrows()
    ]
    more = f"; and {fmt(len(keys) - max_listed)} more" if len(keys) > max_listed else ""
    source = f"from {plural(len(keys), 'article')}: " if unit != "article" else ""
    return (
        f"{what} {verb[0]} no word left after segmentation and filtering (text in another language, "
        f"numbers only) and {verb[1]} left out of the clustering: {source}{'; '.join(names)}{more}."
    )


def _label(model: TopicClusterer, cluster: int) -> str:
    return f"{cluster} ({escape_markdown(model.cluster_labels_[cluster])})"


def describe_choice(
    model: TopicClusterer | None,
    table: pd.DataFrame | None,
    tokens,
    ks=None,
    k: int | None = None,
    min_stability: float = STABLE,
) -> str:
    """How k was chosen (or fixed, or why nothing could be clustered), in one or two sentences.

    >>> describe_choice(None, None, [["党"]] * 3)
    'Nothing is clustered: There are only 3 units: at least 6 are needed to form two clusters of 3.'
    """
    if model is None:
        reason = topics_problem(tokens, ks, k) or (
            "no word is shared by enough units to compare them (every term is too rare or in most units)."
        )
        return f"Nothing is clustered: {reason}"
    if table is None:
        return f"k = {fmt(model.k)} was fixed by the K parameter; no other k was compared."
    row = table.set_index("k").loc[model.k]
    source = (
        f"an automatic range of {fmt(len(table))} values from {fmt(int(table.k.min()))} to "
        f"{fmt(int(table.k.max()))} (about √(n/2) for {fmt(model.n_units_)} units)"
        if table.attrs.get("auto_range")
        else f"{fmt(len(table))} values of k (KS)"
    )
    sample = ""
    if "sampled" in table.attrs:
        size, total = table.attrs["sampled"]
        sample = (
            (
                f" The search ran on a fixed sample of {fmt(size)} of the {fmt(total)} units, chosen by "
                "their content (TF-IDF and SVD fitted on the sample); the clusters below are fitted on "
                "all units."
            )
            if table.attrs.get("search_on") == "content"
            else (
                f" The search ran on a fixed random sample of {fmt(size)} of the {fmt(total)} units "
                "(TF-IDF and SVD fitted on all of them); the clusters below are fitted on all units."
            )
        )
    threshold = table.attrs.get("stable_at", min_stability)
    firm = (
        f"firm themes (clusters that refits on subsamples find again, stability ≥ {fmt(threshold)}, "
        "and that hold at least half an average cluster's units and at most "
        f"{fmt(LARGEST_THEME * 100, 0)} % of all units)"
    )
    share = f"{fmt(float(row.stable_share) * 100, 0)} %"
    most = int(table["n_stable"].max())
    if most == 0:
        return (
            f"Among {source}, no k gives a single one of the {firm}: the structure is weak. "
            f"k = {fmt(model.k)}, the smallest k tried, is shown; read its clusters as tendencies.{sample}"
        )
    best = table.loc[table["n_stable"] == most].iloc[0]
    error = float(best["n_stable_se"]) if "n_stable_se" in table else most**0.5
    text = (
        f"Among {source}, the most {firm} found at any k is {fmt(most)} (at k = {fmt(int(best.k))}, "
        f"standard error {fmt(error, 1)}). k = {fmt(model.k)} is the fewest clusters within one "
        f"standard error of that: {plural(int(row.n_stable), 'firm theme')} "
        f"holding {share} of the units (coherence {fmt(float(row.coherence))}); a larger k mostly splits "
        "themes further. The table keeps every column, so another choice can be argued and fixed with K."
    )
    text += _accepted_span(table) + _range_end(table)
    if float(table["stable_share"].max()) < 0.5:
        text += (
            f" At no k do firm themes hold half the units (at most "
            f"{fmt(float(table['stable_share'].max()) * 100, 0)} %): the structure is weak outside them; "
            "read the other clusters as tendencies."
        )
    return text + sample


def _range_end(table: pd.DataFrame) -> str:
    """A caution when the largest k tried has as many firm themes as any k: the count had not
    fallen by the end of the range, so a wider range might find more (and choose a larger k).

    >>> t = pd.DataFrame({"k": [2, 10, 20, 40], "n_stable": [1, 6, 7, 9], "n_stable_se": [0, 1, 1.2, 2]})
    >>> _range_end(t)[:96]
    ' The count of firm themes does not fall before the end of the range: k = 40, the largest k tried'
    >>> _range_end(t.assign(n_stable=[1, 6, 9, 8]))
    ''
    """
    if "n_stable" not in table or int(table["n_stable"].max()) == 0:
        return ""
    largest = int(table["k"].max())
    if int(table.loc[table["k"] == largest, "n_stable"].iloc[0]) < int(table["n_stable"].max()):
        return ""
    return (
        f" The count of firm themes does not fall before the end of the range: k = {fmt(largest)}, the "
        f"largest k tried, has as many as any ({fmt(int(table['n_stable'].max()))}); a wider range (KS) "
        "might find more firm themes and choose a larger k."
    )


def _accepted_span(table: pd.DataFrame) -> str:
    """The k the one-standard-error rule accepts, when more than one: the evidence does not
    separate them, so another seed, sample or file may choose another of them.

    >>> t = pd.DataFrame({"k": [2, 10, 20, 40], "n_stable": [1, 6, 7, 9], "n_stable_se": [0, 1, 1.2, 2]})
    >>> _accepted_span(t)[:79]
    ' The evidence does not separate k = 20 to 40 (2 of the 4 values tried find that'
    """
    if "n_stable" not in table or int(table["n_stable"].max()) == 0:
        return ""
    accepted = table.loc[table["n_stable"] >= firm_needed(table), "k"].astype(int)
    if len(accepted) < 2:
        return ""
    return (
        f" The evidence does not separate k = {fmt(int(accepted.min()))} to {fmt(int(accepted.max()))} "
        f"({fmt(len(accepted))} of the {fmt(len(table))} values tried find that many firm themes within one "
        "standard error): a search with another random seed or a file more or less can choose another k "
        "in that span, so cite the themes found across it rather than the number k."
    )


def describe_stability(
    model: TopicClusterer | None,
    threshold: float = STABLE,
    max_listed: int = 12,
    largest: float = LARGEST_THEME,
) -> str:
    """Which themes are firm (stability ≥ ``threshold`` and at most ``largest`` of the units, as
    the choice of k counts them) and which are not; a stable cluster holding more than
    ``largest`` of the units is named as the corpus's bulk, not as a firm theme.

    >>> describe_stability(None)
    ''
    """
    if model is None:
        return ""
    stability = model.cluster_stability_
    share = model.sizes_.reindex(stability.index) / max(model.n_units_, 1)
    bulk = [int(c) for c in stability.index[(stability >= threshold) & (share > largest)]]
    firm = [int(c) for c in stability.index[(stability >= threshold) & (share <= largest)]]
    weak = [int(c) for c in stability.index[stability < threshold]]
    bulk_text = "".join(
        f" Cluster {_label(model, c)} is found again as well (stability {fmt(float(stability[c]))}) "
        "but holds "
        f"{fmt(float(share[c]) * 100, 0)} % of the units: the bulk of the corpus, not a firm theme "
        f"(a firm theme holds at most {fmt(largest * 100, 0)} %)."
        for c in bulk
    )

    def listing(clusters: list[int]) -> str:
        shown = "; ".join(_label(model, c) for c in clusters[:max_listed])
        return shown + (f"; and {fmt(len(clusters) - max_listed)} more" if len(clusters) > max_listed else "")

    if not firm:
        return (
            f"No theme is firm: no cluster of at most {fmt(largest * 100, 0)} % of the units reaches "
            f"stability {fmt(threshold)} (the highest is {fmt(float(stability.max()))}); they are tendencies "
            "of the vocabulary, and a different sample of articles would draw them differently." + bulk_text
        )
    text = (
        f"{fmt(len(firm))} of {fmt(model.k)} clusters {_is_are(len(firm))} firm "
        f"(stability ≥ {fmt(threshold)}, found again in refits on subsamples): {listing(firm)}."
    )
    if weak:
        text += f" Not firm: {listing(weak)}."
    return text + bulk_text


def describe_quality(model: TopicClusterer | None) -> str:
    """Topic diversity and NPMI coherence of the labels, with what the numbers mean.

    >>> describe_quality(None)
    ''
    """
    if model is None:
        return ""
    coherence = model.coherence_.dropna()
    mean = f"{fmt(float(coherence.mean()), 3)}" if len(coherence) else "not measurable"
    return (
        f"Topic diversity {fmt(model.diversity_, 3)} (share of distinct terms among the clusters' top 10; "
        f"1 = no shared top term); mean NPMI coherence {mean} (co-occurrence of each cluster's top terms "
        "in the same units, from −1 never to 1 always)."
    )


def describe_reproducibility(model: TopicClusterer | None, again: TopicClusterer | None) -> str:
    """Whether a second fit with the same ``random_state`` gave the same labels and stabilities.

    >>> describe_reproducibility(None, None)
    ''
    """
    if model is None or again is None:
        return ""
    same = bool((again.labels_ == model.labels_).all()) and again.cluster_stability_.equals(
        model.cluster_stability_
    )
    outcome = "identical" if same else "different"
    return f"A second fit with the same random_state gives {outcome} labels and stabilities."


def describe_super_themes(themes: pd.DataFrame | None) -> str:
    """The super-themes (``textkit.cluster.super_themes``), largest first.

    >>> describe_super_themes(None)
    ''
    """
    if themes is None or not len(themes):
        return ""
    parts = []
    for group, rows in themes.groupby("group", sort=True):
        parts.append(
            f"{fmt(int(group))} ({escape_markdown(rows.group_label.iloc[0])}: "
            f"{plural(len(rows), 'cluster')}, {fmt(int(rows.n_units.sum()))} units)"
        )
    return f"The clusters fall into {plural(len(parts), 'super-theme')}: " + "; ".join(parts) + "."


def describe_article_spread(shares: pd.DataFrame | None, model: TopicClusterer | None) -> str:
    """With paragraphs as units: how many articles span several clusters, and each cluster's leader.

    >>> describe_article_spread(None, None)
    ''
    """
    if shares is None or model is None or "n_units" not in shares:
        return ""
    clusters = list(range(model.k))
    leaders = []
    for cluster in clusters:
        top = shares.sort_values([cluster, "doc_id"], ascending=[False, True]).iloc[0]
        leaders.append(
            f"cluster {_label(model, cluster)}: {escape_markdown(top.doc_id)} \\#{fmt(int(top.article_no))} "
            f"({fmt(float(top[cluster]) * 100, 0)} % of its units)"
        )
    spread = int((shares[clusters] > 0).sum(axis=1).gt(1).sum())
    return (
        f"{fmt(spread)} of {plural(len(shares), 'article')} have units in more than one cluster. "
        f"The article most devoted to each cluster: {'; '.join(leaders)}."
    )


def describe_nmf(nmf) -> str:
    """How many NMF topics line up with one k-means cluster.

    >>> describe_nmf(None)
    ''
    """
    if nmf is None:
        return ""
    agree = int((nmf.mapping.overlap >= 0.5).sum())
    n = fmt(len(nmf.mapping))
    return f"{fmt(agree)} of {n} NMF topics share at least half their weight with one k-means cluster."
