"""textkit.features and textkit.cluster: reproducible, labelled, measured topic clusters."""

from __future__ import annotations

import doctest
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import normalize

import textkit._row_blocks
import textkit.cluster
import textkit.cluster._fit
import textkit.cluster.model
import textkit.cluster.select
import textkit.cluster.units
import textkit.cluster.views
import textkit.features
from textkit.cluster import (
    TopicClusterer,
    article_cluster_shares,
    article_similarity,
    choose_k,
    class_tfidf,
    cluster_keyness,
    cluster_summary,
    clustering_units,
    firm_needed,
    fit_topics,
    map_coordinates,
    nmf_topics,
    paragraph_units,
    refit,
    select_k,
)
from textkit.features import TermFeatures
from textkit.plotting.clusters import plot_cluster_map, plot_select_k, plot_similarity_heatmap

# Three themes of this discourse, each with its own words, plus the boilerplate every
# paragraph shares. Words are real tokens from the seeds.
THEMES = {
    "政绩观": ["政绩观", "为民造福", "形象工程", "急功近利", "钉钉子精神", "政绩工程", "偏差", "纠治"],
    "断头路": ["断头路", "兰州市", "交通", "道路", "通车", "城关区", "打通", "路网"],
    "主题教育": ["主题教育", "理论学习", "读书班", "以学铸魂", "走深走实", "党员", "专题", "党"],
}
SHARED = ["推动", "工作", "坚持", "干部", "开展", "加强", "落实", "发展"]


def synthetic_corpus(per_theme: int = 15, seed: int = 0) -> tuple[list[list[str]], np.ndarray]:
    """Units of 5 theme words and 6 shared words; shared words are the most frequent overall."""
    rng = np.random.default_rng(seed)
    tokens, truth = [], []
    for theme_no, words in enumerate(THEMES.values()):
        for _ in range(per_theme):
            unit = list(rng.choice(words, size=5, replace=True)) + list(
                rng.choice(SHARED, size=6, replace=True)
            )
            tokens.append([str(word) for word in unit])
            truth.append(theme_no)
    return tokens, np.asarray(truth)


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_corpus()


@pytest.fixture(scope="module")
def seed_units(seed_documents):
    """Paragraphs of the five real seed files, in simplified script."""
    from textkit.normalize import to_simplified

    articles = seed_documents.assign(article_no=1, title="", text=seed_documents["text"].map(to_simplified))
    return paragraph_units(articles)


@pytest.fixture(scope="module")
def seed_tokens(seed_units):
    from textkit.tokenize import tokenize_corpus

    return tokenize_corpus(seed_units)


@pytest.fixture(scope="module")
def seed_model(seed_tokens):
    return TopicClusterer(k=4, unit="paragraph", random_state=0).fit(seed_tokens)


# --------------------------------------------------------------------------- units and features


def test_paragraph_units_drop_headings_and_keep_article_keys():
    heading = "周密安排部署,落实主体责任"  # a real sub-heading of seed 000: not an argument
    body = "各地把开展学习教育作为重要政治任务,切实履行主体责任,精心组织,充分发挥领导干部领学促学作用。"
    articles = pd.DataFrame(
        {
            "doc_id": ["b.txt", "a.txt"],
            "article_no": [2, 1],
            "title": ["第二篇", "第一篇"],
            "text": [f"{heading}\n\n{body}", f"{body}\n{heading}\n  {body}  "],
        }
    )
    units = paragraph_units(articles)
    assert list(units.columns) == ["doc_id", "article_no", "paragraph_no", "title", "text"]
    assert units[["doc_id", "article_no", "paragraph_no"]].values.tolist() == [
        ["a.txt", 1, 1],
        ["a.txt", 1, 3],
        ["b.txt", 2, 2],
    ]
    assert set(units["text"]) == {body}
    assert units["title"].tolist() == ["第一篇", "第一篇", "第二篇"]


def test_seed_paragraphs_are_enough_units(seed_units):
    assert len(seed_units) >= 100
    assert seed_units["doc_id"].nunique() == 5
    assert (seed_units["text"].str.len() >= 30).all()


def test_one_character_words_survive_vectorizing():
    features = TermFeatures(char_weight=0.0, min_df=1, max_df=1.0)
    features.fit([["党", "民"], ["党", "政绩观"]])
    assert {"党", "民", "政绩观"} == set(features.word_names_)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["党", "政绩", "政绩观", "工程", "民生", "A股"]), min_size=1, max_size=6),
        min_size=3,
        max_size=8,
    ),
    st.sampled_from([0.25, 0.5, 0.75]),
)
def test_cosine_is_the_weighted_mean_of_word_and_character_cosines(tokens, weight):
    combined = TermFeatures(char_weight=weight, min_df=1, max_df=1.0)
    matrix = combined.fit_transform(tokens)
    words = normalize(TermFeatures(char_weight=0.0, min_df=1, max_df=1.0).fit_transform(tokens))
    chars = normalize(TermFeatures(char_weight=1.0, min_df=1, max_df=1.0).fit_transform(tokens))
    expected = (1 - weight) * (words @ words.T).toarray() + weight * (chars @ chars.T).toarray()
    np.testing.assert_allclose((matrix @ matrix.T).toarray(), expected, atol=1e-9)


def test_too_small_a_corpus_says_what_to_change():
    with pytest.raises(ValueError, match="lower min_df"):
        TermFeatures().fit([["政绩观"], ["断头路"], ["主题教育"]])


def test_strings_instead_of_token_lists_are_refused():
    with pytest.raises(TypeError, match="token lists"):
        TopicClusterer(k=2).fit(["树立正确政绩观", "打通断头路", "开展主题教育"])


# --------------------------------------------------------------------------- clustering


def test_refit_equals_a_fit_from_the_tokens(synthetic):
    tokens, _ = synthetic
    model = TopicClusterer(k=3, random_state=1).fit(tokens)
    again, fresh = refit(model, tokens), TopicClusterer(k=3, random_state=1).fit(tokens)
    assert again is not model and again.matrix_ is model.matrix_  # the seedless TF-IDF is reused
    np.testing.assert_array_equal(again.labels_, fresh.labels_)
    np.testing.assert_array_equal(again.embedding_, fresh.embedding_)
    pd.testing.assert_series_equal(again.cluster_stability_, fresh.cluster_stability_)
    pd.testing.assert_frame_equal(again.top_terms_, fresh.top_terms_)
    threaded = refit(model, tokens, n_jobs=2)  # threads share the SVD's products: the same fit
    np.testing.assert_array_equal(threaded.embedding_, fresh.embedding_)
    np.testing.assert_array_equal(threaded.labels_, fresh.labels_)
    # other tokens than the model's (another number of rows): fitted from them alone
    fewer = refit(model, tokens[:-3])
    np.testing.assert_array_equal(fewer.labels_, TopicClusterer(k=3, random_state=1).fit(tokens[:-3]).labels_)


@pytest.mark.parametrize("k", [4, 7])
def test_threads_share_the_kmeans_starts_and_fit_the_same_model(seed_tokens, k, monkeypatch):
    """``fit(n_jobs=2)``: the k-means starts of the fit and of the stability's refits on threads
    (``fit_kmeans``), the same centres, labels, stabilities and terms bit for bit as one thread."""
    from textkit.cluster import _fit

    serial = TopicClusterer(k=k, unit="paragraph", random_state=0).fit(seed_tokens)
    calls = []
    original = _fit.fit_kmeans
    monkeypatch.setattr(_fit, "fit_kmeans", lambda *a, **kw: calls.append(kw["n_jobs"]) or original(*a, **kw))
    threaded = TopicClusterer(k=k, unit="paragraph", random_state=0).fit(seed_tokens, n_jobs=2)
    assert calls == [2] * (1 + threaded.n_draws)  # the fit and every refit took the threaded path
    np.testing.assert_array_equal(threaded.labels_, serial.labels_)
    np.testing.assert_array_equal(threaded.cluster_centers_, serial.cluster_centers_)
    assert threaded.kmeans_.inertia_ == serial.kmeans_.inertia_
    assert threaded.stability_ari_ == serial.stability_ari_
    pd.testing.assert_series_equal(threaded.cluster_stability_, serial.cluster_stability_)
    pd.testing.assert_frame_equal(threaded.top_terms_, serial.top_terms_)
    pd.testing.assert_frame_equal(threaded.representatives_, serial.representatives_)
    np.testing.assert_array_equal(threaded.predict(seed_tokens[:20]), serial.predict(seed_tokens[:20]))


def test_threaded_kmeans_picks_the_same_start_where_starts_disagree():
    from textkit.cluster._fit import _kmeans

    rng = np.random.default_rng(3)
    centres = rng.normal(size=(6, 5))
    rows = centres[rng.integers(6, size=300)] + rng.normal(scale=1.5, size=(300, 5))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    inertias = {_kmeans(rows, 7, 1, seed, 20_000)[2].inertia_ for seed in range(10)}
    assert len(inertias) > 1  # the starts end in other optima: which one is kept matters
    for n_jobs in (2, 3, -1):
        got, expected = _kmeans(rows, 7, 10, 4, 20_000, n_jobs), _kmeans(rows, 7, 10, 4, 20_000)
        for mine, theirs in zip(got[:2], expected[:2], strict=True):
            np.testing.assert_array_equal(mine, theirs)
        assert got[2].inertia_ == expected[2].inertia_


def test_same_random_state_gives_identical_results(seed_tokens, seed_model):
    again = TopicClusterer(k=4, unit="paragraph", random_state=0).fit(seed_tokens)
    np.testing.assert_array_equal(again.labels_, seed_model.labels_)
    pd.testing.assert_frame_equal(again.top_terms_, seed_model.top_terms_)
    pd.testing.assert_frame_equal(again.representatives_, seed_model.representatives_)


def test_clusters_are_numbered_by_size(seed_model):
    sizes = np.bincount(seed_model.labels_)
    assert list(sizes) == sorted(sizes, reverse=True)
    assert list(seed_model.sizes_) == list(sizes)
    firsts = [np.flatnonzero(seed_model.labels_ == c)[0] for c in range(seed_model.k)]
    for a, b in zip(range(seed_model.k), range(1, seed_model.k), strict=False):
        if sizes[a] == sizes[b]:
            assert firsts[a] < firsts[b]


def test_themes_are_recovered_in_any_row_order(synthetic):
    tokens, truth = synthetic
    model = TopicClusterer(k=3, random_state=0).fit(tokens)
    assert adjusted_rand_score(truth, model.labels_) == 1.0
    order = np.random.default_rng(1).permutation(len(tokens))
    shuffled = TopicClusterer(k=3, random_state=0).fit([tokens[i] for i in order])
    assert adjusted_rand_score(truth[order], shuffled.labels_) == 1.0


def test_minibatch_path_for_large_inputs(synthetic):
    tokens, truth = synthetic
    first = TopicClusterer(k=3, random_state=0, minibatch_above=10).fit(tokens)
    second = TopicClusterer(k=3, random_state=0, minibatch_above=10).fit(tokens)
    assert type(first.kmeans_).__name__ == "MiniBatchKMeans"
    np.testing.assert_array_equal(first.labels_, second.labels_)
    assert adjusted_rand_score(truth, first.labels_) > 0.9


def test_predict_puts_new_units_in_their_theme(synthetic):
    tokens, truth = synthetic
    model = TopicClusterer(k=3, random_state=0).fit(tokens)
    new = [["断头路", "通车", "推动", "工作"], ["政绩观", "为民造福", "坚持"]]
    expected = [model.labels_[truth == 1][0], model.labels_[truth == 0][0]]
    assert list(model.predict(new)) == expected


def test_k_must_fit_the_corpus(synthetic):
    tokens, _ = synthetic
    with pytest.raises(ValueError, match="less than the number of units"):
        TopicClusterer(k=len(tokens)).fit(tokens)


def test_representatives_are_members_nearest_first(seed_model):
    reps = seed_model.representatives_
    assert list(reps.columns) == ["cluster", "rank", "row", "similarity"]
    assert set(reps["cluster"]) == set(range(seed_model.k))
    for row in reps.itertuples():
        assert seed_model.labels_[row.row] == row.cluster
    for _, group in reps.groupby("cluster"):
        assert list(group["similarity"]) == sorted(group["similarity"], reverse=True)
    # The first representative is the member most similar to its centroid.
    similarity = seed_model.similarity_to_centroids()
    for cluster in range(seed_model.k):
        members = np.flatnonzero(seed_model.labels_ == cluster)
        best = members[np.argmax(similarity[members, cluster])]
        assert reps.loc[(reps["cluster"] == cluster) & (reps["rank"] == 1), "row"].item() == best


# --------------------------------------------------------------------------- labels


def test_class_tfidf_labels_each_theme_by_its_own_words(synthetic):
    tokens, truth = synthetic
    # Shared words are the most frequent words of every theme, so plain frequency would
    # label every cluster 推动/工作/…; c-TF-IDF must not.
    counts = pd.Series([w for unit in tokens[:15] for w in unit]).value_counts()
    assert counts.index[0] in SHARED
    table = class_tfidf(tokens, truth, top_n=3)
    for theme_no, words in enumerate(THEMES.values()):
        top = table.loc[table["cluster"] == theme_no, "term"].tolist()
        assert len(top) == 3
        assert set(top) <= set(words), top


def test_keyness_ranks_theme_words_and_reports_effect_size(synthetic):
    tokens, truth = synthetic
    table = cluster_keyness(tokens, truth, top_n=5)
    assert list(table.columns) == [
        "cluster",
        "rank",
        "term",
        "target",
        "reference",
        "g2",
        "log_ratio",
        "p_value",
    ]
    for theme_no, words in enumerate(THEMES.values()):
        rows = table.loc[table["cluster"] == theme_no]
        assert set(rows["term"]) <= set(words)
        assert (rows["reference"] == 0).all()
        assert (rows["log_ratio"] > 2).all()
        assert (rows["p_value"] < 0.001).all()
        assert list(rows["g2"]) == sorted(rows["g2"], reverse=True)
    assert not set(table["term"]) & set(SHARED)


def test_cluster_labels_come_from_the_top_terms(seed_model, seed_units):
    for cluster, label in seed_model.cluster_labels_.items():
        top = seed_model.top_terms_.loc[seed_model.top_terms_["cluster"] == cluster, "term"].head(3)
        assert label == "、".join(top)
    summary = cluster_summary(seed_model, seed_units, n_examples=2, max_chars=40)
    # stability and coherence were added beside the original columns (issue 11)
    assert list(summary.columns) == [
        "cluster", "n_units", "share", "label", "stability", "coherence", "example_1", "example_2"
    ]
    assert summary["n_units"].sum() == len(seed_units)
    assert (summary["example_1"].str.len() <= 40).all()


# --------------------------------------------------------------------------- choosing k


def test_select_k_table(synthetic):
    tokens, _ = synthetic
    table = select_k(tokens, ks=[2, 3, 5], n_runs=3, random_state=0)
    # the cluster-wise columns of issue 11 follow the original six
    assert list(table.columns[:6]) == [
        "k",
        "silhouette",
        "stability",
        "seed_ari",
        "subsample_ari",
        "smallest_cluster",
    ]
    assert table["k"].tolist() == [2, 3, 5]
    assert table["silhouette"].between(-1, 1).all()
    assert table[["stability", "seed_ari", "subsample_ari"]].stack().between(-1, 1).all()
    assert (table["smallest_cluster"] >= 1).all()
    # The corpus has three themes: k=3 is perfectly stable and the best separated.
    best = table.set_index("k")
    assert best.loc[3, "stability"] == 1.0
    assert best["silhouette"].idxmax() == 3
    # choose_k: the fewest clusters within one standard error of the most firm themes. k = 2
    # merges two themes (nothing firm); k = 5 splits one theme into two halves that refits find
    # again (4 firm), so without k = 5 the choice is 3, and with it the rule may take 5, never 2.
    assert best.loc[2, "n_stable"] == 0 and best.loc[3, "n_stable"] == 3
    # every refit finds the three themes exactly: the count of firm themes has no error there
    assert best.loc[3, "n_stable_se"] == 0 and (table["n_stable_se"] >= 0).all()
    assert choose_k(table[table.k <= 4]) == 3
    assert choose_k(table) == int(table.loc[table.n_stable >= firm_needed(table), "k"].min()) != 2
    pd.testing.assert_frame_equal(table, select_k(tokens, ks=[2, 3, 5], n_runs=3, random_state=0))


def test_select_k_rejects_impossible_k(synthetic):
    tokens, _ = synthetic
    with pytest.raises(ValueError, match="every k"):
        select_k(tokens, ks=[1, 2])


# --------------------------------------------------------------------------- NMF view


def test_nmf_topics_map_one_to_one_onto_clusters(synthetic):
    tokens, truth = synthetic
    model = TopicClusterer(k=3, random_state=0).fit(tokens)
    view = nmf_topics(model, n_topics=3)
    assert view.weights.shape == (len(tokens), 3)
    assert view.contingency.to_numpy().sum() == len(tokens)
    np.testing.assert_allclose(view.by_cluster.sum(axis=1), 1.0, atol=0.002)
    assert sorted(view.mapping["cluster"]) == [0, 1, 2]
    assert (view.mapping["overlap"] == 1.0).all()
    for topic in range(3):
        cluster = view.mapping.loc[topic, "cluster"]
        terms = set(view.terms.loc[view.terms["topic"] == topic, "term"].head(3))
        theme = list(THEMES.values())[truth[model.labels_ == cluster][0]]
        assert terms <= set(theme)
    again = nmf_topics(model, n_topics=3)
    pd.testing.assert_frame_equal(view.terms, again.terms)
    threaded = nmf_topics(model, n_topics=3, n_jobs=2)  # threads share the products: the same topics
    pd.testing.assert_frame_equal(view.terms, threaded.terms)
    assert np.array_equal(view.weights, threaded.weights)
    assert view.weights.dtype == np.float64
    # computed in float32 (the default), it reads the same topics and mapping as in float64
    double = nmf_topics(model, n_topics=3, dtype="float64")
    pd.testing.assert_frame_equal(view.mapping, double.mapping)
    assert view.terms[["topic", "rank", "term"]].equals(double.terms[["topic", "rank", "term"]])
    np.testing.assert_allclose(view.weights, double.weights, rtol=1e-3, atol=1e-5)
    # the looser default tolerance reads the same topics as scikit-learn's tighter one
    tight = nmf_topics(model, n_topics=3, tol=1e-6)
    pd.testing.assert_frame_equal(view.mapping, tight.mapping)
    for topic in range(3):
        top = view.terms.loc[view.terms["topic"] == topic, "term"].head(3).tolist()
        assert top == tight.terms.loc[tight.terms["topic"] == topic, "term"].head(3).tolist()


def test_nmf_starts_are_alternatives_of_one_kind(synthetic):
    """Each start converges to topics that read the themes; the default (nndsvda) is one of them."""
    tokens, truth = synthetic
    model = TopicClusterer(k=3, random_state=0).fit(tokens)
    views = {init: nmf_topics(model, init=init) for init in ("nndsvd", "nndsvda")}
    assert nmf_topics(model).terms.equals(views["nndsvda"].terms)
    for view in views.values():
        assert (view.mapping["overlap"] == 1.0).all()
        assert sorted(view.mapping["cluster"]) == [0, 1, 2]
        for topic, cluster in enumerate(view.mapping["cluster"]):
            theme = list(THEMES.values())[truth[model.labels_ == cluster][0]]
            assert set(view.terms.loc[view.terms["topic"] == topic, "term"].head(3)) <= set(theme)
    with pytest.raises(ValueError):
        nmf_topics(model, init="no such start")


# --------------------------------------------------------------------------- tables and figures


def test_article_tables(seed_units, seed_model):
    shares = article_cluster_shares(seed_units, seed_model.labels_)
    assert list(shares.columns[:3]) == ["doc_id", "article_no", "n_units"]
    assert len(shares) == 5
    assert shares["n_units"].sum() == len(seed_units)
    np.testing.assert_allclose(shares[list(range(seed_model.k))].sum(axis=1), 1.0, atol=0.003)

    similarity = article_similarity(seed_units, seed_model.matrix_)
    assert similarity.shape == (5, 5)
    np.testing.assert_allclose(np.diag(similarity), 1.0)
    np.testing.assert_allclose(similarity.to_numpy(), similarity.to_numpy().T)
    assert similarity.to_numpy().min() >= 0
    sample = article_similarity(seed_units, seed_model.matrix_, max_articles=3)
    assert sample.shape == (3, 3)
    assert sample.attrs == {"n_articles": 5, "n_shown": 3}


def test_map_coordinates_sample_and_are_deterministic(seed_model):
    full = map_coordinates(seed_model)
    assert len(full) == seed_model.n_units_
    sample = map_coordinates(seed_model, max_points=50)
    assert len(sample) == 50
    assert sample["row"].is_monotonic_increasing
    pd.testing.assert_frame_equal(sample, map_coordinates(seed_model, max_points=50))


def test_figures_render_with_chinese_labels_without_warnings(tmp_path, seed_units, seed_model, synthetic):
    from textkit.plotting import use_chinese_font

    use_chinese_font()
    table = select_k(synthetic[0], ks=[2, 3], n_runs=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        axes = {
            "map": plot_cluster_map(seed_model),
            "tsne": plot_cluster_map(seed_model, method="tsne", max_points=60),
            "k": plot_select_k(table, chosen=3),
            "heatmap": plot_similarity_heatmap(seed_units, seed_model.matrix_, max_articles=4),
        }
        for name, ax in axes.items():
            ax.figure.savefig(tmp_path / f"{name}.png")
            plt.close(ax.figure)
    for name in axes:
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000
    legend = [text.get_text() for text in axes["map"].get_legend().get_texts()]
    assert any(seed_model.cluster_labels_[0] in text for text in legend)
    assert axes["map"].get_title().startswith(f"4 clusters, {seed_model.n_units_:,} paragraphs")
    assert f"random sample of 60 of {seed_model.n_units_:,} paragraphs" in axes["tsne"].get_title()
    assert "random sample of 4 of 5 articles" in axes["heatmap"].get_title()


def test_real_seed_paragraphs_give_readable_chinese_clusters(seed_model, seed_units):
    assert seed_model.n_units_ == len(seed_units)
    assert all(len(label) >= 3 for label in seed_model.cluster_labels_)
    han = seed_model.top_terms_["term"].str.contains(r"[\u4e00-\u9fff]")
    assert han.all()
    # Seeds 003 and 004 are in traditional script; converted before tokenizing, they share
    # the vocabulary of the others instead of forming clusters of their own script.
    vocabulary = "".join(seed_model.words_)
    assert "國" not in vocabulary and "習" not in vocabulary
    assert {"主题教育", "政绩观"} <= set(seed_model.words_)


@pytest.mark.parametrize(
    "module",
    [
        textkit.cluster,
        textkit.cluster._fit,
        textkit.cluster.model,
        textkit.cluster.select,
        textkit.cluster.units,
        textkit.cluster.views,
        textkit.features,
        textkit._row_blocks,
    ],
    ids=lambda m: m.__name__,
)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_empty_units_and_a_series_of_token_lists_are_accepted(synthetic):
    tokens, truth = synthetic
    # A paragraph made only of stopwords tokenizes to []: it must not break the fit.
    with_empty = pd.Series([*tokens, [], []])
    model = TopicClusterer(k=3, random_state=0).fit(with_empty)
    assert len(model.labels_) == len(tokens) + 2
    assert adjusted_rand_score(truth, model.labels_[: len(tokens)]) == 1.0


def test_clustering_units_switches_to_articles_for_large_corpora():
    text = "第一段内容比较长，" * 5 + "\n短"
    articles = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)], "article_no": 1, "text": [text] * 6})
    unit, units = clustering_units(articles, "auto", paragraphs_below=10)
    assert unit == "paragraph" and len(units) == 6  # the short line is not a unit
    unit, units = clustering_units(articles, "auto", paragraphs_below=3)
    assert unit == "article" and units is articles
    with pytest.raises(ValueError):
        clustering_units(articles, "sentence")


def test_fit_topics_chooses_k_or_declines_on_too_little_text():
    rows, _ = synthetic_corpus(per_theme=8)
    model, table = fit_topics(rows, ks=[2, 3, 4], random_state=0)
    assert list(table.k) == [2, 3, 4] and model.k == 3  # the three themes, found stable
    assert fit_topics(rows[:5], ks=[2, 3]) == (None, None)
    fixed, no_table = fit_topics(rows, k=4)
    assert fixed.k == 4 and no_table is None


def test_fit_topics_chooses_k_on_a_sample_of_a_large_corpus():
    rows, _ = synthetic_corpus(per_theme=20)
    model, table = fit_topics(rows, ks=[2, 3], select_on=30, random_state=0)
    assert table.attrs["sampled"] == (30, 60)
    assert len(model.labels_) == 60


def test_search_over_k_in_worker_processes_equals_the_serial_search():
    """Above PARALLEL_MIN_UNITS the values of k go to worker processes; the table is the same."""
    import numpy as np

    from textkit.cluster import select_k
    from textkit.cluster.select import PARALLEL_MIN_UNITS

    rng = np.random.default_rng(0)
    vocab = [[f"{theme}{i}" for i in range(30)] for theme in "abc"]
    tokens = [list(rng.choice(vocab[j % 3], 20)) for j in range(PARALLEL_MIN_UNITS + 200)]
    serial = select_k(tokens, ks=[2, 3, 4], n_jobs=1)
    parallel = select_k(tokens, ks=[2, 3, 4], n_jobs=2)
    pd.testing.assert_frame_equal(serial, parallel)
    assert serial.set_index("k").silhouette.idxmax() == 3


def test_search_over_k_on_threads_equals_worker_processes_and_serial_bit_for_bit(seed_tokens, monkeypatch):
    """The values of k on threads of this process (``_measure_on_threads``), in worker processes and
    one after another: every measured value the same, bit for bit (the seeds' real paragraphs)."""
    import numpy as np

    from textkit.cluster import select
    from textkit.cluster.model import TopicClusterer

    settings = TopicClusterer(random_state=0).get_params()
    space = select._embed(seed_tokens, settings, 0)
    counts, words = space.word_counts
    args = (settings, 0, 2, 6, 0.8, 100)
    ks = [2, 3, 5, 8, 12]
    monkeypatch.setattr(select, "PARALLEL_MIN_UNITS", 10)  # the seeds' 144 paragraphs go parallel
    serial = select._measure_all(space.embedding, counts, words, ks, args, n_jobs=1)
    calls = []
    original = select._measure_on_threads
    monkeypatch.setattr(select, "_measure_on_threads", lambda *a: calls.append(a[-1]) or original(*a))
    threaded = select._measure_all(space.embedding, counts, words, ks, args, n_jobs=2)
    assert calls == [2]
    monkeypatch.setattr(select, "SEARCH_THREADS", False)
    processes = select._measure_all(space.embedding, counts, words, ks, args, n_jobs=2)
    for other in (threaded, processes):
        assert sorted(other) == ks
        for k in ks:
            assert other[k].keys() == serial[k].keys()
            for name, value in serial[k].items():
                assert np.array_equal(other[k][name], value, equal_nan=name == "draws"), (k, name)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet="政绩观党建一把手工程ab", min_size=1, max_size=3), max_size=8),
        min_size=2,
        max_size=12,
    ),
    st.sampled_from([(1, 1.0), (2, 0.5), (1, 0.8), (0.2, 0.9)]),
)
def test_word_block_equals_scikit_learns_tfidf_vectorizer_bit_for_bit(rows, df):
    """The words are counted once for both blocks; the word block is still exactly what
    TfidfVectorizer gives (the same entries in the same order, so LSA sums alike)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from textkit.features import _identity, _word_counts, _WordTfidf

    min_df, max_df = df
    reference = TfidfVectorizer(
        analyzer=_identity,
        min_df=min_df,
        max_df=max_df,
        sublinear_tf=True,
        lowercase=False,
        token_pattern=None,
    )
    ours = _WordTfidf(min_df, max_df, sublinear_tf=True)
    try:
        expected = reference.fit_transform(rows)
    except ValueError:
        with pytest.raises(ValueError):
            TermFeatures(char_weight=0.0, min_df=min_df, max_df=max_df).fit_transform(rows)
        return
    got = ours.fit_counts(*_word_counts(rows))
    assert list(ours.get_feature_names_out()) == list(reference.get_feature_names_out())
    for part in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(got, part), getattr(expected, part))
    assert abs(ours.transform(rows[:3]) - reference.transform(rows[:3])).max() == 0


def test_bad_document_frequency_is_refused():
    for bad in (1.5, 0, -1, "2"):
        with pytest.raises(ValueError, match="min_df"):
            TermFeatures(min_df=bad).fit_transform([["党", "政绩观"], ["党"]])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 6), st.integers(0, 9)), max_size=60),
    st.integers(7, 9),
    st.sampled_from([10, 11, 12, 2**31 - 1, 2**40]),
    st.sampled_from(["int32", "int64"]),
)
def test_row_code_counts_equal_scipys_coo_conversion(pairs, n_rows, n_codes, row_type):
    """The word counts' matrix from one np.unique is the one scipy builds from (row, code) pairs:
    the same indptr, indices, data, dtypes and sorted flag (int32 keys when rows × codes fit, else
    int64; row numbers of either type)."""
    import numpy as np
    from scipy import sparse

    from textkit._counting import _row_code_counts

    rows = np.asarray([r for r, _ in pairs], dtype=row_type)
    codes = np.asarray([c for _, c in pairs], dtype=np.int64)
    expected = sparse.csr_matrix(
        (np.ones(len(codes), dtype=np.int64), (rows, codes)), shape=(n_rows, n_codes)
    )
    got = _row_code_counts(rows, codes, n_rows, n_codes)
    for part in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(got, part), getattr(expected, part))
        assert getattr(got, part).dtype == getattr(expected, part).dtype
    assert got.has_sorted_indices and expected.has_sorted_indices
