"""Claims of branch claims2 (issue 12), each on the real line of a build article of rmrb-2023-07-08
(no held-out file read): wind force and an earthquake's magnitude as readings on a scale, N分半钟
as minutes and a half. Readings of the whole build diff: tools/extract_precision_claims2.txt."""

from __future__ import annotations

import pandas as pd

from textkit.extract import extract_claims


def claims(text: str) -> list[tuple[str, float, str, bool]]:
    table = extract_claims(pd.DataFrame({"doc_id": ["x"], "article_no": [1], "text": [text]}))
    columns = ("match", "value", "unit", "approx")
    return list(zip(*(table[column].tolist() for column in columns), strict=True))


def scale(text: str) -> list[tuple[float, str]]:
    return [(value, unit) for _, value, unit, _ in claims(text) if unit == "级"]


def test_wind_force_is_a_reading_on_a_scale_like_an_earthquake_magnitude():
    # build file 20230717-13-02: 风力 before the number
    line = "16日2时由热带风暴级加强为强热带风暴级，中心附近最大风力10级。"
    assert scale(line) == [(10.0, "级")]
    line = "预计登陆时强度为台风级或强台风级，风力12—14级，18日进入北部湾"
    assert scale(line) == [(12.0, "级"), (14.0, "级")]
    # 20230718-15-02: 大风 after 级, a range's first end takes the unit; 阵风 before
    line = "黄岩岛附近海面将有6—8级大风，台风“泰利”中心经过的附近海域或地区风力有12—14级，阵风15—16级。"
    assert scale(line) == [(v, "级") for v in (6.0, 8.0, 12.0, 14.0, 15.0, 16.0)]
    # 20230709-04-02 (以上 between 级 and 大风), 20230809-08-01 (台风 after 级)
    assert claims("每年6级以上大风超过300天")[0] == ("6级", 6.0, "级", True)
    assert scale("桁架类网箱已经过17级台风的检验") == [(17.0, "级")]
    # 20230726-11-02: approximate above the top of the scale
    assert claims("台风中心经过的附近海域风力可达13—17级，阵风17级以上。")[-1] == ("17级", 17.0, "级", True)


def test_a_whole_magnitude_is_a_claim_but_a_design_or_hazard_class_is_not():
    # a whole magnitude, as 9.0级地震 (no build line has one: the convention's consistency)
    assert scale("当地发生6级地震") == [(6.0, "级")]
    # build file 20230731-20-02: seismic intensity a bridge is designed for is a class
    assert scale("主跨1100米，按抗震烈度9级设防，桥面为双向4车道高速公路") == []
    assert scale("达到了智能制造能力成熟度2级以上水平") == []
    assert scale("列为2级风险") == []


def test_minutes_and_a_half_and_one_digit_after_metres():
    # build file 20230725-12-02: 3分半钟 was no claim (分 before 半 is not points)
    assert claims("尤其是《将进酒》3分半钟片段的设定和制作") == [("3分半钟", 3.5, "分钟", False)]
    # one digit after 米 is its decimal part as two are (18米56 is 18.56 米); no build line has one
    assert claims("他身高1米8") == [("1米8", 1.8, "米", False)]
