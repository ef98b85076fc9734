"""Bylines as People's Daily prints them, on real lines of rmrb-2023-07-08 build files read in the
third audit and its sweeps (tools/bylines_audit3.txt): each test fails on the code before it."""

from __future__ import annotations

import pandas as pd

from textkit.articles import classify_line, split_articles
from textkit.normalize import normalize_text


def _split(text: str, doc_id: str = "doc.txt", **kwargs) -> pd.DataFrame:
    documents = pd.DataFrame({"doc_id": [doc_id], "text": [text], "text_norm": [normalize_text(text)]})
    return split_articles(documents, **kwargs)


def test_a_reporters_notes_label_over_a_piece_is_its_column_not_a_reporter_named_shouji():
    # 20230712-18-01 (and 7 more build files): 记者手记 heads the sidebar closing a 深度观察 feature;
    # it read as 记者 and the name 手记
    assert classify_line("记者手记") == "column"
    text = (
        "努力在创新中实现产业高质量发展（深度观察）\n"
        "　　1995年，我国第一辆电动汽车“远望号”诞生。\n"
        "　　“下一步，要强化技术创新，支持产学研用深度合作。”\n"
        "　　记者手记\n"
        "　　由大到强  任重道远\n"
        "　　17个月，累计产量从1000万辆到2000万辆，我国新能源汽车产业的高速成长有目共睹。\n"
    )
    rows = _split(text)
    assert rows["author"].tolist() == ["", ""]
    assert rows.iloc[1][["title", "column"]].tolist() == ["由大到强 任重道远", "记者手记"]


def test_each_filing_of_a_report_of_several_adds_its_reporters():
    # 20230716-04-06 (and 6 more build files of page 4): a report of three filings, each under its
    # own dateline and reporter; only the lead's reporter was read. The paragraphs keep their text.
    text = (
        "今年第4号台风“泰利”即将登陆\n国家防总等部门部署防汛防台风工作\n"
        "　　本报北京7月15日电  （记者刘温馨）南海热带低压已于7月15日上午加强为今年第4号台风。\n"
        "　　国家防总要求，压紧压实防汛防台风责任，密切监视台风发展变化。\n"
        "　　本报北京7月15日电  （记者李红梅）针对第4号台风“泰利”，15日10时，中央气象台发布台风蓝色预警。\n"
        "　　本报北京7月15日电  （记者王浩）记者从水利部获悉：受今年第4号台风影响，广东沿海将出现风暴潮。\n"
    )
    row = _split(text).iloc[0]
    assert row["author"] == "刘温馨 李红梅 王浩"
    assert "（记者李红梅）针对" in row["text"]


def test_a_dateline_after_an_editors_note_gives_the_reporter_and_the_filing_date():
    # 20230805-04-01: the editor's note (——编  者) comes first, the report's dateline after it
    text = (
        "切实把保障人民群众生命财产安全放到第一位\n"
        "　　日前，习近平总书记对防汛救灾工作作出重要指示。\n"
        "　　——编  者  \n"
        "　　本报北京8月4日电  （记者刘温馨）记者8月4日从应急管理部获悉：国家防总提升防汛应急响应。\n"
    )
    row = _split(text, doc_id="20230805/20230805-04-01.txt").iloc[0]
    assert (row["author"], row["dateline_date"]) == ("刘温馨", "2023-08-04")


def test_a_paragraph_quoting_a_dateline_midway_adds_no_one():
    text = "标题一则\n　　本报北京7月15日电  （记者刘温馨）正文。\n　　本报讯记者（王浩）说，正文。\n"
    assert _split(text).iloc[0]["author"] == "刘温馨"


def test_a_dialogues_speakers_listed_under_duihuaren_are_its_authors():
    # 20230816-05-01 (连线评论员, weekly on page 5: 4 build files): the speakers, padded names
    # as printed, who they are in author_note; the list leaves the text, the dialogue stays
    # the file's head slots: kicker (blank), title, subtitle (blank)
    text = (
        "\n努力建设“内陆地区改革开放高地”（连线评论员·推进自贸试验区高质量发展④）\n\n"
        "　　对话人：\n"
        "　　邹  翔  本报评论员\n"
        "　　易博文  湖南日报评论员\n"
        "　　\n"
        "　　邹翔：前不久，马达加斯加共和国农业部原秘书长拉库托松·菲利贝尔到湖南参加第三届中非经贸博览会。\n"
        "　　易博文：湖南深化对非经贸合作，是中国与非洲国家合作的一个缩影。\n"
    )
    row = _split(text, doc_id="20230816/20230816-05-01.txt").iloc[0]
    assert (row["author"], row["author_note"]) == ("邹翔 易博文", "本报评论员、湖南日报评论员")
    assert row["text"].startswith("邹翔：前不久")


def test_a_closing_dateline_of_ten_places_gives_the_reporters_and_leaves_the_text():
    # 20230720-02-01: a report filed from ten capitals closes with all of them (44 characters of
    # places, past a lead dateline's 24)
    text = (
        "国际人士积极评价中国生态文明建设成就\n"
        "　　萨努表示，近年来，中国积极参与全球环境治理，同各国分享生态环境保护经验。\n"
        "　　（本报北京、开罗、墨西哥城、约翰内斯堡、阿斯塔纳、柏林、迪拜、曼谷、内罗毕、里约热内卢"
        "7月19日电  "
        "记者俞懿春、崔琦、黄培昭、彭敏、闫韫明、李强、刘仲华、管克江、刘慧、黄炜鑫、时元皓）\n"
    )
    row = _split(text, doc_id="20230720/20230720-02-01.txt").iloc[0]
    assert row["author"] == "俞懿春 崔琦 黄培昭 彭敏 闫韫明 李强 刘仲华 管克江 刘慧 黄炜鑫 时元皓"
    assert (row["dateline_date"], row["text"][-14:]) == ("2023-07-19", "同各国分享生态环境保护经验。")


def test_a_writers_name_under_each_pieces_title_is_its_author():
    # 20230820-06-03 (基层通信; also 20230807-05-06 and the 五人谈 of 20230822-20-01): each piece's
    # title, then its writer's name alone (李  竟 padded), the text and （作者为…）; the names were
    # read as titles and the titles as the next piece's kicker
    text = (
        "\n基层通信\n\n"
        "　　为官兵办实事解难题    \n"
        "　　王俊勇\n"
        "　　为家属随军开通“绿色通道”、法律咨询服务上门、改善基层基础设施……今年以来，办了一批实事。\n"
        "　　（作者为武警北京执勤第十四支队上校政治委员）  \n"
        "　　\n"
        "　　让崇军拥军蔚然成风\n"
        "　　李  竟\n"
        "　　长沙望城是雷锋的家乡。入伍前，新兵都会在雷锋雕像前宣誓。\n"
        "　　（作者为湖南长沙市退役军人事务局办公室主任）\n"
    )
    rows = _split(text, doc_id="20230820/20230820-06-03.txt")
    assert rows[["kicker", "title", "author"]].values.tolist() == [
        ["", "为官兵办实事解难题", "王俊勇"],
        ["", "让崇军拥军蔚然成风", "李竟"],
    ]
    assert rows["author_note"].tolist() == [
        "武警北京执勤第十四支队上校政治委员",
        "湖南长沙市退役军人事务局办公室主任",
    ]


def test_a_lone_padded_label_under_a_title_is_no_writer():
    # 20230706-01-01: 回  信 over a letter, its salutation after it; one name-shaped line alone
    text = (
        "\n习近平给南京审计大学审计专业硕士国际班的留学生回信\n\n"
        "　　回  信\n"
        "南京审计大学审计专业硕士国际班的同学们：\n"
        "　　你们好！来信收到了。\n"
    )
    row = _split(text, doc_id="20230706/20230706-01-01.txt").iloc[0]
    assert (row["title"], row["author"]) == ("习近平给南京审计大学审计专业硕士国际班的留学生回信", "")


def test_an_author_notes_writer_up_clause_goes_to_author_and_role_not_the_note():
    # 20230815-20-01 (and 47 more build files): （作者为…，本报记者胡妍妍采访整理）: who the author is
    # stays the note; who wrote it up was in the note and in author/author_role both
    text = (
        "坚定崇德尚艺的追求\n　　演员面对的都是人民。心系观众，所以不断锤炼艺术。\n"
        "　　（作者为中国戏剧家协会主席，本报记者胡妍妍采访整理）\n"
    )
    row = _split(text).iloc[0]
    assert (row["author"], row["author_role"]) == ("胡妍妍", "胡妍妍:采访整理")
    assert row["author_note"] == "中国戏剧家协会主席"
