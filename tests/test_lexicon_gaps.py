"""The gap class of policy-lexicon candidates and the swallowing pass (tools/lexicon_gaps.py)."""

from __future__ import annotations

from pathlib import Path

from tools_helpers import tool_module

from textkit.datafiles import read_lines
from textkit.tokenize import DEFAULT_LEXICON, POLICY_LEXICON, Segmenter, read_lexicon

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def _gaps_module():
    return tool_module("lexicon_gaps")


def test_token_runs_are_counted_in_files_level_by_level():
    gaps = _gaps_module()
    tokenized = [["实现", "碳", "中", "和", "目标"], ["碳", "中", "和", "。"], ["碳", "排放"]]
    runs = gaps.token_runs(tokenized, min_docs=2)
    assert sorted(runs) == ["碳中和"]  # 碳排放 in one file; two-character runs are too short
    cuts, files, occurrences = runs["碳中和"]
    assert cuts == {"碳 中 和": 2} and files == {0, 1} and occurrences == 2
    assert gaps.token_runs(tokenized, min_docs=3) == {}


def test_function_character_edge_only_when_the_rest_owns_it():
    gaps = _gaps_module()
    counts = {"碳中和": (50, 30), "碳中": (52, 31), "发展和": (40, 20), "发展": (9000, 900)}
    assert gaps.edge_ok(["碳", "中", "和"], counts, frozenset())  # 碳中 is nearly always 碳中和
    assert not gaps.edge_ok(["发展", "和"], counts, frozenset())
    counts |= {"作为重点": (30, 10), "重点": (3000, 500)}
    assert not gaps.edge_ok(["作为", "重点"], counts, frozenset({"作为"}))  # a stopword edge


def test_term_shape_takes_nouns_set_phrases_and_long_formulas_not_names():
    gaps = _gaps_module()
    assert gaps.term_shape("制度优势", ["制度", "优势"], 5.1) == "noun"
    assert gaps.term_shape("同向发力", ["同向", "发力"], 12.9) == "set"
    assert gaps.term_shape("加快推进", ["加快", "推进"], 6.9) is None  # an adverb and a verb
    assert gaps.term_shape("应急管理部", ["应急管理", "部"], 9.0) is None  # an office's head
    assert gaps.term_shape("全国两会", ["全国", "两会"], 10.4) == "set"  # 两会 is not the head 会


def test_swallowing_flags_a_verb_phrase_around_an_entry_not_a_named_head():
    gaps = _gaps_module()
    rows = {"长江经济带": "", "协同衔接长江经济带": "", "生态文明": "", "生态文明建设": ""}
    texts = [f"推动长江经济带发展{i}" for i in range(10)] + ["协同衔接长江经济带", "推进生态文明建设"]
    texts += [f"建设生态文明{i}" for i in range(10)]
    assert gaps.swallowing(rows, texts, set()) == {"协同衔接长江经济带": "长江经济带"}
    assert gaps.swallowing(rows, texts, {"协同衔接长江经济带"}) == {}  # a reviewed keep
    assert gaps.swallowing(rows, texts[10:], set()) == {}  # the entry alone is not 5 times as frequent


def test_gap_review_is_recorded_with_reasons_and_kept_out():
    text = (TOOLS / "lexicon_gap_rejects.txt").read_text(encoding="utf-8")
    rejects = set(read_lines(TOOLS / "lexicon_gap_rejects.txt"))
    keeps = set(read_lines(TOOLS / "lexicon_gap_keeps.txt"))
    assert len(rejects) > 150 and all(f"# ({code})" in text for code in "abcde")
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    added = {line.split("#", 1)[0].strip() for line in lines if "# gap n-gram" in line}
    assert len(added) > 50 and not added & rejects and keeps <= added
    assert {"新征程", "全国两会", "以习近平同志为核心的党中央", "全面建设社会主义现代化国家"} <= added
    assert not {"习近平总书记", "交流合作", "的重要组成部分", "以习近平同志为核心"} & added
    # round 2 (members in 20-29 build files): kept, rejected, and rejected for hiding a kept term
    assert {"区块链", "全心全意为人民服务", "国家治理体系和治理能力现代化", "联合国宪章宗旨和原则"} <= added
    assert not {"丁薛祥", "降到最低", "实实在在的成效", "产业链供应链韧性", "产业链供应链安全"} & added
    # round 3 (g): members holding a campaign term, read; kept only where they take a small share
    assert {"新时代新征程", "马克思主义中国化时代化", "乡村振兴战略"} <= added
    assert not {"深入调查研究", "人民群众急难愁盼", "以人民为中心的发展思想", "专精特新中小企业"} & added
    campaign = {entry.term for entry in read_lexicon(DEFAULT_LEXICON)}
    holding = {term for term in added if any(c != term and c in term for c in campaign)}
    assert 0 < len(holding) <= 10 and not holding & rejects


def test_a_member_holding_a_campaign_term_is_left_out_as_a_wrapper_or_by_its_share():
    gaps = _gaps_module()
    campaign = {"新时代", "调查研究", "以人民为中心"}
    texts = ["新时代新征程上，新时代的" + "新时代" * 20, "深入调查研究，调查研究" * 3]
    texts += ["坚持以人民为中心的发展思想", "以人民为中心"]
    terms = ["新时代新征程", "深入调查研究", "以人民为中心的发展思想"]
    # a verb before the term; half of 以人民为中心's occurrences (> HIDE_SHARE); 新时代新征程 is 1 of 23
    assert gaps.hides_campaign_term(texts, terms, campaign) == ["深入调查研究", "以人民为中心的发展思想"]
    assert gaps.hides_campaign_term(texts * 2, ["新时代新征程"], campaign) == []


def test_swallowing_entries_are_left_out_of_the_policy_lexicon():
    policy = {entry.term for entry in read_lexicon(POLICY_LEXICON)}
    assert not {"协同衔接长江经济带", "如期打赢脱贫攻坚战", "民族复兴的突出位置"} & policy
    assert {"长江经济带", "生态保护补偿机制", "基于规则的国际秩序"} <= policy


def test_gap_terms_are_one_token_in_running_text():
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    tokens = segmenter.segment("在以习近平同志为核心的党中央坚强领导下，踏上全面建设社会主义现代化国家新征程")
    assert "以习近平同志为核心的党中央" in tokens and "新征程" in tokens
    assert "全面建设社会主义现代化国家" in tokens
    assert segmenter.segment("协同衔接长江经济带")[-1] == "长江经济带"
