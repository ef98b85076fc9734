"""Splitting files into articles: the seed fixture, line kinds, and layouts one by one."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import REPO

from textkit.articles import ARTICLE_COLUMNS, article_report, classify_line, split_articles
from textkit.normalize import normalize_corpus, normalize_text

EXPECTED = json.loads((REPO / "tests" / "data" / "seed_articles.json").read_text(encoding="utf-8"))[
    "articles"
]


@pytest.fixture(scope="module")
def seed_articles(seed_documents):
    documents, _ = normalize_corpus(seed_documents)
    return documents, split_articles(documents)


def test_article_table_has_the_promised_columns(seed_articles):
    _, articles = seed_articles
    assert list(articles.columns) == ARTICLE_COLUMNS


def test_article_counts_per_seed(seed_articles):
    _, articles = seed_articles
    counts = articles.groupby(articles.doc_id.str[:3]).size().to_dict()
    assert counts == {"000": 3, "001": 1, "002": 4, "003": 1, "004": 1}


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: f"{e['doc_id'][:3]}-{e['article_no']}")
def test_seed_articles_match_the_fixture(seed_articles, expected):
    _, articles = seed_articles
    row = articles[(articles.doc_id == expected["doc_id"]) & (articles.article_no == expected["article_no"])]
    assert len(row) == 1
    row = row.iloc[0]
    for key in ["title", "subtitle", "author", "source", "place", "date", "column"]:
        assert row[key] == expected[key], key
    assert row.text.startswith(expected["text_starts"])
    assert row.text.endswith(expected["text_ends"])


def test_issue_examples(seed_articles):
    _, articles = seed_articles
    by_title = articles.set_index("title")
    assert by_title.loc["抓好县一级这个重点", "author"] == "赵成"
    assert by_title.loc["“问诊”长江18年", "author"] == "王欣悦"
    assert by_title.loc["办好群众身边事", "author"] == "吴储岐"
    assert by_title.loc["以钉钉子精神践行正确政绩观", ["author", "source", "date"]].tolist() == [
        "严允",
        "学习时报",
        "2025-11-03",
    ]
    assert by_title.loc["以先行者之姿 书写高质量答卷", ["author", "source"]].tolist() == [
        "李灿 陆乐",
        "人民日报",
    ]


def test_metadata_lines_do_not_stay_in_article_text(seed_articles):
    _, articles = seed_articles
    text = "\n".join(articles.text)
    for line in ["本报记者", "新华社记者", "（新华社", "金台潮声\n", "作者系", "《学习时报》"]:
        assert line not in text, line
    # section headings stay inside their article
    assert "周密安排部署，落实主体责任" in articles.text.iloc[0]


def test_every_character_of_article_text_comes_from_the_document(seed_articles):
    documents, articles = seed_articles
    by_doc = dict(zip(documents.doc_id, documents.text_norm, strict=True))
    for doc_id, text in zip(articles.doc_id, articles.text, strict=True):
        for paragraph in text.split("\n"):
            assert paragraph in by_doc[doc_id]


def test_line_kinds():
    assert classify_line("新华社记者（新华社北京3月24日电）") == "dateline"
    assert classify_line("本报记者 李林蔚") == "byline"
    assert classify_line("□ 中共扬州市委主题教育领导小组") == "byline"
    assert classify_line("严允（作者系江西省宜春市委书记）") == "author_note"
    assert classify_line("《学习时报》（20251103日第03版）") == "source_line"
    assert classify_line("深度关注·干部教育培训②") == "column"
    assert classify_line("黑龙江省穆棱市坚持党建引领基层治理——") == "kicker"
    assert classify_line("——各地扎实开展树立和践行正确政绩观学习教育") == "subtitle"
    assert classify_line("——编 者") == "signature"
    assert classify_line("（实习生康一帆参与采写）") == "note"
    assert classify_line("领学促学，“一把手”上讲台") == "heading"
    assert classify_line("学习的目的全在于运用。") == "body"


def _split(text: str, doc_id: str = "doc.txt", **kwargs) -> pd.DataFrame:
    documents = pd.DataFrame({"doc_id": [doc_id], "text": [text], "text_norm": [normalize_text(text)]})
    return split_articles(documents, **kwargs)


def test_kicker_and_heading_without_byline_are_a_section_not_an_article():
    text = (
        "环塔克拉玛干沙漠铁路环线贯通一年——\n“牵线搭桥”越沙海 绘出发展同心圆\n"
        "一年来，这条铁路环线运行情况如何？记者进行了探访。\n机遇路——\n运输繁忙，产业发展增动能\n"
        "货物进疆量更大，货物出疆更便捷。"
    )
    articles = _split(text, "20230702/20230702-04-01.txt")
    assert len(articles) == 1
    assert articles.title[0] == "“牵线搭桥”越沙海 绘出发展同心圆"
    assert articles.subtitle[0] == "环塔克拉玛干沙漠铁路环线贯通一年"
    assert "机遇路——\n运输繁忙，产业发展增动能" in articles.text[0]
    assert articles.date[0] == "2023-07-02"  # from the file name


def test_lead_dateline_gives_place_date_and_author_and_leaves_the_text():
    text = "标题\n新华社北京6月30日电 （记者白瀛）中国记协“记者之家”网络培训平台6月30日上线。"
    articles = _split(text, "20230701/x.txt")
    row = articles.iloc[0]
    assert (row.source, row.place, row.date, row.author) == ("新华社", "北京", "2023-06-30", "白瀛")
    assert row.text.startswith("中国记协")


def test_people_daily_padded_names_are_joined():
    articles = _split("标题\n本报记者 陈  斌 张武军\n正文第一段。")
    assert articles.author[0] == "陈斌 张武军"


def test_default_source_only_where_the_text_names_none():
    signed_this_paper = _split("标题\n本报记者 王朋\n正文第一段。", default_source="人民日报")
    assert signed_this_paper.source[0] == "人民日报"
    xinhua = _split("标题\n正文第一段。\n新华社记者 余贤红（新华社北京3月23日电）", default_source="人民日报")
    assert (xinhua.source[0], xinhua.author[0]) == ("新华社", "余贤红")
    assert _split("标题\n本报记者 王朋\n正文第一段。").source[0] == ""


def test_documents_without_articles_are_reported(seed_articles):
    documents = pd.DataFrame(
        {
            "doc_id": ["credits.txt", "ad.txt", "ok.txt"],
            "text_norm": ["", "广告", "标题\n正文。"],
        }
    )
    report = article_report(documents, split_articles(documents))
    assert report.n_articles.tolist() == [0, 0, 1]
    assert report.reason[0].startswith("no text left")
    assert report.reason[1].startswith("headings only")


def test_empty_input_gives_an_empty_table():
    empty = split_articles(pd.DataFrame({"doc_id": [], "text_norm": []}))
    assert empty.empty and list(empty.columns) == ARTICLE_COLUMNS
