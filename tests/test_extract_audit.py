"""Extraction mechanisms fixed from the hand audit of build files (tools/claims_audit.txt: seeded
samples of lines and quotes of rmrb-2023-07-08 files no held-out set holds, annotated by the
held-out sets' conventions), each on the real line of the audit or of the build files and on a line
of the same shape that must stay as it was."""

from __future__ import annotations

from extract_helpers import claim_values, claims, keys


def test_a_unit_after_he_serves_the_number_before_it():
    # build files 20230708-02-07 and 20230718-08-01 (unit-less numbers read by the character after
    # them): 和 joins a list whose unit is written once, as 、 does
    assert claim_values("比全国工业同期高10.5和37个百分点") == [(10.5, "个百分点"), (37.0, "个百分点")]
    line = "分别提升5.3、8.55和5.07个百分点"
    assert claim_values(line) == [(5.3, "个百分点"), (8.55, "个百分点"), (5.07, "个百分点")]
    # build file 20230824-17-07: a discus mark written 69米42 (69.42 m) lends 米 to no 42; since
    # branch mextract each mark is one claim in metres (tools/extract_precision_m.txt part 4)
    assert claim_values("陶萨加和荷兰选手范克林肯相继投出69米42和67米20，冯彬的排名从第二掉到第四") == [
        (69.42, "米"),
        (67.2, "米"),
    ]
    # a year after 和 lends no unit, and ordinals stay out
    assert claim_values("在2022和2023年") == []
    assert claims("第1和第2名") == []


def test_dian_before_an_opinion_or_a_proposal_counts_points():
    # 20230810/20230810-13-04.txt (audit sample 2, line 6)
    line = "这份24页的文书由“网络选择”协会提交。文书就诉讼案提出了3点意见，包括该禁令"
    assert claim_values(line) == [(24.0, "页"), (3.0, "点")]
    assert claim_values("提出4点希望") == [(4.0, "点")]  # build files 20230702-06-02, 20230716-06-01
    # a clock time stays out
    assert claims("下午3点开会，晚上8点半结束") == []


def test_shou_counts_songs_and_poems_where_it_stands_alone():
    # build files 20230701-02-04, 20230726-12-01, 20230720-20-03
    assert claim_values("等形式演绎了23首音乐作品，") == [(23.0, "首")]
    assert claim_values("陆续创作了600多首诗。以文会友，") == [(600.0, "首")]
    assert claim_values("排列12首曲目。") == [(12.0, "首")]
    # 首届, 首次, 首架 start words: a year, a count before them, a model number
    assert claims("2023首届中国") == []
    assert claims("运动员中有20首次参加世锦赛") == []


def test_container_freight_in_twenty_foot_units():
    # build files 20230703-02-01, 20230730-01-02
    assert claim_values("装载着205标箱货物的中欧班列") == [(205.0, "标箱")]
    assert claim_values("该趟班列满载110标准箱，货物") == [(110.0, "标准箱")]


def test_a_quote_zuochu_frames_as_a_deployment_is_named_not_said():
    # 20230723/20230723-01-02.txt (audit sample 1, quote 88): a task of the report, two clauses
    line = "党的二十大作出“推动绿色发展，促进人与自然和谐共生”的重大部署，对生态文明建设提出了新的更高要求。"
    assert keys(line) == ["推动绿色发展，促进人与自然和谐共生"]
    # a statement after a verb of saying stays speech
    said = "会议强调：“要积极扩大国内需求，发挥消费拉动经济增长的基础性作用，通过增加居民收入扩大消费”"
    assert keys(said) == []


def test_a_naming_noun_after_de_may_be_qualified():
    # 20230804/20230804-10-04.txt (audit sample 2, quote 42)
    line = "采取“跨区域、跨部门联席会议+联合推进运作办公室+片区管理机构”的组织管理模式。重点发展数字产业"
    assert keys(line) == ["跨区域、跨部门联席会议+联合推进运作办公室+片区管理机构"]
    # build file 20230818-13-01
    line = "盐池县逐步建立了“企业直销店+品牌专卖店+零售店+超市专柜+网络电商”的销售模式。"
    assert keys(line) == ["企业直销店+品牌专卖店+零售店+超市专柜+网络电商"]
    # a long statement followed by 的 and a noun that names nothing stays out
    assert keys("他说“我们要把工作做细做实，让群众满意，让企业放心”的那天") == []
