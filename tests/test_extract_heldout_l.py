"""Extraction mechanisms fixed from the misses of held-out set L (tests/data/heldout_rmrb_l.json,
opened to builders at stop 36 once set M existed), each on the real line of the set's article and
on lines of the same shape from the build files of rmrb-2023-07-08 (readings:
tools/extract_precision_l.txt)."""

from __future__ import annotations

from extract_helpers import claim_values, claims


def test_a_numeral_before_di_counts_places():
    # 20230805/20230805-01-04.txt (set L)
    line = "河北省军区设立前方指挥部，组织4000余名民兵，赶赴6地支援抢险救灾，救助转移群众。"
    assert claim_values(line) == [(4000.0, "名"), (6.0, "地")]
    # build files 20230802-04-02, 20230728-02-03, 20230706-19-01
    assert claim_values("截至8月1日16时，京津冀3地国家综合性消防救援队伍共参与处置") == [(3.0, "地")]
    assert claim_values("在北京、上海等7地设立科创金融改革试验区") == [(7.0, "地")]
    assert claim_values("9年间换了4地工作") == [(9.0, "年"), (4.0, "地")]
    # 地 starting a word is no unit (20230719-07-03: 周口店第15地点; 地块)
    assert claims("从周口店第15地点的哺乳动物化石") == []
    assert claims("出让了3地块") == []


def test_nights_count_beside_days():
    # 20230805/20230805-01-04.txt (set L): 4 天 and 3 夜, each count its own unit
    line = "中部战区空军地导某部由18名党员组成的突击队已连续奋战了4天3夜；"
    assert claim_values(line) == [(18.0, "名"), (4.0, "天"), (3.0, "夜")]
    # build files 20230810-01-01, 20230721-14-01
    assert claim_values("因为连续奋战5天4夜，不慎在交通事故中受伤") == [(5.0, "天"), (4.0, "夜")]
    assert claim_values("公交集团派驻人员连续3晚守在现场") == [(3.0, "晚")]
    # 夜 starting a word is no unit (20230808-11-01: T119夜市专线)
    assert claims("两大地铁站的119夜市专线应运而生") == []
