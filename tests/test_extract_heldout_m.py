"""Extraction mechanisms fixed from the misses of held-out set M (tests/data/heldout_rmrb_m.json,
opened to builders at stop 37 once set N existed), each on the real line of the set's article and
on lines of the same shape from the build files of rmrb-2023-07-08 (readings:
tools/extract_precision_m.txt)."""

from __future__ import annotations

from extract_helpers import claim_values, claims, formulations, keys


def test_rounds_of_ammunition_are_counted_by_fa():
    # 20230823/20230823-12-05.txt (set M): 子弹110万发 is 1,100,000 发, not a bare multiplier
    line = "今年以来，各地共收缴枪支4.3万支、子弹110万发、炸药25吨、雷管10.3万枚。"
    assert claim_values(line) == [(43000.0, "支"), (1100000.0, "发"), (25.0, "吨"), (103000.0, "枚")]
    # build files 20230806-06-01 (每秒落弹6发), 20230804-16-01 (10发子弹以上弹匣)
    assert claim_values("面对每秒落弹6发的火力密度") == [(6.0, "发")]
    # 发 starting a word is no unit (20230713-20-01: 1101发电机; 2035发展战略)
    assert claims("“1101发电机差不多是一个人的重量") == []


def test_editions_are_counted_by_ban_but_not_years_or_versions():
    # 20230829/20230829-14-01.txt (set M): 6版标准地图, six editions
    line = "目前，我国共发布了6版标准地图，31个省、自治区、直辖市以及新"
    assert claim_values(line) == [(6.0, "版"), (31.0, "个")]
    # build files 20230721-06-01 (城市总体规划更新了4版), 20230705-18-01 (迭代30版算法)
    assert claim_values("城市总体规划更新了4版，但“古城‘古’到底") == [(4.0, "版")]
    assert claim_values("磨坏20多条轮胎、迭代30版算法后") == [(20.0, "条"), (30.0, "版")]
    # a year's edition (20230706-04-01), a version number (20230712-19-01) and a page are no count
    assert claims("颁布实施2020版《中华人民共和国药典》") == []
    assert claims("升级夜间经济“3.0版”政策") == []
    assert claims("（相关报道见第6版）") == []


def test_point_visits_keep_their_compound_unit():
    # 20230809/20230809-01-06.txt (set M): 770点次 as set M's 1812站次, 827辆次
    line = "组织658人次巡查地质灾害隐患点770点次，派出4组8人驻守专家现场指导"
    assert (770.0, "点次") in claim_values(line)
    assert claims("晚上10点次日凌晨") == []  # a clock time, then 次日


def test_a_voltage_names_a_class_of_lines_and_stations_not_a_quantity():
    # 20230809/20230809-01-06.txt (set M): 10千伏 in 8条10千伏线路 is the lines' voltage class
    line = "此次舒兰洪涝灾害中受损的8条10千伏线路涉及的16157户用户全部恢复供电。"
    assert claim_values(line) == [(8.0, "条"), (16157.0, "户")]
    # build file 20230811-11-06
    assert claim_values("计划建设3座500千伏变电站，新建5台500千伏主变压器") == [(3.0, "座"), (5.0, "台")]
    # kilovolt-amperes (20230811-11-06) measure a capacity, not a voltage (was 375万 千伏)
    assert claim_values("变电容量共计375万千伏安。") == [(3750000.0, "千伏安")]


def test_the_sum_of_a_list_just_given_is_a_numbered_formulation():
    # 20230704/20230704-07-06.txt (set M): 四链融合, written without quotes
    line = "大力推进特色化示范性软件学院建设，促进产业链、创新链、人才链、教育链四链融合。得益于良好的"
    assert ("四链融合", "numbered", False) in formulations(line)
    # the build files quote the same shape (20230731-12-06: 医疗、医保、医药“三医联动”): found once, quoted
    assert formulations("是深化医疗、医保、医药“三医联动”改革") == [("三医联动", "numbered", True)]
    # no list before, or items without the letter: no sum (川渝两地协同 counts places)
    assert formulations("推动川渝两地协同发展") == []
    assert formulations("组织省、市、县三级联动") == []


def test_a_time_or_length_written_in_parts_is_one_claim_in_its_smallest_unit():
    # the leftovers of tools/claims_recall_build.txt: race times and marks, read in parts before
    # (3分37秒51 gave 37 秒; 12秒76 12 秒; 18米56 18 米); convention: tools/extract_precision_m.txt
    # build file 20230802-13-04
    line = "柳雅欣、罗悠扬在女子自由泳接力比赛中以3分37秒51的成绩获得金牌"
    assert claim_values(line) == [(217.51, "秒")]
    # build files 20230806-05-01, 20230802-13-03, 20230717-14-02, 20230824-17-07
    assert claim_values("来自北京体育大学的吴艳妮以12秒76的成绩第二个冲过终点") == [(12.76, "秒")]
    assert claim_values("中国代表团选手宋佳媛以18米56的成绩获得冠军") == [(18.56, "米")]
    assert claim_values("中国代表团选手夏雨雨以33分48秒35获得冠军。") == [(2028.35, "秒")]
    assert claim_values("经过长达4小时40分50秒的雨中鏖战") == [(16850.0, "秒")]
    assert claim_values("陶萨加和荷兰选手范克林肯相继投出69米42和67米20，") == [(69.42, "米"), (67.2, "米")]
    # hours and minutes in minutes (20230703-02-05); approximation kept (20230730-05-01)
    assert claim_values("通行动车后，最快5小时30分钟可达。") == [(330.0, "分钟")]
    assert claims("每名选手整套动作时长要在1分20秒以上") == [("1分20秒", 80.0, "秒")]
    # clock times and a number with its own unit after the seconds are not parts
    assert claims("上午10时30分许") == []
    assert claim_values("每30秒1次") == [(30.0, "秒"), (1.0, "次")]


def test_numeral_pairs_of_divisions_or_medals_are_counts_not_numbered_formulations():
    # leftovers of tools/formulation_precision2.txt (stratum U), build files 20230831-03-01 and
    # 20230726-07-03 (tools/extract_precision_m.txt part 5)
    assert keys("就是中方在中老铁路磨万段沿线三省四县援建的4个搬迁安居村之一。") == []
    assert keys("目前，中国游泳队共获得两金三铜。") == []
    # one letter a division, the other not: still a numbered set (三省六部, 三区四带)
    assert keys("从三公九卿到三省六部") == ["三公九卿", "三省六部"]


def test_an_earthquake_magnitude_is_a_claim():
    # leftover of tools/claims_recall_build.txt: 9.0级地震 (build files 20230714-14-01, 20230807-06-04)
    assert claims("2011年3月11日，日本东北部海域发生9.0级地震并引发海啸") == [("9.0级", 9.0, "级")]
    assert claim_values("山东省德州市平原县发生5.5级地震，震源深度10公里") == [(5.5, "级"), (10.0, "公里")]
    # a whole number before 级 is a grade or a class, not a magnitude
    assert claims("达到了智能制造能力成熟度2级以上水平") == []


def test_points_after_a_whole_number_but_not_clock_minutes():
    # leftover of tools/claims_recall_build.txt: build file 20230720-15-01
    assert claim_values("四个动作出现失误，英国队组合将分差缩小到10分以内。") == [(10.0, "分")]
    # build files 20230731-13-03 (a player's points), 20230818-08-01 (an exam's full marks)
    assert claim_values("她全场比赛得到17分、10个篮板和5次助攻") == [(17.0, "分"), (10.0, "个"), (5.0, "次")]
    assert claim_values("专业知识满分为200分，技能测试满分为230分。") == [(200.0, "分"), (230.0, "分")]
    # a clock's minutes (build file 20230716-06-01: 零时9分) and minutes (20230725-12-02: 3分半钟,
    # 3.5 分钟 since branch claims2: tests/test_claims_scales.py), never points
    assert claims("7月1日零时9分，一辆车") == []
    assert claims("上午10时30分许，下午3点30分") == []
    assert [unit for _, _, unit in claims("《将进酒》3分半钟片段的设计")] == ["分钟"]


def test_micrograms_alone_are_a_unit():
    # a third recall reading of build files (tools/extract_precision_m.txt part 8): 20230711-10-02
    assert claim_values("PM2.5浓度降至每立方米19微克。地表水环境质量") == [(19.0, "微克")]
    assert claim_values("年均浓度降至30微克/立方米") == [(30.0, "微克/立方米")]  # the longer unit first
