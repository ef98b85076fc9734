"""Extraction mechanisms fixed from the misses of held-out set J (tests/data/heldout_rmrb_j.json,
opened to this round's builders once set K existed), each on the real line of the set's article and
on lines of the same shape from the build files of rmrb-2023-07-08 (readings:
tools/extract_precision_j.txt)."""

from __future__ import annotations

from extract_helpers import claim_values, claims, keys


def test_a_decimal_number_before_fen_or_dian_is_a_score_or_points():
    # 20230716/20230716-04-09.txt (set J): diving scores
    line = "中国队选手林珊以318.60分夺得金牌，队友李亚杰以306.35分紧随其后，摘得银牌。"
    assert claim_values(line) == [(318.6, "分"), (306.35, "分")]
    # 20230831/20230831-17-06.txt (set J): an index's points, one of them negative (负)
    line = "9月德国消费者信心先行指数为负25.5点，比8月修正后的数据下降0.9点。"
    assert claim_values(line) == [(-25.5, "点"), (0.9, "点")]
    # build files 20230720-07-04, 20230724-19-03
    assert claim_values("中国运输生产指数为183.3点，同比增长20.1%") == [(183.3, "点"), (20.1, "%")]
    assert claim_values("得分达到81.25分，较2021年提高0.64分") == [(81.25, "分"), (0.64, "分")]
    # clock times are never decimal; 分贝 and 分钟 are words of their own
    assert claims("截至2日23时30分，下午4点多，上午9点") == []
    assert claim_values("噪声3.5分贝，用时1.5分钟") == [(1.5, "分钟")]


def test_fen_mao_jiao_before_qian_are_money():
    # 20230723/20230723-02-02.txt (set J)
    assert claim_values("“1公里电费只需4分钱，续航里程也长。”") == [(1.0, "公里"), (4.0, "分")]
    # build files 20230728-18-01, 20230811-13-01
    assert claim_values("预计每斤能高出市场价1毛钱") == [(1.0, "毛")]
    assert claim_values("价格降到1角钱一斤") == [(1.0, "角")]
    # 分 alone after an integer: since branch mextract points (得到17分), but not in a rate (每斤3分:
    # money written without 钱, left out; tools/extract_precision_m.txt part 7)
    assert claims("每斤3分") == []


def test_zi_after_a_multiplier_is_the_unit():
    # 20230712/20230712-06-01.txt (set J): 9,000,000 characters, not a bare multiplier
    line = "2014年，900万字的《中国三千年气象记录总集》增订本面世。"
    assert claim_values(line) == [(9_000_000.0, "字")]
    # build files 20230721-01-04, 20230730-06-01
    assert claim_values("共74篇，约65.3万字。") == [(74.0, "篇"), (653_000.0, "字")]
    assert claim_values("及20余万字的研学手册") == [(200_000.0, "字")]
    # after a bare number 字 names a motto (12字总要求) and stays out
    assert claims("12字总要求") == []


def test_fu_is_a_sign_only_where_it_ends_no_word():
    # build file 20230707-08-01
    assert claim_values("将储能并网功率设置为负2000千瓦。") == [(-2000.0, "千瓦")]
    # 减负, 背负: 负 ends a word
    assert claim_values("全市参保企业和参保职工减负6.17亿元") == [(617_000_000.0, "元")]
    assert claim_values("平均每个美国家庭背负1万美元的信用卡债务") == [(10_000.0, "美元")]


def test_a_quote_a_proverb_introduces_is_a_saying():
    # 20230824/20230824-02-01.txt (set J): the final 。 inside the quote is dropped
    line = "非洲有句谚语说，“独行快，众行远。”乌班图精神倡导“我们在故我在”"
    assert keys(line) == ["独行快，众行远", "我们在故我在"]
    # build files 20230808-09-03 and 20230814-09-02: maxims after 古人云, 古人讲
    line = "古人云：“治天下者以史为鉴，治郡国者以志为鉴。”地方志记录前人处理政事的经验"
    assert keys(line) == ["治天下者以史为鉴，治郡国者以志为鉴"]
    line = "中国古人讲，“天下非一人之天下也，天下之天下也”“四海之内，皆兄弟也”，认为"
    assert keys(line) == ["天下非一人之天下也，天下之天下也", "四海之内，皆兄弟也"]
    # the same quote after a person's 说 stays speech
    assert keys("他说，“独行快，众行远。”") == []


def test_a_vision_named_by_yuanjing_is_a_name():
    # 20230704/20230704-17-01.txt (set J): a pronoun inside made it speech
    line = "助力实现“我们阿联酋2031”愿景目标，从而提高阿联酋的全球竞争力。"
    assert keys(line) == ["我们阿联酋2031"]
    assert keys("他说“我们阿联酋2031年要更好”") == []


def test_a_quote_closing_a_sentence_a_verb_of_saying_opened_is_speech():
    # 20230723/20230723-02-02.txt (set J): the chairman's words go on from reported to quoted
    line = (
        "中信重工董事长武汉琦说，需求火热、订单充足，关键设备满负荷运行，"
        "“下半年要乘势而上，开启新的‘加速跑’”。"
    )
    assert keys(line) == ["加速跑"]
    # build file 20230711-17-02: a critic's statement
    line = (
        "乔·斯卡利特表示，俄亥俄州东巴勒斯坦镇火车脱轨事故成为美国近现代历史上最严重的工业和环境灾难之一，"
        "而负责人在事故发生后迟迟不到现场，“这是安全危机，更是领导力危机”。"
    )
    assert keys(line) == []
    # 来说 ("as for") opens no speech; a slogan of equal parts stays; so does a quote going on
    line = "就拿长江流域生态修复保护来说，曾经“长江病了，而且病得还不轻”。"
    assert keys(line) == ["长江病了，而且病得还不轻"]
    assert keys("他说，大家要记住，“绿水青山，金山银山”。") == ["绿水青山，金山银山"]


def test_a_locative_piece_of_a_statement_is_no_name():
    # 20230723/20230723-02-02.txt and 20230831/20230831-17-06.txt (set J)
    assert keys("经济合作与发展组织判断：全球经济增长正走在“漫长而曲折的道路上”。") == []
    assert keys("令消费者情绪“处在很低的总体水平上”。") == []
    # build files: 处在“七下八上”主汛期 names the season (no 的); a name ending in 中 without 在
    assert keys("目前正处在“七下八上”主汛期") == ["七下八上"]
    assert keys("确保“中国人的饭碗牢牢端在自己手中”") == ["中国人的饭碗牢牢端在自己手中"]
