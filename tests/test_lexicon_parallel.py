"""The parallel class of policy-lexicon candidates (tools/lexicon_parallel.py) as built and reviewed."""

from __future__ import annotations

from tools_helpers import tool_module

from textkit.tokenize import DEFAULT_LEXICON, POLICY_LEXICON, Segmenter, read_lexicon


def _parallel_module():
    return tool_module("lexicon_parallel")


def _added() -> set[str]:
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines if "# parallel list item" in line}


def test_parallel_review_is_recorded_with_reasons_and_kept_out():
    parallel = _parallel_module()
    rejects = parallel.read_rejects()
    lines = parallel.PARALLEL_REJECTS.read_text(encoding="utf-8").splitlines()
    reasons = [line.split("#", 1)[1].strip() for line in lines if line.strip() and not line.startswith("#")]
    assert len(rejects) > 100 and set(reasons) <= {"a", "b", "c", "d"} and len(reasons) == len(rejects)
    added = _added()
    assert len(added) > 150 and not added & rejects
    assert {"国土不可分", "文明不可断", "绝对忠诚", "绝对可靠", "政治判断力", "生物经济", "人才振兴"} <= added
    assert {"产业生态化", "生态产业化"} <= added  # a mirrored pair
    assert not {"亲自谋划", "关心国防", "陆军军医大学", "决心之大", "行得稳", "循环发展"} & added
    campaign = {entry.term for entry in read_lexicon(DEFAULT_LEXICON)}
    assert not [term for term in added if any(c != term and c in term for c in campaign)]


def test_parallel_terms_are_one_token_in_running_text():
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    text = "维护国土不可分、国家不可乱、民族不可散、文明不可断的共同信念，做到绝对忠诚、绝对可靠"
    tokens = segmenter.segment(text)
    assert {"国土不可分", "国家不可乱", "民族不可散", "文明不可断", "绝对忠诚", "绝对可靠"} <= set(tokens)
    assert Segmenter(policy_lexicon=None).segment("国土不可分") != ["国土不可分"]  # the policy lexicon's
