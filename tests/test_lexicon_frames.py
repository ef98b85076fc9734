"""Policy-lexicon classes of terms made of common words (tools/lexicon_frames.py repetition frames,
tools/lexicon_classes.py head list items) and the place test of tools/build_lexicon.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from textkit.datafiles import read_lines
from textkit.tokenize import POLICY_LEXICON, Segmenter

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_lexicon", TOOLS / "build_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # puts tools/ on the path
    return module


def _plain() -> Segmenter:
    return Segmenter(lexicon=None, hmm=False)


def test_repetition_frames_are_aligned_with_jieba_and_maximal():
    _build_module()
    import lexicon_frames

    plain = _plain()
    texts = ["推进创新链产业链资金链人才链深度融合", "坚持共商共建共享原则", "要做好防灾减灾救灾工作"]
    found = lexicon_frames.repeated_frames(texts * 2, plain)
    assert found == {"共商共建共享": 2, "创新链产业链资金链人才链": 2, "防灾减灾救灾": 2}
    assert lexicon_frames.repeated_frames(texts, plain) == {}  # one file each: below FRAME_MIN_DOCS
    # misread frames: a unit that is not cut where jieba cuts (推进碳|达峰碳 of 碳达峰碳中和), a
    # shared last character that is a word of its own in every unit (群众|最|关心|最|直接|最)
    others = ["推进碳达峰碳中和工作", "解决群众最关心最直接最现实的利益问题"] * 2
    assert lexicon_frames.repeated_frames(others, plain) == {"最关心最直接最现实": 2}


def test_two_unit_frames_need_two_words_sharing_a_suffix():
    _build_module()
    import lexicon_frames

    plain = _plain()
    texts = ["推进马克思主义中国化时代化", "培育发展新动能新优势"] * 2
    assert lexicon_frames.repeated_frames(texts, plain) == {"中国化时代化": 2}
    assert lexicon_frames.repeated_frames(["哈哈哈哈哈哈"] * 2, plain) == {}  # units all alike


def test_head_list_items_take_four_character_items_ending_in_the_shared_head():
    _build_module()
    import lexicon_classes

    plain = Segmenter(lexicon=None)
    text = "推动质量变革、效率变革、动力变革，增强道路自信、理论自信、制度自信"
    found = lexicon_classes.head_list_items([text] * 3, plain)
    assert {"质量变革", "效率变革", "道路自信", "制度自信"} <= set(found)
    assert lexicon_classes.head_list_items([text] * 2, plain) == {}  # below HEAD_LIST_MIN_DOCS
    assert lexicon_classes.head_list_items(["买了苹果、香蕉、葡萄"] * 3, plain) == {}


def test_place_test_uses_the_place_finder_not_substrings():
    build = _build_module()
    assert build.has_place("四川成都") and build.has_place("浙江经验")
    # short names of counties that are common words: 合作 (合作市), 复兴 (复兴区), 资源 (资源县)
    assert not any(build.has_place(term) for term in ("合作共赢", "中华民族伟大复兴", "资源禀赋"))
    import lexicon_recall

    assert lexicon_recall._is_name("次集体学习") and not lexicon_recall._is_name("多边主义")


def test_new_classes_are_reviewed_and_their_rejects_kept_out():
    text = (TOOLS / "lexicon_rejects.txt").read_text(encoding="utf-8")
    assert 'Class "repetition frame"' in text and 'Class "head list item"' in text
    rejects = set(read_lines(TOOLS / "lexicon_rejects.txt"))
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    for label, kept, rejected in [
        ("repetition frame", {"防灾减灾救灾", "做强做优做大"}, {"数字化智能化", "大运会执委会"}),
        ("head list item", {"质量变革", "道路自信"}, {"观察时代", "部门协同"}),
    ]:
        added = {line.split("#", 1)[0].strip() for line in lines if f"# {label}" in line}
        assert kept <= added and not added & rejects and rejected <= rejects
