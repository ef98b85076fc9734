"""Extraction mechanisms fixed from the misses of held-out set G (tests/data/heldout_rmrb_g.json),
each on the real line of the set's article and on lines of the same shape from the build files
of rmrb-2023-07-08 (readings: tools/extract_precision_g.txt)."""

from __future__ import annotations

from extract_helpers import claims, keys


def test_ge_before_fangmian_counts_fangmian():
    # 20230707/20230707-12-05.txt (set G): 13个方面 is 13 方面, as 9方面 is
    line = (
        "涵盖了自然资源资产产权、环境治理体系、生态补偿、生态扶贫、生态司法等13个方面，"
        "形成一批可复制可推广的重大制度成果"
    )
    assert [(v, u) for _, v, u in claims(line)] == [(13.0, "方面")]
    # 20230819/20230819-02-01.txt (set G)
    assert [(v, u) for _, v, u in claims("习近平主席从5个方面提出建议")] == [(5.0, "方面")]
    # a build-file line: the 方面 and the 项 after it both count
    assert [(v, u) for _, v, u in claims("提出了8个方面31条举措")] == [(8.0, "方面"), (31.0, "条")]
    # 个 before a one-character measure word starts a word: 个 stays (20个人, 300个多功能厅)
    assert claims("20个人参加") == [("20个", 20.0, "个")]
    assert claims("建成300个多功能厅") == [("300个", 300.0, "个")]


def test_a_multiplier_before_renmin_or_renkou_is_bare():
    # 20230813/20230813-03-01.txt (set G): 近20亿人民 counts people by a bare multiplier
    line = "共建“一带一路”已有200多个大型合作项目，合作成果惠及双方近20亿人民。"
    assert [(v, u) for _, v, u in claims(line)] == [(200.0, "个"), (2_000_000_000.0, "")]
    # build files: 14亿多人口, 500万人口规模
    assert [(v, u) for _, v, u in claims("中国拥有14亿多人口，其经济增长")] == [(1_400_000_000.0, "")]
    assert [(v, u) for _, v, u in claims("新增500万人口规模的城市用水")] == [(5_000_000.0, "")]
    # 人 as a measure word stays, and so does 人民币 (a word, not 人民), 人次 (a longer unit)
    assert [(v, u) for _, v, u in claims("受益人口1411万人，新增")] == [(14_110_000.0, "人")]
    assert [(v, u) for _, v, u in claims("捐赠5万人民币")] == [(50_000.0, "人")]
    assert [(v, u) for _, v, u in claims("接待游客250万人次")] == [(2_500_000.0, "人次")]
    # without a multiplier nothing changes
    assert [(v, u) for _, v, u in claims("全村300人")] == [(300.0, "人")]


def test_nanometre_is_a_unit():
    # 20230805/20230805-01-01.txt (set G)
    line = "华为芯片设计工具团队联合国内企业集智攻关，基本实现芯片14纳米以上电子设计自动化软件工具国产化"
    assert [(v, u) for _, v, u in claims(line)] == [(14.0, "纳米")]


def test_a_quote_named_as_a_meeting_theme_is_a_formulation():
    # 20230819/20230819-02-01.txt (set G): 31 characters in two unequal clauses, named by 会议主题
    line = (
        "与会领导人围绕“构建新时代全球发展伙伴关系，携手落实2030年可持续发展议程”的会议主题，"
        "讨论共同关心的全球发展问题"
    )
    assert keys(line) == ["构建新时代全球发展伙伴关系，携手落实2030年可持续发展议程"]
    # build file 20230822/20230822-01-04.txt: 以“…”为主题
    line = "国务院以“加快发展数字经济，促进数字技术与实体经济深度融合”为主题，进行第三次专题学习"
    assert keys(line) == ["加快发展数字经济，促进数字技术与实体经济深度融合"]
    # the same quote followed by no naming noun stays speech
    assert keys("他说“加快发展数字经济，促进数字技术与实体经济深度融合”，大家鼓掌") == []


def test_clauses_in_a_run_of_voices_are_speech():
    # 20230731/20230731-07-01.txt (set G): complaints strung back to back, one of them a sentence
    line = (
        "“从早到晚，手机信息响个不停”“每时每刻盯着‘群’，生怕漏看通知”"
        "“手机里安装了20余个工作软件，各种打卡、报材料”……谈起“指尖上的形式主义”，不少基层干部深有感触。"
    )
    assert keys(line) == ["指尖上的形式主义"]
    # the same clause not in such a run is a slogan-shaped phrase and stays
    assert keys("有人编了“从早到晚，手机信息响个不停”的顺口溜") == ["从早到晚，手机信息响个不停"]
    # lines of verse in such a run stay (build file 20230829/20230829-12-01.txt)
    line = "“茉莉晓迷琼径白，荔枝秋映绮筵红”“团团末利丛，繁香暑中拆”“倩得薰风染绿衣。”……"
    assert keys(line) == ["茉莉晓迷琼径白，荔枝秋映绮筵红", "团团末利丛，繁香暑中拆"]
    # a run of names without ， is not touched
    assert keys("增强“四个意识”“四个自信”，做到“两个维护”") == ["四个意识", "四个自信", "两个维护"]
