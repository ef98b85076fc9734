"""The misjoined class of policy-lexicon candidates (tools/lexicon_misjoined.py): three-character
dictionary words that jieba's dictionary cuts with a wrong piece (碳中|和)."""

from __future__ import annotations

from tools_helpers import tool_module

from textkit.tokenize import POLICY_LEXICON, Segmenter


def _module():
    return tool_module("lexicon_misjoined")


def test_a_wrong_piece_is_no_headword_and_no_number_word():
    module = _module()
    headwords = {"碳", "和", "中和", "发展", "中", "人"}
    assert module.wrong_pieces(["碳中", "和"], headwords) == ["碳中"]
    assert module.wrong_pieces(["发展", "中"], headwords) == []  # every piece a word: a phrase cut right
    assert module.wrong_pieces(["一个", "人"], headwords) == []  # jieba's number words
    assert module.wrong_pieces(["下", "一步"], headwords) == []


def test_class_takes_misjoined_headwords_in_enough_files_and_still_cut():
    module = _module()
    texts = ["实现碳中和目标", "碳中和", "走向碳中和。", "碳中和路径", "推进碳中和"]
    texts += ["发展中国家", "一个人"] * 3
    plain = Segmenter(lexicon=None)
    found = module.misjoined_class(texts, plain, lambda word: True)
    assert found == {"碳中和": (5, "碳中")}  # 发展中: pieces all words; 一个人: a number word
    assert module.misjoined_class(texts[:4], plain, lambda word: True) == {}  # 4 files < 5
    assert module.misjoined_class(texts, plain, lambda word: False) == {}  # already one token


def test_review_is_recorded_with_reasons_and_kept_out():
    module = _module()
    from lexicon_parallel import read_rejects

    rejects = read_rejects(module.MISJOINED_REJECTS)
    assert rejects == {"事求是", "为己任", "年之久"}
    text = module.MISJOINED_REJECTS.read_text(encoding="utf-8")
    assert all("#" in line for line in text.splitlines() if line.strip())  # each with a reason
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    added = {line.split("#", 1)[0].strip() for line in lines if "# misjoined word" in line}
    assert added == {"碳中和", "盾构机"}
    precision = (module.REPO / "tools" / "lexicon_misjoined_precision.txt").read_text(encoding="utf-8")
    assert all(f"\n{term}\t" in precision for term in added)  # every kept member read


def test_misjoined_words_are_one_token_in_running_text():
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    tokens = segmenter.segment("积极稳妥推进碳达峰碳中和，国产盾构机掘进，坚持实事求是")
    assert {"碳达峰", "碳中和", "盾构机", "实事求是"} <= set(tokens)
    assert "碳中和" not in Segmenter(policy_lexicon=None).segment("推进碳中和")  # the policy lexicon's
