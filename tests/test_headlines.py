"""Headlines (issue 12): untagged two-line heads, file head slots, box labels, digest columns.

Every case is a real head of a build file of rmrb-2023-07-08 (People's Daily, July-August 2023;
not hash-held-out, not in the annotated held-out sets, not in the test half of
tests/data/rmrb_heads.json), written here as the file gives it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from textkit.articles import split_articles
from textkit.headlines import head_fields, head_slots, kicker_above, kicker_score, uses_slot_layout
from textkit.normalize import normalize_text

ANNOTATION = Path(__file__).parent / "data" / "rmrb_heads.json"


def _split(raw: str, doc_id: str = "20230801/x.txt", **kwargs) -> pd.DataFrame:
    docs = pd.DataFrame({"doc_id": [doc_id], "text": [raw], "text_norm": [normalize_text(raw)]})
    return split_articles(docs, **kwargs)


def _head(row) -> tuple[str, str, str, str]:
    return row.kicker, row.title, row.subtitle, row.column


# 20230828/20230828-14-06.txt: kicker slot, title slot, blank subtitle slot
GONGHU = (
    "共护长江\n12家法院签订绿色倡议\n\n\u3000\u3000本报九江8月27日电  （记者周欢）为持续深化环境司法协作。"
)
# 20230723/20230723-04-05.txt: blank kicker slot, title, subtitle
LIAN = (
    "\n今年上半年全国纪检监察机关立案31.6万件\n其中立案中管干部36人\n"
    "\u3000\u3000本报北京7月22日电  （记者赵成）中央纪委国家监委22日公开通报。"
)


def test_head_slots_read_the_three_first_lines():
    assert head_slots(GONGHU) == ("共护长江", "12家法院签订绿色倡议", "")
    assert head_slots(LIAN) == ("", "今年上半年全国纪检监察机关立案31.6万件", "其中立案中管干部36人")
    # a file whose fourth line is an unindented paragraph is not in slot layout
    assert head_slots("共护长江\n12家法院签订绿色倡议\n\n本报九江8月27日电。") is None


def test_slots_give_kicker_and_title_or_title_and_subtitle():
    assert _head(_split(GONGHU).iloc[0]) == ("共护长江", "12家法院签订绿色倡议", "", "")
    assert _head(_split(LIAN).iloc[0]) == (
        "",
        "今年上半年全国纪检监察机关立案31.6万件",
        "其中立案中管干部36人",
        "",
    )


def test_without_slots_the_lines_decide():
    # the same heads, their blank slot lines gone: the lines alone give the same readings
    for raw in (GONGHU, LIAN):
        slotted = _split(raw).iloc[0]
        lines_only = _split(raw, head_layout="lines").iloc[0]
        assert _head(lines_only) == _head(slotted)
    assert not uses_slot_layout(["共护长江\n12家法院签订绿色倡议\n本报九江8月27日电。"])
    with pytest.raises(ValueError, match="head_layout"):
        _split(GONGHU, head_layout="guess")


def test_heading_lines_after_the_slots_stay_in_the_text():
    # 20230704/20230704-05-06.txt: title slot only; the indented line under it opens the text
    raw = (
        "\n职业教育大有可为\n\n\u3000\u3000培养规模巨大的高素质技能人才队伍，让教育链、人才链与产业链、"
        "创新链有机衔接\n\u3000\u3000职业教育与经济社会发展紧密相连。"
    )
    row = _split(raw).iloc[0]
    assert (row.kicker, row.title, row.subtitle) == ("", "职业教育大有可为", "")
    assert row.text.startswith("培养规模巨大的高素质技能人才队伍")


def test_lead_line_ending_in_a_dash_after_the_slots_stays_in_the_text():
    # 20230820/20230820-01-01.txt: title and ——subtitle in the slots; the text opens with a line
    # ending in —— (short, no sentence mark: classified as a kicker), which had been dropped
    raw = (
        "\n扑下身子“迎考”  沉到一线“解题”\n——解码“浦江经验”\n\u3000\u3000这是坚持不懈的实践——\n"
        "\u3000\u30002003年9月18日，时任浙江省委书记的习近平同志亲自倡导。"
    )
    row = _split(raw).iloc[0]
    assert (row.kicker, row.subtitle) == ("", "解码“浦江经验”")
    assert row.text.startswith("这是坚持不懈的实践——\n2003年9月18日")


def test_digest_column_over_a_headline_printed_in_the_text():
    # 20230814/20230814-19-03.txt
    raw = (
        "\n新闻速递\n\n\u3000\u3000火箭氢氧共底贮箱关键结构通过考核\n"
        "\u3000\u3000本报电  前不久，贮箱通过考核。"
    )
    for layout in ("auto", "lines"):
        row = _split(raw, head_layout=layout).iloc[0]
        assert (row.kicker, row.title, row.column) == ("", "火箭氢氧共底贮箱关键结构通过考核", "新闻速递")


def test_box_label_is_no_subtitle_and_stays_in_the_text():
    # 20230703/20230703-10-01.txt: 核心阅读 under a tagged headline
    raw = (
        "山东青岛市探索派遣制聘用模式\n吸引年轻老师  服务老年大学（办实事  解民忧）\n\n"
        "\u3000\u3000核心阅读\n\u3000\u3000青岛市积极探索老年教育新思路、新模式。\n\u3000\u3000正文。"
    )
    for layout in ("auto", "lines"):
        row = _split(raw, head_layout=layout).iloc[0]
        assert _head(row) == (
            "山东青岛市探索派遣制聘用模式",
            "吸引年轻老师 服务老年大学",
            "",
            "办实事 解民忧",
        )
        assert row.text.startswith("核心阅读\n青岛市积极探索老年教育新思路")


def test_kicker_above_rules_on_real_lines():
    # a speech verb ends the kicker: 20230713/20230713-02-03.txt
    assert kicker_above(
        "谌贻琴在山西调研时强调", "加强退役军人服务保障工作 更好服务经济社会发展、服务国防和军队建设"
    )
    # paired phrases set apart by a space make a headline: 20230712/20230712-04-03.txt
    assert kicker_above("重庆积极做好防汛救灾工作", "加强风险排查 加快灾后恢复")
    # a short first line is a kicker: 20230828/20230828-14-06.txt
    assert kicker_above("共护长江", "12家法院签订绿色倡议")
    # leaders attending are a subtitle: 20230713 (李强主持召开平台企业座谈会)
    assert not kicker_above("李强主持召开平台企业座谈会", "丁薛祥出席")
    # an event verb ending the first line and detail opening the second: 20230712 (药品标准管理办法)
    assert not kicker_above("药品标准管理办法发布", "明确三类标准制定和修订程序")
    # a figure in the second line: 20230723/20230723-04-05.txt
    assert not kicker_above("今年上半年全国纪检监察机关立案31.6万件", "其中立案中管干部36人")
    # a genre word ends a subtitle (People's Daily: ——……成效综述)
    assert not kicker_above("以先行者之姿 书写高质量答卷", "浙江深入开展学习贯彻主题教育综述")


def test_lead_overlap_moves_the_score_toward_the_line_the_lead_repeats():
    first, second = "安徽合肥培养专业技术经纪人", "慧眼识技术 精准助转化"
    repeats_first = "安徽合肥培养专业技术经纪人，已有数百名经纪人上岗。"
    repeats_second = "慧眼识技术，精准助转化，是经纪人的本事。"
    assert kicker_score(first, second, repeats_first) < kicker_score(first, second, repeats_second)


def test_two_headings_over_a_byline_are_a_head_not_a_column():
    # 20230801/20230801-07-01.txt, fifth piece: before, the first line went to column
    h = head_fields(
        ["heading", "heading", "byline"],
        ["第83集团军某旅“杨根思连”", "英雄传人，赓续红色血脉", "本报记者  徐  隽"],
    )
    assert (h.kicker, h.title, h.subtitle, h.columns) == (
        "第83集团军某旅“杨根思连”",
        "英雄传人，赓续红色血脉",
        None,
        [],
    )


def test_annotation_halves_were_fixed_by_hash():
    data = json.loads(ANNOTATION.read_text("utf-8"))
    assert "random.Random(12)" in data["header"]["drawn"]
    items = data["items"]
    assert len(items) == 120
    for item in items:
        key = f"{item['file']}#{item['article_index']}".encode()
        assert item["half"] == ("test" if int(hashlib.sha1(key).hexdigest(), 16) % 2 == 0 else "dev")
        assert item["roles"] is None or len(item["roles"]) == len(item["lines"])
        assert item["roles"] is None or set(item["roles"]) <= set("KTSCOP")


def test_a_column_tag_may_quote_a_slogan():
    # 20230713/20230713-19-01.txt: the series tag quotes 枫桥经验
    raw = "江西持续深化“法律明白人”培养工程——\n"
    raw += "让法治理念在城乡基层落地生根（法治头条·坚持和发展新时代“枫桥经验”）\n\n"
    raw += "\u3000\u3000“现在开庭！”\n"
    raw += "\u3000\u30006月15日，一场别开生面的模拟庭审，在江西省抚州市法律明白人示范培训基地“开庭”。\n"
    row = _split(raw, "20230713/20230713-19-01.txt").iloc[0]
    assert (row.kicker, row.title) == ("江西持续深化“法律明白人”培养工程", "让法治理念在城乡基层落地生根")
    assert row.column == "法治头条·坚持和发展新时代“枫桥经验”"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # 20230724/20230724-05-06.txt: a series numbered past ⑳
        (
            "大兴识才爱才敬才用才之风（大家谈·一起来想一起来干㉑·新时代新征程新伟业）",
            ("大兴识才爱才敬才用才之风", ["大家谈·一起来想一起来干㉑·新时代新征程新伟业"]),
        ),
        # 20230704/20230704-03-02.txt: a series named with 、
        (
            "共建“一带一路”合作成果惠及各方（国际论坛·共享机遇、共谋发展的阳光大道）",
            ("共建“一带一路”合作成果惠及各方", ["国际论坛·共享机遇、共谋发展的阳光大道"]),
        ),
        # 20230814/20230814-18-01.txt: with a comma
        (
            "擦亮高质量发展鲜明底色（深度观察·坚持绿色低碳发展，强化财税金融支撑①）",
            ("擦亮高质量发展鲜明底色", ["深度观察·坚持绿色低碳发展，强化财税金融支撑①"]),
        ),
        # 20230803/20230803-14-01.txt: the part of a series in brackets inside the tag
        (
            "让患者及时用上放心平价药（一线调研·关注集采落地（下））",
            ("让患者及时用上放心平价药", ["一线调研·关注集采落地（下）"]),
        ),
        # not column tags: a country's disambiguator, a span of years
        ("中共代表团访问刚果（布）", ("中共代表团访问刚果（布）", [])),
        (
            "十四届全国人大常委会关于国有资产管理情况监督工作的五年规划（2023—2027）",
            ("十四届全国人大常委会关于国有资产管理情况监督工作的五年规划（2023—2027）", []),
        ),
    ],
)
def test_column_tags_of_series(line, expected):
    from textkit.headlines import column_tags

    assert column_tags(line) == expected


def test_a_speechs_salutation_after_its_subtitle_opens_the_text():
    # 20230705/20230705-02-01.txt: title, ——subtitle, then the salutation lines unindented
    raw = (
        "牢记初心使命\xa0\xa0坚持团结协作\xa0\xa0实现更大发展\n"
        "——在上海合作组织成员国元首理事会第二十三次会议上的讲话\n"
        "尊敬的莫迪总理，\n尊敬的各位同事：\n"
        "\u3000\u3000感谢印度作为轮值主席国举办上海合作组织峰会。\n"
    )
    row = _split(raw, "20230705/20230705-02-01.txt").iloc[0]
    assert row.subtitle == "在上海合作组织成员国元首理事会第二十三次会议上的讲话"
    assert row.text == "尊敬的莫迪总理，\n尊敬的各位同事：\n感谢印度作为轮值主席国举办上海合作组织峰会。"
