"""textkit.timeline: counts over time, first use, dispersion, change points, reprints."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textkit.timeline import (
    adoption,
    change_points,
    check_split_date,
    compare_counts,
    compare_periods,
    date_coverage,
    default_terms,
    dispersion,
    first_use,
    near_duplicates,
    reprint_summary,
    stories,
    term_matrix,
    term_series,
    term_totals,
    themes_over_time,
)

FILLER = "各地区各部门认真落实工作部署推动经济社会持续健康进步"  # 26 Han characters, no term


def _synthetic() -> tuple[pd.DataFrame, dict]:
    """Articles whose term counts are known by construction."""
    rng = np.random.default_rng(7)
    rows, expected = [], {}
    plan = {"2023-07": (3, 1), "2023-08": (0, 4), "2023-10": (2, 2)}  # (主题教育, 防汛) per article
    for month, (a, b) in plan.items():
        for day in (3, 17):
            parts = ["主题教育"] * a + ["防汛"] * b + [FILLER] * int(rng.integers(1, 4))
            rng.shuffle(parts)
            rows.append(
                {
                    "date": f"{month}-{day:02d}",
                    "source": "人民日报" if day == 3 else "光明日报",
                    "text": "，".join(parts) + "。",
                }
            )
            expected.setdefault(month, [0, 0, 0])
            expected[month][0] += a
            expected[month][1] += b
            expected[month][2] += len("".join(parts))
    rows.append({"date": "", "source": "", "text": "主题教育" * 5})
    rows.append({"date": "--03-24", "source": "新华社", "text": "防汛" * 5})
    return pd.DataFrame(rows), expected


def test_term_series_has_the_known_counts_and_rates():
    articles, expected = _synthetic()
    series = term_series(articles, ["主题教育", "防汛", "不存在的词"], freq="M")
    assert series.attrs["undated"] == 2
    months = [str(p) for p in series.period.unique()]
    assert months == ["2023-07", "2023-08", "2023-09", "2023-10"]  # the empty month is a row
    table = series.set_index([series.period.astype(str), "term"])
    for month, (a, b, han) in expected.items():
        assert table.loc[(month, "主题教育"), "count"] == a
        assert table.loc[(month, "防汛"), "count"] == b
        assert table.loc[(month, "主题教育"), "han_chars"] == han
        assert table.loc[(month, "主题教育"), "per_10k"] == pytest.approx(round(a * 10_000 / han, 3))
        assert table.loc[(month, "主题教育"), "articles"] == (2 if a else 0)
    assert table.loc[("2023-09", "防汛"), "period_articles"] == 0
    assert np.isnan(table.loc[("2023-09", "防汛"), "per_10k"])
    assert (series[series.term == "不存在的词"]["count"] == 0).all()
    used = series[series["count"] > 0]
    assert (used.low < used.per_10k).all() and (used.per_10k < used.high).all()


def test_term_matrix_counts_overlapping_terms_with_one_automaton():
    texts = ["正确政绩观和政绩观", "", "没有"]
    counts = term_matrix(texts, ["政绩观", "正确政绩观", "有"])
    assert counts.tolist() == [[2, 1, 0], [0, 0, 0], [0, 0, 1]]
    assert [t.count("政绩观") for t in texts] == counts[:, 0].tolist()


def test_series_without_any_date_is_empty_and_says_how_many_were_undated():
    articles = pd.DataFrame({"date": ["", "--03-24"], "text": ["主题教育", "主题教育"]})
    series = term_series(articles, ["主题教育"])
    assert series.empty and series.attrs["undated"] == 2
    assert date_coverage(articles) == {
        "articles": 2,
        "dated": 0,
        "undated": 2,
        "no_year": 1,
        "first": None,
        "last": None,
    }


def test_bad_freq_is_a_clear_error():
    with pytest.raises(ValueError, match="freq must be one of"):
        term_series(pd.DataFrame({"date": ["2023-07-01"], "text": ["x"]}), ["x"], freq="fortnight")


def test_first_use_adoption_and_default_terms():
    articles, _ = _synthetic()
    series = term_series(articles, ["主题教育", "防汛"], freq="M")
    first = first_use(series).set_index("term")
    assert str(first.loc["主题教育", "first_period"]) == "2023-07"
    assert str(first.loc["主题教育", "last_period"]) == "2023-10"
    assert str(first.loc["防汛", "first_period"]) == "2023-07"
    assert first.loc["主题教育", "periods_used"] == 2
    table = adoption(articles, ["防汛"], freq="M").set_index(adoption(articles, ["防汛"]).period.astype(str))
    assert table.loc["2023-07", "publishing"] == 2 and table.loc["2023-07", "share"] == 1.0
    assert table.loc["2023-10", "cumulative"] == 1.0
    assert default_terms(articles, ["防汛", "主题教育", "没有"], n=5) == [
        "防汛",
        "主题教育",
    ]  # 19 and 15 occurrences


def test_dispersion_is_zero_when_even_and_high_when_concentrated():
    even = pd.DataFrame({"date": ["2023-07-01", "2023-08-01"], "text": ["发展" + FILLER] * 2})
    lumped = pd.DataFrame(
        {
            "date": ["2023-07-01", "2023-08-01", "2023-09-01"],
            "text": ["发展" * 5 + FILLER, FILLER * 10, FILLER * 10],
        }
    )
    assert dispersion(even, ["发展"]).dp_articles.iloc[0] == 0.0
    row = dispersion(lumped, ["发展"]).iloc[0]
    assert row.dp_articles == 1.0 and row.dp_periods == 1.0  # all in the smallest part


def test_change_point_found_at_the_level_shift():
    dates = pd.date_range("2023-07-01", periods=30, freq="D")
    texts = [("防汛" * (1 if i < 18 else 12)) + FILLER * 4 for i in range(30)]
    articles = pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "text": texts})
    points = change_points(term_series(articles, ["防汛"], freq="D"))
    assert len(points) == 1
    assert str(points.period.iloc[0]) == "2023-07-19" and points.change.iloc[0] == "rise"
    flat = pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "text": ["防汛" + FILLER * 4] * 30})
    assert change_points(term_series(flat, ["防汛"], freq="D")).empty


def test_split_date_checks_and_period_keyness():
    articles, _ = _synthetic()
    assert check_split_date(articles, "not a date")["problem"] == "unparsable"
    assert check_split_date(articles, "2030-01-01")["problem"] == "outside"
    assert check_split_date(articles.iloc[:0], None)["problem"] == "no dates"
    ok = check_split_date(articles, "2023-08-01")
    assert ok["ok"] and (ok["before"], ok["after"]) == (2, 4)
    tokens = [t.replace("。", "").split("，") for t in articles.text]
    table = compare_periods(articles, tokens, "2023-08-01", min_count=1)
    assert set(table.side) == {"after", "before"}
    assert table[table.side == "after"].term.iloc[0] == "防汛"
    assert compare_periods(articles, tokens, "2030-01-01").empty


class _Model:
    k = 2
    labels_ = np.array([0, 0, 1, 1, 0])
    cluster_labels_ = pd.Series(["大运会、成都", "防汛、救灾"])


def test_themes_over_time_uses_stability_when_the_model_has_it():
    articles = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "article_no": [1, 1, 1], "date": ["2023-07-01", "2023-08-01", ""]}
    )
    units = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c"], "article_no": [1] * 5})
    table = themes_over_time(_Model(), units, articles, freq="M")
    assert table.attrs["undated_units"] == 1
    july = table[table.period.astype(str) == "2023-07"].set_index("cluster")
    assert july.loc[0, "share"] == 1.0 and july.loc[1, "units"] == 0
    assert table.stability.isna().all()
    model = _Model()
    model.cluster_stability_ = pd.Series([0.9, 0.4])
    assert themes_over_time(model, units, articles).stability.tolist() == [0.9, 0.4, 0.9, 0.4]
    assert themes_over_time(None, units, articles).empty


STORY = (
    "新华社成都7月28日电 第三十一届世界大学生夏季运动会开幕式28日晚在成都东安湖体育公园主体育场举行。"
    "来自113个国家和地区的6500名运动员将在未来12天里参加18个大项的比赛，展现青春风采。"
    "开幕式以“成都成就梦想”为主题，融合了蜀地文化与现代科技，现场观众反响热烈。"
    "本届大运会共设立49个比赛场馆，其中新建13个，改造36个，赛后将全部向市民开放。"
)
OTHER_SAME_TOPIC = (
    "本报成都8月8日电 第三十一届世界大学生夏季运动会8日晚在成都闭幕，中国代表团以103枚金牌位列金牌榜首位。"
    "闭幕式上，国际大体联代理主席宣布本届大运会闭幕，会旗交接给下一届举办城市的代表。"
    "成都大运会期间，志愿者服务超过百万人次，城市运行平稳有序，赛事组织得到各方好评。"
    "专家表示，大运会的举办将进一步提升成都的国际知名度，推动体育产业和城市建设发展。"
)


def test_near_duplicates_groups_an_edited_copy_and_not_another_story_on_the_topic():
    edited = STORY.replace("6500名", "6500余名").replace("热烈", "热情").replace("49个", "四十九个")
    edited += "（来源：新华网 责任编辑：王朋）"
    articles = pd.DataFrame(
        {
            "title": ["大运会在成都开幕", "成都大运会隆重开幕", "大运会闭幕", "防汛"],
            "date": ["2023-07-29", "2023-07-28", "2023-08-09", "2023-08-02"],
            "text": [STORY, edited, OTHER_SAME_TOPIC, "防汛救灾工作有序推进，受灾群众得到妥善安置。" * 4],
        }
    )
    groups = near_duplicates(articles, threshold=0.5)
    assert groups.group.tolist() == [0, 0, 1, 2]
    assert groups["first"].tolist() == [False, True, True, True]  # the earlier printing is kept
    assert groups.similarity.iloc[0] >= 0.5 and groups.similarity.iloc[2] == 1.0
    assert reprint_summary(groups) == {"articles": 4, "stories": 3, "folded": 1, "reprinted": 1, "largest": 2}
    kept = stories(articles, groups)
    assert kept.title.tolist() == ["成都大运会隆重开幕", "大运会闭幕", "防汛"]
    counts = compare_counts(term_series(articles, ["大运会"]), term_series(kept, ["大运会"]))
    assert counts.set_index("term").loc["大运会", "folded"] == STORY.count("大运会")


def test_near_duplicates_with_a_cache_equal_it_without_and_hash_only_new_articles(tmp_path, monkeypatch):
    import textkit.timeline.reprints as reprints
    from textkit.memo import cached_call

    edited = STORY.replace("6500名", "6500余名") + "（来源：新华网）"
    texts = [STORY, edited, OTHER_SAME_TOPIC, "", "防汛救灾工作有序推进，受灾群众得到妥善安置。" * 4, STORY]
    articles = pd.DataFrame({"text": texts, "date": ["2023-07-29", "2023-07-28", "", "", "2023-08-02", ""]})
    uncached = near_duplicates(articles, threshold=0.5)
    pd.testing.assert_frame_equal(near_duplicates(articles, threshold=0.5, cache_dir=tmp_path), uncached)
    hashed = []
    original = reprints.shingle_hashes
    monkeypatch.setattr(reprints, "shingle_hashes", lambda text, k: hashed.append(text) or original(text, k))
    # read back: equal, and only the texts of candidate pairs are shingled (to confirm them)
    pd.testing.assert_frame_equal(near_duplicates(articles, threshold=0.5, cache_dir=tmp_path), uncached)
    assert OTHER_SAME_TOPIC not in hashed
    # one more article: only it is signed; cached_call passes its folder on
    more = pd.concat([articles, pd.DataFrame({"text": [OTHER_SAME_TOPIC + "（完）"], "date": [""]})])
    more = more.reset_index(drop=True)
    hashed.clear()
    result = cached_call(tmp_path, near_duplicates, more, threshold=0.5)
    monkeypatch.setattr(reprints, "shingle_hashes", original)
    pd.testing.assert_frame_equal(result, near_duplicates(more, threshold=0.5))
    assert hashed.count(OTHER_SAME_TOPIC + "（完）") == 1 and texts[4] not in hashed  # read, not hashed
    assert result.group.tolist() == [0, 0, 1, 2, 3, 0, 1]


def test_near_duplicates_never_groups_different_stories_and_keeps_empty_texts_apart():
    articles = pd.DataFrame({"text": [STORY, OTHER_SAME_TOPIC, "", ""], "date": [""] * 4})
    assert near_duplicates(articles, threshold=0.3).group.tolist() == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="threshold"):
        near_duplicates(articles, threshold=0)


def test_figures_draw_real_and_empty_tables_without_warnings(tmp_path):
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from textkit.plotting import use_chinese_font
    from textkit.plotting.timelines import plot_adoption, plot_term_series, plot_themes_over_time

    use_chinese_font()
    articles, _ = _synthetic()
    series = term_series(articles, ["主题教育", "防汛"], freq="M")
    empty = term_series(articles.iloc[-2:], ["防汛"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for ax in [
            plot_term_series(series, change_points=change_points(series)),
            plot_term_series(empty),
            plot_adoption(adoption(articles, ["防汛"])),
            plot_adoption(adoption(articles.iloc[-2:], ["防汛"])),
            plot_themes_over_time(themes_over_time(None, articles.iloc[:0], articles)),
        ]:
            ax.figure.savefig(tmp_path / "figure.png")
            plt.close(ax.figure)
    assert ax.texts and ax.texts[0].get_text() == "没有可按时间展示的主题"


def test_han_chars_counts_what_han_re_matches():
    import random

    from textkit._chars import HAN_RE
    from textkit.timeline.series import _HAN_RANGES, _han_chars

    edges = [c for low, high in _HAN_RANGES for c in (low - 1, low, high, high + 1)]
    rng = random.Random(0)
    pool = [chr(c) for c in edges] + list("政绩观a1，\n ") + ["\ud800"]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randrange(0, 40))) for _ in range(300)]
    texts += [None, "", "𠀀𫝀"]
    expected = [HAN_RE.subn("", t)[1] if isinstance(t, str) else 0 for t in texts]
    for chunk in (1, 7, 1 << 22):
        assert _han_chars(texts, chunk_chars=chunk).tolist() == expected


_PIECES = ["主题教育", "教育", "防汛", "政绩观", "正确政绩观", "，", "发展", "𠀀"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), min_size=1, max_size=8),
    added=st.lists(st.sampled_from(_PIECES), max_size=12).map("".join),
    at=st.integers(min_value=0, max_value=8),
)
def test_term_totals_cached_and_incremental_equal_a_fresh_count(tmp_path_factory, texts, added, at):
    terms = ["主题教育", "教育", "政绩观", "正确政绩观", "发展", "没有"]
    folder = tmp_path_factory.mktemp("totals")
    expected = term_matrix(texts, terms).sum(axis=0)
    assert term_totals(texts, terms, cache_dir=folder).tolist() == expected.tolist()  # fills the folder
    assert term_totals(texts, terms, cache_dir=folder).tolist() == expected.tolist()  # reads it
    grown = [*texts[:at], added, *texts[at:]]  # one new text anywhere: only it is counted
    fresh = term_matrix(grown, terms).sum(axis=0).tolist()
    assert term_totals(grown, terms, cache_dir=folder).tolist() == fresh
    # other terms are other keys: nothing counted for one list is read for another
    fewer = terms[1:]
    assert term_totals(grown, fewer, cache_dir=folder).tolist() == fresh[1:]


def test_default_terms_through_the_cache_scan_only_new_texts(tmp_path, monkeypatch):
    import textkit.timeline.series as series

    articles, _ = _synthetic()
    lexicon = ["防汛", "主题教育", "没有"]
    plain = default_terms(articles, lexicon, n=5)
    assert default_terms(articles, lexicon, n=5, cache_dir=tmp_path) == plain
    scanned = []
    original = series.term_matrix
    monkeypatch.setattr(
        series, "term_matrix", lambda texts, terms: scanned.extend(texts) or original(texts, terms)
    )
    new_text = "防汛" * 11  # enough to change the order of the terms
    grown = pd.concat([articles, articles.head(1).assign(text=new_text)])
    assert default_terms(grown, lexicon, n=5, cache_dir=tmp_path) == default_terms(grown, lexicon, n=5)
    assert scanned[0] == new_text and len(scanned) == 1 + len(grown)


@settings(max_examples=60, deadline=None)
@given(
    n_rows=st.integers(0, 40),
    n_values=st.integers(1, 4),
    threshold=st.sampled_from([0.3, 0.5, 0.8]),
    seed=st.integers(0, 10_000),
)
def test_lsh_candidates_are_the_pairs_datasketch_s_lsh_returns(n_rows, n_values, threshold, seed):
    """Sorting each band's values finds the pairs MinHashLSH's insert and query find."""
    from datasketch import MinHash, MinHashLSH

    from textkit.timeline.reprints import lsh_candidates

    rng = np.random.default_rng(seed)
    # few distinct values, so that bands collide often; some rows skipped (no shingle)
    rows = sorted(rng.choice(n_rows * 2 + 1, size=n_rows, replace=False).tolist())
    signatures = {row: rng.integers(0, n_values, size=128).astype(np.uint64) for row in rows}
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sketches, scheme = {}, MinHash(num_perm=128).scheme
    for row, values in signatures.items():
        sketches[row] = MinHash(num_perm=128, hashvalues=values, scheme=scheme)
        lsh.insert(row, sketches[row], check_duplication=False)
    expected = sorted({(row, other) for row in rows for other in lsh.query(sketches[row]) if other > row})
    assert lsh_candidates(signatures, lsh.hashranges) == expected


def test_near_duplicates_groups_equal_those_of_datasketch_s_lsh():
    """The groups of near_duplicates equal those found with MinHashLSH's insert and query."""
    from datasketch import MinHash, MinHashLSH

    from textkit.timeline import reprints

    base = ["成都大运会今天开幕，来自一百多个国家的运动员齐聚蓉城。", "防汛救灾工作有序推进，群众妥善安置。"]
    texts = [base[i % 2] * 3 + f"（记者 {i % 5}）" + ("补充一句话。" * (i % 3)) for i in range(30)]
    texts += ["各地各部门认真学习贯彻党的二十大精神，推动高质量发展。" * (1 + i % 2) for i in range(6)]
    texts += ["", "短"]
    frame = pd.DataFrame({"date": ["2023-07-01"] * len(texts), "text": texts})
    found = reprints.near_duplicates(frame, threshold=0.5)
    template = MinHash(num_perm=128, seed=1, hashfunc=int)
    lsh, sketches = MinHashLSH(threshold=0.5, num_perm=128), {}
    for row, text in enumerate(texts):
        values = reprints.shingle_hashes(text, 5)
        if len(values):
            sketches[row] = MinHash(
                num_perm=128, seed=1, hashfunc=int, permutations=template.permutations, scheme=template.scheme
            )
            sketches[row].update_batch(values)
            lsh.insert(row, sketches[row], check_duplication=False)
    parent = list(range(len(texts)))

    def find(node):
        while parent[node] != node:
            node = parent[node]
        return node

    for row, sketch in sketches.items():
        for other in lsh.query(sketch):
            shingles = [reprints.shingle_hashes(texts[at]) for at in (row, other)]
            if other > row and reprints._jaccard(*shingles) >= 0.5:
                parent[max(find(row), find(other))] = min(find(row), find(other))
    _, expected = np.unique([find(row) for row in range(len(texts))], return_inverse=True)
    assert found.group.tolist() == expected.tolist() and found.group.nunique() < len(texts) - 10
