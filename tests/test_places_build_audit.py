"""Place mechanisms fixed from an independent, seeded reading of the places found by short names on
the build files of rmrb-2023-07-08 (tools/places_precision_build.txt): each on the real lines of a
build article (no held-out file read)."""

from __future__ import annotations

from textkit.extract import find_places


def names(text: str) -> list[str]:
    return find_places(text)["name"].tolist()


def test_a_short_name_that_is_a_rivers_names_the_river_before_a_river_word():
    # 20230829-01-02: the river in flood, not 牡丹江市
    assert names("8月5日，牡丹江水位快速上涨，北部战区空军某旅党员突击队队员扛沙袋、推小车") == []
    # 20230711-14-01: a reach of the river, not 黑龙江省 (太子河 is a river too, with no context)
    line = "分流域看，松花江、黑龙江中游、辽河浑河太子河、淮河及沂沭泗、长江下游支流滁河青弋江水阳江"
    assert "黑龙江省" not in names(line)
    # 20230724-04-02: its prefecture named, 小凌河畔 is the river's bank, not 凌河区
    line = "习近平总书记考察辽宁锦州生态环境修复保护情况，驻足经过环境综合整治的小凌河畔，一番话发人深省"
    assert names(line) == ["辽宁省", "锦州市"]
    # cross-strait 两岸 after a province stays a place (build file, 浙江两岸融合发展)
    assert names("考察了浙江两岸融合发展的情况") == ["浙江省"]
    assert names("牡丹江市区") == ["牡丹江市"]


def test_a_county_short_name_before_a_lake_word_is_the_lake():
    # 20230807-01-01: 宁晋泊 is a flood-detention basin; the article names 邢台, 宁晋县's prefecture
    text = (
        "8月2日12时许，位于河北邢台的临城水库第一溢洪道。\n"
        "截至目前，海河流域已启用宁晋泊、大陆泽、小清河分洪区、兰沟洼、东淀、献县泛区、共渠西、永定河泛区等8个蓄滞洪区。"
    )
    assert "宁晋县" not in names(text)
    assert names("河北邢台宁晋县") == ["河北省", "邢台市", "宁晋县"]


def test_names_inside_other_names_are_blocked():
    # 20230728-02-05: 雄安新区 with 保定 named hid 安新县
    text = "由易度科技在保定市实现产业化。\n其中，雄安新区吸纳京津技术合同成交额达91.84亿元。"
    assert names(text) == ["保定市"]
    # 20230807-12-01: the Badain Jaran desert, not 吉林省
    line = "河西走廊地区长期受到来自库姆塔格沙漠、巴丹吉林沙漠和腾格里沙漠的影响。武威市古浪县"
    assert names(line) == ["武威市", "古浪县"]
    # 20230825-18-01 and 20230731-08-01
    assert names("合作社养殖的青鱼、武昌鱼，一斤卖7元左右。湖北武汉") == ["湖北省", "武汉市"]
    assert names("因趵突泉而灵动，因千佛山而持重，因大明湖而秀美") == []


def test_a_short_name_that_is_a_mountains_names_the_mountain_before_a_mountain_word():
    # 20230819-01-08, 20230830-03-01 (a person named 黄山峰), 20230815-01-03 (set J: 武夷山, the
    # mountain and its national park, is not 武夷山市)
    assert names("泰山巍然矗立，黄河奔流入海。") == []
    assert names("在磨丁站，记者见到车站工作人员黄山峰。") == []
    line = "依次串联，这就是南平市自2021年启动环武夷山国家公园保护发展带建设的成果之一。"
    assert names(line) == ["南平市"]
    assert names("安徽黄山市") == ["安徽省", "黄山市"]


def test_words_and_foreign_names_around_a_prefecture_name_are_blocked():
    # 20230703-15-01: Fiji (斐济) + 南太平洋, not 济南市
    assert names("斐济南太平洋大学学者凯什米尔·马昆表示，日本近") == []
    # 20230717-01-01, 20230704-18-01, 20230708-08-01: estuary, outlet, boast — not 海口市
    assert names("在山东东营黄河入海口，感慨“今天来到这里，黄河上中下游就都走") == ["山东省", "东营市"]
    assert names("将成为上海合作组织国家面向亚太市场的“出海口”。") == ["上海市"]
    assert names("但是，刚刚起步不能说大话、夸海口。") == []
    assert names("海南海口中铁保税冷链物流") == ["海南省", "海口市"]
