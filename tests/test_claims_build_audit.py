"""Claim mechanisms fixed from a recall reading of build files of rmrb-2023-07-08
(tools/claims_recall_build.txt): each on the real line of a build article (no held-out file read)."""

from __future__ import annotations

import pandas as pd

from textkit.extract import extract_claims


def claims(text: str) -> list[tuple[float, str]]:
    table = extract_claims(pd.DataFrame({"doc_id": ["x"], "article_no": [1], "text": [text]}))
    return list(zip(table["value"].tolist(), table["unit"].tolist(), strict=True))


def test_a_currency_after_a_number_is_the_unit():
    # 20230816-03-03: dirhams, with and without a multiplier (the exchange note counted, as 1元 is)
    line = "会员出口和转口贸易额超过2720亿迪拉姆（1元人民币约合0.5迪拉姆）。"
    assert claims(line) == [(272000000000.0, "迪拉姆"), (1.0, "元"), (0.5, "迪拉姆")]
    # 20230816-15-01 (baht), 20230725-18-03 (reais), 20230812-03-08 (rupees)
    assert claims("泰国旅游业总收入为1.08万亿泰铢（1美元约合35泰铢）") == [
        (1080000000000.0, "泰铢"),
        (1.0, "美元"),
        (35.0, "泰铢"),
    ]
    assert claims("仅需0.15雷亚尔（约合人民币0.2元），便可乘坐电梯") == [(0.15, "雷亚尔"), (0.2, "元")]
    assert claims("巴政府决定发行面值为100卢比的纪念币。") == [(100.0, "卢比")]


def test_a_currency_written_with_its_country_is_the_unit():
    # 20230706-17-04: Jordanian dinars, no multiplier (missed before) and the exchange note
    line = "最低价70约旦第纳尔（1美元约合0.7约旦第纳尔），购买该套票还可以让游客免交40约旦第纳尔的落地签"
    assert claims(line) == [(70.0, "约旦第纳尔"), (1.0, "美元"), (0.7, "约旦第纳尔"), (40.0, "约旦第纳尔")]
    # 20230815-17-03 and 20230803-17-04: with a multiplier (a bare multiplier before), 元 after a place
    assert claims("巴西政府将划拨716亿巴西雷亚尔专门用于") == [(71600000000.0, "巴西雷亚尔")]
    assert claims("将被处以最高100万新加坡元的罚款。") == [(1000000.0, "新加坡元")]
    # a person's name before 元 is no country (a list number, then a name)
    assert claims("17赵东元") == []
