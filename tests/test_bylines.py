"""Bylines and credits as People's Daily prints them, on real lines of rmrb-2023-07-08 build files
(tools/bylines_audit.txt): each test fails on the code before the audit."""

from __future__ import annotations

import pandas as pd
import pytest

from textkit.articles import classify_line, split_articles
from textkit.normalize import normalize_text


def _split(text: str, doc_id: str = "doc.txt", **kwargs) -> pd.DataFrame:
    documents = pd.DataFrame({"doc_id": [doc_id], "text": [text], "text_norm": [normalize_text(text)]})
    return split_articles(documents, **kwargs)


PICTURE = "江西赣州\n　　7月3日，江西省赣州市章贡区的城市夜景。\n　　城市灯光璀璨，夜色迷人。\n"
# the verse a picture story ends with, which its writer signs (20230726-05-04)
VERSE = "　　这正是：\n　　海运需求旺，\n　　船厂作业忙。\n"


@pytest.mark.parametrize(
    ("verse", "credit", "author", "role", "column"),
    [
        # 20230704-02-03: a two-character name padded with a space
        ("", "姚  峰摄（影像中国）", "姚峰", "姚峰:摄", "影像中国"),
        # 20230703-19-04: several photographers, one of them padded
        ("", "庄  贞  韩立俊摄影报道", "庄贞 韩立俊", "庄贞:摄影报道 韩立俊:摄影报道", ""),
        # 20230705-15-07: the agency that released the picture is not a column
        ("", "尼古拉斯·塞拉亚摄（新华社发）", "尼古拉斯·塞拉亚", "尼古拉斯·塞拉亚:摄", ""),
        # 20230825-11-04: 人民视觉 (People Visual) is a picture agency like 新华社发, not a column
        ("", "以上图片均为何超摄（人民视觉）", "何超", "何超:摄", ""),
        # 20230821-06-05, 20230726-05-04: the writer of a picture story's verse (这正是：)
        ("这正是", "柳  青文", "柳青", "柳青:文", ""),
        ("这正是", "陈世涵文", "陈世涵", "陈世涵:文", ""),
    ],
)
def test_a_picture_story_closing_credit_gives_its_author_role_and_column(verse, credit, author, role, column):
    row = _split(PICTURE + (VERSE if verse else "") + "　　" + credit).iloc[0]
    assert (row.author, row.author_role, row.column) == (author, role, column)
    assert credit.split("（")[0].replace(" ", "") not in row.text.replace(" ", "")


def test_a_line_ending_in_wen_that_names_no_one_stays_text():
    from textkit.articles import photo_credit

    assert photo_credit("散文") is None
    assert photo_credit("56闫浩文") is None
    # X文 signs only the verse of a picture story: elsewhere the line may be a heading
    row = _split(PICTURE + "　　中华美文").iloc[0]
    assert row.author == "" and row.text.endswith("中华美文")


def test_a_dateline_of_several_places_closes_the_report_with_its_reporters():
    # 20230825-03-03
    line = "（本报约翰内斯堡、开罗8月24日电  记者管克江、闫韫明、黄培昭、任皓宇、时元皓、邹松）"
    assert classify_line(line) == "dateline"
    row = _split(
        "“进一步壮大世界和平和发展的力量”\n　　当地时间8月24日上午，会议举行。\n　　" + line,
        "20230825/20230825-03-03.txt",
    ).iloc[0]
    assert row.author == "管克江 闫韫明 黄培昭 任皓宇 时元皓 邹松"
    assert row.dateline_date == "2023-08-24" and row.date == "2023-08-25"
    assert "记者" not in row.text


def test_a_contributor_of_a_several_place_dateline_keeps_the_name_alone():
    # 20230726-15-01
    line = (
        "（本报东京、首尔、堪培拉、柏林、曼谷7月25日电  记者朱玥颖、马菲、陈效卫、刘仲华、杨一，"
        "冷江涛对本文亦有贡献）"
    )
    row = _split(
        "日本核污染水排海遭反对\n　　多国人士发声。\n　　" + line, "20230726/20230726-15-01.txt"
    ).iloc[0]
    assert row.author == "朱玥颖 马菲 陈效卫 刘仲华 杨一 冷江涛"
    assert row.author_role == "冷江涛:对本文亦有贡献"
    assert row.dateline_date == "2023-07-25"


@pytest.mark.parametrize(
    ("line", "note"),
    [
        # 20230706-05-06, 20230710-15-02
        ("（作者单位：同济大学政治与国际关系学院）", "同济大学政治与国际关系学院"),
        ("（作者单位为中国科学院国家空间科学中心）", "中国科学院国家空间科学中心"),
        # 20230710-09-03: a bracketed name inside the note
        ("（作者为中央党校（国家行政学院）教授）", "中央党校（国家行政学院）教授"),
        # 20230708-07-01: two authors
        (
            "（作者分别为中国社会科学院考古研究所研究员、安阳博物馆馆长）",
            "中国社会科学院考古研究所研究员、安阳博物馆馆长",
        ),
    ],
)
def test_author_notes_of_every_shape_leave_the_text_for_author_note(line, note):
    assert classify_line(line) == "author_note"
    row = _split("加强垃圾分类全链条管理\n　　推进垃圾分类是一场持久战。\n　　" + line).iloc[0]
    assert row.author_note == note
    assert "作者" not in row.text


def test_an_author_note_with_a_bracket_names_who_wrote_it_up():
    # 20230810-17-02
    line = "（作者为中华艺术宫（上海美术馆）馆长，本报记者曹玲娟整理）"
    row = _split("让美术馆成为城市客厅\n　　美术馆是城市的文化客厅。\n　　" + line).iloc[0]
    assert (row.author, row.author_role) == ("曹玲娟", "曹玲娟:整理")


def test_a_case_source_note_gives_the_reporter_who_wrote_it_up_and_stays_text():
    # 20230713-19-03 (以案说法)
    line = "（案例来源：最高人民法院，本报记者金歆整理）"
    row = _split("用人单位承诺录用 签约前反悔怎么办\n　　【案情】张女士与某公司协商。\n　　" + line).iloc[0]
    assert (row.author, row.author_role) == ("金歆", "金歆:整理")
    assert row.text.endswith(line)


def test_a_note_of_reporters_and_a_contributor_gives_every_name():
    # 20230809-02-03: the old reading kept 人民网记者谈媛参与采写 whole as a name
    line = "（本报记者肖伟光、李栋、马原，人民网记者谈媛参与采写）"
    row = _split(
        "壮大现代产业  畅通经济循环\n　　黄河之滨，泰山之麓。\n　　山东正以昂扬的姿态走在前。\n　　" + line
    ).iloc[0]
    assert (row.author, row.author_role) == ("肖伟光 李栋 马原 谈媛", "谈媛:参与采写")
    assert "记者" not in row.text


def test_a_subtitle_slot_too_long_for_a_heading_is_the_subtitle_and_the_dateline_is_read():
    # 20230830-06-04: the subtitle slot holds 41 characters (a heading line has at most 40)
    raw = (
        "\n河南严肃查处安阳“11·21”特别重大火灾事故相关责任人员\n"
        "公安机关对8名涉案人员立案侦查并采取刑事强制措施纪检监察机关严肃问责58名公职人员\n"
        "　　新华社郑州8月29日电  记者近日从河南省有关部门获悉，事故发生后，党中央高度重视。\n"
        "　　安阳市凯信达商贸有限公司实际控制人等8人被公安机关立案侦查。\n"
    )
    row = _split(raw, "20230830/20230830-06-04.txt", head_layout="slots").iloc[0]
    assert row.subtitle == "公安机关对8名涉案人员立案侦查并采取刑事强制措施纪检监察机关严肃问责58名公职人员"
    assert row.dateline_date == "2023-08-29"
    assert row.text.startswith("记者近日从河南省有关部门获悉")


def test_a_photographer_credit_that_normalization_drops_still_names_the_author():
    # 20230819-02-05: 盛  斌摄 alone is page furniture to normalize_text (data/boilerplate.tsv)
    raw = (
        "图片报道\n　　中国国家能源集团龙源南非公司承建并运营的德阿风电项目，是南非已投产的规模最大的"
        "风电项目之一。图为德阿风电项目。\n　　盛\xa0\xa0斌摄\n"
    )
    assert normalize_text("盛\xa0\xa0斌摄").strip() == ""
    row = _split(raw, "20230819/20230819-02-05.txt").iloc[0]
    assert (row.author, row.author_role) == ("盛斌", "盛斌:摄")


def test_a_foreign_photographer_with_a_long_name_part_is_read():
    # 20230719-15-04: 克里斯托弗鲁 is six characters
    row = _split(PICTURE + "　　乔治·克里斯托弗鲁摄（新华社发）").iloc[0]
    assert (row.author, row.column) == ("乔治·克里斯托弗鲁", "")


def test_a_closing_note_of_many_reporters_is_read_when_every_token_is_a_name():
    # 20230730-02-01: 14 reporters, 43 characters of names
    line = (
        "（本报记者郑轶、王明峰、厉衍飞、孙龙飞、王迪、杨笑雨、刘书文、宋豪新、范佳元、王永战、邝西曦、"
        "刘硕阳、李凯旋、王亮）"
    )
    row = _split(
        "以奋斗姿态激扬青春\n　　一场大运会，打开了新窗口。\n　　成都大运会折射出文化自信。\n　　" + line
    ).iloc[0]
    assert (
        row.author
        == "郑轶 王明峰 厉衍飞 孙龙飞 王迪 杨笑雨 刘书文 宋豪新 范佳元 王永战 邝西曦 刘硕阳 李凯旋 王亮"
    )
    # past 30 characters, a closing note that is not a list of names gives no author
    note = "（记者近日从国家市场监督管理总局获悉有关情况，并进行了深入的调查了解和核实）"
    row = _split("标题\n　　正文第一段。\n　　正文第二段。\n　　" + note).iloc[0]
    assert row.author == ""


def test_participating_reporters_after_a_colon_sign_the_piece():
    # 20230731-15-04
    text = "七月将成为最热月份\n　　世界气象组织27日发布数据。\n　　古特雷斯指出后果显而易见。\n"
    row = _split(text + "　　（参与记者：王其冰、毛磊）").iloc[0]
    assert row.author == "王其冰 毛磊"


def test_a_compiled_report_credit_above_a_box_gives_its_reporters_once_each():
    # 20230801-08-01: the credit of the report, then a box (■延伸阅读) that 贺勇 wrote up
    text = (
        "众志成城 抢险救援\n　　各地全力做好防汛救灾工作。\n　　浙江省防指决定解除防台风应急响应。\n"
        "　　（综合本报记者李红梅、王浩、贺勇报道）\n　　■延伸阅读\n　　北京房山雨量为何这么大？\n"
        "　　此次强降雨过程主要受台风影响。\n　　（本报记者贺勇采访整理）"
    )
    row = _split(text).iloc[0]
    assert (row.author, row.author_role) == ("李红梅 王浩 贺勇", "贺勇:采访整理")
    assert "综合" not in row.text


@pytest.mark.parametrize(
    ("credit", "author", "role", "column"),
    [
        # 20230727-03-07: the text's reporter and the photographer on one line
        ("本报记者  管克江文  费萨尔摄", "管克江 费萨尔", "管克江:文 费萨尔:摄", ""),
        # 20230831-01-08: the picture agency 人民视觉 is no column
        ("本报记者  曹文轩文  宋艳磊摄（人民视觉）", "曹文轩 宋艳磊", "曹文轩:文 宋艳磊:摄", ""),
        # 20230809-15-05: the photographer of another bureau
        (
            "本报记者  管克江文  本报中东中心分社  纳达尔·达乌德摄",
            "管克江 纳达尔·达乌德",
            "管克江:文 纳达尔·达乌德:摄",
            "",
        ),
        # 20230831-08-01
        (
            "本报记者  雷 声  程 晨  伊 霄摄影报道",
            "雷声 程晨 伊霄",
            "雷声:摄影报道 程晨:摄影报道 伊霄:摄影报道",
            "",
        ),
        # 20230827-04-03: 郑智文 is a name (a two-character name before 文 would be padded)
        ("郑智文  石天蛟摄影报道", "郑智文 石天蛟", "郑智文:摄影报道 石天蛟:摄影报道", ""),
    ],
)
def test_a_credit_line_of_reporters_and_photographers_names_each_with_a_role(credit, author, role, column):
    row = _split(PICTURE + "　　" + credit).iloc[0]
    assert (row.author, row.author_role, row.column) == (author, role, column)


def test_a_reporter_photographer_credit_that_normalization_drops_names_the_author():
    # 20230725-13-06: 本报记者  陈  斌摄 is page furniture to normalize_text
    row = _split(PICTURE + "　　本报记者\xa0\xa0陈\xa0\xa0斌摄\n").iloc[0]
    assert (row.author, row.author_role) == ("陈斌", "陈斌:摄")


def test_credit_lines_closing_a_file_are_the_picture_story_s_not_an_article():
    # 20230804-01-06: a byline-like credit of the text's writers, then the photographer's (人民视觉
    # is the picture agency, no column)
    text = PICTURE + "　　本报记者  李晓晴  鲜  敢文\n　　林  洋摄（人民视觉）"
    rows = _split(text)
    assert len(rows) == 1
    assert (rows.author[0], rows.column[0]) == ("李晓晴 鲜敢 林洋", "")
    assert rows.author_role[0] == "李晓晴:文 鲜敢:文 林洋:摄"


def test_notes_of_clauses_past_thirty_characters_and_the_paper_s_website_as_prefix():
    # 20230814-01-01 and 20230810-02-02
    body = "标题\n　　正文第一段。\n　　正文第二段。\n　　"
    row = _split(body + "（本报记者刘毅、寇江泽、李红梅、董丝雨，本报记者刘洪超、王明峰参与采写）").iloc[0]
    assert row.author == "刘毅 寇江泽 李红梅 董丝雨 刘洪超 王明峰"
    assert row.author_role == "刘洪超:参与采写 王明峰:参与采写"
    row = _split(body + "（本报记者王洲、马原，人民网谈媛参与采写）").iloc[0]
    assert (row.author, row.author_role) == ("王洲 马原 谈媛", "谈媛:参与采写")


def test_each_place_of_a_several_place_dateline_is_a_dateline_place():
    # 20230828-03-01: （本报北京、里约热内卢、约翰内斯堡、莫斯科8月27日电）
    from textkit.extract import extract_places

    line = "（本报北京、里约热内卢、约翰内斯堡、莫斯科8月27日电）"
    articles = _split(
        "金砖合作迎来新起点\n　　各方积极评价金砖扩员。\n　　" + line, "20230828/20230828-03-01.txt"
    )
    assert articles.place[0] == "北京、里约热内卢、约翰内斯堡、莫斯科"
    places = extract_places(articles)
    assert places[["name", "dateline"]].values.tolist() == [["北京市", True]]


def test_a_reporters_note_above_layout_credits_survives_normalization():
    # 20230812-05-01: the page's 版式设计 credit after the note made it furniture
    raw = "支教队员的暑假\n　　临别之际，孩子们送上了画。\n　　（本报记者吴丹、黄超、丁雅诵、吴月、闫伊乔）\n"
    raw += " \n　　版式设计：张丹峰\n"
    assert "（本报记者吴丹、黄超、丁雅诵、吴月、闫伊乔）" in normalize_text(raw)
    row = _split(raw).iloc[0]
    assert row.author == "吴丹 黄超 丁雅诵 吴月 闫伊乔"


def test_the_reporter_who_put_the_parts_together_is_an_author_with_role_tonggao():
    # 20230807-02-02
    note = "（本报记者谷业凯、窦皓、刘军国、姜晓丹、李凯旋，统稿：吴燕）"
    row = _split("北斗，就在你我身边\n　　北斗已走进千家万户。\n　　北斗系统服务全球。\n　　" + note).iloc[0]
    assert (row.author, row.author_role) == ("谷业凯 窦皓 刘军国 姜晓丹 李凯旋 吴燕", "吴燕:统稿")


def test_a_compiled_report_credit_with_helpers_after_it():
    # 20230803-04-01
    note = "（综合本报记者李红梅、李心萍、王浩和新华社报道，吴伟光、李世昭参与采写）"
    row = _split(
        "众志成城全力做好抢险救援应急处置\n　　各地全力抢险。\n　　道路陆续恢复通行。\n　　" + note
    ).iloc[0]
    assert row.author == "李红梅 李心萍 王浩 吴伟光 李世昭"
    assert row.author_role == "吴伟光:参与采写 李世昭:参与采写"


def test_a_report_taken_from_the_agency_without_a_date_gives_its_reporters_and_place():
    # tools/bylines_audit2.txt: 20230804-16-04 (11 build files of the international pages print
    # 据新华社X电 without the date: 20230704-17-07 has two reporters)
    text = (
        "\n欧元区7月通胀率为5.3%\n\n　　据新华社布鲁塞尔电\u00a0\u00a0（记者康逸）"
        "欧盟统计局日前公布的初步统计数据显示，欧元区7月通胀率按年率计算为5.3%，低于6月的5.5%。\n"
        "　　数据显示，7月欧元区食品和烟酒价格同比上涨10.8%。"
    )
    row = _split(text, "20230804/20230804-16-04.txt").iloc[0]
    assert (row.author, row.place, row.source) == ("康逸", "布鲁塞尔", "新华社")
    assert (row.date, row.dateline_date) == ("2023-08-04", "")  # no filing date printed
    assert row.text.startswith("欧盟统计局")
    lead = "　　据新华社东京电\u00a0\u00a0（记者钟雅、欧阳迪娜）日本经济产业省日前公布。"
    two = _split("\n日本5月工矿业生产疲软\n\n" + lead)
    assert two.author[0] == "钟雅 欧阳迪娜"
    # only after 据 and an agency: a paragraph opening 本报记者从…电 is no dateline
    plain = _split("\n标题\n\n　　本报记者从国家电网获悉，今年迎峰度夏用电负荷创新高。")
    assert (plain.author[0], plain.place[0]) == ("", "")
    assert plain.text[0].startswith("本报记者从国家电网")


@pytest.mark.parametrize(
    ("raw", "kicker", "title", "column", "lead"),
    [
        # tools/bylines_audit2.txt: 20230719-14-04, a quoted exclamation under a kicker (the kicker
        # was read as a subtitle and the title lost)
        (
            "注册中心志愿者——\n“成都大运会，我们准备好了！”\n\n　　成都大运会筹备已进入冲刺阶段。",
            "注册中心志愿者",
            "“成都大运会，我们准备好了！”",
            "",
            "成都大运会",
        ),
        # 20230711-14-02: a question as the title, its column tag after it
        (
            "\n入伏时间如何确定？（把自然讲给你听）\n\n　　每年入伏的日子都不一样。",
            "",
            "入伏时间如何确定？",
            "把自然讲给你听",
            "每年",
        ),
        # 20230730-04-05: a title over 40 characters; the lead dateline under it is read
        (
            "\n习近平主席特别代表、国务院副总理何立峰将赴巴基斯坦出席中巴经济走廊启动十周年庆祝活动\n\n"
            "　　新华社北京7月29日电  外交部发言人宣布：应巴基斯坦政府邀请，何立峰将出席庆祝活动。",
            "",
            "习近平主席特别代表、国务院副总理何立峰将赴巴基斯坦出席中巴经济走廊启动十周年庆祝活动",
            "",
            "外交部发言人",
        ),
    ],
)
def test_a_head_slot_is_a_head_line_whatever_its_marks_or_length(raw, kicker, title, column, lead):
    row = _split(raw, "20230730/x.txt").iloc[0]
    assert (row.kicker, row.title, row.subtitle, row.column) == (kicker, title, "", column)
    assert row.text.startswith(lead)


def test_a_page_credit_line_alone_in_the_title_slot_is_no_article():
    # 29 build files hold only the editors of pages 1-4 (20230705-04-08): no article, no row
    credit = "一版责编：许  诺  刘  念  常  晋  二版责编：殷新宇  蒋雪婕  郭雪岩  三版责编：于景浩  戴楷然"
    assert _split("\n" + credit + "\n\n", "20230705/20230705-04-08.txt").empty


NBSP = "\u00a0\u00a0"


def test_a_letter_signed_by_a_website_user_or_a_reader_gives_the_signer():
    # tools/bylines_audit2.txt sweep: the letters of 身边事 (20230724-07-03, 20230717-07-03,
    # 20230807-07-03, 20230828-11-03) and a page of letters after an editor's note (20230724-07-01)
    letter = (
        "\n垃圾露天堆放影响庄稼生长（身边事）\n\n"
        "　　我是山东青岛胶州市里岔镇黄家岭村村民。大量垃圾露天堆放，长期无人清理。\n"
        f"　　人民网“领导留言板”网友{NBSP}宋先生\n"
    )
    row = _split(letter, "20230724/20230724-07-03.txt").iloc[0]
    assert (row.title, row.column, row.author, row.author_note) == (
        "垃圾露天堆放影响庄稼生长",
        "身边事",
        "宋先生",
        "人民网“领导留言板”网友",
    )
    assert row.text.endswith("长期无人清理。")
    padded = letter.replace("宋先生", f"小{NBSP}军")
    assert _split(padded, "20230717/20230717-07-03.txt").author[0] == "小军"
    page = (
        "\n纠治形式主义  重在求真务实（金台视线·紧盯形式主义问题①）\n\n"
        "　　形式主义、官僚主义同我们党的性质宗旨和优良作风格格不入。本版今起推出系列报道。\n"
        f"　　——编{NBSP}者\n　　\n　　少要材料多下基层\n　　近年来，转变工作作风、为基层减负成为社会共识。\n"
        f"　　读{NBSP}者{NBSP}陈{NBSP}明\n　　\n　　工作软件过多加重基层负担\n"
        "　　我是一名乡镇干部，对“指尖上的形式主义”深有感触。\n"
        f"　　人民网“领导留言板”网友{NBSP}韩先生\n"
    )
    rows = _split(page, "20230724/20230724-07-01.txt")
    # the editor's note, then each letter with its signer (陈明 signs the first letter, not the note)
    assert list(rows.title) == ["纠治形式主义 重在求真务实", "少要材料多下基层", "工作软件过多加重基层负担"]
    assert list(rows.author) == ["", "陈明", "韩先生"]
    assert list(rows.author_note) == ["", "读者", "人民网“领导留言板”网友"]


def test_a_verse_writer_dropped_with_the_photo_credit_under_it_is_read_back():
    # 20230818-06-04: the normalizer drops the closing run (the verse writer and 图片均为…摄)
    raw = (
        "\n图片报道\n\n　　今年以来，“中国天眼”成果频出，为探索宇宙奥秘作出更多中国贡献。\n"
        "　　这正是：\n　　宇宙浩瀚无边，\n　　巨眼助力观天。\n　　创新永无止境，\n　　探索没有终点。\n"
        "　　张晓洁文\n　　\n　　图片均为新华社记者欧东衢摄\n"
    )
    row = _split(raw, "20230818/20230818-06-04.txt").iloc[0]
    assert (row.author, row.author_role) == ("张晓洁 欧东衢", "张晓洁:文 欧东衢:摄")
    assert row.text.endswith("探索没有终点。")


def test_the_papers_bare_dateline_gives_the_reporters_that_follow_it():
    # 20230707-18-04 and 20230724-18-03: 本报电 with neither place nor date, then the reporter
    raw = (
        f"农业银行出台意见\n支持革命老区振兴发展\n\n　　本报电{NBSP}（记者朱隽）截至今年5月末，"
        "中国农业银行革命老区贷款余额2.14万亿元。\n　　真金白银助力巩固拓展脱贫攻坚成果。\n"
    )
    row = _split(raw, "20230707/20230707-18-04.txt").iloc[0]
    assert (row.author, row.dateline_date, row.place) == ("朱隽", "", "")
    assert row.text.startswith("截至今年5月末")
    # without reporters 本报电 stays text: the items of a digest page open with it (test_pages)
    item = _split(f"\n标题\n\n　　本报电{NBSP}近日，商务部公示了电子商务示范企业名单。\n").iloc[0]
    assert item.author == "" and item.text.startswith("本报电")


def test_the_caption_of_a_painting_names_its_maker():
    # 20230716-08-03 and 20230723-08-03 (名家新作, a weekly page): the caption is the whole text,
    # and its maker is the author as a picture story's photographer is (the first audit left it)
    row = _split("\n名家新作\n\n　　中国画《湾区早春》，作者潘鲁生。\n", "20230723/x.txt").iloc[0]
    assert (row.author, row.text) == ("潘鲁生", "中国画《湾区早春》，作者潘鲁生。")
    # a sentence of a longer text naming an author is no credit
    text = "\n读书\n\n　　这本书写得很好。\n　　小说《长安》，作者用心很深。\n"
    assert _split(text).author[0] == ""


def test_a_closing_dateline_without_a_date_gives_the_place_and_leaves_the_text():
    # 15 build files of the international pages (20230714-14-01, 20230811-03-05, ...)
    raw = "\n标题\n\n　　我们呼吁特别报告员继续监督福岛灾民的人权状况。\n　　（本报日内瓦电）\n"
    row = _split(raw, "20230714/x.txt").iloc[0]
    assert (row.place, row.dateline_date, row.author) == ("日内瓦", "", "")
    assert row.text == "我们呼吁特别报告员继续监督福岛灾民的人权状况。"
    # a pointer in brackets is no dateline (（相关报道见第六版） stays, as before)
    assert _split("\n标题\n\n　　正文。\n　　（相关报道见第六版）\n").text[0].endswith("（相关报道见第六版）")


def test_a_picture_agency_in_a_credit_bracket_is_no_column_and_the_paper_s_picture_column_is():
    # 20230702-04-06 closes with 胡江涛摄（人民视觉）: People Visual released the picture
    # (data/picture_agencies.txt); 20230704-02-03's 影像中国 is the paper's picture column
    body = "　　近日，江西省赣州市章贡区，草木苍翠，生机勃勃。\n　　"
    assert _split(PICTURE + body + "胡江涛摄（人民视觉）").iloc[0].column == ""
    assert _split(PICTURE + body + "姚  峰摄（影像中国）").iloc[0].column == "影像中国"
