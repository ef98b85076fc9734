"""textkit.narrate.topics and the cluster stage's new measures: stability, range, degenerate input."""

from __future__ import annotations

import doctest
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import textkit.narrate.topics
from textkit.cluster import (
    TopicClusterer,
    auto_ks,
    choose_k,
    cluster_summary,
    clusterwise_stability,
    fit_topics,
    super_themes,
    topics_problem,
)
from textkit.narrate.topics import (
    describe_choice,
    describe_quality,
    describe_stability,
    describe_super_themes,
    describe_units,
)

THEMES = [
    ["政绩观", "为民造福", "形象工程", "急功近利", "钉钉子精神", "政绩工程"],
    ["断头路", "兰州市", "交通", "道路", "通车", "路网"],
    ["主题教育", "理论学习", "读书班", "以学铸魂", "走深走实", "专题"],
    ["大运会", "成都", "运动员", "赛场", "金牌", "志愿者"],
]


def themed(per_theme: int = 12, seed: int = 0) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    return [[str(w) for w in rng.choice(words, 6)] for words in THEMES for _ in range(per_theme)]


def test_well_separated_clusters_are_stable_and_noise_is_not():
    rng = np.random.default_rng(0)
    points = np.vstack([rng.normal(centre, 0.05, (30, 2)) for centre in ((0, 6), (6, 0), (-6, -6))])
    model_labels = TopicClusterer(k=3).fit(themed()).labels_  # fitted path works
    assert len(model_labels) == 48
    from textkit.cluster._fit import _kmeans

    labels = _kmeans(points, 3, 3, 0, 10_000)[0]
    stability, ari = clusterwise_stability(points, labels, 3, random_state=0)
    assert stability.min() == 1.0 and ari == 1.0
    noise = rng.normal(0, 1, (90, 8))
    noise_labels = _kmeans(noise, 6, 3, 0, 10_000)[0]
    noisy, _ = clusterwise_stability(noise, noise_labels, 6, random_state=0)
    assert noisy.mean() < 0.75


def test_model_stability_is_a_series_in_unit_interval_and_reproducible():
    tokens = themed()
    first = TopicClusterer(k=4, random_state=3).fit(tokens)
    again = TopicClusterer(k=4, random_state=3).fit(tokens)
    stability = first.cluster_stability_
    assert isinstance(stability, pd.Series) and list(stability.index) == [0, 1, 2, 3]
    assert stability.between(0, 1).all()
    assert stability.min() >= 0.9  # four separate vocabularies
    np.testing.assert_array_equal(first.labels_, again.labels_)
    pd.testing.assert_series_equal(first.cluster_stability_, again.cluster_stability_)
    pd.testing.assert_series_equal(first.cluster_labels_, again.cluster_labels_)
    assert 0 < first.diversity_ <= 1


@pytest.mark.parametrize("n", [0, 1, 5, 6, 50, 144, 4_516, 10_000, 1_000_000])
def test_automatic_range_never_exceeds_the_units(n):
    ks = auto_ks(n)
    assert ks == sorted(set(ks))
    assert all(2 <= k <= max(n // 3, 0) and k < max(n, 1) for k in ks)
    assert not ks or ks[-1] <= 60


def test_fit_topics_without_ks_searches_the_automatic_range():
    tokens = themed()
    model, table = fit_topics(tokens, random_state=0)
    assert table["k"].tolist() == auto_ks(len(tokens))
    assert table.attrs["auto_range"] is True
    assert model.k == 4
    assert "stability" in cluster_summary(model)


def test_distinctive_labels_avoid_words_every_cluster_uses():
    shared = ["发展", "推动", "工作"]
    rng = np.random.default_rng(1)
    tokens = [[*map(str, rng.choice(words, 4)), *shared * 2] for words in THEMES for _ in range(12)]
    model = TopicClusterer(k=4, random_state=0, filler_weight=1.0).fit(tokens)
    assert not set(model.top_terms_["term"]) & set(shared)
    # Documented order: by group (largest first), then cluster. (Asserting clusters in plain
    # ascending order held only while k-means happened to put cluster 0 in the largest group.)
    themes = super_themes(model)
    assert themes.equals(themes.sort_values(["group", "cluster"], ignore_index=True))
    group_units = themes.groupby("group")["n_units"].sum()
    assert group_units.is_monotonic_decreasing


@pytest.mark.parametrize(
    ("tokens", "ks", "k", "expected"),
    [
        ([["政绩观", "干部"]], None, None, "only 1 unit"),
        ([["政绩观", "干部"]] * 40, None, None, "same words"),
        (themed(2), None, 50, "not less than the number of units"),
        (themed(), [], None, "KS is empty"),
        (themed(), [40, 50], None, "No k in KS"),
    ],
)
def test_degenerate_input_gets_a_sentence_not_a_traceback(tokens, ks, k, expected):
    assert fit_topics(tokens, ks=ks, k=k) == (None, None)
    assert expected in topics_problem(tokens, ks, k)
    text = describe_choice(None, None, tokens, ks, k)
    assert text.startswith("Nothing is clustered:") and expected in text
    assert describe_stability(None) == describe_quality(None) == describe_super_themes(None) == ""
    assert cluster_summary(None).empty


def test_no_stable_k_is_said_plainly():
    rng = np.random.default_rng(0)
    words = [f"词{i}" for i in range(40)]
    tokens = [[str(w) for w in rng.choice(words, 5)] for _ in range(90)]
    model, table = fit_topics(tokens, ks=[2, 3, 4, 5], random_state=0, min_df=1, max_df=1.0)
    assert model is not None
    choice = describe_choice(model, table, tokens, [2, 3, 4, 5])
    if table["stable_share"].max() < 0.5:
        assert "structure is weak" in choice
    share = model.sizes_ / model.n_units_
    firm = (model.cluster_stability_.ge(0.75) & share.le(0.5)).any()
    assert ("No theme is firm" in describe_stability(model)) == (not firm)


def test_a_stable_cluster_holding_most_units_is_named_the_bulk_not_a_firm_theme():
    clusters = pd.Index([0, 1, 2], name="cluster")
    model = SimpleNamespace(
        k=3,
        n_units_=100,
        sizes_=pd.Series([76, 14, 10], index=clusters),
        cluster_stability_=pd.Series([0.9, 0.8, 0.3], index=clusters),
        cluster_labels_=pd.Series(["学习、群众", "信访、群众", "水样、采集"], index=clusters),
    )
    text = describe_stability(model)
    assert text.startswith("1 of 3 clusters is firm") and "76 % of the units: the bulk" in text
    assert "信访" in text.split("Not firm")[0] and "学习" not in text.split("Not firm")[0]
    model.cluster_stability_ = pd.Series([0.9, 0.5, 0.3], index=clusters)
    text = describe_stability(model)
    assert text.startswith("No theme is firm") and "the bulk" in text
    assert "the bulk" not in describe_stability(model, largest=0.8)


def test_one_article_and_corpus_values_are_escaped():
    assert describe_units("article", 1, 1) == "Units: articles — 1 of them, from 1 article."
    tokens = [["<b>标签</b>", w] for words in THEMES for w in words for _ in range(2)]
    model = TopicClusterer(k=4, random_state=0, min_df=1).fit(tokens)
    assert "<b>" not in describe_stability(model)


def test_doctests():
    assert doctest.testmod(textkit.narrate.topics).failed == 0


def test_super_theme_dendrogram_and_nothing_to_draw(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from textkit.plotting import use_chinese_font
    from textkit.plotting.clusters import (
        plot_cluster_map,
        plot_select_k,
        plot_similarity_heatmap,
        plot_super_themes,
    )

    use_chinese_font()
    model = TopicClusterer(k=4, random_state=0).fit(themed())
    ax = plot_super_themes(model)
    ax.figure.savefig(tmp_path / "tree.png")
    plt.close(ax.figure)
    leaves = [tick.get_text() for tick in ax.get_yticklabels()]
    assert len(leaves) == 4 and any(model.cluster_labels_[0][:2] in leaf for leaf in leaves)
    assert plot_super_themes(None) is plot_cluster_map(None) is plot_select_k(None) is None
    assert plot_similarity_heatmap(None, None) is None


def test_choice_states_the_rule_with_its_numbers():
    from textkit.narrate.topics import _is_are

    table = pd.DataFrame(
        {
            "k": [2, 5, 10, 20, 40],
            "n_stable": [2, 1, 6, 7, 9],
            "n_stable_se": [0.0, 0.5, 1.0, 1.2, 2.0],
            "stable_share": [1.0, 0.3, 0.4, 0.35, 0.3],
            "coherence": [0.1, 0.1, 0.2, 0.2, 0.2],
        }
    )
    table.attrs.update(stable_at=0.75, auto_range=True)
    chosen = choose_k(table)
    text = describe_choice(SimpleNamespace(k=chosen, n_units_=3_200), table, None)
    assert chosen == 20
    assert "the most firm themes" in text and "is 9 (at k = 40, standard error 2)" in text
    # what a firm theme is, with both bounds on its size (LARGEST_THEME: half of the units)
    assert "hold at least half an average cluster's units and at most 50 % of all units)" in text
    assert "k = 20 is the fewest clusters within one standard error of that: " in text
    assert "7 firm themes holding 35 %" in text
    assert "structure is weak" not in text
    # 20 and 40 both reach 9 - 2 = 7 firm themes: the span is said, and it could be wrong
    assert "The evidence does not separate k = 20 to 40 (2 of the 5 values tried" in text
    # the most firm themes at the largest k tried: the count had not fallen, and the text says so
    assert "before the end of the range: k = 40, the largest k tried, has as many as any (9)" in text
    peaked = table.assign(n_stable=[2, 1, 6, 9, 8])
    text = describe_choice(SimpleNamespace(k=choose_k(peaked), n_units_=3_200), peaked, None)
    assert "the largest k tried" not in text
    sharp = table.assign(n_stable_se=0.0)
    text = describe_choice(SimpleNamespace(k=choose_k(sharp), n_units_=3_200), sharp, None)
    assert "k = 40 is the fewest" in text and "does not separate" not in text
    one = table.assign(n_stable=[0, 0, 1, 0, 0], stable_share=[0, 0, 0.1, 0, 0])
    text = describe_choice(SimpleNamespace(k=choose_k(one), n_units_=3_200), one, None)
    assert "k = 10 is the fewest" in text and "1 firm theme holding 10 %" in text
    assert "structure is weak outside them" in text
    none = table.assign(n_stable=0, stable_share=0.0)
    text = describe_choice(SimpleNamespace(k=choose_k(none), n_units_=3_200), none, None)
    assert "no k gives a single one of the firm themes" in text and "k = 2, the smallest k tried" in text
    assert (_is_are(1), _is_are(0), _is_are(2)) == ("is", "are", "are")


def test_super_themes_group_related_clusters_not_a_chain():
    # Two families of three themes each (a family shares half its words) and one theme
    # apart: three groups should be the two families and the lone theme, not one group
    # swallowing most clusters (what average linkage did on People's Daily).
    rng = np.random.default_rng(0)
    families = {"sport": ["比赛", "运动员", "赛场", "冠军"], "flood": ["防汛", "受灾", "救灾", "雨情"]}
    tokens = []
    for family, shared in families.items():
        for theme in range(3):
            own = [f"{family}{theme}词{i}" for i in range(4)]
            tokens += [[*map(str, rng.choice(own, 3)), *map(str, rng.choice(shared, 3))] for _ in range(15)]
    tokens += [[*map(str, rng.choice(["金砖", "峰会", "南非", "合作"], 5))] for _ in range(15)]
    model = TopicClusterer(k=7, random_state=0, filler_weight=1.0).fit(tokens)
    themes = super_themes(model, n_groups=3)
    family_of_unit = np.repeat([0, 0, 0, 1, 1, 1, 2], 15)
    groups_of_family = [
        set(themes.set_index("cluster").loc[np.unique(model.labels_[family_of_unit == f]), "group"])
        for f in range(3)
    ]
    assert all(len(groups) == 1 for groups in groups_of_family)
    assert len(set.union(*groups_of_family)) == 3
