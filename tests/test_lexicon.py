"""The policy lexicon and bad lexicon input: every bad file gives an error naming file and line."""

from __future__ import annotations

import pytest

from textkit.tokenize import DEFAULT_LEXICON, POLICY_LEXICON, Segmenter, read_lexicon


def test_policy_lexicon_has_1500_sourced_entries():
    lines = [
        line
        for line in POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(lines) >= 1500
    sources = {line.split("#", 1)[1].split(";")[0].split()[0] for line in lines}
    assert {"cedict", "suggest_terms", "numbered"} <= sources
    assert all(" # " in line for line in lines)
    header = POLICY_LEXICON.read_text(encoding="utf-8")[:2000]
    assert "CC BY-SA" in header and "tools/build_lexicon.py" in header


def test_policy_lexicon_does_not_hide_campaign_terms():
    # An entry holding a campaign term comes only from the gap class's share rule
    # (tools/lexicon_gaps.hides_campaign_term: no verb around it, <= 0.2 of the term's occurrences
    # in the build files: 新时代新征程, 马克思主义中国化时代化), the rare compounds read with it, and
    # the pair pass (tools/lexicon_pairs.py), which admits one only when the term keeps >= 0.8 of
    # its token files on the build files (tests/test_lexicon_pairs.py); every other class leaves
    # such entries out.
    campaign = {entry.term for entry in read_lexicon(DEFAULT_LEXICON)}
    lines = [line for line in POLICY_LEXICON.read_text(encoding="utf-8").splitlines() if " # " in line]
    sources = {line.split(" # ", 1)[0].strip(): line.split(" # ", 1)[1].strip() for line in lines}
    holders = {term: sources[term] for term in sources if any(c != term and c in term for c in campaign)}
    assert 0 < len(holders) <= 30
    prefixes = ("gap n-gram", "rare compound", "coordinated pair", "campaign-holding gap n-gram")
    assert all(source.startswith(prefixes) for source in holders.values())
    assert not {"深入调查研究", "以人民为中心的发展思想", "主题教育读书班"} & set(holders)


@pytest.fixture(scope="module")
def segmenters():
    return Segmenter(policy_lexicon=None), Segmenter(policy_lexicon=POLICY_LEXICON)


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("坚持总体国家安全观不动摇", "总体国家安全观"),
        ("深入学习习近平法治思想", "习近平法治思想"),
        ("用党的创新理论武装头脑", "党的创新理论"),
        ("推进生态文明建设", "生态文明建设"),
        ("学习贯彻党的二十大精神", "党的二十大精神"),
        ("发现问题立行立改", "立行立改"),
        ("税款做到应收尽收", "应收尽收"),
        ("深入实施创新驱动发展战略", "创新驱动发展战略"),
        ("电网全力迎峰度夏", "迎峰度夏"),
    ],
)
def test_policy_lexicon_keeps_formulations_whole(segmenters, sentence, term):
    campaign_only, full = segmenters
    assert term not in campaign_only.segment(sentence)
    assert term in full.segment(sentence)


def _build_module():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "tools" / "build_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_lexicon", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_paired_frames_need_a_productive_frame_with_free_context():
    build = _build_module()
    pairs = list(zip("甲乙丙丁戊己庚辛", "收保纳帮贷养建转", "子丑寅卯辰巳午未", strict=True))
    texts = [f"{a}应{b}尽{b}{c}" for a, b, c in pairs]
    assert set(build.paired_frames(texts)) == {f"应{b}尽{b}" for _, b, _ in pairs}
    assert build.paired_frames(texts[:7]) == {}  # seven fillers: not yet productive
    assert build.paired_frames([f"{a}局{b}副{b}长" for a, b, _ in pairs]) == {}  # always before 长


def test_list_items_share_a_learned_head():
    from textkit.tokenize import Segmenter

    build = _build_module()
    plain = Segmenter(lexicon=None)
    text = "深入实施科教兴国战略、人才强国战略、创新驱动发展战略等重大战略"
    assert build.list_items([text], plain) == {"人才强国战略": 1, "创新驱动发展战略": 1}
    assert build.list_items(["买了苹果、香蕉、葡萄"], plain) == {}


def test_reviewed_classes_are_taken_whole_from_lists_and_quotes():
    from textkit.tokenize import Segmenter

    build = _build_module()  # puts tools/ on the path
    import lexicon_classes

    plain = Segmenter(lexicon=None)
    lists = ["要稳增长、扩内需、调结构等", "稳增长、扩内需、调结构", "做好稳增长、扩内需、调结构"]
    assert lexicon_classes.slogan_items(lists, plain) == {"扩内需": 3, "稳增长": 3, "调结构": 3}
    assert lexicon_classes.slogan_items(lists[:2], plain) == {}  # two files: below SLOGAN_MIN_DOCS
    assert lexicon_classes.slogan_items(["骑自行车、摩托车、出租车"] * 3, plain) == {}  # words, not 1+2
    quoted = ["推行“智改数转”", "“智改数转”见效", "智改数转", "智改数转", "做好智改数转", "“智改数转”"]
    assert lexicon_classes.quoted_twice(quoted[:5], plain, build.doc_frequencies) == {"智改数转": 5}
    assert lexicon_classes.quoted_twice(quoted, plain, build.doc_frequencies) == {}  # quoted in 3
    assert lexicon_classes.quoted_twice(quoted[:4], plain, build.doc_frequencies) == {}  # in 4 files


def test_reviewed_rejects_stay_out_of_the_policy_lexicon():
    from pathlib import Path

    from textkit.datafiles import read_lines

    tools = Path(__file__).resolve().parent.parent / "tools"
    rejects = set(read_lines(tools / "lexicon_rejects.txt"))
    policy = {entry.term for entry in read_lexicon(POLICY_LEXICON)}
    # the gap class's review read these rejects again and keeps a few (tools/lexicon_gap_keeps.txt)
    keeps = set(read_lines(tools / "lexicon_gap_keeps.txt"))
    assert len(rejects) > 300 and not (rejects - keeps) & policy
    assert len(keeps) < 20 and keeps <= policy


def test_cedict_headwords_that_are_no_terms_are_out_of_the_policy_lexicon():
    # read in build-file sentences (2026-12, tools/lexicon_sighan_proposals.txt): each cost SIGHAN F1
    # and none is a term of official discourse, so the cedict source's review rejects them
    policy = {entry.term for entry in read_lexicon(POLICY_LEXICON)}
    non_terms = {"没有什么", "什么时候", "北京时间", "开发银行", "地区经济", "黑脸琵鹭", "全国各地"}
    assert not non_terms & policy
    assert "北京时间" not in Segmenter(policy_lexicon=POLICY_LEXICON).segment("北京时间10日凌晨")


def test_policy_lexicon_can_be_left_out():
    assert Segmenter(policy_lexicon=None).terms < Segmenter(policy_lexicon=POLICY_LEXICON).terms
    assert Segmenter(policy_lexicon=None).fingerprint != Segmenter(policy_lexicon=POLICY_LEXICON).fingerprint


def test_inline_comment_is_the_source_not_a_field(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("以学促干  # seed 002\n国之大者 50 nz # issue 4\n", encoding="utf-8")
    assert [(e.term, e.freq, e.pos) for e in read_lexicon(path)] == [
        ("以学促干", None, None),
        ("国之大者", 50, "nz"),
    ]


def test_empty_lexicon_file_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match=r"empty\.txt: the lexicon file has no terms"):
        read_lexicon(path)
    path.write_text("# only a header\n\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no terms"):
        Segmenter(user_lexicons=[path])


def test_non_utf8_lexicon_names_file_and_line(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("主题教育\n".encode() + "两个确立\n".encode("gbk"))
    with pytest.raises(ValueError, match=r"gbk.txt:2: not UTF-8") as error:
        read_lexicon(path)
    assert "Traceback" not in str(error.value)


def test_missing_lexicon_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match=r"missing\.txt: cannot read lexicon file"):
        read_lexicon(tmp_path / "missing.txt")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("习近平 新时代中国特色社会主义思想", "cannot contain spaces"),
        ("不忘初心、牢记使命", "put each part on its own line"),
        ("“两个确立”", "never keeps"),
        ("两个确立 10 nz extra", "fields"),
    ],
)
def test_bad_terms_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "user.txt"
    path.write_text(f"主题教育\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        Segmenter(user_lexicons=[path])
    assert "user.txt:2" in str(error.value)


def test_fragment_filter_finds_terms_cut_at_their_edge():
    build = _build_module()  # puts tools/ on the path
    import lexicon_fragments as fragments

    texts = [
        "要抓好落实调研成果", "推动落实调研工作", "开展调查研究", "调查研究是传家宝",  # 实调研: 落实|调研
        "提升质量效益", "着力提升质量",  # 提升质: 提升|质量
        "石漠化治理面积", "推进石漠化治理", "荒漠化治理成效",  # 漠化治理: a word reaches into it
        "24小时不间断作业", "7×24小时不间断服务",  # 小时不间断: a measure word after a number
        "加强生态文明建设", "生态文明建设迈上新台阶", "推进生态文明建设",
    ]  # fmt: skip
    terms = ["实调研", "调查研究", "提升质", "漠化治理", "小时不间断", "生态文明建设", "不在文中"]
    found = fragments.fragments(texts, terms)
    assert sorted(found) == ["实调研", "小时不间断", "提升质", "漠化治理"]
    assert found["实调研"].first_joined == 1.0 and found["提升质"].last_joined == 1.0
    assert found["漠化治理"].left_crossed == 1.0 and found["小时不间断"].after_digit == 1.0
    # a term followed by a head jieba has a word for (应急|管理部) is not a fragment
    assert fragments.fragments(["应急管理部发布", "应急管理部门", "加强应急管理"], ["应急管理"]) == {}
    # a reviewed keep stays; the rest of the fragments are left out
    rows = {term: "test" for term in terms}
    kept, dropped = fragments.drop_fragments(rows, texts, {"小时不间断"})
    assert dropped == ["实调研", "提升质", "漠化治理"] and "小时不间断" in kept and "调查研究" in kept
    assert build.HEADER.count("tools/lexicon_fragments.py") == 1
    # the paired shape of 立行立改 is not an office's title (处副处长) or a noun phrase (奖等奖项)
    assert [build.policy_shape(t) for t in ("立行立改", "处副处长", "奖等奖项")] == [True, False, False]


def test_policy_lexicon_has_no_edge_fragments_and_keeps_the_reviewed_exceptions():
    from pathlib import Path

    from textkit.datafiles import read_lines

    policy = {entry.term for entry in read_lexicon(POLICY_LEXICON)}
    assert not policy & {"提升质", "知中国", "漠化治理", "厅副厅长", "河等河流", "小时不间断", "处副处长"}
    keeps = set(read_lines(Path(__file__).resolve().parent.parent / "tools" / "lexicon_keeps.txt"))
    assert keeps and keeps <= policy  # each keep was flagged by the filter and kept on review
    assert {"调查研究", "生态文明建设"} <= {entry.term for entry in read_lexicon(DEFAULT_LEXICON)} | policy


def test_free_combination_filter_leaves_out_phrases_that_take_de():
    from textkit.tokenize import Segmenter

    _build_module()  # puts tools/ on the path
    import lexicon_filters as filters

    plain = Segmenter(lexicon=None, hmm=False)
    texts = [
        "具有重要意义", "重要意义在于", "重要的意义", "十分重要的意义", "重要意义",  # 的 in 2 of 4
        "长江经济带", "推动长江经济带发展", "长江的水", "经济带建设",  # no 长江的经济带
        "群众切身利益", "群众的切身利益",
    ]  # fmt: skip
    found = filters.free_combinations(texts, ["重要意义", "长江经济带", "群众切身利益"], plain)
    assert found == {"重要意义": ("重要的意义", 2, 3)}  # 群众的切身利益 is in one file only
    rows = {"重要意义": "suggest_terms compound; 3 build files", "逐渐增加": "cedict; 5 build files"}
    rows |= {"长江经济带": "suggest_terms ngram", "创造人类文明新形态": "suggest_terms both; quoted 9"}
    texts += ["创造的人类文明新形态"] * 3 + ["创造人类文明新形态"]
    kept, free = filters.drop_free_combinations(rows, texts, plain, keeps=set())
    assert set(free) == {"重要意义", "逐渐增加"}  # a quoted candidate is not tested
    assert set(kept) == {"长江经济带", "创造人类文明新形态"}
    kept, free = filters.drop_free_combinations(rows, texts, plain, keeps={"重要意义"})
    assert set(free) == {"逐渐增加"}


def test_policy_lexicon_has_no_free_combinations_and_keeps_the_reviewed_exceptions():
    policy = {entry.term for entry in read_lexicon(POLICY_LEXICON)}
    assert not policy & {"重要意义", "悠久历史", "群众切身利益", "有效措施", "逐渐增加"}
    assert {"与时间赛跑", "统一思想", "长江经济带", "决策部署"} <= policy


def test_parallel_clauses_and_coordinate_ngrams_are_read_from_the_text():
    from textkit.tokenize import Segmenter

    _build_module()  # puts tools/ on the path
    import lexicon_classes

    plain = Segmenter(lexicon=None)
    pair = "要坚持“共抓大保护、不搞大开发”。"
    assert lexicon_classes.parallel_clauses([pair] * 5, plain) == {"不搞大开发": 5, "共抓大保护": 5}
    assert lexicon_classes.parallel_clauses([pair] * 4, plain) == {}  # in 4 files: below the cut
    assert lexicon_classes.parallel_clauses(["。研究新情况、推动高质量。"] * 5, plain) == {}  # not parallel
    assert lexicon_classes.parallel_clauses(["。增强干的动力，形成干的合力。"] * 5, plain) == {}  # 的
    words = {"城乡": 100, "融合": 100}
    texts = ["推进体教融合", "深化体教融合改革", "体教融合", "城乡融合", "城乡融合", "城乡融合", "和教融合"]
    assert lexicon_classes.coordinate_ngrams(texts, words) == {"体教融合": 3}
    assert lexicon_classes.coordinate_ngrams(texts[:2], words) == {}
