"""StreamingTopics: the out-of-core topic path (hashed features, sampled LSA, mini-batch k-means)."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from textkit.cluster import TopicClusterer
from textkit.cluster.outofcore import StreamingTopics, map_partitions

THEMES = {
    "sport": "体育 比赛 球队 球员 冠军 奥运 赛场 教练 训练 金牌 联赛 选手 田径 游泳 足球",
    "rural": "乡村 振兴 农民 产业 种植 合作社 增收 粮食 耕地 农业 村民 特色 养殖 农田 丰收",
    "party": "党员 干部 政绩观 作风 学习 教育 主题 调研 整改 群众 组织 纪律 理论 党性 担当",
}
COMMON = ["发展", "推动", "工作", "建设", "提高"]


def _corpus(n_per_theme: int = 80, seed: int = 0) -> tuple[list[list[str]], np.ndarray]:
    """Units drawing most words from one theme, some from the genre's common words, a few from others."""
    rng = np.random.default_rng(seed)
    vocab = {name: words.split() for name, words in THEMES.items()}
    rows, truth = [], []
    for theme_number, name in enumerate(vocab):
        others = [w for other, words in vocab.items() if other != name for w in words]
        for _ in range(n_per_theme):
            words = list(rng.choice(vocab[name], size=rng.integers(6, 12)))
            words += list(rng.choice(COMMON, size=3)) + list(rng.choice(others, size=1))
            rows.append([str(w) for w in rng.permutation(words)])
            truth.append(theme_number)
    order = rng.permutation(len(rows))
    return [rows[i] for i in order], np.asarray(truth)[order]


def _split(rows: list, n_parts: int) -> list[list]:
    return [list(part) for part in np.array_split(np.asarray(rows, dtype=object), n_parts)]


@pytest.fixture(scope="module")
def corpus():
    return _corpus()


@pytest.fixture(scope="module")
def fitted(corpus):
    rows, _ = corpus
    return StreamingTopics(n_clusters=3, n_components=20, sample_size=120, random_state=0).fit(
        _split(rows, 4)
    )


def test_finds_the_themes(corpus, fitted):
    _, truth = corpus
    assert normalized_mutual_info_score(truth, fitted.labels_) > 0.9
    assert fitted.n_rows_ == len(truth) and fitted.labels_.shape == truth.shape
    assert fitted.sizes_.sum() == len(truth) and list(fitted.sizes_) == sorted(fitted.sizes_, reverse=True)
    # each cluster's best terms come from one theme's vocabulary
    for _, terms in fitted.top_terms_.query("rank <= 5").groupby("cluster").term:
        themes = {name for name, words in THEMES.items() for term in terms if term in words.split()}
        assert len(themes) == 1, list(terms)


def test_sample_is_drawn_by_content(corpus, fitted):
    rows, _ = corpus
    assert 0 < fitted.sample_rows_ < len(rows)
    one_part = StreamingTopics(n_clusters=3, n_components=20, sample_size=120, random_state=0).fit([rows])
    # the same rows are drawn however the corpus is split, so the LSA basis is the same
    assert one_part.sample_rows_ == fitted.sample_rows_
    np.testing.assert_allclose(np.abs(one_part.svd_.components_), np.abs(fitted.svd_.components_), atol=1e-5)
    # and Lloyd passes sum rows per cluster whatever the cut: the same clusters
    assert (one_part.labels_ == fitted.labels_).all()


def test_agrees_with_the_in_memory_clusterer(corpus, fitted):
    rows, _ = corpus
    exact = TopicClusterer(k=3, n_components=20, random_state=0, n_draws=0).fit(rows)
    assert adjusted_rand_score(exact.labels_, fitted.labels_) > 0.9


def test_predict_gives_the_fitted_labels(corpus, fitted):
    rows, _ = corpus
    assert (fitted.predict(_split(rows, 3)) == fitted.labels_).all()


def test_same_seed_same_labels(corpus, fitted):
    rows, _ = corpus
    again = StreamingTopics(n_clusters=3, n_components=20, sample_size=120, random_state=0).fit(
        _split(rows, 4)
    )
    assert (again.labels_ == fitted.labels_).all()
    assert again.top_terms_.equals(fitted.top_terms_)


def test_counts_every_token_once(corpus, fitted):
    rows, _ = corpus
    ranked = fitted.top_terms_.query("rank == 1")
    for cluster, term, count in zip(ranked.cluster, ranked.term, ranked["count"], strict=True):
        members = [row for row, label in zip(rows, fitted.labels_, strict=True) if label == cluster]
        assert count == sum(row.count(term) for row in members)


def test_bad_input_says_what_is_wrong():
    with pytest.raises(ValueError, match="no units"):
        StreamingTopics(n_clusters=2).fit([[], []])
    with pytest.raises(ValueError, match="more than the 2 units"):
        StreamingTopics(n_clusters=3).fit([[["党"], ["政"]]])
    with pytest.raises(ValueError, match="char_weight"):
        StreamingTopics(char_weight=2.0).fit([[["党"]]])


def test_map_partitions_keeps_order():
    assert map_partitions(len, [[["a"]], [], [["b"], ["c"]]]) == [1, 0, 2]


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    logging.getLogger("distributed").setLevel(logging.ERROR)
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_bag_on_a_local_cluster_equals_in_process(corpus, fitted, dask_client):
    bag = pytest.importorskip("dask.bag")
    rows, _ = corpus
    partitions = bag.from_sequence(rows, npartitions=7)
    on_cluster = StreamingTopics(n_clusters=3, n_components=20, sample_size=120, random_state=0).fit(
        partitions
    )
    # the bag cuts the rows its own way; the clusters do not depend on the cut
    assert [len(part) for part in map_partitions(list, partitions)] != [len(part) for part in _split(rows, 4)]
    assert (on_cluster.labels_ == fitted.labels_).all()
    assert on_cluster.top_terms_.equals(fitted.top_terms_)
