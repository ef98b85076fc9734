"""Claim mechanisms fixed from a second recall reading of build files of rmrb-2023-07-08
(tools/claims_recall_build.txt, part 4): each on the real line of a build article (no held-out file
read)."""

from __future__ import annotations

import pandas as pd

from textkit.extract import extract_claims


def claims(text: str) -> list[tuple[str, float, str]]:
    table = extract_claims(pd.DataFrame({"doc_id": ["x"], "article_no": [1], "text": [text]}))
    return list(zip(table["match"].tolist(), table["value"].tolist(), table["unit"].tolist(), strict=True))


def test_a_range_end_with_a_multiplier_takes_the_unit_after_the_second_end():
    # 20230816-15-01 (a currency with its country) and 20230705-10-03 (元): a bare multiplier before
    line = "预计将为新加坡带来180亿至210亿新加坡元（1美元约合1.36新加坡元）的旅游收益。"
    assert claims(line)[:2] == [
        ("180亿", 18000000000.0, "新加坡元"),
        ("210亿新加坡元", 21000000000.0, "新加坡元"),
    ]
    assert claims("按规模来看，50亿至100亿元项目19个")[:2] == [
        ("50亿", 5000000000.0, "元"),
        ("100亿元", 10000000000.0, "元"),
    ]
    # 20230821-19-01: a list, each end with its multiplier, the measure word after the last
    line = "分别惠及3330.2万、546.1万、97.1万、67.2万名老年人。"
    assert [unit for _, _, unit in claims(line)] == ["名"] * 4


def test_a_bare_range_end_takes_a_unit_read_by_code_but_not_a_multiplier_that_makes_it_larger():
    # 20230728-17-03: 5000 was no claim (the currency after 5万 is read by code, not the pattern);
    # it is 5000 埃及镑, not 5000万: the first end of a range is not the larger one
    line = "违者将被处以6个月有期徒刑以及5000至5万埃及镑（1元人民币约合4.3埃及镑）的罚款。"
    assert claims(line)[1:3] == [("5000", 5000.0, "埃及镑"), ("5万埃及镑", 50000.0, "埃及镑")]
    # the multiplier is still shared where it keeps the range in order (20至30万户, issue 12)
    assert claims("20至30万户")[0] == ("20", 200000.0, "户")


def test_range_sharing_leaves_ranks_and_decimal_parts_alone():
    assert claims("第3至5名") == [("5名", 5.0, "名")]
    # the marks are one claim each in metres (tools/extract_precision_m.txt part 4)
    assert claims("分别以69米42和67米20") == [("69米42", 69.42, "米"), ("67米20", 67.2, "米")]


def test_classifiers_of_wells_and_actions_and_counted_stations_and_cities():
    # 20230809-04-01: 眼, CC-CEDICT's classifier for wells; 20230725-15-05: 遍, for actions
    assert claims("涿州市主城区共有备用水源井63眼，已开启57眼。") == [
        ("63眼", 63.0, "眼"),
        ("57眼", 57.0, "眼"),
    ]
    assert claims("要求队员们必须把集体项目成套动作成功做出3遍，再把没做好的动作反复练习。") == [
        ("3遍", 3.0, "遍")
    ]
    # 20230703-14-04, 20230809-04-06: stations counted with no classifier (and + 次)
    assert claims("经过北京、哈尔滨、深圳、重庆和宜宾等5站传递后") == [("5站", 5.0, "站")]
    assert claims("累计抢通退服逻辑基站1812站次，修复受损光缆47处。")[0] == ("1812站次", 1812.0, "站次")
    # 20230804-15-03, 20230806-01-02: cities counted with no classifier, where jieba cuts 市 alone
    line = "西部陆海新通道海铁联运班列已覆盖17个省份63市121个站点"
    assert ("63市", 63.0, "市") in claims(line)
    assert claims("石家庄、张家口、唐山3市保持Ⅳ级应急响应，其他4市终止应急响应。") == [
        ("3市", 3.0, "市"),
        ("4市", 4.0, "市"),
    ]
    # 市 that starts a word is no unit (a hotline's number before 市民)
    assert claims("拨打12345市民热线") == []


def test_lanes_counted_with_no_classifier():
    # 20230829-02-02 (the first recall pass's miss: tools/claims_recall_build.txt part 2)
    line = "届时该桥将从双向4车道变成双向8车道，进一步畅通武鄂交通。"
    assert claims(line) == [("4车道", 4.0, "车道"), ("8车道", 8.0, "车道")]


def test_countries_counted_with_no_classifier_but_not_names_that_begin_with_guo():
    # 20230810-03-07 (this pass's miss) and 20230705-17-01
    assert claims("尼加拉瓜等25国驻华大使、高级外交官40人赴新疆参访。") == [
        ("25国", 25.0, "国"),
        ("40人", 40.0, "人"),
    ]
    assert claims("已从1国1处拓展到6国11处。") == [
        ("1国", 1.0, "国"),
        ("1处", 1.0, "处"),
        ("6国", 6.0, "国"),
        ("11处", 11.0, "处"),
    ]
    # 20230824-01-03, 20230707-04-02: a group's name and a national highway's number
    assert claims("愿同古巴和其他77国集团成员一道") == []
    assert claims("走到318国道旁的一处山体") == []
