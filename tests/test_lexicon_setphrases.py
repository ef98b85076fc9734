"""The four-character set-phrase class of policy-lexicon candidates (tools/lexicon_setphrases.py)."""

from __future__ import annotations

from tools_helpers import tool_module

from textkit.tokenize import DEFAULT_LEXICON, POLICY_LEXICON, Segmenter, read_lexicon


def _module():
    return tool_module("lexicon_setphrases")


def _added() -> set[str]:
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines if "# set phrase of 4" in line}


def test_runs_of_two_or_three_han_tokens_of_four_characters():
    module = _module()
    tokenized = [["坚持", "劝", "和", "促谈", "，", "同向", "发力"], ["同向", "发力"], ["一体化", "发展"]]
    runs = module.four_char_runs(tokenized)
    assert set(runs) == {"坚持劝和", "劝和促谈", "同向发力"}
    cuts, files = runs["同向发力"]
    assert cuts == {"同向 发力": 2} and files == {0, 1}
    assert "一体化发展" not in runs  # five characters
    assert "促谈，同向" not in runs  # not Han only


def test_set_phrase_review_is_recorded_with_reasons_and_kept_out():
    module = _module()
    from lexicon_parallel import read_rejects

    rejects = read_rejects(module.SET4_REJECTS)
    text = module.SET4_REJECTS.read_text(encoding="utf-8")
    assert len(rejects) > 150 and all(f"# ({code})" in text for code in "abce")
    added = _added()
    assert len(added) > 150 and not added & rejects
    assert {"同向发力", "劝和促谈", "易地搬迁", "河湖长制", "留抵退税", "利在千秋", "载人飞船"} <= added
    assert not {"外出打工", "中老铁路", "天数比例", "庄严承诺", "金台锐评", "强烈谴责"} & added
    assert all(len(term) == 4 for term in added)
    campaign = {entry.term for entry in read_lexicon(DEFAULT_LEXICON)}
    assert not [term for term in added if any(c != term and c in term for c in campaign)]


def test_set_phrases_are_one_token_in_running_text():
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    tokens = segmenter.segment("坚持劝和促谈，各方同向发力，推进易地搬迁后续扶持")
    assert {"劝和促谈", "同向发力", "易地搬迁"} <= set(tokens)
    assert Segmenter(policy_lexicon=None).segment("同向发力") != ["同向发力"]  # the policy lexicon's


def test_rare_compound_review_is_recorded_with_reasons_and_kept_out():
    module = _module()
    from lexicon_parallel import read_rejects

    rejects = read_rejects(module.RARE_REJECTS)
    text = module.RARE_REJECTS.read_text(encoding="utf-8")
    assert len(rejects) > 500 and all(f"# ({code})" in text for code in "abce")
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    added = {line.split("#", 1)[0].strip() for line in lines if "# rare compound" in line}
    assert len(added) > 200 and not added & rejects
    assert {"国际关系民主化", "理论学习中心组", "学懂弄通做实", "粮食安全党政同责", "大气污染防治法"} <= added
    assert not {"采取有效措施", "外交部发言人毛宁", "世纪海上丝绸之路", "突破性进展", "记者刘志强"} & added
    assert all(5 <= len(term) <= 10 for term in added)


def test_rare_compounds_are_one_token_in_running_text():
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    tokens = segmenter.segment("推动国际关系民主化，县委理论学习中心组学懂弄通做实")
    assert {"国际关系民主化", "理论学习中心组", "学懂弄通做实"} <= set(tokens)
